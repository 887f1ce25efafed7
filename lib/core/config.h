/*
 * config.h - ar.ini, read with iniparser.
 *
 * Found in this order: --config FILE, $AR_CONFIG, ./ar.ini,
 * $XDG_CONFIG_HOME/artools/ar.ini (or ~/.config/artools/ar.ini),
 * /etc/artools/ar.ini.  The first that exists is the only one read; none
 * at all is fine, every key has a built-in default.  An explicit path
 * (--config or $AR_CONFIG) that does not exist is an error.
 *
 * Every section and key is checked against the schema at load time, and
 * every value against its type: an unknown section or key, or a bad value,
 * is an error naming the file, the line and the key (exit 78).
 *
 * Built from config.c (lookup, load, getters), config_schema.c (the keys
 * and their types) and config_scan.c (line numbers, messages), which share
 * the private config_int.h.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/daylist.h"
#include "core/errors.h"

struct ar_config;

/*
 * Load the configuration.  explicit_path is --config's argument or NULL.
 * On AR_OK the caller owns *out (config_free).  On AR_ECONFIG or AR_EOPEN
 * *err says why and *out is NULL (AR_ENOMEM too, "out of memory").
 * The [currency.CODE] sections are applied only when the whole file is
 * good.  Not thread-safe: iniparser's error callback is process-wide.
 */
ar_err config_load(const char *explicit_path, struct ar_config **out,
    struct ar_error *err);

/* The file that was read, or NULL when running on built-in defaults. */
const char *config_path(const struct ar_config *cfg);

/*
 * Typed getters by "section:key" (lower case).  Values were validated at
 * load, so these cannot fail; an absent key gives the schema's default.
 * Asking for a key that is not in the schema is a programming error
 * (abort()).  config_get_string's result lives as long as cfg.
 *
 * config_get_string answers for a key of any type, in canonical form: an
 * enum's lower-case word, a bool as "yes" or "no", a number in decimal, a
 * delimiter as its one character, a bucket list as "30,60,90,120".  The
 * other getters answer only for their own type: config_get_long for
 * numbers (so not for bucket lists), and so on.  A [currency.CODE]
 * exponent has no default: ask config_has first.
 */
const char *config_get_string(const struct ar_config *cfg, const char *key);
long config_get_long(const struct ar_config *cfg, const char *key);
/* A currency key ("company:default_currency"), known to the currency table once loaded. */
currency_id config_get_currency(const struct ar_config *cfg, const char *key);
bool config_get_bool(const struct ar_config *cfg, const char *key);
char config_get_char(const struct ar_config *cfg, const char *key);

/*
 * The bucket list at key ("aging:buckets"), read by daylist_parse: its
 * count (1 to CONFIG_BUCKETS_MAX), with the first max of the upper limits
 * in days, increasing, stored in out.
 */
#define CONFIG_BUCKETS_MAX DAYLIST_MAX
size_t config_get_buckets(const struct ar_config *cfg, const char *key,
    int *out, size_t max);

/* Whether the file set the key (as opposed to the default applying). */
bool config_has(const struct ar_config *cfg, const char *key);

/*
 * Profiles: [import.NAME] and [bank.NAME], NAME 1 to
 * CONFIG_PROFILE_NAME_MAX letters, digits, '-' or '_' (case folded).
 * Whether the file has the section ("import.sap-fbl5n", any case); keys
 * of a profile with no default answer only when config_has says so.
 */
#define CONFIG_PROFILE_NAME_MAX 40
bool config_has_section(const struct ar_config *cfg, const char *section);

/*
 * The NAMEs of the profiles of one kind ("import" or "bank") the file
 * defines, in file order, lower case, valid as long as cfg: at most max
 * in names[]; returns how many there are.
 */
size_t config_profiles(const struct ar_config *cfg, const char *kind,
    const char **names, size_t max);

/*
 * Apply the [currency.CODE] sections to the currency table (currency.h).
 * Done by config_load; exposed for tests.
 */
ar_err config_apply_currencies(const struct ar_config *cfg, struct ar_error *err);

void config_free(struct ar_config *cfg);

#endif
