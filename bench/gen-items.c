/*
 * gen-items.c - deterministic generator of an items CSV for the benchmarks.
 *
 *   gen-items ROWS CUSTOMERS > items.csv
 *
 * Columns: customer,name,doc_no,doc_type,doc_date,due_date,currency,amount.
 * The same arguments always give the same bytes: the generator has its own
 * PRNG (splitmix64 seeding xoshiro256**) with a fixed seed, and uses no
 * floating point, so the output does not depend on libc or libm.
 *
 * What the data looks like (as of 2026-11-24, the date the bench ages at):
 *  - customers: "C000123" ids, and about 1 in 10 numeric-only ids with
 *    leading zeros ("0004567"), so a tool that infers integers loses them;
 *  - names: Malay, Chinese (Simplified and Traditional) and English company
 *    names in UTF-8, many with commas or double quotes, quoted per RFC 4180
 *    only where needed;
 *  - currency: a customer has one currency (MYR mostly, TWD, USD) and about
 *    1 in 4 a second one;
 *  - doc_type INV (positive amount) or CN (credit note, negative), about 8%
 *    CN; amounts 0.01 to 500,000.00, roughly log-uniform over 1.00 ..
 *    500,000.00 with 1 in 20 below 1.00, 2 decimals;
 *  - doc_date 2024-01-01 .. 2026-11-24, skewed towards recent documents so
 *    that every aging bucket gets a fair share; due_date = doc_date + 30, 60
 *    or 90 days;
 *  - a few special customers: 0.5% hold only credit notes (oldest_days 0)
 *    and 1% only recent documents not yet due (all current, oldest_days 0);
 *  - rows in random customer order, LF line ends, no BOM.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-common.h"

struct cust {
	char id[16];
	char name[160]; /* as written in the CSV: quoted when needed */
	const char *cur[2];
	int ncur;
	int kind; /* 0 normal, 1 credit notes only, 2 only recent documents */
};

/* The CSV cell for s: quoted, with quotes doubled, when s has , " CR or LF. */
static void csv_cell(char *out, size_t n, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		snprintf(out, n, "%s", s);
		return;
	}
	size_t j = 0;
	out[j++] = '"';
	for (; *s && j + 3 < n; s++) {
		if (*s == '"')
			out[j++] = '"';
		out[j++] = *s;
	}
	out[j++] = '"';
	out[j] = '\0';
}

static const char *pick_currency(void)
{
	uint64_t r = below(100);
	return r < 80 ? "MYR" : r < 92 ? "TWD" : "USD";
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen-items ROWS CUSTOMERS > items.csv\n");
		return 64;
	}
	char *end;
	unsigned long long rows = strtoull(argv[1], &end, 10);
	unsigned long ncust = strtoul(argv[2], &end, 10);
	if (ncust == 0 || ncust > 9999999) {
		fprintf(stderr, "gen-items: CUSTOMERS must be 1..9999999\n");
		return 64;
	}
	uint64_t seed = 20261124;
	for (int i = 0; i < 4; i++)
		s[i] = splitmix64(&seed);

	struct cust *c = calloc(ncust, sizeof *c);
	if (!c) {
		perror("gen-items");
		return 71;
	}
	for (unsigned long i = 0; i < ncust; i++) {
		if (below(10) == 0)
			snprintf(c[i].id, sizeof c[i].id, "%07lu", i + 1);
		else
			snprintf(c[i].id, sizeof c[i].id, "C%06lu", i + 1);
		char raw[128];
		uint64_t r = below(10);
		const char *base = r < 4 ? malay[below(N(malay))]
		                 : r < 7 ? chinese[below(N(chinese))]
		                         : english[below(N(english))];
		snprintf(raw, sizeof raw, "%s%s", base, suffix[below(N(suffix))]);
		csv_cell(c[i].name, sizeof c[i].name, raw);
		c[i].cur[0] = pick_currency();
		c[i].ncur = 1;
		if (below(4) == 0) {
			do
				c[i].cur[1] = pick_currency();
			while (c[i].cur[1] == c[i].cur[0]);
			c[i].ncur = 2;
		}
		r = below(1000);
		c[i].kind = r < 5 ? 1 : r < 15 ? 2 : 0;
	}

	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	const long as_of = days_from_civil(2026, 11, 24);
	const long first = days_from_civil(2024, 1, 1);
	static const int terms[] = { 30, 60, 90 };
	fputs("customer,name,doc_no,doc_type,doc_date,due_date,currency,amount\n", stdout);
	for (unsigned long long n = 1; n <= rows; n++) {
		const struct cust *k = &c[below(ncust)];
		const char *cur = k->cur[k->ncur == 2 && below(10) < 3];
		int cn = k->kind == 1 || below(1000) < 75;
		/* age of the document in days before as_of */
		long age;
		uint64_t r = below(100);
		if (k->kind == 2)
			age = (long)below(26);
		else if (r < 55)
			age = (long)below(180);
		else if (r < 80)
			age = 180 + (long)below(185);
		else
			age = 365 + (long)below((uint64_t)(as_of - first - 365 + 1));
		long doc = as_of - age;
		long due = doc + terms[below(3)];
		/* amount in cents: d digits, at most 500,000.00; 1 in 20 below 1.00 */
		uint64_t d = below(20) == 0 ? 1 + below(2) : 3 + below(6), lo = 1, hi;
		for (uint64_t i = 1; i < d; i++)
			lo *= 10;
		hi = lo * 10;
		if (hi > 50000001)
			hi = 50000001;
		uint64_t cents = lo + below(hi - lo);
		if (cn && cents > 2000000)
			cents /= 10; /* credit notes run smaller */
		char dd[11], du[11];
		civil_from_days(doc, dd);
		civil_from_days(due, du);
		printf("%s,%s,%s%09llu,%s,%s,%s,%s,%s%llu.%02llu\n", k->id, k->name,
		       cn ? "CN" : "IV", n, cn ? "CN" : "INV", dd, du, cur,
		       cn ? "-" : "", (unsigned long long)(cents / 100),
		       (unsigned long long)(cents % 100));
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-items: stdout");
		return 74;
	}
	free(c);
	return 0;
}
