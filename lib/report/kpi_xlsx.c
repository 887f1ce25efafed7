/* kpi_xlsx.c - ar-kpi's workbook: the trend with its charts, the roll matrix (kpi_xlsx.h). */
#include "report/kpi_xlsx.h"

#include <stdio.h>
#include <string.h>

#include "core/currency.h"

#define CHART_ROWS 16
#define CHART_COLS 7

/* The currency slots in use, currencies by code, the slot of no currency last. */
static int
slots_in_order(const struct kpi_trend *t, int out[KPI_TREND_SLOTS])
{
	int n = 0;

	for (int s = 1; s < KPI_TREND_SLOTS; s++)
		if (t->used[s])
			out[n++] = s;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strcmp(currency_code(out[k - 1] - 1),
		    currency_code(out[k] - 1)) > 0; k--) {
			int x = out[k];

			out[k] = out[k - 1];
			out[k - 1] = x;
		}
	if (t->used[0])
		out[n++] = 0;
	return n;
}

static ar_err
trend_chart(struct xlsx_book *book, lxw_worksheet *ws, const char *title, uint32_t head,
    const uint32_t *rows, int nrows, uint32_t at_row, uint16_t at_col)
{
	lxw_chart *chart = workbook_add_chart(xlsx_workbook(book), LXW_CHART_LINE);

	if (chart == NULL)
		return AR_ENOMEM;
	chart_title_set_name(chart, title);
	for (int i = 0; i < nrows; i++) {
		lxw_chart_series *se = chart_add_series(chart, NULL, NULL);

		if (se == NULL)
			return AR_ENOMEM;
		chart_series_set_categories(se, "Trend", head, 2, head, 1 + KPI_TREND_MONTHS);
		chart_series_set_values(se, "Trend", rows[i], 2, rows[i], 1 + KPI_TREND_MONTHS);
		chart_series_set_name_range(se, "Trend", rows[i], 0);
		chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
	}
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	return worksheet_insert_chart(ws, at_row, at_col, chart) == LXW_NO_ERROR ? AR_OK : AR_EIO;
}

ar_err
kpi_xlsx_trend(struct xlsx_book *book, const struct kpi_trend *t)
{
	char labels[KPI_TREND_MONTHS][DATE_TEXT_MAX];
	const char *names[2 + KPI_TREND_MONTHS] = { "kpi", "currency" };
	lxw_worksheet *ws = xlsx_add_sheet(book, "Trend");
	int slots[KPI_TREND_SLOTS], nslots = slots_in_order(t, slots);
	uint32_t row = 1, dso_rows[KPI_TREND_SLOTS][3], cei_row[KPI_TREND_SLOTS];
	ar_err err;

	if (ws == NULL)
		return AR_EIO;
	xlsx_print_landscape(ws);          /* the 13 months side by side with their charts */
	for (int m = 0; m < KPI_TREND_MONTHS; m++) {
		date_format(t->end[m], labels[m]);
		names[2 + m] = labels[m];
	}
	if ((err = xlsx_write_header(book, ws, 0, names, 2 + KPI_TREND_MONTHS)) != AR_OK)
		return err;
	for (int i = 0; i < nslots; i++) {
		int s = slots[i];
		enum kpi_id first = s == 0 ? KPI_DISPUTES_OPENED : KPI_DSO_COUNTBACK;
		enum kpi_id end = s == 0 ? KPI_NIDS : KPI_DISPUTES_OPENED;
		const char *code = s == 0 ? "" : currency_code(s - 1);

		for (enum kpi_id k = first; k < end; k++, row++) {
			if (k == KPI_DSO_COUNTBACK || k == KPI_DSO_SIMPLE || k == KPI_BEST_DSO)
				dso_rows[i][k == KPI_DSO_COUNTBACK ? 0 : k == KPI_DSO_SIMPLE ? 1 : 2] = row;
			if (k == KPI_CEI)
				cei_row[i] = row;
			if ((err = xlsx_write_text(book, ws, row, 0, kpi_word(k), strlen(kpi_word(k)),
			    NULL)) != AR_OK ||
			    (err = xlsx_write_text(book, ws, row, 1, code, strlen(code), NULL)) != AR_OK)
				return err;
			for (int m = 0; m < KPI_TREND_MONTHS; m++) {
				const struct kpi_trend_cell *c = kpi_trend_at(t, m, s, k);

				if (c->defined && (err = xlsx_write_money(book, ws, row,
				    (uint16_t)(2 + m), c->value, kpi_decimals(k))) != AR_OK)
					return err;
			}
		}
	}
	{
		static const char note[] = "Blank: no kpi-YYYY-MM-DD.csv of that month in the history, "
		    "or a value without a denominator.";

		xlsx_fit_columns(book, ws);     /* before the note, which spills over */
		if ((err = xlsx_write_text(book, ws, ++row, 0, note, sizeof note - 1, NULL)) != AR_OK)
			return err;
	}
	row += 2;
	for (int i = 0; i < nslots; i++) {
		char title[64];

		if (slots[i] == 0)
			continue;
		snprintf(title, sizeof title, "DSO, %s (days)", currency_code(slots[i] - 1));
		if ((err = trend_chart(book, ws, title, 0, dso_rows[i], 3, row, 0)) != AR_OK)
			return err;
		snprintf(title, sizeof title, "CEI, %s (%%)", currency_code(slots[i] - 1));
		if ((err = trend_chart(book, ws, title, 0, &cei_row[i], 1, row, CHART_COLS)) != AR_OK)
			return err;
		row += CHART_ROWS;
	}
	return AR_OK;
}

