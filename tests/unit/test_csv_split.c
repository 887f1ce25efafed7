/*
 * test_csv_split.c - the ranges of csv_split read alone give the records of
 * the whole file.
 *
 * The proof is check_split(): csvio reads the whole buffer; csv_split cuts
 * it into ranges; csvio reads range 0 as a file and every later range
 * after a one-line header of the right column count ending in split.eol
 * (what csv_split.h asks of a range reader: no header row of its own, no
 * BOM, the file's line ends), its lines shifted to range.line; the records
 * (fields byte for byte, line numbers) and the first error (code, line,
 * message) must be the same.  It runs on hand-made buffers, on every file
 * of csv-spectrum for k = 1..16, and on random buffers.  The walk of a span
 * is also checked byte by byte against libcsv's machine written out here
 * from libcsv.c's switch, independently of csv_split.c.
 */
#include "core/csv_split.h"
#include "core/csvio.h"
#include "test.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

/* libcsv 3.0.3 csv_parse() strict, one byte; a quote in an unquoted field is data (csvio). */
static int
ref_step(int st, unsigned char c, unsigned char d, bool *record_end)
{
	bool term = c == '\r' || c == '\n', blank = c == ' ' || c == '\t';

	*record_end = false;
	switch (st) {
	case CSV_SPLIT_FIELD:           /* ROW_NOT_BEGUN, FIELD_NOT_BEGUN */
		if (blank && c != d)
			return st;
		if (term)
			return *record_end = true, st;
		if (c == d)
			return st;
		return c == '"' ? CSV_SPLIT_QUOTED : CSV_SPLIT_BARE;
	case CSV_SPLIT_BARE:            /* FIELD_BEGUN, not quoted */
		if (c == '"')
			return st;
		if (c == d)
			return CSV_SPLIT_FIELD;
		if (term)
			return *record_end = true, CSV_SPLIT_FIELD;
		return st;
	case CSV_SPLIT_QUOTED:          /* FIELD_BEGUN, quoted */
		return c == '"' ? CSV_SPLIT_QUOTE : st;
	case CSV_SPLIT_QUOTE:           /* FIELD_MIGHT_HAVE_ENDED, spaces == 0 */
	case CSV_SPLIT_QUOTE_BLANK:     /* ... spaces > 0 */
		if (c == d)
			return CSV_SPLIT_FIELD;
		if (term)
			return *record_end = true, CSV_SPLIT_FIELD;
		if (blank)
			return CSV_SPLIT_QUOTE_BLANK;
		if (c == '"' && st == CSV_SPLIT_QUOTE)
			return CSV_SPLIT_QUOTED;
		return CSV_SPLIT_ERROR;
	}
	return CSV_SPLIT_ERROR;
}

/* csv_split_span_count on buf[b..e) against ref_step from every state. */
static bool
span_matches_ref(const char *buf, size_t b, size_t e, char delim, unsigned char eol)
{
	struct csv_split s = { .delimiter = delim, .eol = eol };
	struct csv_split_span sp = { .begin = b, .end = e };
	size_t p, cut, eols, to_cut, all = 0;
	bool rec_end;
	int st0, st;

	csv_split_span_count(buf, &s, &sp);
	for (p = b; p < e; p++)
		all += (unsigned char)buf[p] == eol;
	if (sp.eols != all)
		return false;
	for (st0 = 0; st0 < CSV_SPLIT_NSTATES; st0++) {
		cut = CSV_SPLIT_NONE, to_cut = 0;
		for (st = st0, eols = 0, p = b; p < e; p++) {
			st = ref_step(st, (unsigned char)buf[p], (unsigned char)delim, &rec_end);
			eols += (unsigned char)buf[p] == eol;
			if (rec_end && cut == CSV_SPLIT_NONE)
				cut = p + 1, to_cut = eols;
		}
		if (sp.end_state[st0] != st || sp.cut[st0] != cut ||
		    (cut != CSV_SPLIT_NONE && sp.eols_to_cut[st0] != to_cut))
			return false;
	}
	return true;
}

