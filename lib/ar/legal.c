/* legal.c - legal cases: stages, their order, the register from the journal (legal.h). */
#include "ar/legal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/money.h"
#include "core/strtab.h"
#include "core/utf8.h"

const char *const legal_type_words[] = {
	"civil", "winding_up", "bankruptcy", "arbitration", NULL
};

#define PATH_MAX_STAGES 5

/* Each type's path after opened: level 2 is [0]. */
static const char *const paths[LEGAL_NTYPES][PATH_MAX_STAGES + 1] = {
	{ "lod_sent", "writ_filed", "served", "judgment", "enforcement", NULL },
	{ "s466_notice", "petition_filed", "advertised", "hearing", "order", NULL },
	{ "bankruptcy_notice", "creditors_petition", "served", "hearing", "order", NULL },
	{ "notice_of_arbitration", "tribunal_constituted", "hearing", "award", "enforcement", NULL },
};

/* The stage of each type from which it holds a judgment or its like. */
static const char *const judgment_words[LEGAL_NTYPES] = {
	"judgment", "order", "order", "award"
};

static const char *const end_words[] = { "settled", "closed", "withdrawn" };

static bool
word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

bool
legal_type_parse(const char *s, size_t len, enum legal_type *out)
{
	for (int t = 0; t < LEGAL_NTYPES; t++)
		if (word_is(s, len, legal_type_words[t])) {
			*out = (enum legal_type)t;
			return true;
		}
	return false;
}

static size_t
path_length(enum legal_type t)
{
	size_t n = 0;

	while (paths[t][n] != NULL)
		n++;
	return n;
}

int
legal_stage_level(enum legal_type t, const char *s, size_t len)
{
	if ((unsigned)t >= LEGAL_NTYPES)
		return 0;
	if (word_is(s, len, "opened"))
		return LEGAL_LEVEL_OPENED;
	for (size_t i = 0; paths[t][i] != NULL; i++)
		if (word_is(s, len, paths[t][i]))
			return (int)i + 2;
	for (int i = 0; i < 3; i++)
		if (word_is(s, len, end_words[i]))
			return LEGAL_LEVEL_SETTLED + i;
	return 0;
}

const char *
legal_stage_word(enum legal_type t, int level)
{
	if ((unsigned)t >= LEGAL_NTYPES)
		return NULL;
	if (level == LEGAL_LEVEL_OPENED)
		return "opened";
	if (level >= 2 && (size_t)(level - 2) < path_length(t))
		return paths[t][level - 2];
	if (legal_level_ends(level))
		return end_words[level - LEGAL_LEVEL_SETTLED];
	return NULL;
}

bool
legal_level_ends(int level)
{
	return level >= LEGAL_LEVEL_SETTLED && level <= LEGAL_LEVEL_WITHDRAWN;
}

int
legal_judgment_level(enum legal_type t)
{
	const char *w = judgment_words[t];

	return legal_stage_level(t, w, strlen(w));
}

void
legal_stage_list(enum legal_type t, char *buf, size_t cap)
{
	size_t len = 0;

	if (cap == 0)
		return;
	buf[0] = '\0';
	for (int level = 2; level <= LEGAL_LEVEL_WITHDRAWN && len < cap; level++) {
		const char *w = legal_stage_word(t, level);

		if (w != NULL)
			len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", w);
	}
}

enum legal_order
legal_stage_order(enum legal_type t, int current, int next)
{
	if (next == LEGAL_LEVEL_OPENED || legal_stage_word(t, next) == NULL)
		return LEGAL_NOT_A_STAGE;
	if (legal_level_ends(current))
		return LEGAL_ENDED;
	if (legal_level_ends(next) || next == current + 1 ||
	    (next == current && current != LEGAL_LEVEL_OPENED))
		return LEGAL_IN_ORDER;
	return LEGAL_OUT_OF_ORDER;
}

static bool
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

