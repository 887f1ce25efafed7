/*
 * config_scan.c - ar.ini read a second time, line by line, and the
 * wording shared by every message about it.
 *
 * iniparser knows no line numbers and lets a few mistakes pass without a
 * word, so cfg_scan_file() reads the same file once more, the way
 * iniparser 4.1 reads it (iniparser_line), to find where each section and
 * key is and to catch what iniparser would silently drop: a key given
 * twice, a quote never closed, text after a closing quote, a backslash
 * continuing a comment or the last line.
 *
 * When a file has several mistakes the one on the earliest line is
 * reported, whichever pass found it: cfg_note() decides.
 */
#include "core/config_int.h"
#include "core/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Bytes of the UTF-8 character at p in a NUL-terminated string, 0 when p
 * does not start one: the NUL ends a sequence cut short.
 */
static size_t
char_len(const unsigned char *p)
{
	return utf8_sequence((const char *)p, strnlen((const char *)p, 4), NULL);
}

bool
cfg_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (; *p != '\0'; p += n)
		if ((n = char_len(p)) == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f)))
			return false;
	return true;
}

/*
 * Messages reach a terminal: control bytes and broken UTF-8 become \xNN,
 * and text past 60 bytes is cut.
 */
const char *
cfg_shown(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, n;

	while (*p != '\0' && o + 8 < size) {
		if (o >= 60) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		n = char_len(p);
		if (n > 1 || (n == 1 && *p >= 0x20 && *p != 0x7f)) {
			memcpy(buf + o, p, n);
			o += n;
			p += n;
		} else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *p++);
	}
	buf[o] = '\0';
	return buf;
}

/* [currency.twd] as the user thinks of it: [currency.TWD]. */
const char *
cfg_section_shown(const char *section, char *buf, size_t size)
{
	char up[VALUE_MAX];
	size_t i;

	snprintf(up, sizeof up, "%s", section);
	if (strncmp(up, "currency.", 9) == 0)
		for (i = 9; up[i] != '\0'; i++)
			up[i] = (char)toupper((unsigned char)up[i]);
	return cfg_shown(up, buf, size);
}

void
cfg_note(struct ar_error *err, long line, const char *fmt, ...)
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

/* A key's last line, because iniparser keeps the last of a duplicate. */
long
cfg_line_of(const struct ar_config *cfg, const char *section, const char *key)
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

/*
 * Where a ';' or '#' ends an unquoted value that goes on after it (iniparser
 * takes the text before it): 0 when none does.  One after a blank is a
 * comment ("yes ; the default"); one right after the text, as in an
 * address "Lot 5;68100 Batu Caves", is meant to be part of the value.
 */
static size_t
cut_by_comment(const char *v)
{
	size_t at = strcspn(v, ";#");

	if (v[at] == '\0' || at == 0 || v[at - 1] == ' ' || v[at - 1] == '\t')
		return 0;
	return at;
}

/*
 * The mistakes of a key = value line that iniparser takes without a word;
 * v is what follows the '='.  Only the first on the line is kept.
 */
static void
check_key_line(const struct ar_config *cfg, struct ar_error *err,
    long line, const char *section, const char *key, const char *v)
{
	char sec[VALUE_MAX], name[VALUE_MAX];
	const struct cfg_line *l;
	size_t i, cut;

	cfg_section_shown(section, sec, sizeof sec);
	cfg_shown(key, name, sizeof name);
	v += strspn(v, " \t\f\v");
	if ((*v == '"' || *v == '\'') && strchr(v + 1, *v) == NULL)
		cfg_note(err, line, "[%s] %s: the quote that starts the value "
		    "is never closed", sec, name);
	else if ((*v == '"' || *v == '\'') && junk_after_quote(v))
		cfg_note(err, line, "[%s] %s: text after the closing quote "
		    "(there are no escapes: quote with the other quote)",
		    sec, name);
	else if (*v != '"' && *v != '\'' && (cut = cut_by_comment(v)) > 0 && cut < VALUE_MAX) {
		char before[VALUE_MAX], shown[VALUE_MAX];

		memcpy(before, v, cut);
		before[cut] = '\0';
		cfg_note(err, line, "[%s] %s: the '%c' right after \"%s\" starts a comment "
		    "and would cut the value there: quote the value (%s = \"...\")", sec, name,
		    v[cut], cfg_shown(before, shown, sizeof shown), name);
	}
	for (i = 0; i < cfg->nlines; i++) {
		l = &cfg->lines[i];
		if (l->key != NULL && strcmp(l->key, key) == 0 &&
		    strcmp(l->section, section) == 0) {
			cfg_note(err, line, "duplicate key \"%s\" in [%s] (first "
			    "on line %ld)", name, sec, l->line);
			return;
		}
	}
}

/* Add a [section] (key NULL) or a key to cfg->lines; takes key even on failure. */
static ar_err
remember(struct ar_config *cfg, long line, const char *section, char *key)
{
	struct cfg_line *l;

	if ((l = realloc(cfg->lines, (cfg->nlines + 1) * sizeof *l)) == NULL) {
		free(key);
		return AR_ENOMEM;
	}
	cfg->lines = l;
	l += cfg->nlines;
	l->line = line;
	l->key = key;
	if ((l->section = strdup(section)) == NULL) {
		free(key);
		return AR_ENOMEM;
	}
	cfg->nlines++;
	return AR_OK;
}

/*
 * One logical line, starting on line, read the way iniparser 4.1 reads
 * it.  *section is the current section, replaced by a [section] line.
 */
static ar_err
scan_line(struct ar_config *cfg, struct ar_error *err, char *p, long line,
    bool continued, char **section)
{
	char *key;
	size_t len, k;

	while (isspace((unsigned char)*p))
		p++;
	for (len = strlen(p); len > 0 && isspace((unsigned char)p[len - 1]); len--)
		p[len - 1] = '\0';
	if (len == 0)
		return AR_OK;
	if (*p == '#' || *p == ';') {
		if (continued)
			cfg_note(err, line, "comment ends with a backslash, which "
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
			cfg_note(err, line, "empty section name");
		return remember(cfg, line, *section, NULL);
	}
	/*
	 * iniparser: sscanf "%[^=] = ...", then strip the key.  A line with
	 * no '=' or no key is a syntax error iniparser itself reports.
	 */
	k = strcspn(p, "=");
	if (p[k] == '\0')
		return AR_OK;
	if ((key = name_dup(p, k)) == NULL)
		return AR_ENOMEM;
	if (*key == '\0') {
		free(key);
		return AR_OK;
	}
	check_key_line(cfg, err, line, *section, key, p + k + 1);
	return remember(cfg, line, *section, key);
}

/*
 * Read the file line by line, joining backslash continuations as iniparser
 * does.  A file that cannot be read a second time (a pipe) leaves
 * cfg->lines empty: messages then go without line numbers.
 */
ar_err
cfg_scan_file(struct ar_config *cfg, struct ar_error *err)
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
			cfg_note(err, 1, "the file starts with a byte order mark "
			    "(save it as UTF-8 without BOM)");
		if (memchr(buf, '\0', (size_t)n) != NULL) {
			cfg_note(err, lineno, "NUL byte in the line");
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
		cfg_note(err, start, "the last line ends with a backslash, which "
		    "continues it onto nothing");
	free(section);
	free(joined);
	free(buf);
	fclose(f);
	return rc;
}
