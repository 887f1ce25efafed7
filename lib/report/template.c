/*
 * template.c - compiling and rendering the template language (template.h).
 *
 * A template is compiled line by line into a flat list of nodes: literal
 * text, a field, a section's opening (which knows its closing node), a
 * closing, a block.  Rendering walks the list; a section repeats or skips
 * the nodes up to its closing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "report/template.h"

enum node_kind { N_TEXT, N_FIELD, N_OPEN, N_INVERT, N_CLOSE, N_BLOCK };

struct node {
	enum node_kind kind;
	int field;
	enum tmpl_filter filter;
	size_t start, len;      /* N_TEXT: text[start .. start + len) */
	size_t close;           /* N_OPEN, N_INVERT: index of its N_CLOSE */
};

struct tmpl {
	char *text;
	enum tmpl_kind kind;
	const struct tmpl_field *fields;
	size_t nfields;
	struct node *nodes;
	size_t nnodes, cap;
	size_t body;            /* nodes [0, body) the subject, [body, nnodes) the body */
};

/* An open section while compiling. */
struct open_section {
	size_t node;
	int field;
	long line;
};

struct compiler {
	struct tmpl *t;
	struct ar_error *e;
	struct open_section stack[16];
	size_t depth;
	long line;
};

ar_err
tmpl_buf_add(struct tmpl_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->data, cap)) == NULL)
			return AR_ENOMEM;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return AR_OK;
}

void
tmpl_buf_free(struct tmpl_buf *b)
{
	free(b->data);
	*b = (struct tmpl_buf){ 0 };
}

