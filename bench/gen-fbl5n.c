/*
 * gen-fbl5n.c - deterministic generator of an SAP FBL5N list export for
 * the ar-import benchmark (bench/run-import.sh).
 *
 *   gen-fbl5n ITEMS CUSTOMERS > fbl5n.txt
 *
 * The open items are exactly those `gen-items ITEMS CUSTOMERS` writes: the
 * same PRNG, seed and sequence of draws (bench/gen-common.h, shared with gen-items.c),
 * so the same customers, names, currencies, amounts and dates, and
 * `ar-import fbl5n.txt | ar-age` must give byte for byte the aging of
 * `ar-age items.csv`.  What differs is the form, that of FBL5N's
 * "unconverted" list export as ar-import's sap-fbl5n profile reads it:
 *
 *  - items sorted by customer (stable, so in gen-items order within one),
 *    each customer a block introduced by "Customer", "Company Code" and
 *    "Name" lines (the layout has no customer column);
 *  - |-framed, blank-padded cells: St, Type, DocumentNo, Doc. Date,
 *    Net due dt, Amount in DC, Curr.; document types RV (INV) and DG (CN);
 *    amounts 1.234,56 with a trailing minus, dates DD.MM.YYYY;
 *  - pages of 60 lines, each starting with a title (company, report, date,
 *    page number), a ruler, the column header and a ruler, wherever the
 *    page break falls (inside a block too, as SAP does);
 *  - a subtotal line "*" per customer and currency at the end of its block,
 *    and grand total lines "**" per currency at the end: the control totals
 *    ar-import checks, exact (int64 cents).
 *
 * The generator holds the items in memory to sort them (about 40 bytes an
 * item); what is measured is ar-import, which streams.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-common.h"

struct cust {
	char id[16];
	char name[160]; /* as written: the list has no quoting */
	const char *cur[2];
	int ncur;
	int kind; /* 0 normal, 1 credit notes only, 2 only recent documents */
};

static const char *pick_currency(void)
{
	uint64_t r = below(100);
	return r < 80 ? "MYR" : r < 92 ? "TWD" : "USD";
}


#define PAGE_LINES 60

struct item {
	uint32_t cust;
	uint8_t cur;		/* 0 MYR, 1 TWD, 2 USD */
	uint8_t cn;
	int32_t doc, due;	/* days since 1970-01-01 */
	uint64_t n;		/* gen-items' row number: the document number */
	uint64_t cents;
};

static const char *const currencies[] = { "MYR", "TWD", "USD" };

static int cur_index(const char *c)
{
	return c[0] == 'M' ? 0 : c[0] == 'T' ? 1 : 2;
}

static unsigned long page, line_in_page;

static void emit(const char *s);

static void page_header(void)
{
	char buf[256];

	page++;
	line_in_page = 0;
	snprintf(buf, sizeof buf, "%-60s%38s", "Benchmark Trading Sdn. Bhd.",
	         "Date 24.11.2026");
	emit(buf);
	snprintf(buf, sizeof buf, "%-20s%-40s%23s  Page %6lu", "Kuala Lumpur",
	         "Customer Line Item Display", "RFITEMAR/BENCH", page);
	emit(buf);
	emit("");
	emit("----------------------------------------------------------------------------------------------------");
	emit("|St |Type|DocumentNo      |Doc. Date |Net due dt|          Amount in DC|Curr.|");
	emit("|---|----|----------------|----------|----------|----------------------|-----|");
}

/* One line; a new page first when this one is full. */
static void emit(const char *s)
{
	if (page > 0 && line_in_page == PAGE_LINES)
		page_header();
	fputs(s, stdout);
	putchar('\n');
	line_in_page++;
}

/* -123456 -> "1.234,56-" */
static void sap_amount(int64_t v, char out[32])
{
	char digits[24];
	uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
	int j = 0;

	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = '.';
		out[j++] = digits[i];
	}
	j += snprintf(out + j, 32 - (size_t)j, ",%02llu%s",
	              (unsigned long long)(a % 100), v < 0 ? "-" : "");
}

