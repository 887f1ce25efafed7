/*
 * pod_pdf.h - the proof of debt as a PDF (issue 15): what ar-pod files
 * with the liquidator, administrator, judicial manager or Official
 * Assignee of a customer wound up, in administration, under judicial
 * management or bankrupt.  One proof-of-debt.pdf per debtor, from the
 * template pod.<lang>.txt in the customer's language, drawn by
 * letter_pdf.h: in Malaysia the shape of Form 79 of the Companies
 * (Winding-Up) Rules 1972 (the general form of proof of debt) for a
 * company and of the Insolvency Act 1967 proof for a bankrupt; in Chinese
 * a 債權申報 / 债权申报.
 *
 *   pod_docs_setup_read(cfg, default_templates, as_of, created, &setup, msg, cap);
 *   pod_templates_new(&t, setup.templates_dir);
 *   per debtor: pod_doc_lang(&setup, customer, &lang);
 *               pod_templates_need(t, lang, &e, path, sizeof path);
 *               pod_doc_pdf(&setup, t, &case, reg_no, "DIR/proof-of-debt.pdf", &e);
 *   pod_templates_free(t);
 *
 * The PDF: the letterhead of [company]; the date (as_of, long); our
 * reference "POD/<customer>/<cut-off YYYYMMDD>"; the addressee, the
 * office holder and the address (the customer's liquidator and
 * liquidator_address columns, each else [pod]'s; with no name at all the
 * office: The Liquidator, The Administrator, The Judicial Manager, The
 * Official Assignee, in the language); the title (the template's
 * Subject); the body up to {{documents_table}}; the table of the
 * supporting documents (every claimed invoice and debit note of a
 * claimed currency: pod_line_supports): document no., date, due date,
 * amount, interest days, interest, part, and a currency column before
 * them when more than one currency is claimed; under it, per claimed
 * currency, principal, interest, set-off (negative) and the net claim
 * (strong), and the net claim in words; the body after the table; from
 * {{closing}} on, the declaration and the signatures, kept on one page.
 *
 * Only currencies whose net_claim is above zero are claimed; credit notes,
 * payments, interest and fee items are netted in the principal but are
 * not supporting documents.
 *
 * THE TEMPLATE FIELDS (pod.<lang>.txt, man 7 artools-templates for the
 * language; documented again at the top of templates/pod.en.txt):
 *
 *   company_name, company_reg_no, company_address (one line, ", " between
 *       the lines), company_phone, company_email        text, [company]
 *   customer            text: the customer id
 *   debtor              text: the debtor's name as addressed: in zh-Hans
 *                       and zh-Hant its name_local when it has one, else
 *                       its name
 *   debtor_name         text: the name column (the registered name)
 *   debtor_name_local   text: the name_local column ("" when none)
 *   debtor_reg_no       text: the registration number given to
 *                       pod_doc_pdf (validated, canonical)
 *   debtor_reg_caption  text: what that number is, by the id_type column
 *                       (ssm "Registration No.", ubn, nric, passport,
 *                       twid), in the language
 *   debtor_address      text: the address column
 *   proceeding          text: the status in words: "in liquidation",
 *                       "in administration", "under judicial
 *                       management", "a bankrupt" (and in ms, zh)
 *   order_caption       text: what the cut-off is the date of: "the
 *                       winding-up order", "the appointment of the
 *                       administrator", "the judicial management order",
 *                       "the bankruptcy order"
 *   liquidator          text: the addressee's name (as on the letter)
 *   liquidator_address  text: its address, one line
 *   cut_off             date: the cut-off date (|long)
 *   date, as_of         date: the declaration's date (setup as_of)
 *   reference           text: "POD/<customer>/<cut-off YYYYMMDD>"
 *   interest_rate       text: the yearly per cent interest is claimed at
 *                       ("8", "8.5"), "0" when none
 *   deponent, deponent_title, place
 *                       text: [pod]; place defaults to the last line of
 *                       [company] address, its postcode left out; an
 *                       empty one prints as a dotted line to fill in
 *   documents_count     count: the supporting documents
 *   claims              list: the claimed currencies, in code order, each
 *                       with the element fields
 *       currency          text: ISO 4217 code
 *       net_claim         money: the sum proved
 *       principal, interest, set_off     money: what it is made of
 *                         (net_claim = principal + interest - set_off)
 *       unsecured, preferential, secured money: its parts (they sum to
 *                         net_claim)
 *   flags: bankruptcy (the debtor is an individual), has_secured,
 *       has_preferential, has_interest, has_set_off (any claimed
 *       currency has one above zero; inside {{#claims}}, that currency's
 *       claim), several_currencies,
 *       has_name_local
 *   blocks: documents_table (the table, its totals and words), closing
 *       (what follows is the declaration block, kept together)
 */
