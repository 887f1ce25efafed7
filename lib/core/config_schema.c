/*
 * config_schema.c - the sections and keys ar.ini may hold, the types of
 * their values, and the check of a loaded file against both.
 *
 * A good value is rewritten to one canonical spelling ("Yes" and "on"
 * become "yes", "  Comma " becomes "comma"), so that the getters in
 * config.c read it back without checking again, and config_get_string
 * answers the same text whatever the file wrote.
 */
#include "core/config_int.h"

#include <ctype.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/daylist.h"
#include "core/money.h"
#include "core/tiers.h"

static const char *const decimal_choices[] = { "point", "comma", NULL };
static const char *const date_order_choices[] = { "day-first", "month-first", NULL };
static const char *const basis_choices[] = { "due", "doc", NULL };
static const char *const credits_choices[] = { "own-date", "current", NULL };
static const char *const layout_choices[] = { "csv", "list", NULL };
static const char *const sign_choices[] = { "as-is", "negate", NULL };
static const char *const duplicates_choices[] = { "warn", "error", "allow", NULL };
static const char *const partial_choices[] = { "none", "oldest", NULL };
static const char *const lang_choices[] = { "en", "zh-Hant", "zh-Hans", "ms", NULL };
static const char *const tier_basis_choices[] = { "days_assigned", "debt_age", NULL };
static const char *const payout_amount_choices[] = { "decimal", "cents", NULL };
static const char *const charges_choices[] = { "debt", "shar", "cred", NULL };

