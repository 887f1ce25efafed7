/*
 * match_int.h - what the four files of the matching engine share (private
 * to lib/ar/match*.c): the engine, its items and the steps of applying.
 *
 *   match.c        the engine: items, indexes, applying and undoing,
 *                  settling a result, the invariants
 *   match_ident.c  who paid: payer account, Ref-1, payer name (name index)
 *   match_rules.c  what was paid: remittance, reference, amount rules
 *   match_probe.c  the same read for tools that only look (ar-remit):
 *                  who paid, what a customer has open and what is cited
 */
#ifndef MATCH_INT_H
#define MATCH_INT_H

#include "ar/match.h"
#include "core/strtab.h"

#define NONE UINT32_MAX
#define AMBIG (UINT32_MAX - 1)
#define ACCOUNT_SIZE 64         /* a normalised account or ref1 with its NUL */

struct mitem {
	const char *doc;        /* set by match_engine_ready */
	const char *ckey;       /* the customer's id text, likewise */
	uint32_t doc_id, customer, key, seq;
	currency_id cur;
	civil_day due;
	int64_t amount, open;
};

/* (customer, currency) -> its items, oldest first: by_cust sorted. */
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

/* A customer a name lookup reached, with the length of the words it shares. */
struct touched {
	uint32_t customer, weight;
};

/* Normalised name words -> customers whose names have them (match_ident.c). */
struct name_index {
	struct strtab *words;   /* a word, or "\x01" and a word's first 3 bytes */
	uint32_t *start;        /* customers of word w: list[start[w] .. start[w+1]) */
	uint32_t *list;
	uint32_t *stamp;        /* stamp[c]: the last lookup that touched c */
	uint32_t *slot;         /* slot[c]: c's place in touched[], valid when stamped */
	struct touched *touched; /* customers of this lookup and the weight they share */
	uint32_t clock;
};

struct match_engine {
	const struct customer_table *ct;
	struct match_opts opts;
	size_t ncust;
	struct strtab *docs, *keys;
	struct valuemap accounts, ref1s;
	char **names;           /* names[c]: normalised names, '\n'-separated; NULL none */
	struct name_index nix;
	struct mitem *items;
	size_t n, cap;
	uint32_t seq;           /* match_engine_add_item calls so far */
	uint32_t *key_start;    /* items of key k: key_items[key_start[k] .. key_start[k+1]) */
	uint32_t *key_items;
	struct custcur *by_cust;
	bool ready;
};

/* Who paid, by the strongest sign found. */
enum ident { IDENT_NONE, IDENT_STRONG, IDENT_NAME, IDENT_AMBIGUOUS };

struct guess {
	uint32_t customer;
	int score;
};

/* match_ident.c */
size_t match_norm_account(const char *s, size_t len, char out[ACCOUNT_SIZE]);
ar_err match_index_customers(struct match_engine *m);
void match_free_customers(struct match_engine *m);
/* By payer_account, then ref1 only: the signs that name one customer for sure. */
enum ident match_identify_strong(const struct match_engine *m, const struct payment *p,
    uint32_t *cust);
/* Strong, then by name; top[] the three best names (candidates). */
enum ident match_identify(struct match_engine *m, const struct payment *p, uint32_t *cust,
    struct guess top[3]);
void match_add_candidate(char *buf, const char *text);
void match_candidates(const struct match_engine *m, const struct payment *p,
    const struct guess top[3], char *buf);

/* match.c: applying; every change to an item's open amount goes through here. */
void match_apply(struct match_engine *m, struct match_result *r, size_t item,
    uint32_t customer, int64_t amount, enum allocation_rule rule, int confidence);
void match_apply_set(struct match_engine *m, struct match_result *r, const uint32_t *idx,
    size_t n, size_t charge_at, int64_t charge, enum allocation_rule rule, int confidence);
/* The bank-charge tolerance for payment p, in its currency's minor units. */
int64_t match_tolerance(const struct match_engine *m, const struct payment *p);
/* The items of (customer, currency), oldest first: by_cust[*lo .. *end). */
void match_customer_items(const struct match_engine *m, uint32_t cust, currency_id cur,
    size_t *lo, size_t *end);

/* match_rules.c: each returns true when it decided (allocations in r). */
bool match_rule_remittance(struct match_engine *m, const struct payment *p,
    const struct remittance_line *lines, size_t nlines, struct match_result *r);
bool match_rule_reference(struct match_engine *m, const struct payment *p,
    struct match_result *r);
bool match_rule_customer(struct match_engine *m, const struct payment *p, uint32_t cust,
    bool by_name, struct match_result *r);

/* Docref keys of every text of p that may cite a document. */
void match_extract_refs(const struct payment *p, struct docref_list *list);

#endif
