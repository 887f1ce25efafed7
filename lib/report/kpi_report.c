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
	int exponent = currency_exponent(g->currency);

	for (int k = 0; k < KPI_NLEDGER; k++) {
		const struct kpi_value *v = &g->values[k];
		int fraction = kpi_fraction_is_money((enum kpi_id)k) ? exponent : 2;

		csvio_write_str(w, g->group);
		csvio_write_str(w, currency_code(g->currency));
		csvio_write_str(w, kpi_word((enum kpi_id)k));
		if (v->defined)
			csvio_write_money(w, v->value, kpi_decimals((enum kpi_id)k));
		else
			csvio_write_field(w, "", 0);
		csvio_write_money(w, v->numerator, fraction);
		csvio_write_money(w, v->denominator, fraction);
		csvio_write_day(w, period_start);
		csvio_write_day(w, period_end);
		csvio_end_record(w);
	}
}
