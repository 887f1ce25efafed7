/*
 * ar-import - ERP extracts (SAP FBL5N list and spreadsheet exports,
 * ERPNext's Accounts Receivable report, any CSV) to the items stream.
 *
 * The rules are in lib/source/import.c (reading by a profile) and
 * lib/source/import_profile.c (the built-in profiles and [import.NAME]),
 * the items stream's columns in lib/ar/items.c; this file picks the
 * profile, opens the inputs and writes the rows and the accounting of
 * every line on standard error.
 *
 * The output (and --customers-out) is held (outfile_open_held) until
 * every extract has been read and every control total has added up: a
 * rejected extract leaves the next tool of a pipeline nothing to work on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/items.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/textin.h"
#include "source/import.h"
#include "source/import_profile.h"

enum { OPT_PROFILE = CLI_OPT_FIRST_OWN, OPT_ENCODING, OPT_CUSTOMERS_OUT };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "profile", 0, "NAME", OPT_PROFILE,
	  "read with profile NAME: sap-fbl5n, sap-fbl5n-spreadsheet,\n"
	  "erpnext, generic, or an [import.NAME] of ar.ini\n"
	  "(default: told from the file's header)" },
	{ "encoding", 0, "ENC", OPT_ENCODING,
	  "the file's character set (utf-8, utf-16le, cp1252,\n"
	  "iso-8859-1, big5, gbk, ...); a byte order mark wins" },
	{ "customers-out", 0, "FILE", OPT_CUSTOMERS_OUT,
	  "also write the customers found (customer, name)" },
	CLI_END
};

/* No --as-of: nothing is aged.  No --skip-bad: an extract is read whole or not at all. */
static const struct cli_command command = {
	"ar-import", "[options] [FILE ...]",
	"Read ERP extracts in FILE (standard input when none or -) and write the\n"
	"items stream: customer, doc_no, doc_type, doc_date, due_date, currency,\n"
	"amount, company, ref, name, dispute, block.  Every line is accounted for\n"
	"on standard error; the extract's control total must equal the sum of\n"
	"the items.\n",
	options, CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT,
	NULL, "field separator of a delimited extract: , ; tab |", NULL, NULL
};

struct import_run {
	struct cli_common common;
	const char *profile;
	const char *encoding;
	const char *customers_out;
	struct cli_context ctx;
	struct outfile out, cout;
	struct csvio_writer w;
	struct items_customers *customers;  /* for --customers-out */
	unsigned long rows;
};

static void
on_option(void *ctx, int id, const char *arg)
{
	struct import_run *run = ctx;

	switch (id) {
	case OPT_PROFILE:       run->profile = arg; break;
	case OPT_ENCODING:      run->encoding = arg; break;
	case OPT_CUSTOMERS_OUT: run->customers_out = arg; break;
	}
}

/* Nothing is written: the temporaries go, FILE and standard output stay as they were. */
static void
discard(struct import_run *run)
{
	outfile_abort(&run->out);
	outfile_abort(&run->cout);    /* zeroed when there is no --customers-out */
}

static _Noreturn void
fail(struct import_run *run, int status)
{
	discard(run);
	exit(status);
}

static ar_err
on_item(void *p, const struct import_item *it)
{
	struct import_run *run = p;
	struct item_row row = {
		it->customer, it->doc_no, it->doc_type, it->doc_date, it->due_date,
		it->currency, it->amount, it->company, it->ref, it->name,
		it->dispute, it->block
	};

	items_write_row(&run->w, &row);
	diag_progress(++run->rows);
	if (run->customers == NULL)
		return AR_OK;
	return items_customers_note(run->customers, it->customer, it->name);
}

static struct textin *
open_text(struct import_run *run, FILE *fp, const char *name, const char *encoding)
{
	struct textin *t;
	ar_err e;

	if ((e = textin_from_stream(&t, fp, name, encoding)) != AR_OK) {
		if (e != AR_ECONFIG) {
			diag_error("out of memory");
			fail(run, ar_exit_code(e));
		}
		if (run->encoding != NULL) {
			discard(run);
			cli_usage_error("--encoding \"%s\" is not a character set iconv "
			    "knows (such as utf-8, utf-16le, cp1252, iso-8859-1, big5, "
			    "gbk)", encoding);
		}
		diag_error("encoding \"%s\" of the import profile is not a "
		    "character set iconv knows", encoding);
		fail(run, EX_CONFIG);
	}
	return t;
}

/* The profile named, or the built-in one whose header the file has. */
static void
pick_profile(struct import_run *run, FILE *fp, const char *name,
    struct import_profile *p)
{
	const char *pname = run->profile;
	struct textin *t;
	char msg[512];

