/*
 * email_msg.c - a dunning e-mail built with GMime 3 (email_msg.h).
 *
 * GMime does everything MIME: header encoding (RFC 2047, RFC 2231 for the
 * file name), folding, address lists, multipart framing and the content
 * transfer encodings.  This file decides what goes in, checks it, and
 * pins down what GMime would otherwise pick at random or from the
 * environment (boundaries, charsets, the newline).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <gmime/gmime.h>

#include "core/localtime.h"
#include "core/utf8.h"
#include "report/email_msg.h"

#define EMAIL_ADDR_MAX 254
#define EMAIL_LOCAL_MAX 64
#define EMAIL_LABEL_MAX 63

/* Every boundary starts so; "=-" cannot occur in base64 or quoted-printable text. */
#define BOUNDARY_PREFIX "=-ar-"

/* GMime 3.2 cannot be initialised again once shut down (its tables stay freed). */
static enum { GMIME_NEVER, GMIME_READY, GMIME_SHUT } gmime_state;

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 5322 atext. */
static bool
is_atext(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* RFC 5322 dot-atom-text: atext runs joined by single dots. */
static bool
dot_atom_valid(const char *s, size_t len)
{
	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!is_atext(c)) {
			return false;
		}
	}
	return true;
}

/* A DNS label: letters, digits, hyphens not at either end, 63 at most. */
static bool
label_valid(const char *s, size_t len)
{
	if (len == 0 || len > EMAIL_LABEL_MAX || s[0] == '-' || s[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_alpha((unsigned char)s[i]) && !is_digit((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

/* A top-level domain: letters only (two or more), or an IDN A-label. */
static bool
tld_valid(const char *s, size_t len)
{
	if (len > 4 && (s[0] == 'x' || s[0] == 'X') && (s[1] == 'n' || s[1] == 'N') &&
	    s[2] == '-' && s[3] == '-')
		return true;   /* the rest was checked as a label */
	if (len < 2)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_alpha((unsigned char)s[i]))
			return false;
	return true;
}

static bool
domain_valid(const char *s, size_t len)
{
	size_t labels = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (!label_valid(s + start, i - start))
			return false;
		labels++;
		if (i == len && !tld_valid(s + start, i - start))
			return false;
		start = i + 1;
	}
	return labels >= 2;
}

bool
email_address_valid(const char *addr, size_t len)
{
	const char *at;
	size_t local_len;

	if (addr == NULL || len == 0 || len > EMAIL_ADDR_MAX)
		return false;
	at = memchr(addr, '@', len);
	if (at == NULL)
		return false;
	local_len = (size_t)(at - addr);
	if (local_len > EMAIL_LOCAL_MAX)
		return false;
	/* a second '@' is not atext, so the domain check refuses it */
	return dot_atom_valid(addr, local_len) && domain_valid(at + 1, len - local_len - 1);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The next piece of a ';'-separated list from *p, trimmed, into *piece and
 * *len (skipping empty pieces); false at the end.  *p moves past it.
 */
static bool
list_next(const char **p, const char **piece, size_t *len)
{
	while (**p != '\0') {
		const char *s = *p, *end = strchr(s, ';');

		if (end == NULL)
			end = s + strlen(s);
		*p = *end == ';' ? end + 1 : end;
		while (s < end && is_blank(*s))
			s++;
		while (end > s && is_blank(end[-1]))
			end--;
		if (end > s) {
			*piece = s;
			*len = (size_t)(end - s);
			return true;
		}
	}
	return false;
}

void
email_address_list_check(const char *list, size_t *valid,
    const char **first_invalid, size_t *first_invalid_len)
{
	const char *p = list != NULL ? list : "", *piece, *bad = NULL;
	size_t n = 0, len, bad_len = 0;

	while (list_next(&p, &piece, &len)) {
		if (email_address_valid(piece, len))
			n++;
		else if (bad == NULL) {
			bad = piece;
			bad_len = len;
		}
	}
	if (valid != NULL)
		*valid = n;
	if (first_invalid != NULL)
		*first_invalid = bad;
	if (first_invalid_len != NULL)
		*first_invalid_len = bad_len;
}

/* A one-line header text: UTF-8 without control characters (no CR, LF, tab). */
static bool
header_text_valid(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return utf8_valid(s, len);
}

static bool
present(const char *s)
{
	return s != NULL && *s != '\0';
}

/* A message id without its <>: id-left "@" id-right, each a dot-atom. */
static bool
message_id_valid(const char *id)
{
	const char *at = strchr(id, '@');

	return at != NULL && dot_atom_valid(id, (size_t)(at - id)) &&
	    dot_atom_valid(at + 1, strlen(at + 1));
}

/* "type/subtype" of tokens, as GMime will write it. */
static bool
content_type_valid(const char *s)
{
	const char *slash = strchr(s, '/');

	if (slash == NULL || slash == s || slash[1] == '\0')
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if (p != slash && !(is_alpha((unsigned char)*p) || is_digit((unsigned char)*p) ||
		    strchr("!#$&-^_.+", *p) != NULL))
			return false;
	return true;
}

static ar_err
spec_check(const struct email_spec *spec, struct ar_error *e)
{
	static const char *const required[] = { "from_addr", "to", "subject", "text", "html",
	    "message_id" };
	const char *values[] = { spec->from_addr, spec->to, spec->subject, spec->text,
	    spec->html, spec->message_id };
	const struct email_attachment *a = spec->attachment;
	size_t valid;

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		if (values[i] == NULL)
			return ar_error_set(e, AR_EUSAGE, 0, "e-mail without %s", required[i]);
	if (!email_address_valid(spec->from_addr, strlen(spec->from_addr)))
		return ar_error_set(e, AR_EUSAGE, 0, "from address \"%s\" is not a valid e-mail address",
		    spec->from_addr);
	if (present(spec->reply_to) && !email_address_valid(spec->reply_to, strlen(spec->reply_to)))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "reply-to address \"%s\" is not a valid e-mail address", spec->reply_to);
	email_address_list_check(spec->to, &valid, NULL, NULL);
	if (valid == 0)
		return ar_error_set(e, AR_EUSAGE, 0, "no valid e-mail address in \"%s\"", spec->to);
	if (!message_id_valid(spec->message_id))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "message id \"%s\" is not of the form left@right (dot-atoms, no <>)",
		    spec->message_id);
	if (spec->from_name != NULL && !header_text_valid(spec->from_name))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "sender name is not one line of UTF-8 text");
	if (spec->to_name != NULL && !header_text_valid(spec->to_name))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "recipient name is not one line of UTF-8 text");
	if (!header_text_valid(spec->subject))
		return ar_error_set(e, AR_EUSAGE, 0, "subject is not one line of UTF-8 text");
	if (!utf8_valid(spec->text, strlen(spec->text)))
		return ar_error_set(e, AR_EUSAGE, 0, "plain text of the e-mail is not UTF-8");
	if (!utf8_valid(spec->html, strlen(spec->html)))
		return ar_error_set(e, AR_EUSAGE, 0, "html of the e-mail is not UTF-8");
	if (spec->utc_offset_minutes <= -24 * 60 || spec->utc_offset_minutes >= 24 * 60)
		return ar_error_set(e, AR_EUSAGE, 0,
		    "utc offset %d minutes is out of range (expected less than a day)",
		    spec->utc_offset_minutes);
	/* GDateTime holds years 1 to 9999 */
	if (spec->date < -62135596800LL + 86400 || spec->date > 253402300799LL - 86400)
		return ar_error_set(e, AR_EUSAGE, 0, "e-mail date %lld is out of range", spec->date);
	if (a != NULL) {
		if (!present(a->filename) || !header_text_valid(a->filename))
			return ar_error_set(e, AR_EUSAGE, 0,
			    "attachment without a file name of one line of UTF-8 text");
		if (a->content_type == NULL || !content_type_valid(a->content_type))
			return ar_error_set(e, AR_EUSAGE, 0,
			    "attachment content type \"%s\" is not type/subtype",
			    a->content_type != NULL ? a->content_type : "");
		if (a->data == NULL && a->len > 0)
			return ar_error_set(e, AR_EUSAGE, 0, "attachment of %zu bytes without data",
			    a->len);
	}
	return AR_OK;
}

