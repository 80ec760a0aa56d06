"""Numerals as Chinese reports write them → exact Decimal values.

Reads Arabic digits (half- and full-width, thousands separators, decimals),
Chinese numerals (零〇一二两…九 十百千 万亿 and 万亿, the financial forms
壹贰叁…拾佰仟, 廿 卅), mixed forms (2.7万, 1万亿, 3万4000), Chinese decimals
(五点五), digit strings (二〇二三), spoken abbreviations (三万五 = 35000), the
percent / permille prefixes 百分之 / 千分之 and fractions (三分之一).

NUMBER_PATTERN finds numerals in running text and is deliberately narrower than
parse_number, which reads one numeral string the caller has already cut out:
the sign (负, -), 半, 成/折 and inner spaces are read by parse_number only (see
the comments at NUMBER_PATTERN for why).

The character tables are closed classes, so they live here as constants; the
open-ended word lists (units, bound words, drop lists) are package data.

>>> parse_number("二十七万")
Decimal('270000')
>>> parse_number("2.7万")
Decimal('27000.0')
>>> parse_number("abc") is None
True
"""
from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# 廿 and 卅 are whole tens: 廿五 = 二十五.
TENS = {"廿": "二十", "卅": "三十"}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ZEROS = "零〇○Ｏ"
POINTS = "点點"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# 两 counts things (两千, 两所) but is never a place digit: 两两 is a word,
# 二两 is two liang, and 两百点两 / 一点两 are not decimals.
_LIANG = "两兩"
_PLACE = "".join(ch for ch in DIGITS if ch not in _LIANG)
_FIN_DIGIT = "壹贰貳叁參肆伍陆陸柒捌玖"
_FIN_UNIT = "拾佰仟"
_PLAIN = "".join(ch for ch in _PLACE if ch not in _FIN_DIGIT)
_UNIT = "".join(SMALL_UNITS)
_BIG = "".join(BIG_UNITS)
_TENS = "".join(TENS)
# 多/余/几 between a count and 万/亿 mean "and some": 十余万, 300多亿, 三十万多亿.
# The value is the stated base; the caller reads the bound from the text.
_APPROX = "多余几"
_AR = "0-9０-９"

