/*
 * test_journal_write.c - rows appended to the collections journal:
 * checked before anything is written, written whole in the file's own
 * column order, under one lock, and read back by journal.c as they meant.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ar/journal.h"
#include "ar/journal_write.h"
#include "core/csvio.h"
#include "core/money.h"
#include "test.h"

static char dir[64];
static char path[128];

static void
enter(void)
{
	strcpy(dir, "/tmp/test_journal_write.XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/journal.csv", dir);
}

static void
leave(void)
{
	unlink(path);
	rmdir(dir);
}

/* The whole file, NUL-terminated; the caller frees.  NULL when absent. */
static char *
slurp(const char *p)
{
	FILE *fp = fopen(p, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n)
		abort();
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
put(const char *p, const char *text)
{
	FILE *fp = fopen(p, "wb");

	if (fp == NULL || fputs(text, fp) < 0 || fclose(fp) != 0)
		abort();
}

/* Whether the file holds exactly want. */
static int
holds(const char *p, const char *want)
{
	char *got = slurp(p);
	int same = got != NULL && strcmp(got, want) == 0;

	if (!same)
		printf("#   %s holds:\n%s#   expected:\n%s", p, got ? got : "(nothing)\n", want);
	free(got);
	return same;
}

static civil_day
day(const char *iso)
{
	civil_day d;

	if (date_parse(iso, strlen(iso), NULL, &d) != AR_OK)
		abort();
	return d;
}

static struct journal_entry
entry(const char *customer, const char *action)
{
	struct journal_entry row = JOURNAL_ENTRY_INIT;

	row.date = day("2026-11-24");
	row.customer = customer;
	row.action = action;
	row.user = "siti";
	return row;
}

#define HEADER "date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n"

/* ---- checks ---- */

static void
journal_check_accepts_a_plain_row(void)
{
	struct journal_entry row = entry("C1", "call");
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(journal_entry_check(&row, &e), AR_OK);
	for (size_t i = 0; journal_actions[i] != NULL; i++) {
		row.action = journal_actions[i];
		row.due = strcmp(row.action, "promise") == 0 ? day("2026-11-30") : DATE_NONE;
		EXPECT_EQ_INT(journal_entry_check(&row, &e), AR_OK);
	}
	EXPECT(journal_action_known("legal_stage"));
	EXPECT(!journal_action_known("Call"));
	EXPECT(!journal_action_known("payment"));
}

static void
journal_check_words_each_problem(void)
{
	static const struct {
		const char *what;
		ar_err code;
		const char *message;
	} want[] = {
		{ "no date", AR_ESYNTAX, "the row has no date" },
		{ "no customer", AR_ESYNTAX, "customer is empty" },
		{ "blank customer", AR_ESYNTAX, "customer \" C1\" has blanks around it" },
		{ "unknown action", AR_ESYNTAX, "action \"phone\" is not one of: call, promise, "
		  "promise_broken, promise_kept, dispute, dispute_resolved, note, hold, letter, "
		  "email, sms, im, pod_filed, pod_amended, dividend, ctos_notice, ctos_list, "
		  "ctos_amend, ctos_remove, "
		  "agency_assign, agency_recall, legal_stage, legal_cost, recon, remittance_requested, "
		  "refund" },
		{ "level", AR_ERANGE, "level 100 is not from 1 to 99" },
		{ "amount alone", AR_ECURRENCY, "an amount needs a currency" },
		{ "line break", AR_ESYNTAX, "note holds a line break (a journal row is one line)" },
		{ "tab", AR_ESYNTAX, "ref holds a control character" },
		{ "not utf-8", AR_ESYNTAX, "user is not UTF-8" },
		{ "promise no due", AR_ESYNTAX,
		  "a promise needs a due date (the day the customer will pay by)" },
		{ "promise zero", AR_ERANGE, "a promise of 0.00 MYR: the amount promised is more than zero" },
		{ "callback before", AR_ERANGE, "due 2026-11-23 is before the call's date 2026-11-24" },
	};
	currency_id myr = test_currency("MYR");

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct journal_entry row = entry("C1", "note");
		struct ar_error e = { 0 };

		switch (i) {
		case 0: row.date = DATE_NONE; break;
		case 1: row.customer = ""; break;
		case 2: row.customer = " C1"; break;
		case 3: row.action = "phone"; break;
		case 4: row.level = 100; break;
		case 5: row.has_amount = true; row.amount = 100; break;
		case 6: row.note = "line one\nline two"; break;
		case 7: row.ref = "a\tb"; break;
		case 8: row.user = "\xff"; break;
		case 9: row.action = "promise"; break;
		case 10:
			row.action = "promise";
			row.due = day("2026-11-30");
			row.has_amount = row.has_currency = true;
			row.currency = myr;
			break;
		case 11: row.action = "call"; row.due = day("2026-11-23"); break;
		}
		EXPECT_EQ_INT(journal_entry_check(&row, &e), want[i].code);
		EXPECT_EQ_STR(e.message, want[i].message);
		EXPECT_EQ_INT(e.line, 0);
	}
}

