/*
 * minimal-fbl5n.c - the baseline ar-import is measured against: what a
 * competent C programmer writes in an afternoon to turn an SAP FBL5N list
 * export (the layout bench/gen-fbl5n.c writes) into the items CSV.
 * getline, memchr to split on '|', int64 cents, dates by moving bytes, one
 * fwrite a row.  Columns are found by caption in the first header; the '**'
 * grand totals are checked per currency.  Basic error handling only: no
 * character sets, no other layouts, no line accounting.
 *
 *   cc -O2 -o minimal-fbl5n minimal-fbl5n.c
 *   minimal-fbl5n fbl5n.txt > items.csv
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TYPE, DOCNO, DOCDATE, DUE, AMT, CUR, NCOL };
static const char *const want[NCOL] = { "Type", "DocumentNo", "Doc. Date",
	"Net due dt", "Amount in DC", "Curr." };

struct cell { const char *p; size_t n; };

static struct { char cur[8]; int64_t sum, control; int has_control; } tot[16];
static int ntot;

static struct cell trim(const char *p, const char *e)
{
	while (p < e && *p == ' ') p++;
	while (e > p && e[-1] == ' ') e--;
	return (struct cell){ p, (size_t)(e - p) };
}

/* "|a |b|c|" -> a, b, c (trimmed); returns the number of cells */
static int split(const char *s, size_t len, struct cell *c, int max)
{
	const char *p = s + 1, *end = s + len, *q;
	int n = 0;
	while (n < max && (q = memchr(p, '|', (size_t)(end - p)))) {
		c[n++] = trim(p, q);
		p = q + 1;
	}
	return n;
}

static int eq(struct cell c, const char *s)
{
	return c.n == strlen(s) && !memcmp(c.p, s, c.n);
}

static int64_t cents(struct cell c)   /* "1.234,56-" */
{
	int64_t v = 0;
	for (size_t i = 0; i < c.n; i++)
		if (c.p[i] >= '0' && c.p[i] <= '9')
			v = v * 10 + (c.p[i] - '0');
	return c.n && c.p[c.n - 1] == '-' ? -v : v;
}

static int64_t *sum_of(struct cell cur, int control)
{
	int i;
	for (i = 0; i < ntot; i++)
		if (eq(cur, tot[i].cur))
			break;
	if (i == ntot) {
		if (ntot == 16 || cur.n >= sizeof tot[0].cur) { fprintf(stderr, "minimal-fbl5n: too many currencies\n"); exit(65); }
		memcpy(tot[i].cur, cur.p, cur.n);
		ntot++;
	}
	if (control) tot[i].has_control = 1;
	return control ? &tot[i].control : &tot[i].sum;
}

static char *put(char *o, struct cell c)
{
	memcpy(o, c.p, c.n);
	o[c.n] = ',';
	return o + c.n + 1;
}

static char *date(char *o, struct cell c)   /* DD.MM.YYYY -> YYYY-MM-DD */
{
	if (c.n == 10) {
		memcpy(o, c.p + 6, 4); o[4] = '-';
		memcpy(o + 5, c.p + 3, 2); o[7] = '-';
		memcpy(o + 8, c.p, 2);
		o += 10;
	}
	*o = ',';
	return o + 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) { fprintf(stderr, "usage: minimal-fbl5n fbl5n.txt\n"); return 64; }
	FILE *f = fopen(argv[1], "rb");
	if (!f) { perror(argv[1]); return 66; }
	static char obuf[1 << 16];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);

	char customer[64] = "", company[16] = "", name[512] = "", row[1024];
	size_t cap = 0;
	ssize_t len;
	char *line = NULL;
	int col[NCOL], header = 0;
	struct cell c[16];

	fputs("customer,doc_no,doc_type,doc_date,due_date,currency,amount,company,ref,name,dispute,block\n", stdout);
	while ((len = getline(&line, &cap, f)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] != '|') {
			struct cell v;
			if (!strncmp(line, "Customer ", 9) && (v = trim(line + 9, line + len)).n < sizeof customer) {
				memcpy(customer, v.p, v.n);
				customer[v.n] = '\0';
			} else if (!strncmp(line, "Company Code ", 13) && (v = trim(line + 13, line + len)).n < sizeof company) {
				memcpy(company, v.p, v.n);
				company[v.n] = '\0';
			} else if (!strncmp(line, "Name ", 5) && (v = trim(line + 5, line + len)).n < sizeof name / 2 - 2) {
				char *o = name;   /* quoted once here, not per row */
				int q = memchr(v.p, ',', v.n) || memchr(v.p, '"', v.n);
				if (q) *o++ = '"';
				for (size_t i = 0; i < v.n; i++) {
					if (v.p[i] == '"') *o++ = '"';
					*o++ = v.p[i];
				}
				if (q) *o++ = '"';
				*o = '\0';
			}
			continue;
		}
		if (line[1] == '-' || line[1] == '=')
			continue;
		int n = split(line, (size_t)len, c, 16);
		if (n > 0 && eq(c[0], "St")) {
			if (!header) {
				for (int i = 0; i < NCOL; i++) {
					col[i] = -1;
					for (int j = 0; j < n; j++)
						if (eq(c[j], want[i])) col[i] = j;
					if (col[i] < 0) { fprintf(stderr, "minimal-fbl5n: no column %s\n", want[i]); return 65; }
				}
				header = 1;
			}
			continue;
		}
		if (!header || n <= col[CUR] || n <= col[AMT] || n <= col[DOCNO] || n <= col[TYPE]
		    || n <= col[DOCDATE] || n <= col[DUE]) {
			fprintf(stderr, "minimal-fbl5n: bad line: %s\n", line);
			return 65;
		}
		int64_t v = cents(c[col[AMT]]);
		if (c[0].n && c[0].p[0] == '*') {
			if (eq(c[0], "**"))
				*sum_of(c[col[CUR]], 1) += v;
			continue;
		}
		*sum_of(c[col[CUR]], 0) += v;

		struct cell t = c[col[TYPE]];
		const char *type = eq(t, "RV") || eq(t, "DR") ? "INV" : eq(t, "DG") ? "CN"
		                 : eq(t, "DZ") ? "PAY" : eq(t, "AB") ? "ADJ" : NULL;
		char *o = row;
		o += sprintf(o, "%s,", customer);
		o = put(o, c[col[DOCNO]]);
		o = type ? o + sprintf(o, "%s,", type) : put(o, t);
		o = date(o, c[col[DOCDATE]]);
		o = date(o, c[col[DUE]]);
		o = put(o, c[col[CUR]]);
		uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
		o += sprintf(o, "%s%llu.%02llu,%s,,%s,,\n", v < 0 ? "-" : "",
		             (unsigned long long)(u / 100), (unsigned long long)(u % 100), company, name);
		fwrite(row, 1, (size_t)(o - row), stdout);
	}
	free(line);
	if (ferror(f)) { perror(argv[1]); return 74; }
	fclose(f);
	int bad = 0;
	for (int i = 0; i < ntot; i++)
		if (!tot[i].has_control || tot[i].sum != tot[i].control) {
			fprintf(stderr, "minimal-fbl5n: %s: items sum %lld, control total %lld (cents)\n",
			        tot[i].cur, (long long)tot[i].sum, (long long)tot[i].control);
			bad = 1;
		}
	if (fflush(stdout)) { perror("minimal-fbl5n: stdout"); return 74; }
	return bad ? 65 : 0;
}
