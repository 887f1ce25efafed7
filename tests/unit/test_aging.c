/* test_aging.c - buckets, the date an item is aged from, row sums. */
#include "test.h"

#include <stdlib.h>

#include "ar/aging.h"

static struct aging_policy
policy(void)
{
	struct aging_policy p = { 0 };
	civil_day as_of;

	date_from_ymd(2026, 11, 24, &as_of);
	p.as_of = as_of;
	p.basis = AGING_BASIS_DUE;
	p.credits = AGING_CREDITS_OWN_DATE;
	p.default_terms_days = 30;
	aging_buckets_parse("30,60,90,120", &p.buckets);
	return p;
}

static civil_day
day(int y, int m, int d)
{
	civil_day v;

	date_from_ymd(y, m, d, &v);
	return v;
}

static void
buckets_parse_default_list(void)
{
	struct aging_buckets b;

	EXPECT_EQ_INT(aging_buckets_parse("30,60,90,120", &b), AR_OK);
	EXPECT_EQ_INT(b.n, 4);
	EXPECT_EQ_INT(b.upper[3], 120);
	EXPECT_EQ_INT(aging_buckets_parse(" 7 , 14,28 ", &b), AR_OK);
	EXPECT_EQ_INT(b.n, 3);
	EXPECT_EQ_INT(b.upper[0], 7);
}

static void
buckets_reject_bad_lists(void)
{
	struct aging_buckets b;

	EXPECT_EQ_INT(aging_buckets_parse("", &b), AR_ESYNTAX);
	EXPECT_EQ_INT(aging_buckets_parse("30,,60", &b), AR_ESYNTAX);
	EXPECT_EQ_INT(aging_buckets_parse("30,60,", &b), AR_ESYNTAX);
	EXPECT_EQ_INT(aging_buckets_parse("thirty", &b), AR_ESYNTAX);
	EXPECT_EQ_INT(aging_buckets_parse("-30", &b), AR_ESYNTAX);
	EXPECT_EQ_INT(aging_buckets_parse("60,30", &b), AR_ERANGE);
	EXPECT_EQ_INT(aging_buckets_parse("30,30", &b), AR_ERANGE);
	EXPECT_EQ_INT(aging_buckets_parse("0,30", &b), AR_ERANGE);
	EXPECT_EQ_INT(aging_buckets_parse("99999999999999999999", &b), AR_ERANGE);
	EXPECT_EQ_INT(aging_buckets_parse("1,2,3,4,5,6,7,8,9,10,11,12,13", &b), AR_ERANGE);
	EXPECT_EQ_INT(aging_buckets_parse("1,2,3,4,5,6,7,8,9,10,11,12", &b), AR_OK);
}

static void
bucket_labels_name_the_ranges(void)
{
	struct aging_policy p = policy();
	char buf[32];

	aging_column_label(&p.buckets, 0, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "current");
	aging_column_label(&p.buckets, 1, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "1-30");
	aging_column_label(&p.buckets, 2, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "31-60");
	aging_column_label(&p.buckets, 4, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "91-120");
	aging_column_label(&p.buckets, 5, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "121+");
	EXPECT_EQ_INT(aging_columns(&p.buckets), 6);
}

static void
bucket_for_boundaries(void)
{
	struct aging_policy p = policy();

	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, -400), 0);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 0), 0);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 1), 1);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 30), 1);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 31), 2);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 60), 2);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 90), 3);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 91), 4);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 120), 4);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 121), 5);
	EXPECT_EQ_INT(aging_bucket_for(&p.buckets, 36500), 5);
}

static void
item_date_uses_due_date(void)
{
	struct aging_policy p = policy();
	struct item it = { "C1", 2, day(2026, 9, 1), day(2026, 10, 1), 0, 100, false };
	enum aging_date_source src;
	civil_day d;

	EXPECT_EQ_INT(aging_item_date(&p, &it, 60, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 10, 1));
	EXPECT_EQ_INT(src, AGING_DATE_GIVEN);
}

static void
item_without_due_date_uses_customer_terms(void)
{
	struct aging_policy p = policy();
	struct item it = { "C1", 2, day(2026, 9, 1), DATE_NONE, 0, 100, false };
	enum aging_date_source src;
	civil_day d;

	EXPECT_EQ_INT(aging_item_date(&p, &it, 45, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 10, 16));
	EXPECT_EQ_INT(src, AGING_DATE_TERMS);
	EXPECT_EQ_INT(aging_item_date(&p, &it, -1, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 10, 1));   /* default 30 days */
	EXPECT_EQ_INT(aging_item_date(&p, &it, 0, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 9, 1));    /* cash terms are terms too */
}