/* Keep man/ar.ini.5 and ar.ini.example in step with this table. */
static const struct cfg_key schema[] = {
	{ "input", "delimiter", T_CHAR, ",", NULL, 0, 0,
	    "field separator of CSV input" },
	{ "input", "decimal", T_ENUM, "point", decimal_choices, 0, 0,
	    "decimal separator of amounts" },
	{ "input", "date_order", T_ENUM, "day-first", date_order_choices, 0, 0,
	    "how 01/02/2026 reads" },
	{ "input", "roc_dates", T_BOOL, "yes", NULL, 0, 0,
	    "accept Taiwan ROC dates such as 115/11/24" },
	{ "input", "excel_serial_dates", T_BOOL, "yes", NULL, 0, 0,
	    "accept Excel serial day numbers as dates" },
	{ "aging", "buckets", T_BUCKETS, "30,60,90,120", NULL, 0, 0,
	    "upper limits in days of the aging buckets" },
	{ "aging", "basis", T_ENUM, "due", basis_choices, 0, 0,
	    "age from the due date or from the document date" },
	{ "aging", "credits", T_ENUM, "own-date", credits_choices, 0, 0,
	    "age credits by their own date or put them in current" },
	{ "aging", "default_terms_days", T_INT, "30", NULL, 0, 3650,
	    "terms of an item without due date whose customer has none" },
	{ "aging", "duplicates", T_ENUM, "warn", duplicates_choices, 0, 0,
	    "the same item twice (a file given twice): warn and age both, error, or allow" },
	{ "company", "name", T_STRING, "", NULL, 0, 0,
	    "company name on reports and letters" },
	{ "company", "country", T_STRING, "", NULL, 0, 0,
	    "the company's country (MY, TW, ...): the default of customers that name none" },
	{ "company", "reg_no", T_STRING, "", NULL, 0, 0, "registration number on letters" },
	{ "company", "address", T_STRING, "", NULL, 0, 0,
	    "postal address on letters, in quotes, its lines separated by ';'" },
	{ "company", "phone", T_STRING, "", NULL, 0, 0, "telephone on letters and in SMS" },
	{ "company", "email", T_STRING, "", NULL, 0, 0, "the From address of e-mails, on letters" },
	{ "company", "reply_to", T_STRING, "", NULL, 0, 0, "the Reply-To address of e-mails" },
	{ "company", "bank_name", T_STRING, "", NULL, 0, 0,
	    "the company's bank, in remittance instructions" },
	{ "company", "bank_account", T_STRING, "", NULL, 0, 0,
	    "the account customers pay into and refunds are paid from" },
	{ "company", "bank_swift", T_STRING, "", NULL, 0, 0, "its bank's SWIFT BIC" },
	{ "company", "jompay_biller", T_STRING, "", NULL, 0, 0,
	    "JomPAY biller code on statements (empty: none)" },
	{ "company", "logo", T_STRING, "", NULL, 0, 0, "a PNG printed on the letterhead" },
	{ "company", "timezone", T_STRING, "Asia/Kuala_Lumpur", NULL, 0, 0,
	    "the IANA time zone SMS times and e-mail dates are in" },
	{ "company", "roc_dates", T_BOOL, "no", NULL, 0, 0,
	    "date zh-Hant letters in the ROC calendar (中華民國115年11月24日)" },
	{ "dunning", "grace_days", T_INT, "0", NULL, 0, 365,
	    "days past due before an item counts for a level or earns interest" },
	{ "dunning", "min_days_between", T_INT, "14", NULL, 0, 365,
	    "days between two dunning steps to one customer" },
	{ "dunning", "interest_rate", T_STRING, NULL, NULL, 0, 0,
	    "late-payment interest, a yearly per cent (18 for 18 %); unset: none, but 5 % in Taiwan" },
	{ "dunning", "interest_basis", T_INT, "365", NULL, 360, 366,
	    "days of a year for daily interest" },
	{ "dunning", "fee", T_AMOUNT, "0", NULL, 0, 0,
	    "fee charged with each step, in the row's currency, unless the level names its own" },
	{ "dunning.*", "days", T_INT, NULL, NULL, 0, 3650,
	    "days overdue (after grace_days) from which an item is at this level" },
	{ "dunning.*", "min_amount", T_AMOUNT, NULL, NULL, 0, 0,
	    "overdue amount below which the level is not sent, in the row's currency" },
	{ "dunning.*", "channels", T_STRING, NULL, NULL, 0, 0,
	    "how the level is sent: letter, email, sms, or a list such as email,sms" },
	{ "dunning.*", "template", T_STRING, NULL, NULL, 0, 0,
	    "the name of the level's text (the letters issue)" },
	{ "dunning.*", "fee", T_AMOUNT, NULL, NULL, 0, 0,
	    "fee charged with this level, over [dunning] fee" },
	{ "dunning.*", "attach", T_BOOL, "no", NULL, 0, 0,
	    "the e-mail of this level carries the letter as a PDF" },
	{ "dunning.*", "pay_days", T_INT, "14", NULL, 0, 365,
	    "days given to pay, from the letter's date (pay_by)" },
	{ "dunning.*", "statutory_template", T_STRING, NULL, NULL, 0, 0,
	    "the Companies Act 2016 s466(1)(a) notice sent instead to Malaysian companies" },
	{ "dunning.*", "statutory_min", T_AMOUNT, "50000.00", NULL, 0, 0,
	    "MYR owed above which the statutory notice is sent" },
	{ "pod", "interest_rate", T_STRING, NULL, NULL, 0, 0,
	    "yearly per cent a proof of debt claims on overdue items to the cut-off (default 0)" },
	{ "pod", "cap_bankruptcy", T_STRING, NULL, NULL, 0, 0,
	    "the highest yearly per cent claimed from a bankrupt (default 6)" },
	{ "pod", "cap_company", T_STRING, NULL, NULL, 0, 0,
	    "the highest yearly per cent claimed from a company (default none)" },
	{ "pod", "liquidator", T_STRING, "", NULL, 0, 0,
	    "the liquidator, administrator or trustee a proof of debt is addressed to, when\n"
	    "the customers stream's liquidator column is empty" },
	{ "pod", "liquidator_address", T_STRING, "", NULL, 0, 0,
	    "that office's address, lines separated by ';'" },
	{ "pod", "deponent", T_STRING, "", NULL, 0, 0,
	    "the name of the officer who makes the declaration of a proof of debt" },
	{ "pod", "deponent_title", T_STRING, "", NULL, 0, 0,
	    "that officer's designation (Credit Manager)" },
	{ "pod", "place", T_STRING, "", NULL, 0, 0,
	    "the place the declaration is made at (default: the last line of [company] address)" },
	{ "pod", "templates", T_STRING, "", NULL, 0, 0,
	    "the folder of the proof-of-debt templates (default: [dunning] templates)" },
	{ "ctos", "currency", T_CURRENCY, "MYR", NULL, 0, 0,
	    "the currency of the credit-bureau listing: items in others are not listed" },
	{ "ctos", "min_amount", T_AMOUNT, "150.00", NULL, 0, 0,
	    "the least outstanding past due a debtor is listed for, in that currency" },
	{ "ctos", "min_days", T_INT, "60", NULL, 0, 36500,
	    "the days the oldest item listed must be past due" },
	{ "ctos", "notice_level", T_INT, "0", NULL, 0, 99,
	    "the dunning level whose letter is the notice of intended listing (0: none;\n"
	    "a ctos_notice row of the journal always is one)" },
	{ "ctos", "notice_days", T_INT, "14", NULL, 0, 3650,
	    "the days a notice must be sent before the debtor is listed" },
	{ "ctos", "list_written_off", T_BOOL, "yes", NULL, 0, 0,
	    "whether customers of status written_off are listed" },
	{ "ctos", "judgment", T_BOOL, "no", NULL, 0, 0,
	    "a debtor whose legal case reached judgment (ar-legal) is listed without notice or wait" },
	{ "dunning", "templates", T_STRING, "", NULL, 0, 0,
	    "the folder of the letter, e-mail and SMS templates" },
	{ "dunning", "sms_hours", T_STRING, "09:00-20:00", NULL, 0, 0,
	    "the hours SMS may be sent in, local time of [company] timezone" },
	{ "company", "default_currency", T_CURRENCY, "MYR", NULL, 0, 0,
	    "currency of amounts that name none" },
	{ "journal", "path", T_STRING, "", NULL, 0, 0,
	    "the collections journal ar-note appends to when --journal is not given" },
	{ "legal", "store", T_STRING, "legal-store", NULL, 0, 0,
	    "the folder ar-legal file copies a case's documents into (STORE/CASE/)" },
	{ "report", "lpd_min_amount", T_AMOUNT, "50000", NULL, 0, 0,
	    "large past due: past-due amount from which a customer is listed, in each row's currency" },
	{ "report", "lpd_min_days", T_INT, "90", NULL, 0, DAYLIST_DAYS_MAX,
	    "large past due: only items overdue by more than this many days count" },
	{ "report", "lpd_min_amount.*", T_AMOUNT, NULL, NULL, 0, 0,
	    "large past due: the minimum for rows in that currency (lpd_min_amount.TWD), over lpd_min_amount" },
	{ "report", "currency", T_CURRENCY, NULL, NULL, 0, 0,
	    "reporting currency: the workbook adds group totals in it, with the rates of [currency.X] rate or --rates" },
	{ "report", "lang", T_ENUM, "en", lang_choices, 0, 0,
	    "language of the workbook's sheet names and captions" },
	{ "match", "min_confidence", T_INT, "90", NULL, 0, 100,
	    "ar-match applies allocations of this confidence or more; the rest are suggestions" },
	{ "match", "charge_max", T_AMOUNT, "15.00", NULL, 0, 0,
	    "largest bank charge a payment may fall short by, in units of its currency (2 decimals at most)" },
	{ "match", "charge_pct", T_AMOUNT, NULL, NULL, 0, 0,
	    "and at most this per cent of the payment (0.5 for 0.5 %); unset: no such limit" },
	{ "match", "partial", T_ENUM, "none", partial_choices, 0, 0,
	    "partial payments: none (only suggested) or oldest (applied oldest item first)" },
	{ "match", "use_credits", T_BOOL, "no", NULL, 0, 0,
	    "whether a customer's credit notes may be netted into a combination" },
	{ "currency.*", "exponent", T_INT, NULL, NULL, 0, 6,
	    "decimal places, overriding the built-in table" },
	{ "currency.*", "rate", T_STRING, NULL, NULL, 0, 0,
	    "units of [report] currency one unit of this currency buys, such as 4.4725" },
	{ "currency.*", "rate_date", T_STRING, NULL, NULL, 0, 0,
	    "the date of rate (YYYY-MM-DD), printed beside it" },

	/*
	 * [import.NAME]: an ERP extract's layout for ar-import.  A key left
	 * out takes the built-in profile's value when NAME is a built-in
	 * (sap-fbl5n ...), else the default here.  Caption keys list the
	 * captions a column may have, separated by commas; with header = no
	 * they are column numbers from 1.
	 */
	{ "import.*", "layout", T_ENUM, NULL, layout_choices, 0, 0,
	    "csv (delimited with a header) or list (SAP list export, |-framed)" },
	{ "import.*", "delimiter", T_CHAR, NULL, NULL, 0, 0,
	    "field separator" },
	{ "import.*", "encoding", T_ENCODING, NULL, NULL, 0, 0,
	    "character set of the file (a byte order mark wins)" },
	{ "import.*", "skip_lines", T_INT, NULL, NULL, 0, 100000,
	    "lines ignored before looking for the header" },
	{ "import.*", "header", T_BOOL, NULL, NULL, 0, 0,
	    "whether the file has a header line (no: captions are column numbers)" },
	{ "import.*", "decimal", T_ENUM, NULL, decimal_choices, 0, 0,
	    "decimal separator of amounts" },
	{ "import.*", "date_order", T_ENUM, NULL, date_order_choices, 0, 0,
	    "how 01/02/2026 reads" },
	{ "import.*", "date_format", T_DATEFMT, NULL, NULL, 0, 0,
	    "strptime format of dates, when not one date_order reads" },
	{ "import.*", "sign", T_ENUM, NULL, sign_choices, 0, 0,
	    "as-is: positive means the customer owes; negate: the opposite" },
	{ "import.*", "credit_values", T_STRING, NULL, NULL, 0, 0,
	    "values of the debit_credit column that mark a credit" },
	{ "import.*", "total_marker", T_STRING, NULL, NULL, 0, 0,
	    "text that starts the first cell of subtotal and total lines" },
	{ "import.*", "doc_types", T_DOCMAP, NULL, NULL, 0, 0,
	    "document types of the ERP to the stream's, such as RV:INV, DG:CN" },
	{ "import.*", "company_code", T_STRING, NULL, NULL, 0, 0,
	    "company written on every item when the file has no company column" },
	{ "import.*", "default_currency", T_CURRENCY, NULL, NULL, 0, 0,
	    "currency of items when the file has no currency column" },
	{ "import.*", "customer", T_STRING, NULL, NULL, 0, 0, "captions of the customer column" },
	{ "import.*", "name", T_STRING, NULL, NULL, 0, 0, "captions of the customer name column" },
	{ "import.*", "doc_no", T_STRING, NULL, NULL, 0, 0, "captions of the document number column" },
	{ "import.*", "doc_type", T_STRING, NULL, NULL, 0, 0, "captions of the document type column" },
	{ "import.*", "doc_date", T_STRING, NULL, NULL, 0, 0, "captions of the document date column" },
	{ "import.*", "due_date", T_STRING, NULL, NULL, 0, 0, "captions of the due date column" },
	{ "import.*", "currency", T_STRING, NULL, NULL, 0, 0, "captions of the currency column" },
	{ "import.*", "amount", T_STRING, NULL, NULL, 0, 0, "captions of the amount column" },
	{ "import.*", "company", T_STRING, NULL, NULL, 0, 0, "captions of the company code column" },
	{ "import.*", "ref", T_STRING, NULL, NULL, 0, 0, "captions of the reference column" },
	{ "import.*", "dispute", T_STRING, NULL, NULL, 0, 0,
	    "captions of the dispute column (passed on as written)" },
	{ "import.*", "block", T_STRING, NULL, NULL, 0, 0,
	    "captions of the dunning block column (passed on as written)" },
	{ "import.*", "debit_credit", T_STRING, NULL, NULL, 0, 0,
	    "captions of a debit/credit indicator column (S/H, D/C)" },

	/* [bank.NAME]: a bank's CSV statement layout for ar-bank --format csv. */
	{ "bank.*", "delimiter", T_CHAR, ",", NULL, 0, 0, "field separator" },
	{ "bank.*", "encoding", T_ENCODING, "utf-8", NULL, 0, 0,
	    "character set of the file (a byte order mark wins)" },
	{ "bank.*", "skip_lines", T_INT, "0", NULL, 0, 100000,
	    "lines ignored before looking for the header" },
	{ "bank.*", "header", T_BOOL, "yes", NULL, 0, 0,
	    "whether the file has a header line (no: captions are column numbers)" },
	{ "bank.*", "decimal", T_ENUM, "point", decimal_choices, 0, 0,
	    "decimal separator of amounts" },
	{ "bank.*", "date_order", T_ENUM, "day-first", date_order_choices, 0, 0,
	    "how 01/02/2026 reads" },
	{ "bank.*", "date_format", T_DATEFMT, NULL, NULL, 0, 0,
	    "strptime format of dates, when not one date_order reads" },
	{ "bank.*", "sign", T_ENUM, "as-is", sign_choices, 0, 0,
	    "as-is: positive is money in; negate: the opposite (card statements)" },
	{ "bank.*", "credit_values", T_STRING, "C,CR,CRDT,Credit", NULL, 0, 0,
	    "values of the debit_credit column that mark money in" },
	{ "bank.*", "debit_values", T_STRING, "D,DR,DBIT,Debit", NULL, 0, 0,
	    "values of the debit_credit column that mark money out" },
	{ "bank.*", "skip_values", T_STRING, "", NULL, 0, 0,
	    "value_date cells of rows that are no transaction (Pending), reported" },
	{ "bank.*", "default_currency", T_CURRENCY, NULL, NULL, 0, 0,
	    "currency of rows when the file has no currency column" },
	{ "bank.*", "account", T_STRING, "", NULL, 0, 0,
	    "account written in the account column" },
	{ "bank.*", "value_date", T_STRING, NULL, NULL, 0, 0, "captions of the value date column" },
	{ "bank.*", "booking_date", T_STRING, NULL, NULL, 0, 0, "captions of the booking date column" },
	{ "bank.*", "amount", T_STRING, NULL, NULL, 0, 0, "captions of a signed amount column" },
	{ "bank.*", "credit", T_STRING, NULL, NULL, 0, 0, "captions of a money-in column" },
	{ "bank.*", "debit", T_STRING, NULL, NULL, 0, 0, "captions of a money-out column" },
	{ "bank.*", "debit_credit", T_STRING, NULL, NULL, 0, 0,
	    "captions of a debit/credit indicator column" },
	{ "bank.*", "currency", T_STRING, NULL, NULL, 0, 0, "captions of the currency column" },
	{ "bank.*", "payer", T_STRING, NULL, NULL, 0, 0, "captions of the payer name column" },
	{ "bank.*", "payer_account", T_STRING, NULL, NULL, 0, 0, "captions of the payer account column" },
	{ "bank.*", "reference", T_STRING, NULL, NULL, 0, 0,
	    "captions of the remittance text columns (joined with a space)" },
	{ "bank.*", "bank_ref", T_STRING, NULL, NULL, 0, 0, "captions of the bank reference column" },
	{ "bank.*", "channel", T_STRING, NULL, NULL, 0, 0,
	    "captions of the payment channel column (IBG, DuitNow, JomPAY, FPX)" },
	{ "bank.*", "ref1", T_STRING, NULL, NULL, 0, 0, "captions of a JomPAY/DuitNow Ref-1 column" },
	{ "bank.*", "ref2", T_STRING, NULL, NULL, 0, 0, "captions of a JomPAY/DuitNow Ref-2 column" },
	{ "bank.*", "balance", T_STRING, NULL, NULL, 0, 0,
	    "captions of the running balance column (checked row by row)" },
	/* further [bank.*] keys go here */

	/* [agency.NAME]: a collection agency's contract, for ar-agency. */
	{ "agency.*", "contact", T_STRING, "", NULL, 0, 0,
	    "who to write to at the agency: name, e-mail, telephone" },
	{ "agency.*", "contract_start", T_DATE, NULL, NULL, 0, 0,
	    "the contract's first day: no account is assigned before it" },
	{ "agency.*", "contract_end", T_DATE, NULL, NULL, 0, 0,
	    "the contract's last day: none assigned after it; renewal flagged 60 days before" },
	{ "agency.*", "tiers", T_TIERS, "*:0", NULL, 0, 0,
	    "commission per cent by days: 90:10, 180:12.5, *:15 (up to and including 90 days: 10 %)" },
	{ "agency.*", "tier_basis", T_ENUM, "days_assigned", tier_basis_choices, 0, 0,
	    "the days of the tiers: since the assignment, or the age of the oldest item (debt_age)" },
	{ "agency.*", "min_fee", T_AMOUNT, NULL, NULL, 0, 0,
	    "the least commission of a statement in [company] default_currency, when anything was recovered" },
	{ "agency.*", "min_fee.*", T_AMOUNT, NULL, NULL, 0, 0,
	    "the same in another currency: min_fee.twd" },
	{ "agency.*", "exclude", T_STRING, "", NULL, 0, 0,
	    "customers never assigned to this agency, separated by commas" },

	/* [soa] and [company] remittance details: ar-soa's keys go here */
	{ "soa", "template", T_STRING, "statement", NULL, 0, 0,
	    "the name of the statement's texts: NAME.LANG.txt and NAME.LANG.html" },
	{ "soa", "templates", T_STRING, "", NULL, 0, 0,
	    "the folder of the statement templates (default: [dunning] templates)" },

	/*
	 * [recon.NAME]: a customer's ledger of us, for ar-recon
	 * (source/their_ledger.c).  A key left out takes the built-in generic
	 * profile's value.  Caption keys list the captions a column may have,
	 * separated by commas; with header = no they are column numbers from 1.
	 */
	{ "recon.*", "doc_no", T_STRING, NULL, NULL, 0, 0,
	    "captions of their document number column" },
	{ "recon.*", "reference", T_STRING, NULL, NULL, 0, 0,
	    "captions of their reference column (our document number, often)" },
	{ "recon.*", "date", T_STRING, NULL, NULL, 0, 0, "captions of the date column" },
	{ "recon.*", "amount", T_STRING, NULL, NULL, 0, 0,
	    "captions of a signed amount column (debit positive)" },
	{ "recon.*", "debit", T_STRING, NULL, NULL, 0, 0, "captions of a debit column" },
	{ "recon.*", "credit", T_STRING, NULL, NULL, 0, 0, "captions of a credit column" },
	{ "recon.*", "currency", T_STRING, NULL, NULL, 0, 0, "captions of the currency column" },
	{ "recon.*", "type", T_STRING, NULL, NULL, 0, 0,
	    "captions of the document type or description column" },
	{ "recon.*", "delimiter", T_CHAR, NULL, NULL, 0, 0, "field separator" },
	{ "recon.*", "encoding", T_ENCODING, NULL, NULL, 0, 0,
	    "character set of the file (a byte order mark wins)" },
	{ "recon.*", "skip_lines", T_INT, NULL, NULL, 0, 100000,
	    "lines ignored before looking for the header" },
	{ "recon.*", "header", T_BOOL, NULL, NULL, 0, 0,
	    "whether the file has a header line (no: captions are column numbers)" },
	{ "recon.*", "decimal", T_ENUM, NULL, decimal_choices, 0, 0,
	    "decimal separator of amounts" },
	{ "recon.*", "date_order", T_ENUM, NULL, date_order_choices, 0, 0,
	    "how 01/02/2026 reads" },
	{ "recon.*", "date_format", T_DATEFMT, NULL, NULL, 0, 0,
	    "strptime format of dates, when not one date_order reads" },
	{ "recon.*", "sign", T_ENUM, NULL, (const char *const[]){ "credit", "debit", NULL }, 0, 0,
	    "the side of their books on which what they owe us stands: credit (a payables ledger) or debit" },
	{ "recon.*", "doc_prefix", T_STRING, NULL, NULL, 0, 0,
	    "prefixes stripped from their document number before it is compared, separated by commas" },
	{ "recon.*", "payment_types", T_STRING, NULL, NULL, 0, 0,
	    "type cells (or their first words) of their payments" },
	{ "recon.*", "debit_note_types", T_STRING, NULL, NULL, 0, 0,
	    "type cells (or their first words) of their debit notes and deductions" },
	{ "recon.*", "skip_values", T_STRING, NULL, NULL, 0, 0,
	    "cells of total and balance lines (without a document number), which are no entries" },
	{ "recon.*", "default_currency", T_CURRENCY, NULL, NULL, 0, 0,
	    "currency of lines when the file has no currency column" },
	{ "recon.*", "match_days", T_INT, NULL, NULL, 0, 366,
	    "days apart a line and a document may be dated to pair by amount and date" },

	/* [remit]: ar-remit's keys go here */
	{ "remit", "candidates", T_INT, "3", NULL, 0, 10,
	    "best candidate items shown per direct credit in ar-remit's review" },
	{ "remit", "resend_days", T_INT, "7", NULL, 0, 365,
	    "days before a remittance request for the same credit is sent again" },
	{ "remit", "escalate_days", T_INT, "14", NULL, 0, 3650,
	    "days after its value date an unidentified credit goes to the bank list" },
	{ "remit", "template", T_STRING, "remittance-request", NULL, 0, 0,
	    "the template of the remittance-request e-mail (man 1 ar-remit)" },
	{ "remit", "templates", T_STRING, "", NULL, 0, 0,
	    "the folder of its templates (default: [dunning] templates)" },

	/* [refund] and [payout.NAME]: ar-refund's keys go here */
	{ "refund", "min_days", T_INT, "30", NULL, 0, 3650,
	    "days a credit must be old (its newest credit item) before it is refunded" },
	{ "refund", "net_across", T_BOOL, "no", NULL, 0, 0,
	    "refund a credit though the customer owes in another company or currency" },
	{ "refund", "charges", T_ENUM, "debt", charges_choices, 0, 0,
	    "who bears the banks' charges of a refund, the pain.001's ChrgBr: debt (we), shar, cred" },
	{ "payout.*", "columns", T_STRING,
	    "refund_id,bank_holder,bank_account,bank_code,currency,amount,value_date", NULL, 0, 0,
	    "the bank CSV's columns in order, words of ar-refund(1)" },
	{ "payout.*", "captions", T_STRING, "", NULL, 0, 0,
	    "the header's captions, separated by commas, one per column (empty: the words)" },
	{ "payout.*", "header", T_BOOL, "yes", NULL, 0, 0, "whether the file starts with a header" },
	{ "payout.*", "date_format", T_DATEFMT, "%Y-%m-%d", NULL, 0, 0,
	    "strftime format of the value date" },
	{ "payout.*", "amount", T_ENUM, "decimal", payout_amount_choices, 0, 0,
	    "decimal (1234.50) or cents (123450, minor units)" },
	{ "payout.*", "delimiter", T_CHAR, ",", NULL, 0, 0, "field separator" },
	{ "payout.*", "crlf", T_BOOL, "no", NULL, 0, 0, "end lines with CR LF" },
	{ "payout.*", "trailer", T_BOOL, "no", NULL, 0, 0,
	    "end with a row of trailer_label, the count and the total" },
	{ "payout.*", "trailer_label", T_STRING, "TOTAL", NULL, 0, 0,
	    "the first cell of the trailer row" },
	{ "payout.*", "payment_type", T_STRING, "IBG", NULL, 0, 0,
	    "the payment_type column's text (IBG, DuitNow, RENTAS, TT)" },
	{ "payout.*", "description", T_STRING, "Refund", NULL, 0, 0,
	    "the description column's text, followed by the refund_id" },
};
#define NSCHEMA (sizeof schema / sizeof schema[0])

