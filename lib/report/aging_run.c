/* aging_run.c - the rules of one ar-age run (aging_run.h). */
#include "report/aging_run.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "report/aging_merge.h"
#include "report/aging_movement.h"
#include "report/aging_parallel.h"

/* ---- errors: *e whole, file and all ---- */

static ar_err
failed(struct ar_error *e, ar_err code, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ar_err
failed(struct ar_error *e, ar_err code, const char *file, const char *fmt, ...)
{
	va_list ap;

	snprintf(e->file, sizeof e->file, "%s", file != NULL ? file : "");
	va_start(ap, fmt);
	ar_error_vset(e, code, 0, fmt, ap);
	va_end(ap);
	return code;
}

static ar_err
no_memory(struct ar_error *e)
{
	return failed(e, AR_ENOMEM, NULL, "out of memory");
}

/* A reader's error, *e filled by it: at name unless it names its own file. */
static ar_err
at_file(struct ar_error *e, ar_err err, const char *name)
{
	if (err == AR_ENOMEM)
		return no_memory(e);
	if (e->file[0] == '\0')
		snprintf(e->file, sizeof e->file, "%s", name);
	return err;
}

/* path opened as a CSV with opts. */
static ar_err
open_csv(struct csvio_reader **r, const char *path, const struct csvio_opts *opts,
    struct ar_error *e)
{
	ar_err err = csvio_reader_open(r, path, opts);

	if (err == AR_OK)
		return AR_OK;
	if (err == AR_EOPEN)
		failed(e, err, NULL, "cannot open %s: %s", path, strerror(errno));
	else if (err == AR_ENOMEM)
		no_memory(e);
	else if (*r != NULL) {
		*e = *csvio_error(*r);
		at_file(e, err, csvio_name(*r));
	} else
		failed(e, err, path, "%s", ar_strerror(err));
	csvio_reader_close(*r);
	*r = NULL;
	return err;
}

/* A call that read r stopped with err, *e saying why: r closed. */
static ar_err
input_failed(struct csvio_reader *r, ar_err err, struct ar_error *e)
{
	at_file(e, err, csvio_name(r));
	csvio_reader_close(r);
	return err;
}

/* ---- threads and rates ---- */

unsigned
aging_run_jobs(long jobs, char *const *inputs, int n, bool detail)
{
	long want = jobs > 0 ? jobs : sysconf(_SC_NPROCESSORS_ONLN);
	bool big = false;

	if (want <= 1 || detail || n == 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(inputs[i], "-") == 0 || !aging_parallel_fits(inputs[i], &big))
			return 0;
	if (!big && jobs <= 1)
		return 0;
	return (unsigned)(want > 256 ? 256 : want);
}

ar_err
aging_run_rates(struct fx_rates *rates, bool *has, const struct ar_config *cfg,
    const struct date_opts *dates, bool converts, const char *path,
    const struct csvio_opts *opts, struct ar_error *e)
{
	bool set;
	currency_id to = fx_reporting_currency(cfg, &set);
	struct csvio_reader *r;
	ar_err err;

	*has = converts && (path != NULL || set);
	if (!*has)
		return AR_OK;
	if (path == NULL) {
		if (fx_rates_from_config(rates, cfg, dates, e) != AR_OK) {
			e->file[0] = '\0';   /* its key's file and line are left out */
			e->line = 0;
			return e->code = AR_ECONFIG;
		}
		return AR_OK;
	}
	fx_rates_init(rates, to);
	if ((err = open_csv(&r, path, opts, e)) != AR_OK)
		return err;
	if ((err = fx_rates_load(rates, r, e)) != AR_OK)
		return input_failed(r, err, e);
	csvio_reader_close(r);
	return AR_OK;
}

/* ---- the large past due ---- */

void
aging_run_lpd_resolve(struct aging_run_lpd *l, const struct ar_config *cfg, bool has_rates)
{
	/* --min-past-due overrides every amount of [report], per currency too. */
	bool report_amounts = l->from_report && l->min_past_due == NULL;

	l->min_amount = report_amounts ? config_get_string(cfg, "report:lpd_min_amount")
	    : l->min_past_due;
	l->in_reporting = has_rates && report_amounts;
	if (report_amounts)
		aging_report_lpd_by_currency(cfg, l->by_currency);
	else
		memset(l->by_currency, 0, sizeof l->by_currency);
}

/* A currency of the aging without a rate to the reporting currency. */
static ar_err
no_rate(const struct aging_run_outputs *o, currency_id cur, struct ar_error *e)
{
	const char *code = currency_code(cur), *to = currency_code(o->rates->reporting);

	if (o->rates_path != NULL)
		return failed(e, AR_ECURRENCY, o->rates_path, "no rate for %s to %s", code, to);
	return failed(e, AR_ECONFIG, NULL, "no rate for %s to [report] currency %s: add "
	    "[currency.%s] rate to ar.ini, or give --rates", code, to, code);
}

/* Each currency's minimum past due for the rows of rep under o->lpd. */
static ar_err
lpd_minimums(const struct aging_run_outputs *o, const struct aging_report *rep,
    int64_t min[CURRENCY_MAX], struct ar_error *e)
{
	const struct aging_run_lpd *l = o->lpd;
	bool per_currency = false;
	currency_id cur = 0;
	ar_err err = aging_report_lpd_minimums(rep, l->min_amount, l->by_currency,
	    l->in_reporting ? o->rates : NULL, min, &cur, &per_currency);
	const char *code;

	if (err == AR_OK)
		return AR_OK;
	if (err == AR_ECURRENCY)
		return no_rate(o, cur, e);
	code = currency_code(cur);
	if (l->min_past_due != NULL)
		return failed(e, AR_EUSAGE, NULL, "--min-past-due \"%s\" is not an amount in %s",
		    l->min_amount, code);
	return failed(e, AR_ECONFIG, NULL, "[report] lpd_min_amount%s%s \"%s\" is not an amount in %s",
	    per_currency ? "." : "", per_currency ? code : "",
	    per_currency ? l->by_currency[cur] : l->min_amount, code);
}

/* ---- the report ---- */

/* The workbook could not be written: its own words. */
static ar_err
xlsx_failed(const struct aging_run_outputs *o, ar_err err, struct ar_error *e)
{
	return failed(e, err == AR_ERANGE || err == AR_ENOMEM ? err : AR_EIO, o->xlsx_path, "%s",
	    aging_xlsx_error(o->xlsx)->message);
}

static ar_err
write_csv(const struct aging_report *rep, const struct aging_run_outputs *o, struct ar_error *e)
{
	currency_id cur = 0;

	if (aging_report_write_csv(rep, o->csv, &o->csv_opts, &cur) != AR_OK)
		return failed(e, AR_ERANGE, NULL, "the %s total does not fit in 64 bits",
		    currency_code(cur));
	return AR_OK;
}

/* The Movement sheet: this aging (whole, before the large-past-due cut) against the previous. */
static ar_err
write_movement(const struct aging_report *rep, const struct aging_run_outputs *o,
    struct ar_error *e)
{
	struct aging_movement_previous prev = { 0 };
	struct aging_movement m = { 0 };
	struct csvio_reader *r;
	ar_err err;

	if ((err = open_csv(&r, o->previous_path, o->previous_opts, e)) != AR_OK)
		return err;
	if ((err = aging_movement_previous_load(&prev, &rep->policy.buckets, r, e)) != AR_OK) {
		aging_movement_previous_free(&prev);
		return input_failed(r, err, e);
	}
	csvio_reader_close(r);
	if ((err = aging_movement_compare(&m, rep, &prev, e)) != AR_OK) {
		aging_movement_previous_free(&prev);
		return at_file(e, err, o->previous_path);
	}
	err = aging_xlsx_write_movement(o->xlsx, rep, &m);
	aging_movement_free(&m);
	aging_movement_previous_free(&prev);
	return err != AR_OK ? xlsx_failed(o, err, e) : AR_OK;
}

ar_err
aging_run_write(struct aging_report *rep, const struct aging_run_outputs *o, struct ar_error *e)
{
	bool lpd_csv = o->csv_opts.past_due;
	int64_t minimum[CURRENCY_MAX];
	currency_id cur;
	ar_err err;

	if ((o->xlsx != NULL || !lpd_csv) && aging_report_sort(rep) != AR_OK)
		return no_memory(e);
	if (o->rates != NULL && aging_report_lacks_rate(rep, o->rates, &cur))
		return no_rate(o, cur, e);
	if (o->xlsx != NULL && (err = aging_xlsx_write_aging(o->xlsx, rep)) != AR_OK)
		return xlsx_failed(o, err, e);
	if (o->previous_path != NULL && (err = write_movement(rep, o, e)) != AR_OK)
		return err;
	if (o->csv != NULL && !lpd_csv && (err = write_csv(rep, o, e)) != AR_OK)
		return err;
	if (!lpd_csv && o->xlsx == NULL)
		return AR_OK;
	if ((err = lpd_minimums(o, rep, minimum, e)) != AR_OK)
		return err;
	if (aging_report_large_past_due(rep, minimum, o->top) != AR_OK)
		return no_memory(e);
	if (lpd_csv && (err = write_csv(rep, o, e)) != AR_OK)
		return err;
	if (o->xlsx != NULL && (err = aging_xlsx_write_lpd(o->xlsx, rep, o->journal)) != AR_OK)
		return xlsx_failed(o, err, e);
	return AR_OK;
}

/* ---- partials ---- */

bool
aging_run_untrack_sides(struct aging_report *rep, const struct csvio_reader *r, bool same_columns)
{
	const struct customer_table *master = rep->customers;

	if (!rep->track_sides || !same_columns || rep->group_by != AGING_GROUP_CUSTOMER ||
	    csvio_column(r, "company") >= 0 || csvio_column(r, "collector") >= 0)
		return false;
	for (size_t id = 0; id < strtab_count(master->ids); id++) {
		const struct customer *c = customers_get(master, (uint32_t)id);

		if (c->company[0] != '\0' || c->collector[0] != '\0')
			return false;
	}
	rep->track_sides = false;
	return true;
}

/* Every item's company and collector is "": those sums are each currency's rows. */
static ar_err
make_sides(struct aging_report *rep, struct ar_error *e)
{
	for (size_t i = 0; i < rep->table.n; i++) {
		struct aging_row row = rep->table.rows[i];
		ar_err err;

		row.disputed = 0;
		if ((err = aging_merge_side(rep, AGING_SIDE_COMPANY, "", 0, &row)) != AR_OK ||
		    (err = aging_merge_side(rep, AGING_SIDE_COLLECTOR, "", 0, &row)) != AR_OK)
			return err == AR_ERANGE ? failed(e, err, NULL, "the %s total does not fit "
			    "in 64 bits", currency_code(row.currency)) : no_memory(e);
	}
	rep->track_sides = true;
	return AR_OK;
}

ar_err
aging_run_write_partial(FILE *fp, struct aging_report *rep,
    const struct aging_partial_policy *p, bool sides_from_rows, struct ar_error *e)
{
	ar_err err;

	if (sides_from_rows && (err = make_sides(rep, e)) != AR_OK)
		return err;
	return aging_partial_write(fp, rep, p) != AR_OK ? no_memory(e) : AR_OK;
}

ar_err
aging_run_check_partials(const struct aging_partial_merge *m,
    const struct aging_run_given *given, struct ar_error *e)
{
	static const struct { const char *word, *option; } words[] = {
		{ ";as_of=", "--as-of" }, { ";basis=", "--basis" }, { ";credits=", "--credits" },
		{ ";buckets=", "--buckets" }, { ";group=", "--group-by" }, { ";currency=", "--currency" }
	};
	const struct aging_partial_policy *p = &m->policy;
	const struct aging_policy *mine = given->policy;
	struct aging_partial_policy over = *p;
	char text[AGING_PARTIAL_POLICY_MAX];

	/* The options given over the partials' policy, its text compared word by word. */
	over.aging.as_of = given->as_of ? mine->as_of : p->aging.as_of;
	over.aging.basis = given->basis ? mine->basis : p->aging.basis;
	over.aging.credits = given->credits ? mine->credits : p->aging.credits;
	over.aging.buckets = given->buckets ? mine->buckets : p->aging.buckets;
	over.group_by = given->group_by ? given->group : p->group_by;
	over.only_currency = given->currency ? given->only_currency : p->only_currency;
	aging_partial_policy_text(&over, text);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *a = strstr(text, words[i].word) + 1, *b = strstr(m->policy_text, words[i].word) + 1;
		int la = (int)strcspn(a, ";"), lb = (int)strcspn(b, ";");
		int key = (int)strlen(words[i].word) - 1;

		if (la != lb || memcmp(a, b, (size_t)la) != 0)
			return failed(e, AR_EUSAGE, NULL, "%s %.*s contradicts the partials' %.*s%s",
			    words[i].option, la - key, a + key, lb, b, lb == key ? " (none given)" : "");
	}
	if (given->past_due && p->aging.past_due_days != mine->past_due_days)
		return failed(e, AR_EUSAGE, NULL, "the partials' past_due_days=%d is not this run's %d "
		    "(--min-days, else [report] lpd_min_days): give the mappers --min-days %d",
		    p->aging.past_due_days, mine->past_due_days, mine->past_due_days);
	if (given->xlsx && p->group_by != AGING_GROUP_CUSTOMER)
		return failed(e, AR_EUSAGE, NULL, "%s",
		    "--xlsx writes the aging by customer: the partials are grouped otherwise");
	if (given->totals && p->group_by == AGING_GROUP_CURRENCY)
		return failed(e, AR_EUSAGE, NULL, "%s", "--totals adds nothing to partials grouped "
		    "by currency: each row is already the total of its currency");
	return AR_OK;
}

