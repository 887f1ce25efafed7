/*
 * config_schema.c - the sections and keys ar.ini may hold, the types of
 * their values, and the check of a loaded file against both.
 *
 * A good value is rewritten to one canonical spelling ("Yes" and "on"
 * become "yes", "  Comma " becomes "comma"), so that the getters in
 * config.c read it back without checking again, and config_get_string
 * answers the same text whatever the file wrote.
 */
#include "config_int.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "money.h"

#define BUCKET_DAYS_MAX 36500

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
	{ "report", "lpd_min_amount", T_AMOUNT, "50000", NULL, 0, 0,
	    "large past due: past-due amount from which a customer is listed, in each row's currency" },
	{ "report", "lpd_min_days", T_INT, "90", NULL, 0, 36500,
	    "large past due: only items overdue by more than this many days count" },
	{ "currency.*", "exponent", T_INT, NULL, NULL, 0, 6,
	    "decimal places, overriding the built-in table" },
};
#define NSCHEMA (sizeof schema / sizeof schema[0])

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

const struct cfg_key *
cfg_schema_row(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NSCHEMA; i++)
		if (section_matches(schema[i].section, section) &&
		    (key == NULL || strcmp(schema[i].key, key) == 0))
			return &schema[i];
	return NULL;
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
bool
cfg_parse_long(const char *s, long min, long max, long *out)
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

bool
cfg_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

/* One byte taken as it is, or a word for the ones INI makes awkward. */
bool
cfg_parse_char(const char *s, char *out)
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
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcasecmp(s, words[i]) == 0) {
			*out = "\t;,|"[i];
			return true;
		}
	}
	return false;
}

/* Count of buckets in s (at most CONFIG_BUCKETS_MAX), 0 when s is not a list. */
size_t
cfg_parse_buckets(const char *s, int *out)
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

	/* untrimmed: a quoted " " or "  name" is meant as written */
	if (row->type == T_STRING)
		return cfg_text_ok(raw) ? raw : NULL;
	if (row->type == T_CHAR) {
		if (!cfg_parse_char(raw, &c))
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
		if (!cfg_parse_long(s, row->min, row->max, &v))
			return NULL;
		snprintf(buf, size, "%ld", v);
		return buf;
	case T_BOOL:
		return cfg_parse_bool(s, &yes) ? (yes ? "yes" : "no") : NULL;
	case T_BUCKETS:
		if ((n = cfg_parse_buckets(s, b)) == 0)
			return NULL;
		for (i = 0, buf[0] = '\0'; i < n; i++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%d",
			    i ? "," : "", b[i]);
		return buf;
	case T_AMOUNT:
		/*
		 * Read in each row's currency when used; here it must read with
		 * the most decimals any currency has, and not be negative.
		 */
		{
			int64_t minor;

			if (money_parse(s, strlen(s), 6, MONEY_DECIMAL_POINT, &minor) != AR_OK ||
			    minor < 0)
				return NULL;
		}
		snprintf(buf, size, "%s", s);
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
		/* from the limits cfg_parse_buckets applies, so they stay in step */
		snprintf(buf, size, "1 to %d increasing whole numbers from 1 to %d "
		    "separated by commas", CONFIG_BUCKETS_MAX, BUCKET_DAYS_MAX);
		return buf;
	case T_AMOUNT:
		return "an amount of zero or more, such as 50000 or 50,000.00";
	default:
		return "a currency code (three capital letters such as MYR)";
	}
}

/* A [section] iniparser found: one of the schema's, or a mistake. */
static void
check_section(const struct ar_config *cfg, struct config_error *err,
    const char *section)
{
	char sec[VALUE_MAX];

	if (cfg_schema_row(section, NULL) != NULL)
		return;
	cfg_section_shown(section, sec, sizeof sec);
	if (strncmp(section, "currency.", 9) == 0)
		cfg_note(err, cfg_line_of(cfg, section, NULL), "[%s]: \"%s\" is "
		    "not a currency code (three letters)", sec, sec + 9);
	else
		cfg_note(err, cfg_line_of(cfg, section, NULL),
		    "unknown section [%s]", sec);
}

/* The key at entry i ("section:key"), its value made canonical in place. */
static ar_err
check_key(struct ar_config *cfg, struct config_error *err, ssize_t i)
{
	char sec[VALUE_MAX], key[VALUE_MAX], val[VALUE_MAX], what[VALUE_MAX];
	char canon[VALUE_MAX], name[2 * VALUE_MAX];
	const char *entry = cfg->ini->key[i], *value = cfg->ini->val[i], *c;
	const struct cfg_key *row;
	size_t n;

	/*
	 * Split at the first colon: no known section holds one, and a
	 * section that does is reported by check_section, on an earlier line.
	 */
	n = strcspn(entry, ":");
	snprintf(name, sizeof name, "%.*s", (int)n, entry);
	c = entry + n + (entry[n] == ':');
	cfg_shown(c, key, sizeof key);
	if (name[0] == '\0') {
		cfg_note(err, cfg_line_of(cfg, "", c), "key \"%s\" is outside "
		    "any section", key);
		return AR_OK;
	}
	if (cfg_schema_row(name, NULL) == NULL)
		return AR_OK;	/* the unknown section is the mistake */
	cfg_section_shown(name, sec, sizeof sec);
	if ((row = cfg_schema_row(name, c)) == NULL) {
		cfg_note(err, cfg_line_of(cfg, name, c), "unknown key \"%s\" in "
		    "[%s]", key, sec);
		return AR_OK;
	}
	if ((c = canonical(row, value, canon, sizeof canon)) == NULL) {
		cfg_note(err, cfg_line_of(cfg, name, row->key), "[%s] %s: \"%s\" "
		    "is not %s%s", sec, row->key, cfg_shown(value, val, sizeof val),
		    expected(row, what, sizeof what), value[0] == '\0' ?
		    " (an unquoted ; or # starts a comment)" : "");
		return AR_OK;
	}
	if (c != value && strcmp(c, value) != 0 &&
	    dictionary_set(cfg->ini, entry, c) != 0)
		return AR_ENOMEM;
	return AR_OK;
}

/*
 * iniparser keeps a section as an entry without value and a key as
 * "section:key"; the dictionary's fields are public and walking them sees
 * a section even when it holds no key.
 */
ar_err
cfg_check_entries(struct ar_config *cfg, struct config_error *err)
{
	const dictionary *d = cfg->ini;
	ar_err rc;
	ssize_t i;

	for (i = 0; i < d->size; i++) {
		if (d->key[i] == NULL)
			continue;
		if (d->val[i] == NULL)
			check_section(cfg, err, d->key[i]);
		else if ((rc = check_key(cfg, err, i)) != AR_OK)
			return rc;
	}
	return AR_OK;
}
