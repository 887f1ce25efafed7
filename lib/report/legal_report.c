/* legal_report.c - ar-legal's report of cases, CSV and workbook (legal_report.h). */
#include "report/legal_report.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strtab.h"
#include "core/xlsx.h"
#include "report/row_sink.h"

static const char *const columns[] = {
	"case", "customer", "name", "firm", "type", "stage", "stage_date", "opened",
	"currency", "in_suit", "costs", "recovered", "net", "next_date", "next_30",
	"idle_days", "idle_90", "ref", "court"
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static const char *const summary_columns[] = {
	"firm", "type", "stage", "currency", "cases", "in_suit", "costs", "recovered", "net"
};
#define SUMMARY_NCOLUMNS (sizeof summary_columns / sizeof summary_columns[0])

/* The case's place in the register (its number's order). */
struct keyed {
	struct legal_report_row row;
	size_t order;
};

static int
row_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int d = strcmp(x->row.c->firm, y->row.c->firm);

	if (d != 0)
		return d;
	if (x->row.c->type != y->row.c->type)
		return x->row.c->type < y->row.c->type ? -1 : 1;
	if (x->row.c->level != y->row.c->level)
		return x->row.c->level < y->row.c->level ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->row.sums == NULL || y->row.sums == NULL)
		return 0;
	return strcmp(currency_code(x->row.sums->currency), currency_code(y->row.sums->currency));
}

ar_err
legal_report_rows(const struct legal_register *r, civil_day as_of,
    struct legal_report_row **rows, size_t *n)
{
	size_t count = legal_register_count(r), k = 0;
	struct keyed *keyed;
	struct legal_report_row *out;
	civil_day month_start;
	int y, m, d;

	*rows = NULL;
	*n = 0;
	date_to_ymd(as_of, &y, &m, &d);
	if (date_from_ymd(y, m, 1, &month_start) != AR_OK)
		month_start = as_of;
	{
		size_t total = 0;

		for (size_t i = 0; i < count; i++) {
			const struct legal_case *c = legal_register_case(r, i);

			total += c->nsums > 0 ? c->nsums : 1;
		}
		if (total == 0)
			return AR_OK;
		if ((keyed = calloc(total, sizeof *keyed)) == NULL)
			return AR_ENOMEM;
	}
	for (size_t i = 0; i < count; i++) {
		const struct legal_case *c = legal_register_case(r, i);
		bool open = !legal_level_ends(c->level);

		/* The month's report: what is open, and what ended in the month. */
		if (!open && c->stage_date < month_start)
			continue;
		for (size_t s = 0; s < (c->nsums > 0 ? c->nsums : 1); s++) {
			struct legal_report_row *row = &keyed[k].row;

			keyed[k++].order = i;
			row->c = c;
			row->sums = c->nsums > 0 ? &c->sums[s] : NULL;
			row->open = open;
			if (!open)
				continue;
			row->idle_days = (long)as_of - (long)c->stage_date;
			row->idle_90 = row->idle_days >= LEGAL_IDLE_DAYS;
			row->next_30 = c->next_date != DATE_NONE && c->next_date >= as_of &&
			    (long)c->next_date <= (long)as_of + LEGAL_NEXT_DAYS;
		}
	}
	if (k > 0)
		qsort(keyed, k, sizeof *keyed, row_cmp);
	if (k == 0 || (out = malloc(k * sizeof *out)) == NULL) {
		free(keyed);
		return k == 0 ? AR_OK : AR_ENOMEM;
	}
	for (size_t i = 0; i < k; i++)
		out[i] = keyed[i].row;
	free(keyed);
	*rows = out;
	*n = k;
	return AR_OK;
}

static const char *
name_of(const struct customer_table *t, const char *id)
{
	uint32_t n;

	if (t == NULL || t->ids == NULL || !strtab_find(t->ids, id, strlen(id), &n))
		return "";
	return customers_get(t, n)->name;
}

/* A sum, or an empty cell when the row names no money. */
static void
money_cell(struct row_sink *s, const struct legal_sums *sums, int64_t v)
{
	if (sums == NULL)
		s->text(s, "");
	else
		s->money(s, v, sums->currency);
}

static void
case_row(struct row_sink *s, const struct legal_report_row *r,
    const struct customer_table *customers)
{
	const struct legal_case *c = r->c;
	const struct legal_sums *m = r->sums;
	int64_t net = 0;

	/* A net that would not fit in 64 bits is shown empty rather than wrong. */
	bool net_ok = m != NULL && !__builtin_sub_overflow(m->recovered, m->costs, &net);

	s->text(s, c->id);
	s->text(s, c->customer);
	s->text(s, name_of(customers, c->customer));
	s->text(s, c->firm);
	s->text(s, legal_type_words[c->type]);
	s->text(s, legal_stage_word(c->type, c->level));
	s->date(s, c->stage_date);
	s->date(s, c->opened);
	s->text(s, m != NULL ? currency_code(m->currency) : "");
	money_cell(s, m, m != NULL ? m->in_suit : 0);
	money_cell(s, m, m != NULL ? m->costs : 0);
	money_cell(s, m, m != NULL ? m->recovered : 0);
	money_cell(s, net_ok ? m : NULL, net);
	s->date(s, c->next_date);
	s->text(s, r->next_30 ? "yes" : "");
	if (r->open)
		s->count(s, r->idle_days);
	else
		s->text(s, "");
	s->text(s, r->idle_90 ? "yes" : "");
	s->text(s, c->ref);
	s->text(s, c->court);
	s->end(s);
}

