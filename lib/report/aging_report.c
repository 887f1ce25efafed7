/* aging_report.c - an aging over a stream of items, and its CSV. */
#include "report/aging_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "report/aging_detail.h"

ar_err
aging_report_init(struct aging_report *rep, const struct aging_policy *policy,
    enum aging_group group_by, struct customer_table *customers)
{
	uint32_t only;

	memset(rep, 0, sizeof *rep);
	rep->policy = *policy;
	rep->group_by = group_by;
	rep->customers = customers;
	aging_table_init(&rep->table);
	if ((rep->groups = strtab_new(256)) == NULL)
		return AR_ENOMEM;
	/* Grouped by currency, every row has the one key "". */
	if (group_by == AGING_GROUP_CURRENCY)
		return strtab_intern(rep->groups, "", 0, &only, NULL);
	return AR_OK;
}

static void
side_free(struct aging_side *side)
{
	if (side == NULL)
		return;
	strtab_free(side->names);
	aging_table_free(&side->table);
	free(side);
}

void
aging_report_free(struct aging_report *rep)
{
	for (size_t i = 0; i < rep->n_oldest; i++)
		free(rep->oldest_docs[i]);
	free(rep->oldest_docs);
	rep->oldest_docs = NULL;
	free(rep->rows_per_key);
	rep->rows_per_key = NULL;
	side_free(rep->by_company);
	side_free(rep->by_collector);
	rep->by_company = rep->by_collector = NULL;
	for (unsigned i = 0; i < rep->inputs; i++)
		free(rep->input_names[i]);
	free(rep->input_names);
	rep->input_names = NULL;
	rep->inputs = 0;
	rep->n_oldest = rep->cap_oldest = 0;
	aging_table_free(&rep->table);
	strtab_free(rep->groups);
	rep->groups = NULL;
}

ar_err
aging_report_place(struct aging_report *rep, const struct item *it,
    uint32_t *customer, struct aging_position *pos)
{
	struct customer_hot hot;
	enum aging_date_source source;
	civil_day aged_from;
	bool added;
	ar_err err;

	err = customers_intern(rep->customers, it->customer, it->customer_len, customer, &added);
	if (err != AR_OK)
		return err;
	/* The hot half only: the cold master data is another cache miss. */
	hot = customers_hot(rep->customers, *customer);
	if ((err = aging_item_date(&rep->policy, it, hot.terms_days, &aged_from, &source)) != AR_OK)
		return err;
	rep->from_terms += source == AGING_DATE_TERMS;
	rep->credits_from_doc += source == AGING_DATE_CREDIT_DOC;
	rep->not_in_master += !hot.in_master;
	rep->currency_defaulted += it->currency_defaulted;
	*pos = aging_position_for(&rep->policy, aged_from, it->amount);
	pos->source = (int)source;
	return AR_OK;
}

const char *
aging_report_date_problem(const struct aging_report *rep)
{
	return rep->policy.basis == AGING_BASIS_DOC
	    ? "doc_date is empty (needed with --basis doc)"
	    : "due_date and doc_date are both empty";
}

/* The item's own column, else the master's value. */
static const char *
column_or_master(const struct csvio_record *rec, int col, const char *master, size_t *len)
{
	const char *s = items_field(rec, col, len);

	if (*len == 0) {
		s = master;
		*len = strlen(master);
	}
	return s;
}

/*
 * The item just added is the row's oldest overdue debit (newer: more days
 * than any before) or ties with it: keep its doc_no, the lowest on a tie.
 */
