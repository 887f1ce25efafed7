/*
 * recon_pdf.h - ar-recon's reconciliation as a letter to the customer
 * (issue 19), drawn by letter_pdf.h in English.
 *
 * The letterhead of [company]; the as-of date; our reference
 * "RC/<customer>/<as-of YYYYMMDD>"; the customer's name and address;
 * the title "Reconciliation of your account at <date>"; what was
 * compared and how many items agree; the table of every row that is not
 * matched (what it is, in the customer's words: "Not in your ledger",
 * "Amount differs", "Not in our records", "Payment received" (in
 * our bank, not applied yet) or "Payment not received", "Your
 * deduction" (no credit note of ours yet); our document, your reference, date, currency, ours, yours,
 * difference); under it, per currency, the balance per our records, per
 * your ledger and the difference (strong); what we ask of the customer
 * and what we will do, a paragraph per class present; the signature.
 */
#ifndef RECON_PDF_H
#define RECON_PDF_H

#include "ar/recon.h"
#include "core/config.h"
#include "core/errors.h"
#include "report/recon_report.h"

/* Write the letter at path, whole or not at all (letter_pdf_write).  created: the PDF's date. */
ar_err recon_pdf(const char *path, const struct recon *r, const struct recon_meta *m,
    const struct ar_config *cfg, long long created, struct ar_error *e);

#endif
