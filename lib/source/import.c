/*
 * import.c - an ERP extract to items (import.h).
 *
 * Two layouts.  A list export (SAP's "unconverted" list) is read line by
 * line: |-framed padded cells, page titles, ruler lines, the header again
 * on every page, subtotal and total lines starred.  A delimited export is
 * searched for its header line, then handed to libcsv (csvio.h) from that
 * line on.  Both end in one place, take_cells(), which decides what a row
 * is and turns an item row into a struct import_item.
 */
#include "source/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/money.h"

#define CELLS_MAX 256
#define DETECT_LINES 200

struct binding {
	int idx[IC_COUNT];	/* cell of each column, -1 when absent */
	size_t ncells;		/* cells of the header */
	int again_col;		/* a column whose caption two cells have, or -1 */
	int again;		/* the second of those cells */
};

struct run {
	const struct import_profile *p;
	const char *name;	/* of the input, for nothing but messages */
	currency_id default_currency;
	import_item_fn fn;
	void *ctx;
	struct import_summary *sum;
	struct ar_error *err;
	struct binding b;
	int max_level;		/* of the total lines seen */
	bool has_control_any;	/* a top-level total line without currency */
	int64_t control_any;
	long control_any_line;
	char block_customer[64];	/* from a list's "Customer 100234" line */
	char block_company[32];		/* "Company Code 1000" */
	char block_name[256];		/* "Name ACME Sdn Bhd" */
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* cells[i] trimmed of blanks (lens adjusted), and NUL-terminated when writable. */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && blank(**s))
		(*s)++, (*len)--;
	while (*len > 0 && blank((*s)[*len - 1]))
		(*len)--;
}

/*
 * Bind the columns of a header.  Required: amount, doc_no, a date, and
 * the customer unless a list export names it in block lines.  *missing
 * names the first required column not found.
 */
static bool
bind_header(const struct import_profile *p, const char *const *cells,
    const size_t *lens, size_t n, struct binding *b, const char **missing)
{
	size_t c, k;
	long col;
	int again;

	b->again_col = b->again = -1;
	for (c = 0; c < IC_COUNT; c++) {
		b->idx[c] = -1;
		if (p->header) {
			b->idx[c] = caption_find_unique(&p->col[c], cells, lens, n, &again);
			if (again >= 0 && b->again_col < 0)
				b->again_col = (int)c, b->again = again;
			continue;
		}
		/* header = no: the captions are column numbers */
		for (k = 0; k < p->col[c].n && b->idx[c] < 0; k++) {
			col = strtol(p->col[c].caption[k], NULL, 10);
			if (col >= 1 && (size_t)col <= n)
				b->idx[c] = (int)col - 1;
		}
	}
	b->ncells = n;
	*missing = NULL;
	if (b->idx[IC_AMOUNT] < 0)
		*missing = "amount";
	else if (b->idx[IC_DOC_NO] < 0)
		*missing = "doc_no";
	else if (b->idx[IC_DUE_DATE] < 0 && b->idx[IC_DOC_DATE] < 0)
		*missing = "due_date";
	else if (b->idx[IC_CUSTOMER] < 0 && p->layout != IMPORT_LIST)
		*missing = "customer";
	return *missing == NULL;
}

/*
 * A header bound to the profile's columns, where two cells have the
 * caption of one column ("Amount", "amount"): which one is meant is not
 * known, so the header is refused rather than the leftmost taken.
 */
static ar_err
header_twice(struct run *r, const char *const *cells, const size_t *lens,
    long line)
{
	const struct binding *b = &r->b;
	int c = b->again_col, i = b->idx[c], j = b->again;

	return ar_error_set(r->err, AR_EDUPCOLUMN, line, "the header has the "
	    "%s column twice (as \"%.*s\" in column %d and \"%.*s\" in column %d)",
	    import_column_name((enum import_column)c),
	    (int)(lens[i] > 60 ? 60 : lens[i]), cells[i], i + 1,
	    (int)(lens[j] > 60 ? 60 : lens[j]), cells[j], j + 1);
}