static ar_err
add_node(struct compiler *c, struct node n)
{
	struct tmpl *t = c->t;

	if (t->nnodes == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct node *v = realloc(t->nodes, cap * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		t->nodes = v;
		t->cap = cap;
	}
	t->nodes[t->nnodes++] = n;
	return AR_OK;
}

static ar_err
add_text(struct compiler *c, size_t start, size_t len)
{
	if (len == 0)
		return AR_OK;
	/* Run on from the previous literal when it ends where this one starts. */
	if (c->t->nnodes > 0) {
		struct node *last = &c->t->nodes[c->t->nnodes - 1];

		if (last->kind == N_TEXT && last->start + last->len == start) {
			last->len += len;
			return AR_OK;
		}
	}
	return add_node(c, (struct node){ N_TEXT, -1, TMPL_FILTER_NONE, start, len, 0 });
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static const char *
type_word(enum tmpl_type type)
{
	static const char *const word[] = { "text", "money", "a date", "a count", "a list",
		"a flag", "a block" };

	return word[type];
}

/* A field by name: a top-level one first, else an element field of some list. */
static int
find_field(const struct tmpl *t, const char *name, size_t len)
{
	int element = -1;

	for (size_t i = 0; i < t->nfields; i++)
		if (strlen(t->fields[i].name) == len && memcmp(t->fields[i].name, name, len) == 0) {
			if (t->fields[i].list < 0)
				return (int)i;
			if (element < 0)
				element = (int)i;
		}
	return element;
}

static bool
list_is_open(const struct compiler *c, int list)
{
	for (size_t i = 0; i < c->depth; i++)
		if (c->stack[i].field == list)
			return true;
	return false;
}

/* A field's name looked up and checked against where it is used. */
static ar_err
resolve(struct compiler *c, const char *name, size_t len, int *out)
{
	const struct tmpl *t = c->t;
	int f;

	if (len == 0)
		return ar_error_set(c->e, AR_ECONFIG, c->line, "a tag without a field name: {{}}");
	for (size_t i = 0; i < len; i++) {
		char ch = name[i];

		if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9')))
			return ar_error_set(c->e, AR_ECONFIG, c->line, "\"%.*s\" is not a field name "
			    "(letters, digits and _)", (int)len, name);
	}
	/* Inside a list, its element's field of a name hides the top-level one. */
	f = -1;
	for (size_t i = 0; i < t->nfields && f < 0; i++)
		if (t->fields[i].list >= 0 && list_is_open(c, t->fields[i].list) &&
		    strlen(t->fields[i].name) == len && memcmp(t->fields[i].name, name, len) == 0)
			f = (int)i;
	if (f < 0 && (f = find_field(t, name, len)) < 0)
		return ar_error_set(c->e, AR_ECONFIG, c->line, "unknown field \"%.*s\"", (int)len, name);
	if (t->fields[f].list >= 0 && !list_is_open(c, t->fields[f].list))
		return ar_error_set(c->e, AR_ECONFIG, c->line, "\"%.*s\" is a field of each of %s: "
		    "use it inside {{#%s}}...{{/%s}}", (int)len, name, t->fields[t->fields[f].list].name,
		    t->fields[t->fields[f].list].name, t->fields[t->fields[f].list].name);
	*out = f;
	return AR_OK;
}

static ar_err
parse_filter(struct compiler *c, int f, const char *s, size_t len, enum tmpl_filter *out)
{
	static const struct {
		const char *word;
		enum tmpl_filter filter;
		enum tmpl_type needs;
		const char *needs_word;
	} filters[] = {
		{ "money", TMPL_FILTER_MONEY, TMPL_MONEY, "a money" },
		{ "long", TMPL_FILTER_LONG, TMPL_DATE, "a date" },
		{ "words", TMPL_FILTER_WORDS, TMPL_MONEY, "a money" }
	};
	const struct tmpl_field *fd = &c->t->fields[f];

	while (len > 0 && is_blank(*s))
		s++, len--;
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		if (strlen(filters[i].word) != len || memcmp(filters[i].word, s, len) != 0)
			continue;
		if (fd->type != filters[i].needs)
			return ar_error_set(c->e, AR_ECONFIG, c->line, "filter %s needs %s field; \"%s\" "
			    "is %s", filters[i].word, filters[i].needs_word, fd->name,
			    type_word(fd->type));
		*out = filters[i].filter;
		return AR_OK;
	}
	return ar_error_set(c->e, AR_ECONFIG, c->line, "unknown filter \"%.*s\" (money, long, words)",
	    (int)len, s);
}

/* One tag's content (between the braces, blanks trimmed) into a node. */
static ar_err
compile_tag(struct compiler *c, const char *s, size_t len, struct node *n)
{
	const struct tmpl *t = c->t;
	ar_err err;
	int f;

	*n = (struct node){ N_FIELD, -1, TMPL_FILTER_NONE, 0, 0, 0 };
	if (len > 0 && s[0] == '!') {
		n->kind = N_TEXT;       /* a comment: nothing */
		return AR_OK;
	}
	if (len > 0 && (s[0] == '#' || s[0] == '^' || s[0] == '/')) {
		char sigil = s[0];
		size_t i = 1;

		while (i < len && is_blank(s[i]))
			i++;
		if ((err = resolve(c, s + i, len - i, &f)) != AR_OK)
			return err;
		n->field = f;
		if (sigil == '/') {
			struct open_section *top;

			if (c->depth == 0)
				return ar_error_set(c->e, AR_ECONFIG, c->line, "{{/%s}} closes no section",
				    t->fields[f].name);
			top = &c->stack[c->depth - 1];
			if (top->field != f)
				return ar_error_set(c->e, AR_ECONFIG, c->line, "{{/%s}} closes {{#%s}} of "
				    "line %ld", t->fields[f].name, t->fields[top->field].name, top->line);
			n->kind = N_CLOSE;
			return AR_OK;
		}
		if (t->fields[f].type != TMPL_LIST && t->fields[f].type != TMPL_FLAG)
			return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%c%s}}: \"%s\" is %s, not a list "
			    "or a flag", sigil, t->fields[f].name, t->fields[f].name,
			    type_word(t->fields[f].type));
		if (t->fields[f].type == TMPL_LIST && list_is_open(c, f))
			return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%c%s}} inside {{#%s}}",
			    sigil, t->fields[f].name, t->fields[f].name);
		if (c->depth == sizeof c->stack / sizeof c->stack[0])
			return ar_error_set(c->e, AR_ECONFIG, c->line, "sections nested more than %zu deep",
			    sizeof c->stack / sizeof c->stack[0]);
		n->kind = sigil == '#' ? N_OPEN : N_INVERT;
		return AR_OK;
	}
	{
		const char *bar = memchr(s, '|', len);
		size_t nlen = bar ? (size_t)(bar - s) : len;

		while (nlen > 0 && is_blank(s[nlen - 1]))
			nlen--;
		if ((err = resolve(c, s, nlen, &f)) != AR_OK)
			return err;
		n->field = f;
		switch (t->fields[f].type) {
		case TMPL_LIST: case TMPL_FLAG:
			return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%s}} is %s: use {{#%s}}...{{/%s}}",
			    t->fields[f].name, type_word(t->fields[f].type), t->fields[f].name,
			    t->fields[f].name);
		case TMPL_BLOCK:
			if (bar != NULL)
				return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%s}} takes no filter",
				    t->fields[f].name);
			if (t->kind == TMPL_KIND_SMS || t->kind == TMPL_KIND_IM)
				return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%s}} is not allowed in an "
				    "SMS or instant-message template", t->fields[f].name);
			n->kind = N_BLOCK;
			return AR_OK;
		default:
			break;
		}
		if (bar != NULL)
			return parse_filter(c, f, bar + 1, len - (size_t)(bar + 1 - s), &n->filter);
		return AR_OK;
	}
}

