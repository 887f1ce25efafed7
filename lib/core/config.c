/*
 * config.c - ar.ini: find it, load it with iniparser, answer typed getters.
 *
 * Loading takes three passes over the file, each in a file of its own:
 * iniparser's (here, with its complaints caught), the line scan that
 * finds line numbers and the mistakes iniparser loses (config_scan.c),
 * and the check of every section, key and value against the schema
 * (config_schema.c).  config_int.h is what they share.
 *
 * Not thread-safe: iniparser's error callback takes no context pointer, so
 * its complaint is caught in a static.
 */
#include "core/config.h"
#include "core/config_int.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/currency.h"

/* iniparser 4.1's own wording, so its arguments can be taken apart. */
#define INI_SYNTAX_FMT "iniparser: syntax error in %s (%d):\n-> %s\n"
#define INI_LONG_FMT "iniparser: input line too long in %s (%d)\n"
#define INI_OPEN_FMT "iniparser: cannot open %s\n"

static struct {
	enum { INI_QUIET, INI_SYNTAX, INI_LONG, INI_OPEN, INI_OTHER } kind;
	int saved_errno;
	long line;
	char text[VALUE_MAX];
} complaint;

/* Keeps iniparser quiet (the library never prints) and keeps its first word. */
static int
catch_complaint(const char *fmt, ...)
{
	va_list ap;
	int saved_errno = errno;

	if (complaint.kind != INI_QUIET)
		return 0;
	complaint.saved_errno = saved_errno;
	if (strcmp(fmt, INI_SYNTAX_FMT) == 0)
		complaint.kind = INI_SYNTAX;
	else if (strcmp(fmt, INI_LONG_FMT) == 0)
		complaint.kind = INI_LONG;
	else if (strcmp(fmt, INI_OPEN_FMT) == 0)
		complaint.kind = INI_OPEN;
	else
		complaint.kind = INI_OTHER;
	va_start(ap, fmt);
	if (complaint.kind == INI_SYNTAX || complaint.kind == INI_LONG) {
		(void)va_arg(ap, const char *);
		complaint.line = va_arg(ap, int);
		if (complaint.kind == INI_SYNTAX)
			snprintf(complaint.text, sizeof complaint.text, "%s",
			    va_arg(ap, const char *));
	} else {
		vsnprintf(complaint.text, sizeof complaint.text, fmt, ap);
		complaint.text[strcspn(complaint.text, "\n")] = '\0';
	}
	va_end(ap);
	return 0;
}

/* Turn iniparser's first complaint, if any, into ours. */
static ar_err
take_complaint(struct ar_error *err)
{
	char text[VALUE_MAX];

	switch (complaint.kind) {
	case INI_QUIET:
		return AR_OK;
	case INI_SYNTAX:
		cfg_note(err, complaint.line, "\"%s\" is not a [section], a key = "
		    "value line or a comment",
		    cfg_shown(complaint.text, text, sizeof text));
		return AR_ECONFIG;
	case INI_LONG:
		cfg_note(err, complaint.line, "line too long (iniparser reads at "
		    "most 1022 bytes a line, continuations included)");
		return AR_ECONFIG;
	case INI_OPEN:
		err->line = 0;
		snprintf(err->message, sizeof err->message, "cannot open: %s",
		    strerror(complaint.saved_errno));
		return AR_EOPEN;
	default:
		cfg_note(err, 0, "%s", cfg_shown(complaint.text, text, sizeof text));
		return strstr(complaint.text, "memory") ? AR_ENOMEM : AR_ECONFIG;
	}
}

static ar_err
open_error(struct ar_error *err, const char *path, const char *how, int e)
{
	snprintf(err->file, sizeof err->file, "%s", path);
	snprintf(err->message, sizeof err->message, "cannot open%s: %s", how,
	    strerror(e));
	return AR_EOPEN;
}

/*
 * The lookup order of config.h; *path stays NULL when there is no file.
 * An empty $AR_CONFIG, $XDG_CONFIG_HOME or $HOME counts as unset, and so
 * does a relative $XDG_CONFIG_HOME, as the XDG base directory spec says.
 */