static void
credit_without_due_date_ages_from_its_doc_date(void)
{
	struct aging_policy p = policy();
	struct item it = { "C1", 2, day(2026, 9, 1), DATE_NONE, 0, -100, false };
	enum aging_date_source src;
	civil_day d;

	EXPECT_EQ_INT(aging_item_date(&p, &it, 45, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 9, 1));
	EXPECT_EQ_INT(src, AGING_DATE_CREDIT_DOC);
}

static void
item_without_any_date_is_an_error(void)
{
	struct aging_policy p = policy();
	struct item it = { "C1", 2, DATE_NONE, DATE_NONE, 0, 100, false };
	enum aging_date_source src;
	civil_day d;

	EXPECT_EQ_INT(aging_item_date(&p, &it, 45, &d, &src), AR_ESYNTAX);
	p.basis = AGING_BASIS_DOC;
	it.due_date = day(2026, 1, 1);
	EXPECT_EQ_INT(aging_item_date(&p, &it, 45, &d, &src), AR_ESYNTAX);
}

static void
basis_doc_uses_doc_date(void)
{
	struct aging_policy p = policy();
	struct item it = { "C1", 2, day(2026, 9, 1), day(2026, 12, 1), 0, 100, false };
	enum aging_date_source src;
	civil_day d;

	p.basis = AGING_BASIS_DOC;
	EXPECT_EQ_INT(aging_item_date(&p, &it, 45, &d, &src), AR_OK);
	EXPECT_EQ_INT(d, day(2026, 9, 1));
}

static void
position_counts_days_from_as_of(void)
{
	struct aging_policy p = policy();
	struct aging_position pos = aging_position_for(&p, day(2026, 7, 27), 100);

	EXPECT_EQ_INT(pos.days, 120);
	EXPECT_EQ_INT(pos.bucket, 4);
	pos = aging_position_for(&p, day(2026, 7, 26), 100);
	EXPECT_EQ_INT(pos.days, 121);
	EXPECT_EQ_INT(pos.bucket, 5);
	pos = aging_position_for(&p, day(2026, 12, 24), 100);
	EXPECT_EQ_INT(pos.days, -30);
	EXPECT_EQ_INT(pos.bucket, 0);
}

static void
credits_current_puts_credits_in_current(void)
{
	struct aging_policy p = policy();
	struct aging_position pos;

	pos = aging_position_for(&p, day(2026, 1, 1), -500);
	EXPECT_EQ_INT(pos.bucket, 5);
	p.credits = AGING_CREDITS_CURRENT;
	pos = aging_position_for(&p, day(2026, 1, 1), -500);
	EXPECT_EQ_INT(pos.bucket, 0);
	pos = aging_position_for(&p, day(2026, 1, 1), 500);
	EXPECT_EQ_INT(pos.bucket, 5);
}

static void
row_add_sums_and_tracks_oldest(void)
{
	struct aging_policy p = policy();
	struct aging_row row = { 0 };

	p.past_due_days = 90;
	EXPECT_EQ_INT(aging_row_add(&row, &p, aging_position_for(&p, day(2026, 6, 1), 100000), 100000), AR_OK);
	EXPECT_EQ_INT(aging_row_add(&row, &p, aging_position_for(&p, day(2026, 11, 1), 2550), 2550), AR_OK);
	EXPECT_EQ_INT(aging_row_add(&row, &p, aging_position_for(&p, day(2026, 1, 1), -2000), -2000), AR_OK);
	EXPECT_EQ_INT(aging_row_add(&row, &p, aging_position_for(&p, day(2027, 1, 1), 7), 7), AR_OK);
	EXPECT_EQ_INT(row.bucket[0], 7);
	EXPECT_EQ_INT(row.bucket[1], 2550);
	EXPECT_EQ_INT(row.bucket[5], 100000 - 2000);
	EXPECT_EQ_INT(row.total, 100557);
	EXPECT_EQ_INT(row.past_due, 98000);   /* only over 90 days */
	EXPECT_EQ_INT(row.items, 4);
	EXPECT_EQ_INT(row.oldest_days, 176);  /* the credit is older but not a debt */
}

static void
row_add_refuses_overflow(void)
{
	struct aging_policy p = policy();
	struct aging_row row = { 0 };
	struct aging_position pos = aging_position_for(&p, day(2026, 11, 1), 1);

	EXPECT_EQ_INT(aging_row_add(&row, &p, pos, INT64_MAX), AR_OK);
	EXPECT_EQ_INT(aging_row_add(&row, &p, pos, 1), AR_ERANGE);
	EXPECT_EQ_INT(row.total, INT64_MAX);
	EXPECT_EQ_INT(row.items, 1);
}

static const char *keys[] = { "C300", "C100", "C200" };

static const char *
key_text(const void *ctx, uint32_t key)
{
	(void)ctx;
	return keys[key];
}

