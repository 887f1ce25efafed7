/*
 * match.h - the matching engine of ar-match (issue 12): open items and the
 * customer master indexed once, then payments applied one at a time, each
 * seeing what the ones before it left open.
 *
 *   match_engine_new(&m, &customers, &opts);
 *   match_engine_add_item(m, ...) for every open item;
 *   match_engine_ready(m);
 *   match_payment_cited(m, &payment, ...) for every payment, then
 *   match_payment_customer(m, &payment, &result) for those left;
 *   match_engine_item(m, i, &info) for the items after it (--open-out);
 *   match_engine_free(m);
 *
 * Payments go through two phases, so that a payment that says what it
 * pays is never robbed by one that only fits by amount: first every
 * payment through match_payment_cited (rules 1-2), then those it left
 * through match_payment_customer (rules 3-5).  match_payment does both
 * for one payment.
 *
 *  1. remittance: the advice's lines (doc_no, amount), all of one
 *     customer's open items in the payment's currency, each at most the
 *     item's open amount: each line applied (remittance, 100); lines
 *     summing to less than the payment: the rest on_account (100); to
 *     more, by at most the tolerance: the shortfall a bank_charge row on
 *     the last line's item.  An advice that does not fit is passed over
 *     (the next rules decide).
 *  2. reference: the keys docref_extract finds in reference, ref1, ref2 and
 *     narrative; the open items with those keys in the payment's currency.
 *     - the cited items of one customer sum exactly to the amount: all of
 *       them (reference, 98); else one cited item equals it (98); several
 *       do: the oldest (85, a suggestion by default);
 *     - else, when the cited items are one customer's debits and neither
 *       the payer account, the Ref-1 nor the payer's name identifies
 *       another customer (rule 3), and their sum exceeds the amount by at
 *       most the tolerance: each in full, the shortfall a bank_charge row
 *       on the newest that can carry it (95);
 *     - else a key one digit or one swap away from a cited key
 *       (docref_near) whose item, unique, equals the amount (reference, 92):
 *       a mistyped number the amount confirms says more than a sum that
 *       does not fit;
 *     - else, under the same condition on the cited items: their sum
 *       exceeds the amount by more than the tolerance: a partial payment,
 *       oldest cited first (the last row partial, 90; a suggestion only
 *       unless partial = oldest); the amount exceeds their sum: each in
 *       full, the rest on_account (90).
 *  3. the customer: payer_account (letters and digits, upper case) of
 *     exactly one customer; else ref1 likewise; else the payer's name
 *     (payer_name_normalise, payer_name_similarity against each customer's
 *     name and payer_names): the best customer at PAYER_NAME_LIKELY or
 *     above, unless another customer at PAYER_NAME_LIKELY or above is
 *     within MATCH_NAME_MARGIN points of it (ambiguous_customer).
 *  4. within that customer and currency, oldest first (due date, doc_no):
 *     one item of exactly the amount (exact_amount, 95 by account or
 *     Ref-1, 90 by name); else the fewest, then oldest, of the
 *     MATCH_COMBO_ITEMS oldest open debit items summing exactly to it,
 *     with up to MATCH_COMBO_CREDITS of the customer's credit notes netted
 *     in when use_credits (combination, 90 / 85 by name); else one item
 *     exceeding the amount by at most the tolerance (smallest shortfall,
 *     then oldest; exact_amount, 90 / 85), then a combination doing so
 *     (combination, 80 / 75: many subsets come within a charge of a round
 *     sum, so only a suggestion by default), the shortfall a bank_charge
 *     row.
 *  5. else, partial = oldest: the oldest open debit items in full and the
 *     next in part, every row rule partial (90 / 80 by name), up to
 *     MATCH_COMBO_ITEMS items, anything past them on_account; partial =
 *     none: the whole amount on_account (90 / 80).
 *     No customer: nothing applied (no_customer), with candidates.
 *
 * The tolerance is charge_max (in hundredths of the currency's unit:
 * 15.00 is 15 yen and 15.000 dinar) and, when charge_pct is set, at most
 * that share of the payment.  A result with an allocation below
 * min_confidence, or a partial payment while partial = none, is not
 * applied: its allocations are suggestions and the whole amount is
 * unmatched (reasons low_confidence, partial).
 *
 * A payment of zero or less (a debit) is never applied (reason "debit").
 * Deterministic: match_engine_ready puts the items in one order (due date,
 * doc_no, customer, currency, amount), so the results do not depend on the
 * order in which items were added; the caller hands the payments over in
 * an order of its own choosing (ar-match: value date, payment_id).  The
 * library never prints.
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
#include "ar/remittance.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

#define MATCH_CHARGE_MAX_DEFAULT 1500   /* 15.00, in hundredths of the unit */
#define MATCH_MIN_CONFIDENCE_DEFAULT 90
#define MATCH_COMBO_ITEMS 20            /* oldest open items a combination is drawn from */
#define MATCH_COMBO_CREDITS 3           /* oldest credit notes it may net (use_credits) */
#define MATCH_COMBO_NODES 200000        /* search steps per payment and search */
#define MATCH_NAME_MARGIN 5             /* points apart two likely names must be */
#define MATCH_ALLOC_MAX (2 * DOCREF_MAX + REMITTANCE_LINES_MAX + MATCH_COMBO_ITEMS + \
	MATCH_COMBO_CREDITS + 4)
