/*
 * mt940.c - SWIFT MT940/MT942 reader: lines, fields, statements and the
 * :61: statement line.  The :86: dialects live in mt940_86.c.
 *
 * The file is read line by line (memory stays flat for large files).  A
 * line starting ":TAG:" opens a field; other lines continue the field
 * before them.  A :61: is held until its :86: (or the next field that is
 * not :86:) is seen, then handed to the caller.
 *
 * Encoding: MT940 is nominally the SWIFT character set (ASCII), but banks
 * put national letters in :86: in UTF-8 or in a single-byte code page.  A
 * line that is valid UTF-8 is kept; any other line is converted from
 * ISO-8859-1 with iconv.  ISO-8859-1 maps every byte, so this never fails:
 * a file in another code page (CP852, CP1250) is still read, its letters
 * coming out as the Latin-1 characters of the same bytes.  We chose reading
 * with imperfect letters over rejecting a statement whose amounts are fine.
 * Control bytes (SOH at the start of mBank files, stray binary bytes) are
 * dropped.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "source/bank_channel.h"
#include "core/money.h"
#include "core/utf8.h"
#include "source/mt940.h"
#include "source/mt940_int.h"

/* Longest field kept; more continuation lines than this are cut. */
#define FIELD_MAX 16384

struct reader {
	const char *name;       /* kept for debugging; the caller prints it */
	bank_txn_fn fn;
	void *ctx;
	struct ar_error *err;
	unsigned long statements;   /* begun so far */
	iconv_t cd;

	struct bank_statement st;
	bool in_statement;
	int64_t movements;      /* sum of :61: amounts of this statement */

	struct bank_txn txn;    /* the :61: waiting for its :86: */
	bool have_txn;
	char info[FIELD_MAX];   /* its :86: fields (Rabobank writes several) */
	size_t info_len;
	bool pending_dash;      /* a "-" line: end of message or text? */

	char tag[8];            /* the field being collected */
	char field[FIELD_MAX];
	size_t field_len;
	long field_line;
	bool split_colon;       /* a line that was just ":" (Sparkasse) */
};

/* Two digits at s, or -1. */
static int
two(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYMMDD; a two-digit year below 80 is 20YY, else 19YY. */
static ar_err
parse_yymmdd(struct reader *r, const char *s, size_t len, civil_day *day)
{
	int y, m, d;

	if (len < 6 || (y = two(s)) < 0 || (m = two(s + 2)) < 0 ||
	    (d = two(s + 4)) < 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":%s: date is not YYMMDD", r->tag);
	if (date_from_ymd(y < 80 ? 2000 + y : 1900 + y, m, d, day) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, r->field_line,
		    ":%s: no such date %.6s", r->tag, s);
	return AR_OK;
}

/*
 * Amount "1234,56" (decimal comma, no sign, no grouping) in the minor
 * units of cur.  A trailing comma ("1500,") means no decimals.
 */
static ar_err
parse_amount(struct reader *r, const char *s, size_t len, currency_id cur,
    int64_t *minor)
{
	enum money_decimal dec = MONEY_DECIMAL_COMMA;
	ar_err e;
	size_t i;

	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != ',')
			break;
	/*
	 * SWIFT always writes a decimal comma, but some exports (old Rabobank)
	 * write a point and some (Knab) none at all: read both when unambiguous.
	 */
	if (i < len && s[i] == '.' && memchr(s, ',', len) == NULL &&
	    memchr(s + i + 1, '.', len - i - 1) == NULL) {
		for (i++; i < len && isdigit((unsigned char)s[i]); i++)
			;
		dec = MONEY_DECIMAL_POINT;
	}
	if (i != len || len == 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":%s: amount \"%.*s\" is not of the form 123,45", r->tag,
		    (int)(len > 40 ? 40 : len), s);
	if (s[len - 1] == ',' || s[len - 1] == '.')
		len--;
	/* Strip leading zeros: money_parse reads 0,5 but not 0000,5 grouped. */
	while (len > 1 && s[0] == '0' && s[1] != ',' && s[1] != '.') {
		s++;
		len--;
	}
	if (len == 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":%s: no amount", r->tag);
	e = money_parse_ungrouped(s, len, currency_exponent(cur), dec, minor);
	if (e != AR_OK)
		return ar_error_set(r->err, e, r->field_line,
		    ":%s: amount \"%.*s\": %s", r->tag,
		    (int)(len > 40 ? 40 : len), s, ar_strerror(e));
	return AR_OK;
}

