/*
 * ar-import - ERP extracts (SAP FBL5N list and spreadsheet exports,
 * ERPNext's Accounts Receivable report, any CSV) to the items stream.
 *
 * The rules are in lib/import.c (reading by a profile) and
 * lib/import_profile.c (the built-in profiles and [import.NAME]); this
 * file picks the profile, opens the inputs and writes the rows and the
 * accounting of every line on standard error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "config.h"
#include "csvio.h"
#include "currency.h"
#include "date.h"
#include "diag.h"
#include "import.h"
#include "import_profile.h"
#include "money.h"
#include "outfile.h"
#include "strtab.h"
#include "textin.h"

enum {
	OPT_PROFILE = CLI_OPT_FIRST_OWN,
	OPT_ENCODING,
	OPT_CUSTOMERS_OUT
};

/* No --as-of: nothing is aged.  No --skip-bad: an extract is read whole or not at all. */
static const struct option longopts[] = {
	{ "config", required_argument, NULL, CLI_OPT_CONFIG },
	{ "delimiter", required_argument, NULL, CLI_OPT_DELIMITER },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, CLI_OPT_VERSION },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "customers-out", required_argument, NULL, OPT_CUSTOMERS_OUT },
	{ NULL, 0, NULL, 0 }
};

struct import_run {
	struct cli_common common;
	const char *profile;
	const char *encoding;
	const char *customers_out;
	struct cli_context ctx;
	struct outfile out, cout;
	struct csvio_writer w;
	struct strtab *customers;
	char **names;		/* by customer id; NULL until one is seen */
	size_t names_cap;
	unsigned long rows;
	bool header_written;
};

/*
 * The items header, written before the first item (or at the end): an
 * error found before any item (a missing file, a bad --profile) leaves
 * standard output empty.
 */
static void
write_header(struct import_run *run)
{
	static const char *const header[] = {
		"customer", "doc_no", "doc_type", "doc_date", "due_date",
		"currency", "amount", "company", "ref", "name", "dispute", "block"
	};
	size_t i;

	if (run->header_written)
		return;
	for (i = 0; i < sizeof header / sizeof header[0]; i++)
		csvio_write_str(&run->w, header[i]);
	csvio_end_record(&run->w);
	run->header_written = true;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: ar-import [options] [FILE ...]\n"
"Read ERP extracts in FILE (standard input when none or -) and write the\n"
"items stream: customer, doc_no, doc_type, doc_date, due_date, currency,\n"
"amount, company, ref, name, dispute, block.  Every line is accounted for\n"
"on standard error; the extract's control total must equal the sum of\n"
"the items.\n"
"\n"
"Options:\n"
"  --profile NAME      read with profile NAME: sap-fbl5n, sap-fbl5n-spreadsheet,\n"
"                      erpnext, generic, or an [import.NAME] of ar.ini\n"
"                      (default: told from the file's header)\n"
"  --encoding ENC      the file's character set (utf-8, utf-16le, cp1252,\n"
"                      iso-8859-1, big5, gbk, ...); a byte order mark wins\n"
"  --customers-out FILE  also write the customers found (customer, name)\n"
"  --delimiter C       field separator of a delimited extract: , ; tab |\n"
"  -o, --output FILE   write FILE (whole or not at all) instead of stdout\n"
"  --config FILE       read FILE instead of looking for ar.ini\n"
"  -h, --help          print this help and exit\n"
"  --version           print the version and exit\n"
"\n"
CLI_EXIT_HELP
"See ar-import(1), ar.ini(5), artools(7).\n");
	exit(status);
}

static void
parse_options(int argc, char *argv[], struct import_run *run)
{
	int ch;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_common_option(&run->common, ch, optarg))
			continue;
		switch (ch) {
		case OPT_PROFILE:
			run->profile = optarg;
			break;
		case OPT_ENCODING:
			run->encoding = optarg;
			break;
		case OPT_CUSTOMERS_OUT:
			run->customers_out = optarg;
			break;
		default:
			fprintf(stderr, "Try 'ar-import --help' for more information.\n");
			exit(EX_USAGE);
		}
	}
	if (run->common.help)
		usage(stdout, EX_OK);
	if (run->common.version) {
		cli_print_version("ar-import");
		exit(EX_OK);
	}
}

static void
fail(struct import_run *run, int status)
{
	outfile_abort(&run->out);
	if (run->customers_out != NULL)
		outfile_abort(&run->cout);
	exit(status);
}

static void
write_day(struct csvio_writer *w, civil_day d)
{
	char buf[DATE_TEXT_MAX];

	if (d == DATE_NONE) {
		csvio_write_field(w, "", 0);
		return;
	}
	csvio_write_field(w, buf, date_format(d, buf));
}

