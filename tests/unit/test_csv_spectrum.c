/*
 * test_csv_spectrum.c - the reader against other people's CSV test files.
 *
 * $SHARED/external/csv-spectrum (SHARED defaults to ../shared; run from the
 * repository root) holds two sets:
 *
 * max-mapper/csvs/NAME.csv with the expected parse in max-mapper/json/NAME.json,
 * an array of objects keyed by header name.  Each CSV must give exactly those
 * records (the JSON is parsed here, nothing is copied from it), except where
 * quirks[] says that upstream's JSON is wrong about its own CSV.
 *
 * csvkit/ files: one quirk per file, no expected output upstream.  Each file
 * must be read or refused as the table below says, in the same dump format as
 * test_csvio.c.  A file with no entry in the table fails, so a new fixture
 * cannot slip by untested.  A missing corpus fails too.
 */
#include "core/csvio.h"
#include "test.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

static char corpus[2048];

/* Like RUN, for a case named at run time (one per corpus file). */
static void
run_named(const char *name, void (*fn)(const char *), const char *arg)
{
	test_case_failed = 0;
	fn(arg);
	test_cases_run++;
	if (test_case_failed)
		test_cases_failed++;
	printf("%s - %s\n", test_case_failed ? "not ok" : "ok", name);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, k;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 4096 > cap)
			s = realloc(s, cap = (n + 4096) * 2);
		k = fread(s + n, 1, cap - n - 1, fp);
		n += k;
	} while (k > 0);
	fclose(fp);
	s[n] = '\0';
	*len = n;
	return s;
}

/* A tiny JSON reader for one shape: [ {"key": "string", ...}, ... ] */

#define MAXKEYS 16
#define MAXRECS 16

struct jrec {
	size_t n;
	char *key[MAXKEYS], *val[MAXKEYS];
	size_t vlen[MAXKEYS];
};

struct json {
	const char *p, *end;
	bool bad;
};

static void
jspace(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool
jeat(struct json *j, char c)
{
	jspace(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

static unsigned
jhex4(struct json *j)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++, j->p++) {
		char c = j->p < j->end ? *j->p : 'x';

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			j->bad = true;
	}
	return v;
}

static void
jput_utf8(char *out, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xC0 | cp >> 6);
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xE0 | cp >> 12);
		out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		out[(*n)++] = (char)(0xF0 | cp >> 18);
		out[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* A string, unescaped, malloc'd and NUL-ended. */
static char *
jstring(struct json *j, size_t *len)
{
	char *out;
	size_t n = 0;
	unsigned cp, lo;

	if (!jeat(j, '"')) {
		j->bad = true;
		return NULL;
	}
	out = malloc((size_t)(j->end - j->p) + 1);
	while (j->p < j->end && *j->p != '"') {
		if (*j->p != '\\') {
			out[n++] = *j->p++;
			continue;
		}
		if (++j->p == j->end)
			break;
		switch (*j->p++) {
		case '"': out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case '/': out[n++] = '/'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			cp = jhex4(j);
			if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u') {
				j->p += 2;
				lo = jhex4(j);
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			jput_utf8(out, &n, cp);
			break;
		default:
			j->bad = true;
		}
	}
	if (j->p == j->end)
		j->bad = true;
	else
		j->p++;
	out[n] = '\0';
	*len = n;
	return out;
}

static void
jobject(struct json *j, struct jrec *rec)
{
	size_t len;

	rec->n = 0;
	if (!jeat(j, '{')) {
		j->bad = true;
		return;
	}
	if (jeat(j, '}'))
		return;
	do {
		if (rec->n == MAXKEYS) {
			j->bad = true;
			return;
		}
		rec->key[rec->n] = jstring(j, &len);
		if (!jeat(j, ':'))
			j->bad = true;
		rec->val[rec->n] = jstring(j, &rec->vlen[rec->n]);
		rec->n++;
	} while (!j->bad && jeat(j, ','));
	if (!jeat(j, '}'))
		j->bad = true;
}

/*
 * The records of an expected-result file, or -1 if it is not of that shape;
 * with lone_object, a single object (not in an array) is one record.
 */
static int
jparse(const char *text, size_t len, struct jrec *recs, bool lone_object)
{
	struct json j = { text, text + len, false };
	int n = 0;

	jspace(&j);
	if (lone_object && j.p < j.end && *j.p == '{') {
		jobject(&j, &recs[n++]);
	} else if (jeat(&j, '[')) {
		if (!jeat(&j, ']')) {
			do {
				if (n == MAXRECS)
					return -1;
				jobject(&j, &recs[n++]);
			} while (!j.bad && jeat(&j, ','));
			if (!jeat(&j, ']'))
				j.bad = true;
		}
	} else
		j.bad = true;
	jspace(&j);
	return j.bad || j.p != j.end ? -1 : n;
}

static void
jfree(struct jrec *recs, int n)
{
	int i;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < recs[i].n; k++) {
			free(recs[i].key[k]);
			free(recs[i].val[k]);
		}
	}
}

