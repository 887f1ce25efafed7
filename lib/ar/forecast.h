/*
 * forecast.h - the rules of ar-forecast (issue 17): when the open items
 * are expected to be collected, per week (or month), currency and
 * company, and how far an earlier forecast came true.  Exact in integers;
 * no file, no printing.
 *
 * The calendar.  Period k (0 .. periods - 1) is the days after end[k] up
 * to end[k + 1], where end[0] is as-of and end[k] = as-of + 7k (weeks) or
 * as-of moved k months on as a month-end report steps (monthly:
 * date_add_months, a month end stays a month end).  Week 0 is as-of + 1
 * .. as-of + 7.  A day after end[periods] is "beyond"; a day on or before
 * as-of is in no period.
 *
 * Payment behaviour (struct forecast_behaviour).  The caller feeds PAID
 * items - cleared ledger items, history, allocations turned into the
 * part of an item paid - each with its customer, currency, due date
 * (DATE_NONE: due on doc_date), clearing date and amount.  An item counts
 * when its amount is above zero and it was cleared in the lookback
 * window: on or after as-of - lookback_days and on or before as-of.  Its
 * days late are clearing_date - due_date (negative: paid early).  Per
 * customer and currency, and for the portfolio (every customer) per
 * currency: the count of items counted, their amount, and the sum of
 * days late x amount.  A customer's expected days late in a currency:
 *   own        its amount-weighted mean days late (sum ÷ amount), when it
 *              has at least min_items items counted in that currency
 *   portfolio  else the portfolio's amount-weighted mean in that
 *              currency, when the portfolio has any item counted
 *   none       else 0
 * Means are rounded half away from zero to whole days.
 *
 * The forecast (struct forecast).  Every OPEN item fed is in exactly one
 * part of its group (its currency and company), tried in this order:
 *   insolvent   items of an insolvent customer (the caller says which:
 *               status liquidation, administration, judicial_management
 *               or bankruptcy), signed: its credits net its claims here;
 *               insolvent wins over disputed
 *   credits     other items of amount <= 0: not collections
 *   disputed    other items under dispute
 *   collectable the rest; each is placed at its expected date:
 *                 behaviour  due_date + the customer's expected days late
 *                            in the item's currency
 *                 promise    the due date of the customer's open promise,
 *                            for the part of its items the promise covers
 *               and an expected date on or before as-of (overdue and
 *               late already; today's cash is in today's ledger) is
 *               as-of + 1: collected from tomorrow on, in period 0.
 *               expected[k] holds what is expected in period k, beyond
 *               what is expected after the last period.
 * A promise (the journal's open promise, journal.h's journal_facts)
 * covers the customer's collectable items in the promise's currency:
 *   without an amount  all of them go to the promise date
 *   with an amount     oldest due first up to the amount, the item where
 *                      the amount runs out split (its part up to the
 *                      amount at the promise date, the rest at its
 *                      behaviour date); the rest keep their behaviour
 *                      date.  An amount above the items moves them all
 *                      and invents nothing; an amount <= 0 moves nothing.
 * Oldest due first is the same as earliest behaviour date first (the
 * customer's days late are one number per currency), so the module keeps
 * per customer, currency and company only the sums per period and beyond
 * of its collectable items, and takes the promise from them period by
 * period, earliest first.  Ties: within one period, a customer's items in
 * two companies give up their part in company order (the caller's index),
 * so the split of a promise between companies is exact only to the
 * period; the amounts per currency and period are exact.
 * Per group:
 *   total        every open item fed, signed
 *              = sum(expected) + beyond + disputed + insolvent + credits
 *   collectable  sum(expected) + beyond
 *   promised     the part of collectable placed by promises (a part of
 *                expected[] and beyond, not a further part of total)
 * forecast_finish checks both equalities (AR_EINVARIANT: a bug).
 *
 * The caller's order: feed every paid item to a behaviour; then make the
 * forecast over it and feed, in any order, the open items and the open
 * promises (forecast_promise, once per customer; a customer's items need
 * not come together); then forecast_finish, then read the groups.  Memory
 * follows the customers: per customer its promise and, per currency and
 * company it has collectable items in, periods + 1 sums; nothing per item.
 *
 * Backtest (struct forecast_backtest).  A past forecast (its calendar
 * from its own as-of, and its expected[k] per currency and company, as
 * the caller reads them back from a forecast.csv kept in history) against
 * what was collected since, up to the current as-of.  The actual of
 * period k: the paid items of amount above zero, dated on or before the
 * past as-of (what that forecast could see; doc_date DATE_NONE counts as
 * such), cleared in period k and on or before the current as-of.
 * Disputed and insolvent items count when collected (they were forecast
 * at nothing); beyond is not compared.  Per period and group:
 *   error       actual - forecast (above zero: more came in than forecast)
 *   error_pct   error ÷ |forecast| × 100, in tenths of a per cent, rounded
 *               half away from zero; undefined when the forecast is 0
 *   abs_error   |error|; abs_pct the same per cent of it
 * A period is over when its last day is on or before the current as-of.
 * The totals are over the periods that are over only: a period not yet
 * over is shown (its actual so far) but left out of the totals; there
 * abs_error is the sum of the periods' |error| (over and under do not
 * cancel) and abs_pct is that per cent of the total forecast.
 */
