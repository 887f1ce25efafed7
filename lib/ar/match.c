/* match.c - the matching engine of ar-match (see match.h for the rules). */
#include "ar/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/payer_name.h"
#include "core/strtab.h"

#define NONE UINT32_MAX
#define AMBIG (UINT32_MAX - 1)
#define ACCOUNT_SIZE 64         /* a normalised account or ref1 with its NUL */

struct mitem {
	const char *doc;        /* set by match_engine_ready */
	const char *ckey;       /* the customer's id text, likewise */
	uint32_t doc_id, customer, key;
	currency_id cur;
	civil_day due;
	int64_t amount, open;
};

struct custcur {
	uint32_t customer;
	currency_id cur;
	uint32_t item;
};

/* A text value -> the one customer that has it (AMBIG when several do). */
struct valuemap {
	struct strtab *tab;
	uint32_t *cust;
	size_t cap;
};

struct match_engine {
	const struct customer_table *ct;
	struct match_opts opts;
	size_t ncust;
	struct strtab *docs, *keys;
	struct valuemap accounts, ref1s;
	char **names;           /* names[c]: normalised names, '\n'-separated; NULL none */
	struct mitem *items;
	size_t n, cap;
	uint32_t *key_start;    /* items of key k: key_items[key_start[k] .. key_start[k+1]) */
	uint32_t *key_items;
	struct custcur *by_cust;
	bool ready;
};

const char *
match_reason_word(enum match_reason reason)
{
	static const char *const words[MATCH_REASONS] = {
		"", "debit", "no_customer", "ambiguous_customer", "no_fit"
	};

	return (unsigned)reason < MATCH_REASONS ? words[reason] : "";
}

/* Letters and digits of s[0..len), upper case, into out; 0 when none or too long. */
static size_t
norm_account(const char *s, size_t len, char out[ACCOUNT_SIZE])
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			continue;
		if (n + 1 >= ACCOUNT_SIZE)
			return 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

static ar_err
valuemap_put(struct valuemap *vm, const char *s, size_t len, uint32_t cust)
{
	uint32_t id;
	bool added;
	ar_err err;

	if ((err = strtab_intern(vm->tab, s, len, &id, &added)) != AR_OK)
		return err;
	if (id >= vm->cap) {
		size_t cap = vm->cap ? vm->cap * 2 : 256;
		uint32_t *p = realloc(vm->cust, cap * sizeof *p);

		if (p == NULL)
			return AR_ENOMEM;
		vm->cust = p;
		vm->cap = cap;
	}
	if (added)
		vm->cust[id] = cust;
	else if (vm->cust[id] != cust)
		vm->cust[id] = AMBIG;
	return AR_OK;
}

static uint32_t
valuemap_get(const struct valuemap *vm, const char *s, size_t len)
{
	uint32_t id;

	if (len == 0 || !strtab_find(vm->tab, s, len, &id))
		return NONE;
	return vm->cust[id];
}

/* Each ';'-separated value of list into vm for customer c. */
static ar_err
index_values(struct valuemap *vm, const char *list, uint32_t c)
{
	const char *s = list;

	while (*s != '\0') {
		const char *end = strchr(s, ';');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char key[ACCOUNT_SIZE];
		size_t klen = norm_account(s, len, key);
		ar_err err;

		if (klen > 0 && (err = valuemap_put(vm, key, klen, c)) != AR_OK)
			return err;
		s += len;
		if (*s == ';')
			s++;
	}
	return AR_OK;
}

/* Append name[0..len) normalised to *acc ('\n'-separated). */
static ar_err
add_name(char **acc, const char *name, size_t len)
{
	char buf[PAYER_NAME_SIZE];
	size_t n, old;
	char *p;

	while (len > 0 && (*name == ' ' || *name == '\t'))
		name++, len--;
	if (len == 0 || payer_name_normalise(name, len, buf, sizeof buf, &n) != AR_OK || n == 0)
		return AR_OK;   /* a name that does not read identifies nobody */
	old = *acc ? strlen(*acc) : 0;
	if ((p = realloc(*acc, old + n + 2)) == NULL)
		return AR_ENOMEM;
	if (old > 0)
		p[old++] = '\n';
	memcpy(p + old, buf, n);
	p[old + n] = '\0';
	*acc = p;
	return AR_OK;
}

