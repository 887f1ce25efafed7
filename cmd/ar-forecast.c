/*
 * ar-forecast - when today's open items are expected to be collected
 * (issue 17), per week or month, currency and company: each customer's
 * days late from the ledger's cleared items (or the portfolio's), the
 * journal's open promises, disputed, insolvent and credits apart; and how
 * far a forecast kept in history came true.  The rules are
 * lib/ar/forecast.h's; this file reads the inputs into them and writes
 * forecast.csv, backtest.csv and the workbook (lib/report/forecast_*).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/forecast.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/pod_input.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/history.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "report/forecast_report.h"
#include "report/forecast_xlsx.h"

enum { OPT_WEEKS = CLI_OPT_FIRST_OWN, OPT_MONTHS, OPT_LEDGER, OPT_HISTORY, OPT_JOURNAL,
	OPT_CUSTOMERS, OPT_XLSX, OPT_BACKTEST };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "weeks", 0, "N", OPT_WEEKS, "N weeks from the day after --as-of (1 to 104; default 13)" },
	{ "months", 0, "N", OPT_MONTHS, "N months instead (1 to 24)" },
	{ "ledger", 0, "FILE", OPT_LEDGER,
	  "the ledger: the items stream with clearing_date; its\n"
	  "cleared items give each customer's days late and the\n"
	  "backtest's actuals (without it: 0 days late)" },
	{ "history", 0, "DIR", OPT_HISTORY,
	  "the forecasts kept as DIR/forecast-YYYY-MM-DD.csv: the\n"
	  "backtest's past forecast is taken from there" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal: open promises and disputes\n"
	  "(default: [journal] path of ar.ini, when set)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: company, terms_days, status" },
	{ "xlsx", 0, "FILE", OPT_XLSX, "also write the workbook: Forecast, Backtest, Notes" },
	{ "backtest", 0, "FILE", OPT_BACKTEST,
	  "write backtest.csv: the past forecast against what\n"
	  "was collected (needs --ledger)" },
	CLI_END
};

static const struct cli_command command = {
	"ar-forecast", "--as-of DATE [options] [ITEMS ...]",
	"Forecast when the open items of ITEMS (standard input when none) will be\n"
	"collected, per week (or month), currency and company: each item at its\n"
	"due date plus its customer's days late from the ledger, or at the date\n"
	"of the customer's open promise; disputed, insolvent and credits apart.\n"
	"Writes currency, company, column, period_start, period_end, amount.\n"
	"With --history and --ledger, backtests the forecast kept from one\n"
	"horizon ago against what was collected since.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT,
	"write forecast.csv to FILE (default: standard output)",
	"separator of ITEMS and the ledger: , ; tab | (default ,)",
	"the day the forecast is made (required)", NULL
};

struct fc_cmd {
	struct cli_common common;
	const char *ledger_path, *history_dir, *journal_path, *customers_path;
	const char *xlsx_path, *backtest_path;
	int weeks, months;                /* 0: not given */
	struct cli_context ctx;
	struct aging_policy terms;
	struct forecast_params params;
	struct customer_table customers;
	struct strtab *companies;         /* id 0: "" */
	uint32_t *master_company;         /* per customer: its company id + 1 from the master; 0 unknown */
	uint64_t *currencies;             /* per customer: the currencies of its open items */
	size_t ncustomer;
	struct journal *journal;          /* NULL without a journal */
	struct forecast_behaviour *behaviour;
	struct forecast *forecast;
	struct forecast_backtest *backtest;
	struct forecast_calendar past;
	char past_source[4200];
	unsigned long items, ledger_rows, after_as_of, ledger_after, closed, promises;
	unsigned long basis[3];
	struct outfile out, bt_out;
	bool out_open, bt_open;
};

static struct fc_cmd run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	if (run.bt_open)
		outfile_abort(&run.bt_out);
	config_free(run.ctx.config);
	exit(status);
}

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	fail(EX_OSERR);
}

static int
periods_arg(const char *opt, const char *arg, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 1 || v > max)
		cli_usage_error("%s \"%s\" is not a whole number from 1 to %ld", opt, arg, max);
	return (int)v;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	struct fc_cmd *r = ctx;

	switch (id) {
	case OPT_WEEKS: r->weeks = periods_arg("--weeks", arg, FORECAST_MAX_PERIODS); break;
	case OPT_MONTHS: r->months = periods_arg("--months", arg, 24); break;
	case OPT_LEDGER: r->ledger_path = arg; break;
	case OPT_HISTORY: r->history_dir = arg; break;
	case OPT_JOURNAL: r->journal_path = arg; break;
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_XLSX: r->xlsx_path = arg; break;
	case OPT_BACKTEST: r->backtest_path = arg; break;
	}
}

