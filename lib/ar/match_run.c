/* match_run.c - one run of ar-match over a day's payments (match_run.h). */
#include "ar/match_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strtab.h"

/* One payment, its texts copied (the record they came from is gone). */
struct held_payment {
	struct payment p;
	char *texts;            /* every text of p in one block */
	uint32_t file;          /* the input it was read from, in files */
	long line;
	int64_t remainder;
	enum match_reason reason;
	char *candidates;
	bool suggested;
};

/* One allocation, kept until the run is known to be sound. */
struct held_alloc {
	uint32_t payment;       /* index into the held payments, in applying order */
	uint32_t seq;           /* its place among all allocations kept */
	const char *customer, *doc_no;  /* the engine's */
	int64_t amount;
	unsigned char rule, confidence;
	bool suggestion;
};

struct match_run {
	struct held_payment *pay;
	size_t npay, cappay;
	struct strtab *ids;     /* payment_id -> its index in the order added */
	struct strtab *files;   /* the input names, copied once */
	struct held_alloc *alloc;
	size_t nalloc, capalloc;
	bool applied;
};

const char *const match_unmatched_columns[MATCH_UNMATCHED_NCOLUMNS] = {
	"payment_id", "value_date", "currency", "amount", "payer", "reference", "reason",
	"candidates"
};

ar_err
match_opts_from_config(const struct ar_config *cfg, struct match_opts *opts, char *msg,
    size_t cap)
{
	const char *where = config_path(cfg) ? config_path(cfg) : "ar.ini";
	const char *s;
	int64_t v;

	*opts = (struct match_opts)MATCH_OPTS_DEFAULT;
	s = config_get_string(cfg, "match:charge_max");
	if (money_parse(s, strlen(s), 2, MONEY_DECIMAL_POINT, &v) != AR_OK) {
		snprintf(msg, cap, "%s: [match] charge_max \"%s\" has more than 2 decimals", where, s);
		return AR_ECONFIG;
	}
	opts->charge_max = v;
	if (config_has(cfg, "match:charge_pct")) {
		s = config_get_string(cfg, "match:charge_pct");
		if (money_parse(s, strlen(s), 2, MONEY_DECIMAL_POINT, &v) != AR_OK || v > 10000) {
			snprintf(msg, cap, "%s: [match] charge_pct \"%s\" is not a per cent from 0 "
			    "to 100 with at most 2 decimals", where, s);
			return AR_ECONFIG;
		}
		opts->charge_pct = (int)v;
	}
	opts->min_confidence = (int)config_get_long(cfg, "match:min_confidence");
	opts->partial = strcmp(config_get_string(cfg, "match:partial"), "oldest") == 0 ?
	    MATCH_PARTIAL_OLDEST : MATCH_PARTIAL_NONE;
	opts->use_credits = config_get_bool(cfg, "match:use_credits");
	return AR_OK;
}

ar_err
match_run_new(struct match_run **out)
{
	struct match_run *run = calloc(1, sizeof *run);

	*out = NULL;
	if (run == NULL || (run->ids = strtab_new(4096)) == NULL ||
	    (run->files = strtab_new(16)) == NULL) {
		match_run_free(run);
		return AR_ENOMEM;
	}
	*out = run;
	return AR_OK;
}

void
match_run_free(struct match_run *run)
{
	if (run == NULL)
		return;
	for (size_t i = 0; i < run->npay; i++) {
		free(run->pay[i].texts);
		free(run->pay[i].candidates);
	}
	free(run->pay);
	free(run->alloc);
	strtab_free(run->ids);
	strtab_free(run->files);
	free(run);
}

/* *v (n used of *cap elements of size bytes) with room for one more. */
static ar_err
room_for_one(void **v, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		size_t c = *cap ? *cap * 2 : 1024;
		void *p = realloc(*v, c * size);

		if (p == NULL)
			return AR_ENOMEM;
		*v = p;
		*cap = c;
	}
	return AR_OK;
}

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
		total += strlen(*field[i] ? *field[i] : "") + 1;
	if ((block = malloc(total)) == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof field / sizeof *field; i++) {
		const char *s = *field[i] ? *field[i] : "";
		size_t len = strlen(s);

		memcpy(block + used, s, len + 1);
		*field[i] = block + used;
		used += len + 1;
	}
	return block;
}

