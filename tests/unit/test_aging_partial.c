/* test_aging_partial.c - partials: the policy, written and read back, merged in any order, every error. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/aging_partial.h"

#include "aging_fixture.h"

static struct aging_partial_policy
policy_of(const struct aging *a)
{
	struct aging_partial_policy p = { a->rep.policy, a->rep.group_by, -1, -1 };

	return p;
}

/* The items csv aged into a. */
static void
feed(struct aging *a, const char *csv)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct aging_feed f = { .format = &format, .only_currency = -1 };
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	if (fp == NULL || csvio_reader_from_stream(&r, fp, "items.csv", &opts) != AR_OK)
		abort();
	if (aging_report_feed(&a->rep, r, &f, &e) != AR_OK) {
		printf("# feed: %ld: %s\n", e.line, e.message);
		abort();
	}
	csvio_reader_close(r);
	fclose(fp);
}

/* a's partials, for the caller to free. */
static char *
partials_of(struct aging *a)
{
	struct aging_partial_policy p = policy_of(a);
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL || aging_partial_write(fp, &a->rep, &p) != AR_OK)
		abort();
	fclose(fp);
	return text;
}

/* a's CSV (sorted), for the caller to free. */
static char *
csv_of(struct aging *a)
{
	struct aging_csv_opts o = { false, true, true };
	struct csvio_writer w;
	currency_id cur;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL || aging_report_sort(&a->rep) != AR_OK)
		abort();
	csvio_writer_init(&w, fp, ',', false);
	if (aging_report_write_csv(&a->rep, &w, &o, &cur) != AR_OK)
		abort();
	fclose(fp);
	return text;
}

struct conflict {
	int n;
	long line;
	char text[256];
};

static void
on_conflict(void *ctx, const char *input, long line, const char *customer, const char *kept,
    const char *other)
{
	struct conflict *c = ctx;

	c->n++;
	c->line = line;
	snprintf(c->text, sizeof c->text, "%s %s %s %s", input, customer, kept, other);
}

/* Merge each text (named a.part, b.part, ...) into m's report. */
static ar_err
merge(struct aging_partial_merge *m, const char *const *texts, int n, struct ar_error *e)
{
	ar_err err = AR_OK;

	memset(e, 0, sizeof *e);
	for (int i = 0; i < n && err == AR_OK; i++) {
		char name[] = "a.part";
		FILE *fp = fmemopen((void *)texts[i], strlen(texts[i]), "r");

		if (fp == NULL && texts[i][0] != '\0')
			abort();
		name[0] = (char)('a' + i);
		if (fp == NULL)   /* fmemopen of nothing: an empty input */
			fp = fopen("/dev/null", "r");
		err = aging_partial_merge_read(m, fp, name, e);
		fclose(fp);
	}
	aging_partial_merge_end(m);
	return err;
}

#define ITEMS "customer,name,company,doc_no,doc_date,due_date,currency,amount,dispute\n"
#define HALF1 \
	"C1,\"Kedai\tAh\\Seng\",MY01,90001,2026-06-01,2026-07-01,MYR,1000.00,\n" \
	"\"C\n2\",Two,MY02,T-1,2026-08-01,2026-08-31,TWD,35000.00,yes\n" \
	"C1,\"Kedai\tAh\\Seng\",MY01,90003,2026-10-01,2026-10-31,MYR,250.50,\n"
#define HALF2 \
	"C1,\"Kedai\tAh\\Seng\",MY01,90002,2026-06-01,2026-07-01,MYR,10.00,\n" \
	"C1,\"Kedai\tAh\\Seng\",MY02,CN-1,2026-09-15,2026-09-15,MYR,-100.25,\n" \
	"\"C\n2\",Two,MY02,T-2,2026-11-20,2026-12-20,TWD,1.00,\n"

#define POLICY "v1;as_of=2026-11-24;basis=due;credits=own-date;buckets=30,60,90,120;" \
	"group=customer;past_due_days=0;default_terms=30;default_currency=;currency="