/* "Amount (Amt in doc. curr., Amount in DC, ...)" for a message. */
static void
captions_text(const struct import_profile *p, const char *column, char *buf,
    size_t size)
{
	size_t c, k, len;

	snprintf(buf, size, "%s", column);
	for (c = 0; c < IC_COUNT; c++) {
		if (strcmp(import_column_name((enum import_column)c), column) != 0)
			continue;
		for (k = 0; k < p->col[c].n && k < 4; k++) {
			len = strlen(buf);
			snprintf(buf + len, size - len, "%s\"%s\"", k ? ", " : " column (",
			    p->col[c].caption[k]);
		}
		len = strlen(buf);
		if (p->col[c].n > 0)
			snprintf(buf + len, size - len, "%s)", p->col[c].n > 4 ? ", ..." : "");
	}
}

static struct import_currency_total *
currency_total(struct run *r, currency_id cur, long line, ar_err *e)
{
	struct import_summary *s = r->sum;
	size_t i;

	for (i = 0; i < s->ncurrencies; i++)
		if (s->cur[i].currency == cur)
			return &s->cur[i];
	if (s->ncurrencies == IMPORT_CURRENCIES_MAX) {
		*e = ar_error_set(r->err, AR_ERANGE, line, "more than %d currencies",
		    IMPORT_CURRENCIES_MAX);
		return NULL;
	}
	memset(&s->cur[i], 0, sizeof s->cur[i]);
	s->cur[i].currency = cur;
	s->ncurrencies++;
	return &s->cur[i];
}

static const char *
cell(const char *const *cells, const size_t *lens, int idx, size_t *len)
{
	if (idx < 0) {
		*len = 0;
		return "";
	}
	*len = lens[idx];
	return cells[idx];
}

static ar_err
parse_date(struct run *r, const char *column, const char *s, size_t len,
    long line, civil_day *day)
{
	const struct import_profile *p = r->p;
	struct date_opts o = { p->date_order, true, false };
	ar_err e;

	if (len == 0) {
		*day = DATE_NONE;
		return AR_OK;
	}
	if (p->date_format[0] == '\0') {
		if ((e = date_parse(s, len, &o, day)) == AR_OK)
			return AR_OK;
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "%s \"%.*s\" is not a date (%s)",
		    column, (int)len, s, e == AR_ERANGE ? "no such day" :
		    e == AR_EAMBIGUOUS ? "ambiguous year" :
		    p->date_order == DATE_MONTH_FIRST ? "expected MM/DD/YYYY or YYYY-MM-DD" :
		    "expected DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD");
	}
	if ((e = date_parse_format(s, len, p->date_format, day)) == AR_OK)
		return AR_OK;
	if (e == AR_ERANGE)
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "%s \"%.*s\" is not a date (no such day)", column, (int)len, s);
	return ar_error_set(r->err, AR_ESYNTAX, line,
	    "%s \"%.*s\" does not read as %s",
	    column, (int)(len > 40 ? 40 : len), s, p->date_format);
}

static ar_err
parse_currency(struct run *r, const char *s, size_t len, long line,
    currency_id *cur)
{
	if (len == 0) {
		*cur = r->p->has_default_currency ? r->p->default_currency :
		    r->default_currency;
		return AR_OK;
	}
	if (currency_lookup(s, len, cur) != AR_OK)
		return ar_error_set(r->err, AR_ESYNTAX, line, "currency \"%.*s\" is "
		    "not a known currency code (add a [currency.%.*s] section)",
		    (int)len, s, (int)len, s);
	return AR_OK;
}