/*
 * Where upstream's JSON is wrong about its own CSV.  The CSV is the fixture
 * under test, so the reader must give what the CSV says; json_value pins
 * what the JSON says instead, so that a fix upstream shows up here.
 */
static const struct quirk {
	const char *file;
	bool lone_object;       /* the JSON is one object, not an array of them */
	const char *key;        /* the column the JSON has wrong, or NULL */
	const char *json_value, *csv_value;
} quirks[] = {
	/*
	 * Upstream defect (csv-spectrum d30e80f8): json/location_coordinates.json
	 * is a lone object where every other file has an array, and its
	 * "Contact Phone Number" is 1234567890 while the CSV's is 2095257564.
	 * The point of the file, 37.8"N with a bare quote in an unquoted field,
	 * is compared with the JSON like every other field.
	 */
	{ "location_coordinates.csv", true, "Contact Phone Number", "1234567890", "2095257564" },
};

static const struct quirk *
find_quirk(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof quirks / sizeof quirks[0]; i++)
		if (strcmp(quirks[i].file, name) == 0)
			return &quirks[i];
	return NULL;
}

static void
check_spectrum_file(const char *name)
{
	char csv[4096], json[4096], what[8192], base[256];
	const struct quirk *q = find_quirk(name);
	struct jrec want[MAXRECS];
	const char *expect;
	struct csvio_reader *r;
	struct csvio_record rec;
	char *text;
	size_t len, k, expect_len, nquirks = 0;
	int nwant, i, col;
	ar_err e;

	snprintf(base, sizeof base, "%.*s", (int)(strlen(name) - 4), name);
	snprintf(csv, sizeof csv, "%s/max-mapper/csvs/%s", corpus, name);
	snprintf(json, sizeof json, "%s/max-mapper/json/%s.json", corpus, base);
	if ((text = slurp(json, &len)) == NULL) {
		snprintf(what, sizeof what, "cannot read %s", json);
		test_fail(__FILE__, __LINE__, what);
		return;
	}
	nwant = jparse(text, len, want, q != NULL && q->lone_object);
	free(text);
	if (nwant < 0) {
		snprintf(what, sizeof what, "%s is not an array of string objects", json);
		test_fail(__FILE__, __LINE__, what);
		return;
	}
	e = csvio_reader_open(&r, csv, NULL);
	EXPECT_EQ_INT(e, AR_OK);
	if (e != AR_OK) {
		printf("#   %s: %s\n", csv, r ? csvio_error(r)->message : "cannot open");
		csvio_reader_close(r);
		jfree(want, nwant);
		return;
	}
	for (i = 0; i < nwant; i++) {
		e = csvio_read(r, &rec);
		EXPECT_EQ_INT(e, AR_OK);
		if (e != AR_OK)
			break;
		EXPECT_EQ_INT(rec.nfields, want[i].n);
		for (k = 0; k < want[i].n; k++) {
			col = csvio_column(r, want[i].key[k]);
			EXPECT(col >= 0);
			if (col < 0)
				continue;
			expect = want[i].val[k];
			expect_len = want[i].vlen[k];
			if (q != NULL && q->key != NULL && strcmp(want[i].key[k], q->key) == 0) {
				EXPECT_EQ_STR(want[i].val[k], q->json_value);
				expect = q->csv_value;
				expect_len = strlen(expect);
				nquirks++;
			}
			if (rec.field[col].len == expect_len &&
			    memcmp(rec.field[col].ptr, expect, expect_len) == 0)
				continue;
			snprintf(what, sizeof what, "record %d, %s: got \"%s\", expected \"%s\"",
			    i + 1, want[i].key[k], rec.field[col].ptr, expect);
			test_fail(__FILE__, __LINE__, what);
		}
	}
	if (i == nwant)
		EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	/* the quirk must have been met, not merely listed */
	if (q != NULL && q->key != NULL)
		EXPECT(nquirks > 0);
	csvio_reader_close(r);
	jfree(want, nwant);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in dir ending in suffix; NULL if dir cannot be read. */
static char **
list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t len, slen = strlen(suffix);

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < slen || strcmp(de->d_name + len - slen, suffix) != 0)
			continue;
		names = realloc(names, (*n + 1) * sizeof *names);
		names[(*n)++] = strdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof *names, cmp_str);
	return names ? names : calloc(1, sizeof *names);
}

/* csvkit: the dump of each file, as in test_csvio.c */

