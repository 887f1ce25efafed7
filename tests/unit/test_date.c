/* test_date.c - civil days, date_parse's forms, date_format. */
#include "core/date.h"
#include "test.h"

#include <time.h>

static const struct date_opts dmy = { DATE_DAY_FIRST, true, true };
static const struct date_opts mdy = { DATE_MONTH_FIRST, true, true };
static const struct date_opts plain = { DATE_DAY_FIRST, false, false };
static const struct date_opts serial_only = { DATE_DAY_FIRST, false, true };

static civil_day got;

static ar_err
parse(const char *s, const struct date_opts *o)
{
	got = 12345;
	return date_parse(s, strlen(s), o, &got);
}

/* The parsed day as ISO text, or the error's number as text. */
static const char *
iso(const char *s, const struct date_opts *o)
{
	static char buf[DATE_TEXT_MAX + 16];
	ar_err err = parse(s, o);

	if (err != AR_OK) {
		snprintf(buf, sizeof buf, "error %d", (int)err);
		return buf;
	}
	date_format(got, buf);
	return buf;
}

#define EXPECT_DATE(s, o, want) EXPECT_EQ_STR(iso(s, o), want)
#define EXPECT_ERR(s, o, err) do { \
	EXPECT_EQ_INT(parse(s, o), err); \
	EXPECT_EQ_INT(got, 12345); \
} while (0)

static civil_day
ymd(int y, int m, int d)
{
	civil_day day = DATE_NONE;

	EXPECT_EQ_INT(date_from_ymd(y, m, d, &day), AR_OK);
	return day;
}

static void
date_epoch_is_day_zero(void)
{
	EXPECT_EQ_INT(ymd(1970, 1, 1), 0);
	EXPECT_EQ_INT(ymd(1969, 12, 31), -1);
	EXPECT_EQ_INT(ymd(1970, 1, 2), 1);
	EXPECT_EQ_INT(ymd(2000, 3, 1), 11017);
	EXPECT_EQ_INT(ymd(2026, 11, 24), 20781);
}