ar_err
aging_report_keep_oldest_doc(struct aging_report *rep, struct aging_row *row,
    const char *doc, size_t len, bool newer)
{
	char **slot, *copy;

	if (row->oldest_doc == 0) {
		if (rep->n_oldest == rep->cap_oldest) {
			size_t cap = rep->cap_oldest ? rep->cap_oldest * 2 : 256;
			char **docs = realloc(rep->oldest_docs, cap * sizeof *docs);

			if (docs == NULL)
				return AR_ENOMEM;
			rep->oldest_docs = docs;
			rep->cap_oldest = cap;
		}
		rep->oldest_docs[rep->n_oldest++] = NULL;
		row->oldest_doc = (uint32_t)rep->n_oldest;
		newer = true;
	}
	slot = &rep->oldest_docs[row->oldest_doc - 1];
	if (!newer && *slot != NULL && strcmp(doc, *slot) >= 0)
		return AR_OK;
	if ((copy = malloc(len + 1)) == NULL)
		return AR_ENOMEM;
	memcpy(copy, doc, len);
	copy[len] = '\0';
	free(*slot);
	*slot = copy;
	return AR_OK;
}

const char *
aging_report_oldest_doc(const struct aging_report *rep, const struct aging_row *row)
{
	if (row->oldest_doc == 0 || row->oldest_days <= 0)
		return NULL;
	return rep->oldest_docs[row->oldest_doc - 1];
}

static ar_err
side_add(struct aging_report *rep, struct aging_side **side, const char *name, size_t len,
    currency_id currency, struct aging_position pos, int64_t amount)
{
	struct aging_row *row;
	uint32_t key;

	if (*side == NULL) {
		if ((*side = calloc(1, sizeof **side)) == NULL ||
		    ((*side)->names = strtab_new(64)) == NULL)
			return AR_ENOMEM;
		aging_table_init(&(*side)->table);
	}
	if (strtab_intern((*side)->names, name, len, &key, NULL) != AR_OK ||
	    (row = aging_table_row(&(*side)->table, key, currency)) == NULL)
		return AR_ENOMEM;
	return aging_row_add(row, &rep->policy, pos, amount);
}

/* The item into the company and collector sums as well. */
static ar_err
add_to_sides(struct aging_report *rep, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it, uint32_t customer,
    struct aging_position pos)
{
	const struct customer *cust = customers_get(rep->customers, customer);
	const char *s;
	size_t len;
	ar_err err;

	s = column_or_master(rec, cols->company, cust->company, &len);
	if ((err = side_add(rep, &rep->by_company, s, len, it->currency, pos, it->amount)) != AR_OK)
		return err;
	s = column_or_master(rec, cols->collector, cust->collector, &len);
	return side_add(rep, &rep->by_collector, s, len, it->currency, pos, it->amount);
}

ar_err
aging_report_add(struct aging_report *rep, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it, uint32_t customer,
    struct aging_position pos)
{
	const struct customer *cust;
	struct aging_row *row;
	uint32_t key = 0;
	const char *s;
	size_t len;
	ar_err err;

	rep->magnitude = money_magnitude_add(rep->magnitude, money_magnitude(it->amount));
	switch (rep->group_by) {
	case AGING_GROUP_CUSTOMER:
		key = customer;
		/* Not in the master: named by its first item that has a name. */
		if (!customers_hot(rep->customers, customer).named && cols->name >= 0 &&
		    rec->field[cols->name].len > 0 &&
		    (err = customers_set_name(rep->customers, customer,
		    rec->field[cols->name].ptr, rec->field[cols->name].len)) != AR_OK)
			return err;
		break;
	case AGING_GROUP_CURRENCY:
		break;
	case AGING_GROUP_COLLECTOR:
	case AGING_GROUP_COMPANY:
		cust = customers_get(rep->customers, customer);
		s = rep->group_by == AGING_GROUP_COLLECTOR
		    ? column_or_master(rec, cols->collector, cust->collector, &len)
		    : column_or_master(rec, cols->company, cust->company, &len);
		if ((err = strtab_intern(rep->groups, s, len, &key, NULL)) != AR_OK)
			return err;
		break;
	}
	if ((row = aging_table_row(&rep->table, key, it->currency)) == NULL)
		return AR_ENOMEM;
	if (rep->track_sides && (err = add_to_sides(rep, rec, cols, it, customer, pos)) != AR_OK)
		return err;
	if (cols->dispute >= 0 && rec->field[cols->dispute].len > 0 &&
	    money_add(&row->disputed, it->amount) != AR_OK)
		return AR_ERANGE;
	if (!rep->track_oldest)
		return aging_row_add(row, &rep->policy, pos, it->amount);
	{
		int32_t before = row->oldest_days;

		if ((err = aging_row_add(row, &rep->policy, pos, it->amount)) != AR_OK)
			return err;
		if (it->amount > 0 && pos.days > 0 && pos.days >= before) {
			const char *doc = items_field(rec, cols->doc_no, &len);

			return aging_report_keep_oldest_doc(rep, row, doc, len, pos.days > before);
		}
		return AR_OK;
	}
}


