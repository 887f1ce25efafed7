/* recon.c - a customer's ledger of us against our items (recon.h). */
#include "ar/recon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/docref.h"
#include "core/money.h"

enum basis { BY_NONE, BY_DOC_NO, BY_REFERENCE, BY_AMOUNT_DATE };

struct doc {
	char *doc_no, *doc_type;
	char key[DOCREF_KEY_SIZE];
	civil_day date;
	currency_id currency;
	int64_t amount;
	long pair;              /* index of the line, -1 */
	size_t cands;           /* pass 3: lines it could be */
};

struct line {
	char *doc_no, *ref;
	char key[DOCREF_KEY_SIZE];
	civil_day date;
	currency_id currency;
	int64_t amount;
	enum recon_kind kind;
	long lineno;
	long pair;              /* index of the document, -1 */
	enum basis basis;
	long twice_of;          /* pass 1: the key is a document's already paired with this line */
	long bank;              /* the bank credit that is its payment, -1 */
};

struct cand {
	char *payment_id;
	civil_day value_date;
	size_t line;
	bool cited;
	long gap;               /* days from their date */
	size_t seq;             /* as offered */
	bool taken;
};

/* A line in transit, as a bank credit looks for it. */
struct transit {
	currency_id currency;
	int64_t amount;
	size_t line;
};

struct recon {
	struct doc *docs;
	size_t ndocs, capdocs;
	struct line *lines;
	size_t nlines, caplines;
	struct cand *cands;
	size_t ncands, capcands;
	struct transit *transit; /* the payments in transit by currency, amount, line; made once */
	size_t ntransit;
	bool transit_made;
	size_t *slot;           /* hash of (doc_no, currency) -> doc index + 1 */
	size_t nslots;
	struct recon_row *rows;
	size_t nrows;
	struct recon_balance bal[CURRENCY_MAX];
	size_t nbal;
	bool seen[CURRENCY_MAX];
	int64_t ours[CURRENCY_MAX], theirs[CURRENCY_MAX];
	int match_days;
};

static const char *const class_names[RECON_NCLASSES] = {
	"matched", "amount_differs", "missing_theirs", "missing_ours", "payment_in_transit",
	"credit_note_pending"
};

const char *
recon_class_name(enum recon_class c)
{
	return c < RECON_NCLASSES ? class_names[c] : "";
}

ar_err
recon_new(struct recon **out)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

void
recon_free(struct recon *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ndocs; i++) {
		free(r->docs[i].doc_no);
		free(r->docs[i].doc_type);
	}
	for (size_t i = 0; i < r->nlines; i++) {
		free(r->lines[i].doc_no);
		free(r->lines[i].ref);
	}
	for (size_t i = 0; i < r->ncands; i++)
		free(r->cands[i].payment_id);
	free(r->docs);
	free(r->lines);
	free(r->cands);
	free(r->transit);
	free(r->slot);
	free(r->rows);
	free(r);
}

static bool
grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t m;
	void *p;

	if (n < *cap)
		return true;
	m = *cap ? 2 * *cap : 64;
	if ((p = realloc(*v, m * size)) == NULL)
		return false;
	*v = p;
	*cap = m;
	return true;
}

static size_t
hash_doc(const char *doc_no, currency_id cur)
{
	size_t h = 14695981039346656037u;

	for (const unsigned char *s = (const unsigned char *)doc_no; *s != '\0'; s++)
		h = (h ^ *s) * 1099511628211u;
	return (h ^ (size_t)cur) * 1099511628211u;
}

/* The table of documents by doc_no and currency, twice as large as they are many. */
static ar_err
rehash(struct recon *r)
{
	size_t n = r->nslots ? 2 * r->nslots : 256;
	size_t *slot = calloc(n, sizeof *slot);

	if (slot == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < r->ndocs; i++) {
		size_t h = hash_doc(r->docs[i].doc_no, r->docs[i].currency) & (n - 1);

		while (slot[h] != 0)
			h = (h + 1) & (n - 1);
		slot[h] = i + 1;
	}
	free(r->slot);
	r->slot = slot;
	r->nslots = n;
	return AR_OK;
}

