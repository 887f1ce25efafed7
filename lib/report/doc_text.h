/*
 * doc_text.h - the language layer every letter, e-mail and SMS to a debtor
 * shares: the long date, the amount as people read it, the amount in words
 * as on a cheque or a letter of demand, and the captions of a letter, in
 * the four languages of report_lang.h.
 *
 * Everything is written into the caller's buffer; nothing is allocated.
 * Text is UTF-8.
 */
#ifndef DOC_TEXT_H
#define DOC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/report_lang.h"

/*
 * The long date of letters:
 *   en       "24 November 2026"   (no leading zero: "4 March 2026")
 *   ms       "24 Mac 2026"        (Januari Februari Mac April Mei Jun Julai
 *                                  Ogos September Oktober November Disember)
 *   zh-Hans, zh-Hant  "2026年11月24日"
 *   zh-Hant with roc  "中華民國115年11月24日" (ROC year = year - 1911; 1912
 *                     is "中華民國元年1月1日"; before 1912 the Gregorian form)
 * roc is ignored for the other languages.  Writes a NUL-terminated string
 * into buf and returns its length; returns 0 (and writes "" when cap > 0)
 * when cap is too small, when day is outside 0001-01-01..9999-12-31
 * (DATE_NONE among them) or lang is out of range.  DOC_TEXT_DATE_MAX bytes
 * are always enough.
 */
#define DOC_TEXT_DATE_MAX 64
size_t doc_long_date(enum report_lang lang, bool roc, civil_day day, char *buf, size_t cap);

/*
 * An amount as people read it in a letter, the same in every language:
 * grouped by thousands with ',', '.' before the exponent's decimals, '-'
 * in front when negative: 1234560,2 -> "12,345.60"; 12345,0 -> "12,345";
 * -5,2 -> "-0.05".  Any int64 is written exactly (INT64_MIN too).  Returns
 * the length written (NUL-terminated), or 0 (and "" when cap > 0) when cap
 * is too small or exponent is outside 0..6.  DOC_TEXT_MONEY_MAX bytes are
 * always enough.
 */
#define DOC_TEXT_MONEY_MAX 40
size_t doc_money(int64_t minor, int exponent, char *buf, size_t cap);

/*
 * The amount in words, as on a cheque or a letter of demand, in lang, for
 * currency cur with `exponent` decimals (pass currency_exponent(cur), or a
 * negative exponent to mean exactly that; a ledger that keeps TWD at 0
 * passes 0).  minor is in minor units: 0 .. 10^15 inclusive.
 *
 *   en  "Ringgit Malaysia Twelve Thousand Three Hundred Forty-Five and Sen
 *       Sixty Only" (1234560 MYR); "Ringgit Malaysia One Hundred Only";
 *       "Ringgit Malaysia Zero and Sen Five Only"; "Ringgit Malaysia Zero
 *       Only".  Tens hyphenated (Forty-Five), no "and" inside a number,
 *       scales Thousand Million Billion Trillion (10^15 is "One Thousand
 *       Trillion").  Names: MYR Ringgit Malaysia / Sen, TWD New Taiwan
 *       Dollars / Cents, USD US Dollars / Cents, SGD Singapore Dollars /
 *       Cents, CNY Renminbi Yuan / Fen; any other currency its ISO code /
 *       Cents ("EUR One Hundred and Cents Five Only").
 *   ms  "Ringgit Malaysia Dua Belas Ribu Tiga Ratus Empat Puluh Lima dan
 *       Sen Enam Puluh Sahaja"; Sepuluh, Sebelas, Dua Belas, Seratus,
 *       Seribu, Satu Juta (never Sejuta), Satu Bilion, Satu Trilion; zero
 *       is "Kosong".  Names: MYR Ringgit Malaysia / Sen, TWD Dolar Baharu
 *       Taiwan / Sen, USD Dolar Amerika Syarikat / Sen, SGD Dolar Singapura
 *       / Sen, CNY Yuan Renminbi / Fen; others the ISO code / Sen.
 *   In en and ms the fraction is the number of minor units in words ("Sen
 *   Sixty" for .60, "Cents Five" for .05, "Fen Sixty" for CNY .60), present
 *   only when it is not zero; a currency of exponent 0 never has one.
 *   zh-Hant / zh-Hans: bank capitals (大寫), zh-Hant 零壹貳參肆伍陸柒捌玖
 *       拾佰仟 萬 億 兆 (10^12), zh-Hans 零壹贰叁肆伍陆柒捌玖 拾佰仟 万 亿,
 *       10^12 as 万亿; 10 is 壹拾; one 零 for any run of zeros between two
 *       non-zero digits, across 萬/億 too, none at the end (壹萬零伍元,
 *       壹仟零伍萬元, 壹佰萬零伍佰元).  Prefixes: TWD 新臺幣 / 新台币, CNY
 *       人民幣 / 人民币, MYR 馬幣 / 马币, USD 美元, SGD 新加坡元, HKD 港幣 /
 *       港币, others the ISO code ("EUR壹佰元整").
 *       The fraction, by digit: 角 分 (then 厘 毫 絲/丝 忽 for exponents
 *       3..6), a 零 where zeros stand between non-zero digits (12345.06 ->
 *       …伍元零陆分); 整 after 元 when there is no fraction, never after
 *       角 or 分 (12345.60 -> …伍元陆角).  MYR writes the sen as a number
 *       of 仙 (…令吉陆拾仙, …令吉伍仙, …令吉整).  A zero integer part is
 *       left out when there is a fraction (人民币伍分, 马币伍仙); nothing at
 *       all is 零元整 (马币零令吉整).
 *
 * Writes a NUL-terminated string into buf.  Returns AR_OK; AR_ERANGE for a
 * negative amount or one above 10^15 minor units; AR_EUSAGE when cap is too
 * small, cur is not a looked-up currency, lang is out of range or exponent
 * is above 6 (buf is "" when cap > 0 on any error).  DOC_TEXT_WORDS_MAX
 * bytes are always enough (the longest text, in Malay for USD, is about
 * 250 bytes).
 */
#define DOC_TEXT_WORDS_MAX 512
#define DOC_TEXT_WORDS_LIMIT INT64_C(1000000000000000)  /* 10^15 minor units */
ar_err doc_amount_words(enum report_lang lang, currency_id cur, int exponent,
    int64_t minor, char *buf, size_t cap);

/* The captions of a letter. */
enum doc_caption {
	DC_COL_DOC_NO, DC_COL_DOC_DATE, DC_COL_DUE_DATE, DC_COL_DAYS, DC_COL_AMOUNT,
	DC_COL_INTEREST,                 /* the letter's table of overdue items */
	DC_OVERDUE_AMOUNT, DC_INTEREST, DC_FEE, DC_AMOUNT_DUE,   /* totals */
	DC_AMOUNT_IN_WORDS,              /* "Amount due in words" */
	DC_OUR_REF, DC_DATE, DC_PAGE_OF, /* DC_PAGE_OF: "Page %d of %d" (two %d, in order) */
	DC_REG_NO,                       /* "Company No." / "No. Syarikat" / 統一編號 / 公司注册号 */
	DC_TEL, DC_EMAIL,
	DC_COUNT
};

/*
 * The caption id in lang: UTF-8, static, never NULL, never empty.  Every
 * language has every caption; an out-of-range lang gives the English one,
 * an out-of-range id "?".  DC_PAGE_OF is a printf format with exactly two
 * %d, the page then the number of pages ("第 %d 頁，共 %d 頁").
 */
const char *doc_caption(enum report_lang lang, enum doc_caption id);

#endif
