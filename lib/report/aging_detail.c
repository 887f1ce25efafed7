/* aging_detail.c - every item with its days overdue and bucket (aging_detail.h). */
#include "report/aging_detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
aging_detail_init(struct aging_detail *d, struct csvio_writer *csv, struct aging_xlsx *xlsx,
    const struct aging_buckets *buckets)
{
	memset(d, 0, sizeof *d);
	d->csv = csv;
	d->xlsx = xlsx;
	d->buckets = buckets;
}

void
aging_detail_free(struct aging_detail *d)
{
	for (size_t i = 0; d->header != NULL && i < d->ncolumns; i++)
		free(d->header[i]);
	free(d->header);
	d->header = NULL;
	d->ncolumns = 0;
}

/* The workbook failed: its code, and its words in *e. */
static ar_err
xlsx_failed(const struct aging_detail *d, ar_err err, struct ar_error *e)
{
	*e = *aging_xlsx_error(d->xlsx);
	e->code = err;
	return err;
}

/* The first input's header: kept for the later ones, and written. */
static ar_err
first_header(struct aging_detail *d, const struct csvio_reader *r, struct ar_error *e)
{
	size_t n = csvio_ncolumns(r);
	ar_err err;

	if ((d->header = calloc(n, sizeof *d->header)) == NULL)
		return AR_ENOMEM;
	d->ncolumns = n;
	for (size_t i = 0; i < n; i++) {
		if ((d->header[i] = strdup(csvio_column_name(r, i))) == NULL)
			return AR_ENOMEM;
		csvio_write_str(d->csv, d->header[i]);
	}
	csvio_write_str(d->csv, "days_overdue");
	csvio_write_str(d->csv, "bucket");
	csvio_end_record(d->csv);
	if (d->xlsx != NULL && (err = aging_xlsx_detail_header(d->xlsx,
	    (const char *const *)d->header, n)) != AR_OK)
		return xlsx_failed(d, err, e);
	return AR_OK;
}

ar_err
aging_detail_begin(struct aging_detail *d, const struct csvio_reader *r, struct ar_error *e)
{
	size_t n = csvio_ncolumns(r);

	if (d->header == NULL)
		return first_header(d, r, e);
	for (size_t i = 0; i < n || i < d->ncolumns; i++)
		if (i >= n || i >= d->ncolumns || strcmp(d->header[i], csvio_column_name(r, i)) != 0)
			return ar_error_set(e, AR_ESYNTAX, 1, "columns differ from the first input's: "
			    "--detail needs the same header in every file");
	return AR_OK;
}

ar_err
aging_detail_write(struct aging_detail *d, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it, struct aging_position pos,
    struct ar_error *e)
{
	char label[AGING_LABEL_MAX], days[sizeof "-2147483648"];
	ar_err err;

	if (d->xlsx != NULL &&
	    (err = aging_xlsx_detail_row(d->xlsx, d->buckets, rec, cols, it, pos)) != AR_OK)
		return xlsx_failed(d, err, e);
	for (size_t i = 0; i < rec->nfields; i++)
		csvio_write_field(d->csv, rec->field[i].ptr, rec->field[i].len);
	snprintf(days, sizeof days, "%d", pos.days);
	csvio_write_str(d->csv, days);
	aging_column_label(d->buckets, pos.bucket, label, sizeof label);
	csvio_write_str(d->csv, label);
	csvio_end_record(d->csv);
	return AR_OK;
}
