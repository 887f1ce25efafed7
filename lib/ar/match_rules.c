/*
 * match_rules.c - what a payment pays (match.h, rules 1, 2, 4 and 5): the
 * remittance advice, the documents its texts cite, and the amount rules
 * within an identified customer.  Each rule works out its allocations
 * before applying any, so a rule that does not fit leaves the items as
 * they were.
 */
#include <stdlib.h>
#include <string.h>

#include "ar/match_int.h"

#define CITED_MAX (2 * DOCREF_MAX)

static int
cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return (a > b) - (a < b);
}

static void
extract(const char *text, struct docref_list *list)
{
	if (text != NULL && *text != '\0')
		docref_extract(text, strlen(text), list);
}

void
match_extract_refs(const struct payment *p, struct docref_list *list)
{
	docref_list_clear(list);
	extract(p->reference, list);
	extract(p->ref1, list);
	extract(p->ref2, list);
	extract(p->narrative, list);
}

/* ---- rule 1: remittance ---- */

/* The oldest open debit item of key `key` in cur, of customer cust (NONE: any), open >= amount. */
static uint32_t
advised_item(const struct match_engine *m, const char *doc, currency_id cur, uint32_t cust,
    int64_t amount, const uint32_t *taken, size_t ntaken)
{
	char key[DOCREF_KEY_SIZE];
	size_t klen = docref_key(doc, strlen(doc), key, sizeof key);
	uint32_t k;

	if (klen == 0 || !strtab_find(m->keys, key, klen, &k))
		return NONE;
	for (uint32_t j = m->key_start[k]; j < m->key_start[k + 1]; j++) {
		uint32_t i = m->key_items[j];
		const struct mitem *it = &m->items[i];
		bool seen = false;

		for (size_t t = 0; t < ntaken; t++)
			seen = seen || taken[t] == i;
		if (!seen && it->cur == cur && it->open >= amount && it->open > 0 &&
		    (cust == NONE || it->customer == cust))
			return i;
	}
	return NONE;
}

bool
match_rule_remittance(struct match_engine *m, const struct payment *p,
    const struct remittance_line *lines, size_t nlines, struct match_result *r)
{
	uint32_t idx[REMITTANCE_LINES_MAX], cust = NONE;
	int64_t sum = 0, charge = 0;

	if (nlines == 0 || nlines > REMITTANCE_LINES_MAX)
		return false;
	for (size_t i = 0; i < nlines; i++) {
		if (lines[i].amount <= 0 ||
		    (idx[i] = advised_item(m, lines[i].doc_no, p->currency, cust, lines[i].amount,
		    idx, i)) == NONE || money_add(&sum, lines[i].amount) != AR_OK)
			return false;
		cust = m->items[idx[i]].customer;
	}
	if (sum > p->amount) {
		charge = sum - p->amount;
		if (charge > match_tolerance(m, p) || charge >= lines[nlines - 1].amount)
			return false;
	}
	for (size_t i = 0; i < nlines; i++) {
		int64_t a = lines[i].amount - (i + 1 == nlines ? charge : 0);

		match_apply(m, r, idx[i], cust, a, ALLOCATION_REMITTANCE, 100);
		if (i + 1 == nlines && charge > 0)
			match_apply(m, r, idx[i], cust, charge, ALLOCATION_BANK_CHARGE, 100);
	}
	if (sum < p->amount)
		match_apply(m, r, SIZE_MAX, cust, p->amount - sum, ALLOCATION_ON_ACCOUNT, 100);
	return true;
}

/* ---- rule 2: reference ---- */

static bool
in_list(const struct docref_list *list, const char *key)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->key[i], key) == 0)
			return true;
	return false;
}

/* The open items of key[0..len) in currency cur matching the amount, into found[0..2). */
static void
near_hits(const struct match_engine *m, const char *key, size_t len, currency_id cur,
    int64_t amount, uint32_t *found, size_t *nfound)
{
	uint32_t k;

	if (!strtab_find(m->keys, key, len, &k))
		return;
	for (uint32_t j = m->key_start[k]; j < m->key_start[k + 1]; j++) {
		uint32_t i = m->key_items[j];
		bool seen = false;

		if (m->items[i].cur != cur || m->items[i].open != amount)
			continue;
		for (size_t x = 0; x < *nfound; x++)
			seen = seen || found[x] == i;
		if (!seen && *nfound < 2)
			found[(*nfound)++] = i;
	}
}

/* An item, unique, whose key is near a cited key and whose open amount is the payment's. */
static bool
rule_near(struct match_engine *m, const struct payment *p, const struct docref_list *list,
    struct match_result *r)
{
	uint32_t found[2];
	size_t nfound = 0;

