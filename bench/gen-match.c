/*
 * gen-match.c - deterministic generator of a noisy bank feed with the true
 * allocation known, for the ar-match benchmark (issue 12).
 *
 *   gen-match ITEMS PAYMENTS CUSTOMERS SEED OUTDIR
 *
 * writes, in OUTDIR:
 *   items.csv      the items stream (open items): customer,name,doc_no,
 *                  doc_type,doc_date,due_date,currency,amount
 *   customers.csv  customer,name,country,currency,terms_days,payer_account,
 *                  payer_names,ref1 (the last three ;-separated)
 *   payments.csv   the payments stream as ar-bank writes it: payment_id,
 *                  value_date,currency,amount,payer,payer_account,reference,
 *                  channel,ref1,ref2,bank_ref,statement,account,booking_date,
 *                  narrative
 *   truth.csv      payment_id,customer,doc_no,currency,amount,rule,case:
 *                  the correct allocations.  `rule` is one of reference,
 *                  exact_amount, combination, bank_charge, partial,
 *                  on_account (doc_no empty), or unidentifiable (customer
 *                  and doc_no empty, the whole amount: no one can place it).
 *                  `case` (an extra column) names the case below, so a
 *                  scorer can report per case.  remittance is never used:
 *                  no remittance advices are generated.
 * and prints the realised number of payments per case on stderr.
 *
 * The same arguments give the same bytes: own PRNG (gen-common.h), no
 * floating point in what it writes.  Money is int64 cents; MYR, USD and TWD all have 2
 * decimals.  As of 2026-11-24; payments are valued 2026-11-23..25.
 *
 * Customers (CUSTOMERS of them):
 *  - ids "C000123", about 1 in 10 numeric with leading zeros ("0004567");
 *  - 85 % MYR (Latin names, 1 in 10 of them also invoiced in USD), 8 % TWD
 *    (Taiwan, Chinese names), 7 % USD; names are unique after dropping the
 *    legal suffix (Sdn. Bhd., Bhd., PLT, Enterprise, ...), except 4 % made
 *    on purpose as near-identical twins of another customer (same name with
 *    another suffix, a plural "s" added or dropped, "New " in front);
 *  - payer_account: the customer's own account for 85 % (the others pay
 *    from accounts the master does not know); 25 % also list a director's
 *    or holding company's account, whose name is in payer_names;
 *  - ref1 (JomPAY Ref-1) for 40 % of MYR customers.
 * Items (ITEMS of them): invoices raised in batches (35 % of the time the
 * next invoice is the same customer's, so consecutive document numbers of
 * one customer exist), 6 % credit notes (negative); document numbers by
 * the customer's system: SAP "1800000123" (CN "1600000123"), "INV-0001234"
 * (CN "CN-0001234"), Taiwan "TW-0001" (CN "TWCN-0001"); amounts 10.00 to
 * 999,999.99, mostly 100.00 to 99,999.99; doc dates up to 540 days back,
 * due 30/60/90 days later (the customer's terms).
 *
 * Payments (PAYMENTS of them), each one case, drawn with these shares:
 *
 *   case            %   what the payment looks like            truth rule(s)
 *   clean          31   one invoice, its number quoted as is    reference
 *   mangled        10   one invoice, number without prefix,     reference
 *                       separators or leading zeros, or glued
 *                       to a word ("INV1234", "0001234", "tw 1")
 *   typo            5   one invoice, one digit mistyped or two  reference
 *                       adjacent transposed; exact amount
 *   multi_list      6   2-5 invoices of the customer listed     reference xN
 *   multi_range     3   2-5 consecutive numbers as a range      reference xN
 *                       ("1800000123-126", "INV 1001-1004",
 *                       "1800000123/24/25")
 *   combination     4   2-4 invoices, nothing quoted; customer  combination xN
 *                       known by payer_account
 *   exact           8   one invoice, nothing quoted; customer   exact_amount
 *                       known by payer_account
 *   charge          7   one invoice quoted, short by a bank     reference +
 *                       charge of 0.50-15.00                    bank_charge
 *   partial         3   one invoice quoted, 20-80 % paid        partial
 *   over            2   one invoice quoted, paid over (round    reference +
 *                       up, or 10.00-1,000.00 more)             on_account
 *   related_acct    3   one invoice, nothing quoted, paid from  exact_amount
 *                       the director's / holding account listed
 *                       in payer_account, payer = its alias
 *   sister          2   one invoice quoted, paid from another   reference
 *                       customer's (sister company's) account
 *   jompay          5   one invoice, JomPAY with the Ref-1      exact_amount
 *                       only (no account, no reference)
 *   name_variant    4   one invoice, nothing quoted, no known   exact_amount
 *                       account: the payer name only, written
 *                       differently (SDN. BHD. / S/B, full-width,
 *                       lower case, suffix dropped, & -> AND)
 *   lookalike       2   one invoice quoted by a customer with a reference
 *                       near-identical twin, no known account
 *   wrong_ref       2   one invoice, known account, exact       exact_amount
 *                       amount, the reference plainly wrong
 *                       (another customer's number, a PO number)
 *   advance         1   known account, an amount that fits no   on_account
 *                       open item (deposit, advance)
 *   unidentifiable  2   unknown payer and account, no usable    unidentifiable
 *                       reference, random amount
 *
 * A payment takes its customer's oldest fully open invoice(s) in its
 * currency 40 % of the time (the oldest first for several), else invoices
 * drawn at random among the open ones: FIFO is often, not always, right.
 * Referenced cases pay from the customer's known account 70 % of the time,
 * an unknown account 20 %, no account (cash, cheque) 10 %.  A payment takes
 * only fully open invoices (never a credit note), so no item is ever
 * over-allocated in the truth.  Where the amount alone identifies the
 * invoice, the truth names the oldest open item of that amount (ar-match's
 * tie rule).  When a case cannot be drawn (e.g. no customer with a Ref-1
 * left), the payment falls back to `clean`; the realised shares are printed.
 * Not guarded (rare, accepted noise): another subset of a customer's items
 * summing to a combination's amount.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-out.h"

#include "gen-common.h"

enum { MYR, USD, TWD };
static const char *const curname[] = { "MYR", "USD", "TWD" };
enum { SAP, INVS, TW };

enum pcase {
	C_CLEAN, C_MANGLED, C_TYPO, C_MLIST, C_MRANGE, C_COMB, C_EXACT,
	C_CHARGE, C_PARTIAL, C_OVER, C_RELATED, C_SISTER, C_JOMPAY, C_NAMEVAR,
	C_LOOKALIKE, C_WRONGREF, C_ADVANCE, C_UNIDENT, NCASES
};
static const char *const casename[NCASES] = {
	"clean", "mangled", "typo", "multi_list", "multi_range", "combination",
	"exact", "charge", "partial", "over", "related_acct", "sister",
	"jompay", "name_variant", "lookalike", "wrong_ref", "advance",
	"unidentifiable",
};
static const int caseweight[NCASES] = { /* percent; sums to 100 */
	31, 10, 5, 6, 3, 4, 8, 7, 3, 2, 3, 2, 5, 4, 2, 2, 1, 2,
};

