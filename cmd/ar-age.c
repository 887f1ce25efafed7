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

#include "aging.h"
#include "cli.h"
#include "config.h"
#include "csvio.h"
#include "customers.h"
#include "diag.h"
#include "items.h"
#include "money.h"
#include "outfile.h"
#include "strtab.h"

enum group_by { GROUP_CUSTOMER, GROUP_COLLECTOR, GROUP_COMPANY, GROUP_CURRENCY };

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
	OPT_TOTALS
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
	{ NULL, 0, NULL, 0 }
};

struct age_opts {
	struct cli_common common;
	const char *basis, *buckets, *credits;   /* NULL: from ar.ini */
	const char *customers_path;
	bool detail, totals;
	enum group_by group_by;
	const char *min_past_due;                /* NULL: not a large-past-due run */
	long min_days, top;
	bool large_past_due;
	const char *currency;
};

/* Everything one run holds; memory follows customers, not rows. */
struct age_run {
	struct age_opts o;
	struct cli_context ctx;
	struct aging_policy policy;
	struct customer_table customers;
	struct strtab *groups;        /* collector or company names */
	struct aging_table table;
	currency_id only_currency;    /* -1: all */
	struct outfile out;
	struct csvio_writer w;
	unsigned long rows, skipped, from_terms, credits_from_doc, not_in_master;
	char **detail_header;
	size_t detail_columns;
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
"Large past due (adds a past_due column, largest first within a currency):\n"
"  --min-past-due AMOUNT  keep rows whose past-due amount reaches AMOUNT\n"
"  --min-days N        past due means more than N days overdue (default 0)\n"
"  --top N             keep the N largest per currency\n"
"\n"
CLI_COMMON_HELP
"\n"
"Exit status: 0 ok, 64 usage, 65 bad data, 66 cannot open input,\n"
"71 out of memory, 73 cannot create output, 74 write error,\n"
"78 bad configuration.\n"
"See ar-age(1), ar.ini(5), artools(7).\n");
	exit(status);
}

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "ar-age: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'ar-age --help' for more information.\n");
	exit(EX_USAGE);
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
		usage_error(msg, arg);
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
		case OPT_GROUP_BY:
			if (strcmp(optarg, "customer") == 0)
				o->group_by = GROUP_CUSTOMER;
			else if (strcmp(optarg, "collector") == 0)
				o->group_by = GROUP_COLLECTOR;
			else if (strcmp(optarg, "company") == 0)
				o->group_by = GROUP_COMPANY;
			else if (strcmp(optarg, "currency") == 0)
				o->group_by = GROUP_CURRENCY;
			else
				usage_error("--group-by \"%s\" is not customer, collector, company or currency", optarg);
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
	if (o->detail && (o->large_past_due || o->totals || o->group_by != GROUP_CUSTOMER))
		usage_error("%s", "--detail lists items: it does not combine with --group-by, --totals or the large-past-due options");
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
		usage_error("--basis \"%s\" is not due or doc", basis);
	if (strcmp(credits, "own-date") == 0)
		p->credits = AGING_CREDITS_OWN_DATE;
	else if (strcmp(credits, "current") == 0)
		p->credits = AGING_CREDITS_CURRENT;
	else
		usage_error("--credits \"%s\" is not own-date or current", credits);
	if (aging_buckets_parse(buckets, &p->buckets) != AR_OK)
		usage_error("--buckets \"%s\" is not 1 to 12 increasing numbers of days, e.g. 30,60,90,120", buckets);
	p->default_terms_days = (int)config_get_long(cfg, "aging:default_terms_days");
	p->past_due_days = (int)run->o.min_days;
}

