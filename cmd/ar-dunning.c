/*
 * ar-dunning - every night, per customer and currency, the next step of
 * the dunning policy or the one reason there is none (issue 13).
 *
 * The rules are lib/ar/dunning.h (levels, reasons, interest) over the
 * journal's facts (lib/ar/journal.h); appending to the journal is
 * lib/ar/journal_write.h.  This file reads the inputs, writes actions.csv
 * (held until every decision is made), and with --commit appends one
 * journal row per channel of every send, all under one lock, before the
 * output is committed: a second run the same day then sends nothing again.
 *
 * --out-dir writes what the debtors receive (issue 14): every template the
 * sends need is loaded first; the items are read a second time (standard
 * input is kept in a temporary file for it) for the lines of the letters
 * (lib/report/dunning_sends.h); SMS and instant messages are rows of
 * sms.csv and im.csv; letters and e-mails are rendered by --jobs worker
 * processes (lib/report/dunning_docs.h), forked before any font is loaded.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/dunning.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/journal_write.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "report/dunning_docs.h"
#include "report/dunning_sends.h"
#include "report/email_msg.h"
#include "report/letter_pdf.h"

#ifndef AR_TEMPLATES_DIR
#define AR_TEMPLATES_DIR "/usr/local/share/artools/templates"
#endif

enum { OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_JOURNAL, OPT_COMMIT, OPT_OUT_DIR, OPT_JOBS };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: status, lang, email, phone, address,\n"
	  "dunning_block, channel, interest_rate; required" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path of ar.ini);\n"
	  "a journal that does not exist yet is empty" },
	{ "commit", 0, NULL, OPT_COMMIT,
	  "append a letter, email, sms or im row to the journal for each\n"
	  "channel of every send; without it nothing but the output is written" },
	{ "out-dir", 0, "DIR", OPT_OUT_DIR,
	  "write what each send delivers: DIR/letters/*.pdf, DIR/email/*.eml,\n"
	  "DIR/sms.csv and DIR/im.csv, from the templates of [dunning] templates" },
	{ "jobs", 0, "N", OPT_JOBS,
	  "render letters and e-mails in N processes (default, or 0: the\n"
	  "online cores)" },
	CLI_END
};

static const struct cli_command command = {
	"ar-dunning", "--as-of DATE --customers FILE [options] [ITEMS ...]",
	"Decide, for every customer and currency of the open items in ITEMS\n"
	"(standard input when none or -), the next step of the dunning policy of\n"
	"ar.ini ([dunning], [dunning.N]) or the reason there is none, from the\n"
	"journal's promises, disputes, holds and the levels already sent.  Writes\n"
	"actions.csv: customer, name, currency, action (send, skip, route), level,\n"
	"channel, overdue_amount, interest, fee, items, oldest_days, lang, reason.\n"
	"With --out-dir, also the letters, e-mails, SMS and instant messages.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the actions to FILE (default: standard output)", NULL,
	"the day to decide at; required", NULL
};

static const char *const action_columns[] = {
	"customer", "name", "currency", "action", "level", "channel", "overdue_amount",
	"interest", "fee", "items", "oldest_days", "lang", "reason"
};

struct dunning_cmd {
	struct cli_common common;
	const char *customers_path, *journal_path, *out_dir;
	long jobs;                      /* 0: the online cores */
	bool jobs_given, commit;
	const char **inputs;            /* the files read; NULL: standard input */
	const char **names;             /* as messages name them */
	size_t ninputs;
	char *spool;                    /* standard input kept for the second pass */
	struct dunning_docs_setup setup;
	struct dunning_templates *templates;
	struct dunning_sends *sends;
	struct outfile sms_out, im_out;
	bool sms_opened, im_opened;
	struct cli_context ctx;
	struct dunning_policy policy;
	struct aging_policy aging;      /* for items without a due date */
	struct customer_table customers;
	struct journal *journal;
	struct dunning *dun;
	struct outfile out;
	bool opened;
	unsigned long broken_promises;
};

static struct dunning_cmd run;

static void
on_option(void *ctx, int id, const char *arg)
{
	struct dunning_cmd *r = ctx;

	switch (id) {
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_JOURNAL: r->journal_path = arg; break;
	case OPT_COMMIT: r->commit = true; break;
	case OPT_OUT_DIR: r->out_dir = arg; break;
	case OPT_JOBS: r->jobs = cli_parse_count("--jobs", arg, 256); r->jobs_given = true; break;
	}
}

