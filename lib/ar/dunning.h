/*
 * dunning.h - the dunning policy and the decision ar-dunning makes each
 * night for every customer and currency (issue 13): the next step of the
 * policy, or the one reason there is none.
 *
 *   dunning_policy_from_config(cfg, &policy, msg, cap);
 *   dunning_new(&d, &policy, &customers, journal, as_of);
 *   dunning_add_item(d, customer, doc_no, len, due, currency, amount) per item;
 *   dunning_decide(d, i, &decision) for i < dunning_count(d), in customer order;
 *   dunning_free(d);
 *
 * The policy: [dunning] grace_days, min_days_between, interest_rate (a
 * yearly per cent), interest_basis (days of a year), fee; [dunning.N] for
 * each level N from 1: days (overdue, after grace_days, from which an item
 * is at that level), min_amount, channels ("letter", "email,sms,im"),
 * template, fee (over [dunning]'s), attach, pay_days, statutory_template,
 * statutory_min.
 *
 * The statutory notice: a level with a statutory_template sends it
 * instead of its template, by letter (and by e-mail with the letter
 * attached when the level e-mails; never by SMS or instant message), with
 * DUNNING_STATUTORY_DAYS to pay, when the row is in MYR, the customer is
 * in Malaysia (its country, else [company] country) and is a company
 * (dunning_is_company), and overdue amount + interest exceeds
 * statutory_min (default 50000.00).
 *
 * The level of an item is the highest whose days its days overdue, less
 * grace_days, reach.  A customer's next level is the highest among its
 * undisputed items, but at most one above the last level the journal
 * shows sent in that currency (letter, email or sms rows with a level, of
 * the currency or naming none: journal_dunned), and only when
 * min_days_between days have passed since it was sent (never twice on one
 * day).  Decided in this order, the first that applies:
 *
 *   status written_off                  skip   written_off
 *   status liquidation, administration,
 *     judicial_management, bankruptcy   route  insolvent (to ar-pod)
 *   status legal / agency               route  legal / agency
 *   in the journal, an open legal case
 *     (legal_stage below 97) / an
 *     agency_assign not recalled        route  legal / agency
 *   no undisputed item at a level, and
 *     every such item disputed          skip   dispute
 *   no item at a level                  skip   nothing_overdue
 *   dunning_block or a journal hold     skip   blocked
 *   an open promise, not yet due        skip   promise
 *   next level not above the last sent  skip   max_level
 *   min_days_between not passed         skip   too_recent
 *   undisputed overdue < min_amount     skip   below_minimum
 *   no contact for any channel          skip   no_contact
 *   otherwise                           send   the level, its channels
 *
 * Amounts: overdue_amount is the sum of the undisputed items past their
 * due date (credit notes netted); interest is simple daily interest on each
 * undisputed overdue debit from its due date plus grace_days to the as-of
 * date (interest.h) at the customer's interest_rate, else 5 % for a
 * Taiwan customer (its country, else [company] country; Civil Code art.
 * 203), else [dunning] interest_rate; fee is the level's.  Memory follows
 * the customers, not the items.  The library never prints.
 */
#ifndef DUNNING_H
#define DUNNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/customers.h"
#include "ar/journal.h"
#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

#define DUNNING_LEVELS_MAX 9
#define DUNNING_TEXT_MAX 64

/* Channels, as bits: im is an instant message (WhatsApp click-to-chat). */
enum { DUNNING_LETTER = 1, DUNNING_EMAIL = 2, DUNNING_SMS = 4, DUNNING_IM = 8 };
#define DUNNING_CHANNELS 4

struct dunning_level {
	int days;                       /* days overdue after grace from which an item is here */
	char min_amount[DUNNING_TEXT_MAX];  /* an amount, read in each currency; "" none */
	unsigned channels;              /* DUNNING_LETTER | ... */
	char template_name[DUNNING_TEXT_MAX];
	char fee[DUNNING_TEXT_MAX];     /* "" : [dunning] fee */
	bool attach;                    /* the e-mail carries the PDF letter */
	int pay_days;                   /* days given to pay, from the as-of date */
	/*
	 * The notice of demand of the Companies Act 2016 s466(1)(a), sent
	 * instead of template to a Malaysian company owing more than
	 * statutory_min in MYR: "" none.
	 */
	char statutory_template[DUNNING_TEXT_MAX];
	char statutory_min[DUNNING_TEXT_MAX];
};

/* Days a company has to pay a notice of demand under s466(1)(a). */
#define DUNNING_STATUTORY_DAYS 21

struct dunning_policy {
	int grace_days, min_days_between, basis;
	int64_t interest_rate;          /* millionths of a per cent a year (interest.h) */
	char fee[DUNNING_TEXT_MAX];
	char company_country[8];        /* [company] country, upper case; "" unknown */
	size_t nlevels;                 /* levels 1 .. nlevels */
	struct dunning_level level[DUNNING_LEVELS_MAX + 1];   /* [0] unused */
};

