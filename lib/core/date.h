/*
 * date.h - calendar dates as civil day numbers.
 *
 * A date is the count of days since 1970-01-01 (negative before).  No time
 * of day and no time zone: an open item is due on a day.
 */
#ifndef DATE_H
#define DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

typedef int32_t civil_day;

/* Marks "no date" (an empty due_date); no valid date has this value. */
#define DATE_NONE INT32_MIN

/* The longest text date_format writes, with its NUL ("2026-11-24"). */
#define DATE_TEXT_MAX 11

/* How a slashed date with a four-digit year is read: 24/11/2026 or 11/24/2026. */
enum date_order {
	DATE_DAY_FIRST,   /* DD/MM/YYYY, the default in Malaysia */
	DATE_MONTH_FIRST  /* MM/DD/YYYY, US bank files */
};

/* Which forms date_parse accepts, beyond ISO which it always accepts. */
struct date_opts {
	enum date_order order;
	bool roc;          /* Taiwan's Minguo years: 115/11/24 and 1151124 */
	bool excel_serial; /* a bare number of days, Excel's 1900 system */
};

#define DATE_OPTS_DEFAULT { DATE_DAY_FIRST, true, true }

/*
 * Parse text[0..len) (surrounding blanks ignored):
 *   2026-11-24            ISO, always
 *   20261124              ISO basic (SAP's internal form), always
 *   24.11.2026            day first, always
 *   24/11/2026            day first, or month first per opts->order
 *   24-11-2026            the same (ERPNext's dd-mm-yyyy)
 *   2026/11/24            year first (Chinese-locale exports), always
 *   115/11/24, 1151124    ROC year + 1911, when opts->roc
 *   46350                 Excel serial (1..2958465, optional .fraction of a
 *                         day ignored), when opts->excel_serial
 * Returns AR_OK, AR_ESYNTAX (not any of these forms, empty), AR_ERANGE
 * (31 Feb, 29 Feb 2025, month 13, Excel's fictitious 29 Feb 1900) or
 * AR_EAMBIGUOUS (two-digit years such as 01/02/03).
 * With opts->roc, 99/11/24 is Minguo 99 (2010-11-24): a two-digit first part
 * is a ROC year when it cannot be a day (32..99) or the last part has one
 * digit; 01..31 with a two-digit last part stays AR_EAMBIGUOUS.  With
 * opts->roc a seven-digit number is never a serial, fraction or not.
 * opts NULL means DATE_OPTS_DEFAULT.  *day is written only on AR_OK.
 */
ar_err date_parse(const char *text, size_t len, const struct date_opts *opts,
    civil_day *day);

/*
 * Parse text[0..len) with a strptime(3) format (a profile's date_format,
 * such as "%d.%m.%y" or "%d %b %Y"; month names in the C locale; blanks
 * after the date ignored).  AR_OK, AR_ESYNTAX (does not read as format,
 * or longer than 63 bytes) or AR_ERANGE (31 Feb).  *day only on AR_OK.
 */
ar_err date_parse_format(const char *text, size_t len, const char *format,
    civil_day *day);

/* AR_OK and *day for a valid y-m-d (year 1..9999), else AR_ERANGE. */
ar_err date_from_ymd(int year, int month, int mday, civil_day *day);

/* Split a day back into year, month (1..12) and day of month (1..31). */
void date_to_ymd(civil_day day, int *year, int *month, int *mday);

/*
 * day moved by months (negative: back), as a month-end report steps:
 * the same day of the month, the last day when the month is shorter, and
 * from the last day of a month to the last day of the other (2026-11-30
 * back one month is 2026-10-31, 2026-03-31 back one 2026-02-28).
 * AR_ERANGE, *out untouched, outside years 1..9999 or for DATE_NONE.
 */
ar_err date_add_months(civil_day day, int months, civil_day *out);

/*
 * Write "YYYY-MM-DD"; buf holds DATE_TEXT_MAX bytes; returns 10.  A day
 * outside 0001-01-01..9999-12-31, DATE_NONE among them, is "0000-00-00".
 */
size_t date_format(civil_day day, char *buf);

/* Today in local time; DATE_NONE when the clock cannot be read. */
civil_day date_today(void);

#endif
