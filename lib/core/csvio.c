/*
 * csvio.c - CSV records on libcsv, and a writer that quotes only when needed.
 *
 * libcsv does all the parsing, strictly except for a quote inside an
 * unquoted field, which it takes literally; this file is the glue.  Input
 * is read in 64 KiB blocks, each checked once for NUL and UTF-8, then handed
 * to libcsv whole.  libcsv reports no line numbers, so we count them:
 * CSV_REPALL_NL makes it call back at every unquoted line end (blank lines
 * included), and line breaks inside quoted fields are counted while each
 * field is copied out of libcsv's entry buffer, which the next field reuses,
 * into one buffer of our own.  Finished records queue up, about one block's
 * worth, and csvio_read() hands out each one as a slice of the field array,
 * with no copying.
 */
#include "core/csvio.h"

#include "core/money.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

/*
 * Strict, but see take_bare_quote(); REPALL_NL: a callback at every unquoted
 * line end, for counting lines.  No CSV_APPEND_NULL: on_field NUL-ends its copy.
 */
#define PARSE_OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)

struct queued {
	size_t first, n;        /* reader->fld[first .. first + n) */
	long line;
};

struct csvio_reader {
	FILE *fp;
	bool own_fp;
	char *name;
	struct csv_parser p;
	size_t p_step;          /* libcsv grows its buffer by this much */

	unsigned char *in;      /* the block being fed */
	size_t in_len, in_pos;
	size_t stop;            /* feed no further: a bad byte, or in_len */
	ar_err stop_err;        /* what is at stop: AR_EUTF8, AR_ENUL, AR_OK */
	unsigned u8_need, u8_lo, u8_hi; /* a UTF-8 sequence cut by the block end */
	bool started, eof_seen, finished;
	unsigned char eol;      /* '\n', or '\r' in a classic Mac file */
	bool eol_given;         /* a range: eol is the whole file's, not guessed */
	unsigned long long left;        /* bytes of a range still to read */
	bool in_range;
	bool skip_names;        /* opts->columns: a first record equal to them is the file's header */
	long line;              /* 1 + line ends consumed, in fields or not */
	long rec_nl;            /* line ends in the record so far */

	char *text;             /* bytes of collected fields, each NUL-ended */
	size_t text_len, text_cap;
	struct csvio_field *fld;        /* into text */
	size_t nfld, fld_cap;
	size_t rec_first;       /* first field of the record in progress */
	struct queued *q;
	size_t nq, qhead, q_cap;

	bool no_header;         /* columns are named "1", "2", ... */
	bool short_rows;        /* records may have fewer fields than the header */
	bool have_header;
	size_t ncol;
	char *hdr_text;
	size_t hdr_text_len;
	struct csvio_field *hdr;
	const struct csvio_field **byname;      /* hdr sorted by name */

	struct ar_error error;  /* error.code AR_OK until the first error */
};

static void set_error(struct csvio_reader *, ar_err, long, const char *, ...)
    __attribute__((format(printf, 4, 5)));

/* The first error wins: it is the one nearest the start of the input. */
static void
set_error(struct csvio_reader *r, ar_err err, long line, const char *fmt, ...)
{
	va_list ap;

	if (r->error.code != AR_OK)
		return;
	va_start(ap, fmt);
	ar_error_vset(&r->error, err, line, fmt, ap);
	va_end(ap);
}

/* Make room for need elements of size elem in *bufp, doubling. */
static bool
grow(void *bufp, size_t *cap, size_t need, size_t elem)
{
	void **buf = bufp;
	size_t n = *cap ? *cap : 64;
	void *p;

	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			return false;
		n *= 2;
	}
	if ((p = realloc(*buf, n * elem)) == NULL)
		return false;
	*buf = p;
	*cap = n;
	return true;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

static inline uint64_t
load64(const void *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof w);
	return w;
}

