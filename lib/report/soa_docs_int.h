/*
 * soa_docs_int.h - private to soa_docs.c and soa_docs_table.c: the words
 * of a statement in its language and the table of its lines, as the
 * letter, the plain-text and the HTML e-mail show it.
 */
#ifndef SOA_DOCS_INT_H
#define SOA_DOCS_INT_H

#include "report/doc_table.h"
#include "report/doc_text.h"
#include "report/soa_docs.h"

enum { SD_COLS = 8 };   /* date, doc_no, type, ref, due_date, debit, credit, balance */

/* An items stream doc_type (INV, CN, DN, PAY, ADJ, INT, FEE) in words; another as written. */
const char *soa_words_doc_type(enum report_lang lang, const char *type);

/* The aging column col's name: "Current", "1-30 days", ..., "Over 120 days". */
void soa_words_bucket(const struct soa_docs_setup *s, enum report_lang lang, int col, char *buf,
    size_t cap);

/*
 * The table of d, SD_COLS columns: a first row brought forward when the
 * period has a start, a row per line (dates ISO, or ROC in zh-Hant with
 * roc_dates; amounts grouped), the totals debits, credits and closing
 * balance.  AR_ENOMEM.  Free with doc_table_free, even after a failure.
 */
ar_err sd_table_build(const struct soa_docs_setup *s, const struct soa_doc *d,
    struct doc_table *tb);

#endif
