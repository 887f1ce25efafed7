/*
 * import.h - reading an ERP extract into items, by a profile
 * (import_profile.h), for ar-import.
 *
 * Every line is accounted for: an item, a header line (the first and
 * each repeated one), a subtotal or total line, or a page line (titles,
 * page headers, rulers, blank lines, the customer block lines of a list
 * export).  Total lines of the highest level (** before *) are the
 * extract's control totals: at the end each must equal the sum of the
 * items read in its currency, else the read fails.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/currency.h"
#include "core/date.h"
#include "source/import_profile.h"
#include "core/textin.h"

/* One item; the texts are NUL-terminated, trimmed, valid during the call. */
struct import_item {
	const char *customer, *doc_no, *doc_type, *company, *ref, *name;
	const char *dispute, *block;
	civil_day doc_date, due_date;	/* DATE_NONE when empty */
	currency_id currency;
	int64_t amount;			/* + the customer owes */
	long line;
};

typedef ar_err (*import_item_fn)(void *ctx, const struct import_item *it);

#define IMPORT_CURRENCIES_MAX 32

struct import_currency_total {
	currency_id currency;
	int64_t items;		/* sum of the items read */
	long count;
	bool has_control;
	int64_t control;	/* the extract's total line(s) */
	long control_line;
};

struct import_summary {
	const char *profile;	/* the profile's name */
	long lines;		/* lines read (list) or up to the last record (csv) */
	long items, headers, page_lines, subtotals, totals;
	size_t ncurrencies;
	struct import_currency_total cur[IMPORT_CURRENCIES_MAX];
};

/*
 * Read t to its end with profile p, calling fn for each item in file
 * order.  default_currency is for items of a file without a currency
 * column when the profile names none.  AR_OK, fn's first error, or an
 * error with *err filled in: AR_ECOLUMN (no header with the captions),
 * AR_ESYNTAX (a bad line or a control total that does not add up), the
 * textin and csvio errors.
 */
ar_err import_read(struct textin *t, const struct import_profile *p,
    currency_id default_currency, import_item_fn fn, void *ctx,
    struct import_summary *sum, struct ar_error *err);

/*
 * The profile whose header is among the first lines of t (which is then
 * at an unknown place: reopen it), or NULL: the profiles cfg defines
 * first, in file order, then the built-in ones as cfg may change them.
 * The name returned lives until the next call.  cfg may be NULL.
 */
const char *import_detect(struct textin *t, const struct ar_config *cfg);

#endif