/* A currency code as iniparser leaves it: three lower-case letters. */
static bool
is_code(const char *s)
{
	return strlen(s) == 3 && islower((unsigned char)s[0]) &&
	    islower((unsigned char)s[1]) && islower((unsigned char)s[2]);
}

/*
 * A pattern's parameter: for [currency.*], three letters; for a profile
 * ([import.*], [bank.*]), 1 to CONFIG_PROFILE_NAME_MAX letters, digits,
 * '-' and '_' (lower case here: iniparser folds names).
 */
static bool
section_matches(const char *pattern, const char *section)
{
	size_t n = strlen(pattern), i;

	if (n < 2 || strcmp(pattern + n - 2, ".*") != 0)
		return strcmp(pattern, section) == 0;
	if (strncmp(pattern, section, n - 1) != 0)
		return false;
	section += n - 1;
	if (strcmp(pattern, "currency.*") == 0)
		return is_code(section);
	for (i = 0; section[i] != '\0'; i++)
		if (!islower((unsigned char)section[i]) && !isdigit((unsigned char)section[i]) &&
		    section[i] != '-' && section[i] != '_')
			return false;
	return i >= 1 && i <= CONFIG_PROFILE_NAME_MAX;
}

/*
 * A key pattern "name.*" is one key per currency: "name." and a code of
 * three letters (lower case here, as iniparser folds keys), such as
 * lpd_min_amount.twd.
 */
