/*
 * kpi_report.h - ar-kpi's kpi.csv (issue 17): one row per group, currency
 * and KPI,
 *
 *   group,currency,kpi,value,numerator,denominator,period_start,period_end
 *
 * group ALL for the total of every group.  value with the KPI's decimals
 * (kpi_decimals: days and turnover two, per cents one), empty when it is
 * undefined (its denominator is not above zero); numerator and
 * denominator in the currency's minor units as decimals, or days to two
 * decimals for add.
 */
#ifndef KPI_REPORT_H
#define KPI_REPORT_H

#include "ar/kpi.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"

struct kpi_report_group {
	const char *group;           /* "ALL" for the total */
	currency_id currency;
	const struct kpi_value *values;  /* KPI_NLEDGER of them, by enum kpi_id */
};

void kpi_report_write_header(struct csvio_writer *w);

/* The rows of one group and currency, in the order of enum kpi_id. */
void kpi_report_write_group(struct csvio_writer *w, const struct kpi_report_group *g,
    civil_day period_start, civil_day period_end);

#endif
