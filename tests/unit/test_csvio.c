/*
 * test_csvio.c - the CSV reader and writer, case by case.
 *
 * Most cases read a string through csvio_reader_from_stream() and compare a
 * dump of everything the reader said:
 *
 *   header a|b                     the header row, fields joined by '|'
 *   2: 1|2                         a record and the line it starts on
 *   EOF                            or: EFIELDS@3 record has 1 field, header has 2
 *
 * CR, LF and tab inside fields are shown as \r \n \t.
 */
#include "core/csvio.h"
#include "test.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

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

/* A growing string for dumps. */
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
putf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
putf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
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

/* Everything the reader says about in[0..n), as text. */
static bool dump_no_header;	/* dump_reader with csvio_opts.no_header */
static bool dump_short_rows;	/* and .short_rows */
static const char *dump_columns;	/* and .columns */

static char *
dump_reader(const char *in, size_t n, char delim)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record rec;
	struct buf b = { 0 };
	long last = 0;
	size_t i;
	ar_err e;
	FILE *fp = tmpfile();

	fwrite(in, 1, n, fp);
	rewind(fp);
	o.delimiter = delim;
	o.no_header = dump_no_header;
	o.short_rows = dump_short_rows;
	o.columns = dump_columns;
	e = csvio_reader_from_stream(&r, fp, "t.csv", &o);
	if (e != AR_OK) {
		putf(&b, "open %s@%ld %s", err_name(e), r ? csvio_error(r)->line : -1,
		    r ? csvio_error(r)->message : "(no reader)");
		csvio_reader_close(r);
		fclose(fp);
		return b.s;
	}
	put(&b, "header ", 7);
	for (i = 0; i < csvio_ncolumns(r); i++) {
		if (i > 0)
			put(&b, "|", 1);
		put_field(&b, csvio_column_name(r, i), strlen(csvio_column_name(r, i)));
	}
	while ((e = csvio_read(r, &rec)) == AR_OK) {
		if (!dump_short_rows)
			EXPECT_EQ_INT(rec.nfields, csvio_ncolumns(r));
		EXPECT(rec.line >= last);
		last = rec.line;
		putf(&b, "\n%ld: ", rec.line);
		for (i = 0; i < rec.nfields; i++) {
			EXPECT(rec.field[i].ptr[rec.field[i].len] == '\0');
			if (i > 0)
				put(&b, "|", 1);
			put_field(&b, rec.field[i].ptr, rec.field[i].len);
		}
	}
	if (e == AR_EOF)
		put(&b, "\nEOF", 4);
	else
		putf(&b, "\n%s@%ld %s", err_name(e), csvio_error(r)->line, csvio_error(r)->message);
	/* Errors are sticky: asking again gives the same answer. */
	EXPECT_EQ_INT(csvio_read(r, &rec), e);
	csvio_reader_close(r);
	fclose(fp);
	return b.s;
}

#define CHECK_DELIM(in, delim, want) do { \
	char *dump_ = dump_reader((in), sizeof(in) - 1, (delim)); \
	EXPECT_EQ_STR(dump_, (want)); \
	free(dump_); \
} while (0)
#define CHECK(in, want) CHECK_DELIM(in, ',', want)

/* Reading: line ends, BOM, delimiters */

static void
reads_simple_lf(void)
{
	CHECK("a,b,c\n1,2,3\n4,5,6\n", "header a|b|c\n2: 1|2|3\n3: 4|5|6\nEOF");
}

static void
reads_last_line_without_newline(void)
{
	CHECK("a,b\n1,2\n3,4", "header a|b\n2: 1|2\n3: 3|4\nEOF");
}

static void
reads_crlf(void)
{
	CHECK("a,b\r\n1,2\r\n\r\n3,4\r\n", "header a|b\n2: 1|2\n4: 3|4\nEOF");
}

static void
reads_cr_only(void)
{
	CHECK("a,b\r1,2\r\r3,4\r", "header a|b\n2: 1|2\n4: 3|4\nEOF");
}

static void
reads_cr_only_with_quoted_cr(void)
{
	CHECK("a,b\r\"x\ry\",1\r2,3", "header a|b\n2: x\\ry|1\n4: 2|3\nEOF");
}

static void
strips_utf8_bom(void)
{
	CHECK("\xEF\xBB\xBF" "a,b\n1,2\n", "header a|b\n2: 1|2\nEOF");
}

static void
strips_utf8_bom_before_crlf(void)
{
	CHECK("\xEF\xBB\xBF" "a,b\r\n1,2\r\n", "header a|b\n2: 1|2\nEOF");
}

static void
bom_not_at_start_is_data(void)
{
	CHECK("a,b\n\xEF\xBB\xBF" "1,2\n", "header a|b\n2: \xEF\xBB\xBF" "1|2\nEOF");
}

static void
bom_alone_is_empty_input(void)
{
	CHECK("\xEF\xBB\xBF", "open ENOHEADER@0 empty input, expected a header row");
}

static void
reads_semicolon_delimiter(void)
{
	CHECK_DELIM("a;b\n1,5;\"x;y\"\n", ';', "header a|b\n2: 1,5|x;y\nEOF");
}

static void
reads_tab_delimiter(void)
{
	CHECK_DELIM("a\tb\tc\n1\t\t3\n x \t\"y\tz\"\t\n", '\t',
	    "header a|b|c\n2: 1||3\n3: x|y\\tz|\nEOF");
}

/* libcsv trims blanks, but tests the delimiter first: a tab delimiter stays one. */
static void
tab_delimiter_is_never_trimmed(void)
{
	CHECK_DELIM("a\tb\tc\n\t\tx\n\t \t\n \t\t \n", '\t',
	    "header a|b|c\n2: ||x\n3: ||\n4: ||\nEOF");
}

static void
reads_pipe_delimiter(void)
{
	CHECK_DELIM("a|b\n1,2|3\n", '|', "header a|b\n2: 1,2|3\nEOF");
}

/* libcsv's default, kept: blanks around unquoted fields are not data. */
static void
trims_blanks_around_unquoted_fields(void)
{
	CHECK("a , b\n  1 ,\t2\t\n1 2 , x  y\n", "header a|b\n2: 1|2\n3: 1 2|x  y\nEOF");
}

static void
trims_blanks_around_quoted_fields(void)
{
	CHECK("a,b\n1, \"x\" \n \"y\"\t,2\n", "header a|b\n2: 1|x\n3: y|2\nEOF");
}

