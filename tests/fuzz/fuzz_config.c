/*
 * fuzz_config.c - libFuzzer target for config_load (iniparser underneath).
 *
 * The input is written to a temporary file and loaded as --config would.
 * Invariants checked (abort on breach), besides the sanitizers:
 *   - the result is AR_OK, AR_ECONFIG or AR_ENOMEM; never AR_EOPEN, since
 *     the file is there and readable;
 *   - on error *out is NULL, the message names the file, is not empty, is
 *     UTF-8 without control bytes (it reaches a terminal), and the line is
 *     0 or one of the input's lines;
 *   - on success every getter answers within the schema: enums one of
 *     their words, ints in range, 1 to 12 increasing buckets, a delimiter
 *     that is no quote, a currency code of three capitals, and each
 *     [currency.CODE] exponent applied to the currency table.
 *
 * The currency table is process-wide and only grows: once it is full, a
 * file adding a new code fails, which is a correct answer too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/currency.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/*
 * The input file, unlinked as soon as made so that no run leaves it
 * behind (libFuzzer ends with _Exit); Linux reopens it by /dev/fd/N.
 */
static char path[32];
static int fd = -1;

/* Deliberately not config.c's code: decode code points one by one. */
static int
clean_text(const unsigned char *s)
{
	uint32_t cp, min;
	size_t k, need;

	while (*s != '\0') {
		if (*s < 0x20 || *s == 0x7f)
			return 0;
		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xE0) == 0xC0)
			need = 1, cp = *s & 0x1F, min = 0x80;
		else if ((*s & 0xF0) == 0xE0)
			need = 2, cp = *s & 0x0F, min = 0x800;
		else if ((*s & 0xF8) == 0xF0)
			need = 3, cp = *s & 0x07, min = 0x10000;
		else
			return 0;
		for (k = 1; k <= need; k++) {
			if ((s[k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += need + 1;
	}
	return 1;
}

static int
is_one_of(const char *s, const char *a, const char *b)
{
	return strcmp(s, a) == 0 || strcmp(s, b) == 0;
}

/* Every [currency.CODE] the input could hold names a code of letters. */
static void
check_currencies(const struct ar_config *cfg, const uint8_t *data, size_t size)
{
	char key[64], code[4];
	currency_id id;
	size_t i, k;
	long e;

	for (i = 0; i + 13 <= size; i++) {
		if (memcmp(data + i, "[currency.", 10) != 0 &&
		    memcmp(data + i, "[CURRENCY.", 10) != 0)
			continue;
		for (k = 0; k < 3; k++)
			code[k] = (char)(data[i + 10 + k] & ~0x20);
		code[3] = '\0';
		if (code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' ||
		    code[2] < 'A' || code[2] > 'Z')
			continue;
		snprintf(key, sizeof key, "currency.%s:exponent", code);
		if (!config_has(cfg, key))
			continue;
		e = config_get_long(cfg, key);
		CHECK(e >= 0 && e <= 6);
		CHECK(currency_lookup(code, 3, &id) == AR_OK);
		CHECK(currency_exponent(id) == e);
	}
}

static void
check_getters(const struct ar_config *cfg)
{
	int b[CONFIG_BUCKETS_MAX];
	const char *s;
	size_t i, n;
	long v;
	char c;

	CHECK(strcmp(config_path(cfg), path) == 0);
	c = config_get_char(cfg, "input:delimiter");
	CHECK(c != '"' && c != '\n' && c != '\r' && c != '\0');
	CHECK(is_one_of(config_get_string(cfg, "input:decimal"), "point", "comma"));
	CHECK(is_one_of(config_get_string(cfg, "input:date_order"), "day-first",
	    "month-first"));
	(void)config_get_bool(cfg, "input:roc_dates");
	(void)config_get_bool(cfg, "input:excel_serial_dates");
	n = config_get_buckets(cfg, "aging:buckets", b, CONFIG_BUCKETS_MAX);
	CHECK(n >= 1 && n <= CONFIG_BUCKETS_MAX && b[0] >= 1 && b[n - 1] <= 36500);
	for (i = 1; i < n; i++)
		CHECK(b[i - 1] < b[i]);
	CHECK(config_get_string(cfg, "aging:buckets")[0] != '\0');
	CHECK(is_one_of(config_get_string(cfg, "aging:basis"), "due", "doc"));
	CHECK(is_one_of(config_get_string(cfg, "aging:credits"), "own-date", "current"));
	v = config_get_long(cfg, "aging:default_terms_days");
	CHECK(v >= 0 && v <= 3650);
	CHECK(clean_text((const unsigned char *)config_get_string(cfg, "company:name")));
	s = config_get_string(cfg, "company:default_currency");
	CHECK(strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_error err;
	struct ar_config *cfg;
	long lines = 1;
	size_t i;
	ar_err rc;

	if (fd < 0) {
		char name[] = "/tmp/fuzz_config.XXXXXX";

		CHECK((fd = mkstemp(name)) >= 0 && unlink(name) == 0);
		snprintf(path, sizeof path, "/dev/fd/%d", fd);
	}
	CHECK(ftruncate(fd, 0) == 0);
	CHECK(pwrite(fd, data, size, 0) == (ssize_t)size);
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';

	rc = config_load(path, &cfg, &err);
	if (rc != AR_OK) {
		CHECK(rc == AR_ECONFIG || rc == AR_ENOMEM);
		CHECK(cfg == NULL);
		CHECK(strcmp(err.file, path) == 0);
		CHECK(err.message[0] != '\0');
		CHECK(clean_text((const unsigned char *)err.message));
		CHECK(err.line >= 0 && err.line <= lines);
		return 0;
	}
	check_getters(cfg);
	check_currencies(cfg, data, size);
	config_free(cfg);
	return 0;
}
