/*
 * remit.c - direct credits to identify (remit.h).  The book is ar-match's
 * engine, built the same way and read through its probes (match.h), so
 * that a payer is found here exactly as ar-match would find it and a cited
 * number read as it reads it; nothing is ever applied to it.
 */
#include "ar/remit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/match.h"
#include "ar/payer_name.h"
#include "core/money.h"
#include "core/strtab.h"

struct remit {
	struct match_engine *m;
	const struct customer_table *ct;
};

void
remit_policy_from_config(const struct ar_config *cfg, struct remit_policy *p)
{
	p->candidates = (int)config_get_long(cfg, "remit:candidates");
	p->resend_days = (int)config_get_long(cfg, "remit:resend_days");
	p->escalate_days = (int)config_get_long(cfg, "remit:escalate_days");
	if (p->candidates > REMIT_CANDIDATES_MAX)
		p->candidates = REMIT_CANDIDATES_MAX;
	if (p->candidates < 0)
		p->candidates = 0;
}

ar_err
remit_new(struct remit **out, const struct customer_table *ct)
{
	struct remit *r = calloc(1, sizeof *r);
	ar_err err;

	*out = NULL;
	if (r == NULL)
		return AR_ENOMEM;
	if ((err = match_engine_new(&r->m, ct, NULL)) != AR_OK) {
		free(r);
		return err;
	}
	r->ct = ct;
	*out = r;
	return AR_OK;
}

void
remit_free(struct remit *r)
{
	if (r == NULL)
		return;
	match_engine_free(r->m);
	free(r);
}

ar_err
remit_add_item(struct remit *r, uint32_t customer, const char *doc_no, size_t len,
    civil_day due_date, currency_id currency, int64_t amount)
{
	return match_engine_add_item(r->m, customer, doc_no, len, due_date, currency, amount);
}

ar_err
remit_ready(struct remit *r)
{
	return match_engine_ready(r->m);
}

void
remit_item(const struct remit *r, uint32_t item, struct remit_item_info *out)
{
	struct match_item_info it;

	match_engine_item(r->m, item, &it);
	out->customer = strtab_key(r->ct->ids, it.customer);
	out->doc_no = it.doc_no;
	out->due_date = it.due_date;
	out->currency = it.currency;
	out->open = it.open;
}

/* ---- who paid ---- */

static void
note_add(char *note, const char *fmt, const char *who, int score)
{
	size_t used = strlen(note);

	if (used < REMIT_NOTE_SIZE)
		snprintf(note + used, REMIT_NOTE_SIZE - used, fmt, who, score);
}

/* "A 90, B 88": the names at min or above. */
static void
names_note(const struct customer_table *ct, const struct match_name_guess names[3], int min,
    char *note)
{
	bool first = true;

	for (int i = 0; i < 3; i++) {
		if (names[i].customer == MATCH_NOBODY || names[i].score < min)
			continue;
		note_add(note, first ? "%s %d" : ", %s %d", strtab_key(ct->ids, names[i].customer),
		    names[i].score);
		first = false;
	}
}

/*
 * The one customer ar-match's candidates name when it had identified one
 * (low_confidence, partial: "C1/INV-1;C1/INV-2;C1"), REMIT_NOBODY
 * otherwise.  A customer id is what comes before the first '/'.
 */
static uint32_t
match_named(const struct customer_table *ct, const char *reason, const char *cands)
{
	uint32_t who = REMIT_NOBODY;

	if (strcmp(reason, "low_confidence") != 0 && strcmp(reason, "partial") != 0)
		return REMIT_NOBODY;
	while (*cands != '\0') {
		size_t n = strcspn(cands, ";"), id_len = strcspn(cands, "/;");
		uint32_t id;

		if (id_len == 0 || !strtab_find(ct->ids, cands, id_len, &id) ||
		    (who != REMIT_NOBODY && who != id))
			return REMIT_NOBODY;
		who = id;
		cands += n + (cands[n] == ';');
	}
	return who;
}

