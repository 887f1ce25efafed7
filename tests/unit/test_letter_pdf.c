/*
 * test_letter_pdf.c - the letter as a PDF (report/letter_pdf.h): the bytes
 * start as a PDF, two renders are the same bytes, every glyph embedded is
 * whole, a bad logo or format is refused and leaves no file, a long table
 * runs over pages.
 *
 *   test_letter_pdf               the unit tests
 *   test_letter_pdf --write DIR   DIR/en.pdf, ms.pdf, zh-Hans.pdf, zh-Hant.pdf,
 *                                 long.pdf (120 rows), wide.pdf (a long body, a
 *                                 wide table) for tests/scripts/letter-pdf.sh
 *   test_letter_pdf --bench N     N English and N Traditional Chinese letters,
 *                                 milliseconds per letter (not a test)
 */
#define _GNU_SOURCE     /* RTLD_DEFAULT */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "test.h"
#include "report/letter_pdf.h"

static char dir[64];

/*
 * cairo 1.16.0 leaks 768 bytes for each CJK (CFF) font subset when it
 * finishes a PDF: a dozen lines of cairo and pango alone show it, so it is
 * not ours to free, and without this every run that writes a Chinese
 * letter would fail under LeakSanitizer.  Nothing of ours is allocated
 * under cairo_surface_finish.  libcairo has no frame pointers, so the
 * suppression can only see that frame when malloc's stacks are unwound
 * the slow way (the tests take seconds rather than one).  LeakSanitizer
 * reads these hooks beside $ASAN_OPTIONS and tests/lsan.supp.
 */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:cairo_surface_finish\n";
}

/* 2026-11-24T00:00:00Z, the PDF's CreationDate in every letter here. */
#define CREATED 1795478400LL

static const bool numeric6[6] = { false, false, false, true, true, true };

/* One language's letter: the strings of struct letter_doc and a table of six columns. */
struct sample {
	const char *lang, *company, *reg_caption, *reg_no, *address, *tel_caption, *phone,
	    *email_caption, *email, *date, *ref_caption, *reference, *recipient, *recipient_address,
	    *title, *before, *after, *signature, *page_format, *words_caption, *words;
	const char *captions[6];
	const char *cells[3][6];
	const char *totals[4][2];
};