/*
 * The offset of the first NUL or non-UTF-8 byte in s[0..n) (overlongs,
 * surrogates and code points past U+10FFFF included), or n; *bad says which.
 * Bytes that libcsv treats specially are all ASCII, so a block that is UTF-8
 * gives fields that are UTF-8.  A sequence cut by the block end is finished
 * in the next block.  ASCII goes 32 or 8 bytes at a time: a word with no
 * high bit set has a zero byte exactly when subtracting 1 from each byte
 * borrows into a high bit.
 */
static size_t
scan_block(struct csvio_reader *r, const unsigned char *s, size_t n, ar_err *bad)
{
	size_t i = 0, lead;
	unsigned c, k, lo, hi;
	uint64_t w0, w1, w2, w3;

	*bad = AR_OK;
	for (; r->u8_need > 0; r->u8_need--, i++) {
		if (i == n)
			return n;
		if (s[i] < r->u8_lo || s[i] > r->u8_hi)
			return *bad = AR_EUTF8, i;
		r->u8_lo = 0x80, r->u8_hi = 0xBF;
	}
	while (i < n) {
		if (n - i >= 32) {
			w0 = load64(s + i), w1 = load64(s + i + 8);
			w2 = load64(s + i + 16), w3 = load64(s + i + 24);
			if (((w0 | (w0 - ONES) | w1 | (w1 - ONES) |
			    w2 | (w2 - ONES) | w3 | (w3 - ONES)) & HIGH) == 0) {
				i += 32;
				continue;
			}
		}
		if (n - i >= 8) {
			w0 = load64(s + i);
			if (((w0 | (w0 - ONES)) & HIGH) == 0) {
				i += 8;
				continue;
			}
		}
		if ((c = s[i]) < 0x80) {
			if (c == 0)
				return *bad = AR_ENUL, i;
			i++;
			continue;
		}
		/* A run of multibyte characters (a name in Chinese) goes here whole. */
		do {
			lo = 0x80, hi = 0xBF;
			if (c < 0xC2 || c > 0xF4)
				return *bad = AR_EUTF8, i;
			k = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
			if (c == 0xE0)
				lo = 0xA0;      /* overlong */
			else if (c == 0xED)
				hi = 0x9F;      /* UTF-16 surrogates */
			else if (c == 0xF0)
				lo = 0x90;      /* overlong */
			else if (c == 0xF4)
				hi = 0x8F;      /* past U+10FFFF */
			for (lead = i++; k > 0; k--, i++) {
				if (i == n) {
					r->u8_need = k, r->u8_lo = lo, r->u8_hi = hi;
					return n;
				}
				if (s[i] < lo || s[i] > hi)
					return *bad = AR_EUTF8, lead;
				lo = 0x80, hi = 0xBF;
			}
		} while (i < n && (c = s[i]) >= 0x80);
	}
	return n;
}

/* Point the fields at text again after it moved: they lie end to end. */
static void
rebase(struct csvio_reader *r)
{
	char *p = r->text;
	size_t i;

	for (i = 0; i < r->nfld; p += r->fld[i++].len + 1)
		r->fld[i].ptr = p;
}

/*
 * Copy src[0..len) to dst and say whether c is among the bytes.  Fields are
 * mostly short, and a byte loop was most of the reader's own time: copy whole
 * words instead, the last one overlapping the one before so that no byte
 * outside src[0..len) is read.  A word w holds c exactly when w ^ c*ONES
 * has a zero byte, which (x - ONES) & ~x & HIGH finds.
 */
