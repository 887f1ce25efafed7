/*
 * ar-age - age open items: one row per customer (or collector, company,
 * currency) and currency, amounts by bucket of days overdue.
 *
 * Reads the items stream (man 7 artools) from files or standard input; the
 * rules (which date an item is aged from, buckets, sums) live in
 * lib/ar/aging.c, the run over the items and the reports in lib/report/;
 * this file is options and wiring.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/config.h"
#include "core/csvio.h"
#include "core/outfile.h"
#include "ar/customers.h"
#include "ar/item_keys.h"
#include "ar/journal.h"
#include "report/aging_detail.h"
#include "report/aging_parallel.h"
#include "report/aging_partial.h"
#include "report/aging_report.h"
#include "report/aging_run.h"
#include "report/aging_xlsx.h"
#include "core/fxrate.h"
#include "cli/cli.h"
#include "cli/diag.h"

enum {
	OPT_BASIS = CLI_OPT_FIRST_OWN,
	OPT_BUCKETS,
	OPT_CREDITS,
	OPT_CUSTOMERS,
	OPT_DETAIL,
	OPT_GROUP_BY,
	OPT_MIN_PAST_DUE,
	OPT_MIN_DAYS,
	OPT_TOP,
	OPT_LARGE_PAST_DUE,
	OPT_CURRENCY,
	OPT_TOTALS,
	OPT_XLSX,
	OPT_JOURNAL,
	OPT_RATES,
	OPT_PREVIOUS,
	OPT_JOBS,
	OPT_COLUMNS,
	OPT_PARTIAL,
	OPT_MERGE
};

static const struct cli_option options[] = {
	CLI_GROUP("Aging:"),
	{ "basis", 0, "due|doc", OPT_BASIS,
	  "age from the due date (default) or the document date" },
	{ "buckets", 0, "LIST", OPT_BUCKETS,
	  "upper bounds of the buckets in days (default 30,60,90,120)" },
	{ "credits", 0, "own-date|current", OPT_CREDITS,
	  "\nage credit notes and payments by their own date\n(default) or put them in current" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "customer master: names, terms_days for items without a\n"
	  "due date, collector, status, credit_limit columns" },
	{ "currency", 0, "CODE", OPT_CURRENCY, "only items in this currency" },
	{ "jobs", 0, "N", OPT_JOBS,
	  "read a file with N threads (default: the online cores;\n"
	  "1: one); standard input and --detail read with one" },
	{ "columns", 0, "NAMES", OPT_COLUMNS,
	  "the items have no header row: their columns are NAMES,\n"
	  "a header line's text (a record equal to it is skipped)" },
	CLI_GROUP("Output:"),
	{ "detail", 0, NULL, OPT_DETAIL,
	  "one row per item, input columns + days_overdue, bucket" },
	{ "group-by", 0, "customer|collector|company|currency", OPT_GROUP_BY,
	  "\nwhat one row sums (default customer)" },
	{ "totals", 0, NULL, OPT_TOTALS, "add a TOTAL row per currency" },
	{ "xlsx", 0, "FILE", OPT_XLSX,
	  "also write the aging workbook FILE: Summary, Aging,\n"
	  "Large Past Due, Movement (--previous), Detail (--detail)" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "collection facts for the Large Past Due sheet (with --xlsx)" },
	{ "rates", 0, "FILE", OPT_RATES,
	  "exchange rates (currency,rate,as_of) to [report] currency\n"
	  "(else [company] default_currency): group totals in it" },
	{ "previous", 0, "FILE", OPT_PREVIOUS,
	  "a previous run's aging CSV: the Movement sheet (with --xlsx)" },
	CLI_GROUP("Large past due (adds a past_due column, largest first within a currency):"),
	{ "large-past-due", 0, NULL, OPT_LARGE_PAST_DUE,
	  "the Large Past Due sheet's rows: [report]\n"
	  "lpd_min_amount (and .CODE), lpd_min_days;\nthe options below override them" },
	{ "min-past-due", 0, "AMOUNT", OPT_MIN_PAST_DUE,
	  "keep rows whose past-due amount reaches AMOUNT" },
	{ "min-days", 0, "N", OPT_MIN_DAYS,
	  "past due means more than N days overdue (default 0)" },
	{ "top", 0, "N", OPT_TOP, "keep the N largest per currency" },
	CLI_GROUP("Past one machine (PARTIALS in ar-age(1): Hadoop streaming, Spark):"),
	{ "partial", 0, NULL, OPT_PARTIAL,
	  "write the partials of the items instead of the report" },
	{ "merge", 0, NULL, OPT_MERGE,
	  "read partials (FILE ...; any number, any order) and\n"
	  "write the report of all their items, as one run would" },
	CLI_END
};

static const struct cli_command command = {
	"ar-age", "[options] [FILE ...]",
	"Age the open items in FILE (the items stream; standard input when none or -)\n"
	"and write one row per customer and currency: current, one column per bucket\n"
	"of days overdue, total, items, oldest_days.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT | CLI_SKIP_BAD,
	NULL, NULL, NULL, NULL
};

struct age_opts {
	struct cli_common common;
	const char *basis, *buckets, *credits;   /* NULL: from ar.ini */
	const char *customers_path;
	bool detail, totals;
	enum aging_group group_by;
	const char *min_past_due;                /* NULL: not a large-past-due run */
	long min_days, top;
	bool min_days_given;
	bool large_past_due;                     /* a large-past-due CSV */
	bool lpd_from_report;                    /* --large-past-due: [report]'s rule */
	const char *currency;
	const char *xlsx_path, *journal_path;
	const char *rates_path, *previous_path;
	long jobs;                               /* 0: the online cores */
	const char *columns;                     /* the items' column names: no header row */
	bool partial, merge;                     /* --partial, --merge */
	bool group_by_given;                     /* --merge: else the partials' */
};

