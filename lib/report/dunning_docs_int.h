/*
 * dunning_docs_int.h - private to dunning_docs.c and dunning_docs_table.c:
 * the table of overdue items of one send, as the letter, the plain-text
 * and the HTML e-mail show it.
 */
#ifndef DUNNING_DOCS_INT_H
#define DUNNING_DOCS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "report/doc_table.h"
#include "report/doc_text.h"
#include "report/dunning_docs.h"
#include "report/template.h"

enum { DD_COLS = 6 };   /* doc_no, doc_date, due_date, days, amount, interest */

/* The table, a row per line, and the amount due in words. */
struct dd_table {
	struct doc_table table;
	char words[DOC_TEXT_WORDS_MAX];
};

/*
 * The table of send d in its language: dates ISO (ROC in zh-Hant with
 * roc_dates), amounts grouped, the totals overdue, interest, fee and
 * total (the amount due), and total in words.  AR_ENOMEM, or
 * doc_amount_words's error.  Free tb->table with doc_table_free,
 * even after a failure.
 */
ar_err dd_table_build(const struct dunning_docs_setup *s, const struct dunning_doc *d,
    int64_t total, struct dd_table *tb);

/* The table, its totals and the words as plain text or HTML, appended to out. */
ar_err dd_table_render(const struct dd_table *tb, enum report_lang lang, bool html,
    struct tmpl_buf *out);

#endif
