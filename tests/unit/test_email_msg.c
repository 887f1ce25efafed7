/*
 * test_email_msg.c - the dunning e-mail (email_msg.h): which addresses are
 * valid, the ';'-separated list, and the message GMime writes: headers
 * encoded and exact, the MIME structure, boundaries derived from the
 * Message-ID (the same bytes twice), the refusals and a full disk.
 *
 *   test_email_msg              the unit cases
 *   test_email_msg --write DIR  write DIR/a.eml, DIR/b.eml and DIR/b.pdf for
 *                               tests/scripts/email_check.py, which holds the
 *                               same strings and reads the messages back
 *                               with Python's email package
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report/email_msg.h"
#include "test.h"

/* The samples; tests/scripts/email_check.py repeats these strings. */
#define A_TEXT \
	"Dear Kedai Runcit Ali,\n" \
	"\n" \
	"Invoice INV-1001 of MYR 1,250.00 was due on 2026-10-15.\n" \
	"Please pay it within 7 days.\n" \
	"\n" \
	"Acme Trading Sdn. Bhd.\n"
#define A_HTML \
	"<html><body>\n" \
	"<p>Dear Kedai Runcit Ali,</p>\n" \
	"<p>Invoice INV-1001 of MYR 1,250.00 was due on 2026-10-15.</p>\n" \
	"</body></html>\n"

static const struct email_spec sample_a = {
	.from_name = "Acme Trading Sdn. Bhd.",
	.from_addr = "ar@acme.com.my",
	.reply_to = "collections@acme.com.my",
	.to_name = "Kedai Runcit Ali",
	.to = "ali@kedai-ali.com.my",
	.subject = "Overdue invoices: first reminder",
	.text = A_TEXT,
	.html = A_HTML,
	.date = 1795000000,           /* Wed, 18 Nov 2026 11:06:40 UTC */
	.utc_offset_minutes = 480,
	.message_id = "ar-dunning.C002-MYR-1.1795000000@acme.com.my",
	.attachment = NULL,
};

#define B_TEXT \
	"大華貿易有限公司 您好：\n" \
	"\n" \
	"貴公司尚有逾期帳款 TWD 52,500 未付，請於 7 日內付款。\n" \
	"發票 <INV-2001> & <INV-2002>\n" \
	"\n" \
	"艾克米股份有限公司 財務部\n"
#define B_HTML \
	"<html><body>\n" \
	"<p>大華貿易有限公司 您好：</p>\n" \
	"<p>貴公司尚有逾期帳款 TWD 52,500 未付，請於 7 日內付款。</p>\n" \
	"<p>發票 &lt;INV-2001&gt; &amp; &lt;INV-2002&gt;</p>\n" \
	"</body></html>\n"

/* Not a real PDF: its header and every byte value, to see base64 keep them all. */
static unsigned char b_pdf[16 + 256 + 7];

static const struct email_attachment b_attachment = {
	.filename = "C001-TWD-2.pdf",
	.content_type = "application/pdf",
	.data = b_pdf,
	.len = sizeof b_pdf,
};

static const struct email_spec sample_b = {
	/* long enough to take several encoded words, folded */
	.from_name = "艾克米國際貿易股份有限公司台灣分公司財務部應收帳款組",
	.from_addr = "ar@acme.com.tw",
	.reply_to = NULL,
	/* Chinese and ASCII, with the specials of a phrase: ( ) , . */
	.to_name = "大華貿易 (Da Hua) Trading Co., Ltd.",
	.to = "ap@dahua.com.tw; not an address ; boss@dahua.com.tw",
	.subject = "逾期帳款通知 — 第二次",
	.text = B_TEXT,
	.html = B_HTML,
	.date = 1795000000,
	.utc_offset_minutes = 480,
	.message_id = "ar-dunning.C001-TWD-2.1795000000@acme.com.tw",
	.attachment = &b_attachment,
};

static void
make_pdf(void)
{
	memcpy(b_pdf, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\n", 16);
	for (int i = 0; i < 256; i++)
		b_pdf[16 + i] = (unsigned char)i;
	memcpy(b_pdf + 16 + 256, "\n%%EOF\n", 7);
}

/* The message of spec as a string (caller frees), its length in *len, the result in *err. */
static char *
render(const struct email_spec *spec, ar_err *err, size_t *len, struct ar_error *e)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	if (fp == NULL)
		abort();
	*err = email_write(fp, spec, e);
	if (fclose(fp) != 0)
		abort();
	*len = size;
	return buf;
}