/* Open or close the section of a compiled tag node. */
static ar_err
section_step(struct compiler *c, const struct node *n)
{
	if (n->kind == N_OPEN || n->kind == N_INVERT) {
		c->stack[c->depth++] = (struct open_section){ c->t->nnodes - 1, n->field, c->line };
	} else if (n->kind == N_CLOSE) {
		c->t->nodes[c->stack[--c->depth].node].close = c->t->nnodes - 1;
	}
	return AR_OK;
}

/* The first "{{" or "}}" (pair) in s[0..n), or NULL. */
static const char *
find_pair(const char *s, size_t n, char ch)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == ch && s[i + 1] == ch)
			return s + i;
	return NULL;
}

struct tag_span {
	size_t open, close;     /* text offsets of "{{" and just after "}}" */
};

/*
 * Compile text[start, end) (one line, its '\n' included when it has one).
 * in_subject: the Subject line (no blocks, the line break not kept).
 */
static ar_err
compile_line(struct compiler *c, size_t start, size_t end, bool in_subject)
{
	const char *text = c->t->text;
	struct tag_span tags[64];
	size_t ntags = 0, pos = start, content_end = end;
	bool standalone = false;
	ar_err err;

	while (content_end > start && (text[content_end - 1] == '\n' || text[content_end - 1] == '\r'))
		content_end--;
	/* Find the tags of the line. */
	while (pos < content_end) {
		const char *open = find_pair(text + pos, content_end - pos, '{'), *close;

		if (open == NULL)
			break;
		close = find_pair(open + 2, (size_t)(text + content_end - (open + 2)), '}');
		if (close == NULL)
			return ar_error_set(c->e, AR_ECONFIG, c->line, "\"{{\" not closed by \"}}\" on its line");
		if (ntags == sizeof tags / sizeof tags[0])
			return ar_error_set(c->e, AR_ECONFIG, c->line, "more than %zu tags on one line",
			    sizeof tags / sizeof tags[0]);
		tags[ntags++] = (struct tag_span){ (size_t)(open - text), (size_t)(close + 2 - text) };
		pos = (size_t)(close + 2 - text);
	}
	/* A line of one section tag, comment or block and blanks is standalone. */
	if (ntags == 1 && !in_subject) {
		const char *inner = text + tags[0].open + 2;
		bool blank = true;

		while (is_blank(*inner))
			inner++;
		for (size_t i = start; i < tags[0].open && blank; i++)
			blank = is_blank(text[i]);
		for (size_t i = tags[0].close; i < content_end && blank; i++)
			blank = is_blank(text[i]);
		if (blank && (*inner == '#' || *inner == '^' || *inner == '/' || *inner == '!'))
			standalone = true;
		else if (blank && *inner != '{') {
			/* A block stands alone; any other field does not make a line standalone. */
			const char *s = inner, *e = text + tags[0].close - 2;
			int f;

			while (e > s && is_blank(e[-1]))
				e--;
			if ((f = find_field(c->t, s, (size_t)(e - s))) >= 0 &&
			    c->t->fields[f].type == TMPL_BLOCK)
				standalone = true;
		}
	}
	pos = start;
	for (size_t k = 0; k < ntags; k++) {
		const char *s = text + tags[k].open + 2;
		size_t len = tags[k].close - 2 - (tags[k].open + 2);
		struct node n;

		while (len > 0 && is_blank(*s))
			s++, len--;
		while (len > 0 && is_blank(s[len - 1]))
			len--;
		if (!standalone && (err = add_text(c, pos, tags[k].open - pos)) != AR_OK)
			return err;
		if ((err = compile_tag(c, s, len, &n)) != AR_OK)
			return err;
		if (n.kind == N_BLOCK && (!standalone || in_subject))
			return ar_error_set(c->e, AR_ECONFIG, c->line, "{{%s}} must stand alone on its line",
			    c->t->fields[n.field].name);
		if (n.kind != N_TEXT && (err = add_node(c, n)) != AR_OK)
			return err;
		if ((err = section_step(c, &n)) != AR_OK)
			return err;
		pos = tags[k].close;
	}
	if (!standalone)
		return add_text(c, pos, (in_subject ? content_end : end) - pos);
	return AR_OK;
}

