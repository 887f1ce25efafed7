/* items.c - binding, parsing and writing rows of the items stream. */
#include "ar/items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strtab.h"

const char *const items_columns[ITEMS_NCOLUMNS] = {
	"customer", "doc_no", "doc_type", "doc_date", "due_date", "currency",
	"amount", "company", "ref", "name", "dispute", "block"
};

ar_err
items_bind(const struct csvio_reader *r, bool need_doc_date,
    struct item_columns *c, const char **missing)
{
	c->customer = csvio_column(r, "customer");
	c->name = csvio_column(r, "name");
	c->doc_no = csvio_column(r, "doc_no");
	c->doc_type = csvio_column(r, "doc_type");
	c->doc_date = csvio_column(r, "doc_date");
	c->due_date = csvio_column(r, "due_date");
	c->currency = csvio_column(r, "currency");
	c->amount = csvio_column(r, "amount");
	c->company = csvio_column(r, "company");
	c->collector = csvio_column(r, "collector");
	c->line = csvio_column(r, "line");
	c->dispute = csvio_column(r, "dispute");

	*missing = NULL;
	if (c->customer < 0)
		*missing = "customer";
	else if (c->currency < 0)
		*missing = "currency";
	else if (c->amount < 0)
		*missing = "amount";
	else if (c->doc_date < 0 && (need_doc_date || c->due_date < 0))
		*missing = "doc_date";
	return *missing ? AR_ECOLUMN : AR_OK;
}

static ar_err
parse_date_field(const struct csvio_record *rec, int col, const char *name,
    const struct item_format *fmt, civil_day *day, struct item_problem *p)
{
	size_t len;
	const char *s = items_field(rec, col, &len);
	ar_err err;

	*day = DATE_NONE;
	if (len == 0)
		return AR_OK;
	if ((err = date_parse(s, len, &fmt->dates, day)) != AR_OK) {
		p->column = name;
		p->text = s;
		p->err = err;
	}
	return err;
}

ar_err
items_parse(const struct csvio_record *rec, const struct item_columns *c,
    const struct item_format *fmt, struct item *it, struct item_problem *p)
{
	size_t len;
	const char *s;
	ar_err err;

	it->customer = items_field(rec, c->customer, &it->customer_len);
	if (it->customer_len == 0) {
		p->column = "customer";
		p->text = "";
		p->err = AR_ESYNTAX;
		return AR_ESYNTAX;
	}
	s = items_field(rec, c->currency, &len);
	it->currency_defaulted = len == 0 && fmt->has_default_currency;
	if (it->currency_defaulted)
		it->currency = fmt->default_currency;
	else if ((err = currency_lookup(s, len, &it->currency)) != AR_OK) {
		p->column = "currency";
		p->text = s;
		p->err = err;
		return err;
	}
	s = items_field(rec, c->amount, &len);
	err = money_parse(s, len, currency_exponent(it->currency), fmt->decimal, &it->amount);
	if (err != AR_OK) {
		p->column = "amount";
		p->text = s;
		p->err = err;
		p->currency = it->currency;
		return err;
	}
	if ((err = parse_date_field(rec, c->doc_date, "doc_date", fmt, &it->doc_date, p)) != AR_OK)
		return err;
	return parse_date_field(rec, c->due_date, "due_date", fmt, &it->due_date, p);
}

void
items_problem_text(const struct item_problem *p, char *buf, size_t cap)
{
	const char *what;

	if (strcmp(p->column, "customer") == 0) {
		snprintf(buf, cap, "customer is empty");
		return;
	}
	if (strcmp(p->column, "currency") == 0) {
		snprintf(buf, cap, "currency \"%s\" is %s", p->text,
		    p->err == AR_ECURRENCY ? "not a known currency (add [currency.CODE] to ar.ini)"
		    : "not a currency code (expected three capital letters, e.g. MYR)");
		return;
	}
	if (strcmp(p->column, "amount") == 0) {
		switch (p->err) {
		case AR_EDECIMALS:
			money_decimals_message(buf, cap, "amount", p->text, strlen(p->text),
			    p->currency, "[input] decimal");
			return;
		case AR_ERANGE: what = "is too large"; break;
		default:        what = "is not an amount (expected e.g. 1234.56)"; break;
		}
		snprintf(buf, cap, "amount \"%s\" %s", p->text, what);
		return;
	}
	switch (p->err) {
	case AR_ERANGE:     what = "is not a date (no such day)"; break;
	case AR_EAMBIGUOUS: what = "is ambiguous (use a four-digit year)"; break;
	default:            what = "is not a date (expected YYYY-MM-DD)"; break;
	}
	snprintf(buf, cap, "%s \"%s\" %s", p->column, p->text, what);
}