/* The header block of a message (up to the first empty line), as a new string. */
static char *
header_block(const char *msg)
{
	const char *end = strstr(msg, "\n\n");
	size_t n = end != NULL ? (size_t)(end - msg) + 1 : strlen(msg);
	char *h = malloc(n + 1);

	if (h == NULL)
		abort();
	memcpy(h, msg, n);
	h[n] = '\0';
	return h;
}

/* Whether text holds line as a whole line. */
static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * Whether the header field (name with its colon, at a line start) of h has
 * a value starting with prefix, case aside, after the folding whitespace.
 */
static int
value_starts(const char *h, const char *name, const char *prefix)
{
	const char *p = h;

	while ((p = strstr(p, name)) != NULL && p != h && p[-1] != '\n')
		p++;
	if (p == NULL)
		return 0;
	p += strlen(name);
	p += strspn(p, " \t\n");
	return strncasecmp(p, prefix, strlen(prefix)) == 0;
}

static int
count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

static int
valid(const char *s)
{
	return email_address_valid(s, strlen(s));
}

/*
 * An address of exactly len bytes (len < 300, (len - 6) % 61 != 60) into buf:
 * "a@", labels of 60 'd' joined by dots, ".com".
 */
static const char *
address_of_length(char *buf, size_t len)
{
	size_t body = len - 6;

	memcpy(buf, "a@", 2);
	for (size_t i = 0; i < body; i++)
		buf[2 + i] = i % 61 == 60 ? '.' : 'd';
	strcpy(buf + 2 + body, ".com");
	return buf;
}

static void
addresses_valid_and_not(void)
{
	char local64[80], local65[80], long_addr[300], label64[100];

	EXPECT(valid("a@x.com"));
	EXPECT(valid("first.last+dunning@mail.example.com.my"));
	EXPECT(valid("O'Brien_&-co!#$%*/=?^`{|}~@X-1.COM"));
	EXPECT(valid("ap@xn--fiqs8s.xn--fiqz9s"));   /* an IDN in its ASCII form */
	EXPECT(valid("1@2.co"));

	EXPECT(!valid(""));
	EXPECT(!email_address_valid(NULL, 0));
	EXPECT(!valid("ax.com"));                /* no @ */
	EXPECT(!valid("a@b@x.com"));             /* two @ */
	EXPECT(!valid("a@localhost"));           /* no dot in the domain */
	EXPECT(!valid(".a@x.com"));              /* leading dot */
	EXPECT(!valid("a.@x.com"));              /* trailing dot */
	EXPECT(!valid("a..b@x.com"));            /* doubled dot */
	EXPECT(!valid("a b@x.com"));             /* a space */
	EXPECT(!valid(" a@x.com"));
	EXPECT(!valid("a@x.com "));
	EXPECT(!valid("@x.com"));
	EXPECT(!valid("a@"));
	EXPECT(!valid("a@x-.com"));              /* a label ending in a hyphen */
	EXPECT(!valid("a@-x.com"));
	EXPECT(!valid("a@x..com"));
	EXPECT(!valid("a@.x.com"));
	EXPECT(!valid("a@x.com."));
	EXPECT(!valid("a@x.c"));                 /* a one-letter TLD */
	EXPECT(!valid("a@x.c0m"));               /* a TLD with a digit */
	EXPECT(!valid("a@x.xn--"));              /* an A-label of nothing */
	EXPECT(!valid("\"a b\"@x.com"));         /* quoted local part: refused */
	EXPECT(!valid("a@[192.0.2.1]"));         /* address literal: refused */
	EXPECT(!valid("Ali <a@x.com>"));         /* a display name */
	EXPECT(!valid("a@x.com;b@y.com"));
	EXPECT(!valid("李@x.com"));              /* UTF-8: refused */
	EXPECT(!valid("a@例子.com"));
	EXPECT(!valid("a@x_y.com"));

	/* the length is the caller's: the rest of a list is not looked at */
	EXPECT(email_address_valid("a@x.com;junk", 7));
	EXPECT(!email_address_valid("a@x.com;junk", 4));   /* "a@x." */

	/* local part: 64 bytes valid, 65 not */
	memset(local64, 'l', 64);
	strcpy(local64 + 64, "@x.com");
	EXPECT(valid(local64));
	memset(local65, 'l', 65);
	strcpy(local65 + 65, "@x.com");
	EXPECT(!valid(local65));
	/* a label of 63 bytes valid, 64 not */
	memcpy(label64, "a@", 2);
	memset(label64 + 2, 'd', 64);
	strcpy(label64 + 2 + 64, ".com");
	EXPECT(!valid(label64));
	strcpy(label64 + 2 + 63, ".com");
	EXPECT(valid(label64));
	/* 254 bytes in all valid, 255 not */
	EXPECT(valid(address_of_length(long_addr, 254)));
	EXPECT(!valid(address_of_length(long_addr, 255)));
}

