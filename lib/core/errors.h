/*
 * errors.h - the error codes every artools library module returns.
 *
 * The library never prints and never exits: a function returns an ar_err and
 * the caller (a command in cmd/) words the message and picks the exit code.
 * A reader that can say more (which line, what was found) fills a struct
 * ar_error with ar_error_set(); the command prints it with diag_report().
 */
#ifndef AR_ERRORS_H
#define AR_ERRORS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARTOOLS_VERSION "0.1.0"

typedef enum ar_err {
	AR_OK = 0,
	AR_EOF,        /* not an error: no more records */
	AR_ENOMEM,     /* allocation failed */
	AR_EIO,        /* read or write failed; errno says why */
	AR_EOPEN,      /* cannot open an input file; errno says why */
	AR_ECREATE,    /* cannot create an output file; errno says why */
	AR_ESYNTAX,    /* text is not of the expected form */
	AR_ERANGE,     /* well formed but out of range: overflow, 31 Feb */
	AR_EDECIMALS,  /* more decimals than the currency has */
	AR_EAMBIGUOUS, /* could be read more than one way (01/02/03) */
	AR_EFIELDS,    /* record has a different number of fields than the header */
	AR_EQUOTE,     /* quoted field never closed */
	AR_EUTF8,      /* bytes that are not UTF-8 */
	AR_ENUL,       /* NUL byte inside text */
	AR_ENOHEADER,  /* input has no header row */
	AR_EDUPCOLUMN, /* the header names a column twice */
	AR_ECOLUMN,    /* a required column is missing */
	AR_ECURRENCY,  /* currency code unknown */
	AR_ECONFIG,    /* configuration is wrong */
	AR_EUSAGE,     /* caller passed arguments that make no sense */
	AR_EINVARIANT  /* a check of the program's own results failed: a bug */
} ar_err;

/*
 * What went wrong, worded to follow "FILE:LINE: ": lower case, no full
 * stop, what was expected and what was found.  file is "" when the caller
 * knows which file it was reading (only a reader that opens files of its
 * own, such as the configuration, fills it).  line is 0 when the message is
 * about the whole input.
 */
struct ar_error {
	ar_err code;
	long line;
	char file[512];
	char message[512];
};

/*
 * Fill *e (when e is not NULL) and return code, so that a reader can end
 * with `return ar_error_set(e, AR_ESYNTAX, line, "...", ...);`.  The file
 * is left as it was.
 */
ar_err ar_error_set(struct ar_error *e, ar_err code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The same with a va_list, for a reader's own wrapper. */
ar_err ar_error_vset(struct ar_error *e, ar_err code, long line, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));

/* A short lowercase phrase for err, e.g. "not a date"; never NULL. */
const char *ar_strerror(ar_err err);

/* The sysexits(3) code a command should exit with for err. */
int ar_exit_code(ar_err err);

#endif