ar_err
aging_run_merge(struct aging_partial_merge *m, char *const *files, int n,
    const struct aging_run_given *given, struct ar_error *e)
{
	size_t len;
	ar_err err;

	for (int i = 0; i < n || (i == 0 && n == 0); i++) {
		const char *path = i < n && strcmp(files[i], "-") != 0 ? files[i] : NULL;
		FILE *fp = path ? fopen(path, "r") : stdin;

		if (fp == NULL)
			return failed(e, AR_EOPEN, NULL, "cannot open %s: %s", path, strerror(errno));
		err = aging_partial_merge_read(m, fp, path ? path : "<stdin>", e);
		if (fp != stdin)
			fclose(fp);
		if (err != AR_OK)
			return at_file(e, err, path ? path : "<stdin>");
	}
	aging_partial_merge_end(m);
	if (!m->begun || (err = aging_run_check_partials(m, given, e)) == AR_OK)
		return AR_OK;
	len = strlen(e->message);
	snprintf(e->message + len, sizeof e->message - len, " (%s:%ld)", m->first_input,
	    m->first_line);
	return err;
}

/* ---- the notes ---- */

#define STR_(x) #x
#define STR(x) STR_(x)

size_t
aging_run_notes(const struct aging_report *rep, const char *customers_path,
    currency_id default_currency, unsigned long skipped,
    char notes[AGING_RUN_NOTES][AGING_RUN_NOTE_MAX])
{
	const size_t cap = AGING_RUN_NOTE_MAX;
	size_t n = 0;

	if (rep->from_terms)
		snprintf(notes[n++], cap, "%lu item%s without due_date aged from doc_date + terms",
		    rep->from_terms, rep->from_terms == 1 ? "" : "s");
	if (rep->credits_from_doc)
		snprintf(notes[n++], cap, "%lu credit%s without due_date aged from doc_date",
		    rep->credits_from_doc, rep->credits_from_doc == 1 ? "" : "s");
	if (customers_path && rep->not_in_master) {
		size_t missing = strtab_count(rep->customers->ids) - rep->customers->in_master;

		snprintf(notes[n++], cap, "%lu item%s of %zu customer%s not in %s (aged all the same)",
		    rep->not_in_master, rep->not_in_master == 1 ? "" : "s",
		    missing, missing == 1 ? "" : "s", customers_path);
	}
	if (rep->currency_defaulted)
		snprintf(notes[n++], cap, "%lu item%s without currency taken as %s ([company] "
		    "default_currency)", rep->currency_defaulted, rep->currency_defaulted == 1 ? "" : "s",
		    currency_code(default_currency));
	if (rep->duplicates)
		snprintf(notes[n++], cap, "%lu item%s seen twice, aged twice%s (set [aging] duplicates "
		    "= error to stop)", rep->duplicates, rep->duplicates == 1 ? "" : "s",
		    rep->duplicates > AGING_RUN_REPEATS_SAID
		    ? ", the first " STR(AGING_RUN_REPEATS_SAID) " named above" : "");
	if (skipped)
		snprintf(notes[n++], cap, "%lu bad row%s skipped", skipped, skipped == 1 ? "" : "s");
	return n;
}
