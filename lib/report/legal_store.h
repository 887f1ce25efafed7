/*
 * legal_store.h - the e-documentation of legal cases (issue 18, ar-legal
 * file and show): each document copied into STORE/CASE/ under its content
 * hash, and a manifest of what was filed, when, by whom.
 *
 *   STORE/CASE/SHA256.EXT      the document's bytes; SHA256 its SHA-256 in
 *                              64 lower-case hex digits, .EXT the original
 *                              name's extension in lower case (1 to 10
 *                              letters or digits; none when it has none)
 *   STORE/CASE/manifest.csv    date,kind,name,sha256,user,note,subject,sender
 *                              one row per document filed, appended
 *
 * The store is append-only: a document whose hash the case's manifest
 * already holds is recognised and not filed again.  A copy is written
 * beside its final name and renamed when whole (core/outfile.h), so a
 * document appears whole or not at all; the manifest row is appended
 * after it, under an exclusive flock(2) of the manifest held from the
 * check for the hash to the append, so two runs filing the same document
 * file it once.  An .eml document (by its name) keeps its Subject and From
 * in the manifest, decoded (RFC 2047) by GMime.
 *
 * Why here: the store is what ar-legal writes out, next to the other
 * outputs of report/, and it needs GLib (GChecksum, SHA-256) and GMime,
 * which report/ already links for e-mail (email_msg.h); ar/ stays free of
 * them, so that the tools reading legal cases (ar/legal.h) do not.
 */
#ifndef LEGAL_STORE_H
#define LEGAL_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/errors.h"

#define LEGAL_SHA256_HEX 64

/* letter, pleading, award, approval, email, invoice, other; NULL-terminated. */
extern const char *const legal_store_kinds[];

/* One row of a manifest.  Strings: see where it comes from. */
struct legal_document {
	civil_day date;              /* the day it was filed */
	const char *kind;
	const char *name;            /* the original name, without folders */
	char sha256[LEGAL_SHA256_HEX + 1];
	const char *user, *note;
	const char *subject, *sender;   /* of an .eml; "" otherwise */
};

/*
 * File the document at path in store/case_id/ (folders made as needed):
 * doc gives date, kind, user and note (name, sha256, subject and sender
 * are filled here into *doc; the strings stay valid until
 * legal_store_free_document(doc)).  *already says whether the case held it
 * already (then nothing is written, and *earlier, when not NULL, is the
 * day it was filed).  Errors, *e worded to follow "PATH: " (the document's,
 * or the store file named in the message):
 *   AR_EOPEN    the document cannot be read (errno kept)
 *   AR_ESYNTAX  an .eml that is not an e-mail message
 *   AR_ECREATE  the folder, the copy or the manifest cannot be made
 *   AR_EIO      a read, write, lock or sync failed (errno kept)
 *   (a manifest's own errors as the CSV reader's, at its line)
 *   AR_ENOMEM
 */
ar_err legal_store_file(const char *store, const char *case_id, const char *path,
    struct legal_document *doc, bool *already, civil_day *earlier, struct ar_error *e);

/* Free what legal_store_file filled in doc (name, subject, sender). */
void legal_store_free_document(struct legal_document *doc);

/* The name a document is kept under in its case's folder (SHA256.EXT) into buf. */
void legal_store_stored_name(const char *name, const char *sha256, char *buf, size_t cap);

struct legal_manifest;

/*
 * The manifest of case_id in store: none filed yet (no folder, no file)
 * is an empty manifest.  The caller frees *out with
 * legal_store_manifest_free.  Errors as the CSV reader's, with e->file
 * naming the manifest: AR_EOPEN, a missing column (AR_ECOLUMN), a date
 * that does not read (AR_ESYNTAX, at its line), AR_ENOMEM.
 */
ar_err legal_store_manifest_read(const char *store, const char *case_id,
    struct legal_manifest **out, struct ar_error *e);
size_t legal_store_manifest_count(const struct legal_manifest *m);
/* Row i, in the manifest's order; strings the manifest's. */
const struct legal_document *legal_store_manifest_row(const struct legal_manifest *m, size_t i);
void legal_store_manifest_free(struct legal_manifest *m);

/* End GMime, when an .eml was read (at exit; GMime cannot start again after). */
void legal_store_shutdown(void);

#endif
