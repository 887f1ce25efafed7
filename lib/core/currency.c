/* currency.c - the process-wide table of ISO 4217 codes and exponents. */
#include "core/currency.h"

#include <stdbool.h>
#include <stdint.h>

#define EXPONENT_MAX 6

/*
 * The built-in currencies, the team's own first: a lookup scans in order
 * and nearly every row is MYR, TWD or USD.
 */
#define BUILTIN(X) \
	X('M','Y','R',2) X('T','W','D',2) X('U','S','D',2) X('S','G','D',2) \
	X('C','N','Y',2) X('H','K','D',2) X('E','U','R',2) X('G','B','P',2) \
	X('A','U','D',2) X('T','H','B',2) X('I','D','R',2) X('P','H','P',2) \
	X('V','N','D',0) X('J','P','Y',0) X('K','R','W',0) X('I','N','R',2) \
	X('B','H','D',3) X('K','W','D',3) X('O','M','R',3) X('C','H','F',2) \
	X('N','Z','D',2) X('C','A','D',2)

#define PACK(a, b, c) \
	((uint32_t)(unsigned char)(a) << 16 | \
	 (uint32_t)(unsigned char)(b) << 8 | (uint32_t)(unsigned char)(c))
#define KEY_OF(a, b, c, e) PACK(a, b, c),
#define CODE_OF(a, b, c, e) { a, b, c, '\0' },
#define EXPONENT_OF(a, b, c, e) e,
#define ONE(a, b, c, e) + 1

/*
 * Three parallel arrays: the keys alone fit in four cache lines, so the
 * per-row scan touches nothing else.
 */
static uint32_t keys[CURRENCY_MAX] = { BUILTIN(KEY_OF) };
static char codes[CURRENCY_MAX][4] = { BUILTIN(CODE_OF) };
static int exponents[CURRENCY_MAX] = { BUILTIN(EXPONENT_OF) };
static int count = 0 BUILTIN(ONE);

static bool
well_formed(const char *code, size_t len)
{
	size_t i;

	if (len != 3)
		return false;
	for (i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return false;
	return true;
}

static int
find(uint32_t key)
{
	int i;

	for (i = 0; i < count; i++)
		if (keys[i] == key)
			return i;
	return -1;
}

ar_err
currency_lookup(const char *code, size_t len, currency_id *id)
{
	int i;

	if (!well_formed(code, len))
		return AR_ESYNTAX;
	if ((i = find(PACK(code[0], code[1], code[2]))) < 0)
		return AR_ECURRENCY;
	*id = i;
	return AR_OK;
}

const char *
currency_code(currency_id id)
{
	if (id < 0 || id >= count)
		return NULL;
	return codes[id];
}

int
currency_exponent(currency_id id)
{
	if (id < 0 || id >= count)
		return -1;
	return exponents[id];
}

ar_err
currency_set_exponent(const char *code, int exponent)
{
	uint32_t key;
	int i;

	/* well_formed stops at a NUL, so code[3] is only read past 3 letters */
	if (!well_formed(code, 3) || code[3] != '\0')
		return AR_ESYNTAX;
	if (exponent < 0 || exponent > EXPONENT_MAX)
		return AR_ERANGE;
	key = PACK(code[0], code[1], code[2]);
	if ((i = find(key)) < 0) {
		if (count == CURRENCY_MAX)
			return AR_ENOMEM;
		i = count++;
		keys[i] = key;
		codes[i][0] = code[0];
		codes[i][1] = code[1];
		codes[i][2] = code[2];
		codes[i][3] = '\0';
	}
	exponents[i] = exponent;
	return AR_OK;
}
