/*
 * bankcsv.c - bank CSV statements through a [bank.NAME] profile (see
 * bankcsv.h).
 *
 * The header is looked for line by line with textin and caption_split
 * (a quick look); once found it is given back (textin_unget) and the rest
 * of the file, from the header on, goes to csvio as a stream, so the CSV
 * itself is parsed by libcsv only.  csvio counts lines from the header:
 * hdr_line - 1 is added to every line it names.  csvio reads with
 * no_header: the header is its first record (see bankcsv_read), and with
 * short_rows: a row shorter than the header is judged here, where it is
 * known which cells a row needs.
 *
 * Continuation rows need one transaction of look-ahead: a row's
 * transaction waits in rd.pend until the next row that is not a
 * continuation (or the end), then goes to the caller.
 */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "source/bank_channel.h"
#include "source/bankcsv.h"
#include "core/csvio.h"
#include "core/textin.h"
#include "core/utf8.h"

static const char *const col_key[BANKCSV_NCOLS] = {
	"value_date", "booking_date", "amount", "credit", "debit",
	"debit_credit", "currency", "payer", "payer_account", "reference",
	"bank_ref", "channel", "ref1", "ref2", "balance"
};

/* Cells of the header line looked at when finding it. */
#define HEADER_CELLS_MAX 512

/*
 * The keys of [sec] into *p: AR_OK, or AR_ECONFIG with *e saying which
 * key is wrong.
 */
static ar_err
read_profile(const struct ar_config *cfg, const char *sec,
    struct bankcsv_profile *p, struct ar_error *e)
{
	char key[CONFIG_PROFILE_NAME_MAX + 40];
	const char *v;
	size_t i;
	ar_err rc;

#define KEY(k) (snprintf(key, sizeof key, "%s:%s", sec, (k)), key)
	p->delimiter = config_get_char(cfg, KEY("delimiter"));
	snprintf(p->encoding, sizeof p->encoding, "%s",
	    config_get_string(cfg, KEY("encoding")));
	p->skip_lines = config_get_long(cfg, KEY("skip_lines"));
	p->header = config_get_bool(cfg, KEY("header"));
	p->decimal = strcmp(config_get_string(cfg, KEY("decimal")), "comma") == 0 ?
	    MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	p->dates.order = strcmp(config_get_string(cfg, KEY("date_order")),
	    "month-first") == 0 ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
	p->dates.roc = false;           /* bank files have Gregorian years */
	p->dates.excel_serial = false;
	if (config_has(cfg, KEY("date_format")))
		snprintf(p->date_format, sizeof p->date_format, "%s",
		    config_get_string(cfg, KEY("date_format")));
	p->negate = strcmp(config_get_string(cfg, KEY("sign")), "negate") == 0;
	if ((rc = caption_list_parse(config_get_string(cfg, KEY("credit_values")),
	    &p->credit_values)) != AR_OK)
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] credit_values: %s",
		    sec, ar_strerror(rc));
	if ((rc = caption_list_parse(config_get_string(cfg, KEY("debit_values")),
	    &p->debit_values)) != AR_OK)
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] debit_values: %s",
		    sec, ar_strerror(rc));
	if ((rc = caption_list_parse(config_get_string(cfg, KEY("skip_values")),
	    &p->skip_values)) != AR_OK)
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] skip_values: %s",
		    sec, ar_strerror(rc));
	/* The load checks [company]'s currency is known, not a profile's. */
	if (config_has(cfg, KEY("default_currency"))) {
		v = config_get_string(cfg, key);
		if (currency_lookup(v, strlen(v), &p->currency) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "[%s] "
			    "default_currency %s is not a known currency",
			    sec, v);
	} else
		p->currency = config_get_currency(cfg,
		    "company:default_currency");
	snprintf(p->account, sizeof p->account, "%s",
	    config_get_string(cfg, KEY("account")));
	for (i = 0; i < BANKCSV_NCOLS; i++) {
		if (!config_has(cfg, KEY(col_key[i])))
			continue;
		if ((rc = caption_list_parse(config_get_string(cfg, key),
		    &p->col[i])) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "[%s] %s: %s",
			    sec, col_key[i], ar_strerror(rc));
		p->has[i] = p->col[i].n > 0;
	}
#undef KEY
	if (!p->has[BANKCSV_VALUE_DATE] && !p->has[BANKCSV_BOOKING_DATE])
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] names no date "
		    "column (value_date or booking_date)", sec);
	if (!p->has[BANKCSV_AMOUNT] && !p->has[BANKCSV_CREDIT] &&
	    !p->has[BANKCSV_DEBIT])
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] names no amount "
		    "column (amount, or credit and debit)", sec);
	if (p->has[BANKCSV_AMOUNT] &&
	    (p->has[BANKCSV_CREDIT] || p->has[BANKCSV_DEBIT]))
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] names both amount "
		    "and credit/debit columns: one or the other", sec);
	if (p->has[BANKCSV_DEBIT_CREDIT] && !p->has[BANKCSV_AMOUNT])
		return ar_error_set(e, AR_ECONFIG, 0, "[%s] debit_credit needs "
		    "an amount column", sec);
	return AR_OK;
}

