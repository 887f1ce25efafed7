/* diag.c - messages on standard error. */
#include "cli/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char *progname = "artools";
static int progress_tty = -1;   /* -1 unknown, 0 no, 1 yes */
static time_t progress_last;
static bool progress_shown;

void
diag_init(const char *name)
{
	progname = name;
}

const char *
diag_progname(void)
{
	return progname;
}

/* "PROG: [FILE:[LINE:] ]MESSAGE\n" */
static void
vsay(const char *file, long line, const char *fmt, va_list ap)
{
	diag_progress_done();
	fprintf(stderr, "%s: ", progname);
	if (file != NULL && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_verror(const char *fmt, va_list ap)
{
	vsay(NULL, 0, fmt, ap);
}

void
diag_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(NULL, 0, fmt, ap);
	va_end(ap);
}

void
diag_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(file, line, fmt, ap);
	va_end(ap);
}

void
diag_report(const char *name, const struct ar_error *e)
{
	const char *msg = e->message[0] != '\0' ? e->message : ar_strerror(e->code);

	diag_at(e->file[0] != '\0' ? e->file : name, e->line, "%s", msg);
}

void
diag_progress(unsigned long rows)
{
	time_t now;

	if (rows % 65536 != 0)   /* keep the per-row cost to one test */
		return;
	if (progress_tty < 0)
		progress_tty = isatty(STDERR_FILENO);
	if (!progress_tty)
		return;
	now = time(NULL);
	if (now == progress_last)
		return;
	progress_last = now;
	fprintf(stderr, "%s: %lu rows\r", progname, rows);
	progress_shown = true;
}

void
diag_progress_done(void)
{
	if (progress_shown) {
		fprintf(stderr, "\033[K");
		progress_shown = false;
	}
}
