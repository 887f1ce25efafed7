/*
 * test_dunning.c - the dunning decision (dunning.h): every reason, the
 * level of an item after grace days, one level at a time, min_days_between
 * and never twice a day, interest at a Malaysian contract rate and
 * Taiwan's 5 %, the customers' overrides, and the channels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/dunning.h"
#include "test.h"

static const char customers_csv[] =
    "customer,name,status,email,phone,address,country,dunning_block,channel,interest_rate\n"
    "A,Alpha,active,a@x.my,,No 1 Jalan,,,,\n"
    "B,Beta,liquidation,b@x.my,,,,,,\n"
    "C,Gamma,legal,,,,,,,\n"
    "D,Delta,agency,,,,,,,\n"
    "E,Epsilon,written_off,,,,,,,\n"
    "F,Phi,active,f@x.my,,,,yes,,\n"
    "G,Gee,active,,,,,,,\n"
    "H,Aitch,active,h@x.tw,,,TW,,,\n"
    "I,Eye,active,,0123,,,,sms,12\n"
    "J,Jay,active,j@x.my,,,,,,\n"
    "K,Kay,active,k@x.my,,,,,,\n"
    "L,Ell,active,l@x.my,,,,,,\n"
    "M,Em,active,,,,,,,\n";

/* The journal at 2026-11-24. */
static const char journal_csv[] =
    "date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n"
    "2026-11-01,J,email,1,,,,,email,,ar-dunning,\n"
    "2026-11-20,K,promise,,,500.00,MYR,2026-11-30,,,amy,\n"
    "2026-11-10,G,hold,,,,,2026-12-01,,,amy,\n"
    "2026-10-01,A,dispute,,X9,,,,,,amy,\n";

static civil_day
day(int m, int d)
{
	civil_day x;

	if (date_from_ymd(2026, m, d, &x) != AR_OK)
		abort();
	return x;
}

static struct csvio_reader *
reader(const char *text, FILE **fp)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;

	if ((*fp = fmemopen((void *)text, strlen(text), "r")) == NULL ||
	    csvio_reader_from_stream(&r, *fp, "test.csv", &opts) != AR_OK)
		abort();
	return r;
}

struct fx {
	struct dunning_policy p;
	struct customer_table t;
	struct journal *j;
	struct dunning *d;
};

