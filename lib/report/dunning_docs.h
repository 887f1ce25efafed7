/*
 * dunning_docs.h - what a debtor receives from ar-dunning (issue 14): the
 * PDF letter, the e-mail, the SMS and the instant message of one send,
 * from the level's templates (template.h, man 7 artools-templates) in the
 * customer's language.
 *
 *   dunning_docs_setup_read(cfg, &setup, msg, cap);
 *   dunning_templates_new(&set, setup.templates_dir);
 *   dunning_templates_need(set, name, lang, kinds, ...) for each one a run needs;
 *   per send: dunning_doc_letter / _email / _sms / _im;
 *   dunning_templates_free(set);
 *
 * The documents are built from strings only: the layout is letter_pdf.h,
 * the MIME email_msg.h, the words and dates doc_text.h.
 */
#ifndef DUNNING_DOCS_H
#define DUNNING_DOCS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ar/customers.h"
#include "ar/dunning.h"
#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"

/* What every document of a run shares: [company], [dunning], the day. */
struct dunning_docs_setup {
	const char *company_name, *company_reg_no, *company_phone, *company_email,
	    *company_reply_to, *company_logo, *company_country, *timezone;
	char company_address[512];      /* lines split at '\n' ([company] address's ';') */
	bool roc_dates;                 /* zh-Hant letters dated 中華民國115年... */
	int sms_start, sms_end;         /* [dunning] sms_hours, minutes of the day */
	const char *templates_dir;
	enum report_lang default_lang;  /* [report] lang: customers without lang */
	civil_day as_of;
	long long created;              /* seconds since the epoch: PDF dates, e-mail Date */
};

/*
 * The setup from cfg (which must outlive it).  templates_dir: [dunning]
 * templates, else the caller's default.  AR_ECONFIG with a whole message
 * in msg for a bad sms_hours or timezone.
 */
ar_err dunning_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct dunning_docs_setup *s, char *msg, size_t cap);

/* The kinds of template a document needs, as bits. */
enum { DUNNING_T_TXT = 1, DUNNING_T_HTML = 2, DUNNING_T_SMS = 4, DUNNING_T_IM = 8 };

/* The template kinds the channels need (attach: the e-mail carries the letter). */
unsigned dunning_template_kinds(unsigned channels);

struct dunning_templates;

ar_err dunning_templates_new(struct dunning_templates **out, const char *dir);
void dunning_templates_free(struct dunning_templates *t);

/*
 * Load (once) DIR/<name>.<lang>.<kind> for every kind in kinds.  On error
 * *e says what and where (AR_ECONFIG, the template's line) and path (cap
 * bytes) names the file, for diag_report(path, e).
 */
ar_err dunning_templates_need(struct dunning_templates *t, const char *name,
    enum report_lang lang, unsigned kinds, struct ar_error *e, char *path, size_t cap);

/* One line of the letter's table. */
struct dunning_doc_line {
	char *doc_no;                   /* owned by the caller */
	civil_day doc_date, due;        /* doc_date may be DATE_NONE */
	long days;
	int64_t amount, interest;
};

/* One send: a decision with its customer and the items it is about. */
struct dunning_doc {
	const char *customer_id;
	const struct customer *customer;
	struct dunning_decision x;
	enum report_lang lang;
	const struct dunning_doc_line *lines;
	size_t nlines;
};

/* The customer's language (its lang column, else the setup's); AR_ESYNTAX for another word. */
ar_err dunning_doc_lang(const struct dunning_docs_setup *s, const struct customer *c,
    enum report_lang *out);

/*
 * "<customer>-<currency>-<level>" with every byte of the customer id but
 * letters, digits, '.', '_' and '-' as '_' (and a leading '.' too): the
 * name of the send's files.
 */
void dunning_doc_basename(const struct dunning_doc *d, char *buf, size_t cap);

/*
 * The channels of decision x that can be delivered to c, and what was
 * changed in why (cap bytes; "" when nothing): an e-mail without a valid
 * address becomes a letter; an SMS or instant message without a phone that
 * reads as E.164 is dropped, and a letter sent instead when nothing else
 * is left.  A letter needs an address (ar/dunning.h checked it).
 */
unsigned dunning_doc_deliverable(const struct dunning_docs_setup *s, const struct customer *c,
    unsigned channels, char *why, size_t cap);

/* The letter as a PDF at path, or into fp when path is NULL. */
ar_err dunning_doc_letter(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, const char *path, FILE *fp, struct ar_error *e);

/*
 * The e-mail into fp; pdf[0..pdf_len) the letter attached (NULL: none),
 * named pdf_name.
 */
ar_err dunning_doc_email(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, const unsigned char *pdf, size_t pdf_len, const char *pdf_name,
    FILE *fp, struct ar_error *e);

/* A row of sms.csv or im.csv. */
struct dunning_msg_row {
	char phone[24];                 /* E.164 */
	char *text;                     /* malloc'd: free it */
	const char *encoding;           /* SMS: "GSM-7" / "UCS-2" */
	long segments;                  /* SMS */
	char send_after[32];            /* SMS: ISO 8601 with offset */
	char *link;                     /* IM: malloc'd wa.me link */
};

ar_err dunning_doc_sms(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, struct dunning_msg_row *row, struct ar_error *e);
ar_err dunning_doc_im(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, struct dunning_msg_row *row, struct ar_error *e);
void dunning_msg_row_free(struct dunning_msg_row *row);

#endif
