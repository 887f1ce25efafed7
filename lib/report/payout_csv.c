/* payout_csv.c - a bank's bulk-payment CSV as [payout.NAME] lays it out. */
#include "report/payout_csv.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "core/csvio.h"
#include "core/money.h"

static const char *const words[] = {
	"refund_id", "customer", "name", "bank_holder", "bank_account", "bank_code", "currency",
	"amount", "value_date", "payment_type", "description", NULL
};

static const char *
key(const struct payout_layout *l, const char *k, char *buf, size_t cap)
{
	snprintf(buf, cap, "payout.%s:%s", l->name, k);
	return buf;
}

/* The next comma-separated word of *s, blanks trimmed, in place; NULL at the end. */
static char *
next_word(char **s)
{
	char *w = *s, *end, *comma;

	if (w == NULL)
		return NULL;
	if ((comma = strchr(w, ',')) != NULL) {
		*comma = '\0';
		*s = comma + 1;
	} else {
		*s = NULL;
	}
	while (*w == ' ' || *w == '\t')
		w++;
	end = w + strlen(w);
	while (end > w && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return w;
}

ar_err
payout_layout_load(const struct ar_config *cfg, const char *name, struct payout_layout *l,
    struct ar_error *e)
{
	char k[128], cols[1100], *p, *w;
	size_t ncap = 0;

	memset(l, 0, sizeof *l);
	snprintf(l->name, sizeof l->name, "%s", name);
	for (char *s = l->name; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	snprintf(k, sizeof k, "payout.%s", l->name);
	if (strlen(name) >= sizeof l->name || !config_has_section(cfg, k))
		return ar_error_set(e, AR_ECONFIG, 0, "no section [payout.%s] in %s", name,
		    config_path(cfg) != NULL ? config_path(cfg) : "ar.ini (none was read)");
	snprintf(cols, sizeof cols, "%s", config_get_string(cfg, key(l, "columns", k, sizeof k)));
	for (p = cols; (w = next_word(&p)) != NULL;) {
		size_t i;

		for (i = 0; words[i] != NULL && strcmp(words[i], w) != 0; i++)
			;
		if (words[i] == NULL)
			return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] columns: \"%s\" is not one "
			    "of refund_id, customer, name, bank_holder, bank_account, bank_code, "
			    "currency, amount, value_date, payment_type, description", l->name, w);
		for (size_t j = 0; j < l->ncolumns; j++)
			if (l->columns[j] == (enum payout_column)i)
				return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] columns: %s twice",
				    l->name, w);
		if (l->ncolumns == PAYOUT_MAX_COLUMNS)
			return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] columns: more than %d",
			    l->name, PAYOUT_MAX_COLUMNS);
		l->columns[l->ncolumns++] = (enum payout_column)i;
	}
	if (l->ncolumns == 0)
		return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] columns is empty", l->name);
	snprintf(l->captions_buf, sizeof l->captions_buf, "%s",
	    config_get_string(cfg, key(l, "captions", k, sizeof k)));
	if (l->captions_buf[0] != '\0')
		for (p = l->captions_buf; (w = next_word(&p)) != NULL;) {
			if (ncap == l->ncolumns)
				return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] captions: more than "
				    "the %zu columns", l->name, l->ncolumns);
			l->captions[ncap++] = w;
		}
	if (ncap != 0 && ncap != l->ncolumns)
		return ar_error_set(e, AR_ECONFIG, 0, "[payout.%s] captions: %zu for %zu columns",
		    l->name, ncap, l->ncolumns);
	l->header = config_get_bool(cfg, key(l, "header", k, sizeof k));
	l->cents = strcmp(config_get_string(cfg, key(l, "amount", k, sizeof k)), "cents") == 0;
	l->crlf = config_get_bool(cfg, key(l, "crlf", k, sizeof k));
	l->trailer = config_get_bool(cfg, key(l, "trailer", k, sizeof k));
	l->delimiter = config_get_char(cfg, key(l, "delimiter", k, sizeof k));
	l->date_format = config_get_string(cfg, key(l, "date_format", k, sizeof k));
	l->trailer_label = config_get_string(cfg, key(l, "trailer_label", k, sizeof k));
	l->payment_type = config_get_string(cfg, key(l, "payment_type", k, sizeof k));
	l->description = config_get_string(cfg, key(l, "description", k, sizeof k));
	return AR_OK;
}

