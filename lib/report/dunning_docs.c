/*
 * dunning_docs.c - the documents of one send (dunning_docs.h): the fields
 * of the templates filled from a decision, its customer and its items.
 */
#include "report/dunning_docs.h"
#include "report/dunning_docs_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/localtime.h"
#include "core/money.h"
#include "core/phone.h"
#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/email_msg.h"
#include "report/letter_pdf.h"
#include "report/sms.h"
#include "report/template.h"

/* ---- the fields (man 7 artools-templates) ---- */

enum {
	F_COMPANY_NAME, F_COMPANY_REG_NO, F_COMPANY_ADDRESS, F_COMPANY_PHONE, F_COMPANY_EMAIL,
	F_CUSTOMER, F_NAME, F_ADDRESS, F_EMAIL, F_PHONE, F_COLLECTOR,
	F_CURRENCY, F_LEVEL, F_REFERENCE, F_AS_OF, F_PAY_BY, F_PAY_DAYS,
	F_OVERDUE, F_INTEREST, F_FEE, F_TOTAL, F_ITEMS_COUNT, F_OLDEST_DAYS,
	F_ITEMS, F_I_DOC_NO, F_I_DOC_DATE, F_I_DUE_DATE, F_I_DAYS, F_I_AMOUNT, F_I_INTEREST,
	F_IS_LETTER, F_IS_MAIL, F_ATTACHED, F_HAS_INTEREST, F_HAS_FEE, F_BROKEN_PROMISE,
	F_ITEMS_TABLE, F_CLOSING,
	F_DATE, F_AMOUNT,       /* the issue's own words: the letter's date, the amount due */
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
	[F_ADDRESS] = { "address", TMPL_TEXT, -1 },
	[F_EMAIL] = { "email", TMPL_TEXT, -1 },
	[F_PHONE] = { "phone", TMPL_TEXT, -1 },
	[F_COLLECTOR] = { "collector", TMPL_TEXT, -1 },
	[F_CURRENCY] = { "currency", TMPL_TEXT, -1 },
	[F_LEVEL] = { "level", TMPL_COUNT, -1 },
	[F_REFERENCE] = { "reference", TMPL_TEXT, -1 },
	[F_AS_OF] = { "as_of", TMPL_DATE, -1 },
	[F_PAY_BY] = { "pay_by", TMPL_DATE, -1 },
	[F_PAY_DAYS] = { "pay_days", TMPL_COUNT, -1 },
	[F_OVERDUE] = { "overdue_amount", TMPL_MONEY, -1 },
	[F_INTEREST] = { "interest", TMPL_MONEY, -1 },
	[F_FEE] = { "fee", TMPL_MONEY, -1 },
	[F_TOTAL] = { "total", TMPL_MONEY, -1 },
	[F_ITEMS_COUNT] = { "items_count", TMPL_COUNT, -1 },
	[F_OLDEST_DAYS] = { "oldest_days", TMPL_COUNT, -1 },
	[F_ITEMS] = { "items", TMPL_LIST, -1 },
	[F_I_DOC_NO] = { "doc_no", TMPL_TEXT, F_ITEMS },
	[F_I_DOC_DATE] = { "doc_date", TMPL_DATE, F_ITEMS },
	[F_I_DUE_DATE] = { "due_date", TMPL_DATE, F_ITEMS },
	[F_I_DAYS] = { "days", TMPL_COUNT, F_ITEMS },
	[F_I_AMOUNT] = { "amount", TMPL_MONEY, F_ITEMS },
	[F_I_INTEREST] = { "interest", TMPL_MONEY, F_ITEMS },
	[F_IS_LETTER] = { "letter", TMPL_FLAG, -1 },
	[F_IS_MAIL] = { "mail", TMPL_FLAG, -1 },
	[F_ATTACHED] = { "attached", TMPL_FLAG, -1 },
	[F_HAS_INTEREST] = { "has_interest", TMPL_FLAG, -1 },
	[F_HAS_FEE] = { "has_fee", TMPL_FLAG, -1 },
	[F_BROKEN_PROMISE] = { "broken_promise", TMPL_FLAG, -1 },
	[F_ITEMS_TABLE] = { "items_table", TMPL_BLOCK, -1 },
	[F_CLOSING] = { "closing", TMPL_BLOCK, -1 },
	[F_DATE] = { "date", TMPL_DATE, -1 },
	[F_AMOUNT] = { "amount", TMPL_MONEY, -1 },
};

