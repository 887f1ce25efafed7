/*
 * ar-bank - bank statements (SWIFT MT940/MT942, ISO 20022 camt.053/054,
 * BAI2, bank CSV through a [bank.NAME] profile) to the payments stream.
 *
 * The format is told from the first bytes of each input, or forced with
 * --format.  CSV is never guessed: it needs --profile.  The readers
 * (lib/mt940.c, lib/camt.c, lib/bai2.c, lib/bankcsv.c) check the balances
 * and hand back one transaction at a time; this file only picks the
 * reader and writes the rows.
 *
 * payment_id: banks give no identifier that is unique in every format
 * (MT940 often says NONREF), so it is the statement id, ':' and the
 * 1-based number of the transaction within the input file, counting
 * debits too: the same file always gives the same ids, with or without
 * --debits.  For CSV the statement id is the profile name, so the id is
 * the profile name, ':' and the number of the transaction (1 for the
 * first after the header; rows with every cell empty, continuation rows
 * and rows skip_values names are not counted).  Rows skip_values names
 * are reported, once per file, on standard error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "bai2.h"
#include "bank.h"
#include "bankcsv.h"
#include "camt.h"
#include "cli.h"
#include "config.h"
#include "csvio.h"
#include "currency.h"
#include "date.h"
#include "diag.h"
#include "money.h"
#include "mt940.h"
#include "outfile.h"

enum {
	OPT_FORMAT = CLI_OPT_FIRST_OWN,
	OPT_DEBITS,
	OPT_PROFILE
};

/* No --as-of, --delimiter or --skip-bad: nothing is aged, the input is not CSV, and a statement is read whole or not at all. */
static const struct option longopts[] = {
	{ "config", required_argument, NULL, CLI_OPT_CONFIG },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, CLI_OPT_VERSION },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "debits", no_argument, NULL, OPT_DEBITS },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ NULL, 0, NULL, 0 }
};

enum bank_format { FMT_DETECT, FMT_MT940, FMT_CAMT, FMT_BAI2, FMT_CSV };

typedef ar_err (*reader_fn)(FILE *, const char *, bank_txn_fn, void *,
    struct bank_error *);

struct bank_run {
	struct cli_common common;
	enum bank_format format;
	bool debits;
	const char *profile_name;
	struct bankcsv_profile profile;
	struct cli_context ctx;
	struct outfile out;
	struct csvio_writer w;
	unsigned long seq;      /* transactions seen in the current file */
	unsigned long rows;
	bool header_done;
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: ar-bank [options] [FILE ...]\n"
"Read bank statements in FILE (standard input when none or -) and write the\n"
"payments stream: payment_id, value_date, currency, amount, payer,\n"
"payer_account, reference, channel, ref1, ref2, bank_ref, statement,\n"
"account, booking_date.  The format is told from the content: '<' is camt,\n"
"\"01,\" is BAI2, a SWIFT tag (:20:, :60F:), :940: or {1: is MT940; CSV needs\n"
"--profile.  Opening + movements must equal the closing balance of every\n"
"statement, and a CSV running balance must add up row by row.\n"
"\n"
"Options:\n"
"  --format FMT        read FMT, do not guess: mt940, camt053, camt054, bai2,\n"
"                      csv (csv needs --profile)\n"
"  --profile NAME      read bank CSV with the [bank.NAME] profile of ar.ini\n"
"                      (implies --format csv)\n"
"  --debits            write debits too (negative amounts); default credits\n"
"  -o, --output FILE   write FILE (whole or not at all) instead of stdout\n"
"  --config FILE       read FILE instead of looking for ar.ini\n"
"  -h, --help          print this help and exit\n"
"  --version           print the version and exit\n"
"\n"
CLI_EXIT_HELP
"See ar-bank(1), ar.ini(5), artools(7).\n");
	exit(status);
}