/* Everything one run holds; memory follows customers, not rows. */
struct age_run {
	struct age_opts o;
	struct cli_context ctx;
	struct aging_policy policy;
	struct customer_table customers;
	struct aging_report report;
	struct aging_feed feed;
	struct aging_parallel *parallel;  /* --jobs over regular files; NULL: one reader */
	struct aging_detail detail;   /* with --detail */
	struct outfile out;
	struct csvio_writer w;
	unsigned long skipped;
	bool duplicates_stop;         /* [aging] duplicates = error */
	struct aging_xlsx *xlsx;      /* NULL without --xlsx */
	struct journal *journal;      /* NULL without --journal */
	struct fx_rates rates;        /* with has_rates */
	bool has_rates;               /* --rates, or [report] currency */
	enum report_lang lang;        /* [report] lang */
	struct aging_run_lpd lpd;     /* the large-past-due rule */
	bool sides_checked;           /* --partial: aging_run_untrack_sides asked */
	bool sides_from_rows;         /* --partial: no item has a company or collector */
	const char *const *sources;   /* the item files named, for the workbook */
	size_t nsources;
};

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const groups[] = { "customer", "collector", "company", "currency", NULL };
	static const enum aging_group group_of[] = {
		AGING_GROUP_CUSTOMER, AGING_GROUP_COLLECTOR, AGING_GROUP_COMPANY, AGING_GROUP_CURRENCY
	};
	struct age_opts *o = ctx;

	switch (id) {
	case OPT_BASIS:     o->basis = arg; break;
	case OPT_BUCKETS:   o->buckets = arg; break;
	case OPT_CREDITS:   o->credits = arg; break;
	case OPT_CUSTOMERS: o->customers_path = arg; break;
	case OPT_DETAIL:    o->detail = true; break;
	case OPT_TOTALS:    o->totals = true; break;
	case OPT_CURRENCY:  o->currency = arg; break;
	case OPT_XLSX:      o->xlsx_path = arg; break;
	case OPT_JOURNAL:   o->journal_path = arg; break;
	case OPT_RATES:     o->rates_path = arg; break;
	case OPT_PREVIOUS:  o->previous_path = arg; break;
	case OPT_JOBS:      o->jobs = cli_parse_count("--jobs", arg, 256); break;
	case OPT_COLUMNS:   o->columns = arg; break;
	case OPT_PARTIAL:   o->partial = true; break;
	case OPT_MERGE:     o->merge = true; break;
	case OPT_GROUP_BY:
		o->group_by = group_of[cli_parse_word("--group-by", arg, groups)];
		o->group_by_given = true;
		break;
	case OPT_LARGE_PAST_DUE:
		o->large_past_due = o->lpd_from_report = true;
		break;
	case OPT_MIN_PAST_DUE:
		o->min_past_due = arg;
		o->large_past_due = true;
		break;
	case OPT_MIN_DAYS:
		o->min_days = cli_parse_count("--min-days", arg, AGING_MAX_DAYS);
		o->min_days_given = true;
		o->large_past_due = true;
		break;
	case OPT_TOP:
		/* "--top 0" read as "no limit" once printed every row: none is an error. */
		if ((o->top = cli_parse_count("--top", arg, LONG_MAX)) == 0)
			cli_usage_error("%s", "--top 0 keeps no row: give 1 or more (leave --top out for every row)");
		o->large_past_due = true;
		break;
	}
}