	for (size_t i = 0; i < list->n && nfound < 2; i++) {
		char v[DOCREF_KEY_SIZE];
		size_t len = strlen(list->key[i]);

		memcpy(v, list->key[i], len + 1);
		for (size_t j = 0; j < len && nfound < 2; j++) {
			char orig = v[j];

			if (orig >= '0' && orig <= '9') {
				for (char d = '0'; d <= '9'; d++) {
					if (d == orig)
						continue;
					v[j] = d;
					if (!in_list(list, v) && docref_near(v, len, list->key[i], len))
						near_hits(m, v, len, p->currency, p->amount, found, &nfound);
				}
				v[j] = orig;
			}
			if (j + 1 < len && v[j] != v[j + 1]) {
				v[j] = v[j + 1];
				v[j + 1] = orig;
				if (!in_list(list, v) && docref_near(v, len, list->key[i], len))
					near_hits(m, v, len, p->currency, p->amount, found, &nfound);
				v[j + 1] = v[j];
				v[j] = orig;
			}
		}
	}
	if (nfound != 1)
		return false;
	match_apply_set(m, r, found, 1, 1, 0, ALLOCATION_REFERENCE, 92);
	return true;
}

/* The cited items of one customer summing exactly to the amount, that customer unique. */
static bool
cited_exact(struct match_engine *m, const struct payment *p, const uint32_t *cited, size_t n,
    struct match_result *r)
{
	uint32_t match_cust = NONE, pick[CITED_MAX];
	size_t nmatch = 0, npick = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t c = m->items[cited[i]].customer;
		int64_t s = 0;
		bool first = true;

		for (size_t j = 0; j < i && first; j++)
			first = m->items[cited[j]].customer != c;
		if (!first)
			continue;
		for (size_t j = i; j < n; j++)
			if (m->items[cited[j]].customer == c)
				s += m->items[cited[j]].open;
		if (s == p->amount) {
			nmatch++;
			match_cust = c;
		}
	}
	if (nmatch != 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (m->items[cited[i]].customer == match_cust)
			pick[npick++] = cited[i];
	match_apply_set(m, r, pick, npick, npick, 0, ALLOCATION_REFERENCE, 98);
	return true;
}

/*
 * The cited items, one customer's debits, and no payer the master knows
 * as someone else (the text would be doubtful): their customer and sum,
 * or false.
 */
static bool
cited_one_customer(struct match_engine *m, const struct payment *p, const uint32_t *cited,
    size_t n, uint32_t *cust, int64_t *sum)
{
	struct guess top[3];
	uint32_t payer;
	enum ident how;

	*cust = m->items[cited[0]].customer;
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (m->items[cited[i]].customer != *cust || m->items[cited[i]].open <= 0)
			return false;
		*sum += m->items[cited[i]].open;
	}
	how = match_identify(m, p, &payer, top);
	return !((how == IDENT_STRONG || how == IDENT_NAME) && payer != *cust);
}

/* The cited items short by a bank charge: each in full, the charge on the newest that can carry it. */
static bool
cited_charge(struct match_engine *m, const struct payment *p, const uint32_t *cited, size_t n,
    int64_t sum, struct match_result *r)
{
	int64_t charge;

	if (sum <= p->amount || (charge = sum - p->amount) > match_tolerance(m, p))
		return false;
	for (size_t i = n; i-- > 0;)
		if (m->items[cited[i]].open > charge) {
			match_apply_set(m, r, cited, n, i, charge, ALLOCATION_REFERENCE, 95);
			return true;
		}
	return false;
}

/* The cited items paid in part (oldest first), or over (the rest on account). */
static bool
cited_partial_or_over(struct match_engine *m, const struct payment *p, const uint32_t *cited,
    size_t n, uint32_t cust, int64_t sum, struct match_result *r)
{
	int64_t left = p->amount;

	if (sum == p->amount)
		return false;
	if (sum > p->amount) {
		for (size_t i = 0; i < n && left > 0; i++) {
			int64_t open = m->items[cited[i]].open;

			match_apply(m, r, cited[i], cust, open <= left ? open : left,
			    open <= left ? ALLOCATION_REFERENCE : ALLOCATION_PARTIAL, 90);
			left -= open <= left ? open : left;
		}
		return true;
	}
	match_apply_set(m, r, cited, n, n, 0, ALLOCATION_REFERENCE, 90);
	match_apply(m, r, SIZE_MAX, cust, p->amount - sum, ALLOCATION_ON_ACCOUNT, 90);
	return true;
}