static void sap_date(long days, char out[11])
{
	char iso[11];

	civil_from_days(days, iso);
	memcpy(out, iso + 8, 2);
	out[2] = '.';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '.';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

static void total_line(const char *mark, int64_t v, int cur)
{
	char buf[256], amt[32];

	sap_amount(v, amt);
	snprintf(buf, sizeof buf, "|%-3s|    |                |          |          |%22s|%-5s|",
	         mark, amt, currencies[cur]);
	emit(buf);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen-fbl5n ITEMS CUSTOMERS > fbl5n.txt\n");
		return 64;
	}
	char *end;
	unsigned long long rows = strtoull(argv[1], &end, 10);
	unsigned long ncust = strtoul(argv[2], &end, 10);
	if (ncust == 0 || ncust > 9999999) {
		fprintf(stderr, "gen-fbl5n: CUSTOMERS must be 1..9999999\n");
		return 64;
	}
	uint64_t seed = 20261124;
	for (int i = 0; i < 4; i++)
		s[i] = splitmix64(&seed);

	struct cust *c = calloc(ncust, sizeof *c);
	struct item *it = malloc((rows ? rows : 1) * sizeof *it);
	struct item *sorted = malloc((rows ? rows : 1) * sizeof *sorted);
	size_t *first = calloc(ncust + 1, sizeof *first);
	if (!c || !it || !sorted || !first) {
		perror("gen-fbl5n");
		return 71;
	}
	/* gen-items' customers, draw for draw */
	for (unsigned long i = 0; i < ncust; i++) {
		if (below(10) == 0)
			snprintf(c[i].id, sizeof c[i].id, "%07lu", i + 1);
		else
			snprintf(c[i].id, sizeof c[i].id, "C%06lu", i + 1);
		uint64_t r = below(10);
		const char *base = r < 4 ? malay[below(N(malay))]
		                 : r < 7 ? chinese[below(N(chinese))]
		                         : english[below(N(english))];
		snprintf(c[i].name, sizeof c[i].name, "%s%s", base, suffix[below(N(suffix))]);
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

	/* gen-items' rows, draw for draw */
	const long as_of = days_from_civil(2026, 11, 24);
	const long first_day = days_from_civil(2024, 1, 1);
	static const int terms[] = { 30, 60, 90 };
	for (unsigned long long n = 1; n <= rows; n++) {
		uint32_t ki = (uint32_t)below(ncust);
		const struct cust *k = &c[ki];
		const char *cur = k->cur[k->ncur == 2 && below(10) < 3];
		int cn = k->kind == 1 || below(1000) < 75;
		long age;
		uint64_t r = below(100);
		if (k->kind == 2)
			age = (long)below(26);
		else if (r < 55)
			age = (long)below(180);
		else if (r < 80)
			age = 180 + (long)below(185);
		else
			age = 365 + (long)below((uint64_t)(as_of - first_day - 365 + 1));
		long doc = as_of - age;
		long due = doc + terms[below(3)];
		uint64_t d = below(20) == 0 ? 1 + below(2) : 3 + below(6), lo = 1, hi;
		for (uint64_t i = 1; i < d; i++)
			lo *= 10;
		hi = lo * 10;
		if (hi > 50000001)
			hi = 50000001;
		uint64_t cents = lo + below(hi - lo);
		if (cn && cents > 2000000)
			cents /= 10;
		it[n - 1] = (struct item){ ki, (uint8_t)cur_index(cur), (uint8_t)cn,
		                           (int32_t)doc, (int32_t)due, n, cents };
		first[ki + 1]++;
	}
	/* counting sort by customer, stable */
	for (unsigned long i = 0; i < ncust; i++)
		first[i + 1] += first[i];
	for (unsigned long long n = 0; n < rows; n++)
		sorted[first[it[n].cust]++] = it[n];
	free(it);

	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	page_header();
	int64_t grand[3] = { 0, 0, 0 };
	int has_grand[3] = { 0, 0, 0 };
	char buf[512], amt[32], dd[11], du[11];
	for (unsigned long long n = 0; n < rows;) {
		const struct cust *k = &c[sorted[n].cust];
		int64_t sub[3] = { 0, 0, 0 };
		int has[3] = { 0, 0, 0 };

		emit("");
		snprintf(buf, sizeof buf, "Customer      %s", k->id);
		emit(buf);
		emit("Company Code  MY01");
		snprintf(buf, sizeof buf, "Name          %s", k->name);
		emit(buf);
		emit("");
		uint32_t ki = sorted[n].cust;
		for (; n < rows && sorted[n].cust == ki; n++) {
			const struct item *x = &sorted[n];
			int64_t v = x->cn ? -(int64_t)x->cents : (int64_t)x->cents;
			sap_amount(v, amt);
			sap_date(x->doc, dd);
			sap_date(x->due, du);
			snprintf(buf, sizeof buf, "|   |%-4s|%s%09llu     |%s|%s|%22s|%-5s|",
			         x->cn ? "DG" : "RV", x->cn ? "CN" : "IV",
			         (unsigned long long)x->n, dd, du, amt, currencies[x->cur]);
			emit(buf);
			sub[x->cur] += v;
			has[x->cur] = 1;
		}
		emit("|---|----|----------------|----------|----------|----------------------|-----|");
		for (int i = 0; i < 3; i++)
			if (has[i]) {
				total_line("*", sub[i], i);
				grand[i] += sub[i];
				has_grand[i] = 1;
			}
	}
	emit("|===|====|================|==========|==========|======================|=====|");
	for (int i = 0; i < 3; i++)
		if (has_grand[i])
			total_line("**", grand[i], i);
	emit("----------------------------------------------------------------------------------------------------");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-fbl5n: stdout");
		return 74;
	}
	free(sorted);
	free(first);
	free(c);
	return 0;
}