static void
address_lists_checked(void)
{
	const char *list = "a@x.com; bad; b@y.my", *bad = list;
	size_t n = 99, bad_len = 99;

	email_address_list_check(list, &n, &bad, &bad_len);
	EXPECT_EQ_INT(n, 2);
	EXPECT(bad == list + 9);
	EXPECT_EQ_INT(bad_len, 3);

	list = "\t first@x.com ;; ; second@y.com.my;";
	email_address_list_check(list, &n, &bad, &bad_len);
	EXPECT_EQ_INT(n, 2);
	EXPECT(bad == NULL);
	EXPECT_EQ_INT(bad_len, 0);

	/* the first invalid piece, trimmed, blanks inside kept */
	list = "a@x.com ;  not an address\t; a..b@x.com";
	email_address_list_check(list, &n, &bad, &bad_len);
	EXPECT_EQ_INT(n, 1);
	EXPECT(bad == list + 11);
	EXPECT_EQ_INT(bad_len, 14);

	email_address_list_check(" ; ", &n, &bad, &bad_len);
	EXPECT_EQ_INT(n, 0);
	EXPECT(bad == NULL);
	email_address_list_check(NULL, &n, &bad, &bad_len);
	EXPECT_EQ_INT(n, 0);
	EXPECT(bad == NULL);
	email_address_list_check("", &n, NULL, NULL);
	EXPECT_EQ_INT(n, 0);
}

static void
chinese_message_headers(void)
{
	ar_err err;
	size_t len;
	char *msg = render(&sample_b, &err, &len, NULL), *h;
	int raw = 0;

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(len, strlen(msg));
	h = header_block(msg);
	for (const char *p = h; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80 || (*p < 0x20 && *p != '\n' && *p != '\t'))
			raw++;
	EXPECT_EQ_INT(raw, 0);
	EXPECT(value_starts(h, "Subject:", "=?utf-8?"));
	EXPECT(has_line(h, "Date: Wed, 18 Nov 2026 19:06:40 +0800"));
	EXPECT(has_line(h, "Message-Id: <ar-dunning.C001-TWD-2.1795000000@acme.com.tw>"));
	EXPECT(has_line(h, "MIME-Version: 1.0"));
	/* both valid addresses, the name on each, the invalid piece left out */
	EXPECT_EQ_INT(count(h, "<ap@dahua.com.tw>"), 1);
	EXPECT_EQ_INT(count(h, "<boss@dahua.com.tw>"), 1);
	EXPECT(strstr(h, "not an address") == NULL);
	EXPECT(value_starts(h, "From:", "=?utf-8?"));
	EXPECT(value_starts(h, "To:", "=?utf-8?"));
	EXPECT(strstr(h, "<ar@acme.com.tw>") != NULL);
	EXPECT(strstr(h, "Reply-To") == NULL);
	EXPECT(strstr(h, "X-Mailer") == NULL);
	EXPECT(strchr(msg, '\r') == NULL);
	free(h);
	free(msg);
}

static void
english_message_headers(void)
{
	ar_err err;
	size_t len;
	char *msg = render(&sample_a, &err, &len, NULL), *h;

	EXPECT_EQ_INT(err, AR_OK);
	h = header_block(msg);
	EXPECT(has_line(h, "From: \"Acme Trading Sdn. Bhd.\" <ar@acme.com.my>"));
	EXPECT(has_line(h, "Reply-To: collections@acme.com.my"));
	EXPECT(has_line(h, "To: Kedai Runcit Ali <ali@kedai-ali.com.my>"));
	EXPECT(has_line(h, "Subject: Overdue invoices: first reminder"));
	EXPECT(has_line(h, "Date: Wed, 18 Nov 2026 19:06:40 +0800"));
	EXPECT(has_line(h, "Message-Id: <ar-dunning.C002-MYR-1.1795000000@acme.com.my>"));
	EXPECT(has_line(h, "MIME-Version: 1.0"));
	free(h);
	free(msg);
}

