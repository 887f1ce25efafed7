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
#include "report/letter_pdf.h"
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

/* s's lines ('\n') joined with ", " appended to out: an address inside a sentence.  AR_ENOMEM. */
ar_err doc_fill_one_line(struct tmpl_buf *out, const char *s);

/*
 * A letter's rendered body in three (each freed by the caller, trailing
 * line ends dropped): before the table block (at table_at when
 * table_seen), from it to the closing block (at closing_at when
 * closing_seen), and from the closing on (the signature, kept whole).
 * AR_ENOMEM (the parts made so far freed, all NULL).
 */
ar_err doc_body_parts(const struct tmpl_buf *body, bool table_seen, size_t table_at,
    bool closing_seen, size_t closing_at, char *parts[3]);

/*
 * The letterhead of d in lang: the company's fields (address in lines;
 * logo "" none) and the captions of its registration number, telephone,
 * e-mail, reference, and the page footer; the strings must outlive d.
 */
void doc_letterhead(struct letter_doc *d, enum report_lang lang, const char *name,
    const char *reg_no, const char *address, const char *phone, const char *email,
    const char *logo);

#endif