/* "+08:00" at the end of an ISO time as minutes. */
static int
offset_minutes(const char *iso)
{
	size_t n = strlen(iso);
	int sign, h, m;

	if (n < 6 || (iso[n - 6] != '+' && iso[n - 6] != '-'))
		return 0;
	sign = iso[n - 6] == '-' ? -1 : 1;
	h = (iso[n - 5] - '0') * 10 + (iso[n - 4] - '0');
	m = (iso[n - 2] - '0') * 10 + (iso[n - 1] - '0');
	return sign * (h * 60 + m);
}

int
email_utc_offset(const char *timezone, long long date)
{
	char iso[LOCALTIME_ISO_MAX];

	if (localtime_iso(timezone, (civil_day)(date / 86400), (int)(date % 86400 / 60), iso,
	    sizeof iso) != AR_OK)
		return 0;
	return offset_minutes(iso);
}

void
email_shutdown(void)
{
	if (gmime_state == GMIME_READY)
		g_mime_shutdown();
	gmime_state = GMIME_SHUT;
}

/* The bytes of s as the raw (not yet encoded) content of part. */
static void
part_set_bytes(GMimePart *part, const void *s, size_t len)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(s, len);
	GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(part, content);
	g_object_unref(content);
	g_object_unref(stream);
}

