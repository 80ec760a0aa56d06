"""Read stage: encodings, newlines, HTML, refusals, path expansion, matching view."""
from __future__ import annotations

import codecs
import errno
import io
import os
import random
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qdtargets.sources import (
    Source,
    SourceError,
    expand_paths,
    is_traditional,
    matching_view,
    read_source,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds").glob("*.txt"))
SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in SEEDS}

UNDECODABLE = "not UTF-8, UTF-16, GB18030 or Big5; try --encoding"
BINARY = "not text (binary data)"


def write(tmp_path: Path, data: bytes, name: str = "report.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def error_of(path: str, encoding: str | None = None) -> str:
    with pytest.raises(SourceError) as info:
        read_source(path, encoding)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_seeds_are_present():
    assert len(SEEDS) >= 5


# --- detection --------------------------------------------------------------

# (id, bytes from text, codec read_source reports)
ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8 BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
    ("utf-16-le BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk", lambda t: t.encode("gbk"), "gb18030"),
    ("gb2312", lambda t: t.encode("gb2312"), "gb18030"),
]

def _mixed_newlines(text: str) -> str:
    # CR, CRLF, LF in turn: a CR is never followed by an LF-only ending,
    # which would read as one CRLF.
    lines = text.split("\n")
    ends = ("\r", "\r\n", "\n") * len(lines)
    return "".join(line + end for line, end in zip(lines[:-1], ends)) + lines[-1]


NEWLINES = [
    ("LF", lambda t: t),
    ("CRLF", lambda t: t.replace("\n", "\r\n")),
    ("CR", lambda t: t.replace("\n", "\r")),
    ("mixed", _mixed_newlines),
]


def _encoding_cases():
    for seed, text in SEED_TEXTS.items():
        for enc_id, encode, codec in ENCODINGS:
            try:
                encode(text)
            except UnicodeEncodeError:  # e.g. © is not in GBK
                continue
            for nl_id, newline in NEWLINES:
                yield pytest.param(seed, encode, codec, newline, id=f"{seed[:3]}-{enc_id}-{nl_id}")


@pytest.mark.parametrize("seed, encode, codec, newline", list(_encoding_cases()))
def test_detects_encoding_and_normalises_newlines(tmp_path, seed, encode, codec, newline):
    text = SEED_TEXTS[seed]
    path = write(tmp_path, encode(newline(text)))
    assert read_source(path) == Source(path, text, codec)


def test_every_encoding_has_a_seed():
    covered = {case.id.split("-", 1)[1].rsplit("-", 1)[0] for case in _encoding_cases()}
    assert covered == {enc_id for enc_id, _, _ in ENCODINGS}


TRADITIONAL = "政府工作報告：經濟發展穩中向好，國內生產總值增長百分之六點五。\n"
JAPANESE = "今年度の経済成長率は二パーセントを目標とします。\n"
FRENCH = "Café crème, déjà vu. Où est la gare?\n"


@pytest.mark.parametrize("data, encoding, text, codec", [
    pytest.param("新增就业2.7万人\r\n".encode("gbk"), "gbk", "新增就业2.7万人\n", "gbk", id="gbk"),
    pytest.param(TRADITIONAL.encode("big5"), "big5", TRADITIONAL, "big5", id="big5"),
    pytest.param(JAPANESE.encode("shift_jis"), "SJIS", JAPANESE, "shift_jis", id="shift-jis"),
    pytest.param(FRENCH.encode("cp1252"), "cp1252", FRENCH, "cp1252", id="cp1252"),
    pytest.param(codecs.BOM_UTF8 + "增长５％".encode(), "utf8", "增长５％", "utf-8", id="bom-dropped"),
    pytest.param("一二".encode("utf-16"), "utf-16", "一二", "utf-16", id="utf-16"),
    pytest.param(b"", "gbk", "", "gbk", id="empty"),
])
def test_forced_encoding(tmp_path, data, encoding, text, codec):
    path = write(tmp_path, data)
    assert read_source(path, encoding) == Source(path, text, codec)