#define MATCH_CANDIDATES_SIZE 256

enum match_partial { MATCH_PARTIAL_NONE, MATCH_PARTIAL_OLDEST };

struct match_opts {
	int64_t charge_max;     /* bank-charge tolerance, hundredths of the currency's unit */
	int charge_pct;         /* and at most this share of the payment, in hundredths of a per cent; 0: no such limit */
	int min_confidence;     /* 0..100: an allocation below it is only suggested */
	enum match_partial partial;
	bool use_credits;       /* credit notes may be netted into a combination */
};
#define MATCH_OPTS_DEFAULT \
	{ MATCH_CHARGE_MAX_DEFAULT, 0, MATCH_MIN_CONFIDENCE_DEFAULT, MATCH_PARTIAL_NONE, false }

/* The words of [match] partial = ..., in enum order, NULL-terminated. */
extern const char *const match_partial_words[];

enum match_reason {
	MATCH_APPLIED,          /* "": the whole amount applied */
	MATCH_DEBIT,            /* "debit": amount zero or less */
	MATCH_NO_CUSTOMER,      /* "no_customer" */
	MATCH_AMBIGUOUS,        /* "ambiguous_customer" */
	MATCH_NO_FIT,           /* "no_fit": part of the amount fits nowhere */
	MATCH_LOW_CONFIDENCE,   /* "low_confidence": suggested, below min_confidence */
	MATCH_PARTIAL,          /* "partial": a partial payment, suggested (partial = none) */
	MATCH_AFTER_AS_OF,      /* "after_as_of": valued after the run's date (the caller's) */
	MATCH_REASONS
};

const char *match_reason_word(enum match_reason reason);

/*
 * What match_payment decided.  The texts of alloc[] belong to the engine
 * (customer, doc_no) and to this result (payment_id): valid until the
 * engine is freed and the result reused.  item[i] is the engine's index of
 * alloc[i]'s item (match_engine_item), SIZE_MAX for on_account.  When
 * applied is false, alloc[] are suggestions: nothing was applied and
 * remainder is the whole amount.
 */
