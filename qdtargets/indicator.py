"""Describe stage, quantity side: the indicator, the shortest phrase naming what
is measured or counted (TARGETS.md, "indicator").

The phrase comes from the clause around the quantity: the words before it
(新增就业2.7万人), or the action verb before it with the noun after it
(建设79处社区养老服务驿站 → 建设社区养老服务驿站). jieba segments only that
clause, with the domain words of data/words.tsv loaded into a Tokenizer of its
own: no model file is read, so it costs microseconds, not the second the full
dictionary takes.
"""
from __future__ import annotations

import importlib
import logging
import sys
import types
from functools import cache, lru_cache
from io import BytesIO

import regex

from . import lexicon
from .region import strip_leading_place

_FREQUENCY = 3000              # every domain word alike; unknown characters count 1
_MAX_NOUN = 16                 # the noun after a quantity is rarely longer
_LEADING_YEAR = regex.compile(r"^(?:(?:19|20)\d\d\s*年|[“”\"'（）()《》\s])+")
# A year or a span inside the words before a quantity dates it, it does not
# name it (由2010年的77亿元跃升到2015年的161.1亿元; 3年增长58.6%; 近五年).
_DATING = regex.compile(
    r"(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})\s*年(?:底|末|初)?的?|^(?:近|过去)?[一二两三四五六七八九十\d]{1,2}年(?:来|间)?"
    r"|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:末|期末|时期|期间)?的?")
# A list's numbering opens a clause, it names nothing (1.新建幼儿园20所).
_LIST_NUMBER = regex.compile(
    r"^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])\s*")
# A remark in brackets right after a value (880亿元(预计)) is no noun.
_REMARK = regex.compile(r"^\s*[（(][^（()）]{0,12}[)）]")
# What joins the items of an enumeration; 及 and 和 only where they stand alone
# (not 惠及, 以及, 和谐).
LIST_SEPARATOR = r"、|(?<![惠涉普以顾危触遍波])及(?!时|早)|和(?!谐|平|美|睦)|与"
_LIST_SEPARATOR = regex.compile(LIST_SEPARATOR)
_EDGE_PUNCT = "“”\"'（）()《》 \t　、"
_QUOTES = str.maketrans("", "", "“”\"'「」《》")
_NOUN_END = regex.compile(r"[、\s]")
_STATING_VERBS = {"完成"}
_LONGEST_LEVEL_PHRASE = 6
_COMPARISON = regex.compile(r"^(?:比|较|同比|与)")


class _LoadedOnUse(types.ModuleType):
    """Stands in for a module until something reads from it, then loads it."""

    def __getattr__(self, name: str):
        sys.modules.pop(self.__name__, None)
        # Importing it also rebinds the parent package's attribute to the real module.
        return getattr(importlib.import_module(self.__name__), name)


