"""Describe stage, region: whose report a text is, as a name and code of the gazetteer.

A reader finds it in this order (data/region_cues.tsv): the congress that
hears the report (X区第七届人民代表大会), who presents it (我代表省人民政府), a
title, headline or byline among its first lines (浙江省2024年政府工作报告,
城阳区两会). A cue that gives only a level (在市第十六届人民代表大会, 代表县人民
政府; else the report's own 全区, 我县, 本市) is tied to a place of that level
named at the report's start, else to the only such place it names at all.
Without any cue, a place standing as the subject at the report's start
(2023年，李沧区将…) is its government. A place merely mentioned is never the
region, and what the gazetteer does not hold is never one either.

A name several places share (普陀区, 市中区) is settled by the province or city
named with it or in the report, and printed with its parent (上海市普陀区).
"""
from __future__ import annotations

import marshal
import os
import sys
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from . import lexicon, segment

GAZETTEER = "gazetteer.tsv"
# Raised when Gazetteer.state() changes shape, so that old cache files are not read.
CACHE_FORMAT = 1
LEVELS = ("nation", "province", "prefecture", "county", "area")
# The words a division's name ends in, longest first, which a cue may give alone (在市…).
LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "新区", "省", "市", "区", "县", "州", "旗", "盟")
# The longest name the gazetteer holds (积石山保安族东乡族撒拉族自治县) and then some.
MAX_FORM = 16
# How far into a report its title, headline and opening sentences reach: so
# many lines that are not blank, and no more than so many characters.
OPENING_LINES = 8
OPENING_CHARS = 300
# How often a report must name itself by a level (全区, 我县) for the level to
# count beyond the place it first names as the one acting.
SELF_MENTIONS = 2
# A page torn from its report is the report of the one place of its level it
# names, if it names that place this often (once is a mention).
ONLY_PLACE_MENTIONS = 2
# How far either side of its anchor a cue is looked for (a name and a session number).
ANCHOR_REACH = 40
# Cues the way region_cues.tsv lists them, tried in this order.
CUE_KINDS = ("congress", "speaker", "title", "self")
# A place followed by these is a newspaper, a broadcaster, a public account, a
# dateline, a street or a port, or an agency (青岛新闻网, 《武穴发布》,
# 新华网长春1月27日电, 烟台路, 重庆市统计局),
# not the government whose report it is.
MEDIUM_AFTER = (r"新闻|日报|晚报|早报|电视|广播|融媒|政务网|网(?![格络点])|发布(?=[》」”\"）)\s])"
                r"|\s*\d{1,2}月\d{1,2}日(?:电|讯)"
                r"|路|街|大道|线|港|湾|站|机场"
                r"|\p{Han}{0,6}?(?:局|厅|公司|集团|银行|大学|学院|医院|研究院|研究所|协会|报社)")
# What follows a place named as the government itself (兰州市委市政府, 城阳区人民政府,
# 浙江省省长).
GOVERNMENT_AFTER = r"(?:人民)?政府|行政公署|委|人大|[“\"]?两会|[省市区县州旗盟]?长|主席"
# How the State Council's report names its own country.
NATION_WORDS = ("我国", "我國")
_FULL_STOP = "。！？!?；;"
_IN_SENTENCE = _FULL_STOP + "，,"
_CLAUSE_START = "，,。：:；;！!？?\n 　\t"


class Place(NamedTuple):
    code: str | None     # 6-digit GB/T 2260 code
    parent: str | None   # code of the division it lies in
    level: str
    name: str
    first: int | None    # first and last year under this name and code
    last: int | None

    def exists_in(self, year: int | None) -> bool:
        """Whether a report of year could name it (a year either side of a change)."""
        if year is None:
            return self.last is None
        return (self.first is None or self.first <= year) and (self.last is None or year <= self.last + 1)

    def strictly_in(self, year: int | None) -> bool:
        if year is None:
            return self.last is None
        return (self.first is None or self.first <= year) and (self.last is None or year <= self.last)


