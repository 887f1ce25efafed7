/* journal.c - the collections journal read into per-customer facts. */
#include "ar/journal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ar/legal.h"
#include "core/money.h"
#include "core/strtab.h"

static const struct journal_seq SEQ_NONE = { DATE_NONE, 0 };

struct dispute {
	char *doc_no;
	struct journal_seq raised, resolved;   /* the latest of each; SEQ_NONE when none */
	struct dispute *next;
};

/* The latest dunning row with a level, per currency it names (or none). */
struct dunned {
	bool has_currency;
	currency_id currency;
	struct journal_seq at;
	int level;
	struct dunned *next;
};

/* A legal case of the customer (ar-legal's legal_stage rows: doc_no the case, level the stage). */
struct jcase {
	char *case_no;
	struct journal_seq at;        /* its latest stage row */
	int stage;
	struct jcase *next;
};

struct jcustomer {
	struct journal_seq last;
	char *last_action;
	struct journal_seq promise, promise_closed;
	bool promise_closed_broken;    /* closed by promise_broken, not kept or paid */
	civil_day promise_due;
	bool promise_has_amount;
	int64_t promise_amount;
	currency_id promise_currency;
	bool promise_currency_given;
	struct dispute *disputes;
	struct journal_seq dunned, hold;       /* the latest dunning row with a level, hold row */
	int dun_level;
	struct dunned *dunned_by;      /* the same per currency */
	civil_day hold_until;          /* of the latest hold row; DATE_NONE: open-ended */
	struct journal_seq agency_assign, agency_recall;   /* the latest of each */
	struct jcase *cases;
	bool worked;                   /* facts worked out */
	struct journal_facts facts;
	char *docs;                    /* facts.dispute_docs when not "" */
};

struct journal {
	civil_day as_of;
	currency_id default_currency;
	struct strtab *ids;
	struct jcustomer *cust;
	size_t cap;
	unsigned long rows, future;
};

ar_err
journal_new(struct journal **out, civil_day as_of, currency_id default_currency)
{
	struct journal *j = calloc(1, sizeof *j);

	*out = NULL;
	if (j == NULL)
		return AR_ENOMEM;
	if ((j->ids = strtab_new(1024)) == NULL) {
		free(j);
		return AR_ENOMEM;
	}
	j->as_of = as_of;
	j->default_currency = default_currency;
	*out = j;
	return AR_OK;
}

void
journal_free(struct journal *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < strtab_count(j->ids); i++) {
		struct jcustomer *c = &j->cust[i];

		free(c->last_action);
		free(c->docs);
		while (c->disputes != NULL) {
			struct dispute *d = c->disputes;

			c->disputes = d->next;
			free(d->doc_no);
			free(d);
		}
		while (c->dunned_by != NULL) {
			struct dunned *d = c->dunned_by;

			c->dunned_by = d->next;
			free(d);
		}
		while (c->cases != NULL) {
			struct jcase *k = c->cases;

			c->cases = k->next;
			free(k->case_no);
			free(k);
		}
	}
	free(j->cust);
	strtab_free(j->ids);
	free(j);
}

ar_err
journal_bind(const struct csvio_reader *r, struct journal_columns *cols,
    const char **missing)
{
	static const char *const required[] = { "date", "customer", "action" };

	cols->date = csvio_column(r, "date");
	cols->customer = csvio_column(r, "customer");
	cols->action = csvio_column(r, "action");
	cols->doc_no = csvio_column(r, "doc_no");
	cols->amount = csvio_column(r, "amount");
	cols->currency = csvio_column(r, "currency");
	cols->due = csvio_column(r, "due");
	cols->level = csvio_column(r, "level");
	for (int i = 0; i < 3; i++) {
		if (csvio_column(r, required[i]) < 0) {
			*missing = required[i];
			return AR_ECOLUMN;
		}
	}
	return AR_OK;
}