void
items_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, items_columns, ITEMS_NCOLUMNS);
}

void
items_write_row(struct csvio_writer *w, const struct item_row *r)
{
	csvio_write_str(w, r->customer);
	csvio_write_str(w, r->doc_no);
	csvio_write_str(w, r->doc_type);
	csvio_write_day(w, r->doc_date);
	csvio_write_day(w, r->due_date);
	csvio_write_str(w, currency_code(r->currency));
	csvio_write_money(w, r->amount, currency_exponent(r->currency));
	csvio_write_str(w, r->company);
	csvio_write_str(w, r->ref);
	csvio_write_str(w, r->name);
	csvio_write_str(w, r->dispute);
	csvio_write_str(w, r->block);
	csvio_end_record(w);
}

void
items_write_with_amount(struct csvio_writer *w, const struct csvio_record *rec,
    size_t ncolumns, int amount_col, int64_t minor, currency_id cur,
    enum money_decimal decimal)
{
	for (size_t c = 0; c < ncolumns; c++) {
		if ((int)c == amount_col) {
			char buf[MONEY_TEXT_MAX];
			size_t len = money_format(minor, currency_exponent(cur), buf);

			if (decimal == MONEY_DECIMAL_COMMA)
				for (size_t i = 0; i < len; i++)
					if (buf[i] == '.')
						buf[i] = ',';
			csvio_write_field(w, buf, len);
		} else if (c < rec->nfields) {
			csvio_write_field(w, rec->field[c].ptr, rec->field[c].len);
		} else {
			csvio_write_str(w, "");
		}
	}
	csvio_end_record(w);
}

struct items_customers {
	struct strtab *ids;
	char **names;		/* by customer id; NULL until a name is seen */
	size_t cap;
};

struct items_customers *
items_customers_new(void)
{
	struct items_customers *c = calloc(1, sizeof *c);

	if (c != NULL && (c->ids = strtab_new(1024)) == NULL) {
		free(c);
		c = NULL;
	}
	return c;
}

/* The first name a customer is given is kept. */
ar_err
items_customers_note(struct items_customers *c, const char *customer,
    const char *name)
{
	uint32_t id;
	bool added;
	size_t cap;
	char **n;

	if (strtab_intern(c->ids, customer, strlen(customer), &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (id >= c->cap) {
		cap = c->cap ? c->cap * 2 : 1024;
		if ((n = realloc(c->names, cap * sizeof *n)) == NULL)
			return AR_ENOMEM;
		memset(n + c->cap, 0, (cap - c->cap) * sizeof *n);
		c->names = n;
		c->cap = cap;
	}
	if (c->names[id] == NULL && name[0] != '\0' &&
	    (c->names[id] = strdup(name)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

void
items_customers_write(const struct items_customers *c, struct csvio_writer *w)
{
	static const char *const header[] = { "customer", "name" };
	size_t n = strtab_count(c->ids);

	csvio_write_names(w, header, 2);
	for (size_t i = 0; i < n; i++) {
		csvio_write_str(w, strtab_key(c->ids, (uint32_t)i));
		csvio_write_str(w, i < c->cap && c->names[i] ? c->names[i] : "");
		csvio_end_record(w);
	}
}

void
items_customers_free(struct items_customers *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->cap; i++)
		free(c->names[i]);
	free(c->names);
	strtab_free(c->ids);
	free(c);
}
