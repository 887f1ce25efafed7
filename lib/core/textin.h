/*
 * textin.h - a text file read as UTF-8 lines, whatever its character set.
 *
 * ERP extracts and bank CSV files come in UTF-8 (with or without a byte
 * order mark), UTF-16LE with a BOM (SAP "Unicode text"), CP1252 or
 * ISO-8859-1, Big5 and GBK.  textin converts them with iconv to UTF-8 as
 * it reads, so every reader above it sees UTF-8 only.
 *
 * The character set: a BOM decides (EF BB BF is UTF-8, FF FE UTF-16LE,
 * FE FF UTF-16BE) and is dropped; otherwise the caller's encoding, UTF-8
 * when NULL or "".  UTF-8 input is not converted, only checked.
 *
 * Errors stop the reading and name the line: a byte (sequence) that does
 * not convert ("byte 0x81 does not convert from CP1252"), or is not UTF-8
 * ("byte 0xE9 at column 7 is not UTF-8 (is the file CP1252 or ISO-8859-1?
 * set the profile's encoding)", the column counted in bytes), a NUL byte,
 * a file that ends inside a character.  Nothing is replaced or skipped.
 * The lines before the error are all handed out first.
 *
 * Lines end in LF, CRLF or a lone CR (old Mac exports); the end is not
 * part of the line.  Memory is bounded by the longest line.
 */
#ifndef TEXTIN_H
#define TEXTIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"

struct textin;

/*
 * Open path (NULL or "-" is standard input, "<stdin>" in messages) in
 * encoding.  AR_EOPEN (errno set), AR_ECONFIG (iconv does not know the
 * encoding, checked before the file is opened and even when the file has
 * a BOM: textin_error(NULL) says so), AR_ENOMEM; *out is NULL then.  The
 * first block is read here, for its BOM; a read error there comes from
 * the first textin_getline().  The caller owns *out and frees it with
 * textin_close().
 */
ar_err textin_open(struct textin **out, const char *path, const char *encoding);

/* Same over an open stream, not closed by textin; name is for messages. */
ar_err textin_from_stream(struct textin **out, FILE *fp, const char *name,
    const char *encoding);

/*
 * The next line, NUL-terminated UTF-8 without its line end, in *line and
 * *len, valid until the next call.  AR_OK, AR_EOF after the last line,
 * or an error: AR_EUTF8 (does not convert / not UTF-8 / ends inside a
 * character), AR_ENUL, AR_EIO (errno set), AR_ENOMEM; textin_error() and
 * textin_line() then say what and where.
 */
ar_err textin_getline(struct textin *t, const char **line, size_t *len);

/*
 * Give back the line textin_getline returned last: the next call, or the
 * stream of textin_rest(), starts with it again, and textin_line() goes
 * back by one.  Only one line deep; nothing after AR_EOF or an error.
 */
void textin_unget(struct textin *t);

/*
 * The 1-based number of the last line returned (0 before the first); after
 * an error, the line the error is on.
 */
long textin_line(const struct textin *t);

/*
 * The rest of the input, from the ungot line if any, as a stream of UTF-8
 * bytes (fopencookie): for handing to csvio_reader_from_stream().  Line
 * ends are passed on as they were.  A conversion error (or bytes that
 * are not UTF-8, or a NUL) ends the stream with a read error (ferror,
 * errno EILSEQ; EIO's own errno for a read error) after every byte before
 * it; textin_error() and textin_line() then say what and where, the line
 * counted from the start of the file.  The
 * stream is closed with fclose() before textin_close().  NULL and errno
 * on failure.  After this, textin_getline() is not to be called.
 */
FILE *textin_rest(struct textin *t);

/*
 * After an error, what was wrong as a phrase to follow "FILE:LINE: "; ""
 * when there was none.  textin_error(NULL): why the last textin_open() or
 * textin_from_stream() of this thread gave no reader.
 */
const char *textin_error(const struct textin *t);

/*
 * The character set being read: "UTF-8", "UTF-16LE"/"UTF-16BE" from a BOM,
 * or the caller's name upper-cased ("CP1252", "BIG5"); any spelling of
 * UTF-8 ("utf8") is "UTF-8".
 */
const char *textin_encoding(const struct textin *t);

/* The name for messages: the path or "<stdin>". */
const char *textin_name(const struct textin *t);

void textin_close(struct textin *t);

#endif
