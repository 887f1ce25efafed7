/* doc_fill.c - what the document builders share (doc_fill.h). */
#include "report/doc_fill.h"

#include <stdio.h>
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