static ar_err
unclosed(struct compiler *c, const char *where)
{
	const struct open_section *top = &c->stack[c->depth - 1];

	return ar_error_set(c->e, AR_ECONFIG, top->line, "{{%c%s}} is never closed%s",
	    c->t->nodes[top->node].kind == N_OPEN ? '#' : '^', c->t->fields[top->field].name, where);
}

ar_err
tmpl_compile(const char *text, size_t len, enum tmpl_kind kind,
    const struct tmpl_field *fields, size_t nfields, struct tmpl **out, struct ar_error *e)
{
	struct compiler c = { 0 };
	struct tmpl *t;
	size_t pos = 0;
	ar_err err = AR_OK;

	*out = NULL;
	if ((t = calloc(1, sizeof *t)) == NULL || (t->text = malloc(len + 1)) == NULL) {
		free(t);
		return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->kind = kind;
	t->fields = fields;
	t->nfields = nfields;
	c.t = t;
	c.e = e;
	/* A BOM is not text of the letter. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len && err == AR_OK) {
		const char *nl = memchr(t->text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - t->text) + 1 : len;

		c.line++;
		if (utf8_valid_prefix(t->text + pos, end - pos) != end - pos) {
			err = ar_error_set(e, AR_ECONFIG, c.line, "not UTF-8");
			break;
		}
		if (memchr(t->text + pos, '\0', end - pos) != NULL) {
			err = ar_error_set(e, AR_ECONFIG, c.line, "a NUL byte");
			break;
		}
		if (kind == TMPL_KIND_TXT && c.line == 1) {
			static const char key[] = "Subject:";
			size_t s = pos + sizeof key - 1;

			if (end - pos < sizeof key - 1 || memcmp(t->text + pos, key, sizeof key - 1) != 0) {
				err = ar_error_set(e, AR_ECONFIG, 1, "the first line must be \"Subject: ...\", "
				    "the e-mail's subject");
				break;
			}
			while (s < end && is_blank(t->text[s]))
				s++;
			if ((err = compile_line(&c, s, end, true)) == AR_OK && c.depth > 0)
				err = unclosed(&c, " on the Subject line");
			t->body = t->nnodes;
			pos = end;
			/* One blank line between the subject and the body. */
			if (pos < len && (t->text[pos] == '\n' ||
			    (t->text[pos] == '\r' && pos + 1 < len && t->text[pos + 1] == '\n'))) {
				pos += t->text[pos] == '\r' ? 2 : 1;
				c.line++;
			}
			continue;
		}
		err = compile_line(&c, pos, end, false);
		pos = end;
	}
	if (err == AR_OK && kind == TMPL_KIND_TXT && c.line == 0)
		err = ar_error_set(e, AR_ECONFIG, 1, "the first line must be \"Subject: ...\", "
		    "the e-mail's subject");
	if (err == AR_OK && c.depth > 0)
		err = unclosed(&c, "");
	if (err != AR_OK) {
		if (err == AR_ENOMEM)
			ar_error_set(e, AR_ENOMEM, 0, "out of memory");
		tmpl_free(t);
		return e->code;
	}
	*out = t;
	return AR_OK;
}

ar_err
tmpl_load(const char *path, enum tmpl_kind kind, const struct tmpl_field *fields,
    size_t nfields, struct tmpl **out, struct ar_error *e)
{
	FILE *fp = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0;
	ar_err err;

	*out = NULL;
	if (fp == NULL)
		return ar_error_set(e, AR_ECONFIG, 0, "cannot read: %s", strerror(errno));
	for (;;) {
		size_t n;

		if (len + 4096 > cap) {
			char *p = realloc(text, cap = cap ? cap * 2 : 8192);

			if (p == NULL) {
				free(text);
				fclose(fp);
				return ar_error_set(e, AR_ENOMEM, 0, "out of memory");
			}
			text = p;
		}
		n = fread(text + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		int saved = errno;

		free(text);
		fclose(fp);
		return ar_error_set(e, AR_ECONFIG, 0, "cannot read: %s", strerror(saved));
	}
	fclose(fp);
	err = tmpl_compile(text ? text : "", len, kind, fields, nfields, out, e);
	free(text);
	return err;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->nodes);
	free(t->text);
	free(t);
}

