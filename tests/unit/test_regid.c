/*
 * test_regid.c - registration numbers (regid.h): every form valid and
 * invalid, SSM's new and old numbers together, inference, the messages,
 * masking, and every NRIC place-of-birth code 00..99.
 *
 * Real published numbers are marked where they are used.  The SSM ones are
 * as the companies print them (and as GLEIF records them in registeredAs);
 * the others are worked by the algorithm, with the sum in a comment.  No
 * real person's NRIC, twid or passport appears: those are made up.
 */
#include <stdio.h>
#include <string.h>

#include "ar/regid.h"
#include "test.h"

static char why[REGID_WHY_MAX];

/* reg_no parses under id_type to id_new (and id_old) with that holder. */
static void
expect_ok(const char *id_type, const char *reg_no, enum regid_type type,
    enum regid_holder holder, const char *id_new, const char *id_old)
{
	struct regid r;
	ar_err err = regid_parse(id_type, reg_no, &r, why, sizeof why);

	EXPECT_EQ_INT(err, AR_OK);
	if (err != AR_OK) {
		printf("#   %s \"%s\": %s\n", id_type, reg_no, why);
		return;
	}
	EXPECT_EQ_STR(why, "");
	EXPECT_EQ_STR(regid_type_word(r.type), regid_type_word(type));
	EXPECT_EQ_STR(regid_holder_word(r.holder), regid_holder_word(holder));
	EXPECT_EQ_STR(r.id_new, id_new);
	EXPECT_EQ_STR(r.id_old, id_old);
}

/* reg_no is refused under id_type with exactly this message, and *out is cleared. */
static void
expect_bad(const char *id_type, const char *reg_no, const char *message)
{
	struct regid r;

	memset(&r, 'x', sizeof r);
	EXPECT_EQ_INT(regid_parse(id_type, reg_no, &r, why, sizeof why), AR_ESYNTAX);
	EXPECT_EQ_STR(why, message);
	EXPECT_EQ_STR(r.id_new, "");
	EXPECT_EQ_STR(r.id_old, "");
}

static void
ssm_new_valid(void)
{
	/* Published: SSM's own example in its 2019 announcement. */
	expect_ok("ssm", "201901000005", REGID_SSM, REGID_COMPANY, "201901000005", "");
	/* Published: Malayan Banking, Public Bank, PETRONAS, IHH Healthcare. */
	expect_ok("ssm", "196001000142", REGID_SSM, REGID_COMPANY, "196001000142", "");
	expect_ok("ssm", " 196501000672\t", REGID_SSM, REGID_COMPANY, "196501000672", "");
	expect_ok("ssm", "197401002911", REGID_SSM, REGID_COMPANY, "197401002911", "");
	expect_ok("ssm", "200101025419", REGID_SSM, REGID_COMPANY, "200101025419", "");
	/* Made up, one per entity type; the years at both ends of what is accepted. */
	expect_ok("ssm", "201202003209", REGID_SSM, REGID_COMPANY, "201202003209", "");
	expect_ok("ssm", "202003000005", REGID_SSM, REGID_BUSINESS, "202003000005", "");
	expect_ok("ssm", "202004000123", REGID_SSM, REGID_LLP, "202004000123", "");
	expect_ok("ssm", "202005000123", REGID_SSM, REGID_LLP, "202005000123", "");
	expect_ok("ssm", "202006000123", REGID_SSM, REGID_LLP, "202006000123", "");
	expect_ok("ssm", "180001000001", REGID_SSM, REGID_COMPANY, "180001000001", "");
	expect_ok("ssm", "210003000001", REGID_SSM, REGID_BUSINESS, "210003000001", "");
}

static void
ssm_new_invalid(void)
{
	expect_bad("ssm", "201909000005", "reg_no \"201909000005\": ssm entity type 09 is not one of 01..06");
	expect_bad("ssm", "201900000005", "reg_no \"201900000005\": ssm entity type 00 is not one of 01..06");
	expect_bad("ssm", "179901000001", "reg_no \"179901000001\": ssm year 1799 is not in 1800..2100");
	expect_bad("ssm", "210101000001", "reg_no \"210101000001\": ssm year 2101 is not in 1800..2100");
	expect_bad("ssm", "20190100000",
	    "reg_no \"20190100000\": not an ssm number (expected YYYYTTNNNNNN, YYYYTTNNNNNN (123456-X), "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX)");
	expect_bad("ssm", "2019010000051",
	    "reg_no \"2019010000051\": not an ssm number (expected YYYYTTNNNNNN, YYYYTTNNNNNN (123456-X), "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX)");
	expect_bad("ssm", "2019-01-000005",
	    "reg_no \"2019-01-000005\": not an ssm number (expected YYYYTTNNNNNN, YYYYTTNNNNNN (123456-X), "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX)");
}

