/*
 * minimal-remit.c - the floor of ar-remit's work for bench/run-remit.sh:
 * the customer master into a hash table with its payer accounts and Ref-1s
 * (letters and digits, upper case; one shared by two customers names
 * nobody), the open items bucketed by customer and each customer's sorted
 * by currency, due date and doc_no, the doc_nos in a hash table, the
 * journal's remittance requests up to the as-of date by ref; then per
 * credit of the listing: the payer by account, Ref-1, the invoices its
 * texts cite (all of one customer, open in its currency) or ar-match's one
 * candidate customer, the three best sets of its open debits (each one,
 * each pair and the 3 to 20 oldest of the 20 oldest, the cited ones
 * together; cited first, then the closest, the fewer, the older), the
 * decision.  Prints the review as ar-remit does without --out-dir.
 *
 * Not done: payer names are not scored (ar-remit's payer_name.c and its
 * word index), so a credit ar-remit finds by name is found here by what
 * comes after it; bench/run-remit.sh masks those rows.  Texts cite
 * invoices as INV 9xxxxxxx, INV9xxxxxxx, INVOICE 9xxxxxxx or bare (the
 * bench's forms, not docref.h's every rule); integers for money (two
 * decimals); an e-mail address is valid when it has an '@'; CSV quotes
 * read and written, no line breaks in fields: the bench's own data only.
 *
 *   minimal-remit UNMATCHED CUSTOMERS JOURNAL ITEMS AS-OF
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 16
#define NOBODY UINT32_MAX
#define AMBIG (UINT32_MAX - 1)
#define SET_MAX 20
#define BEST 3
#define KEYS_MAX 64

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* A string to a number: open addressing, keys copied, their hashes kept. */
struct map {
	char **key;
	uint64_t *h;
	uint32_t *val;
	size_t cap, n;
};

static size_t
map_find(struct map *m, const char *key, bool add)
{
	uint64_t h = hash(key);
	size_t i;

	if (add && 2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 1024;
		struct map g = { calloc(cap, sizeof(char *)), malloc(cap * sizeof(uint64_t)),
		    malloc(cap * sizeof(uint32_t)), cap, m->n };

		for (size_t k = 0; k < m->cap; k++)
			if (m->key[k] != NULL) {
				for (i = m->h[k] & (cap - 1); g.key[i]; i = (i + 1) & (cap - 1))
					;
				g.key[i] = m->key[k];
				g.h[i] = m->h[k];
				g.val[i] = m->val[k];
			}
		free(m->key);
		free(m->h);
		free(m->val);
		*m = g;
	}
	if (m->cap == 0)
		return SIZE_MAX;
	for (i = h & (m->cap - 1); m->key[i] != NULL; i = (i + 1) & (m->cap - 1))
		if (m->h[i] == h && strcmp(m->key[i], key) == 0)
			return i;
	if (!add)
		return SIZE_MAX;
	m->key[i] = strdup(key);
	m->h[i] = h;
	m->n++;
	m->val[i] = NOBODY;
	return i;
}

static uint32_t *
map_slot(struct map *m, const char *key, bool add)
{
	size_t i = map_find(m, key, add);

	return i == SIZE_MAX ? NULL : &m->val[i];
}

