/*
 * test.h - the whole unit-test "framework": one header.
 *
 *   static void money_parses_sap_minus(void) { EXPECT_EQ_INT(x, -123456); }
 *   int main(void) { RUN(money_parses_sap_minus); return test_summary(); }
 *
 * Each RUN prints "ok - NAME" or "not ok - NAME" followed by the failed
 * expectations; tests/run.sh counts those lines.
 */
#ifndef TEST_H
#define TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int test_case_failed;
static int test_cases_failed;
static int test_cases_run;

static void
test_fail(const char *file, int line, const char *what)
{
	printf("#   %s:%d: %s\n", file, line, what);
	test_case_failed = 1;
}

#define EXPECT(cond) do { \
	if (!(cond)) test_fail(__FILE__, __LINE__, "expected " #cond); \
} while (0)

#define EXPECT_EQ_INT(got, want) do { \
	long long got_ = (long long)(got), want_ = (long long)(want); \
	if (got_ != want_) { \
		char msg_[256]; \
		snprintf(msg_, sizeof msg_, "%s is %lld, expected %lld", #got, got_, want_); \
		test_fail(__FILE__, __LINE__, msg_); \
	} \
} while (0)

#define EXPECT_EQ_STR(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	if (got_ == NULL || strcmp(got_, want_) != 0) { \
		char msg_[512]; \
		snprintf(msg_, sizeof msg_, "%s is \"%s\", expected \"%s\"", #got, \
		    got_ ? got_ : "(null)", want_); \
		test_fail(__FILE__, __LINE__, msg_); \
	} \
} while (0)

#define RUN(fn) do { \
	test_case_failed = 0; \
	fn(); \
	test_cases_run++; \
	if (test_case_failed) test_cases_failed++; \
	printf("%s - %s\n", test_case_failed ? "not ok" : "ok", #fn); \
} while (0)

static int
test_summary(void)
{
	fflush(stdout);
	return test_cases_failed ? 1 : 0;
}

#endif
