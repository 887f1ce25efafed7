/*
 * test_config.c - ar.ini: lookup order, schema, types, messages.
 *
 * Every case runs in a sandbox: a fresh temporary directory as the working
 * directory, $HOME pointed into it, $AR_CONFIG and $XDG_CONFIG_HOME unset.
 * The sandbox puts back the working directory and the environment after.
 */
#define _XOPEN_SOURCE 700	/* nftw */

#include "core/config.h"
#include "core/currency.h"
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char sandbox[64];
static char old_cwd[4096];
static const char *const saved_names[] = { "AR_CONFIG", "XDG_CONFIG_HOME", "HOME" };
static char *saved_values[3];

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("# cannot write %s\n", path);
		abort();
	}
}

/* Like put, for text holding NUL bytes. */
static void
put_bytes(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
		abort();
}

static void
enter(void)
{
	char home[128];
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(saved_names[i]);
		saved_values[i] = v ? strdup(v) : NULL;
	}
	snprintf(sandbox, sizeof sandbox, "/tmp/test_config.XXXXXX");
	if (getcwd(old_cwd, sizeof old_cwd) == NULL || mkdtemp(sandbox) == NULL ||
	    chdir(sandbox) != 0)
		abort();
	mkdir("home", 0700);
	mkdir("xdg", 0700);
	mkdir("work", 0700);
	snprintf(home, sizeof home, "%s/home", sandbox);
	setenv("HOME", home, 1);
	unsetenv("AR_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	if (chdir("work") != 0)
		abort();
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void
leave(void)
{
	size_t i;

	if (chdir(old_cwd) != 0)
		abort();
	nftw(sandbox, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	for (i = 0; i < 3; i++) {
		if (saved_values[i] != NULL)
			setenv(saved_names[i], saved_values[i], 1);
		else
			unsetenv(saved_names[i]);
		free(saved_values[i]);
	}
}

/*
 * A field of config_error, out of sight of gcc's -Wformat-truncation, which
 * otherwise warns that test.h's message buffer could not hold all of it.
 */
static __attribute__((noinline)) const char *
field(const char *s)
{
	return s;
}

/* Load text written to t.ini; NULL when it fails (err says why). */
static struct ar_config *
load(const char *text, ar_err *rc, struct ar_error *err)
{
	struct ar_config *cfg;

	put("t.ini", text);
	*rc = config_load("t.ini", &cfg, err);
	return cfg;
}

/* The error a text gives, as "LINE: MESSAGE", in a static buffer. */
static const char *
error_of(const char *text)
{
	static char buf[700];
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	cfg = load(text, &rc, &err);
	if (rc == AR_OK) {
		config_free(cfg);
		return "(loaded)";
	}
	snprintf(buf, sizeof buf, "%s%ld: %s", rc == AR_ECONFIG ? "" : "(not ECONFIG) ",
	    err.line, err.message);
	if (cfg != NULL || strcmp(err.file, "t.ini") != 0)
		return "(bad out or file)";
	return buf;
}

/* A key's value, as config_get_string gives it, when text loads. */
static const char *
value_of(const char *text, const char *key)
{
	static char buf[700];
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	if ((cfg = load(text, &rc, &err)) == NULL) {
		snprintf(buf, sizeof buf, "(error %ld: %s)", err.line, err.message);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s", config_get_string(cfg, key));
	config_free(cfg);
	return buf;
}

static int
exponent_of(const char *code)
{
	currency_id id;

	if (currency_lookup(code, strlen(code), &id) != AR_OK)
		return -1;
	return currency_exponent(id);
}

/* Whether fn(cfg) aborts, run in a child. */
static bool
aborts(void (*fn)(const struct ar_config *), const struct ar_config *cfg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		fn(cfg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

/* -- lookup order -- */

static void
config_defaults_without_any_file(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	int b[CONFIG_BUCKETS_MAX];

	enter();
	EXPECT_EQ_INT(config_load(NULL, &cfg, &err), AR_OK);
	EXPECT(cfg != NULL && config_path(cfg) == NULL);
	EXPECT_EQ_INT(config_get_char(cfg, "input:delimiter"), ',');
	EXPECT_EQ_STR(config_get_string(cfg, "input:decimal"), "point");
	EXPECT_EQ_STR(config_get_string(cfg, "input:date_order"), "day-first");
	EXPECT(config_get_bool(cfg, "input:roc_dates"));
	EXPECT(config_get_bool(cfg, "input:excel_serial_dates"));
	EXPECT_EQ_INT(config_get_buckets(cfg, "aging:buckets", b, CONFIG_BUCKETS_MAX), 4);
	EXPECT(b[0] == 30 && b[1] == 60 && b[2] == 90 && b[3] == 120);
	EXPECT_EQ_STR(config_get_string(cfg, "aging:buckets"), "30,60,90,120");
	EXPECT_EQ_STR(config_get_string(cfg, "aging:basis"), "due");
	EXPECT_EQ_STR(config_get_string(cfg, "aging:credits"), "own-date");
	EXPECT_EQ_INT(config_get_long(cfg, "aging:default_terms_days"), 30);
	EXPECT_EQ_STR(config_get_string(cfg, "company:name"), "");
	EXPECT_EQ_STR(config_get_string(cfg, "company:default_currency"), "MYR");
	EXPECT(!config_has(cfg, "aging:basis"));
	EXPECT(!config_has(cfg, "currency.twd:exponent"));
	EXPECT_EQ_STR(config_get_string(cfg, "input:delimiter"), ",");
	EXPECT_EQ_STR(config_get_string(cfg, "input:roc_dates"), "yes");
	EXPECT_EQ_STR(config_get_string(cfg, "aging:default_terms_days"), "30");
	EXPECT_EQ_INT(config_get_buckets(cfg, "aging:buckets", NULL, 0), 4);
	config_free(cfg);
	leave();
}

static void
config_empty_file_gives_defaults(void)
{
	enter();
	EXPECT_EQ_STR(value_of("", "aging:basis"), "due");
	EXPECT_EQ_STR(value_of("; only a comment\n\n", "company:default_currency"), "MYR");
	leave();
}

/* Writes a file naming itself in [company] name. */
static void
put_named(const char *path)
{
	char text[600];

	snprintf(text, sizeof text, "[company]\nname = %s\n", path);
	put(path, text);
}

static const char *
chosen_name(const char *explicit_path)
{
	static char buf[600];
	struct ar_error err;
	struct ar_config *cfg;

	if (config_load(explicit_path, &cfg, &err) != AR_OK) {
		snprintf(buf, sizeof buf, "(error: %s)", err.message);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s", config_has(cfg, "company:name") ?
	    config_get_string(cfg, "company:name") : "(defaults)");
	config_free(cfg);
	return buf;
}

static void
config_lookup_order_each_step_wins_over_the_later(void)
{
	char xdg[128];

	enter();
	mkdir("../home/.config", 0700);
	mkdir("../home/.config/artools", 0700);
	mkdir("../xdg/artools", 0700);
	put_named("../home/.config/artools/ar.ini");
	EXPECT_EQ_STR(chosen_name(NULL), "../home/.config/artools/ar.ini");
	put_named("../xdg/artools/ar.ini");
	EXPECT_EQ_STR(chosen_name(NULL), "../home/.config/artools/ar.ini");
	snprintf(xdg, sizeof xdg, "%s/xdg", sandbox);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	EXPECT_EQ_STR(chosen_name(NULL), "../xdg/artools/ar.ini");
	put_named("ar.ini");
	EXPECT_EQ_STR(chosen_name(NULL), "ar.ini");
	put_named("env.ini");
	setenv("AR_CONFIG", "env.ini", 1);
	EXPECT_EQ_STR(chosen_name(NULL), "env.ini");
	put_named("explicit.ini");
	EXPECT_EQ_STR(chosen_name("explicit.ini"), "explicit.ini");
	leave();
}

static void
config_lookup_reads_only_the_first_file(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	put("ar.ini", "[aging]\nbasis = doc\n");
	put("other.ini", "[aging]\ncredits = current\n");
	EXPECT_EQ_INT(config_load("other.ini", &cfg, &err), AR_OK);
	EXPECT_EQ_STR(config_path(cfg), "other.ini");
	EXPECT_EQ_STR(config_get_string(cfg, "aging:basis"), "due");
	EXPECT_EQ_STR(config_get_string(cfg, "aging:credits"), "current");
	config_free(cfg);
	leave();
}

static void
config_relative_or_empty_xdg_falls_back_to_home(void)
{
	enter();
	mkdir("../home/.config", 0700);
	mkdir("../home/.config/artools", 0700);
	mkdir("xdg", 0700);
	mkdir("xdg/artools", 0700);
	put_named("../home/.config/artools/ar.ini");
	put_named("xdg/artools/ar.ini");
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	EXPECT_EQ_STR(chosen_name(NULL), "../home/.config/artools/ar.ini");
	setenv("XDG_CONFIG_HOME", "", 1);
	EXPECT_EQ_STR(chosen_name(NULL), "../home/.config/artools/ar.ini");
	unsetenv("HOME");
	EXPECT_EQ_STR(chosen_name(NULL), "(defaults)");
	leave();
}

static void
config_empty_ar_config_counts_as_unset(void)
{
	enter();
	put_named("ar.ini");
	setenv("AR_CONFIG", "", 1);
	EXPECT_EQ_STR(chosen_name(NULL), "ar.ini");
	leave();
}

static void
config_explicit_missing_file_is_eopen(void)
{
	struct ar_error err;
	struct ar_config *cfg = (struct ar_config *)&err;

	enter();
	put_named("ar.ini");
	EXPECT_EQ_INT(config_load("missing.ini", &cfg, &err), AR_EOPEN);
	EXPECT(cfg == NULL);
	EXPECT_EQ_STR(field(err.file), "missing.ini");
	EXPECT_EQ_INT(err.line, 0);
	EXPECT_EQ_STR(field(err.message), "cannot open: No such file or directory");
	EXPECT_EQ_INT(config_load("", &cfg, &err), AR_EOPEN);
	EXPECT_EQ_INT(config_load("missing/ar.ini", &cfg, &err), AR_EOPEN);
	EXPECT_EQ_STR(field(err.message), "cannot open: No such file or directory");
	leave();
}

static void
config_ar_config_missing_file_is_eopen(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	put_named("ar.ini");
	setenv("AR_CONFIG", "gone.ini", 1);
	EXPECT_EQ_INT(config_load(NULL, &cfg, &err), AR_EOPEN);
	EXPECT_EQ_STR(field(err.file), "gone.ini");
	EXPECT_EQ_STR(field(err.message),
	    "cannot open (named by $AR_CONFIG): No such file or directory");
	leave();
}

static void
config_directory_is_eopen(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	mkdir("ar.ini", 0700);
	EXPECT_EQ_INT(config_load(NULL, &cfg, &err), AR_EOPEN);
	EXPECT_EQ_STR(field(err.file), "ar.ini");
	EXPECT_EQ_STR(field(err.message), "cannot open: Is a directory");
	leave();
}

static void
config_unreadable_file_is_eopen(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	put("t.ini", "[aging]\n");
	chmod("t.ini", 0);
	if (access("t.ini", R_OK) == 0) {	/* root reads anything */
		leave();
		SKIP("running as root, who can read a mode-0 file");
	}
	EXPECT_EQ_INT(config_load("t.ini", &cfg, &err), AR_EOPEN);
	EXPECT_EQ_STR(field(err.message), "cannot open: Permission denied");
	leave();
}

/* -- every type, good and bad -- */

static void
config_char_takes_one_character_or_a_word(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = |\n", "input:delimiter"), "|");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = tab\n", "input:delimiter"), "\t");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = Semicolon\n", "input:delimiter"), ";");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = COMMA\n", "input:delimiter"), ",");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = pipe\n", "input:delimiter"), "|");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = \";\"\n", "input:delimiter"), ";");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = \" \"\n", "input:delimiter"), " ");
	EXPECT_EQ_STR(value_of("[input]\ndelimiter = \"\t\"\n", "input:delimiter"), "\t");
	leave();
}