ar_err
match_run_add(struct match_run *run, const struct payment *p, const char *file, long line,
    struct ar_error *e)
{
	struct held_payment *h;
	uint32_t id, fid;
	bool added;

	if (run->applied)
		return AR_EUSAGE;
	if (room_for_one((void **)&run->pay, run->npay, &run->cappay, sizeof *run->pay) != AR_OK ||
	    strtab_intern(run->ids, p->id, strlen(p->id), &id, &added) != AR_OK)
		return AR_ENOMEM;
	if (!added) {
		const struct held_payment *first = &run->pay[id];

		return ar_error_set(e, AR_ESYNTAX, line,
		    "payment_id \"%s\" again (first at %s:%ld): each payment is applied once",
		    p->id, strtab_key(run->files, first->file), first->line);
	}
	if (strtab_intern(run->files, file, strlen(file), &fid, &added) != AR_OK)
		return AR_ENOMEM;
	h = &run->pay[run->npay];
	memset(h, 0, sizeof *h);
	h->p = *p;
	if ((h->texts = copy_texts(&h->p)) == NULL)
		return AR_ENOMEM;
	h->file = fid;
	h->line = line;
	run->npay++;
	return AR_OK;
}

static int
cmp_held(const void *pa, const void *pb)
{
	const struct held_payment *a = pa, *b = pb;

	return match_payment_order(&a->p, &b->p);
}