static inline bool
copy_find(char *dst, const char *src, size_t len, unsigned char c)
{
	uint64_t w, cw = ONES * c, hit = 0;
	uint32_t v, cv = (uint32_t)cw;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 < len; i += 8) {
			w = load64(src + i);
			memcpy(dst + i, &w, 8);
			w ^= cw;
			hit |= (w - ONES) & ~w & HIGH;
		}
		w = load64(src + len - 8);
		memcpy(dst + len - 8, &w, 8);
		w ^= cw;
		return (hit | ((w - ONES) & ~w & HIGH)) != 0;
	}
	if (len >= 4) {
		memcpy(&v, src, 4);
		memcpy(dst, &v, 4);
		v ^= cv;
		hit = (v - (uint32_t)ONES) & ~v & (uint32_t)HIGH;
		memcpy(&v, src + len - 4, 4);
		memcpy(dst + len - 4, &v, 4);
		v ^= cv;
		return (hit | ((v - (uint32_t)ONES) & ~v & (uint32_t)HIGH)) != 0;
	}
	for (i = 0; i < len; i++)
		hit |= (unsigned char)(dst[i] = src[i]) == c;
	return hit != 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvio_reader *r = data;
	const char *src = s;
	char *dst;
	size_t i;
	long nl = 0;

	if (r->error.code != AR_OK)
		return;
	if (r->text_len + len + 1 > r->text_cap) {
		if (!grow(&r->text, &r->text_cap, r->text_len + len + 1, 1))
			goto nomem;
		rebase(r);
	}
	if (r->nfld == r->fld_cap && !grow(&r->fld, &r->fld_cap, r->nfld + 1, sizeof *r->fld))
		goto nomem;
	dst = r->text + r->text_len;
	/* Line ends in a field (only a quoted one has any) count for line numbers. */
	if (copy_find(dst, src, len, r->eol)) {
		for (i = 0; i < len; i++)
			nl += src[i] == (char)r->eol;
		r->line += nl;
		r->rec_nl += nl;
	}
	dst[len] = '\0';
	r->fld[r->nfld].ptr = dst;
	r->fld[r->nfld].len = len;
	r->nfld++;
	r->text_len += len + 1;
	return;
nomem:
	set_error(r, AR_ENOMEM, r->line - r->rec_nl, "out of memory");
}

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* strcmp with ASCII letters folded to lower case (not strcasecmp: no locale). */
static int
fold_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	while (*x != '\0' && fold(*x) == fold(*y))
		x++, y++;
	return (int)fold(*x) - (int)fold(*y);
}

/* Names in the order of fold_cmp, then strcmp: a lookup compares the same way. */
static int
name_cmp(const char *a, const char *b)
{
	int c = fold_cmp(a, b);

	return c ? c : strcmp(a, b);
}

static int
cmp_name(const void *a, const void *b)
{
	const struct csvio_field *x = *(const struct csvio_field *const *)a;
	const struct csvio_field *y = *(const struct csvio_field *const *)b;
	int c = name_cmp(x->ptr, y->ptr);

	/* Ties in column order, so a lookup finds the leftmost. */
	return c ? c : (x > y) - (x < y);
}

/*
 * Two header names that differ only in ASCII case ("Amount", "amount"):
 * one reader would bind one, another the other, or a case-blind one
 * either; the header is refused instead.  x is left of y in the header.
 */
static void
twice_in_header(struct csvio_reader *r, long line, const struct csvio_field *x,
    const struct csvio_field *y)
{
	char name[128];
	size_t i;

	if (strcmp(x->ptr, y->ptr) == 0) {
		set_error(r, AR_EDUPCOLUMN, line,
		    "column \"%s\" appears twice in the header", x->ptr);
		return;
	}
	for (i = 0; i + 1 < sizeof name && x->ptr[i] != '\0'; i++)
		name[i] = (char)fold((unsigned char)x->ptr[i]);
	name[i] = '\0';
	set_error(r, AR_EDUPCOLUMN, line,
	    "column \"%s\" appears twice in the header (as \"%s\" and \"%s\")",
	    name, x->ptr, y->ptr);
}