static ar_err
index_customers(struct match_engine *m)
{
	const struct customer_table *t = m->ct;
	ar_err err;

	m->ncust = strtab_count(t->ids);
	if (m->ncust > 0 && (m->names = calloc(m->ncust, sizeof *m->names)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < m->ncust; i++) {
		const struct customer *c = customers_get(t, (uint32_t)i);
		const char *s;

		if ((err = index_values(&m->accounts, c->payer_account, (uint32_t)i)) != AR_OK ||
		    (err = index_values(&m->ref1s, c->ref1, (uint32_t)i)) != AR_OK ||
		    (err = add_name(&m->names[i], c->name, strlen(c->name))) != AR_OK)
			return err;
		for (s = c->payer_names; *s != '\0';) {
			const char *end = strchr(s, ';');
			size_t len = end ? (size_t)(end - s) : strlen(s);

			if ((err = add_name(&m->names[i], s, len)) != AR_OK)
				return err;
			s += len;
			if (*s == ';')
				s++;
		}
	}
	return AR_OK;
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
	if ((m->docs = strtab_new(1024)) == NULL || (m->keys = strtab_new(1024)) == NULL ||
	    (m->accounts.tab = strtab_new(256)) == NULL || (m->ref1s.tab = strtab_new(256)) == NULL) {
		match_engine_free(m);
		return AR_ENOMEM;
	}
	if ((err = index_customers(m)) != AR_OK) {
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
	if (m->names != NULL)
		for (size_t i = 0; i < m->ncust; i++)
			free(m->names[i]);
	free(m->names);
	strtab_free(m->docs);
	strtab_free(m->keys);
	strtab_free(m->accounts.tab);
	strtab_free(m->ref1s.tab);
	free(m->accounts.cust);
	free(m->ref1s.cust);
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
	if (amount == 0)
		return AR_OK;
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
}

/* ---- applying ---- */

static void
apply(struct match_engine *m, struct match_result *r, size_t item, uint32_t customer,
    currency_id cur, int64_t amount, enum allocation_rule rule, int confidence)
{
	struct allocation *a;

	if (r->n >= MATCH_ALLOC_MAX)
		return;         /* callers never ask for more (see the bounds below) */
	a = &r->alloc[r->n];
	a->payment_id = r->payment_id;
	a->customer = strtab_key(m->ct->ids, customer);
	a->doc_no = item == SIZE_MAX ? "" : strtab_key(m->docs, m->items[item].doc_id);
	a->currency = cur;
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

/* Items idx[0..n) applied in full, the one at position charge_at (or none:
 * n) short by charge, with a bank_charge row after it. */
static void
apply_set(struct match_engine *m, struct match_result *r, const uint32_t *idx, size_t n,
    size_t charge_at, int64_t charge, enum allocation_rule rule, int confidence)
{
	for (size_t i = 0; i < n; i++) {
		const struct mitem *it = &m->items[idx[i]];
		int64_t open = it->open;

		if (i == charge_at) {
			apply(m, r, idx[i], it->customer, it->cur, open - charge, rule, confidence);
			apply(m, r, idx[i], it->customer, it->cur, charge,
			    ALLOCATION_BANK_CHARGE, confidence);
		} else {
			apply(m, r, idx[i], it->customer, it->cur, open, rule, confidence);
		}
	}
}

/* ---- rule 1: reference ---- */

#define CITED_MAX (2 * DOCREF_MAX)

static void
extract(const char *text, struct docref_list *list)
{
	if (text != NULL && *text != '\0')
		docref_extract(text, strlen(text), list);
}

static int
cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return (a > b) - (a < b);
}

static bool
in_list(const struct docref_list *list, const char *key)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->key[i], key) == 0)
			return true;
	return false;
}