static _Noreturn void
fail(int status)
{
	if (run.opened)
		outfile_abort(&run.out);
	if (run.sms_opened)
		outfile_abort(&run.sms_out);
	if (run.im_opened)
		outfile_abort(&run.im_out);
	if (run.spool != NULL)
		unlink(run.spool);
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

static void
load_customers(void)
{
	struct csvio_reader *r = open_input(run.customers_path);
	struct ar_error e = { 0 };
	ar_err err;

	if (customers_init(&run.customers, 1024) != AR_OK)
		out_of_memory();
	if ((err = customers_load(&run.customers, r, &e)) != AR_OK)
		fail_input(r, err, &e);
	for (uint32_t id = 0; id < strtab_count(run.customers.ids); id++)
		if ((err = dunning_check_customer(customers_get(&run.customers, id), &e)) != AR_OK)
			fail_input(r, err, &e);
	csvio_reader_close(r);
}

/* The journal, read at the as-of date; one that does not exist yet is empty. */
static void
load_journal(void)
{
	struct item_format journal_format;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if (journal_new(&run.journal, run.ctx.as_of, run.ctx.format.has_default_currency ?
	    run.ctx.format.default_currency : 0) != AR_OK)
		out_of_memory();
	if (run.journal_path == NULL)
		return;
	{
		FILE *probe = fopen(run.journal_path, "r");

		if (probe == NULL && errno == ENOENT) {
			diag_at(run.journal_path, 0, "does not exist yet: an empty journal");
			return;
		}
		if (probe != NULL)
			fclose(probe);
	}
	r = open_input(run.journal_path);
	/* Our tools write the journal, with a point for decimals, whatever [input] says. */
	journal_format = run.ctx.format;
	journal_format.decimal = MONEY_DECIMAL_POINT;
	if ((err = journal_load(run.journal, r, &journal_format, NULL, NULL, &e)) != AR_OK)
		fail_input(r, err, &e);
	csvio_reader_close(r);
}

/*
 * Every item of one ITEMS input: into the decisions (first pass), or into
 * the letters of the sends (second pass, with --out-dir).
 */
static void
read_items(size_t input, bool second)
{
	const char *path = run.inputs[input], *name = run.names[input];
	struct csvio_reader *r;
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	FILE *kept = NULL;
	ar_err err;

	if (path == run.spool && path != NULL) {     /* standard input, kept: named as it was */
		struct csvio_opts copts = CSVIO_OPTS_DEFAULT;

		if ((kept = fopen(path, "rb")) == NULL ||
		    (err = csvio_reader_from_stream(&r, kept, name, &copts)) != AR_OK) {
			diag_error("%s: cannot read: %s", path, strerror(errno));
			fail(EX_IOERR);
		}
	} else {
		r = open_input(path);
	}
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct ar_error e = { 0 };
		enum aging_date_source source;
		civil_day due;
		const char *doc;
		size_t doclen, dlen;
		uint32_t id;
		bool added;

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail_input(r, problem.err, &e);
		}
		if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) != AR_OK)
			out_of_memory();
		if ((err = aging_item_date(&run.aging, &it, customers_hot(&run.customers, id).terms_days,
		    &due, &source)) != AR_OK) {
			ar_error_set(&e, err, rec.line, "no due_date, and no doc_date to add terms to");
			fail_input(r, err, &e);
		}
		doc = items_field(&rec, cols.doc_no, &doclen);
		(void)items_field(&rec, cols.dispute, &dlen);     /* set: the item is disputed */
		if (second)
			err = dunning_sends_add_item(run.sends, run.dun, id, it.currency, doc, doclen,
			    it.doc_date, due, it.amount, dlen > 0);
		else
			err = dunning_add_item(run.dun, id, doc, doclen, due, it.currency, it.amount,
			    dlen > 0);
		if (err != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			if (second)
				ar_error_set(&e, AR_EINVARIANT, rec.line, "the item reads differently the "
				    "second time");
			else
				ar_error_set(&e, err, rec.line, "the overdue amount of customer \"%.*s\" "
				    "does not fit 64 bits", (int)it.customer_len, it.customer);
			fail_input(r, e.code, &e);
		}
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
	if (kept != NULL)
		fclose(kept);
}

