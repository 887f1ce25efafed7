/*
 * ar-xlsx - any artools stream (CSV) to a formatted Excel workbook: one
 * sheet per input, columns typed by the stream contract (money, dates,
 * whole numbers, text) so that Excel can sum and sort them, and IDs with
 * leading zeros kept as text.
 *
 * Rows are streamed into libxlsxwriter's constant-memory mode: memory does
 * not grow with the input.  The cells are written by lib/xlsx.c; this file
 * is options, column typing and parsing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli.h"
#include "config.h"
#include "csvio.h"
#include "currency.h"
#include "date.h"
#include "diag.h"
#include "money.h"
#include "xlsx.h"

enum {
	OPT_SHEET = CLI_OPT_FIRST_OWN,
	OPT_TYPES
};

/*
 * The common options that mean something here: no --as-of (nothing is
 * aged) and no --skip-bad (a workbook with rows silently missing is worse
 * than none).
 */
static const struct option longopts[] = {
	{ "config", required_argument, NULL, CLI_OPT_CONFIG },
	{ "delimiter", required_argument, NULL, CLI_OPT_DELIMITER },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, CLI_OPT_VERSION },
	{ "sheet", required_argument, NULL, OPT_SHEET },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ NULL, 0, NULL, 0 }
};

enum col_type { COL_TEXT, COL_MONEY, COL_DATE, COL_INTEGER };

/* One --types entry: column name = type. */
struct type_override {
	char *name;
	enum col_type type;
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
	int default_exponent;
	const char *default_currency;
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: ar-xlsx [options] -o OUT.xlsx [FILE ...]\n"
"Write each CSV FILE (standard input when none or -) as a sheet of the\n"
"workbook OUT.xlsx: header row bold and frozen, autofilter, fitted column\n"
"widths, and columns typed by name as in artools(7): money (amount, total,\n"
"current, past_due, credit_limit, bucket columns such as 1-30 and 121+,\n"
"*_amount) in the row's currency, dates (date, as_of, *_date), whole\n"
"numbers (items, oldest_days, days_overdue, terms_days, level); all other\n"
"columns stay text.  Past 1,048,575 rows a sheet continues on NAME (2).\n"
"\n"
"Options:\n"
"  --sheet NAME        name the next input's sheet (repeat in input order;\n"
"                      default: the file name without extension, Sheet1\n"
"                      for standard input)\n"
"  --types COL=TYPE,...\n"
"                      type columns by hand: money, date, integer or text\n"
"  -o, --output FILE   the workbook to write (required; whole or not at all)\n"
"  --config FILE       read FILE instead of looking for ar.ini\n"
"  --delimiter C       field separator of the input: , ; tab | (default ,)\n"
"  -h, --help          print this help and exit\n"
"  --version           print the version and exit\n"
"\n"
CLI_EXIT_HELP
"See ar-xlsx(1), ar.ini(5), artools(7).\n");
	exit(status);
}

static void
out_of_memory(void)
{
	diag_error("out of memory");
	exit(EX_OSERR);
}

static bool
parse_type(const char *s, enum col_type *t)
{
	if (strcmp(s, "money") == 0)
		*t = COL_MONEY;
	else if (strcmp(s, "date") == 0)
		*t = COL_DATE;
	else if (strcmp(s, "integer") == 0)
		*t = COL_INTEGER;
	else if (strcmp(s, "text") == 0)
		*t = COL_TEXT;
	else
		return false;
	return true;
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
		enum col_type type;

		if (eq == NULL || eq == tok || !parse_type(eq + 1, &type))
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
parse_options(int argc, char *argv[], struct xlsx_opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_common_option(&o->common, ch, optarg))
			continue;
		switch (ch) {
		case OPT_SHEET: {
			const char **s = realloc(o->sheets, (o->nsheets + 1) * sizeof *s);

			if (s == NULL)
				out_of_memory();
			o->sheets = s;
			s[o->nsheets++] = optarg;
			break;
		}
		case OPT_TYPES:
			parse_types(o, optarg);
			break;
		default:
			fprintf(stderr, "Try 'ar-xlsx --help' for more information.\n");
			exit(EX_USAGE);
		}
	}
	if (o->common.help)
		usage(stdout, EX_OK);
	if (o->common.version) {
		cli_print_version("ar-xlsx");
		exit(EX_OK);
	}
	if (o->common.output == NULL || *o->common.output == '\0')
		cli_usage_error("%s", "-o OUT.xlsx is required: a workbook is not written to standard output");
}