ar_err
legal_ref_check(const char *ref, struct ar_error *e)
{
	size_t len = strlen(ref);
	bool digit = false;

	if (len < 3 || len > 64)
		return ar_error_set(e, AR_ESYNTAX, 0, "e-filing reference \"%s\" is not 3 to 64 "
		    "characters long (such as WA-22NCvC-123-01/2026)", ref);
	if (!ascii_alnum((unsigned char)ref[0]))
		return ar_error_set(e, AR_ESYNTAX, 0, "e-filing reference \"%s\" does not begin "
		    "with a letter or digit (such as WA-22NCvC-123-01/2026)", ref);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (c >= '0' && c <= '9')
			digit = true;
		if (!ascii_alnum(c) && strchr("-/.()", c) == NULL)
			return ar_error_set(e, AR_ESYNTAX, 0, "e-filing reference \"%s\" holds "
			    "\"%c\" (expected letters, digits and - / . ( ) only, such as "
			    "WA-22NCvC-123-01/2026)", ref, c >= 0x20 && c < 0x7f ? c : '?');
	}
	if (!digit)
		return ar_error_set(e, AR_ESYNTAX, 0, "e-filing reference \"%s\" holds no digit "
		    "(such as WA-22NCvC-123-01/2026)", ref);
	return AR_OK;
}

ar_err
legal_text_check(const char *what, const char *text, struct ar_error *e)
{
	size_t len = strlen(text);

	if (len == 0 || len > 120)
		return ar_error_set(e, AR_ESYNTAX, 0, "%s \"%s\" is not 1 to 120 bytes long",
		    what, text);
	if (!utf8_valid(text, len))
		return ar_error_set(e, AR_ESYNTAX, 0, "%s is not UTF-8 text", what);
	if (text[0] == ' ' || text[len - 1] == ' ')
		return ar_error_set(e, AR_ESYNTAX, 0, "%s \"%s\" begins or ends with a blank",
		    what, text);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c == 0x7f)
			return ar_error_set(e, AR_ESYNTAX, 0, "%s holds a control character", what);
		if (c == ';')
			return ar_error_set(e, AR_ESYNTAX, 0, "%s \"%s\" holds \";\" (it separates "
			    "the fields of the journal's note)", what, text);
	}
	return AR_OK;
}

/* digits[0..n) as a number, or -1 when one is not a digit. */
static long
digits_value(const char *s, size_t n)
{
	long v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
legal_case_id_valid(const char *s, size_t len)
{
	if (len < 10 || len > 12 || s[0] != 'L' || s[5] != '-')
		return false;
	return digits_value(s + 1, 4) > 0 && digits_value(s + 6, len - 6) > 0;
}

bool
legal_note_format(char *buf, size_t cap, const char *stage, const char *firm,
    const char *court, bool forced, const char *note)
{
	int n = snprintf(buf, cap, "stage=%s%s%s%s%s%s%s%s", stage,
	    firm != NULL && *firm ? "; firm=" : "", firm != NULL && *firm ? firm : "",
	    court != NULL && *court ? "; court=" : "", court != NULL && *court ? court : "",
	    forced ? "; forced" : "",
	    note != NULL && *note ? "; note=" : "", note != NULL && *note ? note : "");

	return n >= 0 && (size_t)n < cap;
}

/* The register */

/* Strings kept for the life of the register, in blocks. */
struct block {
	struct block *next;
	size_t used, cap;
	char text[];
};

struct lcase {
	struct legal_case pub;
	bool type_known, has_opened;
	long first_line;
	struct legal_stage *stages;
	size_t nstages, stages_cap;
	struct legal_cost *costs;
	size_t ncosts, costs_cap;
	struct legal_sums *sums;
	size_t nsums;
};

struct legal_register {
	civil_day as_of;
	currency_id default_currency;
	struct strtab *ids;
	struct lcase *cases;      /* cases[id] for every id in ids */
	size_t cap;
	struct lcase **sorted;
	size_t nsorted;
	struct block *blocks;
	unsigned long loose;
	bool finished;
};

ar_err
legal_register_new(struct legal_register **out, civil_day as_of, currency_id default_currency)
{
	struct legal_register *r = calloc(1, sizeof *r);

	*out = NULL;
	if (r == NULL)
		return AR_ENOMEM;
	if ((r->ids = strtab_new(64)) == NULL) {
		free(r);
		return AR_ENOMEM;
	}
	r->as_of = as_of;
	r->default_currency = default_currency;
	*out = r;
	return AR_OK;
}

static size_t
cases_held(const struct legal_register *r)
{
	size_t n = strtab_count(r->ids);

	return n < r->cap ? n : r->cap;
}

void
legal_register_free(struct legal_register *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < cases_held(r); i++) {
		free(r->cases[i].stages);
		free(r->cases[i].costs);
		free(r->cases[i].sums);
	}
	free(r->cases);
	free(r->sorted);
	while (r->blocks != NULL) {
		struct block *b = r->blocks;

		r->blocks = b->next;
		free(b);
	}
	strtab_free(r->ids);
	free(r);
}

