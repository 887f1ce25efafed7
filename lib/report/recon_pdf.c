/* recon_pdf.c - the reconciliation as a letter to the customer (recon_pdf.h). */
#include "report/recon_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/letter_pdf.h"

#define NCOLS 8
#define CELL_MAX 64

/* "MYR 1,234.50" */
static void
money_text(currency_id cur, int64_t minor, char *buf, size_t cap)
{
	char amount[DOC_TEXT_MONEY_MAX];

	doc_money(minor, currency_exponent(cur), amount, sizeof amount);
	snprintf(buf, cap, "%s %s", currency_code(cur), amount);
}

/* What a row is, in the customer's words. */
static const char *
caption_of(const struct recon_row *x)
{
	switch (x->cls) {
	case RECON_AMOUNT_DIFFERS: return "Amount differs";
	case RECON_MISSING_THEIRS: return "Not in your ledger";
	case RECON_MISSING_OURS: return "Not in our records";
	case RECON_PAYMENT_IN_TRANSIT:
		return strncmp(x->note, "in our bank", 11) == 0 ? "Payment received" :
		    "Payment not received";
	case RECON_CREDIT_NOTE_PENDING: return "Your deduction";
	default: return "Agrees";
	}
}

static void
append(char *buf, size_t cap, size_t *len, const char *fmt, const char *a)
{
	if (*len < cap)
		*len += (size_t)snprintf(buf + *len, cap - *len, fmt, a);
}