static void
trims_header_names(void)
{
	struct csvio_reader *r;
	FILE *fp = fmemopen((char *)"Customer , amount\n", 18, "r");

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_STR(csvio_column_name(r, 0), "Customer");
	EXPECT_EQ_STR(csvio_column_name(r, 1), "amount");
	EXPECT_EQ_INT(csvio_column(r, "amount"), 1);
	csvio_reader_close(r);
	fclose(fp);
}

static void
keeps_quoted_header_names_exactly(void)
{
	CHECK("\" Customer \",\"amount\t\"\n", "header  Customer |amount\\t\nEOF");
}

/* Reading: quoting */

static void
reads_quoted_delimiters_and_quotes(void)
{
	CHECK("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\"\"\n",
	    "header a|b|c\n2: x,y|say \"hi\"|\"\nEOF");
}

static void
quoted_empty_and_empty_are_both_empty(void)
{
	CHECK("a,b,c\n,\"\",\n", "header a|b|c\n2: ||\nEOF");
}

static void
keeps_blanks_inside_quotes(void)
{
	CHECK("a,b\n\" x \",\"\t\"\n", "header a|b\n2:  x |\\t\nEOF");
}

static void
reads_quoted_newlines(void)
{
	CHECK("a,b\n\"line 1\nline 2\",x\n", "header a|b\n2: line 1\\nline 2|x\nEOF");
}

static void
keeps_crlf_inside_quotes(void)
{
	CHECK("a,b\r\n\"x\r\ny\",1\r\n", "header a|b\n2: x\\r\\ny|1\nEOF");
}

static void
reads_quoted_header(void)
{
	CHECK("\"due\ndate\",\"a,b\"\n1,2\n", "header due\\ndate|a,b\n3: 1|2\nEOF");
}

/*
 * A quote inside a field that does not begin with one is data, as in Excel
 * and Python's csv: inch marks in ERP item texts, 37.8"N in coordinates.
 */
static void
reads_bare_quote_inside_unquoted_field(void)
{
	CHECK("item,qty\nPIPE 1/2\" STEEL,4\n", "header item|qty\n2: PIPE 1/2\" STEEL|4\nEOF");
	CHECK("a,b\n1,37.8\"N 121.2\"W\n", "header a|b\n2: 1|37.8\"N 121.2\"W\nEOF");
}

static void
reads_bare_quote_at_end_of_field(void)
{
	CHECK("item,qty\nPIPE 1/2\",4\n2,PIPE 1/2\"\r\n3,PIPE 3/4\"",
	    "header item|qty\n2: PIPE 1/2\"|4\n3: 2|PIPE 1/2\"\n4: 3|PIPE 3/4\"\nEOF");
	/* trailing blanks after it are trimmed as after any unquoted field */
	CHECK("a,b\nPIPE 1/2\" ,x\n", "header a|b\n2: PIPE 1/2\"|x\nEOF");
}

static void
reads_several_bare_quotes(void)
{
	CHECK("a,b,c\n5\" x 3\",x \"y\",a\"\"b\n",
	    "header a|b|c\n2: 5\" x 3\"|x \"y\"|a\"\"b\nEOF");
}

/* A bare quote quotes nothing: the delimiter and line end after it still count. */
static void
bare_quote_does_not_start_quoting(void)
{
	CHECK("a,b,c\n1,a\"b,c\"\n2,3,4\n", "header a|b|c\n2: 1|a\"b|c\"\n3: 2|3|4\nEOF");
}

static void
reads_bare_quote_in_header(void)
{
	CHECK("size\",b\n1,2\n", "header size\"|b\n2: 1|2\nEOF");
}

/* A field whose first non-blank byte is a quote is a quoted field, even a lone one. */
static void
lone_quote_starts_a_quoted_field(void)
{
	CHECK("a,b\n1,\"\n2,3\n", "header a|b\nEQUOTE@2 quoted field never closed");
	CHECK("a,b\n1, \"\n2,3\"\n", "header a|b\n2: 1|\\n2,3\nEOF");
}

/* Reading: line numbers */

static void
line_after_multiline_field(void)
{
	CHECK("a,b\n\"x\ny\nz\",1\n2,3\n\"p\n\nq\",4\n5,6\n",
	    "header a|b\n2: x\\ny\\nz|1\n5: 2|3\n6: p\\n\\nq|4\n9: 5|6\nEOF");
}

static void
line_after_blank_lines(void)
{
	CHECK("a,b\n\n1,2\n\n\n3,4\n\n", "header a|b\n3: 1|2\n6: 3|4\nEOF");
}

static void
line_of_header_after_blank_lines(void)
{
	CHECK("\n\n\na,b\n1,2\n", "header a|b\n5: 1|2\nEOF");
}

static void
line_after_multiline_field_crlf(void)
{
	CHECK("a,b\r\n\"x\r\n\r\ny\",1\r\n2,3\r\n",
	    "header a|b\n2: x\\r\\n\\r\\ny|1\n5: 2|3\nEOF");
}

static void
stray_cr_ends_a_record_on_the_same_line(void)
{
	/* libcsv ends a record at any unquoted CR; the line count goes by LF. */
	CHECK("a,b\n1,2\r3,4\n5,6\n", "header a|b\n2: 1|2\n2: 3|4\n3: 5|6\nEOF");
}

/*
 * A line end at every offset of quoted fields of every length up to 40, in
 * LF and in CR-only files: fields are copied a word at a time, and a line
 * end missed in any word would throw off every line number after it.
 */
static void
line_end_at_every_offset_of_a_field(void)
{
	static const char eols[] = { '\n', '\r' }, filler[] = "x\v\f ";
	struct buf in;
	struct csvio_reader *r;
	struct csvio_record rec;
	size_t len, at, e, i;
	long line;
	FILE *fp;

	for (e = 0; e < sizeof eols; e++) {
		memset(&in, 0, sizeof in);
		putf(&in, "a,b%c", eols[e]);
		for (len = 1; len <= 40; len++) {
			for (at = 0; at < len; at++) {
				put(&in, "\"", 1);
				for (i = 0; i < len; i++)
					put(&in, i == at ? &eols[e] : &filler[i % 4], 1);
				putf(&in, "\",%zu%c", len, eols[e]);
			}
		}
		fp = fmemopen(in.s, in.len, "r");
		EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
		line = 2;
		for (len = 1; len <= 40; len++) {
			for (at = 0; at < len; at++, line += 2) {
				EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
				EXPECT_EQ_INT(rec.line, line);
				EXPECT_EQ_INT(rec.field[0].len, len);
				EXPECT_EQ_INT(rec.field[0].ptr[at], eols[e]);
				EXPECT_EQ_INT(rec.field[0].ptr[len], '\0');
			}
		}
		EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
		csvio_reader_close(r);
		fclose(fp);
		free(in.s);
	}
}

