/*
 * their_ledger.c - a customer's ledger of us by a [recon.NAME] profile
 * (their_ledger.h).  The header is searched for as ar-import searches a
 * delimited export (import.c): lines split with caption_split until one
 * has the captions, then libcsv from that line on.
 */
#include "source/their_ledger.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csvio.h"

#define CELLS_MAX 256

struct kv {
	const char *key, *value;
};

/*
 * The generic profile: the captions of the ledgers Malaysian customers
 * send (AutoCount, SQL Account, UBS, SAP FBL1N saved as CSV, a sheet made
 * by hand), English, with the stream's own names first.
 */
static const struct kv generic[] = {
	{ "doc_no", "doc_no, Doc No, Doc No., Doc. No., Document No, Document No., Document Number, "
	    "DocumentNo, Voucher No, Voucher No., Invoice No, Invoice No., Bill No" },
	{ "reference", "reference, Reference, Ref, Ref No, Ref. No., Ref No., Supplier Invoice No, "
	    "Supplier Inv No, Supplier Ref, Vendor Invoice No, Your Ref, Assignment, Description, "
	    "Particulars" },
	{ "date", "date, Date, Doc Date, Doc. Date, Document Date, Posting Date, Invoice Date" },
	{ "amount", "amount, Amount, Amount (RM), Amount (MYR), Amount in DC, Amt in doc. curr., "
	    "Local Amount" },
	{ "debit", "debit, Debit, Dr, Debit (RM)" },
	{ "credit", "credit, Credit, Cr, Credit (RM)" },
	{ "currency", "currency, Currency, Curr, Curr., Crcy, Cur" },
	{ "type", "type, Type, Doc Type, Doc. Type, Document Type, Trans Type, Description, "
	    "Particulars" },
	{ "payment_types", "PAY, PV, Payment, Payment Voucher, Cheque, CHQ, IBG, GIRO, DuitNow, TT, "
	    "KZ" },
	{ "debit_note_types", "DN, Debit Note, Debit Advice, Deduction, Purchase Return, KG" },
	{ "skip_values", "Total, Grand Total, Sub Total, Subtotal, Closing Balance, Balance C/F" },
	{ NULL, NULL }
};

static const char *const column_names[TC_COUNT] = {
	"doc_no", "reference", "date", "amount", "debit", "credit", "currency", "type"
};

/* Every key of [recon.*] that is not a column's captions. */
static const char *const setting_keys[] = {
	"delimiter", "encoding", "skip_lines", "header", "decimal", "date_order", "date_format",
	"sign", "doc_prefix", "payment_types", "debit_note_types", "skip_values",
	"default_currency", "match_days", NULL
};

const char *
their_column_name(enum their_column c)
{
	return column_names[c];
}

static ar_err
bad(char *msg, size_t size, const char *key, const char *v, const char *why)
{
	snprintf(msg, size, "%s \"%s\" %s", key, v, why);
	return AR_ECONFIG;
}

static ar_err
set_list(struct caption_list *l, const char *key, const char *v, char *msg, size_t size)
{
	switch (caption_list_parse(v, l)) {
	case AR_OK:
		return AR_OK;
	case AR_ESYNTAX:
		return bad(msg, size, key, v, "has an empty caption");
	default:
		return bad(msg, size, key, v, "has too many or too long captions");
	}
}

/* One key, its value in ar.ini's canonical form (config.h). */
static ar_err
set_key(struct their_profile *p, const char *key, const char *v, char *msg, size_t size)
{
	for (size_t c = 0; c < TC_COUNT; c++)
		if (strcmp(key, column_names[c]) == 0)
			return set_list(&p->col[c], key, v, msg, size);
	if (strcmp(key, "delimiter") == 0)
		p->delimiter = v[0];
	else if (strcmp(key, "encoding") == 0) {
		if (strlen(v) >= sizeof p->encoding)
			return bad(msg, size, key, v, "is too long");
		memcpy(p->encoding, v, strlen(v) + 1);
	} else if (strcmp(key, "skip_lines") == 0)
		p->skip_lines = strtol(v, NULL, 10);
	else if (strcmp(key, "header") == 0)
		p->header = strcmp(v, "yes") == 0;
	else if (strcmp(key, "decimal") == 0)
		p->decimal = strcmp(v, "comma") == 0 ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	else if (strcmp(key, "date_order") == 0)
		p->date_order = strcmp(v, "month-first") == 0 ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
	else if (strcmp(key, "date_format") == 0) {
		if (strlen(v) >= sizeof p->date_format)
			return bad(msg, size, key, v, "is too long");
		memcpy(p->date_format, v, strlen(v) + 1);
	} else if (strcmp(key, "sign") == 0)
		p->sign_debit = strcmp(v, "debit") == 0;
	else if (strcmp(key, "doc_prefix") == 0)
		return set_list(&p->doc_prefix, key, v, msg, size);
	else if (strcmp(key, "payment_types") == 0)
		return set_list(&p->payment_types, key, v, msg, size);
	else if (strcmp(key, "debit_note_types") == 0)
		return set_list(&p->debit_note_types, key, v, msg, size);
	else if (strcmp(key, "skip_values") == 0)
		return set_list(&p->skip_values, key, v, msg, size);
	else if (strcmp(key, "default_currency") == 0) {
		if (currency_lookup(v, strlen(v), &p->default_currency) != AR_OK)
			return bad(msg, size, key, v, "is not a known currency");
		p->has_default_currency = true;
	} else if (strcmp(key, "match_days") == 0)
		p->match_days = (int)strtol(v, NULL, 10);
	else
		abort();	/* a key of the schema this file does not know */
	return AR_OK;
}

