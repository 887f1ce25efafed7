/*
 * camt.c - camt.053 / camt.054 (and camt.052) reader on expat.
 *
 * expat is a SAX parser: we keep the stack of local element names (the
 * namespace prefix and version are dropped, so .001.02 to .001.08 read
 * alike), collect the text of the current element, and act when an
 * element ends.  A "record" is a Stmt, Ntfctn or Rpt; an entry is an Ntry.
 *
 * Entries with several TxDtls (batch bookings): when every TxDtls carries
 * its own amount and their signed sum equals the entry amount, each
 * TxDtls becomes one bank_txn, because each is one customer's payment and
 * cash application needs them apart.  Otherwise the entry is one bank_txn
 * (the bank books one amount; inventing a split would lose cents), with
 * the party of the first TxDtls and the remittance texts of all joined.
 *
 * The narrative (bank.h) is the transaction's Ustrd lines, its AddtlTxInf
 * and the entry's AddtlNtryInf, in that order, each after one blank and
 * left out when the text so far holds it already: from the payer's words
 * to the bank's.  An entry read as one transaction takes every TxDtls's
 * Ustrd and AddtlTxInf in turn.  Texts come with their blanks collapsed.
 *
 * Amounts are checked as XML decimals (digits, one optional point) before
 * money_parse, so "1,000" or "-5" are errors rather than reinterpreted.
 * An entry in a currency other than the statement's is an error: the
 * balance check could not be done in one unit.  An opening or closing
 * balance in another currency (a counter-value some banks add; genkgo's
 * fixtures have a closing in SEK on a EUR account) is not checked and
 * does not make the file unreadable.  Only OPBD/PRCD (opening) and CLBD
 * (closing) balances are read; available, interim, forward and
 * proprietary ones are skipped.  An entry without ValDt takes its BookgDt
 * as value date; one with neither (camt.054 notifications often have
 * none: the notification is the booking) takes the creation date of its
 * Stmt/Ntfctn/Rpt, else of the message (GrpHdr/CreDtTm).
 */
#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "source/bank_channel.h"
#include "source/camt.h"
#include "core/money.h"
#include "core/utf8.h"

#define CAMT_DEPTH_MAX 64
#define CAMT_NAME_MAX 40
#define CAMT_TEXT_MAX 4096
#define CAMT_TXDTLS_MAX 100000  /* bounds memory on hostile input */

struct camt_amt {
	char text[48];
	char ccy[8];
	bool has;
};

struct camt_tx {
	struct camt_amt amt;
	char cdi[8];
	char e2e[128];
	char ref[128];
	char dbtr[256], cdtr[256];
	char dbtr_acct[64], cdtr_acct[64];
	char ustrd[BANK_TEXT_MAX];
	char addtl[BANK_TEXT_MAX];  /* AddtlTxInf */
	char strd[256];
	char cref[64];          /* the first Strd/CdtrRefInf/Ref */
	long line;
};

struct camt_ctx {
	XML_Parser xp;
	bank_txn_fn fn;
	void *fnctx;
	struct ar_error *err;
	ar_err rc;

	char names[CAMT_DEPTH_MAX][CAMT_NAME_MAX];
	int depth;              /* elements open, including ones too deep */
	char text[CAMT_TEXT_MAX];
	size_t textlen;
	char attr_ccy[8];       /* Ccy of the innermost element that had one */

	int rec_depth;          /* depth of Stmt/Ntfctn/Rpt, 0 outside */
	int nrec;
	struct bank_statement st;
	civil_day rec_credt, grp_credt;  /* CreDtTm of the record, message */
	bool has_ccy;
	int64_t sum;
	/* the balance being read */
	char bal_tp[8], bal_cdi[8];
	struct camt_amt bal_amt;
	civil_day bal_date;

