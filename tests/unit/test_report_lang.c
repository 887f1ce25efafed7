/* test_report_lang.c - the workbook's captions in en, zh-Hant, zh-Hans and ms: complete, well-formed, sheet names Excel takes. */
#include "test.h"

#include <strings.h>

#include "core/utf8.h"
#include "core/xlsx.h"
#include "report/report_lang.h"

static const char *const lang_words[REPORT_LANG_COUNT] = { "en", "zh-Hant", "zh-Hans", "ms" };

static const enum report_caption sheets[] = {
	RC_SHEET_SUMMARY, RC_SHEET_AGING, RC_SHEET_LPD, RC_SHEET_DETAIL, RC_SHEET_MOVEMENT,
};
#define NSHEETS (sizeof sheets / sizeof sheets[0])

/* An expectation about one caption: the failure names its language and id. */
static void
expect_caption(int ok, enum report_lang lang, enum report_caption id, const char *what,
    const char *file, int line)
{
	char msg[512];
	const char *s = report_caption(lang, id);

	test_case_checks++;
	if (ok)
		return;
	snprintf(msg, sizeof msg, "%s caption %d (\"%s\"): %s", lang_words[lang], (int)id,
	    s != NULL ? s : "(null)", what);
	test_fail(file, line, msg);
}
#define EXPECT_CAPTION(cond, lang, id, what) \
	expect_caption((cond) ? 1 : 0, lang, id, what, __FILE__, __LINE__)

/* Characters (code points) of a well-formed UTF-8 string; -1 when it is not one. */
static long
utf8_chars(const char *s)
{
	size_t n = strlen(s), at = 0;
	long chars = 0;

	while (at < n) {
		size_t k = utf8_sequence(s + at, n - at, NULL);

		if (k == 0)
			return -1;
		at += k;
		chars++;
	}
	return chars;
}

/*
 * Why Excel would refuse name as a sheet name, NULL when it takes it: 1 to
 * 31 characters, none of []:*?/\, no apostrophe first or last, not the
 * reserved "History"; and short enough in bytes that "NAME (999)" fits the
 * buffer the further Detail sheets are named in.
 */
static const char *
sheet_name_fault(const char *name)
{
	long chars = utf8_chars(name);

	if (chars < 0)
		return "not UTF-8";
	if (chars == 0)
		return "empty";
	if (chars > XLSX_SHEET_NAME_MAX)
		return "longer than 31 characters";
	if (strpbrk(name, "[]:*?/\\") != NULL)
		return "one of []:*?/\\";
	if (name[0] == '\'' || name[strlen(name) - 1] == '\'')
		return "an apostrophe first or last";
	if (strcasecmp(name, "History") == 0)
		return "Excel's reserved History";
	if (strlen(name) + strlen(" (999)") > XLSX_SHEET_NAME_MAX)
		return "no room in 31 bytes for \" (999)\"";
	return NULL;
}

static void
every_caption_is_utf8_text(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (int i = 0; i < RC_COUNT; i++) {
			const char *s = report_caption((enum report_lang)l, (enum report_caption)i);
			size_t n = s != NULL ? strlen(s) : 0;

			EXPECT_CAPTION(s != NULL, l, i, "NULL");
			if (s == NULL)
				continue;
			EXPECT_CAPTION(n > 0, l, i, "empty");
			EXPECT_CAPTION(utf8_valid(s, n), l, i, "not UTF-8");
			if (n == 0)
				continue;
			EXPECT_CAPTION(s[0] != ' ' && s[n - 1] != ' ', l, i,
			    "a space first or last");
			for (size_t k = 0; k < n; k++)
				if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f) {
					EXPECT_CAPTION(0, l, i, "a control character");
					break;
				}
		}
}

/* The rule itself refuses what Excel refuses, or the next test proves nothing. */
static void
sheet_rule_refuses_what_excel_refuses(void)
{
	EXPECT(sheet_name_fault("Summary") == NULL);
	EXPECT(sheet_name_fault("應收帳款帳齡") == NULL);
	EXPECT(sheet_name_fault("") != NULL);
	EXPECT(sheet_name_fault("Aging/2024") != NULL);
	EXPECT(sheet_name_fault("a\\b") != NULL);
	EXPECT(sheet_name_fault("[Aging]") != NULL);
	EXPECT(sheet_name_fault("Aging?") != NULL);
	EXPECT(sheet_name_fault("Aging*") != NULL);
	EXPECT(sheet_name_fault("As of: today") != NULL);
	EXPECT(sheet_name_fault("'Aging") != NULL);
	EXPECT(sheet_name_fault("history") != NULL);
	EXPECT(sheet_name_fault("abcdefghijklmnopqrstuvwxyzabcdef") != NULL);   /* 32 */
	/* 11 characters of 3 bytes: few characters, too many bytes for a Detail (N) */
	EXPECT(sheet_name_fault("一二三四五六七八九十一") != NULL);
	EXPECT_EQ_INT(utf8_chars("帳齡"), 2);
	EXPECT_EQ_INT(utf8_chars("Penuaan"), 7);
	EXPECT_EQ_INT(utf8_chars("\xe5\xb8"), -1);
}

