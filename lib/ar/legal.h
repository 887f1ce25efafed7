/*
 * legal.h - legal cases as the collections journal records them (issue
 * 18, ar-legal): the case types and the order of their stages, the
 * e-filing reference, the case number, the rows a case writes, and the
 * register of cases rebuilt from the journal, which ar-legal shows and
 * reports and which other tools ask whether a customer is in court.
 *
 * A case is a run of legal_stage rows sharing doc_no, its case number
 * (L2026-0001: L, the year it was opened, the number within that year
 * from 0001); legal_cost rows with that doc_no are its costs.  A
 * legal_stage row of a case:
 *
 *   date      the day the stage was reached (opened: the day instructed)
 *   level     the stage's number in its type's path: 1 opened, 2 the
 *             first stage, ...; 97 settled, 98 closed, 99 withdrawn
 *   doc_no    the case number
 *   amount    opened: the amount in suit; a later stage: what was
 *   currency  recovered at it (a settlement, an enforcement)
 *   due       the next date fixed (a hearing, case management), if any
 *   channel   the case type: civil, winding_up, bankruptcy, arbitration
 *   ref       the e-filing reference, if any
 *   note      "stage=WORD", then as given "; firm=NAME" (opened: the law
 *             firm, required), "; court=NAME", "; forced" (a stage
 *             recorded out of order with --force), and last "; note=TEXT"
 *             (free text, to the end of the cell)
 *
 * Stages per type, in order (the levels 2, 3, ...):
 *   civil        lod_sent, writ_filed, served, judgment, enforcement
 *   winding_up   s466_notice, petition_filed, advertised, hearing, order
 *   bankruptcy   bankruptcy_notice, creditors_petition, served, hearing, order
 *   arbitration  notice_of_arbitration, tribunal_constituted, hearing, award,
 *                enforcement
 * and settled, closed, withdrawn end a case of any type at any stage.
 * In order is: the next stage of the path, the current stage again (an
 * adjourned hearing, service again), or an end; anything else (a stage
 * skipped or gone back to, a stage after the end) needs --force.
 *
 * "Later" is by (date, line), as in journal.h; rows dated after the
 * register's as-of date are not yet known and are not read.
 */
#ifndef LEGAL_H
#define LEGAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/items.h"
#include "ar/journal.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

enum legal_type { LEGAL_CIVIL, LEGAL_WINDING_UP, LEGAL_BANKRUPTCY, LEGAL_ARBITRATION };
#define LEGAL_NTYPES 4

/* civil, winding_up, bankruptcy, arbitration; NULL-terminated, in enum order. */
extern const char *const legal_type_words[];

/* The type named by s[0..len) (exactly, lower case): false when none. */
bool legal_type_parse(const char *s, size_t len, enum legal_type *out);

#define LEGAL_LEVEL_OPENED 1
#define LEGAL_LEVEL_SETTLED 97
#define LEGAL_LEVEL_CLOSED 98
#define LEGAL_LEVEL_WITHDRAWN 99

/* The stage s[0..len) of type t as its level, or 0 when t has no such stage. */
int legal_stage_level(enum legal_type t, const char *s, size_t len);

/* The word of level in t's path ("opened", "lod_sent", ..., "withdrawn"), NULL when none. */
const char *legal_stage_word(enum legal_type t, int level);

/* Whether level ends a case (settled, closed, withdrawn). */
bool legal_level_ends(int level);

/*
 * The level from which a case of type t has a judgment or its like:
 * civil judgment, arbitration award, winding_up and bankruptcy order.
 */
int legal_judgment_level(enum legal_type t);

/* The stage words of t after opened, in order, ", "-separated, into buf (cut to cap). */
void legal_stage_list(enum legal_type t, char *buf, size_t cap);

enum legal_order {
	LEGAL_IN_ORDER,      /* the next stage, the same again, or an end */
	LEGAL_OUT_OF_ORDER,  /* a stage skipped or gone back to */
	LEGAL_ENDED,         /* the case has ended (settled, closed, withdrawn) */
	LEGAL_NOT_A_STAGE    /* opened, or no stage of the type: never recorded by stage */
};

/* Whether a case of type t now at level current may go to level next. */
enum legal_order legal_stage_order(enum legal_type t, int current, int next);

/*
 * An e-filing reference: 3 to 64 characters of ASCII letters, digits and
 * - / . ( ), beginning with a letter or digit and holding a digit, such as
 * WA-22NCvC-123-01/2026 (the Malaysian courts' e-filing), BA-28NCC-45-03/2026
 * or AIAC/ADM-123-2026.  AR_OK, or AR_ESYNTAX with *e saying why (line 0).
 */
ar_err legal_ref_check(const char *ref, struct ar_error *e);

/*
 * A free text going into a field of the note (firm, court): one line of
 * UTF-8 without control characters nor ';', 1 to 120 bytes, no blank at
 * either end.  what names it in the message ("--firm").
 */
ar_err legal_text_check(const char *what, const char *text, struct ar_error *e);

/* A case number: L, four digits of year, '-', four to six digits (not all 0). */
#define LEGAL_CASE_ID_MAX 16
bool legal_case_id_valid(const char *s, size_t len);

/*
 * The note of a legal_stage row (the encoding above) into buf; false when
 * it does not fit.  firm, court and note may be NULL.
 */
bool legal_note_format(char *buf, size_t cap, const char *stage, const char *firm,
    const char *court, bool forced, const char *note);

