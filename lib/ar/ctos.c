/* ctos.c - the credit-bureau listing: eligibility and the monthly diff (ctos.h). */
#include "ar/ctos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

static const char *const reason_words[CTOS_NREASONS] = {
	"", "not_overdue", "dispute", "written_off", "below_minimum", "too_recent", "no_notice",
	"notice_too_recent", "invalid_id"
};

static const char *const action_words[CTOS_NACTIONS] = {
	"", "NEW", "AMEND", "PART_PAID", "SETTLED", "DISPUTE_HOLD", "WITHDRAW"
};

const char *
ctos_reason_word(enum ctos_reason r)
{
	return (unsigned)r < CTOS_NREASONS ? reason_words[r] : "";
}

const char *
ctos_action_word(enum ctos_action a)
{
	return (unsigned)a < CTOS_NACTIONS ? action_words[a] : "";
}

const char *
ctos_action_journal(enum ctos_action a)
{
	switch (a) {
	case CTOS_NEW: return "ctos_list";
	case CTOS_AMEND: case CTOS_PART_PAID: return "ctos_amend";
	case CTOS_SETTLED: case CTOS_DISPUTE_HOLD: case CTOS_WITHDRAW: return "ctos_remove";
	default: return "";
	}
}

const char *
ctos_fate_word(enum ctos_item_fate f)
{
	switch (f) {
	case CTOS_ITEM_PAID: return "paid";
	case CTOS_ITEM_DISPUTED: return "dispute";
	case CTOS_ITEM_DROPPED: return "not_overdue";
	default: return "";
	}
}

ar_err
ctos_policy_from_config(const struct ar_config *cfg, struct ctos_policy *p, char *msg, size_t cap)
{
	const char *amount = config_get_string(cfg, "ctos:min_amount");

	p->currency = config_get_currency(cfg, "ctos:currency");
	p->min_days = (int)config_get_long(cfg, "ctos:min_days");
	p->notice_level = (int)config_get_long(cfg, "ctos:notice_level");
	p->notice_days = (int)config_get_long(cfg, "ctos:notice_days");
	p->list_written_off = config_get_bool(cfg, "ctos:list_written_off");
	p->judgment = config_get_bool(cfg, "ctos:judgment");
	if (money_parse(amount, strlen(amount), currency_exponent(p->currency), MONEY_DECIMAL_POINT,
	    &p->min_amount) != AR_OK || p->min_amount < 0) {
		snprintf(msg, cap, "%s: [ctos] min_amount \"%s\" is not an amount of %s",
		    config_path(cfg) ? config_path(cfg) : "ar.ini", amount,
		    currency_code(p->currency));
		return AR_ECONFIG;
	}
	return AR_OK;
}

static int
by_doc_no(const void *a, const void *b)
{
	const struct ctos_item *x = a, *y = b;
	int c = strcmp(x->doc_no, y->doc_no);

	if (c != 0)
		return c;
	return (x->due_date > y->due_date) - (x->due_date < y->due_date);
}

/* Oldest first: due date, document date, doc_no. */
static int
by_age(const void *a, const void *b)
{
	const struct ctos_listed *x = a, *y = b;

	if (x->due_date != y->due_date)
		return x->due_date < y->due_date ? -1 : 1;
	if (x->doc_date != y->doc_date)
		return x->doc_date < y->doc_date ? -1 : 1;
	return strcmp(x->doc_no, y->doc_no);
}

void
ctos_listing(struct ctos_item *items, size_t nitems, civil_day as_of,
    struct ctos_listed *out, size_t *n, int64_t *outstanding, bool *disputed_past_due)
{
	int64_t credits = 0;
	size_t k = 0;

	*disputed_past_due = false;
	*outstanding = 0;
	/*
	 * The lines of one document (instalments, a split invoice) are one
	 * listed item: the bureau and the state know documents, not lines.
	 */
	if (nitems > 1)
		qsort(items, nitems, sizeof *items, by_doc_no);
	for (size_t i = 0; i < nitems; i++) {
		const struct ctos_item *it = &items[i];

		if (it->amount <= 0) {
			credits -= it->amount;
			continue;
		}
		if (it->due_date == DATE_NONE || it->due_date >= as_of)
			continue;
		if (it->disputed) {
			*disputed_past_due = true;
			continue;
		}
		if (k > 0 && strcmp(out[k - 1].doc_no, it->doc_no) == 0) {
			out[k - 1].outstanding += it->amount;
			continue;
		}
		out[k++] = (struct ctos_listed){ it->doc_no, it->doc_date, it->due_date, it->amount,
		    it->amount, as_of };
	}
	if (k > 1)
		qsort(out, k, sizeof *out, by_age);
	/* Credits pay the oldest items first. */
	size_t kept = 0;
	for (size_t i = 0; i < k; i++) {
		struct ctos_listed *l = &out[i];
		int64_t take = credits < l->outstanding ? credits : l->outstanding;

		l->outstanding -= take;
		credits -= take;
		if (l->outstanding == 0)
			continue;
		l->original = l->outstanding;
		*outstanding += l->outstanding;
		out[kept++] = *l;
	}
	*n = kept;
}

