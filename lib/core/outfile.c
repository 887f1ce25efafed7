/* outfile.c - write beside, flush, rename. */
/* syncfs(2) is Linux's, as sendfile(2) already is. */
#define _GNU_SOURCE
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

int
outfile_temp_beside(const char *path, char **tmp_path)
{
	mode_t mask;
	int fd;

	if ((*tmp_path = malloc(strlen(path) + sizeof ".tmp.XXXXXX")) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	strcpy(*tmp_path, path);
	strcat(*tmp_path, ".tmp.XXXXXX");
	if ((fd = mkstemp(*tmp_path)) < 0) {
		int saved = errno;

		free(*tmp_path);
		*tmp_path = NULL;
		errno = saved;
		return -1;
	}
	/* mkstemp makes 0600; an output file is as readable as any other. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	return fd;
}

static ar_err
open_failed(struct outfile *o, ar_err err)
{
	int saved = errno;

	outfile_abort(o);
	errno = saved;
	return err;
}

ar_err
outfile_open(struct outfile *o, const char *path)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return AR_OK;
	}
	if ((o->path = strdup(path)) == NULL)
		return AR_ENOMEM;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((o->fp = fopen(path, "w")) == NULL)
			return open_failed(o, AR_ECREATE);
		return AR_OK;
	}
	if ((fd = outfile_temp_beside(path, &o->tmp_path)) < 0)
		return open_failed(o, errno == ENOMEM ? AR_ENOMEM : AR_ECREATE);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		int saved = errno;

		close(fd);
		outfile_abort(o);
		errno = saved;
		return AR_ECREATE;
	}
	return AR_OK;
}

ar_err
outfile_open_held(struct outfile *o, const char *path)
{
	struct stat st;
	bool in_place = path == NULL || strcmp(path, "-") == 0 ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode));

	if (!in_place)
		return outfile_open(o, path);   /* renamed at commit: held already */
	memset(o, 0, sizeof *o);
	o->held = true;
	if (path != NULL && strcmp(path, "-") != 0 && (o->path = strdup(path)) == NULL)
		return AR_ENOMEM;
	if ((o->fp = tmpfile()) == NULL)
		return open_failed(o, AR_ECREATE);
	return AR_OK;
}

/* from's first size bytes to to: by the kernel (sendfile), else read and write. */
static bool
copy_fd(int from, int to, off_t size)
{
	char buf[65536];
	off_t off = 0;
	ssize_t n;

	while (off < size) {
		n = sendfile(to, from, &off, (size_t)(size - off));
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EINVAL || errno == ENOSYS))
			break;          /* this pair of files cannot: copy by hand */
		return false;
	}
	if (off >= size)
		return true;
	if (lseek(from, off, SEEK_SET) < 0)
		return false;
	while ((n = read(from, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		for (ssize_t done = 0, w; done < n; done += w)
			if ((w = write(to, buf + done, (size_t)(n - done))) < 0) {
				if (errno != EINTR)
					return false;
				w = 0;
			}
	}
	return true;
}

/* Copy the held output to where it was meant to go. */
static bool
release_held(struct outfile *o)
{
	struct stat st;
	int to = STDOUT_FILENO;
	bool ok;

	if (fflush(o->fp) != 0 || ferror(o->fp) || fstat(fileno(o->fp), &st) != 0)
		return false;
	if (o->path != NULL && (to = open(o->path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
		return false;
	if (to == STDOUT_FILENO && fflush(stdout) != 0)
		return false;
	ok = copy_fd(fileno(o->fp), to, st.st_size);
	if (to != STDOUT_FILENO && close(to) != 0)
		ok = false;
	return ok;
}

static bool sync_deferred;

void
outfile_defer_sync(bool defer)
{
	sync_deferred = defer;
}

ar_err
outfile_sync_all(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY), saved;

	if (fd < 0)
		return AR_EIO;
	if (syncfs(fd) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return AR_EIO;
	}
	close(fd);
	return AR_OK;
}

ar_err
outfile_commit(struct outfile *o)
{
	int saved;

	if (o->held) {
		if (!release_held(o))
			goto fail;
		fclose(o->fp);
		o->fp = NULL;
		free(o->path);
		o->path = NULL;
		return AR_OK;
	}
	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return AR_EIO;
		return AR_OK;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		goto fail;
	if (o->tmp_path != NULL && !sync_deferred && fsync(fileno(o->fp)) != 0)
		goto fail;
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		goto fail;
	}
	o->fp = NULL;
	if (o->tmp_path != NULL && rename(o->tmp_path, o->path) != 0)
		goto fail;
	free(o->tmp_path);
	free(o->path);
	o->tmp_path = o->path = NULL;
	return AR_OK;
fail:
	saved = errno;
	outfile_abort(o);
	errno = saved;
	return AR_EIO;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp_path != NULL)
		unlink(o->tmp_path);
	free(o->tmp_path);
	free(o->path);
	o->tmp_path = o->path = NULL;
}

const char *
outfile_name(const struct outfile *o)
{
	return o->path != NULL ? o->path : "<stdout>";
}