static bool
key_matches(const char *pattern, const char *key)
{
	size_t n = strlen(pattern);

	if (n < 2 || strcmp(pattern + n - 2, ".*") != 0)
		return strcmp(pattern, key) == 0;
	return strncmp(pattern, key, n - 1) == 0 && is_code(key + n - 1);
}

const struct cfg_key *
cfg_schema_row(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NSCHEMA; i++)
		if (section_matches(schema[i].section, section) &&
		    (key == NULL || key_matches(schema[i].key, key)))
			return &schema[i];
	return NULL;
}

/* s without surrounding white space, in buf; NULL when it does not fit. */
static const char *
trimmed(const char *s, char *buf, size_t size)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= size)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Decimal only: iniparser_getint would read 010 as eight. */
bool
cfg_parse_long(const char *s, long min, long max, long *out)
{
	bool neg = false;
	long n = 0;

	if (*s == '-' && min < 0)
		neg = true, s++;
	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		if (n > (LONG_MAX - 9) / 10)
			return false;
		n = n * 10 + (*s - '0');
	}
	if (neg)
		n = -n;
	if (*s != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

bool
cfg_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

/* One byte taken as it is, or a word for the ones INI makes awkward. */
bool
cfg_parse_char(const char *s, char *out)
{
	static const char *const words[] = { "tab", "semicolon", "comma", "pipe" };
	unsigned char c = (unsigned char)s[0];
	char buf[16];
	size_t i;

	if (c != '\0' && s[1] == '\0') {
		/* '"' is CSV's quote; a byte of a UTF-8 sequence is no character */
		if (c == '"' || c >= 0x7f || (c < 0x20 && c != '\t'))
			return false;
		*out = (char)c;
		return true;
	}
	if ((s = trimmed(s, buf, sizeof buf)) == NULL)
		return false;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcasecmp(s, words[i]) == 0) {
			*out = "\t;,|"[i];
			return true;
		}
	}
	return false;
}