static char *
copy_text(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static bool
is_action(const char *s, size_t len, const char *name)
{
	return len == strlen(name) && strncasecmp(s, name, len) == 0;
}

/* The customer's record, made when new. */
static ar_err
customer_of(struct journal *j, const char *id, size_t len, struct jcustomer **out)
{
	uint32_t n;
	bool added;
	ar_err err;

	if ((err = strtab_intern(j->ids, id, len, &n, &added)) != AR_OK)
		return err;
	if (n >= j->cap) {
		size_t cap = j->cap ? j->cap * 2 : 256;
		struct jcustomer *c;

		while (cap <= n)
			cap *= 2;
		if ((c = realloc(j->cust, cap * sizeof *c)) == NULL)
			return AR_ENOMEM;
		j->cust = c;
		j->cap = cap;
	}
	if (added) {
		memset(&j->cust[n], 0, sizeof j->cust[n]);
		j->cust[n].last = j->cust[n].promise = j->cust[n].promise_closed = SEQ_NONE;
		j->cust[n].dunned = j->cust[n].hold = SEQ_NONE;
		j->cust[n].agency_assign = j->cust[n].agency_recall = SEQ_NONE;
		j->cust[n].hold_until = DATE_NONE;
	}
	*out = &j->cust[n];
	return AR_OK;
}

static ar_err
add_dispute(struct jcustomer *c, const char *doc, size_t len, struct journal_seq at, bool resolved)
{
	struct dispute *d;

	for (d = c->disputes; d != NULL; d = d->next)
		if (strlen(d->doc_no) == len && memcmp(d->doc_no, doc, len) == 0)
			break;
	if (d == NULL) {
		if ((d = malloc(sizeof *d)) == NULL)
			return AR_ENOMEM;
		if ((d->doc_no = copy_text(doc, len)) == NULL) {
			free(d);
			return AR_ENOMEM;
		}
		d->raised = d->resolved = SEQ_NONE;
		d->next = c->disputes;
		c->disputes = d;
	}
	if (resolved && journal_seq_after(at, d->resolved))
		d->resolved = at;
	if (!resolved && journal_seq_after(at, d->raised))
		d->raised = at;
	return AR_OK;
}

/* One journal row, read and checked whole before anything changes. */
struct jrow {
	struct journal_seq at;
	const char *customer, *action, *doc;
	size_t customer_len, action_len, doc_len;
	bool promise;
	civil_day due;                 /* of a promise */
	bool has_amount;
	int64_t amount;
	currency_id currency;
	bool currency_given;           /* the row named its currency */
	int level;                     /* of a letter, email or sms: 0 when none */
	int stage;                     /* of a legal_stage row: its level, 0 when none */
	bool level_currency_given;     /* and its currency */
	currency_id level_currency;
};

/* A promise's due date, and its amount, if any, in its currency (else j's default). */
static ar_err
read_promise(const struct csvio_record *rec, const struct journal_columns *cols,
    const struct item_format *fmt, struct jrow *row, struct ar_error *problem)
{
	size_t len;
	const char *t = items_field(rec, cols->due, &len);
	ar_err err;

	if (len == 0)
		return ar_error_set(problem, AR_ESYNTAX, rec->line, "a promise needs a due date");
	if ((err = date_parse(t, len, &fmt->dates, &row->due)) != AR_OK)
		return ar_error_set(problem, err, rec->line, "due \"%s\" is not a date", t);
	t = items_field(rec, cols->currency, &len);
	row->currency_given = len > 0;
	if (len > 0 && (err = currency_lookup(t, len, &row->currency)) != AR_OK)
		return ar_error_set(problem, err, rec->line,
		    "currency \"%s\" is not a known currency code", t);
	t = items_field(rec, cols->amount, &len);
	if (len == 0)
		return AR_OK;
	err = money_parse(t, len, currency_exponent(row->currency), fmt->decimal, &row->amount);
	if (err == AR_EDECIMALS) {
		char msg[sizeof problem->message];

		money_decimals_message(msg, sizeof msg, "amount", t, len, row->currency,
		    "[input] decimal");
		return ar_error_set(problem, err, rec->line, "%s", msg);
	}
	if (err != AR_OK)
		return ar_error_set(problem, err, rec->line, "amount \"%s\" is not an amount", t);
	row->has_amount = true;
	return AR_OK;
}

/* A dunning level: 1 to 99. */
static ar_err
read_level(const char *s, size_t len, int *level)
{
	int v = 0;

	if (len == 0 || len > 2)
		return len > 2 ? AR_ERANGE : AR_ESYNTAX;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return AR_ESYNTAX;
		v = v * 10 + (s[i] - '0');
	}
	if (v == 0)
		return AR_ERANGE;
	*level = v;
	return AR_OK;
}

