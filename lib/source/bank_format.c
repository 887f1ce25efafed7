/* bank_format.c - telling bank statement formats apart, and reading one. */
#include "source/bank_format.h"

#include <stdbool.h>
#include <string.h>

#include "source/bai2.h"
#include "source/camt.h"
#include "source/mt940.h"

const char *const bank_format_words[] = {
	"mt940", "camt053", "camt054", "bai2", "csv", NULL
};

static const enum bank_format format_of_word[] = {
	BANK_FORMAT_MT940, BANK_FORMAT_CAMT, BANK_FORMAT_CAMT, BANK_FORMAT_BAI2,
	BANK_FORMAT_CSV
};

static bool
starts(const unsigned char *p, size_t n, const char *s)
{
	size_t m = strlen(s);

	return n >= m && memcmp(p, s, m) == 0;
}

/*
 * A SWIFT field tag at p: ":NN:" or ":NNA:" (":20:", ":60F:"), or ":NS:".
 * A statement cut out of a longer file (a bank portal's extract, a
 * support ticket) may start at any field, not only :20:.
 */
static bool
swift_tag(const unsigned char *p, size_t n)
{
	if (n >= 4 && p[0] == ':' && p[1] == 'N' && p[2] == 'S' && p[3] == ':')
		return true;
	if (n < 4 || p[0] != ':' || p[1] < '0' || p[1] > '9' || p[2] < '0' ||
	    p[2] > '9')
		return false;
	if (p[3] == ':')
		return true;
	return n >= 5 && p[3] >= 'A' && p[3] <= 'Z' && p[4] == ':';
}

enum bank_format
bank_format_detect(const unsigned char *buf, size_t n)
{
	size_t i = 0;

	if (n >= 3 && buf[0] == 0xef && buf[1] == 0xbb && buf[2] == 0xbf)
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < n && buf[i] == '<')
		return BANK_FORMAT_CAMT;
	if (starts(buf + i, n - i, "01,"))
		return BANK_FORMAT_BAI2;
	if (i < n && buf[i] == 0x01)
		i++;
	if (starts(buf + i, n - i, "{1:") || starts(buf + i, n - i, ":940:") ||
	    swift_tag(buf + i, n - i))
		return BANK_FORMAT_MT940;
	/* MT940 with a header line before the first tag: any line starting :20:. */
	for (size_t j = i; j + 4 <= n; j++)
		if ((buf[j] == '\n') && starts(buf + j + 1, n - j - 1, ":20:"))
			return BANK_FORMAT_MT940;
	return BANK_FORMAT_UNKNOWN;
}

ar_err
bank_format_sniff(FILE *fp, enum bank_format *fmt)
{
	unsigned char head[BANK_FORMAT_HEAD];
	size_t n = fread(head, 1, sizeof head, fp);

	*fmt = BANK_FORMAT_UNKNOWN;
	if (ferror(fp))
		return AR_EIO;
	rewind(fp);
	*fmt = bank_format_detect(head, n);
	return AR_OK;
}

ar_err
bank_format_parse(const char *word, enum bank_format *fmt)
{
	for (size_t i = 0; bank_format_words[i] != NULL; i++)
		if (strcmp(word, bank_format_words[i]) == 0) {
			*fmt = format_of_word[i];
			return AR_OK;
		}
	return AR_EUSAGE;
}

ar_err
bank_format_read(enum bank_format fmt, FILE *fp, const char *name,
    const struct bankcsv_profile *profile, bank_txn_fn fn, void *ctx,
    struct bankcsv_counts *counts, struct ar_error *err)
{
	if (counts != NULL)
		memset(counts, 0, sizeof *counts);
	switch (fmt) {
	case BANK_FORMAT_MT940:
		return mt940_read(fp, name, fn, ctx, err);
	case BANK_FORMAT_CAMT:
		return camt_read(fp, name, fn, ctx, err);
	case BANK_FORMAT_BAI2:
		return bai2_read(fp, name, fn, ctx, err);
	case BANK_FORMAT_CSV:
		if (profile == NULL)
			break;
		return bankcsv_read_counts(fp, name, profile, fn, ctx, counts, err);
	case BANK_FORMAT_UNKNOWN:
		break;
	}
	return ar_error_set(err, AR_EUSAGE, 0, "no bank statement format to read with");
}
