/*
 * doc_fill.h - what the builders of documents from templates share
 * (dunning_docs.h, pod_pdf.h): a customer's language, the lines of a
 * one-line address, a day as a table cell, and a money or date value
 * through a template's filter (template.h: |money, |words, |long).
 */
#ifndef DOC_FILL_H
#define DOC_FILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"
#include "report/template.h"

/* A customer's lang column, "" being dflt.  AR_ESYNTAX for a word that is none of report_lang's. */
ar_err doc_lang_of(const char *lang, enum report_lang dflt, enum report_lang *out);

/*
 * The lines of an address written on one line (an ini value, a CSV cell):
 * ';' becomes '\n' and the blanks after it go.  out (cap bytes) is always
 * NUL-terminated; a longer text is cut.
 */
void doc_lines(const char *in, char *out, size_t cap);

/* A day as a table cell: YYYY-MM-DD, or 115/06/02 in zh-Hant with roc; "" for DATE_NONE. */
void doc_short_date(enum report_lang lang, bool roc, civil_day day, char *buf, size_t cap);

/*
 * v (minor units of cur) appended to out as the filter says: |money
 * grouped (doc_money), |words in words (doc_amount_words, of |v|), else
 * plain (1234.56).  Errors: doc_amount_words', AR_ENOMEM.
 */
ar_err doc_fill_money(enum report_lang lang, currency_id cur, int64_t v, enum tmpl_filter filter,
    struct tmpl_buf *out);

/* day appended: |long the long date (doc_long_date), else YYYY-MM-DD; nothing for DATE_NONE. */
ar_err doc_fill_date(enum report_lang lang, bool roc, civil_day day, enum tmpl_filter filter,
    struct tmpl_buf *out);

#endif