/* Balance [D|C]YYMMDDCCCamount of :60x:/:62x:/:64:/:65:. */
static ar_err
parse_balance(struct reader *r, int64_t *amount, civil_day *day,
    currency_id *cur)
{
	const char *s = r->field;
	const char *nl = memchr(s, '\n', r->field_len);
	size_t len = nl ? (size_t)(nl - s) : r->field_len;
	ar_err e;

	/* Only the first line: junk after a balance is not part of it. */
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len < 11 || (s[0] != 'C' && s[0] != 'D'))
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":%s: balance is not [C|D]YYMMDDCCCamount", r->tag);
	if ((e = parse_yymmdd(r, s + 1, 6, day)) != AR_OK)
		return e;
	if ((e = currency_lookup(s + 7, 3, cur)) != AR_OK)
		return ar_error_set(r->err,
		    e == AR_ESYNTAX ? AR_ESYNTAX : AR_ECURRENCY, r->field_line,
		    ":%s: unknown currency \"%.3s\"", r->tag, s + 7);
	if ((e = parse_amount(r, s + 10, len - 10, *cur, amount)) != AR_OK)
		return e;
	if (s[0] == 'D')
		*amount = -*amount;
	return AR_OK;
}

static ar_err
emit_txn(struct reader *r)
{
	ar_err e;

	if (!r->have_txn)
		return AR_OK;
	r->have_txn = false;
	if (r->info_len > 0) {
		/* :86: replaces the :61: supplementary details. */
		r->txn.reference[0] = r->txn.narrative[0] = '\0';
		mt940_parse_86(r->info, r->info_len, &r->txn);
		/*
		 * The whole :86:, not the parts kept ("IBG CREDIT" is a prefix),
		 * its lines joined as the narrative joins them: a Ref-1 the
		 * bank's 65-character wrap cut ("REF-1 881001" / "119") is read whole.
		 */
		bank_channel_scan(r->txn.narrative, strlen(r->txn.narrative), &r->txn);
		r->info_len = 0;
	} else
		bank_channel_scan(r->txn.reference, strlen(r->txn.reference),
		    &r->txn);
	e = r->fn(r->ctx, &r->st, &r->txn);
	if (e != AR_OK && r->err->message[0] == '\0')
		ar_error_set(r->err, e, r->txn.line,
		    "stopped by the caller: %s", ar_strerror(e));
	return e;
}

/* End of a statement: hand over its last :61:, check the balances. */
static ar_err
end_statement(struct reader *r)
{
	char o[MONEY_TEXT_MAX], m[MONEY_TEXT_MAX], s[MONEY_TEXT_MAX];
	char c[MONEY_TEXT_MAX];
	int64_t sum;
	int x;
	ar_err e;

	if ((e = emit_txn(r)) != AR_OK)
		return e;
	if (!r->in_statement)
		return AR_OK;
	r->in_statement = false;
	if (!r->st.has_opening || !r->st.has_closing)
		return AR_OK;
	sum = r->st.opening;
	if (money_add(&sum, r->movements) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, r->st.line,
		    "statement %s: sum out of range", r->st.id);
	if (sum == r->st.closing)
		return AR_OK;
	x = currency_exponent(r->st.currency);
	money_format(r->st.opening, x, o);
	money_format(r->movements, x, m);
	money_format(sum, x, s);
	money_format(r->st.closing, x, c);
	return ar_error_set(r->err, AR_ESYNTAX, r->st.line,
	    "statement %s (line %ld): opening %s + movements %s = %s, "
	    "closing says %s: the balances do not add up", r->st.id,
	    r->st.line, o, m, s, c);
}

static void
begin_statement(struct reader *r)
{
	memset(&r->st, 0, sizeof r->st);
	r->st.currency = -1;
	r->st.opening_date = r->st.closing_date = DATE_NONE;
	r->st.line = r->field_line;
	r->st.seq = ++r->statements;
	r->movements = 0;
	r->in_statement = true;
}

/* An MT942 or a headerless snippet may start without :20:. */
static void
need_statement(struct reader *r)
{
	if (!r->in_statement)
		begin_statement(r);
}

/*
 * The length of the :61: statement line, the field's first line; *nl is
 * where it ends, NULL when the field has one line.  A line broken right
 * after the mark (Sparkasse) is joined to the next first.
 */
