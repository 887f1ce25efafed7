/* kpi_journal.c - the month-end KPIs from the journal (kpi_journal.h). */
#include "ar/kpi_journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/journal.h"
#include "core/money.h"
#include "core/strtab.h"


/* Promises of one group in one currency, chained from the group's first. */
struct promises {
	uint32_t group;                  /* KPI_GROUP_ALL for the total */
	currency_id currency;
	int32_t next;
	int64_t count[3], amount[3];     /* made, kept, broken */
};

/* The plain counts of one group. */
struct plain {
	int64_t opened, resolved, contacts, overdue, covered, open, open_days;
	int64_t channel[KPI_CHANNELS];
};

/* One customer's doc_no (or whole account) under dispute. */
struct dispute {
	uint32_t group;
	struct journal_seq raised, resolved;
};

struct kpi_journal {
	civil_day start, as_of;
	struct promises *promises;
	size_t npromises, cappromises;
	int32_t *first_promises;         /* [0] the total's first promises, [group + 1] a group's; -1 */
	size_t nfirst;
	struct plain all, *groups;
	size_t ngroups;
	struct strtab *dispute_keys;     /* "customer\x1fdoc_no" */
	struct dispute *disputes;
	size_t capdisputes;
	uint8_t *customer_flags;         /* per customer: 1 overdue, 2 contacted */
	uint32_t *customer_group;
	uint16_t *customer_broken;       /* per customer: promise_broken rows in the period */
	size_t ncustomers;
	bool finished;
};

enum { OVERDUE = 1, CONTACTED = 2 };

ar_err
kpi_journal_new(const struct kpi_calendar *c, struct kpi_journal **out)
{
	struct kpi_journal *j = calloc(1, sizeof *j);

	*out = NULL;
	if (j == NULL || (j->dispute_keys = strtab_new(256)) == NULL) {
		free(j);
		return AR_ENOMEM;
	}
	j->start = c->end[c->period_months] + 1;
	j->as_of = c->end[0];
	*out = j;
	return AR_OK;
}

void
kpi_journal_free(struct kpi_journal *j)
{
	if (j == NULL)
		return;
	free(j->promises);
	free(j->first_promises);
	free(j->groups);
	strtab_free(j->dispute_keys);
	free(j->disputes);
	free(j->customer_flags);
	free(j->customer_group);
	free(j->customer_broken);
	free(j);
}

static bool
is(const struct kpi_journal_row *r, const char *word)
{
	size_t n = strlen(word);

	return r->action_len == n && memcmp(r->action, word, n) == 0;
}

static struct plain *
plain_of(struct kpi_journal *j, uint32_t group)
{
	if (group >= j->ngroups) {
		size_t n = j->ngroups ? 2 * j->ngroups : 64;
		struct plain *g;

		while (n <= group)
			n *= 2;
		if ((g = realloc(j->groups, n * sizeof *g)) == NULL)
			return NULL;
		memset(g + j->ngroups, 0, (n - j->ngroups) * sizeof *g);
		j->groups = g;
		j->ngroups = n;
	}
	return &j->groups[group];
}

/* The head of group's chain (the total's is kept after every group's); NULL when out of memory. */
static int32_t *
first_of(struct kpi_journal *j, uint32_t group, bool grow)
{
	size_t at = group == KPI_GROUP_ALL ? 0 : (size_t)group + 1;

	if (at >= j->nfirst) {
		size_t n = j->nfirst ? 2 * j->nfirst : 64;
		int32_t *f;

		if (!grow)
			return NULL;
		while (n <= at)
			n *= 2;
		if ((f = realloc(j->first_promises, n * sizeof *f)) == NULL)
			return NULL;
		for (size_t i = j->nfirst; i < n; i++)
			f[i] = -1;
		j->first_promises = f;
		j->nfirst = n;
	}
	return &j->first_promises[at];
}

static struct promises *
promises_of(struct kpi_journal *j, uint32_t group, currency_id currency)
{
	int32_t *link = first_of(j, group, true);

	if (link == NULL)
		return NULL;
	for (; *link >= 0; link = &j->promises[*link].next)
		if (j->promises[*link].currency == currency)
			return &j->promises[*link];
	if (j->npromises == j->cappromises) {
		size_t n = j->cappromises ? 2 * j->cappromises : 16;
		struct promises *p;

		if (n > INT32_MAX || (p = realloc(j->promises, n * sizeof *p)) == NULL)
			return NULL;
		j->promises = p;
		j->cappromises = n;
		link = first_of(j, group, false);       /* the chain's links moved with it */
		while (*link >= 0)
			link = &j->promises[*link].next;
	}
	j->promises[j->npromises] = (struct promises){ group, currency, -1, { 0 }, { 0 } };
	*link = (int32_t)j->npromises;
	return &j->promises[j->npromises++];
}

