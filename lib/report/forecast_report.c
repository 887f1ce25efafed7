/* forecast_report.c - forecast.csv written and read back, backtest.csv (forecast_report.h). */
#include "report/forecast_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/items.h"
#include "core/currency.h"
#include "core/money.h"

static const char *const forecast_columns[] = {
	"currency", "company", "column", "period_start", "period_end", "amount"
};
#define FORECAST_NCOLUMNS (sizeof forecast_columns / sizeof forecast_columns[0])

const char *const forecast_backtest_columns[FORECAST_BACKTEST_NCOLUMNS] = {
	"currency", "company", "period", "period_start", "period_end", "forecast", "actual",
	"error", "error_pct", "abs_error", "over"
};

/* The rows after the periods, in this order. */
enum { PART_BEYOND, PART_DISPUTED, PART_INSOLVENT, PART_CREDITS, PART_PROMISED, PART_TOTAL,
	NPARTS };
static const char *const part_words[NPARTS] = {
	"beyond", "disputed", "insolvent", "credits", "promised", "total"
};

static int
key_cmp(currency_id ca, uint32_t ka, currency_id cb, uint32_t kb, const struct strtab *companies)
{
	int c = strcmp(currency_code(ca), currency_code(cb));

	return c != 0 ? c : strcmp(strtab_key(companies, ka), strtab_key(companies, kb));
}

/* Few groups (currencies x companies): an insertion sort, stable. */
static void
sort_keys(size_t *order, size_t n, const currency_id *cur, const uint32_t *company,
    const struct strtab *companies)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++) {
		size_t x = order[i], j = i;

		for (; j > 0 && key_cmp(cur[order[j - 1]], company[order[j - 1]], cur[x], company[x],
		    companies) > 0; j--)
			order[j] = order[j - 1];
		order[j] = x;
	}
}

/* Keys of up to n groups taken by get(i), sorted; false when out of memory. */
static bool
order_of(size_t n, const struct strtab *companies, size_t *order,
    void (*get)(const void *, size_t, currency_id *, uint32_t *), const void *from)
{
	currency_id *cur = malloc((n ? n : 1) * sizeof *cur);
	uint32_t *company = malloc((n ? n : 1) * sizeof *company);

	if (cur == NULL || company == NULL) {
		free(cur);
		free(company);
		for (size_t i = 0; i < n; i++)  /* the library's own order, still whole */
			order[i] = i;
		return false;
	}
	for (size_t i = 0; i < n; i++)
		get(from, i, &cur[i], &company[i]);
	sort_keys(order, n, cur, company, companies);
	free(cur);
	free(company);
	return true;
}

static void
forecast_key(const void *f, size_t i, currency_id *cur, uint32_t *company)
{
	const struct forecast_group *g = forecast_group_at(f, i);

	*cur = g->currency;
	*company = g->company;
}

static void
backtest_key(const void *bt, size_t i, currency_id *cur, uint32_t *company)
{
	forecast_backtest_group_key(bt, i, cur, company);
}

void
forecast_report_order(const struct forecast *f, const struct strtab *companies, size_t *order)
{
	(void)order_of(forecast_ngroups(f), companies, order, forecast_key, f);
}

void
forecast_report_backtest_order(const struct forecast_backtest *bt,
    const struct strtab *companies, size_t *order)
{
	(void)order_of(forecast_backtest_ngroups(bt), companies, order, backtest_key, bt);
}

void
forecast_report_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, forecast_columns, FORECAST_NCOLUMNS);
}

static void
write_row(struct csvio_writer *w, const struct forecast_group *g, const char *company,
    const char *column, civil_day start, civil_day end, int64_t amount)
{
	csvio_write_str(w, currency_code(g->currency));
	csvio_write_str(w, company);
	csvio_write_str(w, column);
	csvio_write_day(w, start);
	csvio_write_day(w, end);
	csvio_write_money(w, amount, currency_exponent(g->currency));
	csvio_end_record(w);
}

void
forecast_report_write_group(struct csvio_writer *w, const struct forecast_calendar *c,
    const struct forecast_group *g, const char *company)
{
	const int64_t parts[NPARTS] = { g->beyond, g->disputed, g->insolvent, g->credits,
	    g->promised, g->total };
	char column[16];

	for (int k = 0; k < c->periods; k++) {
		snprintf(column, sizeof column, "%d", k + 1);
		write_row(w, g, company, column, c->end[k] + 1, c->end[k + 1], g->expected[k]);
	}
	for (int p = 0; p < NPARTS; p++)
		write_row(w, g, company, part_words[p], p == PART_BEYOND ? c->end[c->periods] + 1 :
		    DATE_NONE, DATE_NONE, parts[p]);
}

/* Reading a forecast.csv back */

/* One numbered row, kept until the calendar is known. */
struct planned {
	currency_id currency;
	uint32_t company;
	int period;             /* 0-based */
	civil_day start, end;
	int64_t amount;
	long line;
};

struct past_columns {
	int currency, company, column, period_start, period_end, amount;
};