static void
boundaries_from_message_id_and_stable(void)
{
	ar_err err1, err2;
	size_t len1, len2;
	char *m1 = render(&sample_b, &err1, &len1, NULL);
	char *m2 = render(&sample_b, &err2, &len2, NULL);
	struct email_spec other = sample_b;
	char *m3;
	size_t len3;

	EXPECT_EQ_INT(err1, AR_OK);
	EXPECT_EQ_INT(err2, AR_OK);
	EXPECT_EQ_INT(len1, len2);
	EXPECT(len1 == len2 && memcmp(m1, m2, len1) == 0);
	/* "=-ar-" and 24 hex digits of SHA-256 of the message id (sha256sum agrees) */
	EXPECT(has_line(m1, "Content-Type: multipart/mixed; boundary=\"=-ar-496651cda7dc1b127a812ada-mixed\""));
	EXPECT(has_line(m1, "Content-Type: multipart/alternative;"));
	EXPECT(has_line(m1, "\tboundary=\"=-ar-496651cda7dc1b127a812ada-alt\""));
	EXPECT_EQ_INT(count(m1, "\n--=-ar-496651cda7dc1b127a812ada-mixed\n"), 2);
	EXPECT_EQ_INT(count(m1, "\n--=-ar-496651cda7dc1b127a812ada-mixed--\n"), 1);
	EXPECT_EQ_INT(count(m1, "\n--=-ar-496651cda7dc1b127a812ada-alt\n"), 2);
	EXPECT_EQ_INT(count(m1, "\n--=-ar-496651cda7dc1b127a812ada-alt--\n"), 1);

	/* another message id, other boundaries */
	other.message_id = "ar-dunning.C001-TWD-3.1795000000@acme.com.tw";
	m3 = render(&other, &err1, &len3, NULL);
	EXPECT_EQ_INT(err1, AR_OK);
	EXPECT(strstr(m3, "496651cda7dc1b127a812ada") == NULL);
	EXPECT_EQ_INT(count(m3, "boundary=\"=-ar-"), 2);
	free(m1);
	free(m2);
	free(m3);
}

static void
parts_and_content_types(void)
{
	ar_err err;
	size_t len;
	char *msg = render(&sample_b, &err, &len, NULL);
	const char *pdf;

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(count(msg, "Content-Type: multipart/mixed;"), 1);
	EXPECT_EQ_INT(count(msg, "Content-Type: multipart/alternative;"), 1);
	EXPECT_EQ_INT(count(msg, "Content-Type: text/plain; charset=utf-8\n"), 1);
	EXPECT_EQ_INT(count(msg, "Content-Type: text/html; charset=utf-8\n"), 1);
	EXPECT(has_line(msg, "Content-Type: application/pdf; name=C001-TWD-2.pdf"));
	EXPECT(has_line(msg, "Content-Disposition: attachment; filename=C001-TWD-2.pdf"));
	/* Chinese text: base64 for both text parts and the attachment */
	EXPECT_EQ_INT(count(msg, "Content-Transfer-Encoding: base64\n"), 3);
	/* the order: mixed, alternative, plain, html, pdf */
	pdf = strstr(msg, "application/pdf");
	EXPECT(pdf != NULL && strstr(msg, "text/html") < pdf && strstr(msg, "text/plain") <
	    strstr(msg, "text/html") && strstr(msg, "multipart/alternative") < strstr(msg, "text/plain"));
	/* the first line of the PDF, "%PDF-1.4\n%\xe2\xe3", in base64 */
	EXPECT(strstr(msg, "\nJVBERi0xLjQKJeLj") != NULL);
	free(msg);
}

static void
no_attachment_alternative_alone(void)
{
	ar_err err;
	size_t len;
	char *msg = render(&sample_a, &err, &len, NULL);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT(strstr(msg, "application/pdf") == NULL);
	EXPECT(strstr(msg, "multipart/mixed") == NULL);
	EXPECT(strstr(msg, "Content-Disposition") == NULL);
	EXPECT(has_line(msg, "Content-Type: multipart/alternative;"));
	EXPECT(has_line(msg, "\tboundary=\"=-ar-d29ebd9d081ee6315bc8ea2a-alt\""));
	/* ASCII text in short lines goes as it is (7bit, the default), still said to be UTF-8 */
	EXPECT(strstr(msg, "Content-Transfer-Encoding") == NULL);
	EXPECT_EQ_INT(count(msg, "charset=utf-8\n"), 2);
	EXPECT(strstr(msg, "\n\n" A_TEXT "\n--=-ar-") != NULL);
	free(msg);
}

