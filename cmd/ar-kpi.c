/*
 * ar-kpi - the month-end collection KPIs (issue 17) from the ledger:
 * DSO by count-back and simple, best possible DSO, ADD, CEI, % current,
 * % over 90 days, turnover and the credit-note ratio, per currency in
 * total and per group (collector, company or customer).  The rules are
 * lib/ar/kpi.h's; this file reads the ledger into its sums and writes them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/kpi.h"
#include "ar/kpi_groups.h"
#include "ar/kpi_journal.h"
#include "ar/roll.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/history.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "report/kpi_report.h"
#include "report/kpi_roll.h"
#include "report/kpi_xlsx.h"

enum {
	OPT_LEDGER = CLI_OPT_FIRST_OWN, OPT_PERIOD, OPT_CUSTOMERS, OPT_GROUP_BY, OPT_JOURNAL,
	OPT_HISTORY, OPT_ROLL, OPT_AT_RISK, OPT_XLSX
};

enum group_by { GROUP_NONE, GROUP_COLLECTOR, GROUP_COMPANY, GROUP_CUSTOMER };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "ledger", 0, "FILE", OPT_LEDGER,
	  "every item of the last 12 months, open and\n"
	  "cleared: the items stream with clearing_date\n"
	  "(SAP FBL5N all items); required" },
	{ "period", 0, "month|quarter", OPT_PERIOD,
	  "the period ending at --as-of (default month)" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal: promises, disputes, contacts\n"
	  "(default: [journal] path of ar.ini, when set)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: collector, company, terms_days" },
	{ "group-by", 0, "collector|company|customer", OPT_GROUP_BY,
	  "rows per group besides ALL" },
	{ "history", 0, "DIR", OPT_HISTORY,
	  "earlier snapshots items-YYYY-MM-DD.csv (the roll\n"
	  "rates: the latest on or before the period's start)" },
	{ "roll", 0, "FILE", OPT_ROLL,
	  "write the roll rates (roll.csv) from that snapshot\n"
	  "to today's ITEMS" },
	{ "at-risk", 0, "FILE", OPT_AT_RISK,
	  "write the customers newly past 90 days and those\n"
	  "whose balance grew while overdue (at_risk.csv)" },
	{ "xlsx", 0, "FILE", OPT_XLSX,
	  "also write the workbook: the trend of the last 13\n"
	  "month ends (kpi-YYYY-MM-DD.csv of --history) with\n"
	  "charts of DSO and CEI, the KPIs, the roll, the\n"
	  "customers at risk, the contacts per channel" },
	CLI_END
};

static const struct cli_command command = {
	"ar-kpi", "--as-of DATE --ledger FILE [options] [ITEMS ...]",
	"Compute the month-end collection KPIs from the ledger: dso_countback,\n"
	"dso_simple, best_dso, add, cei, pct_current, pct_over_90, turnover and\n"
	"cn_ratio; and from the journal: promises_made, promises_kept,\n"
	"promises_broken, promise_kept_pct, disputes_opened, disputes_resolved,\n"
	"disputes_open, dispute_mean_days, contacts and coverage_pct; in total\n"
	"(group ALL) and per group.  Writes group, currency, kpi, value,\n"
	"numerator, denominator, period_start, period_end: the value with the\n"
	"numbers it came from.  With ITEMS (today's open items; - for standard\n"
	"input) and --history: the roll rates since the earlier snapshot and\n"
	"the customers at risk.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT,
	"write kpi.csv to FILE (default: standard output)", NULL,
	"the end of the period, a month end as a rule (required)", NULL
};

struct kpi_cmd {
	struct cli_common common;
	const char *ledger_path, *customers_path, *journal_path;
	const char *history_dir, *roll_path, *at_risk_path, *xlsx_path;
	char **items_paths;               /* ITEMS: today's snapshot */
	int nitems_paths;
	int period_months;
	enum group_by group_by;
	struct cli_context ctx;
	struct aging_policy terms;
	struct kpi_calendar calendar;
	struct customer_table customers;
	struct strtab *groups;
	uint32_t *customer_group;         /* per customer: its group + 1 from the master; 0 unknown */
	size_t ncustomer_group;
	struct kpi_groups *sums;          /* the ledger's, per group and currency */
	struct kpi_journal *journal;      /* NULL without a journal */
	unsigned long items, after_as_of, journal_rows, journal_after;
	struct roll *roll;                /* NULL: no roll asked for, or no snapshots */
	struct aging_policy aging;        /* [aging] as ar-age reads it, for the snapshots */
	civil_day earlier_date;           /* the earlier snapshot's */
	const char *earlier_path;
	unsigned long earlier_items, later_items;
	struct history snapshots;
	struct kpi_trend trend;           /* for --xlsx: the total over 13 month ends */
	int trend_months;                 /* earlier months read from the history */
	uint32_t *order;                  /* the groups by name */
	size_t ngroups;
	struct outfile out, roll_out, at_risk_out;
	bool out_open, roll_open, at_risk_open;
};