static size_t
statement_line(struct reader *r, char **nl)
{
	char *s = r->field;
	size_t len;

	*nl = memchr(s, '\n', r->field_len);
	len = *nl ? (size_t)(*nl - s) : r->field_len;
	if (*nl != NULL && len > 0 && len <= 16 &&
	    !isdigit((unsigned char)s[len - 1])) {
		memmove(*nl, *nl + 1, r->field_len - len - 1);
		r->field_len--;
		s[r->field_len] = '\0';
		*nl = memchr(s, '\n', r->field_len);
		len = *nl ? (size_t)(*nl - s) : r->field_len;
	}
	return len;
}

/* The optional entry date MMDD at s[*i] into t->booking_date. */
static ar_err
entry_date(struct reader *r, const char *s, size_t len, size_t *i,
    struct bank_txn *t)
{
	int vy, vm, vd, em, ed, y;

	if (len < *i + 4 || (em = two(s + *i)) < 0 ||
	    (ed = two(s + *i + 2)) < 0) {
		/* no entry date: blanks may stand in its place */
		while (*i < len && s[*i] == ' ')
			(*i)++;
		return AR_OK;
	}
	/* The entry date has no year: the one nearest the value date. */
	date_to_ymd(t->value_date, &vy, &vm, &vd);
	y = vy;
	if (vm == 12 && em == 1)
		y++;
	else if (vm == 1 && em == 12)
		y--;
	if (date_from_ymd(y, em, ed, &t->booking_date) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, r->field_line,
		    ":61: no such entry date %.4s", s + *i);
	*i += 4;
	return AR_OK;
}

/*
 * The mark C/D/RC/RD, the optional funds code and the amount at s[*i]
 * into t->amount, signed: negative for money out.
 */
static ar_err
signed_amount(struct reader *r, const char *s, size_t len, size_t *i,
    struct bank_txn *t)
{
	bool debit, reversal = false;
	size_t a;
	ar_err e;

	if (*i < len && s[*i] == 'R') {
		reversal = true;
		(*i)++;
	}
	if (*i >= len || (s[*i] != 'C' && s[*i] != 'D'))
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":61: no debit/credit mark (C, D, RC, RD)");
	debit = s[(*i)++] == 'D';
	/* RD reverses a debit (money back in), RC a credit (money out). */
	if (reversal)
		debit = !debit;
	if (*i < len && isalpha((unsigned char)s[*i]))
		(*i)++;                 /* funds code, 3rd letter of currency */
	for (a = *i; *i < len &&
	    (isdigit((unsigned char)s[*i]) || s[*i] == ','); )
		(*i)++;
	if ((e = parse_amount(r, s + a, *i - a, t->currency,
	    &t->amount)) != AR_OK)
		return e;
	if (debit)
		t->amount = -t->amount;
	return AR_OK;
}

/* The transaction type (N/F/S + 3) at s[*i] into t->type_code. */
static ar_err
transaction_type(struct reader *r, const char *s, size_t len, size_t *i,
    struct bank_txn *t)
{
	/*
	 * The type is mandatory in SWIFT, but Zenith Bank goes straight to
	 * "//" and Penta to "NONREF": take those as no type.
	 */
	if (*i + 2 <= len && s[*i] == '/' && s[*i + 1] == '/')
		return AR_OK;
	if (len - *i >= 6 && memcmp(s + *i, "NONREF", 6) == 0)
		return AR_OK;
	if (*i + 4 > len || !isalpha((unsigned char)s[*i]))
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":61: no transaction type after the amount");
	mt940_copy(t->type_code, sizeof t->type_code, s + *i, 4);
	*i += 4;
	return AR_OK;
}

/*
 * Customer reference [//bank reference] in ref[0..n): t->bank_ref is the
 * bank reference when there is one, else the customer reference.
 */
static void
bank_reference(const char *ref, size_t n, struct bank_txn *t)
{
	size_t k;

	for (k = 0; k + 1 < n; k++)
		if (ref[k] == '/' && ref[k + 1] == '/') {
			mt940_copy(t->bank_ref, sizeof t->bank_ref, ref + k + 2,
			    n - k - 2);
			return;
		}
	mt940_copy(t->bank_ref, sizeof t->bank_ref, ref, n);
}

