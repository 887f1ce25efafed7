/* dunning.c - the dunning policy and the nightly decision (dunning.h). */
#include "ar/dunning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ar/interest.h"
#include "ar/regid.h"
#include "core/money.h"
#include "core/strtab.h"

/* ---- the policy ---- */

static const char *const channel_words[DUNNING_CHANNELS] = { "letter", "email", "sms", "im" };

bool
dunning_channels_parse(const char *text, unsigned *bits)
{
	const char *s = text;

	*bits = 0;
	while (*s != '\0') {
		size_t len, k;

		while (*s == ' ' || *s == ',' || *s == ';')
			s++;
		len = strcspn(s, " ,;");
		if (len == 0)
			break;
		for (k = 0; k < DUNNING_CHANNELS; k++)
			if (strlen(channel_words[k]) == len && strncasecmp(s, channel_words[k], len) == 0)
				break;
		if (k == DUNNING_CHANNELS)
			return false;
		*bits |= 1u << k;
		s += len;
	}
	return *bits != 0;
}

void
dunning_channels_text(unsigned bits, char *buf, size_t cap)
{
	size_t used = 0;

	if (cap > 0)
		buf[0] = '\0';
	for (size_t k = 0; k < DUNNING_CHANNELS; k++)
		if (bits & 1u << k) {
			int n = snprintf(buf + used, cap - used, "%s%s", used ? ";" : "", channel_words[k]);

			if (n < 0 || (size_t)n >= cap - used)
				return;
			used += (size_t)n;
		}
}

/* Copy [section] key into buf when set; whether it was. */
static bool
text_key(const struct ar_config *cfg, const char *section, const char *key, char *buf,
    size_t cap)
{
	char name[96];

	snprintf(name, sizeof name, "%s:%s", section, key);
	if (!config_has(cfg, name))
		return false;
	snprintf(buf, cap, "%s", config_get_string(cfg, name));
	return true;
}