struct match_result {
	size_t n;
	struct allocation alloc[MATCH_ALLOC_MAX];
	size_t item[MATCH_ALLOC_MAX];
	int64_t remainder;              /* not applied: goes to unmatched */
	bool applied;
	enum match_reason reason;       /* why remainder is left (MATCH_APPLIED: it is 0) */
	uint32_t customer;              /* identified customer, UINT32_MAX when none */
	currency_id currency;           /* the payment's */
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
 * (positive owed, negative a credit; zero is ignored, though it still
 * counts in the seq numbers of match_item_info).  AR_EUSAGE after
 * match_engine_ready or for an unknown customer id; AR_ENOMEM.
 */
ar_err match_engine_add_item(struct match_engine *m, uint32_t customer,
    const char *doc_no, size_t len, civil_day due_date, currency_id currency,
    int64_t amount);

/* Build the indexes; no items are added after it.  AR_ENOMEM. */
ar_err match_engine_ready(struct match_engine *m);

/*
 * Phase one, rules 1-2: the payment's remittance advice lines (NULL and 0
 * when it has none) and the documents its texts cite.  *decided false:
 * nothing fitted, *out is untouched in substance, and the payment goes to
 * match_payment_customer after every payment has been through here.
 * AR_EUSAGE before match_engine_ready.
 */
ar_err match_payment_cited(struct match_engine *m, const struct payment *p,
    const struct remittance_line *lines, size_t nlines, struct match_result *out,
    bool *decided);

/* Phase two, rules 3-5: always decides.  AR_EUSAGE before match_engine_ready. */
ar_err match_payment_customer(struct match_engine *m, const struct payment *p,
    struct match_result *out);

/*
 * The order ar-match applies payments in, whatever order they came in:
 * value date, then payment_id with digit runs compared as numbers
 * ("S:9" before "S:10"), then the amount.  qsort-style result.
 */
int match_payment_order(const struct payment *a, const struct payment *b);

/* Both phases for one payment, without advice. */
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
	size_t seq;             /* 0-based number of the match_engine_add_item call that added it */
};

size_t match_engine_count(const struct match_engine *m);

/*
 * For --open-out: open[seq] what is left of the item added by call seq
 * (0 .. n-1, match_item_info.seq) and changed[seq] whether any of it was
 * applied; items never added (zero amounts, seq past n) stay as the
 * caller set them.
 */
void match_engine_open_by_seq(const struct match_engine *m, int64_t *open, bool *changed,
    size_t n);
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

/*
 * Probing (match_probe.c): what the engine knows of a payment, for a tool
 * that only looks (ar-remit); nothing is applied.  After
 * match_engine_ready, else nobody and no items.
 */
#define MATCH_NOBODY UINT32_MAX

/* Who paid by the strongest sign, as rule 3 finds it. */
enum match_payer_sign {
	MATCH_PAYER_NONE,       /* no sign names one customer */
	MATCH_PAYER_ACCOUNT,    /* the payer_account of exactly one customer */
	MATCH_PAYER_REF1,       /* else the ref1 of exactly one customer */
	MATCH_PAYER_NAME,       /* else the payer's name, likely with no close rival */
	MATCH_PAYER_AMBIGUOUS   /* two likely names within MATCH_NAME_MARGIN */
};

struct match_name_guess {
	uint32_t customer;      /* MATCH_NOBODY for none */
	int score;              /* payer_name_similarity, 0..100 */
};

struct match_payer {
	enum match_payer_sign sign;
	uint32_t customer;      /* by account, Ref-1 or name; else MATCH_NOBODY */
	/* The three best names, best first (ties by id text); none by account or Ref-1. */
	struct match_name_guess names[3];
	/*
	 * The one customer whose open items in p's currency p's texts cite
	 * (rule 2's keys); MATCH_NOBODY when none or several.
	 */
	uint32_t cited;
};

/* Who paid p; m changes only in the name lookup's scratch.  Deterministic. */
void match_probe_payer(struct match_engine *m, const struct payment *p, struct match_payer *out);

/* An item of a customer as a probe sees it. */
struct match_probe_item {
	size_t item;            /* the engine's index (match_engine_item) */
	int64_t open;           /* what is left: positive owed, negative a credit, 0 settled */
	bool cited;             /* p's texts cite its document (rule 2's keys) */
};

/*
 * Every item of customer in p's currency, oldest first (due date,
 * doc_no), handed to each(arg, item) in turn, settled items and credits
 * too.
 */
void match_probe_items(const struct match_engine *m, uint32_t customer, const struct payment *p,
    void (*each)(void *arg, const struct match_probe_item *item), void *arg);

#endif