ar_err
bankcsv_profile_load(const struct ar_config *cfg, const char *name,
    struct bankcsv_profile *p, char *msg, size_t msgsize)
{
	char sec[CONFIG_PROFILE_NAME_MAX + 8];
	struct ar_error e;
	size_t i, n = strlen(name);

	memset(p, 0, sizeof *p);
	/* These two quote what they were given whole: straight into msg. */
	if (n == 0 || n > CONFIG_PROFILE_NAME_MAX) {
		snprintf(msg, msgsize, "bad profile name \"%s\"", name);
		return AR_ECONFIG;
	}
	for (i = 0; i < n; i++)
		p->name[i] = (char)tolower((unsigned char)name[i]);
	p->name[n] = '\0';
	snprintf(sec, sizeof sec, "bank.%s", p->name);
	if (cfg == NULL || !config_has_section(cfg, sec)) {
		snprintf(msg, msgsize, "no [%s] profile in %s", sec,
		    cfg && config_path(cfg) ? config_path(cfg) : "the configuration");
		return AR_ECONFIG;
	}
	if (read_profile(cfg, sec, p, &e) != AR_OK) {
		snprintf(msg, msgsize, "%s", e.message);
		return AR_ECONFIG;
	}
	return AR_OK;
}

/* ---- reading ---- */

struct rd {
	const struct bankcsv_profile *p;
	struct ar_error *err;
	bank_txn_fn fn;
	void *ctx;
	long base;                      /* file line of csvio's line 1, minus 1 */
	int idx[BANKCSV_NCOLS];         /* column of each kind, -1 when none */
	int refcols[CAPTIONS_MAX];      /* reference: every caption found */
	size_t nref;
	size_t ncols;                   /* fields of the header */
	struct bank_statement st;
	struct bankcsv_counts *counts;
	bool skip_seen[CAPTIONS_MAX];   /* skip_values met, to name each once */
	/* look-ahead: the transaction continuation rows may still add to */
	enum { LAST_NONE, LAST_TXN, LAST_SKIPPED } last;
	bool have_pend;
	struct bank_txn pend;
	/* running balance */
	bool bal_seen, fwd_ok, back_ok;
	int64_t bal_last, fwd_acc, back_acc;
	currency_id bal_cur;
	long bal_line;
};

/* A cell quoted in a message: at most 40 bytes, cut on a character. */
struct quote {
	char s[44];
};

static const char *
quote(struct quote *q, const char *s, size_t n)
{
	if (n > 40)
		n = utf8_cut(s, 40);
	memcpy(q->s, s, n);
	q->s[n] = '\0';
	return q->s;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Does the header line (its cells) hold a caption of every column named? */
static bool
is_header(const struct bankcsv_profile *p, const char *line, size_t len)
{
	static const char *cells[HEADER_CELLS_MAX];
	static size_t lens[HEADER_CELLS_MAX];
	size_t n, i;

	n = caption_split(line, len, p->delimiter, cells, lens,
	    HEADER_CELLS_MAX);
	if (n > HEADER_CELLS_MAX)
		n = HEADER_CELLS_MAX;
	for (i = 0; i < BANKCSV_NCOLS; i++)
		if (p->has[i] && caption_find(&p->col[i], cells, lens, n) < 0)
			return false;
	return true;
}

static void
captions_text(const struct bankcsv_profile *p, char *buf, size_t size)
{
	size_t i, k, o = 0;

	buf[0] = '\0';
	for (i = 0; i < BANKCSV_NCOLS && o + 1 < size; i++) {
		if (!p->has[i])
			continue;
		o += (size_t)snprintf(buf + o, size - o, "%s%s \"", o ? ", " : "",
		    col_key[i]);
		for (k = 0; k < p->col[i].n && o + 1 < size; k++)
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
			    k ? "|" : "", p->col[i].caption[k]);
		if (o + 1 < size)
			o += (size_t)snprintf(buf + o, size - o, "\"");
	}
}

/*
 * The column of each kind the profile names, among the header's cells:
 * the header record as libcsv read it, or the column numbers "1", "2", ...
 * of a file without one.  Header cells may repeat (two "skip" columns,
 * Air Bank's two "Původní částka a měna"): the first that fits is taken.
 */
static ar_err
map_columns(struct rd *r, const struct csvio_record *hdr,
    struct csvio_reader *cr)
{
	const struct bankcsv_profile *p = r->p;
	size_t n = hdr ? hdr->nfields : csvio_ncolumns(cr), i, k;
	const char **cells;
	size_t *lens;
	struct quote q;

