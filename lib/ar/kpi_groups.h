/*
 * kpi_groups.h - ar-kpi's ledger sums (kpi.h's struct kpi_ledger) per
 * group and currency, and of the total.  A group is the caller's dense
 * index (a collector, a company, a customer); memory follows the groups
 * and their currencies, not the items.
 */
#ifndef KPI_GROUPS_H
#define KPI_GROUPS_H

#include <stdbool.h>
#include <stdint.h>

#include "ar/kpi.h"
#include "core/currency.h"
#include "core/errors.h"

struct kpi_groups;

ar_err kpi_groups_new(struct kpi_groups **out);
void kpi_groups_free(struct kpi_groups *g);

/*
 * One ledger item (kpi_ledger_add's arguments) into the total and, unless
 * group is KPI_GROUP_ALL, into the group's sums in its currency.
 * AR_ERANGE when a sum would overflow (stop: the sums are then partly
 * added to), AR_ENOMEM.
 */
ar_err kpi_groups_add(struct kpi_groups *g, uint32_t group, currency_id currency,
    const struct kpi_calendar *c, enum kpi_doc doc, civil_day doc_date, civil_day due_date,
    civil_day clearing_date, int64_t amount);

/* The sums of group (KPI_GROUP_ALL: the total) in currency; all zero when it has none. */
const struct kpi_ledger *kpi_groups_ledger(const struct kpi_groups *g, uint32_t group,
    currency_id currency);

/* Sets seen[c] for each currency c group (KPI_GROUP_ALL: the total) has sums in. */
void kpi_groups_currencies(const struct kpi_groups *g, uint32_t group, bool seen[CURRENCY_MAX]);

#endif