static uint32_t
map_get(const struct map *m, const char *key)
{
	uint32_t *v = map_slot((struct map *)m, key, false);

	return v != NULL ? *v : NOBODY;
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

	putchar(',');
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

static void
put_money(int64_t v)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	printf(",%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
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

/* Letters and digits of s, upper case, into out (64 bytes). */
static void
norm(const char *s, char *out)
{
	size_t n = 0;

	for (; *s && n < 63; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
			out[n++] = *s;
		else if (*s >= 'a' && *s <= 'z')
			out[n++] = (char)(*s - 'a' + 'A');
	out[n] = '\0';
}

/* ---- the book ---- */

struct cust {
	char *id, *name;
	bool email;
	uint32_t first, n;      /* its items in order[] */
};

struct item {
	uint32_t cust, next_doc;   /* the next item of the same doc_no */
	char cur[4];
	long due;
	char *doc;
	int64_t amount;
};

static struct map ids, accounts, ref1s, docs, requests;
static struct cust *custs;
static size_t ncust, capcust;
static struct item *items;
static uint32_t *order;
static size_t nitems, capitems;
static long *first_req, *last_req;

static uint32_t
cust_of(const char *id)
{
	uint32_t *v = map_slot(&ids, id, true);

	if (*v == NOBODY) {
		if (ncust == capcust) {
			capcust = capcust ? 2 * capcust : 4096;
			custs = realloc(custs, capcust * sizeof *custs);
		}
		custs[ncust] = (struct cust){ strdup(id), "", false, 0, 0 };
		*v = (uint32_t)ncust++;
	}
	return *v;
}

/* Each ';'-separated value of list into m for customer c (a value of two customers: AMBIG). */
static void
index_values(struct map *m, char *list, uint32_t c)
{
	for (char *s = strtok(list, ";"); s != NULL; s = strtok(NULL, ";")) {
		char key[64];
		uint32_t *v;

		norm(s, key);
		if (key[0] == '\0')
			continue;
		v = map_slot(m, key, true);
		*v = *v == NOBODY || *v == c ? c : AMBIG;
	}
}

static void
read_master(const char *path)
{
	char buf[4096], *f[MAXF];
	FILE *fp = fopen(path, "r");

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	/* customer,name,payer_account,ref1,payer_names,lang,email */
	while (fgets(buf, sizeof buf, fp)) {
		uint32_t c;

		if (split(buf, f, MAXF) < 7)
			continue;
		c = cust_of(f[0]);
		custs[c].name = strdup(f[1]);
		custs[c].email = strchr(f[6], '@') != NULL;
		index_values(&accounts, f[2], c);
		index_values(&ref1s, f[3], c);
	}
	fclose(fp);
}

static int
by_cur_due_doc(const void *a, const void *b)
{
	const struct item *x = &items[*(const uint32_t *)a], *y = &items[*(const uint32_t *)b];
	int c = strcmp(x->cur, y->cur);

	if (c != 0)
		return c;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if ((c = strcmp(x->doc, y->doc)) != 0)
		return c;
	return (x->amount > y->amount) - (x->amount < y->amount);
}

static void
read_items(const char *path)
{
	char buf[4096], *f[MAXF];
	FILE *fp = fopen(path, "r");
	uint32_t *fill;

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	/* customer,doc_no,doc_type,doc_date,due_date,currency,amount */
	while (fgets(buf, sizeof buf, fp)) {
		struct item *it;
		uint32_t *d;
		size_t at;
		int64_t a;

		split(buf, f, MAXF);
		if ((a = cents(f[6])) == 0)
			continue;
		if (nitems == capitems) {
			capitems = capitems ? 2 * capitems : 1 << 16;
			items = realloc(items, capitems * sizeof *items);
		}
		it = &items[nitems];
		it->cust = cust_of(f[0]);
		memcpy(it->cur, f[5], 4);
		it->due = day_of(f[4][0] ? f[4] : f[3]);
		it->amount = a;
		at = map_find(&docs, f[1], true);
		it->doc = docs.key[at];         /* the map's copy: it never moves */
		d = &docs.val[at];
		it->next_doc = *d;
		*d = (uint32_t)nitems++;
		custs[it->cust].n++;
	}
	fclose(fp);
	/* bucket by customer, then each customer's by currency, due date, doc_no */
	order = malloc((nitems + 1) * sizeof *order);
	fill = malloc((ncust + 1) * sizeof *fill);
	for (size_t c = 0, at = 0; c < ncust; c++) {
		custs[c].first = (uint32_t)at;
		fill[c] = (uint32_t)at;
		at += custs[c].n;
	}
	for (size_t i = 0; i < nitems; i++)
		order[fill[items[i].cust]++] = (uint32_t)i;
	for (size_t c = 0; c < ncust; c++)
		if (custs[c].n > 1)
			qsort(order + custs[c].first, custs[c].n, sizeof *order, by_cur_due_doc);
	free(fill);
}

static void
read_journal(const char *path, const char *as_of)
{
	char buf[4096], *f[MAXF];
	size_t cap = 0;
	FILE *fp = fopen(path, "r");

	if (fp == NULL || fgets(buf, sizeof buf, fp) == NULL)
		exit(2);
	while (fgets(buf, sizeof buf, fp)) {
		char *a = strchr(buf, ','), *b;
		uint32_t *v;
		long day;

		if (a == NULL || (b = strchr(a + 1, ',')) == NULL ||
		    strncmp(b + 1, "remittance_requested,", 21) != 0)
			continue;
		if (split(buf, f, MAXF) < 12 || f[9][0] == '\0' || strcmp(f[0], as_of) > 0)
			continue;
		day = day_of(f[0]);
		v = map_slot(&requests, f[9], true);
		if (*v == NOBODY) {
			*v = (uint32_t)(requests.n - 1);
			if (requests.n > cap) {
				cap = cap ? 2 * cap : 1024;
				first_req = realloc(first_req, cap * sizeof *first_req);
				last_req = realloc(last_req, cap * sizeof *last_req);
			}
			first_req[*v] = last_req[*v] = day;
		}
		if (day < first_req[*v])
			first_req[*v] = day;
		if (day > last_req[*v])
			last_req[*v] = day;
	}
	fclose(fp);
}

/* ---- one credit ---- */

struct keys {
	char k[KEYS_MAX][16];
	int n;
};

/* The invoices text cites: tokens of letters and digits, INV / INVOICE 9xxxxxxx. */
static void
cited_keys(const char *t, struct keys *out)
{
	while (*t) {
		const char *w = t;
		size_t len, skip = 0;
		char up[16];

		while (*t && ((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9')))
			t++;
		len = (size_t)(t - w);
		if (len == 0) {
			t++;
			continue;
		}
		if (len > 15)
			continue;
		for (size_t i = 0; i < len; i++)
			up[i] = (char)(w[i] >= 'a' && w[i] <= 'z' ? w[i] - 'a' + 'A' : w[i]);
		up[len] = '\0';
		if (strncmp(up, "INVOICE", 7) == 0)
			skip = 7;
		else if (strncmp(up, "INV", 3) == 0)
			skip = 3;
		if (len - skip != 8 || up[skip] != '9' || strspn(up + skip, "0123456789") != 8)
			continue;
		int k = 0;

		while (k < out->n && strcmp(out->k[k], up + skip) != 0)
			k++;
		if (k == out->n && out->n < KEYS_MAX)
			memcpy(out->k[out->n++], up + skip, 9);
	}
}

struct set {
	int n;
	uint32_t at[SET_MAX];   /* positions in the customer's debits, oldest first */
	int64_t sum;
	bool cited;
};

struct ranking {
	int64_t amount;
	const int64_t *open;
	const bool *cited;
	struct set best[BEST];
	int n;
};

static bool
better(const struct ranking *k, const struct set *a, const struct set *b)
{
	int64_t da = k->amount - a->sum, db = k->amount - b->sum;

	da = da < 0 ? -da : da;
	db = db < 0 ? -db : db;
	if (a->cited != b->cited)
		return a->cited;
	if (da != db)
		return da < db;
	if (a->n != b->n)
		return a->n < b->n;
	for (int i = 0; i < a->n; i++)
		if (a->at[i] != b->at[i])
			return a->at[i] < b->at[i];
	return false;
}

static void
offer(struct ranking *k, const uint32_t *at, int n)
{
	struct set s = { n, { 0 }, 0, true };
	int w;

	for (int i = 0; i < n; i++) {
		s.at[i] = at[i];
		s.sum += k->open[at[i]];
		s.cited = s.cited && k->cited[at[i]];
	}
	for (int i = 0; i < k->n; i++)
		if (k->best[i].n == n && memcmp(k->best[i].at, s.at, (size_t)n * sizeof *s.at) == 0)
			return;
	for (w = k->n; w > 0 && better(k, &s, &k->best[w - 1]); w--)
		;
	if (w >= BEST)
		return;
	if (k->n < BEST)
		k->n++;
	memmove(&k->best[w + 1], &k->best[w], (size_t)(k->n - 1 - w) * sizeof *k->best);
	k->best[w] = s;
}

/* The customer whose items open in cur the keys name, NOBODY when none or several. */
static uint32_t
cited_customer(const struct keys *ks, const char *cur)
{
	uint32_t who = NOBODY;

	for (int k = 0; k < ks->n; k++)
		for (uint32_t i = map_get(&docs, ks->k[k]); i != NOBODY; i = items[i].next_doc) {
			if (strcmp(items[i].cur, cur) != 0)
				continue;
			if (who != NOBODY && who != items[i].cust)
				return NOBODY;
			who = items[i].cust;
		}
	return who;
}

/* ar-match's one customer in candidates ("C1/INV-1;C1"), for low_confidence and partial. */
static uint32_t
match_named(const char *reason, const char *cands)
{
	uint32_t who = NOBODY;

	if (strcmp(reason, "low_confidence") != 0 && strcmp(reason, "partial") != 0)
		return NOBODY;
	while (*cands) {
		size_t n = strcspn(cands, ";"), len = strcspn(cands, "/;");
		char id[64];
		uint32_t c;

		if (len == 0 || len >= sizeof id)
			return NOBODY;
		memcpy(id, cands, len);
		id[len] = '\0';
		if ((c = map_get(&ids, id)) == NOBODY || (who != NOBODY && who != c))
			return NOBODY;
		who = c;
		cands += n + (cands[n] == ';');
	}
	return who;
}

static void
put_day(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	printf("%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
}

/*
 * One credit of the listing: payment_id,value_date,currency,amount,payer,
 * reference,reason,candidates,payer_account,channel,ref1,ref2,bank_ref.
 */
static void
credit(char **f, long today)
{
	char key[64];
	const char *how = "";
	char how_buf[64];
	uint32_t who;
	struct keys ks = { .n = 0 };
	struct ranking k = { .amount = cents(f[3]), .n = 0 };
	long days = today - day_of(f[1]);
	uint32_t *req;

	cited_keys(f[5], &ks);
	cited_keys(f[10], &ks);
	cited_keys(f[11], &ks);
	norm(f[8], key);
	if ((who = key[0] ? map_get(&accounts, key) : NOBODY) < AMBIG) {
		how = "payer account";
	} else {
		norm(f[10], key);
		if ((who = key[0] ? map_get(&ref1s, key) : NOBODY) < AMBIG)
			how = "Ref-1";
		else if ((who = cited_customer(&ks, f[2])) != NOBODY)
			how = "reference";
		else if ((who = match_named(f[6], f[7])) != NOBODY) {
			snprintf(how_buf, sizeof how_buf, "ar-match %s", f[6]);
			how = how_buf;
		}
	}
	if (who >= AMBIG)
		who = NOBODY;
	fputs(f[0], stdout);
	printf(",%s,%s,%s", f[1], f[2], f[3]);
	put_text(f[4]);
	put_text(f[5]);
	printf(",%s,", f[6]);
	if (who != NOBODY) {
		/* the customer's open debits in the currency, oldest first */
		const struct cust *c = &custs[who];
		int64_t open[4096];
		bool cited[4096];
		uint32_t debit[SET_MAX], cit[SET_MAX], all[4096];
		int nd = 0, nc = 0, n = 0;

		for (uint32_t j = c->first; j < c->first + c->n && n < 4096; j++) {
			const struct item *it = &items[order[j]];

			if (strcmp(it->cur, f[2]) != 0 || it->amount <= 0)
				continue;
			open[n] = it->amount;
			cited[n] = false;
			for (int q = 0; q < ks.n && !cited[n]; q++)
				cited[n] = strcmp(ks.k[q], it->doc) == 0;
			all[n] = order[j];
			if (nd < SET_MAX)
				debit[nd++] = (uint32_t)n;
			if (cited[n] && nc < SET_MAX)
				cit[nc++] = (uint32_t)n;
			n++;
		}
		k.open = open;
		k.cited = cited;
		for (int i = 0; i < n; i++) {
			uint32_t one = (uint32_t)i;

			offer(&k, &one, 1);
		}
		for (int a = 0; a < nd; a++)
			for (int b = a + 1; b < nd; b++) {
				uint32_t pair[2] = { debit[a], debit[b] };

				offer(&k, pair, 2);
			}
		for (int m = 3; m <= nd; m++)
			offer(&k, debit, m);
		if (nc > 1)
			offer(&k, cit, nc);
		fputs(c->id, stdout);
		put_text(c->name);
		printf(",%s", how);
		for (int b = 0; b < BEST; b++) {
			if (b >= k.n) {
				fputs(",,,", stdout);
				continue;
			}
			putchar(',');
			for (int i = 0; i < k.best[b].n; i++)
				printf("%s%s", i ? " + " : "", items[all[k.best[b].at[i]]].doc);
			put_money(k.best[b].sum);
			put_money(k.amount - k.best[b].sum);
		}
	} else {
		printf(",,%s,,,,,,,,,", how);
	}
	printf(",%ld,", days);
	req = map_slot(&requests, f[0], false);
	if (days >= 14)
		fputs("to escalate", stdout);
	else if (who == NOBODY)
		fputs("no customer", stdout);
	else if (req != NULL && today - last_req[*req] < 7) {
		fputs("already requested on ", stdout);
		put_day(last_req[*req]);
	} else if (!custs[who].email)
		fputs("no e-mail address", stdout);
	else
		fputs("to request", stdout);
	putchar(',');
	if (req != NULL)
		put_day(first_req[*req]);
	putchar('\n');
}

int
main(int argc, char **argv)
{
	char buf[8192], *f[MAXF];
	const char *as_of;
	long today;
	FILE *fp;

	if (argc != 6)
		return 2;
	as_of = argv[5];
	today = day_of(as_of);
	read_master(argv[2]);
	read_items(argv[4]);
	read_journal(argv[3], as_of);
	if ((fp = fopen(argv[1], "r")) == NULL || fgets(buf, sizeof buf, fp) == NULL)
		return 2;
	printf("payment_id,value_date,currency,amount,payer,reference,reason,customer,name,found_by,"
	    "candidate_1,candidate_1_amount,candidate_1_difference,candidate_2,candidate_2_amount,"
	    "candidate_2_difference,candidate_3,candidate_3_amount,candidate_3_difference,days,done,"
	    "requested\n");
	while (fgets(buf, sizeof buf, fp)) {
		if (split(buf, f, MAXF) < 13 || cents(f[3]) <= 0 || strcmp(f[1], as_of) > 0)
			continue;
		credit(f, today);
	}
	fclose(fp);
	return 0;
}