static void
config_char_rejects_the_rest(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[input]\ndelimiter = ab\n"),
	    "2: [input] delimiter: \"ab\" is not one character or one of: "
	    "tab, semicolon, comma, pipe");
	EXPECT_EQ_STR(error_of("[input]\n\ndelimiter = ;\n"),
	    "3: [input] delimiter: \"\" is not one character or one of: "
	    "tab, semicolon, comma, pipe (an unquoted ; or # starts a comment)");
	EXPECT_EQ_STR(error_of("[input]\ndelimiter = '\"'\n"),
	    "2: [input] delimiter: \"\"\" is not one character or one of: "
	    "tab, semicolon, comma, pipe");
	EXPECT_EQ_STR(error_of("[input]\ndelimiter = \xc3\xa9\n"),
	    "2: [input] delimiter: \"\xc3\xa9\" is not one character or one of: "
	    "tab, semicolon, comma, pipe");
	leave();
}

static void
config_char_getter_returns_the_char(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	enter();
	cfg = load("[input]\ndelimiter = semicolon\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(config_get_char(cfg, "input:delimiter"), ';');
	EXPECT(config_has(cfg, "input:delimiter"));
	config_free(cfg);
	leave();
}

static void
config_enum_is_canonical_lower_case(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[input]\ndecimal = Comma\n", "input:decimal"), "comma");
	EXPECT_EQ_STR(value_of("[input]\ndate_order = MONTH-FIRST\n", "input:date_order"),
	    "month-first");
	EXPECT_EQ_STR(value_of("[aging]\nbasis = doc\n", "aging:basis"), "doc");
	EXPECT_EQ_STR(value_of("[aging]\ncredits = current\n", "aging:credits"), "current");
	EXPECT_EQ_STR(value_of("[aging]\ncredits = \" own-date \"\n", "aging:credits"),
	    "own-date");
	leave();
}

static void
config_enum_rejects_other_words(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[input]\ndecimal = dot\n"),
	    "2: [input] decimal: \"dot\" is not one of: point, comma");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due date\n"),
	    "2: [aging] basis: \"due date\" is not one of: due, doc");
	EXPECT_EQ_STR(error_of("[input]\ndate_order = day first\n"),
	    "2: [input] date_order: \"day first\" is not one of: day-first, month-first");
	leave();
}