#ifndef FORECAST_H
#define FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

/* The most periods a forecast has: two years of weeks. */
#define FORECAST_MAX_PERIODS 104

struct forecast_calendar {
	civil_day end[FORECAST_MAX_PERIODS + 1];   /* end[0] = as-of */
	int periods;
	bool monthly;
};

/* AR_ERANGE: as-of DATE_NONE or too near year 9999, periods not 1..FORECAST_MAX_PERIODS. */
ar_err forecast_calendar_init(struct forecast_calendar *c, civil_day as_of, int periods,
    bool monthly);

/* The period day falls in, 0 .. periods - 1; periods when beyond; -1 on or before as-of. */
int forecast_period_of(const struct forecast_calendar *c, civil_day day);

/* The settings of one run ([forecast] and the options). */
struct forecast_params {
	civil_day as_of;
	int periods;            /* --weeks (or months); 13 */
	bool monthly;           /* false: weeks */
	int lookback_days;      /* paid items cleared this many days before as-of count; 365 */
	int min_items;          /* a customer's own mean from this many paid items; 3 */
};

#define FORECAST_PARAMS_DEFAULT { DATE_NONE, 13, false, 365, 3 }

/* One paid (cleared) item, or the part of one an allocation paid. */
struct forecast_paid {
	uint32_t customer;      /* the caller's dense index */
	currency_id currency;
	uint32_t company;       /* dense index, 0 when none (the backtest's group) */
	civil_day doc_date, due_date;   /* due DATE_NONE: due on doc_date */
	civil_day clearing_date;        /* DATE_NONE: not paid, passed over */
	int64_t amount;                 /* minor units; <= 0 passed over */
};

struct forecast_behaviour;

/*
 * For p's as_of, lookback_days and min_items.  The caller frees *out with
 * forecast_behaviour_free.  AR_ERANGE (as_of DATE_NONE, lookback_days < 0,
 * min_items < 1), AR_ENOMEM.
 */
ar_err forecast_behaviour_new(const struct forecast_params *p, struct forecast_behaviour **out);
void forecast_behaviour_free(struct forecast_behaviour *b);

/*
 * Take one paid item; one outside the window, not paid, or of amount <= 0
 * is passed over (AR_OK).  AR_EUSAGE for a currency outside the table or
 * no due and no doc date, AR_ERANGE when a sum would overflow (b is then
 * unchanged), AR_ENOMEM.
 */
ar_err forecast_behaviour_add(struct forecast_behaviour *b, const struct forecast_paid *p);

/* Where a customer's expected days late come from. */
enum forecast_basis { FORECAST_BASIS_OWN, FORECAST_BASIS_PORTFOLIO, FORECAST_BASIS_NONE };

/* The customer's expected days late in currency; *basis (may be NULL) says from what. */
int forecast_days_late(const struct forecast_behaviour *b, uint32_t customer,
    currency_id currency, enum forecast_basis *basis);

/* The items counted for customer in currency (UINT32_MAX: the portfolio's) and their amount. */
void forecast_history(const struct forecast_behaviour *b, uint32_t customer,
    currency_id currency, int64_t *count, int64_t *amount);

/* One open item. */
struct forecast_item {
	uint32_t customer;
	currency_id currency;
	uint32_t company;               /* dense index, 0 when none */
	civil_day doc_date, due_date;   /* due DATE_NONE: due on doc_date */
	int64_t amount;                 /* signed minor units; > 0 the customer owes */
	bool disputed;                  /* a dispute column or the journal's open dispute */
	bool insolvent;                 /* the customer's status is an insolvency */
};