static _Noreturn void
bad_row(struct csvio_reader *r, long line, ar_err err, const char *msg)
{
	struct ar_error e = { 0 };

	ar_error_set(&e, err, line, "%s", msg);
	fail(cli_input_failed(r, err, &e));
}

/* ITEMS and the ledger, with --delimiter (NULL: standard input). */
static struct csvio_reader *
open_input(const char *path)
{
	struct csvio_opts copts = { run.ctx.delimiter, false, false, NULL };
	struct csvio_reader *r;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail(cli_reader_failed(r, err, path ? path : "<stdin>"));
	return r;
}

/* The per-customer arrays, grown to hold customer. */
static void
grow_customers(uint32_t customer)
{
	size_t n = run.ncustomer ? 2 * run.ncustomer : 1024;
	uint32_t *c;
	uint64_t *m;

	if (customer < run.ncustomer)
		return;
	while (n <= customer)
		n *= 2;
	if ((c = realloc(run.master_company, n * sizeof *c)) == NULL)
		out_of_memory();
	run.master_company = c;
	if ((m = realloc(run.currencies, n * sizeof *m)) == NULL)
		out_of_memory();
	run.currencies = m;
	memset(c + run.ncustomer, 0, (n - run.ncustomer) * sizeof *c);
	memset(m + run.ncustomer, 0, (n - run.ncustomer) * sizeof *m);
	run.ncustomer = n;
}

/* The row's company: its own column, else the master's (worked out once per customer). */
static uint32_t
company_of(const struct csvio_record *rec, int col, uint32_t customer)
{
	size_t len;
	const char *s = items_field(rec, col, &len);
	bool own = len > 0, added;
	uint32_t id;

	if (!own && run.master_company[customer] != 0)
		return run.master_company[customer] - 1;
	if (!own) {
		s = customers_get(&run.customers, customer)->company;
		len = strlen(s);
	}
	if (strtab_intern(run.companies, s, len, &id, &added) != AR_OK)
		out_of_memory();
	if (!own)
		run.master_company[customer] = id + 1;
	return id;
}

/* One row of ITEMS or the ledger: parsed, its customer, due date and clearing date. */
struct row {
	struct item it;
	uint32_t customer;
	civil_day due, cleared;
};

static bool
take_row(struct csvio_reader *r, const struct csvio_record *rec, const struct item_columns *c,
    int clearing_col, struct row *out)
{
	struct item_problem problem;
	enum aging_date_source source;
	const char *s;
	size_t len;
	bool added;

	if (items_parse(rec, c, &run.ctx.format, &out->it, &problem) != AR_OK) {
		char msg[512];

		items_problem_text(&problem, msg, sizeof msg);
		bad_row(r, rec->line, problem.err, msg);
	}
	out->cleared = DATE_NONE;
	if ((s = items_field(rec, clearing_col, &len)) != NULL && len > 0 &&
	    date_parse(s, len, &run.ctx.format.dates, &out->cleared) != AR_OK) {
		char msg[160];

		snprintf(msg, sizeof msg, "clearing_date \"%.*s\" is not a date",
		    (int)(len > 40 ? 40 : len), s);
		bad_row(r, rec->line, AR_ESYNTAX, msg);
	}
	if (out->it.doc_date != DATE_NONE && out->it.doc_date > run.ctx.as_of)
		return false;   /* not yet known at the as-of date */
	if (customers_intern(&run.customers, out->it.customer, out->it.customer_len, &out->customer,
	    &added) != AR_OK)
		out_of_memory();
	grow_customers(out->customer);
	if (aging_item_date(&run.terms, &out->it, customers_hot(&run.customers,
	    out->customer).terms_days, &out->due, &source) != AR_OK)
		bad_row(r, rec->line, AR_ESYNTAX, "no due_date, and no doc_date to add terms to");
	return true;
}

