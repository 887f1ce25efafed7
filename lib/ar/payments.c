/* payments.c - writing the payments stream; the payment_id rule. */
#include "ar/payments.h"

#include <stdio.h>

const char *const payments_columns[PAYMENTS_NCOLUMNS] = {
	"payment_id", "value_date", "currency", "amount", "payer",
	"payer_account", "reference", "channel", "ref1", "ref2", "bank_ref",
	"statement", "account", "booking_date", "narrative"
};

size_t
payments_make_id(char *buf, const char *statement, unsigned long n)
{
	int len = snprintf(buf, PAYMENT_ID_MAX, "%s:%lu", statement, n);

	if (len < 0)
		return 0;
	return (size_t)len < PAYMENT_ID_MAX ? (size_t)len : PAYMENT_ID_MAX - 1;
}

void
payments_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, payments_columns, PAYMENTS_NCOLUMNS);
}

void
payments_write(struct csvio_writer *w, const struct payment *p)
{
	csvio_write_str(w, p->id);
	csvio_write_day(w, p->value_date);
	csvio_write_str(w, currency_code(p->currency));
	csvio_write_money(w, p->amount, currency_exponent(p->currency));
	csvio_write_str(w, p->payer);
	csvio_write_str(w, p->payer_account);
	csvio_write_str(w, p->reference);
	csvio_write_str(w, p->channel);
	csvio_write_str(w, p->ref1);
	csvio_write_str(w, p->ref2);
	csvio_write_str(w, p->bank_ref);
	csvio_write_str(w, p->statement);
	csvio_write_str(w, p->account);
	csvio_write_day(w, p->booking_date);
	csvio_write_str(w, p->narrative);
	csvio_end_record(w);
}
