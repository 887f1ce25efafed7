/*
 * fuzz_template.c - libFuzzer target for the template language
 * (report/template.h): the input is a template's text, compiled as each
 * kind (txt, html, sms, im) against a small schema with a list, a flag and
 * a block.  Invariants checked (abort on breach, so libFuzzer reports it):
 *   - tmpl_compile either succeeds or fails with AR_ECONFIG and a line
 *     within the text's lines (0 only for an empty txt);
 *   - a compiled template renders (with values that echo their field and
 *     element) into valid UTF-8 when the input was valid UTF-8, and HTML
 *     output holds no '<' or '&' that a value put there unescaped.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "report/template.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

enum { F_NAME, F_TOTAL, F_ITEMS, F_DOC, F_FLAG, F_TABLE, NF };

static const struct tmpl_field schema[NF] = {
	[F_NAME] = { "name", TMPL_TEXT, -1 },
	[F_TOTAL] = { "total", TMPL_MONEY, -1 },
	[F_ITEMS] = { "items", TMPL_LIST, -1 },
	[F_DOC] = { "doc_no", TMPL_TEXT, F_ITEMS },
	[F_FLAG] = { "letter", TMPL_FLAG, -1 },
	[F_TABLE] = { "items_table", TMPL_BLOCK, -1 },
};

/* Values full of what HTML must escape: "\x01" marks where they start. */
static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	(void)ctx; (void)field; (void)element; (void)filter;
	return tmpl_buf_add(out, "\x01<&>", 4);
}

static size_t count(void *ctx, int list) { (void)ctx; (void)list; return 3; }
static bool flag(void *ctx, int field, size_t element) { (void)ctx; (void)field; (void)element; return true; }

static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	(void)ctx; (void)field;
	return tmpl_buf_add(out, "[table]\n", 8);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	long lines = 1;
	bool valid = utf8_valid_prefix(text, size) == size;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (int kind = TMPL_KIND_TXT; kind <= TMPL_KIND_IM; kind++) {
		struct tmpl *t = NULL;
		struct ar_error e = { 0 };
		struct tmpl_data d = { NULL, value, count, flag, block };
		struct tmpl_buf out = { 0 };
		ar_err err = tmpl_compile(text, size, (enum tmpl_kind)kind, schema, NF, &t, &e);

		if (err != AR_OK) {
			CHECK(err == AR_ECONFIG && t == NULL);
			CHECK(e.line >= 0 && e.line <= lines);
			continue;
		}
		CHECK(valid);
		CHECK(tmpl_render_subject(t, &d, &out) == AR_OK);
		CHECK(tmpl_render(t, &d, &out) == AR_OK);
		CHECK(out.len == 0 || utf8_valid_prefix(out.data, out.len) == out.len);
		/* (the marker of a value: unless the template wrote one itself) */
		if (kind == TMPL_KIND_HTML && memchr(data, '\x01', size) == NULL)
			for (const char *p = out.data; p != NULL && (p = strchr(p, '\x01')) != NULL; p++)
				CHECK(strncmp(p, "\x01&lt;&amp;&gt;", 14) == 0);
		tmpl_buf_free(&out);
		tmpl_free(t);
	}
	return 0;
}
