/*
 * ar-age - age open items: one row per customer (or collector, company,
 * currency) and currency, amounts by bucket of days overdue.
 *
 * Reads the items stream (man 7 artools) from files or standard input; the
 * rules (which date an item is aged from, buckets, sums) live in
 * lib/aging.c; this file is options, wiring and output.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "aging_report.h"
#include "aging_xlsx.h"
#include "cli.h"
#include "config.h"
#include "csvio.h"
#include "customers.h"
#include "diag.h"
#include "items.h"
#include "journal.h"
#include "money.h"
#include "outfile.h"

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
	OPT_CURRENCY,
	OPT_TOTALS,
	OPT_XLSX,
	OPT_JOURNAL
};

static const struct option longopts[] = {
	CLI_COMMON_LONGOPTS,
	{ "basis", required_argument, NULL, OPT_BASIS },
	{ "buckets", required_argument, NULL, OPT_BUCKETS },
	{ "credits", required_argument, NULL, OPT_CREDITS },
	{ "customers", required_argument, NULL, OPT_CUSTOMERS },
	{ "detail", no_argument, NULL, OPT_DETAIL },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "min-past-due", required_argument, NULL, OPT_MIN_PAST_DUE },
	{ "min-days", required_argument, NULL, OPT_MIN_DAYS },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "currency", required_argument, NULL, OPT_CURRENCY },
	{ "totals", no_argument, NULL, OPT_TOTALS },
	{ "xlsx", required_argument, NULL, OPT_XLSX },
	{ "journal", required_argument, NULL, OPT_JOURNAL },
	{ NULL, 0, NULL, 0 }
};

/* Records looked ahead at a time; more gains nothing once the misses overlap. */
#define BATCH 64

struct age_opts {
	struct cli_common common;
	const char *basis, *buckets, *credits;   /* NULL: from ar.ini */
	const char *customers_path;
	bool detail, totals;
	enum aging_group group_by;
	const char *min_past_due;                /* NULL: not a large-past-due run */
	long min_days, top;
	bool large_past_due;
	const char *currency;
	const char *xlsx_path, *journal_path;
};

/* Everything one run holds; memory follows customers, not rows. */
struct age_run {
	struct age_opts o;
	struct cli_context ctx;
	struct aging_policy policy;
	struct customer_table customers;
	struct aging_report report;
	currency_id only_currency;    /* -1: all */
	struct outfile out;
	struct csvio_writer w;
	unsigned long rows, skipped;
	char **detail_header;
	size_t detail_columns;
	struct aging_xlsx *xlsx;      /* NULL without --xlsx */
	struct journal *journal;      /* NULL without --journal */
	const char *const *sources;   /* the item files named, for the workbook */
	size_t nsources;
	char lpd_rule[256];           /* the workbook's Summary keeps a pointer */
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: ar-age [options] [FILE ...]\n"
"Age the open items in FILE (the items stream; standard input when none or -)\n"
"and write one row per customer and currency: current, one column per bucket\n"
"of days overdue, total, items, oldest_days.\n"
"\n"
"Aging:\n"
"  --basis due|doc     age from the due date (default) or the document date\n"
"  --buckets LIST      upper bounds of the buckets in days (default 30,60,90,120)\n"
"  --credits own-date|current\n"
"                      age credit notes and payments by their own date\n"
"                      (default) or put them in current\n"
"  --customers FILE    customer master: names, terms_days for items without a\n"
"                      due date, collector, status, credit_limit columns\n"
"  --currency CODE     only items in this currency\n"
"Output:\n"
"  --detail            one row per item, input columns + days_overdue, bucket\n"
"  --group-by customer|collector|company|currency\n"
"                      what one row sums (default customer)\n"
"  --totals            add a TOTAL row per currency\n"
"  --xlsx FILE         also write the aging workbook FILE: Summary, Aging,\n"
"                      Large Past Due and, with --detail, Detail sheets\n"
"  --journal FILE      collection facts for the Large Past Due sheet (with --xlsx)\n"
"Large past due (adds a past_due column, largest first within a currency):\n"
"  --min-past-due AMOUNT  keep rows whose past-due amount reaches AMOUNT\n"
"  --min-days N        past due means more than N days overdue (default 0)\n"
"  --top N             keep the N largest per currency\n"
"\n"
CLI_COMMON_HELP
"\n"
CLI_EXIT_HELP
"See ar-age(1), ar.ini(5), artools(7).\n");
	exit(status);
}

