/*
 * ar-refund - refunds of credit balances (issue 19): propose (who is in
 * credit, who is excluded and why, for approval) and pay (the approved
 * rows as an ISO 20022 pain.001 and a bank's CSV, journal rows refund so
 * that nothing is paid twice).  The rules are lib/ar/refund.h's (propose)
 * and refund_pay.h's (pay), the files lib/report/pain001.h's,
 * payout_csv.h's and refund_report.h's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/journal_write.h"
#include "ar/refund.h"
#include "ar/refund_pay.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "report/pain001.h"
#include "report/payout_csv.h"
#include "report/refund_report.h"

enum {
	OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_JOURNAL, OPT_XLSX, OPT_APPROVED, OPT_VALUE_DATE,
	OPT_XML, OPT_PAYOUT, OPT_CSV
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: status, name, bank_account,\n"
	  "bank_code, bank_holder (propose: needed; pay: the\n"
	  "bank details checked against it)" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path):\n"
	  "propose reads its disputes, pay its refund rows and\n"
	  "appends to it" },
	{ "xlsx", 0, "FILE", OPT_XLSX, "propose: also the proposal as a workbook" },
	{ "approved", 0, "FILE", OPT_APPROVED,
	  "pay: the proposal with the rows to pay marked\n"
	  "approved" },
	{ "value-date", 0, "DATE", OPT_VALUE_DATE,
	  "pay: the value date of rows without one (default\n"
	  "the as-of date)" },
	{ "xml", 0, "FILE", OPT_XML, "pay: the ISO 20022 pain.001.001.03 file" },
	{ "payout", 0, "NAME", OPT_PAYOUT,
	  "pay: the bank CSV's layout, [payout.NAME] of ar.ini" },
	{ "csv", 0, "FILE", OPT_CSV, "pay: the bank CSV (with --payout)" },
	CLI_END
};

static const struct cli_command command = {
	"ar-refund", "propose|pay [options] [ITEMS ...]",
	"Refunds of credit balances.  propose --customers FILE [ITEMS ...]: one\n"
	"row per customer and currency whose open items net to a credit, proposed\n"
	"or excluded with its reason (insolvent, dispute, open_debits, too_recent,\n"
	"no_bank_account, bank_account_invalid), for approval.  pay --approved FILE\n"
	"--xml FILE: the approved rows as an ISO 20022 pain.001 credit transfer\n"
	"file (and a bank CSV with --payout NAME --csv FILE), and journal rows\n"
	"refund; a row already in the journal is not paid again.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"propose: write the proposal CSV to FILE (default: standard output)", NULL,
	"propose: the day credits are aged at, in the refund_id;\n"
	"pay: the day of the file (CreDtTm) (default today)", NULL
};

enum verb { VERB_PROPOSE, VERB_PAY };

static struct {
	struct cli_common common;
	struct cli_context ctx;
	enum verb verb;
	const char *customers_path, *journal_path, *xlsx_path, *approved_path;
	const char *value_date_arg, *xml_path, *payout, *csv_path;
	char **items_args;
	int nitems_args;
	struct customer_table customers;
	bool have_customers;
	struct refund_policy policy;
	struct outfile out;
	bool out_open;
	struct outfile xml, csv;
	bool xml_open, csv_open;
	char debtor_account[REFUND_ACCOUNT_MAX];
	civil_day value_date;
} run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	if (run.xml_open)
		outfile_abort(&run.xml);
	if (run.csv_open)
		outfile_abort(&run.csv);
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
	case OPT_CUSTOMERS: run.customers_path = arg; break;
	case OPT_JOURNAL: run.journal_path = arg; break;
	case OPT_XLSX: run.xlsx_path = arg; break;
	case OPT_APPROVED: run.approved_path = arg; break;
	case OPT_VALUE_DATE: run.value_date_arg = arg; break;
	case OPT_XML: run.xml_path = arg; break;
	case OPT_PAYOUT: run.payout = arg; break;
	case OPT_CSV: run.csv_path = arg; break;
	}
}

/* The customer master, NULL without --customers. */
static const struct customer_table *
master_table(void)
{
	return run.have_customers ? &run.customers : NULL;
}

/*
 * The journal, when there is one: propose takes its facts (open
 * disputes), pay its rows into paid (its refund rows).  A journal not yet
 * made is empty.
 */