/* A copy of s[0..len), NUL-terminated, that lives as long as r; NULL: no memory. */
static const char *
keep(struct legal_register *r, const char *s, size_t len)
{
	struct block *b = r->blocks;
	char *p;

	if (len == 0)
		return "";
	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 4096 ? len + 1 : 4096;

		if ((b = malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = r->blocks;
		r->blocks = b;
	}
	p = b->text + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

ar_err
legal_register_bind(const struct csvio_reader *rd, struct legal_columns *cols,
    const char **missing)
{
	ar_err err = journal_bind(rd, &cols->j, missing);

	if (err != AR_OK)
		return err;
	cols->channel = csvio_column(rd, "channel");
	cols->ref = csvio_column(rd, "ref");
	cols->user = csvio_column(rd, "user");
	cols->note = csvio_column(rd, "note");
	return AR_OK;
}

/* The fields of a legal_stage row's note. */
struct note_fields {
	const char *stage, *firm, *court, *text;
	size_t stage_len, firm_len, court_len, text_len;
	bool forced;
};

/* The end of the field starting at s: the next "; " or the end. */
static size_t
field_len(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == ';' && s[i + 1] == ' ')
			return i;
	return len;
}

static bool
starts(const char *s, size_t len, const char *prefix, size_t *plen)
{
	*plen = strlen(prefix);
	return len >= *plen && memcmp(s, prefix, *plen) == 0;
}

static bool
parse_note(const char *s, size_t len, struct note_fields *f)
{
	size_t n;

	memset(f, 0, sizeof *f);
	f->firm = f->court = f->text = "";
	if (!starts(s, len, "stage=", &n))
		return false;
	s += n, len -= n;
	f->stage = s;
	f->stage_len = field_len(s, len);
	s += f->stage_len, len -= f->stage_len;
	while (len > 0) {
		size_t flen;

		s += 2, len -= 2;   /* "; " */
		if (starts(s, len, "note=", &n)) {
			f->text = s + n;
			f->text_len = len - n;
			return true;
		}
		flen = field_len(s, len);
		if (starts(s, flen, "firm=", &n)) {
			f->firm = s + n;
			f->firm_len = flen - n;
		} else if (starts(s, flen, "court=", &n)) {
			f->court = s + n;
			f->court_len = flen - n;
		} else if (flen == 6 && memcmp(s, "forced", 6) == 0) {
			f->forced = true;
		} else {
			return false;
		}
		s += flen, len -= flen;
	}
	return f->stage_len > 0;
}

enum row_kind { ROW_OTHER, ROW_STAGE, ROW_COST };

/* One kept row, read whole before anything changes. */
struct lrow {
	enum row_kind kind;
	struct journal_seq at;
	const char *id, *customer;
	size_t id_len, customer_len;
	bool has_amount;
	int64_t amount;
	currency_id currency;
	/* a stage's */
	enum legal_type type;
	int level;
	civil_day due;
	const char *ref, *user;
	size_t ref_len, user_len;
	struct note_fields note;
};

static ar_err
read_money(const struct legal_register *r, const struct csvio_record *rec,
    const struct legal_columns *cols, const struct item_format *fmt, struct lrow *row,
    struct ar_error *e)
{
	size_t len;
	const char *t = items_field(rec, cols->j.currency, &len);
	ar_err err;

	row->currency = r->default_currency;
	if (len > 0 && (err = currency_lookup(t, len, &row->currency)) != AR_OK)
		return ar_error_set(e, err, rec->line,
		    "currency \"%s\" is not a known currency code", t);
	t = items_field(rec, cols->j.amount, &len);
	if (len == 0)
		return AR_OK;
	err = money_parse(t, len, currency_exponent(row->currency), fmt->decimal, &row->amount);
	if (err == AR_EDECIMALS) {
		char msg[sizeof e->message];

		money_decimals_message(msg, sizeof msg, "amount", t, len, row->currency,
		    "[input] decimal");
		return ar_error_set(e, err, rec->line, "%s", msg);
	}
	if (err != AR_OK)
		return ar_error_set(e, err, rec->line, "amount \"%s\" is not an amount", t);
	row->has_amount = true;
	return AR_OK;
}

static ar_err
read_stage(const struct csvio_record *rec, const struct legal_columns *cols,
    const struct item_format *fmt, struct lrow *row, struct ar_error *e)
{
	size_t len;
	const char *t = items_field(rec, cols->j.level, &len);
	long level = digits_value(t, len);
	ar_err err;
	int want;

	if (len == 0 || len > 2 || level < 1)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "level \"%s\" of case %s is not "
		    "a stage's number (a whole number from 1 to 99)", t, row->id);
	row->level = (int)level;
	t = items_field(rec, cols->channel, &len);
	if (!legal_type_parse(t, len, &row->type))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "channel \"%s\" of case %s is not "
		    "a case type (civil, winding_up, bankruptcy or arbitration)", t, row->id);
	t = items_field(rec, cols->note, &len);
	if (!parse_note(t, len, &row->note))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "note \"%s\" of case %s is not "
		    "stage=WORD[; firm=NAME][; court=NAME][; forced][; note=TEXT]", t, row->id);
	want = legal_stage_level(row->type, row->note.stage, row->note.stage_len);
	if (want == 0) {
		char list[512];

		legal_stage_list(row->type, list, sizeof list);
		return ar_error_set(e, AR_ESYNTAX, rec->line, "stage \"%.*s\" of case %s is not "
		    "opened nor a stage of a %s case (%s)", (int)row->note.stage_len,
		    row->note.stage, row->id, legal_type_words[row->type], list);
	}
	if (want != row->level)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "level %d of case %s is not that "
		    "of its stage %.*s (%d)", row->level, row->id, (int)row->note.stage_len,
		    row->note.stage, want);
	if (row->level == LEGAL_LEVEL_OPENED && row->note.firm_len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "the opened row of case %s names "
		    "no firm (firm=NAME in its note)", row->id);
	if (row->level != LEGAL_LEVEL_OPENED && row->note.firm_len > 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "a %.*s row of case %s names a firm: "
		    "only the opened row does", (int)row->note.stage_len, row->note.stage, row->id);
	row->due = DATE_NONE;
	t = items_field(rec, cols->j.due, &len);
	if (len > 0 && (err = date_parse(t, len, &fmt->dates, &row->due)) != AR_OK)
		return ar_error_set(e, err, rec->line, "due \"%s\" (the next date) is not a date", t);
	row->ref = items_field(rec, cols->ref, &row->ref_len);
	return AR_OK;
}

