/*
 * minimal-refund.c - the floor of ar-refund's work for bench/run-refund.sh.
 *
 * propose: the customer master read into a hash table (name, status, bank
 * details), the journal's dispute and dispute_resolved rows up to the
 * as-of date (open when raised after the last resolution), the items
 * streamed into a balance per customer, company and currency (and the
 * newest credit), the customers sorted, one row per customer and currency
 * in credit with its reason, the items read again for the doc_nos of the
 * credits.  Prints proposal.csv as ar-refund propose does.
 *
 * pay: the journal's refund refs, the master's bank details, the approved
 * rows of the proposal checked against them, the pain.001.001.03 on
 * standard output as ar-refund writes it (MsgId the same FNV-1a of the
 * lines, one PmtInf per value date and currency), the refund rows
 * appended to the journal.
 *
 * Integers for money (two decimals), no checks of the data, CSV quotes
 * read and written but nothing else of RFC 4180 (no line breaks in
 * fields): the bench's own data only.
 *
 *   minimal-refund propose ITEMS CUSTOMERS JOURNAL AS-OF
 *   minimal-refund pay APPROVED CUSTOMERS JOURNAL AS-OF VALUE-DATE USER
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 16
#define MAXCUR 8

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* Fields of a line split on commas in place, quotes taken off ("" is "). */
static int
split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	for (;;) {
		if (*p == '"') {
			char *q = ++p, *w = p;

			f[n++] = w;
			for (; *q; q++) {
				if (*q == '"' && *++q != '"')
					break;
				*w++ = *q;
			}
			p = q;
			*w = '\0';
		} else {
			f[n++] = p;
			p += strcspn(p, ",");
		}
		if (*p != ',' || n == max) {
			*p = '\0';
			return n;
		}
		*p++ = '\0';
	}
}

static void
put_text(const char *s)
{
	size_t len = strlen(s);

	if (len > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[0] == '\t' ||
	    s[len - 1] == ' ' || s[len - 1] == '\t')) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
		return;
	}
	fputs(s, stdout);
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