static void
journal_check_lets_a_letter_or_hold_be_due_in_the_past(void)
{
	struct journal_entry row = entry("C1", "letter");

	/* A letter may cite the day the invoice fell due: only promises and calls look ahead. */
	row.due = day("2026-10-31");
	row.level = 2;
	EXPECT_EQ_INT(journal_entry_check(&row, NULL), AR_OK);
	/* A hold due in the past lifts the hold before it (journal.h). */
	row.action = "hold";
	row.level = JOURNAL_NO_LEVEL;
	EXPECT_EQ_INT(journal_entry_check(&row, NULL), AR_OK);
	row.action = "letter";
	row.level = 0;
	EXPECT_EQ_INT(journal_entry_check(&row, NULL), AR_ERANGE);
}

/* ---- the file ---- */

static void
journal_new_file_gets_the_header_then_the_row(void)
{
	struct journal_entry row = entry("C1", "promise");
	struct ar_error e = { 0 };

	enter();
	row.has_amount = row.has_currency = true;
	row.amount = 150050;
	row.currency = test_currency("MYR");
	row.due = day("2026-11-30");
	row.doc_no = "90001003";
	row.level = 2;
	row.channel = "phone";
	row.ref = "answered";
	row.note = "will pay, \"after CNY\"";
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, HEADER "2026-11-24,C1,promise,2,90001003,1500.50,MYR,2026-11-30,"
	    "phone,answered,siti,\"will pay, \"\"after CNY\"\"\"\n"));
	row = entry("C2", "note");
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, HEADER "2026-11-24,C1,promise,2,90001003,1500.50,MYR,2026-11-30,"
	    "phone,answered,siti,\"will pay, \"\"after CNY\"\"\"\n"
	    "2026-11-24,C2,note,,,,,,,,siti,\n"));
	leave();
}

static void
journal_amount_has_its_currency_decimals(void)
{
	struct journal_entry rows[2] = { entry("C1", "letter"), entry("C2", "letter") };
	struct ar_error e = { 0 };

	enter();
	rows[0].has_amount = rows[0].has_currency = true;
	rows[0].amount = 150000;
	rows[0].currency = test_currency("JPY");
	rows[1].has_amount = rows[1].has_currency = true;
	rows[1].amount = -5;
	rows[1].currency = test_currency("USD");
	EXPECT_EQ_INT(journal_append_all(path, rows, 2, &e), AR_OK);
	EXPECT(holds(path, HEADER "2026-11-24,C1,letter,,,150000,JPY,,,,siti,\n"
	    "2026-11-24,C2,letter,,,-0.05,USD,,,,siti,\n"));
	leave();
}

static void
journal_existing_file_keeps_its_column_order(void)
{
	struct journal_entry row = entry("C7", "dispute");
	struct ar_error e = { 0 };

	enter();
	put(path, "note,user,customer,date,action,doc_no,collector,amount,currency,due,level,"
	    "channel,ref\n"
	    "old,ali,C1,2026-11-01,call,,kl,,,,,,\n");
	row.doc_no = "INV-9";
	row.note = "price wrong";
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, "note,user,customer,date,action,doc_no,collector,amount,currency,due,"
	    "level,channel,ref\n"
	    "old,ali,C1,2026-11-01,call,,kl,,,,,,\n"
	    "price wrong,siti,C7,2026-11-24,dispute,INV-9,,,,,,,\n"));
	leave();
}

