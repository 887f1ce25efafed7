/*
 * pod_pdf.c - the proof of debt as a PDF (pod_pdf.h): the fields of
 * pod.<lang>.txt filled from a case, the table of supporting documents
 * with the totals and words of each claimed currency, drawn by
 * letter_pdf.  The words of the proceedings and of the table are here,
 * in the four languages; the sentences are the template's.
 */
#include "report/pod_pdf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/money.h"
#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/letter_pdf.h"
#include "report/template.h"

/* ---- the fields (pod_pdf.h, templates/pod.en.txt) ---- */

enum {
	F_COMPANY_NAME, F_COMPANY_REG_NO, F_COMPANY_ADDRESS, F_COMPANY_PHONE, F_COMPANY_EMAIL,
	F_CUSTOMER, F_DEBTOR, F_DEBTOR_NAME, F_DEBTOR_NAME_LOCAL, F_DEBTOR_REG_NO,
	F_DEBTOR_REG_CAPTION, F_DEBTOR_ADDRESS, F_PROCEEDING, F_ORDER_CAPTION,
	F_LIQUIDATOR, F_LIQUIDATOR_ADDRESS, F_CUT_OFF, F_DATE, F_AS_OF, F_REFERENCE,
	F_INTEREST_RATE, F_DEPONENT, F_DEPONENT_TITLE, F_PLACE, F_DOCUMENTS_COUNT,
	F_CLAIMS, F_C_CURRENCY, F_C_NET_CLAIM, F_C_PRINCIPAL, F_C_INTEREST, F_C_SET_OFF,
	F_C_UNSECURED, F_C_PREFERENTIAL, F_C_SECURED,
	F_C_HAS_SECURED, F_C_HAS_PREFERENTIAL, F_C_HAS_INTEREST, F_C_HAS_SET_OFF,
	F_BANKRUPTCY, F_HAS_SECURED, F_HAS_PREFERENTIAL, F_HAS_INTEREST, F_HAS_SET_OFF,
	F_SEVERAL_CURRENCIES, F_HAS_NAME_LOCAL,
	F_DOCUMENTS_TABLE, F_CLOSING,
	NFIELDS
};

static const struct tmpl_field fields[NFIELDS] = {
	[F_COMPANY_NAME] = { "company_name", TMPL_TEXT, -1 },
	[F_COMPANY_REG_NO] = { "company_reg_no", TMPL_TEXT, -1 },
	[F_COMPANY_ADDRESS] = { "company_address", TMPL_TEXT, -1 },
	[F_COMPANY_PHONE] = { "company_phone", TMPL_TEXT, -1 },
	[F_COMPANY_EMAIL] = { "company_email", TMPL_TEXT, -1 },
	[F_CUSTOMER] = { "customer", TMPL_TEXT, -1 },
	[F_DEBTOR] = { "debtor", TMPL_TEXT, -1 },
	[F_DEBTOR_NAME] = { "debtor_name", TMPL_TEXT, -1 },
	[F_DEBTOR_NAME_LOCAL] = { "debtor_name_local", TMPL_TEXT, -1 },
	[F_DEBTOR_REG_NO] = { "debtor_reg_no", TMPL_TEXT, -1 },
	[F_DEBTOR_REG_CAPTION] = { "debtor_reg_caption", TMPL_TEXT, -1 },
	[F_DEBTOR_ADDRESS] = { "debtor_address", TMPL_TEXT, -1 },
	[F_PROCEEDING] = { "proceeding", TMPL_TEXT, -1 },
	[F_ORDER_CAPTION] = { "order_caption", TMPL_TEXT, -1 },
	[F_LIQUIDATOR] = { "liquidator", TMPL_TEXT, -1 },
	[F_LIQUIDATOR_ADDRESS] = { "liquidator_address", TMPL_TEXT, -1 },
	[F_CUT_OFF] = { "cut_off", TMPL_DATE, -1 },
	[F_DATE] = { "date", TMPL_DATE, -1 },
	[F_AS_OF] = { "as_of", TMPL_DATE, -1 },
	[F_REFERENCE] = { "reference", TMPL_TEXT, -1 },
	[F_INTEREST_RATE] = { "interest_rate", TMPL_TEXT, -1 },
	[F_DEPONENT] = { "deponent", TMPL_TEXT, -1 },
	[F_DEPONENT_TITLE] = { "deponent_title", TMPL_TEXT, -1 },
	[F_PLACE] = { "place", TMPL_TEXT, -1 },
	[F_DOCUMENTS_COUNT] = { "documents_count", TMPL_COUNT, -1 },
	[F_CLAIMS] = { "claims", TMPL_LIST, -1 },
	[F_C_CURRENCY] = { "currency", TMPL_TEXT, F_CLAIMS },
	[F_C_NET_CLAIM] = { "net_claim", TMPL_MONEY, F_CLAIMS },
	[F_C_PRINCIPAL] = { "principal", TMPL_MONEY, F_CLAIMS },
	[F_C_INTEREST] = { "interest", TMPL_MONEY, F_CLAIMS },
	[F_C_SET_OFF] = { "set_off", TMPL_MONEY, F_CLAIMS },
	[F_C_UNSECURED] = { "unsecured", TMPL_MONEY, F_CLAIMS },
	[F_C_PREFERENTIAL] = { "preferential", TMPL_MONEY, F_CLAIMS },
	[F_C_SECURED] = { "secured", TMPL_MONEY, F_CLAIMS },
	/* Inside {{#claims}} the flags of that currency's claim hide the run's. */
	[F_C_HAS_SECURED] = { "has_secured", TMPL_FLAG, F_CLAIMS },
	[F_C_HAS_PREFERENTIAL] = { "has_preferential", TMPL_FLAG, F_CLAIMS },
	[F_C_HAS_INTEREST] = { "has_interest", TMPL_FLAG, F_CLAIMS },
	[F_C_HAS_SET_OFF] = { "has_set_off", TMPL_FLAG, F_CLAIMS },
	[F_BANKRUPTCY] = { "bankruptcy", TMPL_FLAG, -1 },
	[F_HAS_SECURED] = { "has_secured", TMPL_FLAG, -1 },
	[F_HAS_PREFERENTIAL] = { "has_preferential", TMPL_FLAG, -1 },
	[F_HAS_INTEREST] = { "has_interest", TMPL_FLAG, -1 },
	[F_HAS_SET_OFF] = { "has_set_off", TMPL_FLAG, -1 },
	[F_SEVERAL_CURRENCIES] = { "several_currencies", TMPL_FLAG, -1 },
	[F_HAS_NAME_LOCAL] = { "has_name_local", TMPL_FLAG, -1 },
	[F_DOCUMENTS_TABLE] = { "documents_table", TMPL_BLOCK, -1 },
	[F_CLOSING] = { "closing", TMPL_BLOCK, -1 },
};

