/* journal.c - the collections journal read into per-customer facts. */
#include "journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"
#include "strtab.h"

/* "Later" in the journal: by date, then by line for rows of one day. */
struct seq {
	civil_day date;
	long line;
};

static const struct seq SEQ_NONE = { DATE_NONE, 0 };

static bool
seq_after(struct seq a, struct seq b)
{
	return a.date > b.date || (a.date == b.date && a.line > b.line);
}

struct dispute {
	char *doc_no;
	struct seq raised, resolved;   /* the latest of each; SEQ_NONE when none */
	struct dispute *next;
};

struct jcustomer {
	struct seq last;
	char *last_action;
	struct seq promise, promise_closed;
	civil_day promise_due;
	bool promise_has_amount;
	int64_t promise_amount;
	currency_id promise_currency;
	struct dispute *disputes;
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

static ar_err
bad(struct journal_problem *p, ar_err err, const char *fmt, const char *col,
    const char *text)
{
	snprintf(p->message, sizeof p->message, fmt, col, text);
	return err;
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
	}
	*out = &j->cust[n];
	return AR_OK;
}

static ar_err
add_dispute(struct jcustomer *c, const char *doc, size_t len, struct seq at, bool resolved)
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
	if (resolved && seq_after(at, d->resolved))
		d->resolved = at;
	if (!resolved && seq_after(at, d->raised))
		d->raised = at;
	return AR_OK;
}

ar_err
journal_add(struct journal *j, const struct csvio_record *rec,
    const struct journal_columns *cols, const struct item_format *fmt,
    struct journal_problem *problem)
{
	size_t len, alen, dlen;
	const char *s, *action, *doc;
	struct jcustomer *c;
	struct seq at;
	civil_day due = DATE_NONE;
	int64_t amount = 0;
	bool has_amount = false;
	currency_id cur = j->default_currency;
	ar_err err;

	s = items_field(rec, cols->date, &len);
	if ((err = date_parse(s, len, &fmt->dates, &at.date)) != AR_OK)
		return bad(problem, err, "%s \"%s\" is not a date", "date", s);
	at.line = rec->line;
	s = items_field(rec, cols->customer, &len);
	if (len == 0)
		return bad(problem, AR_ESYNTAX, "%s is empty%s", "customer", "");
	action = items_field(rec, cols->action, &alen);
	if (alen == 0)
		return bad(problem, AR_ESYNTAX, "%s is empty%s", "action", "");
	doc = items_field(rec, cols->doc_no, &dlen);
	if (is_action(action, alen, "promise")) {
		const char *t = items_field(rec, cols->due, &len);

		if (len == 0)
			return bad(problem, AR_ESYNTAX, "a promise needs a %s date%s", "due", "");
		if ((err = date_parse(t, len, &fmt->dates, &due)) != AR_OK)
			return bad(problem, err, "%s \"%s\" is not a date", "due", t);
		t = items_field(rec, cols->currency, &len);
		if (len > 0 && (err = currency_lookup(t, len, &cur)) != AR_OK)
			return bad(problem, err, "%s \"%s\" is not a known currency code", "currency", t);
		t = items_field(rec, cols->amount, &len);
		if (len > 0) {
			if ((err = money_parse(t, len, currency_exponent(cur), fmt->decimal,
			    &amount)) != AR_OK)
				return bad(problem, err, "%s \"%s\" is not an amount", "amount", t);
			has_amount = true;
		}
	}
	/* Checked whole before anything changes, so a refused row leaves no trace. */
	j->rows++;
	if (at.date > j->as_of) {
		j->future++;
		return AR_OK;
	}
	s = items_field(rec, cols->customer, &len);
	if ((err = customer_of(j, s, len, &c)) != AR_OK)
		return err;
	if (seq_after(at, c->last)) {
		char *a = copy_text(action, alen);

		if (a == NULL)
			return AR_ENOMEM;
		free(c->last_action);
		c->last_action = a;
		c->last = at;
	}
	if (is_action(action, alen, "promise")) {
		if (seq_after(at, c->promise)) {
			c->promise = at;
			c->promise_due = due;
			c->promise_has_amount = has_amount;
			c->promise_amount = amount;
			c->promise_currency = cur;
		}
	} else if (is_action(action, alen, "promise_broken") ||
	    is_action(action, alen, "promise_kept") || is_action(action, alen, "payment")) {
		if (seq_after(at, c->promise_closed))
			c->promise_closed = at;
	} else if (is_action(action, alen, "dispute")) {
		return add_dispute(c, doc, dlen, at, false);
	} else if (is_action(action, alen, "dispute_resolved")) {
		return add_dispute(c, doc, dlen, at, true);
	}
	return AR_OK;
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
	    !seq_after(c->promise_closed, c->promise);
	if (f->promise_open) {
		f->promise_due = c->promise_due;
		f->promise_date = c->promise.date;
		f->promise_has_amount = c->promise_has_amount;
		f->promise_amount = c->promise_amount;
		f->promise_currency = c->promise_currency;
	}
	f->dispute_since = DATE_NONE;
	f->dispute_docs = "";
	for (struct dispute *d = c->disputes; d != NULL; d = d->next)
		n += seq_after(d->raised, d->resolved);
	f->open_disputes = n;
	if (n == 0)
		return AR_OK;
	if ((open = malloc(n * sizeof *open)) == NULL)
		return AR_ENOMEM;
	n = 0;
	for (struct dispute *d = c->disputes; d != NULL; d = d->next) {
		if (!seq_after(d->raised, d->resolved))
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
