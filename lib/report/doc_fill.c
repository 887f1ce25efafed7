/* doc_fill.c - what the document builders share (doc_fill.h). */
#include "report/doc_fill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "report/doc_text.h"

ar_err
doc_lang_of(const char *lang, enum report_lang dflt, enum report_lang *out)
{
	if (lang[0] == '\0') {
		*out = dflt;
		return AR_OK;
	}
	return report_lang_parse(lang, out);
}

void
doc_lines(const char *in, char *out, size_t cap)
{
	size_t n = 0;

	if (cap == 0)
		return;
	for (const char *p = in; *p != '\0' && n + 1 < cap; p++) {
		if (*p == ';') {
			out[n++] = '\n';
			while (p[1] == ' ')
				p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

void
doc_short_date(enum report_lang lang, bool roc, civil_day day, char *buf, size_t cap)
{
	int y, m, d;

	if (day == DATE_NONE) {
		snprintf(buf, cap, "%s", "");
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	if (lang == REPORT_LANG_ZH_HANT && roc && y > 1911)
		snprintf(buf, cap, "%d/%02d/%02d", y - 1911, m, d);
	else
		snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
}

ar_err
doc_fill_money(enum report_lang lang, currency_id cur, int64_t v, enum tmpl_filter filter,
    struct tmpl_buf *out)
{
	int exp = currency_exponent(cur);
	char buf[DOC_TEXT_WORDS_MAX];
	ar_err err;

	if (filter == TMPL_FILTER_WORDS) {
		if ((err = doc_amount_words(lang, cur, exp, v < 0 ? -v : v, buf, sizeof buf)) != AR_OK)
			return err;
	} else if (filter == TMPL_FILTER_MONEY) {
		doc_money(v, exp, buf, sizeof buf);
	} else {
		money_format(v, exp, buf);
	}
	return tmpl_buf_add(out, buf, strlen(buf));
}

ar_err
doc_fill_date(enum report_lang lang, bool roc, civil_day day, enum tmpl_filter filter,
    struct tmpl_buf *out)
{
	char buf[DOC_TEXT_DATE_MAX];

	if (day == DATE_NONE)
		return AR_OK;
	if (filter == TMPL_FILTER_LONG)
		doc_long_date(lang, roc, day, buf, sizeof buf);
	else
		date_format(day, buf);
	return tmpl_buf_add(out, buf, strlen(buf));
}

ar_err
doc_fill_one_line(struct tmpl_buf *out, const char *s)
{
	for (const char *p = s; p != NULL && *p != '\0'; p++) {
		ar_err err = *p == '\n' ? tmpl_buf_add(out, ", ", 2) : tmpl_buf_add(out, p, 1);

		if (err != AR_OK)
			return err;
	}
	return AR_OK;
}

ar_err
doc_body_parts(const struct tmpl_buf *body, bool table_seen, size_t table_at,
    bool closing_seen, size_t closing_at, char *parts[3])
{
	const char *text = body->len ? body->data : "";
	size_t len = body->len, table = table_seen ? table_at : len;
	size_t end = closing_seen && closing_at >= table ? closing_at : len;

	parts[0] = strndup(text, table);
	parts[1] = strndup(text + table, end - table);
	parts[2] = strndup(text + end, len - end);
	if (parts[0] == NULL || parts[1] == NULL || parts[2] == NULL) {
		for (size_t k = 0; k < 3; k++) {
			free(parts[k]);
			parts[k] = NULL;
		}
		return AR_ENOMEM;
	}
	for (size_t k = 0; k < 3; k++)
		for (size_t n = strlen(parts[k]); n > 0 && parts[k][n - 1] == '\n'; n--)
			parts[k][n - 1] = '\0';
	return AR_OK;
}

void
doc_letterhead(struct letter_doc *d, enum report_lang lang, const char *name,
    const char *reg_no, const char *address, const char *phone, const char *email,
    const char *logo)
{
	d->company_name = name;
	d->company_reg_no = reg_no;
	d->company_address = address;
	d->company_phone = phone;
	d->company_email = email;
	d->logo_png_path = logo != NULL && logo[0] != '\0' ? logo : NULL;
	d->reg_no_caption = doc_caption(lang, DC_REG_NO);
	d->tel_caption = doc_caption(lang, DC_TEL);
	d->email_caption = doc_caption(lang, DC_EMAIL);
	d->ref_caption = doc_caption(lang, DC_OUR_REF);
	d->page_format = doc_caption(lang, DC_PAGE_OF);
}
