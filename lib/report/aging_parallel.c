/* aging_parallel.c - regular files aged by several threads (aging_parallel.h). */
#include "report/aging_parallel.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ar/item_keys.h"
#include "core/csv_split.h"
#include "core/money.h"
#include "report/aging_merge.h"

/* The cut walks spans of at most this much, each read into a buffer of its thread. */
#define SPAN_BYTES (8u << 20)

/*
 * A bad row a thread skipped, told to the caller's bad_row after the file:
 * after the repeats among the keys its thread had logged by then, before
 * the others (lines don't order them: with CR and LF mixed, records share
 * a line).
 */
struct said {
	long line;
	size_t logged;
	char *what;
};

/* An item seen before, in file order: its thread's log[k], and where it was first seen. */
struct repeat {
	long line;
	size_t g, k;
	struct item_origin first;
};

struct repeats {
	struct repeat *r;
	size_t n, cap;
};

struct worker {
	struct aging_parallel *par;
	const char *path;
	const struct csvio_opts *opts;
	struct csvio_range range;
	struct customer_table customers;
	struct aging_report own;        /* a later range's aging */
	struct aging_report *rep;       /* &own; the run's for the first range (and the rest read again) */
	struct aging_feed feed;
	struct aging_key_log log;
	struct said *said;
	size_t nsaid, capsaid;
	ar_err err;
	struct ar_error e;
	bool started;           /* own initialised */
};

struct aging_parallel {
	struct aging_report *rep;
	struct aging_feed feed;         /* the caller's */
	unsigned jobs;
	struct item_keys **keys;        /* [jobs]: the fingerprints f with f % jobs == i */
	/* One file's: */
	struct worker *w;
	size_t nw;
	struct repeats *found;          /* [jobs] */
	const char *buf;                /* the cut's */
	struct csv_split split;
};

bool
aging_parallel_fits(const char *path, bool *big)
{
	struct stat st;

	if (path == NULL || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	*big |= st.st_size >= AGING_PARALLEL_MIN;
	return true;
}

struct aging_parallel *
aging_parallel_new(struct aging_report *rep, const struct aging_feed *feed, unsigned jobs)
{
	struct aging_parallel *par = calloc(1, sizeof *par);

	if (par == NULL)
		return NULL;
	par->rep = rep;
	par->feed = *feed;
	par->jobs = jobs < 1 ? 1 : jobs;
	if (feed->keys != NULL) {
		if ((par->keys = calloc(par->jobs, sizeof *par->keys)) == NULL) {
			free(par);
			return NULL;
		}
		for (unsigned i = 0; i < par->jobs; i++)
			if ((par->keys[i] = item_keys_new()) == NULL) {
				aging_parallel_free(par);
				return NULL;
			}
	}
	return par;
}

void
aging_parallel_free(struct aging_parallel *par)
{
	if (par == NULL)
		return;
	for (unsigned i = 0; par->keys != NULL && i < par->jobs; i++)
		item_keys_free(par->keys[i]);
	free(par->keys);
	free(par);
}

/* Run fn(arg + i * size) for i < n, on n - 1 threads and this one. */
static ar_err
run_threads(void *(*fn)(void *), void *arg, size_t size, size_t n)
{
	pthread_t *t = n > 1 ? calloc(n - 1, sizeof *t) : NULL;
	size_t started = 0;

	if (n > 1 && t == NULL)
		return AR_ENOMEM;
	for (; started + 1 < n; started++)
		if (pthread_create(&t[started], NULL, fn, (char *)arg + (started + 1) * size) != 0)
			break;
	/* A thread that could not start: its share is done here. */
	for (size_t i = started + 1; i < n; i++)
		fn((char *)arg + i * size);
	fn(arg);
	for (size_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	return AR_OK;
}

/* ---- the cut ------------------------------------------------------------ */

struct span_share {
	struct aging_parallel *par;
	int fd;
	size_t first, step;
};

/* Let the pages of buf[b..e) go: walked once, not needed again. */
static void
let_go(const char *buf, size_t b, size_t e)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)(buf + b) + page - 1) & ~(page - 1);
	uintptr_t hi = (uintptr_t)(buf + e) & ~(page - 1);

	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

/*
 * Span sp of the file walked in a copy read into buf (of at least its
 * length), its cuts moved back to the file's places: read(2) costs less
 * than the page faults of the mapping, which are dear in a virtual machine.
 * False when it could not be read.
 */
