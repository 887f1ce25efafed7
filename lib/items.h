/*
 * items.h - the items stream: one open AR line item per row.
 *
 * Columns are found by name (DESIGN.md, man 7 artools).  items_bind() finds
 * them in a reader's header; items_parse() turns one record into a struct
 * item, or says which column was wrong and why, for the caller to report.
 */
#ifndef ITEMS_H
#define ITEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar.h"
#include "csvio.h"
#include "currency.h"
#include "date.h"
#include "money.h"

/* Column indexes in the input; -1 when the input has no such column. */
struct item_columns {
	int customer, name, doc_no, doc_type, doc_date, due_date, currency,
	    amount, company, collector;
};

/* How the input writes amounts and dates ([input] in ar.ini). */
struct item_format {
	enum money_decimal decimal;
	struct date_opts dates;
};

/*
 * One item.  Text fields point into the record they were parsed from and
 * are valid as long as it is.  Absent or empty columns give "" / DATE_NONE.
 */
struct item {
	const char *customer;
	size_t customer_len;
	civil_day doc_date;
	civil_day due_date;
	currency_id currency;
	int64_t amount;
};

/* What was wrong with a record: the column, its text, and the error. */
struct item_problem {
	const char *column;   /* "due_date" */
	const char *text;     /* the field as read; points into the record */
	ar_err err;
	currency_id currency; /* for an amount: the currency it was read in */
};

/*
 * Find the columns in r's header.  customer, currency and amount are
 * required, and at least one of doc_date and due_date (need_doc_date asks
 * for doc_date as well, for aging by document date).  On AR_ECOLUMN
 * *missing names the first missing column.
 */
ar_err items_bind(const struct csvio_reader *r, bool need_doc_date,
    struct item_columns *cols, const char **missing);

/* Parse one record; on error *problem says what (see items_problem_text). */
ar_err items_parse(const struct csvio_record *rec, const struct item_columns *cols,
    const struct item_format *fmt, struct item *it, struct item_problem *problem);

/*
 * Word a problem as a message to follow "FILE:LINE: ", e.g.
 *   due_date "31/02/2026" is not a date (no such day)
 */
void items_problem_text(const struct item_problem *p, char *buf, size_t cap);

/* The text of column `col` in rec, or "" when the column is absent. */
static inline const char *
items_field(const struct csvio_record *rec, int col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	*len = rec->field[col].len;
	return rec->field[col].ptr;
}

#endif
