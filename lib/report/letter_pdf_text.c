/*
 * letter_pdf_text.c - the letter's type (letter_pdf_int.h): one font map
 * for the process, a style per kind of text, text set into layouts,
 * measured and drawn.
 *
 * Bold is bold where Noto Sans has the glyph (Latin, digits, punctuation);
 * Chinese in a bold style stays in the regular Noto Sans CJK.  cairo 1.16
 * spends some 11 ms on each CJK face in each PDF it writes (it copies the
 * 15 MB CFF table three times and embeds the subroutine index), so a
 * second, bold CJK face would add that to every Chinese letter (about
 * 17 ms with one); stroking the regular outlines into a synthetic bold
 * costs as much (cairo writes every outline point as text).  The bold
 * styles stand out by size and place too (title, header band, rule over
 * the amount due), so Chinese keeps its emphasis.
 */
#include <string.h>
#include <strings.h>

#include "report/letter_pdf_int.h"

/*
 * One font map for the process: loading fonts and fontconfig's matching
 * is the dear part of a letter, and the map caches both.
 */
static PangoFontMap *font_map;

/*
 * A language's context, fonts and style layouts, kept from letter to
 * letter: pango caches fontsets by context, and a new context each letter
 * made it sort fonts again (in a thread of its own, each time).
 */
struct type {
	char *lang;                          /* NULL: a free slot */
	PangoContext *ctx;
	PangoFontDescription *font[LS_COUNT];
	PangoLayout *style[LS_COUNT];
	PangoCoverage *latin;
	PangoAttrList *plain;                /* the attributes of all text: no ligatures */
	bool simplified;                     /* the CJK font is Noto Sans CJK SC */
};

#define TYPE_CACHE 8                         /* languages kept at once */
static struct type types[TYPE_CACHE];
static size_t ntypes, next_evicted;

static void
type_free(struct type *t)
{
	for (int s = 0; s < LS_COUNT; s++) {
		if (t->style[s] != NULL)
			g_object_unref(t->style[s]);
		if (t->font[s] != NULL)
			pango_font_description_free(t->font[s]);
	}
	if (t->latin != NULL)
		pango_coverage_unref(t->latin);
	if (t->plain != NULL)
		pango_attr_list_unref(t->plain);
	if (t->ctx != NULL)
		g_object_unref(t->ctx);
	g_free(t->lang);
	memset(t, 0, sizeof *t);
}

/* The data key that marks a layout of a bold style. */
#define BOLD_KEY "artools-letter-bold"

static const struct {
	double size;
	bool bold;
} style_font[LS_COUNT] = {
	[LS_BODY] = { 10, false }, [LS_BOLD] = { 10, true }, [LS_TITLE] = { 12, true },
	[LS_NAME] = { 15, true }, [LS_SMALL] = { 8.5, false }, [LS_CELL] = { 9.5, false },
	[LS_CELL_BOLD] = { 9.5, true }, [LS_FOOTER] = { 8, false },
};

static PangoFontMap *
letter_font_map(void)
{
	if (font_map == NULL) {
		font_map = pango_cairo_font_map_new();
		/* Points are the PDF's units: 10 pt text is 10 units high. */
		pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map), 72.0);
	}
	return font_map;
}