static const struct sample samples[] = {
	{
		"en", "Acme Trading Sdn. Bhd.", "Company No.", "201901000005 (1234567-X)",
		"Level 12, Menara Acme\nJalan Sultan Ismail\n50250 Kuala Lumpur, Malaysia",
		"Tel", "+60 3-2141 5000", "E-mail", "ar@acme.com.my",
		"24 November 2026", "Our ref", "AR/C001/MYR/2/20261124",
		"Northwind Components Sdn. Bhd.",
		"Attn: Accounts Payable\nNo. 8, Jalan Teknologi 3/1\nKota Damansara\n47810 Petaling Jaya, Selangor",
		"Second reminder: overdue invoices",
		"Dear Sir or Madam,\n\nOur records show that the invoices below remain unpaid past their due "
		"dates. Late-payment interest has been charged as agreed in our terms of trade.",
		"Please pay the amount due within seven days of the date of this letter. If you have "
		"already paid, please accept our thanks and disregard this reminder.\n\nShould you have "
		"any questions, please call our credit control team.",
		"Yours faithfully,\n\n\nLee Mei Ling\nCredit Control",
		"Page %d of %d", "Amount due in words",
		"Ringgit Malaysia twelve thousand three hundred and forty-five and cents sixty only",
		{ "doc_no", "doc_date", "due_date", "days", "amount", "interest" },
		{ { "INV-2026-0815", "2026-08-15", "2026-09-14", "71", "MYR 7,000.00", "MYR 108.91" },
		  { "INV-2026-0902", "2026-09-02", "2026-10-02", "53", "MYR 3,500.00", "MYR 40.66" },
		  { "INV-2026-0920", "2026-09-20", "2026-10-20", "35", "MYR 1,575.60", "MYR 12.09" } },
		{ { "Overdue amount", "MYR 12,075.60" }, { "Interest", "MYR 161.66" },
		  { "Fee", "MYR 108.34" }, { "Amount due", "MYR 12,345.60" } },
	},
	{
		"ms", "Acme Trading Sdn. Bhd.", "No. Syarikat", "201901000005 (1234567-X)",
		"Tingkat 12, Menara Acme\nJalan Sultan Ismail\n50250 Kuala Lumpur, Malaysia",
		"Tel", "+60 3-2141 5000", "E-mel", "ar@acme.com.my",
		"24 November 2026", "Rujukan kami", "AR/C002/MYR/2/20261124",
		"Syarikat Perniagaan Maju Jaya Sdn. Bhd.",
		"No. 21, Jalan Perusahaan 2\nTaman Perindustrian Bukit Beruntung\n48300 Rawang, Selangor",
		"Peringatan kedua: invois tertunggak",
		"Tuan/Puan,\n\nRekod kami menunjukkan bahawa invois di bawah masih belum dijelaskan "
		"selepas tarikh matang. Faedah bayaran lewat dikenakan seperti yang dipersetujui.",
		"Sila jelaskan jumlah yang perlu dibayar dalam tempoh tujuh hari dari tarikh surat ini. "
		"Jika tuan/puan telah membuat bayaran, sila abaikan peringatan ini.",
		"Yang benar,\n\n\nSiti Aminah binti Abdullah\nKawalan Kredit",
		"Halaman %d daripada %d", "Jumlah perlu dibayar dalam perkataan",
		"Ringgit Malaysia dua belas ribu tiga ratus empat puluh lima dan sen enam puluh sahaja",
		{ "No. dokumen", "Tarikh dokumen", "Tarikh matang", "Hari", "Amaun", "Faedah" },
		{ { "INV-2026-1101", "2026-08-15", "2026-09-14", "71", "MYR 7,000.00", "MYR 108.91" },
		  { "INV-2026-1102", "2026-09-02", "2026-10-02", "53", "MYR 3,500.00", "MYR 40.66" },
		  { "INV-2026-1103", "2026-09-20", "2026-10-20", "35", "MYR 1,575.60", "MYR 12.09" } },
		{ { "Amaun tertunggak", "MYR 12,075.60" }, { "Faedah", "MYR 161.66" },
		  { "Fi", "MYR 108.34" }, { "Jumlah perlu dibayar", "MYR 12,345.60" } },
	},
	{
		"zh-Hans", "上海华东贸易有限公司", "统一社会信用代码", "91310000MA1FL1234X",
		"上海市浦东新区世纪大道100号\n环球金融中心25楼", "电话", "+86 21 6888 1234",
		"电子邮件", "ar@huadong.com.cn",
		"2026年11月24日", "我方编号", "AR/C003/CNY/2/20261124",
		"深圳市华南精密制造有限公司", "广东省深圳市南山区科技园南区\n高新南七道18号",
		"第二次催款通知：逾期发票",
		"尊敬的客户：\n\n根据我司账务记录，截至2026年11月24日，贵司下列发票已逾期未付。"
		"逾期利息已按双方约定的交易条款计收。",
		"请于本函日期起七日内付清上述应付金额。如贵司已付款，敬请忽略本通知。",
		"此致\n敬礼\n\n\n王晓明\n信用管理部",
		"第 %d 页，共 %d 页", "应付金额（大写）", "人民币壹万贰仟叁佰肆拾伍元陆角整",
		{ "单据编号", "单据日期", "到期日", "逾期天数", "金额", "利息" },
		{ { "HD-2026-0815", "2026-08-15", "2026-09-14", "71", "CNY 7,000.00", "CNY 108.91" },
		  { "HD-2026-0902", "2026-09-02", "2026-10-02", "53", "CNY 3,500.00", "CNY 40.66" },
		  { "HD-2026-0920", "2026-09-20", "2026-10-20", "35", "CNY 1,575.60", "CNY 12.09" } },
		{ { "逾期金额", "CNY 12,075.60" }, { "利息", "CNY 161.66" },
		  { "手续费", "CNY 108.34" }, { "应付金额", "CNY 12,345.60" } },
	},
	{
		"zh-Hant", "聯豐貿易股份有限公司", "統一編號", "24536806",
		"臺北市信義區松仁路100號12樓", "電話", "+886 2 2722 1234",
		"電子郵件", "ar@lianfeng.com.tw",
		"2026年11月24日", "本公司編號", "AR/C004/TWD/2/20261124",
		"臺灣精密工業股份有限公司", "新北市板橋區文化路一段188號\n22050 臺灣",
		"逾期帳款第二次催告通知",
		"敬啟者：\n\n依本公司帳務紀錄，截至2026年11月24日，貴公司下列發票已逾付款期限，尚未清償。"
		"逾期利息係依雙方約定之交易條件計收。",
		"請於本函日期起七日內付清上述應付金額。如貴公司已付款，敬請忽略本通知。"
		"如有任何疑問，請與本公司信用管理部聯絡。",
		"此致\n臺灣精密工業股份有限公司\n\n\n陳志明\n信用管理部",
		"第 %d 頁，共 %d 頁", "應付總額（大寫）", "新臺幣壹萬貳仟參佰肆拾伍元整",
		{ "發票號碼", "發票日期", "到期日", "逾期天數", "金額", "利息" },
		{ { "LF-2026-0815", "2026-08-15", "2026-09-14", "71", "TWD 7,000", "TWD 109" },
		  { "LF-2026-0902", "2026-09-02", "2026-10-02", "53", "TWD 3,500", "TWD 41" },
		  { "LF-2026-0920", "2026-09-20", "2026-10-20", "35", "TWD 1,575", "TWD 12" } },
		{ { "逾期金額", "TWD 12,075" }, { "利息", "TWD 162" },
		  { "手續費", "TWD 108" }, { "應付總額", "TWD 12,345" } },
	},
};

