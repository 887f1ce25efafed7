/*
 * ctos_update.h - ar-ctos's outputs (issue 16): the update for the CTOS
 * portal, one row per debtor's action and item,
 *
 *   action,debtor_type,name,id_new,id_old,customer,doc_no,doc_date,
 *   due_date,currency,original_amount,outstanding,days_past_due,
 *   last_payment_date,notice_date,notice_ref,listing_date,reason
 *
 * as CSV and as a workbook with one sheet per action (NEW, AMEND,
 * PART_PAID, SETTLED, DISPUTE_HOLD, WITHDRAW, each with its header even
 * when empty); and the customers not listed with their reason word,
 *
 *   customer,name,reason,outstanding,currency,oldest_due_date,
 *   days_past_due,notice_date
 *
 * CSV cells as every stream writes them (csvio.h); the ids are written as
 * given (the caller masks them).
 */
#ifndef CTOS_UPDATE_H
#define CTOS_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "ar/ctos.h"
#include "ar/ctos_state.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

struct ctos_update_row {
	enum ctos_action action;
	const char *debtor_type, *name, *id_new, *id_old, *customer, *doc_no;
	civil_day doc_date, due_date;
	currency_id currency;
	int64_t original_amount, outstanding;
	civil_day as_of;                 /* days_past_due = as_of - due_date */
	civil_day last_payment_date, notice_date;
	const char *notice_ref;
	civil_day listing_date;
	const char *reason;
};

/*
 * One debtor's action as the update shows it.  For NEW, AMEND and
 * PART_PAID: a row per item of listing, then a row at 0.00 per item of
 * was no longer listed, its reason the fate's word (paid, dispute,
 * not_overdue), the particulars the master's now.  For SETTLED,
 * DISPUTE_HOLD and WITHDRAW: a row per item of was, with was's
 * particulars (what the bureau was told, so that the portal finds the
 * listing), the outstanding still owed (0.00 when paid) and the fate's
 * word, else "paid" for SETTLED or the debtor's reason word; SETTLED
 * without a payment known is dated as_of.
 */
struct ctos_update_debtor {
	enum ctos_action action;         /* not CTOS_NONE */
	enum ctos_reason reason;
	const char *customer, *debtor_type, *name;
	const char *id_new, *id_old;     /* as written (masked or not); the state's for a removal */
	const struct ctos_state_debtor *was;     /* listed before; NULL when not */
	const enum ctos_item_fate *fate;         /* of was's items (ctos_diff) */
	const struct ctos_listed *listing;       /* this month's */
	size_t nlisting;
	civil_day notice_date;           /* when not listed before */
	const char *notice_ref;
	civil_day last_payment, as_of;
	currency_id currency;
};

/* Append d's rows at rows[*n]: room for d->nlisting + d->was->nitems more. */
void ctos_update_rows_of(const struct ctos_update_debtor *d, struct ctos_update_row *rows,
    size_t *n);

void ctos_update_write_csv(struct csvio_writer *w, const struct ctos_update_row *rows, size_t n);

/* The workbook at path, written whole or not at all; *e says why not. */
ar_err ctos_update_write_xlsx(const char *path, const struct ctos_update_row *rows, size_t n,
    struct ar_error *e);

struct ctos_not_listed_row {
	const char *customer, *name;
	enum ctos_reason reason;
	int64_t outstanding;             /* past due, undisputed, after credits */
	currency_id currency;
	civil_day oldest_due, as_of, notice_date;
};

void ctos_not_listed_write_csv(struct csvio_writer *w, const struct ctos_not_listed_row *rows,
    size_t n);

#endif