struct cust {
	char id[24];
	char name[160];  /* as is (the CSV writer quotes) */
	char core[128];  /* the name without its legal suffix */
	char acct[16];   /* own bank account */
	char acct2[16];  /* director's / holding company's account */
	char alias[96];  /* its name */
	char ref1[12];
	int acct_known, has2, cur, dual, style, terms, latin, twin;
	long start, n;   /* its items in citem[], oldest due first */
};

struct item {
	int64_t amount, rem;
	long seq, doc, due;
	int cust;
	unsigned char cur, style, cn;
};

static struct cust *cu;
static struct item *it;
static long *citem;
static long *seqitem[3]; /* INV seq -> item index + 1, per style */
static long seqbase[3] = { 123, 1, 1 };
static unsigned long ncust, nitems;

/* ---- small helpers -------------------------------------------------- */


static void fmt_money(char *b, size_t n, int64_t c)
{
	snprintf(b, n, "%s%lld.%02lld", c < 0 ? "-" : "",
	         (long long)((c < 0 ? -c : c) / 100), (long long)((c < 0 ? -c : c) % 100));
}

static void doc_no(const struct item *t, char *b, size_t n)
{
	switch (t->style) {
	case SAP: snprintf(b, n, "%s%08ld", t->cn ? "16" : "18", t->seq); break;
	case INVS: snprintf(b, n, "%s%07ld", t->cn ? "CN-" : "INV-", t->seq); break;
	default: snprintf(b, n, "%s%04ld", t->cn ? "TWCN-" : "TW-", t->seq); break;
	}
}

static void upper_ascii(char *dst, size_t n, const char *s)
{
	size_t j = 0;
	for (; *s && j + 1 < n; s++)
		if (*s != '"')
			dst[j++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
	dst[j] = '\0';
}

/* Replace the first occurrence of a in s by b (in place, s of size n). */
static void replace(char *s, size_t n, const char *a, const char *b)
{
	char *p = strstr(s, a), tmp[256];
	if (!p)
		return;
	snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(p - s), s, b, p + strlen(a));
	snprintf(s, n, "%s", tmp);
}

/* The name as a bank writes it: upper case, quotes gone, 40 bytes at most
 * (ASCII names only; UTF-8 names are left whole). */
static void bank_name(char *dst, size_t n, const char *name)
{
	upper_ascii(dst, n, name);
	int ascii = 1;
	for (const char *p = dst; *p; p++)
		if (*p & 0x80)
			ascii = 0;
	if (ascii && strlen(dst) > 40)
		dst[40] = '\0';
}