	int ntry_depth;
	struct camt_amt n_amt;
	char n_cdi[8];
	civil_day n_book, n_val;
	char n_ref[128], n_domn[8], n_fmly[8], n_sub[8], n_prtry[16];
	char n_addtl[BANK_TEXT_MAX];
	long n_line;
	struct camt_tx *tx;
	size_t ntx, captx;
	int tx_depth;
};

/* Copy at most dstsz-1 bytes without cutting a UTF-8 sequence. */
static void
copy_text(char *dst, size_t dstsz, const char *src)
{
	size_t n = strlen(src);

	if (n >= dstsz)
		n = utf8_cut(src, dstsz - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * Cut a sequence left incomplete at the end (by a truncating snprintf).
 * What is before it is UTF-8: expat hands out nothing else.
 */
static void
trim_utf8_end(char *s)
{
	s[utf8_valid_prefix(s, strlen(s))] = '\0';
}

/* Text of the document quoted in a message: short, cut at a UTF-8 boundary. */
struct clip {
	char s[48];
};

static const char *
clip(struct clip *b, const char *text)
{
	copy_text(b->s, sizeof b->s, text);
	return b->s;
}

/* The parser's line: where a message about what was just read points. */
static long
here(const struct camt_ctx *c)
{
	return (long)XML_GetCurrentLineNumber(c->xp);
}

/*
 * Note the error and stop the parser.  Only the first counts: handlers
 * still running when it stops may find more.
 */
static void
stop_at(struct camt_ctx *c, ar_err rc, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
stop_at(struct camt_ctx *c, ar_err rc, long line, const char *fmt, ...)
{
	va_list ap;

	if (c->rc != AR_OK)
		return;
	va_start(ap, fmt);
	c->rc = ar_error_vset(c->err, rc, line, fmt, ap);
	va_end(ap);
	trim_utf8_end(c->err->message);
	XML_StopParser(c->xp, XML_FALSE);
}

/* Append " src" to dst (for joined Ustrd lines), UTF-8 safe. */
static void
append_text(char *dst, size_t dstsz, const char *src)
{
	size_t n = strlen(dst);

	if (*src == '\0')
		return;
	if (n > 0 && n + 1 < dstsz)
		dst[n++] = ' ';
	copy_text(dst + n, dstsz - n, src);
}

/*
 * Add src to the narrative dst (bank.h): after one blank, and not when
 * dst holds it already (banks repeat the Ustrd in AddtlNtryInf).
 */
static void
narrate(char *dst, size_t dstsz, const char *src)
{
	if (*src != '\0' && strstr(dst, src) == NULL)
		append_text(dst, dstsz, src);
}

/* Does the path below depth `base` equal "A/B/C"? */
static bool
at(const struct camt_ctx *c, int base, const char *pat)
{
	int d = base;

	while (*pat != '\0') {
		const char *e = strchr(pat, '/');
		size_t n = e ? (size_t)(e - pat) : strlen(pat);

		if (d >= c->depth || d >= CAMT_DEPTH_MAX ||
		    strlen(c->names[d]) != n || memcmp(c->names[d], pat, n) != 0)
			return false;
		d++;
		pat += n;
		if (*pat == '/')
			pat++;
	}
	return d == c->depth;
}

static const char *
local_name(const char *name)
{
	const char *p = strrchr(name, '|');   /* expat's namespace separator */

	if (p == NULL)
		p = strrchr(name, ':');
	return p ? p + 1 : name;
}

/* xs:date or the date part of xs:dateTime: YYYY-MM-DD then end, T, Z, +, -. */
static bool
parse_day(const char *s, civil_day *day)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9')
			return false;
	}
	if (s[10] != '\0' && strchr("TZ+-", s[10]) == NULL)
		return false;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_from_ymd(y, m, d, day) == AR_OK;
}

static bool
date_elem(struct camt_ctx *c, civil_day *day)
{
	if (!parse_day(c->text, day)) {
		struct clip b;

		stop_at(c, AR_ESYNTAX, here(c), "%s \"%s\" is not a date",
		    c->names[c->depth - 1], clip(&b, c->text));
		return false;
	}
	return true;
}

/* Amount text and currency to signed minor units. */
static bool
amount(struct camt_ctx *c, const struct camt_amt *a, const char *cdi,
    currency_id *cur, int64_t *minor)
{
	const char *p;
	int dots = 0, digits = 0;
	ar_err rc;
	struct clip b;

	if (!a->has || a->ccy[0] == '\0') {
		stop_at(c, AR_ESYNTAX, here(c), a->has ? "amount without Ccy" :
		    "amount missing");
		return false;
	}
	if (currency_lookup(a->ccy, strlen(a->ccy), cur) != AR_OK) {
		stop_at(c, AR_ECURRENCY, here(c),
		    "currency \"%s\" unknown", clip(&b, a->ccy));
		return false;
	}
	for (p = a->text; *p != '\0'; p++) {
		if (*p == '.')
			dots++;
		else if (*p >= '0' && *p <= '9')
			digits++;
		else
			break;
	}
	if (*p != '\0' || dots > 1 || digits == 0) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "amount \"%s\" is not a decimal number",
		    clip(&b, a->text));
		return false;
	}
	rc = money_parse_ungrouped(a->text, strlen(a->text), currency_exponent(*cur),
	    MONEY_DECIMAL_POINT, minor);
	if (rc != AR_OK) {
		stop_at(c, rc, here(c), rc == AR_EDECIMALS ?
		    "amount %s has more decimals than %s allows" :
		    "amount %s %s is not valid", clip(&b, a->text), a->ccy);
		return false;
	}
	if (strcmp(cdi, "DBIT") == 0)
		*minor = -*minor;
	else if (strcmp(cdi, "CRDT") != 0) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "CdtDbtInd \"%s\" is not CRDT or DBIT",
		    clip(&b, cdi));
		return false;
	}
	return true;
}

