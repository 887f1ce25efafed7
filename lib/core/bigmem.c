/* bigmem.c - large random-access tables in huge pages (bigmem.h). */
#include "core/bigmem.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

static void *
big_block(size_t size)
{
	void *p;

	if (size < 2 * HUGE_PAGE)
		return malloc(size ? size : 1);
	if (posix_memalign(&p, HUGE_PAGE, size) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);   /* advice only: without it, small pages */
#endif
	return p;
}

void *
bigmem_zeroed(size_t size)
{
	void *p;

	if (size < 2 * HUGE_PAGE)
		return calloc(1, size ? size : 1);
	if ((p = big_block(size)) != NULL)
		memset(p, 0, size);
	return p;
}

void *
bigmem_grow(void *p, size_t used, size_t size)
{
	void *q;

	if (size < 2 * HUGE_PAGE)
		return realloc(p, size ? size : 1);
	if ((q = big_block(size)) == NULL)
		return NULL;
	if (used > 0)
		memcpy(q, p, used);
	free(p);
	return q;
}