static void
policy_text_reads_back(void)
{
	struct aging_partial_policy p = { 0 }, back;
	char text[AGING_PARTIAL_POLICY_MAX], again[AGING_PARTIAL_POLICY_MAX], why[200];

	date_from_ymd(2026, 11, 30, &p.aging.as_of);
	p.aging.basis = AGING_BASIS_DOC;
	p.aging.credits = AGING_CREDITS_CURRENT;
	aging_buckets_parse("7,14,21", &p.aging.buckets);
	p.aging.past_due_days = 90;
	p.aging.default_terms_days = 45;
	p.group_by = AGING_GROUP_COLLECTOR;
	currency_lookup("MYR", 3, &p.default_currency);
	currency_lookup("USD", 3, &p.only_currency);
	aging_partial_policy_text(&p, text);
	EXPECT_EQ_STR(text, "v1;as_of=2026-11-30;basis=doc;credits=current;buckets=7,14,21;"
	    "group=collector;past_due_days=90;default_terms=45;default_currency=MYR;currency=USD");
	EXPECT_EQ_INT(aging_partial_policy_parse(text, strlen(text), &back, why, sizeof why), AR_OK);
	aging_partial_policy_text(&back, again);
	EXPECT_EQ_STR(again, text);
	EXPECT_EQ_INT(back.aging.buckets.n, 3);
	EXPECT_EQ_INT(back.only_currency, p.only_currency);
}

/* The why of parsing text, "" when it reads. */
static const char *
policy_why(const char *text)
{
	static char why[400];
	struct aging_partial_policy p;

	why[0] = '\0';
	aging_partial_policy_parse(text, strlen(text), &p, why, sizeof why);
	return why;
}

static void
policy_errors_say_what(void)
{
	EXPECT_EQ_STR(policy_why(POLICY), "");
	EXPECT_EQ_STR(policy_why("v2;as_of=2026-11-24"), "is of version v2: this ar-age reads v1");
	EXPECT_EQ_STR(policy_why("as_of=2026-11-24"), "does not begin with its version, v1");
	EXPECT_EQ_STR(policy_why("v1;basis=due"), "has \"basis=due\" where as_of= was expected");
	EXPECT_EQ_STR(policy_why("v1;as_of=2026-11-24;basis=sideways"),
	    "has basis=sideways: not a value of basis");
	EXPECT_EQ_STR(policy_why("v1;as_of=2026-11-24;basis=due"), "ends before credits=");
	EXPECT_EQ_STR(policy_why(POLICY ";extra=1"),
	    "has \"extra=1\" after its last word, currency=");
	EXPECT_EQ_STR(policy_why("v1;as_of=2026-11-24;basis=due;credits=own-date;buckets=30,60,90,120;"
	    "group=customer;past_due_days=0;default_terms=30;default_currency=;currency=XYZ"),
	    "has currency=XYZ: not a value of currency");
	EXPECT_EQ_STR(policy_why("v1;as_of=24.11.2026;basis=due;credits=own-date;buckets=30,60,90,120;"
	    "group=customer;past_due_days=0;default_terms=30;default_currency=;currency="),
	    "is not as ar-age writes it (\"" POLICY "\")");
	{
		char longer[AGING_PARTIAL_POLICY_MAX + 10];

		memset(longer, 'x', sizeof longer - 1);
		longer[sizeof longer - 1] = '\0';
		EXPECT_EQ_STR(policy_why(longer), "is longer than any ar-age writes");
	}
}

static void
partials_escape_their_texts(void)
{
	struct aging a;
	char *text;
	int lines = 0;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	feed(&a, ITEMS HALF1);
	text = partials_of(&a);
	/* counts, "C\n2"'s and C1's rows, two companies, the collector "" in two currencies. */
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	EXPECT_EQ_INT(lines, 7);
	EXPECT(strstr(text, "\tcounts\t" POLICY "\t3\t0\t0\t0\t0\t0\t0\n") == text);
	EXPECT(strstr(text, "\nC1\trow\t" POLICY "\tMYR\t2\tKedai\\tAh\\\\Seng\t0\t25050\t0\t0\t0"
	    "\t100000\t125050\t125050\t0\t2\t146\t90001\n") != NULL);
	EXPECT(strstr(text, "\nC\\n2\trow\t" POLICY "\tTWD\t2\tTwo\t0\t0\t0\t3500000\t0\t0"
	    "\t3500000\t3500000\t3500000\t1\t85\tT-1\n") != NULL);
	EXPECT(strstr(text, "MY02\tcompany\t") != NULL);
	EXPECT(strstr(text, "\tcollector\t") != NULL);
	free(text);
	aging_teardown(&a);
}

