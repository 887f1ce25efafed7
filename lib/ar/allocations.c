/* allocations.c - writing the allocations stream. */
#include "ar/allocations.h"

#include <stdio.h>
#include <string.h>

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