/* The statement currency is Acct/Ccy, else that of the first amount seen. */
static bool
same_currency(struct camt_ctx *c, currency_id cur)
{
	if (!c->has_ccy) {
		c->st.currency = cur;
		c->has_ccy = true;
		return true;
	}
	if (cur != c->st.currency) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "statement %s is in %s but has an amount in %s",
		    c->st.id, currency_code(c->st.currency), currency_code(cur));
		return false;
	}
	return true;
}

static void
set_amt(struct camt_ctx *c, struct camt_amt *a)
{
	copy_text(a->text, sizeof a->text, c->text);
	copy_text(a->ccy, sizeof a->ccy, c->attr_ccy);
	a->has = true;
}

static void
end_balance(struct camt_ctx *c)
{
	currency_id cur;
	int64_t v;
	bool open = strcmp(c->bal_tp, "OPBD") == 0 ||
	    strcmp(c->bal_tp, "PRCD") == 0;
	bool close = strcmp(c->bal_tp, "CLBD") == 0;

	if (!open && !close)
		return;     /* available, interim, forward balances: not checked */
	/* A counter-value in another currency: not checked, code unread. */
	if (c->has_ccy && strcmp(c->bal_amt.ccy,
	    currency_code(c->st.currency)) != 0)
		return;
	if (!amount(c, &c->bal_amt, c->bal_cdi, &cur, &v) ||
	    !same_currency(c, cur))
		return;
	/* PRCD (previous closing) and OPBD may both be given: keep the first. */
	if (open && !c->st.has_opening) {
		c->st.has_opening = true;
		c->st.opening = v;
		c->st.opening_date = c->bal_date;
	} else if (close && !c->st.has_closing) {
		c->st.has_closing = true;
		c->st.closing = v;
		c->st.closing_date = c->bal_date;
	}
}

