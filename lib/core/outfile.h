/*
 * outfile.h - output that appears whole or not at all.
 *
 * `-o FILE` writes FILE.tmp.XXXXXX beside FILE, flushes and fsyncs it, and
 * renames it over FILE only when everything was written; on failure the
 * temporary is removed and FILE is untouched.  When FILE exists and is not
 * a regular file (/dev/null, /dev/full, a FIFO) it is written in place:
 * there is nothing to rename over.  No path, or "-", is standard output,
 * whose errors (a full disk) are caught at the final flush.
 */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/errors.h"

struct outfile {
	FILE *fp;          /* write here */
	char *path;        /* final name, or NULL for standard output */
	char *tmp_path;    /* temporary beside it, or NULL when written in place */
	bool held;         /* fp is a tmpfile(3) copied out at commit */
};

/* Open; AR_ECREATE with errno set when the temporary cannot be made. */
ar_err outfile_open(struct outfile *o, const char *path);

/*
 * The same for a tool that checks its input as a whole (control totals,
 * balances): nothing reaches standard output, a pipe or a device until
 * outfile_commit, so a rejected input leaves the next tool of a pipeline
 * nothing to work on.  Standard output and non-regular files are written
 * to a temporary file (tmpfile(3), in $TMPDIR or /tmp) and copied at
 * commit; a regular file is written beside and renamed, as always.
 */
ar_err outfile_open_held(struct outfile *o, const char *path);

/* Flush, sync, close and rename; AR_EIO with errno set on any failure (the temporary is removed). */
ar_err outfile_commit(struct outfile *o);

/* Give up: close and remove the temporary. Safe after a failed commit. */
void outfile_abort(struct outfile *o);

/*
 * A temporary file beside path (path.tmp.XXXXXX, as readable as a new
 * file), its name in *tmp_path for the caller to free: the descriptor, or
 * -1 with errno set.
 */
int outfile_temp_beside(const char *path, char **tmp_path);

/*
 * For a run that writes thousands of files (letters): commits stop
 * syncing each file, and the caller syncs them all at once with
 * outfile_sync_all before it relies on them (before it journals them).
 * Process-wide, inherited by forked workers.
 */
void outfile_defer_sync(bool defer);

/* Sync the file system holding dir (syncfs); AR_EIO with errno set. */
ar_err outfile_sync_all(const char *dir);

/* The name for messages: the path or "<stdout>". */
const char *outfile_name(const struct outfile *o);

#endif
