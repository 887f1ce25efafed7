/*
 * match_ident.c - who paid (match.h, rule 3): the customer master's payer
 * accounts, Ref-1s and names indexed once, and a payment's payer found in
 * them.  Names are compared with payer_name_similarity, but only against
 * the customers that share a word, or a word's first three characters,
 * with the payer: 50,000 customers scored for every payment would take
 * minutes, and a name that shares no word at all never scores
 * PAYER_NAME_LIKELY.
 */
#include <stdlib.h>
#include <string.h>

#include "ar/match_int.h"
#include "ar/payer_name.h"
#include "core/utf8.h"

/* A word shared by more customers is passed over when the payer has a rarer one. */
#define NAME_POSTING_MAX 20000
/* Customers scored with payer_name_similarity per payment, the closest by shared words. */
#define NAME_SCORED 48
#define NAME_PREFIX_CHARS 3

/* Letters and digits of s[0..len), upper case, into out; 0 when none or too long. */
size_t
match_norm_account(const char *s, size_t len, char out[ACCOUNT_SIZE])
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
		size_t klen = match_norm_account(s, len, key);
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

/* ---- the name index ---- */

struct posting {
	uint32_t word, customer;
};

struct postings {
	struct posting *v;
	size_t n, cap;
};

/*
 * The keys a word is found by: the word, and (when longer) "\x01" and its
 * first NAME_PREFIX_CHARS characters, so that a typo past them still
 * finds it.  The keys go to keys[], their lengths to klen[]; returns how
 * many (1 or 2).
 */
static size_t
word_keys(const char *w, size_t len, char keys[2][PAYER_NAME_SIZE + 1], size_t klen[2])
{
	size_t n = 0, cut = 0;

	memcpy(keys[n], w, len);
	klen[n++] = len;
	for (int i = 0; i < NAME_PREFIX_CHARS && cut < len; i++) {
		size_t step = utf8_sequence(w + cut, len - cut, NULL);

		cut += step ? step : 1;
	}
	if (cut < len) {
		keys[n][0] = '\x01';
		memcpy(keys[n] + 1, w, cut);
		klen[n++] = cut + 1;
	}
	return n;
}

static ar_err
postings_add(struct match_engine *m, struct postings *ps, const char *key, size_t len,
    uint32_t c)
{
	uint32_t id;
	bool added;
	ar_err err;

	if ((err = strtab_intern(m->nix.words, key, len, &id, &added)) != AR_OK)
		return err;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 1024;
		struct posting *v = realloc(ps->v, cap * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		ps->v = v;
		ps->cap = cap;
	}
	ps->v[ps->n++] = (struct posting){ id, c };
	return AR_OK;
}

static int
cmp_posting(const void *pa, const void *pb)
{
	const struct posting *a = pa, *b = pb;

	if (a->word != b->word)
		return a->word < b->word ? -1 : 1;
	return (a->customer > b->customer) - (a->customer < b->customer);
}

/* Each word of customer c's names, by its keys. */
static ar_err
index_name_words(struct match_engine *m, struct postings *ps, uint32_t c)
{
	const char *s = m->names[c];

	while (s != NULL && *s != '\0') {
		size_t len = strcspn(s, " \n");

		if (len > 0) {
			char keys[2][PAYER_NAME_SIZE + 1];
			size_t klen[2], nk = word_keys(s, len, keys, klen);
			ar_err err;

			for (size_t k = 0; k < nk; k++)
				if ((err = postings_add(m, ps, keys[k], klen[k], c)) != AR_OK)
					return err;
		}
		s += len;
		if (*s != '\0')
			s++;
	}
	return AR_OK;
}

static ar_err
build_name_index(struct match_engine *m)
{
	struct name_index *x = &m->nix;
	struct postings ps = { NULL, 0, 0 };
	size_t nwords, out = 0;
	ar_err err = AR_OK;

	for (size_t c = 0; c < m->ncust && err == AR_OK; c++)
		err = index_name_words(m, &ps, (uint32_t)c);
	nwords = strtab_count(x->words);
	if (err == AR_OK &&
	    ((x->start = calloc(nwords + 1, sizeof *x->start)) == NULL ||
	    (x->list = malloc((ps.n ? ps.n : 1) * sizeof *x->list)) == NULL ||
	    (x->stamp = calloc(m->ncust ? m->ncust : 1, sizeof *x->stamp)) == NULL ||
	    (x->slot = calloc(m->ncust ? m->ncust : 1, sizeof *x->slot)) == NULL ||
	    (x->touched = calloc(m->ncust ? m->ncust : 1, sizeof *x->touched)) == NULL))
		err = AR_ENOMEM;
	if (err == AR_OK) {
		if (ps.n > 1)
			qsort(ps.v, ps.n, sizeof *ps.v, cmp_posting);
		for (size_t i = 0; i < ps.n; i++) {
			if (i > 0 && cmp_posting(&ps.v[i], &ps.v[i - 1]) == 0)
				continue;   /* a word twice in one customer's names */
			x->list[out++] = ps.v[i].customer;
			x->start[ps.v[i].word + 1]++;
		}
		for (size_t w = 0; w < nwords; w++)
			x->start[w + 1] += x->start[w];
	}
	free(ps.v);
	return err;
}