/* Count of buckets in s (at most CONFIG_BUCKETS_MAX), 0 when s is not a list. */
size_t
cfg_parse_buckets(const char *s, int *out)
{
	int n;

	return daylist_parse(s, out, &n) == AR_OK ? (size_t)n : 0;
}

/* Whether iconv converts from s to UTF-8. */
static bool
encoding_ok(const char *s)
{
	iconv_t cd;

	if (s[0] == '\0' || (cd = iconv_open("UTF-8", s)) == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

/*
 * A strptime format of a day: conversions among those that make sense
 * for one (no time zone, no week numbers), with a day, a month and a year
 * (or a day of the year and a year).
 */
static bool
datefmt_ok(const char *s)
{
	bool day = false, month = false, year = false, yday = false;

	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		switch (*++s) {
		case 'd': case 'e': day = true; break;
		case 'm': case 'b': case 'B': case 'h': month = true; break;
		case 'y': case 'Y': year = true; break;
		case 'j': yday = true; break;
		case 'H': case 'M': case 'S': case 'T': case '%': case 'n': case 't':
			break;
		default:
			return false;
		}
	}
	return year && ((day && month) || yday);
}

/* "RV:INV, DR:INV, DG:CN": each pair an ERP type and a stream type. */
static bool
docmap_ok(const char *s)
{
	static const char *const types[] = { "INV", "CN", "DN", "PAY", "ADJ",
	    "INT", "FEE" };
	const char *colon, *end, *t;
	size_t i, n;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		end = s + strcspn(s, ",");
		if ((colon = memchr(s, ':', (size_t)(end - s))) == NULL || colon == s)
			return false;
		for (t = colon + 1; *t == ' '; t++)
			continue;
		for (n = 0; t + n < end && t[n] != ' ' && t[n] != '\t'; n++)
			continue;
		for (i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strlen(types[i]) == n && strncmp(types[i], t, n) == 0)
				break;
		if (i == sizeof types / sizeof types[0] || n == 0)
			return false;
		for (t += n; t < end; t++)
			if (*t != ' ' && *t != '\t')
				return false;
		if (*end == '\0')
			return true;
		s = end + 1;
	}
}

