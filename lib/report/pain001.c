/* pain001.c - the ISO 20022 pain.001.001.03 credit transfer file, libxml2's xmlwriter. */
#include "report/pain001.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "core/money.h"

#define PAIN001_NS "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"

/* One PmtInf: a value date and a currency. */
struct block {
	civil_day date;
	currency_id currency;
	size_t count;
	int64_t sum;            /* minor units of currency */
};

/* FNV-1a, 32 bits: enough to tell two files of one day apart. */
static uint32_t
hash_text(uint32_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h * 16777619u;   /* a separator between fields */
}

/* amount of exponent `from` in units of 10^-to (to >= from); false on overflow. */
static bool
rescale(int64_t amount, int from, int to, int64_t *out)
{
	for (int i = from; i < to; i++) {
		if (amount > INT64_MAX / 10)
			return false;
		amount *= 10;
	}
	*out = amount;
	return true;
}

/* The first max characters of s (UTF-8), in buf. */
static const char *
cut(const char *s, size_t max, char *buf, size_t cap)
{
	size_t n = 0, chars = 0;

	while (s[n] != '\0') {
		size_t k = 1;

		while (((unsigned char)s[n + k] & 0xC0) == 0x80)
			k++;
		if (chars == max || n + k >= cap)
			break;
		n += k;
		chars++;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static int
el(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

static int
start(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, BAD_CAST name);
}

static int
end(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w);
}

/* <NAME><FinInstnId><BIC>bic</BIC></FinInstnId></NAME> */
static int
agent(xmlTextWriterPtr w, const char *name, const char *bic)
{
	int rc = 0;

	rc |= start(w, name) < 0;
	rc |= start(w, "FinInstnId") < 0;
	rc |= el(w, "BIC", bic) < 0;
	rc |= end(w) < 0;
	rc |= end(w) < 0;
	return rc;
}

/* <NAME><Id><Othr><Id>account</Id></Othr></Id></NAME> */
static int
account(xmlTextWriterPtr w, const char *name, const char *acct)
{
	int rc = 0;

	rc |= start(w, name) < 0;
	rc |= start(w, "Id") < 0;
	rc |= start(w, "Othr") < 0;
	rc |= el(w, "Id", acct) < 0;
	rc |= end(w) < 0;
	rc |= end(w) < 0;
	rc |= end(w) < 0;
	return rc;
}

static int
party(xmlTextWriterPtr w, const char *name, const char *nm)
{
	char buf[600];
	int rc = 0;

	rc |= start(w, name) < 0;
	rc |= el(w, "Nm", cut(nm, 140, buf, sizeof buf)) < 0;
	rc |= end(w) < 0;
	return rc;
}

static int
transaction(xmlTextWriterPtr w, const struct refund_line *l)
{
	char amount[MONEY_TEXT_MAX], digits[REFUND_ACCOUNT_MAX], ustrd[200];
	int rc = 0;

	money_format(l->amount, currency_exponent(l->currency), amount);
	(void)refund_account_valid(l->bank_account, digits);
	snprintf(ustrd, sizeof ustrd, "Refund of credit balance %s", l->refund_id);
	rc |= start(w, "CdtTrfTxInf") < 0;
	rc |= start(w, "PmtId") < 0;
	rc |= el(w, "EndToEndId", l->refund_id) < 0;
	rc |= end(w) < 0;
	rc |= start(w, "Amt") < 0;
	rc |= start(w, "InstdAmt") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "Ccy", BAD_CAST currency_code(l->currency)) < 0;
	rc |= xmlTextWriterWriteString(w, BAD_CAST amount) < 0;
	rc |= end(w) < 0;
	rc |= end(w) < 0;
	rc |= agent(w, "CdtrAgt", l->bank_code);
	rc |= party(w, "Cdtr", l->bank_holder);
	rc |= account(w, "CdtrAcct", digits);
	rc |= start(w, "RmtInf") < 0;
	rc |= el(w, "Ustrd", ustrd) < 0;
	rc |= end(w) < 0;
	rc |= end(w) < 0;
	return rc;
}

static int
by_block(const void *a, const void *b)
{
	const struct block *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(currency_code(x->currency), currency_code(y->currency));
}

