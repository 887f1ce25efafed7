/*
 * test_textin.c - text files in every character set, read as UTF-8 lines.
 *
 * Inputs are byte strings written to a temporary file; most cases compare
 * a dump of everything the reader said:
 *
 *   a|b|c                          the lines, joined by '|'
 *   a|EUTF8@2 byte 0x81 ...        or the lines, then the error, its line
 *                                  and textin_error()
 *
 * Expected text is spelt as UTF-8 bytes, so a mistake in conversion shows.
 */
#include "core/textin.h"
#include "test.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * textin reads 1023 bytes first, then doubles its buffer on each read up to
 * 256 KiB: a first line that long ends its reads at 2^k - 1 bytes.
 */
#define BLOCK 1023

static const char *
err_name(ar_err e)
{
	switch (e) {
	case AR_OK: return "OK";
	case AR_EOF: return "EOF";
	case AR_EUTF8: return "EUTF8";
	case AR_ENUL: return "ENUL";
	case AR_EIO: return "EIO";
	case AR_ECONFIG: return "ECONFIG";
	case AR_EOPEN: return "EOPEN";
	case AR_ENOMEM: return "ENOMEM";
	default: return "?";
	}
}

static FILE *
file_of(const char *s, size_t n)
{
	FILE *fp = tmpfile();

	if (fp == NULL || fwrite(s, 1, n, fp) != n || fseek(fp, 0, SEEK_SET) != 0) {
		perror("tmpfile");
		exit(2);
	}
	return fp;
}

/* Everything the reader gives for s[0..n) in enc, as described above. */
static char *
dump_n(const char *s, size_t n, const char *enc)
{
	static char out[4096];
	struct textin *t;
	const char *line;
	size_t len, o = 0;
	FILE *fp = file_of(s, n);
	ar_err e;

	out[0] = '\0';
	if ((e = textin_from_stream(&t, fp, "test", enc)) != AR_OK) {
		snprintf(out, sizeof out, "%s %s", err_name(e), textin_error(NULL));
		fclose(fp);
		return out;
	}
	while ((e = textin_getline(t, &line, &len)) == AR_OK) {
		if (strlen(line) != len)
			o += (size_t)snprintf(out + o, sizeof out - o, "(len %zu)", len);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s|", line);
		if (o >= sizeof out)
			break;
	}
	if (e == AR_EOF)
		snprintf(out + o, sizeof out - o, "EOF@%ld", textin_line(t));
	else
		snprintf(out + o, sizeof out - o, "%s@%ld %s", err_name(e),
		    textin_line(t), textin_error(t));
	/* An error stays. */
	if (e != AR_EOF && textin_getline(t, &line, &len) != e)
		snprintf(out, sizeof out, "error did not stay");
	textin_close(t);
	fclose(fp);
	return out;
}

static char *
dump(const char *s, const char *enc)
{
	return dump_n(s, strlen(s), enc);
}

/* The whole textin_rest() stream, after reading `skip` lines and ungetting the last if asked. */
static char *
rest_n(const char *s, size_t n, const char *enc, int skip, int unget, size_t *outlen,
    struct textin **tp, FILE **fpp)
{
	struct textin *t;
	const char *line;
	size_t len, cap = 1024, o = 0, k;
	char *out = malloc(cap);
	FILE *fp = file_of(s, n), *rp;
	int i;

	if (textin_from_stream(&t, fp, "test", enc) != AR_OK)
		abort();
	for (i = 0; i < skip; i++)
		if (textin_getline(t, &line, &len) != AR_OK)
			abort();
	if (unget)
		textin_unget(t);
	if ((rp = textin_rest(t)) == NULL)
		abort();
	for (;;) {
		if (o + 700 > cap)
			out = realloc(out, cap *= 2);
		/* Odd sizes, so multi-byte characters fall across reads. */
		k = fread(out + o, 1, 333, rp);
		o += k;
		if (k < 333)
			break;
	}
	out[o] = '\0';
	if (ferror(rp))
		o = (size_t)-1;
	fclose(rp);
	*outlen = o;
	*tp = t;
	*fpp = fp;
	return out;
}

