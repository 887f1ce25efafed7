/*
 * csv_split.c - record boundaries for reading one CSV file with several
 * threads; csv_split.h says what and why.
 *
 * The machine is libcsv 3.0.3's csv_parse() in strict mode with csvio's
 * take_bare_quote(): every transition below is one of its branches.
 */
#include "core/csv_split.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	FIELD = CSV_SPLIT_FIELD,
	BARE = CSV_SPLIT_BARE,
	QUOTED = CSV_SPLIT_QUOTED,
	QUOTE = CSV_SPLIT_QUOTE,
	QUOTE_BLANK = CSV_SPLIT_QUOTE_BLANK,
	ERROR = CSV_SPLIT_ERROR,
	NSTATES = CSV_SPLIT_NSTATES
};

static inline bool
is_term(unsigned char c)
{
	return c == '\r' || c == '\n';
}

/* libcsv's blanks, which it skips before a field; the delimiter wins. */
static inline bool
is_blank(unsigned char c, unsigned char delim)
{
	return (c == ' ' || c == '\t') && c != delim;
}

/* One byte of libcsv's machine. */
static inline unsigned
step(unsigned st, unsigned char c, unsigned char delim)
{
	bool ends = c == delim || is_term(c);

	switch (st) {
	case FIELD:
		return c == '"' ? QUOTED : ends || is_blank(c, delim) ? FIELD : BARE;
	case BARE:
		return ends ? FIELD : BARE;     /* a quote here is data (csvio) */
	case QUOTED:
		return c == '"' ? QUOTE : QUOTED;
	case QUOTE:
		if (c == '"')
			return QUOTED;          /* "" */
		/* FALLTHROUGH */
	case QUOTE_BLANK:
		return ends ? FIELD : is_blank(c, delim) ? QUOTE_BLANK : ERROR;
	default:
		return ERROR;
	}
}

/* A line end read in st ends a record or a blank line. */
static inline bool
ends_record(unsigned st, unsigned char c)
{
	return is_term(c) && st != QUOTED && st != ERROR;
}

#define ONES UINT64_C(0x0101010101010101)
#define LOW7 UINT64_C(0x7F7F7F7F7F7F7F7F)
#define LANES16 UINT64_C(0x00FF00FF00FF00FF)

/*
 * How many bytes of s[0..n) are c, eight at a time: a 1 in each byte of
 * the word that is c, exactly (no borrow), summed bytewise for up to 255
 * words, then across (no POPCNT in the baseline x86-64 the library is
 * built for: __builtin_popcountll is a call there).
 */
static size_t
count_byte(const unsigned char *s, size_t n, unsigned char c)
{
	uint64_t w, cw = ONES * c, ones;
	size_t i = 0, k = 0, run;

	while (n - i >= 8) {
		ones = 0;
		for (run = 0; run < 255 && n - i >= 8; run++, i += 8) {
			memcpy(&w, s + i, 8);
			w ^= cw;
			/* the high bit of each byte not zero; flipped, shifted to a 1 */
			ones += (~(((w & LOW7) + LOW7) | w) >> 7) & ONES;
		}
		ones = (ones & LANES16) + ((ones >> 8) & LANES16);
		k += (size_t)((ones * UINT64_C(0x0001000100010001)) >> 48);
	}
	for (; i < n; i++)
		k += s[i] == c;
	return k;
}

/*
 * The walks of one span from each state it may begin in.  Walks that reach
 * the same state at the same place go on as one, and a walk that reaches
 * ERROR stops (ERROR never changes); every walk stops at every quote (the
 * only byte that changes whether we are in quotes), so they are compared
 * there.  On a valid file the walks from a wrong state die or join the
 * right one within a few quotes, and one walk goes on.
 */
#define DEAD 0xFF

struct walks {
	unsigned char state[NSTATES];   /* of walk w */
	bool pending[NSTATES];          /* a begin state on walk w has no cut yet */
	unsigned char of[NSTATES];      /* the walk of each begin state, or DEAD */
	size_t n;
};

static void
found_cut(struct walks *W, size_t w, struct csv_split_span *sp, size_t pos)
{
	for (size_t s = 0; s < NSTATES; s++)
		if (W->of[s] == w && sp->cut[s] == CSV_SPLIT_NONE)
			sp->cut[s] = pos;
	W->pending[w] = false;
}