bool
tmpl_uses(const struct tmpl *t, int field)
{
	for (size_t i = 0; i < t->nnodes; i++)
		if (t->nodes[i].kind != N_TEXT && t->nodes[i].field == field)
			return true;
	return false;
}

/* ---- rendering ---- */

ar_err
tmpl_buf_add_html(struct tmpl_buf *out, const char *s, size_t n)
{
	size_t from = 0;
	ar_err err;

	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if ((err = tmpl_buf_add(out, s + from, i - from)) != AR_OK ||
		    (err = tmpl_buf_add(out, rep, strlen(rep))) != AR_OK)
			return err;
		from = i + 1;
	}
	return tmpl_buf_add(out, s + from, n - from);
}

struct render {
	const struct tmpl *t;
	const struct tmpl_data *d;
	struct tmpl_buf *out, scratch;
	size_t *element;        /* element[list field]: the one being rendered */
};

static ar_err
render_range(struct render *r, size_t from, size_t to)
{
	const struct tmpl *t = r->t;
	ar_err err;

	for (size_t i = from; i < to; i++) {
		const struct node *n = &t->nodes[i];

		switch (n->kind) {
		case N_TEXT:
			if ((err = tmpl_buf_add(r->out, t->text + n->start, n->len)) != AR_OK)
				return err;
			break;
		case N_FIELD: {
			int list = t->fields[n->field].list;

			r->scratch.len = 0;
			if ((err = r->d->value(r->d->ctx, n->field, list >= 0 ? r->element[list] : 0,
			    n->filter, &r->scratch)) != AR_OK)
				return err;
			err = t->kind == TMPL_KIND_HTML ? tmpl_buf_add_html(r->out, r->scratch.data, r->scratch.len) :
			    tmpl_buf_add(r->out, r->scratch.data, r->scratch.len);
			if (err != AR_OK)
				return err;
			break;
		}
		case N_BLOCK:
			if ((err = r->d->block(r->d->ctx, n->field, r->out)) != AR_OK)
				return err;
			break;
		case N_OPEN:
		case N_INVERT: {
			bool invert = n->kind == N_INVERT;

			if (t->fields[n->field].type == TMPL_LIST) {
				size_t count = r->d->count(r->d->ctx, n->field);

				if (invert) {
					if (count == 0 && (err = render_range(r, i + 1, n->close)) != AR_OK)
						return err;
				} else {
					for (size_t k = 0; k < count; k++) {
						r->element[n->field] = k;
						if ((err = render_range(r, i + 1, n->close)) != AR_OK)
							return err;
					}
				}
			} else {
				int list = t->fields[n->field].list;
				bool on = r->d->flag(r->d->ctx, n->field, list >= 0 ? r->element[list] : 0);

				if (on != invert && (err = render_range(r, i + 1, n->close)) != AR_OK)
					return err;
			}
			i = n->close;
			break;
		}
		case N_CLOSE:
			break;
		}
	}
	return AR_OK;
}

static ar_err
render(const struct tmpl *t, const struct tmpl_data *d, struct tmpl_buf *out, size_t from,
    size_t to)
{
	struct render r = { t, d, out, { 0 }, NULL };
	ar_err err;

	if ((r.element = calloc(t->nfields ? t->nfields : 1, sizeof *r.element)) == NULL)
		return AR_ENOMEM;
	err = render_range(&r, from, to);
	free(r.element);
	tmpl_buf_free(&r.scratch);
	return err;
}

ar_err
tmpl_render(const struct tmpl *t, const struct tmpl_data *d, struct tmpl_buf *out)
{
	return render(t, d, out, t->body, t->nnodes);
}

ar_err
tmpl_render_subject(const struct tmpl *t, const struct tmpl_data *d, struct tmpl_buf *out)
{
	return render(t, d, out, 0, t->body);
}
