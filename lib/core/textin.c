/*
 * textin.c - a text file read as UTF-8 lines, converted with iconv.
 *
 * One buffer holds UTF-8 text: for UTF-8 input the bytes as read, for
 * anything else iconv's output from a second, raw buffer.  A line is a
 * slice of that buffer, NUL-ended in place (over its line end), so the
 * UTF-8 path copies nothing: memchr finds the next LF, one pass checks
 * UTF-8 and stops at CR or NUL.  When a line runs past the data, what is
 * left moves to the front and more is read behind it.  The buffers start
 * at 1 KiB and double on each read up to 256 KiB, so a small file costs
 * little and a big one is read in big blocks; past that the text buffer
 * doubles only when one line fills it, so memory follows the longest line.
 *
 * A conversion error found while filling the buffer is kept pending: the
 * lines converted before it are still handed out, and the error comes
 * when the reader needs the text after them, so it names the right line.
 */
#define _GNU_SOURCE     /* fopencookie, memrchr */
#include "core/textin.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define TEXT_FIRST 1024          /* small files, small buffers */
#define TEXT_SIZE (256 * 1024)  /* doubled up to this on each read */
#define MIN_ROOM 64     /* iconv needs room for one character at least */

#define BAD_UTF8_HINT \
    "is not UTF-8 (is the file CP1252 or ISO-8859-1? give its encoding with --encoding or the profile's encoding key)"

/* Where scan_text() stopped. */
enum stop { S_END, S_CR, S_NUL, S_BAD, S_SHORT };

struct textin {
	FILE *fp;
	bool own_fp;
	char *name;
	char enc[64];           /* as textin_encoding() says it */
	iconv_t cd;             /* (iconv_t)-1 for UTF-8: no conversion */

	char *buf;              /* UTF-8 text; buf[end] is always writable */
	size_t cap, start, end;
	size_t scan;            /* [start, scan) is checked: UTF-8, no CR or NUL */
	bool have_lf;           /* buf[lf] is the next LF after start */
	size_t lf, lf_from;     /* else no LF in [start, lf_from) */
	bool eof;               /* no text will follow buf[end] */

	unsigned char *raw;     /* input not yet converted */
	size_t raw_cap, raw_start, raw_end;
	bool raw_eof;
	unsigned unit;          /* bytes shown when one does not convert */

	/*
	 * An error after buf[end]: the lines before it are handed out first,
	 * so it is held until reached (stop_at_pending), with its errno.
	 */
	struct ar_error pending;
	int pending_errno;

	long lineno;
	const char *last;       /* the line returned last, for unget */
	size_t last_len;
	char last_eol[2];       /* its line end: LF, CRLF, CR or none */
	size_t last_eol_len;
	bool can_unget, ungot;

	struct ar_error error;  /* sticky, once reported */
	int err_errno;

	/* textin_rest() */
	bool rest;
	char *rest_head;        /* the ungot line and its line end */
	size_t rest_head_len, rest_head_off;
	long rest_ends;         /* line ends passed on, from rest_base */
	long rest_base;
	size_t rest_col;        /* bytes passed on since the last line end */
	bool rest_cr;           /* the last byte passed on was CR */
};

/* For textin_error(NULL): why the last textin_open() gave no reader. */
static _Thread_local struct ar_error open_error;

/* "utf-8", "UTF8", "utf_8": the fast path, whatever the spelling. */
static bool
is_utf8_name(const char *s)
{
	char tmp[8];
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == '_')
			continue;
		if (n == sizeof tmp - 1)
			return false;
		tmp[n++] = (char)toupper((unsigned char)*s);
	}
	tmp[n] = '\0';
	return strcmp(tmp, "UTF8") == 0;
}

/* How many bytes make one character, to show in "does not convert". */
static unsigned
unit_of(const char *enc)
{
	static const char *dbcs[] = {
		"BIG5", "GBK", "GB2312", "GB18030", "CP936", "CP950", "CP932",
		"CP949", "EUC", "SJIS", "SHIFT", "UHC", "JOHAB"
	};
	size_t i;

	if (strncmp(enc, "UTF-16", 6) == 0 || strncmp(enc, "UTF16", 5) == 0 ||
	    strncmp(enc, "UCS-2", 5) == 0 || strncmp(enc, "UCS2", 4) == 0)
		return 2;
	if (strncmp(enc, "UTF-32", 6) == 0 || strncmp(enc, "UTF32", 5) == 0 ||
	    strncmp(enc, "UCS-4", 5) == 0 || strncmp(enc, "UCS4", 4) == 0)
		return 4;
	/* Double-byte sets: a lead byte is only half the story. */
	for (i = 0; i < sizeof dbcs / sizeof dbcs[0]; i++)
		if (strstr(enc, dbcs[i]) != NULL)
			return 0;
	return 1;
}

