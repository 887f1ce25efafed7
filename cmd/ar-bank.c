/*
 * ar-bank - bank statements (SWIFT MT940/MT942, ISO 20022 camt.053/054,
 * BAI2, bank CSV through a [bank.NAME] profile) to the payments stream.
 *
 * The format is told from the first bytes of each input, or forced with
 * --format (lib/source/bank_format.c).  CSV is never guessed: it needs
 * --profile.  The readers check the balances and hand back one
 * transaction at a time; the payments stream and the payment_id rule are
 * lib/ar/payments.c.  This file picks the options, writes the rows, and
 * says on standard error what was left out: rows skip_values names, once
 * per file.
 *
 * The output is held (outfile_open_held) until every input has been read
 * and every balance has added up: a statement rejected at its end leaves
 * the next tool of a pipeline nothing to work on.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/payments.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/outfile.h"
#include "source/bank.h"
#include "source/bank_format.h"
#include "source/bankcsv.h"

enum { OPT_FORMAT = CLI_OPT_FIRST_OWN, OPT_DEBITS, OPT_PROFILE };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "format", 0, "FMT", OPT_FORMAT,
	  "read FMT, do not guess: mt940, camt053, camt054, bai2,\ncsv (csv needs --profile)" },
	{ "profile", 0, "NAME", OPT_PROFILE,
	  "read bank CSV with the [bank.NAME] profile of ar.ini\n(implies --format csv)" },
	{ "debits", 0, NULL, OPT_DEBITS,
	  "write debits too (negative amounts); default credits" },
	CLI_END
};

/* No --as-of, --delimiter or --skip-bad: nothing is aged, the input is not CSV, and a statement is read whole or not at all. */
static const struct cli_command command = {
	"ar-bank", "[options] [FILE ...]",
	"Read bank statements in FILE (standard input when none or -) and write the\n"
	"payments stream: payment_id, value_date, currency, amount, payer,\n"
	"payer_account, reference, channel, ref1, ref2, bank_ref, statement,\n"
	"account, booking_date, narrative (the bank's whole text, on one line).\n"
	"The format is told from the content: '<' is camt, \"01,\" is BAI2, a SWIFT\n"
	"tag (:20:, :60F:), :940: or {1: is MT940; CSV needs --profile.  Opening +\n"
	"movements must equal the closing balance of every statement, and a CSV\n"
	"running balance must add up row by row.\n",
	options, CLI_CONFIG | CLI_OUTPUT, NULL, NULL, NULL, NULL
};

struct bank_run {
	struct cli_common common;
	enum bank_format format;    /* BANK_FORMAT_UNKNOWN: tell each input's */
	bool debits;
	const char *profile_name;
	struct bankcsv_profile profile;
	struct cli_context ctx;
	struct outfile out;
	struct csvio_writer w;
	unsigned long seq;      /* transactions seen in the current file */
	unsigned long rows;
};

static void
on_option(void *ctx, int id, const char *arg)
{
	struct bank_run *run = ctx;

	switch (id) {
	case OPT_FORMAT:
		if (bank_format_parse(arg, &run->format) != AR_OK)
			cli_parse_word("--format", arg, bank_format_words);  /* says why, exits 64 */
		break;
	case OPT_PROFILE:
		run->profile_name = arg;
		break;
	case OPT_DEBITS:
		run->debits = true;
		break;
	}
}

static int
parse_options(int argc, char *argv[], struct bank_run *run)
{
	int first = cli_parse(&command, argc, argv, &run->common, on_option, run);

	if (run->profile_name != NULL && run->format == BANK_FORMAT_UNKNOWN)
		run->format = BANK_FORMAT_CSV;
	if (run->format == BANK_FORMAT_CSV && run->profile_name == NULL)
		cli_usage_error("--format csv needs --profile NAME (a [bank.NAME] section of ar.ini)");
	if (run->format != BANK_FORMAT_CSV && run->profile_name != NULL)
		cli_usage_error("--profile is for --format csv only");
	return first;
}

static _Noreturn void
fail(struct bank_run *run, int status)
{
	outfile_abort(&run->out);
	config_free(run->ctx.config);
	exit(status);
}