/* Many short lines, so records straddle the 64 KiB block boundaries. */
static void
line_numbers_across_blocks(void)
{
	struct buf in = { 0 };
	struct csvio_reader *r;
	struct csvio_record rec;
	long i, n = 0, bad = 0;
	FILE *fp;

	put(&in, "n,text\r\n", 8);
	for (i = 2; i <= 30000; i++) {
		if (i % 1000 == 0)
			putf(&in, "%ld,\"two\r\nlines\"\r\n", i), i++;
		else
			putf(&in, "%ld,row %ld\r\n", i, i);
	}
	fp = fmemopen(in.s, in.len, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	while (csvio_read(r, &rec) == AR_OK) {
		n++;
		if (strtol(rec.field[0].ptr, NULL, 10) != rec.line)
			bad++;
	}
	EXPECT_EQ_INT(bad, 0);
	EXPECT_EQ_INT(n, 29999 - 29);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	csvio_reader_close(r);
	fclose(fp);
	free(in.s);
}

/* CR at the last byte of a block, its LF at the first byte of the next. */
static void
crlf_split_across_blocks(void)
{
	char *in = malloc(65536 + 16);
	struct csvio_reader *r;
	struct csvio_record rec;
	FILE *fp;

	memcpy(in, "a\r\n", 3);
	memset(in + 3, 'x', 65535 - 3);
	memcpy(in + 65535, "\r\ny\r\n", 5);
	fp = fmemopen(in, 65540, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_INT(rec.line, 2);
	EXPECT_EQ_INT(rec.field[0].len, 65532);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_INT(rec.line, 3);
	EXPECT_EQ_STR(rec.field[0].ptr, "y");
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	csvio_reader_close(r);
	fclose(fp);
	free(in);
}

/*
 * Inputs built around the 64 KiB block boundary: "a\n" then padding lines
 * of x so that `tail` starts exactly at offset `at` of the input.
 */
static char *
around_block(size_t at, const char *tail, size_t tail_len, size_t *n)
{
	char *in = malloc(at + tail_len);
	size_t i;

	memcpy(in, "a\n", 2);
	for (i = 2; i < at; i++)
		in[i] = (i - 2) % 100 == 99 ? '\n' : 'x';
	in[at - 1] = '\n';
	memcpy(in + at, tail, tail_len);
	*n = at + tail_len;
	return in;
}

/* The dump of such an input without the header and the padding records. */
static char *
dump_around_block(size_t at, const char *tail, size_t tail_len)
{
	size_t n;
	char *in = around_block(at, tail, tail_len, &n), *d, *line, *next, *out;

	d = dump_reader(in, n, ',');
	out = calloc(1, strlen(d) + 1);
	for (line = d; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "header ", 7) == 0 || strstr(line, "xxxx") != NULL)
			continue;
		if (*out != '\0')
			strcat(out, "\n");
		strcat(out, line);
	}
	free(in);
	free(d);
	return out;
}

#define CHECK_BLOCK(at, tail, want) do { \
	char *dump_ = dump_around_block((at), (tail), sizeof(tail) - 1); \
	EXPECT_EQ_STR(dump_, (want)); \
	free(dump_); \
} while (0)

/* Found by the benchmark: a sequence cut by the block end was refused. */
static void
utf8_cut_by_block_end_is_valid(void)
{
	CHECK_BLOCK(65536 - 1, "\xE6\x87\x89\n", "658: \xE6\x87\x89\nEOF");
	CHECK_BLOCK(65536 - 2, "\xE6\x87\x89\n", "658: \xE6\x87\x89\nEOF");
	CHECK_BLOCK(65536 - 3, "\xF0\x9F\x98\x80\n", "658: \xF0\x9F\x98\x80\nEOF");
	CHECK_BLOCK(65536 - 1, "\xC3\xA9\n", "658: \xC3\xA9\nEOF");
}

static void
utf8_broken_across_block_end(void)
{
	CHECK_BLOCK(65536 - 1, "\xE6,\n", "EUTF8@658 invalid UTF-8 in field 1");
	CHECK_BLOCK(65536 - 2, "\xE6\x87x\n", "EUTF8@658 invalid UTF-8 in field 1");
	CHECK_BLOCK(65536 - 1, "\xED\xA0\x80\n", "EUTF8@658 invalid UTF-8 in field 1");
}

static void
utf8_cut_by_end_of_input(void)
{
	CHECK_BLOCK(65536 - 1, "\xE6", "EUTF8@658 invalid UTF-8 in field 1");
	CHECK_BLOCK(65536 - 2, "\xE6\x87", "EUTF8@658 invalid UTF-8 in field 1");
	CHECK_BLOCK(100, "\xE6\x87", "EUTF8@3 invalid UTF-8 in field 1");
}

static void
nul_in_a_later_block(void)
{
	CHECK_BLOCK(65536 + 5000, "x\0\n", "ENUL@708 NUL byte in field 1");
}

static void
multiline_field_across_block_end(void)
{
	CHECK_BLOCK(65536 - 3, "\"p\nq\"\ny\n", "658: p\\nq\n660: y\nEOF");
	CHECK_BLOCK(65536 - 3, "\"p\nq\"z\n", "ESYNTAX@659 text after the closing quote of field 1");
	CHECK_BLOCK(65536 - 3, "\"p\nq\n\n", "EQUOTE@658 quoted field never closed");
}

/* libcsv stops before a bare quote; one at either side of a block boundary. */
static void
bare_quote_at_block_boundary(void)
{
	CHECK_BLOCK(65536 - 1, "x\"\n", "658: x\"\nEOF");
	CHECK_BLOCK(65536 - 2, "x\"\n", "658: x\"\nEOF");
	CHECK_BLOCK(65536 - 2, "x\"y\"\n", "658: x\"y\"\nEOF");
	CHECK_BLOCK(65536 - 3, "\"p\"q\n", "ESYNTAX@658 text after the closing quote of field 1");
}