static ar_err
parse_amount(struct run *r, const char *s, size_t len, currency_id cur,
    long line, int64_t *v)
{
	ar_err e;

	if (len == 0)
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "the amount is empty");
	e = money_parse(s, len, currency_exponent(cur), r->p->decimal, v);
	if (e == AR_EDECIMALS) {
		char setting[CONFIG_PROFILE_NAME_MAX + 32], msg[sizeof r->err->message];

		snprintf(setting, sizeof setting, "[import.%s] decimal", r->p->name);
		money_decimals_message(msg, sizeof msg, "amount", s, len, cur, setting);
		return ar_error_set(r->err, e, line, "%s", msg);
	}
	if (e != AR_OK)
		return ar_error_set(r->err,
		    e == AR_ERANGE ? AR_ERANGE : AR_ESYNTAX, line,
		    "amount \"%.*s\" is not an amount in %s with decimal %s (%s)",
		    (int)len, s, currency_code(cur),
		    r->p->decimal == MONEY_DECIMAL_COMMA ? "comma" : "point",
		    e != AR_ESYNTAX ? ar_strerror(e) :
		    r->p->decimal == MONEY_DECIMAL_COMMA ?
		    "expected such as 1.234,56 or 1.234,56-" :
		    "expected such as 1,234.56 or -1,234.56");
	return AR_OK;
}

/* A subtotal or total line: its level, and the control total of the top level. */
static ar_err
take_total(struct run *r, int level, const char *const *cells,
    const size_t *lens, long line)
{
	struct import_currency_total *t;
	const char *s;
	size_t len;
	currency_id cur;
	int64_t v;
	ar_err e;
	size_t i;

	s = cell(cells, lens, r->b.idx[IC_CURRENCY], &len);
	if (len > 0 && (e = parse_currency(r, s, len, line, &cur)) != AR_OK)
		return e;
	if (len == 0)
		cur = r->p->has_default_currency ? r->p->default_currency :
		    r->default_currency;
	s = cell(cells, lens, r->b.idx[IC_AMOUNT], &len);
	if (len == 0) {		/* a caption line ("** Total"), no figure */
		r->sum->subtotals++;
		return AR_OK;
	}
	if ((e = parse_amount(r, s, len, cur, line, &v)) != AR_OK)
		return e;
	if (r->p->negate)
		v = -v;
	if (level > r->max_level) {
		/* the lines seen so far were subtotals after all */
		r->sum->subtotals += r->sum->totals;
		r->sum->totals = 0;
		r->max_level = level;
		r->has_control_any = false;
		r->control_any = 0;
		for (i = 0; i < r->sum->ncurrencies; i++) {
			r->sum->cur[i].has_control = false;
			r->sum->cur[i].control = 0;
		}
	}
	if (level < r->max_level) {
		r->sum->subtotals++;
		return AR_OK;
	}
	r->sum->totals++;
	if (r->b.idx[IC_CURRENCY] >= 0 && lens[r->b.idx[IC_CURRENCY]] == 0) {
		r->has_control_any = true;
		r->control_any_line = line;
		return money_add(&r->control_any, v) == AR_OK ? AR_OK :
		    ar_error_set(r->err, AR_ERANGE, line,
		    "the control total overflows");
	}
	if ((t = currency_total(r, cur, line, &e)) == NULL)
		return e;
	t->has_control = true;
	t->control_line = line;
	if (money_add(&t->control, v) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, line,
		    "the control total overflows");
	return AR_OK;
}