/* The open items of key[0..len) in currency cur matching the amount, into *found. */
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
	apply_set(m, r, found, 1, 1, 0, ALLOCATION_REFERENCE, 92);
	return true;
}

static bool
rule_reference(struct match_engine *m, const struct payment *p, struct match_result *r)
{
	struct docref_list list;
	uint32_t cited[CITED_MAX], pick[CITED_MAX];
	size_t n = 0, npick, hits = 0;
	int64_t sum = 0;
	bool one_customer = true, all_debit = true;

	docref_list_clear(&list);
	extract(p->reference, &list);
	extract(p->ref1, &list);
	extract(p->ref2, &list);
	extract(p->narrative, &list);
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
	qsort(cited, n, sizeof *cited, cmp_u32);

	/* The cited items of one customer summing exactly to the amount. */
	{
		uint32_t match_cust = NONE;
		size_t nmatch = 0;

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
		if (nmatch == 1) {
			npick = 0;
			for (size_t i = 0; i < n; i++)
				if (m->items[cited[i]].customer == match_cust)
					pick[npick++] = cited[i];
			apply_set(m, r, pick, npick, npick, 0, ALLOCATION_REFERENCE, 98);
			return true;
		}
	}
	/* One cited item of the amount. */
	for (size_t i = 0; i < n; i++)
		if (m->items[cited[i]].open == p->amount)
			pick[hits++] = cited[i];
	if (hits == 1) {
		apply_set(m, r, pick, 1, 1, 0, ALLOCATION_REFERENCE, 98);
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		one_customer = one_customer && m->items[cited[i]].customer == m->items[cited[0]].customer;
		all_debit = all_debit && m->items[cited[i]].open > 0;
		sum += m->items[cited[i]].open;
	}
	if (one_customer && all_debit && hits == 0) {
		if (sum > p->amount && sum - p->amount <= m->opts.charge_max) {
			int64_t charge = sum - p->amount;

			for (size_t i = n; i-- > 0;)
				if (m->items[cited[i]].open > charge) {
					apply_set(m, r, cited, n, i, charge, ALLOCATION_REFERENCE, 95);
					return true;
				}
		} else if (sum < p->amount && n + 1 < MATCH_ALLOC_MAX) {
			apply_set(m, r, cited, n, n, 0, ALLOCATION_REFERENCE, 90);
			apply(m, r, SIZE_MAX, m->items[cited[0]].customer, p->currency,
			    p->amount - sum, ALLOCATION_ON_ACCOUNT, 90);
			return true;
		}
	}
	return rule_near(m, p, &list, r);
}

/* ---- rule 2: the customer ---- */

enum ident { IDENT_NONE, IDENT_STRONG, IDENT_NAME, IDENT_AMBIGUOUS };

struct guess {
	uint32_t customer;
	int score;
};

static int
name_score(const char *names, const char *payer, size_t plen)
{
	int best = 0;

	while (names != NULL && *names != '\0') {
		const char *end = strchr(names, '\n');
		size_t len = end ? (size_t)(end - names) : strlen(names);
		int s = payer_name_similarity(names, len, payer, plen);

		if (s > best)
			best = s;
		names += len;
		if (*names == '\n')
			names++;
	}
	return best;
}

static enum ident
identify(const struct match_engine *m, const struct payment *p, uint32_t *cust,
    struct guess top[3])
{
	char key[ACCOUNT_SIZE], payer[PAYER_NAME_SIZE];
	size_t klen, plen;
	uint32_t c;

