/*
 * ar-ctos - the monthly update of the CTOS credit-bureau listing (issue 16).
 *
 * Who may be listed and the action per debtor are lib/ar/ctos.h; what is
 * listed now lib/ar/ctos_state.h; the journal's notices, payments and
 * disputes lib/ar/ctos_journal.h; registration numbers lib/ar/regid.h;
 * the items kept on disk while the stream is read lib/ar/ctos_spill.h;
 * the outputs lib/report/ctos_update.h.  This file reads the inputs,
 * decides every debtor, and writes: the update (and its workbook, the
 * customers not listed), then with --commit the journal rows and the new
 * state.  A bad input stops the run with nothing written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "ar/aging.h"
#include "ar/ctos.h"
#include "ar/ctos_journal.h"
#include "ar/ctos_spill.h"
#include "ar/ctos_state.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal_write.h"
#include "ar/regid.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/outfile.h"
#include "report/ctos_update.h"

enum {
	OPT_CUSTOMERS = CLI_OPT_FIRST_OWN, OPT_JOURNAL, OPT_STATE, OPT_COMMIT, OPT_XLSX,
	OPT_MASKED, OPT_NOT_LISTED
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master: name, reg_no, id_type, status; required" },
	{ "journal", 0, "FILE", OPT_JOURNAL,
	  "the collections journal: notices, disputes, payments (default: [journal]\n"
	  "path of ar.ini); required, a journal that does not exist yet is empty" },
	{ "state", 0, "FILE", OPT_STATE,
	  "what is listed now, one row per debtor and item; required, a file that\n"
	  "does not exist yet is an empty listing" },
	{ "commit", 0, NULL, OPT_COMMIT,
	  "write the new state over the --state file and append ctos_list,\n"
	  "ctos_amend and ctos_remove to the journal" },
	{ "xlsx", 0, "FILE", OPT_XLSX,
	  "also write the update as the workbook FILE, one sheet per action" },
	{ "masked", 0, NULL, OPT_MASKED,
	  "show ids masked (******-**-1234, 2019010*****) for internal circulation;\n"
	  "unmasked, the update files are written mode 0600" },
	{ "not-listed", 0, "FILE", OPT_NOT_LISTED,
	  "write the customers not listed, each with its reason word, to FILE" },
	CLI_END
};

static const struct cli_command command = {
	"ar-ctos", "--as-of DATE --customers FILE --journal FILE --state FILE [options] [ITEMS ...]",
	"Work out this month's update of the CTOS credit-bureau listing from the\n"
	"items in ITEMS (standard input when none or -): who must be listed,\n"
	"amended and removed, against what is listed now (--state).  A debtor is\n"
	"listed for its undisputed items past due when the outstanding reaches\n"
	"[ctos] min_amount, the oldest is min_days past due, a notice was sent\n"
	"notice_days before and its registration number is valid.  Writes the\n"
	"update: action, debtor_type, name, id_new, id_old, customer, doc_no,\n"
	"doc_date, due_date, currency, original_amount, outstanding,\n"
	"days_past_due, last_payment_date, notice_date, notice_ref, listing_date,\n"
	"reason.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the update to FILE (default: standard output)", NULL,
	"the day of the listing (required)",
	"Also 75: another --commit run holds the state's lock (STATE.lock).\n"
};

/* A debtor the run decided: listed now, or with items in the bureau's currency. */
struct debtor {
	uint32_t id;                      /* in the customers table */
	const struct ctos_state_debtor *listed;
	struct regid regid;
	bool id_valid;
	char *why;                        /* why the id is not valid; NULL when it is */
	struct ctos_facts facts;
	const char *notice_ref;
	enum ctos_reason reason;
	enum ctos_action action;
	bool read_back;                   /* decided on its items, not on the sums */
	struct ctos_listed *listing;      /* this month's, kept when there is an action */
	char *doc_nos;                    /* the listing's doc_nos */
	size_t nlisting;
	int64_t outstanding;
	civil_day oldest_left;            /* the listing's oldest due date; DATE_NONE */
	enum ctos_item_fate *fate;        /* per listed item */
	char id_new[40], id_old[40];      /* as written: masked with --masked */
};

