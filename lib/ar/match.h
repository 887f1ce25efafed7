/*
 * match.h - the matching engine of ar-match (issue 12): open items and the
 * customer master indexed once, then payments applied one at a time, each
 * seeing what the ones before it left open.
 *
 *   match_engine_new(&m, &customers, &opts);
 *   match_engine_add_item(m, ...) for every open item;
 *   match_engine_ready(m);
 *   match_payment(m, &payment, &result) for every payment;
 *   match_engine_item(m, i, &info) for the items after it (--open-out);
 *   match_engine_free(m);
 *
 * The rules, in order (the first that settles the payment wins):
 *
 *  1. reference: the keys docref_extract finds in reference, ref1, ref2 and
 *     narrative; the open items with those keys in the payment's currency.
 *     - the cited items of one customer sum exactly to the amount: all of
 *       them (reference, 98);
 *     - else exactly one cited item equals the amount: that one (98);
 *     - else, when all cited items are one customer's and sum to more than
 *       zero: their sum exceeds the amount by at most charge_max: each in
 *       full, the shortfall a bank_charge row on the newest cited item
 *       that can carry it (95); the amount exceeds their sum: each in full,
 *       the rest on_account for that customer (90);
 *     - else a key one digit or one swap away from a cited key (docref_near)
 *       whose item, unique, equals the amount (reference, 92).
 *  2. the customer: payer_account (letters and digits, upper case) of
 *     exactly one customer; else ref1 likewise; else the payer's name
 *     (payer_name_normalise, payer_name_similarity against each customer's
 *     name and payer_names): the best customer at PAYER_NAME_LIKELY or
 *     above, unless another customer at PAYER_NAME_LIKELY or above is
 *     within MATCH_NAME_MARGIN points of it (ambiguous_customer).
 *  3. within that customer and currency, oldest first (due date, doc_no):
 *     one item of exactly the amount (exact_amount, 95 by account or ref1,
 *     90 by name); else the fewest, then oldest, of the MATCH_COMBO_ITEMS
 *     oldest open debit items summing exactly to it, within
 *     MATCH_COMBO_NODES search steps (combination, 90 / 85 by name); else
 *     one item, then a combination, exceeding the amount by at most
 *     charge_max (smallest shortfall first for one item), the shortfall a
 *     bank_charge row (exact_amount or combination, 90 / 85 by name);
 *     else nothing is applied (no_fit, the customer as candidate).
 *  4. no customer: nothing applied (no_customer), with candidates.
 *
 * A payment of zero or less (a debit) is never applied (reason "debit").
 * Deterministic: match_engine_ready puts the items in one order (due date,
 * doc_no, customer, currency, amount), so the results do not depend on the
 * order in which items were added.  The library never prints.
 */
#ifndef MATCH_H
#define MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/allocations.h"
#include "ar/customers.h"
#include "ar/docref.h"
#include "ar/payments.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

#define MATCH_CHARGE_MAX_DEFAULT 1500   /* 15.00 at two decimals */
#define MATCH_COMBO_ITEMS 20            /* oldest open items a combination is drawn from */
#define MATCH_COMBO_NODES 200000        /* search steps per payment and search */
#define MATCH_NAME_MARGIN 5             /* points apart two likely names must be */
#define MATCH_ALLOC_MAX (2 * DOCREF_MAX + MATCH_COMBO_ITEMS + 4)
#define MATCH_CANDIDATES_SIZE 256

struct match_opts {
	int64_t charge_max;     /* bank-charge tolerance, minor units of the payment's currency */
};
#define MATCH_OPTS_DEFAULT { MATCH_CHARGE_MAX_DEFAULT }

enum match_reason {
	MATCH_APPLIED,          /* "": the whole amount applied */
	MATCH_DEBIT,            /* "debit": amount zero or less */
	MATCH_NO_CUSTOMER,      /* "no_customer" */
	MATCH_AMBIGUOUS,        /* "ambiguous_customer" */
	MATCH_NO_FIT,           /* "no_fit": customer known, no item or sum fits */
	MATCH_REASONS
};

const char *match_reason_word(enum match_reason reason);

/*
 * What match_payment decided.  The texts of alloc[] belong to the engine
 * (customer, doc_no) and to this result (payment_id): valid until the
 * engine is freed and the result reused.  item[i] is the engine's index of
 * alloc[i]'s item (match_engine_item), SIZE_MAX for on_account.
 */
struct match_result {
	size_t n;
	struct allocation alloc[MATCH_ALLOC_MAX];
	size_t item[MATCH_ALLOC_MAX];
	int64_t remainder;              /* not applied: goes to unmatched */
	enum match_reason reason;
	uint32_t customer;              /* identified customer, UINT32_MAX when none */
	char candidates[MATCH_CANDIDATES_SIZE];   /* ';'-separated guesses, "" for none */
	char payment_id[PAYMENT_ID_MAX];
};

struct match_engine;

/*
 * An engine over customers, which must outlive it.  Their payer_account,
 * ref1, name and payer_names are indexed now: a customer interned later
 * (seen only in the items) is found by reference, never by account or
 * name.  The table gains no customers after match_engine_ready.  opts
 * NULL for the defaults.  Free with match_engine_free.  AR_ENOMEM.
 */
ar_err match_engine_new(struct match_engine **out, const struct customer_table *customers,
    const struct match_opts *opts);
void match_engine_free(struct match_engine *m);

/*
 * One open item: customer an id of the table, doc_no[0..len), its amount
 * (positive owed, negative a credit; zero is ignored).  AR_EUSAGE after
 * match_engine_ready or for an unknown customer id; AR_ENOMEM.
 */
ar_err match_engine_add_item(struct match_engine *m, uint32_t customer,
    const char *doc_no, size_t len, civil_day due_date, currency_id currency,
    int64_t amount);

/* Build the indexes; no items are added after it.  AR_ENOMEM. */
ar_err match_engine_ready(struct match_engine *m);

/*
 * Decide and apply payment p: allocations in *out, the items' open
 * amounts reduced.  AR_EUSAGE before match_engine_ready.
 */
ar_err match_payment(struct match_engine *m, const struct payment *p,
    struct match_result *out);

/* An item as it stands, by index 0..match_engine_count()-1 (the engine's order). */
struct match_item_info {
	uint32_t customer;
	const char *doc_no;     /* the engine's */
	civil_day due_date;
	currency_id currency;
	int64_t amount;         /* as added */
	int64_t open;           /* what is left */
};

size_t match_engine_count(const struct match_engine *m);
void match_engine_item(const struct match_engine *m, size_t i, struct match_item_info *out);

/*
 * The invariants: for one payment and its result, the allocations except
 * bank_charge plus the remainder equal the amount, all in its currency,
 * each with a known rule and confidence 0..100 (match_check); for the
 * engine, no item's open amount past zero or beyond what was added
 * (match_engine_check).  true when they hold.
 */
bool match_check(const struct payment *p, const struct match_result *r);
bool match_engine_check(const struct match_engine *m);

#endif