static enum row_kind
kind_of(const char *s, size_t len)
{
	if (len == 11 && strncasecmp(s, "legal_stage", len) == 0)
		return ROW_STAGE;
	if (len == 10 && strncasecmp(s, "legal_cost", len) == 0)
		return ROW_COST;
	return ROW_OTHER;
}

/*
 * The row when it is a case's and known at the as-of date (*keep); an
 * error in *e for a kept row that does not read.
 */
static ar_err
read_row(struct legal_register *r, const struct csvio_record *rec,
    const struct legal_columns *cols, const struct item_format *fmt, struct lrow *row,
    bool *keep, struct ar_error *e)
{
	size_t len;
	const char *t = items_field(rec, cols->j.action, &len);
	ar_err err;

	*keep = false;
	memset(row, 0, sizeof *row);
	if ((row->kind = kind_of(t, len)) == ROW_OTHER)
		return AR_OK;
	t = items_field(rec, cols->j.date, &len);
	if ((err = date_parse(t, len, &fmt->dates, &row->at.date)) != AR_OK)
		return ar_error_set(e, err, rec->line, "date \"%s\" is not a date", t);
	if (row->at.date > r->as_of)
		return AR_OK;
	row->at.line = rec->line;
	row->id = items_field(rec, cols->j.doc_no, &row->id_len);
	if (!legal_case_id_valid(row->id, row->id_len)) {
		r->loose++;
		return AR_OK;
	}
	row->customer = items_field(rec, cols->j.customer, &row->customer_len);
	if (row->customer_len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer is empty");
	if ((err = read_money(r, rec, cols, fmt, row, e)) != AR_OK)
		return err;
	row->user = items_field(rec, cols->user, &row->user_len);
	if (row->kind == ROW_COST) {
		if (!row->has_amount)
			return ar_error_set(e, AR_ESYNTAX, rec->line,
			    "a legal_cost row of case %s needs an amount", row->id);
		t = items_field(rec, cols->note, &len);
		row->note.text = t;
		row->note.text_len = len;
	} else if ((err = read_stage(rec, cols, fmt, row, e)) != AR_OK) {
		return err;
	}
	*keep = true;
	return AR_OK;
}

/* The case's record, made when new. */
static ar_err
case_of(struct legal_register *r, const char *id, size_t len, struct lcase **out)
{
	uint32_t n;
	bool added;
	ar_err err;

	if ((err = strtab_intern(r->ids, id, len, &n, &added)) != AR_OK)
		return err;
	if (n >= r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct lcase *c;

		while (cap <= n)
			cap *= 2;
		if ((c = realloc(r->cases, cap * sizeof *c)) == NULL)
			return AR_ENOMEM;
		r->cases = c;
		r->cap = cap;
	}
	if (added) {
		memset(&r->cases[n], 0, sizeof r->cases[n]);
		r->cases[n].pub.id = strtab_key(r->ids, n);
		r->cases[n].pub.customer = "";
		r->cases[n].pub.firm = "";
		r->cases[n].pub.ref = r->cases[n].pub.court = "";
		r->cases[n].pub.opened = DATE_NONE;
	}
	*out = &r->cases[n];
	return AR_OK;
}

/* items (n of size bytes) with room for one more, *cap grown; NULL (items kept): no memory. */
static void *
room_for_one(void *items, size_t n, size_t *cap, size_t size)
{
	size_t c = *cap ? *cap * 2 : 4;
	void *p;

	if (n < *cap)
		return items;
	if ((p = realloc(items, c * size)) == NULL)
		return NULL;
	*cap = c;
	return p;
}

static ar_err
apply_row(struct legal_register *r, struct lcase *c, const struct lrow *row, long line,
    struct ar_error *e)
{
	const char *customer;

	if (c->first_line == 0) {
		c->first_line = line;
		if ((customer = keep(r, row->customer, row->customer_len)) == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
		c->pub.customer = customer;
	} else if (strlen(c->pub.customer) != row->customer_len ||
	    memcmp(c->pub.customer, row->customer, row->customer_len) != 0) {
		return ar_error_set(e, AR_ESYNTAX, line, "case %s is customer %s's, not %.*s's",
		    c->pub.id, c->pub.customer, (int)row->customer_len, row->customer);
	}
	if (row->kind == ROW_COST) {
		struct legal_cost *k = room_for_one(c->costs, c->ncosts, &c->costs_cap, sizeof *k);

		if (k == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
		c->costs = k;
		k += c->ncosts++;
		k->at = row->at;
		k->amount = row->amount;
		k->currency = row->currency;
		k->note = keep(r, row->note.text, row->note.text_len);
		k->user = keep(r, row->user, row->user_len);
		if (k->note == NULL || k->user == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
		return AR_OK;
	}
	if (c->type_known && c->pub.type != row->type)
		return ar_error_set(e, AR_ESYNTAX, line, "case %s is a %s case, not %s", c->pub.id,
		    legal_type_words[c->pub.type], legal_type_words[row->type]);
	c->pub.type = row->type;
	c->type_known = true;
	if (row->level == LEGAL_LEVEL_OPENED) {
		if (c->has_opened)
			return ar_error_set(e, AR_ESYNTAX, line, "case %s is opened twice", c->pub.id);
		c->has_opened = true;
		c->pub.opened = row->at.date;
		if ((c->pub.firm = keep(r, row->note.firm, row->note.firm_len)) == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
	}
	{
		struct legal_stage *s = room_for_one(c->stages, c->nstages, &c->stages_cap, sizeof *s);

		if (s == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
		c->stages = s;
		s += c->nstages++;
		memset(s, 0, sizeof *s);
		s->at = row->at;
		s->level = row->level;
		s->stage = legal_stage_word(row->type, row->level);
		s->next_date = row->due;
		s->forced = row->note.forced;
		s->has_amount = row->has_amount;
		s->amount = row->amount;
		s->currency = row->currency;
		s->ref = keep(r, row->ref, row->ref_len);
		s->court = keep(r, row->note.court, row->note.court_len);
		s->user = keep(r, row->user, row->user_len);
		s->note = keep(r, row->note.text, row->note.text_len);
		if (s->ref == NULL || s->court == NULL || s->user == NULL || s->note == NULL)
			return ar_error_set(e, AR_ENOMEM, line, "out of memory");
	}
	return AR_OK;
}

ar_err
legal_register_add(struct legal_register *r, const struct csvio_record *rec,
    const struct legal_columns *cols, const struct item_format *fmt, struct ar_error *e)
{
	struct lrow row;
	struct lcase *c;
	bool keep_row;
	ar_err err;

	if ((err = read_row(r, rec, cols, fmt, &row, &keep_row, e)) != AR_OK || !keep_row)
		return err;
	if (case_of(r, row.id, row.id_len, &c) != AR_OK)
		return ar_error_set(e, AR_ENOMEM, rec->line, "out of memory");
	r->finished = false;
	return apply_row(r, c, &row, rec->line, e);
}

static int
seq_cmp(struct journal_seq a, struct journal_seq b)
{
	return journal_seq_after(a, b) ? 1 : journal_seq_after(b, a) ? -1 : 0;
}

static int
stage_cmp(const void *a, const void *b)
{
	return seq_cmp(((const struct legal_stage *)a)->at, ((const struct legal_stage *)b)->at);
}

static int
cost_cmp(const void *a, const void *b)
{
	return seq_cmp(((const struct legal_cost *)a)->at, ((const struct legal_cost *)b)->at);
}

/* Case numbers by year, then number (L2026-10000 after L2026-9999). */
static int
case_cmp(const void *a, const void *b)
{
	const char *x = (*(struct lcase *const *)a)->pub.id;
	const char *y = (*(struct lcase *const *)b)->pub.id;
	long yx = digits_value(x + 1, 4), yy = digits_value(y + 1, 4);
	long nx = digits_value(x + 6, strlen(x + 6)), ny = digits_value(y + 6, strlen(y + 6));

	if (yx != yy)
		return yx < yy ? -1 : 1;
	return nx < ny ? -1 : nx > ny;
}

/* The sums of c in currency, made when new (kept ordered by code); NULL: no memory. */
static struct legal_sums *
sums_of(struct lcase *c, currency_id currency)
{
	struct legal_sums *s;
	size_t i;

	for (i = 0; i < c->nsums; i++)
		if (c->sums[i].currency == currency)
			return &c->sums[i];
	if ((s = realloc(c->sums, (c->nsums + 1) * sizeof *s)) == NULL)
		return NULL;
	c->sums = s;
	for (i = c->nsums; i > 0 && strcmp(currency_code(s[i - 1].currency),
	    currency_code(currency)) > 0; i--)
		s[i] = s[i - 1];
	memset(&s[i], 0, sizeof s[i]);
	s[i].currency = currency;
	c->nsums++;
	return &s[i];
}

static ar_err
add_sum(struct lcase *c, currency_id currency, size_t which, int64_t amount, long line,
    struct ar_error *e)
{
	struct legal_sums *s = sums_of(c, currency);
	int64_t *acc;

	if (s == NULL)
		return ar_error_set(e, AR_ENOMEM, line, "out of memory");
	acc = which == 0 ? &s->in_suit : which == 1 ? &s->costs : &s->recovered;
	if (which == 0)
		s->has_suit = true;
	if (money_add(acc, amount) != AR_OK)
		return ar_error_set(e, AR_ERANGE, line, "the sums of case %s in %s pass the "
		    "largest amount this program can hold", c->pub.id, currency_code(currency));
	return AR_OK;
}

static ar_err
finish_case(struct lcase *c, struct ar_error *e)
{
	struct legal_case *p = &c->pub;
	ar_err err;

	if (!c->has_opened)
		return ar_error_set(e, AR_ESYNTAX, c->first_line, "case %s was never opened (no "
		    "legal_stage row of stage opened for it)", p->id);
	qsort(c->stages, c->nstages, sizeof *c->stages, stage_cmp);
	if (c->ncosts > 0)
		qsort(c->costs, c->ncosts, sizeof *c->costs, cost_cmp);
	if (c->stages[0].level != LEGAL_LEVEL_OPENED)
		return ar_error_set(e, AR_ESYNTAX, c->stages[0].at.line, "the %s row of case %s "
		    "is dated before the case was opened", c->stages[0].stage, p->id);
	free(c->sums);
	c->sums = NULL;
	c->nsums = 0;
	p->ref = p->court = "";
	for (size_t i = 0; i < c->nstages; i++) {
		const struct legal_stage *s = &c->stages[i];

		if (s->ref[0] != '\0')
			p->ref = s->ref;
		if (s->court[0] != '\0')
			p->court = s->court;
		if (s->has_amount && (err = add_sum(c, s->currency, i == 0 ? 0 : 2, s->amount,
		    s->at.line, e)) != AR_OK)
			return err;
	}
	for (size_t i = 0; i < c->ncosts; i++)
		if ((err = add_sum(c, c->costs[i].currency, 1, c->costs[i].amount,
		    c->costs[i].at.line, e)) != AR_OK)
			return err;
	p->stages = c->stages;
	p->nstages = c->nstages;
	p->costs = c->costs;
	p->ncosts = c->ncosts;
	p->sums = c->sums;
	p->nsums = c->nsums;
	p->level = c->stages[c->nstages - 1].level;
	p->stage_date = c->stages[c->nstages - 1].at.date;
	p->next_date = c->stages[c->nstages - 1].next_date;
	return AR_OK;
}

ar_err
legal_register_finish(struct legal_register *r, struct ar_error *e)
{
	size_t n = cases_held(r);
	struct lcase **sorted;
	ar_err err;

	for (size_t i = 0; i < n; i++)
		if ((err = finish_case(&r->cases[i], e)) != AR_OK)
			return err;
	if ((sorted = realloc(r->sorted, (n ? n : 1) * sizeof *sorted)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		sorted[i] = &r->cases[i];
	if (n > 0)
		qsort(sorted, n, sizeof *sorted, case_cmp);
	r->sorted = sorted;
	r->nsorted = n;
	r->finished = true;
	return AR_OK;
}

ar_err
legal_register_load(struct legal_register *r, struct csvio_reader *rd,
    const struct item_format *fmt, struct ar_error *e)
{
	struct legal_columns cols;
	struct csvio_record rec;
	const char *missing;
	ar_err err;

	if (legal_register_bind(rd, &cols, &missing) != AR_OK)
		return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", missing);
	while ((err = csvio_read(rd, &rec)) == AR_OK)
		if ((err = legal_register_add(r, &rec, &cols, fmt, e)) != AR_OK)
			return err;
	if (err != AR_EOF) {
		*e = *csvio_error(rd);
		return err;
	}
	return legal_register_finish(r, e);
}

unsigned long
legal_register_loose(const struct legal_register *r)
{
	return r->loose;
}

size_t
legal_register_count(const struct legal_register *r)
{
	return r->finished ? r->nsorted : 0;
}

const struct legal_case *
legal_register_case(const struct legal_register *r, size_t i)
{
	return i < legal_register_count(r) ? &r->sorted[i]->pub : NULL;
}

const struct legal_case *
legal_register_find(const struct legal_register *r, const char *id)
{
	uint32_t n;

	if (!r->finished || !strtab_find(r->ids, id, strlen(id), &n) || n >= r->cap)
		return NULL;
	return &r->cases[n].pub;
}

bool
legal_register_next_id(const struct legal_register *r, int year, char buf[LEGAL_CASE_ID_MAX])
{
	long highest = 0;

	for (size_t i = 0; i < strtab_count(r->ids); i++) {
		const char *id = strtab_key(r->ids, (uint32_t)i);
		long n = digits_value(id + 6, strlen(id + 6));

		if (digits_value(id + 1, 4) == year && n > highest)
			highest = n;
	}
	if (highest >= 999999 || year < 1 || year > 9999)
		return false;
	snprintf(buf, LEGAL_CASE_ID_MAX, "L%04d-%04d", year % 10000, (int)(highest + 1) % 1000000);
	return true;
}

/* The first stage of c at or past its judgment (not an end), NULL when none. */
static const struct legal_stage *
judgment_of(const struct legal_case *c)
{
	int level = legal_judgment_level(c->type);

	for (size_t i = 0; i < c->nstages; i++)
		if (c->stages[i].level >= level && !legal_level_ends(c->stages[i].level))
			return &c->stages[i];
	return NULL;
}

bool
legal_case_open(const struct legal_register *r, const char *customer, size_t len,
    struct legal_case_view *out)
{
	const struct legal_case *best = NULL;
	size_t open = 0;

	for (size_t i = 0; i < legal_register_count(r); i++) {
		const struct legal_case *c = &r->sorted[i]->pub;

		if (legal_level_ends(c->level) || strlen(c->customer) != len ||
		    memcmp(c->customer, customer, len) != 0)
			continue;
		open++;
		if (best == NULL || c->level > best->level || (c->level == best->level &&
		    seq_cmp(c->stages[0].at, best->stages[0].at) > 0))
			best = c;
	}
	if (best != NULL && out != NULL) {
		const struct legal_stage *j = judgment_of(best);

		out->case_id = best->id;
		out->type = best->type;
		out->type_word = legal_type_words[best->type];
		out->stage = legal_stage_word(best->type, best->level);
		out->level = best->level;
		out->opened = best->opened;
		out->stage_date = best->stage_date;
		out->firm = best->firm;
		out->judgment = j != NULL;
		out->judgment_date = j != NULL ? j->at.date : DATE_NONE;
		out->open_cases = open;
	}
	return best != NULL;
}
