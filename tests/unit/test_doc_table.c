/*
 * test_doc_table.c - the table of a document (doc_table.h): aligned plain
 * text (CJK two wide, numbers right, no blanks at the end of a line, the
 * totals under the table's right edge), HTML (a label spanning all columns
 * but the last, the last total bold, text escaped), the totals' money, the
 * letter's view of it, and what init and add_total refuse.
 */
#include <stdbool.h>
#include <string.h>

#include "report/doc_table.h"
#include "report/letter_pdf.h"
#include "test.h"

/* tb rendered, in a static buffer ("(error N)" on failure). */
static const char *
rendered(const struct doc_table *tb, bool html, const char *before)
{
	static char text[4096];
	struct tmpl_buf out = { 0 };
	ar_err err = tmpl_buf_add(&out, before, strlen(before));

	if (err == AR_OK)
		err = doc_table_render(tb, html, &out);
	if (err != AR_OK)
		snprintf(text, sizeof text, "(error %d)", (int)err);
	else
		snprintf(text, sizeof text, "%s", out.len ? out.data : "");
	tmpl_buf_free(&out);
	return text;
}

/* Doc / 日期 / Amount (numeric), two lines, a total in English and one in Chinese. */
static void
three_columns(struct doc_table *tb)
{
	const char *head[3] = { "Doc", "日期", "Amount" };
	const char *r1[3] = { "A1", "2026-01-02", "1,234.56" };
	const char *r2[3] = { "B22", NULL, "5.00" };

	EXPECT_EQ_INT(doc_table_init(tb, 3, 2), AR_OK);
	tb->numeric[2] = true;
	EXPECT_EQ_INT(doc_table_set_row(tb, 0, head), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(tb, 1, r1), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(tb, 2, r2), AR_OK);
	EXPECT_EQ_INT(doc_table_add_total(tb, "Total", test_currency("MYR"), 123456), AR_OK);
	EXPECT_EQ_INT(doc_table_add_total(tb, "到期金額", test_currency("MYR"), -5), AR_OK);
}

static void
text_aligns_columns_cjk_two_wide(void)
{
	struct doc_table tb;

	three_columns(&tb);
	EXPECT_EQ_STR(rendered(&tb, false, ""),
	    "Doc  日期          Amount\n"
	    "A1   2026-01-02  1,234.56\n"
	    "B22                  5.00\n"
	    "\n"
	    "   Total     MYR 1,234.56\n"
	    "   到期金額     MYR -0.05\n");
	doc_table_free(&tb);
}

static void
text_has_no_blanks_at_line_ends(void)
{
	struct doc_table tb;
	const char *head[2] = { "a", "b" }, *r1[2] = { "xx", "" };

	EXPECT_EQ_INT(doc_table_init(&tb, 2, 1), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(&tb, 0, head), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(&tb, 1, r1), AR_OK);
	/* blanks before the table are not the table's to take */
	EXPECT_EQ_STR(rendered(&tb, false, "Dear Sir, "), "Dear Sir, a   b\nxx\n\n");
	tb.numeric[1] = true;   /* an empty number still leaves no blanks */
	EXPECT_EQ_STR(rendered(&tb, false, ""), "a   b\nxx\n\n");
	doc_table_free(&tb);
}

static void
html_spans_all_but_the_last_column(void)
{
	struct doc_table tb;
	const char *head[2] = { "Doc", "Amount" }, *r1[2] = { "A&B <1>", "9.00" };

	EXPECT_EQ_INT(doc_table_init(&tb, 2, 1), AR_OK);
	tb.numeric[1] = true;
	EXPECT_EQ_INT(doc_table_set_row(&tb, 0, head), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(&tb, 1, r1), AR_OK);
	EXPECT_EQ_INT(doc_table_add_total(&tb, "Fee", test_currency("TWD"), 1200), AR_OK);
	EXPECT_EQ_INT(doc_table_add_total(&tb, "Due", test_currency("TWD"), 1209), AR_OK);
	EXPECT_EQ_STR(rendered(&tb, true, ""),
	    "<table style=\"border-collapse:collapse\" cellpadding=\"4\">\n"
	    "<tr><th style=\"text-align:left;border-bottom:1px solid #ccc\">Doc</th>"
	    "<th style=\"text-align:right;border-bottom:1px solid #ccc\">Amount</th></tr>\n"
	    "<tr><td style=\"text-align:left;border-bottom:1px solid #ccc\">A&amp;B &lt;1&gt;</td>"
	    "<td style=\"text-align:right;border-bottom:1px solid #ccc\">9.00</td></tr>\n"
	    "<tr><td colspan=\"1\" style=\"text-align:right\">Fee</td>"
	    "<td style=\"text-align:right\">TWD 12.00</td></tr>\n"
	    "<tr style=\"font-weight:bold\"><td colspan=\"1\" style=\"text-align:right\">Due</td>"
	    "<td style=\"text-align:right\">TWD 12.09</td></tr>\n"
	    "</table>\n");
	doc_table_free(&tb);
}