ar_err
match_index_customers(struct match_engine *m)
{
	const struct customer_table *t = m->ct;
	ar_err err;

	if ((m->accounts.tab = strtab_new(256)) == NULL || (m->ref1s.tab = strtab_new(256)) == NULL ||
	    (m->nix.words = strtab_new(1024)) == NULL)
		return AR_ENOMEM;
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
	return build_name_index(m);
}

void
match_free_customers(struct match_engine *m)
{
	if (m->names != NULL)
		for (size_t i = 0; i < m->ncust; i++)
			free(m->names[i]);
	free(m->names);
	strtab_free(m->accounts.tab);
	strtab_free(m->ref1s.tab);
	free(m->accounts.cust);
	free(m->ref1s.cust);
	strtab_free(m->nix.words);
	free(m->nix.start);
	free(m->nix.list);
	free(m->nix.stamp);
	free(m->nix.slot);
	free(m->nix.touched);
}

/* ---- identifying ---- */

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

/* Customer a before b by their ids' text: an order the master's row order does not change. */
static bool
id_before(const struct match_engine *m, uint32_t a, uint32_t b)
{
	return strcmp(strtab_key(m->ct->ids, a), strtab_key(m->ct->ids, b)) < 0;
}

/* Keep top[] the three best, ties to the smaller customer id. */
static void
rank(const struct match_engine *m, struct guess top[3], uint32_t c, int s)
{
	for (int k = 0; k < 3; k++)
		if (s > top[k].score ||
		    (s == top[k].score && s > 0 && (top[k].customer == NONE || id_before(m, c, top[k].customer)))) {
			memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof *top);
			top[k] = (struct guess){ c, s };
			return;
		}
}

/* Heavier first, ties by id. */
static int
cmp_touched(const struct match_engine *m, const struct touched *a, const struct touched *b)
{
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->customer == b->customer)
		return 0;
	return id_before(m, a->customer, b->customer) ? -1 : 1;
}

/*
 * Score the customers that share most with the payer's words: each
 * customer on the lists of the payer's keys gathers the length of every
 * word it shares, times how rare the word is (half for a shared prefix);
 * the NAME_SCORED heaviest are scored with payer_name_similarity.  A list
 * of more than NAME_POSTING_MAX customers (a word like "syarikat") is
 * read only when every list of the payer's words is that long.
 */
