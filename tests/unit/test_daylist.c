/* test_daylist.c - "30,60,90,120": the one reader of bucket limits for ar.ini and --buckets. */
#include "test.h"

#include "core/config.h"
#include "core/daylist.h"
#include "ar/aging.h"

static void
daylist_reads_increasing_limits(void)
{
	int d[DAYLIST_MAX], n;

	EXPECT_EQ_INT(daylist_parse("30,60,90,120", d, &n), AR_OK);
	EXPECT_EQ_INT(n, 4);
	EXPECT_EQ_INT(d[0], 30);
	EXPECT_EQ_INT(d[3], 120);
	EXPECT_EQ_INT(daylist_parse(" 7 ,\t14,28 ", d, &n), AR_OK);
	EXPECT_EQ_INT(n, 3);
	EXPECT_EQ_INT(d[2], 28);
	EXPECT_EQ_INT(daylist_parse("36500", d, &n), AR_OK);
	EXPECT_EQ_INT(d[0], DAYLIST_DAYS_MAX);
	EXPECT_EQ_INT(daylist_parse("1,2,3,4,5,6,7,8,9,10,11,12", d, &n), AR_OK);
	EXPECT_EQ_INT(n, DAYLIST_MAX);
}

static void
daylist_tells_form_from_range(void)
{
	int d[DAYLIST_MAX], n;

	EXPECT_EQ_INT(daylist_parse("", d, &n), AR_ESYNTAX);
	EXPECT_EQ_INT(daylist_parse("30,,60", d, &n), AR_ESYNTAX);
	EXPECT_EQ_INT(daylist_parse("30,60,", d, &n), AR_ESYNTAX);
	EXPECT_EQ_INT(daylist_parse("-30", d, &n), AR_ESYNTAX);
	EXPECT_EQ_INT(daylist_parse("30;60", d, &n), AR_ESYNTAX);
	EXPECT_EQ_INT(daylist_parse("60,30", d, &n), AR_ERANGE);
	EXPECT_EQ_INT(daylist_parse("30,30", d, &n), AR_ERANGE);
	EXPECT_EQ_INT(daylist_parse("0", d, &n), AR_ERANGE);
	EXPECT_EQ_INT(daylist_parse("36501", d, &n), AR_ERANGE);
	EXPECT_EQ_INT(daylist_parse("99999999999999999999", d, &n), AR_ERANGE);
	EXPECT_EQ_INT(daylist_parse("1,2,3,4,5,6,7,8,9,10,11,12,13", d, &n), AR_ERANGE);
}

/* The limits are defined once: ar.ini's list, the aging's buckets and --min-days agree. */
static void
daylist_limits_are_the_aging_limits(void)
{
	struct aging_buckets b;

	EXPECT_EQ_INT(CONFIG_BUCKETS_MAX, DAYLIST_MAX);
	EXPECT_EQ_INT(AGING_MAX_BUCKETS, DAYLIST_MAX);
	EXPECT_EQ_INT(AGING_MAX_DAYS, DAYLIST_DAYS_MAX);
	EXPECT_EQ_INT(aging_buckets_parse("15, 45", &b), AR_OK);
	EXPECT_EQ_INT(b.n, 2);
	EXPECT_EQ_INT(b.upper[1], 45);
}

/* Every label fits AGING_LABEL_MAX, the longest included. */
static void
daylist_longest_label_fits(void)
{
	struct aging_buckets b;
	char label[AGING_LABEL_MAX];

	EXPECT_EQ_INT(aging_buckets_parse("36499,36500", &b), AR_OK);
	aging_column_label(&b, 2, label, sizeof label);
	EXPECT_EQ_STR(label, "36500-36500");
	aging_column_label(&b, 3, label, sizeof label);
	EXPECT_EQ_STR(label, "36501+");
}

int
main(void)
{
	RUN(daylist_reads_increasing_limits);
	RUN(daylist_tells_form_from_range);
	RUN(daylist_limits_are_the_aging_limits);
	RUN(daylist_longest_label_fits);
	return test_summary();
}