class Gazetteer:
    """data/gazetteer.tsv (built by scripts/build_gazetteer.py), indexed by the
    forms of the names. Every start of the command that resolves a region
    loads it, so the index is kept in a cache file beside the user's other
    caches, and a row becomes a Place only when it is asked for; check() reads
    every row, for the tests."""

    def __init__(self, header: int, lines: tuple[str, ...], forms: dict[str, tuple[int, ...]],
                 cue_forms: dict[str, tuple[int, ...]], lengths: dict[str, tuple[int, ...]]):
        self.header = header          # lines before the first row
        self.lines = lines            # the rows, as written
        self.forms = forms            # full names and short forms: their rows
        self.cue_forms = cue_forms    # the short forms only a cue may use: their rows
        self.lengths = lengths        # first character of a form: the forms' lengths, longest first
        self.places: list[Place | None] = [None] * len(lines)
        self._by_code: dict[str, list[int]] | None = None

    @classmethod
    def parse(cls, text: str) -> "Gazetteer":
        all_lines = text.split("\n")
        header = next((i for i, line in enumerate(all_lines) if line and not line.startswith("#")), len(all_lines))
        lines = tuple(line for line in all_lines[header:] if line)
        forms: dict[str, list[int]] = {}
        cue_forms: dict[str, list[int]] = {}
        for i, line in enumerate(lines):
            cols = line.split("\t")
            if len(cols) != 8:
                raise lexicon.LexiconError(f"{GAZETTEER}:{header + i + 1}: expected 8 tab-separated columns")
            forms.setdefault(cols[3], []).append(i)
            for form in filter(None, cols[6].split(",")):
                forms.setdefault(form, []).append(i)
            for form in filter(None, cols[7].split(",")):
                cue_forms.setdefault(form, []).append(i)
        lengths: dict[str, set[int]] = {}
        for form in forms:
            lengths.setdefault(form[0], set()).add(len(form))
        return cls(header, lines, {f: tuple(r) for f, r in forms.items()},
                   {f: tuple(r) for f, r in cue_forms.items()},
                   {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()})

    def state(self) -> tuple:
        """What the cache file keeps (marshal: plain tuples, strings, dicts)."""
        return (self.header, self.lines, self.forms, self.cue_forms, self.lengths)

    def place(self, i: int) -> Place:
        place = self.places[i]
        if place is None:
            place = self.places[i] = self._read(i)
        return place

    def _read(self, i: int) -> Place:
        code, parent, level, name, first, last = self.lines[i].split("\t")[:6]
        where = f"{GAZETTEER}:{self.header + i + 1}"
        if level not in LEVELS:
            raise lexicon.LexiconError(f"{where}: {level!r} is not one of {list(LEVELS)}")
        for value in (code, parent):
            if value and not (len(value) == 6 and value.isdigit()):
                raise lexicon.LexiconError(f"{where}: {value!r} is not a 6-digit code")
        if level != "nation" and not name.endswith(LEVEL_WORDS):
            raise lexicon.LexiconError(f"{where}: {name!r} does not end in a division's word")
        place = Place(code or None, parent or None, level, name, _year(where, first), _year(where, last))
        if place.first and place.last and place.first > place.last:
            raise lexicon.LexiconError(f"{where}: first year {first} after last year {last}")
        return place

    def lookup(self, form: str, cue: bool = False) -> tuple[Place, ...]:
        """The places a form names; with cue, the short forms only a cue may use too."""
        rows = self.forms.get(form, ())
        if cue and form in self.cue_forms:
            rows = rows + self.cue_forms[form]
        return tuple(self.place(i) for i in rows)

    def named(self, name: str) -> tuple[Place, ...]:
        """The places of this full name."""
        return tuple(p for p in self.lookup(name) if p.name == name)

    def coded(self, code: str) -> tuple[Place, ...]:
        if self._by_code is None:
            self._by_code = {}
            for i, line in enumerate(self.lines):
                if line[0] != "\t":
                    self._by_code.setdefault(line[:6], []).append(i)
        return tuple(self.place(i) for i in self._by_code.get(code, ()))

    def check(self) -> None:
        """Read every row: a malformed one raises LexiconError naming its line."""
        places = [self.place(i) for i in range(len(self.lines))]
        codes = {p.code for p in places if p.code}
        for i, place in enumerate(places):
            if place.parent and place.parent not in codes:
                raise lexicon.LexiconError(
                    f"{GAZETTEER}:{self.header + i + 1}: parent {place.parent} is not in the gazetteer")