/* "1-30", "121+": the bucket columns of ar-age. */
static bool
is_bucket_label(const char *s)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return false;
	if (s[i] == '+')
		return s[i + 1] == '\0';
	if (s[i] != '-')
		return false;
	s += i + 1;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > 0 && s[i] == '\0';
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(name, *list) == 0)
			return true;
	return false;
}

/* The stream contract of artools(7): a column's type follows from its name. */
static enum col_type
type_for(const struct xlsx_opts *o, const char *name)
{
	static const char *const money[] = {
		"amount", "current", "total", "past_due", "credit_limit", NULL
	};
	static const char *const dates[] = {
		"date", "as_of", "value_date", "status_date", NULL
	};
	static const char *const integers[] = {
		"items", "oldest_days", "days_overdue", "terms_days", "level", NULL
	};
	enum col_type t = COL_TEXT;

	if (name_in(name, money) || is_bucket_label(name) || ends_with(name, "_amount"))
		t = COL_MONEY;
	else if (name_in(name, dates) || ends_with(name, "_date"))
		t = COL_DATE;
	else if (name_in(name, integers))
		t = COL_INTEGER;
	for (size_t i = 0; i < o->ntypes; i++)
		if (strcmp(o->types[i].name, name) == 0)
			t = o->types[i].type;
	return t;
}

/* The sheet for path: the file's base name without its extension. */
static void
default_sheet_name(const char *path, char *buf, size_t cap)
{
	const char *base, *dot;
	size_t n;

	if (path == NULL) {
		snprintf(buf, cap, "Sheet1");
		return;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	snprintf(buf, cap, "%.*s", (int)n, base);
}

/* Stop: nothing is left behind. */
static void
fail(struct xlsx_run *run, struct csvio_reader *r, int status)
{
	csvio_reader_close(r);
	xlsx_abort(run->book);
	exit(status);
}

static void
fail_reader(struct xlsx_run *run, struct csvio_reader *r, ar_err err, const char *path)
{
	if (err == AR_EOPEN)
		diag_error("cannot open %s: %s", path, strerror(errno));
	else if (err == AR_ENOMEM)
		diag_error("out of memory");
	else if (r != NULL)
		diag_at(csvio_name(r), csvio_error_line(r), "%s", csvio_error(r));
	else
		diag_at(path, 0, "%s", ar_strerror(err));
	fail(run, r, ar_exit_code(err));
}

/* A cell that could not be written: say which, with the value (cut short). */
static void
bad_value(struct xlsx_run *run, struct csvio_reader *r, long line,
    const char *col, const struct csvio_field *f, const char *what)
{
	int n = f->len > 60 ? 60 : (int)f->len;

	diag_at(csvio_name(r), line, "%s \"%.*s%s\" %s", col, n, f->ptr,
	    f->len > 60 ? "..." : "", what);
	fail(run, r, EX_DATAERR);
}

/* Whole numbers as written by artools: an optional sign and digits. */
static bool
parse_integer(const char *s, size_t len, int64_t *v)
{
	size_t i = 0;
	bool neg = false;
	uint64_t mag = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || mag > (UINT64_MAX - 9) / 10)
			return false;
		mag = mag * 10 + (uint64_t)(s[i] - '0');
	}
	if (mag > (uint64_t)INT64_MAX)
		return false;
	*v = neg ? -(int64_t)mag : (int64_t)mag;
	return true;
}

