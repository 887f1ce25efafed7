/*
 * utf8.h - UTF-8 checks for text already in memory: the one place that
 * says what a well-formed sequence is (no overlongs, no surrogates, nothing
 * past U+10FFFF), for the readers and writers that cut, copy or show text.
 * The CSV reader checks its 64 KiB blocks with a loop of its own that
 * carries a sequence across block ends (csvio.c); it follows the same rule.
 */
#ifndef AR_UTF8_H
#define AR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Bytes of the well-formed sequence at s (of n bytes at most), its code
 * point in *cp when cp is not NULL; 0 when s does not start one (a stray
 * continuation byte, a bad lead, a sequence cut by n, an overlong form).
 * n == 0 gives 0.
 */
size_t utf8_sequence(const char *s, size_t n, uint32_t *cp);

/* Bytes a sequence starting with lead claims to have: 1 to 4, 1 for a byte that cannot start one. */
size_t utf8_lead_length(unsigned char lead);

/* The length of the longest well-formed prefix of s[0..n). */
size_t utf8_valid_prefix(const char *s, size_t n);

/* Whether all of s[0..n) is well-formed UTF-8. */
static inline bool
utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

/*
 * The largest length not above n that does not end inside a character
 * (backs off over continuation bytes): where to cut UTF-8 text of at least
 * n bytes so that it stays whole.
 */
size_t utf8_cut(const char *s, size_t n);

#endif
