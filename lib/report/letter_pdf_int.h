/*
 * letter_pdf_int.h - what the letter's files share: the page's geometry,
 * the type styles, the render in progress.  Private to letter_pdf*.c.
 *
 * letter_pdf.c         checks, the logo, pages, the PDF file, the footers
 * letter_pdf_text.c    fonts and styles, setting, measuring, showing text
 * letter_pdf_layout.c  the flow, letterhead to signature, and page breaks
 * letter_pdf_table.c   the table, the totals, the amount in words
 *
 * Pages are drawn into cairo recording surfaces while the letter flows;
 * only when it has ended, and the number of pages is known, are they
 * painted into the PDF, each with its "page N of M".  So every string is
 * shaped once.
 */
#ifndef LETTER_PDF_INT_H
#define LETTER_PDF_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "report/letter_pdf.h"

/* A4 portrait in points, 2 cm margins. */
#define LP_PAGE_W   595.276
#define LP_PAGE_H   841.89
#define LP_MARGIN   56.693
#define LP_LEFT     LP_MARGIN
#define LP_RIGHT    (LP_PAGE_W - LP_MARGIN)
#define LP_TOP      LP_MARGIN
#define LP_BOTTOM   (LP_PAGE_H - LP_MARGIN)
#define LP_WIDTH    (LP_RIGHT - LP_LEFT)
#define LP_HEIGHT   (LP_BOTTOM - LP_TOP)
/* The footer's top: in the bottom margin, 1.2 cm above the page's edge less its 8 pt line. */
#define LP_FOOTER_Y (LP_PAGE_H - 34.0 - 11.0)
/* The running head of continuation pages: in the top margin, as far from the text as the footer. */
#define LP_RUNNING_Y (LP_TOP - 22.0)

#define LP_PT(units)  ((double)(units) / PANGO_SCALE)
#define LP_UNITS(pt)  ((int)((pt) * PANGO_SCALE))

/* A little slack so that a box computed to end exactly at the margin still fits. */
#define LP_FIT_SLACK  0.01

/* A table cell's side padding; the totals end where the numeric cells' text does. */
#define LP_CELL_PAD_X 4.0

enum letter_style {
	LS_BODY,        /* 10 pt: paragraphs, addressee, date, totals */
	LS_BOLD,        /* 10 pt bold: the strong total, the words' caption */
	LS_TITLE,       /* 12 pt bold */
	LS_NAME,        /* 15 pt bold: the company's name */
	LS_SMALL,       /* 8.5 pt: the letterhead's details */
	LS_CELL,        /* 9.5 pt: table cells */
	LS_CELL_BOLD,   /* 9.5 pt bold: table header */
	LS_FOOTER,      /* 8 pt */
	LS_COUNT
};

struct letter_render {
	const struct letter_doc *d;
	struct ar_error *e;             /* the caller's, or own_error */
	struct ar_error own_error;
	/* the language's type, kept by letter_pdf_text.c from letter to letter */
	PangoContext *ctx;
	PangoFontDescription *font[LS_COUNT];
	PangoLayout *style[LS_COUNT];   /* one reused layout per style */
	PangoCoverage *latin;           /* what Noto Sans draws: the bold styles are bold there */
	PangoAttrList *plain;           /* the attributes every text takes (no ligatures) */
	bool simplified;                /* the CJK font is Noto Sans CJK SC (see letter_pdf_text.c) */
	PangoLayout *running;           /* the head of pages 2 on (this letter's); NULL: none */
	cairo_surface_t *logo;          /* NULL: none */
	cairo_surface_t **pages;        /* recording surfaces, one per page */
	size_t npages, pages_cap;
	cairo_t *cr;                    /* drawing on pages[npages - 1] */
	double y;                       /* top of the next thing on this page */
	bool page_empty;                /* nothing drawn on this page yet */
};

/* letter_pdf.c */

/* Start a page: y at the top margin.  false (r->e filled) when out of memory or cairo failed. */
bool letter_new_page(struct letter_render *r);

/* Whether cairo has failed on the current page; fills r->e when it has. */
bool letter_cairo_failed(struct letter_render *r);

/* letter_pdf_text.c */

/* The context, fonts and style layouts of r->d's language (made once) and its running head. */
void letter_text_init(struct letter_render *r);

/* Release what letter_text_init made for this letter. */
void letter_text_free(struct letter_render *r);

/* Release the languages' types and the process's font map (letter_pdf_shutdown). */
void letter_text_shutdown(void);

/* A layout in style s for the caller to g_object_unref, when two must live at once. */
PangoLayout *letter_layout_new(struct letter_render *r, enum letter_style s);

/* text[0..len) (len -1: up to its NUL) into l, a layout of r's (bold styles get their bold here). */
void letter_set_text(struct letter_render *r, PangoLayout *l, const char *text, int len);

/* l's logical size in points (w: to its right edge). */
void letter_size(PangoLayout *l, double *w, double *h);

/* Draw l with its top left at (x, y) on the current page. */
void letter_show(struct letter_render *r, PangoLayout *l, double x, double y);

/* Draw line with its baseline's start at (x, baseline) on the current page. */
void letter_show_line(struct letter_render *r, PangoLayoutLine *line, double x, double baseline);

/* letter_pdf_layout.c */

/* Whether h points fit under a gap on this page (no gap at the top of a page). */
bool letter_fits(const struct letter_render *r, double gap, double h);

/* Room for a box of h points not to be split: after gap here, else atop the next page. */
bool letter_make_room(struct letter_render *r, double gap, double h);

/* A horizontal rule from x0 to x1 at y, width points thick, in grey (0 black). */
void letter_rule(struct letter_render *r, double x0, double x1, double y, double width, double grey);

/*
 * Place l at x after gap: whole on this page when it fits, whole on the
 * next when keep and a page can hold it, else split between its lines.
 */
bool letter_flow_layout(struct letter_render *r, PangoLayout *l, double x, double gap, bool keep);

/*
 * Lay the letter r->d out and draw it into r->pages, from the first page
 * on (r has its styles and its first page).  AR_OK, or the error with
 * r->e filled.
 */
ar_err letter_flow(struct letter_render *r);

/* letter_pdf_table.c */

/*
 * The table after gap; *text_right: where its numeric columns' text ends.
 * false with r->e filled on failure.
 */
bool letter_flow_table(struct letter_render *r, double gap, double *text_right);

/* The totals right-aligned at right, then the amount in words, kept together. */
bool letter_flow_totals(struct letter_render *r, double gap, double right);

#endif