/* Records looked ahead at a time; more gains nothing once the misses overlap. */
#define FEED_BATCH 64

/* One item of a batch, between placing it and adding it to its row. */
struct placed {
	const struct csvio_record *rec;
	struct item it;
	uint32_t customer;
	struct aging_position pos;
	size_t logged;          /* feed->key_log's length with its own key */
};

/*
 * A batch's items placed, added at its end, or before anything a later
 * item of it says (a bad row, a repeat, an error): what is told, and which
 * error comes first, is then the same whatever the batch, or the range of
 * a file a thread reads, begins with.
 */
struct batch {
	struct placed placed[FEED_BATCH];
	size_t done, kept;      /* placed[done .. kept) to add */
	const struct item_columns *cols;
	struct aging_key_log *log;
};

static ar_err add_item(struct aging_report *rep, const struct item_columns *cols,
    const struct placed *p, struct ar_error *e);

static ar_err
flush_batch(struct aging_report *rep, struct batch *b, struct ar_error *e)
{
	ar_err err;

	for (; b->done < b->kept; b->done++)
		if ((err = add_item(rep, b->cols, &b->placed[b->done], e)) != AR_OK) {
			/* The keys of the items after it were not reached. */
			if (b->log != NULL)
				b->log->n = b->placed[b->done].logged;
			return err;
		}
	return AR_OK;
}

/*
 * A row that cannot be aged: AR_OK when feed->bad_row skips it, else err
 * with *e.  it: the item as far as it read, NULL when its amount did not.
 */
static ar_err
bad_row(struct aging_report *rep, struct batch *b, const struct aging_feed *feed,
    const struct csvio_reader *r, long line, ar_err err, const char *what, const struct item *it,
    struct ar_error *e)
{
	ar_err flushed = flush_batch(rep, b, e);

	if (flushed != AR_OK)
		return flushed;
	if (feed->bad_row != NULL &&
	    feed->bad_row(feed->ctx, csvio_name(r), line, what) == ROW_SKIP) {
		rep->skipped++;
		if (it == NULL)
			rep->skipped_unread++;
		else if (money_add(&rep->skipped_amount[it->currency], it->amount) != AR_OK)
			rep->skipped_amount[it->currency] = it->amount < 0 ? INT64_MIN : INT64_MAX;
		return AR_OK;
	}
	return ar_error_set(e, err, line, "%s", what);
}

/* An item seen before: count it, say where, stop unless feed->duplicate goes on. */
static ar_err
check_repeat(struct aging_report *rep, struct batch *b, const struct csvio_reader *r,
    const struct csvio_record *rec, const struct item_columns *cols,
    const struct aging_feed *feed, uint64_t fingerprint, struct ar_error *e)
{
	struct item_origin here = { rep->inputs - 1, rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line };
	struct item_origin first;
	bool seen;
	ar_err err;

	if (item_keys_note_key(feed->keys, fingerprint, here, &seen, &first) != AR_OK)
		return AR_ENOMEM;
	if (!seen)
		return AR_OK;
	if ((err = flush_batch(rep, b, e)) != AR_OK)
		return err;
	rep->duplicates++;
	if (feed->duplicate != NULL && feed->duplicate(feed->ctx, csvio_name(r), rec->line,
	    rep->input_names[first.input], (long)first.line) == ROW_SKIP)
		return AR_OK;
	return aging_report_repeat_error(e, rec->line, rep->input_names[first.input],
	    (long)first.line, cols->line >= 0);
}

