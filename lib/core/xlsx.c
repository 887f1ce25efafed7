/* xlsx.c - workbooks on libxlsxwriter, written beside and renamed. */
#include "core/xlsx.h"


#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/outfile.h"
#include "core/utf8.h"

#define WIDTH_MIN 8
#define WIDTH_MAX 60
/* Room for the autofilter's drop-down button beside a header name. */
#define HEADER_PAD 3

/* What one worksheet remembers for xlsx_fit_columns. */
struct xlsx_sheet {
	lxw_worksheet *ws;
	char *name;          /* as given to libxlsxwriter, for uniqueness */
	uint16_t *width;     /* widest display length per column */
	size_t ncols;
};

struct xlsx_book {
	lxw_workbook *wb;
	char *path;          /* final name */
	char *tmp_path;      /* temporary beside it, or NULL when written in place */
	char *tmpdir;        /* libxlsxwriter's own temporary files */
	lxw_format *style[XLSX_STYLE_COUNT];
	lxw_format *money[7];
	struct xlsx_sheet *sheets;
	size_t nsheets;
	struct xlsx_sheet *last;   /* the sheet written last: one compare per cell */
	char *text;          /* a NUL-terminated copy of the text being written */
	size_t text_cap;
	struct ar_error error;   /* the last failure's words */
};

static void
set_error(struct xlsx_book *b, const char *what)
{
	ar_error_set(&b->error, AR_EIO, 0, "%s", what);
}

/* Validation failures are about the data (too long, too many rows); the rest is I/O. */
static ar_err
from_lxw(struct xlsx_book *b, lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return AR_OK;
	set_error(b, lxw_strerror(e));
	switch (e) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return AR_ENOMEM;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return AR_ERANGE;
	case LXW_ERROR_PARAMETER_VALIDATION:
	case LXW_ERROR_NULL_PARAMETER_IGNORED:
		return AR_EUSAGE;
	default:
		return AR_EIO;
	}
}

/*
 * The creation time: SOURCE_DATE_EPOCH when it is a whole number, so that
 * two runs give the same bytes (libxlsxwriter stamps the zip entries with
 * a fixed date and core.xml with this one); otherwise now.
 */
static time_t
created_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