static ar_err
read_row(const struct journal *j, const struct csvio_record *rec,
    const struct journal_columns *cols, const struct item_format *fmt, struct jrow *row,
    struct ar_error *problem)
{
	size_t len;
	const char *s = items_field(rec, cols->date, &len);
	ar_err err;

	memset(row, 0, sizeof *row);
	row->due = DATE_NONE;
	row->currency = j->default_currency;
	if ((err = date_parse(s, len, &fmt->dates, &row->at.date)) != AR_OK)
		return ar_error_set(problem, err, rec->line, "date \"%s\" is not a date", s);
	row->at.line = rec->line;
	row->customer = items_field(rec, cols->customer, &row->customer_len);
	if (row->customer_len == 0)
		return ar_error_set(problem, AR_ESYNTAX, rec->line, "customer is empty");
	row->action = items_field(rec, cols->action, &row->action_len);
	if (row->action_len == 0)
		return ar_error_set(problem, AR_ESYNTAX, rec->line, "action is empty");
	row->doc = items_field(rec, cols->doc_no, &row->doc_len);
	row->promise = is_action(row->action, row->action_len, "promise");
	if (is_action(row->action, row->action_len, "hold")) {
		s = items_field(rec, cols->due, &len);
		if (len > 0 && (err = date_parse(s, len, &fmt->dates, &row->due)) != AR_OK)
			return ar_error_set(problem, err, rec->line, "due \"%s\" of a hold is not a date", s);
	}
	if (is_action(row->action, row->action_len, "letter") ||
	    is_action(row->action, row->action_len, "email") ||
	    is_action(row->action, row->action_len, "sms") ||
	    is_action(row->action, row->action_len, "im")) {
		s = items_field(rec, cols->level, &len);
		if (len > 0 && (err = read_level(s, len, &row->level)) != AR_OK)
			return ar_error_set(problem, err, rec->line,
			    "level \"%s\" is not a dunning level (a whole number from 1 to 99)", s);
		s = items_field(rec, cols->currency, &len);
		if (row->level > 0 && len > 0) {
			if ((err = currency_lookup(s, len, &row->level_currency)) != AR_OK)
				return ar_error_set(problem, err, rec->line,
				    "currency \"%s\" is not a known currency code", s);
			row->level_currency_given = true;
		}
	}
	if (is_action(row->action, row->action_len, "legal_stage")) {
		s = items_field(rec, cols->level, &len);
		if (len > 0 && (err = read_level(s, len, &row->stage)) != AR_OK)
			return ar_error_set(problem, err, rec->line,
			    "level \"%s\" is not a legal stage (a whole number from 1 to 99)", s);
	}
	return row->promise ? read_promise(rec, cols, fmt, row, problem) : AR_OK;
}

/* The stage a legal case reached, the latest row winning. */
static ar_err
add_case_stage(struct jcustomer *c, const struct jrow *row)
{
	struct jcase *k;

	for (k = c->cases; k != NULL; k = k->next)
		if (strlen(k->case_no) == row->doc_len && memcmp(k->case_no, row->doc, row->doc_len) == 0)
			break;
	if (k == NULL) {
		if ((k = calloc(1, sizeof *k)) == NULL)
			return AR_ENOMEM;
		if ((k->case_no = copy_text(row->doc, row->doc_len)) == NULL) {
			free(k);
			return AR_ENOMEM;
		}
		k->at = SEQ_NONE;
		k->next = c->cases;
		c->cases = k;
	}
	if (journal_seq_after(row->at, k->at)) {
		k->at = row->at;
		k->stage = row->stage;
	}
	return AR_OK;
}

