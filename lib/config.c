/*
 * config.c - ar.ini: find it, load it with iniparser, check every section,
 * key and value against the schema, answer typed getters.
 *
 * iniparser does the parsing.  It knows no line numbers and lets a few
 * mistakes pass without a word, so scan_file() reads the same file once
 * more, line by line, to find where each key is and to catch what iniparser
 * would silently drop: a key given twice, a quote never closed, text after
 * a closing quote, a backslash continuing a comment or the last line.
 *
 * When a file has several mistakes the one on the earliest line is
 * reported, whichever pass found it.
 *
 * Not thread-safe: iniparser's error callback takes no context pointer, so
 * its complaint is caught in a static.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "currency.h"

#define BUCKET_DAYS_MAX 36500
#define VALUE_MAX 1100		/* iniparser reads lines of at most 1022 bytes */

enum cfg_type { T_STRING, T_ENUM, T_INT, T_BOOL, T_CHAR, T_BUCKETS, T_CURRENCY };

/*
 * One row per key.  A section ending in ".*" is a pattern: [currency.*]
 * stands for [currency.TWD] and every other three-letter code.
 */
struct cfg_key {
	const char *section;
	const char *key;
	enum cfg_type type;
	const char *def;		/* NULL: no default, acted on only when set */
	const char *const *choices;	/* T_ENUM, canonical lower case */
	long min, max;			/* T_INT */
	const char *doc;
};

static const char *const decimal_choices[] = { "point", "comma", NULL };
static const char *const date_order_choices[] = { "day-first", "month-first", NULL };
static const char *const basis_choices[] = { "due", "doc", NULL };
static const char *const credits_choices[] = { "own-date", "current", NULL };

/* Keep man/ar.ini.5 and ar.ini.example in step with this table. */
static const struct cfg_key schema[] = {
	{ "input", "delimiter", T_CHAR, ",", NULL, 0, 0,
	    "field separator of CSV input" },
	{ "input", "decimal", T_ENUM, "point", decimal_choices, 0, 0,
	    "decimal separator of amounts" },
	{ "input", "date_order", T_ENUM, "day-first", date_order_choices, 0, 0,
	    "how 01/02/2026 reads" },
	{ "input", "roc_dates", T_BOOL, "yes", NULL, 0, 0,
	    "accept Taiwan ROC dates such as 115/11/24" },
	{ "input", "excel_serial_dates", T_BOOL, "yes", NULL, 0, 0,
	    "accept Excel serial day numbers as dates" },
	{ "aging", "buckets", T_BUCKETS, "30,60,90,120", NULL, 0, 0,
	    "upper limits in days of the aging buckets" },
	{ "aging", "basis", T_ENUM, "due", basis_choices, 0, 0,
	    "age from the due date or from the document date" },
	{ "aging", "credits", T_ENUM, "own-date", credits_choices, 0, 0,
	    "age credits by their own date or put them in current" },
	{ "aging", "default_terms_days", T_INT, "30", NULL, 0, 3650,
	    "terms of an item without due date whose customer has none" },
	{ "company", "name", T_STRING, "", NULL, 0, 0,
	    "company name on reports and letters" },
	{ "company", "default_currency", T_CURRENCY, "MYR", NULL, 0, 0,
	    "currency of amounts that name none" },
	{ "currency.*", "exponent", T_INT, NULL, NULL, 0, 6,
	    "decimal places, overriding the built-in table" },
};
#define NSCHEMA (sizeof schema / sizeof schema[0])

/* Where scan_file() saw a [section] (key NULL) or a key. */
struct cfg_line {
	long line;
	char *section;		/* lower case, as iniparser keeps it */
	char *key;
};

struct ar_config {
	char *path;		/* NULL on built-in defaults */
	dictionary *ini;	/* values rewritten to canonical form */
	struct cfg_line *lines;
	size_t nlines;
};

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