static void
utf8_lines(void)
{
	EXPECT_EQ_STR(dump("customer,amount\nC1,10.00\n", NULL),
	    "customer,amount|C1,10.00|EOF@2");
	EXPECT_EQ_STR(dump("a\n\nb\n", ""), "a||b|EOF@3");
	EXPECT_EQ_STR(dump("\xE5\xAE\xA2\xE6\x88\xB6\n", "utf-8"),
	    "\xE5\xAE\xA2\xE6\x88\xB6|EOF@1");
}

static void
utf8_bom_dropped(void)
{
	EXPECT_EQ_STR(dump("\xEF\xBB\xBF" "a,b\nc\n", NULL), "a,b|c|EOF@2");
	/* Only the first BOM is one; a second is a character of the line. */
	EXPECT_EQ_STR(dump("\xEF\xBB\xBF\xEF\xBB\xBFx", NULL), "\xEF\xBB\xBFx|EOF@1");
	/* A BOM decides over the configured set. */
	EXPECT_EQ_STR(dump("\xEF\xBB\xBF\xC3\xA9", "CP1252"), "\xC3\xA9|EOF@1");
}

static void
utf8_names(void)
{
	static const char *names[] = { NULL, "", "utf-8", "UTF8", "utf8", "Utf_8" };
	struct textin *t;
	size_t i;
	FILE *fp = file_of("x", 1);

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		rewind(fp);
		EXPECT_EQ_INT(textin_from_stream(&t, fp, "n", names[i]), AR_OK);
		EXPECT_EQ_STR(textin_encoding(t), "UTF-8");
		EXPECT_EQ_STR(textin_name(t), "n");
		textin_close(t);
	}
	rewind(fp);
	EXPECT_EQ_INT(textin_from_stream(&t, fp, "n", "big5"), AR_OK);
	EXPECT_EQ_STR(textin_encoding(t), "BIG5");
	textin_close(t);
	fclose(fp);
}

static void
utf16le_bom_chinese(void)
{
	/* FF FE, then "客戶,金額\r\n台北,100\r\n" in UTF-16LE. */
	static const char in[] =
	    "\xFF\xFE" "\xA2\x5B\x36\x62" ",\0" "\xD1\x91\x4D\x98" "\r\0\n\0"
	    "\xF0\x53\x17\x53" ",\0" "1\0" "0\0" "0\0" "\r\0\n\0";
	struct textin *t;
	FILE *fp = file_of(in, sizeof in - 1);

	EXPECT_EQ_STR(dump_n(in, sizeof in - 1, NULL),
	    "\xE5\xAE\xA2\xE6\x88\xB6,\xE9\x87\x91\xE9\xA1\x8D|"
	    "\xE5\x8F\xB0\xE5\x8C\x97,100|EOF@2");
	/* The BOM decides even when the profile says otherwise. */
	EXPECT_EQ_STR(dump_n(in, sizeof in - 1, "GBK"),
	    "\xE5\xAE\xA2\xE6\x88\xB6,\xE9\x87\x91\xE9\xA1\x8D|"
	    "\xE5\x8F\xB0\xE5\x8C\x97,100|EOF@2");
	EXPECT_EQ_INT(textin_from_stream(&t, fp, "u16", "cp1252"), AR_OK);
	EXPECT_EQ_STR(textin_encoding(t), "UTF-16LE");
	textin_close(t);
	fclose(fp);
}

static void
utf16be_bom(void)
{
	static const char in[] = "\xFE\xFF" "\x5B\xA2\x62\x36" "\0\n" "\0x";

	EXPECT_EQ_STR(dump_n(in, sizeof in - 1, NULL),
	    "\xE5\xAE\xA2\xE6\x88\xB6|x|EOF@2");
}

static void
utf16le_without_bom_by_name(void)
{
	static const char in[] = "a\0\r\0b\0";

	EXPECT_EQ_STR(dump_n(in, sizeof in - 1, "utf-16le"), "a|b|EOF@2");
}

