/*
 * minimal-mt940.c - the baseline ar-bank is measured against: what a
 * competent C programmer writes in an afternoon to turn MT940 statements
 * into a payments CSV.  getline, a switch on the tag, int64 cents.  A :61:
 * is written when the next field that is not its :86: begins (the :86: text
 * may run over several lines, joined with a space).  Opening balance +
 * movements must equal the closing balance of each statement.  Basic error
 * handling only: no character sets, no other formats, no channel or
 * Ref-1/Ref-2 recognition, no payer.
 *
 *   cc -O2 -o minimal-mt940 minimal-mt940.c
 *   minimal-mt940 statements.sta > payments.csv
 *
 * Columns: payment_id (statement:number in the file), value_date, currency,
 * amount (negative for debits, as ar-bank --debits), reference (:86:),
 * bank_ref, statement, account, booking_date.
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char account[64], statement[64], currency[4];
static int64_t balance;
static unsigned long n;

static struct {
	int on;
	char value[11], booking[11], bank_ref[64];
	int64_t cents;
	char text[2048];
	size_t len;
} t;

static void copy(char *dst, size_t size, const char *s)
{
	size_t len = strlen(s);
	if (len >= size) len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static const char *amount(const char *s, int64_t *v)   /* "1234,5" -> 123450 */
{
	int64_t x = 0;
	int frac = -1;
	for (; (*s >= '0' && *s <= '9') || (*s == ',' && frac < 0); s++) {
		if (*s == ',') { frac = 0; continue; }
		if (frac >= 2) continue;
		x = x * 10 + (*s - '0');
		if (frac >= 0) frac++;
	}
	for (frac = frac < 0 ? 0 : frac; frac < 2; frac++)
		x *= 10;
	*v = x;
	return s;
}

static void iso(char out[11], int yy, const char *mmdd)   /* 20YY-MM-DD */
{
	yy = (yy + 100) % 100;
	memcpy(out, "20", 2);
	out[2] = (char)('0' + yy / 10); out[3] = (char)('0' + yy % 10); out[4] = '-';
	memcpy(out + 5, mmdd, 2); out[7] = '-';
	memcpy(out + 8, mmdd + 2, 2); out[10] = '\0';
}

static int64_t bal(const char *s)   /* C260101MYR100000,00 */
{
	int64_t v;
	if (strlen(s) < 11) { fprintf(stderr, "minimal-mt940: bad balance %s\n", s); exit(65); }
	memcpy(currency, s + 7, 3);
	amount(s + 10, &v);
	return *s == 'D' ? -v : v;
}

static void flush(void)
{
	if (!t.on)
		return;
	t.on = 0;
	uint64_t u = t.cents < 0 ? -(uint64_t)t.cents : (uint64_t)t.cents;
	printf("%s:%lu,%s,%s,%s%llu.%02llu,", statement, n, t.value, currency,
	       t.cents < 0 ? "-" : "", (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	t.text[t.len] = '\0';
	if (strpbrk(t.text, ",\"")) {
		putchar('"');
		for (const char *p = t.text; *p; p++) {
			if (*p == '"') putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else {
		fputs(t.text, stdout);
	}
	printf(",%s,%s,%s,%s\n", t.bank_ref, statement, account, t.booking);
}

static void add_text(const char *s, size_t len)
{
	if (t.len && t.len < sizeof t.text - 1) t.text[t.len++] = ' ';
	if (len > sizeof t.text - 1 - t.len) len = sizeof t.text - 1 - t.len;
	memcpy(t.text + t.len, s, len);
	t.len += len;
}

static void txn(const char *s)   /* 2601010101C845,22NTRFNONREF//MBB0000000002 */
{
	const char *p = s;
	int64_t v;
	if (strlen(s) < 12) { fprintf(stderr, "minimal-mt940: bad :61: %s\n", s); exit(65); }
	int yy = (s[0] - '0') * 10 + (s[1] - '0');
	iso(t.value, yy, s + 2);
	p += 6;
	t.booking[0] = '\0';
	if (p[0] >= '0' && p[0] <= '9') {   /* entry date MMDD */
		int y = yy + (!strncmp(p, "01", 2) && !strncmp(s + 2, "12", 2))
		           - (!strncmp(p, "12", 2) && !strncmp(s + 2, "01", 2));
		iso(t.booking, y, p);
		p += 4;
	}
	int debit = p[0] == 'D' || (p[0] == 'R' && p[1] == 'C');
	p += p[0] == 'R' ? 2 : 1;
	if (*p >= 'A' && *p <= 'Z') p++;    /* funds code */
	p = amount(p, &v);
	t.cents = debit ? -v : v;
	const char *b = strstr(p, "//");
	t.bank_ref[0] = '\0';
	if (b) copy(t.bank_ref, sizeof t.bank_ref, b + 2);
	balance += t.cents;
	t.len = 0;
	t.on = 1;
	n++;
}

int main(int argc, char **argv)
{
	if (argc != 2) { fprintf(stderr, "usage: minimal-mt940 statements.sta\n"); return 64; }
	FILE *f = fopen(argv[1], "rb");
	if (!f) { perror(argv[1]); return 66; }
	static char obuf[1 << 16];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	puts("payment_id,value_date,currency,amount,reference,bank_ref,statement,account,booking_date");

	char *line = NULL, tag[4] = "";
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] == '{' || (line[0] == '-' && line[1] == '}')) {
			flush();
			tag[0] = '\0';
			continue;
		}
		char *c;
		if (line[0] != ':' || !(c = memchr(line + 1, ':', len > 5 ? 4 : (size_t)len - 1))) {
			if (!strcmp(tag, "86") && t.on) add_text(line, (size_t)len);
			continue;   /* continuation of another field: ignored */
		}
		*c = '\0';
		copy(tag, sizeof tag, line + 1);
		const char *v = c + 1;
		if (!strcmp(tag, "86")) {
			if (t.on) add_text(v, strlen(v));
			continue;
		}
		flush();
		if (!strcmp(tag, "25")) copy(account, sizeof account, v);
		else if (!strcmp(tag, "28C")) copy(statement, sizeof statement, v);
		else if (!strcmp(tag, "60F") || !strcmp(tag, "60M")) balance = bal(v);
		else if (!strcmp(tag, "61")) txn(v);
		else if (!strcmp(tag, "62F") || !strcmp(tag, "62M")) {
			int64_t close = bal(v);
			if (close != balance) {
				fprintf(stderr, "minimal-mt940: statement %s: opening + movements %lld != closing %lld (cents)\n",
				        statement, (long long)balance, (long long)close);
				return 65;
			}
		}
	}
	flush();
	free(line);
	if (ferror(f)) { perror(argv[1]); return 74; }
	fclose(f);
	if (fflush(stdout)) { perror("minimal-mt940: stdout"); return 74; }
	return 0;
}