/*
 * A text part of UTF-8 text.  g_mime_text_part_set_text would recode text
 * to the narrowest charset that holds it (ISO-8859-1 for "Café"): the
 * bytes go in as they are and the charset is said to be utf-8.
 */
static GMimeObject *
text_part_new(const char *subtype, const char *text)
{
	GMimeTextPart *part = g_mime_text_part_new_with_subtype(subtype);
	GMimeContentEncoding encoding;

	part_set_bytes(GMIME_PART(part), text, strlen(text));
	g_mime_text_part_set_charset(part, "utf-8");
	encoding = g_mime_part_get_best_content_encoding(GMIME_PART(part),
	    GMIME_ENCODING_CONSTRAINT_7BIT);
	/*
	 * Plain 7bit text is written as it is: if it held a line that looks
	 * like our boundary, quoted-printable turns its '=' into "=3D".
	 */
	if (encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE &&
	    encoding != GMIME_CONTENT_ENCODING_BASE64 && strstr(text, BOUNDARY_PREFIX) != NULL)
		encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
	g_mime_part_set_content_encoding(GMIME_PART(part), encoding);
	return GMIME_OBJECT(part);
}

static GMimeObject *
attachment_part_new(const struct email_attachment *a)
{
	GMimeContentType *type = g_mime_content_type_parse(NULL, a->content_type);
	GMimePart *part = g_mime_part_new_with_type(g_mime_content_type_get_media_type(type),
	    g_mime_content_type_get_media_subtype(type));

	g_object_unref(type);
	part_set_bytes(part, a->data != NULL ? a->data : (const unsigned char *)"", a->len);
	g_mime_object_set_disposition(GMIME_OBJECT(part), GMIME_DISPOSITION_ATTACHMENT);
	/* sets filename= of Content-Disposition and name= of Content-Type */
	g_mime_part_set_filename(part, a->filename);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	return GMIME_OBJECT(part);
}

/*
 * The boundaries: "=-ar-" and the first 96 bits of SHA-256 of the message
 * id, then the multipart's subtype, so that the same message always has
 * the same ones, two messages have different ones, and the two levels of
 * one message differ.
 */
static void
boundaries(const char *message_id, char *mixed, char *alternative, size_t size)
{
	gchar *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, message_id, -1);

	snprintf(mixed, size, BOUNDARY_PREFIX "%.24s-mixed", sum);
	snprintf(alternative, size, BOUNDARY_PREFIX "%.24s-alt", sum);
	g_free(sum);
}

static void
add_recipients(GMimeMessage *msg, const struct email_spec *spec)
{
	InternetAddressList *to = g_mime_message_get_to(msg);
	const char *p = spec->to, *piece;
	size_t len;

	while (list_next(&p, &piece, &len)) {
		InternetAddress *mailbox;
		char *addr;

		if (!email_address_valid(piece, len))
			continue;
		addr = g_strndup(piece, len);
		mailbox = internet_address_mailbox_new(present(spec->to_name) ? spec->to_name : NULL,
		    addr);
		/* else GMime may pick ISO-8859-1 for a name that fits it */
		internet_address_set_charset(mailbox, "utf-8");
		internet_address_list_add(to, mailbox);
		g_object_unref(mailbox);
		g_free(addr);
	}
}

