/*
 * ar-legal - legal cases: opened with a law firm, their stages recorded
 * in the collections journal, their documents filed in a store under
 * their hash, shown one at a time, and the monthly report.
 *
 * The rules (stages per case type and their order, the e-filing
 * reference, the case number, the journal's encoding of a case, the
 * register rebuilt from it) are lib/ar/legal.h; the store and its
 * manifest lib/report/legal_store.h; the report lib/report/legal_report.h.
 * This file turns the options into rows and calls them.  open and stage
 * read the journal and append to it under its lock (journal_write.h), so
 * that two runs neither take the same case number nor record stages
 * past each other.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "ar/customers.h"
#include "ar/journal_write.h"
#include "ar/legal.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/utf8.h"
#include "report/legal_report.h"
#include "report/legal_store.h"

enum sub { SUB_OPEN, SUB_STAGE, SUB_FILE, SUB_SHOW, SUB_REPORT };
static const char *const sub_words[] = { "open", "stage", "file", "show", "report", NULL };
#define ANY ((1u << SUB_OPEN) | (1u << SUB_STAGE) | (1u << SUB_FILE) | (1u << SUB_SHOW) | \
	(1u << SUB_REPORT))
#define ONLY(s) (1u << (s))

enum {
	OPT_JOURNAL = CLI_OPT_FIRST_OWN, OPT_CUSTOMERS, OPT_DATE, OPT_USER, OPT_NOTE,
	OPT_FIRM, OPT_TYPE, OPT_AMOUNT, OPT_CURRENCY, OPT_REF, OPT_COURT, OPT_NEXT_DATE,
	OPT_FORCE, OPT_KIND, OPT_XLSX, OPT_END
};

static const struct cli_option options[] = {
	CLI_GROUP("Journal:"),
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path\nof ar.ini)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "open: refuse a CUSTOMER this master lacks;\nreport: the customers' names" },
	{ "date", 0, "DATE", OPT_DATE,
	  "open, stage, file: the day (default: today or\n--as-of; never after it)" },
	{ "user", 0, "NAME", OPT_USER,
	  "who did it (default: $USER, else $LOGNAME,\nelse unknown)" },
	{ "note", 0, "TEXT", OPT_NOTE, "open, stage, file: free text" },
	CLI_GROUP("open:"),
	{ "firm", 0, "NAME", OPT_FIRM, "the law firm instructed (required)" },
	{ "type", 0, "TYPE", OPT_TYPE,
	  "civil, winding_up, bankruptcy or arbitration\n(required)" },
	{ "amount", 0, "AMOUNT", OPT_AMOUNT,
	  "open: the amount in suit; stage: the amount\nrecovered at the stage" },
	{ "currency", 0, "CODE", OPT_CURRENCY,
	  "the currency of --amount (default: [company]\ndefault_currency)" },
	CLI_GROUP("stage:"),
	{ "ref", 0, "REF", OPT_REF,
	  "the e-filing reference (WA-22NCvC-123-01/2026)" },
	{ "court", 0, "NAME", OPT_COURT, "the court or tribunal" },
	{ "next-date", 0, "DATE", OPT_NEXT_DATE,
	  "the next date fixed (a hearing, a case\nmanagement), on or after the stage's" },
	{ "force", 0, NULL, OPT_FORCE,
	  "record a stage out of order, or after the case\nended; open a second case of a type the\n"
	  "customer has open; needs --note saying why" },
	CLI_GROUP("file:"),
	{ "kind", 0, "KIND", OPT_KIND,
	  "letter, pleading, award, approval, email,\ninvoice or other (required)" },
	CLI_GROUP("report:"),
	{ "xlsx", 0, "FILE", OPT_XLSX, "the report as a workbook as well" },
	CLI_END
};

/* Which command each option goes with (index: id - CLI_OPT_FIRST_OWN). */
static const unsigned option_subs[OPT_END - CLI_OPT_FIRST_OWN] = {
	[OPT_JOURNAL - CLI_OPT_FIRST_OWN] = ANY,
	[OPT_CUSTOMERS - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_REPORT),
	[OPT_DATE - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE) | ONLY(SUB_FILE),
	[OPT_USER - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE) | ONLY(SUB_FILE),
	[OPT_NOTE - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE) | ONLY(SUB_FILE),
	[OPT_FIRM - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN),
	[OPT_TYPE - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN),
	[OPT_AMOUNT - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE),
	[OPT_CURRENCY - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE),
	[OPT_REF - CLI_OPT_FIRST_OWN] = ONLY(SUB_STAGE),
	[OPT_COURT - CLI_OPT_FIRST_OWN] = ONLY(SUB_STAGE),
	[OPT_NEXT_DATE - CLI_OPT_FIRST_OWN] = ONLY(SUB_STAGE),
	[OPT_FORCE - CLI_OPT_FIRST_OWN] = ONLY(SUB_OPEN) | ONLY(SUB_STAGE),
	[OPT_KIND - CLI_OPT_FIRST_OWN] = ONLY(SUB_FILE),
	[OPT_XLSX - CLI_OPT_FIRST_OWN] = ONLY(SUB_REPORT),
};

