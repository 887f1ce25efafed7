/* options.c - one option parser and usage printer for every command. */
#include "cli/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/diag.h"
#include "core/errors.h"

/* Where the help text starts: two spaces, the option, padding. */
#define HELP_COLUMN 22
/* Options are at most this many, common ones included. */
#define OPTIONS_MAX 64

/* The common options, in the order --help lists them. */
static const struct cli_option common_options[] = {
	{ "as-of", 0, "DATE", CLI_OPT_AS_OF, "the day to age at (default: today)" },
	{ "config", 0, "FILE", CLI_OPT_CONFIG, "read FILE instead of looking for ar.ini" },
	{ "delimiter", 0, "C", CLI_OPT_DELIMITER,
	  "field separator of the input: , ; tab | (default ,)" },
	{ "output", 'o', "FILE", CLI_OPT_OUTPUT,
	  "write FILE (whole or not at all) instead of stdout" },
	{ "skip-bad", 0, NULL, CLI_OPT_SKIP_BAD, "report and skip bad rows instead of stopping" },
	{ "help", 'h', NULL, CLI_OPT_HELP, "print this help and exit" },
	{ "version", 0, NULL, CLI_OPT_VERSION, "print the version and exit" },
};

/* The end of every command's --help: the sysexits codes artools uses. */
static const char exit_help[] =
"Exit status: 0 ok, 64 usage, 65 bad data, 66 cannot open input,\n"
"70 internal error, 71 out of memory, 73 cannot create output,\n"
"74 read or write error, 78 bad configuration.\n";

static bool
takes_common(const struct cli_command *cmd, int id)
{
	switch (id) {
	case CLI_OPT_AS_OF:     return (cmd->common & CLI_AS_OF) != 0;
	case CLI_OPT_CONFIG:    return (cmd->common & CLI_CONFIG) != 0;
	case CLI_OPT_DELIMITER: return (cmd->common & CLI_DELIMITER) != 0;
	case CLI_OPT_OUTPUT:    return (cmd->common & CLI_OUTPUT) != 0;
	case CLI_OPT_SKIP_BAD:  return (cmd->common & CLI_SKIP_BAD) != 0;
	default:                return true;   /* --help, --version */
	}
}