static bool
has_zero(uint64_t v)
{
	return ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) != 0;
}

/*
 * Check s[0..n) as UTF-8 and return the offset of the first byte that is
 * CR, NUL, not UTF-8, or starts a sequence cut off by n; *stop says which,
 * S_END when all n bytes are fine.  Plain ASCII goes eight bytes a step.
 * The rule is core/utf8.h's; the loop is its own because a sequence cut
 * off by the end of the data read so far (S_SHORT) is not yet an error.
 */
static size_t
scan_text(const unsigned char *s, size_t n, enum stop *stop)
{
	size_t i = 0, need, k;
	unsigned c, lo, hi;
	uint64_t w;

	for (;;) {
		while (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) != 0 || has_zero(w) ||
			    has_zero(w ^ 0x0D0D0D0D0D0D0D0DULL))
				break;
			i += 8;
		}
		if (i == n) {
			*stop = S_END;
			return n;
		}
		c = s[i];
		if (c < 0x80) {
			if (c == '\0' || c == '\r') {
				*stop = c == '\0' ? S_NUL : S_CR;
				return i;
			}
			i++;
			continue;
		}
		/* The second byte's range rules out overlongs, surrogates, > U+10FFFF. */
		lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			*stop = S_BAD;
			return i;
		}
		for (k = 1; k <= need; k++) {
			if (i + k == n) {
				*stop = S_SHORT;
				return i;
			}
			if (s[i + k] < lo || s[i + k] > hi) {
				*stop = S_BAD;
				return i;
			}
			lo = 0x80, hi = 0xBF;
		}
		i += need + 1;
	}
}

/*
 * Stop reading at line: the error is sticky, every later call gives it
 * again with its errno (EILSEQ for bytes at fault), and nothing is ungot.
 */