static const struct cli_command command = {
	"ar-legal",
	"open CUSTOMER --firm NAME --type TYPE [options]\n"
	"       ar-legal stage CASE STAGE [options]\n"
	"       ar-legal file CASE PATH... --kind KIND [options]\n"
	"       ar-legal show CASE [options]\n"
	"       ar-legal report [options]",
	"Legal cases kept in the collections journal (legal_stage and legal_cost\n"
	"rows).  open: a case for CUSTOMER with a law firm; prints its number\n"
	"(L2026-0001).  stage: the case reached STAGE; the stages of each type in\n"
	"order are\n"
	"  civil        lod_sent, writ_filed, served, judgment, enforcement\n"
	"  winding_up   s466_notice, petition_filed, advertised, hearing, order\n"
	"  bankruptcy   bankruptcy_notice, creditors_petition, served, hearing,\n"
	"               order\n"
	"  arbitration  notice_of_arbitration, tribunal_constituted, hearing,\n"
	"               award, enforcement\n"
	"and settled, closed or withdrawn end a case at any stage.  The next\n"
	"stage, the same again or an end is in order; another needs --force.\n"
	"file: copy documents into [legal] store/CASE/ under their SHA-256 with a\n"
	"manifest row; one filed already is not filed again.  show: a case's\n"
	"stages, costs and documents.  report: the open cases and those ended\n"
	"this month, with amounts in suit, costs, recoveries, next dates within\n"
	"30 days and cases idle for 90 days (report.csv: man ar-legal).\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT, "show, report: write to FILE\n(default: standard output)",
	NULL, "the day taken as today (default: today); report:\nthe day it is made at", NULL
};

/* What the options said, as given: checked after parsing, in one place. */
struct legal_run {
	struct cli_common common;
	const char *journal, *customers, *date, *user, *note, *firm, *type, *amount, *currency;
	const char *ref, *court, *next_date, *kind, *xlsx;
	bool force;
	unsigned given;                 /* the own options given, 1 << (id - first) */
	enum sub sub;
	struct cli_context ctx;
	struct customer_table master;
	bool master_loaded;
	struct legal_register *reg;
	struct journal_appender *appender;
	struct outfile out;
	bool out_open;
	bool gmime_used;
};

static struct legal_run run;

