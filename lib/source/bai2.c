/*
 * bai2.c - BAI2 reader (see bai2.h).
 *
 * BAI2 is not CSV: records end with '/', fields have no quoting, the last
 * field of a 16 record is free text that may hold ',' and '/', 88 records
 * continue the previous record and several records may share a physical
 * line (fixed-80 blocks).  So csvio does not fit; the file is read whole,
 * cut into raw records here, 88s are joined to their record, and each
 * logical record is split on ',' by a small cursor.
 *
 * Non-UTF-8 text (BAI2 is nominally ASCII, legacy banks send Latin-1) is
 * taken as ISO-8859-1 and converted, field by field, so output is always
 * UTF-8; control characters become spaces.
 *
 * The 88 continuations of a 16 are joined to its text with a '\n' (a blank
 * once copied out), so that the "TAG: value" lines banks put there can be
 * told apart: Goldman Sachs writes one tag per 88 (DBNM: debtor name,
 * DACT: debtor account, CRNM/CACT for the creditor), Citi several on one
 * line (BO: by-order-of account, BO1: its name).  The payer is the debtor
 * of a credit and the creditor of a debit.  The reference and the
 * narrative (bank.h) are both that whole text, the reference cut shorter.
 */
#include "source/bai2.h"

#include "source/bank_channel.h"
#include "core/money.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

#define BAI2_FILE_MAX   (64L * 1024 * 1024)
#define BAI2_RECORD_MAX (64 * 1024)
#define BAI2_FIELDS_MAX 1024

struct field {
	const char *s;
	size_t n;
};

struct rd {
	const char *name;
	struct ar_error *err;
	unsigned long statements;   /* 03 records so far */
	bank_txn_fn fn;
	void *ctx;
	/* the logical record being built (a record plus its 88s) */
	int code;
	long line;
	char *rec;
	size_t len, cap;
	bool have;
	/* structure */
	bool in_file, in_group, in_account, done;
	currency_id group_cur;
	bool group_has_cur;
	civil_day asof;
	struct bank_statement st;
	int64_t acct_sum, grp_sum, file_sum;
	long acct_recs, grp_recs, file_recs, grp_accounts, file_groups;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
known_code(int c)
{
	return c == 1 || c == 2 || c == 3 || c == 16 || c == 49 || c == 88 ||
	    c == 98 || c == 99;
}

/* A record start "NN," with a known NN at b[i]; used to cut lines. */
static bool
record_start(const char *b, size_t n, size_t i)
{
	return i + 2 < n && is_digit(b[i]) && is_digit(b[i + 1]) &&
	    b[i + 2] == ',' && known_code((b[i] - '0') * 10 + b[i + 1] - '0');
}

static ar_err
append(struct rd *r, const char *s, size_t n)
{
	if (r->len + n + 1 > BAI2_RECORD_MAX)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "record (with its 88 continuations) longer than %d bytes",
		    BAI2_RECORD_MAX);
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		char *p;

		while (cap < r->len + n + 1)
			cap *= 2;
		if ((p = realloc(r->rec, cap)) == NULL)
			return AR_ENOMEM;
		r->rec = p;
		r->cap = cap;
	}
	memcpy(r->rec + r->len, s, n);
	r->len += n;
	r->rec[r->len] = '\0';
	return AR_OK;
}

/* Cursor over comma-separated fields; false when there are no more. */
static bool
next_field(const char *s, size_t n, size_t *pos, struct field *f)
{
	size_t i = *pos;

	if (i > n)
		return false;
	f->s = s + i;
	while (i < n && s[i] != ',')
		i++;
	f->n = (size_t)(s + i - f->s);
	*pos = i + 1;   /* past the comma; n + 1 once the last field is read */
	return true;
}

static size_t
trim_len(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static bool
field_eq(struct field f, const char *lit)
{
	return f.n == strlen(lit) && memcmp(f.s, lit, f.n) == 0;
}

/* Amount as written, optional sign, digits; blank is 0 when blank_ok. */
static bool
parse_amount(struct field f, bool blank_ok, int64_t *v)
{
	size_t i = 0, n = trim_len(f.s, f.n);
	bool neg = false;
	int64_t a = 0;

	while (i < n && f.s[i] == ' ')
		i++;
	if (i == n) {
		*v = 0;
		return blank_ok;
	}
	if (f.s[i] == '+' || f.s[i] == '-')
		neg = f.s[i++] == '-';
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (!is_digit(f.s[i]) || a > (INT64_MAX - 9) / 10)
			return false;
		a = a * 10 + (f.s[i] - '0');
	}
	*v = neg ? -a : a;
	return true;
}