/*
 * :61: value date YYMMDD, [entry date MMDD], mark C/D/RC/RD, [funds code],
 * amount, type (N/F/S + 3), customer reference [//bank reference], and
 * on the next line the supplementary details.
 */
static ar_err
parse_61(struct reader *r)
{
	struct bank_txn *t = &r->txn;
	char *s = r->field, *nl;
	size_t len, i = 6;
	ar_err e;

	memset(t, 0, sizeof *t);
	t->line = r->field_line;
	t->booking_date = DATE_NONE;
	if (r->st.currency < 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
		    ":61: before any balance line gives the currency");
	t->currency = r->st.currency;
	len = statement_line(r, &nl);
	if ((e = parse_yymmdd(r, s, len, &t->value_date)) != AR_OK ||
	    (e = entry_date(r, s, len, &i, t)) != AR_OK ||
	    (e = signed_amount(r, s, len, &i, t)) != AR_OK ||
	    (e = transaction_type(r, s, len, &i, t)) != AR_OK)
		return e;
	bank_reference(s + i, len - i, t);
	if (money_add(&r->movements, t->amount) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, r->field_line,
		    ":61: sum of movements out of range");
	/* Supplementary details: the only text when there is no :86:. */
	if (nl != NULL) {
		mt940_copy(t->reference, sizeof t->reference, nl + 1,
		    r->field_len - len - 1);
		mt940_narrative(nl + 1, r->field_len - len - 1, 0,
		    t->narrative, sizeof t->narrative);
	}
	r->have_txn = true;
	r->info_len = 0;
	return AR_OK;
}

/* MT942 :34F: floor limit CCC[D|C]amount names the currency. */
static ar_err
parse_34f(struct reader *r)
{
	ar_err e;

	if (r->field_len < 3 ||
	    (e = currency_lookup(r->field, 3, &r->st.currency)) != AR_OK)
		return ar_error_set(r->err, AR_ECURRENCY, r->field_line,
		    ":34F: unknown currency \"%.3s\"", r->field);
	return AR_OK;
}

/* Length of the field's first line: one-line fields ignore the rest. */
static size_t
first_line(const struct reader *r)
{
	const char *nl = memchr(r->field, '\n', r->field_len);

	return nl ? (size_t)(nl - r->field) : r->field_len;
}

/* The field in r->field is complete: act on it. */
static ar_err
end_field(struct reader *r)
{
	const char *tag = r->tag;
	ar_err e = AR_OK;
	int64_t amt;
	civil_day day;
	currency_id cur;

	if (tag[0] == '\0')
		return AR_OK;
	r->field[r->field_len] = '\0';
	if (strcmp(tag, "86") != 0 && (e = emit_txn(r)) != AR_OK)
		return e;
	if (strcmp(tag, "20") == 0) {
		if ((e = end_statement(r)) != AR_OK)
			return e;
		begin_statement(r);
		mt940_copy(r->st.id, sizeof r->st.id, r->field, first_line(r));
	} else if (strcmp(tag, "25") == 0) {
		need_statement(r);
		mt940_copy(r->st.account, sizeof r->st.account, r->field,
		    first_line(r));
	} else if (strcmp(tag, "28C") == 0 || strcmp(tag, "28") == 0) {
		need_statement(r);
		mt940_copy(r->st.id, sizeof r->st.id, r->field, first_line(r));
	} else if (strcmp(tag, "60F") == 0 || strcmp(tag, "60M") == 0) {
		need_statement(r);
		if ((e = parse_balance(r, &amt, &day, &cur)) != AR_OK)
			return e;
		r->st.has_opening = true;
		r->st.opening = amt;
		r->st.opening_date = day;
		r->st.currency = cur;
	} else if (strcmp(tag, "62F") == 0 || strcmp(tag, "62M") == 0) {
		need_statement(r);
		if ((e = parse_balance(r, &amt, &day, &cur)) != AR_OK)
			return e;
		if (r->st.currency >= 0 && cur != r->st.currency)
			return ar_error_set(r->err, AR_ESYNTAX, r->field_line,
			    ":%s: currency %s differs from the opening's %s",
			    tag, currency_code(cur),
			    currency_code(r->st.currency));
		r->st.has_closing = true;
		r->st.closing = amt;
		r->st.closing_date = day;
		r->st.currency = cur;
	} else if (strcmp(tag, "64") == 0 || strcmp(tag, "65") == 0) {
		/* Available balances: checked for form only. */
		e = parse_balance(r, &amt, &day, &cur);
	} else if (strcmp(tag, "34F") == 0) {
		need_statement(r);
		e = parse_34f(r);
	} else if (strcmp(tag, "61") == 0) {
		need_statement(r);
		e = parse_61(r);
	} else if (strcmp(tag, "86") == 0) {
		if (r->have_txn) {
			size_t n = r->field_len;

			if (r->info_len > 0 && r->info_len + 1 < FIELD_MAX)
				r->info[r->info_len++] = '\n';
			if (n > FIELD_MAX - 1 - r->info_len)
				n = FIELD_MAX - 1 - r->info_len;
			memcpy(r->info + r->info_len, r->field, n);
			r->info_len += n;
		}
		/* A statement-level :86: (after :62F:) carries no payment. */
	}
	/* :13D:, :90D:, :90C:, :21:, :NS: and others: nothing to take. */
	r->tag[0] = '\0';
	return e;
}