static ar_err
money_row(struct xlsx_book *book, lxw_worksheet *ws, uint32_t row, const char *label,
    const int64_t *cells, int n, currency_id cur)
{
	ar_err err = xlsx_write_text(book, ws, row, 0, label, strlen(label), NULL);

	for (int i = 0; i < n && err == AR_OK; i++)
		err = xlsx_write_money(book, ws, row, (uint16_t)(1 + i), cells[i],
		    currency_exponent(cur));
	return err;
}

ar_err
kpi_xlsx_matrix(struct xlsx_book *book, const struct roll *roll,
    const struct aging_buckets *buckets, civil_day from, civil_day to)
{
	lxw_worksheet *ws = xlsx_add_sheet(book, "Roll matrix");
	lxw_format *bold = xlsx_style(book, XLSX_STYLE_HEADER);
	char labels[AGING_MAX_COLUMNS][AGING_LABEL_MAX], d1[DATE_TEXT_MAX], d2[DATE_TEXT_MAX];
	uint32_t row = 0;
	ar_err err = AR_OK;

	if (ws == NULL)
		return AR_EIO;
	xlsx_print_landscape(ws);
	date_format(from, d1);
	date_format(to, d2);
	for (int c = 0; c < aging_columns(buckets); c++)
		aging_column_label(buckets, c, labels[c], sizeof labels[c]);
	for (currency_id cur = 0; cur < CURRENCY_MAX && err == AR_OK; cur++) {
		const struct roll_matrix *m = roll_matrix_of(roll, cur);
		char title[160];
		int64_t cells[AGING_MAX_COLUMNS + 2];
		int n;

		if (m == NULL)
			continue;
		n = m->columns;
		snprintf(title, sizeof title, "%s: the buckets of %s (rows) found at %s (columns)",
		    currency_code(cur), d1, d2);
		if ((err = xlsx_write_text(book, ws, row++, 0, title, strlen(title), bold)) != AR_OK)
			break;
		err = xlsx_write_text(book, ws, row, 0, "from \\ to", 9, bold);
		for (int c = 0; c < n && err == AR_OK; c++)
			err = xlsx_write_text(book, ws, row, (uint16_t)(1 + c), labels[c],
			    strlen(labels[c]), bold);
		if (err == AR_OK)
			err = xlsx_write_text(book, ws, row, (uint16_t)(1 + n), "cleared", 7, bold);
		if (err == AR_OK)
			err = xlsx_write_text(book, ws, row, (uint16_t)(2 + n), "total", 5, bold);
		row++;
		for (int c = 0; c < n && err == AR_OK; c++) {
			memcpy(cells, m->to[c], (size_t)n * sizeof cells[0]);
			cells[n] = m->cleared[c];
			cells[n + 1] = m->before[c];
			err = money_row(book, ws, row++, labels[c], cells, n + 2, cur);
		}
		if (err == AR_OK)
			err = money_row(book, ws, row++, "new", m->appeared, n, cur);
		if (err == AR_OK)
			err = money_row(book, ws, row++, "grown", m->grown, n, cur);
		if (err == AR_OK)
			err = money_row(book, ws, row++, "total", m->after, n, cur);
		row++;
	}
	xlsx_fit_columns(book, ws);
	return err;
}