static struct kpi_cmd run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	if (run.roll_open)
		outfile_abort(&run.roll_out);
	if (run.at_risk_open)
		outfile_abort(&run.at_risk_out);
	config_free(run.ctx.config);
	exit(status);
}

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	fail(EX_OSERR);
}

/* [aging] as ar-age reads it: the snapshots are aged as the aging report ages them. */
static void
aging_policy_from_config(void)
{
	static const char *const bases[] = { "due", "doc", NULL };
	static const char *const credits[] = { "own-date", "current", NULL };
	const struct ar_config *cfg = run.ctx.config;
	const char *buckets = config_get_string(cfg, "aging:buckets");

	run.aging.basis = (enum aging_basis)cli_parse_word("[aging] basis",
	    config_get_string(cfg, "aging:basis"), bases);
	run.aging.credits = (enum aging_credits)cli_parse_word("[aging] credits",
	    config_get_string(cfg, "aging:credits"), credits);
	if (aging_buckets_parse(buckets, &run.aging.buckets) != AR_OK)
		cli_usage_error("[aging] buckets \"%s\" is not 1 to %d increasing numbers of days",
		    buckets, AGING_MAX_BUCKETS);
	run.aging.default_terms_days = run.terms.default_terms_days;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const periods[] = { "month", "quarter", NULL };
	static const char *const groups[] = { "collector", "company", "customer", NULL };
	struct kpi_cmd *r = ctx;

	switch (id) {
	case OPT_LEDGER: r->ledger_path = arg; break;
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_JOURNAL: r->journal_path = arg; break;
	case OPT_HISTORY: r->history_dir = arg; break;
	case OPT_ROLL: r->roll_path = arg; break;
	case OPT_AT_RISK: r->at_risk_path = arg; break;
	case OPT_XLSX: r->xlsx_path = arg; break;
	case OPT_PERIOD:
		r->period_months = cli_parse_word("--period", arg, periods) == 0 ? 1 : 3;
		break;
	case OPT_GROUP_BY:
		r->group_by = (enum group_by)(cli_parse_word("--group-by", arg, groups) + 1);
		break;
	}
}

struct ledger_columns {
	struct item_columns items;
	int clearing_date;
};

static _Noreturn void
bad_row(struct csvio_reader *r, long line, ar_err err, const char *msg)
{
	struct ar_error e = { 0 };

	ar_error_set(&e, err, line, "%s", msg);
	fail(cli_input_failed(r, err, &e));
}

/*
 * The group of a customer's row: its own collector or company column
 * (rec may be NULL: a journal row has none), else the master's; 0 when
 * there are no groups.
 */