static const char *
err_name(ar_err e)
{
	static const char *names[] = {
		[AR_OK] = "OK", [AR_EOF] = "EOF", [AR_ENOMEM] = "ENOMEM",
		[AR_EIO] = "EIO", [AR_EOPEN] = "EOPEN",
		[AR_ECREATE] = "ECREATE", [AR_ESYNTAX] = "ESYNTAX",
		[AR_ERANGE] = "ERANGE", [AR_EDECIMALS] = "EDECIMALS",
		[AR_EAMBIGUOUS] = "EAMBIGUOUS", [AR_EFIELDS] = "EFIELDS",
		[AR_EQUOTE] = "EQUOTE", [AR_EUTF8] = "EUTF8",
		[AR_ENUL] = "ENUL", [AR_ENOHEADER] = "ENOHEADER",
		[AR_EDUPCOLUMN] = "EDUPCOLUMN", [AR_ECOLUMN] = "ECOLUMN",
		[AR_ECURRENCY] = "ECURRENCY", [AR_ECONFIG] = "ECONFIG",
		[AR_EUSAGE] = "EUSAGE"
	};

	return (size_t)e < sizeof names / sizeof names[0] && names[e] ? names[e] : "?";
}

struct buf {
	char *s;
	size_t len, cap;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
put_field(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\n': put(b, "\\n", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\t': put(b, "\\t", 2); break;
		default: put(b, s + i, 1);
		}
	}
}

static const struct kit_case {
	const char *file;
	char delimiter;
	const char *dump;
	const char *column;     /* if set, csvio_column() must find it at index */
	int index;
} kit[] = {
	{ "bad.csv", ',',
	    "header column_a|column_b|column_c\nEFIELDS@2 record has 4 fields, header has 3", NULL, 0 },
	{ "bad_skip_lines.csv", ',',
	    "header column_a|column_b|column_c\nEFIELDS@5 record has 4 fields, header has 3", NULL, 0 },
	{ "blanks.csv", ',', "header a|b|c|d|e|f\n2: |NA|N/A|NONE|NULL|.\nEOF", NULL, 0 },
	{ "date_like_number.csv", ',', "header a\n2: 4.5\nEOF", NULL, 0 },
	{ "dummy.tsv", '\t', "header a|b|c\n2: 1|2|3\nEOF", "c", 2 },
	/* despite its name, every row of this one has four fields */
	{ "dummy_col_shuffled_ragged.csv", ',', "header b|c|a|d\n2: 2|3|1|4\nEOF", "a", 2 },
	{ "empty.csv", ',', "open ENOHEADER@0 empty input, expected a header row", NULL, 0 },
	{ "mac_newlines.csv", ',', "header a|b|c\n2: 1|2|3\n3: Once upon\\ra time|5|6\nEOF", NULL, 0 },
	{ "no_header_row.csv", ',', "header 1|2|3\nEOF", NULL, 0 },
	{ "null_byte.csv", ',', "header a|b|c\nENUL@2 NUL byte in field 1", NULL, 0 },
	{ "optional_quote_characters.csv", ',', "header a|b|c\n2: 1|2|3\nEOF", NULL, 0 },
	{ "sniff_limit.csv", ';', "header a|b|c\n2: 1|2|3\nEOF", NULL, 0 },
	{ "test_date_format.csv", ',', "header a\n2: 02/01/2014\n3: 31/12/2012\nEOF", NULL, 0 },
	/* two unnamed columns are no EDUPCOLUMN (nobody can ask for them); line 3 is short */
	{ "test_empty_columns.csv", ',',
	    "header a|b|c||\n2: a||||\nEFIELDS@3 record has 4 fields, header has 5", "c", 2 },
	{ "test_empty_columns_long_row.csv", ',',
	    "header a|b|c\nEFIELDS@2 record has 4 fields, header has 3", NULL, 0 },
	{ "test_empty_columns_short_row.csv", ',',
	    "header a|b|c\nEFIELDS@2 record has 2 fields, header has 3", NULL, 0 },
	{ "test_extra_header.csv", ',',
	    "header a|b|c|d\nEFIELDS@2 record has 3 fields, header has 4", NULL, 0 },
	{ "test_header_newline.csv", ',',
	    "header \\t\\n\v\f\\r start \\t\\n\v\f\\r end \\t\\n\v\f\\r|b|c\n5: d|e|f\nEOF", "b", 1 },
	{ "test_latin1.csv", ',', "header a|b|c\n2: 1|2|3\nEUTF8@3 invalid UTF-8 in field 3", NULL, 0 },
	{ "test_locale.csv", ',', "header a|b|c\n2: 1,7|200.000.000|\nEOF", NULL, 0 },
	{ "test_no_leading_zeroes.csv", ',', "header a|b|c\n2: 01|00.11|0.1\nEOF", NULL, 0 },
	{ "test_numeric_date_format.csv", ',', "header a\n2: 20140102\n3: 20121231\nEOF", NULL, 0 },
	{ "test_precision.csv", ',', "header a\n2: 1.234567\nEOF", NULL, 0 },
	{ "test_skip_lines.csv", ',', "header a|b|c\n5: 1|2|3\nEOF", NULL, 0 },
	{ "test_utf16_big.csv", ',', "open EUTF8@1 UTF-16 input (convert it to UTF-8 first)", NULL, 0 },
	{ "test_utf16_little.csv", ',', "open EUTF8@1 UTF-16 input (convert it to UTF-8 first)", NULL, 0 },
	{ "test_utf8.csv", ',', "header foo|bar|baz\n2: 1|2|3\n3: 4|5|\xCA\xA4\nEOF", "foo", 0 },
	/* the BOM must not stick to the first name */
	{ "test_utf8_bom.csv", ',', "header foo|bar|baz\n2: 1|2|3\n3: 4|5|\xCA\xA4\nEOF", "foo", 0 },
};

