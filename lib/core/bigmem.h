/*
 * bigmem.h - memory for a large table looked up at random (a hash of a
 * million keys, a million aging rows), in huge pages where the kernel
 * offers them (transparent huge pages in "madvise" mode, Debian's
 * default).  With 4 KiB pages nearly every random lookup in such a table
 * missed the TLB, and the first touch of every page faulted.  Below two
 * huge pages it is plain malloc.  Freed with free().
 */
#ifndef BIGMEM_H
#define BIGMEM_H

#include <stddef.h>

/* size bytes, zeroed; NULL when out of memory. */
void *bigmem_zeroed(size_t size);

/*
 * A block of size bytes (not zeroed past used) holding the first used
 * bytes of p, which is freed; like realloc, NULL (p untouched) when out
 * of memory.
 */
void *bigmem_grow(void *p, size_t used, size_t size);

#endif