static void
fail(struct age_run *run, int status)
{
	outfile_abort(&run->out);
	exit(status);
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
	struct csvio_opts copts = { run->ctx.delimiter };
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

static const char *
group_key_text(const void *ctx, uint32_t key)
{
	return strtab_key(ctx, key);
}

/* The text an item is grouped under for collector/company. */
static const char *
group_text(const struct csvio_record *rec, int col, const char *master, size_t *len)
{
	const char *s = items_field(rec, col, len);

	if (*len == 0) {
		s = master;
		*len = strlen(master);
	}
	return s;
}

/* Age one item into its row (summary) or write it out (detail). */
static void
age_item(struct age_run *run, struct csvio_reader *r, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it)
{
	struct customer_hot hot;
	struct aging_position pos;
	enum aging_date_source source;
	civil_day aged_from;
	uint32_t cid, key;
	struct aging_row *row;
	bool added;
	ar_err err;

	err = customers_intern(&run->customers, it->customer, it->customer_len, &cid, &added);
	if (err != AR_OK) {
		diag_error("out of memory");
		fail(run, ar_exit_code(err));
	}
	hot = customers_hot(&run->customers, cid);
	if (aging_item_date(&run->policy, it, hot.terms_days, &aged_from, &source) != AR_OK) {
		bad_row(run, r, rec->line, run->policy.basis == AGING_BASIS_DOC
		    ? "doc_date is empty (needed with --basis doc)"
		    : "due_date and doc_date are both empty");
		return;
	}
	run->from_terms += source == AGING_DATE_TERMS;
	run->credits_from_doc += source == AGING_DATE_CREDIT_DOC;
	run->not_in_master += !hot.in_master;
	pos = aging_position_for(&run->policy, aged_from, it->amount);

	if (run->o.detail) {
		char label[32], days[16];

		for (size_t i = 0; i < rec->nfields; i++)
			csvio_write_field(&run->w, rec->field[i].ptr, rec->field[i].len);
		snprintf(days, sizeof days, "%d", pos.days);
		csvio_write_str(&run->w, days);
		aging_column_label(&run->policy.buckets, pos.bucket, label, sizeof label);
		csvio_write_str(&run->w, label);
		csvio_end_record(&run->w);
		return;
	}

	switch (run->o.group_by) {
	case GROUP_CUSTOMER:
		key = cid;
		/* Not in the master: named by its first item that has a name. */
		if (!hot.named && cols->name >= 0 && rec->field[cols->name].len > 0 &&
		    customers_set_name(&run->customers, cid, rec->field[cols->name].ptr,
		    rec->field[cols->name].len) != AR_OK) {
			diag_error("out of memory");
			fail(run, EX_OSERR);
		}
		break;
	case GROUP_CURRENCY:
		key = 0;   /* the one key "", interned in main */
		break;
	default: {
		size_t len;
		const struct customer *cust = customers_get(&run->customers, cid);
		const char *s = run->o.group_by == GROUP_COLLECTOR
		    ? group_text(rec, cols->collector, cust->collector, &len)
		    : group_text(rec, cols->company, cust->company, &len);

		if (strtab_intern(run->groups, s, len, &key, NULL) != AR_OK) {
			diag_error("out of memory");
			fail(run, EX_OSERR);
		}
	}
	}
	if ((row = aging_table_row(&run->table, key, it->currency)) == NULL) {
		diag_error("out of memory");
		fail(run, EX_OSERR);
	}
	if (aging_row_add(row, &run->policy, pos, it->amount) != AR_OK) {
		diag_at(csvio_name(r), rec->line, "the %s total of customer \"%s\" does not fit in 64 bits",
		    currency_code(it->currency), strtab_key(run->customers.ids, cid));
		csvio_reader_close(r);
		fail(run, EX_DATAERR);
	}
}

/* Detail output follows the first input's header; later inputs must match it. */
static void
detail_header(struct age_run *run, struct csvio_reader *r)
{
	size_t n = csvio_ncolumns(r);

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
	struct csvio_opts copts = { run->ctx.delimiter };
	struct csvio_reader *r;
	struct csvio_record rec;
	struct item_columns cols;
	const char *missing;
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
	/* A damaged file (wrong field count, broken quote, not UTF-8) always stops. */
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		char msg[512];

		diag_progress(++run->rows);
		if (items_parse(&rec, &cols, &run->ctx.format, &it, &problem) != AR_OK) {
			items_problem_text(&problem, msg, sizeof msg);
			bad_row(run, r, rec.line, msg);
			continue;
		}
		if (run->only_currency >= 0 && it.currency != run->only_currency)
			continue;
		age_item(run, r, &rec, &cols, &it);
	}
	if (err != AR_EOF)
		fail_reader(run, r, err, path);
	csvio_reader_close(r);
}

