/*
 * ar-match - cash application: bank credits (the payments stream of
 * ar-bank) applied to open items (the items stream), with the rules of
 * lib/ar/match.h, every decision written down and every cent accounted
 * for.
 *
 * The rules are lib/ar/match.h; a run over the day's payments (their
 * order, the two phases, the invariants, the streams written) is
 * lib/ar/match_run.h.  This file reads the inputs, wires them through,
 * and holds every output (outfile_open_held) until the run has been
 * checked: a breach exits 70 and leaves none.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/allocations.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/match.h"
#include "ar/match_run.h"
#include "ar/payments.h"
#include "ar/remittance.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"

enum {
	OPT_ITEMS = CLI_OPT_FIRST_OWN, OPT_CUSTOMERS, OPT_REMITTANCE, OPT_MIN_CONFIDENCE,
	OPT_UNMATCHED, OPT_SUGGESTIONS, OPT_OPEN_OUT
};

static const struct cli_option options[] = {
	CLI_GROUP("Inputs:"),
	{ "items", 0, "FILE", OPT_ITEMS, "the open items (items stream); required" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master, with payer_account, payer_names\nand ref1 when known; required" },
	{ "remittance", 0, "FILE", OPT_REMITTANCE,
	  "remittance advices: payment_id (or payer, value_date,\npayment_amount), doc_no, amount" },
	CLI_GROUP("Rules:"),
	{ "min-confidence", 0, "N", OPT_MIN_CONFIDENCE,
	  "apply allocations of confidence N or more (0-100);\nthe rest are suggestions ([match] min_confidence, 90)" },
	CLI_GROUP("Outputs:"),
	{ "unmatched", 0, "FILE", OPT_UNMATCHED,
	  "payments (or remainders) not applied; required" },
	{ "suggestions", 0, "FILE", OPT_SUGGESTIONS,
	  "allocations proposed but not applied" },
	{ "open-out", 0, "FILE", OPT_OPEN_OUT,
	  "the items stream after the allocations" },
	CLI_END
};

static const struct cli_command command = {
	"ar-match", "--items FILE --customers FILE --unmatched FILE [options] [PAYMENTS ...]",
	"Apply the bank credits of the payments stream in PAYMENTS (standard input\n"
	"when none or -) to the open items: by remittance advice, by the document\n"
	"numbers the bank texts cite, then by customer (payer account, Ref-1 or\n"
	"payer name) and amount: one item, a combination, within a bank charge.\n"
	"Writes the allocations stream (payment_id, customer, doc_no, currency,\n"
	"amount, rule, confidence) and the payments left unmatched; on standard\n"
	"error, what was applied per rule.  Nothing is written unless every\n"
	"payment's allocations and remainder add up to its amount.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the allocations to FILE (default: standard output)", NULL,
	"apply only payments valued on or before DATE\n(default: every payment)", NULL
};

struct match_cmd {
	struct cli_common common;
	const char *items_path, *customers_path, *remittance_path;
	const char *unmatched_path, *suggestions_path, *open_out_path;
	long min_confidence;    /* -1: from ar.ini */
	struct cli_context ctx;
	struct match_opts opts;
	struct customer_table customers;
	struct match_engine *engine;
	struct remittance_table *advices;
	struct match_run *payments;
	size_t nitems_read;     /* rows of --items, zero amounts too */
	struct outfile out, unmatched, suggestions, open_out;
	bool opened;
};

static struct match_cmd run;

static void
on_option(void *ctx, int id, const char *arg)
{
	struct match_cmd *r = ctx;

	switch (id) {
	case OPT_ITEMS: r->items_path = arg; break;
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_REMITTANCE: r->remittance_path = arg; break;
	case OPT_MIN_CONFIDENCE: r->min_confidence = cli_parse_count("--min-confidence", arg, 100); break;
	case OPT_UNMATCHED: r->unmatched_path = arg; break;
	case OPT_SUGGESTIONS: r->suggestions_path = arg; break;
	case OPT_OPEN_OUT: r->open_out_path = arg; break;
	}
}

static _Noreturn void
fail(int status)
{
	if (run.opened) {
		outfile_abort(&run.out);
		outfile_abort(&run.unmatched);
		if (run.suggestions_path != NULL)
			outfile_abort(&run.suggestions);
		if (run.open_out_path != NULL)
			outfile_abort(&run.open_out);
	}
	config_free(run.ctx.config);
	exit(status);
}

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	fail(EX_OSERR);
}

