"""dunning_documents_check.py IN OUT ACTIONS JOURNAL STDERR - the checks of
tests/scripts/dunning-documents.sh over what ar-dunning --out-dir wrote.
Amounts are integers of minor units throughout; the words come from
words_check.py, the second implementation of the amount in words."""
import csv
import email
import email.policy
import math
import os
import re
import subprocess
import sys
import urllib.parse

import words_check

IN, OUT, ACTIONS, JOURNAL, STDERR = sys.argv[1:6]
failures = []


def fail(msg):
    failures.append(msg)


def minor(text):
    """'12,345.60' or '-420.47' -> integer minor units (two decimals)."""
    sign = -1 if text.startswith("-") else 1
    whole, _, frac = text.lstrip("-").replace(",", "").partition(".")
    return sign * (int(whole) * 100 + int((frac + "00")[:2]))


def grouped(v):
    s = "%d.%02d" % (abs(v) // 100, abs(v) % 100)
    whole, frac = s.split(".")
    whole = "{:,}".format(int(whole))
    return ("-" if v < 0 else "") + whole + "." + frac


def squash(s):
    return re.sub(r"\s+", "", s)


customers = {r["customer"]: r for r in csv.DictReader(open(IN + "/customers.csv", encoding="utf-8"))}
items = list(csv.DictReader(open(IN + "/items.csv", encoding="utf-8")))
actions = {(r["customer"], r["currency"]): r for r in csv.DictReader(open(ACTIONS, encoding="utf-8"))}
stderr = open(STDERR, encoding="utf-8").read()

expect = {  # customer: level, channels, template shown by its subject/title words
    "A100": ("3", "letter"), "B200": ("2", "letter;email"), "C300": ("3", "letter"),
    "D400": ("2", "letter;email"), "E500": ("1", "email;sms;im"), "F600": ("1", "letter;sms;im"),
    "G700": ("1", "email;sms;im"),
}
for cust, (level, channels) in expect.items():
    a = [r for (c, _), r in actions.items() if c == cust]
    if len(a) != 1 or a[0]["action"] != "send" or a[0]["level"] != level or a[0]["channel"] != channels:
        fail("%s: expected a send at level %s by %s, got %s" % (cust, level, channels, a))

# 4. the address that is not one
if 'customer "F600": no valid e-mail address ("not-an-address"): a letter instead' not in stderr:
    fail("stderr does not report F600's e-mail address")


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True,
                          text=True).stdout


# 1. the letters
letters = sorted(os.listdir(OUT + "/letters"))
want_letters = ["A100-MYR-3.pdf", "B200-MYR-2.pdf", "C300-MYR-3.pdf", "D400-TWD-2.pdf", "F600-MYR-1.pdf"]
if letters != want_letters:
    fail("letters %s, expected %s" % (letters, want_letters))