# Traditional text, as Hong Kong and Taiwan sites and their mirrors serve it.
HONG_KONG = "香港特別行政區：邨屋、嘅、啲，全港新增就業三萬人。\n"


@pytest.mark.parametrize("data, text, codec", [
    pytest.param(TRADITIONAL.encode("big5"), TRADITIONAL, "big5", id="big5"),
    pytest.param((TRADITIONAL * 3).encode("big5"), TRADITIONAL * 3, "big5", id="big5-longer"),
    pytest.param(HONG_KONG.encode("big5hkscs"), HONG_KONG, "big5hkscs", id="big5-hkscs"),
    pytest.param(TRADITIONAL.encode("gb18030"), TRADITIONAL, "gb18030", id="gb18030-traditional"),
    pytest.param(TRADITIONAL.encode("utf-16-le"), TRADITIONAL, "utf-16-le", id="utf-16-traditional"),
])
def test_detects_traditional_encodings(tmp_path, data, text, codec):
    path = write(tmp_path, data)
    assert read_source(path) == Source(path, text, codec)


@pytest.mark.parametrize("data, encoding, message", [
    pytest.param("经济".encode("gbk"), "utf-8", "not valid utf-8; try another --encoding",
                 id="wrong-codec"),
    pytest.param(b"\x00\x01\x02\x03" * 64, "latin-1", BINARY, id="binary"),
])
def test_forced_encoding_refusals(tmp_path, data, encoding, message):
    path = write(tmp_path, data)
    assert error_of(path, encoding) == f"cannot read {path}: {message}"


@pytest.mark.parametrize("encoding", ["foo", "base64", "zlib"])
def test_unknown_encoding_is_reported_before_reading(tmp_path, encoding):
    assert error_of(str(tmp_path / "missing.txt"), encoding) == f"unknown encoding {encoding!r}"


