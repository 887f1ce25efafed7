/*
 * match.c - the matching engine of ar-match (see match.h for the rules):
 * the items and their indexes, applying and undoing, settling a result,
 * the phases, and the invariants.  Who paid is match_ident.c; what was
 * paid, match_rules.c.
 */
#include "ar/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/match_int.h"

const char *const match_partial_words[] = { "none", "oldest", NULL };

const char *
match_reason_word(enum match_reason reason)
{
	static const char *const words[MATCH_REASONS] = {
		"", "debit", "no_customer", "ambiguous_customer", "no_fit",
		"low_confidence", "partial", "after_as_of"
	};

	return (unsigned)reason < MATCH_REASONS ? words[reason] : "";
}

ar_err
match_engine_new(struct match_engine **out, const struct customer_table *customers,
    const struct match_opts *opts)
{
	struct match_engine *m = calloc(1, sizeof *m);
	const struct match_opts defaults = MATCH_OPTS_DEFAULT;
	ar_err err;

	*out = NULL;
	if (m == NULL)
		return AR_ENOMEM;
	m->ct = customers;
	m->opts = opts ? *opts : defaults;
	if (m->opts.charge_max < 0)
		m->opts.charge_max = 0;
	if (m->opts.charge_pct < 0)
		m->opts.charge_pct = 0;
	if ((m->docs = strtab_new(1024)) == NULL || (m->keys = strtab_new(1024)) == NULL) {
		match_engine_free(m);
		return AR_ENOMEM;
	}
	if ((err = match_index_customers(m)) != AR_OK) {
		match_engine_free(m);
		return err;
	}
	*out = m;
	return AR_OK;
}

void
match_engine_free(struct match_engine *m)
{
	if (m == NULL)
		return;
	match_free_customers(m);
	strtab_free(m->docs);
	strtab_free(m->keys);
	free(m->items);
	free(m->key_start);
	free(m->key_items);
	free(m->by_cust);
	free(m);
}

ar_err
match_engine_add_item(struct match_engine *m, uint32_t customer,
    const char *doc_no, size_t len, civil_day due_date,
    currency_id currency, int64_t amount)
{
	char key[DOCREF_KEY_SIZE];
	size_t klen;
	struct mitem *it;
	bool added;
	ar_err err;

	if (m->ready || customer >= strtab_count(m->ct->ids))
		return AR_EUSAGE;
	if (amount == 0) {
		m->seq++;
		return AR_OK;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		struct mitem *p = realloc(m->items, cap * sizeof *p);

		if (p == NULL)
			return AR_ENOMEM;
		m->items = p;
		m->cap = cap;
	}
	it = &m->items[m->n];
	memset(it, 0, sizeof *it);
	if ((err = strtab_intern(m->docs, doc_no, len, &it->doc_id, &added)) != AR_OK)
		return err;
	it->key = NONE;
	if ((klen = docref_key(doc_no, len, key, sizeof key)) > 0 &&
	    (err = strtab_intern(m->keys, key, klen, &it->key, &added)) != AR_OK)
		return err;
	it->customer = customer;
	it->cur = currency;
	it->due = due_date;
	it->amount = it->open = amount;
	it->seq = m->seq++;
	m->n++;
	return AR_OK;
}

static int
cmp_int64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_items(const void *pa, const void *pb)
{
	const struct mitem *a = pa, *b = pb;
	int c;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if ((c = strcmp(a->doc, b->doc)) != 0)
		return c;
	if ((c = strcmp(a->ckey, b->ckey)) != 0)
		return c;
	if (a->cur != b->cur)
		return a->cur < b->cur ? -1 : 1;
	return cmp_int64(a->amount, b->amount);
}

