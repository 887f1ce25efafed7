/* ctos_journal.c - the journal's notices, payments and disputes for ar-ctos (ctos_journal.h). */
#include "ar/ctos_journal.h"

#include <stdlib.h>
#include <string.h>

#include "ar/journal.h"
#include "ar/legal.h"
#include "core/strtab.h"

struct held_facts {
	struct ctos_journal_facts f;
	char *ref;
};

struct ctos_journal {
	struct ctos_policy policy;
	civil_day as_of;
	struct journal *disputes;
	struct strtab *ids;
	struct held_facts *facts;          /* facts[id] */
	size_t cap;
};

struct ctos_journal *
ctos_journal_new(const struct ctos_policy *p, civil_day as_of, currency_id default_currency)
{
	struct ctos_journal *j = calloc(1, sizeof *j);

	if (j == NULL)
		return NULL;
	j->policy = *p;
	j->as_of = as_of;
	if ((j->ids = strtab_new(256)) == NULL ||
	    journal_new(&j->disputes, as_of, default_currency) != AR_OK) {
		ctos_journal_free(j);
		return NULL;
	}
	return j;
}

void
ctos_journal_free(struct ctos_journal *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; j->ids != NULL && i < strtab_count(j->ids); i++)
		free(j->facts[i].ref);
	free(j->facts);
	strtab_free(j->ids);
	journal_free(j->disputes);
	free(j);
}

static struct held_facts *
facts_of(struct ctos_journal *j, const char *customer, size_t len)
{
	uint32_t id;
	bool added;

	if (strtab_intern(j->ids, customer, len, &id, &added) != AR_OK)
		return NULL;
	if (id >= j->cap) {
		size_t cap = j->cap ? 2 * j->cap : 64;
		struct held_facts *f = realloc(j->facts, cap * sizeof *f);

		if (f == NULL)
			return NULL;
		j->facts = f;
		j->cap = cap;
	}
	if (added)
		j->facts[id] = (struct held_facts){ { DATE_NONE, "", DATE_NONE, DATE_NONE, DATE_NONE },
		    NULL };
	return &j->facts[id];
}

static bool
field_is(const struct csvio_record *rec, int col, const char *word)
{
	size_t len;
	const char *s = items_field(rec, col, &len);

	return len == strlen(word) && memcmp(s, word, len) == 0;
}

/* A notice or a payment in a row journal_add took. */
/* A stage of a legal case at or past its judgment: the stage's level meets its type's. */
static bool
judgment_row(const struct csvio_record *rec, const struct journal_columns *cols, int channel_col)
{
	size_t len, dlen, clen;
	const char *level = items_field(rec, cols->level, &len);
	const char *doc = items_field(rec, cols->doc_no, &dlen);
	const char *type = items_field(rec, channel_col, &clen);
	enum legal_type t;
	long stage;

	if (!field_is(rec, cols->action, "legal_stage") || len == 0 ||
	    !legal_case_id_valid(doc, dlen) || !legal_type_parse(type, clen, &t))
		return false;
	stage = strtol(level, NULL, 10);
	return stage >= legal_judgment_level(t) && !legal_level_ends((int)stage);
}

static ar_err
note_row(struct ctos_journal *j, const struct csvio_record *rec,
    const struct journal_columns *cols, int ref_col, int channel_col,
    const struct item_format *fmt)
{
	size_t len, clen;
	const char *s = items_field(rec, cols->date, &len);
	const char *customer = items_field(rec, cols->customer, &clen);
	struct held_facts *h;
	civil_day day;
	bool notice, paid, judgment = judgment_row(rec, cols, channel_col);

	notice = field_is(rec, cols->action, "ctos_notice");
	if (!notice && j->policy.notice_level > 0 && field_is(rec, cols->action, "letter")) {
		size_t llen;
		const char *l = items_field(rec, cols->level, &llen);

		notice = llen > 0 && strtol(l, NULL, 10) == j->policy.notice_level;
	}
	paid = field_is(rec, cols->action, "promise_kept");
	if (!notice && !paid && !judgment)
		return AR_OK;
	/* journal_add read the date already: it reads. */
	if (date_parse(s, len, &fmt->dates, &day) != AR_OK || day > j->as_of)
		return AR_OK;
	if ((h = facts_of(j, customer, clen)) == NULL)
		return AR_ENOMEM;
	if (paid) {
		if (h->f.paid_date == DATE_NONE || day > h->f.paid_date)
			h->f.paid_date = day;
		return AR_OK;
	}
	if (judgment) {
		if (h->f.judgment_date == DATE_NONE || day < h->f.judgment_date)
			h->f.judgment_date = day;
		return AR_OK;
	}
	if (h->f.notice_latest == DATE_NONE || day > h->f.notice_latest)
		h->f.notice_latest = day;
	if (day <= j->as_of - j->policy.notice_days &&
	    (h->f.notice_date == DATE_NONE || day >= h->f.notice_date)) {
		const char *ref = items_field(rec, ref_col, &len);
		char *copy = malloc(len + 1);

		if (copy == NULL)
			return AR_ENOMEM;
		memcpy(copy, ref, len);
		copy[len] = '\0';
		free(h->ref);
		h->ref = copy;
		h->f.notice_ref = copy;
		h->f.notice_date = day;
	}
	return AR_OK;
}

ar_err
ctos_journal_load(struct ctos_journal *j, struct csvio_reader *r, const struct item_format *fmt,
    struct ar_error *e)
{
	struct journal_columns cols;
	struct csvio_record rec;
	const char *missing;
	int ref_col = csvio_column(r, "ref"), channel_col = csvio_column(r, "channel");
	ar_err err;

	if (journal_bind(r, &cols, &missing) != AR_OK)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", missing);
	while ((err = csvio_read(r, &rec)) == AR_OK)
		if ((err = journal_add(j->disputes, &rec, &cols, fmt, e)) != AR_OK ||
		    (err = note_row(j, &rec, &cols, ref_col, channel_col, fmt)) != AR_OK)
			return err;
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}

const struct ctos_journal_facts *
ctos_journal_find(const struct ctos_journal *j, const char *customer, size_t len)
{
	uint32_t id;

	return strtab_find(j->ids, customer, len, &id) ? &j->facts[id].f : NULL;
}

bool
ctos_journal_disputed(struct ctos_journal *j, const char *customer, size_t len,
    const char *doc_no, size_t dlen)
{
	return journal_disputed(j->disputes, customer, len, doc_no, dlen);
}
