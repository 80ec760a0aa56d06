"""qdtargets.numerals: one case per bullet of the numeral issue, the inputs that
must not read as numbers, NUMBER_PATTERN in running text, and round-trip
properties over every integer 0…10^13."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
import regex
from hypothesis import given, strategies as st

from .numeral_format import to_chinese, to_mixed
from qdtargets.numerals import DIGITS, NUMBER_PATTERN, parse_number

NUMBER = regex.compile(NUMBER_PATTERN)


def case(case_id: str, text: str, value: str):
    return pytest.param(text, Decimal(value), id=case_id)


PARSES = [
    # Arabic digits, half- and full-width, separators, decimals
    case("arabic-integer", "2023", "2023"),
    case("arabic-decimal", "12.5", "12.5"),
    case("fullwidth-decimal", "１２．５", "12.5"),
    case("thousands-comma", "1,200", "1200"),
    case("thousands-fullwidth-comma", "1，200", "1200"),
    case("thousands-fullwidth-digits", "１，２００", "1200"),
    case("thousands-several-groups", "1,050,000,000", "1050000000"),
    case("thousands-with-decimal", "10,000.233", "10000.233"),
    case("decimal-without-integer-part", ".5", "0.5"),
    # Chinese numerals
    case("zero", "零", "0"),
    case("zero-circle", "〇", "0"),
    case("single-digit", "七", "7"),
    case("wan", "二十七万", "270000"),
    case("leading-ten", "十五", "15"),
    case("leading-ten-before-wan", "十万", "100000"),
    case("explicit-one-ten", "一十一", "11"),
    case("zero-gap-after-yi", "一亿零五百万", "105000000"),
    case("zero-gap-in-thousands", "三千零五", "3005"),
    case("zero-gap-before-ten", "一千零十二", "1012"),
    case("liang", "两千三百", "2300"),
    case("liang-before-wan", "三万两千", "32000"),
    case("nian", "廿五", "25"),
    case("sa", "卅", "30"),
    case("nian-inside", "五百卅四", "534"),
    case("financial", "壹佰贰拾叁", "123"),
    case("financial-wan", "叁仟肆佰伍拾陆万柒仟捌佰玖拾", "34567890"),
    case("financial-ten", "拾", "10"),
    case("wan-yi", "一万亿", "1000000000000"),
    case("wan-yi-with-count", "三百五十一万亿", "351000000000000"),
    case("wan-wan", "四万万", "400000000"),
    case("sixteen-digits", "九千八百七十六万五千四百三十二亿九千八百七十六万五千四百三十二",
         "9876543298765432"),
    case("chinese-decimal", "五点五", "5.5"),
    case("chinese-decimal-after-wan", "两千万点五五四四", "20000000.5544"),
    case("chinese-decimal-with-scale", "二点七万", "27000"),
    # Mixed forms: the scale is folded in, the unit is not part of the numeral
    case("mixed-wan", "2.7万", "27000"),
    case("mixed-yi", "1.5亿", "150000000"),
    case("mixed-qian", "3千", "3000"),
    case("mixed-wan-yi", "1万亿", "1000000000000"),
    case("mixed-wan-yi-decimal", "4.8万亿", "4800000000000"),
    case("mixed-qian-wan", "3.1千万", "31000000"),
    case("mixed-arabic-after-wan", "3万4000", "34000"),
    case("mixed-chinese-after-wan", "100万三千", "1003000"),
    case("mixed-zero-gap", "200亿零四千230", "20000004230"),
    # Percent and permille prefixes give the number after them
    case("percent", "百分之五", "5"),
    case("percent-decimal", "百分之五点五", "5.5"),
    case("percent-hundred", "百分之百", "100"),
    case("percent-arabic", "百分之2.4", "2.4"),
    case("permille", "千分之三", "3"),
    # The percent sign, (个)百分点 and the classifier 个 after the number
    case("percent-sign", "25%", "25"),
    case("percent-sign-fullwidth", "５．５％", "5.5"),
    case("percent-sign-negative", "负3.9%", "-3.9"),
    case("percentage-points", "2.4个百分点", "2.4"),
    case("percentage-points-without-ge", "3百分点", "3"),
    case("classifier-ge", "三个", "3"),
    # Fractions: the denominator comes first
    case("fraction", "三分之一", "0.3333333333333333333333333333"),
    case("fraction-two-thirds", "三分之二", "0.6666666666666666666666666667"),
    case("fraction-arabic", "10分之3", "0.3"),
    # Spoken abbreviations: a lone digit after a unit is the next place
    case("spoken-wan", "三万五", "35000"),
    case("spoken-bai", "两百五", "250"),
    case("spoken-wan-one-digit", "一万二", "12000"),
    case("spoken-bare-qian", "千三", "1300"),
    # Negative numbers
    case("negative-chinese", "负三", "-3"),
    case("negative-ascii", "-5", "-5"),
    case("negative-fullwidth", "－1.5", "-1.5"),
    case("below-zero", "零下四", "-4"),
    case("negative-before-percent", "负百分之五", "-5"),
    case("negative-after-percent", "百分之负五", "-5"),
    # Digit strings read digit by digit
    case("digit-string-year", "二〇二三", "2023"),
    case("digit-string-white-circle", "二○二三", "2023"),
    case("digit-string-yao", "幺八九", "189"),
    # 多/余/几 before a scale: the value is the stated base
    case("approx-yu", "十余万", "100000"),
    case("approx-duo-arabic", "300多亿", "30000000000"),
    case("approx-ji", "二十几万", "200000"),
    case("approx-between-scales", "三十万多亿", "30000000000000"),
    # 成 and 折 count tenths, read as percentage numbers like 百分之
    case("cheng", "九成", "90"),
    case("cheng-spoken", "七成六", "76"),
    case("cheng-half", "三成半", "35"),
    case("zhe-two-digits", "八五折", "85"),
    case("zhe-one-digit", "九折", "90"),
    case("zhe-decimal", "9.5折", "95"),
    # 半
    case("half", "半", "0.5"),
    case("one-half", "一半", "0.5"),
    case("half-hundred", "半百", "50"),
    # A bare scale counts one of it (上万人, 近千家)
    case("bare-wan", "万", "10000"),
    case("bare-qian", "千", "1000"),
    # Spaces inside a numeral are ignored
    case("spaces-chinese", "一百 五 十 二", "152"),
    case("space-before-scale", "2.7 万", "27000"),
]


@pytest.mark.parametrize("text, value", PARSES)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


NOT_NUMERALS = [
    pytest.param("", id="empty"),
    pytest.param("abc", id="latin"),
    pytest.param("元整", id="unit-only"),
    pytest.param("点零", id="point-zero-without-integer"),
    pytest.param("零点", id="point-without-fraction"),
    pytest.param("负", id="sign-only"),
    pytest.param("百分之", id="percent-prefix-only"),
    pytest.param("十四五", id="plan-name-two-trailing-digits"),
    pytest.param("两两", id="liang-is-not-a-place-digit"),
    pytest.param("一千两", id="liang-not-elided-digit"),
    pytest.param("四百多", id="trailing-duo-is-the-callers"),
    pytest.param("%", id="percent-sign-only"),
    pytest.param("个百分点", id="point-unit-only"),
    pytest.param("分之一", id="fraction-without-denominator"),
    pytest.param("10..1万", id="double-point"),
    pytest.param("10.1万零100", id="digits-after-decimal-scale"),
    pytest.param("1,2", id="bad-thousands-group"),
    pytest.param("1万60000", id="part-after-scale-too-large"),
    pytest.param("2e5", id="exponent-notation"),
    pytest.param("五十打", id="dozen-is-a-unit"),
    pytest.param("成", id="cheng-alone"),
    pytest.param("九" + "万" * 8, id="too-many-stacked-scales"),
]


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_not_a_numeral(text: str) -> None:
    assert parse_number(text) is None


SCANS = [
    pytest.param("新增就业2.7万人以上", ["2.7万"], id="mixed-before-unit"),
    pytest.param("年交易额突破1000亿元", ["1000亿"], id="arabic-yi"),
    pytest.param("总规模4.8万亿元", ["4.8万亿"], id="wan-yi"),
    pytest.param("增长百分之五点五", ["百分之五点五"], id="percent-prefix"),
    pytest.param("完成率百分之百", ["百分之百"], id="percent-hundred"),
    pytest.param("投资300多亿元", ["300多亿"], id="approx-before-scale"),
    pytest.param("带动就业十余万人", ["十余万"], id="approx-chinese"),
    pytest.param("新增公益性岗位4000多个", ["4000"], id="trailing-duo-left-to-caller"),
    pytest.param("两所幼儿园", ["两"], id="liang"),
    pytest.param("二○二三年", ["二○二三"], id="digit-string"),
    pytest.param("一亿零五百万元", ["一亿零五百万"], id="zero-gap"),
    pytest.param("壹佰贰拾叁元", ["壹佰贰拾叁"], id="financial"),
    pytest.param("壹元整", ["壹"], id="lone-financial-before-money-unit"),
    pytest.param("１２．５％", ["１２．５"], id="fullwidth"),
    pytest.param("1,200人", ["1,200"], id="thousands"),
    pytest.param("1, 234, 567", ["1", "234", "567"], id="comma-space-splits"),
    pytest.param("下降0.5个百分点", ["0.5"], id="percentage-point-unit"),
    pytest.param("提高3百分点", ["3"], id="bai-fen-is-not-a-scale"),
    pytest.param("5%-6%", ["5", "6"], id="dash-is-not-a-sign"),
    pytest.param("肩负三项使命", ["三"], id="fu-is-not-a-sign"),
    pytest.param("功率120千瓦", ["120"], id="kilo-is-not-a-scale"),
    pytest.param("装机30万千瓦", ["30万"], id="wan-then-kilowatt"),
    pytest.param("发电三百万千瓦", ["三百万"], id="chinese-wan-then-kilowatt"),
    pytest.param("新增五千千瓦", ["五千"], id="chinese-qian-then-kilowatt"),
    pytest.param("修路两万千米", ["两万"], id="chinese-wan-then-kilometre"),
    pytest.param("增产三千万千瓦时", ["三千万"], id="chinese-then-kilowatt-hour"),
    pytest.param("跑道三百米", ["三百"], id="bai-before-metre-is-a-place"),
    pytest.param("用时二十分钟", ["二十"], id="shi-before-minute-is-a-place"),
    pytest.param("减少三分之一", ["三分之一"], id="fraction"),
    pytest.param("占百分之十五", ["百分之十五"], id="percent-is-not-a-fraction"),
    pytest.param("三千两百两黄金", ["三千两百", "两"], id="liang-as-unit"),
    pytest.param("两百点两", ["两百", "两"], id="liang-is-not-a-decimal-digit"),
    pytest.param("上万人", ["万"], id="bare-wan"),
    pytest.param("近千家", ["千"], id="bare-qian"),
    pytest.param("万一", ["万", "一"], id="bare-wan-takes-no-digits"),
    pytest.param("收拾房间，登陆大陆，放肆", [], id="lone-financial-is-a-word"),
    pytest.param("半导体上半年", [], id="ban-not-in-pattern"),
]


@pytest.mark.parametrize("text, found", SCANS)
def test_number_pattern_in_text(text: str, found: list[str]) -> None:
    assert [m.group() for m in NUMBER.finditer(text)] == found


def test_number_pattern_embeds_without_groups() -> None:
    assert NUMBER.groups == 0 and not NUMBER.groupindex
    outer = regex.compile(rf"(?P<number>{NUMBER_PATTERN})(?P<unit>元|人)")
    m = outer.search("总投资1578亿元")
    assert (m.group("number"), m.group("unit")) == ("1578亿", "元")


@pytest.mark.parametrize("text", [
    pytest.param("1" * 200_000, id="digits"),
    pytest.param("1," * 100_000, id="broken-thousands"),
    pytest.param("一" * 200_000, id="chinese-digits"),
    pytest.param("万" * 200_000, id="scales"),
    pytest.param("十余" * 100_000, id="approx-without-scale"),
    pytest.param("一点" * 100_000, id="points"),
])
def test_number_pattern_scans_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    for _ in NUMBER.finditer(text):
        pass
    assert time.perf_counter() - started < 2.0


@given(st.integers(min_value=0, max_value=10**13))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**13))
def test_mixed_numerals_round_trip(n: int) -> None:
    assert parse_number(to_mixed(n)) == n


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    result = parse_number(text)
    assert result is None or isinstance(result, Decimal)


NUMERAL_ALPHABET = "".join(DIGITS) + "十拾百佰千仟万亿廿卅点.,，0123456789 多余几负-半成折分之"


@given(st.text(alphabet=NUMERAL_ALPHABET))
def test_numeral_soup_never_raises(text: str) -> None:
    """Strings made of numeral characters reach the deeper branches of the parser."""
    for piece in [text] + [m.group() for m in NUMBER.finditer(text)]:
        result = parse_number(piece)
        assert result is None or isinstance(result, Decimal)
