/*
 * forecast_report.h - ar-forecast's files: forecast.csv (the long form,
 * one row per currency, company and column), read back from the history
 * folder as the plan of a backtest, and backtest.csv.  The rules are
 * lib/ar/forecast.h's.
 *
 * forecast.csv:
 *   currency,company,column,period_start,period_end,amount
 * per group (currency code, then company name, the empty name first)
 * the columns 1 .. N (the periods: end[k - 1] + 1 .. end[k]), beyond
 * (end[N] + 1, no end), disputed, insolvent, credits, promised and total
 * (no dates); amounts with the currency's decimals, a point, no grouping.
 *
 * Companies are the caller's strtab ids: id 0 must be "" (no company),
 * as forecast.h's dense index 0 is.
 */
#ifndef FORECAST_REPORT_H
#define FORECAST_REPORT_H

#include <stddef.h>

#include "ar/forecast.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/strtab.h"
#include "report/row_sink.h"

/* The order groups are written in: currency code, then company name. */
void forecast_report_order(const struct forecast *f, const struct strtab *companies,
    size_t *order);
void forecast_report_backtest_order(const struct forecast_backtest *bt,
    const struct strtab *companies, size_t *order);

void forecast_report_write_header(struct csvio_writer *w);

/* One group's rows, in the order above. */
void forecast_report_write_group(struct csvio_writer *w, const struct forecast_calendar *c,
    const struct forecast_group *g, const char *company);

/*
 * A forecast.csv kept in history, written at past_as_of (the date of its
 * name), read back into a backtest at as_of (forecast_backtest_new) with
 * its numbered rows as the plan.  Its calendar comes from past_as_of, the
 * number of its numbered columns, and its period_end dates (7 days apart:
 * weeks; else months); every numbered row's dates must be that calendar's.
 * A file without numbered rows (a forecast of nothing) takes periods and
 * monthly as given.  Company names are interned into companies.  The
 * caller frees *out with forecast_backtest_free.  AR_ECOLUMN (line 1),
 * AR_ESYNTAX / AR_ECURRENCY / AR_EDECIMALS / AR_ERANGE at the row's line
 * in *e; the reader's own errors with csvio_error's; AR_ENOMEM.
 */
ar_err forecast_report_read_past(struct csvio_reader *r, civil_day past_as_of, civil_day as_of,
    int periods, bool monthly, struct strtab *companies, struct forecast_backtest **out,
    struct forecast_calendar *past, struct ar_error *e);

/* backtest.csv: currency,company,period,period_start,period_end,forecast,actual,error,error_pct,abs_error,over */
#define FORECAST_BACKTEST_NCOLUMNS 11
extern const char *const forecast_backtest_columns[FORECAST_BACKTEST_NCOLUMNS];

/*
 * Group g's rows into s: one per period of the past forecast, then
 * "total" over the periods that are over (its dates the first start and
 * the last end of those; empty when none is over).  error_pct has one
 * decimal, empty when the forecast is 0; over is yes or no.  AR_ERANGE
 * when an error overflows (forecast_backtest_period).
 */
ar_err forecast_report_backtest_rows(struct row_sink *s, const struct forecast_backtest *bt,
    const struct forecast_calendar *past, size_t g, const char *company);

/*
 * backtest.csv whole: its header, then per group of bt (NULL: none, the
 * header only) in order (forecast_report_backtest_order) its rows.
 * AR_ERANGE as above.
 */
ar_err forecast_report_write_backtest(struct csvio_writer *w, const struct forecast_backtest *bt,
    const struct forecast_calendar *past, const size_t *order, const struct strtab *companies);

#endif
