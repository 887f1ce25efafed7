/*
 * letter_pdf.c - a letter as a PDF (letter_pdf.h): the checks of the
 * input, the logo, the pages, the file and the footers.  The type is in
 * letter_pdf_text.c, the layout in letter_pdf_layout.c and _table.c.
 */
#include "report/letter_pdf.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cairo-pdf.h>

#include "core/outfile.h"
#include "core/utf8.h"
#include "report/letter_pdf_int.h"

/* The last logo read, kept while its file is unchanged: a run writes one company's letters. */
static struct {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	cairo_surface_t *image;
} logo_cache;

/* A logo is drawn 48 pt high; more pixels than 300 dpi for that only make every PDF bigger. */
#define LOGO_HEIGHT     48.0
#define LOGO_MAX_PIXELS 200

static void
logo_cache_clear(void)
{
	if (logo_cache.image != NULL)
		cairo_surface_destroy(logo_cache.image);
	free(logo_cache.path);
	memset(&logo_cache, 0, sizeof logo_cache);
}

void
letter_pdf_shutdown(void)
{
	logo_cache_clear();
	letter_text_shutdown();
}

/* image scaled down to LOGO_MAX_PIXELS high (a new surface), or image itself when small enough. */
static cairo_surface_t *
logo_downscaled(cairo_surface_t *image)
{
	int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
	double scale = (double)LOGO_MAX_PIXELS / h;
	int nw = (int)(w * scale + 0.5);
	cairo_surface_t *small;
	cairo_t *cr;

	if (h <= LOGO_MAX_PIXELS || nw < 1)
		return image;
	small = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, nw, LOGO_MAX_PIXELS);
	cr = cairo_create(small);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, image, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_destroy(cr);
	if (cairo_surface_status(small) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(small);
		return image;   /* the big one still prints */
	}
	cairo_surface_destroy(image);
	return small;
}

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int length)
{
	return fread(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

/*
 * The logo at path as an image surface in *out (a reference for the
 * caller to destroy).  The signature is checked here, as cairo 1.16 says
 * "out of memory" of a file that is not a PNG.
 */
static ar_err
logo_load(const char *path, cairo_surface_t **out, struct ar_error *e)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char head[8];
	struct stat st;
	cairo_surface_t *image;
	cairo_status_t status;
	char *copy;
	FILE *fp;

	*out = NULL;
	if ((fp = fopen(path, "rb")) == NULL || fstat(fileno(fp), &st) != 0) {
		int saved = errno;

		if (fp != NULL)
			fclose(fp);
		return ar_error_set(e, AR_ECONFIG, 0, "logo \"%s\": %s", path, strerror(saved));
	}
	if (logo_cache.image != NULL && strcmp(logo_cache.path, path) == 0 &&
	    logo_cache.dev == st.st_dev && logo_cache.ino == st.st_ino &&
	    logo_cache.size == st.st_size && logo_cache.mtime.tv_sec == st.st_mtim.tv_sec &&
	    logo_cache.mtime.tv_nsec == st.st_mtim.tv_nsec) {
		fclose(fp);
		*out = cairo_surface_reference(logo_cache.image);
		return AR_OK;
	}
	if (fread(head, 1, sizeof head, fp) != sizeof head || memcmp(head, signature, sizeof head) != 0) {
		fclose(fp);
		return ar_error_set(e, AR_ECONFIG, 0, "logo \"%s\" cannot be read as a PNG image (no PNG signature)",
		    path);
	}
	rewind(fp);
	image = cairo_image_surface_create_from_png_stream(png_read, fp);
	fclose(fp);
	if ((status = cairo_surface_status(image)) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(image);
		return ar_error_set(e, AR_ECONFIG, 0, "logo \"%s\" cannot be read as a PNG image (cairo: %s)",
		    path, cairo_status_to_string(status));
	}
	if (cairo_image_surface_get_width(image) < 1 || cairo_image_surface_get_height(image) < 1) {
		cairo_surface_destroy(image);
		return ar_error_set(e, AR_ECONFIG, 0, "logo \"%s\" is an empty image", path);
	}
	image = logo_downscaled(image);
	if ((copy = strdup(path)) != NULL) {
		logo_cache_clear();
		logo_cache.path = copy;
		logo_cache.dev = st.st_dev;
		logo_cache.ino = st.st_ino;
		logo_cache.size = st.st_size;
		logo_cache.mtime = st.st_mtim;
		logo_cache.image = cairo_surface_reference(image);
	}
	*out = image;
	return AR_OK;
}

/*
 * Whether f is a page format: "%d" (twice at most), "%1$d", "%2$d", "%%",
 * and no other '%'.  Checked, as the format is the caller's text and is
 * never handed to printf.
 */
static bool
page_format_ok(const char *f)
{
	int next = 0;

	for (; *f != '\0'; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		if (*f == 'd') {
			if (++next > 2)
				return false;
		} else if ((f[0] == '1' || f[0] == '2') && f[1] == '$' && f[2] == 'd') {
			f += 2;
		} else {
			return false;
		}
	}
	return true;
}

/* f with the page and the pages put in (f checked by page_format_ok), for the caller to free; NULL: no memory. */
static char *
page_format_apply(const char *f, int page, int pages)
{
	char *out = malloc(strlen(f) + 2 * 12 + 1), *o = out;
	int next = 0;

	if (out == NULL)
		return NULL;
	for (; *f != '\0'; f++) {
		int which;

		if (*f != '%') {
			*o++ = *f;
			continue;
		}
		f++;
		if (*f == '%') {
			*o++ = '%';
			continue;
		}
		if (*f == 'd') {
			which = next++;
		} else {
			which = f[0] - '1';
			f += 2;
		}
		o += sprintf(o, "%d", which == 0 ? page : pages);
	}
	*o = '\0';
	return out;
}

static bool
text_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* AR_EUTF8 naming the field when s is not UTF-8. */
static ar_err
check_utf8(const char *field, const char *s, struct ar_error *e)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		return ar_error_set(e, AR_EUTF8, 0, "%s is not UTF-8", field);
	return AR_OK;
}