	if ((cells = calloc(n ? n : 1, sizeof *cells)) == NULL ||
	    (lens = calloc(n ? n : 1, sizeof *lens)) == NULL) {
		free(cells);
		return ar_error_set(r->err, AR_ENOMEM, 0, "out of memory");
	}
	for (i = 0; i < n; i++) {
		cells[i] = hdr ? hdr->field[i].ptr : csvio_column_name(cr, i);
		lens[i] = hdr ? hdr->field[i].len : strlen(cells[i]);
	}
	for (i = 0; i < BANKCSV_NCOLS; i++) {
		r->idx[i] = p->has[i] ? caption_find(&p->col[i], cells, lens, n) : -1;
		if (p->has[i] && r->idx[i] < 0) {
			free(cells);
			free(lens);
			return ar_error_set(r->err, AR_ECOLUMN, r->base + 1,
			    "no %s column (\"%s\"%s)", col_key[i],
			    quote(&q, p->col[i].caption[0],
			    strlen(p->col[i].caption[0])),
			    p->col[i].n > 1 ? " or the others listed" : "");
		}
	}
	/* Remittance text: every listed column that is there, joined. */
	r->nref = 0;
	for (k = 0; k < p->col[BANKCSV_REFERENCE].n; k++) {
		struct caption_list one;
		int c;

		one.n = 1;
		memcpy(one.caption[0], p->col[BANKCSV_REFERENCE].caption[k],
		    CAPTION_LEN_MAX);
		if ((c = caption_find(&one, cells, lens, n)) >= 0)
			r->refcols[r->nref++] = c;
	}
	free(cells);
	free(lens);
	return AR_OK;
}

/* Is column col (one the profile names) left off the end of a short row? */
static bool
missing(const struct csvio_record *rec, int col)
{
	return col >= 0 && (size_t)col >= rec->nfields;
}

/* A short row that lacks a cell it needs: csvio's words for it. */
static ar_err
short_row(struct rd *r, const struct csvio_record *rec, long line)
{
	return ar_error_set(r->err, AR_EFIELDS, line,
	    "record has %zu field%s, header has %zu",
	    rec->nfields, rec->nfields == 1 ? "" : "s", r->ncols);
}

/* Cell col of rec without the blanks around it; false when empty or missing. */
static bool
cell(const struct csvio_record *rec, int col, const char **s, size_t *n)
{
	if (col < 0 || (size_t)col >= rec->nfields)
		return false;
	*s = rec->field[col].ptr;
	*n = rec->field[col].len;
	trim(s, n);
	return *n > 0;
}

static ar_err
parse_date(struct rd *r, const char *what, const char *s, size_t n,
    long line, civil_day *day)
{
	const struct bankcsv_profile *p = r->p;
	struct quote q;
	ar_err e;

	if (p->date_format[0] != '\0') {
		if ((e = date_parse_format(s, n, p->date_format, day)) == AR_OK)
			return AR_OK;
		if (e == AR_ERANGE)
			return ar_error_set(r->err, AR_ERANGE, line,
			    "%s \"%s\" is no such date", what, quote(&q, s, n));
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "%s \"%s\" is not a date of the form %s", what,
		    quote(&q, s, n), p->date_format);
	}
	if ((e = date_parse(s, n, &p->dates, day)) != AR_OK)
		return ar_error_set(r->err,
		    e == AR_ERANGE ? AR_ERANGE : AR_ESYNTAX, line,
		    "%s \"%s\" is %s", what, quote(&q, s, n),
		    e == AR_EAMBIGUOUS ? "ambiguous (two-digit year: set "
		    "date_format)" : e == AR_ERANGE ? "no such date" :
		    "not a date (set date_format)");
	return AR_OK;
}

/* Currency symbols an amount may carry: £ € $ ¥, fullwidth ¥, RM (ringgit). */
static const char *const symbols[] = {
	"\xc2\xa3", "\xe2\x82\xac", "$", "\xc2\xa5", "\xef\xbf\xa5", "RM"
};
#define NSYMBOLS (sizeof symbols / sizeof symbols[0])

static bool
sign_or_blank(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/*
 * s[0..*n) without one currency symbol before or after the number and its
 * sign ("-£5.00", "+ £1,100.00", "£-5.00", "(RM5.00)", "12,50 €",
 * "RM52,500.00+"): the text in buf (size bytes) and *n its length, or s
 * itself when there is no symbol.  money_parse takes the blanks that may
 * be left.
 */
static const char *
unsymbol(const char *s, size_t *n, char *buf, size_t size)
{
	size_t a, b, i, m, at = 0, len = 0;

	for (a = 0; a < *n && sign_or_blank(s[a], "+-( \t"); a++)
		;
	for (b = *n; b > 0 && sign_or_blank(s[b - 1], "+-) \t"); b--)
		;
	for (i = 0; i < NSYMBOLS && len == 0; i++) {
		m = strlen(symbols[i]);
		if (b >= a + m && memcmp(s + a, symbols[i], m) == 0)
			at = a, len = m;
		else if (b >= a + m && memcmp(s + b - m, symbols[i], m) == 0)
			at = b - m, len = m;
	}
	if (len == 0 || *n - len >= size)
		return s;
	memcpy(buf, s, at);
	memcpy(buf + at, s + at + len, *n - at - len);
	*n -= len;
	buf[*n] = '\0';
	return buf;
}

/*
 * The length of s[0..n) without a trailing plus: Maybank2u writes the
 * sign after the number, "52,500.00+" and "1,000.00-"; money_parse reads
 * the trailing minus (SAP's) but not the plus.  A plus after a number
 * that has a sign already is left for money_parse to refuse.
 */
static size_t
without_trailing_plus(const char *s, size_t n)
{
	size_t e = n, i;

	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e == 0 || s[e - 1] != '+')
		return n;
	for (i = 0; i + 1 < e; i++)
		if (s[i] == '+' || s[i] == '-' || s[i] == '(')
			return n;
	return e - 1;
}

