/*
 * history.h - the files a nightly run keeps by date in one folder, named
 * PREFIX-YYYY-MM-DD.csv (items-2026-11-30.csv, kpi-2026-10-31.csv,
 * forecast-2026-11-27.csv): the date is the as-of of the run that wrote
 * the file.  Other names in the folder are passed over.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stddef.h>

#include "core/date.h"
#include "core/errors.h"

struct history_file {
	civil_day date;
	char *path;             /* DIR/PREFIX-YYYY-MM-DD.csv */
};

struct history {
	struct history_file *files;     /* by date, oldest first; one per date */
	size_t n;
};

/*
 * The files of dir named prefix-YYYY-MM-DD.csv with a valid date.
 * AR_EOPEN (errno says why) when dir cannot be read, AR_ENOMEM.  The
 * caller frees *out with history_free, also after an error.
 */
ar_err history_scan(const char *dir, const char *prefix, struct history *out);
void history_free(struct history *h);

/* The latest file dated on or before day; NULL when none. */
const struct history_file *history_on_or_before(const struct history *h, civil_day day);

/* The earliest file dated on or after day; NULL when none. */
const struct history_file *history_on_or_after(const struct history *h, civil_day day);

#endif