static void
on_option(void *ctx, int id, const char *arg)
{
	struct legal_run *r = ctx;

	r->given |= 1u << (id - CLI_OPT_FIRST_OWN);
	switch (id) {
	case OPT_JOURNAL: r->journal = arg; break;
	case OPT_CUSTOMERS: r->customers = arg; break;
	case OPT_DATE: r->date = arg; break;
	case OPT_USER: r->user = arg; break;
	case OPT_NOTE: r->note = arg; break;
	case OPT_FIRM: r->firm = arg; break;
	case OPT_TYPE:
		cli_parse_word("--type", arg, legal_type_words);   /* says why, exits 64 */
		r->type = arg;
		break;
	case OPT_AMOUNT: r->amount = arg; break;
	case OPT_CURRENCY: r->currency = arg; break;
	case OPT_REF: r->ref = arg; break;
	case OPT_COURT: r->court = arg; break;
	case OPT_NEXT_DATE: r->next_date = arg; break;
	case OPT_FORCE: r->force = true; break;
	case OPT_KIND:
		cli_parse_word("--kind", arg, legal_store_kinds);
		r->kind = arg;
		break;
	case OPT_XLSX: r->xlsx = arg; break;
	}
}

static _Noreturn void
finish(int status)
{
	if (run.appender != NULL)
		journal_append_abort(run.appender);
	if (run.out_open)
		outfile_abort(&run.out);
	legal_register_free(run.reg);
	if (run.master_loaded)
		customers_free(&run.master);
	if (run.gmime_used)
		legal_store_shutdown();
	config_free(run.ctx.config);
	exit(status);
}

/* A value that cannot be taken: exit 65, nothing written. */
static _Noreturn void __attribute__((format(printf, 1, 2)))
bad_value(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(fmt, ap);
	va_end(ap);
	finish(EX_DATAERR);
}

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	finish(EX_OSERR);
}

/* A library error *e about file name: said, and the exit for it. */
static _Noreturn void
fail_at(const char *name, ar_err err, const struct ar_error *e)
{
	if (err == AR_ENOMEM)
		out_of_memory();
	diag_report(name, e);
	finish(ar_exit_code(err));
}

/* Each own option given goes with the command, or it is a usage error. */
static void
check_options(void)
{
	for (const struct cli_option *o = options; o->help != NULL; o++) {
		unsigned bit;

		if (o->name == NULL)
			continue;
		bit = 1u << (o->id - CLI_OPT_FIRST_OWN);
		if ((run.given & bit) && !(option_subs[o->id - CLI_OPT_FIRST_OWN] &
		    ONLY(run.sub)))
			cli_usage_error("--%s does not go with %s", o->name, sub_words[run.sub]);
	}
	if (run.common.output != NULL && run.sub != SUB_SHOW && run.sub != SUB_REPORT)
		cli_usage_error("-o does not go with %s: only show and report write",
		    sub_words[run.sub]);
	if (run.sub == SUB_OPEN && run.firm == NULL)
		cli_usage_error("open needs --firm NAME, the law firm instructed");
	if (run.sub == SUB_OPEN && run.type == NULL)
		cli_usage_error("open needs --type civil, winding_up, bankruptcy or arbitration");
	if (run.sub == SUB_FILE && run.kind == NULL)
		cli_usage_error("file needs --kind letter, pleading, award, approval, email, "
		    "invoice or other");
	if (run.force && run.note == NULL)
		cli_usage_error("--force needs --note TEXT saying why");
	if (run.currency != NULL && run.amount == NULL)
		cli_usage_error("--currency goes with --amount");
}

static void
check_operands(int n, char **args)
{
	static const int want[] = { 1, 2, -2, 1, 0 };
	static const char *const what[] = {
		"CUSTOMER", "CASE and STAGE", "CASE and a PATH", "CASE", ""
	};
	int w = want[run.sub];

	if (w >= 0 ? n < w : n < -w)
		cli_usage_error("%s needs %s", sub_words[run.sub], what[run.sub]);
	if (w >= 0 && n > w)
		cli_usage_error("unexpected argument \"%s\" after %s %s", args[w],
		    sub_words[run.sub], what[run.sub]);
}

/* A day typed by a person: ISO, or the input's own forms ([input] of ar.ini). */
static civil_day
day_of(const char *opt, const char *text)
{
	civil_day d;

	if (date_parse(text, strlen(text), &run.ctx.format.dates, &d) != AR_OK)
		bad_value("%s \"%s\" is not a date (expected YYYY-MM-DD)", opt, text);
	return d;
}