static void
money(char *buf, int64_t v)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	sprintf(buf, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
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

/* ---- customers ---- */

struct group {
	int company, cur;
	int64_t balance;
	long newest;            /* newest credit item, -1: none */
};

struct dispute {
	char *doc;
	long raised_day, raised_line, resolved_day, resolved_line;  /* -1: none */
};

struct cust {
	char *id;
	bool in_master, insolvent, disputed_item;
	char *name, *account, *code, *holder;
	struct group *g;
	int ng, capg;
	struct dispute *d;
	int nd, capd;
	int credit_cur[MAXCUR], ncredit;        /* currencies in credit, by code */
	char *items[MAXCUR];
	size_t ilen[MAXCUR], icap[MAXCUR];
};

static struct cust **tab;
static size_t tcap, tn;

static struct cust *
cust_of(const char *id, bool add)
{
	size_t i;

	if (add && 2 * (tn + 1) > tcap) {
		size_t ncap = tcap ? 2 * tcap : 1 << 16;
		struct cust **nt = calloc(ncap, sizeof *nt);

		for (size_t k = 0; k < tcap; k++)
			if (tab[k] != NULL) {
				for (i = hash(tab[k]->id) & (ncap - 1); nt[i] != NULL; i = (i + 1) & (ncap - 1))
					;
				nt[i] = tab[k];
			}
		free(tab);
		tab = nt;
		tcap = ncap;
	}
	if (tcap == 0)
		return NULL;
	for (i = hash(id) & (tcap - 1); tab[i] != NULL; i = (i + 1) & (tcap - 1))
		if (strcmp(tab[i]->id, id) == 0)
			return tab[i];
	if (!add)
		return NULL;
	tab[i] = calloc(1, sizeof **tab);
	tab[i]->id = strdup(id);
	tab[i]->name = tab[i]->account = tab[i]->code = tab[i]->holder = "";
	tn++;
	return tab[i];
}

static void
read_master(const char *path)
{
	static const char *const proceedings[] = { "liquidation", "administration",
	    "judicial_management", "bankruptcy" };
	char buf[4096], *f[MAXF];
	FILE *fp = fopen(path, "r");

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	/* customer,name,status,status_date,bank_account,bank_code,bank_holder */
	while (fgets(buf, sizeof buf, fp)) {
		struct cust *c;

		if (split(buf, f, MAXF) < 7)
			continue;
		c = cust_of(f[0], true);
		c->in_master = true;
		c->name = strdup(f[1]);
		c->account = strdup(f[4]);
		c->code = strdup(f[5]);
		c->holder = strdup(f[6][0] ? f[6] : f[1]);
		for (size_t k = 0; k < 4; k++)
			c->insolvent = c->insolvent || strcmp(f[2], proceedings[k]) == 0;
	}
	fclose(fp);
}

/* ---- propose ---- */

static char curs[MAXCUR][4], *companies[64];
static int ncurs, ncompanies;

static int
cur_of(const char *code)
{
	for (int i = 0; i < ncurs; i++)
		if (strcmp(curs[i], code) == 0)
			return i;
	memcpy(curs[ncurs], code, 4);
	return ncurs++;
}

static int
company_of(const char *s)
{
	for (int i = 0; i < ncompanies; i++)
		if (strcmp(companies[i], s) == 0)
			return i;
	companies[ncompanies] = strdup(s);
	return ncompanies++;
}

static void
read_journal_disputes(const char *path, const char *as_of)
{
	char buf[4096], *f[MAXF];
	long line = 1;
	FILE *fp = fopen(path, "r");

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	while (fgets(buf, sizeof buf, fp)) {
		char *a = strchr(buf, ','), *b;
		struct cust *c;
		struct dispute *d = NULL;
		bool resolved;
		long day;

		line++;
		if (a == NULL || (b = strchr(a + 1, ',')) == NULL || strncmp(b + 1, "dispute", 7) != 0)
			continue;
		if (split(buf, f, MAXF) < 12 || strcmp(f[0], as_of) > 0)
			continue;
		resolved = strcmp(f[2], "dispute_resolved") == 0;
		if (!resolved && strcmp(f[2], "dispute") != 0)
			continue;
		c = cust_of(f[1], true);
		for (int i = 0; i < c->nd && d == NULL; i++)
			if (strcmp(c->d[i].doc, f[4]) == 0)
				d = &c->d[i];
		if (d == NULL) {
			if (c->nd == c->capd) {
				c->capd = c->capd ? 2 * c->capd : 2;
				c->d = realloc(c->d, (size_t)c->capd * sizeof *c->d);
			}
			d = &c->d[c->nd++];
			*d = (struct dispute){ strdup(f[4]), -1, -1, -1, -1 };
		}
		day = day_of(f[0]);
		/* the latest by date, then line */
		if (resolved && (day > d->resolved_day || (day == d->resolved_day && line > d->resolved_line))) {
			d->resolved_day = day;
			d->resolved_line = line;
		} else if (!resolved && (day > d->raised_day ||
		    (day == d->raised_day && line > d->raised_line))) {
			d->raised_day = day;
			d->raised_line = line;
		}
	}
	fclose(fp);
}

static bool
journal_disputed(const struct cust *c)
{
	for (int i = 0; i < c->nd; i++) {
		const struct dispute *d = &c->d[i];

		if (d->raised_day >= 0 && (d->raised_day > d->resolved_day ||
		    (d->raised_day == d->resolved_day && d->raised_line > d->resolved_line)))
			return true;
	}
	return false;
}

static void
read_items(const char *path, bool second)
{
	char buf[4096], *f[MAXF];
	FILE *fp = fopen(path, "r");

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	/* customer,doc_no,doc_type,doc_date,due_date,currency,amount,company,dispute */
	while (fgets(buf, sizeof buf, fp)) {
		struct cust *c;
		struct group *g = NULL;
		int cur, co;
		int64_t amount;

		split(buf, f, MAXF);
		if (second) {
			if ((c = cust_of(f[0], false)) == NULL || c->ncredit == 0)
				continue;
			cur = cur_of(f[5]);
			for (int k = 0; k < c->ncredit; k++)
				if (c->credit_cur[k] == cur) {
					size_t n = strlen(f[1]);

					if (c->ilen[k] + n + 2 > c->icap[k]) {
						while (c->ilen[k] + n + 2 > c->icap[k])
							c->icap[k] = c->icap[k] ? 2 * c->icap[k] : 64;
						c->items[k] = realloc(c->items[k], c->icap[k]);
					}
					if (c->ilen[k] > 0)
						c->items[k][c->ilen[k]++] = ';';
					memcpy(c->items[k] + c->ilen[k], f[1], n + 1);
					c->ilen[k] += n;
				}
			continue;
		}
		c = cust_of(f[0], true);
		cur = cur_of(f[5]);
		co = company_of(f[7]);
		amount = cents(f[6]);
		c->disputed_item = c->disputed_item || f[8][0] != '\0';
		for (int k = 0; k < c->ng && g == NULL; k++)
			if (c->g[k].company == co && c->g[k].cur == cur)
				g = &c->g[k];
		if (g == NULL) {
			if (c->ng == c->capg) {
				c->capg = c->capg ? 2 * c->capg : 2;
				c->g = realloc(c->g, (size_t)c->capg * sizeof *c->g);
			}
			g = &c->g[c->ng++];
			*g = (struct group){ co, cur, 0, -1 };
		}
		g->balance += amount;
		if (amount < 0) {
			long day = day_of(f[3][0] ? f[3] : f[4]);

			if (day > g->newest)
				g->newest = day;
		}
	}
	fclose(fp);
}

static int
by_id(const void *a, const void *b)
{
	return strcmp((*(struct cust *const *)a)->id, (*(struct cust *const *)b)->id);
}

static int
by_code(const void *a, const void *b)
{
	return strcmp(curs[*(const int *)a], curs[*(const int *)b]);
}

static bool
account_valid(const char *s)
{
	int n = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '\t')
			continue;
		if (*s < '0' || *s > '9')
			return false;
		n++;
	}
	return n >= 5 && n <= 20;
}

