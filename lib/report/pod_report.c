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
#include "report/row_sink.h"

/* claims.csv */

static const char *const claims_columns[] = {
	"customer", "name", "currency", "proceeding", "cut_off", "principal", "interest",
	"set_off", "net_claim", "secured", "preferential", "unsecured", "post_cut_off_items",
	"post_cut_off_receipts", "items"
};
#define CLAIMS_NCOLUMNS (sizeof claims_columns / sizeof claims_columns[0])

static void
claims_row(struct row_sink *s, const struct pod_case *k, const struct pod_currency *c)
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
	struct row_sink_csv c;

	row_sink_csv_init(&c, w);
	for (size_t i = 0; i < k->ncurrencies; i++)
		claims_row(&c.sink, k, &k->currencies[i]);
}

ar_err
pod_claims_write_xlsx(const char *path, const struct pod_case *cases, size_t n,
    struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Claims", claims_columns, CLAIMS_NCOLUMNS)) {
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			for (size_t c = 0; c < cases[i].ncurrencies; c++)
				claims_row(&x.sink, &cases[i], &cases[i].currencies[c]);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, CLAIMS_NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
}

/* statement.csv and statement.xlsx */

static const char *const statement_columns[] = {
	"currency", "date", "doc_no", "doc_type", "amount", "interest_days", "interest",
	"balance", "part", "claimed"
};
#define STATEMENT_NCOLUMNS (sizeof statement_columns / sizeof statement_columns[0])

static void
statement_row(struct row_sink *s, const struct pod_stmt_line *l)
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
	struct row_sink_csv c;

	row_sink_csv_init(&c, w);
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
claim_row(struct row_sink *s, const struct pod_case *k, const struct pod_currency *c)
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
	struct row_sink_sheet x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Statement", statement_columns, STATEMENT_NCOLUMNS)) {
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
	if (x.err == AR_OK && row_sink_sheet_start(&x, book, "Claim", claim_columns, CLAIM_NCOLUMNS)) {
		for (size_t i = 0; i < k->ncurrencies; i++)
			claim_row(&x.sink, k, &k->currencies[i]);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
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
register_row(struct row_sink *s, const struct pod_register_row *r,
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
	struct row_sink_csv c;

	row_sink_csv_init(&c, w);
	csvio_write_names(w, register_columns, REGISTER_NCOLUMNS);
	for (size_t i = 0; i < n; i++)
		register_row(&c.sink, &rows[i], customers, liquidator_default);
}

ar_err
pod_register_write_xlsx(const char *path, const struct pod_register_row *rows, size_t n,
    const struct customer_table *customers, const char *liquidator_default, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Register", register_columns, REGISTER_NCOLUMNS)) {
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			register_row(&x.sink, &rows[i], customers, liquidator_default);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, REGISTER_NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
}
