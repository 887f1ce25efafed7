/*
 * stream_sheet.h - the rows of any artools stream as worksheet cells, each
 * typed by its column (stream_types.h): money in the row's currency,
 * dates, whole numbers, text.  What ar-xlsx writes for every input.
 */
#ifndef STREAM_SHEET_H
#define STREAM_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "core/csvio.h"
#include "core/currency.h"
#include "core/errors.h"
#include "core/xlsx.h"
#include "ar/items.h"
#include "report/stream_types.h"

/* How the cells of one input read. */
struct stream_cells {
	const enum stream_type *types;     /* one per column of the input */
	int currency_col;                  /* the rows' currency column; -1: none */
	currency_id default_currency;      /* money of a row without a currency */
	const struct item_format *format;  /* decimal separator, date forms */
};

/*
 * The sheet of the stream in path when none is named: the file's base name
 * without its extension ("aging" for out/aging.csv); "Sheet1" for
 * standard input (path NULL).  Cut short to cap.
 */
void stream_sheet_name(const char *path, char *buf, size_t cap);

/*
 * Write rec, a record of r, as row `row` of ws, one cell per column; an
 * empty field stays blank whatever its column.  A field that does not
 * read as its column's type, an unknown currency or a cell the workbook
 * refuses stops the row: AR_ESYNTAX, AR_ECURRENCY, or the workbook's code,
 * with *e at rec's line saying which column and value (cut to 60 bytes),
 * e.g. amount "12,3x" is not an amount.  AR_ENOMEM.
 */
ar_err stream_write_row(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    const struct stream_cells *c, const struct csvio_reader *r,
    const struct csvio_record *rec, struct ar_error *e);

#endif