ar_err
pain001_write(FILE *fp, const struct pain001_debtor *d, const struct refund_line *lines,
    size_t n, civil_day created, struct pain001_totals *tot, struct ar_error *e)
{
	struct block *blocks;
	size_t nblocks = 0, count = 0;
	int64_t total = 0, check = 0;
	int exponent = 0;
	uint32_t h = 2166136261u;
	char text[MONEY_TEXT_MAX], day[DATE_TEXT_MAX], when[32], id[64];
	xmlBufferPtr buf = NULL;
	xmlTextWriterPtr w = NULL;
	int y, m, dd, rc = 0;

	memset(tot, 0, sizeof *tot);
	if (n == 0)
		return ar_error_set(e, AR_EUSAGE, 0, "no refund to pay: a pain.001 needs one at least");
	if ((blocks = calloc(n, sizeof *blocks)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct refund_line *l = &lines[i];
		size_t b;

		for (b = 0; b < nblocks; b++)
			if (blocks[b].date == l->value_date && blocks[b].currency == l->currency)
				break;
		if (b == nblocks)
			blocks[nblocks++] = (struct block){ l->value_date, l->currency, 0, 0 };
		blocks[b].count++;
		if (money_add(&blocks[b].sum, l->amount) != AR_OK) {
			free(blocks);
			return ar_error_set(e, AR_ERANGE, 0, "the control sum of %s overflows",
			    currency_code(l->currency));
		}
		if (currency_exponent(l->currency) > exponent)
			exponent = currency_exponent(l->currency);
		date_format(l->value_date, day);
		money_format(l->amount, currency_exponent(l->currency), text);
		h = hash_text(hash_text(hash_text(hash_text(hash_text(hash_text(h, l->refund_id),
		    text), currency_code(l->currency)), day), l->bank_account), l->bank_code);
	}
	qsort(blocks, nblocks, sizeof *blocks, by_block);
	/* The control sums: per block, then all of them, against the lines once more. */
	for (size_t b = 0; b < nblocks; b++) {
		int64_t s;

		count += blocks[b].count;
		if (!rescale(blocks[b].sum, currency_exponent(blocks[b].currency), exponent, &s) ||
		    money_add(&total, s) != AR_OK) {
			free(blocks);
			return ar_error_set(e, AR_ERANGE, 0, "the group header's control sum overflows");
		}
	}
	for (size_t i = 0; i < n; i++) {
		int64_t s;

		if (!rescale(lines[i].amount, currency_exponent(lines[i].currency), exponent, &s) ||
		    money_add(&check, s) != AR_OK) {
			free(blocks);
			return ar_error_set(e, AR_ERANGE, 0, "the sum of the lines overflows");
		}
	}
	if (count != n || check != total) {
		free(blocks);
		return ar_error_set(e, AR_EINVARIANT, 0, "the control sum does not tie: %zu lines, "
		    "%zu in the blocks", n, count);
	}
	date_to_ymd(created, &y, &m, &dd);
	snprintf(tot->msg_id, sizeof tot->msg_id, "REFUND-%04d%02d%02d-%08x", y, m, dd,
	    (unsigned)h);
	snprintf(when, sizeof when, "%04d-%02d-%02dT00:00:00", y, m, dd);
	tot->transactions = n;
	tot->blocks = nblocks;
	tot->ctrl_sum = total;
	tot->exponent = exponent;

	if ((buf = xmlBufferCreate()) == NULL || (w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		if (buf != NULL)
			xmlBufferFree(buf);
		free(blocks);
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	}
	rc |= xmlTextWriterSetIndent(w, 1) < 0;
	rc |= xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0;
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	rc |= start(w, "Document") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST PAIN001_NS) < 0;
	rc |= start(w, "CstmrCdtTrfInitn") < 0;
	rc |= start(w, "GrpHdr") < 0;
	rc |= el(w, "MsgId", tot->msg_id) < 0;
	rc |= el(w, "CreDtTm", when) < 0;
	snprintf(text, sizeof text, "%zu", n);
	rc |= el(w, "NbOfTxs", text) < 0;
	money_format(total, exponent, text);
	rc |= el(w, "CtrlSum", text) < 0;
	rc |= party(w, "InitgPty", d->name);
	rc |= end(w) < 0;
	for (size_t b = 0; b < nblocks; b++) {
		snprintf(id, sizeof id, "%s-%zu", tot->msg_id, b + 1);
		rc |= start(w, "PmtInf") < 0;
		rc |= el(w, "PmtInfId", id) < 0;
		rc |= el(w, "PmtMtd", "TRF") < 0;
		rc |= el(w, "BtchBookg", "false") < 0;
		snprintf(text, sizeof text, "%zu", blocks[b].count);
		rc |= el(w, "NbOfTxs", text) < 0;
		money_format(blocks[b].sum, currency_exponent(blocks[b].currency), text);
		rc |= el(w, "CtrlSum", text) < 0;
		date_format(blocks[b].date, day);
		rc |= el(w, "ReqdExctnDt", day) < 0;
		rc |= party(w, "Dbtr", d->name);
		rc |= account(w, "DbtrAcct", d->account);
		rc |= agent(w, "DbtrAgt", d->bic);
		rc |= el(w, "ChrgBr", d->charges) < 0;
		for (size_t i = 0; i < n; i++)
			if (lines[i].value_date == blocks[b].date &&
			    lines[i].currency == blocks[b].currency)
				rc |= transaction(w, &lines[i]);
		rc |= end(w) < 0;
	}
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	free(blocks);
	if (rc != 0) {
		xmlBufferFree(buf);
		return ar_error_set(e, AR_ENOMEM, 0, "the XML writer failed (out of memory)");
	}
	if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), fp) !=
	    (size_t)xmlBufferLength(buf)) {
		xmlBufferFree(buf);
		return ar_error_set(e, AR_EIO, 0, "cannot write the payment file");
	}
	xmlBufferFree(buf);
	return AR_OK;
}