static void
write_amount(struct csvio_writer *w, const struct payout_layout *l, int64_t minor, int exponent)
{
	char buf[MONEY_TEXT_MAX];

	if (l->cents)
		snprintf(buf, sizeof buf, "%" PRId64, minor);
	else
		money_format(minor, exponent, buf);
	csvio_write_str(w, buf);
}

static void
write_date(struct csvio_writer *w, const struct payout_layout *l, civil_day day)
{
	struct tm tm = { 0 };
	char buf[128];
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_wday = (int)(((day % 7) + 11) % 7);   /* 1970-01-01 was a Thursday */
	if (strftime(buf, sizeof buf, l->date_format, &tm) == 0)
		buf[0] = '\0';
	csvio_write_str(w, buf);
}

ar_err
payout_csv_write(FILE *fp, const struct payout_layout *l, const struct refund_line *lines,
    size_t n, int64_t *total, struct ar_error *e)
{
	struct csvio_writer w;
	int64_t sum = 0;
	char buf[200];

	for (size_t i = 0; i < n; i++) {
		if (lines[i].currency != lines[0].currency)
			return ar_error_set(e, AR_EUSAGE, 0, "the payout CSV holds one currency and "
			    "its total: %s and %s are approved (pay them in two runs, or without --csv)",
			    currency_code(lines[0].currency), currency_code(lines[i].currency));
		if (money_add(&sum, lines[i].amount) != AR_OK)
			return ar_error_set(e, AR_ERANGE, 0, "the payout total overflows");
	}
	*total = sum;
	csvio_writer_init(&w, fp, l->delimiter, l->crlf);
	if (l->header) {
		for (size_t c = 0; c < l->ncolumns; c++)
			csvio_write_str(&w, l->captions[c] != NULL ? l->captions[c] :
			    words[l->columns[c]]);
		csvio_end_record(&w);
	}
	for (size_t i = 0; i < n; i++) {
		const struct refund_line *r = &lines[i];
		char digits[REFUND_ACCOUNT_MAX];

		(void)refund_account_valid(r->bank_account, digits);
		for (size_t c = 0; c < l->ncolumns; c++) {
			switch (l->columns[c]) {
			case PAYOUT_REFUND_ID: csvio_write_str(&w, r->refund_id); break;
			case PAYOUT_CUSTOMER: csvio_write_str(&w, r->customer); break;
			case PAYOUT_NAME: csvio_write_str(&w, r->name); break;
			case PAYOUT_BANK_HOLDER: csvio_write_str(&w, r->bank_holder); break;
			case PAYOUT_BANK_ACCOUNT: csvio_write_str(&w, digits); break;
			case PAYOUT_BANK_CODE: csvio_write_str(&w, r->bank_code); break;
			case PAYOUT_CURRENCY: csvio_write_str(&w, currency_code(r->currency)); break;
			case PAYOUT_AMOUNT:
				write_amount(&w, l, r->amount, currency_exponent(r->currency));
				break;
			case PAYOUT_VALUE_DATE: write_date(&w, l, r->value_date); break;
			case PAYOUT_PAYMENT_TYPE: csvio_write_str(&w, l->payment_type); break;
			case PAYOUT_DESCRIPTION:
				snprintf(buf, sizeof buf, "%s %s", l->description, r->refund_id);
				csvio_write_str(&w, buf);
				break;
			}
		}
		csvio_end_record(&w);
	}
	if (l->trailer) {
		csvio_write_str(&w, l->trailer_label);
		snprintf(buf, sizeof buf, "%zu", n);
		csvio_write_str(&w, buf);
		write_amount(&w, l, sum, n > 0 ? currency_exponent(lines[0].currency) : 2);
		csvio_end_record(&w);
	}
	if (ferror(fp))
		return ar_error_set(e, AR_EIO, 0, "cannot write the payout CSV");
	return AR_OK;
}