static ar_err
emit(struct camt_ctx *c, struct bank_txn *t)
{
	ar_err rc;

	if (money_add(&c->sum, t->amount) != AR_OK) {
		stop_at(c, AR_ERANGE, here(c),
		    "sum of entries of statement %s overflows",
		    c->st.id);
		return AR_ERANGE;
	}
	rc = c->fn(c->fnctx, &c->st, t);
	if (rc != AR_OK && c->rc == AR_OK) {
		c->rc = rc;
		XML_StopParser(c->xp, XML_FALSE);
	}
	return rc;
}

static void
fill_tx(struct bank_txn *t, const struct camt_tx *x, bool credit)
{
	if (x->e2e[0] != '\0' && strcmp(x->e2e, "NOTPROVIDED") != 0)
		copy_text(t->end_to_end, sizeof t->end_to_end, x->e2e);
	if (x->ref[0] != '\0')
		copy_text(t->bank_ref, sizeof t->bank_ref, x->ref);
	copy_text(t->payer, sizeof t->payer, credit ? x->dbtr : x->cdtr);
	copy_text(t->payer_account, sizeof t->payer_account,
	    credit ? x->dbtr_acct : x->cdtr_acct);
}

/*
 * Channel and references: the structured creditor reference is Ref-1;
 * then the texts (remittance, then the entry's additional information).
 */
static void
channel(struct bank_txn *t, const char *cref, const char *addtl)
{
	if (cref != NULL && cref[0] != '\0')
		copy_text(t->ref1, sizeof t->ref1, cref);
	bank_channel_scan(t->reference, strlen(t->reference), t);
	bank_channel_scan(addtl, strlen(addtl), t);
}

static void
end_entry(struct camt_ctx *c)
{
	struct bank_txn t;
	currency_id cur;
	int64_t total, v, sum = 0;
	size_t i;
	bool split;

	if (!amount(c, &c->n_amt, c->n_cdi, &cur, &total) ||
	    !same_currency(c, cur))
		return;
	memset(&t, 0, sizeof t);
	t.currency = cur;
	t.booking_date = c->n_book;
	t.value_date = c->n_val != DATE_NONE ? c->n_val : c->n_book;
	if (t.value_date == DATE_NONE)
		t.value_date = c->rec_credt != DATE_NONE ? c->rec_credt :
		    c->grp_credt;
	if (t.value_date == DATE_NONE) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "entry at line %ld has no date (neither "
		    "BookgDt nor ValDt, and no CreDtTm)", c->n_line);
		return;
	}
	copy_text(t.bank_ref, sizeof t.bank_ref, c->n_ref);
	if (c->n_domn[0] != '\0') {
		char tmp[32];

		snprintf(tmp, sizeof tmp, "%s-%s-%s", c->n_domn, c->n_fmly,
		    c->n_sub);
		copy_text(t.type_code, sizeof t.type_code, tmp);
	} else
		copy_text(t.type_code, sizeof t.type_code, c->n_prtry);

	split = c->ntx > 1;
	for (i = 0; split && i < c->ntx; i++) {
		const struct camt_tx *x = &c->tx[i];
		currency_id xc;

		if (!x->amt.has || strcmp(x->amt.ccy, c->n_amt.ccy) != 0) {
			split = false;
			break;
		}
		if (!amount(c, &x->amt, x->cdi[0] ? x->cdi : c->n_cdi, &xc, &v))
			return;
		if (money_add(&sum, v) != AR_OK)
			split = false;
	}
	if (split && sum == total) {
		for (i = 0; i < c->ntx; i++) {
			struct bank_txn s = t;
			const struct camt_tx *x = &c->tx[i];

			(void)amount(c, &x->amt, x->cdi[0] ? x->cdi : c->n_cdi,
			    &cur, &s.amount);
			fill_tx(&s, x, s.amount >= 0);
			copy_text(s.reference, sizeof s.reference, x->ustrd);
			append_text(s.reference, sizeof s.reference, x->strd);
			narrate(s.narrative, sizeof s.narrative, x->ustrd);
			narrate(s.narrative, sizeof s.narrative, x->addtl);
			narrate(s.narrative, sizeof s.narrative, c->n_addtl);
			channel(&s, x->cref, c->n_addtl);
			s.line = x->line;
			if (emit(c, &s) != AR_OK)
				return;
		}
		return;
	}
	t.amount = total;
	t.line = c->n_line;
	if (c->ntx > 0)
		fill_tx(&t, &c->tx[0], total >= 0);
	for (i = 0; i < c->ntx; i++) {
		append_text(t.reference, sizeof t.reference, c->tx[i].ustrd);
		append_text(t.reference, sizeof t.reference, c->tx[i].strd);
		narrate(t.narrative, sizeof t.narrative, c->tx[i].ustrd);
		narrate(t.narrative, sizeof t.narrative, c->tx[i].addtl);
	}
	narrate(t.narrative, sizeof t.narrative, c->n_addtl);
	if (t.reference[0] == '\0')
		copy_text(t.reference, sizeof t.reference, c->n_addtl);
	channel(&t, c->ntx > 0 ? c->tx[0].cref : NULL, c->n_addtl);
	(void)emit(c, &t);
}

