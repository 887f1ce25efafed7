/* kpi.c - the month-end KPIs from the ledger (kpi.h). */
#include "ar/kpi.h"

#include <string.h>

#include "core/money.h"

__extension__ typedef __int128 i128;

ar_err
kpi_calendar_init(struct kpi_calendar *c, civil_day as_of, int period_months)
{
	if (period_months < 1 || period_months > KPI_MONTHS)
		return AR_ERANGE;
	for (int k = 0; k <= KPI_MONTHS; k++)
		if (date_add_months(as_of, -k, &c->end[k]) != AR_OK)
			return AR_ERANGE;
	c->period_months = period_months;
	return AR_OK;
}

int
kpi_month_days(const struct kpi_calendar *c, int k)
{
	return (int)(c->end[k] - c->end[k + 1]);
}

int
kpi_month_of(const struct kpi_calendar *c, civil_day day)
{
	if (day > c->end[0] || day <= c->end[KPI_MONTHS])
		return -1;
	for (int k = 0; k < KPI_MONTHS; k++)
		if (day > c->end[k + 1])
			return k;
	return -1;
}

enum kpi_doc
kpi_doc_of(const char *doc_type, size_t len)
{
	if ((len == 3 && memcmp(doc_type, "INV", 3) == 0) ||
	    (len == 2 && memcmp(doc_type, "DN", 2) == 0))
		return KPI_DOC_BILLING;
	if (len == 2 && memcmp(doc_type, "CN", 2) == 0)
		return KPI_DOC_CREDIT_NOTE;
	return KPI_DOC_OTHER;
}

static bool
open_at(civil_day doc_date, civil_day clearing_date, civil_day day)
{
	return doc_date <= day && (clearing_date == DATE_NONE || clearing_date > day);
}

ar_err
kpi_ledger_add(struct kpi_ledger *l, const struct kpi_calendar *c, enum kpi_doc doc,
    civil_day doc_date, civil_day due_date, civil_day clearing_date, int64_t amount)
{
	civil_day as_of = c->end[0];
	int k = kpi_month_of(c, doc_date);

	if (due_date == DATE_NONE)
		due_date = doc_date;
	if (k >= 0 && doc != KPI_DOC_OTHER && money_add(&l->sales[k], amount) != AR_OK)
		return AR_ERANGE;
	if (k >= 0 && k < c->period_months) {
		if (doc == KPI_DOC_BILLING && money_add(&l->billed, amount) != AR_OK)
			return AR_ERANGE;
		if (doc == KPI_DOC_CREDIT_NOTE && money_add(&l->credited, -amount) != AR_OK)
			return AR_ERANGE;
	}
	for (int m = 0; m <= KPI_MONTHS; m++)
		if (open_at(doc_date, clearing_date, c->end[m]) &&
		    money_add(&l->open_at[m], amount) != AR_OK)
			return AR_ERANGE;
	if (!open_at(doc_date, clearing_date, as_of))
		return AR_OK;
	if (due_date >= as_of && money_add(&l->current_end, amount) != AR_OK)
		return AR_ERANGE;
	if (as_of - due_date > 90 && money_add(&l->over_90_end, amount) != AR_OK)
		return AR_ERANGE;
	return AR_OK;
}

static const char *const words[KPI_NIDS] = {
	"dso_countback", "dso_simple", "best_dso", "add", "cei", "pct_current", "pct_over_90",
	"turnover", "cn_ratio",
	"promises_made", "promises_kept", "promises_broken", "promise_kept_pct",
	"disputes_opened", "disputes_resolved", "disputes_open", "dispute_mean_days",
	"contacts", "coverage_pct"
};

const char *
kpi_word(enum kpi_id k)
{
	return (unsigned)k < KPI_NIDS ? words[k] : "";
}

int
kpi_decimals(enum kpi_id k)
{
	switch (k) {
	case KPI_CEI: case KPI_PCT_CURRENT: case KPI_PCT_OVER_90: case KPI_CN_RATIO:
	case KPI_PROMISE_KEPT_PCT: case KPI_COVERAGE_PCT:
		return 1;
	case KPI_PROMISES_MADE: case KPI_PROMISES_KEPT: case KPI_PROMISES_BROKEN:
	case KPI_DISPUTES_OPENED: case KPI_DISPUTES_RESOLVED: case KPI_DISPUTES_OPEN:
	case KPI_CONTACTS:
		return 0;
	default:
		return 2;
	}
}