/* ---- the words of a proof, per language ---- */

static const char *const lang_tags[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "en", [REPORT_LANG_ZH_HANT] = "zh-Hant",
	[REPORT_LANG_ZH_HANS] = "zh-Hans", [REPORT_LANG_MS] = "ms"
};

/* The customer's status, as the customers stream words it. */
enum proceeding { PR_LIQUIDATION, PR_ADMINISTRATION, PR_JUDICIAL_MANAGEMENT, PR_BANKRUPTCY, PR_COUNT };

static const char *const status_words[PR_COUNT] = {
	"liquidation", "administration", "judicial_management", "bankruptcy"
};

struct proceeding_words {
	const char *proceeding;     /* after the debtor's name: "(in liquidation)" */
	const char *order;          /* what the cut-off is the date of */
	const char *office;         /* the addressee when no name is known */
};

static const struct proceeding_words proceeding_words[REPORT_LANG_COUNT][PR_COUNT] = {
	[REPORT_LANG_EN] = {
		{ "in liquidation", "the winding-up order", "The Liquidator" },
		{ "in administration", "the appointment of the administrator", "The Administrator" },
		{ "under judicial management", "the judicial management order", "The Judicial Manager" },
		{ "a bankrupt", "the bankruptcy order", "The Official Assignee" },
	},
	[REPORT_LANG_MS] = {
		{ "dalam likuidasi", "perintah penggulungan", "Pegawai Pelikuidasi" },
		{ "dalam pentadbiran", "pelantikan pentadbir", "Pentadbir" },
		{ "di bawah pengurusan kehakiman", "perintah pengurusan kehakiman",
		    "Pengurus Kehakiman" },
		{ "seorang bankrap", "perintah kebankrapan", "Ketua Pengarah Insolvensi" },
	},
	[REPORT_LANG_ZH_HANT] = {
		/* Taiwan: administration is a company's 重整 (reorganisation) */
		{ "清算中", "清算開始", "清算人" },
		{ "重整中", "重整裁定", "重整人" },
		{ "司法管理中", "司法管理令", "司法管理人" },
		{ "已受破產宣告", "破產宣告", "破產管理人" },
	},
	[REPORT_LANG_ZH_HANS] = {
		{ "清算中", "清算令", "清算人" },
		{ "管理程序中", "管理人委任", "管理人" },
		{ "司法管理中", "司法管理令", "司法管理人" },
		{ "已被宣告破产", "破产令", "破产管理人" },
	},
};