/* ---- the setup ---- */

ar_err
dunning_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct dunning_docs_setup *s, char *msg, size_t cap)
{
	const char *where = config_path(cfg) ? config_path(cfg) : "ar.ini";
	const char *hours = config_get_string(cfg, "dunning:sms_hours");
	const char *address = config_get_string(cfg, "company:address");
	char probe[LOCALTIME_ISO_MAX];

	memset(s, 0, sizeof *s);
	s->company_name = config_get_string(cfg, "company:name");
	s->company_reg_no = config_get_string(cfg, "company:reg_no");
	s->company_phone = config_get_string(cfg, "company:phone");
	s->company_email = config_get_string(cfg, "company:email");
	s->company_reply_to = config_get_string(cfg, "company:reply_to");
	s->company_logo = config_get_string(cfg, "company:logo");
	s->company_country = config_get_string(cfg, "company:country");
	s->timezone = config_get_string(cfg, "company:timezone");
	s->roc_dates = config_get_bool(cfg, "company:roc_dates");
	s->templates_dir = config_get_string(cfg, "dunning:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = default_templates;
	s->as_of = as_of;
	s->created = created;
	/* An ini value is one line: ';' separates the lines of the address. */
	doc_lines(address, s->company_address, sizeof s->company_address);
	if (report_lang_parse(config_get_string(cfg, "report:lang"), &s->default_lang) != AR_OK)
		s->default_lang = REPORT_LANG_EN;
	if (localtime_window_parse(hours, &s->sms_start, &s->sms_end) != AR_OK) {
		snprintf(msg, cap, "%s: [dunning] sms_hours \"%s\" is not a window such as 09:00-20:00",
		    where, hours);
		return AR_ECONFIG;
	}
	if (localtime_iso(s->timezone, as_of, 0, probe, sizeof probe) != AR_OK) {
		snprintf(msg, cap, "%s: [company] timezone \"%s\" is not a time zone of "
		    "/usr/share/zoneinfo (Asia/Kuala_Lumpur, Asia/Taipei, ...)", where, s->timezone);
		return AR_ECONFIG;
	}
	return AR_OK;
}

unsigned
dunning_template_kinds(unsigned channels)
{
	unsigned kinds = 0;

	if (channels & DUNNING_LETTER)
		kinds |= DUNNING_T_TXT;
	if (channels & DUNNING_EMAIL)
		kinds |= DUNNING_T_TXT | DUNNING_T_HTML;
	if (channels & DUNNING_SMS)
		kinds |= DUNNING_T_SMS;
	if (channels & DUNNING_IM)
		kinds |= DUNNING_T_IM;
	return kinds;
}

/* ---- the templates of a run ---- */

static const char *const lang_tags[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "en", [REPORT_LANG_ZH_HANT] = "zh-Hant",
	[REPORT_LANG_ZH_HANS] = "zh-Hans", [REPORT_LANG_MS] = "ms"
};

static const struct {
	const char *ext;
	enum tmpl_kind kind;
} kinds[4] = {
	{ "txt", TMPL_KIND_TXT }, { "html", TMPL_KIND_HTML }, { "sms", TMPL_KIND_SMS },
	{ "im", TMPL_KIND_IM }
};

struct loaded {
	char name[DUNNING_TEXT_MAX];
	enum report_lang lang;
	struct tmpl *t[4];      /* by kinds[] */
};

struct dunning_templates {
	char *dir;
	struct loaded *v;
	size_t n, cap;
};

ar_err
dunning_templates_new(struct dunning_templates **out, const char *dir)
{
	struct dunning_templates *t = calloc(1, sizeof *t);

	*out = NULL;
	if (t == NULL || (t->dir = strdup(dir)) == NULL) {
		free(t);
		return AR_ENOMEM;
	}
	*out = t;
	return AR_OK;
}

void
dunning_templates_free(struct dunning_templates *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < 4; k++)
			tmpl_free(t->v[i].t[k]);
	free(t->v);
	free(t->dir);
	free(t);
}

