/*
 * row_sink.h - where the cells of a table's row go: a CSV writer or a
 * worksheet, one call per cell, left to right, then end.  A report writes
 * each table's row once, through a sink, so that its CSV and its workbook
 * cannot drift apart (ar-pod's claims and register, ar-ctos's update).
 */
#ifndef ROW_SINK_H
#define ROW_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/xlsx.h"

struct row_sink {
	void (*text)(struct row_sink *s, const char *text);
	void (*money)(struct row_sink *s, int64_t minor, currency_id cur);
	void (*date)(struct row_sink *s, civil_day day);
	void (*count)(struct row_sink *s, int64_t n);
	/* A number in units of 10^-decimals (a rate of 12.5 %: 125, 1); as money, no currency. */
	void (*decimal)(struct row_sink *s, int64_t scaled, int decimals);
	void (*end)(struct row_sink *s);
};

/* CSV: cells as every stream writes them (csvio.h); errors are the stream's. */
struct row_sink_csv {
	struct row_sink sink;
	struct csvio_writer *w;
};

void row_sink_csv_init(struct row_sink_csv *c, struct csvio_writer *w);

/* A worksheet: the first failure is kept in err and every cell after it skipped. */
struct row_sink_sheet {
	struct row_sink sink;
	struct xlsx_book *book;
	lxw_worksheet *ws;
	uint32_t row;
	uint16_t col;
	ar_err err;
};

/*
 * A new sheet of book (landscape A4, one page wide, the header repeated
 * on every printed page) with its header row, ready for the first data
 * row; false with x->err set when the workbook refuses.
 */
bool row_sink_sheet_start(struct row_sink_sheet *x, struct xlsx_book *book, const char *name,
    const char *const *names, uint16_t ncols);

/* The book written out (err AR_OK), or given up with the first failure in *e. */
ar_err row_sink_book_finish(struct xlsx_book *book, ar_err err, struct ar_error *e);

#endif