/* [agency.NAME]: contract dates and commission tiers checked when ar.ini loads, spelled one way. */
static void
config_agency_dates_and_tiers(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[agency.Kredit-Recovery]\ntiers = 90:10,180:12.50 , *:15\n",
	    "agency.kredit-recovery:tiers"), "90:10, 180:12.5, *:15");
	EXPECT_EQ_STR(value_of("[agency.kr]\ncontract_end = 2026-12-31\n",
	    "agency.kr:contract_end"), "2026-12-31");
	EXPECT_EQ_STR(value_of("[agency.kr]\nmin_fee.twd = 1500\n", "agency.kr:min_fee.twd"),
	    "1500");
	EXPECT_EQ_STR(error_of("[agency.kr]\ncontract_end = 31/12/2026\n"),
	    "2: [agency.kr] contract_end: \"31/12/2026\" is not a date YYYY-MM-DD");
	EXPECT_EQ_STR(error_of("[agency.kr]\ncontract_end = 2026-02-30\n"),
	    "2: [agency.kr] contract_end: \"2026-02-30\" is not a date YYYY-MM-DD");
	EXPECT_EQ_STR(error_of("[agency.kr]\ntiers = 90:10, 180:12.5\n"),
	    "2: [agency.kr] tiers: \"90:10, 180:12.5\" is not DAYS:RATE pairs separated by "
	    "commas, days increasing, ending in *:RATE, rates per cents from 0 to 100 with at "
	    "most 3 decimals (90:10, 180:12.5, *:15)");
	EXPECT_EQ_STR(error_of("[agency.kr]\ntier_basis = age\n"),
	    "2: [agency.kr] tier_basis: \"age\" is not one of: days_assigned, debt_age");
	leave();
}

