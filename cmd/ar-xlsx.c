/*
 * ar-xlsx - any artools stream (CSV) to a formatted Excel workbook: one
 * sheet per input, columns typed by the stream contract (money, dates,
 * whole numbers, text) so that Excel can sum and sort them, and IDs with
 * leading zeros kept as text.
 *
 * Rows are streamed into libxlsxwriter's constant-memory mode: memory does
 * not grow with the input.  A column's type follows from its name
 * (lib/report/stream_types.c) and the cells are written by
 * lib/report/stream_sheet.c; this file is options and wiring.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/config.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/xlsx.h"
#include "report/stream_sheet.h"
#include "report/stream_types.h"
#include "cli/cli.h"
#include "cli/diag.h"

enum {
	OPT_SHEET = CLI_OPT_FIRST_OWN,
	OPT_TYPES
};

static const struct cli_option options[] = {
	CLI_GROUP("Options:"),
	{ "sheet", 0, "NAME", OPT_SHEET,
	  "name the next input's sheet (repeat in input order;\n"
	  "default: the file name without extension, Sheet1\n"
	  "for standard input)" },
	{ "types", 0, "COL=TYPE,...", OPT_TYPES,
	  "\ntype columns by hand: money, date, integer or text" },
	CLI_END
};

/*
 * The common options that mean something here: no --as-of (nothing is
 * aged) and no --skip-bad (a workbook with rows silently missing is worse
 * than none).
 */
static const struct cli_command command = {
	"ar-xlsx", "[options] -o OUT.xlsx [FILE ...]",
	"Write each CSV FILE (standard input when none or -) as a sheet of the\n"
	"workbook OUT.xlsx: header row bold and frozen, autofilter, fitted column\n"
	"widths, and columns typed by name as in artools(7): money (amount, total,\n"
	"current, past_due, credit_limit, bucket columns such as 1-30 and 121+,\n"
	"*_amount) in the row's currency, dates (date, as_of, *_date), whole\n"
	"numbers (items, oldest_days, days_overdue, terms_days, level); all other\n"
	"columns stay text.  Past 1,048,575 rows a sheet continues on NAME (2).\n",
	options, CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT,
	"the workbook to write (required; whole or not at all)", NULL, NULL, NULL
};

/* One --types entry: column name = type. */
struct type_override {
	char *name;
	enum stream_type type;
};

struct xlsx_opts {
	struct cli_common common;
	const char **sheets;        /* --sheet names in order */
	size_t nsheets;
	struct type_override *types;
	size_t ntypes;
};

struct xlsx_run {
	struct xlsx_opts o;
	struct cli_context ctx;
	struct xlsx_book *book;
	currency_id default_currency;
};

static _Noreturn void
out_of_memory(void)
{
	diag_error("out of memory");
	exit(EX_OSERR);
}

