/*
 * soa_docs.c - the documents of a statement of account (soa_docs.h): the
 * fields of statement.<lang>.txt and .html filled from a statement, the
 * table of its lines drawn by letter_pdf, written as text or HTML in the
 * e-mail, and the CSV.
 */
#include "report/soa_docs.h"
#include "report/soa_docs_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/localtime.h"
#include "core/money.h"
#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/email_msg.h"
#include "report/letter_pdf.h"
#include "report/template.h"

/* ---- the fields (soa_docs.h) ---- */

enum {
	F_COMPANY_NAME, F_COMPANY_REG_NO, F_COMPANY_ADDRESS, F_COMPANY_PHONE, F_COMPANY_EMAIL,
	F_CUSTOMER, F_NAME, F_ADDRESS, F_EMAIL, F_CURRENCY, F_REFERENCE, F_AS_OF, F_DATE, F_FROM,
	F_OPENING, F_DEBITS, F_CREDITS, F_CLOSING_BALANCE, F_CREDIT_AMOUNT, F_LINES_COUNT, F_OPEN_ITEMS,
	F_LINES, F_L_DATE, F_L_DUE_DATE, F_L_DOC_NO, F_L_DOC_TYPE, F_L_REF, F_L_AMOUNT,
	F_L_BALANCE, F_L_CREDIT,
	F_AGING, F_A_BUCKET, F_A_AMOUNT, F_A_FIRST,
	F_BANK_NAME, F_BANK_ACCOUNT, F_BANK_SWIFT, F_JOMPAY_BILLER, F_REF1,
	F_HAS_FROM, F_HAS_BANK, F_HAS_SWIFT, F_HAS_JOMPAY, F_CREDIT_BALANCE, F_NIL_BALANCE,
	F_IS_LETTER, F_IS_MAIL, F_ATTACHED,
	F_TABLE, F_CLOSING,
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
	[F_CURRENCY] = { "currency", TMPL_TEXT, -1 },
	[F_REFERENCE] = { "reference", TMPL_TEXT, -1 },
	[F_AS_OF] = { "as_of", TMPL_DATE, -1 },
	[F_DATE] = { "date", TMPL_DATE, -1 },
	[F_FROM] = { "from", TMPL_DATE, -1 },
	[F_OPENING] = { "opening_balance", TMPL_MONEY, -1 },
	[F_DEBITS] = { "debits", TMPL_MONEY, -1 },
	[F_CREDITS] = { "credits", TMPL_MONEY, -1 },
	[F_CLOSING_BALANCE] = { "closing_balance", TMPL_MONEY, -1 },
	[F_CREDIT_AMOUNT] = { "credit_amount", TMPL_MONEY, -1 },
	[F_LINES_COUNT] = { "lines_count", TMPL_COUNT, -1 },
	[F_OPEN_ITEMS] = { "open_items", TMPL_COUNT, -1 },
	[F_LINES] = { "lines", TMPL_LIST, -1 },
	[F_L_DATE] = { "date", TMPL_DATE, F_LINES },
	[F_L_DUE_DATE] = { "due_date", TMPL_DATE, F_LINES },
	[F_L_DOC_NO] = { "doc_no", TMPL_TEXT, F_LINES },
	[F_L_DOC_TYPE] = { "doc_type", TMPL_TEXT, F_LINES },
	[F_L_REF] = { "ref", TMPL_TEXT, F_LINES },
	[F_L_AMOUNT] = { "amount", TMPL_MONEY, F_LINES },
	[F_L_BALANCE] = { "balance", TMPL_MONEY, F_LINES },
	[F_L_CREDIT] = { "credit", TMPL_FLAG, F_LINES },
	[F_AGING] = { "aging", TMPL_LIST, -1 },
	[F_A_BUCKET] = { "bucket", TMPL_TEXT, F_AGING },
	[F_A_AMOUNT] = { "amount", TMPL_MONEY, F_AGING },
	[F_A_FIRST] = { "first", TMPL_FLAG, F_AGING },
	[F_BANK_NAME] = { "bank_name", TMPL_TEXT, -1 },
	[F_BANK_ACCOUNT] = { "bank_account", TMPL_TEXT, -1 },
	[F_BANK_SWIFT] = { "bank_swift", TMPL_TEXT, -1 },
	[F_JOMPAY_BILLER] = { "jompay_biller", TMPL_TEXT, -1 },
	[F_REF1] = { "ref1", TMPL_TEXT, -1 },
	[F_HAS_FROM] = { "has_from", TMPL_FLAG, -1 },
	[F_HAS_BANK] = { "has_bank", TMPL_FLAG, -1 },
	[F_HAS_SWIFT] = { "has_swift", TMPL_FLAG, -1 },
	[F_HAS_JOMPAY] = { "has_jompay", TMPL_FLAG, -1 },
	[F_CREDIT_BALANCE] = { "credit_balance", TMPL_FLAG, -1 },
	[F_NIL_BALANCE] = { "nil_balance", TMPL_FLAG, -1 },
	[F_IS_LETTER] = { "letter", TMPL_FLAG, -1 },
	[F_IS_MAIL] = { "mail", TMPL_FLAG, -1 },
	[F_ATTACHED] = { "attached", TMPL_FLAG, -1 },
	[F_TABLE] = { "statement_table", TMPL_BLOCK, -1 },
	[F_CLOSING] = { "closing", TMPL_BLOCK, -1 },
};

