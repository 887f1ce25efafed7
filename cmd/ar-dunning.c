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
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

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

enum { OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_JOURNAL, OPT_COMMIT };

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: status, lang, email, phone, address,\n"
	  "dunning_block, channel, interest_rate; required" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal (default: [journal] path of ar.ini);\n"
	  "a journal that does not exist yet is empty" },
	{ "commit", 0, NULL, OPT_COMMIT,
	  "append a letter, email or sms row to the journal for each\n"
	  "channel of every send; without it nothing but the output is written" },
	CLI_END
};

static const struct cli_command command = {
	"ar-dunning", "--as-of DATE --customers FILE [options] [ITEMS ...]",
	"Decide, for every customer and currency of the open items in ITEMS\n"
	"(standard input when none or -), the next step of the dunning policy of\n"
	"ar.ini ([dunning], [dunning.N]) or the reason there is none, from the\n"
	"journal's promises, disputes, holds and the levels already sent.  Writes\n"
	"actions.csv: customer, name, currency, action (send, skip, route), level,\n"
	"channel, overdue_amount, interest, fee, items, oldest_days, lang, reason.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the actions to FILE (default: standard output)", NULL,
	"the day to decide at; required"
};

static const char *const action_columns[] = {
	"customer", "name", "currency", "action", "level", "channel", "overdue_amount",
	"interest", "fee", "items", "oldest_days", "lang", "reason"
};

struct dunning_cmd {
	struct cli_common common;
	const char *customers_path, *journal_path;
	bool commit;
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
	}
}

static _Noreturn void
fail(int status)
{
	if (run.opened)
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

static _Noreturn void
fail_input(struct csvio_reader *r, ar_err err, const struct ar_error *e)
{
	if (err == AR_ENOMEM)
		out_of_memory();
	diag_report(csvio_name(r), e);
	csvio_reader_close(r);
	fail(ar_exit_code(err));
}

static struct csvio_reader *
open_input(const char *path)
{
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail(cli_reader_failed(r, err, path ? path : "<stdin>"));
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

/* Every item of one ITEMS input into the decision. */
static void
read_items(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

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
		if ((err = dunning_add_item(run.dun, id, doc, doclen, due, it.currency, it.amount,
		    dlen > 0)) != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			ar_error_set(&e, err, rec.line, "the overdue amount of customer \"%.*s\" "
			    "does not fit 64 bits", (int)it.customer_len, it.customer);
			fail_input(r, err, &e);
		}
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
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

/* One journal row per channel of a send; rows[] grows. */
static void
add_journal_rows(struct journal_entry **rows, size_t *n, size_t *cap,
    const struct dunning_decision *x)
{
	static const struct { unsigned bit; const char *action; } ch[] = {
		{ DUNNING_LETTER, "letter" }, { DUNNING_EMAIL, "email" }, { DUNNING_SMS, "sms" }
	};

	for (size_t k = 0; k < 3; k++) {
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
		e->customer = strtab_key(run.customers.ids, x->customer);
		e->action = ch[k].action;
		e->level = x->level;
		e->has_amount = e->has_currency = true;
		e->amount = x->overdue_amount + x->interest + x->fee;
		e->currency = x->currency;
		e->channel = ch[k].action;
		e->user = "ar-dunning";
		e->note = x->template_name;
	}
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
summary(struct tally *t, unsigned long appended)
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
	if (run.commit)
		fprintf(stderr, "%s: %lu journal row%s appended to %s\n", p, appended,
		    appended == 1 ? "" : "s", run.journal_path);
	else
		fprintf(stderr, "%s: dry run: nothing appended to the journal (--commit appends)\n", p);
}

static void
decide_all(void)
{
	struct csvio_writer w;
	struct tally t;
	struct journal_entry *rows = NULL;
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
	for (size_t i = 0; i < n; i++) {
		struct dunning_decision x;

		if (dunning_decide(run.dun, i, &x, &e) != AR_OK) {
			diag_error("%s", e.message);
			fail(EX_CONFIG);
		}
		write_row(&w, &x);
		t.actions[x.action]++;
		t.reasons[x.reason]++;
		/* Once a customer, whatever its currencies (the decisions come by customer). */
		if (x.broken_promise && x.customer != last_broken) {
			run.broken_promises++;
			last_broken = x.customer;
		}
		if (x.action == DUNNING_SEND) {
			count_send(&t, &x);
			if (run.commit)
				add_journal_rows(&rows, &nrows, &caprows, &x);
		}
	}
	if (run.commit && nrows > 0 &&
	    journal_append_all(run.journal_path, rows, nrows, &e) != AR_OK) {
		diag_report(run.journal_path, &e);
		free(rows);
		fail(ar_exit_code(e.code));
	}
	free(rows);
	summary(&t, run.commit ? nrows : 0);
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0)
		fail(status);
	run.opened = false;
}

int
main(int argc, char *argv[])
{
	char msg[1024];
	int first;

	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the day the dunning run decides at");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.commit && run.journal_path == NULL)
		cli_usage_error("--commit needs a journal: --journal FILE or [journal] path in ar.ini");
	if (dunning_policy_from_config(run.ctx.config, &run.policy, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	run.aging.basis = AGING_BASIS_DUE;
	run.aging.default_terms_days = (int)config_get_long(run.ctx.config, "aging:default_terms_days");
	load_customers();
	load_journal();
	if (dunning_new(&run.dun, &run.policy, &run.customers, run.journal, run.ctx.as_of) != AR_OK)
		out_of_memory();
	do          /* no ITEMS: standard input */
		read_items(first == argc || strcmp(argv[first], "-") == 0 ? NULL : argv[first]);
	while (++first < argc);
	decide_all();
	dunning_free(run.dun);
	journal_free(run.journal);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
