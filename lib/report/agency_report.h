/*
 * agency_report.h - ar-agency's tables (issue 18): the commission
 * statement of one agency over a period, and the report on every agency,
 * each as CSV (through a row sink) and as a workbook.
 *
 * The recoveries.  An allocation (ar-match) of any rule but bank_charge,
 * on_account included, of a payment whose value date v lies in the period,
 * to a customer with the agency on day v (agency.h: assigned on or
 * before v, not yet recalled).  The allocations of one payment to one
 * customer in one currency are one line.
 *
 * statement.csv:
 *   customer,payment_id,value_date,currency,amount,days_assigned,rate,commission
 * by value date, customer and payment_id; days_assigned as the contract's
 * tier_basis counts them; rate the tier's per cent (three decimals);
 * commission = amount x rate, half up once per line (agency.h); then per
 * currency a row customer TOTAL: the amounts and commissions added, the
 * commission raised to min_fee of that currency when it is less.
 *
 * report.csv, one row per agency of ar.ini (by name) and currency:
 *   agency,currency,accounts,open_accounts,assigned,recovered,recovery_pct,
 *   avg_days_to_first_recovery,commission,contract_end,renewal
 *   accounts       the assignments (agency_assign) dated on or before the
 *                  report's day with a balance in the currency
 *   open_accounts  of them, not recalled by that day
 *   assigned       the balances assigned
 *   recovered      the recoveries valued on or before the day
 *   recovery_pct   recovered / assigned x 100, one decimal
 *   avg_days_to_first_recovery
 *                  over the assignments with a recovery: the days from the
 *                  assignment to its first, their mean to two decimals
 *   commission     the commission of every recovery line, as the statement
 *                  computes it (before min_fee)
 *   contract_end   [agency.NAME] contract_end
 *   renewal        renew from AGENCY_RENEWAL_DAYS (60) days before the
 *                  contract's end to the end, expired after it, else empty
 * An agency without assignments has one row with an empty currency.
 */
#ifndef AGENCY_REPORT_H
#define AGENCY_REPORT_H

#include <stddef.h>

#include "ar/agency.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/row_sink.h"

struct agency_lines;

/* Lines of one agency's statement (contract given) or of every agency (NULL). */
ar_err agency_lines_new(const struct agency_contract *contract, struct agency_lines **out);
void agency_lines_free(struct agency_lines *l);

/* One allocation counted as a recovery; strings are copied.  AR_ENOMEM, AR_ERANGE. */
ar_err agency_lines_add(struct agency_lines *l, const struct agency_span *span,
    const char *customer, const char *payment_id, civil_day value_date, currency_id currency,
    int64_t amount);

/* The allocations of one payment to one customer and currency made one line, ordered.  AR_ENOMEM. */
ar_err agency_lines_finish(struct agency_lines *l);
size_t agency_lines_count(const struct agency_lines *l);

extern const char *const agency_statement_columns[];
extern const unsigned agency_statement_ncolumns;

/* One line of the statement, i from 0 to agency_lines_count - 1, with its commission. */
struct agency_line_view {
	const char *customer, *payment_id;
	civil_day value_date;
	currency_id currency;
	int64_t amount;
	struct agency_commission k;
};
void agency_lines_at(const struct agency_lines *l, size_t i, const struct agency_contract *c,
    struct agency_line_view *out);

/* The statement's sums per currency and tier, worked out in one pass over the lines. */
struct agency_sums {
	bool seen[CURRENCY_MAX];
	int64_t amount[CURRENCY_MAX];
	int64_t commission[CURRENCY_MAX];        /* after min_fee */
	bool min_fee[CURRENCY_MAX];              /* min_fee raised it */
	int64_t tier_lines[CURRENCY_MAX][TIERS_MAX];
	int64_t tier_amount[CURRENCY_MAX][TIERS_MAX];
	int64_t tier_commission[CURRENCY_MAX][TIERS_MAX];   /* before min_fee */
};

/* *out for the lines of l under contract c. */
void agency_lines_sums(const struct agency_lines *l, const struct agency_contract *c,
    struct agency_sums *out);

/* "up to 90 days", "91 to 180 days", "over 180 days" (or "any days") for tier t, into buf. */
void agency_tier_label(const struct agency_contract *c, int tier, char *buf, size_t cap);

/* The header and rows of statement.csv. */
void agency_statement_write(struct row_sink *s, const struct agency_lines *l,
    const struct agency_contract *c);

/*
 * statement.xlsx: the sheet Statement (statement.csv's rows), the sheet
 * Tiers (per currency and tier: currency,tier,rate,lines,amount,commission)
 * and the sheet Notes (agency, contact, period, tiers).
 */
ar_err agency_statement_xlsx(const char *path, const struct agency_lines *l,
    const struct agency_contract *c, civil_day from, civil_day to, struct ar_error *e);

struct agency_report;

/* The report on contracts[0..n) at day. AR_ENOMEM. */
ar_err agency_report_make(const struct agency_register *reg, const struct agency_lines *l,
    const struct agency_contract *contracts, size_t n, civil_day day,
    struct agency_report **out);
void agency_report_free(struct agency_report *r);

extern const char *const agency_report_columns[];
extern const unsigned agency_report_ncolumns;

/* The header and rows of report.csv. */
void agency_report_write(struct row_sink *s, const struct agency_report *r);

/* report.xlsx: the sheet Agencies. */
ar_err agency_report_xlsx(const char *path, const struct agency_report *r, struct ar_error *e);

#endif