static ar_err
make_styles(struct xlsx_book *b)
{
	lxw_format *f;

	for (int i = 0; i < XLSX_STYLE_COUNT; i++)
		if ((b->style[i] = workbook_add_format(b->wb)) == NULL)
			return AR_ENOMEM;
	f = b->style[XLSX_STYLE_HEADER];
	format_set_bold(f);
	format_set_bottom(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	format_set_num_format(b->style[XLSX_STYLE_DATE], "yyyy-mm-dd");
	format_set_num_format(b->style[XLSX_STYLE_INTEGER], "#,##0");
	format_set_num_format(b->style[XLSX_STYLE_PERCENT], "0.0%");
	return AR_OK;
}

/* A failed open in words: errno's for a file that cannot be made. */
static ar_err
open_failed(struct xlsx_book *b, ar_err code, struct ar_error *err)
{
	int saved = errno;

	if (code == AR_ECREATE)
		ar_error_set(err, code, 0, "%s", strerror(saved));
	else if (code == AR_ENOMEM)
		ar_error_set(err, code, 0, "out of memory");
	else
		ar_error_set(err, code, 0, "%s", lxw_strerror(LXW_ERROR_CREATING_TMPFILE));
	xlsx_abort(b);
	errno = saved;
	return code;
}

ar_err
xlsx_open(struct xlsx_book **out, const char *path, bool constant_memory,
    struct ar_error *err)
{
	lxw_workbook_options opts = { 0 };
	lxw_doc_properties props = { 0 };
	struct xlsx_book *b;
	const char *tmpdir;
	struct stat st;
	int fd;

	*out = NULL;
	if (path == NULL || *path == '\0')
		return ar_error_set(err, AR_EUSAGE, 0, "no file name");
	if ((b = calloc(1, sizeof *b)) == NULL || (b->path = strdup(path)) == NULL) {
		free(b);
		return ar_error_set(err, AR_ENOMEM, 0, "out of memory");
	}
	/* A device or FIFO has nothing to rename over: write it in place. */
	if (!(stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
		/*
		 * The name is reserved; libxlsxwriter reopens it by name when
		 * it writes the zip at close.
		 */
		if ((fd = outfile_temp_beside(path, &b->tmp_path)) < 0)
			return open_failed(b, errno == ENOMEM ? AR_ENOMEM : AR_ECREATE, err);
		close(fd);
	}
	/*
	 * Constant-memory rows go to libxlsxwriter's own temporary files;
	 * tmpfile() ignores $TMPDIR, so pass it on when the user set one.
	 */
	tmpdir = getenv("TMPDIR");
	if (tmpdir != NULL && *tmpdir != '\0' && (b->tmpdir = strdup(tmpdir)) == NULL)
		return open_failed(b, AR_ENOMEM, err);
	opts.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
	opts.tmpdir = b->tmpdir;
	opts.use_zip64 = LXW_FALSE;
	if ((b->wb = workbook_new_opt(b->tmp_path ? b->tmp_path : b->path, &opts)) == NULL)
		return open_failed(b, AR_ENOMEM, err);
	props.created = created_time();
	if (workbook_set_properties(b->wb, &props) != LXW_NO_ERROR ||
	    make_styles(b) != AR_OK)
		return open_failed(b, AR_ENOMEM, err);
	*out = b;
	return AR_OK;
}

lxw_workbook *
xlsx_workbook(struct xlsx_book *b)
{
	return b->wb;
}

/* Excel forbids these in sheet names, and a leading or trailing apostrophe. */
static bool
forbidden_in_name(char c)
{
	return c != '\0' && strchr("[]:*?/\\", c) != NULL;
}

/*
 * name cut to max code points, forbidden characters as '_', control
 * characters dropped; into buf (4 * XLSX_SHEET_NAME_MAX + 1 bytes).
 */
static void
clean_name(const char *name, size_t max, char *buf)
{
	size_t n = 0, cps = 0, i = 0, len = strlen(name);

	while (i < len && cps < max) {
		size_t k = utf8_lead_length((unsigned char)name[i]);

		if (i + k > len)
			break;
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
			i++;
			continue;
		}
		if (forbidden_in_name(name[i]))
			buf[n++] = '_';
		else {
			memcpy(buf + n, name + i, k);
			n += k;
		}
		i += k;
		cps++;
	}
	buf[n] = '\0';
	if (n > 0 && buf[0] == '\'')
		buf[0] = '_';
	if (n > 0 && buf[n - 1] == '\'')
		buf[n - 1] = '_';
}

/* Excel compares sheet names without case (ASCII is enough here). */
static bool
name_taken(const struct xlsx_book *b, const char *name)
{
	/* Excel keeps "History" for its change tracking. */
	if (strcasecmp(name, "History") == 0)
		return true;
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcasecmp(b->sheets[i].name, name) == 0)
			return true;
	return false;
}

