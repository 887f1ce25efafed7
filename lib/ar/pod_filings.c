/* pod_filings.c - the journal's proofs of debt and dividends (pod_filings.h). */
#include "ar/pod_filings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ar/journal.h"
#include "core/money.h"
#include "core/strtab.h"

/* One proof: a customer's currency and cut-off. */
struct proof {
	currency_id currency;
	civil_day cut_off;
	struct journal_seq latest;       /* the latest pod_filed or pod_amended row */
	int64_t claim;           /* its amount */
	char *ref;               /* its ref, owned */
	civil_day filed, amended;
};

/* The dividends of one currency and day, merged: they fall to the same proof. */
struct dividend {
	currency_id currency;
	civil_day date;
	int64_t amount;
	unsigned long rows;
};

struct fcustomer {
	struct proof *proofs;
	size_t nproofs, proofs_cap;
	struct dividend *dividends;
	size_t ndividends, dividends_cap;
};

struct pod_filings {
	civil_day as_of;
	currency_id default_currency;
	struct strtab *ids;
	struct fcustomer *cust;   /* cust[id] for every id in ids */
	size_t cap;
};

enum pod_action { ACT_OTHER, ACT_FILED, ACT_AMENDED, ACT_DIVIDEND };

static const char *const action_words[] = { "", "pod_filed", "pod_amended", "dividend" };

/*
 * The customers with a record: every id, but for one interned just before
 * its record could not be made (out of memory).
 */
static size_t
customers_held(const struct pod_filings *f)
{
	size_t n = strtab_count(f->ids);

	return n < f->cap ? n : f->cap;
}

ar_err
pod_filings_new(struct pod_filings **out, civil_day as_of, currency_id default_currency)
{
	struct pod_filings *f = calloc(1, sizeof *f);

	*out = NULL;
	if (f == NULL)
		return AR_ENOMEM;
	/* A handful of debtors in liquidation, not the whole ledger. */
	if ((f->ids = strtab_new(64)) == NULL) {
		free(f);
		return AR_ENOMEM;
	}
	f->as_of = as_of;
	f->default_currency = default_currency;
	*out = f;
	return AR_OK;
}

void
pod_filings_free(struct pod_filings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < customers_held(f); i++) {
		struct fcustomer *c = &f->cust[i];

		for (size_t k = 0; k < c->nproofs; k++)
			free(c->proofs[k].ref);
		free(c->proofs);
		free(c->dividends);
	}
	free(f->cust);
	strtab_free(f->ids);
	free(f);
}

static enum pod_action
action_of(const char *s, size_t len)
{
	for (size_t i = ACT_FILED; i <= ACT_DIVIDEND; i++)
		if (strlen(action_words[i]) == len && strncasecmp(s, action_words[i], len) == 0)
			return (enum pod_action)i;
	return ACT_OTHER;
}

/* One kept row, read and checked whole before anything changes. */
struct frow {
	enum pod_action action;
	struct journal_seq at;
	const char *customer, *ref;
	size_t customer_len, ref_len;
	currency_id currency;
	int64_t amount;
	civil_day due;
};

static ar_err
read_amount(const struct csvio_record *rec, int col, const struct item_format *fmt,
    struct frow *row, struct ar_error *e)
{
	size_t len;
	const char *t = items_field(rec, col, &len);
	const char *word = action_words[row->action];
	ar_err err;

	if (len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "a %s row needs an amount", word);
	err = money_parse(t, len, currency_exponent(row->currency), fmt->decimal, &row->amount);
	if (err == AR_EDECIMALS) {
		char msg[sizeof e->message];

		money_decimals_message(msg, sizeof msg, "amount", t, len, row->currency,
		    "[input] decimal");
		return ar_error_set(e, err, rec->line, "%s", msg);
	}
	if (err != AR_OK)
		return ar_error_set(e, err, rec->line, "amount \"%s\" is not an amount", t);
	if (row->action == ACT_DIVIDEND && row->amount <= 0)
		return ar_error_set(e, AR_ERANGE, rec->line,
		    "amount \"%s\" of a dividend is not above zero", t);
	/* A proof claims the net claim, which is never below zero (pod.h). */
	if (row->action != ACT_DIVIDEND && row->amount < 0)
		return ar_error_set(e, AR_ERANGE, rec->line,
		    "amount \"%s\" of a %s row is below zero", t, word);
	return AR_OK;
}

/*
 * The row when it is one of ours and known at the as-of date (*keep), else
 * nothing; an error in *e for a kept row that does not read.
 */
static ar_err
read_row(const struct pod_filings *f, const struct csvio_record *rec,
    const struct journal_columns *cols, int ref_col, const struct item_format *fmt,
    struct frow *row, bool *keep, struct ar_error *e)
{
	size_t len;
	const char *t = items_field(rec, cols->action, &len);
	ar_err err;

