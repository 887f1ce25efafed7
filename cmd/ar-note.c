/*
 * ar-note - one event appended to the collections journal: a call, a
 * promise to pay, a dispute, a hold, or what was sent or filed (a letter,
 * a CTOS listing), so that the next tool to read the journal knows.
 *
 * The row, its checks and the appending under the journal's lock are
 * lib/ar/journal_write.h.  This file turns the options into a row (which
 * option fills which column: man 1 ar-note, man 7 artools), checks the
 * customer against --customers, and appends.  Every value is checked
 * before the journal is opened, so a refused row leaves the file as it
 * was, or not there at all.  Quiet on success.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/customers.h"
#include "ar/journal_write.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/money.h"

enum {
	OPT_JOURNAL = CLI_OPT_FIRST_OWN, OPT_CUSTOMERS, OPT_DATE, OPT_USER, OPT_DOC,
	OPT_AMOUNT, OPT_CURRENCY, OPT_DUE, OPT_LEVEL, OPT_CHANNEL, OPT_REF, OPT_NOTE,
	OPT_OUTCOME, OPT_CALLBACK, OPT_REASON, OPT_UNTIL
};

static const struct cli_option options[] = {
	CLI_GROUP("Journal:"),
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "append to FILE (default: [journal] path of ar.ini)" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "refuse a CUSTOMER this customer master lacks" },
	{ "date", 0, "DATE", OPT_DATE, "the day of the event (default: today)" },
	{ "user", 0, "NAME", OPT_USER,
	  "who did it (default: $USER, else $LOGNAME,\nelse unknown)" },
	CLI_GROUP("Any action:"),
	{ "doc", 0, "DOC_NO", OPT_DOC, "the item concerned (default: the whole account)" },
	{ "amount", 0, "AMOUNT", OPT_AMOUNT, "the amount demanded or promised" },
	{ "currency", 0, "CODE", OPT_CURRENCY,
	  "the currency of the amount (default:\n[company] default_currency)" },
	{ "due", 0, "DATE", OPT_DUE, "the day the promise or the demand falls due" },
	{ "level", 0, "N", OPT_LEVEL, "the dunning level or legal stage, 1 to 99" },
	{ "channel", 0, "TEXT", OPT_CHANNEL, "how the action reached the customer" },
	{ "ref", 0, "TEXT", OPT_REF, "a reference: letter number, agency case" },
	{ "note", 0, "TEXT", OPT_NOTE, "free text" },
	CLI_GROUP("An action's own:"),
	{ "outcome", 0, "WORD", OPT_OUTCOME,
	  "call: answered, no_answer, wrong_number or\ncallback (written to ref)" },
	{ "callback", 0, "DATE", OPT_CALLBACK,
	  "call, --outcome callback: the day to call back\n(written to due; required there)" },
	{ "reason", 0, "TEXT", OPT_REASON, "dispute: why (written to note)" },
	{ "until", 0, "DATE", OPT_UNTIL, "hold: its last day (written to due)" },
	CLI_END
};

static const struct cli_command command = {
	"ar-note", "[options] CUSTOMER ACTION [options]",
	"Append one event to the collections journal: ACTION about CUSTOMER, on\n"
	"--date (default today), by --user.  ACTION is one of call, promise,\n"
	"promise_broken, promise_kept, dispute, dispute_resolved, note, hold,\n"
	"letter, email, sms, im, pod_filed, pod_amended, dividend, ctos_notice,\n"
	"ctos_list, ctos_amend, ctos_remove, agency_assign, agency_recall,\n"
	"legal_stage, legal_cost, recon, remittance_requested, refund.  A\n"
	"promise needs --due.  The row is checked whole before the journal is\n"
	"touched, then appended under its lock.  Prints nothing on success.\n",
	options, CLI_CONFIG, NULL, NULL, NULL, NULL
};

/* What the options said, as given: checked after parsing, in one place. */
struct note_run {
	struct cli_common common;
	const char *journal, *customers, *date, *user, *doc, *amount, *currency, *due;
	const char *level, *channel, *ref, *note, *outcome, *callback, *reason, *until;
	struct cli_context ctx;
	struct customer_table master;
	bool master_loaded;
};

static struct note_run run;

static const char *const outcomes[] = {
	"answered", "no_answer", "wrong_number", "callback", NULL
};