static ar_err
stop_at(struct textin *t, ar_err e, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ar_err
stop_at(struct textin *t, ar_err e, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ar_error_vset(&t->error, e, line, fmt, ap);
	va_end(ap);
	t->err_errno = e == AR_EIO || e == AR_ENOMEM ? errno : EILSEQ;
	t->can_unget = false;
	return e;
}

/* The pending error has been reached, at line. */
static ar_err
stop_at_pending(struct textin *t, long line)
{
	errno = t->pending_errno;
	return stop_at(t, t->pending.code, line, "%s", t->pending.message);
}

/* A read error after buf[end]: pending, like a conversion error. */
static void
hold_read_error(struct textin *t, int errnum)
{
	ar_error_set(&t->pending, AR_EIO, 0, "read error: %s",
	    strerror(errnum));
	t->pending_errno = errnum;
}

/* A byte (sequence) at raw[pos] iconv would not take. */
static void
hold_unconvertible(struct textin *t, size_t pos)
{
	size_t avail = t->raw_end - pos, n = t->unit, i;
	char bytes[40];
	int len = 0;

	if (n == 0)
		n = t->raw[pos] >= 0x80 ? 2 : 1;
	if (n > avail)
		n = avail;
	for (i = 0; i < n; i++)
		len += snprintf(bytes + len, sizeof bytes - (size_t)len, "%s0x%02X",
		    i > 0 ? " " : "", t->raw[pos + i]);
	ar_error_set(&t->pending, AR_EUTF8, 0, "%s %s %s from %s",
	    n == 1 ? "byte" : "bytes", bytes, n == 1 ? "does not convert" :
	    "do not convert", t->enc);
	t->pending_errno = EILSEQ;
}

/* Read more raw input behind what is left; false at the end of the file. */
static bool
read_raw(struct textin *t)
{
	unsigned char *p;
	size_t n;

	if (t->raw_start > 0) {
		memmove(t->raw, t->raw + t->raw_start, t->raw_end - t->raw_start);
		t->raw_end -= t->raw_start;
		t->raw_start = 0;
	}
	if (t->raw_cap < TEXT_SIZE && (p = realloc(t->raw, t->raw_cap * 2)) != NULL) {
		t->raw = p;
		t->raw_cap *= 2;
	}
	n = fread(t->raw + t->raw_end, 1, t->raw_cap - t->raw_end, t->fp);
	t->raw_end += n;
	if (n == 0) {
		if (ferror(t->fp))
			hold_read_error(t, errno != 0 ? errno : EIO);
		t->raw_eof = true;
	}
	return n > 0;
}

/* Convert raw input to buf[end..cap-1) until some text comes out. */
static void
convert(struct textin *t)
{
	char *in, *out;
	size_t inleft, outleft, r, before;

	for (;;) {
		if (t->raw_start == t->raw_end && !t->raw_eof)
			read_raw(t);
		if (t->pending.code != AR_OK)
			return;
		in = (char *)t->raw + t->raw_start;
		inleft = t->raw_end - t->raw_start;
		out = t->buf + t->end;
		outleft = t->cap - 1 - t->end;
		if (inleft == 0 && t->raw_eof) {
			/* Stateful sets may owe a shift sequence. */
			iconv(t->cd, NULL, NULL, &out, &outleft);
			t->end = (size_t)(out - t->buf);
			t->eof = true;
			return;
		}
		before = t->end;
		r = iconv(t->cd, &in, &inleft, &out, &outleft);
		t->raw_start = (size_t)((unsigned char *)in - t->raw);
		t->end = (size_t)(out - t->buf);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				return;
			if (errno == EILSEQ) {
				hold_unconvertible(t, t->raw_start);
				return;
			}
			if (errno != EINVAL) {
				hold_read_error(t, errno);
				return;
			}
			/* A character cut by the end of what was read. */
			if (t->raw_eof) {
				ar_error_set(&t->pending, AR_EUTF8, 0,
				    "the file ends inside a character (%s)", t->enc);
				t->pending_errno = EILSEQ;
				return;
			}
			if (t->end > before)
				return;
			read_raw(t);
			continue;
		}
		if (t->end > before)
			return;
	}
}

/*
 * More text behind buf[end]: move the unread part to the front, double the
 * buffer if one line fills it, read or convert.  AR_OK with more text or
 * t->eof set, or the pending error (the caller says which line).
 */
static ar_err
refill(struct textin *t)
{
	size_t keep = t->end - t->start, n;
	char *p;

	if (t->pending.code != AR_OK)
		return t->pending.code;
	if (t->start > 0) {
		memmove(t->buf, t->buf + t->start, keep);
		t->scan -= t->start;
		if (t->have_lf)
			t->lf -= t->start;
		t->lf_from = t->lf_from > t->start ? t->lf_from - t->start : 0;
		t->end = keep;
		t->start = 0;
		t->last = NULL;
		t->can_unget = false;
	}
	if (t->cap - 1 - t->end < MIN_ROOM || t->end * 2 > t->cap ||
	    t->cap < TEXT_SIZE) {
		if (t->cap > SIZE_MAX / 2 || (p = realloc(t->buf, t->cap * 2)) == NULL) {
			errno = ENOMEM;
			ar_error_set(&t->pending, AR_ENOMEM, 0, "out of memory");
			t->pending_errno = ENOMEM;
			return AR_ENOMEM;
		}
		t->buf = p;
		t->cap *= 2;
	}
	if (t->cd != (iconv_t)-1) {
		convert(t);
		if (t->end == keep && !t->eof && t->pending.code != AR_OK)
			return t->pending.code;
		return AR_OK;
	}
	n = fread(t->buf + t->end, 1, t->cap - 1 - t->end, t->fp);
	t->end += n;
	if (n == 0) {
		if (ferror(t->fp)) {
			hold_read_error(t, errno != 0 ? errno : EIO);
			return AR_EIO;
		}
		t->eof = true;
	}
	return AR_OK;
}

static ar_err
stop_at_bad_byte(struct textin *t, long line, size_t col, unsigned char c)
{
	return stop_at(t, AR_EUTF8, line,
	    "byte 0x%02X at column %zu " BAD_UTF8_HINT, c, col);
}