/* --date, not after today (or --as-of). */
static civil_day
the_date(void)
{
	civil_day d = run.date != NULL ? day_of("--date", run.date) : run.ctx.as_of;
	char a[DATE_TEXT_MAX], b[DATE_TEXT_MAX];

	if (d > run.ctx.as_of) {
		date_format(d, a);
		date_format(run.ctx.as_of, b);
		bad_value("--date %s is after %s %s", a, run.common.as_of != NULL ? "--as-of" :
		    "today", b);
	}
	return d;
}

/* --amount and --currency into the row (as ar-note reads them), above zero. */
static void
read_money(struct journal_entry *row, const char *what)
{
	ar_err err;

	if (run.amount == NULL)
		return;
	row->currency = run.ctx.format.default_currency;
	if (run.currency != NULL) {
		err = currency_lookup(run.currency, strlen(run.currency), &row->currency);
		if (err == AR_ECURRENCY)
			bad_value("--currency \"%s\" is not a known currency code", run.currency);
		if (err != AR_OK)
			bad_value("--currency \"%s\" is not a currency code (three capital letters, "
			    "such as MYR)", run.currency);
	}
	err = money_parse(run.amount, strlen(run.amount), currency_exponent(row->currency),
	    run.ctx.format.decimal, &row->amount);
	if (err == AR_EDECIMALS)
		bad_value("--amount \"%s\" has more decimals than %s's %d", run.amount,
		    currency_code(row->currency), currency_exponent(row->currency));
	if (err != AR_OK)
		bad_value("--amount \"%s\" is not an amount", run.amount);
	if (row->amount <= 0)
		bad_value("--amount \"%s\" (%s) is not above zero", run.amount, what);
	row->has_amount = row->has_currency = true;
}

/* A free text that goes in one cell: one line of UTF-8. */
static void
check_line(const char *what, const char *text)
{
	if (text == NULL)
		return;
	if (!utf8_valid(text, strlen(text)))
		bad_value("%s is not UTF-8 text", what);
	for (const char *p = text; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			bad_value("%s holds a control character (a line break?): one line only", what);
}

/* With --customers, CUSTOMER must be in it (as ar-note checks). */
static void
load_customers(void)
{
	int status;

	if (run.customers == NULL)
		return;
	run.master_loaded = true;
	if ((status = cli_load_customers(run.customers, &run.master)) != 0)
		finish(status);
}

static void
check_customer(const char *customer)
{
	uint32_t id;

	if (run.customers == NULL)
		return;
	if (!strtab_find(run.master.ids, customer, strlen(customer), &id) ||
	    !customers_hot(&run.master, id).in_master)
		bad_value("customer \"%s\" is not in %s", customer, run.customers);
}

/* The journal, which must exist for all but open (66 otherwise). */
static void
journal_exists(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		diag_error("cannot open %s: %s", path, strerror(errno));
		finish(EX_NOINPUT);
	}
}

/*
 * The register from the journal at path, read at as_of; a file that is
 * empty (a journal just made) holds no cases.
 */
static void
load_register(const char *path, civil_day as_of)
{
	struct item_format fmt = run.ctx.format;
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	struct stat st;
	ar_err err;

	if (legal_register_new(&run.reg, as_of, run.ctx.format.default_currency) != AR_OK)
		out_of_memory();
	if (stat(path, &st) == 0 && st.st_size == 0) {
		if (legal_register_finish(run.reg, &e) != AR_OK)
			out_of_memory();
		return;
	}
	/* Our tools write the journal with a point for decimals, whatever [input] says. */
	fmt.decimal = MONEY_DECIMAL_POINT;
	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		finish(cli_reader_failed(r, err, path));
	if ((err = legal_register_load(run.reg, r, &fmt, &e)) != AR_OK) {
		csvio_reader_close(r);
		fail_at(path, err, &e);
	}
	csvio_reader_close(r);
}