static uint32_t
group_of(const struct csvio_record *rec, int col, uint32_t customer)
{
	const char *s = NULL;
	size_t len = 0;
	uint32_t group;
	bool added;

	if (run.group_by == GROUP_NONE)
		return 0;
	if (run.group_by != GROUP_CUSTOMER && rec != NULL &&
	    (s = items_field(rec, col, &len)) != NULL && len > 0) {
		if (strtab_intern(run.groups, s, len, &group, &added) != AR_OK)
			out_of_memory();
		return group;
	}
	/* The customer's own group, worked out once: most rows have no column of their own. */
	if (customer >= run.ncustomer_group) {
		size_t n = run.ncustomer_group ? 2 * run.ncustomer_group : 1024;
		uint32_t *g;

		while (n <= customer)
			n *= 2;
		if ((g = realloc(run.customer_group, n * sizeof *g)) == NULL)
			out_of_memory();
		memset(g + run.ncustomer_group, 0, (n - run.ncustomer_group) * sizeof *g);
		run.customer_group = g;
		run.ncustomer_group = n;
	}
	if (run.customer_group[customer] != 0)
		return run.customer_group[customer] - 1;
	if (run.group_by == GROUP_CUSTOMER) {
		s = strtab_key(run.customers.ids, customer);
	} else {
		const struct customer *m = customers_get(&run.customers, customer);

		s = run.group_by == GROUP_COLLECTOR ? m->collector : m->company;
	}
	if (strtab_intern(run.groups, s, strlen(s), &group, &added) != AR_OK)
		out_of_memory();
	run.customer_group[customer] = group + 1;
	return group;
}

static void
take_row(struct csvio_reader *r, const struct csvio_record *rec, const struct ledger_columns *c)
{
	struct item it;
	struct item_problem problem;
	enum aging_date_source source;
	civil_day due, cleared = DATE_NONE;
	const char *s;
	size_t len;
	uint32_t customer;
	bool added;

	if (items_parse(rec, &c->items, &run.ctx.format, &it, &problem) != AR_OK) {
		char msg[512];

		items_problem_text(&problem, msg, sizeof msg);
		bad_row(r, rec->line, problem.err, msg);
	}
	if ((s = items_field(rec, c->clearing_date, &len)) != NULL && len > 0 &&
	    date_parse(s, len, &run.ctx.format.dates, &cleared) != AR_OK) {
		char msg[160];

		snprintf(msg, sizeof msg, "clearing_date \"%.*s\" is not a date",
		    (int)(len > 40 ? 40 : len), s);
		bad_row(r, rec->line, AR_ESYNTAX, msg);
	}
	run.items++;
	if (it.doc_date > run.ctx.as_of) {
		run.after_as_of++;      /* not yet known at the as-of date */
		return;
	}
	if (customers_intern(&run.customers, it.customer, it.customer_len, &customer, &added) !=
	    AR_OK)
		out_of_memory();
	if (aging_item_date(&run.terms, &it, customers_hot(&run.customers, customer).terms_days,
	    &due, &source) != AR_OK)
		due = it.doc_date;
	s = items_field(rec, c->items.doc_type, &len);
	{
		enum kpi_doc doc = kpi_doc_of(s != NULL ? s : "", s != NULL ? len : 0);
		uint32_t group = group_of(rec, run.group_by == GROUP_COLLECTOR ?
		    c->items.collector : c->items.company, customer);

		switch (kpi_groups_add(run.sums, run.group_by != GROUP_NONE ? group : KPI_GROUP_ALL,
		    it.currency, &run.calendar, doc, it.doc_date, due, cleared, it.amount)) {
		case AR_OK: break;
		case AR_ENOMEM: out_of_memory();
		default: bad_row(r, rec->line, AR_ERANGE, "the sums of the ledger overflow");
		}
		/* Overdue at as-of: an amount owed, past due and not cleared (coverage). */
		if (run.journal != NULL && it.amount > 0 && due < run.ctx.as_of &&
		    (cleared == DATE_NONE || cleared > run.ctx.as_of) &&
		    kpi_journal_overdue(run.journal, customer, group) != AR_OK)
			out_of_memory();
	}
}