static bool
parse_long(struct field f, long *v)
{
	int64_t a;

	if (!parse_amount(f, false, &a) || a < 0 || a > 1000000000)
		return false;
	*v = (long)a;
	return true;
}

static bool
parse_yymmdd(struct field f, civil_day *d)
{
	int v[3];

	if (f.n != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (!is_digit(f.s[i]))
			return false;
	for (int i = 0; i < 3; i++)
		v[i] = (f.s[2 * i] - '0') * 10 + f.s[2 * i + 1] - '0';
	/* Two-digit years: the format dates from 1987; 70..99 are 19xx. */
	return date_from_ymd(v[0] < 70 ? 2000 + v[0] : 1900 + v[0], v[1], v[2],
	    d) == AR_OK;
}

/*
 * Copy text into dst[cap] as UTF-8, trimmed, truncated on a character
 * boundary; invalid UTF-8 is read as ISO-8859-1.
 */
static void
copy_text(char *dst, size_t cap, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	bool latin1;
	size_t o = 0, i = 0;

	while (i < n && s[i] == ' ')
		i++;
	n = trim_len(src, n);
	if (i > n)
		i = n;
	latin1 = !utf8_valid(src + i, n - i);
	for (; i < n; i++) {
		unsigned c = s[i];
		size_t k;

		if (c < 0x20 || c == 0x7f) {
			if (o + 1 >= cap)
				break;
			dst[o++] = ' ';
		} else if (c < 0x80) {
			if (o + 1 >= cap)
				break;
			dst[o++] = (char)c;
		} else if (latin1) {
			if (o + 2 >= cap)
				break;
			dst[o++] = (char)(0xc0 | c >> 6);
			dst[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			/* The text is UTF-8: c leads a whole character. */
			k = utf8_lead_length(s[i]);
			if (o + k >= cap)
				break;
			memcpy(dst + o, s + i, k);
			o += k;
			i += k - 1;
		}
	}
	dst[o] = '\0';
}

/*
 * Skip the funds type field at *pos and its extra fields (V: date, time;
 * S: three amounts; D: count then count pairs).  Gives the value date of
 * V in *vdate.  False when the funds type is not one BAI2 defines.
 */
static bool
skip_funds(const char *s, size_t n, size_t *pos, civil_day *vdate)
{
	struct field f, g;
	long cnt;

	if (!next_field(s, n, pos, &f))
		return true;
	f.n = trim_len(f.s, f.n);
	if (f.n == 0 || field_eq(f, "0") || field_eq(f, "1") ||
	    field_eq(f, "2") || field_eq(f, "Z"))
		return true;
	if (field_eq(f, "V")) {
		if (next_field(s, n, pos, &g) && vdate != NULL &&
		    !parse_yymmdd(g, vdate))
			return false;
		next_field(s, n, pos, &g);
		return true;
	}
	if (field_eq(f, "S")) {
		for (int i = 0; i < 3; i++)
			next_field(s, n, pos, &g);
		return true;
	}
	if (field_eq(f, "D")) {
		if (!next_field(s, n, pos, &g) || !parse_long(g, &cnt) ||
		    cnt > BAI2_FIELDS_MAX)
			return false;
		for (long i = 0; i < 2 * cnt; i++)
			next_field(s, n, pos, &g);
		return true;
	}
	return false;
}

/* Where the text of a 16 record starts in rec, or -1 when not yet reached. */
static long
text_start_16(const char *s, size_t n)
{
	size_t pos = 0;
	struct field f;

	if (!next_field(s, n, &pos, &f) || !next_field(s, n, &pos, &f))
		return -1;
	if (!skip_funds(s, n, &pos, NULL))
		return -1;
	if (!next_field(s, n, &pos, &f) || !next_field(s, n, &pos, &f))
		return -1;
	return pos <= n ? (long)pos : -1;
}

/*
 * BAI2 type codes: 100-399 credits, 400-699 debits, 700-899 not used by
 * BAI for money (loan detail, reserved), 900-919 custom status, 920-959
 * custom credits, 960-999 custom debits.  Non-money detail is read for
 * the control totals and not handed over.
 */
static bool
type_is_money(long type)
{
	return (type >= 100 && type <= 699) || (type >= 920 && type <= 999);
}

static bool
type_is_credit(long type)
{
	return (type >= 100 && type <= 399) || (type >= 920 && type <= 959);
}

static const char *const text_tags[] = {
	"DBNM", "CRNM", "DACT", "CACT", "DABA", "CABA", "DBIC", "CBIC",
	"EREF", "CREF", "REMI", "IDNM", "BO", "BO1", "BO2", "BO3", "BO4",
	"OB", "OB1", "OB2", "OB3", "BI", "BI1", "PY", "FR", "ENDT", "TRID",
	NULL
};

/* Length of a known "TAG:" at s[i] (after a blank or line start), or 0. */
static size_t
tag_at(const char *s, size_t n, size_t i)
{
	size_t k, l;

	if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n')
		return 0;
	for (k = 0; text_tags[k] != NULL; k++) {
		l = strlen(text_tags[k]);
		if (i + l < n && memcmp(s + i, text_tags[k], l) == 0 &&
		    s[i + l] == ':')
			return l + 1;
	}
	return 0;
}

/* Value of TAG: in the text, up to the next tag or line end. */
static bool
tag_value(const char *s, size_t n, const char *tag, const char **v,
    size_t *vn)
{
	size_t i, j, l = strlen(tag);

	for (i = 0; i < n; i++) {
		if (tag_at(s, n, i) != l + 1 || memcmp(s + i, tag, l) != 0)
			continue;
		i += l + 1;
		for (j = i; j < n && s[j] != '\n' && tag_at(s, n, j) == 0; j++)
			;
		*v = s + i;
		*vn = j - i;
		return true;
	}
	return false;
}

/* Payer and payer account from the 88 text tags (see the top comment). */
static void
take_tags(const char *s, size_t n, struct bank_txn *t)
{
	bool credit = t->amount >= 0;
	const char *v;
	size_t vn;

	if (tag_value(s, n, credit ? "DBNM" : "CRNM", &v, &vn) ||
	    (credit && tag_value(s, n, "BO1", &v, &vn)))
		copy_text(t->payer, sizeof t->payer, v, vn);
	if (tag_value(s, n, credit ? "DACT" : "CACT", &v, &vn) ||
	    (credit && tag_value(s, n, "BO", &v, &vn)))
		copy_text(t->payer_account, sizeof t->payer_account, v, vn);
}

static ar_err
add(struct rd *r, int64_t *acc, int64_t v)
{
	if (money_add(acc, v) != AR_OK)
		return ar_error_set(r->err, AR_ERANGE, r->line,
		    "control total overflows");
	return AR_OK;
}

static ar_err
check_trailer(struct rd *r, const char *what, int64_t sum, long recs,
    struct field *fs, int nf, int count_field)
{
	int64_t total;
	long cnt;

	/* A blank control total is 0 (moj's account_trailer_amount_blank). */
	if (nf < 1 || !parse_amount(fs[0], true, &total))
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "%s: control total is not a number", what);
	if (total != sum)
		return ar_error_set(r->err, AR_ERANGE, r->line,
		    "%s: control total %lld, the records add up to %lld", what,
		    (long long)total, (long long)sum);
	if (nf <= count_field || trim_len(fs[count_field].s, fs[count_field].n) == 0)
		return AR_OK;   /* the record count is optional */
	if (!parse_long(fs[count_field], &cnt))
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "%s: record count is not a number", what);
	if (cnt != recs)
		return ar_error_set(r->err, AR_ERANGE, r->line,
		    "%s: record count %ld, found %ld records", what, cnt, recs);
	return AR_OK;
}

