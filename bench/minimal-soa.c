/*
 * minimal-soa.c - the floor of ar-soa --batch's sums for bench/run-soa.sh:
 * the ledger streamed into a hash table of (customer, currency) sums: the
 * opening at FROM (items dated before it and not cleared before it), the
 * debits, credits and count of the lines dated FROM to AS-OF, the items
 * open at AS-OF; those with a closing or open balance sorted by customer
 * and currency, each checked (closing = open).  The master read for who
 * has an e-mail address.  No documents: ar-soa also writes a PDF, a CSV
 * and an e-mail per statement.  Integers for money, dates compared as
 * text, no quotes, no checks: the bench's own data only.  Prints the
 * summary as ar-soa --batch --out-dir OUT-DIR does.
 *
 *   minimal-soa LEDGER CUSTOMERS FROM AS-OF OUT-DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stmt {
	char *customer;
	char currency[4];
	int64_t opening, debits, credits, open;
	long lines;
	int mail;
};

struct table {
	struct stmt **v;
	size_t cap, n;
};

static uint64_t
hash(const char *s, const char *cur)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	while (*cur)
		h = (h ^ (unsigned char)*cur++) * 1099511628211u;
	return h;
}

static struct stmt *
stmt_of(struct table *t, const char *customer, const char *cur, int add)
{
	size_t i;
	struct stmt *s;

	if (add && 2 * (t->n + 1) > t->cap) {
		struct table g = { calloc(t->cap ? 2 * t->cap : 4096, sizeof *g.v),
		    t->cap ? 2 * t->cap : 4096, t->n };

		for (size_t k = 0; k < t->cap; k++)
			if (t->v[k] != NULL) {
				for (i = hash(t->v[k]->customer, t->v[k]->currency) & (g.cap - 1);
				    g.v[i] != NULL; i = (i + 1) & (g.cap - 1))
					;
				g.v[i] = t->v[k];
			}
		free(t->v);
		*t = g;
	}
	if (t->cap == 0)
		return NULL;
	for (i = hash(customer, cur) & (t->cap - 1); t->v[i] != NULL; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->v[i]->customer, customer) == 0 && strcmp(t->v[i]->currency, cur) == 0)
			return t->v[i];
	if (!add)
		return NULL;
	s = t->v[i] = calloc(1, sizeof *s);
	s->customer = strdup(customer);
	snprintf(s->currency, sizeof s->currency, "%s", cur);
	t->n++;
	return s;
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

static void
put_money(int64_t v)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	printf(",%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
}

static int
by_customer_currency(const void *a, const void *b)
{
	const struct stmt *x = *(const struct stmt *const *)a, *y = *(const struct stmt *const *)b;
	int c = strcmp(x->customer, y->customer);

	return c != 0 ? c : strcmp(x->currency, y->currency);
}

int
main(int argc, char **argv)
{
	struct table t = { 0 };
	struct stmt **chosen;
	size_t n = 0;
	char buf[4096], *f[16];
	const char *from, *as_of, *dir;
	FILE *fp;

	if (argc != 6 || (fp = fopen(argv[1], "r")) == NULL)
		return 2;
	from = argv[3];
	as_of = argv[4];
	dir = argv[5];
	/* customer,doc_no,doc_type,doc_date,due_date,currency,amount,ref,clearing_date */
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		struct stmt *s;
		int64_t a;

		if (split(buf, f, 16) < 9 || strcmp(f[3], as_of) > 0)
			continue;   /* dated after as-of: not yet known */
		s = stmt_of(&t, f[0], f[5], 1);
		a = cents(f[6]);
		if (f[8][0] == '\0' || strcmp(f[8], as_of) > 0)
			s->open += a;
		if (strcmp(f[3], from) < 0) {
			if (f[8][0] == '\0' || strcmp(f[8], from) >= 0)
				s->opening += a;
		} else {
			s->lines++;
			if (a > 0)
				s->debits += a;
			else
				s->credits -= a;
		}
	}
	fclose(fp);
	if ((fp = fopen(argv[2], "r")) == NULL)
		return 2;
	/* customer,name,lang,email,...: names without commas */
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		struct stmt *s;

		if (split(buf, f, 5) < 5 || f[3][0] == '\0')
			continue;
		/* every currency of the customer: at most the three of the bench */
		if ((s = stmt_of(&t, f[0], "MYR", 0)) != NULL)
			s->mail = 1;
		if ((s = stmt_of(&t, f[0], "USD", 0)) != NULL)
			s->mail = 1;
		if ((s = stmt_of(&t, f[0], "TWD", 0)) != NULL)
			s->mail = 1;
	}
	fclose(fp);

	chosen = malloc((t.n + 1) * sizeof *chosen);
	for (size_t i = 0; i < t.cap; i++) {
		struct stmt *s = t.v[i];

		if (s == NULL)
			continue;
		if (s->opening + s->debits - s->credits != s->open) {
			fprintf(stderr, "minimal-soa: %s %s does not balance\n", s->customer, s->currency);
			return 1;
		}
		if (s->open != 0)
			chosen[n++] = s;
	}
	qsort(chosen, n, sizeof *chosen, by_customer_currency);
	printf("customer,currency,opening,debits,credits,closing,lines,pdf,csv,eml\n");
	for (size_t i = 0; i < n; i++) {
		const struct stmt *s = chosen[i];

		printf("%s,%s", s->customer, s->currency);
		put_money(s->opening);
		put_money(s->debits);
		put_money(s->credits);
		put_money(s->open);
		printf(",%ld,%s/%s-%s.pdf,%s/%s-%s.csv,", s->lines, dir, s->customer, s->currency, dir,
		    s->customer, s->currency);
		if (s->mail)
			printf("%s/%s-%s.eml", dir, s->customer, s->currency);
		printf("\n");
	}
	return 0;
}