static void
check_kit_file(const char *name)
{
	const struct kit_case *c = NULL;
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record rec;
	struct buf b = { 0 };
	char path[8192], line[64];
	size_t i;
	ar_err e;

	for (i = 0; i < sizeof kit / sizeof kit[0]; i++)
		if (strcmp(kit[i].file, name) == 0)
			c = &kit[i];
	if (c == NULL) {
		test_fail(__FILE__, __LINE__, "no expectation for this file: add one to kit[]");
		return;
	}
	snprintf(path, sizeof path, "%s/csvkit/%s", corpus, name);
	o.delimiter = c->delimiter;
	e = csvio_reader_open(&r, path, &o);
	if (e != AR_OK) {
		snprintf(line, sizeof line, "open %s@%ld ", err_name(e), r ? csvio_error(r)->line : -1);
		put(&b, line, strlen(line));
		put(&b, r ? csvio_error(r)->message : "(no reader)", strlen(r ? csvio_error(r)->message : "(no reader)"));
	} else {
		put(&b, "header ", 7);
		for (i = 0; i < csvio_ncolumns(r); i++) {
			if (i > 0)
				put(&b, "|", 1);
			put_field(&b, csvio_column_name(r, i), strlen(csvio_column_name(r, i)));
		}
		if (c->column != NULL)
			EXPECT_EQ_INT(csvio_column(r, c->column), c->index);
		while ((e = csvio_read(r, &rec)) == AR_OK) {
			snprintf(line, sizeof line, "\n%ld: ", rec.line);
			put(&b, line, strlen(line));
			for (i = 0; i < rec.nfields; i++) {
				if (i > 0)
					put(&b, "|", 1);
				put_field(&b, rec.field[i].ptr, rec.field[i].len);
			}
		}
		if (e == AR_EOF) {
			put(&b, "\nEOF", 4);
		} else {
			snprintf(line, sizeof line, "\n%s@%ld ", err_name(e), csvio_error(r)->line);
			put(&b, line, strlen(line));
			put(&b, csvio_error(r)->message, strlen(csvio_error(r)->message));
		}
	}
	EXPECT_EQ_STR(b.s, c->dump);
	csvio_reader_close(r);
	free(b.s);
}

static void
corpus_is_present(void)
{
	char path[8192];
	FILE *fp;

	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	snprintf(path, sizeof path, "%s/SOURCES.md", corpus);
	fp = fopen(path, "r");
	EXPECT(fp != NULL);
	if (fp == NULL) {
		printf("#   no csv-spectrum corpus at %s (set SHARED)\n", corpus);
		test_fail(__FILE__, __LINE__, "corpus missing");
		return;
	}
	fclose(fp);
}

static size_t
run_dir(const char *sub, const char *suffix, void (*fn)(const char *))
{
	char dir[8192], name[512];
	char **names;
	size_t n, i;

	snprintf(dir, sizeof dir, "%s/%s", corpus, sub);
	if ((names = list_dir(dir, suffix, &n)) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s/%s", sub, names[i]);
		run_named(name, fn, names[i]);
		free(names[i]);
	}
	free(names);
	return n;
}

static size_t nspectrum, nkit;

static void
every_fixture_was_run(void)
{
	/* the counts in SOURCES.md: 12 csv-spectrum CSVs, 28 csvkit files */
	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	EXPECT(nspectrum >= 12);
	EXPECT(nkit >= 28);
}

int
main(void)
{
	const char *shared = getenv("SHARED");

	snprintf(corpus, sizeof corpus, "%s/external/csv-spectrum",
	    shared && *shared ? shared : "../shared");
	RUN(corpus_is_present);
	nspectrum = run_dir("max-mapper/csvs", ".csv", check_spectrum_file);
	nkit = run_dir("csvkit", ".csv", check_kit_file);
	nkit += run_dir("csvkit", ".tsv", check_kit_file);
	RUN(every_fixture_was_run);
	return test_summary();
}