/* ---- the languages (their words: soa_docs_table.c) ---- */

static const char *const lang_tags[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "en", [REPORT_LANG_ZH_HANT] = "zh-Hant",
	[REPORT_LANG_ZH_HANS] = "zh-Hans", [REPORT_LANG_MS] = "ms"
};

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

/* ---- the setup ---- */

ar_err
soa_docs_setup_read(const struct ar_config *cfg, const char *default_templates, civil_day from,
    civil_day as_of, long long created, struct soa_docs_setup *s, char *msg, size_t cap)
{
	const char *where = config_path(cfg) ? config_path(cfg) : "ar.ini";
	const char *buckets = config_get_string(cfg, "aging:buckets");
	char probe[LOCALTIME_ISO_MAX];

	memset(s, 0, sizeof *s);
	s->company_name = config_get_string(cfg, "company:name");
	s->company_reg_no = config_get_string(cfg, "company:reg_no");
	s->company_phone = config_get_string(cfg, "company:phone");
	s->company_email = config_get_string(cfg, "company:email");
	s->company_reply_to = config_get_string(cfg, "company:reply_to");
	s->company_logo = config_get_string(cfg, "company:logo");
	s->timezone = config_get_string(cfg, "company:timezone");
	s->roc_dates = config_get_bool(cfg, "company:roc_dates");
	s->bank_name = config_get_string(cfg, "company:bank_name");
	s->bank_account = config_get_string(cfg, "company:bank_account");
	s->bank_swift = config_get_string(cfg, "company:bank_swift");
	s->jompay_biller = config_get_string(cfg, "company:jompay_biller");
	s->templates_dir = config_get_string(cfg, "soa:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = config_get_string(cfg, "dunning:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = default_templates;
	s->template_name = config_get_string(cfg, "soa:template");
	s->from = from;
	s->as_of = as_of;
	s->created = created;
	doc_lines(config_get_string(cfg, "company:address"), s->company_address,
	    sizeof s->company_address);
	if (report_lang_parse(config_get_string(cfg, "report:lang"), &s->default_lang) != AR_OK)
		s->default_lang = REPORT_LANG_EN;
	if (aging_buckets_parse(buckets, &s->buckets) != AR_OK) {
		snprintf(msg, cap, "%s: [aging] buckets \"%s\" is not 1 to %d increasing numbers of "
		    "days", where, buckets, AGING_MAX_BUCKETS);
		return AR_ECONFIG;
	}
	if (s->template_name[0] == '\0' || s->template_name[0] == '.' ||
	    strchr(s->template_name, '/') != NULL) {
		snprintf(msg, cap, "%s: [soa] template \"%s\" is not a file name (the templates are "
		    "NAME.LANG.txt and NAME.LANG.html)", where, s->template_name);
		return AR_ECONFIG;
	}
	if (localtime_iso(s->timezone, as_of, 0, probe, sizeof probe) != AR_OK) {
		snprintf(msg, cap, "%s: [company] timezone \"%s\" is not a time zone of "
		    "/usr/share/zoneinfo (Asia/Kuala_Lumpur, Asia/Taipei, ...)", where, s->timezone);
		return AR_ECONFIG;
	}
	return AR_OK;
}

/* ---- the templates ---- */

struct soa_templates {
	char *dir, *name;
	struct tmpl *t[REPORT_LANG_COUNT][2];   /* .txt, .html */
};

ar_err
soa_templates_new(struct soa_templates **out, const struct soa_docs_setup *s)
{
	struct soa_templates *t = calloc(1, sizeof *t);

	*out = t;
	if (t == NULL || (t->dir = strdup(s->templates_dir)) == NULL ||
	    (t->name = strdup(s->template_name)) == NULL) {
		soa_templates_free(t);
		*out = NULL;
		return AR_ENOMEM;
	}
	return AR_OK;
}

void
soa_templates_free(struct soa_templates *t)
{
	if (t == NULL)
		return;
	for (size_t l = 0; l < REPORT_LANG_COUNT; l++)
		for (size_t k = 0; k < 2; k++)
			tmpl_free(t->t[l][k]);
	free(t->dir);
	free(t->name);
	free(t);
}

ar_err
soa_templates_need(struct soa_templates *t, enum report_lang lang, struct ar_error *e,
    char *path, size_t cap)
{
	static const char *const ext[2] = { "txt", "html" };
	static const enum tmpl_kind kind[2] = { TMPL_KIND_TXT, TMPL_KIND_HTML };
	ar_err err;

	for (size_t k = 0; k < 2; k++) {
		if (t->t[lang][k] != NULL)
			continue;
		snprintf(path, cap, "%s/%s.%s.%s", t->dir, t->name, lang_tags[lang], ext[k]);
		if ((err = tmpl_load(path, kind[k], fields, NFIELDS, &t->t[lang][k], e)) != AR_OK)
			return err;
	}
	return AR_OK;
}


/* ---- one document's values ---- */

struct fill {
	const struct soa_docs_setup *s;
	const struct soa_doc *d;
	enum tmpl_kind kind;
	bool letter, attached;
	char ref1[128];
	size_t table_at, closing_at;
	bool table_seen, closing_seen;
};

ar_err
soa_doc_lang(const struct soa_docs_setup *s, const struct customer *c, enum report_lang *out)
{
	return doc_lang_of(c != NULL ? c->lang : "", s->default_lang, out);
}

static bool
is_chinese(enum report_lang lang)
{
	return lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
}

/* The customer's name as the statement is addressed: its own script's in Chinese. */
static const char *
customer_name(const struct soa_doc *d)
{
	const struct customer *c = d->customer;

	if (c == NULL)
		return d->customer_id;
	if (is_chinese(d->lang) && c->name_local[0] != '\0')
		return c->name_local;
	return c->name[0] != '\0' ? c->name : d->customer_id;
}

static void
reference_of(const struct soa_docs_setup *s, const struct soa_doc *d, char *buf, size_t cap)
{
	int y, m, dd;

	date_to_ymd(s->as_of, &y, &m, &dd);
	snprintf(buf, cap, "SOA/%s/%s/%04d%02d%02d", d->customer_id,
	    currency_code(d->st->currency), y, m, dd);
}

void
soa_doc_basename(const char *customer_id, currency_id cur, char *buf, size_t cap)
{
	char id[128];
	size_t n = 0;

	for (const char *p = customer_id; *p != '\0' && n + 1 < sizeof id; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || (ch == '.' && n > 0);

		id[n++] = ok ? ch : '_';
	}
	id[n] = '\0';
	snprintf(buf, cap, "%s-%s", id, currency_code(cur));
}

void
soa_doc_ref1(const char *customer_id, const struct customer *c, char *buf, size_t cap)
{
	const char *r = c != NULL ? c->ref1 : "";
	size_t n;

	while (*r == ' ' || *r == ';')
		r++;
	n = strcspn(r, ";");
	while (n > 0 && r[n - 1] == ' ')
		n--;
	if (n == 0)
		snprintf(buf, cap, "%s", customer_id);
	else
		snprintf(buf, cap, "%.*s", (int)n, r);
}

static bool
has_jompay(const struct fill *f)
{
	return f->s->jompay_biller[0] != '\0' && strcmp(currency_code(f->d->st->currency), "MYR") == 0;
}

static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	const struct fill *f = ctx;
	const struct soa_docs_setup *s = f->s;
	const struct soa_doc *d = f->d;
	const struct soa_statement *st = d->st;
	const struct customer *c = d->customer;
	const struct soa_line *l = element < st->nlines ? &st->lines[element] : NULL;
	enum report_lang lang = d->lang;
	currency_id cur = st->currency;
	char buf[160];

	switch (field) {
	case F_COMPANY_NAME: return add_str(out, s->company_name);
	case F_COMPANY_REG_NO: return add_str(out, s->company_reg_no);
	case F_COMPANY_ADDRESS: return doc_fill_one_line(out, s->company_address);
	case F_COMPANY_PHONE: return add_str(out, s->company_phone);
	case F_COMPANY_EMAIL: return add_str(out, s->company_email);
	case F_CUSTOMER: return add_str(out, d->customer_id);
	case F_NAME: return add_str(out, customer_name(d));
	case F_ADDRESS: return add_str(out, c != NULL ? c->address : "");
	case F_EMAIL: return add_str(out, c != NULL ? c->email : "");
	case F_CURRENCY: return add_str(out, currency_code(cur));
	case F_REFERENCE: reference_of(s, d, buf, sizeof buf); return add_str(out, buf);
	case F_AS_OF: case F_DATE: return doc_fill_date(lang, s->roc_dates, s->as_of, filter, out);
	case F_FROM: return doc_fill_date(lang, s->roc_dates, s->from, filter, out);
	case F_OPENING: return doc_fill_money(lang, cur, st->opening, filter, out);
	case F_DEBITS: return doc_fill_money(lang, cur, st->debits, filter, out);
	case F_CREDITS: return doc_fill_money(lang, cur, st->credits, filter, out);
	case F_CLOSING_BALANCE: return doc_fill_money(lang, cur, st->closing, filter, out);
	case F_CREDIT_AMOUNT:   /* a closing of INT64_MIN cannot be: soa_finish keeps sums in range */
		return doc_fill_money(lang, cur, st->closing < 0 && st->closing != INT64_MIN ?
		    -st->closing : 0, filter, out);
	case F_LINES_COUNT: snprintf(buf, sizeof buf, "%zu", st->nlines); return add_str(out, buf);
	case F_OPEN_ITEMS: snprintf(buf, sizeof buf, "%zu", st->open_items); return add_str(out, buf);
	case F_L_DATE: return l ? doc_fill_date(lang, s->roc_dates, l->date, filter, out) : AR_EUSAGE;
	case F_L_DUE_DATE: return l ? doc_fill_date(lang, s->roc_dates, l->due, filter, out) : AR_EUSAGE;
	case F_L_DOC_NO: return l ? add_str(out, l->doc_no) : AR_EUSAGE;
	case F_L_DOC_TYPE: return l ? add_str(out, soa_words_doc_type(lang, l->doc_type)) : AR_EUSAGE;
	case F_L_REF: return l ? add_str(out, l->ref) : AR_EUSAGE;
	case F_L_AMOUNT: return l ? doc_fill_money(lang, cur, l->amount, filter, out) : AR_EUSAGE;
	case F_L_BALANCE: return l ? doc_fill_money(lang, cur, l->balance, filter, out) : AR_EUSAGE;
	case F_A_BUCKET:
		soa_words_bucket(s, lang, (int)element, buf, sizeof buf);
		return add_str(out, buf);
	case F_A_AMOUNT: return doc_fill_money(lang, cur, st->aging[element], filter, out);
	case F_BANK_NAME: return add_str(out, s->bank_name);
	case F_BANK_ACCOUNT: return add_str(out, s->bank_account);
	case F_BANK_SWIFT: return add_str(out, s->bank_swift);
	case F_JOMPAY_BILLER: return add_str(out, s->jompay_biller);
	case F_REF1: return add_str(out, f->ref1);
	}
	return AR_EUSAGE;
}