static void note(struct config_error *, long, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Keeps iniparser quiet (the library never prints) and keeps its first word. */
static int
catch_complaint(const char *fmt, ...)
{
	va_list ap;
	int saved_errno = errno;

	if (complaint.kind != INI_QUIET)
		return 0;
	complaint.saved_errno = saved_errno;
	va_start(ap, fmt);
	if (strcmp(fmt, INI_SYNTAX_FMT) == 0 || strcmp(fmt, INI_LONG_FMT) == 0) {
		complaint.kind = strcmp(fmt, INI_SYNTAX_FMT) == 0 ? INI_SYNTAX : INI_LONG;
		(void)va_arg(ap, const char *);
		complaint.line = va_arg(ap, int);
		if (complaint.kind == INI_SYNTAX)
			snprintf(complaint.text, sizeof complaint.text, "%s",
			    va_arg(ap, const char *));
	} else {
		complaint.kind = strcmp(fmt, INI_OPEN_FMT) == 0 ? INI_OPEN : INI_OTHER;
		vsnprintf(complaint.text, sizeof complaint.text, fmt, ap);
		complaint.text[strcspn(complaint.text, "\n")] = '\0';
	}
	va_end(ap);
	return 0;
}

/* Bytes in the UTF-8 sequence at p, 0 when it is not one. */
static int
utf8_len(const unsigned char *p)
{
	unsigned long cp;
	int need, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		need = 1, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		need = 2, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		need = 3, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i <= need; i++) {	/* stops at the NUL: 0 & 0xc0 != 0x80 */
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return need + 1;
}

/* Text for a message: control bytes and broken UTF-8 as \xNN, long text cut. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	int n;

	while (*p != '\0' && o + 8 < size) {
		if (o >= 60) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		n = utf8_len(p);
		if (n > 1 || (n == 1 && *p >= 0x20 && *p != 0x7f)) {
			memcpy(buf + o, p, (size_t)n);
			o += (size_t)n;
			p += n;
		} else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *p++);
	}
	buf[o] = '\0';
	return buf;
}

static bool
text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;

	for (; *p != '\0'; p += n)
		if ((n = utf8_len(p)) == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f)))
			return false;
	return true;
}

/* s without surrounding white space, in buf; NULL when it does not fit. */
static const char *
trimmed(const char *s, char *buf, size_t size)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= size)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Decimal only: iniparser_getint would read 010 as eight. */
static bool
parse_long(const char *s, long min, long max, long *out)
{
	bool neg = false;
	long n = 0;

	if (*s == '-' && min < 0)
		neg = true, s++;
	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		if (n > (LONG_MAX - 9) / 10)
			return false;
		n = n * 10 + (*s - '0');
	}
	if (neg)
		n = -n;
	if (*s != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

/* One byte taken as it is, or a word for the ones INI makes awkward. */
static bool
parse_char(const char *s, char *out)
{
	static const char *const words[] = { "tab", "semicolon", "comma", "pipe" };
	unsigned char c = (unsigned char)s[0];
	char buf[16];
	size_t i;

	if (c != '\0' && s[1] == '\0') {
		/* '"' is CSV's quote; a byte of a UTF-8 sequence is no character */
		if (c == '"' || c >= 0x7f || (c < 0x20 && c != '\t'))
			return false;
		*out = (char)c;
		return true;
	}
	if ((s = trimmed(s, buf, sizeof buf)) == NULL)
		return false;
	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, words[i]) == 0) {
			*out = "\t;,|"[i];
			return true;
		}
	}
	return false;
}

/* Count of buckets in s (at most CONFIG_BUCKETS_MAX), 0 when s is not a list. */
static size_t
parse_buckets(const char *s, int *out)
{
	long v, prev = 0;
	size_t n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		for (v = 0; isdigit((unsigned char)*s); s++)
			if ((v = v * 10 + (*s - '0')) > BUCKET_DAYS_MAX)
				return 0;
		while (*s == ' ' || *s == '\t')
			s++;
		if (v <= prev || n == CONFIG_BUCKETS_MAX)
			return 0;
		out[n++] = (int)v;
		prev = v;
		if (*s == '\0')
			return n;
		if (*s++ != ',')
			return 0;
	}
}

/*
 * Check raw against the row's type.  Returns the canonical text (raw
 * itself, a constant, or buf) or NULL when raw is not of the type.
 */
