/* test_template.c - the template language: rendering and every load error. */
#include <stdbool.h>

#include "report/template.h"
#include "test.h"

enum { F_NAME, F_TOTAL, F_AS_OF, F_ITEMS, F_DOC, F_AMOUNT, F_LETTER, F_TABLE, F_LEVEL, F_DUE, NF };

static const struct tmpl_field schema[NF] = {
	[F_NAME] = { "name", TMPL_TEXT, -1 },
	[F_TOTAL] = { "total", TMPL_MONEY, -1 },
	[F_AS_OF] = { "as_of", TMPL_DATE, -1 },
	[F_ITEMS] = { "items", TMPL_LIST, -1 },
	[F_DOC] = { "doc_no", TMPL_TEXT, F_ITEMS },
	[F_AMOUNT] = { "amount", TMPL_MONEY, F_ITEMS },
	[F_LETTER] = { "letter", TMPL_FLAG, -1 },
	[F_TABLE] = { "items_table", TMPL_BLOCK, -1 },
	[F_LEVEL] = { "level", TMPL_COUNT, -1 },
	[F_DUE] = { "amount", TMPL_MONEY, -1 },      /* after the item's amount, on purpose */
};

struct data {
	const char *name;
	size_t nitems;
	bool letter;
};

static const char *const docs[] = { "INV-1", "INV-2", "INV-3" };

static ar_err
value(void *ctx, int field, size_t element, enum tmpl_filter filter, struct tmpl_buf *out)
{
	const struct data *d = ctx;
	char buf[64];

	switch (field) {
	case F_NAME: snprintf(buf, sizeof buf, "%s", d->name); break;
	case F_TOTAL: snprintf(buf, sizeof buf, "%s", filter == TMPL_FILTER_MONEY ? "12,345.60" :
	    filter == TMPL_FILTER_WORDS ? "Twelve" : "12345.60"); break;
	case F_AS_OF: snprintf(buf, sizeof buf, "%s", filter == TMPL_FILTER_LONG ? "24 November 2026" :
	    "2026-11-24"); break;
	case F_DOC: snprintf(buf, sizeof buf, "%s", docs[element]); break;
	case F_AMOUNT: snprintf(buf, sizeof buf, "%zu.00", element + 1); break;
	case F_LEVEL: snprintf(buf, sizeof buf, "2"); break;
	case F_DUE: snprintf(buf, sizeof buf, "due"); break;
	default: return AR_EUSAGE;
	}
	return tmpl_buf_add(out, buf, strlen(buf));
}

static size_t count(void *ctx, int list) { (void)list; return ((struct data *)ctx)->nitems; }
static bool flag(void *ctx, int field, size_t element) { (void)field; (void)element; return ((struct data *)ctx)->letter; }

static ar_err
block(void *ctx, int field, struct tmpl_buf *out)
{
	(void)ctx; (void)field;
	return tmpl_buf_add(out, "[TABLE]\n", 8);
}

/* Compile text and render its body (and subject, for TXT) into got. */
static ar_err
run(const char *text, enum tmpl_kind kind, struct data *d, char *subject, char *got, size_t cap,
    struct ar_error *e)
{
	struct tmpl_data td = { d, value, count, flag, block };
	struct tmpl *t;
	struct tmpl_buf out = { 0 };
	ar_err err;

	if ((err = tmpl_compile(text, strlen(text), kind, schema, NF, &t, e)) != AR_OK)
		return err;
	if (subject != NULL) {
		tmpl_render_subject(t, &td, &out);
		snprintf(subject, cap, "%s", out.len ? out.data : "");
		out.len = 0;
	}
	err = tmpl_render(t, &td, &out);
	snprintf(got, cap, "%s", out.len ? out.data : "");
	tmpl_buf_free(&out);
	tmpl_free(t);
	return err;
}

