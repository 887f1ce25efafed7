/*
 * minimal-kpi.c - the floor ar-kpi is measured against: what a competent C
 * programmer writes in an afternoon to compute the same kpi.csv (the ledger
 * KPIs of one month, in total and per collector).  fgets and an in-place
 * split (RFC 4180 quotes, no line break inside a cell; no libcsv), the
 * customers and the collectors in small open-addressing hashes, int64
 * minor units (every currency taken to have 2 decimals, as this bench's
 * MYR and USD have), civil days, __int128 for the rounded quotients.  No
 * configuration, no checks beyond the shape of the header: the cost of
 * the work itself.
 *
 *   cc -O2 -o minimal-kpi minimal-kpi.c
 *   minimal-kpi AS_OF DEFAULT_TERMS ledger.csv kpi.csv [customers.csv]
 *
 * With customers.csv, the customers' terms_days come from it and each
 * collector has its rows after the totals (the group of a customer not in
 * the master, or without a collector, is ""); without it every item
 * without a due_date is due doc_date + DEFAULT_TERMS, as ar-kpi without
 * --customers has it.  The rules are lib/ar/kpi.h's, the period one month.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-out.h"

__extension__ typedef __int128 i128;

#define MAX_FIELDS 64
#define MONTHS 12
#define MAX_CUR 16
#define NONE LONG_MIN           /* no date */

enum kind { BILLING, CREDIT_NOTE, OTHER };

struct sums {
	int64_t sales[MONTHS], open_at[MONTHS + 1];
	int64_t current, over_90, billed, credited;
};

struct group {
	char *name;
	unsigned char used[MAX_CUR];
	struct sums s[MAX_CUR];
};

struct cust {
	char *id;
	int terms;                      /* < 0: none in the master */
	int group;
};

/* A string -> index hash: open addressing, the keys kept by the caller. */
struct hash {
	uint32_t *at;                   /* index + 1, 0 empty */
	uint32_t *h;
	size_t n, cap;
};

static long end_[MONTHS + 1];           /* end_[0] = as-of */
static char cur_code[MAX_CUR][4];
static int ncur;
static struct sums total[MAX_CUR];
static unsigned char in_total[MAX_CUR];
static struct group *groups;
static size_t ngroups, groups_cap;
static struct hash group_hash, cust_hash;
static struct cust *custs;
static size_t ncusts, custs_cap;

static void die(const char *what)
{
	fprintf(stderr, "minimal-kpi: %s\n", what);
	exit(1);
}

static void *grow(void *p, size_t *cap, size_t size)
{
	*cap = *cap ? 2 * *cap : 256;
	if ((p = realloc(p, *cap * size)) == NULL)
		die("out of memory");
	return p;
}

/* Split a line into its cells in place: quotes removed, "" made ", each ended by '\0'. */
static int split(char *s, char **cell, int max)
{
	int n = 0;

	for (;;) {
		char *w = s, c;

		if (n < max)
			cell[n] = w;
		n++;
		if (*s == '"') {
			for (s++; *s != '\0'; s++) {
				if (*s == '"') {
					if (s[1] != '"') {
						s++;
						break;
					}
					s++;
				}
				*w++ = *s;
			}
		}
		while (*s != '\0' && *s != ',' && *s != '\n' && *s != '\r')
			*w++ = *s++;
		c = *s;
		*w = '\0';
		if (c != ',')
			return n;
		s++;
	}
}

/* The index of each wanted column in the header, or die naming the one missing. */
static void bind(char *header, const char *const *want, int *at, int n)
{
	char *cell[MAX_FIELDS];
	int ncells = split(header, cell, MAX_FIELDS);

	for (int i = 0; i < n; i++) {
		at[i] = -1;
		for (int j = 0; j < ncells && j < MAX_FIELDS; j++)
			if (strcmp(cell[j], want[i]) == 0)
				at[i] = j;
		if (at[i] < 0) {
			fprintf(stderr, "minimal-kpi: no %s column\n", want[i]);
			exit(1);
		}
	}
}

static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* YYYY-MM-DD -> days since 1970-01-01; NONE for an empty cell. */
static long days(const char *s)
{
	if (*s == '\0')
		return NONE;
	return days_from_civil(atol(s), atol(s + 5), atol(s + 8));
}

static void put_day(FILE *f, long z)
{
	long y, m, d;

	civil_from_days(z, &y, &m, &d);
	fprintf(f, "%04ld-%02ld-%02ld", y, m, d);
}

static long month_days(long y, long m)
{
	return days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    days_from_civil(y, m, 1);
}

