/* aging_merge.c - one aging added into another (aging_merge.h). */
#include "report/aging_merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* from's sums into row; AR_ERANGE when one overflows. */
static ar_err
add_sums(struct aging_row *row, const struct aging_row *from, int columns)
{
	bool ok = true;

	for (int col = 0; col < columns; col++)
		ok &= money_add(&row->bucket[col], from->bucket[col]) == AR_OK;
	ok &= money_add(&row->total, from->total) == AR_OK;
	ok &= money_add(&row->past_due, from->past_due) == AR_OK;
	ok &= money_add(&row->disputed, from->disputed) == AR_OK;
	if (!ok)
		return AR_ERANGE;
	row->items += from->items;
	if (from->oldest_days > row->oldest_days)
		row->oldest_days = from->oldest_days;
	return AR_OK;
}

/* The id of key in rep: a customer (named from name if the master has none), or a group. */
static ar_err
key_id(struct aging_report *rep, const char *key, size_t key_len, const char *name,
    size_t name_len, uint32_t *id)
{
	bool added;
	ar_err err;

	if (rep->group_by != AGING_GROUP_CUSTOMER)
		return strtab_intern(rep->groups, key, key_len, id, &added);
	if ((err = customers_intern(rep->customers, key, key_len, id, &added)) != AR_OK)
		return err;
	if (name_len > 0 && !customers_hot(rep->customers, *id).named)
		return customers_set_name(rep->customers, *id, name, name_len);
	return AR_OK;
}

/* from into rep's row of key id. */
static ar_err
merge_into(struct aging_report *rep, uint32_t id, const struct aging_row *from,
    const char *oldest_doc)
{
	struct aging_row *row = aging_table_row(&rep->table, id, from->currency);
	int32_t before;
	ar_err err;

	if (row == NULL)
		return AR_ENOMEM;
	before = row->oldest_days;
	if ((err = add_sums(row, from, aging_columns(&rep->policy.buckets))) != AR_OK)
		return err;
	if (rep->track_oldest && oldest_doc != NULL && from->oldest_days > 0 &&
	    from->oldest_days >= before)
		return aging_report_keep_oldest_doc(rep, row, oldest_doc, strlen(oldest_doc),
		    from->oldest_days > before);
	return AR_OK;
}

ar_err
aging_merge_row(struct aging_report *rep, const char *key, size_t key_len,
    const char *name, size_t name_len, const struct aging_row *from, const char *oldest_doc)
{
	uint32_t id;
	ar_err err;

	if ((err = key_id(rep, key, key_len, name, name_len, &id)) != AR_OK)
		return err;
	return merge_into(rep, id, from, oldest_doc);
}

ar_err
aging_merge_side(struct aging_report *rep, enum aging_side_kind kind,
    const char *key, size_t key_len, const struct aging_row *from)
{
	struct aging_side **side = kind == AGING_SIDE_COMPANY ? &rep->by_company : &rep->by_collector;
	struct aging_row *row;
	uint32_t id;

	if (*side == NULL) {
		if ((*side = calloc(1, sizeof **side)) == NULL ||
		    ((*side)->names = strtab_new(64)) == NULL)
			return AR_ENOMEM;
		aging_table_init(&(*side)->table);
	}
	if (strtab_intern((*side)->names, key, key_len, &id, NULL) != AR_OK ||
	    (row = aging_table_row(&(*side)->table, id, from->currency)) == NULL)
		return AR_ENOMEM;
	return add_sums(row, from, aging_columns(&rep->policy.buckets));
}

static ar_err
merge_sides(struct aging_report *rep, enum aging_side_kind kind, const struct aging_side *side)
{
	ar_err err;

	if (side == NULL)
		return AR_OK;
	for (size_t i = 0; i < side->table.n; i++) {
		const struct aging_row *r = &side->table.rows[i];

		if ((err = aging_merge_side(rep, kind, strtab_key(side->names, r->key),
		    strtab_key_len(side->names, r->key), r)) != AR_OK)
			return err;
	}
	return AR_OK;
}

/*
 * Every customer from has seen, in its order, rows or not (an item skipped
 * still counts its customer as not in the master), with the name an item
 * gave it (a master's customer without a name too: key_id keeps a name
 * rep has); ids[] maps from's ids to rep's.
 */
static ar_err
merge_customers(struct aging_report *rep, const struct aging_report *from, uint32_t *ids)
{
	const struct customer_table *fc = from->customers;
	size_t n = strtab_count(fc->ids);
	ar_err err;

	for (size_t i = 0; i < n; i++) {
		struct customer_hot hot = customers_hot(fc, (uint32_t)i);
		const char *name = hot.named ? customers_get(fc, (uint32_t)i)->name : "";

		bool added;

		/* Interned whatever the grouping: the customers not in the master are counted. */
		if ((err = customers_intern(rep->customers, strtab_key(fc->ids, (uint32_t)i),
		    strtab_key_len(fc->ids, (uint32_t)i), &ids[i], &added)) != AR_OK)
			return err;
		if (name[0] != '\0' && !customers_hot(rep->customers, ids[i]).named &&
		    (err = customers_set_name(rep->customers, ids[i], name, strlen(name))) != AR_OK)
			return err;
	}
	return AR_OK;
}

static void
add_counts(struct aging_report *rep, const struct aging_report *from)
{
	rep->rows += from->rows;
	rep->from_terms += from->from_terms;
	rep->credits_from_doc += from->credits_from_doc;
	rep->not_in_master += from->not_in_master;
	rep->currency_defaulted += from->currency_defaulted;
	rep->duplicates += from->duplicates;
	rep->skipped += from->skipped;
	rep->skipped_unread += from->skipped_unread;
	rep->magnitude = money_magnitude_add(rep->magnitude, from->magnitude);
	for (int c = 0; c < CURRENCY_MAX; c++)
		if (money_add(&rep->skipped_amount[c], from->skipped_amount[c]) != AR_OK)
			rep->skipped_amount[c] = from->skipped_amount[c] < 0 ? INT64_MIN : INT64_MAX;
}

ar_err
aging_merge_report(struct aging_report *rep, const struct aging_report *from,
    currency_id *currency, const char **key)
{
	uint32_t *ids = NULL;
	ar_err err = AR_OK;

	if ((ids = malloc((strtab_count(from->customers->ids) + 1) * sizeof *ids)) == NULL)
		return AR_ENOMEM;
	if ((err = merge_customers(rep, from, ids)) != AR_OK)
		goto out;
	for (size_t i = 0; i < from->table.n; i++) {
		const struct aging_row *r = &from->table.rows[i];
		uint32_t id;

		if (rep->group_by == AGING_GROUP_CUSTOMER)
			id = ids[r->key];
		else if ((err = strtab_intern(rep->groups, strtab_key(from->groups, r->key),
		    strtab_key_len(from->groups, r->key), &id, NULL)) != AR_OK)
			goto out;
		if ((err = merge_into(rep, id, r, aging_report_oldest_doc(from, r))) != AR_OK) {
			*currency = r->currency;
			*key = aging_report_key(from, r);
			goto out;
		}
	}
	if ((err = merge_sides(rep, AGING_SIDE_COMPANY, from->by_company)) != AR_OK ||
	    (err = merge_sides(rep, AGING_SIDE_COLLECTOR, from->by_collector)) != AR_OK)
		goto out;
	add_counts(rep, from);
out:
	free(ids);
	return err;
}