/* An item row's cells, trimmed and NUL-terminated, to an item. */
static ar_err
take_item(struct run *r, const char *const *cells, const size_t *lens, long line)
{
	const struct import_profile *p = r->p;
	struct import_currency_total *t;
	struct import_item it;
	const char *s;
	size_t len;
	ar_err e;

	it.line = line;
	it.customer = cell(cells, lens, r->b.idx[IC_CUSTOMER], &len);
	if (r->b.idx[IC_CUSTOMER] < 0)
		it.customer = r->block_customer, len = strlen(r->block_customer);
	if (len == 0)
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "the customer is empty%s",
		    r->b.idx[IC_CUSTOMER] < 0 ? " (no customer column and no "
		    "\"Customer ...\" line above)" : "");
	it.doc_no = cell(cells, lens, r->b.idx[IC_DOC_NO], &len);
	s = cell(cells, lens, r->b.idx[IC_DOC_TYPE], &len);
	if ((it.doc_type = import_doc_type(p, s, len)) == NULL)
		return ar_error_set(r->err, AR_ESYNTAX, line, "document type "
		    "\"%.*s\" is not mapped (add %.*s:TYPE to doc_types in "
		    "[import.%s])", (int)len, s, (int)len, s, p->name);
	it.company = cell(cells, lens, r->b.idx[IC_COMPANY], &len);
	if (r->b.idx[IC_COMPANY] < 0)
		it.company = r->block_company[0] ? r->block_company : p->company_code;
	it.ref = cell(cells, lens, r->b.idx[IC_REF], &len);
	it.name = cell(cells, lens, r->b.idx[IC_NAME], &len);
	if (r->b.idx[IC_NAME] < 0)
		it.name = r->block_name;
	it.dispute = cell(cells, lens, r->b.idx[IC_DISPUTE], &len);
	it.block = cell(cells, lens, r->b.idx[IC_BLOCK], &len);
	s = cell(cells, lens, r->b.idx[IC_DOC_DATE], &len);
	if ((e = parse_date(r, "doc_date", s, len, line, &it.doc_date)) != AR_OK)
		return e;
	s = cell(cells, lens, r->b.idx[IC_DUE_DATE], &len);
	if ((e = parse_date(r, "due_date", s, len, line, &it.due_date)) != AR_OK)
		return e;
	if (it.doc_date == DATE_NONE && it.due_date == DATE_NONE)
		return ar_error_set(r->err, AR_ESYNTAX, line,
		    "the item has neither doc_date nor due_date");
	s = cell(cells, lens, r->b.idx[IC_CURRENCY], &len);
	if ((e = parse_currency(r, s, len, line, &it.currency)) != AR_OK)
		return e;
	s = cell(cells, lens, r->b.idx[IC_AMOUNT], &len);
	if ((e = parse_amount(r, s, len, it.currency, line, &it.amount)) != AR_OK)
		return e;
	if (r->b.idx[IC_DEBIT_CREDIT] >= 0) {
		s = cell(cells, lens, r->b.idx[IC_DEBIT_CREDIT], &len);
		if (it.amount < 0)
			it.amount = -it.amount;
		if (import_is_credit(p, s, len))
			it.amount = -it.amount;
	}
	if (p->negate)
		it.amount = -it.amount;
	if ((t = currency_total(r, it.currency, line, &e)) == NULL)
		return e;
	if (money_add(&t->items, it.amount) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, line,
		    "the sum of the items overflows");
	t->count++;
	r->sum->items++;
	return r->fn(r->ctx, &it);
}

/* What a row of cells is: a total line, a blank row, or an item. */
static ar_err
take_cells(struct run *r, const char *const *cells, const size_t *lens,
    size_t n, long line)
{
	const char *m = r->p->total_marker;
	size_t i, mlen = strlen(m), k;
	int level;

	for (i = 0; i < n && lens[i] == 0; i++)
		continue;
	if (i == n) {
		r->sum->page_lines++;
		return AR_OK;
	}
	if (mlen > 0 && lens[i] >= mlen && memcmp(cells[i], m, mlen) == 0) {
		for (level = 0, k = 0; k + mlen <= lens[i] &&
		    memcmp(cells[i] + k, m, mlen) == 0; k += mlen)
			level++;
		return take_total(r, level, cells, lens, line);
	}
	return take_item(r, cells, lens, line);
}

