/*
 * minimal-agency.c - the floor of ar-agency statement's work for
 * bench/run-agency.sh: the journal's assignments (one stay per customer),
 * the payments' value dates, the allocations streamed, a recovery per
 * payment and customer, sorted, commission by the tiers 90:10, 180:12.5,
 * *:15 half up.  Everything in MYR, no quotes, no checks: the bench's own
 * data only.  Prints statement.csv as ar-agency does.
 *
 *   minimal-agency JOURNAL PAYMENTS ALLOCATIONS FROM TO
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	long a, b;            /* stay: from, to (LONG_MAX open); payment: value day */
};

struct table {
	struct entry *v;
	size_t cap, n;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static struct entry *
slot(struct table *t, const char *key, int add)
{
	size_t i;

	if (add && 2 * (t->n + 1) > t->cap) {
		struct table g = { calloc(t->cap ? 2 * t->cap : 1024, sizeof *g.v),
		    t->cap ? 2 * t->cap : 1024, 0 };

		for (size_t k = 0; k < t->cap; k++)
			if (t->v[k].key != NULL)
				*slot(&g, t->v[k].key, 1) = t->v[k];
		free(t->v);
		*t = g;
	}
	if (t->cap == 0)
		return NULL;
	for (i = hash(key) & (t->cap - 1); t->v[i].key != NULL; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->v[i].key, key) == 0)
			return &t->v[i];
	if (!add)
		return NULL;
	t->n++;
	t->v[i].key = strdup(key);
	return &t->v[i];
}

static long
day_of(const char *s)
{
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);

	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static int64_t
cents(const char *s)
{
	int64_t whole = 0, frac = 0;
	int neg = *s == '-';

	s += neg;
	while (*s >= '0' && *s <= '9')
		whole = whole * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		frac = (s[0] - '0') * 10 + (s[1] >= '0' && s[1] <= '9' ? s[1] - '0' : 0);
	}
	return neg ? -(whole * 100 + frac) : whole * 100 + frac;
}

/* fields of a line split on commas, in place */
static int
split(char *line, char **f, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

struct line {
	const char *customer, *payment;
	long day, from;
	int64_t amount;
};

static int
by_day_customer_payment(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->customer, y->customer)) != 0)
		return c;
	return strcmp(x->payment, y->payment);
}

int
main(int argc, char **argv)
{
	struct table stays = { 0 }, pays = { 0 };
	struct line *lines = NULL;
	size_t n = 0, cap = 0;
	char buf[4096], *f[16];
	FILE *fp;
	long from, to;
	int64_t total = 0, total_c = 0;

	if (argc != 6)
		return 2;
	from = day_of(argv[4]);
	to = day_of(argv[5]);
	fp = fopen(argv[1], "r");
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		struct entry *e;

		split(buf, f, 16);
		if (strcmp(f[2], "agency_assign") == 0) {
			e = slot(&stays, f[1], 1);
			e->a = day_of(f[0]);
			e->b = 1L << 40;
		} else if (strcmp(f[2], "agency_recall") == 0 && (e = slot(&stays, f[1], 0)) != NULL) {
			e->b = day_of(f[0]);
		}
	}
	fclose(fp);
	fp = fopen(argv[2], "r");
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		split(buf, f, 16);
		slot(&pays, f[0], 1)->a = day_of(f[1]);
	}
	fclose(fp);
	fp = fopen(argv[3], "r");
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		struct entry *p, *s;
		long v;

		split(buf, f, 16);
		if (strcmp(f[5], "bank_charge") == 0 || (p = slot(&pays, f[0], 0)) == NULL)
			continue;
		v = p->a;
		if (v < from || v > to || (s = slot(&stays, f[1], 0)) == NULL || v < s->a || v >= s->b)
			continue;
		if (n > 0 && strcmp(lines[n - 1].payment, p->key) == 0 &&
		    strcmp(lines[n - 1].customer, s->key) == 0) {
			lines[n - 1].amount += cents(f[4]);
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			lines = realloc(lines, cap * sizeof *lines);
		}
		lines[n++] = (struct line){ s->key, p->key, v, s->a, cents(f[4]) };
	}
	fclose(fp);
	qsort(lines, n, sizeof *lines, by_day_customer_payment);
	printf("customer,payment_id,value_date,currency,amount,days_assigned,rate,commission\n");
	for (size_t i = 0; i < n; i++) {
		long days = lines[i].day - lines[i].from;
		int64_t rate = days <= 90 ? 10000 : days <= 180 ? 12500 : 15000;
		int64_t a = lines[i].amount, c = (a * rate + 50000) / 100000;
		long z = lines[i].day + 719468, era = z / 146097, doe = z - era * 146097;
		long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
		long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
		long y = yoe + era * 400 + (m <= 2);

		printf("%s,%s,%04ld-%02ld-%02ld,MYR,%lld.%02lld,%ld,%lld.%03lld,%lld.%02lld\n",
		    lines[i].customer, lines[i].payment, y, m, d, (long long)(a / 100),
		    (long long)(a % 100), days, (long long)(rate / 1000), (long long)(rate % 1000),
		    (long long)(c / 100), (long long)(c % 100));
		total += a;
		total_c += c;
	}
	if (n > 0)
		printf("TOTAL,,,MYR,%lld.%02lld,,,%lld.%02lld\n", (long long)(total / 100),
		    (long long)(total % 100), (long long)(total_c / 100), (long long)(total_c % 100));
	return 0;
}