static void
cp1252(void)
{
	EXPECT_EQ_STR(dump("caf\xE9\n\x80 5\n", "cp1252"),
	    "caf\xC3\xA9|\xE2\x82\xAC 5|EOF@2");
}

static void
cp1252_undefined_byte(void)
{
	EXPECT_EQ_STR(dump("caf\xE9\n\x80\nab\x81\nd\n", "CP1252"),
	    "caf\xC3\xA9|\xE2\x82\xAC|EUTF8@3 byte 0x81 does not convert from CP1252");
	/* At the very start, and right after a CR that ends line 1. */
	EXPECT_EQ_STR(dump("\x81", "CP1252"),
	    "EUTF8@1 byte 0x81 does not convert from CP1252");
	EXPECT_EQ_STR(dump("a\r\x81", "CP1252"),
	    "a|EUTF8@2 byte 0x81 does not convert from CP1252");
}

static void
iso_8859_1(void)
{
	EXPECT_EQ_STR(dump("\xE9\xFF\n\x81", "iso-8859-1"), "\xC3\xA9\xC3\xBF|\xC2\x81|EOF@2");
}

static void
big5_and_gbk(void)
{
	EXPECT_EQ_STR(dump("\xA5\x78\xA5\x5F,1\r\n", "big5"),
	    "\xE5\x8F\xB0\xE5\x8C\x97,1|EOF@1");
	EXPECT_EQ_STR(dump("\xB1\xB1\xBE\xA9\n", "gbk"), "\xE5\x8C\x97\xE4\xBA\xAC|EOF@1");
	/* A trail byte that cannot follow: both bytes are shown. */
	EXPECT_EQ_STR(dump("ok\n\xA5\x0A", "BIG5"),
	    "ok|EUTF8@2 bytes 0xA5 0x0A do not convert from BIG5");
	EXPECT_EQ_STR(dump("ok\n\xB1", "GBK"),
	    "ok|EUTF8@2 the file ends inside a character (GBK)");
}

static void
line_ends(void)
{
	EXPECT_EQ_STR(dump("a\r\nb\rc\nd\r\r\ne", NULL), "a|b|c|d||e|EOF@6");
	EXPECT_EQ_STR(dump("a\rb\r", NULL), "a|b|EOF@2");
	EXPECT_EQ_STR(dump("\r\n\r\n", NULL), "||EOF@2");
	EXPECT_EQ_STR(dump("\r\r", NULL), "||EOF@2");
	EXPECT_EQ_STR(dump("\n", NULL), "|EOF@1");
	EXPECT_EQ_STR(dump("a\r\nb\rc\nd\r\r\ne", "cp1252"), "a|b|c|d||e|EOF@6");
}

static void
last_line_without_end(void)
{
	EXPECT_EQ_STR(dump("a\nb", NULL), "a|b|EOF@2");
	EXPECT_EQ_STR(dump("a\nb", "gbk"), "a|b|EOF@2");
}

static void
empty_file(void)
{
	EXPECT_EQ_STR(dump_n("", 0, NULL), "EOF@0");
	EXPECT_EQ_STR(dump_n("", 0, "CP1252"), "EOF@0");
	EXPECT_EQ_STR(dump_n("\xEF\xBB\xBF", 3, NULL), "EOF@0");
	EXPECT_EQ_STR(dump_n("\xFF\xFE", 2, NULL), "EOF@0");
}

/* A line of n 'x's, a line end at the seam of the first block, then "next". */
static void
check_seam(size_t at, const char *eol, const char *enc)
{
	size_t el = strlen(eol), n = at + el + 5, i;
	char *s = malloc(n + 1);
	const char *line;
	size_t len;
	struct textin *t;
	FILE *fp;
	int ok = 1;

	memset(s, 'x', at);
	memcpy(s + at, eol, el);
	memcpy(s + at + el, "next\n", 5);
	fp = file_of(s, n);
	if (textin_from_stream(&t, fp, "seam", enc) != AR_OK)
		abort();
	if (textin_getline(t, &line, &len) != AR_OK || len != at)
		ok = 0;
	for (i = 0; ok && i < len; i++)
		ok = line[i] == 'x';
	if (textin_getline(t, &line, &len) != AR_OK || strcmp(line, "next") != 0 ||
	    textin_line(t) != 2 || textin_getline(t, &line, &len) != AR_EOF)
		ok = 0;
	if (!ok)
		printf("#   seam at %zu, %s, %s\n", at, eol[0] == '\r' ? (el == 2 ?
		    "CRLF" : "CR") : "LF", enc ? enc : "UTF-8");
	EXPECT(ok);
	textin_close(t);
	fclose(fp);
	free(s);
}