static ar_err
parse_money(struct rd *r, const char *what, const char *s, size_t n,
    currency_id cur, long line, int64_t *v)
{
	struct quote q;
	char buf[128];
	const char *t;
	size_t tn = n;
	ar_err e;

	t = unsymbol(s, &tn, buf, sizeof buf);
	tn = without_trailing_plus(t, tn);
	e = money_parse(t, tn, currency_exponent(cur), r->p->decimal, v);
	if (e == AR_OK)
		return AR_OK;
	if (e == AR_EDECIMALS) {
		char msg[sizeof r->err->message], setting[64];

		snprintf(setting, sizeof setting, "[bank.%s] decimal", r->p->name);
		money_decimals_message(msg, sizeof msg, what, s, n, cur, setting);
		return ar_error_set(r->err, e, line, "%s", msg);
	}
	return ar_error_set(r->err, e == AR_ESYNTAX ? AR_ESYNTAX : e, line,
	    "%s \"%s\" %s", what, quote(&q, s, n),
	    e == AR_EDECIMALS ? "has more decimals than the currency" :
	    e == AR_ERANGE ? "is out of range" :
	    r->p->decimal == MONEY_DECIMAL_COMMA ?
	    "is not an amount (decimal comma, as the profile says)" :
	    "is not an amount (decimal point, as the profile says)");
}

/* Copy cell col of rec into dst (size bytes), cut on a character. */
static void
take(const struct csvio_record *rec, int col, char *dst, size_t size)
{
	const char *s;
	size_t n;

	dst[0] = '\0';
	if (!cell(rec, col, &s, &n))
		return;
	if (n >= size)
		n = utf8_cut(s, size - 1);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static ar_err
check_balance(struct rd *r, const struct csvio_record *rec,
    const struct bank_txn *t, long line)
{
	const char *s;
	size_t n;
	int64_t b, want;
	char bs[MONEY_TEXT_MAX], ws[MONEY_TEXT_MAX], ls[MONEY_TEXT_MAX];
	char as[MONEY_TEXT_MAX];
	int x = currency_exponent(t->currency);
	ar_err e;

	if (r->bal_seen && t->currency != r->bal_cur)
		r->bal_seen = false;    /* another currency: another chain */
	if (!cell(rec, r->idx[BANKCSV_BALANCE], &s, &n)) {
		if (r->bal_seen) {
			if (money_add(&r->fwd_acc, t->amount) != AR_OK ||
			    money_add(&r->back_acc, t->amount) != AR_OK)
				return ar_error_set(r->err, AR_ERANGE, line,
				    "sum out of range");
		}
		return AR_OK;
	}
	if ((e = parse_money(r, "balance", s, n, t->currency, line, &b)) != AR_OK)
		return e;
	if (!r->bal_seen) {
		r->bal_seen = r->fwd_ok = r->back_ok = true;
		r->bal_cur = t->currency;
		r->fwd_acc = 0;
		r->back_acc = t->amount;
		r->bal_last = b;
		r->bal_line = line;
		return AR_OK;
	}
	if (money_add(&r->fwd_acc, t->amount) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, line,
		    "sum out of range");
	want = r->bal_last;
	if (money_add(&want, r->fwd_acc) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, line,
		    "sum out of range");
	r->fwd_ok = r->fwd_ok && want == b;
	want = r->bal_last;
	if (money_add(&want, -r->back_acc) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, line,
		    "sum out of range");
	r->back_ok = r->back_ok && want == b;
	if (!r->fwd_ok && !r->back_ok) {
		/* Say it the way the file runs, oldest first unless shown else. */
		bool back = want == b;

		want = r->bal_last;
		money_add(&want, r->fwd_acc);
		money_format(b, x, bs);
		money_format(want, x, ws);
		money_format(r->bal_last, x, ls);
		money_format(r->fwd_acc, x, as);
		(void)back;
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "balance %s is not %s (balance %s of line %ld + "
		    "amounts %s): the balances do not add up",
		    bs, ws, ls, r->bal_line, as);
	}
	r->bal_last = b;
	r->bal_line = line;
	r->fwd_acc = 0;
	r->back_acc = t->amount;
	return AR_OK;
}

