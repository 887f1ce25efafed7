/*
 * test_aging_property.c - for random items, every currency's bucket
 * columns sum to that currency's input total, to the cent, whatever the
 * buckets, basis, credits setting and as-of date.
 */
#include "test.h"

#include "ar/aging.h"

/* splitmix64: deterministic, so a failure can be replayed by its seed. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void
buckets_sum_to_input_per_currency(void)
{
	static const char *codes[] = { "MYR", "TWD", "USD", "JPY", "BHD" };
	uint64_t seed = 20261124;

	for (int round = 0; round < 200; round++) {
		struct aging_policy p = { 0 };
		struct aging_table t;
		int64_t input[CURRENCY_MAX] = { 0 }, summed[CURRENCY_MAX] = { 0 };
		uint64_t items_in[CURRENCY_MAX] = { 0 }, items_out[CURRENCY_MAX] = { 0 };
		currency_id cur[5];
		char list[128];
		int bound = 0, len = 0;
		int nbounds = 1 + (int)(next_random(&seed) % AGING_MAX_BUCKETS);
		int nitems = (int)(next_random(&seed) % 3000);

		for (int i = 0; i < 5; i++)
			currency_lookup(codes[i], 3, &cur[i]);
		for (int i = 0; i < nbounds; i++) {
			bound += 1 + (int)(next_random(&seed) % 90);
			len += snprintf(list + len, sizeof list - (size_t)len, "%s%d", i ? "," : "", bound);
		}
		EXPECT_EQ_INT(aging_buckets_parse(list, &p.buckets), AR_OK);
		p.as_of = 20000 + (civil_day)(next_random(&seed) % 1000);
		p.basis = next_random(&seed) % 2 ? AGING_BASIS_DOC : AGING_BASIS_DUE;
		p.credits = next_random(&seed) % 2 ? AGING_CREDITS_CURRENT : AGING_CREDITS_OWN_DATE;
		p.default_terms_days = (int)(next_random(&seed) % 91);
		p.past_due_days = (int)(next_random(&seed) % 200);
		aging_table_init(&t);

		for (int i = 0; i < nitems; i++) {
			struct item it;
			enum aging_date_source src;
			civil_day from;
			uint32_t key = (uint32_t)(next_random(&seed) % 50);

			it.customer = "C";
			it.customer_len = 1;
			it.currency = cur[next_random(&seed) % 5];
			/* amounts from -1,000,000.00 to +9,999,999.99, some zero */
			it.amount = (int64_t)(next_random(&seed) % 1100000000) - 100000000;
			it.doc_date = 19000 + (civil_day)(next_random(&seed) % 2500);
			it.due_date = next_random(&seed) % 5 == 0 ? DATE_NONE
			    : it.doc_date + (civil_day)(next_random(&seed) % 120);
			EXPECT_EQ_INT(aging_item_date(&p, &it, (int)(next_random(&seed) % 3) - 1, &from, &src), AR_OK);
			EXPECT_EQ_INT(aging_row_add(aging_table_row(&t, key, it.currency), &p,
			    aging_position_for(&p, from, it.amount), it.amount), AR_OK);
			input[it.currency] += it.amount;
			items_in[it.currency]++;
		}
		for (size_t r = 0; r < t.n; r++) {
			const struct aging_row *row = &t.rows[r];
			int64_t across = 0;

			for (int col = 0; col < aging_columns(&p.buckets); col++)
				across += row->bucket[col];
			EXPECT_EQ_INT(across, row->total);
			EXPECT(row->past_due == 0 || row->items > 0);
			summed[row->currency] += across;
			items_out[row->currency] += row->items;
		}
		for (int c = 0; c < CURRENCY_MAX; c++) {
			EXPECT_EQ_INT(summed[c], input[c]);
			EXPECT_EQ_INT(items_out[c], items_in[c]);
		}
		aging_table_free(&t);
		if (test_case_failed) {
			printf("#   failed in round %d (buckets %s)\n", round, list);
			break;
		}
	}
}

int
main(void)
{
	RUN(buckets_sum_to_input_per_currency);
	return test_summary();
}