	*keep = false;
	memset(row, 0, sizeof *row);
	if ((row->action = action_of(t, len)) == ACT_OTHER)
		return AR_OK;
	t = items_field(rec, cols->date, &len);
	if ((err = date_parse(t, len, &fmt->dates, &row->at.date)) != AR_OK)
		return ar_error_set(e, err, rec->line, "date \"%s\" is not a date", t);
	/* Not yet known at the as-of date (journal.h): not read further. */
	if (row->at.date > f->as_of)
		return AR_OK;
	row->at.line = rec->line;
	row->customer = items_field(rec, cols->customer, &row->customer_len);
	if (row->customer_len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer is empty");
	row->currency = f->default_currency;
	t = items_field(rec, cols->currency, &len);
	if (len > 0 && (err = currency_lookup(t, len, &row->currency)) != AR_OK)
		return ar_error_set(e, err, rec->line,
		    "currency \"%s\" is not a known currency code", t);
	if ((err = read_amount(rec, cols->amount, fmt, row, e)) != AR_OK)
		return err;
	row->due = DATE_NONE;
	if (row->action != ACT_DIVIDEND) {
		t = items_field(rec, cols->due, &len);
		if (len == 0)
			return ar_error_set(e, AR_ESYNTAX, rec->line,
			    "a %s row needs a due date (the cut-off)", action_words[row->action]);
		if ((err = date_parse(t, len, &fmt->dates, &row->due)) != AR_OK)
			return ar_error_set(e, err, rec->line, "due \"%s\" is not a date", t);
	}
	row->ref = items_field(rec, ref_col, &row->ref_len);
	*keep = true;
	return AR_OK;
}

/* The customer's record, made when new. */
static ar_err
customer_of(struct pod_filings *f, const char *id, size_t len, struct fcustomer **out)
{
	uint32_t n;
	bool added;
	ar_err err;

	if ((err = strtab_intern(f->ids, id, len, &n, &added)) != AR_OK)
		return err;
	if (n >= f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct fcustomer *c;

		while (cap <= n)
			cap *= 2;
		if ((c = realloc(f->cust, cap * sizeof *c)) == NULL)
			return AR_ENOMEM;
		f->cust = c;
		f->cap = cap;
	}
	if (added)
		memset(&f->cust[n], 0, sizeof f->cust[n]);
	*out = &f->cust[n];
	return AR_OK;
}

/* items (n of size bytes) with room for one more, *cap grown; NULL (items kept): no memory. */
static void *
room_for_one(void *items, size_t n, size_t *cap, size_t size)
{
	size_t c = *cap ? *cap * 2 : 4;
	void *p;

	if (n < *cap)
		return items;
	if ((p = realloc(items, c * size)) == NULL)
		return NULL;
	*cap = c;
	return p;
}

static ar_err
apply_proof(struct fcustomer *c, const struct frow *row)
{
	struct proof *p = NULL;

	for (size_t i = 0; i < c->nproofs; i++)
		if (c->proofs[i].currency == row->currency && c->proofs[i].cut_off == row->due)
			p = &c->proofs[i];
	if (p == NULL) {
		if ((p = room_for_one(c->proofs, c->nproofs, &c->proofs_cap, sizeof *p)) == NULL)
			return AR_ENOMEM;
		c->proofs = p;
		p += c->nproofs;
		memset(p, 0, sizeof *p);
		p->currency = row->currency;
		p->cut_off = row->due;
		p->latest.date = DATE_NONE;
		p->filed = p->amended = DATE_NONE;
		c->nproofs++;
	}
	if (journal_seq_after(row->at, p->latest)) {
		char *ref = malloc(row->ref_len + 1);

		if (ref == NULL)
			return AR_ENOMEM;
		memcpy(ref, row->ref, row->ref_len);
		ref[row->ref_len] = '\0';
		free(p->ref);
		p->ref = ref;
		p->latest = row->at;
		p->claim = row->amount;
	}
	if (row->action == ACT_FILED && (p->filed == DATE_NONE || row->at.date < p->filed))
		p->filed = row->at.date;
	if (row->action == ACT_AMENDED && (p->amended == DATE_NONE || row->at.date > p->amended))
		p->amended = row->at.date;
	return AR_OK;
}

static ar_err
apply_dividend(struct fcustomer *c, const struct frow *row, struct ar_error *e)
{
	struct dividend *d = NULL;

	for (size_t i = 0; i < c->ndividends; i++)
		if (c->dividends[i].currency == row->currency &&
		    c->dividends[i].date == row->at.date)
			d = &c->dividends[i];
	if (d != NULL) {
		if (money_add(&d->amount, row->amount) != AR_OK)
			return ar_error_set(e, AR_ERANGE, row->at.line, "the dividends in %s of "
			    "one day pass the largest amount this program can hold",
			    currency_code(row->currency));
		d->rows++;
		return AR_OK;
	}
	if ((d = room_for_one(c->dividends, c->ndividends, &c->dividends_cap, sizeof *d)) == NULL)
		return AR_ENOMEM;
	c->dividends = d;
	d += c->ndividends++;
	d->currency = row->currency;
	d->date = row->at.date;
	d->amount = row->amount;
	d->rows = 1;
	return AR_OK;
}

ar_err
pod_filings_load(struct pod_filings *f, struct csvio_reader *r, const struct item_format *fmt,
    struct ar_error *e)
{
	struct journal_columns cols;
	struct csvio_record rec;
	const char *missing;
	int ref_col;
	ar_err err;

