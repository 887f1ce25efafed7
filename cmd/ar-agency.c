/*
 * ar-agency - accounts handed to collection agencies (issue 18): assign
 * and recall (journal rows), the commission statement of a period, and
 * the report on every agency.  The rules are lib/ar/agency.h's; the
 * statement and report tables lib/report/agency_report.h's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/agency.h"
#include "ar/aging.h"
#include "ar/allocations.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/journal_write.h"
#include "ar/payments.h"
#include "ar/pod_input.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "report/agency_pdf.h"
#include "report/agency_report.h"
#include "report/letter_pdf.h"

enum {
	OPT_AGENCY = CLI_OPT_FIRST_OWN, OPT_JOURNAL, OPT_CUSTOMERS, OPT_ITEMS, OPT_DATE, OPT_REF,
	OPT_USER, OPT_FROM, OPT_TO, OPT_ALLOCATIONS, OPT_PAYMENTS, OPT_XLSX, OPT_PDF
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "agency", 0, "NAME", OPT_AGENCY,
	  "the agency, as [agency.NAME] of ar.ini names it\n"
	  "(assign, recall, statement)" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: status (assign refuses an\n"
	  "insolvent customer), name" },
	{ "items", 0, "FILE", OPT_ITEMS,
	  "assign: the open items, for the balance assigned,\n"
	  "the oldest due date and disputed items" },
	{ "date", 0, "DATE", OPT_DATE,
	  "assign, recall: the day (default --as-of, else today)" },
	{ "ref", 0, "TEXT", OPT_REF, "assign: the agency's case number" },
	{ "user", 0, "NAME", OPT_USER, "who (default: $USER, else $LOGNAME)" },
	{ "from", 0, "DATE", OPT_FROM, "statement: the period's first day" },
	{ "to", 0, "DATE", OPT_TO, "statement: the period's last day" },
	{ "allocations", 0, "FILE", OPT_ALLOCATIONS,
	  "statement, report: the allocations (ar-match)" },
	{ "payments", 0, "FILE", OPT_PAYMENTS,
	  "statement, report: the payments, for value dates" },
	{ "xlsx", 0, "FILE", OPT_XLSX, "statement, report: also the workbook" },
	{ "pdf", 0, "FILE", OPT_PDF,
	  "statement: also the remittance statement to the\n"
	  "agency, a letter as PDF" },
	CLI_END
};

static const struct cli_command command = {
	"ar-agency", "assign|recall|statement|report [options] [CUSTOMER ...]",
	"Collection agencies.  assign --agency NAME [--items FILE] CUSTOMER ...:\n"
	"hand accounts to an agency (agency_assign rows, a row per currency with\n"
	"the balance when --items gives the open items); recall --agency NAME\n"
	"CUSTOMER ...: take them back; statement --agency NAME --from DATE\n"
	"--to DATE: what the agency recovered in the period and its commission\n"
	"(CSV, workbook, and the letter to the agency as PDF); report: every\n"
	"agency's accounts, recoveries, commission and contract.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"statement, report: write the CSV to FILE (default: standard output)", NULL,
	"report: the day of the report (default today)", NULL
};

enum verb { VERB_ASSIGN, VERB_RECALL, VERB_STATEMENT, VERB_REPORT };

static struct {
	struct cli_common common;
	struct cli_context ctx;
	enum verb verb;
	const char *agency, *journal_path, *customers_path, *items_path, *ref, *user;
	const char *allocations_path, *payments_path, *xlsx_path, *pdf_path;
	const char *date_arg, *from_arg, *to_arg;
	civil_day date, from, to;
	char **customers_args;
	int ncustomers_args;
	struct customer_table customers;
	struct journal *journal;
	struct agency_register *agencies;
	struct outfile out;
	bool out_open;
} run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	config_free(run.ctx.config);
	exit(status);
}

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	fail(EX_OSERR);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	(void)ctx;
	switch (id) {
	case OPT_AGENCY: run.agency = arg; break;
	case OPT_JOURNAL: run.journal_path = arg; break;
	case OPT_CUSTOMERS: run.customers_path = arg; break;
	case OPT_ITEMS: run.items_path = arg; break;
	case OPT_DATE: run.date_arg = arg; break;
	case OPT_REF: run.ref = arg; break;
	case OPT_USER: run.user = arg; break;
	case OPT_FROM: run.from_arg = arg; break;
	case OPT_TO: run.to_arg = arg; break;
	case OPT_ALLOCATIONS: run.allocations_path = arg; break;
	case OPT_PAYMENTS: run.payments_path = arg; break;
	case OPT_XLSX: run.xlsx_path = arg; break;
	case OPT_PDF: run.pdf_path = arg; break;
	}
}

static civil_day
date_option(const char *opt, const char *arg)
{
	civil_day day;

	if (date_parse_format(arg, strlen(arg), "%Y-%m-%d", &day) != AR_OK)
		cli_usage_error("%s \"%s\" is not a date YYYY-MM-DD", opt, arg);
	return day;
}

/* The journal, once: its facts (disputes) and its agency rows. */
static void
read_journal(void)
{
	int status;
	struct csvio_reader *r;
	struct journal_columns cols;
	struct csvio_record rec;
	struct item_format fmt = run.ctx.format;
	const char *missing;
	struct ar_error e = { 0 };
	ar_err err;
	FILE *probe;
	int note;

	if (journal_new(&run.journal, run.date, run.ctx.format.has_default_currency ?
	    run.ctx.format.default_currency : 0) != AR_OK || agency_register_new(&run.agencies) !=
	    AR_OK)
		out_of_memory();
	if ((probe = fopen(run.journal_path, "r")) == NULL && errno == ENOENT &&
	    (run.verb == VERB_ASSIGN)) {
		if (agency_register_finish(run.agencies, &e) != AR_OK)
			out_of_memory();
		return;   /* the first assignment makes the journal */
	}
	if (probe != NULL)
		fclose(probe);
	if ((r = cli_open_csv(run.journal_path, &status)) == NULL)
		fail(status);
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	note = csvio_column(r, "note");      /* the agency's name, on agency rows */
	fmt.decimal = MONEY_DECIMAL_POINT;   /* our tools write the journal with a point */
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		size_t alen;
		const char *action = items_field(&rec, cols.action, &alen);
		bool assign = alen == 13 && memcmp(action, "agency_assign", 13) == 0;
		bool recall = alen == 13 && memcmp(action, "agency_recall", 13) == 0;

		if ((err = journal_add(run.journal, &rec, &cols, &fmt, &e)) != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			fail(cli_input_failed(r, err, &e));
		}
		if (assign || recall) {
			size_t len;
			const char *s;
			struct agency_row row = { DATE_NONE, rec.line, rec.field[cols.customer].ptr,
			    "", recall, false, 0, 0, DATE_NONE };

			row.agency = items_field(&rec, note, &len);
			(void)date_parse(rec.field[cols.date].ptr, rec.field[cols.date].len, NULL,
			    &row.date);
			if ((s = items_field(&rec, cols.amount, &len)) != NULL && len > 0) {
				s = items_field(&rec, cols.currency, &len);
				row.has_amount = currency_lookup(s, len, &row.currency) == AR_OK;
				s = items_field(&rec, cols.amount, &len);
				row.has_amount = row.has_amount && money_parse(s, len,
				    currency_exponent(row.currency), MONEY_DECIMAL_POINT, &row.amount) ==
				    AR_OK;
			}
			if ((s = items_field(&rec, cols.due, &len)) != NULL && len > 0)
				(void)date_parse(s, len, NULL, &row.oldest_due);
			switch (agency_register_add(run.agencies, &row)) {
			case AR_OK: break;
			case AR_ENOMEM: out_of_memory();
			default:
				ar_error_set(&e, AR_ESYNTAX, rec.line, "%s names no agency in its note "
				    "(1 to %d letters, digits, '-' or '_')", assign ? "agency_assign" :
				    "agency_recall", AGENCY_NAME_MAX);
				fail(cli_input_failed(r, AR_ESYNTAX, &e));
			}
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	switch (agency_register_finish(run.agencies, &e)) {
	case AR_OK: break;
	case AR_ENOMEM: out_of_memory();
	default: fail(cli_input_failed(r, e.code, &e));
	}
	csvio_reader_close(r);
}

static void
load_contract(struct agency_contract *c)
{
	struct ar_error e = { 0 };

	if (agency_contract_load(run.ctx.config, run.agency, run.ctx.format.default_currency, c,
	    &e) != AR_OK) {
		diag_error("%s", e.message);
		fail(EX_CONFIG);
	}
}

/* What assign needs of a customer: its balance per currency, oldest due, a disputed item. */
struct holding {
	int64_t balance[CURRENCY_MAX];
	bool has[CURRENCY_MAX];
	civil_day oldest_due;
	bool disputed;
	const char *disputed_doc;
};

static void
read_holdings(struct holding *h)
{
	int status;
	struct csvio_reader *r;
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	struct aging_policy terms = { .basis = AGING_BASIS_DUE };
	ar_err err;

	terms.default_terms_days = (int)config_get_long(run.ctx.config, "aging:default_terms_days");
	if ((r = cli_open_csv(strcmp(run.items_path, "-") == 0 ? NULL : run.items_path,
	    &status)) == NULL)
		fail(status);
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		enum aging_date_source source;
		civil_day due;
		size_t len;
		const char *d;
		int i;

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];
			struct ar_error e = { 0 };

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail(cli_input_failed(r, problem.err, &e));
		}
		for (i = 0; i < run.ncustomers_args; i++)
			if (strlen(run.customers_args[i]) == it.customer_len &&
			    memcmp(run.customers_args[i], it.customer, it.customer_len) == 0)
				break;
		if (i == run.ncustomers_args)
			continue;
		if (money_add(&h[i].balance[it.currency], it.amount) != AR_OK) {
			struct ar_error e = { 0 };

			ar_error_set(&e, AR_ERANGE, rec.line, "the balance overflows");
			fail(cli_input_failed(r, AR_ERANGE, &e));
		}
		h[i].has[it.currency] = true;
		{
			uint32_t id;
			bool added;
			int terms_days = -1;

			if (customers_intern(&run.customers, it.customer, it.customer_len, &id,
			    &added) != AR_OK)
				out_of_memory();
			terms_days = customers_hot(&run.customers, id).terms_days;
			if (it.amount > 0 && aging_item_date(&terms, &it, terms_days, &due, &source) ==
			    AR_OK && (h[i].oldest_due == DATE_NONE || due < h[i].oldest_due))
				h[i].oldest_due = due;
		}
		if ((d = items_field(&rec, cols.dispute, &len)) != NULL && len > 0 && !h[i].disputed) {
			h[i].disputed = true;
			h[i].disputed_doc = strdup(items_field(&rec, cols.doc_no, &len));
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* Why the customer cannot go to the agency now; NULL when it can. */
static const char *
refusal(const struct agency_contract *c, const char *customer, const struct holding *h,
    char *buf, size_t cap)
{
	size_t len = strlen(customer);
	const struct agency_span *s = agency_on(run.agencies, customer, len, run.date);
	const struct journal_facts *f = journal_find(run.journal, customer, len);
	uint32_t id;
	bool positive = false;

	if (agency_excludes(c, customer, len))
		return "excluded by its contract (exclude in ar.ini)";
	if (s != NULL) {
		char since[DATE_TEXT_MAX];

		date_format(s->from, since);
		snprintf(buf, cap, "already with %s since %s", s->agency, since);
		return buf;
	}
	if (strtab_find(run.customers.ids, customer, len, &id) &&
	    pod_proceeding(customers_get(&run.customers, id)->status)) {
		snprintf(buf, cap, "insolvent (status %s): a proof of debt, not an agency",
		    customers_get(&run.customers, id)->status);
		return buf;
	}
	if (f != NULL && f->open_disputes > 0) {
		snprintf(buf, cap, "in dispute (the journal: %s)", f->dispute_docs[0] != '\0' ?
		    f->dispute_docs : "the whole account");
		return buf;
	}
	if (run.items_path == NULL)
		return NULL;
	if (h->disputed) {
		snprintf(buf, cap, "in dispute (item %s)", h->disputed_doc);
		return buf;
	}
	for (int cur = 0; cur < CURRENCY_MAX; cur++)
		positive = positive || (h->has[cur] && h->balance[cur] > 0);
	if (!positive)
		return "owes nothing in the open items";
	return NULL;
}

/* The rows of assign or recall, all checked before the journal is touched, then appended. */
static void
assign_or_recall(void)
{
	struct agency_contract c;
	struct holding *h = calloc((size_t)run.ncustomers_args, sizeof *h);
	struct journal_entry *rows = calloc((size_t)run.ncustomers_args * CURRENCY_MAX,
	    sizeof *rows);
	size_t n = 0;
	int refused = 0;
	struct ar_error e = { 0 };
	char day[DATE_TEXT_MAX];

	if (h == NULL || rows == NULL)
		out_of_memory();
	load_contract(&c);
	date_format(run.date, day);
	for (int i = 0; i < run.ncustomers_args; i++)
		h[i].oldest_due = DATE_NONE;
	if (run.verb == VERB_ASSIGN && run.items_path == NULL && c.basis == AGENCY_DEBT_AGE)
		cli_usage_error("assign to %s needs --items FILE: its tiers go by the age of the "
		    "debt (tier_basis = debt_age), and the oldest due date comes from the items",
		    c.name);
	if (run.verb == VERB_ASSIGN && run.items_path != NULL)
		read_holdings(h);
	if (run.verb == VERB_ASSIGN) {
		if (!agency_in_contract(&c, run.date)) {
			diag_error("%s is outside the contract of %s", day, c.name);
			fail(EX_DATAERR);
		}
	}
	for (int i = 0; i < run.ncustomers_args; i++) {
		const char *who = run.customers_args[i];
		char why[200];
		const char *no;

		if (run.verb == VERB_RECALL) {
			const struct agency_span *s = agency_on(run.agencies, who, strlen(who),
			    run.date);

			if (s == NULL || strcmp(s->agency, c.name) != 0) {
				diag_error("%s: not recalled: %s on %s", who, s == NULL ?
				    "with no agency" : "with another agency", day);
				refused++;
				continue;
			}
			rows[n] = (struct journal_entry)JOURNAL_ENTRY_INIT;
			rows[n].date = run.date;
			rows[n].customer = who;
			rows[n].action = "agency_recall";
			rows[n].note = c.name;
			rows[n++].user = cli_user_name(run.user);
			continue;
		}
		if ((no = refusal(&c, who, &h[i], why, sizeof why)) != NULL) {
			diag_error("%s: not assigned to %s: %s", who, c.name, no);
			refused++;
			continue;
		}
		if (run.items_path == NULL) {
			/* No items: the account is handed over without a balance. */
			rows[n] = (struct journal_entry)JOURNAL_ENTRY_INIT;
			rows[n].date = run.date;
			rows[n].customer = who;
			rows[n].action = "agency_assign";
			rows[n].ref = run.ref;
			rows[n].note = c.name;
			rows[n++].user = cli_user_name(run.user);
			continue;
		}
		for (int cur = 0; cur < CURRENCY_MAX; cur++) {
			if (!h[i].has[cur] || h[i].balance[cur] <= 0)
				continue;
			rows[n] = (struct journal_entry)JOURNAL_ENTRY_INIT;
			rows[n].date = run.date;
			rows[n].customer = who;
			rows[n].action = "agency_assign";
			rows[n].has_amount = rows[n].has_currency = true;
			rows[n].amount = h[i].balance[cur];
			rows[n].currency = cur;
			rows[n].due = h[i].oldest_due;
			rows[n].ref = run.ref;
			rows[n].note = c.name;
			rows[n++].user = cli_user_name(run.user);
		}
	}
	if (refused > 0) {
		diag_error("nothing written: %d of %d customer%s refused", refused,
		    run.ncustomers_args, run.ncustomers_args == 1 ? "" : "s");
		fail(EX_DATAERR);
	}
	if (journal_append_all(run.journal_path, rows, n, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		fail(ar_exit_code(e.code));
	}
	diag_error("%zu row%s appended to %s", n, n == 1 ? "" : "s", run.journal_path);
	if (run.verb == VERB_ASSIGN && run.items_path == NULL)
		diag_error("assigned without --items: no balance in the rows, so the report's "
		    "assigned amount leaves these accounts out");
	for (int i = 0; i < run.ncustomers_args; i++)
		free((char *)h[i].disputed_doc);
	free(h);
	free(rows);
}

/* The payments' value dates, by payment_id. */
static void
read_payments(struct strtab *ids, civil_day **dates)
{
	int status;
	struct csvio_reader *r;
	struct payment_columns cols;
	struct csvio_record rec;
	const char *missing;
	size_t cap = 0;
	ar_err err;

	if ((r = cli_open_csv(run.payments_path, &status)) == NULL)
		fail(status);
	if (payments_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct payment p;
		struct ar_error e = { 0 };
		uint32_t id;
		bool added;

		if ((err = payments_parse(&rec, &cols, &run.ctx.format.dates, &p, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		if (strtab_intern(ids, p.id, strlen(p.id), &id, &added) != AR_OK)
			out_of_memory();
		if (!added) {
			ar_error_set(&e, AR_ESYNTAX, rec.line, "payment_id %s twice", p.id);
			fail(cli_input_failed(r, AR_ESYNTAX, &e));
		}
		if (id >= cap) {
			size_t m = cap ? 2 * cap : 1024;
			civil_day *d = realloc(*dates, m * sizeof *d);

			if (d == NULL)
				out_of_memory();
			*dates = d;
			cap = m;
		}
		(*dates)[id] = p.value_date;
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/*
 * Every allocation counted as a recovery: not a bank charge, of a payment
 * known by value date, to a customer with an agency on that date; into
 * the table's lines.  Statement: of one agency, valued in [from, to].
 */
static void
read_recoveries(struct agency_lines *lines, const struct agency_contract *only)
{
	struct strtab *ids = strtab_new(1024);
	civil_day *dates = NULL;
	int status;
	struct csvio_reader *r;
	struct allocation_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (ids == NULL)
		out_of_memory();
	read_payments(ids, &dates);
	if ((r = cli_open_csv(run.allocations_path, &status)) == NULL)
		fail(status);
	if (allocations_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct allocation a;
		struct ar_error e = { 0 };
		const struct agency_span *s;
		uint32_t id;
		civil_day v;

		if ((err = allocations_parse(&rec, &cols, &a, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		if (a.rule == ALLOCATION_BANK_CHARGE)
			continue;   /* the bank kept it: nothing was recovered */
		if (!strtab_find(ids, a.payment_id, strlen(a.payment_id), &id)) {
			ar_error_set(&e, AR_ESYNTAX, rec.line, "payment_id %s is not in %s",
			    a.payment_id, run.payments_path);
			fail(cli_input_failed(r, AR_ESYNTAX, &e));
		}
		v = dates[id];
		if (only != NULL && (v < run.from || v > run.to))
			continue;
		if (only == NULL && v > run.date)
			continue;
		if ((s = agency_on(run.agencies, a.customer, strlen(a.customer), v)) == NULL ||
		    (only != NULL && strcmp(s->agency, only->name) != 0))
			continue;
		switch (agency_lines_add(lines, s, a.customer, a.payment_id, v, a.currency,
		    a.amount)) {
		case AR_OK: break;
		case AR_ENOMEM: out_of_memory();
		default:
			ar_error_set(&e, AR_ERANGE, rec.line, "the recoveries overflow");
			fail(cli_input_failed(r, AR_ERANGE, &e));
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
	strtab_free(ids);
	free(dates);
}

static void
write_table(void (*write_csv)(struct row_sink *, void *), ar_err (*write_xlsx)(const char *,
    void *, struct ar_error *), void *ctx)
{
	struct csvio_writer w;
	struct row_sink_csv sink;
	struct ar_error e = { 0 };
	int status;

	if ((status = cli_output_open(&run.out, run.common.output, false)) != 0)
		fail(status);
	run.out_open = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	row_sink_csv_init(&sink, &w);
	write_csv(&sink.sink, ctx);
	if (run.xlsx_path != NULL && write_xlsx(run.xlsx_path, ctx, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
}

struct statement_ctx {
	struct agency_lines *lines;
	const struct agency_contract *contract;
	civil_day from, to;
};

static void
statement_csv(struct row_sink *s, void *ctx)
{
	struct statement_ctx *c = ctx;

	agency_statement_write(s, c->lines, c->contract);
}

static ar_err
statement_xlsx(const char *path, void *ctx, struct ar_error *e)
{
	struct statement_ctx *c = ctx;

	return agency_statement_xlsx(path, c->lines, c->contract, c->from, c->to, e);
}

static void
statement(void)
{
	struct agency_contract c;
	struct agency_lines *lines;
	struct statement_ctx ctx;

	load_contract(&c);
	if (agency_lines_new(&c, &lines) != AR_OK)
		out_of_memory();
	read_recoveries(lines, &c);
	if (agency_lines_finish(lines) != AR_OK)
		out_of_memory();
	ctx = (struct statement_ctx){ lines, &c, run.from, run.to };
	if (run.pdf_path != NULL) {
		struct ar_error e = { 0 };

		if (config_get_string(run.ctx.config, "company:name")[0] == '\0') {
			diag_error("[company] name is not set in %s: the statement's letterhead needs it",
			    config_path(run.ctx.config)[0] != '\0' ? config_path(run.ctx.config) :
			    "ar.ini");
			fail(EX_CONFIG);
		}

		if (agency_statement_pdf(run.pdf_path, lines, &c, run.ctx.config, run.from, run.to,
		    run.ctx.as_of, cli_created_time(), &e) != AR_OK) {
			diag_report(run.pdf_path, &e);
			letter_pdf_shutdown();
			fail(ar_exit_code(e.code));
		}
		letter_pdf_shutdown();
	}
	write_table(statement_csv, statement_xlsx, &ctx);
	diag_error("%s: %zu recover%s from %s", c.name, agency_lines_count(lines),
	    agency_lines_count(lines) == 1 ? "y" : "ies", run.allocations_path);
	agency_lines_free(lines);
}

struct report_ctx {
	struct agency_report *report;
};

static void
report_csv(struct row_sink *s, void *ctx)
{
	agency_report_write(s, ((struct report_ctx *)ctx)->report);
}

static ar_err
report_xlsx(const char *path, void *ctx, struct ar_error *e)
{
	return agency_report_xlsx(path, ((struct report_ctx *)ctx)->report, e);
}

static void
report(void)
{
	const char *names[64];
	size_t n = config_profiles(run.ctx.config, "agency", names, 64);
	struct agency_contract *contracts = calloc(n ? n : 1, sizeof *contracts);
	struct agency_lines *lines;
	struct agency_report *rep;
	struct report_ctx ctx;

	if (contracts == NULL)
		out_of_memory();
	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++) {
		struct ar_error e = { 0 };

		if (agency_contract_load(run.ctx.config, names[i], run.ctx.format.default_currency,
		    &contracts[i], &e) != AR_OK) {
			diag_error("%s", e.message);
			fail(EX_CONFIG);
		}
	}
	if (agency_lines_new(NULL, &lines) != AR_OK)
		out_of_memory();
	if (run.allocations_path != NULL)
		read_recoveries(lines, NULL);
	if (agency_lines_finish(lines) != AR_OK ||
	    agency_report_make(run.agencies, lines, contracts, n, run.date, &rep) != AR_OK)
		out_of_memory();
	ctx.report = rep;
	write_table(report_csv, report_xlsx, &ctx);
	agency_report_free(rep);
	agency_lines_free(lines);
	free(contracts);
}

/* What each verb needs, checked before anything is read. */
static void
usage_of_verb(const char *verb)
{
	if (run.verb != VERB_REPORT && run.agency == NULL)
		cli_usage_error("%s needs --agency NAME", verb);
	if (run.verb <= VERB_RECALL && run.ncustomers_args == 0)
		cli_usage_error("%s needs at least one CUSTOMER", verb);
	if (run.verb == VERB_STATEMENT && (run.from_arg == NULL || run.to_arg == NULL))
		cli_usage_error("statement needs --from DATE and --to DATE");
	if (run.verb == VERB_STATEMENT && run.to < run.from)
		cli_usage_error("--to %s is before --from %s", run.to_arg, run.from_arg);
	if (run.verb == VERB_STATEMENT && (run.allocations_path == NULL ||
	    run.payments_path == NULL))
		cli_usage_error("statement needs --allocations FILE and --payments FILE");
	if (run.verb == VERB_REPORT && (run.allocations_path == NULL) !=
	    (run.payments_path == NULL))
		cli_usage_error("report needs --allocations and --payments together");
}

int
main(int argc, char *argv[])
{
	static const char *const verbs[] = { "assign", "recall", "statement", "report", NULL };
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, NULL);
	if (first >= argc)
		cli_usage_error("a verb is needed: assign, recall, statement or report");
	run.verb = (enum verb)cli_parse_word("the verb", argv[first], verbs);
	run.customers_args = argv + first + 1;
	run.ncustomers_args = argc - first - 1;
	if (run.verb >= VERB_STATEMENT && run.ncustomers_args > 0)
		cli_usage_error("unexpected operand \"%s\": %s takes no CUSTOMER",
		    run.customers_args[0], argv[first]);
	if (run.verb <= VERB_RECALL && (run.common.output != NULL || run.xlsx_path != NULL ||
	    run.pdf_path != NULL))
		cli_usage_error("%s writes the journal only: no -o, --xlsx or --pdf", argv[first]);
	if (run.verb == VERB_REPORT && run.pdf_path != NULL)
		cli_usage_error("--pdf is the statement's: the report has -o and --xlsx");
	if (run.from_arg != NULL)
		run.from = date_option("--from", run.from_arg);
	if (run.to_arg != NULL)
		run.to = date_option("--to", run.to_arg);
	usage_of_verb(argv[first]);
	cli_resolve_or_exit(&run.common, &run.ctx);
	run.date = run.date_arg != NULL ? date_option("--date", run.date_arg) : run.ctx.as_of;
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.journal_path == NULL)
		cli_usage_error("--journal FILE is needed (or [journal] path in ar.ini): the "
		    "agencies are kept there");
	if (run.customers_path != NULL) {
		int status = cli_load_customers(run.customers_path, &run.customers);

		if (status != 0)
			fail(status);
	} else if (customers_init(&run.customers, 64) != AR_OK) {
		out_of_memory();
	}
	read_journal();
	switch (run.verb) {
	case VERB_ASSIGN:
	case VERB_RECALL: assign_or_recall(); break;
	case VERB_STATEMENT: statement(); break;
	case VERB_REPORT: report(); break;
	}
	agency_register_free(run.agencies);
	journal_free(run.journal);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