static ar_err
do_16(struct rd *r)
{
	struct bank_txn t;
	struct field f, amt, bref, cref;
	size_t pos = 0, n = r->len;
	const char *s = r->rec;
	long type;
	int64_t a;
	civil_day vdate = DATE_NONE;
	ar_err e;

	memset(&t, 0, sizeof t);
	t.line = r->line;
	t.currency = r->st.currency;
	t.booking_date = r->asof;
	if (!next_field(s, n, &pos, &f) || !parse_long(f, &type) || f.n != 3)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "16 record: type code is not three digits");
	if (type < 100)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "16 record: type code %03ld is an account status (001-099), "
		    "not a transaction", type);
	copy_text(t.type_code, sizeof t.type_code, f.s, f.n);
	if (!next_field(s, n, &pos, &amt) || !parse_amount(amt, false, &a) || a < 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "16 record: amount is not a number of minor units");
	if (!skip_funds(s, n, &pos, &vdate))
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "16 record: bad funds type or availability");
	bref.s = cref.s = s;
	bref.n = cref.n = 0;
	next_field(s, n, &pos, &bref);
	next_field(s, n, &pos, &cref);
	copy_text(t.bank_ref, sizeof t.bank_ref, bref.s, bref.n);
	copy_text(t.end_to_end, sizeof t.end_to_end, cref.s, cref.n);
	if (pos <= n) {
		copy_text(t.reference, sizeof t.reference, s + pos, n - pos);
		copy_text(t.narrative, sizeof t.narrative, s + pos, n - pos);
	}
	t.amount = type_is_credit(type) ? a : -a;
	t.value_date = vdate != DATE_NONE ? vdate : r->asof;
	/* Control totals add every amount as written, money or not. */
	if ((e = add(r, &r->acct_sum, a)) != AR_OK)
		return e;
	if (!type_is_money(type))
		return AR_OK;
	if (pos <= n) {
		take_tags(s + pos, n - pos, &t);
		bank_channel_scan(s + pos, n - pos, &t);
	}
	if ((e = r->fn(r->ctx, &r->st, &t)) != AR_OK)
		return ar_error_set(r->err, e, r->line, "%s", ar_strerror(e));
	return AR_OK;
}