/* The exponent for money in this row: its currency, else the default. */
static int
row_exponent(struct xlsx_run *run, struct csvio_reader *r, const struct csvio_record *rec,
    int currency_col, const char **code)
{
	currency_id id;

	*code = run->default_currency;
	if (currency_col < 0 || rec->field[currency_col].len == 0)
		return run->default_exponent;
	if (currency_lookup(rec->field[currency_col].ptr, rec->field[currency_col].len, &id) != AR_OK)
		bad_value(run, r, rec->line, "currency", &rec->field[currency_col],
		    "is not a known currency code");
	*code = currency_code(id);
	return currency_exponent(id);
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
		diag_error("cannot add sheet \"%s\": %s", name, xlsx_error(run->book));
		fail(run, r, EX_SOFTWARE);
	}
	if ((names = calloc(n, sizeof *names)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < n; i++)
		names[i] = csvio_column_name(r, i);
	err = xlsx_write_header(run->book, ws, 0, names, (uint16_t)n);
	free(names);
	if (err != AR_OK) {
		diag_at(csvio_name(r), 1, "header: %s", xlsx_error(run->book));
		fail(run, r, EX_DATAERR);
	}
	return ws;
}

static void
end_sheet(struct xlsx_run *run, struct csvio_reader *r, lxw_worksheet *ws, uint32_t rows)
{
	if (xlsx_autofilter(run->book, ws, 0, rows, (uint16_t)csvio_ncolumns(r)) != AR_OK) {
		diag_error("autofilter: %s", xlsx_error(run->book));
		fail(run, r, EX_SOFTWARE);
	}
	xlsx_fit_columns(run->book, ws);
}

static void
write_cell(struct xlsx_run *run, struct csvio_reader *r, const struct csvio_record *rec,
    lxw_worksheet *ws, uint32_t row, uint16_t col, enum col_type type, int currency_col)
{
	const struct csvio_field *f = &rec->field[col];
	const char *name = csvio_column_name(r, col);
	const char *code;
	int64_t v;
	civil_day day;
	int exponent;
	ar_err err = AR_OK;

	if (f->len == 0)
		return;   /* an empty cell stays blank, whatever its column */
	switch (type) {
	case COL_MONEY:
		exponent = row_exponent(run, r, rec, currency_col, &code);
		err = money_parse(f->ptr, f->len, exponent, run->ctx.format.decimal, &v);
		if (err == AR_EDECIMALS) {
			char what[64];

			snprintf(what, sizeof what, "is not an amount (more decimals than %s has)", code);
			bad_value(run, r, rec->line, name, f, what);
		}
		if (err != AR_OK)
			bad_value(run, r, rec->line, name, f, "is not an amount");
		err = xlsx_write_money(run->book, ws, row, col, v, exponent);
		break;
	case COL_DATE:
		err = date_parse(f->ptr, f->len, &run->ctx.format.dates, &day);
		if (err == AR_ERANGE)
			bad_value(run, r, rec->line, name, f, "is not a date (no such day)");
		if (err == AR_EAMBIGUOUS)
			bad_value(run, r, rec->line, name, f, "is not a date (ambiguous: write YYYY-MM-DD)");
		if (err != AR_OK)
			bad_value(run, r, rec->line, name, f, "is not a date (expected YYYY-MM-DD)");
		err = xlsx_write_date(run->book, ws, row, col, day);
		break;
	case COL_INTEGER:
		if (!parse_integer(f->ptr, f->len, &v))
			bad_value(run, r, rec->line, name, f, "is not a whole number");
		err = xlsx_write_integer(run->book, ws, row, col, v);
		break;
	case COL_TEXT:
		err = xlsx_write_text(run->book, ws, row, col, f->ptr, f->len, NULL);
		break;
	}
	if (err == AR_ENOMEM)
		out_of_memory();
	if (err != AR_OK) {
		char what[300];

		snprintf(what, sizeof what, "cannot be written: %s", xlsx_error(run->book));
		bad_value(run, r, rec->line, name, f, what);
	}
}

