/*
 * options.h - one option parser for every command, the way git's
 * parse-options works: a command describes its own options in a table
 * (name, argument, help), picks the common ones it takes from a mask, and
 * gets getopt_long, --help, --version and the usage errors from here.
 *
 *   static const struct cli_option own[] = {
 *       CLI_GROUP("Aging:"),
 *       { "basis", 0, "due|doc", OPT_BASIS,
 *         "age from the due date (default) or the document date" },
 *       CLI_END
 *   };
 *   static const struct cli_command age = {
 *       "ar-age", "[options] [FILE ...]", "Age the open items ...\n",
 *       own, CLI_AS_OF | CLI_CONFIG | CLI_DELIMITER | CLI_OUTPUT | CLI_SKIP_BAD,
 *   };
 *   int first = cli_parse(&age, argc, argv, &common, on_option, &opts);
 *
 * The usage text is printed from the tables, so --help, the man page
 * (tests/scripts/help-matches-man.sh) and the parser cannot drift apart.
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

/*
 * One option of a command's own.  help is one or more lines separated by
 * '\n'; a help that starts with '\n' goes on the lines under the option
 * rather than beside it.  An entry with only help is a group heading
 * (CLI_GROUP); CLI_END ends the table.
 */
struct cli_option {
	const char *name;       /* long name without "--" */
	int short_name;         /* 'x' for -x as well, or 0 */
	const char *arg;        /* the argument's name in --help ("FILE"); NULL: none */
	int id;                 /* handed to the command's handler; >= CLI_OPT_FIRST_OWN */
	const char *help;
};

#define CLI_GROUP(heading) { NULL, 0, NULL, 0, heading }
#define CLI_END { NULL, 0, NULL, 0, NULL }

/* The options every command may share, chosen by mask; --help and --version always. */
enum cli_common_mask {
	CLI_AS_OF = 1 << 0,      /* --as-of DATE */
	CLI_CONFIG = 1 << 1,     /* --config FILE */
	CLI_DELIMITER = 1 << 2,  /* --delimiter C */
	CLI_OUTPUT = 1 << 3,     /* -o, --output FILE */
	CLI_SKIP_BAD = 1 << 4    /* --skip-bad */
};

/* Ids of the common options; a command numbers its own from CLI_OPT_FIRST_OWN. */
enum {
	CLI_OPT_CONFIG = 0x1000,
	CLI_OPT_AS_OF,
	CLI_OPT_DELIMITER,
	CLI_OPT_OUTPUT,
	CLI_OPT_SKIP_BAD,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	CLI_OPT_FIRST_OWN
};

struct cli_command {
	const char *name;            /* "ar-age" */
	const char *synopsis;        /* after "usage: NAME ": "[options] [FILE ...]" */
	const char *description;     /* lines, each ending in '\n' */
	const struct cli_option *options;  /* the command's own, CLI_END-terminated */
	unsigned common;             /* enum cli_common_mask */
	/* The common options' help where a command words it its own way; NULL: the usual. */
	const char *output_help;
	const char *delimiter_help;
	const char *as_of_help;
	/* Exit codes of its own, after the usual ones: "75 ...\n"; NULL: none. */
	const char *exit_help;
};

/* What the common options said, as given (cli_resolve turns them into values). */
struct cli_common {
	const char *config_path;
	const char *as_of;
	const char *delimiter;
	const char *output;
	bool skip_bad;
};

/*
 * A command's own option: id from its table, arg (NULL for a flag).  It
 * may call cli_usage_error() on a bad argument.
 */
typedef void (*cli_option_fn)(void *ctx, int id, const char *arg);

/*
 * Parse argv: the common options into *common, the command's own through
 * fn.  --help prints the usage on stdout and exits 0, --version likewise;
 * an unknown option or a missing argument exits 64 with the hint to
 * --help.  Returns the index of the first operand.
 */
int cli_parse(const struct cli_command *cmd, int argc, char *argv[],
    struct cli_common *common, cli_option_fn fn, void *ctx);

/* The usage text, as --help prints it. */
void cli_usage(const struct cli_command *cmd, FILE *fp);

/*
 * A usage error, for commands only (the library never exits): "PROG:
 * MESSAGE" and "Try 'PROG --help' for more information.", exit 64.
 */
_Noreturn void cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Print "PROG (artools) VERSION" to stdout. */
void cli_print_version(const char *progname);

/* A whole number from 0 to max for option opt, or a usage error. */
long cli_parse_count(const char *opt, const char *arg, long max);

/*
 * arg as one of words[] (NULL-terminated): its index, or a usage error
 * "OPT "ARG" is not one of ..." worded from the list.
 */
int cli_parse_word(const char *opt, const char *arg, const char *const *words);

#endif