# ---------------------------------------------------------------- pattern
ARABIC_PATTERN = (
    rf"[{_AR}]{{1,3}}(?:[,，][{_AR}]{{3}})+(?![{_AR}])(?:[.．][{_AR}]+)?"
    rf"|[{_AR}]+(?:[.．][{_AR}]+)?"
)
# 千 before an SI base unit is the prefix kilo (12千米, 120千瓦 are 12 km and
# 120 kW, and units.tsv lists them), and 百分/千分 begin 百分点 or a fraction:
# there 百/千 is not a scale of the digits before it, nor a bare numeral.
_NOT_SCALE = "(?![分米克瓦伏帕焦卡])"
# Inside a Chinese numeral only 千 can be kilo (三百万千瓦 = 三百万 千瓦, 五千千瓦 =
# 五千 千瓦); 百 stays a place (三百米 = 300 米) and 分 a unit (二十分钟).
_NOT_KILO = "(?![米克瓦伏帕焦卡])"
_SMALL_SCALE = rf"[{_UNIT}]{_NOT_SCALE}"
_BIG_SCALE = rf"(?:[万萬](?:[{_APPROX}]?[{_BIG}])?|[亿億])"
SCALE_PATTERN = rf"(?:[{_UNIT}]?[{_APPROX}]?{_BIG_SCALE}|{_SMALL_SCALE})"
_NUMERAL_CHAR = f"{_PLACE}{_LIANG}{_UNIT}{_BIG}{_TENS}"
_CHINESE_START = (
    rf"[{_PLAIN}{_LIANG}十{_TENS}]"
    # A bare 百/千 is a numeral (百三 = 130, 近千家, 数百个).
    rf"|[百千]{_NOT_SCALE}"
    # A lone 大写 character is a word (陆地, 放肆, 队伍, 收拾), so it starts a
    # numeral only inside a 大写 amount or right before a money unit (壹元整).
    rf"|[{_FIN_DIGIT}{_FIN_UNIT}](?=[{_NUMERAL_CHAR}{POINTS}元圆角分])"
)
_CHINESE_NEXT = (
    rf"[{_PLACE}{_TENS}十拾百佰]|[千仟]{_NOT_KILO}"
    rf"|[{_LIANG}](?=[{_UNIT}{_BIG}])"
    # 万/亿 after a digit or a small unit, or stacked on one (万亿, 万万, 万多亿).
    rf"|(?<=[{_PLACE}{_LIANG}{_UNIT}{_TENS}{_APPROX}]|[{_PLACE}{_LIANG}{_UNIT}{_TENS}][{_BIG}])[{_BIG}]"
    rf"|(?<=[{_PLACE}{_UNIT}{_TENS}{_BIG}])[{_APPROX}](?=[{_BIG}])"
)
CHINESE_PATTERN = (
    rf"(?:{_CHINESE_START})(?:{_CHINESE_NEXT})*"
    rf"(?:[{POINTS}][{_PLACE}]+(?:{SCALE_PATTERN})?)?"
    # A bare 万/亿 is a numeral too (上万人, 过亿元, 数万): the caller's prefix
    # words and drop rules rely on it.  It takes no digits after it, so 万一
    # is 万 and 一, not 11000.
    rf"|[万萬][亿億]?|[亿億]"
)
# One numeral, without its unit.  Used inside the candidate pattern of
# quantities.py, so it has no groups of its own, and every repetition steps
# over one character from a fixed class, so matching stays linear.  It does
# not take a sign: in reports 负 is mostly part of a word (肩负三项, 担负) and
# '-' a range or date dash (5%-6%, 2021-02-04).
# A fraction's denominator: 三分之一, 10分之3 (百分之/千分之 are tried first).
_DENOMINATOR = rf"(?:[{_PLAIN}{_LIANG}十]{{1,4}}|[{_AR}]{{1,3}})分之"
# Spaces may stand before the scale: text taken from a PDF (12.82 万亿) and
# spread digits closed up in the matching view (7477     亿) put them there.
NUMBER_PATTERN = (
    rf"(?:百分之|千分之|{_DENOMINATOR})?"
    rf"(?:(?:{ARABIC_PATTERN})(?:[ 	]*{SCALE_PATTERN})?|{CHINESE_PATTERN})"
)

# ---------------------------------------------------------------- parsing
_SPACES = re.compile(r"\s+")
_NEGATIVE = ("负", "零下", "-", "－", "−")
_PERCENT = ("百分之", "千分之")
_FRACTION = "分之"
# What may follow the number in one numeral string and is not part of its
# value: the percent sign, (个)百分点, and the generic classifier 个 (5%, 2.4个百分点,
# 三个 all give their number, as 百分之五 gives 5).
_TRAILING_MARK = re.compile(r"(?:[%％‰]|个?百分点|个)$")
_SPELL_TENS = str.maketrans(TENS)
_APPROX_BEFORE_SCALE = re.compile(rf"[{_APPROX}](?=[{_BIG}])")
# Arabic runs are one token (with separators and a decimal part); every other
# character is a token of its own.
_TOKEN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]*\.[0-9]+|[0-9]+|.", re.S)
# No real numeral stacks more than a few scales (万亿, 万万); the bound also
# keeps the recursion in _integer shallow on junk input.
_MAX_SCALES = 6


