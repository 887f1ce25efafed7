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