static ar_err
do_03(struct rd *r, struct field *fs, int nf)
{
	size_t pos = 0, n = r->len;
	const char *s = r->rec;
	struct field f, a;
	int64_t v;
	ar_err e;

	(void)fs;
	memset(&r->st, 0, sizeof r->st);
	r->st.line = r->line;
	r->st.seq = ++r->statements;
	r->st.opening_date = r->st.closing_date = r->asof;
	if (nf < 1 || trim_len(fs[0].s, fs[0].n) == 0)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "03 record: no account number");
	next_field(s, n, &pos, &f);
	copy_text(r->st.account, sizeof r->st.account, f.s, f.n);
	snprintf(r->st.id, sizeof r->st.id, "%s", r->st.account);
	r->st.currency = r->group_cur;
	if (next_field(s, n, &pos, &f) && trim_len(f.s, f.n) > 0) {
		if (currency_lookup(f.s, trim_len(f.s, f.n), &r->st.currency) != AR_OK)
			return ar_error_set(r->err, AR_ECURRENCY, r->line,
			    "03 record: unknown currency");
	} else if (!r->group_has_cur) {
		/* BAI2: no currency anywhere means US dollars. */
		if (currency_lookup("USD", 3, &r->st.currency) != AR_OK)
			return ar_error_set(r->err, AR_ECURRENCY, r->line,
			    "USD unknown");
	}
	/* Summaries: type code, amount, item count, funds type (+ extras). */
	while (next_field(s, n, &pos, &f)) {
		struct field cnt;

		/*
		 * A blank type code stands alone: svb's "015,35217175,,,/"
		 * has one empty field too many before its 88, moov-io's
		 * sample4 writes ",,,," for an absent summary.
		 */
		if (trim_len(f.s, f.n) == 0)
			continue;

		a.s = s;
		a.n = 0;
		next_field(s, n, &pos, &a);
		if (!parse_amount(a, true, &v))
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "03 record: summary amount is not a number");
		next_field(s, n, &pos, &cnt);
		if (!skip_funds(s, n, &pos, NULL))
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "03 record: bad funds type");
		if ((e = add(r, &r->acct_sum, v)) != AR_OK)
			return e;
		if (field_eq(f, "010")) {
			r->st.has_opening = true;
			r->st.opening = v;
		} else if (field_eq(f, "015")) {
			r->st.has_closing = true;
			r->st.closing = v;
		}
	}
	return AR_OK;
}

