/* kpi_groups.c - ar-kpi's ledger sums per group and currency (kpi_groups.h). */
#include "ar/kpi_groups.h"

#include <stdlib.h>

/* One group's sums in one currency, chained from the group's first. */
struct group_sums {
	uint32_t group;
	currency_id currency;
	int32_t next;
	struct kpi_ledger ledger;
};

struct kpi_groups {
	int32_t *first;                   /* per group: its first group_sums, -1 */
	size_t nfirst;
	struct group_sums *sums;
	size_t nsums, capsums;
	struct kpi_ledger total[CURRENCY_MAX];
	bool in_total[CURRENCY_MAX];
};

ar_err
kpi_groups_new(struct kpi_groups **out)
{
	return (*out = calloc(1, sizeof **out)) != NULL ? AR_OK : AR_ENOMEM;
}

void
kpi_groups_free(struct kpi_groups *g)
{
	if (g == NULL)
		return;
	free(g->first);
	free(g->sums);
	free(g);
}

static struct kpi_ledger *
sums_of(struct kpi_groups *g, uint32_t group, currency_id currency)
{
	int32_t *link;

	if (group >= g->nfirst) {
		size_t n = g->nfirst ? 2 * g->nfirst : 256;
		int32_t *f;

		while (n <= group)
			n *= 2;
		if ((f = realloc(g->first, n * sizeof *f)) == NULL)
			return NULL;
		for (size_t i = g->nfirst; i < n; i++)
			f[i] = -1;
		g->first = f;
		g->nfirst = n;
	}
	for (link = &g->first[group]; *link >= 0; link = &g->sums[*link].next)
		if (g->sums[*link].currency == currency)
			return &g->sums[*link].ledger;
	if (g->nsums == g->capsums) {
		size_t n = g->capsums ? 2 * g->capsums : 256;
		struct group_sums *s = n > INT32_MAX ? NULL : realloc(g->sums, n * sizeof *s);

		if (s == NULL)
			return NULL;
		g->sums = s;
		g->capsums = n;
		/* The chain's last link may have moved with the array. */
		for (link = &g->first[group]; *link >= 0; link = &g->sums[*link].next)
			;
	}
	g->sums[g->nsums] = (struct group_sums){ group, currency, -1, { { 0 }, { 0 }, 0, 0, 0, 0 } };
	*link = (int32_t)g->nsums;
	return &g->sums[g->nsums++].ledger;
}

ar_err
kpi_groups_add(struct kpi_groups *g, uint32_t group, currency_id currency,
    const struct kpi_calendar *c, enum kpi_doc doc, civil_day doc_date, civil_day due_date,
    civil_day clearing_date, int64_t amount)
{
	struct kpi_ledger *sums[2] = { &g->total[currency], NULL };

	g->in_total[currency] = true;
	if (group != KPI_GROUP_ALL && (sums[1] = sums_of(g, group, currency)) == NULL)
		return AR_ENOMEM;
	for (int i = 0; i < 2 && sums[i] != NULL; i++)
		if (kpi_ledger_add(sums[i], c, doc, doc_date, due_date, clearing_date, amount) !=
		    AR_OK)
			return AR_ERANGE;
	return AR_OK;
}

const struct kpi_ledger *
kpi_groups_ledger(const struct kpi_groups *g, uint32_t group, currency_id currency)
{
	static const struct kpi_ledger none;

	if (group == KPI_GROUP_ALL)
		return &g->total[currency];
	for (int32_t k = group < g->nfirst ? g->first[group] : -1; k >= 0; k = g->sums[k].next)
		if (g->sums[k].currency == currency)
			return &g->sums[k].ledger;
	return &none;
}

void
kpi_groups_currencies(const struct kpi_groups *g, uint32_t group, bool seen[CURRENCY_MAX])
{
	if (group == KPI_GROUP_ALL) {
		for (int c = 0; c < CURRENCY_MAX; c++)
			seen[c] = seen[c] || g->in_total[c];
		return;
	}
	for (int32_t k = group < g->nfirst ? g->first[group] : -1; k >= 0; k = g->sums[k].next)
		seen[g->sums[k].currency] = true;
}
