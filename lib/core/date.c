/* date.c - civil day numbers, and the date forms AR extracts are written in. */
#define _XOPEN_SOURCE 700	/* strptime */
#include "core/date.h"

#include <string.h>
#include <time.h>

#define YEAR_MIN 1
#define YEAR_MAX 9999
#define ROC_OFFSET 1911         /* Minguo 1 is 1912 */
#define EXCEL_SERIAL_MAX 2958465 /* 9999-12-31 */
#define EXCEL_SERIAL_LEAP 60    /* Lotus's 29 Feb 1900, kept by Excel */
#define EXCEL_DAY0 (-25568)     /* serial 0, 1899-12-31, as a civil day */

/* A run of digits; val holds the first nine of them, enough for any form. */
struct num {
	size_t len;
	int32_t val;
};

/*
 * Howard Hinnant's days_from_civil and civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): exact for the
 * proleptic Gregorian calendar, no tables, no loops.  int64 so that any
 * civil_day, even DATE_NONE, goes through without overflow.
 */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

ar_err
date_from_ymd(int year, int month, int mday, civil_day *day)
{
	if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 ||
	    mday < 1 || mday > days_in_month(year, month))
		return AR_ERANGE;
	*day = (civil_day)days_from_civil(year, month, mday);
	return AR_OK;
}

void
date_to_ymd(civil_day day, int *year, int *month, int *mday)
{
	int64_t y;

	civil_from_days(day, &y, month, mday);
	*year = (int)y;  /* |y| < 6e6 for any int32 day */
}

static char *
put_digits(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

size_t
date_format(civil_day day, char *buf)
{
	char *p = buf;
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	/* Keep the promised width: a day outside 0001..9999 is no date. */
	if (y < YEAR_MIN || y > YEAR_MAX)
		y = m = d = 0;
	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
	return 10;
}

civil_day
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	civil_day day;

	if (localtime_r(&now, &tm) == NULL ||
	    date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    &day) != AR_OK)
		return DATE_NONE;
	return day;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *
scan_num(const char *p, const char *e, struct num *n)
{
	n->len = 0;
	n->val = 0;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		if (n->len < 9)
			n->val = n->val * 10 + (*p - '0');
		n->len++;
	}
	return p;
}

static ar_err
roc_date(int year, int month, int mday, civil_day *day)
{
	if (year == 0)   /* 1911 is a Gregorian year but no Minguo one */
		return AR_ERANGE;
	return date_from_ymd(year + ROC_OFFSET, month, mday, day);
}

/* Excel's 1900 system counts a 29 Feb 1900 that never was. */
static ar_err
excel_serial(const struct num *a, const struct date_opts *opts,
    civil_day *day)
{
	/* With ROC on, seven digits are 1151124, not a serial. */
	if (!opts->excel_serial || a->len > 7 || (a->len == 7 && opts->roc))
		return AR_ESYNTAX;
	if (a->val < 1 || a->val > EXCEL_SERIAL_MAX ||
	    a->val == EXCEL_SERIAL_LEAP)
		return AR_ERANGE;
	*day = EXCEL_DAY0 + a->val - (a->val > EXCEL_SERIAL_LEAP);
	return AR_OK;
}

/* 20261124, 1151124 or 46350 */
static ar_err
digits_only(const struct num *a, const struct date_opts *opts,
    civil_day *day)
{
	int32_t v = a->val;

	if (a->len == 8)
		return date_from_ymd(v / 10000, v / 100 % 100, v % 100, day);
	if (a->len == 7 && opts->roc)
		return roc_date(v / 10000, v / 100 % 100, v % 100, day);
	return excel_serial(a, opts, day);
}