/* Levels at 1, 15 and 30 days; 7 days between; 18 % a year; level 2 from MYR 100. */
static void
fx_open(struct fx *f, int grace)
{
	struct item_format fmt = { MONEY_DECIMAL_POINT, DATE_OPTS_DEFAULT, true, 0 };
	struct ar_error e;
	struct csvio_reader *r;
	FILE *fp;

	memset(&f->p, 0, sizeof f->p);
	f->p.grace_days = grace;
	f->p.min_days_between = 7;
	f->p.basis = 365;
	f->p.interest_rate = 18 * (int64_t)1000000;
	f->p.nlevels = 3;
	f->p.level[1] = (struct dunning_level){ .days = 1, .channels = DUNNING_EMAIL,
	    .template_name = "reminder" };
	f->p.level[2] = (struct dunning_level){ .days = 15, .min_amount = "100.00",
	    .channels = DUNNING_EMAIL | DUNNING_LETTER, .template_name = "second", .fee = "25.00" };
	f->p.level[3] = (struct dunning_level){ .days = 30, .channels = DUNNING_LETTER,
	    .template_name = "final" };
	snprintf(f->p.fee, sizeof f->p.fee, "10.00");
	fmt.default_currency = test_currency("MYR");
	r = reader(customers_csv, &fp);
	if (customers_init(&f->t, 16) != AR_OK || customers_load(&f->t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
	r = reader(journal_csv, &fp);
	if (journal_new(&f->j, day(11, 24), test_currency("MYR")) != AR_OK ||
	    journal_load(f->j, r, &fmt, NULL, NULL, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
	if (dunning_new(&f->d, &f->p, &f->t, f->j, day(11, 24)) != AR_OK)
		abort();
}

static void
fx_close(struct fx *f)
{
	dunning_free(f->d);
	journal_free(f->j);
	customers_free(&f->t);
}

static void
item(struct fx *f, const char *cust, const char *doc, int m, int dd, const char *cur,
    int64_t amount)
{
	uint32_t id;

	if (!strtab_find(f->t.ids, cust, strlen(cust), &id) ||
	    dunning_add_item(f->d, id, doc, strlen(doc), day(m, dd), test_currency(cur), amount,
	    false) != AR_OK)
		abort();
}

/* Every decision as "CUST/CUR:action:reason:level:channels:overdue:interest:fee:items:oldest". */
static const char *
decisions(struct fx *f)
{
	static char buf[4096];
	static struct ar_error e;
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < dunning_count(f->d); i++) {
		struct dunning_decision x;
		char ch[32];

		if (dunning_decide(f->d, i, &x, &e) != AR_OK)
			return e.message;
		dunning_channels_text(x.channels, ch, sizeof ch);
		used += (size_t)snprintf(buf + used, sizeof buf - used,
		    "%s%s/%s:%s:%s:%d:%s:%lld:%lld:%lld:%ld:%ld", used ? "\n" : "",
		    strtab_key(f->t.ids, x.customer), currency_code(x.currency),
		    dunning_action_word(x.action), dunning_reason_word(x.reason), x.level, ch,
		    (long long)x.overdue_amount, (long long)x.interest, (long long)x.fee, x.items,
		    x.oldest_days);
	}
	return buf;
}

static void
every_reason(void)
{
	struct fx f;

	fx_open(&f, 0);
	item(&f, "A", "X1", 11, 4, "MYR", 20000);   /* 20 days: level 2 */
	item(&f, "A", "X9", 10, 1, "MYR", 90000);   /* disputed in the journal */
	item(&f, "B", "B1", 10, 1, "MYR", 10000);
	item(&f, "C", "C1", 10, 1, "MYR", 10000);
	item(&f, "D", "D1", 10, 1, "MYR", 10000);
	item(&f, "E", "E1", 10, 1, "MYR", 10000);
	item(&f, "F", "F1", 10, 1, "MYR", 10000);
	item(&f, "G", "G1", 10, 1, "MYR", 10000);
	item(&f, "J", "J1", 11, 20, "MYR", 10000);  /* 4 days: level 1, sent already */
	item(&f, "K", "K1", 10, 1, "MYR", 10000);
	item(&f, "M", "M1", 10, 1, "MYR", 10000);
	item(&f, "A", "U1", 12, 20, "USD", 10000);  /* not due */
	{
		uint32_t l;     /* its own dispute column */

		strtab_find(f.t.ids, "L", 1, &l);
		EXPECT_EQ_INT(dunning_add_item(f.d, l, "L1", 2, day(10, 1), test_currency("MYR"),
		    10000, true), AR_OK);
	}
	/* No level sent yet: A's items reach 2, level 1 comes first. */
	EXPECT_EQ_STR(decisions(&f),
	    "A/MYR:send::1:email:20000:197:1000:1:20\n"
	    "A/USD:skip:nothing_overdue:0::0:0:0:0:0\n"
	    "B/MYR:route:insolvent:3::10000:266:0:1:54\n"
	    "C/MYR:route:legal:3::10000:266:0:1:54\n"
	    "D/MYR:route:agency:3::10000:266:0:1:54\n"
	    "E/MYR:skip:written_off:3::10000:266:0:1:54\n"
	    "F/MYR:skip:blocked:3::10000:266:0:1:54\n"
	    "G/MYR:skip:blocked:3::10000:266:0:1:54\n"
	    "J/MYR:skip:max_level:1::10000:20:0:1:4\n"
	    "K/MYR:skip:promise:3::10000:266:0:1:54\n"
	    "L/MYR:skip:dispute:0::0:0:0:0:0\n"
	    "M/MYR:skip:no_contact:3::10000:266:0:1:54");
	/* No items after a decision. */
	EXPECT_EQ_INT(dunning_add_item(f.d, 0, "Z", 1, day(10, 1), test_currency("MYR"), 1, false),
	    AR_EUSAGE);
	fx_close(&f);
}

static void
one_level_at_a_time_and_days_between(void)
{
	struct fx f;

	fx_open(&f, 0);
	/* J got level 1 on 11-01: 40 days overdue now reaches 3, but 2 comes next. */
	item(&f, "J", "J1", 10, 15, "MYR", 50000);
	EXPECT_EQ_STR(decisions(&f), "J/MYR:send::2:email:50000:986:2500:1:40");
	fx_close(&f);
}

static void
grace_days_and_minimum(void)
{
	struct fx f;

	/* 20 days overdue less 10 grace: level 1 only; interest on 10 days. */
	fx_open(&f, 10);
	item(&f, "A", "X1", 11, 4, "MYR", 20000);
	EXPECT_EQ_STR(decisions(&f), "A/MYR:send::1:email:20000:99:1000:1:20");
	fx_close(&f);
	/* J (level 1 sent): level 2 needs MYR 100.00; a credit note nets it below. */
	fx_open(&f, 0);
	item(&f, "J", "J1", 11, 4, "MYR", 20000);
	item(&f, "J", "CN1", 11, 1, "MYR", -15000);
	EXPECT_EQ_STR(decisions(&f), "J/MYR:skip:below_minimum:2::5000:197:0:1:20");
	fx_close(&f);
}

static void
taiwan_rate_overrides_and_contact(void)
{
	struct fx f;

	fx_open(&f, 0);
	/* H in Taiwan: 5 % (TWD 10,000.00, 54 days: 73.97); I's own 12 % and SMS only. */
	item(&f, "H", "H1", 10, 1, "TWD", 1000000);
	item(&f, "I", "I1", 10, 1, "MYR", 1000000);
	EXPECT_EQ_STR(decisions(&f),
	    "H/TWD:send::1:email:1000000:7397:1000:1:54\n"
	    "I/MYR:send::1:sms:1000000:17753:1000:1:54");
	fx_close(&f);
}

static void
never_twice_a_day(void)
{
	struct fx f;
	static const char sent_today[] =
	    "date,customer,action,level\n2026-11-24,A,letter,1\n";
	struct item_format fmt = { MONEY_DECIMAL_POINT, DATE_OPTS_DEFAULT, true, 0 };
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp;

	fx_open(&f, 0);
	f.p.min_days_between = 0;
	fmt.default_currency = test_currency("MYR");
	r = reader(sent_today, &fp);
	EXPECT_EQ_INT(journal_load(f.j, r, &fmt, NULL, NULL, &e), AR_OK);
	csvio_reader_close(r);
	fclose(fp);
	item(&f, "A", "X1", 10, 1, "MYR", 20000);
	EXPECT_EQ_STR(decisions(&f), "A/MYR:skip:too_recent:3::20000:533:0:1:54");
	fx_close(&f);
}

/* A level sent in MYR says nothing of the USD account. */
static void
levels_per_currency(void)
{
	struct fx f;
	static const char sent[] = "date,customer,action,level,currency\n2026-11-01,A,email,1,MYR\n";
	struct item_format fmt = { MONEY_DECIMAL_POINT, DATE_OPTS_DEFAULT, true, 0 };
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp;

	fx_open(&f, 0);
	fmt.default_currency = test_currency("MYR");
	r = reader(sent, &fp);
	EXPECT_EQ_INT(journal_load(f.j, r, &fmt, NULL, NULL, &e), AR_OK);
	csvio_reader_close(r);
	fclose(fp);
	item(&f, "A", "X1", 10, 1, "MYR", 20000);
	item(&f, "A", "U1", 10, 1, "USD", 20000);
	EXPECT_EQ_STR(decisions(&f), "A/MYR:send::2:letter;email:20000:533:2500:1:54\n"
	    "A/USD:send::1:email:20000:533:1000:1:54");
	fx_close(&f);
}

static void
channels_read_and_written(void)
{
	unsigned b;
	char buf[32];

	EXPECT(dunning_channels_parse("email,sms", &b));
	EXPECT_EQ_INT(b, DUNNING_EMAIL | DUNNING_SMS);
	EXPECT(dunning_channels_parse(" Letter ; EMAIL", &b));
	EXPECT_EQ_INT(b, DUNNING_LETTER | DUNNING_EMAIL);
	EXPECT(!dunning_channels_parse("fax", &b));
	EXPECT(!dunning_channels_parse("", &b));
	dunning_channels_text(DUNNING_SMS | DUNNING_LETTER, buf, sizeof buf);
	EXPECT_EQ_STR(buf, "letter;sms");
}

/* ar.ini text into a policy: AR_OK, or the message. */
static const char *
policy_of(const char *ini, struct dunning_policy *p)
{
	static char msg[1024];
	char path[] = "/tmp/test_dunning_XXXXXX";
	struct ar_config *cfg;
	struct ar_error e;
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	ar_err err;

	if (fp == NULL)
		abort();
	fputs(ini, fp);
	fclose(fp);
	if ((err = config_load(path, &cfg, &e)) != AR_OK) {
		remove(path);
		snprintf(msg, sizeof msg, "load: %s", e.message);
		return msg;
	}
	err = dunning_policy_from_config(cfg, p, msg, sizeof msg);
	config_free(cfg);
	remove(path);
	if (err == AR_OK)
		return "ok";
	/* The path is random: keep what follows it. */
	return strchr(msg, ' ') ? strchr(msg, ' ') + 1 : msg;
}

static void
policy_from_ar_ini(void)
{
	struct dunning_policy p;

	EXPECT_EQ_STR(policy_of("[company]\ncountry = tw\n[dunning]\ngrace_days = 3\n"
	    "interest_rate = 18\nfee = 10.00\n[dunning.1]\ndays = 1\nchannels = email,sms\n"
	    "[dunning.2]\ndays = 30\nmin_amount = 100\ntemplate = final\nfee = 25.00\n", &p), "ok");
	EXPECT_EQ_INT(p.grace_days, 3);
	EXPECT_EQ_INT(p.min_days_between, 14);
	EXPECT_EQ_INT(p.basis, 365);
	EXPECT_EQ_INT(p.interest_rate, 18000000);
	EXPECT_EQ_STR(p.fee, "10.00");
	EXPECT_EQ_STR(p.company_country, "TW");
	EXPECT_EQ_INT(p.nlevels, 2);
	EXPECT_EQ_INT(p.level[1].channels, DUNNING_EMAIL | DUNNING_SMS);
	EXPECT_EQ_INT(p.level[2].channels, DUNNING_LETTER);
	EXPECT_EQ_STR(p.level[2].min_amount, "100");
	EXPECT_EQ_STR(p.level[2].template_name, "final");
	EXPECT_EQ_STR(p.level[2].fee, "25.00");
	EXPECT_EQ_STR(policy_of("[dunning.1]\ndays = 5\n[dunning.3]\ndays = 9\n", &p),
	    "[dunning.3] without [dunning.2]: levels are numbered 1, 2, ... without a gap, at most 9");
	EXPECT_EQ_STR(policy_of("[dunning.1]\ndays = 5\n[dunning.x]\ndays = 9\n", &p),
	    "[dunning.x]: a level is a number from 1 to 9");
	EXPECT_EQ_STR(policy_of("[dunning.1]\ndays = 5\n[dunning.2]\ndays = 5\n", &p),
	    "[dunning.2] days 5 must be more than [dunning.1] days 5");
	EXPECT_EQ_STR(policy_of("[dunning.1]\ndays = 5\nchannels = fax\n", &p),
	    "[dunning.1] channels \"fax\" is not a list of letter, email, sms, im");
	EXPECT_EQ_STR(policy_of("[dunning.1]\nchannels = sms\n", &p),
	    "[dunning.1] needs days (days overdue from which an item is at this level)");
	EXPECT_EQ_STR(policy_of("[dunning]\ninterest_rate = lots\n", &p),
	    "[dunning] interest_rate \"lots\" is not a yearly per cent from 0 to 1000 with at most 6 decimals");
}

/* A customer of the master with the columns that tell a company. */
static struct customer
who(const char *name, const char *reg_no, const char *entity)
{
	struct customer c;

	memset(&c, 0, sizeof c);
	c.name = (char *)name;
	c.reg_no = (char *)reg_no;
	c.entity = (char *)entity;
	return c;
}

static void
companies_for_the_statutory_notice(void)
{
	struct customer c;

	c = who("Sinar Jaya Trading Sdn. Bhd.", "", "");
	EXPECT(dunning_is_company(&c));
	c = who("Nusantara Industrial Supplies Berhad", "", "");
	EXPECT(dunning_is_company(&c));
	c = who("Tan Lim SDN BHD", "", "");
	EXPECT(dunning_is_company(&c));
	c = who("Perniagaan Hafiz Enterprise", "", "");
	EXPECT(!dunning_is_company(&c));
	c = who("Abdul Bhd", "", "individual");      /* the entity column says so */
	EXPECT(!dunning_is_company(&c));
	c = who("Hafiz Enterprise", "", "company");
	EXPECT(dunning_is_company(&c));
	/* SSM numbers since 2019: 01 a local company, 03 a business, whatever the name. */
	c = who("Perniagaan Hafiz Enterprise Sdn Bhd", "201503212345 (SA0345678-D)", "");
	EXPECT(!dunning_is_company(&c));
	c = who("Orchid", "200401018233 (651207-P)", "");
	EXPECT(dunning_is_company(&c));
	c = who("Mybhd", "", "");
	EXPECT(!dunning_is_company(&c));
	/* The number read by regid.h: a MyKad is a person, whatever the name says. */
	c = who("Chan Mei Ling Bhd", "770305-10-1234", "");
	EXPECT(!dunning_is_company(&c));
	c = who("Orchid", "651207-P", "");
	EXPECT(dunning_is_company(&c));
	c = who("Orchid Sdn Bhd", "202002012345", "");      /* 02: a foreign company */
	EXPECT(!dunning_is_company(&c));
	c = who("Orchid Sdn Bhd", "12345", "");             /* no number reads: the name */
	EXPECT(dunning_is_company(&c));
}

static void
letter_lines_sum_to_the_decision(void)
{
	struct fx f;
	struct ar_error e = { 0 };
	struct dunning_decision x;
	uint32_t id;
	bool in;
	long days;
	int64_t interest, sum = 0, isum = 0;
	const struct { const char *doc; int m, d; int64_t amount; bool disputed; } it[] = {
		{ "L1", 10, 1, 50000, false }, { "L2", 11, 1, 12345, false },
		{ "L3", 11, 10, -2000, false },          /* a credit: listed, no interest */
		{ "L4", 11, 30, 7000, false },           /* not due: not listed */
		{ "L5", 10, 15, 9000, true },            /* disputed: not listed */
	};

	fx_open(&f, 0);
	if (!strtab_find(f.t.ids, "L", 1, &id))
		abort();
	for (size_t k = 0; k < sizeof it / sizeof it[0]; k++)
		if (dunning_add_item(f.d, id, it[k].doc, 2, day(it[k].m, it[k].d), test_currency("MYR"),
		    it[k].amount, it[k].disputed) != AR_OK)
			abort();
	EXPECT_EQ_INT(dunning_count(f.d), 1);
	EXPECT_EQ_INT(dunning_decide(f.d, 0, &x, &e), AR_OK);
	for (size_t k = 0; k < sizeof it / sizeof it[0]; k++) {
		EXPECT_EQ_INT(dunning_item_line(f.d, id, it[k].doc, 2, day(it[k].m, it[k].d),
		    it[k].amount, it[k].disputed, &in, &days, &interest), AR_OK);
		EXPECT_EQ_INT(in, k < 3);
		if (k == 2)
			EXPECT_EQ_INT(interest, 0);
		if (in) {
			sum += it[k].amount;
			isum += interest;
		}
	}
	EXPECT_EQ_INT(sum, x.overdue_amount);
	EXPECT_EQ_INT(sum, 50000 + 12345 - 2000);
	EXPECT_EQ_INT(isum, x.interest);
	EXPECT(isum > 0);
	fx_close(&f);
}

static void
im_is_a_channel(void)
{
	unsigned bits;
	char text[64];

	EXPECT(dunning_channels_parse("sms, im", &bits));
	EXPECT_EQ_INT(bits, DUNNING_SMS | DUNNING_IM);
	dunning_channels_text(DUNNING_IM | DUNNING_LETTER, text, sizeof text);
	EXPECT_EQ_STR(text, "letter;im");
	EXPECT(!dunning_channels_parse("whatsapp", &bits));
}

int
main(void)
{
	RUN(every_reason);
	RUN(one_level_at_a_time_and_days_between);
	RUN(grace_days_and_minimum);
	RUN(taiwan_rate_overrides_and_contact);
	RUN(never_twice_a_day);
	RUN(levels_per_currency);
	RUN(channels_read_and_written);
	RUN(policy_from_ar_ini);
	RUN(companies_for_the_statutory_notice);
	RUN(letter_lines_sum_to_the_decision);
	RUN(im_is_a_channel);
	return test_summary();
}
