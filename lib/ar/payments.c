/* payments.c - writing and reading the payments stream; the payment_id rule. */
#include "ar/payments.h"

#include <stdio.h>
#include <string.h>

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

ar_err
payments_bind(const struct csvio_reader *r, struct payment_columns *c, const char **missing)
{
	c->id = csvio_column(r, "payment_id");
	c->value_date = csvio_column(r, "value_date");
	c->currency = csvio_column(r, "currency");
	c->amount = csvio_column(r, "amount");
	c->payer = csvio_column(r, "payer");
	c->payer_account = csvio_column(r, "payer_account");
	c->reference = csvio_column(r, "reference");
	c->channel = csvio_column(r, "channel");
	c->ref1 = csvio_column(r, "ref1");
	c->ref2 = csvio_column(r, "ref2");
	c->bank_ref = csvio_column(r, "bank_ref");
	c->statement = csvio_column(r, "statement");
	c->account = csvio_column(r, "account");
	c->booking_date = csvio_column(r, "booking_date");
	c->narrative = csvio_column(r, "narrative");
	*missing = c->id < 0 ? "payment_id" : c->value_date < 0 ? "value_date"
	    : c->currency < 0 ? "currency" : c->amount < 0 ? "amount" : NULL;
	return *missing ? AR_ECOLUMN : AR_OK;
}

/* The text of column col, "" when the stream has no such column. */
static const char *
text_of(const struct csvio_record *rec, int col)
{
	return col < 0 ? "" : rec->field[col].ptr;
}

static ar_err
date_of(const struct csvio_record *rec, int col, const char *name,
    const struct date_opts *dates, civil_day *day, struct ar_error *e)
{
	const char *s = text_of(rec, col);
	ar_err err;

	*day = DATE_NONE;
	if (s[0] == '\0')
		return AR_OK;
	if ((err = date_parse(s, strlen(s), dates, day)) != AR_OK)
		return ar_error_set(e, err == AR_ERANGE ? AR_ERANGE : AR_ESYNTAX, rec->line,
		    "%s \"%s\" is not a date (expected YYYY-MM-DD)", name, s);
	return AR_OK;
}

ar_err
payments_parse(const struct csvio_record *rec, const struct payment_columns *c,
    const struct date_opts *dates, struct payment *p, struct ar_error *e)
{
	const char *s;
	ar_err err;

	s = text_of(rec, c->id);
	if (s[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, rec->line, "payment_id is empty");
	if (strlen(s) >= PAYMENT_ID_MAX)
		return ar_error_set(e, AR_ERANGE, rec->line,
		    "payment_id \"%.40s...\" is longer than %d bytes", s, PAYMENT_ID_MAX - 1);
	memcpy(p->id, s, strlen(s) + 1);
	if ((err = date_of(rec, c->value_date, "value_date", dates, &p->value_date, e)) != AR_OK ||
	    (err = date_of(rec, c->booking_date, "booking_date", dates, &p->booking_date, e)) != AR_OK)
		return err;
	if (p->value_date == DATE_NONE)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "value_date is empty");
	s = text_of(rec, c->currency);
	if ((err = currency_lookup(s, strlen(s), &p->currency)) != AR_OK)
		return ar_error_set(e, err, rec->line, "currency \"%s\" is %s", s,
		    err == AR_ECURRENCY ? "not a known currency (add [currency.CODE] to ar.ini)"
		    : "not a currency code (expected three capital letters, e.g. MYR)");
	s = text_of(rec, c->amount);
	err = money_parse(s, strlen(s), currency_exponent(p->currency), MONEY_DECIMAL_POINT,
	    &p->amount);
	if (err == AR_EDECIMALS) {
		char msg[sizeof e->message];

		money_decimals_message(msg, sizeof msg, "amount", s, strlen(s), p->currency, NULL);
		return ar_error_set(e, err, rec->line, "%s", msg);
	}
	if (err != AR_OK)
		return ar_error_set(e, err, rec->line, "amount \"%s\" %s", s,
		    err == AR_ERANGE ? "is too large" : "is not an amount (expected e.g. 1234.56)");
	p->payer = text_of(rec, c->payer);
	p->payer_account = text_of(rec, c->payer_account);
	p->reference = text_of(rec, c->reference);
	p->channel = text_of(rec, c->channel);
	p->ref1 = text_of(rec, c->ref1);
	p->ref2 = text_of(rec, c->ref2);
	p->bank_ref = text_of(rec, c->bank_ref);
	p->statement = text_of(rec, c->statement);
	p->account = text_of(rec, c->account);
	p->narrative = text_of(rec, c->narrative);
	return AR_OK;
}
