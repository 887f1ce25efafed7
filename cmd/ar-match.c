/*
 * ar-match - cash application: bank credits (the payments stream of
 * ar-bank) applied to open items (the items stream), with the rules of
 * lib/ar/match.h, every decision written down and every cent accounted
 * for.
 *
 * The payments are read whole (a day's bank credits), put in one order
 * (match_payment_order), and go through the engine twice: first every
 * payment that cites its documents (remittance advice, reference), then
 * the others by customer.  Nothing is written until the invariants have
 * been checked over the whole run: all outputs are held (outfile_open_held)
 * and committed together at the end; a breach exits 70 and leaves none.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ar/allocations.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/match.h"
#include "ar/payments.h"
#include "ar/remittance.h"
#include "cli/cli.h"
#include "cli/diag.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/money.h"
#include "core/outfile.h"
#include "core/strtab.h"

enum {
	OPT_ITEMS = CLI_OPT_FIRST_OWN, OPT_CUSTOMERS, OPT_REMITTANCE, OPT_MIN_CONFIDENCE,
	OPT_UNMATCHED, OPT_SUGGESTIONS, OPT_OPEN_OUT
};

static const struct cli_option options[] = {
	CLI_GROUP("Inputs:"),
	{ "items", 0, "FILE", OPT_ITEMS, "the open items (items stream); required" },
	{ "customers", 0, "FILE", OPT_CUSTOMERS,
	  "the customer master, with payer_account, payer_names\nand ref1 when known; required" },
	{ "remittance", 0, "FILE", OPT_REMITTANCE,
	  "remittance advices: payment_id (or payer, value_date,\npayment_amount), doc_no, amount" },
	CLI_GROUP("Rules:"),
	{ "min-confidence", 0, "N", OPT_MIN_CONFIDENCE,
	  "apply allocations of confidence N or more (0-100);\nthe rest are suggestions ([match] min_confidence, 90)" },
	CLI_GROUP("Outputs:"),
	{ "unmatched", 0, "FILE", OPT_UNMATCHED,
	  "payments (or remainders) not applied; required" },
	{ "suggestions", 0, "FILE", OPT_SUGGESTIONS,
	  "allocations proposed but not applied" },
	{ "open-out", 0, "FILE", OPT_OPEN_OUT,
	  "the items stream after the allocations" },
	CLI_END
};

static const struct cli_command command = {
	"ar-match", "--items FILE --customers FILE --unmatched FILE [options] [PAYMENTS ...]",
	"Apply the bank credits of the payments stream in PAYMENTS (standard input\n"
	"when none or -) to the open items: by remittance advice, by the document\n"
	"numbers the bank texts cite, then by customer (payer account, Ref-1 or\n"
	"payer name) and amount: one item, a combination, within a bank charge.\n"
	"Writes the allocations stream (payment_id, customer, doc_no, currency,\n"
	"amount, rule, confidence) and the payments left unmatched; on standard\n"
	"error, what was applied per rule.  Nothing is written unless every\n"
	"payment's allocations and remainder add up to its amount.\n",
	options, CLI_AS_OF | CLI_CONFIG | CLI_OUTPUT,
	"write the allocations to FILE (default: standard output)", NULL,
	"apply only payments valued on or before DATE\n(default: every payment)"
};

/* One payment, its texts copied (the record they came from is gone). */
struct held_payment {
	struct payment p;
	char *texts;            /* every text of p in one block */
	const char *file;
	long line;
};

/* One allocation, kept until the run is known to be sound. */
struct held_alloc {
	uint32_t payment;       /* index into the sorted payments */
	uint32_t seq;           /* its place among all allocations kept */
	const char *customer, *doc_no;  /* the engine's */
	int64_t amount;
	unsigned char rule, confidence;
	bool suggestion;
};

struct held_outcome {
	int64_t remainder;
	enum match_reason reason;
	char *candidates;
};

struct match_run {
	struct cli_common common;
	const char *items_path, *customers_path, *remittance_path;
	const char *unmatched_path, *suggestions_path, *open_out_path;
	long min_confidence;    /* -1: from ar.ini */
	struct cli_context ctx;
	struct match_opts opts;
	struct customer_table customers;
	struct match_engine *engine;
	struct remittance_table *advices;
	struct held_payment *pay;
	size_t npay, cappay;
	struct strtab *ids;     /* payment_id -> index in pay[], for duplicates */
	struct held_alloc *alloc;
	size_t nalloc, capalloc;
	struct held_outcome *outcome;
	size_t nitems_read;     /* rows of --items, zero amounts too */
	struct outfile out, unmatched, suggestions, open_out;
	bool opened;
};