static FILE *
open_bytes(const char *data, size_t len)
{
	return len > 0 ? fmemopen((void *)data, len, "r") : fopen("/dev/null", "rb");
}

/* data in a temporary file, whose path the caller unlinks and frees. */
static char *
bytes_file(const char *data, size_t len)
{
	char *path = strdup("/tmp/test_csv_split.XXXXXX");
	int fd = path != NULL ? mkstemp(path) : -1;
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;

	if (fp == NULL || fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

/*
 * What reader r (opened with e) says: the header names (with names), each
 * record as "LINE NF LEN:BYTES...", an error as "error CODE LINE MESSAGE".
 * Returns AR_EOF or the error.
 */
static ar_err
dump_reader(FILE *out, struct csvio_reader *r, ar_err e, bool names, size_t *ncol)
{
	struct csvio_record rec;
	size_t i;

	if (r == NULL)
		abort();
	if (e == AR_OK) {
		*ncol = csvio_ncolumns(r);
		for (i = 0; names && i < *ncol; i++)
			fprintf(out, "name %s\n", csvio_column_name(r, i));
		while ((e = csvio_read(r, &rec)) == AR_OK) {
			fprintf(out, "%ld %zu", rec.line, rec.nfields);
			for (i = 0; i < rec.nfields; i++) {
				fprintf(out, " %zu:", rec.field[i].len);
				fwrite(rec.field[i].ptr, 1, rec.field[i].len, out);
			}
			fputc('\n', out);
		}
	}
	if (e != AR_EOF)
		fprintf(out, "error %d %ld %s\n", (int)e, csvio_error(r)->line,
		    csvio_error(r)->message);
	return e;
}

/* The whole of data, read by one reader. */
static ar_err
dump_read(FILE *out, const char *data, size_t len, const struct csvio_opts *o, size_t *ncol)
{
	struct csvio_reader *r;
	FILE *fp = open_bytes(data, len);
	ar_err e;

	if (fp == NULL)
		abort();
	e = csvio_reader_from_stream(&r, fp, "t", o);
	e = dump_reader(out, r, e, true, ncol);
	csvio_reader_close(r);
	fclose(fp);
	return e;
}

/*
 * The split of buf into k, walked no further than csv_split_stop_after(stop)
 * wants (CSV_SPLIT_NONE: the whole): NULL when its range begins are those
 * of the whole split up to some point, else what differs.
 */
static const char *
check_stopped(const struct csv_split *whole, const char *buf, size_t len, size_t k,
    const struct csvio_opts *o, size_t stop, struct csv_split *s)
{
	size_t i, walked;
	char *near;
	ar_err ended;

	if (stop == CSV_SPLIT_NONE)
		return csv_split_ranges(s, buf, len, k, o) == AR_OK ? NULL : "csv_split_ranges failed";
	if (csv_split_begin(s, buf, len, k, o) != AR_OK)
		return "csv_split_begin failed";
	csv_split_stop_after(s, stop);
	for (i = 0; i < s->nspan; i++)
		csv_split_span_count(buf, s, &s->span[i]);
	/* csv_split_end reads only the bytes at and before each cut (csv_split.h). */
	if ((near = calloc(len + 1, 1)) == NULL)
		abort();
	for (i = 0; i < s->nspan; i++)
		for (size_t st = 0; st < CSV_SPLIT_NSTATES; st++) {
			size_t c = s->span[i].cut[st];

			if (c != CSV_SPLIT_NONE && c > 0)
				memcpy(near + c - 1, buf + c - 1, c < len ? 2 : 1);
		}
	ended = csv_split_end(s, near, len);
	free(near);
	if (ended != AR_OK)
		return "csv_split_end failed";
	if (s->nrange > whole->nrange)
		return "stopped, more ranges than the whole split";
	for (i = 0; i < s->nrange; i++)
		if (s->range[i].begin != whole->range[i].begin || s->range[i].line != whole->range[i].line)
			return "stopped, a range the whole split doesn't have";
	/* Walked: up to the end of the first span that begins at or after stop. */
	for (i = 0; i < whole->nspan && whole->span[i].begin < stop; i++)
		;
	walked = i < whole->nspan ? whole->span[i].end : len;
	for (i = s->nrange; i < whole->nrange; i++)
		if (whole->range[i].begin < walked)
			return "stopped, a cut in the part walked left out";
	if (s->bad_syntax && !whole->bad_syntax)
		return "stopped, bad_syntax the whole split doesn't say";
	return NULL;
}

/* NULL when the ranges read as the whole does, else what differs. */
static const char *
check_split(const char *buf, size_t len, size_t k, const struct csvio_opts *o, size_t stop)
{
	struct csv_split s;
	struct csvio_reader *first = NULL;
	char *path;
	char *whole = NULL, *split = NULL;
	size_t wn = 0, sn = 0, i, p, ncol = 0;
	FILE *wf = open_memstream(&whole, &wn), *sf = open_memstream(&split, &sn);
	const char *why = NULL;
	ar_err we, e = AR_EOF;
	long eols = 0;

	we = dump_read(wf, buf, len, o, &ncol);
	fclose(wf);
	if (stop != CSV_SPLIT_NONE) {
		struct csv_split all;

		if (csv_split_ranges(&all, buf, len, k, o) != AR_OK)
			why = "csv_split_ranges failed";
		else
			why = check_stopped(&all, buf, len, k, o, stop, &s);
		csv_split_free(&all);
	} else {
		why = check_stopped(NULL, buf, len, k, o, stop, &s);
	}
	if (why != NULL)
		goto out;
	if (s.nrange < 1 || s.nrange > (k < 1 ? 1 : k) || s.range[0].begin != 0 ||
	    s.range[s.nrange - 1].end != len)
		why = "the ranges don't cover the buffer";
	for (i = 0, p = 0; why == NULL && i < s.nrange; i++) {
		for (; p < s.range[i].begin; p++)
			eols += (unsigned char)buf[p] == s.eol;
		if ((i > 0 && s.range[i].begin != s.range[i - 1].end) ||
		    (s.range[i].begin >= s.range[i].end && len > 0))
			why = "ranges not end to end, or empty";
		else if (s.range[i].line != eols + 1)
			why = "a range's line is not 1 + the line ends before it";
	}
	if (why == NULL && s.bad_syntax && we == AR_EOF)
		why = "bad_syntax, but the file reads";
	if (why != NULL)
		goto out;
	if ((path = bytes_file(buf, len)) == NULL)
		abort();
	/* Each range by its own reader, as threads read them; range 0 lends the header. */
	for (i = 0; i < s.nrange && e == AR_EOF; i++) {
		struct csvio_range rg = {
			s.range[i].begin, s.range[i].end, s.range[i].line, s.eol, first
		};
		struct csvio_reader *r;
		ar_err oe = csvio_reader_open_range(&r, path, o, &rg);

		e = dump_reader(sf, r, oe, i == 0, &ncol);
		if (i == 0 && oe == AR_OK)
			first = r;
		else
			csvio_reader_close(r);
	}
	csvio_reader_close(first);
	unlink(path);
	free(path);
	fflush(sf);
	if (sn != wn || memcmp(split, whole, wn) != 0) {
		why = "the ranges read differently";
		if (wn < 4096 && sn < 4096)
			printf("#   whole:\n%s#   ranges:\n%s", whole, split);
	}
out:
	fclose(sf);
	free(whole);
	free(split);
	csv_split_free(&s);
	return why;
}

/* check_split for k = 1..16, each failure said once with its k. */
static void
expect_split_same(const char *buf, size_t len, const struct csvio_opts *o)
{
	const char *why;
	size_t k;

	for (k = 1; k <= 16; k++) {
		/* the whole; stopped at the half, and where a last of k threads would begin */
		size_t stops[] = { CSV_SPLIT_NONE, len / 2, len / k * (k - 1) };

		for (size_t j = 0; j < sizeof stops / sizeof stops[0]; j++) {
			why = check_split(buf, len, k, o, stops[j]);
			EXPECT(why == NULL);
			if (why != NULL) {
				printf("#   k=%zu stop=%zu: %s\n", k, stops[j], why);
				return;
			}
		}
	}
}

static void
expect_same(const char *text)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;

	expect_split_same(text, strlen(text), &o);
}

/* The ranges of text into k, as "BEGIN@LINE ..." */
static const char *
ranges_of(const char *text, size_t k)
{
	static char out[512];
	struct csv_split s;
	size_t i, n = 0;

	out[0] = '\0';
	if (csv_split_ranges(&s, text, strlen(text), k, NULL) == AR_OK)
		for (i = 0; i < s.nrange && n < sizeof out - 40; i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu@%ld",
			    i ? " " : "", s.range[i].begin, s.range[i].line);
	csv_split_free(&s);
	return out;
}

static void
cuts_after_the_line_end_nearest_each_span(void)
{
	/* header ends at 2; spans [2,5) [5,8); the LF at 5 ends "2" */
	EXPECT_EQ_STR(ranges_of("h\n1\n2\n3\n", 2), "0@1 6@4");
	EXPECT_EQ_STR(ranges_of("h\n1\n2\n3\n", 1), "0@1");
	EXPECT_EQ_STR(ranges_of("h\n1\n2\n3\n", 16), "0@1 4@3 6@4");
	expect_same("h\n1\n2\n3\n");
}

static void
never_cuts_inside_a_quoted_field(void)
{
	const char *t = "id,note\n1,\"a\nb\nc\nd\ne\nf\"\n2,x\n";

	/* the only places a range may begin: 0, "1,...", "2,x" */
	EXPECT_EQ_STR(ranges_of(t, 4), "0@1 24@8");
	EXPECT_EQ_STR(ranges_of(t, 16), "0@1 24@8");
	expect_same(t);
	/* "" escapes before and after the line ends */
	expect_same("id,note\n1,\"a\"\"\nb\"\"\n\"\"c\"\n2,\"\"\"\"\n3,\"\"\n");
	/* a field that is all line ends */
	expect_same("a\n\"\n\n\n\n\n\n\n\n\"\n\"\n\"\n");
}

static void
a_bare_quote_is_data_not_a_quote(void)
{
	/* by quote parity the LF inside "a\nb" would be outside quotes */
	const char *t = "h,w\n37.8\"N,x\n\"a\nb\",c\n3,y\n4,PIPE 1/2\"\n\"5\n6\",z\n";

	EXPECT_EQ_STR(ranges_of(t, 16), "0@1 13@3 21@5 25@6 37@7");
	expect_same(t);
}

static void
crlf_stays_whole(void)
{
	const char *t = "h\r\n1\r\n22\r\n333\r\n4444\r\n";
	struct csv_split s;
	size_t k, i;

	for (k = 1; k <= 16; k++) {
		EXPECT(csv_split_ranges(&s, t, strlen(t), k, NULL) == AR_OK);
		for (i = 1; i < s.nrange; i++)
			EXPECT(t[s.range[i].begin - 1] == '\n');
		csv_split_free(&s);
	}
	expect_same(t);
	expect_same("h\r\n\"1\r\n2\"\r\n\"3\"\r\n\r\n4\r\n");
	/* a stray CR in an LF file ends a record, not a line */
	expect_same("h\n1\r2\n3\r\r\n4\n");
}

static void
last_line_without_line_end(void)
{
	EXPECT_EQ_STR(ranges_of("h\n1\n2", 3), "0@1 4@3");
	expect_same("h\n1\n2");
	expect_same("h\n1\n\"2\n\"");
	expect_same("h\n1\n\"2\n\"  ");
}

static void
bom_only_at_the_start(void)
{
	EXPECT_EQ_STR(ranges_of("\xEF\xBB\xBFh\n1\n2\n", 16), "0@1 7@3");
	expect_same("\xEF\xBB\xBFh\n1\n2\n");
	/* a later field that begins with U+FEFF is data: range 2 must keep it */
	expect_same("h\n1\n\xEF\xBB\xBF" "2\n\xEF\xBB\xBF" "3\n");
}

static void
one_record_and_more_ranges_than_records(void)
{
	EXPECT_EQ_STR(ranges_of("h", 16), "0@1");
	EXPECT_EQ_STR(ranges_of("h\n", 16), "0@1");
	EXPECT_EQ_STR(ranges_of("", 16), "0@1");
	EXPECT_EQ_STR(ranges_of("h\n1\n", 16), "0@1");
	expect_same("h");
	expect_same("");
	expect_same("\n\n");
	expect_same("h\n1\n");
}

static void
header_stays_in_range_zero(void)
{
	/* blank lines before the header; a header with a line end in it */
	EXPECT_EQ_STR(ranges_of("\n\n\nh\n1\n", 16), "0@1");
	expect_same("\n\n\n  \nh\n1\n2\n");
	expect_same("\"a\nb\",c\n1,2\n3,4\n");
}

static void
classic_mac_line_ends(void)
{
	struct csv_split s;
	const char *t = "h\r1\r\"2\r\"\r3\r";

	EXPECT(csv_split_ranges(&s, t, strlen(t), 4, NULL) == AR_OK);
	EXPECT(s.eol == '\r');
	csv_split_free(&s);
	expect_same(t);
}

static void
tab_delimiter_and_blanks(void)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	const char *t = "a\tb\n\"x\" \t \"y\"\n \"p\"\t\t\n\"q\"  \t\"r\n\"\n";

	o.delimiter = '\t';
	expect_split_same(t, strlen(t), &o);
	expect_same("a,b\n\"x\" , \"y\"\n \"p\"  ,\n");
}

