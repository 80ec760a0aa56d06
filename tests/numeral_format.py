"""Write integers the way reports write them, for the round-trip property tests.

>>> to_chinese(105000000), to_chinese(3005), to_chinese(150000)
('一亿零五百万', '三千零五', '十五万')
>>> to_mixed(27000), to_mixed(10**12), to_mixed(123)
('2.7万', '1万亿', '123')
"""
from __future__ import annotations

from decimal import Decimal

_DIGITS = "零一二三四五六七八九"
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_SCALES = ((10**8, "亿"), (10**4, "万"))


def to_chinese(n: int) -> str:
    """n (0 ≤ n) in Chinese numerals: 十五 at the start but 一百一十五 inside,
    one 零 for each run of empty places, and 万亿 as (一万)亿.

    >>> to_chinese(0), to_chinese(10015), to_chinese(10**13)
    ('零', '一万零一十五', '十万亿')
    """
    if n < 0:
        raise ValueError(n)
    return "零" if n == 0 else _chinese(n, leading=True)


def _chinese(n: int, leading: bool) -> str:
    for scale, char in _SCALES:
        if n >= scale:
            high, low = divmod(n, scale)
            text = _chinese(high, leading) + char
            if low:
                # The place right below the scale is empty: 一亿零五百万, 三万零五.
                text += ("零" if low < scale // 10 else "") + _chinese(low, leading=False)
            return text
    return _below_ten_thousand(n, leading)


def _below_ten_thousand(n: int, leading: bool) -> str:
    parts: list[str] = []
    gap = False
    for place, char in _PLACES:
        digit = n // place % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        # 十五, not 一十五, when 十 leads the whole number.
        if not (place == 10 and digit == 1 and leading and not parts):
            parts.append(_DIGITS[digit])
        parts.append(char)
    return "".join(parts)


def to_mixed(n: int) -> str:
    """n with Arabic digits and the largest scale it reaches: 2.7万, 1万亿.

    >>> to_mixed(123456789), to_mixed(10**13)
    ('1.23456789亿', '10万亿')
    """
    for scale, suffix in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")):
        if n >= scale:
            return f"{(Decimal(n) / scale).normalize():f}{suffix}"
    return str(n)