static void
journal_missing_column_refused_only_when_the_row_fills_it(void)
{
	static const char before[] = "date,customer,action,doc_no,amount,currency,due,note\n"
	    "2026-10-01,C001,call,90001003,,,,left message\n";
	struct journal_entry row = entry("C1", "call");
	struct ar_error e = { 0 };

	enter();
	put(path, before);
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "the header has no \"user\" column for user \"siti\"");
	EXPECT(holds(path, before));
	row.user = NULL;
	row.note = "no answer";
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, "date,customer,action,doc_no,amount,currency,due,note\n"
	    "2026-10-01,C001,call,90001003,,,,left message\n"
	    "2026-11-24,C1,call,,,,,no answer\n"));
	leave();
}

static void
journal_file_without_final_newline_gets_one(void)
{
	struct journal_entry row = entry("C1", "note");
	struct ar_error e = { 0 };

	enter();
	put(path, "date,customer,action,user\n2026-11-01,C1,call,ali");
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, "date,customer,action,user\n2026-11-01,C1,call,ali\n"
	    "2026-11-24,C1,note,siti\n"));
	leave();
}

static void
journal_crlf_header_gets_crlf_rows(void)
{
	struct journal_entry row = entry("C1", "note");
	struct ar_error e = { 0 };

	enter();
	put(path, "\xEF\xBB\xBF" "date,customer,action,user\r\n2026-11-01,C1,call,ali");
	EXPECT_EQ_INT(journal_append_all(path, &row, 1, &e), AR_OK);
	EXPECT(holds(path, "\xEF\xBB\xBF" "date,customer,action,user\r\n2026-11-01,C1,call,ali\r\n"
	    "2026-11-24,C1,note,siti\r\n"));
	leave();
}

static void
journal_header_without_action_is_refused_at_open(void)
{
	static const char before[] = "date,customer,what\n2026-11-01,C1,call\n";
	struct journal_appender *a = (struct journal_appender *)&a;
	struct ar_error e = { 0 };

	enter();
	put(path, before);
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_ECOLUMN);
	EXPECT(a == NULL);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "missing column \"action\"");
	put(path, "date,customer,action,Action\n");
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_EDUPCOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	put(path, "\n\n");
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_ENOHEADER);
	leave();
}

static void
journal_bad_row_is_refused_before_anything_is_written(void)
{
	struct journal_entry rows[3] = {
		entry("C1", "call"), entry("C2", "promise"), entry("C3", "call")
	};
	struct journal_appender *a;
	struct ar_error e = { 0 };

	enter();
	/* rows[1] is a promise without due date: nothing at all, not even the file. */
	EXPECT_EQ_INT(journal_append_all(path, rows, 3, &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "a promise needs a due date (the day the customer will pay by)");
	EXPECT(access(path, F_OK) != 0 && errno == ENOENT);
	/* An appender refuses it too, and stays usable. */
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_OK);
	EXPECT_EQ_INT(journal_append(a, &rows[1], &e), AR_ESYNTAX);
	EXPECT_EQ_INT(journal_append(a, &rows[0], &e), AR_OK);
	EXPECT_EQ_INT(journal_appended(a), 1);
	EXPECT_EQ_INT(journal_append_close(a, &e), AR_OK);
	EXPECT(holds(path, HEADER "2026-11-24,C1,call,,,,,,,,siti,\n"));
	leave();
}

static void
journal_batch_holds_one_lock_until_closed(void)
{
	struct journal_entry row = entry("C1", "letter");
	struct journal_appender *a;
	struct ar_error e = { 0 };
	int fd;

	enter();
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_OK);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ_INT(journal_append(a, &row, &e), AR_OK);
	EXPECT_EQ_INT(journal_appended(a), 3);
	fd = open(path, O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT(flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK);
	EXPECT_EQ_INT(journal_append_close(a, &e), AR_OK);
	EXPECT(flock(fd, LOCK_EX | LOCK_NB) == 0);
	close(fd);
	EXPECT(holds(path, HEADER "2026-11-24,C1,letter,,,,,,,,siti,\n"
	    "2026-11-24,C1,letter,,,,,,,,siti,\n2026-11-24,C1,letter,,,,,,,,siti,\n"));
	leave();
}

static void
journal_abort_cuts_the_file_back(void)
{
	static const char before[] = "date,customer,action,user\n2026-11-01,C1,call,ali";
	struct journal_entry row = entry("C1", "sms");
	struct journal_appender *a;
	struct ar_error e = { 0 };

	enter();
	put(path, before);
	EXPECT_EQ_INT(journal_append_open(&a, path, &e), AR_OK);
	EXPECT_EQ_INT(journal_append(a, &row, &e), AR_OK);
	EXPECT_EQ_INT(journal_append(a, &row, &e), AR_OK);
	journal_append_abort(a);
	EXPECT(holds(path, before));
	journal_append_abort(NULL);
	EXPECT_EQ_INT(journal_append_close(NULL, &e), AR_OK);
	leave();
}