ar_err
aging_report_repeat_error(struct ar_error *e, long line, const char *first_input,
    long first_line, bool line_column)
{
	return ar_error_set(e, AR_ESYNTAX, line,
	    "the same item as %s:%lu (customer, company, doc_no, doc_type%s): "
	    "a file given twice? ([aging] duplicates = warn ages both)",
	    first_input, (unsigned long)first_line, line_column ? ", line" : "");
}

/* The item's fingerprint and line, in order, for a check after the range. */
static ar_err
log_key(struct aging_key_log *log, uint64_t fingerprint, long line)
{
	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 4096;
		struct aging_logged_key *k = realloc(log->key, cap * sizeof *k);

		if (k == NULL)
			return AR_ENOMEM;
		log->key = k;
		log->cap = cap;
	}
	log->key[log->n].fingerprint = fingerprint;
	log->key[log->n].line = line;
	log->n++;
	return AR_OK;
}

/*
 * Parse and place one record: its customer, days overdue and bucket, and
 * list it to the detail.  Kept in b when it is still to be added (not
 * skipped, not of another currency, not only listed).
 */
static ar_err
place_item(struct aging_report *rep, struct batch *b, const struct csvio_reader *r,
    const struct csvio_record *rec, const struct item_columns *cols,
    const struct aging_feed *feed, uint64_t fingerprint, struct ar_error *e)
{
	struct placed *p = &b->placed[b->kept];
	struct item_problem problem;
	ar_err err;

	if ((err = items_parse(rec, cols, feed->format, &p->it, &problem)) != AR_OK) {
		char msg[sizeof e->message];

		items_problem_text(&problem, msg, sizeof msg);
		/* Dates are read last: a bad date leaves the amount read. */
		return bad_row(rep, b, feed, r, rec->line, err, msg, strstr(problem.column, "date") != NULL
		    ? &p->it : NULL, e);
	}
	if (feed->keys != NULL &&
	    (err = check_repeat(rep, b, r, rec, cols, feed, fingerprint, e)) != AR_OK)
		return err;
	if (feed->key_log != NULL && fingerprint != 0 &&
	    log_key(feed->key_log, fingerprint, rec->line) != AR_OK)
		return AR_ENOMEM;
	p->logged = feed->key_log != NULL ? feed->key_log->n : 0;
	if (feed->only_currency >= 0 && p->it.currency != feed->only_currency)
		return AR_OK;
	if ((err = aging_report_place(rep, &p->it, &p->customer, &p->pos)) != AR_OK)
		return err == AR_ENOMEM ? err
		    : bad_row(rep, b, feed, r, rec->line, AR_ESYNTAX, aging_report_date_problem(rep),
		    &p->it, e);
	if (feed->detail != NULL) {
		if ((err = aging_detail_write(feed->detail, rec, cols, &p->it, p->pos, e)) != AR_OK)
			return err;
		if (feed->detail_only)
			return AR_OK;
	}
	p->rec = rec;
	aging_report_prefetch_row(rep, p->customer);
	b->kept++;
	return AR_OK;
}

static ar_err
add_item(struct aging_report *rep, const struct item_columns *cols, const struct placed *p,
    struct ar_error *e)
{
	ar_err err = aging_report_add(rep, p->rec, cols, &p->it, p->customer, p->pos);

	if (err == AR_OK || err == AR_ENOMEM)
		return err;
	return ar_error_set(e, AR_ERANGE, p->rec->line,
	    "the %s total of customer \"%s\" does not fit in 64 bits",
	    currency_code(p->it.currency), strtab_key(rep->customers->ids, p->customer));
}