/* What the debtor's number is, by the customers stream's id_type. */
static const struct {
	const char *id_type;
	const char *caption[REPORT_LANG_COUNT];
} reg_captions[] = {
	{ "ssm", { [REPORT_LANG_EN] = "Registration No.", [REPORT_LANG_MS] = "No. Pendaftaran",
	    [REPORT_LANG_ZH_HANT] = "註冊號碼", [REPORT_LANG_ZH_HANS] = "注册号码" } },
	{ "ubn", { [REPORT_LANG_EN] = "Unified Business No.",
	    [REPORT_LANG_MS] = "No. Perniagaan Bersepadu", [REPORT_LANG_ZH_HANT] = "統一編號",
	    [REPORT_LANG_ZH_HANS] = "统一编号" } },
	{ "nric", { [REPORT_LANG_EN] = "NRIC No.", [REPORT_LANG_MS] = "No. K/P",
	    [REPORT_LANG_ZH_HANT] = "身分證號碼", [REPORT_LANG_ZH_HANS] = "身份证号码" } },
	{ "passport", { [REPORT_LANG_EN] = "Passport No.", [REPORT_LANG_MS] = "No. Pasport",
	    [REPORT_LANG_ZH_HANT] = "護照號碼", [REPORT_LANG_ZH_HANS] = "护照号码" } },
	{ "twid", { [REPORT_LANG_EN] = "ID No.", [REPORT_LANG_MS] = "No. Pengenalan",
	    [REPORT_LANG_ZH_HANT] = "身分證統一編號", [REPORT_LANG_ZH_HANS] = "身份证统一编号" } },
};

/* Without an id_type: a company's number, or an individual's identity. */
static const char *const reg_caption_company[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "Registration No.", [REPORT_LANG_MS] = "No. Pendaftaran",
	[REPORT_LANG_ZH_HANT] = "註冊號碼", [REPORT_LANG_ZH_HANS] = "注册号码"
};
static const char *const reg_caption_person[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = "Identity No.", [REPORT_LANG_MS] = "No. Pengenalan",
	[REPORT_LANG_ZH_HANT] = "身分證明文件號碼", [REPORT_LANG_ZH_HANS] = "身份证明文件号码"
};

/* The table's own captions; the rest are doc_caption's. */
enum { PC_CURRENCY, PC_INTEREST_DAYS, PC_PART, PC_PRINCIPAL, PC_INTEREST, PC_SET_OFF,
	PC_NET_CLAIM, PC_WORDS, PC_COUNT };

static const char *const pod_captions[REPORT_LANG_COUNT][PC_COUNT] = {
	[REPORT_LANG_EN] = { "Currency", "Interest Days", "Part", "Principal", "Interest",
	    "Set-off", "Net claim", "Net claim in words" },
	[REPORT_LANG_MS] = { "Mata Wang", "Hari Faedah", "Bahagian", "Prinsipal", "Faedah",
	    "Tolakan", "Tuntutan bersih", "Tuntutan bersih dalam perkataan" },
	[REPORT_LANG_ZH_HANT] = { "幣別", "計息天數", "債權類別", "本金", "利息", "抵銷",
	    "申報債權淨額", "申報債權淨額（大寫）" },
	[REPORT_LANG_ZH_HANS] = { "币种", "计息天数", "债权类别", "本金", "利息", "抵销",
	    "申报债权净额", "申报债权净额（大写）" },
};

static const char *const part_words[REPORT_LANG_COUNT][POD_PARTS] = {
	[REPORT_LANG_EN] = { "Unsecured", "Preferential", "Secured" },
	[REPORT_LANG_MS] = { "Tidak bercagar", "Keutamaan", "Bercagar" },
	[REPORT_LANG_ZH_HANT] = { "普通債權", "優先債權", "有擔保債權" },
	[REPORT_LANG_ZH_HANS] = { "普通债权", "优先债权", "有担保债权" },
};

/* What a form leaves to be filled in by hand. */
static const char blank_line[] = "..............................";

/* ---- the setup ---- */

/* The town of an address's last line: "50250 Kuala Lumpur" -> "Kuala Lumpur". */
static const char *
town_of(const char *address)
{
	const char *p = strrchr(address, ';'), *q;

	p = p != NULL ? p + 1 : address;
	while (*p == ' ')
		p++;
	for (q = p; *q >= '0' && *q <= '9'; q++)
		;
	if (q > p && *q == ' ') {
		while (*q == ' ')
			q++;
		if (*q != '\0')
			p = q;
	}
	return p;
}

