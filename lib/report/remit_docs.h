/*
 * remit_docs.h - the remittance-request e-mail of ar-remit (issue 19): a
 * customer is asked which invoices a credit pays, in its language, from
 * the templates <template>.<lang>.txt and .html (template.h; the fields
 * are listed in man 1 ar-remit), as one RFC 5322 message (email_msg.h).
 *
 *   remit_docs_setup_read(cfg, default_dir, as_of, created, &setup, msg, cap);
 *   remit_templates_new(&t, &setup);
 *   remit_templates_need(t, lang, &e, path, cap) for each language a run needs;
 *   remit_doc_email(&setup, t, &request, fp, &e) per request;
 *   remit_templates_free(t);
 */
#ifndef REMIT_DOCS_H
#define REMIT_DOCS_H

#include <stdbool.h>
#include <stdio.h>

#include "ar/customers.h"
#include "ar/remit.h"
#include "core/config.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"

/* What every request of a run shares: [company], [remit], the day. */
struct remit_docs_setup {
	const char *company_name, *company_reg_no, *company_phone, *company_email,
	    *company_reply_to, *timezone;
	char company_address[512];      /* lines split at '\n' */
	bool roc_dates;
	const char *templates_dir;      /* [remit] templates, else [dunning] templates, else the default */
	const char *template_name;      /* [remit] template */
	enum report_lang default_lang;  /* [report] lang: customers without lang */
	civil_day as_of;
	long long created;              /* the e-mail's Date */
};

/*
 * The setup from cfg (which must outlive it).  AR_ECONFIG with a whole
 * message in msg: a template name that is not a file name, a [company]
 * timezone that is not one, a [company] email that is not a valid address
 * (the From of every request).
 */
ar_err remit_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct remit_docs_setup *s, char *msg, size_t cap);

struct remit_templates;

ar_err remit_templates_new(struct remit_templates **out, const struct remit_docs_setup *s);
void remit_templates_free(struct remit_templates *t);

/*
 * Load (once) the .txt and .html of lang.  On error *e says what and where
 * (AR_ECONFIG at the template's line) and path (cap bytes) names the file.
 */
ar_err remit_templates_need(struct remit_templates *t, enum report_lang lang,
    struct ar_error *e, char *path, size_t cap);

/* One request: the credit and the customer asked. */
struct remit_request {
	const struct remit_case *c;
	const struct remit *book;       /* for the candidate items */
	const char *customer_id;
	const struct customer *customer;
	enum report_lang lang;
};

/*
 * payment_id with every byte but letters, digits, '.', '_' and '-' as '_'
 * (a leading '.' too): the name of the request's .eml, without ".eml".
 */
void remit_doc_basename(const char *payment_id, char *buf, size_t cap);

/* Our reference of a request, "REM/<payment_id>", into buf. */
void remit_doc_reference(const char *payment_id, char *buf, size_t cap);

/* The e-mail into fp (email_write's errors, a template's). */
ar_err remit_doc_email(const struct remit_docs_setup *s, const struct remit_templates *t,
    const struct remit_request *d, FILE *fp, struct ar_error *e);

#endif