struct ctos_cmd {
	struct cli_common common;
	const char *customers_path, *journal_path, *state_path, *xlsx_path, *not_listed_path;
	bool commit, masked;
	struct cli_context ctx;
	struct ctos_policy policy;
	struct aging_policy terms;
	struct customer_table customers;
	struct ctos_journal *journal;
	struct ctos_state *state;
	struct ctos_spill *spill;
	struct ctos_tally *tally;         /* per customer id */
	size_t ntally;
	unsigned long other_currency;     /* items not in the bureau's currency */
	unsigned long after_as_of;        /* items dated after the as-of date */
	unsigned long in_currency;        /* items in the bureau's currency, open or cleared */
	struct debtor *debtors;
	size_t ndebtors;
	struct outfile out, not_listed, state_out;
	bool out_open, not_listed_open, state_open;
	mode_t umask_given;
};

static struct ctos_cmd run;

static _Noreturn void
fail(int status)
{
	if (run.out_open)
		outfile_abort(&run.out);
	if (run.not_listed_open)
		outfile_abort(&run.not_listed);
	if (run.state_open)
		outfile_abort(&run.state_out);
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
	struct ctos_cmd *r = ctx;

	switch (id) {
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_JOURNAL: r->journal_path = arg; break;
	case OPT_STATE: r->state_path = arg; break;
	case OPT_COMMIT: r->commit = true; break;
	case OPT_XLSX: r->xlsx_path = arg; break;
	case OPT_MASKED: r->masked = true; break;
	case OPT_NOT_LISTED: r->not_listed_path = arg; break;
	}
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

/* Whether path does not exist (an input that may be absent the first time). */
static bool
absent(const char *path)
{
	struct stat st;

	return stat(path, &st) != 0 && errno == ENOENT;
}

static void
load_customers(void)
{
	int status = cli_load_customers(run.customers_path, &run.customers);

	if (status != 0)
		fail(status);
}

static void
load_journal(void)
{
	struct item_format journal_format = run.ctx.format;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if ((run.journal = ctos_journal_new(&run.policy, run.ctx.as_of,
	    run.ctx.format.default_currency)) == NULL)
		out_of_memory();
	if (absent(run.journal_path))
		return;
	r = open_input(run.journal_path);
	/* Our tools write the journal with a point for decimals, whatever [input] says. */
	journal_format.decimal = MONEY_DECIMAL_POINT;
	if ((err = ctos_journal_load(run.journal, r, &journal_format, &e)) != AR_OK)
		fail(cli_input_failed(r, err, &e));
	csvio_reader_close(r);
}

static void
load_state(void)
{
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if ((run.state = ctos_state_new(run.policy.currency)) == NULL)
		out_of_memory();
	if (absent(run.state_path))
		return;
	r = open_input(run.state_path);
	if ((err = ctos_state_load(run.state, r, &e)) != AR_OK)
		fail(cli_input_failed(r, err, &e));
	csvio_reader_close(r);
	/* Every debtor listed is decided, even one gone from the master and the items. */
	for (size_t i = 0; i < ctos_state_count(run.state); i++) {
		const struct ctos_state_debtor *d = ctos_state_debtor(run.state, i);
		uint32_t id;
		bool added;

		if (customers_intern(&run.customers, d->customer, strlen(d->customer), &id,
		    &added) != AR_OK)
			out_of_memory();
		/* A state of a later month: the run would undo what that month listed. */
		for (size_t k = 0; k < d->nitems; k++)
			if (d->items[k].listing_date > run.ctx.as_of) {
				char day[DATE_TEXT_MAX], as_of[DATE_TEXT_MAX];

				date_format(d->items[k].listing_date, day);
				date_format(run.ctx.as_of, as_of);
				diag_error("--as-of %s is before the state's listing of customer \"%s\" on "
				    "%s (%s): the state is of a later month", as_of, d->customer, day,
				    run.state_path);
				fail(EX_USAGE);
			}
	}
}

static struct ctos_tally *
tally_of(uint32_t id)
{
	if (id >= run.ntally) {
		size_t n = run.ntally ? run.ntally : 1024;
		struct ctos_tally *t;

		while (n <= id)
			n *= 2;
		if ((t = realloc(run.tally, n * sizeof *t)) == NULL)
			out_of_memory();
		for (size_t i = run.ntally; i < n; i++)
			t[i] = (struct ctos_tally)CTOS_TALLY_INIT;
		run.tally = t;
		run.ntally = n;
	}
	return &run.tally[id];
}

struct ctos_item_columns {
	struct item_columns items;
	int doc_type, clearing_date;
};

static void
bind_items(struct csvio_reader *r, struct ctos_item_columns *c)
{
	const char *missing;

	if (items_bind(r, false, &c->items, &missing) != AR_OK ||
	    (c->items.doc_no < 0 && (missing = "doc_no") != NULL)) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	c->doc_type = csvio_column(r, "doc_type");
	c->clearing_date = csvio_column(r, "clearing_date");
}

static _Noreturn void
bad_item(struct csvio_reader *r, long line, ar_err err, const char *fmt, const char *s, size_t len)
{
	struct ar_error e = { 0 };

	ar_error_set(&e, err, line, fmt, (int)len, s);
	fail(cli_input_failed(r, err, &e));
}

/* One item row: summed, kept on disk when open, or a payment when cleared. */
static void
take_item(struct csvio_reader *r, const struct csvio_record *rec, const struct ctos_item_columns *c)
{
	struct item it;
	struct item_problem problem;
	struct ctos_item ci;
	struct ctos_tally *t;
	enum aging_date_source source;
	civil_day due, cleared = DATE_NONE;
	const char *s;
	size_t len, dlen, clen;
	uint32_t id;
	bool added;

	if (items_parse(rec, &c->items, &run.ctx.format, &it, &problem) != AR_OK) {
		char msg[512];
		struct ar_error e = { 0 };

		items_problem_text(&problem, msg, sizeof msg);
		ar_error_set(&e, problem.err, rec->line, "%s", msg);
		fail(cli_input_failed(r, problem.err, &e));
	}
	if (it.currency != run.policy.currency) {
		run.other_currency++;
		return;
	}
	run.in_currency++;
	if (it.doc_date > run.ctx.as_of) {
		run.after_as_of++;  /* not yet known on the as-of date, as a journal row would not be */
		return;
	}
	s = items_field(rec, c->items.doc_no, &dlen);
	if (dlen == 0)
		bad_item(r, rec->line, AR_ESYNTAX, "doc_no is empty%.*s", "", 0);
	if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) != AR_OK)
		out_of_memory();
	t = tally_of(id);
	s = items_field(rec, c->clearing_date, &clen);
	if (clen > 0 && date_parse(s, clen, &run.ctx.format.dates, &cleared) != AR_OK)
		bad_item(r, rec->line, AR_ESYNTAX, "clearing_date \"%.*s\" is not a date", s, clen);
	if (cleared != DATE_NONE && cleared <= run.ctx.as_of) {
		ctos_tally_paid(t, cleared);  /* paid: no longer open */
		return;
	}
	s = items_field(rec, c->doc_type, &len);
	if (len == 3 && memcmp(s, "PAY", 3) == 0)
		ctos_tally_paid(t, it.doc_date);
	if (aging_item_date(&run.terms, &it, customers_hot(&run.customers, id).terms_days, &due,
	    &source) != AR_OK)
		due = DATE_NONE;
	s = items_field(rec, c->items.doc_no, &dlen);
	{
		size_t xlen;
		(void)items_field(rec, c->items.dispute, &xlen);

		ci = (struct ctos_item){ s, it.doc_date, due, it.amount, xlen > 0 ||
		    ctos_journal_disputed(run.journal, it.customer, it.customer_len, s, dlen) };
	}
	if (ctos_tally_add(t, &ci, run.ctx.as_of) != AR_OK)
		bad_item(r, rec->line, AR_ERANGE, "the customer's outstanding overflows%.*s", "", 0);
	if (ctos_spill_put(run.spill, id, &ci, dlen) != AR_OK) {
		diag_error("cannot keep the items in a temporary file: %s", strerror(errno));
		fail(EX_IOERR);
	}
}

