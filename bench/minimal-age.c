/*
 * minimal-age.c - the baseline ar-age is measured against: what a competent
 * C programmer writes in an afternoon.  libcsv with trivial callbacks, an
 * open-addressing hash keyed by customer+currency, int64 cents, civil days.
 * Basic error handling only.
 *
 *   cc -O2 -o minimal-age minimal-age.c -lcsv
 *   minimal-age AS_OF(YYYY-MM-DD) items.csv > aging.csv
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CUST, NAME, CUR, AMT, DUE, NCOL };
static const char *const want[NCOL] = { "customer", "name", "currency", "amount", "due_date" };

struct ent {
	char *cust, *name, *cur;
	int64_t b[6];
	long items, oldest;
	int used;
};

static struct ent *tab;
static size_t cap = 1 << 16, used;
static int col[NCOL];             /* column index of each wanted field */
static char fld[NCOL][512];       /* this row's wanted fields */
static int field, header = 1;
static long as_of;

static long days(const char *s)   /* YYYY-MM-DD -> days since 1970-01-01 */
{
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int64_t cents(const char *s)
{
	int neg = *s == '-';
	int64_t v = 0;
	s += neg || *s == '+';
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	int frac = 0;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && frac < 2; s++, frac++)
			v = v * 10 + (*s - '0');
	for (; frac < 2; frac++)
		v *= 10;
	return neg ? -v : v;
}

static uint64_t hash(const char *a, const char *b)
{
	uint64_t h = 14695981039346656037u;
	for (; *a; a++) h = (h ^ (unsigned char)*a) * 1099511628211u;
	h = (h ^ 0xff) * 1099511628211u;
	for (; *b; b++) h = (h ^ (unsigned char)*b) * 1099511628211u;
	return h;
}

static struct ent *lookup(struct ent *t, size_t n, const char *c, const char *k)
{
	size_t i = hash(c, k) & (n - 1);
	while (t[i].used && (strcmp(t[i].cust, c) || strcmp(t[i].cur, k)))
		i = (i + 1) & (n - 1);
	return &t[i];
}

static void grow(void)
{
	struct ent *n = calloc(cap * 2, sizeof *n);
	if (!n) { perror("minimal-age"); exit(71); }
	for (size_t i = 0; i < cap; i++)
		if (tab[i].used)
			*lookup(n, cap * 2, tab[i].cust, tab[i].cur) = tab[i];
	free(tab);
	tab = n;
	cap *= 2;
}

static void cb_field(void *s, size_t len, void *data)
{
	(void)data;
	if (header) {
		for (int i = 0; i < NCOL; i++)
			if (len == strlen(want[i]) && !memcmp(s, want[i], len))
				col[i] = field;
	} else {
		for (int i = 0; i < NCOL; i++)
			if (col[i] == field) {
				if (len >= sizeof fld[i]) len = sizeof fld[i] - 1;
				memcpy(fld[i], s, len);
				fld[i][len] = '\0';
			}
	}
	field++;
}

static void cb_row(int c, void *data)
{
	(void)c; (void)data;
	if (header) {
		for (int i = 0; i < NCOL; i++)
			if (col[i] < 0) { fprintf(stderr, "minimal-age: no column %s\n", want[i]); exit(65); }
		header = 0;
		field = 0;
		return;
	}
	field = 0;
	if (used * 2 >= cap)
		grow();
	struct ent *e = lookup(tab, cap, fld[CUST], fld[CUR]);
	if (!e->used) {
		e->used = 1;
		e->cust = strdup(fld[CUST]);
		e->cur = strdup(fld[CUR]);
		e->name = strdup(fld[NAME]);
		e->oldest = 0;
		used++;
	}
	int64_t a = cents(fld[AMT]);
	long d = as_of - days(fld[DUE]);
	int b = d <= 0 ? 0 : d <= 30 ? 1 : d <= 60 ? 2 : d <= 90 ? 3 : d <= 120 ? 4 : 5;
	e->b[b] += a;
	e->items++;
	if (a > 0 && d > e->oldest)
		e->oldest = d;
}

static int cmp(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;
	int r = strcmp(a->cust, b->cust);
	return r ? r : strcmp(a->cur, b->cur);
}

static void money(int64_t v)
{
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	printf(",%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(u / 100),
	       (unsigned long long)(u % 100));
}

static void cell(const char *s)   /* RFC 4180: quote only when needed */
{
	if (!strpbrk(s, ",\"\r\n")) { fputs(s, stdout); return; }
	putchar('"');
	for (; *s; s++) {
		if (*s == '"') putchar('"');
		putchar(*s);
	}
	putchar('"');
}

int main(int argc, char **argv)
{
	if (argc != 3) { fprintf(stderr, "usage: minimal-age YYYY-MM-DD items.csv\n"); return 64; }
	as_of = days(argv[1]);
	FILE *f = fopen(argv[2], "rb");
	if (!f) { perror(argv[2]); return 66; }
	for (int i = 0; i < NCOL; i++) col[i] = -1;
	tab = calloc(cap, sizeof *tab);
	struct csv_parser p;
	if (!tab || csv_init(&p, 0) != 0) { perror("minimal-age"); return 71; }
	static char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, cb_field, cb_row, NULL) != n) {
			fprintf(stderr, "minimal-age: %s: %s\n", argv[2], csv_strerror(csv_error(&p)));
			return 65;
		}
	csv_fini(&p, cb_field, cb_row, NULL);
	csv_free(&p);
	fclose(f);

	size_t k = 0;
	for (size_t i = 0; i < cap; i++)
		if (tab[i].used) tab[k++] = tab[i];
	qsort(tab, k, sizeof *tab, cmp);
	puts("customer,name,currency,current,1-30,31-60,61-90,91-120,121+,total,items,oldest_days");
	for (size_t i = 0; i < k; i++) {
		struct ent *e = &tab[i];
		cell(e->cust); putchar(','); cell(e->name); putchar(','); cell(e->cur);
		int64_t t = 0;
		for (int j = 0; j < 6; j++) { money(e->b[j]); t += e->b[j]; }
		money(t);
		printf(",%ld,%ld\n", e->items, e->oldest);
	}
	return fflush(stdout) ? 74 : 0;
}