ar_err
recon_pdf(const char *path, const struct recon *r, const struct recon_meta *m,
    const struct ar_config *cfg, long long created, struct ar_error *e)
{
	static const char *const captions[NCOLS] = {
		"Item", "Our document", "Your reference", "Date", "Currency", "Ours", "Yours",
		"Difference"
	};
	static const bool numeric[NCOLS] = { false, false, false, false, false, true, true, true };
	size_t n = recon_nrows(r), nb = recon_nbalances(r), shown = 0, ntotals = 0;
	size_t matched = 0, count[RECON_NCLASSES] = { 0 };
	bool received = false;
	char (*cells)[CELL_MAX] = calloc(n ? n * NCOLS : 1, CELL_MAX);
	const char **ptrs = calloc(n ? n * NCOLS : 1, sizeof *ptrs);
	struct letter_total *totals = calloc(3 * nb + 1, sizeof *totals);
	char (*total_text)[CELL_MAX] = calloc(3 * nb + 1, CELL_MAX);
	char address[1024], date[64], ref[128], title[160], lines[1024];
	char before[1024], after[2048] = "", day[DATE_TEXT_MAX];
	struct letter_doc d = { 0 };
	size_t len = 0;
	ar_err err;

	if (cells == NULL || ptrs == NULL || totals == NULL || total_text == NULL) {
		free(cells);
		free(ptrs);
		free(totals);
		free(total_text);
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct recon_row *x = recon_row_at(r, i);
		char (*row)[CELL_MAX] = &cells[shown * NCOLS];

		count[x->cls]++;
		if (x->cls == RECON_MATCHED) {
			matched++;
			continue;
		}
		if (x->cls == RECON_PAYMENT_IN_TRANSIT && strncmp(x->note, "in our bank", 11) == 0)
			received = true;
		snprintf(row[0], CELL_MAX, "%s", caption_of(x));
		snprintf(row[1], CELL_MAX, "%s", x->doc_no);
		snprintf(row[2], CELL_MAX, "%s", x->their_ref);
		date_format(x->date, row[3]);
		snprintf(row[4], CELL_MAX, "%s", currency_code(x->currency));
		if (x->has_ours)
			doc_money(x->ours, currency_exponent(x->currency), row[5], CELL_MAX);
		if (x->has_theirs)
			doc_money(x->theirs, currency_exponent(x->currency), row[6], CELL_MAX);
		doc_money(x->difference, currency_exponent(x->currency), row[7], CELL_MAX);
		for (int k = 0; k < NCOLS; k++)
			ptrs[shown * NCOLS + k] = row[k];
		shown++;
	}
	for (size_t k = 0; k < nb; k++) {
		const struct recon_balance *b = recon_balance_at(r, k);

		money_text(b->currency, b->ours, total_text[3 * k], CELL_MAX);
		money_text(b->currency, b->theirs, total_text[3 * k + 1], CELL_MAX);
		money_text(b->currency, b->difference, total_text[3 * k + 2], CELL_MAX);
		totals[ntotals++] = (struct letter_total){ "Balance per our records",
		    total_text[3 * k], false };
		totals[ntotals++] = (struct letter_total){ "Balance per your ledger",
		    total_text[3 * k + 1], false };
		totals[ntotals++] = (struct letter_total){ "Difference", total_text[3 * k + 2], true };
	}
	doc_lines(config_get_string(cfg, "company:address"), address, sizeof address);
	doc_letterhead(&d, REPORT_LANG_EN, config_get_string(cfg, "company:name"),
	    config_get_string(cfg, "company:reg_no"), address, config_get_string(cfg, "company:phone"),
	    config_get_string(cfg, "company:email"), config_get_string(cfg, "company:logo"));
	doc_long_date(REPORT_LANG_EN, false, m->as_of, date, sizeof date);
	date_format(m->as_of, day);
	snprintf(ref, sizeof ref, "RC/%s/%.4s%.2s%.2s", m->customer, day, day + 5, day + 8);
	snprintf(title, sizeof title, "Reconciliation of your account at %s", date);
	doc_lines(m->address, lines, sizeof lines);
	snprintf(before, sizeof before, "We have compared the ledger of our account that you "
	    "sent us, %zu entr%s, with our records at %s, %zu document%s. %zu agree%s. %s",
	    recon_ntheirs(r), recon_ntheirs(r) == 1 ? "y" : "ies", date, recon_nours(r),
	    recon_nours(r) == 1 ? "" : "s", matched, matched == 1 ? "s" : "",
	    shown == 0 ? "Our records and your ledger agree." :
	    "The items below differ; they make up the difference between the balances.");
	if (count[RECON_MISSING_THEIRS] > 0)
		append(after, sizeof after, &len, "%s", "Not in your ledger: our documents that "
		    "you have not booked. Copies are enclosed; please book them.\n\n");
	if (count[RECON_AMOUNT_DIFFERS] > 0)
		append(after, sizeof after, &len, "%s", "Amount differs: please check the amounts "
		    "you booked against our documents.\n\n");
	if (count[RECON_MISSING_OURS] > 0)
		append(after, sizeof after, &len, "%s", "Not in our records: please send us a copy "
		    "of each entry, so that we can look into it.\n\n");
	if (count[RECON_PAYMENT_IN_TRANSIT] > 0)
		append(after, sizeof after, &len, "%s", received ? "Your payments: those received "
		    "are being applied to your account; for any other, please send us the payment "
		    "advice (bank, date and reference).\n\n" : "Your payments not yet received: "
		    "please send us the payment advice (bank, date and reference).\n\n");
	if (count[RECON_CREDIT_NOTE_PENDING] > 0)
		append(after, sizeof after, &len, "%s", "Your deductions: we are reviewing them, "
		    "and will issue a credit note or tell you why not.\n\n");
	append(after, sizeof after, &len, "%s", "Please confirm the balance, or tell us of any "
	    "other difference, within 14 days, quoting our reference.");
	d.lang = "en";
	d.date_text = date;
	d.ref_caption = "Our ref";
	d.reference = ref;
	d.recipient_name = m->name[0] != '\0' ? m->name : m->customer;
	d.recipient_address = lines;
	d.title = title;
	d.body_before = before;
	d.table = (struct letter_table){ NCOLS, captions, numeric, shown, ptrs };
	d.totals = totals;
	d.ntotals = ntotals;
	d.body_after = after;
	d.signature = "Yours faithfully,\n\n\nCredit Control";
	d.creation_date = created;
	err = letter_pdf_write(path, &d, e);
	free(cells);
	free(ptrs);
	free(totals);
	free(total_text);
	return err;
}