static void
read_items(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct ctos_item_columns cols;
	struct csvio_record rec;
	ar_err err;

	bind_items(r, &cols);
	while ((err = csvio_read(r, &rec)) == AR_OK)
		take_item(r, &rec, &cols);
	if (err != AR_EOF)
		fail(cli_input_failed(r, err, csvio_error(r)));
	csvio_reader_close(r);
}

/*
 * No item at all in the bureau's currency while debtors are listed is an
 * extract that failed, not a ledger paid in full: it would settle every
 * listing, and list them all again as new next month.
 */
static void
refuse_empty_extract(void)
{
	size_t listed = ctos_state_count(run.state);

	if (run.in_currency > 0 || listed == 0)
		return;
	diag_error("the items hold no item in %s while %zu debtor%s listed (%s): an empty "
	    "extract would settle every listing; nothing written",
	    currency_code(run.policy.currency), listed, listed == 1 ? " is" : "s are",
	    run.state_path);
	fail(EX_DATAERR);
}

/* The debtor's facts: notice, status, registration. */
static void
facts_for(struct debtor *d)
{
	const char *id = strtab_key(run.customers.ids, d->id);
	const struct customer *c = customers_get(&run.customers, d->id);
	const struct ctos_journal_facts *j = ctos_journal_find(run.journal, id, strlen(id));
	char why[REGID_WHY_MAX];

	d->facts.notice_date = j != NULL ? j->notice_date : DATE_NONE;
	d->facts.notice_latest = j != NULL ? j->notice_latest : DATE_NONE;
	d->facts.judgment_date = j != NULL ? j->judgment_date : DATE_NONE;
	d->notice_ref = j != NULL ? j->notice_ref : "";
	if (j != NULL && j->paid_date != DATE_NONE)
		ctos_tally_paid(&run.tally[d->id], j->paid_date);  /* a promise kept */
	d->facts.written_off = strcmp(c->status, "written_off") == 0;
	if (!customers_hot(&run.customers, d->id).in_master) {
		snprintf(why, sizeof why, "it is not in the customer master");
		d->id_valid = false;
	} else {
		d->id_valid = regid_parse(c->id_type, c->reg_no, &d->regid, why, sizeof why) == AR_OK;
	}
	if (!d->id_valid && (d->why = strdup(why)) == NULL)
		out_of_memory();
	d->facts.id_valid = d->id_valid;
}

