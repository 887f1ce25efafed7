/*
 * ar-remit - direct credits to identify (issue 19): from the credits
 * ar-match left unmatched, the review for the team (CSV and workbook),
 * a remittance-request e-mail to each probable customer with a journal
 * row remittance_requested, and the list for the bank of the credits
 * still unidentified after [remit] escalate_days.  The rules are
 * lib/ar/remit.h's; the tables lib/report/remit_sheet.h's; the e-mail
 * lib/report/remit_docs.h's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/journal_write.h"
#include "ar/payments.h"
#include "ar/remit.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "report/doc_fill.h"
#include "report/email_msg.h"
#include "report/remit_docs.h"
#include "report/remit_sheet.h"
#include "report/row_sink.h"

#ifndef AR_TEMPLATES_DIR
#define AR_TEMPLATES_DIR "/usr/local/share/artools/templates"
#endif

enum {
	OPT_UNMATCHED = CLI_OPT_FIRST_OWN, OPT_CUSTOMERS, OPT_JOURNAL, OPT_XLSX, OPT_OUT_DIR,
	OPT_BANK_LIST
};

static const struct cli_option options[] = {
	CLI_GROUP("Inputs:"),
	{ "unmatched", 0, "FILE", OPT_UNMATCHED,
	  "the credits ar-match --unmatched left (required)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: payer accounts and names,\n"
	  "lang and email (required)" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal: the requests sent, and\n"
	  "where new ones are recorded (default: [journal] path)" },
	CLI_GROUP("Outputs:"),
	{ "xlsx", 0, "FILE", OPT_XLSX, "the review as a workbook (sheet Direct credits)" },
	{ "out-dir", 0, "DIR", OPT_OUT_DIR,
	  "send the requests: DIR/email/<payment_id>.eml and\n"
	  "a journal row remittance_requested for each" },
	{ "bank-list", 0, "FILE", OPT_BANK_LIST,
	  "the credits to escalate to the bank, as CSV" },
	CLI_END
};

static const struct cli_command command = {
	"ar-remit", "--unmatched FILE --customers FILE [options] [ITEMS ...]",
	"Direct credits to identify.  For each credit of ar-match's unmatched\n"
	"listing: its probable customer and the open items (ITEMS, or standard\n"
	"input) it most likely pays; a remittance-request e-mail to that customer\n"
	"in its language, recorded in the journal and not sent again within\n"
	"[remit] resend_days; the credits unidentified [remit] escalate_days after\n"
	"their value date listed for the bank.  The review goes to standard output\n"
	"as CSV, and to --xlsx.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the review as CSV to FILE (default: standard output)", NULL,
	"the day of the review, the requests and the days counted\n(default today)", NULL
};

static struct {
	struct cli_common common;
	struct cli_context ctx;
	const char *unmatched_path, *customers_path, *journal_path, *xlsx_path, *out_dir;
	const char *bank_list_path;
	char **items_args;
	int nitems_args;
	struct remit_policy policy;
	struct customer_table customers;
	struct remit *book;
	struct remit_requests *requests;
	struct remit_case *cases;
	size_t ncases, capcases;
	struct remit_docs_setup setup;
	struct remit_templates *templates;
	enum report_lang *lang;         /* per case, for the requests */
	struct outfile out, bank;
	bool out_open, bank_open;
} run;

static void
release(void)
{
	for (size_t i = 0; i < run.ncases; i++)
		remit_case_release(&run.cases[i]);
	free(run.cases);
	free(run.lang);
	remit_templates_free(run.templates);
	remit_requests_free(run.requests);
	remit_free(run.book);
	customers_free(&run.customers);
	config_free(run.ctx.config);
}

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	if (run.bank_open)
		outfile_abort(&run.bank);
	release();
	email_shutdown();
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
	case OPT_UNMATCHED: run.unmatched_path = arg; break;
	case OPT_CUSTOMERS: run.customers_path = arg; break;
	case OPT_JOURNAL: run.journal_path = arg; break;
	case OPT_XLSX: run.xlsx_path = arg; break;
	case OPT_OUT_DIR: run.out_dir = arg; break;
	case OPT_BANK_LIST: run.bank_list_path = arg; break;
	}
}

static struct csvio_reader *
open_input(const char *path)
{
	int status;
	struct csvio_reader *r = cli_open_csv(path, &status);

	if (r == NULL)
		fail(status);
	return r;
}

