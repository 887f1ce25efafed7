/* ctos_spill.c - open items kept on disk for a credit-bureau run (ctos_spill.h). */
#include "ar/ctos_spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The doc_nos read back, in blocks that never move (items point into them). */
struct doc_block {
	struct doc_block *next;
	size_t used, cap;
	char text[];
};

struct ctos_spill {
	FILE *fp;
	struct doc_block *docs;
};

enum { DOC_BLOCK = 64 * 1024 };

static char *
doc_copy_room(struct ctos_spill *s, size_t len)
{
	struct doc_block *b = s->docs;

	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > DOC_BLOCK ? len + 1 : DOC_BLOCK;

		if ((b = malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->next = s->docs;
		b->used = 0;
		b->cap = cap;
		s->docs = b;
	}
	b->used += len + 1;
	return b->text + b->used - (len + 1);
}

void
ctos_spill_forget(struct ctos_spill *s)
{
	while (s->docs != NULL) {
		struct doc_block *next = s->docs->next;

		free(s->docs);
		s->docs = next;
	}
}

/* One item on disk: this, then doc_len bytes of doc_no. */
struct record {
	uint32_t debtor;
	uint32_t doc_len;
	int64_t amount;
	civil_day doc_date, due_date;
	int32_t disputed;
};

ar_err
ctos_spill_open(struct ctos_spill **out)
{
	struct ctos_spill *s = calloc(1, sizeof *s);

	*out = NULL;
	if (s == NULL)
		return AR_ENOMEM;
	if ((s->fp = tmpfile()) == NULL) {
		int saved = errno;

		free(s);
		errno = saved;
		return AR_EIO;
	}
	*out = s;
	return AR_OK;
}

void
ctos_spill_close(struct ctos_spill *s)
{
	if (s == NULL)
		return;
	ctos_spill_forget(s);
	fclose(s->fp);
	free(s);
}

ar_err
ctos_spill_put(struct ctos_spill *s, uint32_t debtor, const struct ctos_item *it,
    size_t len)
{
	struct record r;

	memset(&r, 0, sizeof r);
	r.debtor = debtor;
	if (len > UINT32_MAX) {
		errno = EOVERFLOW;
		return AR_EIO;
	}
	r.doc_len = (uint32_t)len;
	r.amount = it->amount;
	r.doc_date = it->doc_date;
	r.due_date = it->due_date;
	r.disputed = it->disputed;
	if (fwrite(&r, sizeof r, 1, s->fp) != 1 || fwrite(it->doc_no, 1, len, s->fp) != len)
		return AR_EIO;
	return AR_OK;
}

static ar_err
keep(struct ctos_spill_items *d, const struct record *r, char *doc_no)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 8;
		struct ctos_item *items = realloc(d->items, cap * sizeof *items);

		if (items == NULL)
			return AR_ENOMEM;
		d->items = items;
		d->cap = cap;
	}
	d->items[d->n++] = (struct ctos_item){ doc_no, r->doc_date, r->due_date, r->amount,
	    r->disputed != 0 };
	return AR_OK;
}

ar_err
ctos_spill_gather(struct ctos_spill *s, const int32_t *slot, size_t ndebtors,
    struct ctos_spill_items *out)
{
	struct record r;

	if (fflush(s->fp) != 0 || fseek(s->fp, 0, SEEK_SET) != 0)
		return AR_EIO;
	while (fread(&r, sizeof r, 1, s->fp) == 1) {
		bool wanted = r.debtor < ndebtors && slot[r.debtor] >= 0;
		char *doc_no;

		if (!wanted) {
			char skip[256];

			if (r.doc_len <= sizeof skip ? fread(skip, 1, r.doc_len, s->fp) != r.doc_len :
			    fseek(s->fp, r.doc_len, SEEK_CUR) != 0)
				return AR_EIO;
			continue;
		}
		if ((doc_no = doc_copy_room(s, r.doc_len)) == NULL)
			return AR_ENOMEM;
		if (fread(doc_no, 1, r.doc_len, s->fp) != r.doc_len)
			return AR_EIO;
		doc_no[r.doc_len] = '\0';
		if (keep(&out[slot[r.debtor]], &r, doc_no) != AR_OK)
			return AR_ENOMEM;
	}
	if (ferror(s->fp))
		return AR_EIO;
	return AR_OK;
}

void
ctos_spill_items_free(struct ctos_spill_items *it)
{
	free(it->items);
	it->items = NULL;
	it->n = it->cap = 0;
}

ar_err
ctos_spill_passes(struct ctos_spill *s, const uint32_t *ids, const size_t *lines, size_t n,
    size_t ndebtors, size_t budget, ctos_spill_fn *fn, void *arg)
{
	int32_t *slot = malloc((ndebtors ? ndebtors : 1) * sizeof *slot);
	struct ctos_spill_items *items = calloc(n ? n : 1, sizeof *items);
	size_t next = 0;
	ar_err err = slot == NULL || items == NULL ? AR_ENOMEM : AR_OK;

	for (size_t id = 0; slot != NULL && id < ndebtors; id++)
		slot[id] = -1;
	while (err == AR_OK && next < n) {
		size_t first = next, sum = 0;

		for (; next < n && (next == first || sum + lines[next] <= budget); next++) {
			slot[ids[next]] = (int32_t)(next - first);
			sum += lines[next];
		}
		err = ctos_spill_gather(s, slot, ndebtors, items);
		for (size_t i = first; i < next; i++) {
			if (err == AR_OK)
				fn(arg, i, &items[i - first]);
			ctos_spill_items_free(&items[i - first]);
			slot[ids[i]] = -1;
		}
		ctos_spill_forget(s);
	}
	free(items);
	free(slot);
	return err;
}