static const char *
canonical(const struct cfg_key *row, const char *raw, char *buf, size_t size)
{
	char tmp[VALUE_MAX];
	int b[CONFIG_BUCKETS_MAX];
	const char *s;
	size_t i, n;
	bool yes;
	long v;
	char c;

	if (row->type == T_STRING)
		return text_ok(raw) ? raw : NULL;
	if (row->type == T_CHAR) {
		if (!parse_char(raw, &c))
			return NULL;
		snprintf(buf, size, "%c", c);
		return buf;
	}
	if ((s = trimmed(raw, tmp, sizeof tmp)) == NULL)
		return NULL;
	switch (row->type) {
	case T_ENUM:
		for (i = 0; row->choices[i] != NULL; i++)
			if (strcasecmp(s, row->choices[i]) == 0)
				return row->choices[i];
		return NULL;
	case T_INT:
		if (!parse_long(s, row->min, row->max, &v))
			return NULL;
		snprintf(buf, size, "%ld", v);
		return buf;
	case T_BOOL:
		return parse_bool(s, &yes) ? (yes ? "yes" : "no") : NULL;
	case T_BUCKETS:
		if ((n = parse_buckets(s, b)) == 0)
			return NULL;
		for (i = 0, buf[0] = '\0'; i < n; i++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%d",
			    i ? "," : "", b[i]);
		return buf;
	case T_CURRENCY:
		for (i = 0; i < 3 && s[i] >= 'A' && s[i] <= 'Z'; i++)
			continue;
		if (i < 3 || s[3] != '\0')
			return NULL;
		snprintf(buf, size, "%s", s);
		return buf;
	default:
		return NULL;
	}
}

/* What a value of the row's type looks like, for "... is not EXPECTED". */
static const char *
expected(const struct cfg_key *row, char *buf, size_t size)
{
	size_t i;

	switch (row->type) {
	case T_STRING:
		return "UTF-8 text without control characters";
	case T_ENUM:
		snprintf(buf, size, "one of:");
		for (i = 0; row->choices[i] != NULL; i++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s %s",
			    i ? "," : "", row->choices[i]);
		return buf;
	case T_INT:
		snprintf(buf, size, "a whole number from %ld to %ld", row->min, row->max);
		return buf;
	case T_BOOL:
		return "yes or no (or true/false, on/off, 1/0)";
	case T_CHAR:
		return "one character or one of: tab, semicolon, comma, pipe";
	case T_BUCKETS:
		return "1 to 12 increasing whole numbers from 1 to 36500 "
		    "separated by commas";
	default:
		return "a currency code (three capital letters such as MYR)";
	}
}

/* A pattern's parameter: for [currency.*], three letters (lower case here). */
static bool
section_matches(const char *pattern, const char *section)
{
	size_t n = strlen(pattern);

	if (n < 2 || strcmp(pattern + n - 2, ".*") != 0)
		return strcmp(pattern, section) == 0;
	if (strncmp(pattern, section, n - 1) != 0)
		return false;
	section += n - 1;
	return strlen(section) == 3 && islower((unsigned char)section[0]) &&
	    islower((unsigned char)section[1]) && islower((unsigned char)section[2]);
}

static const struct cfg_key *
schema_row(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NSCHEMA; i++)
		if (section_matches(schema[i].section, section) &&
		    (key == NULL || strcmp(schema[i].key, key) == 0))
			return &schema[i];
	return NULL;
}

/* [currency.twd] as the user thinks of it: [currency.TWD]. */
static const char *
section_shown(const char *section, char *buf, size_t size)
{
	char up[VALUE_MAX];
	size_t i;

	snprintf(up, sizeof up, "%s", section);
	if (strncmp(up, "currency.", 9) == 0)
		for (i = 9; up[i] != '\0'; i++)
			up[i] = (char)toupper((unsigned char)up[i]);
	return shown(up, buf, size);
}