void
remit_identify(struct remit *r, const struct payment *p, const char *reason,
    const char *candidates, struct remit_payer *out)
{
	struct match_payer who;
	uint32_t cust;

	match_probe_payer(r->m, p, &who);
	out->customer = REMIT_NOBODY;
	out->found = REMIT_FOUND_NONE;
	out->note[0] = '\0';
	if (who.sign == MATCH_PAYER_ACCOUNT || who.sign == MATCH_PAYER_REF1) {
		out->customer = who.customer;
		out->found = REMIT_FOUND_ACCOUNT;
		snprintf(out->note, sizeof out->note, "%s", who.sign == MATCH_PAYER_ACCOUNT ?
		    "payer account" : "Ref-1");
		return;
	}
	if (who.sign == MATCH_PAYER_NAME) {
		out->customer = who.customer;
		out->found = REMIT_FOUND_NAME;
		snprintf(out->note, sizeof out->note, "name %d", who.names[0].score);
		return;
	}
	if (who.cited != MATCH_NOBODY) {
		out->customer = who.cited;
		out->found = REMIT_FOUND_REFERENCE;
		snprintf(out->note, sizeof out->note, "%s", who.sign == MATCH_PAYER_AMBIGUOUS ?
		    "reference (names ambiguous)" : "reference");
		return;
	}
	if ((cust = match_named(r->ct, reason, candidates)) != REMIT_NOBODY) {
		out->customer = cust;
		out->found = REMIT_FOUND_MATCH;
		snprintf(out->note, sizeof out->note, "ar-match %s", reason);
		return;
	}
	if (who.sign == MATCH_PAYER_AMBIGUOUS) {
		out->found = REMIT_FOUND_AMBIGUOUS;
		snprintf(out->note, sizeof out->note, "ambiguous: ");
		names_note(r->ct, who.names, PAYER_NAME_LIKELY, out->note);
		return;
	}
	if (who.names[0].customer != MATCH_NOBODY && who.names[0].score >= PAYER_NAME_UNRELATED) {
		snprintf(out->note, sizeof out->note, "close: ");
		names_note(r->ct, who.names, PAYER_NAME_UNRELATED, out->note);
	}
}

/* ---- the candidates ---- */

/* a before b in the ranking (remit.h). */
static bool
better(const struct remit_candidate *a, const struct remit_candidate *b)
{
	int64_t da = a->difference < 0 ? -a->difference : a->difference;
	int64_t db = b->difference < 0 ? -b->difference : b->difference;

	/* What the customer wrote says more than an amount that happens to fit. */
	if (a->cited != b->cited)
		return a->cited;
	if (da != db)
		return da < db;
	if (a->n != b->n)
		return a->n < b->n;
	for (size_t i = 0; i < a->n; i++)
		if (a->item[i] != b->item[i])
			return a->item[i] < b->item[i];
	return false;
}

static bool
same_set(const struct remit_candidate *a, const struct remit_candidate *b)
{
	return a->n == b->n && memcmp(a->item, b->item, a->n * sizeof *a->item) == 0;
}

/* The best sets so far, and the customer's open debit items the sets are drawn from. */
struct ranking {
	int64_t amount;
	struct remit_candidate *best;
	size_t n, max;
	struct match_probe_item debit[REMIT_SET_MAX];   /* the oldest, oldest first */
	struct match_probe_item cited[REMIT_SET_MAX];   /* those the texts cite, likewise */
	size_t ndebit, ncited;
};

/* The set items[0..n) (oldest first) offered to the ranking. */
static void
offer(struct ranking *k, const struct match_probe_item *items, size_t n)
{
	struct remit_candidate c;
	size_t at;

	if (n == 0 || n > REMIT_SET_MAX || k->max == 0)
		return;
	memset(&c, 0, sizeof c);
	c.n = n;
	c.cited = true;
	for (size_t i = 0; i < n; i++) {
		c.item[i] = (uint32_t)items[i].item;
		if (money_add(&c.sum, items[i].open) != AR_OK)
			return;
		c.cited = c.cited && items[i].cited;
	}
	c.difference = k->amount;
	if (money_add(&c.difference, -c.sum) != AR_OK)
		return;
	for (size_t i = 0; i < k->n; i++)
		if (same_set(&k->best[i], &c))
			return;
	for (at = k->n; at > 0 && better(&c, &k->best[at - 1]); at--)
		;
	if (at >= k->max)
		return;
	if (k->n < k->max)
		k->n++;
	memmove(&k->best[at + 1], &k->best[at], (k->n - 1 - at) * sizeof *k->best);
	k->best[at] = c;
}

/*
 * Each of the customer's items in turn, oldest first (match_probe_items):
 * every open debit offered alone, the oldest kept for the sets.
 */
static void
take_item(void *arg, const struct match_probe_item *item)
{
	struct ranking *k = arg;

	if (item->open <= 0)
		return;
	offer(k, item, 1);
	if (k->ndebit < REMIT_SET_MAX)
		k->debit[k->ndebit++] = *item;
	if (item->cited && k->ncited < REMIT_SET_MAX)
		k->cited[k->ncited++] = *item;
}

size_t
remit_candidates(const struct remit *r, uint32_t customer, const struct payment *p,
    struct remit_candidate *out, size_t max)
{
	struct ranking k;

