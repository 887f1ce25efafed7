/*
 * legal_store.c - the legal cases' documents under their SHA-256, and
 * the manifest (legal_store.h).  SHA-256 is GLib's GChecksum, the .eml
 * headers GMime's: neither is written here.
 */
#include "report/legal_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "core/csvio.h"
#include "core/outfile.h"

const char *const legal_store_kinds[] = {
	"letter", "pleading", "award", "approval", "email", "invoice", "other", NULL
};

static const char *const manifest_columns[] = {
	"date", "kind", "name", "sha256", "user", "note", "subject", "sender"
};
#define MANIFEST_NCOLUMNS (sizeof manifest_columns / sizeof manifest_columns[0])

/* GMime 3.2 cannot be initialised again once shut down (email_msg.c says the same). */
static enum { GMIME_NEVER, GMIME_READY, GMIME_SHUT } gmime_state;

void
legal_store_shutdown(void)
{
	if (gmime_state == GMIME_READY)
		g_mime_shutdown();
	gmime_state = GMIME_SHUT;
}

/* a/b/c into buf: false when it does not fit. */
static bool
join(char *buf, size_t cap, const char *a, const char *b, const char *c)
{
	int n = snprintf(buf, cap, "%s/%s%s%s", a, b, c != NULL ? "/" : "", c != NULL ? c : "");

	return n >= 0 && (size_t)n < cap;
}

/* The part of path after its last '/'. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* The extension of name, lower case, with its dot, into ext (cap >= 12); "" when none. */
static void
extension(const char *name, char *ext, size_t cap)
{
	const char *dot = strrchr(name, '.');
	size_t len;

	ext[0] = '\0';
	if (dot == NULL || dot == name || (len = strlen(dot + 1)) == 0 || len > 10 || cap < 12)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)dot[1 + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return;
	}
	ext[0] = '.';
	for (size_t i = 0; i < len; i++) {
		char c = dot[1 + i];

		ext[1 + i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	ext[1 + len] = '\0';
}

void
legal_store_stored_name(const char *name, const char *sha256, char *buf, size_t cap)
{
	char ext[12];

	extension(name, ext, sizeof ext);
	snprintf(buf, cap, "%s%s", sha256, ext);
}

static bool
is_eml(const char *name)
{
	size_t len = strlen(name);

	return len > 4 && strcasecmp(name + len - 4, ".eml") == 0;
}

/* s made one line of valid UTF-8 without control characters, trimmed; g_free it. */
static char *
one_line(const char *s)
{
	char *t = g_utf8_make_valid(s != NULL ? s : "", -1);
	size_t start = 0, end;

	for (char *p = t; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	end = strlen(t);
	while (t[start] == ' ')
		start++;
	while (end > start && t[end - 1] == ' ')
		end--;
	memmove(t, t + start, end - start);
	t[end - start] = '\0';
	return t;
}

/* The Subject and From of the message at path, decoded, into doc (g_free'd later). */
static ar_err
eml_headers(const char *path, char **subject, char **sender, struct ar_error *e)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	InternetAddressList *from;
	char *text;
	int fd;

	if (gmime_state == GMIME_SHUT)
		return ar_error_set(e, AR_EUSAGE, 0, "e-mail read after legal_store_shutdown");
	if (gmime_state == GMIME_NEVER) {
		g_mime_init();
		gmime_state = GMIME_READY;
	}
	if ((fd = open(path, O_RDONLY)) < 0)
		return ar_error_set(e, AR_EOPEN, 0, "cannot open: %s", strerror(errno));
	stream = g_mime_stream_fs_new(fd);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (msg == NULL)
		return ar_error_set(e, AR_ESYNTAX, 0, "not an e-mail message (RFC 5322)");
	from = g_mime_message_get_from(msg);
	if (from == NULL || internet_address_list_length(from) == 0) {
		g_object_unref(msg);
		return ar_error_set(e, AR_ESYNTAX, 0, "not an e-mail message (RFC 5322): "
		    "no From header");
	}
	text = internet_address_list_to_string(from, NULL, FALSE);
	*sender = one_line(text);
	g_free(text);
	*subject = one_line(g_mime_message_get_subject(msg));
	g_object_unref(msg);
	return AR_OK;
}

/* mkdir -p path; AR_ECREATE with errno kept. */
static ar_err
make_dirs(const char *path, struct ar_error *e)
{
	char *p = strdup(path);
	struct stat st;

	if (p == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				int err = errno;

				ar_error_set(e, AR_ECREATE, 0, "cannot create folder %s: %s", p,
				    strerror(err));
				free(p);
				errno = err;
				return AR_ECREATE;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ar_error_set(e, AR_ECREATE, 0, "cannot create folder %s: not a folder", p);
		free(p);
		return AR_ECREATE;
	}
	free(p);
	return AR_OK;
}

/* Copy path to a new temporary in dir, hashing it on the way: its name in *tmp. */
static ar_err
copy_hashed(const char *path, const char *dir, char **tmp, char hex[LEGAL_SHA256_HEX + 1],
    struct ar_error *e)
{
	char beside[4096];
	unsigned char buf[65536];
	GChecksum *sum;
	int in, out;
	ssize_t n;
	int err;

	*tmp = NULL;
	if ((in = open(path, O_RDONLY)) < 0)
		return ar_error_set(e, AR_EOPEN, 0, "cannot open: %s", strerror(errno));
	if (!join(beside, sizeof beside, dir, "incoming", NULL)) {
		close(in);
		return ar_error_set(e, AR_ECREATE, 0, "the folder %s has too long a name", dir);
	}
	if ((out = outfile_temp_beside(beside, tmp)) < 0) {
		err = errno;
		close(in);
		return ar_error_set(e, AR_ECREATE, 0, "cannot create a file in %s: %s", dir,
		    strerror(err));
	}
	sum = g_checksum_new(G_CHECKSUM_SHA256);
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			ar_error_set(e, AR_EIO, 0, "cannot read: %s", strerror(err));
			goto fail;
		}
		g_checksum_update(sum, buf, (gssize)n);
		for (ssize_t done = 0; done < n; ) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				err = errno;
				ar_error_set(e, AR_EIO, 0, "cannot write %s: %s", *tmp,
				    strerror(err));
				goto fail;
			}
			done += w;
		}
	}
	if (fsync(out) != 0) {
		err = errno;
		ar_error_set(e, AR_EIO, 0, "cannot sync %s: %s", *tmp, strerror(err));
		goto fail;
	}
	if (close(out) != 0) {
		out = -1;
		err = errno;
		ar_error_set(e, AR_EIO, 0, "cannot write %s: %s", *tmp, strerror(err));
		goto fail;
	}
	close(in);
	memcpy(hex, g_checksum_get_string(sum), LEGAL_SHA256_HEX);
	hex[LEGAL_SHA256_HEX] = '\0';
	g_checksum_free(sum);
	return AR_OK;
