/*
 * match_probe.c - what the engine knows of a payment, for a tool that
 * only looks (match.h, probing; ar-remit): who paid by the strongest sign,
 * the customer its texts cite, and a customer's items with what is open
 * and cited.  Found exactly as the rules find them (match_ident.c, rule
 * 2's keys); nothing is applied.
 */
#include <string.h>

#include "ar/match_int.h"

/* The one customer whose open items in p's currency p's texts cite; NONE when none or several. */
static uint32_t
cited_customer(const struct match_engine *m, const struct payment *p)
{
	struct docref_list list;
	uint32_t who = NONE;

	match_extract_refs(p, &list);
	for (size_t k = 0; k < list.n; k++) {
		uint32_t id;

		if (!strtab_find(m->keys, list.key[k], strlen(list.key[k]), &id))
			continue;
		for (uint32_t j = m->key_start[id]; j < m->key_start[id + 1]; j++) {
			const struct mitem *it = &m->items[m->key_items[j]];

			if (it->cur != p->currency || it->open == 0)
				continue;
			if (who != NONE && who != it->customer)
				return NONE;
			who = it->customer;
		}
	}
	return who;
}

void
match_probe_payer(struct match_engine *m, const struct payment *p, struct match_payer *out)
{
	struct guess top[3];
	uint32_t cust = NONE;

	out->sign = MATCH_PAYER_NONE;
	out->customer = out->cited = MATCH_NOBODY;
	for (int i = 0; i < 3; i++)
		out->names[i] = (struct match_name_guess){ MATCH_NOBODY, 0 };
	if (!m->ready)
		return;
	switch (match_identify(m, p, &cust, top)) {
	case IDENT_STRONG: {
		struct payment by_account = *p;
		uint32_t c2;

		/* The payer account is tried first: when it alone names one, it did. */
		by_account.ref1 = "";
		out->sign = match_identify_strong(m, &by_account, &c2) == IDENT_STRONG ?
		    MATCH_PAYER_ACCOUNT : MATCH_PAYER_REF1;
		out->customer = cust;
		break;
	}
	case IDENT_NAME:
		out->sign = MATCH_PAYER_NAME;
		out->customer = cust;
		break;
	case IDENT_AMBIGUOUS:
		out->sign = MATCH_PAYER_AMBIGUOUS;
		break;
	case IDENT_NONE:
		break;
	}
	for (int i = 0; i < 3; i++)
		out->names[i] = (struct match_name_guess){ top[i].customer, top[i].score };
	out->cited = cited_customer(m, p);
}

void
match_probe_items(const struct match_engine *m, uint32_t customer, const struct payment *p,
    void (*each)(void *arg, const struct match_probe_item *item), void *arg)
{
	struct docref_list list;
	uint32_t keys[DOCREF_MAX];
	size_t nkeys = 0, lo, end;

	if (!m->ready)
		return;
	match_extract_refs(p, &list);
	for (size_t i = 0; i < list.n && nkeys < DOCREF_MAX; i++)
		if (strtab_find(m->keys, list.key[i], strlen(list.key[i]), &keys[nkeys]))
			nkeys++;
	match_customer_items(m, customer, p->currency, &lo, &end);
	for (size_t j = lo; j < end; j++) {
		const struct mitem *it = &m->items[m->by_cust[j].item];
		struct match_probe_item pi = { m->by_cust[j].item, it->open, false };

		for (size_t k = 0; it->key != NONE && k < nkeys && !pi.cited; k++)
			pi.cited = keys[k] == it->key;
		each(arg, &pi);
	}
}
