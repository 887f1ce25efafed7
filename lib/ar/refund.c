/* refund.c - refunds of credit balances: who is proposed, who is excluded, the proposal read back. */
#include "ar/refund.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/pod_input.h"
#include "core/money.h"
#include "core/strtab.h"

void
refund_policy_load(const struct ar_config *cfg, struct refund_policy *p)
{
	const char *ch = config_get_string(cfg, "refund:charges");

	p->min_days = (int)config_get_long(cfg, "refund:min_days");
	p->net_across = config_get_bool(cfg, "refund:net_across");
	p->charges = strcmp(ch, "shar") == 0 ? "SHAR" : strcmp(ch, "cred") == 0 ? "CRED" : "DEBT";
}

const char *
refund_reason_word(enum refund_reason r)
{
	static const char *const words[] = { "", "insolvent", "dispute", "open_debits",
	    "too_recent", "no_bank_account", "bank_account_invalid" };

	return (unsigned)r < sizeof words / sizeof words[0] ? words[r] : "";
}

bool
refund_account_valid(const char *account, char *out)
{
	size_t n = 0;

	for (const char *s = account; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-' || *s == '\t')
			continue;
		if (*s < '0' || *s > '9' || n >= REFUND_ACCOUNT_MAX - 1)
			return false;
		if (out != NULL)
			out[n] = *s;
		n++;
	}
	if (out != NULL)
		out[n] = '\0';
	return n >= 5 && n <= 20;
}

static bool
upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
alnum(char c)
{
	return upper(c) || (c >= '0' && c <= '9');
}

bool
refund_bic_valid(const char *bic)
{
	size_t n = strlen(bic);

	if (n != 8 && n != 11)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (!upper(bic[i]))
			return false;
	/* [A-Z2-9][A-NP-Z0-9]: a location code 0 or 1 marks a test BIC, O is not used. */
	if (!(upper(bic[6]) || (bic[6] >= '2' && bic[6] <= '9')) || !alnum(bic[7]) ||
	    bic[7] == 'O')
		return false;
	for (size_t i = 8; i < n; i++)
		if (!alnum(bic[i]))
			return false;
	return true;
}

enum refund_reason
refund_decide(const struct refund_checks *c, const struct refund_policy *p, civil_day as_of)
{
	if (c->insolvent)
		return REFUND_INSOLVENT;
	if (c->disputed)
		return REFUND_DISPUTE;
	if (c->owes_elsewhere && !p->net_across)
		return REFUND_OPEN_DEBITS;
	if (c->newest_credit != DATE_NONE && as_of - c->newest_credit < p->min_days)
		return REFUND_TOO_RECENT;
	if (c->bank_account[0] == '\0')
		return REFUND_NO_BANK_ACCOUNT;
	if (!refund_account_valid(c->bank_account, NULL) || !refund_bic_valid(c->bank_code))
		return REFUND_BANK_ACCOUNT_INVALID;
	return REFUND_PROPOSED;
}

bool
refund_id_format(const char *customer, currency_id cur, civil_day as_of, char *buf, size_t cap)
{
	int y, m, d;
	int n;

	date_to_ymd(as_of, &y, &m, &d);
	n = snprintf(buf, cap, "R-%s-%s-%04d%02d%02d", customer, currency_code(cur), y, m, d);
	return n > 0 && (size_t)n < cap;
}

/* One customer's balance in one company and currency. */
struct group {
	uint32_t company;
	currency_id currency;
	int64_t balance;
	civil_day newest_credit;
	int32_t next;            /* the customer's next group; -1 ends */
};

struct cust {
	int32_t first;           /* its first group; -1: none */
	bool disputed;
	int32_t credit;          /* its first credit after close; -1: none */
	uint32_t ncredits;
};

struct credit_slot {
	struct refund_credit pub;
	char *items;
	size_t len, cap;
};

struct refund_book {
	struct strtab *customers, *companies;
	struct cust *cust;
	size_t ncust_cap;
	struct group *groups;
	size_t ngroups, groups_cap;
	struct credit_slot *credits;
	size_t ncredits;
};

struct refund_book *
refund_book_new(void)
{
	struct refund_book *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	if ((b->customers = strtab_new(1024)) == NULL || (b->companies = strtab_new(16)) == NULL) {
		refund_book_free(b);
		return NULL;
	}
	return b;
}

