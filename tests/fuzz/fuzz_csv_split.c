/*
 * fuzz_csv_split.c - libFuzzer target: the ranges of csv_split, each read
 * alone, give what one reader of the whole input gives (issue 20's
 * --jobs 1 against --jobs N, at the reader).
 *
 * Input: one option byte, then the CSV.  Low four bits: k - 1 (1..16);
 * bits 4-5: the delimiter (, ; tab |); bit 6: no_header; bit 7: short_rows.
 *
 * Checks, besides the sanitizers (abort() on a difference):
 * - the ranges cover the input end to end, none empty, at most k, each
 *   with 1 + the line ends before it as its line;
 * - every span's walk agrees with libcsv's machine stepped byte by byte
 *   from each state (written out here from libcsv.c, not csv_split.c);
 * - reading each range with csvio_reader_open_range, as ar-age --jobs
 *   does, gives the same records, fields and lines as one reader of the
 *   whole input, and, when the whole input is refused, the same first
 *   error (code, line, message) from the first range that fails;
 *   bad_syntax is never said of an input that reads.
 */
#include "core/csv_split.h"
#include "core/csvio.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
check_span(const char *buf, const struct csv_split *s, const struct csv_split_span *sp)
{
	size_t p, cut, eols, to_cut, all = 0;
	unsigned char eol = s->eol, d = (unsigned char)s->delimiter;
	bool rec_end;
	int st0, st;

	for (p = sp->begin; p < sp->end; p++)
		all += (unsigned char)buf[p] == eol;
	if (sp->eols != all)
		abort();
	for (st0 = 0; st0 < CSV_SPLIT_NSTATES; st0++) {
		cut = CSV_SPLIT_NONE, to_cut = 0;
		for (st = st0, eols = 0, p = sp->begin; p < sp->end; p++) {
			st = ref_step(st, (unsigned char)buf[p], d, &rec_end);
			eols += (unsigned char)buf[p] == eol;
			if (rec_end && cut == CSV_SPLIT_NONE)
				cut = p + 1, to_cut = eols;     /* the line end itself too */
		}
		if (sp->end_state[st0] != st || sp->cut[st0] != cut ||
		    (cut != CSV_SPLIT_NONE && sp->eols_to_cut[st0] != to_cut))
			abort();
	}
}

/* What reader r (opened with e) says: as test_csv_split.c. */
static ar_err
dump_reader(FILE *out, struct csvio_reader *r, ar_err e, bool names)
{
	struct csvio_record rec;
	size_t i;

	if (r == NULL)
		abort();
	if (e == AR_OK) {
		for (i = 0; names && i < csvio_ncolumns(r); i++)
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

/* The input in a file of this process, as ar-age --jobs reads one. */
static const char *
input_file(const char *buf, size_t len)
{
	static char path[64];
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz_csv_split.%ld", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL || fwrite(buf, 1, len, fp) != len || fclose(fp) != 0)
		abort();
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csv_split s;
	struct csvio_reader *r, *first = NULL;
	const char *path;
	char *buf, *whole = NULL, *split = NULL;
	size_t len, k, i, p, wn = 0, sn = 0;
	FILE *wf, *sf;
	ar_err we, e = AR_EOF;
	long eols = 0;

	if (size < 1)
		return 0;
	k = (size_t)(data[0] & 15) + 1;
	o.delimiter = delims[(data[0] >> 4) & 3];
	o.no_header = (data[0] & 0x40) != 0;
	o.short_rows = (data[0] & 0x80) != 0;
	len = size - 1;
	/* a buffer of its own, so that ASan sees a read past the end */
	if ((buf = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(buf, data + 1, len);

	if (csv_split_ranges(&s, buf, len, k, &o) != AR_OK)
		abort();
	for (i = 0; i < s.nspan; i++)
		check_span(buf, &s, &s.span[i]);
	if (s.nrange < 1 || s.nrange > k || s.range[0].begin != 0 ||
	    s.range[s.nrange - 1].end != len)
		abort();
	for (i = 0, p = 0; i < s.nrange; i++) {
		for (; p < s.range[i].begin; p++)
			eols += (unsigned char)buf[p] == s.eol;
		if ((i > 0 && s.range[i].begin != s.range[i - 1].end) ||
		    (s.range[i].begin >= s.range[i].end && len > 0) || s.range[i].line != eols + 1)
			abort();
	}

	path = input_file(buf, len);
	wf = open_memstream(&whole, &wn);
	we = csvio_reader_open(&r, path, &o);
	we = dump_reader(wf, r, we, true);
	csvio_reader_close(r);
	fclose(wf);
	if (s.bad_syntax && we == AR_EOF)
		abort();
	/* Each range by its own reader; range 0 lends the header. */
	sf = open_memstream(&split, &sn);
	for (i = 0; i < s.nrange && e == AR_EOF; i++) {
		struct csvio_range rg = {
			s.range[i].begin, s.range[i].end, s.range[i].line, s.eol, first
		};
		ar_err oe = csvio_reader_open_range(&r, path, &o, &rg);

		e = dump_reader(sf, r, oe, i == 0);
		if (i == 0 && oe == AR_OK)
			first = r;
		else
			csvio_reader_close(r);
	}
	csvio_reader_close(first);
	fclose(sf);
	if (sn != wn || memcmp(split, whole, wn) != 0)
		abort();
	free(whole);
	free(split);
	csv_split_free(&s);
	free(buf);
	return 0;
}
