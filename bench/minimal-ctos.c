/*
 * minimal-ctos.c - the floor ar-ctos's first month is measured against:
 * what a competent C programmer writes in an afternoon to compute the same
 * update.csv (every debtor NEW: no state) and the customers not listed.
 * fgets and an in-place split (RFC 4180 quotes, no line break inside a
 * cell; no libcsv), the customers in a small open-addressing hash, int64
 * cents, civil days, the past-due items in one array put in customer
 * order by a counting sort, each customer's dozen then sorted by age.  No
 * state, no workbook, no masking, no journal disputes, no checks beyond the
 * shape of the header; the registration number checked only as this bench
 * writes it (id_type ssm, SSM's new form): the cost of the work itself.
 *
 *   cc -O2 -o minimal-ctos minimal-ctos.c
 *   minimal-ctos AS_OF DEFAULT_TERMS MIN_AMOUNT MIN_DAYS NOTICE_DAYS LIST_WRITTEN_OFF \
 *       customers.csv journal.csv items.csv update.csv not-listed.csv
 *
 * The rules are lib/ar/ctos.h's, in MYR: an item without a due_date is due
 * doc_date + the customer's terms_days (else DEFAULT_TERMS); the lines of
 * one doc_no are one item; the credits (every item <= 0) pay the undisputed
 * positive items past due oldest first (due, doc_date, doc_no); the first
 * reason that fails, in ctos.h's order; the notice the latest ctos_notice
 * on or before AS_OF - NOTICE_DAYS (by date, then line).  The rows are by
 * customer (bytes), then oldest item first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-out.h"

#define MAX_FIELDS 64
#define DOC_MAX 24
#define NONE (-1000000L)        /* no date */

enum reason {
	ELIGIBLE, NOT_OVERDUE, DISPUTE, WRITTEN_OFF, BELOW_MINIMUM, TOO_RECENT, NO_NOTICE,
	NOTICE_TOO_RECENT, INVALID_ID
};
static const char *const reason_word[] = {
	"", "not_overdue", "dispute", "written_off", "below_minimum", "too_recent", "no_notice",
	"notice_too_recent", "invalid_id"
};

struct cust {
	char *id, *name, *reg_no, *notice_ref;
	const char *holder;
	int in_master, written_off, id_valid, seen, disputed, terms;   /* terms < 0: unknown */
	long last_pay, notice_latest, notice_date, notice_line, oldest;
	int64_t credits, outstanding;
	size_t first, n;                /* its listed items in items[] */
	enum reason reason;
};

struct item {
	uint32_t rank;                  /* the customer's place in customer order */
	long doc_date, due;
	int64_t amount;
	char doc_no[DOC_MAX];
};

static struct cust *custs;
static size_t ncusts, custs_cap;
struct slot {
	uint32_t hash, at;              /* at: cust index + 1, 0 empty */
	char key[16];                   /* the id when it fits, else "" */
};
static struct slot *slots;
static uint32_t *order;          /* the customers by id */
static size_t nslots;
static struct item *items;
static size_t nitems, items_cap;

static void die(const char *what)
{
	fprintf(stderr, "minimal-ctos: %s\n", what);
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
			fprintf(stderr, "minimal-ctos: no %s column\n", want[i]);
			exit(1);
		}
	}
}