	for (int i = 0; i < 3; i++)
		top[i] = (struct guess){ NONE, 0 };
	if (p->payer_account != NULL &&
	    (klen = norm_account(p->payer_account, strlen(p->payer_account), key)) > 0 &&
	    (c = valuemap_get(&m->accounts, key, klen)) < AMBIG) {
		*cust = c;
		return IDENT_STRONG;
	}
	if (p->ref1 != NULL && (klen = norm_account(p->ref1, strlen(p->ref1), key)) > 0 &&
	    (c = valuemap_get(&m->ref1s, key, klen)) < AMBIG) {
		*cust = c;
		return IDENT_STRONG;
	}
	if (p->payer == NULL || *p->payer == '\0' ||
	    payer_name_normalise(p->payer, strlen(p->payer), payer, sizeof payer, &plen) != AR_OK ||
	    plen == 0)
		return IDENT_NONE;
	for (size_t i = 0; i < m->ncust; i++) {
		int s = name_score(m->names[i], payer, plen);

		/* Ties keep the customer first in the table: deterministic. */
		for (int k = 0; k < 3; k++)
			if (s > top[k].score) {
				memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof *top);
				top[k] = (struct guess){ (uint32_t)i, s };
				break;
			}
	}
	if (top[0].score < PAYER_NAME_LIKELY)
		return IDENT_NONE;
	if (top[1].score >= PAYER_NAME_LIKELY && top[0].score - top[1].score <= MATCH_NAME_MARGIN)
		return IDENT_AMBIGUOUS;
	*cust = top[0].customer;
	return IDENT_NAME;
}

/* ---- rule 3: within the customer ---- */

struct search {
	const int64_t *v;
	size_t n;
	int64_t lo, hi;
	long nodes;
	size_t k;
	size_t chosen[MATCH_COMBO_ITEMS];
};

/* Choose s->k - depth more of v[start..n) with sum + their total in [lo, hi]. */
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

/* The fewest, then lexicographically first (oldest), of v[0..n) summing to [lo, hi]. */
static size_t
combination(const int64_t *v, size_t n, int64_t lo, int64_t hi, size_t *chosen)
{
	struct search s = { v, n, lo, hi, 0, 0, { 0 } };

	for (s.k = 2; s.k <= n && s.nodes <= MATCH_COMBO_NODES; s.k++)
		if (dfs(&s, 0, 0, 0)) {
			memcpy(chosen, s.chosen, s.k * sizeof *chosen);
			return s.k;
		}
	return 0;
}

static bool
rule_customer(struct match_engine *m, const struct payment *p, uint32_t cust, bool by_name,
    struct match_result *r)
{
	size_t lo = 0, hi = m->n, end;
	uint32_t idx[MATCH_COMBO_ITEMS], pick[MATCH_COMBO_ITEMS];
	int64_t v[MATCH_COMBO_ITEMS] = { 0 };
	size_t chosen[MATCH_COMBO_ITEMS], nv = 0, k, best = SIZE_MAX;
	int64_t best_short = 0;
	int conf = by_name ? 85 : 90;

	/* The first entry of (cust, currency). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct custcur *e = &m->by_cust[mid];

		if (e->customer < cust || (e->customer == cust && e->cur < p->currency))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < m->n && m->by_cust[end].customer == cust &&
	    m->by_cust[end].cur == p->currency; end++)
		;
	for (size_t j = lo; j < end; j++) {
		uint32_t i = m->by_cust[j].item;

		if (m->items[i].open == p->amount) {
			apply_set(m, r, &i, 1, 1, 0, ALLOCATION_EXACT_AMOUNT, by_name ? 90 : 95);
			return true;
		}
	}
	for (size_t j = lo; j < end && nv < MATCH_COMBO_ITEMS; j++) {
		uint32_t i = m->by_cust[j].item;

		if (m->items[i].open > 0) {
			idx[nv] = i;
			v[nv++] = m->items[i].open;
		}
	}
	if ((k = combination(v, nv, p->amount, p->amount, chosen)) > 0) {
		for (size_t i = 0; i < k; i++)
			pick[i] = idx[chosen[i]];
		apply_set(m, r, pick, k, k, 0, ALLOCATION_COMBINATION, conf);
		return true;
	}
	/* Within the bank-charge tolerance: one item (smallest shortfall, oldest), then several. */
	for (size_t i = 0; i < nv; i++) {
		int64_t s = v[i] - p->amount;

		if (s > 0 && s <= m->opts.charge_max && (best == SIZE_MAX || s < best_short)) {
			best = i;
			best_short = s;
		}
	}
	if (best != SIZE_MAX) {
		apply_set(m, r, &idx[best], 1, 0, best_short, ALLOCATION_EXACT_AMOUNT, conf);
		return true;
	}
	if (m->opts.charge_max > 0 &&
	    (k = combination(v, nv, p->amount, p->amount + m->opts.charge_max, chosen)) > 0) {
		int64_t sum = 0, charge;

		for (size_t i = 0; i < k; i++) {
			pick[i] = idx[chosen[i]];
			sum += v[chosen[i]];
		}
		charge = sum - p->amount;
		for (size_t i = k; i-- > 0;)
			if (v[chosen[i]] > charge) {
				apply_set(m, r, pick, k, charge > 0 ? i : k, charge,
				    ALLOCATION_COMBINATION, conf);
				return true;
			}
	}
	return false;
}

