/* test_tiers.c - commission tiers: parsed, spelled, chosen and applied exactly. */
#include "test.h"

#include "core/tiers.h"

static void
tiers_read_the_contracts_way(void)
{
	struct rate_tiers t;
	char buf[256];

	EXPECT_EQ_INT(tiers_parse("90:10, 180:12.5, *:15", &t), AR_OK);
	EXPECT_EQ_INT(t.n, 3);
	EXPECT_EQ_INT(t.upto[1], 180);
	EXPECT_EQ_INT(t.rate[1], 12500);
	EXPECT_EQ_INT(t.upto[2], TIERS_OPEN_END);
	tiers_format(&t, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "90:10, 180:12.5, *:15");
	EXPECT_EQ_INT(tiers_parse("*:7.125", &t), AR_OK);
	tiers_format(&t, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "*:7.125");
	EXPECT_EQ_INT(tiers_parse(" 30 : 5 ,*:0", &t), AR_OK);
	EXPECT_EQ_INT(t.rate[1], 0);
}

static void
tiers_refuse_what_a_contract_cannot_mean(void)
{
	struct rate_tiers t;

	EXPECT_EQ_INT(tiers_parse("90:10, 180:12.5", &t), AR_ESYNTAX);     /* no "*" tier */
	EXPECT_EQ_INT(tiers_parse("180:10, 90:12, *:15", &t), AR_ERANGE);  /* not increasing */
	EXPECT_EQ_INT(tiers_parse("90:10, 90:12, *:15", &t), AR_ERANGE);
	EXPECT_EQ_INT(tiers_parse("90:101, *:15", &t), AR_ERANGE);         /* over 100 % */
	EXPECT_EQ_INT(tiers_parse("90:1.2345, *:15", &t), AR_ESYNTAX);     /* four decimals */
	EXPECT_EQ_INT(tiers_parse("90:10%, *:15", &t), AR_ESYNTAX);
	EXPECT_EQ_INT(tiers_parse("*:15, 90:10", &t), AR_ESYNTAX);         /* after "*" */
	EXPECT_EQ_INT(tiers_parse("", &t), AR_ESYNTAX);
	EXPECT_EQ_INT(tiers_parse("36501:1, *:2", &t), AR_ERANGE);
}

static void
tiers_boundaries_are_inclusive(void)
{
	struct rate_tiers t;

	EXPECT_EQ_INT(tiers_parse("90:10, 180:12.5, *:15", &t), AR_OK);
	EXPECT_EQ_INT(tiers_index_for(&t, -3), 0);
	EXPECT_EQ_INT(tiers_index_for(&t, 90), 0);
	EXPECT_EQ_INT(tiers_index_for(&t, 91), 1);
	EXPECT_EQ_INT(tiers_index_for(&t, 180), 1);
	EXPECT_EQ_INT(tiers_index_for(&t, 181), 2);
	EXPECT_EQ_INT(tiers_index_for(&t, 36500), 2);
}

static void
tiers_apply_rounds_half_up_once(void)
{
	int64_t c = 0;

	EXPECT_EQ_INT(tiers_apply(123456, 12500, &c), AR_OK);   /* 1,234.56 × 12.5 % = 154.32 */
	EXPECT_EQ_INT(c, 15432);
	EXPECT_EQ_INT(tiers_apply(5, 10000, &c), AR_OK);        /* 0.05 × 10 % = 0.005: 0.01 */
	EXPECT_EQ_INT(c, 1);
	EXPECT_EQ_INT(tiers_apply(4, 10000, &c), AR_OK);        /* 0.004: 0.00 */
	EXPECT_EQ_INT(c, 0);
	EXPECT_EQ_INT(tiers_apply(-5, 10000, &c), AR_OK);       /* a refund: away from zero */
	EXPECT_EQ_INT(c, -1);
	EXPECT_EQ_INT(tiers_apply(INT64_MAX / 1000, 100000, &c), AR_ERANGE);
}

int
main(void)
{
	RUN(tiers_read_the_contracts_way);
	RUN(tiers_refuse_what_a_contract_cannot_mean);
	RUN(tiers_boundaries_are_inclusive);
	RUN(tiers_apply_rounds_half_up_once);
	return test_summary();
}