/* "  -o, --output FILE" then the help, beside it or under it. */
static void
print_option(FILE *fp, const struct cli_option *o, const char *help)
{
	char head[96];
	int n;

	if (o->short_name != 0)
		n = snprintf(head, sizeof head, "  -%c, --%s%s%s", o->short_name, o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
	else
		n = snprintf(head, sizeof head, "  --%s%s%s", o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
	fputs(head, fp);
	if (*help == '\n') {
		help++;
		n = HELP_COLUMN;
		fputc('\n', fp);
		fprintf(fp, "%*s", HELP_COLUMN, "");
	} else {
		int pad = n + 2 <= HELP_COLUMN ? HELP_COLUMN - n : 2;

		fprintf(fp, "%*s", pad, "");
	}
	for (const char *p = help; *p != '\0'; p++) {
		fputc(*p, fp);
		if (*p == '\n' && p[1] != '\0')
			fprintf(fp, "%*s", HELP_COLUMN, "");
	}
	fputc('\n', fp);
}

void
cli_usage(const struct cli_command *cmd, FILE *fp)
{
	const struct cli_option *o;

	fprintf(fp, "usage: %s %s\n%s\n", cmd->name, cmd->synopsis, cmd->description);
	for (o = cmd->options; o->name != NULL || o->help != NULL; o++) {
		if (o->name == NULL)
			fprintf(fp, "%s\n", o->help);
		else
			print_option(fp, o, o->help);
	}
	if (cmd->options->name != NULL || cmd->options->help != NULL)
		fputc('\n', fp);
	fputs("Common options:\n", fp);
	for (size_t i = 0; i < sizeof common_options / sizeof common_options[0]; i++) {
		const struct cli_option *c = &common_options[i];
		const char *help = c->help;

		if (!takes_common(cmd, c->id))
			continue;
		if (c->id == CLI_OPT_OUTPUT && cmd->output_help != NULL)
			help = cmd->output_help;
		if (c->id == CLI_OPT_DELIMITER && cmd->delimiter_help != NULL)
			help = cmd->delimiter_help;
		if (c->id == CLI_OPT_AS_OF && cmd->as_of_help != NULL)
			help = cmd->as_of_help;
		print_option(fp, c, help);
	}
	fprintf(fp, "\n%s%sSee %s(1), ar.ini(5), artools(7).\n", exit_help,
	    cmd->exit_help != NULL ? cmd->exit_help : "", cmd->name);
}

/* Add o to getopt_long's tables. */
static void
add_getopt(const struct cli_option *o, struct option *longopts, size_t *n,
    char *shortopts, size_t *ns)
{
	longopts[*n].name = o->name;
	longopts[*n].has_arg = o->arg ? required_argument : no_argument;
	longopts[*n].flag = NULL;
	longopts[*n].val = o->id;
	(*n)++;
	if (o->short_name != 0) {
		shortopts[(*ns)++] = (char)o->short_name;
		if (o->arg)
			shortopts[(*ns)++] = ':';
	}
}

/* The id getopt_long returns for a short option: its table entry's. */
static int
id_of_short(const struct cli_command *cmd, int ch)
{
	for (size_t i = 0; i < sizeof common_options / sizeof common_options[0]; i++)
		if (common_options[i].short_name == ch && takes_common(cmd, common_options[i].id))
			return common_options[i].id;
	for (const struct cli_option *o = cmd->options; o->name != NULL || o->help != NULL; o++)
		if (o->name != NULL && o->short_name == ch)
			return o->id;
	return -1;
}

int
cli_parse(const struct cli_command *cmd, int argc, char *argv[],
    struct cli_common *common, cli_option_fn fn, void *ctx)
{
	struct option longopts[OPTIONS_MAX + 1];
	char shortopts[2 * OPTIONS_MAX + 1];
	size_t n = 0, ns = 0;
	int ch;

	diag_init(cmd->name);
	memset(common, 0, sizeof *common);
	for (size_t i = 0; i < sizeof common_options / sizeof common_options[0]; i++)
		if (takes_common(cmd, common_options[i].id))
			add_getopt(&common_options[i], longopts, &n, shortopts, &ns);
	for (const struct cli_option *o = cmd->options; o->name != NULL || o->help != NULL; o++) {
		if (o->name == NULL)
			continue;
		if (n == OPTIONS_MAX)
			abort();   /* a command with more options than the table holds */
		add_getopt(o, longopts, &n, shortopts, &ns);
	}
	memset(&longopts[n], 0, sizeof longopts[n]);
	shortopts[ns] = '\0';

	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch < 0x100 && ch != '?' && ch != ':')
			ch = id_of_short(cmd, ch);
		switch (ch) {
		case CLI_OPT_CONFIG:    common->config_path = optarg; break;
		case CLI_OPT_AS_OF:     common->as_of = optarg; break;
		case CLI_OPT_DELIMITER: common->delimiter = optarg; break;
		case CLI_OPT_OUTPUT:    common->output = optarg; break;
		case CLI_OPT_SKIP_BAD:  common->skip_bad = true; break;
		case CLI_OPT_HELP:
			cli_usage(cmd, stdout);
			exit(EX_OK);
		case CLI_OPT_VERSION:
			cli_print_version(cmd->name);
			exit(EX_OK);
		default:
			if (ch >= CLI_OPT_FIRST_OWN) {
				fn(ctx, ch, optarg);
				break;
			}
			/* getopt_long has said what was wrong. */
			fprintf(stderr, "Try '%s --help' for more information.\n", cmd->name);
			exit(EX_USAGE);
		}
	}
	return optind;
}

void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", diag_progname());
	exit(EX_USAGE);
}

void
cli_print_version(const char *progname)
{
	printf("%s (artools) %s\n", progname, ARTOOLS_VERSION);
}

long
cli_parse_count(const char *opt, const char *arg, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > max)
		cli_usage_error("%s \"%s\" is not a whole number from 0 to %ld", opt, arg, max);
	return v;
}

int
cli_parse_word(const char *opt, const char *arg, const char *const *words)
{
	char list[256];
	size_t n = 0, len = 0;

	for (n = 0; words[n] != NULL; n++)
		if (strcmp(arg, words[n]) == 0)
			return (int)n;
	list[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
		int k = snprintf(list + len, sizeof list - len, "%s%s", sep, words[i]);

		if (k < 0 || (size_t)k >= sizeof list - len)
			break;
		len += (size_t)k;
	}
	cli_usage_error("%s \"%s\" is not %s", opt, arg, list);
}