static void
end_record(struct camt_ctx *c)
{
	int64_t want;

	if (!c->st.has_opening || !c->st.has_closing)
		return;
	want = c->st.opening;
	if (money_add(&want, c->sum) != AR_OK || want != c->st.closing) {
		char o[MONEY_TEXT_MAX], s[MONEY_TEXT_MAX], k[MONEY_TEXT_MAX];
		int e = currency_exponent(c->st.currency);

		money_format(c->st.opening, e, o);
		money_format(c->sum, e, s);
		money_format(c->st.closing, e, k);
		stop_at(c, AR_ESYNTAX, here(c),
		    "statement %s (line %ld): opening %s + entries "
		    "%s is not closing %s: the balances do not add up",
		    c->st.id, c->st.line, o, s, k);
	}
}

static void XMLCALL
on_start(void *ud, const XML_Char *qname, const XML_Char **attrs)
{
	struct camt_ctx *c = ud;
	const char *n = local_name(qname);
	int d = c->depth;
	size_t i;
	struct clip b;

	if (c->rc != AR_OK)
		return;
	if (d < CAMT_DEPTH_MAX)
		copy_text(c->names[d], CAMT_NAME_MAX, n);
	c->depth++;
	c->textlen = 0;
	c->text[0] = '\0';
	c->attr_ccy[0] = '\0';
	for (i = 0; attrs[i] != NULL; i += 2)
		if (strcmp(local_name(attrs[i]), "Ccy") == 0)
			copy_text(c->attr_ccy, sizeof c->attr_ccy, attrs[i + 1]);

	if (d == 0 && strcmp(n, "Document") != 0) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "root element is <%s>, not a camt <Document>",
		    clip(&b, n));
		return;
	}
	/* Prefix match: the .001.01 messages named it BkToCstmrStmtV01 etc. */
	if (d == 1 && strncmp(n, "BkToCstmrStmt", 13) != 0 &&
	    strncmp(n, "BkToCstmrDbtCdtNtfctn", 21) != 0 &&
	    strncmp(n, "BkToCstmrAcctRpt", 16) != 0) {
		stop_at(c, AR_ESYNTAX, here(c),
		    "<%s> is not a camt.052/053/054 message",
		    clip(&b, n));
		return;
	}
	if (d == 2 && (strcmp(n, "Stmt") == 0 || strcmp(n, "Ntfctn") == 0 ||
	    strcmp(n, "Rpt") == 0)) {
		c->rec_depth = c->depth;
		c->nrec++;
		memset(&c->st, 0, sizeof c->st);
		c->st.opening_date = c->st.closing_date = DATE_NONE;
		c->st.line = (long)XML_GetCurrentLineNumber(c->xp);
		c->st.seq = (unsigned long)c->nrec;
		c->rec_credt = DATE_NONE;
		c->has_ccy = false;
		c->sum = 0;
		return;
	}
	if (c->rec_depth == 0)
		return;
	if (at(c, c->rec_depth, "Bal")) {
		c->bal_tp[0] = c->bal_cdi[0] = '\0';
		c->bal_amt.has = false;
		c->bal_date = DATE_NONE;
	} else if (at(c, c->rec_depth, "Ntry")) {
		c->ntry_depth = c->depth;
		c->n_amt.has = false;
		c->n_cdi[0] = c->n_ref[0] = c->n_domn[0] = '\0';
		c->n_fmly[0] = c->n_sub[0] = c->n_prtry[0] = c->n_addtl[0] = '\0';
		c->n_book = c->n_val = DATE_NONE;
		c->n_line = (long)XML_GetCurrentLineNumber(c->xp);
		c->ntx = 0;
	} else if (c->ntry_depth != 0 && at(c, c->ntry_depth, "NtryDtls/TxDtls")) {
		if (c->ntx == c->captx) {
			size_t nc = c->captx ? c->captx * 2 : 4;
			struct camt_tx *p;

			if (nc > CAMT_TXDTLS_MAX) {
				stop_at(c, AR_ERANGE, here(c),
				    "more than %d TxDtls in one entry",
				    CAMT_TXDTLS_MAX);
				return;
			}
			p = realloc(c->tx, nc * sizeof *p);
			if (p == NULL) {
				stop_at(c, AR_ENOMEM, here(c), "out of memory");
				return;
			}
			c->tx = p;
			c->captx = nc;
		}
		memset(&c->tx[c->ntx], 0, sizeof c->tx[c->ntx]);
		c->tx[c->ntx].line = (long)XML_GetCurrentLineNumber(c->xp);
		c->ntx++;
		c->tx_depth = c->depth;
	}
}

