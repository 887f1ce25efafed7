/* journal_write.c - rows appended to the collections journal, under a lock. */
#include "ar/journal_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/money.h"
#include "core/utf8.h"

/* The stream's columns by their place in journal_stream_columns. */
enum {
	C_DATE, C_CUSTOMER, C_ACTION, C_LEVEL, C_DOC_NO, C_AMOUNT, C_CURRENCY, C_DUE,
	C_CHANNEL, C_REF, C_USER, C_NOTE
};

const char *const journal_stream_columns[JOURNAL_NCOLUMNS] = {
	"date", "customer", "action", "level", "doc_no", "amount", "currency", "due",
	"channel", "ref", "user", "note"
};

const char *const journal_actions[] = {
	"call", "promise", "promise_broken", "promise_kept", "dispute", "dispute_resolved",
	"note", "hold", "letter", "email", "sms", "im", "pod_filed", "pod_amended", "dividend",
	"ctos_notice", "ctos_list", "ctos_amend", "ctos_remove", "agency_assign",
	"agency_recall", "legal_stage", "legal_cost", "recon", "remittance_requested", "refund",
	NULL
};

/* A header longer than this is no journal's (twelve names and a few of the user's). */
#define HEADER_MAX 65536

/* Tries to lock the file that is at the path, when it keeps being replaced. */
#define OPEN_TRIES 16

struct journal_appender {
	int fd;
	bool regular;          /* a regular file: sized, cut back on failure */
	bool created;          /* made here: its directory is synced too */
	bool crlf;             /* the header ends in CRLF: so do the rows */
	bool need_header;      /* an empty file: the header goes before the first row */
	bool need_line_end;    /* the file does not end in a line end */
	bool wrote;            /* anything written since open */
	off_t start;           /* the size at open, for journal_append_abort */
	unsigned long rows;
	size_t ncols;          /* columns of the file's header */
	int *order;            /* order[i]: the stream column at the file's column i, or -1 */
	bool has[JOURNAL_NCOLUMNS];
	char *path;
};

bool
journal_action_known(const char *action)
{
	for (size_t i = 0; journal_actions[i] != NULL; i++)
		if (strcmp(action, journal_actions[i]) == 0)
			return true;
	return false;
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Why s cannot be a cell of the journal, or NULL. */
static const char *
text_problem(const char *s)
{
	size_t n = strlen(s);

	if (!utf8_valid(s, n))
		return "is not UTF-8";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\r')
			return "holds a line break (a journal row is one line)";
		if (c < 0x20 || c == 0x7f)
			return "holds a control character";
	}
	return NULL;
}

/* "call, promise, ..., legal_stage" */
static void
action_list(char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; journal_actions[i] != NULL && len < size; i++) {
		int k = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", journal_actions[i]);

		if (k < 0)
			break;
		len += (size_t)k;
	}
}

/*
 * A promise, or a call's callback, falls due on or after the day it is
 * made.  Not a hold: one due in the past lifts the hold before it.
 */
static bool
due_not_before(const char *action)
{
	return strcmp(action, "promise") == 0 || strcmp(action, "call") == 0;
}