/*
 * Whether the not-listed file needs the debtor's items read back for its
 * oldest item after the credits: the sums know only the oldest before
 * them, the same when there are no credits, and none when nothing is left.
 */
static bool
needs_oldest_left(const struct ctos_tally *t)
{
	return run.not_listed_path != NULL && t->credits > 0 && t->past_due > t->credits;
}

/*
 * The debtors: every customer with an item in the bureau's currency, and
 * every one listed now.  Those the sums already settle keep no items.
 */
static int32_t *
select_debtors(void)
{
	size_t n = strtab_count(run.customers.ids);
	int32_t *slot;

	tally_of((uint32_t)n);
	if ((run.debtors = calloc(n ? n : 1, sizeof *run.debtors)) == NULL ||
	    (slot = malloc((n ? n : 1) * sizeof *slot)) == NULL)
		out_of_memory();
	for (uint32_t id = 0; id < n; id++) {
		const char *name = strtab_key(run.customers.ids, id);
		const struct ctos_state_debtor *listed = ctos_state_find(run.state, name, strlen(name));
		struct debtor *d;

		slot[id] = -1;
		if (!run.tally[id].seen && listed == NULL)
			continue;
		d = &run.debtors[run.ndebtors];
		d->id = id;
		d->listed = listed;
		facts_for(d);
		d->reason = ctos_tally_reason(&run.policy, run.ctx.as_of, &run.tally[id], &d->facts);
		if (listed != NULL || !ctos_tally_final(d->reason) || needs_oldest_left(&run.tally[id]))
			slot[id] = (int32_t)run.ndebtors;
		run.ndebtors++;
	}
	return slot;
}

/*
 * Items read back from the spill at a time: memory follows this and the
 * debtors with an action, not the stream.  A debtor with more is read
 * alone.
 */
#define ITEMS_PER_PASS ((size_t)1 << 18)