#define NSAMPLES (sizeof samples / sizeof samples[0])

/* The letter of a sample; totals[4] is the caller's, as the strings are the sample's. */
static struct letter_doc
sample_doc(const struct sample *s, struct letter_total *totals)
{
	struct letter_doc d = { 0 };

	d.lang = s->lang;
	d.company_name = s->company;
	d.company_reg_no = s->reg_no;
	d.company_address = s->address;
	d.company_phone = s->phone;
	d.company_email = s->email;
	d.reg_no_caption = s->reg_caption;
	d.tel_caption = s->tel_caption;
	d.email_caption = s->email_caption;
	d.date_text = s->date;
	d.ref_caption = s->ref_caption;
	d.reference = s->reference;
	d.recipient_name = s->recipient;
	d.recipient_address = s->recipient_address;
	d.title = s->title;
	d.body_before = s->before;
	d.table.ncols = 6;
	d.table.captions = s->captions;
	d.table.numeric = numeric6;
	d.table.nrows = 3;
	d.table.cells = &s->cells[0][0];
	for (size_t i = 0; i < 4; i++)
		totals[i] = (struct letter_total){ s->totals[i][0], s->totals[i][1], i == 3 };
	d.totals = totals;
	d.ntotals = 4;
	d.words_caption = s->words_caption;
	d.words = s->words;
	d.body_after = s->after;
	d.signature = s->signature;
	d.page_format = s->page_format;
	d.creation_date = CREATED;
	return d;
}

/* The cells of a 120-row table, INV-000001 to INV-000120, and the doc over them. */
struct long_table {
	char text[120][6][24];
	const char *cells[120 * 6];
};

static void
long_table_fill(struct long_table *lt, struct letter_doc *d)
{
	for (int i = 0; i < 120; i++) {
		snprintf(lt->text[i][0], sizeof lt->text[i][0], "INV-%06d", i + 1);
		snprintf(lt->text[i][1], sizeof lt->text[i][1], "2026-%02d-%02d", 1 + i % 9, 1 + i % 28);
		snprintf(lt->text[i][2], sizeof lt->text[i][2], "2026-%02d-%02d", 2 + i % 9, 1 + i % 28);
		snprintf(lt->text[i][3], sizeof lt->text[i][3], "%d", 300 - 2 * i);
		snprintf(lt->text[i][4], sizeof lt->text[i][4], "MYR %d,%03d.%02d", 1 + i % 9, (i * 37) % 1000, i % 100);
		snprintf(lt->text[i][5], sizeof lt->text[i][5], "MYR %d.%02d", 10 + i, (i * 7) % 100);
		for (int j = 0; j < 6; j++)
			lt->cells[i * 6 + j] = lt->text[i][j];
	}
	d->table.nrows = 120;
	d->table.cells = lt->cells;
}

/*
 * A letter wider and longer than its page: 40 paragraphs before the table
 * (some split over pages between lines), a table of 7 columns whose
 * description is too long for one line (the text columns narrow and
 * wrap).
 */
struct wide_letter {
	char body[32 * 1024];
	char text[10][7][200];
	const char *cells[10 * 7];
};

static const char *const wide_captions[7] = {
	"doc_no", "description", "doc_date", "due_date", "days", "amount", "interest"
};
static const bool wide_numeric[7] = { false, false, false, false, true, true, true };