/* The control totals against the sums, at the end. */
static ar_err
check_totals(struct run *r)
{
	struct import_summary *s = r->sum;
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX], d[MONEY_TEXT_MAX];
	size_t i;
	int x;

	if (r->has_control_any) {
		if (s->ncurrencies > 1)
			return ar_error_set(r->err, AR_ESYNTAX,
			    r->control_any_line, "the total line names no "
			    "currency and the items are in %zu currencies",
			    s->ncurrencies);
		if (s->ncurrencies == 1 && !s->cur[0].has_control) {
			s->cur[0].has_control = true;
			s->cur[0].control = r->control_any;
			s->cur[0].control_line = r->control_any_line;
		} else if (s->ncurrencies == 0 && r->control_any != 0) {
			return ar_error_set(r->err, AR_ESYNTAX,
			    r->control_any_line, "control total %s but no items "
			    "were read", (money_format(r->control_any, 2, a), a));
		}
	}
	for (i = 0; i < s->ncurrencies; i++) {
		if (!s->cur[i].has_control || s->cur[i].control == s->cur[i].items)
			continue;
		x = currency_exponent(s->cur[i].currency);
		money_format(s->cur[i].control, x, a);
		money_format(s->cur[i].items, x, b);
		if (s->cur[i].control >= 0 ?
		    s->cur[i].items < s->cur[i].control - INT64_MAX :
		    s->cur[i].items > s->cur[i].control + INT64_MAX)
			snprintf(d, sizeof d, "too large to show");
		else
			money_format(s->cur[i].control - s->cur[i].items, x, d);
		return ar_error_set(r->err, AR_ESYNTAX, s->cur[i].control_line,
		    "the extract's total %s %s is not the sum of the %ld %s item%s "
		    "read, %s (difference %s): lines are missing or were changed",
		    currency_code(s->cur[i].currency), a, s->cur[i].count,
		    currency_code(s->cur[i].currency), s->cur[i].count == 1 ? "" : "s",
		    b, d);
	}
	return AR_OK;
}

/* ---- list exports ---- */

/* A line of only rule characters: ----, |---|---|, ====. */
static bool
is_ruler(const char *s, size_t len)
{
	bool rule = false;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '-' || s[i] == '=' || s[i] == '_')
			rule = true;
		else if (s[i] != '|' && s[i] != '+' && !blank(s[i]))
			return false;
	}
	return rule;
}

/*
 * Split a |-framed line in place into trimmed NUL-terminated cells: the
 * text before the first | and after the last one is not a cell.
 */
static size_t
split_pipes(char *s, size_t len, const char **cells, size_t *lens, size_t max)
{
	char *p = memchr(s, '|', len), *end = s + len, *next;
	size_t n = 0;

	while (p != NULL && p + 1 < end) {
		p++;
		if ((next = memchr(p, '|', (size_t)(end - p))) == NULL)
			break;
		if (n < max) {
			cells[n] = p;
			lens[n] = (size_t)(next - p);
			trim(&cells[n], &lens[n]);
			((char *)cells[n])[lens[n]] = '\0';
		}
		n++;
		p = next;
	}
	return n;
}

/* Code point offsets of the |s of s, at most max. */
static size_t
pipe_columns(const char *s, size_t len, size_t *col, size_t max)
{
	size_t i, c = 0, n = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (s[i] == '|' && n < max)
			col[n++] = c;
		c++;
	}
	return n;
}

/*
 * A row whose text holds a | of its own: cut it where the header has its
 * |s (a list export pads every column to the header's width).  False
 * when the row's |s are not where the header's are.
 */
static bool
split_at_columns(char *s, size_t len, const size_t *hcol, size_t nh,
    const char **cells, size_t *lens)
{
	size_t i, c = 0, k = 0, start = 0;

	for (i = 0; i < len && k < nh; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (c == hcol[k]) {
			if (s[i] != '|')
				return false;
			if (k > 0) {
				cells[k - 1] = s + start;
				lens[k - 1] = i - start;
			}
			start = i + 1;
			k++;
		}
		c++;
	}
	if (k != nh)
		return false;
	for (i = 0; i + 1 < nh; i++) {
		trim(&cells[i], &lens[i]);
		((char *)cells[i])[lens[i]] = '\0';
	}
	return true;
}

/*
 * The value after a caption that starts s ("Customer   100234"), in
 * buf: one word, with a digit in it when `code` ("Customer Line Item
 * Display" is a title, not a customer), else the rest of the line.
 */
static bool
block_value(const struct caption_list *l, const char *s, size_t len,
    bool code, char *buf, size_t size)
{
	size_t k, n, t;
	bool digit = false;

	for (k = 0; k < l->n; k++) {
		n = strlen(l->caption[k]);
		if (len <= n || !blank(s[n]) || !caption_equal(l->caption[k], s, n))
			continue;
		for (s += n, len -= n; len > 0 && blank(*s); s++, len--)
			continue;
		if (len > 0 && *s == ':')
			for (s++, len--; len > 0 && blank(*s); s++, len--)
				continue;
		for (t = 0; t < len && (!code || !blank(s[t])); t++)
			digit |= s[t] >= '0' && s[t] <= '9';
		if (t == 0 || (code && !digit) || t >= size)
			return false;
		memcpy(buf, s, t);
		buf[t] = '\0';
		return true;
	}
	return false;
}