static void
crlf_split_across_blocks(void)
{
	size_t at, seam;

	for (seam = BLOCK; seam < 600000; seam = seam * 2 + 1) {
		for (at = seam - 2; at <= seam + 1; at++) {
			check_seam(at, "\r\n", NULL);
			check_seam(at, "\r", NULL);
			check_seam(at, "\n", NULL);
			check_seam(at, "\r\n", "CP1252");
			check_seam(at, "\r", "CP1252");
		}
	}
}

static void
crlf_split_in_utf16(void)
{
	/* UTF-16LE with a CRLF at every byte offset near the first block's end. */
	size_t at, n, i;
	int ok = 1;

	for (at = BLOCK / 2 - 4; at <= BLOCK * 2 + 2 && ok; at++) {
		const char *line;
		size_t len;
		struct textin *t;
		FILE *fp;
		char *s;

		n = 2 + 2 * (at + 2 + 1);
		s = calloc(1, n);
		s[0] = '\xFF', s[1] = '\xFE';
		for (i = 0; i < at; i++)
			s[2 + 2 * i] = 'y';
		s[2 + 2 * at] = '\r';
		s[2 + 2 * at + 2] = '\n';
		s[2 + 2 * at + 4] = 'z';
		fp = file_of(s, n);
		if (textin_from_stream(&t, fp, "u16", NULL) != AR_OK)
			abort();
		ok = textin_getline(t, &line, &len) == AR_OK && len == at &&
		    textin_getline(t, &line, &len) == AR_OK && strcmp(line, "z") == 0 &&
		    textin_line(t) == 2 && textin_getline(t, &line, &len) == AR_EOF;
		textin_close(t);
		fclose(fp);
		free(s);
	}
	EXPECT(ok);
}

static void
long_line(void)
{
	size_t n = 3 * 1024 * 1024 / 2, i;
	char *s = malloc(n + 16);
	const char *line;
	size_t len;
	struct textin *t;
	FILE *fp;

	for (i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	/* Characters across seams of the reads. */
	memcpy(s + 1022, "\xE5\xAE\xA2", 3);
	memcpy(s + 262142, "\xE5\xAE\xA2", 3);
	memcpy(s + n, "\r\nshort", 7);
	fp = file_of(s, n + 7);
	EXPECT_EQ_INT(textin_from_stream(&t, fp, "long", NULL), AR_OK);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_INT(len, n);
	EXPECT(memcmp(line, s, n) == 0 && line[n] == '\0');
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "short");
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_EOF);
	textin_close(t);
	fclose(fp);

	/* The same in CP1252: é (E9) becomes two bytes, so the line grows. */
	for (i = 0; i < n; i += 1000)
		s[i] = '\xE9';
	fp = file_of(s, n + 7);
	EXPECT_EQ_INT(textin_from_stream(&t, fp, "long", "CP1252"), AR_OK);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_INT(len, n + (n + 999) / 1000 + 6);
	EXPECT(memcmp(line, "\xC3\xA9", 2) == 0);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "short");
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_EOF);
	textin_close(t);
	fclose(fp);
	free(s);
}

