/* utf8.c - well-formed UTF-8 (RFC 3629). */
#include "core/utf8.h"

size_t
utf8_lead_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 1;
}

size_t
utf8_sequence(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	size_t k;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		c = p[0];
		k = 1;
	} else {
		if (p[0] >= 0xc2 && p[0] <= 0xdf)
			k = 2, c = p[0] & 0x1f;
		else if (p[0] >= 0xe0 && p[0] <= 0xef)
			k = 3, c = p[0] & 0x0f;
		else if (p[0] >= 0xf0 && p[0] <= 0xf4)
			k = 4, c = p[0] & 0x07;
		else
			return 0;
		if (k > n)
			return 0;
		for (size_t i = 1; i < k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		/* Overlong, surrogate and beyond U+10FFFF forms are not UTF-8. */
		if ((k == 3 && c < 0x800) || (k == 4 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
	}
	if (cp != NULL)
		*cp = c;
	return k;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_sequence(s + i, n - i, NULL)) == 0)
			break;
		i += k;
	}
	return i;
}

size_t
utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}