static void
partials_read_back_to_the_same_aging(void)
{
	struct aging a, b;
	struct aging_partial_merge m = { 0 };
	struct ar_error e;
	char *text, *want, *got;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	feed(&a, ITEMS HALF1 HALF2);
	text = partials_of(&a);
	aging_setup(&b, AGING_GROUP_COLLECTOR, 0);   /* made afresh under the partials' policy */
	b.rep.track_oldest = b.rep.track_sides = true;
	m.rep = &b.rep;
	EXPECT_EQ_INT(merge(&m, (const char *[]){ text }, 1, &e), AR_OK);
	EXPECT(m.begun);
	EXPECT_EQ_INT(b.rep.group_by, AGING_GROUP_CUSTOMER);
	EXPECT_EQ_INT(b.rep.rows, 6);
	EXPECT_EQ_INT(b.rep.not_in_master, 6);
	want = csv_of(&a);
	got = csv_of(&b);
	EXPECT_EQ_STR(got, want);
	EXPECT(b.rep.by_company != NULL && b.rep.by_company->table.n == 3);
	for (size_t i = 0; i < b.rep.table.n; i++) {
		const struct aging_row *r = &b.rep.table.rows[i];

		if (strcmp(aging_report_key(&b.rep, r), "C1") == 0) {
			EXPECT_EQ_STR(aging_report_oldest_doc(&b.rep, r), "90001");   /* the lowest of a tie */
			EXPECT_EQ_STR(customers_get(&b.customers, r->key)->name, "Kedai\tAh\\Seng");
		}
	}
	free(want);
	free(got);
	free(text);
	aging_partial_merge_free(&m);
	aging_teardown(&a);
	aging_teardown(&b);
}

static void
halves_merge_to_the_whole_in_either_order(void)
{
	struct aging whole, h1, h2;
	char *p1, *p2, *want;

	aging_setup(&whole, AGING_GROUP_CUSTOMER, 0);
	aging_setup(&h1, AGING_GROUP_CUSTOMER, 0);
	aging_setup(&h2, AGING_GROUP_CUSTOMER, 0);
	feed(&whole, ITEMS HALF1 HALF2);
	feed(&h1, ITEMS HALF1);
	feed(&h2, ITEMS HALF2);
	p1 = partials_of(&h1);
	p2 = partials_of(&h2);
	want = csv_of(&whole);
	for (int order = 0; order < 2; order++) {
		struct aging m;
		struct aging_partial_merge merger = { 0 };
		struct ar_error e;
		char *got;

		aging_setup(&m, AGING_GROUP_CUSTOMER, 0);
		merger.rep = &m.rep;
		EXPECT_EQ_INT(merge(&merger, order ? (const char *[]){ p2, p1 }
		    : (const char *[]){ p1, p2 }, 2, &e), AR_OK);
		got = csv_of(&m);
		EXPECT_EQ_STR(got, want);
		EXPECT_EQ_INT(m.rep.rows, 6);
		for (size_t i = 0; i < m.rep.table.n; i++) {
			const struct aging_row *r = &m.rep.table.rows[i];

			if (strcmp(aging_report_key(&m.rep, r), "C1") == 0)
				EXPECT_EQ_STR(aging_report_oldest_doc(&m.rep, r), "90001");
		}
		free(got);
		aging_partial_merge_free(&merger);
		aging_teardown(&m);
	}
	free(want);
	free(p1);
	free(p2);
	aging_teardown(&whole);
	aging_teardown(&h1);
	aging_teardown(&h2);
}