static void
config_bool_takes_eight_words_any_case(void)
{
	static const char *const yes[] = { "yes", "true", "1", "on", "YES", "True", "ON" };
	static const char *const no[] = { "no", "false", "0", "off", "No", "FALSE", "Off" };
	struct ar_error err;
	struct ar_config *cfg;
	char text[100];
	size_t i;
	ar_err rc;

	enter();
	for (i = 0; i < 7; i++) {
		snprintf(text, sizeof text, "[input]\nroc_dates = %s\n"
		    "excel_serial_dates = %s\n", yes[i], no[i]);
		cfg = load(text, &rc, &err);
		EXPECT_EQ_INT(rc, AR_OK);
		if (cfg == NULL)
			continue;
		EXPECT(config_get_bool(cfg, "input:roc_dates"));
		EXPECT(!config_get_bool(cfg, "input:excel_serial_dates"));
		EXPECT_EQ_STR(config_get_string(cfg, "input:roc_dates"), "yes");
		EXPECT_EQ_STR(config_get_string(cfg, "input:excel_serial_dates"), "no");
		config_free(cfg);
	}
	leave();
}

static void
config_bool_rejects_other_words(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[input]\nroc_dates = maybe\n"),
	    "2: [input] roc_dates: \"maybe\" is not yes or no (or true/false, on/off, 1/0)");
	EXPECT_EQ_STR(error_of("[input]\nexcel_serial_dates = y\n"),
	    "2: [input] excel_serial_dates: \"y\" is not yes or no (or true/false, on/off, 1/0)");
	EXPECT_EQ_STR(error_of("[input]\nroc_dates =\n"),
	    "2: [input] roc_dates: \"\" is not yes or no (or true/false, on/off, 1/0) "
	    "(an unquoted ; or # starts a comment)");
	leave();
}

static void
config_int_is_decimal_within_range(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	enter();
	EXPECT_EQ_STR(value_of("[aging]\ndefault_terms_days = 0\n", "aging:default_terms_days"), "0");
	EXPECT_EQ_STR(value_of("[aging]\ndefault_terms_days = 3650\n", "aging:default_terms_days"), "3650");
	cfg = load("[aging]\ndefault_terms_days = 030\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	if (cfg != NULL) {
		EXPECT_EQ_INT(config_get_long(cfg, "aging:default_terms_days"), 30);
		EXPECT_EQ_STR(config_get_string(cfg, "aging:default_terms_days"), "30");
		config_free(cfg);
	}
	leave();
}

static void
config_int_rejects_text_and_range(void)
{
	static const char *const bad[] = { "abc", "-1", "3651", "1e3", "0x10", "+5",
	    "12 days", "99999999999999999999999", "3.5" };
	char text[100], want[200];
	size_t i;

	enter();
	EXPECT_EQ_STR(error_of("[aging]\ndefault_terms_days = abc\n"),
	    "2: [aging] default_terms_days: \"abc\" is not a whole number from 0 to 3650");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[aging]\ndefault_terms_days = %s\n", bad[i]);
		snprintf(want, sizeof want, "2: [aging] default_terms_days: \"%s\" is not "
		    "a whole number from 0 to 3650", bad[i]);
		EXPECT_EQ_STR(error_of(text), want);
	}
	leave();
}

static void
config_buckets_take_spaces_and_give_the_list(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	int b[CONFIG_BUCKETS_MAX], two[2];
	ar_err rc;

	enter();
	cfg = load("[aging]\nbuckets = 7, 14 ,30,\t60\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	if (cfg != NULL) {
		EXPECT_EQ_INT(config_get_buckets(cfg, "aging:buckets", b, CONFIG_BUCKETS_MAX), 4);
		EXPECT(b[0] == 7 && b[1] == 14 && b[2] == 30 && b[3] == 60);
		EXPECT_EQ_STR(config_get_string(cfg, "aging:buckets"), "7,14,30,60");
		two[0] = two[1] = 0;
		EXPECT_EQ_INT(config_get_buckets(cfg, "aging:buckets", two, 2), 4);
		EXPECT(two[0] == 7 && two[1] == 14);
		config_free(cfg);
	}
	EXPECT_EQ_STR(value_of("[aging]\nbuckets = 36500\n", "aging:buckets"), "36500");
	EXPECT_EQ_STR(value_of("[aging]\nbuckets = 1,2,3,4,5,6,7,8,9,10,11,12\n",
	    "aging:buckets"), "1,2,3,4,5,6,7,8,9,10,11,12");
	leave();
}

static void
config_buckets_reject_bad_lists(void)
{
	static const char *const bad[] = { "30,30", "60,30", "0,30", "30,,60", "30,60,",
	    ",30", "1,2,3,4,5,6,7,8,9,10,11,12,13", "36501", "1.5", "30 60",
	    "-30", "x" };
	char text[100], want[300];
	size_t i;

	enter();
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[aging]\nbuckets = %s\n", bad[i]);
		snprintf(want, sizeof want, "2: [aging] buckets: \"%s\" is not 1 to 12 "
		    "increasing whole numbers from 1 to 36500 separated by commas",
		    bad[i]);
		EXPECT_EQ_STR(error_of(text), want);
	}
	EXPECT_EQ_STR(error_of("[aging]\nbuckets = \"\"\n"),
	    "2: [aging] buckets: \"\" is not 1 to 12 increasing whole numbers from 1 "
	    "to 36500 separated by commas (an unquoted ; or # starts a comment)");
	leave();
}

