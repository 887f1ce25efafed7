/*
 * agency.h - collection agencies (issue 18): each agency's contract
 * ([agency.NAME] of ar.ini), who was with which agency when (the
 * journal's agency_assign and agency_recall rows), and the commission on
 * what an agency recovers.  Pure rules: the caller reads the files.
 *
 * The journal rows.  agency_assign: note the agency's NAME, amount and
 * currency the balance assigned in that currency (one row per currency,
 * the same date), due the due date of the customer's oldest open item at
 * the assignment (the debt's age), ref the agency's own case number.
 * agency_recall: note the agency's NAME.  A customer is with an agency
 * from the date of its assignment up to, not including, the date of its
 * recall: a payment valued on the day of the recall is the team's.
 *
 * Commission.  A recovery valued on day v for a customer assigned on day
 * a (oldest due date d): days = v - a (tier_basis days_assigned) or v - d
 * (debt_age); the rate is the tier of those days (tiers.h: up to and
 * including the limit); commission = amount x rate, rounded half away
 * from zero once per statement line, in the currency's minor unit.  A
 * statement's commission in a currency is at least min_fee of that
 * currency when anything was recovered in it.
 */
#ifndef AGENCY_H
#define AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/tiers.h"

#define AGENCY_NAME_MAX 40

/* How many days before the contract's end the report flags it for renewal. */
#define AGENCY_RENEWAL_DAYS 60

enum agency_tier_basis { AGENCY_DAYS_ASSIGNED, AGENCY_DEBT_AGE };

struct agency_contract {
	char name[AGENCY_NAME_MAX + 1];         /* lower case, as ar.ini folds it */
	const char *contact;                    /* the configuration's */
	civil_day start, end;                   /* DATE_NONE: not set */
	struct rate_tiers tiers;
	enum agency_tier_basis basis;
	const char *exclude;                    /* customers, comma separated */
	const struct ar_config *cfg;            /* for min_fee.CODE */
	currency_id default_currency;
};

/*
 * The contract of [agency.NAME] (name in any case).  AR_ESYNTAX when the
 * name is not 1 to AGENCY_NAME_MAX letters, digits, '-' or '_';
 * AR_ECOLUMN when ar.ini has no such section (e says which agencies it
 * has).  Values were checked when ar.ini was loaded.
 */
ar_err agency_contract_load(const struct ar_config *cfg, const char *name,
    currency_id default_currency, struct agency_contract *out, struct ar_error *e);

/* Whether the contract's exclude list names the customer. */
bool agency_excludes(const struct agency_contract *c, const char *customer, size_t len);

/* Whether day lies within the contract (an unset start or end does not bound it). */
bool agency_in_contract(const struct agency_contract *c, civil_day day);

/* The least commission in cur: false when the contract sets none for it. */
bool agency_min_fee(const struct agency_contract *c, currency_id cur, int64_t *fee);

/* One recovery's commission. */
struct agency_commission {
	int days;               /* as tier_basis counts them */
	int tier;               /* index into the contract's tiers */
	int64_t rate;           /* thousandths of a per cent */
	int64_t commission;     /* minor units */
};

/* AR_ERANGE on overflow. */
ar_err agency_commission_of(const struct agency_contract *c, civil_day value_date,
    civil_day assigned, civil_day oldest_due, int64_t amount, struct agency_commission *out);

/* Who is with which agency when: the journal's rows replayed. */
struct agency_register;

ar_err agency_register_new(struct agency_register **out);
void agency_register_free(struct agency_register *r);

/* One agency_assign or agency_recall row of the journal. */
struct agency_row {
	civil_day date;
	long line;                      /* orders the rows of one day */
	const char *customer, *agency;  /* agency: the note column; not kept */
	bool recall;
	bool has_amount;
	int64_t amount;                 /* assign: the balance assigned in currency */
	currency_id currency;
	civil_day oldest_due;           /* assign: the due column; DATE_NONE */
};

/* AR_ESYNTAX (no agency named), AR_ENOMEM. */
ar_err agency_register_add(struct agency_register *r, const struct agency_row *row);

/*
 * After the last row: each customer's rows in date (then line) order made
 * into spans.  An assign while with an agency (another, or the same on
 * another day) or a recall of an agency the customer is not with is
 * AR_ESYNTAX with *e at that row's line.  AR_ENOMEM.
 */
ar_err agency_register_finish(struct agency_register *r, struct ar_error *e);

/* A stay with an agency: from `from` up to, not including, `to`. */
struct agency_span {
	uint32_t customer;              /* agency_register_customer gives its id */
	const char *agency;             /* lower case */
	civil_day from, to;             /* to DATE_NONE: still with it */
	civil_day oldest_due;
	int64_t assigned[CURRENCY_MAX]; /* the balance assigned per currency */
	bool has_assigned[CURRENCY_MAX];
	long line;                      /* the assign row's */
};

/* The span the customer is in on day, NULL when with no agency. */
const struct agency_span *agency_on(const struct agency_register *r, const char *customer,
    size_t len, civil_day day);

/* Every span, customers in the order first seen and each in date order. */
size_t agency_nspans(const struct agency_register *r);
const struct agency_span *agency_span_at(const struct agency_register *r, size_t i);
const char *agency_register_customer(const struct agency_register *r, uint32_t customer);

#endif