/* group's promises in currency, NULL when it has none. */
static const struct promises *
find_promises(const struct kpi_journal *j, uint32_t group, currency_id currency)
{
	size_t at = group == KPI_GROUP_ALL ? 0 : (size_t)group + 1;

	for (int32_t i = at < j->nfirst ? j->first_promises[at] : -1; i >= 0; i = j->promises[i].next)
		if (j->promises[i].currency == currency)
			return &j->promises[i];
	return NULL;
}

static ar_err
customer_slot(struct kpi_journal *j, uint32_t customer, uint32_t group)
{
	if (customer >= j->ncustomers) {
		size_t n = j->ncustomers ? 2 * j->ncustomers : 1024;
		uint8_t *f;
		uint32_t *g;
		uint16_t *b;

		while (n <= customer)
			n *= 2;
		if ((f = realloc(j->customer_flags, n)) == NULL)
			return AR_ENOMEM;
		j->customer_flags = f;
		if ((g = realloc(j->customer_group, n * sizeof *g)) == NULL)
			return AR_ENOMEM;
		j->customer_group = g;
		if ((b = realloc(j->customer_broken, n * sizeof *b)) == NULL)
			return AR_ENOMEM;
		j->customer_broken = b;
		memset(f + j->ncustomers, 0, n - j->ncustomers);
		memset(b + j->ncustomers, 0, (n - j->ncustomers) * sizeof *b);
		j->ncustomers = n;
	}
	j->customer_group[customer] = group;
	return AR_OK;
}

/* A promise row of kind 0 made, 1 kept, 2 broken, in the group and in the total. */
static ar_err
add_promise(struct kpi_journal *j, const struct kpi_journal_row *r, int kind)
{
	struct promises *p[2] = { promises_of(j, r->group, r->currency), NULL };

	if (p[0] == NULL || (p[1] = promises_of(j, KPI_GROUP_ALL, r->currency)) == NULL)
		return AR_ENOMEM;
	p[0] = promises_of(j, r->group, r->currency);   /* the array may have moved */
	for (int i = 0; i < 2; i++) {
		p[i]->count[kind]++;
		if (r->has_amount && money_add(&p[i]->amount[kind], r->amount) != AR_OK)
			return AR_ERANGE;
	}
	return AR_OK;
}