/* The first record becomes the header; its fields leave the record buffer. */
static void
take_header(struct csvio_reader *r, long line)
{
	size_t i, n = r->nfld;

	r->hdr_text = malloc(r->text_len);
	r->hdr = malloc(n * sizeof *r->hdr);
	r->byname = malloc(n * sizeof *r->byname);
	if (!r->hdr_text || !r->hdr || !r->byname) {
		set_error(r, AR_ENOMEM, line, "out of memory");
		return;
	}
	memcpy(r->hdr_text, r->text, r->text_len);
	r->hdr_text_len = r->text_len;
	for (i = 0; i < n; i++) {
		r->hdr[i].ptr = r->hdr_text + (r->fld[i].ptr - r->text);
		r->hdr[i].len = r->fld[i].len;
		r->byname[i] = &r->hdr[i];
	}
	if (r->no_header) {
		/* columns named by number; the record stays, as data */
		free(r->hdr_text);
		if ((r->hdr_text = malloc(n * 24 + 1)) == NULL) {
			set_error(r, AR_ENOMEM, line, "out of memory");
			return;
		}
		r->hdr_text_len = n * 24 + 1;
		for (i = 0; i < n; i++) {
			r->hdr[i].ptr = r->hdr_text + 24 * i;
			r->hdr[i].len = (size_t)snprintf(r->hdr_text + 24 * i, 24, "%zu", i + 1);
		}
		/* sorted as names: "10" comes before "2" for csvio_column */
		qsort(r->byname, n, sizeof *r->byname, cmp_name);
		r->ncol = n;
		r->have_header = true;
		return;
	}
	/* Sorting, not comparing every pair: a fuzzer's header can be huge. */
	qsort(r->byname, n, sizeof *r->byname, cmp_name);
	for (i = 1; i < n; i++) {
		const struct csvio_field *x = r->byname[i - 1], *y = r->byname[i];

		/* Unnamed columns cannot be asked for by name, so they may repeat. */
		if (y->len > 0 && fold_cmp(x->ptr, y->ptr) == 0) {
			/* Names equal but for case sort together, the leftmost first. */
			if (strcmp(x->ptr, y->ptr) != 0 && y < x)
				twice_in_header(r, line, y, x);
			else
				twice_in_header(r, line, x, y);
			return;
		}
	}
	r->ncol = n;
	r->have_header = true;
	r->nfld = r->rec_first = r->text_len = 0;
}

/* The record in progress, n fields, is the header's names (opts->columns). */
static bool
is_names(const struct csvio_reader *r, size_t n)
{
	const struct csvio_field *f = r->fld + r->rec_first;

	if (n != r->ncol)
		return false;
	for (size_t i = 0; i < n; i++)
		if (f[i].len != r->hdr[i].len || memcmp(f[i].ptr, r->hdr[i].ptr, f[i].len) != 0)
			return false;
	return true;
}

/* Forget the record in progress. */
static void
drop_record(struct csvio_reader *r)
{
	r->text_len = (size_t)(r->fld[r->rec_first].ptr - r->text);
	r->nfld = r->rec_first;
}

/* Called at every unquoted line end, and at the end of a last line without one. */
static void
on_line_end(int c, void *data)
{
	struct csvio_reader *r = data;
	size_t n = r->nfld - r->rec_first;
	long line = r->line - r->rec_nl;        /* where the record began */

	if (r->error.code != AR_OK)
		return;
	if (n == 0)
		;       /* a blank line, or the LF of a CRLF */
	else if (!r->have_header && (take_header(r, line), !r->no_header))
		;
	else if (r->skip_names && (r->skip_names = false, is_names(r, n)))
		drop_record(r);
	else if (r->error.code != AR_OK)
		;
	else if (n != r->ncol && !(r->short_rows && n < r->ncol))
		set_error(r, AR_EFIELDS, line, "record has %zu field%s, header has %zu",
		    n, n == 1 ? "" : "s", r->ncol);
	else if (r->nq == r->q_cap && !grow(&r->q, &r->q_cap, r->nq + 1, sizeof *r->q))
		set_error(r, AR_ENOMEM, line, "out of memory");
	else {
		r->q[r->nq].first = r->rec_first;
		r->q[r->nq].n = n;
		r->q[r->nq].line = line;
		r->nq++;
		r->rec_first = r->nfld;
	}
	r->rec_nl = 0;
	if (c == r->eol)
		r->line++;      /* a stray CR in an LF file ends a record, not a line */
}