/* "amount=text,posting=date": added to o->types; a later entry wins. */
static void
parse_types(struct xlsx_opts *o, const char *arg)
{
	char *text = strdup(arg), *save = NULL, *tok;

	if (text == NULL)
		out_of_memory();
	for (tok = strtok_r(text, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		struct type_override *t;
		enum stream_type type;

		if (eq == NULL || eq == tok || stream_type_parse(eq + 1, &type) != AR_OK)
			cli_usage_error("--types entry \"%s\" is not COLUMN=money|date|integer|text", tok);
		*eq = '\0';
		t = realloc(o->types, (o->ntypes + 1) * sizeof *t);
		if (t == NULL)
			out_of_memory();
		o->types = t;
		if ((t[o->ntypes].name = strdup(tok)) == NULL)
			out_of_memory();
		t[o->ntypes].type = type;
		o->ntypes++;
	}
	free(text);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	struct xlsx_opts *o = ctx;

	switch (id) {
	case OPT_SHEET: {
		const char **s = realloc(o->sheets, (o->nsheets + 1) * sizeof *s);

		if (s == NULL)
			out_of_memory();
		o->sheets = s;
		s[o->nsheets++] = arg;
		break;
	}
	case OPT_TYPES:
		parse_types(o, arg);
		break;
	}
}

static int
parse_options(int argc, char *argv[], struct xlsx_opts *o)
{
	int first = cli_parse(&command, argc, argv, &o->common, on_option, o);

	if (o->common.output == NULL || *o->common.output == '\0')
		cli_usage_error("%s", "-o OUT.xlsx is required: a workbook is not written to standard output");
	return first;
}

/* The stream contract's type for a column, unless --types says otherwise. */
static enum stream_type
type_for(const struct xlsx_opts *o, const char *name)
{
	enum stream_type t = stream_column_type(name);

	for (size_t i = 0; i < o->ntypes; i++)
		if (strcmp(o->types[i].name, name) == 0)
			t = o->types[i].type;
	return t;
}

/* Stop: nothing is left behind. */
static _Noreturn void
fail(struct xlsx_run *run, struct csvio_reader *r, int status)
{
	csvio_reader_close(r);
	xlsx_abort(run->book);
	exit(status);
}

/* A new sheet for the reader's columns, with its header row. */
static lxw_worksheet *
start_sheet(struct xlsx_run *run, struct csvio_reader *r, const char *name)
{
	size_t n = csvio_ncolumns(r);
	const char **names;
	lxw_worksheet *ws;
	ar_err err;

	if ((ws = xlsx_add_sheet(run->book, name)) == NULL) {
		diag_error("cannot add sheet \"%s\": %s", name, xlsx_error(run->book)->message);
		fail(run, r, EX_SOFTWARE);
	}
	if ((names = calloc(n, sizeof *names)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < n; i++)
		names[i] = csvio_column_name(r, i);
	err = xlsx_write_header(run->book, ws, 0, names, (uint16_t)n);
	free(names);
	if (err != AR_OK) {
		diag_at(csvio_name(r), 1, "header: %s", xlsx_error(run->book)->message);
		fail(run, r, EX_DATAERR);
	}
	return ws;
}

static void
end_sheet(struct xlsx_run *run, struct csvio_reader *r, lxw_worksheet *ws, uint32_t rows)
{
	if (xlsx_autofilter(run->book, ws, 0, rows, (uint16_t)csvio_ncolumns(r)) != AR_OK) {
		diag_error("autofilter: %s", xlsx_error(run->book)->message);
		fail(run, r, EX_SOFTWARE);
	}
	xlsx_fit_columns(run->book, ws);
}

/* The type of each of r's columns, by name and --types; the caller frees it. */
static enum stream_type *
column_types(struct xlsx_run *run, struct csvio_reader *r)
{
	size_t ncols = csvio_ncolumns(r);
	enum stream_type *types;

	if (ncols > LXW_COL_MAX) {
		diag_at(csvio_name(r), 1, "%zu columns, Excel holds %d", ncols, LXW_COL_MAX);
		fail(run, r, EX_DATAERR);
	}
	if ((types = calloc(ncols, sizeof *types)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < ncols; i++)
		types[i] = type_for(&run->o, csvio_column_name(r, i));
	return types;
}

static void
convert_file(struct xlsx_run *run, const char *path, const char *sheet)
{
	struct csvio_opts copts = { run->ctx.delimiter, false, false, NULL };
	struct csvio_reader *r;
	struct csvio_record rec;
	struct stream_cells cells;
	enum stream_type *types;
	struct ar_error e = { 0 };
	lxw_worksheet *ws;
	uint32_t row = 0;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail(run, NULL, cli_reader_failed(r, err, path ? path : "<stdin>"));
	types = column_types(run, r);
	cells = (struct stream_cells){ types, csvio_column(r, "currency"), run->default_currency,
	    &run->ctx.format };
	ws = start_sheet(run, r, sheet);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		diag_progress((unsigned long)rec.line);
		/* Excel stops at 1,048,576 rows: go on in "NAME (2)", header again. */
		if (row == XLSX_MAX_ROWS - 1) {
			end_sheet(run, r, ws, row);
			ws = start_sheet(run, r, sheet);
			row = 0;
		}
		if ((err = stream_write_row(run->book, ws, ++row, &cells, r, &rec, &e)) == AR_ENOMEM)
			out_of_memory();
		if (err != AR_OK) {
			diag_report(csvio_name(r), &e);
			fail(run, r, EX_DATAERR);
		}
	}
	free(types);
	if (err != AR_EOF)
		fail(run, NULL, cli_reader_failed(r, err, path));
	end_sheet(run, r, ws, row);
	csvio_reader_close(r);
}

int
main(int argc, char *argv[])
{
	static struct xlsx_run run;
	char name[256];
	struct ar_error xerr = { 0 };
	size_t ninputs;
	int first;
	ar_err err;

	first = parse_options(argc, argv, &run.o);
	ninputs = first < argc ? (size_t)(argc - first) : 1;
	if (run.o.nsheets > ninputs)
		cli_usage_error("%s", "more --sheet names than inputs");
	cli_resolve_or_exit(&run.o.common, &run.ctx);
	/* [company] default_currency: the money of rows without a currency. */
	run.default_currency = config_get_currency(run.ctx.config, "company:default_currency");

	if ((err = xlsx_open(&run.book, run.o.common.output, true, &xerr)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_error("cannot create %s: %s", run.o.common.output, xerr.message);
		return EX_CANTCREAT;
	}
	for (size_t i = 0; i < ninputs; i++) {
		const char *path = first < argc ? argv[first + (int)i] : NULL;

		if (path != NULL && strcmp(path, "-") == 0)
			path = NULL;
		if (i < run.o.nsheets)
			snprintf(name, sizeof name, "%s", run.o.sheets[i]);
		else
			stream_sheet_name(path, name, sizeof name);
		convert_file(&run, path, name);
	}
	diag_progress_done();
	if (xlsx_close(run.book, &xerr) != AR_OK) {
		diag_error("cannot write %s: %s", run.o.common.output, xerr.message);
		return EX_IOERR;
	}

	for (size_t i = 0; i < run.o.ntypes; i++)
		free(run.o.types[i].name);
	free(run.o.types);
	free(run.o.sheets);
	config_free(run.ctx.config);
	return EX_OK;
}