static void
config_string_keeps_quoted_spaces_and_utf8(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[company]\nname = Acme Sdn. Bhd.\n", "company:name"),
	    "Acme Sdn. Bhd.");
	EXPECT_EQ_STR(value_of("[company]\nname = \"  Acme ; #1  \"\n", "company:name"),
	    "  Acme ; #1  ");
	EXPECT_EQ_STR(value_of("[company]\nname = 'Say \"hi\"'\n", "company:name"),
	    "Say \"hi\"");
	EXPECT_EQ_STR(value_of("[company]\nname = \xe5\x8f\xb0\xe7\x81\xa3\xe5\x85\xac\xe5\x8f\xb8\n",
	    "company:name"), "\xe5\x8f\xb0\xe7\x81\xa3\xe5\x85\xac\xe5\x8f\xb8");
	EXPECT_EQ_STR(value_of("[company]\nname = \"\"\n", "company:name"), "");
	EXPECT_EQ_STR(value_of("[company]\nname = Acme # Trading\n", "company:name"), "Acme");
	leave();
}

static void
config_string_rejects_bad_utf8_and_controls(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[company]\nname = Caf\xe9\n"),
	    "2: [company] name: \"Caf\\xe9\" is not UTF-8 text without control characters");
	EXPECT_EQ_STR(error_of("[company]\nname = \"a\tb\"\n"),
	    "2: [company] name: \"a\\x09b\" is not UTF-8 text without control characters");
	EXPECT_EQ_STR(error_of("[company]\nname = \xc0\xaf\n"),
	    "2: [company] name: \"\\xc0\\xaf\" is not UTF-8 text without control characters");
	EXPECT_EQ_STR(error_of("[company]\nname = \xed\xa0\x80\n"),
	    "2: [company] name: \"\\xed\\xa0\\x80\" is not UTF-8 text without control characters");
	leave();
}

static void
config_long_value_is_cut_in_the_message(void)
{
	char text[300], want[300];

	enter();
	snprintf(text, sizeof text, "[aging]\nbasis = %0100d\n", 7);
	snprintf(want, sizeof want, "2: [aging] basis: \"%060d...\" is not one of: due, doc", 0);
	EXPECT_EQ_STR(error_of(text), want);
	leave();
}

static void
config_currency_code_is_three_capitals(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[company]\ndefault_currency = TWD\n", "company:default_currency"),
	    "TWD");
	EXPECT_EQ_STR(value_of("[company]\ndefault_currency = \" SGD \"\n",
	    "company:default_currency"), "SGD");
	EXPECT_EQ_STR(error_of("[company]\ndefault_currency = myr\n"),
	    "2: [company] default_currency: \"myr\" is not a currency code "
	    "(three capital letters such as MYR)");
	EXPECT_EQ_STR(error_of("[company]\ndefault_currency = RM\n"),
	    "2: [company] default_currency: \"RM\" is not a currency code "
	    "(three capital letters such as MYR)");
	EXPECT_EQ_STR(error_of("[company]\ndefault_currency = MYRR\n"),
	    "2: [company] default_currency: \"MYRR\" is not a currency code "
	    "(three capital letters such as MYR)");
	leave();
}

static void
config_default_currency_must_be_known(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[company]\ndefault_currency = QQQ\n"),
	    "2: [company] default_currency: \"QQQ\" is not a known currency "
	    "(add a [currency.QQQ] section with its exponent)");
	EXPECT_EQ_STR(value_of("[company]\ndefault_currency = XAU\n[currency.XAU]\n"
	    "exponent = 3\n", "company:default_currency"), "XAU");
	EXPECT_EQ_INT(exponent_of("XAU"), 3);
	leave();
}

/* -- sections and keys -- */

static void
config_unknown_section_names_it_and_its_line(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due\n\n[foo]\nbar = 1\n"),
	    "4: unknown section [foo]");
	EXPECT_EQ_STR(error_of("[dunnin]\n"), "1: unknown section [dunnin]");
	EXPECT_EQ_STR(error_of("[a:b]\nc = 1\n"), "1: unknown section [a:b]");
	EXPECT_EQ_STR(error_of("[ ]\n"), "1: empty section name");
	EXPECT_EQ_STR(error_of("[aging]\n[]\nbasis = due\n"), "2: empty section name");
	leave();
}

static void
config_unknown_key_names_it_and_its_line(void)
{
	enter();
	EXPECT_EQ_STR(error_of("; ar.ini\n[aging]\nbasis = due\nbukets = 30\n"),
	    "4: unknown key \"bukets\" in [aging]");
	EXPECT_EQ_STR(error_of("[input]\n[aging]\n  DELIMITER = ,\n"),
	    "3: unknown key \"delimiter\" in [aging]");
	EXPECT_EQ_STR(error_of("[currency.TWD]\ndecimals = 0\n"),
	    "2: unknown key \"decimals\" in [currency.TWD]");
	EXPECT_EQ_STR(error_of("[aging]\nbasis:x = due\n"),
	    "2: unknown key \"basis:x\" in [aging]");
	leave();
}

static void
config_key_outside_any_section(void)
{
	enter();
	EXPECT_EQ_STR(error_of("\nbasis = due\n[aging]\n"),
	    "2: key \"basis\" is outside any section");
	leave();
}

static void
config_names_are_case_insensitive(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[AGING]\nBasis = DOC\n", "aging:basis"), "doc");
	EXPECT_EQ_STR(value_of("[ Aging ]\n  basis=doc\n", "aging:basis"), "doc");
	leave();
}

static void
config_duplicate_key_is_an_error(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due\ncredits = current\nBASIS = doc\n"),
	    "4: duplicate key \"basis\" in [aging] (first on line 2)");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due\n[input]\n[aging]\nbasis = due\n"),
	    "5: duplicate key \"basis\" in [aging] (first on line 2)");
	leave();
}

