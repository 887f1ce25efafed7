/*
 * ar-soa - statements of account (issue 19): one per customer and
 * currency, from a ledger extract or the open items, each checked against
 * the open items, as PDF, CSV and an e-mail with the PDF attached.  The
 * rules are lib/ar/soa.h's; the documents lib/report/soa_docs.h's.
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
#include "ar/soa.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/strtab.h"
#include "report/email_msg.h"
#include "report/letter_pdf.h"
#include "report/soa_docs.h"

#ifndef AR_TEMPLATES_DIR
#define AR_TEMPLATES_DIR "/usr/local/share/artools/templates"
#endif

enum { OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_CUSTOMER, OPT_BATCH, OPT_FROM, OPT_LEDGER,
	OPT_OUT_DIR };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: name, address, lang, email,\n"
	  "ref1, terms_days (required)" },
	{ "customer", 0, "ID", OPT_CUSTOMER,
	  "a statement for this customer, in each currency\n"
	  "it has anything in (repeatable)" },
	{ "batch", 0, NULL, OPT_BATCH,
	  "a statement for every customer and currency with\n"
	  "a balance (--customer or --batch is required)" },
	{ "from", 0, "DATE", OPT_FROM,
	  "the period's first day: the opening balance is at\n"
	  "it (default with --ledger: the first of the as-of\n"
	  "month; without: none, every open item a line)" },
	{ "ledger", 0, "FILE", OPT_LEDGER,
	  "every item, open and cleared: the items stream\n"
	  "with clearing_date; the period's documents and\n"
	  "payments come from it" },
	{ "out-dir", 0, "DIR", OPT_OUT_DIR,
	  "write DIR/<customer>-<currency>.pdf, .csv and .eml\n"
	  "(default .)" },
	CLI_END
};

static const struct cli_command command = {
	"ar-soa", "--as-of DATE --customers FILE --customer ID ... | --batch\n"
	"       [--from DATE] [--ledger FILE] [--out-dir DIR] [options] [ITEMS ...]",
	"Write statements of account: per customer and currency the opening\n"
	"balance at --from, every document and payment of the period with the\n"
	"running balance, the closing balance, checked against the open items\n"
	"(ITEMS; - for standard input, which is read when no ITEMS and no\n"
	"--ledger are named; with --ledger and no ITEMS, the ledger's items\n"
	"open at as-of), their aging, and how to pay ([company] bank details,\n"
	"JomPAY).  A PDF in the customer's lang, a CSV, and an e-mail with the\n"
	"PDF attached when the customer has an address.  Every statement is\n"
	"checked before any is written: a closing balance that is not the open\n"
	"items' stops the run with nothing written (exit 65).  Standard output:\n"
	"customer,currency,opening,debits,credits,closing,lines,pdf,csv,eml.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the summary to FILE (default: standard output)", NULL,
	"the statement's date (required)", NULL
};

/* A file written beside its place, renamed there when every statement is written. */
struct pending {
	char *tmp, *path;
};

static struct {
	struct cli_common common;
	struct cli_context ctx;
	const char *customers_path, *ledger_path, *out_dir, *from_arg;
	const char **picked;
	size_t npicked, picked_cap;
	uint32_t *picked_ids;   /* their ids in the customers table, once it is loaded */
	bool batch;
	char **items_paths;
	int nitems_paths;
	civil_day from;
	struct customer_table customers;
	struct soa_set *set;
	struct soa_docs_setup setup;
	struct soa_templates *templates;
	unsigned long later, rows;
	struct pending *files;
	size_t nfiles, files_cap;
	struct outfile out;
	bool out_open;
} run;

static void
drop_files(void)
{
	for (size_t i = 0; i < run.nfiles; i++) {
		if (run.files[i].tmp != NULL)
			unlink(run.files[i].tmp);
		free(run.files[i].tmp);
		free(run.files[i].path);
	}
	free(run.files);
	run.files = NULL;
	run.nfiles = 0;
}

