/*
 * soa_docs_int.h - private to soa_docs.c and soa_docs_table.c: the words
 * of a statement in its language and the table of its lines, as the
 * letter, the plain-text and the HTML e-mail show it.
 */
#ifndef SOA_DOCS_INT_H
#define SOA_DOCS_INT_H

#include <stdbool.h>

#include "report/doc_text.h"
#include "report/soa_docs.h"
#include "report/template.h"

enum { SD_COLS = 8 };   /* date, doc_no, type, ref, due_date, debit, credit, balance */

/* Cells: captions, then a row per line; cells[(row + 1) * SD_COLS + col]. */
struct sd_table {
	char **cells;
	size_t rows;
	bool numeric[SD_COLS];
	char totals[3][2][DOC_TEXT_MONEY_MAX + 64];   /* debits, credits, closing: label, value */
};

/* An items stream doc_type (INV, CN, DN, PAY, ADJ, INT, FEE) in words; another as written. */
const char *soa_words_doc_type(enum report_lang lang, const char *type);

/* The aging column col's name: "Current", "1-30 days", ..., "Over 120 days". */
void soa_words_bucket(const struct soa_docs_setup *s, enum report_lang lang, int col, char *buf,
    size_t cap);

/*
 * The table of d: a first row brought forward when the period has a
 * start, a row per line (dates ISO, or ROC in zh-Hant with roc_dates;
 * amounts grouped), the totals.  AR_ENOMEM.  Free with sd_table_free,
 * even after a failure.
 */
ar_err sd_table_build(const struct soa_docs_setup *s, const struct soa_doc *d,
    struct sd_table *tb);
void sd_table_free(struct sd_table *tb);

/* The table and its totals as plain text or HTML, appended to out. */
ar_err sd_table_render(const struct sd_table *tb, bool html, struct tmpl_buf *out);

#endif