static bool
all_empty(const struct csvio_record *rec)
{
	size_t i;
	const char *s;
	size_t n;

	for (i = 0; i < rec->nfields; i++) {
		s = rec->field[i].ptr;
		n = rec->field[i].len;
		trim(&s, &n);
		if (n > 0)
			return false;
	}
	return true;
}

/* Append s[0..n) to dst (size bytes), after a space if dst has text. */
static void
append(char *dst, size_t size, const char *s, size_t n)
{
	size_t have = strlen(dst), m;

	if (have > 0 && have + 1 < size)
		dst[have++] = ' ';
	m = size - 1 - have;
	if (n > m)
		n = utf8_cut(s, m);
	memcpy(dst + have, s, n);
	dst[have + n] = '\0';
}

/*
 * A text cell into the reference and the narrative (bank.h); the
 * narrative is one line, so a line break inside a quoted cell is a blank.
 */
static void
add_text(struct bank_txn *t, const char *s, size_t n)
{
	char *p = t->narrative + strlen(t->narrative), *q;

	append(t->reference, sizeof t->reference, s, n);
	append(t->narrative, sizeof t->narrative, s, n);
	for (q = p; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n')
			continue;       /* CRLF: one blank */
		*q++ = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
	}
	*q = '\0';
}

/* The columns a continuation row has empty: the dates and the money. */
static const enum bankcsv_col dated_cols[] = {
	BANKCSV_VALUE_DATE, BANKCSV_BOOKING_DATE, BANKCSV_AMOUNT,
	BANKCSV_CREDIT, BANKCSV_DEBIT, BANKCSV_DEBIT_CREDIT, BANKCSV_BALANCE
};

/* A row with text but no date and no money continues the one above. */
static bool
continues(const struct rd *r, const struct csvio_record *rec)
{
	const char *s;
	size_t i, n;

	for (i = 0; i < sizeof dated_cols / sizeof dated_cols[0]; i++)
		if (cell(rec, r->idx[dated_cols[i]], &s, &n))
			return false;
	return true;
}

/* The column skip_values looks at: value_date, else booking_date. */
static enum bankcsv_col
skip_col(const struct rd *r)
{
	return r->idx[BANKCSV_VALUE_DATE] >= 0 ? BANKCSV_VALUE_DATE :
	    BANKCSV_BOOKING_DATE;
}

/* Is the row one skip_values names?  Then count it, and note the value once. */
static bool
skipped(struct rd *r, const struct csvio_record *rec)
{
	const struct caption_list *l = &r->p->skip_values;
	struct bankcsv_counts *c = r->counts;
	enum bankcsv_col k = skip_col(r);
	const char *s;
	size_t n, i, o;
	struct quote q;

	if (l->n == 0 || !cell(rec, r->idx[k], &s, &n))
		return false;
	for (i = 0; i < l->n; i++)
		if (caption_equal(l->caption[i], s, n))
			break;
	if (i == l->n)
		return false;
	c->skipped++;
	if (r->skip_seen[i])
		return true;
	r->skip_seen[i] = true;
	quote(&q, s, n);
	o = strlen(c->skipped_what);
	if (o == 0)
		snprintf(c->skipped_what, sizeof c->skipped_what, "%s %s",
		    col_key[k], q.s);
	else if (o + 1 < sizeof c->skipped_what)
		snprintf(c->skipped_what + o, sizeof c->skipped_what - o,
		    " or %s", q.s);
	return true;
}

/* The transaction held back goes to the caller. */
static ar_err
flush(struct rd *r)
{
	struct bank_txn *t = &r->pend;
	ar_err e;

	if (!r->have_pend)
		return AR_OK;
	r->have_pend = false;
	bank_channel_scan(t->reference, strlen(t->reference), t);
	bank_channel_scan(t->payer, strlen(t->payer), t);
	if (r->st.currency < 0)
		r->st.currency = t->currency;
	if ((e = r->fn(r->ctx, &r->st, t)) != AR_OK) {
		if (r->err->message[0] == '\0')
			ar_error_set(r->err, e, t->line, "%s", ar_strerror(e));
		return e;
	}
	return AR_OK;
}

/*
 * Does a short row lack a cell every transaction needs, whatever it
 * holds: the amount or its indicator, both credit and debit, every date?
 * Then the row is misshapen, and that is said before anything else.
 */
static bool
lacks_needed(const struct rd *r, const struct csvio_record *rec)
{
	const int *x = r->idx;

	if (rec->nfields >= r->ncols)
		return false;
	return missing(rec, x[BANKCSV_AMOUNT]) ||
	    missing(rec, x[BANKCSV_DEBIT_CREDIT]) ||
	    (x[BANKCSV_AMOUNT] < 0 && (x[BANKCSV_CREDIT] < 0 ||
	    missing(rec, x[BANKCSV_CREDIT])) && (x[BANKCSV_DEBIT] < 0 ||
	    missing(rec, x[BANKCSV_DEBIT]))) ||
	    ((x[BANKCSV_VALUE_DATE] < 0 ||
	    missing(rec, x[BANKCSV_VALUE_DATE])) &&
	    (x[BANKCSV_BOOKING_DATE] < 0 ||
	    missing(rec, x[BANKCSV_BOOKING_DATE])));
}