ar_err
pod_docs_setup_read(const struct ar_config *cfg, const char *default_templates,
    civil_day as_of, long long created, struct pod_docs_setup *s, char *msg, size_t cap)
{
	const char *address = config_get_string(cfg, "company:address");

	if (cap > 0)
		msg[0] = '\0';
	memset(s, 0, sizeof *s);
	s->company_name = config_get_string(cfg, "company:name");
	s->company_reg_no = config_get_string(cfg, "company:reg_no");
	s->company_phone = config_get_string(cfg, "company:phone");
	s->company_email = config_get_string(cfg, "company:email");
	s->company_logo = config_get_string(cfg, "company:logo");
	s->roc_dates = config_get_bool(cfg, "company:roc_dates");
	s->liquidator = config_get_string(cfg, "pod:liquidator");
	s->liquidator_address = config_get_string(cfg, "pod:liquidator_address");
	s->deponent = config_get_string(cfg, "pod:deponent");
	s->deponent_title = config_get_string(cfg, "pod:deponent_title");
	s->place = config_get_string(cfg, "pod:place");
	if (s->place[0] == '\0')
		s->place = town_of(address);
	s->templates_dir = config_get_string(cfg, "pod:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = config_get_string(cfg, "dunning:templates");
	if (s->templates_dir[0] == '\0')
		s->templates_dir = default_templates;
	s->as_of = as_of;
	s->created = created;
	/* An ini value is one line: ';' separates the lines of the address. */
	doc_lines(address, s->company_address, sizeof s->company_address);
	if (report_lang_parse(config_get_string(cfg, "report:lang"), &s->default_lang) != AR_OK)
		s->default_lang = REPORT_LANG_EN;
	return AR_OK;
}

/* ---- the templates of a run ---- */

struct pod_templates {
	char *dir;
	struct tmpl *t[REPORT_LANG_COUNT];
};

ar_err
pod_templates_new(struct pod_templates **out, const char *dir)
{
	struct pod_templates *t = calloc(1, sizeof *t);

	*out = NULL;
	if (t == NULL || (t->dir = strdup(dir)) == NULL) {
		free(t);
		return AR_ENOMEM;
	}
	*out = t;
	return AR_OK;
}

void
pod_templates_free(struct pod_templates *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < REPORT_LANG_COUNT; i++)
		tmpl_free(t->t[i]);
	free(t->dir);
	free(t);
}

ar_err
pod_templates_need(struct pod_templates *t, enum report_lang lang, struct ar_error *e,
    char *path, size_t cap)
{
	if ((unsigned)lang >= REPORT_LANG_COUNT)
		return ar_error_set(e, AR_EUSAGE, 0, "no such language");
	snprintf(path, cap, "%s/pod.%s.txt", t->dir, lang_tags[lang]);
	if (t->t[lang] != NULL)
		return AR_OK;
	return tmpl_load(path, TMPL_KIND_TXT, fields, NFIELDS, &t->t[lang], e);
}

ar_err
pod_doc_lang(const struct pod_docs_setup *s, const struct customer *c, enum report_lang *out)
{
	return doc_lang_of(c->lang, s->default_lang, out);
}

/* ---- one proof ---- */

struct fill {
	const struct pod_docs_setup *s;
	const struct pod_case *k;
	enum report_lang lang;
	enum proceeding pr;
	const char *reg_no, *liquidator;
	char liquidator_address[512];   /* its lines split at '\n' */
	const struct pod_currency **claims;     /* the currencies claimed, in the case's order */
	size_t nclaims, ndocs;
	size_t table_at, closing_at;    /* where the blocks were, in the body */
	bool table_seen, closing_seen;
};

static bool
is_chinese(enum report_lang lang)
{
	return lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
}

/* The debtor's name as addressed: its own script's in Chinese. */
static const char *
debtor_of(const struct fill *f)
{
	const struct customer *c = f->k->customer;

	return is_chinese(f->lang) && c->name_local[0] != '\0' ? c->name_local : c->name;
}

static const char *
reg_caption_of(const struct fill *f)
{
	const char *id_type = f->k->customer->id_type;

	for (size_t i = 0; i < sizeof reg_captions / sizeof reg_captions[0]; i++)
		if (strcasecmp(id_type, reg_captions[i].id_type) == 0)
			return reg_captions[i].caption[f->lang];
	return f->pr == PR_BANKRUPTCY ? reg_caption_person[f->lang] : reg_caption_company[f->lang];
}

