/* test_history.c - the dated files of a history folder, found and ordered. */
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/history.h"

static char dir[64];

static void
touch(const char *name)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp != NULL)
		fclose(fp);
}

static civil_day
day(int y, int m, int d)
{
	civil_day c = DATE_NONE;

	date_from_ymd(y, m, d, &c);
	return c;
}

static void
history_orders_dated_files_and_passes_others_over(void)
{
	struct history h;
	const struct history_file *f;
	char want[128];

	snprintf(dir, sizeof dir, "/tmp/test_history.XXXXXX");
	if (mkdtemp(dir) == NULL)
		SKIP("no temporary folder");
	touch("items-2026-11-30.csv");
	touch("items-2026-09-30.csv");
	touch("items-2026-10-31.csv");
	touch("items-2026-02-30.csv");          /* no such day */
	touch("items-2026-10-3.csv");
	touch("items-2026-10-30.csv.tmp");
	touch("kpi-2026-10-15.csv");
	touch("items.csv");
	EXPECT_EQ_INT(history_scan(dir, "items", &h), AR_OK);
	EXPECT_EQ_INT((long)h.n, 3);
	if (h.n == 3) {
		EXPECT_EQ_INT(h.files[0].date, day(2026, 9, 30));
		EXPECT_EQ_INT(h.files[2].date, day(2026, 11, 30));
		snprintf(want, sizeof want, "%s/items-2026-10-31.csv", dir);
		EXPECT_EQ_STR(h.files[1].path, want);
	}
	f = history_on_or_before(&h, day(2026, 11, 29));
	EXPECT_EQ_INT(f != NULL ? f->date : DATE_NONE, day(2026, 10, 31));
	EXPECT(history_on_or_before(&h, day(2026, 9, 29)) == NULL);
	f = history_on_or_after(&h, day(2026, 10, 1));
	EXPECT_EQ_INT(f != NULL ? f->date : DATE_NONE, day(2026, 10, 31));
	EXPECT(history_on_or_after(&h, day(2026, 12, 1)) == NULL);
	history_free(&h);
	EXPECT_EQ_INT(history_scan(dir, "kpi", &h), AR_OK);
	EXPECT_EQ_INT((long)h.n, 1);
	history_free(&h);
	EXPECT_EQ_INT(history_scan(dir, "forecast", &h), AR_OK);      /* none: an empty list */
	EXPECT_EQ_INT((long)h.n, 0);
	EXPECT(history_on_or_before(&h, day(2026, 12, 1)) == NULL);
	history_free(&h);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		EXPECT_EQ_INT(system(cmd), 0);
	}
	EXPECT_EQ_INT(history_scan(dir, "items", &h), AR_EOPEN);
	history_free(&h);
}

int
main(void)
{
	RUN(history_orders_dated_files_and_passes_others_over);
	return test_summary();
}