enum ctos_reason
ctos_decide(const struct ctos_policy *p, civil_day as_of, const struct ctos_listed *listing,
    size_t n, int64_t outstanding, bool disputed_past_due, const struct ctos_facts *f)
{
	if (n == 0)
		return disputed_past_due ? CTOS_DISPUTE : CTOS_NOT_OVERDUE;
	if (f->written_off && !p->list_written_off)
		return CTOS_WRITTEN_OFF;
	if (outstanding < p->min_amount)
		return CTOS_BELOW_MINIMUM;
	if (p->judgment && f->judgment_date != DATE_NONE && f->judgment_date <= as_of)
		return f->id_valid ? CTOS_ELIGIBLE : CTOS_INVALID_ID;
	if (as_of - listing[0].due_date < p->min_days)
		return CTOS_TOO_RECENT;
	if (f->notice_latest == DATE_NONE)
		return CTOS_NO_NOTICE;
	if (f->notice_date == DATE_NONE)
		return CTOS_NOTICE_TOO_RECENT;
	if (!f->id_valid)
		return CTOS_INVALID_ID;
	return CTOS_ELIGIBLE;
}

static const struct ctos_listed *
find_listed(const struct ctos_listed *l, size_t n, const char *doc_no)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].doc_no, doc_no) == 0)
			return &l[i];
	return NULL;
}

/* What became of a listed item that this month's listing does not hold. */
static enum ctos_item_fate
fate_off_listing(const char *doc_no, civil_day as_of, const struct ctos_item *items,
    size_t nitems)
{
	int64_t open = 0;
	bool disputed = false, not_due = false;

	for (size_t i = 0; i < nitems; i++)
		if (items[i].amount > 0 && strcmp(items[i].doc_no, doc_no) == 0) {
			open += items[i].amount;
			disputed = disputed || items[i].disputed;
			not_due = not_due || items[i].due_date == DATE_NONE ||
			    items[i].due_date >= as_of;
		}
	if (open <= 0)
		return CTOS_ITEM_PAID;
	if (disputed)
		return CTOS_ITEM_DISPUTED;
	/* Open, undisputed, past due and not listed: the credits cover it. */
	return not_due ? CTOS_ITEM_DROPPED : CTOS_ITEM_PAID;
}

enum ctos_action
ctos_diff(const struct ctos_listed *state, size_t nstate, const struct ctos_listed *listing,
    size_t n, enum ctos_reason reason, civil_day as_of, const struct ctos_item *items,
    size_t nitems, enum ctos_item_fate *fate)
{
	bool changed = false, only_paid = true, all_paid = true, disputed = false;

	if (nstate == 0)
		return reason == CTOS_ELIGIBLE ? CTOS_NEW : CTOS_NONE;
	for (size_t i = 0; i < nstate; i++) {
		const struct ctos_listed *now = find_listed(listing, n, state[i].doc_no);
		enum ctos_item_fate f;

		if (now != NULL)
			f = now->outstanding == state[i].outstanding ? CTOS_ITEM_SAME :
			    now->outstanding < state[i].outstanding ? CTOS_ITEM_LOWER :
			    CTOS_ITEM_HIGHER;
		else
			f = fate_off_listing(state[i].doc_no, as_of, items, nitems);
		if (fate != NULL)
			fate[i] = f;
		changed = changed || f != CTOS_ITEM_SAME;
		only_paid = only_paid && (f == CTOS_ITEM_SAME || f == CTOS_ITEM_LOWER ||
		    f == CTOS_ITEM_PAID);
		all_paid = all_paid && f == CTOS_ITEM_PAID;
		disputed = disputed || f == CTOS_ITEM_DISPUTED;
	}
	if (reason != CTOS_ELIGIBLE)
		return all_paid ? CTOS_SETTLED : disputed ? CTOS_DISPUTE_HOLD : CTOS_WITHDRAW;
	for (size_t i = 0; i < n; i++)
		if (find_listed(state, nstate, listing[i].doc_no) == NULL) {
			changed = true;
			only_paid = false;          /* a new item listed */
		}
	if (!changed)
		return CTOS_NONE;
	return only_paid ? CTOS_PART_PAID : CTOS_AMEND;
}

void
ctos_carry_over(const struct ctos_listed *state, size_t nstate, struct ctos_listed *listing,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct ctos_listed *was = find_listed(state, nstate, listing[i].doc_no);

		if (was != NULL) {
			listing[i].original = was->original;
			listing[i].listing_date = was->listing_date;
		}
	}
}

ar_err
ctos_tally_add(struct ctos_tally *t, const struct ctos_item *it, civil_day as_of)
{
	t->seen = true;
	t->lines++;
	if (it->amount <= 0)
		return money_add(&t->credits, -it->amount);
	if (it->due_date == DATE_NONE || it->due_date >= as_of)
		return AR_OK;
	if (it->disputed) {
		t->disputed_past_due = true;
		return AR_OK;
	}
	if (t->oldest_due == DATE_NONE || it->due_date < t->oldest_due)
		t->oldest_due = it->due_date;
	return money_add(&t->past_due, it->amount);
}

void
ctos_tally_paid(struct ctos_tally *t, civil_day day)
{
	if (day != DATE_NONE && (t->last_payment == DATE_NONE || day > t->last_payment))
		t->last_payment = day;
}

enum ctos_reason
ctos_tally_reason(const struct ctos_policy *p, civil_day as_of, const struct ctos_tally *t,
    const struct ctos_facts *f)
{
	int64_t net = t->past_due > t->credits ? t->past_due - t->credits : 0;
	struct ctos_listed oldest = { "", DATE_NONE, t->oldest_due, net, net, as_of };

	return ctos_decide(p, as_of, &oldest, net > 0 ? 1 : 0, net, t->disputed_past_due, f);
}

bool
ctos_tally_final(enum ctos_reason r)
{
	return r != CTOS_ELIGIBLE && r < CTOS_NO_NOTICE;
}
