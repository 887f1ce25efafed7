/*
 * minimal-forecast.c - the floor ar-forecast is measured against: what a
 * competent C programmer writes in an afternoon to compute the same
 * forecast.csv (weeks, no master, no journal): each customer's days late
 * in a currency from the ledger's paid items (amount-weighted mean of
 * clearing_date - due_date over the items cleared in the 365 days up to
 * as-of; its own from 3 items, else the currency's portfolio, else 0,
 * rounded half away from zero), each open item at due + days late (on or
 * before as-of: the day after), summed per currency and week, beyond,
 * credits (amount <= 0) and total.  fgets and an in-place split (RFC
 * 4180 quotes, no line break inside a cell), one open-addressing hash
 * keyed by customer and currency, int64 cents (every currency taken to
 * have 2 decimals, as this bench's have), civil days, __int128 sums.
 *
 *   cc -O2 -o minimal-forecast minimal-forecast.c
 *   minimal-forecast AS_OF WEEKS DEFAULT_TERMS ledger.csv items.csv forecast.csv
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

#define MAX_FIELDS 64
#define MAX_CUR 16
#define MAX_WEEKS 104
#define NONE LONG_MIN
#define LOOKBACK 365
#define MIN_ITEMS 3

struct paid {
	int64_t count, amount;
	i128 weighted;
};

struct slot {                   /* one customer in one currency */
	char *key;              /* "customer\037CUR" */
	uint32_t h;
	struct paid p;
};

struct group {
	int64_t week[MAX_WEEKS], beyond, credits, total;
	int used;
};

static struct slot *slots;
static size_t nslots, cap = 1 << 16;
static struct paid portfolio[MAX_CUR];
static struct group groups[MAX_CUR];
static char cur_code[MAX_CUR][4];
static int ncur;
static long as_of, weeks, terms;

static void die(const char *what)
{
	fprintf(stderr, "minimal-forecast: %s\n", what);
	exit(1);
}

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d == NULL)
		die("out of memory");
	return memcpy(d, s, n);
}

