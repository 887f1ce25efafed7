/*
 * email_msg.h - a dunning e-mail as one RFC 5322 message, built with GMime 3:
 * ar-dunning writes it to DIR/email/<customer>-<currency>-<level>.eml, ready
 * for `sendmail -t < file.eml`.
 *
 * The message, for the same spec, is the same bytes on every run: the
 * multipart boundaries come from the Message-ID, the Date from spec->date,
 * and no header carries the time of writing or a library version.
 *
 *   From: "Acme Sdn. Bhd." <ar@acme.com.my>      (RFC 2047 when not ASCII)
 *   Reply-To: collections@acme.com.my            (only when given)
 *   To: Kedai Ali <ap@kedai.my>, Kedai Ali <boss@kedai.my>
 *   Subject: =?UTF-8?B?...?=                      (RFC 2047 when not ASCII)
 *   Date: Tue, 24 Nov 2026 09:00:00 +0800
 *   Message-Id: <spec->message_id>
 *   MIME-Version: 1.0
 *   multipart/mixed                               (only with an attachment)
 *     multipart/alternative
 *       text/plain; charset=utf-8
 *       text/html; charset=utf-8
 *     application/pdf; name=...                   (base64, attachment)
 *
 * Without an attachment multipart/alternative is the top part: a mixed
 * multipart of one part would say nothing more.  Text parts are 7bit (GMime
 * then writes no Content-Transfer-Encoding) when their text is ASCII in
 * short lines, else quoted-printable or base64, as GMime finds best for
 * 7-bit transport.  Lines end in LF: sendmail -t reads a local file and
 * makes the CRLF of SMTP itself.
 *
 * Addresses are the addr-spec alone (local@domain) and only the common,
 * deliverable form is valid: see email_address_valid.
 */
#ifndef REPORT_EMAIL_MSG_H
#define REPORT_EMAIL_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"

struct email_attachment {
	const char *filename;         /* "C001-MYR-2.pdf", UTF-8 (RFC 2231 when not ASCII) */
	const char *content_type;     /* "application/pdf" */
	const unsigned char *data;    /* may be NULL when len is 0 */
	size_t len;
};

/*
 * What a message says.  Every string is UTF-8 and belongs to the caller;
 * email_write only reads them.  Header texts (from_name, to_name, subject)
 * are one line: a control character in them is refused.
 */
struct email_spec {
	const char *from_name;        /* [company] name; NULL or "" = the address alone */
	const char *from_addr;        /* [company] email; required, must be valid */
	const char *reply_to;         /* [company] reply_to; NULL or "" = none; else must be valid */
	const char *to_name;          /* the debtor's name, on each To address; NULL or "" = none */
	const char *to;               /* the debtor's addresses, ';'-separated as in customers.csv; required */
	const char *subject;          /* required */
	const char *text;             /* the text/plain part; required */
	const char *html;             /* the text/html part; required */
	long long date;               /* seconds since the epoch (SOURCE_DATE_EPOCH or now) */
	int utc_offset_minutes;       /* the Date header's zone, e.g. 480 for +0800; |offset| < 24 h */
	const char *message_id;       /* without <>: id-left@id-right, each a dot-atom; required */
	const struct email_attachment *attachment;   /* NULL: none */
};

/*
 * Whether addr[0..len) is one address valid for sending: an addr-spec
 * local@domain with no display name, no blanks, no comments.
 *  - local part: 1 to 64 bytes of RFC 5322 atext (letters, digits and
 *    !#$%&'*+-/=?^_`{|}~) in dot-separated runs, no dot leading, trailing
 *    or doubled.  A quoted local part ("j doe"@x.com) is refused: legal,
 *    but no customer master needs one and many relays mangle it.
 *  - domain: two labels or more, each 1 to 63 letters, digits and hyphens
 *    not leading or trailing; the last (the TLD) letters only, at least
 *    two, or an IDN A-label "xn--...".  An address literal ([192.0.2.1])
 *    is refused.
 *  - UTF-8 (an IDN domain or an SMTPUTF8 local part) is refused: the domain
 *    is accepted in its ASCII form (xn--...), which every relay carries.
 *  - 254 bytes at most in all.
 * Letters in either case.  len 0 (or addr NULL) is not valid.
 */
bool email_address_valid(const char *addr, size_t len);

/*
 * Check the ';'-separated list of addresses (a customer's email cell):
 * blanks (spaces, tabs) around each piece are trimmed and empty pieces
 * ignored.  *valid gets the count of valid addresses; *first_invalid points
 * into list at the first invalid piece (trimmed) and *first_invalid_len is
 * its length, or NULL and 0 when every piece is valid.  list NULL is an
 * empty list; any of the three outputs may be NULL when not wanted.
 */
void email_address_list_check(const char *list, size_t *valid,
    const char **first_invalid, size_t *first_invalid_len);

/*
 * Write the whole message of spec to fp (see the top of this file), then
 * flush fp.  To lists every valid address of spec->to in its order, each
 * with to_name; invalid ones are left out (the caller reports them, having
 * called email_address_list_check).
 * Returns AR_OK; AR_EUSAGE with a message in *e (when e is not NULL) when a
 * required field is NULL, spec->to has no valid address, from_addr or
 * reply_to is not valid, message_id is not id-left@id-right, a text is not
 * UTF-8, a header text holds a control character, the date or its offset is
 * out of range, or the attachment lacks a filename or a type/subtype;
 * AR_EIO when writing or flushing fp fails (errno kept), also in *e.
 * Nothing is written to fp unless the spec is accepted.
 * AR_EUSAGE too after email_shutdown.
 * Initialises GMime on first use (see email_shutdown).  Not thread-safe.
 */
ar_err email_write(FILE *fp, const struct email_spec *spec, struct ar_error *e);

/*
 * The Date header's zone for a message made at date (seconds since the
 * epoch): the UTC offset in minutes of the IANA zone timezone ([company]
 * timezone) at the local time date reads as (day date / 86400, minute
 * date % 86400 / 60), as email_spec.utc_offset_minutes wants it: 480 for
 * Asia/Kuala_Lumpur.  0 when localtime_iso refuses the zone.
 */
int email_utc_offset(const char *timezone, long long date);

/*
 * Release GMime when email_write initialised it: at the end of a process
 * that wrote messages, so that leak checkers see only the type-system data
 * GLib keeps for life (tests/lsan.supp).  Safe when GMime was never
 * initialised, and twice.  It is final: GMime 3.2 cannot be initialised
 * again, so email_write refuses to run after it (AR_EUSAGE).
 */
void email_shutdown(void);

#endif
