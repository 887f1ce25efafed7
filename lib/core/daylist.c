/* daylist.c - "30,60,90,120": increasing limits in days. */
#include "core/daylist.h"

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

ar_err
daylist_parse(const char *text, int *days, int *n)
{
	const char *s = text;

	*n = 0;
	for (;;) {
		long v = 0;
		int digits = 0;

		s = skip_blanks(s);
		for (; *s >= '0' && *s <= '9'; s++, digits++)
			if (v <= DAYLIST_DAYS_MAX)   /* past the limit: stays past it */
				v = v * 10 + (*s - '0');
		s = skip_blanks(s);
		if (digits == 0 || (*s != ',' && *s != '\0'))
			return AR_ESYNTAX;
		if (*n == DAYLIST_MAX || v < 1 || v > DAYLIST_DAYS_MAX ||
		    (*n > 0 && v <= days[*n - 1]))
			return AR_ERANGE;
		days[(*n)++] = (int)v;
		if (*s == '\0')
			return AR_OK;
		s++;
	}
}
