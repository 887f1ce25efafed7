/*
 * pod.h - the claim of a proof of debt (issue 15): what a creditor may
 * prove against a customer wound up, in administration or bankrupt, at
 * the cut-off date (the winding-up order, the appointment, the bankruptcy
 * order), per customer and currency, exact in integers.
 *
 *   pod_policy_from_config(cfg, &policy, msg, cap);
 *   pod_rate(&policy, customer, &rate, e);
 *   pod_claim_init(&c, cut_off, rate);
 *   pod_claim_add_item(&c, &item, &line) for each item;
 *   pod_claim_add_set_off(&c, date, amount, &counted) for each set-off row;
 *   pod_claim_finish(&c);
 *
 * The rules:
 *   - items dated (doc_date) on or before the cut-off are netted:
 *     principal = the sum of their amounts (credit notes and unapplied
 *     payments negative);
 *   - interest per positive INV or DN = amount x rate / 100 x days / 365,
 *     days = cut-off - due date (none when not due by the cut-off),
 *     rounded half up once per item (interest.h); INT and FEE items are
 *     principal without interest, as is ADJ (an adjustment, by its
 *     sign); credits earn none;
 *   - after the cut-off: INV, DN, CN, INT, FEE and ADJ sum into post_items,
 *     PAY (dividends, a guarantor's payment) into post_receipts as the
 *     amount received (positive); neither is netted;
 *   - set-off (what the company owes the debtor) counts when dated on or
 *     before the cut-off;
 *   - net_claim = principal + interest - set_off, never below zero (a net
 *     credit is owed_to_debtor, not claimed);
 *   - parts: a positive item's amount and its interest go to its part
 *     (secured, preferential, else unsecured); credits, then set-off,
 *     reduce the unsecured part first, then the preferential, then the
 *     secured; no part below zero, and their sum is net_claim.
 */
#ifndef POD_H
#define POD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/customers.h"
#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"

/* [pod]: rates in millionths of a per cent a year (interest.h). */
struct pod_policy {
	int64_t interest_rate;      /* [pod] interest_rate, default 0 */
	int64_t cap_bankruptcy;     /* [pod] cap_bankruptcy, default 6 % */
	int64_t cap_company;        /* [pod] cap_company; < 0: none (the default) */
};

/* [pod] of cfg into *p; AR_ECONFIG with a whole message in msg for a rate that does not read. */
ar_err pod_policy_from_config(const struct ar_config *cfg, struct pod_policy *p, char *msg,
    size_t cap);

/*
 * The rate a customer's claim earns: its interest_rate column (a yearly
 * per cent; "0" none, empty the policy's), capped at cap_bankruptcy when
 * its status is bankruptcy, else at cap_company when there is one.
 * AR_ESYNTAX in *e at the customer's line when its interest_rate does not
 * read.
 */
ar_err pod_rate(const struct pod_policy *p, const struct customer *c, int64_t *rate,
    struct ar_error *e);

/* ADJ: an adjustment, netted as principal by its sign, without interest. */
enum pod_doc_type { POD_INV, POD_DN, POD_CN, POD_PAY, POD_INT, POD_FEE, POD_ADJ };
enum pod_part { POD_UNSECURED, POD_PREFERENTIAL, POD_SECURED, POD_PARTS };

/* "INV", "DN", "CN", "PAY", "INT", "FEE", "ADJ" (any case); false for another word. */
bool pod_doc_type_parse(const char *text, size_t len, enum pod_doc_type *out);

/* "" (unsecured), "secured", "preferential" (any case); false for another word. */
bool pod_part_parse(const char *text, size_t len, enum pod_part *out);

const char *pod_doc_type_word(enum pod_doc_type t);
const char *pod_part_word(enum pod_part p);     /* "unsecured", "preferential", "secured" */

struct pod_item {
	enum pod_doc_type type;
	civil_day doc_date;         /* required */
	civil_day due;              /* DATE_NONE: not due (no interest) */
	int64_t amount;             /* minor units, credits negative */
	enum pod_part part;
};

/* What became of one item: its line of the statement. */
struct pod_line {
	bool claimed;               /* dated on or before the cut-off */
	long interest_days;
	int64_t interest;
};

struct pod_claim {
	civil_day cut_off;
	int64_t rate;
	int64_t principal, interest, set_off, net_claim, owed_to_debtor;
	int64_t part[POD_PARTS];    /* after pod_claim_finish */
	int64_t post_items, post_receipts;
	long items;                 /* items netted, every type */
	/* the parts before credits and set-off, and the credits */
	int64_t gross[POD_PARTS], credits;
};

void pod_claim_init(struct pod_claim *c, civil_day cut_off, int64_t rate);

/* One item; *line (may be NULL) its fate.  AR_ERANGE when a sum overflows 64 bits. */
ar_err pod_claim_add_item(struct pod_claim *c, const struct pod_item *it, struct pod_line *line);

/* One set-off row (amount the company owes the debtor, > 0); *counted: on or before the cut-off. */
ar_err pod_claim_add_set_off(struct pod_claim *c, civil_day date, int64_t amount, bool *counted);

/* net_claim, owed_to_debtor and the parts.  AR_ERANGE on overflow. */
ar_err pod_claim_finish(struct pod_claim *c);

#endif