fail:
	g_checksum_free(sum);
	close(in);
	if (out >= 0)
		close(out);
	unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	errno = err;
	return e->code;
}

/* The manifest */

struct legal_manifest {
	struct legal_document *rows;
	size_t n, cap;
	char **texts;            /* every string the rows point to, owned */
	size_t ntexts, texts_cap;
};

void
legal_store_manifest_free(struct legal_manifest *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->ntexts; i++)
		free(m->texts[i]);
	free(m->texts);
	free(m->rows);
	free(m);
}

size_t
legal_store_manifest_count(const struct legal_manifest *m)
{
	return m->n;
}

const struct legal_document *
legal_store_manifest_row(const struct legal_manifest *m, size_t i)
{
	return i < m->n ? &m->rows[i] : NULL;
}

/* A copy of the field, owned by m; NULL: no memory. */
static const char *
manifest_text(struct legal_manifest *m, const struct csvio_record *rec, int col)
{
	size_t len = col >= 0 ? rec->field[col].len : 0;
	char *t;

	if (m->ntexts == m->texts_cap) {
		size_t cap = m->texts_cap ? m->texts_cap * 2 : 64;
		char **p = realloc(m->texts, cap * sizeof *p);

		if (p == NULL)
			return NULL;
		m->texts = p;
		m->texts_cap = cap;
	}
	if ((t = malloc(len + 1)) == NULL)
		return NULL;
	if (len > 0)
		memcpy(t, rec->field[col].ptr, len);
	t[len] = '\0';
	m->texts[m->ntexts++] = t;
	return t;
}

static bool
manifest_path(const char *store, const char *case_id, char *buf, size_t cap)
{
	return join(buf, cap, store, case_id, "manifest.csv");
}

