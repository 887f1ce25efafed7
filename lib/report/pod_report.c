/*
 * pod_report.c - the tables of ar-pod (pod_report.h).  Each table's row is
 * written once, through a sink that is either a CSV writer or a worksheet,
 * so that claims.csv and its workbook, or the register in both forms,
 * cannot drift apart.
 */
#include "report/pod_report.h"

#include <stdio.h>
#include <string.h>

#include "core/currency.h"
#include "core/strtab.h"
#include "core/xlsx.h"

/* Where the cells of a row go: one call per cell, left to right, then end. */
struct sink {
	void (*text)(struct sink *s, const char *text);
	void (*money)(struct sink *s, int64_t minor, currency_id cur);
	void (*date)(struct sink *s, civil_day day);
	void (*count)(struct sink *s, int64_t n);
	void (*end)(struct sink *s);
};

/* CSV */

struct csv_sink {
	struct sink sink;
	struct csvio_writer *w;
};

static struct csvio_writer *
csv_of(struct sink *s)
{
	return ((struct csv_sink *)(void *)s)->w;
}

static void
csv_text(struct sink *s, const char *text)
{
	csvio_write_str(csv_of(s), text);
}

static void
csv_money(struct sink *s, int64_t minor, currency_id cur)
{
	csvio_write_money(csv_of(s), minor, currency_exponent(cur));
}

static void
csv_date(struct sink *s, civil_day day)
{
	csvio_write_day(csv_of(s), day);
}

static void
csv_count(struct sink *s, int64_t n)
{
	char buf[24];
	int len = snprintf(buf, sizeof buf, "%lld", (long long)n);

	csvio_write_field(csv_of(s), buf, (size_t)len);
}

static void
csv_end(struct sink *s)
{
	csvio_end_record(csv_of(s));
}

static void
csv_sink_init(struct csv_sink *c, struct csvio_writer *w)
{
	c->sink = (struct sink){ csv_text, csv_money, csv_date, csv_count, csv_end };
	c->w = w;
}

/* Worksheet: the first failure is kept and every cell after it skipped. */

struct sheet_sink {
	struct sink sink;
	struct xlsx_book *book;
	lxw_worksheet *ws;
	uint32_t row;
	uint16_t col;
	ar_err err;
};

static struct sheet_sink *
sheet_of(struct sink *s)
{
	return (struct sheet_sink *)(void *)s;
}

static void
sheet_text(struct sink *s, const char *text)
{
	struct sheet_sink *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_text(x->book, x->ws, x->row, x->col, text, strlen(text), NULL);
	x->col++;
}

static void
sheet_money(struct sink *s, int64_t minor, currency_id cur)
{
	struct sheet_sink *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_money(x->book, x->ws, x->row, x->col, minor,
		    currency_exponent(cur));
	x->col++;
}

static void
sheet_date(struct sink *s, civil_day day)
{
	struct sheet_sink *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_date(x->book, x->ws, x->row, x->col, day);
	x->col++;
}

static void
sheet_count(struct sink *s, int64_t n)
{
	struct sheet_sink *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_integer(x->book, x->ws, x->row, x->col, n);
	x->col++;
}

static void
sheet_end(struct sink *s)
{
	struct sheet_sink *x = sheet_of(s);

	x->row++;
	x->col = 0;
}

/* Landscape A4, one page wide, the header row on every printed page. */
static void
sheet_setup(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
}

/*
 * A new sheet of book with its header row, ready for the first data row;
 * false with x->err set when the workbook refuses.
 */
static bool
sheet_sink_start(struct sheet_sink *x, struct xlsx_book *book, const char *name,
    const char *const *names, uint16_t ncols)
{
	x->sink = (struct sink){ sheet_text, sheet_money, sheet_date, sheet_count, sheet_end };
	x->book = book;
	x->row = 1;
	x->col = 0;
	x->err = AR_OK;
	if ((x->ws = xlsx_add_sheet(book, name)) == NULL) {
		x->err = AR_EIO;
		return false;
	}
	sheet_setup(x->ws);
	x->err = xlsx_write_header(book, x->ws, 0, names, ncols);
	return x->err == AR_OK;
}

