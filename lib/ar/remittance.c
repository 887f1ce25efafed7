/* remittance.c - remittance advices: loaded whole, found by payment (see remittance.h). */
#include "ar/remittance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/payer_name.h"
#include "core/currency.h"
#include "core/money.h"
#include "core/strtab.h"

#define NONE SIZE_MAX

/*
 * An amount whose currency is not known yet is read with the most
 * decimals any currency has (currency.h allows 0..6): what fails there for
 * syntax fails in every currency, what fails for decimals or size may
 * still read in the payment's.
 */
#define EXPONENT_ANY 6

/*
 * The file's strings, in blocks that never move (unlike a realloc'd
 * arena, or strtab's keys): the doc_no pointers handed back stay valid
 * until remittance_free.
 */
struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct rline {
	const char *doc_no;
	const char *amount_text;   /* read in the payment's currency when !has_currency */
	int64_t amount;            /* read at load when has_currency */
	currency_id currency;
	bool has_currency;
	long line;
	size_t next;               /* the advice's next line, NONE after its last */
};

struct advice {
	const char *key;             /* remittance_advice_info.key */
	const char *payer;           /* normalised; without payment_id only */
	size_t payer_len;
	const char *payment_amount;  /* as written; without payment_id only */
	int64_t payment_minor;       /* payment_amount read in currency, when has_currency */
	civil_day value_date;        /* without payment_id only */
	currency_id currency;        /* of its first line that names one */
	bool has_currency, by_id, used;
	long line, currency_line;
	size_t first, last, nlines;  /* its lines, a list in file order */
};

/* A payer-keyed advice by value_date; sorted by day, then file order. */
struct dated {
	civil_day day;
	size_t advice;
};

struct remittance_table {
	struct block *blocks;
	struct strtab *ids;          /* payment_id -> advice_of_id[] */
	struct strtab *groups;       /* payer key -> advice_of_group[] */
	size_t *advice_of_id, *advice_of_group;
	size_t cap_id, cap_group;
	struct advice *adv;
	size_t nadv, cap_adv;
	struct rline *lines;
	size_t nlines, cap_lines;
	struct dated *bydate;
	size_t nbydate;
};

/* The columns, -1 when absent. */
struct columns {
	int id, payer, value_date, payment_amount, doc_no, amount, currency;
};

/* Room for need elements of size bytes in p (*cap elements now): the new p, or NULL (p kept). */
static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size || (q = realloc(p, n * size)) == NULL)
		return NULL;
	*cap = n;
	return q;
}