/* ---- candidates ---- */

static void
add_candidate(char *buf, const char *text)
{
	size_t used = strlen(buf), len = strlen(text);

	if (used + (used > 0) + len + 1 > MATCH_CANDIDATES_SIZE)
		return;
	if (used > 0)
		buf[used++] = ';';
	memcpy(buf + used, text, len + 1);
}

/* Customers whose payer names come close, then items a cited key names. */
static void
candidates(const struct match_engine *m, const struct payment *p, const struct guess top[3],
    char *buf)
{
	struct docref_list list;
	size_t shown = 0;

	for (int i = 0; i < 3; i++)
		if (top[i].customer != NONE && top[i].score >= PAYER_NAME_UNRELATED)
			add_candidate(buf, strtab_key(m->ct->ids, top[i].customer));
	docref_list_clear(&list);
	extract(p->reference, &list);
	extract(p->ref1, &list);
	extract(p->ref2, &list);
	extract(p->narrative, &list);
	for (size_t k = 0; k < list.n && shown < 3; k++) {
		uint32_t id;

		if (!strtab_find(m->keys, list.key[k], strlen(list.key[k]), &id))
			continue;
		for (uint32_t j = m->key_start[id]; j < m->key_start[id + 1] && shown < 3; j++) {
			const struct mitem *it = &m->items[m->key_items[j]];
			char text[MATCH_CANDIDATES_SIZE];

			if (it->cur != p->currency || it->open == 0)
				continue;
			snprintf(text, sizeof text, "%s/%s", it->ckey, it->doc);
			add_candidate(buf, text);
			shown++;
		}
	}
}

ar_err
match_payment(struct match_engine *m, const struct payment *p, struct match_result *out)
{
	struct guess top[3];
	uint32_t cust = NONE;
	enum ident how;

	if (!m->ready)
		return AR_EUSAGE;
	out->n = 0;
	out->remainder = p->amount;
	out->reason = MATCH_APPLIED;
	out->customer = NONE;
	out->candidates[0] = '\0';
	memcpy(out->payment_id, p->id, sizeof out->payment_id);
	out->payment_id[sizeof out->payment_id - 1] = '\0';
	if (p->amount <= 0) {
		out->reason = MATCH_DEBIT;
		return AR_OK;
	}
	if (rule_reference(m, p, out))
		return AR_OK;
	how = identify(m, p, &cust, top);
	if (how == IDENT_STRONG || how == IDENT_NAME) {
		if (rule_customer(m, p, cust, how == IDENT_NAME, out))
			return AR_OK;
		out->reason = MATCH_NO_FIT;
		out->customer = cust;
		add_candidate(out->candidates, strtab_key(m->ct->ids, cust));
		return AR_OK;
	}
	out->reason = how == IDENT_AMBIGUOUS ? MATCH_AMBIGUOUS : MATCH_NO_CUSTOMER;
	candidates(m, p, top, out->candidates);
	return AR_OK;
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
		} else if (money_add(&sum, a->amount) != AR_OK) {
			return false;
		}
	}
	if (p->amount <= 0 && r->n > 0)
		return false;
	return sum == p->amount;
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
