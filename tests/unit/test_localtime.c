/*
 * test_localtime.c - a civil day and minute in an IANA zone as ISO 8601
 * (localtime.h): Kuala Lumpur, Taipei, UTC, New York around its DST
 * changes, a day Samoa skipped, zones refused, TZ put back as it was; and
 * the sms_hours window.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/localtime.h"
#include "test.h"

static char iso[LOCALTIME_ISO_MAX];

static civil_day
ymd(int y, int m, int d)
{
	civil_day day = DATE_NONE;

	if (date_from_ymd(y, m, d, &day) != AR_OK)
		abort();
	return day;
}

/* y-m-d at hh:mm in tz; the text, or "ERR" with the code in the failed expectation. */
static const char *
at(const char *tz, int y, int m, int d, int hh, int mm)
{
	ar_err err = localtime_iso(tz, ymd(y, m, d), hh * 60 + mm, iso, sizeof iso);

	EXPECT_EQ_INT(err, AR_OK);
	return err == AR_OK ? iso : "ERR";
}

static ar_err
zone_err(const char *tz)
{
	ar_err err = localtime_iso(tz, ymd(2026, 11, 24), 9 * 60, iso, sizeof iso);

	EXPECT_EQ_STR(iso, "");
	return err;
}

static void
kuala_lumpur_taipei_utc(void)
{
	EXPECT_EQ_STR(at("Asia/Kuala_Lumpur", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+08:00");
	EXPECT_EQ_STR(at("Asia/Kuala_Lumpur", 2026, 11, 24, 0, 0), "2026-11-24T00:00:00+08:00");
	EXPECT_EQ_STR(at("Asia/Kuala_Lumpur", 2026, 11, 24, 23, 59), "2026-11-24T23:59:00+08:00");
	EXPECT_EQ_STR(at("Asia/Taipei", 2026, 11, 24, 20, 0), "2026-11-24T20:00:00+08:00");
	/* Taiwan kept summer time in 1979 (1 July to 30 September): the zone's rules are used. */
	EXPECT_EQ_STR(at("Asia/Taipei", 1979, 7, 1, 12, 0), "1979-07-01T12:00:00+09:00");
	/* Never "Z". */
	EXPECT_EQ_STR(at("UTC", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+00:00");
	EXPECT_EQ_STR(at("Etc/UTC", 2028, 2, 29, 0, 0), "2028-02-29T00:00:00+00:00");
}

static void
offsets_with_minutes_and_west_of_greenwich(void)
{
	EXPECT_EQ_STR(at("Asia/Kolkata", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+05:30");
	EXPECT_EQ_STR(at("Asia/Kathmandu", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+05:45");
	EXPECT_EQ_STR(at("America/St_Johns", 2026, 1, 15, 9, 0), "2026-01-15T09:00:00-03:30");
	EXPECT_EQ_STR(at("Etc/GMT+8", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00-08:00");
}

static void
new_york_summer_winter_and_the_changes(void)
{
	EXPECT_EQ_STR(at("America/New_York", 2026, 1, 15, 9, 0), "2026-01-15T09:00:00-05:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 7, 1, 9, 0), "2026-07-01T09:00:00-04:00");
	/* Sunday 8 March 2026: clocks go from 02:00 EST to 03:00 EDT. */
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 1, 59), "2026-03-08T01:59:00-05:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 9, 0), "2026-03-08T09:00:00-04:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 3, 0), "2026-03-08T03:00:00-04:00");
	/* In the gap: forward to the first minute that exists. */
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 2, 0), "2026-03-08T03:00:00-04:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 2, 30), "2026-03-08T03:00:00-04:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 3, 8, 2, 59), "2026-03-08T03:00:00-04:00");
	/* Sunday 1 November 2026: 01:00-01:59 happens twice; the first is taken. */
	EXPECT_EQ_STR(at("America/New_York", 2026, 11, 1, 1, 30), "2026-11-01T01:30:00-04:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 11, 1, 2, 0), "2026-11-01T02:00:00-05:00");
	EXPECT_EQ_STR(at("America/New_York", 2026, 11, 1, 9, 0), "2026-11-01T09:00:00-05:00");
}

static void
a_skipped_day_moves_to_the_next(void)
{
	/* Samoa went from 29 December 2011 23:59 (-10:00) to 31 December 00:00 (+14:00). */
	EXPECT_EQ_STR(at("Pacific/Apia", 2011, 12, 29, 23, 59), "2011-12-29T23:59:00-10:00");
	EXPECT_EQ_STR(at("Pacific/Apia", 2011, 12, 30, 9, 0), "2011-12-31T00:00:00+14:00");
}

static void
unknown_zones_are_configuration_errors(void)
{
	EXPECT_EQ_INT(zone_err("Asia/Nowhere"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err(""), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("asia/kuala_lumpur"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("Asia/Kuala_Lumpur "), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("/usr/share/zoneinfo/UTC"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("../zoneinfo/UTC"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("Asia/../UTC"), AR_ECONFIG);
	/* A file of tzdata that is no zone, a folder, a POSIX TZ string. */
	EXPECT_EQ_INT(zone_err("zone.tab"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("Asia"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err("EST5EDT,M3.2.0,M11.1.0"), AR_ECONFIG);
	EXPECT_EQ_INT(zone_err(":Asia/Taipei"), AR_ECONFIG);
}

static void
usage_errors(void)
{
	char small[25];

	EXPECT_EQ_INT(localtime_iso("UTC", ymd(2026, 11, 24), -1, iso, sizeof iso), AR_EUSAGE);
	EXPECT_EQ_INT(localtime_iso("UTC", ymd(2026, 11, 24), 1440, iso, sizeof iso), AR_EUSAGE);
	EXPECT_EQ_INT(localtime_iso("UTC", DATE_NONE, 0, iso, sizeof iso), AR_EUSAGE);
	EXPECT_EQ_INT(localtime_iso(NULL, ymd(2026, 11, 24), 0, iso, sizeof iso), AR_EUSAGE);
	EXPECT_EQ_INT(localtime_iso("UTC", ymd(2026, 11, 24), 0, NULL, 0), AR_EUSAGE);
	/* 25 characters need 26 bytes. */
	EXPECT_EQ_INT(localtime_iso("UTC", ymd(2026, 11, 24), 0, small, sizeof small), AR_EUSAGE);
	EXPECT_EQ_STR(small, "");
	EXPECT_EQ_INT(localtime_iso("UTC", ymd(2026, 11, 24), 0, iso, 26), AR_OK);
	EXPECT_EQ_STR(iso, "2026-11-24T00:00:00+00:00");
}

static long
gmtoff_at_epoch(void)
{
	time_t t = 0;
	struct tm tm;

	tzset();
	if (localtime_r(&t, &tm) == NULL)
		return -1;
	return tm.tm_gmtoff;
}

static void
tz_is_put_back_as_it_was(void)
{
	const char *saved = getenv("TZ");
	char *copy = saved ? strdup(saved) : NULL;

	/* Set: the same value after, and the C library's rules follow it again. */
	EXPECT_EQ_INT(setenv("TZ", "Asia/Tokyo", 1), 0);
	EXPECT_EQ_STR(at("America/New_York", 2026, 7, 1, 9, 0), "2026-07-01T09:00:00-04:00");
	EXPECT_EQ_STR(getenv("TZ"), "Asia/Tokyo");
	EXPECT_EQ_INT(gmtoff_at_epoch(), 9 * 3600);
	EXPECT_EQ_INT(zone_err("Asia/Nowhere"), AR_ECONFIG);
	EXPECT_EQ_STR(getenv("TZ"), "Asia/Tokyo");
	/* Set but empty stays set and empty. */
	EXPECT_EQ_INT(setenv("TZ", "", 1), 0);
	EXPECT_EQ_STR(at("Asia/Taipei", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+08:00");
	EXPECT_EQ_STR(getenv("TZ"), "");
	/* Unset stays unset. */
	EXPECT_EQ_INT(unsetenv("TZ"), 0);
	EXPECT_EQ_STR(at("Asia/Taipei", 2026, 11, 24, 9, 0), "2026-11-24T09:00:00+08:00");
	EXPECT(getenv("TZ") == NULL);

	if (copy != NULL)
		setenv("TZ", copy, 1);
	else
		unsetenv("TZ");
	tzset();
	free(copy);
}

static void
sms_hours_window(void)
{
	int s = -1, e = -1;

	EXPECT_EQ_INT(localtime_window_parse("09:00-20:00", &s, &e), AR_OK);
	EXPECT_EQ_INT(s, 540);
	EXPECT_EQ_INT(e, 1200);
	EXPECT_EQ_INT(localtime_window_parse("00:00-24:00", &s, &e), AR_OK);
	EXPECT_EQ_INT(s, 0);
	EXPECT_EQ_INT(e, 1440);
	EXPECT_EQ_INT(localtime_window_parse(" 9:30 - 17:45 ", &s, &e), AR_OK);
	EXPECT_EQ_INT(s, 570);
	EXPECT_EQ_INT(e, 1065);
	EXPECT_EQ_INT(localtime_window_parse("08:00-08:01", &s, &e), AR_OK);
	EXPECT_EQ_INT(s, 480);
	EXPECT_EQ_INT(e, 481);

	s = e = -7;
	EXPECT_EQ_INT(localtime_window_parse("20:00-09:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:00-09:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("24:00-24:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:00-24:01", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("25:00-26:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:60-10:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:0-20:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("009:00-20:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("0900-2000", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:00", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("09:00-20:00x", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("9am-8pm", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse("", &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(localtime_window_parse(NULL, &s, &e), AR_ESYNTAX);
	/* Nothing written on an error. */
	EXPECT_EQ_INT(s, -7);
	EXPECT_EQ_INT(e, -7);
}

int
main(void)
{
	RUN(kuala_lumpur_taipei_utc);
	RUN(offsets_with_minutes_and_west_of_greenwich);
	RUN(new_york_summer_winter_and_the_changes);
	RUN(a_skipped_day_moves_to_the_next);
	RUN(unknown_zones_are_configuration_errors);
	RUN(usage_errors);
	RUN(tz_is_put_back_as_it_was);
	RUN(sms_hours_window);
	return test_summary();
}
