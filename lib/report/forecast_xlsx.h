/*
 * forecast_xlsx.h - ar-forecast's workbook: the sheet Forecast (a row
 * per currency and company: the periods headed by their last day, then
 * beyond, disputed, insolvent, credits, total and promised), the sheet
 * Backtest when there is one (backtest.csv's rows, written through the
 * same row_sink, and a chart of forecast against actual per period for
 * each of the first FORECAST_XLSX_CHARTS groups), and the sheet Notes
 * (what the run was over).
 */
#ifndef FORECAST_XLSX_H
#define FORECAST_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "ar/forecast.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/strtab.h"

#define FORECAST_XLSX_CHARTS 8

struct forecast_book {
	const struct forecast *forecast;      /* finished */
	const size_t *order;                  /* its groups in order (forecast_report_order) */
	const struct strtab *companies;       /* id 0: "" */
	const struct forecast_backtest *backtest;   /* NULL: no sheet Backtest */
	const struct forecast_calendar *past;       /* the backtest's calendar */
	const size_t *backtest_order;
	/* The Notes. */
	int lookback_days, min_items;
	unsigned long basis[3];               /* by enum forecast_basis */
	unsigned long promises;
	const char *past_source;              /* where the past forecast came from, or why none */
};

/*
 * Write b to path (whole or not at all).  AR_ECREATE, AR_EIO, AR_ERANGE
 * (a cell Excel cannot hold, a backtest error that overflows), AR_ENOMEM
 * with *e saying why.
 */
ar_err forecast_xlsx_write(const char *path, const struct forecast_book *b, struct ar_error *e);

#endif