static void
convert_file(struct xlsx_run *run, const char *path, const char *sheet)
{
	struct csvio_opts copts = { run->ctx.delimiter, false, false };
	struct csvio_reader *r;
	struct csvio_record rec;
	enum col_type *types;
	lxw_worksheet *ws;
	uint32_t row = 0;
	size_t ncols;
	int currency_col;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK)
		fail_reader(run, r, err, path ? path : "<stdin>");
	ncols = csvio_ncolumns(r);
	if (ncols > LXW_COL_MAX) {
		diag_at(csvio_name(r), 1, "%zu columns, Excel holds %d", ncols, LXW_COL_MAX);
		fail(run, r, EX_DATAERR);
	}
	if ((types = calloc(ncols, sizeof *types)) == NULL)
		out_of_memory();
	for (size_t i = 0; i < ncols; i++)
		types[i] = type_for(&run->o, csvio_column_name(r, i));
	currency_col = csvio_column(r, "currency");
	ws = start_sheet(run, r, sheet);
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		diag_progress((unsigned long)rec.line);
		/* Excel stops at 1,048,576 rows: go on in "NAME (2)", header again. */
		if (row == XLSX_MAX_ROWS - 1) {
			end_sheet(run, r, ws, row);
			ws = start_sheet(run, r, sheet);
			row = 0;
		}
		row++;
		for (size_t i = 0; i < ncols; i++)
			write_cell(run, r, &rec, ws, row, (uint16_t)i, types[i], currency_col);
	}
	if (err != AR_EOF) {
		free(types);
		fail_reader(run, r, err, path);
	}
	end_sheet(run, r, ws, row);
	free(types);
	csvio_reader_close(r);
}

/* [company] default_currency gives the exponent of rows without a currency. */
static void
resolve_default_currency(struct xlsx_run *run)
{
	const char *code = config_get_string(run->ctx.config, "company:default_currency");
	currency_id id;

	if (code == NULL || currency_lookup(code, strlen(code), &id) != AR_OK) {
		diag_error("[company] default_currency \"%s\" is not a known currency code",
		    code ? code : "");
		exit(EX_CONFIG);
	}
	run->default_currency = currency_code(id);
	run->default_exponent = currency_exponent(id);
}

int
main(int argc, char *argv[])
{
	static struct xlsx_run run;
	char msg[1024], name[256];
	size_t ninputs;
	ar_err err;

	diag_init("ar-xlsx");
	parse_options(argc, argv, &run.o);
	ninputs = optind < argc ? (size_t)(argc - optind) : 1;
	if (run.o.nsheets > ninputs)
		cli_usage_error("%s", "more --sheet names than inputs");
	if ((err = cli_resolve(&run.o.common, &run.ctx, msg, sizeof msg)) != AR_OK) {
		diag_error("%s", msg);
		if (err == AR_EUSAGE)
			fprintf(stderr, "Try 'ar-xlsx --help' for more information.\n");
		return ar_exit_code(err);
	}
	resolve_default_currency(&run);

	if ((err = xlsx_open(&run.book, run.o.common.output, true)) != AR_OK) {
		if (err == AR_ENOMEM)
			out_of_memory();
		diag_error("cannot create %s: %s", run.o.common.output, strerror(errno));
		return EX_CANTCREAT;
	}
	for (size_t i = 0; i < ninputs; i++) {
		const char *path = optind < argc ? argv[optind + (int)i] : NULL;

		if (path != NULL && strcmp(path, "-") == 0)
			path = NULL;
		if (i < run.o.nsheets)
			snprintf(name, sizeof name, "%s", run.o.sheets[i]);
		else
			default_sheet_name(path, name, sizeof name);
		convert_file(&run, path, name);
	}
	diag_progress_done();
	if (xlsx_close(run.book) != AR_OK) {
		diag_error("cannot write %s: %s", run.o.common.output, xlsx_error(NULL));
		return EX_IOERR;
	}

	for (size_t i = 0; i < run.o.ntypes; i++)
		free(run.o.types[i].name);
	free(run.o.types);
	free(run.o.sheets);
	config_free(run.ctx.config);
	return EX_OK;
}