lxw_worksheet *
xlsx_add_sheet(struct xlsx_book *b, const char *name)
{
	char buf[4 * XLSX_SHEET_NAME_MAX + 16], base[4 * XLSX_SHEET_NAME_MAX + 1];
	struct xlsx_sheet *s;
	lxw_worksheet *ws;

	clean_name(name != NULL ? name : "", XLSX_SHEET_NAME_MAX, base);
	if (base[0] == '\0')
		strcpy(base, "Sheet");
	strcpy(buf, base);
	/* "Aging (2)", shortening the base so that the suffix fits in 31. */
	for (unsigned n = 2; name_taken(b, buf); n++) {
		char suffix[16], cut[sizeof base];
		int slen = snprintf(suffix, sizeof suffix, " (%u)", n);

		size_t n;

		clean_name(base, XLSX_SHEET_NAME_MAX - (size_t)slen, cut);
		/* A cut in mid-sentence must not leave "Name  (2)". */
		for (n = strlen(cut); n > 0 && cut[n - 1] == ' '; n--)
			cut[n - 1] = '\0';
		snprintf(buf, sizeof buf, "%s%s", cut, suffix);
	}
	s = realloc(b->sheets, (b->nsheets + 1) * sizeof *b->sheets);
	if (s == NULL) {
		set_error(b, lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
		return NULL;
	}
	b->sheets = s;
	b->last = NULL;
	s = &b->sheets[b->nsheets];
	memset(s, 0, sizeof *s);
	if ((s->name = strdup(buf)) == NULL) {
		set_error(b, lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
		return NULL;
	}
	if ((ws = workbook_add_worksheet(b->wb, buf)) == NULL) {
		lxw_error e = workbook_validate_sheet_name(b->wb, buf);

		set_error(b, lxw_strerror(e != LXW_NO_ERROR ? e : LXW_ERROR_CREATING_TMPFILE));
		free(s->name);
		return NULL;
	}
	s->ws = ws;
	b->nsheets++;
	return ws;
}

lxw_format *
xlsx_style(struct xlsx_book *b, enum xlsx_style style)
{
	return style >= 0 && style < XLSX_STYLE_COUNT ? b->style[style] : NULL;
}

lxw_format *
xlsx_money_style(struct xlsx_book *b, int exponent)
{
	char num[64], pos[24];
	lxw_format *f;

	if (exponent < 0)
		exponent = 0;
	if (exponent > 6)
		exponent = 6;
	if (b->money[exponent] != NULL)
		return b->money[exponent];
	if ((f = workbook_add_format(b->wb)) == NULL)
		return NULL;
	snprintf(pos, sizeof pos, "#,##0%s%.*s", exponent > 0 ? "." : "",
	    exponent, "000000");
	snprintf(num, sizeof num, "%s;[Red]-%s", pos, pos);
	format_set_num_format(f, num);
	b->money[exponent] = f;
	return f;
}

/* The sheet's width record, extended to hold col; NULL when out of memory. */
static struct xlsx_sheet *
sheet_for(struct xlsx_book *b, lxw_worksheet *ws, uint16_t col)
{
	struct xlsx_sheet *s = b->last;

	if (s == NULL || s->ws != ws) {
		s = NULL;
		for (size_t i = 0; i < b->nsheets; i++)
			if (b->sheets[i].ws == ws)
				s = &b->sheets[i];
		if (s == NULL)
			return NULL;   /* a sheet not added here: not measured */
		b->last = s;
	}
	if (col >= s->ncols) {
		size_t n = (size_t)col + 16;
		uint16_t *w = realloc(s->width, n * sizeof *w);

		if (w == NULL)
			return NULL;
		memset(w + s->ncols, 0, (n - s->ncols) * sizeof *w);
		s->width = w;
		s->ncols = n;
	}
	return s;
}

static void
note_width(struct xlsx_book *b, lxw_worksheet *ws, uint16_t col, size_t width)
{
	struct xlsx_sheet *s = sheet_for(b, ws, col);

	if (s != NULL && width > s->width[col])
		s->width[col] = width > UINT16_MAX ? UINT16_MAX : (uint16_t)width;
}

void
xlsx_forget_widths(struct xlsx_book *b, lxw_worksheet *ws)
{
	for (size_t i = 0; i < b->nsheets; i++)
		if (b->sheets[i].ws == ws && b->sheets[i].width != NULL)
			memset(b->sheets[i].width, 0, b->sheets[i].ncols * sizeof *b->sheets[i].width);
}

/* East Asian wide and fullwidth characters take two columns. */
static bool
is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
	    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Display width of the widest line of text: code points, wide ones twice. */
static size_t
text_width(const char *s, size_t len)
{
	size_t widest = 0, w = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_sequence(s + i, len - i, &cp);

		/* A stray byte (text is checked UTF-8 before it gets here) counts as one. */
		if (k == 0) {
			k = 1;
			cp = (unsigned char)s[i];
		}
		i += k;
		if (cp == '\n') {
			if (w > widest)
				widest = w;
			w = 0;
			continue;
		}
		w += is_wide(cp) ? 2 : 1;
	}
	return w > widest ? w : widest;
}

/* Digits of |v| with thousands separators, and a sign. */
static size_t
grouped_width(uint64_t mag, bool negative)
{
	size_t digits = 1;

	while (mag >= 10) {
		mag /= 10;
		digits++;
	}
	return digits + (digits - 1) / 3 + (negative ? 1 : 0);
}

ar_err
xlsx_write_text(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, const char *text, size_t len, lxw_format *fmt)
{
	if (len == 0)
		return fmt != NULL ? from_lxw(b, worksheet_write_blank(ws, row, col, fmt)) : AR_OK;
	/* libxlsxwriter wants a NUL-terminated string; the caller's may not be. */
	if (len + 1 > b->text_cap) {
		size_t cap = b->text_cap ? b->text_cap : 256;
		char *t;

		while (cap < len + 1)
			cap *= 2;
		if ((t = realloc(b->text, cap)) == NULL)
			return from_lxw(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		b->text = t;
		b->text_cap = cap;
	}
	memcpy(b->text, text, len);
	b->text[len] = '\0';
	note_width(b, ws, col, text_width(text, len));
	/*
	 * Always a string cell: worksheet_write_string never reads "=1+1" as
	 * a formula (that is worksheet_write_formula), so nothing a customer
	 * typed into a reference field runs in Excel.
	 */
	return from_lxw(b, worksheet_write_string(ws, row, col, b->text, fmt));
}

/* Excel stores numbers as doubles: integers beyond 2^53 would be rounded. */
#define EXACT_MAX ((int64_t)1 << 53)

/*
 * The only place an amount becomes floating point: Excel has no other
 * number.  minor and 10^exponent are both exact doubles (|minor| <=
 * 2^53), and IEEE division rounds once, so the cell holds the double
 * nearest the true amount, which Excel shows back exactly at the
 * currency's decimals.
 */
double
xlsx_money_cell_value(int64_t minor, int exponent)
{
	static const double scale[7] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };

	return (double)minor / scale[exponent];
}

ar_err
xlsx_write_money(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, int64_t minor, int exponent)
{
	lxw_format *fmt;
	double cell_value;
	uint64_t mag;

	if (exponent < 0 || exponent > 6)
		return AR_EUSAGE;
	if (minor > EXACT_MAX || minor < -EXACT_MAX) {
		set_error(b, "amount too large for an Excel number");
		return AR_ERANGE;
	}
	if ((fmt = xlsx_money_style(b, exponent)) == NULL)
		return from_lxw(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
	cell_value = xlsx_money_cell_value(minor, exponent);
	mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	for (int i = 0; i < exponent; i++)
		mag /= 10;
	note_width(b, ws, col, grouped_width(mag, minor < 0) +
	    (exponent > 0 ? (size_t)exponent + 1 : 0));
	return from_lxw(b, worksheet_write_number(ws, row, col, cell_value, fmt));
}

/* Serial 1 is 1900-01-01 and Excel counts a 29 Feb 1900 that never was. */
#define SERIAL_1970 25569   /* 1970-01-01 */
#define SERIAL_MAX 2958465  /* 9999-12-31 */

ar_err
xlsx_write_date(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, civil_day day)
{
	int64_t serial;

	if (day == DATE_NONE)
		return AR_OK;
	serial = (int64_t)day + SERIAL_1970;
	/* Before 1900-03-01 (serial 61) Excel's count is one less than the days. */
	if (serial < 61)
		serial--;
	if (serial < 1 || serial > SERIAL_MAX) {
		set_error(b, "date outside Excel's 1900-01-01..9999-12-31");
		return AR_ERANGE;
	}
	note_width(b, ws, col, 10);
	return from_lxw(b, worksheet_write_number(ws, row, col, (double)serial,
	    b->style[XLSX_STYLE_DATE]));
}

ar_err
xlsx_write_integer(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, int64_t value)
{
	if (value > EXACT_MAX || value < -EXACT_MAX) {
		set_error(b, "number too large for an Excel number");
		return AR_ERANGE;
	}
	note_width(b, ws, col, grouped_width(value < 0 ? (uint64_t)0 - (uint64_t)value :
	    (uint64_t)value, value < 0));
	return from_lxw(b, worksheet_write_number(ws, row, col, (double)value,
	    b->style[XLSX_STYLE_INTEGER]));
}

ar_err
xlsx_write_header(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    const char *const *names, uint16_t ncols)
{
	ar_err err;

	for (uint16_t i = 0; i < ncols; i++) {
		const char *name = names[i] != NULL ? names[i] : "";
		size_t len = strlen(name);

		if ((err = xlsx_write_text(b, ws, row, i, name, len,
		    b->style[XLSX_STYLE_HEADER])) != AR_OK)
			return err;
		note_width(b, ws, i, text_width(name, len) + HEADER_PAD);
	}
	worksheet_freeze_panes(ws, row + 1, 0);
	return AR_OK;
}

ar_err
xlsx_autofilter(struct xlsx_book *b, lxw_worksheet *ws, uint32_t first,
    uint32_t last, uint16_t ncols)
{
	if (ncols == 0)
		return AR_EUSAGE;
	return from_lxw(b, worksheet_autofilter(ws, first, 0, last, ncols - 1));
}

void
xlsx_fit_columns(struct xlsx_book *b, lxw_worksheet *ws)
{
	struct xlsx_sheet *s = NULL;

	for (size_t i = 0; i < b->nsheets; i++)
		if (b->sheets[i].ws == ws)
			s = &b->sheets[i];
	if (s == NULL)
		return;
	for (size_t c = 0; c < s->ncols; c++) {
		double w = s->width[c];

		if (s->width[c] == 0)
			continue;
		/* One character of margin; Calibri digits are about one unit wide. */
		w += 1;
		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
}

static void
free_book(struct xlsx_book *b)
{
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].width);
	}
	free(b->sheets);
	free(b->text);
	free(b->tmpdir);
	free(b->tmp_path);
	free(b->path);
	free(b);
}

