/* test_forecast_report.c - forecast.csv written, ordered by name and read back as a backtest's plan. */
#include "test.h"

#include <stdlib.h>

#include "ar/forecast.h"
#include "core/csvio.h"
#include "core/strtab.h"
#include "report/forecast_report.h"

static civil_day
day(int y, int m, int d)
{
	civil_day c = DATE_NONE;

	date_from_ymd(y, m, d, &c);
	return c;
}

static currency_id
cur(const char *code)
{
	currency_id c = -1;

	currency_lookup(code, 3, &c);
	return c;
}

/*
 * A forecast as of 2026-11-30 of periods (weeks or months) over: MYR
 * company "Zeta" (id 1) 100.00 due tomorrow and 50.00 due 2026-12-31,
 * MYR "Alpha" (id 2) 30.00 due 2026-12-10, TWD no company 7.00; written
 * to *text (the caller frees it).
 */
static void
write_forecast(int periods, bool monthly, struct strtab *companies, char **text)
{
	struct forecast_params p = FORECAST_PARAMS_DEFAULT;
	struct forecast_behaviour *b = NULL;
	struct forecast *f = NULL;
	struct csvio_writer w;
	size_t len, order[8];
	uint32_t id;
	bool added;
	FILE *fp = open_memstream(text, &len);
	const struct { const char *cur; uint32_t company; civil_day due; int64_t amount; } items[] = {
		{ "MYR", 1, day(2026, 12, 1), 10000 }, { "MYR", 1, day(2026, 12, 31), 5000 },
		{ "MYR", 2, day(2026, 12, 10), 3000 }, { "TWD", 0, day(2026, 12, 1), 700 },
	};

	strtab_intern(companies, "", 0, &id, &added);
	strtab_intern(companies, "Zeta", 4, &id, &added);
	strtab_intern(companies, "Alpha", 5, &id, &added);
	p.as_of = day(2026, 11, 30);
	p.periods = periods;
	p.monthly = monthly;
	EXPECT_EQ_INT(forecast_behaviour_new(&p, &b), AR_OK);
	EXPECT_EQ_INT(forecast_new(&p, b, &f), AR_OK);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct forecast_item it = { 0, cur(items[i].cur), items[i].company, DATE_NONE,
		    items[i].due, items[i].amount, false, false };

		EXPECT_EQ_INT(forecast_add(f, &it), AR_OK);
	}
	EXPECT_EQ_INT(forecast_finish(f), AR_OK);
	EXPECT_EQ_INT(forecast_ngroups(f), 3);
	forecast_report_order(f, companies, order);
	csvio_writer_init(&w, fp, ',', false);
	forecast_report_write_header(&w);
	for (size_t i = 0; i < forecast_ngroups(f); i++) {
		const struct forecast_group *g = forecast_group_at(f, order[i]);

		forecast_report_write_group(&w, forecast_calendar_of(f), g,
		    strtab_key(companies, g->company));
	}
	fclose(fp);
	forecast_free(f);
	forecast_behaviour_free(b);
}

static struct forecast_backtest *
read_back(const char *text, civil_day as_of, struct strtab *companies,
    struct forecast_calendar *past, ar_err *err)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r = NULL;
	struct forecast_backtest *bt = NULL;
	struct ar_error e = { 0 };
	FILE *fp = fmemopen((void *)text, strlen(text), "r");

	EXPECT(fp != NULL && csvio_reader_from_stream(&r, fp, "forecast.csv", &opts) == AR_OK);
	*err = forecast_report_read_past(r, day(2026, 11, 30), as_of, 13, false, companies, &bt,
	    past, &e);
	csvio_reader_close(r);
	fclose(fp);
	return bt;
}

static int64_t
planned(const struct forecast_backtest *bt, const char *code, uint32_t company, int k)
{
	struct forecast_accuracy a;

	for (size_t g = 0; g < forecast_backtest_ngroups(bt); g++) {
		currency_id c;
		uint32_t id;

		forecast_backtest_group_key(bt, g, &c, &id);
		if (c == cur(code) && id == company && forecast_backtest_period(bt, g, k, &a) == AR_OK)
			return a.forecast;
	}
	return -1;
}

static void
weeks_round_trip_in_name_order(void)
{
	struct strtab *companies = strtab_new(8), *back = strtab_new(8);
	struct forecast_calendar past;
	struct forecast_backtest *bt;
	char *text = NULL;
	uint32_t none, zeta, alpha;
	bool added;
	ar_err err;

	write_forecast(4, false, companies, &text);
	/* By currency, then company name: Alpha before Zeta though its id is later. */
	EXPECT(strstr(text, "MYR,Alpha,1,") < strstr(text, "MYR,Zeta,1,"));
	EXPECT(strstr(text, "MYR,Zeta,total,,,150.00\n") != NULL);
	EXPECT(strstr(text, "MYR,Zeta,beyond,2026-12-29,,50.00\n") != NULL);
	EXPECT(strstr(text, "TWD,,1,2026-12-01,2026-12-07,7.00\n") != NULL);
	strtab_intern(back, "", 0, &none, &added);
	bt = read_back(text, day(2027, 1, 31), back, &past, &err);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(past.periods, 4);
	EXPECT(!past.monthly);
	EXPECT_EQ_INT(past.end[4], day(2026, 12, 28));
	EXPECT(strtab_find(back, "Zeta", 4, &zeta) && strtab_find(back, "Alpha", 5, &alpha));
	EXPECT_EQ_INT(planned(bt, "MYR", zeta, 0), 10000);
	EXPECT_EQ_INT(planned(bt, "MYR", zeta, 3), 0);
	EXPECT_EQ_INT(planned(bt, "MYR", alpha, 1), 3000);
	EXPECT_EQ_INT(planned(bt, "TWD", none, 0), 700);
	forecast_backtest_free(bt);
	free(text);
	strtab_free(companies);
	strtab_free(back);
}

static void
months_told_from_their_ends(void)
{
	struct strtab *companies = strtab_new(8), *back = strtab_new(8);
	struct forecast_calendar past;
	struct forecast_backtest *bt;
	char *text = NULL, *bad;
	uint32_t none;
	bool added;
	ar_err err;

	write_forecast(2, true, companies, &text);
	EXPECT(strstr(text, "MYR,Zeta,2,2027-01-01,2027-01-31,0.00\n") != NULL);
	strtab_intern(back, "", 0, &none, &added);
	bt = read_back(text, day(2027, 1, 31), back, &past, &err);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT(past.monthly);
	EXPECT_EQ_INT(past.periods, 2);
	forecast_backtest_free(bt);
	/* A month's end moved by a day is neither a week nor a month of that date. */
	bad = strstr(text, "2027-01-31");
	bad[9] = '0';
	bt = read_back(text, day(2027, 1, 31), back, &past, &err);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT(bt == NULL);
	/* Made after the as-of date of the backtest. */
	bad[9] = '1';
	bt = read_back(text, day(2026, 11, 29), back, &past, &err);
	EXPECT_EQ_INT(err, AR_ERANGE);
	EXPECT(bt == NULL);
	free(text);
	strtab_free(companies);
	strtab_free(back);
}

int
main(void)
{
	RUN(weeks_round_trip_in_name_order);
	RUN(months_told_from_their_ends);
	return test_summary();
}