/* day moved by months as a month-end report steps: a month end stays a month end. */
static long add_months(long day, long months)
{
	long y, m, d, index;

	civil_from_days(day, &y, &m, &d);
	int last = d == month_days(y, m);
	index = y * 12 + (m - 1) + months;
	y = index / 12;
	m = index % 12 + 1;
	if (last || d > month_days(y, m))
		d = month_days(y, m);
	return days_from_civil(y, m, d);
}

/* "-1234.5" -> -123450: an amount with at most 2 decimals, in cents. */
static int64_t cents(const char *s)
{
	int neg = *s == '-', frac = 0;
	int64_t v = 0;

	s += neg || *s == '+';
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && frac < 2; s++, frac++)
			v = v * 10 + (*s - '0');
	for (; frac < 2; frac++)
		v *= 10;
	return neg ? -v : v;
}

static uint32_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (uint32_t)(h ^ h >> 32);
}

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d == NULL)
		die("out of memory");
	return memcpy(d, s, n);
}

/*
 * The index of key in the hash whose keys key_of gives, or -1 with *slot
 * the empty slot to put it in.
 */
static long find(const struct hash *t, const char *key, uint32_t h, const char *(*key_of)(size_t),
    size_t *slot)
{
	size_t i;

	for (i = h & (t->cap - 1); t->at[i] != 0; i = (i + 1) & (t->cap - 1))
		if (t->h[i] == h && strcmp(key_of(t->at[i] - 1), key) == 0)
			return (long)t->at[i] - 1;
	*slot = i;
	return -1;
}

static void put(struct hash *t, size_t index, uint32_t h, size_t slot)
{
	t->at[slot] = (uint32_t)index + 1;
	t->h[slot] = h;
	if (2 * ++t->n > t->cap) {
		uint32_t *at = t->at, *hs = t->h;
		size_t cap = t->cap;

		t->cap *= 2;
		if ((t->at = calloc(t->cap, sizeof *t->at)) == NULL ||
		    (t->h = malloc(t->cap * sizeof *t->h)) == NULL)
			die("out of memory");
		for (size_t j = 0; j < cap; j++) {
			size_t i;

			if (at[j] == 0)
				continue;
			for (i = hs[j] & (t->cap - 1); t->at[i] != 0; i = (i + 1) & (t->cap - 1))
				;
			t->at[i] = at[j];
			t->h[i] = hs[j];
		}
		free(at);
		free(hs);
	}
}

static void hash_init(struct hash *t, size_t cap)
{
	t->cap = cap;
	t->n = 0;
	if ((t->at = calloc(cap, sizeof *t->at)) == NULL || (t->h = malloc(cap * sizeof *t->h)) == NULL)
		die("out of memory");
}

static const char *group_key(size_t i) { return groups[i].name; }
static const char *cust_key(size_t i) { return custs[i].id; }

static int group_of(const char *name)
{
	uint32_t h = fnv(name);
	size_t slot;
	long g = find(&group_hash, name, h, group_key, &slot);

	if (g >= 0)
		return (int)g;
	if (ngroups == groups_cap)
		groups = grow(groups, &groups_cap, sizeof *groups);
	memset(&groups[ngroups], 0, sizeof groups[ngroups]);
	groups[ngroups].name = dup(name);
	put(&group_hash, ngroups, h, slot);
	return (int)ngroups++;
}

static int currency_of(const char *code)
{
	for (int i = 0; i < ncur; i++)
		if (memcmp(cur_code[i], code, 4) == 0)
			return i;
	if (strlen(code) != 3 || ncur == MAX_CUR)
		die("a currency is not a code, or too many currencies");
	memcpy(cur_code[ncur], code, 4);
	return ncur++;
}

static void read_customers(const char *path)
{
	enum { ID, COLLECTOR, TERMS, NCOL };
	static const char *const want[NCOL] = { "customer", "collector", "terms_days" };
	static char buf[1 << 16];
	int at[NCOL];
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die("cannot open the customers");
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (fgets(line, sizeof line, f) == NULL)
		die("the customers are empty");
	bind(line, want, at, NCOL);
	hash_init(&cust_hash, 1 << 16);
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);
		uint32_t h;
		size_t slot;

		if (n <= at[ID] || n <= at[COLLECTOR] || n <= at[TERMS])
			die("a customer row is short");
		h = fnv(cell[at[ID]]);
		if (find(&cust_hash, cell[at[ID]], h, cust_key, &slot) >= 0)
			continue;
		if (ncusts == custs_cap)
			custs = grow(custs, &custs_cap, sizeof *custs);
		custs[ncusts] = (struct cust){ dup(cell[at[ID]]),
		    *cell[at[TERMS]] ? atoi(cell[at[TERMS]]) : -1, group_of(cell[at[COLLECTOR]]) };
		put(&cust_hash, ncusts++, h, slot);
	}
	fclose(f);
}

