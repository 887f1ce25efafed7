/*
 * infile.h - an input that can be read twice.
 *
 * ar-bank and ar-import tell a file's format from its first bytes, then
 * read it from the start; a pipe cannot go back, so it is first copied to
 * a temporary file (tmpfile(3), in $TMPDIR or /tmp).
 */
#ifndef INFILE_H
#define INFILE_H

#include <stdio.h>

#include "core/errors.h"

/*
 * fp itself when it can seek back to its start (and is there now), else
 * a temporary copy of all of it, at its start, for the caller to fclose.
 * NULL on failure with *err set: AR_ECREATE (no temporary file), AR_EIO
 * (reading fp or writing the copy failed); errno says why.
 */
FILE *infile_rewindable(FILE *fp, ar_err *err);

#endif
