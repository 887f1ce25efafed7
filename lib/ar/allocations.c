/* allocations.c - the allocations stream, written and read back. */
#include "ar/allocations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

const char *const allocations_columns[ALLOCATIONS_NCOLUMNS] = {
	"payment_id", "customer", "doc_no", "currency", "amount", "rule", "confidence"
};

static const char *const rule_words[ALLOCATION_RULES] = {
	"remittance", "reference", "exact_amount", "combination", "bank_charge",
	"partial", "on_account"
};

const char *
allocation_rule_word(enum allocation_rule rule)
{
	return rule < ALLOCATION_RULES ? rule_words[rule] : "";
}

ar_err
allocation_rule_parse(const char *word, enum allocation_rule *rule)
{
	for (int i = 0; i < ALLOCATION_RULES; i++)
		if (strcmp(word, rule_words[i]) == 0) {
			*rule = (enum allocation_rule)i;
			return AR_OK;
		}
	return AR_ESYNTAX;
}

void
allocations_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, allocations_columns, ALLOCATIONS_NCOLUMNS);
}

void
allocations_write(struct csvio_writer *w, const struct allocation *a)
{
	char confidence[8];

	snprintf(confidence, sizeof confidence, "%d", a->confidence < 0 ? 0
	    : a->confidence > 100 ? 100 : a->confidence);
	csvio_write_str(w, a->payment_id);
	csvio_write_str(w, a->customer);
	csvio_write_str(w, a->doc_no);
	csvio_write_str(w, currency_code(a->currency));
	csvio_write_money(w, a->amount, currency_exponent(a->currency));
	csvio_write_str(w, allocation_rule_word(a->rule));
	csvio_write_str(w, confidence);
	csvio_end_record(w);
}

ar_err
allocations_bind(const struct csvio_reader *r, struct allocation_columns *c, const char **missing)
{
	int *cols[ALLOCATIONS_NCOLUMNS] = { &c->payment_id, &c->customer, &c->doc_no, &c->currency,
	    &c->amount, &c->rule, &c->confidence };

	for (int i = 0; i < ALLOCATIONS_NCOLUMNS; i++) {
		*cols[i] = csvio_column(r, allocations_columns[i]);
		if (*cols[i] < 0 && cols[i] != &c->confidence) {
			*missing = allocations_columns[i];
			return AR_ECOLUMN;
		}
	}
	return AR_OK;
}

ar_err
allocations_parse(const struct csvio_record *rec, const struct allocation_columns *c,
    struct allocation *a, struct ar_error *e)
{
	const struct csvio_field *cur = &rec->field[c->currency], *amt = &rec->field[c->amount];
	ar_err err;

	a->payment_id = rec->field[c->payment_id].ptr;
	a->customer = rec->field[c->customer].ptr;
	a->doc_no = rec->field[c->doc_no].ptr;
	a->confidence = c->confidence >= 0 ? atoi(rec->field[c->confidence].ptr) : 0;
	if (a->payment_id[0] == '\0' || a->customer[0] == '\0') {
		ar_error_set(e, AR_ESYNTAX, rec->line, "%s is empty",
		    a->payment_id[0] == '\0' ? "payment_id" : "customer");
		return AR_ESYNTAX;
	}
	if (currency_lookup(cur->ptr, cur->len, &a->currency) != AR_OK) {
		ar_error_set(e, AR_ECURRENCY, rec->line, "currency \"%.8s\" is not known", cur->ptr);
		return AR_ECURRENCY;
	}
	if ((err = money_parse(amt->ptr, amt->len, currency_exponent(a->currency),
	    MONEY_DECIMAL_POINT, &a->amount)) != AR_OK) {
		ar_error_set(e, err, rec->line, "amount \"%.40s\" is not an amount in %s", amt->ptr,
		    currency_code(a->currency));
		return err;
	}
	if (allocation_rule_parse(rec->field[c->rule].ptr, &a->rule) != AR_OK) {
		ar_error_set(e, AR_ESYNTAX, rec->line, "rule \"%.40s\" is not one of ar-match's",
		    rec->field[c->rule].ptr);
		return AR_ESYNTAX;
	}
	return AR_OK;
}
