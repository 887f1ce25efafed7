/*
 * refund_report.h - ar-refund's proposal (issue 19): one row per customer
 * and currency in credit, proposed or excluded with its reason, as CSV
 * (through a row sink) and as a workbook, so that the two cannot drift.
 *
 *   refund_id,customer,name,currency,amount,items,bank_holder,bank_account,
 *   bank_code,value_date,status,reason
 *
 * value_date is left empty for the approver; status is proposed or
 * excluded, reason refund_reason_word's (refund.h).
 */
#ifndef REFUND_REPORT_H
#define REFUND_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/errors.h"
#include "ar/refund.h"
#include "report/row_sink.h"

struct refund_row {
	char refund_id[128];
	const char *customer, *name, *items;
	const char *bank_holder, *bank_account, *bank_code;   /* "" when none */
	currency_id currency;
	int64_t amount;               /* the credit, positive */
	enum refund_reason reason;    /* REFUND_PROPOSED: status proposed */
};

/* The header row and every row. */
void refund_report_write(struct row_sink *s, const struct refund_row *rows, size_t n);

/* The same as a workbook of one sheet, Proposal; *e says why it failed. */
ar_err refund_report_xlsx(const char *path, const struct refund_row *rows, size_t n,
    struct ar_error *e);

#endif
