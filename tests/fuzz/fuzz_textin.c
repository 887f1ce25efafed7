/*
 * fuzz_textin.c - libFuzzer target for the text reader (textin).
 *
 * Input: one option byte, then the file.  The option byte picks the
 * character set (low three bits, modulo 5: UTF-8, UTF-16LE, CP1252, Big5,
 * GBK), whether to unget before textin_rest() (bit 3), and how many lines
 * to read before it (high four bits).
 *
 * Checks, besides the sanitizers:
 * - every line is NUL-terminated UTF-8 without NUL, CR or LF, and
 *   textin_line() counts them one by one;
 * - an error has a phrase, a line not before the last one read, and stays;
 * - UTF-8: an error exactly when the input (less its BOM) is not UTF-8 or
 *   holds a NUL, and otherwise the lines are the input split at line ends;
 * - textin_rest() after some lines gives UTF-8 that, with its line ends
 *   made LF, is the lines from there on; or, when the lines end in an
 *   error after that point, the same error on the same line.
 */
#include "core/textin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *encodings[] = { "utf-8", "utf-16le", "cp1252", "big5", "gbk" };

/* Deliberately not the reader's code: decode code points one by one. */
static int
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0)
			need = 1, cp = s[i] & 0x1F, min = 0x80;
		else if ((s[i] & 0xF0) == 0xE0)
			need = 2, cp = s[i] & 0x0F, min = 0x800;
		else if ((s[i] & 0xF8) == 0xF0)
			need = 3, cp = s[i] & 0x07, min = 0x10000;
		else
			return 0;
		if (n - i - 1 < need)
			return 0;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

/* Line ends made LF, and an LF added after a last line without one. */
static size_t
normalize(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else
			s[o++] = s[i];
	}
	if (o > 0 && s[o - 1] != '\n')
		s[o++] = '\n';
	return o;
}

struct lines {
	char *text;             /* every line and an LF */
	size_t len, cap;
	size_t *off;            /* where line i starts in text */
	size_t n, ncap;
};

static void
add_line(struct lines *l, const char *s, size_t len)
{
	if (l->len + len + 1 > l->cap) {
		l->cap = (l->len + len + 1) * 2;
		if ((l->text = realloc(l->text, l->cap)) == NULL)
			abort();
	}
	if (l->n == l->ncap) {
		l->ncap = l->ncap ? l->ncap * 2 : 16;
		if ((l->off = realloc(l->off, l->ncap * sizeof *l->off)) == NULL)
			abort();
	}
	l->off[l->n++] = l->len;
	memcpy(l->text + l->len, s, len);
	l->len += len;
	l->text[l->len++] = '\n';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lines l = { 0 };
	struct textin *t;
	const char *enc, *line;
	char *in, *out = NULL, msg[256];
	size_t n, len, k, i, olen = 0, ocap = 0, got, bom = 0;
	long err_line = 0;
	bool unget;
	FILE *fp, *rp;
	ar_err e, e2 = AR_OK;

	if (size < 2)
		return 0;
	enc = encodings[(data[0] & 7) % 5];
	unget = (data[0] & 8) != 0;
	k = data[0] >> 4;
	n = size - 1;
	if ((in = malloc(n)) == NULL)
		return 0;
	memcpy(in, data + 1, n);

	/* 1. Every line. */
	if ((fp = fmemopen(in, n, "r")) == NULL)
		abort();
	if (textin_from_stream(&t, fp, "fuzz", enc) != AR_OK)
		abort();
	while ((e = textin_getline(t, &line, &len)) == AR_OK) {
		if (line[len] != '\0' || !valid_utf8((const unsigned char *)line, len) ||
		    memchr(line, '\r', len) != NULL || memchr(line, '\n', len) != NULL ||
		    textin_line(t) != (long)l.n + 1)
			abort();
		add_line(&l, line, len);
	}
	if (e == AR_EOF) {
		if (textin_error(t)[0] != '\0' || textin_line(t) != (long)l.n)
			abort();
	} else {
		if (e != AR_EUTF8 && e != AR_ENUL)
			abort();
		if (textin_error(t)[0] == '\0' || textin_line(t) != (long)l.n + 1)
			abort();
		if (textin_getline(t, &line, &len) != e)
			abort();
		snprintf(msg, sizeof msg, "%s", textin_error(t));
		err_line = textin_line(t);
	}
	if (strcmp(textin_encoding(t), "UTF-8") == 0 && n >= 3 &&
	    memcmp(in, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	if (strcmp(textin_encoding(t), "UTF-8") == 0) {
		/* UTF-8 is only checked: compare with the input itself. */
		int ok = valid_utf8((unsigned char *)in + bom, n - bom);
		char *copy = malloc(n + 1);

		if (ok != (e == AR_EOF))
			abort();
		if (ok) {
			memcpy(copy, in + bom, n - bom);
			if (normalize(copy, n - bom) != l.len ||
			    (l.len > 0 && memcmp(copy, l.text, l.len) != 0))
				abort();
		}
		free(copy);
	}
	textin_close(t);

	/* 2. Some lines, maybe one back, then the rest as a stream. */
	fseek(fp, 0, SEEK_SET);
	if (textin_from_stream(&t, fp, "fuzz", enc) != AR_OK)
		abort();
	for (i = 0; i < k; i++)
		if ((e2 = textin_getline(t, &line, &len)) != AR_OK)
			break;
	if (i == k || e2 == AR_EOF) {
		if (unget && i > 0)
			textin_unget(t);
		if ((rp = textin_rest(t)) == NULL)
			abort();
		for (;;) {
			if (olen + 4096 > ocap) {
				ocap = (olen + 4096) * 2;
				if ((out = realloc(out, ocap)) == NULL)
					abort();
			}
			got = fread(out + olen, 1, 1000, rp);
			olen += got;
			if (got < 1000)
				break;
		}
		if (!valid_utf8((unsigned char *)out, olen))
			abort();
		i = i == k && unget && i > 0 ? k - 1 : i;
		if (ferror(rp)) {
			/* The same error as line by line, on the same line. */
			if (e == AR_EOF || textin_line(t) != err_line ||
			    strcmp(textin_error(t), msg) != 0)
				abort();
		} else {
			if (e != AR_EOF)
				abort();
			olen = normalize(out, olen);
			len = i < l.n ? l.len - l.off[i] : 0;
			if (olen != len ||
			    (len > 0 && memcmp(out, l.text + l.len - len, len) != 0))
				abort();
		}
		fclose(rp);
	}
	textin_close(t);
	fclose(fp);
	free(out);
	free(l.text);
	free(l.off);
	free(in);
	return 0;
}