static void
config_repeated_section_merges(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	enter();
	cfg = load("[aging]\nbasis = doc\n[input]\ndecimal = comma\n[aging]\n"
	    "credits = current\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	if (cfg != NULL) {
		EXPECT_EQ_STR(config_get_string(cfg, "aging:basis"), "doc");
		EXPECT_EQ_STR(config_get_string(cfg, "aging:credits"), "current");
		EXPECT_EQ_STR(config_get_string(cfg, "input:decimal"), "comma");
		config_free(cfg);
	}
	leave();
}

static void
config_earliest_error_is_reported(void)
{
	enter();
	/* iniparser's dictionary holds [aging] first; line 2 comes first */
	EXPECT_EQ_STR(error_of("[aging]\n[input]\ndecimal = x\n[aging]\nbasis = y\n"),
	    "3: [input] decimal: \"x\" is not one of: point, comma");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = 'due\nthis is not ini\n"),
	    "2: [aging] basis: the quote that starts the value is never closed");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due\nthis is not ini\nbasis = x\n"),
	    "3: \"this is not ini\" is not a [section], a key = value line or a comment");
	leave();
}

/* -- [currency.CODE] -- */

static void
config_currency_exponent_is_applied(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	enter();
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	cfg = load("[currency.TWD]\nexponent = 0\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(exponent_of("TWD"), 0);
	if (cfg != NULL) {
		EXPECT(config_has(cfg, "currency.twd:exponent"));
		EXPECT(config_has(cfg, "currency.TWD:exponent"));
		EXPECT(!config_has(cfg, "currency.jpy:exponent"));
		EXPECT_EQ_INT(config_get_long(cfg, "currency.twd:exponent"), 0);
		currency_set_exponent("TWD", 2);
		EXPECT_EQ_INT(config_apply_currencies(cfg, &err), AR_OK);
		EXPECT_EQ_INT(exponent_of("TWD"), 0);
		config_free(cfg);
	}
	currency_set_exponent("TWD", 2);
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	leave();
}

static void
config_currency_section_checks_code_and_range(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[currency.twd]\nexponent = 7\n"),
	    "2: [currency.TWD] exponent: \"7\" is not a whole number from 0 to 6");
	EXPECT_EQ_STR(error_of("[currency.taiwan]\nexponent = 0\n"),
	    "1: [currency.TAIWAN]: \"TAIWAN\" is not a currency code (three letters)");
	EXPECT_EQ_STR(error_of("[currency.T1D]\nexponent = 0\n"),
	    "1: [currency.T1D]: \"T1D\" is not a currency code (three letters)");
	EXPECT_EQ_STR(error_of("[currency]\nexponent = 0\n"), "1: unknown section [currency]");
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	leave();
}

static void
config_bad_file_changes_no_currency(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[currency.TWD]\nexponent = 0\n[aging]\nbasis = x\n"),
	    "4: [aging] basis: \"x\" is not one of: due, doc");
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	EXPECT_EQ_STR(error_of("[currency.TWD]\nexponent = 0\n[company]\n"
	    "default_currency = QQQ\n"), "4: [company] default_currency: \"QQQ\" "
	    "is not a known currency (add a [currency.QQQ] section with its exponent)");
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	leave();
}

/* In a child, as it fills the process-wide table for good. */
static void
fill_currency_table(const struct ar_config *unused)
{
	char text[8000], want[200];
	const char *got;
	size_t o = 0;
	int i;

	(void)unused;
	for (i = 0; i < CURRENCY_MAX; i++)
		o += (size_t)snprintf(text + o, sizeof text - o,
		    "[currency.Q%c%c]\nexponent = 1\n", 'A' + i / 26, 'A' + i % 26);
	/* the line depends on how many codes earlier cases added */
	snprintf(want, sizeof want, "] exponent: the currency table is full (%d "
	    "currencies)", CURRENCY_MAX);
	got = error_of(text);
	if (strstr(got, want) == NULL ||
	    strstr(got, ": [currency.Q") == NULL || atoi(got) < 2 || atoi(got) % 2) {
		printf("#   %s\n", got);
		fflush(stdout);
		_exit(1);
	}
	abort();	/* what the parent looks for */
}

static void
config_full_currency_table_is_an_error(void)
{
	enter();
	EXPECT(aborts(fill_currency_table, NULL));
	leave();
}

/* -- syntax -- */

static void
config_syntax_error_has_its_line(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due\nthis is not ini\n"),
	    "3: \"this is not ini\" is not a [section], a key = value line or a comment");
	EXPECT_EQ_STR(error_of("[aging] ; the aging\n"),
	    "1: \"[aging] ; the aging\" is not a [section], a key = value line or a comment");
	EXPECT_EQ_STR(error_of("[aging\nbasis = due\n"),
	    "1: \"[aging\" is not a [section], a key = value line or a comment");
	EXPECT_EQ_STR(error_of("[aging]\n= due\n"),
	    "2: \"= due\" is not a [section], a key = value line or a comment");
	leave();
}

static void
config_library_prints_nothing(void)
{
	int saved = dup(STDERR_FILENO), fd;
	struct stat st;

	enter();
	fflush(stderr);
	fd = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDERR_FILENO);
	error_of("[aging]\nthis is not ini\nneither is this\n");
	error_of("[aging]\nbasis = due\\");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(fd);
	close(saved);
	EXPECT(stat("stderr.txt", &st) == 0 && st.st_size == 0);
	leave();
}