static _Noreturn void
fail_input(struct csvio_reader *r, ar_err err, const struct ar_error *e)
{
	fail(cli_input_failed(r, err, e));
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

/* [match] of ar.ini, under --min-confidence. */
static void
resolve_rules(void)
{
	char msg[1024];

	if (match_opts_from_config(run.ctx.config, &run.opts, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	if (run.min_confidence >= 0)
		run.opts.min_confidence = (int)run.min_confidence;
}

static void
load_customers(void)
{
	int status = cli_load_customers(run.customers_path, &run.customers);

	if (status != 0)
		fail(status);
}

/* The items into the engine; a row without a customer is an error (items_parse). */
static void
load_items(void)
{
	struct csvio_reader *r = open_input(run.items_path);
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
		diag_at(csvio_name(r), 1, "no doc_no column: ar-match applies payments to documents");
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
			fail_input(r, problem.err, &e);
		}
		/* A customer the master lacks is still found by the documents it cites. */
		if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) != AR_OK)
			out_of_memory();
		doc = items_field(&rec, cols.doc_no, &doclen);
		if ((err = match_engine_add_item(run.engine, id, doc, doclen,
		    it.due_date != DATE_NONE ? it.due_date : it.doc_date, it.currency,
		    it.amount)) != AR_OK)
			out_of_memory();
		run.nitems_read++;
		diag_progress(run.nitems_read);
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
	diag_progress_done();
	if (match_engine_ready(run.engine) != AR_OK)
		out_of_memory();
}

static void
load_advices(void)
{
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if (run.remittance_path == NULL)
		return;
	r = open_input(run.remittance_path);
	if ((err = remittance_load(&run.advices, r, &run.ctx.format.dates, &e)) != AR_OK)
		fail_input(r, err, &e);
	csvio_reader_close(r);
}

/* ---- payments ---- */

static void
read_payments(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct payment_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (payments_bind(r, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column: not a payments stream (ar-bank writes one)",
		    missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct ar_error e = { 0 };
		struct payment p;

		if ((err = payments_parse(&rec, &cols, &run.ctx.format.dates, &p, &e)) != AR_OK ||
		    (err = match_run_add(run.payments, &p, csvio_name(r), rec.line, &e)) != AR_OK)
			fail_input(r, err, &e);
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
}

/* An advice found for a payment that did not fit: said, the other rules decide. */
static void
advice_not_fitted(void *ctx, long line, const struct payment *p)
{
	(void)ctx;
	diag_at(run.remittance_path, line, "advice for payment %s does not fit the open items "
	    "(a document not open in %s, a line over what is open, or several customers): "
	    "the other rules decide", p->id, currency_code(p->currency));
}

static void
apply_all(void)
{
	struct ar_error e = { 0 };
	ar_err err = match_run_apply(run.payments, run.engine, run.advices, run.ctx.as_of,
	    run.common.as_of != NULL, advice_not_fitted, NULL, &e);

	switch (err) {
	case AR_OK:
		return;
	case AR_ENOMEM:
		out_of_memory();
	case AR_EINVARIANT:
		diag_error("internal error: %s; nothing written", e.message);
		break;
	default:    /* an advice that does not read in its payment's currency */
		diag_report(run.remittance_path, &e);
		break;
	}
	fail(ar_exit_code(err));
}

/* ---- the outputs ---- */

static void
open_outputs(void)
{
	int status;

	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.opened = true;
	if ((status = cli_output_open(&run.unmatched, run.unmatched_path, true)) != 0 ||
	    (run.suggestions_path != NULL &&
	    (status = cli_output_open(&run.suggestions, run.suggestions_path, true)) != 0) ||
	    (run.open_out_path != NULL &&
	    (status = cli_output_open(&run.open_out, run.open_out_path, true)) != 0))
		fail(status);
}

static void
write_streams(void)
{
	struct csvio_writer w, s, u;

	csvio_writer_init(&w, run.out.fp, ',', false);
	if (run.suggestions_path != NULL)
		csvio_writer_init(&s, run.suggestions.fp, ',', false);
	match_run_write_allocations(run.payments, &w, run.suggestions_path ? &s : NULL);
	csvio_writer_init(&u, run.unmatched.fp, ',', false);
	match_run_write_unmatched(run.payments, &u);
}

/* The items file again, each row with what is left open; rows paid in full dropped. */
static void
write_open_out(void)
{
	struct csvio_reader *r;
	struct csvio_writer w;
	struct csvio_record rec;
	struct item_columns cols;
	const char *missing;
	size_t seq = 0;
	int64_t *open;
	bool *paid;
	ar_err err;

	if (run.open_out_path == NULL)
		return;
	open = calloc(run.nitems_read ? run.nitems_read : 1, sizeof *open);
	paid = calloc(run.nitems_read ? run.nitems_read : 1, sizeof *paid);
	if (open == NULL || paid == NULL)
		out_of_memory();
	match_engine_open_by_seq(run.engine, open, paid, run.nitems_read);
	r = open_input(run.items_path);
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "changed while being read: no %s column", missing);
		fail(EX_DATAERR);
	}
	csvio_writer_init(&w, run.open_out.fp, ',', false);
	for (size_t c = 0; c < csvio_ncolumns(r); c++)
		csvio_write_str(&w, csvio_column_name(r, c));
	csvio_end_record(&w);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;

		if (seq >= run.nitems_read ||
		    items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			diag_at(csvio_name(r), rec.line, "changed while being read");
			fail(EX_DATAERR);
		}
		if (paid[seq] && open[seq] == 0) {
			seq++;
			continue;
		}
		items_write_with_amount(&w, &rec, csvio_ncolumns(r), paid[seq] ? cols.amount : -1,
		    open[seq], it.currency, run.ctx.format.decimal);
		seq++;
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
	free(open);
	free(paid);
}

