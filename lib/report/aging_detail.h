/*
 * aging_detail.h - ar-age --detail: every item as it is aged, one row
 * each: the input's own columns, then days_overdue and bucket, as CSV and,
 * when there is a workbook, on its Detail sheet as well.
 *
 *   customer,doc_no,...,amount,days_overdue,bucket
 *   100104,IV-2291,...,4315.20,47,31-60
 *
 * The rows follow the first input's header; every later input must have
 * the same columns in the same order.
 */
#ifndef AGING_DETAIL_H
#define AGING_DETAIL_H

#include <stddef.h>

#include "core/csvio.h"
#include "core/errors.h"
#include "ar/aging.h"
#include "ar/items.h"
#include "report/aging_xlsx.h"

struct aging_detail {
	struct csvio_writer *csv;   /* not owned */
	struct aging_xlsx *xlsx;    /* not owned; NULL: no Detail sheet */
	char **header;              /* the first input's column names, owned */
	size_t ncolumns;
	const struct aging_buckets *buckets;  /* for the bucket labels */
};

/* The caller frees d with aging_detail_free. */
void aging_detail_init(struct aging_detail *d, struct csvio_writer *csv,
    struct aging_xlsx *xlsx, const struct aging_buckets *buckets);
void aging_detail_free(struct aging_detail *d);

/*
 * An input starts: the first writes the header (CSV and Detail sheet);
 * a later one must have the same columns, else AR_ESYNTAX with *e saying
 * so at line 1.  A failure of the workbook: its code, *e its words
 * (aging_xlsx_error).  AR_ENOMEM.
 */
ar_err aging_detail_begin(struct aging_detail *d, const struct csvio_reader *r,
    struct ar_error *e);

/*
 * One item, placed at pos: its record's fields, days overdue and bucket
 * label; on the Detail sheet typed by cols (aging_xlsx_detail_row).  Fails
 * only when the workbook does: its code, *e its words.
 */
ar_err aging_detail_write(struct aging_detail *d, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it, struct aging_position pos,
    struct ar_error *e);

#endif