bool
match_rule_reference(struct match_engine *m, const struct payment *p, struct match_result *r)
{
	struct docref_list list;
	uint32_t cited[CITED_MAX], pick[CITED_MAX];
	size_t n = 0, hits = 0;

	match_extract_refs(p, &list);
	for (size_t k = 0; k < list.n; k++) {
		uint32_t id;

		if (!strtab_find(m->keys, list.key[k], strlen(list.key[k]), &id))
			continue;
		for (uint32_t j = m->key_start[id]; j < m->key_start[id + 1] && n < CITED_MAX; j++) {
			const struct mitem *it = &m->items[m->key_items[j]];

			if (it->cur == p->currency && it->open != 0)
				cited[n++] = m->key_items[j];
		}
	}
	if (n == 0)
		return rule_near(m, p, &list, r);
	qsort(cited, n, sizeof *cited, cmp_u32);    /* the engine's order: oldest first */
	if (cited_exact(m, p, cited, n, r))
		return true;
	for (size_t i = 0; i < n; i++)
		if (m->items[cited[i]].open == p->amount)
			pick[hits++] = cited[i];
	if (hits == 1) {
		match_apply_set(m, r, pick, 1, 1, 0, ALLOCATION_REFERENCE, 98);
		return true;
	}
	if (hits > 1) {     /* two cited items of the amount: the oldest, not for sure */
		match_apply_set(m, r, pick, 1, 1, 0, ALLOCATION_REFERENCE, 85);
		return true;
	}
	/* A mistyped number the amount confirms is better evidence than a sum that does not fit. */
	/*
	 * A number the payer quoted, short by a charge; else a mistyped one
	 * the amount confirms; else a partial or over-payment.  Whether the
	 * cited items are one customer's is worked out once: it scores the
	 * payer's name, and nothing is applied in between.
	 */
	{
		uint32_t cust;
		int64_t sum;
		bool one = cited_one_customer(m, p, cited, n, &cust, &sum);

		return (one && cited_charge(m, p, cited, n, sum, r)) || rule_near(m, p, &list, r) ||
		    (one && cited_partial_or_over(m, p, cited, n, cust, sum, r));
	}
}

/* ---- rules 4 and 5: within the customer ---- */

struct search {
	const int64_t *v;
	size_t n;
	int64_t lo, hi;
	long nodes;
	size_t k;
	size_t chosen[MATCH_COMBO_ITEMS];
};

/* Choose s->k - depth more of v[start..n) (all > 0) with sum + their total in [lo, hi]. */
static bool
dfs(struct search *s, size_t start, size_t depth, int64_t sum)
{
	if (depth == s->k)
		return sum >= s->lo && sum <= s->hi;
	for (size_t i = start; i + (s->k - depth) <= s->n; i++) {
		if (++s->nodes > MATCH_COMBO_NODES)
			return false;
		if (sum + s->v[i] > s->hi)
			continue;
		s->chosen[depth] = i;
		if (dfs(s, i + 1, depth + 1, sum + s->v[i]))
			return true;
	}
	return false;
}

/*
 * The fewest (at least kmin), then lexicographically first (oldest), of
 * v[0..n) summing to [lo, hi]; their count (0: none within the budget).
 */
static size_t
combination(const int64_t *v, size_t n, size_t kmin, int64_t lo, int64_t hi, size_t *chosen)
{
	struct search s = { v, n, lo, hi, 0, 0, { 0 } };

	for (s.k = kmin; s.k <= n && s.nodes <= MATCH_COMBO_NODES; s.k++)
		if (dfs(&s, 0, 0, 0)) {
			memcpy(chosen, s.chosen, s.k * sizeof *chosen);
			return s.k;
		}
	return 0;
}

struct open_set {
	uint32_t idx[MATCH_COMBO_ITEMS], cidx[MATCH_COMBO_CREDITS];
	int64_t v[MATCH_COMBO_ITEMS], cv[MATCH_COMBO_CREDITS];
	size_t nv, nc;
};