/*
 * Check raw against the row's type.  Returns the canonical text (raw
 * itself, a constant, or buf) or NULL when raw is not of the type.
 */
static const char *
canonical(const struct cfg_key *row, const char *raw, char *buf, size_t size)
{
	char tmp[VALUE_MAX];
	int b[CONFIG_BUCKETS_MAX];
	const char *s;
	size_t i, n;
	bool yes;
	long v;
	char c;

	/* untrimmed: a quoted " " or "  name" is meant as written */
	if (row->type == T_STRING)
		return cfg_text_ok(raw) ? raw : NULL;
	if (row->type == T_CHAR) {
		if (!cfg_parse_char(raw, &c))
			return NULL;
		snprintf(buf, size, "%c", c);
		return buf;
	}
	if ((s = trimmed(raw, tmp, sizeof tmp)) == NULL)
		return NULL;
	switch (row->type) {
	case T_ENUM:
		for (i = 0; row->choices[i] != NULL; i++)
			if (strcasecmp(s, row->choices[i]) == 0)
				return row->choices[i];
		return NULL;
	case T_INT:
		if (!cfg_parse_long(s, row->min, row->max, &v))
			return NULL;
		snprintf(buf, size, "%ld", v);
		return buf;
	case T_BOOL:
		return cfg_parse_bool(s, &yes) ? (yes ? "yes" : "no") : NULL;
	case T_BUCKETS:
		if ((n = cfg_parse_buckets(s, b)) == 0)
			return NULL;
		for (i = 0, buf[0] = '\0'; i < n; i++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%d",
			    i ? "," : "", b[i]);
		return buf;
	case T_AMOUNT:
		/*
		 * Read in each row's currency when used; here it must read with
		 * the most decimals any currency has, and not be negative.
		 */
		{
			int64_t minor;

			if (money_parse(s, strlen(s), 6, MONEY_DECIMAL_POINT, &minor) != AR_OK ||
			    minor < 0)
				return NULL;
		}
		snprintf(buf, size, "%s", s);
		return buf;
	case T_ENCODING:
		return encoding_ok(s) ? (snprintf(buf, size, "%s", s), buf) : NULL;
	case T_DATEFMT:
		return datefmt_ok(s) ? (snprintf(buf, size, "%s", s), buf) : NULL;
	case T_DATE:
		{
			civil_day day;

			if (date_parse_format(s, strlen(s), "%Y-%m-%d", &day) != AR_OK)
				return NULL;
			date_format(day, buf);
		}
		return buf;
	case T_TIERS:
		{
			struct rate_tiers t;

			if (tiers_parse(s, &t) != AR_OK)
				return NULL;
			tiers_format(&t, buf, size);
		}
		return buf;
	case T_DOCMAP:
		return docmap_ok(s) ? (snprintf(buf, size, "%s", s), buf) : NULL;
	case T_CURRENCY:
		for (i = 0; i < 3 && s[i] >= 'A' && s[i] <= 'Z'; i++)
			continue;
		if (i < 3 || s[3] != '\0')
			return NULL;
		snprintf(buf, size, "%s", s);
		return buf;
	default:
		return NULL;
	}
}