static void
end_tx(struct camt_ctx *c)
{
	struct camt_tx *x = &c->tx[c->ntx - 1];
	int b = c->tx_depth;

	if (at(c, b, "Amt") || at(c, b, "AmtDtls/TxAmt/Amt")) {
		/* TxAmt is the booked amount; a bare Amt only when no TxAmt. */
		if (!x->amt.has || at(c, b, "AmtDtls/TxAmt/Amt"))
			set_amt(c, &x->amt);
	} else if (at(c, b, "CdtDbtInd"))
		copy_text(x->cdi, sizeof x->cdi, c->text);
	else if (at(c, b, "Refs/EndToEndId"))
		copy_text(x->e2e, sizeof x->e2e, c->text);
	else if (at(c, b, "Refs/AcctSvcrRef"))
		copy_text(x->ref, sizeof x->ref, c->text);
	else if (at(c, b, "RltdPties/Dbtr/Nm") ||
	    at(c, b, "RltdPties/Dbtr/Pty/Nm"))
		copy_text(x->dbtr, sizeof x->dbtr, c->text);
	else if (at(c, b, "RltdPties/Cdtr/Nm") ||
	    at(c, b, "RltdPties/Cdtr/Pty/Nm"))
		copy_text(x->cdtr, sizeof x->cdtr, c->text);
	else if (at(c, b, "RltdPties/DbtrAcct/Id/IBAN") ||
	    at(c, b, "RltdPties/DbtrAcct/Id/Othr/Id"))
		copy_text(x->dbtr_acct, sizeof x->dbtr_acct, c->text);
	else if (at(c, b, "RltdPties/CdtrAcct/Id/IBAN") ||
	    at(c, b, "RltdPties/CdtrAcct/Id/Othr/Id"))
		copy_text(x->cdtr_acct, sizeof x->cdtr_acct, c->text);
	else if (at(c, b, "RmtInf/Ustrd"))
		append_text(x->ustrd, sizeof x->ustrd, c->text);
	else if (at(c, b, "AddtlTxInf"))
		append_text(x->addtl, sizeof x->addtl, c->text);
	else if (at(c, b, "RmtInf/Strd/CdtrRefInf/Ref")) {
		append_text(x->strd, sizeof x->strd, c->text);
		if (x->cref[0] == '\0')
			copy_text(x->cref, sizeof x->cref, c->text);
	}
}

