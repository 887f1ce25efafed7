/* diag.c - messages on standard error. */
#include "diag.h"

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

void
diag_error(const char *fmt, ...)
{
	va_list ap;

	diag_progress_done();
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
diag_usage(const char *fmt, ...)
{
	va_list ap;

	diag_progress_done();
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
}

void
diag_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	diag_progress_done();
	if (line > 0)
		fprintf(stderr, "%s: %s:%ld: ", progname, file, line);
	else
		fprintf(stderr, "%s: %s: ", progname, file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
