/*
 * fuzz_age_jobs.c - libFuzzer target: ar-age --jobs N gives what --jobs 1
 * gives (issue 20), at the library: aging_parallel_feed over a file against
 * aging_report_feed of one reader of the same file, as cmd/ar-age.c's
 * age_file takes either.
 *
 * Input: the items CSV itself, so that the seeds are plain files.  Its first
 * byte, xor 'c' (a header that begins "customer" gives 0, ar-age's
 * defaults), chooses: bit 0 the second job count (2 or 3; 4 is always
 * run) and the workbook's figures (--xlsx: oldest documents, company and
 * collector sides; compared too), bits 1-2 --group-by, bit 3 --basis doc,
 * bit 4 --credits current, bit 5 --totals, bit 6 no customer master,
 * bit 7 a repeat stops the read ([aging] duplicates = error).
 *
 * With --skip-bad (bad rows told and skipped) at both job counts, then,
 * when there was a bad row to stop at, without it (the first stops the
 * read) at 4; repeats always looked for.  Compared: the return, the
 * message as ar-age prints it, the bad rows and repeats told in order, and
 * on success the counts ar-age reports and the aging CSV.  A difference:
 * both printed, abort().
 */
#include "ar/customers.h"
#include "ar/item_keys.h"
#include "core/csvio.h"
#include "report/aging_parallel.h"
#include "report/aging_report.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A master for some of the examples' customers: names and terms lent to the threads. */
static const char master_csv[] =
    "customer,name,terms_days,collector,status,credit_limit\n"
    "100101,Sinar Jaya Trading Sdn. Bhd.,30,Nurul Aina,active,80000.00\n"
    "100102,\"Tan, Lim & Partners Sdn. Bhd.\",45,Lim Mei Ling,active,120000.00\n"
    "C1,\"Multi\nline\",,,blocked,\n";

/* What one run said and made: compared as text, printed as text. */
struct outcome {
	ar_err err;
	unsigned long bad_rows;  /* told to tell_bad */
	char *told, *csv;       /* callbacks in order; counts + aging CSV on success */
	size_t told_len, csv_len;
	FILE *told_fp;
};

struct choice {
	enum aging_group group_by;
	bool totals, master, skip_bad, workbook, repeats_stop;
	struct aging_policy policy;
	struct item_format format;
};

static char path[64];
static int fd = -1;

static void
remove_file(void)
{
	unlink(path);
}

