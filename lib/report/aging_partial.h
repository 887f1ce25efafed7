/*
 * aging_partial.h - the partials stream of ar-age --partial and --merge:
 * an aging cut into lines that any number of runs write over parts of the
 * items, and one run merges, in any order, into the aging of all of them
 * (Hadoop streaming, Spark's pipe; man 1 ar-age, PARTIALS).
 *
 * One line per (key, kind, currency), tab-separated, ending in LF, no
 * header: field 1 the key (customer, collector, company, "" by currency or
 * for counts), field 2 the kind, field 3 the policy ("v1;as_of=...", the
 * same on every line of every input), then the kind's fields:
 *
 *   row, company, collector: currency, decimals, name, one sum per bucket
 *     column, total, past_due, disputed, items, oldest_days, oldest_doc
 *   counts: rows, from_terms, credits_from_doc, currency_defaulted,
 *     duplicates, skipped, skipped_unread
 *   skipped_amount: currency, decimals, amount
 *
 * Amounts are integer minor units; key, name and oldest_doc have \\, \t,
 * \n and \r escaped, so a line holds no raw tab, CR or LF but its own.
 */
#ifndef AGING_PARTIAL_H
#define AGING_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"
#include "report/aging_report.h"

/* What a partial was made under; a merge takes it whole from its inputs. */
struct aging_partial_policy {
	struct aging_policy aging;   /* as_of, basis, credits, buckets, past_due_days, default_terms_days */
	enum aging_group group_by;
	currency_id default_currency;  /* [company] default_currency; -1: none */
	currency_id only_currency;     /* --currency; -1: every currency */
};

/* "v1;as_of=2026-11-24;basis=due;...": AGING_PARTIAL_POLICY_MAX bytes hold any. */
#define AGING_PARTIAL_POLICY_MAX 320
size_t aging_partial_policy_text(const struct aging_partial_policy *p, char *buf);

/*
 * text[0..len) as written by aging_partial_policy_text, into *p.
 * AR_ESYNTAX with why[0..cap) saying what is wrong (another version, a
 * missing or unknown word, a bad value); AR_ECURRENCY for a currency code
 * this process does not know.
 */
ar_err aging_partial_policy_parse(const char *text, size_t len,
    struct aging_partial_policy *p, char *why, size_t cap);

/*
 * rep (aged under p) as partial lines to fp: its counts, skipped amounts,
 * rows sorted by key then currency, and with rep->track_sides its company
 * and collector sums.  Sorts rep's tables.  AR_ENOMEM; a write error is
 * left in fp's error flag.
 */
ar_err aging_partial_write(FILE *fp, struct aging_report *rep,
    const struct aging_partial_policy *p);

/*
 * The merge of partial streams into one aging.  Set rep, an initialised
 * and empty aging_report whose customers table is the master (loaded or
 * empty), and the optional name_conflict; then read each input with
 * aging_partial_merge_read, and end with aging_partial_merge_end.
 */
struct aging_partial_merge {
	struct aging_report *rep;
	/*
	 * A customer named differently by two partials (not by the master):
	 * the merge keeps the least name in byte order, as no line says which
	 * item came first; called at the line of the second, with both names.
	 */
	void (*name_conflict)(void *ctx, const char *input, long line, const char *customer,
	    const char *kept, const char *other);
	void *ctx;
	/* Read so far. */
	bool begun;                       /* a line was read: rep made afresh under policy */
	struct aging_partial_policy policy;
	char policy_text[AGING_PARTIAL_POLICY_MAX];
	size_t policy_len;
	char *first_input;                /* where policy was first read, owned */
	long first_line;
	unsigned char *named;             /* [customer id]: named by a partial */
	size_t named_cap;
	char *line;                       /* the line being read, owned */
	size_t line_cap;
};

/*
 * Every line of fp (named name in messages) into m->rep.  At the first
 * line of all, rep is freed and made afresh under that line's policy,
 * keeping its customers, track_oldest and track_sides.  On failure *e
 * says why at a line of name (AR_ESYNTAX for a malformed line or another
 * policy, AR_ECURRENCY, AR_EUTF8, AR_ENUL, AR_ERANGE for a sum that does
 * not fit in 64 bits, AR_EIO with errno), or AR_ENOMEM.
 */
ar_err aging_partial_merge_read(struct aging_partial_merge *m, FILE *fp, const char *name,
    struct ar_error *e);

/*
 * After the last input: the items of customers not in the master
 * (rep->not_in_master), which by customer the rows tell exactly.
 */
void aging_partial_merge_end(struct aging_partial_merge *m);

void aging_partial_merge_free(struct aging_partial_merge *m);

#endif