static struct journal *
read_journal(struct refund_approved *paid)
{
	int status;
	struct csvio_reader *r;
	struct journal_columns cols;
	struct csvio_record rec;
	struct item_format fmt = run.ctx.format;
	struct journal *j;
	const char *missing;
	struct ar_error e = { 0 };
	ar_err err;
	int ref;

	if (journal_new(&j, run.ctx.as_of, run.ctx.format.has_default_currency ?
	    run.ctx.format.default_currency : 0) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL || (access(run.journal_path, F_OK) != 0 && errno == ENOENT &&
	    run.verb == VERB_PAY))
		return j;   /* the first refund paid makes the journal */
	if ((r = cli_open_csv(run.journal_path, &status)) == NULL)
		fail(status);
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	ref = csvio_column(r, "ref");
	fmt.decimal = MONEY_DECIMAL_POINT;   /* our tools write the journal with a point */
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		size_t alen, rlen;
		const char *action = items_field(&rec, cols.action, &alen);
		const char *s = items_field(&rec, ref, &rlen);

		if (run.verb == VERB_PROPOSE &&
		    (err = journal_add(j, &rec, &cols, &fmt, &e)) != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			fail(cli_input_failed(r, err, &e));
		}
		if (paid != NULL && refund_approved_note_journal(paid, action, alen, s, rlen) != AR_OK)
			out_of_memory();
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
	return j;
}

/* ---- propose ---- */

/* One input of items, read twice: the balances, then the doc_nos of the credits. */
struct input {
	FILE *fp;
	const char *name;
};

