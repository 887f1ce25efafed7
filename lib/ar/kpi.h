/*
 * kpi.h - the month-end collection KPIs of ar-kpi (issue 17) that come
 * from the ledger, exact in integers.
 *
 * The ledger is every item of the last 12 months, open and cleared (the
 * items stream with clearing_date, as SAP's FBL5N "all items" gives it).
 *
 * The calendar.  Month k (0 = the month ending at as-of, 1 the one
 * before, ... 11) is the days after end[k+1] up to end[k], where end[k] is
 * as-of moved back k months as a month-end report steps
 * (date_add_months: a month end stays a month end).  The period is months
 * 0 .. period_months - 1 (1, or 3 for a quarter): it starts the day after
 * end[period_months].
 *
 * Sums per group and currency:
 *   sales[k]       INV and DN dated in month k, less CN (whose amounts
 *                  are negative): what was billed, net
 *   open at day D  every item dated on or before D and not cleared by D
 *                  (clearing_date empty or after D), whatever its type
 *   open_at[k]     the receivable at end[k]: receivable_end is open_at[0],
 *                  receivable_start open_at[period_months]
 *   current_end    of what is open at as-of, the items not yet due (due
 *                  date on or after as-of, as ar-age's current column)
 *   over_90_end    of it, the items due more than 90 days before as-of
 *   billed         INV and DN dated in the period
 *   credited       CN dated in the period, as a positive sum
 *
 * The KPIs, each with the numerator and denominator it came from:
 *   dso_countback  receivable_end counted back over the months' sales:
 *                  while what is left exceeds month k's sales, take them
 *                  off and add the month's days; then add what is left ÷
 *                  that month's sales × its days.  A month whose sales are
 *                  not above zero adds its days and takes nothing.  When
 *                  12 months do not cover it, their days (a floor).
 *                  Zero when nothing is receivable.  numerator
 *                  receivable_end, denominator the sales of the months
 *                  counted (the last one whole).
 *   dso_simple     receivable_end ÷ the period's sales × the period's days
 *   best_dso       the count-back of current_end
 *   add            dso_countback − best_dso, the two as shown (numerator
 *                  and denominator: those two, in days)
 *   cei            (receivable_start + the period's sales − receivable_end)
 *                  ÷ (receivable_start + the period's sales − current_end)
 *                  × 100
 *   pct_current    current_end ÷ receivable_end × 100
 *   pct_over_90    over_90_end ÷ receivable_end × 100
 *   turnover       the 12 months' sales ÷ the average receivable, the mean
 *                  of open_at[0..12] (times a year; the denominator is that
 *                  mean rounded to the minor unit, the value exact)
 *   cn_ratio       credited ÷ billed × 100: the share of billing reversed
 * Days and turnover to two decimals, per cents to one, rounded half away
 * from zero.  A value whose denominator is not above zero is undefined.
 */
#ifndef KPI_H
#define KPI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/errors.h"

#define KPI_MONTHS 12

/* The group that stands for the total of every group (ALL). */
#define KPI_GROUP_ALL UINT32_MAX

struct kpi_calendar {
	civil_day end[KPI_MONTHS + 1];  /* end[0] = as-of */
	int period_months;              /* 1 or 3 */
};

/* AR_ERANGE for an as-of too near year 1, or period_months not 1..KPI_MONTHS. */
ar_err kpi_calendar_init(struct kpi_calendar *c, civil_day as_of, int period_months);

/* Days in month k (0 .. KPI_MONTHS - 1). */
int kpi_month_days(const struct kpi_calendar *c, int k);

/* The month day falls in, 0 .. KPI_MONTHS - 1; -1 before month 11 or after as-of. */
int kpi_month_of(const struct kpi_calendar *c, civil_day day);

/* What an item is to the sums: billing, a credit note, or neither (PAY, ADJ, INT, FEE). */
enum kpi_doc { KPI_DOC_BILLING, KPI_DOC_CREDIT_NOTE, KPI_DOC_OTHER };

/* "INV" and "DN" billing, "CN" a credit note, anything else other. */
enum kpi_doc kpi_doc_of(const char *doc_type, size_t len);

struct kpi_ledger {
	int64_t sales[KPI_MONTHS];
	int64_t open_at[KPI_MONTHS + 1];
	int64_t current_end, over_90_end;
	int64_t billed, credited;
};

/*
 * Add one ledger item: its kind, dates (clearing DATE_NONE when open; due
 * DATE_NONE counts as due on doc_date) and signed amount.  AR_ERANGE when
 * a sum would overflow (l is then partly added to: stop).
 */
ar_err kpi_ledger_add(struct kpi_ledger *l, const struct kpi_calendar *c, enum kpi_doc doc,
    civil_day doc_date, civil_day due_date, civil_day clearing_date, int64_t amount);

/* Every KPI of kpi.csv, in its order: the ledger's here, the journal's in kpi_journal.h. */
enum kpi_id {
	KPI_DSO_COUNTBACK, KPI_DSO_SIMPLE, KPI_BEST_DSO, KPI_ADD, KPI_CEI, KPI_PCT_CURRENT,
	KPI_PCT_OVER_90, KPI_TURNOVER, KPI_CN_RATIO,
	KPI_NLEDGER,
	KPI_PROMISES_MADE = KPI_NLEDGER, KPI_PROMISES_KEPT, KPI_PROMISES_BROKEN,
	KPI_PROMISE_KEPT_PCT,
	KPI_DISPUTES_OPENED, KPI_DISPUTES_RESOLVED, KPI_DISPUTES_OPEN, KPI_DISPUTE_MEAN_DAYS,
	KPI_CONTACTS, KPI_COVERAGE_PCT,
	KPI_NIDS
};

/* "dso_countback", ... as in the output's kpi column. */
const char *kpi_word(enum kpi_id k);

/* The decimals of the value: 2 for days and turnover, 1 for per cents, 0 for counts. */
int kpi_decimals(enum kpi_id k);

/* What the numerator and denominator are. */
enum kpi_fraction {
	KPI_FRACTION_MONEY,             /* minor units of the row's currency */
	KPI_FRACTION_DAYS,              /* days in hundredths (add) */
	KPI_FRACTION_COUNT              /* whole numbers (days for dispute_mean_days) */
};
enum kpi_fraction kpi_fraction_of(enum kpi_id k);

struct kpi_value {
	bool defined;
	bool has_denominator;           /* false: a count, whose denominator is left empty */
	int64_t value;                  /* in units of 10^-kpi_decimals */
	int64_t numerator, denominator;
};

/* Every KPI above from one group's sums. */
void kpi_from_ledger(const struct kpi_ledger *l, const struct kpi_calendar *c,
    struct kpi_value out[KPI_NIDS]);

/* num / den × scale rounded half away from zero, defined when den > 0. */
struct kpi_value kpi_ratio(int64_t num, int64_t den, int64_t scale);

#endif