static struct loaded *
find_loaded(const struct dunning_templates *t, const char *name, enum report_lang lang)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].lang == lang && strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

ar_err
dunning_templates_need(struct dunning_templates *t, const char *name, enum report_lang lang,
    unsigned want, struct ar_error *e, char *path, size_t cap)
{
	struct loaded *l = find_loaded(t, name, lang);
	ar_err err;

	snprintf(path, cap, "%s", t->dir);
	if (name[0] == '\0' || strchr(name, '/') != NULL || name[0] == '.')
		return ar_error_set(e, AR_ECONFIG, 0, "template \"%s\" of a dunning level is not a "
		    "file name (man 7 artools-templates)", name);
	if (l == NULL) {
		if (t->n == t->cap) {
			size_t c = t->cap ? t->cap * 2 : 16;
			struct loaded *v = realloc(t->v, c * sizeof *v);

			if (v == NULL)
				return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
			t->v = v;
			t->cap = c;
		}
		l = &t->v[t->n++];
		memset(l, 0, sizeof *l);
		snprintf(l->name, sizeof l->name, "%s", name);
		l->lang = lang;
	}
	for (size_t k = 0; k < 4; k++) {
		if (!(want & 1u << k) || l->t[k] != NULL)
			continue;
		snprintf(path, cap, "%s/%s.%s.%s", t->dir, name, lang_tags[lang], kinds[k].ext);
		if ((err = tmpl_load(path, kinds[k].kind, fields, NFIELDS, &l->t[k], e)) != AR_OK)
			return err;
	}
	return AR_OK;
}

static const struct tmpl *
template_of(const struct dunning_templates *t, const struct dunning_doc *d, size_t kind)
{
	const struct loaded *l = find_loaded(t, d->x.template_name, d->lang);

	return l != NULL ? l->t[kind] : NULL;
}

/* ---- one document's values ---- */

struct fill {
	const struct dunning_docs_setup *s;
	const struct dunning_doc *d;
	enum tmpl_kind kind;
	bool letter, attached;
	int64_t total;
	size_t table_at;        /* the letter: where {{items_table}} was, in the body */
	size_t closing_at;      /* and where {{closing}} was: the signature block follows */
	bool table_seen, closing_seen;
};

ar_err
dunning_doc_lang(const struct dunning_docs_setup *s, const struct customer *c,
    enum report_lang *out)
{
	return doc_lang_of(c->lang, s->default_lang, out);
}

static bool
is_chinese(enum report_lang lang)
{
	return lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
}

/* The debtor's name as the letter is addressed: its own script's in Chinese. */
static const char *
debtor_name(const struct dunning_doc *d)
{
	return is_chinese(d->lang) && d->customer->name_local[0] != '\0' ?
	    d->customer->name_local : d->customer->name;
}

static void
reference_of(const struct dunning_docs_setup *s, const struct dunning_doc *d, char *buf, size_t cap)
{
	int y, m, dd;

	date_to_ymd(s->as_of, &y, &m, &dd);
	snprintf(buf, cap, "AR/%s/%s/%d/%04d%02d%02d", d->customer_id, currency_code(d->x.currency),
	    d->x.level, y, m, dd);
}

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

static ar_err
add_money(const struct fill *f, int64_t v, enum tmpl_filter filter, struct tmpl_buf *out)
{
	return doc_fill_money(f->d->lang, f->d->x.currency, v, filter, out);
}

static ar_err
add_date(const struct fill *f, civil_day day, enum tmpl_filter filter, struct tmpl_buf *out)
{
	return doc_fill_date(f->d->lang, f->s->roc_dates, day, filter, out);
}