/* A 1 MB quoted field with newlines, longer than many blocks. */
static void
reads_field_longer_than_a_block(void)
{
	size_t big = 1 << 20, i;
	char *in = malloc(big + 64);
	struct csvio_reader *r;
	struct csvio_record rec;
	size_t n = 0;
	FILE *fp;

	n += (size_t)sprintf(in, "a,b\n1,\"");
	for (i = 0; i < big; i++)
		in[n++] = i % 100 == 99 ? '\n' : 'a' + i % 26;
	n += (size_t)sprintf(in + n, "\"\n2,x\n");
	fp = fmemopen(in, n, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_INT(rec.line, 2);
	EXPECT_EQ_INT(rec.field[1].len, big);
	EXPECT(memcmp(rec.field[1].ptr, in + 7, big) == 0);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_INT(rec.line, 2 + (long)(big / 100) + 1);
	EXPECT_EQ_STR(rec.field[1].ptr, "x");
	csvio_reader_close(r);
	fclose(fp);
	free(in);
}

/* Reading: header and columns */

static void
header_only_gives_eof(void)
{
	CHECK("a,b,c\n", "header a|b|c\nEOF");
}

static void
header_without_newline(void)
{
	CHECK("a,b,c", "header a|b|c\nEOF");
}

static void
finds_columns_by_name(void)
{
	struct csvio_reader *r;
	FILE *fp = fmemopen((char *)"customer,doc_no,amount\n", 23, "r");

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "items.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_ncolumns(r), 3);
	EXPECT_EQ_INT(csvio_column(r, "amount"), 2);
	EXPECT_EQ_INT(csvio_column(r, "customer"), 0);
	EXPECT_EQ_INT(csvio_column(r, "doc_no"), 1);
	EXPECT_EQ_INT(csvio_column(r, "Amount"), -1);
	EXPECT_EQ_INT(csvio_column(r, "amoun"), -1);
	EXPECT_EQ_INT(csvio_column(r, "zzz"), -1);
	EXPECT_EQ_INT(csvio_column(r, ""), -1);
	EXPECT_EQ_STR(csvio_column_name(r, 1), "doc_no");
	EXPECT(csvio_column_name(r, 3) == NULL);
	EXPECT_EQ_STR(csvio_name(r), "items.csv");
	csvio_reader_close(r);
	fclose(fp);
}

static void
rejects_duplicate_column(void)
{
	CHECK("customer,amount,note,amount\n1,2,3,4\n",
	    "open EDUPCOLUMN@1 column \"amount\" appears twice in the header");
}

static void
rejects_duplicate_column_after_blank_lines(void)
{
	CHECK("\n\na,a\n", "open EDUPCOLUMN@3 column \"a\" appears twice in the header");
}

/* "Amount" and "amount": one reader would take one, another the other. */
static void
rejects_column_twice_in_different_case(void)
{
	CHECK("customer,Amount,note,amount\n1,2,3,4\n",
	    "open EDUPCOLUMN@1 column \"amount\" appears twice in the header "
	    "(as \"Amount\" and \"amount\")");
	/* the spellings in header order, whichever sorts first */
	CHECK("amount,x,AMOUNT\n1,2,3\n",
	    "open EDUPCOLUMN@1 column \"amount\" appears twice in the header "
	    "(as \"amount\" and \"AMOUNT\")");
	CHECK("Due_Date,due_date,due_date\n",
	    "open EDUPCOLUMN@1 column \"due_date\" appears twice in the header "
	    "(as \"Due_Date\" and \"due_date\")");
	/* ASCII case only: other bytes are compared as they are */
	CHECK("\xc3\x89tat,\xc3\xa9tat\n1,2\n",
	    "header \xc3\x89tat|\xc3\xa9tat\n2: 1|2\nEOF");
}

/* Lookups stay exact among names that fold alike to others. */
static void
finds_columns_exactly_among_mixed_case(void)
{
	struct csvio_reader *r;
	FILE *fp = fmemopen((char *)"b,A,a_,B_,c\n", 12, "r");

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_column(r, "A"), 1);
	EXPECT_EQ_INT(csvio_column(r, "a"), -1);
	EXPECT_EQ_INT(csvio_column(r, "a_"), 2);
	EXPECT_EQ_INT(csvio_column(r, "B_"), 3);
	EXPECT_EQ_INT(csvio_column(r, "b_"), -1);
	EXPECT_EQ_INT(csvio_column(r, "b"), 0);
	EXPECT_EQ_INT(csvio_column(r, "c"), 4);
	csvio_reader_close(r);
	fclose(fp);
}

/* Without a header the columns are "1", "2", ...: "10" is found as well as "2". */
static void
finds_numbered_columns_without_header(void)
{
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	FILE *fp = fmemopen((char *)"a,b,c,d,e,f,g,h,i,j,k,l\n", 24, "r");
	char name[16];

	o.no_header = true;
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_OK);
	for (int i = 1; i <= 12; i++) {
		snprintf(name, sizeof name, "%d", i);
		EXPECT_EQ_INT(csvio_column(r, name), i - 1);
	}
	EXPECT_EQ_INT(csvio_column(r, "13"), -1);
	csvio_reader_close(r);
	fclose(fp);
}

static void
allows_repeated_unnamed_columns(void)
{
	struct csvio_reader *r;
	FILE *fp = fmemopen((char *)"a,,b,\n1,2,3,4\n", 14, "r");
	struct csvio_record rec;

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_ncolumns(r), 4);
	EXPECT_EQ_INT(csvio_column(r, ""), -1);
	EXPECT_EQ_INT(csvio_column(r, "b"), 2);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_STR(rec.field[3].ptr, "4");
	csvio_reader_close(r);
	fclose(fp);
}

static void
many_columns(void)
{
	struct buf in = { 0 };
	struct csvio_reader *r;
	struct csvio_record rec;
	FILE *fp;
	int i;

	for (i = 0; i < 5000; i++)
		putf(&in, "%sc%d", i ? "," : "", 4999 - i);
	put(&in, "\n", 1);
	for (i = 0; i < 5000; i++)
		putf(&in, "%s%d", i ? "," : "", i);
	fp = fmemopen(in.s, in.len, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_column(r, "c0"), 4999);
	EXPECT_EQ_INT(csvio_column(r, "c4999"), 0);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_STR(rec.field[4999].ptr, "4999");
	csvio_reader_close(r);
	fclose(fp);
	free(in.s);
}

/* Errors */

static void
rejects_empty_input(void)
{
	CHECK("", "open ENOHEADER@0 empty input, expected a header row");
}

