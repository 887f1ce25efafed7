/*
 * minimal-legal.c - the floor of ar-legal report's work for
 * bench/run-legal.sh: the journal streamed, the legal_stage and legal_cost
 * rows up to the as-of date kept in a hash table of cases (the opened
 * row's firm, date and amount in suit; the latest stage, its date and next
 * date; the latest ref and court; in suit, costs and recovered per
 * currency), the cases open at the as-of date and those ended in its month
 * sorted by firm, type, stage, case number and currency.  Integers for
 * money, no checks, no quotes but the note's: the bench's own data only
 * (amounts with two decimals, every row of a case in date order).  Prints
 * report.csv as ar-legal report does without --customers.
 *
 *   minimal-legal JOURNAL AS-OF
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const types[] = { "civil", "winding_up", "bankruptcy", "arbitration" };
static const char *const paths[4][5] = {
	{ "lod_sent", "writ_filed", "served", "judgment", "enforcement" },
	{ "s466_notice", "petition_filed", "advertised", "hearing", "order" },
	{ "bankruptcy_notice", "creditors_petition", "served", "hearing", "order" },
	{ "notice_of_arbitration", "tribunal_constituted", "hearing", "award", "enforcement" },
};
static const char *const ends[] = { "settled", "closed", "withdrawn" };

struct sums {
	char cur[4];
	int64_t suit, costs, recovered;
};

struct lcase {
	char *id, *customer, *firm;
	long year, num;
	int type, level;
	char opened[11], stage_date[11], next_date[11], ref_date[11], court_date[11];
	char ref[72], court[128];
	struct sums s[4];
	int nsums;
};

struct table {
	struct lcase **v;
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

static struct lcase *
case_of(struct table *t, const char *id)
{
	size_t i;
	struct lcase *c;

	if (2 * (t->n + 1) > t->cap) {
		struct table g = { calloc(t->cap ? 2 * t->cap : 4096, sizeof *g.v),
		    t->cap ? 2 * t->cap : 4096, t->n };

		for (size_t k = 0; k < t->cap; k++)
			if (t->v[k] != NULL) {
				for (i = hash(t->v[k]->id) & (g.cap - 1); g.v[i] != NULL; i = (i + 1) & (g.cap - 1))
					;
				g.v[i] = t->v[k];
			}
		free(t->v);
		*t = g;
	}
	for (i = hash(id) & (t->cap - 1); t->v[i] != NULL; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->v[i]->id, id) == 0)
			return t->v[i];
	c = t->v[i] = calloc(1, sizeof *c);
	c->id = strdup(id);
	c->year = atol(id + 1);
	c->num = atol(id + 6);
	c->firm = "";
	t->n++;
	return c;
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

	while (*s >= '0' && *s <= '9')
		whole = whole * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		frac = (s[0] - '0') * 10 + (s[1] >= '0' && s[1] <= '9' ? s[1] - '0' : 0);
	}
	return whole * 100 + frac;
}

/* The sums of c in cur ("" is the default, MYR). */
static struct sums *
sums_of(struct lcase *c, const char *cur)
{
	if (*cur == '\0')
		cur = "MYR";
	for (int i = 0; i < c->nsums; i++)
		if (strcmp(c->s[i].cur, cur) == 0)
			return &c->s[i];
	memcpy(c->s[c->nsums].cur, cur, 4);
	return &c->s[c->nsums++];
}