/* Append text to the current field. */
static void
add_text(struct reader *r, const char *s, size_t len, bool newline)
{
	if (newline && r->field_len + 1 < FIELD_MAX)
		r->field[r->field_len++] = '\n';
	if (len > FIELD_MAX - 1 - r->field_len)
		len = FIELD_MAX - 1 - r->field_len;
	memcpy(r->field + r->field_len, s, len);
	r->field_len += len;
}

enum tag_kind { TAG_OK, TAG_TEXT, TAG_BAD };

/*
 * SWIFT tags are two digits and an optional letter; "NS" (non-SWIFT, used
 * by Sberbank) and "940" (the Rabobank header line) are known too.  A
 * number of any other length is a corrupted tag (OCA's deliberately wrong
 * ":9401:"), so an error; letters are free text that happens to look like
 * ":Note:", so a continuation line.
 */
static enum tag_kind
tag_kind(const char *s, size_t n)
{
	size_t i;

	if ((n == 2 || n == 3) && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) &&
	    (n == 2 || (s[2] >= 'A' && s[2] <= 'Z')))
		return TAG_OK;
	if ((n == 2 && memcmp(s, "NS", 2) == 0) ||
	    (n == 3 && memcmp(s, "940", 3) == 0))
		return TAG_OK;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return TAG_TEXT;
	return TAG_BAD;
}

/* A tag line: the field before it is complete; tag's starts with text. */
static ar_err
begin_field(struct reader *r, const char *tag, size_t n, long line,
    const char *text, size_t len)
{
	ar_err e;

	if ((e = end_field(r)) != AR_OK)
		return e;
	memcpy(r->tag, tag, n);
	r->tag[n] = '\0';
	r->field_len = 0;
	r->field_line = line;
	add_text(r, text, len, false);
	return AR_OK;
}

/*
 * The line after a line that was just ":": Sparkasse's ":" + "86:..." is
 * one tag line; anything else is text with the ":" before it.
 */
static ar_err
after_split_colon(struct reader *r, const char *s, size_t len, long lineno)
{
	size_t t;

	for (t = 0; t < len && t < 5 && isalnum((unsigned char)s[t]); t++)
		;
	if (t >= 2 && t < len && s[t] == ':')
		return begin_field(r, s, t, lineno - 1, s + t + 1, len - t - 1);
	add_text(r, ":", 1, true);
	add_text(r, s, len, false);
	return AR_OK;
}