static void
read_items(struct input *in, struct refund_book *b, bool second)
{
	struct csvio_reader *r;
	struct item_columns cols;
	struct csvio_record rec;
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	const char *missing;
	ar_err err;

	if (second && fseek(in->fp, 0, SEEK_SET) != 0) {
		diag_error("cannot read %s again: %s", in->name, strerror(errno));
		fail(EX_IOERR);
	}
	if ((err = csvio_reader_from_stream(&r, in->fp, in->name, &opts)) != AR_OK)
		fail(cli_reader_failed(r, err, in->name));
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(in->name, 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	if (cols.doc_no < 0) {
		diag_at(in->name, 1, "no doc_no column: the proposal lists the items of a credit");
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct ar_error e = { 0 };
		size_t clen, dlen, plen;
		const char *company = items_field(&rec, cols.company, &clen);
		const char *doc = items_field(&rec, cols.doc_no, &dlen);
		const char *disp = items_field(&rec, cols.dispute, &plen);

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail(cli_input_failed(r, problem.err, &e));
		}
		err = second ? refund_book_note_item(b, it.customer, it.customer_len, it.currency, doc,
		    dlen) : refund_book_add_item(b, &it, company, clen, disp, plen, rec.line, &e);
		if (err == AR_ENOMEM)
			out_of_memory();
		if (err != AR_OK)
			fail(cli_input_failed(r, err, &e));
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

struct proposal {
	struct refund_row *rows;
	size_t n;
};

static void
proposal_csv(struct proposal *p)
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
	refund_report_write(&sink.sink, p->rows, p->n);
	if (run.xlsx_path != NULL && refund_report_xlsx(run.xlsx_path, p->rows, p->n, &e) != AR_OK) {
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
}

static void
propose(void)
{
	struct refund_book *b = refund_book_new();
	struct journal *j = read_journal(NULL);
	struct input *in = calloc((size_t)run.nitems_args + 1, sizeof *in);
	size_t nin = 0, proposed = 0;
	struct proposal p = { 0 };
	int64_t sums[CURRENCY_MAX] = { 0 };
	int status;

	if (b == NULL || in == NULL)
		out_of_memory();
	if (run.nitems_args == 0)
		in[nin++] = (struct input){ stdin, "<stdin>" };
	for (int i = 0; i < run.nitems_args; i++) {
		const char *a = run.items_args[i];

		if (strcmp(a, "-") == 0) {
			in[nin++] = (struct input){ stdin, "<stdin>" };
		} else if ((in[nin].fp = fopen(a, "r")) == NULL) {
			diag_error("cannot open %s: %s", a, strerror(errno));
			fail(EX_NOINPUT);
		} else {
			in[nin++].name = a;
		}
	}
	for (size_t i = 0; i < nin; i++) {
		if ((in[i].fp = cli_rewindable(in[i].fp, in[i].name, &status)) == NULL)
			fail(status);
		read_items(&in[i], b, false);
	}
	if (refund_book_close(b) != AR_OK)
		out_of_memory();
	for (size_t i = 0; i < nin; i++) {
		read_items(&in[i], b, true);
		if (in[i].fp != stdin)
			fclose(in[i].fp);
	}
	p.n = refund_book_count(b);
	if ((p.rows = calloc(p.n ? p.n : 1, sizeof *p.rows)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < p.n; i++) {
		const struct refund_credit *c = refund_book_credit(b, i);
		const struct customer *m = refund_master(master_table(), c->customer);
		const struct journal_facts *f = journal_find(j, c->customer, strlen(c->customer));
		struct refund_row *r = &p.rows[i];
		struct refund_checks k;

		if (!refund_id_format(c->customer, c->currency, run.ctx.as_of, r->refund_id,
		    sizeof r->refund_id)) {
			diag_error("customer %s: its id is too long for a refund_id", c->customer);
			fail(EX_DATAERR);
		}
		r->customer = c->customer;
		r->name = m != NULL ? m->name : "";
		r->items = c->items;
		refund_checks_of(&k, c, m, f);
		r->bank_account = k.bank_account;
		r->bank_code = k.bank_code;
		r->bank_holder = refund_bank_holder(m);
		r->currency = c->currency;
		r->amount = c->amount;
		r->reason = refund_decide(&k, &run.policy, run.ctx.as_of);
		if (r->reason == REFUND_PROPOSED) {
			proposed++;
			(void)money_add(&sums[c->currency], c->amount);
		}
	}
	proposal_csv(&p);
	{
		char line[512] = "";
		size_t len = 0;

		for (int cur = 0; cur < CURRENCY_MAX; cur++) {
			char amt[MONEY_TEXT_MAX];

			if (sums[cur] == 0)
				continue;
			money_format(sums[cur], currency_exponent(cur), amt);
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s",
			    len ? ", " : " (", currency_code(cur), amt);
			if (len >= sizeof line)
				break;
		}
		diag_error("%zu credit%s: %zu proposed%s%s, %zu excluded", p.n, p.n == 1 ? "" : "s",
		    proposed, line, proposed ? ")" : "", p.n - proposed);
	}
	free(p.rows);
	free(in);
	refund_book_free(b);
	journal_free(j);
}

/* ---- pay ---- */

static civil_day
date_option(const char *opt, const char *arg)
{
	civil_day day;

	if (date_parse_format(arg, strlen(arg), "%Y-%m-%d", &day) != AR_OK)
		cli_usage_error("%s \"%s\" is not a date YYYY-MM-DD", opt, arg);
	return day;
}

/* The approved proposal's rows into ap, weighed by refund_approved_add; its tally said. */
static void
read_approved(struct refund_approved *ap)
{
	int status;
	struct csvio_reader *r;
	struct refund_proposal_columns cols;
	struct csvio_record rec;
	struct refund_approved_tally t;
	const char *missing;
	ar_err err;

	if ((r = cli_open_csv(run.approved_path, &status)) == NULL)
		fail(status);
	if (refund_proposal_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct refund_line l;
		struct ar_error e = { 0 };

		if ((err = refund_proposal_parse(&rec, &cols, &l, &e)) != AR_OK ||
		    (err = refund_approved_add(ap, &l, rec.line, NULL, &e)) != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			fail(cli_input_failed(r, err, &e));
		}
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	refund_approved_tally(ap, &t);
	if (t.not_approved > 0)
		diag_error("%lu row%s not approved, not paid: %lu proposed, %lu excluded, %lu other",
		    t.not_approved, t.not_approved == 1 ? "" : "s", t.proposed, t.excluded, t.other);
	if (t.already_paid > 0)
		diag_error("%lu approved row%s already paid (%s%s has a refund row in %s): not paid "
		    "again", t.already_paid, t.already_paid == 1 ? "" : "s", t.first_paid,
		    t.already_paid > 1 ? " ..." : "", run.journal_path);
	csvio_reader_close(r);
}

/* [company] name, bank_account and bank_swift: the debtor of the pain.001. */
static void
debtor(struct pain001_debtor *d)
{
	const char *path = config_path(run.ctx.config) != NULL ? config_path(run.ctx.config) :
	    "ar.ini (none was read)";
	static const char *const keys[] = { "company:name", "company:bank_account",
	    "company:bank_swift" };

	for (size_t i = 0; i < 3; i++)
		if (config_get_string(run.ctx.config, keys[i])[0] == '\0') {
			diag_error("[company] %s is not set in %s: the payment file's debtor needs "
			    "it", keys[i] + 8, path);
			fail(EX_CONFIG);
		}
	d->name = config_get_string(run.ctx.config, "company:name");
	d->account = config_get_string(run.ctx.config, "company:bank_account");
	/* An account written 5140-1100-9988 goes to the bank as its digits. */
	if (refund_account_valid(d->account, run.debtor_account))
		d->account = run.debtor_account;
	d->bic = config_get_string(run.ctx.config, "company:bank_swift");
	d->charges = run.policy.charges;
	if (!refund_bic_valid(d->bic)) {
		diag_error("[company] bank_swift \"%s\" in %s is not a SWIFT BIC of 8 or 11 "
		    "characters", d->bic, path);
		fail(EX_CONFIG);
	}
}

static void
pay(void)
{
	struct pain001_debtor d;
	struct payout_layout layout;
	struct pain001_totals tot;
	struct refund_approved *ap;
	const struct refund_line *lines;
	size_t n;
	struct journal *j;
	struct journal_entry *rows;
	struct ar_error e = { 0 };
	civil_day value_date = run.ctx.as_of;
	int64_t csv_total = 0, sums[CURRENCY_MAX] = { 0 };
	char note[64], line[512] = "";
	size_t len = 0;
	int status;

	debtor(&d);
	if (run.payout != NULL && payout_layout_load(run.ctx.config, run.payout, &layout, &e) !=
	    AR_OK) {
		diag_error("%s", e.message);
		fail(EX_CONFIG);
	}
	if (run.value_date_arg != NULL) {
		value_date = run.value_date;
		if (value_date < run.ctx.as_of)
			cli_usage_error("--value-date %s is before the as-of date", run.value_date_arg);
	}
	if ((ap = refund_approved_new(run.ctx.as_of, value_date, master_table(),
	    run.customers_path)) == NULL)
		out_of_memory();
	j = read_journal(ap);
	journal_free(j);
	read_approved(ap);
	lines = refund_approved_lines(ap, &n);
	if (n == 0) {
		diag_error("nothing to pay: no file written, nothing appended");
		refund_approved_free(ap);
		return;
	}
	/* Both files written and checked before either is renamed into place. */
	if ((status = cli_output_open(&run.xml, run.xml_path, true)) != 0)
		fail(status);
	run.xml_open = true;
	if (pain001_write(run.xml.fp, &d, lines, n, run.ctx.as_of, &tot, &e) != AR_OK) {
		diag_report(run.xml_path, &e);
		fail(ar_exit_code(e.code));
	}
	if (run.csv_path != NULL) {
		if ((status = cli_output_open(&run.csv, run.csv_path, true)) != 0)
			fail(status);
		run.csv_open = true;
		if (payout_csv_write(run.csv.fp, &layout, lines, n, &csv_total, &e) != AR_OK) {
			diag_report(run.csv_path, &e);
			fail(e.code == AR_EUSAGE ? EX_DATAERR : ar_exit_code(e.code));
		}
		/* One currency in the CSV: CtrlSum is in its decimals, and must be its total. */
		if (csv_total != tot.ctrl_sum) {
			diag_error("the totals do not tie: CtrlSum %lld, the CSV's total %lld (minor "
			    "units): nothing written", (long long)tot.ctrl_sum, (long long)csv_total);
			fail(ar_exit_code(AR_EINVARIANT));
		}
	}
	if ((rows = calloc(n, sizeof *rows)) == NULL)
		out_of_memory();
	snprintf(note, sizeof note, "pain.001 %s", tot.msg_id);
	for (size_t i = 0; i < n; i++) {
		refund_journal_entry(&lines[i], note, cli_user_name(NULL), &rows[i]);
		if (journal_entry_check(&rows[i], &e) != AR_OK) {
			diag_error("%s: no journal row can be made: %s", lines[i].refund_id, e.message);
			fail(EX_DATAERR);
		}
		(void)money_add(&sums[lines[i].currency], lines[i].amount);
	}
	run.xml_open = false;
	if ((status = cli_output_commit(&run.xml, run.xml_path)) != 0) {
		fail(status);
	}
	if (run.csv_path != NULL) {
		run.csv_open = false;
		if ((status = cli_output_commit(&run.csv, run.csv_path)) != 0) {
			unlink(run.xml_path);
			fail(status);
		}
	}
	/* Files that the journal does not know of would be paid again: take them back. */
	if (journal_append_all(run.journal_path, rows, n, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		diag_error("the payment files are removed: without their journal rows they would "
		    "be paid again");
		unlink(run.xml_path);
		if (run.csv_path != NULL)
			unlink(run.csv_path);
		fail(ar_exit_code(e.code));
	}
	for (int cur = 0; cur < CURRENCY_MAX; cur++) {
		char amt[MONEY_TEXT_MAX];

		if (sums[cur] == 0)
			continue;
		money_format(sums[cur], currency_exponent(cur), amt);
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s", len ? ", " : "",
		    currency_code(cur), amt);
		if (len >= sizeof line)
			break;
	}
	{
		char ctrl[MONEY_TEXT_MAX];

		money_format(tot.ctrl_sum, tot.exponent, ctrl);
		diag_error("paid %zu refund%s: %s; %s MsgId %s, %zu payment block%s, CtrlSum %s",
		    n, n == 1 ? "" : "s", line, run.xml_path, tot.msg_id, tot.blocks,
		    tot.blocks == 1 ? "" : "s", ctrl);
		if (run.csv_path != NULL)
			diag_error("%s: %zu line%s, total %s", run.csv_path, n, n == 1 ? "" : "s",
			    ctrl);
	}
	diag_error("%zu refund row%s appended to %s", n, n == 1 ? "" : "s",
	    run.journal_path);
	free(rows);
	refund_approved_free(ap);
}

int
main(int argc, char *argv[])
{
	static const char *const verbs[] = { "propose", "pay", NULL };
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, NULL);
	if (first >= argc)
		cli_usage_error("a verb is needed: propose or pay");
	run.verb = (enum verb)cli_parse_word("the verb", argv[first], verbs);
	run.items_args = argv + first + 1;
	run.nitems_args = argc - first - 1;
	if (run.verb == VERB_PROPOSE) {
		if (run.customers_path == NULL)
			cli_usage_error("propose needs --customers FILE: the bank accounts and "
			    "statuses are there");
		if (run.approved_path != NULL || run.xml_path != NULL || run.payout != NULL ||
		    run.csv_path != NULL || run.value_date_arg != NULL)
			cli_usage_error("--approved, --value-date, --xml, --payout and --csv are pay's");
	} else {
		if (run.nitems_args > 0)
			cli_usage_error("unexpected operand \"%s\": pay reads --approved, not items",
			    run.items_args[0]);
		if (run.approved_path == NULL || run.xml_path == NULL)
			cli_usage_error("pay needs --approved FILE and --xml FILE");
		if ((run.payout == NULL) != (run.csv_path == NULL))
			cli_usage_error("--payout NAME and --csv FILE go together");
		if (run.common.output != NULL || run.xlsx_path != NULL)
			cli_usage_error("-o and --xlsx are propose's: pay writes --xml and --csv");
		if (run.csv_path != NULL && strcmp(run.csv_path, run.xml_path) == 0)
			cli_usage_error("--csv and --xml name the same file");
	}
	if (run.value_date_arg != NULL)
		run.value_date = date_option("--value-date", run.value_date_arg);
	cli_resolve_or_exit(&run.common, &run.ctx);
	refund_policy_load(run.ctx.config, &run.policy);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.verb == VERB_PAY && run.journal_path == NULL)
		cli_usage_error("pay needs --journal FILE (or [journal] path in ar.ini): its refund "
		    "rows keep a refund from being paid twice");
	if (run.customers_path != NULL) {
		int status = cli_load_customers(run.customers_path, &run.customers);

		if (status != 0)
			fail(status);
		run.have_customers = true;
	}
	if (run.verb == VERB_PROPOSE)
		propose();
	else
		pay();
	if (run.have_customers)
		customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