ar_err
journal_entry_check(const struct journal_entry *row, struct ar_error *problem)
{
	const struct { const char *name, *text; } texts[] = {
		{ "customer", row->customer }, { "action", row->action },
		{ "doc_no", row->doc_no }, { "channel", row->channel }, { "ref", row->ref },
		{ "user", row->user }, { "note", row->note },
	};
	char d1[DATE_TEXT_MAX], d2[DATE_TEXT_MAX], m[MONEY_TEXT_MAX], list[400];
	const char *why;
	size_t n;

	if (row->date == DATE_NONE)
		return ar_error_set(problem, AR_ESYNTAX, 0, "the row has no date");
	if (empty(row->customer))
		return ar_error_set(problem, AR_ESYNTAX, 0, "customer is empty");
	if (empty(row->action))
		return ar_error_set(problem, AR_ESYNTAX, 0, "action is empty");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!empty(texts[i].text) && (why = text_problem(texts[i].text)) != NULL)
			return ar_error_set(problem, AR_ESYNTAX, 0, "%s %s", texts[i].name, why);
	n = strlen(row->customer);
	/* Readers trim blanks around a field: " C1" would never be C1 again. */
	if (row->customer[0] == ' ' || row->customer[0] == '\t' ||
	    row->customer[n - 1] == ' ' || row->customer[n - 1] == '\t')
		return ar_error_set(problem, AR_ESYNTAX, 0,
		    "customer \"%s\" has blanks around it", row->customer);
	if (!journal_action_known(row->action)) {
		action_list(list, sizeof list);
		return ar_error_set(problem, AR_ESYNTAX, 0, "action \"%s\" is not one of: %s",
		    row->action, list);
	}
	if (row->level != JOURNAL_NO_LEVEL &&
	    (row->level < JOURNAL_LEVEL_MIN || row->level > JOURNAL_LEVEL_MAX))
		return ar_error_set(problem, AR_ERANGE, 0, "level %d is not from %d to %d",
		    row->level, JOURNAL_LEVEL_MIN, JOURNAL_LEVEL_MAX);
	if (row->has_amount && !row->has_currency)
		return ar_error_set(problem, AR_ECURRENCY, 0, "an amount needs a currency");
	if (row->has_currency && currency_code(row->currency) == NULL)
		return ar_error_set(problem, AR_ECURRENCY, 0, "the currency is not a known one");
	if (strcmp(row->action, "promise") == 0) {
		if (row->due == DATE_NONE)
			return ar_error_set(problem, AR_ESYNTAX, 0,
			    "a promise needs a due date (the day the customer will pay by)");
		if (row->has_amount && row->amount <= 0) {
			money_format(row->amount, currency_exponent(row->currency), m);
			return ar_error_set(problem, AR_ERANGE, 0,
			    "a promise of %s %s: the amount promised is more than zero",
			    m, currency_code(row->currency));
		}
	}
	if (row->due != DATE_NONE && row->due < row->date && due_not_before(row->action)) {
		date_format(row->due, d1);
		date_format(row->date, d2);
		return ar_error_set(problem, AR_ERANGE, 0, "due %s is before the %s's date %s",
		    d1, row->action, d2);
	}
	return AR_OK;
}

/* ---- appending ---- */

/* The text of stream column k of row (scratch holds 32 bytes). */
static const char *
cell(const struct journal_entry *row, int k, char *scratch, size_t *len)
{
	const char *s = NULL;

	switch (k) {
	case C_DATE:
		*len = date_format(row->date, scratch);
		return scratch;
	case C_CUSTOMER: s = row->customer; break;
	case C_ACTION: s = row->action; break;
	case C_LEVEL:
		if (row->level != JOURNAL_NO_LEVEL) {
			*len = (size_t)snprintf(scratch, 32, "%d", row->level);
			return scratch;
		}
		break;
	case C_DOC_NO: s = row->doc_no; break;
	case C_AMOUNT:
		if (row->has_amount) {
			*len = money_format(row->amount, currency_exponent(row->currency), scratch);
			return scratch;
		}
		break;
	case C_CURRENCY:
		if (row->has_currency)
			s = currency_code(row->currency);
		break;
	case C_DUE:
		if (row->due != DATE_NONE) {
			*len = date_format(row->due, scratch);
			return scratch;
		}
		break;
	case C_CHANNEL: s = row->channel; break;
	case C_REF: s = row->ref; break;
	case C_USER: s = row->user; break;
	case C_NOTE: s = row->note; break;
	default: break;   /* a column of the file's own: empty */
	}
	if (s == NULL)
		s = "";
	*len = strlen(s);
	return s;
}

static ar_err
errno_error(struct ar_error *e, ar_err code, const char *what, int err)
{
	errno = err;
	return ar_error_set(e, code, 0, "%s: %s", what, strerror(err));
}

/*
 * Open the file at path and lock it; when another file was renamed over
 * path while we waited (an editor saving), let go and take the new one,
 * so that no row goes to a file no one will read again.
 */
static ar_err
open_locked(struct journal_appender *a, const char *path, struct stat *st,
    struct ar_error *e)
{
	for (int tries = 0; tries < OPEN_TRIES; tries++) {
		struct stat now;
		bool created = false;
		int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC), saved;

		if (fd < 0 && errno == ENOENT) {
			fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
			if (fd < 0)
				return errno_error(e, AR_ECREATE, "cannot create", errno);
			created = true;
		} else if (fd < 0) {
			return errno_error(e, AR_ECREATE, "cannot open for appending", errno);
		}
		while (flock(fd, LOCK_EX) != 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			return errno_error(e, AR_EIO, "cannot lock", saved);
		}
		if (fstat(fd, st) != 0) {
			saved = errno;
			close(fd);
			return errno_error(e, AR_EIO, "cannot stat", saved);
		}
		if (!S_ISREG(st->st_mode) || (stat(path, &now) == 0 &&
		    now.st_dev == st->st_dev && now.st_ino == st->st_ino)) {
			a->fd = fd;
			a->created = created;
			a->regular = S_ISREG(st->st_mode);
			return AR_OK;
		}
		close(fd);
	}
	return ar_error_set(e, AR_EIO, 0, "cannot lock: the file keeps being replaced");
}