/* The book written out, or given up with the first failure in *e. */
static ar_err
book_finish(struct xlsx_book *book, ar_err err, struct ar_error *e)
{
	if (err != AR_OK) {
		const char *why = xlsx_error(book)->message;

		ar_error_set(e, err, 0, "%s", why[0] != '\0' ? why : ar_strerror(err));
		xlsx_abort(book);
		return err;
	}
	return xlsx_close(book, e);
}

/* claims.csv */

static const char *const claims_columns[] = {
	"customer", "name", "currency", "proceeding", "cut_off", "principal", "interest",
	"set_off", "net_claim", "secured", "preferential", "unsecured", "post_cut_off_items",
	"post_cut_off_receipts", "items"
};
#define CLAIMS_NCOLUMNS (sizeof claims_columns / sizeof claims_columns[0])

static void
claims_row(struct sink *s, const struct pod_case *k, const struct pod_currency *c)
{
	const struct pod_claim *m = &c->claim;

	s->text(s, k->customer_id);
	s->text(s, k->customer != NULL ? k->customer->name : "");
	s->text(s, currency_code(c->currency));
	s->text(s, k->customer != NULL ? k->customer->status : "");
	s->date(s, k->cut_off);
	s->money(s, m->principal, c->currency);
	s->money(s, m->interest, c->currency);
	s->money(s, m->set_off, c->currency);
	s->money(s, m->net_claim, c->currency);
	s->money(s, m->part[POD_SECURED], c->currency);
	s->money(s, m->part[POD_PREFERENTIAL], c->currency);
	s->money(s, m->part[POD_UNSECURED], c->currency);
	s->money(s, m->post_items, c->currency);
	s->money(s, m->post_receipts, c->currency);
	s->count(s, m->items);
	s->end(s);
}

void
pod_claims_write_header(struct csvio_writer *w)
{
	csvio_write_names(w, claims_columns, CLAIMS_NCOLUMNS);
}

void
pod_claims_write_rows(struct csvio_writer *w, const struct pod_case *k)
{
	struct csv_sink c;

	csv_sink_init(&c, w);
	for (size_t i = 0; i < k->ncurrencies; i++)
		claims_row(&c.sink, k, &k->currencies[i]);
}