static long
parse_count(const char *opt, const char *arg, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > max) {
		char msg[128];

		snprintf(msg, sizeof msg, "%s \"%%s\" is not a whole number from 0 to %ld", opt, max);
		cli_usage_error(msg, arg);
	}
	return v;
}

static void
parse_options(int argc, char *argv[], struct age_opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_common_option(&o->common, ch, optarg))
			continue;
		switch (ch) {
		case OPT_BASIS:     o->basis = optarg; break;
		case OPT_BUCKETS:   o->buckets = optarg; break;
		case OPT_CREDITS:   o->credits = optarg; break;
		case OPT_CUSTOMERS: o->customers_path = optarg; break;
		case OPT_DETAIL:    o->detail = true; break;
		case OPT_TOTALS:    o->totals = true; break;
		case OPT_CURRENCY:  o->currency = optarg; break;
		case OPT_XLSX:      o->xlsx_path = optarg; break;
		case OPT_JOURNAL:   o->journal_path = optarg; break;
		case OPT_GROUP_BY:
			if (strcmp(optarg, "customer") == 0)
				o->group_by = AGING_GROUP_CUSTOMER;
			else if (strcmp(optarg, "collector") == 0)
				o->group_by = AGING_GROUP_COLLECTOR;
			else if (strcmp(optarg, "company") == 0)
				o->group_by = AGING_GROUP_COMPANY;
			else if (strcmp(optarg, "currency") == 0)
				o->group_by = AGING_GROUP_CURRENCY;
			else
				cli_usage_error("--group-by \"%s\" is not customer, collector, company or currency", optarg);
			break;
		case OPT_MIN_PAST_DUE:
			o->min_past_due = optarg;
			o->large_past_due = true;
			break;
		case OPT_MIN_DAYS:
			o->min_days = parse_count("--min-days", optarg, AGING_MAX_DAYS);
			o->large_past_due = true;
			break;
		case OPT_TOP:
			o->top = parse_count("--top", optarg, LONG_MAX);
			o->large_past_due = true;
			break;
		default:
			fprintf(stderr, "Try 'ar-age --help' for more information.\n");
			exit(EX_USAGE);
		}
	}
	if (o->common.help)
		usage(stdout, EX_OK);
	if (o->common.version) {
		cli_print_version("ar-age");
		exit(EX_OK);
	}
	if (o->detail && (o->large_past_due || o->totals || o->group_by != AGING_GROUP_CUSTOMER))
		cli_usage_error("%s", "--detail lists items: it does not combine with --group-by, --totals or the large-past-due options");
	if (o->xlsx_path && o->group_by != AGING_GROUP_CUSTOMER)
		cli_usage_error("%s", "--xlsx writes the aging by customer: it does not combine with --group-by");
	if (o->journal_path && !o->xlsx_path)
		cli_usage_error("%s", "--journal feeds the Large Past Due sheet: it needs --xlsx");
}

