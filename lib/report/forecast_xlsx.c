/* forecast_xlsx.c - ar-forecast's workbook (forecast_xlsx.h). */
#include "report/forecast_xlsx.h"

#include <stdio.h>
#include <string.h>

#include "core/currency.h"
#include "core/xlsx.h"
#include "report/forecast_report.h"
#include "report/row_sink.h"

/* The columns after the periods, as the sheet shows them. */
static const char *const part_names[] = {
	"beyond", "disputed", "insolvent", "credits", "total", "promised"
};
#define NPARTS (sizeof part_names / sizeof part_names[0])

/* Rows a chart takes, one under another beside the Backtest table. */
#define CHART_ROWS 16

static ar_err
forecast_sheet(struct xlsx_book *book, const struct forecast_book *b)
{
	const struct forecast_calendar *c = forecast_calendar_of(b->forecast);
	uint16_t ncols = (uint16_t)(2 + c->periods + NPARTS);
	char dates[FORECAST_MAX_PERIODS][DATE_TEXT_MAX];
	const char *names[2 + FORECAST_MAX_PERIODS + NPARTS];
	lxw_worksheet *ws = xlsx_add_sheet(book, "Forecast");
	ar_err err;

	if (ws == NULL)
		return AR_EIO;
	xlsx_print_landscape(ws);          /* the weeks of a group on one line, as it is read */
	names[0] = "currency";
	names[1] = "company";
	for (int k = 0; k < c->periods; k++) {
		date_format(c->end[k + 1], dates[k]);
		names[2 + k] = dates[k];
	}
	for (size_t p = 0; p < NPARTS; p++)
		names[2 + c->periods + p] = part_names[p];
	if ((err = xlsx_write_header(book, ws, 0, names, ncols)) != AR_OK)
		return err;
	for (size_t i = 0; i < forecast_ngroups(b->forecast); i++) {
		const struct forecast_group *g = forecast_group_at(b->forecast, b->order[i]);
		const char *company = strtab_key(b->companies, g->company);
		const int64_t parts[NPARTS] = { g->beyond, g->disputed, g->insolvent, g->credits,
		    g->total, g->promised };
		int exp = currency_exponent(g->currency);
		uint32_t row = (uint32_t)i + 1;
		uint16_t col = 2;

		if ((err = xlsx_write_text(book, ws, row, 0, currency_code(g->currency),
		    strlen(currency_code(g->currency)), NULL)) != AR_OK ||
		    (err = xlsx_write_text(book, ws, row, 1, company, strlen(company), NULL)) != AR_OK)
			return err;
		for (int k = 0; k < c->periods; k++)
			if ((err = xlsx_write_money(book, ws, row, col++, g->expected[k], exp)) != AR_OK)
				return err;
		for (size_t p = 0; p < NPARTS; p++)
			if ((err = xlsx_write_money(book, ws, row, col++, parts[p], exp)) != AR_OK)
				return err;
	}
	xlsx_fit_columns(book, ws);
	return AR_OK;
}

/* Forecast against actual per period of the group whose rows start at first. */
static ar_err
backtest_chart(struct xlsx_book *book, lxw_worksheet *ws, const struct forecast_book *b,
    size_t g, uint32_t first, int nth)
{
	lxw_chart *chart = workbook_add_chart(xlsx_workbook(book), LXW_CHART_COLUMN);
	uint32_t last = first + (uint32_t)b->past->periods - 1;
	const char *col_names[2] = { "forecast", "actual" };
	char title[256];
	currency_id cur;
	uint32_t company;

	if (chart == NULL)
		return AR_ENOMEM;
	forecast_backtest_group_key(b->backtest, g, &cur, &company);
	snprintf(title, sizeof title, "%s%s%s", currency_code(cur),
	    strtab_key(b->companies, company)[0] != '\0' ? " " : "",
	    strtab_key(b->companies, company));
	chart_title_set_name(chart, title);
	for (int s = 0; s < 2; s++) {   /* forecast and actual are columns 5 and 6 */
		lxw_chart_series *se = chart_add_series(chart, NULL, NULL);

		if (se == NULL)
			return AR_ENOMEM;
		/* Categories: the period numbers (a date axis would draw the bars as hairlines). */
		chart_series_set_categories(se, "Backtest", first, 2, last, 2);
		chart_series_set_values(se, "Backtest", first, (lxw_col_t)(5 + s), last,
		    (lxw_col_t)(5 + s));
		chart_series_set_name(se, col_names[s]);
	}
	chart_axis_set_name(chart->y_axis, currency_code(cur));
	chart_axis_set_name(chart->x_axis, b->past->monthly ? "month" : "week");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	return worksheet_insert_chart(ws, (lxw_row_t)(1 + nth * CHART_ROWS),
	    FORECAST_BACKTEST_NCOLUMNS + 1, chart) == LXW_NO_ERROR ? AR_OK : AR_EIO;
}

