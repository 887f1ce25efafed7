/* errors.c - wording and exit codes for ar_err. */
#include "core/errors.h"

#include <stdio.h>
#include <sysexits.h>

ar_err
ar_error_vset(struct ar_error *e, ar_err code, long line, const char *fmt, va_list ap)
{
	if (e != NULL) {
		e->code = code;
		e->line = line;
		vsnprintf(e->message, sizeof e->message, fmt, ap);
	}
	return code;
}

ar_err
ar_error_set(struct ar_error *e, ar_err code, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ar_error_vset(e, code, line, fmt, ap);
	va_end(ap);
	return code;
}

const char *
ar_strerror(ar_err err)
{
	switch (err) {
	case AR_OK:         return "success";
	case AR_EOF:        return "end of input";
	case AR_ENOMEM:     return "out of memory";
	case AR_EIO:        return "input/output error";
	case AR_EOPEN:      return "cannot open input";
	case AR_ECREATE:    return "cannot create output";
	case AR_ESYNTAX:    return "malformed";
	case AR_ERANGE:     return "out of range";
	case AR_EDECIMALS:  return "too many decimals for the currency";
	case AR_EAMBIGUOUS: return "ambiguous";
	case AR_EFIELDS:    return "wrong number of fields";
	case AR_EQUOTE:     return "unterminated quoted field";
	case AR_EUTF8:      return "invalid UTF-8";
	case AR_ENUL:       return "NUL byte in text";
	case AR_ENOHEADER:  return "no header row";
	case AR_EDUPCOLUMN: return "duplicate column name";
	case AR_ECOLUMN:    return "missing column";
	case AR_ECURRENCY:  return "unknown currency";
	case AR_ECONFIG:    return "bad configuration";
	case AR_EUSAGE:     return "bad usage";
	case AR_EINVARIANT: return "internal error";
	}
	return "unknown error";
}

int
ar_exit_code(ar_err err)
{
	switch (err) {
	case AR_OK:
	case AR_EOF:
		return EX_OK;
	case AR_ENOMEM:
		return EX_OSERR;
	case AR_EIO:
		return EX_IOERR;
	case AR_EOPEN:
		return EX_NOINPUT;
	case AR_ECREATE:
		return EX_CANTCREAT;
	case AR_ECONFIG:
		return EX_CONFIG;
	case AR_EUSAGE:
		return EX_USAGE;
	case AR_EINVARIANT:
		return EX_SOFTWARE;
	default:
		return EX_DATAERR;
	}
}