static size_t
count(void *ctx, int list)
{
	const struct fill *f = ctx;

	return list == F_AGING ? (size_t)aging_columns(&f->s->buckets) : f->d->st->nlines;
}

static bool
flag(void *ctx, int field, size_t element)
{
	const struct fill *f = ctx;
	const struct soa_statement *st = f->d->st;

	switch (field) {
	case F_L_CREDIT: return element < st->nlines && st->lines[element].amount < 0;
	case F_A_FIRST: return element == 0;
	case F_HAS_FROM: return f->s->from != DATE_NONE;
	case F_HAS_BANK: return f->s->bank_account[0] != '\0';
	case F_HAS_SWIFT: return f->s->bank_swift[0] != '\0';
	case F_HAS_JOMPAY: return has_jompay(f);
	case F_CREDIT_BALANCE: return st->closing < 0;
	case F_NIL_BALANCE: return st->closing == 0;
	case F_IS_LETTER: return f->letter;
	case F_IS_MAIL: return !f->letter;
	case F_ATTACHED: return f->attached;
	}
	return false;
}

static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	struct fill *f = ctx;
	struct doc_table tb;
	ar_err err;

	if (field == F_CLOSING) {
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
	if ((err = sd_table_build(f->s, f->d, &tb)) == AR_OK)
		err = doc_table_render(&tb, f->kind == TMPL_KIND_HTML, out);
	doc_table_free(&tb);
	return err;
}