static void
rejects_blank_lines_only(void)
{
	CHECK("\n\r\n\n", "open ENOHEADER@0 empty input, expected a header row");
}

static void
rejects_too_many_fields(void)
{
	CHECK("a,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5,6,7\n",
	    "header a|b|c|d|e|f\n2: 1|2|3|4|5|6\nEFIELDS@3 record has 7 fields, header has 6");
}

static void
rejects_too_few_fields(void)
{
	CHECK("a,b,c,d,e,f\n1,2,3,4,5\n",
	    "header a|b|c|d|e|f\nEFIELDS@2 record has 5 fields, header has 6");
}

static void
rejects_one_field_singular(void)
{
	CHECK("a,b\n1,2\n\nx\n", "header a|b\n2: 1|2\nEFIELDS@4 record has 1 field, header has 2");
}

static void
line_of_blanks_is_a_blank_line(void)
{
	CHECK("a,b\n  \n\t\n1,2\n", "header a|b\n4: 1|2\nEOF");
}

static void
wrong_field_count_names_start_of_multiline_record(void)
{
	CHECK("a,b\n1,2\n\"x\ny\"\n", "header a|b\n2: 1|2\nEFIELDS@3 record has 1 field, header has 2");
}

static void
record_before_error_on_same_line_is_returned(void)
{
	CHECK("a,b\n1,2\r3\n", "header a|b\n2: 1|2\nEFIELDS@2 record has 1 field, header has 2");
}

static void
rejects_unterminated_quote(void)
{
	CHECK("a,b\n1,2\n3,\"open\n4,5\n6,7\n",
	    "header a|b\n2: 1|2\nEQUOTE@3 quoted field never closed");
}

static void
rejects_unterminated_quote_in_header(void)
{
	CHECK("a,\"b\n", "open EQUOTE@1 quoted field never closed");
}

static void
rejects_text_after_closing_quote(void)
{
	CHECK("a,b\n\"x\"y,2\n", "header a|b\nESYNTAX@2 text after the closing quote of field 1");
	CHECK("a,b\n1,2\n3,\"abc\"def\n4,5\n",
	    "header a|b\n2: 1|2\nESYNTAX@3 text after the closing quote of field 2");
	/* a bare quote earlier on the line changes nothing */
	CHECK("a,b\n1\",\"abc\"def\n", "header a|b\nESYNTAX@2 text after the closing quote of field 2");
}

static void
rejects_text_after_closing_quote_at_end_of_input(void)
{
	CHECK("a,b\n1,\"abc\"d", "header a|b\nESYNTAX@2 text after the closing quote of field 2");
}

static void
rejects_second_quoted_part(void)
{
	CHECK("a,b\n1,\"x\" \"y\"\n", "header a|b\nESYNTAX@2 text after the closing quote of field 2");
}

static void
syntax_error_names_line_of_the_error(void)
{
	CHECK("a,b\n\"x\n\ny\"z,1\n", "header a|b\nESYNTAX@4 text after the closing quote of field 1");
}

static void
rejects_latin1(void)
{
	CHECK("name,city\nJos\xE9,Sabah\n", "header name|city\nEUTF8@2 invalid UTF-8 in field 1");
}

static void
rejects_latin1_in_header(void)
{
	CHECK("a,b,na\xEFve\n1,2,3\n", "open EUTF8@1 invalid UTF-8 in field 3");
}