static void
journal_all_or_none_when_a_later_row_lacks_its_column(void)
{
	static const char before[] = "date,customer,action,user\n2026-11-01,C1,call,ali\n";
	struct journal_entry rows[2] = { entry("C1", "email"), entry("C2", "email") };
	struct ar_error e = { 0 };

	enter();
	put(path, before);
	rows[1].ref = "L-0042";
	EXPECT_EQ_INT(journal_append_all(path, rows, 2, &e), AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "the header has no \"ref\" column for ref \"L-0042\"");
	EXPECT(holds(path, before));
	leave();
}

static void
journal_cannot_create_or_write(void)
{
	struct journal_entry row = entry("C1", "note");
	struct ar_error e = { 0 };
	char missing[160];

	enter();
	snprintf(missing, sizeof missing, "%s/no/such/dir/journal.csv", dir);
	EXPECT_EQ_INT(journal_append_all(missing, &row, 1, &e), AR_ECREATE);
	EXPECT_EQ_STR(e.message, "cannot create: No such file or directory");
	if (access("/dev/full", W_OK) == 0) {
		EXPECT_EQ_INT(journal_append_all("/dev/full", &row, 1, &e), AR_EIO);
		EXPECT_EQ_STR(e.message, "cannot append: No space left on device");
	}
	leave();
}

/* ---- read back ---- */

static struct journal *
load(const char *as_of, struct ar_error *e)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct journal *j;

	if (journal_new(&j, day(as_of), test_currency("MYR")) != AR_OK ||
	    csvio_reader_open(&r, path, &opts) != AR_OK)
		abort();
	EXPECT_EQ_INT(journal_load(j, r, &fmt, NULL, NULL, e), AR_OK);
	csvio_reader_close(r);
	return j;
}