static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	const struct fill *f = ctx;
	const struct dunning_docs_setup *s = f->s;
	const struct dunning_doc *d = f->d;
	const struct customer *c = d->customer;
	const struct dunning_doc_line *line = d->nlines > element ? &d->lines[element] : NULL;
	char buf[128];

	switch (field) {
	case F_COMPANY_NAME: return add_str(out, s->company_name);
	case F_COMPANY_REG_NO: return add_str(out, s->company_reg_no);
	/* One line in a sentence: the letterhead prints the lines. */
	case F_COMPANY_ADDRESS: return doc_fill_one_line(out, s->company_address);
	case F_COMPANY_PHONE: return add_str(out, s->company_phone);
	case F_COMPANY_EMAIL: return add_str(out, s->company_email);
	case F_CUSTOMER: return add_str(out, d->customer_id);
	case F_NAME: return add_str(out, debtor_name(d));
	case F_ADDRESS: return add_str(out, c->address);
	case F_EMAIL: return add_str(out, c->email);
	case F_PHONE: return add_str(out, c->phone);
	case F_COLLECTOR: return add_str(out, c->collector);
	case F_CURRENCY: return add_str(out, currency_code(d->x.currency));
	case F_LEVEL: snprintf(buf, sizeof buf, "%d", d->x.level); return add_str(out, buf);
	case F_REFERENCE: reference_of(s, d, buf, sizeof buf); return add_str(out, buf);
	case F_AS_OF: case F_DATE: return add_date(f, s->as_of, filter, out);
	case F_PAY_BY: return add_date(f, s->as_of + d->x.pay_days, filter, out);
	case F_PAY_DAYS: snprintf(buf, sizeof buf, "%d", d->x.pay_days); return add_str(out, buf);
	case F_OVERDUE: return add_money(f, d->x.overdue_amount, filter, out);
	case F_INTEREST: return add_money(f, d->x.interest, filter, out);
	case F_FEE: return add_money(f, d->x.fee, filter, out);
	case F_TOTAL: case F_AMOUNT: return add_money(f, f->total, filter, out);
	case F_ITEMS_COUNT: snprintf(buf, sizeof buf, "%zu", d->nlines); return add_str(out, buf);
	case F_OLDEST_DAYS: snprintf(buf, sizeof buf, "%ld", d->x.oldest_days); return add_str(out, buf);
	case F_I_DOC_NO: return line ? add_str(out, line->doc_no) : AR_EUSAGE;
	case F_I_DOC_DATE: return line ? add_date(f, line->doc_date, filter, out) : AR_EUSAGE;
	case F_I_DUE_DATE: return line ? add_date(f, line->due, filter, out) : AR_EUSAGE;
	case F_I_DAYS:
		if (line == NULL)
			return AR_EUSAGE;
		snprintf(buf, sizeof buf, "%ld", line->days);
		return add_str(out, buf);
	case F_I_AMOUNT: return line ? add_money(f, line->amount, filter, out) : AR_EUSAGE;
	case F_I_INTEREST: return line ? add_money(f, line->interest, filter, out) : AR_EUSAGE;
	}
	return AR_EUSAGE;
}

static size_t
count(void *ctx, int list)
{
	(void)list;
	return ((const struct fill *)ctx)->d->nlines;
}

static bool
flag(void *ctx, int field, size_t element)
{
	const struct fill *f = ctx;

	(void)element;          /* every flag here is of the whole send */
	switch (field) {
	case F_IS_LETTER: return f->letter;
	case F_IS_MAIL: return !f->letter && (f->kind == TMPL_KIND_TXT || f->kind == TMPL_KIND_HTML);
	case F_ATTACHED: return f->attached;
	case F_HAS_INTEREST: return f->d->x.interest > 0;
	case F_HAS_FEE: return f->d->x.fee > 0;
	case F_BROKEN_PROMISE: return f->d->x.broken_promise;
	}
	return false;
}