/* The statement's 8 columns span 7, the dunning table's 6 span 5. */
static void
html_colspan_is_columns_less_one(void)
{
	static const char *const blank[DOC_TABLE_COLS_MAX] = { NULL };
	struct doc_table tb;

	for (size_t cols = 6; cols <= 8; cols += 2) {
		char want[64];

		snprintf(want, sizeof want, "<td colspan=\"%zu\"", cols - 1);
		EXPECT_EQ_INT(doc_table_init(&tb, cols, 0), AR_OK);
		EXPECT_EQ_INT(doc_table_set_row(&tb, 0, blank), AR_OK);
		EXPECT_EQ_INT(doc_table_add_total(&tb, "Total", test_currency("MYR"), 0), AR_OK);
		EXPECT(strstr(rendered(&tb, true, ""), want) != NULL);
		doc_table_free(&tb);
	}
}

static void
letter_gets_cells_and_totals_last_strong(void)
{
	struct doc_table tb;
	struct letter_doc doc;
	struct letter_total totals[DOC_TABLE_TOTALS_MAX];

	three_columns(&tb);
	memset(&doc, 0, sizeof doc);
	doc_table_letter(&tb, totals, &doc);
	EXPECT_EQ_INT(doc.table.ncols, 3);
	EXPECT_EQ_INT(doc.table.nrows, 2);
	EXPECT_EQ_STR(doc.table.captions[1], "日期");
	EXPECT_EQ_STR(doc.table.cells[0], "A1");
	EXPECT_EQ_STR(doc.table.cells[4], "");     /* the NULL cell of the second line */
	EXPECT(doc.table.numeric[2] && !doc.table.numeric[0]);
	EXPECT_EQ_INT(doc.ntotals, 2);
	EXPECT_EQ_STR(doc.totals[0].value, "MYR 1,234.56");
	EXPECT(!doc.totals[0].strong && doc.totals[1].strong);
	doc_table_free(&tb);
}

static void
init_and_totals_refuse_what_does_not_fit(void)
{
	struct doc_table tb;
	const char *row[1] = { "x" };

	EXPECT_EQ_INT(doc_table_init(&tb, 0, 1), AR_EUSAGE);
	doc_table_free(&tb);
	EXPECT_EQ_INT(doc_table_init(&tb, DOC_TABLE_COLS_MAX + 1, 1), AR_EUSAGE);
	doc_table_free(&tb);
	EXPECT_EQ_INT(doc_table_init(&tb, 1, 1), AR_OK);
	EXPECT_EQ_INT(doc_table_set_row(&tb, 2, row), AR_EUSAGE);
	for (size_t k = 0; k < DOC_TABLE_TOTALS_MAX; k++)
		EXPECT_EQ_INT(doc_table_add_total(&tb, "t", test_currency("MYR"), 1), AR_OK);
	EXPECT_EQ_INT(doc_table_add_total(&tb, "t", test_currency("MYR"), 1), AR_EUSAGE);
	EXPECT_EQ_INT(tb.ntotals, DOC_TABLE_TOTALS_MAX);
	doc_table_free(&tb);
}

int
main(void)
{
	RUN(text_aligns_columns_cjk_two_wide);
	RUN(text_has_no_blanks_at_line_ends);
	RUN(html_spans_all_but_the_last_column);
	RUN(html_colspan_is_columns_less_one);
	RUN(letter_gets_cells_and_totals_last_strong);
	RUN(init_and_totals_refuse_what_does_not_fit);
	return test_summary();
}