static ar_err
read_manifest(const char *path, struct legal_manifest *m, struct ar_error *e)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct date_opts dates = DATE_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct csvio_record rec;
	int col[MANIFEST_NCOLUMNS];
	ar_err err;

	struct stat st;

	/* Nothing filed yet: no file, or one made empty by a run that then failed. */
	if (stat(path, &st) != 0 ? errno == ENOENT : st.st_size == 0)
		return AR_OK;
	if ((err = csvio_reader_open(&r, path, &opts)) != AR_OK) {
		if (r != NULL) {
			*e = *csvio_error(r);
			csvio_reader_close(r);
			return err;
		}
		return ar_error_set(e, err, 0, "cannot open: %s", strerror(errno));
	}
	for (size_t i = 0; i < MANIFEST_NCOLUMNS; i++)
		if ((col[i] = csvio_column(r, manifest_columns[i])) < 0 && i < 4) {
			csvio_reader_close(r);
			return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"",
			    manifest_columns[i]);
		}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct legal_document *d;
		const char *t;

		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 16;

			if ((d = realloc(m->rows, cap * sizeof *d)) == NULL)
				goto no_memory;
			m->rows = d;
			m->cap = cap;
		}
		d = &m->rows[m->n];
		memset(d, 0, sizeof *d);
		if (date_parse(rec.field[col[0]].ptr, rec.field[col[0]].len, &dates,
		    &d->date) != AR_OK) {
			ar_error_set(e, AR_ESYNTAX, rec.line, "date \"%s\" is not a date",
			    rec.field[col[0]].ptr);
			csvio_reader_close(r);
			return AR_ESYNTAX;
		}
		if ((d->kind = manifest_text(m, &rec, col[1])) == NULL ||
		    (d->name = manifest_text(m, &rec, col[2])) == NULL ||
		    (t = manifest_text(m, &rec, col[3])) == NULL ||
		    (d->user = manifest_text(m, &rec, col[4])) == NULL ||
		    (d->note = manifest_text(m, &rec, col[5])) == NULL ||
		    (d->subject = manifest_text(m, &rec, col[6])) == NULL ||
		    (d->sender = manifest_text(m, &rec, col[7])) == NULL)
			goto no_memory;
		snprintf(d->sha256, sizeof d->sha256, "%s", t);
		m->n++;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		csvio_reader_close(r);
		return err;
	}
	csvio_reader_close(r);
	return AR_OK;
no_memory:
	csvio_reader_close(r);
	return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
}

ar_err
legal_store_manifest_read(const char *store, const char *case_id, struct legal_manifest **out,
    struct ar_error *e)
{
	char path[4096];
	struct legal_manifest *m = calloc(1, sizeof *m);
	ar_err err;

	*out = NULL;
	if (m == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	if (!manifest_path(store, case_id, path, sizeof path)) {
		legal_store_manifest_free(m);
		return ar_error_set(e, AR_EOPEN, 0, "the store's path %s is too long", store);
	}
	if ((err = read_manifest(path, m, e)) != AR_OK) {
		if (snprintf(e->file, sizeof e->file, "%s", path) >= (int)sizeof e->file)
			e->file[0] = '\0';
		legal_store_manifest_free(m);
		return err;
	}
	*out = m;
	return AR_OK;
}

/* The manifest row of doc, and the header first when the file is new, into one buffer. */
static char *
manifest_row(const struct legal_document *doc, bool header, size_t *len)
{
	struct csvio_writer w;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (fp == NULL)
		return NULL;
	csvio_writer_init(&w, fp, ',', false);
	if (header)
		csvio_write_names(&w, manifest_columns, MANIFEST_NCOLUMNS);
	csvio_write_day(&w, doc->date);
	csvio_write_str(&w, doc->kind);
	csvio_write_str(&w, doc->name);
	csvio_write_str(&w, doc->sha256);
	csvio_write_str(&w, doc->user != NULL ? doc->user : "");
	csvio_write_str(&w, doc->note != NULL ? doc->note : "");
	csvio_write_str(&w, doc->subject != NULL ? doc->subject : "");
	csvio_write_str(&w, doc->sender != NULL ? doc->sender : "");
	csvio_end_record(&w);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Append the row to the locked manifest fd: one write, synced. */
static ar_err
append_row(int fd, const char *path, const struct legal_document *doc, struct ar_error *e)
{
	struct stat st;
	size_t len;
	char *row;
	ssize_t w;

	if (fstat(fd, &st) != 0)
		return ar_error_set(e, AR_EIO, 0, "cannot stat %s: %s", path, strerror(errno));
	if ((row = manifest_row(doc, st.st_size == 0, &len)) == NULL)
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	do
		w = write(fd, row, len);
	while (w < 0 && errno == EINTR);
	free(row);
	if (w < 0 || (size_t)w != len) {
		int err = w < 0 ? errno : ENOSPC;

		if (w > 0 && ftruncate(fd, st.st_size) != 0)
			err = errno;
		return ar_error_set(e, AR_EIO, 0, "cannot write %s: %s", path, strerror(err));
	}
	if (fsync(fd) != 0)
		return ar_error_set(e, AR_EIO, 0, "cannot sync %s: %s", path, strerror(errno));
	return AR_OK;
}

/* Sync the folder, so that a rename in it is on disk before the manifest says so. */
static ar_err
sync_dir(const char *dir, struct ar_error *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd < 0 || fsync(fd) != 0) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		return ar_error_set(e, AR_EIO, 0, "cannot sync folder %s: %s", dir, strerror(err));
	}
	close(fd);
	return AR_OK;
}

