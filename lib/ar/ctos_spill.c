/* ctos_spill.c - open items kept on disk for a credit-bureau run (ctos_spill.h). */
#include "ar/ctos_spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctos_spill {
	FILE *fp;
};

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
			if (fseek(s->fp, r.doc_len, SEEK_CUR) != 0)
				return AR_EIO;
			continue;
		}
		if ((doc_no = malloc((size_t)r.doc_len + 1)) == NULL)
			return AR_ENOMEM;
		if (fread(doc_no, 1, r.doc_len, s->fp) != r.doc_len) {
			free(doc_no);
			return AR_EIO;
		}
		doc_no[r.doc_len] = '\0';
		if (keep(&out[slot[r.debtor]], &r, doc_no) != AR_OK) {
			free(doc_no);
			return AR_ENOMEM;
		}
	}
	if (ferror(s->fp))
		return AR_EIO;
	return AR_OK;
}

void
ctos_spill_items_free(struct ctos_spill_items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free((char *)it->items[i].doc_no);
	free(it->items);
	it->items = NULL;
	it->n = it->cap = 0;
}