/*
 * Standard input, or a pipe named as a file, kept in a temporary file so
 * that --out-dir can read the items twice.
 */
static void
spool_inputs(void)
{
	for (size_t i = 0; i < run.ninputs; i++) {
		struct stat st;
		const char *tmpdir = getenv("TMPDIR");
		char path[4096];
		FILE *in, *out;
		char buf[65536];
		size_t n;
		int fd;

		if (run.inputs[i] != NULL && stat(run.inputs[i], &st) == 0 && S_ISREG(st.st_mode))
			continue;
		if (run.spool != NULL) {
			diag_error("standard input and pipes can be read only once: name the items files");
			fail(EX_USAGE);
		}
		snprintf(path, sizeof path, "%s/ar-dunning.items.XXXXXX",
		    tmpdir && tmpdir[0] ? tmpdir : "/tmp");
		if ((fd = mkstemp(path)) < 0 || (out = fdopen(fd, "w")) == NULL) {
			diag_error("%s: cannot create: %s", path, strerror(errno));
			fail(EX_CANTCREAT);
		}
		if ((run.spool = strdup(path)) == NULL)
			out_of_memory();
		in = run.inputs[i] == NULL ? stdin : fopen(run.inputs[i], "rb");
		if (in == NULL) {
			fclose(out);
			fail(cli_reader_failed(NULL, AR_EOPEN, run.inputs[i]));
		}
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				break;
		if (ferror(in) || fclose(out) != 0) {
			diag_error("%s: cannot keep the items: %s", path, strerror(errno));
			fail(EX_IOERR);
		}
		if (in != stdin)
			fclose(in);
		run.inputs[i] = run.spool;
	}
}

/* ---- decisions, the output, the journal ---- */

/* Per level and currency, the sends and their overdue amount. */
struct level_sum {
	currency_id cur;
	int level;
	long count;
	int64_t amount;
};

struct tally {
	long actions[3], reasons[DUNNING_REASONS];
	struct level_sum sent[64];  /* a few currencies times the levels */
	size_t nsent;
};

static void
count_send(struct tally *t, const struct dunning_decision *x)
{
	size_t i;

	for (i = 0; i < t->nsent; i++)
		if (t->sent[i].cur == x->currency && t->sent[i].level == x->level)
			break;
	if (i == t->nsent) {
		if (t->nsent == sizeof t->sent / sizeof t->sent[0])
			return;
		t->sent[t->nsent++] = (struct level_sum){ x->currency, x->level, 0, 0 };
	}
	t->sent[i].count++;
	money_add(&t->sent[i].amount, x->overdue_amount);
}

static void
write_row(struct csvio_writer *w, const struct dunning_decision *x)
{
	const struct customer *c = customers_get(&run.customers, x->customer);
	int exp = currency_exponent(x->currency);
	char ch[32], num[24];

	dunning_channels_text(x->channels, ch, sizeof ch);
	csvio_write_str(w, strtab_key(run.customers.ids, x->customer));
	csvio_write_str(w, c->name);
	csvio_write_str(w, currency_code(x->currency));
	csvio_write_str(w, dunning_action_word(x->action));
	snprintf(num, sizeof num, "%d", x->level);
	csvio_write_str(w, x->level > 0 ? num : "");
	csvio_write_str(w, ch);
	csvio_write_money(w, x->overdue_amount, exp);
	csvio_write_money(w, x->interest, exp);
	csvio_write_money(w, x->fee, exp);
	snprintf(num, sizeof num, "%ld", x->items);
	csvio_write_str(w, num);
	snprintf(num, sizeof num, "%ld", x->oldest_days);
	csvio_write_str(w, num);
	csvio_write_str(w, c->lang[0] ? c->lang : config_get_string(run.ctx.config, "report:lang"));
	csvio_write_str(w, dunning_reason_word(x->reason));
	csvio_end_record(w);
}