static void
wide_letter_fill(struct wide_letter *w, struct letter_doc *d)
{
	size_t n = 0;

	static const char more[] = " We have written to you about these invoices before, and we "
	    "have telephoned your accounts department twice, yet no payment has reached us and no "
	    "reason for withholding it has been given.  Unless the amount due is paid within seven "
	    "days, we shall place the account on hold, stop further deliveries and refer the debt to "
	    "our solicitors without further notice to you, which would add their costs to what you "
	    "owe.  We would much rather settle this with you directly.";

	/* Every fifth paragraph 9 lines, the last longer than a page: they are split between pages. */
	for (int i = 0; i < 40; i++) {
		n += (size_t)snprintf(w->body + n, sizeof w->body - n, "%sParagraph %d. Our records show that "
		    "the invoices below remain unpaid past their due dates; late-payment interest has been "
		    "charged as agreed in our terms of trade, which we enclose again for your convenience.%s",
		    i ? "\n\n" : "", i + 1, i % 5 == 4 ? more : "");
		for (int k = 0; i == 39 && k < 12; k++)
			n += (size_t)snprintf(w->body + n, sizeof w->body - n, "%s", more);
	}
	for (int i = 0; i < 10; i++) {
		snprintf(w->text[i][0], sizeof w->text[i][0], "WIDE-%04d", i + 1);
		snprintf(w->text[i][1], sizeof w->text[i][1], "Supply of precision bearings, batch %d, "
		    "delivered to the Port Klang warehouse against purchase order PO-2026-%05d", i + 1,
		    7000 + i);
		snprintf(w->text[i][2], sizeof w->text[i][2], "2026-0%d-01", 1 + i % 9);
		snprintf(w->text[i][3], sizeof w->text[i][3], "2026-0%d-28", 1 + i % 9);
		snprintf(w->text[i][4], sizeof w->text[i][4], "%d", 100 + i);
		snprintf(w->text[i][5], sizeof w->text[i][5], "MYR 1%d,250.00", i);
		snprintf(w->text[i][6], sizeof w->text[i][6], "MYR %d.75", 40 + i);
		for (int j = 0; j < 7; j++)
			w->cells[i * 7 + j] = w->text[i][j];
	}
	d->body_before = w->body;
	d->table.ncols = 7;
	d->table.captions = wide_captions;
	d->table.numeric = wide_numeric;
	d->table.nrows = 10;
	d->table.cells = w->cells;
}

/* The whole file at path, NUL-terminated, in *len bytes (for the caller to free); NULL when unreadable. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	*len = 0;
	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, fp);
		buf[*len] = '\0';
	}
	fclose(fp);
	return buf;
}

static bool
bytes_contain(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return true;
	return false;
}

/* The page count of the PDF in buf (cairo writes one page tree: "/Count N"); -1 when absent. */
static int
pdf_pages(const char *buf, size_t len)
{
	for (size_t i = 0; i + 7 < len; i++)
		if (memcmp(buf + i, "/Count ", 7) == 0)
			return atoi(buf + i + 7);
	return -1;
}

/* How many entries dir holds, . and .. aside. */
static int
dir_entries(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (dp == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static void
path_in(char *buf, size_t size, const char *dirname, const char *name)
{
	snprintf(buf, size, "%s/%s", dirname, name);
}

/* A 240 x 80 logo: a blue square and a grey bar, for the letterhead. */
static bool
write_logo(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 80);
	cairo_t *cr = cairo_create(s);
	bool ok;

	cairo_set_source_rgb(cr, 0.05, 0.25, 0.55);
	cairo_rectangle(cr, 0, 0, 80, 80);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 20, 20, 40, 40);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.55, 0.55, 0.6);
	cairo_rectangle(cr, 92, 30, 148, 20);
	cairo_fill(cr);
	cairo_destroy(cr);
	ok = cairo_surface_write_to_png(s, path) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return ok;
}

/*
 * FreeType and zlib, found in the process (cairo loaded them) rather than
 * linked: the Makefile links the letter's libraries, not theirs.
 */
static struct {
	FT_Error (*init)(FT_Library *);
	FT_Error (*new_memory_face)(FT_Library, const FT_Byte *, FT_Long, FT_Long, FT_Face *);
	FT_Error (*load_glyph)(FT_Face, FT_UInt, FT_Int32);
	FT_Error (*done_face)(FT_Face);
	FT_Error (*done)(FT_Library);
	int (*uncompress)(unsigned char *, unsigned long *, const unsigned char *, unsigned long);
} ft;

static bool
ft_bind(void)
{
	static const char *const names[] = {
		"FT_Init_FreeType", "FT_New_Memory_Face", "FT_Load_Glyph", "FT_Done_Face",
		"FT_Done_FreeType", "uncompress",
	};
	void (**slots[])(void) = {
		(void (**)(void))&ft.init, (void (**)(void))&ft.new_memory_face,
		(void (**)(void))&ft.load_glyph, (void (**)(void))&ft.done_face,
		(void (**)(void))&ft.done, (void (**)(void))&ft.uncompress,
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		void *sym = dlsym(RTLD_DEFAULT, names[i]);

		if (sym == NULL)
			return false;
		memcpy(slots[i], &sym, sizeof sym);
	}
	return true;
}