static ar_err
keep(struct match_run *run, uint32_t k, const struct match_result *res)
{
	struct held_payment *h = &run->pay[k];

	for (size_t i = 0; i < res->n; i++) {
		const struct allocation *a = &res->alloc[i];

		if (room_for_one((void **)&run->alloc, run->nalloc, &run->capalloc,
		    sizeof *run->alloc) != AR_OK)
			return AR_ENOMEM;
		run->alloc[run->nalloc] = (struct held_alloc){ k, (uint32_t)run->nalloc,
		    a->customer, a->doc_no, a->amount, (unsigned char)a->rule,
		    (unsigned char)a->confidence, !res->applied };
		run->nalloc++;
	}
	h->remainder = res->remainder;
	h->reason = res->reason;
	h->suggested = !res->applied && res->n > 0;
	if ((h->candidates = strdup(res->candidates)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

static ar_err
checked(struct match_run *run, uint32_t k, const struct match_result *res, struct ar_error *e)
{
	const struct held_payment *h = &run->pay[k];

	if (!match_check(&h->p, res))
		return ar_error_set(e, AR_EINVARIANT, 0, "allocations and remainder do not add "
		    "up for payment %s (%s:%ld)", h->p.id, strtab_key(run->files, h->file), h->line);
	return keep(run, k, res);
}

/* Payment order, then the order the engine gave (phase one's payments were kept first). */
static int
cmp_alloc(const void *pa, const void *pb)
{
	const struct held_alloc *a = pa, *b = pb;

	if (a->payment != b->payment)
		return a->payment < b->payment ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

ar_err
match_run_apply(struct match_run *run, struct match_engine *m,
    struct remittance_table *advices, civil_day last_day, bool has_last_day,
    match_advice_fn not_fitted, void *ctx, struct ar_error *e)
{
	static struct match_result res;     /* large: off the stack */
	bool *done;
	ar_err err = AR_OK;

	if (run->applied)
		return AR_EUSAGE;
	run->applied = true;
	if (run->npay > 1)
		qsort(run->pay, run->npay, sizeof *run->pay, cmp_held);
	if ((done = calloc(run->npay ? run->npay : 1, sizeof *done)) == NULL)
		return AR_ENOMEM;
	/* Phase one: what the payments cite. */
	for (size_t k = 0; k < run->npay && err == AR_OK; k++) {
		struct held_payment *h = &run->pay[k];
		struct remittance_line lines[REMITTANCE_LINES_MAX];
		size_t nlines = 0;

		if (has_last_day && h->p.value_date > last_day) {
			h->remainder = h->p.amount;
			h->reason = MATCH_AFTER_AS_OF;
			if ((h->candidates = strdup("")) == NULL)
				err = AR_ENOMEM;
			done[k] = true;
			continue;
		}
		if (advices != NULL && h->p.amount > 0 &&
		    (err = remittance_find(advices, &h->p, lines, &nlines, e)) != AR_OK)
			break;
		if ((err = match_payment_cited(m, &h->p, lines, nlines, &res, &done[k])) != AR_OK)
			break;
		if (nlines > 0 && not_fitted != NULL &&
		    !(done[k] && res.n > 0 && res.alloc[0].rule == ALLOCATION_REMITTANCE))
			not_fitted(ctx, lines[0].line, &h->p);
		if (done[k])
			err = checked(run, (uint32_t)k, &res, e);
	}
	/* Phase two: the rest, by customer. */
	for (size_t k = 0; k < run->npay && err == AR_OK; k++)
		if (!done[k] && (err = match_payment_customer(m, &run->pay[k].p, &res)) == AR_OK)
			err = checked(run, (uint32_t)k, &res, e);
	free(done);
	if (err == AR_OK && !match_engine_check(m))
		err = ar_error_set(e, AR_EINVARIANT, 0, "an item was applied past its open amount");
	if (err == AR_OK && run->nalloc > 1)
		qsort(run->alloc, run->nalloc, sizeof *run->alloc, cmp_alloc);
	return err;
}

size_t
match_run_count(const struct match_run *run)
{
	return run->npay;
}

void
match_run_outcome(const struct match_run *run, size_t i, struct match_run_outcome *out)
{
	const struct held_payment *h = &run->pay[i];

	out->payment = &h->p;
	out->file = strtab_key(run->files, h->file);
	out->line = h->line;
	out->remainder = h->remainder;
	out->reason = h->reason;
	out->candidates = h->candidates ? h->candidates : "";
	out->suggested = h->suggested;
}

void
match_run_write_allocations(const struct match_run *run, struct csvio_writer *w,
    struct csvio_writer *sw)
{
	allocations_write_header(w);
	if (sw != NULL)
		allocations_write_header(sw);
	for (size_t i = 0; i < run->nalloc; i++) {
		const struct held_alloc *h = &run->alloc[i];
		const struct payment *p = &run->pay[h->payment].p;
		struct allocation a = {
			p->id, h->customer, h->doc_no, p->currency, h->amount,
			(enum allocation_rule)h->rule, h->confidence
		};

		if (!h->suggestion)
			allocations_write(w, &a);
		else if (sw != NULL)
			allocations_write(sw, &a);
	}
}

/* Whether payment h has a row in the unmatched stream. */
static bool
unmatched(const struct held_payment *h)
{
	return h->remainder != 0 || h->reason != MATCH_APPLIED;
}

void
match_run_write_unmatched(const struct match_run *run, struct csvio_writer *w)
{
	csvio_write_names(w, match_unmatched_columns, MATCH_UNMATCHED_NCOLUMNS);
	for (size_t k = 0; k < run->npay; k++) {
		const struct held_payment *h = &run->pay[k];
		const struct payment *p = &h->p;

		if (!unmatched(h))
			continue;
		csvio_write_str(w, p->id);
		csvio_write_day(w, p->value_date);
		csvio_write_str(w, currency_code(p->currency));
		csvio_write_money(w, h->remainder, currency_exponent(p->currency));
		csvio_write_str(w, p->payer);
		csvio_write_str(w, p->reference);
		csvio_write_str(w, match_reason_word(h->reason));
		csvio_write_str(w, h->candidates ? h->candidates : "");
		csvio_end_record(w);
	}
}

static void
tally_add(struct match_run_tally *t, currency_id c, int64_t amount)
{
	size_t i;

	t->count++;
	for (i = 0; i < t->ncur && t->cur[i] != c; i++)
		;
	if (i == t->ncur) {
		if (t->ncur == MATCH_RUN_CURRENCIES) {
			t->more = true;
			return;
		}
		t->cur[t->ncur] = c;
		t->sum[t->ncur++] = 0;
	}
	money_add(&t->sum[i], amount);
}

void
match_run_summarise(const struct match_run *run, struct match_run_summary *out)
{
	memset(out, 0, sizeof *out);
	for (size_t k = 0; k < run->npay; k++) {
		const struct held_payment *h = &run->pay[k];

		tally_add(&out->read, h->p.currency, h->p.amount);
		if (h->suggested)
			tally_add(&out->suggested, h->p.currency, h->p.amount);
		if (unmatched(h))
			tally_add(&out->unmatched, h->p.currency, h->remainder);
	}
	for (size_t i = 0; i < run->nalloc; i++)
		if (!run->alloc[i].suggestion)
			tally_add(&out->rule[run->alloc[i].rule],
			    run->pay[run->alloc[i].payment].p.currency, run->alloc[i].amount);
}
