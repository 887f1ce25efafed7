/*
 * gen-mt940.c - deterministic generator of an MT940 file for the
 * ar-bank benchmark.
 *
 *   gen-mt940 TRANSACTIONS > statements.sta
 *
 * A Malaysian company's MYR collection account at a Maybank-like bank:
 * one statement per business day (:20:, :25:, :28C:, :60F:, the :61:/:86:
 * pairs, :62F:), 1,000 transactions a day (the last day fewer), SWIFT
 * blocks {1:}{2:}{4: ... -} around each message, CRLF line ends.  Every
 * statement's opening balance + movements = its closing balance, and each
 * opening is the previous closing, so ar-bank accepts the whole file.
 *
 * About 88% credits with the narratives customers' payments have ("IBG
 * CREDIT 123456 ACME SDN BHD INV 2026-001", "DUITNOW TRF ...", "JOMPAY
 * 8899 REF1:... REF2:...", "FPX B2B ...", "RENTAS CR ..."), some wrapped
 * over two :86: lines; the rest debits (charges, supplier IBG, cheques).
 * Amounts 1.00 .. 250,000.00 MYR, about log-uniform.  The same argument
 * always gives the same bytes: own PRNG (splitmix64 -> xoshiro256**), no
 * floating point.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t s[4];

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
next(void)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t; s[3] = rotl(s[3], 45);
	return r;
}

static uint64_t
below(uint64_t n)
{
	return ((next() >> 32) * n) >> 32;
}

#define N(a) (sizeof (a) / sizeof (a)[0])

static const char *const payers[] = {
	"ACME SDN BHD", "SYARIKAT MAJU SDN BHD", "KEDAI RUNCIT AH SENG",
	"PERNIAGAAN CAHAYA", "TENAGA NIAGA BHD", "KLINIK SEJAHTERA",
	"HUP SENG TRADING", "BINTANG LOGISTIK SDN BHD", "MEGA JAYA ENTERPRISE",
	"LIM BROTHERS HARDWARE", "SRI MURNI CATERING", "PUSAT TUISYEN GEMILANG",
	"TAN & CO AUDIT", "ZENITH PRECISION M SDN BHD", "GOLDEN HARVEST FOODS"
};

/* Days since 1970-01-01 to YYMMDD (H. Hinnant's civil_from_days). */
static void
yymmdd(long z, char out[16])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;

	y += m <= 2;
	snprintf(out, 16, "%02ld%02u%02u", y % 100, m % 100, d % 100);
}

/* "1234,56": MT940 writes a decimal comma and no sign. */
static void
amount(int64_t cents, char *out, size_t size)
{
	if (cents < 0)
		cents = -cents;
	snprintf(out, size, "%lld,%02lld", (long long)(cents / 100),
	    (long long)(cents % 100));
}

/* About log-uniform over 1.00 .. 250,000.00. */
static int64_t
random_cents(void)
{
	static const int64_t decade[] = { 100, 1000, 10000, 100000, 1000000,
	    10000000 };
	uint64_t k = below(N(decade) - 1);
	int64_t lo = decade[k], hi = decade[k + 1];
	int64_t v = lo + (int64_t)below((uint64_t)(hi - lo));

	return v > 25000000 ? 25000000 : v;
}

static void
narrative(int kind, char *buf, size_t size, unsigned long n)
{
	const char *p = payers[below(N(payers))];
	unsigned inv = (unsigned)below(900) + 1;

	switch (kind) {
	case 0:
		snprintf(buf, size, "IBG CREDIT %06u %s INV 2026-%03u",
		    (unsigned)below(1000000), p, inv);
		break;
	case 1:
		snprintf(buf, size, "DUITNOW TRF %s\r\nPYMT INV 2026-%03u", p, inv);
		break;
	case 2:
		snprintf(buf, size, "JOMPAY 8899 REF1:INV2026%03u REF2:%lu", inv, n);
		break;
	case 3:
		snprintf(buf, size, "FPX B2B %s INV 2026-%03u", p, inv);
		break;
	case 4:
		snprintf(buf, size, "RENTAS CR %011lu %s\r\nINV 2026-%03u", n, p,
		    inv);
		break;
	case 5:
		snprintf(buf, size, "SERVICE CHARGE");
		break;
	case 6:
		snprintf(buf, size, "IBG DEBIT %06u SUPPLIER PAYMENT %s",
		    (unsigned)below(1000000), p);
		break;
	default:
		snprintf(buf, size, "HOUSE CHEQUE %06u", (unsigned)below(1000000));
		break;
	}
}

int
main(int argc, char **argv)
{
	unsigned long long total, done = 0;
	uint64_t seed = 20261124;
	long day = 20454;       /* 2026-01-01 */
	int64_t balance = 10000000;
	unsigned long stmt = 0, n = 0;
	char *end;

	if (argc != 2) {
		fprintf(stderr, "usage: gen-mt940 TRANSACTIONS > statements.sta\n");
		return 64;
	}
	total = strtoull(argv[1], &end, 10);
	if (*end != '\0') {
		fprintf(stderr, "gen-mt940: TRANSACTIONS must be a number\n");
		return 64;
	}
	for (int i = 0; i < 4; i++)
		s[i] = splitmix64(&seed);
	while (done < total) {
		unsigned long k, per = total - done < 1000 ? (unsigned long)(total - done) : 1000;
		char d[16], a[32], text[256];

		yymmdd(day, d);
		stmt++;
		amount(balance, a, sizeof a);
		printf("{1:F01MBBEMYKLAXXX0000000000}{2:O940MBBEMYKLXXXXN}{4:\r\n"
		    ":20:MBB%s%05lu\r\n:25:514011223344\r\n:28C:%05lu/001\r\n"
		    ":60F:%c%sMYR%s\r\n", d, stmt, stmt % 100000,
		    balance < 0 ? 'D' : 'C', d, a);
		for (k = 0; k < per; k++) {
			int kind = below(100) < 88 ? (int)below(5) : 5 + (int)below(3);
			int64_t c = random_cents();

			if (kind >= 5)
				c = kind == 5 ? 100 + (int64_t)below(5000) : c / 4 + 1;
			n++;
			narrative(kind, text, sizeof text, n);
			amount(c, a, sizeof a);
			printf(":61:%s%.4s%c%sNTRFNONREF//MBB%010lu\r\n:86:%s\r\n",
			    d, d + 2, kind >= 5 ? 'D' : 'C', a, n, text);
			balance += kind >= 5 ? -c : c;
		}
		amount(balance, a, sizeof a);
		printf(":62F:%c%sMYR%s\r\n-}\r\n", balance < 0 ? 'D' : 'C', d, a);
		done += per;
		day++;
	}
	return ferror(stdout) ? 74 : 0;
}