static ar_err
find_file(const char *explicit_path, char **path, struct ar_error *err)
{
	const char *env = getenv("AR_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME"), *how = "", *cand[3];
	char user[PATH_MAX];
	struct stat st;
	int i;

	if (explicit_path == NULL && env != NULL && *env != '\0')
		explicit_path = env, how = " (named by $AR_CONFIG)";
	cand[0] = explicit_path ? explicit_path : "ar.ini";
	cand[1] = user;
	if (xdg != NULL && xdg[0] == '/')
		snprintf(user, sizeof user, "%s/artools/ar.ini", xdg);
	else if (home != NULL && *home != '\0')
		snprintf(user, sizeof user, "%s/.config/artools/ar.ini", home);
	else
		cand[1] = NULL;
	cand[2] = "/etc/artools/ar.ini";
	for (i = 0; i < (explicit_path ? 1 : 3); i++) {
		if (cand[i] == NULL)
			continue;
		if (stat(cand[i], &st) != 0) {
			/*
			 * A file looked for, not named, may be missing; and one
			 * behind a directory we may not search (another user's
			 * $HOME under sudo or cron) is missing for us too.
			 */
			if (explicit_path == NULL && (errno == ENOENT || errno == ENOTDIR || errno == EACCES))
				continue;
			return open_error(err, cand[i], how, errno);
		}
		if (S_ISDIR(st.st_mode))
			return open_error(err, cand[i], "", EISDIR);
		if ((*path = strdup(cand[i])) == NULL)
			return AR_ENOMEM;
		return AR_OK;
	}
	return AR_OK;
}

/*
 * A default currency the built-in table does not know needs the file to
 * give its exponent.  Asked only of a file with no other mistake, whose
 * values are canonical by then.
 */
static void
check_default_currency(const struct ar_config *cfg, struct ar_error *err)
{
	char key[32];
	const char *cur;
	currency_id id;

	if (!config_has(cfg, "company:default_currency"))
		return;
	cur = config_get_string(cfg, "company:default_currency");
	snprintf(key, sizeof key, "currency.%s:exponent", cur);
	if (currency_lookup(cur, 3, &id) != AR_OK && !config_has(cfg, key))
		cfg_note(err, cfg_line_of(cfg, "company", "default_currency"),
		    "[company] default_currency: \"%s\" is not a known currency "
		    "(add a [currency.%s] section with its exponent)", cur, cur);
}

ar_err
config_load(const char *explicit_path, struct ar_config **out,
    struct ar_error *err)
{
	struct ar_config *cfg;
	ar_err rc;

	*out = NULL;
	memset(err, 0, sizeof *err);
	if ((cfg = calloc(1, sizeof *cfg)) == NULL) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return AR_ENOMEM;
	}
	if ((rc = find_file(explicit_path, &cfg->path, err)) != AR_OK)
		goto done;
	if (cfg->path == NULL) {	/* built-in defaults */
		*out = cfg;
		return AR_OK;
	}
	snprintf(err->file, sizeof err->file, "%s", cfg->path);
	memset(&complaint, 0, sizeof complaint);
	iniparser_set_error_callback(catch_complaint);
	cfg->ini = iniparser_load(cfg->path);
	if (complaint.kind == INI_OPEN) {
		rc = take_complaint(err);
		goto done;
	}
	if ((rc = cfg_scan_file(cfg, err)) != AR_OK)
		goto done;
	rc = take_complaint(err);
	if (rc == AR_OK && cfg->ini == NULL)
		rc = AR_ENOMEM;	/* iniparser fails silently only there */
	if (rc == AR_OK)
		rc = cfg_check_entries(cfg, err);
	if (rc == AR_OK && err->message[0] == '\0')
		check_default_currency(cfg, err);
	if (rc == AR_OK && err->message[0] != '\0')
		rc = AR_ECONFIG;
	/* last, so that a file with a mistake changes no currency */
	if (rc == AR_OK)
		rc = config_apply_currencies(cfg, err);
done:
	if (rc == AR_ENOMEM)
		snprintf(err->message, sizeof err->message, "out of memory");
	if (rc != AR_OK) {
		config_free(cfg);
		return rc;
	}
	memset(err, 0, sizeof *err);
	*out = cfg;
	return AR_OK;
}

ar_err
config_apply_currencies(const struct ar_config *cfg, struct ar_error *err)
{
	const dictionary *d = cfg->ini;
	char section[13], code[4];
	const char *k;
	ssize_t i;
	size_t j;

	for (i = 0; d != NULL && i < d->size; i++) {
		/* "currency.twd:exponent", checked at load */
		if ((k = d->key[i]) == NULL || d->val[i] == NULL || strlen(k) != 21 ||
		    strncmp(k, "currency.", 9) != 0 || strcmp(k + 12, ":exponent") != 0)
			continue;
		for (j = 0; j < 3; j++)
			code[j] = (char)toupper((unsigned char)k[9 + j]);
		code[3] = '\0';
		if (currency_set_exponent(code, (int)config_get_long(cfg, k)) != AR_OK) {
			snprintf(section, sizeof section, "%.12s", k);
			snprintf(err->file, sizeof err->file, "%s", cfg->path);
			err->line = cfg_line_of(cfg, section, "exponent");
			snprintf(err->message, sizeof err->message, "[currency.%s] "
			    "exponent: the currency table is full (%d currencies)",
			    code, CURRENCY_MAX);
			return AR_ECONFIG;
		}
	}
	return AR_OK;
}

