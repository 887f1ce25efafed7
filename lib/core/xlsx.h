/*
 * xlsx.h - workbooks the way every artools report writes them, on
 * libxlsxwriter.
 *
 * - The file appears whole or not at all: the workbook is written to a
 *   temporary beside the final path and renamed by xlsx_close().
 * - Money cells are numbers with the currency's decimals, negatives in red
 *   (#,##0.00;[Red]-#,##0.00); dates are real Excel dates (yyyy-mm-dd);
 *   counts are whole numbers; text is always a string cell, never a
 *   formula, whatever it starts with (=, +, -, @, tab, CR), and IDs with
 *   leading zeros stay text.
 * - Large sheets: constant-memory mode (rows written in order) keeps the
 *   peak memory flat whatever the row count.
 * - SOURCE_DATE_EPOCH, when set, is the workbook's creation time, so two
 *   runs over the same input give byte-identical files.
 *
 * The library never prints: functions return ar_err; xlsx_error() words
 * libxlsxwriter's last complaint for the caller.
 */
#ifndef XLSX_H
#define XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "core/errors.h"
#include "core/date.h"

/* Excel's limits. */
#define XLSX_MAX_ROWS 1048576       /* including a header row */
#define XLSX_SHEET_NAME_MAX 31

/* Cell formats a workbook keeps, created once. */
enum xlsx_style {
	XLSX_STYLE_TEXT,
	XLSX_STYLE_HEADER,    /* bold, bottom border, wrapped */
	XLSX_STYLE_DATE,      /* yyyy-mm-dd */
	XLSX_STYLE_INTEGER,   /* #,##0 */
	XLSX_STYLE_PERCENT,   /* 0.0% */
	XLSX_STYLE_COUNT
};

struct xlsx_book;

/*
 * Create a workbook for path (written beside, renamed on close).
 * constant_memory: rows must then be written in order, top to bottom.
 * The caller owns *out and must xlsx_close() or xlsx_abort() it.
 * AR_ECREATE (errno set) when the temporary cannot be made, AR_ENOMEM;
 * *err says why.
 */
ar_err xlsx_open(struct xlsx_book **out, const char *path, bool constant_memory,
    struct ar_error *err);

/* The underlying workbook, for charts and anything else not wrapped here. */
lxw_workbook *xlsx_workbook(struct xlsx_book *b);

/*
 * Add a worksheet.  name is cut to 31 characters (UTF-8 aware) and the
 * characters Excel forbids ([]:*?/\) replaced; NULL when libxlsxwriter
 * refuses (xlsx_error says why).
 */
lxw_worksheet *xlsx_add_sheet(struct xlsx_book *b, const char *name);

lxw_format *xlsx_style(struct xlsx_book *b, enum xlsx_style style);

/* The money format for a currency exponent (0..6): #,##0.00;[Red]-#,##0.00 */
lxw_format *xlsx_money_style(struct xlsx_book *b, int exponent);

/* The number Excel stores for an amount (exponent 0..6): minor / 10^exponent. */
double xlsx_money_cell_value(int64_t minor, int exponent);

/*
 * Cell writers.  They record the widest text per column so that
 * xlsx_fit_columns() can size the columns afterwards.
 * AR_ERANGE (xlsx_error says why) for what Excel cannot hold exactly: money
 * or an integer beyond +-2^53 (minor units), a date before 1900-01-01,
 * text over 32,767 characters, a row or column past Excel's last.
 * Text of length 0 writes nothing (a blank cell when fmt is given); a date
 * of DATE_NONE writes nothing; an exponent outside 0..6 is AR_EUSAGE.
 */
ar_err xlsx_write_text(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, const char *text, size_t len, lxw_format *fmt);
ar_err xlsx_write_money(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, int64_t minor, int exponent);
ar_err xlsx_write_date(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, civil_day day);
ar_err xlsx_write_integer(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    uint16_t col, int64_t value);

/* A header row in bold, the panes frozen below it. */
ar_err xlsx_write_header(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    const char *const *names, uint16_t ncols);

/* An autofilter over rows first..last (the header is first) and ncols columns. */
ar_err xlsx_autofilter(struct xlsx_book *b, lxw_worksheet *ws, uint32_t first,
    uint32_t last, uint16_t ncols);

/*
 * Forget the widths recorded so far on ws: a header block of long notes
 * above a table should spill over empty cells, not widen the table.
 */
void xlsx_forget_widths(struct xlsx_book *b, lxw_worksheet *ws);

/* How a table prints: landscape A4, one page wide, its header row (row 0) on every page. */
void xlsx_print_landscape(lxw_worksheet *ws);

/* Set every used column's width to fit what was written (within 8..60). */
void xlsx_fit_columns(struct xlsx_book *b, lxw_worksheet *ws);

/*
 * Close, write and rename.  AR_EIO on failure (the temporary is removed,
 * *err says why).  The book is freed either way: do not xlsx_abort() it
 * afterwards.
 */
ar_err xlsx_close(struct xlsx_book *b, struct ar_error *err);

/* Give up: nothing is left behind, nothing is written (NULL is a no-op). */
void xlsx_abort(struct xlsx_book *b);

/* The last failure of a cell or sheet call, in libxlsxwriter's words ("" when none). */
const struct ar_error *xlsx_error(const struct xlsx_book *b);

#endif