static void
rejects_overlong_utf8(void)
{
	CHECK("a\n\xC0\xAF\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
	CHECK("a\n\xE0\x80\xAF\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
	CHECK("a\n\xF0\x80\x80\xAF\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
}

static void
rejects_surrogates_and_past_max(void)
{
	CHECK("a\n\xED\xA0\x80\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
	CHECK("a\n\xF4\x90\x80\x80\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
	CHECK("a\n\xF5\x80\x80\x80\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
}

static void
rejects_truncated_utf8(void)
{
	CHECK("a,b\n\xE6\x97,x\n", "header a|b\nEUTF8@2 invalid UTF-8 in field 1");
	CHECK("a,b\nx,\xE6\x97", "header a|b\nEUTF8@2 invalid UTF-8 in field 2");
	CHECK("a,b\nx,\"\xE6\x97\n\"\n", "header a|b\nEUTF8@2 invalid UTF-8 in field 2");
}

static void
accepts_all_utf8_lengths(void)
{
	/* é (2), 應收 (3), 😀 (4), U+10FFFF, U+D7FF, U+E000 */
	CHECK("a,b,c\n\xC3\xA9,\xE6\x87\x89\xE6\x94\xB6,\xF0\x9F\x98\x80\n"
	    "\xF4\x8F\xBF\xBF,\xED\x9F\xBF,\xEE\x80\x80\n",
	    "header a|b|c\n2: \xC3\xA9|\xE6\x87\x89\xE6\x94\xB6|\xF0\x9F\x98\x80\n"
	    "3: \xF4\x8F\xBF\xBF|\xED\x9F\xBF|\xEE\x80\x80\nEOF");
}

static void
long_field_with_utf8_after_ascii_run(void)
{
	/* The 8-byte ASCII path must hand over to the multibyte check. */
	CHECK("a\nabcdefghijklmnop\xE6\x87\x89qrstuvwx\n",
	    "header a\n2: abcdefghijklmnop\xE6\x87\x89qrstuvwx\nEOF");
	CHECK("a\nabcdefghijklmnop\xE6\x87qrstuvwx\n", "header a\nEUTF8@2 invalid UTF-8 in field 1");
}

static void
rejects_utf16_le(void)
{
	CHECK("\xFF\xFE" "a\0,\0b\0\n\0", "open EUTF8@1 UTF-16 input (convert it to UTF-8 first)");
}

static void
rejects_utf16_be(void)
{
	CHECK("\xFE\xFF\0a\0,\0b\0\n", "open EUTF8@1 UTF-16 input (convert it to UTF-8 first)");
}

static void
rejects_nul(void)
{
	CHECK("a,b,c\n1,2,3\n4,5\0,6\n", "header a|b|c\n2: 1|2|3\nENUL@3 NUL byte in field 2");
}

static void
rejects_nul_in_long_field(void)
{
	CHECK("a\nabcdefghijkl\0mnopqrstuvwxyz\n", "header a\nENUL@2 NUL byte in field 1");
}

static void
rejects_nul_in_quoted_field(void)
{
	CHECK("a,b\n1,\"x\n\0\"\n", "header a|b\nENUL@2 NUL byte in field 2");
}

static void
rejects_bad_delimiter(void)
{
	struct csvio_opts o = { '"', false, false, NULL };
	struct csvio_reader *r = (struct csvio_reader *)1;
	FILE *fp = fmemopen((char *)"a\n", 2, "r");

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_EUSAGE);
	EXPECT(r == NULL);
	o.delimiter = '\n';
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_EUSAGE);
	o.delimiter = (char)0xA7;
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_EUSAGE);
	fclose(fp);
}

static void
open_reads_a_named_file(void)
{
	char path[] = "/tmp/test_csvio_XXXXXX";
	struct csvio_reader *r;
	struct csvio_record rec;
	int fd = mkstemp(path);

	EXPECT(fd >= 0);
	EXPECT(write(fd, "a,b\n1,2\n", 8) == 8);
	close(fd);
	EXPECT_EQ_INT(csvio_reader_open(&r, path, NULL), AR_OK);
	EXPECT_EQ_STR(csvio_name(r), path);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_STR(rec.field[1].ptr, "2");
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	csvio_reader_close(r);
	unlink(path);
}

static void
open_missing_file_sets_errno(void)
{
	struct csvio_reader *r = (struct csvio_reader *)1;

	errno = 0;
	EXPECT_EQ_INT(csvio_reader_open(&r, "/nonexistent/dir/x.csv", NULL), AR_EOPEN);
	EXPECT_EQ_INT(errno, ENOENT);
	EXPECT(r == NULL);
}

static void
read_error_is_eio(void)
{
	struct csvio_reader *r = NULL;

	/* fopen() takes a directory; the first read fails with EISDIR. */
	EXPECT_EQ_INT(csvio_reader_open(&r, "/tmp", NULL), AR_EIO);
	EXPECT(r != NULL);
	if (r != NULL) {
		EXPECT(strncmp(csvio_error(r)->message, "read error: ", 12) == 0);
		EXPECT_EQ_INT(csvio_error(r)->line, 1);
	}
	csvio_reader_close(r);
}

/* Writer */

static char *
write_fields(char delim, bool crlf, const char *const *fields)
{
	struct csvio_writer w;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	size_t i;

	csvio_writer_init(&w, fp, delim, crlf);
	for (i = 0; fields[i] != NULL; i++) {
		if (strcmp(fields[i], "\n") == 0)
			csvio_end_record(&w);
		else
			csvio_write_str(&w, fields[i]);
	}
	fclose(fp);
	return out;
}

#define CHECK_WRITE(delim, crlf, want, ...) do { \
	const char *fields_[] = { __VA_ARGS__, NULL }; \
	char *dump_ = write_fields((delim), (crlf), fields_); \
	EXPECT_EQ_STR(dump_, (want)); \
	free(dump_); \
} while (0)

static void
writer_leaves_plain_fields_bare(void)
{
	CHECK_WRITE(',', false, "a,b c,1.234,56-,\xE6\x87\x89\xE6\x94\xB6\n",
	    "a", "b c", "1.234", "56-", "\xE6\x87\x89\xE6\x94\xB6", "\n");
}

static void
writer_quotes_delimiter(void)
{
	CHECK_WRITE(',', false, "\"1,234.56\",x\n", "1,234.56", "x", "\n");
}

static void
writer_quotes_only_its_own_delimiter(void)
{
	CHECK_WRITE(';', false, "1,5;\"a;b\"\n", "1,5", "a;b", "\n");
	CHECK_WRITE('\t', false, "a,b\t\"c\td\"\n", "a,b", "c\td", "\n");
}

static void
writer_doubles_quotes(void)
{
	CHECK_WRITE(',', false, "\"say \"\"hi\"\"\",\"\"\"\"\n", "say \"hi\"", "\"", "\n");
}

static void
writer_quotes_cr_and_lf(void)
{
	CHECK_WRITE(',', false, "\"a\nb\",\"c\rd\",\"e\r\nf\"\n", "a\nb", "c\rd", "e\r\nf", "\n");
}

static void
writer_quotes_leading_and_trailing_blanks(void)
{
	CHECK_WRITE(',', false, "\" a\",\"b \",\"\tc\",\"d\t\",e f\n",
	    " a", "b ", "\tc", "d\t", "e f", "\n");
}

static void
writer_quotes_leading_bom_character(void)
{
	CHECK_WRITE(',', false, "\"\xEF\xBB\xBFx\",y\xEF\xBB\xBF\n", "\xEF\xBB\xBFx", "y\xEF\xBB\xBF", "\n");
}

/* Found by fuzz_csv: a first name starting with U+FEFF lost it on re-read. */
static void
fuzz_bom_in_first_name_survives_round_trip(void)
{
	static const char in[] = "\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n1,2\n";
	struct csvio_reader *r, *back;
	struct csvio_writer w;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = fmemopen((char *)in, sizeof in - 1, "r"), *wfp, *bfp;

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", NULL), AR_OK);
	EXPECT_EQ_STR(csvio_column_name(r, 0), "\xEF\xBB\xBF" "a");
	wfp = open_memstream(&out, &len);
	csvio_writer_init(&w, wfp, ',', false);
	csvio_write_str(&w, csvio_column_name(r, 0));
	csvio_write_str(&w, csvio_column_name(r, 1));
	csvio_end_record(&w);
	fclose(wfp);
	bfp = fmemopen(out, len, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&back, bfp, "copy.csv", NULL), AR_OK);
	EXPECT_EQ_STR(csvio_column_name(back, 0), "\xEF\xBB\xBF" "a");
	csvio_reader_close(back);
	csvio_reader_close(r);
	fclose(bfp);
	fclose(fp);
	free(out);
}

static void
writer_leaves_empty_fields_empty(void)
{
	CHECK_WRITE(',', false, "a,,c,\n", "a", "", "c", "", "\n");
}

static void
writer_quotes_empty_first_field(void)
{
	/* else a record of one empty field would be a blank line */
	CHECK_WRITE(',', false, "\"\"\n\"\",x\n", "", "\n", "", "x", "\n");
}

static void
writer_ends_lines_with_crlf(void)
{
	CHECK_WRITE(',', true, "a,b\r\n1,2\r\n", "a", "b", "\n", "1", "2", "\n");
}

static void
writer_writes_long_fields(void)
{
	char big[200];
	char *got;
	const char *fields[] = { big, "\n", NULL };

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	got = write_fields(',', false, fields);
	EXPECT_EQ_INT(strlen(got), 200);
	EXPECT(memcmp(got, big, 199) == 0);
	free(got);
}

/* Round trip */

static void
round_trip(char delim, bool crlf)
{
	static const char *const fields[][4] = {
		{ "customer", "name", "amount", "note" },
		{ "C001", "Syarikat Maju, Sdn Bhd", "1,234.56", "" },
		{ "", " lead", "trail\t", "say \"no\"" },
		{ "C003", "\xE5\x8F\xB0\xE7\x81\xA3\xE5\x85\xAC\xE5\x8F\xB8", "-5", "two\nlines" },
		{ "C004", "cr\rin", "crlf\r\nin", "semi;colon\ttab|pipe" },
		{ "\"", "\"\"", ",", ";" },
		{ "", "", "", "" },
	};
	size_t nrec = sizeof fields / sizeof fields[0], i, j;
	struct csvio_opts o = { delim, false, false, NULL };
	struct csvio_writer w;
	struct csvio_reader *r;
	struct csvio_record rec;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	csvio_writer_init(&w, fp, delim, crlf);
	for (i = 0; i < nrec; i++) {
		for (j = 0; j < 4; j++)
			csvio_write_str(&w, fields[i][j]);
		csvio_end_record(&w);
	}
	fclose(fp);
	fp = fmemopen(out, len, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "rt.csv", &o), AR_OK);
	for (j = 0; j < 4; j++)
		EXPECT_EQ_STR(csvio_column_name(r, j), fields[0][j]);
	for (i = 1; i < nrec; i++) {
		EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
		EXPECT_EQ_INT(rec.nfields, 4);
		for (j = 0; j < 4 && j < rec.nfields; j++)
			EXPECT_EQ_STR(rec.field[j].ptr, fields[i][j]);
	}
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	csvio_reader_close(r);
	fclose(fp);
	free(out);
}