void
refund_book_free(struct refund_book *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->ncredits; i++)
		free(b->credits[i].items);
	free(b->credits);
	free(b->groups);
	free(b->cust);
	strtab_free(b->customers);
	strtab_free(b->companies);
	free(b);
}

ar_err
refund_book_add(struct refund_book *b, const char *customer, size_t clen, const char *company,
    size_t colen, currency_id cur, int64_t amount, civil_day date, bool disputed)
{
	uint32_t id, co;
	bool new_customer, new_company;
	struct group *g = NULL;
	ar_err err;

	if ((err = strtab_intern(b->customers, customer, clen, &id, &new_customer)) != AR_OK ||
	    (err = strtab_intern(b->companies, company, colen, &co, &new_company)) != AR_OK)
		return err;
	if (id >= b->ncust_cap) {
		size_t cap = b->ncust_cap ? 2 * b->ncust_cap : 1024;
		struct cust *c = realloc(b->cust, cap * sizeof *c);

		if (c == NULL)
			return AR_ENOMEM;
		b->cust = c;
		b->ncust_cap = cap;
	}
	if (new_customer)
		b->cust[id] = (struct cust){ -1, false, -1, 0 };
	b->cust[id].disputed = b->cust[id].disputed || disputed;
	for (int32_t k = b->cust[id].first; k >= 0; k = b->groups[k].next)
		if (b->groups[k].company == co && b->groups[k].currency == cur) {
			g = &b->groups[k];
			break;
		}
	if (g == NULL) {
		if (b->ngroups == b->groups_cap) {
			size_t cap = b->groups_cap ? 2 * b->groups_cap : 1024;
			struct group *n = realloc(b->groups, cap * sizeof *n);

			if (n == NULL)
				return AR_ENOMEM;
			b->groups = n;
			b->groups_cap = cap;
		}
		g = &b->groups[b->ngroups];
		*g = (struct group){ co, cur, 0, DATE_NONE, b->cust[id].first };
		b->cust[id].first = (int32_t)b->ngroups++;
	}
	if ((err = money_add(&g->balance, amount)) != AR_OK)
		return err;
	if (amount < 0 && date != DATE_NONE && (g->newest_credit == DATE_NONE ||
	    date > g->newest_credit))
		g->newest_credit = date;
	return AR_OK;
}

static const struct refund_book *sort_book;

static int
by_key(const void *a, const void *b)
{
	return strcmp(strtab_key(sort_book->customers, *(const uint32_t *)a),
	    strtab_key(sort_book->customers, *(const uint32_t *)b));
}

ar_err
refund_book_close(struct refund_book *b)
{
	size_t n = strtab_count(b->customers);
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);
	struct credit_slot *slots;

	if (order == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	sort_book = b;
	qsort(order, n, sizeof *order, by_key);
	/* At most one credit per group: room for them all. */
	if ((slots = calloc(b->ngroups ? b->ngroups : 1, sizeof *slots)) == NULL) {
		free(order);
		return AR_ENOMEM;
	}
	b->credits = slots;
	for (size_t i = 0; i < n; i++) {
		struct cust *c = &b->cust[order[i]];
		int64_t sum[CURRENCY_MAX] = { 0 };
		civil_day newest[CURRENCY_MAX];
		bool has[CURRENCY_MAX] = { false }, owes = false;
		currency_id curs[CURRENCY_MAX];
		size_t ncur = 0;

		for (int32_t k = c->first; k >= 0; k = b->groups[k].next) {
			const struct group *g = &b->groups[k];

			if (!has[g->currency]) {
				has[g->currency] = true;
				newest[g->currency] = DATE_NONE;
				curs[ncur++] = g->currency;
			}
			if (money_add(&sum[g->currency], g->balance) != AR_OK) {
				free(order);
				return AR_ERANGE;
			}
			if (g->newest_credit != DATE_NONE && (newest[g->currency] == DATE_NONE ||
			    g->newest_credit > newest[g->currency]))
				newest[g->currency] = g->newest_credit;
			owes = owes || g->balance > 0;
		}
		/* By currency code: a few currencies, a simple insertion sort. */
		for (size_t x = 1; x < ncur; x++)
			for (size_t y = x; y > 0 && strcmp(currency_code(curs[y - 1]),
			    currency_code(curs[y])) > 0; y--) {
				currency_id t = curs[y];

				curs[y] = curs[y - 1];
				curs[y - 1] = t;
			}
		for (size_t x = 0; x < ncur; x++) {
			struct credit_slot *s;

			if (sum[curs[x]] >= 0)
				continue;
			if (c->credit < 0)
				c->credit = (int32_t)b->ncredits;
			c->ncredits++;
			s = &b->credits[b->ncredits++];
			s->pub.customer = strtab_key(b->customers, order[i]);
			s->pub.currency = curs[x];
			s->pub.amount = -sum[curs[x]];
			s->pub.newest_credit = newest[curs[x]];
			s->pub.owes_elsewhere = owes;
			s->pub.disputed_item = c->disputed;
			s->pub.items = "";
		}
	}
	free(order);
	return AR_OK;
}