/* The listing with doc_nos of its own, for the outputs once the spill is gone. */
static void
own_doc_nos(struct debtor *d)
{
	size_t len = 0;
	struct ctos_listed *l;
	char *p;

	for (size_t i = 0; i < d->nlisting; i++)
		len += strlen(d->listing[i].doc_no) + 1;
	if ((p = d->doc_nos = malloc(len ? len : 1)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < d->nlisting; i++) {
		size_t k = strlen(d->listing[i].doc_no) + 1;

		memcpy(p, d->listing[i].doc_no, k);
		d->listing[i].doc_no = p;
		p += k;
	}
	if (d->nlisting > 0 && (l = realloc(d->listing, d->nlisting * sizeof *l)) != NULL)
		d->listing = l;
}

static void
decide_debtor(struct debtor *d, const struct ctos_spill_items *it)
{
	bool disputed;

	if ((d->listing = calloc(it->n ? it->n : 1, sizeof *d->listing)) == NULL)
		out_of_memory();
	ctos_listing(it->items, it->n, run.ctx.as_of, d->listing, &d->nlisting, &d->outstanding,
	    &disputed);
	d->read_back = true;
	d->oldest_left = d->nlisting > 0 ? d->listing[0].due_date : DATE_NONE;
	d->reason = ctos_decide(&run.policy, run.ctx.as_of, d->listing, d->nlisting,
	    d->outstanding, disputed, &d->facts);
	if (d->listed != NULL && (d->fate = calloc(d->listed->nitems, sizeof *d->fate)) == NULL)
		out_of_memory();
	d->action = ctos_diff(d->listed ? d->listed->items : NULL,
	    d->listed ? d->listed->nitems : 0, d->listing, d->nlisting, d->reason,
	    run.ctx.as_of, it->items, it->n, d->fate);
	if (d->listed != NULL)
		ctos_carry_over(d->listed->items, d->listed->nitems, d->listing, d->nlisting);
	if (d->reason == CTOS_INVALID_ID) {
		const struct customer *c = customers_get(&run.customers, d->id);

		diag_at(run.customers_path, c->line, "customer \"%s\" is not listed: %s",
		    strtab_key(run.customers.ids, d->id), d->why);
	}
	if (d->action != CTOS_NONE) {
		own_doc_nos(d);
		return;
	}
	free(d->listing);       /* no row: the state keeps d->listed as it is */
	d->listing = NULL;
	d->nlisting = 0;
}

static void
decide_one(void *arg, size_t i, const struct ctos_spill_items *items)
{
	const size_t *which = arg;

	decide_debtor(&run.debtors[which[i]], items);
}

/* Read back the items of the debtors the sums did not settle (slot[id] not negative), and decide them. */
static void
decide_debtors(const int32_t *slot)
{
	size_t n = 0, *which = malloc((run.ndebtors ? run.ndebtors : 1) * sizeof *which);
	size_t *lines = malloc((run.ndebtors ? run.ndebtors : 1) * sizeof *lines);
	uint32_t *ids = malloc((run.ndebtors ? run.ndebtors : 1) * sizeof *ids);

	if (which == NULL || lines == NULL || ids == NULL)
		out_of_memory();
	for (size_t i = 0; i < run.ndebtors; i++) {
		uint32_t id = run.debtors[i].id;

		if (slot[id] < 0)
			continue;       /* not listed, and the sums say why */
		which[n] = i;
		ids[n] = id;
		lines[n++] = run.tally[id].lines;
	}
	switch (ctos_spill_passes(run.spill, ids, lines, n, strtab_count(run.customers.ids),
	    ITEMS_PER_PASS, decide_one, which)) {
	case AR_OK:
		break;
	case AR_ENOMEM:
		out_of_memory();
		break;
	default:
		diag_error("cannot read the items back from a temporary file: %s", strerror(errno));
		fail(EX_IOERR);
	}
	free(ids);
	free(lines);
	free(which);
}

static int
by_customer(const void *a, const void *b)
{
	const struct debtor *x = a, *y = b;

	return strcmp(strtab_key(run.customers.ids, x->id), strtab_key(run.customers.ids, y->id));
}

/* The ids as the outputs show them. */
static void
shown_ids(struct debtor *d)
{
	const char *id_new = d->id_valid ? d->regid.id_new : d->listed ? d->listed->id_new : "";
	const char *id_old = d->id_valid ? d->regid.id_old : d->listed ? d->listed->id_old : "";

	/* A removal tells the bureau what it was told. */
	if (d->listed != NULL && (d->action == CTOS_SETTLED || d->action == CTOS_DISPUTE_HOLD ||
	    d->action == CTOS_WITHDRAW)) {
		id_new = d->listed->id_new;
		id_old = d->listed->id_old;
	}
	if (!run.masked) {
		snprintf(d->id_new, sizeof d->id_new, "%s", id_new);
		snprintf(d->id_old, sizeof d->id_old, "%s", id_old);
	} else if (d->id_valid && id_new == d->regid.id_new) {
		regid_mask_as(d->regid.type, id_new, d->id_new, sizeof d->id_new);
		regid_mask_as(d->regid.type, id_old, d->id_old, sizeof d->id_old);
	} else {
		regid_mask(id_new, d->id_new, sizeof d->id_new);
		regid_mask(id_old, d->id_old, sizeof d->id_old);
	}
}

static bool
is_removal(enum ctos_action a)
{
	return a == CTOS_SETTLED || a == CTOS_DISPUTE_HOLD || a == CTOS_WITHDRAW;
}

/* The update's rows of one debtor, appended to *rows. */
static void
debtor_rows(struct debtor *d, struct ctos_update_row **rows, size_t *n, size_t *cap)
{
	const struct ctos_state_debtor *was = d->listed;
	size_t need = d->nlisting + (was ? was->nitems : 0);
	struct ctos_update_debtor u;

	if (*n + need > *cap) {
		size_t want = *cap ? *cap : 64;
		struct ctos_update_row *r;

		while (want < *n + need)
			want *= 2;
		if ((r = realloc(*rows, want * sizeof *r)) == NULL)
			out_of_memory();
		*rows = r;
		*cap = want;
	}
	shown_ids(d);
	u = (struct ctos_update_debtor){ .action = d->action, .reason = d->reason,
	    .customer = strtab_key(run.customers.ids, d->id),
	    .debtor_type = regid_holder_word(d->regid.holder),
	    .name = customers_get(&run.customers, d->id)->name, .id_new = d->id_new,
	    .id_old = d->id_old, .was = was, .fate = d->fate, .listing = d->listing,
	    .nlisting = d->nlisting, .notice_date = d->facts.notice_date,
	    .notice_ref = d->notice_ref, .last_payment = run.tally[d->id].last_payment,
	    .as_of = run.ctx.as_of, .currency = run.policy.currency };
	ctos_update_rows_of(&u, *rows, n);
}

/* Whether the debtor is not listed after this month: never listed, or removed now. */
static bool
not_listed(const struct debtor *d)
{
	return d->reason != CTOS_ELIGIBLE && (d->listed == NULL || is_removal(d->action));
}

/* Create outputs private (0600) when they hold whole ids. */
static void
private_files(bool on)
{
	umask(on ? (run.umask_given | 077) : run.umask_given);
}

static int
open_output(struct outfile *o, const char *path, bool *opened)
{
	int status = cli_output_open(o, path, true);

	*opened = status == 0;
	return status;
}

/* The master's name, or what the bureau was told when the master lacks the customer. */
static const char *
shown_name(const struct debtor *d)
{
	if (!customers_hot(&run.customers, d->id).in_master && d->listed != NULL)
		return d->listed->name;
	return customers_get(&run.customers, d->id)->name;
}

/* The due date of the debtor's oldest item left after the credits; DATE_NONE when none is. */
static civil_day
oldest_left(const struct debtor *d, const struct ctos_tally *t)
{
	if (d->read_back)
		return d->oldest_left;
	return t->past_due > t->credits ? t->oldest_due : DATE_NONE;  /* no credits: needs_oldest_left */
}

static void
write_not_listed(void)
{
	struct ctos_not_listed_row *rows = calloc(run.ndebtors ? run.ndebtors : 1, sizeof *rows);
	struct csvio_writer w;
	size_t n = 0;
	int status;

	if (rows == NULL)
		out_of_memory();
	for (size_t i = 0; i < run.ndebtors; i++) {
		const struct debtor *d = &run.debtors[i];
		const struct ctos_tally *t = &run.tally[d->id];

		if (!not_listed(d))
			continue;
		rows[n++] = (struct ctos_not_listed_row){ strtab_key(run.customers.ids, d->id),
		    shown_name(d), d->reason,
		    d->read_back ? d->outstanding :
		    t->past_due > t->credits ? t->past_due - t->credits : 0, run.policy.currency,
		    oldest_left(d, t), run.ctx.as_of, d->facts.notice_latest };
	}
	if ((status = open_output(&run.not_listed, run.not_listed_path, &run.not_listed_open)) != 0)
		fail(status);
	csvio_writer_init(&w, run.not_listed.fp, ',', false);
	ctos_not_listed_write_csv(&w, rows, n);
	free(rows);
}

/* The new state: every debtor still or newly listed, in customer order. */
static void
write_state(void)
{
	struct csvio_writer w;
	int status;

	private_files(true);
	status = open_output(&run.state_out, run.state_path, &run.state_open);
	private_files(!run.masked);
	if (status != 0)
		fail(status);
	csvio_writer_init(&w, run.state_out.fp, ',', false);
	ctos_state_write_header(&w);
	for (size_t i = 0; i < run.ndebtors; i++) {
		const struct debtor *d = &run.debtors[i];
		struct ctos_state_debtor s;

		if (d->action == CTOS_NONE && d->listed != NULL) {
			ctos_state_write_debtor(&w, d->listed, run.policy.currency);
			continue;
		}
		if (d->action != CTOS_NEW && d->action != CTOS_AMEND && d->action != CTOS_PART_PAID)
			continue;
		s = (struct ctos_state_debtor){ strtab_key(run.customers.ids, d->id),
		    regid_holder_word(d->regid.holder), customers_get(&run.customers, d->id)->name,
		    d->regid.id_new, d->regid.id_old,
		    d->listed != NULL ? d->listed->notice_ref : d->notice_ref,
		    d->listed != NULL ? d->listed->notice_date : d->facts.notice_date,
		    d->listing, d->nlisting, 0 };
		ctos_state_write_debtor(&w, &s, run.policy.currency);
	}
}

/* The journal rows of the actions, under one lock. */
static void
append_journal(void)
{
	struct journal_entry *rows = calloc(run.ndebtors ? run.ndebtors : 1, sizeof *rows);
	char (*notes)[64] = calloc(run.ndebtors ? run.ndebtors : 1, sizeof *notes);
	struct ar_error e = { 0 };
	size_t n = 0;

	if (rows == NULL || notes == NULL)
		out_of_memory();
	for (size_t i = 0; i < run.ndebtors; i++) {
		const struct debtor *d = &run.debtors[i];
		struct journal_entry row = JOURNAL_ENTRY_INIT;

		if (d->action == CTOS_NONE)
			continue;
		snprintf(notes[n], sizeof notes[n], "%s%s%s", ctos_action_word(d->action),
		    d->action == CTOS_WITHDRAW ? " " : "",
		    d->action == CTOS_WITHDRAW ? ctos_reason_word(d->reason) : "");
		row.date = run.ctx.as_of;
		row.customer = strtab_key(run.customers.ids, d->id);
		row.action = ctos_action_journal(d->action);
		row.has_amount = row.has_currency = true;
		row.amount = is_removal(d->action) ? 0 : d->outstanding;
		row.currency = run.policy.currency;
		row.ref = run.common.output;
		row.note = notes[n];
		row.user = "ar-ctos";
		rows[n++] = row;
	}
	if (n > 0 && journal_append_all(run.journal_path, rows, n, &e) != AR_OK) {
		free(rows);
		free(notes);
		diag_report(run.journal_path, &e);
		fail(ar_exit_code(e.code));
	}
	free(rows);
	free(notes);
}

static void
commit_output(struct outfile *o, const char *path, bool *opened)
{
	int status = cli_output_commit(o, path);

	*opened = false;
	if (status != 0)
		fail(status);
}

/* What the run did, on stderr: the actions and the reasons not listed, counted. */
static void
summary(const unsigned long *actions)
{
	unsigned long reasons[CTOS_NREASONS] = { 0 };
	char line[1024];
	int len;

	for (size_t i = 0; i < run.ndebtors; i++)
		if (not_listed(&run.debtors[i]))
			reasons[run.debtors[i].reason]++;
	len = snprintf(line, sizeof line, "actions:");
	for (int a = CTOS_NEW; a < CTOS_NACTIONS; a++)
		len += snprintf(line + len, sizeof line - (size_t)len, " %s %lu",
		    ctos_action_word((enum ctos_action)a), actions[a]);
	diag_error("%s", line);
	len = snprintf(line, sizeof line, "not listed:");
	for (int r = CTOS_NOT_OVERDUE; r < CTOS_NREASONS; r++)
		len += snprintf(line + len, sizeof line - (size_t)len, " %s %lu",
		    ctos_reason_word((enum ctos_reason)r), reasons[r]);
	diag_error("%s", line);
	if (run.other_currency > 0)
		diag_error("%lu item%s in other currencies than %s not considered", run.other_currency,
		    run.other_currency == 1 ? "" : "s", currency_code(run.policy.currency));
	if (run.after_as_of > 0)
		diag_error("%lu item%s dated after the as-of date not considered", run.after_as_of,
		    run.after_as_of == 1 ? "" : "s");
}

static void
write_outputs(void)
{
	struct ctos_update_row *rows = NULL;
	unsigned long actions[CTOS_NACTIONS] = { 0 };
	size_t n = 0, cap = 0;
	struct csvio_writer w;
	struct ar_error e = { 0 };
	int status;

	if (run.ndebtors > 1)
		qsort(run.debtors, run.ndebtors, sizeof *run.debtors, by_customer);
	for (size_t i = 0; i < run.ndebtors; i++) {
		actions[run.debtors[i].action]++;
		if (run.debtors[i].action != CTOS_NONE)
			debtor_rows(&run.debtors[i], &rows, &n, &cap);
	}
	private_files(!run.masked);
	if ((status = open_output(&run.out, run.common.output, &run.out_open)) != 0)
		fail(status);
	csvio_writer_init(&w, run.out.fp, ',', false);
	ctos_update_write_csv(&w, rows, n);
	if (run.xlsx_path != NULL && ctos_update_write_xlsx(run.xlsx_path, rows, n, &e) != AR_OK) {
		free(rows);
		diag_report(run.xlsx_path, &e);
		fail(ar_exit_code(e.code));
	}
	free(rows);
	if (run.not_listed_path != NULL)
		write_not_listed();
	if (run.commit)
		write_state();
	private_files(false);
	commit_output(&run.out, run.common.output, &run.out_open);
	if (run.not_listed_path != NULL)
		commit_output(&run.not_listed, run.not_listed_path, &run.not_listed_open);
	if (run.commit) {
		/* The journal first: should it fail, the state is as it was and a re-run redoes it all. */
		append_journal();
		commit_output(&run.state_out, run.state_path, &run.state_open);
	}
	summary(actions);
}

/*
 * With --commit, one run at a time on a state: a second one overlapping (a
 * cron job started twice) would record the same actions in the journal
 * again.  The lock is on STATE.lock, which stays, because the state itself
 * is replaced by a rename; it is let go when the process ends.
 */
static void
lock_state(void)
{
	size_t len = strlen(run.state_path);
	char *path = malloc(len + sizeof ".lock");
	int fd;

	if (path == NULL)
		out_of_memory();
	memcpy(path, run.state_path, len);
	memcpy(path + len, ".lock", sizeof ".lock");
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		diag_error("cannot create %s: %s", path, strerror(errno));
		free(path);
		fail(EX_CANTCREAT);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int saved = errno;

		if (saved == EWOULDBLOCK)
			diag_error("%s: another ar-ctos --commit is running on this state; nothing "
			    "written", path);
		else
			diag_error("cannot lock %s: %s", path, strerror(saved));
		free(path);
		close(fd);
		fail(saved == EWOULDBLOCK ? EX_TEMPFAIL : EX_IOERR);
	}
	free(path);     /* fd stays open, and locked, until the process ends */
}