/*
 * The schema row of "section:key" and its value in canonical form (the
 * default when the file does not set it).  Any misuse aborts: a key not
 * in the schema, a getter of the wrong type, no value and no default.
 */
static const char *
lookup(const struct ar_config *cfg, const char *name, unsigned types,
    const struct cfg_key **rowp)
{
	const struct cfg_key *row;
	char buf[128], *key;
	const char *v = NULL;
	size_t i;

	for (i = 0; name[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	if (name[i] != '\0' || (key = strchr(buf, ':')) == NULL)
		abort();
	*key = '\0';
	row = cfg_schema_row(buf, key + 1);
	*key = ':';
	if (row == NULL || (types != 0 && !(types & 1u << row->type)))
		abort();
	if (cfg->ini != NULL)
		v = iniparser_getstring(cfg->ini, buf, NULL);
	if (rowp != NULL)
		*rowp = row;
	if (types != 0 && v == NULL && (v = row->def) == NULL)
		abort();
	return v;
}

const char *
config_path(const struct ar_config *cfg)
{
	return cfg->path;
}

bool
config_has(const struct ar_config *cfg, const char *key)
{
	return lookup(cfg, key, 0, NULL) != NULL;
}

bool
config_has_section(const struct ar_config *cfg, const char *section)
{
	char buf[128];
	size_t i;

	for (i = 0; section[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = (char)tolower((unsigned char)section[i]);
	buf[i] = '\0';
	return cfg->ini != NULL && section[i] == '\0' &&
	    iniparser_find_entry(cfg->ini, buf) == 1;
}

size_t
config_profiles(const struct ar_config *cfg, const char *kind,
    const char **names, size_t max)
{
	size_t n = 0, k = strlen(kind);
	const char *s;
	int i, nsec;

	if (cfg->ini == NULL)
		return 0;
	nsec = iniparser_getnsec(cfg->ini);
	for (i = 0; i < nsec; i++) {
		s = iniparser_getsecname(cfg->ini, i);
		if (s == NULL || strncmp(s, kind, k) != 0 || s[k] != '.' || s[k + 1] == '\0')
			continue;
		if (n < max)
			names[n] = s + k + 1;
		n++;
	}
	return n;
}

const char *
config_get_string(const struct ar_config *cfg, const char *key)
{
	return lookup(cfg, key, ~0u, NULL);	/* any type, in canonical form */
}

long
config_get_long(const struct ar_config *cfg, const char *key)
{
	const struct cfg_key *row;
	const char *v = lookup(cfg, key, 1u << T_INT, &row);
	long n;

	if (!cfg_parse_long(v, row->min, row->max, &n))
		abort();
	return n;
}

currency_id
config_get_currency(const struct ar_config *cfg, const char *key)
{
	const char *code = lookup(cfg, key, 1u << T_CURRENCY, NULL);
	currency_id id;

	/* Known once loaded: check_default_currency, then [currency.CODE] applied. */
	if (code == NULL || currency_lookup(code, strlen(code), &id) != AR_OK)
		abort();
	return id;
}

bool
config_get_bool(const struct ar_config *cfg, const char *key)
{
	bool yes;

	if (!cfg_parse_bool(lookup(cfg, key, 1u << T_BOOL, NULL), &yes))
		abort();
	return yes;
}

char
config_get_char(const struct ar_config *cfg, const char *key)
{
	char c;

	if (!cfg_parse_char(lookup(cfg, key, 1u << T_CHAR, NULL), &c))
		abort();
	return c;
}

size_t
config_get_buckets(const struct ar_config *cfg, const char *key, int *out,
    size_t max)
{
	int b[CONFIG_BUCKETS_MAX];
	size_t n = cfg_parse_buckets(lookup(cfg, key, 1u << T_BUCKETS, NULL), b);

	if (n == 0)
		abort();
	if (max > 0)
		memcpy(out, b, (n < max ? n : max) * sizeof *out);
	return n;
}

void
config_free(struct ar_config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nlines; i++) {
		free(cfg->lines[i].section);
		free(cfg->lines[i].key);
	}
	free(cfg->lines);
	if (cfg->ini != NULL)
		iniparser_freedict(cfg->ini);
	free(cfg->path);
	free(cfg);
}