/* The policy: ar.ini's [aging], then the options over it. */
static void
resolve_policy(struct age_run *run)
{
	const struct ar_config *cfg = run->ctx.config;
	struct aging_policy *p = &run->policy;
	const char *basis = run->o.basis ? run->o.basis : config_get_string(cfg, "aging:basis");
	const char *credits = run->o.credits ? run->o.credits : config_get_string(cfg, "aging:credits");
	const char *buckets = run->o.buckets ? run->o.buckets : config_get_string(cfg, "aging:buckets");

	p->as_of = run->ctx.as_of;
	if (strcmp(basis, "due") == 0)
		p->basis = AGING_BASIS_DUE;
	else if (strcmp(basis, "doc") == 0)
		p->basis = AGING_BASIS_DOC;
	else
		cli_usage_error("--basis \"%s\" is not due or doc", basis);
	if (strcmp(credits, "own-date") == 0)
		p->credits = AGING_CREDITS_OWN_DATE;
	else if (strcmp(credits, "current") == 0)
		p->credits = AGING_CREDITS_CURRENT;
	else
		cli_usage_error("--credits \"%s\" is not own-date or current", credits);
	if (aging_buckets_parse(buckets, &p->buckets) != AR_OK)
		cli_usage_error("--buckets \"%s\" is not 1 to 12 increasing numbers of days, e.g. 30,60,90,120", buckets);
	p->default_terms_days = (int)config_get_long(cfg, "aging:default_terms_days");
	p->past_due_days = (int)run->o.min_days;
	/* Only the workbook's Large Past Due sheet reads past_due then. */
	if (run->o.xlsx_path && !run->o.large_past_due)
		p->past_due_days = (int)config_get_long(cfg, "report:lpd_min_days");
}

static void
fail(struct age_run *run, int status)
{
	aging_xlsx_abort(run->xlsx);
	run->xlsx = NULL;
	outfile_abort(&run->out);
	exit(status);
}

/* The workbook could not be written: say why, leave nothing behind. */
static void
fail_xlsx(struct age_run *run, ar_err err)
{
	diag_error("%s: %s", run->o.xlsx_path, aging_xlsx_error(run->xlsx));
	fail(run, err == AR_ERANGE ? EX_DATAERR : err == AR_ENOMEM ? EX_OSERR : EX_IOERR);
}

static void
fail_reader(struct age_run *run, struct csvio_reader *r, ar_err err, const char *path)
{
	if (err == AR_EOPEN)
		diag_error("cannot open %s: %s", path, strerror(errno));
	else if (err == AR_ENOMEM)
		diag_error("out of memory");
	else if (r != NULL)
		diag_at(csvio_name(r), csvio_error_line(r), "%s", csvio_error(r));
	else
		diag_at(path, 0, "%s", ar_strerror(err));
	csvio_reader_close(r);
	fail(run, ar_exit_code(err));
}

static void
load_customers(struct age_run *run)
{
	struct csvio_opts copts = { run->ctx.delimiter, false, false };
	struct csvio_reader *r;
	struct customers_error e;
	ar_err err;

	if ((err = csvio_reader_open(&r, run->o.customers_path, &copts)) != AR_OK)
		fail_reader(run, r, err, run->o.customers_path);
	if ((err = customers_load(&run->customers, r, &e)) != AR_OK) {
		if (err == AR_ENOMEM)
			diag_error("out of memory");
		else
			diag_at(csvio_name(r), e.line, "%s", e.message);
		csvio_reader_close(r);
		fail(run, ar_exit_code(err));
	}
	csvio_reader_close(r);
}

/* A bad row: stop, or with --skip-bad say so and go on. */
static void
bad_row(struct age_run *run, struct csvio_reader *r, long line, const char *what)
{
	if (!run->o.common.skip_bad) {
		diag_at(csvio_name(r), line, "%s", what);
		csvio_reader_close(r);
		fail(run, EX_DATAERR);
	}
	diag_at(csvio_name(r), line, "%s; row skipped", what);
	run->skipped++;
}

static void
out_of_memory(struct age_run *run)
{
	diag_error("out of memory");
	fail(run, EX_OSERR);
}

static void
load_journal(struct age_run *run)
{
	struct csvio_opts copts = { run->ctx.delimiter, false, false };
	const char *path = run->o.journal_path, *missing, *code;
	struct journal_columns cols;
	struct journal_problem problem;
	struct csvio_reader *r;
	struct csvio_record rec;
	currency_id cur;
	ar_err err;

	code = config_get_string(run->ctx.config, "company:default_currency");
	if (currency_lookup(code, strlen(code), &cur) != AR_OK ||
	    journal_new(&run->journal, run->policy.as_of, cur) != AR_OK)
		out_of_memory(run);
	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail_reader(run, r, err, path);
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "missing column \"%s\"", missing);
		csvio_reader_close(r);
		fail(run, EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		err = journal_add(run->journal, &rec, &cols, &run->ctx.format, &problem);
		if (err == AR_ENOMEM)
			out_of_memory(run);
		if (err != AR_OK)
			bad_row(run, r, rec.line, problem.message);
	}
	if (err != AR_EOF)
		fail_reader(run, r, err, path);
	csvio_reader_close(r);
}

