/*
 * journal_write.h - appending to the collections journal (DESIGN.md: one
 * action or event a row: date, customer, action, level, doc_no, amount,
 * currency, due, channel, ref, user, note).  journal.h reads it.
 *
 * The journal is append-only and shared by people (ar-note) and cron
 * jobs (ar-dunning --commit), so appending follows one protocol:
 *
 *   open      open the file (creating it when absent), take an exclusive
 *             flock(2), and read its header under the lock; a file that
 *             is empty is new and gets the stream's header before its
 *             first row
 *   append    each row checked, formatted (csvio, quoting only where
 *             needed) into memory in the file's own column order, and
 *             written whole with one write(2) to the end; a file that
 *             does not end in a line end (a crashed writer, an editor)
 *             gets one in the same write, before the row
 *   close     fsync(2), then unlock: a row is on disk before another
 *             writer can follow it
 *
 * Columns are found by name in the file's header: their order there is
 * the order rows are written in, columns the stream does not know are
 * written empty, and a stream column the file lacks is refused only when
 * the row has a value for it (nothing is dropped silently).  date,
 * customer and action are required, as journal_bind requires them.  A
 * header ending in CRLF gets rows ending in CRLF.  The file is read and
 * written as comma-separated UTF-8.
 *
 * Several rows can go under one lock (ar-dunning --commit): open, append
 * each, close; or journal_append_all.  Check every row with
 * journal_entry_check before opening, so that a bad row is found before
 * anything is written.
 */
#ifndef JOURNAL_WRITE_H
#define JOURNAL_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

/* The stream's columns, in the order a new journal file gets them. */
#define JOURNAL_NCOLUMNS 12
extern const char *const journal_stream_columns[JOURNAL_NCOLUMNS];

/*
 * The action words a row may carry, NULL-terminated, in the order a
 * message lists them: call, promise, promise_broken, promise_kept,
 * dispute, dispute_resolved, note, hold, letter, email, sms, im, pod_filed,
 * pod_amended, dividend, ctos_notice, ctos_list, ctos_amend, ctos_remove, agency_assign,
 * agency_recall, legal_stage, legal_cost.  Lower case; an
 * issue that needs a new word adds it here.
 */
extern const char *const journal_actions[];

/* Whether action is one of journal_actions (exactly: lower case). */
bool journal_action_known(const char *action);

/* level: a dunning level or legal stage, 1 to 99 as journal.c reads it, or none. */
#define JOURNAL_NO_LEVEL (-1)
#define JOURNAL_LEVEL_MIN 1
#define JOURNAL_LEVEL_MAX 99

/*
 * One row to append.  Texts are the caller's, NUL-terminated; NULL or ""
 * leaves the cell empty.  Start from JOURNAL_ENTRY_INIT.
 */
struct journal_entry {
	civil_day date;          /* required */
	const char *customer;    /* required */
	const char *action;      /* required: one of journal_actions */
	int level;               /* JOURNAL_NO_LEVEL: empty */
	const char *doc_no;
	bool has_amount;
	int64_t amount;          /* minor units of currency */
	bool has_currency;       /* required with has_amount */
	currency_id currency;
	civil_day due;           /* DATE_NONE: empty */
	const char *channel, *ref, *user, *note;
};

#define JOURNAL_ENTRY_INIT { DATE_NONE, NULL, NULL, JOURNAL_NO_LEVEL, NULL, \
	false, 0, false, 0, DATE_NONE, NULL, NULL, NULL, NULL }

/*
 * Whether row can be appended and read back (journal_load): a date, a
 * customer without blanks around it, a known action, a level in range,
 * an amount with its currency, texts of UTF-8 without control characters
 * (a line break included: one row, one line); a promise has a due date
 * and an amount, when it has one, above zero; a promise or a call (its
 * callback) is not due before its date.  A hold may be: a hold row due
 * in the past lifts the hold before it (journal.h).
 * AR_OK, or AR_ESYNTAX / AR_ERANGE / AR_ECURRENCY with *problem (may be
 * NULL) worded at line 0, naming the value: action "phone" is not one
 * of: call, promise, ...
 *
 * Every function below that fails fills *e (e->code is its result), so
 * that the caller can print it with diag_report(path, e).
 */
ar_err journal_entry_check(const struct journal_entry *row, struct ar_error *problem);

struct journal_appender;

/*
 * Open the journal at path for appending, under an exclusive lock (held
 * until journal_append_close or _abort; waits for another writer's), and
 * read its header.  The caller owns *out and ends it with
 * journal_append_close or journal_append_abort.  On failure *out is NULL
 * and *e says why, worded to follow "PATH: " (line 1 for the header):
 *   AR_ECREATE  cannot create or open the file (errno kept)
 *   AR_EIO      cannot lock, read or stat it (errno kept)
 *   AR_ECOLUMN, AR_EDUPCOLUMN, AR_ENOHEADER, AR_EUTF8, ...  a header
 *               without date, customer or action, or one that is not CSV
 *   AR_ENOMEM
 * A file created here is left empty, not removed, when nothing is
 * appended.
 */
ar_err journal_append_open(struct journal_appender **out, const char *path,
    struct ar_error *e);

/*
 * Append one row: journal_entry_check, then the columns (AR_ECOLUMN at
 * line 1 when the file lacks one the row fills), then one write.  A row
 * refused, or a write that fails (AR_EIO, errno kept; the part written is
 * cut off again), leaves the file as it was; the appender stays usable.
 */
ar_err journal_append(struct journal_appender *a, const struct journal_entry *row,
    struct ar_error *e);

/* Rows appended since journal_append_open. */
unsigned long journal_appended(const struct journal_appender *a);

/*
 * fsync, unlock, close and free a (NULL is fine): AR_OK, or AR_EIO with
 * *e saying why; a is freed either way.
 */
ar_err journal_append_close(struct journal_appender *a, struct ar_error *e);

/*
 * Give up: cut the file back to what it was at journal_append_open (the
 * lock kept other writers out, though readers, which do not lock, may
 * have seen the rows), sync, unlock, close and free a (NULL is fine).
 */
void journal_append_abort(struct journal_appender *a);

/*
 * Append rows[0..n) under one lock, all or none: every row checked before
 * the file is opened, then open, append, close; on a failure after
 * opening, the rows appended are cut off again (journal_append_abort).
 * Errors as journal_entry_check, journal_append_open and journal_append;
 * a failure to sync at the end (AR_EIO) leaves the rows written.
 */
ar_err journal_append_all(const char *path, const struct journal_entry *rows, size_t n,
    struct ar_error *e);

#endif