/*
 * [dunning], [dunning.1] .. [dunning.N] and [company] country into *p.
 * Levels must be numbered 1, 2, ... without a gap, their days increasing;
 * channels a ','-separated list of letter, email, sms, im.  AR_ECONFIG with a
 * whole message in msg; a file without [dunning.N] has no levels (every
 * customer is nothing_overdue).
 */
ar_err dunning_policy_from_config(const struct ar_config *cfg, struct dunning_policy *p,
    char *msg, size_t cap);

/*
 * Whether the customer is a company (for the statutory notice): its
 * entity column when set (company), else the holder its registration
 * number says under id_type (regid.h: an SSM number of a local company,
 * YYYY01nnnnnn or an old company form, or a UBN; an NRIC, passport or
 * Taiwan ID is a person, an SSM business or LLP number not a company),
 * else, when reg_no does not read, a name ending in Sdn. Bhd., Sdn Bhd,
 * Berhad or Bhd.
 */
bool dunning_is_company(const struct customer *c);

/* "letter", "email,sms" -> bits; false for another word or none. */
bool dunning_channels_parse(const char *text, unsigned *bits);

/* The bits as "letter;email;sms;im" (in that order) into buf. */
void dunning_channels_text(unsigned bits, char *buf, size_t cap);

/*
 * A customer's overrides read: interest_rate a yearly per cent, channel a
 * list of letter, email, sms.  AR_ESYNTAX in *e at the customer's line
 * (customers.h) naming the value.
 */
ar_err dunning_check_customer(const struct customer *c, struct ar_error *e);

enum dunning_action { DUNNING_SEND, DUNNING_SKIP, DUNNING_ROUTE };

enum dunning_reason {
	DUNNING_NONE,           /* "": a send */
	DUNNING_NOTHING_OVERDUE, DUNNING_BELOW_MINIMUM, DUNNING_BLOCKED, DUNNING_PROMISE,
	DUNNING_DISPUTE, DUNNING_TOO_RECENT, DUNNING_MAX_LEVEL, DUNNING_INSOLVENT,
	DUNNING_LEGAL, DUNNING_AGENCY, DUNNING_WRITTEN_OFF, DUNNING_NO_CONTACT,
	DUNNING_REASONS
};

const char *dunning_action_word(enum dunning_action a);
const char *dunning_reason_word(enum dunning_reason r);

struct dunning;

/*
 * A run at as_of over the customers (which must outlive it) and journal
 * (NULL: none; its facts must be complete: every journal_add done).
 * AR_ENOMEM.
 */
ar_err dunning_new(struct dunning **out, const struct dunning_policy *policy,
    const struct customer_table *customers, struct journal *journal, civil_day as_of);
void dunning_free(struct dunning *d);

/*
 * One open item: customer an id of the table, doc_no[0..len) (to look its
 * disputes up), the day it falls due (DATE_NONE: not overdue), amount in
 * minor units (+ owed).  disputed: the item's own dispute column is set.
 * AR_EUSAGE after the first dunning_decide; AR_ENOMEM.
 */
ar_err dunning_add_item(struct dunning *d, uint32_t customer, const char *doc_no, size_t len,
    civil_day due, currency_id currency, int64_t amount, bool disputed);

/* The decisions: one per customer and currency with items, by customer id then currency code. */
size_t dunning_count(struct dunning *d);

struct dunning_decision {
	uint32_t customer;
	currency_id currency;
	enum dunning_action action;
	enum dunning_reason reason;
	int level;                  /* to send; else the level the items reach (0: none) */
	unsigned channels;          /* of a send */
	int64_t overdue_amount, interest, fee;
	long items;                 /* undisputed items past due */
	long oldest_days;           /* days past due of the oldest of them; 0 none */
	bool broken_promise;        /* the journal's latest promise was broken */
	const char *template_name;  /* of the level sent (or its statutory notice); "" otherwise */
	bool statutory;             /* the statutory notice of the level is sent */
	bool attach;                /* the e-mail carries the letter */
	int pay_days;               /* days given to pay */
};

/*
 * Decision i (0 .. dunning_count - 1).  AR_ECONFIG in *e (line 0) when a
 * min_amount or fee of the policy does not read in the row's currency, or
 * the customer's interest_rate does not read (naming the customer).
 */
ar_err dunning_decide(struct dunning *d, size_t i, struct dunning_decision *out,
    struct ar_error *e);

/*
 * One item's line in the letter of its customer and currency, by the rules
 * of dunning_add_item: whether it is in the letter (undisputed, its own
 * dispute column or the journal, and past due: debits and credits alike, so
 * that the lines sum to overdue_amount), its days past due and its interest
 * (0 for a credit).  AR_ECONFIG when the customer's interest_rate does not
 * read.
 */
ar_err dunning_item_line(struct dunning *d, uint32_t customer, const char *doc_no, size_t len,
    civil_day due, int64_t amount, bool disputed, bool *in_letter, long *days, int64_t *interest);

#endif