static void
an_empty_input_is_no_items(void)
{
	struct aging a;
	struct aging_partial_merge m = { 0 };
	struct ar_error e;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	m.rep = &a.rep;
	EXPECT_EQ_INT(merge(&m, (const char *[]){ "" }, 1, &e), AR_OK);
	EXPECT(!m.begun);
	EXPECT_EQ_INT(a.rep.table.n, 0);
	aging_partial_merge_free(&m);
	aging_teardown(&a);
}

#define ROW(key, name) key "\trow\t" POLICY "\tMYR\t2\t" name "\t100\t0\t0\t0\t0\t0\t100\t0\t0\t1\t0\t\n"

static void
two_names_keep_the_least(void)
{
	struct aging a;
	struct aging_partial_merge m = { 0 };
	struct conflict c = { 0 };
	struct ar_error e;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	m.rep = &a.rep;
	m.name_conflict = on_conflict;
	m.ctx = &c;
	EXPECT_EQ_INT(merge(&m, (const char *[]){ ROW("C1", "Zeta") ROW("C1", "Alpha") ROW("C1", ""),
	    ROW("C1", "Beta") }, 2, &e), AR_OK);
	EXPECT_EQ_INT(c.n, 2);
	EXPECT_EQ_STR(c.text, "b.part C1 Alpha Beta");
	EXPECT_EQ_INT(c.line, 1);
	EXPECT_EQ_STR(customers_get(&a.customers, 0)->name, "Alpha");
	EXPECT_EQ_INT(a.rep.table.rows[0].total, 400);
	aging_partial_merge_free(&m);
	aging_teardown(&a);
}

