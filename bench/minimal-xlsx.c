/*
 * minimal-xlsx.c - the baseline for ar-age --detail --xlsx: what a competent
 * C programmer writes to turn the items CSV into one typed Detail sheet.
 * libcsv (64 KiB blocks) + libxlsxwriter in constant-memory mode; every
 * input column, then days_overdue and bucket, typed as ar-age types them:
 * text as strings, doc_date/due_date as dates (yyyy-mm-dd), amount as money
 * (#,##0.00;[Red]-#,##0.00), days_overdue as a number (#,##0), a bold
 * header with the panes frozen below it and an autofilter.  Nothing else:
 * no aging, no Summary/Aging/Large Past Due sheets, no column widths.
 *
 *   cc -O2 -o minimal-xlsx minimal-xlsx.c -lcsv -lxlsxwriter -lz
 *   minimal-xlsx AS_OF(YYYY-MM-DD) items.csv out.xlsx
 */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum { DOC, DUE, AMT, NTYPED };
static const char *const typed[NTYPED] = { "doc_date", "due_date", "amount" };
static const char *const bucket[] = { "current", "1-30", "31-60", "61-90", "91-120", "121+" };

static lxw_worksheet *ws;
static lxw_format *bold, *date_fmt, *money_fmt, *int_fmt;
static int col[NTYPED] = { -1, -1, -1 };
static lxw_col_t field, ncols;
static lxw_row_t row;
static long as_of, due;
static int failed;

static long days(const char *s)   /* YYYY-MM-DD -> days since 1970-01-01 */
{
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int64_t cents(const char *s)
{
	int neg = *s == '-';
	int64_t v = 0;
	s += neg || *s == '+';
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	int frac = 0;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && frac < 2; s++, frac++)
			v = v * 10 + (*s - '0');
	for (; frac < 2; frac++)
		v *= 10;
	return neg ? -v : v;
}

static void check(lxw_error e)
{
	if (e != LXW_NO_ERROR && !failed) {
		fprintf(stderr, "minimal-xlsx: %s\n", lxw_strerror(e));
		failed = 1;
	}
}

static void cb_field(void *s, size_t len, void *data)
{
	static char buf[4096];
	(void)data;
	if (len >= sizeof buf) len = sizeof buf - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (row == 0) {
		for (int i = 0; i < NTYPED; i++)
			if (!strcmp(buf, typed[i]))
				col[i] = (int)field;
		check(worksheet_write_string(ws, 0, field, buf, bold));
	} else if ((int)field == col[AMT]) {
		check(worksheet_write_number(ws, row, field, (double)cents(buf) / 100, money_fmt));
	} else if (((int)field == col[DOC] || (int)field == col[DUE]) && len == 10) {
		long d = days(buf);
		if ((int)field == col[DUE]) due = d;
		check(worksheet_write_number(ws, row, field, (double)(d + 25569), date_fmt));
	} else if (len > 0) {
		check(worksheet_write_string(ws, row, field, buf, NULL));
	}
	field++;
}

static void cb_row(int c, void *data)
{
	(void)c; (void)data;
	if (row == 0) {
		for (int i = 0; i < NTYPED; i++)
			if (col[i] < 0) { fprintf(stderr, "minimal-xlsx: no column %s\n", typed[i]); exit(65); }
		ncols = field;
		check(worksheet_write_string(ws, 0, ncols, "days_overdue", bold));
		check(worksheet_write_string(ws, 0, ncols + 1, "bucket", bold));
	} else {
		long d = as_of - due;
		int b = d <= 0 ? 0 : d <= 30 ? 1 : d <= 60 ? 2 : d <= 90 ? 3 : d <= 120 ? 4 : 5;
		check(worksheet_write_number(ws, row, ncols, (double)d, int_fmt));
		check(worksheet_write_string(ws, row, ncols + 1, bucket[b], NULL));
	}
	field = 0;
	row++;
}

int main(int argc, char **argv)
{
	if (argc != 4) { fprintf(stderr, "usage: minimal-xlsx YYYY-MM-DD items.csv out.xlsx\n"); return 64; }
	as_of = days(argv[1]);
	FILE *f = fopen(argv[2], "rb");
	if (!f) { perror(argv[2]); return 66; }
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(argv[3], &opt);
	if (!wb || !(ws = workbook_add_worksheet(wb, "Detail"))) { perror(argv[3]); return 73; }
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bottom(bold, LXW_BORDER_THIN);
	date_fmt = workbook_add_format(wb);
	format_set_num_format(date_fmt, "yyyy-mm-dd");
	money_fmt = workbook_add_format(wb);
	format_set_num_format(money_fmt, "#,##0.00;[Red]-#,##0.00");
	int_fmt = workbook_add_format(wb);
	format_set_num_format(int_fmt, "#,##0");
	worksheet_freeze_panes(ws, 1, 0);

	struct csv_parser p;
	if (csv_init(&p, 0) != 0) { perror("minimal-xlsx"); return 71; }
	static char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && !failed)
		if (csv_parse(&p, buf, n, cb_field, cb_row, NULL) != n) {
			fprintf(stderr, "minimal-xlsx: %s: %s\n", argv[2], csv_strerror(csv_error(&p)));
			return 65;
		}
	csv_fini(&p, cb_field, cb_row, NULL);
	csv_free(&p);
	fclose(f);
	if (row > 1)
		check(worksheet_autofilter(ws, 0, 0, row - 1, ncols + 1));
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) { fprintf(stderr, "minimal-xlsx: %s\n", lxw_strerror(e)); return 74; }
	return failed ? 74 : 0;
}