/* One journal row per channel of a send, with the file it wrote in ref; rows[] grows. */
static void
add_journal_rows(struct journal_entry **rows, size_t *n, size_t *cap,
    const struct dunning_doc *doc, char (*refs)[DUNNING_CHANNELS][160])
{
	static const struct { unsigned bit; const char *action; } ch[DUNNING_CHANNELS] = {
		{ DUNNING_LETTER, "letter" }, { DUNNING_EMAIL, "email" }, { DUNNING_SMS, "sms" },
		{ DUNNING_IM, "im" }
	};
	const struct dunning_decision *x = &doc->x;

	for (size_t k = 0; k < DUNNING_CHANNELS; k++) {
		struct journal_entry *e;

		if (!(x->channels & ch[k].bit))
			continue;
		if (*n == *cap) {
			size_t c = *cap ? *cap * 2 : 256;
			struct journal_entry *v = realloc(*rows, c * sizeof *v);

			if (v == NULL)
				out_of_memory();
			*rows = v;
			*cap = c;
		}
		e = &(*rows)[(*n)++];
		*e = (struct journal_entry)JOURNAL_ENTRY_INIT;
		e->date = run.ctx.as_of;
		e->customer = doc->customer_id;
		e->action = ch[k].action;
		e->level = x->level;
		e->has_amount = e->has_currency = true;
		e->amount = x->overdue_amount + x->interest + x->fee;
		e->currency = x->currency;
		e->channel = ch[k].action;
		e->ref = refs != NULL ? (*refs)[k] : NULL;
		e->user = "ar-dunning";
		e->note = x->template_name;
	}
}

/* ---- the documents (--out-dir) ---- */

/* The files a send's channels write, relative to DIR, by channel (as the journal's ref). */
static void
refs_of(const struct dunning_doc *doc, char (*refs)[DUNNING_CHANNELS][160])
{
	char base[200];

	dunning_doc_basename(doc, base, sizeof base);
	snprintf((*refs)[0], sizeof (*refs)[0], "letters/%.140s.pdf", base);
	snprintf((*refs)[1], sizeof (*refs)[1], "email/%.140s.eml", base);
	snprintf((*refs)[2], sizeof (*refs)[2], "sms.csv");
	snprintf((*refs)[3], sizeof (*refs)[3], "im.csv");
}

static void
need_templates(const char *name, enum report_lang lang, unsigned kinds)
{
	struct ar_error e = { 0 };
	char path[4096];
	ar_err err;

	if ((err = dunning_templates_need(run.templates, name, lang, kinds, &e, path,
	    sizeof path)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_report(path, &e);
		fail(ar_exit_code(err));
	}
}

/* E-mail needs a From: [company] email, checked before anything is written. */
static void
need_company_email(void)
{
	const char *from = run.setup.company_email;

	if (!email_address_valid(from, strlen(from))) {
		diag_error("%s: [company] email \"%s\" is not an e-mail address: the From of the "
		    "e-mails", config_path(run.ctx.config) ? config_path(run.ctx.config) : "ar.ini",
		    from);
		fail(EX_CONFIG);
	}
}

/*
 * Before anything is read: every level's templates in every language of
 * the master, so that a bad template stops the first run after it was
 * changed, not the night a customer first reaches it.
 */
static void
check_templates(void)
{
	bool used[REPORT_LANG_COUNT] = { false };

	used[run.setup.default_lang] = true;
	for (uint32_t id = 0; id < strtab_count(run.customers.ids); id++) {
		const struct customer *c = customers_get(&run.customers, id);
		enum report_lang lang;

		if (dunning_doc_lang(&run.setup, c, &lang) != AR_OK) {
			diag_at(run.customers_path, c->line, "lang \"%s\" of customer \"%s\" is not "
			    "one of en, ms, zh-Hans, zh-Hant", c->lang, strtab_key(run.customers.ids, id));
			fail(EX_DATAERR);
		}
		used[lang] = true;
	}
	for (size_t n = 1; n <= run.policy.nlevels; n++) {
		const struct dunning_level *l = &run.policy.level[n];

		if (l->channels & DUNNING_EMAIL)
			need_company_email();
		for (int lang = 0; lang < REPORT_LANG_COUNT; lang++) {
			if (!used[lang])
				continue;
			need_templates(l->template_name, (enum report_lang)lang,
			    dunning_template_kinds(l->channels));
			if (l->statutory_template[0] != '\0')
				need_templates(l->statutory_template, (enum report_lang)lang,
				    dunning_template_kinds((l->channels & DUNNING_EMAIL) | DUNNING_LETTER));
		}
	}
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		diag_error("%s: cannot create: %s", path, strerror(errno));
		fail(EX_CANTCREAT);
	}
}