/* The input in a regular file of this process's own: aging_parallel maps a path. */
static void
write_input(const uint8_t *data, size_t size)
{
	if (fd < 0) {
		snprintf(path, sizeof path, "/tmp/fuzz_age_jobs.XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			abort();
		atexit(remove_file);
	}
	if (ftruncate(fd, 0) != 0 || (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
}

static enum row_action
tell_bad(void *ctx, const char *input, long line, const char *what)
{
	((struct outcome *)ctx)->bad_rows++;
	fprintf(((struct outcome *)ctx)->told_fp, "bad %s:%ld: %s\n", input, line, what);
	return ROW_SKIP;
}

static enum row_action
tell_repeat(void *ctx, const char *input, long line, const char *first_input, long first_line)
{
	fprintf(((struct outcome *)ctx)->told_fp, "repeat %s:%ld first %s:%ld\n",
	    input, line, first_input, first_line);
	return ROW_SKIP;
}

static enum row_action
stop_repeat(void *ctx, const char *input, long line, const char *first_input, long first_line)
{
	tell_repeat(ctx, input, line, first_input, first_line);
	return ROW_STOP;
}

static const char *
side_key(const void *names, uint32_t key)
{
	return strtab_key(names, key);
}

/*
 * A table's rows, every figure: the workbook's besides the CSV's (past_due,
 * disputed, oldest document).  Sorted first: the threads' merge need not
 * keep the order rows were made in, only what they hold.
 */
static void
dump_table(FILE *fp, const struct aging_report *rep, struct aging_side *side)
{
	struct aging_table *t = side ? &side->table : (struct aging_table *)&rep->table;

	if (side && aging_table_sort_by_key(t, side_key, side->names) != AR_OK)
		abort();
	for (size_t i = 0; i < t->n; i++) {
		const struct aging_row *row = &t->rows[i];
		const char *doc = side ? NULL : aging_report_oldest_doc(rep, row);

		fprintf(fp, "%s %s", side ? strtab_key(side->names, row->key) : aging_report_key(rep, row),
		    currency_code(row->currency));
		for (int b = 0; b <= rep->policy.buckets.n + 1; b++)
			fprintf(fp, " %lld", (long long)row->bucket[b]);
		fprintf(fp, " %lld %lld %lld %llu %d %s\n", (long long)row->total,
		    (long long)row->past_due, (long long)row->disputed,
		    (unsigned long long)row->items, (int)row->oldest_days, doc ? doc : "-");
	}
}

static void
load_master(struct customer_table *t)
{
	FILE *fp = fmemopen((void *)master_csv, sizeof master_csv - 1, "r");
	struct csvio_opts o = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e = { 0 };

	if (fp == NULL || csvio_reader_from_stream(&r, fp, "master", &o) != AR_OK ||
	    customers_load(t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

/*
 * One run over the file: jobs 0 is one reader (aging_report_feed), else
 * aging_parallel with that many threads.  The file's reader is opened
 * first either way, as age_file does; the caller has checked it opens.
 */
static void
run(const struct choice *c, unsigned jobs, struct outcome *out)
{
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct customer_table customers;
	struct aging_report rep;
	struct aging_feed feed = { 0 };
	struct aging_parallel *par = NULL;
	struct csvio_reader *r;
	struct ar_error e = { 0 };
	FILE *csv_fp;

	memset(out, 0, sizeof *out);
	if ((out->told_fp = open_memstream(&out->told, &out->told_len)) == NULL ||
	    (csv_fp = open_memstream(&out->csv, &out->csv_len)) == NULL ||
	    customers_init(&customers, 64) != AR_OK)
		abort();
	if (c->master)
		load_master(&customers);
	if (aging_report_init(&rep, &c->policy, c->group_by, &customers) != AR_OK)
		abort();
	rep.track_oldest = rep.track_sides = c->workbook;  /* before the first item */
	feed.format = &c->format;
	feed.only_currency = -1;
	feed.bad_row = c->skip_bad ? tell_bad : NULL;
	feed.keys = item_keys_new();
	feed.duplicate = c->repeats_stop ? stop_repeat : tell_repeat;
	feed.ctx = out;
	if (feed.keys == NULL || csvio_reader_open(&r, path, &copts) != AR_OK)
		abort();
	if (jobs > 0) {
		if ((par = aging_parallel_new(&rep, &feed, jobs)) == NULL)
			abort();
		out->err = aging_parallel_feed(par, r, path, &copts, &e);
	} else {
		out->err = aging_report_feed(&rep, r, &feed, &e);
	}
	if (out->err != AR_OK) {
		/* As diag_report words it: the file's name unless e names another. */
		fprintf(out->told_fp, "error %d %s:%ld: %s\n", (int)out->err,
		    e.file[0] ? e.file : csvio_name(r), e.line,
		    e.message[0] ? e.message : ar_strerror(e.code));
	} else {
		/* The counts ar-age's report() prints, then write_aging's CSV. */
		struct aging_csv_opts o = { c->master && c->group_by == AGING_GROUP_CUSTOMER,
			false, c->totals };
		struct csvio_writer w;
		currency_id cur = -1;
		ar_err werr;

		fprintf(csv_fp, "terms %lu credits_doc %lu not_in_master %lu defaulted %lu "
		    "duplicates %lu skipped %lu\n", rep.from_terms, rep.credits_from_doc,
		    rep.not_in_master, rep.currency_defaulted, rep.duplicates, rep.skipped);
		if (aging_report_sort(&rep) != AR_OK)
			abort();
		csvio_writer_init(&w, csv_fp, ',', false);
		werr = aging_report_write_csv(&rep, &w, &o, &cur);
		fprintf(csv_fp, "write %d %d\n", (int)werr, werr != AR_OK ? (int)cur : -1);
		if (c->workbook) {
			dump_table(csv_fp, &rep, NULL);
			dump_table(csv_fp, &rep, rep.by_company);
			dump_table(csv_fp, &rep, rep.by_collector);
		}
	}
	csvio_reader_close(r);
	aging_parallel_free(par);
	item_keys_free(feed.keys);
	aging_report_free(&rep);
	customers_free(&customers);
	if (fclose(out->told_fp) != 0 || fclose(csv_fp) != 0)
		abort();
}

static bool
same(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

static void
compare(const struct choice *c, unsigned jobs, const struct outcome *one,
    const struct outcome *par)
{
	if (one->err == par->err && same(one->told, one->told_len, par->told, par->told_len) &&
	    same(one->csv, one->csv_len, par->csv, par->csv_len))
		return;
	fprintf(stderr, "fuzz_age_jobs: --jobs %u differs from one reader "
	    "(group %d totals %d master %d skip_bad %d basis %d credits %d workbook %d "
	    "repeats_stop %d)\n", jobs, (int)c->group_by, c->totals, c->master, c->skip_bad,
	    (int)c->policy.basis, (int)c->policy.credits, c->workbook, c->repeats_stop);
	fprintf(stderr, "--- one reader: %d\n%.*s%.*s", (int)one->err, (int)one->told_len,
	    one->told, (int)one->csv_len, one->csv);
	fprintf(stderr, "--- --jobs %u: %d\n%.*s%.*s", jobs, (int)par->err, (int)par->told_len,
	    par->told, (int)par->csv_len, par->csv);
	abort();
}

static void
free_outcome(struct outcome *o)
{
	free(o->told);
	free(o->csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvio_opts copts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct choice c = { 0 };
	unsigned opt = size > 0 ? (unsigned)(data[0] ^ 'c') : 0;
	unsigned jobs[2] = { 4, 2 + (opt & 1) };
	ar_err open_err;

	write_input(data, size);
	/* A file whose header does not read fails in age_file's open_input, before either way. */
	open_err = csvio_reader_open(&r, path, &copts);
	csvio_reader_close(r);
	if (open_err != AR_OK)
		return 0;

	c.group_by = (enum aging_group)((opt >> 1) & 3);
	c.totals = (opt & 32) && c.group_by != AGING_GROUP_CURRENCY;  /* as ar-age refuses */
	c.master = !(opt & 64);
	c.workbook = opt & 1;
	c.repeats_stop = opt & 128;
	c.policy.basis = (opt & 8) ? AGING_BASIS_DOC : AGING_BASIS_DUE;
	c.policy.credits = (opt & 16) ? AGING_CREDITS_CURRENT : AGING_CREDITS_OWN_DATE;
	c.policy.default_terms_days = 30;                /* ar.ini's defaults */
	if (date_from_ymd(2026, 11, 30, &c.policy.as_of) != AR_OK ||
	    aging_buckets_parse("30,60,90,120", &c.policy.buckets) != AR_OK ||
	    currency_lookup("MYR", 3, &c.format.default_currency) != AR_OK)
		abort();
	c.format.decimal = MONEY_DECIMAL_POINT;
	c.format.dates = (struct date_opts)DATE_OPTS_DEFAULT;
	c.format.has_default_currency = true;

	/* Without a bad row, bad_row NULL reads as --skip-bad does: nothing new to compare. */
	for (int skip = 1; skip >= 0; skip--) {
		struct outcome one, par;
		bool told_bad;

		c.skip_bad = skip;
		run(&c, 0, &one);
		for (size_t j = 0; j < (skip ? 2u : 1u); j++) {
			run(&c, jobs[j], &par);
			compare(&c, jobs[j], &one, &par);
			free_outcome(&par);
		}
		told_bad = one.bad_rows > 0;
		free_outcome(&one);
		if (!told_bad)
			break;
	}
	return 0;
}
