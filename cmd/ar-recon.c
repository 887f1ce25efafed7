/*
 * ar-recon - reconcile a customer's ledger of us with our items (issue
 * 19).  The rules are lib/ar/recon.h's, the customer's file is read by
 * lib/source/their_ledger.h, the outputs are lib/report/recon_report.h's
 * and recon_pdf.h's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal_write.h"
#include "ar/payments.h"
#include "ar/recon.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "core/textin.h"
#include "report/letter_pdf.h"
#include "report/recon_pdf.h"
#include "report/recon_report.h"
#include "source/their_ledger.h"

enum {
	OPT_CUSTOMER = CLI_OPT_FIRST_OWN, OPT_THEIRS, OPT_PROFILE, OPT_PAYMENTS, OPT_JOURNAL,
	OPT_CUSTOMERS, OPT_USER, OPT_XLSX, OPT_PDF
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customer", 0, "ID", OPT_CUSTOMER, "the customer whose ledger it is (required)" },
	{ "theirs", 0, "FILE", OPT_THEIRS,
	  "the customer's ledger of us, CSV (required)" },
	{ "profile", 0, "NAME", OPT_PROFILE,
	  "how their ledger is laid out: [recon.NAME] of\n"
	  "ar.ini (default: the built-in generic)" },
	{ "payments", 0, "FILE", OPT_PAYMENTS,
	  "our bank's payments stream: is their payment\n"
	  "in transit in our bank?" },
	{ "journal", 0, "FILE", OPT_JOURNAL, "append a recon row to this journal" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: name and address for\n"
	  "the letter" },
	{ "user", 0, "NAME", OPT_USER,
	  "who, in the journal (default: $USER, else\n"
	  "$LOGNAME)" },
	{ "xlsx", 0, "FILE", OPT_XLSX, "also the workbook" },
	{ "pdf", 0, "FILE", OPT_PDF, "also the letter to the customer, as PDF" },
	CLI_END
};

static const struct cli_command command = {
	"ar-recon", "--customer ID --theirs FILE [options] [ITEMS ...]",
	"Reconcile the ledger a customer keeps of us (its accounts payable) with\n"
	"our open items of that customer (ITEMS, or standard input): their lines\n"
	"matched to our documents by document number, reference, amount and\n"
	"date, every difference classified (matched, amount_differs,\n"
	"missing_theirs, missing_ours, payment_in_transit, credit_note_pending),\n"
	"and per currency both balances with the proof that ours - theirs is\n"
	"the sum of the differences, to the cent.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write recon.csv to FILE (default: standard output)", NULL,
	"the day of the reconciliation (default today)", NULL
};

static struct {
	struct cli_common common;
	struct cli_context ctx;
	const char *customer, *theirs_path, *profile_name, *payments_path, *journal_path;
	const char *customers_path, *user, *xlsx_path, *pdf_path;
	char **items;
	int nitems;
	struct their_profile profile;
	struct recon *recon;
	struct customer_table customers;
	bool customers_loaded;
	char name[256];
	struct outfile out;
	bool out_open;
} run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	recon_free(run.recon);
	if (run.customers_loaded)
		customers_free(&run.customers);
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
	case OPT_CUSTOMER: run.customer = arg; break;
	case OPT_THEIRS: run.theirs_path = arg; break;
	case OPT_PROFILE: run.profile_name = arg; break;
	case OPT_PAYMENTS: run.payments_path = arg; break;
	case OPT_JOURNAL: run.journal_path = arg; break;
	case OPT_CUSTOMERS: run.customers_path = arg; break;
	case OPT_USER: run.user = arg; break;
	case OPT_XLSX: run.xlsx_path = arg; break;
	case OPT_PDF: run.pdf_path = arg; break;
	}
}

static ar_err
take_theirs(void *ctx, const struct their_line *l)
{
	struct recon_their t = { l->doc_no, l->match_no, l->ref, l->date, l->currency, l->amount,
	    l->kind, l->line };

	(void)ctx;
	return recon_add_theirs(run.recon, &t);
}

static void
read_theirs(void)
{
	struct textin *t;
	struct their_summary sum;
	struct ar_error e = { 0 };
	const char *path = strcmp(run.theirs_path, "-") == 0 ? NULL : run.theirs_path;
	ar_err err;

	if ((err = textin_open(&t, path, run.profile.encoding)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_error("cannot open %s: %s", run.theirs_path, textin_error(NULL));
		fail(err == AR_ECONFIG ? EX_CONFIG : EX_NOINPUT);
	}
	err = their_ledger_read(t, &run.profile, run.ctx.format.has_default_currency,
	    run.ctx.format.default_currency, take_theirs, NULL, &sum, &e);
	if (err != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_report(textin_name(t), &e);
		textin_close(t);
		fail(ar_exit_code(err));
	}
	textin_close(t);
	if (sum.skipped > 0)
		diag_error("%s: %ld total or blank line%s passed over (skip_values of [recon.%s])",
		    run.theirs_path, sum.skipped, sum.skipped == 1 ? "" : "s", run.profile.name);
}

/* Our items of the customer, from one file (NULL: standard input). */
static void
read_items(const char *path)
{
	int status, doc_no, doc_type, name;
	struct csvio_reader *r;
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;
	size_t clen = strlen(run.customer);

	if ((r = cli_open_csv(path, &status)) == NULL)
		fail(status);
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	if ((doc_no = csvio_column(r, "doc_no")) < 0) {
		diag_at(csvio_name(r), 1, "no doc_no column: documents are matched by it");
		fail(EX_DATAERR);
	}
	doc_type = csvio_column(r, "doc_type");
	name = csvio_column(r, "name");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		size_t len;
		const char *s;
		char doc[256], type[16];

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];
			struct ar_error e = { 0 };

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail(cli_input_failed(r, problem.err, &e));
		}
		if (it.customer_len != clen || memcmp(it.customer, run.customer, clen) != 0)
			continue;
		s = items_field(&rec, doc_no, &len);
		snprintf(doc, sizeof doc, "%.*s", (int)len, s);
		s = items_field(&rec, doc_type, &len);
		snprintf(type, sizeof type, "%.*s", (int)len, s);
		if (run.name[0] == '\0' && (s = items_field(&rec, name, &len)) != NULL && len > 0)
			snprintf(run.name, sizeof run.name, "%.*s", (int)len, s);
		switch (recon_add_ours(run.recon, doc, type, it.doc_date != DATE_NONE ? it.doc_date :
		    it.due_date, it.currency, it.amount)) {
		case AR_OK: break;
		case AR_ENOMEM: out_of_memory();
		default: {
			struct ar_error e = { 0 };

			ar_error_set(&e, AR_ERANGE, rec.line, "the balance of %s overflows",
			    run.customer);
			fail(cli_input_failed(r, AR_ERANGE, &e));
		}
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* Our bank's credits offered to the payments in transit. */
static void
read_payments(void)
{
	int status;
	struct csvio_reader *r;
	struct payment_columns cols;
	struct csvio_record rec;
	const char *missing;
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
		char text[2048];

		if ((err = payments_parse(&rec, &cols, &run.ctx.format.dates, &p, &e)) != AR_OK)
			fail(cli_input_failed(r, err, &e));
		if (p.amount <= 0)
			continue;   /* money out is no payment of theirs */
		snprintf(text, sizeof text, "%s %s %s %s", p.reference, p.ref1, p.ref2, p.narrative);
		if (recon_offer_payment(run.recon, p.id, p.value_date, p.currency, p.amount, text) !=
		    AR_OK)
			out_of_memory();
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/* "matched 5, missing_theirs 2" and the balances, for the journal and stderr. */
static void
summary(char *buf, size_t cap, bool balances)
{
	size_t total[RECON_NCLASSES] = { 0 }, len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < recon_nbalances(run.recon); k++)
		for (int c = 0; c < RECON_NCLASSES; c++)
			total[c] += recon_balance_at(run.recon, k)->count[c];
	for (int c = 0; c < RECON_NCLASSES && len < cap; c++)
		if (total[c] > 0)
			len += (size_t)snprintf(buf + len, cap - len, "%s%s %zu", len ? ", " : "",
			    recon_class_name((enum recon_class)c), total[c]);
	for (size_t k = 0; balances && k < recon_nbalances(run.recon) && len < cap; k++) {
		const struct recon_balance *b = recon_balance_at(run.recon, k);
		char o[MONEY_TEXT_MAX], t[MONEY_TEXT_MAX], d[MONEY_TEXT_MAX];
		int x = currency_exponent(b->currency);

		money_format(b->ours, x, o);
		money_format(b->theirs, x, t);
		money_format(b->difference, x, d);
		len += (size_t)snprintf(buf + len, cap - len, "%s%s ours %s theirs %s difference %s",
		    k == 0 ? "; " : ", ", currency_code(b->currency), o, t, d);
	}
}

static void
journal(void)
{
	struct journal_entry row = JOURNAL_ENTRY_INIT;
	struct ar_error e = { 0 };
	char note[1024];
	const char *base = strrchr(run.theirs_path, '/');

	summary(note, sizeof note, true);
	row.date = run.ctx.as_of;
	row.customer = run.customer;
	row.action = "recon";
	if (recon_nbalances(run.recon) > 0) {
		/* the first currency in code order: the one the note names first */
		const struct recon_balance *b = recon_balance_at(run.recon, 0);

		row.has_amount = row.has_currency = true;
		row.amount = b->difference;
		row.currency = b->currency;
	}
	row.ref = base != NULL ? base + 1 : run.theirs_path;
	row.user = cli_user_name(run.user);
	row.note = note;
	if (journal_append_all(run.journal_path, &row, 1, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		fail(ar_exit_code(e.code));
	}
}

static void
write_outputs(const struct recon_meta *m)
{
	struct csvio_writer w;
	struct row_sink_csv sink;
	struct ar_error e = { 0 };
	int status;

	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.out_open = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	row_sink_csv_init(&sink, &w);
	recon_write(&sink.sink, run.recon, run.ctx.as_of);
	if (run.pdf_path != NULL) {
		ar_err err = recon_pdf(run.pdf_path, run.recon, m, run.ctx.config, cli_created_time(),
		    &e);

		letter_pdf_shutdown();
		if (err != AR_OK) {
			diag_report(run.pdf_path, &e);
			fail(ar_exit_code(err));
		}
	}
	if (run.xlsx_path != NULL && recon_xlsx(run.xlsx_path, run.recon, m, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	if (run.journal_path != NULL)
		journal();
	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
}

int
main(int argc, char *argv[])
{
	struct recon_meta meta;
	struct ar_error e = { 0 };
	char msg[1024], said[1024];
	const char *address = "";
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, NULL);
	run.items = argv + first;
	run.nitems = argc - first;
	if (run.customer == NULL || run.customer[0] == '\0')
		cli_usage_error("--customer ID is needed: whose ledger it is");
	if (run.theirs_path == NULL)
		cli_usage_error("--theirs FILE is needed: the customer's ledger of us");
	if (strcmp(run.theirs_path, "-") == 0) {
		if (run.nitems == 0)
			cli_usage_error("--theirs - and the items both on standard input: name ITEMS");
		for (int i = 0; i < run.nitems; i++)
			if (strcmp(run.items[i], "-") == 0)
				cli_usage_error("--theirs - and ITEMS - both on standard input");
	}
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (their_profile_load(run.ctx.config, run.profile_name != NULL ? run.profile_name :
	    "generic", &run.profile, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	if (run.pdf_path != NULL && config_get_string(run.ctx.config, "company:name")[0] == '\0') {
		diag_error("[company] name is not set in %s: the letter's letterhead needs it",
		    config_path(run.ctx.config) != NULL && config_path(run.ctx.config)[0] != '\0' ?
		    config_path(run.ctx.config) : "ar.ini");
		fail(EX_CONFIG);
	}
	if (recon_new(&run.recon) != AR_OK)
		out_of_memory();
	if (run.customers_path != NULL) {
		int status;
		uint32_t id;

		run.customers_loaded = true;
		status = cli_load_customers(run.customers_path, &run.customers);
		if (status != 0)
			fail(status);
		if (strtab_find(run.customers.ids, run.customer, strlen(run.customer), &id)) {
			snprintf(run.name, sizeof run.name, "%s",
			    customers_get(&run.customers, id)->name);
			address = customers_get(&run.customers, id)->address;
		} else {
			diag_error("%s: customer %s is not in it: the letter has no address",
			    run.customers_path, run.customer);
		}
	}
	read_theirs();
	if (run.nitems == 0)
		read_items(NULL);
	for (int i = 0; i < run.nitems; i++)
		read_items(strcmp(run.items[i], "-") == 0 ? NULL : run.items[i]);
	if (recon_nours(run.recon) == 0)
		diag_error("no item of customer %s in the items: every line of theirs is "
		    "missing_ours or a payment or deduction", run.customer);
	if (recon_match(run.recon, run.profile.match_days) != AR_OK)
		out_of_memory();
	if (run.payments_path != NULL)
		read_payments();
	switch (recon_finish(run.recon, run.payments_path != NULL, &e)) {
	case AR_OK: break;
	case AR_ENOMEM: out_of_memory();
	case AR_EINVARIANT:
		diag_error("internal error: %s: nothing written", e.message);
		fail(EX_SOFTWARE);
	default:
		diag_error("%s: nothing written", e.message);
		fail(EX_DATAERR);
	}
	meta = (struct recon_meta){ run.customer, run.name, address, run.theirs_path,
	    run.profile.name, run.ctx.as_of };
	write_outputs(&meta);
	summary(said, sizeof said, true);
	diag_error("%s: %s", run.customer, said[0] != '\0' ? said : "nothing to reconcile");
	if (run.customers_loaded)
		customers_free(&run.customers);
	recon_free(run.recon);
	config_free(run.ctx.config);
	return EX_OK;
}