static void
reference_of(const struct pod_case *k, char *buf, size_t cap)
{
	int y, m, d;

	date_to_ymd(k->cut_off, &y, &m, &d);
	snprintf(buf, cap, "POD/%s/%04d%02d%02d", k->customer_id, y, m, d);
}

/* A rate in millionths of a per cent as people write it: "8", "8.5", "0". */
static void
rate_text(int64_t rate, char *buf, size_t cap)
{
	int64_t whole = rate / 1000000, frac = rate % 1000000;
	int digits = 6;

	if (frac < 0)
		frac = -frac;
	while (frac != 0 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if (frac == 0)
		snprintf(buf, cap, "%lld", (long long)whole);
	else
		snprintf(buf, cap, "%lld.%0*lld", (long long)whole, digits, (long long)frac);
}

/* s appended; NULL (a setup field left unset) as "". */
static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return s != NULL ? tmpl_buf_add(out, s, strlen(s)) : tmpl_buf_add(out, "", 0);
}

static ar_err
add_or_blank(struct tmpl_buf *out, const char *s)
{
	return add_str(out, s != NULL && s[0] != '\0' ? s : blank_line);
}

static ar_err
add_money(const struct fill *f, currency_id cur, int64_t v, enum tmpl_filter filter,
    struct tmpl_buf *out)
{
	return doc_fill_money(f->lang, cur, v, filter, out);
}

static ar_err
add_date(const struct fill *f, civil_day day, enum tmpl_filter filter, struct tmpl_buf *out)
{
	return doc_fill_date(f->lang, f->s->roc_dates, day, filter, out);
}

static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	const struct fill *f = ctx;
	const struct pod_docs_setup *s = f->s;
	const struct customer *c = f->k->customer;
	const struct pod_currency *cl = element < f->nclaims ? f->claims[element] : NULL;
	const struct pod_claim *claim = cl != NULL ? &cl->claim : NULL;
	char buf[128];

	switch (field) {
	case F_COMPANY_NAME: return add_str(out, s->company_name);
	case F_COMPANY_REG_NO: return add_str(out, s->company_reg_no);
	case F_COMPANY_ADDRESS: return doc_fill_one_line(out, s->company_address);
	case F_COMPANY_PHONE: return add_str(out, s->company_phone);
	case F_COMPANY_EMAIL: return add_str(out, s->company_email);
	case F_CUSTOMER: return add_str(out, f->k->customer_id);
	case F_DEBTOR: return add_str(out, debtor_of(f));
	case F_DEBTOR_NAME: return add_str(out, c->name);
	case F_DEBTOR_NAME_LOCAL: return add_str(out, c->name_local);
	case F_DEBTOR_REG_NO: return add_or_blank(out, f->reg_no);
	case F_DEBTOR_REG_CAPTION: return add_str(out, reg_caption_of(f));
	case F_DEBTOR_ADDRESS: return doc_fill_one_line(out, c->address);
	case F_PROCEEDING: return add_str(out, proceeding_words[f->lang][f->pr].proceeding);
	case F_ORDER_CAPTION: return add_str(out, proceeding_words[f->lang][f->pr].order);
	case F_LIQUIDATOR: return add_str(out, f->liquidator);
	case F_LIQUIDATOR_ADDRESS: return doc_fill_one_line(out, f->liquidator_address);
	case F_CUT_OFF: return add_date(f, f->k->cut_off, filter, out);
	case F_DATE: case F_AS_OF: return add_date(f, s->as_of, filter, out);
	case F_REFERENCE: reference_of(f->k, buf, sizeof buf); return add_str(out, buf);
	case F_INTEREST_RATE: rate_text(f->k->rate, buf, sizeof buf); return add_str(out, buf);
	case F_DEPONENT: return add_or_blank(out, s->deponent);
	case F_DEPONENT_TITLE: return add_or_blank(out, s->deponent_title);
	case F_PLACE: return add_or_blank(out, s->place);
	case F_DOCUMENTS_COUNT: snprintf(buf, sizeof buf, "%zu", f->ndocs); return add_str(out, buf);
	}
	if (claim == NULL)
		return AR_EUSAGE;
	switch (field) {
	case F_C_CURRENCY: return add_str(out, currency_code(cl->currency));
	case F_C_NET_CLAIM: return add_money(f, cl->currency, claim->net_claim, filter, out);
	case F_C_PRINCIPAL: return add_money(f, cl->currency, claim->principal, filter, out);
	case F_C_INTEREST: return add_money(f, cl->currency, claim->interest, filter, out);
	case F_C_SET_OFF: return add_money(f, cl->currency, claim->set_off, filter, out);
	case F_C_UNSECURED:
		return add_money(f, cl->currency, claim->part[POD_UNSECURED], filter, out);
	case F_C_PREFERENTIAL:
		return add_money(f, cl->currency, claim->part[POD_PREFERENTIAL], filter, out);
	case F_C_SECURED: return add_money(f, cl->currency, claim->part[POD_SECURED], filter, out);
	}
	return AR_EUSAGE;
}