static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	struct fill *f = ctx;
	struct dd_table tb;
	ar_err err;

	if (field == F_CLOSING) {   /* the letter keeps what follows together */
		if (f->letter && !f->closing_seen) {
			f->closing_at = out->len;
			f->closing_seen = true;
		}
		return AR_OK;
	}
	if (f->letter) {        /* the PDF draws it: remember where */
		f->table_at = out->len;
		f->table_seen = true;
		return AR_OK;
	}
	if ((err = dd_table_build(f->s, f->d, f->total, &tb)) == AR_OK)
		err = dd_table_render(&tb, f->d->lang, f->kind == TMPL_KIND_HTML, out);
	doc_table_free(&tb.table);
	return err;
}

static void
fill_init(struct fill *f, const struct dunning_docs_setup *s, const struct dunning_doc *d,
    enum tmpl_kind kind, bool letter, bool attached)
{
	memset(f, 0, sizeof *f);
	f->s = s;
	f->d = d;
	f->kind = kind;
	f->letter = letter;
	f->attached = attached;
	f->total = d->x.overdue_amount;
	(void)money_add(&f->total, d->x.interest);  /* dunning_decide keeps them in range */
	(void)money_add(&f->total, d->x.fee);
}

/* Render template kind (an index of kinds[]) of d: subject (TXT) and body. */
static ar_err
render(struct fill *f, const struct dunning_templates *t, size_t kind, struct tmpl_buf *subject,
    struct tmpl_buf *body, struct ar_error *e)
{
	const struct tmpl *tp = template_of(t, f->d, kind);
	struct tmpl_data data = { f, value, count, flag, block };
	ar_err err;

	if (tp == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "template %s.%s.%s was not loaded",
		    f->d->x.template_name, lang_tags[f->d->lang], kinds[kind].ext);
	if ((subject != NULL && (err = tmpl_render_subject(tp, &data, subject)) != AR_OK) ||
	    (err = tmpl_render(tp, &data, body)) != AR_OK)
		return ar_error_set(e, err, 0, "template %s.%s.%s: %s", f->d->x.template_name,
		    lang_tags[f->d->lang], kinds[kind].ext, ar_strerror(err));
	return AR_OK;
}

/* ---- the documents ---- */

void
dunning_doc_basename(const struct dunning_doc *d, char *buf, size_t cap)
{
	char id[128];
	size_t n = 0;

	for (const char *p = d->customer_id; *p != '\0' && n + 1 < sizeof id; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || (ch == '.' && n > 0);

		id[n++] = ok ? ch : '_';
	}
	id[n] = '\0';
	snprintf(buf, cap, "%s-%s-%d", id, currency_code(d->x.currency), d->x.level);
}

/*
 * The customer's phone for SMS and instant messages: the first of its
 * ';'-separated numbers (as written, in first) in E.164, read in its
 * country, else the company's.
 */
static ar_err
first_phone(const struct dunning_docs_setup *s, const struct customer *c, char first[64],
    char *e164, size_t cap)
{
	const char *country = c->country[0] ? c->country : s->company_country;

	snprintf(first, 64, "%.*s", (int)strcspn(c->phone, ";"), c->phone);
	return phone_e164(first, strlen(first), country, e164, cap);
}

unsigned
dunning_doc_deliverable(const struct dunning_docs_setup *s, const struct customer *c,
    unsigned channels, char *why, size_t cap)
{
	unsigned out = channels;
	size_t used = 0;

	if (cap > 0)
		why[0] = '\0';
	if (channels & DUNNING_EMAIL) {
		size_t valid, bad_len;
		const char *bad;

		email_address_list_check(c->email, &valid, &bad, &bad_len);
		if (valid == 0) {
			out &= ~(unsigned)DUNNING_EMAIL;
			if (c->address[0] != '\0')
				out |= DUNNING_LETTER;
			used += (size_t)snprintf(why + used, cap - used, "no valid e-mail address (\"%.*s\")%s",
			    (int)bad_len, bad ? bad : "", c->address[0] ? ": a letter instead" : "");
		}
	}
	if (channels & (DUNNING_SMS | DUNNING_IM)) {
		char e164[PHONE_E164_MAX], first[64];

		if (first_phone(s, c, first, e164, sizeof e164) != AR_OK) {
			out &= ~(unsigned)(DUNNING_SMS | DUNNING_IM);
			if (out == 0 && c->address[0] != '\0')
				out = DUNNING_LETTER;
			if (used < cap)
				snprintf(why + used, cap - used, "%sphone \"%s\" is not a number%s",
				    used ? "; " : "", first, out == DUNNING_LETTER &&
				    !(channels & DUNNING_LETTER) ? ": a letter instead" : "");
		}
	}
	return out;
}

