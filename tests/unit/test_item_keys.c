/* test_item_keys.c - telling the same item read twice (item_keys.h). */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/item_keys.h"

/* Note every record of csv, line by line; seen[i] and first[i] per record. */
static void
note_all(struct item_keys *k, const char *csv, uint32_t input, bool *seen,
    struct item_origin *first, size_t max)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record rec;
	struct item_columns cols;
	const char *missing;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	size_t i = 0;

	if (fp == NULL || csvio_reader_from_stream(&r, fp, "items.csv", &opts) != AR_OK)
		abort();
	if (items_bind(r, false, &cols, &missing) != AR_OK)
		abort();
	while (i < max && csvio_read(r, &rec) == AR_OK) {
		struct item_origin here = { input, (uint32_t)rec.line };

		EXPECT(item_keys_note(k, &rec, &cols, here, &seen[i], &first[i]) == AR_OK);
		i++;
	}
	csvio_reader_close(r);
	fclose(fp);
}

static void
the_same_key_is_seen_with_where_it_was_first(void)
{
	struct item_keys *k = item_keys_new();
	bool seen[6];
	struct item_origin first[6];
	const char *csv =
	    "customer,company,doc_no,doc_type,due_date,currency,amount\n"
	    "C1,1000,A1,INV,2026-10-01,MYR,1.00\n"
	    "C1,2000,A1,INV,2026-10-01,MYR,1.00\n"     /* another company */
	    "C1,1000,A1,CN,2026-10-01,MYR,-1.00\n"     /* another type */
	    "C2,1000,A1,INV,2026-10-01,MYR,1.00\n"     /* another customer */
	    "C1,1000,A1,INV,2026-11-01,MYR,9.00\n"     /* the same, other date and amount */
	    "C1,1000,,PAY,2026-10-01,MYR,-5.00\n";     /* no doc_no: not noted */

	note_all(k, csv, 0, seen, first, 6);
	EXPECT(!seen[0] && !seen[1] && !seen[2] && !seen[3]);
	EXPECT(seen[4]);
	EXPECT_EQ_INT(first[4].input, 0);
	EXPECT_EQ_INT(first[4].line, 2);
	EXPECT(!seen[5]);
	item_keys_free(k);
}

static void
fields_do_not_run_into_each_other(void)
{
	struct item_keys *k = item_keys_new();
	bool seen[2];
	struct item_origin first[2];
	const char *csv =
	    "customer,company,doc_no,doc_type,due_date,currency,amount\n"
	    "C1,10,A1,INV,2026-10-01,MYR,1.00\n"
	    "C11,0,A1,INV,2026-10-01,MYR,1.00\n";

	note_all(k, csv, 0, seen, first, 2);
	EXPECT(!seen[0] && !seen[1]);
	item_keys_free(k);
}

static void
a_line_column_tells_instalments_apart(void)
{
	struct item_keys *k = item_keys_new();
	bool seen[3];
	struct item_origin first[3];
	const char *csv =
	    "customer,doc_no,doc_type,line,due_date,currency,amount\n"
	    "C1,A1,INV,1,2026-10-01,MYR,1.00\n"
	    "C1,A1,INV,2,2026-11-01,MYR,1.00\n"
	    "C1,A1,INV,2,2026-11-01,MYR,1.00\n";

	note_all(k, csv, 0, seen, first, 3);
	EXPECT(!seen[0] && !seen[1] && seen[2]);
	EXPECT_EQ_INT(first[2].line, 3);
	item_keys_free(k);
}

static void
a_second_input_repeating_the_first_is_seen_whole(void)
{
	struct item_keys *k = item_keys_new();
	static bool seen[5000];
	static struct item_origin first[5000];
	size_t cap = 64 + 5000 * 48, n = 0;
	char *csv = malloc(cap);
	int repeats = 0;

	n += (size_t)snprintf(csv + n, cap - n, "customer,doc_no,due_date,currency,amount\n");
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(csv + n, cap - n, "C%d,D%d,2026-10-01,MYR,1.00\n", i % 97, i);
	note_all(k, csv, 0, seen, first, 5000);
	for (int i = 0; i < 5000; i++)
		repeats += seen[i];
	EXPECT_EQ_INT(repeats, 0);   /* the table grew several times without a false repeat */
	note_all(k, csv, 1, seen, first, 5000);
	for (int i = 0; i < 5000; i++)
		repeats += seen[i] && first[i].input == 0 && first[i].line == (uint32_t)i + 2;
	EXPECT_EQ_INT(repeats, 5000);
	free(csv);
	item_keys_free(k);
}

int
main(void)
{
	RUN(the_same_key_is_seen_with_where_it_was_first);
	RUN(fields_do_not_run_into_each_other);
	RUN(a_line_column_tells_instalments_apart);
	RUN(a_second_input_repeating_the_first_is_seen_whole);
	return test_summary();
}