static void
round_trip_comma_lf(void)
{
	round_trip(',', false);
}

static void
round_trip_semicolon_crlf(void)
{
	round_trip(';', true);
}

static void
round_trip_tab(void)
{
	round_trip('\t', false);
}

static void
round_trip_single_empty_field(void)
{
	struct csvio_writer w;
	struct csvio_reader *r;
	struct csvio_record rec;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	csvio_writer_init(&w, fp, ',', false);
	csvio_write_str(&w, "ref");
	csvio_end_record(&w);
	csvio_write_str(&w, "");
	csvio_end_record(&w);
	csvio_write_str(&w, "x");
	csvio_end_record(&w);
	fclose(fp);
	fp = fmemopen(out, len, "r");
	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "rt.csv", NULL), AR_OK);
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_STR(rec.field[0].ptr, "");
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_OK);
	EXPECT_EQ_STR(rec.field[0].ptr, "x");
	EXPECT_EQ_INT(csvio_read(r, &rec), AR_EOF);
	csvio_reader_close(r);
	fclose(fp);
	free(out);
}

/* A batch hands out what is queued, each record intact until the next call. */
static void
batch_reads_in_order_then_error(void)
{
	static char text[] = "id,v\n1,a\n2,b\n3,c\n4,d\n5,e,x\n";
	FILE *fp = fmemopen(text, sizeof text - 1, "r");
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record recs[3];
	char seen[32] = "";
	size_t n, total = 0;
	ar_err err;

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_OK);
	while ((n = csvio_read_batch(r, recs, 3, &err)) > 0) {
		EXPECT(n <= 3);
		for (size_t i = 0; i < n; i++) {
			strcat(seen, recs[i].field[0].ptr);
			strcat(seen, recs[i].field[1].ptr);
			EXPECT_EQ_INT(recs[i].line, (long)(total + i + 2));
		}
		total += n;
	}
	EXPECT_EQ_STR(seen, "1a2b3c4d");
	EXPECT_EQ_INT(err, AR_EFIELDS);
	EXPECT_EQ_INT(csvio_error(r)->line, 6);
	csvio_reader_close(r);
	fclose(fp);
}

static void
batch_ends_with_eof(void)
{
	static char text[] = "id\n1\n2\n";
	FILE *fp = fmemopen(text, sizeof text - 1, "r");
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record recs[8];
	ar_err err;

	EXPECT_EQ_INT(csvio_reader_from_stream(&r, fp, "t.csv", &o), AR_OK);
	EXPECT_EQ_INT(csvio_read_batch(r, recs, 8, &err), 2);
	EXPECT_EQ_STR(recs[1].field[0].ptr, "2");
	EXPECT_EQ_INT(csvio_read_batch(r, recs, 8, &err), 0);
	EXPECT_EQ_INT(err, AR_EOF);
	csvio_reader_close(r);
	fclose(fp);
}

/* Header-less bank and ERP files: columns "1", "2", ...; the first line is data. */
static void
no_header_names_columns_by_number(void)
{
	char *d;

	dump_no_header = true;
	d = dump_reader("a,b,c\n1,2,3\n", 12, ',');
	EXPECT_EQ_STR(d, "header 1|2|3\n1: a|b|c\n2: 1|2|3\nEOF");
	free(d);
	d = dump_reader("a,b\n1,2,3\n", 10, ',');
	EXPECT_EQ_STR(d, "header 1|2\n1: a|b\nEFIELDS@2 record has 3 fields, header has 2");
	free(d);
	dump_no_header = false;
}

/* Hadoop's input splits: no header row but the first split's, which is skipped. */
static void
columns_name_a_file_without_header(void)
{
	char *d;

	dump_columns = "id,\"n\"";
	d = dump_reader("a,1\nb,2\n", 8, ',');
	EXPECT_EQ_STR(d, "header id|n\n1: a|1\n2: b|2\nEOF");
	free(d);
	/* the file's own header, first: skipped, and lines still count it */
	d = dump_reader("id,n\na,1\n", 9, ',');
	EXPECT_EQ_STR(d, "header id|n\n2: a|1\nEOF");
	free(d);
	/* later, or not exactly the names: data */
	d = dump_reader("\na,1\nid,n\n", 10, ',');
	EXPECT_EQ_STR(d, "header id|n\n2: a|1\n3: id|n\nEOF");
	free(d);
	d = dump_reader("id,N\n", 5, ',');
	EXPECT_EQ_STR(d, "header id|n\n1: id|N\nEOF");
	free(d);
	d = dump_reader("a,1,2\n", 6, ',');
	EXPECT_EQ_STR(d, "header id|n\nEFIELDS@1 record has 3 fields, header has 2");
	free(d);
	dump_columns = "id,ID";
	d = dump_reader("a,1\n", 4, ',');
	EXPECT(strncmp(d, "open EDUPCOLUMN@1 ", 18) == 0);
	free(d);
	dump_columns = "id\nn";
	d = dump_reader("a\n", 2, ',');
	EXPECT_EQ_STR(d, "open EUSAGE@0 the column names given (id\nn) are not one header line");
	free(d);
	dump_columns = "";
	d = dump_reader("a\n", 2, ',');
	EXPECT_EQ_STR(d, "open EUSAGE@0 the column names given () are not one header line");
	free(d);
	dump_columns = NULL;
}

