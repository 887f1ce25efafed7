/*
 * pod_filings.h - the proofs of debt filed and the dividends received, as
 * the collections journal records them (issue 15): what ar-pod checks
 * before it files again (--commit, --amend) and what its --register lists.
 *
 *   pod_filings_new(&f, as_of, default_currency);
 *   pod_filings_load(f, reader, &fmt, &e);
 *   pod_filings_has(f, customer, len, cut_off);       refuse a second filing
 *   pod_filings_register(f, &rows, &n);               the register
 *   pod_filings_free(f);
 *
 * The journal rows read (the rest are skipped):
 *   pod_filed    a proof filed: date, customer, amount (the net claim),
 *                currency, due (the cut-off), ref (the PDF)
 *   pod_amended  the same proof filed again with a new amount
 *   dividend     an amount (> 0) the liquidator paid on a proof
 * A proof is one customer, currency and cut-off.  "Later" is by (date,
 * line), as in journal.h, and rows dated after the as-of date are not yet
 * known and ignored.
 *
 * Memory follows the customers and their proofs (and dividends merged per
 * currency and day), not the journal's rows.
 */
#ifndef POD_FILINGS_H
#define POD_FILINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/items.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

struct pod_filings;

/*
 * Empty filings read at as_of; an amount without a currency (or with the
 * cell empty) is in default_currency.  The caller owns *out and frees it
 * with pod_filings_free().  AR_ENOMEM (then *out is NULL).
 */
ar_err pod_filings_new(struct pod_filings **out, civil_day as_of, currency_id default_currency);
void pod_filings_free(struct pod_filings *f);  /* NULL is fine */

/*
 * Read a whole journal stream from r: journal_bind (AR_ECOLUMN at line 1
 * naming the missing column), then every row.  pod_filed, pod_amended and
 * dividend rows (the action in any case, as journal.c reads it) dated on
 * or before the as-of date are kept; one dated later is skipped without
 * reading more of it; any other action is skipped unread beyond its
 * action cell.  A kept row's errors, in *e at its line (the journal's file
 * name is the caller's), stop the read:
 *   AR_ESYNTAX / AR_ERANGE  a date that does not read, an empty customer;
 *                           a pod_filed or pod_amended without due (the
 *                           cut-off) or amount, or with an amount below 0;
 *                           a dividend without an amount above 0
 *   AR_EDECIMALS, AR_ESYNTAX, AR_ERANGE  an amount that does not read
 *   AR_ECURRENCY / AR_ESYNTAX  an unknown currency code
 *   AR_ERANGE               a sum that passes 64 bits
 * The reader's own errors (a damaged file) stop it with the reader's error
 * in *e.  AR_ENOMEM.  Rows kept before an error stay kept.
 */
ar_err pod_filings_load(struct pod_filings *f, struct csvio_reader *r,
    const struct item_format *fmt, struct ar_error *e);

/* Whether the customer has a pod_filed or pod_amended row with due == cut_off (any currency). */
bool pod_filings_has(const struct pod_filings *f, const char *customer, size_t len,
    civil_day cut_off);

/* One row of the register: a proof, or the dividends of no proof on file. */
struct pod_register_row {
	const char *customer;        /* the filings' own strings: valid until pod_filings_free */
	currency_id currency;
	civil_day cut_off;           /* DATE_NONE: dividends of no proof on file (see below) */
	int64_t claim;               /* the latest pod_filed/pod_amended amount (by date, line) */
	civil_day filed, amended;    /* first pod_filed, last pod_amended date (DATE_NONE: none) */
	const char *ref;             /* the latest row's ref (the PDF); "" when none */
	int64_t dividends;           /* sum of the dividend rows attributed to it */
	int64_t unrecovered;         /* claim - dividends (may go below 0: shown as is) */
	unsigned long dividend_rows;
};

/*
 * The register: one row per customer, currency and cut-off, ordered by
 * customer (bytes), currency (code), cut-off (a row of no proof first).
 * A dividend row of a customer and currency belongs to that customer's
 * proof in the same currency with the latest cut-off on or before the
 * dividend's date; one with no such proof gives (or adds to) a row with
 * cut_off DATE_NONE, claim 0, filed DATE_NONE, ref "" - never dropped.
 * The caller frees *rows with free(); *rows is NULL when *n is 0.
 * AR_ENOMEM, AR_ERANGE (the dividends of a proof pass 64 bits); *rows
 * NULL and *n 0 on failure.
 */
ar_err pod_filings_register(const struct pod_filings *f, struct pod_register_row **rows,
    size_t *n);

#endif