/* What --partial leaves to the --merge run: the options only a report has. */
static const char *
report_only_option(const struct age_opts *o)
{
	return o->xlsx_path ? "--xlsx" : o->journal_path ? "--journal" :
	    o->previous_path ? "--previous" : o->rates_path ? "--rates" : o->totals ? "--totals" :
	    o->lpd_from_report ? "--large-past-due" : o->min_past_due ? "--min-past-due" :
	    o->top ? "--top" : NULL;
}

/* The options, and the combinations that make no sense. */
static int
parse_options(int argc, char *argv[], struct age_opts *o)
{
	int first = cli_parse(&command, argc, argv, &o->common, on_option, o);

	if (o->partial && o->merge)
		cli_usage_error("%s", "--partial writes partials, --merge reads them: one run does one");
	if (o->detail && (o->partial || o->merge))
		cli_usage_error("%s", "--detail lists the items: partials hold their sums only, it does not combine with --partial or --merge");
	if (o->merge && o->columns)
		cli_usage_error("%s", "--columns names the items' columns: --merge reads partials");
	if (o->partial && report_only_option(o))
		cli_usage_error("%s makes the report: give it to the --merge run, not to --partial",
		    report_only_option(o));
	if (o->detail && (o->large_past_due || o->totals || o->group_by != AGING_GROUP_CUSTOMER))
		cli_usage_error("%s", "--detail lists items: it does not combine with --group-by, --totals or the large-past-due options");
	/* Each row is a currency's total already: a TOTAL row would repeat it, unlabelled. */
	if (o->totals && o->group_by == AGING_GROUP_CURRENCY)
		cli_usage_error("%s", "--totals adds nothing to --group-by currency: each row is already the total of its currency");
	if (o->xlsx_path && o->group_by != AGING_GROUP_CUSTOMER)
		cli_usage_error("%s", "--xlsx writes the aging by customer: it does not combine with --group-by");
	if (o->journal_path && !o->xlsx_path)
		cli_usage_error("%s", "--journal feeds the Large Past Due sheet: it needs --xlsx");
	if (o->rates_path && !o->xlsx_path && !o->lpd_from_report)
		cli_usage_error("%s", "--rates converts for the workbook and --large-past-due: it needs --xlsx or --large-past-due");
	if (o->previous_path && !o->xlsx_path)
		cli_usage_error("%s", "--previous feeds the Movement sheet: it needs --xlsx");
	return first;
}