static void
parse_options(int argc, char *argv[], struct bank_run *run)
{
	int ch;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_common_option(&run->common, ch, optarg))
			continue;
		switch (ch) {
		case OPT_FORMAT:
			if (strcmp(optarg, "mt940") == 0)
				run->format = FMT_MT940;
			else if (strcmp(optarg, "camt053") == 0 || strcmp(optarg, "camt054") == 0)
				run->format = FMT_CAMT;
			else if (strcmp(optarg, "bai2") == 0)
				run->format = FMT_BAI2;
			else if (strcmp(optarg, "csv") == 0)
				run->format = FMT_CSV;
			else
				cli_usage_error("--format \"%s\" is not one of mt940, camt053, camt054, bai2, csv", optarg);
			break;
		case OPT_PROFILE:
			run->profile_name = optarg;
			break;
		case OPT_DEBITS:
			run->debits = true;
			break;
		default:
			fprintf(stderr, "Try 'ar-bank --help' for more information.\n");
			exit(EX_USAGE);
		}
	}
	if (run->common.help)
		usage(stdout, EX_OK);
	if (run->common.version) {
		cli_print_version("ar-bank");
		exit(EX_OK);
	}
	if (run->profile_name != NULL && run->format == FMT_DETECT)
		run->format = FMT_CSV;
	if (run->format == FMT_CSV && run->profile_name == NULL)
		cli_usage_error("--format csv needs --profile NAME (a [bank.NAME] section of ar.ini)");
	if (run->format != FMT_CSV && run->profile_name != NULL)
		cli_usage_error("--profile is for --format csv only");
}

static void
fail(struct bank_run *run, int status)
{
	outfile_abort(&run->out);
	exit(status);
}

static bool
starts(const unsigned char *p, size_t n, const char *s)
{
	size_t m = strlen(s);

	return n >= m && memcmp(p, s, m) == 0;
}

/*
 * A SWIFT field tag at p: ":NN:" or ":NNA:" (":20:", ":60F:"), or ":NS:".
 * A statement cut out of a longer file (a bank portal's extract, a
 * support ticket) may start at any field, not only :20:.
 */
static bool
swift_tag(const unsigned char *p, size_t n)
{
	if (n >= 4 && p[0] == ':' && p[1] == 'N' && p[2] == 'S' && p[3] == ':')
		return true;
	if (n < 4 || p[0] != ':' || p[1] < '0' || p[1] > '9' || p[2] < '0' ||
	    p[2] > '9')
		return false;
	if (p[3] == ':')
		return true;
	return n >= 5 && p[3] >= 'A' && p[3] <= 'Z' && p[4] == ':';
}

/* The format of the first n bytes of an input, FMT_DETECT when unknown. */
static enum bank_format
detect(const unsigned char *buf, size_t n)
{
	size_t i = 0;

	if (n >= 3 && buf[0] == 0xef && buf[1] == 0xbb && buf[2] == 0xbf)
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < n && buf[i] == '<')
		return FMT_CAMT;
	if (starts(buf + i, n - i, "01,"))
		return FMT_BAI2;
	if (i < n && buf[i] == 0x01)
		i++;
	if (starts(buf + i, n - i, "{1:") || starts(buf + i, n - i, ":940:") ||
	    swift_tag(buf + i, n - i))
		return FMT_MT940;
	/* MT940 with a header line before the first tag: any line starting :20:. */
	for (size_t j = i; j + 4 <= n; j++)
		if ((buf[j] == '\n') && starts(buf + j + 1, n - j - 1, ":20:"))
			return FMT_MT940;
	return FMT_DETECT;
}

static void
write_day(struct csvio_writer *w, civil_day d)
{
	char buf[16];

	if (d == DATE_NONE) {
		csvio_write_str(w, "");
		return;
	}
	date_format(d, buf);
	csvio_write_str(w, buf);
}

/* The header goes out with the first row (or at the end): an input that fails first leaves standard output empty. */
static void
write_header(struct bank_run *run)
{
	static const char *const header[] = {
		"payment_id", "value_date", "currency", "amount", "payer",
		"payer_account", "reference", "channel", "ref1", "ref2",
		"bank_ref", "statement",
		"account", "booking_date"
	};

	if (run->header_done)
		return;
	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
		csvio_write_str(&run->w, header[i]);
	csvio_end_record(&run->w);
	run->header_done = true;
}

static ar_err
on_txn(void *p, const struct bank_statement *st, const struct bank_txn *t)
{
	struct bank_run *run = p;
	struct csvio_writer *w = &run->w;
	char id[96], amount[MONEY_TEXT_MAX];

	run->seq++;
	if (t->amount < 0 && !run->debits)
		return AR_OK;
	write_header(run);
	snprintf(id, sizeof id, "%s:%lu", st->id, run->seq);
	money_format(t->amount, currency_exponent(t->currency), amount);
	csvio_write_str(w, id);
	write_day(w, t->value_date);
	csvio_write_str(w, currency_code(t->currency));
	csvio_write_str(w, amount);
	csvio_write_str(w, t->payer);
	csvio_write_str(w, t->payer_account);
	csvio_write_str(w, t->reference);
	csvio_write_str(w, t->channel);
	csvio_write_str(w, t->ref1);
	csvio_write_str(w, t->ref2);
	csvio_write_str(w, t->bank_ref);
	csvio_write_str(w, st->id);
	csvio_write_str(w, st->account);
	write_day(w, t->booking_date);
	csvio_end_record(w);
	run->rows++;
	diag_progress(run->rows);
	return AR_OK;
}