static void
sheet_names_are_names_excel_takes(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (size_t i = 0; i < NSHEETS; i++) {
			const char *why = sheet_name_fault(report_caption((enum report_lang)l, sheets[i]));

			EXPECT_CAPTION(why == NULL, l, sheets[i], why != NULL ? why : "");
		}
}

/* Excel compares sheet names without case: distinct within a language. */
static void
sheet_names_are_distinct_in_a_language(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (size_t i = 0; i < NSHEETS; i++)
			for (size_t j = i + 1; j < NSHEETS; j++)
				EXPECT_CAPTION(strcasecmp(report_caption((enum report_lang)l, sheets[i]),
				    report_caption((enum report_lang)l, sheets[j])) != 0, l, sheets[j],
				    "the same name as another sheet");
}

static void
lang_parse_takes_exactly_the_four_words(void)
{
	enum report_lang lang = REPORT_LANG_COUNT;
	static const char *const refused[] = {
		"EN", "En", "zh", "zh-hant", "zh-hans", "ZH-HANT", "zh-TW", "zh_Hant",
		"zh-Hant ", " en", "ms-MY", "my", "malay", "english", "",
	};

	for (int l = 0; l < REPORT_LANG_COUNT; l++) {
		lang = REPORT_LANG_COUNT;
		EXPECT_EQ_INT(report_lang_parse(lang_words[l], &lang), AR_OK);
		EXPECT_EQ_INT(lang, l);
	}
	EXPECT_EQ_INT(report_lang_parse("zh-Hant", &lang), AR_OK);
	EXPECT_EQ_INT(lang, REPORT_LANG_ZH_HANT);
	EXPECT_EQ_INT(report_lang_parse("zh-Hans", &lang), AR_OK);
	EXPECT_EQ_INT(lang, REPORT_LANG_ZH_HANS);
	EXPECT_EQ_INT(report_lang_parse("ms", &lang), AR_OK);
	EXPECT_EQ_INT(lang, REPORT_LANG_MS);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		ar_err err = report_lang_parse(refused[i], &lang);

		test_case_checks++;
		if (err != AR_ESYNTAX) {
			char msg[128];

			snprintf(msg, sizeof msg, "report_lang_parse(\"%s\") is %d, expected AR_ESYNTAX",
			    refused[i], (int)err);
			test_fail(__FILE__, __LINE__, msg);
		}
	}
}

/* The label users filter TOTAL rows on. */
static void
total_rows_are_labelled(void)
{
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_TOTAL), "TOTAL");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_ZH_HANT, RC_TOTAL), "合計");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_ZH_HANS, RC_TOTAL), "合计");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_MS, RC_TOTAL), "JUMLAH");
}

/* In English the workbook's column headers are the CSV's column names. */
static void
english_columns_are_the_stream_names(void)
{
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_COL_CUSTOMER), "customer");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_COL_CURRENT), "current");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_COL_OLDEST_DAYS), "oldest_days");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_COL_CREDIT_LIMIT), "credit_limit");
	EXPECT_EQ_STR(report_caption(REPORT_LANG_EN, RC_COL_DAYS_OVERDUE), "days_overdue");
	for (int i = RC_COL_CUSTOMER; i <= RC_COL_MOVEMENT; i++) {
		const char *s = report_caption(REPORT_LANG_EN, (enum report_caption)i);

		EXPECT_CAPTION(strspn(s, "abcdefghijklmnopqrstuvwxyz_") == strlen(s),
		    REPORT_LANG_EN, i, "not a stream column name");
	}
}

/* No caption of zh-Hant, zh-Hans or ms falls back to English. */
static void
every_language_is_complete(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (int i = 0; i < RC_COUNT; i++)
			EXPECT_CAPTION(report_caption_translated((enum report_lang)l,
			    (enum report_caption)i), l, i, "missing: falls back to English");
	EXPECT(!report_caption_translated(REPORT_LANG_COUNT, RC_TOTAL));
	EXPECT(!report_caption_translated(REPORT_LANG_MS, RC_COUNT));
}

