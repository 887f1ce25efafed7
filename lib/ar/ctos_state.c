/* ctos_state.c - what is listed with the credit bureau now (ctos_state.h). */
#include "ar/ctos_state.h"

#include <stdlib.h>
#include <string.h>

#include "ar/items.h"
#include "core/date.h"
#include "core/money.h"
#include "core/strtab.h"

static const char *const state_columns[] = {
	"customer", "debtor_type", "name", "id_new", "id_old", "doc_no", "doc_date", "due_date",
	"currency", "original_amount", "outstanding", "listing_date", "notice_date", "notice_ref"
};
enum {
	S_CUSTOMER, S_DEBTOR_TYPE, S_NAME, S_ID_NEW, S_ID_OLD, S_DOC_NO, S_DOC_DATE, S_DUE_DATE,
	S_CURRENCY, S_ORIGINAL, S_OUTSTANDING, S_LISTING_DATE, S_NOTICE_DATE, S_NOTICE_REF,
	S_NCOLUMNS
};

/* A debtor read: its texts owned (strings[]), its items' doc_nos too. */
struct held_debtor {
	struct ctos_state_debtor d;
	char *strings[6];
	size_t cap;
};

struct ctos_state {
	currency_id currency;
	struct strtab *ids;
	struct held_debtor *debtors;      /* debtors[id] */
	size_t n, cap;
};