static void
read_file(struct bank_run *run, const char *path)
{
	const char *name = path ? path : "<stdin>";
	unsigned char head[4096];
	enum bank_format fmt = run->format;
	struct bank_error e = { 0, "" };
	struct bankcsv_counts counts;
	reader_fn reader;
	FILE *fp, *in;
	size_t n;
	ar_err err;
	int status;

	if (path == NULL)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		diag_error("cannot open %s: %s", path, strerror(errno));
		fail(run, EX_NOINPUT);
	}
	if ((in = cli_rewindable(fp, name, &status)) == NULL)
		fail(run, status);
	if (fmt == FMT_DETECT) {
		n = fread(head, 1, sizeof head, in);
		if (ferror(in)) {
			diag_error("cannot read %s: %s", name, strerror(errno));
			fail(run, EX_IOERR);
		}
		rewind(in);
		if ((fmt = detect(head, n)) == FMT_DETECT) {
			diag_at(name, 1, "cannot tell the format (not MT940, camt or BAI2); "
			    "use --format");
			fail(run, EX_DATAERR);
		}
	}
	run->seq = 0;
	memset(&counts, 0, sizeof counts);
	if (fmt == FMT_CSV)
		err = bankcsv_read_counts(in, name, &run->profile, on_txn, run,
		    &counts, &e);
	else {
		reader = fmt == FMT_MT940 ? mt940_read : fmt == FMT_CAMT ?
		    camt_read : bai2_read;
		err = reader(in, name, on_txn, run, &e);
	}
	if (in != fp)
		fclose(in);
	if (fp != stdin)
		fclose(fp);
	if (err == AR_OK) {
		/* Nothing is left out silently. */
		if (counts.skipped > 0)
			diag_at(name, 0, "%ld row%s skipped (%s, as skip_values "
			    "says)", counts.skipped, counts.skipped == 1 ? "" : "s",
			    counts.skipped_what);
		if (fmt == FMT_CSV && counts.rows == 0)
			diag_at(name, 0, "no rows after the header: no transactions");
		return;
	}
	if (err == AR_ENOMEM) {
		diag_error("out of memory");
		fail(run, EX_OSERR);
	}
	if (err == AR_ECONFIG) {
		diag_error("[bank.%s]: %s", run->profile.name,
		    e.message[0] ? e.message : ar_strerror(err));
		fail(run, EX_CONFIG);
	}
	diag_at(name, e.line, "%s", e.message[0] ? e.message : ar_strerror(err));
	fail(run, err == AR_EIO ? EX_IOERR : EX_DATAERR);
}

int
main(int argc, char *argv[])
{
	static struct bank_run run;
	char msg[1024];
	ar_err err;

	diag_init("ar-bank");
	parse_options(argc, argv, &run);
	if ((err = cli_resolve(&run.common, &run.ctx, msg, sizeof msg)) != AR_OK) {
		diag_error("%s", msg);
		if (err == AR_EUSAGE)
			fprintf(stderr, "Try 'ar-bank --help' for more information.\n");
		return ar_exit_code(err);
	}
	if (run.format == FMT_CSV &&
	    bankcsv_profile_load(run.ctx.config, run.profile_name, &run.profile,
	    msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		config_free(run.ctx.config);
		return EX_CONFIG;
	}
	if (outfile_open(&run.out, run.common.output) != AR_OK) {
		diag_error("cannot create %s: %s", run.common.output, strerror(errno));
		return EX_CANTCREAT;
	}
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	if (optind == argc) {
		read_file(&run, NULL);
	} else {
		for (int i = optind; i < argc; i++)
			read_file(&run, strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	}
	diag_progress_done();
	write_header(&run);
	if (outfile_commit(&run.out) != AR_OK) {
		diag_error("cannot write %s: %s",
		    run.common.output ? run.common.output : "standard output", strerror(errno));
		return EX_IOERR;
	}
	config_free(run.ctx.config);
	return EX_OK;
}
