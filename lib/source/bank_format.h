/*
 * bank_format.h - which bank statement format an input is, and the one
 * call that reads it with the right reader (mt940.h, camt.h, bai2.h,
 * bankcsv.h), for every tool that reads bank files (ar-bank, ar-match).
 *
 *   enum bank_format f = BANK_FORMAT_UNKNOWN;    (or from --format)
 *   if (f == BANK_FORMAT_UNKNOWN && bank_format_sniff(fp, &f) != AR_OK) ...
 *   if (f == BANK_FORMAT_UNKNOWN) ...            cannot tell: ask for --format
 *   err = bank_format_read(f, fp, name, profile, on_txn, ctx, &counts, &e);
 *
 * The format is told from the content, never from the file's name: '<' is
 * camt (XML), "01," BAI2, a SWIFT tag (:20:, :60F:, :NS:), :940: or {1:
 * MT940.  CSV is never guessed: a bank's CSV export needs its [bank.NAME]
 * profile.
 */
#ifndef BANK_FORMAT_H
#define BANK_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"
#include "source/bank.h"
#include "source/bankcsv.h"

enum bank_format {
	BANK_FORMAT_UNKNOWN,    /* not told yet, or cannot be told */
	BANK_FORMAT_MT940,      /* SWIFT MT940 and MT942 */
	BANK_FORMAT_CAMT,       /* ISO 20022 camt.052, camt.053, camt.054 */
	BANK_FORMAT_BAI2,
	BANK_FORMAT_CSV         /* through a [bank.NAME] profile */
};

/* How many of an input's first bytes bank_format_sniff looks at. */
#define BANK_FORMAT_HEAD 4096

/*
 * The format of an input whose first n bytes are head, or
 * BANK_FORMAT_UNKNOWN.  A UTF-8 byte order mark and blank space before
 * the first character, and an SOH byte before a SWIFT block, are passed
 * over; an MT940 file may start with a header line of its own when a
 * later line starts with :20:.  Never BANK_FORMAT_CSV.
 */
enum bank_format bank_format_detect(const unsigned char *head, size_t n);

/*
 * bank_format_detect on the first BANK_FORMAT_HEAD bytes of fp, which is
 * then rewound to its start (it must be able to go back: a file, or a
 * pipe copied by infile_rewindable).  AR_EIO with errno set when the read
 * fails; *fmt is BANK_FORMAT_UNKNOWN when the bytes say nothing.
 */
ar_err bank_format_sniff(FILE *fp, enum bank_format *fmt);

/*
 * The words --format takes, NULL-terminated: mt940, camt053, camt054,
 * bai2, csv.  Both camt words read every camt message.
 */
extern const char *const bank_format_words[];

/* One of bank_format_words as a format, or AR_EUSAGE (*fmt untouched). */
ar_err bank_format_parse(const char *word, enum bank_format *fmt);

/*
 * Read fp to its end as fmt (name for messages only; fp is not closed)
 * and call fn once per transaction in file order (bank.h), the reader
 * checking every statement's balances.  profile is for BANK_FORMAT_CSV
 * and unused otherwise.  *counts (NULL when not wanted) is zeroed and,
 * for CSV, says what the read left out.  Returns the reader's result
 * (AR_OK, fn's first error, or an error with *err filled in), or
 * AR_EUSAGE for BANK_FORMAT_UNKNOWN or CSV without a profile.
 */
ar_err bank_format_read(enum bank_format fmt, FILE *fp, const char *name,
    const struct bankcsv_profile *profile, bank_txn_fn fn, void *ctx,
    struct bankcsv_counts *counts, struct ar_error *err);

#endif