static void
config_long_line_is_an_error(void)
{
	char text[1200];

	enter();
	snprintf(text, sizeof text, "[company]\nname = %01030d\n", 1);
	EXPECT_EQ_STR(error_of(text), "2: line too long (iniparser reads at most "
	    "1022 bytes a line, continuations included)");
	leave();
}

static void
config_nul_byte_is_an_error(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	put_bytes("t.ini", "[aging]\nbasis = due\0x\n", 22);
	EXPECT_EQ_INT(config_load("t.ini", &cfg, &err), AR_ECONFIG);
	EXPECT_EQ_INT(err.line, 2);
	EXPECT_EQ_STR(field(err.message), "NUL byte in the line");
	leave();
}

static void
config_byte_order_mark_is_an_error(void)
{
	enter();
	EXPECT_EQ_STR(error_of("\xef\xbb\xbf[aging]\nbasis = due\n"),
	    "1: the file starts with a byte order mark (save it as UTF-8 without BOM)");
	leave();
}

static void
config_comments_and_blank_lines(void)
{
	enter();
	EXPECT_EQ_STR(value_of("# ar.ini\n; another\n\n  ; indented\n[aging]\n"
	    "basis = doc ; inline\ncredits = current # inline\n", "aging:basis"), "doc");
	EXPECT_EQ_STR(value_of("[aging]\ncredits = current # inline\n", "aging:credits"),
	    "current");
	leave();
}

static void
config_crlf_lines(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[aging]\r\nbasis = doc\r\n", "aging:basis"), "doc");
	EXPECT_EQ_STR(error_of("[aging]\r\nbasis = x\r\n"),
	    "2: [aging] basis: \"x\" is not one of: due, doc");
	leave();
}

static void
config_quotes_must_close_cleanly(void)
{
	enter();
	EXPECT_EQ_STR(error_of("[company]\nname = \"Acme\n"),
	    "2: [company] name: the quote that starts the value is never closed");
	EXPECT_EQ_STR(error_of("[company]\nname = 'Acme\n"),
	    "2: [company] name: the quote that starts the value is never closed");
	EXPECT_EQ_STR(error_of("[company]\nname = \"Acme \\\"A\\\" Bhd\"\n"),
	    "2: [company] name: text after the closing quote (there are no escapes: "
	    "quote with the other quote)");
	EXPECT_EQ_STR(value_of("[company]\nname = \"Acme\" ; comment\n", "company:name"),
	    "Acme");
	/* An unquoted ';' right after the text would cut an address short: quote it. */
	EXPECT_EQ_STR(error_of("[company]\naddress = Lot 5;68100 Batu Caves\n"),
	    "2: [company] address: the ';' right after \"Lot 5\" starts a comment and would cut "
	    "the value there: quote the value (address = \"...\")");
	EXPECT_EQ_STR(error_of("[company]\nname = Unit#3 Bhd\n"),
	    "2: [company] name: the '#' right after \"Unit\" starts a comment and would cut "
	    "the value there: quote the value (name = \"...\")");
	EXPECT_EQ_STR(value_of("[company]\naddress = \"Lot 5;68100 Batu Caves\"\n",
	    "company:address"), "Lot 5;68100 Batu Caves");
	EXPECT_EQ_STR(value_of("[company]\nname = Acme ; a comment\n", "company:name"), "Acme");
	/* The text before it is shown as every value is: control bytes and bad UTF-8 escaped. */
	EXPECT_EQ_STR(error_of("[aging]\nbasis = du\002\362du#\n"), "2: [aging] basis: the '#' "
	    "right after \"du\\x02\\xf2du\" starts a comment and would cut the value there: "
	    "quote the value (basis = \"...\")");
	leave();
}

static void
config_backslash_continues_a_line(void)
{
	enter();
	EXPECT_EQ_STR(value_of("[company]\nname = Acme \\\nTrading\n", "company:name"),
	    "Acme Trading");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = \\\n  x\ncredits = y\n"),
	    "2: [aging] basis: \"x\" is not one of: due, doc");
	EXPECT_EQ_STR(error_of("[aging]\n; old buckets \\\nbuckets = 30\n"),
	    "2: comment ends with a backslash, which joins the next line to it");
	EXPECT_EQ_STR(error_of("[aging]\nbasis = due \\\n"),
	    "2: the last line ends with a backslash, which continues it onto nothing");
	leave();
}

/* -- getters -- */

static void get_unknown(const struct ar_config *c) { config_get_string(c, "aging:bukets"); }
static void get_no_colon(const struct ar_config *c) { config_get_string(c, "basis"); }
static void get_wrong_type(const struct ar_config *c) { config_get_long(c, "aging:basis"); }
static void get_long_buckets(const struct ar_config *c) { config_get_long(c, "aging:buckets"); }
static void get_no_default(const struct ar_config *c) { config_get_long(c, "currency.jpy:exponent"); }
static void has_unknown(const struct ar_config *c) { config_has(c, "foo:bar"); }
static void get_ok(const struct ar_config *c) { config_get_bool(c, "input:roc_dates"); }

static void
config_getter_misuse_aborts(void)
{
	struct ar_error err;
	struct ar_config *cfg;

	enter();
	if (config_load(NULL, &cfg, &err) != AR_OK)
		abort();
	EXPECT(aborts(get_unknown, cfg));
	EXPECT(aborts(get_no_colon, cfg));
	EXPECT(aborts(get_wrong_type, cfg));
	EXPECT(aborts(get_long_buckets, cfg));
	EXPECT(aborts(get_no_default, cfg));
	EXPECT(aborts(has_unknown, cfg));
	EXPECT(!aborts(get_ok, cfg));
	config_free(cfg);
	leave();
}