static size_t
count(void *ctx, int list)
{
	(void)list;
	return ((const struct fill *)ctx)->nclaims;
}

/* Whether any claimed currency has more than zero of what get reads. */
static bool
any_claim(const struct fill *f, int64_t (*get)(const struct pod_claim *))
{
	for (size_t i = 0; i < f->nclaims; i++)
		if (get(&f->claims[i]->claim) > 0)
			return true;
	return false;
}

static int64_t get_secured(const struct pod_claim *c) { return c->part[POD_SECURED]; }
static int64_t get_preferential(const struct pod_claim *c) { return c->part[POD_PREFERENTIAL]; }
static int64_t get_interest(const struct pod_claim *c) { return c->interest; }
static int64_t get_set_off(const struct pod_claim *c) { return c->set_off; }

static bool
flag(void *ctx, int field, size_t element)
{
	const struct fill *f = ctx;
	const struct pod_claim *one = element < f->nclaims ? &f->claims[element]->claim : NULL;

	switch (field) {
	case F_C_HAS_SECURED: return one != NULL && get_secured(one) > 0;
	case F_C_HAS_PREFERENTIAL: return one != NULL && get_preferential(one) > 0;
	case F_C_HAS_INTEREST: return one != NULL && get_interest(one) > 0;
	case F_C_HAS_SET_OFF: return one != NULL && get_set_off(one) > 0;
	case F_BANKRUPTCY: return f->pr == PR_BANKRUPTCY;
	case F_HAS_SECURED: return any_claim(f, get_secured);
	case F_HAS_PREFERENTIAL: return any_claim(f, get_preferential);
	case F_HAS_INTEREST: return any_claim(f, get_interest);
	case F_HAS_SET_OFF: return any_claim(f, get_set_off);
	case F_SEVERAL_CURRENCIES: return f->nclaims > 1;
	case F_HAS_NAME_LOCAL: return f->k->customer->name_local[0] != '\0';
	}
	return false;
}

/* The PDF draws the table and keeps the closing together: remember where they were. */
static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	struct fill *f = ctx;

	if (field == F_CLOSING && !f->closing_seen) {
		f->closing_at = out->len;
		f->closing_seen = true;
	} else if (field == F_DOCUMENTS_TABLE && !f->table_seen) {
		f->table_at = out->len;
		f->table_seen = true;
	}
	return AR_OK;
}

/* ---- the table of supporting documents ---- */

enum { PT_COLS_MAX = 8 };

struct pod_table {
	size_t ncols, rows;             /* rows without the header */
	char **cells;                   /* (rows + 1) * ncols, the header first */
	bool numeric[PT_COLS_MAX];
	struct letter_total *totals;    /* 4 per claimed currency */
	char (*values)[DOC_TEXT_MONEY_MAX + 8];
	size_t ntotals;
	char *words;                    /* one line per claimed currency */
};

static void
pod_table_free(struct pod_table *tb)
{
	if (tb->cells != NULL)
		for (size_t i = 0; i < (tb->rows + 1) * tb->ncols; i++)
			free(tb->cells[i]);
	free(tb->cells);
	free(tb->totals);
	free(tb->values);
	free(tb->words);
}

