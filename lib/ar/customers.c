/* customers.c - the customer master. */
#include "ar/customers.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

static char empty[] = "";

/* The text columns of the master, each kept as written ("" when absent or empty). */
static const struct {
	const char *column;
	size_t field;       /* offset of its char * in struct customer */
} text_columns[] = {
	{ "name", offsetof(struct customer, name) },
	{ "collector", offsetof(struct customer, collector) },
	{ "status", offsetof(struct customer, status) },
	{ "company", offsetof(struct customer, company) },
	{ "credit_limit", offsetof(struct customer, credit_limit) },
	{ "payer_account", offsetof(struct customer, payer_account) },
	{ "payer_names", offsetof(struct customer, payer_names) },
	{ "ref1", offsetof(struct customer, ref1) },
	{ "lang", offsetof(struct customer, lang) },
	{ "email", offsetof(struct customer, email) },
	{ "phone", offsetof(struct customer, phone) },
	{ "address", offsetof(struct customer, address) },
	{ "country", offsetof(struct customer, country) },
	{ "status_date", offsetof(struct customer, status_date) },
	{ "dunning_block", offsetof(struct customer, dunning_block) },
	{ "channel", offsetof(struct customer, channel) },
	{ "interest_rate", offsetof(struct customer, interest_rate) },
	{ "name_local", offsetof(struct customer, name_local) },
	{ "reg_no", offsetof(struct customer, reg_no) },
	{ "entity", offsetof(struct customer, entity) },
	{ "id_type", offsetof(struct customer, id_type) },
	{ "liquidator", offsetof(struct customer, liquidator) },
	{ "liquidator_address", offsetof(struct customer, liquidator_address) },
	{ "bank_account", offsetof(struct customer, bank_account) },
	{ "bank_code", offsetof(struct customer, bank_code) },
	{ "bank_holder", offsetof(struct customer, bank_holder) },
};
#define NTEXT (sizeof text_columns / sizeof text_columns[0])

static char **
text_field(struct customer *c, size_t k)
{
	return (char **)((char *)c + text_columns[k].field);
}

