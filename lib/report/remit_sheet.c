/* remit_sheet.c - ar-remit's review and bank list (remit_sheet.h). */
#include "report/remit_sheet.h"

#include <stdio.h>
#include <string.h>

#include "core/strtab.h"
#include "core/xlsx.h"

#define FIXED_BEFORE 10         /* payment_id .. found_by */
#define FIXED_AFTER 3           /* days, done, requested */
#define MAX_COLUMNS (FIXED_BEFORE + 3 * REMIT_CANDIDATES_MAX + FIXED_AFTER)

static const char *const before[FIXED_BEFORE] = {
	"payment_id", "value_date", "currency", "amount", "payer", "reference", "reason",
	"customer", "name", "found_by"
};
static const char *const after[FIXED_AFTER] = { "days", "done", "requested" };

const char *const remit_bank_columns[REMIT_BANK_NCOLUMNS] = {
	"payment_id", "value_date", "currency", "amount", "payer", "bank_ref", "reference",
	"days", "requested"
};

/* The review's column names, candidate columns numbered: their count. */
struct names {
	char buf[3 * REMIT_CANDIDATES_MAX][40];
	const char *v[MAX_COLUMNS];
};

static int
ncand(const struct remit_review *v)
{
	int n = v->policy->candidates;

	return n < 0 ? 0 : n > REMIT_CANDIDATES_MAX ? REMIT_CANDIDATES_MAX : n;
}

static uint16_t
review_names(const struct remit_review *v, struct names *x)
{
	uint16_t n = 0;

	for (int i = 0; i < FIXED_BEFORE; i++)
		x->v[n++] = before[i];
	for (int k = 0; k < ncand(v); k++) {
		snprintf(x->buf[3 * k], sizeof x->buf[0], "candidate_%d", k + 1);
		snprintf(x->buf[3 * k + 1], sizeof x->buf[0], "candidate_%d_amount", k + 1);
		snprintf(x->buf[3 * k + 2], sizeof x->buf[0], "candidate_%d_difference", k + 1);
		for (int j = 0; j < 3; j++)
			x->v[n++] = x->buf[3 * k + j];
	}
	for (int i = 0; i < FIXED_AFTER; i++)
		x->v[n++] = after[i];
	return n;
}

void
remit_done_text(const struct remit_case *c, char *buf, size_t cap)
{
	char day[DATE_TEXT_MAX];

	switch (c->done) {
	case REMIT_REQUEST:
		snprintf(buf, cap, "%s", c->acted ? "requested" : "to request");
		break;
	case REMIT_ALREADY:
		date_format(c->last_request, day);
		snprintf(buf, cap, "already requested on %s", day);
		break;
	case REMIT_ESCALATE:
		snprintf(buf, cap, "%s", c->acted ? "escalated" : "to escalate");
		break;
	case REMIT_NO_CUSTOMER:
		snprintf(buf, cap, "no customer");
		break;
	case REMIT_NO_EMAIL:
		snprintf(buf, cap, "no e-mail address");
		break;
	}
}

static void
header(struct row_sink *s, const char *const *names, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++)
		s->text(s, names[i]);
	s->end(s);
}

/* The doc_nos of candidate k joined with " + ", into buf. */
static void
candidate_text(const struct remit_review *v, const struct remit_candidate *k, char *buf,
    size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < k->n && used < cap; i++) {
		struct remit_item_info it;

		remit_item(v->book, k->item[i], &it);
		used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? " + " : "", it.doc_no);
	}
}