static void
on_option(void *ctx, int id, const char *arg)
{
	struct note_run *r = ctx;

	switch (id) {
	case OPT_JOURNAL: r->journal = arg; break;
	case OPT_CUSTOMERS: r->customers = arg; break;
	case OPT_DATE: r->date = arg; break;
	case OPT_USER: r->user = arg; break;
	case OPT_DOC: r->doc = arg; break;
	case OPT_AMOUNT: r->amount = arg; break;
	case OPT_CURRENCY: r->currency = arg; break;
	case OPT_DUE: r->due = arg; break;
	case OPT_LEVEL: r->level = arg; break;
	case OPT_CHANNEL: r->channel = arg; break;
	case OPT_REF: r->ref = arg; break;
	case OPT_NOTE: r->note = arg; break;
	case OPT_OUTCOME: r->outcome = arg; break;
	case OPT_CALLBACK: r->callback = arg; break;
	case OPT_REASON: r->reason = arg; break;
	case OPT_UNTIL: r->until = arg; break;
	}
}

static _Noreturn void
finish(int status)
{
	if (run.master_loaded)
		customers_free(&run.master);
	config_free(run.ctx.config);
	exit(status);
}

/* A value that cannot go in the row: exit 65, nothing written. */
static _Noreturn void __attribute__((format(printf, 1, 2)))
bad_value(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(fmt, ap);
	va_end(ap);
	finish(EX_DATAERR);
}

/* An option of one action given with another: a usage error. */
static void
only_for(const char *opt, const char *given, const char *action, const char *want)
{
	if (given != NULL && strcmp(action, want) != 0)
		cli_usage_error("%s is for %s only, not %s", opt, want, action);
}

/* Two options that fill the same column. */
static void
one_of(const char *a, const char *a_val, const char *b, const char *b_val, const char *column)
{
	if (a_val != NULL && b_val != NULL)
		cli_usage_error("%s and %s both fill the %s column: give one", a, b, column);
}

/* The action first (exit 65), then how the options go together (exit 64). */
static void
check_action(const char *action)
{
	if (!journal_action_known(action)) {
		char list[512];
		size_t len = 0;

		list[0] = '\0';
		for (size_t i = 0; journal_actions[i] != NULL && len < sizeof list; i++)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			    i ? ", " : "", journal_actions[i]);
		diag_error("action \"%s\" is not one of: %s", action, list);
		exit(EX_DATAERR);
	}
	only_for("--outcome", run.outcome, action, "call");
	only_for("--callback", run.callback, action, "call");
	only_for("--reason", run.reason, action, "dispute");
	only_for("--until", run.until, action, "hold");
	if (run.callback != NULL && (run.outcome == NULL || strcmp(run.outcome, "callback") != 0))
		cli_usage_error("--callback goes with --outcome callback");
	one_of("--due", run.due, "--until", run.until, "due");
	one_of("--due", run.due, "--callback", run.callback, "due");
	one_of("--ref", run.ref, "--outcome", run.outcome, "ref");
	one_of("--note", run.note, "--reason", run.reason, "note");
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

static void
read_money(struct journal_entry *row)
{
	ar_err err;

	row->currency = run.ctx.format.default_currency;
	if (run.currency != NULL) {
		err = currency_lookup(run.currency, strlen(run.currency), &row->currency);
		if (err == AR_ECURRENCY)
			bad_value("--currency \"%s\" is not a known currency code", run.currency);
		if (err != AR_OK)
			bad_value("--currency \"%s\" is not a currency code (three capital letters, "
			    "such as MYR)", run.currency);
	}
	/* An amount always names its currency; a currency alone is "the balance in it". */
	row->has_currency = run.currency != NULL || run.amount != NULL;
	if (run.amount == NULL)
		return;
	err = money_parse(run.amount, strlen(run.amount), currency_exponent(row->currency),
	    run.ctx.format.decimal, &row->amount);
	if (err == AR_EDECIMALS)
		bad_value("--amount \"%s\" has more decimals than %s's %d", run.amount,
		    currency_code(row->currency), currency_exponent(row->currency));
	if (err != AR_OK)
		bad_value("--amount \"%s\" is not an amount", run.amount);
	row->has_amount = true;
}

static int
read_level(void)
{
	const char *s = run.level;
	int n = 0;

	for (; *s >= '0' && *s <= '9' && n <= JOURNAL_LEVEL_MAX; s++)
		n = n * 10 + (*s - '0');
	if (s == run.level || *s != '\0' || n < JOURNAL_LEVEL_MIN || n > JOURNAL_LEVEL_MAX)
		bad_value("--level \"%s\" is not a whole number from %d to %d", run.level,
		    JOURNAL_LEVEL_MIN, JOURNAL_LEVEL_MAX);
	return n;
}

/*
 * A promise, or a call's callback, falls due on or after the day it is
 * made (journal_entry_check says so too, in the columns' words).
 */