static void
journal_rows_written_read_back_as_meant(void)
{
	struct journal_entry rows[16];
	struct ar_error e = { 0 };
	const struct journal_facts *f;
	struct journal *j;
	size_t n = 0;

	enter();
	/* C1: a promise open at the as-of date, one dispute open and one resolved. */
	rows[n] = entry("C1", "promise");
	rows[n].date = day("2026-11-10");
	rows[n].due = day("2026-11-30");
	rows[n].has_amount = rows[n].has_currency = true;
	rows[n].amount = 150050;
	rows[n++].currency = test_currency("MYR");
	rows[n] = entry("C1", "dispute");
	rows[n].date = day("2026-11-11");
	rows[n++].doc_no = "INV1";
	rows[n] = entry("C1", "dispute");
	rows[n].date = day("2026-11-12");
	rows[n++].doc_no = "INV2";
	rows[n] = entry("C1", "dispute_resolved");
	rows[n].date = day("2026-11-13");
	rows[n++].doc_no = "INV2";
	rows[n] = entry("C1", "call");
	rows[n].date = day("2026-11-14");
	rows[n].ref = "callback";
	rows[n++].due = day("2026-11-20");
	/* C2: a promise broken; C3: a promise kept. */
	rows[n] = entry("C2", "promise");
	rows[n].date = day("2026-11-01");
	rows[n++].due = day("2026-12-31");
	rows[n] = entry("C2", "promise_broken");
	rows[n++].date = day("2026-11-20");
	rows[n] = entry("C3", "promise");
	rows[n].date = day("2026-11-01");
	rows[n++].due = day("2026-12-31");
	rows[n] = entry("C3", "promise_kept");
	rows[n++].date = day("2026-11-21");
	/* C4: the balance in USD, no amount; an account-level dispute. */
	rows[n] = entry("C4", "promise");
	rows[n].due = day("2026-12-15");
	rows[n].has_currency = true;
	rows[n++].currency = test_currency("USD");
	rows[n++] = entry("C4", "dispute");
	/* C5: a hold, dated after the as-of date: not yet known. */
	rows[n] = entry("C5", "hold");
	rows[n].date = day("2026-11-25");
	rows[n++].due = day("2026-12-25");
	/* C6: a level 2 letter, then a hold; C7: a hold lifted by one due in the past. */
	rows[n] = entry("C6", "letter");
	rows[n].date = day("2026-11-15");
	rows[n].level = 2;
	rows[n].has_amount = rows[n].has_currency = true;
	rows[n].amount = 9900;
	rows[n++].currency = test_currency("TWD");
	rows[n] = entry("C6", "hold");
	rows[n].date = day("2026-11-16");
	rows[n++].due = day("2026-12-31");
	rows[n] = entry("C7", "hold");
	rows[n++].date = day("2026-11-01");
	rows[n] = entry("C7", "hold");
	rows[n].date = day("2026-11-20");
	rows[n++].due = day("2026-11-19");
	EXPECT_EQ_INT(journal_append_all(path, rows, n, &e), AR_OK);

	j = load("2026-11-24", &e);
	EXPECT_EQ_INT(journal_rows(j), n);
	EXPECT_EQ_INT(journal_future_rows(j), 1);
	f = journal_find(j, "C1", 2);
	EXPECT(f != NULL && f->promise_open && f->promise_has_amount && f->promise_currency_given);
	if (f != NULL) {
		EXPECT_EQ_INT(f->promise_amount, 150050);
		EXPECT_EQ_STR(currency_code(f->promise_currency), "MYR");
		EXPECT_EQ_INT(f->promise_due, day("2026-11-30"));
		EXPECT_EQ_INT(f->promise_date, day("2026-11-10"));
		EXPECT_EQ_INT(f->open_disputes, 1);
		EXPECT_EQ_STR(f->dispute_docs, "INV1");
		EXPECT_EQ_STR(f->last_action, "call");
		EXPECT_EQ_INT(f->last_date, day("2026-11-14"));
	}
	f = journal_find(j, "C2", 2);
	EXPECT(f != NULL && !f->promise_open);
	f = journal_find(j, "C3", 2);
	EXPECT(f != NULL && !f->promise_open);
	if (f != NULL)
		EXPECT_EQ_STR(f->last_action, "promise_kept");
	f = journal_find(j, "C4", 2);
	EXPECT(f != NULL && f->promise_open && !f->promise_has_amount && f->promise_currency_given);
	if (f != NULL) {
		EXPECT_EQ_STR(currency_code(f->promise_currency), "USD");
		EXPECT_EQ_INT(f->open_disputes, 1);
		EXPECT_EQ_STR(f->dispute_docs, "(account)");
	}
	EXPECT(journal_find(j, "C5", 2) == NULL);
	f = journal_find(j, "C6", 2);
	EXPECT(f != NULL && f->held);
	if (f != NULL) {
		EXPECT_EQ_INT(f->dun_level, 2);
		EXPECT_EQ_INT(f->dun_date, day("2026-11-15"));
		EXPECT_EQ_INT(f->hold_until, day("2026-12-31"));
	}
	f = journal_find(j, "C7", 2);
	EXPECT(f != NULL && !f->held);
	journal_free(j);
	leave();
}

/* ---- four writers at once ---- */

#define WRITERS 4
#define ROWS_EACH 2500

/*
 * One writer: its rows in sessions of 1 and of 9 rows (one lock each),
 * so that the writers' locks interleave both ways.  A row's note says
 * whose and which it is, with a comma and quotes to be quoted.
 */
static int
writer(int w)
{
	char customer[16], note[64];
	struct journal_entry row = entry("", "note");
	struct ar_error e;
	int i = 0;

	snprintf(customer, sizeof customer, "W%d", w);
	row.customer = customer;
	row.user = "writer";
	row.note = note;
	while (i < ROWS_EACH) {
		struct journal_appender *a;
		int size = (i / 10) % 2 == 0 ? 1 : 9;

		if (journal_append_open(&a, path, &e) != AR_OK)
			return 1;
		for (int k = 0; k < size && i < ROWS_EACH; k++, i++) {
			snprintf(note, sizeof note, "row %d, \"of %d\"", i, w);
			if (journal_append(a, &row, &e) != AR_OK) {
				journal_append_abort(a);
				return 1;
			}
		}
		if (journal_append_close(a, &e) != AR_OK)
			return 1;
	}
	return 0;
}

