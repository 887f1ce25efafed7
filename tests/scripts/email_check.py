#!/usr/bin/python3
"""email_check.py - read back the sample e-mails test_email_msg writes.

  email_check.py DIR    checks DIR/a.eml and DIR/b.eml against DIR/b.pdf

test_email_msg --write DIR writes them; the strings below are the ones its
samples hold (tests/unit/test_email_msg.c), and must be kept the same.  Each
message is parsed with Python's email package (policy default, the strict
modern parser) and must decode to the original UTF-8: From, To, Reply-To,
Subject, Date, Message-ID, the parts and their types, the text and HTML,
the attachment's bytes and file name.  Prints "ok NAME" per message.

Exit status: 0, 1 when a check fails (the assertion says which), 2 on a
usage error.
"""
import datetime
import email
import email.policy
import os
import sys

PLUS_8 = datetime.timezone(datetime.timedelta(hours=8))
DATE = datetime.datetime(2026, 11, 18, 19, 6, 40, tzinfo=PLUS_8)   # 1795000000

A = {
    "from": ("Acme Trading Sdn. Bhd.", "ar@acme.com.my"),
    "reply_to": [("", "collections@acme.com.my")],
    "to": [("Kedai Runcit Ali", "ali@kedai-ali.com.my")],
    "subject": "Overdue invoices: first reminder",
    "message_id": "<ar-dunning.C002-MYR-1.1795000000@acme.com.my>",
    "text": ("Dear Kedai Runcit Ali,\n"
             "\n"
             "Invoice INV-1001 of MYR 1,250.00 was due on 2026-10-15.\n"
             "Please pay it within 7 days.\n"
             "\n"
             "Acme Trading Sdn. Bhd.\n"),
    "html": ("<html><body>\n"
             "<p>Dear Kedai Runcit Ali,</p>\n"
             "<p>Invoice INV-1001 of MYR 1,250.00 was due on 2026-10-15.</p>\n"
             "</body></html>\n"),
}

B = {
    "from": ("艾克米國際貿易股份有限公司台灣分公司財務部應收帳款組", "ar@acme.com.tw"),
    "reply_to": None,
    # "not an address" in the sample's To is left out
    "to": [("大華貿易 (Da Hua) Trading Co., Ltd.", "ap@dahua.com.tw"),
           ("大華貿易 (Da Hua) Trading Co., Ltd.", "boss@dahua.com.tw")],
    "subject": "逾期帳款通知 — 第二次",
    "message_id": "<ar-dunning.C001-TWD-2.1795000000@acme.com.tw>",
    "text": ("大華貿易有限公司 您好：\n"
             "\n"
             "貴公司尚有逾期帳款 TWD 52,500 未付，請於 7 日內付款。\n"
             "發票 <INV-2001> & <INV-2002>\n"
             "\n"
             "艾克米股份有限公司 財務部\n"),
    "html": ("<html><body>\n"
             "<p>大華貿易有限公司 您好：</p>\n"
             "<p>貴公司尚有逾期帳款 TWD 52,500 未付，請於 7 日內付款。</p>\n"
             "<p>發票 &lt;INV-2001&gt; &amp; &lt;INV-2002&gt;</p>\n"
             "</body></html>\n"),
    "filename": "C001-TWD-2.pdf",
}


def expect(got, want, what):
    if isinstance(got, bytes) and isinstance(want, bytes) and got != want:
        at = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        raise AssertionError("%s: %d bytes, expected %d; first difference at byte %d"
                             % (what, len(got), len(want), at))
    assert got == want, "%s: got %r, expected %r" % (what, got, want)


def mailboxes(header):
    return [(a.display_name, a.addr_spec) for a in header.addresses]


def no_defects(part, where):
    expect([type(d).__name__ for d in part.defects], [], where + " defects")


def check_text(part, subtype, want, where):
    expect(part.get_content_type(), "text/" + subtype, where + " type")
    expect(part.get_content_charset(), "utf-8", where + " charset")
    expect(part.get_content(), want, where + " content")
    expect(part.is_attachment(), False, where + " is an attachment")
    no_defects(part, where)


def check(path, want, pdf):
    with open(path, "rb") as f:
        raw = f.read()
    expect(b"\r" in raw, False, path + " has CR")
    head = raw.split(b"\n\n", 1)[0]
    expect(max(head) < 0x80, True, path + " header block is ASCII")
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    no_defects(msg, path)

    expect(mailboxes(msg["From"]), [want["from"]], path + " From")
    if want["reply_to"] is None:
        expect(msg["Reply-To"], None, path + " Reply-To")
    else:
        expect(mailboxes(msg["Reply-To"]), want["reply_to"], path + " Reply-To")
    expect(mailboxes(msg["To"]), want["to"], path + " To")
    expect(str(msg["Subject"]), want["subject"], path + " Subject")
    expect(msg["Date"].datetime, DATE, path + " Date")
    expect(msg["Date"].datetime.utcoffset(), datetime.timedelta(hours=8), path + " Date zone")
    expect(str(msg["Message-ID"]), want["message_id"], path + " Message-ID")
    expect(str(msg["MIME-Version"]), "1.0", path + " MIME-Version")
    for name in ("Cc", "Bcc", "X-Mailer"):
        expect(msg[name], None, path + " " + name)

    if "filename" in want:
        expect(msg.get_content_type(), "multipart/mixed", path + " top type")
        parts = msg.get_payload()
        expect(len(parts), 2, path + " parts of multipart/mixed")
        alternative, attachment = parts
    else:
        alternative, attachment = msg, None
    expect(alternative.get_content_type(), "multipart/alternative", path + " alternative type")
    no_defects(alternative, path + " alternative")
    texts = alternative.get_payload()
    expect([p.get_content_type() for p in texts], ["text/plain", "text/html"],
           path + " parts of multipart/alternative")
    check_text(texts[0], "plain", want["text"], path + " text/plain")
    check_text(texts[1], "html", want["html"], path + " text/html")

    # What a mail reader takes as the body and the attachments.
    expect(msg.get_body(("plain",)).get_content(), want["text"], path + " plain body")
    expect(msg.get_body(("html",)).get_content(), want["html"], path + " html body")
    found = list(msg.iter_attachments())
    if attachment is None:
        expect(found, [], path + " attachments")
    else:
        expect(found, [attachment], path + " attachments")
        expect(attachment.get_content_type(), "application/pdf", path + " attachment type")
        expect(attachment.get_content_disposition(), "attachment", path + " disposition")
        expect(attachment.get_filename(), want["filename"], path + " filename")
        expect(attachment["Content-Transfer-Encoding"].cte, "base64", path + " attachment encoding")
        expect(attachment.get_content(), pdf, path + " attachment bytes")
        no_defects(attachment, path + " attachment")
    print("ok", os.path.basename(path))


def main():
    if len(sys.argv) != 2:
        print("usage: email_check.py DIR", file=sys.stderr)
        return 2
    d = sys.argv[1]
    with open(os.path.join(d, "b.pdf"), "rb") as f:
        pdf = f.read()
    expect(pdf[:8], b"%PDF-1.4", "b.pdf")
    check(os.path.join(d, "a.eml"), A, pdf)
    check(os.path.join(d, "b.eml"), B, pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