/* YYYY-MM-DD -> days since 1970-01-01 (H. Hinnant); NONE for an empty cell. */
static long days(const char *s)
{
	if (*s == '\0')
		return NONE;
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Days since 1970-01-01 -> YYYY-MM-DD; "" for NONE. */
static void put_day(FILE *f, long z)
{
	if (z == NONE)
		return;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);
	char s[11] = { (char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
	               (char)('0' + y % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
	               (char)('0' + d / 10), (char)('0' + d % 10), '\0' };
	fputs(s, f);
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

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d == NULL)
		die("out of memory");
	return memcpy(d, s, n);
}

static void grow_slots(void)
{
	free(slots);
	nslots = nslots ? 2 * nslots : 1 << 16;
	if ((slots = calloc(nslots, sizeof *slots)) == NULL)
		die("out of memory");
	for (size_t k = 0; k < ncusts; k++) {
		uint32_t h = (uint32_t)hash(custs[k].id);
		size_t i = h & (nslots - 1);
		while (slots[i].at != 0)
			i = (i + 1) & (nslots - 1);
		slots[i] = (struct slot){ h, (uint32_t)k + 1, "" };
		if (strlen(custs[k].id) < sizeof slots[i].key)
			strcpy(slots[i].key, custs[k].id);
	}
}

/* The customer id, added (not in the master) when new. */
static struct cust *intern(const char *id)
{
	uint32_t h = (uint32_t)hash(id);
	size_t i;

	size_t len = strlen(id);

	/* The hash and a short id in the slot spare the cache misses of reading the id. */
	for (i = h & (nslots - 1); slots[i].at != 0; i = (i + 1) & (nslots - 1))
		if (slots[i].hash == h && strcmp(len < sizeof slots[i].key ? slots[i].key :
		    custs[slots[i].at - 1].id, id) == 0)
			return &custs[slots[i].at - 1];
	if (ncusts == custs_cap) {
		custs_cap = custs_cap ? 2 * custs_cap : 1024;
		if ((custs = realloc(custs, custs_cap * sizeof *custs)) == NULL)
			die("out of memory");
	}
	struct cust *c = &custs[ncusts++];
	memset(c, 0, sizeof *c);
	c->id = dup(id);
	c->name = c->reg_no = c->notice_ref = "";
	c->holder = "";
	c->terms = -1;
	c->last_pay = c->notice_latest = c->notice_date = c->oldest = NONE;
	slots[i] = (struct slot){ h, (uint32_t)ncusts, "" };
	if (len < sizeof slots[i].key)
		memcpy(slots[i].key, id, len + 1);
	if (2 * ncusts > nslots)
		grow_slots();
	return c;
}

static FILE *open_csv(const char *path, char *line, size_t size)
{
	static char buf[1 << 20];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		die("cannot open an input");
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (fgets(line, (int)size, f) == NULL)
		die("an input is empty");
	return f;
}

/* id_type ssm and SSM's new form YYYYTTNNNNNN: the holder word, or NULL. */
static const char *ssm_new_holder(const char *id_type, const char *reg_no)
{
	if (strcmp(id_type, "ssm") != 0 || strlen(reg_no) != 12 ||
	    strspn(reg_no, "0123456789") != 12)
		return NULL;
	int year = atoi((char[5]){ reg_no[0], reg_no[1], reg_no[2], reg_no[3], 0 });
	int type = (reg_no[4] - '0') * 10 + reg_no[5] - '0';
	if (year < 1800 || year > 2100 || type < 1 || type > 6)
		return NULL;
	return type <= 2 ? "company" : type == 3 ? "business" : "llp";
}

static void read_customers(const char *path)
{
	enum { ID, NAME, REG_NO, ID_TYPE, STATUS, TERMS, NCOL };
	static const char *const want[NCOL] = {
		"customer", "name", "reg_no", "id_type", "status", "terms_days"
	};
	int at[NCOL];
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = open_csv(path, line, sizeof line);

	bind(line, want, at, NCOL, NAME);
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);
		const char *empty = "";
#define CELL(k) (at[k] >= 0 && at[k] < n ? cell[at[k]] : empty)
		struct cust *c = intern(CELL(ID));
		char *reg = (char *)CELL(REG_NO), *end;

		c->in_master = 1;
		c->name = dup(CELL(NAME));
		reg += strspn(reg, " \t\r\n");
		for (end = reg + strlen(reg); end > reg && strchr(" \t\r\n", end[-1]); end--)
			;
		*end = '\0';
		c->reg_no = dup(reg);
		c->holder = ssm_new_holder(CELL(ID_TYPE), reg);
		c->id_valid = c->holder != NULL;
		if (!c->id_valid)
			c->holder = "";
		c->written_off = strcmp(CELL(STATUS), "written_off") == 0;
		c->terms = *CELL(TERMS) ? atoi(CELL(TERMS)) : -1;
#undef CELL
	}
	fclose(f);
}

static void read_journal(const char *path, long as_of, long notice_days)
{
	enum { DATE, ID, ACTION, REF, NCOL };
	static const char *const want[NCOL] = { "date", "customer", "action", "ref" };
	int at[NCOL];
	long line_no = 1;
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = open_csv(path, line, sizeof line);

	bind(line, want, at, NCOL, REF);
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);
		long day;

		line_no++;
		if (n <= at[ACTION] || n <= at[ID] || strcmp(cell[at[ACTION]], "ctos_notice") != 0 ||
		    (day = days(cell[at[DATE]])) > as_of)
			continue;
		struct cust *c = intern(cell[at[ID]]);
		if (day > c->notice_latest)
			c->notice_latest = day;
		if (day <= as_of - notice_days && (day > c->notice_date ||
		    (day == c->notice_date && line_no > c->notice_line))) {
			if (*c->notice_ref)
				free(c->notice_ref);
			c->notice_ref = dup(at[REF] >= 0 && at[REF] < n ? cell[at[REF]] : "");
			c->notice_date = day;
			c->notice_line = line_no;
		}
	}
	fclose(f);
}