static void
journal_four_writers_leave_every_row_whole(void)
{
	static unsigned char seen[WRITERS][ROWS_EACH];
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record rec;
	pid_t pid[WRITERS];
	long rows = 0, odd = 0, twice = 0, headers = 0;
	int col_customer, col_note, col_date, col_action, col_user, status, failed = 0;
	int start[2];
	char *text;
	ar_err err;

	enter();
	memset(seen, 0, sizeof seen);
	fflush(stdout);
	/* The writers start together, on a file that is not there yet: who writes the header? */
	if (pipe(start) != 0)
		abort();
	for (int w = 0; w < WRITERS; w++) {
		if ((pid[w] = fork()) == 0) {
			char c;

			close(start[1]);
			_exit(read(start[0], &c, 1) == 0 ? writer(w) : 2);
		}
		EXPECT(pid[w] > 0);
	}
	close(start[0]);
	close(start[1]);
	for (int w = 0; w < WRITERS; w++)
		if (pid[w] > 0 && (waitpid(pid[w], &status, 0) != pid[w] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0))
			failed++;
	EXPECT_EQ_INT(failed, 0);

	text = slurp(path);
	EXPECT(text != NULL && strncmp(text, HEADER, strlen(HEADER)) == 0);
	EXPECT(text != NULL && text[strlen(text) - 1] == '\n');
	free(text);
	if (csvio_reader_open(&r, path, &opts) != AR_OK)
		abort();
	EXPECT_EQ_INT(csvio_ncolumns(r), JOURNAL_NCOLUMNS);
	col_customer = csvio_column(r, "customer");
	col_note = csvio_column(r, "note");
	col_date = csvio_column(r, "date");
	col_action = csvio_column(r, "action");
	col_user = csvio_column(r, "user");
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		int w, i, end = 0, of = -1;

		rows++;
		if (strcmp(rec.field[col_date].ptr, "date") == 0) {
			headers++;
			continue;
		}
		if (sscanf(rec.field[col_customer].ptr, "W%d%n", &w, &end) != 1 ||
		    rec.field[col_customer].ptr[end] != '\0' || w < 0 || w >= WRITERS ||
		    sscanf(rec.field[col_note].ptr, "row %d, \"of %d\"%n", &i, &of, &end) != 2 ||
		    rec.field[col_note].ptr[end] != '\0' || of != w || i < 0 || i >= ROWS_EACH ||
		    strcmp(rec.field[col_date].ptr, "2026-11-24") != 0 ||
		    strcmp(rec.field[col_action].ptr, "note") != 0 ||
		    strcmp(rec.field[col_user].ptr, "writer") != 0) {
			if (odd++ < 3)
				printf("#   line %ld is not a whole row\n", rec.line);
			continue;
		}
		if (seen[w][i]++)
			twice++;
	}
	EXPECT_EQ_INT(err, AR_EOF);
	if (err != AR_EOF)
		printf("#   %s\n", csvio_error(r)->message);
	csvio_reader_close(r);
	EXPECT_EQ_INT(rows, WRITERS * ROWS_EACH);
	EXPECT_EQ_INT(headers, 0);
	EXPECT_EQ_INT(odd, 0);
	EXPECT_EQ_INT(twice, 0);
	for (int w = 0; w < WRITERS; w++) {
		long missing = 0;

		for (int i = 0; i < ROWS_EACH; i++)
			missing += !seen[w][i];
		EXPECT_EQ_INT(missing, 0);
	}
	leave();
}

int
main(void)
{
	RUN(journal_check_accepts_a_plain_row);
	RUN(journal_check_words_each_problem);
	RUN(journal_check_lets_a_letter_or_hold_be_due_in_the_past);
	RUN(journal_new_file_gets_the_header_then_the_row);
	RUN(journal_amount_has_its_currency_decimals);
	RUN(journal_existing_file_keeps_its_column_order);
	RUN(journal_missing_column_refused_only_when_the_row_fills_it);
	RUN(journal_file_without_final_newline_gets_one);
	RUN(journal_crlf_header_gets_crlf_rows);
	RUN(journal_header_without_action_is_refused_at_open);
	RUN(journal_bad_row_is_refused_before_anything_is_written);
	RUN(journal_batch_holds_one_lock_until_closed);
	RUN(journal_abort_cuts_the_file_back);
	RUN(journal_all_or_none_when_a_later_row_lacks_its_column);
	RUN(journal_cannot_create_or_write);
	RUN(journal_rows_written_read_back_as_meant);
	RUN(journal_four_writers_leave_every_row_whole);
	return test_summary();
}
