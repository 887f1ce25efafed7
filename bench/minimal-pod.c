/*
 * minimal-pod.c - the floor ar-pod's claims are measured against: what a
 * competent C programmer writes in an afternoon to compute the same
 * claims.csv.  fgets and an in-place split (RFC 4180 quotes, no line break
 * inside a cell; no libcsv), the debtors in a small open-addressing hash,
 * int64 cents, civil days, interest exact in 128 bits.  No statements, no
 * registration numbers, no set-off file, no checks beyond the shape of the
 * header: the cost of the work itself.
 *
 *   cc -O2 -o minimal-pod minimal-pod.c
 *   minimal-pod RATE DEFAULT_TERMS customers.csv items.csv > claims.csv
 *
 * RATE is [pod] interest_rate (per cent a year), DEFAULT_TERMS [aging]
 * default_terms_days.  The debtors are the customers whose status is a
 * proceeding; their rate is the interest_rate column, else RATE, capped at
 * 6 for bankruptcy; an item without a due_date is due doc_date + the
 * customer's terms_days (else DEFAULT_TERMS).  The rules are man ar-pod's
 * (lib/ar/pod.h); the rows are in the master's order, then by currency.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-out.h"

__extension__ typedef __int128 i128;

#define PER_CENT 1000000        /* a rate is in millionths of a per cent, as in lib/ar/interest.h */
#define MAX_FIELDS 64
#define MAX_CURRENCIES 8

enum { UNSECURED, PREFERENTIAL, SECURED, PARTS };

struct claim {
	char currency[8];
	int64_t principal, interest, post_items, post_receipts, credits, gross[PARTS];
	long items;
};

struct debtor {
	char *id, *name, *status, *cut_off_text;
	long cut_off, terms;    /* terms < 0: unknown */
	int64_t rate;
	struct claim claims[MAX_CURRENCIES];
	int nclaims;
};

static struct debtor *debtors;
static size_t ndebtors, debtors_cap;
static int32_t *slots;          /* debtor index + 1; 0 empty */
static size_t nslots;

static void die(const char *what)
{
	fprintf(stderr, "minimal-pod: %s\n", what);
	exit(1);
}

/*
 * Split a line into its cells in place: quotes removed, "" made ", each
 * cell ended by '\0'.  Returns the count of cells (at most max stored).
 */
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
static void bind(char *header, const char *const *want, int *at, int n, int optional_from)
{
	char *cell[MAX_FIELDS];
	int ncells = split(header, cell, MAX_FIELDS);

	for (int i = 0; i < n; i++) {
		at[i] = -1;
		for (int j = 0; j < ncells && j < MAX_FIELDS; j++)
			if (strcmp(cell[j], want[i]) == 0)
				at[i] = j;
		if (at[i] < 0 && i < optional_from) {
			fprintf(stderr, "minimal-pod: no %s column\n", want[i]);
			exit(1);
		}
	}
}

/* YYYY-MM-DD -> days since 1970-01-01 (H. Hinnant); -1 for an empty cell. */
static long days(const char *s)
{
	if (*s == '\0')
		return -1;
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
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

/* "8", "12.5" (per cent a year) -> millionths of a per cent. */
static int64_t rate_of(const char *s)
{
	int64_t v = 0;
	int frac = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && frac < 6; s++, frac++)
			v = v * 10 + (*s - '0');
	for (; frac < 6; frac++)
		v *= 10;
	return v;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct debtor *find(const char *id)
{
	for (size_t i = hash(id) & (nslots - 1); slots[i] != 0; i = (i + 1) & (nslots - 1))
		if (strcmp(debtors[slots[i] - 1].id, id) == 0)
			return &debtors[slots[i] - 1];
	return NULL;
}

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d == NULL)
		die("out of memory");
	return memcpy(d, s, n);
}

static int is_proceeding(const char *status)
{
	return strcmp(status, "liquidation") == 0 || strcmp(status, "administration") == 0 ||
	       strcmp(status, "judicial_management") == 0 || strcmp(status, "bankruptcy") == 0;
}

static void read_customers(const char *path, int64_t default_rate)
{
	enum { ID, NAME, STATUS, STATUS_DATE, TERMS, RATE, NCOL };
	static const char *const want[NCOL] = {
		"customer", "name", "status", "status_date", "terms_days", "interest_rate"
	};
	int at[NCOL];
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = fopen(path, "r");

	if (f == NULL || fgets(line, sizeof line, f) == NULL)
		die("cannot read the customers");
	bind(line, want, at, NCOL, TERMS);
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);
		const char *empty = "";
#define CELL(k) (at[k] >= 0 && at[k] < n ? cell[at[k]] : empty)
		if (!is_proceeding(CELL(STATUS)))
			continue;
		if (ndebtors == debtors_cap) {
			debtors_cap = debtors_cap ? 2 * debtors_cap : 1024;
			if ((debtors = realloc(debtors, debtors_cap * sizeof *debtors)) == NULL)
				die("out of memory");
		}
		struct debtor *d = &debtors[ndebtors++];
		memset(d, 0, sizeof *d);
		d->id = dup(CELL(ID));
		d->name = dup(CELL(NAME));
		d->status = dup(CELL(STATUS));
		d->cut_off_text = dup(CELL(STATUS_DATE));
		d->cut_off = days(d->cut_off_text);
		d->terms = *CELL(TERMS) ? atol(CELL(TERMS)) : -1;
		d->rate = *CELL(RATE) ? rate_of(CELL(RATE)) : default_rate;
		if (strcmp(d->status, "bankruptcy") == 0 && d->rate > 6 * PER_CENT)
			d->rate = 6 * PER_CENT;     /* the Insolvency Act's cap */
