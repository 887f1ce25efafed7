"""words_check.py - a second, independent implementation of the amount in
words of letters (lib/report/doc_text.h, doc_amount_words), written from
the rules of the issue and not from the C, for
tests/scripts/words-second-implementation.sh.

    words_check.py gen SEED COUNT            COUNT amounts in minor units, one a line
    words_check.py words LANG CODE EXPONENT  stdin: amounts; stdout: their words

The rules, briefly:
  en  "<name> <whole> [and <minor name> <fraction>] Only": cheque style,
      no "and" inside a number, 21..99 hyphenated, Thousand Million Billion
      Trillion, zero "Zero"; the fraction is the number of minor units.
  ms  "<name> <whole> [dan <minor name> <fraction>] Sahaja": Sepuluh,
      Sebelas, N Belas, N Puluh, Seratus, Seribu, Satu Juta, Bilion,
      Trilion, zero "Kosong".
  zh  bank capitals; zh-Hant 萬 億 兆, zh-Hans 万 亿 (10^12 = 万亿); one 零
      for zeros between two non-zero digits, none at the end; 元…角…分,
      整 only when there is no fraction; MYR: 令吉 and the sen as a
      number of 仙; a zero whole part is left out when there is a fraction.
Out of range (below 0, above 10^15 minor units): ERANGE.
"""
import random
import sys

LIMIT = 10 ** 15

# name, minor-unit name, per language; None = the ISO code (and Cents / Sen).
NAMES = {
    "en": {"MYR": ("Ringgit Malaysia", "Sen"), "TWD": ("New Taiwan Dollars", "Cents"),
           "USD": ("US Dollars", "Cents"), "SGD": ("Singapore Dollars", "Cents"),
           "CNY": ("Renminbi Yuan", "Fen")},
    "ms": {"MYR": ("Ringgit Malaysia", "Sen"), "TWD": ("Dolar Baharu Taiwan", "Sen"),
           "USD": ("Dolar Amerika Syarikat", "Sen"), "SGD": ("Dolar Singapura", "Sen"),
           "CNY": ("Yuan Renminbi", "Fen")},
    "zh-Hant": {"MYR": "馬幣", "TWD": "新臺幣", "CNY": "人民幣", "USD": "美元",
                "SGD": "新加坡元", "HKD": "港幣"},
    "zh-Hans": {"MYR": "马币", "TWD": "新台币", "CNY": "人民币", "USD": "美元",
                "SGD": "新加坡元", "HKD": "港币"},
}

# --- English ---------------------------------------------------------------

EN_SMALL = ("Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
            "Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen").split()
EN_TENS = "_ _ Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety".split()


def en_hundreds(n):
    """1..999 as a list of words."""
    out = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out += [EN_SMALL[hundreds], "Hundred"]
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        out.append(EN_TENS[tens] + ("-" + EN_SMALL[ones] if ones else ""))
    elif rest:
        out.append(EN_SMALL[rest])
    return out


def en_int(n):
    if n == 0:
        return ["Zero"]
    trillions, n = divmod(n, 10 ** 12)
    out = []
    if trillions:
        out += en_int(trillions) + ["Trillion"]
    for scale, name in ((10 ** 9, "Billion"), (10 ** 6, "Million"), (10 ** 3, "Thousand")):
        count, n = divmod(n, scale)
        if count:
            out += en_hundreds(count) + [name]
    if n:
        out += en_hundreds(n)
    return out

# --- Malay -----------------------------------------------------------------

MS_DIGIT = "Kosong Satu Dua Tiga Empat Lima Enam Tujuh Lapan Sembilan".split()


def ms_hundreds(n):
    out = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        out.append("Seratus")
    elif hundreds:
        out += [MS_DIGIT[hundreds], "Ratus"]
    tens, ones = divmod(rest, 10)
    if rest == 10:
        out.append("Sepuluh")
    elif rest == 11:
        out.append("Sebelas")
    elif tens == 1:
        out += [MS_DIGIT[ones], "Belas"]
    elif tens >= 2:
        out += [MS_DIGIT[tens], "Puluh"] + ([MS_DIGIT[ones]] if ones else [])
    elif ones:
        out.append(MS_DIGIT[ones])
    return out


def ms_int(n):
    if n == 0:
        return ["Kosong"]
    trillions, n = divmod(n, 10 ** 12)
    out = []
    if trillions:
        out += ms_int(trillions) + ["Trilion"]
    for scale, name in ((10 ** 9, "Bilion"), (10 ** 6, "Juta"), (10 ** 3, "Ribu")):
        count, n = divmod(n, scale)
        if count == 1 and name == "Ribu":
            out.append("Seribu")
        elif count:
            out += ms_hundreds(count) + [name]
    if n:
        out += ms_hundreds(n)
    return out

# --- Chinese capitals --------------------------------------------------------

DIGITS = {"zh-Hant": "零壹貳參肆伍陸柒捌玖", "zh-Hans": "零壹贰叁肆伍陆柒捌玖"}