/* Whether lang is written in Traditional Chinese: zh-Hant..., zh-TW, zh-HK, zh-MO. */
static bool
lang_traditional(const char *lang)
{
	static const char *const tags[] = { "zh-hant", "zh-tw", "zh-hk", "zh-mo" };

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t n = strlen(tags[i]);

		if (strncasecmp(lang, tags[i], n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
			return true;
	}
	return false;
}

static PangoLayout *
layout_new(PangoContext *ctx, const PangoFontDescription *font, bool bold)
{
	PangoLayout *l = pango_layout_new(ctx);

	pango_layout_set_font_description(l, font);
	/* Long words (URLs, account numbers) break anywhere rather than pass the margin. */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (bold)
		g_object_set_data(G_OBJECT(l), BOLD_KEY, GINT_TO_POINTER(1));
	return l;
}

PangoLayout *
letter_layout_new(struct letter_render *r, enum letter_style s)
{
	return layout_new(r->ctx, r->font[s], style_font[s].bold);
}

static bool
layout_bold(PangoLayout *l)
{
	return g_object_get_data(G_OBJECT(l), BOLD_KEY) != NULL;
}

/*
 * U+5982 如 in UTF-8.  cairo 1.16 breaks its Simplified Chinese form
 * (glyph 14237 of Noto Sans CJK SC) whenever it subsets the font: its CFF
 * subsetter loses count of the glyph's stem hints, misreads what follows
 * and leaves out a subroutine the glyph calls, so the glyph comes out
 * empty (poppler draws nothing, FreeType refuses it) while the text still
 * reads "如".  The Japanese form, which the font's locl feature gives to
 * text in Japanese, looks the same and subsets whole.  Every ideograph,
 * CJK punctuation mark and full-width form subset alone, SC and TC, and
 * 120 random sets of 150 ideographs found no other glyph so broken.
 */
static const char ru[] = "\xe5\xa6\x82";

/* The attributes of text[0..len) in l: r->plain, bold, the form of 如; NULL: r->plain alone. */
static PangoAttrList *
text_attributes(struct letter_render *r, PangoLayout *l, const char *text, int len)
{
	PangoAttrList *attrs = NULL;
	const char *p, *end = text + len, *start = NULL;

	if (layout_bold(l)) {
		/* Bold over each stretch Noto Sans draws; the rest stays regular (see the top). */
		attrs = pango_attr_list_copy(r->plain);
		for (p = text;; p = g_utf8_next_char(p)) {
			bool latin = p < end &&
			    pango_coverage_get(r->latin, (int)g_utf8_get_char(p)) != PANGO_COVERAGE_NONE;

			if (latin && start == NULL) {
				start = p;
			} else if (!latin && start != NULL) {
				PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

				a->start_index = (guint)(start - text);
				a->end_index = (guint)(p - text);
				pango_attr_list_insert(attrs, a);
				start = NULL;
			}
			if (p >= end)
				break;
		}
	}
	for (p = text; r->simplified && p + 3 <= end; p++) {
		PangoAttribute *a;

		if (memcmp(p, ru, 3) != 0)
			continue;
		if (attrs == NULL)
			attrs = pango_attr_list_copy(r->plain);
		a = pango_attr_language_new(pango_language_from_string("ja"));
		a->start_index = (guint)(p - text);
		a->end_index = (guint)(p + 3 - text);
		pango_attr_list_insert(attrs, a);
	}
	return attrs;
}

void
letter_set_text(struct letter_render *r, PangoLayout *l, const char *text, int len)
{
	PangoAttrList *attrs;

	if (len < 0)
		len = (int)strlen(text);
	pango_layout_set_text(l, text, len);
	if ((attrs = text_attributes(r, l, text, len)) == NULL) {
		pango_layout_set_attributes(l, r->plain);
		return;
	}
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
}

void
letter_size(PangoLayout *l, double *w, double *h)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	if (w != NULL)
		*w = LP_PT(log.x + log.width);
	if (h != NULL)
		*h = LP_PT(log.height);
}

void
letter_show(struct letter_render *r, PangoLayout *l, double x, double y)
{
	cairo_move_to(r->cr, x, y);
	pango_cairo_show_layout(r->cr, l);
	r->page_empty = false;
}

void
letter_show_line(struct letter_render *r, PangoLayoutLine *line, double x, double baseline)
{
	cairo_move_to(r->cr, x, baseline);
	pango_cairo_show_layout_line(r->cr, line);
	r->page_empty = false;
}

static bool
text_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/*
 * What heads a continuation page, so that a page read alone says whose
 * letter it is: the addressee's first line, the date, the reference.
 */
