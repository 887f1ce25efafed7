/*
 * csvio.h - streaming CSV records on libcsv, and a CSV writer.
 *
 * Reader: RFC 4180 with the habits of real extracts: a UTF-8 BOM is
 * stripped, lines end in LF, CRLF or CR, the delimiter is chosen by the
 * caller, quoted fields may hold delimiters, doubled quotes and newlines.
 * A quote inside a field that does not begin with one is data (PIPE 1/2",
 * 37.8"N), as in Excel and Python's csv; a field that begins with a quote,
 * even a lone one, is quoted, and text after its closing quote ("abc"def)
 * is an error, as is a quoted field never closed.
 * The first record is the header; columns are found by name.  Every record
 * must have as many fields as the header.  Fields must be UTF-8 without NUL
 * bytes.  Any violation stops the reader with an error naming the line.
 * As libcsv does, blanks (space, tab) around unquoted fields are trimmed
 * (quoted fields keep theirs) and blank lines are skipped.  Empty column
 * names may repeat (csvio_column("") is -1); any other repeat is an error,
 * and so are two names that differ only in ASCII case ("Amount", "amount"),
 * so that no reader, exact or case-blind, picks one of them.  csvio_column
 * matches names exactly.
 *
 * Memory: the reader owns a record's field storage; a record is valid until
 * the next csvio_read() or csvio_reader_close().  Memory is bounded by the
 * longest record, not the file.
 */
#ifndef CSVIO_H
#define CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/errors.h"

struct csvio_field {
	const char *ptr; /* NUL-terminated; may also hold embedded newlines */
	size_t len;
};

struct csvio_record {
	long line;                      /* line on which the record starts, 1-based */
	size_t nfields;
	const struct csvio_field *field; /* nfields entries */
};

struct csvio_opts {
	char delimiter; /* ',' ';' '\t' '|' ... */
	bool no_header; /* no header line: the columns are named "1", "2", ... */
	/*
	 * Accept records with fewer fields than the header (rec.nfields <
	 * csvio_ncolumns: the caller takes the missing ones as empty), as
	 * bank exports write continuation rows and leave off trailing
	 * unnamed columns.  More fields than the header stay an error.
	 */
	bool short_rows;
	/*
	 * An input without a header row, its columns named here (a header
	 * line's text, e.g. "customer,name,amount", split and checked as a
	 * header is): every record is data, but one whose fields are exactly
	 * these names, the header of the part that begins a file cut into
	 * parts (Hadoop's input splits), which is skipped.  NULL: the first
	 * record is the header (or, with no_header, data named "1", "2", ...).
	 */
	const char *columns;
};

#define CSVIO_OPTS_DEFAULT { ',', false, false, NULL }

struct csvio_reader;

/*
 * Open path (NULL or "-" reads standard input, named "<stdin>" in
 * messages) and read its header.  On failure *out is NULL except for
 * errors after opening (AR_ENOHEADER, AR_EDUPCOLUMN, AR_EUTF8, ...), where
 * *out is a reader whose csvio_error()/csvio_error_line() explain; the
 * caller closes it.  AR_EOPEN leaves errno set.
 * The caller owns *out and frees it with csvio_reader_close().
 */
ar_err csvio_reader_open(struct csvio_reader **out, const char *path,
    const struct csvio_opts *opts);

/* Same, over an already open stream (not closed by the reader); name is for messages. */
ar_err csvio_reader_from_stream(struct csvio_reader **out, FILE *fp,
    const char *name, const struct csvio_opts *opts);

/*
 * One range of a regular file, [begin, end), cut at record boundaries by
 * csv_split (its struct csv_range and eol): its records as a reader of the
 * whole file gives them, with the same lines and errors.  The range that
 * begins the file (header NULL) reads the header, BOM and all, as
 * csvio_reader_open does; any other takes header's columns, read by the
 * first range's reader (which must outlive the open), and no BOM.
 */
struct csvio_range {
	unsigned long long begin, end;  /* byte offsets in the file */
	long line;                      /* the line begin is on, 1-based */
	unsigned char eol;              /* the file's line end: '\n', or '\r' */
	const struct csvio_reader *header;      /* NULL: the range begins the file */
};

/* Open path's range as csvio_reader_open opens the whole: the same errors. */
ar_err csvio_reader_open_range(struct csvio_reader **out, const char *path,
    const struct csvio_opts *opts, const struct csvio_range *range);

/* The next data record into *rec: AR_OK, AR_EOF at the end, or an error. */
ar_err csvio_read(struct csvio_reader *r, struct csvio_record *rec);

/*
 * Up to max (>= 1) next records into recs[], all valid until the next call:
 * what one block of input holds, so that a caller can look ahead (prefetch)
 * before it works on them.  Returns the count; 0 with *err set to AR_EOF at
 * the end or to the error (which comes after every good record before it).
 */
size_t csvio_read_batch(struct csvio_reader *r, struct csvio_record *recs,
    size_t max, ar_err *err);

/* Header: number of columns, name of column i, index of a name or -1. */
size_t csvio_ncolumns(const struct csvio_reader *r);
const char *csvio_column_name(const struct csvio_reader *r, size_t i);
int csvio_column(const struct csvio_reader *r, const char *name);

/* The name used in messages: the path, or "<stdin>". */
const char *csvio_name(const struct csvio_reader *r);

/*
 * After an error: what was wrong, as a phrase to follow "FILE:LINE: "
 * (e.g. "record has 5 fields, header has 6"), and the line it was on.
 * Points into the reader: valid until it is closed.
 */
const struct ar_error *csvio_error(const struct csvio_reader *r);

void csvio_reader_close(struct csvio_reader *r);

/*
 * Writer: fields are quoted only when they hold the delimiter, a quote, CR
 * or LF, or begin or end with a blank (which readers might trim), or begin
 * with U+FEFF (which readers take for a BOM); empty fields stay empty,
 * except an empty first field, written "" so that a record of one empty
 * field is not a blank line, which readers skip.  Lines end with LF,
 * or CRLF when crlf is set.  Output is buffered in the FILE; check the
 * stream with ferror()/fflush() when done (outfile.h does this).
 */
struct csvio_writer {
	FILE *fp;
	char delimiter;
	bool crlf;
	bool at_start; /* no field written yet on this line */
};

void csvio_writer_init(struct csvio_writer *w, FILE *fp, char delimiter, bool crlf);
void csvio_write_field(struct csvio_writer *w, const char *s, size_t len);
void csvio_write_str(struct csvio_writer *w, const char *s); /* NUL-terminated */
void csvio_end_record(struct csvio_writer *w);

/*
 * The cells every stream writes alike: n names as a header record; a day
 * as YYYY-MM-DD, empty when DATE_NONE; an amount in minor units with
 * exponent decimals (money_format).
 */
void csvio_write_names(struct csvio_writer *w, const char *const *names, size_t n);
void csvio_write_day(struct csvio_writer *w, civil_day d);
void csvio_write_money(struct csvio_writer *w, int64_t minor, int exponent);

#endif
