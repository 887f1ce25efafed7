/*
 * kpi_xlsx.h - ar-kpi's workbook, kpi.xlsx (issue 17): the sheets that
 * are not a table of kpi_report or kpi_roll (those the caller writes
 * through a row sink on kpi_xlsx_book):
 *
 *   Trend        the KPIs of the total over the period's month and the 12
 *                before, one row per currency and KPI, one column per
 *                month end (blank where no kpi.csv of that month was
 *                kept), and per currency a line chart of dso_countback,
 *                dso_simple and best_dso and one of cei
 *   Roll matrix  per currency, what each earlier bucket's amount became:
 *                the later bucket it is found in, or cleared; then what
 *                is new, what grew, and the later snapshot's totals
 *
 * Rows are written in order (constant memory): call kpi_xlsx_trend first,
 * then the caller's sheets and kpi_xlsx_matrix in the order they appear.
 */
#ifndef KPI_XLSX_H
#define KPI_XLSX_H

#include "ar/aging.h"
#include "ar/roll.h"
#include "core/errors.h"
#include "core/xlsx.h"
#include "report/kpi_report.h"

/* The trend sheet with its charts.  AR_ERANGE, AR_EIO, AR_ENOMEM (xlsx_error says why). */
ar_err kpi_xlsx_trend(struct xlsx_book *book, const struct kpi_trend *t);

/* The roll matrix of every currency, from `from` to `to`. */
ar_err kpi_xlsx_matrix(struct xlsx_book *book, const struct roll *roll,
    const struct aging_buckets *buckets, civil_day from, civil_day to);

#endif
