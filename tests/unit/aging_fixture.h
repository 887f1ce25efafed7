/* aging_fixture.h - one aging for the unit tests of the aging modules: policy, customers, report. */
#ifndef AGING_FIXTURE_H
#define AGING_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "ar/customers.h"
#include "report/aging_report.h"

static const struct item_format format = {
	.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
};

struct aging {
	struct aging_policy policy;
	struct customer_table customers;
	struct aging_report rep;
};

/* As of 2026-11-24, buckets 30,60,90,120, terms 30; the workbook's figures by customer. */
static void
aging_setup(struct aging *a, enum aging_group group, int past_due_days)
{
	memset(a, 0, sizeof *a);
	date_from_ymd(2026, 11, 24, &a->policy.as_of);
	a->policy.default_terms_days = 30;
	a->policy.past_due_days = past_due_days;
	aging_buckets_parse("30,60,90,120", &a->policy.buckets);
	if (customers_init(&a->customers, 64) != AR_OK ||
	    aging_report_init(&a->rep, &a->policy, group, &a->customers) != AR_OK)
		abort();
	a->rep.track_oldest = a->rep.track_sides = group == AGING_GROUP_CUSTOMER;
}

static void
aging_teardown(struct aging *a)
{
	aging_report_free(&a->rep);
	customers_free(&a->customers);
}

#endif