ar_err
their_profile_load(const struct ar_config *cfg, const char *name, struct their_profile *p,
    char *msg, size_t msgsize)
{
	char section[CONFIG_PROFILE_NAME_MAX + 16], key[128], m[512];
	size_t n = strlen(name), i;
	bool in_config;
	ar_err err;

	memset(p, 0, sizeof *p);
	if (n == 0 || n > CONFIG_PROFILE_NAME_MAX) {
		snprintf(msg, msgsize, "no recon profile \"%s\"", name);
		return AR_ECONFIG;
	}
	for (i = 0; i <= n; i++)
		p->name[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	snprintf(section, sizeof section, "recon.%s", p->name);
	in_config = cfg != NULL && config_has_section(cfg, section);
	if (strcmp(p->name, "generic") != 0 && !in_config) {
		snprintf(msg, msgsize, "no recon profile \"%s\" (built in: generic; or a "
		    "[recon.%s] section in ar.ini)", name, p->name);
		return AR_ECONFIG;
	}
	p->delimiter = ',';
	p->header = true;
	p->decimal = MONEY_DECIMAL_POINT;
	p->date_order = DATE_DAY_FIRST;
	p->match_days = 7;
	for (const struct kv *kv = generic; kv->key != NULL; kv++)
		if ((err = set_key(p, kv->key, kv->value, msg, msgsize)) != AR_OK)
			return err;
	if (!in_config)
		return AR_OK;
	for (i = 0; i < TC_COUNT + sizeof setting_keys / sizeof setting_keys[0] - 1; i++) {
		const char *k = i < TC_COUNT ? column_names[i] : setting_keys[i - TC_COUNT];

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

/* ---- reading ---- */

struct binding {
	int idx[TC_COUNT];	/* cell of each column, -1 when absent */
	int again_col, again;	/* a column whose caption two cells have, and the second cell */
	bool debit_credit;	/* amounts from debit and credit, not amount */
};

struct run {
	const struct their_profile *p;
	bool has_default;
	currency_id default_currency;
	their_line_fn fn;
	void *ctx;
	struct their_summary *sum;
	struct ar_error *e;
	struct binding b;
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether cell is one of l's, or starts with one as a word ("Payment - IBG 12/11"). */
static bool
word_of(const struct caption_list *l, const char *cell, size_t len)
{
	while (len > 0 && blank(*cell))
		cell++, len--;
	for (size_t k = 0; k < l->n; k++) {
		size_t n = strlen(l->caption[k]);

		if (len == n && caption_equal(l->caption[k], cell, len))
			return true;
		if (len > n && !alnum(cell[n]) && caption_equal(l->caption[k], cell, n))
			return true;
	}
	return false;
}

/* Bind a header: date, and amount or debit and credit, and doc_no or reference. */
static bool
bind_header(const struct their_profile *p, const char *const *cells, const size_t *lens,
    size_t n, struct binding *b, const char **missing)
{
	int again;

	b->again_col = b->again = -1;
	for (size_t c = 0; c < TC_COUNT; c++) {
		b->idx[c] = -1;
		if (p->header) {
			b->idx[c] = caption_find_unique(&p->col[c], cells, lens, n, &again);
			if (again >= 0 && b->again_col < 0)
				b->again_col = (int)c, b->again = again;
			continue;
		}
		for (size_t k = 0; k < p->col[c].n && b->idx[c] < 0; k++) {
			long col = strtol(p->col[c].caption[k], NULL, 10);

			if (col >= 1 && (size_t)col <= n)
				b->idx[c] = (int)col - 1;
		}
	}
	b->debit_credit = b->idx[TC_DEBIT] >= 0 && b->idx[TC_CREDIT] >= 0;
	*missing = NULL;
	if (b->idx[TC_DATE] < 0)
		*missing = "date";
	else if (b->idx[TC_AMOUNT] < 0 && !b->debit_credit)
		*missing = "amount (or debit and credit)";
	else if (b->idx[TC_DOC_NO] < 0 && b->idx[TC_REFERENCE] < 0)
		*missing = "doc_no (or reference)";
	return *missing == NULL;
}

static const char *
cell(const char *const *cells, const size_t *lens, size_t n, int idx, size_t *len)
{
	if (idx < 0 || (size_t)idx >= n) {
		*len = 0;
		return "";
	}
	*len = lens[idx];
	return cells[idx];
}

static ar_err
parse_amount(struct run *r, const char *what, const char *s, size_t len, currency_id cur,
    long line, int64_t *v)
{
	ar_err e = money_parse(s, len, currency_exponent(cur), r->p->decimal, v);

	if (e == AR_EDECIMALS) {
		char setting[CONFIG_PROFILE_NAME_MAX + 32], msg[sizeof r->e->message];

		snprintf(setting, sizeof setting, "[recon.%s] decimal", r->p->name);
		money_decimals_message(msg, sizeof msg, what, s, len, cur, setting);
		return ar_error_set(r->e, e, line, "%s", msg);
	}
	if (e != AR_OK)
		return ar_error_set(r->e, e == AR_ERANGE ? AR_ERANGE : AR_ESYNTAX, line,
		    "%s \"%.*s\" is not an amount in %s with decimal %s (%s)", what,
		    (int)(len > 40 ? 40 : len), s, currency_code(cur),
		    r->p->decimal == MONEY_DECIMAL_COMMA ? "comma" : "point",
		    e != AR_ESYNTAX ? ar_strerror(e) : r->p->decimal == MONEY_DECIMAL_COMMA ?
		    "expected such as 1.234,56 or 1.234,56-" : "expected such as 1,234.56 or -1,234.56");
	return AR_OK;
}

static ar_err
parse_date(struct run *r, const char *s, size_t len, long line, civil_day *day)
{
	const struct their_profile *p = r->p;
	struct date_opts o = { p->date_order, true, false };
	ar_err e;

	if (len == 0)
		return ar_error_set(r->e, AR_ESYNTAX, line, "the date is empty");
	if (p->date_format[0] == '\0') {
		if ((e = date_parse(s, len, &o, day)) == AR_OK)
			return AR_OK;
		return ar_error_set(r->e, AR_ESYNTAX, line, "date \"%.*s\" is not a date (%s)",
		    (int)(len > 40 ? 40 : len), s, e == AR_ERANGE ? "no such day" :
		    e == AR_EAMBIGUOUS ? "ambiguous year" : p->date_order == DATE_MONTH_FIRST ?
		    "expected MM/DD/YYYY or YYYY-MM-DD" :
		    "expected DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD");
	}
	if ((e = date_parse_format(s, len, p->date_format, day)) == AR_OK)
		return AR_OK;
	if (e == AR_ERANGE)
		return ar_error_set(r->e, AR_ESYNTAX, line, "date \"%.*s\" is not a date (no such "
		    "day)", (int)(len > 40 ? 40 : len), s);
	return ar_error_set(r->e, AR_ESYNTAX, line, "date \"%.*s\" does not read as %s "
	    "([recon.%s] date_format)", (int)(len > 40 ? 40 : len), s, p->date_format, p->name);
}

/* doc_no without the first of doc_prefix it starts with (and is longer than). */
static const char *
strip_prefix(const struct their_profile *p, const char *doc)
{
	size_t len = strlen(doc);

	for (size_t k = 0; k < p->doc_prefix.n; k++) {
		size_t n = strlen(p->doc_prefix.caption[k]);

		if (len > n && strncasecmp(doc, p->doc_prefix.caption[k], n) == 0) {
			for (doc += n; blank(*doc); doc++)
				continue;
			return doc;
		}
	}
	return doc;
}

/* A record's cells: a total line, an empty row, or an entry. */
static ar_err
take(struct run *r, const char *const *cells, const size_t *lens, size_t n, long line)
{
	const struct binding *b = &r->b;
	const struct their_profile *p = r->p;
	struct their_line l;
	const char *s;
	size_t len, i;
	ar_err e;

	for (i = 0; i < n && lens[i] == 0; i++)
		continue;
	if (i == n) {
		r->sum->skipped++;
		return AR_OK;
	}
	(void)cell(cells, lens, n, b->idx[TC_DOC_NO], &len);
	if (len == 0)
		for (i = 0; i < n; i++)
			if (lens[i] > 0 && word_of(&p->skip_values, cells[i], lens[i])) {
				r->sum->skipped++;
				return AR_OK;
			}
	l.line = line;
	l.doc_no = cell(cells, lens, n, b->idx[TC_DOC_NO], &len);
	l.match_no = strip_prefix(p, l.doc_no);
	l.ref = cell(cells, lens, n, b->idx[TC_REFERENCE], &len);
	l.type = cell(cells, lens, n, b->idx[TC_TYPE], &len);
	l.kind = len > 0 && word_of(&p->payment_types, l.type, len) ? RECON_PAYMENT :
	    len > 0 && word_of(&p->debit_note_types, l.type, len) ? RECON_DEDUCTION : RECON_ENTRY;
	s = cell(cells, lens, n, b->idx[TC_DATE], &len);
	if ((e = parse_date(r, s, len, line, &l.date)) != AR_OK)
		return e;
	s = cell(cells, lens, n, b->idx[TC_CURRENCY], &len);
	if (len == 0) {
		if (!p->has_default_currency && !r->has_default)
			return ar_error_set(r->e, AR_ESYNTAX, line, "no currency (set "
			    "default_currency in [recon.%s] or [company])", p->name);
		l.currency = p->has_default_currency ? p->default_currency : r->default_currency;
	} else if (currency_lookup(s, len, &l.currency) != AR_OK) {
		return ar_error_set(r->e, AR_ESYNTAX, line, "currency \"%.*s\" is not a known "
		    "currency code", (int)(len > 40 ? 40 : len), s);
	}
	if (b->debit_credit) {
		int64_t dr = 0, cr = 0;
		size_t dlen, clen;
		const char *d = cell(cells, lens, n, b->idx[TC_DEBIT], &dlen);
		const char *c = cell(cells, lens, n, b->idx[TC_CREDIT], &clen);

		if (dlen == 0 && clen == 0)
			return ar_error_set(r->e, AR_ESYNTAX, line, "neither debit nor credit has "
			    "an amount");
		if (dlen > 0 && (e = parse_amount(r, "debit", d, dlen, l.currency, line, &dr)) !=
		    AR_OK)
			return e;
		if (clen > 0 && (e = parse_amount(r, "credit", c, clen, l.currency, line, &cr)) !=
		    AR_OK)
			return e;
		if (dr == INT64_MIN || cr == INT64_MIN || money_add(&dr, -cr) != AR_OK)
			return ar_error_set(r->e, AR_ERANGE, line, "debit - credit overflows");
		l.amount = dr;
	} else {
		s = cell(cells, lens, n, b->idx[TC_AMOUNT], &len);
		if (len == 0)
			return ar_error_set(r->e, AR_ESYNTAX, line, "the amount is empty");
		if ((e = parse_amount(r, "amount", s, len, l.currency, line, &l.amount)) != AR_OK)
			return e;
	}
	/* amounts are debit - credit: an accounts-payable ledger owes us its credits */
	if (!p->sign_debit) {
		if (l.amount == INT64_MIN)
			return ar_error_set(r->e, AR_ERANGE, line, "the amount overflows");
		l.amount = -l.amount;
	}
	r->sum->lines++;
	if ((e = r->fn(r->ctx, &l)) != AR_OK && r->e->message[0] == '\0')
		ar_error_set(r->e, e, line, "%s", e == AR_ERANGE ? "their balance overflows" :
		    ar_strerror(e));
	return e;
}

/* No line had the captions: say which column was not found, with its first captions. */
static ar_err
no_header(struct run *r, const char *missing)
{
	char what[256];
	size_t len;
	int c = -1;

	if (missing == NULL)
		missing = "date";
	for (size_t k = 0; k < TC_COUNT; k++)
		if (strncmp(missing, column_names[k], strlen(column_names[k])) == 0 &&
		    (missing[strlen(column_names[k])] == '\0' ||
		    missing[strlen(column_names[k])] == ' '))
			c = (int)k;
	snprintf(what, sizeof what, "%s", missing);
	for (size_t k = 0; c >= 0 && k < r->p->col[c].n && k < 4; k++) {
		len = strlen(what);
		snprintf(what + len, sizeof what - len, "%s\"%s\"", k ? ", " : " column (",
		    r->p->col[c].caption[k]);
	}
	len = strlen(what);
	if (c >= 0 && r->p->col[c].n > 0)
		snprintf(what + len, sizeof what - len, "%s)", r->p->col[c].n > 4 ? ", ..." : "");
	return ar_error_set(r->e, AR_ECOLUMN, 0, "no header line with the captions of recon "
	    "profile %s: no line has the %s", r->p->name, what);
}

static ar_err
header_twice(struct run *r, const char *const *cells, const size_t *lens, long line)
{
	int c = r->b.again_col, i = r->b.idx[c], j = r->b.again;

	return ar_error_set(r->e, AR_EDUPCOLUMN, line, "the header has the %s column twice "
	    "(as \"%.*s\" in column %d and \"%.*s\" in column %d)", column_names[c],
	    (int)(lens[i] > 60 ? 60 : lens[i]), cells[i], i + 1,
	    (int)(lens[j] > 60 ? 60 : lens[j]), cells[j], j + 1);
}

ar_err
their_ledger_read(struct textin *t, const struct their_profile *p, bool has_default,
    currency_id default_currency, their_line_fn fn, void *ctx, struct their_summary *sum,
    struct ar_error *e)
{
	const char *cells[CELLS_MAX], *line, *missing = NULL;
	size_t lens[CELLS_MAX], len, n, i;
	struct csvio_opts o = { p->delimiter, !p->header, true, NULL };
	struct csvio_reader *cr = NULL;
	struct csvio_record rec;
	struct run r = { p, has_default, default_currency, fn, ctx, sum, e, { { 0 }, -1, -1,
	    false } };
	long offset;
	FILE *fp;
	ar_err err;

	memset(sum, 0, sizeof *sum);
	e->line = 0;
	e->message[0] = '\0';
	/* the preamble: lines before the header */
	for (;;) {
		if ((err = textin_getline(t, &line, &len)) != AR_OK)
			break;
		if (textin_line(t) <= p->skip_lines || (p->header && len == 0)) {
			sum->preamble++;
			continue;
		}
		if (!p->header)
			break;
		n = caption_split(line, len, p->delimiter, cells, lens, CELLS_MAX);
		if (n <= CELLS_MAX && bind_header(p, cells, lens, n, &r.b, &missing))
			break;
		sum->preamble++;
	}
	if (err == AR_EOF)
		return no_header(&r, missing);
	if (err != AR_OK)
		return ar_error_set(e, err, textin_line(t), "%s", textin_error(t));
	offset = textin_line(t) - 1;
	textin_unget(t);
	if ((fp = textin_rest(t)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "cannot read on: %s", strerror(errno));
	err = csvio_reader_from_stream(&cr, fp, textin_name(t), &o);
	if (err == AR_OK) {
		for (i = 0; i < csvio_ncolumns(cr) && i < CELLS_MAX; i++) {
			cells[i] = csvio_column_name(cr, i);
			lens[i] = strlen(cells[i]);
		}
		if (!bind_header(p, cells, lens, i, &r.b, &missing))
			err = ar_error_set(e, AR_ECOLUMN, offset + 1, "the header has no %s column",
			    missing);
		else if (r.b.again_col >= 0)
			err = header_twice(&r, cells, lens, offset + 1);
	}
	while (err == AR_OK && (err = csvio_read(cr, &rec)) == AR_OK) {
		for (i = 0; i < rec.nfields && i < CELLS_MAX; i++) {
			cells[i] = rec.field[i].ptr;
			lens[i] = rec.field[i].len;
		}
		err = take(&r, cells, lens, i, offset + rec.line);
	}
	if (err == AR_EOF)
		err = AR_OK;
	else if (cr != NULL && e->message[0] == '\0') {
		if (err == AR_EIO && textin_error(t)[0] != '\0') {
			err = AR_EUTF8;
			ar_error_set(e, err, textin_line(t), "%s", textin_error(t));
		} else
			ar_error_set(e, err, offset + csvio_error(cr)->line, "%s",
			    csvio_error(cr)->message);
	} else if (cr == NULL && e->message[0] == '\0')
		ar_error_set(e, err, offset + 1, "%s", ar_strerror(err));
	csvio_reader_close(cr);
	fclose(fp);
	return err;
}
