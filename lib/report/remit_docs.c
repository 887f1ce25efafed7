/*
 * remit_docs.c - the remittance-request e-mail (remit_docs.h): the fields
 * of its templates filled from a credit, its customer and the open items
 * it most likely pays.
 */
#include "report/remit_docs.h"

#include <stdlib.h>
#include <string.h>

#include "core/localtime.h"
#include "report/doc_fill.h"
#include "report/email_msg.h"
#include "report/template.h"

/* ---- the fields (man 1 ar-remit, TEMPLATES) ---- */

enum {
	F_COMPANY_NAME, F_COMPANY_REG_NO, F_COMPANY_ADDRESS, F_COMPANY_PHONE, F_COMPANY_EMAIL,
	F_CUSTOMER, F_NAME, F_PAYMENT_ID, F_VALUE_DATE, F_CURRENCY, F_AMOUNT, F_PAYER,
	F_REFERENCE, F_BANK_REF, F_OUR_REFERENCE, F_AS_OF, F_DAYS,
	F_HAS_REFERENCE, F_HAS_BANK_REF, F_HAS_ITEMS,
	F_ITEMS, F_I_DOC_NO, F_I_DUE_DATE, F_I_OPEN,
	NFIELDS
};

static const struct tmpl_field fields[NFIELDS] = {
	[F_COMPANY_NAME] = { "company_name", TMPL_TEXT, -1 },
	[F_COMPANY_REG_NO] = { "company_reg_no", TMPL_TEXT, -1 },
	[F_COMPANY_ADDRESS] = { "company_address", TMPL_TEXT, -1 },
	[F_COMPANY_PHONE] = { "company_phone", TMPL_TEXT, -1 },
	[F_COMPANY_EMAIL] = { "company_email", TMPL_TEXT, -1 },
	[F_CUSTOMER] = { "customer", TMPL_TEXT, -1 },
	[F_NAME] = { "name", TMPL_TEXT, -1 },
	[F_PAYMENT_ID] = { "payment_id", TMPL_TEXT, -1 },
	[F_VALUE_DATE] = { "value_date", TMPL_DATE, -1 },
	[F_CURRENCY] = { "currency", TMPL_TEXT, -1 },
	[F_AMOUNT] = { "amount", TMPL_MONEY, -1 },
	[F_PAYER] = { "payer", TMPL_TEXT, -1 },
	[F_REFERENCE] = { "reference", TMPL_TEXT, -1 },
	[F_BANK_REF] = { "bank_ref", TMPL_TEXT, -1 },
	[F_OUR_REFERENCE] = { "our_reference", TMPL_TEXT, -1 },
	[F_AS_OF] = { "as_of", TMPL_DATE, -1 },
	[F_DAYS] = { "days", TMPL_COUNT, -1 },
	[F_HAS_REFERENCE] = { "has_reference", TMPL_FLAG, -1 },
	[F_HAS_BANK_REF] = { "has_bank_ref", TMPL_FLAG, -1 },
	[F_HAS_ITEMS] = { "has_items", TMPL_FLAG, -1 },
	[F_ITEMS] = { "items", TMPL_LIST, -1 },
	[F_I_DOC_NO] = { "doc_no", TMPL_TEXT, F_ITEMS },
	[F_I_DUE_DATE] = { "due_date", TMPL_DATE, F_ITEMS },
	[F_I_OPEN] = { "open_amount", TMPL_MONEY, F_ITEMS },
};

/* Items listed in a request at most: the candidates' items, best first, each once. */
#define ITEMS_MAX 10

static const char *const lang_tags[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "en", [REPORT_LANG_ZH_HANT] = "zh-Hant",
	[REPORT_LANG_ZH_HANS] = "zh-Hans", [REPORT_LANG_MS] = "ms"
};

/* ---- the setup ---- */