/* One item of a batch, between placing it and adding it to its row. */
struct placed {
	const struct csvio_record *rec;
	struct item it;
	uint32_t customer;
	struct aging_position pos;
};

/*
 * Parse and place one record: its customer, days overdue and bucket.
 * With --detail write it out at once; otherwise keep it in *p for
 * add_item and return true.
 */
static bool
place_item(struct age_run *run, struct csvio_reader *r, const struct csvio_record *rec,
    const struct item_columns *cols, struct placed *p)
{
	struct item_problem problem;
	char msg[512];
	ar_err err;

	diag_progress(++run->rows);
	if (items_parse(rec, cols, &run->ctx.format, &p->it, &problem) != AR_OK) {
		items_problem_text(&problem, msg, sizeof msg);
		bad_row(run, r, rec->line, msg);
		return false;
	}
	if (run->only_currency >= 0 && p->it.currency != run->only_currency)
		return false;
	if ((err = aging_report_place(&run->report, &p->it, &p->customer, &p->pos)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory(run);
		bad_row(run, r, rec->line, aging_report_date_problem(&run->report));
		return false;
	}
	if (run->o.detail) {
		char label[32], days[16];

		if (run->xlsx != NULL &&
		    (err = aging_xlsx_detail_row(run->xlsx, &run->report, rec, cols, &p->it,
		    p->pos)) != AR_OK)
			fail_xlsx(run, err);

		for (size_t i = 0; i < rec->nfields; i++)
			csvio_write_field(&run->w, rec->field[i].ptr, rec->field[i].len);
		snprintf(days, sizeof days, "%d", p->pos.days);
		csvio_write_str(&run->w, days);
		aging_column_label(&run->policy.buckets, p->pos.bucket, label, sizeof label);
		csvio_write_str(&run->w, label);
		csvio_end_record(&run->w);
		/* The workbook's other sheets need the aging as well. */
		if (run->xlsx == NULL)
			return false;
	}
	p->rec = rec;
	aging_report_prefetch_row(&run->report, p->customer);
	return true;
}

static void
add_item(struct age_run *run, struct csvio_reader *r, const struct item_columns *cols,
    const struct placed *p)
{
	ar_err err = aging_report_add(&run->report, p->rec, cols, &p->it, p->customer, p->pos);

	if (err == AR_ENOMEM)
		out_of_memory(run);
	if (err != AR_OK) {
		diag_at(csvio_name(r), p->rec->line, "the %s total of customer \"%s\" does not fit in 64 bits",
		    currency_code(p->it.currency), strtab_key(run->customers.ids, p->customer));
		csvio_reader_close(r);
		fail(run, EX_DATAERR);
	}
}

/* Detail output follows the first input's header; later inputs must match it. */
static void
detail_header(struct age_run *run, struct csvio_reader *r)
{
	size_t n = csvio_ncolumns(r);
	ar_err err;

	if (run->detail_header == NULL) {
		run->detail_columns = n;
		if ((run->detail_header = calloc(n, sizeof *run->detail_header)) == NULL) {
			diag_error("out of memory");
			fail(run, EX_OSERR);
		}
		for (size_t i = 0; i < n; i++) {
			run->detail_header[i] = strdup(csvio_column_name(r, i));
			if (run->detail_header[i] == NULL) {
				diag_error("out of memory");
				fail(run, EX_OSERR);
			}
			csvio_write_str(&run->w, run->detail_header[i]);
		}
		csvio_write_str(&run->w, "days_overdue");
		csvio_write_str(&run->w, "bucket");
		csvio_end_record(&run->w);
		if (run->xlsx != NULL && (err = aging_xlsx_detail_header(run->xlsx,
		    (const char *const *)run->detail_header, n)) != AR_OK)
			fail_xlsx(run, err);
		return;
	}
	for (size_t i = 0; i < n || i < run->detail_columns; i++) {
		if (i >= n || i >= run->detail_columns ||
		    strcmp(run->detail_header[i], csvio_column_name(r, i)) != 0) {
			diag_at(csvio_name(r), 1, "columns differ from the first input's: --detail needs the same header in every file");
			csvio_reader_close(r);
			fail(run, EX_DATAERR);
		}
	}
}

static void
age_file(struct age_run *run, const char *path)
{
	struct csvio_opts copts = { run->ctx.delimiter, false, false };
	struct csvio_reader *r;
	static struct csvio_record recs[BATCH];
	static struct placed placed[BATCH];
	struct item_columns cols;
	const char *missing;
	size_t n;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail_reader(run, r, err, path ? path : "<stdin>");
	if (items_bind(r, run->policy.basis == AGING_BASIS_DOC, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "missing column \"%s\"", missing);
		csvio_reader_close(r);
		fail(run, EX_DATAERR);
	}
	if (run->o.detail)
		detail_header(run, r);
	/*
	 * In batches of what one block of input holds, in three passes, each
	 * prefetching what the next looks up (hash slot, then row), so that
	 * the cache misses of one item overlap with the work on others.
	 * A damaged file (wrong field count, broken quote, not UTF-8) always stops.
	 */
	while ((n = csvio_read_batch(r, recs, BATCH, &err)) > 0) {
		size_t kept = 0;

		for (size_t i = 0; i < n; i++)
			aging_report_prefetch_customer(&run->report,
			    recs[i].field[cols.customer].ptr, recs[i].field[cols.customer].len);
		for (size_t i = 0; i < n; i++)
			kept += place_item(run, r, &recs[i], &cols, &placed[kept]);
		for (size_t i = 0; i < kept; i++)
			add_item(run, r, &cols, &placed[i]);
	}
	if (err != AR_EOF)
		fail_reader(run, r, err, path);
	csvio_reader_close(r);
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

/*
 * The aging CSV, and the workbook's sheets.  The workbook's Summary and
 * Aging want every row, its Large Past Due sheet the rows a large-past-due
 * run keeps (with the options given, else [report] of ar.ini), and the
 * cut is destructive: so the full aging is written first, then cut.
 */
static void
write_summary(struct age_run *run)
{
	struct aging_csv_opts copts = {
		run->o.group_by == AGING_GROUP_CUSTOMER && run->o.customers_path != NULL,
		run->o.large_past_due, run->o.totals
	};
	const char *min = run->o.min_past_due;
	currency_id cur = 0;
	ar_err err;

	if ((run->xlsx != NULL || !run->o.large_past_due) &&
	    aging_report_sort(&run->report) != AR_OK)
		out_of_memory(run);
	if (run->xlsx != NULL && (err = aging_xlsx_write_aging(run->xlsx, &run->report)) != AR_OK)
		fail_xlsx(run, err);
	if (!run->o.detail && !run->o.large_past_due)
		write_csv(run, &copts);
	if (!run->o.large_past_due && run->xlsx == NULL)
		return;
	if (!run->o.large_past_due)
		min = config_get_string(run->ctx.config, "report:lpd_min_amount");
	err = aging_report_large_past_due(&run->report, min, (size_t)run->o.top, &cur);
	if (err == AR_ENOMEM)
		out_of_memory(run);
	if (err != AR_OK) {
		diag_error("%s \"%s\" is not an amount in %s", run->o.large_past_due
		    ? "--min-past-due" : "[report] lpd_min_amount", min, currency_code(cur));
		fail(run, run->o.large_past_due ? EX_USAGE : EX_CONFIG);
	}
	if (run->o.large_past_due)
		write_csv(run, &copts);
	if (run->xlsx != NULL &&
	    (err = aging_xlsx_write_lpd(run->xlsx, &run->report, run->journal)) != AR_OK)
		fail_xlsx(run, err);
}

/* The large-past-due rule in words, for the workbook's Summary. */
static void
lpd_rule(const struct age_run *run, char *buf, size_t cap)
{
	const char *min = run->o.large_past_due ? run->o.min_past_due
	    : config_get_string(run->ctx.config, "report:lpd_min_amount");
	int n = snprintf(buf, cap, "past due over %d days", run->policy.past_due_days);

	if (n > 0 && (size_t)n < cap && min != NULL)
		n += snprintf(buf + n, cap - (size_t)n, ", %s or more in the row's currency", min);
	if (n > 0 && (size_t)n < cap && run->o.top > 0)
		snprintf(buf + n, cap - (size_t)n, ", the %ld largest per currency", run->o.top);
}

static void
open_xlsx(struct age_run *run)
{
	char *rule = run->lpd_rule;
	struct aging_xlsx_info info = {
		config_get_string(run->ctx.config, "company:name"),
		run->sources, run->nsources,
		run->o.customers_path, run->o.journal_path, rule, run->o.detail
	};
	ar_err err;

	lpd_rule(run, rule, sizeof run->lpd_rule);
	if ((err = aging_xlsx_open(&run->xlsx, run->o.xlsx_path, &info)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory(run);
		diag_error("cannot create %s: %s", run->o.xlsx_path,
		    err == AR_ECREATE ? strerror(errno) : aging_xlsx_error(NULL));
		fail(run, EX_CANTCREAT);
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
	if (run->skipped)
		diag_error("%lu bad row%s skipped", run->skipped, run->skipped == 1 ? "" : "s");
}

int
main(int argc, char *argv[])
{
	static struct age_run run;
	char msg[1024];
	ar_err err;

	diag_init("ar-age");
	parse_options(argc, argv, &run.o);
	if ((err = cli_resolve(&run.o.common, &run.ctx, msg, sizeof msg)) != AR_OK) {
		diag_error("%s", msg);
		if (err == AR_EUSAGE)
			fprintf(stderr, "Try 'ar-age --help' for more information.\n");
		return ar_exit_code(err);
	}
	resolve_policy(&run);
	run.only_currency = -1;
	if (run.o.currency && currency_lookup(run.o.currency, strlen(run.o.currency),
	    &run.only_currency) != AR_OK)
		cli_usage_error("--currency \"%s\" is not a known currency code", run.o.currency);
	if (customers_init(&run.customers, 65536) != AR_OK ||
	    aging_report_init(&run.report, &run.policy, run.o.group_by, &run.customers) != AR_OK) {
		diag_error("out of memory");
		return EX_OSERR;
	}
	if (run.o.customers_path)
		load_customers(&run);
	if (run.o.journal_path)
		load_journal(&run);
	run.report.track_oldest = run.o.xlsx_path != NULL;

	if (outfile_open(&run.out, run.o.common.output) != AR_OK) {
		diag_error("cannot create %s: %s", run.o.common.output, strerror(errno));
		return EX_CANTCREAT;
	}
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	run.sources = (const char *const *)argv + optind;
	run.nsources = (size_t)(argc - optind);
	if (run.o.xlsx_path)
		open_xlsx(&run);
	if (optind == argc) {
		age_file(&run, NULL);
	} else {
		for (int i = optind; i < argc; i++)
			age_file(&run, strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	}
	diag_progress_done();
	if (!run.o.detail || run.xlsx != NULL)
		write_summary(&run);
	/* The workbook first: should it fail, the CSV is not left alone as if all went well. */
	if (run.xlsx != NULL) {
		struct aging_xlsx *x = run.xlsx;

		run.xlsx = NULL;
		if ((err = aging_xlsx_close(x)) != AR_OK) {
			diag_error("cannot write %s: %s", run.o.xlsx_path, aging_xlsx_error(NULL));
			fail(&run, EX_IOERR);
		}
	}
	if (outfile_commit(&run.out) != AR_OK) {
		diag_error("cannot write %s: %s",
		    run.o.common.output ? run.o.common.output : "standard output", strerror(errno));
		return EX_IOERR;
	}
	report(&run);

	for (size_t i = 0; i < run.detail_columns; i++)
		free(run.detail_header[i]);
	free(run.detail_header);
	journal_free(run.journal);
	aging_report_free(&run.report);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