static void
refused_input_fails_in_the_same_place(void)
{
	struct csv_split s;
	const char *t = "h\n1\n\"a\"b\n2\n3\n";

	EXPECT(csv_split_ranges(&s, t, strlen(t), 4, NULL) == AR_OK);
	EXPECT(s.bad_syntax);
	csv_split_free(&s);
	expect_same(t);
	expect_same("h\n1\n2\n\"never closed\n3\n");
	expect_same("h,g\n1,2\n3\n4,5\n");              /* field count */
	expect_same("h\n1\n2\xff\n3\n");                /* UTF-8 */
	expect_same("h\n1\n\"a\" \"\n2\n");             /* a quote after blanks */
	expect_same("h,h\n1,2\n");                      /* the header itself */
}

static void
span_walk_matches_libcsv_byte_by_byte(void)
{
	static const char alphabet[] = "ab,\"\n\r \t";
	char buf[48];
	uint64_t x = 88172645463325252u;
	size_t n, b, e, i, bad = 0;

	for (n = 0; n < 20000; n++) {
		for (i = 0; i < sizeof buf; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			buf[i] = alphabet[x % (sizeof alphabet - 1)];
		}
		b = x % 16, e = b + (x >> 8) % (sizeof buf - b + 1);
		bad += !span_matches_ref(buf, b, e, n & 1 ? ',' : '\t', n & 2 ? '\r' : '\n');
	}
	EXPECT_EQ_INT(bad, 0);
}