ar_err
remit_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct remit_docs_setup *s, char *msg, size_t cap)
{
	const char *where = config_path(cfg) ? config_path(cfg) : "ar.ini";
	char probe[LOCALTIME_ISO_MAX];

	memset(s, 0, sizeof *s);
	s->company_name = config_get_string(cfg, "company:name");
	s->company_reg_no = config_get_string(cfg, "company:reg_no");
	s->company_phone = config_get_string(cfg, "company:phone");
	s->company_email = config_get_string(cfg, "company:email");
	s->company_reply_to = config_get_string(cfg, "company:reply_to");
	s->timezone = config_get_string(cfg, "company:timezone");
	s->roc_dates = config_get_bool(cfg, "company:roc_dates");
	s->template_name = config_get_string(cfg, "remit:template");
	s->templates_dir = config_get_string(cfg, "remit:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = config_get_string(cfg, "dunning:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = default_templates;
	s->as_of = as_of;
	s->created = created;
	doc_lines(config_get_string(cfg, "company:address"), s->company_address,
	    sizeof s->company_address);
	if (report_lang_parse(config_get_string(cfg, "report:lang"), &s->default_lang) != AR_OK)
		s->default_lang = REPORT_LANG_EN;
	if (s->template_name[0] == '\0' || s->template_name[0] == '.' ||
	    strchr(s->template_name, '/') != NULL) {
		snprintf(msg, cap, "%s: [remit] template \"%s\" is not a file name", where,
		    s->template_name);
		return AR_ECONFIG;
	}
	if (localtime_iso(s->timezone, as_of, 0, probe, sizeof probe) != AR_OK) {
		snprintf(msg, cap, "%s: [company] timezone \"%s\" is not a time zone of "
		    "/usr/share/zoneinfo (Asia/Kuala_Lumpur, Asia/Taipei, ...)", where, s->timezone);
		return AR_ECONFIG;
	}
	if (!email_address_valid(s->company_email, strlen(s->company_email))) {
		snprintf(msg, cap, "%s: [company] email \"%s\" is not an address: the requests are "
		    "sent from it", where, s->company_email);
		return AR_ECONFIG;
	}
	if (s->company_reply_to[0] != '\0' &&
	    !email_address_valid(s->company_reply_to, strlen(s->company_reply_to))) {
		snprintf(msg, cap, "%s: [company] reply_to \"%s\" is not an address", where,
		    s->company_reply_to);
		return AR_ECONFIG;
	}
	return AR_OK;
}

/* ---- the templates ---- */

struct remit_templates {
	const struct remit_docs_setup *s;
	struct tmpl *txt[REPORT_LANG_COUNT], *html[REPORT_LANG_COUNT];
};

ar_err
remit_templates_new(struct remit_templates **out, const struct remit_docs_setup *s)
{
	struct remit_templates *t = calloc(1, sizeof *t);

	*out = t;
	if (t == NULL)
		return AR_ENOMEM;
	t->s = s;
	return AR_OK;
}

void
remit_templates_free(struct remit_templates *t)
{
	if (t == NULL)
		return;
	for (int i = 0; i < REPORT_LANG_COUNT; i++) {
		tmpl_free(t->txt[i]);
		tmpl_free(t->html[i]);
	}
	free(t);
}

ar_err
remit_templates_need(struct remit_templates *t, enum report_lang lang, struct ar_error *e,
    char *path, size_t cap)
{
	ar_err err;

	snprintf(path, cap, "%s/%s.%s.txt", t->s->templates_dir, t->s->template_name,
	    lang_tags[lang]);
	if (t->txt[lang] == NULL &&
	    (err = tmpl_load(path, TMPL_KIND_TXT, fields, NFIELDS, &t->txt[lang], e)) != AR_OK)
		return err;
	snprintf(path, cap, "%s/%s.%s.html", t->s->templates_dir, t->s->template_name,
	    lang_tags[lang]);
	if (t->html[lang] == NULL &&
	    (err = tmpl_load(path, TMPL_KIND_HTML, fields, NFIELDS, &t->html[lang], e)) != AR_OK)
		return err;
	return AR_OK;
}

/* ---- one request's values ---- */

struct fill {
	const struct remit_docs_setup *s;
	const struct remit_request *d;
	uint32_t items[ITEMS_MAX];
	size_t nitems;
};

static bool
is_chinese(enum report_lang lang)
{
	return lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
}

/* The customer's name as it is addressed: its own script's in Chinese. */
static const char *
customer_name(const struct remit_request *d)
{
	return is_chinese(d->lang) && d->customer->name_local[0] != '\0' ?
	    d->customer->name_local : d->customer->name;
}

void
remit_doc_basename(const char *payment_id, char *buf, size_t cap)
{
	size_t n = 0;

	if (cap == 0)
		return;
	for (const char *p = payment_id; *p != '\0' && n + 1 < cap; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || (ch == '.' && n > 0);

		buf[n++] = ok ? ch : '_';
	}
	buf[n] = '\0';
}

void
remit_doc_reference(const char *payment_id, char *buf, size_t cap)
{
	snprintf(buf, cap, "REM/%s", payment_id);
}

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	const struct fill *f = ctx;
	const struct remit_docs_setup *s = f->s;
	const struct remit_request *d = f->d;
	const struct payment *p = &d->c->p;
	struct remit_item_info it;
	char buf[160];

	if (field >= F_I_DOC_NO) {
		if (element >= f->nitems)
			return AR_EUSAGE;
		remit_item(d->book, f->items[element], &it);
	}
	switch (field) {
	case F_COMPANY_NAME: return add_str(out, s->company_name);
	case F_COMPANY_REG_NO: return add_str(out, s->company_reg_no);
	case F_COMPANY_ADDRESS: return doc_fill_one_line(out, s->company_address);
	case F_COMPANY_PHONE: return add_str(out, s->company_phone);
	case F_COMPANY_EMAIL: return add_str(out, s->company_email);
	case F_CUSTOMER: return add_str(out, d->customer_id);
	case F_NAME: return add_str(out, customer_name(d));
	case F_PAYMENT_ID: return add_str(out, p->id);
	case F_VALUE_DATE: return doc_fill_date(d->lang, s->roc_dates, p->value_date, filter, out);
	case F_CURRENCY: return add_str(out, currency_code(p->currency));
	case F_AMOUNT: return doc_fill_money(d->lang, p->currency, p->amount, filter, out);
	case F_PAYER: return add_str(out, p->payer);
	case F_REFERENCE: return add_str(out, p->reference[0] ? p->reference : p->narrative);
	case F_BANK_REF: return add_str(out, p->bank_ref);
	case F_OUR_REFERENCE:
		remit_doc_reference(p->id, buf, sizeof buf);
		return add_str(out, buf);
	case F_AS_OF: return doc_fill_date(d->lang, s->roc_dates, s->as_of, filter, out);
	case F_DAYS:
		snprintf(buf, sizeof buf, "%ld", d->c->days);
		return add_str(out, buf);
	case F_I_DOC_NO: return add_str(out, it.doc_no);
	case F_I_DUE_DATE: return doc_fill_date(d->lang, s->roc_dates, it.due_date, filter, out);
	case F_I_OPEN: return doc_fill_money(d->lang, it.currency, it.open, filter, out);
	}
	return AR_EUSAGE;
}