#ifndef POD_PDF_H
#define POD_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "ar/customers.h"
#include "ar/pod_case.h"
#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"

/* What every proof of a run shares: [company], [pod], the day. */
struct pod_docs_setup {
	const char *company_name, *company_reg_no, *company_phone, *company_email, *company_logo;
	char company_address[512];      /* [company] address, ';' -> '\n' */
	/* [pod] defaults for customers without their own; the address's ';' become '\n' when used */
	const char *liquidator, *liquidator_address;
	/*
	 * [pod]; place defaults to the last line of [company] address without
	 * a leading postcode ("50250 Kuala Lumpur" -> "Kuala Lumpur"): a part
	 * of cfg's string, so the setup may be copied.
	 */
	const char *deponent, *deponent_title, *place;
	const char *templates_dir;      /* [pod] templates, else [dunning] templates, else the caller's */
	bool roc_dates;                 /* [company] roc_dates: zh-Hant dated 中華民國115年... */
	enum report_lang default_lang;  /* [report] lang, for customers without lang */
	civil_day as_of;                /* the declaration's date */
	long long created;              /* PDF CreationDate (SOURCE_DATE_EPOCH or now) */
};

/*
 * The setup from cfg, which must outlive it (its strings are cfg's).
 * default_templates: the caller's folder when neither [pod] templates nor
 * [dunning] templates is set.  Returns AR_OK: every key was checked when
 * cfg was loaded (msg, cap bytes, is kept for a check to come and left
 * "" now).
 */
ar_err pod_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct pod_docs_setup *s, char *msg, size_t cap);

/* The templates of a run, loaded once per language. */
struct pod_templates;

/* An empty set reading from dir (copied).  AR_ENOMEM.  Free with pod_templates_free. */
ar_err pod_templates_new(struct pod_templates **out, const char *dir);

/*
 * Load (once) DIR/pod.<lang>.txt.  path (cap bytes) is set to that file
 * first, so that on error diag_report(path, e) names it; *e says what and
 * at which line (AR_ECONFIG: unreadable, or a mistake in the template;
 * AR_ENOMEM).
 */
ar_err pod_templates_need(struct pod_templates *t, enum report_lang lang, struct ar_error *e,
    char *path, size_t cap);

void pod_templates_free(struct pod_templates *t);

/*
 * The language of a customer's documents: its lang column, else the
 * setup's default.  AR_ESYNTAX for a lang that is none of en, ms,
 * zh-Hans, zh-Hant.
 */
ar_err pod_doc_lang(const struct pod_docs_setup *s, const struct customer *c,
    enum report_lang *out);

/*
 * Write the proof of case k (finished: pod_case_finish) at path with
 * letter_pdf_write: whole or not at all.  reg_no: the debtor's
 * registration number as validated and canonical (the combined SSM form
 * "200401018233 (651207-P)" when both exist); NULL or "": the customer's
 * reg_no column as written.  Only currencies with net_claim > 0 are
 * claimed; the caller does not call this when none is.
 *
 * AR_OK.  Errors, with *e saying what:
 *   AR_ESYNTAX   the customer's lang is not a language of pod_doc_lang,
 *                or its status is none of liquidation, administration,
 *                judicial_management, bankruptcy (at the customer's line)
 *   AR_EUSAGE    no currency to claim, or the template of the language
 *                was not loaded (pod_templates_need)
 *   AR_ERANGE    a net claim above 10^15 minor units (no words for it)
 *   and letter_pdf_write's (AR_ECONFIG logo, AR_ECREATE, AR_EIO, ...).
 */
ar_err pod_doc_pdf(const struct pod_docs_setup *s, const struct pod_templates *t,
    const struct pod_case *k, const char *reg_no, const char *path, struct ar_error *e);

#endif
