/* dunning_sends.c - the sends of a run with their items (dunning_sends.h). */
#include "report/dunning_sends.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strtab.h"

struct send {
	struct dunning_doc doc;
	struct dunning_doc_line *lines;
	size_t n, cap;
};

struct dunning_sends {
	struct strtab *keys;    /* (customer, currency) -> index in v */
	struct send *v;
	size_t n, cap;
};

ar_err
dunning_sends_new(struct dunning_sends **out)
{
	struct dunning_sends *s = calloc(1, sizeof *s);

	*out = NULL;
	if (s == NULL || (s->keys = strtab_new(256)) == NULL) {
		free(s);
		return AR_ENOMEM;
	}
	*out = s;
	return AR_OK;
}

void
dunning_sends_free(struct dunning_sends *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t k = 0; k < s->v[i].n; k++)
			free(s->v[i].lines[k].doc_no);
		free(s->v[i].lines);
	}
	free(s->v);
	strtab_free(s->keys);
	free(s);
}

static void
key_of(uint32_t customer, currency_id cur, unsigned char key[8])
{
	uint32_t c = (uint32_t)cur;

	memcpy(key, &customer, 4);
	memcpy(key + 4, &c, 4);
}

ar_err
dunning_sends_add(struct dunning_sends *s, const struct dunning_decision *x, const char *id,
    const struct customer *c, enum report_lang lang)
{
	unsigned char key[8];
	uint32_t k;
	bool added;
	ar_err err;

	key_of(x->customer, x->currency, key);
	if ((err = strtab_intern(s->keys, (const char *)key, 8, &k, &added)) != AR_OK)
		return err;
	if (!added || k != s->n)
		return AR_EUSAGE;   /* one send per customer and currency */
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct send *v = realloc(s->v, cap * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	memset(&s->v[s->n], 0, sizeof s->v[s->n]);
	s->v[s->n].doc.customer_id = id;
	s->v[s->n].doc.customer = c;
	s->v[s->n].doc.x = *x;
	s->v[s->n].doc.lang = lang;
	s->n++;
	return AR_OK;
}

ar_err
dunning_sends_add_item(struct dunning_sends *s, struct dunning *d, uint32_t customer,
    currency_id cur, const char *doc_no, size_t len, civil_day doc_date, civil_day due,
    int64_t amount, bool disputed)
{
	unsigned char key[8];
	uint32_t k;
	struct send *sd;
	struct dunning_doc_line *l;
	bool in;
	long days;
	int64_t interest;
	ar_err err;

	key_of(customer, cur, key);
	if (!strtab_find(s->keys, (const char *)key, 8, &k))
		return AR_OK;
	if ((err = dunning_item_line(d, customer, doc_no, len, due, amount, disputed, &in, &days,
	    &interest)) != AR_OK || !in)
		return err;
	sd = &s->v[k];
	if (sd->n == sd->cap) {
		size_t cap = sd->cap ? sd->cap * 2 : 8;
		struct dunning_doc_line *v = realloc(sd->lines, cap * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		sd->lines = v;
		sd->cap = cap;
	}
	l = &sd->lines[sd->n];
	if ((l->doc_no = malloc(len + 1)) == NULL)
		return AR_ENOMEM;
	memcpy(l->doc_no, doc_no, len);
	l->doc_no[len] = '\0';
	l->doc_date = doc_date;
	l->due = due;
	l->days = days;
	l->amount = amount;
	l->interest = interest;
	sd->n++;
	return AR_OK;
}

static int
cmp_lines(const void *pa, const void *pb)
{
	const struct dunning_doc_line *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return strcmp(a->doc_no, b->doc_no);
}

ar_err
dunning_sends_finish(struct dunning_sends *s, struct ar_error *e)
{
	for (size_t i = 0; i < s->n; i++) {
		struct send *sd = &s->v[i];
		int64_t amount = 0, interest = 0;

		if (sd->n > 1)
			qsort(sd->lines, sd->n, sizeof *sd->lines, cmp_lines);
		for (size_t k = 0; k < sd->n; k++)
			if (money_add(&amount, sd->lines[k].amount) != AR_OK ||
			    money_add(&interest, sd->lines[k].interest) != AR_OK)
				return ar_error_set(e, AR_EINVARIANT, 0, "the lines of customer \"%s\" "
				    "overflow", sd->doc.customer_id);
		if (amount != sd->doc.x.overdue_amount || interest != sd->doc.x.interest)
			return ar_error_set(e, AR_EINVARIANT, 0, "the letter of customer \"%s\" in %s "
			    "lists %" PRId64 " (interest %" PRId64 ") but its decision says %" PRId64
			    " (%" PRId64 "): were the items read twice differently?",
			    sd->doc.customer_id, currency_code(sd->doc.x.currency), amount, interest,
			    sd->doc.x.overdue_amount, sd->doc.x.interest);
		sd->doc.lines = sd->lines;
		sd->doc.nlines = sd->n;
	}
	return AR_OK;
}

size_t
dunning_sends_count(const struct dunning_sends *s)
{
	return s->n;
}

struct dunning_doc *
dunning_sends_get(struct dunning_sends *s, size_t i)
{
	return i < s->n ? &s->v[i].doc : NULL;
}