static void
read_ledger(void)
{
	struct csvio_reader *r = open_input(run.ledger_path);
	struct item_columns cols;
	struct csvio_record rec;
	int clearing, status;
	ar_err err;

	if ((status = cli_bind_ledger(r, false, &cols, &clearing)) != 0)
		fail(status);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct row w;
		struct forecast_paid p;

		run.ledger_rows++;
		if (!take_row(r, &rec, &cols, clearing, &w)) {
			run.ledger_after++;
			continue;
		}
		p = (struct forecast_paid){ w.customer, w.it.currency,
		    company_of(&rec, cols.company, w.customer), w.it.doc_date, w.due, w.cleared,
		    w.it.amount };
		if ((err = forecast_behaviour_add(run.behaviour, &p)) == AR_OK && run.backtest != NULL)
			err = forecast_backtest_collect(run.backtest, &p);
		if (err == AR_ENOMEM)
			out_of_memory();
		if (err != AR_OK)
			bad_row(r, rec.line, AR_ERANGE, "the sums of the ledger overflow");
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

static void
read_items(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	int clearing;
	ar_err err;

	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	clearing = csvio_column(r, "clearing_date");   /* the ledger itself given as ITEMS */
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct row w;
		struct forecast_item it;
		const char *doc;
		size_t doclen, dlen;

		if (!take_row(r, &rec, &cols, clearing, &w)) {
			run.after_as_of++;
			continue;
		}
		if (w.cleared != DATE_NONE && w.cleared <= run.ctx.as_of) {
			run.closed++;
			continue;
		}
		run.items++;
		doc = items_field(&rec, cols.doc_no, &doclen);
		(void)items_field(&rec, cols.dispute, &dlen);
		it = (struct forecast_item){ w.customer, w.it.currency,
		    company_of(&rec, cols.company, w.customer), w.it.doc_date, w.due, w.it.amount,
		    dlen > 0 || (run.journal != NULL && journal_disputed(run.journal, w.it.customer,
		    w.it.customer_len, doc, doclen)),
		    pod_proceeding(customers_get(&run.customers, w.customer)->status) };
		run.currencies[w.customer] |= (uint64_t)1 << w.it.currency;
		switch (forecast_add(run.forecast, &it)) {
		case AR_OK: break;
		case AR_ENOMEM: out_of_memory();
		default: bad_row(r, rec.line, AR_ERANGE, "the sums of the forecast overflow");
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* The journal, read at the as-of date. */
static void
load_journal(void)
{
	int status;
	struct csvio_reader *r = cli_open_csv(run.journal_path, &status);
	struct item_format journal_format = run.ctx.format;
	struct ar_error e = { 0 };
	ar_err err;

	if (r == NULL)
		fail(status);
	if (journal_new(&run.journal, run.ctx.as_of, run.ctx.format.has_default_currency ?
	    run.ctx.format.default_currency : 0) != AR_OK)
		out_of_memory();
	/* Our tools write the journal with a point for decimals, whatever [input] says. */
	journal_format.decimal = MONEY_DECIMAL_POINT;
	if ((err = journal_load(run.journal, r, &journal_format, NULL, NULL, &e)) != AR_OK)
		fail(cli_input_failed(r, err, &e));
	csvio_reader_close(r);
}

/* The open promises of the customers with open items, and their basis counted. */
static void
promises_and_basis(void)
{
	for (uint32_t id = 0; id < strtab_count(run.customers.ids); id++) {
		const struct journal_facts *jf;
		enum forecast_basis basis;

		if (id >= run.ncustomer || run.currencies[id] == 0)
			continue;
		for (int c = 0; c < CURRENCY_MAX; c++)
			if (run.currencies[id] & (uint64_t)1 << c) {
				(void)forecast_days_late(run.behaviour, id, c, &basis);
				run.basis[basis]++;
			}
		if (run.journal == NULL || (jf = journal_find(run.journal,
		    strtab_key(run.customers.ids, id), strtab_key_len(run.customers.ids, id))) == NULL ||
		    !jf->promise_open)
			continue;
		if (forecast_promise(run.forecast, id, &(struct forecast_promise){ jf->promise_due,
		    jf->promise_has_amount, jf->promise_amount, jf->promise_currency,
		    jf->promise_currency_given }) != AR_OK)
			out_of_memory();
		run.promises++;
	}
}

/*
 * The past forecast of the backtest from --history: the latest made a
 * whole horizon (this run's) before as-of, else the earliest made before
 * it; none: said, and no backtest.
 */
static void
load_past(void)
{
	struct history h;
	const struct history_file *pick;
	civil_day before = run.ctx.as_of;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	int status, over = 0;
	ar_err err;

	if ((err = history_scan(run.history_dir, "forecast", &h)) != AR_OK) {
		int why = errno;

		history_free(&h);
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_error("cannot open %s: %s", run.history_dir, strerror(why));
		fail(EX_NOINPUT);
	}
	if (run.params.monthly)
		(void)date_add_months(run.ctx.as_of, -run.params.periods, &before);
	else
		before = run.ctx.as_of - 7 * run.params.periods;
	if ((pick = history_on_or_before(&h, before)) == NULL && h.n > 0 &&
	    h.files[0].date < run.ctx.as_of)
		pick = &h.files[0];
	if (pick == NULL) {
		snprintf(run.past_source, sizeof run.past_source, "none: %s holds no "
		    "forecast-YYYY-MM-DD.csv dated before the as-of date", run.history_dir);
		history_free(&h);
		return;
	}
	if ((r = cli_open_csv(pick->path, &status)) == NULL) {
		history_free(&h);
		fail(status);
	}
	if ((err = forecast_report_read_past(r, pick->date, run.ctx.as_of, run.params.periods,
	    run.params.monthly, run.companies, &run.backtest, &run.past, &e)) != AR_OK) {
		history_free(&h);
		if (err == AR_ENOMEM)
			out_of_memory();
		fail(cli_input_failed(r, err, &e));
	}
	csvio_reader_close(r);
	while (over < run.past.periods && run.past.end[over + 1] <= run.ctx.as_of)
		over++;
	if (over == run.past.periods)
		snprintf(run.past_source, sizeof run.past_source, "%s, entirely over (%d %s%s)",
		    pick->path, over, run.past.monthly ? "month" : "week", over == 1 ? "" : "s");
	else
		snprintf(run.past_source, sizeof run.past_source, "%s, partly over (%d of %d %s%s)",
		    pick->path, over, run.past.periods, run.past.monthly ? "month" : "week",
		    run.past.periods == 1 ? "" : "s");
	history_free(&h);
}

static void
open_output(struct outfile *o, const char *path, bool *opened)
{
	int status = cli_output_open(o, path, true);

	if (status != 0)
		fail(status);
	*opened = true;
}

static void
commit_output(struct outfile *o, const char *path, bool *opened)
{
	int status = cli_output_commit(o, path);

	*opened = false;
	if (status != 0)
		fail(status);
}

static void
write_backtest(const size_t *bt_order)
{
	struct csvio_writer w;

	open_output(&run.bt_out, run.backtest_path, &run.bt_open);
	csvio_writer_init(&w, run.bt_out.fp, ',', false);
	if (forecast_report_write_backtest(&w, run.backtest, &run.past, bt_order,
	    run.companies) != AR_OK) {
		diag_error("%s: an error of the backtest overflows", run.backtest_path);
		fail(EX_DATAERR);
	}
}

static void
write_outputs(void)
{
	size_t ngroups = forecast_ngroups(run.forecast);
	size_t nbt = run.backtest != NULL ? forecast_backtest_ngroups(run.backtest) : 0;
	size_t *order = malloc((ngroups ? ngroups : 1) * sizeof *order);
	size_t *bt_order = malloc((nbt ? nbt : 1) * sizeof *bt_order);
	const struct forecast_calendar *cal = forecast_calendar_of(run.forecast);
	struct csvio_writer w;

	if (order == NULL || bt_order == NULL)
		out_of_memory();
	forecast_report_order(run.forecast, run.companies, order);
	if (run.backtest != NULL)
		forecast_report_backtest_order(run.backtest, run.companies, bt_order);
	open_output(&run.out, run.common.output, &run.out_open);
	csvio_writer_init(&w, run.out.fp, ',', false);
	forecast_report_write_header(&w);
	for (size_t i = 0; i < ngroups; i++) {
		const struct forecast_group *g = forecast_group_at(run.forecast, order[i]);

		forecast_report_write_group(&w, cal, g, strtab_key(run.companies, g->company));
	}
	if (run.backtest_path != NULL)
		write_backtest(bt_order);
	if (run.xlsx_path != NULL) {
		struct forecast_book b = { run.forecast, order, run.companies, run.backtest,
		    &run.past, bt_order, run.params.lookback_days, run.params.min_items,
		    { run.basis[0], run.basis[1], run.basis[2] }, run.promises, run.past_source };
		struct ar_error e = { 0 };

		if (forecast_xlsx_write(run.xlsx_path, &b, &e) != AR_OK) {
			diag_report(run.xlsx_path, &e);
			fail(ar_exit_code(e.code));
		}
	}
	free(order);
	free(bt_order);
	commit_output(&run.out, run.common.output, &run.out_open);
	if (run.backtest_path != NULL)
		commit_output(&run.bt_out, run.backtest_path, &run.bt_open);
}

/* What was read, on stderr: items, customers, groups, the basis of days late, the backtest. */
static void
summary(void)
{
	size_t currencies = 0, customers = 0, groups = forecast_ngroups(run.forecast);
	uint64_t seen = 0;
	char ledger[64] = "";

	for (size_t i = 0; i < run.ncustomer; i++) {
		seen |= run.currencies[i];
		customers += run.currencies[i] != 0;
	}
	for (int c = 0; c < CURRENCY_MAX; c++)
		currencies += (seen >> c) & 1;
	if (run.ledger_path != NULL)
		snprintf(ledger, sizeof ledger, ", %lu ledger item%s", run.ledger_rows,
		    run.ledger_rows == 1 ? "" : "s");
	diag_error("%lu open item%s%s, %zu customer%s, %zu currenc%s, %zu group%s", run.items,
	    run.items == 1 ? "" : "s", ledger, customers, customers == 1 ? "" : "s", currencies,
	    currencies == 1 ? "y" : "ies", groups, groups == 1 ? "" : "s");
	diag_error("days late from own history %lu, portfolio %lu, none %lu; %lu promise%s applied",
	    run.basis[FORECAST_BASIS_OWN], run.basis[FORECAST_BASIS_PORTFOLIO],
	    run.basis[FORECAST_BASIS_NONE], run.promises, run.promises == 1 ? "" : "s");
	if ((run.history_dir != NULL && run.ledger_path != NULL) || run.backtest_path != NULL)
		diag_error("backtest: %s", run.past_source);
	if (run.closed > 0)
		diag_error("%lu item%s cleared by the as-of date not considered", run.closed,
		    run.closed == 1 ? "" : "s");
	if (run.after_as_of + run.ledger_after > 0)
		diag_error("%lu item%s dated after the as-of date not considered",
		    run.after_as_of + run.ledger_after, run.after_as_of + run.ledger_after == 1 ?
		    "" : "s");
}

int
main(int argc, char *argv[])
{
	struct forecast_params defaults = FORECAST_PARAMS_DEFAULT;
	int first, status;
	uint32_t none;
	bool added;

	run.params = defaults;
	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the forecast starts the day after it");
	if (run.weeks > 0 && run.months > 0)
		cli_usage_error("--weeks and --months exclude each other: periods are weeks or months");
	if (run.backtest_path != NULL && run.ledger_path == NULL)
		cli_usage_error("--backtest needs --ledger FILE: what was collected comes from it");
	cli_resolve_or_exit(&run.common, &run.ctx);
	run.params.as_of = run.ctx.as_of;
	run.params.monthly = run.months > 0;
	run.params.periods = run.months > 0 ? run.months : run.weeks > 0 ? run.weeks :
	    run.params.periods;
	if (forecast_calendar_init(&run.past, run.ctx.as_of, run.params.periods,
	    run.params.monthly) != AR_OK)
		cli_usage_error("--as-of is too late: the periods would run past 9999-12-31");
	run.terms.basis = AGING_BASIS_DUE;
	run.terms.default_terms_days = (int)config_get_long(run.ctx.config,
	    "aging:default_terms_days");
	if (run.customers_path != NULL) {
		if ((status = cli_load_customers(run.customers_path, &run.customers)) != 0)
			fail(status);
	} else if (customers_init(&run.customers, 1024) != AR_OK) {
		out_of_memory();
	}
	grow_customers(strtab_count(run.customers.ids));
	if ((run.companies = strtab_new(64)) == NULL ||
	    strtab_intern(run.companies, "", 0, &none, &added) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.journal_path != NULL)
		load_journal();
	strcpy(run.past_source, run.history_dir == NULL ? "none: no --history" : "none: no --ledger");
	if (run.history_dir != NULL && run.ledger_path != NULL)
		load_past();
	else if (run.history_dir != NULL)
		diag_error("no backtest without --ledger: what was collected comes from it");
	if (forecast_behaviour_new(&run.params, &run.behaviour) != AR_OK ||
	    forecast_new(&run.params, run.behaviour, &run.forecast) != AR_OK)
		out_of_memory();
	if (run.ledger_path != NULL)
		read_ledger();
	else
		diag_error("no --ledger: every customer is taken to pay on its due date (0 days late)");
	if (first == argc)
		read_items(NULL);       /* no ITEMS: standard input */
	for (int i = first; i < argc; i++)
		read_items(strcmp(argv[i], "-") != 0 ? argv[i] : NULL);
	promises_and_basis();
	if (forecast_finish(run.forecast) != AR_OK) {
		diag_error("the forecast does not add up: a bug, please report it");
		fail(EX_SOFTWARE);
	}
	write_outputs();
	summary();
	forecast_backtest_free(run.backtest);
	forecast_free(run.forecast);
	forecast_behaviour_free(run.behaviour);
	journal_free(run.journal);
	free(run.master_company);
	free(run.currencies);
	strtab_free(run.companies);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
