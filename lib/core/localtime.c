/* localtime.c - a local time in an IANA zone as ISO 8601 (localtime.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/localtime.h"

#define ZONEINFO "/usr/share/zoneinfo"
/* Longer than any name in tzdata ("America/Argentina/ComodRivadavia" is 32). */
#define ZONE_NAME_MAX 128
/* The longest gap in tzdata is a day (Pacific/Apia, 2011-12-30); two is plenty. */
#define GAP_MINUTES_MAX (2 * 1440)

/*
 * The TZ value for zone name tz into spec: ":" and the absolute path of its
 * file, which must be a TZif file.  A name of any other characters, with a
 * "..", absolute or empty is refused before the file system is asked.
 */
static ar_err
zone_spec(const char *tz, char *spec, size_t cap)
{
	size_t n = strlen(tz);
	char magic[4];
	FILE *f;
	size_t got;

	if (n == 0 || n > ZONE_NAME_MAX || tz[0] == '/' || strstr(tz, "..") != NULL)
		return AR_ECONFIG;
	/* Letters, digits and "_-+/" spell every tzdata name ("Etc/GMT+8"). */
	for (size_t i = 0; i < n; i++) {
		char c = tz[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' || c == '/'))
			return AR_ECONFIG;
	}
	if ((size_t)snprintf(spec, cap, ":%s/%s", ZONEINFO, tz) >= cap)
		return AR_ECONFIG;
	/* glibc falls back to UTC, silently, on a file it cannot read: check first. */
	if ((f = fopen(spec + 1, "rb")) == NULL)
		return AR_ECONFIG;
	got = fread(magic, 1, sizeof magic, f);
	fclose(f);
	if (got != sizeof magic || memcmp(magic, "TZif", 4) != 0)
		return AR_ECONFIG;
	return AR_OK;
}

/*
 * The earliest moment whose local wall time, under the TZ in force, is
 * y-mo-d at minute; 0 when there is none (a gap).  Each tm_isdst is tried
 * and the result read back, so that what mktime does with a time that does
 * not exist, or exists twice, does not matter.
 */
static int
wall_moment(int y, int mo, int d, int minute, struct tm *out)
{
	static const int isdst_tries[] = { -1, 0, 1 };
	time_t best = 0;
	int found = 0;

	for (size_t i = 0; i < sizeof isdst_tries / sizeof isdst_tries[0]; i++) {
		struct tm tm = { 0 }, lt;
		time_t t;

		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = minute / 60;
		tm.tm_min = minute % 60;
		tm.tm_isdst = isdst_tries[i];
		t = mktime(&tm);
		if (localtime_r(&t, &lt) == NULL)
			continue;
		if (lt.tm_year != y - 1900 || lt.tm_mon != mo - 1 || lt.tm_mday != d ||
		    lt.tm_hour != minute / 60 || lt.tm_min != minute % 60)
			continue;
		if (!found || t < best) {
			best = t;
			*out = lt;
			found = 1;
		}
	}
	return found;
}

/* The first existing local time from day at minute on, under the TZ in force. */
static ar_err
first_existing(civil_day day, int minute, struct tm *lt)
{
	int y, mo, d;

	date_to_ymd(day, &y, &mo, &d);
	for (int step = 0; step <= GAP_MINUTES_MAX; step++) {
		if (wall_moment(y, mo, d, minute, lt))
			return AR_OK;
		if (++minute == 1440) {
			minute = 0;
			date_to_ymd(++day, &y, &mo, &d);
		}
	}
	return AR_ERANGE;
}

static ar_err
format_iso(const struct tm *lt, char *buf, size_t cap)
{
	long off = lt->tm_gmtoff;
	char sign = '+';
	int n;

	if (off < 0) {
		sign = '-';
		off = -off;
	}
	n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    lt->tm_year + 1900, lt->tm_mon + 1, lt->tm_mday, lt->tm_hour,
	    lt->tm_min, lt->tm_sec, sign, off / 3600, off % 3600 / 60);
	if (n < 0 || (size_t)n >= cap) {
		buf[0] = '\0';
		return AR_EUSAGE;
	}
	return AR_OK;
}

ar_err
localtime_iso(const char *tz, civil_day day, int minute_of_day, char *buf, size_t cap)
{
	char spec[sizeof ZONEINFO + ZONE_NAME_MAX + 8];
	const char *old;
	char *saved = NULL;
	struct tm lt = { 0 };
	int y, mo, d;
	ar_err err, restore = AR_OK;

	if (buf == NULL || cap == 0)
		return AR_EUSAGE;
	buf[0] = '\0';
	if (tz == NULL || minute_of_day < 0 || minute_of_day > 1439 || day == DATE_NONE)
		return AR_EUSAGE;
	date_to_ymd(day, &y, &mo, &d);
	if (y < 1 || y > 9999)
		return AR_EUSAGE;
	if ((err = zone_spec(tz, spec, sizeof spec)) != AR_OK)
		return err;

	/* getenv's string may not outlive the setenv below: keep a copy. */
	if ((old = getenv("TZ")) != NULL && (saved = strdup(old)) == NULL)
		return AR_ENOMEM;
	if (setenv("TZ", spec, 1) != 0) {
		free(saved);
		return AR_ENOMEM;
	}
	tzset();
	err = first_existing(day, minute_of_day, &lt);
	if (saved != NULL ? setenv("TZ", saved, 1) != 0 : unsetenv("TZ") != 0)
		restore = AR_ENOMEM;
	tzset();
	free(saved);
	if (err == AR_OK)
		err = restore;
	if (err != AR_OK)
		return err;
	return format_iso(&lt, buf, cap);
}

/* "H:MM" or "HH:MM" with blanks around, from *p; the minute of the day, or -1. */
static int
clock_minute(const char **p)
{
	const char *s = *p;
	int h = 0, m, digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s >= '0' && *s <= '9' && digits < 3) {
		h = h * 10 + (*s++ - '0');
		digits++;
	}
	if (digits < 1 || digits > 2 || *s != ':')
		return -1;
	s++;
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	s += 2;
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	*p = s;
	return h * 60 + m;
}

ar_err
localtime_window_parse(const char *text, int *start_minute, int *end_minute)
{
	const char *p = text;
	int start, end;

	if (text == NULL || start_minute == NULL || end_minute == NULL)
		return AR_ESYNTAX;
	if ((start = clock_minute(&p)) < 0 || *p != '-')
		return AR_ESYNTAX;
	p++;
	if ((end = clock_minute(&p)) < 0 || *p != '\0')
		return AR_ESYNTAX;
	if (start >= 1440 || end <= start)
		return AR_ESYNTAX;
	*start_minute = start;
	*end_minute = end;
	return AR_OK;
}