/* The row's currency: its currency cell, else the profile's default. */
static ar_err
row_currency(struct rd *r, const struct csvio_record *rec, long line,
    currency_id *cur)
{
	const char *s;
	size_t n;
	struct quote q;

	*cur = r->p->currency;
	if (cell(rec, r->idx[BANKCSV_CURRENCY], &s, &n) &&
	    currency_lookup(s, n, cur) != AR_OK)
		return ar_error_set(r->err, AR_ECURRENCY, line, "currency "
		    "\"%s\" is not known (add [currency.%s] to ar.ini)",
		    quote(&q, s, n), quote(&q, s, n));
	if (*cur < 0) {
		if (missing(rec, r->idx[BANKCSV_CURRENCY]))
			return short_row(r, rec, line);
		return ar_error_set(r->err, AR_ECURRENCY, line, "no currency: "
		    "the row has none and [bank.%s] sets no default_currency",
		    r->p->name);
	}
	return AR_OK;
}

/* The booking date, and the value date (the booking date when none). */
static ar_err
row_dates(struct rd *r, const struct csvio_record *rec, long line,
    struct bank_txn *t)
{
	const char *s;
	size_t n;
	ar_err e;

	if (cell(rec, r->idx[BANKCSV_BOOKING_DATE], &s, &n) &&
	    (e = parse_date(r, "booking_date", s, n, line,
	    &t->booking_date)) != AR_OK)
		return e;
	if (cell(rec, r->idx[BANKCSV_VALUE_DATE], &s, &n)) {
		if ((e = parse_date(r, "value_date", s, n, line,
		    &t->value_date)) != AR_OK)
			return e;
	} else
		t->value_date = t->booking_date;
	if (t->value_date == DATE_NONE) {
		if (missing(rec, r->idx[BANKCSV_VALUE_DATE]) ||
		    missing(rec, r->idx[BANKCSV_BOOKING_DATE]))
			return short_row(r, rec, line);
		return ar_error_set(r->err, AR_ESYNTAX, line, "no date");
	}
	return AR_OK;
}

/* The amount column, its sign from the debit/credit indicator if any. */
static ar_err
signed_amount(struct rd *r, const struct csvio_record *rec, long line,
    currency_id cur, int64_t *a)
{
	const struct bankcsv_profile *p = r->p;
	const char *s, *d;
	size_t n, dn;
	struct quote q;
	ar_err e;

	if (!cell(rec, r->idx[BANKCSV_AMOUNT], &s, &n))
		return missing(rec, r->idx[BANKCSV_AMOUNT]) ?
		    short_row(r, rec, line) :
		    ar_error_set(r->err, AR_ESYNTAX, line, "no amount");
	if ((e = parse_money(r, "amount", s, n, cur, line, a)) != AR_OK)
		return e;
	if (!p->has[BANKCSV_DEBIT_CREDIT])
		return AR_OK;
	if (!cell(rec, r->idx[BANKCSV_DEBIT_CREDIT], &d, &dn))
		return missing(rec, r->idx[BANKCSV_DEBIT_CREDIT]) ?
		    short_row(r, rec, line) :
		    ar_error_set(r->err, AR_ESYNTAX, line,
		    "no debit/credit indicator");
	/* The indicator gives the sign: amounts as magnitudes. */
	if (*a < 0)
		*a = -*a;
	if (caption_find(&p->debit_values, &d, &dn, 1) >= 0)
		*a = -*a;
	else if (caption_find(&p->credit_values, &d, &dn, 1) < 0)
		return ar_error_set(r->err, AR_ESYNTAX, line, "debit/credit "
		    "indicator \"%s\" is neither a credit_values nor a "
		    "debit_values value", quote(&q, d, dn));
	return AR_OK;
}

/* Credit and debit columns: money in as written, out whatever its sign. */
static ar_err
credit_or_debit(struct rd *r, const struct csvio_record *rec, long line,
    currency_id cur, int64_t *a)
{
	const char *s;
	size_t n;
	int64_t b;
	ar_err e;

	*a = 0;
	if (cell(rec, r->idx[BANKCSV_CREDIT], &s, &n) &&
	    (e = parse_money(r, "credit", s, n, cur, line, a)) != AR_OK)
		return e;
	if (cell(rec, r->idx[BANKCSV_DEBIT], &s, &n)) {
		if ((e = parse_money(r, "debit", s, n, cur, line, &b)) != AR_OK)
			return e;
		if (b != 0 && *a != 0)
			return ar_error_set(r->err, AR_ESYNTAX, line,
			    "both credit and debit have an amount");
		if (b != 0)
			*a = b < 0 ? b : -b;
	} else if (!cell(rec, r->idx[BANKCSV_CREDIT], &s, &n))
		return missing(rec, r->idx[BANKCSV_CREDIT]) ||
		    missing(rec, r->idx[BANKCSV_DEBIT]) ?
		    short_row(r, rec, line) :
		    ar_error_set(r->err, AR_ESYNTAX, line, "no amount: credit "
		    "and debit are both empty");
	return AR_OK;
}