def parse_number(text: str) -> Decimal | None:
    """Value of one numeral string, or None when it is not a numeral.

    百分之五 gives 5 (the percentage number), like 5%, ５％ and 5个百分点; 九成
    gives 90 and 八五折 gives 85 for the same reason.  三分之一 gives 1/3.  A
    leading 负, -, －, 零下 negates.  Spaces inside are ignored (一百 五 十 二),
    and so is a trailing classifier 个 (三个 → 3).

    >>> parse_number("一亿零五百万")
    Decimal('105000000')
    >>> parse_number("1,200")
    Decimal('1200')
    >>> parse_number("百分之五点五")
    Decimal('5.5')
    >>> parse_number("负3.9")
    Decimal('-3.9')
    >>> parse_number("2.4个百分点"), parse_number("25%")
    (Decimal('2.4'), Decimal('25'))
    """
    s = _TRAILING_MARK.sub("", _SPACES.sub("", text or "").translate(FULLWIDTH_DIGITS))
    try:
        return _signed(s)
    except (ValueError, ArithmeticError):
        return None


def _strip_sign(s: str) -> tuple[bool, str]:
    """(negative, rest): ('负五') → (True, '五')."""
    for sign in _NEGATIVE:
        if s.startswith(sign):
            return True, s[len(sign):]
    return False, s


def _signed(s: str) -> Decimal:
    negative, s = _strip_sign(s)
    for prefix in _PERCENT:
        if s.startswith(prefix):
            s = s[len(prefix):]
            if not negative:
                # Both 负百分之五 and 百分之负五 are written.
                negative, s = _strip_sign(s)
            break
    denominator, mark, numerator = s.partition(_FRACTION)
    if mark:
        # 三分之一 = 1/3: the denominator comes first.
        value = _ratio(numerator) / _unsigned(denominator)
    else:
        value = _ratio(s)
    # copy_negate is exact; unary minus would round to the context precision.
    return value.copy_negate() if negative else value


def _digit(ch: str) -> int | None:
    """Value of one place digit, Arabic or Chinese, else None.

    >>> _digit("7"), _digit("柒"), _digit("两")
    (7, 7, None)
    """
    if "0" <= ch <= "9":
        return int(ch)
    return DIGITS[ch] if ch in _PLACE else None


def _ratio(s: str) -> Decimal:
    """成 and 折 count tenths; like 百分之 they give the percentage number.

    >>> [int(_ratio(x)) for x in ("九成", "七成六", "三成半", "八五折", "9.5折")]
    [90, 76, 35, 85, 95]
    """
    head, mark, tail = s.partition("成")
    if mark:
        # 七成六 = 7.6成, 三成半 = 3.5成.
        tenth = 5 if tail == "半" else _digit(tail) if len(tail) == 1 else None
        if tail and tenth is None:
            raise ValueError(s)
        return (_unsigned(head) + Decimal(tenth or 0) / 10) * 10
    head, mark, tail = s.partition("折")
    if mark:
        if tail:
            raise ValueError(s)
        digits = [_digit(ch) for ch in head]
        if len(digits) == 2 and None not in digits:
            # 八五折 and 75折 read their two digits as the percentage.
            return Decimal(digits[0] * 10 + digits[1])
        return _unsigned(head) * 10
    return _unsigned(s)


def _unsigned(s: str) -> Decimal:
    """半 forms, else a plain numeral.

    >>> _unsigned("半"), _unsigned("一半"), _unsigned("半百")
    (Decimal('0.5'), Decimal('0.5'), Decimal('50.0'))
    """
    if s in ("一半", "1半"):
        s = "半"  # "one half", not one and a half
    if s.startswith("半"):
        return Decimal("0.5") * _scale_of(s[1:])
    return _plain(s)


