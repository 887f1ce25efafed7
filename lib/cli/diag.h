/*
 * diag.h - messages on standard error, in one voice.
 *
 *   ar-age: items.csv:1204: due_date "31/02/2026" is not a date
 *
 * Lower case, no full stop, what was expected and what was found.  Only
 * commands call these; the library returns ar_err and lets them word it.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stdbool.h>

#include "core/errors.h"

/* Set the program name that starts every message; call first in main. */
void diag_init(const char *progname);
const char *diag_progname(void);

/* "PROG: MESSAGE" */
void diag_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "PROG: FILE:LINE: MESSAGE"; line 0 leaves out the line. */
void diag_at(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with a va_list. */
void diag_verror(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/*
 * A reader's error: "PROG: NAME:LINE: MESSAGE" (the error's own file when
 * it names one, else name; no line when it is 0).
 */
void diag_report(const char *name, const struct ar_error *e);

/*
 * Progress on a terminal: "PROG: 1200000 rows\r" at most a few times a
 * second, only when stderr is a TTY.  diag_progress_done() clears the line.
 */
void diag_progress(unsigned long rows);
void diag_progress_done(void);

#endif