static void
date_year_bounds(void)
{
	civil_day d;

	EXPECT_EQ_INT(ymd(1, 1, 1), -719162);
	EXPECT_EQ_INT(ymd(9999, 12, 31), 2932896);
	EXPECT_EQ_INT(date_from_ymd(0, 12, 31, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(10000, 1, 1, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(-1, 1, 1, &d), AR_ERANGE);
}

static void
date_from_ymd_rejects_impossible(void)
{
	civil_day d = 777;

	EXPECT_EQ_INT(date_from_ymd(2026, 2, 31, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2026, 4, 31, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2026, 0, 1, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2026, 13, 1, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2026, 1, 0, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2026, 1, 32, &d), AR_ERANGE);
	EXPECT_EQ_INT(d, 777);
}

static void
date_leap_years(void)
{
	civil_day d;

	EXPECT_EQ_INT(date_from_ymd(2024, 2, 29, &d), AR_OK);
	EXPECT_EQ_INT(date_from_ymd(2000, 2, 29, &d), AR_OK);
	EXPECT_EQ_INT(date_from_ymd(1900, 2, 29, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2100, 2, 29, &d), AR_ERANGE);
	EXPECT_EQ_INT(date_from_ymd(2025, 2, 29, &d), AR_ERANGE);
	EXPECT_EQ_INT(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2);
	EXPECT_EQ_INT(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
}

static void
date_leap_rule_centuries(void)
{
	static const int leap[] = { 4, 400, 1600, 2000, 2400, 2024, 9996 };
	static const int common[] = { 100, 1700, 1800, 1900, 2100, 2200, 2300,
	    2500, 9999 };
	civil_day d;
	size_t i;

	for (i = 0; i < sizeof leap / sizeof leap[0]; i++)
		EXPECT_EQ_INT(date_from_ymd(leap[i], 2, 29, &d), AR_OK);
	for (i = 0; i < sizeof common / sizeof common[0]; i++)
		EXPECT_EQ_INT(date_from_ymd(common[i], 2, 29, &d), AR_ERANGE);
	/* 400 years are always 146097 days, whatever the calendar code */
	EXPECT_EQ_INT(ymd(2400, 1, 1) - ymd(2000, 1, 1), 146097);
	EXPECT_EQ_INT(ymd(2000, 1, 1) - ymd(1600, 1, 1), 146097);
}

static void
date_to_ymd_splits(void)
{
	int y, m, d;

	date_to_ymd(20781, &y, &m, &d);
	EXPECT_EQ_INT(y, 2026);
	EXPECT_EQ_INT(m, 11);
	EXPECT_EQ_INT(d, 24);
	date_to_ymd(-1, &y, &m, &d);
	EXPECT_EQ_INT(y, 1969);
	EXPECT_EQ_INT(m, 12);
	EXPECT_EQ_INT(d, 31);
}

static void
date_round_trips_every_day_1900_2100(void)
{
	civil_day day, first = ymd(1900, 1, 1), last = ymd(2100, 12, 31);
	int y, m, d, bad = 0;

	for (day = first; day <= last; day++) {
		civil_day back = DATE_NONE;

		date_to_ymd(day, &y, &m, &d);
		if (date_from_ymd(y, m, d, &back) != AR_OK || back != day)
			bad++;
	}
	EXPECT_EQ_INT(bad, 0);
}

static void
date_to_ymd_survives_extremes(void)
{
	int y, m, d;

	date_to_ymd(INT32_MAX, &y, &m, &d);
	EXPECT(y > 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	date_to_ymd(DATE_NONE, &y, &m, &d);
	EXPECT(y < 1 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static void
date_formats_iso(void)
{
	char buf[DATE_TEXT_MAX];

	EXPECT_EQ_INT(date_format(20781, buf), 10);
	EXPECT_EQ_STR(buf, "2026-11-24");
	date_format(ymd(1, 1, 1), buf);
	EXPECT_EQ_STR(buf, "0001-01-01");
	date_format(ymd(9999, 12, 31), buf);
	EXPECT_EQ_STR(buf, "9999-12-31");
}

static void
date_formats_out_of_range_as_zeros(void)
{
	char buf[DATE_TEXT_MAX];

	EXPECT_EQ_INT(date_format(DATE_NONE, buf), 10);
	EXPECT_EQ_STR(buf, "0000-00-00");
	EXPECT_EQ_INT(date_format(ymd(9999, 12, 31) + 1, buf), 10);
	EXPECT_EQ_STR(buf, "0000-00-00");
	EXPECT_EQ_INT(date_format(INT32_MAX, buf), 10);
	EXPECT_EQ_STR(buf, "0000-00-00");
}

static void
date_parses_iso(void)
{
	EXPECT_DATE("2026-11-24", &dmy, "2026-11-24");
	EXPECT_DATE("2026-11-24", &plain, "2026-11-24");
	EXPECT_DATE("1970-01-01", &plain, "1970-01-01");
	EXPECT_DATE("  2026-11-24\t", &plain, "2026-11-24");
}

static void
date_rejects_iso_with_short_parts(void)
{
	EXPECT_ERR("2026-1-24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026-11-4", &dmy, AR_ESYNTAX);
	EXPECT_ERR("26-11-24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("02026-11-24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026-11-24T10:00", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026-11-24 10:00:00", &dmy, AR_ESYNTAX);
}

static void
date_parses_iso_basic(void)
{
	EXPECT_DATE("20261124", &plain, "2026-11-24");
	EXPECT_DATE("20261124", &dmy, "2026-11-24");
	EXPECT_DATE("20240229", &plain, "2024-02-29");
}

static void
date_rejects_iso_basic_impossible(void)
{
	EXPECT_ERR("20261324", &plain, AR_ERANGE);
	EXPECT_ERR("20260231", &plain, AR_ERANGE);
	EXPECT_ERR("00001124", &plain, AR_ERANGE);
}

static void
date_parses_dotted(void)
{
	EXPECT_DATE("24.11.2026", &plain, "2026-11-24");
	EXPECT_DATE("4.1.2026", &plain, "2026-01-04");
	EXPECT_DATE("04.01.2026", &mdy, "2026-01-04");
}

static void
date_parses_slashed_day_first(void)
{
	EXPECT_DATE("24/11/2026", &dmy, "2026-11-24");
	EXPECT_DATE("01/02/2026", &dmy, "2026-02-01");
	EXPECT_DATE("1/2/2026", &plain, "2026-02-01");
}

static void
date_parses_slashed_month_first(void)
{
	static const struct date_opts us = { DATE_MONTH_FIRST, false, false };

	EXPECT_DATE("11/24/2026", &mdy, "2026-11-24");
	EXPECT_DATE("01/02/2026", &mdy, "2026-01-02");
	EXPECT_DATE("2/1/2026", &us, "2026-02-01");
	EXPECT_ERR("24/11/2026", &mdy, AR_ERANGE);
}

/* ERPNext writes dd-mm-yyyy by default; read like the slashed form. */
static void
date_parses_dashed_with_year_last(void)
{
	EXPECT_DATE("24-11-2026", &dmy, "2026-11-24");
	EXPECT_DATE("1-2-2026", &dmy, "2026-02-01");
	EXPECT_DATE("11-24-2026", &mdy, "2026-11-24");
	EXPECT_ERR("11-24-2026", &dmy, AR_ERANGE);
	EXPECT_ERR("31-02-2026", &dmy, AR_ERANGE);
	EXPECT_ERR("24-11-26", &dmy, AR_ESYNTAX);
	EXPECT_ERR("124-11-2026", &dmy, AR_ESYNTAX);
}

static void
date_rejects_31_february(void)
{
	EXPECT_ERR("2026-02-31", &dmy, AR_ERANGE);
	EXPECT_ERR("31.02.2026", &dmy, AR_ERANGE);
	EXPECT_ERR("31/02/2026", &dmy, AR_ERANGE);
}

static void
date_rejects_29_february_2025(void)
{
	EXPECT_ERR("2025-02-29", &dmy, AR_ERANGE);
	EXPECT_DATE("2024-02-29", &dmy, "2024-02-29");
	EXPECT_DATE("29.02.2000", &dmy, "2000-02-29");
	EXPECT_ERR("29.02.1900", &dmy, AR_ERANGE);
}

static void
date_rejects_month_0_and_13(void)
{
	EXPECT_ERR("2026-00-10", &dmy, AR_ERANGE);
	EXPECT_ERR("2026-13-10", &dmy, AR_ERANGE);
	EXPECT_ERR("10.13.2026", &dmy, AR_ERANGE);
	EXPECT_ERR("10/0/2026", &dmy, AR_ERANGE);
}

static void
date_rejects_day_0(void)
{
	EXPECT_ERR("2026-11-00", &dmy, AR_ERANGE);
	EXPECT_ERR("0.11.2026", &dmy, AR_ERANGE);
	EXPECT_ERR("00/11/2026", &dmy, AR_ERANGE);
}

static void
date_rejects_year_0(void)
{
	EXPECT_ERR("0000-01-01", &dmy, AR_ERANGE);
	EXPECT_ERR("01.01.0000", &dmy, AR_ERANGE);
}

static void
date_two_digit_year_is_ambiguous(void)
{
	EXPECT_ERR("01/02/03", &dmy, AR_EAMBIGUOUS);
	EXPECT_ERR("01/02/03", &plain, AR_EAMBIGUOUS);
	EXPECT_ERR("1/2/03", &mdy, AR_EAMBIGUOUS);
	EXPECT_ERR("24.11.26", &dmy, AR_EAMBIGUOUS);
	EXPECT_ERR("24.11.26", &plain, AR_EAMBIGUOUS);
	EXPECT_ERR("24/11/26", &dmy, AR_EAMBIGUOUS);
	EXPECT_ERR("31/12/99", &dmy, AR_EAMBIGUOUS);
}

static void
date_parses_roc_slashed(void)
{
	EXPECT_DATE("115/11/24", &dmy, "2026-11-24");
	EXPECT_DATE("115/11/24", &mdy, "2026-11-24");
	EXPECT_DATE("115/1/4", &dmy, "2026-01-04");
	EXPECT_DATE("001/01/01", &dmy, "1912-01-01");
}

static void
date_parses_roc_two_digit_year(void)
{
	/* 99 cannot be a day, so 99/11/24 is Minguo 99, 2010 */
	EXPECT_DATE("99/11/24", &dmy, "2010-11-24");
	EXPECT_DATE("32/1/1", &dmy, "1943-01-01");
	EXPECT_DATE("24/11/5", &dmy, "1935-11-05");
}

static void
date_rejects_roc_when_off(void)
{
	EXPECT_ERR("115/11/24", &plain, AR_ESYNTAX);
	EXPECT_ERR("115/11/24", &serial_only, AR_ESYNTAX);
	EXPECT_ERR("1151124", &plain, AR_ESYNTAX);
	EXPECT_ERR("99/11/24", &plain, AR_EAMBIGUOUS);
}

static void
date_rejects_roc_year_0(void)
{
	EXPECT_ERR("000/11/24", &dmy, AR_ERANGE);
	EXPECT_ERR("0001124", &dmy, AR_ERANGE);
}

static void
date_rejects_roc_impossible(void)
{
	EXPECT_ERR("115/02/29", &dmy, AR_ERANGE);
	EXPECT_DATE("113/02/29", &dmy, "2024-02-29");
	EXPECT_ERR("115/13/01", &dmy, AR_ERANGE);
}

static void
date_rejects_roc_malformed(void)
{
	EXPECT_ERR("115/111/24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("115/11/024", &dmy, AR_ESYNTAX);
	EXPECT_DATE("1155/11/24", &dmy, "1155-11-24");   /* four digits first: a Gregorian year, never ROC */
	EXPECT_ERR("115.11.24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("115-11-24", &dmy, AR_ESYNTAX);
}

static void
date_parses_roc_compact(void)
{
	EXPECT_DATE("1151124", &dmy, "2026-11-24");
	EXPECT_DATE("0990101", &dmy, "2010-01-01");
	EXPECT_ERR("1151131", &dmy, AR_ERANGE);
}

static void
date_parses_excel_serial(void)
{
	EXPECT_DATE("46350", &dmy, "2026-11-24");
	EXPECT_DATE("46350", &serial_only, "2026-11-24");
	EXPECT_DATE("25569", &dmy, "1970-01-01");
	EXPECT_DATE("36526", &dmy, "2000-01-01");
}

static void
date_excel_serial_drops_time_of_day(void)
{
	EXPECT_DATE("46350.5", &dmy, "2026-11-24");
	EXPECT_DATE("46350.999999999999", &dmy, "2026-11-24");
	EXPECT_DATE("46350.0", &dmy, "2026-11-24");
	EXPECT_ERR("46350.", &dmy, AR_ESYNTAX);
	EXPECT_ERR("46350.5x", &dmy, AR_ESYNTAX);
	EXPECT_ERR(".5", &dmy, AR_ESYNTAX);
}

static void
date_excel_serial_1900(void)
{
	EXPECT_DATE("1", &dmy, "1900-01-01");
	EXPECT_DATE("59", &dmy, "1900-02-28");
	EXPECT_DATE("61", &dmy, "1900-03-01");
	EXPECT_DATE("62", &dmy, "1900-03-02");
}

static void
date_excel_serial_60_is_fictitious(void)
{
	EXPECT_ERR("60", &dmy, AR_ERANGE);
	EXPECT_ERR("60.25", &dmy, AR_ERANGE);
}

static void
date_excel_serial_bounds(void)
{
	EXPECT_ERR("0", &dmy, AR_ERANGE);
	EXPECT_DATE("2958465", &serial_only, "9999-12-31");
	EXPECT_ERR("2958466", &serial_only, AR_ERANGE);
	EXPECT_ERR("9999999", &serial_only, AR_ERANGE);
	/* eight digits are always YYYYMMDD, never a serial */
	EXPECT_ERR("12345678", &serial_only, AR_ERANGE);
	EXPECT_ERR("123456789", &serial_only, AR_ESYNTAX);
}

static void
date_seven_digits_are_roc_when_roc_on(void)
{
	/* as a serial 1151124 would be a day in 5051; as ROC it is today-ish */
	EXPECT_DATE("1151124", &dmy, "2026-11-24");
	EXPECT_ERR("2958465", &dmy, AR_ERANGE);
	EXPECT_ERR("1151124.5", &dmy, AR_ESYNTAX);
}

static void
date_rejects_serial_when_off(void)
{
	static const struct date_opts roc_only = {
		DATE_DAY_FIRST, true, false
	};

	EXPECT_ERR("46350", &plain, AR_ESYNTAX);
	EXPECT_ERR("46350.5", &plain, AR_ESYNTAX);
	EXPECT_ERR("46350", &roc_only, AR_ESYNTAX);
	EXPECT_DATE("1151124", &roc_only, "2026-11-24");
}

static void
date_rejects_empty(void)
{
	EXPECT_ERR("", &dmy, AR_ESYNTAX);
	EXPECT_ERR("   ", &dmy, AR_ESYNTAX);
	EXPECT_ERR("\t", &dmy, AR_ESYNTAX);
}

static void
date_reads_year_first_slashes(void)
{
	static const struct date_opts mdy = { DATE_MONTH_FIRST, false, false };

	EXPECT_DATE("2026/11/24", &dmy, "2026-11-24");
	EXPECT_DATE("2026/1/5", &dmy, "2026-01-05");
	EXPECT_DATE("2026/11/24", &mdy, "2026-11-24");   /* the order setting is for DD/MM vs MM/DD only */
	EXPECT_ERR("2026/02/30", &dmy, AR_ERANGE);
	EXPECT_ERR("2026/13/01", &dmy, AR_ERANGE);
}

static void
date_rejects_garbage(void)
{
	EXPECT_ERR("today", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24 Nov 2026", &dmy, AR_ESYNTAX);
	EXPECT_ERR("-46350", &dmy, AR_ESYNTAX);
	EXPECT_ERR("+46350", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026-11-24-", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026--11-24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24/11-2026", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24.11/2026", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026/11/24/1", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026/111/24", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24/11/202", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24/11/20266", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24.11.2", &dmy, AR_ESYNTAX);
	EXPECT_ERR("124.11.2026", &dmy, AR_ESYNTAX);
	EXPECT_ERR("24/11", &dmy, AR_ESYNTAX);
	EXPECT_ERR("2026 11 24", &dmy, AR_ESYNTAX);
}

static void
date_rejects_nul_inside(void)
{
	EXPECT_EQ_INT(date_parse("2026-11-2\0" "4", 11, &dmy, &got),
	    AR_ESYNTAX);
}

static void
date_rejects_null_empty(void)
{
	EXPECT_EQ_INT(date_parse(NULL, 0, &dmy, &got), AR_ESYNTAX);
}

static void
date_reads_only_len_bytes(void)
{
	EXPECT_EQ_INT(date_parse("2026-11-24xyz", 10, &dmy, &got), AR_OK);
	EXPECT_EQ_INT(got, 20781);
}

static void
date_null_opts_are_defaults(void)
{
	EXPECT_EQ_INT(date_parse("115/11/24", 9, NULL, &got), AR_OK);
	EXPECT_EQ_INT(got, 20781);
	EXPECT_EQ_INT(date_parse("46350", 5, NULL, &got), AR_OK);
	EXPECT_EQ_INT(got, 20781);
}

static void
date_today_matches_localtime(void)
{
	time_t now = time(NULL);
	struct tm tm;
	civil_day today = date_today();

	localtime_r(&now, &tm);
	EXPECT(today != DATE_NONE);
	/* a midnight between the two calls may move it by one */
	EXPECT(today - ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) >= 0);
	EXPECT(today - ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) <= 1);
}

/* A profile's date_format: two-digit years and month names are its business. */
static void
date_parse_format_reads_strptime_forms(void)
{
	civil_day d;
	char buf[DATE_TEXT_MAX];

	EXPECT_EQ_INT(date_parse_format("24.11.26", 8, "%d.%m.%y", &d), AR_OK);
	date_format(d, buf);
	EXPECT_EQ_STR(buf, "2026-11-24");
	EXPECT_EQ_INT(date_parse_format("27 Feb 2018 ", 12, "%d %b %Y", &d), AR_OK);
	date_format(d, buf);
	EXPECT_EQ_STR(buf, "2018-02-27");
	EXPECT_EQ_INT(date_parse_format("31.02.26", 8, "%d.%m.%y", &d), AR_ERANGE);
	EXPECT_EQ_INT(date_parse_format("24.11.2026", 10, "%d.%m.%y", &d), AR_ESYNTAX);
	EXPECT_EQ_INT(date_parse_format("Pending", 7, "%d-%b-%Y", &d), AR_ESYNTAX);
}

static void
date_add_months_steps_as_a_month_end_report(void)
{
	civil_day out = DATE_NONE;

	EXPECT_EQ_INT(date_add_months(ymd(2026, 11, 30), -1, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2026, 10, 31));          /* a month end stays a month end */
	EXPECT_EQ_INT(date_add_months(ymd(2026, 3, 31), -1, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2026, 2, 28));
	EXPECT_EQ_INT(date_add_months(ymd(2024, 2, 29), 12, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2025, 2, 28));
	EXPECT_EQ_INT(date_add_months(ymd(2026, 2, 28), 1, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2026, 3, 31));           /* the last day of February */
	EXPECT_EQ_INT(date_add_months(ymd(2026, 1, 15), -13, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2024, 12, 15));
	EXPECT_EQ_INT(date_add_months(ymd(2026, 1, 30), 1, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2026, 2, 28));
	EXPECT_EQ_INT(date_add_months(ymd(2026, 11, 24), 0, &out), AR_OK);
	EXPECT_EQ_INT(out, ymd(2026, 11, 24));
	out = 7;
	EXPECT_EQ_INT(date_add_months(ymd(1, 1, 31), -1, &out), AR_ERANGE);
	EXPECT_EQ_INT(date_add_months(ymd(9999, 12, 1), 1, &out), AR_ERANGE);
	EXPECT_EQ_INT(date_add_months(DATE_NONE, 1, &out), AR_ERANGE);
	EXPECT_EQ_INT(out, 7);
}

int
main(void)
{
	RUN(date_epoch_is_day_zero);
	RUN(date_year_bounds);
	RUN(date_from_ymd_rejects_impossible);
	RUN(date_leap_years);
	RUN(date_leap_rule_centuries);
	RUN(date_to_ymd_splits);
	RUN(date_round_trips_every_day_1900_2100);
	RUN(date_to_ymd_survives_extremes);
	RUN(date_formats_iso);
	RUN(date_formats_out_of_range_as_zeros);
	RUN(date_parses_iso);
	RUN(date_rejects_iso_with_short_parts);
	RUN(date_parses_iso_basic);
	RUN(date_rejects_iso_basic_impossible);
	RUN(date_parses_dotted);
	RUN(date_parses_slashed_day_first);
	RUN(date_parses_slashed_month_first);
	RUN(date_parses_dashed_with_year_last);
	RUN(date_parse_format_reads_strptime_forms);
	RUN(date_rejects_31_february);
	RUN(date_rejects_29_february_2025);
	RUN(date_rejects_month_0_and_13);
	RUN(date_rejects_day_0);
	RUN(date_rejects_year_0);
	RUN(date_two_digit_year_is_ambiguous);
	RUN(date_parses_roc_slashed);
	RUN(date_parses_roc_two_digit_year);
	RUN(date_rejects_roc_when_off);
	RUN(date_rejects_roc_year_0);
	RUN(date_rejects_roc_impossible);
	RUN(date_rejects_roc_malformed);
	RUN(date_parses_roc_compact);
	RUN(date_parses_excel_serial);
	RUN(date_excel_serial_drops_time_of_day);
	RUN(date_excel_serial_1900);
	RUN(date_excel_serial_60_is_fictitious);
	RUN(date_excel_serial_bounds);
	RUN(date_seven_digits_are_roc_when_roc_on);
	RUN(date_rejects_serial_when_off);
	RUN(date_rejects_empty);
	RUN(date_rejects_garbage);
	RUN(date_rejects_nul_inside);
	RUN(date_rejects_null_empty);
	RUN(date_reads_year_first_slashes);
	RUN(date_reads_only_len_bytes);
	RUN(date_null_opts_are_defaults);
	RUN(date_today_matches_localtime);
	RUN(date_add_months_steps_as_a_month_end_report);
	return test_summary();
}