/*
 * A customer's open promise, from journal_facts when promise_open:
 * due = promise_due, has_amount = promise_has_amount, amount =
 * promise_amount, currency = promise_currency, currency_given =
 * promise_currency_given.  Without a currency given the promise is in
 * the customer's only currency with collectable items, and in `currency`
 * when it has several (or none).
 */
struct forecast_promise {
	civil_day due;
	bool has_amount;
	int64_t amount;
	currency_id currency;
	bool currency_given;
};

/* One currency and company. */
struct forecast_group {
	currency_id currency;
	uint32_t company;
	int64_t expected[FORECAST_MAX_PERIODS];  /* 0 .. periods - 1 used */
	int64_t beyond, disputed, insolvent, credits;
	int64_t total, collectable, promised;
};

struct forecast;

/*
 * A forecast at p's as_of over p's periods, placing items by b's
 * behaviour (b is not copied: it must outlive the forecast).  The caller
 * frees *out with forecast_free.  AR_ERANGE (the calendar), AR_ENOMEM.
 */
ar_err forecast_new(const struct forecast_params *p, const struct forecast_behaviour *b,
    struct forecast **out);
void forecast_free(struct forecast *f);

/* The calendar of the forecast, the columns' days. */
const struct forecast_calendar *forecast_calendar_of(const struct forecast *f);

/*
 * Take one open item.  AR_EUSAGE after forecast_finish, for a currency
 * outside the table, or for no due and no doc date; AR_ERANGE when a sum
 * would overflow (stop: the group may be left empty); AR_ENOMEM.
 */
ar_err forecast_add(struct forecast *f, const struct forecast_item *it);

/*
 * The customer's open promise, before forecast_finish; a later call for
 * the same customer replaces it.  AR_EUSAGE after forecast_finish, for a
 * due date of DATE_NONE or a currency outside the table; AR_ENOMEM.
 */
ar_err forecast_promise(struct forecast *f, uint32_t customer, const struct forecast_promise *p);

/* Apply the promises and sum the periods; then no more adds.  AR_EINVARIANT (a bug). */
ar_err forecast_finish(struct forecast *f);

/* After forecast_finish: the groups, by currency code then company. */
size_t forecast_ngroups(const struct forecast *f);
const struct forecast_group *forecast_group_at(const struct forecast *f, size_t i);

/* A forecast against what came in: one period, or the total of the periods over. */
struct forecast_accuracy {
	int64_t forecast, actual, error, abs_error;
	bool pct_defined;               /* the forecast is not 0 */
	int64_t error_pct, abs_pct;     /* tenths of a per cent */
	bool over;                      /* over by the current as-of (the total: every period) */
	int periods_over;               /* the total: how many periods it sums */
};

struct forecast_backtest;

/*
 * The past forecast's calendar (copied) and the current as-of.  The
 * caller frees *out with forecast_backtest_free.  AR_ERANGE when as_of is
 * before the past forecast's, AR_ENOMEM.
 */
ar_err forecast_backtest_new(const struct forecast_calendar *past, civil_day as_of,
    struct forecast_backtest **out);
void forecast_backtest_free(struct forecast_backtest *bt);

/* Add to the past forecast's expected[period] of a group.  AR_EUSAGE, AR_ERANGE, AR_ENOMEM. */
ar_err forecast_backtest_plan(struct forecast_backtest *bt, currency_id currency,
    uint32_t company, int period, int64_t amount);

/* A paid item, counted as above or passed over (AR_OK).  AR_EUSAGE, AR_ERANGE, AR_ENOMEM. */
ar_err forecast_backtest_collect(struct forecast_backtest *bt, const struct forecast_paid *p);

/* The groups, by currency code then company, with either a forecast or a collection. */
size_t forecast_backtest_ngroups(const struct forecast_backtest *bt);
void forecast_backtest_group_key(const struct forecast_backtest *bt, size_t g,
    currency_id *currency, uint32_t *company);

/* Group g's period k (0 .. periods - 1).  AR_EUSAGE for k, AR_ERANGE when the error overflows. */
ar_err forecast_backtest_period(const struct forecast_backtest *bt, size_t g, int k,
    struct forecast_accuracy *out);

/* Group g's total over the periods that are over.  AR_ERANGE on overflow. */
ar_err forecast_backtest_total(const struct forecast_backtest *bt, size_t g,
    struct forecast_accuracy *out);

#endif
