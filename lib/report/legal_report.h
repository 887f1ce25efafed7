/*
 * legal_report.h - ar-legal's monthly report of legal cases (issue 18):
 * the cases open at the as-of date and those ended in its month, one row
 * per case and currency of its money, as report.csv and as a workbook.
 *
 * report.csv, ordered by firm, type (civil, winding_up, bankruptcy,
 * arbitration), stage (in path order, the ends last), case, currency:
 *   case, customer, name (from --customers; "" without), firm, type,
 *   stage, stage_date (the latest stage's), opened, currency, in_suit
 *   (the opened row's amount), costs (legal_cost rows), recovered
 *   (amounts of the stage rows after opened), net (recovered - costs),
 *   next_date (the latest stage's), next_30 ("yes" when as-of <=
 *   next_date <= as-of + 30), idle_days (as-of - stage_date), idle_90
 *   ("yes" when idle_days >= 90), ref and court (the latest given).
 * A case that names no money has one row, its currency and amounts
 * empty.  An ended case's next_30, idle_days and idle_90 are empty.
 *
 * The workbook: "Cases", the same rows typed; "Summary", per firm, type,
 * stage and currency of the open cases: cases, in_suit, costs,
 * recovered, net.
 */
#ifndef LEGAL_REPORT_H
#define LEGAL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/customers.h"
#include "ar/legal.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"

#define LEGAL_NEXT_DAYS 30
#define LEGAL_IDLE_DAYS 90

struct legal_report_row {
	const struct legal_case *c;     /* the register's */
	const struct legal_sums *sums;  /* NULL: the case names no money */
	bool open;
	bool next_30, idle_90;
	long idle_days;
};

/*
 * The rows of the register read at as_of, ordered as above.  The caller
 * frees *rows with free() (NULL when *n is 0).  AR_ENOMEM.
 */
ar_err legal_report_rows(const struct legal_register *r, civil_day as_of,
    struct legal_report_row **rows, size_t *n);

/* report.csv, header included; customers may be NULL. */
void legal_report_write_csv(struct csvio_writer *w, const struct legal_report_row *rows,
    size_t n, const struct customer_table *customers);

/* The workbook at path; *e says why not (xlsx.h).  AR_ENOMEM, AR_ERANGE (a sum). */
ar_err legal_report_write_xlsx(const char *path, const struct legal_report_row *rows,
    size_t n, const struct customer_table *customers, struct ar_error *e);

#endif