#undef CELL
	}
	fclose(f);
	for (nslots = 16; nslots < 4 * ndebtors; nslots *= 2)
		;
	if ((slots = calloc(nslots, sizeof *slots)) == NULL)
		die("out of memory");
	for (size_t k = 0; k < ndebtors; k++) {
		size_t i = hash(debtors[k].id) & (nslots - 1);
		while (slots[i] != 0)
			i = (i + 1) & (nslots - 1);
		slots[i] = (int32_t)k + 1;
	}
}

static struct claim *claim_of(struct debtor *d, const char *currency)
{
	for (int i = 0; i < d->nclaims; i++)
		if (strcmp(d->claims[i].currency, currency) == 0)
			return &d->claims[i];
	if (d->nclaims == MAX_CURRENCIES)
		die("too many currencies for one debtor");
	struct claim *c = &d->claims[d->nclaims++];
	memset(c, 0, sizeof *c);
	snprintf(c->currency, sizeof c->currency, "%s", currency);
	return c;
}

static void read_items(const char *path, long default_terms)
{
	enum { ID, TYPE, DOC_DATE, DUE, CUR, AMOUNT, SECURITY, NCOL };
	static const char *const want[NCOL] = {
		"customer", "doc_type", "doc_date", "due_date", "currency", "amount", "security"
	};
	static char buf[1 << 20];
	int at[NCOL], last = 0;
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die("cannot open the items");
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (fgets(line, sizeof line, f) == NULL)
		die("cannot read the items");
	bind(line, want, at, NCOL, SECURITY);
	for (int k = 0; k < NCOL; k++)
		if (at[k] > last)
			last = at[k];
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);
		struct debtor *d;

		if (at[ID] >= n || (d = find(cell[at[ID]])) == NULL)
			continue;
		if (n <= last)
			die("a row is short");
		const char *type = cell[at[TYPE]], *sec = at[SECURITY] >= 0 ? cell[at[SECURITY]] : "";
		struct claim *c = claim_of(d, cell[at[CUR]]);
		long doc = days(cell[at[DOC_DATE]]), due = days(cell[at[DUE]]);
		int64_t amount = cents(cell[at[AMOUNT]]), interest = 0;

		if (doc > d->cut_off) {
			if (strcmp(type, "PAY") == 0)
				c->post_receipts -= amount;
			else
				c->post_items += amount;
			continue;
		}
		c->items++;
		c->principal += amount;
		if (due < 0)
			due = doc + (d->terms >= 0 ? d->terms : default_terms);
		if (amount > 0 && (strcmp(type, "INV") == 0 || strcmp(type, "DN") == 0) &&
		    due < d->cut_off && d->rate > 0) {
			i128 num = (i128)amount * d->rate * (d->cut_off - due);
			i128 den = (i128)100 * PER_CENT * 365;
			interest = (int64_t)((num + den / 2) / den);   /* half up, once per item */
		}
		c->interest += interest;
		if (amount > 0)
			c->gross[strcmp(sec, "secured") == 0 ? SECURED :
			         strcmp(sec, "preferential") == 0 ? PREFERENTIAL : UNSECURED] +=
			    amount + interest;
		else
			c->credits -= amount;
	}
	fclose(f);
}

static int by_currency(const void *a, const void *b)
{
	return strcmp(((const struct claim *)a)->currency, ((const struct claim *)b)->currency);
}

static void write_claims(void)
{
	static const int order[PARTS] = { UNSECURED, PREFERENTIAL, SECURED };

	puts("customer,name,currency,proceeding,cut_off,principal,interest,set_off,net_claim,"
	     "secured,preferential,unsecured,post_cut_off_items,post_cut_off_receipts,items");
	for (size_t k = 0; k < ndebtors; k++) {
		struct debtor *d = &debtors[k];

		qsort(d->claims, (size_t)d->nclaims, sizeof *d->claims, by_currency);
		for (int i = 0; i < d->nclaims; i++) {
			const struct claim *c = &d->claims[i];
			int64_t total = c->principal + c->interest, reduce = c->credits, part[PARTS];

			/* Credits off the unsecured part first, then the preferential, then the secured. */
			for (int p = 0; p < PARTS; p++) {
				int64_t g = c->gross[order[p]], take = reduce < g ? reduce : g;
				part[order[p]] = g - take;
				reduce -= take;
			}
			put_cell(stdout, d->id);
			putchar(',');
			put_cell(stdout, d->name);
			printf(",%s,%s,%s,", c->currency, d->status, d->cut_off_text);
			put_money(stdout, c->principal);
			putchar(',');
			put_money(stdout, c->interest);
			fputs(",0.00,", stdout);
			put_money(stdout, total > 0 ? total : 0);
			for (int p = SECURED; p >= UNSECURED; p--) {
				putchar(',');
				put_money(stdout, part[p]);
			}
			putchar(',');
			put_money(stdout, c->post_items);
			putchar(',');
			put_money(stdout, c->post_receipts);
			printf(",%ld\n", c->items);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: minimal-pod RATE DEFAULT_TERMS customers.csv items.csv\n");
		return 64;
	}
	read_customers(argv[3], rate_of(argv[1]));
	read_items(argv[4], atol(argv[2]));
	write_claims();
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the claims");
	for (size_t k = 0; k < ndebtors; k++) {
		free(debtors[k].id);
		free(debtors[k].name);
		free(debtors[k].status);
		free(debtors[k].cut_off_text);
	}
	free(debtors);
	free(slots);
	return 0;
}
