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
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "ar.h"

struct ar_config;

/* What went wrong, for the caller to print as "FILE:LINE: MESSAGE". */
struct config_error {
	char file[512];
	long line;          /* 0 when not about one line */
	char message[512];  /* e.g. "unknown key \"bukets\" in [aging]" */
};

/*
 * Load the configuration.  explicit_path is --config's argument or NULL.
 * On AR_OK the caller owns *out (config_free).  On AR_ECONFIG or AR_EOPEN
 * *err says why and *out is NULL.
 */
ar_err config_load(const char *explicit_path, struct ar_config **out,
    struct config_error *err);

/* The file that was read, or NULL when running on built-in defaults. */
const char *config_path(const struct ar_config *cfg);

/*
 * Typed getters by "section:key" (lower case).  Values were validated at
 * load, so these cannot fail; an absent key gives the schema's default.
 * Asking for a key that is not in the schema is a programming error
 * (abort()).  config_get_string's result lives as long as cfg.
 */
const char *config_get_string(const struct ar_config *cfg, const char *key);
long config_get_long(const struct ar_config *cfg, const char *key);
bool config_get_bool(const struct ar_config *cfg, const char *key);
char config_get_char(const struct ar_config *cfg, const char *key);

/* Whether the file set the key (as opposed to the default applying). */
bool config_has(const struct ar_config *cfg, const char *key);

/*
 * Apply the [currency.CODE] sections to the currency table (currency.h).
 * Done by config_load; exposed for tests.
 */
ar_err config_apply_currencies(const struct ar_config *cfg, struct config_error *err);

void config_free(struct ar_config *cfg);

#endif