static bool
bic_valid(const char *b)
{
	size_t n = strlen(b);

	if (n != 8 && n != 11)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool up = b[i] >= 'A' && b[i] <= 'Z', dig = b[i] >= '0' && b[i] <= '9';

		if ((i < 6 && !up) || (i >= 6 && !up && !dig))
			return false;
	}
	return !(b[6] == '0' || b[6] == '1' || b[7] == 'O');
}

static int
propose(char **argv)
{
	const char *as_of = argv[5];
	long today = day_of(as_of);
	char ymd[9], amt[32];
	struct cust **all;
	size_t n = 0;

	snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", as_of, as_of + 5, as_of + 8);
	read_master(argv[3]);
	read_journal_disputes(argv[4], as_of);
	read_items(argv[2], false);
	all = malloc((tn + 1) * sizeof *all);
	for (size_t i = 0; i < tcap; i++)
		if (tab[i] != NULL && tab[i]->ng > 0)
			all[n++] = tab[i];
	qsort(all, n, sizeof *all, by_id);
	for (size_t i = 0; i < n; i++) {
		struct cust *c = all[i];
		int64_t sum[MAXCUR] = { 0 };
		long newest[MAXCUR];
		int order[MAXCUR], no = 0;
		bool has[MAXCUR] = { false };

		for (int k = 0; k < c->ng; k++) {
			const struct group *g = &c->g[k];

			if (!has[g->cur]) {
				has[g->cur] = true;
				newest[g->cur] = -1;
				order[no++] = g->cur;
			}
			sum[g->cur] += g->balance;
			if (g->newest > newest[g->cur])
				newest[g->cur] = g->newest;
		}
		qsort(order, (size_t)no, sizeof *order, by_code);
		for (int k = 0; k < no; k++)
			if (sum[order[k]] < 0)
				c->credit_cur[c->ncredit++] = order[k];
	}
	read_items(argv[2], true);
	printf("refund_id,customer,name,currency,amount,items,bank_holder,bank_account,bank_code,"
	    "value_date,status,reason\n");
	for (size_t i = 0; i < n; i++) {
		struct cust *c = all[i];
		bool owes = false, disputed = c->disputed_item || journal_disputed(c);

		for (int k = 0; k < c->ng; k++)
			owes = owes || c->g[k].balance > 0;
		for (int k = 0; k < c->ncredit; k++) {
			int cur = c->credit_cur[k];
			int64_t sum = 0;
			long newest = -1;
			const char *reason = "";

			for (int q = 0; q < c->ng; q++)
				if (c->g[q].cur == cur) {
					sum += c->g[q].balance;
					if (c->g[q].newest > newest)
						newest = c->g[q].newest;
				}
			if (c->insolvent)
				reason = "insolvent";
			else if (disputed)
				reason = "dispute";
			else if (owes)
				reason = "open_debits";
			else if (newest >= 0 && today - newest < 30)
				reason = "too_recent";
			else if (c->account[0] == '\0')
				reason = "no_bank_account";
			else if (!account_valid(c->account) || !bic_valid(c->code))
				reason = "bank_account_invalid";
			money(amt, -sum);
			printf("R-%s-%s-%s,%s,", c->id, curs[cur], ymd, c->id);
			put_text(c->name);
			printf(",%s,%s,%s,", curs[cur], amt, c->items[k] ? c->items[k] : "");
			put_text(c->in_master ? c->holder : "");
			printf(",%s,%s,,%s,%s\n", c->account, c->code, reason[0] ? "excluded" : "proposed",
			    reason);
		}
	}
	return 0;
}