static void
read_ledger(void)
{
	int status;
	struct csvio_reader *r = cli_open_csv(run.ledger_path, &status);
	struct ledger_columns cols;
	struct csvio_record rec;
	ar_err err;

	if (r == NULL)
		fail(status);
	if ((status = cli_bind_ledger(r, true, &cols.items, &cols.clearing_date)) != 0)
		fail(status);
	while ((err = csvio_read(r, &rec)) == AR_OK)
		take_row(r, &rec, &cols);
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

static _Noreturn void
bad_journal_row(struct csvio_reader *r, long line, const char *what, const char *s, size_t len)
{
	char msg[200];

	snprintf(msg, sizeof msg, "%s \"%.*s\" is not %s", what, (int)(len > 40 ? 40 : len), s,
	    strcmp(what, "date") == 0 ? "a date" : strcmp(what, "currency") == 0 ?
	    "a known currency code" : "an amount");
	bad_row(r, line, AR_ESYNTAX, msg);
}

/* One journal row into the KPIs; a row after as-of is not yet known. */
static void
take_journal_row(struct csvio_reader *r, const struct csvio_record *rec,
    const struct journal_columns *c)
{
	struct kpi_journal_row row = { 0 };
	const char *s, *customer;
	size_t len, clen;
	bool added;

	s = items_field(rec, c->date, &len);
	if (date_parse(s, len, &run.ctx.format.dates, &row.date) != AR_OK)
		bad_journal_row(r, rec->line, "date", s, len);
	run.journal_rows++;
	if (row.date > run.ctx.as_of) {
		run.journal_after++;
		return;
	}
	customer = items_field(rec, c->customer, &clen);
	if (clen == 0)
		bad_row(r, rec->line, AR_ESYNTAX, "customer is empty");
	if (customers_intern(&run.customers, customer, clen, &row.customer, &added) != AR_OK)
		out_of_memory();
	row.group = group_of(NULL, -1, row.customer);
	row.line = rec->line;
	row.action = items_field(rec, c->action, &row.action_len);
	row.doc_no = items_field(rec, c->doc_no, &row.doc_len);
	if (row.doc_no == NULL)
		row.doc_no = "";
	row.currency = run.ctx.format.default_currency;
	s = items_field(rec, c->currency, &len);
	if (s != NULL && len > 0 && currency_lookup(s, len, &row.currency) != AR_OK)
		bad_journal_row(r, rec->line, "currency", s, len);
	s = items_field(rec, c->amount, &len);
	if (s != NULL && len > 0) {
		if (money_parse(s, len, currency_exponent(row.currency), run.ctx.format.decimal,
		    &row.amount) != AR_OK)
			bad_journal_row(r, rec->line, "amount", s, len);
		row.has_amount = true;
	}
	switch (kpi_journal_add(run.journal, &row)) {
	case AR_OK: break;
	case AR_ERANGE: bad_row(r, rec->line, AR_ERANGE, "the journal's sums overflow");
	default: out_of_memory();
	}
}

static void
read_journal(void)
{
	int status;
	struct csvio_reader *r = cli_open_csv(run.journal_path, &status);
	struct journal_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (r == NULL)
		fail(status);
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK)
		take_journal_row(r, &rec, &cols);
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
	if (kpi_journal_finish(run.journal) != AR_OK)
		out_of_memory();
}

/* One snapshot into the roll, aged at its own date. */
static void
read_snapshot(const char *path, bool earlier, civil_day date)
{
	int status;
	struct csvio_reader *r = cli_open_csv(path, &status);
	struct kpi_roll_source src = { run.aging, &run.customers, &run.ctx.format };
	struct ar_error e = { 0 };
	ar_err err;

	if (r == NULL)
		fail(status);
	src.policy.as_of = date;
	err = kpi_roll_read(run.roll, earlier, r, &src,
	    earlier ? &run.earlier_items : &run.later_items, &e);
	if (err == AR_ENOMEM)
		out_of_memory();
	if (err != AR_OK)
		fail(cli_input_failed(r, err, &e));
	csvio_reader_close(r);
}

/*
 * The roll from the latest snapshot of --history on or before the
 * period's start to today's ITEMS (or the history's snapshot of as-of).
 * Asked for by --roll or --at-risk (required): without the two snapshots
 * it fails; for the workbook alone it is left out, said on stderr.
 */
