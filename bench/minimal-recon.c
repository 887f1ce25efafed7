/*
 * minimal-recon.c - the floor of ar-recon's work for bench/run-recon.sh:
 * our items of the customer added up per document (doc_no, currency), the
 * customer's ledger read past its title to the header (Date, Doc No,
 * Description, Ref No, Currency, Debit, Credit; DD/MM/YYYY; thousands
 * separators in quoted amounts; a Total line passed over), our sign credit
 * - debit, and the three passes of lib/ar/recon.h over hash tables: their
 * doc_no (NIS- or NIS stripped) by its key (docref_key, ported), the
 * numbers their Ref No cites (blank-separated words with a digit: the
 * bench's references cite one number or none), the same amount and
 * currency 7 days apart with one partner each.  The rows classified,
 * worded and sorted, the balances per currency.  Integers for money, no
 * checks: the bench's own data only.  Prints recon.csv as ar-recon
 * --profile megamart does without --payments.
 *
 *   minimal-recon ITEMS THEIRS CUSTOMER AS-OF
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MATCHED, AMOUNT_DIFFERS, MISSING_THEIRS, MISSING_OURS, IN_TRANSIT, CN_PENDING };
static const char *const classes[] = { "matched", "amount_differs", "missing_theirs",
	"missing_ours", "payment_in_transit", "credit_note_pending" };
enum { ENTRY, PAYMENT, DEDUCTION };
enum { BY_NONE, BY_DOC_NO, BY_REFERENCE, BY_AMOUNT };

#define KEY_SIZE 32
#define NCUR 8

struct doc {
	char *doc_no, *type, key[KEY_SIZE];
	long date;
	int cur;
	int64_t amount;
	long pair;              /* line index, -1 */
	long next_key;          /* next document of the same key, -1 */
	long next_amount;       /* next document of the same amount, -1 */
	size_t cands;
};

struct line {
	char *doc_no, *ref, key[KEY_SIZE];
	long date, lineno, pair, twice_of;
	int cur, kind, basis;
	int64_t amount;
};

struct row {
	int cls, cur;
	const char *doc_no, *their_ref;
	long date, line;
	bool has_ours, has_theirs;
	int64_t ours, theirs, diff;
	const char *note;       /* a fixed text, or one made for the row */
};

static char curs[NCUR][4];
static int ncur;
static int64_t bal_ours[NCUR], bal_theirs[NCUR], bal_diff[NCUR];

static int
cur_of(const char *s)
{
	for (int i = 0; i < ncur; i++)
		if (strcmp(curs[i], s) == 0)
			return i;
	snprintf(curs[ncur], sizeof curs[ncur], "%s", s);
	return ncur++;
}

