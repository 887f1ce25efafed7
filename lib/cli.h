/*
 * cli.h - the options every command shares, parsed and resolved the same
 * way everywhere: --config, --as-of, --delimiter, -o, --skip-bad, --help,
 * --version.  A command adds its own options after CLI_COMMON_LONGOPTS,
 * passes every getopt_long result to cli_common_option() first, then calls
 * cli_resolve() to load ar.ini and turn the common options into values.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "ar.h"
#include "config.h"
#include "date.h"
#include "items.h"
#include "diag.h"

/* For commands (only they exit): a usage error, worded by diag_usage, exit 64. */
#define cli_usage_error(...) (diag_usage(__VA_ARGS__), exit(64))

enum {
	CLI_OPT_CONFIG = 0x1000,
	CLI_OPT_AS_OF,
	CLI_OPT_DELIMITER,
	CLI_OPT_SKIP_BAD,
	CLI_OPT_VERSION,
	CLI_OPT_FIRST_OWN   /* commands number their own long options from here */
};

#define CLI_COMMON_LONGOPTS \
	{ "config", required_argument, NULL, CLI_OPT_CONFIG }, \
	{ "as-of", required_argument, NULL, CLI_OPT_AS_OF }, \
	{ "delimiter", required_argument, NULL, CLI_OPT_DELIMITER }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "skip-bad", no_argument, NULL, CLI_OPT_SKIP_BAD }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CLI_OPT_VERSION }

#define CLI_COMMON_SHORTOPTS "o:h"

/* The end of every command's --help: the sysexits codes artools uses. */
#define CLI_EXIT_HELP \
"Exit status: 0 ok, 64 usage, 65 bad data, 66 cannot open input,\n" \
"71 out of memory, 73 cannot create output, 74 read or write error,\n" \
"78 bad configuration.\n"

/* The common options' lines for --help, identical in every command. */
#define CLI_COMMON_HELP \
"Common options:\n" \
"  --as-of DATE        the day to age at (default: today)\n" \
"  --config FILE       read FILE instead of looking for ar.ini\n" \
"  --delimiter C       field separator of the input: , ; tab | (default ,)\n" \
"  -o, --output FILE   write FILE (whole or not at all) instead of stdout\n" \
"  --skip-bad          report and skip bad rows instead of stopping\n" \
"  -h, --help          print this help and exit\n" \
"  --version           print the version and exit\n"

struct cli_common {
	const char *config_path;
	const char *as_of;      /* text, resolved by cli_resolve */
	const char *delimiter;  /* text, resolved by cli_resolve */
	const char *output;
	bool skip_bad;
	bool help, version;
};

/* Apply a common option; false when ch is not one (the command's own). */
bool cli_common_option(struct cli_common *c, int ch, const char *arg);

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

/* "," ";" "tab" "\t" "|" "semicolon" ...: AR_EUSAGE when not one character. */
ar_err cli_parse_delimiter(const char *text, char *out);

/* Print "PROG (artools) VERSION" to stdout. */
void cli_print_version(const char *progname);

/*
 * fp, or a temporary copy of it that can go back to its start
 * (infile.h), for commands that look at an input before reading it.  On
 * failure, says why on stderr and returns NULL with the exit status in
 * *status, for the caller to clean up and exit with.
 */
FILE *cli_rewindable(FILE *fp, const char *name, int *status);

#endif
