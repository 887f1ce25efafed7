/*
 * letter_pdf_table.c - the letter's table, totals and amount in words
 * (letter_pdf_int.h).
 *
 * Columns are as wide as their widest cell, the spare width shared out;
 * a table wider than the page narrows its text columns first (they wrap).
 * The header repeats atop every page the table continues on; a row is
 * never split.  The totals sit under the table at its right, their values
 * ending where the numeric columns' text ends.
 */
#include <stdlib.h>
#include <string.h>

#include "report/letter_pdf_int.h"

#define CELL_PAD_Y     2.5
#define MIN_COLUMN     36.0    /* a narrowed column keeps this much */
#define TOTALS_GAP     18.0    /* between a total's label and its value */
#define TOTAL_PAD_Y    1.5
#define STRONG_GAP     3.0     /* above the strong total's rule */
#define WORDS_GAP      9.0     /* between the totals and the words */
#define HEADER_GREY    0.88
#define HAIRLINE_GREY  0.75

static bool
text_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

struct cell {
	PangoLayout *l;
	double w, h;         /* logical width and height, points */
};

static void
cell_measure(struct cell *c)
{
	letter_size(c->l, &c->w, &c->h);
}

/*
 * A row's height: its tallest cell, pad above and below.  Cells align at
 * their tops, not at pango_layout_get_baseline: pango 1.50 sets Latin and
 * Noto CJK runs of a line apart (by the CJK font's BASE table) and that
 * baseline follows whichever run comes first, while the glyphs of cells
 * of one style drawn from one top line up.
 */
static double
row_height(const struct cell *row, size_t n, double pad)
{
	double h = 0;

	for (size_t j = 0; j < n; j++)
		if (row[j].h > h)
			h = row[j].h;
	return h + 2 * pad;
}

/*
 * Give the columns flexible[] the room avail by water-filling: a column
 * that needs less than an equal share gets what it needs, the others
 * share what is left equally.
 */
static void
water_fill(const double *natural, double *width, const bool *flexible, size_t n, double avail)
{
	size_t left = 0;
	bool changed = true;

	for (size_t j = 0; j < n; j++) {
		width[j] = flexible[j] ? -1 : natural[j];
		left += flexible[j];
	}
	while (changed && left > 0) {
		double share = avail / left;

		changed = false;
		for (size_t j = 0; j < n; j++)
			if (width[j] < 0 && natural[j] <= share) {
				width[j] = natural[j];
				avail -= natural[j];
				left--;
				changed = true;
			}
	}
	for (size_t j = 0; j < n; j++)
		if (width[j] < 0)
			width[j] = avail / left;
}

/*
 * The columns' widths: each as wide as its widest cell, the spare room
 * shared equally; when the table is wider than the page, its text columns
 * narrow (and wrap), and only when they would fall under MIN_COLUMN the
 * numeric ones too.
 */
static void
fit_columns(const struct letter_table *t, const double *natural, double *width, bool *flexible)
{
	double sum = 0, fixed = 0;
	size_t ntext = 0;

	for (size_t j = 0; j < t->ncols; j++)
		sum += natural[j];
	if (sum <= LP_WIDTH) {
		for (size_t j = 0; j < t->ncols; j++)
			width[j] = natural[j] + (LP_WIDTH - sum) / t->ncols;
		return;
	}
	for (size_t j = 0; j < t->ncols; j++) {
		flexible[j] = t->numeric == NULL || !t->numeric[j];
		if (flexible[j])
			ntext++;
		else
			fixed += natural[j];
	}
	if (ntext == 0 || LP_WIDTH - fixed < ntext * MIN_COLUMN) {
		for (size_t j = 0; j < t->ncols; j++)
			flexible[j] = true;
		fixed = 0;
	}
	water_fill(natural, width, flexible, t->ncols, LP_WIDTH - fixed);
}

struct table {
	const struct letter_table *t;
	struct cell *head;      /* ncols */
	struct cell *cells;     /* nrows * ncols */
	double *width;          /* of each column, padding included */
	double head_h;
};

/* The cells of row at the current y, under the padding. */
static void
draw_row(struct letter_render *r, const struct table *tb, const struct cell *row)
{
	const struct letter_table *t = tb->t;
	double x = LP_LEFT;

	for (size_t j = 0; j < t->ncols; j++) {
		const struct cell *c = &row[j];
		bool right = t->numeric != NULL && t->numeric[j];
		/* A wrapped cell has the column's width and pango's alignment; a line is placed here. */
		double cx = right && pango_layout_get_width(c->l) < 0 ?
		    x + tb->width[j] - LP_CELL_PAD_X - c->w : x + LP_CELL_PAD_X;

		letter_show(r, c->l, cx, r->y + CELL_PAD_Y);
		x += tb->width[j];
	}
}