static bool
count_span_read(int fd, const struct csv_split *s, struct csv_split_span *sp, char *buf)
{
	struct csv_split_span here = *sp;
	size_t len = sp->end - sp->begin, got = 0;

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, (off_t)(sp->begin + got));

		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	here.begin = 0;
	here.end = len;
	csv_split_span_count(buf, s, &here);
	for (size_t i = 0; i < CSV_SPLIT_NSTATES; i++)
		if (here.cut[i] != CSV_SPLIT_NONE)
			here.cut[i] += sp->begin;
	here.begin = sp->begin;
	here.end = sp->end;
	*sp = here;
	return true;
}

static void *
count_spans(void *arg)
{
	struct span_share *sh = arg;
	struct csv_split *s = &sh->par->split;
	size_t most = 0;
	char *buf;

	for (size_t i = sh->first; i < s->nspan; i += sh->step)
		if (s->span[i].end - s->span[i].begin > most)
			most = s->span[i].end - s->span[i].begin;
	/* Mapped, not malloc'd: a freed 8 MiB would raise malloc's mmap threshold and stay. */
	buf = most > 0 ? mmap(NULL, most, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0) : MAP_FAILED;
	if (buf == MAP_FAILED)
		buf = NULL;
	for (size_t i = sh->first; i < s->nspan; i += sh->step) {
		if (buf != NULL && count_span_read(sh->fd, s, &s->span[i], buf))
			continue;
		csv_split_span_count(sh->par->buf, s, &s->span[i]);
		let_go(sh->par->buf, s->span[i].begin, s->span[i].end);
	}
	if (buf != NULL)
		munmap(buf, most);
	return NULL;
}

/*
 * csv_split_end's view of the file (csv_split.h: it reads the bytes at and
 * before each cut only): those bytes read into an anonymous mapping, where
 * they take a page each, not the page-cache folio a look at the file's
 * mapping brings in (up to 2 MiB a cut: 100 MiB at 10M items).  NULL if
 * it could not be made.
 */
static char *
bytes_at_cuts(int fd, const struct csv_split *s, size_t len)
{
	char *near = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (near == MAP_FAILED)
		return NULL;
	for (size_t i = 0; i < s->nspan; i++)
		for (size_t st = 0; st < CSV_SPLIT_NSTATES; st++) {
			size_t c = s->span[i].cut[st], n = c < len ? 2 : 1;

			if (c == CSV_SPLIT_NONE || c == 0)
				continue;
			if (pread(fd, near + c - 1, n, (off_t)(c - 1)) != (ssize_t)n) {
				munmap(near, len);
				return NULL;
			}
		}
	return near;
}