static void
latin_text_stays_utf8(void)
{
	struct email_spec s = sample_a;
	ar_err err;
	size_t len;
	char *msg;

	/* GMime's set_text would have made this ISO-8859-1 */
	s.text = "Caf\xc3\xa9 Ali owes MYR 10.00\n";
	s.to_name = "Caf\xc3\xa9 Ali";
	msg = render(&s, &err, &len, NULL);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT(has_line(msg, "Content-Transfer-Encoding: quoted-printable"));
	EXPECT(has_line(msg, "Caf=C3=A9 Ali owes MYR 10.00"));
	EXPECT(strstr(msg, "iso-8859") == NULL && strstr(msg, "ISO-8859") == NULL);
	EXPECT(strstr(msg, "=?UTF-8?") != NULL || strstr(msg, "=?utf-8?") != NULL);
	free(msg);
}

static void
long_line_is_quoted(void)
{
	struct email_spec s = sample_a;
	char text[1200];
	ar_err err;
	size_t len;
	char *msg;

	/* SMTP takes 998 bytes a line at most */
	memset(text, 'x', 1100);
	strcpy(text + 1100, "\n");
	s.html = text;
	msg = render(&s, &err, &len, NULL);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(count(msg, "Content-Transfer-Encoding: quoted-printable\n"), 1);
	EXPECT(strstr(msg, "xxxxxxxxxx=\nxxx") != NULL);
	free(msg);
}

static void
boundary_lookalike_text_is_quoted(void)
{
	struct email_spec s = sample_a;
	ar_err err;
	size_t len;
	char *msg;

	s.text = "--=-ar-d29ebd9d081ee6315bc8ea2a-alt--\n";
	msg = render(&s, &err, &len, NULL);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT(has_line(msg, "--=3D-ar-d29ebd9d081ee6315bc8ea2a-alt--"));
	EXPECT_EQ_INT(count(msg, "\n--=-ar-d29ebd9d081ee6315bc8ea2a-alt--\n"), 1);
	free(msg);
}

