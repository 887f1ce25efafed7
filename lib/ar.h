/*
 * ar.h - the error codes every artools library module returns.
 *
 * The library never prints and never exits: a function returns an ar_err and
 * the caller (a command in cmd/) words the message and picks the exit code.
 * Modules that can say more (the CSV reader: which line, which field) keep a
 * detail string the caller can fetch.
 */
#ifndef AR_H
#define AR_H

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
	AR_EUSAGE      /* caller passed arguments that make no sense */
} ar_err;

/* A short lowercase phrase for err, e.g. "not a date"; never NULL. */
const char *ar_strerror(ar_err err);

/* The sysexits(3) code a command should exit with for err. */
int ar_exit_code(ar_err err);

#endif