static void
ssm_old_valid(void)
{
	/* Published: Maybank, Public Bank, PETRONAS, SSM's example (old numbers). */
	expect_ok("ssm", "3813-K", REGID_SSM, REGID_COMPANY, "", "3813-K");
	expect_ok("ssm", "6463-h", REGID_SSM, REGID_COMPANY, "", "6463-H");
	expect_ok("ssm", "20076 K", REGID_SSM, REGID_COMPANY, "", "20076-K");
	expect_ok("ssm", "1312525 - A", REGID_SSM, REGID_COMPANY, "", "1312525-A");
	/* From the issue; and forms as my-gov/myssm's tests read them: no hyphen, leading zeros. */
	expect_ok("ssm", "651207-P", REGID_SSM, REGID_COMPANY, "", "651207-P");
	expect_ok("ssm", "412121K", REGID_SSM, REGID_COMPANY, "", "412121-K");
	expect_ok("ssm", "0003813-K", REGID_SSM, REGID_COMPANY, "", "3813-K");
	expect_ok("ssm", "7-A", REGID_SSM, REGID_COMPANY, "", "7-A");
	/* Businesses: nine digits, or a state office's two letters and seven digits. */
	expect_ok("ssm", "001234567-K", REGID_SSM, REGID_BUSINESS, "", "001234567-K");
	expect_ok("ssm", "000125034m", REGID_SSM, REGID_BUSINESS, "", "000125034-M");
	expect_ok("ssm", "SA0123456-D", REGID_SSM, REGID_BUSINESS, "", "SA0123456-D");
	expect_ok("ssm", "jm 0125034-m", REGID_SSM, REGID_BUSINESS, "", "JM0125034-M");
	expect_ok("ssm", "IP-0179579 V", REGID_SSM, REGID_BUSINESS, "", "IP0179579-V");
	/* LLPs registered before 2019. */
	expect_ok("ssm", "LLP0027514-LGN", REGID_SSM, REGID_LLP, "", "LLP0027514-LGN");
	expect_ok("ssm", "llp0001234lca", REGID_SSM, REGID_LLP, "", "LLP0001234-LCA");
}

static void
ssm_old_invalid(void)
{
	const char *forms = "ssm old number is not one of the forms 123456-X, 001234567-X, "
	    "XX0123456-X or LLP0012345-XXX";
	const char *shape = "not an ssm number (expected YYYYTTNNNNNN, YYYYTTNNNNNN (123456-X), "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX)";
	char want[REGID_WHY_MAX];

	snprintf(want, sizeof want, "reg_no \"12345678-K\": %s", forms);
	expect_bad("ssm", "12345678-K", want);
	snprintf(want, sizeof want, "reg_no \"A1234567-K\": %s", forms);
	expect_bad("ssm", "A1234567-K", want);
	snprintf(want, sizeof want, "reg_no \"ABC1234567-K\": %s", forms);
	expect_bad("ssm", "ABC1234567-K", want);
	snprintf(want, sizeof want, "reg_no \"651207-PQ\": %s", forms);
	expect_bad("ssm", "651207-PQ", want);
	snprintf(want, sizeof want, "reg_no \"LLP0027514-L\": %s", forms);
	expect_bad("ssm", "LLP0027514-L", want);
	expect_bad("ssm", "0000-K", "reg_no \"0000-K\": ssm company number 0 is not issued");
	snprintf(want, sizeof want, "reg_no \"651207-\": %s", shape);
	expect_bad("ssm", "651207-", want);
	snprintf(want, sizeof want, "reg_no \"651207--P\": %s", shape);
	expect_bad("ssm", "651207--P", want);
	snprintf(want, sizeof want, "reg_no \"65 12 07-P\": %s", shape);
	expect_bad("ssm", "65 12 07-P", want);
	snprintf(want, sizeof want, "reg_no \"651207-P1\": %s", shape);
	expect_bad("ssm", "651207-P1", want);
}

