/*
 * customers.h - the customer master, keyed by customer id.
 *
 * The table interns every customer id it sees, from the customers file and
 * then from the items, so one hash lookup per item gives a dense id that
 * indexes the master data and the caller's own per-customer arrays.
 * Memory follows customers, never rows.
 */
#ifndef CUSTOMERS_H
#define CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/csvio.h"
#include "core/strtab.h"

/*
 * Master data, read when a row is written: cold.  For matching (issue 12)
 * payer_account, payer_names and ref1 are kept as written, each one or
 * more values separated by ';' ("" when the column is absent or empty).
 */
struct customer {
	char *name, *collector, *status, *company, *credit_limit;  /* "" when unknown */
	char *payer_account, *payer_names, *ref1;                  /* ';'-separated */
	/* For dunning (issue 13): how to reach the customer, and its overrides. */
	char *lang, *email, *phone, *address, *country, *status_date;
	char *dunning_block, *channel, *interest_rate;
	/* For letters (issue 14): the name in the customer's script, its registration. */
	char *name_local, *reg_no, *entity;
	/* For proofs of debt (issue 15): the form of reg_no, who administers the estate. */
	char *id_type, *liquidator, *liquidator_address;
	/*
	 * For refunds (issue 19): the account a refund is paid to, its bank's
	 * SWIFT BIC, and the account holder's name ("": the customer's name).
	 */
	char *bank_account, *bank_code, *bank_holder;
	long line;              /* its line in the customers file; 0 for one seen only in items */
};

/* What every item needs of its customer: hot, 4 bytes, kept apart. */
struct customer_hot {
	int16_t terms_days;  /* -1 when unknown */
	bool in_master;      /* read from the customers file, not just seen in items */
	bool named;          /* has a name, from the file or from an item */
};

struct customer_table {
	struct strtab *ids;
	struct customer *rec;      /* rec[id] for every id in ids */
	struct customer_hot *hot;  /* hot[id] likewise */
	size_t cap;
	size_t in_master;          /* customers read from the file */
	/*
	 * customers_share: rec[0 .. borrowed) texts are the master's, but for
	 * names set here (lent_name[id] false), so the master may change
	 * meanwhile (another thread ages into it).
	 */
	bool *lent_name;
	size_t borrowed;
};

ar_err customers_init(struct customer_table *t, size_t expected);
void customers_free(struct customer_table *t);

/*
 * Read a customers stream (customer required; name, collector, status,
 * company, credit_limit, terms_days, payer_account, payer_names, ref1,
 * lang, email, phone, address, country, status_date, dunning_block,
 * channel, interest_rate, name_local, reg_no, entity, id_type, liquidator,
 * liquidator_address, bank_account, bank_code, bank_holder used when present,
 * kept as written) from an open
 * reader.  A duplicate customer or a bad terms_days / credit_limit is an
 * error in *e.
 */
ar_err customers_load(struct customer_table *t, struct csvio_reader *r,
    struct ar_error *e);

/*
 * A table that starts as master's customers, with the same ids, their
 * records' texts borrowed (master must outlive it; once made, it does not
 * read master again, which another thread may change meanwhile, and no
 * text it lends is freed or changed: a customer named anew gets a new
 * text), for a thread that ages items apart from master's owner; room
 * made at once for `more` customers besides.  AR_ENOMEM.
 */
ar_err customers_share(struct customer_table *t, const struct customer_table *master,
    size_t more);

/* The id of a customer, added (not in master) when new; *added says which. */
ar_err customers_intern(struct customer_table *t, const char *id, size_t len,
    uint32_t *out, bool *added);

/* Name a customer that is not in the master (from the items' name column). */
ar_err customers_set_name(struct customer_table *t, uint32_t id, const char *name, size_t len);

static inline const struct customer *
customers_get(const struct customer_table *t, uint32_t id)
{
	return &t->rec[id];
}

static inline struct customer_hot
customers_hot(const struct customer_table *t, uint32_t id)
{
	return t->hot[id];
}

#endif