static _Noreturn void
fail(int status)
{
	drop_files();
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
	case OPT_CUSTOMERS: run.customers_path = arg; break;
	case OPT_LEDGER: run.ledger_path = arg; break;
	case OPT_OUT_DIR: run.out_dir = arg; break;
	case OPT_FROM: run.from_arg = arg; break;
	case OPT_BATCH: run.batch = true; break;
	case OPT_CUSTOMER:
		if (arg[0] == '\0')
			cli_usage_error("--customer needs an ID");
		if (run.npicked == run.picked_cap) {
			size_t c = run.picked_cap ? 2 * run.picked_cap : 16;
			const char **v = realloc(run.picked, c * sizeof *v);

			if (v == NULL)
				out_of_memory();
			run.picked = v;
			run.picked_cap = c;
		}
		run.picked[run.npicked++] = arg;
		break;
	}
}

static _Noreturn void
bad_row(struct csvio_reader *r, long line, ar_err err, const char *fmt, const char *a,
    size_t alen)
{
	struct ar_error e = { 0 };

	ar_error_set(&e, err, line, fmt, (int)(alen > 60 ? 60 : alen), a);
	fail(cli_input_failed(r, err, &e));
}

/* One file of items: the ledger (source SOA_LEDGER) or open items (SOA_OPEN). */
static bool
is_picked(uint32_t id)
{
	for (size_t i = 0; i < run.npicked; i++)
		if (run.picked_ids[i] == id)
			return true;
	return false;
}

static void
read_items(const char *path, enum soa_source source)
{
	int status, ref_col, clearing = -1;
	struct csvio_reader *r = cli_open_csv(path, &status);
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (r == NULL)
		fail(status);
	if (source == SOA_LEDGER) {
		if ((status = cli_bind_ledger(r, true, &cols, &clearing)) != 0)
			fail(status);
	} else if (items_bind(r, true, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	ref_col = csvio_column(r, "ref");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct soa_item si = { 0 };
		enum soa_taken taken;
		const char *s;
		size_t len;
		uint32_t id;
		bool added;

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			bad_row(r, rec.line, problem.err, "%.*s", msg, strlen(msg));
		}
		if (it.doc_date == DATE_NONE)
			bad_row(r, rec.line, AR_ESYNTAX, "doc_date is empty%.*s: a statement dates "
			    "every document", "", 0);
		if ((s = items_field(&rec, clearing, &len)) != NULL && len > 0 &&
		    date_parse(s, len, &run.ctx.format.dates, &si.cleared) != AR_OK)
			bad_row(r, rec.line, AR_ESYNTAX, "clearing_date \"%.*s\" is not a date", s, len);
		else if (len == 0)
			si.cleared = DATE_NONE;
		si.doc_no = items_field(&rec, cols.doc_no, &si.doc_no_len);
		si.doc_type = items_field(&rec, cols.doc_type, &si.doc_type_len);
		si.ref = items_field(&rec, ref_col, &si.ref_len);
		si.doc_date = it.doc_date;
		si.due_date = it.due_date;
		si.currency = it.currency;
		si.amount = it.amount;
		if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) !=
		    AR_OK)
			out_of_memory();
		/* --customer: the others' rows checked, not kept (memory follows those chosen) */
		if (!run.batch && !is_picked(id)) {
			run.rows++;
			continue;
		}
		switch (soa_add(run.set, id, customers_hot(&run.customers, id).terms_days, &si, source,
		    &taken)) {
		case AR_OK: break;
		case AR_ENOMEM: out_of_memory();
		case AR_ERANGE:
			bad_row(r, rec.line, AR_ERANGE, "the balance of customer \"%.*s\" overflows",
			    it.customer, it.customer_len);
		default:
			bad_row(r, rec.line, AR_ESYNTAX, "no date to age the item from%.*s", "", 0);
		}
		run.rows++;
		if (taken == SOA_LATER)
			run.later++;
	}
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

