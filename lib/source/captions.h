/*
 * captions.h - finding a column by its caption in a header an ERP or a
 * bank wrote: "Customer", "Kunde", "  Amt in loc.cur.  ".
 *
 * A profile key lists the captions a column may have, separated by
 * commas ("Account, Customer, Kunde"); the first caption of the list
 * that the header has wins.  Captions compare without the blanks around
 * them and without regard to ASCII case ("net due dt" = "Net due dt  ").
 */
#ifndef CAPTIONS_H
#define CAPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/errors.h"

#define CAPTIONS_MAX 32		/* captions in one list */
#define CAPTION_LEN_MAX 96	/* bytes in one caption */

struct caption_list {
	size_t n;
	char caption[CAPTIONS_MAX][CAPTION_LEN_MAX];
};

/*
 * Split text ("A, B ,C") into *out.  NULL or "" gives an empty list.
 * AR_ESYNTAX for an empty caption (",,"), AR_ERANGE for too many or too
 * long captions.
 */
ar_err caption_list_parse(const char *text, struct caption_list *out);

/* Whether cell[0..len) is caption c, blanks around cell ignored, ASCII case ignored. */
bool caption_equal(const char *c, const char *cell, size_t len);

/*
 * The index among cells[0..n) of the column the list names: the first
 * caption of the list that some cell has; -1 when none has one.
 * cells[i] need not be NUL-terminated (lens[i] bytes).
 */
int caption_find(const struct caption_list *l, const char *const *cells,
    const size_t *lens, size_t n);

/*
 * caption_find, and in *again another cell that has the caption found
 * ("Amount" and "amount ", which caption_equal takes for one), -1 when
 * none: for a reader to refuse a header that names its column twice,
 * where caption_find would take the leftmost silently.
 */
int caption_find_unique(const struct caption_list *l, const char *const *cells,
    const size_t *lens, size_t n, int *again);

/*
 * Split a line that may be a header, for caption_find: at each delim,
 * each cell without blanks and one pair of double quotes around it.  A
 * quick look, not CSV parsing (no delimiter inside quotes): the reader
 * parses the header properly once it is found.  Writes at most max cells;
 * returns how many the line has.
 */
size_t caption_split(const char *line, size_t len, char delim,
    const char **cells, size_t *lens, size_t max);

#endif