static void
random_files_read_the_same(void)
{
	static const char *const pieces[] = {
		"a", "1", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", " ", "\t",
		"x\"y", "\xc3\xa9", "\"q\nr\"", "\"s,t\"",
	};
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	char buf[256];
	const char *why;
	uint64_t x = 0x9E3779B97F4A7C15u;
	size_t n, len, k, fails = 0, good = 0;

	for (n = 0; n < 3000; n++) {
		len = 0;
		while (len < 200) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			const char *p = pieces[x % (sizeof pieces / sizeof pieces[0])];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
			if (x % 97 == 0)
				break;
		}
		o.delimiter = n % 3 == 0 ? '\t' : ',';
		o.short_rows = n % 5 == 0;
		o.no_header = n % 7 == 0;
		k = 1 + x % 16;
		why = check_split(buf, len, k, &o, CSV_SPLIT_NONE);
		if (why != NULL && fails++ == 0) {
			printf("#   k=%zu: %s, of:\n#   ", k, why);
			for (size_t i = 0; i < len; i++)
				printf(buf[i] >= ' ' && buf[i] < 127 ? "%c" : "\\x%02x", (unsigned char)buf[i]);
			printf("\n");
		}
		good += why == NULL;
	}
	EXPECT_EQ_INT(fails, 0);
	EXPECT(good == 3000);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0;

	if (fp == NULL)
		return NULL;
	s = malloc(1 << 20);
	n = fread(s, 1, 1 << 20, fp);
	fclose(fp);
	*len = n;
	return s;
}

