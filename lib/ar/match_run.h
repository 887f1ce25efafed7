/*
 * match_run.h - one run of ar-match over a day's payments: the payments
 * held (their texts copied, each payment_id once), put in the applying
 * order (match_payment_order), taken through the engine's two phases with
 * their remittance advices, and what was decided kept until the run is
 * known to be sound; then written as the allocations, unmatched and
 * suggestions streams.  Also [match] of ar.ini read into match_opts.
 *
 *   match_opts_from_config(cfg, &opts, ...);
 *   match_run_new(&run);
 *   match_run_add(run, &payment, file, line, &e) for every payment read;
 *   match_run_apply(run, engine, advices, last_day, warn, ctx, &e);
 *   match_run_write_allocations(run, w, sw); match_run_write_unmatched(run, uw);
 *   match_run_free(run);
 *
 * Memory follows the payments of the run (a day's credits), never the
 * items.  The library never prints: warn() is called for what the caller
 * should say.
 */
#ifndef MATCH_RUN_H
#define MATCH_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/match.h"
#include "ar/payments.h"
#include "ar/remittance.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/errors.h"

/*
 * [match] of cfg into *opts (charge_max with at most 2 decimals,
 * charge_pct a per cent from 0 to 100 with at most 2, min_confidence,
 * partial, use_credits).  AR_ECONFIG with a whole message in msg.
 */
ar_err match_opts_from_config(const struct ar_config *cfg, struct match_opts *opts,
    char *msg, size_t cap);

struct match_run;

/* A run with no payments; free with match_run_free.  AR_ENOMEM. */
ar_err match_run_new(struct match_run **out);
void match_run_free(struct match_run *run);

/*
 * Hold payment p (its texts copied) read at file:line; file is copied
 * too.  A payment_id added before is AR_ESYNTAX in *e at line, naming the
 * first one's file and line: each payment is applied once.  AR_ENOMEM.
 */
ar_err match_run_add(struct match_run *run, const struct payment *p, const char *file,
    long line, struct ar_error *e);

/*
 * Said of an advice that was found for a payment but did not fit its open
 * items: the advice's first line and the payment.
 */
typedef void (*match_advice_fn)(void *ctx, long advice_line, const struct payment *p);

/*
 * Apply every payment held, in match_payment_order: a payment valued
 * after last_day (when has_last_day) is left whole, reason after_as_of;
 * then phase one (its advice from advices, which may be NULL, looked for
 * unless it is a debit), then phase two, each result checked (match_check)
 * and kept, and the engine checked at the end (match_engine_check).
 * Called once.  AR_EINVARIANT in *e when a check fails (nothing should be
 * written); an advice that does not read in its payment's currency, with
 * *e at the advice's line (the caller names the advices file); AR_ENOMEM.
 */
ar_err match_run_apply(struct match_run *run, struct match_engine *m,
    struct remittance_table *advices, civil_day last_day, bool has_last_day,
    match_advice_fn not_fitted, void *ctx, struct ar_error *e);

/* The payments held, in the applying order once applied. */
size_t match_run_count(const struct match_run *run);

/* What the run decided for payment i (0 .. match_run_count - 1). */
struct match_run_outcome {
	const struct payment *payment;
	const char *file;           /* where it was read */
	long line;
	int64_t remainder;          /* not applied: a row of the unmatched stream when not 0 or not applied */
	enum match_reason reason;
	const char *candidates;     /* "" for none */
	bool suggested;             /* its allocations are suggestions only */
};

void match_run_outcome(const struct match_run *run, size_t i, struct match_run_outcome *out);

/* The unmatched stream's columns (issue 12, man 1 ar-match). */
#define MATCH_UNMATCHED_NCOLUMNS 8
extern const char *const match_unmatched_columns[MATCH_UNMATCHED_NCOLUMNS];

/*
 * The allocations applied into w and, when sw is not NULL, the suggested
 * ones into sw, each with its header: in the applying order of their
 * payments, and within a payment in the order the engine gave them.
 */
void match_run_write_allocations(const struct match_run *run, struct csvio_writer *w,
    struct csvio_writer *sw);

/* Every payment (or remainder) not applied, with its header, in the applying order. */
void match_run_write_unmatched(const struct match_run *run, struct csvio_writer *w);

/*
 * Sums of the run for a summary: per allocation rule the rows applied,
 * and per currency their amounts; the payments read, suggested and
 * unmatched likewise.  fn is called once per line with its count and,
 * per currency (up to MATCH_RUN_CURRENCIES of them), the sum.
 */
#define MATCH_RUN_CURRENCIES 16
struct match_run_tally {
	long count;
	size_t ncur;
	currency_id cur[MATCH_RUN_CURRENCIES];
	int64_t sum[MATCH_RUN_CURRENCIES];
	bool more;      /* currencies past MATCH_RUN_CURRENCIES: counted, not summed */
};

struct match_run_summary {
	struct match_run_tally read, rule[ALLOCATION_RULES], suggested, unmatched;
};

void match_run_summarise(const struct match_run *run, struct match_run_summary *out);

#endif