/* The whole of a file, for an e-mail's attachment. */
static unsigned char *
slurp(FILE *fp, size_t *len)
{
	unsigned char *buf = NULL;
	long size;

	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)size + 1)) == NULL || fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		free(buf);
		return NULL;
	}
	*len = (size_t)size;
	return buf;
}

/* The letter and the e-mail of send i; 0 or an exit status, the error printed. */
static int
render_send(size_t i)
{
	const struct dunning_doc *doc = dunning_sends_get(run.sends, i);
	unsigned ch = doc->x.channels;
	struct ar_error e = { 0 };
	char refs[DUNNING_CHANNELS][160], path[4096], name[200];
	unsigned char *pdf = NULL;
	size_t pdf_len = 0;
	ar_err err = AR_OK;

	refs_of(doc, &refs);
	if (ch & DUNNING_LETTER) {
		snprintf(path, sizeof path, "%s/%s", run.out_dir, refs[0]);
		if ((err = dunning_doc_letter(&run.setup, run.templates, doc, path, NULL, &e)) != AR_OK)
			goto failed;
	}
	if (ch & DUNNING_EMAIL) {
		struct outfile eml;

		if (doc->x.attach) {    /* the letter, rendered for it when not sent by post */
			FILE *fp = (ch & DUNNING_LETTER) ? fopen(path, "rb") : tmpfile();

			if (fp == NULL) {
				err = ar_error_set(&e, AR_EIO, 0, "cannot read the letter: %s", strerror(errno));
				goto failed;
			}
			if (!(ch & DUNNING_LETTER) &&
			    (err = dunning_doc_letter(&run.setup, run.templates, doc, NULL, fp, &e)) != AR_OK) {
				fclose(fp);
				goto failed;
			}
			pdf = slurp(fp, &pdf_len);
			fclose(fp);
			if (pdf == NULL) {
				err = ar_error_set(&e, AR_EIO, 0, "cannot read the letter back");
				goto failed;
			}
		}
		snprintf(path, sizeof path, "%s/%s", run.out_dir, refs[1]);
		snprintf(name, sizeof name, "%.150s", refs[0] + strlen("letters/"));
		if (outfile_open(&eml, path) != AR_OK) {
			err = ar_error_set(&e, AR_ECREATE, 0, "cannot create: %s", strerror(errno));
			goto failed;
		}
		if ((err = dunning_doc_email(&run.setup, run.templates, doc, pdf, pdf_len, name, eml.fp,
		    &e)) != AR_OK) {
			outfile_abort(&eml);
			goto failed;
		}
		if (outfile_commit(&eml) != AR_OK) {
			err = ar_error_set(&e, AR_EIO, 0, "cannot write: %s", strerror(errno));
			goto failed;
		}
	}
	free(pdf);
	return 0;
failed:
	free(pdf);
	diag_report(path, &e);
	return ar_exit_code(err);
}

/* Letters and e-mails: in jobs processes forked before any font is loaded. */
static void
render_letters(void)
{
	size_t n = dunning_sends_count(run.sends);
	long jobs = run.jobs > 0 ? run.jobs : sysconf(_SC_NPROCESSORS_ONLN);
	pid_t pid[256];
	int status = 0;

	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (long)n : 1;
	if (jobs == 1) {
		for (size_t i = 0; i < n && status == 0; i++)
			status = render_send(i);
		letter_pdf_shutdown();
		email_shutdown();
		if (status != 0)
			fail(status);
		return;
	}
	fflush(NULL);   /* a child must not write what the parent buffered */
	for (long w = 0; w < jobs; w++) {
		if ((pid[w] = fork()) < 0) {
			diag_error("cannot start a worker: %s", strerror(errno));
			for (long k = 0; k < w; k++)
				waitpid(pid[k], NULL, 0);
			fail(EX_OSERR);
		}
		if (pid[w] == 0) {
			int rc = 0;

			for (size_t i = (size_t)w; i < n && rc == 0; i += (size_t)jobs)
				rc = render_send(i);
			fflush(stderr);
			_exit(rc);
		}
	}
	for (long w = 0; w < jobs; w++) {
		int st;

		if (waitpid(pid[w], &st, 0) < 0)
			st = EX_OSERR << 8;
		if (status == 0)
			status = WIFEXITED(st) ? WEXITSTATUS(st) : EX_SOFTWARE;
	}
	if (status != 0)
		fail(status);
}