/* What a value of the row's type looks like, for "... is not EXPECTED". */
static const char *
expected(const struct cfg_key *row, char *buf, size_t size)
{
	size_t i;

	switch (row->type) {
	case T_STRING:
		return "UTF-8 text without control characters";
	case T_ENUM:
		snprintf(buf, size, "one of:");
		for (i = 0; row->choices[i] != NULL; i++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s %s",
			    i ? "," : "", row->choices[i]);
		return buf;
	case T_INT:
		snprintf(buf, size, "a whole number from %ld to %ld", row->min, row->max);
		return buf;
	case T_BOOL:
		return "yes or no (or true/false, on/off, 1/0)";
	case T_CHAR:
		return "one character or one of: tab, semicolon, comma, pipe";
	case T_BUCKETS:
		/* from the limits daylist_parse applies, so they stay in step */
		snprintf(buf, size, "1 to %d increasing whole numbers from 1 to %d "
		    "separated by commas", DAYLIST_MAX, DAYLIST_DAYS_MAX);
		return buf;
	case T_AMOUNT:
		return "an amount of zero or more, such as 50000 or 50,000.00";
	case T_ENCODING:
		return "a character set iconv knows, such as utf-8, utf-16le, cp1252, big5, gbk";
	case T_DATEFMT:
		return "a strptime format of a date, such as %d.%m.%Y";
	case T_DOCMAP:
		return "pairs ERP:TYPE separated by commas, TYPE one of "
		    "INV, CN, DN, PAY, ADJ, INT, FEE";
	case T_DATE:
		return "a date YYYY-MM-DD";
	case T_TIERS:
		return "DAYS:RATE pairs separated by commas, days increasing, ending in *:RATE, "
		    "rates per cents from 0 to 100 with at most 3 decimals (90:10, 180:12.5, *:15)";
	default:
		return "a currency code (three capital letters such as MYR)";
	}
}