static void
draw_table_header(struct letter_render *r, const struct table *tb, double table_w)
{
	cairo_save(r->cr);
	cairo_set_source_rgb(r->cr, HEADER_GREY, HEADER_GREY, HEADER_GREY);
	cairo_rectangle(r->cr, LP_LEFT, r->y, table_w, tb->head_h);
	cairo_fill(r->cr);
	cairo_restore(r->cr);
	draw_row(r, tb, tb->head);
	r->y += tb->head_h;
	letter_rule(r, LP_LEFT, LP_LEFT + table_w, r->y, 0.5, 0.3);
}

/* Measure every cell (the header bold), fit the columns, wrap the narrowed ones. */
static void
table_measure(struct letter_render *r, struct table *tb, bool *flexible, double *natural)
{
	const struct letter_table *t = tb->t;
	size_t nc = t->ncols;

	for (size_t j = 0; j < nc; j++) {
		tb->head[j].l = letter_layout_new(r, LS_CELL_BOLD);
		letter_set_text(r, tb->head[j].l, t->captions[j] != NULL ? t->captions[j] : "", -1);
		cell_measure(&tb->head[j]);
		natural[j] = tb->head[j].w;
	}
	for (size_t i = 0; i < t->nrows * nc; i++) {
		struct cell *c = &tb->cells[i];

		c->l = letter_layout_new(r, LS_CELL);
		letter_set_text(r, c->l, t->cells[i] != NULL ? t->cells[i] : "", -1);
		cell_measure(c);
		if (c->w > natural[i % nc])
			natural[i % nc] = c->w;
	}
	for (size_t j = 0; j < nc; j++)
		natural[j] += 2 * LP_CELL_PAD_X;
	fit_columns(t, natural, tb->width, flexible);
	for (size_t j = 0; j < nc; j++) {
		bool right = t->numeric != NULL && t->numeric[j];

		if (tb->width[j] >= natural[j] - LP_FIT_SLACK)
			continue;
		for (size_t i = 0; i <= t->nrows; i++) {
			struct cell *c = i == 0 ? &tb->head[j] : &tb->cells[(i - 1) * nc + j];

			pango_layout_set_width(c->l, LP_UNITS(tb->width[j] - 2 * LP_CELL_PAD_X));
			if (right)
				pango_layout_set_alignment(c->l, PANGO_ALIGN_RIGHT);
			cell_measure(c);
		}
	}
	tb->head_h = row_height(tb->head, nc, CELL_PAD_Y);
}

/*
 * The table after gap: the header and the first two rows together, a
 * row never split, the header again at the top of each further page.
 * *text_right: where the numeric columns' text ends, for the totals.
 */
bool
letter_flow_table(struct letter_render *r, double gap, double *text_right)
{
	const struct letter_table *t = &r->d->table;
	size_t nc = t->ncols, ncells = t->nrows * nc;
	struct table tb = { .t = t };
	double *natural = calloc(nc, sizeof *natural), table_w = 0, first;
	bool *flexible = calloc(nc, sizeof *flexible), ok = false;

	tb.head = calloc(nc, sizeof *tb.head);
	tb.cells = calloc(ncells, sizeof *tb.cells);
	tb.width = calloc(nc, sizeof *tb.width);
	if (natural == NULL || flexible == NULL || tb.head == NULL || tb.cells == NULL || tb.width == NULL) {
		ar_error_set(r->e, AR_ENOMEM, 0, "out of memory for a table of %zu rows", t->nrows);
		goto done;
	}
	table_measure(r, &tb, flexible, natural);
	for (size_t j = 0; j < nc; j++)
		table_w += tb.width[j];
	*text_right = LP_LEFT + table_w - LP_CELL_PAD_X;

	first = tb.head_h + row_height(&tb.cells[0], nc, CELL_PAD_Y);
	if (t->nrows > 1)
		first += row_height(&tb.cells[nc], nc, CELL_PAD_Y);
	if (!letter_make_room(r, gap, first > LP_HEIGHT ? LP_HEIGHT : first))
		goto done;
	draw_table_header(r, &tb, table_w);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct cell *row = &tb.cells[i * nc];
		double h = row_height(row, nc, CELL_PAD_Y);

		if (tb.head_h + h > LP_HEIGHT) {
			ar_error_set(r->e, AR_EUSAGE, 0, "table row %zu is taller than a page (%.0f pt)", i + 1, h);
			goto done;
		}
		if (r->y + h > LP_BOTTOM + LP_FIT_SLACK) {
			letter_rule(r, LP_LEFT, LP_LEFT + table_w, r->y, 0.6, 0.3);
			if (!letter_new_page(r))
				goto done;
			draw_table_header(r, &tb, table_w);
		} else if (i > 0) {
			letter_rule(r, LP_LEFT, LP_LEFT + table_w, r->y, 0.3, HAIRLINE_GREY);
		}
		draw_row(r, &tb, row);
		r->y += h;
	}
	letter_rule(r, LP_LEFT, LP_LEFT + table_w, r->y, 0.6, 0.3);
	ok = !letter_cairo_failed(r);