static char *
save(struct remittance_table *t, const char *s, size_t len)
{
	struct block *b = t->blocks;
	char *p;

	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 4096 ? len + 1 : 4096;

		if ((b = malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->next = t->blocks;
		b->used = 0;
		b->cap = cap;
		t->blocks = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * The column named name, ASCII case ignored: advices come from customers'
 * spreadsheets ("Doc_No").  csvio refuses two names that differ only in
 * case, so at most one column matches.
 */
static int
column_of(const struct csvio_reader *r, const char *name)
{
	int c = csvio_column(r, name);
	size_t n = csvio_ncolumns(r);

	if (c >= 0)
		return c;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *x = (const unsigned char *)csvio_column_name(r, i);
		const unsigned char *y = (const unsigned char *)name;

		while (*x != '\0' && fold(*x) == fold(*y))
			x++, y++;
		if (*x == '\0' && *y == '\0')
			return (int)i;
	}
	return -1;
}

/* The text of column col, "" when the file has no such column (or a short row). */
static const char *
cell(const struct csvio_record *rec, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= rec->nfields) {
		*len = 0;
		return "";
	}
	*len = rec->field[col].len;
	return rec->field[col].ptr;
}

static ar_err
amount_problem(struct ar_error *e, ar_err err, long line, const char *what,
    const char *s, size_t len, currency_id cur)
{
	if (err == AR_EDECIMALS) {
		char msg[sizeof e->message];

		money_decimals_message(msg, sizeof msg, what, s, len, cur, NULL);
		return ar_error_set(e, err, line, "%s", msg);
	}
	if (len == 0)
		return ar_error_set(e, AR_ESYNTAX, line, "%s is empty", what);
	if (err == AR_ERANGE)
		return ar_error_set(e, err, line, "%s \"%s\" is too large", what, s);
	return ar_error_set(e, AR_ESYNTAX, line, "%s \"%s\" is not an amount (expected e.g. 1234.56)",
	    what, s);
}

/*
 * Read an amount of the file: in currency cur when known, to *minor; else
 * only its syntax and sign, *minor 0 (its decimals wait for the payment's
 * currency).  More than zero, or an error at line.
 */
static ar_err
read_amount(const char *s, size_t len, bool known, currency_id cur, const char *what,
    long line, int64_t *minor, struct ar_error *e)
{
	int64_t v;
	ar_err err = money_parse(s, len, known ? currency_exponent(cur) : EXPONENT_ANY,
	    MONEY_DECIMAL_POINT, &v);

	*minor = 0;
	if (err == AR_OK) {
		if (v <= 0)
			return ar_error_set(e, AR_ERANGE, line, "%s \"%s\" must be more than zero",
			    what, s);
		*minor = v;
		return AR_OK;
	}
	if (!known && (err == AR_EDECIMALS || err == AR_ERANGE))
		return AR_OK;
	return amount_problem(e, err, line, what, s, len, cur);
}

static ar_err
new_advice(struct remittance_table *t, long line, bool by_id, size_t *out)
{
	struct advice *a;

	if ((a = grow(t->adv, &t->cap_adv, t->nadv + 1, sizeof *t->adv)) == NULL)
		return AR_ENOMEM;
	t->adv = a;
	a = &t->adv[t->nadv];
	memset(a, 0, sizeof *a);
	a->by_id = by_id;
	a->line = line;
	a->value_date = DATE_NONE;
	a->first = a->last = NONE;
	*out = t->nadv++;
	return AR_OK;
}

/* The advice of payment_id id[0..len), made when new. */
static ar_err
advice_of_id(struct remittance_table *t, const char *id, size_t len, long line, size_t *out)
{
	uint32_t sid;
	bool added;
	size_t *map;
	ar_err err;

	if ((err = strtab_intern(t->ids, id, len, &sid, &added)) != AR_OK)
		return err;
	if (!added) {
		*out = t->advice_of_id[sid];
		return AR_OK;
	}
	if ((map = grow(t->advice_of_id, &t->cap_id, (size_t)sid + 1, sizeof *map)) == NULL)
		return AR_ENOMEM;
	t->advice_of_id = map;
	if ((err = new_advice(t, line, true, out)) != AR_OK)
		return err;
	map[sid] = *out;
	if ((t->adv[*out].key = save(t, id, len)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

/*
 * The advice without payment_id of this normalised payer, day and
 * payment_amount text, made when new with payer_text (as written) for its
 * key.  The parts are joined with 0x1f, which none of them can hold: a
 * normalised name has no controls, a date is digits and an amount that
 * passed read_amount has none either.
 */
static ar_err
advice_of_payer(struct remittance_table *t, const char *norm, size_t normlen, civil_day day,
    const char *pa, size_t palen, const char *payer_text, long line, size_t *out)
{
	size_t cap = normlen + palen + 32;
	char *k = malloc(cap);
	char iso[DATE_TEXT_MAX];
	struct advice *a;
	uint32_t gid;
	bool added;
	size_t *map, klen;
	ar_err err;
	int w;

	if (k == NULL)
		return AR_ENOMEM;
	w = snprintf(k, cap, "%.*s\x1f%ld\x1f%.*s", (int)normlen, norm, (long)day, (int)palen, pa);
	klen = w < 0 ? 0 : (size_t)w < cap ? (size_t)w : cap - 1;
	err = strtab_intern(t->groups, k, klen, &gid, &added);
	free(k);
	if (err != AR_OK)
		return err;
	if (!added) {
		*out = t->advice_of_group[gid];
		return AR_OK;
	}
	if ((map = grow(t->advice_of_group, &t->cap_group, (size_t)gid + 1, sizeof *map)) == NULL)
		return AR_ENOMEM;
	t->advice_of_group = map;
	if ((err = new_advice(t, line, false, out)) != AR_OK)
		return err;
	map[gid] = *out;
	a = &t->adv[*out];
	a->value_date = day;
	a->payer_len = normlen;
	date_format(day, iso);
	cap = strlen(payer_text) + palen + DATE_TEXT_MAX + 8;
	if ((k = malloc(cap)) == NULL)
		return AR_ENOMEM;
	w = snprintf(k, cap, "%s, %s, %.*s", payer_text, iso, (int)palen, pa);
	klen = w < 0 ? 0 : (size_t)w < cap ? (size_t)w : cap - 1;
	a->key = save(t, k, klen);
	free(k);
	if (a->key == NULL || (a->payer = save(t, norm, normlen)) == NULL ||
	    (a->payment_amount = save(t, pa, palen)) == NULL)
		return AR_ENOMEM;
	return AR_OK;
}

/* A row without payment_id: its payer, value_date and payment_amount give the advice. */
static ar_err
payer_row(struct remittance_table *t, const struct columns *c, const struct csvio_record *rec,
    const struct date_opts *dates, bool has_currency, currency_id cur, size_t *out,
    int64_t *pa_minor, struct ar_error *e)
{
	static const char *const names[3] = { "payer", "value_date", "payment_amount" };
	const int cols[3] = { c->payer, c->value_date, c->payment_amount };
	const char *s[3];
	size_t len[3], normlen;
	char norm[PAYER_NAME_SIZE];
	civil_day day;
	ar_err err;

	for (int i = 0; i < 3; i++) {
		s[i] = cell(rec, cols[i], &len[i]);
		if (cols[i] < 0)
			return ar_error_set(e, AR_ESYNTAX, rec->line,
			    "payment_id is empty and there is no %s column", names[i]);
		if (len[i] == 0)
			return ar_error_set(e, AR_ESYNTAX, rec->line,
			    "%s is empty (needed without a payment_id)", names[i]);
	}
	if ((err = date_parse(s[1], len[1], dates, &day)) != AR_OK)
		return ar_error_set(e, err == AR_ERANGE ? AR_ERANGE : AR_ESYNTAX, rec->line,
		    "value_date \"%s\" is not a date (expected YYYY-MM-DD)", s[1]);
	if ((err = read_amount(s[2], len[2], has_currency, cur, "payment_amount", rec->line,
	    pa_minor, e)) != AR_OK)
		return err;
	err = payer_name_normalise(s[0], len[0], norm, sizeof norm, &normlen);
	if (err == AR_ENOMEM)
		return err;
	if (err != AR_OK)
		return ar_error_set(e, err, rec->line, "payer \"%s\": %s", s[0], ar_strerror(err));
	if (normlen == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "payer \"%s\" has no letters or digits",
		    s[0]);
	return advice_of_payer(t, norm, normlen, day, s[2], len[2], s[0], rec->line, out);
}

static ar_err
load_row(struct remittance_table *t, const struct columns *c, const struct csvio_record *rec,
    const struct date_opts *dates, struct ar_error *e)
{
	const char *doc, *amt, *code, *id;
	size_t doclen, amtlen, codelen, idlen, ai = NONE;
	struct rline ln = { 0 };
	struct advice *a;
	int64_t pa_minor = 0;
	ar_err err;

	ln.line = rec->line;
	ln.next = NONE;
	doc = cell(rec, c->doc_no, &doclen);
	if (doclen == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "doc_no is empty");
	code = cell(rec, c->currency, &codelen);
	if (codelen > 0) {
		if ((err = currency_lookup(code, codelen, &ln.currency)) != AR_OK)
			return ar_error_set(e, err, rec->line, "currency \"%s\" is %s", code,
			    err == AR_ECURRENCY ? "not a known currency (add [currency.CODE] to ar.ini)"
			    : "not a currency code (expected three capital letters, e.g. MYR)");
		ln.has_currency = true;
	}
	amt = cell(rec, c->amount, &amtlen);
	if ((err = read_amount(amt, amtlen, ln.has_currency, ln.currency, "amount", rec->line,
	    &ln.amount, e)) != AR_OK)
		return err;

	id = cell(rec, c->id, &idlen);
	if (idlen >= PAYMENT_ID_MAX)
		return ar_error_set(e, AR_ERANGE, rec->line,
		    "payment_id \"%.40s...\" is longer than %d bytes", id, PAYMENT_ID_MAX - 1);
	if (idlen > 0)
		err = advice_of_id(t, id, idlen, rec->line, &ai);
	else
		err = payer_row(t, c, rec, dates, ln.has_currency, ln.currency, &ai, &pa_minor, e);
	if (err != AR_OK)
		return err;
	a = &t->adv[ai];

	if (ln.has_currency && a->has_currency && ln.currency != a->currency)
		return ar_error_set(e, AR_ECURRENCY, rec->line,
		    "currency %s differs from %s on line %ld of the same advice",
		    currency_code(ln.currency), currency_code(a->currency), a->currency_line);
	if (ln.has_currency && !a->has_currency) {
		a->has_currency = true;
		a->currency = ln.currency;
		a->currency_line = rec->line;
		a->payment_minor = pa_minor;
	}
	if (a->nlines == REMITTANCE_LINES_MAX)
		return ar_error_set(e, AR_ERANGE, rec->line,
		    "advice for payment %s has more than %d lines", a->key, REMITTANCE_LINES_MAX);

	if ((ln.doc_no = save(t, doc, doclen)) == NULL ||
	    (!ln.has_currency && (ln.amount_text = save(t, amt, amtlen)) == NULL))
		return AR_ENOMEM;
	{
		struct rline *lines = grow(t->lines, &t->cap_lines, t->nlines + 1, sizeof *t->lines);

		if (lines == NULL)
			return AR_ENOMEM;
		t->lines = lines;
	}
	t->lines[t->nlines] = ln;
	if (a->last == NONE)
		a->first = t->nlines;
	else
		t->lines[a->last].next = t->nlines;
	a->last = t->nlines++;
	a->nlines++;
	return AR_OK;
}

static int
dated_cmp(const void *x, const void *y)
{
	const struct dated *a = x, *b = y;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->advice < b->advice ? -1 : a->advice > b->advice;
}

static ar_err
index_by_date(struct remittance_table *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nadv; i++)
		n += !t->adv[i].by_id;
	if (n == 0)
		return AR_OK;
	if ((t->bydate = malloc(n * sizeof *t->bydate)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < t->nadv; i++)
		if (!t->adv[i].by_id)
			t->bydate[t->nbydate++] = (struct dated){ t->adv[i].value_date, i };
	qsort(t->bydate, t->nbydate, sizeof *t->bydate, dated_cmp);
	return AR_OK;
}

/* The missing ones of payer, value_date, payment_amount: "\"payer\" and \"value_date\"". */
static int
missing_list(char *buf, size_t size, const struct columns *c)
{
	static const char *const names[3] = { "\"payer\"", "\"value_date\"", "\"payment_amount\"" };
	const int cols[3] = { c->payer, c->value_date, c->payment_amount };
	const char *miss[3];
	int n = 0;

	for (int i = 0; i < 3; i++)
		if (cols[i] < 0)
			miss[n++] = names[i];
	if (n == 1)
		snprintf(buf, size, "%s", miss[0]);
	else if (n == 2)
		snprintf(buf, size, "%s and %s", miss[0], miss[1]);
	else
		snprintf(buf, size, "%s, %s and %s", miss[0], miss[1], miss[2]);
	return n;
}

ar_err
remittance_load(struct remittance_table **out, struct csvio_reader *r,
    const struct date_opts *dates, struct ar_error *e)
{
	struct remittance_table *t;
	struct csvio_record rec;
	struct columns c;
	ar_err err;

	*out = NULL;
	if (e != NULL)
		memset(e, 0, sizeof *e);   /* its file stays "": the caller's reader is the file */
	c.id = column_of(r, "payment_id");
	c.payer = column_of(r, "payer");
	c.value_date = column_of(r, "value_date");
	c.payment_amount = column_of(r, "payment_amount");
	c.doc_no = column_of(r, "doc_no");
	c.amount = column_of(r, "amount");
	c.currency = column_of(r, "currency");
	if (c.doc_no < 0)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"doc_no\"");
	if (c.amount < 0)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"amount\"");
	if (c.id < 0 && (c.payer < 0 || c.value_date < 0 || c.payment_amount < 0)) {
		char list[64];
		int n = missing_list(list, sizeof list, &c);

		return ar_error_set(e, AR_ECOLUMN, 1,
		    "missing column \"payment_id\", or else column%s %s", n > 1 ? "s" : "", list);
	}

	if ((t = calloc(1, sizeof *t)) == NULL)
		return AR_ENOMEM;
	if ((t->ids = strtab_new(64)) == NULL || (t->groups = strtab_new(64)) == NULL) {
		remittance_free(t);
		return AR_ENOMEM;
	}
	for (;;) {
		if ((err = csvio_read(r, &rec)) != AR_OK) {
			if (err == AR_EOF)
				err = index_by_date(t);
			else
				err = ar_error_set(e, err, csvio_error(r)->line, "%s",
				    csvio_error(r)->message);
			break;
		}
		if ((err = load_row(t, &c, &rec, dates, e)) != AR_OK)
			break;
	}
	if (err != AR_OK) {
		remittance_free(t);
		return err;
	}
	*out = t;
	return AR_OK;
}

void
remittance_free(struct remittance_table *t)
{
	struct block *b, *next;

	if (t == NULL)
		return;
	for (b = t->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	strtab_free(t->ids);
	strtab_free(t->groups);
	free(t->advice_of_id);
	free(t->advice_of_group);
	free(t->adv);
	free(t->lines);
	free(t->bydate);
	free(t);
}

/* Advice a's lines in p's currency into lines[], then mark it used; errors at a line. */
static ar_err
hand_back(struct remittance_table *t, struct advice *a, const struct payment *p,
    struct remittance_line lines[REMITTANCE_LINES_MAX], size_t *n, struct ar_error *e)
{
	size_t k = 0;

	for (size_t i = a->first; i != NONE && k < REMITTANCE_LINES_MAX; i = t->lines[i].next) {
		const struct rline *l = &t->lines[i];
		int64_t v;

		if (l->has_currency) {
			if (l->currency != p->currency)
				return ar_error_set(e, AR_ECURRENCY, l->line,
				    "currency %s differs from %s of payment %s",
				    currency_code(l->currency), currency_code(p->currency), p->id);
			v = l->amount;
		} else {
			size_t len = strlen(l->amount_text);
			ar_err err = money_parse(l->amount_text, len, currency_exponent(p->currency),
			    MONEY_DECIMAL_POINT, &v);

			if (err != AR_OK)
				return amount_problem(e, err, l->line, "amount", l->amount_text, len,
				    p->currency);
			/* A huge negative text is too large with six decimals, so unchecked at load. */
			if (v <= 0)
				return ar_error_set(e, AR_ERANGE, l->line,
				    "amount \"%s\" must be more than zero", l->amount_text);
		}
		lines[k].doc_no = l->doc_no;
		lines[k].amount = v;
		lines[k].line = l->line;
		k++;
	}
	a->used = true;
	*n = k;
	return AR_OK;
}

/* How well payer-keyed advice a fits p (payer normalised in norm), -1 when it does not. */
static int
payer_fit(const struct advice *a, const struct payment *p, const char *norm, size_t normlen)
{
	int64_t v;
	int score;

	if (a->used || (a->has_currency && a->currency != p->currency))
		return -1;
	if (a->has_currency)
		v = a->payment_minor;
	else if (money_parse(a->payment_amount, strlen(a->payment_amount),
	    currency_exponent(p->currency), MONEY_DECIMAL_POINT, &v) != AR_OK)
		return -1;
	if (v != p->amount)
		return -1;
	if (a->payer_len == normlen && memcmp(a->payer, norm, normlen) == 0)
		score = 100;
	else
		score = payer_name_similarity(a->payer, a->payer_len, norm, normlen);
	return score >= PAYER_NAME_LIKELY ? score : -1;
}

ar_err
remittance_find(struct remittance_table *t, const struct payment *p,
    struct remittance_line lines[REMITTANCE_LINES_MAX], size_t *n, struct ar_error *e)
{
	char norm[PAYER_NAME_SIZE];
	const char *payer;
	size_t normlen, lo, hi, best = NONE;
	int best_score = -1;
	uint32_t sid;
	ar_err err;

	*n = 0;
	if (t == NULL || p == NULL || currency_code(p->currency) == NULL)
		return AR_EUSAGE;
	if (strtab_find(t->ids, p->id, strnlen(p->id, sizeof p->id), &sid)) {
		struct advice *a = &t->adv[t->advice_of_id[sid]];

		return a->used ? AR_OK : hand_back(t, a, p, lines, n, e);
	}

	payer = p->payer != NULL ? p->payer : "";
	err = payer_name_normalise(payer, strlen(payer), norm, sizeof norm, &normlen);
	if (err == AR_ENOMEM)
		return err;
	if (err != AR_OK || normlen == 0)
		return AR_OK;   /* a payer that does not read names nobody */
	lo = 0;
	hi = t->nbydate;
	while (lo < hi) {       /* the first advice of p's value_date */
		size_t mid = lo + (hi - lo) / 2;

		if (t->bydate[mid].day < p->value_date)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < t->nbydate && t->bydate[i].day == p->value_date; i++) {
		int score = payer_fit(&t->adv[t->bydate[i].advice], p, norm, normlen);

		if (score > best_score) {   /* strictly: a tie stays with the earlier advice */
			best_score = score;
			best = t->bydate[i].advice;
		}
	}
	if (best == NONE)
		return AR_OK;
	return hand_back(t, &t->adv[best], p, lines, n, e);
}

size_t
remittance_count(const struct remittance_table *t)
{
	return t != NULL ? t->nadv : 0;
}

void
remittance_advice(const struct remittance_table *t, size_t i,
    struct remittance_advice_info *out)
{
	const struct advice *a;

	if (t == NULL || i >= t->nadv) {
		memset(out, 0, sizeof *out);
		out->key = "";
		return;
	}
	a = &t->adv[i];
	out->line = a->line;
	out->key = a->key;
	out->used = a->used;
	out->nlines = a->nlines;
}