/*
 * Glyphs of the fonts embedded in the PDF buf that FreeType cannot load,
 * in *broken, of *glyphs in all; false when a font program cannot be read
 * at all.  cairo writes each font program as a Flate stream whose
 * dictionary names it: /Subtype /CIDFontType0C (CFF) or /Length1
 * (TrueType).
 */
static bool
pdf_broken_glyphs(const char *buf, size_t len, int *broken, int *glyphs)
{
	FT_Library lib;
	const char *p = buf, *end = buf + len;
	bool ok = true;

	*broken = *glyphs = 0;
	if (ft.init(&lib) != 0)
		return false;
	while (ok && (p = memmem(p, (size_t)(end - p), "stream\n", 7)) != NULL) {
		const char *dict = p, *data = p + 7, *stop;
		unsigned long size = 8 << 20;
		unsigned char *font;
		FT_Face face;

		while (dict > buf && !(dict[0] == '<' && dict[1] == '<'))
			dict--;
		stop = memmem(data, (size_t)(end - data), "endstream", 9);
		p = stop != NULL ? stop + 9 : end;   /* past "endstream", which ends in "stream" */
		if (stop == NULL || (!memmem(dict, (size_t)(data - dict), "/CIDFontType0C", 14) &&
		    !memmem(dict, (size_t)(data - dict), "/Length1 ", 9)))
			continue;
		if ((font = malloc(size)) == NULL ||
		    ft.uncompress(font, &size, (const unsigned char *)data, (unsigned long)(stop - data)) != 0 ||
		    ft.new_memory_face(lib, font, (FT_Long)size, 0, &face) != 0) {
			ok = false;
		} else {
			for (FT_Long g = 1; g < face->num_glyphs; g++, ++*glyphs)
				if (ft.load_glyph(face, (FT_UInt)g, FT_LOAD_NO_SCALE) != 0)
					++*broken;
			ft.done_face(face);
		}
		free(font);
	}
	ft.done(lib);
	return ok;
}

/*
 * Every glyph of every letter's embedded fonts loads: cairo 1.16 wrote
 * the Simplified Chinese 如 empty (letter_pdf_text.c), which no pdftotext
 * check sees, as the text still reads "如".
 */
static void
embedded_glyphs_are_whole(void)
{
	if (!ft_bind())
		SKIP("FreeType or zlib not found in the process");
	for (size_t i = 0; i < NSAMPLES; i++) {
		struct letter_total totals[4];
		struct letter_doc d = sample_doc(&samples[i], totals);
		char *mem = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&mem, &len);
		int broken = -1, glyphs = 0;

		EXPECT_EQ_INT(letter_pdf_write_fp(fp, &d, NULL), AR_OK);
		fclose(fp);
		EXPECT(pdf_broken_glyphs(mem, len, &broken, &glyphs));
		if (broken != 0)
			printf("#   %s: %d of %d glyphs broken\n", samples[i].lang, broken, glyphs);
		EXPECT_EQ_INT(broken, 0);
		EXPECT(glyphs > 60);
		free(mem);
	}
}