ar_err
textin_getline(struct textin *t, const char **line, size_t *len)
{
	enum stop stop;
	size_t limit, le, skip;
	char *p;

	if (t->error.code != AR_OK) {
		errno = t->err_errno;
		return t->error.code;
	}
	if (t->ungot) {
		t->ungot = false;
		t->can_unget = true;
		t->lineno++;
		*line = t->last;
		*len = t->last_len;
		return AR_OK;
	}
	for (;;) {
		if (!t->have_lf) {
			if (t->lf_from < t->start)
				t->lf_from = t->start;
			p = memchr(t->buf + t->lf_from, '\n', t->end - t->lf_from);
			if (p != NULL) {
				t->have_lf = true;
				t->lf = (size_t)(p - t->buf);
			} else
				t->lf_from = t->end;
		}
		limit = t->have_lf ? t->lf : t->end;
		stop = S_END;
		if (t->scan < limit)
			t->scan += scan_text((unsigned char *)t->buf + t->scan,
			    limit - t->scan, &stop);
		switch (stop) {
		case S_CR:
			/* Whether an LF follows decides CRLF or a lone CR. */
			if (t->scan + 1 < t->end || t->eof || t->pending.code != AR_OK) {
				le = t->scan;
				skip = t->scan + 1 < t->end && t->buf[t->scan + 1] == '\n' ? 2 : 1;
				goto found;
			}
			break;
		case S_NUL:
			return stop_at(t, AR_ENUL, t->lineno + 1,
			    "NUL byte at column %zu", t->scan - t->start + 1);
		case S_BAD:
			return stop_at_bad_byte(t, t->lineno + 1,
			    t->scan - t->start + 1, (unsigned char)t->buf[t->scan]);
		case S_SHORT:
			if (t->have_lf || t->eof)
				return stop_at_bad_byte(t, t->lineno + 1,
				    t->scan - t->start + 1,
				    (unsigned char)t->buf[t->scan]);
			break;
		case S_END:
			if (t->have_lf) {
				le = t->lf;
				skip = 1;
				goto found;
			}
			if (t->eof) {
				if (t->start == t->end) {
					t->can_unget = false;
					return AR_EOF;
				}
				le = t->end;
				skip = 0;
				goto found;
			}
			break;
		}
		/* Nothing more comes, so the line holds what stopped the reading. */
		if (t->pending.code != AR_OK)
			return stop_at_pending(t, t->lineno + 1);
		refill(t);
	}
found:
	/* kept for textin_rest(), whose reader counts lines by their ends */
	t->last_eol_len = skip;
	memcpy(t->last_eol, t->buf + le, skip);
	t->buf[le] = '\0';
	*line = t->last = t->buf + t->start;
	*len = t->last_len = le - t->start;
	t->start = t->scan = le + skip;
	if (t->have_lf && t->lf < t->start)
		t->have_lf = false;
	t->lineno++;
	t->can_unget = true;
	return AR_OK;
}

void
textin_unget(struct textin *t)
{
	if (!t->can_unget)
		return;
	t->can_unget = false;
	t->ungot = true;
	t->lineno--;
}

long
textin_line(const struct textin *t)
{
	return t->error.code != AR_OK ? t->error.line : t->lineno;
}