static void
end_ntry_field(struct camt_ctx *c)
{
	int b = c->ntry_depth;

	if (at(c, b, "Amt"))
		set_amt(c, &c->n_amt);
	else if (at(c, b, "CdtDbtInd"))
		copy_text(c->n_cdi, sizeof c->n_cdi, c->text);
	else if (at(c, b, "BookgDt/Dt") || at(c, b, "BookgDt/DtTm"))
		(void)date_elem(c, &c->n_book);
	else if (at(c, b, "ValDt/Dt") || at(c, b, "ValDt/DtTm"))
		(void)date_elem(c, &c->n_val);
	else if (at(c, b, "AcctSvcrRef"))
		copy_text(c->n_ref, sizeof c->n_ref, c->text);
	else if (at(c, b, "BkTxCd/Domn/Cd"))
		copy_text(c->n_domn, sizeof c->n_domn, c->text);
	else if (at(c, b, "BkTxCd/Domn/Fmly/Cd"))
		copy_text(c->n_fmly, sizeof c->n_fmly, c->text);
	else if (at(c, b, "BkTxCd/Domn/Fmly/SubFmlyCd"))
		copy_text(c->n_sub, sizeof c->n_sub, c->text);
	else if (at(c, b, "BkTxCd/Prtry/Cd"))
		copy_text(c->n_prtry, sizeof c->n_prtry, c->text);
	else if (at(c, b, "AddtlNtryInf"))
		copy_text(c->n_addtl, sizeof c->n_addtl, c->text);
}

static void XMLCALL
on_end(void *ud, const XML_Char *qname)
{
	struct camt_ctx *c = ud;
	int r = c->rec_depth;
	currency_id cur;
	struct clip b;

	(void)qname;
	if (c->rc != AR_OK)
		return;
	/* c->text holds this element's text: trim and collapse blanks. */
	{
		size_t i, k = 0;
		bool sp = false;

		for (i = 0; i < c->textlen; i++) {
			unsigned char ch = (unsigned char)c->text[i];

			if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
				sp = k > 0;
				continue;
			}
			if (sp)
				c->text[k++] = ' ';
			sp = false;
			c->text[k++] = (char)ch;
		}
		c->text[k] = '\0';
	}
	if (r == 0) {
		/* outside a record: only the message's creation date */
		if (at(c, 2, "GrpHdr/CreDtTm") && !parse_day(c->text, &c->grp_credt))
			c->grp_credt = DATE_NONE;
	} else if (c->depth == r) {
		end_record(c);
		c->rec_depth = 0;
	} else if (c->ntry_depth != 0 && c->depth == c->ntry_depth) {
		end_entry(c);
		c->ntry_depth = 0;
	} else if (c->ntry_depth != 0 && c->ntx > 0 && c->tx_depth != 0 &&
	    c->depth > c->tx_depth) {
		end_tx(c);
	} else if (c->ntry_depth != 0) {
		if (c->depth == c->tx_depth)
			c->tx_depth = 0;
		else
			end_ntry_field(c);
	} else if (at(c, r, "Id"))
		copy_text(c->st.id, sizeof c->st.id, c->text);
	else if (at(c, r, "CreDtTm")) {
		if (!parse_day(c->text, &c->rec_credt))
			c->rec_credt = DATE_NONE;
	}
	else if (at(c, r, "Acct/Id/IBAN") || at(c, r, "Acct/Id/Othr/Id"))
		copy_text(c->st.account, sizeof c->st.account, c->text);
	else if (at(c, r, "Acct/Ccy")) {
		if (currency_lookup(c->text, strlen(c->text), &cur) != AR_OK)
			stop_at(c, AR_ECURRENCY, here(c),
			    "currency \"%s\" unknown",
			    clip(&b, c->text));
		else
			(void)same_currency(c, cur);
	} else if (at(c, r, "Bal/Tp/CdOrPrtry/Cd"))
		copy_text(c->bal_tp, sizeof c->bal_tp, c->text);
	else if (at(c, r, "Bal/CdtDbtInd"))
		copy_text(c->bal_cdi, sizeof c->bal_cdi, c->text);
	else if (at(c, r, "Bal/Amt"))
		set_amt(c, &c->bal_amt);
	else if (at(c, r, "Bal/Dt/Dt") || at(c, r, "Bal/Dt/DtTm"))
		(void)date_elem(c, &c->bal_date);
	else if (at(c, r, "Bal"))
		end_balance(c);
	c->depth--;
	c->textlen = 0;
	c->text[0] = '\0';
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct camt_ctx *c = ud;
	size_t n = (size_t)len;

	/* Longer texts are cut (at a UTF-8 boundary when copied out). */
	if (c->textlen + n >= CAMT_TEXT_MAX)
		n = CAMT_TEXT_MAX - 1 - c->textlen;
	memcpy(c->text + c->textlen, s, n);
	c->textlen += n;
	c->text[c->textlen] = '\0';
}