static void
fill(struct csvio_reader *r)
{
	size_t n, want;

	/* libcsv grows its entry buffer by a fixed step; double the step. */
	if (csv_get_buffer_size(&r->p) > r->p_step) {
		r->p_step = csv_get_buffer_size(&r->p);
		csv_set_blk_size(&r->p, r->p_step);
	}
	want = BLOCK_SIZE;
	if (r->in_range && r->left < want)
		want = (size_t)r->left;
	n = want > 0 ? fread(r->in, 1, want, r->fp) : 0;
	r->left -= r->in_range ? n : 0;
	r->in_len = r->stop = n;
	r->in_pos = 0;
	r->stop_err = AR_OK;
	if (n < BLOCK_SIZE) {
		r->eof_seen = true;     /* don't read again: a terminal would block */
		if (ferror(r->fp)) {
			set_error(r, AR_EIO, r->line, "read error: %s", strerror(errno));
			return;
		}
	}
	if (!r->started) {
		r->started = true;
		if (n >= 2 && ((r->in[0] == 0xFF && r->in[1] == 0xFE) ||
		    (r->in[0] == 0xFE && r->in[1] == 0xFF))) {
			set_error(r, AR_EUTF8, 1, "UTF-16 input (convert it to UTF-8 first)");
			return;
		}
		if (n >= 3 && memcmp(r->in, "\xEF\xBB\xBF", 3) == 0)
			r->in_pos = 3;
		/* Classic Mac files end lines with CR alone. */
		if (!r->eol_given && memchr(r->in, '\n', n) == NULL && memchr(r->in, '\r', n) != NULL)
			r->eol = '\r';
	}
	r->stop = r->in_pos + scan_block(r, r->in + r->in_pos, n - r->in_pos, &r->stop_err);
	if (r->eof_seen && r->u8_need > 0)
		r->stop_err = AR_EUTF8;         /* the input ends inside a sequence */
}

/*
 * CSV_STRICT stops libcsv at every quote out of place, before it.  A quote
 * inside a field that did not begin with one (37.8"N, PIPE 1/2") is an inch
 * mark or the like: take it literally, as Excel and Python's csv do, and as
 * libcsv itself does when not strict, by feeding it that one byte without
 * CSV_STRICT.  Strictness stays for the ambiguous case, text after the
 * closing quote of a quoted field ("abc"def), which is an error.
 */
static bool
take_bare_quote(struct csvio_reader *r)
{
	size_t took;

	if (csv_error(&r->p) != CSV_EPARSE || r->p.quoted || r->in[r->in_pos] != '"')
		return false;
	csv_set_opts(&r->p, PARSE_OPTS & ~CSV_STRICT);
	took = csv_parse(&r->p, r->in + r->in_pos, 1, on_field, on_line_end, r);
	csv_set_opts(&r->p, PARSE_OPTS);
	r->in_pos += took;
	return took == 1;
}

static void
parse_failed(struct csvio_reader *r)
{
	size_t fieldno = r->nfld - r->rec_first + 1, i;
	long line = r->line;

	if (csv_error(&r->p) != CSV_EPARSE) {
		set_error(r, AR_ENOMEM, line, "out of memory");
		return;
	}
	/* The error is where the field so far ends; libcsv keeps it in entry_buf. */
	for (i = 0; i < r->p.entry_pos; i++)
		line += r->p.entry_buf[i] == r->eol;
	set_error(r, AR_ESYNTAX, line, "text after the closing quote of field %zu", fieldno);
}

/*
 * Feed libcsv until a record is queued (or, with header_only, the header is
 * taken), the input ends, or an error stops us.
 */
static void
feed(struct csvio_reader *r, bool header_only)
{
	size_t n, done;

	while (r->error.code == AR_OK && !r->finished &&
	    (header_only ? !r->have_header : r->qhead == r->nq)) {
		if (r->in_pos < r->stop) {
			n = r->stop - r->in_pos;
			done = csv_parse(&r->p, r->in + r->in_pos, n, on_field, on_line_end, r);
			r->in_pos += done;
			if (done < n && !take_bare_quote(r))
				parse_failed(r);
		} else if (r->stop_err != AR_OK) {
			/* Fed up to the bad byte: it is in the field in progress. */
			set_error(r, r->stop_err, r->line - r->rec_nl, "%s in field %zu",
			    r->stop_err == AR_ENUL ? "NUL byte" : "invalid UTF-8",
			    r->nfld - r->rec_first + 1);
		} else if (!r->eof_seen) {
			fill(r);
		} else {
			r->finished = true;
			if (csv_fini(&r->p, on_field, on_line_end, r) != 0)
				set_error(r, AR_EQUOTE, r->line - r->rec_nl,
				    "quoted field never closed");
		}
	}
}