static void
roll_snapshots(bool required)
{
	const struct history_file *earlier, *today;
	civil_day before_period = run.calendar.end[run.period_months];
	char day[DATE_TEXT_MAX];

	if (history_scan(run.history_dir, "items", &run.snapshots) != AR_OK) {
		diag_error("cannot read the history folder %s: %s", run.history_dir,
		    strerror(errno));
		fail(EX_NOINPUT);
	}
	if ((earlier = history_on_or_before(&run.snapshots, before_period)) == NULL) {
		date_format(before_period, day);
		diag_error("%s holds no items-YYYY-MM-DD.csv dated on or before %s, the day "
		    "before the period%s", run.history_dir, day, required ? "" :
		    ": the workbook has no roll");
		if (required)
			fail(EX_NOINPUT);
		return;
	}
	today = history_on_or_before(&run.snapshots, run.ctx.as_of);
	if (run.nitems_paths == 0 && (today == NULL || today->date != run.ctx.as_of)) {
		date_format(run.ctx.as_of, day);
		diag_error("no ITEMS given and %s holds no items-%s.csv: today's open items "
		    "are needed for the roll%s", run.history_dir, day, required ? "" :
		    "; the workbook has none");
		if (required)
			fail(EX_NOINPUT);
		return;
	}
	run.earlier_date = earlier->date;
	run.earlier_path = earlier->path;
	if (roll_new(aging_columns(&run.aging.buckets),
	    roll_first_column_over(&run.aging.buckets, 90), &run.roll) != AR_OK)
		out_of_memory();
	read_snapshot(earlier->path, true, earlier->date);
	if (roll_begin_later(run.roll) != AR_OK) {
		diag_at(earlier->path, 0, "the snapshot's sums overflow");
		fail(EX_DATAERR);
	}
	if (run.nitems_paths == 0)
		read_snapshot(today->path, false, run.ctx.as_of);
	for (int i = 0; i < run.nitems_paths; i++)
		read_snapshot(strcmp(run.items_paths[i], "-") == 0 ? NULL : run.items_paths[i],
		    false, run.ctx.as_of);
	switch (roll_finish(run.roll)) {
	case AR_OK: break;
	case AR_ENOMEM: out_of_memory();
	default:
		diag_error("the roll of the two snapshots does not add up (a bug)");
		fail(EX_SOFTWARE);
	}
}

static unsigned
broken_of(const void *ctx, uint32_t customer)
{
	return kpi_journal_broken_of(ctx, customer);
}

/* roll.csv and at_risk.csv, each when asked for. */
static void
write_roll(void)
{
	struct csvio_writer w;
	struct row_sink_csv sink;
	int status;

	if (run.roll_path != NULL) {
		if ((status = cli_output_open(&run.roll_out, run.roll_path, false)) != 0)
			fail(status);
		run.roll_open = true;
		csvio_writer_init(&w, run.roll_out.fp, run.ctx.delimiter, false);
		row_sink_csv_init(&sink, &w);
		csvio_write_names(&w, kpi_roll_columns, kpi_roll_ncolumns);
		kpi_roll_write_rates(&sink.sink, run.roll, &run.aging.buckets, run.earlier_date,
		    run.ctx.as_of);
	}
	if (run.at_risk_path != NULL) {
		struct kpi_at_risk_evidence ev = { run.journal != NULL, broken_of, run.journal };

		if ((status = cli_output_open(&run.at_risk_out, run.at_risk_path, false)) != 0)
			fail(status);
		run.at_risk_open = true;
		csvio_writer_init(&w, run.at_risk_out.fp, run.ctx.delimiter, false);
		row_sink_csv_init(&sink, &w);
		csvio_write_names(&w, kpi_at_risk_columns, kpi_at_risk_ncolumns);
		if (kpi_roll_write_at_risk(&sink.sink, run.roll, &run.customers, &ev) != AR_OK)
			out_of_memory();
	}
}

/* Every output is complete: they appear together. */
static void
commit_roll(void)
{
	int status;

	if (run.roll_open) {
		run.roll_open = false;
		if ((status = cli_output_commit(&run.roll_out, run.roll_path)) != 0)
			fail(status);
	}
	if (run.at_risk_open) {
		run.at_risk_open = false;
		if ((status = cli_output_commit(&run.at_risk_out, run.at_risk_path)) != 0)
			fail(status);
	}
}

static int
by_group_name(const void *a, const void *b)
{
	return strcmp(strtab_key(run.groups, *(const uint32_t *)a),
	    strtab_key(run.groups, *(const uint32_t *)b));
}

static int
by_code(const void *a, const void *b)
{
	return strcmp(currency_code(*(const currency_id *)a), currency_code(*(const currency_id *)b));
}

