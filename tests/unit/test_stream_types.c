/* test_stream_types.c - a column's type from its name, and the sheet name of a stream. */
#include "test.h"

#include "report/stream_sheet.h"
#include "report/stream_types.h"

static void
stream_types_by_name(void)
{
	EXPECT_EQ_INT(stream_column_type("amount"), STREAM_MONEY);
	EXPECT_EQ_INT(stream_column_type("Credit_Limit"), STREAM_MONEY);
	EXPECT_EQ_INT(stream_column_type("promise_amount"), STREAM_MONEY);
	EXPECT_EQ_INT(stream_column_type("doc_date"), STREAM_DATE);
	EXPECT_EQ_INT(stream_column_type("AS_OF"), STREAM_DATE);
	EXPECT_EQ_INT(stream_column_type("oldest_days"), STREAM_INTEGER);
	EXPECT_EQ_INT(stream_column_type("level"), STREAM_INTEGER);
	EXPECT_EQ_INT(stream_column_type("customer"), STREAM_TEXT);
	EXPECT_EQ_INT(stream_column_type("currency"), STREAM_TEXT);
	EXPECT_EQ_INT(stream_column_type("date_of_birth"), STREAM_TEXT);
	EXPECT_EQ_INT(stream_column_type(""), STREAM_TEXT);
}

static void
stream_types_bucket_labels(void)
{
	EXPECT(stream_is_bucket_label("1-30"));
	EXPECT(stream_is_bucket_label("121+"));
	EXPECT(stream_is_bucket_label("36500-36500"));
	EXPECT(!stream_is_bucket_label("current1"));
	EXPECT(!stream_is_bucket_label("1-"));
	EXPECT(!stream_is_bucket_label("-30"));
	EXPECT(!stream_is_bucket_label("121+x"));
	EXPECT(!stream_is_bucket_label("30"));
	EXPECT_EQ_INT(stream_column_type("91-120"), STREAM_MONEY);
}

/* ar-xlsx over ar-age's CSV types each column as ar-age --xlsx writes it. */
static void
stream_types_match_the_aging_workbook(void)
{
	static const char *const money[] = {
		"current", "1-30", "31-60", "61-90", "91-120", "121+", "total", "past_due",
		"credit_limit"
	};
	static const char *const text[] = { "customer", "name", "currency", "collector", "status" };

	for (size_t i = 0; i < sizeof money / sizeof money[0]; i++)
		EXPECT_EQ_INT(stream_column_type(money[i]), STREAM_MONEY);
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		EXPECT_EQ_INT(stream_column_type(text[i]), STREAM_TEXT);
	EXPECT_EQ_INT(stream_column_type("items"), STREAM_INTEGER);
	EXPECT_EQ_INT(stream_column_type("days_overdue"), STREAM_INTEGER);
	EXPECT_EQ_INT(stream_column_type("bucket"), STREAM_TEXT);
}

static void
stream_types_words(void)
{
	enum stream_type t = STREAM_TEXT;

	EXPECT_EQ_INT(stream_type_parse("money", &t), AR_OK);
	EXPECT_EQ_INT(t, STREAM_MONEY);
	EXPECT_EQ_INT(stream_type_parse("date", &t), AR_OK);
	EXPECT_EQ_INT(t, STREAM_DATE);
	EXPECT_EQ_INT(stream_type_parse("integer", &t), AR_OK);
	EXPECT_EQ_INT(t, STREAM_INTEGER);
	EXPECT_EQ_INT(stream_type_parse("text", &t), AR_OK);
	EXPECT_EQ_INT(t, STREAM_TEXT);
	EXPECT_EQ_INT(stream_type_parse("Money", &t), AR_ESYNTAX);
	EXPECT_EQ_INT(stream_type_parse("", &t), AR_ESYNTAX);
}

static void
stream_sheet_names(void)
{
	char buf[32];

	stream_sheet_name(NULL, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "Sheet1");
	stream_sheet_name("out/aging.csv", buf, sizeof buf);
	EXPECT_EQ_STR(buf, "aging");
	stream_sheet_name("a.b.csv", buf, sizeof buf);
	EXPECT_EQ_STR(buf, "a.b");
	stream_sheet_name("dir/.hidden", buf, sizeof buf);
	EXPECT_EQ_STR(buf, ".hidden");
	stream_sheet_name("items", buf, sizeof buf);
	EXPECT_EQ_STR(buf, "items");
}

int
main(void)
{
	RUN(stream_types_by_name);
	RUN(stream_types_bucket_labels);
	RUN(stream_types_match_the_aging_workbook);
	RUN(stream_types_words);
	RUN(stream_sheet_names);
	return test_summary();
}
