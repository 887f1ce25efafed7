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

#include <stdbool.h>

#include "ar/kpi.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "report/row_sink.h"

struct kpi_report_group {
	const char *group;               /* "ALL" for the total */
	currency_id currency;            /* KPI_REPORT_NO_CURRENCY: an empty cell */
	const struct kpi_value *values;  /* indexed by enum kpi_id */
	enum kpi_id first, end;          /* the rows: first .. end - 1 */
};

#define KPI_REPORT_NO_CURRENCY (-1)

extern const char *const kpi_report_columns[];
extern const unsigned kpi_report_ncolumns;

void kpi_report_write_header(struct csvio_writer *w);

/* The rows of one group and currency, in the order of enum kpi_id, to a CSV or a sheet. */
void kpi_report_write_group(struct row_sink *w, const struct kpi_report_group *g,
    civil_day period_start, civil_day period_end);

/*
 * The KPIs of the total (group ALL) over the period's month and the 12
 * before, for the workbook's trend: this run's values, and those of
 * earlier runs read back from their kpi.csv (kpi-YYYY-MM-DD.csv kept in
 * the history folder).  Month 0 is the oldest, KPI_TREND_MONTHS - 1 the
 * period's; currency slot 0 holds the KPIs of no currency, c + 1 those
 * of currency c.
 */
#define KPI_TREND_MONTHS (KPI_MONTHS + 1)
#define KPI_TREND_SLOTS (CURRENCY_MAX + 1)

struct kpi_trend_cell {
	bool defined;
	int64_t value;                  /* in units of 10^-kpi_decimals */
};

struct kpi_trend {
	civil_day end[KPI_TREND_MONTHS];        /* each month's last day, oldest first */
	civil_day read_from[KPI_TREND_MONTHS];  /* the as-of of the kpi.csv read; DATE_NONE: none */
	bool used[KPI_TREND_SLOTS];
	struct kpi_trend_cell *cells;
};

/* The months of c, none known yet.  AR_ENOMEM. */
ar_err kpi_trend_init(struct kpi_trend *t, const struct kpi_calendar *c);
void kpi_trend_free(struct kpi_trend *t);

/* Month's values of currency (KPI_REPORT_NO_CURRENCY: none), KPIs first .. end - 1. */
void kpi_trend_set(struct kpi_trend *t, int month, int currency, const struct kpi_value *values,
    enum kpi_id first, enum kpi_id end);

/*
 * The ALL rows of a kpi.csv (other groups passed over) as month's values,
 * written at as_of.  AR_ECOLUMN, AR_ESYNTAX (a currency, KPI or value that
 * does not read) with *e at the line; the reader's own errors.
 */
ar_err kpi_trend_read(struct kpi_trend *t, int month, civil_day as_of, struct csvio_reader *r,
    struct ar_error *e);

const struct kpi_trend_cell *kpi_trend_at(const struct kpi_trend *t, int month, int slot,
    enum kpi_id k);

#endif