ar_err
recon_add_ours(struct recon *r, const char *doc_no, const char *doc_type, civil_day date,
    currency_id currency, int64_t amount)
{
	struct doc *d;
	size_t h;

	if (money_add(&r->ours[currency], amount) != AR_OK)
		return AR_ERANGE;
	r->seen[currency] = true;
	if (2 * (r->ndocs + 1) > r->nslots && rehash(r) != AR_OK)
		return AR_ENOMEM;
	for (h = hash_doc(doc_no, currency) & (r->nslots - 1); r->slot[h] != 0;
	    h = (h + 1) & (r->nslots - 1)) {
		d = &r->docs[r->slot[h] - 1];
		if (d->currency == currency && strcmp(d->doc_no, doc_no) == 0) {
			if (d->doc_type[0] == '\0' && doc_type[0] != '\0') {
				char *t = strdup(doc_type);

				if (t == NULL)
					return AR_ENOMEM;
				free(d->doc_type);
				d->doc_type = t;
			}
			return money_add(&d->amount, amount) == AR_OK ? AR_OK : AR_ERANGE;
		}
	}
	if (!grow((void **)&r->docs, &r->capdocs, r->ndocs, sizeof *r->docs))
		return AR_ENOMEM;
	d = &r->docs[r->ndocs];
	memset(d, 0, sizeof *d);
	d->doc_no = strdup(doc_no);
	d->doc_type = strdup(doc_type);
	if (d->doc_no == NULL || d->doc_type == NULL) {
		free(d->doc_no);
		free(d->doc_type);
		return AR_ENOMEM;
	}
	docref_key(doc_no, strlen(doc_no), d->key, sizeof d->key);
	d->date = date;
	d->currency = currency;
	d->amount = amount;
	d->pair = -1;
	r->slot[h] = ++r->ndocs;
	return AR_OK;
}

ar_err
recon_add_theirs(struct recon *r, const struct recon_their *t)
{
	struct line *l;

	if (money_add(&r->theirs[t->currency], t->amount) != AR_OK)
		return AR_ERANGE;
	r->seen[t->currency] = true;
	if (!grow((void **)&r->lines, &r->caplines, r->nlines, sizeof *r->lines))
		return AR_ENOMEM;
	l = &r->lines[r->nlines];
	memset(l, 0, sizeof *l);
	l->doc_no = strdup(t->doc_no != NULL ? t->doc_no : "");
	l->ref = strdup(t->ref != NULL ? t->ref : "");
	if (l->doc_no == NULL || l->ref == NULL) {
		free(l->doc_no);
		free(l->ref);
		return AR_ENOMEM;
	}
	if (t->match_no != NULL)
		docref_key(t->match_no, strlen(t->match_no), l->key, sizeof l->key);
	l->date = t->date;
	l->currency = t->currency;
	l->amount = t->amount;
	l->kind = t->kind;
	l->lineno = t->line;
	l->pair = -1;
	l->bank = -1;
	r->nlines++;
	return AR_OK;
}

/* Documents ordered by currency and key, for pass 1 and 2. */
static const struct recon *sort_r;

