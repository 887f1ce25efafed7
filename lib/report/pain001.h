/*
 * pain001.h - ISO 20022 customer credit transfer initiation,
 * pain.001.001.03, written with libxml2's xmlwriter: the payment file a
 * bank's portal takes for bulk payments (ar-refund pay).
 *
 *   Document/CstmrCdtTrfInitn
 *     GrpHdr      MsgId, CreDtTm, NbOfTxs, CtrlSum, InitgPty/Nm
 *     PmtInf      one per value date and currency, by date then code:
 *                 PmtInfId (MsgId-N), PmtMtd TRF, BtchBookg false,
 *                 NbOfTxs, CtrlSum, ReqdExctnDt, Dbtr/Nm, DbtrAcct (Othr/Id),
 *                 DbtrAgt (BIC), ChrgBr
 *       CdtTrfTxInf  PmtId/EndToEndId (the refund_id), Amt/InstdAmt Ccy,
 *                 CdtrAgt (BIC), Cdtr/Nm, CdtrAcct (Othr/Id, the digits),
 *                 RmtInf/Ustrd
 *
 * CtrlSum is the sum of the amounts as decimals, whatever their currency
 * (the standard's definition); NbOfTxs the count.  Both are checked equal
 * to the sum of the lines, per block and in all, before a byte is written.
 * MsgId is REFUND-<created YYYYMMDD>-<8 hex digits of a hash of the
 * content>: the same lines give the same file, byte for byte.  Names are
 * cut to 140 characters, the schema's Max140Text.
 */
#ifndef PAIN001_H
#define PAIN001_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/errors.h"
#include "ar/refund.h"

/* Who pays: [company] name, bank_account, bank_swift; charges as ChrgBr. */
struct pain001_debtor {
	const char *name, *account, *bic, *charges;
};

/* What was written, for the tie-out with the bank CSV. */
struct pain001_totals {
	size_t transactions;
	size_t blocks;          /* PmtInf */
	int64_t ctrl_sum;       /* in units of 10^-exponent */
	int exponent;           /* the largest of the lines' currencies */
	char msg_id[36];
};

/*
 * Write lines[0..n) (approved refunds, each with its value_date set) to
 * fp, created at day `created` 00:00:00.  The lines are grouped here; the
 * caller's order is kept within a block.  AR_EINVARIANT when a control
 * sum does not tie, AR_ERANGE when it overflows, AR_EUSAGE for n == 0,
 * AR_ENOMEM, AR_EIO (a write failed); *e says why; nothing is written on
 * any of them but AR_EIO.
 */
ar_err pain001_write(FILE *fp, const struct pain001_debtor *d, const struct refund_line *lines,
    size_t n, civil_day created, struct pain001_totals *tot, struct ar_error *e);

#endif