for name in letters:
    cust, cur, level = name[:-4].split("-")
    c = customers[cust]
    a = actions[(cust, cur)]
    path = OUT + "/letters/" + name
    text = squash(text_of(path))
    total = minor(a["overdue_amount"]) + minor(a["interest"]) + minor(a["fee"])
    lang = c["lang"]
    for needle in [c["name"]] + ([c["name_local"]] if c["name_local"] else []):
        if squash(needle) not in text:
            fail("%s: the debtor's name %r is not in the letter" % (name, needle))
    docs = [i["doc_no"] for i in items if i["customer"] == cust and not i["dispute"]
            and i["due_date"] < "2026-11-24"]
    missing = [d for d in docs if d not in text]
    if missing:
        fail("%s: doc_no %s not in the letter" % (name, missing[:5]))
    for i in items:
        if i["customer"] == cust and (i["dispute"] or i["due_date"] >= "2026-11-24") and i["doc_no"] in text:
            fail("%s: %s (disputed or not due) is in the letter" % (name, i["doc_no"]))
    if squash(grouped(total)) not in text:
        fail("%s: the amount due %s is not in the letter" % (name, grouped(total)))
    words = words_check.words(lang, cur, 2, total)
    if squash(words) not in text:
        fail("%s: the words %r are not in the letter" % (name, words))
    fonts = subprocess.run(["pdffonts", path], capture_output=True, check=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    if not rows or any(r.split()[-5] != "yes" for r in rows):
        fail("%s: a font is not embedded:\n%s" % (name, fonts))
    if lang.startswith("zh") and "CJK" not in fonts:
        fail("%s: no CJK font:\n%s" % (name, fonts))
    pages = int(re.search(r"Pages:\s+(\d+)",
                          subprocess.run(["pdfinfo", path], capture_output=True, check=True,
                                         text=True).stdout).group(1))
    if cust == "A100" and pages < 3:
        fail("%s: 120 items on %d pages" % (name, pages))
if "A100-MYR-3.pdf" in letters and "466" not in text_of(OUT + "/letters/A100-MYR-3.pdf"):
    fail("A100 owes more than RM 50,000: not the s466 notice")
if "C300-MYR-3.pdf" in letters and "466" in text_of(OUT + "/letters/C300-MYR-3.pdf"):
    fail("C300 owes less than RM 50,000: the s466 notice")
if "D400-TWD-2.pdf" in letters and "中華民國115年11月24日" not in squash(text_of(OUT + "/letters/D400-TWD-2.pdf")):
    fail("D400: the zh-Hant letter is not dated 中華民國115年11月24日")

# 2. the e-mails
mails = sorted(os.listdir(OUT + "/email"))
if mails != ["B200-MYR-2.eml", "D400-TWD-2.eml", "E500-TWD-1.eml", "G700-MYR-1.eml"]:
    fail("e-mails %s" % mails)
for name in mails:
    cust = name.split("-")[0]
    c = customers[cust]
    with open(OUT + "/email/" + name, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    if m["From"].addresses[0].addr_spec != "credit.control@nusantara.example" or \
            m["From"].addresses[0].display_name != "Nusantara Industrial Supplies Berhad":
        fail("%s: From %s" % (name, m["From"]))
    if str(m["Reply-To"]) != "ar@nusantara.example":
        fail("%s: Reply-To %s" % (name, m["Reply-To"]))
    to = [a.addr_spec for a in m["To"].addresses]
    if to != [x.strip() for x in c["email"].split(";")]:
        fail("%s: To %s" % (name, to))
    shown = c["name_local"] if c["lang"].startswith("zh") and c["name_local"] else c["name"]
    if m["To"].addresses[0].display_name != shown:
        fail("%s: To's name %r, expected %r" % (name, m["To"].addresses[0].display_name, shown))
    subject = str(m["Subject"])
    if cust not in subject or any(ord(ch) < 32 for ch in subject):
        fail("%s: subject %r" % (name, subject))
    if c["lang"].startswith("zh") and not re.search(r"[\u4e00-\u9fff]", subject):
        fail("%s: the Chinese subject did not decode: %r" % (name, subject))
    if not m["Message-ID"].startswith("<AR." + cust + ".") or m["Date"] is None:
        fail("%s: Message-ID %s Date %s" % (name, m["Message-ID"], m["Date"]))
    parts = [p.get_content_type() for p in m.walk()]
    attach = name in ("B200-MYR-2.eml", "D400-TWD-2.eml")
    want = (["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"]
            if attach else ["multipart/alternative", "text/plain", "text/html"])
    if parts != want:
        fail("%s: parts %s, expected %s" % (name, parts, want))
    plain = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    if cust not in plain or cust not in html:
        fail("%s: the bodies do not name the customer" % name)
    if attach:
        pdf = [p for p in m.walk() if p.get_content_type() == "application/pdf"][0]
        with open(OUT + "/letters/" + name[:-4] + ".pdf", "rb") as f:
            if pdf.get_content() != f.read():
                fail("%s: the attachment is not the letter's bytes" % name)
        if pdf.get_filename() != name[:-4] + ".pdf":
            fail("%s: attachment named %s" % (name, pdf.get_filename()))

# 3. SMS and instant messages
sms = {r["customer"]: r for r in csv.DictReader(open(OUT + "/sms.csv", encoding="utf-8"))}
phones = {"E500": "+886912345678", "F600": "+60123187724", "G700": "+60192214455"}
if sorted(sms) != sorted(phones):
    fail("sms.csv rows %s" % sorted(sms))
for cust, r in sms.items():
    text = r["text"]
    gsm = all(ord(ch) < 128 and ch not in "`" for ch in text)
    units = len(text.encode("utf-16-le")) // 2
    want_enc = "GSM-7" if cust != "E500" else "UCS-2"
    if r["phone"] != phones.get(cust) or r["encoding"] != want_enc:
        fail("sms %s: %s %s" % (cust, r["phone"], r["encoding"]))
    if want_enc == "UCS-2":
        segs = 1 if units <= 70 else math.ceil(units / 67)
    else:
        septets = len(text) + sum(text.count(ch) for ch in "^{}\\[~]|")
        segs = 1 if septets <= 160 else math.ceil(septets / 153)
    if r["segments"] != str(segs) or not text or "\n" in text:
        fail("sms %s: %s segments, expected %d (%r)" % (cust, r["segments"], segs, text))
    if r["send_after"] != "2026-11-24T09:30:00+08:00":
        fail("sms %s: send_after %s" % (cust, r["send_after"]))
    if cust not in text:
        fail("sms %s does not name the account: %r" % (cust, text))
im = {r["customer"]: r for r in csv.DictReader(open(OUT + "/im.csv", encoding="utf-8"))}
if sorted(im) != ["E500", "F600", "G700"]:
    fail("im.csv rows %s" % sorted(im))
for cust, r in im.items():
    link = urllib.parse.urlsplit(r["link"])
    if (link.scheme, link.netloc, link.path) != ("https", "wa.me", "/" + phones[cust][1:]):
        fail("im %s: link %s" % (cust, r["link"]))
    if urllib.parse.parse_qs(link.query)["text"][0] != r["text"]:
        fail("im %s: the link's text is not the text" % cust)

# 5. the journal
rows = list(csv.DictReader(open(JOURNAL, encoding="utf-8")))[4:]
refs = {(r["customer"], r["action"]): r["ref"] for r in rows}
for cust, (level, channels) in expect.items():
    cur = "TWD" if cust in ("D400", "E500") else "MYR"
    for ch in channels.split(";"):
        want = {"letter": "letters/%s-%s-%s.pdf", "email": "email/%s-%s-%s.eml"}.get(
            ch, ch + ".csv")
        if "%s" in want:
            want = want % (cust, cur, level)
        if refs.get((cust, ch)) != want:
            fail("journal %s %s: ref %s, expected %s" % (cust, ch, refs.get((cust, ch)), want))
        elif not os.path.exists(OUT + "/" + want):
            fail("journal %s %s: %s was not written" % (cust, ch, want))
if len(rows) != sum(len(ch.split(";")) for _, ch in expect.values()):
    fail("%d journal rows appended" % len(rows))

for f in failures:
    print("FAIL " + f)
if failures:
    sys.exit(1)
print("checked %d letters, %d e-mails, %d SMS, %d IM" % (len(letters), len(mails), len(sms), len(im)))
