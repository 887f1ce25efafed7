/*
 * letter_pdf_layout.c - the letter's flow (letter_pdf_int.h): from the
 * letterhead down to the signature, a page break wherever the next thing
 * does not fit.  The table and the totals are in letter_pdf_table.c.
 *
 * Vertical positions are tops of boxes in points from the page's top;
 * every box is measured with pango before it is placed, and drawn once.
 */
#include <stdlib.h>
#include <string.h>

#include "report/letter_pdf_int.h"

#define LOGO_HEIGHT    48.0    /* the logo's height, as drawn */
#define LOGO_MAX_WIDTH 160.0   /* a wide logo is scaled to this width instead */
#define LOGO_GAP       12.0    /* between the logo and the company's block */
#define GAP_SECTION    18.0    /* between the letter's parts */
#define GAP_PARAGRAPH  6.0
#define GAP_TITLE      8.0     /* under the title */
#define ADDRESS_WIDTH  (LP_WIDTH * 0.6)
#define BODY_LINE      14.0    /* a 10 pt line of Noto Sans (13.6 pt), for keeping a title with its body */

static bool
text_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

void
letter_rule(struct letter_render *r, double x0, double x1, double y, double width, double grey)
{
	cairo_save(r->cr);
	cairo_set_source_rgb(r->cr, grey, grey, grey);
	cairo_set_line_width(r->cr, width);
	cairo_move_to(r->cr, x0, y);
	cairo_line_to(r->cr, x1, y);
	cairo_stroke(r->cr);
	cairo_restore(r->cr);
}

bool
letter_fits(const struct letter_render *r, double gap, double h)
{
	return (r->page_empty ? r->y : r->y + gap) + h <= LP_BOTTOM + LP_FIT_SLACK;
}

/* false when a page cannot be made. */
bool
letter_make_room(struct letter_render *r, double gap, double h)
{
	if (r->page_empty)
		return true;
	if (letter_fits(r, gap, h)) {
		r->y += gap;
		return true;
	}
	return letter_new_page(r);
}

struct line_box {
	PangoLayoutLine *line;
	double x, top, bottom, baseline;   /* in the layout, points */
};

/* Lines first..last-1 of lines with the first's top at y. */
static void
show_lines(struct letter_render *r, const struct line_box *lines, size_t first, size_t last,
    double x, double y)
{
	double y0 = y - lines[first].top;

	for (size_t j = first; j < last; j++)
		letter_show_line(r, lines[j].line, x + lines[j].x, y0 + lines[j].baseline);
	r->y = y0 + lines[last - 1].bottom;
}

/*
 * Split between lines over as many pages as it takes, never one line alone
 * at the foot of a page nor at the head of the next.
 */
