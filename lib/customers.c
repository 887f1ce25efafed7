/* customers.c - the customer master. */
#include "customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

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
	t->rec[*out] = (struct customer){ empty, empty, empty, empty, empty };
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
customers_load(struct customer_table *t, struct csvio_reader *r, struct customers_error *e)
{
	int c_id = csvio_column(r, "customer");
	int c_name = csvio_column(r, "name");
	int c_coll = csvio_column(r, "collector");
	int c_status = csvio_column(r, "status");
	int c_company = csvio_column(r, "company");
	int c_limit = csvio_column(r, "credit_limit");
	int c_terms = csvio_column(r, "terms_days");
	struct csvio_record rec;
	ar_err err;

	e->line = 0;
	e->message[0] = '\0';
	if (c_id < 0) {
		e->line = 1;
		snprintf(e->message, sizeof e->message, "missing column \"customer\"");
		return AR_ECOLUMN;
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct customer *c;
		uint32_t id;
		bool added;
		int terms = -1;
		int64_t limit;

		e->line = rec.line;
		if (rec.field[c_id].len == 0) {
			snprintf(e->message, sizeof e->message, "customer is empty");
			return AR_ESYNTAX;
		}
		if ((err = customers_intern(t, rec.field[c_id].ptr, rec.field[c_id].len, &id, &added)) != AR_OK)
			return err;
		c = &t->rec[id];
		if (!added) {
			snprintf(e->message, sizeof e->message,
			    "customer \"%s\" appears twice", rec.field[c_id].ptr);
			return AR_ESYNTAX;
		}
		if (c_terms >= 0 && !parse_terms(rec.field[c_terms].ptr, rec.field[c_terms].len, &terms)) {
			snprintf(e->message, sizeof e->message,
			    "terms_days \"%s\" is not a number of days from 0 to 3650",
			    rec.field[c_terms].ptr);
			return AR_ESYNTAX;
		}
		/* The master has no currency for the limit: check it reads as an amount. */
		if (c_limit >= 0 && rec.field[c_limit].len > 0 &&
		    money_parse(rec.field[c_limit].ptr, rec.field[c_limit].len, 6,
		    MONEY_DECIMAL_POINT, &limit) != AR_OK) {
			snprintf(e->message, sizeof e->message,
			    "credit_limit \"%s\" is not an amount", rec.field[c_limit].ptr);
			return AR_ESYNTAX;
		}
		t->hot[id].terms_days = (int16_t)terms;
		c->name = copy_field(&rec, c_name);
		c->collector = copy_field(&rec, c_coll);
		c->status = copy_field(&rec, c_status);
		c->company = copy_field(&rec, c_company);
		c->credit_limit = copy_field(&rec, c_limit);
		if (!c->name || !c->collector || !c->status || !c->company || !c->credit_limit)
			return AR_ENOMEM;
		t->hot[id].in_master = true;
		t->hot[id].named = c->name[0] != '\0';
		t->in_master++;
	}
	if (err != AR_EOF) {
		e->line = csvio_error_line(r);
		snprintf(e->message, sizeof e->message, "%s", csvio_error(r));
		return err;
	}
	return AR_OK;
}
