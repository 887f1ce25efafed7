/* refund_pay.c - the approved proposal weighed for payment: paid, not paid, refused. */
#include "ar/refund_pay.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/journal_write.h"
#include "core/strtab.h"

/* The journal action of a refund paid. */
#define REFUND_ACTION "refund"

struct refund_approved {
	civil_day as_of, value_date;
	const struct customer_table *master;
	const char *master_name;
	struct strtab *seen;       /* every refund_id of the file */
	struct strtab *paid;       /* the refs of the journal's refund rows */
	struct refund_approved_tally tally;
	uint32_t first_paid;       /* in seen, when tally.already_paid > 0 */
	struct refund_line *lines; /* each line's texts in one block, at its refund_id */
	size_t n, cap;
};

struct refund_approved *
refund_approved_new(civil_day as_of, civil_day value_date, const struct customer_table *master,
    const char *master_name)
{
	struct refund_approved *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->as_of = as_of;
	s->value_date = value_date;
	s->master = master;
	s->master_name = master_name != NULL ? master_name : "";
	if ((s->seen = strtab_new(64)) == NULL || (s->paid = strtab_new(256)) == NULL) {
		refund_approved_free(s);
		return NULL;
	}
	return s;
}

void
refund_approved_free(struct refund_approved *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free((char *)s->lines[i].refund_id);
	free(s->lines);
	strtab_free(s->seen);
	strtab_free(s->paid);
	free(s);
}

ar_err
refund_approved_note_journal(struct refund_approved *s, const char *action, size_t alen,
    const char *ref, size_t rlen)
{
	uint32_t id;
	bool added;

	/* Every refund row counts, whatever its date: paid is paid. */
	if (alen != strlen(REFUND_ACTION) || memcmp(action, REFUND_ACTION, alen) != 0 || rlen == 0)
		return AR_OK;
	return strtab_intern(s->paid, ref, rlen, &id, &added);
}

/* The bank details of an approved row must be the master's. */
static ar_err
check_master(const struct refund_approved *s, const struct refund_line *l, long line,
    struct ar_error *e)
{
	const struct customer *m = refund_master(s->master, l->customer);
	const char *holder;
	char a[REFUND_ACCOUNT_MAX], b[REFUND_ACCOUNT_MAX];

	if (m == NULL)
		return ar_error_set(e, AR_ESYNTAX, line, "%s: customer %s is not in %s",
		    l->refund_id, l->customer, s->master_name);
	holder = refund_bank_holder(m);
	if (!refund_account_valid(m->bank_account, a) || !refund_account_valid(l->bank_account, b) ||
	    strcmp(a, b) != 0 || strcmp(m->bank_code, l->bank_code) != 0 ||
	    strcmp(holder, l->bank_holder) != 0)
		return ar_error_set(e, AR_ESYNTAX, line, "%s: the bank details are not those of %s in "
		    "%s (%s %s %s): propose again", l->refund_id, l->customer, s->master_name, holder,
		    m->bank_account, m->bank_code);
	return AR_OK;
}

/* text copied at *p, which moves past it. */
static const char *
put(char **p, const char *text)
{
	size_t len = strlen(text) + 1;
	const char *at = memcpy(*p, text, len);

	*p += len;
	return at;
}

/* Keep l to pay, its texts copied into one block that starts with its refund_id. */
static ar_err
keep(struct refund_approved *s, const struct refund_line *l, civil_day value_date)
{
	size_t size = strlen(l->refund_id) + strlen(l->customer) + strlen(l->name) +
	    strlen(l->items) + strlen(l->bank_holder) + strlen(l->bank_account) +
	    strlen(l->bank_code) + 7;
	struct refund_line *k;
	char *p;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct refund_line *n = realloc(s->lines, cap * sizeof *n);

		if (n == NULL)
			return AR_ENOMEM;
		s->lines = n;
		s->cap = cap;
	}
	if ((p = malloc(size)) == NULL)
		return AR_ENOMEM;
	k = &s->lines[s->n++];
	*k = *l;
	k->refund_id = put(&p, l->refund_id);
	k->customer = put(&p, l->customer);
	k->name = put(&p, l->name);
	k->items = put(&p, l->items);
	k->bank_holder = put(&p, l->bank_holder);
	k->bank_account = put(&p, l->bank_account);
	k->bank_code = put(&p, l->bank_code);
	k->status = "approved";
	k->value_date = value_date;
	return AR_OK;
}

ar_err
refund_approved_add(struct refund_approved *s, const struct refund_line *l, long line,
    enum refund_verdict *verdict, struct ar_error *e)
{
	enum refund_verdict ignored;
	civil_day value_date;
	uint32_t id, paid;
	bool added;
	ar_err err;

	if (verdict == NULL)
		verdict = &ignored;
	if ((err = strtab_intern(s->seen, l->refund_id, strlen(l->refund_id), &id, &added)) != AR_OK)
		return err;
	if (!added)
		return ar_error_set(e, AR_ESYNTAX, line, "refund_id %s twice", l->refund_id);
	if (!l->approved) {
		s->tally.not_approved++;
		if (strcmp(l->status, "proposed") == 0)
			s->tally.proposed++;
		else if (strcmp(l->status, "excluded") == 0)
			s->tally.excluded++;
		else
			s->tally.other++;
		*verdict = REFUND_NOT_APPROVED;
		return AR_OK;
	}
	if (strtab_find(s->paid, l->refund_id, strlen(l->refund_id), &paid)) {
		if (s->tally.already_paid++ == 0)
			s->first_paid = id;
		*verdict = REFUND_ALREADY_PAID;
		return AR_OK;
	}
	if (s->master != NULL && (err = check_master(s, l, line, e)) != AR_OK)
		return err;
	value_date = l->value_date != DATE_NONE ? l->value_date : s->value_date;
	if (value_date < s->as_of)
		return ar_error_set(e, AR_ERANGE, line, "%s: value_date is before the as-of date: a "
		    "bank does not pay in the past", l->refund_id);
	if ((err = keep(s, l, value_date)) != AR_OK)
		return err;
	*verdict = REFUND_TO_PAY;
	return AR_OK;
}

void
refund_approved_tally(const struct refund_approved *s, struct refund_approved_tally *t)
{
	*t = s->tally;
	t->first_paid = s->tally.already_paid > 0 ? strtab_key(s->seen, s->first_paid) : NULL;
}

const struct refund_line *
refund_approved_lines(const struct refund_approved *s, size_t *n)
{
	*n = s->n;
	return s->lines;
}

void
refund_journal_entry(const struct refund_line *l, const char *note, const char *user,
    struct journal_entry *out)
{
	*out = (struct journal_entry)JOURNAL_ENTRY_INIT;
	out->date = l->value_date;
	out->customer = l->customer;
	out->action = REFUND_ACTION;
	out->has_amount = out->has_currency = true;
	out->amount = l->amount;
	out->currency = l->currency;
	out->ref = l->refund_id;
	out->note = note;
	out->user = user;
}