static void read_items(const char *path, long as_of, int default_terms)
{
	enum { ID, DOC_NO, TYPE, DOC_DATE, DUE, CUR, AMOUNT, DISPUTE, NCOL };
	static const char *const want[NCOL] = {
		"customer", "doc_no", "doc_type", "doc_date", "due_date", "currency", "amount", "dispute"
	};
	int at[NCOL], last = 0;
	char line[8192], *cell[MAX_FIELDS];
	FILE *f = open_csv(path, line, sizeof line);

	bind(line, want, at, NCOL, DISPUTE);
	for (int k = 0; k < NCOL; k++)
		if (at[k] > last)
			last = at[k];
	while (fgets(line, sizeof line, f) != NULL) {
		int n = split(line, cell, MAX_FIELDS);

		if (n <= last)
			die("a row is short");
		if (strcmp(cell[at[CUR]], "MYR") != 0)
			continue;
		struct cust *c = intern(cell[at[ID]]);
		long doc = days(cell[at[DOC_DATE]]), due = days(cell[at[DUE]]);
		int64_t amount = cents(cell[at[AMOUNT]]);

		c->seen = 1;
		if (doc <= as_of && doc > c->last_pay && strcmp(cell[at[TYPE]], "PAY") == 0)
			c->last_pay = doc;
		if (amount <= 0) {
			c->credits -= amount;
			continue;
		}
		if (due == NONE)
			due = doc + (c->terms >= 0 ? c->terms : default_terms);
		if (due >= as_of)
			continue;
		if (at[DISPUTE] >= 0 && *cell[at[DISPUTE]]) {
			c->disputed = 1;
			continue;
		}
		if (strlen(cell[at[DOC_NO]]) >= DOC_MAX)
			die("a doc_no is too long");
		if (nitems == items_cap) {
			items_cap = items_cap ? 2 * items_cap : 1 << 16;
			if ((items = realloc(items, items_cap * sizeof *items)) == NULL)
				die("out of memory");
		}
		struct item *it = &items[nitems++];
		it->rank = (uint32_t)(c - custs);     /* the index for now; the rank once all are read */
		it->doc_date = doc;
		it->due = due;
		it->amount = amount;
		strcpy(it->doc_no, cell[at[DOC_NO]]);
	}
	fclose(f);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(custs[*(const uint32_t *)a].id, custs[*(const uint32_t *)b].id);
}

#define CMP(x, y) if ((x) != (y)) return (x) < (y) ? -1 : 1

static int by_age(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	CMP(x->rank, y->rank);
	CMP(x->due, y->due);
	CMP(x->doc_date, y->doc_date);
	return strcmp(x->doc_no, y->doc_no);
}

/*
 * Each customer's listing: its lines made documents (a later line of a
 * doc_no added to its first, the earliest due: a customer has a dozen
 * items, so a linear look), the credits taken off oldest first.
 */
static void list_items(void)
{
	uint32_t *rank = malloc((ncusts ? ncusts : 1) * sizeof *rank);
	size_t k = 0;

	if ((order = malloc((ncusts ? ncusts : 1) * sizeof *order)) == NULL || rank == NULL)
		die("out of memory");
	for (size_t i = 0; i < ncusts; i++)
		order[i] = (uint32_t)i;
	qsort(order, ncusts, sizeof *order, by_id);
	for (size_t i = 0; i < ncusts; i++)
		rank[order[i]] = (uint32_t)i;
	/* A counting sort by customer, then each customer's few items by age. */
	size_t *start = calloc(ncusts + 1, sizeof *start);
	struct item *sorted = malloc((nitems ? nitems : 1) * sizeof *sorted);

	if (start == NULL || sorted == NULL)
		die("out of memory");
	for (size_t i = 0; i < nitems; i++)
		start[(items[i].rank = rank[items[i].rank]) + 1]++;
	free(rank);
	for (size_t r = 0; r < ncusts; r++)
		start[r + 1] += start[r];
	for (size_t i = 0; i < nitems; i++)
		sorted[start[items[i].rank]++] = items[i];
	free(items);
	items = sorted;
	for (size_t r = 0, from = 0; r < ncusts; from = start[r++])
		qsort(items + from, start[r] - from, sizeof *items, by_age);
	free(start);
	for (size_t i = 0; i < nitems;) {
		struct cust *c = &custs[order[items[i].rank]];
		int64_t credits = c->credits;
		size_t docs = k, j, m;

		for (uint32_t r = items[i].rank; i < nitems && items[i].rank == r; i++) {
			for (j = docs; j < k && strcmp(items[j].doc_no, items[i].doc_no) != 0; j++)
				;
			if (j < k)
				items[j].amount += items[i].amount;
			else
				items[k++] = items[i];
		}
		c->first = docs;
		for (j = m = docs; j < k; j++) {
			int64_t take = credits < items[j].amount ? credits : items[j].amount;

			credits -= take;
			if (items[j].amount - take == 0)
				continue;
			items[m] = items[j];
			items[m].amount -= take;
			c->outstanding += items[m++].amount;
		}
		k = m;
		c->n = k - c->first;
		if (c->n > 0)
			c->oldest = items[c->first].due;
	}
	nitems = k;
}

