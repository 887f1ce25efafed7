/* agency_pdf.c - the agency's remittance statement as a PDF (agency_pdf.h). */
#include "report/agency_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/tiers.h"
#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/letter_pdf.h"

#define NCOLS 8
#define CELL_MAX 48

/* "MYR 1,234.50" */
static void
money_text(currency_id cur, int64_t minor, char *buf, size_t cap)
{
	char amount[DOC_TEXT_MONEY_MAX];

	doc_money(minor, currency_exponent(cur), amount, sizeof amount);
	snprintf(buf, cap, "%s %s", currency_code(cur), amount);
}

ar_err
agency_statement_pdf(const char *path, const struct agency_lines *l,
    const struct agency_contract *c, const struct ar_config *cfg, civil_day from, civil_day to,
    civil_day as_of, long long created, struct ar_error *e)
{
	static const char *const captions[NCOLS] = {
		"Customer", "Payment", "Value date", "Currency", "Amount", "Days", "Rate %",
		"Commission"
	};
	static const bool numeric[NCOLS] = { false, false, false, false, true, true, true, true };
	size_t n = agency_lines_count(l), ntotals = 0;
	char (*cells)[CELL_MAX] = calloc(n ? n * NCOLS : 1, CELL_MAX);
	const char **ptrs = calloc(n ? n * NCOLS : 1, sizeof *ptrs);
	struct letter_total totals[2 * CURRENCY_MAX];
	char (*total_text)[2][CELL_MAX + 32] = calloc(CURRENCY_MAX, sizeof *total_text);
	char address[1024], date[64], d1[64], d2[64], ref[128], title[160], recipient[512];
	char before[1024], after[2048], tiers[256], f[DATE_TEXT_MAX], t[DATE_TEXT_MAX];
	struct letter_doc d = { 0 };
	struct agency_sums sums;
	ar_err err;

	if (cells == NULL || ptrs == NULL || total_text == NULL) {
		free(cells);
		free(ptrs);
		free(total_text);
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		struct agency_line_view v;
		char (*row)[CELL_MAX] = &cells[i * NCOLS];

		agency_lines_at(l, i, c, &v);
		snprintf(row[0], CELL_MAX, "%s", v.customer);
		snprintf(row[1], CELL_MAX, "%s", v.payment_id);
		date_format(v.value_date, row[2]);
		snprintf(row[3], CELL_MAX, "%s", currency_code(v.currency));
		doc_money(v.amount, currency_exponent(v.currency), row[4], CELL_MAX);
		snprintf(row[5], CELL_MAX, "%d", v.k.days);
		doc_money(v.k.rate, 3, row[6], CELL_MAX);
		doc_money(v.k.commission, currency_exponent(v.currency), row[7], CELL_MAX);
		for (int k = 0; k < NCOLS; k++)
			ptrs[i * NCOLS + k] = row[k];
	}
	agency_lines_sums(l, c, &sums);
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
		if (!sums.seen[cur])
			continue;
		money_text(cur, sums.amount[cur], total_text[cur][0], sizeof total_text[cur][0]);
		money_text(cur, sums.commission[cur], total_text[cur][1], sizeof total_text[cur][1]);
		if (sums.min_fee[cur])
			strcat(total_text[cur][1], " (the minimum fee)");
		totals[ntotals++] = (struct letter_total){ "Recovered", total_text[cur][0], false };
		totals[ntotals++] = (struct letter_total){ "Commission due", total_text[cur][1], true };
	}
	doc_lines(config_get_string(cfg, "company:address"), address, sizeof address);
	doc_letterhead(&d, REPORT_LANG_EN, config_get_string(cfg, "company:name"),
	    config_get_string(cfg, "company:reg_no"), address, config_get_string(cfg, "company:phone"),
	    config_get_string(cfg, "company:email"), config_get_string(cfg, "company:logo"));
	doc_long_date(REPORT_LANG_EN, false, as_of, date, sizeof date);
	doc_long_date(REPORT_LANG_EN, false, from, d1, sizeof d1);
	doc_long_date(REPORT_LANG_EN, false, to, d2, sizeof d2);
	date_format(from, f);
	date_format(to, t);
	snprintf(ref, sizeof ref, "AG/%s/%.4s%.2s%.2s-%.4s%.2s%.2s", c->name, f, f + 5, f + 8, t,
	    t + 5, t + 8);
	snprintf(title, sizeof title, "Commission statement, %s to %s", d1, d2);
	snprintf(recipient, sizeof recipient, "%s%s%s", c->name,
	    c->contact != NULL && c->contact[0] != '\0' ? "\n" : "",
	    c->contact != NULL ? c->contact : "");
	snprintf(before, sizeof before, "Below are the payments we received from %s to %s on the "
	    "accounts assigned to you, and your commission on them under our contract. %s",
	    d1, d2, n == 0 ? "Nothing was recovered in the period." : "");
	tiers_format(&c->tiers, tiers, sizeof tiers);
	{
		size_t len = 0;

		len += (size_t)snprintf(after, sizeof after, "By tier:");
		for (currency_id cur = 0; cur < CURRENCY_MAX && len < sizeof after; cur++)
			for (int k = 0; k < c->tiers.n && len < sizeof after; k++) {
				int64_t count = sums.tier_lines[cur][k];
				char label[64], a[CELL_MAX + 8], m[CELL_MAX + 8], r[CELL_MAX];

				if (count == 0)
					continue;
				agency_tier_label(c, k, label, sizeof label);
				money_text(cur, sums.tier_amount[cur][k], a, sizeof a);
				money_text(cur, sums.tier_commission[cur][k], m, sizeof m);
				doc_money(c->tiers.rate[k], 3, r, sizeof r);
				len += (size_t)snprintf(after + len, sizeof after - len,
				    "\n%s at %s %%: %lld line%s, %s, commission %s", label, r,
				    (long long)count, count == 1 ? "" : "s", a, m);
			}
		if (len < sizeof after)
			snprintf(after + len, sizeof after - len, "\n\nCommission tiers (days: per "
			    "cent): %s, counted %s; each line rounded to the cent. Payments valued "
			    "before an assignment or on or after a recall earn no commission. Please "
			    "invoice the commission due, quoting our reference.", tiers,
			    c->basis == AGENCY_DEBT_AGE ? "from the due date of the oldest item "
			    "assigned" : "from the day of the assignment to the payment's value date");
	}
	d.lang = "en";
	d.date_text = date;
	d.ref_caption = "Our ref";
	d.reference = ref;
	d.recipient_name = recipient;
	d.title = title;
	d.body_before = before;
	d.table = (struct letter_table){ NCOLS, captions, numeric, n, ptrs };
	d.totals = totals;
	d.ntotals = ntotals;
	d.body_after = after;
	d.signature = "Yours faithfully,\n\n\nCredit Control";
	d.creation_date = created;
	err = letter_pdf_write(path, &d, e);
	free(cells);
	free(ptrs);
	free(total_text);
	return err;
}
