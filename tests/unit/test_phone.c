/*
 * test_phone.c - phone numbers to E.164 (phone.h): the forms a customer
 * master holds in Malaysia and Taiwan, their neighbours, and what is
 * refused.
 */
#include <string.h>

#include "core/phone.h"
#include "test.h"

static char got[PHONE_E164_MAX];

/* text read for country; the number, or "ERR" and the code in the failed expectation. */
static const char *
e164(const char *text, const char *country)
{
	ar_err err = phone_e164(text, strlen(text), country, got, sizeof got);

	EXPECT_EQ_INT(err, AR_OK);
	return err == AR_OK ? got : "ERR";
}

static ar_err
refused(const char *text, const char *country)
{
	ar_err err = phone_e164(text, strlen(text), country, got, sizeof got);

	EXPECT_EQ_STR(got, "");
	return err;
}

static void
malaysian_mobiles_in_every_form(void)
{
	EXPECT_EQ_STR(e164("012-345 6789", "MY"), "+60123456789");
	EXPECT_EQ_STR(e164("+60 12-345 6789", "MY"), "+60123456789");
	EXPECT_EQ_STR(e164("+60 12-345 6789", "TW"), "+60123456789");
	EXPECT_EQ_STR(e164("60123456789", "MY"), "+60123456789");
	EXPECT_EQ_STR(e164("0060 12 345 6789", "MY"), "+60123456789");
	EXPECT_EQ_STR(e164("  012.345.6789  ", "MY"), "+60123456789");
	EXPECT_EQ_STR(e164("011-1234 5678", "MY"), "+601112345678");
	/* The trunk 0 written after the country code out of habit. */
	EXPECT_EQ_STR(e164("+60 (0)12-345 6789", "MY"), "+60123456789");
	/* "" and NULL are Malaysia; the code in any case. */
	EXPECT_EQ_STR(e164("012-345 6789", ""), "+60123456789");
	EXPECT_EQ_STR(e164("012-345 6789", NULL), "+60123456789");
	EXPECT_EQ_STR(e164("012-345 6789", "my"), "+60123456789");
	/* A spreadsheet dropped the leading zero of 0123456789. */
	EXPECT_EQ_STR(e164("123456789", "MY"), "+60123456789");
	/* Starts with 60 and 8 digits follow: the calling code, not Melaka. */
	EXPECT_EQ_STR(e164("6012345678", "MY"), "+6012345678");
}

static void
malaysian_landlines(void)
{
	EXPECT_EQ_STR(e164("(03) 2161 1234", "MY"), "+60321611234");
	EXPECT_EQ_STR(e164("03-2161 1234", ""), "+60321611234");
	EXPECT_EQ_STR(e164("04-261 1234", "MY"), "+6042611234");
	EXPECT_EQ_STR(e164("082-123 456", "MY"), "+6082123456");
	EXPECT_EQ_STR(e164("+60 3 2161 1234", "MY"), "+60321611234");
	EXPECT_EQ_STR(e164("1-300-88-1234", "MY"), "+601300881234");
	/* A Kuala Lumpur number without its area code could be anyone's. */
	EXPECT_EQ_INT(refused("2161 1234", "MY"), AR_ESYNTAX);
}

static void
taiwanese_mobiles_and_landlines(void)
{
	EXPECT_EQ_STR(e164("0912 345 678", "TW"), "+886912345678");
	EXPECT_EQ_STR(e164("0912-345-678", "tw"), "+886912345678");
	EXPECT_EQ_STR(e164("+886 912 345 678", "MY"), "+886912345678");
	EXPECT_EQ_STR(e164("00886912345678", "TW"), "+886912345678");
	EXPECT_EQ_STR(e164("00886912345678", "MY"), "+886912345678");
	EXPECT_EQ_STR(e164("886912345678", "TW"), "+886912345678");
	EXPECT_EQ_STR(e164("+886 (0)912 345 678", "TW"), "+886912345678");
	/* Taipei, Miaoli (three-digit area code), Kinmen. */
	EXPECT_EQ_STR(e164("(02) 2345-6789", "TW"), "+886223456789");
	EXPECT_EQ_STR(e164("02/2345 6789", "TW"), "+886223456789");
	EXPECT_EQ_STR(e164("037-123456", "TW"), "+88637123456");
	EXPECT_EQ_STR(e164("082-312345", "TW"), "+88682312345");
	/* The same national number in Malaysia's book is Malaysian. */
	EXPECT_EQ_STR(e164("0912 345 678", "MY"), "+60912345678");
	EXPECT_EQ_INT(refused("2345 6789", "TW"), AR_ESYNTAX);
}