/* No DTD entities: camt never needs them and they invite expansion bombs. */
static void XMLCALL
on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
    int value_len, const XML_Char *base, const XML_Char *system_id,
    const XML_Char *public_id, const XML_Char *notation)
{
	(void)is_param; (void)value; (void)value_len; (void)base;
	(void)system_id; (void)public_id; (void)notation;
	struct clip b;

	stop_at(ud, AR_ESYNTAX, here(ud),
	    "entity declaration \"%s\" not accepted",
	    clip(&b, name));
}

ar_err
camt_read(FILE *fp, const char *name, bank_txn_fn fn, void *fnctx,
    struct ar_error *err)
{
	struct camt_ctx *c;
	char buf[16384];
	ar_err rc;
	bool done = false;

	err->line = 0;
	err->message[0] = '\0';
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return AR_ENOMEM;
	c->xp = XML_ParserCreateNS(NULL, '|');
	if (c->xp == NULL) {
		free(c);
		return AR_ENOMEM;
	}
	(void)name;     /* the caller prints NAME:LINE: MESSAGE */
	c->fn = fn;
	c->fnctx = fnctx;
	c->err = err;
	c->rec_credt = c->grp_credt = DATE_NONE;
	XML_SetUserData(c->xp, c);
	XML_SetElementHandler(c->xp, on_start, on_end);
	XML_SetCharacterDataHandler(c->xp, on_text);
	XML_SetEntityDeclHandler(c->xp, on_entity);
	while (!done && c->rc == AR_OK) {
		size_t n = fread(buf, 1, sizeof buf, fp);

		if (ferror(fp)) {
			c->rc = ar_error_set(err, AR_EIO, 0, "read error");
			break;
		}
		done = n < sizeof buf;
		if (XML_Parse(c->xp, buf, (int)n, done) == XML_STATUS_ERROR &&
		    c->rc == AR_OK)
			c->rc = ar_error_set(err, AR_ESYNTAX, here(c), "XML: %s",
			    XML_ErrorString(XML_GetErrorCode(c->xp)));
	}
	if (c->rc == AR_OK && c->nrec == 0)
		c->rc = ar_error_set(err, AR_ESYNTAX, here(c),
		    "no Stmt or Ntfctn in the document");
	rc = c->rc;
	XML_ParserFree(c->xp);
	free(c->tx);
	free(c);
	return rc;
}