static void
write_amount(struct csvio_writer *w, int64_t minor, currency_id cur)
{
	char buf[MONEY_TEXT_MAX];

	csvio_write_field(w, buf, money_format(minor, currency_exponent(cur), buf));
}

static void
write_count(struct csvio_writer *w, unsigned long long n)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%llu", n);
	csvio_write_str(w, buf);
}

static void
write_summary_header(struct age_run *run)
{
	static const char *first[] = { "customer", "collector", "company", "currency" };
	char label[32];

	csvio_write_str(&run->w, first[run->o.group_by]);
	if (run->o.group_by == GROUP_CUSTOMER)
		csvio_write_str(&run->w, "name");
	if (run->o.group_by != GROUP_CURRENCY)
		csvio_write_str(&run->w, "currency");
	for (int col = 0; col < aging_columns(&run->policy.buckets); col++) {
		aging_column_label(&run->policy.buckets, col, label, sizeof label);
		csvio_write_str(&run->w, label);
	}
	csvio_write_str(&run->w, "total");
	csvio_write_str(&run->w, "items");
	csvio_write_str(&run->w, "oldest_days");
	if (run->o.group_by == GROUP_CUSTOMER && run->o.customers_path) {
		csvio_write_str(&run->w, "collector");
		csvio_write_str(&run->w, "status");
		csvio_write_str(&run->w, "credit_limit");
	}
	if (run->o.large_past_due)
		csvio_write_str(&run->w, "past_due");
	csvio_end_record(&run->w);
}

/* One output row; key_text is NULL for a TOTAL row. */
static void
write_summary_row(struct age_run *run, const struct aging_row *row, const char *key_text)
{
	const struct customer *cust = NULL;

	if (run->o.group_by == GROUP_CUSTOMER && key_text != NULL)
		cust = customers_get(&run->customers, row->key);
	if (run->o.group_by != GROUP_CURRENCY)
		csvio_write_str(&run->w, key_text ? key_text : "TOTAL");
	if (run->o.group_by == GROUP_CUSTOMER)
		csvio_write_str(&run->w, cust ? cust->name : "");
	csvio_write_str(&run->w, currency_code(row->currency));
	for (int col = 0; col < aging_columns(&run->policy.buckets); col++)
		write_amount(&run->w, row->bucket[col], row->currency);
	write_amount(&run->w, row->total, row->currency);
	write_count(&run->w, row->items);
	write_count(&run->w, (unsigned long long)row->oldest_days);
	if (run->o.group_by == GROUP_CUSTOMER && run->o.customers_path) {
		csvio_write_str(&run->w, cust ? cust->collector : "");
		csvio_write_str(&run->w, cust ? cust->status : "");
		csvio_write_str(&run->w, cust ? cust->credit_limit : "");
	}
	if (run->o.large_past_due)
		write_amount(&run->w, row->past_due, row->currency);
	csvio_end_record(&run->w);
}

/* --totals: one row per currency summing the rows written. */
static void
write_totals(struct age_run *run)
{
	struct aging_row total[CURRENCY_MAX];
	bool seen[CURRENCY_MAX] = { false };

	memset(total, 0, sizeof total);
	for (size_t i = 0; i < run->table.n; i++) {
		const struct aging_row *row = &run->table.rows[i];
		struct aging_row *t = &total[row->currency];
		bool ok = true;

		seen[row->currency] = true;
		t->currency = row->currency;
		for (int col = 0; col < aging_columns(&run->policy.buckets); col++)
			ok &= money_add(&t->bucket[col], row->bucket[col]) == AR_OK;
		ok &= money_add(&t->total, row->total) == AR_OK;
		ok &= money_add(&t->past_due, row->past_due) == AR_OK;
		if (!ok) {
			diag_error("the %s total does not fit in 64 bits", currency_code(row->currency));
			fail(run, EX_DATAERR);
		}
		t->items += row->items;
		if (row->oldest_days > t->oldest_days)
			t->oldest_days = row->oldest_days;
	}
	/* Currencies in code order, like the rows. */
	for (;;) {
		int next = -1;

		for (int c = 0; c < CURRENCY_MAX; c++)
			if (seen[c] && (next < 0 || strcmp(currency_code(c), currency_code(next)) < 0))
				next = c;
		if (next < 0)
			break;
		seen[next] = false;
		write_summary_row(run, &total[next], NULL);
	}
}

