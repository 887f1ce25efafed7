/*
 * import_profile.c - the built-in ERP extract profiles and [import.NAME].
 *
 * A built-in profile is written as the keys an ar.ini section would hold,
 * so that built-ins and ar.ini go through one setter, and a user's
 * [import.sap-fbl5n] changes the built-in key by key.
 */
#include "source/import_profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct kv {
	const char *key, *value;
};

/*
 * SAP captions in English and German (and the Portuguese of the FBL5N
 * study cited in CONVENTIONS.md), as the list and spreadsheet exports of
 * FBL5N write them with the standard layouts.  Amount: document currency
 * first, so that a layout showing both ages in the document's currency.
 */
#define SAP_CAPTIONS \
	{ "customer", "Account, Customer, Konto, Kunde, Debitor, Cliente, Conta" }, \
	{ "name", "Name 1, Name, Customer Name, Name des Kunden" }, \
	{ "doc_no", "DocumentNo, Document Number, Document No., Doc. No., Belegnummer, Belegnr., Nº doc." }, \
	{ "doc_type", "Type, Typ, Doc. Type, Document Type, Belegart, BA, Tip" }, \
	{ "doc_date", "Doc. Date, Document Date, Belegdatum, Belegdat., Data doc." }, \
	{ "due_date", "Net due dt, Net Due Date, Nettofälligkeit, Nettofälligk., Venc.líquid" }, \
	{ "currency", "Curr., Currency, Crcy, Währung, Währg, Moeda, LCurr, HWähr" }, \
	{ "amount", "Amount in DC, Amt in doc. curr., Amount in doc. curr., Betrag in BW, " \
	    "Betrag in Belegwährung, Amount in LC, Amt in loc.cur., Amount in local currency, " \
	    "Betrag in HW, Betrag in Hauswährung, Mont.em MI" }, \
	{ "company", "CoCd, Company Code, BuKr, Buchungskreis, Empr" }, \
	{ "ref", "Reference, Referenz, Assignment, Zuordnung" }, \
	{ "dispute", "Disputed, Dispute Case, Klärungsfall" }, \
	{ "block", "Dunn.block, Dunning Block, Mahnsperre, MS" }, \
	{ "decimal", "comma" }, \
	{ "date_order", "day-first" }, \
	{ "total_marker", "*" }, \
	{ "doc_types", "RV:INV, DR:INV, DG:CN, DZ:PAY, AB:ADJ" }

static const struct kv sap_fbl5n[] = {
	{ "layout", "list" }, { "delimiter", "|" },
	SAP_CAPTIONS,
	{ NULL, NULL }
};

static const struct kv sap_fbl5n_spreadsheet[] = {
	{ "layout", "csv" }, { "delimiter", "\t" },
	SAP_CAPTIONS,
	{ NULL, NULL }
};

/* The Accounts Receivable report of ERPNext, exported as CSV. */
static const struct kv erpnext[] = {
	{ "layout", "csv" }, { "delimiter", "," },
	{ "customer", "Party, Customer" },
	{ "name", "Customer Name, Party Name" },
	{ "doc_no", "Voucher No" },
	{ "doc_type", "Voucher Type" },
	{ "doc_date", "Posting Date" },
	{ "due_date", "Due Date" },
	{ "currency", "Currency" },
	{ "amount", "Outstanding Amount" },
	{ "ref", "Customer LPO" },
	{ "decimal", "point" }, { "date_order", "day-first" },
	{ "total_marker", "Total" },
	{ "doc_types", "Sales Invoice:INV, Journal Entry:ADJ, Payment Entry:PAY" },
	{ NULL, NULL }
};

/* The items stream's own names, and the captions a hand-made sheet has. */
static const struct kv generic[] = {
	{ "layout", "csv" }, { "delimiter", "," },
	{ "customer", "customer, Customer No, Customer Code, Customer ID, Account, Debtor" },
	{ "name", "name, Customer Name" },
	{ "doc_no", "doc_no, Document No, Document Number, Invoice No, Invoice Number, Doc No" },
	{ "doc_type", "doc_type, Document Type, Doc Type, Type" },
	{ "doc_date", "doc_date, Document Date, Invoice Date, Doc Date" },
	{ "due_date", "due_date, Due Date" },
	{ "currency", "currency, Currency, Curr" },
	{ "amount", "amount, Amount, Open Amount, Outstanding, Balance" },
	{ "company", "company, Company" },
	{ "ref", "ref, Reference" },
	{ "dispute", "dispute, Disputed" },
	{ "block", "block, Dunning Block" },
	{ "decimal", "point" }, { "date_order", "day-first" },
	{ NULL, NULL }
};