/*
 * Walk w over u[p..x), which holds no quote.  In QUOTED nothing changes.
 * After a quote of a quoted field the next bytes decide.  Outside quotes
 * only two things matter: the first line end (a cut) while one is wanted,
 * and the state at x, which the last byte before x that isn't a blank
 * decides (a delimiter or line end: FIELD, anything else: BARE).
 */
static inline void
walk_segment(struct walks *W, size_t w, struct csv_split_span *sp,
    const unsigned char *u, size_t p, size_t x, unsigned char delim)
{
	unsigned st = W->state[w];
	size_t j;

	while (p < x && (st == QUOTE || st == QUOTE_BLANK)) {
		if (ends_record(st, u[p]) && W->pending[w])
			found_cut(W, w, sp, p + 1);
		st = step(st, u[p++], delim);
	}
	if ((st == FIELD || st == BARE) && p < x) {
		if (W->pending[w])
			for (j = p; j < x; j++)
				if (is_term(u[j])) {
					found_cut(W, w, sp, j + 1);
					break;
				}
		for (j = x; j > p && is_blank(u[j - 1], delim); j--)
			;
		if (j > p)
			st = u[j - 1] == delim || is_term(u[j - 1]) ? FIELD : BARE;
	}
	W->state[w] = (unsigned char)st;
}

/* Walk b leaves the list: its begin states go to walk to (or DEAD); the last walk takes its place. */
static void
drop_walk(struct walks *W, size_t b, unsigned char to)
{
	size_t last = --W->n;

	for (size_t s = 0; s < NSTATES; s++) {
		if (W->of[s] == b)
			W->of[s] = to;
		else if (W->of[s] == last)
			W->of[s] = (unsigned char)b;
	}
	W->state[b] = W->state[last];
	W->pending[b] = W->pending[last];
}

/* Dead walks stop; walks now in the same state go on as one. */
static void
join_walks(struct walks *W)
{
	size_t a, b;

	for (a = 0; a < W->n;) {
		if (W->state[a] == ERROR) {
			drop_walk(W, a, DEAD);
			continue;
		}
		for (b = a + 1; b < W->n;) {
			if (W->state[a] != W->state[b]) {
				b++;
				continue;
			}
			W->pending[a] |= W->pending[b];
			drop_walk(W, b, (unsigned char)a);
		}
		a++;
	}
}

/*
 * The next quote in u[p..e), or e.  A file that quotes every field has one
 * every few bytes, where a call of memchr costs more than a look at each.
 */
static inline size_t
next_quote(const unsigned char *u, size_t p, size_t e)
{
	size_t near = e - p > 16 ? p + 16 : e;
	const unsigned char *q;

	for (; p < near; p++)
		if (u[p] == '"')
			return p;
	q = p < e ? memchr(u + p, '"', e - p) : NULL;
	return q != NULL ? (size_t)(q - u) : e;
}

/*
 * The state at e of the one walk left, from st at p, when no cut is wanted:
 * the loop below without the bookkeeping of several walks.
 */
static unsigned
walk_rest(const unsigned char *u, size_t p, size_t e, unsigned char delim, unsigned st)
{
	size_t x, j;

	while (st != ERROR) {
		if (st == QUOTE || st == QUOTE_BLANK) {
			if (p == e)
				break;
			st = step(st, u[p++], delim);
			continue;
		}
		x = next_quote(u, p, e);
		if (st != QUOTED) {
			for (j = x; j > p && is_blank(u[j - 1], delim); j--)
				;
			if (j > p)
				st = u[j - 1] == delim || is_term(u[j - 1]) ? FIELD : BARE;
		}
		if (x == e)
			break;
		st = st == FIELD ? QUOTED : st == BARE ? BARE : QUOTE;
		p = x + 1;
	}
	return st;
}