static ar_err
bind_past(const struct csvio_reader *r, struct past_columns *c, struct ar_error *e)
{
	int *at[FORECAST_NCOLUMNS] = { &c->currency, &c->company, &c->column, &c->period_start,
	    &c->period_end, &c->amount };

	for (size_t i = 0; i < FORECAST_NCOLUMNS; i++)
		if ((*at[i] = csvio_column(r, forecast_columns[i])) < 0)
			return ar_error_set(e, AR_ECOLUMN, 1, "no %s column", forecast_columns[i]);
	return AR_OK;
}

/* A cell as a date (DATE_NONE when empty). */
static ar_err
cell_day(const struct csvio_record *rec, int col, const char *name, civil_day *out,
    struct ar_error *e)
{
	size_t len;
	const char *s = items_field(rec, col, &len);

	*out = DATE_NONE;
	if (len > 0 && date_parse(s, len, NULL, out) != AR_OK)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s \"%.*s\" is not a date", name,
		    (int)(len > 40 ? 40 : len), s);
	return AR_OK;
}

/* The numbered column k (1-based), or 0 for a part's word; -1 for neither. */
static int
column_number(const char *s, size_t len)
{
	int k = 0;

	for (int p = 0; p < NPARTS; p++)
		if (strlen(part_words[p]) == len && memcmp(s, part_words[p], len) == 0)
			return 0;
	if (len == 0 || len > 3 || s[0] == '0')
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		k = k * 10 + (s[i] - '0');
	}
	return k <= FORECAST_MAX_PERIODS ? k : -1;
}

/* One row: a numbered one into *p (true), a part's passed over (false). */
static ar_err
read_row(const struct csvio_record *rec, const struct past_columns *c,
    struct strtab *companies, struct planned *p, bool *numbered, struct ar_error *e)
{
	size_t len;
	const char *s = items_field(rec, c->column, &len);
	int k = column_number(s, len);
	bool added;
	ar_err err;

	*numbered = false;
	if (k < 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "column \"%.*s\" is not a period "
		    "number (1 to %d) nor beyond, disputed, insolvent, credits, promised or total",
		    (int)(len > 40 ? 40 : len), s, FORECAST_MAX_PERIODS);
	if (k == 0)
		return AR_OK;
	p->period = k - 1;
	p->line = rec->line;
	s = items_field(rec, c->currency, &len);
	if (currency_lookup(s, len, &p->currency) != AR_OK)
		return ar_error_set(e, AR_ECURRENCY, rec->line, "currency \"%.*s\" is not a known "
		    "currency code", (int)(len > 40 ? 40 : len), s);
	s = items_field(rec, c->amount, &len);
	if ((err = money_parse_ungrouped(s, len, currency_exponent(p->currency),
	    MONEY_DECIMAL_POINT, &p->amount)) != AR_OK)
		return ar_error_set(e, err, rec->line, "amount \"%.*s\" is not an amount of %s",
		    (int)(len > 40 ? 40 : len), s, currency_code(p->currency));
	if ((err = cell_day(rec, c->period_start, "period_start", &p->start, e)) != AR_OK ||
	    (err = cell_day(rec, c->period_end, "period_end", &p->end, e)) != AR_OK)
		return err;
	s = items_field(rec, c->company, &len);
	if (strtab_intern(companies, s, len, &p->company, &added) != AR_OK)
		return AR_ENOMEM;
	*numbered = true;
	return AR_OK;
}

/* The calendar the rows say: their number of periods, weeks or months from one row's end. */
static ar_err
past_calendar(const struct planned *rows, size_t n, civil_day past_as_of, int periods,
    bool monthly, struct forecast_calendar *cal, struct ar_error *e)
{
	int most = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].period + 1 > most)
			most = rows[i].period + 1;
	if (n > 0) {
		periods = most;
		monthly = (int64_t)rows[0].end - past_as_of != 7 * ((int64_t)rows[0].period + 1);
	}
	if (forecast_calendar_init(cal, past_as_of, periods, monthly) != AR_OK)
		return ar_error_set(e, AR_ERANGE, 0, "its date and %d periods make no calendar",
		    periods);
	for (size_t i = 0; i < n; i++) {
		const struct planned *p = &rows[i];
		char want[2][DATE_TEXT_MAX];

		if (p->start != cal->end[p->period] + 1 || p->end != cal->end[p->period + 1]) {
			date_format(cal->end[p->period] + 1, want[0]);
			date_format(cal->end[p->period + 1], want[1]);
			return ar_error_set(e, AR_ESYNTAX, p->line, "period %d should run from %s to "
			    "%s: the %s of a forecast made on the date of the file's name", p->period + 1,
			    want[0], want[1], monthly ? "months" : "weeks");
		}
	}
	return AR_OK;
}

