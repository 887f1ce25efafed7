/*
 * csv-out.h - what gen-match.c and fifo-match.c write alike: a CSV cell,
 * quoted when it must be (RFC 4180), and an amount in cents as 1234.56.
 * Included by each as a single translation unit (no .c).
 */
#ifndef CSV_OUT_H
#define CSV_OUT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void put_cell(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* Cents as "-12.34"; c is never INT64_MIN here (bench amounts are small). */
static void put_money(FILE *f, int64_t c)
{
	if (c < 0) {
		putc('-', f);
		c = -c;
	}
	fprintf(f, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

#endif