def zh_four(n, dig):
    """1..9999 inside its group: no leading 零, one 零 per inner run of zeros."""
    s, gap = "", False
    for power, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        d = n // power % 10
        if d == 0:
            gap = True
            continue
        if gap and s:
            s += dig[0]
        s += dig[d] + unit
        gap = False
    return s


def zh_hant_int(n, dig):
    """Groups of four under 兆 億 萬: a 零 between groups when zeros stand between."""
    if n == 0:
        return dig[0]
    groups = [(n // 10 ** 12), (n // 10 ** 8) % 10 ** 4, (n // 10 ** 4) % 10 ** 4, n % 10 ** 4]
    s, gap = "", False
    for g, name in zip(groups, ("兆", "億", "萬", "")):
        if g == 0:
            gap = gap or bool(s)
            continue
        if s and (gap or g < 1000):
            s += dig[0]
        s += zh_four(g, dig) + name
        gap = g % 10 == 0
    return s


def zh_hans_int(n, dig):
    """Mainland: the part above 10^8 (itself with 万) then 亿, so 10^12 is 壹万亿."""
    if n == 0:
        return dig[0]
    if n >= 10 ** 8:
        high, low = divmod(n, 10 ** 8)
        s = zh_hans_int(high, dig) + "亿"
        if low:
            if high % 10 == 0 or low < 10 ** 7:
                s += dig[0]
            s += zh_hans_int(low, dig)
        return s
    high, low = divmod(n, 10 ** 4)
    s = ""
    if high:
        s = zh_four(high, dig) + "万"
    if low:
        if high and (high % 10 == 0 or low < 1000):
            s += dig[0]
        s += zh_four(low, dig)
    return s


def zh_words(lang, code, exponent, minor):
    dig = DIGITS[lang]
    number = zh_hans_int if lang == "zh-Hans" else zh_hant_int
    whole, frac = divmod(minor, 10 ** exponent)
    prefix = NAMES[lang].get(code, code)
    unit = "令吉" if code == "MYR" else "元"
    s = prefix
    if whole or not frac:
        s += number(whole, dig) + unit
    if not frac:
        return s + "整"
    if code == "MYR":
        return s + number(frac, dig) + "仙"
    units = "角分厘毫" + ("丝" if lang == "zh-Hans" else "絲") + "忽"
    text = str(frac).rjust(exponent, "0")
    seen, gap = whole > 0, False
    for i, ch in enumerate(text):
        if ch == "0":
            gap = gap or seen
            continue
        if gap:
            s += dig[0]
        s += dig[int(ch)] + units[i]
        seen, gap = True, False
    return s

# --- the whole text ------------------------------------------------------------


def words(lang, code, exponent, minor):
    if minor < 0 or minor > LIMIT:
        return "ERANGE"
    if lang.startswith("zh-"):
        return zh_words(lang, code, exponent, minor)
    whole, frac = divmod(minor, 10 ** exponent)
    number, conj, only = (en_int, "and", "Only") if lang == "en" else (ms_int, "dan", "Sahaja")
    default_minor = "Cents" if lang == "en" else "Sen"
    name, minor_name = NAMES[lang].get(code, (code, default_minor))
    out = [name] + number(whole)
    if frac:
        out += [conj, minor_name] + number(frac)
    return " ".join(out + [only])

# --- amounts to try --------------------------------------------------------------


def generate(seed, count):
    """Values with many zeros first (10^k, 10^k+5, d*10^k, ...), then any length 1..15."""
    rng = random.Random(seed)
    fixed = [0, 5, 10, 11, 19, 20, 21, 99, 100, 101, 110, 111, 1000, 1001, 1010, 1100,
             LIMIT - 1, LIMIT, LIMIT + 1, -1, -LIMIT]
    for k in range(16):
        p = 10 ** k
        fixed += [p, p + 5, p - 1, p + p // 10, p + 10 ** (k // 2)]
        fixed += [d * p for d in range(1, 10)]
        fixed += [d * p + 5 for d in (1, 5, 9)]
    for a in range(16):
        for b in range(a):
            fixed.append(10 ** a + 10 ** b)
    values = fixed[:count]
    while len(values) < count:
        length = rng.randint(1, 15)
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(length - 1)]
        if rng.random() < 0.5:
            # zeros in runs, across the 萬/億 boundaries
            keep = rng.random()
            digits = [digits[0]] + [d if rng.random() < keep else 0 for d in digits[1:]]
        values.append(int("".join(map(str, digits))))
    return values


def main(argv):
    if len(argv) == 4 and argv[1] == "gen":
        for v in generate(int(argv[2]), int(argv[3])):
            print(v)
        return 0
    if len(argv) == 5 and argv[1] == "words":
        lang, code, exponent = argv[2], argv[3], int(argv[4])
        out = sys.stdout
        for line in sys.stdin:
            out.write(words(lang, code, exponent, int(line)) + "\n")
        return 0
    sys.stderr.write("usage: words_check.py gen SEED COUNT | words LANG CODE EXPONENT\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