void
csv_split_span_count(const char *buf, const struct csv_split *s, struct csv_split_span *sp)
{
	/* what a quote does in each state */
	static const unsigned char on_quote[NSTATES] = {
		[FIELD] = QUOTED, [BARE] = BARE, [QUOTED] = QUOTE,
		[QUOTE] = QUOTED, [QUOTE_BLANK] = ERROR, [ERROR] = ERROR,
	};
	const unsigned char *u = (const unsigned char *)buf;
	unsigned char delim = (unsigned char)s->delimiter;
	size_t p = sp->begin, e = sp->end, x, w, i, prev, acc, c;
	struct walks W;
	bool dead;

	for (i = 0; i < NSTATES; i++) {
		W.state[i] = W.of[i] = (unsigned char)i;
		W.pending[i] = true;
		sp->cut[i] = CSV_SPLIT_NONE;
		sp->eols_to_cut[i] = 0;
	}
	W.n = NSTATES;
	join_walks(&W);         /* the walk from ERROR is dead already */
	while (W.n > 0) {
		if (W.n == 1 && !W.pending[0]) {
			W.state[0] = (unsigned char)walk_rest(u, p, e, delim, W.state[0]);
			break;
		}
		x = next_quote(u, p, e);
		for (w = 0; w < W.n; w++)
			if (W.state[w] != QUOTED)
				walk_segment(&W, w, sp, u, p, x, delim);
		if (x == e)
			break;
		for (w = 0, dead = false; w < W.n; w++)
			dead |= (W.state[w] = on_quote[W.state[w]]) == ERROR;
		if (W.n > 1 || dead)
			join_walks(&W);
		p = x + 1;
	}
	for (i = 0; i < NSTATES; i++)
		sp->end_state[i] = W.of[i] == DEAD ? ERROR : W.state[W.of[i]];

	/* Line ends up to each cut and in all, in one pass: cuts in order. */
	for (prev = sp->begin, acc = 0;; prev = c) {
		for (c = CSV_SPLIT_NONE, i = 0; i < NSTATES; i++)
			if (sp->cut[i] > prev && sp->cut[i] < c)
				c = sp->cut[i];
		if (c == CSV_SPLIT_NONE)
			break;
		acc += count_byte(u + prev, c - prev, s->eol);
		for (i = 0; i < NSTATES; i++)
			if (sp->cut[i] == c)
				sp->eols_to_cut[i] = acc;
	}
	sp->eols = acc + count_byte(u + prev, e - prev, s->eol);
}

/* After a cut just past a CR, take its LF too: a CR LF stays whole. */
static size_t
past_crlf(const char *buf, size_t len, size_t cut)
{
	return cut > 0 && cut < len && buf[cut - 1] == '\r' && buf[cut] == '\n' ? cut + 1 : cut;
}

/*
 * Where the first record ends (csvio's header), walking from the start: a
 * line end in FIELD before any field has begun is a blank line.  The end of
 * the buffer when no line end ends it.
 */
static void
find_header(struct csv_split *s, const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;
	unsigned char delim = (unsigned char)s->delimiter;
	unsigned st = FIELD;
	bool begun = false;
	size_t p = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	s->header_end = len;
	for (; p < len && st != ERROR; p++) {
		if (ends_record(st, u[p]) && (begun || st != FIELD)) {
			s->header_end = past_crlf(buf, len, p + 1);
			break;
		}
		st = step(st, u[p], delim);
		begun |= st != FIELD || u[p] == delim;
	}
	if (st == ERROR || st == QUOTED)
		s->bad_syntax = true;   /* text after a quote, or a quote never closed */
	s->header_eols = count_byte(u, s->header_end, s->eol);
}

ar_err
csv_split_begin(struct csv_split *s, const char *buf, size_t len, size_t k,
    const struct csvio_opts *opts)
{
	unsigned char delim = opts != NULL ? (unsigned char)opts->delimiter : ',';
	size_t window = len < CSV_SPLIT_EOL_WINDOW ? len : CSV_SPLIT_EOL_WINDOW, rest, i;

	memset(s, 0, sizeof *s);
	if (delim == '\0' || delim == '"' || delim == '\r' || delim == '\n' || delim >= 0x80)
		return AR_EUSAGE;       /* as csvio refuses it */
	s->delimiter = (char)delim;
	s->eol = window > 0 && memchr(buf, '\n', window) == NULL &&
	    memchr(buf, '\r', window) != NULL ? '\r' : '\n';
	find_header(s, buf, len);
	/* Spans over what follows the header, which begins at a record's start. */
	rest = len - s->header_end;
	s->nspan = k < 1 ? 1 : k;
	if (s->nspan > rest)
		s->nspan = rest;
	if (s->nspan > 0 && (s->span = calloc(s->nspan, sizeof *s->span)) == NULL)
		return AR_ENOMEM;
	for (i = 0; i < s->nspan; i++) {
		/* i * rest / nspan without overflow */
		s->span[i].begin = s->header_end + rest / s->nspan * i + rest % s->nspan * i / s->nspan;
		if (i > 0)
			s->span[i - 1].end = s->span[i].begin;
	}
	if (s->nspan > 0)
		s->span[s->nspan - 1].end = len;
	return AR_OK;
}