static struct match_run run;

static void
on_option(void *ctx, int id, const char *arg)
{
	struct match_run *r = ctx;

	switch (id) {
	case OPT_ITEMS: r->items_path = arg; break;
	case OPT_CUSTOMERS: r->customers_path = arg; break;
	case OPT_REMITTANCE: r->remittance_path = arg; break;
	case OPT_MIN_CONFIDENCE: r->min_confidence = cli_parse_count("--min-confidence", arg, 100); break;
	case OPT_UNMATCHED: r->unmatched_path = arg; break;
	case OPT_SUGGESTIONS: r->suggestions_path = arg; break;
	case OPT_OPEN_OUT: r->open_out_path = arg; break;
	}
}

static _Noreturn void
fail(int status)
{
	if (run.opened) {
		outfile_abort(&run.out);
		outfile_abort(&run.unmatched);
		if (run.suggestions_path != NULL)
			outfile_abort(&run.suggestions);
		if (run.open_out_path != NULL)
			outfile_abort(&run.open_out);
	}
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

/* [match] of ar.ini, under --min-confidence. */
static void
resolve_rules(void)
{
	const struct ar_config *cfg = run.ctx.config;
	const char *s;
	int64_t v;

	run.opts = (struct match_opts)MATCH_OPTS_DEFAULT;
	s = config_get_string(cfg, "match:charge_max");
	if (money_parse(s, strlen(s), 2, MONEY_DECIMAL_POINT, &v) != AR_OK) {
		diag_error("%s: [match] charge_max \"%s\" has more than 2 decimals",
		    config_path(cfg) ? config_path(cfg) : "ar.ini", s);
		fail(EX_CONFIG);
	}
	run.opts.charge_max = v;
	if (config_has(cfg, "match:charge_pct")) {
		s = config_get_string(cfg, "match:charge_pct");
		if (money_parse(s, strlen(s), 2, MONEY_DECIMAL_POINT, &v) != AR_OK || v > 10000) {
			diag_error("%s: [match] charge_pct \"%s\" is not a per cent from 0 to 100 "
			    "with at most 2 decimals", config_path(cfg) ? config_path(cfg) : "ar.ini", s);
			fail(EX_CONFIG);
		}
		run.opts.charge_pct = (int)v;
	}
	run.opts.min_confidence = run.min_confidence >= 0 ? (int)run.min_confidence :
	    (int)config_get_long(cfg, "match:min_confidence");
	run.opts.partial = strcmp(config_get_string(cfg, "match:partial"), "oldest") == 0 ?
	    MATCH_PARTIAL_OLDEST : MATCH_PARTIAL_NONE;
	run.opts.use_credits = config_get_bool(cfg, "match:use_credits");
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
	csvio_reader_close(r);
}

/* The items into the engine; a row without a customer is an error (items_parse). */
static void
load_items(void)
{
	struct csvio_reader *r = open_input(run.items_path);
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	if (cols.doc_no < 0) {
		diag_at(csvio_name(r), 1, "no doc_no column: ar-match applies payments to documents");
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		struct ar_error e = { 0 };
		const char *doc;
		size_t doclen;
		uint32_t id;
		bool added;

		if (items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(&e, problem.err, rec.line, "%s", msg);
			fail_input(r, problem.err, &e);
		}
		/* A customer the master lacks is still found by the documents it cites. */
		if (customers_intern(&run.customers, it.customer, it.customer_len, &id, &added) != AR_OK)
			out_of_memory();
		doc = items_field(&rec, cols.doc_no, &doclen);
		if ((err = match_engine_add_item(run.engine, id, doc, doclen,
		    it.due_date != DATE_NONE ? it.due_date : it.doc_date, it.currency,
		    it.amount)) != AR_OK)
			out_of_memory();
		run.nitems_read++;
		diag_progress(run.nitems_read);
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
	diag_progress_done();
	if (match_engine_ready(run.engine) != AR_OK)
		out_of_memory();
}

static void
load_advices(void)
{
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	ar_err err;

	if (run.remittance_path == NULL)
		return;
	r = open_input(run.remittance_path);
	if ((err = remittance_load(&run.advices, r, &run.ctx.format.dates, &e)) != AR_OK)
		fail_input(r, err, &e);
	csvio_reader_close(r);
}

/* v (n used of *cap elements of size bytes) with room for one more, grown by doubling. */
static void *
room_for_one(void *v, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		size_t c = *cap ? *cap * 2 : 1024;

		if ((v = realloc(v, c * size)) == NULL)
			out_of_memory();
		*cap = c;
	}
	return v;
}

/* ---- payments ---- */

static char *
copy_texts(struct payment *p)
{
	const char **field[] = {
		&p->payer, &p->payer_account, &p->reference, &p->channel, &p->ref1,
		&p->ref2, &p->bank_ref, &p->statement, &p->account, &p->narrative
	};
	size_t total = 0, used = 0;
	char *block;

	for (size_t i = 0; i < sizeof field / sizeof *field; i++)
		total += strlen(*field[i]) + 1;
	if ((block = malloc(total)) == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof field / sizeof *field; i++) {
		size_t len = strlen(*field[i]);

		memcpy(block + used, *field[i], len + 1);
		*field[i] = block + used;
		used += len + 1;
	}
	return block;
}

static void
read_payments(const char *path)
{
	struct csvio_reader *r = open_input(path);
	struct payment_columns cols;
	struct csvio_record rec;
	const char *missing, *name = csvio_name(r);
	ar_err err;

	if (payments_bind(r, &cols, &missing) != AR_OK) {
		diag_at(name, 1, "no %s column: not a payments stream (ar-bank writes one)", missing);
		csvio_reader_close(r);
		fail(EX_DATAERR);
	}
	if ((name = strdup(name)) == NULL)
		out_of_memory();
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct ar_error e = { 0 };
		struct held_payment *h;
		uint32_t id;
		bool added;

		run.pay = room_for_one(run.pay, run.npay, &run.cappay, sizeof *run.pay);
		h = &run.pay[run.npay];
		if ((err = payments_parse(&rec, &cols, &run.ctx.format.dates, &h->p, &e)) != AR_OK)
			fail_input(r, err, &e);
		if (strtab_intern(run.ids, h->p.id, strlen(h->p.id), &id, &added) != AR_OK)
			out_of_memory();
		if (!added) {
			const struct held_payment *first = &run.pay[id];

			ar_error_set(&e, AR_ESYNTAX, rec.line,
			    "payment_id \"%s\" again (first at %s:%ld): each payment is applied once",
			    h->p.id, first->file, first->line);
			fail_input(r, AR_ESYNTAX, &e);
		}
		if ((h->texts = copy_texts(&h->p)) == NULL)
			out_of_memory();
		h->file = name;
		h->line = rec.line;
		run.npay++;
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
}

static int
cmp_held(const void *pa, const void *pb)
{
	const struct held_payment *a = pa, *b = pb;

	return match_payment_order(&a->p, &b->p);
}

/* ---- applying ---- */

static void
keep(uint32_t k, const struct match_result *res)
{
	struct held_outcome *o = &run.outcome[k];

	for (size_t i = 0; i < res->n; i++) {
		const struct allocation *a = &res->alloc[i];
		struct held_alloc *h;

		run.alloc = room_for_one(run.alloc, run.nalloc, &run.capalloc, sizeof *run.alloc);
		h = &run.alloc[run.nalloc++];
		*h = (struct held_alloc){ k, (uint32_t)run.nalloc - 1, a->customer, a->doc_no,
		    a->amount, (unsigned char)a->rule, (unsigned char)a->confidence, !res->applied };
	}
	o->remainder = res->remainder;
	o->reason = res->reason;
	if ((o->candidates = strdup(res->candidates)) == NULL)
		out_of_memory();
}

static _Noreturn void
invariant_broken(const struct held_payment *h, const char *what)
{
	diag_error("internal error: %s for payment %s (%s:%ld); nothing written",
	    what, h->p.id, h->file, h->line);
	fail(EX_SOFTWARE);
}

static void
apply_all(civil_day last_day, bool has_last_day)
{
	static struct match_result res;
	bool *done = calloc(run.npay ? run.npay : 1, sizeof *done);

	if (done == NULL || (run.outcome = calloc(run.npay ? run.npay : 1, sizeof *run.outcome)) == NULL)
		out_of_memory();
	/* Phase one: what the payments cite. */
	for (size_t k = 0; k < run.npay; k++) {
		const struct held_payment *h = &run.pay[k];
		struct remittance_line lines[REMITTANCE_LINES_MAX];
		size_t nlines = 0;
		struct ar_error e = { 0 };
		ar_err err;

		if (has_last_day && h->p.value_date > last_day) {
			run.outcome[k] = (struct held_outcome){ h->p.amount, MATCH_AFTER_AS_OF, NULL };
			done[k] = true;
			continue;
		}
		if (run.advices != NULL && h->p.amount > 0 &&
		    (err = remittance_find(run.advices, &h->p, lines, &nlines, &e)) != AR_OK) {
			if (err == AR_ENOMEM)
				out_of_memory();
			diag_report(run.remittance_path, &e);
			fail(ar_exit_code(err));
		}
		if (match_payment_cited(run.engine, &h->p, lines, nlines, &res, &done[k]) != AR_OK)
			out_of_memory();    /* only before match_engine_ready */
		if (nlines > 0 && !(done[k] && res.n > 0 && res.alloc[0].rule == ALLOCATION_REMITTANCE))
			diag_at(run.remittance_path, lines[0].line,
			    "advice for payment %s does not fit the open items (a document not "
			    "open in %s, a line over what is open, or several customers): "
			    "the other rules decide", h->p.id, currency_code(h->p.currency));
		if (done[k]) {
			if (!match_check(&h->p, &res))
				invariant_broken(h, "allocations and remainder do not add up");
			keep((uint32_t)k, &res);
		}
	}
	/* Phase two: the rest, by customer. */
	for (size_t k = 0; k < run.npay; k++) {
		const struct held_payment *h = &run.pay[k];

		if (done[k])
			continue;
		if (match_payment_customer(run.engine, &h->p, &res) != AR_OK)
			out_of_memory();
		if (!match_check(&h->p, &res))
			invariant_broken(h, "allocations and remainder do not add up");
		keep((uint32_t)k, &res);
	}
	free(done);
	if (!match_engine_check(run.engine)) {
		diag_error("internal error: an item was applied past its open amount; nothing written");
		fail(EX_SOFTWARE);
	}
}

/* ---- the outputs ---- */

static void
open_outputs(void)
{
	int status;

	if ((status = cli_output_open(&run.out, run.common.output, true)) != 0)
		fail(status);
	run.opened = true;
	if ((status = cli_output_open(&run.unmatched, run.unmatched_path, true)) != 0 ||
	    (run.suggestions_path != NULL &&
	    (status = cli_output_open(&run.suggestions, run.suggestions_path, true)) != 0) ||
	    (run.open_out_path != NULL &&
	    (status = cli_output_open(&run.open_out, run.open_out_path, true)) != 0))
		fail(status);
}

static const char *const unmatched_columns[] = {
	"payment_id", "value_date", "currency", "amount", "payer", "reference", "reason",
	"candidates"
};

/* Payment order, then the order the engine gave (phase one's payments were kept first). */
static int
cmp_alloc(const void *pa, const void *pb)
{
	const struct held_alloc *a = pa, *b = pb;

	if (a->payment != b->payment)
		return a->payment < b->payment ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void
write_allocations(void)
{
	struct csvio_writer w, s;

	if (run.nalloc > 1)
		qsort(run.alloc, run.nalloc, sizeof *run.alloc, cmp_alloc);

	csvio_writer_init(&w, run.out.fp, ',', false);
	allocations_write_header(&w);
	if (run.suggestions_path != NULL) {
		csvio_writer_init(&s, run.suggestions.fp, ',', false);
		allocations_write_header(&s);
	}
	for (size_t i = 0; i < run.nalloc; i++) {
		const struct held_alloc *h = &run.alloc[i];
		const struct payment *p = &run.pay[h->payment].p;
		struct allocation a = {
			p->id, h->customer, h->doc_no, p->currency, h->amount,
			(enum allocation_rule)h->rule, h->confidence
		};

		if (!h->suggestion)
			allocations_write(&w, &a);
		else if (run.suggestions_path != NULL)
			allocations_write(&s, &a);
	}
}

static void
write_unmatched(void)
{
	struct csvio_writer w;

	csvio_writer_init(&w, run.unmatched.fp, ',', false);
	csvio_write_names(&w, unmatched_columns, sizeof unmatched_columns / sizeof *unmatched_columns);
	for (size_t k = 0; k < run.npay; k++) {
		const struct payment *p = &run.pay[k].p;
		const struct held_outcome *o = &run.outcome[k];

		if (o->remainder == 0 && o->reason == MATCH_APPLIED)
			continue;
		csvio_write_str(&w, p->id);
		csvio_write_day(&w, p->value_date);
		csvio_write_str(&w, currency_code(p->currency));
		csvio_write_money(&w, o->remainder, currency_exponent(p->currency));
		csvio_write_str(&w, p->payer);
		csvio_write_str(&w, p->reference);
		csvio_write_str(&w, match_reason_word(o->reason));
		csvio_write_str(&w, o->candidates ? o->candidates : "");
		csvio_end_record(&w);
	}
}

/* An amount as the items file writes them: [input] decimal = comma gives "1234,56". */
static void
write_amount(struct csvio_writer *w, int64_t minor, currency_id cur)
{
	char buf[64];
	size_t len = money_format(minor, currency_exponent(cur), buf);

	if (run.ctx.format.decimal == MONEY_DECIMAL_COMMA)
		for (size_t i = 0; i < len; i++)
			if (buf[i] == '.')
				buf[i] = ',';
	csvio_write_field(w, buf, len);
}

/* The items file again, each row with what is left open; rows paid in full dropped. */
static void
write_open_out(void)
{
	struct csvio_reader *r;
	struct csvio_writer w;
	struct csvio_record rec;
	struct item_columns cols;
	const char *missing;
	size_t n = match_engine_count(run.engine), seq = 0;
	int64_t *open;
	bool *paid;
	ar_err err;

	if (run.open_out_path == NULL)
		return;
	open = calloc(run.nitems_read ? run.nitems_read : 1, sizeof *open);
	paid = calloc(run.nitems_read ? run.nitems_read : 1, sizeof *paid);
	if (open == NULL || paid == NULL)
		out_of_memory();
	for (size_t i = 0; i < n; i++) {
		struct match_item_info info;

		match_engine_item(run.engine, i, &info);
		if (info.open != info.amount) {
			open[info.seq] = info.open;
			paid[info.seq] = true;
		}
	}
	r = open_input(run.items_path);
	if (items_bind(r, false, &cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "changed while being read: no %s column", missing);
		fail(EX_DATAERR);
	}
	csvio_writer_init(&w, run.open_out.fp, ',', false);
	for (size_t c = 0; c < csvio_ncolumns(r); c++)
		csvio_write_str(&w, csvio_column_name(r, c));
	csvio_end_record(&w);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;

		if (seq >= run.nitems_read ||
		    items_parse(&rec, &cols, &run.ctx.format, &it, &problem) != AR_OK) {
			diag_at(csvio_name(r), rec.line, "changed while being read");
			fail(EX_DATAERR);
		}
		if (paid[seq] && open[seq] == 0) {
			seq++;
			continue;
		}
		for (size_t c = 0; c < csvio_ncolumns(r); c++) {
			if ((int)c == cols.amount && paid[seq])
				write_amount(&w, open[seq], it.currency);
			else if (c < rec.nfields)
				csvio_write_field(&w, rec.field[c].ptr, rec.field[c].len);
			else
				csvio_write_str(&w, "");
		}
		csvio_end_record(&w);
		seq++;
	}
	if (err != AR_EOF)
		fail_input(r, err, csvio_error(r));
	csvio_reader_close(r);
	free(open);
	free(paid);
}

/* ---- the summary ---- */

#define MAX_CUR 16

struct tally {
	long count;
	size_t ncur;
	currency_id cur[MAX_CUR];
	int64_t sum[MAX_CUR];
	bool more;      /* currencies past MAX_CUR, counted but not summed */
};

static void
tally_add(struct tally *t, currency_id c, int64_t amount)
{
	size_t i;

	t->count++;
	for (i = 0; i < t->ncur && t->cur[i] != c; i++)
		;
	if (i == t->ncur) {
		if (t->ncur == MAX_CUR) {
			t->more = true;
			return;
		}
		t->cur[t->ncur] = c;
		t->sum[t->ncur++] = 0;
	}
	money_add(&t->sum[i], amount);
}

static void
tally_print(const char *what, const struct tally *t)
{
	fprintf(stderr, "%s: %-30s %7ld", diag_progname(), what, t->count);
	for (size_t i = 0; i < t->ncur; i++) {
		char buf[64];

		money_format(t->sum[i], currency_exponent(t->cur[i]), buf);
		fprintf(stderr, "%s %s %s", i ? "," : "", currency_code(t->cur[i]), buf);
	}
	fprintf(stderr, "%s\n", t->more ? ", more currencies" : "");
}

static void
summary(void)
{
	struct tally read = { 0 }, rule[ALLOCATION_RULES], suggested = { 0 }, unmatched = { 0 };
	char what[64];

	memset(rule, 0, sizeof rule);
	for (size_t k = 0; k < run.npay; k++) {
		const struct payment *p = &run.pay[k].p;
		const struct held_outcome *o = &run.outcome[k];

		tally_add(&read, p->currency, p->amount);
		if (o->reason == MATCH_LOW_CONFIDENCE || o->reason == MATCH_PARTIAL)
			tally_add(&suggested, p->currency, p->amount);
		if (o->remainder != 0 || o->reason != MATCH_APPLIED)
			tally_add(&unmatched, p->currency, o->remainder);
	}
	for (size_t i = 0; i < run.nalloc; i++)
		if (!run.alloc[i].suggestion)
			tally_add(&rule[run.alloc[i].rule], run.pay[run.alloc[i].payment].p.currency,
			    run.alloc[i].amount);
	tally_print("payments read", &read);
	for (int r = 0; r < ALLOCATION_RULES; r++) {
		snprintf(what, sizeof what, "rows applied by %s", allocation_rule_word((enum allocation_rule)r));
		tally_print(what, &rule[r]);
	}
	tally_print("payments suggested", &suggested);
	tally_print("payments unmatched", &unmatched);
	fprintf(stderr, "%s: invariants hold: each payment's allocations and remainder add up "
	    "to its amount; no item applied past its open amount\n", diag_progname());
}

/* Advices no payment took: said, not skipped silently. */
static void
report_unused_advices(void)
{
	size_t n = run.advices ? remittance_count(run.advices) : 0, unused = 0;

	for (size_t i = 0; i < n; i++) {
		struct remittance_advice_info info;

		remittance_advice(run.advices, i, &info);
		if (!info.used && ++unused <= 10)
			diag_at(run.remittance_path, info.line,
			    "advice for %s was not used: no payment fits it%s", info.key,
			    run.common.as_of != NULL ? " on or before --as-of" : "");
	}
	if (unused > 10)
		diag_at(run.remittance_path, 0, "%zu advices matched no payment", unused);
}

int
main(int argc, char *argv[])
{
	int first, status;

	run.min_confidence = -1;
	first = cli_parse(&command, argc, argv, &run.common, on_option, &run);
	if (run.items_path == NULL)
		cli_usage_error("--items FILE is required");
	if (run.customers_path == NULL)
		cli_usage_error("--customers FILE is required");
	if (run.unmatched_path == NULL)
		cli_usage_error("--unmatched FILE is required");
	if (run.open_out_path != NULL && strcmp(run.items_path, "-") == 0)
		cli_usage_error("--open-out reads --items twice: give it a file, not standard input");
	cli_resolve_or_exit(&run.common, &run.ctx);
	resolve_rules();
	if ((run.ids = strtab_new(4096)) == NULL)
		out_of_memory();
	load_customers();
	if (match_engine_new(&run.engine, &run.customers, &run.opts) != AR_OK)
		out_of_memory();
	load_items();
	load_advices();
	do          /* no PAYMENTS: standard input */
		read_payments(first == argc || strcmp(argv[first], "-") == 0 ? NULL : argv[first]);
	while (++first < argc);
	/* The sorted order is the applying order; ids index the unsorted one no more. */
	if (run.npay > 1)
		qsort(run.pay, run.npay, sizeof *run.pay, cmp_held);
	apply_all(run.ctx.as_of, run.common.as_of != NULL);
	open_outputs();
	write_allocations();
	write_unmatched();
	write_open_out();
	report_unused_advices();
	summary();
	if ((status = cli_output_commit(&run.out, run.common.output)) != 0 ||
	    (status = cli_output_commit(&run.unmatched, run.unmatched_path)) != 0 ||
	    (run.suggestions_path != NULL &&
	    (status = cli_output_commit(&run.suggestions, run.suggestions_path)) != 0) ||
	    (run.open_out_path != NULL &&
	    (status = cli_output_commit(&run.open_out, run.open_out_path)) != 0))
		fail(status);
	run.opened = false;
	config_free(run.ctx.config);
	return EX_OK;
}