static void
date_in_its_zone(void)
{
	struct email_spec s = sample_a;
	ar_err err;
	size_t len;
	char *msg;

	s.utc_offset_minutes = 330;
	msg = render(&s, &err, &len, NULL);
	EXPECT(has_line(msg, "Date: Wed, 18 Nov 2026 16:36:40 +0530"));
	free(msg);
	s.utc_offset_minutes = -210;
	msg = render(&s, &err, &len, NULL);
	EXPECT(has_line(msg, "Date: Wed, 18 Nov 2026 07:36:40 -0330"));
	free(msg);
	s.utc_offset_minutes = 0;
	s.date = 0;
	msg = render(&s, &err, &len, NULL);
	EXPECT(has_line(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000"));
	free(msg);
}

/* email_write of s fails with AR_EUSAGE, writes nothing, and says why. */
static void
expect_refused(const struct email_spec *s, const char *message, int line)
{
	struct ar_error e = { 0 };
	ar_err err;
	size_t len;
	char *msg = render(s, &err, &len, &e);

	test_case_checks++;
	if (err != AR_EUSAGE || len != 0 || e.code != AR_EUSAGE || strcmp(e.message, message) != 0) {
		char why[700];

		snprintf(why, sizeof why, "refusal gave %d, %zu bytes, \"%s\"; expected \"%s\"",
		    (int)err, len, e.message, message);
		test_fail(__FILE__, line, why);
	}
	free(msg);
}
#define EXPECT_REFUSED(s, message) expect_refused(s, message, __LINE__)

static void
refusals(void)
{
	struct email_spec s = sample_b;
	struct email_attachment a = b_attachment;

	s.to = "";
	EXPECT_REFUSED(&s, "no valid e-mail address in \"\"");
	s.to = " bad ; a..b@x.com";
	EXPECT_REFUSED(&s, "no valid e-mail address in \" bad ; a..b@x.com\"");
	s = sample_b;
	s.to = NULL;
	EXPECT_REFUSED(&s, "e-mail without to");
	s = sample_b;
	s.subject = NULL;
	EXPECT_REFUSED(&s, "e-mail without subject");
	s = sample_b;
	s.html = NULL;
	EXPECT_REFUSED(&s, "e-mail without html");
	s = sample_b;
	s.from_addr = "ar at acme";
	EXPECT_REFUSED(&s, "from address \"ar at acme\" is not a valid e-mail address");
	s = sample_b;
	s.reply_to = "x@y";
	EXPECT_REFUSED(&s, "reply-to address \"x@y\" is not a valid e-mail address");
	s = sample_b;
	s.message_id = "<a.b@acme.com>";
	EXPECT_REFUSED(&s,
	    "message id \"<a.b@acme.com>\" is not of the form left@right (dot-atoms, no <>)");
	s = sample_b;
	/* a line break in a header would let the text add headers (a Bcc) */
	s.subject = "Reminder\nBcc: someone@else.com";
	EXPECT_REFUSED(&s, "subject is not one line of UTF-8 text");
	s = sample_b;
	s.to_name = "Ali\r\n";
	EXPECT_REFUSED(&s, "recipient name is not one line of UTF-8 text");
	s = sample_b;
	s.from_name = "Caf\xe9";
	EXPECT_REFUSED(&s, "sender name is not one line of UTF-8 text");
	s = sample_b;
	s.text = "\xff\xfe";
	EXPECT_REFUSED(&s, "plain text of the e-mail is not UTF-8");
	s = sample_b;
	s.utc_offset_minutes = 24 * 60;
	EXPECT_REFUSED(&s, "utc offset 1440 minutes is out of range (expected less than a day)");
	s = sample_b;
	s.date = 300000000000LL;
	EXPECT_REFUSED(&s, "e-mail date 300000000000 is out of range");
	s = sample_b;
	a.content_type = "pdf";
	s.attachment = &a;
	EXPECT_REFUSED(&s, "attachment content type \"pdf\" is not type/subtype");
	a = b_attachment;
	a.filename = "";
	EXPECT_REFUSED(&s, "attachment without a file name of one line of UTF-8 text");
}

static void
full_disk_is_an_io_error(void)
{
	FILE *fp = fopen("/dev/full", "w");
	struct ar_error e = { 0 };

	if (fp == NULL)
		SKIP("no /dev/full");
	errno = 0;
	EXPECT_EQ_INT(email_write(fp, &sample_b, &e), AR_EIO);
	EXPECT_EQ_INT(errno, ENOSPC);
	EXPECT_EQ_INT(e.code, AR_EIO);
	EXPECT(strncmp(e.message, "cannot write the e-mail message: ", 33) == 0);
	fclose(fp);
}

/* Last: GMime cannot start again after email_shutdown. */
static void
refused_after_shutdown(void)
{
	struct ar_error e = { 0 };
	ar_err err;
	size_t len;
	char *msg;

	email_shutdown();
	email_shutdown();   /* twice: nothing more to release */
	msg = render(&sample_b, &err, &len, &e);
	EXPECT_EQ_INT(err, AR_EUSAGE);
	EXPECT_EQ_INT(len, 0);
	EXPECT_EQ_STR(e.message, "e-mail written after email_shutdown");
	free(msg);
}

/* DIR/NAME from spec (or, spec NULL, the PDF's bytes); 0 or 1. */
static int
write_sample(const char *dir, const char *name, const struct email_spec *spec)
{
	char path[4096];
	struct ar_error e = { 0 };
	FILE *fp;
	int bad;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (fp == NULL) {
		fprintf(stderr, "test_email_msg: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (spec == NULL)
		bad = fwrite(b_pdf, 1, sizeof b_pdf, fp) != sizeof b_pdf;
	else
		bad = email_write(fp, spec, &e) != AR_OK;
	if (fclose(fp) != 0 || bad) {
		fprintf(stderr, "test_email_msg: %s: %s\n", path,
		    e.message[0] != '\0' ? e.message : strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	make_pdf();
	if (argc == 3 && strcmp(argv[1], "--write") == 0) {
		int bad = write_sample(argv[2], "a.eml", &sample_a) +
		    write_sample(argv[2], "b.eml", &sample_b) + write_sample(argv[2], "b.pdf", NULL);

		email_shutdown();
		return bad ? 1 : 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: test_email_msg [--write DIR]\n");
		return 2;
	}
	RUN(addresses_valid_and_not);
	RUN(address_lists_checked);
	RUN(chinese_message_headers);
	RUN(english_message_headers);
	RUN(boundaries_from_message_id_and_stable);
	RUN(parts_and_content_types);
	RUN(no_attachment_alternative_alone);
	RUN(latin_text_stays_utf8);
	RUN(long_line_is_quoted);
	RUN(boundary_lookalike_text_is_quoted);
	RUN(date_in_its_zone);
	RUN(refusals);
	RUN(full_disk_is_an_io_error);
	RUN(refused_after_shutdown);
	email_shutdown();
	return test_summary();
}