/* 24/11/2026, 11/24/2026, 2026/11/24, 115/11/24 */
static ar_err
slashed(const struct num *a, const struct num *b, const struct num *c,
    const struct date_opts *opts, civil_day *day)
{
	if (b->len > 2)
		return AR_ESYNTAX;
	/* 2026/11/24: Chinese-locale and database exports; a 4-digit year first is unambiguous. */
	if (a->len == 4 && c->len <= 2)
		return date_from_ymd(a->val, b->val, c->val, day);
	if (c->len == 4) {
		if (a->len > 2)
			return AR_ESYNTAX;
		if (opts->order == DATE_MONTH_FIRST)
			return date_from_ymd(c->val, a->val, b->val, day);
		return date_from_ymd(c->val, b->val, a->val, day);
	}
	if (c->len > 2)
		return AR_ESYNTAX;
	/*
	 * Minguo years of two digits (up to 99, i.e. 2010) clash with a
	 * day-first date of two-digit year: 24/11/26 could be either, so
	 * only a first part that cannot be a day (32..99) is taken as ROC.
	 */
	if (opts->roc && (a->len == 3 ||
	    (a->len == 2 && (a->val > 31 || c->len == 1))))
		return roc_date(a->val, b->val, c->val, day);
	if (a->len <= 2 && c->len == 2)
		return AR_EAMBIGUOUS;
	return AR_ESYNTAX;
}

ar_err
date_parse(const char *text, size_t len, const struct date_opts *opts,
    civil_day *day)
{
	static const struct date_opts defaults = DATE_OPTS_DEFAULT;
	const char *p = text, *e;
	struct num a, b, c;
	char sep;

	if (opts == NULL)
		opts = &defaults;
	if (len == 0)   /* an empty field may come as NULL, 0 */
		return AR_ESYNTAX;
	e = text + len;
	while (p < e && is_blank(*p))
		p++;
	while (e > p && is_blank(e[-1]))
		e--;

	p = scan_num(p, e, &a);
	if (a.len == 0)
		return AR_ESYNTAX;
	if (p == e)
		return digits_only(&a, opts, day);
	sep = *p++;
	p = scan_num(p, e, &b);
	if (b.len == 0)
		return AR_ESYNTAX;
	if (p == e)   /* 46350.5: xlsx keeps the time as a fraction */
		return sep == '.' ? excel_serial(&a, opts, day) : AR_ESYNTAX;
	if (*p++ != sep)
		return AR_ESYNTAX;
	p = scan_num(p, e, &c);
	if (c.len == 0 || p != e)
		return AR_ESYNTAX;

	switch (sep) {
	case '-':
		/* 24-11-2026: ERPNext's default date format (dd-mm-yyyy) */
		if (a.len <= 2 && b.len <= 2 && c.len == 4)
			return opts->order == DATE_MONTH_FIRST ?
			    date_from_ymd(c.val, a.val, b.val, day) :
			    date_from_ymd(c.val, b.val, a.val, day);
		if (a.len != 4 || b.len != 2 || c.len != 2)
			return AR_ESYNTAX;
		return date_from_ymd(a.val, b.val, c.val, day);
	case '.':
		if (a.len > 2 || b.len > 2)
			return AR_ESYNTAX;
		if (c.len == 2)
			return AR_EAMBIGUOUS;
		if (c.len != 4)
			return AR_ESYNTAX;
		return date_from_ymd(c.val, b.val, a.val, day);
	case '/':
		return slashed(&a, &b, &c, opts, day);
	}
	return AR_ESYNTAX;
}

ar_err
date_parse_format(const char *text, size_t len, const char *format,
    civil_day *day)
{
	char buf[64];
	struct tm tm;
	const char *end;

	if (len >= sizeof buf)
		return AR_ESYNTAX;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(&tm, 0, sizeof tm);
	end = strptime(buf, format, &tm);
	while (end != NULL && is_blank(*end))
		end++;
	if (end == NULL || *end != '\0')
		return AR_ESYNTAX;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, day);
}

ar_err
date_add_months(civil_day day, int months, civil_day *out)
{
	int y, m, d, last;
	long index;

	if (day == DATE_NONE || months < -120000 || months > 120000)
		return AR_ERANGE;
	date_to_ymd(day, &y, &m, &d);
	last = d == days_in_month(y, m);
	index = (long)y * 12 + (m - 1) + months;
	if (index < 12 || index >= 10000L * 12)
		return AR_ERANGE;
	y = (int)(index / 12);
	m = (int)(index % 12) + 1;
	if (last || d > days_in_month(y, m))
		d = days_in_month(y, m);
	return date_from_ymd(y, m, d, out);
}