static size_t
split_every_file_in(const char *dir, const char *suffix, char delim)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	char path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t n = 0, len, nl;
	char *buf;

	o.delimiter = delim;
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		nl = strlen(de->d_name);
		if (nl < strlen(suffix) || strcmp(de->d_name + nl - strlen(suffix), suffix) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((buf = slurp(path, &len)) == NULL)
			continue;
		printf("#   %s (%zu bytes)\n", de->d_name, len);
		expect_split_same(buf, len, &o);
		o.short_rows = true;
		expect_split_same(buf, len, &o);
		o.short_rows = false;
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

static void
csv_spectrum_reads_the_same_in_ranges(void)
{
	const char *shared = test_shared_dir();
	char dir[2048];
	size_t n;

	if (shared == NULL)
		SKIP(TEST_NO_SHARED);
	snprintf(dir, sizeof dir, "%s/external/csv-spectrum/max-mapper/csvs", shared);
	n = split_every_file_in(dir, ".csv", ',');
	EXPECT(n >= 12);
	snprintf(dir, sizeof dir, "%s/external/csv-spectrum/csvkit", shared);
	n = split_every_file_in(dir, ".csv", ',');
	n += split_every_file_in(dir, ".tsv", '\t');
	EXPECT(n >= 28);
}

/* Larger than csvio's 64 KiB block and span: quoted line ends across many cuts. */
static void
a_large_file_reads_the_same(void)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	FILE *fp;
	char *t = NULL;
	size_t n = 0, i;

	fp = open_memstream(&t, &n);
	fprintf(fp, "id,note,amount\r\n");
	for (i = 0; i < 20000; i++) {
		if (i % 7 == 0)
			fprintf(fp, "%zu,\"multi\nline \"\"%zu\"\"\r\nnote\",%zu.00\r\n", i, i, i);
		else if (i % 11 == 0)
			fprintf(fp, "%zu,PIPE %zu/2\",-%zu\n", i, i, i);
		else if (i == 12345)
			fprintf(fp, "%zu,\"%s\",0\n", i, "long\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n");
		else
			fprintf(fp, "%zu,plain,%zu\n", i, i);
	}
	fclose(fp);
	for (i = 1; i <= 16; i += 5) {
		const char *why = check_split(t, n, i, &o, CSV_SPLIT_NONE);

		EXPECT(why == NULL);
		if (why != NULL)
			printf("#   k=%zu: %s\n", i, why);
	}
	free(t);
}

int
main(void)
{
	RUN(cuts_after_the_line_end_nearest_each_span);
	RUN(never_cuts_inside_a_quoted_field);
	RUN(a_bare_quote_is_data_not_a_quote);
	RUN(crlf_stays_whole);
	RUN(last_line_without_line_end);
	RUN(bom_only_at_the_start);
	RUN(one_record_and_more_ranges_than_records);
	RUN(header_stays_in_range_zero);
	RUN(classic_mac_line_ends);
	RUN(tab_delimiter_and_blanks);
	RUN(refused_input_fails_in_the_same_place);
	RUN(span_walk_matches_libcsv_byte_by_byte);
	RUN(random_files_read_the_same);
	RUN(csv_spectrum_reads_the_same_in_ranges);
	RUN(a_large_file_reads_the_same);
	return test_summary();
}