ar_err
pod_claims_write_xlsx(const char *path, const struct pod_case *cases, size_t n,
    struct ar_error *e)
{
	struct xlsx_book *book;
	struct sheet_sink x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (sheet_sink_start(&x, book, "Claims", claims_columns, CLAIMS_NCOLUMNS)) {
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			for (size_t c = 0; c < cases[i].ncurrencies; c++)
				claims_row(&x.sink, &cases[i], &cases[i].currencies[c]);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, CLAIMS_NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	return book_finish(book, x.err, e);
}

/* statement.csv and statement.xlsx */

static const char *const statement_columns[] = {
	"currency", "date", "doc_no", "doc_type", "amount", "interest_days", "interest",
	"balance", "part", "claimed"
};
#define STATEMENT_NCOLUMNS (sizeof statement_columns / sizeof statement_columns[0])

static void
statement_row(struct sink *s, const struct pod_stmt_line *l)
{
	s->text(s, currency_code(l->currency));
	s->date(s, l->date);
	s->text(s, l->doc_no);
	s->text(s, pod_line_type_word(l));
	s->money(s, l->amount, l->currency);
	s->count(s, l->interest_days);
	s->money(s, l->interest, l->currency);
	s->money(s, l->balance, l->currency);
	s->text(s, pod_part_word(l->part));
	s->text(s, l->claimed ? "yes" : "no");
	s->end(s);
}

void
pod_statement_write_csv(struct csvio_writer *w, const struct pod_case *k)
{
	struct csv_sink c;

	csv_sink_init(&c, w);
	csvio_write_names(w, statement_columns, STATEMENT_NCOLUMNS);
	for (size_t i = 0; i < k->ncurrencies; i++) {
		const struct pod_currency *cur = &k->currencies[i];

		for (size_t j = cur->first; j < cur->first + cur->count; j++)
			statement_row(&c.sink, &k->lines[j]);
	}
}

static const char *const claim_columns[] = {
	"currency", "cut_off", "principal", "interest", "set_off", "net_claim", "secured",
	"preferential", "unsecured", "post_cut_off_items", "post_cut_off_receipts",
	"owed_to_debtor"
};
#define CLAIM_NCOLUMNS (sizeof claim_columns / sizeof claim_columns[0])

static void
claim_row(struct sink *s, const struct pod_case *k, const struct pod_currency *c)
{
	const struct pod_claim *m = &c->claim;

	s->text(s, currency_code(c->currency));
	s->date(s, k->cut_off);
	s->money(s, m->principal, c->currency);
	s->money(s, m->interest, c->currency);
	s->money(s, m->set_off, c->currency);
	s->money(s, m->net_claim, c->currency);
	s->money(s, m->part[POD_SECURED], c->currency);
	s->money(s, m->part[POD_PREFERENTIAL], c->currency);
	s->money(s, m->part[POD_UNSECURED], c->currency);
	s->money(s, m->post_items, c->currency);
	s->money(s, m->post_receipts, c->currency);
	s->money(s, m->owed_to_debtor, c->currency);
	s->end(s);
}

ar_err
pod_statement_write_xlsx(const char *path, const struct pod_case *k, struct ar_error *e)
{
	struct xlsx_book *book;
	struct sheet_sink x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (sheet_sink_start(&x, book, "Statement", statement_columns, STATEMENT_NCOLUMNS)) {
		for (size_t i = 0; i < k->ncurrencies && x.err == AR_OK; i++) {
			const struct pod_currency *cur = &k->currencies[i];

			/* An empty row between the blocks of two currencies. */
			if (i > 0)
				x.row++;
			for (size_t j = cur->first; j < cur->first + cur->count; j++)
				statement_row(&x.sink, &k->lines[j]);
		}
		xlsx_fit_columns(book, x.ws);
	}
	if (x.err == AR_OK && sheet_sink_start(&x, book, "Claim", claim_columns, CLAIM_NCOLUMNS)) {
		for (size_t i = 0; i < k->ncurrencies; i++)
			claim_row(&x.sink, k, &k->currencies[i]);
		xlsx_fit_columns(book, x.ws);
	}
	return book_finish(book, x.err, e);
}

/* The register */

static const char *const register_columns[] = {
	"customer", "name", "currency", "proceeding", "cut_off", "claim", "filed", "amended",
	"liquidator", "dividends", "unrecovered", "ref"
};
#define REGISTER_NCOLUMNS (sizeof register_columns / sizeof register_columns[0])

/* The master record of a customer id, NULL when the table does not hold it. */
static const struct customer *
customer_named(const struct customer_table *t, const char *id)
{
	uint32_t n;

	if (t == NULL || t->ids == NULL || !strtab_find(t->ids, id, strlen(id), &n))
		return NULL;
	return customers_get(t, n);
}

static void
register_row(struct sink *s, const struct pod_register_row *r,
    const struct customer_table *customers, const char *liquidator_default)
{
	const struct customer *c = customer_named(customers, r->customer);
	const char *liquidator = c != NULL ? c->liquidator : "";

	if (liquidator[0] == '\0')
		liquidator = liquidator_default != NULL ? liquidator_default : "";
	s->text(s, r->customer);
	s->text(s, c != NULL ? c->name : "");
	s->text(s, currency_code(r->currency));
	s->text(s, c != NULL ? c->status : "");
	s->date(s, r->cut_off);
	s->money(s, r->claim, r->currency);
	s->date(s, r->filed);
	s->date(s, r->amended);
	s->text(s, liquidator);
	s->money(s, r->dividends, r->currency);
	s->money(s, r->unrecovered, r->currency);
	s->text(s, r->ref != NULL ? r->ref : "");
	s->end(s);
}

void
pod_register_write_csv(struct csvio_writer *w, const struct pod_register_row *rows, size_t n,
    const struct customer_table *customers, const char *liquidator_default)
{
	struct csv_sink c;

	csv_sink_init(&c, w);
	csvio_write_names(w, register_columns, REGISTER_NCOLUMNS);
	for (size_t i = 0; i < n; i++)
		register_row(&c.sink, &rows[i], customers, liquidator_default);
}

ar_err
pod_register_write_xlsx(const char *path, const struct pod_register_row *rows, size_t n,
    const struct customer_table *customers, const char *liquidator_default, struct ar_error *e)
{
	struct xlsx_book *book;
	struct sheet_sink x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (sheet_sink_start(&x, book, "Register", register_columns, REGISTER_NCOLUMNS)) {
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			register_row(&x.sink, &rows[i], customers, liquidator_default);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, REGISTER_NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	return book_finish(book, x.err, e);
}
