/* test_strtab.c - interned customer keys. */
#include "test.h"

#include "core/strtab.h"

static void
ids_are_dense_in_order_of_first_sight(void)
{
	struct strtab *t = strtab_new(4);
	uint32_t id;
	bool added;

	EXPECT_EQ_INT(strtab_intern(t, "C1", 2, &id, &added), AR_OK);
	EXPECT_EQ_INT(id, 0);
	EXPECT(added);
	EXPECT_EQ_INT(strtab_intern(t, "C2", 2, &id, &added), AR_OK);
	EXPECT_EQ_INT(id, 1);
	EXPECT_EQ_INT(strtab_intern(t, "C1", 2, &id, &added), AR_OK);
	EXPECT_EQ_INT(id, 0);
	EXPECT(!added);
	EXPECT_EQ_STR(strtab_key(t, 1), "C2");
	EXPECT_EQ_INT(strtab_count(t), 2);
	strtab_free(t);
}

static void
keys_differ_by_length_and_bytes(void)
{
	struct strtab *t = strtab_new(4);
	uint32_t a, b, c, d;

	strtab_intern(t, "000123", 6, &a, NULL);
	strtab_intern(t, "123", 3, &b, NULL);
	strtab_intern(t, "", 0, &c, NULL);
	strtab_intern(t, "a\0b", 3, &d, NULL);
	EXPECT(a != b && b != c && c != d && a != d);
	EXPECT_EQ_INT(strtab_key_len(t, d), 3);
	EXPECT(strtab_find(t, "", 0, &c) && c == 2);
	EXPECT(!strtab_find(t, "0123", 4, &a));
	strtab_free(t);
}

static void
grows_to_a_million_keys(void)
{
	struct strtab *t = strtab_new(16);
	char key[32];
	uint32_t id;
	int bad = 0;

	for (int i = 0; i < 1000000; i++) {
		int n = snprintf(key, sizeof key, "C%07d", i);

		strtab_intern(t, key, (size_t)n, &id, NULL);
		bad += id != (uint32_t)i;
	}
	EXPECT_EQ_INT(bad, 0);
	EXPECT_EQ_INT(strtab_count(t), 1000000);
	for (int i = 0; i < 1000000; i += 997) {
		int n = snprintf(key, sizeof key, "C%07d", i);

		bad += !strtab_find(t, key, (size_t)n, &id) || id != (uint32_t)i;
	}
	EXPECT_EQ_INT(bad, 0);
	EXPECT_EQ_STR(strtab_key(t, 999999), "C0999999");
	strtab_free(t);
}

/* A key's pointer taken early stays good while thousands more are interned (ar-legal keeps them). */
static void
keys_do_not_move_as_the_table_grows(void)
{
	struct strtab *t = strtab_new(4);
	char key[80];
	const char *first, *long_one;
	uint32_t id;

	strtab_intern(t, "L2026-0001", 10, &id, NULL);
	first = strtab_key(t, id);
	memset(key, 'x', 60);
	strtab_intern(t, key, 60, &id, NULL);
	long_one = strtab_key(t, id);
	for (int i = 2; i < 50000; i++) {
		int n = snprintf(key, sizeof key, "L2026-%04d", i);

		strtab_intern(t, key, (size_t)n, &id, NULL);
	}
	EXPECT(first == strtab_key(t, 0));
	EXPECT_EQ_STR(first, "L2026-0001");
	EXPECT_EQ_INT(strlen(long_one), 60);
	EXPECT(strtab_find(t, long_one, 60, &id) && id == 1);
	strtab_free(t);
}

int
main(void)
{
	RUN(ids_are_dense_in_order_of_first_sight);
	RUN(keys_differ_by_length_and_bytes);
	RUN(grows_to_a_million_keys);
	RUN(keys_do_not_move_as_the_table_grows);
	return test_summary();
}