/* 200000 numbered lines, ending in CRLF, CR and LF by turns, read in enc. */
static void
count_many_lines(const char *enc, int wide)
{
	size_t n = 200000, i, m;
	char *s = malloc(n * 8), *p = s, *w;
	const char *line;
	size_t len;
	struct textin *t;
	FILE *fp;
	long k = 0;
	int ok = 1;

	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu%s", i, i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\r" : "\n");
	m = (size_t)(p - s);
	if (wide) {
		/* UTF-16LE with its BOM. */
		w = calloc(1, 2 * m + 2);
		w[0] = '\xFF', w[1] = '\xFE';
		for (i = 0; i < m; i++)
			w[2 + 2 * i] = s[i];
		fp = file_of(w, 2 * m + 2);
		free(w);
	} else
		fp = file_of(s, m);
	EXPECT_EQ_INT(textin_from_stream(&t, fp, "many", enc), AR_OK);
	while (textin_getline(t, &line, &len) == AR_OK) {
		if ((size_t)atol(line) != (size_t)k || textin_line(t) != k + 1)
			ok = 0;
		k++;
	}
	EXPECT(ok);
	EXPECT_EQ_INT(k, n);
	textin_close(t);
	fclose(fp);
	free(s);
}

static void
many_lines_count(void)
{
	count_many_lines(NULL, 0);
	count_many_lines("CP1252", 0);
	count_many_lines(NULL, 1);
}

static void
invalid_utf8_column(void)
{
	EXPECT_EQ_STR(dump("ok\nabcdef\xE9gh\n", NULL),
	    "ok|EUTF8@2 byte 0xE9 at column 7 is not UTF-8 (is the file CP1252 "
	    "or ISO-8859-1? give its encoding with --encoding or the profile's encoding key)");
	/* Overlong, surrogate, past U+10FFFF, stray continuation, bad lead. */
	EXPECT(strncmp(dump("x\xC0\x80", NULL), "EUTF8@1 byte 0xC0 at column 2 ", 30) == 0);
	EXPECT(strncmp(dump("\xE0\x80\x80", NULL), "EUTF8@1 byte 0xE0 at column 1 ", 30) == 0);
	EXPECT(strncmp(dump("\xED\xA0\x80", NULL), "EUTF8@1 byte 0xED at column 1 ", 30) == 0);
	EXPECT(strncmp(dump("\xF4\x90\x80\x80", NULL), "EUTF8@1 byte 0xF4 at column 1 ", 30) == 0);
	EXPECT(strncmp(dump("\xF0\x80\x80\x80", NULL), "EUTF8@1 byte 0xF0 at column 1 ", 30) == 0);
	EXPECT(strncmp(dump("ab\x80", NULL), "EUTF8@1 byte 0x80 at column 3 ", 30) == 0);
	EXPECT(strncmp(dump("\xF8\x88\x80\x80\x80", NULL), "EUTF8@1 byte 0xF8 at column 1 ", 30) == 0);
	/* Cut by a line end or by the end of the file. */
	EXPECT(strncmp(dump("ab\xE5\xAE\nx", NULL), "EUTF8@1 byte 0xE5 at column 3 ", 30) == 0);
	EXPECT(strncmp(dump("a\nab\xE5\xAE", NULL), "a|EUTF8@2 byte 0xE5 at column 3 ", 32) == 0);
	/* The largest and every length are fine. */
	EXPECT_EQ_STR(dump("\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
	    "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", NULL),
	    "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
	    "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF|EOF@1");
}

static void
nul_byte(void)
{
	EXPECT_EQ_STR(dump_n("a\nb\0c\n", 6, NULL), "a|ENUL@2 NUL byte at column 2");
	EXPECT_EQ_STR(dump_n("0123456789abcdef\0", 17, NULL), "ENUL@1 NUL byte at column 17");
	/* U+0000 in UTF-16 converts fine, to a NUL. */
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "a\0\n\0b\0\0\0", 10, NULL),
	    "a|ENUL@2 NUL byte at column 2");
}