/* A reader of fp that has read nothing yet. */
static ar_err
reader_new(struct csvio_reader **out, FILE *fp, const char *name,
    const struct csvio_opts *opts)
{
	struct csvio_reader *r;
	unsigned char delim = opts ? (unsigned char)opts->delimiter : ',';

	*out = NULL;
	/* A delimiter must be one ASCII byte that means nothing else. */
	if (fp == NULL || delim == '\0' || delim == '"' || delim == '\r' ||
	    delim == '\n' || delim >= 0x80)
		return AR_EUSAGE;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return AR_ENOMEM;
	csv_init(&r->p, PARSE_OPTS);
	r->in = malloc(BLOCK_SIZE);
	r->name = strdup(name ? name : "<stream>");
	if (r->in == NULL || r->name == NULL) {
		csvio_reader_close(r);
		return AR_ENOMEM;
	}
	/*
	 * Blanks (space, tab) around unquoted fields and quotes are trimmed,
	 * libcsv's default: keeping them takes an is_space callback that libcsv
	 * calls for every byte of every unquoted field, about 30% slower, and
	 * would refuse the common `1, "x"`.  A tab delimiter is safe: libcsv
	 * tests the delimiter before the blanks in every state.
	 */
	csv_set_delim(&r->p, delim);
	r->p_step = 4096;
	csv_set_blk_size(&r->p, r->p_step);
	r->fp = fp;
	r->no_header = opts != NULL && opts->no_header;
	r->short_rows = opts != NULL && opts->short_rows;
	r->eol = '\n';
	r->line = 1;
	*out = r;
	return AR_OK;
}

/*
 * opts->columns: the header from the names given, parsed as a header line
 * is, before the input's first byte; the input's lines count from 1.
 */
static void
take_columns(struct csvio_reader *r, const char *columns)
{
	size_t n = strlen(columns);

	r->no_header = false;
	if (csv_parse(&r->p, columns, n, on_field, on_line_end, r) != n ||
	    csv_parse(&r->p, "\n", 1, on_field, on_line_end, r) != 1 ||
	    (r->error.code == AR_OK && (!r->have_header || r->nq > 0 || r->nfld > 0)))
		set_error(r, AR_EUSAGE, 0, "the column names given (%s) are not one header line",
		    columns);
	r->line = 1;
	r->rec_nl = 0;
	r->skip_names = true;
}

/* The header: read, or named by opts->columns. */
static ar_err
read_header(struct csvio_reader *r, const struct csvio_opts *opts)
{
	if (opts != NULL && opts->columns != NULL) {
		take_columns(r, opts->columns);
		if (r->error.code != AR_OK)
			return r->error.code;
	} else {
		feed(r, true);
	}
	if (r->have_header)
		return AR_OK;   /* an error in a later record waits for csvio_read */
	if (r->error.code == AR_OK)
		set_error(r, AR_ENOHEADER, 0, "empty input, expected a header row");
	return r->error.code;
}

ar_err
csvio_reader_from_stream(struct csvio_reader **out, FILE *fp, const char *name,
    const struct csvio_opts *opts)
{
	ar_err err = reader_new(out, fp, name, opts);

	return err != AR_OK ? err : read_header(*out, opts);
}

/* A range's header is the one its file began with, as another reader read it. */
static ar_err
copy_header(struct csvio_reader *r, const struct csvio_reader *from)
{
	size_t n = from->ncol;

	r->hdr_text = malloc(from->hdr_text_len + 1);
	r->hdr = malloc((n + 1) * sizeof *r->hdr);
	r->byname = malloc((n + 1) * sizeof *r->byname);
	if (r->hdr_text == NULL || r->hdr == NULL || r->byname == NULL)
		return AR_ENOMEM;
	memcpy(r->hdr_text, from->hdr_text, from->hdr_text_len);
	r->hdr_text_len = from->hdr_text_len;
	for (size_t i = 0; i < n; i++) {
		r->hdr[i].ptr = r->hdr_text + (from->hdr[i].ptr - from->hdr_text);
		r->hdr[i].len = from->hdr[i].len;
		r->byname[i] = r->hdr + (from->byname[i] - from->hdr);
	}
	r->ncol = n;
	r->no_header = from->no_header;
	r->have_header = true;
	return AR_OK;
}