/* Every string of d UTF-8, the table whole, the page format safe. */
static ar_err
check_doc(const struct letter_doc *d, struct ar_error *e)
{
	const struct letter_table *t = &d->table;
	const struct { const char *name, *text; } fields[] = {
		{ "lang", d->lang }, { "company_name", d->company_name },
		{ "company_reg_no", d->company_reg_no }, { "company_address", d->company_address },
		{ "company_phone", d->company_phone }, { "company_email", d->company_email },
		{ "reg_no_caption", d->reg_no_caption }, { "tel_caption", d->tel_caption },
		{ "email_caption", d->email_caption }, { "date_text", d->date_text },
		{ "ref_caption", d->ref_caption }, { "reference", d->reference },
		{ "recipient_name", d->recipient_name }, { "recipient_address", d->recipient_address },
		{ "title", d->title }, { "body_before", d->body_before },
		{ "words_caption", d->words_caption }, { "words", d->words },
		{ "body_after", d->body_after }, { "signature", d->signature },
		{ "page_format", d->page_format },
	};
	ar_err err;
	char field[64];

	if (text_empty(d->company_name))
		return ar_error_set(e, AR_EUSAGE, 0, "the letter has no company_name");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if ((err = check_utf8(fields[i].name, fields[i].text, e)) != AR_OK)
			return err;
	if (d->page_format != NULL && !page_format_ok(d->page_format))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "page_format \"%s\" has a conversion other than %%d (expected e.g. \"Page %%d of %%d\")",
		    d->page_format);
	if (t->nrows > 0) {
		if (t->ncols == 0 || t->captions == NULL || t->cells == NULL)
			return ar_error_set(e, AR_EUSAGE, 0, "the table has %zu rows but no columns, captions or cells",
			    t->nrows);
		if (t->nrows > SIZE_MAX / sizeof(void *) / t->ncols)
			return ar_error_set(e, AR_EUSAGE, 0, "the table has too many cells");
		for (size_t j = 0; j < t->ncols; j++) {
			snprintf(field, sizeof field, "table caption %zu", j + 1);
			if ((err = check_utf8(field, t->captions[j], e)) != AR_OK)
				return err;
		}
		for (size_t i = 0; i < t->nrows * t->ncols; i++) {
			snprintf(field, sizeof field, "table row %zu column %zu", i / t->ncols + 1, i % t->ncols + 1);
			if ((err = check_utf8(field, t->cells[i], e)) != AR_OK)
				return err;
		}
	}
	if (d->ntotals > 0 && d->totals == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "the letter has %zu totals but no array of them", d->ntotals);
	for (size_t i = 0; i < d->ntotals; i++) {
		snprintf(field, sizeof field, "total %zu label", i + 1);
		if ((err = check_utf8(field, d->totals[i].label, e)) != AR_OK)
			return err;
		snprintf(field, sizeof field, "total %zu value", i + 1);
		if ((err = check_utf8(field, d->totals[i].value, e)) != AR_OK)
			return err;
	}
	return AR_OK;
}