/* One stage of a case, as its row said.  Strings are the register's. */
struct legal_stage {
	struct journal_seq at;
	int level;
	const char *stage;           /* its word */
	const char *ref, *court, *user, *note;   /* "" when none */
	civil_day next_date;         /* due; DATE_NONE when none */
	bool forced;
	bool has_amount;             /* opened: in suit; later: recovered */
	int64_t amount;
	currency_id currency;
};

/* A legal_cost row of a case. */
struct legal_cost {
	struct journal_seq at;
	int64_t amount;
	currency_id currency;
	const char *note, *user;
};

/* The sums of a case in one currency. */
struct legal_sums {
	currency_id currency;
	bool has_suit;               /* the opened row named an amount in this currency */
	int64_t in_suit, costs, recovered;
};

/* One case: the rows of its doc_no, in (date, line) order. */
struct legal_case {
	const char *id;              /* L2026-0001 */
	const char *customer;
	enum legal_type type;
	const char *firm;
	civil_day opened;
	const struct legal_stage *stages;   /* [0] is opened */
	size_t nstages;
	const struct legal_cost *costs;
	size_t ncosts;
	int level;                   /* the current stage: that of the latest row */
	civil_day stage_date;
	civil_day next_date;         /* the latest row's due; DATE_NONE when it has none */
	const char *ref, *court;     /* the latest given in the case; "" when none */
	const struct legal_sums *sums;   /* per currency named, by code; none: no money */
	size_t nsums;
};

struct legal_register;

/*
 * An empty register read at as_of (LEGAL_AS_OF_ALL: every row, however
 * dated, as ar-legal reads the journal before it writes to it); amounts
 * without currency are in default_currency.  The caller owns *out and
 * frees it with legal_register_free.  AR_ENOMEM.
 */
#define LEGAL_AS_OF_ALL ((civil_day)INT32_MAX)
ar_err legal_register_new(struct legal_register **out, civil_day as_of,
    currency_id default_currency);
void legal_register_free(struct legal_register *r);   /* NULL is fine */

/* The journal's columns the register reads, besides journal.h's. */
struct legal_columns {
	struct journal_columns j;
	int channel, ref, user, note;
};

/* journal_bind, then the rest (any may be absent, -1); AR_ECOLUMN with *missing. */
ar_err legal_register_bind(const struct csvio_reader *rd, struct legal_columns *cols,
    const char **missing);

/*
 * Take one journal row (any action; only legal_stage and legal_cost rows
 * with a case number in doc_no are kept, any case of the action word as
 * journal.c reads it).  A legal_stage or legal_cost row whose doc_no is
 * not a case number (empty, as ar-note writes one, or an item's number)
 * belongs to no case: it is counted (legal_register_loose) and not kept.
 * A kept row that does not read stops with *e at its line:
 *   AR_ESYNTAX / AR_ERANGE  a date, due, level, channel or note that does
 *                           not read; a level that is not its stage's; a
 *                           case's row naming another customer or type;
 *                           an opened row twice or without firm; a
 *                           legal_cost without amount
 *   AR_EDECIMALS, AR_ECURRENCY  an amount or currency that does not read
 * AR_ENOMEM.  Call legal_register_finish after the last row.
 */
ar_err legal_register_add(struct legal_register *r, const struct csvio_record *rec,
    const struct legal_columns *cols, const struct item_format *fmt, struct ar_error *e);

/*
 * Order each case's rows and work out where it stands.  AR_ESYNTAX at
 * the first row of a case that was never opened (no opened row known at
 * the as-of date).  AR_ERANGE: a case's sums pass 64 bits.  AR_ENOMEM.
 */
ar_err legal_register_finish(struct legal_register *r, struct ar_error *e);

/*
 * bind, add every row of rd, finish.  The reader's own errors (a damaged
 * file) stop it with the reader's error in *e.
 */
ar_err legal_register_load(struct legal_register *r, struct csvio_reader *rd,
    const struct item_format *fmt, struct ar_error *e);

/* legal_stage and legal_cost rows of no case (see legal_register_add). */
unsigned long legal_register_loose(const struct legal_register *r);

/* The cases, ordered by case number; valid until legal_register_free.  After finish. */
size_t legal_register_count(const struct legal_register *r);
const struct legal_case *legal_register_case(const struct legal_register *r, size_t i);

/* The case numbered id, NULL when none.  After finish. */
const struct legal_case *legal_register_find(const struct legal_register *r, const char *id);

/* The next free case number of year (after the highest of that year) into buf: false past 999999. */
bool legal_register_next_id(const struct legal_register *r, int year,
    char buf[LEGAL_CASE_ID_MAX]);

/* What ar-dunning and ar-ctos ask about a customer. */
struct legal_case_view {
	const char *case_id;         /* the register's strings */
	enum legal_type type;
	const char *type_word;       /* civil, winding_up, ... */
	const char *stage;           /* the current stage's word */
	int level;                   /* and level */
	civil_day opened, stage_date;
	const char *firm;
	bool judgment;               /* the case reached legal_judgment_level */
	civil_day judgment_date;     /* the first row at or past it; DATE_NONE when none */
	size_t open_cases;           /* the customer's open cases (this one among them) */
};

/*
 * Whether the customer has a case not ended at the register's as-of date;
 * when it has several, *out (may be NULL) describes the one at the
 * furthest stage (then the one opened latest).  After finish.
 */
bool legal_case_open(const struct legal_register *r, const char *customer, size_t len,
    struct legal_case_view *out);

#endif
