/* aging_partial.c - the partials stream: written, read and merged (aging_partial.h). */
#include "report/aging_partial.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/utf8.h"
#include "report/aging_merge.h"

static const char *const basis_words[] = { "due", "doc", NULL };
static const char *const credits_words[] = { "own-date", "current", NULL };
static const char *const group_words[] = { "customer", "collector", "company", "currency", NULL };

/* Fields of a line before its kind's own, and after the buckets of a row. */
enum { HEAD_FIELDS = 3, ROW_FIXED = 12 };
#define MAX_FIELDS (ROW_FIXED + AGING_MAX_COLUMNS)
enum { COUNTS_FIELDS = HEAD_FIELDS + 7, SKIPPED_FIELDS = HEAD_FIELDS + 3 };

/* ---- the policy ---- */

size_t
aging_partial_policy_text(const struct aging_partial_policy *p, char *buf)
{
	const size_t cap = AGING_PARTIAL_POLICY_MAX;
	char day[DATE_TEXT_MAX];
	int n;

	date_format(p->aging.as_of, day);
	n = snprintf(buf, cap, "v1;as_of=%s;basis=%s;credits=%s;buckets=", day,
	    basis_words[p->aging.basis], credits_words[p->aging.credits]);
	for (int i = 0; i < p->aging.buckets.n; i++)
		n += snprintf(buf + n, cap - (size_t)n, "%s%d", i ? "," : "", p->aging.buckets.upper[i]);
	n += snprintf(buf + n, cap - (size_t)n,
	    ";group=%s;past_due_days=%d;default_terms=%d;default_currency=%s;currency=%s",
	    group_words[p->group_by], p->aging.past_due_days, p->aging.default_terms_days,
	    p->default_currency >= 0 ? currency_code(p->default_currency) : "",
	    p->only_currency >= 0 ? currency_code(p->only_currency) : "");
	return (size_t)n;
}

