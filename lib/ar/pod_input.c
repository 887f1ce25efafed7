/* pod_input.c - doc_type, security, cut-off and set-off rows for ar-pod (pod_input.h). */
#include "ar/pod_input.h"

#include <string.h>

#include "core/currency.h"
#include "core/money.h"

static const char *const proceedings[] = {
	"liquidation", "administration", "judicial_management", "bankruptcy"
};

bool
pod_proceeding(const char *status)
{
	for (size_t i = 0; i < sizeof proceedings / sizeof proceedings[0]; i++)
		if (strcmp(status, proceedings[i]) == 0)
			return true;
	return false;
}

ar_err
pod_cut_off(const struct customer *c, const char *id, const struct date_opts *dates,
    civil_day *out, struct ar_error *e)
{
	ar_err err;

	if (c->status_date[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, c->line, "customer \"%s\" has no status_date, the "
		    "cut-off of its proof of debt (or give --cut-off)", id);
	if ((err = date_parse(c->status_date, strlen(c->status_date), dates, out)) != AR_OK)
		return ar_error_set(e, err, c->line, "customer \"%s\": status_date \"%s\" is not a "
		    "date (expected YYYY-MM-DD)", id, c->status_date);
	return AR_OK;
}

ar_err
pod_items_bind(const struct csvio_reader *r, struct pod_item_columns *c, const char **missing)
{
	ar_err err;

	if ((err = items_bind(r, true, &c->items, missing)) != AR_OK)
		return err;
	if (c->items.doc_no < 0 || c->items.doc_type < 0) {
		*missing = c->items.doc_no < 0 ? "doc_no" : "doc_type";
		return AR_ECOLUMN;
	}
	c->security = csvio_column(r, "security");
	return AR_OK;
}

ar_err
pod_item_from(const struct csvio_record *rec, const struct pod_item_columns *c,
    const struct item *it, civil_day due, struct pod_item_in *in, struct ar_error *e)
{
	size_t len;
	const char *s;

	memset(in, 0, sizeof *in);
	in->line = rec->line;
	in->currency = it->currency;
	in->doc_no = items_field(rec, c->items.doc_no, &in->doc_no_len);
	if (it->doc_date == DATE_NONE)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "doc_date is empty: a proof of debt "
		    "needs every item's date");
	s = items_field(rec, c->items.doc_type, &len);
	if (!pod_doc_type_parse(s, len, &in->item.type))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "doc_type \"%.*s\" is not one of: INV, "
		    "DN, CN, PAY, INT, FEE, ADJ", (int)len, s);
	s = items_field(rec, c->security, &len);
	if (!pod_part_parse(s, len, &in->item.part))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "security \"%.*s\" is not one of: "
		    "secured, preferential, or empty (unsecured)", (int)len, s);
	in->item.doc_date = it->doc_date;
	in->item.due = due;
	in->item.amount = it->amount;
	return AR_OK;
}

ar_err
pod_set_off_bind(const struct csvio_reader *r, struct pod_set_off_columns *c,
    const char **missing)
{
	static const char *const names[] = { "customer", "currency", "date", "amount", "description" };
	int *at[] = { &c->customer, &c->currency, &c->date, &c->amount, &c->description };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((*at[i] = csvio_column(r, names[i])) < 0) {
			*missing = names[i];
			return AR_ECOLUMN;
		}
	return AR_OK;
}

ar_err
pod_set_off_parse(const struct csvio_record *rec, const struct pod_set_off_columns *c,
    const struct item_format *fmt, const char **customer, size_t *customer_len,
    struct pod_set_off_in *in, struct ar_error *e)
{
	size_t len;
	const char *s;
	ar_err err;

	memset(in, 0, sizeof *in);
	in->line = rec->line;
	*customer = items_field(rec, c->customer, customer_len);
	if (*customer_len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer is empty");
	s = items_field(rec, c->currency, &len);
	if (len == 0 && fmt->has_default_currency)
		in->currency = fmt->default_currency;
	else if ((err = currency_lookup(s, len, &in->currency)) != AR_OK)
		return ar_error_set(e, err, rec->line, "currency \"%.*s\" is not a known currency "
		    "code", (int)len, s);
	s = items_field(rec, c->date, &len);
	if ((err = date_parse(s, len, &fmt->dates, &in->date)) != AR_OK)
		return ar_error_set(e, err, rec->line, "date \"%.*s\" is not a date (expected "
		    "YYYY-MM-DD)", (int)len, s);
	s = items_field(rec, c->amount, &len);
	if ((err = money_parse(s, len, currency_exponent(in->currency), fmt->decimal,
	    &in->amount)) != AR_OK)
		return ar_error_set(e, err, rec->line, "amount \"%.*s\" is not an amount in %s "
		    "(expected e.g. 1234.56)", (int)len, s, currency_code(in->currency));
	if (in->amount <= 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "amount \"%.*s\" is not above zero: a "
		    "set-off row is what the company owes the debtor", (int)len, s);
	in->description = items_field(rec, c->description, &in->description_len);
	return AR_OK;
}