static void
write_messages(unsigned channel, struct outfile *out, bool *opened, const char *file,
    unsigned long *count)
{
	static const char *const sms_columns[] = {
		"customer", "phone", "text", "encoding", "segments", "send_after"
	};
	static const char *const im_columns[] = { "customer", "phone", "text", "link" };
	struct csvio_writer w;
	char path[4096], num[24];

	snprintf(path, sizeof path, "%s/%s", run.out_dir, file);
	if (outfile_open(out, path) != AR_OK) {
		diag_error("%s: cannot create: %s", path, strerror(errno));
		fail(EX_CANTCREAT);
	}
	*opened = true;
	csvio_writer_init(&w, out->fp, ',', false);
	if (channel == DUNNING_SMS)
		csvio_write_names(&w, sms_columns, 6);
	else
		csvio_write_names(&w, im_columns, 4);
	for (size_t i = 0; i < dunning_sends_count(run.sends); i++) {
		const struct dunning_doc *doc = dunning_sends_get(run.sends, i);
		struct dunning_msg_row row;
		struct ar_error e = { 0 };
		ar_err err;

		if (!(doc->x.channels & channel))
			continue;
		err = channel == DUNNING_SMS ? dunning_doc_sms(&run.setup, run.templates, doc, &row, &e) :
		    dunning_doc_im(&run.setup, run.templates, doc, &row, &e);
		if (err != AR_OK) {
			dunning_msg_row_free(&row);
			if (err == AR_ENOMEM)
				out_of_memory();
			diag_report(path, &e);
			fail(ar_exit_code(err));
		}
		csvio_write_str(&w, doc->customer_id);
		csvio_write_str(&w, row.phone);
		csvio_write_str(&w, row.text);
		if (channel == DUNNING_SMS) {
			csvio_write_str(&w, row.encoding);
			snprintf(num, sizeof num, "%ld", row.segments);
			csvio_write_str(&w, num);
			csvio_write_str(&w, row.send_after);
		} else {
			csvio_write_str(&w, row.link);
		}
		csvio_end_record(&w);
		dunning_msg_row_free(&row);
		(*count)++;
	}
}

struct written {
	unsigned long letters, emails, sms, im;
};

/* Everything the sends deliver, into DIR; the counts in *wr. */
static void
write_documents(struct written *wr)
{
	struct ar_error e = { 0 };
	char path[4096];
	ar_err err;

	memset(wr, 0, sizeof *wr);
	for (size_t i = 0; i < dunning_sends_count(run.sends); i++) {
		const struct dunning_doc *doc = dunning_sends_get(run.sends, i);

		need_templates(doc->x.template_name, doc->lang, dunning_template_kinds(doc->x.channels));
		if (doc->x.channels & DUNNING_EMAIL)
			need_company_email();
		wr->letters += (doc->x.channels & DUNNING_LETTER) != 0;
		wr->emails += (doc->x.channels & DUNNING_EMAIL) != 0;
	}
	for (size_t i = 0; i < run.ninputs; i++)
		read_items(i, true);
	if ((err = dunning_sends_finish(run.sends, &e)) != AR_OK) {
		diag_error("%s", e.message);
		fail(ar_exit_code(err));
	}
	make_dir(run.out_dir);
	snprintf(path, sizeof path, "%s/letters", run.out_dir);
	make_dir(path);
	snprintf(path, sizeof path, "%s/email", run.out_dir);
	make_dir(path);
	write_messages(DUNNING_SMS, &run.sms_out, &run.sms_opened, "sms.csv", &wr->sms);
	write_messages(DUNNING_IM, &run.im_out, &run.im_opened, "im.csv", &wr->im);
	/* Thousands of files: synced once, all of them, before the journal says they were sent. */
	outfile_defer_sync(true);
	render_letters();
	if (outfile_sync_all(run.out_dir) != AR_OK) {
		diag_error("%s: cannot sync: %s", run.out_dir, strerror(errno));
		fail(EX_IOERR);
	}
	outfile_defer_sync(false);
}