/* Every transaction is numbered, written or not (payments_make_id). */
static ar_err
on_txn(void *p, const struct bank_statement *st, const struct bank_txn *t)
{
	struct bank_run *run = p;
	struct payment pay = {
		.value_date = t->value_date, .currency = t->currency,
		.amount = t->amount, .payer = t->payer,
		.payer_account = t->payer_account, .reference = t->reference,
		.channel = t->channel, .ref1 = t->ref1, .ref2 = t->ref2,
		.bank_ref = t->bank_ref, .statement = st->id,
		.account = st->account, .booking_date = t->booking_date,
		.narrative = t->narrative
	};

	run->seq++;
	if (t->amount < 0 && !run->debits)
		return AR_OK;
	payments_make_id(pay.id, st->id, run->seq);
	payments_write(&run->w, &pay);
	diag_progress(++run->rows);
	return AR_OK;
}

/* What a read left out goes to standard error: nothing is left out silently. */
static void
report_left_out(const char *name, enum bank_format fmt, const struct bankcsv_counts *c)
{
	if (c->skipped > 0)
		diag_at(name, 0, "%ld row%s skipped (%s, as skip_values says)",
		    c->skipped, c->skipped == 1 ? "" : "s", c->skipped_what);
	if (fmt == BANK_FORMAT_CSV && c->rows == 0)
		diag_at(name, 0, "no rows after the header: no transactions");
}

static void
read_file(struct bank_run *run, const char *path)
{
	const char *name = path ? path : "<stdin>";
	enum bank_format fmt = run->format;
	struct ar_error e = { 0 };
	struct bankcsv_counts counts;
	FILE *fp = path ? fopen(path, "rb") : stdin, *in;
	ar_err err;
	int status;

	if (fp == NULL) {
		diag_error("cannot open %s: %s", path, strerror(errno));
		fail(run, EX_NOINPUT);
	}
	if ((in = cli_rewindable(fp, name, &status)) == NULL)
		fail(run, status);
	if (fmt == BANK_FORMAT_UNKNOWN) {
		if (bank_format_sniff(in, &fmt) != AR_OK) {
			diag_error("cannot read %s: %s", name, strerror(errno));
			fail(run, EX_IOERR);
		}
		if (fmt == BANK_FORMAT_UNKNOWN) {
			diag_at(name, 1, "cannot tell the format (not MT940, camt or BAI2); "
			    "use --format");
			fail(run, EX_DATAERR);
		}
	}
	run->seq = 0;
	err = bank_format_read(fmt, in, name, &run->profile, on_txn, run, &counts, &e);
	if (in != fp)
		fclose(in);
	if (fp != stdin)
		fclose(fp);
	switch (err) {
	case AR_OK:
		report_left_out(name, fmt, &counts);
		return;
	case AR_ENOMEM:
		diag_error("out of memory");
		break;
	case AR_ECONFIG:    /* the profile's encoding is none iconv knows */
		diag_error("[bank.%s]: %s", run->profile.name,
		    e.message[0] ? e.message : ar_strerror(err));
		break;
	default:
		e.code = err;   /* the words of what the reader returned, when it said none */
		diag_report(name, &e);
		break;
	}
	fail(run, ar_exit_code(err));
}

int
main(int argc, char *argv[])
{
	static struct bank_run run;
	char msg[1024];
	int first, status;

	first = parse_options(argc, argv, &run);
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.format == BANK_FORMAT_CSV &&
	    bankcsv_profile_load(run.ctx.config, run.profile_name, &run.profile,
	    msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		config_free(run.ctx.config);
		return EX_CONFIG;
	}
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0) {
		config_free(run.ctx.config);
		return status;
	}
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	payments_write_header(&run.w);
	do          /* no FILE: standard input */
		read_file(&run, first == argc || strcmp(argv[first], "-") == 0 ?
		    NULL : argv[first]);
	while (++first < argc);
	diag_progress_done();
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(&run, status);
	config_free(run.ctx.config);
	return EX_OK;
}