done:
	if (tb.head != NULL)
		for (size_t j = 0; j < nc; j++)
			if (tb.head[j].l != NULL)
				g_object_unref(tb.head[j].l);
	if (tb.cells != NULL)
		for (size_t i = 0; i < ncells; i++)
			if (tb.cells[i].l != NULL)
				g_object_unref(tb.cells[i].l);
	free(tb.head);
	free(tb.cells);
	free(tb.width);
	free(natural);
	free(flexible);
	return ok;
}

/*
 * The totals, right-aligned at right (labels left, values right), then the
 * amount in words: both moved to the next page together when they do not
 * fit here.
 */
bool
letter_flow_totals(struct letter_render *r, double gap, double right)
{
	const struct letter_doc *d = r->d;
	size_t n = d->ntotals;
	struct cell *lab = calloc(n + 1, sizeof *lab), *val = calloc(n + 1, sizeof *val);
	PangoLayout *caption = NULL, *words = NULL;
	double lw = 0, vw = 0, label_room, left, need = 0, caption_h = 0, words_h = 0;
	bool ok = false;

	if (lab == NULL || val == NULL) {
		ar_error_set(r->e, AR_ENOMEM, 0, "out of memory for %zu totals", n);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		enum letter_style s = d->totals[i].strong ? LS_BOLD : LS_BODY;

		lab[i].l = letter_layout_new(r, s);
		val[i].l = letter_layout_new(r, s);
		letter_set_text(r, lab[i].l, d->totals[i].label != NULL ? d->totals[i].label : "", -1);
		letter_set_text(r, val[i].l, d->totals[i].value != NULL ? d->totals[i].value : "", -1);
		cell_measure(&lab[i]);
		cell_measure(&val[i]);
		if (val[i].w > LP_WIDTH / 2) {
			pango_layout_set_width(val[i].l, LP_UNITS(LP_WIDTH / 2));
			pango_layout_set_alignment(val[i].l, PANGO_ALIGN_RIGHT);
			cell_measure(&val[i]);
			val[i].w = LP_WIDTH / 2;
		}
		if (lab[i].w > lw)
			lw = lab[i].w;
		if (val[i].w > vw)
			vw = val[i].w;
	}
	label_room = right - LP_LEFT - vw - TOTALS_GAP;
	if (lw > label_room) {
		for (size_t i = 0; i < n; i++) {
			pango_layout_set_width(lab[i].l, LP_UNITS(label_room));
			cell_measure(&lab[i]);
		}
		lw = label_room;
	}
	left = right - vw - TOTALS_GAP - lw;
	for (size_t i = 0; i < n; i++) {
		struct cell row[2] = { lab[i], val[i] };

		need += row_height(row, 2, TOTAL_PAD_Y) + (d->totals[i].strong ? STRONG_GAP : 0);
	}
	if (!text_empty(d->words)) {
		if (!text_empty(d->words_caption)) {
			caption = letter_layout_new(r, LS_BOLD);
			pango_layout_set_width(caption, LP_UNITS(LP_WIDTH));
			letter_set_text(r, caption, d->words_caption, -1);
			letter_size(caption, NULL, &caption_h);
		}
		words = letter_layout_new(r, LS_BODY);
		pango_layout_set_width(words, LP_UNITS(LP_WIDTH));
		letter_set_text(r, words, d->words, -1);
		letter_size(words, NULL, &words_h);
		need += (n > 0 ? WORDS_GAP : 0) + caption_h + 2 + words_h;
	}
	if (need <= LP_HEIGHT && !letter_make_room(r, gap, need))
		goto done;
	for (size_t i = 0; i < n; i++) {
		struct cell row[2] = { lab[i], val[i] };
		double h = row_height(row, 2, TOTAL_PAD_Y), above = d->totals[i].strong ? STRONG_GAP : 0;

		if (!letter_make_room(r, i == 0 ? 0 : above, h))
			goto done;
		if (d->totals[i].strong)
			letter_rule(r, left, right + LP_CELL_PAD_X, r->y, 0.6, 0);
		letter_show(r, lab[i].l, left, r->y + TOTAL_PAD_Y);
		/* A wrapped value carries pango's right alignment inside its width. */
		letter_show(r, val[i].l, pango_layout_get_width(val[i].l) < 0 ? right - val[i].w :
		    right - LP_WIDTH / 2, r->y + TOTAL_PAD_Y);
		r->y += h;
	}
	if (caption != NULL && !letter_flow_layout(r, caption, LP_LEFT, n > 0 ? WORDS_GAP : 0, true))
		goto done;
	if (words != NULL && !letter_flow_layout(r, words, LP_LEFT, caption != NULL ? 2 : WORDS_GAP, false))
		goto done;
	ok = !letter_cairo_failed(r);
done:
	for (size_t i = 0; lab != NULL && val != NULL && i < n; i++) {
		if (lab[i].l != NULL)
			g_object_unref(lab[i].l);
		if (val[i].l != NULL)
			g_object_unref(val[i].l);
	}
	free(lab);
	free(val);
	if (caption != NULL)
		g_object_unref(caption);
	if (words != NULL)
		g_object_unref(words);
	return ok;
}

