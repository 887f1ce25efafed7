/*
 * aging_run.h - the rules of one ar-age run between its options, ar.ini
 * and its inputs, for the command to wire: how many threads read the
 * items, which rates convert, which large-past-due rule applies and the
 * minimums under it, the order in which the CSV and the workbook's
 * sheets are written; the partials' policy a --merge run takes and the
 * options that contradict it; the company and collector sums a --partial
 * run need not add item by item.
 *
 * On failure every function here fills *e whole: e->file the file the
 * message is about ("" when the message names its own, or none), e->line,
 * e->message worded as ar-age prints it.  The command prints it with
 * diag_report(NULL, e) and exits with ar_exit_code(err).  An option is
 * named as the user gave it.
 */
#ifndef AGING_RUN_H
#define AGING_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/fxrate.h"
#include "ar/customers.h"
#include "ar/journal.h"
#include "report/aging_partial.h"
#include "report/aging_report.h"
#include "report/aging_xlsx.h"

/*
 * The threads that read inputs[0..n) (none: standard input): 0 (one
 * reader) unless every input is a regular file (one table of repeats for
 * all) and no item is listed (detail: they are written in order as read);
 * jobs when given (0: the online cores), by default only when there is
 * enough to share.  At most 256.
 */
unsigned aging_run_jobs(long jobs, char *const *inputs, int n, bool detail);

/*
 * The rates to the reporting currency ([report] currency, else [company]
 * default_currency) into *rates, when the run converts (converts: the
 * workbook or [report]'s large-past-due rule; a plain aging needs no
 * rate): path (--rates, read with opts), else each [currency.X] rate of
 * cfg (dates: how rate_date reads) when [report] currency is set.  *has
 * says whether there are rates.  AR_ECONFIG, the file's errors.
 */
ar_err aging_run_rates(struct fx_rates *rates, bool *has, const struct ar_config *cfg,
    const struct date_opts *dates, bool converts, const char *path,
    const struct csvio_opts *opts, struct ar_error *e);

/* Which rows a large-past-due CSV and the workbook's Large Past Due sheet keep. */
struct aging_run_lpd {
	/*
	 * Set by the caller: [report]'s rule (lpd_min_amount, lpd_min_amount.CODE,
	 * lpd_min_days) applies (--large-past-due, or the workbook's sheet in a
	 * run without the large-past-due options); --min-past-due (NULL: not given).
	 */
	bool from_report;
	const char *min_past_due;
	/* Set by aging_run_lpd_resolve. */
	const char *min_amount;                 /* --min-past-due, else [report]'s under its rule; NULL: any */
	const char *by_currency[CURRENCY_MAX];  /* [report] lpd_min_amount.CODE under its rule, else NULL */
	bool in_reporting;                      /* min_amount is in the reporting currency */
};

/*
 * The minimums of l under cfg's [report]; has_rates: the run converts to a
 * reporting currency, in which [report] lpd_min_amount is then written.
 */
void aging_run_lpd_resolve(struct aging_run_lpd *l, const struct ar_config *cfg, bool has_rates);

/* What a report run writes, and from what. */
struct aging_run_outputs {
	struct csvio_writer *csv;        /* the aging CSV; NULL: none (--detail lists the items) */
	struct aging_csv_opts csv_opts;  /* csv_opts.past_due: the large past-due rows only */
	struct aging_xlsx *xlsx;         /* the workbook; NULL: none */
	const char *xlsx_path;
	const struct aging_run_lpd *lpd;
	size_t top;                      /* the N largest per currency; 0: all */
	const struct fx_rates *rates;    /* NULL: no reporting currency */
	const char *rates_path;          /* --rates; NULL: ar.ini's rates */
	struct journal *journal;         /* the Large Past Due sheet's facts; NULL: none */
	const char *previous_path;       /* --previous: the Movement sheet; NULL: none */
	const struct csvio_opts *previous_opts;
};

