/*
 * fuzz_date.c - libFuzzer target for date_parse and the civil-day helpers.
 *
 * The first byte picks the options (order, ROC, Excel serials); the rest
 * is the text.  Invariants checked (abort on breach):
 *   - a parsed day lies in 0001-01-01..9999-12-31, formats as ISO and the
 *     ISO, YYYYMMDD, dotted, slashed and ROC forms of it parse back to it;
 *   - date_to_ymd and date_from_ymd undo each other;
 *   - blanks around the text change nothing, the error included;
 *   - any int32 day formats as 10 bytes, and the day after it is the next
 *     calendar day;
 *   - date_from_ymd accepts exactly the real dates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static civil_day first_day, last_day;

static void
expect_parses_to(const char *s, const struct date_opts *o, civil_day want)
{
	civil_day got = DATE_NONE;

	CHECK(date_parse(s, strlen(s), o, &got) == AR_OK);
	CHECK(got == want);
}

static void
check_day(civil_day day, const struct date_opts *o)
{
	char buf[DATE_TEXT_MAX], alt[32];
	civil_day back = DATE_NONE;
	int y, m, d;

	CHECK(day >= first_day && day <= last_day);
	CHECK(date_format(day, buf) == 10 && strlen(buf) == 10);
	expect_parses_to(buf, o, day);

	date_to_ymd(day, &y, &m, &d);
	CHECK(date_from_ymd(y, m, d, &back) == AR_OK && back == day);

	snprintf(alt, sizeof alt, "%04d%02d%02d", y, m, d);
	expect_parses_to(alt, o, day);
	snprintf(alt, sizeof alt, "%d.%d.%04d", d, m, y);
	expect_parses_to(alt, o, day);
	if (o->order == DATE_MONTH_FIRST)
		snprintf(alt, sizeof alt, "%02d/%02d/%04d", m, d, y);
	else
		snprintf(alt, sizeof alt, "%d/%d/%04d", d, m, y);
	expect_parses_to(alt, o, day);
	if (o->roc && y > 1911 && y - 1911 <= 999) {
		snprintf(alt, sizeof alt, "%03d/%d/%d", y - 1911, m, d);
		expect_parses_to(alt, o, day);
		snprintf(alt, sizeof alt, "%03d%02d%02d", y - 1911, m, d);
		expect_parses_to(alt, o, day);
	}
}

/* Written apart from date.c on purpose: a second opinion. */
static int
month_len(int y, int m)
{
	static const int len[13] = {
		0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return len[m] + (m == 2 && leap);
}

static bool
real_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_len(y, m);
}

static void
check_next_day(civil_day day)
{
	char buf[DATE_TEXT_MAX];
	int y, m, d, y2, m2, d2;

	CHECK(date_format(day, buf) == 10 && strlen(buf) == 10);
	date_to_ymd(day, &y, &m, &d);
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31);
	if (day == INT32_MAX)
		return;
	date_to_ymd(day + 1, &y2, &m2, &d2);
	if (d2 != 1)
		CHECK(y2 == y && m2 == m && d2 == d + 1);
	else if (m2 != 1)
		CHECK(y2 == y && m2 == m + 1 && d == month_len(y, m));
	else
		CHECK(y2 == y + 1 && m == 12 && d == 31);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date_opts o;
	civil_day day, day2;
	int32_t raw[3];
	ar_err err, err2;
	char *padded;

	if (first_day == 0) {
		CHECK(date_from_ymd(1, 1, 1, &first_day) == AR_OK);
		CHECK(date_from_ymd(9999, 12, 31, &last_day) == AR_OK);
	}
	if (size < 1)
		return 0;
	o.order = (data[0] & 1) ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
	o.roc = (data[0] & 2) != 0;
	o.excel_serial = (data[0] & 4) != 0;
	data++;
	size--;

	day = 12345;
	err = date_parse((const char *)data, size, &o, &day);
	CHECK(err == AR_OK || err == AR_ESYNTAX || err == AR_ERANGE ||
	    err == AR_EAMBIGUOUS);
	if (err == AR_OK)
		check_day(day, &o);
	else
		CHECK(day == 12345);

	if ((padded = malloc(size + 4)) != NULL) {
		padded[0] = '\t';
		padded[1] = ' ';
		memcpy(padded + 2, data, size);
		padded[size + 2] = ' ';
		padded[size + 3] = '\t';
		day2 = 12345;
		err2 = date_parse(padded, size + 4, &o, &day2);
		CHECK(err2 == err && (err != AR_OK || day2 == day));
		free(padded);
	}

	/* The raw bytes as a day number and as a year, month and day. */
	if (size >= sizeof raw) {
		memcpy(raw, data, sizeof raw);
		check_next_day(raw[0]);
		raw[0] %= 12000;
		raw[1] %= 15;
		raw[2] %= 40;
		day = 12345;
		err = date_from_ymd(raw[0], raw[1], raw[2], &day);
		CHECK((err == AR_OK) == real_date(raw[0], raw[1], raw[2]));
		if (err == AR_OK) {
			int y, m, d;

			date_to_ymd(day, &y, &m, &d);
			CHECK(y == raw[0] && m == raw[1] && d == raw[2]);
			check_day(day, &o);
		} else
			CHECK(day == 12345);
	}
	return 0;
}