	if (pname == NULL) {
		t = open_text(run, fp, name, run->encoding);
		pname = import_detect(t, run->ctx.config);
		if (pname == NULL && textin_error(t)[0] != '\0') {
			/* the first lines do not convert: say so, not "cannot tell" */
			diag_at(name, textin_line(t), "%s", textin_error(t));
			textin_close(t);
			fail(run, EX_DATAERR);
		}
		textin_close(t);
		rewind(fp);
		if (pname == NULL) {
			diag_at(name, 0, "cannot tell the layout from the first lines "
			    "(not sap-fbl5n, sap-fbl5n-spreadsheet, erpnext or generic "
			    "captions); use --profile");
			fail(run, EX_DATAERR);
		}
	}
	if (import_profile_load(run->ctx.config, pname, p, msg, sizeof msg) != AR_OK) {
		char section[CONFIG_PROFILE_NAME_MAX + 16];

		snprintf(section, sizeof section, "import.%s", pname);
		if (run->profile != NULL && !import_profile_builtin(pname) &&
		    !config_has_section(run->ctx.config, section)) {
			discard(run);
			cli_usage_error("--profile: %s", msg);
		}
		diag_error("%s%s", run->profile != NULL ? "--profile: " : "", msg);
		fail(run, EX_CONFIG);
	}
	if (run->encoding != NULL)
		snprintf(p->encoding, sizeof p->encoding, "%s", run->encoding);
	if (run->common.delimiter != NULL)
		p->delimiter = run->ctx.delimiter;
}

static void
report(const char *name, const struct import_summary *s)
{
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	size_t i;
	int x;

	diag_at(name, 0, "profile %s: %ld line%s: %ld item%s, %ld header%s, "
	    "%ld subtotal%s, %ld total%s, %ld other (titles, page headers, "
	    "rulers, blank)", s->profile, s->lines, s->lines == 1 ? "" : "s",
	    s->items, s->items == 1 ? "" : "s", s->headers,
	    s->headers == 1 ? "" : "s", s->subtotals, s->subtotals == 1 ? "" : "s",
	    s->totals, s->totals == 1 ? "" : "s", s->page_lines);
	for (i = 0; i < s->ncurrencies; i++) {
		x = currency_exponent(s->cur[i].currency);
		money_format(s->cur[i].items, x, a);
		if (s->cur[i].has_control) {
			money_format(s->cur[i].control, x, b);
			diag_at(name, 0, "%s: %ld item%s, sum %s = control total %s "
			    "(line %ld)", currency_code(s->cur[i].currency),
			    s->cur[i].count, s->cur[i].count == 1 ? "" : "s", a, b,
			    s->cur[i].control_line);
		} else
			diag_at(name, 0, "%s: %ld item%s, sum %s (the extract has no "
			    "control total)", currency_code(s->cur[i].currency),
			    s->cur[i].count, s->cur[i].count == 1 ? "" : "s", a);
	}
}

static void
read_file(struct import_run *run, const char *path)
{
	const char *name = path ? path : "<stdin>";
	struct import_profile p;
	struct import_summary sum;
	struct ar_error e = { 0 };
	struct textin *t;
	currency_id cur;
	FILE *fp, *in;
	ar_err err;
	int status;

	if (path == NULL)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		diag_error("cannot open %s: %s", path, strerror(errno));
		fail(run, EX_NOINPUT);
	}
	in = fp;
	if (run->profile == NULL && (in = cli_rewindable(fp, name, &status)) == NULL)
		fail(run, status);
	pick_profile(run, in, name, &p);
	t = open_text(run, in, name, p.encoding);
	cur = config_get_currency(run->ctx.config, "company:default_currency");
	err = import_read(t, &p, cur, on_item, run, &sum, &e);
	textin_close(t);
	if (in != fp)
		fclose(in);
	if (fp != stdin)
		fclose(fp);
	if (err == AR_OK) {
		report(name, &sum);
		return;
	}
	if (err == AR_ENOMEM)
		diag_error("out of memory");
	else {
		e.code = err;   /* the words of what the reader returned, when it said none */
		diag_report(name, &e);
	}
	fail(run, ar_exit_code(err));
}

int
main(int argc, char *argv[])
{
	static struct import_run run;
	int first, status;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.customers_out != NULL) {
		if ((run.customers = items_customers_new()) == NULL) {
			diag_error("out of memory");
			return EX_OSERR;
		}
		if ((status = cli_output_open(&run.cout, run.customers_out, true)) != 0)
			return status;
	}
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(&run, status);
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	items_write_header(&run.w);
	if (first == argc)
		read_file(&run, NULL);
	for (int k = first; k < argc; k++)
		read_file(&run, strcmp(argv[k], "-") == 0 ? NULL : argv[k]);
	diag_progress_done();
	if (run.customers != NULL) {
		struct csvio_writer w;

		csvio_writer_init(&w, run.cout.fp, ',', false);
		items_customers_write(run.customers, &w);
		items_customers_free(run.customers);
		run.customers = NULL;
	}
	/* Every check has passed: now the output may go out. */
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(&run, status);
	if (run.customers_out != NULL &&
	    (status = cli_output_commit(&run.cout, run.customers_out)) != 0)
		return status;
	config_free(run.ctx.config);
	return EX_OK;
}