ar_err
customers_init(struct customer_table *t, size_t expected)
{
	memset(t, 0, sizeof *t);
	if ((t->ids = strtab_new(expected)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

static void
free_text(char *s)
{
	if (s != empty)
		free(s);
}

void
customers_free(struct customer_table *t)
{
	size_t n = t->ids ? strtab_count(t->ids) : 0;

	for (size_t i = 0; i < t->borrowed; i++)
		if (!t->lent_name[i])
			free_text(t->rec[i].name);     /* named by an item here */
	free(t->lent_name);
	for (size_t i = t->borrowed; i < n; i++)
		for (size_t k = 0; k < NTEXT; k++)
			free_text(*text_field(&t->rec[i], k));
	free(t->rec);
	free(t->hot);
	strtab_free(t->ids);
	memset(t, 0, sizeof *t);
}

ar_err
customers_share(struct customer_table *t, const struct customer_table *master, size_t more)
{
	size_t n = strtab_count(master->ids);
	uint32_t id;
	bool added;
	ar_err err;

	/* Sized at once: a table grown from small is in 4 KiB pages, and misses the TLB. */
	if ((err = customers_init(t, n + more)) != AR_OK)
		return err;
	for (size_t i = 0; i < n; i++)
		if ((err = customers_intern(t, strtab_key(master->ids, (uint32_t)i),
		    strtab_key_len(master->ids, (uint32_t)i), &id, &added)) != AR_OK)
			return err;
	if (n > 0) {
		if ((t->lent_name = malloc(n * sizeof *t->lent_name)) == NULL)
			return AR_ENOMEM;
		memset(t->lent_name, true, n * sizeof *t->lent_name);
		memcpy(t->rec, master->rec, n * sizeof *t->rec);
		memcpy(t->hot, master->hot, n * sizeof *t->hot);
	}
	t->borrowed = n;
	t->in_master = master->in_master;
	return AR_OK;
}

ar_err
customers_intern(struct customer_table *t, const char *id, size_t len,
    uint32_t *out, bool *added)
{
	ar_err err;

	if ((err = strtab_intern(t->ids, id, len, out, added)) != AR_OK)
		return err;
	if (!*added)
		return AR_OK;
	if (*out >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct customer *rec = realloc(t->rec, cap * sizeof *rec);
		struct customer_hot *hot;

		if (rec == NULL)
			return AR_ENOMEM;
		t->rec = rec;
		if ((hot = realloc(t->hot, cap * sizeof *hot)) == NULL)
			return AR_ENOMEM;
		t->hot = hot;
		t->cap = cap;
	}
	for (size_t k = 0; k < NTEXT; k++)
		*text_field(&t->rec[*out], k) = empty;
	t->rec[*out].line = 0;
	t->hot[*out] = (struct customer_hot){ -1, false, false };
	return AR_OK;
}

ar_err
customers_set_name(struct customer_table *t, uint32_t id, const char *name, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		return AR_ENOMEM;
	memcpy(s, name, len);
	s[len] = '\0';
	if (id >= t->borrowed || !t->lent_name[id])
		free_text(t->rec[id].name);
	else
		t->lent_name[id] = false;
	t->rec[id].name = s;
	t->hot[id].named = len > 0;
	return AR_OK;
}

static char *
copy_field(const struct csvio_record *rec, int col)
{
	char *s;

	if (col < 0 || rec->field[col].len == 0)
		return empty;
	if ((s = malloc(rec->field[col].len + 1)) != NULL)
		memcpy(s, rec->field[col].ptr, rec->field[col].len + 1);
	return s;
}

/* terms_days: a whole number of days, 0 to 3650; empty means unknown. */
static bool
parse_terms(const char *s, size_t len, int *days)
{
	int v = 0;

	if (len == 0) {
		*days = -1;
		return true;
	}
	if (len > 4)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*days = v;
	return v <= 3650;
}

ar_err
customers_load(struct customer_table *t, struct csvio_reader *r, struct ar_error *e)
{
	int c_id = csvio_column(r, "customer");
	int c_limit = csvio_column(r, "credit_limit");
	int c_terms = csvio_column(r, "terms_days");
	int col[NTEXT];
	struct csvio_record rec;
	ar_err err;

	for (size_t k = 0; k < NTEXT; k++)
		col[k] = csvio_column(r, text_columns[k].column);

	memset(e, 0, sizeof *e);   /* its file stays "": the caller's reader is the file */
	if (c_id < 0)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"customer\"");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		const struct csvio_field *f = rec.field;
		struct customer *c;
		uint32_t id;
		bool added;
		int terms = -1;
		int64_t limit;

		if (f[c_id].len == 0)
			return ar_error_set(e, AR_ESYNTAX, rec.line, "customer is empty");
		if ((err = customers_intern(t, f[c_id].ptr, f[c_id].len, &id, &added)) != AR_OK)
			return err;
		c = &t->rec[id];
		if (!added)
			return ar_error_set(e, AR_ESYNTAX, rec.line,
			    "customer \"%s\" appears twice", f[c_id].ptr);
		if (c_terms >= 0 && !parse_terms(f[c_terms].ptr, f[c_terms].len, &terms))
			return ar_error_set(e, AR_ESYNTAX, rec.line,
			    "terms_days \"%s\" is not a number of days from 0 to 3650", f[c_terms].ptr);
		/* The master has no currency for the limit: check it reads as an amount. */
		if (c_limit >= 0 && f[c_limit].len > 0 &&
		    money_parse(f[c_limit].ptr, f[c_limit].len, 6, MONEY_DECIMAL_POINT, &limit) != AR_OK)
			return ar_error_set(e, AR_ESYNTAX, rec.line,
			    "credit_limit \"%s\" is not an amount", f[c_limit].ptr);
		t->hot[id].terms_days = (int16_t)terms;
		for (size_t k = 0; k < NTEXT; k++)
			if ((*text_field(c, k) = copy_field(&rec, col[k])) == NULL) {
				for (size_t m = k + 1; m < NTEXT; m++)
					*text_field(c, m) = empty;   /* freeable by customers_free */
				return AR_ENOMEM;
			}
		c->line = rec.line;
		t->hot[id].in_master = true;
		t->hot[id].named = c->name[0] != '\0';
		t->in_master++;
	}
	if (err != AR_EOF)
		return ar_error_set(e, err, csvio_error(r)->line, "%s", csvio_error(r)->message);
	return AR_OK;
}