static void
ssm_new_and_old_together(void)
{
	/* From the issue; SSM's check letter has no published algorithm, so Q passes like P. */
	expect_ok("ssm", "200401018233 (651207-P)", REGID_SSM, REGID_COMPANY, "200401018233", "651207-P");
	expect_ok("ssm", "200401018233 (651207-Q)", REGID_SSM, REGID_COMPANY, "200401018233", "651207-Q");
	/* Published: SSM's example, Maybank, Tenaga Nasional (as on its bills), IHH. */
	expect_ok("ssm", "201901000005 (1312525-A)", REGID_SSM, REGID_COMPANY, "201901000005", "1312525-A");
	expect_ok("ssm", "196001000142 (3813-K)", REGID_SSM, REGID_COMPANY, "196001000142", "3813-K");
	expect_ok("ssm", "199001009294 (200866-W)", REGID_SSM, REGID_COMPANY, "199001009294", "200866-W");
	expect_ok("ssm", "200101025419(901914v)", REGID_SSM, REGID_COMPANY, "200101025419", "901914-V");
	expect_ok("ssm", " 196501000672 ( 6463-H ) ", REGID_SSM, REGID_COMPANY, "196501000672", "6463-H");
	/* A business (my-gov/myssm's README) and an LLP, made up. */
	expect_ok("ssm", "202003000005 (SA0173178-P)", REGID_SSM, REGID_BUSINESS, "202003000005", "SA0173178-P");
	expect_ok("ssm", "201804001234 (LLP0012345-LGN)", REGID_SSM, REGID_LLP, "201804001234", "LLP0012345-LGN");

	expect_bad("ssm", "201901000005 (001234567-K)",
	    "reg_no \"201901000005 (001234567-K)\": 201901000005 is a company number (entity type 01) "
	    "but 001234567-K is a business number");
	expect_bad("ssm", "202004000123 (651207-P)",
	    "reg_no \"202004000123 (651207-P)\": 202004000123 is an llp number (entity type 04) "
	    "but 651207-P is a company number");
	expect_bad("ssm", "201909000005 (1312525-A)",
	    "reg_no \"201909000005 (1312525-A)\": ssm entity type 09 is not one of 01..06");
	expect_bad("ssm", "20190100005 (1312525-A)",
	    "reg_no \"20190100005 (1312525-A)\": ssm number before '(' is not 12 digits (YYYYTTNNNNNN)");
	expect_bad("ssm", "201901000005 (1312525-A",
	    "reg_no \"201901000005 (1312525-A\": ssm number with an old one in parentheses "
	    "does not end with ')'");
	expect_bad("ssm", "201901000005 (13125X5-A)",
	    "reg_no \"201901000005 (13125X5-A)\": ssm number in parentheses is not one of the old forms "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX");
	expect_bad("ssm", "201901000005 ()",
	    "reg_no \"201901000005 ()\": ssm number in parentheses is not one of the old forms "
	    "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX");
	expect_bad("ssm", "201901000005 (0-A)", "reg_no \"201901000005 (0-A)\": ssm company number 0 is not issued");
}

static void
nric_valid(void)
{
	/* python-stdnum's example; with and without hyphens, blanks in their place. */
	expect_ok("nric", "770305-02-1234", REGID_NRIC, REGID_INDIVIDUAL, "770305-02-1234", "");
	expect_ok("nric", "770305021234", REGID_NRIC, REGID_INDIVIDUAL, "770305-02-1234", "");
	expect_ok("nric", "770305 02 1234", REGID_NRIC, REGID_INDIVIDUAL, "770305-02-1234", "");
	expect_ok("nric", "770305-021234", REGID_NRIC, REGID_INDIVIDUAL, "770305-02-1234", "");
	/* 29 February 2000 (1900 was not a leap year: either century will do). */
	expect_ok("nric", "000229-14-5678", REGID_NRIC, REGID_INDIVIDUAL, "000229-14-5678", "");
	expect_ok("nric", "961229-71-0001", REGID_NRIC, REGID_INDIVIDUAL, "961229-71-0001", "");
	expect_ok("nric", "051130-59-2222", REGID_NRIC, REGID_INDIVIDUAL, "051130-59-2222", "");
	expect_ok("nric", "880229-99-3333", REGID_NRIC, REGID_INDIVIDUAL, "880229-99-3333", "");
}

static void
nric_invalid(void)
{
	const char *shape = "not an nric number (expected YYMMDD-PB-###G, 12 digits)";
	char want[REGID_WHY_MAX];

	expect_bad("nric", "771305-02-1234",
	    "reg_no \"771305-02-1234\": nric date 771305 is not a real date (YYMMDD)");
	expect_bad("nric", "770230-02-1234",
	    "reg_no \"770230-02-1234\": nric date 770230 is not a real date (YYMMDD)");
	expect_bad("nric", "010229-10-1234",
	    "reg_no \"010229-10-1234\": nric date 010229 is not a real date (YYMMDD)");
	expect_bad("nric", "770300021234", "reg_no \"770300021234\": nric date 770300 is not a real date (YYMMDD)");
	expect_bad("nric", "770305-17-1234", "reg_no \"770305-17-1234\": nric place-of-birth code 17 is not issued");
	expect_bad("nric", "770305-00-1234", "reg_no \"770305-00-1234\": nric place-of-birth code 00 is not issued");
	snprintf(want, sizeof want, "reg_no \"77030502123\": %s", shape);
	expect_bad("nric", "77030502123", want);
	snprintf(want, sizeof want, "reg_no \"7703050212345\": %s", shape);
	expect_bad("nric", "7703050212345", want);
	snprintf(want, sizeof want, "reg_no \"770305--02-1234\": %s", shape);
	expect_bad("nric", "770305--02-1234", want);
	snprintf(want, sizeof want, "reg_no \"7703-05-02-1234\": %s", shape);
	expect_bad("nric", "7703-05-02-1234", want);
	snprintf(want, sizeof want, "reg_no \"A770305-02-1234\": %s", shape);
	expect_bad("nric", "A770305-02-1234", want);
}

/* JPN's lists, one row of ten codes a line: 1 issued, 0 not (see regid.h). */
static const char nric_issued[] =
	"0111111111"  /* 00-09: 00 never, 01-09 states */
	"1111111000"  /* 10-19: 10-16 states and territories; 17-19 not issued */
	"0111111111"  /* 20-29: 20 not issued; 21-29 states */
	"1111111111"  /* 30-39 states */
	"1111111111"  /* 40-49 states */
	"1111111111"  /* 50-59 states, territories */
	"1111111110"  /* 60-69: 60-68 countries; 69 not issued */
	"0110111111"  /* 70-79: 71, 72 abroad; 74-79 countries; 70, 73 not issued */
	"0011111111"  /* 80-89: 82 state unknown; 83-89 regions; 80, 81 not issued */
	"1111000011"; /* 90-99: 90-93 regions; 94-97 not issued; 98 stateless, 99 unspecified */

static void
nric_every_place_code(void)
{
	char reg_no[32], want[REGID_WHY_MAX];
	struct regid r;

	EXPECT_EQ_INT(strlen(nric_issued), 100);
	for (int pb = 0; pb < 100; pb++) {
		ar_err err;

		snprintf(reg_no, sizeof reg_no, "800101-%02d-1235", pb);
		err = regid_parse("nric", reg_no, &r, why, sizeof why);
		if (nric_issued[pb] == '1') {
			EXPECT_EQ_INT(err, AR_OK);
			EXPECT_EQ_STR(r.id_new, reg_no);
		} else {
			snprintf(want, sizeof want,
			    "reg_no \"%s\": nric place-of-birth code %02d is not issued", reg_no, pb);
			EXPECT_EQ_INT(err, AR_ESYNTAX);
			EXPECT_EQ_STR(why, want);
		}
	}
}

static void
ubn_valid(void)
{
	/* Widely cited: sum 40.  Published: TSMC's, sum 30.  python-stdnum's example, sum 10. */
	expect_ok("ubn", "04595257", REGID_UBN, REGID_COMPANY, "04595257", "");
	expect_ok("ubn", "22099131", REGID_UBN, REGID_COMPANY, "22099131", "");
	expect_ok("ubn", "00501503", REGID_UBN, REGID_COMPANY, "00501503", "");
	/* 7th digit 7: sum 39, and 39 + 1 divides by 10 (the rule before 2023 too). */
	expect_ok("ubn", "12345675", REGID_UBN, REGID_COMPANY, "12345675", "");
	/* Valid only since April 2023: sum 35; sum 14 with the 7th digit 7 (14 + 1 = 15). */
	expect_ok("ubn", "04595252", REGID_UBN, REGID_COMPANY, "04595252", "");
	expect_ok("ubn", "10000073", REGID_UBN, REGID_COMPANY, "10000073", "");
	expect_ok("ubn", " 22222229 ", REGID_UBN, REGID_COMPANY, "22222229", "");
}

static void
ubn_invalid(void)
{
	/* Sums 31, 36, 9, 42; 13 with the 7th digit 7 (13 + 1 = 14 is no better). */
	expect_bad("ubn", "22099132", "reg_no \"22099132\": ubn check digit is wrong");
	expect_bad("ubn", "04595253", "reg_no \"04595253\": ubn check digit is wrong");
	expect_bad("ubn", "00501502", "reg_no \"00501502\": ubn check digit is wrong");
	expect_bad("ubn", "12345678", "reg_no \"12345678\": ubn check digit is wrong");
	expect_bad("ubn", "10000072", "reg_no \"10000072\": ubn check digit is wrong");
	expect_bad("ubn", "2209913", "reg_no \"2209913\": not a ubn (expected 8 digits)");
	expect_bad("ubn", "220991310", "reg_no \"220991310\": not a ubn (expected 8 digits)");
	expect_bad("ubn", "2209913A", "reg_no \"2209913A\": not a ubn (expected 8 digits)");
	expect_bad("ubn", "2209-9131", "reg_no \"2209-9131\": not a ubn (expected 8 digits)");
}

static void
twid_valid(void)
{
	/* The textbook example: 1 + 0 + 8 + 14 + 18 + 20 + 20 + 18 + 14 + 8 + 9 = 130. */
	expect_ok("twid", "A123456789", REGID_TWID, REGID_INDIVIDUAL, "A123456789", "");
	expect_ok("twid", "a123456789", REGID_TWID, REGID_INDIVIDUAL, "A123456789", "");
	/* The irregular letters, worked by the algorithm: I 34, O 35, W 32, Z 33. */
	expect_ok("twid", "I123456781", REGID_TWID, REGID_INDIVIDUAL, "I123456781", "");
	expect_ok("twid", "O222222220", REGID_TWID, REGID_INDIVIDUAL, "O222222220", "");
	expect_ok("twid", "W187654323", REGID_TWID, REGID_INDIVIDUAL, "W187654323", "");
	expect_ok("twid", "Z199999990", REGID_TWID, REGID_INDIVIDUAL, "Z199999990", "");
	expect_ok("twid", "F131069188", REGID_TWID, REGID_INDIVIDUAL, "F131069188", "");
	/* Resident certificates since 2021: 8 and 9 second, the same check. */
	expect_ok("twid", "A812345671", REGID_TWID, REGID_INDIVIDUAL, "A812345671", "");
	expect_ok("twid", "A923456785", REGID_TWID, REGID_INDIVIDUAL, "A923456785", "");
}

static void
twid_invalid(void)
{
	const char *shape = "not a twid (expected a letter and 9 digits, A123456789)";
	char want[REGID_WHY_MAX];

	expect_bad("twid", "A123456788", "reg_no \"A123456788\": twid check digit is wrong");
	/* I is 34 (I123456781 above): any other check digit fails. */
	expect_bad("twid", "I123456789", "reg_no \"I123456789\": twid check digit is wrong");
	expect_bad("twid", "B123456789", "reg_no \"B123456789\": twid check digit is wrong");
	expect_bad("twid", "A323456789", "reg_no \"A323456789\": twid second character 3 is not 1, 2, 8 or 9");
	/* The resident numbers before 2021, a letter second, are not taken. */
	expect_bad("twid", "AA23456789", "reg_no \"AA23456789\": twid second character A is not 1, 2, 8 or 9");
	snprintf(want, sizeof want, "reg_no \"A12345678\": %s", shape);
	expect_bad("twid", "A12345678", want);
	snprintf(want, sizeof want, "reg_no \"A1234567890\": %s", shape);
	expect_bad("twid", "A1234567890", want);
	snprintf(want, sizeof want, "reg_no \"1123456789\": %s", shape);
	expect_bad("twid", "1123456789", want);
	snprintf(want, sizeof want, "reg_no \"A12345678X\": %s", shape);
	expect_bad("twid", "A12345678X", want);
}

static void
passport_valid(void)
{
	expect_ok("passport", "A12345678", REGID_PASSPORT, REGID_INDIVIDUAL, "A12345678", "");
	expect_ok("passport", " k1234567 ", REGID_PASSPORT, REGID_INDIVIDUAL, "K1234567", "");
	expect_ok("passport", "AB1234", REGID_PASSPORT, REGID_INDIVIDUAL, "AB1234", "");
	expect_ok("passport", "12345678901234567890", REGID_PASSPORT, REGID_INDIVIDUAL, "12345678901234567890", "");
	/* A passport is never checked as anything else: an NRIC-looking one stays as given. */
	expect_ok("passport", "770305021234", REGID_PASSPORT, REGID_INDIVIDUAL, "770305021234", "");
}

static void
passport_invalid(void)
{
	expect_bad("passport", "A1234", "reg_no \"A1234\": passport must be 6 to 20 letters and digits");
	expect_bad("passport", "123456789012345678901",
	    "reg_no \"123456789012345678901\": passport must be 6 to 20 letters and digits");
	expect_bad("passport", "A1234-567", "reg_no \"A1234-567\": passport must be 6 to 20 letters and digits");
	expect_bad("passport", "A12 34567", "reg_no \"A12 34567\": passport must be 6 to 20 letters and digits");
	expect_bad("passport", "A1234567\xc3\xa9",
	    "reg_no \"A1234567\xc3\xa9\": passport must be 6 to 20 letters and digits");
}

static void
inference_unique(void)
{
	expect_ok("", "22099131", REGID_UBN, REGID_COMPANY, "22099131", "");
	expect_ok(NULL, "a123456789", REGID_TWID, REGID_INDIVIDUAL, "A123456789", "");
	expect_ok("", "770305-02-1234", REGID_NRIC, REGID_INDIVIDUAL, "770305-02-1234", "");
	/* 12 digits an NRIC cannot be: month 60, month 65, place 00. */
	expect_ok("", "196001000142", REGID_SSM, REGID_COMPANY, "196001000142", "");
	expect_ok("", "196501000672", REGID_SSM, REGID_COMPANY, "196501000672", "");
	expect_ok("", "201201000005", REGID_SSM, REGID_COMPANY, "201201000005", "");
	/* ... and an SSM number cannot be: year 8801. */
	expect_ok("", "880130-10-5555", REGID_NRIC, REGID_INDIVIDUAL, "880130-10-5555", "");
	expect_ok("", "880130105555", REGID_NRIC, REGID_INDIVIDUAL, "880130-10-5555", "");
	expect_ok("", "651207-P", REGID_SSM, REGID_COMPANY, "", "651207-P");
	expect_ok("", "SA0123456-D", REGID_SSM, REGID_BUSINESS, "", "SA0123456-D");
	expect_ok("", "200401018233 (651207-P)", REGID_SSM, REGID_COMPANY, "200401018233", "651207-P");
}

static void
inference_ambiguous(void)
{
	/* IHH's new number reads as 1 January 2020, born in Kedah, too. */
	expect_bad("", "200101025419", "reg_no \"200101025419\" could be an ssm or an nric number: set id_type");
	expect_bad(NULL, "200401018233", "reg_no \"200401018233\" could be an ssm or an nric number: set id_type");
	/* ... and id_type settles it. */
	expect_ok("ssm", "200101025419", REGID_SSM, REGID_COMPANY, "200101025419", "");
	expect_ok("nric", "200101025419", REGID_NRIC, REGID_INDIVIDUAL, "200101-02-5419", "");
}

static void
inference_none(void)
{
	const char *none = "is not an ssm, nric, ubn or twid number: set id_type (a passport is never inferred)";
	char want[REGID_WHY_MAX];

	snprintf(want, sizeof want, "reg_no \"12345\" %s", none);
	expect_bad("", "12345", want);
	snprintf(want, sizeof want, "reg_no \"K1234567\" %s", none);
	expect_bad("", "K1234567", want);
	/* Of one form's shape: that form's reason. */
	expect_bad("", "22099132", "reg_no \"22099132\": ubn check digit is wrong");
	expect_bad("", "A123456788", "reg_no \"A123456788\": twid check digit is wrong");
	expect_bad("", "201901000005 (001234567-K)",
	    "reg_no \"201901000005 (001234567-K)\": 201901000005 is a company number (entity type 01) "
	    "but 001234567-K is a business number");
	/* Of two: both reasons. */
	expect_bad("", "209909123456",
	    "reg_no \"209909123456\": ssm entity type 09 is not one of 01..06; "
	    "nric date 209909 is not a real date (YYMMDD)");
	expect_bad("", "201009170005",
	    "reg_no \"201009170005\": ssm entity type 09 is not one of 01..06; "
	    "nric place-of-birth code 17 is not issued");
}

static void
errors_worded(void)
{
	struct regid r;
	char small[12];

	expect_bad("ssm", "", "reg_no is empty");
	expect_bad("", " \t ", "reg_no is empty");
	expect_bad("nric", NULL, "reg_no is empty");
	expect_bad("ssn", "651207-P", "id_type \"ssn\" is not one of: ssm, nric, passport, ubn, twid");
	expect_bad("SSM", "651207-P", "id_type \"SSM\" is not one of: ssm, nric, passport, ubn, twid");
	expect_bad(" ssm", "651207-P", "id_type \" ssm\" is not one of: ssm, nric, passport, ubn, twid");
	/* The id_type is checked before reg_no. */
	expect_bad("ssn", "", "id_type \"ssn\" is not one of: ssm, nric, passport, ubn, twid");
	/* What cannot be shown as it is: quotes, controls, bytes that are not UTF-8; UTF-8 stays. */
	expect_bad("x\"\x01", "1", "id_type \"x\\\"\\x01\" is not one of: ssm, nric, passport, ubn, twid");
	expect_bad("ubn", "\xff" "1234567", "reg_no \"\\xff1234567\": not a ubn (expected 8 digits)");
	expect_bad("ubn", "\xef\xbc\x92\xef\xbc\x92",
	    "reg_no \"\xef\xbc\x92\xef\xbc\x92\": not a ubn (expected 8 digits)");
	/* A long value is cut at 40 bytes. */
	expect_bad("ubn", "12345678901234567890123456789012345678901234567890",
	    "reg_no \"1234567890123456789012345678901234567890...\": not a ubn (expected 8 digits)");

	/* No room for the message, or a small one: cut, and still a string. */
	EXPECT_EQ_INT(regid_parse("ubn", "22099132", &r, NULL, 0), AR_ESYNTAX);
	EXPECT_EQ_INT(regid_parse("ubn", "22099132", &r, small, sizeof small), AR_ESYNTAX);
	EXPECT_EQ_STR(small, "reg_no \"220");
	memset(small, 'x', sizeof small);
	EXPECT_EQ_INT(regid_parse("ubn", "22099131", &r, small, 0), AR_OK);
	EXPECT_EQ_INT(small[0], 'x');
	/* A message cut inside a UTF-8 character ends before it. */
	EXPECT_EQ_INT(regid_parse("ubn", "\xef\xbc\x92", &r, small, 10), AR_ESYNTAX);
	EXPECT_EQ_STR(small, "reg_no \"");
}

static void
words(void)
{
	EXPECT_EQ_STR(regid_type_word(REGID_SSM), "ssm");
	EXPECT_EQ_STR(regid_type_word(REGID_NRIC), "nric");
	EXPECT_EQ_STR(regid_type_word(REGID_PASSPORT), "passport");
	EXPECT_EQ_STR(regid_type_word(REGID_UBN), "ubn");
	EXPECT_EQ_STR(regid_type_word(REGID_TWID), "twid");
	EXPECT_EQ_STR(regid_type_word((enum regid_type)5), "unknown");
	EXPECT_EQ_STR(regid_holder_word(REGID_INDIVIDUAL), "individual");
	EXPECT_EQ_STR(regid_holder_word(REGID_COMPANY), "company");
	EXPECT_EQ_STR(regid_holder_word(REGID_BUSINESS), "business");
	EXPECT_EQ_STR(regid_holder_word(REGID_LLP), "llp");
	EXPECT_EQ_STR(regid_holder_word((enum regid_holder)-1), "unknown");
}

static void
the_id_of_a_record(void)
{
	struct regid r;

	EXPECT_EQ_INT(regid_parse("ssm", "651207-p", &r, NULL, 0), AR_OK);
	EXPECT_EQ_STR(regid_id(&r), "651207-P");
	EXPECT_EQ_INT(regid_parse("ssm", "200401018233 (651207-P)", &r, NULL, 0), AR_OK);
	EXPECT_EQ_STR(regid_id(&r), "200401018233");
	EXPECT_EQ_INT(regid_parse("twid", "a123456789", &r, NULL, 0), AR_OK);
	EXPECT_EQ_STR(regid_id(&r), "A123456789");
}

static const char *
masked(const char *id)
{
	static char buf[32];

	regid_mask(id, buf, sizeof buf);
	return buf;
}

static const char *
masked_as(enum regid_type t, const char *id)
{
	static char buf[32];

	regid_mask_as(t, id, buf, sizeof buf);
	return buf;
}

static void
masking(void)
{
	char small[5] = "xxxx";

	/* Last 4 shown, hyphens kept. */
	EXPECT_EQ_STR(masked("770305-02-1234"), "******-**-1234");
	EXPECT_EQ_STR(masked("A123456789"), "******6789");
	EXPECT_EQ_STR(masked("K1234567"), "****4567");
	EXPECT_EQ_STR(masked("1234"), "1234");
	/* First 7 shown. */
	EXPECT_EQ_STR(masked("201901000005"), "2019010*****");
	EXPECT_EQ_STR(masked("22099131"), "2209913*");
	EXPECT_EQ_STR(masked("651207-P"), "651207-*");
	EXPECT_EQ_STR(masked("1312525-A"), "1312525-*");
	EXPECT_EQ_STR(masked("001234567-K"), "0012345**-*");
	EXPECT_EQ_STR(masked("SA0123456-D"), "SA01234**-*");
	EXPECT_EQ_STR(masked("LLP0027514-LGN"), "LLP0027***-***");
	/* By type: an all-digit passport keeps only its last 4. */
	EXPECT_EQ_STR(masked("12345678"), "1234567*");
	EXPECT_EQ_STR(masked_as(REGID_PASSPORT, "12345678"), "****5678");
	EXPECT_EQ_STR(masked_as(REGID_NRIC, "770305-02-1234"), "******-**-1234");
	EXPECT_EQ_STR(masked_as(REGID_TWID, "A123456789"), "******6789");
	EXPECT_EQ_STR(masked_as(REGID_SSM, "201901000005"), "2019010*****");
	EXPECT_EQ_STR(masked_as(REGID_SSM, "651207-P"), "651207-*");
	EXPECT_EQ_STR(masked_as(REGID_UBN, "22099131"), "2209913*");
	/* Cut to cap; nothing written without room; no id is "". */
	regid_mask("201901000005", small, sizeof small);
	EXPECT_EQ_STR(small, "2019");
	regid_mask("201901000005", small, 0);
	EXPECT_EQ_STR(small, "2019");
	EXPECT_EQ_STR(masked(NULL), "");
	EXPECT_EQ_STR(masked_as(REGID_SSM, ""), "");
}

int
main(void)
{
	RUN(ssm_new_valid);
	RUN(ssm_new_invalid);
	RUN(ssm_old_valid);
	RUN(ssm_old_invalid);
	RUN(ssm_new_and_old_together);
	RUN(nric_valid);
	RUN(nric_invalid);
	RUN(nric_every_place_code);
	RUN(ubn_valid);
	RUN(ubn_invalid);
	RUN(twid_valid);
	RUN(twid_invalid);
	RUN(passport_valid);
	RUN(passport_invalid);
	RUN(inference_unique);
	RUN(inference_ambiguous);
	RUN(inference_none);
	RUN(errors_worded);
	RUN(words);
	RUN(the_id_of_a_record);
	RUN(masking);
	return test_summary();
}