/*
 * The aging CSV and the workbook's sheets from rep, the whole aging.  The
 * workbook's Summary and Aging, and the Movement against the previous
 * aging, want every row; the large-past-due CSV and sheet the rows kept
 * under o->lpd; the cut is destructive, so the whole aging is written
 * first, then cut.  Every currency needs a rate when there are rates.
 * AR_ECURRENCY or AR_ECONFIG (no rate), AR_EUSAGE or AR_ECONFIG (a
 * minimum that does not read), AR_ERANGE (a TOTAL that does not fit),
 * the previous file's errors, the workbook's (AR_ERANGE, AR_ENOMEM,
 * else AR_EIO), AR_ENOMEM.
 */
ar_err aging_run_write(struct aging_report *rep, const struct aging_run_outputs *o,
    struct ar_error *e);

/*
 * --partial: rep (aged under p) as partial lines to fp (aging_partial_write).
 * sides_from_rows: rep->track_sides was left unset because no item can
 * have a company or collector (aging_run_untrack_sides); those sums are
 * then each currency's rows under the empty name, as aging_report_add
 * would have summed them item by item (without the disputed amounts,
 * which sides do not sum).  AR_ERANGE when one does not fit in 64 bits,
 * AR_ENOMEM; a write error is left in fp's error flag.
 */
ar_err aging_run_write_partial(FILE *fp, struct aging_report *rep,
    const struct aging_partial_policy *p, bool sides_from_rows, struct ar_error *e);

/*
 * --partial, before the first item, r the first input: when rep sums by
 * company and collector (rep->track_sides) and no item can have either
 * (r has neither column, the master neither, and same_columns: every
 * input has r's columns), unset rep->track_sides and return true: the
 * sums are then made from the rows (aging_run_write_partial's
 * sides_from_rows), at no cost per item.
 */
bool aging_run_untrack_sides(struct aging_report *rep, const struct csvio_reader *r,
    bool same_columns);

/* What a --merge run was given, to hold against the policy of its partials. */
struct aging_run_given {
	const struct aging_policy *policy;  /* the run's: [aging], the options over it */
	bool as_of, basis, credits, buckets, group_by, currency;  /* given as options */
	enum aging_group group;             /* --group-by */
	currency_id only_currency;          /* --currency */
	bool past_due;                      /* a large past due or the workbook: uses past_due_days */
	bool xlsx, totals;                  /* --xlsx, --totals */
};

/*
 * The partials' policy (m after the last input, m->begun) against what the
 * run was given: each option given must say what the partials say, and
 * past_due_days must be the run's where it uses past_due; a workbook needs
 * partials by customer, a TOTAL row partials not by currency.  AR_EUSAGE
 * with *e saying what contradicts them (without where the partials'
 * policy was read); AR_OK: the run takes m->policy whole.
 */
ar_err aging_run_check_partials(const struct aging_partial_merge *m,
    const struct aging_run_given *given, struct ar_error *e);

/*
 * --merge: the partials of files[0..n) ("-", or none at all: standard
 * input) into m, in order (aging_partial_merge_read), ended, and held
 * against given (aging_run_check_partials, the message ending in where
 * the partials' policy was read).  AR_EOPEN, a partial's error at its
 * line, AR_EUSAGE, AR_ENOMEM.  The caller frees m.
 */
ar_err aging_run_merge(struct aging_partial_merge *m, char *const *files, int n,
    const struct aging_run_given *given, struct ar_error *e);

/* Repeats a run names one by one; past them, it only counts them. */
#define AGING_RUN_REPEATS_SAID 10

/* What the collections lead must know about how the figures were made. */
#define AGING_RUN_NOTES 6
#define AGING_RUN_NOTE_MAX (PATH_MAX + 256)

/*
 * rep's notes into notes[0..returned), each a message: items aged from
 * doc_date + terms, credits from doc_date, items of customers not in the
 * master (customers_path; NULL: none given), items whose currency was
 * default_currency, repeats (the first AGING_RUN_REPEATS_SAID named), the
 * bad rows skipped (skipped).
 */
size_t aging_run_notes(const struct aging_report *rep, const char *customers_path,
    currency_id default_currency, unsigned long skipped,
    char notes[AGING_RUN_NOTES][AGING_RUN_NOTE_MAX]);

#endif