static uint64_t
hash(const char *s, uint64_t seed)
{
	uint64_t h = 1469598103934665603u ^ seed;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* Open addressing of document indexes + 1. */
struct index {
	long *v;
	size_t cap;
};

static void
index_init(struct index *x, size_t n)
{
	for (x->cap = 1024; x->cap < 2 * n; x->cap *= 2)
		;
	x->v = calloc(x->cap, sizeof *x->v);
}

static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;

	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void
put_date(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	printf("%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
}

/* "12,345.60" or "-12.3" in cents */
static int64_t
cents(const char *s)
{
	int64_t whole = 0, frac = 0;
	int neg = *s == '-';

	s += neg;
	for (; (*s >= '0' && *s <= '9') || *s == ','; s++)
		if (*s != ',')
			whole = whole * 10 + (*s - '0');
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

/* fields split on commas, in place; a quoted field ("1,234.00") unquoted */
static int
split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line, *q;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = q = p;
		if (*p == '"') {
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
				*q++ = *p == '"' ? *++p : *p;
			if (*p == '"')
				p++;
		} else {
			while (*p && *p != ',')
				*q++ = *p++;
		}
		if (*p != ',') {
			*q = '\0';
			break;
		}
		*q = '\0';
		p++;
	}
	return n;
}

/* lib/ar/docref.c's docref_key */
static const char *const invoice_words[] = { "INVOICE", "INVOIS", "INV", "IV", "NO", "BIL" };

static bool
all_invoice_words(const char *s, size_t k)
{
	if (k == 0)
		return true;
	for (size_t i = 0; i < sizeof invoice_words / sizeof *invoice_words; i++) {
		size_t w = strlen(invoice_words[i]);

		if (w <= k && memcmp(s, invoice_words[i], w) == 0 && all_invoice_words(s + w, k - w))
			return true;
	}
	return false;
}

#define ALPHA(c) (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z'))
#define DIGIT(c) ((c) >= '0' && (c) <= '9')

static void
key_of(const char *s, size_t len, char *out)
{
	char norm[256];
	size_t n = 0, start = 0, letters = 0, digits;

	out[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == ' ' || c == '-' || c == '/' || c == '.' || c == '_' || c == '#' ||
		    c == ':')
			continue;
		if (n == sizeof norm)
			return;
		norm[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	while (letters < n && ALPHA(norm[letters]))
		letters++;
	if (letters > 0 && letters < n && letters <= 16 && DIGIT(norm[letters]) &&
	    all_invoice_words(norm, letters)) {
		start = letters;
		letters = 0;
	}
	digits = start + letters;
	while (digits + 1 < n && norm[digits] == '0' && DIGIT(norm[digits + 1]))
		digits++;
	if (letters + (n - digits) == 0 || letters + (n - digits) >= KEY_SIZE)
		return;
	memcpy(out, norm + start, letters);
	memcpy(out + letters, norm + digits, n - digits);
	out[letters + n - digits] = '\0';
}

/* the generic profile's payment_types, debit_note_types, skip_values: equal, or first as a word */
static const char *const payment_types[] = { "PAY", "PV", "Payment", "Payment Voucher", "Cheque",
	"CHQ", "IBG", "GIRO", "DuitNow", "TT", "KZ", NULL };
static const char *const debit_note_types[] = { "DN", "Debit Note", "Debit Advice", "Deduction",
	"Purchase Return", "KG", NULL };
static const char *const skip_values[] = { "Total", "Grand Total", "Sub Total", "Subtotal",
	"Closing Balance", "Balance C/F", NULL };

static bool
word_of(const char *const *list, const char *cell)
{
	size_t len;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	len = strlen(cell);
	while (len > 0 && (cell[len - 1] == ' ' || cell[len - 1] == '\t'))
		len--;
	for (; *list != NULL; list++) {
		size_t n = strlen(*list);

		if (len >= n && strncasecmp(cell, *list, n) == 0 &&
		    (len == n || !(ALPHA(cell[n]) || DIGIT(cell[n]))))
			return true;
	}
	return false;
}

static struct doc *docs;
static size_t ndocs, capdocs;
static struct line *lines;
static size_t nlines, caplines;

static long
find_doc(const struct index *x, const char *doc_no, int cur)
{
	size_t i;

	for (i = hash(doc_no, (uint64_t)cur) & (x->cap - 1); x->v[i] != 0; i = (i + 1) & (x->cap - 1))
		if (docs[x->v[i] - 1].cur == cur && strcmp(docs[x->v[i] - 1].doc_no, doc_no) == 0)
			return x->v[i] - 1;
	return -1 - (long)i;
}

/* first document of (currency, key): slot of the chain's head */
static long *
key_slot(struct index *x, const char *key, int cur)
{
	size_t i;

	for (i = hash(key, 7u + (uint64_t)cur) & (x->cap - 1); x->v[i] != 0; i = (i + 1) & (x->cap - 1))
		if (docs[x->v[i] - 1].cur == cur && strcmp(docs[x->v[i] - 1].key, key) == 0)
			break;
	return &x->v[i];
}

static long *
amount_slot(struct index *x, int64_t amount, int cur)
{
	uint64_t h = ((uint64_t)amount * 0x9E3779B97F4A7C15u) ^ (uint64_t)cur;
	size_t i;

	for (i = (h ^ (h >> 29)) & (x->cap - 1); x->v[i] != 0; i = (i + 1) & (x->cap - 1))
		if (docs[x->v[i] - 1].cur == cur && docs[x->v[i] - 1].amount == amount)
			break;
	return &x->v[i];
}

static int
sign(int64_t v)
{
	return v > 0 ? 1 : v < 0 ? -1 : 0;
}

static void
pair(size_t li, size_t di, int basis)
{
	lines[li].pair = (long)di;
	lines[li].basis = basis;
	docs[di].pair = (long)li;
}

static int
by_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if (x->cur != y->cur && (c = strcmp(curs[x->cur], curs[y->cur])) != 0)
		return c;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->doc_no, y->doc_no)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->their_ref, y->their_ref);
}

