/*
 * soa_docs.h - what a customer receives from ar-soa (issue 19): its
 * statement of account in one currency as a PDF letter (letter_pdf.h)
 * from the template statement.<lang>.txt, as a CSV of fixed columns, and
 * as an e-mail (email_msg.h) from statement.<lang>.txt and .html with
 * the PDF attached, in the customer's language (en, ms, zh-Hans,
 * zh-Hant).
 *
 *   soa_docs_setup_read(cfg, default_templates, from, as_of, created, &setup, msg, cap);
 *   soa_templates_new(&t, &setup);
 *   soa_templates_need(t, lang, &e, path, cap) for every language of a run;
 *   per statement: soa_doc_pdf, soa_doc_csv, soa_doc_email;
 *   soa_templates_free(t);
 *
 * The CSV: date,doc_no,doc_type,ref,due_date,debit,credit,balance; a
 * first row OPENING (date the period's first day, empty without one;
 * balance the opening), a row per line of the period (doc_type as read;
 * debit or credit the amount, a credit as a positive number; balance the
 * running balance), a last row CLOSING (date as-of, debit and credit the
 * period's sums, balance the closing).
 *
 * THE TEMPLATE FIELDS (statement.<lang>.txt and .html; man 7
 * artools-templates for the language):
 *
 *   company_name, company_reg_no, company_address (one line),
 *       company_phone, company_email                  text, [company]
 *   customer, name (in Chinese its name_local when it has one), address,
 *       email                                          text
 *   currency, reference ("SOA/<customer>/<currency>/<YYYYMMDD>")  text
 *   as_of, date (the statement's date), from (the period's first day)  date
 *   opening_balance, debits, credits, closing_balance  money
 *   credit_amount       money: a closing balance in the customer's favour
 *                       as a positive amount (0.00 otherwise)
 *   lines_count, open_items                            count
 *   lines     list: date, due_date (date), doc_no, doc_type (in words),
 *             ref (text), amount, balance (money), flag credit
 *   aging     list: bucket (text: "Current", "1-30 days", ..., "Over 120
 *             days"), amount (money), flag first; the open items at as-of
 *   bank_name, bank_account, bank_swift, jompay_biller, ref1   text
 *   flags: has_from, has_bank, has_swift, has_jompay (a biller code is
 *       set and the statement is in MYR), credit_balance, nil_balance,
 *       letter, mail, attached
 *   blocks: statement_table (the lines with the opening and the totals;
 *       the letter draws it as its table), closing (the signature follows)
 */
#ifndef SOA_DOCS_H
#define SOA_DOCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/soa.h"
#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"

/* What every statement of a run shares: [company], [soa], [aging] buckets, the period. */
struct soa_docs_setup {
	const char *company_name, *company_reg_no, *company_phone, *company_email,
	    *company_reply_to, *company_logo, *timezone;
	char company_address[512];      /* lines split at '\n' */
	const char *bank_name, *bank_account, *bank_swift, *jompay_biller;
	const char *templates_dir;      /* [soa] templates, else [dunning] templates, else the caller's */
	const char *template_name;      /* [soa] template */
	bool roc_dates;
	enum report_lang default_lang;  /* [report] lang */
	struct aging_buckets buckets;   /* [aging] buckets: the aging line's */
	civil_day from, as_of;          /* from DATE_NONE: no period start */
	long long created;              /* PDF dates, the e-mail's Date */
};

/*
 * The setup from cfg (which must outlive it).  AR_ECONFIG with a whole
 * message in msg: a bad [aging] buckets, [company] timezone, or a
 * [soa] template that is not a file name.
 */
ar_err soa_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day from, civil_day as_of, long long created, struct soa_docs_setup *s, char *msg,
    size_t cap);

struct soa_templates;

ar_err soa_templates_new(struct soa_templates **out, const struct soa_docs_setup *s);
void soa_templates_free(struct soa_templates *t);

/*
 * Load (once) DIR/<template>.<lang>.txt and .html.  On error *e says what
 * and where (AR_ECONFIG at the template's line) and path names the file.
 */
ar_err soa_templates_need(struct soa_templates *t, enum report_lang lang, struct ar_error *e,
    char *path, size_t cap);

/* One statement to write. */
struct soa_doc {
	const char *customer_id;
	const struct customer *customer;   /* NULL: not in the customer master */
	enum report_lang lang;
	const struct soa_statement *st;
};

/* The customer's language: its lang column, else the setup's.  AR_ESYNTAX for another word. */
ar_err soa_doc_lang(const struct soa_docs_setup *s, const struct customer *c,
    enum report_lang *out);

/*
 * "<customer>-<currency>" with every byte of the customer id but letters,
 * digits, '.', '_' and '-' as '_' (a leading '.' too): the files' name.
 */
void soa_doc_basename(const char *customer_id, currency_id cur, char *buf, size_t cap);

/* The JomPAY Ref-1 of a customer: the first of its ref1 values, else its number. */
void soa_doc_ref1(const char *customer_id, const struct customer *c, char *buf, size_t cap);

/* The statement as a PDF into fp (not closed, not flushed).  letter_pdf_write_fp's errors. */
ar_err soa_doc_pdf(const struct soa_docs_setup *s, const struct soa_templates *t,
    const struct soa_doc *d, FILE *fp, struct ar_error *e);

/* The statement's CSV (above) into fp. */
void soa_doc_csv(const struct soa_docs_setup *s, const struct soa_statement *st, FILE *fp);

/*
 * The e-mail into fp, pdf[0..pdf_len) attached as pdf_name (NULL: none).
 * email_write's errors (AR_EUSAGE: no valid address, ...).
 */
ar_err soa_doc_email(const struct soa_docs_setup *s, const struct soa_templates *t,
    const struct soa_doc *d, const unsigned char *pdf, size_t pdf_len, const char *pdf_name,
    FILE *fp, struct ar_error *e);

#endif