static int month_of(long day)
{
	if (day > end_[0] || day <= end_[MONTHS])
		return -1;
	for (int k = 0; k < MONTHS; k++)
		if (day > end_[k + 1])
			return k;
	return -1;
}

static void add(struct sums *s, enum kind kind, int k, long doc, long due, long clear,
    int64_t amount)
{
	if (k >= 0 && kind != OTHER)
		s->sales[k] += amount;
	if (k == 0 && kind == BILLING)
		s->billed += amount;
	if (k == 0 && kind == CREDIT_NOTE)
		s->credited -= amount;
	for (int m = 0; m <= MONTHS; m++)
		if (doc <= end_[m] && (clear == NONE || clear > end_[m]))
			s->open_at[m] += amount;
	if (doc <= end_[0] && (clear == NONE || clear > end_[0])) {
		if (due >= end_[0])
			s->current += amount;
		if (end_[0] - due > 90)
			s->over_90 += amount;
	}
}

static void read_ledger(const char *path, int default_terms, int by_group)
{
	enum { ID, TYPE, DOC_DATE, DUE, CUR, AMOUNT, CLEARING, NCOL };
	static const char *const want[NCOL] = {
		"customer", "doc_type", "doc_date", "due_date", "currency", "amount", "clearing_date"
	};
	static char buf[1 << 20];
	int at[NCOL], last = 0;
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die("cannot open the ledger");
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (fgets(line, sizeof line, f) == NULL)
		die("the ledger is empty");
	bind(line, want, at, NCOL);
	for (int k = 0; k < NCOL; k++)
		if (at[k] > last)
			last = at[k];
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS), cur, terms = default_terms, group = -1;
		long doc, due, clear;
		int64_t amount;
		const char *t;
		enum kind kind;

		if (n <= last)
			die("a ledger row is short");
		if ((doc = days(cell[at[DOC_DATE]])) > end_[0])
			continue;       /* not yet known at the as-of date */
		if (by_group) {
			const char *id = cell[at[ID]];
			uint32_t h = fnv(id);
			size_t slot;
			long c = find(&cust_hash, id, h, cust_key, &slot);

			if (c >= 0 && custs[c].terms >= 0)
				terms = custs[c].terms;
			group = c >= 0 ? custs[c].group : group_of("");
		}
		cur = currency_of(cell[at[CUR]]);
		amount = cents(cell[at[AMOUNT]]);
		due = days(cell[at[DUE]]);
		if (due == NONE)
			due = amount < 0 ? doc : doc + terms;
		clear = days(cell[at[CLEARING]]);
		t = cell[at[TYPE]];
		kind = strcmp(t, "INV") == 0 || strcmp(t, "DN") == 0 ? BILLING :
		    strcmp(t, "CN") == 0 ? CREDIT_NOTE : OTHER;
		int k = month_of(doc);
		add(&total[cur], kind, k, doc, due, clear, amount);
		in_total[cur] = 1;
		if (group >= 0) {
			add(&groups[group].s[cur], kind, k, doc, due, clear, amount);
			groups[group].used[cur] = 1;
		}
	}
	fclose(f);
}

/* num / den rounded half away from zero; den > 0. */
static int64_t div_round(i128 num, i128 den)
{
	return (int64_t)(num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den));
}

struct value {
	int defined;
	int64_t value, num, den;
};

static struct value ratio(int64_t num, int64_t den, int64_t scale)
{
	return (struct value){ den > 0, den > 0 ? div_round((i128)num * scale, den) : 0, num, den };
}

/* The count-back of receivable over the months' sales, in hundredths of a day. */
static struct value countback(int64_t receivable, const struct sums *s)
{
	struct value v = { 1, 0, receivable, 0 };
	i128 left = receivable;
	int64_t d = 0;

	if (receivable <= 0)
		return v;
	for (int k = 0; k < MONTHS; k++) {
		int64_t sales = s->sales[k], month = end_[k] - end_[k + 1];

		if (sales > 0) {
			v.den += sales;
			if (left <= sales) {
				v.value = d * 100 + div_round(left * month * 100, sales);
				return v;
			}
			left -= sales;
		}
		d += month;
	}
	v.value = d * 100;
	return v;
}

