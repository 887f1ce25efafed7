/*
 * cli.h - what a command's common options resolve to: ar.ini loaded (per
 * --config and the lookup order), --as-of and --delimiter turned into
 * values over its defaults.  Options are parsed by options.h.
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/errors.h"
#include "core/config.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/outfile.h"
#include "ar/items.h"
#include "cli/diag.h"
#include "cli/options.h"

/* What the common options and ar.ini resolve to. */
struct cli_context {
	struct ar_config *config;   /* caller frees with config_free */
	civil_day as_of;
	char delimiter;
	struct item_format format;  /* decimal separator and date forms */
};

/*
 * Load ar.ini (per --config and the lookup order) and resolve --as-of and
 * --delimiter over its defaults.  On failure, msg holds a whole message
 * (e.g. "ar.ini:12: unknown key ...") and the result says the exit code:
 * AR_ECONFIG/AR_EOPEN (78/66) for configuration, AR_EUSAGE for options.
 */
ar_err cli_resolve(const struct cli_common *c, struct cli_context *ctx,
    char *msg, size_t cap);

/*
 * cli_resolve, or say why and exit: 64 with the hint to --help for a bad
 * option, 66 or 78 for the configuration.
 */
void cli_resolve_or_exit(const struct cli_common *c, struct cli_context *ctx);

/* "," ";" "tab" "\t" "|" "semicolon" ...: AR_EUSAGE when not one character. */
ar_err cli_parse_delimiter(const char *text, char *out);

/*
 * fp, or a temporary copy of it that can go back to its start
 * (infile.h), for commands that look at an input before reading it.  On
 * failure, says why on stderr and returns NULL with the exit status in
 * *status, for the caller to clean up and exit with.
 */
FILE *cli_rewindable(FILE *fp, const char *name, int *status);

/*
 * Why a CSV reader could not go on, on stderr: "cannot open PATH: why",
 * "out of memory", or the reader's error at its line.  Closes r (which may
 * be NULL) and returns the exit status for err.
 */
int cli_reader_failed(struct csvio_reader *r, ar_err err, const char *path);

/*
 * A CSV input with the default options (path NULL: standard input), or
 * NULL when it cannot be opened, said on stderr (cli_reader_failed) with
 * the exit status in *status.  The caller closes it (csvio_reader_close).
 */
struct csvio_reader *cli_open_csv(const char *path, int *status);

/*
 * The customer master at path into t (customers_init, then
 * customers_load): 0, or the exit status after saying why on stderr (the
 * caller frees t with customers_free either way).
 */
struct customer_table;
int cli_load_customers(const char *path, struct customer_table *t);

/* Who a journal row says did it: given, else $USER, else $LOGNAME (cron sets it), else "unknown". */
const char *cli_user_name(const char *given);

/*
 * The columns of a ledger (the items stream with clearing_date, every
 * item open and cleared; need_doc_date as items_bind) into *cols and
 * *clearing: 0, or the exit status
 * after saying at line 1 what is missing (closing r).  A ledger without
 * clearing_date is refused: every item in it would count as open.
 */
int cli_bind_ledger(struct csvio_reader *r, bool need_doc_date, struct item_columns *cols,
    int *clearing);

/*
 * A library call reading r stopped with err, *e saying why: "out of
 * memory", or *e at r's name, on stderr.  Closes r and returns the exit
 * status for err.
 */
int cli_input_failed(struct csvio_reader *r, ar_err err, const struct ar_error *e);

/*
 * Open the output (outfile_open, or outfile_open_held for a tool that
 * checks its input as a whole), or say "cannot create PATH: why": 0 or
 * the exit status.
 */
int cli_output_open(struct outfile *o, const char *path, bool held);

/* Commit it, or say "cannot write PATH: why" (PATH NULL: standard output): 0 or 74. */
int cli_output_commit(struct outfile *o, const char *path);

/*
 * The time documents are dated with (a PDF's CreationDate, an e-mail's
 * Date): SOURCE_DATE_EPOCH when set, so that two runs give the same bytes,
 * else now.  A SOURCE_DATE_EPOCH that is not a number of seconds is a
 * usage error (exit 64).
 */
long long cli_created_time(void);

#endif
