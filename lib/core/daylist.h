/*
 * daylist.h - a list of increasing limits in days, as a person writes it:
 * "30,60,90,120".  The aging buckets are such a list, in ar.ini ([aging]
 * buckets) and on the command line (ar-age --buckets); both are read here,
 * so that they accept the same lists.
 */
#ifndef DAYLIST_H
#define DAYLIST_H

#include "core/errors.h"

#define DAYLIST_MAX 12          /* limits in one list */
#define DAYLIST_DAYS_MAX 36500  /* the largest limit in days (a hundred years) */

/*
 * Read text into days[0..*n): 1 to DAYLIST_MAX whole numbers from 1 to
 * DAYLIST_DAYS_MAX, each larger than the one before, separated by commas;
 * blanks (space, tab) around a number are allowed.  days holds
 * DAYLIST_MAX.  AR_ESYNTAX when text is not numbers separated by commas
 * ("", "30,,60", "30,", "-30"), AR_ERANGE when a number is out of range,
 * not larger than the one before, or one too many; *n is then undefined.
 */
ar_err daylist_parse(const char *text, int *days, int *n);

#endif