static void
truncated_utf16(void)
{
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "a\0\n\0b", 7, NULL),
	    "a|EUTF8@2 the file ends inside a character (UTF-16LE)");
	/* A high surrogate and no low one after it. */
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "a\0\n\0\0\xD8" "b\0", 10, NULL),
	    "a|EUTF8@2 bytes 0x00 0xD8 do not convert from UTF-16LE");
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "a\0\n\0\0\xD8", 8, NULL),
	    "a|EUTF8@2 the file ends inside a character (UTF-16LE)");
	/* Found by fuzz_textin: a CR last before a cut character ends its line. */
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "a\0\r\0\0\xD8", 8, NULL),
	    "a|EUTF8@2 the file ends inside a character (UTF-16LE)");
	EXPECT_EQ_STR(dump_n("M*\r\0\n\0\xF0\x53\x17\x53,\0" "1\0\r\0\n\xDA", 18, "UTF-16LE"),
	    "\xE2\xA9\x8D|\xE5\x8F\xB0\xE5\x8C\x97,1|"
	    "EUTF8@3 the file ends inside a character (UTF-16LE)");
	/* A pair is one character: U+1F600. */
	EXPECT_EQ_STR(dump_n("\xFF\xFE" "\x3D\xD8\x00\xDE", 6, NULL),
	    "\xF0\x9F\x98\x80|EOF@1");
}

static void
unknown_encoding(void)
{
	struct textin *t = (struct textin *)1;
	FILE *fp = file_of("a", 1);
	char path[] = "/tmp/test_textin.XXXXXX";
	int fd = mkstemp(path);

	EXPECT_EQ_INT(textin_from_stream(&t, fp, "x", "foo"), AR_ECONFIG);
	EXPECT(t == NULL);
	EXPECT_EQ_STR(textin_error(NULL), "unknown encoding \"foo\"");
	/* Configuration is checked before the file. */
	t = (struct textin *)1;
	EXPECT_EQ_INT(textin_open(&t, "/nonexistent/x.csv", "latin-99"), AR_ECONFIG);
	EXPECT(t == NULL);
	EXPECT_EQ_STR(textin_error(NULL), "unknown encoding \"latin-99\"");
	/* Even when a BOM would have decided. */
	EXPECT(write(fd, "\xEF\xBB\xBFx", 4) == 4);
	close(fd);
	EXPECT_EQ_INT(textin_open(&t, path, "nope"), AR_ECONFIG);
	unlink(path);
	fclose(fp);
}

static void
open_named_file(void)
{
	char path[] = "/tmp/test_textin.XXXXXX";
	int fd = mkstemp(path);
	struct textin *t;
	const char *line;
	size_t len;

	EXPECT(write(fd, "\xA5\x78\xA5\x5F\r\n", 6) == 6);
	close(fd);
	EXPECT_EQ_INT(textin_open(&t, path, "Big5"), AR_OK);
	EXPECT_EQ_STR(textin_name(t), path);
	EXPECT_EQ_STR(textin_encoding(t), "BIG5");
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "\xE5\x8F\xB0\xE5\x8C\x97");
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_EOF);
	textin_close(t);
	unlink(path);

	errno = 0;
	EXPECT_EQ_INT(textin_open(&t, path, NULL), AR_EOPEN);
	EXPECT_EQ_INT(errno, ENOENT);
	EXPECT(t == NULL);
}

static void
unget_then_getline(void)
{
	FILE *fp = file_of("a\nb\nc", 5);
	struct textin *t;
	const char *line;
	size_t len;

	EXPECT_EQ_INT(textin_from_stream(&t, fp, "u", NULL), AR_OK);
	textin_unget(t);        /* nothing to give back yet */
	EXPECT_EQ_INT(textin_line(t), 0);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "b");
	textin_unget(t);
	textin_unget(t);        /* one deep */
	EXPECT_EQ_INT(textin_line(t), 1);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "b");
	EXPECT_EQ_INT(len, 1);
	EXPECT_EQ_INT(textin_line(t), 2);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "c");
	textin_unget(t);
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_OK);
	EXPECT_EQ_STR(line, "c");
	EXPECT_EQ_INT(textin_getline(t, &line, &len), AR_EOF);
	EXPECT_EQ_INT(textin_line(t), 3);
	textin_close(t);
	fclose(fp);
}