static const struct {
	const char *name;
	const struct kv *keys;
} builtins[] = {
	{ "sap-fbl5n", sap_fbl5n },
	{ "sap-fbl5n-spreadsheet", sap_fbl5n_spreadsheet },
	{ "erpnext", erpnext },
	{ "generic", generic },
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

const char *const import_builtin_names[] = {
	"sap-fbl5n", "sap-fbl5n-spreadsheet", "erpnext", "generic", NULL
};

static const char *const column_names[IC_COUNT] = {
	"customer", "doc_no", "doc_type", "doc_date", "due_date", "currency",
	"amount", "company", "ref", "name", "dispute", "block", "debit_credit"
};

/* Every key of [import.*] that is not a column's captions. */
static const char *const setting_keys[] = {
	"layout", "delimiter", "encoding", "skip_lines", "header", "decimal",
	"date_order", "date_format", "sign", "credit_values", "total_marker",
	"doc_types", "company_code", "default_currency", NULL
};

const char *
import_column_name(enum import_column c)
{
	return column_names[c];
}

bool
import_profile_builtin(const char *name)
{
	size_t i;

	for (i = 0; i < NBUILTINS; i++)
		if (strcasecmp(builtins[i].name, name) == 0)
			return true;
	return false;
}

static ar_err
bad(char *msg, size_t size, const char *fmt, const char *a, const char *b)
{
	snprintf(msg, size, fmt, a, b);
	return AR_ECONFIG;
}

static ar_err
set_docmap(struct import_profile *p, const char *v, char *msg, size_t size)
{
	const char *end, *colon, *s = v;
	size_t n, m;

	p->ndocmap = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t')
			s++;
		end = s + strcspn(s, ",");
		colon = memchr(s, ':', (size_t)(end - s));
		if (colon == NULL)
			return bad(msg, size, "doc_types \"%s\" is not ERP:TYPE pairs%s", v, "");
		for (n = (size_t)(colon - s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
			continue;
		for (colon++; *colon == ' ' || *colon == '\t'; colon++)
			continue;
		for (m = 0; colon + m < end && colon[m] != ' ' && colon[m] != '\t'; m++)
			continue;
		if (p->ndocmap == IMPORT_DOCMAP_MAX || n == 0 ||
		    n >= sizeof p->docmap[0].erp || m == 0 || m >= sizeof p->docmap[0].type)
			return bad(msg, size, "doc_types \"%s\": too many pairs or a type too long%s", v, "");
		memcpy(p->docmap[p->ndocmap].erp, s, n);
		p->docmap[p->ndocmap].erp[n] = '\0';
		memcpy(p->docmap[p->ndocmap].type, colon, m);
		p->docmap[p->ndocmap].type[m] = '\0';
		p->ndocmap++;
		s = *end ? end + 1 : end;
	}
	return AR_OK;
}

static ar_err
set_captions(struct caption_list *l, const char *key, const char *v,
    char *msg, size_t size)
{
	switch (caption_list_parse(v, l)) {
	case AR_OK:
		return AR_OK;
	case AR_ESYNTAX:
		return bad(msg, size, "%s \"%s\" has an empty caption", key, v);
	default:
		return bad(msg, size, "%s \"%s\" has too many or too long captions", key, v);
	}
}

static ar_err
copy(char *dst, size_t dstsize, const char *key, const char *v, char *msg,
    size_t size)
{
	if (strlen(v) >= dstsize)
		return bad(msg, size, "%s \"%s\" is too long", key, v);
	memcpy(dst, v, strlen(v) + 1);
	return AR_OK;
}

/* One key, its value in ar.ini's canonical form (config.h). */
static ar_err
set_key(struct import_profile *p, const char *key, const char *v, char *msg,
    size_t size)
{
	size_t c;

	for (c = 0; c < IC_COUNT; c++)
		if (strcmp(key, column_names[c]) == 0)
			return set_captions(&p->col[c], key, v, msg, size);
	if (strcmp(key, "layout") == 0)
		p->layout = strcmp(v, "list") == 0 ? IMPORT_LIST : IMPORT_CSV;
	else if (strcmp(key, "delimiter") == 0)
		p->delimiter = v[0];
	else if (strcmp(key, "encoding") == 0)
		return copy(p->encoding, sizeof p->encoding, key, v, msg, size);
	else if (strcmp(key, "skip_lines") == 0)
		p->skip_lines = strtol(v, NULL, 10);
	else if (strcmp(key, "header") == 0)
		p->header = strcmp(v, "yes") == 0;
	else if (strcmp(key, "decimal") == 0)
		p->decimal = strcmp(v, "comma") == 0 ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	else if (strcmp(key, "date_order") == 0)
		p->date_order = strcmp(v, "month-first") == 0 ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
	else if (strcmp(key, "date_format") == 0)
		return copy(p->date_format, sizeof p->date_format, key, v, msg, size);
	else if (strcmp(key, "sign") == 0)
		p->negate = strcmp(v, "negate") == 0;
	else if (strcmp(key, "credit_values") == 0)
		return set_captions(&p->credit_values, key, v, msg, size);
	else if (strcmp(key, "total_marker") == 0)
		return copy(p->total_marker, sizeof p->total_marker, key, v, msg, size);
	else if (strcmp(key, "doc_types") == 0)
		return set_docmap(p, v, msg, size);
	else if (strcmp(key, "company_code") == 0)
		return copy(p->company_code, sizeof p->company_code, key, v, msg, size);
	else if (strcmp(key, "default_currency") == 0) {
		if (currency_lookup(v, strlen(v), &p->default_currency) != AR_OK)
			return bad(msg, size, "default_currency \"%s\" is not a known currency%s", v, "");
		p->has_default_currency = true;
	} else
		abort();	/* a key of the schema this file does not know */
	return AR_OK;
}

ar_err
import_profile_load(const struct ar_config *cfg, const char *name,
    struct import_profile *p, char *msg, size_t msgsize)
{
	char section[CONFIG_PROFILE_NAME_MAX + 16], key[128], m[512];
	const struct kv *kv = NULL;
	bool in_config;
	size_t i, n;
	ar_err err;

	memset(p, 0, sizeof *p);
	n = strlen(name);
	if (n == 0 || n > CONFIG_PROFILE_NAME_MAX) {
		snprintf(msg, msgsize, "no import profile \"%s\"", name);
		return AR_ECONFIG;
	}
	for (i = 0; i <= n; i++)
		p->name[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	p->layout = IMPORT_CSV;
	p->delimiter = ',';
	p->header = true;
	p->decimal = MONEY_DECIMAL_POINT;
	p->date_order = DATE_DAY_FIRST;
	caption_list_parse("H, C, CR, Credit", &p->credit_values);
	for (i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, p->name) == 0)
			kv = builtins[i].keys;
	snprintf(section, sizeof section, "import.%s", p->name);
	in_config = cfg != NULL && config_has_section(cfg, section);
	if (kv == NULL && !in_config) {
		snprintf(msg, msgsize, "no import profile \"%s\" (built in: sap-fbl5n, "
		    "sap-fbl5n-spreadsheet, erpnext, generic; or an [import.%s] "
		    "section in ar.ini)", name, p->name);
		return AR_ECONFIG;
	}
	for (; kv != NULL && kv->key != NULL; kv++)
		if ((err = set_key(p, kv->key, kv->value, msg, msgsize)) != AR_OK)
			return err;
	if (!in_config)
		return AR_OK;
	for (i = 0; i < IC_COUNT + sizeof setting_keys / sizeof setting_keys[0] - 1; i++) {
		const char *k = i < IC_COUNT ? column_names[i] : setting_keys[i - IC_COUNT];

		snprintf(key, sizeof key, "%s:%s", section, k);
		if (!config_has(cfg, key))
			continue;
		if ((err = set_key(p, k, config_get_string(cfg, key), m, sizeof m)) != AR_OK) {
			snprintf(msg, msgsize, "[%s] %s", section, m);
			return err;
		}
	}
	return AR_OK;
}

const char *
import_doc_type(const struct import_profile *p, const char *erp, size_t len)
{
	static const char *const types[] = { "INV", "CN", "DN", "PAY", "ADJ",
	    "INT", "FEE" };
	size_t i;

	while (len > 0 && (*erp == ' ' || *erp == '\t'))
		erp++, len--;
	while (len > 0 && (erp[len - 1] == ' ' || erp[len - 1] == '\t'))
		len--;
	if (len == 0)
		return "";
	for (i = 0; i < p->ndocmap; i++)
		if (strlen(p->docmap[i].erp) == len &&
		    strncasecmp(p->docmap[i].erp, erp, len) == 0)
			return p->docmap[i].type;
	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == len && strncasecmp(types[i], erp, len) == 0)
			return types[i];
	return NULL;
}

bool
import_is_credit(const struct import_profile *p, const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < p->credit_values.n; i++)
		if (caption_equal(p->credit_values.caption[i], v, len))
			return true;
	return false;
}