static void
letter_is_a_pdf_of_one_page(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	char path[128];
	size_t len;
	char *buf;

	path_in(path, sizeof path, dir, "one.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_OK);
	buf = slurp(path, &len);
	EXPECT(buf != NULL && len > 1000);
	if (buf != NULL) {
		EXPECT(memcmp(buf, "%PDF-", 5) == 0);
		EXPECT_EQ_INT(pdf_pages(buf, len), 1);
		/*
		 * The dates are the caller's, never the clock's; the creator is
		 * ours.  (cairo 1.16 writes them without the "D:" that PDF
		 * recommends; pdfinfo reads them either way.)
		 */
		EXPECT(bytes_contain(buf, len, "/CreationDate (20261124000000Z)") ||
		    bytes_contain(buf, len, "/CreationDate (D:20261124000000Z)"));
		EXPECT(bytes_contain(buf, len, "/ModDate (20261124000000Z)") ||
		    bytes_contain(buf, len, "/ModDate (D:20261124000000Z)"));
		EXPECT(bytes_contain(buf, len, "/Creator (artools)"));
		EXPECT(bytes_contain(buf, len, "NotoSans-Regular"));
		EXPECT(bytes_contain(buf, len, "NotoSans-Bold"));
	}
	EXPECT_EQ_INT(dir_entries(), 1);     /* the letter, no temporary beside it */
	free(buf);
	unlink(path);
}

static void
two_renders_are_the_same_bytes(void)
{
	struct letter_total totals[4], totals_zh[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct letter_doc zh = sample_doc(&samples[3], totals_zh);
	char a[128], b[128], c[128];
	size_t alen, blen;
	char *abuf, *bbuf;

	path_in(a, sizeof a, dir, "a.pdf");
	path_in(b, sizeof b, dir, "b.pdf");
	path_in(c, sizeof c, dir, "c.pdf");
	EXPECT_EQ_INT(letter_pdf_write(a, &d, NULL), AR_OK);
	/* Another letter in between: what the process caches must not show in the bytes. */
	EXPECT_EQ_INT(letter_pdf_write(c, &zh, NULL), AR_OK);
	EXPECT_EQ_INT(letter_pdf_write(b, &d, NULL), AR_OK);
	abuf = slurp(a, &alen);
	bbuf = slurp(b, &blen);
	EXPECT(abuf != NULL && bbuf != NULL);
	EXPECT_EQ_INT(alen, blen);
	EXPECT(abuf != NULL && bbuf != NULL && alen == blen && memcmp(abuf, bbuf, alen) == 0);
	free(abuf);
	free(bbuf);
	unlink(a);
	unlink(b);
	unlink(c);
}

/*
 * Chinese in the bold styles stays in the regular CJK face (a second CJK
 * face costs cairo some 11 ms a letter); the Latin of those styles is
 * bold; an English letter has no CJK face at all.
 */
static void
chinese_letter_has_one_cjk_face(void)
{
	struct letter_total totals[4];
	struct letter_doc zh = sample_doc(&samples[3], totals);
	struct letter_doc en = sample_doc(&samples[0], totals);
	char path[128];
	size_t len;
	char *buf;

	path_in(path, sizeof path, dir, "zh.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &zh, NULL), AR_OK);
	buf = slurp(path, &len);
	EXPECT(buf != NULL);
	if (buf != NULL) {
		EXPECT(bytes_contain(buf, len, "+NotoSansCJKtc-Regular"));
		EXPECT(!bytes_contain(buf, len, "NotoSansCJKtc-Bold"));
		EXPECT(!bytes_contain(buf, len, "NotoSansCJKsc"));
		EXPECT(bytes_contain(buf, len, "+NotoSans-Bold"));
	}
	free(buf);
	EXPECT_EQ_INT(letter_pdf_write(path, &en, NULL), AR_OK);
	buf = slurp(path, &len);
	EXPECT(buf != NULL && !bytes_contain(buf, len, "CJK"));
	free(buf);
	unlink(path);
}

static void
stream_gets_the_same_bytes_as_a_file(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[1], totals);
	char path[128], *mem = NULL, *file;
	size_t memlen = 0, filelen;
	FILE *fp = open_memstream(&mem, &memlen);

	path_in(path, sizeof path, dir, "ms.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, NULL), AR_OK);
	EXPECT_EQ_INT(letter_pdf_write_fp(fp, &d, NULL), AR_OK);
	fclose(fp);
	file = slurp(path, &filelen);
	EXPECT_EQ_INT(memlen, filelen);
	EXPECT(file != NULL && memlen == filelen && memcmp(mem, file, filelen) == 0);
	free(mem);
	free(file);
	unlink(path);
}

static void
missing_logo_is_refused_and_leaves_no_file(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	char path[128], logo[128];

	path_in(path, sizeof path, dir, "logo.pdf");
	path_in(logo, sizeof logo, dir, "no-such-logo.png");
	d.logo_png_path = logo;
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_ECONFIG);
	EXPECT_EQ_INT(e.code, AR_ECONFIG);
	EXPECT(strstr(e.message, "no-such-logo.png") != NULL);
	EXPECT(strstr(e.message, "No such file or directory") != NULL);
	EXPECT(access(path, F_OK) != 0);
	EXPECT_EQ_INT(dir_entries(), 0);
}

static void
logo_that_is_not_png_is_refused(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	char path[128], logo[128];
	FILE *fp;

	path_in(path, sizeof path, dir, "logo.pdf");
	path_in(logo, sizeof logo, dir, "logo.png");
	fp = fopen(logo, "w");
	EXPECT(fp != NULL);
	if (fp == NULL)
		return;
	fputs("GIF89a, not a PNG\n", fp);
	fclose(fp);
	d.logo_png_path = logo;
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_ECONFIG);
	EXPECT(strstr(e.message, "logo.png\" cannot be read as a PNG image (no PNG signature)") != NULL);
	EXPECT(access(path, F_OK) != 0);
	/* A PNG cut short after its signature: cairo's words in the message. */
	fp = fopen(logo, "wb");
	EXPECT(fp != NULL);
	if (fp == NULL)
		return;
	fputs("\x89PNG\r\n\x1a\n\0\0", fp);
	fclose(fp);
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_ECONFIG);
	EXPECT(strstr(e.message, "logo.png\" cannot be read as a PNG image (cairo: ") != NULL);
	EXPECT(access(path, F_OK) != 0);
	/* The same path, now a PNG: read again, not taken from the cache of the last logo. */
	EXPECT(write_logo(logo));
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_OK);
	{
		size_t len;
		char *buf = slurp(path, &len);

		EXPECT(buf != NULL && bytes_contain(buf, len, "/Subtype /Image"));
		free(buf);
	}
	unlink(path);
	unlink(logo);
}

