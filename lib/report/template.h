/*
 * template.h - the small template language of the documents sent to
 * debtors (letters, e-mails, SMS, instant messages): man 7
 * artools-templates.
 *
 *   {{field}}  {{field|money}}  {{field|long}}  {{field|words}}
 *   {{#list}}...{{/list}}  {{#flag}}...{{/flag}}  {{^flag}}...{{/flag}}
 *   {{! comment}}  {{block}} alone on its line
 *
 * The engine knows no field: the caller hands it a schema (names, types,
 * which list an item field belongs to) when a template is loaded, and a
 * tmpl_data of callbacks when it is rendered.  Every check that can be made
 * on the text is made at load time, so that a run finds a bad template
 * before it writes or journals anything: an unknown field or filter, a
 * filter on a field of the wrong type, an unclosed or mismatched section,
 * an item field outside its list, a block not alone on its line.  Errors
 * are AR_ECONFIG (exit 78) at the template's line.
 *
 * Lines holding only a section tag or a comment disappear whole, as in
 * Mustache, so that sections can be written on lines of their own.
 */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/errors.h"

enum tmpl_type {
	TMPL_TEXT, TMPL_MONEY, TMPL_DATE, TMPL_COUNT,
	TMPL_LIST,      /* {{#name}} repeats for each element */
	TMPL_FLAG,      /* {{#name}} / {{^name}} when true / false */
	TMPL_BLOCK      /* {{name}} alone on a line: the caller renders whole lines */
};

struct tmpl_field {
	const char *name;
	enum tmpl_type type;
	int list;       /* index of the TMPL_LIST field it is an element field of; -1: top level */
};

enum tmpl_filter { TMPL_FILTER_NONE, TMPL_FILTER_MONEY, TMPL_FILTER_LONG, TMPL_FILTER_WORDS };

/* What a template is for: how its values are escaped, what it may hold. */
enum tmpl_kind {
	TMPL_KIND_TXT,  /* e-mail text and letter body: first line "Subject: ..." */
	TMPL_KIND_HTML, /* every value HTML-escaped */
	TMPL_KIND_SMS,  /* no blocks */
	TMPL_KIND_IM    /* no blocks */
};

/* A growable text the renderer writes into; {0} is empty. */
struct tmpl_buf {
	char *data;     /* NUL-terminated when len > 0 */
	size_t len, cap;
};

ar_err tmpl_buf_add(struct tmpl_buf *b, const char *s, size_t n);

/* s[0..n) HTML-escaped (& < > " ') onto b, as {{field}} in an HTML template. */
ar_err tmpl_buf_add_html(struct tmpl_buf *b, const char *s, size_t n);
void tmpl_buf_free(struct tmpl_buf *b);

struct tmpl;

/*
 * Compile text[0..len) (UTF-8) read from path (for messages only) against
 * the schema fields[0..nfields).  The schema must outlive the template.
 * AR_ECONFIG with *e at the template's line on any error named above (or
 * AR_ENOMEM).  The caller frees *out with tmpl_free.
 */
ar_err tmpl_compile(const char *text, size_t len, enum tmpl_kind kind,
    const struct tmpl_field *fields, size_t nfields, struct tmpl **out, struct ar_error *e);

/*
 * tmpl_compile of the file at path.  A file that cannot be read is
 * AR_ECONFIG at line 0 ("cannot read: No such file or directory").
 */
ar_err tmpl_load(const char *path, enum tmpl_kind kind, const struct tmpl_field *fields,
    size_t nfields, struct tmpl **out, struct ar_error *e);

void tmpl_free(struct tmpl *t);

/* Whether the template uses the field anywhere (e.g. a block). */
bool tmpl_uses(const struct tmpl *t, int field);

struct tmpl_data {
	void *ctx;
	/*
	 * The value of field (TMPL_TEXT, _MONEY, _DATE or _COUNT) with filter
	 * applied, appended to out unescaped; element is the index in its list
	 * for an element field (0 otherwise).
	 */
	ar_err (*value)(void *ctx, int field, size_t element, enum tmpl_filter filter,
	    struct tmpl_buf *out);
	size_t (*count)(void *ctx, int list);       /* elements of a TMPL_LIST field */
	/* A TMPL_FLAG field; element as for value (a flag may be an element field of a list). */
	bool (*flag)(void *ctx, int field, size_t element);
	/* A TMPL_BLOCK field's whole lines, each ending in '\n', appended to out as they are. */
	ar_err (*block)(void *ctx, int field, struct tmpl_buf *out);
};

/*
 * Render the body (for TMPL_KIND_TXT, what follows the Subject line and
 * the blank line after it) appended to out.  Errors are the callbacks'.
 */
ar_err tmpl_render(const struct tmpl *t, const struct tmpl_data *d, struct tmpl_buf *out);

/* The subject of a TMPL_KIND_TXT template appended to out (nothing for another kind). */
ar_err tmpl_render_subject(const struct tmpl *t, const struct tmpl_data *d, struct tmpl_buf *out);

#endif