/* The first name a customer is given is kept. */
static ar_err
note_customer(struct import_run *run, const struct import_item *it)
{
	uint32_t id;
	bool added;
	size_t cap;
	char **n;

	if (strtab_intern(run->customers, it->customer, strlen(it->customer),
	    &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (id >= run->names_cap) {
		cap = run->names_cap ? run->names_cap * 2 : 1024;
		if ((n = realloc(run->names, cap * sizeof *n)) == NULL)
			return AR_ENOMEM;
		memset(n + run->names_cap, 0, (cap - run->names_cap) * sizeof *n);
		run->names = n;
		run->names_cap = cap;
	}
	if (run->names[id] == NULL && it->name[0] != '\0' &&
	    (run->names[id] = strdup(it->name)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

static ar_err
on_item(void *p, const struct import_item *it)
{
	struct import_run *run = p;
	struct csvio_writer *w = &run->w;
	char amount[MONEY_TEXT_MAX];

	write_header(run);
	csvio_write_str(w, it->customer);
	csvio_write_str(w, it->doc_no);
	csvio_write_str(w, it->doc_type);
	write_day(w, it->doc_date);
	write_day(w, it->due_date);
	csvio_write_str(w, currency_code(it->currency));
	csvio_write_field(w, amount, money_format(it->amount,
	    currency_exponent(it->currency), amount));
	csvio_write_str(w, it->company);
	csvio_write_str(w, it->ref);
	csvio_write_str(w, it->name);
	csvio_write_str(w, it->dispute);
	csvio_write_str(w, it->block);
	csvio_end_record(w);
	diag_progress(++run->rows);
	return run->customers_out != NULL ? note_customer(run, it) : AR_OK;
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
			diag_error("--encoding \"%s\" is not a character set iconv "
			    "knows (such as utf-8, utf-16le, cp1252, iso-8859-1, big5, "
			    "gbk)", encoding);
			fprintf(stderr, "Try 'ar-import --help' for more information.\n");
			fail(run, EX_USAGE);
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
		diag_error("%s%s", run->profile != NULL ? "--profile: " : "", msg);
		if (run->profile != NULL && !import_profile_builtin(pname) &&
		    !config_has_section(run->ctx.config, section)) {
			fprintf(stderr, "Try 'ar-import --help' for more information.\n");
			fail(run, EX_USAGE);
		}
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
	struct import_error e;
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
	{
		const char *dc = config_get_string(run->ctx.config, "company:default_currency");

		if (currency_lookup(dc, strlen(dc), &cur) != AR_OK)
			abort();	/* checked when the configuration was loaded */
	}
	err = import_read(t, &p, cur, on_item, run, &sum, &e);
	textin_close(t);
	if (in != fp)
		fclose(in);
	if (fp != stdin)
		fclose(fp);
	if (err == AR_ENOMEM) {
		diag_error("out of memory");
		fail(run, EX_OSERR);
	}
	if (err != AR_OK) {
		diag_at(name, e.line, "%s", e.message[0] ? e.message : ar_strerror(err));
		fail(run, ar_exit_code(err));
	}
	report(name, &sum);
}

static void
write_customers(struct import_run *run)
{
	struct csvio_writer w;
	size_t i, n = strtab_count(run->customers);

	csvio_writer_init(&w, run->cout.fp, ',', false);
	csvio_write_str(&w, "customer");
	csvio_write_str(&w, "name");
	csvio_end_record(&w);
	for (i = 0; i < n; i++) {
		csvio_write_str(&w, strtab_key(run->customers, (uint32_t)i));
		csvio_write_str(&w, run->names[i] ? run->names[i] : "");
		csvio_end_record(&w);
		free(run->names[i]);
	}
	free(run->names);
}

int
main(int argc, char *argv[])
{
	static struct import_run run;
	char msg[1024];
	ar_err err;

	diag_init("ar-import");
	parse_options(argc, argv, &run);
	if ((err = cli_resolve(&run.common, &run.ctx, msg, sizeof msg)) != AR_OK) {
		diag_error("%s", msg);
		if (err == AR_EUSAGE)
			fprintf(stderr, "Try 'ar-import --help' for more information.\n");
		return ar_exit_code(err);
	}
	if (run.customers_out != NULL) {
		if ((run.customers = strtab_new(1024)) == NULL) {
			diag_error("out of memory");
			return EX_OSERR;
		}
		if (outfile_open(&run.cout, run.customers_out) != AR_OK) {
			diag_error("cannot create %s: %s", run.customers_out, strerror(errno));
			return EX_CANTCREAT;
		}
	}
	if (outfile_open(&run.out, run.common.output) != AR_OK) {
		diag_error("cannot create %s: %s", run.common.output, strerror(errno));
		fail(&run, EX_CANTCREAT);
	}
	csvio_writer_init(&run.w, run.out.fp, ',', false);
	if (optind == argc)
		read_file(&run, NULL);
	else
		for (int k = optind; k < argc; k++)
			read_file(&run, strcmp(argv[k], "-") == 0 ? NULL : argv[k]);
	diag_progress_done();
	write_header(&run);
	if (run.customers_out != NULL) {
		write_customers(&run);
		strtab_free(run.customers);
	}
	if (outfile_commit(&run.out) != AR_OK) {
		diag_error("cannot write %s: %s",
		    run.common.output ? run.common.output : "standard output", strerror(errno));
		fail(&run, EX_IOERR);
	}
	if (run.customers_out != NULL && outfile_commit(&run.cout) != AR_OK) {
		diag_error("cannot write %s: %s", run.customers_out, strerror(errno));
		return EX_IOERR;
	}
	config_free(run.ctx.config);
	return EX_OK;
}
