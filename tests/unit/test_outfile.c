/* test_outfile.c - output appears whole or not at all. */
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/outfile.h"

static char dir[64];

static int
files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
read_file(const char *path, char *buf, size_t cap)
{
	FILE *fp = fopen(path, "r");
	size_t n = fp ? fread(buf, 1, cap - 1, fp) : 0;

	buf[n] = '\0';
	if (fp)
		fclose(fp);
}

static void
commit_renames_over_the_old_file(void)
{
	char path[128], buf[64];
	struct outfile o;
	FILE *fp;

	snprintf(path, sizeof path, "%s/aging.csv", dir);
	fp = fopen(path, "w");
	fputs("old\n", fp);
	fclose(fp);
	EXPECT_EQ_INT(outfile_open(&o, path), AR_OK);
	fputs("new\n", o.fp);
	read_file(path, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "old\n");   /* untouched until the commit */
	EXPECT_EQ_INT(files_in_dir(), 2);
	EXPECT_EQ_INT(outfile_commit(&o), AR_OK);
	read_file(path, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "new\n");
	EXPECT_EQ_INT(files_in_dir(), 1);
	unlink(path);
}

static void
abort_leaves_nothing_behind(void)
{
	char path[128];
	struct outfile o;

	snprintf(path, sizeof path, "%s/half.csv", dir);
	EXPECT_EQ_INT(outfile_open(&o, path), AR_OK);
	fputs("half a report", o.fp);
	outfile_abort(&o);
	EXPECT_EQ_INT(files_in_dir(), 0);
	EXPECT(access(path, F_OK) != 0);
}

static void
full_device_fails_at_commit(void)
{
	struct outfile o;

	if (access("/dev/full", W_OK) != 0)
		return;
	EXPECT_EQ_INT(outfile_open(&o, "/dev/full"), AR_OK);
	EXPECT(o.tmp_path == NULL);   /* a device is written in place, never renamed over */
	for (int i = 0; i < 10000; i++)
		fputs("0123456789", o.fp);
	EXPECT_EQ_INT(outfile_commit(&o), AR_EIO);
	EXPECT(access("/dev/full", W_OK) == 0);
}

static void
missing_directory_cannot_be_created(void)
{
	struct outfile o;

	EXPECT_EQ_INT(outfile_open(&o, "/nonexistent-dir/aging.csv"), AR_ECREATE);
}

int
main(void)
{
	snprintf(dir, sizeof dir, "/tmp/artools-outfile-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(commit_renames_over_the_old_file);
	RUN(abort_leaves_nothing_behind);
	RUN(full_device_fails_at_commit);
	RUN(missing_directory_cannot_be_created);
	rmdir(dir);
	return test_summary();
}
