/* interest.c - late-payment interest, exact in integers (interest.h). */
#include "ar/interest.h"

#include "core/money.h"

__extension__ typedef __int128 i128;

ar_err
interest_rate_parse(const char *text, size_t len, int64_t *rate)
{
	int64_t v;
	ar_err err;

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len > 0 && text[len - 1] == '%')
		len--;
	/* A per cent with up to 6 decimals reads as an amount of exponent 6. */
	if ((err = money_parse_ungrouped(text, len, 6, MONEY_DECIMAL_POINT, &v)) != AR_OK)
		return err;
	if (v < 0 || v > 1000 * (int64_t)INTEREST_PER_CENT)
		return AR_ERANGE;
	*rate = v;
	return AR_OK;
}

int64_t
interest_simple(int64_t amount, int64_t rate, long days, int basis)
{
	i128 num, den;

	if (amount <= 0 || rate <= 0 || days <= 0)
		return 0;
	if (basis <= 0)
		basis = 365;
	num = (i128)amount * rate * days;
	den = (i128)100 * INTEREST_PER_CENT * basis;
	num = (num + den / 2) / den;
	return num > INT64_MAX ? INT64_MAX : (int64_t)num;
}