/* The policy: ar.ini's [aging], then the options over it. */
static void
resolve_policy(struct age_run *run)
{
	/* In the order of enum aging_basis and enum aging_credits. */
	static const char *const bases[] = { "due", "doc", NULL };
	static const char *const credits_words[] = { "own-date", "current", NULL };
	const struct ar_config *cfg = run->ctx.config;
	struct aging_policy *p = &run->policy;
	const char *basis = run->o.basis ? run->o.basis : config_get_string(cfg, "aging:basis");
	const char *credits = run->o.credits ? run->o.credits : config_get_string(cfg, "aging:credits");
	const char *buckets = run->o.buckets ? run->o.buckets : config_get_string(cfg, "aging:buckets");

	p->as_of = run->ctx.as_of;
	p->basis = (enum aging_basis)cli_parse_word("--basis", basis, bases);
	p->credits = (enum aging_credits)cli_parse_word("--credits", credits, credits_words);
	if (aging_buckets_parse(buckets, &p->buckets) != AR_OK)
		cli_usage_error("--buckets \"%s\" is not 1 to %d increasing numbers of days, e.g. 30,60,90,120",
		    buckets, AGING_MAX_BUCKETS);
	p->default_terms_days = (int)config_get_long(cfg, "aging:default_terms_days");
	p->past_due_days = (int)run->o.min_days;
	/* [report]'s rule: --large-past-due, or the workbook's sheet in a run without the options. */
	run->lpd.from_report = run->o.lpd_from_report || (run->o.xlsx_path && !run->o.large_past_due);
	run->lpd.min_past_due = run->o.min_past_due;
	if (!run->o.min_days_given && run->lpd.from_report)
		p->past_due_days = (int)config_get_long(cfg, "report:lpd_min_days");
}

/* Stop: nothing is left behind. */
static _Noreturn void
fail(struct age_run *run, int status)
{
	aging_xlsx_abort(run->xlsx);
	run->xlsx = NULL;
	outfile_abort(&run->out);
	exit(status);
}

/* The workbook could not be written: say why. */
static _Noreturn void
fail_xlsx(struct age_run *run, ar_err err)
{
	diag_error("%s: %s", run->o.xlsx_path, aging_xlsx_error(run->xlsx)->message);
	fail(run, err == AR_ERANGE ? EX_DATAERR : err == AR_ENOMEM ? EX_OSERR : EX_IOERR);
}

/* A library call on input r stopped with err, e saying why (unless the workbook failed). */
static _Noreturn void
fail_input(struct age_run *run, struct csvio_reader *r, ar_err err, const struct ar_error *e)
{
	if (run->xlsx != NULL && aging_xlsx_failed(run->xlsx)) {
		csvio_reader_close(r);
		fail_xlsx(run, err);
	}
	fail(run, cli_input_failed(r, err, e));
}

static _Noreturn void
out_of_memory(struct age_run *run)
{
	diag_error("out of memory");
	fail(run, EX_OSERR);
}

/* A call of aging_run.h stopped with err, e saying all. */
static _Noreturn void
fail_run(struct age_run *run, ar_err err, const struct ar_error *e)
{
	diag_report(NULL, e);
	fail(run, ar_exit_code(err));
}

/*
 * A CSV by its path (NULL: standard input), or say why not and stop;
 * columns: its column names when it has no header row (NULL: it has).
 */
static struct csvio_reader *
open_csv(struct age_run *run, const char *path, const char *columns)
{
	struct csvio_opts copts = { .delimiter = run->ctx.delimiter, .columns = columns };
	struct csvio_reader *r;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail(run, cli_reader_failed(r, err, path ? path : "<stdin>"));
	return r;
}

/* A bad row with --skip-bad: say so and go on. */
static enum row_action
skip_row(void *ctx, const char *input, long line, const char *what)
{
	struct age_run *run = ctx;

	diag_at(input, line, "%s; row skipped", what);
	run->skipped++;
	return ROW_SKIP;
}

static enum row_action
repeated_item(void *ctx, const char *input, long line, const char *first_input, long first_line)
{
	struct age_run *run = ctx;

	if (run->duplicates_stop)
		return ROW_STOP;
	/* One by one up to so many: a file given twice repeats them all. */
	if (run->report.duplicates <= AGING_RUN_REPEATS_SAID)
		diag_at(input, line, "the same item as %s:%ld (customer, company, doc_no, doc_type); "
		    "both aged", first_input, first_line);
	return ROW_SKIP;
}