/* All of buf[0..len) from offset, or fewer bytes at the end of the file. */
static ssize_t
read_at(int fd, char *buf, size_t len, off_t offset)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, offset + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* The columns of the header line in buf[0..len), by name. */
static ar_err
bind_header(struct journal_appender *a, char *buf, size_t len, struct ar_error *e)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r = NULL;
	FILE *fp = fmemopen(buf, len, "r");
	ar_err err;

	if (fp == NULL)
		return AR_ENOMEM;
	if ((err = csvio_reader_from_stream(&r, fp, "journal", &opts)) != AR_OK) {
		if (r != NULL)
			ar_error_set(e, err, 1, "%s", csvio_error(r)->message);
		else if (err != AR_ENOMEM)
			ar_error_set(e, err, 1, "%s", ar_strerror(err));
		goto done;
	}
	a->ncols = csvio_ncolumns(r);
	if ((a->order = malloc(a->ncols * sizeof *a->order)) == NULL) {
		err = AR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < a->ncols; i++)
		a->order[i] = -1;
	for (int k = 0; k < JOURNAL_NCOLUMNS; k++) {
		int i = csvio_column(r, journal_stream_columns[k]);

		if ((a->has[k] = i >= 0))
			a->order[i] = k;
	}
	for (int k = C_DATE; k <= C_ACTION; k++) {
		if (!a->has[k]) {
			err = ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"",
			    journal_stream_columns[k]);
			break;
		}
	}
done:
	csvio_reader_close(r);
	fclose(fp);
	return err;
}

/* The header of a file that has one, how its lines end, and whether its last one does. */
static ar_err
read_header(struct journal_appender *a, off_t size, struct ar_error *e)
{
	size_t want = size < HEADER_MAX ? (size_t)size : HEADER_MAX;
	char *buf = malloc(want + 1), *nl, last;
	ssize_t n;
	ar_err err;

	if (buf == NULL)
		return AR_ENOMEM;
	errno = 0;
	if ((n = read_at(a->fd, buf, want, 0)) < 0 ||
	    read_at(a->fd, &last, 1, size - 1) != 1) {
		int saved = errno ? errno : EIO;   /* 0: the file shrank under us */

		free(buf);
		return errno_error(e, AR_EIO, "cannot read", saved);
	}
	nl = memchr(buf, '\n', (size_t)n);
	if (nl == NULL && (off_t)n < size) {
		free(buf);
		return ar_error_set(e, AR_ESYNTAX, 1, "the header is longer than %d bytes",
		    HEADER_MAX);
	}
	if (nl != NULL)
		n = nl - buf + 1;
	a->crlf = nl != NULL && nl > buf && nl[-1] == '\r';
	a->need_line_end = last != '\n' && last != '\r';
	err = bind_header(a, buf, (size_t)n, e);
	free(buf);
	return err;
}

/* A new file: the stream's columns in the stream's order. */
static ar_err
bind_new(struct journal_appender *a)
{
	a->ncols = JOURNAL_NCOLUMNS;
	if ((a->order = malloc(a->ncols * sizeof *a->order)) == NULL)
		return AR_ENOMEM;
	for (int k = 0; k < JOURNAL_NCOLUMNS; k++) {
		a->order[k] = k;
		a->has[k] = true;
	}
	a->need_header = true;
	return AR_OK;
}

static void
release(struct journal_appender *a)
{
	if (a->fd >= 0)
		close(a->fd);   /* lets go of the lock */
	free(a->order);
	free(a->path);
	free(a);
}