/* The payer name written differently (name_variant). */
static void name_variant(char *dst, size_t n, const struct cust *c)
{
	char u[256];
	switch (below(5)) {
	case 0: /* SDN. BHD. <-> SDN BHD <-> S/B, (M) dropped */
		upper_ascii(u, sizeof u, c->name);
		if (strstr(u, "SDN. BHD."))
			replace(u, sizeof u, "SDN. BHD.", below(2) ? "SDN BHD" : "S/B");
		else if (strstr(u, "SDN BHD"))
			replace(u, sizeof u, "SDN BHD", "SDN. BHD.");
		else
			snprintf(u, sizeof u, "%s SDN BHD", c->core), upper_ascii(u, sizeof u, u);
		replace(u, sizeof u, " (M)", "");
		snprintf(dst, n, "%s", u);
		break;
	case 1: { /* full-width forms */
		upper_ascii(u, sizeof u, c->name);
		size_t j = 0;
		for (const unsigned char *p = (const unsigned char *)u; *p && j + 4 < n; p++) {
			if (*p == ' ') {
				dst[j++] = (char)0xE3; dst[j++] = (char)0x80; dst[j++] = (char)0x80;
			} else if (*p > 0x20 && *p < 0x7F) { /* U+FF01.. */
				unsigned cp = 0xFF01u + (*p - 0x21u);
				dst[j++] = (char)(0xE0 | (cp >> 12));
				dst[j++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				dst[j++] = (char)(0x80 | (cp & 0x3F));
			} else
				dst[j++] = (char)*p;
		}
		dst[j] = '\0';
		break;
	}
	case 2: { /* lower case */
		size_t j = 0;
		for (const char *p = c->name; *p && j + 1 < n; p++)
			dst[j++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
		dst[j] = '\0';
		break;
	}
	case 3: /* legal suffix dropped */
		upper_ascii(dst, n, c->core);
		break;
	default: { /* & -> AND, punctuation dropped */
		upper_ascii(u, sizeof u, c->name);
		size_t j = 0;
		for (const char *p = u; *p && j + 5 < n; p++) {
			if (*p == '&') {
				memcpy(dst + j, "AND", 3);
				j += 3;
			} else if (*p != '.' && *p != ',' && *p != '(' && *p != ')' && *p != '\'')
				dst[j++] = *p;
		}
		dst[j] = '\0';
	}
	}
}

/* ---- names ------------------------------------------------------------ */

static const char *const w1[30] = {
	"Tan", "Lim", "Wong", "Lee", "Ng", "Ong", "Chong", "Goh", "Teo", "Yap",
	"Ahmad", "Ismail", "Rahman", "Hassan", "Osman", "Aziz", "Kumar", "Raj",
	"Singh", "Muthu", "Golden", "Sunrise", "Everbright", "Pacific", "Eastern",
	"Permata", "Mutiara", "Cahaya", "Bintang", "Seri",
};
static const char *const w2[30] = {
	"Brothers", "Jaya", "Maju", "Makmur", "Sentosa", "Bersatu", "Harmoni",
	"Global", "United", "Prima", "Perdana", "Gemilang", "Dragon", "Phoenix",
	"Lotus", "Orchid", "Eagle", "Star", "Ocean", "Valley", "Hill", "River",
	"Bay", "Hup Seng", "Soon Huat", "Kim Hock", "Chee Seng", "Wah", "Ah Seng",
	"Ban Lee",
};
static const char *const trade[20] = {
	"Trading", "Hardware", "Engineering", "Logistics", "Construction",
	"Electrical", "Plastics", "Textiles", "Furniture", "Motor",
	"Food Industries", "Marketing", "Services", "Printing", "Packaging",
	"Steel", "Timber", "Agro", "Medical Supplies", "Auto Parts",
};
static const char *const place[20] = {
	"", " Penang", " Johor", " Kuantan", " Ipoh", " Melaka", " Klang",
	" Seremban", " Kuching", " Kota Kinabalu", " Shah Alam", " Batu Pahat",
	" Muar", " Sibu", " Miri", " Taiping", " Kulim", " Nilai", " Rawang",
	" Sungai Petani",
};
static const char *const lsuffix[8] = {
	" Sdn. Bhd.", " Sdn Bhd", " (M) Sdn. Bhd.", " Bhd.", " Enterprise",
	" PLT", " & Co.", ", Ltd.",
};
static const char *const zs[30] = {
	"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭",
	"謝", "洪", "郭", "邱", "曾", "廖", "賴", "徐", "周", "葉", "蘇", "莊",
	"呂", "江", "何", "蕭", "羅", "高",
};
static const char *const zm[30] = {
	"記", "氏", "興", "發", "昌", "盛", "泰", "豐", "隆", "源", "和", "利",
	"祥", "福", "德", "華", "信", "榮", "成", "達", "大", "新", "永", "金",
	"寶", "順", "益", "鴻", "聯", "光",
};
static const char *const zt[15] = {
	"貿易", "五金", "機械", "電子", "實業", "塑膠", "紡織", "食品", "建設",
	"運輸", "精密", "化工", "企業", "科技", "印刷",
};
static const char *const zc[10] = {
	"台北", "新竹", "台中", "高雄", "桃園", "台南", "彰化", "基隆", "嘉義", "宜蘭",
};
static const char *const zsuffix[4] = { "股份有限公司", "有限公司", "企業社", "" };
static const char *const people[16] = {
	"Tan Ah Kow", "Lim Siew Lan", "Wong Kok Wai", "Ahmad bin Yusof",
	"Siti binti Hamid", "Rajesh a/l Kumar", "Lee Mei Ling", "Ng Boon Hock",
	"Chong Wei Ming", "Nurul Aina", "Muthu a/l Sami", "Goh Chin Huat",
	"Ong Bee Leng", "Hassan bin Ali", "Teo Kim Seng", "Yap Swee Lian",
};
static const char *const strangers[10] = {
	"MOHD FAIZAL BIN OMAR", "CHEAH KAH WENG", "PRIYA D/O RAMAN",
	"KOH SIEW PENG", "ABDUL LATIF BIN SAID", "LAU CHEE KEONG",
	"FOO YEW LOONG", "AMIRAH BINTI ZAKI", "CHIN KAH MUN", "VIJAY KUMAR",
};

/* ---- payments --------------------------------------------------------- */

struct pay {
	int cur;
	int64_t amount;
	char payer[256], acct[20], ref[256], channel[12], ref1[16], ref2[24];
	char narr[600];
	int ntr;
	struct { int cust; char doc[24]; int64_t amt; const char *rule; } tr[8];
};

static FILE *fpay, *ftruth;
static unsigned long stmtn[3], bankref;
static long as_of;

static void truth(struct pay *p, int cust, const char *doc, int64_t amt, const char *rule)
{
	p->tr[p->ntr].cust = cust;
	snprintf(p->tr[p->ntr].doc, sizeof p->tr[p->ntr].doc, "%s", doc);
	p->tr[p->ntr].amt = amt;
	p->tr[p->ntr].rule = rule;
	p->ntr++;
}

static void emit(struct pay *p, enum pcase k)
{
	char pid[32], vd[11], amt[32];
	unsigned long n = ++stmtn[p->cur];
	snprintf(pid, sizeof pid, "STMT%d:%lu", p->cur + 1, n);
	civil_from_days(as_of - 1 + (long)below(3), vd);
	fmt_money(amt, sizeof amt, p->amount);
	if (!p->channel[0] && p->cur == MYR && p->ref1[0] == '\0') {
		uint64_t r = below(10);
		const char *ch = r < 5 ? "IBG" : r < 8 ? "DuitNow" : r < 9 ? "FPX" : "RENTAS";
		if (!p->acct[0] && r < 5)
			ch = ""; /* cash or cheque deposit */
		snprintf(p->channel, sizeof p->channel, "%s", ch);
	}
	if (!strcmp(p->channel, "JomPAY"))
		snprintf(p->narr, sizeof p->narr, "JOMPAY BILLER 54321 REF1:%s%s%s %s",
		         p->ref1, p->ref2[0] ? " REF2:" : "", p->ref2, p->payer);
	else if (p->channel[0])
		snprintf(p->narr, sizeof p->narr, "%s CR %s/%s/%s",
		         !strcmp(p->channel, "DuitNow") ? "DUITNOW" : p->channel,
		         p->acct, p->payer, p->ref);
	else if (p->cur == MYR)
		snprintf(p->narr, sizeof p->narr, "%s DEPOSIT %s %s",
		         below(2) ? "CASH" : "CHEQUE", p->payer, p->ref);
	else
		snprintf(p->narr, sizeof p->narr, "TT INWARD REMITTANCE /BENM/%s/ORDP/%s/REMI/%s",
		         p->acct, p->payer, p->ref);
	static const char *const stacct[3] = {
		"514012345678", "514087654321", "0052-100-123456",
	};
	fprintf(fpay, "%s,%s,%s,%s,", pid, vd, curname[p->cur], amt);
	put_cell(fpay, p->payer); putc(',', fpay);
	fputs(p->acct, fpay); putc(',', fpay);
	put_cell(fpay, p->ref); putc(',', fpay);
	fprintf(fpay, "%s,%s,%s,FT%010lu,STMT%d,%s,%s,", p->channel, p->ref1, p->ref2,
	        ++bankref, p->cur + 1, stacct[p->cur], vd);
	put_cell(fpay, p->narr);
	putc('\n', fpay);
	for (int i = 0; i < p->ntr; i++) {
		fprintf(ftruth, "%s,%s,%s,%s,", pid, p->tr[i].cust >= 0 ? cu[p->tr[i].cust].id : "",
		        p->tr[i].doc, curname[p->cur]);
		put_money(ftruth, p->tr[i].amt);
		fprintf(ftruth, ",%s,%s\n", p->tr[i].rule, casename[k]);
	}
}

static int64_t pick_min; /* the least amount pick_item takes */

/* A fully open invoice, drawn uniformly; -1 after too many tries. */
static long pick_item(int need_known, int need_latin, int need_ref1, int need2, int twin, int cur)
{
	for (int tries = 0; tries < 400; tries++) {
		long i = (long)below(nitems);
		const struct item *t = &it[i];
		const struct cust *c = &cu[t->cust];
		if (t->cn || t->rem != t->amount || t->rem < pick_min)
			continue;
		if ((need_known && !c->acct_known) || (need_latin && !c->latin) ||
		    (need_ref1 && (!c->ref1[0] || t->cur != MYR)) || (need2 && !c->has2) ||
		    (twin == 1 && c->twin < 0) || (twin == 0 && c->twin >= 0) ||
		    (cur >= 0 && t->cur != cur))
			continue;
		return i;
	}
	return -1;
}

/* The oldest fully open invoice of i's customer and currency (i if none
 * older): customers pay their oldest invoice first about 40 % of the time. */
static long oldest_open(long i)
{
	const struct cust *c = &cu[it[i].cust];
	for (long k = c->start; k < c->start + c->n; k++) {
		long j = citem[k];
		if (it[j].cur == it[i].cur && !it[j].cn && it[j].rem == it[j].amount &&
		    it[j].rem >= pick_min)
			return j;
	}
	return i;
}

/* The oldest open item of i's customer and currency with i's open amount. */
static long oldest_same_amount(long i)
{
	const struct cust *c = &cu[it[i].cust];
	for (long k = c->start; k < c->start + c->n; k++) {
		long j = citem[k];
		if (it[j].cur == it[i].cur && it[j].rem == it[i].rem && it[j].rem > 0)
			return j;
	}
	return i;
}

/* Does the customer have an open item of currency cur with rem in [lo, hi]? */
static int has_amount(int cust, int cur, int64_t lo, int64_t hi)
{
	const struct cust *c = &cu[cust];
	for (long k = c->start; k < c->start + c->n; k++) {
		const struct item *t = &it[citem[k]];
		if (t->cur == cur && t->rem >= lo && t->rem <= hi)
			return 1;
	}
	return 0;
}

/* Up to want-1 more fully open invoices of i's customer and currency. */
static int more_items(long i, long *out, int want, int oldest)
{
	const struct cust *c = &cu[it[i].cust];
	int n = 0;
	out[n++] = i;
	if (c->n < 2)
		return n;
	long off = oldest ? 0 : (long)below((uint64_t)c->n);
	for (long k = 0; k < c->n && n < want; k++) {
		long j = citem[c->start + (off + k) % c->n];
		if (j != i && !it[j].cn && it[j].rem == it[j].amount && it[j].cur == it[i].cur)
			out[n++] = j;
	}
	return n;
}

static void payer_from(struct pay *p, int cust, int how)
{
	/* how: 0 known/unknown/none draw, 1 known account */
	const struct cust *c = &cu[cust];
	bank_name(p->payer, sizeof p->payer, c->name);
	uint64_t r = below(10);
	if (how == 1 || (r < 7 && c->acct_known))
		snprintf(p->acct, sizeof p->acct, "%s", c->acct);
	else if (r < 9 || how == 1)
		snprintf(p->acct, sizeof p->acct, "80%010llu", (unsigned long long)below(4000000000u));
	/* else: no account (cash, cheque) */
}

static void mangle(char *dst, size_t n, const char *doc, int style)
{
	const char *digits = doc;
	while (*digits && (*digits < '0' || *digits > '9'))
		digits++;
	const char *nz = digits;
	while (*nz == '0' && nz[1])
		nz++;
	uint64_t r = below(4);
	switch (style) {
	case SAP:
		if (r == 0) snprintf(dst, n, "%.3s %.3s %s", doc, doc + 3, doc + 6);
		else if (r == 1) snprintf(dst, n, "INV%s", doc);
		else if (r == 2) snprintf(dst, n, "No.%s", doc);
		else snprintf(dst, n, "IV-%s", doc);
		break;
	case INVS:
		if (r == 0) snprintf(dst, n, "INV%s", digits);
		else if (r == 1) snprintf(dst, n, "%s", digits);
		else if (r == 2) snprintf(dst, n, "INV %s", nz);
		else snprintf(dst, n, "inv-%s", nz);
		break;
	default:
		if (r == 0) snprintf(dst, n, "TW%s", digits);
		else if (r == 1) snprintf(dst, n, "tw-%s", digits);
		else if (r == 2) snprintf(dst, n, "TW %s", nz);
		else snprintf(dst, n, "TW%s", nz);
	}
}

static void typo(char *dst, size_t n, const char *doc, int style)
{
	snprintf(dst, n, "%s", doc);
	size_t len = strlen(dst), first = 0;
	while (first < len && (dst[first] < '0' || dst[first] > '9'))
		first++;
	if (style == SAP)
		first += 2; /* the "18" stays */
	while (first + 1 < len && dst[first] == '0')
		first++; /* people mistype the significant digits */
	if (first + 1 < len && below(2)) {
		size_t k = first + (size_t)below(len - first - 1);
		if (dst[k] != dst[k + 1]) {
			char t = dst[k]; dst[k] = dst[k + 1]; dst[k + 1] = t;
			return;
		}
	}
	size_t k = first + (size_t)below(len - first);
	dst[k] = (char)('0' + (dst[k] - '0' + 1 + (int)below(9)) % 10);
}

static void ref_words(char *dst, size_t n, const char *docs)
{
	static const char *const pre[6] = { "", "", "PAYMENT ", "PYMT ", "Inv ", "PAY " };
	snprintf(dst, n, "%s%s", pre[below(6)], docs);
}

/* A run of consecutive numbers of one customer, fully open, 2..5 long. */
static int run_from(long i, long *out)
{
	const struct item *t = &it[i];
	int n = 0;
	long maxrun = 2 + (long)below(4);
	out[n++] = i;
	for (long q = t->seq + 1; n < maxrun; q++) {
		long j = seqitem[t->style][q - seqbase[t->style]] - 1;
		if (j < 0 || it[j].cust != t->cust || it[j].cur != t->cur || it[j].cn ||
		    it[j].rem != it[j].amount)
			break;
		out[n++] = j;
	}
	return n;
}

static void range_text(char *dst, size_t n, long *ix, int k)
{
	char a[24], b[24];
	const struct item *f = &it[ix[0]], *l = &it[ix[k - 1]];
	doc_no(f, a, sizeof a);
	doc_no(l, b, sizeof b);
	uint64_t r = below(3);
	if (r == 0 && f->seq / 100 == l->seq / 100 && k <= 4) { /* 1800000123/24/25 */
		size_t m = (size_t)snprintf(dst, n, "%s", a);
		for (int i = 1; i < k && m < n; i++)
			m += (size_t)snprintf(dst + m, n - m, "/%02ld", it[ix[i]].seq % 100);
		return;
	}
	if (r == 1) { /* 1800000123-1800000126 */
		snprintf(dst, n, "%s-%s", a, b);
		return;
	}
	/* first number then the last's differing tail: 1800000123-126 */
	size_t la = strlen(a), lb = strlen(b), p = 0;
	if (la == lb)
		while (p < la && a[p] == b[p])
			p++;
	if (p == la || la != lb)
		p = 0;
	while (p > 0 && b[p - 1] >= '0' && b[p - 1] <= '9' && la - p < 3)
		p--; /* at least 3 digits in the tail, as people write them */
	snprintf(dst, n, "%s-%s", a, b + p);
}

/* ---- main ------------------------------------------------------------- */

static FILE *open_out(const char *dir, const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen-match: %s: %s\n", path, strerror(errno));
		exit(73);
	}
	static char bufs[4][1 << 16];
	static int nb;
	setvbuf(f, bufs[nb++ % 4], _IOFBF, sizeof bufs[0]);
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen-match: %s: write error\n", path);
		exit(74);
	}
}