static void
check_options(void)
{
	if (run.common.as_of == NULL)
		cli_usage_error("--as-of DATE is required: the listing is as at a day");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (run.state_path == NULL)
		cli_usage_error("--state FILE is required (a file that does not exist yet is an "
		    "empty listing)");
}

int
main(int argc, char *argv[])
{
	char msg[1024];
	int32_t *slot;
	int first;

	run.umask_given = umask(022);
	umask(run.umask_given);
	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	check_options();
	cli_resolve_or_exit(&run.common, &run.ctx);
	if (run.journal_path == NULL && config_get_string(run.ctx.config, "journal:path")[0] != '\0')
		run.journal_path = config_get_string(run.ctx.config, "journal:path");
	if (run.journal_path == NULL)
		cli_usage_error("--journal FILE is required (or [journal] path in ar.ini): the "
		    "notices are in it");
	if (ctos_policy_from_config(run.ctx.config, &run.policy, msg, sizeof msg) != AR_OK) {
		diag_error("%s", msg);
		fail(EX_CONFIG);
	}
	run.terms.basis = AGING_BASIS_DUE;
	run.terms.default_terms_days = (int)config_get_long(run.ctx.config,
	    "aging:default_terms_days");
	if (run.commit)
		lock_state();
	load_customers();
	load_journal();
	load_state();
	if (ctos_spill_open(&run.spill) != AR_OK) {
		diag_error("cannot create a temporary file: %s", strerror(errno));
		fail(EX_CANTCREAT);
	}
	if (first >= argc)
		read_items(NULL);
	for (int i = first; i < argc; i++)
		read_items(strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	refuse_empty_extract();
	slot = select_debtors();
	decide_debtors(slot);
	free(slot);
	ctos_spill_close(run.spill);
	write_outputs();
	for (size_t i = 0; i < run.ndebtors; i++) {
		free(run.debtors[i].listing);
		free(run.debtors[i].doc_nos);
		free(run.debtors[i].why);
		free(run.debtors[i].fate);
	}
	free(run.debtors);
	free(run.tally);
	ctos_state_free(run.state);
	ctos_journal_free(run.journal);
	customers_free(&run.customers);
	config_free(run.ctx.config);
	return EX_OK;
}