static enum reason decide(const struct cust *c, long as_of, int64_t min_amount, long min_days,
    int list_written_off)
{
	if (c->n == 0)
		return c->disputed ? DISPUTE : NOT_OVERDUE;
	if (c->written_off && !list_written_off)
		return WRITTEN_OFF;
	if (c->outstanding < min_amount)
		return BELOW_MINIMUM;
	if (as_of - c->oldest < min_days)
		return TOO_RECENT;
	if (c->notice_latest == NONE)
		return NO_NOTICE;
	if (c->notice_date == NONE)
		return NOTICE_TOO_RECENT;
	if (!c->in_master || !c->id_valid)
		return INVALID_ID;
	return ELIGIBLE;
}

static void write_outputs(const char *update_path, const char *nl_path, const char *as_of_text,
    long as_of)
{
	FILE *u = fopen(update_path, "w"), *nl = fopen(nl_path, "w");

	if (u == NULL || nl == NULL)
		die("cannot create an output");
	fputs("action,debtor_type,name,id_new,id_old,customer,doc_no,doc_date,due_date,currency,"
	      "original_amount,outstanding,days_past_due,last_payment_date,notice_date,notice_ref,"
	      "listing_date,reason\n", u);
	fputs("customer,name,reason,outstanding,currency,oldest_due_date,days_past_due,"
	      "notice_date\n", nl);
	for (size_t r = 0; r < ncusts; r++) {
		const struct cust *c = &custs[order[r]];

		if (!c->seen)
			continue;
		if (c->reason != ELIGIBLE) {
			put_cell(nl, c->id);
			putc(',', nl);
			put_cell(nl, c->name);
			fprintf(nl, ",%s,", reason_word[c->reason]);
			put_money(nl, c->outstanding);
			fputs(",MYR,", nl);
			put_day(nl, c->oldest);
			putc(',', nl);
			if (c->oldest != NONE)
				fprintf(nl, "%ld", as_of - c->oldest);
			putc(',', nl);
			put_day(nl, c->notice_latest);
			putc('\n', nl);
			continue;
		}
		for (size_t i = c->first; i < c->first + c->n; i++) {
			const struct item *it = &items[i];

			fprintf(u, "NEW,%s,", c->holder);
			put_cell(u, c->name);
			putc(',', u);
			put_cell(u, c->reg_no);
			putc(',', u);
			putc(',', u);
			put_cell(u, c->id);
			putc(',', u);
			put_cell(u, it->doc_no);
			putc(',', u);
			put_day(u, it->doc_date);
			putc(',', u);
			put_day(u, it->due);
			fputs(",MYR,", u);
			put_money(u, it->amount);
			putc(',', u);
			put_money(u, it->amount);
			fprintf(u, ",%ld,", as_of - it->due);
			put_day(u, c->last_pay);
			putc(',', u);
			put_day(u, c->notice_date);
			putc(',', u);
			put_cell(u, c->notice_ref);
			fprintf(u, ",%s,\n", as_of_text);
		}
	}
	if (fclose(u) != 0 || fclose(nl) != 0)
		die("cannot write the outputs");
}

int main(int argc, char **argv)
{
	if (argc != 12) {
		fprintf(stderr, "usage: minimal-ctos AS_OF DEFAULT_TERMS MIN_AMOUNT MIN_DAYS "
		    "NOTICE_DAYS LIST_WRITTEN_OFF customers.csv journal.csv items.csv update.csv "
		    "not-listed.csv\n");
		return 64;
	}
	long as_of = days(argv[1]), min_days = atol(argv[4]), notice_days = atol(argv[5]);
	int list_written_off = strcmp(argv[6], "yes") == 0;
	int64_t min_amount = cents(argv[3]);

	grow_slots();
	read_customers(argv[7]);
	read_journal(argv[8], as_of, notice_days);
	read_items(argv[9], as_of, atoi(argv[2]));
	list_items();
	for (size_t i = 0; i < ncusts; i++)
		if (custs[i].seen)
			custs[i].reason = decide(&custs[i], as_of, min_amount, min_days,
			    list_written_off);
	write_outputs(argv[10], argv[11], argv[1], as_of);
	for (size_t i = 0; i < ncusts; i++) {
		free(custs[i].id);
		if (custs[i].in_master) {
			free(custs[i].name);
			free(custs[i].reg_no);
		}
		if (*custs[i].notice_ref)
			free(custs[i].notice_ref);
	}
	free(custs);
	free(slots);
	free(order);
	free(items);
	return 0;
}
