/*
 * fifo-match.c - the FIFO-by-customer baseline for the ar-match benchmark:
 * the rule the free ERPs' bank reconciliation applies (ERPNext, Odoo).
 *
 *   fifo-match ITEMS CUSTOMERS PAYMENTS ALLOCATIONS UNMATCHED
 *
 * 1. The customer is identified only by an exact payer_account (a value of
 *    customers.payer_account, ;-separated) or, failing that, an exact ref1
 *    (customers.ref1).  An account or Ref-1 listed for two customers
 *    identifies no one.  Names and references are not read.
 * 2. The amount goes to that customer's open invoices (positive items) in
 *    the payment's currency, oldest due date first (then doc_date, doc_no),
 *    each taking what it still has open; the rest is on_account.  Credit
 *    notes are left alone.  Payments are taken in file order, so an item
 *    paid by one payment is not paid again by the next.
 * 3. ALLOCATIONS: payment_id,customer,doc_no,currency,amount,rule,confidence
 *    with rule exact_amount (the item is settled in full), partial (it is
 *    not) or on_account (doc_no empty), confidence 100.  UNMATCHED:
 *    payment_id,value_date,currency,amount,payer,reference,reason,candidates
 *    for payments no customer was found for.
 *
 * Columns are found by header name; RFC 4180 quoting; amounts as decimals
 * with up to 2 places (exact, int64 cents).  C17 and libc only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-out.h"

static void die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "fifo-match: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(65);
}

/* ---- CSV: the whole file in memory, parsed in place ------------------- */

struct csv {
	const char *path;
	char *p, *end;
	long line;
	char *f[64];
	int nf;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "fifo-match: %s: %s\n", path, strerror(errno));
		exit(66);
	}
	size_t cap = 1 << 20, n = 0;
	char *b = malloc(cap + 1);
	for (;;) {
		if (!b) {
			fprintf(stderr, "fifo-match: out of memory\n");
			exit(71);
		}
		n += fread(b + n, 1, cap - n, fp);
		if (n < cap)
			break;
		cap *= 2;
		b = realloc(b, cap + 1);
	}
	if (ferror(fp)) {
		fprintf(stderr, "fifo-match: %s: read error\n", path);
		exit(74);
	}
	fclose(fp);
	b[n] = '\0';
	*len = n;
	return b;
}

/* The next record into c->f (NUL-terminated, unquoted); 0 at the end. */
static int csv_next(struct csv *c)
{
	if (c->p >= c->end)
		return 0;
	c->nf = 0;
	c->line++;
	for (;;) {
		char *start = c->p, *w = c->p;
		if (*c->p == '"') {
			c->p++;
			for (;;) {
				if (c->p >= c->end)
					die("%s: unterminated quote near line %s", c->path, "?");
				if (*c->p == '"') {
					if (c->p[1] == '"') {
						*w++ = '"';
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				*w++ = *c->p++;
			}
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
				c->p++;
			w = c->p;
		}
		char sep = c->p < c->end ? *c->p : '\n';
		if (c->nf < 64)
			c->f[c->nf++] = start;
		if (sep == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
			c->p++;
		c->p++;
		*w = '\0';
		if (sep != ',')
			return 1;
	}
}

static void csv_open(struct csv *c, const char *path)
{
	size_t n;
	memset(c, 0, sizeof *c);
	c->path = path;
	c->p = slurp(path, &n);
	c->end = c->p + n;
	if (n >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	if (!csv_next(c))
		die("%s:1: empty file, expected a header%s", path, "");
}

static int col(struct csv *c, const char *name, int need)
{
	for (int i = 0; i < c->nf; i++)
		if (strcmp(c->f[i], name) == 0)
			return i;
	if (need)
		die("%s:1: no column '%s' in the header", c->path, name);
	return -1;
}

static const char *fld(struct csv *c, int i)
{
	return i >= 0 && i < c->nf ? c->f[i] : "";
}

static int64_t cents(struct csv *c, const char *s)
{
	const char *p = s;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	int64_t v = 0;
	int any = 0, dec = -1;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (dec >= 2)
				goto bad;
			v = v * 10 + (*p - '0');
			any = 1;
			if (dec >= 0)
				dec++;
		} else if (*p == '.' && dec < 0)
			dec = 0;
		else
			goto bad;
	}
	if (!any)
		goto bad;
	for (int d = dec < 0 ? 0 : dec; d < 2; d++)
		v *= 10;
	return neg ? -v : v;
bad:;
	char ln[32];
	snprintf(ln, sizeof ln, "%ld", c->line);
	fprintf(stderr, "fifo-match: %s:%s: amount '%s' is not a decimal with 2 places at most\n",
	        c->path, ln, s);
	exit(65);
}

/* ---- string -> int hash (open addressing) ----------------------------- */

struct map {
	const char **k;
	int *v;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void map_grow(struct map *m);

/* The slot of key s (inserted with value v if absent). */
static int *map_put(struct map *m, const char *s, int v)
{
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	size_t i = hash(s) & (m->cap - 1);
	while (m->k[i]) {
		if (strcmp(m->k[i], s) == 0)
			return &m->v[i];
		i = (i + 1) & (m->cap - 1);
	}
	m->k[i] = s;
	m->v[i] = v;
	m->n++;
	return &m->v[i];
}

static int map_get(const struct map *m, const char *s)
{
	if (!m->cap)
		return -1;
	size_t i = hash(s) & (m->cap - 1);
	while (m->k[i]) {
		if (strcmp(m->k[i], s) == 0)
			return m->v[i];
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

static void map_grow(struct map *m)
{
	struct map o = *m;
	m->cap = o.cap ? o.cap * 2 : 1024;
	m->n = 0;
	m->k = calloc(m->cap, sizeof *m->k);
	m->v = calloc(m->cap, sizeof *m->v);
	if (!m->k || !m->v) {
		fprintf(stderr, "fifo-match: out of memory\n");
		exit(71);
	}
	for (size_t i = 0; i < o.cap; i++)
		if (o.k[i])
			map_put(m, o.k[i], o.v[i]);
	free(o.k);
	free(o.v);
}

/* ---- output ----------------------------------------------------------- */


static FILE *create(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "fifo-match: %s: %s\n", path, strerror(errno));
		exit(73);
	}
	return f;
}

static void finish(FILE *f, const char *path)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "fifo-match: %s: write error\n", path);
		exit(74);
	}
}