ar_err
dunning_doc_letter(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, const char *path, FILE *fp, struct ar_error *e)
{
	struct fill f;
	struct tmpl_buf subject = { 0 }, body = { 0 };
	struct dd_table tb;
	struct letter_doc doc;
	struct letter_total totals[DOC_TABLE_TOTALS_MAX];
	char date[DOC_TEXT_DATE_MAX], ref[160], recipient[1024];
	char *parts[3] = { NULL, NULL, NULL };     /* before the table, after it, the closing */
	ar_err err;

	fill_init(&f, s, d, TMPL_KIND_TXT, true, false);
	memset(&tb, 0, sizeof tb);
	if ((err = render(&f, t, 0, &subject, &body, e)) != AR_OK)
		goto done;
	if ((err = dd_table_build(s, d, f.total, &tb)) != AR_OK) {
		ar_error_set(e, err, 0, "the table of the letter: %s", ar_strerror(err));
		goto done;
	}
	/* The body in three: before the table, after it, and the closing (the signature). */
	if ((err = doc_body_parts(&body, f.table_seen, f.table_at, f.closing_seen, f.closing_at,
	    parts)) != AR_OK) {
		ar_error_set(e, err, 0, "out of memory");
		goto done;
	}
	doc_long_date(d->lang, s->roc_dates, s->as_of, date, sizeof date);
	reference_of(s, d, ref, sizeof ref);
	/* In Chinese, the name in its script, then the registered one. */
	if (debtor_name(d) != d->customer->name && d->customer->name[0] != '\0')
		snprintf(recipient, sizeof recipient, "%s\n%s", debtor_name(d), d->customer->name);
	else
		snprintf(recipient, sizeof recipient, "%s", d->customer->name);
	memset(&doc, 0, sizeof doc);
	doc.lang = lang_tags[d->lang];
	doc_letterhead(&doc, d->lang, s->company_name, s->company_reg_no, s->company_address,
	    s->company_phone, s->company_email, s->company_logo);
	doc.date_text = date;
	doc.reference = ref;
	doc.recipient_name = recipient;
	doc.recipient_address = d->customer->address;
	doc.title = subject.len ? subject.data : "";
	doc.body_before = parts[0];
	if (f.table_seen) {
		doc_table_letter(&tb.table, totals, &doc);
		doc.words_caption = doc_caption(d->lang, DC_AMOUNT_IN_WORDS);
		doc.words = tb.words;
	}
	doc.body_after = parts[1];
	doc.signature = parts[2][0] != '\0' ? parts[2] : NULL;
	doc.creation_date = s->created;
	err = path != NULL ? letter_pdf_write(path, &doc, e) : letter_pdf_write_fp(fp, &doc, e);
done:
	for (size_t k = 0; k < 3; k++)
		free(parts[k]);
	doc_table_free(&tb.table);
	tmpl_buf_free(&subject);
	tmpl_buf_free(&body);
	return err;
}