/* The row's texts: payer, payer account, references, channel. */
static void
row_texts(const struct rd *r, const struct csvio_record *rec,
    struct bank_txn *t)
{
	const char *s;
	size_t n, k;

	take(rec, r->idx[BANKCSV_PAYER], t->payer, sizeof t->payer);
	take(rec, r->idx[BANKCSV_PAYER_ACCOUNT], t->payer_account,
	    sizeof t->payer_account);
	take(rec, r->idx[BANKCSV_BANK_REF], t->bank_ref, sizeof t->bank_ref);
	take(rec, r->idx[BANKCSV_CHANNEL], t->channel, sizeof t->channel);
	take(rec, r->idx[BANKCSV_REF1], t->ref1, sizeof t->ref1);
	take(rec, r->idx[BANKCSV_REF2], t->ref2, sizeof t->ref2);
	for (k = 0; k < r->nref; k++)
		if (cell(rec, r->refcols[k], &s, &n))
			add_text(t, s, n);
}

/* A row that is a transaction, into *tp. */
static ar_err
parse_row(struct rd *r, const struct csvio_record *rec, struct bank_txn *tp)
{
	long line = rec->line + r->base;
	struct bank_txn t;
	int64_t a;
	ar_err e;

	if (lacks_needed(r, rec))
		return short_row(r, rec, line);
	memset(&t, 0, sizeof t);
	t.line = line;
	t.value_date = t.booking_date = DATE_NONE;
	/* Currency first: amounts are parsed in its minor units. */
	if ((e = row_currency(r, rec, line, &t.currency)) != AR_OK ||
	    (e = row_dates(r, rec, line, &t)) != AR_OK)
		return e;
	if (r->p->has[BANKCSV_AMOUNT])
		e = signed_amount(r, rec, line, t.currency, &a);
	else
		e = credit_or_debit(r, rec, line, t.currency, &a);
	if (e != AR_OK)
		return e;
	t.amount = r->p->negate ? -a : a;
	row_texts(r, rec, &t);
	if (r->idx[BANKCSV_BALANCE] >= 0 &&
	    (e = check_balance(r, rec, &t, line)) != AR_OK)
		return e;
	*tp = t;
	return AR_OK;
}

/*
 * One row: nothing (all empty), a row skip_values names, a continuation
 * of the row above, or a transaction, held back in r->pend while the
 * next rows may continue it.
 */
static ar_err
do_row(struct rd *r, const struct csvio_record *rec)
{
	long line = rec->line + r->base;
	const char *s;
	size_t i, n;
	ar_err e;

	if (all_empty(rec))
		return AR_OK;
	if (skipped(r, rec)) {
		r->last = LAST_SKIPPED;
		return flush(r);
	}
	if (continues(r, rec)) {
		switch (r->last) {
		case LAST_NONE:
			return ar_error_set(r->err, AR_ESYNTAX, line,
			    "continuation row (text, no date or amount) before "
			    "any transaction");
		case LAST_SKIPPED:
			r->counts->skipped++;   /* goes with its row */
			return AR_OK;
		case LAST_TXN:
			break;
		}
		for (i = 0; i < rec->nfields; i++)
			if (cell(rec, (int)i, &s, &n))
				add_text(&r->pend, s, n);
		r->counts->continued++;
		return AR_OK;
	}
	if ((e = flush(r)) != AR_OK)
		return e;
	if ((e = parse_row(r, rec, &r->pend)) != AR_OK)
		return e;
	r->have_pend = true;
	r->last = LAST_TXN;
	return AR_OK;
}

/*
 * The error that ended csvio's reading, into r->err: in textin's words
 * when the bytes were at fault, else csvio's, its line made a file line.
 */
static ar_err
read_error(struct rd *r, struct csvio_reader *cr, struct textin *tx, ar_err e)
{
	const char *te = textin_error(tx);

	if (te != NULL && te[0] != '\0')
		return ar_error_set(r->err, AR_EUTF8, textin_line(tx), "%s",
		    te);
	if (cr == NULL)
		return ar_error_set(r->err, e, r->base + 1, "%s",
		    ar_strerror(e));
	return ar_error_set(r->err, e, csvio_error(cr)->line + r->base, "%s",
	    csvio_error(cr)->message[0] ? csvio_error(cr)->message :
	    ar_strerror(e));
}

/*
 * Skip skip_lines and, with header = yes, the preamble: the header line
 * is given back for csvio to read.  r->base is then the line before it.
 */