static void
progress(void *ctx, unsigned long rows)
{
	(void)ctx;
	diag_progress(rows);
}

static void
load_customers(struct age_run *run)
{
	struct csvio_reader *r = open_csv(run, run->o.customers_path, NULL);
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = customers_load(&run->customers, r, &e)) != AR_OK)
		fail_input(run, r, err, &e);
	csvio_reader_close(r);
}

static void
load_journal(struct age_run *run)
{
	struct item_format journal_format = run->ctx.format;
	struct ar_error e = { 0 };
	struct csvio_reader *r;
	ar_err err;

	/* Our tools write the journal, with a point for decimals, whatever [input] says. */
	journal_format.decimal = MONEY_DECIMAL_POINT;

	if (journal_new(&run->journal, run->policy.as_of,
	    config_get_currency(run->ctx.config, "company:default_currency")) != AR_OK)
		out_of_memory(run);
	r = open_csv(run, run->o.journal_path, NULL);
	if ((err = journal_load(run->journal, r, &journal_format,
	    run->o.common.skip_bad ? skip_row : NULL, run, &e)) != AR_OK)
		fail_input(run, r, err, &e);
	csvio_reader_close(r);
}

/* The rates to the reporting currency: --rates, else ar.ini's (aging_run_rates). */
static void
load_rates(struct age_run *run)
{
	struct csvio_opts copts = { .delimiter = run->ctx.delimiter };
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = aging_run_rates(&run->rates, &run->has_rates, run->ctx.config,
	    &run->ctx.format.dates, run->o.xlsx_path || run->o.lpd_from_report,
	    run->o.rates_path, &copts, &e)) != AR_OK)
		fail_run(run, err, &e);
}

/* How the items are taken: --currency, --skip-bad, progress (--detail once the outputs are open). */
static void
resolve_feed(struct age_run *run)
{
	/* In the order of [aging] duplicates' words (checked when ar.ini was read). */
	static const char *const duplicates_words[] = { "warn", "error", "allow", NULL };
	struct aging_feed *f = &run->feed;
	int duplicates;

	f->format = &run->ctx.format;
	f->only_currency = -1;
	if (run->o.currency && currency_lookup(run->o.currency, strlen(run->o.currency),
	    &f->only_currency) != AR_OK)
		cli_usage_error("--currency \"%s\" is not a known currency code", run->o.currency);
	f->bad_row = run->o.common.skip_bad ? skip_row : NULL;
	duplicates = cli_parse_word("[aging] duplicates",
	    config_get_string(run->ctx.config, "aging:duplicates"), duplicates_words);
	run->duplicates_stop = duplicates == 1;
	if (duplicates != 2) {
		if ((f->keys = item_keys_new()) == NULL)
			out_of_memory(run);
		f->duplicate = repeated_item;
	}
	f->progress = progress;
	f->ctx = run;
}

static void
age_file(struct age_run *run, const char *path)
{
	/* With --columns, without a header row (Hadoop's input splits). */
	struct csvio_reader *r = open_csv(run, path, run->o.columns);
	struct csvio_opts copts = { .delimiter = run->ctx.delimiter, .columns = run->o.columns };
	struct ar_error e = { 0 };
	ar_err err;

	/* --partial: company and collector sums from the rows when no item has either. */
	if (run->o.partial && !run->sides_checked)
		run->sides_from_rows = aging_run_untrack_sides(&run->report, r,
		    run->o.columns || run->nsources <= 1);   /* every input has r's columns */
	run->sides_checked = true;
	if (run->parallel != NULL && path != NULL)
		err = aging_parallel_feed(run->parallel, r, path, &copts, &e);
	else
		err = aging_report_feed(&run->report, r, &run->feed, &e);
	if (err == AR_EOPEN)
		fail(run, cli_reader_failed(NULL, err, path));
	if (err != AR_OK)
		fail_input(run, r, err, &e);
	csvio_reader_close(r);
}