static void
renders_fields_filters_and_loops(void)
{
	struct data d = { "Tan & Lim <Sdn Bhd>", 3, false };
	struct ar_error e = { 0 };
	char got[1024], subject[256];

	ar_err err = run("Subject: Overdue {{ total|money }} for {{name}}\n\nDear {{name}},\n"
	    "{{#items}}\n- {{doc_no}} {{amount}}\n{{/items}}\nTotal {{total}} ({{total|words}}) at "
	    "{{as_of|long}} / {{as_of}}, level {{level}}\n", TMPL_KIND_TXT, &d, subject, got,
	    sizeof got, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_STR(subject, "Overdue 12,345.60 for Tan & Lim <Sdn Bhd>");
	EXPECT_EQ_STR(got, "Dear Tan & Lim <Sdn Bhd>,\n- INV-1 1.00\n- INV-2 2.00\n- INV-3 3.00\n"
	    "Total 12345.60 (Twelve) at 24 November 2026 / 2026-11-24, level 2\n");
}

static void
escapes_html_only_in_html(void)
{
	struct data d = { "Tan & Lim <\"Sdn\" 'Bhd'>", 0, false };
	struct ar_error e = { 0 };
	char got[512];

	EXPECT_EQ_INT(run("<p>{{name}}</p>\n", TMPL_KIND_HTML, &d, NULL, got, sizeof got, &e), AR_OK);
	EXPECT_EQ_STR(got, "<p>Tan &amp; Lim &lt;&quot;Sdn&quot; &#39;Bhd&#39;&gt;</p>\n");
	EXPECT_EQ_INT(run("{{name}}", TMPL_KIND_SMS, &d, NULL, got, sizeof got, &e), AR_OK);
	EXPECT_EQ_STR(got, "Tan & Lim <\"Sdn\" 'Bhd'>");
}

static void
standalone_lines_vanish(void)
{
	struct data d = { "X", 1, true };
	struct ar_error e = { 0 };
	char got[512];

	ar_err err = run("a\n  {{#letter}}  \nL\n{{/letter}}\n{{^letter}}\nE\n{{/letter}}\n"
	    "{{! a comment }}\n  {{items_table}}\nb {{#letter}}in{{/letter}} c\n", TMPL_KIND_HTML,
	    &d, NULL, got, sizeof got, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_STR(got, "a\nL\n[TABLE]\nb in c\n");
	d.letter = false;
	d.nitems = 0;
	err = run("{{^items}}\nnone\n{{/items}}\n{{#letter}}L{{/letter}}{{^letter}}E{{/letter}}\n",
	    TMPL_KIND_SMS, &d, NULL, got, sizeof got, &e);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_STR(got, "none\nE\n");
}

/* The error a text gives: its code, line and message. */
static void
expect_error(const char *text, enum tmpl_kind kind, long line, const char *message)
{
	struct data d = { "X", 1, false };
	struct ar_error e = { 0 };
	char got[256];

	EXPECT_EQ_INT(run(text, kind, &d, NULL, got, sizeof got, &e), AR_ECONFIG);
	EXPECT_EQ_INT(e.line, line);
	EXPECT_EQ_STR(e.message, message);
}

static void
rejects_bad_templates_at_their_line(void)
{
	expect_error("a\n{{nmae}}\n", TMPL_KIND_HTML, 2, "unknown field \"nmae\"");
	expect_error("{{total|mony}}", TMPL_KIND_HTML, 1, "unknown filter \"mony\" (money, long, words)");
	expect_error("{{name|money}}", TMPL_KIND_HTML, 1,
	    "filter money needs a money field; \"name\" is text");
	expect_error("{{as_of|words}}", TMPL_KIND_HTML, 1,
	    "filter words needs a money field; \"as_of\" is a date");
	expect_error("{{total|long}}", TMPL_KIND_HTML, 1,
	    "filter long needs a date field; \"total\" is money");
	expect_error("x\n\n{{#items}}\n{{doc_no}}\n", TMPL_KIND_HTML, 3, "{{#items}} is never closed");
	expect_error("{{#items}}{{#letter}}{{/items}}{{/letter}}", TMPL_KIND_HTML, 1,
	    "{{/items}} closes {{#letter}} of line 1");
	expect_error("{{/letter}}", TMPL_KIND_HTML, 1, "{{/letter}} closes no section");
	expect_error("{{doc_no}}", TMPL_KIND_HTML, 1,
	    "\"doc_no\" is a field of each of items: use it inside {{#items}}...{{/items}}");
	expect_error("{{items}}", TMPL_KIND_HTML, 1, "{{items}} is a list: use {{#items}}...{{/items}}");
	expect_error("{{#name}}{{/name}}", TMPL_KIND_HTML, 1,
	    "{{#name}}: \"name\" is text, not a list or a flag");
	expect_error("see {{items_table}}\n", TMPL_KIND_HTML, 1, "{{items_table}} must stand alone on its line");
	expect_error("{{items_table}}\n", TMPL_KIND_SMS, 1,
	    "{{items_table}} is not allowed in an SMS or instant-message template");
	expect_error("a {{name\n", TMPL_KIND_IM, 1, "\"{{\" not closed by \"}}\" on its line");
	expect_error("Dear {{name}}\n", TMPL_KIND_TXT, 1,
	    "the first line must be \"Subject: ...\", the e-mail's subject");
	expect_error("", TMPL_KIND_TXT, 1, "the first line must be \"Subject: ...\", the e-mail's subject");
	expect_error("Subject: x\n\n\xff\n", TMPL_KIND_TXT, 3, "not UTF-8");
	expect_error("Subject: {{#letter}}x\n\nbody{{/letter}}\n", TMPL_KIND_TXT, 1,
	    "{{#letter}} is never closed on the Subject line");
}

static void
element_field_hides_a_top_level_one(void)
{
	struct data d = { "X", 2, false };
	struct ar_error e = { 0 };
	char got[256];
	ar_err err = run("{{amount}} {{#items}}{{amount}} {{/items}}{{amount}}", TMPL_KIND_SMS, &d,
	    NULL, got, sizeof got, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_STR(got, "due 1.00 2.00 due");
}

static void
missing_file_is_a_configuration_error(void)
{
	struct tmpl *t;
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(tmpl_load("/nonexistent/reminder.en.txt", TMPL_KIND_TXT, schema, NF, &t, &e),
	    AR_ECONFIG);
	EXPECT(t == NULL);
	EXPECT_EQ_STR(e.message, "cannot read: No such file or directory");
}

static void
knows_which_fields_it_uses(void)
{
	struct tmpl *t;
	struct ar_error e = { 0 };
	const char *text = "{{#letter}}\n{{items_table}}\n{{/letter}}\n";

	EXPECT_EQ_INT(tmpl_compile(text, strlen(text), TMPL_KIND_HTML, schema, NF, &t, &e), AR_OK);
	EXPECT(tmpl_uses(t, F_TABLE));
	EXPECT(!tmpl_uses(t, F_NAME));
	tmpl_free(t);
}

int
main(void)
{
	RUN(renders_fields_filters_and_loops);
	RUN(escapes_html_only_in_html);
	RUN(standalone_lines_vanish);
	RUN(rejects_bad_templates_at_their_line);
	RUN(element_field_hides_a_top_level_one);
	RUN(missing_file_is_a_configuration_error);
	RUN(knows_which_fields_it_uses);
	return test_summary();
}
