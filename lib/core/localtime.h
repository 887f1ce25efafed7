/*
 * localtime.h - a civil day and a minute of it in an IANA time zone, as an
 * ISO 8601 date-time with its UTC offset: the moment a message may be sent
 * ("2026-11-24T09:00:00+08:00"), and the window of hours it may be sent in.
 *
 * The zone rules are the C library's, read from /usr/share/zoneinfo (the
 * tzdata package); nothing here parses a TZif file.
 */
#ifndef AR_LOCALTIME_H
#define AR_LOCALTIME_H

#include <stddef.h>

#include "core/date.h"
#include "core/errors.h"

#define LOCALTIME_ISO_MAX 32

/*
 * day at minute_of_day (0..1439) of local time in the IANA zone tz
 * ("Asia/Kuala_Lumpur", "Asia/Taipei", "UTC") as "2026-11-24T09:00:00+08:00"
 * ("Z" never: always +HH:MM). AR_OK; AR_ECONFIG for an unknown zone (a name
 * not found under /usr/share/zoneinfo, or with "..", or absolute);
 * a local time that does not exist (a DST gap) moves forward to the first
 * that does. Do it with the C library (TZ swapped with setenv/tzset and
 * restored exactly as it was, mktime/localtime_r, tm_gmtoff) — the process is
 * single-threaded — not by parsing TZif yourself.
 *
 * More precisely:
 * - tz names a TZif file under /usr/share/zoneinfo (checked by its "TZif"
 *   magic, so that "zone.tab" or a folder such as "Asia" is AR_ECONFIG too);
 *   "" is AR_ECONFIG.  TZDIR is not looked at: the file checked is the file
 *   used (TZ is set to ":/usr/share/zoneinfo/NAME").
 * - In a DST gap the time moves forward by whole minutes to the first one
 *   that exists, on the next day if need be (America/New_York 2026-03-08
 *   02:30 gives "2026-03-08T03:00:00-04:00").  A local time that happens
 *   twice (the hour clocks go back) is its first, earlier moment.
 * - An offset with seconds (local mean time before the zones were
 *   standardised, before 1900 or so) is written with its seconds dropped.
 * - TZ is put back as it was, unset when it was unset, whatever the result.
 * buf (cap bytes; LOCALTIME_ISO_MAX is enough) holds the text on AR_OK and
 * "" otherwise (when cap > 0).  AR_EUSAGE for a NULL tz or buf, cap too
 * small, minute_of_day outside 0..1439 or day outside years 1..9999;
 * AR_ENOMEM when the old TZ cannot be copied; AR_ERANGE when the C library
 * cannot place the time (mktime fails).
 */
ar_err localtime_iso(const char *tz, civil_day day, int minute_of_day, char *buf, size_t cap);

/*
 * "09:00-20:00" -> start and end minutes (end > start; "00:00-24:00" allowed).
 * AR_ESYNTAX otherwise.
 *
 * Hours of one or two digits, minutes of two, blanks allowed around each
 * time ("9:00 - 20:00"); 24:00 only as the end.  *start_minute and
 * *end_minute are written only on AR_OK; a NULL text is AR_ESYNTAX.
 */
ar_err localtime_window_parse(const char *text, int *start_minute, int *end_minute);

#endif