static void
rest_after_unget(void)
{
	static const char in[] = "\xEF\xBB\xBF" "h1,h2\r\nx,\xE5\xAE\xA2\ry\nlast";
	struct textin *t;
	size_t n;
	FILE *fp;
	char *out;

	out = rest_n(in, sizeof in - 1, NULL, 1, 1, &n, &t, &fp);
	/* the ungot line keeps its own line end (CRLF) */
	EXPECT_EQ_STR(out, "h1,h2\r\nx,\xE5\xAE\xA2\ry\nlast");
	EXPECT_EQ_INT(n, strlen("h1,h2\r\nx,\xE5\xAE\xA2\ry\nlast"));
	EXPECT_EQ_STR(textin_error(t), "");
	textin_close(t);
	fclose(fp);
	free(out);

	/* No unget: from the line after. */
	out = rest_n(in, sizeof in - 1, NULL, 2, 0, &n, &t, &fp);
	EXPECT_EQ_STR(out, "y\nlast");
	textin_close(t);
	fclose(fp);
	free(out);

	/* Converted: line ends passed on as they were. */
	out = rest_n("caf\xE9\r\n\x80\r", 8, "cp1252", 1, 1, &n, &t, &fp);
	EXPECT_EQ_STR(out, "caf\xC3\xA9\r\n\xE2\x82\xAC\r");
	textin_close(t);
	fclose(fp);
	free(out);
}

static void
rest_reads_big_input_exactly(void)
{
	/* 客戶 and ASCII, ~1 MiB, so characters and CRLFs fall across every seam. */
	size_t n = 0, cap = 1200000, got, i;
	char *s = malloc(cap), *out;
	struct textin *t;
	FILE *fp;

	for (i = 0; n + 32 < cap; i++) {
		memcpy(s + n, "\xE5\xAE\xA2\xE6\x88\xB6,12.5", 11);
		n += 11;
		if (i % 7 != 1)
			s[n++] = '\r';
		s[n++] = '\n';
	}
	out = rest_n(s, n, NULL, 1, 1, &got, &t, &fp);
	/* Every byte as it was, the ungot line's CRLF too. */
	EXPECT_EQ_INT(got, n);
	EXPECT(memcmp(out, s, n) == 0);
	textin_close(t);
	fclose(fp);
	free(out);

	/* The same through GBK: each 3-byte UTF-8 character is 2 bytes there. */
	for (i = 0, n = 0; n + 16 < cap; i++) {
		memcpy(s + n, "\xB1\xB1\xBE\xA9,", 5);
		n += 5;
		s[n++] = (char)('0' + i % 10);
		if (i % 3 == 0)
			s[n++] = '\r';
		if (i % 3 != 1)
			s[n++] = '\n';
	}
	out = rest_n(s, n, "GBK", 0, 0, &got, &t, &fp);
	{
		size_t j, k = 0;
		int ok = 1;

		for (j = 0; j < n && ok; ) {
			if ((unsigned char)s[j] == 0xB1) {
				ok = memcmp(out + k, "\xE5\x8C\x97\xE4\xBA\xAC", 6) == 0;
				k += 6, j += 4;
			} else
				ok = out[k++] == s[j++];
		}
		EXPECT(ok);
		EXPECT_EQ_INT(got, k);
	}
	textin_close(t);
	fclose(fp);
	free(out);
	free(s);
}

