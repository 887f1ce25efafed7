/*
 * import_profile.h - how one ERP extract is laid out, for ar-import.
 *
 * A profile says where the header is, which caption each items column has
 * (several per column: English and German SAP captions), how numbers and
 * dates are written, the sign convention, how document types map to the
 * stream's, and which lines are subtotals and totals.  Four are built in
 * (sap-fbl5n, sap-fbl5n-spreadsheet, erpnext, generic); [import.NAME] in
 * ar.ini defines more, or changes a built-in one key by key.
 */
#ifndef IMPORT_PROFILE_H
#define IMPORT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/errors.h"
#include "source/captions.h"
#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/money.h"

/* The items columns a profile maps, in the order of the items stream. */
enum import_column {
	IC_CUSTOMER, IC_DOC_NO, IC_DOC_TYPE, IC_DOC_DATE, IC_DUE_DATE,
	IC_CURRENCY, IC_AMOUNT, IC_COMPANY, IC_REF, IC_NAME, IC_DISPUTE,
	IC_BLOCK,
	IC_DEBIT_CREDIT,	/* not written: it signs the amount */
	IC_COUNT
};

enum import_layout {
	IMPORT_CSV,	/* delimited, a header line (maybe after a preamble) */
	IMPORT_LIST	/* SAP list export: |-framed padded cells, page headers, rulers */
};

#define IMPORT_DOCMAP_MAX 64

struct import_docmap {
	char erp[32];		/* as the ERP writes it: "RV", "Sales Invoice" */
	char type[4];		/* INV, CN, DN, PAY, ADJ, INT, FEE */
};

struct import_profile {
	char name[CONFIG_PROFILE_NAME_MAX + 1];
	enum import_layout layout;
	char delimiter;
	char encoding[32];	/* "" is UTF-8 */
	long skip_lines;
	bool header;		/* false: captions are column numbers */
	enum money_decimal decimal;
	enum date_order date_order;
	char date_format[64];	/* strptime; "" reads with date_parse */
	bool negate;
	struct caption_list credit_values;
	char total_marker[16];	/* "" when the extract has no total lines */
	struct import_docmap docmap[IMPORT_DOCMAP_MAX];
	size_t ndocmap;
	char company_code[32];
	bool has_default_currency;
	currency_id default_currency;
	struct caption_list col[IC_COUNT];
};

/* The items column's name in the stream and in ar.ini: "due_date". */
const char *import_column_name(enum import_column c);

/* Whether name is a built-in profile. */
bool import_profile_builtin(const char *name);

/* The built-in profiles' names, in the order detection tries them; NULL-terminated. */
extern const char *const import_builtin_names[];

/*
 * The profile `name` (any case): a built-in one, changed by the keys of
 * [import.NAME] when ar.ini has that section, or one ar.ini defines.
 * cfg may be NULL (built-ins only).  AR_ECONFIG with msg saying why (no
 * such profile, a caption list too long, a currency not known).
 */
ar_err import_profile_load(const struct ar_config *cfg, const char *name,
    struct import_profile *p, char *msg, size_t msgsize);

/*
 * The stream type of an ERP document type: its mapping, else the text
 * itself when it is a stream type already (INV ... FEE, any case), else
 * NULL.  "" gives "".
 */
const char *import_doc_type(const struct import_profile *p, const char *erp,
    size_t len);

/* Whether a debit_credit value marks a credit. */
bool import_is_credit(const struct import_profile *p, const char *v, size_t len);

#endif
