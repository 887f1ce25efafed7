/* kpi_report.c - ar-kpi's kpi.csv (kpi_report.h). */
#include "report/kpi_report.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

const char *const kpi_report_columns[] = {
	"group", "currency", "kpi", "value", "numerator", "denominator", "period_start",
	"period_end"
};

const unsigned kpi_report_ncolumns = sizeof kpi_report_columns / sizeof kpi_report_columns[0];

void
kpi_report_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, kpi_report_columns, kpi_report_ncolumns);
}

void
kpi_report_write_group(struct row_sink *w, const struct kpi_report_group *g,
    civil_day period_start, civil_day period_end)
{
	bool money = g->currency != KPI_REPORT_NO_CURRENCY;

	for (enum kpi_id k = g->first; k < g->end; k++) {
		const struct kpi_value *v = &g->values[k];
		enum kpi_fraction f = kpi_fraction_of(k);
		int decimals = f == KPI_FRACTION_DAYS ? 2 :
		    f == KPI_FRACTION_MONEY && money ? currency_exponent(g->currency) : 0;

		w->text(w, g->group);
		w->text(w, money ? currency_code(g->currency) : "");
		w->text(w, kpi_word(k));
		if (v->defined)
			w->decimal(w, v->value, kpi_decimals(k));
		else
			w->text(w, "");
		w->decimal(w, v->numerator, decimals);
		if (v->has_denominator)
			w->decimal(w, v->denominator, decimals);
		else
			w->text(w, "");
		w->date(w, period_start);
		w->date(w, period_end);
		w->end(w);
	}
}

ar_err
kpi_trend_init(struct kpi_trend *t, const struct kpi_calendar *c)
{
	memset(t, 0, sizeof *t);
	for (int m = 0; m < KPI_TREND_MONTHS; m++) {
		t->end[m] = c->end[KPI_TREND_MONTHS - 1 - m];
		t->read_from[m] = DATE_NONE;
	}
	t->cells = calloc((size_t)KPI_TREND_MONTHS * KPI_TREND_SLOTS * KPI_NIDS, sizeof *t->cells);
	return t->cells != NULL ? AR_OK : AR_ENOMEM;
}

void
kpi_trend_free(struct kpi_trend *t)
{
	free(t->cells);
	t->cells = NULL;
}

static struct kpi_trend_cell *
cell(const struct kpi_trend *t, int month, int slot, enum kpi_id k)
{
	return &t->cells[((size_t)month * KPI_TREND_SLOTS + (size_t)slot) * KPI_NIDS + (size_t)k];
}

const struct kpi_trend_cell *
kpi_trend_at(const struct kpi_trend *t, int month, int slot, enum kpi_id k)
{
	return cell(t, month, slot, k);
}

void
kpi_trend_set(struct kpi_trend *t, int month, int currency, const struct kpi_value *values,
    enum kpi_id first, enum kpi_id end)
{
	int slot = currency == KPI_REPORT_NO_CURRENCY ? 0 : currency + 1;

	t->used[slot] = true;
	for (enum kpi_id k = first; k < end; k++)
		*cell(t, month, slot, k) = (struct kpi_trend_cell){ values[k].defined, values[k].value };
}

static bool
kpi_of(const char *word, enum kpi_id *out)
{
	for (enum kpi_id k = 0; k < KPI_NIDS; k++)
		if (strcmp(kpi_word(k), word) == 0) {
			*out = k;
			return true;
		}
	return false;
}

ar_err
kpi_trend_read(struct kpi_trend *t, int month, civil_day as_of, struct csvio_reader *r,
    struct ar_error *e)
{
	static const char *const need[4] = { "group", "currency", "kpi", "value" };
	int col[4];
	struct csvio_record rec;
	ar_err err;

	for (int i = 0; i < 4; i++)
		if ((col[i] = csvio_column(r, need[i])) < 0) {
			ar_error_set(e, AR_ECOLUMN, 1, "no %s column", need[i]);
			return AR_ECOLUMN;
		}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		const struct csvio_field *cur = &rec.field[col[1]], *val = &rec.field[col[3]];
		currency_id c = 0;
		enum kpi_id k;
		int slot = 0;
		int64_t v = 0;

		if (strcmp(rec.field[col[0]].ptr, "ALL") != 0)
			continue;
		if (cur->len > 0 && currency_lookup(cur->ptr, cur->len, &c) != AR_OK) {
			ar_error_set(e, AR_ESYNTAX, rec.line, "currency \"%.8s\" is not known", cur->ptr);
			return AR_ESYNTAX;
		}
		slot = cur->len > 0 ? c + 1 : 0;
		if (!kpi_of(rec.field[col[2]].ptr, &k)) {
			ar_error_set(e, AR_ESYNTAX, rec.line, "kpi \"%.40s\" is not one of ar-kpi's",
			    rec.field[col[2]].ptr);
			return AR_ESYNTAX;
		}
		if (val->len > 0 && money_parse(val->ptr, val->len, kpi_decimals(k),
		    MONEY_DECIMAL_POINT, &v) != AR_OK) {
			ar_error_set(e, AR_ESYNTAX, rec.line, "value \"%.40s\" is not a number",
			    val->ptr);
			return AR_ESYNTAX;
		}
		t->used[slot] = true;
		*cell(t, month, slot, k) = (struct kpi_trend_cell){ val->len > 0, v };
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	t->read_from[month] = as_of;
	return AR_OK;
}
