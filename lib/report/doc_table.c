/*
 * doc_table.c - the table of a document (doc_table.h): its cells and
 * totals, drawn as aligned plain text or HTML, or handed to a letter.
 */
#include "report/doc_table.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "report/letter_pdf.h"

ar_err
doc_table_init(struct doc_table *tb, size_t cols, size_t rows)
{
	memset(tb, 0, sizeof *tb);
	if (cols == 0 || cols > DOC_TABLE_COLS_MAX)
		return AR_EUSAGE;
	tb->cols = cols;
	tb->rows = rows;
	if ((tb->cells = calloc((rows + 1) * cols, sizeof *tb->cells)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

ar_err
doc_table_set_row(struct doc_table *tb, size_t row, const char *const *cell)
{
	char **to;

	if (row > tb->rows)
		return AR_EUSAGE;
	to = tb->cells + row * tb->cols;
	for (size_t k = 0; k < tb->cols; k++) {
		free(to[k]);
		if ((to[k] = strdup(cell[k] != NULL ? cell[k] : "")) == NULL)
			return AR_ENOMEM;
	}
	return AR_OK;
}

ar_err
doc_table_add_total(struct doc_table *tb, const char *label, currency_id cur, int64_t minor)
{
	char amount[DOC_TEXT_MONEY_MAX];

	if (tb->ntotals == DOC_TABLE_TOTALS_MAX)
		return AR_EUSAGE;
	doc_money(minor, currency_exponent(cur), amount, sizeof amount);
	snprintf(tb->totals[tb->ntotals][0], sizeof tb->totals[0][0], "%s", label);
	snprintf(tb->totals[tb->ntotals][1], sizeof tb->totals[0][1], "%s %s", currency_code(cur),
	    amount);
	tb->ntotals++;
	return AR_OK;
}

void
doc_table_free(struct doc_table *tb)
{
	if (tb->cells != NULL)
		for (size_t i = 0; i < (tb->rows + 1) * tb->cols; i++)
			free(tb->cells[i]);
	free(tb->cells);
	tb->cells = NULL;
}

/* A cell never set is empty. */
static const char *
cell_at(const struct doc_table *tb, size_t row, size_t col)
{
	const char *s = tb->cells[row * tb->cols + col];

	return s != NULL ? s : "";
}

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

/* Columns on a terminal or in a plain-text e-mail: CJK characters take two. */
static size_t
text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (*p != '\0' && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
		int cw = utf8proc_charwidth(cp);

		w += cw > 0 ? (size_t)cw : 0;
		p += n;
	}
	return w;
}

static ar_err
pad(struct tmpl_buf *out, size_t n)
{
	static const char blanks[] = "                                        ";
	ar_err err = AR_OK;

	while (n > 0 && err == AR_OK) {
		size_t k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;

		err = tmpl_buf_add(out, blanks, k);
		n -= k;
	}
	return err;
}

static ar_err
text_row(const struct doc_table *tb, const size_t *width, size_t r, struct tmpl_buf *out)
{
	size_t start = out->len;
	ar_err err = AR_OK;

	for (size_t k = 0; k < tb->cols && err == AR_OK; k++) {
		const char *cell = cell_at(tb, r, k);
		size_t gap = width[k] - text_width(cell);

		if (k > 0)
			err = pad(out, 2);
		if (err == AR_OK && tb->numeric[k])
			err = pad(out, gap);
		if (err == AR_OK)
			err = add_str(out, cell);
		if (err == AR_OK && !tb->numeric[k] && k + 1 < tb->cols)
			err = pad(out, gap);
	}
	/* no blanks at the end of a line (an empty last cell) */
	while (err == AR_OK && out->len > start && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	return err == AR_OK ? add_str(out, "\n") : err;
}

static ar_err
text_table(const struct doc_table *tb, struct tmpl_buf *out)
{
	size_t width[DOC_TABLE_COLS_MAX] = { 0 }, line = 0, label = 0, value = 0;
	ar_err err = AR_OK;

	for (size_t r = 0; r <= tb->rows; r++)
		for (size_t k = 0; k < tb->cols; k++) {
			size_t w = text_width(cell_at(tb, r, k));

			if (w > width[k])
				width[k] = w;
		}
	for (size_t k = 0; k < tb->cols; k++)
		line += width[k] + (k ? 2 : 0);
	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++)
		err = text_row(tb, width, r, out);
	for (size_t k = 0; k < tb->ntotals; k++) {
		if (text_width(tb->totals[k][0]) > label)
			label = text_width(tb->totals[k][0]);
		if (text_width(tb->totals[k][1]) > value)
			value = text_width(tb->totals[k][1]);
	}
	if (err == AR_OK)
		err = add_str(out, "\n");
	/* label and value columns, the values' right edge at the table's */
	for (size_t k = 0; k < tb->ntotals && err == AR_OK; k++) {
		size_t used = label + 2 + value;

		err = pad(out, line > used ? line - used : 0);
		if (err == AR_OK)
			err = add_str(out, tb->totals[k][0]);
		if (err == AR_OK)
			err = pad(out, label - text_width(tb->totals[k][0]) + 2 + value -
			    text_width(tb->totals[k][1]));
		if (err == AR_OK)
			err = add_str(out, tb->totals[k][1]);
		if (err == AR_OK)
			err = add_str(out, "\n");
	}
	return err;
}

static ar_err
add_html(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add_html(out, s, strlen(s));
}

static ar_err
html_table(const struct doc_table *tb, struct tmpl_buf *out)
{
	static const char *const align[2] = { "left", "right" };
	char tag[96];
	ar_err err = add_str(out, "<table style=\"border-collapse:collapse\" cellpadding=\"4\">\n");

	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++) {
		err = add_str(out, "<tr>");
		for (size_t k = 0; k < tb->cols && err == AR_OK; k++) {
			snprintf(tag, sizeof tag, "<%s style=\"text-align:%s;border-bottom:1px solid #ccc\">",
			    r == 0 ? "th" : "td", align[tb->numeric[k]]);
			err = add_str(out, tag);
			if (err == AR_OK)
				err = add_html(out, cell_at(tb, r, k));
			if (err == AR_OK)
				err = add_str(out, r == 0 ? "</th>" : "</td>");
		}
		if (err == AR_OK)
			err = add_str(out, "</tr>\n");
	}
	/* each total's label spans every column but the last, which holds its value */
	snprintf(tag, sizeof tag, "<td colspan=\"%zu\" style=\"text-align:right\">", tb->cols - 1);
	for (size_t k = 0; k < tb->ntotals && err == AR_OK; k++) {
		err = add_str(out, k + 1 == tb->ntotals ? "<tr style=\"font-weight:bold\">" : "<tr>");
		if (err == AR_OK)
			err = add_str(out, tag);
		if (err == AR_OK)
			err = add_html(out, tb->totals[k][0]);
		if (err == AR_OK)
			err = add_str(out, "</td><td style=\"text-align:right\">");
		if (err == AR_OK)
			err = add_html(out, tb->totals[k][1]);
		if (err == AR_OK)
			err = add_str(out, "</td></tr>\n");
	}
	if (err == AR_OK)
		err = add_str(out, "</table>\n");
	return err;
}

ar_err
doc_table_render(const struct doc_table *tb, bool html, struct tmpl_buf *out)
{
	return html ? html_table(tb, out) : text_table(tb, out);
}

void
doc_table_letter(const struct doc_table *tb, struct letter_total *totals,
    struct letter_doc *doc)
{
	for (size_t k = 0; k < tb->ntotals; k++)
		totals[k] = (struct letter_total){ tb->totals[k][0], tb->totals[k][1],
			k + 1 == tb->ntotals };
	doc->table.ncols = tb->cols;
	doc->table.captions = (const char *const *)tb->cells;
	doc->table.numeric = tb->numeric;
	doc->table.nrows = tb->rows;
	doc->table.cells = (const char *const *)tb->cells + tb->cols;
	doc->totals = totals;
	doc->ntotals = tb->ntotals;
}