/*
 * The block lines of a list export sorted by customer: "Customer
 * 100234", "Company Code 1000", "Name ACME Sdn Bhd" above the items they
 * are for, used when the header has no such column.
 */
static void
take_block_line(struct run *r, const char *s, size_t len)
{
	if (block_value(&r->p->col[IC_CUSTOMER], s, len, true, r->block_customer,
	    sizeof r->block_customer)) {
		r->block_name[0] = '\0';
		return;
	}
	if (block_value(&r->p->col[IC_COMPANY], s, len, true, r->block_company,
	    sizeof r->block_company))
		return;
	block_value(&r->p->col[IC_NAME], s, len, false, r->block_name,
	    sizeof r->block_name);
}

/* A list export being read: its header once found, and where its |s are. */
struct list {
	char *header;           /* NULL until found */
	size_t hlen;
	size_t hcol[CELLS_MAX + 1];
	size_t nh;
	const char *missing;    /* the column the last candidate lacked */
	char *buf;              /* the line being read, split in place */
	size_t cap;
};

/* No line had the profile's captions: say which column was not found. */
static ar_err
no_header_line(struct run *r, const char *missing)
{
	char what[256];

	captions_text(r->p, missing ? missing : "amount", what, sizeof what);
	return ar_error_set(r->err, AR_ECOLUMN, 0, "no header line with the "
	    "captions of profile %s: no line has the %s", r->p->name, what);
}

/*
 * A |-framed line before the header: the header when its cells hold the
 * profile's captions, else a page line.
 */
static ar_err
list_header(struct run *r, struct list *l, const char *s, size_t len,
    long lineno)
{
	const char *cells[CELLS_MAX];
	size_t lens[CELLS_MAX], n;
	char *copy;
	bool bound;

	/* split_pipes() writes into the line, which is kept as it is */
	if ((copy = malloc(len + 1)) == NULL)
		return AR_ENOMEM;
	memcpy(copy, s, len + 1);
	n = split_pipes(copy, len, cells, lens, CELLS_MAX);
	bound = n > 0 && n <= CELLS_MAX &&
	    bind_header(r->p, cells, lens, n, &r->b, &l->missing);
	if (bound && r->b.again_col >= 0) {
		header_twice(r, cells, lens, lineno);
		free(copy);
		return AR_EDUPCOLUMN;
	}
	free(copy);
	if (!bound) {
		r->sum->page_lines++;
		return AR_OK;
	}
	if ((l->header = malloc(len + 1)) == NULL)
		return AR_ENOMEM;
	memcpy(l->header, s, len + 1);
	l->hlen = len;
	l->nh = pipe_columns(s, len, l->hcol, CELLS_MAX + 1);
	r->sum->headers++;
	return AR_OK;
}

/*
 * A row below the header, s[0..len) being line trimmed, in l->buf: cut at
 * its |s, or where the header has its |s when a text holds a | of its own.
 */
static ar_err
list_row(struct run *r, struct list *l, const char *line, char *s, size_t len,
    long lineno)
{
	const char *cells[CELLS_MAX];
	size_t lens[CELLS_MAX], n;

	n = split_pipes(s, len, cells, lens, CELLS_MAX);
	if (n != r->b.ncells) {
		/* a | inside a text: cut where the header's |s are */
		memcpy(l->buf, line, strlen(line) + 1);
		for (s = l->buf, len = strlen(l->buf); len > 0 && blank(*s); s++, len--)
			continue;
		if (n > CELLS_MAX ||
		    !split_at_columns(s, len, l->hcol, l->nh, cells, lens))
			return ar_error_set(r->err, AR_ESYNTAX, lineno, "line has "
			    "%zu cells, the header has %zu, and its | are not "
			    "below the header's (a | in a text, or a line cut or "
			    "shifted?)", n, r->b.ncells);
		n = r->b.ncells;
	}
	return take_cells(r, cells, lens, n, lineno);
}