/* The open items of one input (NULL: standard input) into the book. */
static void
read_items(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	if (cols.doc_no < 0) {
		diag_at(csvio_name(r), 1, "no doc_no column: the candidates are documents");
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct ar_error e = { 0 };
		const char *doc;
		size_t doclen;
		uint32_t id;
		bool added;

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail(cli_input_failed(r, problem.err, &e));
		}
		if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) != AR_OK)
			out_of_memory();
		doc = items_field(&rec, cols.doc_no, &doclen);
		if (remit_add_item(run.book, id, doc, doclen, it.due_date != DATE_NONE ? it.due_date :
		    it.doc_date, it.currency, it.amount) != AR_OK)
			out_of_memory();
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* The journal's remittance_requested rows dated up to the as-of date, by ref. */
static void
read_journal(void)
{
	struct csvio_reader *r;
	struct journal_columns cols;
	struct csvio_record rec;
	const char *missing;
	int ref;
	ar_err err;

	if (remit_requests_new(&run.requests) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL)
		return;
	if (run.out_dir != NULL && access(run.journal_path, F_OK) != 0 && errno == ENOENT)
		return;         /* the first request makes the journal */
	r = open_input(run.journal_path);
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	ref = csvio_column(r, "ref");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		size_t alen, dlen, rlen;
		const char *action = items_field(&rec, cols.action, &alen);
		const char *date = items_field(&rec, cols.date, &dlen);
		const char *text = items_field(&rec, ref, &rlen);
		civil_day day;

		if (alen != 20 || memcmp(action, "remittance_requested", 20) != 0 || text == NULL ||
		    rlen == 0)
			continue;
		if (date_parse(date, dlen, &run.ctx.format.dates, &day) != AR_OK) {
			struct ar_error e = { 0 };

			ar_error_set(&e, AR_ESYNTAX, rec.line, "date \"%.*s\" is not a date",
			    (int)dlen, date);
			fail(cli_input_failed(r, AR_ESYNTAX, &e));
		}
		if (day > run.ctx.as_of)
			continue;       /* not yet known at the as-of date */
		if (remit_requests_note(run.requests, text, rlen, day) != AR_OK)
			out_of_memory();
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

static bool
has_email(const struct customer *c)
{
	size_t valid = 0;

	email_address_list_check(c->email, &valid, NULL, NULL);
	return valid > 0;
}

/* One credit: who, what it may pay, what to do. */
static void
consider(struct remit_case *c)
{
	const struct customer *cust = NULL;

	remit_identify(run.book, &c->p, c->reason, c->match_candidates, &c->payer);
	c->ncand = remit_candidates(run.book, c->payer.customer, &c->p, c->cand,
	    (size_t)run.policy.candidates);
	c->days = (long)run.ctx.as_of - (long)c->p.value_date;
	remit_requests_find(run.requests, c->p.id, &c->first_request, &c->last_request);
	if (c->payer.customer != REMIT_NOBODY)
		cust = customers_get(&run.customers, c->payer.customer);
	c->done = remit_decide(&run.policy, run.ctx.as_of, c->p.value_date, cust != NULL,
	    cust != NULL && has_email(cust), c->last_request);
}

/* The listing: each credit held and considered; debits and later credits said and left out. */
static void
read_listing(void)
{
	struct csvio_reader *r = open_input(run.unmatched_path);
	struct payment_columns cols;
	struct csvio_record rec;
	struct strtab *ids = strtab_new(256);
	const char *missing;
	int reason, cands;
	long debits = 0, later = 0;
	ar_err err;

	if (ids == NULL)
		out_of_memory();
	if (payments_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column (the listing of ar-match --unmatched)",
		    missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	reason = csvio_column(r, "reason");
	cands = csvio_column(r, "candidates");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct payment p;
		struct ar_error e = { 0 };
		size_t len;
		const char *rs, *cs;
		uint32_t id;
		bool added;

		if ((err = payments_parse(&rec, &cols, &run.ctx.format.dates, &p, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		if (strtab_intern(ids, p.id, strlen(p.id), &id, &added) != AR_OK)
			out_of_memory();
		if (!added) {
			ar_error_set(&e, AR_ESYNTAX, rec.line, "payment_id \"%s\" again: each credit "
			    "is listed once", p.id);
			fail(cli_input_failed(r, AR_ESYNTAX, &e));
		}
		if (p.amount <= 0) {
			debits++;
			continue;
		}
		if (p.value_date > run.ctx.as_of) {
			later++;
			continue;
		}
		rs = items_field(&rec, reason, &len);
		cs = items_field(&rec, cands, &len);
		if (run.ncases == run.capcases) {
			size_t cap = run.capcases ? 2 * run.capcases : 64;
			struct remit_case *v = realloc(run.cases, cap * sizeof *v);

			if (v == NULL)
				out_of_memory();
			run.cases = v;
			run.capcases = cap;
		}
		if (remit_case_hold(&run.cases[run.ncases], &p, rs, cs, rec.line) != AR_OK)
			out_of_memory();
		consider(&run.cases[run.ncases++]);
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	if (debits > 0)
		diag_error("%s: %ld debit%s left out: not credits to identify", csvio_name(r),
		    debits, debits == 1 ? "" : "s");
	if (later > 0)
		diag_error("%s: %ld credit%s valued after the as-of date left out", csvio_name(r),
		    later, later == 1 ? "" : "s");
	csvio_reader_close(r);
	strtab_free(ids);
}

/*
 * Before anything is written: each request's language and its templates,
 * and no two requests of one file name.
 */
static void
check_requests(void)
{
	struct strtab *names = strtab_new(64);

	if (names == NULL || (run.lang = calloc(run.ncases + 1, sizeof *run.lang)) == NULL ||
	    remit_templates_new(&run.templates, &run.setup) != AR_OK)
		out_of_memory();
	for (size_t i = 0; i < run.ncases; i++) {
		struct remit_case *c = &run.cases[i];
		const struct customer *cust;
		char base[PAYMENT_ID_MAX], path[1024];
		struct ar_error e = { 0 };
		uint32_t id;
		bool added;

		if (c->done != REMIT_REQUEST)
			continue;
		cust = customers_get(&run.customers, c->payer.customer);
		if (doc_lang_of(cust->lang, run.setup.default_lang, &run.lang[i]) != AR_OK) {
			diag_at(run.customers_path, cust->line, "customer \"%s\": lang \"%s\" is not one "
			    "of en, ms, zh-Hans, zh-Hant", strtab_key(run.customers.ids,
			    c->payer.customer), cust->lang);
			strtab_free(names);
			fail(EX_DATAERR);
		}
		if (remit_templates_need(run.templates, run.lang[i], &e, path, sizeof path) != AR_OK) {
			diag_report(path, &e);
			strtab_free(names);
			fail(ar_exit_code(e.code));
		}
		remit_doc_basename(c->p.id, base, sizeof base);
		if (strtab_intern(names, base, strlen(base), &id, &added) != AR_OK)
			out_of_memory();
		if (!added) {
			diag_at(run.unmatched_path, c->line, "payment_id \"%s\" makes the file name "
			    "email/%s.eml of another credit's request", c->p.id, base);
			strtab_free(names);
			fail(EX_DATAERR);
		}
	}
	strtab_free(names);
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		diag_error("%s: cannot create: %s", path, strerror(errno));
		fail(EX_CANTCREAT);
	}
}

/* The e-mails, then the journal rows, all or nothing. */
static size_t
send_requests(void)
{
	struct journal_entry *rows = calloc(run.ncases + 1, sizeof *rows);
	char path[1024];
	size_t n = 0;
	struct ar_error e = { 0 };

	if (rows == NULL)
		out_of_memory();
	make_dir(run.out_dir);
	snprintf(path, sizeof path, "%s/email", run.out_dir);
	make_dir(path);
	for (size_t i = 0; i < run.ncases; i++) {
		struct remit_case *c = &run.cases[i];
		struct remit_request d;
		struct outfile eml;
		char base[PAYMENT_ID_MAX];
		ar_err err;

		if (c->done != REMIT_REQUEST)
			continue;
		d = (struct remit_request){ c, run.book, strtab_key(run.customers.ids,
		    c->payer.customer), customers_get(&run.customers, c->payer.customer), run.lang[i] };
		remit_doc_basename(c->p.id, base, sizeof base);
		snprintf(path, sizeof path, "%s/email/%s.eml", run.out_dir, base);
		if (outfile_open(&eml, path) != AR_OK) {
			diag_error("%s: cannot create: %s", path, strerror(errno));
			free(rows);
			fail(EX_CANTCREAT);
		}
		if ((err = remit_doc_email(&run.setup, run.templates, &d, eml.fp, &e)) != AR_OK) {
			outfile_abort(&eml);
			diag_report(path, &e);
			free(rows);
			fail(ar_exit_code(err));
		}
		if (outfile_commit(&eml) != AR_OK) {
			diag_error("%s: cannot write: %s", path, strerror(errno));
			free(rows);
			fail(EX_IOERR);
		}
		c->acted = true;
		if (c->first_request == DATE_NONE)
			c->first_request = run.ctx.as_of;
		c->last_request = run.ctx.as_of;
		rows[n] = (struct journal_entry)JOURNAL_ENTRY_INIT;
		rows[n].date = run.ctx.as_of;
		rows[n].customer = d.customer_id;
		rows[n].action = "remittance_requested";
		rows[n].has_amount = rows[n].has_currency = true;
		rows[n].amount = c->p.amount;
		rows[n].currency = c->p.currency;
		rows[n].channel = "email";
		rows[n].ref = c->p.id;
		rows[n++].user = cli_user_name(NULL);
	}
	if (n > 0 && journal_append_all(run.journal_path, rows, n, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		free(rows);
		fail(ar_exit_code(e.code));
	}
	free(rows);
	return n;
}

static void
write_outputs(void)
{
	struct remit_review v = { run.book, &run.customers, run.cases, run.ncases, &run.policy,
	    run.ctx.as_of };
	struct csvio_writer w;
	struct row_sink_csv sink;
	struct ar_error e = { 0 };
	int status;

	if (run.bank_list_path != NULL) {
		if ((status = cli_output_open(&run.bank, run.bank_list_path, false)) != 0)
			fail(status);
		run.bank_open = true;
		csvio_writer_init(&w, run.bank.fp, ',', false);
		row_sink_csv_init(&sink, &w);
		remit_bank_list_write(&sink.sink, &v);
		run.bank_open = false;
		if ((status = cli_output_commit(&run.bank, run.bank_list_path)) != 0)
			fail(status);
	}
	if (run.xlsx_path != NULL && remit_review_xlsx(run.xlsx_path, &v, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	if ((status = cli_output_open(&run.out, run.common.output, false)) != 0)
		fail(status);
	run.out_open = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	row_sink_csv_init(&sink, &w);
	remit_review_write(&sink.sink, &v);
	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
}

static void
summary(size_t appended)
{
	long k[REMIT_NO_EMAIL + 1] = { 0 };

	for (size_t i = 0; i < run.ncases; i++)
		k[run.cases[i].done]++;
	diag_error("%zu credit%s: %ld %s, %ld already requested, %ld %s, %ld without a customer, "
	    "%ld without an e-mail address", run.ncases, run.ncases == 1 ? "" : "s",
	    k[REMIT_REQUEST], run.out_dir != NULL ? "requested" : "to request", k[REMIT_ALREADY],
	    k[REMIT_ESCALATE], run.bank_list_path != NULL ? "escalated" : "to escalate",
	    k[REMIT_NO_CUSTOMER], k[REMIT_NO_EMAIL]);
	if (appended > 0)
		diag_error("%zu row%s remittance_requested appended to %s", appended,
		    appended == 1 ? "" : "s", run.journal_path);
}

int
main(int argc, char *argv[])
{
	const char *templates = getenv("AR_TEMPLATES");
	long long created;
	size_t appended = 0;
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, NULL);
	if (run.unmatched_path == NULL)
		cli_usage_error("--unmatched FILE is required: the listing of ar-match --unmatched");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	run.items_args = argv + first;
	run.nitems_args = argc - first;
	created = cli_created_time();
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.out_dir != NULL && run.journal_path == NULL)
		cli_usage_error("--out-dir sends requests: it needs the journal (--journal FILE or "
		    "[journal] path), so that a credit is not asked about twice");
	remit_policy_from_config(run.ctx.config, &run.policy);
	if (run.out_dir != NULL) {
		char msg[1024];

		if (remit_docs_setup_read(run.ctx.config, templates && templates[0] ? templates :
		    AR_TEMPLATES_DIR, run.ctx.as_of, created, &run.setup, msg, sizeof msg) != AR_OK) {
			diag_error("%s", msg);
			fail(EX_CONFIG);
		}
	}
	{
		int status = cli_load_customers(run.customers_path, &run.customers);

		if (status != 0)
			fail(status);
	}
	if (remit_new(&run.book, &run.customers) != AR_OK)
		out_of_memory();
	if (run.nitems_args == 0)
		read_items(NULL);
	for (int i = 0; i < run.nitems_args; i++)
		read_items(strcmp(run.items_args[i], "-") == 0 ? NULL : run.items_args[i]);
	if (remit_ready(run.book) != AR_OK)
		out_of_memory();
	read_journal();
	read_listing();
	for (size_t i = 0; i < run.ncases; i++)
		if (run.cases[i].done == REMIT_ESCALATE && run.bank_list_path != NULL)
			run.cases[i].acted = true;
	if (run.out_dir != NULL) {
		check_requests();
		appended = send_requests();
	}
	write_outputs();
	summary(appended);
	release();
	email_shutdown();
	return EX_OK;
}