static int
cmp_custcur(const void *pa, const void *pb)
{
	const struct custcur *a = pa, *b = pb;

	if (a->customer != b->customer)
		return a->customer < b->customer ? -1 : 1;
	if (a->cur != b->cur)
		return a->cur < b->cur ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

ar_err
match_engine_ready(struct match_engine *m)
{
	size_t nkeys = strtab_count(m->keys);

	if (m->ready)
		return AR_OK;
	for (size_t i = 0; i < m->n; i++) {
		m->items[i].doc = strtab_key(m->docs, m->items[i].doc_id);
		m->items[i].ckey = strtab_key(m->ct->ids, m->items[i].customer);
	}
	if (m->n > 1)
		qsort(m->items, m->n, sizeof *m->items, cmp_items);
	if ((m->key_start = calloc(nkeys + 1, sizeof *m->key_start)) == NULL ||
	    (m->key_items = malloc((m->n ? m->n : 1) * sizeof *m->key_items)) == NULL ||
	    (m->by_cust = malloc((m->n ? m->n : 1) * sizeof *m->by_cust)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].key != NONE)
			m->key_start[m->items[i].key + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		m->key_start[k + 1] += m->key_start[k];
	{
		uint32_t *fill = malloc((nkeys ? nkeys : 1) * sizeof *fill);

		if (fill == NULL)
			return AR_ENOMEM;
		memcpy(fill, m->key_start, nkeys * sizeof *fill);
		for (size_t i = 0; i < m->n; i++)
			if (m->items[i].key != NONE)
				m->key_items[fill[m->items[i].key]++] = (uint32_t)i;
		free(fill);
	}
	for (size_t i = 0; i < m->n; i++)
		m->by_cust[i] = (struct custcur){ m->items[i].customer, m->items[i].cur, (uint32_t)i };
	if (m->n > 1)
		qsort(m->by_cust, m->n, sizeof *m->by_cust, cmp_custcur);
	m->ready = true;
	return AR_OK;
}

size_t
match_engine_count(const struct match_engine *m)
{
	return m->n;
}

void
match_engine_item(const struct match_engine *m, size_t i, struct match_item_info *out)
{
	const struct mitem *it = &m->items[i];

	out->customer = it->customer;
	out->doc_no = strtab_key(m->docs, it->doc_id);
	out->due_date = it->due;
	out->currency = it->cur;
	out->amount = it->amount;
	out->open = it->open;
	out->seq = it->seq;
}

void
match_engine_open_by_seq(const struct match_engine *m, int64_t *open, bool *changed, size_t n)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct mitem *it = &m->items[i];

		if (it->seq < n && it->open != it->amount) {
			open[it->seq] = it->open;
			changed[it->seq] = true;
		}
	}
}

void
match_customer_items(const struct match_engine *m, uint32_t cust, currency_id cur,
    size_t *lo_out, size_t *end_out)
{
	size_t lo = 0, hi = m->n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct custcur *e = &m->by_cust[mid];

		if (e->customer < cust || (e->customer == cust && e->cur < cur))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < m->n && m->by_cust[end].customer == cust &&
	    m->by_cust[end].cur == cur; end++)
		;
	*lo_out = lo;
	*end_out = end;
}

/* ---- applying ---- */

void
match_apply(struct match_engine *m, struct match_result *r, size_t item, uint32_t customer,
    int64_t amount, enum allocation_rule rule, int confidence)
{
	struct allocation *a;

	if (r->n >= MATCH_ALLOC_MAX)
		abort();        /* the rules never ask for more (MATCH_ALLOC_MAX) */
	a = &r->alloc[r->n];
	a->payment_id = r->payment_id;
	a->customer = strtab_key(m->ct->ids, customer);
	a->doc_no = item == SIZE_MAX ? "" : strtab_key(m->docs, m->items[item].doc_id);
	a->currency = item == SIZE_MAX ? r->currency : m->items[item].cur;
	a->amount = amount;
	a->rule = rule;
	a->confidence = confidence;
	r->item[r->n++] = item;
	if (item != SIZE_MAX)
		m->items[item].open -= amount;
	if (rule != ALLOCATION_BANK_CHARGE)
		r->remainder -= amount;
	r->customer = customer;
}

