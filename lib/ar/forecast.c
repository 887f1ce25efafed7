/* forecast.c - expected collections, payment behaviour and the backtest (forecast.h). */
#include "ar/forecast.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

__extension__ typedef __int128 i128;

/* No customer slot: the lists below are 1-based. */
#define NIL 0

/* num / den rounded half away from zero, saturated to int64; den != 0. */
static int64_t
div_round(i128 num, i128 den)
{
	bool neg = (num < 0) != (den < 0);
	i128 n = num < 0 ? -num : num, d = den < 0 ? -den : den;
	i128 q = (n + d / 2) / d;

	if (q > INT64_MAX)
		q = INT64_MAX;
	return (int64_t)(neg ? -q : q);
}

static bool
currency_ok(currency_id c)
{
	return c >= 0 && c < CURRENCY_MAX;
}

/* Grow *base (of *cap elements of size) to hold index need; new room zeroed. */
static bool
grow(void **base, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t n = *cap ? *cap : first;
	void *p;

	if (need < *cap)
		return true;
	while (n <= need)
		n *= 2;
	if ((p = realloc(*base, n * size)) == NULL)
		return false;
	memset((char *)p + *cap * size, 0, (n - *cap) * size);
	*base = p;
	*cap = n;
	return true;
}

/* Order of groups: currency code (id when a code is unknown), then company. */
static int
group_cmp(currency_id ca, uint32_t ka, currency_id cb, uint32_t kb)
{
	const char *a = currency_code(ca), *b = currency_code(cb);
	int c = a != NULL && b != NULL ? strcmp(a, b) : (ca > cb) - (ca < cb);

	return c != 0 ? c : (ka > kb) - (ka < kb);
}

/* The calendar */

ar_err
forecast_calendar_init(struct forecast_calendar *c, civil_day as_of, int periods, bool monthly)
{
	civil_day last;

	if (as_of == DATE_NONE || periods < 1 || periods > FORECAST_MAX_PERIODS ||
	    date_from_ymd(9999, 12, 31, &last) != AR_OK)
		return AR_ERANGE;
	for (int k = 0; k <= periods; k++) {
		if (monthly) {
			if (date_add_months(as_of, k, &c->end[k]) != AR_OK)
				return AR_ERANGE;
		} else {
			if ((int64_t)as_of + 7 * k > last)
				return AR_ERANGE;
			c->end[k] = as_of + 7 * k;
		}
	}
	c->periods = periods;
	c->monthly = monthly;
	return AR_OK;
}