static void put_fixed(FILE *f, int64_t v, int decimals)
{
	int64_t scale = decimals == 1 ? 10 : 100;

	if (v < 0) {
		putc('-', f);
		v = -v;
	}
	fprintf(f, "%lld.%0*lld", (long long)(v / scale), decimals, (long long)(v % scale));
}

static void write_group(FILE *f, const char *group, int cur, const struct sums *s)
{
	static const char *const word[] = {
		"dso_countback", "dso_simple", "best_dso", "add", "cei", "pct_current",
		"pct_over_90", "turnover", "cn_ratio"
	};
	struct value v[9];
	int64_t receivable = s->open_at[0];
	i128 open_sum = 0, cei_num = (i128)s->open_at[1] + s->sales[0] - receivable;
	i128 cei_den = (i128)s->open_at[1] + s->sales[0] - s->current;
	int64_t year_sales = 0;

	for (int k = 0; k < MONTHS; k++)
		year_sales += s->sales[k];
	for (int k = 0; k <= MONTHS; k++)
		open_sum += s->open_at[k];
	v[0] = countback(receivable, s);
	v[1] = ratio(receivable, s->sales[0], 100 * (end_[0] - end_[1]));
	v[2] = countback(s->current, s);
	v[3] = (struct value){ 1, v[0].value - v[2].value, v[0].value, v[2].value };
	v[4] = (struct value){ cei_den > 0, cei_den > 0 ? div_round(cei_num * 1000, cei_den) : 0,
	    (int64_t)cei_num, (int64_t)cei_den };
	v[5] = ratio(s->current, receivable, 1000);
	v[6] = ratio(s->over_90, receivable, 1000);
	v[7] = (struct value){ open_sum > 0, open_sum > 0 ?
	    div_round((i128)year_sales * (MONTHS + 1) * 100, open_sum) : 0, year_sales,
	    div_round(open_sum, MONTHS + 1) };
	v[8] = ratio(s->credited, s->billed, 1000);
	for (int i = 0; i < 9; i++) {
		int decimals = i >= 4 && i <= 6 ? 1 : i == 8 ? 1 : 2;

		put_cell(f, group);
		fprintf(f, ",%s,%s,", cur_code[cur], word[i]);
		if (v[i].defined)
			put_fixed(f, v[i].value, decimals);
		putc(',', f);
		put_money(f, v[i].num);   /* add's days are hundredths too: the same format */
		putc(',', f);
		put_money(f, v[i].den);
		putc(',', f);
		put_day(f, end_[1] + 1);
		putc(',', f);
		put_day(f, end_[0]);
		putc('\n', f);
	}
}

static int by_code(const void *a, const void *b)
{
	return strcmp(cur_code[*(const int *)a], cur_code[*(const int *)b]);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(groups[*(const int *)a].name, groups[*(const int *)b].name);
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: minimal-kpi AS_OF DEFAULT_TERMS ledger.csv kpi.csv "
		    "[customers.csv]\n");
		return 64;
	}
	long as_of = days(argv[1]);
	int codes[MAX_CUR], n = 0, by_group = argc == 6;
	FILE *f;

	for (int k = 0; k <= MONTHS; k++)
		end_[k] = add_months(as_of, -k);
	hash_init(&group_hash, 64);
	if (by_group)
		read_customers(argv[5]);
	read_ledger(argv[3], atoi(argv[2]), by_group);
	if ((f = fopen(argv[4], "w")) == NULL)
		die("cannot create the output");
	fputs("group,currency,kpi,value,numerator,denominator,period_start,period_end\n", f);
	for (int c = 0; c < ncur; c++)
		if (in_total[c])
			codes[n++] = c;
	qsort(codes, (size_t)n, sizeof *codes, by_code);
	for (int i = 0; i < n; i++)
		write_group(f, "ALL", codes[i], &total[codes[i]]);
	int *order = malloc((ngroups ? ngroups : 1) * sizeof *order);
	if (order == NULL)
		die("out of memory");
	for (size_t g = 0; g < ngroups; g++)
		order[g] = (int)g;
	qsort(order, ngroups, sizeof *order, by_name);
	for (size_t g = 0; g < ngroups; g++)
		for (int i = 0; i < n; i++)
			if (groups[order[g]].used[codes[i]])
				write_group(f, groups[order[g]].name, codes[i], &groups[order[g]].s[codes[i]]);
	if (fclose(f) != 0)
		die("cannot write the output");
	free(order);
	return 0;
}
