/*
 * csv_split.h - a CSV file in memory cut into ranges at record boundaries,
 * for reading it with several threads (issue 20).
 *
 * Given the whole file (the caller mmaps it) and a wanted number of ranges
 * k, csv_split_ranges() returns up to k ranges [begin, end) that cover the
 * buffer exactly, in order, each beginning where a record begins, with the
 * physical line it begins on (1-based, counted as csvio counts: every line
 * end, those inside quoted fields too).  Reading each range alone as below
 * and putting the records end to end gives exactly the records, and line
 * numbers, of csvio reading the whole file.
 *
 * Exact, not guessed.  A cut can't be found by looking near it: whether a
 * line end is inside a quoted field depends on every byte before it.  The
 * parity of the quotes before it is not enough either, because csvio takes
 * a quote inside an unquoted field as data (37.8"N, PIPE 1/2"), which
 * shifts the parity without opening anything.  So the state of the parse
 * (libcsv's machine as csvio drives it, enum csv_split_state) is computed
 * at each cut: the buffer after the header is cut into k equal spans; each
 * span is walked once from every state it might begin in (csv_split_span_
 * count, which threads may run side by side: it jumps from quote to quote,
 * and the walks from wrong states die or meet the right one within a few
 * quotes: 5 GB/s on a file with few quotes, 1 GB/s on one that quotes
 * every field, one core of this machine); then, span by span from the
 * true state after the header, the true state at each span's begin is
 * known, and the cut moves forward to just after the first
 * line end outside quotes (LF, CR LF, or a lone CR, which csvio takes as a
 * record end too) at or after the span's begin.  Cuts that land on the same
 * place, or on the end (a quoted field longer than a span; k larger than the
 * records), give empty ranges, which are dropped.
 *
 * Every range must be read counting lines by split.eol, not by csvio's
 * guess from the range's own first block (a range of stray CRs would look
 * like a classic Mac file).  Range 0 holds the BOM and the header (the
 * first record; with no_header, the first data record, which gives the
 * column count) and is otherwise read as a whole file.  A range i > 0 needs
 * a csvio reader that also (1) takes the header's columns from range 0's
 * reader and reads no header row of its own, (2) starts counting at
 * range.line, and (3) strips no BOM and makes no UTF-16 check (the file's
 * start only).  csvio has no such entry yet; tests/unit/test_csv_split.c
 * gets the same by putting a one-line header ending in split.eol before
 * each range i > 0, and a blank line after range 0 when csvio would
 * otherwise guess CR.
 *
 * Input csvio refuses.  bad_syntax says libcsv's part of the parse will
 * fail (text after a closing quote, a quote never closed); other errors
 * (field counts, UTF-8, NUL) the splitter doesn't look for.  Either way the
 * ranges stay exact up to the file's first error, so the records of the
 * ranges before the first range whose read fails, then that range's records
 * and error (line shifted as above), are exactly what one reader of the
 * whole file gives: the caller reports that error and ignores every later
 * range.  (Reading the file again with one reader is always correct too.)
 * An error of the caller's own on a record (a bad amount) is likewise the
 * first in file order: in the earliest range that has one.
 *
 * Cases: a BOM is skipped only at the file's start, as csvio does; a file
 * without a final line end ends its last range; a CR LF is never split (a
 * cut after CR takes the LF too); blank lines go with the range before;
 * one record, or k past the number of records, gives fewer ranges, down
 * to one.
 */
#ifndef CSV_SPLIT_H
#define CSV_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/csvio.h"
#include "core/errors.h"

/*
 * csvio counts lines by CR alone when its first block (64 KiB, csvio.c's
 * BLOCK_SIZE: keep equal) has a CR and no LF.
 */
#define CSV_SPLIT_EOL_WINDOW (64 * 1024)

/*
 * libcsv's states (libcsv.c) with csvio's rule for a quote inside an
 * unquoted field; its ROW_NOT_BEGUN and FIELD_NOT_BEGUN are one here, as
 * they differ only in what libcsv reports.  A line end outside QUOTED ends
 * a record (or a blank line) and leads to FIELD: a record boundary.
 */
enum csv_split_state {
	CSV_SPLIT_FIELD,        /* before a field: a record's start, or after a delimiter */
	CSV_SPLIT_BARE,         /* in an unquoted field */
	CSV_SPLIT_QUOTED,       /* in a quoted field */
	CSV_SPLIT_QUOTE,        /* a quote in a quoted field: its end, or the first of "" */
	CSV_SPLIT_QUOTE_BLANK,  /* blanks after that quote */
	CSV_SPLIT_ERROR,        /* text after a closing quote: csvio stops there */
	CSV_SPLIT_NSTATES
};

#define CSV_SPLIT_NONE ((size_t)-1)     /* no cut in the span */

struct csv_split_span {
	size_t begin, end;      /* buf[begin .. end), set by csv_split_begin */
	/* Set by csv_split_span_count, for each state the span may begin in: */
	unsigned char end_state[CSV_SPLIT_NSTATES];
	size_t cut[CSV_SPLIT_NSTATES];          /* just after the first record end, or NONE */
	size_t eols_to_cut[CSV_SPLIT_NSTATES];  /* line ends in [begin, cut) */
	size_t eols;                            /* line ends in the span */
};

struct csv_range {
	size_t begin, end;      /* buf[begin .. end) */
	long line;              /* the physical line at begin, 1-based */
};

struct csv_split {
	char delimiter;
	unsigned char eol;      /* the byte csvio counts lines by: '\n', or '\r' */
	size_t header_end;      /* just after the first record: range 0 ends no sooner */
	size_t header_eols;     /* line ends before header_end */
	bool bad_syntax;        /* the parse will fail: see above */
	struct csv_split_span *span;
	size_t nspan;
	struct csv_range *range;
	size_t nrange;
};

/*
 * The whole split, in this thread: csv_split_begin, csv_split_span_count
 * on every span, csv_split_end.  k < 1 is taken as 1; opts NULL is csvio's
 * default (only the delimiter matters).  AR_EUSAGE for a delimiter csvio
 * refuses, AR_ENOMEM.  The caller frees *s with csv_split_free, also after
 * an error.
 */
ar_err csv_split_ranges(struct csv_split *s, const char *buf, size_t len, size_t k,
    const struct csvio_opts *opts);

/*
 * The steps, for a caller with threads: begin finds the line-end byte and
 * the header, and lays out up to k spans after it; span_count walks one
 * span (threads may each walk their own: s is only read); end joins the
 * spans into s->range.
 */
ar_err csv_split_begin(struct csv_split *s, const char *buf, size_t len, size_t k,
    const struct csvio_opts *opts);
void csv_split_span_count(const char *buf, const struct csv_split *s,
    struct csv_split_span *span);
ar_err csv_split_end(struct csv_split *s, const char *buf, size_t len);
/*
 * csv_split_end reads buf only at each span's cuts c (span.cut[], not
 * CSV_SPLIT_NONE): the bytes c - 1 and c, when c < len (a CR LF stays
 * whole).  A caller that walked copies of the spans may pass a buffer
 * right at those bytes only.
 */

/*
 * Between begin and the counts, for a caller that wants no cut past at:
 * the spans after the first that begins at or after at are dropped and
 * not walked (two threads walk half the file, not all of it).  The ranges
 * are then those of the whole split that begin before the end of that
 * span, the last running to the end of the buffer: the first record end
 * at or after at is a cut unless no record ends in that span.  bad_syntax
 * tells only of the part walked.
 */
void csv_split_stop_after(struct csv_split *s, size_t at);

void csv_split_free(struct csv_split *s);

#endif
