/*
 * pod_report.h - the tables of ar-pod (issue 15): claims.csv (one row per
 * debtor and currency), each debtor's statement.csv and statement.xlsx,
 * the claims as a workbook, and the register of proofs filed with the
 * dividends received (pod_filings.h).
 *
 * CSV cells as every stream writes them (csvio.h): amounts as plain
 * decimals in the row's currency (-1234.56, no grouping), dates
 * YYYY-MM-DD (empty when none), counts as whole numbers.  Workbooks as
 * every report writes them (xlsx.h): a bold header row with the panes
 * frozen below it, money cells with the currency's decimals, real dates,
 * columns fitted; the file appears whole or not at all.  The CSV writers
 * write into the caller's buffered stream, whose errors the caller checks
 * (outfile.h).
 */
#ifndef POD_REPORT_H
#define POD_REPORT_H

#include <stddef.h>

#include "ar/customers.h"
#include "ar/pod_case.h"
#include "ar/pod_filings.h"
#include "core/csvio.h"
#include "core/errors.h"

/*
 * claims.csv: the header, then per case (after pod_case_finish) one row per
 * currency, in the case's currency order:
 *   customer,name,currency,proceeding,cut_off,principal,interest,set_off,
 *   net_claim,secured,preferential,unsecured,post_cut_off_items,
 *   post_cut_off_receipts,items
 * name and proceeding (the status) from the case's customer record ("" when
 * it has none); a net credit has net_claim and every part 0 (pod.h).
 */
void pod_claims_write_header(struct csvio_writer *w);
void pod_claims_write_rows(struct csvio_writer *w, const struct pod_case *k);

/*
 * statement.csv of case k (after pod_case_finish), header included:
 *   currency,date,doc_no,doc_type,amount,interest_days,interest,balance,part,claimed
 * every line, by currency, date, doc_no; doc_type SETOFF for a set-off row;
 * interest_days 0 when none; balance the running claim of the claimed lines;
 * claimed yes or no.
 */
void pod_statement_write_csv(struct csvio_writer *w, const struct pod_case *k);

/*
 * statement.xlsx of case k at path.  Sheet "Statement": a header row (the
 * statement.csv names) and every line, one block per currency with an
 * empty row between blocks.  Sheet "Claim": a header row and one row per
 * currency: currency, cut_off, principal, interest, set_off, net_claim,
 * secured, preferential, unsecured, post_cut_off_items,
 * post_cut_off_receipts, owed_to_debtor.  AR_OK, or the error (xlsx_open's,
 * AR_ERANGE for an amount Excel cannot hold exactly, AR_EIO, AR_ENOMEM) in
 * *e, worded to follow "PATH: "; nothing is left at path then.
 */
ar_err pod_statement_write_xlsx(const char *path, const struct pod_case *k, struct ar_error *e);

/*
 * The claims as a workbook at path (ar-pod --xlsx FILE without
 * --register): one sheet "Claims", the claims.csv columns typed, a row per
 * case and currency, with an autofilter.  Errors as
 * pod_statement_write_xlsx.
 */
ar_err pod_claims_write_xlsx(const char *path, const struct pod_case *cases, size_t n,
    struct ar_error *e);

/*
 * The register (rows as pod_filings_register gives them), header included:
 *   customer,name,currency,proceeding,cut_off,claim,filed,amended,liquidator,
 *   dividends,unrecovered,ref
 * name, proceeding (the status) and liquidator from customers (may be
 * NULL), "" for a customer it does not hold; an empty liquidator is
 * liquidator_default (may be NULL: "").  A row of dividends of no proof has
 * cut_off and filed empty and claim 0.
 */
void pod_register_write_csv(struct csvio_writer *w, const struct pod_register_row *rows, size_t n,
    const struct customer_table *customers, const char *liquidator_default);

/* The same as a workbook at path: one sheet "Register", typed, with an autofilter. */
ar_err pod_register_write_xlsx(const char *path, const struct pod_register_row *rows, size_t n,
    const struct customer_table *customers, const char *liquidator_default, struct ar_error *e);

#endif
