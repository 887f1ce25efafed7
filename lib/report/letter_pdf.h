/*
 * letter_pdf.h - a business letter as an A4 PDF, drawn with cairo and
 * shaped with pango: letterhead, date, reference, addressee, title, body,
 * a table that continues over pages, totals, the amount in words, the
 * signature, "page N of M" under every page.
 *
 * Generic: the caller hands in every string already formatted (dates,
 * amounts, captions, words) in the letter's language; this module lays
 * out and draws, it knows nothing of dunning.  Latin, Malay and Chinese
 * are shaped by pango from Noto Sans and Noto Sans CJK (SC, or TC for
 * Traditional Chinese), embedded as subsets, so no text comes out as
 * boxes; the same letter gives the same bytes (the dates in the PDF are
 * the caller's creation_date, never the clock).
 *
 * Bold is Noto Sans Bold: Chinese in a bold style keeps the regular CJK
 * face, as each CJK face costs cairo 1.16 some 11 ms per PDF, and a bold
 * one would add that to every Chinese letter (about 17 ms with one face,
 * against 4.5 ms for an English letter).  In Simplified Chinese, 如
 * (U+5982) is drawn in its Japanese form, which looks the same: cairo
 * 1.16 embeds the SC form empty.  See letter_pdf_text.c.
 *
 * The page (points; A4 is 595.276 x 841.89):
 *
 *   margins 2 cm (56.69 pt) on every side; the footer, 8 pt, centred,
 *   sits in the bottom margin 1.2 cm above the edge, as a word processor
 *   puts it; pages 2 on have a running head in the top margin (8 pt,
 *   grey: the addressee's first line, the date, the reference) so that a
 *   page read alone says whose letter it is; nothing else passes the
 *   margins.
 *
 *   letterhead (page 1)  the logo at the left, 48 pt high with its
 *                        aspect kept (at most 160 pt wide); beside it
 *                        the company's name, 15 pt bold, then in 8.5 pt
 *                        "reg_no_caption reg_no", the address lines and
 *                        "tel_caption phone  ·  email_caption email";
 *                        a 0.75 pt rule across the page under it
 *   reference and date   one line: "ref_caption: reference" at the left
 *                        (a full-width colon "：" in Chinese), the date
 *                        at the right; two lines when they cannot share
 *   addressee            name and address lines, 10 pt, wrapped at 60%
 *                        of the text width (a window envelope's width)
 *   title                12 pt bold, kept with the start of the body
 *   body_before          10 pt paragraphs, 6 pt apart
 *   table                9.5 pt; the header bold on a light grey band,
 *                        repeated at the top of every continuation page;
 *                        columns as wide as their widest cell, the spare
 *                        width shared out so the table spans the text
 *                        width; when the cells are too wide, the text
 *                        columns narrow and wrap, the numeric ones last;
 *                        hairlines between rows, a rule under the last
 *   totals               under the table at its right: labels left,
 *                        values right-aligned with the numeric columns;
 *                        a strong total is bold with a rule above it
 *   words                words_caption (bold) over the words; the totals
 *                        and the words move to the next page together
 *                        rather than be parted
 *   body_after           as body_before
 *   signature            its lines (blank ones kept, for the hand),
 *                        moved whole to the next page rather than split
 *
 * A paragraph taller than what is left of a page is split between its
 * lines, never leaving one line alone at either side; a table row is
 * never split (a row taller than a page is refused with AR_EUSAGE).
 */
#ifndef LETTER_PDF_H
#define LETTER_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"

struct letter_table {
	size_t ncols;
	const char *const *captions;   /* ncols header cells */
	const bool *numeric;           /* ncols: right-aligned (amounts, days); NULL: none */
	size_t nrows;
	const char *const *cells;      /* nrows * ncols, row-major; a NULL cell is empty */
};

struct letter_total {
	const char *label, *value;     /* "Amount due", "MYR 12,345.60" */
	bool strong;                   /* bold, with a rule above (the amount due) */
};

/*
 * The letter.  Every string is UTF-8; NULL and "" both mean "none" except
 * where said.  Multi-line fields split at '\n'.  Nothing is kept after
 * letter_pdf_write returns.
 */
struct letter_doc {
	/*
	 * "en", "ms", "zh-Hans", "zh-Hant" (any BCP 47 tag: zh-Hant, zh-TW,
	 * zh-HK and zh-MO take the Traditional CJK font, every other the
	 * Simplified); also the language pango breaks lines for.  NULL: "en".
	 */
	const char *lang;
	/* letterhead, top of page 1; every field but name may be NULL or "" */
	const char *company_name, *company_reg_no, *company_address,
	    *company_phone, *company_email, *logo_png_path;
	const char *reg_no_caption, *tel_caption, *email_caption;     /* "Company No.", "Tel", "E-mail" */
	const char *date_text;         /* "24 November 2026", right-aligned under the letterhead */
	const char *ref_caption, *reference;   /* "Our ref", "AR/C001/MYR/2/20261124" */
	const char *recipient_name, *recipient_address;
	const char *title;             /* bold, e.g. the e-mail's subject */
	const char *body_before;       /* paragraphs (blank line between; '\n' = line break) before the table */
	struct letter_table table;     /* may have nrows 0: then no table is drawn */
	const struct letter_total *totals;
	size_t ntotals;                /* right-aligned under the table */
	const char *words_caption, *words;   /* "Amount due in words", the words; words NULL: none */
	const char *body_after;        /* paragraphs after the table */
	const char *signature;         /* e.g. "Yours faithfully,\n\n\n…\nCredit Control" */
	/*
	 * The footer of every page: "%d" is the page, the second "%d" the
	 * pages ("%1$d", "%2$d" name them; "%%" is a percent sign; nothing
	 * else may follow a '%').  NULL or "": no footer.
	 */
	const char *page_format;
	long long creation_date;       /* seconds since the epoch: the PDF's CreationDate and ModDate (UTC) */
};

/*
 * Write the letter d as a PDF at path: written to a temporary beside it
 * and renamed when whole (core/outfile.h), so a failure leaves no file.
 * path NULL or "-": standard output.
 *
 * AR_OK.  Errors, with *e saying what (e may be NULL):
 *   AR_ECONFIG   logo_png_path cannot be read as a PNG
 *   AR_EUTF8     a string is not UTF-8 (the message names the field)
 *   AR_EUSAGE    company_name missing, page_format with another
 *                conversion than %d, a table without captions, a table
 *                row taller than a page
 *   AR_ECREATE   the temporary cannot be made (errno kept)
 *   AR_EIO       writing failed (errno kept), or cairo failed (the
 *                message has cairo's words)
 *   AR_ENOMEM
 * Nothing is written before the input is checked and the logo read.
 */
ar_err letter_pdf_write(const char *path, const struct letter_doc *d, struct ar_error *e);

/*
 * The same to fp, which stays open and is not flushed (a pipe, a memory
 * stream for an e-mail attachment).  On failure part of a PDF may have
 * been written.
 */
ar_err letter_pdf_write_fp(FILE *fp, const struct letter_doc *d, struct ar_error *e);

/*
 * Release what the process keeps between letters: the pango font map
 * (one for the process, made at the first letter, as font loading is the
 * dear part), each language's context and styles, and the last logo
 * read.  Call at exit (tests call it under ASan); a letter written
 * afterwards makes them again.  Not thread-safe: one thread writes
 * letters.  The font map starts threads of pango's own, so a program
 * that forks workers writes its first letter in the workers, not before
 * the fork.
 */
void letter_pdf_shutdown(void);

#endif