static ar_err
pod_table_build(const struct fill *f, struct pod_table *tb, struct ar_error *e)
{
	enum report_lang lang = f->lang;
	const char *const *pc = pod_captions[lang];
	bool with_currency = f->nclaims > 1;
	const char *header[PT_COLS_MAX];
	size_t nc = 0, row = 0, words_cap = f->nclaims * (DOC_TEXT_WORDS_MAX + 16), used = 0;

	memset(tb, 0, sizeof *tb);
	if (with_currency)
		header[nc++] = pc[PC_CURRENCY];
	header[nc++] = doc_caption(lang, DC_COL_DOC_NO);
	header[nc++] = doc_caption(lang, DC_COL_DOC_DATE);
	header[nc++] = doc_caption(lang, DC_COL_DUE_DATE);
	header[nc++] = doc_caption(lang, DC_COL_AMOUNT);
	header[nc++] = pc[PC_INTEREST_DAYS];
	header[nc++] = doc_caption(lang, DC_COL_INTEREST);
	header[nc++] = pc[PC_PART];
	tb->ncols = nc;
	for (size_t k = 0; k < nc; k++)        /* amount, interest days, interest */
		tb->numeric[k] = k >= nc - 4 && k < nc - 1;
	tb->rows = f->ndocs;
	tb->ntotals = 4 * f->nclaims;
	if ((tb->cells = calloc((tb->rows + 1) * nc, sizeof *tb->cells)) == NULL ||
	    (tb->totals = calloc(tb->ntotals, sizeof *tb->totals)) == NULL ||
	    (tb->values = calloc(tb->ntotals, sizeof *tb->values)) == NULL ||
	    (tb->words = malloc(words_cap)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	tb->words[0] = '\0';
	for (size_t k = 0; k < nc; k++)
		if ((tb->cells[k] = strdup(header[k])) == NULL)
			return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (size_t i = 0; i < f->nclaims; i++) {
		const struct pod_currency *cl = f->claims[i];
		const struct pod_claim *c = &cl->claim;
		int exp = currency_exponent(cl->currency);
		const char *code = currency_code(cl->currency);
		int64_t amounts[4] = { c->principal, c->interest, -c->set_off, c->net_claim };
		static const int labels[4] = { PC_PRINCIPAL, PC_INTEREST, PC_SET_OFF, PC_NET_CLAIM };
		char words[DOC_TEXT_WORDS_MAX];
		ar_err err;

		for (size_t j = cl->first; j < cl->first + cl->count; j++) {
			const struct pod_stmt_line *l = &f->k->lines[j];
			char cell[PT_COLS_MAX][DOC_TEXT_MONEY_MAX + 16];
			char **out = &tb->cells[(row + 1) * nc];
			size_t col = 0;

			if (!pod_line_supports(l))
				continue;
			if (with_currency)
				snprintf(cell[col++], sizeof cell[0], "%s", code);
			col++;          /* doc_no: any length, copied below */
			doc_short_date(f->lang, f->s->roc_dates, l->date, cell[col++], sizeof cell[0]);
			doc_short_date(f->lang, f->s->roc_dates, l->due, cell[col++], sizeof cell[0]);
			doc_money(l->amount, exp, cell[col++], sizeof cell[0]);
			snprintf(cell[col++], sizeof cell[0], "%ld", l->interest_days);
			doc_money(l->interest, exp, cell[col++], sizeof cell[0]);
			snprintf(cell[col++], sizeof cell[0], "%s", part_words[lang][l->part]);
			for (size_t k = 0; k < nc; k++)
				if ((out[k] = strdup(k == (with_currency ? 1u : 0u) ? l->doc_no :
				    cell[k])) == NULL)
					return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
			row++;
		}
		for (size_t k = 0; k < 4; k++) {
			char amount[DOC_TEXT_MONEY_MAX];
			struct letter_total *t = &tb->totals[4 * i + k];

			doc_money(amounts[k], exp, amount, sizeof amount);
			snprintf(tb->values[4 * i + k], sizeof tb->values[0], "%s %s", code, amount);
			t->label = pc[labels[k]];
			t->value = tb->values[4 * i + k];
			t->strong = k == 3;
		}
		if ((err = doc_amount_words(lang, cl->currency, exp, c->net_claim, words,
		    sizeof words)) != AR_OK)
			return ar_error_set(e, err, 0, "the net claim in %s in words: %s", code,
			    ar_strerror(err));
		/* One currency: its words alone; several: each after its code. */
		used += (size_t)snprintf(tb->words + used, words_cap - used, "%s%s%s%s",
		    i > 0 ? "\n" : "", with_currency ? code : "",
		    with_currency ? (is_chinese(lang) ? "：" : ": ") : "", words);
	}
	return AR_OK;
}

/* ---- the PDF ---- */

ar_err
pod_doc_pdf(const struct pod_docs_setup *s, const struct pod_templates *t,
    const struct pod_case *k, const char *reg_no, const char *path, struct ar_error *e)
{
	const struct customer *c = k->customer;
	struct fill f;
	struct tmpl_buf subject = { 0 }, body = { 0 };
	struct pod_table tb;
	struct letter_doc doc;
	char date[DOC_TEXT_DATE_MAX], ref[160];
	char *parts[3] = { NULL, NULL, NULL };     /* before the table, after it, the closing */
	const struct tmpl *tp;
	size_t p;
	ar_err err;

	memset(&f, 0, sizeof f);
	memset(&tb, 0, sizeof tb);
	f.s = s;
	f.k = k;
	if (pod_doc_lang(s, c, &f.lang) != AR_OK)
		return ar_error_set(e, AR_ESYNTAX, c->line, "lang \"%s\" of customer \"%s\" is not "
		    "en, ms, zh-Hans or zh-Hant", c->lang, k->customer_id);
	for (p = 0; p < PR_COUNT && strcasecmp(c->status, status_words[p]) != 0; p++)
		;
	if (p == PR_COUNT)
		return ar_error_set(e, AR_ESYNTAX, c->line, "status \"%s\" of customer \"%s\" is not "
		    "liquidation, administration, judicial_management or bankruptcy: no proof of "
		    "debt", c->status, k->customer_id);
	f.pr = (enum proceeding)p;
	if ((tp = t->t[f.lang]) == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "template pod.%s.txt was not loaded",
		    lang_tags[f.lang]);
	f.reg_no = reg_no != NULL && reg_no[0] != '\0' ? reg_no : c->reg_no;
	/* The addressee's name and address each fall back to [pod]; no name: the office. */
	if (c->liquidator[0] != '\0')
		f.liquidator = c->liquidator;
	else if (s->liquidator != NULL && s->liquidator[0] != '\0')
		f.liquidator = s->liquidator;
	else
		f.liquidator = proceeding_words[f.lang][f.pr].office;
	doc_lines(c->liquidator_address[0] != '\0' ? c->liquidator_address :
	    s->liquidator_address != NULL ? s->liquidator_address : "", f.liquidator_address,
	    sizeof f.liquidator_address);
	if ((f.claims = calloc(k->ncurrencies ? k->ncurrencies : 1, sizeof *f.claims)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (size_t i = 0; i < k->ncurrencies; i++) {
		const struct pod_currency *cl = &k->currencies[i];

		if (cl->claim.net_claim <= 0)
			continue;
		f.claims[f.nclaims++] = cl;
		for (size_t j = cl->first; j < cl->first + cl->count; j++)
			f.ndocs += pod_line_supports(&k->lines[j]);
	}
	if (f.nclaims == 0) {
		err = ar_error_set(e, AR_EUSAGE, 0, "customer \"%s\" has no net claim in any "
		    "currency: no proof of debt", k->customer_id);
		goto done;
	}
	{
		struct tmpl_data data = { &f, value, count, flag, block };

		if ((err = tmpl_render_subject(tp, &data, &subject)) != AR_OK ||
		    (err = tmpl_render(tp, &data, &body)) != AR_OK) {
			ar_error_set(e, err, 0, "template pod.%s.txt: %s", lang_tags[f.lang],
			    err == AR_ERANGE ? "an amount too large for words" : ar_strerror(err));
			goto done;
		}
	}
	if ((err = pod_table_build(&f, &tb, e)) != AR_OK)
		goto done;
	/* The body in three: before the table, after it, and the closing (the declaration). */
	if ((err = doc_body_parts(&body, f.table_seen, f.table_at, f.closing_seen, f.closing_at,
	    parts)) != AR_OK) {
		ar_error_set(e, err, 0, "out of memory");
		goto done;
	}
	doc_long_date(f.lang, s->roc_dates, s->as_of, date, sizeof date);
	reference_of(k, ref, sizeof ref);
	memset(&doc, 0, sizeof doc);
	doc.lang = lang_tags[f.lang];
	doc_letterhead(&doc, f.lang, s->company_name, s->company_reg_no, s->company_address,
	    s->company_phone, s->company_email, s->company_logo);
	doc.date_text = date;
	doc.reference = ref;
	doc.recipient_name = f.liquidator;
	doc.recipient_address = f.liquidator_address;
	doc.title = subject.len ? subject.data : "";
	doc.body_before = parts[0];
	if (f.table_seen) {
		doc.table.ncols = tb.ncols;
		doc.table.captions = (const char *const *)tb.cells;
		doc.table.numeric = tb.numeric;
		doc.table.nrows = tb.rows;
		doc.table.cells = (const char *const *)tb.cells + tb.ncols;
		doc.totals = tb.totals;
		doc.ntotals = tb.ntotals;
		doc.words_caption = pod_captions[f.lang][PC_WORDS];
		doc.words = tb.words;
	}
	doc.body_after = parts[1];
	doc.signature = parts[2][0] != '\0' ? parts[2] : NULL;
	doc.creation_date = s->created;
	err = letter_pdf_write(path, &doc, e);
done:
	for (size_t i = 0; i < 3; i++)
		free(parts[i]);
	pod_table_free(&tb);
	tmpl_buf_free(&subject);
	tmpl_buf_free(&body);
	free(f.claims);
	return err;
}
