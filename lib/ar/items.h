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

#include "core/errors.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/money.h"

/*
 * What a reader does with a row it cannot take (--skip-bad asks the
 * command): called with the input's name, the row's line and what is
 * wrong; ROW_SKIP goes on without the row, ROW_STOP stops the read there.
 */
enum row_action { ROW_STOP, ROW_SKIP };
typedef enum row_action (*bad_row_fn)(void *ctx, const char *input, long line,
    const char *message);

/* Column indexes in the input; -1 when the input has no such column. */
struct item_columns {
	int customer, name, doc_no, doc_type, doc_date, due_date, currency,
	    amount, company, collector;
	int line;   /* optional: the line of a document split over several items */
	int dispute; /* optional: non-empty when the item is disputed */
};

/* How the input writes amounts and dates ([input] in ar.ini). */
struct item_format {
	enum money_decimal decimal;
	struct date_opts dates;
	/*
	 * [company] default_currency, for an empty currency cell: the same
	 * rule as ar-import's, so that a file aged directly and one imported
	 * first agree.  Without it an empty cell is an error.
	 */
	bool has_default_currency;
	currency_id default_currency;
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
	bool currency_defaulted;  /* the cell was empty: the format's default_currency */
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

/*
 * The items stream as ar-import writes it, in this column order: customer,
 * doc_no, doc_type, doc_date, due_date, currency, amount, company, ref,
 * name, dispute, block.  (lib/source/import_profile.c names the same
 * columns, plus debit_credit, for the captions of an [import.NAME].)
 */
#define ITEMS_NCOLUMNS 12
extern const char *const items_columns[ITEMS_NCOLUMNS];

/*
 * One row to write.  The texts are NUL-terminated, "" when absent, and
 * belong to the caller; the dates are DATE_NONE when absent.
 */
struct item_row {
	const char *customer, *doc_no, *doc_type;
	civil_day doc_date, due_date;
	currency_id currency;
	int64_t amount;             /* minor units; + the customer owes */
	const char *company, *ref, *name, *dispute, *block;
};

/* The header row. */
void items_write_header(struct csvio_writer *w);

/*
 * One row: dates YYYY-MM-DD (empty when DATE_NONE), the amount with the
 * currency's decimals, a point and no grouping (-1234.56), the currency's
 * code.
 */
void items_write_row(struct csvio_writer *w, const struct item_row *row);

/*
 * One record of an items stream read back, written again as read except
 * its amount (column amount_col): minor in currency cur, with the decimal
 * mark of decimal (a comma when the file writes 1234,56), so that a
 * reader of the file with the same [input] reads it back the same.
 * ncolumns is the header's count; cells a short record lacks are empty.
 */
void items_write_with_amount(struct csvio_writer *w, const struct csvio_record *rec,
    size_t ncolumns, int amount_col, int64_t minor, currency_id cur,
    enum money_decimal decimal);

/*
 * The customers an items stream names, each with the first non-empty name
 * given (ar-import --customers-out), in the order they first appear.
 * items_customers_new: NULL when out of memory; the caller frees the
 * result with items_customers_free.
 */
struct items_customers;
struct items_customers *items_customers_new(void);
ar_err items_customers_note(struct items_customers *c, const char *customer,
    const char *name);
/* The customers stream's columns customer and name, a header and a row each. */
void items_customers_write(const struct items_customers *c, struct csvio_writer *w);
void items_customers_free(struct items_customers *c);

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