void
match_apply_set(struct match_engine *m, struct match_result *r, const uint32_t *idx,
    size_t n, size_t charge_at, int64_t charge, enum allocation_rule rule, int confidence)
{
	for (size_t i = 0; i < n; i++) {
		const struct mitem *it = &m->items[idx[i]];
		int64_t open = it->open;

		if (i == charge_at) {
			match_apply(m, r, idx[i], it->customer, open - charge, rule, confidence);
			match_apply(m, r, idx[i], it->customer, charge, ALLOCATION_BANK_CHARGE,
			    confidence);
		} else {
			match_apply(m, r, idx[i], it->customer, open, rule, confidence);
		}
	}
}

/*
 * Give back what r took from the items: its allocations become
 * suggestions, and what they name the candidates a person looks at first.
 */
static void
undo(struct match_engine *m, struct match_result *r, const struct payment *p)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct allocation *a = &r->alloc[i];
		char text[MATCH_CANDIDATES_SIZE];

		if (r->item[i] != SIZE_MAX)
			m->items[r->item[i]].open += a->amount;
		if (a->rule == ALLOCATION_BANK_CHARGE)
			continue;
		snprintf(text, sizeof text, "%s%s%s", a->customer, *a->doc_no ? "/" : "", a->doc_no);
		match_add_candidate(r->candidates, text);
	}
	r->remainder = p->amount;
	r->applied = false;
}

int64_t
match_tolerance(const struct match_engine *m, const struct payment *p)
{
	int e = currency_exponent(p->currency);
	int64_t t = m->opts.charge_max;

	/* charge_max is in hundredths of the unit; the currency may have 0..6 decimals. */
	for (; e > 2; e--)
		t = t > INT64_MAX / 10 ? INT64_MAX : t * 10;
	for (; e < 2; e++)
		t /= 10;
	if (m->opts.charge_pct > 0 && p->amount > 0) {
		/* amount * pct / 10000 without overflow: amounts fit 2^63 / 10^4 per split. */
		int64_t share = p->amount / 10000 * m->opts.charge_pct +
		    p->amount % 10000 * m->opts.charge_pct / 10000;

		if (share < t)
			t = share;
	}
	return t;
}

/*
 * A rule has applied r: keep it, or, below min_confidence or a partial
 * payment the options do not allow, take it back as a suggestion.
 */
static void
settle(struct match_engine *m, const struct payment *p, struct match_result *r)
{
	bool partial = false, low = false;

	r->applied = true;
	for (size_t i = 0; i < r->n; i++) {
		partial = partial || r->alloc[i].rule == ALLOCATION_PARTIAL;
		low = low || r->alloc[i].confidence < m->opts.min_confidence;
	}
	if (partial && m->opts.partial == MATCH_PARTIAL_NONE) {
		undo(m, r, p);
		r->reason = MATCH_PARTIAL;
	} else if (low) {
		undo(m, r, p);
		r->reason = MATCH_LOW_CONFIDENCE;
	} else {
		r->reason = r->remainder > 0 ? MATCH_NO_FIT : MATCH_APPLIED;
	}
}

/* ---- the phases ---- */

/* a and b compared with runs of digits as numbers: "S:9" < "S:10". */
static int
natural_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *ea, *eb;
			size_t la, lb;
			int c;

			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = memcmp(a, b, la)) != 0)
				return c < 0 ? -1 : 1;
			a = ea;
			b = eb;
		} else if (*a != *b) {
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		} else {
			a++;
			b++;
		}
	}
	if (*a != *b)
		return *a == '\0' ? -1 : 1;
	return 0;
}

int
match_payment_order(const struct payment *a, const struct payment *b)
{
	int c;

	if (a->value_date != b->value_date)
		return a->value_date < b->value_date ? -1 : 1;
	if ((c = natural_cmp(a->id, b->id)) != 0)
		return c;
	if ((c = strcmp(a->id, b->id)) != 0)   /* "S:01" and "S:1" */
		return c < 0 ? -1 : 1;
	return (a->amount > b->amount) - (a->amount < b->amount);
}

