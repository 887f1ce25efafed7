/*
 * pod_input.h - what ar-pod reads besides the items stream's own columns
 * (issue 15): an item's doc_type and security, a debtor's proceeding and
 * cut-off, the rows of a set-off file.
 *
 * Set-off file (--set-off): customer,currency,date,amount,description, one
 * row per amount the company owes the debtor (a rebate, a deposit held);
 * amount > 0 in the currency's minor units, currency empty = the default.
 */
#ifndef POD_INPUT_H
#define POD_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/pod_case.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"

/* Whether status is a proceeding a proof of debt is filed in: liquidation,
 * administration, judicial_management, bankruptcy (exactly, lower case). */
bool pod_proceeding(const char *status);

/*
 * The cut-off of a customer: its status_date read with dates (the
 * winding-up order, the appointment, the bankruptcy order).  AR_ESYNTAX
 * (or the date's error) with *e at the customer's line: "customer \"C1\"
 * has no status_date, the cut-off of its proof of debt (or give --cut-off)".
 */
ar_err pod_cut_off(const struct customer *c, const char *id, const struct date_opts *dates,
    civil_day *out, struct ar_error *e);

/*
 * The columns ar-pod needs beyond items_bind(need_doc_date): doc_no and
 * doc_type required, security optional.  AR_ECOLUMN with *missing.
 */
struct pod_item_columns {
	struct item_columns items;
	int security;               /* -1 when absent */
};
ar_err pod_items_bind(const struct csvio_reader *r, struct pod_item_columns *c,
    const char **missing);

/*
 * The rest of an item already parsed (items_parse) into *in: its doc_no
 * (pointing into rec), doc_type, security and due (it->due_date, else
 * the given due from terms: the caller's aging_item_date).  A doc_date is
 * required.  AR_ESYNTAX with *e at rec's line naming the cell.
 */
ar_err pod_item_from(const struct csvio_record *rec, const struct pod_item_columns *c,
    const struct item *it, civil_day due, struct pod_item_in *in, struct ar_error *e);

struct pod_set_off_columns {
	int customer, currency, date, amount, description;
};
ar_err pod_set_off_bind(const struct csvio_reader *r, struct pod_set_off_columns *c,
    const char **missing);

/*
 * One set-off row: its customer (pointing into rec) and *in.  AR_ESYNTAX,
 * AR_ERANGE, AR_EDECIMALS, AR_ECURRENCY with *e at rec's line.
 */
ar_err pod_set_off_parse(const struct csvio_record *rec, const struct pod_set_off_columns *c,
    const struct item_format *fmt, const char **customer, size_t *customer_len,
    struct pod_set_off_in *in, struct ar_error *e);

#endif