/*
 * One line of a list export after skip_lines: a blank or ruler line, a
 * block line, the header (again, on each page), or a row.
 */
static ar_err
list_line(struct run *r, struct list *l, const char *line, size_t len,
    long lineno)
{
	char *s;

	if (len + 1 > l->cap) {
		free(l->buf);
		l->cap = (len + 1) * 2;
		if ((l->buf = malloc(l->cap)) == NULL)
			return AR_ENOMEM;
	}
	memcpy(l->buf, line, len + 1);
	s = l->buf;
	while (len > 0 && blank(s[len - 1]))
		len--;
	while (len > 0 && blank(*s))
		s++, len--;
	if (len == 0 || is_ruler(s, len)) {
		r->sum->page_lines++;
		return AR_OK;
	}
	if (*s != '|') {
		take_block_line(r, s, len);
		r->sum->page_lines++;
		return AR_OK;
	}
	if (l->header == NULL)
		return list_header(r, l, s, len, lineno);
	if (len == l->hlen && memcmp(s, l->header, len) == 0) {
		r->sum->headers++;	/* the header again, on a new page */
		return AR_OK;
	}
	return list_row(r, l, line, s, len, lineno);
}

static ar_err
read_list(struct run *r, struct textin *t)
{
	struct list l = { 0 };
	const char *line;
	size_t len;
	bool have_header;
	ar_err e;

	while ((e = textin_getline(t, &line, &len)) == AR_OK) {
		r->sum->lines++;
		if (r->sum->lines <= r->p->skip_lines) {
			r->sum->page_lines++;
			continue;
		}
		if ((e = list_line(r, &l, line, len, textin_line(t))) != AR_OK)
			break;
	}
	have_header = l.header != NULL;
	free(l.buf);
	free(l.header);
	if (e == AR_EOF && !have_header)
		return no_header_line(r, l.missing);
	if (e == AR_EOF)
		return AR_OK;
	if (e != AR_ESYNTAX && e != AR_ERANGE && r->err->message[0] == '\0')
		ar_error_set(r->err, e, textin_line(t), "%s", textin_error(t));
	return e;
}

/* ---- delimited exports ---- */

static ar_err
read_csv(struct run *r, struct textin *t)
{
	const char *cells[CELLS_MAX], *line, *missing = NULL;
	size_t lens[CELLS_MAX], len, n, i;
	struct csvio_opts o = { r->p->delimiter, !r->p->header, false, NULL };
	struct csvio_reader *cr = NULL;
	struct csvio_record rec;
	long offset;
	FILE *fp;
	ar_err e;

	/* the preamble: lines before the header */
	for (;;) {
		if ((e = textin_getline(t, &line, &len)) != AR_OK)
			break;
		if (textin_line(t) <= r->p->skip_lines) {
			r->sum->page_lines++;
			continue;
		}
		if (!r->p->header)
			break;
		n = caption_split(line, len, r->p->delimiter, cells, lens, CELLS_MAX);
		if (n <= CELLS_MAX && bind_header(r->p, cells, lens, n, &r->b, &missing))
			break;
		r->sum->page_lines++;
	}
	if (e == AR_EOF)
		return no_header_line(r, missing);
	if (e != AR_OK)
		return ar_error_set(r->err, e, textin_line(t), "%s",
		    textin_error(t));
	offset = textin_line(t) - 1;
	textin_unget(t);
	if ((fp = textin_rest(t)) == NULL)
		return ar_error_set(r->err, AR_ENOMEM, 0, "cannot read on: %s",
		    strerror(errno));
	e = csvio_reader_from_stream(&cr, fp, r->name, &o);
	if (e == AR_OK) {
		for (i = 0; i < csvio_ncolumns(cr) && i < CELLS_MAX; i++) {
			cells[i] = csvio_column_name(cr, i);
			lens[i] = strlen(cells[i]);
		}
		if (!bind_header(r->p, cells, lens, i, &r->b, &missing))
			e = ar_error_set(r->err, AR_ECOLUMN, offset + 1,
			    "the header has no %s column", missing);
		else if (r->b.again_col >= 0)
			e = header_twice(r, cells, lens, offset + 1);
		if (r->p->header) {
			r->sum->headers++;
			r->sum->lines = offset + 1;	/* a file of the header alone */
		} else
			r->sum->lines = offset;
	}
	while (e == AR_OK && (e = csvio_read(cr, &rec)) == AR_OK) {
		for (i = 0; i < rec.nfields && i < CELLS_MAX; i++) {
			cells[i] = rec.field[i].ptr;
			lens[i] = rec.field[i].len;
		}
		r->sum->lines = offset + rec.line;
		e = take_cells(r, cells, lens, i, offset + rec.line);
	}
	if (e == AR_EOF)
		e = AR_OK;
	else if (cr != NULL && r->err->message[0] == '\0') {
		/* a conversion error ends the stream: textin knows where */
		if (e == AR_EIO && textin_error(t)[0] != '\0') {
			e = AR_EUTF8;
			ar_error_set(r->err, e, textin_line(t), "%s",
			    textin_error(t));
		} else
			ar_error_set(r->err, e, offset + csvio_error(cr)->line,
			    "%s", csvio_error(cr)->message);
	}
	csvio_reader_close(cr);
	fclose(fp);
	/* lines up to the last record; page lines are all the others */
	r->sum->page_lines = r->sum->lines - r->sum->items - r->sum->headers -
	    r->sum->subtotals - r->sum->totals;
	return e;
}