static void
warn_loose(const char *path)
{
	unsigned long n = legal_register_loose(run.reg);

	if (n > 0)
		diag_at(path, 0, "%lu legal_stage or legal_cost row%s name%s no case in doc_no "
		    "(such as L2026-0001): not in any case", n, n == 1 ? "" : "s",
		    n == 1 ? "s" : "");
}

static const struct legal_case *
find_case(const char *path, const char *id)
{
	const struct legal_case *c;

	if (!legal_case_id_valid(id, strlen(id)))
		bad_value("\"%s\" is not a case number (such as L2026-0001)", id);
	if ((c = legal_register_find(run.reg, id)) == NULL)
		bad_value("case %s is not in %s", id, path);
	return c;
}

/* Lock the journal (creating it for open), then read it whole under the lock. */
static void
lock_and_load(const char *path)
{
	struct ar_error e = { 0 };
	ar_err err;

	if ((err = journal_append_open(&run.appender, path, &e)) != AR_OK)
		fail_at(path, err, &e);
	load_register(path, LEGAL_AS_OF_ALL);
}

static void
append_row(const char *path, const struct journal_entry *row)
{
	struct ar_error e = { 0 };
	struct journal_appender *a = run.appender;
	ar_err err;

	if ((err = journal_append(a, row, &e)) != AR_OK)
		fail_at(path, err, &e);
	run.appender = NULL;
	if ((err = journal_append_close(a, &e)) != AR_OK)
		fail_at(path, err, &e);
}

static void
note_of(char *buf, size_t cap, const char *stage, const char *firm, const char *court,
    bool forced)
{
	if (!legal_note_format(buf, cap, stage, firm, court, forced, run.note))
		bad_value("--note is too long for the journal's note (%zu bytes at most)",
		    cap - 200);
}

/* open CUSTOMER */
static void
cmd_open(const char *path, const char *customer)
{
	struct journal_entry row = JOURNAL_ENTRY_INIT;
	struct ar_error e = { 0 };
	char note[4096], id[LEGAL_CASE_ID_MAX];
	enum legal_type type;
	int year, month, mday;

	legal_type_parse(run.type, strlen(run.type), &type);
	if (legal_text_check("--firm", run.firm, &e) != AR_OK)
		bad_value("%s", e.message);
	check_line("--note", run.note);
	row.date = the_date();
	row.customer = customer;
	row.action = "legal_stage";
	row.level = LEGAL_LEVEL_OPENED;
	row.doc_no = "L0000-0000";   /* the number is taken under the lock */
	row.channel = legal_type_words[type];
	row.user = cli_user_name(run.user);
	read_money(&row, "the amount in suit");
	note_of(note, sizeof note, "opened", run.firm, NULL, run.force);
	row.note = note;
	if (journal_entry_check(&row, &e) != AR_OK)
		bad_value("%s", e.message);
	load_customers();
	check_customer(customer);
	lock_and_load(path);
	/* A second open case of the same type for one customer is a mistake, unless said so. */
	for (size_t i = 0; i < legal_register_count(run.reg); i++) {
		const struct legal_case *c = legal_register_case(run.reg, i);

		if (strcmp(c->customer, customer) == 0 && c->type == type &&
		    !legal_level_ends(c->level) && !run.force)
			bad_value("%s has case %s (%s, at %s) open: a second %s case needs --force with "
			    "--note", customer, c->id, legal_type_words[type],
			    legal_stage_word(type, c->level), legal_type_words[type]);
	}
	date_to_ymd(row.date, &year, &month, &mday);
	if (!legal_register_next_id(run.reg, year, id))
		bad_value("no case number is left for %d", year);
	row.doc_no = id;
	append_row(path, &row);
	printf("%s\n", id);
}

