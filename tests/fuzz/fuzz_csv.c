/*
 * fuzz_csv.c - libFuzzer target for the CSV reader and writer.
 *
 * Input: one option byte, then the CSV.  The option byte picks the
 * delimiter (low two bits: , ; tab |) and CRLF for the writer (bit 2).
 *
 * Checks, besides the sanitizers:
 * - every record has the header's field count, starts on a line that never
 *   goes back and is not past the input's last line;
 * - every field and column name is NUL-terminated, UTF-8, without NUL;
 * - an error has a phrase and stays: csvio_read() repeats it;
 * - the records read so far, written by the writer and read back, give the
 *   same header and fields, and each written record starts on the line after
 *   the previous one's last.
 */
#include "core/csvio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static void
check_text(const char *s, size_t len)
{
	if (s[len] != '\0' || !valid_utf8((const unsigned char *)s, len))
		abort();
}

static size_t
count_lf(const struct csvio_record *rec)
{
	size_t i, j, n = 0;

	for (i = 0; i < rec->nfields; i++)
		for (j = 0; j < rec->field[i].len; j++)
			n += rec->field[i].ptr[j] == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r, *back;
	struct csvio_record rec, rec2;
	struct csvio_writer w;
	char *in, *out = NULL;
	size_t outlen = 0, i, n;
	long prev = 0, maxline = 1, next_line;
	FILE *fp, *wfp, *bfp;
	ar_err e;
	bool crlf, lf_lines;

	if (size < 2)
		return 0;
	o.delimiter = delims[data[0] & 3];
	crlf = (data[0] & 4) != 0;
	n = size - 1;
	if ((in = malloc(n)) == NULL)
		return 0;
	memcpy(in, data + 1, n);
	for (i = 0; i < n; i++)
		maxline += in[i] == '\n' || in[i] == '\r';
	if ((fp = fmemopen(in, n, "r")) == NULL) {
		free(in);
		return 0;
	}
	e = csvio_reader_from_stream(&r, fp, "fuzz", &o);
	if (e != AR_OK) {
		if (r != NULL && csvio_error(r)->message[0] == '\0')
			abort();
		csvio_reader_close(r);
		fclose(fp);
		free(in);
		return 0;
	}
	if (csvio_ncolumns(r) == 0 || csvio_column_name(r, csvio_ncolumns(r)) != NULL)
		abort();

	/* Copy everything read into the writer as we go. */
	wfp = open_memstream(&out, &outlen);
	csvio_writer_init(&w, wfp, o.delimiter, crlf);
	for (i = 0; i < csvio_ncolumns(r); i++) {
		const char *name = csvio_column_name(r, i);
		int c = csvio_column(r, name);

		check_text(name, strlen(name));
		if (name[0] == '\0' ? c != -1 : (c < 0 || (size_t)c > i ||
		    strcmp(csvio_column_name(r, (size_t)c), name) != 0))
			abort();
		csvio_write_str(&w, name);
	}
	csvio_end_record(&w);
	while ((e = csvio_read(r, &rec)) == AR_OK) {
		if (rec.nfields != csvio_ncolumns(r) || rec.line < prev || rec.line < 1 ||
		    rec.line > maxline)
			abort();
		prev = rec.line;
		for (i = 0; i < rec.nfields; i++) {
			check_text(rec.field[i].ptr, rec.field[i].len);
			csvio_write_field(&w, rec.field[i].ptr, rec.field[i].len);
		}
		csvio_end_record(&w);
	}
	if (e != AR_EOF && (csvio_error(r)->message[0] == '\0' || csvio_error(r)->line < 0))
		abort();
	if (csvio_read(r, &rec) != e)
		abort();
	fclose(wfp);

	/* Read the copy back beside the original: the same fields, in order. */
	csvio_reader_close(r);
	fseek(fp, 0, SEEK_SET);
	if (csvio_reader_from_stream(&r, fp, "fuzz", &o) != AR_OK)
		abort();
	bfp = fmemopen(out, outlen, "r");
	if (csvio_reader_from_stream(&back, bfp, "copy", &o) != AR_OK ||
	    csvio_ncolumns(back) != csvio_ncolumns(r))
		abort();
	next_line = 2;
	for (i = 0; i < csvio_ncolumns(r); i++) {
		const char *name = csvio_column_name(r, i);

		if (strcmp(name, csvio_column_name(back, i)) != 0)
			abort();
		for (; *name != '\0'; name++)
			next_line += *name == '\n';
	}
	/* The copy ends lines with LF; unless a huge first line hides it, count by LF. */
	lf_lines = memchr(out, '\n', outlen < 65536 ? outlen : 65536) != NULL;
	while (csvio_read(r, &rec) == AR_OK) {
		if (csvio_read(back, &rec2) != AR_OK || (lf_lines && rec2.line != next_line))
			abort();
		for (i = 0; i < rec.nfields; i++)
			if (rec.field[i].len != rec2.field[i].len ||
			    memcmp(rec.field[i].ptr, rec2.field[i].ptr, rec.field[i].len) != 0)
				abort();
		next_line += 1 + (long)count_lf(&rec2);
	}
	if (csvio_read(back, &rec2) != AR_EOF)
		abort();
	csvio_reader_close(back);
	csvio_reader_close(r);
	fclose(bfp);
	fclose(fp);
	free(out);
	free(in);
	return 0;
}
