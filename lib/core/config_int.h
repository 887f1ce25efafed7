/*
 * config_int.h - what the three files of the config module share.
 *
 * Private: included only by config.c, config_schema.c and config_scan.c,
 * never installed.  The public interface is config.h.
 *
 *   config.c         finds ar.ini, loads it with iniparser, catches what
 *                    iniparser says, applies currencies, answers getters
 *   config_schema.c  the table of sections and keys, the value types, and
 *                    the check of what iniparser found against both
 *   config_scan.c    the second reading of the file, line by line, for
 *                    line numbers and the mistakes iniparser loses; the
 *                    wording shared by every message
 *
 * Names here start with cfg_ so that no one mistakes them for config.h's.
 */
#ifndef CONFIG_INT_H
#define CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <iniparser.h>

#include "core/config.h"

#define VALUE_MAX 1100		/* iniparser reads lines of at most 1022 bytes */

/* The getters test a type as the bit 1u << type. */
enum cfg_type {
	T_STRING, T_ENUM, T_INT, T_BOOL, T_CHAR, T_BUCKETS, T_CURRENCY, T_AMOUNT,
	T_ENCODING,	/* a character set iconv knows */
	T_DATEFMT,	/* a strptime format of dates */
	T_DOCMAP,	/* ERP:STREAM document types, comma separated */
	T_DATE,		/* a day, YYYY-MM-DD */
	T_TIERS		/* rates stepping with days, tiers.h: 90:10, 180:12.5, *:15 */
};

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

/* Where the scan saw a [section] (key NULL) or a key. */
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

/* config_schema.c */

/* The row of section:key, or of any key of section when key is NULL. */
const struct cfg_key *cfg_schema_row(const char *section, const char *key);

/*
 * The value parsers, shared with the getters, which read back the
 * canonical text the check left in the dictionary.
 */
bool cfg_parse_long(const char *s, long min, long max, long *out);
bool cfg_parse_bool(const char *s, bool *out);
bool cfg_parse_char(const char *s, char *out);
size_t cfg_parse_buckets(const char *s, int *out);	/* CONFIG_BUCKETS_MAX */

/*
 * Check every section, key and value iniparser found, noting mistakes in
 * *err; rewrite each good value to its canonical form.  AR_ENOMEM or AR_OK.
 */
ar_err cfg_check_entries(struct ar_config *cfg, struct ar_error *err);

/* config_scan.c */

/*
 * Read cfg->path again into cfg->lines, noting the mistakes iniparser
 * lets pass in *err.  AR_ENOMEM or AR_OK.
 */
ar_err cfg_scan_file(struct ar_config *cfg, struct ar_error *err);

/* First line of a [section] (key NULL), or last line of a key; 0 unknown. */
long cfg_line_of(const struct ar_config *cfg, const char *section,
    const char *key);

/* Record a mistake unless one on an earlier line is already recorded. */
void cfg_note(struct ar_error *err, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Whether s is UTF-8 without control characters: shown as it is. */
bool cfg_text_ok(const char *s);

/* s fit for a message, in buf: see config_scan.c.  Returns buf. */
const char *cfg_shown(const char *s, char *buf, size_t size);
const char *cfg_section_shown(const char *section, char *buf, size_t size);

#endif