/* The stage's place in its case: in order, or --force, or refused (65). */
static bool
check_order(const struct legal_case *c, const char *stage, int level)
{
	char list[512], since[DATE_TEXT_MAX];
	const char *now = legal_stage_word(c->type, c->level);
	const char *next = legal_stage_word(c->type, c->level + 1);

	date_format(c->stage_date, since);
	switch (legal_stage_order(c->type, c->level, level)) {
	case LEGAL_IN_ORDER:
		return false;
	case LEGAL_NOT_A_STAGE:
		if (level == LEGAL_LEVEL_OPENED)
			bad_value("opened is not a stage to record: ar-legal open opens a case");
		legal_stage_list(c->type, list, sizeof list);
		bad_value("\"%s\" is not a stage of a %s case (%s)", stage,
		    legal_type_words[c->type], list);
	case LEGAL_ENDED:
		if (!run.force)
			bad_value("case %s ended: %s on %s; a stage after the end needs --force "
			    "with --note", c->id, now, since);
		return true;
	case LEGAL_OUT_OF_ORDER:
		if (!run.force)
			bad_value("stage %s of case %s is out of order: the case is at %s (%s); "
			    "in order are %s%s%s again, settled, closed or withdrawn; --force with "
			    "--note records it", stage, c->id, now, since, next != NULL ? next : "",
			    next != NULL ? ", " : "", now);
		return true;
	}
	return false;
}

/* stage CASE STAGE */
static void
cmd_stage(const char *path, const char *id, const char *stage)
{
	struct journal_entry row = JOURNAL_ENTRY_INIT;
	struct ar_error e = { 0 };
	const struct legal_case *c;
	char note[4096], a[DATE_TEXT_MAX], b[DATE_TEXT_MAX];
	bool forced;
	int level;

	journal_exists(path);
	if (!legal_case_id_valid(id, strlen(id)))
		bad_value("\"%s\" is not a case number (such as L2026-0001)", id);
	if (run.ref != NULL && legal_ref_check(run.ref, &e) != AR_OK)
		bad_value("--ref: %s", e.message);
	if (run.court != NULL && legal_text_check("--court", run.court, &e) != AR_OK)
		bad_value("%s", e.message);
	check_line("--note", run.note);
	row.date = the_date();
	if (run.next_date != NULL) {
		row.due = day_of("--next-date", run.next_date);
		if (row.due < row.date) {
			date_format(row.due, a);
			date_format(row.date, b);
			bad_value("--next-date %s is before the stage's date %s", a, b);
		}
	}
	row.customer = "-";
	row.action = "legal_stage";
	row.level = LEGAL_LEVEL_OPENED;
	row.doc_no = id;
	row.ref = run.ref;
	row.user = cli_user_name(run.user);
	read_money(&row, "the amount recovered");
	note_of(note, sizeof note, stage, NULL, run.court, run.force);
	row.note = note;
	if (journal_entry_check(&row, &e) != AR_OK)
		bad_value("%s", e.message);
	lock_and_load(path);
	c = find_case(path, id);
	level = legal_stage_level(c->type, stage, strlen(stage));
	forced = check_order(c, stage, level);
	if (row.date < c->stage_date) {
		date_format(row.date, a);
		date_format(c->stage_date, b);
		bad_value("--date %s is before %s's latest stage, %s of %s", a, c->id,
		    legal_stage_word(c->type, c->level), b);
	}
	note_of(note, sizeof note, stage, NULL, run.court, forced);
	row.customer = c->customer;
	row.level = level;
	row.channel = legal_type_words[c->type];
	append_row(path, &row);
}