/* Count a batch of n records; say so at each multiple of AGING_FEED_PROGRESS. */
static void
count_rows(struct aging_report *rep, const struct aging_feed *feed, size_t n)
{
	unsigned long before = rep->rows;

	rep->rows += n;
	if (feed->progress != NULL && before / AGING_FEED_PROGRESS != rep->rows / AGING_FEED_PROGRESS)
		feed->progress(feed->ctx, rep->rows / AGING_FEED_PROGRESS * AGING_FEED_PROGRESS);
}

/* Keep the input's name: a repeat names where the item was first seen. */
ar_err
aging_report_add_input(struct aging_report *rep, const char *name)
{
	char **names = realloc(rep->input_names, (rep->inputs + 1) * sizeof *names);

	if (names == NULL)
		return AR_ENOMEM;
	rep->input_names = names;
	if ((names[rep->inputs] = strdup(name)) == NULL)
		return AR_ENOMEM;
	rep->inputs++;
	return AR_OK;
}

ar_err
aging_report_feed(struct aging_report *rep, struct csvio_reader *r,
    const struct aging_feed *feed, struct ar_error *e)
{
	struct csvio_record recs[FEED_BATCH];
	struct batch b;
	uint64_t fingerprints[FEED_BATCH] = { 0 };
	struct item_columns cols;
	const char *missing;
	size_t n;
	ar_err err;

	if (aging_report_add_input(rep, csvio_name(r)) != AR_OK)
		return AR_ENOMEM;
	if (items_bind(r, rep->policy.basis == AGING_BASIS_DOC, &cols, &missing) != AR_OK)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", missing);
	if (feed->detail != NULL && (err = aging_detail_begin(feed->detail, r, e)) != AR_OK)
		return err;
	b.cols = &cols;
	b.log = feed->key_log;
	while ((n = csvio_read_batch(r, recs, FEED_BATCH, &err)) > 0) {
		b.done = b.kept = 0;
		count_rows(rep, feed, n);
		for (size_t i = 0; i < n; i++) {
			aging_report_prefetch_customer(rep, recs[i].field[cols.customer].ptr,
			    recs[i].field[cols.customer].len);
			if (feed->keys != NULL) {
				fingerprints[i] = item_keys_fingerprint(&recs[i], &cols);
				item_keys_prefetch(feed->keys, fingerprints[i]);
			} else if (feed->key_log != NULL) {
				fingerprints[i] = item_keys_fingerprint(&recs[i], &cols);
			}
		}
		for (size_t i = 0; i < n; i++)
			if ((err = place_item(rep, &b, r, &recs[i], &cols, feed, fingerprints[i],
			    e)) != AR_OK)
				return err;
		if ((err = flush_batch(rep, &b, e)) != AR_OK)
			return err;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}

static const char *
key_text(const void *ctx, uint32_t key)
{
	return strtab_key(ctx, key);
}

static const struct strtab *
keys_of(const struct aging_report *rep)
{
	return rep->group_by == AGING_GROUP_CUSTOMER ? rep->customers->ids : rep->groups;
}

const char *
aging_report_key(const struct aging_report *rep, const struct aging_row *row)
{
	return strtab_key(keys_of(rep), row->key);
}

ar_err
aging_report_sort(struct aging_report *rep)
{
	return aging_table_sort_by_key(&rep->table, key_text, keys_of(rep));
}

/* The least amount of currency c that converts to target or more; the search is over what converts. */
static ar_err
least_converting_to(const struct fx_rates *fx, currency_id c, int64_t target, int64_t *out)
{
	int64_t lo = 0, hi = INT64_MAX / 4, mid, v;

	/* An overflow converts to more than any target. */
	if (fx_convert(fx, hi, c, &v) == AR_OK && v < target)
		hi = INT64_MAX;   /* beyond any balance: nothing is listed */
	while (lo < hi && hi != INT64_MAX) {
		mid = lo + (hi - lo) / 2;
		if (fx_convert(fx, mid, c, &v) != AR_OK || v >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	*out = hi == INT64_MAX ? INT64_MAX : lo;
	return AR_OK;
}

ar_err
aging_report_lpd_minimums(const struct aging_report *rep, const char *min_past_due,
    const char *const *by_currency, const struct fx_rates *fx, int64_t min[CURRENCY_MAX],
    currency_id *currency, bool *which)
{
	bool seen[CURRENCY_MAX] = { false };
	int64_t target = 0;
	ar_err err;

	if (fx != NULL && min_past_due != NULL &&
	    (err = money_parse(min_past_due, strlen(min_past_due), currency_exponent(fx->reporting),
	    MONEY_DECIMAL_POINT, &target)) != AR_OK) {
		*currency = fx->reporting;
		*which = false;
		return err;
	}

	for (int c = 0; c < CURRENCY_MAX; c++)
		min[c] = 1;   /* without a minimum: anything past due */
	for (size_t i = 0; i < rep->table.n; i++) {
		currency_id c = rep->table.rows[i].currency;
		const char *text = by_currency && by_currency[c] ? by_currency[c] : min_past_due;

		if (seen[c] || text == NULL)
			continue;
		seen[c] = true;
		if (fx != NULL && text == min_past_due) {
			if (fx_rates_get(fx, c) == NULL) {
				*currency = c;
				return AR_ECURRENCY;
			}
			least_converting_to(fx, c, target, &min[c]);
			min[c] += min[c] == 0;   /* past due means more than nothing */
			continue;
		}
		err = money_parse(text, strlen(text), currency_exponent(c), MONEY_DECIMAL_POINT, &min[c]);
		if (err != AR_OK) {
			*currency = c;
			*which = text != min_past_due;
			return err;
		}
	}
	return AR_OK;
}

size_t
aging_report_rows_of(const struct aging_report *rep, uint32_t key)
{
	size_t n = 0;

	if (rep->rows_per_key != NULL)
		return key < strtab_count(keys_of(rep)) ? rep->rows_per_key[key] : 0;
	for (size_t i = 0; i < rep->table.n; i++)
		n += rep->table.rows[i].key == key;
	return n;
}

void
aging_report_lpd_by_currency(const struct ar_config *cfg, const char *by_currency[CURRENCY_MAX])
{
	char key[64];

	for (currency_id c = 0; c < CURRENCY_MAX; c++) {
		by_currency[c] = NULL;
		if (currency_code(c) == NULL)
			continue;
		snprintf(key, sizeof key, "report:lpd_min_amount.%s", currency_code(c));
		if (config_has(cfg, key))
			by_currency[c] = config_get_string(cfg, key);
	}
}

bool
aging_report_lacks_rate(const struct aging_report *rep, const struct fx_rates *fx,
    currency_id *currency)
{
	for (size_t i = 0; i < rep->table.n; i++)
		if (fx_rates_get(fx, rep->table.rows[i].currency) == NULL) {
			*currency = rep->table.rows[i].currency;
			return true;
		}
	return false;
}

ar_err
aging_report_large_past_due(struct aging_report *rep, const int64_t min[CURRENCY_MAX], size_t top)
{
	/* The cut forgets the rows it drops: count each key's first. */
	free(rep->rows_per_key);
	if ((rep->rows_per_key = calloc(strtab_count(keys_of(rep)) + 1, sizeof *rep->rows_per_key)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < rep->table.n; i++)
		rep->rows_per_key[rep->table.rows[i].key]++;
	return aging_table_large_past_due(&rep->table, min, top, key_text, keys_of(rep));
}

static void
write_count(struct csvio_writer *w, unsigned long long n)
{
	char buf[24];

	csvio_write_str(w, (snprintf(buf, sizeof buf, "%llu", n), buf));
}

static void
write_header(const struct aging_report *rep, struct csvio_writer *w,
    const struct aging_csv_opts *o)
{
	static const char *first[] = { "customer", "collector", "company", "currency" };
	char label[32];

	csvio_write_str(w, first[rep->group_by]);
	if (rep->group_by == AGING_GROUP_CUSTOMER)
		csvio_write_str(w, "name");
	if (rep->group_by != AGING_GROUP_CURRENCY)
		csvio_write_str(w, "currency");
	for (int col = 0; col < aging_columns(&rep->policy.buckets); col++) {
		aging_column_label(&rep->policy.buckets, col, label, sizeof label);
		csvio_write_str(w, label);
	}
	csvio_write_str(w, "total");
	csvio_write_str(w, "items");
	csvio_write_str(w, "oldest_days");
	if (rep->group_by == AGING_GROUP_CUSTOMER && o->master_columns) {
		csvio_write_str(w, "collector");
		csvio_write_str(w, "status");
		csvio_write_str(w, "credit_limit");
	}
	if (o->past_due)
		csvio_write_str(w, "past_due");
	csvio_end_record(w);
}

/* One row; a NULL key_text makes it a TOTAL row. */
static void
write_row(const struct aging_report *rep, struct csvio_writer *w,
    const struct aging_csv_opts *o, const struct aging_row *row, const char *key)
{
	const struct customer *cust = NULL;

	if (rep->group_by == AGING_GROUP_CUSTOMER && key != NULL)
		cust = customers_get(rep->customers, row->key);
	if (rep->group_by != AGING_GROUP_CURRENCY)
		csvio_write_str(w, key ? key : "TOTAL");
	if (rep->group_by == AGING_GROUP_CUSTOMER)
		csvio_write_str(w, cust ? cust->name : "");
	csvio_write_str(w, currency_code(row->currency));
	for (int col = 0; col < aging_columns(&rep->policy.buckets); col++)
		csvio_write_money(w, row->bucket[col], currency_exponent(row->currency));
	csvio_write_money(w, row->total, currency_exponent(row->currency));
	write_count(w, row->items);
	write_count(w, (unsigned long long)row->oldest_days);
	if (rep->group_by == AGING_GROUP_CUSTOMER && o->master_columns) {
		csvio_write_str(w, cust ? cust->collector : "");
		csvio_write_str(w, cust ? cust->status : "");
		csvio_write_str(w, cust ? cust->credit_limit : "");
	}
	if (o->past_due)
		csvio_write_money(w, row->past_due, currency_exponent(row->currency));
	csvio_end_record(w);
}

/* A TOTAL row per currency, in code order like the rows. */
static ar_err
write_totals(const struct aging_report *rep, struct csvio_writer *w,
    const struct aging_csv_opts *o, currency_id *currency)
{
	struct aging_row total[CURRENCY_MAX];
	bool seen[CURRENCY_MAX] = { false };

	memset(total, 0, sizeof total);
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *row = &rep->table.rows[i];
		struct aging_row *t = &total[row->currency];
		bool ok = true;

		seen[row->currency] = true;
		t->currency = row->currency;
		for (int col = 0; col < aging_columns(&rep->policy.buckets); col++)
			ok &= money_add(&t->bucket[col], row->bucket[col]) == AR_OK;
		ok &= money_add(&t->total, row->total) == AR_OK;
		ok &= money_add(&t->past_due, row->past_due) == AR_OK;
		if (!ok) {
			*currency = row->currency;
			return AR_ERANGE;
		}
		t->items += row->items;
		if (row->oldest_days > t->oldest_days)
			t->oldest_days = row->oldest_days;
	}
	for (;;) {
		int next = -1;

		for (int c = 0; c < CURRENCY_MAX; c++)
			if (seen[c] && (next < 0 || strcmp(currency_code(c), currency_code(next)) < 0))
				next = c;
		if (next < 0)
			return AR_OK;
		seen[next] = false;
		write_row(rep, w, o, &total[next], NULL);
	}
}

ar_err
aging_report_write_csv(const struct aging_report *rep, struct csvio_writer *w,
    const struct aging_csv_opts *o, currency_id *currency)
{
	const struct strtab *keys = keys_of(rep);

	write_header(rep, w, o);
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *row = &rep->table.rows[i];

		write_row(rep, w, o, row, strtab_key(keys, row->key));
	}
	return o->totals ? write_totals(rep, w, o, currency) : AR_OK;
}