/* ---- pay ---- */

struct line {
	char *id, *customer, *amount, *cur, *holder, *account, *code, *value_date;
	char digits[24];
	int64_t cents;
	size_t at;              /* its place in the proposal */
};

static uint32_t
fnv(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h * 16777619u;
}

static void
put_xml(const char *s)
{
	for (; *s; s++)
		if (*s == '&')
			fputs("&amp;", stdout);
		else if (*s == '<')
			fputs("&lt;", stdout);
		else if (*s == '>')
			fputs("&gt;", stdout);
		else
			putchar(*s);
}

static void
digits_of(const char *s, char *out)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			*out++ = *s;
	*out = '\0';
}

static int
by_block(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = strcmp(x->value_date, y->value_date);

	return c != 0 ? c : strcmp(x->cur, y->cur);
}

static int
by_block_then_place(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = by_block(a, b);

	return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

static int
pay(char **argv)
{
	const char *as_of = argv[5], *value_date = argv[6], *user = argv[7];
	char buf[8192], *f[MAXF], msg[64], amt[32];
	struct line *lines = NULL, *sorted;
	size_t n = 0, cap = 0, nrefs = 0, refcap = 1 << 10;
	char **refs = calloc(refcap, sizeof *refs);
	uint32_t h = 2166136261u;
	int64_t total = 0;
	FILE *fp;

	read_master(argv[3]);
	/* the journal's refund refs: paid is paid */
	if ((fp = fopen(argv[4], "r")) == NULL || fgets(buf, sizeof buf, fp) == NULL)
		return 2;
	while (fgets(buf, sizeof buf, fp)) {
		char *a = strchr(buf, ','), *b;
		size_t i;

		if (a == NULL || (b = strchr(a + 1, ',')) == NULL || strncmp(b + 1, "refund,", 7) != 0 ||
		    split(buf, f, MAXF) < 12 || f[9][0] == '\0')
			continue;
		if (2 * (nrefs + 1) > refcap) {
			char **old = refs;
			size_t oc = refcap;

			refcap *= 2;
			refs = calloc(refcap, sizeof *refs);
			for (size_t k = 0; k < oc; k++)
				if (old[k] != NULL) {
					for (i = hash(old[k]) & (refcap - 1); refs[i]; i = (i + 1) & (refcap - 1))
						;
					refs[i] = old[k];
				}
			free(old);
		}
		for (i = hash(f[9]) & (refcap - 1); refs[i] && strcmp(refs[i], f[9]) != 0;
		    i = (i + 1) & (refcap - 1))
			;
		if (refs[i] == NULL) {
			refs[i] = strdup(f[9]);
			nrefs++;
		}
	}
	fclose(fp);
	if ((fp = fopen(argv[2], "r")) == NULL || fgets(buf, sizeof buf, fp) == NULL)
		return 2;
	/* refund_id,customer,name,currency,amount,items,bank_holder,bank_account,bank_code,
	 * value_date,status,reason */
	while (fgets(buf, sizeof buf, fp)) {
		struct line *l;
		const struct cust *c;
		char d1[64], d2[64];
		size_t i;

		if (split(buf, f, MAXF) < 12 || strcmp(f[10], "approved") != 0)
			continue;
		for (i = hash(f[0]) & (refcap - 1); refs[i] && strcmp(refs[i], f[0]) != 0;
		    i = (i + 1) & (refcap - 1))
			;
		if (refs[i] != NULL)
			continue;
		c = cust_of(f[1], false);
		digits_of(f[7], d1);
		digits_of(c != NULL ? c->account : "", d2);
		if (c == NULL || strcmp(d1, d2) != 0 || strcmp(c->code, f[8]) != 0 ||
		    strcmp(c->holder, f[6]) != 0) {
			fprintf(stderr, "minimal-refund: %s: bank details not the master's\n", f[0]);
			return 1;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			lines = realloc(lines, cap * sizeof *lines);
		}
		l = &lines[n++];
		l->id = strdup(f[0]);
		l->customer = strdup(f[1]);
		l->cur = strdup(f[3]);
		l->amount = strdup(f[4]);
		l->holder = strdup(f[6]);
		l->account = strdup(f[7]);
		l->code = strdup(f[8]);
		l->value_date = strdup(f[9][0] ? f[9] : value_date);
		digits_of(f[7], l->digits);
		l->cents = cents(f[4]);
		l->at = n - 1;
		total += l->cents;
		h = fnv(fnv(fnv(fnv(fnv(fnv(h, l->id), l->amount), l->cur), l->value_date), l->account),
		    l->code);
	}
	fclose(fp);
	if (n == 0)
		return 0;
	snprintf(msg, sizeof msg, "REFUND-%.4s%.2s%.2s-%08x", as_of, as_of + 5, as_of + 8,
	    (unsigned)h);
	/* the blocks by date and code, their lines in the proposal's order */
	sorted = malloc(n * sizeof *sorted);
	memcpy(sorted, lines, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_block_then_place);
	money(amt, total);
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:"
	    "tech:xsd:pain.001.001.03\">\n  <CstmrCdtTrfInitn>\n    <GrpHdr>\n      <MsgId>%s</MsgId>\n"
	    "      <CreDtTm>%sT00:00:00</CreDtTm>\n      <NbOfTxs>%zu</NbOfTxs>\n      <CtrlSum>%s"
	    "</CtrlSum>\n      <InitgPty>\n        <Nm>Bench Berhad</Nm>\n      </InitgPty>\n"
	    "    </GrpHdr>\n", msg, as_of, n, amt);
	for (size_t b = 0, nb = 0; b < n; nb++) {
		size_t e = b;
		int64_t sum = 0;

		while (e < n && by_block(&sorted[b], &sorted[e]) == 0)
			sum += sorted[e++].cents;
		money(amt, sum);
		printf("    <PmtInf>\n      <PmtInfId>%s-%zu</PmtInfId>\n      <PmtMtd>TRF</PmtMtd>\n"
		    "      <BtchBookg>false</BtchBookg>\n      <NbOfTxs>%zu</NbOfTxs>\n"
		    "      <CtrlSum>%s</CtrlSum>\n      <ReqdExctnDt>%s</ReqdExctnDt>\n      <Dbtr>\n"
		    "        <Nm>Bench Berhad</Nm>\n      </Dbtr>\n      <DbtrAcct>\n        <Id>\n"
		    "          <Othr>\n            <Id>514011009988</Id>\n          </Othr>\n        </Id>\n"
		    "      </DbtrAcct>\n      <DbtrAgt>\n        <FinInstnId>\n          <BIC>MBBEMYKL</BIC>\n"
		    "        </FinInstnId>\n      </DbtrAgt>\n      <ChrgBr>DEBT</ChrgBr>\n", msg, nb + 1,
		    e - b, amt, sorted[b].value_date);
		for (; b < e; b++) {
			const struct line *l = &sorted[b];

			printf("      <CdtTrfTxInf>\n        <PmtId>\n          <EndToEndId>%s</EndToEndId>\n"
			    "        </PmtId>\n        <Amt>\n          <InstdAmt Ccy=\"%s\">%s</InstdAmt>\n"
			    "        </Amt>\n        <CdtrAgt>\n          <FinInstnId>\n            <BIC>%s</BIC>\n"
			    "          </FinInstnId>\n        </CdtrAgt>\n        <Cdtr>\n          <Nm>", l->id,
			    l->cur, l->amount, l->code);
			put_xml(l->holder);
			printf("</Nm>\n        </Cdtr>\n        <CdtrAcct>\n          <Id>\n            <Othr>\n"
			    "              <Id>%s</Id>\n            </Othr>\n          </Id>\n        </CdtrAcct>\n"
			    "        <RmtInf>\n          <Ustrd>Refund of credit balance %s</Ustrd>\n"
			    "        </RmtInf>\n      </CdtTrfTxInf>\n", l->digits, l->id);
		}
		printf("    </PmtInf>\n");
	}
	printf("  </CstmrCdtTrfInitn>\n</Document>\n");
	if ((fp = fopen(argv[4], "a")) == NULL)
		return 2;
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s,%s,refund,,,%s,%s,,,%s,%s,pain.001 %s\n", lines[i].value_date,
		    lines[i].customer, lines[i].amount, lines[i].cur, lines[i].id, user, msg);
	return fclose(fp) != 0;
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "propose") == 0)
		return propose(argv);
	if (argc == 8 && strcmp(argv[1], "pay") == 0)
		return pay(argv);
	fprintf(stderr, "usage: minimal-refund propose ITEMS CUSTOMERS JOURNAL AS-OF\n"
	    "       minimal-refund pay APPROVED CUSTOMERS JOURNAL AS-OF VALUE-DATE USER\n");
	return 2;
}
