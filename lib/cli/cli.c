/* cli.c - options every command shares. */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "ar/customers.h"
#include "core/infile.h"

ar_err
cli_parse_delimiter(const char *text, char *out)
{
	static const struct { const char *word; char c; } words[] = {
		{ "tab", '\t' }, { "\\t", '\t' }, { "comma", ',' },
		{ "semicolon", ';' }, { "pipe", '|' },
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(text, words[i].word) == 0) {
			*out = words[i].c;
			return AR_OK;
		}
	}
	if (strlen(text) != 1 || text[0] == '"' || text[0] == '\n' || text[0] == '\r')
		return AR_EUSAGE;
	*out = text[0];
	return AR_OK;
}

ar_err
cli_resolve(const struct cli_common *c, struct cli_context *ctx, char *msg, size_t cap)
{
	struct ar_error cerr;
	ar_err err;

	memset(ctx, 0, sizeof *ctx);
	if ((err = config_load(c->config_path, &ctx->config, &cerr)) != AR_OK) {
		if (cerr.line > 0)
			snprintf(msg, cap, "%s:%ld: %s", cerr.file, cerr.line, cerr.message);
		else if (cerr.file[0] != '\0')
			snprintf(msg, cap, "%s: %s", cerr.file, cerr.message);
		else
			snprintf(msg, cap, "%s", cerr.message);
		return err == AR_EOPEN ? AR_EOPEN : AR_ECONFIG;
	}
	ctx->delimiter = config_get_char(ctx->config, "input:delimiter");
	if (c->delimiter != NULL && cli_parse_delimiter(c->delimiter, &ctx->delimiter) != AR_OK) {
		snprintf(msg, cap, "--delimiter \"%s\" is not one character (or tab, semicolon, pipe)",
		    c->delimiter);
		goto usage;
	}
	ctx->format.decimal = strcmp(config_get_string(ctx->config, "input:decimal"), "comma") == 0
	    ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	ctx->format.dates.order = strcmp(config_get_string(ctx->config, "input:date_order"),
	    "month-first") == 0 ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
	ctx->format.dates.roc = config_get_bool(ctx->config, "input:roc_dates");
	ctx->format.dates.excel_serial = config_get_bool(ctx->config, "input:excel_serial_dates");
	ctx->format.default_currency = config_get_currency(ctx->config, "company:default_currency");
	ctx->format.has_default_currency = true;
	if (c->as_of == NULL) {
		ctx->as_of = date_today();
	} else {
		/* --as-of is typed by a person: ISO or the input's own forms. */
		err = date_parse(c->as_of, strlen(c->as_of), &ctx->format.dates, &ctx->as_of);
		if (err != AR_OK) {
			snprintf(msg, cap, "--as-of \"%s\" is not a date (expected YYYY-MM-DD)", c->as_of);
			goto usage;
		}
	}
	return AR_OK;
usage:
	config_free(ctx->config);
	ctx->config = NULL;
	return AR_EUSAGE;
}

void
cli_resolve_or_exit(const struct cli_common *c, struct cli_context *ctx)
{
	char msg[1024];
	ar_err err;

	if ((err = cli_resolve(c, ctx, msg, sizeof msg)) == AR_OK)
		return;
	if (err == AR_EUSAGE)
		cli_usage_error("%s", msg);
	diag_error("%s", msg);
	exit(ar_exit_code(err));
}

FILE *
cli_rewindable(FILE *fp, const char *name, int *status)
{
	FILE *in;
	ar_err e;

	if ((in = infile_rewindable(fp, &e)) != NULL)
		return in;
	if (e == AR_ECREATE)
		diag_error("cannot make a temporary file: %s", strerror(errno));
	else
		diag_error("cannot copy %s to a temporary file: %s", name, strerror(errno));
	*status = e == AR_ECREATE ? EX_CANTCREAT : EX_IOERR;
	return NULL;
}

int
cli_input_failed(struct csvio_reader *r, ar_err err, const struct ar_error *e)
{
	if (err == AR_ENOMEM)
		diag_error("out of memory");
	else
		diag_report(csvio_name(r), e);
	csvio_reader_close(r);
	return ar_exit_code(err);
}

int
cli_reader_failed(struct csvio_reader *r, ar_err err, const char *path)
{
	if (err == AR_EOPEN)
		diag_error("cannot open %s: %s", path, strerror(errno));
	else if (err == AR_ENOMEM)
		diag_error("out of memory");
	else if (r != NULL)
		diag_report(csvio_name(r), csvio_error(r));
	else
		diag_at(path, 0, "%s", ar_strerror(err));
	csvio_reader_close(r);
	return ar_exit_code(err);
}

int
cli_output_open(struct outfile *o, const char *path, bool held)
{
	ar_err err = held ? outfile_open_held(o, path) : outfile_open(o, path);

	if (err == AR_OK)
		return 0;
	diag_error("cannot create %s: %s", path ? path : "a temporary file", strerror(errno));
	return EX_CANTCREAT;
}

int
cli_output_commit(struct outfile *o, const char *path)
{
	if (outfile_commit(o) == AR_OK)
		return 0;
	diag_error("cannot write %s: %s", path ? path : "standard output", strerror(errno));
	return EX_IOERR;
}

long long
cli_created_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (epoch == NULL || epoch[0] == '\0')
		return (long long)time(NULL);
	v = strtoll(epoch, &end, 10);
	if (*end != '\0' || v < 0)
		cli_usage_error("SOURCE_DATE_EPOCH \"%s\" is not a number of seconds", epoch);
	return v;
}

struct csvio_reader *
cli_open_csv(const char *path, int *status)
{
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	ar_err err;

	if ((err = csvio_reader_open(&r, path, &copts)) != AR_OK) {
		*status = cli_reader_failed(r, err, path ? path : "<stdin>");
		return NULL;
	}
	return r;
}

const char *
cli_user_name(const char *given)
{
	const char *u = given;

	if (u == NULL || *u == '\0')
		u = getenv("USER");
	if (u == NULL || *u == '\0')
		u = getenv("LOGNAME");
	return u == NULL || *u == '\0' ? "unknown" : u;
}

int
cli_bind_ledger(struct csvio_reader *r, bool need_doc_date, struct item_columns *cols,
    int *clearing)
{
	const char *missing;

	if (items_bind(r, need_doc_date, cols, &missing) != AR_OK) {
		diag_at(csvio_name(r), 1, "no %s column", missing);
		csvio_reader_close(r);
		return EX_DATAERR;
	}
	if ((*clearing = csvio_column(r, "clearing_date")) < 0) {
		diag_at(csvio_name(r), 1, "no clearing_date column: the ledger is every item, open "
		    "and cleared, with the day each was cleared (empty while open)");
		csvio_reader_close(r);
		return EX_DATAERR;
	}
	return 0;
}

int
cli_load_customers(const char *path, struct customer_table *t)
{
	struct ar_error e = { 0 };
	struct csvio_reader *r;
	int status;
	ar_err err;

	if (customers_init(t, 1024) != AR_OK) {
		diag_error("out of memory");
		return EX_OSERR;
	}
	if ((r = cli_open_csv(path, &status)) == NULL)
		return status;
	if ((err = customers_load(t, r, &e)) != AR_OK)
		return cli_input_failed(r, err, &e);
	csvio_reader_close(r);
	return 0;
}