/* Cents as "-12.34". */
static void put_money(FILE *f, int64_t c)
{
	if (c < 0) {
		putc('-', f);
		c = -c;
	}
	fprintf(f, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

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

static void bind(char *header, const char *const *want, int *at, int n, int optional)
{
	char *cell[MAX_FIELDS];
	int ncells = split(header, cell, MAX_FIELDS);

	for (int i = 0; i < n; i++) {
		at[i] = -1;
		for (int j = 0; j < ncells && j < MAX_FIELDS; j++)
			if (strcmp(cell[j], want[i]) == 0)
				at[i] = j;
		if (at[i] < 0 && i < n - optional)
			die("a column is missing");
	}
}

static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void put_day(FILE *f, long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	fprintf(f, "%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
}

static long days(const char *s)
{
	return *s == '\0' ? NONE : days_from_civil(atol(s), atol(s + 5), atol(s + 8));
}

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

static int currency(const char *s)
{
	for (int i = 0; i < ncur; i++)
		if (strcmp(cur_code[i], s) == 0)
			return i;
	if (ncur == MAX_CUR || strlen(s) != 3)
		die("too many currencies, or a bad code");
	memcpy(cur_code[ncur], s, 4);
	return ncur++;
}

/* The customer's slot in currency cur; NULL when absent and !add. */
static struct paid *slot_of(const char *customer, int cur, int add)
{
	char key[256];
	uint64_t h = 1469598103934665603u;
	size_t i;

	snprintf(key, sizeof key, "%s\037%s", customer, cur_code[cur]);
	for (const char *s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	if (slots == NULL && (slots = calloc(cap, sizeof *slots)) == NULL)
		die("out of memory");
	for (i = h & (cap - 1); slots[i].key != NULL; i = (i + 1) & (cap - 1))
		if (slots[i].h == (uint32_t)h && strcmp(slots[i].key, key) == 0)
			return &slots[i].p;
	if (!add)
		return NULL;
	if (2 * (nslots + 1) > cap) {     /* grow, then look again */
		struct slot *old = slots;
		size_t oldcap = cap;

		cap *= 2;
		if ((slots = calloc(cap, sizeof *slots)) == NULL)
			die("out of memory");
		for (size_t j = 0; j < oldcap; j++)
			if (old[j].key != NULL) {
				size_t k = old[j].h & (cap - 1);

				while (slots[k].key != NULL)
					k = (k + 1) & (cap - 1);
				slots[k] = old[j];
			}
		free(old);
		return slot_of(customer, cur, 1);
	}
	slots[i].key = dup(key);
	slots[i].h = (uint32_t)h;
	nslots++;
	return &slots[i].p;
}

static long mean(const struct paid *p)
{
	i128 n = p->weighted < 0 ? -p->weighted : p->weighted, q = (n + p->amount / 2) / p->amount;

	return (long)(p->weighted < 0 ? -q : q);
}

static void read_ledger(const char *path)
{
	static const char *const want[] = { "customer", "doc_date", "due_date", "currency", "amount",
	    "clearing_date" };
	char line[8192], *cell[MAX_FIELDS];
	int at[6];
	FILE *f = fopen(path, "r");

	if (f == NULL || fgets(line, sizeof line, f) == NULL)
		die("cannot read the ledger");
	bind(line, want, at, 6, 0);
	while (fgets(line, sizeof line, f) != NULL) {
		split(line, cell, MAX_FIELDS);
		long doc = days(cell[at[1]]), due = days(cell[at[2]]), cleared = days(cell[at[5]]);
		int64_t amount = cents(cell[at[4]]);
		int cur = currency(cell[at[3]]);

		if (doc > as_of || amount <= 0 || cleared == NONE || cleared < as_of - LOOKBACK ||
		    cleared > as_of)
			continue;
		if (due == NONE)
			due = doc + terms;
		struct paid *p = slot_of(cell[at[0]], cur, 1), *all = &portfolio[cur];
		i128 w = (i128)(cleared - due) * amount;

		p->count++, p->amount += amount, p->weighted += w;
		all->count++, all->amount += amount, all->weighted += w;
	}
	fclose(f);
}

static void read_items(const char *path)
{
	static const char *const want[] = { "customer", "doc_date", "due_date", "currency", "amount" };
	char line[8192], *cell[MAX_FIELDS];
	int at[5];
	FILE *f = fopen(path, "r");

	if (f == NULL || fgets(line, sizeof line, f) == NULL)
		die("cannot read the items");
	bind(line, want, at, 5, 0);
	while (fgets(line, sizeof line, f) != NULL) {
		split(line, cell, MAX_FIELDS);
		long doc = days(cell[at[1]]), due = days(cell[at[2]]), late = 0, when;
		int64_t amount = cents(cell[at[4]]);
		int cur = currency(cell[at[3]]);
		struct group *g = &groups[cur];
		const struct paid *p;

		if (doc > as_of)
			continue;
		g->used = 1;
		g->total += amount;
		if (amount <= 0) {
			g->credits += amount;
			continue;
		}
		if (due == NONE)
			due = doc + terms;
		if ((p = slot_of(cell[at[0]], cur, 0)) != NULL && p->count >= MIN_ITEMS)
			late = mean(p);
		else if (portfolio[cur].count > 0)
			late = mean(&portfolio[cur]);
		when = due + late;
		if (when <= as_of)
			when = as_of + 1;
		if (when > as_of + 7 * weeks)
			g->beyond += amount;
		else
			g->week[(when - as_of - 1) / 7] += amount;
	}
	fclose(f);
}

static void row(FILE *f, int cur, const char *column, long start, long end, int64_t amount)
{
	fprintf(f, "%s,,%s,", cur_code[cur], column);
	if (start != NONE)
		put_day(f, start);
	putc(',', f);
	if (end != NONE)
		put_day(f, end);
	putc(',', f);
	put_money(f, amount);
	putc('\n', f);
}

int main(int argc, char *argv[])
{
	int order[MAX_CUR];
	FILE *out;

	if (argc != 7)
		die("usage: minimal-forecast AS_OF WEEKS DEFAULT_TERMS ledger.csv items.csv forecast.csv");
	as_of = days(argv[1]);
	weeks = atol(argv[2]);
	terms = atol(argv[3]);
	if (weeks < 1 || weeks > MAX_WEEKS)
		die("WEEKS is 1 to 104");
	read_ledger(argv[4]);
	read_items(argv[5]);
	if ((out = fopen(argv[6], "w")) == NULL)
		die("cannot write the forecast");
	for (int i = 0; i < ncur; i++) {       /* the currencies by code */
		int j = i;

		for (; j > 0 && strcmp(cur_code[order[j - 1]], cur_code[i]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	fputs("currency,company,column,period_start,period_end,amount\n", out);
	for (int i = 0; i < ncur; i++) {
		int c = order[i];
		const struct group *g = &groups[c];
		char column[8];

		if (!g->used)
			continue;
		for (long k = 0; k < weeks; k++) {
			snprintf(column, sizeof column, "%ld", k + 1);
			row(out, c, column, as_of + 7 * k + 1, as_of + 7 * (k + 1), g->week[k]);
		}
		row(out, c, "beyond", as_of + 7 * weeks + 1, NONE, g->beyond);
		row(out, c, "disputed", NONE, NONE, 0);
		row(out, c, "insolvent", NONE, NONE, 0);
		row(out, c, "credits", NONE, NONE, g->credits);
		row(out, c, "promised", NONE, NONE, 0);
		row(out, c, "total", NONE, NONE, g->total);
	}
	return fclose(out) == 0 ? 0 : 1;
}