struct ctos_state *
ctos_state_new(currency_id currency)
{
	struct ctos_state *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->currency = currency;
	if ((s->ids = strtab_new(64)) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
ctos_state_free(struct ctos_state *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct held_debtor *h = &s->debtors[i];

		for (size_t k = 0; k < h->d.nitems; k++)
			free((char *)h->d.items[k].doc_no);
		free(h->d.items);
		for (size_t k = 0; k < 6; k++)
			free(h->strings[k]);
	}
	free(s->debtors);
	strtab_free(s->ids);
	free(s);
}

size_t
ctos_state_count(const struct ctos_state *s)
{
	return s->n;
}

const struct ctos_state_debtor *
ctos_state_debtor(const struct ctos_state *s, size_t i)
{
	return &s->debtors[i].d;
}

const struct ctos_state_debtor *
ctos_state_find(const struct ctos_state *s, const char *customer, size_t len)
{
	uint32_t id;

	return strtab_find(s->ids, customer, len, &id) ? &s->debtors[id].d : NULL;
}

static char *
copy(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static ar_err
read_day(const struct csvio_record *rec, int col, bool required, civil_day *out,
    struct ar_error *e)
{
	size_t len;
	const char *s = items_field(rec, col, &len);
	ar_err err;

	*out = DATE_NONE;
	if (len == 0 && !required)
		return AR_OK;
	if ((err = date_parse_format(s, len, "%Y-%m-%d", out)) != AR_OK)
		return ar_error_set(e, err, rec->line, "%s \"%.*s\" is "
		    "not a date (expected YYYY-MM-DD)", state_columns[col], (int)len, s);
	return AR_OK;
}

static ar_err
read_amount(const struct csvio_record *rec, int col, currency_id cur, int64_t *out,
    struct ar_error *e)
{
	size_t len;
	const char *s = items_field(rec, col, &len);
	ar_err err = money_parse_ungrouped(s, len, currency_exponent(cur), MONEY_DECIMAL_POINT,
	    out);

	if (err == AR_OK && *out <= 0)
		err = AR_ERANGE;
	if (err != AR_OK)
		return ar_error_set(e, err, rec->line, "%s \"%.*s\" is not an amount above zero "
		    "(such as 1234.56)", state_columns[col], (int)len, s);
	return AR_OK;
}

/* The debtor's columns of rec: those of its first row, or an error saying which differs. */
static ar_err
debtor_columns(struct held_debtor *h, const struct csvio_record *rec, const int *cols,
    struct ar_error *e)
{
	static const int texts[6] = { S_CUSTOMER, S_DEBTOR_TYPE, S_NAME, S_ID_NEW, S_ID_OLD,
	    S_NOTICE_REF };
	const char **fields[6] = { &h->d.customer, &h->d.debtor_type, &h->d.name, &h->d.id_new,
	    &h->d.id_old, &h->d.notice_ref };
	civil_day notice;
	ar_err err;

	if ((err = read_day(rec, cols[S_NOTICE_DATE], false, &notice, e)) != AR_OK)
		return err;
	for (int k = 0; k < 6; k++) {
		size_t len;
		const char *s = items_field(rec, cols[texts[k]], &len);

		if (h->strings[k] == NULL) {
			if ((h->strings[k] = copy(s, len)) == NULL)
				return AR_ENOMEM;
			*fields[k] = h->strings[k];
		} else if (strlen(h->strings[k]) != len || memcmp(h->strings[k], s, len) != 0) {
			return ar_error_set(e, AR_ESYNTAX, rec->line, "customer \"%s\": %s \"%.*s\" "
			    "differs from its row at line %ld (\"%s\")", h->d.customer,
			    state_columns[texts[k]], (int)len, s, h->d.line, h->strings[k]);
		}
	}
	if (h->d.line == rec->line)
		h->d.notice_date = notice;
	else if (notice != h->d.notice_date)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer \"%s\": notice_date differs "
		    "from its row at line %ld", h->d.customer, h->d.line);
	return AR_OK;
}

static ar_err
add_row(struct ctos_state *s, const struct csvio_record *rec, const int *cols,
    struct ar_error *e)
{
	struct ctos_listed l = { 0 };
	struct held_debtor *h;
	size_t len, dlen;
	const char *customer = items_field(rec, cols[S_CUSTOMER], &len);
	const char *doc_no = items_field(rec, cols[S_DOC_NO], &dlen);
	size_t clen;
	const char *cur = items_field(rec, cols[S_CURRENCY], &clen);
	currency_id c;
	uint32_t id;
	bool added;
	ar_err err;

	if (len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer is empty");
	if (dlen == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "doc_no is empty");
	if (currency_lookup(cur, clen, &c) != AR_OK || c != s->currency)
		return ar_error_set(e, AR_ECURRENCY, rec->line, "currency \"%.*s\" is not %s, the "
		    "currency of the listing ([ctos] currency)", (int)clen, cur,
		    currency_code(s->currency));
	if ((err = read_day(rec, cols[S_DOC_DATE], false, &l.doc_date, e)) != AR_OK ||
	    (err = read_day(rec, cols[S_DUE_DATE], true, &l.due_date, e)) != AR_OK ||
	    (err = read_day(rec, cols[S_LISTING_DATE], true, &l.listing_date, e)) != AR_OK ||
	    (err = read_amount(rec, cols[S_ORIGINAL], c, &l.original, e)) != AR_OK ||
	    (err = read_amount(rec, cols[S_OUTSTANDING], c, &l.outstanding, e)) != AR_OK)
		return err;
	if (strtab_intern(s->ids, customer, len, &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (added) {
		if (s->n == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 16;
			struct held_debtor *d = realloc(s->debtors, cap * sizeof *d);

			if (d == NULL)
				return AR_ENOMEM;
			s->debtors = d;
			s->cap = cap;
		}
		memset(&s->debtors[s->n], 0, sizeof s->debtors[s->n]);
		s->debtors[s->n].d.line = rec->line;
		s->n++;
	}
	h = &s->debtors[id];
	if ((err = debtor_columns(h, rec, cols, e)) != AR_OK)
		return err;
	for (size_t k = 0; k < h->d.nitems; k++)
		if (strlen(h->d.items[k].doc_no) == dlen &&
		    memcmp(h->d.items[k].doc_no, doc_no, dlen) == 0)
			return ar_error_set(e, AR_ESYNTAX, rec->line, "customer \"%s\": doc_no \"%.*s\" "
			    "is listed twice", h->d.customer, (int)dlen, doc_no);
	if (h->d.nitems == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 4;
		struct ctos_listed *items = realloc(h->d.items, cap * sizeof *items);

		if (items == NULL)
			return AR_ENOMEM;
		h->d.items = items;
		h->cap = cap;
	}
	if ((l.doc_no = copy(doc_no, dlen)) == NULL)
		return AR_ENOMEM;
	h->d.items[h->d.nitems++] = l;
	return AR_OK;
}

ar_err
ctos_state_load(struct ctos_state *s, struct csvio_reader *r, struct ar_error *e)
{
	int cols[S_NCOLUMNS];
	struct csvio_record rec;
	ar_err err;

	for (int k = 0; k < S_NCOLUMNS; k++)
		if ((cols[k] = csvio_column(r, state_columns[k])) < 0)
			return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\" (a state file "
			    "is what ar-ctos --commit wrote)", state_columns[k]);
	while ((err = csvio_read(r, &rec)) == AR_OK)
		if ((err = add_row(s, &rec, cols, e)) != AR_OK)
			return err;
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}

void
ctos_state_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, state_columns, S_NCOLUMNS);
}

void
ctos_state_write_debtor(struct csvio_writer *w, const struct ctos_state_debtor *d,
    currency_id currency)
{
	int exp = currency_exponent(currency);

	for (size_t i = 0; i < d->nitems; i++) {
		const struct ctos_listed *l = &d->items[i];

		csvio_write_str(w, d->customer);
		csvio_write_str(w, d->debtor_type);
		csvio_write_str(w, d->name);
		csvio_write_str(w, d->id_new);
		csvio_write_str(w, d->id_old);
		csvio_write_str(w, l->doc_no);
		csvio_write_day(w, l->doc_date);
		csvio_write_day(w, l->due_date);
		csvio_write_str(w, currency_code(currency));
		csvio_write_money(w, l->original, exp);
		csvio_write_money(w, l->outstanding, exp);
		csvio_write_day(w, l->listing_date);
		csvio_write_day(w, d->notice_date);
		csvio_write_str(w, d->notice_ref);
		csvio_end_record(w);
	}
}