/* Continuation rows of bank exports: fewer fields, never more. */
static void
short_rows_are_accepted_when_asked(void)
{
	char *d;

	dump_short_rows = true;
	d = dump_reader("a,b,c\n1,2,3\n,x\n1,2,3,4\n", 22, ',');
	EXPECT_EQ_STR(d, "header a|b|c\n2: 1|2|3\n3: |x\nEFIELDS@4 record has 4 fields, header has 3");
	free(d);
	dump_short_rows = false;
	d = dump_reader("a,b,c\n,x\n", 10, ',');
	EXPECT_EQ_STR(d, "header a|b|c\nEFIELDS@2 record has 2 fields, header has 3");
	free(d);
}

int
main(void)
{
	RUN(reads_simple_lf);
	RUN(batch_reads_in_order_then_error);
	RUN(batch_ends_with_eof);
	RUN(reads_last_line_without_newline);
	RUN(reads_crlf);
	RUN(reads_cr_only);
	RUN(reads_cr_only_with_quoted_cr);
	RUN(strips_utf8_bom);
	RUN(strips_utf8_bom_before_crlf);
	RUN(bom_not_at_start_is_data);
	RUN(bom_alone_is_empty_input);
	RUN(reads_semicolon_delimiter);
	RUN(reads_tab_delimiter);
	RUN(tab_delimiter_is_never_trimmed);
	RUN(reads_pipe_delimiter);
	RUN(trims_blanks_around_unquoted_fields);
	RUN(trims_blanks_around_quoted_fields);
	RUN(trims_header_names);
	RUN(keeps_quoted_header_names_exactly);

	RUN(reads_quoted_delimiters_and_quotes);
	RUN(quoted_empty_and_empty_are_both_empty);
	RUN(keeps_blanks_inside_quotes);
	RUN(reads_quoted_newlines);
	RUN(keeps_crlf_inside_quotes);
	RUN(reads_quoted_header);
	RUN(reads_bare_quote_inside_unquoted_field);
	RUN(reads_bare_quote_at_end_of_field);
	RUN(reads_several_bare_quotes);
	RUN(bare_quote_does_not_start_quoting);
	RUN(reads_bare_quote_in_header);
	RUN(lone_quote_starts_a_quoted_field);

	RUN(line_after_multiline_field);
	RUN(line_after_blank_lines);
	RUN(line_of_header_after_blank_lines);
	RUN(line_after_multiline_field_crlf);
	RUN(stray_cr_ends_a_record_on_the_same_line);
	RUN(line_end_at_every_offset_of_a_field);
	RUN(line_numbers_across_blocks);
	RUN(crlf_split_across_blocks);
	RUN(utf8_cut_by_block_end_is_valid);
	RUN(utf8_broken_across_block_end);
	RUN(utf8_cut_by_end_of_input);
	RUN(nul_in_a_later_block);
	RUN(multiline_field_across_block_end);
	RUN(bare_quote_at_block_boundary);
	RUN(reads_field_longer_than_a_block);

	RUN(header_only_gives_eof);
	RUN(header_without_newline);
	RUN(finds_columns_by_name);
	RUN(rejects_duplicate_column);
	RUN(rejects_duplicate_column_after_blank_lines);
	RUN(rejects_column_twice_in_different_case);
	RUN(finds_columns_exactly_among_mixed_case);
	RUN(finds_numbered_columns_without_header);
	RUN(allows_repeated_unnamed_columns);
	RUN(many_columns);

	RUN(rejects_empty_input);
	RUN(rejects_blank_lines_only);
	RUN(rejects_too_many_fields);
	RUN(rejects_too_few_fields);
	RUN(rejects_one_field_singular);
	RUN(line_of_blanks_is_a_blank_line);
	RUN(wrong_field_count_names_start_of_multiline_record);
	RUN(record_before_error_on_same_line_is_returned);
	RUN(rejects_unterminated_quote);
	RUN(rejects_unterminated_quote_in_header);
	RUN(rejects_text_after_closing_quote);
	RUN(rejects_text_after_closing_quote_at_end_of_input);
	RUN(rejects_second_quoted_part);
	RUN(syntax_error_names_line_of_the_error);
	RUN(rejects_latin1);
	RUN(rejects_latin1_in_header);
	RUN(rejects_overlong_utf8);
	RUN(rejects_surrogates_and_past_max);
	RUN(rejects_truncated_utf8);
	RUN(accepts_all_utf8_lengths);
	RUN(long_field_with_utf8_after_ascii_run);
	RUN(rejects_utf16_le);
	RUN(rejects_utf16_be);
	RUN(rejects_nul);
	RUN(rejects_nul_in_long_field);
	RUN(rejects_nul_in_quoted_field);
	RUN(rejects_bad_delimiter);
	RUN(open_reads_a_named_file);
	RUN(open_missing_file_sets_errno);
	RUN(read_error_is_eio);

	RUN(writer_leaves_plain_fields_bare);
	RUN(writer_quotes_delimiter);
	RUN(writer_quotes_only_its_own_delimiter);
	RUN(writer_doubles_quotes);
	RUN(writer_quotes_cr_and_lf);
	RUN(writer_quotes_leading_and_trailing_blanks);
	RUN(writer_quotes_leading_bom_character);
	RUN(fuzz_bom_in_first_name_survives_round_trip);
	RUN(writer_leaves_empty_fields_empty);
	RUN(writer_quotes_empty_first_field);
	RUN(writer_ends_lines_with_crlf);
	RUN(writer_writes_long_fields);

	RUN(round_trip_comma_lf);
	RUN(round_trip_semicolon_crlf);
	RUN(round_trip_tab);
	RUN(round_trip_single_empty_field);
	RUN(no_header_names_columns_by_number);
	RUN(short_rows_are_accepted_when_asked);
	RUN(columns_name_a_file_without_header);
	return test_summary();
}
