/*
 * aging_parallel.h - an aging of regular files read by several threads
 * (ar-age --jobs): each file cut into ranges at record boundaries
 * (csv_split), the first range aged into the run's aging itself by one
 * thread, each later one into its own by another (its own customers, lent
 * the master: customers_share), these merged in file order (aging_merge).
 * What comes out is what aging_report_feed gives reading the same files
 * one after the other, byte for byte:
 *
 * - the figures: sums and maxima merge exactly; a customer not in the
 *   master is named by its first item, as the ranges merge in order;
 * - a sum that overflows, at its item: the merge is known safe when the
 *   magnitudes of all the amounts fit in 64 bits (aging_report.magnitude);
 *   when they don't (amounts of 10^17 and more), the later ranges are read
 *   again as one, into the run's aging, which then holds what one reader
 *   would have held there;
 * - what feed->bad_row and feed->duplicate are told, and in which order:
 *   the threads keep the bad rows they skip, and log each item's
 *   fingerprint; after the file, the logs are checked for repeats in file
 *   order (by threads again, each a share of the fingerprints, so that the
 *   check's table is split and nothing is looked at twice), and both are
 *   told to the callbacks in line order, as one reader would have;
 * - the first error: the ranges' errors and a repeat that stops the feed,
 *   whichever comes first in the file, with its line.
 *
 * Memory: the run's aging and the later threads' (each follows the
 * customers of its range; each let go once merged),
 * the bad rows skipped, and with repeats looked for, 16 bytes a logged item
 * besides item_keys' table, as one reader would keep.  The file is mapped
 * for the cut only, a span at a time, and let go as it is walked.
 */
#ifndef AGING_PARALLEL_H
#define AGING_PARALLEL_H

#include <stdbool.h>

#include "report/aging_report.h"

/*
 * Whether path can be read this way: a regular file; *big set when it
 * holds AGING_PARALLEL_MIN bytes or more (below that in all, a thread
 * costs more than it saves).
 */
#define AGING_PARALLEL_MIN (256 * 1024)
bool aging_parallel_fits(const char *path, bool *big);

struct aging_parallel;

/*
 * A reader of files for rep with jobs threads: feed is what each file is
 * fed with, as aging_report_feed takes it, but for detail (not allowed)
 * and progress (said at each file's end); with feed->keys the repeats are
 * looked for across every file fed (a file given twice).  NULL: out of
 * memory.
 */
struct aging_parallel *aging_parallel_new(struct aging_report *rep,
    const struct aging_feed *feed, unsigned jobs);
void aging_parallel_free(struct aging_parallel *par);

/*
 * Age the file path into rep as aging_report_feed(rep, whole, ...) would:
 * whole is the caller's reader of path, opened with opts (so that a file
 * that can't be read fails as it always has), which lends its header to
 * the ranges and its name to messages; it is not read further.  AR_OK, or
 * the error with *e (its line in path).  AR_EOPEN (errno set) when path
 * cannot be opened or mapped again.
 */
ar_err aging_parallel_feed(struct aging_parallel *par, struct csvio_reader *whole,
    const char *path, const struct csvio_opts *opts, struct ar_error *e);

#endif