/* Count what is passed on, for the line and column of a later error. */
static void
rest_count(struct textin *t, const char *s, size_t n)
{
	const char *p = s, *e = s + n, *lf, *cr;
	long ends = 0;

	if (n == 0)
		return;
	if (t->rest_cr && s[0] == '\n')
		ends--;
	for (; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		ends++;
	for (p = s; (p = memchr(p, '\r', (size_t)(e - p))) != NULL; p++)
		if (p + 1 == e || p[1] != '\n')
			ends++;
	t->rest_ends += ends;
	t->rest_cr = s[n - 1] == '\r';
	lf = memrchr(s, '\n', n);
	cr = memrchr(s, '\r', n);
	if (cr != NULL && (lf == NULL || cr > lf))
		lf = cr;
	t->rest_col = lf != NULL ? (size_t)(e - lf - 1) : t->rest_col + n;
}

/*
 * The stream stops at what is next, a NUL, a bad byte or the pending
 * error: a read error, errno set, once every byte before it is passed on.
 */
static ssize_t
rest_stop(struct textin *t, enum stop stop)
{
	long line = t->rest_base + t->rest_ends + 1;

	if (stop == S_NUL)
		stop_at(t, AR_ENUL, line, "NUL byte at column %zu",
		    t->rest_col + 1);
	else if (stop == S_BAD || stop == S_SHORT)
		stop_at_bad_byte(t, line, t->rest_col + 1,
		    (unsigned char)t->buf[t->start]);
	else
		stop_at_pending(t, line);
	errno = t->err_errno;
	return -1;
}

static ssize_t
rest_read(void *cookie, char *out, size_t size)
{
	struct textin *t = cookie;
	enum stop stop = S_END;
	size_t n;

	if (t->error.code != AR_OK) {
		errno = t->err_errno;
		return -1;
	}
	if (t->rest_head != NULL) {
		n = t->rest_head_len - t->rest_head_off;
		if (n > size)
			n = size;
		memcpy(out, t->rest_head + t->rest_head_off, n);
		rest_count(t, out, n);
		t->rest_head_off += n;
		if (t->rest_head_off == t->rest_head_len) {
			free(t->rest_head);
			t->rest_head = NULL;
		}
		return (ssize_t)n;
	}
	for (;;) {
		if (t->scan == t->start) {
			/* Check ahead to the first problem; CR is fine here. */
			for (;;) {
				t->scan += scan_text((unsigned char *)t->buf + t->scan,
				    t->end - t->scan, &stop);
				if (stop != S_CR)
					break;
				t->scan++;
			}
		}
		if (t->scan > t->start) {
			n = t->scan - t->start;
			if (n > size)
				n = size;
			memcpy(out, t->buf + t->start, n);
			rest_count(t, out, n);
			t->start += n;
			return (ssize_t)n;
		}
		if (stop == S_NUL || stop == S_BAD || (stop == S_SHORT && t->eof))
			return rest_stop(t, stop);
		if (t->eof)
			return 0;
		if (refill(t) != AR_OK)
			return rest_stop(t, S_END);
	}
}

static int
rest_close(void *cookie)
{
	struct textin *t = cookie;

	t->rest = false;
	return 0;
}

FILE *
textin_rest(struct textin *t)
{
	cookie_io_functions_t io = { .read = rest_read, .close = rest_close };
	FILE *fp;

	if (t->rest) {
		errno = EBUSY;
		return NULL;
	}
	/* The next refill may move the text the ungot line lies in. */
	if (t->ungot) {
		if ((t->rest_head = malloc(t->last_len + 2)) == NULL)
			return NULL;
		memcpy(t->rest_head, t->last, t->last_len);
		/* its own line end: a CR-only file stays one to csvio */
		memcpy(t->rest_head + t->last_len, t->last_eol, t->last_eol_len);
		t->rest_head_len = t->last_len + t->last_eol_len;
		t->rest_head_off = 0;
		t->ungot = false;
	}
	t->can_unget = false;
	t->rest_base = t->lineno;
	t->rest_ends = 0;
	t->rest_col = 0;
	t->rest_cr = false;
	if ((fp = fopencookie(t, "r", io)) == NULL) {
		free(t->rest_head);
		t->rest_head = NULL;
		return NULL;
	}
	t->rest = true;
	return fp;
}

const char *
textin_error(const struct textin *t)
{
	if (t == NULL)
		return open_error.message;
	return t->error.code != AR_OK ? t->error.message : "";
}

const char *
textin_encoding(const struct textin *t)
{
	return t->enc;
}

const char *
textin_name(const struct textin *t)
{
	return t->name;
}

void
textin_close(struct textin *t)
{
	if (t == NULL)
		return;
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	if (t->own_fp)
		fclose(t->fp);
	free(t->rest_head);
	free(t->raw);
	free(t->buf);
	free(t->name);
	free(t);
}

/* The caller's name, upper-cased; false when it is too long to be one. */
static bool
copy_name(char *dst, size_t size, const char *enc)
{
	size_t i;

	for (i = 0; enc[i] != '\0'; i++) {
		if (i == size - 1)
			return false;
		dst[i] = (char)toupper((unsigned char)enc[i]);
	}
	dst[i] = '\0';
	return true;
}

/* Check the caller's encoding before anything is read: it is configuration. */
static ar_err
check_encoding(const char *encoding, char *name, size_t size)
{
	iconv_t cd;

	if (encoding == NULL || encoding[0] == '\0' || is_utf8_name(encoding)) {
		snprintf(name, size, "UTF-8");
		return AR_OK;
	}
	if (!copy_name(name, size, encoding) ||
	    (cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1) {
		ar_error_set(&open_error, AR_ECONFIG, 0,
		    "unknown encoding \"%.100s\"", encoding);
		return AR_ECONFIG;
	}
	iconv_close(cd);
	return AR_OK;
}

static ar_err
start(struct textin **out, FILE *fp, bool own_fp, const char *name,
    const char *encname)
{
	struct textin *t;
	size_t n, bom = 0;

	if ((t = calloc(1, sizeof *t)) == NULL)
		goto nomem;
	t->cd = (iconv_t)-1;
	t->fp = fp;
	t->cap = TEXT_FIRST;
	if ((t->name = strdup(name)) == NULL ||
	    (t->buf = malloc(t->cap)) == NULL)
		goto nomem;
	snprintf(t->enc, sizeof t->enc, "%s", encname);

	/* Read the first block now: its BOM decides the character set. */
	n = fread(t->buf, 1, t->cap - 1, fp);
	if (n < t->cap - 1 && ferror(fp))
		hold_read_error(t, errno != 0 ? errno : EIO);
	else if (n == 0)
		t->eof = true;
	if (n >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(t->enc, sizeof t->enc, "UTF-8");
		bom = 3;
	} else if (n >= 2 && memcmp(t->buf, "\xFF\xFE", 2) == 0) {
		snprintf(t->enc, sizeof t->enc, "UTF-16LE");
		bom = 2;
	} else if (n >= 2 && memcmp(t->buf, "\xFE\xFF", 2) == 0) {
		snprintf(t->enc, sizeof t->enc, "UTF-16BE");
		bom = 2;
	}

	if (strcmp(t->enc, "UTF-8") == 0) {
		t->start = t->scan = t->lf_from = bom;
		t->end = n;
	} else {
		errno = 0;
		if ((t->cd = iconv_open("UTF-8", t->enc)) == (iconv_t)-1) {
			if (errno == ENOMEM)
				goto nomem;
			ar_error_set(&open_error, AR_ECONFIG, 0,
			    "unknown encoding \"%s\"", t->enc);
			textin_close(t);
			*out = NULL;
			return AR_ECONFIG;
		}
		t->unit = unit_of(t->enc);
		/* What was read is raw input: that buffer becomes the raw one. */
		t->raw = (unsigned char *)t->buf;
		t->raw_cap = t->cap;
		t->raw_start = bom;
		t->raw_end = n;
		t->raw_eof = t->eof;
		t->eof = false;
		if ((t->buf = malloc(t->cap)) == NULL)
			goto nomem;
	}
	t->own_fp = own_fp;
	*out = t;
	return AR_OK;
nomem:
	textin_close(t);
	*out = NULL;
	errno = ENOMEM;
	ar_error_set(&open_error, AR_ENOMEM, 0, "out of memory");
	return AR_ENOMEM;
}

ar_err
textin_from_stream(struct textin **out, FILE *fp, const char *name,
    const char *encoding)
{
	char enc[64];
	ar_err e;

	*out = NULL;
	memset(&open_error, 0, sizeof open_error);
	if ((e = check_encoding(encoding, enc, sizeof enc)) != AR_OK)
		return e;
	return start(out, fp, false, name, enc);
}

ar_err
textin_open(struct textin **out, const char *path, const char *encoding)
{
	char enc[64];
	FILE *fp;
	ar_err e;
	int saved;

	*out = NULL;
	memset(&open_error, 0, sizeof open_error);
	if ((e = check_encoding(encoding, enc, sizeof enc)) != AR_OK)
		return e;
	if (path == NULL || strcmp(path, "-") == 0)
		return start(out, stdin, false, "<stdin>", enc);
	if ((fp = fopen(path, "rb")) == NULL) {
		saved = errno;
		ar_error_set(&open_error, AR_EOPEN, 0, "%s", strerror(saved));
		errno = saved;
		return AR_EOPEN;
	}
	if ((e = start(out, fp, true, path, enc)) != AR_OK) {
		saved = errno;
		fclose(fp);
		errno = saved;
	}
	return e;
}