static civil_day
date_option(const char *opt, const char *arg)
{
	civil_day day;

	if (date_parse_format(arg, strlen(arg), "%Y-%m-%d", &day) != AR_OK)
		cli_usage_error("%s \"%s\" is not a date YYYY-MM-DD", opt, arg);
	return day;
}

/* The statements to write, by customer then currency code. */
static const struct soa_statement **chosen;
static size_t nchosen;

static int
chosen_order(const void *a, const void *b)
{
	const struct soa_statement *x = *(const struct soa_statement *const *)a;
	const struct soa_statement *y = *(const struct soa_statement *const *)b;
	int c = strcmp(strtab_key(run.customers.ids, x->customer),
	    strtab_key(run.customers.ids, y->customer));

	return c != 0 ? c : strcmp(currency_code(x->currency), currency_code(y->currency));
}

static void
choose(void)
{
	size_t n = soa_count(run.set);

	if ((chosen = calloc(n ? n : 1, sizeof *chosen)) == NULL)
		out_of_memory();
	if (run.batch) {
		for (size_t i = 0; i < n; i++) {
			const struct soa_statement *st = soa_get(run.set, i);

			if (st->closing != 0 || st->open != 0)
				chosen[nchosen++] = st;
		}
	} else {
		for (size_t i = 0; i < run.npicked; i++) {
			uint32_t id;
			size_t before = nchosen;

			(void)strtab_find(run.customers.ids, run.picked[i], strlen(run.picked[i]), &id);
			for (size_t k = 0; k < i; k++)
				if (strcmp(run.picked[k], run.picked[i]) == 0)
					goto next;   /* named twice: one statement */
			for (const struct soa_statement *st = soa_of(run.set, id); st != NULL;
			    st = soa_next(run.set, st))
				if (soa_has_content(st))
					chosen[nchosen++] = st;
			if (nchosen == before)
				diag_error("%s: nothing to state (no item in %s)", run.picked[i],
				    run.ledger_path != NULL ? run.ledger_path : "the open items");
next:			;
		}
	}
	if (nchosen > 1)
		qsort(chosen, nchosen, sizeof *chosen, chosen_order);
}

/* Every statement's closing against the open items, before anything is written. */
static void
check_balances(void)
{
	size_t bad = 0;

	for (size_t i = 0; i < nchosen; i++) {
		const struct soa_statement *st = chosen[i];
		int exp = currency_exponent(st->currency);
		char closing[MONEY_TEXT_MAX], open[MONEY_TEXT_MAX], diff[MONEY_TEXT_MAX], day[DATE_TEXT_MAX];
		int64_t d = st->closing;

		if (soa_balanced(st))
			continue;
		bad++;
		money_format(st->closing, exp, closing);
		money_format(st->open, exp, open);
		if (money_add(&d, st->open == INT64_MIN ? INT64_MAX : -st->open) != AR_OK)
			d = 0;
		money_format(d, exp, diff);
		date_format(run.ctx.as_of, day);
		diag_error("%s %s: the closing balance %s (%s) is not the open items' %s at %s "
		    "(%s): difference %s", strtab_key(run.customers.ids, st->customer),
		    currency_code(st->currency), closing, run.ledger_path != NULL ?
		    run.ledger_path : "open items", open, day, run.nitems_paths > 0 ?
		    run.items_paths[0] : run.ledger_path != NULL ? "items open in the ledger" :
		    "open items", diff);
	}
	if (bad > 0) {
		diag_error("nothing written: %zu of %zu statement%s do%s not balance", bad, nchosen,
		    nchosen == 1 ? "" : "s", bad == 1 ? "es" : "");
		fail(EX_DATAERR);
	}
}

static const struct customer *
master_of(uint32_t id)
{
	return customers_hot(&run.customers, id).in_master ? customers_get(&run.customers, id) :
	    NULL;
}