static void
review_rows(struct row_sink *s, const struct remit_review *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct remit_case *c = &v->cases[i];
		const struct payment *p = &c->p;
		bool has = c->payer.customer != REMIT_NOBODY;
		char done[64], text[1024];

		s->text(s, p->id);
		s->date(s, p->value_date);
		s->text(s, currency_code(p->currency));
		s->money(s, p->amount, p->currency);
		s->text(s, p->payer);
		s->text(s, p->reference[0] != '\0' ? p->reference : p->narrative);
		s->text(s, c->reason);
		s->text(s, has ? strtab_key(v->customers->ids, c->payer.customer) : "");
		s->text(s, has ? customers_get(v->customers, c->payer.customer)->name : "");
		s->text(s, c->payer.note);
		for (size_t k = 0; k < (size_t)ncand(v); k++) {
			if (k >= c->ncand) {
				s->text(s, "");
				s->text(s, "");
				s->text(s, "");
				continue;
			}
			candidate_text(v, &c->cand[k], text, sizeof text);
			s->text(s, text);
			s->money(s, c->cand[k].sum, p->currency);
			s->money(s, c->cand[k].difference, p->currency);
		}
		s->count(s, c->days);
		remit_done_text(c, done, sizeof done);
		s->text(s, done);
		if (c->first_request != DATE_NONE)
			s->date(s, c->first_request);
		else
			s->text(s, "");
		s->end(s);
	}
}

void
remit_review_write(struct row_sink *s, const struct remit_review *v)
{
	struct names x;
	uint16_t n = review_names(v, &x);

	header(s, x.v, n);
	review_rows(s, v);
}

static ar_err
note_row(struct xlsx_book *book, lxw_worksheet *ws, uint32_t row, const char *what,
    const char *text)
{
	ar_err err = xlsx_write_text(book, ws, row, 0, what, strlen(what), NULL);

	return err != AR_OK ? err : xlsx_write_text(book, ws, row, 1, text, strlen(text), NULL);
}

static ar_err
notes(struct xlsx_book *book, const struct remit_review *v)
{
	static const char *const rank =
	    "sets of the customer's open debit items in the credit's currency: each item, each "
	    "pair of the 20 oldest, the 3 to 20 oldest together, the items the texts cite; "
	    "sets the payment's texts cite first, then closest to the amount, then fewer items, "
	    "then older";
	lxw_worksheet *ws = xlsx_add_sheet(book, "Notes");
	char day[DATE_TEXT_MAX], buf[128];
	ar_err err;

	if (ws == NULL)
		return AR_EIO;
	date_format(v->as_of, day);
	if ((err = note_row(book, ws, 0, "as of", day)) != AR_OK)
		return err;
	snprintf(buf, sizeof buf, "%d, ranked as below", ncand(v));
	if ((err = note_row(book, ws, 1, "candidates", buf)) != AR_OK ||
	    (err = note_row(book, ws, 2, "ranking", rank)) != AR_OK)
		return err;
	snprintf(buf, sizeof buf, "not asked again within %d days", v->policy->resend_days);
	if ((err = note_row(book, ws, 3, "requests", buf)) != AR_OK)
		return err;
	snprintf(buf, sizeof buf, "to the bank %d days after the value date",
	    v->policy->escalate_days);
	if ((err = note_row(book, ws, 4, "escalation", buf)) != AR_OK)
		return err;
	xlsx_fit_columns(book, ws);
	return AR_OK;
}

ar_err
remit_review_xlsx(const char *path, const struct remit_review *v, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	struct names names;
	uint16_t n = review_names(v, &names);
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Direct credits", names.v, n)) {
		review_rows(&x.sink, v);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, (uint32_t)v->n, n);
		xlsx_fit_columns(book, x.ws);
	}
	err = x.err;
	if (err == AR_OK)
		err = notes(book, v);
	return row_sink_book_finish(book, err, e);
}

void
remit_bank_list_write(struct row_sink *s, const struct remit_review *v)
{
	header(s, remit_bank_columns, REMIT_BANK_NCOLUMNS);
	for (size_t i = 0; i < v->n; i++) {
		const struct remit_case *c = &v->cases[i];
		const struct payment *p = &c->p;

		if (c->done != REMIT_ESCALATE)
			continue;
		s->text(s, p->id);
		s->date(s, p->value_date);
		s->text(s, currency_code(p->currency));
		s->money(s, p->amount, p->currency);
		s->text(s, p->payer);
		s->text(s, p->bank_ref);
		s->text(s, p->reference[0] != '\0' ? p->reference : p->narrative);
		s->count(s, c->days);
		if (c->first_request != DATE_NONE)
			s->date(s, c->first_request);
		else
			s->text(s, "");
		s->end(s);
	}
}
