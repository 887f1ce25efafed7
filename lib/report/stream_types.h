/*
 * stream_types.h - what a column of an artools stream holds, known from its
 * name alone (the stream contract of artools(7)), so that a report can
 * write money as money and dates as dates for any stream, even one it has
 * never seen:
 *
 *   money     amount, current, total, past_due, credit_limit, the bucket
 *             columns of an aging ("1-30", "121+"), and any *_amount
 *   date      date, as_of, value_date, status_date, and any *_date
 *   integer   items, oldest_days, days_overdue, terms_days, level
 *   text      every other column
 *
 * Names are compared without regard to case.
 */
#ifndef STREAM_TYPES_H
#define STREAM_TYPES_H

#include <stdbool.h>

#include "core/errors.h"

enum stream_type { STREAM_TEXT, STREAM_MONEY, STREAM_DATE, STREAM_INTEGER };

/* The type of the column called name. */
enum stream_type stream_column_type(const char *name);

/* "1-30", "121+": a bucket column of an aging (digits, then "-" digits or "+"). */
bool stream_is_bucket_label(const char *name);

/* A type by its word, "money", "date", "integer" or "text": AR_OK, else AR_ESYNTAX. */
ar_err stream_type_parse(const char *word, enum stream_type *type);

#endif