/* file CASE PATH... */
static void
cmd_file(const char *path, const char *id, char **docs, int ndocs)
{
	const char *store = config_get_string(run.ctx.config, "legal:store");
	civil_day date;

	journal_exists(path);
	check_line("--note", run.note);
	date = the_date();
	/* Every document readable before any is filed. */
	for (int i = 0; i < ndocs; i++) {
		FILE *fp = fopen(docs[i], "rb");
		struct stat st;

		if (fp == NULL) {
			diag_error("cannot open %s: %s", docs[i], strerror(errno));
			finish(EX_NOINPUT);
		}
		if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
			fclose(fp);
			diag_error("cannot file %s: not a regular file", docs[i]);
			finish(EX_NOINPUT);
		}
		fclose(fp);
	}
	load_register(path, LEGAL_AS_OF_ALL);
	find_case(path, id);
	for (int i = 0; i < ndocs; i++) {
		struct legal_document doc = { 0 };
		struct ar_error e = { 0 };
		char stored[LEGAL_SHA256_HEX + 16], when[DATE_TEXT_MAX];
		civil_day earlier = DATE_NONE;
		bool already;
		ar_err err;

		doc.date = date;
		doc.kind = run.kind;
		doc.user = cli_user_name(run.user);
		doc.note = run.note;
		run.gmime_used = true;
		err = legal_store_file(store, id, docs[i], &doc, &already, &earlier, &e);
		if (err != AR_OK) {
			legal_store_free_document(&doc);
			fail_at(docs[i], err, &e);
		}
		legal_store_stored_name(doc.name, doc.sha256, stored, sizeof stored);
		if (already) {
			date_format(earlier, when);
			printf("%s: %s is filed already, as %s on %s: not filed again\n", id,
			    docs[i], stored, when);
		} else {
			printf("%s: %s filed as %s/%s/%s\n", id, docs[i], store, id, stored);
		}
		legal_store_free_document(&doc);
	}
}

static void
print_money(FILE *fp, const char *label, int64_t v, currency_id cur)
{
	char text[MONEY_TEXT_MAX];

	money_format(v, currency_exponent(cur), text);
	fprintf(fp, "%s%s%s %s", label, *label ? " " : "", currency_code(cur), text);
}

static void
show_stage(FILE *fp, const struct legal_stage *s)
{
	char d[DATE_TEXT_MAX];

	date_format(s->at.date, d);
	fprintf(fp, "  %s  %-21s  %s", d, s->stage, s->user[0] ? s->user : "-");
	if (s->has_amount)
		print_money(fp, s->level == LEGAL_LEVEL_OPENED ? "  in suit" : "  recovered",
		    s->amount, s->currency);
	if (s->ref[0])
		fprintf(fp, "  ref %s", s->ref);
	if (s->court[0])
		fprintf(fp, "  court %s", s->court);
	if (s->next_date != DATE_NONE) {
		date_format(s->next_date, d);
		fprintf(fp, "  next %s", d);
	}
	if (s->forced)
		fprintf(fp, "  FORCED");
	if (s->note[0])
		fprintf(fp, "  note: %s", s->note);
	fputc('\n', fp);
}