static ar_err
find_header(struct rd *r, struct textin *tx)
{
	const struct bankcsv_profile *p = r->p;
	const char *line;
	char caps[200];
	size_t len;
	long i;
	ar_err e = AR_OK;

	for (i = 0; i < p->skip_lines; i++)
		if ((e = textin_getline(tx, &line, &len)) != AR_OK)
			break;
	if (e == AR_OK && p->header) {
		while ((e = textin_getline(tx, &line, &len)) == AR_OK &&
		    !is_header(p, line, len))
			;
		if (e == AR_OK)
			textin_unget(tx);
	}
	if (e == AR_EOF && p->header) {
		captions_text(p, caps, sizeof caps);
		return ar_error_set(r->err, AR_ENOHEADER, textin_line(tx), "no "
		    "header line: none of the %ld lines has every caption of "
		    "[bank.%s] (%s)", textin_line(tx), p->name, caps);
	}
	if (e == AR_EOF)
		return ar_error_set(r->err, AR_ESYNTAX, textin_line(tx),
		    "empty statement: nothing after the %ld lines skipped",
		    p->skip_lines);
	if (e != AR_OK)
		return ar_error_set(r->err, e, textin_line(tx), "%s",
		    textin_error(tx));
	/* After textin_unget, the line before the header. */
	r->base = textin_line(tx);
	return AR_OK;
}

/*
 * The rest of the file, from the header on, to csvio (*rest, *cr: the
 * caller closes them); the columns found in the header, or numbered.
 */
static ar_err
open_csv(struct rd *r, struct textin *tx, const char *name, FILE **rest,
    struct csvio_reader **cr)
{
	const struct bankcsv_profile *p = r->p;
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_record hdr;
	ar_err e;

	if ((*rest = textin_rest(tx)) == NULL)
		return ar_error_set(r->err, AR_ENOMEM, 0, "cannot read on: %s",
		    strerror(errno));
	/*
	 * csvio never takes the header itself: bank headers repeat captions
	 * and csvio refuses that.  Its first record is the header, read by
	 * libcsv like any other, and sets the number of fields.
	 */
	opts.delimiter = p->delimiter;
	opts.no_header = true;
	opts.short_rows = true;
	if ((e = csvio_reader_from_stream(cr, *rest, name, &opts)) != AR_OK)
		return read_error(r, *cr, tx, e);
	if (p->header) {
		if ((e = csvio_read(*cr, &hdr)) != AR_OK)
			return read_error(r, *cr, tx,
			    e == AR_EOF ? AR_ENOHEADER : e);
		e = map_columns(r, &hdr, *cr);
	} else
		e = map_columns(r, NULL, *cr);
	if (e == AR_OK)
		r->ncols = csvio_ncolumns(*cr);
	return e;
}

/* Every row after the header, to the end. */
static ar_err
read_rows(struct rd *r, struct csvio_reader *cr, struct textin *tx)
{
	struct csvio_record rec;
	long rows = 0;
	ar_err e;

	while ((e = csvio_read(cr, &rec)) == AR_OK) {
		if ((e = do_row(r, &rec)) != AR_OK)
			return e;
		if (!all_empty(&rec))
			rows++;
	}
	if (e != AR_EOF)
		return read_error(r, cr, tx, e);
	/*
	 * A header and no rows is a day without movements: no payments,
	 * and the caller says so (a nightly job must not fail on it).
	 */
	r->counts->rows = rows;
	return rows > 0 ? flush(r) : AR_OK;
}

ar_err
bankcsv_read(FILE *fp, const char *name, const struct bankcsv_profile *p,
    bank_txn_fn fn, void *ctx, struct ar_error *err)
{
	return bankcsv_read_counts(fp, name, p, fn, ctx, NULL, err);
}

ar_err
bankcsv_read_counts(FILE *fp, const char *name,
    const struct bankcsv_profile *p, bank_txn_fn fn, void *ctx,
    struct bankcsv_counts *counts, struct ar_error *err)
{
	struct bankcsv_counts unwanted;
	struct rd r;
	struct textin *tx = NULL;
	struct csvio_reader *cr = NULL;
	FILE *rest = NULL;
	ar_err e;

	memset(&r, 0, sizeof r);
	err->line = 0;
	err->message[0] = '\0';
	r.p = p;
	r.err = err;
	r.fn = fn;
	r.ctx = ctx;
	r.counts = counts != NULL ? counts : &unwanted;
	memset(r.counts, 0, sizeof *r.counts);
	snprintf(r.st.id, sizeof r.st.id, "%s", p->name);
	r.st.seq = 1;
	snprintf(r.st.account, sizeof r.st.account, "%s", p->account);
	r.st.currency = -1;
	r.st.opening_date = r.st.closing_date = DATE_NONE;
	if ((e = textin_from_stream(&tx, fp, name, p->encoding)) != AR_OK)
		return ar_error_set(err, e, 0, "%s", textin_error(NULL)[0] ?
		    textin_error(NULL) : ar_strerror(e));
	if ((e = find_header(&r, tx)) == AR_OK &&
	    (e = open_csv(&r, tx, name, &rest, &cr)) == AR_OK)
		e = read_rows(&r, cr, tx);
	if (cr != NULL)
		csvio_reader_close(cr);
	if (rest != NULL)
		fclose(rest);
	textin_close(tx);
	return e;
}