static void
long_table_runs_over_pages(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	static struct long_table lt;
	char path[128];
	size_t len;
	char *buf;

	long_table_fill(&lt, &d);
	path_in(path, sizeof path, dir, "long.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, NULL), AR_OK);
	buf = slurp(path, &len);
	EXPECT(buf != NULL);
	/* About 40 rows a page after the first page's letterhead. */
	EXPECT(buf != NULL && pdf_pages(buf, len) >= 3);
	free(buf);
	unlink(path);
}

static void
wide_letter_narrows_columns_and_splits_paragraphs(void)
{
	static struct wide_letter w;
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	char path[128];
	size_t len;
	char *buf;

	wide_letter_fill(&w, &d);
	path_in(path, sizeof path, dir, "wide.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, NULL), AR_OK);
	buf = slurp(path, &len);
	/* Two pages of text before the table; tests/scripts/letter-pdf.sh checks the margins. */
	EXPECT(buf != NULL && pdf_pages(buf, len) >= 3);
	free(buf);
	unlink(path);
}

static void
row_taller_than_a_page_is_refused(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	const char *cells[6] = { NULL, "2026-01-01", "2026-02-01", "1", "MYR 1.00", "MYR 0.01" };
	char path[128], tall[80 * 8 + 1] = "";

	for (int i = 0; i < 80; i++)
		strcat(tall, "line\n\n\n");
	cells[0] = tall;
	d.table.nrows = 1;
	d.table.cells = cells;
	path_in(path, sizeof path, dir, "tall.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUSAGE);
	EXPECT(strstr(e.message, "table row 1 is taller than a page") != NULL);
	EXPECT_EQ_INT(dir_entries(), 0);
}

static void
page_format_takes_only_d(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	char path[128];

	path_in(path, sizeof path, dir, "format.pdf");
	d.page_format = "Page %s of %d";
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUSAGE);
	EXPECT(strstr(e.message, "page_format \"Page %s of %d\"") != NULL);
	d.page_format = "%d/%d/%d";
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUSAGE);
	EXPECT_EQ_INT(dir_entries(), 0);
	/* Positions and a percent sign are fine. */
	d.page_format = "%2$d pages, this is %1$d (100%%)";
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_OK);
	unlink(path);
}

static void
text_that_is_not_utf8_is_refused(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };
	const char *cells[18];
	char path[128];

	path_in(path, sizeof path, dir, "utf8.pdf");
	d.recipient_name = "Caf\xe9 Sdn. Bhd.";
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUTF8);
	EXPECT_EQ_STR(e.message, "recipient_name is not UTF-8");
	d.recipient_name = samples[0].recipient;
	memcpy(cells, &samples[0].cells[0][0], sizeof cells);
	cells[10] = "MYR \xff";
	d.table.cells = cells;
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUTF8);
	EXPECT_EQ_STR(e.message, "table row 2 column 5 is not UTF-8");
	d.table.cells = &samples[0].cells[0][0];
	d.company_name = "";
	EXPECT_EQ_INT(letter_pdf_write(path, &d, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "the letter has no company_name");
	EXPECT_EQ_INT(dir_entries(), 0);
}

static void
missing_directory_cannot_be_created(void)
{
	struct letter_total totals[4];
	struct letter_doc d = sample_doc(&samples[0], totals);
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(letter_pdf_write("/nonexistent-dir/letter.pdf", &d, &e), AR_ECREATE);
	EXPECT_EQ_INT(errno, ENOENT);
	EXPECT(strstr(e.message, "cannot create /nonexistent-dir/letter.pdf") != NULL);
}

