/*
 * ar-age - age open items: one row per customer (or collector, company,
 * currency) and currency, amounts by bucket of days overdue.
 *
 * Reads the items stream (man 7 artools) from files or standard input; the
 * rules (which date an item is aged from, buckets, sums) live in
 * lib/ar/aging.c, the run over the items and the reports in lib/report/;
 * this file is options and wiring.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

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
#include "report/aging_xlsx.h"
#include "report/aging_movement.h"
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
	const char *lpd_by_currency[CURRENCY_MAX];  /* [report] lpd_min_amount.CODE, when its rule applies */
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

/* Whether the large-past-due rule is [report]'s, under the options given. */
static bool
lpd_from_report(const struct age_run *run)
{
	return run->o.lpd_from_report || (run->o.xlsx_path && !run->o.large_past_due);
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
	if (!run->o.min_days_given && lpd_from_report(run))
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

/* An items input: with --columns, without a header row (Hadoop's input splits). */
static struct csvio_reader *
open_input(struct age_run *run, const char *path)
{
	return open_csv(run, path, run->o.columns);
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

/* Repeats said one by one up to this many; past it, only counted (a file given twice repeats them all). */
#define DUPLICATES_SAID 10
#define STR_(x) #x
#define STR(x) STR_(x)

static enum row_action
repeated_item(void *ctx, const char *input, long line, const char *first_input, long first_line)
{
	struct age_run *run = ctx;

	if (run->duplicates_stop)
		return ROW_STOP;
	if (run->report.duplicates <= DUPLICATES_SAID)
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

/* A currency of the aging without a rate to the reporting currency. */
static _Noreturn void
no_rate(struct age_run *run, currency_id cur)
{
	if (run->o.rates_path != NULL) {
		diag_error("%s: no rate for %s to %s", run->o.rates_path, currency_code(cur),
		    currency_code(run->rates.reporting));
		fail(run, EX_DATAERR);
	}
	diag_error("no rate for %s to [report] currency %s: add [currency.%s] rate to ar.ini, or give --rates",
	    currency_code(cur), currency_code(run->rates.reporting), currency_code(cur));
	fail(run, EX_CONFIG);
}

/*
 * The rates to the reporting currency ([report] currency, else [company]
 * default_currency): --rates FILE, else each [currency.X] rate of ar.ini
 * when [report] currency is set.  None: the workbook has no group total.
 */
static void
load_rates(struct age_run *run)
{
	struct ar_error e = { 0 };
	struct csvio_reader *r;
	bool set;
	currency_id to = fx_reporting_currency(run->ctx.config, &set);
	ar_err err;

	/* Only the workbook and [report]'s large-past-due rule convert: a plain aging needs no rate. */
	if ((run->o.rates_path == NULL && !set) || (!run->o.xlsx_path && !run->o.lpd_from_report))
		return;
	run->has_rates = true;
	if (run->o.rates_path == NULL) {
		if (fx_rates_from_config(&run->rates, run->ctx.config, &run->ctx.format.dates,
		    &e) != AR_OK) {
			diag_error("%s", e.message);
			fail(run, EX_CONFIG);
		}
		return;
	}
	fx_rates_init(&run->rates, to);
	r = open_csv(run, run->o.rates_path, NULL);
	if ((err = fx_rates_load(&run->rates, r, &e)) != AR_OK)
		fail_input(run, r, err, &e);
	csvio_reader_close(r);
}

/* Every currency of the aging has a rate, or say which has none and stop. */
static void
check_rates(struct age_run *run)
{
	currency_id cur;

	if (run->has_rates && aging_report_lacks_rate(&run->report, &run->rates, &cur))
		no_rate(run, cur);
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
	struct csvio_reader *r = open_input(run, path);
	struct csvio_opts copts = { .delimiter = run->ctx.delimiter, .columns = run->o.columns };
	struct ar_error e = { 0 };
	ar_err err;

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

/*
 * --jobs: threads when every input is a regular file (one table of
 * repeats for all) and no item is listed (--detail writes them in order
 * as they are read); by default, only when there is enough to share.
 */
static void
resolve_jobs(struct age_run *run, char *const *inputs, int n)
{
	long jobs = run->o.jobs > 0 ? run->o.jobs : sysconf(_SC_NPROCESSORS_ONLN);
	bool big = false;

	if (jobs <= 1 || run->o.detail || n == 0)
		return;
	for (int i = 0; i < n; i++) {
		if (strcmp(inputs[i], "-") == 0 || !aging_parallel_fits(inputs[i], &big))
			return;
	}
	if ((big || run->o.jobs > 1) && (run->parallel = aging_parallel_new(&run->report, &run->feed,
	    (unsigned)(jobs > 256 ? 256 : jobs))) == NULL)
		out_of_memory(run);
}

static void
write_csv(struct age_run *run, const struct aging_csv_opts *copts)
{
	currency_id cur = 0;

	if (aging_report_write_csv(&run->report, &run->w, copts, &cur) != AR_OK) {
		diag_error("the %s total does not fit in 64 bits", currency_code(cur));
		fail(run, EX_DATAERR);
	}
}

/* The large-past-due minimum: --min-past-due, else [report]'s when its rule applies. */
static const char *
lpd_min(const struct age_run *run)
{
	if (run->o.min_past_due != NULL || !lpd_from_report(run))
		return run->o.min_past_due;
	return config_get_string(run->ctx.config, "report:lpd_min_amount");
}

/* [report] lpd_min_amount is in the reporting currency when there are rates (and no --min-past-due). */
static bool
lpd_in_reporting(const struct age_run *run)
{
	return run->has_rates && run->o.min_past_due == NULL && lpd_from_report(run);
}

/* [report] lpd_min_amount.CODE of each currency, when [report]'s rule applies and --min-past-due is not given. */
static void
resolve_lpd_by_currency(struct age_run *run)
{
	if (run->o.min_past_due == NULL && lpd_from_report(run))
		aging_report_lpd_by_currency(run->ctx.config, run->lpd_by_currency);
}

/* The Movement sheet: this aging (whole, before the large-past-due cut) against --previous. */
static void
write_movement(struct age_run *run)
{
	struct aging_movement_previous prev = { 0 };
	struct aging_movement m = { 0 };
	struct ar_error e = { 0 };
	struct csvio_reader *r = open_csv(run, run->o.previous_path, NULL);
	ar_err err;

	if ((err = aging_movement_previous_load(&prev, &run->policy.buckets, r, &e)) != AR_OK)
		fail_input(run, r, err, &e);
	csvio_reader_close(r);
	if ((err = aging_movement_compare(&m, &run->report, &prev, &e)) != AR_OK) {
		aging_movement_previous_free(&prev);
		if (err == AR_ENOMEM)
			out_of_memory(run);
		diag_error("%s: %s", run->o.previous_path, e.message);
		fail(run, ar_exit_code(err));
	}
	err = aging_xlsx_write_movement(run->xlsx, &run->report, &m);
	aging_movement_free(&m);
	aging_movement_previous_free(&prev);
	if (err != AR_OK)
		fail_xlsx(run, err);
}

/*
 * The aging CSV, and the workbook's sheets.  The workbook's Summary and
 * Aging want every row, its Large Past Due sheet the rows a large-past-due
 * run keeps (with the options given, else [report] of ar.ini), and the
 * cut is destructive: so the full aging is written first, then cut.
 */
static void
write_aging(struct age_run *run)
{
	struct aging_csv_opts copts = {
		run->o.group_by == AGING_GROUP_CUSTOMER && run->o.customers_path != NULL,
		run->o.large_past_due, run->o.totals
	};
	const char *min = lpd_min(run);
	int64_t minimum[CURRENCY_MAX];
	currency_id cur = 0;
	bool per_currency = false;
	ar_err err;

	if ((run->xlsx != NULL || !run->o.large_past_due) &&
	    aging_report_sort(&run->report) != AR_OK)
		out_of_memory(run);
	check_rates(run);
	if (run->xlsx != NULL && (err = aging_xlsx_write_aging(run->xlsx, &run->report)) != AR_OK)
		fail_xlsx(run, err);
	if (run->o.previous_path != NULL)
		write_movement(run);
	if (!run->o.detail && !run->o.large_past_due)
		write_csv(run, &copts);
	if (!run->o.large_past_due && run->xlsx == NULL)
		return;
	err = aging_report_lpd_minimums(&run->report, min, run->lpd_by_currency,
	    lpd_in_reporting(run) ? &run->rates : NULL, minimum, &cur, &per_currency);
	if (err == AR_ECURRENCY)
		no_rate(run, cur);
	if (err != AR_OK) {
		if (run->o.min_past_due != NULL) {
			diag_error("--min-past-due \"%s\" is not an amount in %s", min, currency_code(cur));
			fail(run, EX_USAGE);
		}
		diag_error("[report] lpd_min_amount%s%s \"%s\" is not an amount in %s",
		    per_currency ? "." : "", per_currency ? currency_code(cur) : "",
		    per_currency ? run->lpd_by_currency[cur] : min, currency_code(cur));
		fail(run, EX_CONFIG);
	}
	if (aging_report_large_past_due(&run->report, minimum, (size_t)run->o.top) != AR_OK)
		out_of_memory(run);
	if (run->o.large_past_due)
		write_csv(run, &copts);
	if (run->xlsx != NULL &&
	    (err = aging_xlsx_write_lpd(run->xlsx, &run->report, run->journal)) != AR_OK)
		fail_xlsx(run, err);
}

static void
open_xlsx(struct age_run *run)
{
	struct aging_xlsx_info info = {
		.company = config_get_string(run->ctx.config, "company:name"),
		.as_of = run->policy.as_of,
		.sources = run->sources, .nsources = run->nsources,
		.customers_path = run->o.customers_path, .journal_path = run->o.journal_path,
		.lpd_min_amount = lpd_min(run), .lpd_min_by_currency = run->lpd_by_currency,
		.lpd_in_reporting = lpd_in_reporting(run),
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
	if (run->report.from_terms)
		diag_error("%lu item%s without due_date aged from doc_date + terms",
		    run->report.from_terms, run->report.from_terms == 1 ? "" : "s");
	if (run->report.credits_from_doc)
		diag_error("%lu credit%s without due_date aged from doc_date",
		    run->report.credits_from_doc, run->report.credits_from_doc == 1 ? "" : "s");
	if (run->o.customers_path && run->report.not_in_master) {
		size_t missing = strtab_count(run->customers.ids) - run->customers.in_master;

		diag_error("%lu item%s of %zu customer%s not in %s (aged all the same)",
		    run->report.not_in_master, run->report.not_in_master == 1 ? "" : "s",
		    missing, missing == 1 ? "" : "s", run->o.customers_path);
	}
	if (run->report.currency_defaulted)
		diag_error("%lu item%s without currency taken as %s ([company] default_currency)",
		    run->report.currency_defaulted, run->report.currency_defaulted == 1 ? "" : "s",
		    currency_code(run->ctx.format.default_currency));
	if (run->report.duplicates)
		diag_error("%lu item%s seen twice, aged twice%s (set [aging] duplicates = error to stop)",
		    run->report.duplicates, run->report.duplicates == 1 ? "" : "s",
		    run->report.duplicates > DUPLICATES_SAID ? ", the first " STR(DUPLICATES_SAID) " named above" : "");
	if (run->skipped)
		diag_error("%lu bad row%s skipped", run->skipped, run->skipped == 1 ? "" : "s");
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

	if (aging_partial_write(run->out.fp, &run->report, &p) != AR_OK)
		out_of_memory(run);
}

static void
name_conflict(void *ctx, const char *input, long line, const char *customer,
    const char *kept, const char *other)
{
	(void)ctx;
	diag_at(input, line, "customer \"%s\" has two names in the partials, \"%s\" and \"%s\": "
	    "the first kept (the least; which item came first is not known)", customer, kept, other);
}

/* A combination the partials' policy makes senseless: say so and stop. */
static _Noreturn void
against_partials(struct age_run *run, const struct aging_partial_merge *m, const char *what)
{
	diag_error("%s (%s:%ld)", what, m->first_input, m->first_line);
	fail(run, EX_USAGE);
}

/*
 * The partials' policy is this run's: the options given must agree with
 * it, and past_due_days (--min-days, else [report] lpd_min_days) where
 * this run uses past_due.
 */
static void
take_partial_policy(struct age_run *run, const struct aging_partial_merge *m)
{
	static const struct { const char *word, *option; } words[] = {
		{ ";as_of=", "--as-of" }, { ";basis=", "--basis" }, { ";credits=", "--credits" },
		{ ";buckets=", "--buckets" }, { ";group=", "--group-by" }, { ";currency=", "--currency" }
	};
	const struct aging_partial_policy *p = &m->policy;
	const struct aging_policy *mine = &run->policy;
	struct aging_partial_policy given = *p;
	char text[AGING_PARTIAL_POLICY_MAX], why[2 * AGING_PARTIAL_POLICY_MAX];

	/* The options given over the partials' policy, its text compared word by word. */
	given.aging.as_of = run->o.common.as_of ? mine->as_of : p->aging.as_of;
	given.aging.basis = run->o.basis ? mine->basis : p->aging.basis;
	given.aging.credits = run->o.credits ? mine->credits : p->aging.credits;
	given.aging.buckets = run->o.buckets ? mine->buckets : p->aging.buckets;
	given.group_by = run->o.group_by_given ? run->o.group_by : p->group_by;
	given.only_currency = run->o.currency ? run->feed.only_currency : p->only_currency;
	aging_partial_policy_text(&given, text);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *a = strstr(text, words[i].word) + 1, *b = strstr(m->policy_text, words[i].word) + 1;
		int la = (int)strcspn(a, ";"), lb = (int)strcspn(b, ";");
		int key = (int)strlen(words[i].word) - 1;

		if (la != lb || memcmp(a, b, (size_t)la) != 0) {
			snprintf(why, sizeof why, "%s %.*s contradicts the partials' %.*s%s", words[i].option,
			    la - key, a + key, lb, b, lb == key ? " (none given)" : "");
			against_partials(run, m, why);
		}
	}
	if ((run->o.large_past_due || run->o.xlsx_path) &&
	    p->aging.past_due_days != mine->past_due_days) {
		snprintf(why, sizeof why, "the partials' past_due_days=%d is not this run's %d "
		    "(--min-days, else [report] lpd_min_days): give the mappers --min-days %d",
		    p->aging.past_due_days, mine->past_due_days, mine->past_due_days);
		against_partials(run, m, why);
	}
	run->policy = p->aging;
	run->o.group_by = p->group_by;
	if (p->default_currency >= 0)
		run->ctx.format.default_currency = p->default_currency;
	if (run->o.xlsx_path && p->group_by != AGING_GROUP_CUSTOMER)
		against_partials(run, m, "--xlsx writes the aging by customer: the partials are grouped otherwise");
	if (run->o.totals && p->group_by == AGING_GROUP_CURRENCY)
		against_partials(run, m, "--totals adds nothing to partials grouped by currency: each row is already the total of its currency");
}

/* The partials in files[0..n) (none: standard input) into the aging. */
static void
read_partials(struct age_run *run, char **files, int n)
{
	struct aging_partial_merge m = { .rep = &run->report, .name_conflict = name_conflict };
	struct ar_error e = { 0 };
	ar_err err;

	run->report.track_oldest = run->report.track_sides = run->o.xlsx_path != NULL;
	for (int i = 0; i < n || (i == 0 && n == 0); i++) {
		const char *path = i < n && strcmp(files[i], "-") != 0 ? files[i] : NULL;
		FILE *fp = path ? fopen(path, "r") : stdin;

		if (fp == NULL) {
			diag_error("cannot open %s: %s", path, strerror(errno));
			fail(run, EX_NOINPUT);
		}
		err = aging_partial_merge_read(&m, fp, path ? path : "<stdin>", &e);
		if (fp != stdin)
			fclose(fp);
		if (err == AR_ENOMEM)
			out_of_memory(run);
		if (err != AR_OK) {
			diag_report(path ? path : "<stdin>", &e);
			fail(run, ar_exit_code(err));
		}
	}
	aging_partial_merge_end(&m);
	if (m.begun)
		take_partial_policy(run, &m);
	aging_partial_merge_free(&m);
}

/* --merge: the report of the partials' items, as one run over the items writes it. */
static int
merge_partials(struct age_run *run, char **files, int n)
{
	int status;

	read_partials(run, files, n);
	if (run->o.journal_path)
		load_journal(run);
	load_rates(run);
	resolve_lpd_by_currency(run);
	if (report_lang_parse(config_get_string(run->ctx.config, "report:lang"), &run->lang) != AR_OK)
		abort();   /* ar.ini's check admits the four words only */
	if ((status = cli_output_open(&run->out, run->o.common.output, false)) != 0)
		return status;
	csvio_writer_init(&run->w, run->out.fp, ',', false);
	run->sources = (const char *const *)files;
	run->nsources = (size_t)n;
	if (run->o.xlsx_path)
		open_xlsx(run);
	write_aging(run);
	if (run->xlsx != NULL)
		close_xlsx(run);
	if ((status = cli_output_commit(&run->out, run->o.common.output)) != 0)
		return status;
	run->skipped += run->report.skipped;
	report(run);

	item_keys_free(run->feed.keys);
	journal_free(run->journal);
	aging_report_free(&run->report);
	customers_free(&run->customers);
	config_free(run->ctx.config);
	return EX_OK;
}

int
main(int argc, char *argv[])
{
	static struct age_run run;
	int first, status;

	first = parse_options(argc, argv, &run.o);
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
	if (run.o.merge)
		return merge_partials(&run, argv + first, argc - first);
	if (run.o.journal_path)
		load_journal(&run);
	load_rates(&run);
	resolve_lpd_by_currency(&run);
	run.report.track_oldest = run.report.track_sides = run.o.xlsx_path != NULL ||
	    (run.o.partial && run.o.group_by == AGING_GROUP_CUSTOMER);
	if (report_lang_parse(config_get_string(run.ctx.config, "report:lang"), &run.lang) != AR_OK)
		abort();   /* ar.ini's check admits the four words only */

	if ((status = cli_output_open(&run.out, run.o.common.output, false)) != 0)
		return status;
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	run.sources = (const char *const *)argv + first;
	run.nsources = (size_t)(argc - first);
	if (run.o.xlsx_path)
		open_xlsx(&run);
	if (run.o.detail) {
		aging_detail_init(&run.detail, &run.w, run.xlsx, &run.policy.buckets);
		run.feed.detail = &run.detail;
		/* The workbook's other sheets need the aging as well. */
		run.feed.detail_only = run.xlsx == NULL;
	}
	resolve_jobs(&run, argv + first, argc - first);
	if (first == argc)
		age_file(&run, NULL);
	for (int i = first; i < argc; i++)
		age_file(&run, strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	diag_progress_done();
	if (run.o.partial)
		write_partial(&run);   /* its counts are --merge's to report */
	else if (!run.o.detail || run.xlsx != NULL)
		write_aging(&run);
	if (run.xlsx != NULL)
		close_xlsx(&run);
	if ((status = cli_output_commit(&run.out, run.o.common.output)) != 0)
		return status;
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
