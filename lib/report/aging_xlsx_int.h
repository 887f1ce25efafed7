/*
 * aging_xlsx_int.h - what the aging workbook's files share: the book
 * being written and the cell writers that record a failure in it.
 * Private to aging_xlsx*.c.
 */
#ifndef AGING_XLSX_INT_H
#define AGING_XLSX_INT_H

#include "report/aging_xlsx.h"
#include "report/report_lang.h"

struct aging_xlsx {
	struct xlsx_book *book;
	struct aging_xlsx_info info;
	civil_day as_of;              /* for the printed page header */
	lxw_worksheet *summary, *aging, *lpd, *movement;
	/* Detail: the sheet being written, its number, rows in it. */
	lxw_worksheet *detail;
	int detail_no;
	uint32_t detail_rows;
	char **detail_names;
	uint16_t detail_ncols;
	lxw_format *rate_style[FX_DECIMALS_MAX + 1];   /* by decimals shown, made when first needed */
	struct ar_error error;
};

/* Per currency: sums of the rows. */
struct currency_total {
	struct aging_row sum;
	uint64_t customers;
	bool seen;
};

/* The sums per currency, and the currencies seen in the order of their codes. */
struct totals {
	struct currency_total by[CURRENCY_MAX];
	int order[CURRENCY_MAX];
	int n;
};

static inline const struct currency_total *
totals_nth(const struct totals *t, int i)
{
	return &t->by[t->order[i]];
}

/* The caption of id in the workbook's language. */
static inline const char *
caption(const struct aging_xlsx *x, enum report_caption id)
{
	return report_caption(x->info.lang, id);
}

/* Record a failure (what NULL: the book's own words) and return err. */
ar_err axl_failed(struct aging_xlsx *x, ar_err err, const char *what);

/* Cell writers: on failure the book's error is recorded (axl_failed). */
ar_err axl_text(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *s, lxw_format *fmt);
ar_err axl_money(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t minor, currency_id cur);
ar_err axl_integer(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t v);
ar_err axl_date(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    civil_day d);
/* part / whole (0 when whole is 0) to the millionth, as a percent cell shows it. */
double axl_share(int64_t part, int64_t whole);
ar_err axl_percent(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t part, int64_t whole);
/*
 * A formula with the value we worked out as its cached result, so that
 * readers that do not recalculate (previews, openpyxl, xlsx2csv) show the
 * right figure while Excel recalculates it on open.
 */
ar_err axl_formula(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *formula, double value, lxw_format *fmt);

/* The number Excel shows for an amount. */
double axl_number(int64_t minor, currency_id cur);

/* A header row: the captions ids[0..n), in bold, frozen below. */
ar_err axl_header(struct aging_xlsx *x, lxw_worksheet *ws, const char *const *names, uint16_t n);

/* The sums of rep's rows per currency; AR_ERANGE (recorded) on overflow. */
ar_err axl_sum_by_currency(struct aging_xlsx *x, const struct aging_report *rep,
    struct totals *t);

/* The Summary (aging_xlsx_summary.c) and the Aging sheet (aging_xlsx_sheets.c). */
ar_err axl_write_summary(struct aging_xlsx *x, const struct aging_report *rep,
    const struct totals *t);
ar_err axl_write_aging_sheet(struct aging_xlsx *x, const struct aging_report *rep,
    const struct totals *t);

#endif