static ar_err
add_dispute(struct kpi_journal *j, const struct kpi_journal_row *r, bool resolved)
{
	char key[64 + 1024];
	int n = snprintf(key, sizeof key, "%lu\x1f", (unsigned long)r->customer);
	size_t len = r->doc_len < sizeof key - (size_t)n ? r->doc_len : sizeof key - (size_t)n;
	struct journal_seq at = { r->date, r->line };
	uint32_t id;
	bool added;

	memcpy(key + n, r->doc_no, len);
	if (strtab_intern(j->dispute_keys, key, (size_t)n + len, &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (id >= j->capdisputes) {
		size_t cap = j->capdisputes ? 2 * j->capdisputes : 64;
		struct dispute *d;

		while (cap <= id)
			cap *= 2;
		if ((d = realloc(j->disputes, cap * sizeof *d)) == NULL)
			return AR_ENOMEM;
		j->disputes = d;
		j->capdisputes = cap;
	}
	if (added)
		j->disputes[id] = (struct dispute){ r->group, { DATE_NONE, 0 }, { DATE_NONE, 0 } };
	if (resolved && journal_seq_after(at, j->disputes[id].resolved))
		j->disputes[id].resolved = at;
	if (!resolved && journal_seq_after(at, j->disputes[id].raised))
		j->disputes[id].raised = at;
	return AR_OK;
}

ar_err
kpi_journal_add(struct kpi_journal *j, const struct kpi_journal_row *r)
{
	bool in_period = r->date >= j->start && r->date <= j->as_of;
	struct plain *g;

	if (r->date > j->as_of)
		return AR_OK;
	if (is(r, "dispute") || is(r, "dispute_resolved")) {
		bool resolved = is(r, "dispute_resolved");
		ar_err err = add_dispute(j, r, resolved);

		if (err != AR_OK || !in_period)
			return err;
		if ((g = plain_of(j, r->group)) == NULL)
			return AR_ENOMEM;
		g->opened += !resolved;
		g->resolved += resolved;
		j->all.opened += !resolved;
		j->all.resolved += resolved;
		return AR_OK;
	}
	if (!in_period)
		return AR_OK;
	if (is(r, "promise"))
		return add_promise(j, r, 0);
	if (is(r, "promise_kept"))
		return add_promise(j, r, 1);
	if (is(r, "promise_broken")) {
		if (customer_slot(j, r->customer, r->group) != AR_OK)
			return AR_ENOMEM;
		if (j->customer_broken[r->customer] < UINT16_MAX)
			j->customer_broken[r->customer]++;
		return add_promise(j, r, 2);
	}
	for (int c = 0; c < KPI_CHANNELS; c++) {
		if (!is(r, kpi_channel_word(c)))
			continue;
		if ((g = plain_of(j, r->group)) == NULL ||
		    customer_slot(j, r->customer, r->group) != AR_OK)
			return AR_ENOMEM;
		g->contacts++;
		g->channel[c]++;
		j->all.contacts++;
		j->all.channel[c]++;
		j->customer_flags[r->customer] |= CONTACTED;
		break;
	}
	return AR_OK;
}

ar_err
kpi_journal_overdue(struct kpi_journal *j, uint32_t customer, uint32_t group)
{
	if (customer_slot(j, customer, group) != AR_OK || plain_of(j, group) == NULL)
		return AR_ENOMEM;
	j->customer_flags[customer] |= OVERDUE;
	return AR_OK;
}

size_t
kpi_journal_currencies(const struct kpi_journal *j, uint32_t group, currency_id out[CURRENCY_MAX])
{
	size_t n = 0, at = group == KPI_GROUP_ALL ? 0 : (size_t)group + 1;

	for (int32_t i = at < j->nfirst ? j->first_promises[at] : -1; i >= 0 && n < CURRENCY_MAX;
	    i = j->promises[i].next)
		out[n++] = j->promises[i].currency;
	return n;
}

ar_err
kpi_journal_finish(struct kpi_journal *j)
{
	size_t n = strtab_count(j->dispute_keys);

	if (j->finished)
		return AR_OK;
	for (size_t i = 0; i < n; i++) {
		const struct dispute *d = &j->disputes[i];
		struct plain *g;

		if (d->raised.date == DATE_NONE || !journal_seq_after(d->raised, d->resolved))
			continue;
		if ((g = plain_of(j, d->group)) == NULL)
			return AR_ENOMEM;
		g->open++;
		g->open_days += j->as_of - d->raised.date;
		j->all.open++;
		j->all.open_days += j->as_of - d->raised.date;
	}
	for (size_t c = 0; c < j->ncustomers; c++) {
		uint8_t f = j->customer_flags[c];
		struct plain *g;

		if (!(f & OVERDUE))
			continue;
		if ((g = plain_of(j, j->customer_group[c])) == NULL)
			return AR_ENOMEM;
		g->overdue++;
		g->covered += (f & CONTACTED) != 0;
		j->all.overdue++;
		j->all.covered += (f & CONTACTED) != 0;
	}
	j->finished = true;
	return AR_OK;
}

static struct kpi_value
count(int64_t n, int64_t amount)
{
	return (struct kpi_value){ true, false, n, amount, 0 };
}

void
kpi_journal_values(const struct kpi_journal *j, uint32_t group, currency_id currency,
    struct kpi_value out[KPI_NIDS])
{
	if (currency != KPI_NO_CURRENCY) {
		const struct promises *found = find_promises(j, group, currency);
		struct promises p = found != NULL ? *found :
		    (struct promises){ group, currency, -1, { 0 }, { 0 } };

		out[KPI_PROMISES_MADE] = count(p.count[0], p.amount[0]);
		out[KPI_PROMISES_KEPT] = count(p.count[1], p.amount[1]);
		out[KPI_PROMISES_BROKEN] = count(p.count[2], p.amount[2]);
		out[KPI_PROMISE_KEPT_PCT] = kpi_ratio(p.amount[1], p.amount[1] + p.amount[2], 1000);
		return;
	}
	{
		struct plain p = group == KPI_GROUP_ALL ? j->all :
		    group < j->ngroups ? j->groups[group] : (struct plain){ 0 };

		out[KPI_DISPUTES_OPENED] = count(p.opened, p.opened);
		out[KPI_DISPUTES_RESOLVED] = count(p.resolved, p.resolved);
		out[KPI_DISPUTES_OPEN] = count(p.open, p.open);
		out[KPI_DISPUTE_MEAN_DAYS] = kpi_ratio(p.open_days, p.open, 100);
		out[KPI_CONTACTS] = count(p.contacts, p.contacts);
		out[KPI_COVERAGE_PCT] = kpi_ratio(p.covered, p.overdue, 1000);
	}
}

const char *
kpi_channel_word(int channel)
{
	static const char *const words[KPI_CHANNELS] = { "call", "letter", "email", "sms", "im" };

	return channel >= 0 && channel < KPI_CHANNELS ? words[channel] : "";
}

void
kpi_journal_channels(const struct kpi_journal *j, uint32_t group, int64_t out[KPI_CHANNELS])
{
	const struct plain *p = group == KPI_GROUP_ALL ? &j->all :
	    group < j->ngroups ? &j->groups[group] : NULL;

	for (int c = 0; c < KPI_CHANNELS; c++)
		out[c] = p != NULL ? p->channel[c] : 0;
}

unsigned
kpi_journal_broken_of(const struct kpi_journal *j, uint32_t customer)
{
	return customer < j->ncustomers ? j->customer_broken[customer] : 0;
}
