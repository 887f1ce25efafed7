/*
 * captions.c - column captions of ERP and bank headers (captions.h).
 */
#include "source/captions.h"

#include <string.h>

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

ar_err
caption_list_parse(const char *text, struct caption_list *out)
{
	const char *end;
	size_t n;

	out->n = 0;
	if (text == NULL)
		return AR_OK;
	while (blank(*text))
		text++;
	if (*text == '\0')
		return AR_OK;
	for (;;) {
		end = text + strcspn(text, ",");
		n = (size_t)(end - text);
		while (n > 0 && blank(text[n - 1]))
			n--;
		if (n == 0)
			return AR_ESYNTAX;
		if (out->n == CAPTIONS_MAX || n >= CAPTION_LEN_MAX)
			return AR_ERANGE;
		memcpy(out->caption[out->n], text, n);
		out->caption[out->n++][n] = '\0';
		if (*end == '\0')
			return AR_OK;
		for (text = end + 1; blank(*text); text++)
			continue;
	}
}

bool
caption_equal(const char *c, const char *cell, size_t len)
{
	size_t n = strlen(c), i;

	while (len > 0 && blank(*cell))
		cell++, len--;
	while (len > 0 && blank(cell[len - 1]))
		len--;
	if (len != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(c[i]) != lower(cell[i]))
			return false;
	return true;
}

int
caption_find(const struct caption_list *l, const char *const *cells,
    const size_t *lens, size_t n)
{
	size_t c, i;

	for (c = 0; c < l->n; c++)
		for (i = 0; i < n; i++)
			if (caption_equal(l->caption[c], cells[i], lens[i]))
				return (int)i;
	return -1;
}

int
caption_find_unique(const struct caption_list *l, const char *const *cells,
    const size_t *lens, size_t n, int *again)
{
	int found = caption_find(l, cells, lens, n);
	size_t c, i;

	*again = -1;
	if (found < 0)
		return found;
	/* the caption that matched: the first of the list that cell has */
	for (c = 0; !caption_equal(l->caption[c], cells[found], lens[found]); c++)
		continue;
	for (i = (size_t)found + 1; i < n; i++)
		if (caption_equal(l->caption[c], cells[i], lens[i])) {
			*again = (int)i;
			break;
		}
	return found;
}

size_t
caption_split(const char *line, size_t len, char delim, const char **cells,
    size_t *lens, size_t max)
{
	const char *p = line, *end = line + len, *next;
	size_t count = 0, n;

	for (;;) {
		next = memchr(p, delim, (size_t)(end - p));
		if (next == NULL)
			next = end;
		n = (size_t)(next - p);
		while (n > 0 && blank(*p))
			p++, n--;
		while (n > 0 && blank(p[n - 1]))
			n--;
		if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
			p++, n -= 2;
		if (count < max) {
			cells[count] = p;
			lens[count] = n;
		}
		count++;
		if (next == end)
			return count;
		p = next + 1;
	}
}
