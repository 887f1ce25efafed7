/* outfile.c - write beside, flush, rename. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
dup_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
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
	if ((o->path = dup_string(path)) == NULL)
		return AR_ENOMEM;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((o->fp = fopen(path, "w")) == NULL) {
			int saved = errno;

			outfile_abort(o);
			errno = saved;
			return AR_ECREATE;
		}
		return AR_OK;
	}
	if ((o->tmp_path = malloc(strlen(path) + sizeof ".tmp.XXXXXX")) == NULL) {
		outfile_abort(o);
		return AR_ENOMEM;
	}
	strcpy(o->tmp_path, path);
	strcat(o->tmp_path, ".tmp.XXXXXX");
	if ((fd = mkstemp(o->tmp_path)) < 0) {
		int saved = errno;

		free(o->tmp_path);
		o->tmp_path = NULL;
		outfile_abort(o);
		errno = saved;
		return AR_ECREATE;
	}
	/* mkstemp makes 0600; an output file is as readable as any other. */
	{
		mode_t mask = umask(0);

		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
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
outfile_commit(struct outfile *o)
{
	int saved;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return AR_EIO;
		return AR_OK;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		goto fail;
	if (o->tmp_path != NULL && fsync(fileno(o->fp)) != 0)
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
