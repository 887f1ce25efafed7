/* pod.c - the claim of a proof of debt (pod.h). */
#include "ar/pod.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ar/interest.h"
#include "core/money.h"

static const char *const type_words[] = { "INV", "DN", "CN", "PAY", "INT", "FEE", "ADJ" };
static const char *const part_words[POD_PARTS] = { "unsecured", "preferential", "secured" };

/* A rate key of [pod], when set; whether it read. */
static bool
rate_key(const struct ar_config *cfg, const char *key, int64_t *rate, char *msg, size_t cap)
{
	char name[64];
	const char *text;

	snprintf(name, sizeof name, "pod:%s", key);
	if (!config_has(cfg, name))
		return true;
	text = config_get_string(cfg, name);
	if (interest_rate_parse(text, strlen(text), rate) == AR_OK)
		return true;
	snprintf(msg, cap, "%s: [pod] %s \"%s\" is not a yearly per cent from 0 to 1000",
	    config_path(cfg) ? config_path(cfg) : "ar.ini", key, text);
	return false;
}

ar_err
pod_policy_from_config(const struct ar_config *cfg, struct pod_policy *p, char *msg, size_t cap)
{
	p->interest_rate = 0;
	p->cap_bankruptcy = 6 * (int64_t)INTEREST_PER_CENT;     /* the Insolvency Act's rate */
	p->cap_company = -1;
	if (!rate_key(cfg, "interest_rate", &p->interest_rate, msg, cap) ||
	    !rate_key(cfg, "cap_bankruptcy", &p->cap_bankruptcy, msg, cap) ||
	    !rate_key(cfg, "cap_company", &p->cap_company, msg, cap))
		return AR_ECONFIG;
	return AR_OK;
}

ar_err
pod_rate(const struct pod_policy *p, const struct customer *c, int64_t *rate, struct ar_error *e)
{
	int64_t r = p->interest_rate, cap = -1;

	if (c->interest_rate[0] != '\0' &&
	    interest_rate_parse(c->interest_rate, strlen(c->interest_rate), &r) != AR_OK)
		return ar_error_set(e, AR_ESYNTAX, c->line, "interest_rate \"%s\" is not a yearly per "
		    "cent from 0 to 1000", c->interest_rate);
	if (strcasecmp(c->status, "bankruptcy") == 0)
		cap = p->cap_bankruptcy;
	else
		cap = p->cap_company;
	*rate = cap >= 0 && r > cap ? cap : r;
	return AR_OK;
}

bool
pod_doc_type_parse(const char *text, size_t len, enum pod_doc_type *out)
{
	for (size_t i = 0; i < sizeof type_words / sizeof type_words[0]; i++)
		if (strlen(type_words[i]) == len && strncasecmp(text, type_words[i], len) == 0) {
			*out = (enum pod_doc_type)i;
			return true;
		}
	return false;
}

bool
pod_part_parse(const char *text, size_t len, enum pod_part *out)
{
	if (len == 0) {
		*out = POD_UNSECURED;
		return true;
	}
	for (size_t i = 0; i < POD_PARTS; i++)
		if (strlen(part_words[i]) == len && strncasecmp(text, part_words[i], len) == 0) {
			*out = (enum pod_part)i;
			return true;
		}
	return false;
}

const char *
pod_doc_type_word(enum pod_doc_type t)
{
	return (unsigned)t < sizeof type_words / sizeof type_words[0] ? type_words[t] : "";
}

const char *
pod_part_word(enum pod_part p)
{
	return (unsigned)p < POD_PARTS ? part_words[p] : "";
}

void
pod_claim_init(struct pod_claim *c, civil_day cut_off, int64_t rate)
{
	memset(c, 0, sizeof *c);
	c->cut_off = cut_off;
	c->rate = rate;
}

ar_err
pod_claim_add_item(struct pod_claim *c, const struct pod_item *it, struct pod_line *line)
{
	struct pod_line l = { false, 0, 0 };

	if (it->doc_date > c->cut_off) {
		/* Listed apart, never claimed: charges after the cut-off, and receipts. */
		if (it->type == POD_PAY) {
			if (money_add(&c->post_receipts, -it->amount) != AR_OK)
				return AR_ERANGE;
		} else if (money_add(&c->post_items, it->amount) != AR_OK) {
			return AR_ERANGE;
		}
	} else {
		l.claimed = true;
		c->items++;
		if (money_add(&c->principal, it->amount) != AR_OK)
			return AR_ERANGE;
		if (it->amount > 0 && it->type != POD_INT && it->type != POD_FEE && it->type != POD_ADJ &&
		    it->due != DATE_NONE && it->due < c->cut_off) {
			l.interest_days = (long)(c->cut_off - it->due);
			l.interest = interest_simple(it->amount, c->rate, l.interest_days, 365);
		}
		if (money_add(&c->interest, l.interest) != AR_OK)
			return AR_ERANGE;
		if (it->amount > 0) {
			if (money_add(&c->gross[it->part], it->amount) != AR_OK ||
			    money_add(&c->gross[it->part], l.interest) != AR_OK)
				return AR_ERANGE;
		} else if (money_add(&c->credits, -it->amount) != AR_OK) {
			return AR_ERANGE;
		}
	}
	if (line != NULL)
		*line = l;
	return AR_OK;
}

ar_err
pod_claim_add_set_off(struct pod_claim *c, civil_day date, int64_t amount, bool *counted)
{
	*counted = date <= c->cut_off;
	if (*counted && money_add(&c->set_off, amount) != AR_OK)
		return AR_ERANGE;
	return AR_OK;
}

ar_err
pod_claim_finish(struct pod_claim *c)
{
	static const enum pod_part order[POD_PARTS] = { POD_UNSECURED, POD_PREFERENTIAL, POD_SECURED };
	int64_t total = c->principal, reduce = c->credits;

	if (money_add(&total, c->interest) != AR_OK || money_add(&total, -c->set_off) != AR_OK ||
	    money_add(&reduce, c->set_off) != AR_OK)
		return AR_ERANGE;
	c->net_claim = total > 0 ? total : 0;
	c->owed_to_debtor = total < 0 ? -total : 0;
	/* Credits, then set-off, off the unsecured part first, then the others. */
	for (size_t k = 0; k < POD_PARTS; k++) {
		int64_t g = c->gross[order[k]], take = reduce < g ? reduce : g;

		c->part[order[k]] = g - take;
		reduce -= take;
	}
	return AR_OK;
}