/* The currencies of group (KPI_GROUP_ALL: the total) in the ledger or the journal's promises, by code. */
static size_t
currencies_of(uint32_t group, currency_id out[CURRENCY_MAX])
{
	bool seen[CURRENCY_MAX] = { false };
	currency_id promised[CURRENCY_MAX];
	size_t n = 0, np = run.journal != NULL ?
	    kpi_journal_currencies(run.journal, group, promised) : 0;

	kpi_groups_currencies(run.sums, group, seen);
	for (size_t i = 0; i < np; i++)
		seen[promised[i]] = true;
	for (int c = 0; c < CURRENCY_MAX; c++)
		if (seen[c])
			out[n++] = c;
	qsort(out, n, sizeof *out, by_code);
	return n;
}

/* A group's rows: per currency the ledger's KPIs and the promises, then those of no currency. */
static void
write_group(struct row_sink *w, const char *name, uint32_t group, bool trend)
{
	civil_day start = run.calendar.end[run.period_months] + 1;
	currency_id currencies[CURRENCY_MAX];
	size_t n = currencies_of(group, currencies);
	struct kpi_value values[KPI_NIDS];

	for (size_t i = 0; i < n; i++) {
		const struct kpi_ledger *l = kpi_groups_ledger(run.sums, group, currencies[i]);
		struct kpi_report_group g = { name, currencies[i], values, KPI_DSO_COUNTBACK,
		    run.journal != NULL ? KPI_DISPUTES_OPENED : KPI_NLEDGER };

		kpi_from_ledger(l, &run.calendar, values);
		if (run.journal != NULL)
			kpi_journal_values(run.journal, group, currencies[i], values);
		kpi_report_write_group(w, &g, start, run.ctx.as_of);
		if (trend)
			kpi_trend_set(&run.trend, KPI_TREND_MONTHS - 1, currencies[i], values,
			    g.first, g.end);
	}
	if (run.journal != NULL) {
		struct kpi_report_group g = { name, KPI_REPORT_NO_CURRENCY, values,
		    KPI_DISPUTES_OPENED, KPI_NIDS };

		kpi_journal_values(run.journal, group, KPI_NO_CURRENCY, values);
		kpi_report_write_group(w, &g, start, run.ctx.as_of);
		if (trend)
			kpi_trend_set(&run.trend, KPI_TREND_MONTHS - 1, KPI_REPORT_NO_CURRENCY, values,
			    g.first, g.end);
	}
}

/* The total's rows, then every group's by name. */
static void
write_groups(struct row_sink *w, bool trend)
{
	write_group(w, "ALL", KPI_GROUP_ALL, trend);
	for (size_t i = 0; i < run.ngroups; i++)
		write_group(w, strtab_key(run.groups, run.order[i]), run.order[i], false);
}

static void
write_kpis(void)
{
	struct csvio_writer w;
	struct row_sink_csv sink;
	int status;

	run.ngroups = run.group_by == GROUP_NONE ? 0 : strtab_count(run.groups);
	if ((run.order = malloc((run.ngroups ? run.ngroups : 1) * sizeof *run.order)) == NULL)
		out_of_memory();
	for (uint32_t g = 0; g < run.ngroups; g++)
		run.order[g] = g;
	if (run.ngroups > 1)
		qsort(run.order, run.ngroups, sizeof *run.order, by_group_name);
	if ((status = cli_output_open(&run.out, run.common.output, false)) != 0)
		fail(status);
	run.out_open = true;
	csvio_writer_init(&w, run.out.fp, run.ctx.delimiter, false);
	row_sink_csv_init(&sink, &w);
	kpi_report_write_header(&w);
	write_groups(&sink.sink, run.xlsx_path != NULL);
}

/*
 * The trend's earlier months from the kpi.csv of each kept in --history
 * (kpi-YYYY-MM-DD.csv): the latest dated in the month, up to its end.
 */