static ar_err
begin(struct match_engine *m, const struct payment *p, struct match_result *out)
{
	if (!m->ready)
		return AR_EUSAGE;
	out->n = 0;
	out->remainder = p->amount;
	out->applied = false;
	out->reason = MATCH_APPLIED;
	out->customer = NONE;
	out->currency = p->currency;
	out->candidates[0] = '\0';
	memcpy(out->payment_id, p->id, sizeof out->payment_id);
	out->payment_id[sizeof out->payment_id - 1] = '\0';
	return AR_OK;
}

ar_err
match_payment_cited(struct match_engine *m, const struct payment *p,
    const struct remittance_line *lines, size_t nlines, struct match_result *out,
    bool *decided)
{
	ar_err err;

	*decided = false;
	if ((err = begin(m, p, out)) != AR_OK)
		return err;
	if (p->amount <= 0) {
		out->reason = MATCH_DEBIT;
		*decided = true;
		return AR_OK;
	}
	if ((nlines > 0 && match_rule_remittance(m, p, lines, nlines, out)) ||
	    match_rule_reference(m, p, out)) {
		settle(m, p, out);
		*decided = true;
	}
	return AR_OK;
}

ar_err
match_payment_customer(struct match_engine *m, const struct payment *p,
    struct match_result *out)
{
	struct guess top[3];
	uint32_t cust = NONE;
	enum ident how;
	ar_err err;

	if ((err = begin(m, p, out)) != AR_OK)
		return err;
	if (p->amount <= 0) {
		out->reason = MATCH_DEBIT;
		return AR_OK;
	}
	how = match_identify(m, p, &cust, top);
	if (how == IDENT_STRONG || how == IDENT_NAME) {
		match_rule_customer(m, p, cust, how == IDENT_NAME, out);
		settle(m, p, out);
		if (!out->applied || out->remainder > 0)
			match_add_candidate(out->candidates, strtab_key(m->ct->ids, cust));
		return AR_OK;
	}
	out->reason = how == IDENT_AMBIGUOUS ? MATCH_AMBIGUOUS : MATCH_NO_CUSTOMER;
	match_candidates(m, p, top, out->candidates);
	return AR_OK;
}

ar_err
match_payment(struct match_engine *m, const struct payment *p, struct match_result *out)
{
	bool decided;
	ar_err err;

	if ((err = match_payment_cited(m, p, NULL, 0, out, &decided)) != AR_OK || decided)
		return err;
	return match_payment_customer(m, p, out);
}

/* ---- invariants ---- */

bool
match_check(const struct payment *p, const struct match_result *r)
{
	int64_t sum = r->remainder;

	if (r->n > MATCH_ALLOC_MAX)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		const struct allocation *a = &r->alloc[i];

		if (a->currency != p->currency || (unsigned)a->rule >= ALLOCATION_RULES ||
		    a->confidence < 0 || a->confidence > 100)
			return false;
		if (a->rule == ALLOCATION_BANK_CHARGE) {
			if (a->amount <= 0 || r->item[i] == SIZE_MAX)
				return false;
		} else if (r->applied && money_add(&sum, a->amount) != AR_OK) {
			return false;
		}
	}
	if (!r->applied)
		return r->remainder == p->amount && (r->remainder == 0 || r->reason != MATCH_APPLIED);
	if (p->amount <= 0 && r->n > 0)
		return false;
	return sum == p->amount && (r->remainder == 0) == (r->reason == MATCH_APPLIED);
}

bool
match_engine_check(const struct match_engine *m)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct mitem *it = &m->items[i];

		if (it->amount > 0 ? (it->open < 0 || it->open > it->amount)
		                   : (it->open > 0 || it->open < it->amount))
			return false;
	}
	return true;
}
