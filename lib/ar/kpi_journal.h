/*
 * kpi_journal.h - the month-end KPIs of ar-kpi that come from the
 * collections journal (issue 17): promises, disputes and contacts, per
 * group (the caller's dense index: a collector, a company, a customer, or
 * one group for all) and in total.
 *
 * The period is the calendar's (kpi.h): the day after
 * end[period_months] to as-of.  Rows dated after as-of are not yet known:
 * the caller leaves them out, as every reader of the journal does.
 *
 * Per currency (a row's own, else the default currency):
 *   promises_made      promise rows dated in the period: their count;
 *                      numerator their amounts (a promise of "the balance",
 *                      with no amount, counts nothing)
 *   promises_kept      promise_kept rows dated in the period, the same way
 *   promises_broken    promise_broken rows dated in the period
 *   promise_kept_pct   the amount kept ÷ (kept + broken) × 100
 * With no currency:
 *   disputes_opened    dispute rows dated in the period
 *   disputes_resolved  dispute_resolved rows dated in the period
 *   disputes_open      disputes open at as-of: per customer and doc_no
 *                      (empty: the whole account), the latest dispute row
 *                      that no later dispute_resolved row follows (later by
 *                      date, then line, as journal.h orders rows)
 *   dispute_mean_days  their mean age at as-of (as-of − that latest row's date),
 *                      two decimals; numerator the days, denominator the
 *                      disputes
 *   contacts           call, letter, email, sms and im rows dated in the
 *                      period (and per channel: kpi_journal_channels)
 *   coverage_pct       the customers overdue at as-of (the caller says which:
 *                      kpi_journal_overdue) with a contact row in the period
 *                      ÷ those overdue × 100
 * Counts have no decimals; per cents one; rounded half away from zero.
 * Memory follows the customers, groups and disputes, not the rows.
 */
#ifndef KPI_JOURNAL_H
#define KPI_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/kpi.h"
#include "core/currency.h"
#include "core/errors.h"

/* kpi_journal_values's currency for the KPIs that have none. */
#define KPI_NO_CURRENCY (-1)

struct kpi_journal;

/* For the period of c (copied).  AR_ENOMEM. */
ar_err kpi_journal_new(const struct kpi_calendar *c, struct kpi_journal **out);
void kpi_journal_free(struct kpi_journal *j);

/* One journal row, read by the caller, dated on or before as-of. */
struct kpi_journal_row {
	uint32_t customer, group;        /* dense indexes; a customer is in one group */
	civil_day date;
	long line;                       /* orders the rows of one day */
	const char *action, *doc_no;     /* not kept; doc_no "" for the whole account */
	size_t action_len, doc_len;
	bool has_amount;
	int64_t amount;                  /* minor units of currency */
	currency_id currency;
};

/* Take a row; rows of other actions are passed over.  AR_ERANGE when a sum overflows, AR_ENOMEM. */
ar_err kpi_journal_add(struct kpi_journal *j, const struct kpi_journal_row *row);

/* The customer, of group, is overdue at as-of.  AR_ENOMEM. */
ar_err kpi_journal_overdue(struct kpi_journal *j, uint32_t customer, uint32_t group);

/* After the last row and overdue customer: the open disputes and the coverage worked out.  AR_ENOMEM. */
ar_err kpi_journal_finish(struct kpi_journal *j);

/* The currencies some promise row of group (or KPI_GROUP_ALL) is in, into out; their count. */
size_t kpi_journal_currencies(const struct kpi_journal *j, uint32_t group,
    currency_id out[CURRENCY_MAX]);

/*
 * The KPIs of group (or KPI_GROUP_ALL), after kpi_journal_finish: out
 * indexed by enum kpi_id, filled from KPI_PROMISES_MADE to
 * KPI_PROMISE_KEPT_PCT for currency, or from KPI_DISPUTES_OPENED on when
 * currency is KPI_NO_CURRENCY.
 */
void kpi_journal_values(const struct kpi_journal *j, uint32_t group, currency_id currency,
    struct kpi_value out[KPI_NIDS]);

/* The channels of a contact, as the journal's action words: call, letter, email, sms, im. */
#define KPI_CHANNELS 5
const char *kpi_channel_word(int channel);

/* The contacts of group (or KPI_GROUP_ALL) in the period per channel, in kpi_channel_word's order. */
void kpi_journal_channels(const struct kpi_journal *j, uint32_t group, int64_t out[KPI_CHANNELS]);

/* The customer's promise_broken rows dated in the period (at most 65,535): the at-risk list's evidence. */
unsigned kpi_journal_broken_of(const struct kpi_journal *j, uint32_t customer);

#endif