ar_err
refund_book_note_item(struct refund_book *b, const char *customer, size_t clen, currency_id cur,
    const char *doc_no, size_t dlen)
{
	uint32_t id;
	const struct cust *c;

	if (!strtab_find(b->customers, customer, clen, &id))
		return AR_OK;
	c = &b->cust[id];
	for (uint32_t i = 0; c->credit >= 0 && i < c->ncredits; i++) {
		struct credit_slot *s = &b->credits[(size_t)c->credit + i];

		if (s->pub.currency != cur)
			continue;
		if (s->len + dlen + 2 > s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 64;
			char *n;

			while (cap < s->len + dlen + 2)
				cap *= 2;
			if ((n = realloc(s->items, cap)) == NULL)
				return AR_ENOMEM;
			s->items = n;
			s->cap = cap;
		}
		if (s->len > 0)
			s->items[s->len++] = ';';
		memcpy(s->items + s->len, doc_no, dlen);
		s->len += dlen;
		s->items[s->len] = '\0';
		s->pub.items = s->items;
		break;
	}
	return AR_OK;
}

size_t
refund_book_count(const struct refund_book *b)
{
	return b->ncredits;
}

const struct refund_credit *
refund_book_credit(const struct refund_book *b, size_t i)
{
	return &b->credits[i].pub;
}

ar_err
refund_book_add_item(struct refund_book *b, const struct item *it, const char *company,
    size_t colen, const char *dispute, size_t dlen, long line, struct ar_error *e)
{
	ar_err err = refund_book_add(b, it->customer, it->customer_len, company, colen,
	    it->currency, it->amount, it->doc_date != DATE_NONE ? it->doc_date : it->due_date,
	    dlen > 0 && dispute[0] != '\0');

	if (err != AR_OK && err != AR_ENOMEM)
		return ar_error_set(e, err, line, "the balance of %.*s in %s overflows",
		    (int)it->customer_len, it->customer, currency_code(it->currency));
	return err;
}

const struct customer *
refund_master(const struct customer_table *t, const char *customer)
{
	uint32_t id;

	if (t == NULL || !strtab_find(t->ids, customer, strlen(customer), &id) ||
	    !customers_hot(t, id).in_master)
		return NULL;
	return customers_get(t, id);
}

const char *
refund_bank_holder(const struct customer *m)
{
	if (m == NULL)
		return "";
	return m->bank_holder[0] != '\0' ? m->bank_holder : m->name;
}

void
refund_checks_of(struct refund_checks *k, const struct refund_credit *c,
    const struct customer *m, const struct journal_facts *f)
{
	k->insolvent = m != NULL && pod_proceeding(m->status);
	k->disputed = c->disputed_item || (f != NULL && f->open_disputes > 0);
	k->owes_elsewhere = c->owes_elsewhere;
	k->newest_credit = c->newest_credit;
	k->bank_account = m != NULL ? m->bank_account : "";
	k->bank_code = m != NULL ? m->bank_code : "";
}

const char *const refund_columns[REFUND_NCOLUMNS] = {
	"refund_id", "customer", "name", "currency", "amount", "items", "bank_holder",
	"bank_account", "bank_code", "value_date", "status", "reason"
};