static void
due_not_before_date(const struct journal_entry *row)
{
	const char *opt = run.callback ? "--callback" : "--due";
	char due[DATE_TEXT_MAX], date[DATE_TEXT_MAX];

	if (row->due == DATE_NONE || row->due >= row->date ||
	    (strcmp(row->action, "promise") != 0 && strcmp(row->action, "call") != 0))
		return;
	date_format(row->due, due);
	date_format(row->date, date);
	bad_value("%s %s is before the %s's date %s", opt, due, row->action, date);
}

/* The options into a row, each value read and checked (exit 65 on the first bad one). */
static void
make_row(struct journal_entry *row, const char *customer, const char *action)
{
	struct ar_error e = { 0 };

	row->customer = customer;
	row->action = action;
	if (run.date != NULL)
		row->date = day_of("--date", run.date);
	else if ((row->date = date_today()) == DATE_NONE)
		cli_usage_error("cannot tell what day it is: give --date");
	if (run.due != NULL)
		row->due = day_of("--due", run.due);
	if (run.until != NULL)
		row->due = day_of("--until", run.until);
	if (run.outcome != NULL) {
		size_t i;

		for (i = 0; outcomes[i] != NULL && strcmp(outcomes[i], run.outcome) != 0; i++)
			continue;
		if (outcomes[i] == NULL)
			bad_value("--outcome \"%s\" is not one of: answered, no_answer, "
			    "wrong_number, callback", run.outcome);
		row->ref = run.outcome;
		if (strcmp(run.outcome, "callback") == 0 && run.callback == NULL)
			bad_value("a call with --outcome callback needs --callback DATE");
	}
	if (run.callback != NULL)
		row->due = day_of("--callback", run.callback);
	if (strcmp(action, "promise") == 0 && row->due == DATE_NONE)
		bad_value("a promise needs --due DATE, the day the customer will pay by");
	due_not_before_date(row);
	read_money(row);
	if (run.level != NULL)
		row->level = read_level();
	row->doc_no = run.doc;
	row->channel = run.channel;
	if (run.ref != NULL)
		row->ref = run.ref;
	row->note = run.reason != NULL ? run.reason : run.note;
	row->user = cli_user_name(run.user);
	if (journal_entry_check(row, &e) != AR_OK)
		bad_value("%s", e.message);
}

/* With --customers, CUSTOMER must be in it. */
static void
check_customer(const char *customer)
{
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	uint32_t id;
	ar_err err;

	if (run.customers == NULL)
		return;
	copts.delimiter = run.ctx.delimiter;
	if ((err = csvio_reader_open(&r, run.customers, &copts)) != AR_OK)
		finish(cli_reader_failed(r, err, run.customers));
	if (customers_init(&run.master, 1024) != AR_OK) {
		csvio_reader_close(r);
		diag_error("out of memory");
		finish(EX_OSERR);
	}
	run.master_loaded = true;
	if ((err = customers_load(&run.master, r, &e)) != AR_OK) {
		if (err == AR_ENOMEM)
			diag_error("out of memory");
		else
			diag_report(csvio_name(r), &e);
		csvio_reader_close(r);
		finish(ar_exit_code(err));
	}
	csvio_reader_close(r);
	if (!strtab_find(run.master.ids, customer, strlen(customer), &id) ||
	    !customers_hot(&run.master, id).in_master)
		bad_value("customer \"%s\" is not in %s", customer, run.customers);
}

int
main(int argc, char *argv[])
{
	struct journal_entry row = JOURNAL_ENTRY_INIT;
	struct ar_error e = { 0 };
	const char *path;
	int first, n;
	ar_err err;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	n = argc - first;
	if (n < 2)
		cli_usage_error("missing %s", n == 0 ? "CUSTOMER and ACTION" : "ACTION");
	if (n > 2)
		cli_usage_error("unexpected argument \"%s\" after CUSTOMER ACTION "
		    "(quote a note that has blanks)", argv[first + 2]);
	check_action(argv[first + 1]);
	cli_resolve_or_exit(&run.common, &run.ctx);
	path = run.journal != NULL ? run.journal : config_get_string(run.ctx.config, "journal:path");
	if (*path == '\0') {
		config_free(run.ctx.config);
		cli_usage_error("no journal: give --journal FILE, or set [journal] path in ar.ini");
	}
	make_row(&row, argv[first], argv[first + 1]);
	check_customer(argv[first]);
	if ((err = journal_append_all(path, &row, 1, &e)) != AR_OK) {
		if (err == AR_ENOMEM)
			diag_error("out of memory");
		else
			diag_report(path, &e);
		finish(ar_exit_code(err));
	}
	finish(EX_OK);
}
