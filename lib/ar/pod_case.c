/* pod_case.c - one debtor's proof of debt: claims per currency and the statement (pod_case.h). */
#include "ar/pod_case.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

const char *
pod_line_type_word(const struct pod_stmt_line *l)
{
	return l->kind == POD_LINE_SET_OFF ? "SETOFF" : pod_doc_type_word(l->type);
}

bool
pod_line_supports(const struct pod_stmt_line *l)
{
	return l->kind == POD_LINE_ITEM && l->claimed && (l->type == POD_INV || l->type == POD_DN);
}

void
pod_case_init(struct pod_case *k, const char *customer_id, const struct customer *customer,
    civil_day cut_off, int64_t rate)
{
	memset(k, 0, sizeof *k);
	k->customer_id = customer_id;
	k->customer = customer;
	k->cut_off = cut_off;
	k->rate = rate;
}

void
pod_case_free(struct pod_case *k)
{
	for (size_t i = 0; i < k->nlines; i++)
		free(k->lines[i].doc_no);
	free(k->lines);
	free(k->currencies);
	memset(k, 0, sizeof *k);
}

/* The claim of a currency, added when new. */
static struct pod_currency *
currency_of(struct pod_case *k, currency_id cur)
{
	struct pod_currency *c;

	for (size_t i = 0; i < k->ncurrencies; i++)
		if (k->currencies[i].currency == cur)
			return &k->currencies[i];
	c = realloc(k->currencies, (k->ncurrencies + 1) * sizeof *c);
	if (c == NULL)
		return NULL;
	k->currencies = c;
	c += k->ncurrencies++;
	memset(c, 0, sizeof *c);
	c->currency = cur;
	pod_claim_init(&c->claim, k->cut_off, k->rate);
	return c;
}

/* A new line with its doc_no copied, or NULL. */
static struct pod_stmt_line *
new_line(struct pod_case *k, const char *doc_no, size_t len)
{
	struct pod_stmt_line *l;

	if (k->nlines == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 16;

		if ((l = realloc(k->lines, cap * sizeof *l)) == NULL)
			return NULL;
		k->lines = l;
		k->cap = cap;
	}
	l = &k->lines[k->nlines];
	memset(l, 0, sizeof *l);
	if ((l->doc_no = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(l->doc_no, doc_no, len);
	l->doc_no[len] = '\0';
	l->seq = k->nlines++;
	return l;
}

ar_err
pod_case_add_item(struct pod_case *k, const struct pod_item_in *in, struct ar_error *e)
{
	struct pod_currency *c = currency_of(k, in->currency);
	struct pod_stmt_line *l;
	struct pod_line fate;

	if (c == NULL || (l = new_line(k, in->doc_no, in->doc_no_len)) == NULL)
		return ar_error_set(e, AR_ENOMEM, in->line, "out of memory");
	if (pod_claim_add_item(&c->claim, &in->item, &fate) != AR_OK)
		return ar_error_set(e, AR_ERANGE, in->line, "the claim in %s passes the largest "
		    "amount this program can hold", currency_code(in->currency));
	l->kind = POD_LINE_ITEM;
	l->type = in->item.type;
	l->currency = in->currency;
	l->date = in->item.doc_date;
	l->due = in->item.due;
	l->amount = in->item.amount;
	l->interest_days = fate.interest_days;
	l->interest = fate.interest;
	l->part = in->item.part;
	l->claimed = fate.claimed;
	l->line = in->line;
	return AR_OK;
}

ar_err
pod_case_add_set_off(struct pod_case *k, const struct pod_set_off_in *in, struct ar_error *e)
{
	struct pod_currency *c = currency_of(k, in->currency);
	struct pod_stmt_line *l;
	bool counted;

	if (c == NULL || (l = new_line(k, in->description, in->description_len)) == NULL)
		return ar_error_set(e, AR_ENOMEM, in->line, "out of memory");
	if (pod_claim_add_set_off(&c->claim, in->date, in->amount, &counted) != AR_OK)
		return ar_error_set(e, AR_ERANGE, in->line, "the set-off in %s passes the largest "
		    "amount this program can hold", currency_code(in->currency));
	l->kind = POD_LINE_SET_OFF;
	l->currency = in->currency;
	l->date = in->date;
	l->due = DATE_NONE;
	l->amount = -in->amount;
	l->part = POD_UNSECURED;
	l->claimed = counted;
	l->line = in->line;
	return AR_OK;
}

static int
by_currency(currency_id a, currency_id b)
{
	return a == b ? 0 : strcmp(currency_code(a), currency_code(b));
}

static int
line_order(const void *pa, const void *pb)
{
	const struct pod_stmt_line *a = pa, *b = pb;
	int d = by_currency(a->currency, b->currency);

	if (d != 0)
		return d;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((d = strcmp(a->doc_no, b->doc_no)) != 0)
		return d;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
currency_order(const void *pa, const void *pb)
{
	const struct pod_currency *a = pa, *b = pb;

	return by_currency(a->currency, b->currency);
}

ar_err
pod_case_finish(struct pod_case *k, struct ar_error *e)
{
	size_t at = 0;

	if (k->nlines > 1)
		qsort(k->lines, k->nlines, sizeof *k->lines, line_order);
	if (k->ncurrencies > 1)
		qsort(k->currencies, k->ncurrencies, sizeof *k->currencies, currency_order);
	for (size_t i = 0; i < k->ncurrencies; i++) {
		struct pod_currency *c = &k->currencies[i];
		int64_t balance = 0, expect = c->claim.principal;

		c->first = at;
		for (; at < k->nlines && k->lines[at].currency == c->currency; at++) {
			struct pod_stmt_line *l = &k->lines[at];

			if (l->claimed && (money_add(&balance, l->amount) != AR_OK ||
			    money_add(&balance, l->interest) != AR_OK))
				return ar_error_set(e, AR_ERANGE, l->line, "the claim in %s passes the "
				    "largest amount this program can hold", currency_code(c->currency));
			l->balance = balance;
		}
		c->count = at - c->first;
		if (pod_claim_finish(&c->claim) != AR_OK || money_add(&expect, c->claim.interest) !=
		    AR_OK || money_add(&expect, -c->claim.set_off) != AR_OK)
			return ar_error_set(e, AR_ERANGE, 0, "the claim in %s passes the largest "
			    "amount this program can hold", currency_code(c->currency));
		/* The statement and the claim are two sums of the same lines. */
		if (balance != expect)
			return ar_error_set(e, AR_EINVARIANT, 0, "the statement in %s ends at %lld, "
			    "the claim is %lld: a bug", currency_code(c->currency), (long long)balance,
			    (long long)expect);
	}
	return AR_OK;
}