static ar_err
backtest_sheet(struct xlsx_book *book, const struct forecast_book *b)
{
	struct row_sink_sheet x = { .err = AR_OK };
	size_t n = forecast_backtest_ngroups(b->backtest);
	ar_err err;

	if (!row_sink_sheet_start(&x, book, "Backtest", forecast_backtest_columns,
	    FORECAST_BACKTEST_NCOLUMNS))
		return x.err;
	for (size_t i = 0; i < n && x.err == AR_OK; i++) {
		size_t g = b->backtest_order[i];
		uint32_t company_id, first = x.row;
		currency_id cur;

		forecast_backtest_group_key(b->backtest, g, &cur, &company_id);
		if ((err = forecast_report_backtest_rows(&x.sink, b->backtest, b->past, g,
		    strtab_key(b->companies, company_id))) != AR_OK)
			return err;
		if (x.err == AR_OK && i < FORECAST_XLSX_CHARTS)
			x.err = backtest_chart(book, x.ws, b, g, first, (int)i);
	}
	if (x.err == AR_OK)
		x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, FORECAST_BACKTEST_NCOLUMNS);
	xlsx_fit_columns(book, x.ws);
	return x.err;
}

static ar_err
note(struct xlsx_book *book, lxw_worksheet *ws, uint32_t row, const char *what,
    const char *text)
{
	ar_err err = xlsx_write_text(book, ws, row, 0, what, strlen(what), NULL);

	return err != AR_OK ? err : xlsx_write_text(book, ws, row, 1, text, strlen(text), NULL);
}

static ar_err
notes_sheet(struct xlsx_book *book, const struct forecast_book *b)
{
	static const char *const names[] = { "note", "value" };
	const struct forecast_calendar *c = forecast_calendar_of(b->forecast);
	lxw_worksheet *ws = xlsx_add_sheet(book, "Notes");
	char as_of[DATE_TEXT_MAX], from[DATE_TEXT_MAX], to[DATE_TEXT_MAX], text[4][512];
	ar_err err;

	if (ws == NULL)
		return AR_EIO;
	date_format(c->end[0], as_of);
	date_format(c->end[0] + 1, from);
	date_format(c->end[c->periods], to);
	snprintf(text[0], sizeof text[0], "%d %s%s, %s to %s", c->periods,
	    c->monthly ? "month" : "week", c->periods == 1 ? "" : "s", from, to);
	snprintf(text[1], sizeof text[1], "own history %lu, portfolio %lu, none %lu (customer and "
	    "currency pairs with open items)", b->basis[FORECAST_BASIS_OWN],
	    b->basis[FORECAST_BASIS_PORTFOLIO], b->basis[FORECAST_BASIS_NONE]);
	snprintf(text[2], sizeof text[2], "paid items cleared in the %d days before the as-of "
	    "date; a customer's own mean from %d of them", b->lookback_days, b->min_items);
	snprintf(text[3], sizeof text[3], "%lu", b->promises);
	if ((err = xlsx_write_header(book, ws, 0, names, 2)) != AR_OK ||
	    (err = note(book, ws, 1, "as-of", as_of)) != AR_OK ||
	    (err = note(book, ws, 2, "horizon", text[0])) != AR_OK ||
	    (err = note(book, ws, 3, "behaviour basis", text[1])) != AR_OK ||
	    (err = note(book, ws, 4, "behaviour from", text[2])) != AR_OK ||
	    (err = note(book, ws, 5, "promises applied", text[3])) != AR_OK ||
	    (err = note(book, ws, 6, "past forecast", b->past_source)) != AR_OK)
		return err;
	xlsx_fit_columns(book, ws);
	return AR_OK;
}

ar_err
forecast_xlsx_write(const char *path, const struct forecast_book *b, struct ar_error *e)
{
	struct xlsx_book *book;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	err = forecast_sheet(book, b);
	if (err == AR_OK && b->backtest != NULL)
		err = backtest_sheet(book, b);
	if (err == AR_OK)
		err = notes_sheet(book, b);
	return row_sink_book_finish(book, err, e);
}