/* What the row says about its customer: the last action, a promise, a dispute. */
static ar_err
apply_row(struct journal *j, const struct jrow *row)
{
	const char *action = row->action;
	size_t alen = row->action_len;
	struct jcustomer *c;
	ar_err err;

	if ((err = customer_of(j, row->customer, row->customer_len, &c)) != AR_OK)
		return err;
	if (journal_seq_after(row->at, c->last)) {
		char *a = copy_text(action, alen);

		if (a == NULL)
			return AR_ENOMEM;
		free(c->last_action);
		c->last_action = a;
		c->last = row->at;
	}
	if (row->level > 0) {
		struct dunned *d;

		if (journal_seq_after(row->at, c->dunned)) {
			c->dunned = row->at;
			c->dun_level = row->level;
		}
		for (d = c->dunned_by; d != NULL; d = d->next)
			if (d->has_currency == row->level_currency_given &&
			    (!d->has_currency || d->currency == row->level_currency))
				break;
		if (d == NULL) {
			if ((d = calloc(1, sizeof *d)) == NULL)
				return AR_ENOMEM;
			d->has_currency = row->level_currency_given;
			d->currency = row->level_currency;
			d->at = SEQ_NONE;
			d->next = c->dunned_by;
			c->dunned_by = d;
		}
		if (journal_seq_after(row->at, d->at)) {
			d->at = row->at;
			d->level = row->level;
		}
	}
	if (is_action(action, alen, "hold") && journal_seq_after(row->at, c->hold)) {
		c->hold = row->at;
		c->hold_until = row->due;
	}
	if (row->promise) {
		if (journal_seq_after(row->at, c->promise)) {
			c->promise = row->at;
			c->promise_due = row->due;
			c->promise_has_amount = row->has_amount;
			c->promise_amount = row->amount;
			c->promise_currency = row->currency;
			c->promise_currency_given = row->currency_given;
		}
	} else if (is_action(action, alen, "promise_broken") ||
	    is_action(action, alen, "promise_kept") || is_action(action, alen, "payment")) {
		if (journal_seq_after(row->at, c->promise_closed)) {
			c->promise_closed = row->at;
			c->promise_closed_broken = is_action(action, alen, "promise_broken");
		}
	} else if (is_action(action, alen, "agency_assign")) {
		if (journal_seq_after(row->at, c->agency_assign))
			c->agency_assign = row->at;
	} else if (is_action(action, alen, "agency_recall")) {
		if (journal_seq_after(row->at, c->agency_recall))
			c->agency_recall = row->at;
	} else if (is_action(action, alen, "legal_stage")) {
		/* A row of no case (a doc_no that is no case number, or no stage) is not a case. */
		if (legal_case_id_valid(row->doc, row->doc_len) && row->stage > 0)
			return add_case_stage(c, row);
	} else if (is_action(action, alen, "dispute")) {
		return add_dispute(c, row->doc, row->doc_len, row->at, false);
	} else if (is_action(action, alen, "dispute_resolved")) {
		return add_dispute(c, row->doc, row->doc_len, row->at, true);
	}
	return AR_OK;
}

ar_err
journal_add(struct journal *j, const struct csvio_record *rec,
    const struct journal_columns *cols, const struct item_format *fmt,
    struct ar_error *problem)
{
	struct jrow row;
	ar_err err;

	if ((err = read_row(j, rec, cols, fmt, &row, problem)) != AR_OK)
		return err;
	/* Checked whole before anything changes, so a refused row leaves no trace. */
	j->rows++;
	if (row.at.date > j->as_of) {
		j->future++;
		return AR_OK;
	}
	return apply_row(j, &row);
}

static int
by_doc(const void *a, const void *b)
{
	return strcmp((*(struct dispute *const *)a)->doc_no, (*(struct dispute *const *)b)->doc_no);
}