static size_t
count(void *ctx, int list)
{
	(void)list;
	return ((const struct fill *)ctx)->nitems;
}

static bool
flag(void *ctx, int field, size_t element)
{
	const struct fill *f = ctx;
	const struct payment *p = &f->d->c->p;

	(void)element;
	switch (field) {
	case F_HAS_REFERENCE: return p->reference[0] != '\0' || p->narrative[0] != '\0';
	case F_HAS_BANK_REF: return p->bank_ref[0] != '\0';
	case F_HAS_ITEMS: return f->nitems > 0;
	}
	return false;
}

static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	(void)ctx;
	(void)field;
	(void)out;
	return AR_OK;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The candidates' items, each once, up to ITEMS_MAX, then oldest first (the book's order). */
static void
fill_init(struct fill *f, const struct remit_docs_setup *s, const struct remit_request *d)
{
	memset(f, 0, sizeof *f);
	f->s = s;
	f->d = d;
	for (size_t k = 0; k < d->c->ncand; k++)
		for (size_t i = 0; i < d->c->cand[k].n && f->nitems < ITEMS_MAX; i++) {
			uint32_t item = d->c->cand[k].item[i];
			bool seen = false;

			for (size_t j = 0; j < f->nitems && !seen; j++)
				seen = f->items[j] == item;
			if (!seen)
				f->items[f->nitems++] = item;
		}
	qsort(f->items, f->nitems, sizeof *f->items, cmp_u32);
}

ar_err
remit_doc_email(const struct remit_docs_setup *s, const struct remit_templates *t,
    const struct remit_request *d, FILE *fp, struct ar_error *e)
{
	struct fill f;
	struct tmpl_data data = { &f, value, count, flag, block };
	struct tmpl_buf subject = { 0 }, text = { 0 }, html = { 0 };
	const struct tmpl *txt = t->txt[d->lang], *htm = t->html[d->lang];
	struct email_spec spec;
	char msgid[256], base[PAYMENT_ID_MAX];
	const char *domain = strchr(s->company_email, '@');
	int y, m, dd;
	ar_err err;

	if (txt == NULL || htm == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "template %s.%s was not loaded", s->template_name,
		    lang_tags[d->lang]);
	fill_init(&f, s, d);
	if ((err = tmpl_render_subject(txt, &data, &subject)) != AR_OK ||
	    (err = tmpl_render(txt, &data, &text)) != AR_OK ||
	    (err = tmpl_render(htm, &data, &html)) != AR_OK) {
		ar_error_set(e, err, 0, "template %s.%s: %s", s->template_name, lang_tags[d->lang],
		    ar_strerror(err));
		goto done;
	}
	/* A dot-atom: no dot of the payment_id, which may double or lead. */
	remit_doc_basename(d->c->p.id, base, sizeof base);
	for (char *p = base; *p; p++)
		if (*p == '.')
			*p = '_';
	date_to_ymd(s->as_of, &y, &m, &dd);
	snprintf(msgid, sizeof msgid, "remit.%s.%04d%02d%02d@%s", base, y, m, dd,
	    domain ? domain + 1 : "artools.invalid");
	memset(&spec, 0, sizeof spec);
	spec.from_name = s->company_name;
	spec.from_addr = s->company_email;
	spec.reply_to = s->company_reply_to;
	spec.to_name = customer_name(d);
	spec.to = d->customer->email;
	spec.subject = subject.len ? subject.data : "";
	spec.text = text.len ? text.data : "";
	spec.html = html.len ? html.data : "";
	spec.date = s->created;
	spec.utc_offset_minutes = email_utc_offset(s->timezone, s->created);
	spec.message_id = msgid;
	err = email_write(fp, &spec, e);
done:
	tmpl_buf_free(&subject);
	tmpl_buf_free(&text);
	tmpl_buf_free(&html);
	return err;
}
