/*
 * ar-pod - proofs of debt for customers wound up, in administration or
 * judicial management, or bankrupt (issue 15).
 *
 * The claim is lib/ar/pod.h (per currency) and lib/ar/pod_case.h (per
 * debtor, with its statement); what is read besides the items is
 * lib/ar/pod_input.h; the journal's proofs and dividends
 * lib/ar/pod_filings.h; registration numbers lib/ar/regid.h; the outputs
 * lib/report/pod_report.h (claims, statements, register) and
 * lib/report/pod_pdf.h (the form).  This file selects the debtors, reads
 * the inputs, and writes nothing until every debtor can be claimed for:
 * a debtor without a cut-off or a valid registration number, a bad row, or
 * (with --commit) a proof already filed stops the run with nothing written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal_write.h"
#include "ar/pod.h"
#include "ar/pod_case.h"
#include "ar/pod_filings.h"
#include "ar/pod_input.h"
#include "ar/regid.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/outfile.h"
#include "report/letter_pdf.h"
#include "report/pod_pdf.h"
#include "report/pod_report.h"

#ifndef AR_TEMPLATES_DIR
#define AR_TEMPLATES_DIR "/usr/local/share/artools/templates"
#endif

enum {
	OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_CUSTOMER, OPT_CUT_OFF, OPT_JOURNAL, OPT_SET_OFF,
	OPT_OUT_DIR, OPT_COMMIT, OPT_AMEND, OPT_REGISTER, OPT_XLSX
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: status, status_date (the cut-off), reg_no,\n"
	  "id_type, interest_rate, lang, liquidator, liquidator_address; required" },
	{ "customer", 0, "ID", OPT_CUSTOMER,
	  "claim for this customer only, whatever its status (repeatable)" },
	{ "cut-off", 0, "DATE", OPT_CUT_OFF,
	  "with --customer: the cut-off, over the master's status_date" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path of ar.ini);\n"
	  "a journal that does not exist yet is empty" },
	{ "set-off", 0, "FILE", OPT_SET_OFF,
	  "mutual credit to set off: customer,currency,date,amount,description\n"
	  "(amount = what the company owes the debtor)" },
	{ "out-dir", 0, "DIR", OPT_OUT_DIR,
	  "write DIR/CUSTOMER/statement.csv, statement.xlsx and\n"
	  "proof-of-debt.pdf for every debtor" },
	{ "commit", 0, NULL, OPT_COMMIT,
	  "append pod_filed to the journal per debtor and currency claimed;\n"
	  "refused when a proof with the same cut-off is already filed" },
	{ "amend", 0, NULL, OPT_AMEND,
	  "with --commit: file again over a proof already filed (pod_amended)" },
	{ "register", 0, NULL, OPT_REGISTER,
	  "write the register of proofs filed, from the journal, instead of claims" },
	{ "xlsx", 0, "FILE", OPT_XLSX,
	  "also write the claims (or the register) as the workbook FILE" },
	CLI_END
};

static const struct cli_command command = {
	"ar-pod", "--customers FILE [options] [ITEMS ...]",
	"Build the proof of debt of every customer in liquidation, administration,\n"
	"judicial management or bankruptcy (status), at its cut-off (status_date),\n"
	"from the items in ITEMS (standard input when none or -): items to the\n"
	"cut-off netted, interest to the cut-off ([pod] interest_rate, capped),\n"
	"set-off, the secured, preferential and unsecured parts; items and receipts\n"
	"after the cut-off listed apart.  Writes claims.csv: customer, name,\n"
	"currency, proceeding, cut_off, principal, interest, set_off, net_claim,\n"
	"secured, preferential, unsecured, post_cut_off_items,\n"
	"post_cut_off_receipts, items.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the claims (or the register) to FILE (default: standard output)", NULL,
	"the day proofs are filed and declared on (default: today)", NULL
};

struct pod_cmd {
	struct cli_common common;
	const char *customers_path, *journal_path, *set_off_path, *out_dir, *xlsx_path;
	const char *cut_off_text;
	const char **wanted;            /* --customer IDs */
	size_t nwanted;
	bool commit, amend, register_only;
	struct cli_context ctx;
	struct pod_policy policy;
	struct aging_policy terms;      /* due = doc_date + terms for items without one */
	struct pod_docs_setup setup;
	struct pod_templates *templates;
	struct customer_table customers;
	struct pod_filings *filings;
	struct pod_case *cases;         /* one per debtor selected */
	struct regid *ids;              /* cases[i]'s registration */
	size_t ncases;
	int32_t *case_of;               /* customer id -> case, -1: not selected */
	struct outfile out;
	bool opened;
};