/* ---- the baseline ----------------------------------------------------- */

struct item {
	const char *cust, *doc, *due, *date, *cur;
	int64_t rem;
	int c;
};

static struct item *items;

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = &items[*(const long *)a], *y = &items[*(const long *)b];
	int r = strcmp(x->due, y->due);
	if (!r)
		r = strcmp(x->date, y->date);
	if (!r)
		r = strcmp(x->doc, y->doc);
	return r;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: fifo-match ITEMS CUSTOMERS PAYMENTS ALLOCATIONS UNMATCHED\n");
		return 64;
	}
	struct map cmap = { 0 }, acct = { 0 }, ref1 = { 0 };
	const char **cname = NULL;
	int ncust = 0, ccap = 0;

	/* customers: who owns which account and Ref-1 (-2: more than one) */
	struct csv cc;
	csv_open(&cc, argv[2]);
	int kc = col(&cc, "customer", 1), ka = col(&cc, "payer_account", 0),
	    kr = col(&cc, "ref1", 0);
	while (csv_next(&cc)) {
		const char *id = fld(&cc, kc);
		if (!*id)
			continue;
		int *slot = map_put(&cmap, id, ncust);
		if (*slot == ncust) {
			if (ncust == ccap) {
				ccap = ccap ? ccap * 2 : 1024;
				cname = realloc(cname, (size_t)ccap * sizeof *cname);
				if (!cname)
					return 71;
			}
			cname[ncust++] = id;
		}
		int me = *slot;
		for (int pass = 0; pass < 2; pass++) {
			char *s = (char *)fld(&cc, pass ? kr : ka);
			struct map *m = pass ? &ref1 : &acct;
			while (*s) {
				char *e = strchr(s, ';');
				if (e)
					*e = '\0';
				while (*s == ' ')
					s++;
				if (*s) {
					int *v = map_put(m, s, me);
					if (*v != me)
						*v = -2;
				}
				if (!e)
					break;
				s = e + 1;
			}
		}
	}

	/* items: the open invoices, grouped by customer, oldest due first */
	struct csv ci;
	csv_open(&ci, argv[1]);
	int ic = col(&ci, "customer", 1), idoc = col(&ci, "doc_no", 1),
	    idue = col(&ci, "due_date", 1), idate = col(&ci, "doc_date", 0),
	    icur = col(&ci, "currency", 1), iamt = col(&ci, "amount", 1);
	size_t nitems = 0, icap = 0;
	while (csv_next(&ci)) {
		int64_t a = cents(&ci, fld(&ci, iamt));
		if (a <= 0)
			continue; /* FIFO pays invoices; credit notes stay */
		if (nitems == icap) {
			icap = icap ? icap * 2 : 1 << 16;
			items = realloc(items, icap * sizeof *items);
			if (!items)
				return 71;
		}
		struct item *t = &items[nitems++];
		t->cust = fld(&ci, ic);
		t->doc = fld(&ci, idoc);
		t->due = fld(&ci, idue);
		t->date = fld(&ci, idate);
		t->cur = fld(&ci, icur);
		t->rem = a;
		t->c = map_get(&cmap, t->cust); /* -1: not in customers.csv */
	}
	long *start = calloc((size_t)ncust + 1, sizeof *start);
	long *order = malloc((nitems + 1) * sizeof *order);
	if (!start || !order)
		return 71;
	for (size_t i = 0; i < nitems; i++)
		if (items[i].c >= 0)
			start[items[i].c + 1]++;
	for (int k = 0; k < ncust; k++)
		start[k + 1] += start[k];
	long *fill = malloc(((size_t)ncust + 1) * sizeof *fill);
	if (!fill)
		return 71;
	memcpy(fill, start, ((size_t)ncust + 1) * sizeof *fill);
	for (size_t i = 0; i < nitems; i++)
		if (items[i].c >= 0)
			order[fill[items[i].c]++] = (long)i;
	for (int k = 0; k < ncust; k++)
		qsort(order + start[k], (size_t)(start[k + 1] - start[k]), sizeof *order, cmp_item);

	/* payments */
	struct csv cp;
	csv_open(&cp, argv[3]);
	int pid = col(&cp, "payment_id", 1), pvd = col(&cp, "value_date", 0),
	    pcur = col(&cp, "currency", 1), pamt = col(&cp, "amount", 1),
	    ppayer = col(&cp, "payer", 0), pacct = col(&cp, "payer_account", 0),
	    pref = col(&cp, "reference", 0), pr1 = col(&cp, "ref1", 0);
	FILE *fa = create(argv[4]), *fu = create(argv[5]);
	static char ba[1 << 16], bu[1 << 16];
	setvbuf(fa, ba, _IOFBF, sizeof ba);
	setvbuf(fu, bu, _IOFBF, sizeof bu);
	fputs("payment_id,customer,doc_no,currency,amount,rule,confidence\n", fa);
	fputs("payment_id,value_date,currency,amount,payer,reference,reason,candidates\n", fu);
	unsigned long npay = 0, nmatched = 0, nunm = 0;
	while (csv_next(&cp)) {
		npay++;
		const char *id = fld(&cp, pid), *cur = fld(&cp, pcur);
		int64_t amt = cents(&cp, fld(&cp, pamt));
		const char *a = fld(&cp, pacct), *r1 = fld(&cp, pr1), *why = NULL;
		int c = *a ? map_get(&acct, a) : -1;
		if (c == -2)
			why = "payer account of several customers";
		else if (c < 0 && *r1) {
			c = map_get(&ref1, r1);
			if (c == -2)
				why = "ref1 of several customers";
		}
		if (c < 0 || amt <= 0) {
			nunm++;
			fputs(id, fu);
			putc(',', fu);
			put_cell(fu, fld(&cp, pvd));
			fprintf(fu, ",%s,", cur);
			put_money(fu, amt);
			putc(',', fu);
			put_cell(fu, fld(&cp, ppayer));
			putc(',', fu);
			put_cell(fu, fld(&cp, pref));
			fprintf(fu, ",%s,\n", why ? why : amt <= 0 ? "not a credit"
			                                           : "no customer with this payer account or ref1");
			continue;
		}
		nmatched++;
		int64_t left = amt;
		for (long k = start[c]; k < start[c + 1] && left > 0; k++) {
			struct item *t = &items[order[k]];
			if (t->rem <= 0 || strcmp(t->cur, cur) != 0)
				continue;
			int64_t take = t->rem < left ? t->rem : left;
			t->rem -= take;
			left -= take;
			fprintf(fa, "%s,", id);
			put_cell(fa, cname[c]);
			putc(',', fa);
			put_cell(fa, t->doc);
			fprintf(fa, ",%s,", cur);
			put_money(fa, take);
			fprintf(fa, ",%s,100\n", t->rem == 0 ? "exact_amount" : "partial");
		}
		if (left > 0) {
			fprintf(fa, "%s,", id);
			put_cell(fa, cname[c]);
			fprintf(fa, ",,%s,", cur);
			put_money(fa, left);
			fputs(",on_account,100\n", fa);
		}
	}
	finish(fa, argv[4]);
	finish(fu, argv[5]);
	fprintf(stderr, "fifo-match: %lu payments: %lu applied to a customer, %lu unmatched\n",
	        npay, nmatched, nunm);
	return 0;
}