ar_err
import_read(struct textin *t, const struct import_profile *p,
    currency_id default_currency, import_item_fn fn, void *ctx,
    struct import_summary *sum, struct ar_error *err)
{
	struct run r;
	ar_err e;

	memset(sum, 0, sizeof *sum);
	memset(&r, 0, sizeof r);
	err->line = 0;
	err->message[0] = '\0';
	sum->profile = p->name;
	r.p = p;
	r.name = textin_name(t);
	r.default_currency = default_currency;
	r.fn = fn;
	r.ctx = ctx;
	r.sum = sum;
	r.err = err;
	e = p->layout == IMPORT_LIST ? read_list(&r, t) : read_csv(&r, t);
	if (e != AR_OK)
		return e;
	return check_totals(&r);
}

#define DETECT_PROFILES 16

const char *
import_detect(struct textin *t, const struct ar_config *cfg)
{
	static struct import_profile prof[DETECT_PROFILES];
	const char *names[DETECT_PROFILES], *cells[CELLS_MAX], *line, *missing;
	size_t lens[CELLS_MAX], len, n, i, nnames, nprof = 0;
	struct binding b;
	char msg[256];
	long k;

	nnames = cfg ? config_profiles(cfg, "import", names, DETECT_PROFILES) : 0;
	if (nnames > DETECT_PROFILES)
		nnames = DETECT_PROFILES;
	for (i = 0; import_builtin_names[i] != NULL && nnames < DETECT_PROFILES; i++)
		names[nnames++] = import_builtin_names[i];
	for (i = 0; i < nnames; i++)
		if (import_profile_load(cfg, names[i], &prof[nprof], msg, sizeof msg) == AR_OK)
			nprof++;
	for (k = 0; k < DETECT_LINES && textin_getline(t, &line, &len) == AR_OK; k++) {
		while (len > 0 && blank(*line))
			line++, len--;
		for (i = 0; i < nprof; i++) {
			const struct import_profile *p = &prof[i];
			char copy[4096];

			if (!p->header)
				continue;	/* nothing to recognise it by */
			if (p->layout == IMPORT_LIST) {
				if (len == 0 || *line != '|' || len >= sizeof copy)
					continue;
				memcpy(copy, line, len + 1);
				n = split_pipes(copy, len, cells, lens, CELLS_MAX);
			} else
				n = caption_split(line, len, p->delimiter, cells, lens, CELLS_MAX);
			if (n <= CELLS_MAX && bind_header(p, cells, lens, n, &b, &missing))
				return p->name;
		}
	}
	return NULL;
}
