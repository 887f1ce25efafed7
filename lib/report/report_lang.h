/*
 * report_lang.h - the captions of the workbooks in the languages a
 * report is read in ([report] lang): sheet names, column headers, row
 * labels and the Summary's words.  The CSV streams keep their column
 * names whatever the language; only what people read is translated.
 */
#ifndef REPORT_LANG_H
#define REPORT_LANG_H

#include <stdbool.h>

#include "core/errors.h"

enum report_lang {
	REPORT_LANG_EN,        /* en */
	REPORT_LANG_ZH_HANT,   /* zh-Hant: Traditional Chinese (Taiwan) */
	REPORT_LANG_ZH_HANS,   /* zh-Hans: Simplified Chinese */
	REPORT_LANG_MS,        /* ms: Malay */
	REPORT_LANG_COUNT
};

enum report_caption {
	/*
	 * sheet names (31 characters at most, none of []:*?/\, distinct in
	 * a language; short enough that "NAME (999)" still fits 31 bytes, as
	 * the further Detail sheets are named)
	 */
	RC_SHEET_SUMMARY, RC_SHEET_AGING, RC_SHEET_LPD, RC_SHEET_DETAIL, RC_SHEET_MOVEMENT,
	/* the Summary's title and header block */
	RC_TITLE, RC_AS_OF, RC_ITEMS_FILES, RC_CUSTOMERS_FILE, RC_JOURNAL_FILE, RC_AGED_BY,
	RC_AGED_BY_DUE, RC_AGED_BY_DOC, RC_LPD_RULE, RC_GENERATED_BY, RC_PREVIOUS_FILE,
	/* the Summary's sections */
	RC_TOTALS_BY_CURRENCY, RC_SHARES, RC_COUNTS, RC_CUSTOMERS, RC_ITEMS, RC_CHART_TITLE,
	RC_RATES, RC_REPORTING_CURRENCY, RC_RATE, RC_RATE_DATE, RC_GROUP_TOTAL,
	RC_BY_COMPANY, RC_BY_COLLECTOR, RC_BY_STATUS, RC_NOTES,
	/* the Notes block */
	RC_NOTE_SKIPPED, RC_NOTE_NO_DUE_DATE, RC_NOTE_CREDIT_DOC_DATE, RC_NOTE_NOT_IN_MASTER,
	RC_NOTE_DUPLICATES, RC_NOTE_NONE, RC_NOTE_DEFAULT_CURRENCY, RC_NOTE_UNREAD_AMOUNT,
	RC_CHART_CURRENCY,
	/* the large-past-due rule in words, pieces joined by blanks around the figures */
	RC_LPD_DAYS_BEFORE, RC_LPD_DAYS_AFTER, RC_LPD_OR_MORE, RC_LPD_IN_ROW_CURRENCY,
	RC_LPD_AFTER_CONVERSION, RC_LPD_TOP,
	/* column headers */
	RC_COL_CUSTOMER, RC_COL_NAME, RC_COL_CURRENCY, RC_COL_CURRENT, RC_COL_TOTAL,
	RC_COL_ITEMS, RC_COL_OLDEST_DAYS, RC_COL_COLLECTOR, RC_COL_COMPANY, RC_COL_STATUS,
	RC_COL_CREDIT_LIMIT, RC_COL_PAST_DUE, RC_COL_SHARE, RC_COL_DISPUTED, RC_COL_OVER_LIMIT,
	RC_COL_TOTAL_REPORTING, RC_COL_OLDEST_DOC_NO, RC_COL_OLDEST_DUE_DATE,
	RC_COL_LAST_ACTION, RC_COL_LAST_ACTION_DATE, RC_COL_PROMISE_AMOUNT,
	RC_COL_PROMISE_CURRENCY, RC_COL_PROMISE_DUE, RC_COL_PROMISE_MADE,
	RC_COL_OPEN_DISPUTES, RC_COL_DISPUTE_SINCE, RC_COL_DISPUTED_DOCS,
	RC_COL_DAYS_OVERDUE, RC_COL_BUCKET, RC_COL_AGED_FROM, RC_COL_COUNT, RC_COL_AMOUNT,
	RC_COL_CUSTOMERS,
	RC_COL_PREVIOUS, RC_COL_CHANGE, RC_COL_MOVEMENT,
	/* row labels and words in cells */
	RC_TOTAL, RC_AMOUNT_NOTE, RC_MV_NEW, RC_MV_CLEARED, RC_MV_WORSE, RC_MV_BETTER,
	RC_MV_UNCHANGED,
	/* the printed page: libxlsxwriter header/footer codes (&P page, &N pages) */
	RC_PAGE_FOOTER,
	RC_COUNT
};

/* "en", "zh-Hant", "zh-Hans", "ms" (case as written); AR_ESYNTAX otherwise. */
ar_err report_lang_parse(const char *word, enum report_lang *lang);

/*
 * The caption in lang: UTF-8, never NULL, never empty.  A caption a
 * language lacks falls back to English (report_caption_translated tells).
 * The English column headers are the streams' column names on purpose, so
 * that the workbook's columns match the CSV's; RC_TOTAL labels the TOTAL
 * rows users filter on; RC_NOTE_SKIPPED names --skip-bad literally in every
 * language.
 */
const char *report_caption(enum report_lang lang, enum report_caption id);

/*
 * Whether lang has a caption of its own for id (always true for English);
 * false when report_caption would fall back to English, or when lang or id
 * is out of range.  For the test that every table is complete.
 */
bool report_caption_translated(enum report_lang lang, enum report_caption id);

#endif