static int
by_key(const void *a, const void *b)
{
	const struct doc *x = &sort_r->docs[*(const size_t *)a], *y = &sort_r->docs[*(const size_t *)b];
	int c;

	if (x->currency != y->currency)
		return x->currency < y->currency ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int
by_amount(const void *a, const void *b)
{
	const struct doc *x = &sort_r->docs[*(const size_t *)a], *y = &sort_r->docs[*(const size_t *)b];

	if (x->currency != y->currency)
		return x->currency < y->currency ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount < y->amount ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The first of order[0..n) (by_key) with currency cur and key at or after it. */
static size_t
first_key(const struct recon *r, const size_t *order, size_t n, currency_id cur, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct doc *d = &r->docs[order[mid]];

		if (d->currency < cur || (d->currency == cur && strcmp(d->key, key) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
first_amount(const struct recon *r, const size_t *order, size_t n, currency_id cur, int64_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct doc *d = &r->docs[order[mid]];

		if (d->currency < cur || (d->currency == cur && d->amount < v))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
sign_of(int64_t v)
{
	return v > 0 ? 1 : v < 0 ? -1 : 0;
}

static void
pair(struct recon *r, size_t li, size_t di, enum basis b)
{
	r->lines[li].pair = (long)di;
	r->lines[li].basis = b;
	r->docs[di].pair = (long)li;
}

static long
gap(civil_day a, civil_day b)
{
	if (a == DATE_NONE || b == DATE_NONE)
		return 0;
	return a > b ? (long)a - b : (long)b - a;
}

ar_err
recon_match(struct recon *r, int match_days)
{
	size_t *order = malloc((r->ndocs ? r->ndocs : 1) * sizeof *order);
	size_t *only = malloc((r->nlines ? r->nlines : 1) * sizeof *only);
	size_t *count = calloc(r->nlines ? r->nlines : 1, sizeof *count);

	if (order == NULL || only == NULL || count == NULL) {
		free(order);
		free(only);
		free(count);
		return AR_ENOMEM;
	}
	r->match_days = match_days;
	for (size_t i = 0; i < r->ndocs; i++)
		order[i] = i;
	sort_r = r;
	qsort(order, r->ndocs, sizeof *order, by_key);

	/* 1. their document number */
	for (size_t li = 0; li < r->nlines; li++) {
		struct line *l = &r->lines[li];

		if (l->key[0] == '\0')
			continue;
		for (size_t k = first_key(r, order, r->ndocs, l->currency, l->key); k < r->ndocs; k++) {
			struct doc *d = &r->docs[order[k]];

			if (d->currency != l->currency || strcmp(d->key, l->key) != 0)
				break;
			if (d->pair < 0) {
				pair(r, li, order[k], BY_DOC_NO);
				break;
			}
			if (l->twice_of == 0)
				l->twice_of = r->lines[d->pair].lineno;
		}
		if (l->pair >= 0)
			l->twice_of = 0;
	}

	/* 2. a document number their reference cites, same sign */
	for (size_t li = 0; li < r->nlines; li++) {
		struct line *l = &r->lines[li];
		struct docref_list cited;

		if (l->pair >= 0 || l->ref[0] == '\0')
			continue;
		docref_list_clear(&cited);
		docref_extract(l->ref, strlen(l->ref), &cited);
		for (size_t c = 0; c < cited.n && l->pair < 0; c++)
			for (size_t k = first_key(r, order, r->ndocs, l->currency, cited.key[c]);
			    k < r->ndocs; k++) {
				struct doc *d = &r->docs[order[k]];

				if (d->currency != l->currency || strcmp(d->key, cited.key[c]) != 0)
					break;
				if (d->pair < 0 && sign_of(d->amount) == sign_of(l->amount)) {
					pair(r, li, order[k], BY_REFERENCE);
					break;
				}
			}
	}

	/* 3. amount and date, where each has one partner only */
	qsort(order, r->ndocs, sizeof *order, by_amount);
	for (size_t li = 0; li < r->nlines; li++) {
		struct line *l = &r->lines[li];

		if (l->pair >= 0)
			continue;
		for (size_t k = first_amount(r, order, r->ndocs, l->currency, l->amount); k < r->ndocs;
		    k++) {
			struct doc *d = &r->docs[order[k]];

			if (d->currency != l->currency || d->amount != l->amount)
				break;
			if (d->pair >= 0 || gap(d->date, l->date) > match_days)
				continue;
			count[li]++;
			only[li] = order[k];
			d->cands++;
		}
	}
	for (size_t li = 0; li < r->nlines; li++)
		if (r->lines[li].pair < 0 && count[li] == 1 && r->docs[only[li]].cands == 1)
			pair(r, li, only[li], BY_AMOUNT_DATE);
	free(order);
	free(only);
	free(count);
	return AR_OK;
}

static bool
in_transit(const struct line *l)
{
	return l->pair < 0 && l->kind == RECON_PAYMENT && l->amount < 0;
}

bool
recon_wants_payments(const struct recon *r)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (in_transit(&r->lines[i]))
			return true;
	return false;
}

static bool
cites(const struct docref_list *list, const char *text)
{
	char key[DOCREF_KEY_SIZE];
	struct docref_list own;

	if (text[0] == '\0')
		return false;
	if (docref_key(text, strlen(text), key, sizeof key) > 0)
		for (size_t i = 0; i < list->n; i++)
			if (strcmp(list->key[i], key) == 0)
				return true;
	docref_list_clear(&own);
	docref_extract(text, strlen(text), &own);
	for (size_t j = 0; j < own.n; j++)
		for (size_t i = 0; i < list->n; i++)
			if (strcmp(list->key[i], own.key[j]) == 0)
				return true;
	return false;
}

static int
by_currency_amount(const void *a, const void *b)
{
	const struct transit *x = a, *y = b;

	if (x->currency != y->currency)
		return x->currency < y->currency ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount < y->amount ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * The lines in transit, sorted once after recon_match so that each bank
 * credit finds those of its amount by a search rather than going over
 * every line (20,000 credits against 190,000 lines took 15 s).
 */
static ar_err
make_transit(struct recon *r)
{
	r->transit_made = true;
	if ((r->transit = malloc((r->nlines ? r->nlines : 1) * sizeof *r->transit)) == NULL)
		return AR_ENOMEM;
	for (size_t li = 0; li < r->nlines; li++)
		if (in_transit(&r->lines[li]))
			r->transit[r->ntransit++] = (struct transit){ r->lines[li].currency,
			    r->lines[li].amount, li };
	qsort(r->transit, r->ntransit, sizeof *r->transit, by_currency_amount);
	return AR_OK;
}

/* The first of r->transit at or after (currency, amount). */
static size_t
transit_lower(const struct recon *r, currency_id currency, int64_t amount)
{
	size_t lo = 0, hi = r->ntransit;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct transit *t = &r->transit[mid];

		if (t->currency < currency || (t->currency == currency && t->amount < amount))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

ar_err
recon_offer_payment(struct recon *r, const char *payment_id, civil_day value_date,
    currency_id currency, int64_t amount, const char *text)
{
	struct docref_list list;
	bool listed = false;

	if (!r->transit_made && make_transit(r) != AR_OK)
		return AR_ENOMEM;
	if (amount == INT64_MIN)
		return AR_OK;   /* no line's amount is its negation */
	for (size_t t = transit_lower(r, currency, -amount); t < r->ntransit; t++) {
		size_t li = r->transit[t].line;
		struct line *l = &r->lines[li];
		struct cand *c;

		if (r->transit[t].currency != currency || r->transit[t].amount != -amount)
			break;
		if (l->date != DATE_NONE && value_date != DATE_NONE &&
		    (long)value_date < (long)l->date - r->match_days)
			continue;
		if (!listed) {
			docref_list_clear(&list);
			docref_extract(text, strlen(text), &list);
			listed = true;
		}
		if (!grow((void **)&r->cands, &r->capcands, r->ncands, sizeof *r->cands))
			return AR_ENOMEM;
		c = &r->cands[r->ncands];
		if ((c->payment_id = strdup(payment_id)) == NULL)
			return AR_ENOMEM;
		c->value_date = value_date;
		c->line = li;
		c->cited = cites(&list, l->doc_no) || cites(&list, l->ref);
		c->gap = gap(value_date, l->date);
		c->taken = false;
		c->seq = r->ncands;
		r->ncands++;
	}
	return AR_OK;
}

/* Candidates best first: citing the line, then nearest in date, then the line, then as offered. */
static int
by_merit(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->cited != y->cited)
		return x->cited ? -1 : 1;
	if (x->gap != y->gap)
		return x->gap < y->gap ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
give_payments(struct recon *r)
{
	qsort(r->cands, r->ncands, sizeof *r->cands, by_merit);
	for (size_t i = 0; i < r->ncands; i++) {
		struct cand *c = &r->cands[i];
		bool used = false;

		if (r->lines[c->line].bank >= 0)
			continue;
		for (size_t j = 0; j < i && !used; j++)
			used = r->cands[j].taken && strcmp(r->cands[j].payment_id, c->payment_id) == 0;
		if (used)
			continue;
		c->taken = true;
		r->lines[c->line].bank = (long)i;
	}
}

static void
money_text(int64_t v, currency_id cur, char *buf)
{
	money_format(v, currency_exponent(cur), buf);
}

static void
note_doc(const struct recon *r, const struct doc *d, struct recon_row *row)
{
	const struct line *l = d->pair >= 0 ? &r->lines[d->pair] : NULL;
	char m[MONEY_TEXT_MAX];
	const char *by = "";

	if (l == NULL) {
		const char *t = d->doc_type;

		if (strcmp(t, "CN") == 0 || (t[0] == '\0' && d->amount < 0))
			snprintf(row->note, sizeof row->note, "our credit note, not in their "
			    "ledger: send a copy");
		else if (strcmp(t, "PAY") == 0)
			snprintf(row->note, sizeof row->note, "a payment of theirs we hold, not "
			    "in their ledger");
		else if (strcmp(t, "ADJ") == 0)
			snprintf(row->note, sizeof row->note, "our adjustment, not in their ledger");
		else
			snprintf(row->note, sizeof row->note, "not in their ledger: send a copy");
		return;
	}
	if (l->basis == BY_REFERENCE)
		by = "by their reference";
	else if (l->basis == BY_AMOUNT_DATE)
		by = "by amount and date";
	if (row->cls == RECON_MATCHED) {
		snprintf(row->note, sizeof row->note, "%s", by);
		return;
	}
	money_text(row->difference < 0 ? -row->difference : row->difference, d->currency, m);
	snprintf(row->note, sizeof row->note, "%s%sthey booked %s %s", by, by[0] ? "; " : "", m,
	    row->difference > 0 ? "less" : "more");
}

static void
note_line(const struct recon *r, const struct line *l, struct recon_row *row,
    bool payments_checked)
{
	switch (row->cls) {
	case RECON_PAYMENT_IN_TRANSIT:
		if (!payments_checked) {
			snprintf(row->note, sizeof row->note, "our bank not checked (no --payments)");
		} else if (l->bank < 0) {
			snprintf(row->note, sizeof row->note, "not in our bank");
		} else {
			const struct cand *c = &r->cands[l->bank];
			char v[DATE_TEXT_MAX];

			date_format(c->value_date, v);
			snprintf(row->note, sizeof row->note, "in our bank: %s, value %s, not applied "
			    "to our items", c->payment_id, v);
		}
		break;
	case RECON_CREDIT_NOTE_PENDING:
		snprintf(row->note, sizeof row->note, "their deduction, no credit note of ours: "
		    "issue one or dispute it");
		break;
	default:
		if (l->twice_of > 0)
			snprintf(row->note, sizeof row->note, "not in our items; its document "
			    "number is on their line %ld too: booked twice?", l->twice_of);
		else
			snprintf(row->note, sizeof row->note, "not in our items");
		break;
	}
}

static int
by_row(const void *a, const void *b)
{
	const struct recon_row *x = a, *y = b;
	int c;

	if (x->currency != y->currency &&
	    (c = strcmp(currency_code(x->currency), currency_code(y->currency))) != 0)
		return c;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->doc_no, y->doc_no)) != 0)
		return c;
	if (x->their_line != y->their_line)
		return x->their_line < y->their_line ? -1 : 1;
	return strcmp(x->their_ref, y->their_ref);
}

static int
by_code(const void *a, const void *b)
{
	const struct recon_balance *x = a, *y = b;

	return strcmp(currency_code(x->currency), currency_code(y->currency));
}

ar_err
recon_finish(struct recon *r, bool payments_checked, struct ar_error *e)
{
	size_t n = 0;

	if (payments_checked)
		give_payments(r);
	free(r->rows);
	r->nrows = r->nbal = 0;
	if ((r->rows = calloc(r->ndocs + r->nlines + 1, sizeof *r->rows)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (size_t i = 0; i < r->ndocs; i++) {
		const struct doc *d = &r->docs[i];
		const struct line *l = d->pair >= 0 ? &r->lines[d->pair] : NULL;
		struct recon_row *row = &r->rows[n++];

		row->doc_no = d->doc_no;
		row->doc_type = d->doc_type;
		row->their_ref = l == NULL ? "" : l->doc_no[0] != '\0' ? l->doc_no : l->ref;
		row->date = d->date;
		row->currency = d->currency;
		row->has_ours = true;
		row->ours = d->amount;
		row->has_theirs = l != NULL;
		row->theirs = l != NULL ? l->amount : 0;
		row->their_line = l != NULL ? l->lineno : 0;
		if (row->ours >= 0 ? row->theirs < row->ours - INT64_MAX :
		    row->theirs > row->ours + INT64_MAX)
			return ar_error_set(e, AR_ERANGE, row->their_line, "the difference of %s "
			    "overflows", d->doc_no);
		row->difference = row->ours - row->theirs;
		row->cls = l == NULL ? RECON_MISSING_THEIRS : row->difference == 0 ? RECON_MATCHED :
		    RECON_AMOUNT_DIFFERS;
		note_doc(r, d, row);
	}
	for (size_t i = 0; i < r->nlines; i++) {
		const struct line *l = &r->lines[i];
		struct recon_row *row;

		if (l->pair >= 0)
			continue;
		row = &r->rows[n++];
		row->doc_no = "";
		row->doc_type = "";
		row->their_ref = l->doc_no[0] != '\0' ? l->doc_no : l->ref;
		row->date = l->date;
		row->currency = l->currency;
		row->has_theirs = true;
		row->theirs = l->amount;
		row->their_line = l->lineno;
		if (l->amount == INT64_MIN)
			return ar_error_set(e, AR_ERANGE, l->lineno, "the amount overflows");
		row->difference = -l->amount;
		row->cls = in_transit(l) ? RECON_PAYMENT_IN_TRANSIT :
		    l->kind == RECON_DEDUCTION && l->amount < 0 ? RECON_CREDIT_NOTE_PENDING :
		    RECON_MISSING_OURS;
		note_line(r, l, row, payments_checked);
	}
	r->nrows = n;
	qsort(r->rows, n, sizeof *r->rows, by_row);

	/* the balances, from the sums of what was added, and the differences of the rows */
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
		if (!r->seen[cur])
			continue;
		r->bal[r->nbal] = (struct recon_balance){ .currency = cur, .ours = r->ours[cur],
		    .theirs = r->theirs[cur] };
		r->nbal++;
	}
	qsort(r->bal, r->nbal, sizeof *r->bal, by_code);
	for (size_t i = 0; i < n; i++) {
		const struct recon_row *row = &r->rows[i];
		struct recon_balance *b = NULL;

		for (size_t k = 0; k < r->nbal && b == NULL; k++)
			if (r->bal[k].currency == row->currency)
				b = &r->bal[k];
		if (b == NULL)
			return ar_error_set(e, AR_EINVARIANT, 0, "a row in %s, a currency with no "
			    "balance", currency_code(row->currency));
		b->count[row->cls]++;
		if (money_add(&b->difference, row->difference) != AR_OK ||
		    money_add(&b->class_difference[row->cls], row->difference) != AR_OK)
			return ar_error_set(e, AR_ERANGE, 0, "the differences in %s overflow",
			    currency_code(row->currency));
	}
	for (size_t k = 0; k < r->nbal; k++) {
		const struct recon_balance *b = &r->bal[k];
		char o[MONEY_TEXT_MAX], t[MONEY_TEXT_MAX], d[MONEY_TEXT_MAX];
		bool overflow = b->ours >= 0 ? b->theirs < b->ours - INT64_MAX :
		    b->theirs > b->ours + INT64_MAX;

		if (overflow)
			return ar_error_set(e, AR_ERANGE, 0, "the difference of the balances in %s "
			    "overflows", currency_code(b->currency));
		if (b->ours - b->theirs == b->difference)
			continue;
		money_text(b->ours, b->currency, o);
		money_text(b->theirs, b->currency, t);
		money_text(b->difference, b->currency, d);
		return ar_error_set(e, AR_EINVARIANT, 0, "%s does not tie out: ours %s - theirs %s "
		    "is not the sum of the differences %s", currency_code(b->currency), o, t, d);
	}
	return AR_OK;
}

size_t
recon_nrows(const struct recon *r)
{
	return r->nrows;
}

const struct recon_row *
recon_row_at(const struct recon *r, size_t i)
{
	return &r->rows[i];
}

size_t
recon_nbalances(const struct recon *r)
{
	return r->nbal;
}

const struct recon_balance *
recon_balance_at(const struct recon *r, size_t i)
{
	return &r->bal[i];
}

size_t
recon_nours(const struct recon *r)
{
	return r->ndocs;
}

size_t
recon_ntheirs(const struct recon *r)
{
	return r->nlines;
}