def _import_jieba():
    """Import jieba without what we never use. pkg_resources only locates jieba's
    own dictionary (we bring ours) and costs a third of qdtargets' start-up (with
    a recent setuptools, also a warning on stderr); jieba.finalseg holds the HMM
    tables (5 ms to load) and we cut with HMM=False, so it loads if ever used."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    had = "pkg_resources" in sys.modules
    if not had:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` fail fast
    sys.modules["jieba.finalseg"] = _LoadedOnUse("jieba.finalseg")
    try:
        import jieba
    finally:
        if not had:
            del sys.modules["pkg_resources"]
        sys.modules.pop("jieba.finalseg", None)
    return jieba


@cache
def tokenizer():
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    entries = "".join(f"{w} {_FREQUENCY}\n" for w in lexicon.words()).encode("utf-8")
    tok.FREQ, tok.total = tok.gen_pfdict(BytesIO(entries))
    tok.initialized = True
    return tok


def _cut(phrase: str) -> list[str]:
    return list(_segment(phrase)) if phrase else []


@lru_cache(maxsize=16384)
def _segment(phrase: str) -> tuple[str, ...]:
    # Reports repeat their phrasings (新增就业, 增长 …): segment each once.
    return tuple(tokenizer().cut(phrase, HMM=False))


def _strip(tokens: list[str], front: set[str], back: set[str]) -> list[str]:
    roles = lexicon.words()
    i, j = 0, len(tokens)
    while i < j and (roles.get(tokens[i]) in front or tokens[i].strip(_EDGE_PUNCT) == ""):
        i += 1
    while j > i and (roles.get(tokens[j - 1]) in back or tokens[j - 1].strip(_EDGE_PUNCT) == ""):
        j -= 1
    return tokens[i:j]


@lru_cache(maxsize=16384)
def _clean_left(phrase: str) -> tuple[str, ...]:
    """Words before a quantity, without the clause opener and the level verb.
    Cached: reports repeat their phrasings, and one phrase is asked for more than
    once (its indicator, then whether that indicator names anything)."""
    phrase = _DATING.sub("", _LEADING_YEAR.sub("", _LIST_NUMBER.sub("", phrase)))
    phrase = strip_leading_place(phrase)
    return tuple(_strip(_cut(phrase), front={"lead", "link", "level"}, back={"level", "link"}))


def _noun_after(phrase: str) -> str:
    """The noun phrase right after a quantity: 369个基础设施项目建设 → 基础设施项目建设.

    It ends where an enumeration goes on (、) or a headline's next item starts (a space).
    """
    phrase = _NOUN_END.split(_REMARK.sub("", phrase)[:_MAX_NOUN], 1)[0].strip(_EDGE_PUNCT)
    # Only its edges matter here, so anchored patterns do what segmenting would.
    leading, trailing, reaching = _noun_edges()
    if reaching.match(phrase) or (phrase[:1] in "到至" and _DATING.match(phrase, 1)):
        # 由77亿元跃升到161.1亿元, 由百分之三十九点七到一九五七年上升为…: what
        # follows is the value reached, no noun.
        return ""
    phrase = trailing.sub("", leading.sub("", phrase))
    return phrase.strip(_EDGE_PUNCT)


@cache
def _noun_edges() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    roles = lexicon.words()
    front = lexicon.alternation(w for w, r in roles.items() if r in ("link", "level"))
    back = lexicon.alternation(w for w, r in roles.items() if r == "link")
    reached = lexicon.alternation(w for w, r in roles.items() if r == "level" and w[-1] in "到至")
    return regex.compile(f"^(?:{front})+"), regex.compile(f"(?:{back})+$"), regex.compile(f"^(?:{reached})")


def describe_indicator(left: str, right: str, inherited_verb: str | None) -> tuple[str, str | None]:
    """(indicator, verb) from the clause text before and after the quantity.

    inherited_verb is the verb of the previous quantity in an enumeration
    (新建900个公共停车泊位、34处自行车停车场): it serves when this one has none.
    """
    roles = lexicon.words()
    noun = _noun_after(right)
    examples_end = left.rfind("等")
    if examples_end >= 0:
        # 打通南坦大街等3条 / 新增大枣园等城市公园4个: the names before 等 are examples.
        head = _clean_left(left[:examples_end])
        verb = next((w for w in head if roles.get(w) == "verb"), None)
        tail = "".join(_strip(_cut(left[examples_end + 1:]), front={"link"}, back={"level", "link"}))
        if roles.get(tail or noun) == "generic":
            # 新开工文阳路改建等5个项目: with a noun this general the examples say what it is.
            return _tidy("".join(head) + tail + noun), verb
        words = ((verb,) if verb else ()) + ((tail,) if tail else ())
    else:
        words = _clean_left(left)
        verb = words[0] if words and roles.get(words[0]) == "verb" else None
        if words and roles.get(words[-1]) == "verb":
            verb = words[-1] if verb is None else verb
    if not noun and inherited_verb and words and not any(roles.get(w) in ("verb", "change") for w in words):
        # 完成农村改炕2万个、改灶2000个: a later item of the list shares its verb.
        indicator = inherited_verb + "".join(words)
    elif not noun:
        if len(words) > 1 and words[-1] in _STATING_VERBS and roles.get(words[0]) != "verb":
            # 一般公共预算收入完成115.6亿元: 完成 after the noun only states the level
            # (where 重点项目竣工36个, 外商直接投资535亿美元 name what is counted).
            words = words[:-1]
        indicator = "".join(words)
    elif not words:
        indicator = (inherited_verb or "") + noun
    elif verb:
        # 完成东部山区35处地质灾害隐患治理: between the verb and the number is a modifier.
        indicator = verb + noun
    else:
        indicator = "".join(words) + noun
    return _tidy(indicator), verb or inherited_verb


def _tidy(indicator: str) -> str:
    return indicator.translate(_QUOTES).strip(_EDGE_PUNCT)


def is_comparison(indicator: str) -> bool:
    """比上年增加, 较去年下降: a change named by what it is measured against, whose
    subject stands before it in the sentence."""
    return _COMPARISON.match(indicator) is not None


def names_nothing(indicator: str) -> bool:
    """True for words that only say a level was reached or how (增长到, 预计)."""
    # Such words are short; a longer phrase always names something.
    return len(indicator) <= _LONGEST_LEVEL_PHRASE and not _clean_left(indicator)


def list_subjects(head: str) -> list[str]:
    """The subjects of a value list, from the words before its 分别.

    规模以上工业增加值、固定资产投资 → both; 城镇和农村常住居民人均可支配收入 →
    城镇常住居民…, 农村常住居民… (an item shares the last item's noun);
    城乡常住居民… → 城镇常住居民…, 农村常住居民… (data/compounds.tsv).
    """
    head = "".join(_clean_left(head))
    parts = [p for p in _LIST_SEPARATOR.split(head) if p]
    if len(parts) <= 1:
        for word, named in lexicon.compounds().items():
            if head.startswith(word):
                return [part + head[len(word):] for part in named]
        return parts
    return [_tidy(p + _shared_noun(p, parts[-1])) for p in parts[:-1]] + [_tidy(parts[-1])]


def _shared_noun(item: str, last: str) -> str:
    """The noun an earlier list item shares with the last one: 增加值 for 高技术
    制造业 in 高技术制造业、装备制造业增加值 (the last item goes on past a word
    ending like the item); 常住居民… for 城镇 in 城镇和农村常住居民… (a short
    item stands for the last one's first word)."""
    end = last.rfind(item[-1], 0, len(last) - 1)
    if end >= 0:
        return last[end + 1:]
    if len(item) <= 3 and len(last) > len(item) + 1:
        return last[len(item):]
    return ""


def level_name(indicator: str) -> str:
    """The name of a level without the rate of change it was given with: GDP增长
    → GDP, for the amount reached after the rate (GDP增长6.0%,达到100.6亿元)."""
    words = _cut(indicator)
    while len(words) > 1 and lexicon.words().get(words[-1]) == "change":
        words.pop()
    return "".join(words)


def subject_with_change(subject: str, verb_words: str) -> str:
    """A list value's indicator: its subject, and the rate of change the list
    states (分别增长 → 规模以上工业增加值增长; 分别达到 → the subject alone)."""
    change = "".join(_clean_left(verb_words))
    return subject + change if lexicon.words().get(change) == "change" else subject


def qualify_change(indicator: str, previous: str) -> str:
    """增长 after 地区生产总值1520亿元、 is 地区生产总值增长: a bare rate of change
    takes the name of the level before it, less that level's own verb."""
    roles = lexicon.words()
    if roles.get(indicator) != "change" or not previous:
        return indicator
    words = _cut(previous)
    while words and roles.get(words[-1]) in ("change", "verb", "level"):
        words.pop()
    return "".join(words) + indicator if words else indicator