ar_err
dunning_doc_email(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, const unsigned char *pdf, size_t pdf_len, const char *pdf_name,
    FILE *fp, struct ar_error *e)
{
	struct fill f;
	struct tmpl_buf subject = { 0 }, text = { 0 }, html = { 0 };
	struct email_attachment att = { pdf_name, "application/pdf", pdf, pdf_len };
	struct email_spec spec;
	char msgid[256], ref[160];
	const char *domain = strchr(s->company_email, '@');
	ar_err err;

	fill_init(&f, s, d, TMPL_KIND_TXT, false, pdf != NULL);
	if ((err = render(&f, t, 0, &subject, &text, e)) != AR_OK)
		goto done;
	fill_init(&f, s, d, TMPL_KIND_HTML, false, pdf != NULL);
	if ((err = render(&f, t, 1, NULL, &html, e)) != AR_OK)
		goto done;
	reference_of(s, d, ref, sizeof ref);
	for (char *p = ref; *p; p++)
		if (*p == '/')
			*p = '.';
	snprintf(msgid, sizeof msgid, "%s@%s", ref, domain ? domain + 1 : "artools.invalid");
	memset(&spec, 0, sizeof spec);
	spec.from_name = s->company_name;
	spec.from_addr = s->company_email;
	spec.reply_to = s->company_reply_to;
	spec.to_name = debtor_name(d);
	spec.to = d->customer->email;
	spec.subject = subject.len ? subject.data : "";
	spec.text = text.len ? text.data : "";
	spec.html = html.len ? html.data : "";
	spec.date = s->created;
	spec.utc_offset_minutes = email_utc_offset(s->timezone, s->created);
	spec.message_id = msgid;
	spec.attachment = pdf != NULL ? &att : NULL;
	err = email_write(fp, &spec, e);
done:
	tmpl_buf_free(&subject);
	tmpl_buf_free(&text);
	tmpl_buf_free(&html);
	return err;
}

/* The text of an .sms or .im template, without a final line break. */
static ar_err
short_text(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, size_t kind, struct dunning_msg_row *row, struct ar_error *e)
{
	struct fill f;
	struct tmpl_buf body = { 0 };
	char first[64];
	ar_err err;

	memset(row, 0, sizeof *row);
	fill_init(&f, s, d, kinds[kind].kind, false, false);
	if ((err = render(&f, t, kind, NULL, &body, e)) != AR_OK)
		return err;
	while (body.len > 0 && (body.data[body.len - 1] == '\n' || body.data[body.len - 1] == '\r'))
		body.data[--body.len] = '\0';
	row->text = body.data ? body.data : strdup("");
	if (row->text == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	if (first_phone(s, d->customer, first, row->phone, sizeof row->phone) != AR_OK)
		return ar_error_set(e, AR_ESYNTAX, d->customer->line, "phone \"%s\" of customer \"%s\" "
		    "is not a number", first, d->customer_id);
	return AR_OK;
}

ar_err
dunning_doc_sms(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, struct dunning_msg_row *row, struct ar_error *e)
{
	struct sms_measure m;
	ar_err err;

	if ((err = short_text(s, t, d, 2, row, e)) != AR_OK)
		return err;
	sms_measure(row->text, strlen(row->text), &m);
	row->encoding = sms_encoding_word(m.encoding);
	row->segments = m.segments;
	if ((err = localtime_iso(s->timezone, s->as_of, s->sms_start, row->send_after,
	    sizeof row->send_after)) != AR_OK)
		return ar_error_set(e, err, 0, "time zone \"%s\"", s->timezone);
	return AR_OK;
}

ar_err
dunning_doc_im(const struct dunning_docs_setup *s, const struct dunning_templates *t,
    const struct dunning_doc *d, struct dunning_msg_row *row, struct ar_error *e)
{
	size_t cap;
	ar_err err;

	if ((err = short_text(s, t, d, 3, row, e)) != AR_OK)
		return err;
	cap = strlen(row->text) * 3 + 64;
	if ((row->link = malloc(cap)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	if ((err = sms_im_link(row->phone, row->text, strlen(row->text), row->link, cap)) != AR_OK)
		return ar_error_set(e, err, 0, "the link of customer \"%s\"", d->customer_id);
	return AR_OK;
}

void
dunning_msg_row_free(struct dunning_msg_row *row)
{
	free(row->text);
	free(row->link);
	row->text = row->link = NULL;
}