/* By currency code, then level. */
static int
cmp_level_sum(const void *pa, const void *pb)
{
	const struct level_sum *a = pa, *b = pb;
	int c = strcmp(currency_code(a->cur), currency_code(b->cur));

	return c != 0 ? c : (a->level > b->level) - (a->level < b->level);
}

static void
summary(struct tally *t, unsigned long appended, const struct written *wr)
{
	const char *p = diag_progname();

	fprintf(stderr, "%s: %ld send, %ld skip, %ld route (rows: one per customer and currency)\n",
	    p, t->actions[DUNNING_SEND], t->actions[DUNNING_SKIP], t->actions[DUNNING_ROUTE]);
	for (int r = 1; r < DUNNING_REASONS; r++)
		if (t->reasons[r] > 0)
			fprintf(stderr, "%s:   %-16s %ld\n", p, dunning_reason_word((enum dunning_reason)r),
			    t->reasons[r]);
	qsort((void *)t->sent, t->nsent, sizeof t->sent[0], cmp_level_sum);
	for (size_t i = 0; i < t->nsent; i++) {
		char buf[MONEY_TEXT_MAX];

		money_format(t->sent[i].amount, currency_exponent(t->sent[i].cur), buf);
		fprintf(stderr, "%s: level %d: %ld sent, %s %s overdue\n", p, t->sent[i].level,
		    t->sent[i].count, currency_code(t->sent[i].cur), buf);
	}
	if (run.broken_promises > 0)
		fprintf(stderr, "%s: %lu broken promise%s (counted as none)\n", p, run.broken_promises,
		    run.broken_promises == 1 ? "" : "s");
	if (wr != NULL)
		fprintf(stderr, "%s: %lu letter%s, %lu e-mail%s, %lu SMS, %lu instant message%s "
		    "written to %s\n", p, wr->letters, wr->letters == 1 ? "" : "s", wr->emails,
		    wr->emails == 1 ? "" : "s", wr->sms, wr->im, wr->im == 1 ? "" : "s", run.out_dir);
	if (run.commit)
		fprintf(stderr, "%s: %lu journal row%s appended to %s\n", p, appended,
		    appended == 1 ? "" : "s", run.journal_path);
	else
		fprintf(stderr, "%s: dry run: nothing appended to the journal (--commit appends)\n", p);
}

/*
 * The channels of a send that can be delivered (e-mail addresses and
 * phones checked); none left: no contact after all.
 */
static void
deliverable(struct dunning_decision *x)
{
	const struct customer *c = customers_get(&run.customers, x->customer);
	char why[512];

	x->channels = dunning_doc_deliverable(&run.setup, c, x->channels, why, sizeof why);
	if (why[0] != '\0')
		diag_at(run.customers_path, c->line, "customer \"%s\": %s",
		    strtab_key(run.customers.ids, x->customer), why);
	if (x->channels == 0) {
		x->action = DUNNING_SKIP;
		x->reason = DUNNING_NO_CONTACT;
		x->level = 0;
	}
}