static struct pod_cmd run;

static _Noreturn void
fail(int status)
{
	if (run.opened)
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
	struct pod_cmd *r = ctx;

	switch (id) {
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_CUSTOMER: {
		const char **w = realloc(r->wanted, (r->nwanted + 1) * sizeof *w);

		if (w == NULL)
			out_of_memory();
		r->wanted = w;
		r->wanted[r->nwanted++] = arg;
		break;
	}
	case OPT_CUT_OFF: r->cut_off_text = arg; break;
	case OPT_JOURNAL: r->journal_path = arg; break;
	case OPT_SET_OFF: r->set_off_path = arg; break;
	case OPT_OUT_DIR: r->out_dir = arg; break;
	case OPT_COMMIT: r->commit = true; break;
	case OPT_AMEND: r->amend = true; break;
	case OPT_REGISTER: r->register_only = true; break;
	case OPT_XLSX: r->xlsx_path = arg; break;
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

static void
load_customers(void)
{
	int status = cli_load_customers(run.customers_path, &run.customers);

	if (status != 0)
		fail(status);
}

/* The journal's proofs and dividends; a journal that does not exist yet is empty. */
static void
load_filings(void)
{
	struct item_format journal_format = run.ctx.format;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if (pod_filings_new(&run.filings, run.ctx.as_of, run.ctx.format.default_currency) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL)
		return;
	{
		FILE *probe = fopen(run.journal_path, "r");

		if (probe == NULL && errno == ENOENT)
			return;
		if (probe != NULL)
			fclose(probe);
	}
	r = open_input(run.journal_path);
	/* Our tools write the journal with a point for decimals, whatever [input] says. */
	journal_format.decimal = MONEY_DECIMAL_POINT;
	if ((err = pod_filings_load(run.filings, r, &journal_format, &e)) != AR_OK)
		fail(cli_input_failed(r, err, &e));
	csvio_reader_close(r);
}

/* One debtor chosen: its cut-off, rate and registration checked; false (said why) when it cannot be claimed for. */
static bool
select_debtor(uint32_t id, civil_day given_cut_off)
{
	const struct customer *c = customers_get(&run.customers, id);
	const char *name = strtab_key(run.customers.ids, id);
	struct pod_case *k = &run.cases[run.ncases];
	struct ar_error e = { 0 };
	civil_day cut_off = given_cut_off;
	int64_t rate;
	char why[512];
	bool ok = true;

	if (cut_off == DATE_NONE &&
	    pod_cut_off(c, name, &run.ctx.format.dates, &cut_off, &e) != AR_OK) {
		diag_report(run.customers_path, &e);
		ok = false;
	}
	if (pod_rate(&run.policy, c, &rate, &e) != AR_OK) {
		diag_report(run.customers_path, &e);
		ok = false;
	}
	if (regid_parse(c->id_type, c->reg_no, &run.ids[run.ncases], why, sizeof why) != AR_OK) {
		diag_at(run.customers_path, c->line, "customer \"%s\" cannot be claimed for: %s",
		    name, why);
		ok = false;
	}
	if (run.out_dir != NULL) {
		enum report_lang lang;
		char path[4096];

		/* A --customer whose master is not updated yet: the form cannot say which proceeding. */
		if (!pod_proceeding(c->status)) {
			diag_at(run.customers_path, c->line, "customer \"%s\": status \"%s\" is not a "
			    "proceeding (liquidation, administration, judicial_management, bankruptcy): "
			    "the form names it, so set the status", name, c->status);
			ok = false;
		}
		if (pod_doc_lang(&run.setup, c, &lang) != AR_OK) {
			diag_at(run.customers_path, c->line, "customer \"%s\": lang \"%s\" is not one of: "
			    "en, ms, zh-Hans, zh-Hant", name, c->lang);
			ok = false;
		} else if (pod_templates_need(run.templates, lang, &e, path, sizeof path) != AR_OK) {
			diag_report(path, &e);
			fail(ar_exit_code(e.code));
		}
	}
	if (!ok)
		return false;
	pod_case_init(k, name, c, cut_off, rate);
	run.case_of[id] = (int32_t)run.ncases++;
	return true;
}

/*
 * The debtors: those named by --customer, else every customer in a
 * proceeding.  Every one that cannot be claimed for is reported before the
 * run stops.
 */
static void
select_debtors(void)
{
	size_t n = strtab_count(run.customers.ids), refused = 0;
	civil_day given = DATE_NONE;

	if (run.cut_off_text != NULL &&
	    date_parse(run.cut_off_text, strlen(run.cut_off_text), &run.ctx.format.dates, &given) !=
	    AR_OK)
		cli_usage_error("--cut-off \"%s\" is not a date (expected YYYY-MM-DD)",
		    run.cut_off_text);
	if ((run.case_of = malloc((n ? n : 1) * sizeof *run.case_of)) == NULL ||
	    (run.cases = calloc(n ? n : 1, sizeof *run.cases)) == NULL ||
	    (run.ids = calloc(n ? n : 1, sizeof *run.ids)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < n; i++)
		run.case_of[i] = -1;
	if (run.nwanted > 0) {
		for (size_t i = 0; i < run.nwanted; i++) {
			uint32_t id;

			if (!strtab_find(run.customers.ids, run.wanted[i], strlen(run.wanted[i]), &id)) {
				diag_error("%s: customer \"%s\" is not in the customer master",
				    run.customers_path, run.wanted[i]);
				refused++;
			} else if (run.case_of[id] < 0 && !select_debtor(id, given)) {
				refused++;
			}
		}
	} else {
		for (uint32_t id = 0; id < n; id++)
			if (pod_proceeding(customers_get(&run.customers, id)->status) &&
			    !select_debtor(id, DATE_NONE))
				refused++;
	}
	if (refused > 0) {
		diag_error("nothing written: %zu debtor%s cannot be claimed for", refused,
		    refused == 1 ? "" : "s");
		fail(EX_DATAERR);
	}
}

/* --commit without --amend: a debtor whose proof at this cut-off is on file stops the run. */
static void
refuse_filed_again(void)
{
	bool filed = false;

	for (size_t i = 0; i < run.ncases; i++) {
		const struct pod_case *k = &run.cases[i];
		char day[16];

		if (!pod_filings_has(run.filings, k->customer_id, strlen(k->customer_id), k->cut_off))
			continue;
		day[date_format(k->cut_off, day)] = '\0';
		diag_at(run.journal_path, 0, "customer \"%s\": a proof of debt at the cut-off %s is "
		    "already filed (give --amend to file it again)", k->customer_id, day);
		filed = true;
	}
	if (filed) {
		diag_error("nothing written, nothing appended");
		fail(EX_DATAERR);
	}
}

static void
read_items(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct pod_item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (pod_items_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct pod_item_in in;
		struct ar_error e = { 0 };
		enum aging_date_source source;
		civil_day due;
		uint32_t id;

		if (items_parse(&rec, &cols.items, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail(cli_input_failed(r, problem.err, &e));
		}
		if (!strtab_find(run.customers.ids, it.customer, it.customer_len, &id) ||
		    run.case_of[id] < 0)
			continue;       /* not a debtor of this run */
		if ((err = aging_item_date(&run.terms, &it, customers_hot(&run.customers, id).terms_days,
		    &due, &source)) != AR_OK)
			due = DATE_NONE;    /* no doc_date either: pod_item_from says so */
		if ((err = pod_item_from(&rec, &cols, &it, due, &in, &e)) != AR_OK ||
		    (err = pod_case_add_item(&run.cases[run.case_of[id]], &in, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

static void
read_set_off(void)
{
	struct csvio_reader *r = open_input(run.set_off_path);
	struct pod_set_off_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (pod_set_off_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column (a set-off file has customer, currency, "
		    "date, amount, description)", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct pod_set_off_in in;
		struct ar_error e = { 0 };
		const char *customer;
		size_t len;
		uint32_t id;

		if ((err = pod_set_off_parse(&rec, &cols, &run.ctx.format, &customer, &len, &in,
		    &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		if (!strtab_find(run.customers.ids, customer, len, &id) || run.case_of[id] < 0)
			continue;       /* another customer's: not in this run */
		if ((err = pod_case_add_set_off(&run.cases[run.case_of[id]], &in, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* Whether a debtor has anything to prove: a net claim in some currency. */
static bool
has_claim(const struct pod_case *k)
{
	for (size_t i = 0; i < k->ncurrencies; i++)
		if (k->currencies[i].claim.net_claim > 0)
			return true;
	return false;
}

/*
 * DIR/<customer>: a customer id is a folder name as it is, but for the
 * characters a path cannot hold ('/', a leading '.'), which become '_'.
 */
static void
debtor_dir(const struct pod_case *k, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s/", run.out_dir);

	for (const char *s = k->customer_id; *s != '\0' && (size_t)n + 1 < cap; s++, n++)
		buf[n] = *s == '/' || (s == k->customer_id && *s == '.') ? '_' : *s;
	buf[n < (int)cap ? n : (int)cap - 1] = '\0';
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		diag_error("%s: cannot create the folder: %s", path, strerror(errno));
		fail(EX_CANTCREAT);
	}
}

static _Noreturn void
fail_output(const char *path, const struct ar_error *e)
{
	diag_report(path, e);
	fail(ar_exit_code(e->code));
}

/* One debtor's statement.csv, statement.xlsx and, when it has a claim, proof-of-debt.pdf. */
static void
write_debtor(size_t i, char *pdf, size_t cap)
{
	const struct pod_case *k = &run.cases[i];
	char dir[4096], path[4200], reg_no[64];
	struct csvio_writer w;
	struct outfile o;
	struct ar_error e = { 0 };
	int status;

	debtor_dir(k, dir, sizeof dir);
	make_dir(dir);
	snprintf(path, sizeof path, "%s/statement.csv", dir);
	if ((status = cli_output_open(&o, path, false)) != 0)
		fail(status);
	csvio_writer_init(&w, o.fp, ',', false);
	pod_statement_write_csv(&w, k);
	if ((status = cli_output_commit(&o, path)) != 0)
		fail(status);
	snprintf(path, sizeof path, "%s/statement.xlsx", dir);
	if (pod_statement_write_xlsx(path, k, &e) != AR_OK)
		fail_output(path, &e);
	pdf[0] = '\0';
	if (!has_claim(k))
		return;
	if (run.ids[i].id_old[0] != '\0')
		snprintf(reg_no, sizeof reg_no, "%s (%s)", run.ids[i].id_new, run.ids[i].id_old);
	else
		snprintf(reg_no, sizeof reg_no, "%s", run.ids[i].id_new);
	snprintf(pdf, cap, "%s/proof-of-debt.pdf", dir);
	if (pod_doc_pdf(&run.setup, run.templates, k, reg_no, pdf, &e) != AR_OK)
		fail_output(pdf, &e);
}

/* pod_filed (or pod_amended over a proof on file) per debtor and currency claimed, under one lock. */
static void
append_filings(char (*pdfs)[4200])
{
	struct journal_entry *rows;
	struct ar_error e = { 0 };
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < run.ncases; i++)
		cap += run.cases[i].ncurrencies;
	if ((rows = calloc(cap ? cap : 1, sizeof *rows)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < run.ncases; i++) {
		const struct pod_case *k = &run.cases[i];
		bool again = pod_filings_has(run.filings, k->customer_id, strlen(k->customer_id),
		    k->cut_off);

		for (size_t c = 0; c < k->ncurrencies; c++) {
			struct journal_entry row = JOURNAL_ENTRY_INIT;

			if (k->currencies[c].claim.net_claim <= 0)
				continue;       /* nothing to prove */
			row.date = run.ctx.as_of;
			row.customer = k->customer_id;
			row.action = again ? "pod_amended" : "pod_filed";
			row.has_amount = row.has_currency = true;
			row.amount = k->currencies[c].claim.net_claim;
			row.currency = k->currencies[c].currency;
			row.due = k->cut_off;
			row.ref = pdfs[i][0] != '\0' ? pdfs[i] : NULL;
			rows[n++] = row;
		}
	}
	if (n > 0 && journal_append_all(run.journal_path, rows, n, &e) != AR_OK) {
		free(rows);
		fail_output(run.journal_path, &e);
	}
	free(rows);
}

static void
write_claims(void)
{
	char (*pdfs)[4200] = calloc(run.ncases ? run.ncases : 1, sizeof *pdfs);
	struct csvio_writer w;
	struct ar_error e = { 0 };
	int status;

	if (pdfs == NULL)
		out_of_memory();
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.opened = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	pod_claims_write_header(&w);
	for (size_t i = 0; i < run.ncases; i++)
		pod_claims_write_rows(&w, &run.cases[i]);
	if (run.out_dir != NULL) {
		make_dir(run.out_dir);
		for (size_t i = 0; i < run.ncases; i++)
			write_debtor(i, pdfs[i], sizeof pdfs[i]);
	}
	if (run.xlsx_path != NULL &&
	    pod_claims_write_xlsx(run.xlsx_path, run.cases, run.ncases, &e) != AR_OK)
		fail_output(run.xlsx_path, &e);
	if (run.commit)
		append_filings(pdfs);
	free(pdfs);
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
	run.opened = false;
}

static void
write_register(void)
{
	struct pod_register_row *rows;
	const char *liquidator = config_get_string(run.ctx.config, "pod:liquidator");
	struct csvio_writer w;
	struct ar_error e = { 0 };
	size_t n;
	int status;

	if (pod_filings_register(run.filings, &rows, &n) != AR_OK)
		out_of_memory();
	/* --customer: their rows only. */
	if (run.nwanted > 0) {
		size_t kept = 0;

		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < run.nwanted; j++)
				if (strcmp(rows[i].customer, run.wanted[j]) == 0) {
					rows[kept++] = rows[i];
					break;
				}
		n = kept;
	}
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.opened = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	pod_register_write_csv(&w, rows, n, &run.customers, liquidator);
	if (run.xlsx_path != NULL && pod_register_write_xlsx(run.xlsx_path, rows, n, &run.customers,
	    liquidator, &e) != AR_OK) {
		free(rows);
		fail_output(run.xlsx_path, &e);
	}
	free(rows);
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
	run.opened = false;
}

static void
check_options(void)
{
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (run.cut_off_text != NULL && run.nwanted == 0)
		cli_usage_error("--cut-off gives the cut-off of the customers named: it needs --customer");
	if (run.amend && !run.commit)
		cli_usage_error("--amend files again: it needs --commit");
	if (run.register_only && (run.commit || run.out_dir != NULL || run.set_off_path != NULL ||
	    run.cut_off_text != NULL))
		cli_usage_error("--register writes the register from the journal: it takes no "
		    "--commit, --out-dir, --set-off or --cut-off");
}

int
main(int argc, char *argv[])
{
	char msg[1024];
	const char *templates = getenv("AR_TEMPLATES");
	long long created;
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	check_options();
	created = cli_created_time();
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if ((run.commit || run.register_only) && run.journal_path == NULL)
		cli_usage_error("%s needs a journal: --journal FILE or [journal] path in ar.ini",
		    run.commit ? "--commit" : "--register");
	if (pod_policy_from_config(run.ctx.config, &run.policy, msg, sizeof msg) != AR_OK ||
	    pod_docs_setup_read(run.ctx.config, templates && templates[0] ? templates :
	    AR_TEMPLATES_DIR, run.ctx.as_of, created, &run.setup, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	run.terms.basis = AGING_BASIS_DUE;
	run.terms.default_terms_days = (int)config_get_long(run.ctx.config,
	    "aging:default_terms_days");
	load_customers();
	if (run.register_only) {
		load_filings();
		write_register();
	} else {
		if (run.out_dir != NULL && pod_templates_new(&run.templates,
		    run.setup.templates_dir) != AR_OK)
			out_of_memory();
		select_debtors();
		if (run.commit) {
			load_filings();
			if (!run.amend)
				refuse_filed_again();
		}
		if (first >= argc)
			read_items(NULL);
		for (int i = first; i < argc; i++)
			read_items(strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
		if (run.set_off_path != NULL)
			read_set_off();
		for (size_t i = 0; i < run.ncases; i++) {
			struct ar_error e = { 0 };

			if (pod_case_finish(&run.cases[i], &e) != AR_OK) {
				diag_error("customer \"%s\": %s", run.cases[i].customer_id, e.message);
				fail(ar_exit_code(e.code));
			}
		}
		write_claims();
	}
	for (size_t i = 0; i < run.ncases; i++)
		pod_case_free(&run.cases[i]);
	free(run.cases);
	free(run.ids);
	free(run.case_of);
	free(run.wanted);
	pod_templates_free(run.templates);
	pod_filings_free(run.filings);
	letter_pdf_shutdown();
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