bool
letter_flow_layout(struct letter_render *r, PangoLayout *l, double x, double gap, bool keep)
{
	struct line_box *lines;
	PangoLayoutIter *it;
	size_t n, i;
	double h;

	letter_size(l, NULL, &h);
	if (letter_fits(r, gap, h) || (keep && h <= LP_HEIGHT)) {
		if (!letter_make_room(r, gap, h))
			return false;
		letter_show(r, l, x, r->y);
		r->y += h;
		return true;
	}
	n = (size_t)pango_layout_get_line_count(l);
	if ((lines = calloc(n, sizeof *lines)) == NULL) {
		ar_error_set(r->e, AR_ENOMEM, 0, "out of memory for %zu lines", n);
		return false;
	}
	it = pango_layout_get_iter(l);
	i = 0;
	do {
		PangoRectangle log;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		lines[i].line = pango_layout_iter_get_line_readonly(it);
		lines[i].x = LP_PT(log.x);
		lines[i].top = LP_PT(log.y);
		lines[i].bottom = LP_PT(log.y + log.height);
		lines[i].baseline = LP_PT(pango_layout_iter_get_baseline(it));
	} while (++i < n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	n = i;

	for (i = 0; i < n;) {
		double top = r->page_empty ? r->y : r->y + gap;
		size_t k = i;

		while (k < n && top + lines[k].bottom - lines[i].top <= LP_BOTTOM + LP_FIT_SLACK)
			k++;
		if (k == n) {
			show_lines(r, lines, i, n, x, top);
			break;
		}
		if (r->page_empty && k == i)
			k = i + 1;      /* a line taller than a page: cannot be at these sizes */
		else if (i == 0 && k == 1 && !r->page_empty)
			k = 0;          /* the first line alone: all to the next page */
		else if (k == n - 1 && k - i >= 3)
			k--;            /* the last line alone: take one more with it */
		else if (k == n - 1 && i == 0 && !r->page_empty)
			k = 0;          /* the same, of a short paragraph: all to the next page */
		if (k > i)
			show_lines(r, lines, i, k, x, top);
		if (!letter_new_page(r)) {
			free(lines);
			return false;
		}
		i = k;
	}
	free(lines);
	return true;
}

/* text[0..len) in style s, width wide at x, placed as letter_flow_layout does. */
static bool
flow_text(struct letter_render *r, enum letter_style s, const char *text, size_t len,
    double x, double width, double gap, bool keep)
{
	PangoLayout *l = r->style[s];

	pango_layout_set_width(l, LP_UNITS(width));
	letter_set_text(r, l, text, (int)len);
	return letter_flow_layout(r, l, x, gap, keep);
}

static bool
blank_line(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/*
 * The paragraphs of text (split at blank lines; a '\n' inside one is a
 * line break), full width, the first after gap, the others 6 pt apart.
 */
static bool
flow_paragraphs(struct letter_render *r, const char *text, double gap)
{
	const char *p = text, *start = NULL, *end = NULL;

	for (;;) {
		const char *eol = strchr(p, '\n');

		if (eol == NULL)
			eol = p + strlen(p);
		if (!blank_line(p, eol)) {
			if (start == NULL)
				start = p;
			end = eol;
		}
		if ((blank_line(p, eol) || *eol == '\0') && start != NULL) {
			while (end > start && end[-1] == '\r')
				end--;
			if (!flow_text(r, LS_BODY, start, (size_t)(end - start), LP_LEFT, LP_WIDTH, gap, false))
				return false;
			start = NULL;
			gap = GAP_PARAGRAPH;
		}
		if (*eol == '\0')
			return true;
		p = eol + 1;
	}
}

/* "caption value" (either may be empty) onto s, after sep when s has something already. */
static void
append_field(GString *s, const char *sep, const char *caption, const char *value)
{
	if (text_empty(value))
		return;
	if (s->len > 0)
		g_string_append(s, sep);
	if (!text_empty(caption)) {
		g_string_append(s, caption);
		g_string_append_c(s, ' ');
	}
	g_string_append(s, value);
}

/*
 * The letterhead: the logo at the left, the company's name and details
 * beside it, the taller of the two setting the height and the other
 * centred against it; a rule under both.
 */
static bool
draw_letterhead(struct letter_render *r)
{
	const struct letter_doc *d = r->d;
	PangoLayout *name = r->style[LS_NAME], *details = r->style[LS_SMALL];
	double x = LP_LEFT, logo_w = 0, logo_h = 0, scale = 1, name_h, details_h = 0, text_h, h;
	GString *s = g_string_new(NULL);
	GString *contact = g_string_new(NULL);

	if (r->logo != NULL) {
		int iw = cairo_image_surface_get_width(r->logo), ih = cairo_image_surface_get_height(r->logo);

		scale = LOGO_HEIGHT / ih;
		if (iw * scale > LOGO_MAX_WIDTH)
			scale = LOGO_MAX_WIDTH / iw;
		logo_w = iw * scale;
		logo_h = ih * scale;
		x += logo_w + LOGO_GAP;
	}
	pango_layout_set_width(name, LP_UNITS(LP_RIGHT - x));
	letter_set_text(r, name, d->company_name, -1);
	letter_size(name, NULL, &name_h);

	append_field(s, "\n", d->reg_no_caption, d->company_reg_no);
	if (!text_empty(d->company_address)) {
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, d->company_address);
	}
	append_field(contact, "  \u00b7  ", d->tel_caption, d->company_phone);
	append_field(contact, "  \u00b7  ", d->email_caption, d->company_email);
	append_field(s, "\n", NULL, contact->str);
	if (s->len > 0) {
		pango_layout_set_width(details, LP_UNITS(LP_RIGHT - x));
		letter_set_text(r, details, s->str, (int)s->len);
		letter_size(details, NULL, &details_h);
	}
	g_string_free(s, TRUE);
	g_string_free(contact, TRUE);

	text_h = name_h + (details_h > 0 ? 2 + details_h : 0);
	h = text_h > logo_h ? text_h : logo_h;
	if (h > LP_HEIGHT / 2) {
		ar_error_set(r->e, AR_EUSAGE, 0, "the letterhead is taller than half a page (%.0f pt)", h);
		return false;
	}
	if (r->logo != NULL) {
		cairo_save(r->cr);
		cairo_translate(r->cr, LP_LEFT, r->y + (h - logo_h) / 2);
		cairo_scale(r->cr, scale, scale);
		cairo_set_source_surface(r->cr, r->logo, 0, 0);
		cairo_paint(r->cr);
		cairo_restore(r->cr);
	}
	letter_show(r, name, x, r->y + (h - text_h) / 2);
	if (details_h > 0)
		letter_show(r, details, x, r->y + (h - text_h) / 2 + name_h + 2);
	r->y += h + 8;
	letter_rule(r, LP_LEFT, LP_RIGHT, r->y, 0.75, 0);
	r->y += 0.75;
	return true;
}

/*
 * The reference at the left and the date at the right, on one line when
 * they fit side by side (tops aligned, as table cells are: see
 * row_height), else the date and then the reference under it.
 */
static bool
draw_reference_and_date(struct letter_render *r)
{
	const struct letter_doc *d = r->d;
	PangoLayout *date = NULL, *ref = NULL;
	double dw = 0, dh = 0, rw = 0, rh = 0, gap = GAP_SECTION;
	bool ok = true;

	if (!text_empty(d->date_text)) {
		date = letter_layout_new(r, LS_BODY);
		pango_layout_set_width(date, LP_UNITS(LP_WIDTH));
		letter_set_text(r, date, d->date_text, -1);
		letter_size(date, &dw, &dh);
	}
	if (!text_empty(d->reference)) {
		GString *s = g_string_new(NULL);
		const char *lang = d->lang != NULL ? d->lang : "";

		if (!text_empty(d->ref_caption)) {
			g_string_append(s, d->ref_caption);
			/* Chinese puts a full-width colon and no space. */
			g_string_append(s, strncmp(lang, "zh", 2) == 0 && (lang[2] == '\0' || lang[2] == '-') ?
			    "\uff1a" : ": ");
		}
		g_string_append(s, d->reference);
		ref = letter_layout_new(r, LS_BODY);
		pango_layout_set_width(ref, LP_UNITS(LP_WIDTH));
		letter_set_text(r, ref, s->str, (int)s->len);
		letter_size(ref, &rw, &rh);
		g_string_free(s, TRUE);
	}
	if (date != NULL && ref != NULL && rw + GAP_SECTION + dw <= LP_WIDTH) {
		double h = dh > rh ? dh : rh;

		if ((ok = letter_make_room(r, gap, h))) {
			letter_show(r, ref, LP_LEFT, r->y);
			letter_show(r, date, LP_RIGHT - dw, r->y);
			r->y += h;
		}
	} else {
		if (date != NULL && (ok = letter_make_room(r, gap, dh))) {
			letter_show(r, date, LP_RIGHT - dw, r->y);
			r->y += dh;
			gap = 4;
		}
		if (ok && ref != NULL && (ok = letter_make_room(r, gap, rh))) {
			letter_show(r, ref, LP_LEFT, r->y);
			r->y += rh;
		}
	}
	if (date != NULL)
		g_object_unref(date);
	if (ref != NULL)
		g_object_unref(ref);
	return ok && !letter_cairo_failed(r);
}

/* The addressee's name and address lines, kept together. */
static bool
flow_recipient(struct letter_render *r)
{
	const struct letter_doc *d = r->d;
	GString *s = g_string_new(NULL);
	bool ok = true;

	append_field(s, "\n", NULL, d->recipient_name);
	append_field(s, "\n", NULL, d->recipient_address);
	if (s->len > 0)
		ok = flow_text(r, LS_BODY, s->str, s->len, LP_LEFT, ADDRESS_WIDTH, GAP_SECTION, true);
	g_string_free(s, TRUE);
	return ok;
}

/* The title, on the page where the body starts (room for it and two lines). */
static bool
flow_title(struct letter_render *r)
{
	PangoLayout *l = r->style[LS_TITLE];
	double h;

	pango_layout_set_width(l, LP_UNITS(LP_WIDTH));
	letter_set_text(r, l, r->d->title, -1);
	letter_size(l, NULL, &h);
	if (!letter_fits(r, GAP_SECTION, h + GAP_TITLE + 2 * BODY_LINE) && !r->page_empty &&
	    !letter_new_page(r))
		return false;
	return letter_flow_layout(r, l, LP_LEFT, GAP_SECTION, true);
}

ar_err
letter_flow(struct letter_render *r)
{
	const struct letter_doc *d = r->d;
	double right = LP_RIGHT - LP_CELL_PAD_X, gap;   /* the totals' right without a table */
	bool ok;

	ok = draw_letterhead(r) && draw_reference_and_date(r) && flow_recipient(r);
	if (ok && !text_empty(d->title))
		ok = flow_title(r);
	gap = text_empty(d->title) ? GAP_SECTION : GAP_TITLE;
	if (ok && !text_empty(d->body_before)) {
		ok = flow_paragraphs(r, d->body_before, gap);
		gap = GAP_SECTION * 2 / 3;
	}
	if (ok && d->table.nrows > 0) {
		ok = letter_flow_table(r, gap, &right);
		gap = GAP_SECTION / 2;
	}
	if (ok && (d->ntotals > 0 || !text_empty(d->words))) {
		ok = letter_flow_totals(r, gap, right);
		gap = GAP_SECTION * 2 / 3;
	}
	if (ok && !text_empty(d->body_after))
		ok = flow_paragraphs(r, d->body_after, gap);
	if (ok && !text_empty(d->signature))
		ok = flow_text(r, LS_BODY, d->signature, strlen(d->signature), LP_LEFT, ADDRESS_WIDTH,
		    GAP_SECTION, true);
	if (!ok)
		return r->e->code != AR_OK ? r->e->code : AR_EIO;
	return AR_OK;
}