ar_err
dunning_policy_from_config(const struct ar_config *cfg, struct dunning_policy *p, char *msg,
    size_t cap)
{
	const char *where = config_path(cfg) ? config_path(cfg) : "ar.ini";
	char text[DUNNING_TEXT_MAX];

	memset(p, 0, sizeof *p);
	p->grace_days = (int)config_get_long(cfg, "dunning:grace_days");
	p->min_days_between = (int)config_get_long(cfg, "dunning:min_days_between");
	p->basis = (int)config_get_long(cfg, "dunning:interest_basis");
	snprintf(p->fee, sizeof p->fee, "%s", config_get_string(cfg, "dunning:fee"));
	if (text_key(cfg, "dunning", "interest_rate", text, sizeof text) &&
	    interest_rate_parse(text, strlen(text), &p->interest_rate) != AR_OK) {
		snprintf(msg, cap, "%s: [dunning] interest_rate \"%s\" is not a yearly per cent "
		    "from 0 to 1000 with at most 6 decimals", where, text);
		return AR_ECONFIG;
	}
	text_key(cfg, "company", "country", p->company_country, sizeof p->company_country);
	for (char *c = p->company_country; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	for (int n = 1; n <= DUNNING_LEVELS_MAX + 1; n++) {
		char section[32];
		struct dunning_level *l = &p->level[n <= DUNNING_LEVELS_MAX ? n : 0];

		snprintf(section, sizeof section, "dunning.%d", n);
		if (!config_has_section(cfg, section))
			break;
		if (n > DUNNING_LEVELS_MAX) {
			snprintf(msg, cap, "%s: [%s]: at most %d dunning levels", where, section,
			    DUNNING_LEVELS_MAX);
			return AR_ECONFIG;
		}
		if (!text_key(cfg, section, "days", text, sizeof text)) {
			snprintf(msg, cap, "%s: [%s] needs days (days overdue from which an item "
			    "is at this level)", where, section);
			return AR_ECONFIG;
		}
		l->days = (int)config_get_long(cfg, (snprintf(text, sizeof text, "%s:days", section), text));
		if (n > 1 && l->days <= p->level[n - 1].days) {
			snprintf(msg, cap, "%s: [%s] days %d must be more than [dunning.%d] days %d",
			    where, section, l->days, n - 1, p->level[n - 1].days);
			return AR_ECONFIG;
		}
		text_key(cfg, section, "min_amount", l->min_amount, sizeof l->min_amount);
		text_key(cfg, section, "template", l->template_name, sizeof l->template_name);
		text_key(cfg, section, "fee", l->fee, sizeof l->fee);
		if (!text_key(cfg, section, "channels", text, sizeof text))
			snprintf(text, sizeof text, "letter");
		if (!dunning_channels_parse(text, &l->channels)) {
			snprintf(msg, cap, "%s: [%s] channels \"%s\" is not a list of letter, email, "
			    "sms, im", where, section, text);
			return AR_ECONFIG;
		}
		l->attach = config_get_bool(cfg, (snprintf(text, sizeof text, "%s:attach", section), text));
		l->pay_days = (int)config_get_long(cfg,
		    (snprintf(text, sizeof text, "%s:pay_days", section), text));
		text_key(cfg, section, "statutory_template", l->statutory_template,
		    sizeof l->statutory_template);
		if (!text_key(cfg, section, "statutory_min", l->statutory_min, sizeof l->statutory_min))
			snprintf(l->statutory_min, sizeof l->statutory_min, "50000.00");
		p->nlevels = (size_t)n;
	}
	/* A level past a gap ([dunning.1], [dunning.3]) or not a number would never be reached: say so. */
	{
		const char *names[64];
		size_t n = config_profiles(cfg, "dunning", names, 64);

		for (size_t i = 0; i < n && i < 64; i++) {
			char *end;
			long v = strtol(names[i], &end, 10);

			if (*end != '\0' || end == names[i] || v < 1 || (size_t)v > p->nlevels) {
				if (*end == '\0' && end != names[i] && v > 0)
					snprintf(msg, cap, "%s: [dunning.%s] without [dunning.%zu]: levels are "
					    "numbered 1, 2, ... without a gap, at most %d", where, names[i],
					    p->nlevels + 1, DUNNING_LEVELS_MAX);
				else
					snprintf(msg, cap, "%s: [dunning.%s]: a level is a number from 1 to %d",
					    where, names[i], DUNNING_LEVELS_MAX);
				return AR_ECONFIG;
			}
		}
	}
	return AR_OK;
}

ar_err
dunning_check_customer(const struct customer *c, struct ar_error *e)
{
	int64_t rate;
	unsigned bits;

	if (c->interest_rate[0] != '\0' &&
	    interest_rate_parse(c->interest_rate, strlen(c->interest_rate), &rate) != AR_OK)
		return ar_error_set(e, AR_ESYNTAX, c->line, "interest_rate \"%s\" is not a yearly "
		    "per cent from 0 to 1000 (18 for 18 %%)", c->interest_rate);
	if (c->channel[0] != '\0' && !dunning_channels_parse(c->channel, &bits))
		return ar_error_set(e, AR_ESYNTAX, c->line, "channel \"%s\" is not a list of "
		    "letter, email, sms", c->channel);
	return AR_OK;
}

/* ---- words ---- */

const char *
dunning_action_word(enum dunning_action a)
{
	static const char *const words[] = { "send", "skip", "route" };

	return (unsigned)a < 3 ? words[a] : "";
}

const char *
dunning_reason_word(enum dunning_reason r)
{
	static const char *const words[DUNNING_REASONS] = {
		"", "nothing_overdue", "below_minimum", "blocked", "promise", "dispute",
		"too_recent", "max_level", "insolvent", "legal", "agency", "written_off",
		"no_contact"
	};

	return (unsigned)r < DUNNING_REASONS ? words[r] : "";
}

/* ---- the run ---- */

struct account {
	uint32_t customer;
	currency_id currency;
	int64_t overdue, interest;
	long items, oldest_days;
	int max_level;              /* of undisputed debits */
	bool disputed_at_level;     /* a disputed debit reaches a level */
	bool bad_rate;              /* the customer's interest_rate does not read */
};

struct rate_cache {
	int64_t rate;
	signed char state;          /* 0 not worked out, 1 good, -1 does not read */
};

struct dunning {
	const struct dunning_policy *policy;
	const struct customer_table *ct;
	struct journal *journal;
	civil_day as_of;
	struct strtab *keys;        /* (customer, currency) -> account */
	struct account *acc;
	size_t nacc, capacc;
	struct rate_cache *rates;   /* by customer id */
	size_t nrates;
	size_t *order;              /* accounts sorted for dunning_decide */
};

ar_err
dunning_new(struct dunning **out, const struct dunning_policy *policy,
    const struct customer_table *customers, struct journal *journal, civil_day as_of)
{
	struct dunning *d = calloc(1, sizeof *d);

	*out = NULL;
	if (d == NULL || (d->keys = strtab_new(1024)) == NULL) {
		dunning_free(d);
		return AR_ENOMEM;
	}
	d->policy = policy;
	d->ct = customers;
	d->journal = journal;
	d->as_of = as_of;
	*out = d;
	return AR_OK;
}

void
dunning_free(struct dunning *d)
{
	if (d == NULL)
		return;
	strtab_free(d->keys);
	free(d->acc);
	free(d->rates);
	free(d->order);
	free(d);
}

static bool
is_country(const char *s, const char *code)
{
	return strcasecmp(s, code) == 0;
}

/* The yearly rate for customer c: its own, else 5 % in Taiwan, else the policy's. */
static bool
rate_of(struct dunning *d, uint32_t c, int64_t *rate)
{
	const struct customer *cu;
	const char *country;

	if (c >= d->nrates) {
		size_t n = strtab_count(d->ct->ids);
		struct rate_cache *v = realloc(d->rates, n * sizeof *v);

		if (v == NULL)
			return false;
		memset(v + d->nrates, 0, (n - d->nrates) * sizeof *v);
		d->rates = v;
		d->nrates = n;
	}
	if (d->rates[c].state == 0) {
		cu = customers_get(d->ct, c);
		country = cu->country[0] ? cu->country : d->policy->company_country;
		d->rates[c].state = 1;
		if (cu->interest_rate[0] != '\0') {
			if (interest_rate_parse(cu->interest_rate, strlen(cu->interest_rate),
			    &d->rates[c].rate) != AR_OK)
				d->rates[c].state = -1;
		} else {
			d->rates[c].rate = is_country(country, "TW") ? INTEREST_RATE_TW :
			    d->policy->interest_rate;
		}
	}
	*rate = d->rates[c].rate;
	return d->rates[c].state > 0;
}

static ar_err
account_of(struct dunning *d, uint32_t customer, currency_id cur, struct account **out)
{
	unsigned char key[8];
	uint32_t id;
	bool added;
	ar_err err;

	memcpy(key, &customer, 4);
	memcpy(key + 4, &cur, sizeof cur < 4 ? sizeof cur : 4);
	if ((err = strtab_intern(d->keys, (const char *)key, 8, &id, &added)) != AR_OK)
		return err;
	if (added) {
		if (d->nacc == d->capacc) {
			size_t cap = d->capacc ? d->capacc * 2 : 1024;
			struct account *v = realloc(d->acc, cap * sizeof *v);

			if (v == NULL)
				return AR_ENOMEM;
			d->acc = v;
			d->capacc = cap;
		}
		d->acc[d->nacc++] = (struct account){ customer, cur, 0, 0, 0, 0, 0, false, false };
	}
	*out = &d->acc[id];
	return AR_OK;
}

/* The level days past due (after grace) reach: 0 for none. */
static int
level_for(const struct dunning_policy *p, long days)
{
	long after = days - p->grace_days;
	int level = 0;

	for (size_t n = 1; n <= p->nlevels; n++)
		if (days > 0 && after >= p->level[n].days)
			level = (int)n;
	return level;
}

/* Whether the journal has an open dispute on the item (or the whole account). */
static bool
journal_says_disputed(const struct dunning *d, uint32_t customer, const char *doc_no, size_t len)
{
	const char *id;

	if (d->journal == NULL)
		return false;
	id = strtab_key(d->ct->ids, customer);
	return journal_disputed(d->journal, id, strlen(id), doc_no, len);
}

ar_err
dunning_add_item(struct dunning *d, uint32_t customer, const char *doc_no, size_t len,
    civil_day due, currency_id currency, int64_t amount, bool disputed)
{
	struct account *a;
	long days;
	int level;
	int64_t rate;
	ar_err err;

	if (d->order != NULL || customer >= strtab_count(d->ct->ids))
		return AR_EUSAGE;
	if ((err = account_of(d, customer, currency, &a)) != AR_OK)
		return err;
	if (due == DATE_NONE || (days = (long)(d->as_of - due)) <= 0)
		return AR_OK;       /* not overdue: counts nowhere, but the account exists */
	disputed = disputed || journal_says_disputed(d, customer, doc_no, len);
	level = amount > 0 ? level_for(d->policy, days) : 0;
	if (disputed) {
		a->disputed_at_level = a->disputed_at_level || level > 0;
		return AR_OK;
	}
	if (money_add(&a->overdue, amount) != AR_OK)
		return AR_ERANGE;
	if (amount <= 0)
		return AR_OK;
	a->items++;
	if (days > a->oldest_days)
		a->oldest_days = days;
	if (level > a->max_level)
		a->max_level = level;
	if (!rate_of(d, customer, &rate))
		a->bad_rate = true;
	else if (money_add(&a->interest, interest_simple(amount, rate,
	    days - d->policy->grace_days, d->policy->basis)) != AR_OK)
		return AR_ERANGE;
	return AR_OK;
}

static const struct dunning *sort_ctx;  /* qsort has no context argument */

static int
cmp_accounts(const void *pa, const void *pb)
{
	const struct account *a = &sort_ctx->acc[*(const size_t *)pa];
	const struct account *b = &sort_ctx->acc[*(const size_t *)pb];
	int c;

	if (a->customer != b->customer &&
	    (c = strcmp(strtab_key(sort_ctx->ct->ids, a->customer),
	    strtab_key(sort_ctx->ct->ids, b->customer))) != 0)
		return c;
	return strcmp(currency_code(a->currency), currency_code(b->currency));
}

size_t
dunning_count(struct dunning *d)
{
	if (d->order == NULL) {
		if ((d->order = malloc((d->nacc ? d->nacc : 1) * sizeof *d->order)) == NULL)
			return 0;
		for (size_t i = 0; i < d->nacc; i++)
			d->order[i] = i;
		sort_ctx = d;
		if (d->nacc > 1)
			qsort(d->order, d->nacc, sizeof *d->order, cmp_accounts);
		sort_ctx = NULL;
	}
	return d->nacc;
}

/* An amount of the policy ("" is zero) in currency cur. */
static ar_err
policy_amount(const char *text, currency_id cur, int64_t *out)
{
	*out = 0;
	if (text[0] == '\0')
		return AR_OK;
	/* "500.00" is 500 yen: a policy names one amount for every currency. */
	return money_parse_ungrouped(text, strlen(text), currency_exponent(cur), MONEY_DECIMAL_POINT,
	    out);
}

/* A flag of the master that is on: anything but "", "no", "0", "false". */
static bool
flag_on(const char *s)
{
	return s[0] != '\0' && strcasecmp(s, "no") != 0 && strcmp(s, "0") != 0 &&
	    strcasecmp(s, "false") != 0 && strcasecmp(s, "n") != 0;
}

/* The channels of bits the customer can be reached by. */
static unsigned
reachable(const struct customer *c, unsigned bits)
{
	unsigned ok = 0;

	if ((bits & DUNNING_LETTER) && c->address[0] != '\0')
		ok |= DUNNING_LETTER;
	if ((bits & DUNNING_EMAIL) && c->email[0] != '\0')
		ok |= DUNNING_EMAIL;
	if ((bits & DUNNING_SMS) && c->phone[0] != '\0')
		ok |= DUNNING_SMS;
	if ((bits & DUNNING_IM) && c->phone[0] != '\0')
		ok |= DUNNING_IM;
	return ok;
}

/* last, last_date: the level the journal shows sent in the account's currency, and when. */
static void
decide(struct dunning *d, const struct account *a, const struct journal_facts *jf,
    int last, civil_day last_date, struct dunning_decision *out, int64_t min_amount)
{
	const struct dunning_policy *p = d->policy;
	const struct customer *c = customers_get(d->ct, a->customer);
	int next;
	unsigned channels = 0;

	out->action = DUNNING_SKIP;
	if (strcasecmp(c->status, "written_off") == 0) {
		out->reason = DUNNING_WRITTEN_OFF;
		return;
	}
	out->action = DUNNING_ROUTE;
	if (strcasecmp(c->status, "liquidation") == 0 || strcasecmp(c->status, "administration") == 0 ||
	    strcasecmp(c->status, "judicial_management") == 0 ||
	    strcasecmp(c->status, "bankruptcy") == 0) {
		out->reason = DUNNING_INSOLVENT;
		return;
	}
	if (strcasecmp(c->status, "legal") == 0 || strcasecmp(c->status, "agency") == 0) {
		out->reason = strcasecmp(c->status, "legal") == 0 ? DUNNING_LEGAL : DUNNING_AGENCY;
		return;
	}
	/* The journal's own record: an open legal case (ar-legal), an agency (ar-agency). */
	if (jf != NULL && (jf->legal_open || jf->with_agency)) {
		out->reason = jf->legal_open ? DUNNING_LEGAL : DUNNING_AGENCY;
		return;
	}
	out->action = DUNNING_SKIP;
	if (a->max_level == 0) {
		out->reason = a->disputed_at_level ? DUNNING_DISPUTE : DUNNING_NOTHING_OVERDUE;
		return;
	}
	if (flag_on(c->dunning_block) || (jf != NULL && jf->held)) {
		out->reason = DUNNING_BLOCKED;
		return;
	}
	if (jf != NULL && jf->promise_open) {
		out->reason = DUNNING_PROMISE;
		return;
	}
	next = a->max_level < last + 1 ? a->max_level : last + 1;
	if (next <= last) {
		out->reason = DUNNING_MAX_LEVEL;
		return;
	}
	if (last_date != DATE_NONE &&
	    (d->as_of <= last_date || d->as_of - last_date < p->min_days_between)) {
		out->reason = DUNNING_TOO_RECENT;
		return;
	}
	if (a->overdue < min_amount || a->overdue <= 0) {
		out->reason = DUNNING_BELOW_MINIMUM;
		return;
	}
	if (c->channel[0] != '\0' && dunning_channels_parse(c->channel, &channels))
		channels = reachable(c, channels);
	else
		channels = reachable(c, p->level[next].channels);
	if (channels == 0) {
		out->reason = DUNNING_NO_CONTACT;
		return;
	}
	out->action = DUNNING_SEND;
	out->reason = DUNNING_NONE;
	out->level = next;
	out->channels = channels;
	out->template_name = p->level[next].template_name;
	out->attach = p->level[next].attach;
	out->pay_days = p->level[next].pay_days;
}

bool
dunning_is_company(const struct customer *c)
{
	static const char *const suffixes[] = { "sdn. bhd.", "sdn bhd", "berhad", "bhd.", "bhd" };
	size_t n = strlen(c->name);
	struct regid id;

	if (c->entity[0] != '\0')
		return strcasecmp(c->entity, "company") == 0;
	/* A registration number that reads says who holds it; SSM's entity type 01 a local company. */
	if (c->reg_no[0] != '\0' && regid_parse(c->id_type, c->reg_no, &id, NULL, 0) == AR_OK)
		return id.holder == REGID_COMPANY && (id.type != REGID_SSM || id.id_new[0] == '\0' ||
		    (id.id_new[4] == '0' && id.id_new[5] == '1'));
	while (n > 0 && (c->name[n - 1] == ' ' || c->name[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);

		if (n >= k && strncasecmp(c->name + n - k, suffixes[i], k) == 0 &&
		    (n == k || c->name[n - k - 1] == ' '))
			return true;
	}
	return false;
}

/* Whether the send of decision x goes out as the level's statutory notice. */
static ar_err
statutory_applies(const struct dunning *d, const struct dunning_decision *x, bool *applies)
{
	const struct dunning_level *l = &d->policy->level[x->level];
	const struct customer *c = customers_get(d->ct, x->customer);
	const char *country = c->country[0] ? c->country : d->policy->company_country;
	int64_t min, owed;
	ar_err err;

	*applies = false;
	if (l->statutory_template[0] == '\0' || strcmp(currency_code(x->currency), "MYR") != 0 ||
	    !is_country(country, "MY") || !dunning_is_company(c))
		return AR_OK;
	if ((err = policy_amount(l->statutory_min, x->currency, &min)) != AR_OK)
		return err;
	owed = x->overdue_amount;
	if (money_add(&owed, x->interest) != AR_OK)
		return AR_ERANGE;
	*applies = owed > min;
	return AR_OK;
}

ar_err
dunning_decide(struct dunning *d, size_t i, struct dunning_decision *out, struct ar_error *e)
{
	const struct account *a;
	const struct journal_facts *jf = NULL;
	const char *id;
	int64_t min_amount = 0;
	int last = 0;
	civil_day last_date = DATE_NONE;
	ar_err err;

	if (dunning_count(d) <= i || d->order == NULL)
		return AR_EUSAGE;
	a = &d->acc[d->order[i]];
	id = strtab_key(d->ct->ids, a->customer);
	memset(out, 0, sizeof *out);
	out->customer = a->customer;
	out->currency = a->currency;
	out->overdue_amount = a->overdue;
	out->interest = a->interest;
	out->items = a->items;
	out->oldest_days = a->oldest_days;
	out->level = a->max_level;
	out->template_name = "";
	if (a->bad_rate)
		return ar_error_set(e, AR_ECONFIG, 0, "customer \"%s\": interest_rate \"%s\" is not "
		    "a yearly per cent", id, customers_get(d->ct, a->customer)->interest_rate);
	if (d->journal != NULL)
		jf = journal_find(d->journal, id, strlen(id));
	out->broken_promise = jf != NULL && jf->promise_broken;
	if (d->journal != NULL)
		journal_dunned(d->journal, id, strlen(id), a->currency, &last, &last_date);
	if (a->max_level > 0) {
		int next = last + 1 < a->max_level ? last + 1 : a->max_level;

		if ((err = policy_amount(d->policy->level[next].min_amount, a->currency,
		    &min_amount)) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "[dunning.%d] min_amount \"%s\" does not "
			    "read in %s", next, d->policy->level[next].min_amount,
			    currency_code(a->currency));
	}
	decide(d, a, jf, last, last_date, out, min_amount);
	if (out->action == DUNNING_SEND) {
		const char *fee = d->policy->level[out->level].fee[0] ? d->policy->level[out->level].fee :
		    d->policy->fee;

		bool statutory;

		if ((err = policy_amount(fee, a->currency, &out->fee)) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "the fee \"%s\" of [dunning.%d] does not "
			    "read in %s", fee, out->level, currency_code(a->currency));
		if (statutory_applies(d, out, &statutory) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "[dunning.%d] statutory_min \"%s\" is not "
			    "an amount in MYR", out->level, d->policy->level[out->level].statutory_min);
		if (statutory) {
			out->statutory = true;
			out->template_name = d->policy->level[out->level].statutory_template;
			out->pay_days = DUNNING_STATUTORY_DAYS;
			/* Served as a letter, e-mailed only with the letter attached. */
			out->channels = (out->channels & DUNNING_EMAIL) | DUNNING_LETTER;
			out->attach = true;
		}
	}
	return AR_OK;
}

ar_err
dunning_item_line(struct dunning *d, uint32_t customer, const char *doc_no, size_t len,
    civil_day due, int64_t amount, bool disputed, bool *in_letter, long *days, int64_t *interest)
{
	int64_t rate;

	*in_letter = false;
	*days = 0;
	*interest = 0;
	if (due == DATE_NONE || (*days = (long)(d->as_of - due)) <= 0)
		return AR_OK;
	if (disputed || journal_says_disputed(d, customer, doc_no, len))
		return AR_OK;
	*in_letter = true;
	if (amount <= 0)
		return AR_OK;
	if (!rate_of(d, customer, &rate))
		return AR_ECONFIG;
	*interest = interest_simple(amount, rate, *days - d->policy->grace_days, d->policy->basis);
	return AR_OK;
}