static ar_err
render(struct fill *f, const struct soa_templates *t, size_t kind, struct tmpl_buf *subject,
    struct tmpl_buf *body, struct ar_error *e)
{
	static const char *const ext[2] = { "txt", "html" };
	const struct tmpl *tp = t->t[f->d->lang][kind];
	struct tmpl_data data = { f, value, count, flag, block };
	ar_err err;

	if (tp == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "template %s.%s.%s was not loaded", t->name,
		    lang_tags[f->d->lang], ext[kind]);
	if ((subject != NULL && (err = tmpl_render_subject(tp, &data, subject)) != AR_OK) ||
	    (err = tmpl_render(tp, &data, body)) != AR_OK)
		return ar_error_set(e, err, 0, "template %s.%s.%s: %s", t->name,
		    lang_tags[f->d->lang], ext[kind], ar_strerror(err));
	return AR_OK;
}

static void
fill_init(struct fill *f, const struct soa_docs_setup *s, const struct soa_doc *d,
    enum tmpl_kind kind, bool letter, bool attached)
{
	memset(f, 0, sizeof *f);
	f->s = s;
	f->d = d;
	f->kind = kind;
	f->letter = letter;
	f->attached = attached;
	soa_doc_ref1(d->customer_id, d->customer, f->ref1, sizeof f->ref1);
}