static void
score_names(struct match_engine *m, const char *payer, size_t plen, struct guess top[3])
{
	struct name_index *x = &m->nix;
	uint32_t lists[2 * PAYER_NAME_SIZE], weights[2 * PAYER_NAME_SIZE];
	size_t nlists = 0, short_lists = 0, ntouched = 0;

	if (++x->clock == 0) {      /* wrapped: forget every stamp */
		memset(x->stamp, 0, m->ncust * sizeof *x->stamp);
		x->clock = 1;
	}
	for (size_t i = 0; i < plen;) {
		size_t len = strcspn(payer + i, " ");
		char keys[2][PAYER_NAME_SIZE + 1];
		size_t klen[2], nk = len ? word_keys(payer + i, len, keys, klen) : 0;

		for (size_t k = 0; k < nk; k++) {
			uint32_t w;

			if (strtab_find(x->words, keys[k], klen[k], &w) && nlists < 2 * PAYER_NAME_SIZE) {
				uint32_t size = x->start[w + 1] - x->start[w], idf = 1;

				/* A rare word says more: 1 + log2(customers / customers with it). */
				for (size_t q = m->ncust / (size ? size : 1); q > 1; q >>= 1)
					idf++;
				weights[nlists] = (uint32_t)len * idf * (k == 0 ? 2 : 1);
				lists[nlists++] = w;
				short_lists += size <= NAME_POSTING_MAX;
			}
		}
		i += len + 1;
	}
	for (size_t j = 0; j < nlists; j++) {
		uint32_t w = lists[j], size = x->start[w + 1] - x->start[w];

		if (size > NAME_POSTING_MAX && short_lists > 0)
			continue;
		for (uint32_t k = x->start[w]; k < x->start[w + 1]; k++) {
			uint32_t c = x->list[k];

			if (x->stamp[c] != x->clock) {
				x->stamp[c] = x->clock;
				x->slot[c] = (uint32_t)ntouched;
				x->touched[ntouched++] = (struct touched){ c, 0 };
			}
			x->touched[x->slot[c]].weight += weights[j];
		}
	}
	/* The NAME_SCORED heaviest, kept in order: most touched customers never enter. */
	{
		struct touched best[NAME_SCORED];
		size_t nbest = 0;

		for (size_t t = 0; t < ntouched; t++) {
			size_t at = nbest;

			if (nbest == NAME_SCORED && cmp_touched(m, &x->touched[t], &best[nbest - 1]) >= 0)
				continue;
			while (at > 0 && cmp_touched(m, &x->touched[t], &best[at - 1]) < 0)
				at--;
			if (nbest < NAME_SCORED)
				nbest++;
			memmove(&best[at + 1], &best[at], (nbest - 1 - at) * sizeof *best);
			best[at] = x->touched[t];
		}
		for (size_t t = 0; t < nbest; t++)
			rank(m, top, best[t].customer, name_score(m->names[best[t].customer], payer, plen));
	}
}

enum ident
match_identify_strong(const struct match_engine *m, const struct payment *p, uint32_t *cust)
{
	char key[ACCOUNT_SIZE];
	size_t klen;
	uint32_t c;

	if (p->payer_account != NULL &&
	    (klen = match_norm_account(p->payer_account, strlen(p->payer_account), key)) > 0 &&
	    (c = valuemap_get(&m->accounts, key, klen)) < AMBIG) {
		*cust = c;
		return IDENT_STRONG;
	}
	if (p->ref1 != NULL && (klen = match_norm_account(p->ref1, strlen(p->ref1), key)) > 0 &&
	    (c = valuemap_get(&m->ref1s, key, klen)) < AMBIG) {
		*cust = c;
		return IDENT_STRONG;
	}
	return IDENT_NONE;
}

enum ident
match_identify(struct match_engine *m, const struct payment *p, uint32_t *cust,
    struct guess top[3])
{
	char payer[PAYER_NAME_SIZE];
	size_t plen;

	for (int i = 0; i < 3; i++)
		top[i] = (struct guess){ NONE, 0 };
	if (match_identify_strong(m, p, cust) == IDENT_STRONG)
		return IDENT_STRONG;
	if (p->payer == NULL || *p->payer == '\0' ||
	    payer_name_normalise(p->payer, strlen(p->payer), payer, sizeof payer, &plen) != AR_OK ||
	    plen == 0)
		return IDENT_NONE;
	score_names(m, payer, plen, top);
	if (top[0].score < PAYER_NAME_LIKELY)
		return IDENT_NONE;
	if (top[1].score >= PAYER_NAME_LIKELY && top[0].score - top[1].score <= MATCH_NAME_MARGIN)
		return IDENT_AMBIGUOUS;
	*cust = top[0].customer;
	return IDENT_NAME;
}

/* ---- candidates ---- */

void
match_add_candidate(char *buf, const char *text)
{
	size_t used = strlen(buf), len = strlen(text);

	for (const char *s = buf; *s != '\0';) {   /* each guess once */
		size_t n = strcspn(s, ";");

		if (n == len && memcmp(s, text, len) == 0)
			return;
		s += n + (s[n] == ';');
	}
	if (used + (used > 0) + len + 1 > MATCH_CANDIDATES_SIZE)
		return;
	if (used > 0)
		buf[used++] = ';';
	memcpy(buf + used, text, len + 1);
}

/* Customers whose payer names come close, then items a cited key names. */
void
match_candidates(const struct match_engine *m, const struct payment *p, const struct guess top[3],
    char *buf)
{
	struct docref_list list;
	size_t shown = 0;

	for (int i = 0; i < 3; i++)
		if (top[i].customer != NONE && top[i].score >= PAYER_NAME_UNRELATED)
			match_add_candidate(buf, strtab_key(m->ct->ids, top[i].customer));
	match_extract_refs(p, &list);
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
			match_add_candidate(buf, text);
			shown++;
		}
	}
}