ar_err
csvio_reader_open_range(struct csvio_reader **out, const char *path,
    const struct csvio_opts *opts, const struct csvio_range *range)
{
	struct csvio_reader *r;
	FILE *fp;
	ar_err err;

	*out = NULL;
	if (range->begin > range->end || range->line < 1)
		return AR_EUSAGE;
	if ((fp = fopen(path, "rb")) == NULL)
		return AR_EOPEN;
	if (fseeko(fp, (off_t)range->begin, SEEK_SET) != 0) {
		fclose(fp);
		return AR_EOPEN;
	}
	if ((err = reader_new(out, fp, path, opts)) != AR_OK) {
		fclose(fp);
		return err;
	}
	r = *out;
	r->own_fp = true;
	r->in_range = true;
	r->left = range->end - range->begin;
	r->eol = range->eol;
	r->eol_given = true;
	r->line = range->line;
	if (range->header == NULL)
		return read_header(r, opts);
	/* Past the file's start: no BOM, no UTF-16 mark, no header of its own. */
	r->started = true;
	if ((err = copy_header(r, range->header)) != AR_OK)
		set_error(r, err, range->line, "out of memory");
	return err;
}

ar_err
csvio_reader_open(struct csvio_reader **out, const char *path,
    const struct csvio_opts *opts)
{
	FILE *fp;
	ar_err err;

	*out = NULL;
	if (path == NULL || strcmp(path, "-") == 0)
		return csvio_reader_from_stream(out, stdin, "<stdin>", opts);
	if ((fp = fopen(path, "rb")) == NULL)
		return AR_EOPEN;
	err = csvio_reader_from_stream(out, fp, path, opts);
	if (*out != NULL)
		(*out)->own_fp = true;
	else
		fclose(fp);
	return err;
}

/* Drop the records already handed out, keeping a record in progress. */
static void
recycle(struct csvio_reader *r)
{
	size_t keep = r->nfld - r->rec_first, off;

	r->nq = r->qhead = 0;
	if (keep == 0) {
		r->nfld = r->rec_first = r->text_len = 0;
		return;
	}
	off = (size_t)(r->fld[r->rec_first].ptr - r->text);
	memmove(r->text, r->text + off, r->text_len -= off);
	memmove(r->fld, r->fld + r->rec_first, keep * sizeof *r->fld);
	r->nfld = keep;
	r->rec_first = 0;
	rebase(r);
}

ar_err
csvio_read(struct csvio_reader *r, struct csvio_record *rec)
{
	const struct queued *q;

	if (!r->have_header)
		return r->error.code != AR_OK ? r->error.code : AR_ENOHEADER;
	if (r->qhead == r->nq) {
		recycle(r);
		feed(r, false);
		if (r->qhead == r->nq)
			return r->error.code != AR_OK ? r->error.code : AR_EOF;
	}
	q = &r->q[r->qhead++];
	rec->line = q->line;
	rec->nfields = q->n;
	rec->field = r->fld + q->first;
	return AR_OK;
}

size_t
csvio_read_batch(struct csvio_reader *r, struct csvio_record *recs, size_t max, ar_err *err)
{
	size_t n = 0;

	*err = csvio_read(r, &recs[0]);
	if (*err != AR_OK)
		return 0;
	/* The rest of the queue: those records live until the queue is refilled. */
	for (n = 1; n < max && r->qhead < r->nq; n++) {
		const struct queued *q = &r->q[r->qhead++];

		recs[n].line = q->line;
		recs[n].nfields = q->n;
		recs[n].field = r->fld + q->first;
	}
	return n;
}