/* s as a whole number from lo to hi, digits with an optional '-' only. */
static bool
read_int(const char *s, size_t len, int64_t lo, int64_t hi, int64_t *out)
{
	bool minus = len > 0 && s[0] == '-';
	uint64_t v = 0;
	size_t i = minus;

	if (i == len)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (minus ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
		return false;
	*out = minus ? (int64_t)(0 - v) : (int64_t)v;
	return *out >= lo && *out <= hi && !(minus && v == 0);
}

static int
word_index(const char *s, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

/* A currency code or "" (-1). */
static ar_err
read_currency(const char *s, currency_id *c)
{
	*c = -1;
	return s[0] == '\0' ? AR_OK : currency_lookup(s, strlen(s), c);
}

/* One "name=value" of the policy into p; false when value does not read. */
static bool
policy_value(int k, char *value, struct aging_partial_policy *p)
{
	int64_t v;
	int i;

	switch (k) {
	case 0:
		return date_parse(value, strlen(value), NULL, &p->aging.as_of) == AR_OK;
	case 1:
		if ((i = word_index(value, basis_words)) >= 0)
			p->aging.basis = (enum aging_basis)i;
		return i >= 0;
	case 2:
		if ((i = word_index(value, credits_words)) >= 0)
			p->aging.credits = (enum aging_credits)i;
		return i >= 0;
	case 3:
		return aging_buckets_parse(value, &p->aging.buckets) == AR_OK;
	case 4:
		if ((i = word_index(value, group_words)) >= 0)
			p->group_by = (enum aging_group)i;
		return i >= 0;
	case 5:
	case 6:
		if (!read_int(value, strlen(value), k == 5 ? 0 : INT_MIN, INT_MAX, &v))
			return false;
		*(k == 5 ? &p->aging.past_due_days : &p->aging.default_terms_days) = (int)v;
		return true;
	default:
		return read_currency(value, k == 7 ? &p->default_currency : &p->only_currency) == AR_OK;
	}
}

ar_err
aging_partial_policy_parse(const char *text, size_t len, struct aging_partial_policy *p,
    char *why, size_t cap)
{
	static const char *const names[] = {
		"as_of", "basis", "credits", "buckets", "group", "past_due_days",
		"default_terms", "default_currency", "currency", NULL
	};
	char buf[AGING_PARTIAL_POLICY_MAX], again[AGING_PARTIAL_POLICY_MAX];
	char *token, *save = NULL;
	int k = 0;

	memset(p, 0, sizeof *p);
	if (len >= sizeof buf)
		return snprintf(why, cap, "is longer than any ar-age writes"), AR_ESYNTAX;
	memcpy(buf, text, len);
	buf[len] = '\0';
	token = strtok_r(buf, ";", &save);
	if (token == NULL || strcmp(token, "v1") != 0) {
		if (token != NULL && token[0] == 'v' && token[1] >= '0' && token[1] <= '9')
			snprintf(why, cap, "is of version %s: this ar-age reads v1", token);
		else
			snprintf(why, cap, "does not begin with its version, v1");
		return AR_ESYNTAX;
	}
	for (; (token = strtok_r(NULL, ";", &save)) != NULL; k++) {
		char *eq = strchr(token, '=');

		if (names[k] == NULL) {
			snprintf(why, cap, "has \"%.64s\" after its last word, currency=", token);
			return AR_ESYNTAX;
		}
		if (eq == NULL || (size_t)(eq - token) != strlen(names[k]) ||
		    strncmp(token, names[k], strlen(names[k])) != 0) {
			snprintf(why, cap, "has \"%.64s\" where %s= was expected", token, names[k]);
			return AR_ESYNTAX;
		}
		if (!policy_value(k, eq + 1, p)) {
			snprintf(why, cap, "has %.64s: not a value of %s", token, names[k]);
			return AR_ESYNTAX;
		}
	}
	if (names[k] != NULL) {
		snprintf(why, cap, "ends before %s=", names[k]);
		return AR_ESYNTAX;
	}
	/* Only the writer's own form: the same text from the same policy. */
	if (aging_partial_policy_text(p, again) != len || memcmp(again, text, len) != 0) {
		snprintf(why, cap, "is not as ar-age writes it (\"%s\")", again);
		return AR_ESYNTAX;
	}
	return AR_OK;
}

/* ---- writing ---- */

/* s[0..len) with \ TAB LF CR escaped. */
static void
put_text(FILE *fp, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		switch (s[i]) {
		case '\\': fputs("\\\\", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: putc(s[i], fp);
		}
}

/* key TAB kind TAB policy: every line's start. */
static void
put_head(FILE *fp, const char *key, size_t key_len, const char *kind, const char *policy)
{
	put_text(fp, key, key_len);
	fprintf(fp, "\t%s\t%s", kind, policy);
}

static void
put_row(FILE *fp, const struct aging_report *rep, const char *kind, const char *policy,
    const char *key, size_t key_len, const char *name, const struct aging_row *row,
    const char *oldest_doc)
{
	put_head(fp, key, key_len, kind, policy);
	fprintf(fp, "\t%s\t%d\t", currency_code(row->currency), currency_exponent(row->currency));
	put_text(fp, name, strlen(name));
	for (int col = 0; col < aging_columns(&rep->policy.buckets); col++)
		fprintf(fp, "\t%" PRId64, row->bucket[col]);
	fprintf(fp, "\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%" PRIu64 "\t%" PRId32 "\t",
	    row->total, row->past_due, row->disputed, row->items, row->oldest_days);
	if (oldest_doc != NULL)
		put_text(fp, oldest_doc, strlen(oldest_doc));
	putc('\n', fp);
}

static const char *
name_key(const void *ctx, uint32_t key)
{
	return strtab_key(ctx, key);
}

static ar_err
put_side(FILE *fp, const struct aging_report *rep, const char *kind, const char *policy,
    struct aging_side *side)
{
	if (side == NULL)
		return AR_OK;
	if (aging_table_sort_by_key(&side->table, name_key, side->names) != AR_OK)
		return AR_ENOMEM;
	for (size_t i = 0; i < side->table.n; i++) {
		const struct aging_row *r = &side->table.rows[i];

		put_row(fp, rep, kind, policy, strtab_key(side->names, r->key),
		    strtab_key_len(side->names, r->key), "", r, NULL);
	}
	return AR_OK;
}

ar_err
aging_partial_write(FILE *fp, struct aging_report *rep, const struct aging_partial_policy *p)
{
	char policy[AGING_PARTIAL_POLICY_MAX];
	bool by_customer = rep->group_by == AGING_GROUP_CUSTOMER;
	ar_err err;

	aging_partial_policy_text(p, policy);
	put_head(fp, "", 0, "counts", policy);
	fprintf(fp, "\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\n", rep->rows, rep->from_terms,
	    rep->credits_from_doc, rep->currency_defaulted, rep->duplicates, rep->skipped,
	    rep->skipped_unread);
	for (currency_id c = 0; c < CURRENCY_MAX; c++)
		if (rep->skipped_amount[c] != 0) {
			put_head(fp, "", 0, "skipped_amount", policy);
			fprintf(fp, "\t%s\t%d\t%" PRId64 "\n", currency_code(c), currency_exponent(c),
			    rep->skipped_amount[c]);
		}
	if (aging_report_sort(rep) != AR_OK)
		return AR_ENOMEM;
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *r = &rep->table.rows[i];
		const char *key = aging_report_key(rep, r);

		put_row(fp, rep, "row", policy, key, strlen(key),
		    by_customer ? customers_get(rep->customers, r->key)->name : "", r,
		    aging_report_oldest_doc(rep, r));
	}
	if (!rep->track_sides)
		return AR_OK;
	if ((err = put_side(fp, rep, "company", policy, rep->by_company)) != AR_OK)
		return err;
	return put_side(fp, rep, "collector", policy, rep->by_collector);
}

/* ---- reading ---- */

/* One line cut at its tabs, each field NUL-terminated in place. */
struct line {
	const char *input;
	long no;
	int n;                       /* fields found (more than kept when too many) */
	char *f[MAX_FIELDS];
	size_t len[MAX_FIELDS];
};

static ar_err
bad(const struct line *l, struct ar_error *e, ar_err code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ar_err
bad(const struct line *l, struct ar_error *e, ar_err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ar_error_vset(e, code, l->no, fmt, ap);
	va_end(ap);
	return code;
}

/* Field i (0-based) undone of its escapes, in place. */
static ar_err
unescape(struct line *l, int i, const char *what, struct ar_error *e)
{
	char *s = l->f[i], *out = s;
	size_t len = l->len[i];

	for (size_t k = 0; k < len; k++) {
		if (s[k] != '\\') {
			*out++ = s[k];
			continue;
		}
		if (++k == len)
			return bad(l, e, AR_ESYNTAX, "%s ends in a lone backslash (\\ is written \\\\)", what);
		switch (s[k]) {
		case '\\': *out++ = '\\'; break;
		case 't': *out++ = '\t'; break;
		case 'n': *out++ = '\n'; break;
		case 'r': *out++ = '\r'; break;
		default:
			return bad(l, e, AR_ESYNTAX, "%s has \"\\%c\", not an escape (\\\\, \\t, \\n or \\r)",
			    what, s[k]);
		}
	}
	*out = '\0';
	l->len[i] = (size_t)(out - s);
	return AR_OK;
}

static ar_err
read_number(const struct line *l, int i, const char *what, int64_t lo, int64_t hi,
    int64_t *out, struct ar_error *e)
{
	if (read_int(l->f[i], l->len[i], lo, hi, out))
		return AR_OK;
	return bad(l, e, AR_ESYNTAX, "%s \"%.40s\" is not a whole number%s", what, l->f[i],
	    lo == INT64_MIN ? " of minor units" : lo == 1 ? " above 0" : " of 0 or more");
}

/* The currency at field i and its decimals at i + 1, which must be this process's. */
static ar_err
read_currency_field(const struct line *l, int i, currency_id *c, struct ar_error *e)
{
	int64_t decimals;
	ar_err err = currency_lookup(l->f[i], l->len[i], c);

	if (err == AR_ECURRENCY)
		return bad(l, e, err, "currency %s is unknown here: give this run the mappers' "
		    "[currency.%s] of ar.ini", l->f[i], l->f[i]);
	if (err != AR_OK)
		return bad(l, e, AR_ESYNTAX, "currency \"%.40s\" is not a currency code", l->f[i]);
	if ((err = read_number(l, i + 1, "decimals", 0, 18, &decimals, e)) != AR_OK)
		return err;
	if (decimals != currency_exponent(*c))
		return bad(l, e, AR_ESYNTAX, "%s has %d decimals in the partials, %d here: give every "
		    "run the same [currency.%s] exponent", l->f[i], (int)decimals,
		    currency_exponent(*c), l->f[i]);
	return AR_OK;
}

static ar_err
expect_fields(const struct line *l, int want, const char *kind, struct ar_error *e)
{
	if (l->n == want)
		return AR_OK;
	return bad(l, e, AR_ESYNTAX, "a %s line has %d fields, expected %d", kind, l->n, want);
}

/* A row, company or collector line's figures into *row. */
static ar_err
read_figures(const struct aging_partial_merge *m, const struct line *l, struct aging_row *row,
    struct ar_error *e)
{
	int columns = aging_columns(&m->policy.aging.buckets);
	char label[AGING_LABEL_MAX];
	uint64_t sum = 0;
	int64_t v;
	int i = HEAD_FIELDS + 3;
	ar_err err;

	memset(row, 0, sizeof *row);
	if ((err = read_currency_field(l, HEAD_FIELDS, &row->currency, e)) != AR_OK)
		return err;
	for (int col = 0; col < columns; col++, i++) {
		/* The column's label only to say what does not read: a label per line costs. */
		if (!read_int(l->f[i], l->len[i], INT64_MIN, INT64_MAX, &row->bucket[col])) {
			aging_column_label(&m->policy.aging.buckets, col, label, sizeof label);
			return read_number(l, i, label, INT64_MIN, INT64_MAX, &row->bucket[col], e);
		}
		sum += (uint64_t)row->bucket[col];   /* modulo 2^64: equal to total all the same */
	}
	if ((err = read_number(l, i++, "total", INT64_MIN, INT64_MAX, &row->total, e)) != AR_OK ||
	    (err = read_number(l, i++, "past_due", INT64_MIN, INT64_MAX, &row->past_due, e)) != AR_OK ||
	    (err = read_number(l, i++, "disputed", INT64_MIN, INT64_MAX, &row->disputed, e)) != AR_OK ||
	    (err = read_number(l, i++, "items", 1, INT64_MAX, &v, e)) != AR_OK)
		return err;
	row->items = (uint64_t)v;
	if ((err = read_number(l, i, "oldest_days", 0, INT32_MAX, &v, e)) != AR_OK)
		return err;
	row->oldest_days = (int32_t)v;
	if (sum != (uint64_t)row->total)
		return bad(l, e, AR_ESYNTAX, "total %s is not the sum of the bucket columns", l->f[i - 4]);
	return AR_OK;
}

/* A partial names a customer: the master's name stays; of two partials' names, the least. */
static ar_err
note_name(struct aging_partial_merge *m, const struct line *l, const char *key, size_t key_len,
    const char *name, size_t name_len)
{
	struct customer_table *t = m->rep->customers;
	uint32_t id;
	bool added;
	ar_err err;

	if (name_len == 0)
		return AR_OK;
	if ((err = customers_intern(t, key, key_len, &id, &added)) != AR_OK)
		return err;
	if (id >= m->named_cap) {
		size_t cap = m->named_cap ? m->named_cap : 1024;
		unsigned char *named;

		while (cap <= id)
			cap *= 2;
		if ((named = realloc(m->named, cap)) == NULL)
			return AR_ENOMEM;
		memset(named + m->named_cap, 0, cap - m->named_cap);
		m->named = named;
		m->named_cap = cap;
	}
	if (!customers_hot(t, id).named) {
		m->named[id] = 1;   /* aging_merge_row names it */
		return AR_OK;
	}
	if (m->named[id]) {
		const char *kept = customers_get(t, id)->name;
		int order = strcmp(name, kept);

		if (order != 0 && m->name_conflict != NULL)
			m->name_conflict(m->ctx, l->input, l->no, key, order < 0 ? name : kept,
			    order < 0 ? kept : name);
		if (order < 0)
			return customers_set_name(t, id, name, name_len);
	}
	return AR_OK;
}

static ar_err
read_row(struct aging_partial_merge *m, struct line *l, enum aging_side_kind side, bool is_row,
    struct ar_error *e)
{
	struct aging_report *rep = m->rep;
	int last = ROW_FIXED + aging_columns(&m->policy.aging.buckets) - 1;
	struct aging_row row;
	ar_err err;

	if ((err = expect_fields(l, last + 1, l->f[1], e)) != AR_OK ||
	    (err = unescape(l, 0, "the key", e)) != AR_OK ||
	    (err = unescape(l, HEAD_FIELDS + 2, "the name", e)) != AR_OK ||
	    (err = unescape(l, last, "oldest_doc", e)) != AR_OK ||
	    (err = read_figures(m, l, &row, e)) != AR_OK)
		return err;
	if (!is_row && rep->group_by != AGING_GROUP_CUSTOMER)
		return bad(l, e, AR_ESYNTAX, "a %s line in partials grouped by %s (they come with "
		    "group=customer only)", l->f[1], group_words[rep->group_by]);
	if (rep->group_by == AGING_GROUP_CURRENCY && l->len[0] > 0)
		return bad(l, e, AR_ESYNTAX, "key \"%.64s\" in partials grouped by currency (their "
		    "key is empty)", l->f[0]);
	if (!is_row) {
		if (!rep->track_sides)
			return AR_OK;
		err = aging_merge_side(rep, side, l->f[0], l->len[0], &row);
	} else {
		const char *name = rep->group_by == AGING_GROUP_CUSTOMER ? l->f[HEAD_FIELDS + 2] : "";
		size_t name_len = strlen(name);

		if (name_len > 0 && (err = note_name(m, l, l->f[0], l->len[0], name, name_len)) != AR_OK)
			return err;
		err = aging_merge_row(rep, l->f[0], l->len[0], name, name_len, &row,
		    row.oldest_days > 0 ? l->f[last] : NULL);
	}
	if (err == AR_ERANGE) {
		if (rep->group_by == AGING_GROUP_CURRENCY && is_row)
			return bad(l, e, err, "the %s total does not fit in 64 bits",
			    currency_code(row.currency));
		return bad(l, e, err, "the %s total of %s \"%s\" does not fit in 64 bits",
		    currency_code(row.currency), is_row ? group_words[rep->group_by] : l->f[1], l->f[0]);
	}
	return err;
}

static void
add_count(unsigned long *to, int64_t v)
{
	*to = (unsigned long)v > ULONG_MAX - *to ? ULONG_MAX : *to + (unsigned long)v;
}

static ar_err
read_counts(struct aging_partial_merge *m, struct line *l, struct ar_error *e)
{
	struct aging_report *rep = m->rep;
	unsigned long *to[] = {
		&rep->rows, &rep->from_terms, &rep->credits_from_doc, &rep->currency_defaulted,
		&rep->duplicates, &rep->skipped, &rep->skipped_unread
	};
	static const char *const what[] = {
		"rows", "from_terms", "credits_from_doc", "currency_defaulted", "duplicates",
		"skipped", "skipped_unread"
	};
	int64_t v;
	ar_err err;

	if ((err = expect_fields(l, COUNTS_FIELDS, "counts", e)) != AR_OK)
		return err;
	for (int i = 0; i < COUNTS_FIELDS - HEAD_FIELDS; i++) {
		if ((err = read_number(l, HEAD_FIELDS + i, what[i], 0, INT64_MAX, &v, e)) != AR_OK)
			return err;
		add_count(to[i], v);
	}
	return AR_OK;
}

static ar_err
read_skipped(struct aging_partial_merge *m, struct line *l, struct ar_error *e)
{
	int64_t *sum;
	int64_t v;
	currency_id c;
	ar_err err;

	if ((err = expect_fields(l, SKIPPED_FIELDS, "skipped_amount", e)) != AR_OK ||
	    (err = read_currency_field(l, HEAD_FIELDS, &c, e)) != AR_OK ||
	    (err = read_number(l, HEAD_FIELDS + 2, "amount", INT64_MIN, INT64_MAX, &v, e)) != AR_OK)
		return err;
	sum = &m->rep->skipped_amount[c];
	if (money_add(sum, v) != AR_OK)
		*sum = v < 0 ? INT64_MIN : INT64_MAX;   /* saturating, as aging_report_feed counts */
	return AR_OK;
}

/* The first line's policy: rep made afresh under it. */
static ar_err
begin(struct aging_partial_merge *m, const struct line *l, struct ar_error *e)
{
	struct aging_report *rep = m->rep;
	struct customer_table *customers = rep->customers;
	bool oldest = rep->track_oldest, sides = rep->track_sides;
	char why[400];
	ar_err err;

	if ((err = aging_partial_policy_parse(l->f[2], l->len[2], &m->policy, why,
	    sizeof why)) != AR_OK)
		return bad(l, e, err, "policy \"%.80s\" %s", l->f[2], why);
	if ((m->first_input = strdup(l->input)) == NULL)
		return AR_ENOMEM;
	m->first_line = l->no;
	memcpy(m->policy_text, l->f[2], l->len[2]);
	m->policy_text[m->policy_len = l->len[2]] = '\0';
	aging_report_free(rep);
	if ((err = aging_report_init(rep, &m->policy.aging, m->policy.group_by, customers)) != AR_OK)
		return err;
	rep->track_oldest = oldest;
	rep->track_sides = sides;
	m->begun = true;
	return AR_OK;
}

/* Another line's policy must be the first's: say which part differs. */
static ar_err
same_policy(const struct aging_partial_merge *m, const struct line *l, struct ar_error *e)
{
	const char *a = l->f[2], *b = m->policy_text;
	size_t i = 0, start = 0, a_end, b_end;

	if (l->len[2] == m->policy_len && memcmp(a, b, m->policy_len) == 0)
		return AR_OK;
	for (; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == ';')
			start = i + 1;
	a_end = start + strcspn(a + start, ";");
	b_end = start + strcspn(b + start, ";");
	return bad(l, e, AR_ESYNTAX, "policy %.*s differs from %.*s of %s:%ld: partials made under "
	    "another policy do not merge", (int)(a_end - start > 80 ? 80 : a_end - start), a + start,
	    (int)(b_end - start), b + start, m->first_input, m->first_line);
}

/* The raw line (without its LF) cut into fields; a line holds no NUL, CR, or bytes not UTF-8. */
static ar_err
split(struct line *l, char *s, size_t len, struct ar_error *e)
{
	if (memchr(s, '\0', len) != NULL)
		return bad(l, e, AR_ENUL, "a NUL byte");
	if (memchr(s, '\r', len) != NULL)
		return bad(l, e, AR_ESYNTAX, "a carriage return (partial lines end in LF alone; "
		    "a CR in a text is written \\r)");
	if (!utf8_valid(s, len))
		return bad(l, e, AR_EUTF8, "byte 0x%02X at column %zu is not UTF-8",
		    (unsigned char)s[utf8_valid_prefix(s, len)], utf8_valid_prefix(s, len) + 1);
	l->n = 0;
	for (char *p = s, *end = s + len;; ) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *stop = tab ? tab : end;

		if (l->n < MAX_FIELDS) {
			l->f[l->n] = p;
			l->len[l->n] = (size_t)(stop - p);
		}
		l->n++;
		*stop = '\0';
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	if (l->n < HEAD_FIELDS)
		return bad(l, e, AR_ESYNTAX, "%d field%s: a partial line begins with the key, the kind "
		    "and the policy, tab-separated", l->n, l->n == 1 ? "" : "s");
	return AR_OK;
}

static ar_err
read_line(struct aging_partial_merge *m, struct line *l, struct ar_error *e)
{
	const char *kind = l->f[1];
	ar_err err;

	if ((err = m->begun ? same_policy(m, l, e) : begin(m, l, e)) != AR_OK)
		return err;
	if (strcmp(kind, "row") == 0)
		return read_row(m, l, AGING_SIDE_COMPANY, true, e);
	if (strcmp(kind, "company") == 0)
		return read_row(m, l, AGING_SIDE_COMPANY, false, e);
	if (strcmp(kind, "collector") == 0)
		return read_row(m, l, AGING_SIDE_COLLECTOR, false, e);
	if (strcmp(kind, "counts") != 0 && strcmp(kind, "skipped_amount") != 0)
		return bad(l, e, AR_ESYNTAX, "kind \"%.40s\" is not row, company, collector, counts "
		    "or skipped_amount", kind);
	if (l->len[0] > 0)
		return bad(l, e, AR_ESYNTAX, "a %s line has key \"%.40s\", expected an empty key",
		    kind, l->f[0]);
	return kind[0] == 'c' ? read_counts(m, l, e) : read_skipped(m, l, e);
}

ar_err
aging_partial_merge_read(struct aging_partial_merge *m, FILE *fp, const char *name,
    struct ar_error *e)
{
	struct line l = { .input = name, .no = 0 };
	ssize_t got;
	ar_err err;

	while ((got = getline(&m->line, &m->line_cap, fp)) > 0) {
		l.no++;
		if (m->line[got - 1] != '\n')
			return bad(&l, e, AR_ESYNTAX, "the last line does not end in a line feed "
			    "(a partial cut short?)");
		if ((err = split(&l, m->line, (size_t)got - 1, e)) != AR_OK ||
		    (err = read_line(m, &l, e)) != AR_OK)
			return err;
	}
	if (ferror(fp))
		return bad(&l, e, AR_EIO, "read error: %s", strerror(errno));
	return feof(fp) ? AR_OK : AR_ENOMEM;   /* getline could not grow the line */
}

void
aging_partial_merge_end(struct aging_partial_merge *m)
{
	struct aging_report *rep = m->rep;

	if (!m->begun || rep->group_by != AGING_GROUP_CUSTOMER)
		return;
	rep->not_in_master = 0;
	for (size_t i = 0; i < rep->table.n; i++)
		if (!customers_hot(rep->customers, rep->table.rows[i].key).in_master)
			rep->not_in_master += (unsigned long)rep->table.rows[i].items;
}

void
aging_partial_merge_free(struct aging_partial_merge *m)
{
	free(m->first_input);
	free(m->named);
	free(m->line);
	m->first_input = NULL;
	m->named = NULL;
	m->line = NULL;
	m->named_cap = m->line_cap = 0;
}