/* ---- the summary ---- */

static void
tally_print(const char *what, const struct match_run_tally *t)
{
	fprintf(stderr, "%s: %-30s %7ld", diag_progname(), what, t->count);
	for (size_t i = 0; i < t->ncur; i++) {
		char buf[64];

		money_format(t->sum[i], currency_exponent(t->cur[i]), buf);
		fprintf(stderr, "%s %s %s", i ? "," : "", currency_code(t->cur[i]), buf);
	}
	fprintf(stderr, "%s\n", t->more ? ", more currencies" : "");
}

static void
summary(void)
{
	struct match_run_summary sum;
	char what[64];

	match_run_summarise(run.payments, &sum);
	tally_print("payments read", &sum.read);
	for (int r = 0; r < ALLOCATION_RULES; r++) {
		snprintf(what, sizeof what, "rows applied by %s", allocation_rule_word((enum allocation_rule)r));
		tally_print(what, &sum.rule[r]);
	}
	tally_print("payments suggested", &sum.suggested);
	tally_print("payments unmatched", &sum.unmatched);
	fprintf(stderr, "%s: invariants hold: each payment's allocations and remainder add up "
	    "to its amount; no item applied past its open amount\n", diag_progname());
}

/* Advices no payment took: said, not skipped silently. */
static void
report_unused_advices(void)
{
	size_t n = run.advices ? remittance_count(run.advices) : 0, unused = 0;

	for (size_t i = 0; i < n; i++) {
		struct remittance_advice_info info;

		remittance_advice(run.advices, i, &info);
		if (!info.used && ++unused <= 10)
			diag_at(run.remittance_path, info.line,
			    "advice for %s was not used: no payment fits it%s", info.key,
			    run.common.as_of != NULL ? " on or before --as-of" : "");
	}
	if (unused > 10)
		diag_at(run.remittance_path, 0, "%zu advices matched no payment", unused);
}

int
main(int argc, char *argv[])
{
	int first, status;

	run.min_confidence = -1;
	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.items_path == NULL)
		cli_usage_error("--items FILE is required");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (run.unmatched_path == NULL)
		cli_usage_error("--unmatched FILE is required");
	if (run.open_out_path != NULL && strcmp(run.items_path, "-") == 0)
		cli_usage_error("--open-out reads --items twice: give it a file, not standard input");
	cli_resolve_or_exit(&run.common, &run.ctx);
	resolve_rules();
	if (match_run_new(&run.payments) != AR_OK)
		out_of_memory();
	load_customers();
	if (match_engine_new(&run.engine, &run.customers, &run.opts) != AR_OK)
		out_of_memory();
	load_items();
	load_advices();
	do          /* no PAYMENTS: standard input */
		read_payments(first == argc || strcmp(argv[first], "-") == 0 ? NULL : argv[first]);
	while (++first < argc);
	apply_all();
	open_outputs();
	write_streams();
	write_open_out();
	report_unused_advices();
	summary();
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0 ||
	    (status = cli_output_commit(&run.unmatched, run.unmatched_path)) != 0 ||
	    (run.suggestions_path != NULL &&
	    (status = cli_output_commit(&run.suggestions, run.suggestions_path)) != 0) ||
	    (run.open_out_path != NULL &&
	    (status = cli_output_commit(&run.open_out, run.open_out_path)) != 0))
		fail(status);
	run.opened = false;
	config_free(run.ctx.config);
	return EX_OK;
}