/* ---- the documents ---- */

ar_err
soa_doc_pdf(const struct soa_docs_setup *s, const struct soa_templates *t,
    const struct soa_doc *d, FILE *fp, struct ar_error *e)
{
	struct fill f;
	struct tmpl_buf subject = { 0 }, body = { 0 };
	struct doc_table tb;
	struct letter_doc doc;
	struct letter_total totals[DOC_TABLE_TOTALS_MAX];
	char date[DOC_TEXT_DATE_MAX], ref[200], recipient[1024], address[1024];
	char *parts[3] = { NULL, NULL, NULL };
	const char *name = customer_name(d);
	ar_err err;

	fill_init(&f, s, d, TMPL_KIND_TXT, true, false);
	memset(&tb, 0, sizeof tb);
	if ((err = render(&f, t, 0, &subject, &body, e)) != AR_OK)
		goto done;
	if ((err = sd_table_build(s, d, &tb)) != AR_OK) {
		ar_error_set(e, err, 0, "out of memory");
		goto done;
	}
	if ((err = doc_body_parts(&body, f.table_seen, f.table_at, f.closing_seen, f.closing_at,
	    parts)) != AR_OK) {
		ar_error_set(e, err, 0, "out of memory");
		goto done;
	}
	doc_long_date(d->lang, s->roc_dates, s->as_of, date, sizeof date);
	reference_of(s, d, ref, sizeof ref);
	if (d->customer != NULL && name != d->customer->name && d->customer->name[0] != '\0' &&
	    name != d->customer_id)
		snprintf(recipient, sizeof recipient, "%s\n%s", name, d->customer->name);
	else
		snprintf(recipient, sizeof recipient, "%s", name);
	memset(&doc, 0, sizeof doc);
	doc.lang = lang_tags[d->lang];
	doc_letterhead(&doc, d->lang, s->company_name, s->company_reg_no, s->company_address,
	    s->company_phone, s->company_email, s->company_logo);
	doc.date_text = date;
	doc.reference = ref;
	doc.recipient_name = recipient;
	doc_lines(d->customer != NULL ? d->customer->address : "", address, sizeof address);
	doc.recipient_address = address;
	doc.title = subject.len ? subject.data : "";
	doc.body_before = parts[0];
	if (f.table_seen)
		doc_table_letter(&tb, totals, &doc);
	doc.body_after = parts[1];
	doc.signature = parts[2][0] != '\0' ? parts[2] : NULL;
	doc.creation_date = s->created;
	err = letter_pdf_write_fp(fp, &doc, e);
done:
	for (size_t k = 0; k < 3; k++)
		free(parts[k]);
	doc_table_free(&tb);
	tmpl_buf_free(&subject);
	tmpl_buf_free(&body);
	return err;
}

