/*
 * kpi_report.h - ar-kpi's kpi.csv (issue 17): one row per group, currency
 * and KPI,
 *
 *   group,currency,kpi,value,numerator,denominator,period_start,period_end
 *
 * group ALL for the total of every group; currency empty for the KPIs that
 * have none (disputes, contacts, coverage).  value with the KPI's decimals
 * (kpi_decimals), empty when it is undefined (its denominator is not above
 * zero); numerator and denominator as kpi_fraction_of says: the currency's
 * minor units as decimals, days to two decimals, or whole numbers; the
 * denominator empty for a count.
 */
#ifndef KPI_REPORT_H
#define KPI_REPORT_H

#include "ar/kpi.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"

struct kpi_report_group {
	const char *group;               /* "ALL" for the total */
	currency_id currency;            /* KPI_REPORT_NO_CURRENCY: an empty cell */
	const struct kpi_value *values;  /* indexed by enum kpi_id */
	enum kpi_id first, end;          /* the rows: first .. end - 1 */
};

#define KPI_REPORT_NO_CURRENCY (-1)

void kpi_report_write_header(struct csvio_writer *w);

/* The rows of one group and currency, in the order of enum kpi_id. */
void kpi_report_write_group(struct csvio_writer *w, const struct kpi_report_group *g,
    civil_day period_start, civil_day period_end);

#endif