static unsigned
bits(unsigned x)
{
	unsigned n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/* Exactly the amount from debits, with the fewest credits netted in (none first). */
static bool
combination_exact(struct match_engine *m, const struct payment *p, const struct open_set *o,
    int conf, struct match_result *r)
{
	uint32_t pick[MATCH_COMBO_ITEMS + MATCH_COMBO_CREDITS];
	size_t chosen[MATCH_COMBO_ITEMS];

	for (unsigned ncred = 0; ncred <= o->nc; ncred++)
		for (unsigned mask = 0; mask < 1u << o->nc; mask++) {
			int64_t target = p->amount;
			size_t k, np = 0;

			if (bits(mask) != ncred)
				continue;
			for (size_t c = 0; c < o->nc; c++)
				if (mask & 1u << c)
					target -= o->cv[c];     /* a credit raises what the debits must reach */
			if ((k = combination(o->v, o->nv, ncred ? 1 : 2, target, target, chosen)) == 0)
				continue;
			for (size_t i = 0; i < k; i++)
				pick[np++] = o->idx[chosen[i]];
			for (size_t c = 0; c < o->nc; c++)
				if (mask & 1u << c)
					pick[np++] = o->cidx[c];
			qsort(pick, np, sizeof *pick, cmp_u32);
			match_apply_set(m, r, pick, np, np, 0, ALLOCATION_COMBINATION, conf);
			return true;
		}
	return false;
}

/* Rule 5: oldest first, the last in part (partial), what is left on account. */
static void
oldest_first(struct match_engine *m, const struct payment *p, uint32_t cust, size_t lo,
    size_t end, int conf, struct match_result *r)
{
	int64_t left = p->amount;
	size_t used = 0;

	for (size_t j = lo; j < end && left > 0 && used < MATCH_COMBO_ITEMS; j++) {
		uint32_t i = m->by_cust[j].item;
		int64_t open = m->items[i].open;

		if (open <= 0)
			continue;
		match_apply(m, r, i, cust, open <= left ? open : left, ALLOCATION_PARTIAL, conf);
		left -= open <= left ? open : left;
		used++;
	}
	if (left > 0)
		match_apply(m, r, SIZE_MAX, cust, left, ALLOCATION_ON_ACCOUNT, conf);
}

bool
match_rule_customer(struct match_engine *m, const struct payment *p, uint32_t cust,
    bool by_name, struct match_result *r)
{
	struct open_set o;
	size_t lo, end, chosen[MATCH_COMBO_ITEMS], k, best = SIZE_MAX;
	uint32_t pick[MATCH_COMBO_ITEMS];
	int64_t best_short = 0, tol = match_tolerance(m, p);
	int conf = by_name ? 85 : 90;

	match_customer_items(m, cust, p->currency, &lo, &end);
	for (size_t j = lo; j < end; j++) {
		uint32_t i = m->by_cust[j].item;

		if (m->items[i].open == p->amount) {
			match_apply_set(m, r, &i, 1, 1, 0, ALLOCATION_EXACT_AMOUNT, by_name ? 90 : 95);
			return true;
		}
	}
	o.nv = o.nc = 0;
	for (size_t j = lo; j < end; j++) {
		uint32_t i = m->by_cust[j].item;
		int64_t open = m->items[i].open;

		if (open > 0 && o.nv < MATCH_COMBO_ITEMS) {
			o.idx[o.nv] = i;
			o.v[o.nv++] = open;
		} else if (open < 0 && m->opts.use_credits && o.nc < MATCH_COMBO_CREDITS) {
			o.cidx[o.nc] = i;
			o.cv[o.nc++] = open;
		}
	}
	if (combination_exact(m, p, &o, conf, r))
		return true;
	/* Within the bank-charge tolerance: one item (smallest shortfall, oldest), then several. */
	for (size_t i = 0; i < o.nv; i++) {
		int64_t s = o.v[i] - p->amount;

		if (s > 0 && s <= tol && (best == SIZE_MAX || s < best_short)) {
			best = i;
			best_short = s;
		}
	}
	if (best != SIZE_MAX) {
		match_apply_set(m, r, &o.idx[best], 1, 0, best_short, ALLOCATION_EXACT_AMOUNT, conf);
		return true;
	}
	if (tol > 0 && (k = combination(o.v, o.nv, 2, p->amount, p->amount + tol, chosen)) > 0) {
		int64_t sum = 0, charge;

		for (size_t i = 0; i < k; i++) {
			pick[i] = o.idx[chosen[i]];
			sum += o.v[chosen[i]];
		}
		charge = sum - p->amount;
		for (size_t i = k; i-- > 0;)
			if (o.v[chosen[i]] > charge) {
				/* Many subsets come within a charge of a round sum: only suggested. */
				match_apply_set(m, r, pick, k, charge > 0 ? i : k, charge,
				    ALLOCATION_COMBINATION, conf - 10);
				return true;
			}
	}
	if (m->opts.partial == MATCH_PARTIAL_OLDEST)
		oldest_first(m, p, cust, lo, end, by_name ? 80 : 90, r);
	else
		match_apply(m, r, SIZE_MAX, cust, p->amount, ALLOCATION_ON_ACCOUNT, by_name ? 80 : 90);
	return true;
}