static void
add_mailbox(InternetAddressList *list, const char *name, const char *addr)
{
	InternetAddress *mailbox = internet_address_mailbox_new(present(name) ? name : NULL, addr);

	internet_address_set_charset(mailbox, "utf-8");
	internet_address_list_add(list, mailbox);
	g_object_unref(mailbox);
}

static GMimeMessage *
message_new(const struct email_spec *spec)
{
	GMimeMessage *msg = g_mime_message_new(TRUE);
	GTimeZone *zone = g_time_zone_new_offset(spec->utc_offset_minutes * 60);
	GDateTime *utc = g_date_time_new_from_unix_utc(spec->date);
	GDateTime *local = g_date_time_to_timezone(utc, zone);
	GMimeMultipart *alternative = g_mime_multipart_new_with_subtype("alternative");
	GMimeObject *text = text_part_new("plain", spec->text);
	GMimeObject *html = text_part_new("html", spec->html);
	char mixed_boundary[64], alt_boundary[64];

	add_mailbox(g_mime_message_get_from(msg), spec->from_name, spec->from_addr);
	if (present(spec->reply_to))
		add_mailbox(g_mime_message_get_reply_to(msg), NULL, spec->reply_to);
	add_recipients(msg, spec);
	g_mime_message_set_subject(msg, spec->subject, "utf-8");
	g_mime_message_set_date(msg, local);
	g_mime_message_set_message_id(msg, spec->message_id);
	g_date_time_unref(local);
	g_date_time_unref(utc);
	g_time_zone_unref(zone);

	boundaries(spec->message_id, mixed_boundary, alt_boundary, sizeof mixed_boundary);
	g_mime_multipart_set_boundary(alternative, alt_boundary);
	g_mime_multipart_add(alternative, text);
	g_mime_multipart_add(alternative, html);
	g_object_unref(text);
	g_object_unref(html);
	if (spec->attachment != NULL) {
		GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
		GMimeObject *attachment = attachment_part_new(spec->attachment);

		g_mime_multipart_set_boundary(mixed, mixed_boundary);
		g_mime_multipart_add(mixed, GMIME_OBJECT(alternative));
		g_mime_multipart_add(mixed, attachment);
		g_object_unref(attachment);
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
		g_object_unref(mixed);
	} else {
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(alternative));
	}
	g_object_unref(alternative);
	return msg;
}

ar_err
email_write(FILE *fp, const struct email_spec *spec, struct ar_error *e)
{
	GMimeFormatOptions *format;
	GMimeMessage *msg;
	GMimeStream *out;
	GByteArray *bytes;
	ar_err err = AR_OK;
	ssize_t n;

	if (fp == NULL || spec == NULL)
		return ar_error_set(e, AR_EUSAGE, 0, "e-mail without %s",
		    fp == NULL ? "an output" : "a spec");
	if (gmime_state == GMIME_SHUT)
		return ar_error_set(e, AR_EUSAGE, 0, "e-mail written after email_shutdown");
	err = spec_check(spec, e);
	if (err != AR_OK)
		return err;
	if (gmime_state == GMIME_NEVER) {
		g_mime_init();
		gmime_state = GMIME_READY;
	}
	msg = message_new(spec);
	/* our own options: the process-wide default may have been set to CRLF */
	format = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_UNIX);
	/*
	 * Into memory first: a GMime file stream would hide the errno of a
	 * failed write; the message is small (the letter's PDF at most).
	 */
	out = g_mime_stream_mem_new();
	n = g_mime_object_write_to_stream(GMIME_OBJECT(msg), format, out);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	if (n < 0) {
		errno = EIO;
		err = ar_error_set(e, AR_EIO, 0, "cannot format the e-mail message");
	} else if (fwrite(bytes->data, 1, bytes->len, fp) != bytes->len || fflush(fp) != 0) {
		int saved = errno;

		err = ar_error_set(e, AR_EIO, 0, "cannot write the e-mail message: %s",
		    strerror(saved));
		errno = saved;
	}
	g_object_unref(out);
	g_mime_format_options_free(format);
	g_object_unref(msg);
	return err;
}
