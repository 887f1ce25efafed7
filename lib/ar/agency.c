/* agency.c - collection agencies: contracts, assignments, commission (agency.h). */
#include "ar/agency.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strtab.h"

static bool
name_ok(const char *name)
{
	size_t i;

	for (i = 0; name[i] != '\0'; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' && name[i] != '_')
			return false;
	return i >= 1 && i <= AGENCY_NAME_MAX;
}

/* "agency.NAME:KEY" of the contract. */
static const char *
key_of(const struct agency_contract *c, const char *key, char *buf, size_t cap)
{
	snprintf(buf, cap, "agency.%s:%s", c->name, key);
	return buf;
}

static civil_day
date_of(const struct agency_contract *c, const char *key)
{
	char k[96];
	const char *s;
	civil_day day = DATE_NONE;

	key_of(c, key, k, sizeof k);
	if (config_has(c->cfg, k) && (s = config_get_string(c->cfg, k)) != NULL && s[0] != '\0')
		(void)date_parse_format(s, strlen(s), "%Y-%m-%d", &day);
	return day;
}

ar_err
agency_contract_load(const struct ar_config *cfg, const char *name,
    currency_id default_currency, struct agency_contract *out, struct ar_error *e)
{
	char section[AGENCY_NAME_MAX + 8], k[96];
	size_t i;

	memset(out, 0, sizeof *out);
	if (!name_ok(name)) {
		ar_error_set(e, AR_ESYNTAX, 0, "agency \"%.60s\" is not 1 to %d letters, digits, "
		    "'-' or '_'", name, AGENCY_NAME_MAX);
		return AR_ESYNTAX;
	}
	for (i = 0; name[i] != '\0'; i++)
		out->name[i] = (char)tolower((unsigned char)name[i]);
	out->name[i] = '\0';
	snprintf(section, sizeof section, "agency.%s", out->name);
	if (!config_has_section(cfg, section)) {
		const char *names[16];
		char list[400] = "";
		size_t n = config_profiles(cfg, "agency", names, 16);

		for (size_t j = 0; j < n && j < 16; j++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", j ? ", " : "",
			    names[j]);
		ar_error_set(e, AR_ECOLUMN, 0, "no [agency.%s] in %s (%s%s)", out->name,
		    config_path(cfg)[0] != '\0' ? config_path(cfg) : "the configuration",
		    n ? "its agencies: " : "it has no agency", list);
		return AR_ECOLUMN;
	}
	out->cfg = cfg;
	out->default_currency = default_currency;
	out->contact = config_get_string(cfg, key_of(out, "contact", k, sizeof k));
	out->exclude = config_get_string(cfg, key_of(out, "exclude", k, sizeof k));
	out->start = date_of(out, "contract_start");
	out->end = date_of(out, "contract_end");
	out->basis = strcmp(config_get_string(cfg, key_of(out, "tier_basis", k, sizeof k)),
	    "debt_age") == 0 ? AGENCY_DEBT_AGE : AGENCY_DAYS_ASSIGNED;
	if (tiers_parse(config_get_string(cfg, key_of(out, "tiers", k, sizeof k)), &out->tiers) !=
	    AR_OK) {
		ar_error_set(e, AR_ESYNTAX, 0, "[agency.%s] tiers do not read", out->name);
		return AR_ESYNTAX;   /* checked at load: not reached */
	}
	return AR_OK;
}

bool
agency_excludes(const struct agency_contract *c, const char *customer, size_t len)
{
	const char *s = c->exclude != NULL ? c->exclude : "";

	while (*s != '\0') {
		const char *end = strchr(s, ','), *a = s, *b;

		if (end == NULL)
			end = s + strlen(s);
		while (a < end && (*a == ' ' || *a == '\t'))
			a++;
		for (b = end; b > a && (b[-1] == ' ' || b[-1] == '\t'); b--)
			;
		if ((size_t)(b - a) == len && memcmp(a, customer, len) == 0)
			return true;
		s = *end == ',' ? end + 1 : end;
	}
	return false;
}

bool
agency_in_contract(const struct agency_contract *c, civil_day day)
{
	return (c->start == DATE_NONE || day >= c->start) && (c->end == DATE_NONE || day <= c->end);
}

bool
agency_min_fee(const struct agency_contract *c, currency_id cur, int64_t *fee)
{
	char k[96], code[4];
	const char *s;

	for (int i = 0; i < 3; i++)
		code[i] = (char)tolower((unsigned char)currency_code(cur)[i]);
	code[3] = '\0';
	snprintf(k, sizeof k, "agency.%s:min_fee.%s", c->name, code);
	if (!config_has(c->cfg, k)) {
		if (cur != c->default_currency)
			return false;
		key_of(c, "min_fee", k, sizeof k);
		if (!config_has(c->cfg, k))
			return false;
	}
	s = config_get_string(c->cfg, k);
	return money_parse(s, strlen(s), currency_exponent(cur), MONEY_DECIMAL_POINT, fee) ==
	    AR_OK;
}

ar_err
agency_commission_of(const struct agency_contract *c, civil_day value_date,
    civil_day assigned, civil_day oldest_due, int64_t amount, struct agency_commission *out)
{
	civil_day from = c->basis == AGENCY_DEBT_AGE && oldest_due != DATE_NONE ? oldest_due :
	    assigned;
	int64_t days = (int64_t)value_date - (int64_t)from;

	out->days = days < 0 ? 0 : days > TIERS_DAYS_MAX * 2 ? TIERS_DAYS_MAX * 2 : (int)days;
	out->tier = tiers_index_for(&c->tiers, out->days);
	out->rate = c->tiers.rate[out->tier];
	return tiers_apply(amount, out->rate, &out->commission);
}

/* The register. */

struct stored_row {
	uint32_t customer;
	civil_day date;
	long line;
	bool recall, has_amount;
	char agency[AGENCY_NAME_MAX + 1];
	int64_t amount;
	currency_id currency;
	civil_day oldest_due;
};

struct agency_register {
	struct strtab *customers;
	struct stored_row *rows;
	size_t nrows, caprows;
	struct agency_span *spans;
	size_t nspans;
	uint32_t *first;                  /* per customer: its first span; nspans when none */
	uint32_t *count;
};

ar_err
agency_register_new(struct agency_register **out)
{
	struct agency_register *r = calloc(1, sizeof *r);

	*out = NULL;
	if (r == NULL || (r->customers = strtab_new(256)) == NULL) {
		free(r);
		return AR_ENOMEM;
	}
	*out = r;
	return AR_OK;
}

void
agency_register_free(struct agency_register *r)
{
	if (r == NULL)
		return;
	strtab_free(r->customers);
	free(r->rows);
	free(r->spans);
	free(r->first);
	free(r->count);
	free(r);
}

ar_err
agency_register_add(struct agency_register *r, const struct agency_row *row)
{
	struct stored_row *s;
	uint32_t id;
	bool added;
	size_t i;

	if (row->agency == NULL || !name_ok(row->agency))
		return AR_ESYNTAX;
	if (strtab_intern(r->customers, row->customer, strlen(row->customer), &id, &added) !=
	    AR_OK)
		return AR_ENOMEM;
	if (r->nrows == r->caprows) {
		size_t n = r->caprows ? 2 * r->caprows : 64;
		struct stored_row *g = realloc(r->rows, n * sizeof *g);

		if (g == NULL)
			return AR_ENOMEM;
		r->rows = g;
		r->caprows = n;
	}
	s = &r->rows[r->nrows++];
	*s = (struct stored_row){ id, row->date, row->line, row->recall, row->has_amount, "",
	    row->amount, row->currency, row->oldest_due };
	for (i = 0; row->agency[i] != '\0'; i++)
		s->agency[i] = (char)tolower((unsigned char)row->agency[i]);
	s->agency[i] = '\0';
	return AR_OK;
}

static int
by_customer_date_line(const void *a, const void *b)
{
	const struct stored_row *x = a, *y = b;

	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

ar_err
agency_register_finish(struct agency_register *r, struct ar_error *e)
{
	size_t ncust = strtab_count(r->customers);
	struct agency_span *open = NULL;

	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof *r->rows, by_customer_date_line);
	if ((r->spans = calloc(r->nrows ? r->nrows : 1, sizeof *r->spans)) == NULL ||
	    (r->first = calloc(ncust ? ncust : 1, sizeof *r->first)) == NULL ||
	    (r->count = calloc(ncust ? ncust : 1, sizeof *r->count)) == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct stored_row *s = &r->rows[i];
		const char *who = strtab_key(r->customers, s->customer);

		if (i == 0 || s->customer != r->rows[i - 1].customer) {
			open = NULL;
			r->first[s->customer] = (uint32_t)r->nspans;
		}
		if (s->recall) {
			if (open == NULL || strcmp(open->agency, s->agency) != 0) {
				ar_error_set(e, AR_ESYNTAX, s->line, "agency_recall of %s from %s, "
				    "with which it is not", who, s->agency);
				return AR_ESYNTAX;
			}
			open->to = s->date;
			open = NULL;
			continue;
		}
		/* The rows of one assignment: one per currency, the same day and agency. */
		if (open != NULL && !(open->from == s->date && strcmp(open->agency, s->agency) == 0)) {
			ar_error_set(e, AR_ESYNTAX, s->line, "agency_assign of %s to %s while with %s "
			    "since line %ld", who, s->agency, open->agency, open->line);
			return AR_ESYNTAX;
		}
		if (open == NULL) {
			open = &r->spans[r->nspans++];
			*open = (struct agency_span){ .customer = s->customer, .agency = s->agency,
			    .from = s->date, .to = DATE_NONE, .oldest_due = s->oldest_due,
			    .line = s->line };
			r->count[s->customer]++;
		}
		if (s->oldest_due != DATE_NONE &&
		    (open->oldest_due == DATE_NONE || s->oldest_due < open->oldest_due))
			open->oldest_due = s->oldest_due;
		if (s->has_amount) {
			if (money_add(&open->assigned[s->currency], s->amount) != AR_OK) {
				ar_error_set(e, AR_ERANGE, s->line, "the balance assigned overflows");
				return AR_ERANGE;
			}
			open->has_assigned[s->currency] = true;
		}
	}
	return AR_OK;
}

const struct agency_span *
agency_on(const struct agency_register *r, const char *customer, size_t len, civil_day day)
{
	uint32_t id;

	if (r->first == NULL || !strtab_find(r->customers, customer, len, &id))
		return NULL;
	for (uint32_t k = 0; k < r->count[id]; k++) {
		const struct agency_span *s = &r->spans[r->first[id] + k];

		if (day >= s->from && (s->to == DATE_NONE || day < s->to))
			return s;
	}
	return NULL;
}

size_t
agency_nspans(const struct agency_register *r)
{
	return r->nspans;
}

const struct agency_span *
agency_span_at(const struct agency_register *r, size_t i)
{
	return i < r->nspans ? &r->spans[i] : NULL;
}

const char *
agency_register_customer(const struct agency_register *r, uint32_t customer)
{
	return strtab_key(r->customers, customer);
}