static void
bare_letter_without_table_or_footer(void)
{
	struct letter_doc d = { 0 };
	char path[128];
	size_t len;
	char *buf;

	d.company_name = "Acme Trading Sdn. Bhd.";
	d.recipient_name = "Northwind Components Sdn. Bhd.";
	d.body_before = "Thank you for your payment.";
	path_in(path, sizeof path, dir, "bare.pdf");
	EXPECT_EQ_INT(letter_pdf_write(path, &d, NULL), AR_OK);
	buf = slurp(path, &len);
	EXPECT(buf != NULL && pdf_pages(buf, len) == 1);
	free(buf);
	unlink(path);
}

/* --write DIR: the samples for tests/scripts/letter-pdf.sh. */
static int
write_samples(const char *out)
{
	static const char *const names[NSAMPLES] = { "en.pdf", "ms.pdf", "zh-Hans.pdf", "zh-Hant.pdf" };
	static struct long_table lt;
	static struct wide_letter wide;
	struct letter_total totals[4];
	struct letter_doc d;
	struct ar_error e = { 0 };
	char path[512], logo[512];
	int rc = 0;

	path_in(logo, sizeof logo, out, "logo.png");
	if (!write_logo(logo)) {
		fprintf(stderr, "test_letter_pdf: cannot write %s\n", logo);
		return 1;
	}
	for (size_t i = 0; i < NSAMPLES; i++) {
		d = sample_doc(&samples[i], totals);
		d.logo_png_path = logo;
		path_in(path, sizeof path, out, names[i]);
		if (letter_pdf_write(path, &d, &e) != AR_OK) {
			fprintf(stderr, "test_letter_pdf: %s: %s\n", path, e.message);
			rc = 1;
		}
	}
	d = sample_doc(&samples[0], totals);
	d.logo_png_path = logo;
	long_table_fill(&lt, &d);
	path_in(path, sizeof path, out, "long.pdf");
	if (letter_pdf_write(path, &d, &e) != AR_OK) {
		fprintf(stderr, "test_letter_pdf: %s: %s\n", path, e.message);
		rc = 1;
	}
	d = sample_doc(&samples[0], totals);
	wide_letter_fill(&wide, &d);
	path_in(path, sizeof path, out, "wide.pdf");
	if (letter_pdf_write(path, &d, &e) != AR_OK) {
		fprintf(stderr, "test_letter_pdf: %s: %s\n", path, e.message);
		rc = 1;
	}
	letter_pdf_shutdown();
	return rc;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* --bench N: milliseconds per letter, English and Traditional Chinese, with the logo. */
static int
bench(int n)
{
	struct letter_total totals[4];
	struct letter_doc d;
	char path[128], logo[128];

	path_in(logo, sizeof logo, dir, "logo.png");
	path_in(path, sizeof path, dir, "bench.pdf");
	if (!write_logo(logo))
		return 1;
	for (size_t s = 0; s < NSAMPLES; s += 3) {
		double t0;

		d = sample_doc(&samples[s], totals);
		d.logo_png_path = logo;
		if (letter_pdf_write(path, &d, NULL) != AR_OK)   /* fonts loaded before the clock starts */
			return 1;
		t0 = now_ms();
		for (int i = 0; i < n; i++)
			if (letter_pdf_write(path, &d, NULL) != AR_OK)
				return 1;
		printf("%s: %.2f ms per letter (%d letters)\n", samples[s].lang, (now_ms() - t0) / n, n);
	}
	unlink(path);
	unlink(logo);
	letter_pdf_shutdown();
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_samples(argv[2]);
	snprintf(dir, sizeof dir, "/tmp/artools-letter-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if (argc == 3 && strcmp(argv[1], "--bench") == 0) {
		int rc = bench(atoi(argv[2]) > 0 ? atoi(argv[2]) : 200);

		rmdir(dir);
		return rc;
	}
	RUN(letter_is_a_pdf_of_one_page);
	RUN(two_renders_are_the_same_bytes);
	RUN(chinese_letter_has_one_cjk_face);
	RUN(embedded_glyphs_are_whole);
	RUN(stream_gets_the_same_bytes_as_a_file);
	RUN(missing_logo_is_refused_and_leaves_no_file);
	RUN(logo_that_is_not_png_is_refused);
	RUN(long_table_runs_over_pages);
	RUN(wide_letter_narrows_columns_and_splits_paragraphs);
	RUN(row_taller_than_a_page_is_refused);
	RUN(page_format_takes_only_d);
	RUN(text_that_is_not_utf8_is_refused);
	RUN(missing_directory_cannot_be_created);
	RUN(bare_letter_without_table_or_footer);
	letter_pdf_shutdown();
	rmdir(dir);
	return test_summary();
}