static void
config_getters_accept_upper_case_names(void)
{
	struct ar_error err;
	struct ar_config *cfg;
	ar_err rc;

	enter();
	cfg = load("[aging]\nbasis = doc\n", &rc, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	if (cfg != NULL) {
		EXPECT_EQ_STR(config_get_string(cfg, "AGING:Basis"), "doc");
		EXPECT_EQ_STR(config_path(cfg), "t.ini");
		config_free(cfg);
	}
	leave();
}

/* ar.ini.example, as shipped and with every setting uncommented. */
static void
config_example_file_loads_and_holds_the_defaults(void)
{
	static const char *const keys[] = { "input:delimiter", "input:decimal",
	    "input:date_order", "input:roc_dates", "input:excel_serial_dates",
	    "aging:buckets", "aging:basis", "aging:credits",
	    "aging:default_terms_days", "company:name", "company:default_currency" };
	struct ar_error err;
	struct ar_config *cfg, *def;
	char path[4200], line[512];
	FILE *in, *out;
	size_t i;

	snprintf(path, sizeof path, "%s/ar.ini.example", getcwd(old_cwd,
	    sizeof old_cwd) ? old_cwd : ".");
	if ((in = fopen(path, "r")) == NULL) {
		printf("# no %s: run from the top of the tree\n", path);
		EXPECT(0);
		return;
	}
	enter();
	EXPECT_EQ_INT(config_load(path, &cfg, &err), AR_OK);
	config_free(cfg);
	out = fopen("all.ini", "w");
	while (fgets(line, sizeof line, in) != NULL)
		fputs(line[0] == ';' && line[1] != ' ' && line[1] != '\n' ?
		    line + 1 : line, out);
	fclose(in);
	fclose(out);
	EXPECT_EQ_INT(config_load("all.ini", &cfg, &err), AR_OK);
	EXPECT_EQ_INT(config_load(NULL, &def, &err), AR_OK);
	if (cfg != NULL && def != NULL) {
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			EXPECT(config_has(cfg, keys[i]));
			EXPECT_EQ_STR(config_get_string(cfg, keys[i]),
			    config_get_string(def, keys[i]));
		}
		EXPECT_EQ_INT(config_get_long(cfg, "currency.twd:exponent"), 0);
	}
	config_free(cfg);
	config_free(def);
	currency_set_exponent("TWD", 2);
	leave();
}

static void
config_free_takes_null(void)
{
	struct ar_error err;
	struct ar_config *cfg = (struct ar_config *)&err;

	/* A failed load leaves *out NULL, which the caller frees as is. */
	enter();
	EXPECT_EQ_INT(config_load("missing.ini", &cfg, &err), AR_EOPEN);
	EXPECT(cfg == NULL);
	config_free(cfg);
	leave();
}

int
main(void)
{
	RUN(config_defaults_without_any_file);
	RUN(config_empty_file_gives_defaults);
	RUN(config_lookup_order_each_step_wins_over_the_later);
	RUN(config_lookup_reads_only_the_first_file);
	RUN(config_relative_or_empty_xdg_falls_back_to_home);
	RUN(config_empty_ar_config_counts_as_unset);
	RUN(config_explicit_missing_file_is_eopen);
	RUN(config_ar_config_missing_file_is_eopen);
	RUN(config_directory_is_eopen);
	RUN(config_unreadable_file_is_eopen);
	RUN(config_char_takes_one_character_or_a_word);
	RUN(config_char_rejects_the_rest);
	RUN(config_char_getter_returns_the_char);
	RUN(config_enum_is_canonical_lower_case);
	RUN(config_enum_rejects_other_words);
	RUN(config_bool_takes_eight_words_any_case);
	RUN(config_bool_rejects_other_words);
	RUN(config_int_is_decimal_within_range);
	RUN(config_int_rejects_text_and_range);
	RUN(config_buckets_take_spaces_and_give_the_list);
	RUN(config_buckets_reject_bad_lists);
	RUN(config_string_keeps_quoted_spaces_and_utf8);
	RUN(config_string_rejects_bad_utf8_and_controls);
	RUN(config_long_value_is_cut_in_the_message);
	RUN(config_currency_code_is_three_capitals);
	RUN(config_default_currency_must_be_known);
	RUN(config_unknown_section_names_it_and_its_line);
	RUN(config_unknown_key_names_it_and_its_line);
	RUN(config_key_outside_any_section);
	RUN(config_names_are_case_insensitive);
	RUN(config_duplicate_key_is_an_error);
	RUN(config_repeated_section_merges);
	RUN(config_earliest_error_is_reported);
	RUN(config_currency_exponent_is_applied);
	RUN(config_currency_section_checks_code_and_range);
	RUN(config_bad_file_changes_no_currency);
	RUN(config_full_currency_table_is_an_error);
	RUN(config_syntax_error_has_its_line);
	RUN(config_library_prints_nothing);
	RUN(config_long_line_is_an_error);
	RUN(config_nul_byte_is_an_error);
	RUN(config_byte_order_mark_is_an_error);
	RUN(config_comments_and_blank_lines);
	RUN(config_crlf_lines);
	RUN(config_quotes_must_close_cleanly);
	RUN(config_backslash_continues_a_line);
	RUN(config_getter_misuse_aborts);
	RUN(config_getters_accept_upper_case_names);
	RUN(config_example_file_loads_and_holds_the_defaults);
	RUN(config_free_takes_null);
	RUN(config_agency_dates_and_tiers);
	return test_summary();
}