/* Record a mistake unless one on an earlier line is already recorded. */
static void
note(struct config_error *err, long line, const char *fmt, ...)
{
	va_list ap;

	if (err->message[0] != '\0' && (line == 0 || (err->line != 0 &&
	    err->line <= line)))
		return;
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

/* First line of a [section], or last line of a key (iniparser keeps the last). */
static long
line_of(const struct ar_config *cfg, const char *section, const char *key)
{
	const struct cfg_line *l;
	long line = 0;
	size_t i;

	for (i = 0; i < cfg->nlines; i++) {
		l = &cfg->lines[i];
		if (strcmp(l->section, section) != 0)
			continue;
		if (key == NULL && l->key == NULL)
			return l->line;
		if (key != NULL && l->key != NULL && strcmp(l->key, key) == 0)
			line = l->line;
	}
	return line;
}

/* s[0..n) stripped of white space and lower-cased, as iniparser keeps names. */
static char *
name_dup(const char *s, size_t n)
{
	char *d;
	size_t i;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	d[n] = '\0';
	return d;
}

/* A value in quotes that has more than a comment after the closing quote. */
static bool
junk_after_quote(const char *v)
{
	const char *close = strchr(v + 1, *v);

	close += 1 + strspn(close + 1, " \t");
	return *close != '\0' && *close != ';' && *close != '#';
}

/* One logical line, read the way iniparser 4.1 reads it (iniparser_line). */
static ar_err
scan_line(struct ar_config *cfg, struct config_error *err, char *p, long line,
    bool continued, char **section)
{
	char sec[VALUE_MAX], shown_key[VALUE_MAX];
	const char *v;
	struct cfg_line *l;
	char *key = NULL;
	size_t len, k, i;

	while (isspace((unsigned char)*p))
		p++;
	for (len = strlen(p); len > 0 && isspace((unsigned char)p[len - 1]); len--)
		p[len - 1] = '\0';
	if (len == 0)
		return AR_OK;
	if (*p == '#' || *p == ';') {
		if (continued)
			note(err, line, "comment ends with a backslash, which "
			    "joins the next line to it");
		return AR_OK;
	}
	if (p[0] == '[' && p[len - 1] == ']') {
		/* iniparser: sscanf "[%[^]]", then strip */
		k = strcspn(p + 1, "]");
		free(*section);
		if ((*section = name_dup(p + 1, k)) == NULL)
			return AR_ENOMEM;
		if (**section == '\0')
			note(err, line, "empty section name");
	} else {
		/* iniparser: sscanf "%[^=] = ...", then strip the key */
		k = strcspn(p, "=");
		if (p[k] == '\0')
			return AR_OK;	/* iniparser calls it a syntax error */
		if ((key = name_dup(p, k)) == NULL)
			return AR_ENOMEM;
		if (*key == '\0') {	/* iniparser calls it a syntax error */
			free(key);
			return AR_OK;
		}
		section_shown(*section, sec, sizeof sec);
		shown(key, shown_key, sizeof shown_key);
		v = p + k + 1;
		v += strspn(v, " \t\f\v");
		if ((*v == '"' || *v == '\'') && strchr(v + 1, *v) == NULL)
			note(err, line, "[%s] %s: the quote that starts the value "
			    "is never closed", sec, shown_key);
		else if ((*v == '"' || *v == '\'') && junk_after_quote(v))
			note(err, line, "[%s] %s: text after the closing quote "
			    "(there are no escapes: quote with the other quote)",
			    sec, shown_key);
		for (i = 0; i < cfg->nlines; i++) {
			l = &cfg->lines[i];
			if (l->key != NULL && strcmp(l->key, key) == 0 &&
			    strcmp(l->section, *section) == 0) {
				note(err, line, "duplicate key \"%s\" in [%s] (first "
				    "on line %ld)", shown_key, sec, l->line);
				break;
			}
		}
	}
	if ((l = realloc(cfg->lines, (cfg->nlines + 1) * sizeof *l)) == NULL) {
		free(key);
		return AR_ENOMEM;
	}
	cfg->lines = l;
	l += cfg->nlines;
	l->line = line;
	l->key = key;
	if ((l->section = strdup(*section)) == NULL) {
		free(key);
		return AR_ENOMEM;
	}
	cfg->nlines++;
	return AR_OK;
}

/*
 * Read the file line by line, joining backslash continuations as iniparser
 * does.  A file that cannot be read a second time (a pipe) leaves
 * cfg->lines empty: messages then go without line numbers.
 */
static ar_err
scan_file(struct ar_config *cfg, struct config_error *err)
{
	char *buf = NULL, *joined = NULL, *section, *grown;
	size_t cap = 0, jlen = 0;
	long lineno = 0, start = 0;
	ar_err rc = AR_OK;
	ssize_t n;
	FILE *f;

	if ((f = fopen(cfg->path, "r")) == NULL)
		return AR_OK;
	if ((section = strdup("")) == NULL) {
		fclose(f);
		return AR_ENOMEM;
	}
	while (rc == AR_OK && (n = getline(&buf, &cap, f)) != -1) {
		lineno++;
		if (lineno == 1 && n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			note(err, 1, "the file starts with a byte order mark "
			    "(save it as UTF-8 without BOM)");
		if (memchr(buf, '\0', (size_t)n) != NULL) {
			note(err, lineno, "NUL byte in the line");
			continue;
		}
		while (n > 0 && isspace((unsigned char)buf[n - 1]))
			n--;
		if ((grown = realloc(joined, jlen + (size_t)n + 1)) == NULL) {
			rc = AR_ENOMEM;
			break;
		}
		joined = grown;
		memcpy(joined + jlen, buf, (size_t)n);
		jlen += (size_t)n;
		joined[jlen] = '\0';
		if (start == 0)
			start = lineno;
		if (n > 0 && buf[n - 1] == '\\') {
			joined[--jlen] = '\0';
			continue;
		}
		rc = scan_line(cfg, err, joined, start, lineno > start, &section);
		jlen = 0;
		start = 0;
	}
	if (rc == AR_OK && start != 0)
		note(err, start, "the last line ends with a backslash, which "
		    "continues it onto nothing");
	free(section);
	free(joined);
	free(buf);
	fclose(f);
	return rc;
}

/* Turn iniparser's first complaint, if any, into ours. */
static ar_err
take_complaint(struct config_error *err)
{
	char text[VALUE_MAX];

	switch (complaint.kind) {
	case INI_QUIET:
		return AR_OK;
	case INI_SYNTAX:
		note(err, complaint.line, "\"%s\" is not a [section], a key = value "
		    "line or a comment", shown(complaint.text, text, sizeof text));
		return AR_ECONFIG;
	case INI_LONG:
		note(err, complaint.line, "line too long (iniparser reads at most "
		    "1022 bytes a line, continuations included)");
		return AR_ECONFIG;
	case INI_OPEN:
		err->line = 0;
		snprintf(err->message, sizeof err->message, "cannot open: %s",
		    strerror(complaint.saved_errno));
		return AR_EOPEN;
	default:
		note(err, 0, "%s", shown(complaint.text, text, sizeof text));
		return strstr(complaint.text, "memory") ? AR_ENOMEM : AR_ECONFIG;
	}
}

/*
 * Check every section and key iniparser found against the schema, every
 * value against its type, and rewrite values to their canonical form so
 * the getters need not check again.  iniparser keeps a section as an entry
 * without value and a key as "section:key"; the dictionary's fields are
 * public and walking them sees a section even when it holds no key.
 */
static ar_err
check_entries(struct ar_config *cfg, struct config_error *err)
{
	char sec[VALUE_MAX], key[VALUE_MAX], val[VALUE_MAX], what[VALUE_MAX];
	char canon[VALUE_MAX], name[2 * VALUE_MAX];
	const struct cfg_key *row;
	dictionary *d = cfg->ini;
	const char *entry, *c;
	ssize_t i;

	for (i = 0; i < d->size; i++) {
		if ((entry = d->key[i]) == NULL)
			continue;
		if (d->val[i] == NULL) {
			if (schema_row(entry, NULL) != NULL)
				continue;
			section_shown(entry, sec, sizeof sec);
			if (strncmp(entry, "currency.", 9) == 0)
				note(err, line_of(cfg, entry, NULL), "[%s]: \"%s\" is "
				    "not a currency code (three letters)", sec, sec + 9);
			else
				note(err, line_of(cfg, entry, NULL),
				    "unknown section [%s]", sec);
			continue;
		}
		/*
		 * Split at the first colon: no known section holds one, and a
		 * section that does is reported above, on an earlier line.
		 */
		snprintf(name, sizeof name, "%s", entry);
		name[strcspn(name, ":")] = '\0';
		c = entry + strlen(name) + (entry[strlen(name)] == ':');
		shown(c, key, sizeof key);
		if (name[0] == '\0') {
			note(err, line_of(cfg, "", c), "key \"%s\" is outside "
			    "any section", key);
			continue;
		}
		if (schema_row(name, NULL) == NULL)
			continue;
		section_shown(name, sec, sizeof sec);
		if ((row = schema_row(name, c)) == NULL) {
			note(err, line_of(cfg, name, c), "unknown key \"%s\" in [%s]",
			    key, sec);
			continue;
		}
		if ((c = canonical(row, d->val[i], canon, sizeof canon)) == NULL) {
			note(err, line_of(cfg, name, row->key), "[%s] %s: \"%s\" is "
			    "not %s%s", sec, row->key, shown(d->val[i], val, sizeof val),
			    expected(row, what, sizeof what), d->val[i][0] == '\0' ?
			    " (an unquoted ; or # starts a comment)" : "");
			continue;
		}
		if (c != d->val[i] && strcmp(c, d->val[i]) != 0 &&
		    dictionary_set(d, entry, c) != 0)
			return AR_ENOMEM;
	}
	return AR_OK;
}

static ar_err
open_error(struct config_error *err, const char *path, const char *how, int e)
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
find_file(const char *explicit_path, char **path, struct config_error *err)
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
			if (explicit_path == NULL && (errno == ENOENT || errno == ENOTDIR))
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

ar_err
config_load(const char *explicit_path, struct ar_config **out,
    struct config_error *err)
{
	struct ar_config *cfg;
	char key[32];
	const char *cur;
	currency_id id;
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
	if ((rc = scan_file(cfg, err)) != AR_OK)
		goto done;
	rc = take_complaint(err);
	if (rc == AR_OK && cfg->ini == NULL)
		rc = AR_ENOMEM;	/* iniparser fails silently only there */
	if (rc == AR_OK)
		rc = check_entries(cfg, err);
	/* values are canonical once all is well; a code added by the file is known */
	if (rc == AR_OK && err->message[0] == '\0' &&
	    config_has(cfg, "company:default_currency")) {
		cur = config_get_string(cfg, "company:default_currency");
		snprintf(key, sizeof key, "currency.%s:exponent", cur);
		if (currency_lookup(cur, 3, &id) != AR_OK && !config_has(cfg, key))
			note(err, line_of(cfg, "company", "default_currency"),
			    "[company] default_currency: \"%s\" is not a known "
			    "currency (add a [currency.%s] section with its "
			    "exponent)", cur, cur);
	}
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
config_apply_currencies(const struct ar_config *cfg, struct config_error *err)
{
	const dictionary *d = cfg->ini;
	char section[13], code[4];
	const char *k;
	long exponent;
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
		if (!parse_long(d->val[i], 0, 6, &exponent))
			abort();
		if (currency_set_exponent(code, (int)exponent) != AR_OK) {
			snprintf(section, sizeof section, "%.12s", k);
			snprintf(err->file, sizeof err->file, "%s", cfg->path);
			err->line = line_of(cfg, section, "exponent");
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
	row = schema_row(buf, key + 1);
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

	if (!parse_long(v, row->min, row->max, &n))
		abort();
	return n;
}

bool
config_get_bool(const struct ar_config *cfg, const char *key)
{
	bool yes;

	if (!parse_bool(lookup(cfg, key, 1u << T_BOOL, NULL), &yes))
		abort();
	return yes;
}

char
config_get_char(const struct ar_config *cfg, const char *key)
{
	char c;

	if (!parse_char(lookup(cfg, key, 1u << T_CHAR, NULL), &c))
		abort();
	return c;
}

size_t
config_get_buckets(const struct ar_config *cfg, const char *key, int *out,
    size_t max)
{
	int b[CONFIG_BUCKETS_MAX];
	size_t n = parse_buckets(lookup(cfg, key, 1u << T_BUCKETS, NULL), b);

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