	if (journal_bind(r, &cols, &missing) != AR_OK)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", missing);
	/* ref is not one of journal.h's columns: only the proofs keep it. */
	ref_col = csvio_column(r, "ref");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct fcustomer *c;
		struct frow row;
		bool keep;

		if ((err = read_row(f, &rec, &cols, ref_col, fmt, &row, &keep, e)) != AR_OK)
			return err;
		if (!keep)
			continue;
		if (customer_of(f, row.customer, row.customer_len, &c) != AR_OK)
			return ar_error_set(e, AR_ENOMEM, rec.line, "out of memory");
		if (row.action == ACT_DIVIDEND)
			err = apply_dividend(c, &row, e);
		else
			err = apply_proof(c, &row);
		if (err == AR_ENOMEM)
			return ar_error_set(e, AR_ENOMEM, rec.line, "out of memory");
		if (err != AR_OK)
			return err;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}

bool
pod_filings_has(const struct pod_filings *f, const char *customer, size_t len, civil_day cut_off)
{
	const struct fcustomer *c;
	uint32_t n;

	if (!strtab_find(f->ids, customer, len, &n) || n >= customers_held(f))
		return false;
	c = &f->cust[n];
	for (size_t i = 0; i < c->nproofs; i++)
		if (c->proofs[i].cut_off == cut_off)
			return true;
	return false;
}

static int
register_order(const void *pa, const void *pb)
{
	const struct pod_register_row *a = pa, *b = pb;
	int d = strcmp(a->customer, b->customer);

	if (d != 0)
		return d;
	if (a->currency != b->currency)
		return strcmp(currency_code(a->currency), currency_code(b->currency));
	return a->cut_off < b->cut_off ? -1 : a->cut_off > b->cut_off;
}

/*
 * The row of the customer's rows[first..*n) a dividend belongs to: its
 * proof with the latest cut-off on or before the dividend, else the row of
 * no proof of its currency, added at rows[*n] when new.
 */
static struct pod_register_row *
row_of_dividend(struct pod_register_row *rows, size_t first, size_t *n, const char *customer,
    const struct dividend *d)
{
	struct pod_register_row *best = NULL, *none = NULL;

	for (size_t i = first; i < *n; i++) {
		struct pod_register_row *r = &rows[i];

		if (r->currency != d->currency)
			continue;
		if (r->cut_off == DATE_NONE)
			none = r;
		else if (r->cut_off <= d->date && (best == NULL || r->cut_off > best->cut_off))
			best = r;
	}
	if (best != NULL)
		return best;
	if (none != NULL)
		return none;
	none = &rows[(*n)++];
	memset(none, 0, sizeof *none);
	none->customer = customer;
	none->currency = d->currency;
	none->cut_off = none->filed = none->amended = DATE_NONE;
	none->ref = "";
	return none;
}

ar_err
pod_filings_register(const struct pod_filings *f, struct pod_register_row **rows, size_t *n)
{
	size_t count = customers_held(f), cap = 0, k = 0;
	struct pod_register_row *out;

	*rows = NULL;
	*n = 0;
	/* At most a row per proof and per day of dividends. */
	for (size_t i = 0; i < count; i++)
		cap += f->cust[i].nproofs + f->cust[i].ndividends;
	if (cap == 0)
		return AR_OK;
	if ((out = calloc(cap, sizeof *out)) == NULL)
		return AR_ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		const struct fcustomer *c = &f->cust[i];
		const char *customer = strtab_key(f->ids, i);
		size_t first = k;

		for (size_t p = 0; p < c->nproofs; p++) {
			struct pod_register_row *r = &out[k++];

			r->customer = customer;
			r->currency = c->proofs[p].currency;
			r->cut_off = c->proofs[p].cut_off;
			r->claim = c->proofs[p].claim;
			r->filed = c->proofs[p].filed;
			r->amended = c->proofs[p].amended;
			r->ref = c->proofs[p].ref != NULL ? c->proofs[p].ref : "";
		}
		for (size_t d = 0; d < c->ndividends; d++) {
			struct pod_register_row *r = row_of_dividend(out, first, &k, customer,
			    &c->dividends[d]);

			if (money_add(&r->dividends, c->dividends[d].amount) != AR_OK) {
				free(out);
				return AR_ERANGE;
			}
			r->dividend_rows += c->dividends[d].rows;
		}
	}
	/* Both are at least 0 (load refuses a negative claim): the difference always fits. */
	for (size_t i = 0; i < k; i++)
		out[i].unrecovered = out[i].claim - out[i].dividends;
	qsort(out, k, sizeof *out, register_order);
	*rows = out;
	*n = k;
	return AR_OK;
}