void
legal_report_write_csv(struct csvio_writer *w, const struct legal_report_row *rows, size_t n,
    const struct customer_table *customers)
{
	struct row_sink_csv c;

	row_sink_csv_init(&c, w);
	csvio_write_names(w, columns, NCOLUMNS);
	for (size_t i = 0; i < n; i++)
		case_row(&c.sink, &rows[i], customers);
}

/* One line of the summary: the open cases of a firm, type, stage and currency. */
struct summary {
	const struct legal_case *c;     /* the first: its firm, type and stage */
	const struct legal_sums *sums;  /* its currency; NULL: no money */
	int64_t cases, in_suit, costs, recovered;
};

static bool
same_group(const struct legal_report_row *a, const struct summary *s)
{
	return strcmp(a->c->firm, s->c->firm) == 0 && a->c->type == s->c->type &&
	    a->c->level == s->c->level && (a->sums == NULL) == (s->sums == NULL) &&
	    (a->sums == NULL || a->sums->currency == s->sums->currency);
}

static void
summary_row(struct row_sink *s, const struct summary *g)
{
	int64_t net = 0;
	bool net_ok = g->sums != NULL && !__builtin_sub_overflow(g->recovered, g->costs, &net);

	s->text(s, g->c->firm);
	s->text(s, legal_type_words[g->c->type]);
	s->text(s, legal_stage_word(g->c->type, g->c->level));
	s->text(s, g->sums != NULL ? currency_code(g->sums->currency) : "");
	s->count(s, g->cases);
	money_cell(s, g->sums, g->in_suit);
	money_cell(s, g->sums, g->costs);
	money_cell(s, g->sums, g->recovered);
	money_cell(s, net_ok ? g->sums : NULL, net);
	s->end(s);
}

/*
 * The summary of the open rows, which come ordered by firm, type and
 * stage, but by case before currency: a group's currencies are merged by
 * looking back over the groups of the same stage.
 */
static ar_err
summarise(const struct legal_report_row *rows, size_t n, struct summary **out, size_t *nout)
{
	struct summary *g = calloc(n ? n : 1, sizeof *g);
	size_t k = 0, stage_first = 0;

	*out = NULL;
	*nout = 0;
	if (g == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct legal_report_row *r = &rows[i];
		struct summary *s = NULL;

		if (!r->open)
			continue;
		if (k > 0 && !(strcmp(r->c->firm, g[stage_first].c->firm) == 0 &&
		    r->c->type == g[stage_first].c->type && r->c->level == g[stage_first].c->level))
			stage_first = k;
		for (size_t j = stage_first; j < k; j++)
			if (same_group(r, &g[j]))
				s = &g[j];
		if (s == NULL) {
			s = &g[k++];
			s->c = r->c;
			s->sums = r->sums;
		}
		s->cases++;
		if (r->sums != NULL && (money_add(&s->in_suit, r->sums->in_suit) != AR_OK ||
		    money_add(&s->costs, r->sums->costs) != AR_OK ||
		    money_add(&s->recovered, r->sums->recovered) != AR_OK)) {
			free(g);
			return AR_ERANGE;
		}
	}
	*out = g;
	*nout = k;
	return AR_OK;
}

ar_err
legal_report_write_xlsx(const char *path, const struct legal_report_row *rows, size_t n,
    const struct customer_table *customers, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	struct summary *groups;
	size_t ngroups;
	ar_err err;

	if ((err = summarise(rows, n, &groups, &ngroups)) != AR_OK)
		return ar_error_set(e, err, 0, err == AR_ENOMEM ? "out of memory" :
		    "a sum of the summary passes the largest amount this program can hold");
	if ((err = xlsx_open(&book, path, false, e)) != AR_OK) {
		free(groups);
		return err;
	}
	if (row_sink_sheet_start(&x, book, "Cases", columns, NCOLUMNS)) {
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			case_row(&x.sink, &rows[i], customers);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	if (x.err == AR_OK && row_sink_sheet_start(&x, book, "Summary", summary_columns,
	    SUMMARY_NCOLUMNS)) {
		for (size_t i = 0; i < ngroups && x.err == AR_OK; i++)
			summary_row(&x.sink, &groups[i]);
		xlsx_fit_columns(book, x.ws);
	}
	free(groups);
	return row_sink_book_finish(book, x.err, e);
}