static void
rest_error_names_line(void)
{
	struct textin *t;
	size_t n;
	FILE *fp;
	char *out;

	/* Line 3 holds the 0x81; CRLF counts once. */
	out = rest_n("a\r\nb\r\nc\x81", 8, "CP1252", 1, 0, &n, &t, &fp);
	EXPECT_EQ_INT(n, (size_t)-1);
	EXPECT_EQ_STR(out, "b\r\nc");
	EXPECT_EQ_INT(textin_line(t), 3);
	EXPECT_EQ_STR(textin_error(t), "byte 0x81 does not convert from CP1252");
	textin_close(t);
	fclose(fp);
	free(out);

	/* After an unget, the line comes from the start of the file still. */
	out = rest_n("a\nb\r\rc\xE9", 8, NULL, 2, 1, &n, &t, &fp);
	EXPECT_EQ_INT(n, (size_t)-1);
	EXPECT_EQ_INT(textin_line(t), 4);
	EXPECT(strncmp(textin_error(t), "byte 0xE9 at column 2 is not UTF-8", 34) == 0);
	textin_close(t);
	fclose(fp);
	free(out);

	out = rest_n("a\n\nxyz\0", 7, NULL, 0, 0, &n, &t, &fp);
	EXPECT_EQ_INT(n, (size_t)-1);
	EXPECT_EQ_INT(textin_line(t), 3);
	EXPECT_EQ_STR(textin_error(t), "NUL byte at column 4");
	textin_close(t);
	fclose(fp);
	free(out);

	out = rest_n("\xFF\xFE" "a\0\r\0\n\0b\0", 11, NULL, 0, 0, &n, &t, &fp);
	EXPECT_EQ_INT(n, (size_t)-1);
	EXPECT_EQ_STR(out, "a\r\nb");
	EXPECT_EQ_INT(textin_line(t), 2);
	EXPECT_EQ_STR(textin_error(t), "the file ends inside a character (UTF-16LE)");
	textin_close(t);
	fclose(fp);
	free(out);
}

static void
rest_error_line_after_many_crlf(void)
{
	/* CRLFs fall on every seam of the stream's reads; the count stays right. */
	size_t lines = 60000, i, n = 0;
	char *s = malloc(lines * 4 + 16), *out;
	struct textin *t;
	size_t got;
	FILE *fp;

	for (i = 0; i < lines; i++) {
		s[n++] = 'x';
		if (i % 5 == 0)
			s[n++] = 'y';
		s[n++] = '\r';
		if (i % 4 != 0)
			s[n++] = '\n';
	}
	memcpy(s + n, "ab\x81", 3);
	n += 3;
	out = rest_n(s, n, "CP1252", 0, 0, &got, &t, &fp);
	EXPECT_EQ_INT(got, (size_t)-1);
	EXPECT_EQ_INT(textin_line(t), (long)lines + 1);
	textin_close(t);
	fclose(fp);
	free(out);

	out = rest_n(s, n, NULL, 3, 1, &got, &t, &fp);
	EXPECT_EQ_INT(got, (size_t)-1);
	EXPECT_EQ_INT(textin_line(t), (long)lines + 1);
	EXPECT(strncmp(textin_error(t), "byte 0x81 at column 3 ", 22) == 0);
	textin_close(t);
	fclose(fp);
	free(out);
	free(s);
}

static void
error_after_good_lines_in_same_block(void)
{
	/* The lines before a bad byte are all handed out first. */
	EXPECT_EQ_STR(dump("1\n2\n3\n4\xFF\n5\n", "UTF-8"),
	    "1|2|3|EUTF8@4 byte 0xFF at column 2 is not UTF-8 (is the file CP1252 "
	    "or ISO-8859-1? give its encoding with --encoding or the profile's encoding key)");
	EXPECT_EQ_STR(dump("1\r\n2\r\n3\r\n\x81", "CP1252"),
	    "1|2|3|EUTF8@4 byte 0x81 does not convert from CP1252");
}

int
main(void)
{
	RUN(utf8_lines);
	RUN(utf8_bom_dropped);
	RUN(utf8_names);
	RUN(utf16le_bom_chinese);
	RUN(utf16be_bom);
	RUN(utf16le_without_bom_by_name);
	RUN(cp1252);
	RUN(cp1252_undefined_byte);
	RUN(iso_8859_1);
	RUN(big5_and_gbk);
	RUN(line_ends);
	RUN(last_line_without_end);
	RUN(empty_file);
	RUN(crlf_split_across_blocks);
	RUN(crlf_split_in_utf16);
	RUN(long_line);
	RUN(many_lines_count);
	RUN(invalid_utf8_column);
	RUN(nul_byte);
	RUN(truncated_utf16);
	RUN(unknown_encoding);
	RUN(open_named_file);
	RUN(unget_then_getline);
	RUN(rest_after_unget);
	RUN(rest_reads_big_input_exactly);
	RUN(rest_error_names_line);
	RUN(rest_error_line_after_many_crlf);
	RUN(error_after_good_lines_in_same_block);
	return test_summary();
}