/* Words a credit manager reads, not the English column names. */
static void
translated_columns_are_words(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++) {
		if (l == REPORT_LANG_EN)
			continue;
		for (int i = 0; i < RC_COUNT; i++) {
			const char *s = report_caption((enum report_lang)l, (enum report_caption)i);

			EXPECT_CAPTION(strchr(s, '_') == NULL, l, i, "an underscore");
			if (i >= RC_COL_CUSTOMER && i <= RC_COL_MOVEMENT)
				EXPECT_CAPTION(strcmp(s, report_caption(REPORT_LANG_EN,
				    (enum report_caption)i)) != 0, l, i, "the English column name");
		}
	}
}

/* libxlsxwriter's codes only: &C centre, &P page, &N pages, && a literal &. */
static void
footer_uses_header_footer_codes(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++) {
		const char *s = report_caption((enum report_lang)l, RC_PAGE_FOOTER);
		int page = 0, pages = 0;

		EXPECT_CAPTION(strncmp(s, "&C", 2) == 0, l, RC_PAGE_FOOTER, "not centred (&C first)");
		for (const char *p = s; (p = strchr(p, '&')) != NULL; p += 2) {
			EXPECT_CAPTION(p[1] != '\0' && strchr("LCRPNDTFA&", p[1]) != NULL, l,
			    RC_PAGE_FOOTER, "an & that is not a code (a literal & is &&)");
			if (p[1] == '\0')
				break;
			page += p[1] == 'P';
			pages += p[1] == 'N';
		}
		EXPECT_CAPTION(page == 1 && pages == 1, l, RC_PAGE_FOOTER,
		    "not one &P and one &N");
	}
}

static void
skipped_note_names_the_option(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		EXPECT_CAPTION(strstr(report_caption((enum report_lang)l, RC_NOTE_SKIPPED),
		    "--skip-bad") != NULL, l, RC_NOTE_SKIPPED, "without --skip-bad");
}

/*
 * Each Chinese table in its own script: no Simplified-only character in
 * zh-Hant, no Traditional-only one in zh-Hans (pairs in the same order).
 */
static void
chinese_scripts_are_not_mixed(void)
{
	static const char *const trad[] = {
		"帳", "幣", "計", "額", "戶", "單", "據", "項", "數", "動", "變", "爭", "議",
		"結", "報", "匯", "團", "讀", "無", "錄", "紀", "記", "資", "產", "應", "總",
		"齡", "細", "條", "標", "員", "貸", "號", "碼", "頁", "進", "檔", "統", "區",
		"間", "稱", "態", "狀", "惡", "複", "種", "價", "務", "過", "續", "錯", "誤",
	};
	static const char *const simp[] = {
		"账", "币", "计", "额", "户", "单", "据", "项", "数", "动", "变", "争", "议",
		"结", "报", "汇", "团", "读", "无", "录", "纪", "记", "资", "产", "应", "总",
		"龄", "细", "条", "标", "员", "贷", "号", "码", "页", "进", "档", "统", "区",
		"间", "称", "态", "状", "恶", "复", "种", "价", "务", "过", "续", "错", "误",
	};
	size_t n = sizeof trad / sizeof trad[0];

	EXPECT_EQ_INT(sizeof simp / sizeof simp[0], n);
	for (int i = 0; i < RC_COUNT; i++) {
		const char *hant = report_caption(REPORT_LANG_ZH_HANT, (enum report_caption)i);
		const char *hans = report_caption(REPORT_LANG_ZH_HANS, (enum report_caption)i);

		for (size_t k = 0; k < n; k++) {
			EXPECT_CAPTION(strstr(hant, simp[k]) == NULL, REPORT_LANG_ZH_HANT, i,
			    "a Simplified character");
			EXPECT_CAPTION(strstr(hans, trad[k]) == NULL, REPORT_LANG_ZH_HANS, i,
			    "a Traditional character");
		}
	}
	EXPECT(strstr(report_caption(REPORT_LANG_ZH_HANT, RC_TITLE), "帳") != NULL);
	EXPECT(strstr(report_caption(REPORT_LANG_ZH_HANS, RC_TITLE), "账") != NULL);
}

int
main(void)
{
	RUN(every_caption_is_utf8_text);
	RUN(sheet_rule_refuses_what_excel_refuses);
	RUN(sheet_names_are_names_excel_takes);
	RUN(sheet_names_are_distinct_in_a_language);
	RUN(lang_parse_takes_exactly_the_four_words);
	RUN(total_rows_are_labelled);
	RUN(english_columns_are_the_stream_names);
	RUN(every_language_is_complete);
	RUN(translated_columns_are_words);
	RUN(footer_uses_header_footer_codes);
	RUN(skipped_note_names_the_option);
	RUN(chinese_scripts_are_not_mixed);
	return test_summary();
}