static ar_err
cairo_error(struct ar_error *e, cairo_status_t status)
{
	if (status == CAIRO_STATUS_NO_MEMORY)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory drawing the letter");
	return ar_error_set(e, AR_EIO, 0, "cairo cannot draw the letter: %s", cairo_status_to_string(status));
}

bool
letter_cairo_failed(struct letter_render *r)
{
	cairo_status_t status;

	if (r->cr == NULL)
		return false;
	if ((status = cairo_status(r->cr)) == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(cairo_get_target(r->cr));
	if (status == CAIRO_STATUS_SUCCESS)
		return false;
	cairo_error(r->e, status);
	return true;
}

bool
letter_new_page(struct letter_render *r)
{
	static const cairo_rectangle_t page = { 0, 0, LP_PAGE_W, LP_PAGE_H };
	cairo_surface_t *s;

	if (letter_cairo_failed(r))
		return false;
	if (r->cr != NULL)
		cairo_destroy(r->cr);
	r->cr = NULL;
	if (r->npages == r->pages_cap) {
		size_t cap = r->pages_cap ? 2 * r->pages_cap : 4;
		cairo_surface_t **p = realloc(r->pages, cap * sizeof *p);

		if (p == NULL) {
			ar_error_set(r->e, AR_ENOMEM, 0, "out of memory for page %zu", r->npages + 1);
			return false;
		}
		r->pages = p;
		r->pages_cap = cap;
	}
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
	r->pages[r->npages++] = s;
	r->cr = cairo_create(s);
	r->y = LP_TOP;
	r->page_empty = true;
	if (r->npages > 1 && r->running != NULL) {
		cairo_set_source_rgb(r->cr, 0.35, 0.35, 0.35);
		cairo_move_to(r->cr, LP_LEFT, LP_RUNNING_Y);
		pango_cairo_show_layout(r->cr, r->running);
		cairo_set_source_rgb(r->cr, 0, 0, 0);
	}
	return !letter_cairo_failed(r);
}

static void
render_free(struct letter_render *r)
{
	if (r->cr != NULL)
		cairo_destroy(r->cr);
	for (size_t i = 0; i < r->npages; i++)
		cairo_surface_destroy(r->pages[i]);
	free(r->pages);
	letter_text_free(r);
	if (r->logo != NULL)
		cairo_surface_destroy(r->logo);
	memset(r, 0, sizeof *r);
}

/* Check d, read the logo, lay the letter out into pages. */
static ar_err
render_letter(struct letter_render *r, const struct letter_doc *d, struct ar_error *e)
{
	ar_err err;

	memset(r, 0, sizeof *r);
	r->d = d;
	r->e = e != NULL ? e : &r->own_error;
	if ((err = check_doc(d, r->e)) != AR_OK)
		return err;
	if (!text_empty(d->logo_png_path) &&
	    (err = logo_load(d->logo_png_path, &r->logo, r->e)) != AR_OK)
		return err;
	letter_text_init(r);
	if (!letter_new_page(r))
		return r->e->code;
	if ((err = letter_flow(r)) != AR_OK)
		return err;
	if (letter_cairo_failed(r))
		return r->e->code;
	cairo_destroy(r->cr);
	r->cr = NULL;
	return AR_OK;
}

struct sink {
	FILE *fp;
	int error;      /* errno of the first failed write */
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *s = closure;

	if (s->error != 0)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, length, s->fp) != length) {
		s->error = errno != 0 ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* The footer of page (from 1) of pages, centred in the bottom margin. */
static bool
draw_footer(struct letter_render *r, cairo_t *cr, int page, int pages)
{
	PangoLayout *l = r->style[LS_FOOTER];
	char *text = page_format_apply(r->d->page_format, page, pages);

	if (text == NULL)
		return false;
	pango_layout_set_width(l, LP_UNITS(LP_WIDTH));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	letter_set_text(r, l, text, -1);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_move_to(cr, LP_LEFT, LP_FOOTER_Y);
	pango_cairo_show_layout(cr, l);
	free(text);
	return true;
}

/* "2026-11-24T00:00:00Z", the form cairo turns into a PDF date. */
static void
iso8601_utc(long long seconds, char *buf, size_t size)
{
	time_t t = (time_t)seconds;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The pages of r into a PDF on fp, each with its footer. */
static ar_err
emit_pdf(struct letter_render *r, FILE *fp, struct ar_error *e)
{
	struct sink sink = { fp, 0 };
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(sink_write, &sink, LP_PAGE_W, LP_PAGE_H);
	cairo_status_t status;
	cairo_t *cr;
	char date[64];
	bool footers = !text_empty(r->d->page_format), ok = true;

	iso8601_utc(r->d->creation_date, date, sizeof date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "artools");
	if (!text_empty(r->d->title))
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, r->d->title);
	cr = cairo_create(pdf);
	for (size_t i = 0; i < r->npages && ok; i++) {
		cairo_set_source_surface(cr, r->pages[i], 0, 0);
		cairo_paint(cr);
		if (footers)
			ok = draw_footer(r, cr, (int)i + 1, (int)r->npages);
		cairo_show_page(cr);
	}
	status = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (!ok)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory for the footer");
	if (sink.error != 0) {
		errno = sink.error;
		return ar_error_set(e, AR_EIO, 0, "cannot write the letter: %s", strerror(sink.error));
	}
	if (status != CAIRO_STATUS_SUCCESS)
		return cairo_error(e, status);
	return AR_OK;
}

ar_err
letter_pdf_write_fp(FILE *fp, const struct letter_doc *d, struct ar_error *e)
{
	struct letter_render r;
	ar_err err;

	if ((err = render_letter(&r, d, e)) == AR_OK)
		err = emit_pdf(&r, fp, e);
	render_free(&r);
	return err;
}

ar_err
letter_pdf_write(const char *path, const struct letter_doc *d, struct ar_error *e)
{
	struct letter_render r;
	struct outfile out;
	ar_err err;
	int saved;

	if ((err = render_letter(&r, d, e)) != AR_OK) {
		render_free(&r);
		return err;
	}
	if ((err = outfile_open(&out, path)) != AR_OK) {
		saved = errno;
		render_free(&r);
		errno = saved;
		if (err == AR_ENOMEM)
			ar_error_set(e, err, 0, "out of memory");
		else
			ar_error_set(e, err, 0, "cannot create %s: %s", path != NULL ? path : "<stdout>",
			    strerror(saved));
		errno = saved;
		return err;
	}
	err = emit_pdf(&r, out.fp, e);
	saved = errno;
	render_free(&r);
	if (err != AR_OK) {
		outfile_abort(&out);
		errno = saved;
		return err;
	}
	if ((err = outfile_commit(&out)) != AR_OK) {
		saved = errno;
		ar_error_set(e, err, 0, "cannot write %s: %s", path != NULL ? path : "<stdout>",
		    strerror(saved));
		errno = saved;
		return err;
	}
	return AR_OK;
}