ar_err
journal_append_open(struct journal_appender **out, const char *path, struct ar_error *e)
{
	struct journal_appender *a = calloc(1, sizeof *a);
	struct stat st;
	ar_err err;

	*out = NULL;
	if (a == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	a->fd = -1;
	if ((a->path = strdup(path)) == NULL) {
		release(a);
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	}
	if ((err = open_locked(a, path, &st, e)) == AR_OK) {
		a->start = st.st_size;
		/* Not a regular file (a pipe, a device): nothing to read, a stream from scratch. */
		err = a->regular && st.st_size > 0 ? read_header(a, st.st_size, e) : bind_new(a);
	}
	if (err != AR_OK) {
		if (err == AR_ENOMEM)
			ar_error_set(e, err, 0, "out of memory");
		release(a);
		return err;
	}
	*out = a;
	return AR_OK;
}

/* The row (after a line end and the header, when due) in the file's column order. */
static ar_err
format_row(const struct journal_appender *a, const struct journal_entry *row,
    char **buf, size_t *len)
{
	FILE *m = open_memstream(buf, len);
	struct csvio_writer w;
	char scratch[32];
	int bad;

	if (m == NULL)
		return AR_ENOMEM;
	csvio_writer_init(&w, m, ',', a->crlf);
	if (a->need_line_end)
		fputs(a->crlf ? "\r\n" : "\n", m);
	if (a->need_header)
		csvio_write_names(&w, journal_stream_columns, JOURNAL_NCOLUMNS);
	for (size_t i = 0; i < a->ncols; i++) {
		size_t n;
		const char *s = cell(row, a->order[i], scratch, &n);

		csvio_write_field(&w, s, n);
	}
	csvio_end_record(&w);
	bad = ferror(m);
	if (fclose(m) != 0 || bad) {
		free(*buf);
		*buf = NULL;
		return AR_ENOMEM;
	}
	return AR_OK;
}

/* buf in one write; a part written (a full disk) is cut off again. */
static ar_err
write_whole(struct journal_appender *a, const char *buf, size_t len, struct ar_error *e)
{
	struct stat st;
	ssize_t n;
	int saved;

	if (a->regular && fstat(a->fd, &st) != 0)
		return errno_error(e, AR_EIO, "cannot stat", errno);
	do
		n = write(a->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)len)
		return AR_OK;
	saved = n < 0 ? errno : ENOSPC;
	if (n > 0 && a->regular && ftruncate(a->fd, st.st_size) != 0) {
		/* nothing more can be done: the reader will name the line */
	}
	return errno_error(e, AR_EIO, "cannot append", saved);
}

ar_err
journal_append(struct journal_appender *a, const struct journal_entry *row,
    struct ar_error *e)
{
	char scratch[32], *buf = NULL;
	size_t len;
	ar_err err;

	if ((err = journal_entry_check(row, e)) != AR_OK)
		return err;
	for (int k = 0; k < JOURNAL_NCOLUMNS; k++) {
		const char *s = cell(row, k, scratch, &len);

		if (!a->has[k] && len > 0)
			return ar_error_set(e, AR_ECOLUMN, 1,
			    "the header has no \"%s\" column for %s \"%s\"",
			    journal_stream_columns[k], journal_stream_columns[k], s);
	}
	if ((err = format_row(a, row, &buf, &len)) != AR_OK)
		return ar_error_set(e, err, 0, "out of memory");
	err = write_whole(a, buf, len, e);
	free(buf);
	if (err != AR_OK)
		return err;
	a->need_header = a->need_line_end = false;
	a->wrote = true;
	a->rows++;
	return AR_OK;
}

unsigned long
journal_appended(const struct journal_appender *a)
{
	return a->rows;
}

/* A new file's name is safe only once its directory is synced too; best effort. */
static void
sync_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

ar_err
journal_append_close(struct journal_appender *a, struct ar_error *e)
{
	ar_err err = AR_OK;

	if (a == NULL)
		return AR_OK;
	/* A pipe or a device cannot be synced (EINVAL): nothing was promised there. */
	if (a->wrote && fsync(a->fd) != 0 && errno != EINVAL && errno != EROFS)
		err = errno_error(e, AR_EIO, "cannot sync", errno);
	if (a->wrote && a->created)
		sync_directory(a->path);
	if (close(a->fd) != 0 && err == AR_OK)
		err = errno_error(e, AR_EIO, "cannot close", errno);
	a->fd = -1;
	release(a);
	return err;
}

void
journal_append_abort(struct journal_appender *a)
{
	if (a == NULL)
		return;
	if (a->wrote && a->regular && ftruncate(a->fd, a->start) == 0)
		(void)fsync(a->fd);
	release(a);
}

ar_err
journal_append_all(const char *path, const struct journal_entry *rows, size_t n,
    struct ar_error *e)
{
	struct journal_appender *a;
	ar_err err;

	for (size_t i = 0; i < n; i++)
		if ((err = journal_entry_check(&rows[i], e)) != AR_OK)
			return err;
	if ((err = journal_append_open(&a, path, e)) != AR_OK)
		return err;
	for (size_t i = 0; i < n; i++) {
		if ((err = journal_append(a, &rows[i], e)) != AR_OK) {
			journal_append_abort(a);
			return err;
		}
	}
	return journal_append_close(a, e);
}
