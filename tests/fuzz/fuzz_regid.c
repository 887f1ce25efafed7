/*
 * fuzz_regid.c - libFuzzer target for regid_parse and regid_mask_as
 * (ar/regid.h).  The input splits at its first NUL: the bytes before are
 * id_type, the bytes after reg_no; with no NUL the whole input is reg_no and
 * id_type is "" (inference, the path that tries every form).
 * Invariants checked (abort on breach, so libFuzzer reports it):
 *   - the result is AR_OK with why "" or AR_ESYNTAX with a whole message:
 *     not empty, never cut at REGID_WHY_MAX, valid UTF-8, naming reg_no or
 *     id_type, and *out all zero;
 *   - a parsed id is printable ASCII, its type and holder agree, and it
 *     parses again under its own type word to the same struct (the
 *     canonical form is a fixed point); an inferred one parses the same
 *     with its type given;
 *   - blanks around reg_no change nothing, the message included;
 *   - the masked id has the id's length and hyphens and shows at most 7
 *     other characters (4 for an individual).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ar/regid.h"
#include "core/utf8.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static bool
all_zero(const struct regid *r)
{
	static const struct regid zero;

	return memcmp(r, &zero, sizeof zero) == 0;
}

static bool
printable(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return false;
	return true;
}

static void
check_parsed(const struct regid *r, bool inferred)
{
	char text[64], why[REGID_WHY_MAX], masked[32];
	struct regid again;
	const char *id;
	size_t n, shown = 0;

	CHECK(printable(r->id_new, sizeof r->id_new) && printable(r->id_old, sizeof r->id_old));
	CHECK(regid_id(r)[0] != '\0');
	switch (r->type) {
	case REGID_SSM:
		CHECK(r->holder != REGID_INDIVIDUAL);
		CHECK(r->id_new[0] == '\0' || strlen(r->id_new) == 12);
		break;
	case REGID_UBN:
		CHECK(r->holder == REGID_COMPANY && strlen(r->id_new) == 8 && r->id_old[0] == '\0');
		break;
	case REGID_NRIC: case REGID_TWID: case REGID_PASSPORT:
		CHECK(r->holder == REGID_INDIVIDUAL && r->id_old[0] == '\0');
		break;
	default:
		CHECK(0);
	}
	CHECK(!inferred || r->type != REGID_PASSPORT);

	if (r->id_new[0] != '\0' && r->id_old[0] != '\0')
		strcat(strcat(strcat(strcpy(text, r->id_new), " ("), r->id_old), ")");
	else
		strcpy(text, regid_id(r));
	CHECK(regid_parse(regid_type_word(r->type), text, &again, why, sizeof why) == AR_OK);
	CHECK(memcmp(r, &again, sizeof again) == 0);

	id = regid_id(r);
	n = strlen(id);
	regid_mask_as(r->type, id, masked, sizeof masked);
	CHECK(strlen(masked) == n);
	for (size_t i = 0; i < n; i++) {
		CHECK((id[i] == '-') == (masked[i] == '-'));
		if (masked[i] != '-' && masked[i] != '*') {
			CHECK(masked[i] == id[i]);
			shown++;
		}
	}
	CHECK(shown <= (r->holder == REGID_INDIVIDUAL ? 4u : 7u));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *id_type, *reg_no, *padded, why[REGID_WHY_MAX], why2[REGID_WHY_MAX];
	size_t type_n = nul != NULL ? (size_t)(nul - data) : 0;
	size_t reg_at = nul != NULL ? type_n + 1 : 0, reg_n = size - reg_at;
	struct regid r, r2;
	ar_err err;

	if (size > 4096)
		return 0;
	id_type = malloc(type_n + 1);
	reg_no = malloc(reg_n + 1);
	padded = malloc(reg_n + 5);
	CHECK(id_type != NULL && reg_no != NULL && padded != NULL);
	memcpy(id_type, data, type_n);
	id_type[type_n] = '\0';
	/* (a NUL in reg_no ends it, as it would any C string) */
	memcpy(reg_no, data + reg_at, reg_n);
	reg_no[reg_n] = '\0';

	memset(why, 'x', sizeof why);
	err = regid_parse(id_type, reg_no, &r, why, sizeof why);
	CHECK(err == AR_OK || err == AR_ESYNTAX);
	if (err == AR_OK) {
		CHECK(why[0] == '\0');
		check_parsed(&r, id_type[0] == '\0');
		if (id_type[0] == '\0') {
			CHECK(regid_parse(regid_type_word(r.type), reg_no, &r2, NULL, 0) == AR_OK);
			CHECK(memcmp(&r, &r2, sizeof r) == 0);
		}
	} else {
		size_t n = strnlen(why, sizeof why);

		CHECK(n > 0 && n < sizeof why - 1);
		CHECK(utf8_valid(why, n));
		CHECK(strncmp(why, "reg_no", 6) == 0 || strncmp(why, "id_type \"", 9) == 0);
		CHECK(all_zero(&r));
	}

	strcpy(padded, "  ");
	strcat(padded, reg_no);
	strcat(padded, " \t");
	CHECK(regid_parse(id_type, padded, &r2, why2, sizeof why2) == err);
	CHECK(memcmp(&r, &r2, sizeof r) == 0);
	CHECK(strcmp(why, why2) == 0);

	free(padded);
	free(reg_no);
	free(id_type);
	return 0;
}