/* The value of field "; NAME=" in a note's head (before "; note="), copied into out. */
static int
note_field(const char *note, const char *name, char *out, size_t cap)
{
	const char *p = strstr(note, name), *end, *text = strstr(note, "; note=");
	size_t n;

	if (p == NULL || (text != NULL && p > text))
		return 0;
	p += strlen(name);
	end = strstr(p, "; ");
	n = end != NULL ? (size_t)(end - p) : strlen(p);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

static void
put_money(int64_t v)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	printf(",%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
}

struct row {
	struct lcase *c;
	int s;           /* its sums, -1: no money */
};

static int
by_firm_type_stage_case(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int d = strcmp(x->c->firm, y->c->firm);

	if (d != 0)
		return d;
	if (x->c->type != y->c->type)
		return x->c->type < y->c->type ? -1 : 1;
	if (x->c->level != y->c->level)
		return x->c->level < y->c->level ? -1 : 1;
	if (x->c->year != y->c->year)
		return x->c->year < y->c->year ? -1 : 1;
	if (x->c->num != y->c->num)
		return x->c->num < y->c->num ? -1 : 1;
	if (x->s < 0 || y->s < 0)
		return 0;
	return strcmp(x->c->s[x->s].cur, y->c->s[y->s].cur);
}

int
main(int argc, char **argv)
{
	struct table t = { 0 };
	struct row *rows;
	size_t n = 0;
	char buf[8192], *f[12], month[11];
	const char *as_of;
	long today;
	FILE *fp;

	if (argc != 3 || (fp = fopen(argv[1], "r")) == NULL)
		return 2;
	as_of = argv[2];
	today = day_of(as_of);
	snprintf(month, sizeof month, "%.8s01", as_of);
	if (fgets(buf, sizeof buf, fp) == NULL)
		return 1;
	while (fgets(buf, sizeof buf, fp)) {
		char *p = strchr(buf, ','), *q;
		struct lcase *c;
		int k = 0;

		if (p == NULL || (p = strchr(p + 1, ',')) == NULL || strncmp(p + 1, "legal_", 6) != 0)
			continue;
		buf[strcspn(buf, "\r\n")] = '\0';
		f[k++] = buf;
		for (p = buf; *p && k < 12; p++)
			if (*p == ',') {
				*p = '\0';
				f[k++] = p + 1;
			}
		if (k < 12 || strcmp(f[0], as_of) > 0)
			continue;
		if (f[11][0] == '"') {     /* the note quoted: "" is " */
			for (p = q = f[11] + 1; *p; p++) {
				if (*p == '"' && *++p != '"')
					break;
				*q++ = *p;
			}
			*q = '\0';
			f[11]++;
		}
		c = case_of(&t, f[4]);
		if (c->customer == NULL)
			c->customer = strdup(f[1]);
		if (strcmp(f[2], "legal_cost") == 0) {
			sums_of(c, f[6])->costs += cents(f[5]);
			continue;
		}
		for (c->type = 0; strcmp(types[c->type], f[8]) != 0; c->type++)
			;
		if (atoi(f[3]) == 1) {
			char firm[128];

			note_field(f[11], "; firm=", firm, sizeof firm);
			c->firm = strdup(firm);
			memcpy(c->opened, f[0], 11);
			if (f[5][0])
				sums_of(c, f[6])->suit += cents(f[5]);
		} else if (f[5][0]) {
			sums_of(c, f[6])->recovered += cents(f[5]);
		}
		if (strcmp(f[0], c->stage_date) >= 0) {
			c->level = atoi(f[3]);
			memcpy(c->stage_date, f[0], 11);
			snprintf(c->next_date, sizeof c->next_date, "%s", f[7]);
		}
		if (f[9][0] && strcmp(f[0], c->ref_date) >= 0) {
			memcpy(c->ref_date, f[0], 11);
			snprintf(c->ref, sizeof c->ref, "%s", f[9]);
		}
		if (strcmp(f[0], c->court_date) >= 0 && note_field(f[11], "; court=", c->court,
		    sizeof c->court))
			memcpy(c->court_date, f[0], 11);
	}
	fclose(fp);

	rows = malloc((4 * t.n + 1) * sizeof *rows);
	for (size_t i = 0; i < t.cap; i++) {
		struct lcase *c = t.v[i];

		if (c == NULL || (c->level >= 97 && strcmp(c->stage_date, month) < 0))
			continue;
		for (int s = 0; s < (c->nsums ? c->nsums : 1); s++)
			rows[n++] = (struct row){ c, c->nsums ? s : -1 };
	}
	qsort(rows, n, sizeof *rows, by_firm_type_stage_case);
	printf("case,customer,name,firm,type,stage,stage_date,opened,currency,in_suit,costs,"
	    "recovered,net,next_date,next_30,idle_days,idle_90,ref,court\n");
	for (size_t i = 0; i < n; i++) {
		const struct lcase *c = rows[i].c;
		const struct sums *m = rows[i].s >= 0 ? &c->s[rows[i].s] : NULL;
		int open = c->level < 97;
		long idle = today - day_of(c->stage_date), next = c->next_date[0] ? day_of(c->next_date) : -1;
		const char *stage = c->level == 1 ? "opened" : c->level >= 97 ? ends[c->level - 97] :
		    paths[c->type][c->level - 2];

		printf("%s,%s,,%s,%s,%s,%s,%s,", c->id, c->customer, c->firm, types[c->type], stage,
		    c->stage_date, c->opened);
		if (m != NULL) {
			printf("%s", m->cur);
			put_money(m->suit);
			put_money(m->costs);
			put_money(m->recovered);
			put_money(m->recovered - m->costs);
		} else {
			printf(",,,,");
		}
		printf(",%s,%s,", c->next_date, open && next >= today && next <= today + 30 ? "yes" : "");
		if (open)
			printf("%ld", idle);
		printf(",%s,%s,%s\n", open && idle >= 90 ? "yes" : "", c->ref, c->court);
	}
	return 0;
}