static void
write_summary(struct age_run *run)
{
	const struct strtab *keys = run->o.group_by == GROUP_CUSTOMER ? run->customers.ids : run->groups;
	ar_err err;

	if (run->o.large_past_due) {
		int64_t min[CURRENCY_MAX];

		for (int c = 0; c < CURRENCY_MAX; c++) {
			min[c] = 1;   /* without --min-past-due: anything past due */
			if (run->o.min_past_due == NULL)
				continue;
			for (size_t i = 0; i < run->table.n; i++) {
				if (run->table.rows[i].currency != c)
					continue;
				if (money_parse(run->o.min_past_due, strlen(run->o.min_past_due),
				    currency_exponent(c), MONEY_DECIMAL_POINT, &min[c]) != AR_OK) {
					diag_error("--min-past-due \"%s\" is not an amount in %s",
					    run->o.min_past_due, currency_code(c));
					fail(run, EX_USAGE);
				}
				break;
			}
		}
		err = aging_table_large_past_due(&run->table, min, (size_t)run->o.top, group_key_text, keys);
	} else {
		err = aging_table_sort_by_key(&run->table, group_key_text, keys);
	}
	if (err != AR_OK) {
		diag_error("out of memory");
		fail(run, EX_OSERR);
	}
	write_summary_header(run);
	for (size_t i = 0; i < run->table.n; i++) {
		const struct aging_row *row = &run->table.rows[i];

		write_summary_row(run, row, run->o.group_by == GROUP_CURRENCY ? "" : strtab_key(keys, row->key));
	}
	if (run->o.totals)
		write_totals(run);
}

/* What the collections lead must know about how the figures were made. */
static void
report(const struct age_run *run)
{
	if (run->from_terms)
		diag_error("%lu item%s without due_date aged from doc_date + terms",
		    run->from_terms, run->from_terms == 1 ? "" : "s");
	if (run->credits_from_doc)
		diag_error("%lu credit%s without due_date aged from doc_date",
		    run->credits_from_doc, run->credits_from_doc == 1 ? "" : "s");
	if (run->o.customers_path && run->not_in_master) {
		size_t missing = strtab_count(run->customers.ids) - run->customers.in_master;

		diag_error("%lu item%s of %zu customer%s not in %s (aged all the same)",
		    run->not_in_master, run->not_in_master == 1 ? "" : "s",
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
		usage_error("--currency \"%s\" is not a known currency code", run.o.currency);
	if (customers_init(&run.customers, 65536) != AR_OK ||
	    (run.groups = strtab_new(256)) == NULL) {
		diag_error("out of memory");
		return EX_OSERR;
	}
	aging_table_init(&run.table);
	if (run.o.group_by == GROUP_CURRENCY) {
		uint32_t only;

		if (strtab_intern(run.groups, "", 0, &only, NULL) != AR_OK) {
			diag_error("out of memory");
			return EX_OSERR;
		}
	}
	if (run.o.customers_path)
		load_customers(&run);

	if (outfile_open(&run.out, run.o.common.output) != AR_OK) {
		diag_error("cannot create %s: %s", run.o.common.output, strerror(errno));
		return EX_CANTCREAT;
	}
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	if (optind == argc) {
		age_file(&run, NULL);
	} else {
		for (int i = optind; i < argc; i++)
			age_file(&run, strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	}
	diag_progress_done();
	if (!run.o.detail)
		write_summary(&run);
	if (outfile_commit(&run.out) != AR_OK) {
		diag_error("cannot write %s: %s",
		    run.o.common.output ? run.o.common.output : "standard output", strerror(errno));
		return EX_IOERR;
	}
	report(&run);

	for (size_t i = 0; i < run.detail_columns; i++)
		free(run.detail_header[i]);
	free(run.detail_header);
	aging_table_free(&run.table);
	strtab_free(run.groups);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
