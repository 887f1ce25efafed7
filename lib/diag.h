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

#include <stdbool.h>

/* Set the program name that starts every message; call first in main. */
void diag_init(const char *progname);
const char *diag_progname(void);

/* "PROG: MESSAGE" */
void diag_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "PROG: FILE:LINE: MESSAGE"; line 0 leaves out the line. */
void diag_at(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "PROG: MESSAGE" and the hint to --help: a usage error; the command exits 64. */
void diag_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * Progress on a terminal: "PROG: 1200000 rows\r" at most a few times a
 * second, only when stderr is a TTY.  diag_progress_done() clears the line.
 */
void diag_progress(unsigned long rows);
void diag_progress_done(void);

#endif