/* Process the logical record in r->rec. */
static ar_err
process(struct rd *r)
{
	struct field fs[BAI2_FIELDS_MAX];
	int nf = 0;
	size_t pos = 0;
	ar_err e;

	if (r->code != 16)
		while (nf < BAI2_FIELDS_MAX && next_field(r->rec, r->len, &pos, &fs[nf]))
			nf++;
	if (r->done)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "record %02d after the 99 file trailer", r->code);
	if (!r->in_file && r->code != 1)
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "file does not start with an 01 file header (found %02d)", r->code);
	switch (r->code) {
	case 1:
		if (r->in_file)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "second 01 file header");
		r->in_file = true;
		return AR_OK;
	case 2:
		if (r->in_group)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "02 group header before the 98 trailer of the previous group");
		r->in_group = true;
		r->grp_sum = 0;
		r->grp_accounts = 0;
		if (nf < 4 || !parse_yymmdd(fs[3], &r->asof))
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "02 record: as-of date is not YYMMDD");
		r->group_has_cur = nf > 5 && trim_len(fs[5].s, fs[5].n) > 0;
		if (r->group_has_cur &&
		    currency_lookup(fs[5].s, trim_len(fs[5].s, fs[5].n), &r->group_cur) != AR_OK)
			return ar_error_set(r->err, AR_ECURRENCY, r->line,
			    "02 record: unknown currency");
		return AR_OK;
	case 3:
		if (!r->in_group || r->in_account)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "03 record outside a group or inside another account");
		r->in_account = true;
		r->acct_sum = 0;
		return do_03(r, fs, nf);
	case 16:
		if (!r->in_account)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "16 record outside an account");
		return do_16(r);
	case 49: {
		char what[100];

		if (!r->in_account)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "49 record without an 03 account");
		snprintf(what, sizeof what, "account %s", r->st.account);
		if ((e = check_trailer(r, what, r->acct_sum, r->acct_recs, fs, nf, 1)) != AR_OK)
			return e;
		r->in_account = false;
		r->grp_accounts++;
		return add(r, &r->grp_sum, r->acct_sum);
	}
	case 98:
		if (!r->in_group || r->in_account)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "98 record without a group or inside an account");
		if ((e = check_trailer(r, "group", r->grp_sum, r->grp_recs, fs, nf, 2)) != AR_OK)
			return e;
		r->in_group = false;
		r->file_groups++;
		return add(r, &r->file_sum, r->grp_sum);
	case 99:
		if (r->in_group)
			return ar_error_set(r->err, AR_ESYNTAX, r->line,
			    "99 file trailer inside a group");
		if ((e = check_trailer(r, "file", r->file_sum, r->file_recs, fs, nf, 2)) != AR_OK)
			return e;
		r->done = true;
		return AR_OK;
	default:
		return ar_error_set(r->err, AR_ESYNTAX, r->line,
		    "unknown record type %02d", r->code);
	}
}