/* show CASE */
static void
cmd_show(const char *path, const char *id)
{
	const char *store = config_get_string(run.ctx.config, "legal:store");
	struct legal_manifest *m;
	struct ar_error e = { 0 };
	const struct legal_case *c;
	char d1[DATE_TEXT_MAX], d2[DATE_TEXT_MAX];
	FILE *fp;
	ar_err err;
	int status;

	journal_exists(path);
	load_register(path, run.ctx.as_of);
	warn_loose(path);
	c = find_case(path, id);
	if ((err = legal_store_manifest_read(store, id, &m, &e)) != AR_OK)
		fail_at(store, err, &e);
	if ((status = cli_output_open(&run.out, run.common.output, false)) != 0) {
		legal_store_manifest_free(m);
		finish(status);
	}
	run.out_open = true;
	fp = run.out.fp;
	date_format(c->opened, d1);
	date_format(c->stage_date, d2);
	fprintf(fp, "%s  %s  %s  firm %s\n", c->id, c->customer, legal_type_words[c->type],
	    c->firm);
	fprintf(fp, "opened %s, %s %s %s %s", d1,
	    legal_level_ends(c->level) ? "ended:" : "at", legal_stage_word(c->type, c->level),
	    legal_level_ends(c->level) ? "on" : "since", d2);
	if (c->next_date != DATE_NONE) {
		date_format(c->next_date, d1);
		fprintf(fp, ", next date %s", d1);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < c->nsums; i++) {
		const struct legal_sums *s = &c->sums[i];

		print_money(fp, "in suit", s->in_suit, s->currency);
		print_money(fp, ", costs", s->costs, s->currency);
		print_money(fp, ", recovered", s->recovered, s->currency);
		fputc('\n', fp);
	}
	fprintf(fp, "\nstages:\n");
	for (size_t i = 0; i < c->nstages; i++)
		show_stage(fp, &c->stages[i]);
	fprintf(fp, "\ncosts:%s\n", c->ncosts ? "" : " none");
	for (size_t i = 0; i < c->ncosts; i++) {
		const struct legal_cost *k = &c->costs[i];

		date_format(k->at.date, d1);
		fprintf(fp, "  %s  ", d1);
		print_money(fp, "", k->amount, k->currency);
		fprintf(fp, "  %s%s%s\n", k->user[0] ? k->user : "-", k->note[0] ? "  " : "",
		    k->note);
	}
	fprintf(fp, "\ndocuments in %s/%s:%s\n", store, id,
	    legal_store_manifest_count(m) ? "" : " none");
	for (size_t i = 0; i < legal_store_manifest_count(m); i++) {
		const struct legal_document *d = legal_store_manifest_row(m, i);
		char stored[LEGAL_SHA256_HEX + 16];

		date_format(d->date, d1);
		legal_store_stored_name(d->name, d->sha256, stored, sizeof stored);
		fprintf(fp, "  %s  %-8s  %s  %s  %s", d1, d->kind, d->name, stored,
		    d->user[0] ? d->user : "-");
		if (d->subject[0] || d->sender[0])
			fprintf(fp, "  from %s, subject \"%s\"", d->sender, d->subject);
		if (d->note[0])
			fprintf(fp, "  note: %s", d->note);
		fputc('\n', fp);
	}
	legal_store_manifest_free(m);
	status = cli_output_commit(&run.out, run.common.output);
	run.out_open = false;
	if (status != 0)
		finish(status);
}

/* report */
static void
cmd_report(const char *path)
{
	struct legal_report_row *rows;
	struct csvio_writer w;
	struct ar_error e = { 0 };
	size_t n;
	int status;

	journal_exists(path);
	load_customers();
	load_register(path, run.ctx.as_of);
	warn_loose(path);
	if (legal_report_rows(run.reg, run.ctx.as_of, &rows, &n) != AR_OK)
		out_of_memory();
	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0) {
		free(rows);
		finish(status);
	}
	run.out_open = true;
	csvio_writer_init(&w, run.out.fp, ',', false);
	legal_report_write_csv(&w, rows, n, run.customers != NULL ? &run.master : NULL);
	if (run.xlsx != NULL && legal_report_write_xlsx(run.xlsx, rows, n,
	    run.customers != NULL ? &run.master : NULL, &e) != AR_OK) {
		free(rows);
		fail_at(run.xlsx, e.code, &e);
	}
	free(rows);
	status = cli_output_commit(&run.out, run.common.output);
	run.out_open = false;
	if (status != 0)
		finish(status);
}

int
main(int argc, char *argv[])
{
	const char *path;
	char **args;
	int first, n;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	n = argc - first;
	if (n == 0)
		cli_usage_error("missing a command: open, stage, file, show or report");
	run.sub = (enum sub)cli_parse_word("the command", argv[first], sub_words);
	args = argv + first + 1;
	check_operands(n - 1, args);
	check_options();
	cli_resolve_or_exit(&run.common, &run.ctx);
	path = run.journal != NULL ? run.journal : config_get_string(run.ctx.config, "journal:path");
	if (*path == '\0') {
		config_free(run.ctx.config);
		cli_usage_error("no journal: give --journal FILE, or set [journal] path in ar.ini");
	}
	switch (run.sub) {
	case SUB_OPEN: cmd_open(path, args[0]); break;
	case SUB_STAGE: cmd_stage(path, args[0], args[1]); break;
	case SUB_FILE: cmd_file(path, args[0], args + 1, n - 2); break;
	case SUB_SHOW: cmd_show(path, args[0]); break;
	case SUB_REPORT: cmd_report(path); break;
	}
	finish(EX_OK);
}