void
legal_store_free_document(struct legal_document *doc)
{
	g_free((char *)doc->subject);
	g_free((char *)doc->sender);
	doc->subject = doc->sender = NULL;
}

ar_err
legal_store_file(const char *store, const char *case_id, const char *path,
    struct legal_document *doc, bool *already, civil_day *earlier, struct ar_error *e)
{
	char dir[4096], man[4096], dest[4096], stored[LEGAL_SHA256_HEX + 16];
	struct legal_manifest *m = NULL;
	char *subject = NULL, *sender = NULL, *tmp = NULL;
	ar_err err;
	int fd = -1;

	*already = false;
	doc->name = base_name(path);
	doc->subject = doc->sender = NULL;
	legal_store_stored_name(doc->name, "", stored, sizeof stored);
	if (!join(dir, sizeof dir, store, case_id, NULL) || !manifest_path(store, case_id, man,
	    sizeof man) || strlen(man) + LEGAL_SHA256_HEX + strlen(stored) >= sizeof dest)
		return ar_error_set(e, AR_ECREATE, 0, "the store's path %s is too long", store);
	if (is_eml(doc->name) && (err = eml_headers(path, &subject, &sender, e)) != AR_OK)
		return err;
	doc->subject = subject != NULL ? subject : g_strdup("");
	doc->sender = sender != NULL ? sender : g_strdup("");
	if ((err = make_dirs(dir, e)) != AR_OK)
		return err;
	if ((err = copy_hashed(path, dir, &tmp, doc->sha256, e)) != AR_OK)
		return err;
	/* From the check for the hash to the row appended, one run at a time. */
	if ((fd = open(man, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666)) < 0) {
		err = ar_error_set(e, AR_ECREATE, 0, "cannot create %s: %s", man, strerror(errno));
		goto done;
	}
	if (flock(fd, LOCK_EX) != 0) {
		err = ar_error_set(e, AR_EIO, 0, "cannot lock %s: %s", man, strerror(errno));
		goto done;
	}
	if ((err = legal_store_manifest_read(store, case_id, &m, e)) != AR_OK)
		goto done;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->rows[i].sha256, doc->sha256) == 0) {
			*already = true;
			if (earlier != NULL)
				*earlier = m->rows[i].date;
			goto done;
		}
	legal_store_stored_name(doc->name, doc->sha256, stored, sizeof stored);
	if (!join(dest, sizeof dest, dir, stored, NULL)) {
		err = ar_error_set(e, AR_ECREATE, 0, "the store's path %s is too long", store);
		goto done;
	}
	if (rename(tmp, dest) != 0) {
		err = ar_error_set(e, AR_ECREATE, 0, "cannot create %s: %s", dest, strerror(errno));
		goto done;
	}
	free(tmp);
	tmp = NULL;
	if ((err = sync_dir(dir, e)) == AR_OK)
		err = append_row(fd, man, doc, e);
done:
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	legal_store_manifest_free(m);
	if (fd >= 0)
		close(fd);   /* and the lock with it */
	return err;
}