int
forecast_period_of(const struct forecast_calendar *c, civil_day day)
{
	int lo = 0, hi = c->periods - 1;

	if (day <= c->end[0])
		return -1;
	if (day > c->end[c->periods])
		return c->periods;
	while (lo < hi) {       /* the first k with day <= end[k + 1] */
		int mid = lo + (hi - lo) / 2;

		if (day <= c->end[mid + 1])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Payment behaviour */

struct paid_sums {
	int64_t count, amount;
	i128 weighted;          /* days late x amount */
};

struct history {
	uint32_t next;          /* 1-based, NIL ends the customer's list */
	currency_id currency;
	struct paid_sums sums;
};

struct forecast_behaviour {
	civil_day as_of, from;
	int min_items;
	uint32_t *first;        /* per customer, its first history (1-based) */
	size_t ncustomers;
	struct history *hist;
	size_t nhist, caphist;
	struct paid_sums portfolio[CURRENCY_MAX];
};

ar_err
forecast_behaviour_new(const struct forecast_params *p, struct forecast_behaviour **out)
{
	struct forecast_behaviour *b;

	*out = NULL;
	if (p->as_of == DATE_NONE || p->lookback_days < 0 || p->min_items < 1)
		return AR_ERANGE;
	if ((b = calloc(1, sizeof *b)) == NULL)
		return AR_ENOMEM;
	b->as_of = p->as_of;
	b->from = (civil_day)((int64_t)p->as_of - p->lookback_days);
	b->min_items = p->min_items;
	*out = b;
	return AR_OK;
}

void
forecast_behaviour_free(struct forecast_behaviour *b)
{
	if (b == NULL)
		return;
	free(b->first);
	free(b->hist);
	free(b);
}

static struct paid_sums *
history_of(const struct forecast_behaviour *b, uint32_t customer, currency_id currency)
{
	if (customer >= b->ncustomers)
		return NULL;
	for (uint32_t h = b->first[customer]; h != NIL; h = b->hist[h - 1].next)
		if (b->hist[h - 1].currency == currency)
			return &b->hist[h - 1].sums;
	return NULL;
}

ar_err
forecast_behaviour_add(struct forecast_behaviour *b, const struct forecast_paid *p)
{
	civil_day due = p->due_date != DATE_NONE ? p->due_date : p->doc_date;
	struct paid_sums *s, *all;
	int64_t amount;
	i128 weighted;

	if (!currency_ok(p->currency) || due == DATE_NONE)
		return AR_EUSAGE;
	if (p->amount <= 0 || p->clearing_date == DATE_NONE || p->clearing_date < b->from ||
	    p->clearing_date > b->as_of)
		return AR_OK;
	/* The customer's amount is a part of the portfolio's: one check covers both. */
	all = &b->portfolio[p->currency];
	amount = all->amount;
	if (money_add(&amount, p->amount) != AR_OK)
		return AR_ERANGE;
	if ((s = history_of(b, p->customer, p->currency)) == NULL) {
		struct history *h;

		if (!grow((void **)&b->first, &b->ncustomers, p->customer, sizeof *b->first, 1024) ||
		    !grow((void **)&b->hist, &b->caphist, b->nhist, sizeof *b->hist, 256))
			return AR_ENOMEM;
		h = &b->hist[b->nhist++];
		*h = (struct history){ b->first[p->customer], p->currency, { 0, 0, 0 } };
		b->first[p->customer] = (uint32_t)b->nhist;
		s = &h->sums;
	}
	weighted = (i128)((int64_t)p->clearing_date - due) * p->amount;
	s->count++;
	s->amount += p->amount;
	s->weighted += weighted;
	all->count++;
	all->amount = amount;
	all->weighted += weighted;
	return AR_OK;
}

int
forecast_days_late(const struct forecast_behaviour *b, uint32_t customer, currency_id currency,
    enum forecast_basis *basis)
{
	const struct paid_sums *s = currency_ok(currency) ? history_of(b, customer, currency) : NULL;
	enum forecast_basis from = FORECAST_BASIS_OWN;

	if (s == NULL || s->count < b->min_items) {
		s = currency_ok(currency) ? &b->portfolio[currency] : NULL;
		from = FORECAST_BASIS_PORTFOLIO;
	}
	if (s == NULL || s->count == 0) {
		if (basis != NULL)
			*basis = FORECAST_BASIS_NONE;
		return 0;
	}
	if (basis != NULL)
		*basis = from;
	return (int)div_round(s->weighted, s->amount);
}

void
forecast_history(const struct forecast_behaviour *b, uint32_t customer, currency_id currency,
    int64_t *count, int64_t *amount)
{
	const struct paid_sums *s = !currency_ok(currency) ? NULL :
	    customer == UINT32_MAX ? &b->portfolio[currency] : history_of(b, customer, currency);

	*count = s != NULL ? s->count : 0;
	*amount = s != NULL ? s->amount : 0;
}

/* The forecast */

/* One customer's collectable items in one currency and company: its sums per period. */
struct slot {
	uint32_t next;          /* 1-based; the customer's list in (currency, company) order */
	currency_id currency;
	uint32_t company;
	size_t group;           /* index in groups until finish sorts them */
	size_t cells;           /* periods + 1 sums at cells[this], beyond last */
};

struct customer {
	uint32_t first;         /* its first slot, 1-based */
	bool has_promise;
	struct forecast_promise promise;
};

struct forecast {
	struct forecast_calendar cal;
	const struct forecast_behaviour *b;
	struct customer *cust;
	size_t ncust;
	struct slot *slots;
	size_t nslots, capslots;
	int64_t *cells;
	size_t ncells, capcells;
	struct forecast_group *groups;
	size_t ngroups, capgroups, last_group;
	bool finished;
};

ar_err
forecast_new(const struct forecast_params *p, const struct forecast_behaviour *b,
    struct forecast **out)
{
	struct forecast *f;
	ar_err err;

	*out = NULL;
	if ((f = calloc(1, sizeof *f)) == NULL)
		return AR_ENOMEM;
	if ((err = forecast_calendar_init(&f->cal, p->as_of, p->periods, p->monthly)) != AR_OK) {
		free(f);
		return err;
	}
	f->b = b;
	*out = f;
	return AR_OK;
}

static void
free_customers(struct forecast *f)
{
	free(f->cust);
	free(f->slots);
	free(f->cells);
	f->cust = NULL;
	f->slots = NULL;
	f->cells = NULL;
	f->ncust = f->nslots = f->capslots = f->ncells = f->capcells = 0;
}

void
forecast_free(struct forecast *f)
{
	if (f == NULL)
		return;
	free_customers(f);
	free(f->groups);
	free(f);
}

const struct forecast_calendar *
forecast_calendar_of(const struct forecast *f)
{
	return &f->cal;
}

static struct forecast_group *
group_of(struct forecast *f, currency_id currency, uint32_t company)
{
	struct forecast_group *g;

	if (f->last_group < f->ngroups && f->groups[f->last_group].currency == currency &&
	    f->groups[f->last_group].company == company)
		return &f->groups[f->last_group];
	for (size_t i = 0; i < f->ngroups; i++)
		if (f->groups[i].currency == currency && f->groups[i].company == company) {
			f->last_group = i;
			return &f->groups[i];
		}
	if (!grow((void **)&f->groups, &f->capgroups, f->ngroups, sizeof *f->groups, 8))
		return NULL;
	g = &f->groups[f->ngroups];
	memset(g, 0, sizeof *g);
	g->currency = currency;
	g->company = company;
	f->last_group = f->ngroups++;
	return g;
}

static struct customer *
customer_of(struct forecast *f, uint32_t customer)
{
	if (!grow((void **)&f->cust, &f->ncust, customer, sizeof *f->cust, 1024))
		return NULL;
	return &f->cust[customer];
}

/* The customer's slot of currency and company, made (kept in order) when new. */
static struct slot *
slot_of(struct forecast *f, uint32_t customer, currency_id currency, uint32_t company,
    size_t group)
{
	size_t nb = (size_t)f->cal.periods + 1;
	uint32_t prev = NIL, at;

	if (customer_of(f, customer) == NULL)
		return NULL;
	for (at = f->cust[customer].first; at != NIL; prev = at, at = f->slots[at - 1].next) {
		const struct slot *sl = &f->slots[at - 1];
		int cmp = sl->currency != currency ? (sl->currency > currency) - (sl->currency < currency) :
		    (sl->company > company) - (sl->company < company);

		if (cmp == 0)
			return &f->slots[at - 1];
		if (cmp > 0)
			break;
	}
	if (!grow((void **)&f->slots, &f->capslots, f->nslots, sizeof *f->slots, 256) ||
	    !grow((void **)&f->cells, &f->capcells, f->ncells + nb - 1, sizeof *f->cells, 4096))
		return NULL;
	f->slots[f->nslots++] = (struct slot){ at, currency, company, group, f->ncells };
	f->ncells += nb;
	if (prev == NIL)
		f->cust[customer].first = (uint32_t)f->nslots;
	else
		f->slots[prev - 1].next = (uint32_t)f->nslots;
	return &f->slots[f->nslots - 1];
}

/* The expected date's period (beyond = periods): on or before as-of, period 0. */
static int
bucket_of(const struct forecast_calendar *c, int64_t expected)
{
	if (expected <= c->end[0])
		return 0;
	if (expected > c->end[c->periods])
		return c->periods;
	return forecast_period_of(c, (civil_day)expected);
}

ar_err
forecast_add(struct forecast *f, const struct forecast_item *it)
{
	civil_day due = it->due_date != DATE_NONE ? it->due_date : it->doc_date;
	struct forecast_group *g;
	int64_t total, part, *to;
	struct slot *s;
	int k;

	if (f->finished || !currency_ok(it->currency) || due == DATE_NONE)
		return AR_EUSAGE;
	if ((g = group_of(f, it->currency, it->company)) == NULL)
		return AR_ENOMEM;
	to = it->insolvent ? &g->insolvent : it->amount <= 0 ? &g->credits :
	    it->disputed ? &g->disputed : &g->collectable;
	total = g->total;
	part = *to;
	if (money_add(&total, it->amount) != AR_OK || money_add(&part, it->amount) != AR_OK)
		return AR_ERANGE;
	if (to == &g->collectable) {
		/* Its part of the collectable sum cannot overflow once that did not. */
		k = bucket_of(&f->cal, (int64_t)due +
		    forecast_days_late(f->b, it->customer, it->currency, NULL));
		if ((s = slot_of(f, it->customer, it->currency, it->company,
		    (size_t)(g - f->groups))) == NULL)
			return AR_ENOMEM;
		f->cells[s->cells + (size_t)k] += it->amount;
	}
	g->total = total;
	*to = part;
	return AR_OK;
}

ar_err
forecast_promise(struct forecast *f, uint32_t customer, const struct forecast_promise *p)
{
	struct customer *c;

	if (f->finished || p->due == DATE_NONE || !currency_ok(p->currency))
		return AR_EUSAGE;
	if ((c = customer_of(f, customer)) == NULL)
		return AR_ENOMEM;
	c->has_promise = true;
	c->promise = *p;
	return AR_OK;
}

/* Add to group g's period k (beyond = periods); the collectable sum bounds it. */
static ar_err
place(struct forecast *f, size_t g, int k, int64_t amount)
{
	struct forecast_group *gr = &f->groups[g];

	return money_add(k == f->cal.periods ? &gr->beyond : &gr->expected[k], amount) == AR_OK ?
	    AR_OK : AR_EINVARIANT;
}

/* The currency a customer's promise covers. */
static currency_id
promise_currency(const struct forecast *f, const struct customer *c)
{
	currency_id only = -1;

	if (c->promise.currency_given)
		return c->promise.currency;
	for (uint32_t s = c->first; s != NIL; s = f->slots[s - 1].next) {
		if (only >= 0 && f->slots[s - 1].currency != only)
			return c->promise.currency;     /* several: the journal's own */
		only = f->slots[s - 1].currency;
	}
	return only >= 0 ? only : c->promise.currency;
}

/* Move the promised part of a customer's items to the promise's period. */
static ar_err
apply_promise(struct forecast *f, const struct customer *c)
{
	const struct forecast_promise *p = &c->promise;
	currency_id cur = promise_currency(f, c);
	int to = bucket_of(&f->cal, p->due);
	int64_t left = p->has_amount ? (p->amount > 0 ? p->amount : 0) : INT64_MAX;

	for (int k = 0; k <= f->cal.periods && left > 0; k++)
		for (uint32_t s = c->first; s != NIL && left > 0; s = f->slots[s - 1].next) {
			struct slot *sl = &f->slots[s - 1];
			int64_t *cell = &f->cells[sl->cells + (size_t)k];
			int64_t take = *cell < left ? *cell : left;

			if (sl->currency != cur || take <= 0)
				continue;
			*cell -= take;
			left -= take;
			if (place(f, sl->group, to, take) != AR_OK ||
			    money_add(&f->groups[sl->group].promised, take) != AR_OK)
				return AR_EINVARIANT;
		}
	return AR_OK;
}

static int
sort_groups(const void *a, const void *b)
{
	const struct forecast_group *x = a, *y = b;

	return group_cmp(x->currency, x->company, y->currency, y->company);
}

ar_err
forecast_finish(struct forecast *f)
{
	ar_err err;

	if (f->finished)
		return AR_OK;
	for (size_t i = 0; i < f->ncust; i++) {
		const struct customer *c = &f->cust[i];

		if (c->has_promise && (err = apply_promise(f, c)) != AR_OK)
			return err;
		for (uint32_t s = c->first; s != NIL; s = f->slots[s - 1].next)
			for (int k = 0; k <= f->cal.periods; k++)
				if ((err = place(f, f->slots[s - 1].group, k,
				    f->cells[f->slots[s - 1].cells + (size_t)k])) != AR_OK)
					return err;
	}
	free_customers(f);
	for (size_t i = 0; i < f->ngroups; i++) {
		const struct forecast_group *g = &f->groups[i];
		i128 placed = g->beyond, total;

		for (int k = 0; k < f->cal.periods; k++)
			placed += g->expected[k];
		total = placed + g->disputed + g->insolvent + g->credits;
		if (placed != g->collectable || total != g->total || g->promised > g->collectable ||
		    g->promised < 0)
			return AR_EINVARIANT;
	}
	if (f->ngroups > 1)
		qsort(f->groups, f->ngroups, sizeof *f->groups, sort_groups);
	f->finished = true;
	return AR_OK;
}

size_t
forecast_ngroups(const struct forecast *f)
{
	return f->finished ? f->ngroups : 0;
}

const struct forecast_group *
forecast_group_at(const struct forecast *f, size_t i)
{
	return f->finished && i < f->ngroups ? &f->groups[i] : NULL;
}

/* The backtest */

struct bt_group {
	currency_id currency;
	uint32_t company;
	int64_t forecast[FORECAST_MAX_PERIODS], actual[FORECAST_MAX_PERIODS];
};

struct forecast_backtest {
	struct forecast_calendar past;
	civil_day as_of;
	struct bt_group *groups;        /* kept in group order */
	size_t ngroups, capgroups;
};

ar_err
forecast_backtest_new(const struct forecast_calendar *past, civil_day as_of,
    struct forecast_backtest **out)
{
	struct forecast_backtest *bt;

	*out = NULL;
	if (as_of == DATE_NONE || as_of < past->end[0])
		return AR_ERANGE;
	if ((bt = calloc(1, sizeof *bt)) == NULL)
		return AR_ENOMEM;
	bt->past = *past;
	bt->as_of = as_of;
	*out = bt;
	return AR_OK;
}

void
forecast_backtest_free(struct forecast_backtest *bt)
{
	if (bt == NULL)
		return;
	free(bt->groups);
	free(bt);
}

static struct bt_group *
bt_group_of(struct forecast_backtest *bt, currency_id currency, uint32_t company)
{
	size_t i = 0;

	while (i < bt->ngroups && group_cmp(bt->groups[i].currency, bt->groups[i].company,
	    currency, company) < 0)
		i++;
	if (i < bt->ngroups && bt->groups[i].currency == currency &&
	    bt->groups[i].company == company)
		return &bt->groups[i];
	if (!grow((void **)&bt->groups, &bt->capgroups, bt->ngroups, sizeof *bt->groups, 8))
		return NULL;
	memmove(&bt->groups[i + 1], &bt->groups[i], (bt->ngroups - i) * sizeof *bt->groups);
	memset(&bt->groups[i], 0, sizeof bt->groups[i]);
	bt->groups[i].currency = currency;
	bt->groups[i].company = company;
	bt->ngroups++;
	return &bt->groups[i];
}

ar_err
forecast_backtest_plan(struct forecast_backtest *bt, currency_id currency, uint32_t company,
    int period, int64_t amount)
{
	struct bt_group *g;

	if (!currency_ok(currency) || period < 0 || period >= bt->past.periods)
		return AR_EUSAGE;
	if ((g = bt_group_of(bt, currency, company)) == NULL)
		return AR_ENOMEM;
	return money_add(&g->forecast[period], amount);
}

ar_err
forecast_backtest_collect(struct forecast_backtest *bt, const struct forecast_paid *p)
{
	struct bt_group *g;
	int k;

	if (!currency_ok(p->currency))
		return AR_EUSAGE;
	if (p->amount <= 0 || p->clearing_date == DATE_NONE || p->clearing_date > bt->as_of ||
	    (p->doc_date != DATE_NONE && p->doc_date > bt->past.end[0]))
		return AR_OK;
	k = forecast_period_of(&bt->past, p->clearing_date);
	if (k < 0 || k >= bt->past.periods)
		return AR_OK;
	if ((g = bt_group_of(bt, p->currency, p->company)) == NULL)
		return AR_ENOMEM;
	return money_add(&g->actual[k], p->amount);
}

size_t
forecast_backtest_ngroups(const struct forecast_backtest *bt)
{
	return bt->ngroups;
}

void
forecast_backtest_group_key(const struct forecast_backtest *bt, size_t g, currency_id *currency,
    uint32_t *company)
{
	*currency = g < bt->ngroups ? bt->groups[g].currency : -1;
	*company = g < bt->ngroups ? bt->groups[g].company : 0;
}

static bool
period_over(const struct forecast_backtest *bt, int k)
{
	return bt->past.end[k + 1] <= bt->as_of;
}

/* The error and its per cents from forecast, actual and the absolute error. */
static ar_err
accuracy(struct forecast_accuracy *a, int64_t forecast, int64_t actual, i128 abs_error)
{
	i128 error = (i128)actual - forecast;

	if (error > INT64_MAX || error < -INT64_MAX || abs_error > INT64_MAX)
		return AR_ERANGE;
	a->forecast = forecast;
	a->actual = actual;
	a->error = (int64_t)error;
	a->abs_error = (int64_t)abs_error;
	a->pct_defined = forecast != 0;
	a->error_pct = a->pct_defined ? div_round(error * 1000, forecast < 0 ? -(i128)forecast :
	    forecast) : 0;
	a->abs_pct = a->pct_defined ? div_round(abs_error * 1000, forecast < 0 ? -(i128)forecast :
	    forecast) : 0;
	return AR_OK;
}

ar_err
forecast_backtest_period(const struct forecast_backtest *bt, size_t g, int k,
    struct forecast_accuracy *out)
{
	const struct bt_group *gr;
	i128 error;

	memset(out, 0, sizeof *out);
	if (g >= bt->ngroups || k < 0 || k >= bt->past.periods)
		return AR_EUSAGE;
	gr = &bt->groups[g];
	error = (i128)gr->actual[k] - gr->forecast[k];
	out->over = period_over(bt, k);
	out->periods_over = out->over;
	return accuracy(out, gr->forecast[k], gr->actual[k], error < 0 ? -error : error);
}

ar_err
forecast_backtest_total(const struct forecast_backtest *bt, size_t g,
    struct forecast_accuracy *out)
{
	const struct bt_group *gr;
	i128 forecast = 0, actual = 0, abs_error = 0;

	memset(out, 0, sizeof *out);
	if (g >= bt->ngroups)
		return AR_EUSAGE;
	gr = &bt->groups[g];
	for (int k = 0; k < bt->past.periods && period_over(bt, k); k++) {
		i128 e = (i128)gr->actual[k] - gr->forecast[k];

		forecast += gr->forecast[k];
		actual += gr->actual[k];
		abs_error += e < 0 ? -e : e;
		out->periods_over++;
	}
	if (forecast > INT64_MAX || forecast < INT64_MIN || actual > INT64_MAX ||
	    actual < INT64_MIN)
		return AR_ERANGE;
	out->over = out->periods_over == bt->past.periods;
	return accuracy(out, (int64_t)forecast, (int64_t)actual, abs_error);
}
