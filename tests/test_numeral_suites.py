"""Outside numeral suites (fixtures/numerals/, see its README) against qdtargets.numerals.

Every case that does not pass is a strict xfail with its reason, so the gaps
stay listed here, and a gap that gets fixed fails until it is unlisted.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import regex

from qdtargets.numerals import NUMBER_PATTERN, parse_number

SUITES = Path(__file__).parent.parent / "fixtures" / "numerals"
NUMBER = regex.compile(NUMBER_PATTERN)



def load(name: str) -> list[tuple[int, dict]]:
    """(line number, case) for each case of a suite; decimals stay exact."""
    with (SUITES / name).open(encoding="utf-8") as f:
        return [(n, json.loads(line, parse_float=Decimal)) for n, line in enumerate(f, 1) if line.strip()]


def same(got: Decimal | None, want: int | Decimal) -> bool:
    want = Decimal(want)
    return got is not None and abs(got - want) <= abs(want) * Decimal("1e-9")


def scan(text: str) -> list[Decimal]:
    """The values of the numerals NUMBER_PATTERN finds in text, in order,
    leaving out the matches parse_number cannot read, as the extractor does."""
    return [v for m in NUMBER.finditer(text) if (v := parse_number(m.group())) is not None]


def params(cases, gaps: dict[str, str]) -> list:
    """pytest params from (id, args, key) triples; a strict xfail where key is in gaps."""
    out = []
    for case_id, args, k in cases:
        marks = [pytest.mark.xfail(strict=True, reason=gaps[k])] if k in gaps else []
        out.append(pytest.param(*args, id=case_id, marks=marks))
    return out


# ---------------------------------------------------------------- numerals.jsonl
NUMERAL_CASES = load("numerals.jsonl")

DOZEN = "打 (dozen, ×12) is a measure word like 双/对, which the suite itself leaves out of the number (三双 → 3)"
MENTION_GAPS = {
    "一打": DOZEN, "壹打": DOZEN, "十打": DOZEN, "五十打": DOZEN, "五打": DOZEN, "八打": DOZEN,
    "对折": "对折 (half price) is a word, not a numeral; the suite's NumberModel finds no number in it",
    "半折": "半折 means half price (五折); parse_number reads 半 as 0.5 everywhere, giving 0.5折 = 5",
    "一半半": "Duckling quirk: 一半半 → 0.5 has no reading as one numeral",
}

WORD = "a digit character inside a word (一切, 四川, 十足, 两岸): telling them apart needs word segmentation, the extractor's job"
BARE_SCALE = "a bare 万 reads as 10000 so that 上万人 and 数万 work; alone it is left to the extractor's drop rules"
NEGATIVE_GAPS = {
    "一切": WORD, "一看": WORD, "我一看你就笑": WORD, "四川": WORD, "我家在四川": WORD,
    "美味十足": WORD, "两两": WORD, "两岸关系": WORD,
    "万": BARE_SCALE, "万万": BARE_SCALE,
}


# Each mention's text goes to parse_number as the suite gives it, percent
# sign, 个百分点 and Duckling's classifier 个 included.
MENTIONS = [
    (case, mention, f"L{line:03d}-{k}")
    for line, case in NUMERAL_CASES
    for k, mention in enumerate(case["mentions"])
]


@pytest.mark.parametrize("text, value", params(
    ((cid, (m["text"], m["value"]), m["text"]) for c, m, cid in MENTIONS), MENTION_GAPS))
def test_mention_parses(text: str, value) -> None:
    assert same(parse_number(text), value), f"{text!r} → {parse_number(text)}, want {value}"


def test_mentions_parse_exactly_at_least_98_percent() -> None:
    failed = [m["text"] for c, m, _ in MENTIONS if not same(parse_number(m["text"]), m["value"])]
    rate = 1 - len(failed) / len(MENTIONS)
    assert rate >= 0.98, f"{rate:.1%} parse exactly; failing: {failed}"


@pytest.mark.parametrize("text", params(
    ((f"L{line:03d}", (case["input"],), case["input"]) for line, case in NUMERAL_CASES if not case["mentions"]),
    NEGATIVE_GAPS))
def test_negative_case_reads_no_number(text: str) -> None:
    assert scan(text) == []


# ---------------------------------------------------------------- numerals_units.jsonl
# Each mention's text is a quantity with its unit; its first numeral must carry
# the value.  The suite's negative cases only say that no quantity of the
# source model's kind is there (an order number, 2:00 pm still hold numbers),
# so they say nothing about numerals and are not run.
COMPOUND = "compound amount (元角分, 块毛, 美元又美分): adding the parts up is the caller's job"
SUBUNIT = "角/分 alone are 0.1/0.01 元: converting units is the caller's job"
SIGN = "NUMBER_PATTERN takes no sign, since 负 is mostly part of a word (肩负, 担负)"
DASH = "NUMBER_PATTERN takes no sign, since '-' is mostly a range or date dash (5%-6%, 2021-02-04)"
HALF_AFTER_UNIT = "半 after the unit (一吨半 = 1.5 t) belongs to the unit phrase, not the numeral"
UNIT_GAPS = {
    **dict.fromkeys([
        "壹拾壹元壹角", "壹拾壹元壹角壹分", "玖仟陆佰陆拾伍圆壹角捌分", "壹佰捌拾壹圆柒角", "壹元零壹分",
        "壹元贰角", "壹元壹角", "两美元又三美分", "五元三毛", "50元6角三分", "123元1角1分",
        "六十四万零一百四十三元一角七分", "十块三毛", "一百三十五块六角七分钱", "一百二十三元1角1分",
    ], COMPOUND),
    **dict.fromkeys(["壹分", "壹角", "负壹角"], SUBUNIT),
    **dict.fromkeys(["负壹元整", "负壹拾壹元整", "负0.2千米", "负13.5千米"], SIGN),
    **dict.fromkeys(["一吨半", "两米半", "三斤半", "十五斤半"], HALF_AFTER_UNIT),
    **dict.fromkeys(["米九", "米九左右", "三米九"],
                    "米九 = 1.9 m: a digit after the unit is its tenth, a unit-phrase reading"),
    "半公升": "半 is not in NUMBER_PATTERN (上半年, 半导体, 半岛)",
    "两个亿卢布": "the classifier 个 between the count and its scale (两个亿)",
}

UNIT_MENTIONS = [
    (f"L{line:03d}-{k}", (m["text"], m["value"]), m["text"])
    for line, case in load("numerals_units.jsonl")
    for k, m in enumerate(case["mentions"])
]


@pytest.mark.parametrize("text, value", params(UNIT_MENTIONS, UNIT_GAPS))
def test_unit_mention_first_numeral(text: str, value) -> None:
    found = scan(text)
    assert found and same(found[0], value), f"{text!r} → {found}, want {value} first"


# ---------------------------------------------------------------- numerals_bounds.jsonl
# The bound itself (多, 以上, 不小于) is the caller's; the numeral layer must
# give exactly the interval's finite end points.
BOUND_GAPS = {
    "大于或者等于三千 九百 六十五": "NUMBER_PATTERN takes no spaces inside a Chinese numeral",
    "-10000与20000间": DASH,
}

BOUND_MENTIONS = [
    (f"L{line:03d}-{k}", (m["text"], {v for v in (m["lower"], m["upper"]) if v is not None}), m["text"])
    for line, case in load("numerals_bounds.jsonl")
    for k, m in enumerate(case["mentions"])
]


@pytest.mark.parametrize("text, ends", params(BOUND_MENTIONS, BOUND_GAPS))
def test_bound_mention_end_points(text: str, ends: set) -> None:
    assert set(scan(text)) == ends


def test_every_listed_gap_names_a_suite_case() -> None:
    """A gap entry that names no suite case (a typo, a changed suite) would mark nothing."""
    keys = {m["text"] for _, m, _ in MENTIONS} | {c["input"] for _, c in NUMERAL_CASES}
    keys |= {k for _, _, k in UNIT_MENTIONS} | {k for _, _, k in BOUND_MENTIONS}
    assert set(MENTION_GAPS) | set(NEGATIVE_GAPS) | set(UNIT_GAPS) | set(BOUND_GAPS) <= keys