static void
decide_all(void)
{
	struct csvio_writer w;
	struct tally t;
	struct written wr;
	struct journal_entry *rows = NULL;
	char (*refs)[DUNNING_CHANNELS][160] = NULL;
	size_t nrows = 0, caprows = 0, n = dunning_count(run.dun);
	uint32_t last_broken = UINT32_MAX;
	struct ar_error e = { 0 };
	int status;

	memset(&t, 0, sizeof t);
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.opened = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	csvio_write_names(&w, action_columns, sizeof action_columns / sizeof *action_columns);
	if (dunning_sends_new(&run.sends) != AR_OK)
		out_of_memory();
	for (size_t i = 0; i < n; i++) {
		struct dunning_decision x;

		if (dunning_decide(run.dun, i, &x, &e) != AR_OK) {
			diag_error("%s", e.message);
			fail(EX_CONFIG);
		}
		if (x.action == DUNNING_SEND)
			deliverable(&x);
		write_row(&w, &x);
		t.actions[x.action]++;
		t.reasons[x.reason]++;
		/* Once a customer, whatever its currencies (the decisions come by customer). */
		if (x.broken_promise && x.customer != last_broken) {
			run.broken_promises++;
			last_broken = x.customer;
		}
		if (x.action == DUNNING_SEND) {
			const struct customer *c = customers_get(&run.customers, x.customer);
			enum report_lang lang = run.setup.default_lang;

			count_send(&t, &x);
			if (run.out_dir != NULL && dunning_doc_lang(&run.setup, c, &lang) != AR_OK) {
				diag_error("customer \"%s\": lang \"%s\" is not one of en, ms, zh-Hans, "
				    "zh-Hant", strtab_key(run.customers.ids, x.customer), c->lang);
				fail(EX_DATAERR);
			}
			if (dunning_sends_add(run.sends, &x, strtab_key(run.customers.ids, x.customer), c,
			    lang) != AR_OK)
				out_of_memory();
		}
	}
	if (run.out_dir != NULL)
		write_documents(&wr);
	/* The rows point at the refs: one set per send, alive until appended. */
	if (run.commit && (refs = calloc(dunning_sends_count(run.sends) + 1, sizeof *refs)) == NULL)
		out_of_memory();
	for (size_t i = 0; run.commit && i < dunning_sends_count(run.sends); i++) {
		const struct dunning_doc *doc = dunning_sends_get(run.sends, i);

		refs_of(doc, &refs[i]);
		add_journal_rows(&rows, &nrows, &caprows, doc, run.out_dir != NULL ? &refs[i] : NULL);
	}
	if (run.commit && nrows > 0 &&
	    journal_append_all(run.journal_path, rows, nrows, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		free(rows);
		free(refs);
		fail(ar_exit_code(e.code));
	}
	free(rows);
	free(refs);
	summary(&t, run.commit ? nrows : 0, run.out_dir != NULL ? &wr : NULL);
	if (run.sms_opened && outfile_commit(&run.sms_out) != AR_OK) {
		run.sms_opened = false;
		diag_error("%s/sms.csv: cannot write: %s", run.out_dir, strerror(errno));
		fail(EX_IOERR);
	}
	run.sms_opened = false;
	if (run.im_opened && outfile_commit(&run.im_out) != AR_OK) {
		run.im_opened = false;
		diag_error("%s/im.csv: cannot write: %s", run.out_dir, strerror(errno));
		fail(EX_IOERR);
	}
	run.im_opened = false;
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
	run.opened = false;
}

int
main(int argc, char *argv[])
{
	char msg[1024];
	const char *templates = getenv("AR_TEMPLATES");
	long long created;
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the day the dunning run decides at");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (run.jobs_given && run.out_dir == NULL)
		cli_usage_error("--jobs renders letters: it needs --out-dir DIR");
	created = cli_created_time();
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.commit && run.journal_path == NULL)
		cli_usage_error("--commit needs a journal: --journal FILE or [journal] path in ar.ini");
	if (dunning_policy_from_config(run.ctx.config, &run.policy, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	if (dunning_docs_setup_read(run.ctx.config, templates && templates[0] ? templates :
	    AR_TEMPLATES_DIR, run.ctx.as_of, created, &run.setup, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	run.aging.basis = AGING_BASIS_DUE;
	run.aging.default_terms_days = (int)config_get_long(run.ctx.config, "aging:default_terms_days");
	load_customers();
	if (run.out_dir != NULL) {
		if (dunning_templates_new(&run.templates, run.setup.templates_dir) != AR_OK)
			out_of_memory();
		check_templates();
	}
	load_journal();
	if (dunning_new(&run.dun, &run.policy, &run.customers, run.journal, run.ctx.as_of) != AR_OK)
		out_of_memory();
	/* No ITEMS: standard input. */
	run.ninputs = first < argc ? (size_t)(argc - first) : 1;
	if ((run.inputs = calloc(run.ninputs, sizeof *run.inputs)) == NULL ||
	    (run.names = calloc(run.ninputs, sizeof *run.names)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < run.ninputs; i++) {
		const char *arg = first < argc ? argv[first + (int)i] : "-";

		run.inputs[i] = strcmp(arg, "-") == 0 ? NULL : arg;
		run.names[i] = run.inputs[i] ? run.inputs[i] : "<stdin>";
	}
	if (run.out_dir != NULL)
		spool_inputs();
	for (size_t i = 0; i < run.ninputs; i++)
		read_items(i, false);
	decide_all();
	if (run.spool != NULL)
		unlink(run.spool);
	free(run.spool);
	free(run.inputs);
	free(run.names);
	dunning_sends_free(run.sends);
	dunning_templates_free(run.templates);
	dunning_free(run.dun);
	journal_free(run.journal);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