void
soa_doc_csv(const struct soa_docs_setup *s, const struct soa_statement *st, FILE *fp)
{
	static const char *const header[SD_COLS] = { "date", "doc_no", "doc_type", "ref",
		"due_date", "debit", "credit", "balance" };
	int exp = currency_exponent(st->currency);
	struct csvio_writer w;

	csvio_writer_init(&w, fp, ',', false);
	csvio_write_names(&w, header, SD_COLS);
	csvio_write_day(&w, s->from);
	csvio_write_str(&w, "");
	csvio_write_str(&w, "OPENING");
	csvio_write_str(&w, "");
	csvio_write_str(&w, "");
	csvio_write_str(&w, "");
	csvio_write_str(&w, "");
	csvio_write_money(&w, st->opening, exp);
	csvio_end_record(&w);
	for (size_t i = 0; i < st->nlines; i++) {
		const struct soa_line *l = &st->lines[i];

		csvio_write_day(&w, l->date);
		csvio_write_str(&w, l->doc_no);
		csvio_write_str(&w, l->doc_type);
		csvio_write_str(&w, l->ref);
		csvio_write_day(&w, l->due);
		if (l->amount < 0) {
			csvio_write_str(&w, "");
			csvio_write_money(&w, -l->amount, exp);
		} else {
			csvio_write_money(&w, l->amount, exp);
			csvio_write_str(&w, "");
		}
		csvio_write_money(&w, l->balance, exp);
		csvio_end_record(&w);
	}
	csvio_write_day(&w, s->as_of);
	csvio_write_str(&w, "");
	csvio_write_str(&w, "CLOSING");
	csvio_write_str(&w, "");
	csvio_write_str(&w, "");
	csvio_write_money(&w, st->debits, exp);
	csvio_write_money(&w, st->credits, exp);
	csvio_write_money(&w, st->closing, exp);
	csvio_end_record(&w);
}

ar_err
soa_doc_email(const struct soa_docs_setup *s, const struct soa_templates *t,
    const struct soa_doc *d, const unsigned char *pdf, size_t pdf_len, const char *pdf_name,
    FILE *fp, struct ar_error *e)
{
	struct fill f;
	struct tmpl_buf subject = { 0 }, text = { 0 }, html = { 0 };
	struct email_attachment att = { pdf_name, "application/pdf", pdf, pdf_len };
	struct email_spec spec;
	char msgid[300], base[200];
	const char *domain = strchr(s->company_email, '@');
	int y, m, dd;
	ar_err err;

	fill_init(&f, s, d, TMPL_KIND_TXT, false, pdf != NULL);
	if ((err = render(&f, t, 0, &subject, &text, e)) != AR_OK)
		goto done;
	fill_init(&f, s, d, TMPL_KIND_HTML, false, pdf != NULL);
	if ((err = render(&f, t, 1, NULL, &html, e)) != AR_OK)
		goto done;
	soa_doc_basename(d->customer_id, d->st->currency, base, sizeof base);
	date_to_ymd(s->as_of, &y, &m, &dd);
	snprintf(msgid, sizeof msgid, "SOA.%s.%04d%02d%02d@%s", base, y, m, dd,
	    domain ? domain + 1 : "artools.invalid");
	memset(&spec, 0, sizeof spec);
	spec.from_name = s->company_name;
	spec.from_addr = s->company_email;
	spec.reply_to = s->company_reply_to;
	spec.to_name = customer_name(d);
	spec.to = d->customer != NULL ? d->customer->email : "";
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