static void
table_keeps_one_row_per_key_and_currency(void)
{
	struct aging_table t;
	struct aging_row *a, *b, *c;

	aging_table_init(&t);
	a = aging_table_row(&t, 2, 0);
	b = aging_table_row(&t, 2, 1);
	a->total = 5;
	c = aging_table_row(&t, 0, 0);
	EXPECT(a != NULL && b != NULL && c != NULL);
	EXPECT_EQ_INT(t.n, 3);
	EXPECT(aging_table_row(&t, 2, 0) == &t.rows[0]);
	EXPECT_EQ_INT(aging_table_row(&t, 2, 0)->total, 5);
	EXPECT(aging_table_row(&t, 2, 1) == &t.rows[1]);
	EXPECT_EQ_INT(t.n, 3);
	for (uint32_t k = 3; k < 5000; k++)   /* grows past its first size */
		aging_table_row(&t, k, 0)->total = k;
	EXPECT_EQ_INT(aging_table_row(&t, 4999, 0)->total, 4999);
	EXPECT_EQ_INT(aging_table_row(&t, 2, 0)->total, 5);
	aging_table_free(&t);
}

static void
table_sorts_by_key_then_currency(void)
{
	struct aging_table t;
	currency_id myr, usd;

	currency_lookup("MYR", 3, &myr);
	currency_lookup("USD", 3, &usd);
	aging_table_init(&t);
	aging_table_row(&t, 0, usd);
	aging_table_row(&t, 0, myr);
	aging_table_row(&t, 1, usd);
	aging_table_row(&t, 2, myr);
	EXPECT_EQ_INT(aging_table_sort_by_key(&t, key_text, NULL), AR_OK);
	EXPECT_EQ_INT(t.n, 4);
	EXPECT_EQ_STR(keys[t.rows[0].key], "C100");
	EXPECT_EQ_STR(keys[t.rows[1].key], "C200");
	EXPECT_EQ_STR(keys[t.rows[2].key], "C300");
	EXPECT_EQ_STR(currency_code(t.rows[2].currency), "MYR");
	EXPECT_EQ_STR(currency_code(t.rows[3].currency), "USD");
	aging_table_free(&t);
}

static void
large_past_due_filters_sorts_and_keeps_top(void)
{
	struct aging_table t;
	currency_id myr, usd;
	int64_t min[CURRENCY_MAX];

	currency_lookup("MYR", 3, &myr);
	currency_lookup("USD", 3, &usd);
	for (int i = 0; i < CURRENCY_MAX; i++)
		min[i] = 5000000;
	aging_table_init(&t);
	aging_table_row(&t, 0, myr)->past_due = 5000000;   /* exactly the threshold: kept */
	aging_table_row(&t, 1, myr)->past_due = 9000000;
	aging_table_row(&t, 2, myr)->past_due = 4999999;   /* a cent short */
	aging_table_row(&t, 2, usd)->past_due = 7000000;
	aging_table_row(&t, 0, usd)->past_due = 8000000;
	EXPECT_EQ_INT(aging_table_large_past_due(&t, min, 0, key_text, NULL), AR_OK);
	EXPECT_EQ_INT(t.n, 4);
	EXPECT_EQ_INT(t.rows[0].past_due, 9000000);
	EXPECT_EQ_INT(t.rows[1].past_due, 5000000);
	EXPECT_EQ_INT(t.rows[2].past_due, 8000000);
	EXPECT_EQ_STR(currency_code(t.rows[2].currency), "USD");
	EXPECT_EQ_INT(aging_table_large_past_due(&t, min, 1, key_text, NULL), AR_OK);
	EXPECT_EQ_INT(t.n, 2);
	EXPECT_EQ_INT(t.rows[0].past_due, 9000000);
	EXPECT_EQ_INT(t.rows[1].past_due, 8000000);
	aging_table_free(&t);
}

int
main(void)
{
	RUN(buckets_parse_default_list);
	RUN(buckets_reject_bad_lists);
	RUN(bucket_labels_name_the_ranges);
	RUN(bucket_for_boundaries);
	RUN(item_date_uses_due_date);
	RUN(item_without_due_date_uses_customer_terms);
	RUN(credit_without_due_date_ages_from_its_doc_date);
	RUN(item_without_any_date_is_an_error);
	RUN(basis_doc_uses_doc_date);
	RUN(position_counts_days_from_as_of);
	RUN(credits_current_puts_credits_in_current);
	RUN(row_add_sums_and_tracks_oldest);
	RUN(row_add_refuses_overflow);
	RUN(table_keeps_one_row_per_key_and_currency);
	RUN(table_sorts_by_key_then_currency);
	RUN(large_past_due_filters_sorts_and_keeps_top);
	return test_summary();
}