/* The data on disk before the rename makes it the report. */
static bool
sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

ar_err
xlsx_close(struct xlsx_book *b, struct ar_error *err)
{
	lxw_error e;

	e = workbook_close(b->wb);   /* frees the workbook whatever happens */
	b->wb = NULL;
	if (e != LXW_NO_ERROR) {
		set_error(b, lxw_strerror(e));
		goto fail;
	}
	if (b->tmp_path != NULL) {
		if (!sync_file(b->tmp_path) || rename(b->tmp_path, b->path) != 0) {
			set_error(b, strerror(errno));
			goto fail;
		}
		free(b->tmp_path);
		b->tmp_path = NULL;
	}
	free_book(b);
	return AR_OK;
fail:
	{
		int saved = errno;

		if (err != NULL)
			*err = b->error;
		xlsx_abort(b);
		errno = saved;
	}
	return AR_EIO;
}

void
xlsx_abort(struct xlsx_book *b)
{
	if (b == NULL)
		return;
	/* Free without writing: nothing half-made, not even in place. */
	if (b->wb != NULL)
		lxw_workbook_free(b->wb);
	if (b->tmp_path != NULL)
		unlink(b->tmp_path);
	free_book(b);
}

const struct ar_error *
xlsx_error(const struct xlsx_book *b)
{
	return &b->error;
}

void
xlsx_print_landscape(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);     /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
}