static void
the_master_name_stays(void)
{
	static const char master[] = "customer,name\nC1,Master Name\n";
	struct aging a;
	struct aging_partial_merge m = { 0 };
	struct conflict c = { 0 };
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	FILE *fp = fmemopen((void *)master, strlen(master), "r");

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	if (fp == NULL || csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(&a.customers, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
	m.rep = &a.rep;
	m.name_conflict = on_conflict;
	m.ctx = &c;
	EXPECT_EQ_INT(merge(&m, (const char *[]){ ROW("C1", "Beta") ROW("C1", "Alpha") ROW("C9", "Nine") },
	    1, &e), AR_OK);
	EXPECT_EQ_INT(c.n, 0);
	EXPECT_EQ_STR(customers_get(&a.customers, 0)->name, "Master Name");
	EXPECT_EQ_INT(a.rep.not_in_master, 1);   /* C9's one item */
	aging_partial_merge_free(&m);
	aging_teardown(&a);
}

/* The error merging texts, "line: message", or "ok". */
static const char *
error_of(const char *first, const char *second)
{
	static char out[700];
	struct aging a;
	struct aging_partial_merge m = { 0 };
	struct ar_error e;
	ar_err err;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	m.rep = &a.rep;
	err = merge(&m, (const char *[]){ first, second ? second : "" }, 2, &e);
	if (err == AR_OK)
		snprintf(out, sizeof out, "ok");
	else
		snprintf(out, sizeof out, "%ld: %s", e.line, e.message);
	aging_partial_merge_free(&m);
	aging_teardown(&a);
	return out;
}

#define P POLICY "\t"
#define FIGS "\t100\t0\t0\t0\t0\t0\t100\t0\t0\t1\t0\t"

static void
every_bad_line_is_named(void)
{
	EXPECT_EQ_STR(error_of(ROW("C1", "A") "C1\trow\n", NULL),
	    "2: 2 fields: a partial line begins with the key, the kind and the policy, tab-separated");
	EXPECT_EQ_STR(error_of("C1\trow\tv2;x\n", NULL),
	    "1: policy \"v2;x\" is of version v2: this ar-age reads v1");
	EXPECT_EQ_STR(error_of(ROW("C1", "A"), "C1\trow\t" "v1;as_of=2026-11-30;basis=due" "\tMYR\n"),
	    "1: policy as_of=2026-11-30 differs from as_of=2026-11-24 of a.part:1: partials made under "
	    "another policy do not merge");
	EXPECT_EQ_STR(error_of("C1\tline\t" P "MYR\n", NULL),
	    "1: kind \"line\" is not row, company, collector, counts or skipped_amount");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\n", NULL), "1: a row line has 6 fields, expected 18");
	EXPECT_EQ_STR(error_of("\tcounts\t" P "1\t2\n", NULL), "1: a counts line has 5 fields, expected 10");
	EXPECT_EQ_STR(error_of("C1\tcounts\t" P "1\t0\t0\t0\t0\t0\t0\n", NULL),
	    "1: a counts line has key \"C1\", expected an empty key");
	EXPECT_EQ_STR(error_of("\tcounts\t" P "-1\t0\t0\t0\t0\t0\t0\n", NULL),
	    "1: rows \"-1\" is not a whole number of 0 or more");
	EXPECT_EQ_STR(error_of("\tskipped_amount\t" P "MYR\t2\n", NULL),
	    "1: a skipped_amount line has 5 fields, expected 6");
	EXPECT_EQ_STR(error_of("\tskipped_amount\t" P "MYR\t2\t1.00\n", NULL),
	    "1: amount \"1.00\" is not a whole number of minor units");
	EXPECT_EQ_STR(error_of(ROW("C1", "A\\q"), NULL),
	    "1: the name has \"\\q\", not an escape (\\\\, \\t, \\n or \\r)");
	EXPECT_EQ_STR(error_of(ROW("C1\\", "A"), NULL),
	    "1: the key ends in a lone backslash (\\ is written \\\\)");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "XYZ\t2\tA" FIGS "\n", NULL),
	    "1: currency XYZ is unknown here: give this run the mappers' [currency.XYZ] of ar.ini");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "myr\t2\tA" FIGS "\n", NULL),
	    "1: currency \"myr\" is not a currency code");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t0\tA" FIGS "\n", NULL),
	    "1: MYR has 0 decimals in the partials, 2 here: give every run the same [currency.MYR] exponent");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t1e2\t0\t0\t0\t0\t0\t100\t0\t0\t1\t0\t\n", NULL),
	    "1: current \"1e2\" is not a whole number of minor units");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t100\t0\t0\t0\t0\t-0\t100\t0\t0\t1\t0\t\n", NULL),
	    "1: 121+ \"-0\" is not a whole number of minor units");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t100\t1\t0\t0\t0\t0\t100\t0\t0\t1\t0\t\n", NULL),
	    "1: total 100 is not the sum of the bucket columns");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t100\t0\t0\t0\t0\t0\t100\t0\t0\t0\t0\t\n", NULL),
	    "1: items \"0\" is not a whole number above 0");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t100\t0\t0\t0\t0\t0\t100\t0\t0\t1\t-3\t\n", NULL),
	    "1: oldest_days \"-3\" is not a whole number of 0 or more");
	EXPECT_EQ_STR(error_of("C1\trow\t" P "MYR\t2\tA\t9223372036854775807\t0\t0\t0\t0\t0"
	    "\t9223372036854775807\t0\t0\t1\t0\t\n"
	    "C1\trow\t" P "MYR\t2\tA" FIGS "\n", NULL),
	    "2: the MYR total of customer \"C1\" does not fit in 64 bits");
	EXPECT_EQ_STR(error_of(ROW("C1", "A") "C1\trow\t" POLICY "\tMYR\t2\tA" FIGS, NULL),
	    "2: the last line does not end in a line feed (a partial cut short?)");
	EXPECT_EQ_STR(error_of(ROW("C1", "A\r"), NULL),
	    "1: a carriage return (partial lines end in LF alone; a CR in a text is written \\r)");
	EXPECT_EQ_STR(error_of(ROW("C1", "A\xE9"), NULL), "1: byte 0xE9 at column 159 is not UTF-8");
	{
		/* A NUL ends a C string: put it in by hand. */
		char text[] = ROW("C1", "A#");
		struct aging a;
		struct aging_partial_merge m = { 0 };
		struct ar_error e = { 0 };
		FILE *fp;

		*strchr(text, '#') = '\0';
		fp = fmemopen(text, sizeof text - 1, "r");
		aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
		m.rep = &a.rep;
		EXPECT_EQ_INT(aging_partial_merge_read(&m, fp, "a.part", &e), AR_ENUL);
		EXPECT_EQ_STR(e.message, "a NUL byte");
		fclose(fp);
		aging_partial_merge_free(&m);
		aging_teardown(&a);
	}
}