/* A [section] iniparser found: one of the schema's, or a mistake. */
static void
check_section(const struct ar_config *cfg, struct ar_error *err,
    const char *section)
{
	char sec[VALUE_MAX];

	if (cfg_schema_row(section, NULL) != NULL)
		return;
	cfg_section_shown(section, sec, sizeof sec);
	if (strncmp(section, "currency.", 9) == 0)
		cfg_note(err, cfg_line_of(cfg, section, NULL), "[%s]: \"%s\" is "
		    "not a currency code (three letters)", sec, sec + 9);
	else
		cfg_note(err, cfg_line_of(cfg, section, NULL),
		    "unknown section [%s]", sec);
}

/* The key at entry i ("section:key"), its value made canonical in place. */
static ar_err
check_key(struct ar_config *cfg, struct ar_error *err, ssize_t i)
{
	char sec[VALUE_MAX], key[VALUE_MAX], val[VALUE_MAX], what[VALUE_MAX];
	char canon[VALUE_MAX], name[2 * VALUE_MAX];
	const char *entry = cfg->ini->key[i], *value = cfg->ini->val[i], *c;
	const struct cfg_key *row;
	size_t n;

	/*
	 * Split at the first colon: no known section holds one, and a
	 * section that does is reported by check_section, on an earlier line.
	 */
	n = strcspn(entry, ":");
	snprintf(name, sizeof name, "%.*s", (int)n, entry);
	c = entry + n + (entry[n] == ':');
	cfg_shown(c, key, sizeof key);
	if (name[0] == '\0') {
		cfg_note(err, cfg_line_of(cfg, "", c), "key \"%s\" is outside "
		    "any section", key);
		return AR_OK;
	}
	if (cfg_schema_row(name, NULL) == NULL)
		return AR_OK;	/* the unknown section is the mistake */
	cfg_section_shown(name, sec, sizeof sec);
	if ((row = cfg_schema_row(name, c)) == NULL) {
		cfg_note(err, cfg_line_of(cfg, name, c), "unknown key \"%s\" in "
		    "[%s]", key, sec);
		return AR_OK;
	}
	if ((c = canonical(row, value, canon, sizeof canon)) == NULL) {
		cfg_note(err, cfg_line_of(cfg, name, row->key), "[%s] %s: \"%s\" "
		    "is not %s%s", sec, row->key, cfg_shown(value, val, sizeof val),
		    expected(row, what, sizeof what), value[0] == '\0' ?
		    " (an unquoted ; or # starts a comment)" : "");
		return AR_OK;
	}
	if (c != value && strcmp(c, value) != 0 &&
	    dictionary_set(cfg->ini, entry, c) != 0)
		return AR_ENOMEM;
	return AR_OK;
}

/*
 * iniparser keeps a section as an entry without value and a key as
 * "section:key"; the dictionary's fields are public and walking them sees
 * a section even when it holds no key.
 */
ar_err
cfg_check_entries(struct ar_config *cfg, struct ar_error *err)
{
	const dictionary *d = cfg->ini;
	ar_err rc;
	ssize_t i;

	for (i = 0; i < d->size; i++) {
		if (d->key[i] == NULL)
			continue;
		if (d->val[i] == NULL)
			check_section(cfg, err, d->key[i]);
		else if ((rc = check_key(cfg, err, i)) != AR_OK)
			return rc;
	}
	return AR_OK;
}