void
csv_split_stop_after(struct csv_split *s, size_t at)
{
	size_t i = 0;

	while (i < s->nspan && s->span[i].begin < at)
		i++;
	if (i + 1 < s->nspan)
		s->nspan = i + 1;       /* span[i] holds the cut wanted at or after at */
}

ar_err
csv_split_end(struct csv_split *s, const char *buf, size_t len)
{
	unsigned char *at = NULL;       /* the true state at each span's begin */
	size_t *base = NULL;            /* line ends before each span's begin */
	size_t i, j, cut, eols, first = CSV_SPLIT_NONE, first_eols = 0;
	unsigned st = FIELD;
	ar_err err = AR_ENOMEM;

	if ((s->range = calloc(s->nspan + 1, sizeof *s->range)) == NULL)
		return AR_ENOMEM;
	if (s->nspan > 0 && ((at = malloc(s->nspan)) == NULL ||
	    (base = malloc(s->nspan * sizeof *base)) == NULL))
		goto out;
	for (i = 0, eols = s->header_eols; i < s->nspan; i++) {
		at[i] = (unsigned char)st;
		base[i] = eols;
		st = s->span[i].end_state[st];
		eols += s->span[i].eols;
	}
	/* Known at the end only, or where a walk died. */
	if (s->nspan > 0 && (st == ERROR || (st == QUOTED && s->span[s->nspan - 1].end == len)))
		s->bad_syntax = true;

	/*
	 * Range 0 begins at 0; range i at the first record end at or after
	 * span i's begin, which may lie in a later span.  From the last span
	 * back, so that each span is looked at once.
	 */
	s->range[0].begin = 0;
	s->range[0].line = 1;
	s->nrange = 1;
	for (i = s->nspan; i-- > 1;) {
		if (s->span[i].cut[at[i]] != CSV_SPLIT_NONE) {
			first = s->span[i].cut[at[i]];
			first_eols = base[i] + s->span[i].eols_to_cut[at[i]];
		}
		s->range[i].begin = first;      /* in place; packed below */
		s->range[i].line = (long)first_eols + 1;
	}
	for (i = 1; i < s->nspan; i++) {
		cut = s->range[i].begin;
		if (cut == CSV_SPLIT_NONE)
			continue;
		j = past_crlf(buf, len, cut);
		if (j != cut && s->eol == '\n')
			s->range[i].line++;
		if (j >= len || j <= s->range[s->nrange - 1].begin)
			continue;       /* empty: the end, or where the last began */
		s->range[s->nrange].begin = j;
		s->range[s->nrange].line = s->range[i].line;
		s->nrange++;
	}
	for (i = 0; i < s->nrange; i++)
		s->range[i].end = i + 1 < s->nrange ? s->range[i + 1].begin : len;
	err = AR_OK;
out:
	free(at);
	free(base);
	return err;
}

ar_err
csv_split_ranges(struct csv_split *s, const char *buf, size_t len, size_t k,
    const struct csvio_opts *opts)
{
	ar_err err = csv_split_begin(s, buf, len, k, opts);

	if (err != AR_OK)
		return err;
	for (size_t i = 0; i < s->nspan; i++)
		csv_split_span_count(buf, s, &s->span[i]);
	return csv_split_end(s, buf, len);
}

void
csv_split_free(struct csv_split *s)
{
	free(s->span);
	free(s->range);
	s->span = NULL;
	s->range = NULL;
	s->nspan = s->nrange = 0;
}