/* Languages and templates of every statement, checked before anything is written. */
static void
check_documents(void)
{
	for (size_t i = 0; i < nchosen; i++) {
		const struct customer *c = master_of(chosen[i]->customer);
		enum report_lang lang;
		struct ar_error e = { 0 };
		char path[4096];

		if (soa_doc_lang(&run.setup, c, &lang) != AR_OK) {
			diag_at(run.customers_path, c->line, "customer \"%s\": lang \"%s\" is not en, "
			    "ms, zh-Hans or zh-Hant", strtab_key(run.customers.ids, chosen[i]->customer),
			    c->lang);
			fail(EX_DATAERR);
		}
		if (soa_templates_need(run.templates, lang, &e, path, sizeof path) != AR_OK) {
			diag_report(path, &e);
			fail(ar_exit_code(e.code));
		}
	}
}

/* A temporary beside path, kept for the renames at the end. */
static FILE *
temp_for(const char *path)
{
	struct pending *p;
	FILE *fp;
	int fd;

	if (run.nfiles == run.files_cap) {
		size_t c = run.files_cap ? 2 * run.files_cap : 64;
		struct pending *v = realloc(run.files, c * sizeof *v);

		if (v == NULL)
			out_of_memory();
		run.files = v;
		run.files_cap = c;
	}
	p = &run.files[run.nfiles];
	p->tmp = NULL;
	if ((p->path = strdup(path)) == NULL)
		out_of_memory();
	run.nfiles++;
	if ((fd = outfile_temp_beside(path, &p->tmp)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		diag_error("%s: cannot create: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fail(EX_CANTCREAT);
	}
	return fp;
}

static void
close_temp(FILE *fp, const char *path)
{
	bool bad = ferror(fp) != 0;

	if (fclose(fp) != 0 || bad) {
		diag_error("%s: cannot write: %s", path, strerror(errno));
		fail(EX_IOERR);
	}
}

struct written {
	bool eml;
	char pdf[4096], csv[4096], eml_path[4096];
};

static void
write_statement(const struct soa_statement *st, struct written *w)
{
	const char *id = strtab_key(run.customers.ids, st->customer);
	const struct customer *c = master_of(st->customer);
	struct soa_doc d = { id, c, REPORT_LANG_EN, st };
	struct ar_error e = { 0 };
	char base[256], name[300];
	char *pdf = NULL;
	size_t pdf_len = 0, valid = 0;
	FILE *mem, *fp;

	(void)soa_doc_lang(&run.setup, c, &d.lang);
	soa_doc_basename(id, st->currency, base, sizeof base);
	snprintf(name, sizeof name, "%s.pdf", base);
	snprintf(w->pdf, sizeof w->pdf, "%s/%s.pdf", run.out_dir, base);
	snprintf(w->csv, sizeof w->csv, "%s/%s.csv", run.out_dir, base);
	snprintf(w->eml_path, sizeof w->eml_path, "%s/%s.eml", run.out_dir, base);
	if ((mem = open_memstream(&pdf, &pdf_len)) == NULL)
		out_of_memory();
	if (soa_doc_pdf(&run.setup, run.templates, &d, mem, &e) != AR_OK) {
		fclose(mem);
		free(pdf);
		diag_report(w->pdf, &e);
		fail(ar_exit_code(e.code));
	}
	if (fclose(mem) != 0)
		out_of_memory();
	fp = temp_for(w->pdf);
	fwrite(pdf, 1, pdf_len, fp);
	close_temp(fp, w->pdf);
	fp = temp_for(w->csv);
	soa_doc_csv(&run.setup, st, fp);
	close_temp(fp, w->csv);
	w->eml = false;
	if (c != NULL)
		email_address_list_check(c->email, &valid, NULL, NULL);
	if (run.setup.company_email[0] == '\0') {
		/* said once, in main */
	} else if (valid == 0) {
		diag_error("%s %s: %s: no .eml", id, currency_code(st->currency), c == NULL ?
		    "not in the customer master" : c->email[0] == '\0' ? "no e-mail address" :
		    "no valid e-mail address");
	} else {
		fp = temp_for(w->eml_path);
		if (soa_doc_email(&run.setup, run.templates, &d, (unsigned char *)pdf, pdf_len, name,
		    fp, &e) != AR_OK) {
			fclose(fp);
			free(pdf);
			diag_report(w->eml_path, &e);
			fail(ar_exit_code(e.code));
		}
		close_temp(fp, w->eml_path);
		w->eml = true;
	}
	free(pdf);
}

static void
ensure_dir(const char *path)
{
	struct stat sb;
	char *p = strdup(path);

	if (p == NULL)
		out_of_memory();
	/* as mkdir -p: the folders above it first */
	for (char *slash = strchr(p + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		(void)mkdir(p, 0777);
		*slash = '/';
	}
	free(p);
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		diag_error("%s: cannot create: %s", path, strerror(errno));
		fail(EX_CANTCREAT);
	}
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error("%s: not a directory", path);
		fail(EX_CANTCREAT);
	}
}

static void
write_all(void)
{
	struct csvio_writer w;
	struct written *done = calloc(nchosen ? nchosen : 1, sizeof *done);
	size_t emails = 0;
	int status;

	if (done == NULL)
		out_of_memory();
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.out_open = true;
	ensure_dir(run.out_dir);
	for (size_t i = 0; i < nchosen; i++)
		write_statement(chosen[i], &done[i]);
	letter_pdf_shutdown();
	email_shutdown();
	if (nchosen > 0 && outfile_sync_all(run.out_dir) != AR_OK) {
		diag_error("%s: cannot sync: %s", run.out_dir, strerror(errno));
		fail(EX_IOERR);
	}
	for (size_t i = 0; i < run.nfiles; i++) {
		if (rename(run.files[i].tmp, run.files[i].path) != 0) {
			diag_error("%s: cannot write: %s", run.files[i].path, strerror(errno));
			fail(EX_IOERR);
		}
		free(run.files[i].tmp);
		run.files[i].tmp = NULL;
	}
	csvio_writer_init(&w, run.out.fp, ',', false);
	{
		static const char *const header[] = { "customer", "currency", "opening", "debits",
			"credits", "closing", "lines", "pdf", "csv", "eml" };

		csvio_write_names(&w, header, sizeof header / sizeof header[0]);
	}
	for (size_t i = 0; i < nchosen; i++) {
		const struct soa_statement *st = chosen[i];
		int exp = currency_exponent(st->currency);
		char lines[32];

		snprintf(lines, sizeof lines, "%zu", st->nlines);
		csvio_write_str(&w, strtab_key(run.customers.ids, st->customer));
		csvio_write_str(&w, currency_code(st->currency));
		csvio_write_money(&w, st->opening, exp);
		csvio_write_money(&w, st->debits, exp);
		csvio_write_money(&w, st->credits, exp);
		csvio_write_money(&w, st->closing, exp);
		csvio_write_str(&w, lines);
		csvio_write_str(&w, done[i].pdf);
		csvio_write_str(&w, done[i].csv);
		csvio_write_str(&w, done[i].eml ? done[i].eml_path : "");
		csvio_end_record(&w);
		emails += done[i].eml;
	}
	run.out_open = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
	diag_error("%zu statement%s written to %s (%zu PDF, %zu CSV, %zu e-mail%s)", nchosen,
	    nchosen == 1 ? "" : "s", run.out_dir, nchosen, nchosen, emails, emails == 1 ? "" : "s");
	free(done);
	drop_files();
}

int
main(int argc, char *argv[])
{
	const char *templates = getenv("AR_TEMPLATES");
	struct soa_period period = { 0 };
	char msg[1024];
	long long created;
	int first, status;

	first = cli_parse(&command, argc, argv, &run.common, on_option, NULL);
	run.items_paths = argv + first;
	run.nitems_paths = argc - first;
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the statement's date");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (!run.batch && run.npicked == 0)
		cli_usage_error("--customer ID or --batch is required: whose statements");
	if (run.batch && run.npicked > 0)
		cli_usage_error("--batch writes every customer with a balance: no --customer with it");
	if (run.out_dir == NULL)
		run.out_dir = ".";
	created = cli_created_time();
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.from_arg != NULL) {
		run.from = date_option("--from", run.from_arg);
		if (run.from > run.ctx.as_of)
			cli_usage_error("--from %s is after --as-of %s", run.from_arg, run.common.as_of);
	} else {
		run.from = soa_default_from(run.ctx.as_of, run.ledger_path != NULL);
	}
	if (soa_docs_setup_read(run.ctx.config, templates && templates[0] ? templates :
	    AR_TEMPLATES_DIR, run.from, run.ctx.as_of, created, &run.setup, msg, sizeof msg) !=
	    AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	if (run.setup.company_name[0] == '\0') {
		diag_error("[company] name is not set in %s: the statement's letterhead needs it",
		    config_path(run.ctx.config)[0] != '\0' ? config_path(run.ctx.config) : "ar.ini");
		fail(EX_CONFIG);
	}
	if (run.setup.company_email[0] != '\0' && !email_address_valid(run.setup.company_email,
	    strlen(run.setup.company_email))) {
		diag_error("[company] email \"%s\" in %s is not an address: the statements' e-mails "
		    "are sent from it", run.setup.company_email, config_path(run.ctx.config));
		fail(EX_CONFIG);
	}
	if ((status = cli_load_customers(run.customers_path, &run.customers)) != 0)
		fail(status);
	if ((run.picked_ids = calloc(run.npicked ? run.npicked : 1, sizeof *run.picked_ids)) ==
	    NULL)
		out_of_memory();
	for (size_t i = 0; i < run.npicked; i++) {
		if (!strtab_find(run.customers.ids, run.picked[i], strlen(run.picked[i]),
		    &run.picked_ids[i])) {
			diag_error("--customer %s: not in %s", run.picked[i], run.customers_path);
			fail(EX_DATAERR);
		}
	}
	period.from = run.from;
	period.as_of = run.ctx.as_of;
	period.ledger = run.ledger_path != NULL;
	period.open_from_ledger = run.ledger_path != NULL && run.nitems_paths == 0;
	period.aging.basis = AGING_BASIS_DUE;
	period.aging.buckets = run.setup.buckets;
	period.aging.as_of = run.ctx.as_of;
	period.aging.default_terms_days = (int)config_get_long(run.ctx.config,
	    "aging:default_terms_days");
	period.aging.basis = strcmp(config_get_string(run.ctx.config, "aging:basis"), "doc") == 0 ?
	    AGING_BASIS_DOC : AGING_BASIS_DUE;
	period.aging.credits = strcmp(config_get_string(run.ctx.config, "aging:credits"),
	    "current") == 0 ? AGING_CREDITS_CURRENT : AGING_CREDITS_OWN_DATE;
	if (soa_new(&run.set, &period) != AR_OK || soa_templates_new(&run.templates, &run.setup) !=
	    AR_OK)
		out_of_memory();
	if (run.ledger_path != NULL)
		read_items(run.ledger_path, SOA_LEDGER);
	if (run.nitems_paths == 0 && run.ledger_path == NULL)
		read_items(NULL, SOA_OPEN);
	for (int i = 0; i < run.nitems_paths; i++)
		read_items(strcmp(run.items_paths[i], "-") == 0 ? NULL : run.items_paths[i], SOA_OPEN);
	if (soa_finish(run.set) != AR_OK) {
		diag_error("a running balance overflows");
		fail(EX_DATAERR);
	}
	if (run.later > 0)
		diag_error("%lu item%s dated after %s left out", run.later, run.later == 1 ? "" : "s",
		    run.common.as_of);
	choose();
	check_balances();
	check_documents();
	if (run.setup.company_email[0] == '\0' && nchosen > 0)
		diag_error("no [company] email in %s: no e-mails written",
		    config_path(run.ctx.config)[0] != '\0' ? config_path(run.ctx.config) : "ar.ini");
	write_all();
	free(chosen);
	free(run.picked);
	free(run.picked_ids);
	soa_templates_free(run.templates);
	soa_free(run.set);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
