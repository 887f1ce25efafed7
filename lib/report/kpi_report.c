/* kpi_report.c - ar-kpi's kpi.csv (kpi_report.h). */
#include "report/kpi_report.h"

static const char *const columns[] = {
	"group", "currency", "kpi", "value", "numerator", "denominator", "period_start",
	"period_end"
};

void
kpi_report_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, columns, sizeof columns / sizeof columns[0]);
}

void
kpi_report_write_group(struct csvio_writer *w, const struct kpi_report_group *g,
    civil_day period_start, civil_day period_end)
{
	bool money = g->currency != KPI_REPORT_NO_CURRENCY;

	for (enum kpi_id k = g->first; k < g->end; k++) {
		const struct kpi_value *v = &g->values[k];
		enum kpi_fraction f = kpi_fraction_of(k);
		int decimals = f == KPI_FRACTION_DAYS ? 2 :
		    f == KPI_FRACTION_MONEY && money ? currency_exponent(g->currency) : 0;

		csvio_write_str(w, g->group);
		csvio_write_str(w, money ? currency_code(g->currency) : "");
		csvio_write_str(w, kpi_word(k));
		if (v->defined)
			csvio_write_money(w, v->value, kpi_decimals(k));
		else
			csvio_write_field(w, "", 0);
		csvio_write_money(w, v->numerator, decimals);
		if (v->has_denominator)
			csvio_write_money(w, v->denominator, decimals);
		else
			csvio_write_field(w, "", 0);
		csvio_write_day(w, period_start);
		csvio_write_day(w, period_end);
		csvio_end_record(w);
	}
}