enum kpi_fraction
kpi_fraction_of(enum kpi_id k)
{
	switch (k) {
	case KPI_ADD:
		return KPI_FRACTION_DAYS;
	case KPI_DISPUTES_OPENED: case KPI_DISPUTES_RESOLVED: case KPI_DISPUTES_OPEN:
	case KPI_DISPUTE_MEAN_DAYS: case KPI_CONTACTS: case KPI_COVERAGE_PCT:
		return KPI_FRACTION_COUNT;
	default:
		return KPI_FRACTION_MONEY;
	}
}

/* num / den rounded half away from zero; den > 0. */
static int64_t
div_round(i128 num, i128 den)
{
	i128 q = num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);

	return q > INT64_MAX ? INT64_MAX : q < -INT64_MAX ? -INT64_MAX : (int64_t)q;
}

struct kpi_value
kpi_ratio(int64_t num, int64_t den, int64_t scale)
{
	struct kpi_value v = { den > 0, true, 0, num, den };

	if (v.defined)
		v.value = div_round((i128)num * scale, den);
	return v;
}

/* The count-back of receivable over the months' sales, in hundredths of a day. */
static struct kpi_value
countback(int64_t receivable, const struct kpi_ledger *l, const struct kpi_calendar *c)
{
	struct kpi_value v = { true, true, 0, receivable, 0 };
	i128 left = receivable;
	int64_t days = 0;

	if (receivable <= 0)
		return v;
	for (int k = 0; k < KPI_MONTHS; k++) {
		int64_t sales = l->sales[k], month = kpi_month_days(c, k);

		if (sales > 0)
			v.denominator += sales;
		if (sales > 0 && left <= sales) {
			v.value = days * 100 + div_round(left * month * 100, sales);
			return v;
		}
		if (sales > 0)
			left -= sales;
		days += month;
	}
	v.value = days * 100;   /* 12 months do not cover it: a floor */
	return v;
}

void
kpi_from_ledger(const struct kpi_ledger *l, const struct kpi_calendar *c,
    struct kpi_value out[KPI_NIDS])
{
	int p = c->period_months;
	int64_t period_sales = 0, year_sales = 0, receivable = l->open_at[0];
	int64_t period_days = c->end[0] - c->end[p];
	i128 open_sum = 0, cei_num, cei_den;

	for (int k = 0; k < KPI_MONTHS; k++) {
		if (k < p)
			period_sales += l->sales[k];    /* the ledger's sums: no overflow */
		year_sales += l->sales[k];
	}
	for (int k = 0; k <= KPI_MONTHS; k++)
		open_sum += l->open_at[k];
	out[KPI_DSO_COUNTBACK] = countback(receivable, l, c);
	out[KPI_DSO_SIMPLE] = kpi_ratio(receivable, period_sales, 100 * period_days);
	out[KPI_BEST_DSO] = countback(l->current_end, l, c);
	out[KPI_ADD] = (struct kpi_value){ true, true,
	    out[KPI_DSO_COUNTBACK].value - out[KPI_BEST_DSO].value,
	    out[KPI_DSO_COUNTBACK].value, out[KPI_BEST_DSO].value };
	cei_num = (i128)l->open_at[p] + period_sales - receivable;
	cei_den = (i128)l->open_at[p] + period_sales - l->current_end;
	out[KPI_CEI] = (struct kpi_value){ cei_den > 0, true, cei_den > 0 ?
	    div_round(cei_num * 1000, cei_den) : 0, (int64_t)cei_num, (int64_t)cei_den };
	out[KPI_PCT_CURRENT] = kpi_ratio(l->current_end, receivable, 1000);
	out[KPI_PCT_OVER_90] = kpi_ratio(l->over_90_end, receivable, 1000);
	out[KPI_TURNOVER] = (struct kpi_value){ open_sum > 0, true, open_sum > 0 ?
	    div_round((i128)year_sales * (KPI_MONTHS + 1) * 100, open_sum) : 0, year_sales,
	    div_round(open_sum, KPI_MONTHS + 1) };
	out[KPI_CN_RATIO] = kpi_ratio(l->credited, l->billed, 1000);
}