static int
by_group_period_line(const void *a, const void *b)
{
	const struct planned *x = a, *y = b;

	if (x->currency != y->currency)
		return x->currency < y->currency ? -1 : 1;
	if (x->company != y->company)
		return x->company < y->company ? -1 : 1;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* A period of a group planned twice would be added twice: the file is refused instead. */
static ar_err
no_period_twice(struct planned *rows, size_t n, struct ar_error *e)
{
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_group_period_line);
	for (size_t i = 1; i < n; i++)
		if (rows[i - 1].currency == rows[i].currency &&
		    rows[i - 1].company == rows[i].company && rows[i - 1].period == rows[i].period) {
			ar_error_set(e, AR_ESYNTAX, rows[i].line, "period %d of %s is on line %ld "
			    "already", rows[i].period + 1, currency_code(rows[i].currency),
			    rows[i - 1].line);
			return AR_ESYNTAX;
		}
	return AR_OK;
}

ar_err
forecast_report_read_past(struct csvio_reader *r, civil_day past_as_of, civil_day as_of,
    int periods, bool monthly, struct strtab *companies, struct forecast_backtest **out,
    struct forecast_calendar *past, struct ar_error *e)
{
	struct past_columns cols;
	struct csvio_record rec;
	struct planned *rows = NULL;
	size_t n = 0, cap = 0;
	ar_err err;

	*out = NULL;
	if ((err = bind_past(r, &cols, e)) != AR_OK)
		return err;
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct planned p;
		bool numbered;

		if ((err = read_row(&rec, &cols, companies, &p, &numbered, e)) != AR_OK)
			goto out;
		if (!numbered)
			continue;
		if (n == cap) {
			size_t c = cap ? 2 * cap : 64;
			struct planned *v = realloc(rows, c * sizeof *v);

			if (v == NULL) {
				err = AR_ENOMEM;
				goto out;
			}
			rows = v;
			cap = c;
		}
		rows[n++] = p;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		goto out;
	}
	if ((err = no_period_twice(rows, n, e)) != AR_OK ||
	    (err = past_calendar(rows, n, past_as_of, periods, monthly, past, e)) != AR_OK)
		goto out;
	if ((err = forecast_backtest_new(past, as_of, out)) != AR_OK) {
		if (err == AR_ERANGE)
			ar_error_set(e, err, 0, "made after the as-of date");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if ((err = forecast_backtest_plan(*out, rows[i].currency, rows[i].company,
		    rows[i].period, rows[i].amount)) != AR_OK) {
			if (err == AR_ERANGE)
				ar_error_set(e, err, rows[i].line, "the plan of period %d overflows",
				    rows[i].period + 1);
			forecast_backtest_free(*out);
			*out = NULL;
			goto out;
		}
	err = AR_OK;
out:
	free(rows);
	return err;
}

/* backtest.csv */

static void
accuracy_cells(struct row_sink *s, const struct forecast_accuracy *a, currency_id cur)
{
	s->money(s, a->forecast, cur);
	s->money(s, a->actual, cur);
	s->money(s, a->error, cur);
	if (a->pct_defined)
		s->decimal(s, a->error_pct, 1);
	else
		s->text(s, "");
	s->money(s, a->abs_error, cur);
	s->text(s, a->over ? "yes" : "no");
	s->end(s);
}

ar_err
forecast_report_backtest_rows(struct row_sink *s, const struct forecast_backtest *bt,
    const struct forecast_calendar *past, size_t g, const char *company)
{
	struct forecast_accuracy a;
	currency_id cur;
	uint32_t id;
	ar_err err;

	forecast_backtest_group_key(bt, g, &cur, &id);
	for (int k = 0; k < past->periods; k++) {
		if ((err = forecast_backtest_period(bt, g, k, &a)) != AR_OK)
			return err;
		s->text(s, currency_code(cur));
		s->text(s, company);
		s->count(s, k + 1);
		s->date(s, past->end[k] + 1);
		s->date(s, past->end[k + 1]);
		accuracy_cells(s, &a, cur);
	}
	if ((err = forecast_backtest_total(bt, g, &a)) != AR_OK)
		return err;
	s->text(s, currency_code(cur));
	s->text(s, company);
	s->text(s, "total");
	s->date(s, a.periods_over > 0 ? past->end[0] + 1 : DATE_NONE);
	s->date(s, a.periods_over > 0 ? past->end[a.periods_over] : DATE_NONE);
	accuracy_cells(s, &a, cur);
	return AR_OK;
}

ar_err
forecast_report_write_backtest(struct csvio_writer *w, const struct forecast_backtest *bt,
    const struct forecast_calendar *past, const size_t *order, const struct strtab *companies)
{
	struct row_sink_csv c;
	ar_err err;

	csvio_write_names(w, forecast_backtest_columns, FORECAST_BACKTEST_NCOLUMNS);
	row_sink_csv_init(&c, w);
	for (size_t i = 0; bt != NULL && i < forecast_backtest_ngroups(bt); i++) {
		currency_id cur;
		uint32_t company;

		forecast_backtest_group_key(bt, order[i], &cur, &company);
		if ((err = forecast_report_backtest_rows(&c.sink, bt, past, order[i],
		    strtab_key(companies, company))) != AR_OK)
			return err;
	}
	return AR_OK;
}