size_t
csvio_ncolumns(const struct csvio_reader *r)
{
	return r->ncol;
}

const char *
csvio_column_name(const struct csvio_reader *r, size_t i)
{
	return i < r->ncol ? r->hdr[i].ptr : NULL;
}

int
csvio_column(const struct csvio_reader *r, const char *name)
{
	size_t lo = 0, hi = r->ncol, mid;

	if (name == NULL || *name == '\0')
		return -1;
	while (lo < hi) {       /* the leftmost name not below the one asked for */
		mid = lo + (hi - lo) / 2;
		if (name_cmp(r->byname[mid]->ptr, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == r->ncol || strcmp(r->byname[lo]->ptr, name) != 0)
		return -1;
	return (int)(r->byname[lo] - r->hdr);
}

const char *
csvio_name(const struct csvio_reader *r)
{
	return r->name;
}

const struct ar_error *
csvio_error(const struct csvio_reader *r)
{
	return &r->error;
}

void
csvio_reader_close(struct csvio_reader *r)
{
	if (r == NULL)
		return;
	if (r->own_fp)
		fclose(r->fp);
	csv_free(&r->p);
	free(r->in);
	free(r->name);
	free(r->text);
	free(r->fld);
	free(r->q);
	free(r->hdr_text);
	free(r->hdr);
	free(r->byname);
	free(r);
}

void
csvio_writer_init(struct csvio_writer *w, FILE *fp, char delimiter, bool crlf)
{
	w->fp = fp;
	w->delimiter = delimiter;
	w->crlf = crlf;
	w->at_start = true;
}

static bool
needs_quotes(const unsigned char *s, size_t len, unsigned char delim)
{
	size_t i;

	if (len == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
		return true;
	/* U+FEFF at the start of a file is taken for a BOM and stripped. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return true;
	for (i = 0; i < len; i++) {
		/* '"', CR and LF all sort at or below '"': one test for most bytes. */
		if ((s[i] <= '"' && (s[i] == '"' || s[i] == '\r' || s[i] == '\n')) ||
		    s[i] == delim)
			return true;
	}
	return false;
}

void
csvio_write_field(struct csvio_writer *w, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	FILE *fp = w->fp;
	size_t i;

	if (!w->at_start)
		putc_unlocked(w->delimiter, fp);
	else if (len == 0) {
		/*
		 * An empty first field is written "": if it is the only one,
		 * the line would otherwise be blank, and readers skip blank lines.
		 */
		putc_unlocked('"', fp);
		putc_unlocked('"', fp);
	}
	w->at_start = false;
	if (!needs_quotes(u, len, (unsigned char)w->delimiter)) {
		/* most fields are short: fwrite's locking costs more than the bytes */
		if (len > 32)
			fwrite(s, 1, len, fp);
		else
			for (i = 0; i < len; i++)
				putc_unlocked(u[i], fp);
		return;
	}
	putc_unlocked('"', fp);
	for (i = 0; i < len; i++) {
		if (u[i] == '"')
			putc_unlocked('"', fp);
		putc_unlocked(u[i], fp);
	}
	putc_unlocked('"', fp);
}

void
csvio_write_str(struct csvio_writer *w, const char *s)
{
	csvio_write_field(w, s, strlen(s));
}

void
csvio_end_record(struct csvio_writer *w)
{
	if (w->crlf)
		putc_unlocked('\r', w->fp);
	putc_unlocked('\n', w->fp);
	w->at_start = true;
}

void
csvio_write_names(struct csvio_writer *w, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvio_write_str(w, names[i]);
	csvio_end_record(w);
}

void
csvio_write_day(struct csvio_writer *w, civil_day d)
{
	char buf[DATE_TEXT_MAX];

	if (d == DATE_NONE)
		csvio_write_field(w, "", 0);
	else
		csvio_write_field(w, buf, date_format(d, buf));
}

void
csvio_write_money(struct csvio_writer *w, int64_t minor, int exponent)
{
	char buf[MONEY_TEXT_MAX];

	csvio_write_field(w, buf, money_format(minor, exponent, buf));
}