static ar_err
work_out(struct journal *j, struct jcustomer *c)
{
	struct journal_facts *f = &c->facts;
	struct dispute **open = NULL;
	size_t n = 0, size = 1;

	f->last_date = c->last.date;
	f->last_action = c->last_action ? c->last_action : "";
	f->promise_open = c->promise.date != DATE_NONE && c->promise_due >= j->as_of &&
	    !journal_seq_after(c->promise_closed, c->promise);
	if (f->promise_open) {
		f->promise_due = c->promise_due;
		f->promise_date = c->promise.date;
		f->promise_has_amount = c->promise_has_amount;
		f->promise_amount = c->promise_amount;
		f->promise_currency = c->promise_currency;
		f->promise_currency_given = c->promise_currency_given;
	}
	/* Broken: due before the as-of date, and no promise_kept or payment since. */
	f->promise_broken = c->promise.date != DATE_NONE && journal_seq_after(c->promise_closed, c->promise) ?
	    c->promise_closed_broken : c->promise.date != DATE_NONE && c->promise_due < j->as_of;
	f->dun_level = c->dun_level;
	f->dun_date = c->dunned.date;
	f->held = c->hold.date != DATE_NONE && (c->hold_until == DATE_NONE || c->hold_until >= j->as_of);
	f->hold_until = f->held ? c->hold_until : DATE_NONE;
	f->with_agency = journal_seq_after(c->agency_assign, c->agency_recall);
	f->legal_open = false;
	for (struct jcase *k = c->cases; k != NULL; k = k->next)
		f->legal_open = f->legal_open || !legal_level_ends(k->stage);
	f->dispute_since = DATE_NONE;
	f->dispute_docs = "";
	for (struct dispute *d = c->disputes; d != NULL; d = d->next)
		n += journal_seq_after(d->raised, d->resolved);
	f->open_disputes = n;
	if (n == 0)
		return AR_OK;
	if ((open = malloc(n * sizeof *open)) == NULL)
		return AR_ENOMEM;
	n = 0;
	for (struct dispute *d = c->disputes; d != NULL; d = d->next) {
		if (!journal_seq_after(d->raised, d->resolved))
			continue;
		open[n++] = d;
		size += (d->doc_no[0] ? strlen(d->doc_no) : strlen("(account)")) + 2;
		if (f->dispute_since == DATE_NONE || d->raised.date < f->dispute_since)
			f->dispute_since = d->raised.date;
	}
	qsort(open, n, sizeof *open, by_doc);
	if ((c->docs = malloc(size)) == NULL) {
		free(open);
		return AR_ENOMEM;
	}
	c->docs[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(c->docs, "; ");
		strcat(c->docs, open[i]->doc_no[0] ? open[i]->doc_no : "(account)");
	}
	f->dispute_docs = c->docs;
	free(open);
	return AR_OK;
}

bool
journal_dunned(struct journal *j, const char *customer, size_t len, currency_id currency,
    int *level, civil_day *date)
{
	const struct dunned *best = NULL;
	uint32_t n;

	*level = 0;
	*date = DATE_NONE;
	if (!strtab_find(j->ids, customer, len, &n))
		return false;
	for (const struct dunned *d = j->cust[n].dunned_by; d != NULL; d = d->next)
		if ((!d->has_currency || d->currency == currency) &&
		    (best == NULL || journal_seq_after(d->at, best->at)))
			best = d;
	if (best == NULL)
		return false;
	*level = best->level;
	*date = best->at.date;
	return true;
}

bool
journal_disputed(struct journal *j, const char *customer, size_t len, const char *doc_no,
    size_t dlen)
{
	uint32_t n;

	if (!strtab_find(j->ids, customer, len, &n))
		return false;
	for (const struct dispute *d = j->cust[n].disputes; d != NULL; d = d->next) {
		size_t l = strlen(d->doc_no);

		if (journal_seq_after(d->raised, d->resolved) &&
		    (l == 0 || (l == dlen && memcmp(d->doc_no, doc_no, dlen) == 0)))
			return true;
	}
	return false;
}

const struct journal_facts *
journal_find(struct journal *j, const char *customer, size_t len)
{
	struct jcustomer *c;
	uint32_t n;

	if (!strtab_find(j->ids, customer, len, &n))
		return NULL;
	c = &j->cust[n];
	if (!c->worked) {
		/* Out of memory here: report the facts without the dispute list. */
		if (work_out(j, c) != AR_OK)
			c->facts.dispute_docs = "";
		c->worked = true;
	}
	return &c->facts;
}

unsigned long
journal_rows(const struct journal *j)
{
	return j->rows;
}

unsigned long
journal_future_rows(const struct journal *j)
{
	return j->future;
}

ar_err
journal_load(struct journal *j, struct csvio_reader *r, const struct item_format *fmt,
    bad_row_fn bad_row, void *ctx, struct ar_error *e)
{
	struct journal_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (journal_bind(r, &cols, &missing) != AR_OK)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", missing);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		err = journal_add(j, &rec, &cols, fmt, e);
		if (err == AR_OK)
			continue;
		if (err == AR_ENOMEM || bad_row == NULL ||
		    bad_row(ctx, csvio_name(r), rec.line, e->message) != ROW_SKIP)
			return err;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}
