/*
 * doc_text.c - dates, amounts, amounts in words and captions of letters
 * (doc_text.h).
 */
#include "report/doc_text.h"

#include <stdio.h>
#include <string.h>

/* ---- text written into the caller's buffer ---------------------------- */

/* A buffer being filled; full once something did not fit (then it stays so). */
struct text {
	char *buf;
	size_t cap;
	size_t len;
	bool full;
};

static void
put(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->full || t->cap - t->len <= n) {
		t->full = true;
		return;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* A word of en or ms: a blank before it unless it starts the text. */
static void
word(struct text *t, const char *w)
{
	if (t->len > 0)
		put(t, " ");
	put(t, w);
}

/* ---- dates ------------------------------------------------------------ */

static const char *const en_months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const ms_months[12] = {
	"Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai",
	"Ogos", "September", "Oktober", "November", "Disember",
};

/* Taiwan counts years from the Republic's founding in 1912, its first year (元年). */
#define ROC_EPOCH 1911

size_t
doc_long_date(enum report_lang lang, bool roc, civil_day day, char *buf, size_t cap)
{
	int y, m, d, n;

	if (cap > 0)
		buf[0] = '\0';
	if ((unsigned)lang >= REPORT_LANG_COUNT || cap == 0)
		return 0;
	date_to_ymd(day, &y, &m, &d);
	if (y < 1 || y > 9999)
		return 0;
	switch (lang) {
	case REPORT_LANG_EN:
		n = snprintf(buf, cap, "%d %s %d", d, en_months[m - 1], y);
		break;
	case REPORT_LANG_MS:
		n = snprintf(buf, cap, "%d %s %d", d, ms_months[m - 1], y);
		break;
	case REPORT_LANG_ZH_HANT:
		if (roc && y == ROC_EPOCH + 1) {
			n = snprintf(buf, cap, "中華民國元年%d月%d日", m, d);
			break;
		}
		if (roc && y > ROC_EPOCH + 1) {
			n = snprintf(buf, cap, "中華民國%d年%d月%d日", y - ROC_EPOCH, m, d);
			break;
		}
		/* FALLTHROUGH */
	default:
		n = snprintf(buf, cap, "%d年%d月%d日", y, m, d);
		break;
	}
	if (n < 0 || (size_t)n >= cap) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

/* ---- amounts in figures ----------------------------------------------- */

#define EXPONENT_MAX 6

size_t
doc_money(int64_t minor, int exponent, char *buf, size_t cap)
{
	/* The magnitude as unsigned: -INT64_MIN does not fit an int64. */
	uint64_t v = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	char rev[DOC_TEXT_MONEY_MAX];
	size_t n = 0, out = 0;
	int i;

	if (cap > 0)
		buf[0] = '\0';
	if (exponent < 0 || exponent > EXPONENT_MAX)
		return 0;
	/* Written backwards: decimals, '.', then the integer part in threes. */
	for (i = 0; i < exponent; i++) {
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	}
	if (exponent > 0)
		rev[n++] = '.';
	for (i = 0; i == 0 || v > 0; i++) {
		if (i > 0 && i % 3 == 0)
			rev[n++] = ',';
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	}
	if (minor < 0)
		rev[n++] = '-';
	if (n >= cap)
		return 0;
	while (n > 0)
		buf[out++] = rev[--n];
	buf[out] = '\0';
	return out;
}

/* ---- amounts in words: English ---------------------------------------- */

static const char *const en_ones[20] = {
	"", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
	"Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen",
	"Seventeen", "Eighteen", "Nineteen",
};

static const char *const en_tens[10] = {
	"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
};

/* The scales of both en and ms, largest first. */
static const uint64_t scales[4] = {
	UINT64_C(1000000000000), UINT64_C(1000000000), UINT64_C(1000000), UINT64_C(1000),
};
static const char *const en_scales[4] = { "Trillion", "Billion", "Million", "Thousand" };
static const char *const ms_scales[4] = { "Trilion", "Bilion", "Juta", "Ribu" };

/* 1..999; cheque style has no "and" after Hundred. */
static void
en_below_thousand(struct text *t, unsigned n)
{
	if (n >= 100) {
		word(t, en_ones[n / 100]);
		word(t, "Hundred");
		n %= 100;
	}
	if (n >= 20) {
		word(t, en_tens[n / 10]);
		if (n % 10 != 0) {
			put(t, "-");
			put(t, en_ones[n % 10]);
		}
	} else if (n > 0) {
		word(t, en_ones[n]);
	}
}

static void
en_number(struct text *t, uint64_t n)
{
	if (n == 0) {
		word(t, "Zero");
		return;
	}
	for (int i = 0; i < 4; i++) {
		uint64_t q = n / scales[i];

		if (q == 0)
			continue;
		/* Only 10^15 itself has a thousand trillions: "One Thousand Trillion". */
		if (q >= 1000)
			en_number(t, q);
		else
			en_below_thousand(t, (unsigned)q);
		word(t, en_scales[i]);
		n %= scales[i];
	}
	if (n > 0)
		en_below_thousand(t, (unsigned)n);
}

/* ---- amounts in words: Malay ------------------------------------------ */

static const char *const ms_ones[10] = {
	"", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Lapan", "Sembilan",
};

/* 1..999: Seratus, Sepuluh, Sebelas; then "Dua Belas", "Dua Puluh", "Dua Ratus". */
static void
ms_below_thousand(struct text *t, unsigned n)
{
	unsigned h = n / 100, r = n % 100;

	if (h == 1) {
		word(t, "Seratus");
	} else if (h > 1) {
		word(t, ms_ones[h]);
		word(t, "Ratus");
	}
	if (r == 10) {
		word(t, "Sepuluh");
	} else if (r == 11) {
		word(t, "Sebelas");
	} else if (r > 11 && r < 20) {
		word(t, ms_ones[r - 10]);
		word(t, "Belas");
	} else if (r >= 20) {
		word(t, ms_ones[r / 10]);
		word(t, "Puluh");
		if (r % 10 != 0)
			word(t, ms_ones[r % 10]);
	} else if (r > 0) {
		word(t, ms_ones[r]);
	}
}

static void
ms_number(struct text *t, uint64_t n)
{
	if (n == 0) {
		word(t, "Kosong");
		return;
	}
	for (int i = 0; i < 4; i++) {
		uint64_t q = n / scales[i];

		if (q == 0)
			continue;
		if (i == 3 && q == 1) {
			/* Seribu; but Satu Juta, Satu Bilion: "se-" binds only to ribu here. */
			word(t, "Seribu");
		} else {
			if (q >= 1000)
				ms_number(t, q);
			else
				ms_below_thousand(t, (unsigned)q);
			word(t, ms_scales[i]);
		}
		n %= scales[i];
	}
	if (n > 0)
		ms_below_thousand(t, (unsigned)n);
}

/* ---- amounts in words: Chinese capitals ------------------------------- */

static const char *const hant_digits[10] = {
	"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖",
};
static const char *const hans_digits[10] = {
	"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};
static const char *const small_units[4] = { "", "拾", "佰", "仟" };
/* After the digit at 10^4, 10^8, 10^12: Taiwan's 兆; the mainland's 万亿 (亿 over a 万 group). */
static const char *const hant_groups[4] = { "", "萬", "億", "兆" };
static const char *const hans_groups[4] = { "", "万", "亿", "万" };
static const char *const hant_fraction_units[EXPONENT_MAX] = { "角", "分", "厘", "毫", "絲", "忽" };
static const char *const hans_fraction_units[EXPONENT_MAX] = { "角", "分", "厘", "毫", "丝", "忽" };

#define ZH_DIGITS 16  /* 10^15, the largest integer part, has 16 */

/*
 * n (0 .. 10^16 - 1) in capitals.  Digit by digit from the top: a 零 before
 * a non-zero digit when zeros came since the last one written; the group
 * word after the last digit of a group that is not all zeros (zh-Hans: 亿
 * after the whole part above 10^8, which holds its own 万).
 */
static void
zh_number(struct text *t, uint64_t n, bool hans)
{
	const char *const *digits = hans ? hans_digits : hant_digits;
	int d[ZH_DIGITS];
	bool written = false, zeros = false;

	if (n == 0) {
		put(t, digits[0]);
		return;
	}
	for (int p = 0; p < ZH_DIGITS; p++) {
		d[p] = (int)(n % 10);
		n /= 10;
	}
	for (int p = ZH_DIGITS - 1; p >= 0; p--) {
		if (d[p] != 0) {
			if (zeros)
				put(t, digits[0]);
			put(t, digits[d[p]]);
			put(t, small_units[p % 4]);
			written = true;
			zeros = false;
		} else if (written) {
			zeros = true;
		}
		if (p > 0 && p % 4 == 0) {
			int top = hans && p == 8 ? ZH_DIGITS - 1 : p + 3;
			bool any = false;

			for (int q = p; q <= top; q++)
				any = any || d[q] != 0;
			if (any)
				put(t, (hans ? hans_groups : hant_groups)[p / 4]);
		}
	}
}

/* ---- amounts in words: the currencies --------------------------------- */

struct currency_words {
	char code[4];
	const char *en, *en_minor;   /* NULL: the ISO code, "Cents" */
	const char *ms, *ms_minor;   /* NULL: the ISO code, "Sen" */
	const char *hant, *hans;     /* NULL: the ISO code */
	const char *zh_unit;         /* 元 or 令吉 */
	bool zh_minor_count;         /* the fraction as a number of 仙, not 角 分 */
};

static const struct currency_words currency_words[] = {
	{ "MYR", "Ringgit Malaysia", "Sen", "Ringgit Malaysia", "Sen", "馬幣", "马币", "令吉", true },
	{ "TWD", "New Taiwan Dollars", "Cents", "Dolar Baharu Taiwan", "Sen", "新臺幣", "新台币", "元", false },
	{ "USD", "US Dollars", "Cents", "Dolar Amerika Syarikat", "Sen", "美元", "美元", "元", false },
	{ "SGD", "Singapore Dollars", "Cents", "Dolar Singapura", "Sen", "新加坡元", "新加坡元", "元", false },
	{ "CNY", "Renminbi Yuan", "Fen", "Yuan Renminbi", "Fen", "人民幣", "人民币", "元", false },
	{ "HKD", NULL, NULL, NULL, NULL, "港幣", "港币", "元", false },
};

static const struct currency_words *
currency_words_of(const char *code)
{
	static const struct currency_words other = {
		"", NULL, NULL, NULL, NULL, NULL, NULL, "元", false,
	};

	for (size_t i = 0; i < sizeof currency_words / sizeof currency_words[0]; i++)
		if (strcmp(currency_words[i].code, code) == 0)
			return &currency_words[i];
	return &other;
}

static void
zh_amount(struct text *t, bool hans, const char *code, const struct currency_words *cw,
    uint64_t whole, uint64_t fraction, int exponent)
{
	const char *prefix = hans ? cw->hans : cw->hant;
	const char *const *digits = hans ? hans_digits : hant_digits;
	const char *const *units = hans ? hans_fraction_units : hant_fraction_units;
	bool written = whole > 0, zeros = false;
	uint64_t div = 1;

	put(t, prefix != NULL ? prefix : code);
	/* 0.05 is 伍分, not 零元伍分: the 零元 adds nothing a forger could use. */
	if (whole > 0 || fraction == 0) {
		zh_number(t, whole, hans);
		put(t, cw->zh_unit);
	}
	if (fraction == 0) {
		put(t, "整");
		return;
	}
	if (cw->zh_minor_count) {
		zh_number(t, fraction, hans);
		put(t, "仙");
		return;
	}
	for (int i = 1; i < exponent; i++)
		div *= 10;
	for (int i = 0; i < exponent; i++, div /= 10) {
		int d = (int)(fraction / div % 10);

		if (d != 0) {
			if (zeros)
				put(t, digits[0]);
			put(t, digits[d]);
			put(t, units[i]);
			written = true;
			zeros = false;
		} else if (written) {
			zeros = true;
		}
	}
}

ar_err
doc_amount_words(enum report_lang lang, currency_id cur, int exponent,
    int64_t minor, char *buf, size_t cap)
{
	struct text t = { buf, cap, 0, false };
	const struct currency_words *cw;
	const char *code = currency_code(cur);
	uint64_t unit = 1, whole, fraction;

	if (cap > 0)
		buf[0] = '\0';
	if (exponent < 0)
		exponent = currency_exponent(cur);
	if (code == NULL || (unsigned)lang >= REPORT_LANG_COUNT || exponent > EXPONENT_MAX ||
	    cap == 0)
		return AR_EUSAGE;
	if (minor < 0 || minor > DOC_TEXT_WORDS_LIMIT)
		return AR_ERANGE;
	for (int i = 0; i < exponent; i++)
		unit *= 10;
	whole = (uint64_t)minor / unit;
	fraction = (uint64_t)minor % unit;
	cw = currency_words_of(code);
	switch (lang) {
	case REPORT_LANG_EN:
		word(&t, cw->en != NULL ? cw->en : code);
		en_number(&t, whole);
		if (fraction > 0) {
			word(&t, "and");
			word(&t, cw->en_minor != NULL ? cw->en_minor : "Cents");
			en_number(&t, fraction);
		}
		word(&t, "Only");
		break;
	case REPORT_LANG_MS:
		word(&t, cw->ms != NULL ? cw->ms : code);
		ms_number(&t, whole);
		if (fraction > 0) {
			word(&t, "dan");
			word(&t, cw->ms_minor != NULL ? cw->ms_minor : "Sen");
			ms_number(&t, fraction);
		}
		word(&t, "Sahaja");
		break;
	default:
		zh_amount(&t, lang == REPORT_LANG_ZH_HANS, code, cw, whole, fraction, exponent);
		break;
	}
	if (t.full) {
		buf[0] = '\0';
		return AR_EUSAGE;
	}
	return AR_OK;
}

/* ---- captions --------------------------------------------------------- */

static const char *const en_captions[DC_COUNT] = {
	[DC_COL_DOC_NO] = "Document No.",
	[DC_COL_DOC_DATE] = "Document Date",
	[DC_COL_DUE_DATE] = "Due Date",
	[DC_COL_DAYS] = "Days Overdue",
	[DC_COL_AMOUNT] = "Amount",
	[DC_COL_INTEREST] = "Interest",
	[DC_OVERDUE_AMOUNT] = "Overdue amount",
	[DC_INTEREST] = "Late payment interest",
	[DC_FEE] = "Administrative fee",
	[DC_AMOUNT_DUE] = "Total amount due",
	[DC_AMOUNT_IN_WORDS] = "Amount due in words",
	[DC_OUR_REF] = "Our ref.",
	[DC_DATE] = "Date",
	[DC_PAGE_OF] = "Page %d of %d",
	[DC_REG_NO] = "Company No.",
	[DC_TEL] = "Tel.",
	[DC_EMAIL] = "E-mail",
};

/* Traditional Chinese of Taiwanese business letters (單據, 遲延利息, 統一編號). */
static const char *const zh_hant_captions[DC_COUNT] = {
	[DC_COL_DOC_NO] = "單據號碼",
	[DC_COL_DOC_DATE] = "單據日期",
	[DC_COL_DUE_DATE] = "到期日",
	[DC_COL_DAYS] = "逾期天數",
	[DC_COL_AMOUNT] = "金額",
	[DC_COL_INTEREST] = "利息",
	[DC_OVERDUE_AMOUNT] = "逾期金額",
	[DC_INTEREST] = "遲延利息",
	[DC_FEE] = "手續費",
	[DC_AMOUNT_DUE] = "應付總額",
	[DC_AMOUNT_IN_WORDS] = "應付總額（大寫）",
	[DC_OUR_REF] = "本公司文號",
	[DC_DATE] = "日期",
	[DC_PAGE_OF] = "第 %d 頁，共 %d 頁",
	[DC_REG_NO] = "統一編號",
	[DC_TEL] = "電話",
	[DC_EMAIL] = "電子郵件",
};

/* Simplified Chinese (单据, 逾期利息, 公司注册号). */
static const char *const zh_hans_captions[DC_COUNT] = {
	[DC_COL_DOC_NO] = "单据号码",
	[DC_COL_DOC_DATE] = "单据日期",
	[DC_COL_DUE_DATE] = "到期日",
	[DC_COL_DAYS] = "逾期天数",
	[DC_COL_AMOUNT] = "金额",
	[DC_COL_INTEREST] = "利息",
	[DC_OVERDUE_AMOUNT] = "逾期金额",
	[DC_INTEREST] = "逾期利息",
	[DC_FEE] = "手续费",
	[DC_AMOUNT_DUE] = "应付总额",
	[DC_AMOUNT_IN_WORDS] = "应付总额（大写）",
	[DC_OUR_REF] = "我方编号",
	[DC_DATE] = "日期",
	[DC_PAGE_OF] = "第 %d 页，共 %d 页",
	[DC_REG_NO] = "公司注册号",
	[DC_TEL] = "电话",
	[DC_EMAIL] = "电子邮件",
};

/* Malaysian Malay, as report_lang.c words the same things (tarikh akhir bayaran, tertunggak). */
static const char *const ms_captions[DC_COUNT] = {
	[DC_COL_DOC_NO] = "No. Dokumen",
	[DC_COL_DOC_DATE] = "Tarikh Dokumen",
	[DC_COL_DUE_DATE] = "Tarikh Akhir Bayaran",
	[DC_COL_DAYS] = "Hari Tertunggak",
	[DC_COL_AMOUNT] = "Amaun",
	[DC_COL_INTEREST] = "Faedah",
	[DC_OVERDUE_AMOUNT] = "Amaun tertunggak",
	[DC_INTEREST] = "Faedah lewat bayar",
	[DC_FEE] = "Fi pentadbiran",
	[DC_AMOUNT_DUE] = "Jumlah perlu dibayar",
	[DC_AMOUNT_IN_WORDS] = "Jumlah perlu dibayar dalam perkataan",
	[DC_OUR_REF] = "Rujukan kami",
	[DC_DATE] = "Tarikh",
	[DC_PAGE_OF] = "Halaman %d daripada %d",
	[DC_REG_NO] = "No. Syarikat",
	[DC_TEL] = "Tel.",
	[DC_EMAIL] = "E-mel",
};

static const char *const *const caption_tables[REPORT_LANG_COUNT] = {
	[REPORT_LANG_EN] = en_captions,
	[REPORT_LANG_ZH_HANT] = zh_hant_captions,
	[REPORT_LANG_ZH_HANS] = zh_hans_captions,
	[REPORT_LANG_MS] = ms_captions,
};

const char *
doc_caption(enum report_lang lang, enum doc_caption id)
{
	const char *s;

	if ((unsigned)id >= DC_COUNT)
		return "?";
	if ((unsigned)lang >= REPORT_LANG_COUNT)
		lang = REPORT_LANG_EN;
	s = caption_tables[lang][id];
	/* A table with a hole would be a bug the unit test catches; never hand back NULL. */
	return s != NULL && s[0] != '\0' ? s : en_captions[id];
}