static int cmp_citem(const void *a, const void *b)
{
	const struct item *x = &it[*(const long *)a], *y = &it[*(const long *)b];
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return (*(const long *)a > *(const long *)b) - (*(const long *)a < *(const long *)b);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: gen-match ITEMS PAYMENTS CUSTOMERS SEED OUTDIR\n");
		return 64;
	}
	char *end;
	nitems = strtoul(argv[1], &end, 10);
	unsigned long npay = strtoul(argv[2], &end, 10);
	ncust = strtoul(argv[3], &end, 10);
	uint64_t seed = strtoull(argv[4], &end, 10);
	const char *dir = argv[5];
	if (ncust < 2 || ncust > 300000 || nitems < ncust || nitems > 50000000 || npay == 0) {
		fprintf(stderr, "gen-match: need 2 <= CUSTOMERS <= 300000, "
		        "CUSTOMERS <= ITEMS <= 50000000, PAYMENTS >= 1\n");
		return 64;
	}
	if (npay * 4 > nitems) {
		fprintf(stderr, "gen-match: PAYMENTS must be at most ITEMS / 4 "
		        "(payments take fully open invoices)\n");
		return 64;
	}
	uint64_t sd = seed ^ 0x61722d6d61746368u;
	for (int i = 0; i < 4; i++)
		s[i] = splitmix64(&sd);
	as_of = days_from_civil(2026, 11, 24);

	/* ---- customers ---- */
	cu = calloc(ncust, sizeof *cu);
	it = calloc(nitems, sizeof *it);
	citem = calloc(nitems, sizeof *citem);
	for (int k = 0; k < 3; k++)
		seqitem[k] = calloc(nitems + 1, sizeof *seqitem[k]);
	if (!cu || !it || !citem || !seqitem[0] || !seqitem[1] || !seqitem[2]) {
		perror("gen-match");
		return 71;
	}
	const uint64_t ML = 360000, MZ = 135000;
	uint64_t offl = below(ML), offz = below(MZ);
	unsigned long nl = 0, nz = 0;
	for (unsigned long i = 0; i < ncust; i++) {
		struct cust *c = &cu[i];
		if (below(10) == 0)
			snprintf(c->id, sizeof c->id, "%07lu", i + 1);
		else
			snprintf(c->id, sizeof c->id, "C%06lu", i + 1);
		uint64_t r = below(100);
		c->cur = r < 85 ? MYR : r < 93 ? TWD : USD;
		c->latin = c->cur != TWD;
		c->dual = c->cur == MYR && below(10) == 0;
		c->style = c->cur == TWD ? TW : below(10) < 6 ? SAP : INVS;
		c->terms = 30 * (1 + (int)below(3));
		c->twin = -1;
		if (c->latin) {
			long j = -1;
			if (i > 10 && below(100) < 4) { /* a near-identical twin */
				for (int t = 0; t < 20 && j < 0; t++) {
					long cand = (long)below(i);
					if (cu[cand].latin && cu[cand].twin < 0)
						j = cand;
				}
			}
			if (j >= 0) {
				uint64_t v = below(3);
				char tw[64]; /* twin cores are short: "W1 W2 TRADE PLACE" */
				snprintf(tw, sizeof tw, "%.63s", cu[j].core);
				size_t L = strlen(tw);
				if (v == 0)
					snprintf(c->core, sizeof c->core, "%s", tw);
				else if (v == 1 && tw[L - 1] == 's')
					snprintf(c->core, sizeof c->core, "%.*s", (int)(L - 1), tw);
				else if (v == 1)
					snprintf(c->core, sizeof c->core, "%ss", tw);
				else
					snprintf(c->core, sizeof c->core, "New %s", tw);
				const char *suf;
				do
					suf = lsuffix[below(8)];
				while (v == 0 && strstr(cu[j].name, suf));
				snprintf(c->name, sizeof c->name, "%s%s", c->core, suf);
				c->twin = (int)j;
				cu[j].twin = (int)i;
			} else {
				uint64_t k = (nl++ * 104729u + offl) % ML;
				snprintf(c->core, sizeof c->core, "%s %s %s%s", w1[k % 30],
				         w2[k / 30 % 30], trade[k / 900 % 20], place[k / 18000]);
				snprintf(c->name, sizeof c->name, "%s%s", c->core, lsuffix[below(8)]);
			}
		} else {
			uint64_t k = (nz++ * 7919u + offz) % MZ;
			snprintf(c->core, sizeof c->core, "%s%s%s%s", zc[k % 10], zs[k / 10 % 30],
			         zm[k / 300 % 30], zt[k / 9000]);
			snprintf(c->name, sizeof c->name, "%s%s", c->core, zsuffix[below(4)]);
		}
		/* accounts: a bijection of i, so every customer's is its own */
		snprintf(c->acct, sizeof c->acct, "5140%08llu",
		         (unsigned long long)((i * 7654321u + 12345u) % 100000000u));
		c->acct_known = below(100) < 85;
		if (below(100) < 25) {
			c->has2 = 1;
			snprintf(c->acct2, sizeof c->acct2, "1640%08llu",
			         (unsigned long long)((i * 3456789u + 777u) % 100000000u));
			if (below(2) || !c->latin)
				snprintf(c->alias, sizeof c->alias, "%s", people[below(16)]);
			else {
				const char *a = w1[below(30)], *b = w2[below(30)];
				snprintf(c->alias, sizeof c->alias, "%s %s Holdings Sdn Bhd", a, b);
			}
		}
		if (c->cur == MYR && below(100) < 40)
			snprintf(c->ref1, sizeof c->ref1, "10%08llu",
			         (unsigned long long)((i * 2718281u + 99u) % 100000000u));
	}

	/* ---- items ---- */
	long seqn[3][2] = { { 123, 123 }, { 1, 1 }, { 1, 1 } };
	long prev = -1, prevdoc = 0;
	int prevcur = MYR;
	for (unsigned long n = 0; n < nitems; n++) {
		struct item *t = &it[n];
		long ci;
		int cur;
		long doc;
		if (prev >= 0 && below(100) < 35) {
			ci = prev, cur = prevcur, doc = prevdoc;
		} else {
			ci = (long)below(ncust);
			cur = cu[ci].cur;
			if (cu[ci].dual && below(10) < 3)
				cur = USD;
			uint64_t r = below(100);
			long age = r < 55 ? (long)below(180) : r < 85 ? 180 + (long)below(180)
			                                              : 360 + (long)below(181);
			doc = as_of - age;
		}
		t->cust = (int)ci;
		t->cur = (unsigned char)cur;
		t->style = (unsigned char)cu[ci].style;
		t->cn = below(100) < 6;
		t->seq = seqn[t->style][t->cn]++;
		t->doc = doc;
		t->due = doc + cu[ci].terms;
		uint64_t d = below(20) == 0 ? 4 : below(10) == 0 ? 8 : 5 + below(3), lo = 1;
		for (uint64_t k = 1; k < d; k++)
			lo *= 10;
		int64_t cents = (int64_t)(lo + below(lo * 9));
		if (t->cn)
			cents = -(cents / 10 > 100 ? cents / 10 : cents);
		t->amount = t->rem = cents;
		if (!t->cn)
			seqitem[t->style][t->seq - seqbase[t->style]] = (long)n + 1;
		prev = ci, prevcur = cur, prevdoc = doc;
	}
	/* per customer, oldest due first */
	for (unsigned long n = 0; n < nitems; n++)
		cu[it[n].cust].n++;
	long acc = 0;
	for (unsigned long i = 0; i < ncust; i++) {
		cu[i].start = acc;
		acc += cu[i].n;
		cu[i].n = 0;
	}
	for (unsigned long n = 0; n < nitems; n++) {
		struct cust *c = &cu[it[n].cust];
		citem[c->start + c->n++] = (long)n;
	}
	for (unsigned long i = 0; i < ncust; i++)
		qsort(citem + cu[i].start, (size_t)cu[i].n, sizeof *citem, cmp_citem);

	char path[4][1024];
	FILE *fi = open_out(dir, "items.csv", path[0], sizeof path[0]);
	fputs("customer,name,doc_no,doc_type,doc_date,due_date,currency,amount\n", fi);
	for (unsigned long n = 0; n < nitems; n++) {
		const struct item *t = &it[n];
		char dn[24], dd[11], du[11];
		doc_no(t, dn, sizeof dn);
		civil_from_days(t->doc, dd);
		civil_from_days(t->due, du);
		fputs(cu[t->cust].id, fi); putc(',', fi);
		put_cell(fi, cu[t->cust].name);
		fprintf(fi, ",%s,%s,%s,%s,%s,", dn, t->cn ? "CN" : "INV", dd, du, curname[t->cur]);
		put_money(fi, t->amount);
		putc('\n', fi);
	}
	close_out(fi, path[0]);

	FILE *fc = open_out(dir, "customers.csv", path[1], sizeof path[1]);
	fputs("customer,name,country,currency,terms_days,payer_account,payer_names,ref1\n", fc);
	for (unsigned long i = 0; i < ncust; i++) {
		const struct cust *c = &cu[i];
		char accts[40];
		snprintf(accts, sizeof accts, "%s%s%s", c->acct_known ? c->acct : "",
		         c->acct_known && c->has2 ? ";" : "", c->has2 ? c->acct2 : "");
		fputs(c->id, fc); putc(',', fc);
		put_cell(fc, c->name);
		fprintf(fc, ",%s,%s,%d,%s,", c->cur == TWD ? "TW" : "MY", curname[c->cur],
		        c->terms, accts);
		put_cell(fc, c->has2 ? c->alias : "");
		fprintf(fc, ",%s\n", c->ref1);
	}
	close_out(fc, path[1]);

	/* ---- payments ---- */
	fpay = open_out(dir, "payments.csv", path[2], sizeof path[2]);
	ftruth = open_out(dir, "truth.csv", path[3], sizeof path[3]);
	fputs("payment_id,value_date,currency,amount,payer,payer_account,reference,channel,"
	      "ref1,ref2,bank_ref,statement,account,booking_date,narrative\n", fpay);
	fputs("payment_id,customer,doc_no,currency,amount,rule,case\n", ftruth);
	unsigned long realised[NCASES] = { 0 }, fallback = 0;
	static struct pay P;
	for (unsigned long pn = 0; pn < npay; pn++) {
		struct pay *p = &P;
		memset(p, 0, sizeof *p);
		uint64_t r = below(100);
		int k = 0;
		while (r >= (uint64_t)caseweight[k])
			r -= (uint64_t)caseweight[k++];
		long ix[8];
		char dn[24], txt[256];
	again:
		memset(p, 0, sizeof *p);
		if (k == C_UNIDENT) {
			p->cur = below(10) < 8 ? MYR : below(2) ? USD : TWD;
			p->amount = 100 + (int64_t)below(2000000);
			snprintf(p->payer, sizeof p->payer, "%s", strangers[below(10)]);
			if (below(3))
				snprintf(p->acct, sizeof p->acct, "79%010llu",
				         (unsigned long long)below(4000000000u));
			static const char *const junk[5] = { "", "PAYMENT", "TRANSFER", "FUND TRF", "BILL" };
			if (below(4) == 0)
				snprintf(p->ref, sizeof p->ref, "9%07llu", (unsigned long long)below(10000000));
			else
				snprintf(p->ref, sizeof p->ref, "%s", junk[below(5)]);
			truth(p, -1, "", p->amount, "unidentifiable");
			emit(p, (enum pcase)k);
			realised[k]++;
			continue;
		}
		long i = -1;
		pick_min = k == C_CHARGE ? 10000 : k == C_PARTIAL ? 20000 : 0;
		switch (k) {
		case C_COMB: case C_EXACT: case C_WRONGREF: case C_ADVANCE:
			i = pick_item(1, 0, 0, 0, -1, -1); break;
		case C_RELATED: i = pick_item(0, 0, 0, 1, -1, -1); break;
		case C_JOMPAY: i = pick_item(0, 0, 1, 0, -1, MYR); break;
		case C_NAMEVAR: i = pick_item(0, 1, 0, 0, 0, -1); break;
		case C_LOOKALIKE: i = pick_item(0, 0, 0, 0, 1, -1); break;
		default: i = pick_item(0, 0, 0, 0, -1, -1);
		}
		if (i < 0) {
			if (k == C_CLEAN) {
				fprintf(stderr, "gen-match: no fully open invoice left\n");
				return 65;
			}
			k = C_CLEAN, fallback++;
			goto again;
		}
		int old = below(100) < 40;
		if (old && k != C_MRANGE)
			i = oldest_open(i);
		struct item *t = &it[i];
		int ci = t->cust;
		struct cust *c = &cu[ci];
		p->cur = t->cur;
		doc_no(t, dn, sizeof dn);
		switch (k) {
		case C_CLEAN: case C_MANGLED: case C_TYPO: case C_LOOKALIKE: case C_SISTER:
			if (k == C_TYPO)
				i = oldest_same_amount(i), t = &it[i], doc_no(t, dn, sizeof dn);
			p->amount = t->rem;
			if (k == C_MANGLED)
				mangle(txt, sizeof txt, dn, t->style);
			else if (k == C_TYPO)
				typo(txt, sizeof txt, dn, t->style);
			else
				snprintf(txt, sizeof txt, "%s", dn);
			ref_words(p->ref, sizeof p->ref, txt);
			if (k == C_SISTER) {
				long a = -1;
				for (int tries = 0; tries < 50 && a < 0; tries++) {
					long cand = (long)below(ncust);
					if (cand != ci && cu[cand].acct_known)
						a = cand;
				}
				if (a < 0) { k = C_CLEAN; fallback++; goto again; }
				bank_name(p->payer, sizeof p->payer, cu[a].name);
				snprintf(p->acct, sizeof p->acct, "%s", cu[a].acct);
			} else if (k == C_LOOKALIKE) {
				bank_name(p->payer, sizeof p->payer, c->name);
				if (below(2))
					snprintf(p->acct, sizeof p->acct, "80%010llu",
					         (unsigned long long)below(4000000000u));
			} else
				payer_from(p, ci, 0);
			truth(p, ci, dn, t->rem, "reference");
			t->rem = 0;
			break;
		case C_MLIST: case C_MRANGE: {
			int n = k == C_MRANGE ? run_from(i, ix) : more_items(i, ix, 2 + (int)below(4), old);
			for (int tries = 0; k == C_MRANGE && n < 2 && tries < 200; tries++) {
				long j = pick_item(0, 0, 0, 0, -1, -1);
				if (j >= 0 && (n = run_from(j, ix)) >= 2)
					i = j, t = &it[i], ci = t->cust, c = &cu[ci], p->cur = t->cur;
			}
			if (n < 2) {
				if (k == C_MRANGE) { k = C_MLIST; goto again; }
				k = C_CLEAN; fallback++; goto again;
			}
			if (k == C_MRANGE)
				range_text(txt, sizeof txt, ix, n);
			else {
				static const char *const sep[4] = { ", ", " ", "/", " & " };
				const char *sp = sep[below(4)];
				size_t m = 0;
				txt[0] = '\0';
				for (int q = 0; q < n; q++) {
					char d2[24];
					doc_no(&it[ix[q]], d2, sizeof d2);
					m += (size_t)snprintf(txt + m, sizeof txt - m, "%s%s", q ? sp : "", d2);
				}
			}
			ref_words(p->ref, sizeof p->ref, txt);
			payer_from(p, ci, 0);
			for (int q = 0; q < n; q++) {
				char d2[24];
				doc_no(&it[ix[q]], d2, sizeof d2);
				p->amount += it[ix[q]].rem;
				truth(p, ci, d2, it[ix[q]].rem, "reference");
				it[ix[q]].rem = 0;
			}
			break;
		}
		case C_COMB: {
			int n = more_items(i, ix, 2 + (int)below(3), old);
			if (n < 2) { k = C_CLEAN; fallback++; goto again; }
			int64_t sum = 0;
			for (int q = 0; q < n; q++)
				sum += it[ix[q]].rem;
			if (has_amount(ci, t->cur, sum - 1500, sum)) { k = C_CLEAN; fallback++; goto again; }
			static const char *const w[4] = { "", "PAYMENT", "IBG TRANSFER", "AP PAYMENT NOV" };
			snprintf(p->ref, sizeof p->ref, "%s", w[below(4)]);
			payer_from(p, ci, 1);
			for (int q = 0; q < n; q++) {
				char d2[24];
				doc_no(&it[ix[q]], d2, sizeof d2);
				p->amount += it[ix[q]].rem;
				truth(p, ci, d2, it[ix[q]].rem, "combination");
				it[ix[q]].rem = 0;
			}
			break;
		}
		case C_EXACT: case C_RELATED: case C_JOMPAY: case C_NAMEVAR: case C_WRONGREF:
			i = oldest_same_amount(i), t = &it[i], doc_no(t, dn, sizeof dn);
			p->amount = t->rem;
			if (k == C_EXACT || k == C_WRONGREF)
				payer_from(p, ci, 1);
			if (k == C_EXACT) {
				static const char *const w[4] = { "", "PAYMENT", "TRANSFER", "SETTLEMENT" };
				snprintf(p->ref, sizeof p->ref, "%s", w[below(4)]);
			} else if (k == C_WRONGREF) {
				long o = (long)below(nitems);
				if (below(10) < 6 && it[o].cust != ci && it[o].amount != t->amount) {
					char d2[24];
					doc_no(&it[o], d2, sizeof d2);
					snprintf(p->ref, sizeof p->ref, "%s", d2);
				} else
				{
					const char *po = below(2) ? "PO 45" : "PO-";
					snprintf(p->ref, sizeof p->ref, "%s%06llu", po,
					         (unsigned long long)below(1000000));
				}
			} else if (k == C_RELATED) {
				bank_name(p->payer, sizeof p->payer, c->alias);
				snprintf(p->acct, sizeof p->acct, "%s", c->acct2);
			} else if (k == C_JOMPAY) {
				snprintf(p->channel, sizeof p->channel, "JomPAY");
				snprintf(p->ref1, sizeof p->ref1, "%s", c->ref1);
				if (below(4) == 0)
					snprintf(p->ref2, sizeof p->ref2, "01%08llu",
					         (unsigned long long)below(100000000));
				if (below(2))
					bank_name(p->payer, sizeof p->payer, c->name);
				else
					bank_name(p->payer, sizeof p->payer, people[below(16)]);
			} else { /* name variant; unknown account or none */
				name_variant(p->payer, sizeof p->payer, c);
				if (below(2))
					snprintf(p->acct, sizeof p->acct, "80%010llu",
					         (unsigned long long)below(4000000000u));
			}
			truth(p, ci, dn, t->rem, "exact_amount");
			t->rem = 0;
			break;
		case C_CHARGE: {
			if (t->rem < 10000) { k = C_CLEAN; fallback++; goto again; }
			int64_t ch = 50 + (int64_t)below(1451);
			p->amount = t->rem - ch;
			ref_words(p->ref, sizeof p->ref, dn);
			payer_from(p, ci, 0);
			truth(p, ci, dn, p->amount, "reference");
			truth(p, ci, dn, ch, "bank_charge");
			t->rem = 0;
			break;
		}
		case C_PARTIAL: {
			if (t->rem < 20000) { k = C_CLEAN; fallback++; goto again; }
			int64_t paid = t->rem * (int64_t)(20 + below(61)) / 100 / 100 * 100;
			if (paid <= 0 || paid > t->rem - 1500 || has_amount(ci, t->cur, paid, paid + 1500)) {
				k = C_CLEAN; fallback++; goto again;
			}
			p->amount = paid;
			snprintf(txt, sizeof txt, "%s %s", below(2) ? "PART PAYMENT" : "PARTIAL", dn);
			snprintf(p->ref, sizeof p->ref, "%s", txt);
			payer_from(p, ci, 0);
			truth(p, ci, dn, paid, "partial");
			t->rem -= paid;
			break;
		}
		case C_OVER: {
			int64_t extra;
			if (below(2)) {
				int64_t up = t->rem < 100000 ? 10000 : 100000;
				extra = up - t->rem % up;
				if (extra < 100)
					extra += up;
			} else
				extra = 1000 + (int64_t)below(99001);
			p->amount = t->rem + extra;
			ref_words(p->ref, sizeof p->ref, dn);
			payer_from(p, ci, 0);
			truth(p, ci, dn, t->rem, "reference");
			truth(p, ci, "", extra, "on_account");
			t->rem = 0;
			break;
		}
		case C_ADVANCE: {
			int64_t a = (int64_t)(1 + below(50)) * 10000;
			if (has_amount(ci, t->cur, a, a + 1500)) { k = C_CLEAN; fallback++; goto again; }
			p->amount = a;
			static const char *const w[4] = { "ADVANCE PAYMENT", "DEPOSIT", "", "PREPAYMENT" };
			snprintf(p->ref, sizeof p->ref, "%s", w[below(4)]);
			payer_from(p, ci, 1);
			truth(p, ci, "", a, "on_account");
			break;
		}
		}
		emit(p, (enum pcase)k);
		realised[k]++;
	}
	close_out(fpay, path[2]);
	close_out(ftruth, path[3]);

	fprintf(stderr, "gen-match: %lu items, %lu customers, %lu payments; per case:\n",
	        nitems, ncust, npay);
	for (int k = 0; k < NCASES; k++)
		fprintf(stderr, "  %-15s %8lu  %5.1f%%  (target %d%%)\n", casename[k], realised[k],
		        100.0 * (double)realised[k] / (double)npay, caseweight[k]);
	fprintf(stderr, "  (%lu payments fell back to clean)\n", fallback);
	free(cu); free(it); free(citem);
	for (int k = 0; k < 3; k++)
		free(seqitem[k]);
	return 0;
}