/* One logical line (already UTF-8, no line end, no control bytes). */
static ar_err
do_line(struct reader *r, char *s, size_t len, long lineno)
{
	size_t t;
	ar_err e;

	/* SWIFT blocks: "{1:...}{2:...}{4:" opens the text, "-}" closes it. */
	if (len > 0 && s[0] == '{') {
		char *b4 = strstr(s, "{4:");

		if (b4 == NULL)
			return AR_OK;
		len -= (size_t)(b4 + 3 - s);
		s = b4 + 3;
	}
	/*
	 * A bare "-" ends a message, except inside wrapped :86: text (ING
	 * writes "-" lines there): decide on the line after it.
	 */
	if (r->pending_dash) {
		r->pending_dash = false;
		if (len > 0 && s[0] != ':' && s[0] != '{' && r->tag[0] != '\0') {
			add_text(r, "-", 1, true);
			add_text(r, s, len, true);
			return AR_OK;
		}
		if ((e = end_field(r)) != AR_OK ||
		    (e = end_statement(r)) != AR_OK)
			return e;
	}
	if (len >= 2 && s[0] == '-' && s[1] == '}') {
		if ((e = end_field(r)) != AR_OK)
			return e;
		return end_statement(r);
	}
	if (len >= 1 && s[0] == '-' && strspn(s + 1, " ") == len - 1) {
		r->pending_dash = true;
		return AR_OK;
	}
	if (r->split_colon) {
		r->split_colon = false;
		return after_split_colon(r, s, len, lineno);
	}
	if (len == 1 && s[0] == ':') {
		r->split_colon = true;
		return AR_OK;
	}
	if (len >= 4 && s[0] == ':') {
		for (t = 1; t < len && t < 7 && isalnum((unsigned char)s[t]); t++)
			;
		if (t >= 3 && t < len && s[t] == ':') {
			switch (tag_kind(s + 1, t - 1)) {
			case TAG_TEXT:
				goto text;
			case TAG_BAD:
				return ar_error_set(r->err, AR_ESYNTAX, lineno,
				    "unknown tag :%.*s:", (int)(t - 1), s + 1);
			case TAG_OK:
				break;
			}
			return begin_field(r, s + 1, t - 1, lineno, s + t + 1,
			    len - t - 1);
		}
	}
text:
	if (r->tag[0] != '\0')
		add_text(r, s, len, true);
	/* Text outside any field (a bare "940" header line) is ignored. */
	return AR_OK;
}

/* Make raw[0..len) UTF-8 in out (4*len+1 bytes); see the top comment. */
static size_t
to_utf8(struct reader *r, const char *raw, size_t len, char *out)
{
	size_t i, n = 0;

	if (utf8_valid(raw, len)) {
		memcpy(out, raw, len);
		n = len;
	} else if (r->cd != (iconv_t)-1) {
		char *in = (char *)raw, *o = out;
		size_t il = len, ol = 4 * len;

		iconv(r->cd, NULL, NULL, NULL, NULL);
		(void)iconv(r->cd, &in, &il, &o, &ol);
		n = (size_t)(o - out);
	} else {
		for (i = 0; i < len; i++) {     /* Latin-1 by hand */
			unsigned char c = (unsigned char)raw[i];

			if (c < 0x80)
				out[n++] = (char)c;
			else {
				out[n++] = (char)(0xc0 | c >> 6);
				out[n++] = (char)(0x80 | (c & 0x3f));
			}
		}
	}
	/* Drop control bytes; a tab becomes a blank. */
	for (i = 0, len = n, n = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == '\t')
			out[n++] = ' ';
		else if (c >= 0x20 && c != 0x7f)
			out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

ar_err
mt940_read(FILE *fp, const char *name, bank_txn_fn fn, void *ctx,
    struct ar_error *err)
{
	struct reader *r;
	char *line = NULL, *u = NULL;
	size_t cap = 0, ucap = 0, len, ulen;
	ssize_t got;
	long lineno = 0;
	ar_err e = AR_OK;

	err->line = 0;
	err->message[0] = '\0';
	if ((r = calloc(1, sizeof *r)) == NULL)
		return ar_error_set(err, AR_ENOMEM, 0, "out of memory");
	r->name = name;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	r->st.currency = -1;
	r->cd = iconv_open("UTF-8", "ISO-8859-1");
	errno = 0;
	while ((got = getline(&line, &cap, fp)) != -1) {
		lineno++;
		len = (size_t)got;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (memchr(line, '\0', len) != NULL) {
			e = ar_error_set(r->err, AR_ENUL, lineno,
			    "NUL byte in the line");
			break;
		}
		if (4 * len + 1 > ucap) {
			char *nu = realloc(u, 4 * len + 1);

			if (nu == NULL) {
				e = ar_error_set(r->err, AR_ENOMEM, lineno,
				    "out of memory");
				break;
			}
			u = nu;
			ucap = 4 * len + 1;
		}
		ulen = to_utf8(r, line, len, u);
		if ((e = do_line(r, u, ulen, lineno)) != AR_OK)
			break;
	}
	if (e == AR_OK && ferror(fp))
		e = ar_error_set(r->err, AR_EIO, lineno, "read error: %s",
		    strerror(errno));
	if (e == AR_OK && (e = end_field(r)) == AR_OK)
		e = end_statement(r);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(line);
	free(u);
	free(r);
	return e;
}
