/* history.c - dated files kept in one folder (history.h). */
#include "core/history.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* "YYYY-MM-DD.csv" after the prefix and its dash: 14 bytes. */
#define DATED_TAIL 14

static bool
dated_name(const char *name, const char *prefix, civil_day *day)
{
	size_t plen = strlen(prefix);
	const char *d = name + plen + 1;
	int ymd[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };

	if (strncmp(name, prefix, plen) != 0 || name[plen] != '-' ||
	    strlen(d) != DATED_TAIL || strcmp(d + 10, ".csv") != 0)
		return false;
	for (int part = 0, at = 0; part < 3; part++, at++) {
		for (int i = 0; i < width[part]; i++, at++) {
			if (d[at] < '0' || d[at] > '9')
				return false;
			ymd[part] = ymd[part] * 10 + (d[at] - '0');
		}
		if (part < 2 && d[at] != '-')
			return false;
	}
	return date_from_ymd(ymd[0], ymd[1], ymd[2], day) == AR_OK;
}

static int
by_date(const void *a, const void *b)
{
	civil_day x = ((const struct history_file *)a)->date;
	civil_day y = ((const struct history_file *)b)->date;

	return (x > y) - (x < y);
}

ar_err
history_scan(const char *dir, const char *prefix, struct history *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	out->files = NULL;
	out->n = 0;
	if (d == NULL)
		return AR_EOPEN;
	while ((e = readdir(d)) != NULL) {
		civil_day day;
		char *path;

		if (!dated_name(e->d_name, prefix, &day))
			continue;
		if (out->n == cap) {
			size_t n = cap ? 2 * cap : 16;
			struct history_file *f = realloc(out->files, n * sizeof *f);

			if (f == NULL)
				goto nomem;
			out->files = f;
			cap = n;
		}
		if ((path = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL)
			goto nomem;
		strcpy(path, dir);
		strcat(path, "/");
		strcat(path, e->d_name);
		out->files[out->n++] = (struct history_file){ day, path };
	}
	closedir(d);
	/* Names are unique, so are their dates: no two files of one day. */
	if (out->n > 1)
		qsort(out->files, out->n, sizeof *out->files, by_date);
	return AR_OK;
nomem:
	closedir(d);
	return AR_ENOMEM;
}

void
history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->files[i].path);
	free(h->files);
	h->files = NULL;
	h->n = 0;
}

const struct history_file *
history_on_or_before(const struct history *h, civil_day day)
{
	for (size_t i = h->n; i-- > 0;)
		if (h->files[i].date <= day)
			return &h->files[i];
	return NULL;
}

const struct history_file *
history_on_or_after(const struct history *h, civil_day day)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->files[i].date >= day)
			return &h->files[i];
	return NULL;
}