/* --jobs: the threads that read the inputs, if any (aging_run_jobs). */
static void
resolve_jobs(struct age_run *run, char *const *inputs, int n)
{
	unsigned jobs = aging_run_jobs(run->o.jobs, inputs, n, run->o.detail);

	if (jobs > 0 && (run->parallel = aging_parallel_new(&run->report, &run->feed, jobs)) == NULL)
		out_of_memory(run);
}

/* The aging CSV, and the workbook's sheets (aging_run_write). */
static void
write_aging(struct age_run *run)
{
	struct csvio_opts previous_opts = { .delimiter = run->ctx.delimiter };
	const struct aging_run_outputs outputs = {
		run->o.detail ? NULL : &run->w,
		{ run->o.group_by == AGING_GROUP_CUSTOMER && run->o.customers_path != NULL,
		  run->o.large_past_due, run->o.totals },
		run->xlsx, run->o.xlsx_path, &run->lpd, (size_t)run->o.top,
		run->has_rates ? &run->rates : NULL, run->o.rates_path, run->journal,
		run->o.previous_path, &previous_opts
	};
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = aging_run_write(&run->report, &outputs, &e)) != AR_OK)
		fail_run(run, err, &e);
}

static void
open_xlsx(struct age_run *run)
{
	struct aging_xlsx_info info = {
		.company = config_get_string(run->ctx.config, "company:name"),
		.as_of = run->policy.as_of,
		.sources = run->sources, .nsources = run->nsources,
		.customers_path = run->o.customers_path, .journal_path = run->o.journal_path,
		.lpd_min_amount = run->lpd.min_amount, .lpd_min_by_currency = run->lpd.by_currency,
		.lpd_in_reporting = run->lpd.in_reporting,
		.lpd_top = run->o.top, .detail = run->o.detail,
		.lang = run->lang,
		.rates = run->has_rates ? &run->rates : NULL,
		.rates_source = run->o.rates_path ? run->o.rates_path : "ar.ini",
		.limit_currency = run->ctx.format.default_currency,
		.previous_path = run->o.previous_path
	};
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = aging_xlsx_open(&run->xlsx, run->o.xlsx_path, &info, &e)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory(run);
		diag_error("cannot create %s: %s", run->o.xlsx_path, e.message);
		fail(run, EX_CANTCREAT);
	}
}

/* The workbook first: should it fail, the CSV is not left alone as if all went well. */
static void
close_xlsx(struct age_run *run)
{
	struct aging_xlsx *x = run->xlsx;
	struct ar_error e = { 0 };

	run->xlsx = NULL;
	if (aging_xlsx_close(x, &e) != AR_OK) {
		diag_error("cannot write %s: %s", run->o.xlsx_path, e.message);
		fail(run, EX_IOERR);
	}
}

/* What the collections lead must know about how the figures were made. */
static void
report(const struct age_run *run)
{
	static char notes[AGING_RUN_NOTES][AGING_RUN_NOTE_MAX];
	size_t n = aging_run_notes(&run->report, run->o.customers_path,
	    run->ctx.format.default_currency, run->skipped, notes);

	for (size_t i = 0; i < n; i++)
		diag_error("%s", notes[i]);
}

/* --partial: the partials of the items (PARTIALS in ar-age(1)) instead of the report. */
static void
write_partial(struct age_run *run)
{
	const struct aging_partial_policy p = {
		run->report.policy, run->o.group_by,
		run->ctx.format.has_default_currency ? run->ctx.format.default_currency : -1,
		run->feed.only_currency
	};
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = aging_run_write_partial(run->out.fp, &run->report, &p, run->sides_from_rows,
	    &e)) != AR_OK)
		fail_run(run, err, &e);
}

static void
name_conflict(void *ctx, const char *input, long line, const char *customer,
    const char *kept, const char *other)
{
	(void)ctx;
	diag_at(input, line, "customer \"%s\" has two names in the partials, \"%s\" and \"%s\": "
	    "the first kept (the least; which item came first is not known)", customer, kept, other);
}

