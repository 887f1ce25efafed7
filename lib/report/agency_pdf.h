/*
 * agency_pdf.h - ar-agency's remittance statement as a PDF (issue 18):
 * the letter to the agency that goes with its commission, drawn by
 * letter_pdf.h in English.
 *
 * The letterhead of [company]; the date; our reference
 * "AG/<agency>/<from YYYYMMDD>-<to YYYYMMDD>"; the agency and its contact
 * ([agency.NAME] contact); the title "Commission statement, <from> to
 * <to>"; the table of statement.csv's lines (customer, payment, value
 * date, currency, amount, days, rate %, commission); under it, per
 * currency, the amount recovered and the commission due (strong), with
 * "(the minimum fee)" when min_fee raised it; the tiers of the contract
 * and how the days are counted; the signature.
 */
#ifndef AGENCY_PDF_H
#define AGENCY_PDF_H

#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/agency_report.h"

/* Write the statement at path, whole or not at all (letter_pdf_write).  created: the PDF's date. */
ar_err agency_statement_pdf(const char *path, const struct agency_lines *l,
    const struct agency_contract *c, const struct ar_config *cfg, civil_day from, civil_day to,
    civil_day as_of, long long created, struct ar_error *e);

#endif