static void
put_cell(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || (s[0] != ' ' && s[len - 1] != ' ' && strpbrk(s, ",\"\r\n") == NULL)) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	struct index by_doc, by_key, by_amount;
	char buf[4096], *f[16], m[3][32], text[192];
	struct row *rows;
	size_t n = 0;
	long lineno = 0, as_of;
	FILE *fp;

	if (argc != 5 || (fp = fopen(argv[1], "r")) == NULL)
		return 2;
	as_of = days_from_civil(atoi(argv[4]), atoi(argv[4] + 5), atoi(argv[4] + 8));

	/* customer,name,doc_no,doc_type,doc_date,due_date,currency,amount */
	index_init(&by_doc, 0);
	fgets(buf, sizeof buf, fp);
	while (fgets(buf, sizeof buf, fp)) {
		long i;
		int cur;
		int64_t a;

		if (split(buf, f, 16) < 8 || strcmp(f[0], argv[3]) != 0)
			continue;
		cur = cur_of(f[6]);
		a = cents(f[7]);
		bal_ours[cur] += a;
		if ((i = find_doc(&by_doc, f[2], cur)) >= 0) {
			docs[i].amount += a;
			continue;
		}
		if (ndocs == capdocs) {
			capdocs = capdocs ? 2 * capdocs : 4096;
			docs = realloc(docs, capdocs * sizeof *docs);
		}
		if (2 * (ndocs + 1) > by_doc.cap) {
			free(by_doc.v);
			index_init(&by_doc, 2 * ndocs);
			for (size_t k = 0; k < ndocs; k++)
				by_doc.v[-1 - find_doc(&by_doc, docs[k].doc_no, docs[k].cur)] = (long)k + 1;
			i = find_doc(&by_doc, f[2], cur);
		}
		by_doc.v[-1 - i] = (long)ndocs + 1;
		docs[ndocs] = (struct doc){ strdup(f[2]), strdup(f[3]), "",
		    days_from_civil(atoi(f[4]), atoi(f[4] + 5), atoi(f[4] + 8)), cur, a, -1, -1, -1, 0 };
		key_of(f[2], strlen(f[2]), docs[ndocs].key);
		ndocs++;
	}
	fclose(fp);

	/* their ledger: past the title to the header, then the entries */
	static const char header[] = "Date,Doc No,Description,Ref No,Currency,Debit,Credit";

	if ((fp = fopen(argv[2], "r")) == NULL)
		return 2;
	while (fgets(buf, sizeof buf, fp)) {
		lineno++;
		if (strncmp(buf, header, strlen(header)) == 0)
			break;
	}
	while (fgets(buf, sizeof buf, fp)) {
		struct line *l;
		const char *doc;
		int k, c, blank = 1;

		lineno++;
		k = split(buf, f, 16);
		for (c = 0; c < k; c++)
			blank = blank && f[c][0] == '\0';
		if (blank)
			continue;
		if (f[1][0] == '\0') {
			for (c = 0; c < k && !(f[c][0] && word_of(skip_values, f[c])); c++)
				;
			if (c < k)
				continue;
		}
		if (nlines == caplines) {
			caplines = caplines ? 2 * caplines : 4096;
			lines = realloc(lines, caplines * sizeof *lines);
		}
		l = &lines[nlines++];
		l->doc_no = strdup(f[1]);
		l->ref = strdup(f[3]);
		l->date = days_from_civil(atoi(f[0] + 6), atoi(f[0] + 3), atoi(f[0]));
		l->cur = cur_of(f[4][0] ? f[4] : "MYR");
		l->amount = (f[6][0] ? cents(f[6]) : 0) - (f[5][0] ? cents(f[5]) : 0);
		l->kind = word_of(payment_types, f[2]) ? PAYMENT : word_of(debit_note_types, f[2]) ?
		    DEDUCTION : ENTRY;
		l->lineno = lineno;
		l->pair = -1;
		l->twice_of = 0;
		l->basis = BY_NONE;
		doc = f[1];
		if (strlen(doc) > 4 && strncasecmp(doc, "NIS-", 4) == 0)
			doc += 4;
		else if (strlen(doc) > 3 && strncasecmp(doc, "NIS", 3) == 0)
			doc += 3;
		if (doc != f[1])
			while (*doc == ' ' || *doc == '\t')
				doc++;
		key_of(doc, strlen(doc), l->key);
		bal_theirs[l->cur] += l->amount;
	}
	fclose(fp);

	/* the documents of a key in index order, chained */
	index_init(&by_key, ndocs);
	for (size_t i = ndocs; i-- > 0;) {
		long *s;

		if (docs[i].key[0] == '\0')
			continue;
		s = key_slot(&by_key, docs[i].key, docs[i].cur);
		docs[i].next_key = *s - 1;
		*s = (long)i + 1;
	}

	/* 1. their doc_no */
	for (size_t li = 0; li < nlines; li++) {
		struct line *l = &lines[li];

		if (l->key[0] == '\0')
			continue;
		for (long di = *key_slot(&by_key, l->key, l->cur) - 1; di >= 0; di = docs[di].next_key) {
			if (docs[di].pair < 0) {
				pair(li, (size_t)di, BY_DOC_NO);
				break;
			}
			if (l->twice_of == 0)
				l->twice_of = lines[docs[di].pair].lineno;
		}
		if (l->pair >= 0)
			l->twice_of = 0;
	}

	/* 2. the numbers their reference cites, same sign */
	for (size_t li = 0; li < nlines; li++) {
		struct line *l = &lines[li];
		char *p = l->ref;

		while (l->pair < 0 && *p) {
			size_t len = strcspn(p, " \t");
			char key[KEY_SIZE];

			if (len > 0 && strcspn(p, "0123456789") < len) {
				key_of(p, len, key);
				for (long di = key[0] ? *key_slot(&by_key, key, l->cur) - 1 : -1; di >= 0;
				    di = docs[di].next_key)
					if (docs[di].pair < 0 && sign(docs[di].amount) == sign(l->amount)) {
						pair(li, (size_t)di, BY_REFERENCE);
						break;
					}
			}
			p += len;
			p += strspn(p, " \t");
		}
	}

	/* 3. amount and date, one partner each */
	{
		size_t *count = calloc(nlines + 1, sizeof *count), *only = calloc(nlines + 1, sizeof *only);

		index_init(&by_amount, ndocs);
		for (size_t i = ndocs; i-- > 0;) {
			long *s;

			if (docs[i].pair >= 0)
				continue;
			s = amount_slot(&by_amount, docs[i].amount, docs[i].cur);
			docs[i].next_amount = *s - 1;
			*s = (long)i + 1;
		}
		for (size_t li = 0; li < nlines; li++) {
			const struct line *l = &lines[li];

			if (l->pair >= 0)
				continue;
			for (long di = *amount_slot(&by_amount, l->amount, l->cur) - 1; di >= 0;
			    di = docs[di].next_amount) {
				long gap = docs[di].date > l->date ? docs[di].date - l->date :
				    l->date - docs[di].date;

				if (gap > 7)
					continue;
				count[li]++;
				only[li] = (size_t)di;
				docs[di].cands++;
			}
		}
		for (size_t li = 0; li < nlines; li++)
			if (lines[li].pair < 0 && count[li] == 1 && docs[only[li]].cands == 1)
				pair(li, only[li], BY_AMOUNT);
	}

	/* the rows */
	rows = calloc(ndocs + nlines + 1, sizeof *rows);
	for (size_t i = 0; i < ndocs; i++) {
		const struct doc *d = &docs[i];
		const struct line *l = d->pair >= 0 ? &lines[d->pair] : NULL;
		struct row *r = &rows[n++];
		const char *by = "";

		*r = (struct row){ 0, d->cur, d->doc_no, l == NULL ? "" : l->doc_no[0] ? l->doc_no :
		    l->ref, d->date, l != NULL ? l->lineno : 0, true, l != NULL, d->amount,
		    l != NULL ? l->amount : 0, 0, "" };
		r->diff = r->ours - r->theirs;
		r->cls = l == NULL ? MISSING_THEIRS : r->diff == 0 ? MATCHED : AMOUNT_DIFFERS;
		if (l == NULL) {
			r->note = strcmp(d->type, "CN") == 0 || (d->type[0] == '\0' && d->amount < 0) ?
			    "our credit note, not in their ledger: send a copy" :
			    strcmp(d->type, "PAY") == 0 ? "a payment of theirs we hold, not in their "
			    "ledger" : strcmp(d->type, "ADJ") == 0 ? "our adjustment, not in their "
			    "ledger" : "not in their ledger: send a copy";
			continue;
		}
		by = l->basis == BY_REFERENCE ? "by their reference" : l->basis == BY_AMOUNT ?
		    "by amount and date" : "";
		if (r->cls == MATCHED) {
			r->note = by;
			continue;
		}
		money(m[0], r->diff < 0 ? -r->diff : r->diff);
		snprintf(text, sizeof text, "%s%sthey booked %s %s", by, by[0] ? "; " : "", m[0],
		    r->diff > 0 ? "less" : "more");
		r->note = strdup(text);
	}
	for (size_t i = 0; i < nlines; i++) {
		const struct line *l = &lines[i];
		struct row *r;

		if (l->pair >= 0)
			continue;
		r = &rows[n++];
		*r = (struct row){ 0, l->cur, "", l->doc_no[0] ? l->doc_no : l->ref, l->date,
		    l->lineno, false, true, 0, l->amount, -l->amount, "" };
		if (l->kind == PAYMENT && l->amount < 0) {
			r->cls = IN_TRANSIT;
			r->note = "our bank not checked (no --payments)";
		} else if (l->kind == DEDUCTION && l->amount < 0) {
			r->cls = CN_PENDING;
			r->note = "their deduction, no credit note of ours: issue one or dispute it";
		} else {
			r->cls = MISSING_OURS;
			r->note = "not in our items";
			if (l->twice_of > 0) {
				snprintf(text, sizeof text, "not in our items; its document number is "
				    "on their line %ld too: booked twice?", l->twice_of);
				r->note = strdup(text);
			}
		}
	}
	qsort(rows, n, sizeof *rows, by_row);
	printf("class,doc_no,their_ref,date,currency,ours,theirs,difference,note\n");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		money(m[0], r->ours);
		money(m[1], r->theirs);
		money(m[2], r->diff);
		printf("%s,", classes[r->cls]);
		put_cell(r->doc_no);
		putchar(',');
		put_cell(r->their_ref);
		putchar(',');
		put_date(r->date);
		printf(",%s,%s,%s,%s,", curs[r->cur], r->has_ours ? m[0] : "", r->has_theirs ? m[1] : "",
		    m[2]);
		put_cell(r->note);
		putchar('\n');
		bal_diff[r->cur] += r->diff;
	}
	/* the balances by currency code */
	for (int done = 0; done < ncur; done++) {
		int c = -1;

		for (int k = 0; k < ncur; k++) {
			int rank = 0;

			for (int j = 0; j < ncur; j++)
				rank += strcmp(curs[j], curs[k]) < 0;
			if (rank == done)
				c = k;
		}
		money(m[0], bal_ours[c]);
		money(m[1], bal_theirs[c]);
		money(m[2], bal_diff[c]);
		printf("BALANCE,,,");
		put_date(as_of);
		printf(",%s,%s,%s,%s,ours - theirs = the sum of the differences\n", curs[c], m[0], m[1],
		    m[2]);
	}
	return 0;
}