static void
read_trend(void)
{
	struct history h;

	if (run.history_dir == NULL)
		return;
	if (history_scan(run.history_dir, "kpi", &h) != AR_OK) {
		diag_error("cannot read the history folder %s: %s", run.history_dir,
		    strerror(errno));
		history_free(&h);
		fail(EX_NOINPUT);
	}
	for (int m = 0; m < KPI_TREND_MONTHS - 1; m++) {
		const struct history_file *f = history_on_or_before(&h, run.trend.end[m]);
		civil_day after = run.trend.end[0];
		struct csvio_reader *r;
		struct ar_error e = { 0 };
		ar_err err;
		int status;

		if (m > 0)
			after = run.trend.end[m - 1];
		else if (date_add_months(run.trend.end[0], -1, &after) != AR_OK)
			continue;
		if (f == NULL || f->date <= after)
			continue;
		if ((r = cli_open_csv(f->path, &status)) == NULL)
			fail(status);
		if ((err = kpi_trend_read(&run.trend, m, f->date, r, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		csvio_reader_close(r);
		run.trend_months++;
	}
	history_free(&h);
}

/* The contacts per channel of the total and of every group. */
static void
write_contacts(struct row_sink *w)
{
	for (size_t i = 0; i <= run.ngroups; i++) {
		uint32_t group = i == 0 ? KPI_GROUP_ALL : run.order[i - 1];
		int64_t ch[KPI_CHANNELS], total = 0;

		kpi_journal_channels(run.journal, group, ch);
		w->text(w, i == 0 ? "ALL" : strtab_key(run.groups, group));
		for (int c = 0; c < KPI_CHANNELS; c++) {
			w->count(w, ch[c]);
			total += ch[c];
		}
		w->count(w, total);
		w->end(w);
	}
}

/* A sheet's rows written: its columns fitted to them, its failure kept. */
static void
sheet_done(struct row_sink_sheet *x, ar_err *err)
{
	xlsx_fit_columns(x->book, x->ws);
	*err = x->err;
}

/* One sheet of rows through a sink; the first failure is kept in *err. */
static bool
sheet(struct row_sink_sheet *x, struct xlsx_book *book, const char *name,
    const char *const *names, unsigned n, ar_err *err)
{
	if (*err != AR_OK)
		return false;
	if (!row_sink_sheet_start(x, book, name, names, (uint16_t)n)) {
		*err = x->err;
		return false;
	}
	return true;
}

static void
write_xlsx(void)
{
	static const char *const contacts[] = {
		"group", "call", "letter", "email", "sms", "im", "contacts"
	};
	struct xlsx_book *book;
	struct row_sink_sheet x;
	struct ar_error e = { 0 };
	ar_err err;

	read_trend();
	if (xlsx_open(&book, run.xlsx_path, true, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	err = kpi_xlsx_trend(book, &run.trend);
	if (sheet(&x, book, "KPIs", kpi_report_columns, kpi_report_ncolumns, &err)) {
		write_groups(&x.sink, false);
		sheet_done(&x, &err);
	}
	if (run.roll != NULL) {
		struct kpi_at_risk_evidence ev = { run.journal != NULL, broken_of, run.journal };

		if (sheet(&x, book, "Roll rates", kpi_roll_columns, kpi_roll_ncolumns, &err)) {
			kpi_roll_write_rates(&x.sink, run.roll, &run.aging.buckets, run.earlier_date,
			    run.ctx.as_of);
			sheet_done(&x, &err);
		}
		if (err == AR_OK)
			err = kpi_xlsx_matrix(book, run.roll, &run.aging.buckets, run.earlier_date,
			    run.ctx.as_of);
		if (sheet(&x, book, "At risk", kpi_at_risk_columns, kpi_at_risk_ncolumns, &err)) {
			if (kpi_roll_write_at_risk(&x.sink, run.roll, &run.customers, &ev) != AR_OK)
				x.err = AR_ENOMEM;
			sheet_done(&x, &err);
		}
	}
	if (run.journal != NULL && sheet(&x, book, "Contacts", contacts,
	    sizeof contacts / sizeof contacts[0], &err)) {
		write_contacts(&x.sink);
		sheet_done(&x, &err);
	}
	if (row_sink_book_finish(book, err, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
}

static void
commit_kpis(void)
{
	int status;

	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
}

/* What was read, on stderr: the items, the journal rows, the groups and currencies written. */
static void
summary(void)
{
	size_t currencies = 0, groups = strtab_count(run.groups);
	char journal[96] = "", grouped[64] = "";
	bool seen[CURRENCY_MAX] = { false };

	kpi_groups_currencies(run.sums, KPI_GROUP_ALL, seen);
	for (int c = 0; c < CURRENCY_MAX; c++)
		currencies += seen[c];
	if (run.journal != NULL)
		snprintf(journal, sizeof journal, ", %lu journal row%s", run.journal_rows,
		    run.journal_rows == 1 ? "" : "s");
	if (run.group_by != GROUP_NONE)
		snprintf(grouped, sizeof grouped, ", %zu group%s", groups, groups == 1 ? "" : "s");
	diag_error("%lu ledger item%s%s, %zu currenc%s%s", run.items, run.items == 1 ? "" : "s",
	    journal, currencies, currencies == 1 ? "y" : "ies", grouped);
	if (run.after_as_of > 0)
		diag_error("%lu item%s dated after the as-of date not considered", run.after_as_of,
		    run.after_as_of == 1 ? "" : "s");
	if (run.roll != NULL) {
		char day[DATE_TEXT_MAX];

		date_format(run.earlier_date, day);
		diag_error("roll from %s (%lu item%s, %s) to today's %lu item%s", run.earlier_path,
		    run.earlier_items, run.earlier_items == 1 ? "" : "s", day, run.later_items,
		    run.later_items == 1 ? "" : "s");
	}
	if (run.journal_after > 0)
		diag_error("%lu journal row%s dated after the as-of date not considered",
		    run.journal_after, run.journal_after == 1 ? "" : "s");
}

int
main(int argc, char *argv[])
{
	int first, status;

	run.period_months = 1;
	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the period ends on it");
	if (run.ledger_path == NULL)
		cli_usage_error("--ledger FILE is required: the KPIs come from it");
	run.items_paths = argv + first;
	run.nitems_paths = argc - first;
	if ((run.roll_path != NULL || run.at_risk_path != NULL) && run.history_dir == NULL)
		cli_usage_error("--%s needs --history DIR, where the earlier snapshot is kept",
		    run.roll_path != NULL ? "roll" : "at-risk");
	if (run.nitems_paths > 0 && run.history_dir == NULL)
		cli_usage_error("ITEMS are today's snapshot for the roll since the one in "
		    "--history DIR; the KPIs come from --ledger");
	if ((run.group_by == GROUP_COLLECTOR || run.group_by == GROUP_COMPANY) &&
	    run.customers_path == NULL)
		cli_usage_error("--group-by %s needs --customers FILE, where it is kept",
		    run.group_by == GROUP_COLLECTOR ? "collector" : "company");
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (kpi_calendar_init(&run.calendar, run.ctx.as_of, run.period_months) != AR_OK)
		cli_usage_error("--as-of is too early: a year of months must lie before it");
	run.terms.basis = AGING_BASIS_DUE;
	run.terms.default_terms_days = (int)config_get_long(run.ctx.config,
	    "aging:default_terms_days");
	aging_policy_from_config();
	if (run.customers_path != NULL) {
		if ((status = cli_load_customers(run.customers_path, &run.customers)) != 0)
			fail(status);
	} else if (customers_init(&run.customers, 1024) != AR_OK) {
		out_of_memory();
	}
	if ((run.groups = strtab_new(1024)) == NULL || kpi_groups_new(&run.sums) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.journal_path != NULL && kpi_journal_new(&run.calendar, &run.journal) != AR_OK)
		out_of_memory();
	read_ledger();
	if (run.journal != NULL)
		read_journal();
	if (run.roll_path != NULL || run.at_risk_path != NULL)
		roll_snapshots(true);
	else if (run.xlsx_path != NULL && run.history_dir != NULL)
		roll_snapshots(false);
	if (run.xlsx_path != NULL && kpi_trend_init(&run.trend, &run.calendar) != AR_OK)
		out_of_memory();
	write_kpis();
	if (run.roll != NULL)
		write_roll();
	if (run.xlsx_path != NULL)
		write_xlsx();
	commit_kpis();
	commit_roll();
	summary();
	roll_free(run.roll);
	history_free(&run.snapshots);
	kpi_trend_free(&run.trend);
	free(run.order);
	kpi_journal_free(run.journal);
	free(run.customer_group);
	kpi_groups_free(run.sums);
	strtab_free(run.groups);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