#define GROUPED(g) "v1;as_of=2026-11-24;basis=due;credits=own-date;buckets=30,60,90,120;" \
	"group=" g ";past_due_days=0;default_terms=30;default_currency=;currency=\t"

static void
lines_the_grouping_cannot_have(void)
{
	EXPECT_EQ_STR(error_of("Aminah\tcompany\t" GROUPED("collector") "MYR\t2\t" FIGS "\n", NULL),
	    "1: a company line in partials grouped by collector (they come with group=customer only)");
	EXPECT_EQ_STR(error_of("X\trow\t" GROUPED("currency") "MYR\t2\t" FIGS "\n", NULL),
	    "1: key \"X\" in partials grouped by currency (their key is empty)");
	EXPECT_EQ_STR(error_of("\trow\t" GROUPED("currency") "MYR\t2\t" FIGS "\n"
	    "\trow\t" GROUPED("currency") "MYR\t2\t\t9223372036854775807\t0\t0\t0\t0\t0"
	    "\t9223372036854775807\t0\t0\t1\t0\t\n", NULL),
	    "2: the MYR total does not fit in 64 bits");
	EXPECT_EQ_STR(error_of("MY01\tcompany\t" P "MYR\t2\t" FIGS "\n"
	    "MY01\tcompany\t" P "MYR\t2\t\t9223372036854775807\t0\t0\t0\t0\t0"
	    "\t9223372036854775807\t0\t0\t1\t0\t\n", NULL),
	    "2: the MYR total of company \"MY01\" does not fit in 64 bits");
}

static void
counts_and_skipped_amounts_add(void)
{
	struct aging a;
	struct aging_partial_merge m = { 0 };
	struct ar_error e;
	currency_id myr;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 0);
	m.rep = &a.rep;
	currency_lookup("MYR", 3, &myr);
	EXPECT_EQ_INT(merge(&m, (const char *[]){
	    "\tcounts\t" P "10\t1\t2\t3\t4\t5\t1\n\tskipped_amount\t" P "MYR\t2\t-300\n",
	    "\tcounts\t" P "5\t1\t1\t1\t1\t1\t0\n\tskipped_amount\t" P "MYR\t2\t-9223372036854775807\n" },
	    2, &e), AR_OK);
	EXPECT_EQ_INT(a.rep.rows, 15);
	EXPECT_EQ_INT(a.rep.from_terms, 2);
	EXPECT_EQ_INT(a.rep.credits_from_doc, 3);
	EXPECT_EQ_INT(a.rep.currency_defaulted, 4);
	EXPECT_EQ_INT(a.rep.duplicates, 5);
	EXPECT_EQ_INT(a.rep.skipped, 6);
	EXPECT_EQ_INT(a.rep.skipped_unread, 1);
	EXPECT(a.rep.skipped_amount[myr] == INT64_MIN);   /* saturated */
	aging_partial_merge_free(&m);
	aging_teardown(&a);
}

int
main(void)
{
	RUN(policy_text_reads_back);
	RUN(policy_errors_say_what);
	RUN(partials_escape_their_texts);
	RUN(partials_read_back_to_the_same_aging);
	RUN(halves_merge_to_the_whole_in_either_order);
	RUN(an_empty_input_is_no_items);
	RUN(two_names_keep_the_least);
	RUN(the_master_name_stays);
	RUN(every_bad_line_is_named);
	RUN(lines_the_grouping_cannot_have);
	RUN(counts_and_skipped_amounts_add);
	return test_summary();
}