static void
neighbours(void)
{
	EXPECT_EQ_STR(e164("6123 4567", "SG"), "+6561234567");
	EXPECT_EQ_STR(e164("+65 6123 4567", "MY"), "+6561234567");
	EXPECT_EQ_STR(e164("6561234567", "SG"), "+6561234567");
	EXPECT_EQ_STR(e164("2123 4567", "HK"), "+85221234567");
	EXPECT_EQ_STR(e164("+852 2123 4567", ""), "+85221234567");
	EXPECT_EQ_STR(e164("138 1234 5678", "CN"), "+8613812345678");
	EXPECT_EQ_STR(e164("010-1234 5678", "CN"), "+861012345678");
	EXPECT_EQ_STR(e164("+86 138 1234 5678", "TW"), "+8613812345678");
	EXPECT_EQ_STR(e164("(212) 555-1234", "US"), "+12125551234");
	EXPECT_EQ_STR(e164("1-212-555-1234", "US"), "+12125551234");
	EXPECT_EQ_STR(e164("+1 212 555 1234", "MY"), "+12125551234");
	/* A calling code the table does not know: only 8 to 15 digits. */
	EXPECT_EQ_STR(e164("+49 30 1234567", "MY"), "+49301234567");
	EXPECT_EQ_STR(e164("0049 30 1234567", "DE"), "+49301234567");
}

static void
refusals(void)
{
	char small[12];

	EXPECT_EQ_INT(refused("", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("   ", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("+", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("012-345 6789 ext 12", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("O12-345 6789", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("012-345 6789; 03-2161 1234", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("60+123456789", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("+0 60 123456789", "MY"), AR_ESYNTAX);
	/* A NUL inside the field is no separator. */
	EXPECT_EQ_INT(phone_e164("012\0-345 6789", 13, "MY", got, sizeof got), AR_ESYNTAX);
	EXPECT_EQ_STR(got, "");
	/* Too short and too long for Malaysia, for E.164. */
	EXPECT_EQ_INT(refused("012-345", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("012-3456 78901", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("+60 12-3456 78901", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("+49 123", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("+49 1234 5678 9012 34", "MY"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("0123456789012345678901234567890", "MY"), AR_ESYNTAX);
	/* A trunk 0, or bare digits, of a country the table does not know. */
	EXPECT_EQ_INT(refused("030 1234567", "DE"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("301234567", "DE"), AR_ESYNTAX);
	EXPECT_EQ_INT(refused("012-345 6789", "MYS"), AR_ESYNTAX);
	/* Singapore and Hong Kong have no trunk prefix. */
	EXPECT_EQ_INT(refused("06123 4567", "SG"), AR_ESYNTAX);
	/* The buffer: "+60123456789" needs 13 bytes. */
	EXPECT_EQ_INT(phone_e164("012-345 6789", 12, "MY", small, sizeof small), AR_EUSAGE);
	EXPECT_EQ_STR(small, "");
	EXPECT_EQ_INT(phone_e164("012-345 6789", 12, "MY", small, 0), AR_EUSAGE);
	EXPECT_EQ_INT(phone_e164("012-345 6789", 12, "MY", got, 13), AR_OK);
	EXPECT_EQ_STR(got, "+60123456789");
}

static void
length_bounds_the_text(void)
{
	/* Only text[0..len) is read: the tail of a field split at ';'. */
	const char *field = "012-345 6789;03-2161 1234";

	EXPECT_EQ_INT(phone_e164(field, 12, "MY", got, sizeof got), AR_OK);
	EXPECT_EQ_STR(got, "+60123456789");
	EXPECT_EQ_INT(phone_e164(field + 13, strlen(field + 13), "MY", got, sizeof got), AR_OK);
	EXPECT_EQ_STR(got, "+60321611234");
	EXPECT_EQ_INT(phone_e164(field, 13, "MY", got, sizeof got), AR_ESYNTAX);
}

int
main(void)
{
	RUN(malaysian_mobiles_in_every_form);
	RUN(malaysian_landlines);
	RUN(taiwanese_mobiles_and_landlines);
	RUN(neighbours);
	RUN(refusals);
	RUN(length_bounds_the_text);
	return test_summary();
}