/* --merge: the partials in files[0..n) (none: standard input) into the aging, under their policy. */
static void
read_partials(struct age_run *run, char **files, int n)
{
	struct aging_partial_merge m = { .rep = &run->report, .name_conflict = name_conflict };
	const struct aging_run_given given = {
		&run->policy, run->o.common.as_of != NULL, run->o.basis != NULL,
		run->o.credits != NULL, run->o.buckets != NULL, run->o.group_by_given,
		run->o.currency != NULL, run->o.group_by, run->feed.only_currency,
		run->o.large_past_due || run->o.xlsx_path, run->o.xlsx_path != NULL, run->o.totals
	};
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = aging_run_merge(&m, files, n, &given, &e)) != AR_OK)
		fail_run(run, err, &e);
	if (m.begun) {
		run->policy = m.policy.aging;
		run->o.group_by = m.policy.group_by;
		if (m.policy.default_currency >= 0)
			run->ctx.format.default_currency = m.policy.default_currency;
	}
	aging_partial_merge_free(&m);
}

/* The items of inputs[0..n) (none: standard input) into the aging, or listed (--detail). */
static void
age_inputs(struct age_run *run, char **inputs, int n)
{
	if (run->o.detail) {
		aging_detail_init(&run->detail, &run->w, run->xlsx, &run->policy.buckets);
		run->feed.detail = &run->detail;
		/* The workbook's other sheets need the aging as well. */
		run->feed.detail_only = run->xlsx == NULL;
	}
	resolve_jobs(run, inputs, n);
	if (n == 0)
		age_file(run, NULL);
	for (int i = 0; i < n; i++)
		age_file(run, strcmp(inputs[i], "-") == 0 ? NULL : inputs[i]);
	diag_progress_done();
}

int
main(int argc, char *argv[])
{
	static struct age_run run;
	char **inputs;
	int first, n, status;

	first = parse_options(argc, argv, &run.o);
	inputs = argv + first;
	n = argc - first;
	cli_resolve_or_exit(&run.o.common, &run.ctx);
	resolve_policy(&run);
	if (run.o.partial && !run.o.min_days_given)   /* the past due a --merge's large past due uses */
		run.policy.past_due_days = (int)config_get_long(run.ctx.config, "report:lpd_min_days");
	resolve_feed(&run);
	if (customers_init(&run.customers, 65536) != AR_OK ||
	    aging_report_init(&run.report, &run.policy, run.o.group_by, &run.customers) != AR_OK) {
		diag_error("out of memory");
		return EX_OSERR;
	}
	if (run.o.customers_path)
		load_customers(&run);
	run.report.track_oldest = run.report.track_sides = run.o.xlsx_path != NULL ||
	    (run.o.partial && run.o.group_by == AGING_GROUP_CUSTOMER);
	if (run.o.merge)
		read_partials(&run, inputs, n);
	if (run.o.journal_path)
		load_journal(&run);
	load_rates(&run);
	aging_run_lpd_resolve(&run.lpd, run.ctx.config, run.has_rates);
	if (report_lang_parse(config_get_string(run.ctx.config, "report:lang"), &run.lang) != AR_OK)
		abort();   /* ar.ini's check admits the four words only */

	if ((status = cli_output_open(&run.out, run.o.common.output, false)) != 0)
		return status;
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	run.sources = (const char *const *)inputs;
	run.nsources = (size_t)n;
	if (run.o.xlsx_path)
		open_xlsx(&run);
	if (!run.o.merge)
		age_inputs(&run, inputs, n);
	if (run.o.partial)
		write_partial(&run);   /* its counts are --merge's to report */
	else if (!run.o.detail || run.xlsx != NULL)
		write_aging(&run);
	if (run.xlsx != NULL)
		close_xlsx(&run);
	if ((status = cli_output_commit(&run.out, run.o.common.output)) != 0)
		return status;
	if (run.o.merge)
		run.skipped += run.report.skipped;   /* the mappers' bad rows */
	if (!run.o.partial)
		report(&run);

	aging_detail_free(&run.detail);
	aging_parallel_free(run.parallel);
	item_keys_free(run.feed.keys);
	journal_free(run.journal);
	aging_report_free(&run.report);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