def _year(where: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) != 4:
        raise lexicon.LexiconError(f"{where}: {value!r} is not a year")
    return int(value)


def _cache_path(data_path: str) -> str | None:
    """The cache file for this state of the data file and this Python."""
    try:
        stat = os.stat(data_path)
    except OSError:
        return None
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    version = "%d%d" % sys.version_info[:2]
    return os.path.join(root, "qdtargets", f"gazetteer-{CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}-py{version}.marshal")


@cache
def _pattern(pattern: str) -> regex.Pattern:
    # Compiled when first needed: most reports name their congress, and need none.
    return regex.compile(pattern)


@cache
def gazetteer() -> Gazetteer:
    path = os.path.join(lexicon.DATA_DIR, GAZETTEER)
    cached = _cache_path(path)
    if cached:
        try:
            with open(cached, "rb") as f:
                # loads on the bytes: marshal.load reads a file in small pieces.
                return Gazetteer(*marshal.loads(f.read()))
        except (OSError, ValueError, EOFError, TypeError):
            pass    # no cache yet, or one this Python cannot read: build it
    with open(path, encoding="utf-8") as f:
        g = Gazetteer.parse(f.read())
    if cached:
        _write_cache(cached, g)
    return g


def _write_cache(path: str, g: Gazetteer) -> None:
    """Write the index for the next start; a cache that cannot be written is no error."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.{os.getpid()}"
        with open(partial, "wb") as f:
            marshal.dump(g.state(), f)
        os.replace(partial, path)
    except OSError:
        pass


class Cue(NamedTuple):
    anchor: str | None
    pattern: regex.Pattern


@cache
def _cues() -> dict[str, tuple[Cue, ...]]:
    out: dict[str, list[Cue]] = {kind: [] for kind in CUE_KINDS}
    for n, (kind, anchor, pattern) in lexicon.read_table("region_cues.tsv", 3):
        lexicon.check_value("region_cues.tsv", n, kind, CUE_KINDS)
        try:
            compiled = regex.compile(pattern, regex.MULTILINE)
        except regex.error as exc:
            raise lexicon.LexiconError(f"region_cues.tsv:{n}: bad pattern {pattern!r}: {exc}") from None
        out[kind].append(Cue(None if anchor == "-" else anchor, compiled))
    return {kind: tuple(cues) for kind, cues in out.items()}


def _cue_matches(cue: Cue, text: str, start: int, end: int) -> list[regex.Match]:
    """The cue's matches in text[start:end]; an anchored one looked for only
    within reach of its anchor."""
    if cue.anchor is None:
        return list(cue.pattern.finditer(text, start, end))
    found: dict[int, regex.Match] = {}
    at = text.find(cue.anchor, start, end)
    while at >= 0:
        for m in cue.pattern.finditer(text, max(start, at - ANCHOR_REACH), min(end, at + ANCHOR_REACH)):
            found.setdefault(m.start(), m)
        at = text.find(cue.anchor, at + len(cue.anchor), end)
    return list(found.values())


# ---- reading a name -------------------------------------------------------

class Reading(NamedTuple):
    places: tuple[Place, ...]   # the places the name can be, narrowed by its qualifiers
    level: str | None           # the level word, when the name is no place (在市 → 市)
    start: int                  # where the name read begins (its qualifiers included)


def _form_ending_at(s: str, end: int) -> tuple[int, tuple[Place, ...]] | None:
    """The longest name or short form that ends at end."""
    g = gazetteer()
    for k in range(min(MAX_FORM, end), 1, -1):
        places = g.lookup(s[end - k:end], cue=True)
        if places:
            return end - k, places
    return None


def _within(place: Place, outer: Place) -> bool:
    """Whether place lies in outer: its city, or its province (a code's first
    two digits)."""
    if not place.parent or not outer.code:
        return False
    return outer.code in (place.parent, place.parent[:2] + "0000")


@lru_cache(maxsize=1024)
def read_name(s: str) -> Reading:
    """What a cue's name says, read right to left: 江苏省南通市 → 南通市 in 江苏省,
    日上午浙江省 → 浙江省, 在市 → the level 市, 上海市普陀区 → 普陀区 in 上海市."""
    hit = _form_ending_at(s, len(s))
    if hit is None:
        level = next((w for w in LEVEL_WORDS if s.endswith(w)), None)
        return Reading((), level, len(s))
    start, places = hit
    position = start
    while position > 1:
        qualifier = _form_ending_at(s, position)
        if qualifier is None:
            break
        narrowed = tuple(p for p in places if any(_within(p, q) for q in qualifier[1]))
        if not narrowed:
            break
        places, position = narrowed, qualifier[0]
    return Reading(places, None, position)


def _of_year(places: tuple[Place, ...], year: int | None) -> tuple[Place, ...]:
    """The places that existed in year (without one, those that still exist),
    those of a year either side of it, else the nearest in time: in 2018 即墨
    is 即墨区, though 即墨市 was still named so in 2017."""
    for exists in (Place.strictly_in, Place.exists_in):
        alive = tuple(p for p in places if exists(p, year))
        if alive:
            return alive
    return _nearest(places, year)


def _nearest(places: tuple[Place, ...], year: int | None) -> tuple[Place, ...]:
    if not places:
        return ()
    def distance(p: Place) -> int:
        if year is None:
            return -(p.last or 9999)
        if p.first and year < p.first:
            return p.first - year
        return year - (p.last or year)
    best = min(map(distance, places))
    return tuple(p for p in places if distance(p) == best)


def _one(places: tuple[Place, ...]) -> Place | None:
    """The place, when the candidates are one place (a 新区 and the district it
    coincides with are two names; the same name under two codes over the years is
    one place only if the year has settled it)."""
    distinct = {(p.name, p.code, p.parent) for p in places}
    return places[0] if len(distinct) == 1 else None


def label(place: Place, year: int | None) -> str:
    """The name printed: the full name, with its parent's where another place
    of the time shares it (上海市普陀区, 济南市市中区)."""
    if place.level in ("nation", "province") or not place.parent:
        return place.name
    others = [p for p in gazetteer().named(place.name)
              if (p.code, p.parent) != (place.code, place.parent) and p.level != "area"
              and (p.strictly_in(year) if year is not None else p.last is None)]
    if not others:
        return place.name
    parent = _of_year(gazetteer().coded(place.parent), year)
    return (parent[0].name if parent else "") + place.name


@lru_cache(maxsize=1024)
def code_of(region: str | None, year: int | None) -> str | None:
    """The 6-digit code of a printed region in year; None for 全国 (GB/T 2260
    gives the nation none) and for what the gazetteer does not hold."""
    if not region:
        return None
    reading = read_name(region)
    if reading.start != 0:
        return None
    place = _one(_of_year(reading.places, year))
    return place.code if place else None


def canonical(value: str) -> str:
    """The gazetteer's name for a region given by name or code (--region):
    370281 → 胶州市, 东乌旗 → 东乌珠穆沁旗. ValueError says why it is none."""
    value = value.strip()
    g = gazetteer()
    if value.isdigit():
        places = _of_year(g.coded(value), None)
        place = next((p for p in places if p.level != "area"), None)
        if place is None:
            raise ValueError(f"{value} is no code of the gazetteer (6-digit GB/T 2260 codes, e.g. 370281)")
        return label(place, None)
    reading = read_name(value)
    if not reading.places or reading.start != 0:
        raise ValueError(f"{value!r} is no region of the gazetteer (e.g. 浙江省, 胶州市, 东乌旗, 370281)")
    places = _of_year(reading.places, None)
    place = _one(places)
    if place is None:
        names = sorted({label(p, None) for p in places})
        raise ValueError(f"{value!r} names several places ({', '.join(names)}): give one of them")
    return label(place, None)


# ---- finding a report's government ---------------------------------------

class PlaceMention(NamedTuple):
    start: int
    end: int
    places: tuple[Place, ...]


def _places_in(text: str, start: int, end: int, year: int | None) -> list[PlaceMention]:
    """Places the span names, longest name first, newspapers and datelines aside."""
    g = gazetteer()
    found = []
    i = start
    while i < end:
        for k in g.lengths.get(text[i], ()):
            if i + k > end:
                continue
            form = text[i:i + k]
            if form not in g.forms:
                continue
            places = g.lookup(form)
            # A two-character name (城区, 郊区, 沙县) inside a longer word is no name.
            if k == 2 and places[0].name == form and i > 0 and _pattern(r"\p{Han}").match(text[i - 1]):
                continue
            if _pattern(MEDIUM_AFTER).match(text, i + k):
                break
            alive = _of_year(places, year)
            if alive:
                found.append(PlaceMention(i, i + k, alive))
            i += k - 1
            break
        i += 1
    return found


def _of_level(places: tuple[Place, ...], level: str) -> tuple[Place, ...]:
    return tuple(p for p in places if p.name.endswith(level) and p.level != "nation")


class _Report:
    """One report's text and what its cues say."""

    def __init__(self, text: str, start: int, end: int, year: int | None):
        self.text, self.start, self.end, self.year = text, start, end, year
        opening, lines = start, 0
        while lines < OPENING_LINES and opening < end:
            nl = text.find("\n", opening, end)
            line_end = end if nl < 0 else nl
            lines += bool(text[opening:line_end].strip())
            opening = line_end + 1
        self.opening_end = min(opening, start + OPENING_CHARS, end)

    def settle(self, places: tuple[Place, ...]) -> str | None:
        """One place of the candidates, by the year and then by the province or
        city the report names; its printed name."""
        places = _of_year(places, self.year)
        place = _one(places)
        if place is None and places:
            named = {p for m in _places_in(self.text, self.start, self.end, self.year) for p in m.places}
            inside = tuple(p for p in places if any(_within(p, outer) for outer in named))
            place = _one(inside)
        return label(place, self.year) if place else None

    def cue_matches(self, kind: str, end: int) -> list[regex.Match]:
        found = [m for cue in _cues()[kind] for m in _cue_matches(cue, self.text, self.start, end)]
        return sorted(found, key=lambda m: m.start())

    def region(self) -> str | None:
        level, level_at, surely = None, self.end, True
        for kind, end in (("congress", self.end), ("speaker", self.end), ("title", self.opening_end)):
            for m in self.cue_matches(kind, end):
                reading = read_name(m.group("name"))
                if kind == "title" and reading.start > 0 and not self.on_heading(m.start()):
                    continue    # 认真落实山东省政府工作报告: a report named in a sentence
                if reading.places:
                    named = self.settle(reading.places)
                    if named:
                        return named
                # A title's level counts only when it is all the name (区2023年政府工作报告).
                elif reading.level and level is None and (kind != "title" or m.group("name") == reading.level):
                    level, level_at = reading.level, m.end("name")
        if level is None:
            level, level_at, surely = self.own_level()
        if level in NATION_WORDS:
            return self.settle(read_name(level).places) if surely else None
        if level is None:
            return self.subject()
        # The government the report names, as the one acting, before it calls
        # itself 市 or 全区 (2019年兰州市委市政府… 在市第十六届人民代表大会;
        # 今年，泉州市继续开展…全市); one named after is a part of it
        # (全市…其中平度市), one not acting a mere mention (勇当青岛打造…).
        for m in _places_in(self.text, self.start, min(self.opening_end, level_at), self.year):
            places = _of_level(m.places, level)
            if places and (self.opens_clause(m) or _pattern(GOVERNMENT_AFTER).match(self.text, m.end)):
                named = self.settle(places)
                if named:
                    return named
        # Once is not enough to go looking further (全市首个 in a district's report).
        return self.only_place(level) if surely else None

    def on_heading(self, offset: int) -> bool:
        """Whether offset stands in a heading line (short, no sentence punctuation)."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        line = self.text[start:end if end >= 0 else len(self.text)].strip()
        return len(line) <= segment.HEADING_MAX and not any(c in line for c in _IN_SENTENCE)

    def own_level(self) -> tuple[str | None, int, bool]:
        """The level the report names itself by most (全区, 我县, 美丽新区),
        where it first does, and whether it does so often enough to be sure;
        on a tie the nearer government (a district's report says 全市 too)."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        forms = gazetteer().forms
        for m in self.cue_matches("self", self.end):
            word = m.group("name")
            # 西海岸新区 names a place, 美丽新区 the report's own.
            if any(self.text[max(0, m.end() - k):m.end()] in forms for k in range(len(word) + 1, 9)):
                continue
            counts[word] = counts.get(word, 0) + 1
            first.setdefault(word, m.start())
        if not counts:
            return None, self.end, False
        rank = {w: i for i, w in enumerate(NATION_WORDS + ("省", "自治区", "盟", "州", "自治州", "市", "区", "县",
                                                           "自治县", "旗", "新区"))}
        # A province's or a city's report says 我国 too: the country's own report
        # is the one that calls itself nothing else.
        local = [w for w in counts if w not in NATION_WORDS and counts[w] >= SELF_MENTIONS]
        level = max(local or counts, key=lambda w: (counts[w], rank.get(w, 0)))
        return level, first[level], counts[level] >= SELF_MENTIONS

    def subject(self) -> str | None:
        """A place that opens a clause of the report's first two sentences
        (2023年，李沧区将…): the government speaking, when no cue says. A line
        that ends without a full stop (a site's menu, a caption) says nothing."""
        sentence = (self.start, self.start)
        for _ in range(2):
            if sentence[1] >= self.end:
                break
            sentence = segment.sentence_of(self.text, sentence[1])
            if self.text[sentence[0]:sentence[1]].rstrip()[-1:] not in _FULL_STOP:
                continue
            for m in _places_in(self.text, sentence[0], min(sentence[1], self.end), self.year):
                if self.opens_clause(m):
                    return self.settle(m.places)
        return None

    def opens_clause(self, m: PlaceMention) -> bool:
        return m.start == self.start or self.text[m.start - 1] in _CLAUSE_START

    def only_place(self, level: str) -> str | None:
        """The one place of the level that the report names, if it names no
        other of that level and this one more than once: the government of a
        page torn from its report (…奋斗是西海岸最亮的底色…为全区人民…)."""
        named: dict[frozenset, tuple[tuple[Place, ...], int]] = {}
        for m in _places_in(self.text, self.start, self.end, self.year):
            places = _of_level(m.places, level)
            if places:
                key = frozenset((p.name, p.code) for p in places)
                named[key] = (places, named.get(key, (places, 0))[1] + 1)
        if len(named) != 1:
            return None
        places, times = next(iter(named.values()))
        return self.settle(places) if times >= ONLY_PLACE_MENTIONS else None


def report_regions(text: str, spans: list[tuple[int, int]], year: int | None,
                   default: str | None = None) -> list[str | None]:
    """The region of each report span. A span too short to be a report (a
    headline cut off by its byline) is read with the span after it; a span that
    says nothing (a newspaper page's trailer) has the region of the report
    before it, else after it; default stands where the text says none at all."""
    found: list[str | None] = [None] * len(spans)
    head = None   # the first of the short spans that wait for their report
    for i, (start, end) in enumerate(spans):
        if end - start < OPENING_CHARS and i + 1 < len(spans):
            head = i if head is None else head
            continue
        first = i if head is None else head
        found[first:i + 1] = [_Report(text, spans[first][0], end, year).region()] * (i + 1 - first)
        head = None
    out = []
    for i, region in enumerate(found):
        if region is None:
            before = [r for r in found[:i] if r]
            after = [r for r in found[i + 1:] if r]
            region = before[-1] if before else (after[0] if after else default)
        out.append(region)
    return out


def strip_leading_place(phrase: str) -> str:
    """phrase without the governments named at its start by their full names
    (青岛市城阳区地区生产总值 → 地区生产总值); a short form may begin a word
    (青岛港), and so may a name of two characters (城区) or 全国."""
    g = gazetteer()
    stripped = True
    while stripped:
        stripped = False
        for k in range(min(MAX_FORM, len(phrase) - 1), 2, -1):
            if phrase[:k] in g.forms and any(p.level != "nation" for p in g.named(phrase[:k])):
                phrase, stripped = phrase[k:], True
                break
    return phrase