/* The file's ranges, in par->split: mapped, walked by the threads, unmapped. */
static ar_err
cut_file(struct aging_parallel *par, const char *path, const struct csvio_opts *opts)
{
	struct span_share sh[256];
	struct stat st;
	size_t len, nspan, n = par->jobs < 256 ? par->jobs : 256;
	void *map;
	int fd;
	ar_err err;

	if ((fd = open(path, O_RDONLY)) < 0)
		return AR_EOPEN;
	if (fstat(fd, &st) != 0 || (len = (size_t)st.st_size) == 0 ||
	    (map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		int saved = errno;

		close(fd);
		errno = saved;
		return AR_EOPEN;
	}
	madvise(map, len, MADV_SEQUENTIAL);
#ifdef MADV_NOHUGEPAGE
	/*
	 * A page cache of large folios is otherwise mapped 2 MiB a touch: the
	 * cut's one-byte looks at each span's begin kept 160 MiB resident.
	 */
	madvise(map, len, MADV_NOHUGEPAGE);
#endif
	par->buf = map;
	nspan = len / SPAN_BYTES + 1;
	if (nspan < n)
		nspan = n;
	if ((err = csv_split_begin(&par->split, par->buf, len, nspan, opts)) == AR_OK) {
		/* The last group begins at the first cut past this (group_ranges): no walk beyond. */
		csv_split_stop_after(&par->split, (size_t)((unsigned long long)len * (n - 1) / n));
		for (size_t i = 0; i < n; i++)
			sh[i] = (struct span_share){ par, fd, i, n };
		if ((err = run_threads(count_spans, sh, sizeof sh[0], n)) == AR_OK) {
			char *near = bytes_at_cuts(fd, &par->split, len);

			err = csv_split_end(&par->split, near != NULL ? near : par->buf, len);
			if (near != NULL)
				munmap(near, len);
		}
	}
	munmap(map, len);
	close(fd);
	par->buf = NULL;
	return err;
}

/* ---- the threads' ranges -------------------------------------------------- */

static enum row_action
keep_bad_row(void *ctx, const char *input, long line, const char *what)
{
	struct worker *w = ctx;
	struct said *s;

	(void)input;
	if (w->nsaid == w->capsaid) {
		size_t cap = w->capsaid ? w->capsaid * 2 : 64;

		if ((s = realloc(w->said, cap * sizeof *s)) == NULL)
			return ROW_STOP;        /* the error of that row, then */
		w->said = s;
		w->capsaid = cap;
	}
	if ((w->said[w->nsaid].what = strdup(what)) == NULL)
		return ROW_STOP;
	w->said[w->nsaid].line = line;
	w->said[w->nsaid].logged = w->log.n;
	w->nsaid++;
	return ROW_SKIP;
}

static void *
age_range(void *arg)
{
	struct worker *w = arg;
	struct csvio_reader *r = NULL;

	w->err = csvio_reader_open_range(&r, w->path, w->opts, &w->range);
	if (w->err == AR_OK)
		w->err = aging_report_feed(w->rep, r, &w->feed, &w->e);
	else if (r != NULL)
		w->e = *csvio_error(r);
	else
		ar_error_set(&w->e, w->err, w->range.line, "cannot read: %s", strerror(errno));
	csvio_reader_close(r);
	return NULL;
}

/*
 * The groups of ranges the threads take: as many as threads (or ranges),
 * about equal in bytes, each cut where a range begins.
 */
static size_t
group_ranges(const struct csv_split *s, unsigned jobs, size_t *first)
{
	size_t len = s->range[s->nrange - 1].end, n = 0, i = 0;

	for (unsigned g = 0; g < jobs && i < s->nrange; g++) {
		unsigned long long want = (unsigned long long)len * g / jobs;

		while (i < s->nrange && s->range[i].begin < want)
			i++;
		if (i < s->nrange && (n == 0 || i > first[n - 1]))
			first[n++] = i;
	}
	first[n] = s->nrange;
	return n;
}

/*
 * Worker w to read buf[range): into the run's aging itself (direct: the
 * first range, which no other precedes), else into its own.
 */
static ar_err
set_worker(struct aging_parallel *par, struct worker *w, const char *path,
    const struct csvio_opts *opts, struct csvio_range range, bool direct)
{
	ar_err err;

	w->par = par;
	w->path = path;
	w->opts = opts;
	w->range = range;
	if (direct) {
		w->rep = par->rep;
	} else {
		/* Customers not in the master: no more than its records, nor than a large run has. */
		size_t more = (range.end - range.begin) / 16 + 64;

		if ((err = customers_share(&w->customers, par->rep->customers,
		    more < 65536 ? more : 65536)) != AR_OK ||
		    (err = aging_report_init(&w->own, &par->rep->policy, par->rep->group_by,
		    &w->customers)) != AR_OK)
			return err;
		w->started = true;
		w->own.track_oldest = par->rep->track_oldest;
		w->own.track_sides = par->rep->track_sides;
		w->rep = &w->own;
	}
	w->feed = par->feed;
	w->feed.detail = NULL;
	w->feed.bad_row = par->feed.bad_row != NULL ? keep_bad_row : NULL;
	w->feed.keys = NULL;
	w->feed.key_log = par->feed.keys != NULL ? &w->log : NULL;
	w->feed.duplicate = NULL;
	w->feed.progress = NULL;
	w->feed.ctx = w;
	return AR_OK;
}

static ar_err
start_workers(struct aging_parallel *par, struct csvio_reader *whole, const char *path,
    const struct csvio_opts *opts)
{
	const struct csv_split *s = &par->split;
	size_t first[257];
	ar_err err;

	par->nw = group_ranges(s, par->jobs < 256 ? par->jobs : 256, first);
	if ((par->w = calloc(par->nw, sizeof *par->w)) == NULL)
		return AR_ENOMEM;
	for (size_t g = 0; g < par->nw; g++) {
		const struct csv_range *a = &s->range[first[g]], *b = &s->range[first[g + 1] - 1];
		struct csvio_range range = { a->begin, b->end, a->line, s->eol, g > 0 ? whole : NULL };

		if ((err = set_worker(par, &par->w[g], path, opts, range, g == 0)) != AR_OK)
			return err;
	}
	return AR_OK;
}

static void
free_worker(struct worker *w)
{
	for (size_t i = 0; i < w->nsaid; i++)
		free(w->said[i].what);
	free(w->said);
	free(w->log.key);
	if (w->started)
		aging_report_free(&w->own);
	customers_free(&w->customers);
	memset(w, 0, sizeof *w);
}

static void
free_workers(struct aging_parallel *par)
{
	for (size_t g = 0; g < par->nw; g++)
		free_worker(&par->w[g]);
	free(par->w);
	par->w = NULL;
	par->nw = 0;
	if (par->found != NULL)
		for (unsigned i = 0; i < par->jobs; i++)
			free(par->found[i].r);
	free(par->found);
	par->found = NULL;
	csv_split_free(&par->split);
}

/* ---- repeats, looked for after the file ----------------------------------- */

struct key_share {
	struct aging_parallel *par;
	unsigned part;
	ar_err err;
};

/* The logged items whose fingerprint is this share's, in file order, noted. */
static void *
find_repeats(void *arg)
{
	struct key_share *sh = arg;
	struct aging_parallel *par = sh->par;
	struct repeats *out = &par->found[sh->part];
	uint32_t input = par->rep->inputs - 1;

	for (size_t g = 0; g < par->nw; g++) {
		const struct aging_key_log *log = &par->w[g].log;

		for (size_t i = 0; i < log->n; i++) {
			struct item_origin here = { input, log->key[i].line > UINT32_MAX
			    ? UINT32_MAX : (uint32_t)log->key[i].line }, first;
			bool seen;

			if (log->key[i].fingerprint % par->jobs != sh->part)
				continue;
			if (item_keys_note_key(par->keys[sh->part], log->key[i].fingerprint, here,
			    &seen, &first) != AR_OK) {
				sh->err = AR_ENOMEM;
				return NULL;
			}
			if (!seen)
				continue;
			if (out->n == out->cap) {
				size_t cap = out->cap ? out->cap * 2 : 64;
				struct repeat *r = realloc(out->r, cap * sizeof *r);

				if (r == NULL) {
					sh->err = AR_ENOMEM;
					return NULL;
				}
				out->r = r;
				out->cap = cap;
			}
			out->r[out->n++] = (struct repeat){ log->key[i].line, g, i, first };
		}
	}
	return NULL;
}

static ar_err
look_for_repeats(struct aging_parallel *par)
{
	struct key_share sh[256];
	unsigned n = par->jobs;
	ar_err err;

	if ((par->found = calloc(n, sizeof *par->found)) == NULL)
		return AR_ENOMEM;
	for (unsigned i = 0; i < n; i++)
		sh[i] = (struct key_share){ par, i, AR_OK };
	if ((err = run_threads(find_repeats, sh, sizeof sh[0], n)) != AR_OK)
		return err;
	for (unsigned i = 0; i < n; i++)
		if (sh[i].err != AR_OK)
			return sh[i].err;
	return AR_OK;
}

/* ---- told in file order ---------------------------------------------------- */

/* Whether a said comes before repeat r: an earlier thread's, or logged no later. */
static bool
said_first(size_t g, const struct said *s, const struct repeat *r)
{
	return g < r->g || (g == r->g && s->logged <= r->k);
}

/*
 * The bad rows skipped and the repeats, to the caller's callbacks in file
 * order, those of the threads up to last (the first that failed, whose
 * own all came before its error): AR_OK, or the error of the one the
 * caller stops at.
 */
static ar_err
tell_in_order(struct aging_parallel *par, const char *name, size_t last, bool line_column,
    struct ar_error *e)
{
	struct aging_report *rep = par->rep;
	size_t g = 0, i = 0, *at = NULL;
	unsigned parts = par->found != NULL ? par->jobs : 0;
	ar_err err = AR_OK;

	if (parts > 0 && (at = calloc(parts, sizeof *at)) == NULL)
		return AR_ENOMEM;
	for (;;) {
		const struct said *s = NULL;
		const struct repeat *r = NULL;
		unsigned part = 0;

		while (g <= last && i == par->w[g].nsaid)
			g++, i = 0;
		if (g <= last)
			s = &par->w[g].said[i];
		for (unsigned p = 0; p < parts; p++) {
			const struct repeat *c = at[p] < par->found[p].n ? &par->found[p].r[at[p]] : NULL;

			if (c != NULL && c->g <= last &&
			    (r == NULL || c->g < r->g || (c->g == r->g && c->k < r->k)))
				r = c, part = p;
		}
		if (s == NULL && r == NULL)
			break;
		if (s != NULL && (r == NULL || said_first(g, s, r))) {
			i++;
			if (par->feed.bad_row(par->feed.ctx, name, s->line, s->what) != ROW_SKIP) {
				err = ar_error_set(e, AR_ESYNTAX, s->line, "%s", s->what);
				break;
			}
		} else {
			at[part]++;
			rep->duplicates++;
			if (par->feed.duplicate == NULL ||
			    par->feed.duplicate(par->feed.ctx, name, r->line,
			    rep->input_names[r->first.input], (long)r->first.line) != ROW_SKIP) {
				err = aging_report_repeat_error(e, r->line,
				    rep->input_names[r->first.input], (long)r->first.line, line_column);
				break;
			}
		}
	}
	free(at);
	return err;
}

/*
 * Whether the later ranges' agings add into the run's without any sum
 * overflowing, in any order, and so as one reader's would: no sum can
 * exceed the magnitudes of all that went into it.  Only amounts past
 * 92 233 720 368 547 758.07 in all fail this.
 */
static bool
merge_is_safe(const struct aging_parallel *par)
{
	uint64_t bound = par->rep->magnitude;

	for (size_t g = 1; g < par->nw; g++)
		bound = money_magnitude_add(bound, par->w[g].own.magnitude);
	return bound <= INT64_MAX;
}

/*
 * Not safe: the later ranges are read again as one, by this thread,
 * into the run's aging, which holds just what one reader would have by
 * then (the first range's items and the files before), so that an
 * overflow is found at its item.
 */
static ar_err
read_rest_again(struct aging_parallel *par, const char *path, const struct csvio_opts *opts)
{
	struct csvio_range rest = par->w[1].range;
	unsigned inputs = par->rep->inputs;
	ar_err err;

	rest.end = par->w[par->nw - 1].range.end;
	for (size_t g = 1; g < par->nw; g++)
		free_worker(&par->w[g]);
	par->nw = 2;
	if ((err = set_worker(par, &par->w[1], path, opts, rest, true)) != AR_OK)
		return err;
	age_range(&par->w[1]);
	/* Its feed named the file again: one name a file. */
	while (par->rep->inputs > inputs)
		free(par->rep->input_names[--par->rep->inputs]);
	return AR_OK;
}

/* The later ranges' agings into the run's, in file order, each let go once in. */
static ar_err
merge_workers(struct aging_parallel *par, unsigned long before)
{
	currency_id cur = 0;
	const char *key = "";
	ar_err err;

	for (size_t g = 1; g < par->nw; g++) {
		struct worker *w = &par->w[g];

		if (w->rep != &w->own)
			continue;
		if ((err = aging_merge_report(par->rep, &w->own, &cur, &key)) != AR_OK)
			return err;     /* not AR_ERANGE: merge_is_safe */
		free_worker(w);
	}
	if (par->feed.progress != NULL &&
	    before / AGING_FEED_PROGRESS != par->rep->rows / AGING_FEED_PROGRESS)
		par->feed.progress(par->feed.ctx, par->rep->rows / AGING_FEED_PROGRESS * AGING_FEED_PROGRESS);
	return AR_OK;
}

ar_err
aging_parallel_feed(struct aging_parallel *par, struct csvio_reader *whole, const char *path,
    const struct csvio_opts *opts, struct ar_error *e)
{
	const char *name = csvio_name(whole);
	const struct worker *failed = NULL;
	unsigned long before = par->rep->rows;
	size_t last;
	ar_err err;

	if ((err = cut_file(par, path, opts)) != AR_OK ||
	    (err = start_workers(par, whole, path, opts)) != AR_OK ||
	    (err = run_threads(age_range, par->w, sizeof par->w[0], par->nw)) != AR_OK)
		goto out;
	if (par->w[0].err == AR_OK && par->nw > 1 && !merge_is_safe(par) &&
	    (err = read_rest_again(par, path, opts)) != AR_OK)
		goto out;
	for (last = 0; last + 1 < par->nw && par->w[last].err == AR_OK; last++)
		;
	if (par->w[last].err != AR_OK)
		failed = &par->w[last];
	if (par->keys != NULL && (err = look_for_repeats(par)) != AR_OK)
		goto out;
	if ((err = tell_in_order(par, name, last, csvio_column(whole, "line") >= 0, e)) != AR_OK)
		goto out;
	if (failed != NULL) {
		*e = failed->e;
		err = failed->err;
		goto out;
	}
	err = merge_workers(par, before);
out:
	free_workers(par);
	return err;
}
