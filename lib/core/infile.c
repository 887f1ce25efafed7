/*
 * infile.c - an input that can be read twice (infile.h).
 */
#include "core/infile.h"

#include <errno.h>

FILE *
infile_rewindable(FILE *fp, ar_err *err)
{
	char buf[65536];
	FILE *tmp;
	size_t n;
	int e;

	if (fseek(fp, 0, SEEK_SET) == 0)
		return fp;
	if ((tmp = tmpfile()) == NULL) {
		*err = AR_ECREATE;
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (fwrite(buf, 1, n, tmp) != n)
			goto fail;
	if (ferror(fp) || fflush(tmp) != 0)
		goto fail;
	rewind(tmp);
	return tmp;
fail:
	e = errno;
	fclose(tmp);
	errno = e;
	*err = AR_EIO;
	return NULL;
}
