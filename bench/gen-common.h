/*
 * gen-common.h - what gen-items.c and gen-fbl5n.c share, so that both
 * draw exactly the same items: the PRNG (xoshiro256** seeded by
 * splitmix64), civil-date arithmetic and the customer name tables.
 * Included by each generator as a single translation unit (no .c).
 */
#ifndef GEN_COMMON_H
#define GEN_COMMON_H

#include <stdint.h>

static uint64_t s[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(void)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t; s[3] = rotl(s[3], 45);
	return r;
}

/* Uniform in [0, n), 0 < n < 2^32 (multiply-shift; bias below 2^-32 * n). */
static uint64_t below(uint64_t n)
{
	return ((next() >> 32) * n) >> 32;
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2; /* 2024..2027 here: four digits */
	out[0] = (char)('0' + y / 1000 % 10); out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);   out[3] = (char)('0' + y % 10);
	out[4] = '-'; out[5] = (char)('0' + m / 10); out[6] = (char)('0' + m % 10);
	out[7] = '-'; out[8] = (char)('0' + d / 10); out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

static const char *const malay[] = {
	"Syarikat Ahmad bin Abdullah", "Perniagaan Siti Nurhaliza",
	"Kedai Runcit \"Mesra\"", "Pembinaan Wan Ismail", "Niaga Tani Pahang",
	"Perusahaan Zulkifli & Anak-Anak", "Bengkel Kereta \"Laju\"",
	"Restoran Nasi Kandar Pelita", "Syarikat Pengangkutan Rahman",
	"Perabot Kayu Jati, Muar", "Klinik Pergigian Dr. Aminah",
	"Kilang Getah Tuan Haji Osman",
};
static const char *const chinese[] = {
	"陳氏貿易有限公司", "林记五金", "台灣精密機械股份有限公司", "黄氏建筑",
	"興發實業", "新光电子", "張, 李 & 合夥人", "「大同」貿易行", "高雄港運",
	"吉隆坡茶餐室", "\"好運\"餐廳", "檳城海鮮酒家", "永和豆漿",
};
static const char *const english[] = {
	"Tan, Lim & Co.", "Lee \"Big Boss\" Trading", "Golden Dragon Logistics",
	"Wong & Sons", "Café Kopitiam", "Straits Shipping", "Penang Hardware",
	"Island Textiles", "O'Brien Engineering", "Müller Instruments (Asia)",
};
static const char *const suffix[] = {
	" Sdn. Bhd.", " Sdn Bhd", " Bhd.", " Enterprise", " (M) Sdn. Bhd.",
	", Ltd.", " PLT", "", " 有限公司", " Trading",
};
#define N(a) (sizeof(a) / sizeof(a)[0])

#endif