def _random_bytes(n: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(n)


@pytest.mark.parametrize("data, message", [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BINARY, id="png"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nstream\n" + _random_bytes(4096), "not a readable PDF",
                 id="broken-pdf"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + _random_bytes(512), BINARY, id="zip"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00" + bytes(56), BINARY, id="elf"),
    pytest.param(_random_bytes(4096).replace(b"\0", b""), BINARY, id="random-without-nul"),
    pytest.param(b"\x1b[1m\x1b[0m\x01\x02" * 20 + b"ok\n", BINARY, id="controls"),
    pytest.param("新增\0就业".encode(), BINARY, id="utf-8-with-nul"),
    pytest.param("增长6%\n".encode("utf-32"), BINARY, id="utf-32"),
    pytest.param("增长6%\n".encode("utf-32-be"), BINARY, id="utf-32-be-no-bom"),
    pytest.param(codecs.BOM_UTF16_LE + "增长".encode("utf-16-le") + b"\x01\x00" * 5, BINARY,
                 id="utf-16-controls"),
    pytest.param(FRENCH.encode("latin-1"), UNDECODABLE, id="latin-1"),
    pytest.param(JAPANESE.encode("shift_jis"), UNDECODABLE, id="shift-jis"),
    pytest.param("增长".encode("utf-8")[:-1], UNDECODABLE, id="truncated-utf-8"),
    pytest.param(codecs.BOM_UTF16_LE + "增长".encode("utf-16-le")[:-1], UNDECODABLE,
                 id="odd-utf-16"),
    pytest.param(codecs.BOM_UTF8 + b"\xff\xfe", UNDECODABLE, id="bad-after-bom"),
])
def test_refuses_what_is_not_text(tmp_path, data, message):
    path = write(tmp_path, data)
    assert error_of(path) == f"cannot read {path}: {message}"


@pytest.mark.parametrize("data", [
    b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
], ids=["empty", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"])
def test_empty_file_gives_empty_text(tmp_path, data):
    assert read_source(write(tmp_path, data)).text == ""


# --- file errors ------------------------------------------------------------

def test_missing_file(tmp_path):
    path = str(tmp_path / "report.txt")
    assert error_of(path) == f"{path}: no such file"


def test_path_under_a_file(tmp_path):
    path = write(tmp_path, b"x") + "/report.txt"
    assert error_of(path) == f"{path}: no such file"


@pytest.mark.parametrize("suffix", ["", "/"])
def test_directory(tmp_path, suffix):
    path = str(tmp_path) + suffix
    assert error_of(path) == f"cannot read {path}: is a directory"


@pytest.mark.parametrize("error, reason", [
    (PermissionError(errno.EACCES, os.strerror(errno.EACCES)), "permission denied"),
    (OSError(errno.EIO, os.strerror(errno.EIO)), "input/output error"),
])
def test_os_errors(tmp_path, monkeypatch, error, reason):
    # Simulated: tests may run as root, who can read a chmod 000 file.
    path = write(tmp_path, b"x")

    def fail(self):
        raise error

    monkeypatch.setattr(Path, "read_bytes", fail)
    assert error_of(path) == f"cannot read {path}: {reason}"


# --- stdin ------------------------------------------------------------------

def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("data, text, codec", [
    ("新增就业\r\n2.7万人".encode("gbk"), "新增就业\n2.7万人", "gb18030"),
    ("增长6%".encode("utf-16"), "增长6%", "utf-16-le"),
    (b"<html><body><p>a</p><p>b</p></body></html>", "a\nb\n", "utf-8"),
])
def test_stdin(monkeypatch, data, text, codec):
    _stdin(monkeypatch, data)
    assert read_source("-") == Source("-", text, codec)


def test_stdin_refusal_names_stdin(monkeypatch):
    _stdin(monkeypatch, b"\x00\x01\x02")
    assert error_of("-") == f"cannot read <stdin>: {BINARY}"


# --- HTML -------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>2023年政府工作报告</title>
  <style>p { color: red }</style>
  <script>var s = "<p>不可见</p>";</script>
</head>
<body>
<!-- 注释：不可见 -->
<h1>一、主要目标</h1>
<p>城镇新增就业<b>2.7万人</b>以上，
   居民收入增长6%&nbsp;左右。</p>
<div>A&amp;B&lt;C&#20013;&#x6587;<br>下一行</div>
<ul><li>第一项</li><li>第二项</li></ul>
<table><tr><td>指标</td><td>5%</td></tr></table>
<noscript>请启用JavaScript</noscript>
<template><p>模板</p></template>
<p>&nbsp;</p>
<p>\u3000\u3000缩进保留</p>
</body>
</html>
"""
PAGE_TEXT = (
    "2023年政府工作报告\n"
    "一、主要目标\n"
    "城镇新增就业2.7万人以上， 居民收入增长6%\u00a0左右。\n"
    "A&B<C中文\n"
    "下一行\n"
    "第一项\n"
    "第二项\n"
    "指标\n"
    "5%\n"
    "\u3000\u3000缩进保留\n"
)


@pytest.mark.parametrize("name, data, text", [
    pytest.param("page.html", PAGE.encode(), PAGE_TEXT, id="page"),
    pytest.param("page.html", PAGE.replace("\n", "\r\n").encode(), PAGE_TEXT, id="crlf"),
    pytest.param("page.HTM", PAGE.encode("gbk"), PAGE_TEXT, id="gbk-htm"),
    pytest.param("page.txt", PAGE.encode("utf-16"), PAGE_TEXT, id="sniffed-doctype"),
    pytest.param("page.txt", b"\n  <HTML><p>a</p>b</HTML>", "a\nb\n", id="sniffed-html"),
    pytest.param("page.html", b"<title>T</title><p>a<div>b", "T\na\nb\n", id="unclosed"),
    pytest.param("page.html", b"<head><meta charset=utf-8><title>T</title><p>a", "T\na\n",
                 id="unclosed-head"),
    pytest.param("page.html", b"<noscript><style>a</style>b</noscript>c</style>d",
                 "cd\n", id="nested-hidden"),
    pytest.param("page.html", b"<p>a</p><br/><br><p>b</p>", "a\nb\n", id="blank-lines-dropped"),
    pytest.param("page.html", b"<p>x<span>\n</span>y</p>", "x y\n", id="inline-space"),
    pytest.param("page.html", b"<p>  </p>", "", id="no-visible-text"),
    pytest.param("page.txt", "说明<p>标签</p>\n".encode(), "说明<p>标签</p>\n", id="txt-not-html"),
])
def test_html_visible_text(tmp_path, name, data, text):
    assert read_source(write(tmp_path, data, name)).text == text


# --- expand_paths -----------------------------------------------------------

TREE = [
    "b.txt", "a.TXT", "c.html", "d.htm", "e.pdf", "f.md", ".hidden.txt", ".git/x.txt",
    "sub/z.txt", "sub/deeper/y.txt", "sub2/a.txt", "sub2/g.DOCX", "sub2/scan.jpg", "sub2/old.doc",
]


@pytest.fixture
def tree(tmp_path):
    for rel in TREE:
        (tmp_path / "root" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "root" / rel).write_text("x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "linked.txt").write_text("x")
    (tmp_path / "root" / "link").symlink_to(tmp_path / "other")
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize("args, expected", [
    (["root"], ["root/a.TXT", "root/b.txt", "root/c.html", "root/d.htm", "root/e.pdf",
                "root/sub/deeper/y.txt", "root/sub/z.txt", "root/sub2/a.txt", "root/sub2/g.DOCX"]),
    (["root/sub", "-", "root/e.pdf", "missing.txt", "root/sub"],
     ["root/sub/deeper/y.txt", "root/sub/z.txt", "-", "root/e.pdf", "missing.txt",
      "root/sub/deeper/y.txt", "root/sub/z.txt"]),
    (["empty"], []),
    (["root/link"], ["root/link/linked.txt"]),
])
def test_expand_paths(tree, args, expected):
    given = [str(tree / a) if a != "-" else a for a in args]
    want = [str(tree / e) if e != "-" else e for e in expected]
    assert list(expand_paths(given)) == want


def test_expand_paths_names_the_files_it_skips(tree):
    skipped: list[str] = []
    list(expand_paths([str(tree / "root"), str(tree / "root" / "f.md")], skipped))
    assert sorted(skipped) == [str(tree / "root" / p) for p in ("f.md", "sub2/old.doc", "sub2/scan.jpg")]


def test_expand_paths_reports_unlistable_directory(tree, monkeypatch):
    def deny(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    monkeypatch.setattr(os, "scandir", deny)
    with pytest.raises(SourceError) as info:
        list(expand_paths([str(tree / "root")]))
    assert str(info.value) == f"cannot read {tree / 'root'}: permission denied"


# --- matching_view ----------------------------------------------------------

@pytest.mark.parametrize("text, view", [
    ("０１２３４５６７８９", "0123456789"),
    ("增长１２．５％左右", "增长12.5%左右"),
    ("１，０００万元", "1，000万元"),
    ("2.7\u00a0万\u3000人\u2007\u202f", "2.7 万 人  "),
    # Invisible characters inside a number close up; the freed places follow it.
    ("1\u200b2\u200c3\u200d4\u20605\ufeff", "12345     "),
    ("7\u00ad4\u200e.4\u2066万亿元", "74.4   万亿元"),
    ("增加\u200b到", "增加 到"),
    # …and a line break they hold open inside a sentence is a space.
    ("达到74.4\n\u200b\n万亿元", "达到74.4   万亿元"),
    ("二千四百万\n\u200b\n\n人", "二千四百万    人"),
    ("工作。\n\u200b\n\u3000\u3000今年", "工作。\n \n  今年"),
    ("回顾\n\n\u200b\n\u3000\u3000过去", "回顾\n\n \n  过去"),
    # Spread digits close up where they outnumber plain numbers, not elsewhere.
    ("1 9 9 7 年达到7 4 7 7 2 亿元，增长8 ．8 ％，1 0 ．0 6 ‰",
     "1997    年达到74772     亿元，增长8.8  %，10.06    ‰"),
    ("1 9 9 8 年的3 月", "1998    年的3 月"),
    ("2020 2021年，1 2 3号，2022年", "2020 2021年，1 2 3号，2022年"),
    ("2017年：1 9 9 8 年、1 9 9 9 年、2 0 0 0 年，2018年，2019年，2020年",
     "2017年：1998    年、1999    年、2000    年，2018年，2019年，2020年"),
    ("第1 2 名", "第1 2 名"),
    # Traditional characters are read in simplified ones.
    ("全國黃島區超過5萬個項目", "全国黄岛区超过5万个项目"),
    ("显著、乾净的国家", "显著、乾净的国家"),
    ("（一）第二：Ｏ～－＋", "（一）第二：Ｏ～－＋"),
    ("", ""),
])
def test_matching_view(text, view):
    assert matching_view(text) == view


def test_matching_view_offsets_point_into_text():
    text = "城镇新增就业２．７万人，增长１２％"
    found = [text[m.start():m.end()]
             for m in re.finditer(r"\d+(?:\.\d+)?%?", matching_view(text))]
    assert found == ["２．７", "１２％"]


MAPPED = set("０１２３４５６７８９．％\u00a0\u2007\u202f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
             "\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u180e")


@given(st.text())
def test_matching_view_keeps_length(text):
    view = matching_view(text)
    assert len(view) == len(text)
    assert matching_view(view) == view


@given(st.text(alphabet=st.characters(blacklist_characters="0123456789\n" + "".join(MAPPED))))
def test_matching_view_keeps_other_characters_of_simplified_text(text):
    if not is_traditional(text):
        assert matching_view(text) == text


# --- properties of read_source ----------------------------------------------

PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
            b"<!DOCTYPE html>", b"<html><script>"]
BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=100).map(lambda t: t.encode("utf-8")),
    st.text(max_size=100).map(lambda t: t.encode("utf-16-le")),
    st.text(max_size=100).map(lambda t: t.encode("gb18030")),
    st.text(alphabet="<>/!-&;#x abpscript\n\r", max_size=100).map(str.encode),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=BYTES,
       name=st.sampled_from(["x.txt", "x.html"]),
       encoding=st.sampled_from([None, "utf-8", "gbk", "utf-16", "latin-1", "big5",
                                 "unicode_escape", "idna", "punycode"]))
def test_any_bytes_give_source_or_source_error(tmp_path, prefix, body, name, encoding):
    path = write(tmp_path, prefix + body, name)
    try:
        source = read_source(path, encoding)
    except SourceError as exc:
        assert "\n" not in str(exc) and path in str(exc)
    else:
        assert isinstance(source.text, str) and "\r" not in source.text


NO_CONTROLS = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="<\ufeff")
    | st.sampled_from("\n\t"))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=NO_CONTROLS, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unambiguous_encodings_round_trip(tmp_path, text, codec):
    assert read_source(write(tmp_path, text.encode(codec))).text == text


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="ab增长\r\n"))
def test_newlines_match_python_text_mode(tmp_path, text):
    path = write(tmp_path, text.encode("utf-8"))
    with open(path, encoding="utf-8", newline=None) as f:
        assert read_source(path).text == f.read()


# --- speed ------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16", "utf-16-le"])
def test_several_megabytes_decode_fast(tmp_path, codec):
    text = "".join(SEED_TEXTS.values()).replace("©", "(c)") * 100
    data = text.replace("\n", "\r\n").encode(codec)
    assert len(data) > 3_000_000
    path = write(tmp_path, data)
    start = time.perf_counter()
    source = read_source(path)
    assert time.perf_counter() - start < 1.0
    assert source.text == text