	if (customer == REMIT_NOBODY || customer >= strtab_count(r->ct->ids))
		return 0;
	memset(&k, 0, sizeof k);
	k.amount = p->amount;
	k.best = out;
	k.max = max > REMIT_CANDIDATES_MAX ? REMIT_CANDIDATES_MAX : max;
	match_probe_items(r->m, customer, p, take_item, &k);
	for (size_t a = 0; a < k.ndebit; a++)
		for (size_t b = a + 1; b < k.ndebit; b++) {
			struct match_probe_item pair[2] = { k.debit[a], k.debit[b] };

			offer(&k, pair, 2);
		}
	for (size_t n = 3; n <= k.ndebit; n++)
		offer(&k, k.debit, n);
	if (k.ncited > 1)
		offer(&k, k.cited, k.ncited);
	return k.n;
}

/* ---- the journal's requests ---- */

struct remit_requests {
	struct strtab *refs;
	civil_day *first, *last;
	size_t cap;
};

ar_err
remit_requests_new(struct remit_requests **out)
{
	struct remit_requests *t = calloc(1, sizeof *t);

	*out = NULL;
	if (t == NULL || (t->refs = strtab_new(256)) == NULL) {
		free(t);
		return AR_ENOMEM;
	}
	*out = t;
	return AR_OK;
}

void
remit_requests_free(struct remit_requests *t)
{
	if (t == NULL)
		return;
	strtab_free(t->refs);
	free(t->first);
	free(t->last);
	free(t);
}

ar_err
remit_requests_note(struct remit_requests *t, const char *ref, size_t len, civil_day day)
{
	uint32_t id;
	bool added;

	if (strtab_intern(t->refs, ref, len, &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (id >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		civil_day *f = realloc(t->first, cap * sizeof *f);

		if (f == NULL)
			return AR_ENOMEM;
		t->first = f;
		if ((f = realloc(t->last, cap * sizeof *f)) == NULL)
			return AR_ENOMEM;
		t->last = f;
		t->cap = cap;
	}
	if (added || day < t->first[id])
		t->first[id] = day;
	if (added || day > t->last[id])
		t->last[id] = day;
	return AR_OK;
}

bool
remit_requests_find(const struct remit_requests *t, const char *ref, civil_day *first,
    civil_day *last)
{
	uint32_t id;

	*first = *last = DATE_NONE;
	if (!strtab_find(t->refs, ref, strlen(ref), &id))
		return false;
	*first = t->first[id];
	*last = t->last[id];
	return true;
}

/* ---- the decision ---- */

enum remit_done
remit_decide(const struct remit_policy *pol, civil_day as_of, civil_day value_date,
    bool has_customer, bool has_email, civil_day last_request)
{
	if ((long)as_of - (long)value_date >= pol->escalate_days)
		return REMIT_ESCALATE;
	if (!has_customer)
		return REMIT_NO_CUSTOMER;
	if (last_request != DATE_NONE && (long)as_of - (long)last_request < pol->resend_days)
		return REMIT_ALREADY;
	if (!has_email)
		return REMIT_NO_EMAIL;
	return REMIT_REQUEST;
}

/* ---- holding a credit ---- */

ar_err
remit_case_hold(struct remit_case *c, const struct payment *p, const char *reason,
    const char *candidates, long line)
{
	const char *src[12];
	const char **dst[12];
	size_t total = 0, used = 0, n = 0;

	memset(c, 0, sizeof *c);
	c->p = *p;
	dst[n] = &c->p.payer, src[n++] = p->payer;
	dst[n] = &c->p.payer_account, src[n++] = p->payer_account;
	dst[n] = &c->p.reference, src[n++] = p->reference;
	dst[n] = &c->p.channel, src[n++] = p->channel;
	dst[n] = &c->p.ref1, src[n++] = p->ref1;
	dst[n] = &c->p.ref2, src[n++] = p->ref2;
	dst[n] = &c->p.bank_ref, src[n++] = p->bank_ref;
	dst[n] = &c->p.statement, src[n++] = p->statement;
	dst[n] = &c->p.account, src[n++] = p->account;
	dst[n] = &c->p.narrative, src[n++] = p->narrative;
	dst[n] = &c->reason, src[n++] = reason;
	dst[n] = &c->match_candidates, src[n++] = candidates;
	for (size_t i = 0; i < n; i++)
		total += strlen(src[i] ? src[i] : "") + 1;
	if ((c->texts = malloc(total)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *s = src[i] ? src[i] : "";
		size_t len = strlen(s);

		memcpy(c->texts + used, s, len + 1);
		*dst[i] = c->texts + used;
		used += len + 1;
	}
	c->line = line;
	c->payer.customer = REMIT_NOBODY;
	c->first_request = c->last_request = DATE_NONE;
	return AR_OK;
}

void
remit_case_release(struct remit_case *c)
{
	free(c->texts);
	c->texts = NULL;
}
