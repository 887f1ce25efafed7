/* customers.c - the customer master. */
#include "ar/customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

static char empty[] = "";

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

	for (size_t i = 0; i < n; i++) {
		free_text(t->rec[i].name);
		free_text(t->rec[i].collector);
		free_text(t->rec[i].status);
		free_text(t->rec[i].company);
		free_text(t->rec[i].credit_limit);
		free_text(t->rec[i].payer_account);
		free_text(t->rec[i].payer_names);
		free_text(t->rec[i].ref1);
	}
	free(t->rec);
	free(t->hot);
	strtab_free(t->ids);
	memset(t, 0, sizeof *t);
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
	t->rec[*out] = (struct customer){
	    empty, empty, empty, empty, empty, empty, empty, empty };
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
	free_text(t->rec[id].name);
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
	int c_name = csvio_column(r, "name");
	int c_coll = csvio_column(r, "collector");
	int c_status = csvio_column(r, "status");
	int c_company = csvio_column(r, "company");
	int c_limit = csvio_column(r, "credit_limit");
	int c_terms = csvio_column(r, "terms_days");
	int c_account = csvio_column(r, "payer_account");
	int c_aliases = csvio_column(r, "payer_names");
	int c_ref1 = csvio_column(r, "ref1");
	struct csvio_record rec;
	ar_err err;

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
		c->name = copy_field(&rec, c_name);
		c->collector = copy_field(&rec, c_coll);
		c->status = copy_field(&rec, c_status);
		c->company = copy_field(&rec, c_company);
		c->credit_limit = copy_field(&rec, c_limit);
		c->payer_account = copy_field(&rec, c_account);
		c->payer_names = copy_field(&rec, c_aliases);
		c->ref1 = copy_field(&rec, c_ref1);
		if (!c->name || !c->collector || !c->status || !c->company || !c->credit_limit ||
		    !c->payer_account || !c->payer_names || !c->ref1)
			return AR_ENOMEM;
		t->hot[id].in_master = true;
		t->hot[id].named = c->name[0] != '\0';
		t->in_master++;
	}
	if (err != AR_EOF)
		return ar_error_set(e, err, csvio_error(r)->line, "%s", csvio_error(r)->message);
	return AR_OK;
}
