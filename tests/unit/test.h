/*
 * test.h - the whole unit-test "framework": one header.
 *
 *   static void money_parses_sap_minus(void) { EXPECT_EQ_INT(x, -123456); }
 *   int main(void) { RUN(money_parses_sap_minus); return test_summary(); }
 *
 * Each RUN prints "ok - NAME" or "not ok - NAME" followed by the failed
 * expectations; tests/run.sh counts those lines.  A case during which no
 * EXPECT was evaluated fails ("#   checked nothing"): a test that asserts
 * nothing proves nothing.
 *
 * A case that cannot run here says so with SKIP(reason) and returns: it
 * prints "skip - NAME: reason", counts neither as passed nor as failed, and
 * tests/run.sh lists it.  Tests of the ../shared corpus start with
 *
 *   const char *dir = test_shared_dir();
 *   if (dir == NULL) SKIP(TEST_NO_SHARED);
 *
 * test_shared_dir() is $SHARED (tests/run.sh sets it; default ../shared,
 * relative to the repository root the tests run from) when that folder
 * exists, NULL when it does not.  A folder that exists but lacks a corpus
 * file is still a failure.
 */
#ifndef TEST_H
#define TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/date.h"
#include <sys/stat.h>

/* The reason every corpus test gives; tests/run.sh recognises it. */
#define TEST_NO_SHARED "no ../shared: corpus tests skipped"

static int test_case_failed;
static int test_case_checks;            /* EXPECTs evaluated in this case */
static const char *test_case_skipped;   /* the reason, when SKIP was called */
static int test_cases_failed;
static int test_cases_run;

static void
test_fail(const char *file, int line, const char *what)
{
	printf("#   %s:%d: %s\n", file, line, what);
	test_case_failed = 1;
}

#define EXPECT(cond) do { \
	test_case_checks++; \
	if (!(cond)) test_fail(__FILE__, __LINE__, "expected " #cond); \
} while (0)

#define EXPECT_EQ_INT(got, want) do { \
	long long got_ = (long long)(got), want_ = (long long)(want); \
	test_case_checks++; \
	if (got_ != want_) { \
		char msg_[256]; \
		snprintf(msg_, sizeof msg_, "%s is %lld, expected %lld", #got, got_, want_); \
		test_fail(__FILE__, __LINE__, msg_); \
	} \
} while (0)

#define EXPECT_EQ_STR(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	test_case_checks++; \
	if (got_ == NULL || strcmp(got_, want_) != 0) { \
		char msg_[1536]; \
		snprintf(msg_, sizeof msg_, "%s is \"%s\", expected \"%s\"", #got, \
		    got_ ? got_ : "(null)", want_); \
		test_fail(__FILE__, __LINE__, msg_); \
	} \
} while (0)

/* Give up on this case, which cannot run here (say why); then return. */
#define SKIP(reason) do { \
	test_case_skipped = (reason); \
	return; \
} while (0)

/* $SHARED (default ../shared) when that folder exists, else NULL. */
static inline const char *
test_shared_dir(void)
{
	const char *s = getenv("SHARED");
	struct stat sb;

	if (s == NULL || *s == '\0')
		s = "../shared";
	return stat(s, &sb) == 0 && S_ISDIR(sb.st_mode) ? s : NULL;
}

static inline void
test_case_begin(void)
{
	test_case_failed = 0;
	test_case_checks = 0;
	test_case_skipped = NULL;
}

static inline void
test_case_end(const char *name)
{
	if (test_case_skipped != NULL && !test_case_failed) {
		printf("skip - %s: %s\n", name, test_case_skipped);
		return;
	}
	if (!test_case_failed && test_case_checks == 0) {
		printf("#   checked nothing\n");
		test_case_failed = 1;
	}
	test_cases_run++;
	if (test_case_failed)
		test_cases_failed++;
	printf("%s - %s\n", test_case_failed ? "not ok" : "ok", name);
}

#define RUN(fn) do { \
	test_case_begin(); \
	fn(); \
	test_case_end(#fn); \
} while (0)

static int
test_summary(void)
{
	fflush(stdout);
	return test_cases_failed ? 1 : 0;
}

/* The id of a currency code the table knows; aborts on any other (a broken test). */
static inline currency_id
test_currency(const char *code)
{
	currency_id id;

	if (currency_lookup(code, strlen(code), &id) != AR_OK)
		abort();
	return id;
}

/* The day an ISO date names; aborts on any other text (a broken test). */
static inline civil_day
test_day(const char *text)
{
	civil_day d;

	if (date_parse(text, strlen(text), NULL, &d) != AR_OK)
		abort();
	return d;
}

#endif