static PangoLayout *
running_head(struct letter_render *r)
{
	const struct letter_doc *d = r->d;
	const char *parts[3] = { d->recipient_name, d->date_text, d->reference };
	GString *s = g_string_new(NULL);
	PangoLayout *l = NULL;

	for (size_t i = 0; i < 3; i++) {
		if (text_empty(parts[i]))
			continue;
		if (s->len > 0)
			g_string_append(s, "  \u00b7  ");
		g_string_append_len(s, parts[i], (gssize)strcspn(parts[i], "\n"));
	}
	if (s->len > 0) {
		l = letter_layout_new(r, LS_FOOTER);
		pango_layout_set_width(l, LP_UNITS(LP_WIDTH));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		letter_set_text(r, l, s->str, (int)s->len);
	}
	g_string_free(s, TRUE);
	return l;
}

/* The type of one language, made at its first letter. */
static struct type *
type_make(const char *lang)
{
	struct type *t = &types[ntypes < TYPE_CACHE ? ntypes++ : next_evicted++ % TYPE_CACHE];
	cairo_font_options_t *options;
	PangoFontDescription *latin_desc;
	PangoFont *latin;

	type_free(t);
	t->lang = g_strdup(lang);
	t->ctx = pango_font_map_create_context(letter_font_map());
	/*
	 * A PDF is not a screen: no hinting, and glyphs where the font puts
	 * them rather than rounded to whole points.
	 */
	options = cairo_font_options_create();
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(t->ctx, options);
	cairo_font_options_destroy(options);
	pango_context_set_round_glyph_positions(t->ctx, FALSE);
	pango_context_set_language(t->ctx, pango_language_from_string(lang));

	latin_desc = pango_font_description_from_string("Noto Sans 10");
	latin = pango_context_load_font(t->ctx, latin_desc);
	t->latin = latin != NULL ? pango_font_get_coverage(latin, pango_context_get_language(t->ctx)) :
	    pango_coverage_new();
	if (latin != NULL)
		g_object_unref(latin);
	pango_font_description_free(latin_desc);
	/*
	 * No ligatures: "fi" stays two letters, as a reader copying a name or
	 * searching the PDF expects, and Latin stays in one font subset (a
	 * ligature glyph has no place in WinAnsi: cairo makes a second one).
	 */
	t->plain = pango_attr_list_new();
	pango_attr_list_insert(t->plain, pango_attr_font_features_new("liga=0, clig=0"));

	t->simplified = !lang_traditional(lang);
	for (int s = 0; s < LS_COUNT; s++) {
		/*
		 * Noto Sans first: Latin through the CJK font makes each PDF
		 * several times bigger and slower; Chinese falls through to the
		 * CJK font, in English letters too, so a Chinese name never
		 * shows as boxes.  Regular weight throughout: letter_set_text
		 * makes bold what Noto Sans draws, of the bold styles.
		 */
		t->font[s] = pango_font_description_from_string(lang_traditional(lang) ?
		    "Noto Sans, Noto Sans CJK TC" : "Noto Sans, Noto Sans CJK SC");
		pango_font_description_set_size(t->font[s], (int)(style_font[s].size * PANGO_SCALE));
		t->style[s] = layout_new(t->ctx, t->font[s], style_font[s].bold);
	}
	return t;
}

void
letter_text_init(struct letter_render *r)
{
	const char *lang = text_empty(r->d->lang) ? "en" : r->d->lang;
	struct type *t = NULL;

	for (size_t i = 0; i < ntypes && t == NULL; i++)
		if (strcmp(types[i].lang, lang) == 0)
			t = &types[i];
	if (t == NULL)
		t = type_make(lang);
	r->ctx = t->ctx;
	r->latin = t->latin;
	r->plain = t->plain;
	r->simplified = t->simplified;
	memcpy(r->font, t->font, sizeof r->font);
	memcpy(r->style, t->style, sizeof r->style);
	r->running = running_head(r);
}

void
letter_text_free(struct letter_render *r)
{
	if (r->running != NULL)
		g_object_unref(r->running);
	r->running = NULL;
	r->ctx = NULL;
	r->latin = NULL;
	r->plain = NULL;
	memset(r->font, 0, sizeof r->font);
	memset(r->style, 0, sizeof r->style);
}

void
letter_text_shutdown(void)
{
	for (size_t i = 0; i < ntypes; i++)
		type_free(&types[i]);
	ntypes = 0;
	next_evicted = 0;
	if (font_map != NULL) {
		g_object_unref(font_map);
		font_map = NULL;
	}
}