def _plain(s: str) -> Decimal:
    s = _APPROX_BEFORE_SCALE.sub("", s.translate(_SPELL_TENS))
    tokens = _TOKEN.findall(s)
    if not tokens:
        raise ValueError("empty numeral")
    if sum(t in BIG_UNITS for t in tokens) > _MAX_SCALES:
        raise ValueError(s)
    if "." in tokens[0]:
        # 2.7万, 4.78万亿, .5: after an Arabic decimal only a scale may follow.
        return Decimal(tokens[0].replace(",", "")) * _scale_of(tokens[1:])
    point = next((k for k, t in enumerate(tokens) if t in POINTS), None)
    if point is None:
        return Decimal(_integer(tokens))
    fraction, j = "", point + 1
    while j < len(tokens):
        t = tokens[j]
        if t.isascii() and t.isdigit():
            fraction += t  # 一百点123
        elif t in _PLACE:
            fraction += str(DIGITS[t])
        else:
            break
        j += 1
    if not fraction:
        raise ValueError(s)
    value = (_integer(tokens[:point]) if point else 0) + Decimal("0." + fraction)
    if not point and not value:
        # A bare 点零 is a fragment (整点零分), never how zero is written.
        raise ValueError(s)
    # 二点七万: the scale after the decimal digits applies to the whole number.
    return value * _scale_of(tokens[j:])


def _scale_of(chars) -> int:
    """Multiplier of a scale suffix such as 万, 千万, 万亿 ('' → 1).

    >>> _scale_of("千万"), _scale_of("")
    (10000000, 1)
    """
    mult = 1
    for ch in chars:
        if ch in SMALL_UNITS:
            mult *= SMALL_UNITS[ch]
        elif ch in BIG_UNITS:
            mult *= BIG_UNITS[ch]
        else:
            raise ValueError(ch)
    return mult


def _integer(tokens: list[str]) -> int:
    if not tokens:
        raise ValueError("no digits")
    if len(tokens) == 1 and tokens[0][0].isascii():
        return int(tokens[0].replace(",", ""))
    if len(tokens) > 1 and all(t in _PLACE for t in tokens):
        # A digit string (二〇二三, 一二三) reads digit by digit.
        return int("".join(str(DIGITS[t]) for t in tokens))
    # Split on the last 亿, then the last 万, so 一万亿 = (一万)·亿.
    for big in ("亿億", "万萬"):
        cut = max((k for k, t in enumerate(tokens) if t in big), default=-1)
        if cut < 0:
            continue
        scale = BIG_UNITS[tokens[cut]]
        high, low = tokens[:cut], tokens[cut + 1:]
        # A bare scale counts one of it: 万 in 上万, 亿 in 过亿.
        value = (_integer(high) if high else 1) * scale
        if high and len(low) == 1 and low[0] in _PLACE and low[0] not in ZEROS:
            # 三万五 = 35000: a lone digit after the scale is its next place.
            return value + DIGITS[low[0]] * scale // 10
        rest = _integer(low) if low else 0
        if rest >= scale:
            raise ValueError("the part after a scale must be smaller than it")
        return value + rest
    return _below_ten_thousand(tokens)


def _below_ten_thousand(tokens: list[str]) -> int:
    """Value of a numeral without 万/亿: 两千三百, 四百五 (= 450), 1千零20, 零十."""
    total, pending, last_unit, after_zero = 0, None, None, False
    for t in tokens:
        if t in ZEROS and pending is None:
            after_zero = True
        elif t in SMALL_UNITS:
            unit = SMALL_UNITS[t]
            if last_unit is not None and unit >= last_unit:
                raise ValueError("units must descend")
            total += (1 if pending is None else _count(pending)) * unit
            pending, last_unit, after_zero = None, unit, False
        elif pending is None and (t in DIGITS or t[0].isascii() and t[0].isdigit()):
            pending = t
        else:
            raise ValueError(t)
    if pending is not None:
        if pending in DIGITS and last_unit and not after_zero:
            # 三千五 = 3500, but 三千零五 = 3005, 十五 = 15 and 1百01 = 101.
            if pending in _LIANG:
                raise ValueError("两 is not a place digit")
            total += DIGITS[pending] * (last_unit // 10)
        else:
            total += _count(pending)
    return total


def _count(token: str) -> int:
    """Value of a digit token: a Chinese digit or an Arabic run."""
    return DIGITS[token] if token in DIGITS else int(token.replace(",", ""))
