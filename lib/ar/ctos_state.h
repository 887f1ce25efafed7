/*
 * ctos_state.h - what is listed with the credit bureau now (ar-ctos
 * --state): one row per debtor and item, written by ar-ctos --commit and
 * read back the next month.
 *
 *   customer,debtor_type,name,id_new,id_old,doc_no,doc_date,due_date,
 *   currency,original_amount,outstanding,listing_date,notice_date,notice_ref
 *
 * The debtor's columns (debtor_type to id_old, notice_date, notice_ref)
 * are what the bureau was told when it was listed, repeated on each of its
 * rows; the portal needs them to amend or remove the listing even when the
 * master has changed since.  Dates YYYY-MM-DD, amounts with a point and
 * no grouping, both amounts above zero, one row per (customer, doc_no).
 * A file that does not exist is an empty state (the first month).
 */
#ifndef CTOS_STATE_H
#define CTOS_STATE_H

#include <stddef.h>

#include "ar/ctos.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/errors.h"

/* One debtor listed: its texts and items are the state's (or, to write, the caller's). */
struct ctos_state_debtor {
	const char *customer, *debtor_type, *name, *id_new, *id_old, *notice_ref;
	civil_day notice_date;
	struct ctos_listed *items;
	size_t nitems;
	long line;                   /* its first row in the file; 0 when not read */
};

struct ctos_state;

/* An empty state of listings in currency; NULL when out of memory.  Free with ctos_state_free. */
struct ctos_state *ctos_state_new(currency_id currency);
void ctos_state_free(struct ctos_state *s);

/*
 * Read a state stream into s.  A missing column, a bad date or amount, a
 * currency other than the state's, an item twice, or a debtor whose
 * columns differ from one row to the next is an error in *e at its line;
 * the reader's own errors are copied into *e.  AR_ENOMEM.
 */
ar_err ctos_state_load(struct ctos_state *s, struct csvio_reader *r, struct ar_error *e);

/* The debtors, in the order the file first names them. */
size_t ctos_state_count(const struct ctos_state *s);
const struct ctos_state_debtor *ctos_state_debtor(const struct ctos_state *s, size_t i);

/* A debtor by customer id, NULL when not listed. */
const struct ctos_state_debtor *ctos_state_find(const struct ctos_state *s, const char *customer,
    size_t len);

/* The header; then each debtor's rows (items in their order), amounts in currency. */
void ctos_state_write_header(struct csvio_writer *w);
void ctos_state_write_debtor(struct csvio_writer *w, const struct ctos_state_debtor *d,
    currency_id currency);

#endif