/* A new raw record (code, content) from the file. */
static ar_err
raw_record(struct rd *r, int code, long line, const char *s, size_t n)
{
	ar_err e;

	n = trim_len(s, n);
	if (code == 88) {
		long ts;

		if (!r->have)
			return ar_error_set(r->err, AR_ESYNTAX, line,
			    "88 continuation without a record to continue");
		/*
		 * Text of a 16 continues with a space between lines; anything
		 * else continues with the next field.
		 */
		ts = r->code == 16 ? text_start_16(r->rec, r->len) : -1;
		if ((e = append(r, ts >= 0 ? "\n" : ",", 1)) != AR_OK)
			return e;
		if (ts >= 0 && (size_t)ts == r->len - 1)
			r->rec[--r->len] = '\0';    /* empty text: no break */
		if ((e = append(r, s, n)) != AR_OK)
			return e;
	} else {
		if (r->have && (e = process(r)) != AR_OK)
			return e;
		r->have = true;
		r->code = code;
		r->line = line;
		r->len = 0;
		if ((e = append(r, s, n)) != AR_OK)
			return e;
		if (code == 2)
			r->grp_recs = 0;
		if (code == 3)
			r->acct_recs = 0;
	}
	/* Every physical record counts, 88s too, in every enclosing trailer. */
	r->acct_recs++;
	r->grp_recs++;
	r->file_recs++;
	return AR_OK;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Whether the line break at b[q] ends the record being read (code): it
 * does unless the next line does not start a record (sample3 breaks a
 * long 16 over two lines); then it is joined.
 */
static bool
break_ends_record(const char *b, size_t n, size_t q, int code)
{
	size_t look = q + 1;

	while (look < n && is_space(b[look]))
		look++;
	return look == n || record_start(b, n, look) || code != 16;
}

/*
 * Whether the '/' at b[q] ends the record: it does before a line end or
 * another record.  *next is then past the blanks after it.
 */
static bool
slash_ends_record(const char *b, size_t n, size_t q, size_t *next)
{
	size_t look = q + 1;

	while (look < n && (b[look] == ' ' || b[look] == '\t'))
		look++;
	*next = look;
	return look == n || b[look] == '\n' || b[look] == '\r' ||
	    record_start(b, n, look);
}

/*
 * The content of the raw record of type code from b[q] (just past its
 * "NN,") to its end, into content (*len bytes), carriage returns left out;
 * *p is then where the next record may start.  *line counts the line
 * breaks joined into a 16.
 */
static ar_err
record_content(struct rd *r, const char *b, size_t n, size_t q, int code,
    char *content, size_t *len, size_t *p, long *line)
{
	size_t next;

	*len = 0;
	for (;;) {
		if (q == n) {
			*p = q;
			return AR_OK;
		}
		if (b[q] == '\r') {
			q++;
			continue;
		}
		if (b[q] == '\n') {
			if (break_ends_record(b, n, q, code)) {
				*p = q;
				return AR_OK;
			}
			(*line)++;
			q++;
			continue;
		}
		if (b[q] == '/' && slash_ends_record(b, n, q, &next)) {
			*p = next;
			return AR_OK;
		}
		if (b[q] == '\0')
			return ar_error_set(r->err, AR_ESYNTAX, *line,
			    "NUL byte in the file");
		content[(*len)++] = b[q++];
	}
}

/* Cut the file b[0..n) into raw records and hand each to raw_record(). */
static ar_err
parse(struct rd *r, const char *b, size_t n)
{
	size_t p = 0, len;
	long line = 1, start;
	char *content = NULL;   /* one buffer: no record outgrows the first */
	int code;
	ar_err e = AR_OK;

	for (;;) {
		while (p < n && is_space(b[p]))
			if (b[p++] == '\n')
				line++;
		if (p == n)
			break;
		if (!(p + 2 < n && is_digit(b[p]) && is_digit(b[p + 1]) &&
		    b[p + 2] == ',')) {
			e = ar_error_set(r->err, AR_ESYNTAX, line,
			    "expected a record type and a comma (NN,)");
			break;
		}
		code = (b[p] - '0') * 10 + b[p + 1] - '0';
		start = line;
		if (content == NULL && (content = malloc(n - p - 2)) == NULL) {
			e = AR_ENOMEM;
			break;
		}
		if ((e = record_content(r, b, n, p + 3, code, content, &len, &p,
		    &line)) != AR_OK)
			break;
		if (len > 0 && content[len - 1] == '/' && code != 16)
			len--;
		if ((e = raw_record(r, code, start, content, len)) != AR_OK)
			break;
	}
	free(content);
	if (e == AR_OK && r->have)
		e = process(r);
	if (e == AR_OK && !r->done)
		e = ar_error_set(r->err, AR_ESYNTAX, line,
		    "no 99 file trailer at the end");
	return e;
}

ar_err
bai2_read(FILE *fp, const char *name, bank_txn_fn fn, void *ctx,
    struct ar_error *err)
{
	struct rd r;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, got;
	ar_err e;

	memset(err, 0, sizeof *err);
	memset(&r, 0, sizeof r);
	r.name = name;
	r.err = err;
	r.fn = fn;
	r.ctx = ctx;
	r.asof = DATE_NONE;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > (size_t)BAI2_FILE_MAX + 8192) {
				free(buf);
				return ar_error_set(err, AR_ERANGE, 0,
				    "file larger than %ld bytes", BAI2_FILE_MAX);
			}
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				return AR_ENOMEM;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		return ar_error_set(err, AR_EIO, 0, "read error");
	}
	/* A UTF-8 BOM is not BAI2 but editors add it. */
	p = buf;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3, len -= 3;
	e = parse(&r, p ? p : "", len);
	if (e != AR_OK && err->message[0] == '\0')
		snprintf(err->message, sizeof err->message, "%s", ar_strerror(e));
	free(r.rec);
	free(buf);
	return e;
}