enum { C_ID, C_CUSTOMER, C_NAME, C_CURRENCY, C_AMOUNT, C_ITEMS, C_HOLDER, C_ACCOUNT, C_CODE,
	C_VALUE_DATE, C_STATUS, C_REASON };

ar_err
refund_proposal_bind(const struct csvio_reader *r, struct refund_proposal_columns *c,
    const char **missing)
{
	for (size_t i = 0; i < REFUND_NCOLUMNS; i++) {
		c->col[i] = csvio_column(r, refund_columns[i]);
		/* reason and items are for the approver's eyes: not needed to pay. */
		if (c->col[i] < 0 && i != C_REASON && i != C_ITEMS) {
			*missing = refund_columns[i];
			return AR_ECOLUMN;
		}
	}
	return AR_OK;
}

static const char *
cell(const struct csvio_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->field[col].ptr : "";
}

/* Characters, not bytes: the pain.001's Max35Text counts characters. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

ar_err
refund_proposal_parse(const struct csvio_record *rec, const struct refund_proposal_columns *c,
    struct refund_line *out, struct ar_error *e)
{
	const char *amount, *vd, *cur;
	ar_err err;

	out->refund_id = cell(rec, c->col[C_ID]);
	out->customer = cell(rec, c->col[C_CUSTOMER]);
	out->name = cell(rec, c->col[C_NAME]);
	out->items = cell(rec, c->col[C_ITEMS]);
	out->status = cell(rec, c->col[C_STATUS]);
	out->bank_holder = cell(rec, c->col[C_HOLDER]);
	out->bank_account = cell(rec, c->col[C_ACCOUNT]);
	out->bank_code = cell(rec, c->col[C_CODE]);
	out->currency = 0;
	out->amount = 0;
	out->value_date = DATE_NONE;
	out->approved = strcmp(out->status, "approved") == 0;
	if (out->refund_id[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, rec->line, "refund_id is empty");
	if (out->status[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: status is empty (proposed, "
		    "approved or excluded)", out->refund_id);
	if (!out->approved)
		return AR_OK;
	if (utf8_chars(out->refund_id) > 35)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "refund_id \"%s\" is longer than the "
		    "35 characters of a pain.001 EndToEndId", out->refund_id);
	if (out->customer[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: customer is empty", out->refund_id);
	cur = cell(rec, c->col[C_CURRENCY]);
	if ((err = currency_lookup(cur, strlen(cur), &out->currency)) != AR_OK)
		return ar_error_set(e, err, rec->line, "%s: currency \"%s\" is not %s",
		    out->refund_id, cur, err == AR_ECURRENCY ? "a currency known (ISO 4217)" :
		    "three capital letters");
	amount = cell(rec, c->col[C_AMOUNT]);
	if ((err = money_parse(amount, strlen(amount), currency_exponent(out->currency),
	    MONEY_DECIMAL_POINT, &out->amount)) != AR_OK)
		return ar_error_set(e, err, rec->line, "%s: amount \"%s\" is not an amount of %s "
		    "(%d decimals)", out->refund_id, amount, cur, currency_exponent(out->currency));
	if (out->amount <= 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: amount \"%s\" is not above zero",
		    out->refund_id, amount);
	vd = cell(rec, c->col[C_VALUE_DATE]);
	if (vd[0] != '\0' && date_parse_format(vd, strlen(vd), "%Y-%m-%d", &out->value_date) !=
	    AR_OK)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: value_date \"%s\" is not a date "
		    "YYYY-MM-DD", out->refund_id, vd);
	if (out->bank_holder[0] == '\0')
		out->bank_holder = out->name;
	if (out->bank_holder[0] == '\0')
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: neither bank_holder nor name: "
		    "the bank needs the beneficiary's name", out->refund_id);
	if (!refund_account_valid(out->bank_account, NULL))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: bank_account \"%s\" is not 5 to "
		    "20 digits", out->refund_id, out->bank_account);
	if (!refund_bic_valid(out->bank_code))
		return ar_error_set(e, AR_ESYNTAX, rec->line, "%s: bank_code \"%s\" is not a SWIFT "
		    "BIC of 8 or 11 characters", out->refund_id, out->bank_code);
	return AR_OK;
}
