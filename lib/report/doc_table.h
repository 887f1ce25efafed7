/*
 * doc_table.h - the table of a document (a statement's lines, a send's
 * overdue items): a header row and rows of cells in a fixed number of
 * columns, some numeric (right-aligned), and under it a few totals of
 * (label, value), the last one the strong one (the amount due, the
 * closing balance).  The module that fills it words the cells; here it
 * is drawn as aligned plain text or HTML for an e-mail, or handed to a
 * PDF letter (letter_pdf.h).
 *
 * The table owns its cells: free it with doc_table_free, even after a
 * failure of doc_table_init or doc_table_set_row.
 */
#ifndef REPORT_DOC_TABLE_H
#define REPORT_DOC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/errors.h"
#include "report/doc_text.h"
#include "report/template.h"

enum { DOC_TABLE_COLS_MAX = 8, DOC_TABLE_TOTALS_MAX = 4 };

/* A total's label or value: "Amount due", "MYR 1,234.56". */
#define DOC_TABLE_TOTAL_MAX (DOC_TEXT_MONEY_MAX + 64)

struct doc_table {
	size_t cols;                    /* 1..DOC_TABLE_COLS_MAX */
	size_t rows;                    /* without the header */
	char **cells;                   /* cells[row * cols + col]: row 0 the header */
	bool numeric[DOC_TABLE_COLS_MAX];   /* right-aligned: amounts, days */
	char totals[DOC_TABLE_TOTALS_MAX][2][DOC_TABLE_TOTAL_MAX];   /* label, value */
	size_t ntotals;
};

struct letter_doc;
struct letter_total;

/*
 * An empty table of cols columns (none numeric), a header and rows rows
 * of cells to fill, no totals.  AR_EUSAGE when cols is 0 or above
 * DOC_TABLE_COLS_MAX; AR_ENOMEM.
 */
ar_err doc_table_init(struct doc_table *tb, size_t cols, size_t rows);

/*
 * Row row (0 the header, r + 1 the r-th line) from a copy of cell[0 ..
 * cols), a NULL cell empty.  AR_ENOMEM; AR_EUSAGE when row is past the
 * table's rows.
 */
ar_err doc_table_set_row(struct doc_table *tb, size_t row, const char *const *cell);

/*
 * A total under the table: label, and minor units of cur as the letter
 * writes them with the code ("MYR 1,234.56").  AR_EUSAGE past
 * DOC_TABLE_TOTALS_MAX.
 */
ar_err doc_table_add_total(struct doc_table *tb, const char *label, currency_id cur,
    int64_t minor);

void doc_table_free(struct doc_table *tb);

/*
 * The table and its totals appended to out, as HTML (a <table>, the last
 * total in bold) or as plain text: columns two blanks apart, each as wide
 * as its widest cell (CJK characters count two), numeric ones aligned
 * right, no blanks at the end of a line; a blank line, then the totals
 * aligned right under the table.  AR_ENOMEM.
 */
ar_err doc_table_render(const struct doc_table *tb, bool html, struct tmpl_buf *out);

/*
 * The table as doc's table and totals (doc->table, doc->totals,
 * doc->ntotals), the last total strong.  totals (DOC_TABLE_TOTALS_MAX of
 * them) receives the totals; it and tb must outlive doc.
 */
void doc_table_letter(const struct doc_table *tb, struct letter_total *totals,
    struct letter_doc *doc);

#endif
