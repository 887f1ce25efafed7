/* cli.c - options every command shares. */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <sysexits.h>

#include "infile.h"

bool
cli_common_option(struct cli_common *c, int ch, const char *arg)
{
	switch (ch) {
	case CLI_OPT_CONFIG:    c->config_path = arg; return true;
	case CLI_OPT_AS_OF:     c->as_of = arg;       return true;
	case CLI_OPT_DELIMITER: c->delimiter = arg;   return true;
	case 'o':               c->output = arg;      return true;
	case CLI_OPT_SKIP_BAD:  c->skip_bad = true;   return true;
	case 'h':               c->help = true;       return true;
	case CLI_OPT_VERSION:   c->version = true;    return true;
	default:                return false;
	}
}

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
	struct config_error cerr;
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
cli_print_version(const char *progname)
{
	printf("%s (artools) %s\n", progname, ARTOOLS_VERSION);
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
