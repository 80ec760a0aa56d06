"""Awkward inputs, tried through the command line as a user would.

Every input must give the same rows as the clean UTF-8 text, or a clear
one-line error with the right exit status (0 all well, 1 some file could not
be read, 2 usage error), and never a traceback. The property tests at the end
throw arbitrary text and bytes at the library and the command.
"""
from __future__ import annotations

import functools
import html
import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import qdtargets
from qdtargets.cli import app

from .conftest import SEEDS

runner = CliRunner()
SUMMARY = "qdtargets: 1 file(s) could not be read; rows of the others were written"


# --- helpers ----------------------------------------------------------------

def invoke(*args, input=None):
    """Run the CLI; fail on any exception that escaped it (CliRunner swallows
    tracebacks into result.exception, so checking stderr alone would miss them)."""
    result = runner.invoke(app, [str(a) for a in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: "
                             f"{str(result.exception)[:200]}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def jsonl(result) -> list[dict]:
    # split("\n"), not splitlines(): a sentence may hold U+0085 or U+2028, which
    # JSON leaves unescaped and splitlines() would take for line ends.
    return [json.loads(line) for line in result.stdout.split("\n") if line]


def without_file(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "file"} for row in rows]


def write(tmp_path: Path, data: bytes, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def seed_text(seed: Path) -> str:
    return seed.read_text(encoding="utf-8")


@functools.cache
def clean_rows(seed: Path) -> tuple:
    """The rows of the clean UTF-8 seed, without `file`: what every variant must give."""
    result = invoke("extract", "-f", "jsonl", seed)
    assert (result.exit_code, result.stderr) == (0, "")
    rows = without_file(jsonl(result))
    assert rows, f"{seed.name} gives no rows, so comparing with it proves nothing"
    return tuple(rows)


NOTHING_READ = "qdtargets: nothing could be read: no file gave any text"


def assert_one_failure(result, path, *words):
    """Exit 1, one line naming the file (with the given words), then the summary."""
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == SUMMARY, result.stderr
    assert lines[0].startswith("qdtargets: ") and str(path) in lines[0], lines[0]
    for word in words:
        assert word in lines[0]


SEED_IDS = [p.name[:3] for p in SEEDS]


# --- 1. re-encoded seeds ------------------------------------------------------

def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


VARIANTS = [
    ("gb18030", lambda t: t.encode("gb18030")),
    ("utf-16-bom", lambda t: t.encode("utf-16")),  # Python's utf-16 writes a BOM
    ("utf-8-bom", lambda t: t.encode("utf-8-sig")),
    ("crlf-utf-8", lambda t: crlf(t).encode("utf-8")),
    ("crlf-gb18030", lambda t: crlf(t).encode("gb18030")),
]


@pytest.mark.parametrize("encode", [v[1] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_reencoded_seed_gives_the_same_rows(tmp_path, seed, encode):
    path = write(tmp_path, encode(seed_text(seed)))
    result = invoke("extract", "-f", "jsonl", path)
    assert (result.exit_code, result.stderr) == (0, "")
    rows = jsonl(result)
    assert {r["file"] for r in rows} == {str(path)}
    assert tuple(without_file(rows)) == clean_rows(seed)


def test_variants_really_differ_from_the_clean_bytes():
    # Otherwise the table above would compare the seed with itself.
    text = seed_text(SEEDS[0])
    encoded = [encode(text) for _, encode in VARIANTS]
    assert text.encode("utf-8") not in encoded and len(set(encoded)) == len(VARIANTS)


# --- 2. standard input in GB18030 --------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_gb18030_on_stdin(seed):
    result = invoke("extract", "-f", "jsonl", "-", input=seed_text(seed).encode("gb18030"))
    assert (result.exit_code, result.stderr) == (0, "")
    rows = jsonl(result)
    assert {r["file"] for r in rows} == {"-"}
    assert tuple(without_file(rows)) == clean_rows(seed)


# --- 3. binary files ----------------------------------------------------------

def _noise(n: int = 4096) -> bytes:
    return random.Random(0).randbytes(n)  # fixed seed: the same bytes every run


BINARIES = [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + _noise()),
    ("gzip", b"\x1f\x8b\x08\x00" + _noise()),
    ("elf", b"\x7fELF\x02\x01\x01\x00" + bytes(8) + _noise()),
    ("nul-padded", "新增就业2.7万人".encode() + bytes(64)),
]


@pytest.mark.parametrize("data", [b[1] for b in BINARIES], ids=[b[0] for b in BINARIES])
def test_binary_file_is_refused_in_one_line(tmp_path, data):
    path = write(tmp_path, data)
    result = invoke("extract", "-f", "jsonl", path)
    assert result.stdout == ""
    assert_one_failure(result, path, "not text")


def test_binary_file_next_to_a_good_one(tmp_path):
    binary = write(tmp_path, BINARIES[0][1], "image.txt")
    result = invoke("extract", "-f", "jsonl", binary, SEEDS[0])
    assert tuple(without_file(jsonl(result))) == clean_rows(SEEDS[0])
    assert_one_failure(result, binary, "not text")


# --- 4. empty files -----------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\r\n"],
                         ids=["empty", "utf-8-bom-only", "utf-16-bom-only", "crlf-only"])
def test_empty_file_is_named_and_nothing_read_exits_1(tmp_path, data):
    path = write(tmp_path, data)
    result = invoke("extract", "-f", "jsonl", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"qdtargets: {path}: no text in it", NOTHING_READ]


def test_empty_file_next_to_a_good_one_is_named_and_costs_nothing(tmp_path):
    path = write(tmp_path, b"")
    result = invoke("extract", "-f", "jsonl", path, str(SEEDS[0]))
    assert result.exit_code == 0
    assert tuple(without_file(jsonl(result))) == clean_rows(SEEDS[0])
    assert result.stderr.splitlines() == [f"qdtargets: {path}: no text in it"]


def test_empty_stdin():
    result = invoke("extract", "-f", "json", "-", input=b"")
    assert (result.exit_code, result.stdout) == (1, "[]\n")
    assert result.stderr.splitlines() == ["qdtargets: standard input: no text in it", NOTHING_READ]


def test_folder_without_reports_and_skipped_types_are_named(tmp_path):
    for name in ("a.doc", "b.xls", "c.png", "d.csv", ".hidden.doc"):
        (tmp_path / name).write_bytes(b"x")
    result = invoke("extract", "-f", "jsonl", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"qdtargets: {tmp_path}: skipped 4 file(s) of a type qdtargets does not read: "
        "a.doc, b.xls, c.png and 1 more",
        f"qdtargets: {tmp_path}: no report in this folder (qdtargets reads .txt, .html, .htm, .pdf, .docx files)",
        NOTHING_READ,
    ]


def test_skipped_types_beside_reports_are_named_and_cost_nothing(tmp_path):
    (tmp_path / "report.txt").write_text(seed_text(SEEDS[0]), encoding="utf-8")
    (tmp_path / "notes.xls").write_bytes(b"x")
    result = invoke("extract", "-f", "jsonl", str(tmp_path))
    assert result.exit_code == 0
    assert tuple(without_file(jsonl(result))) == clean_rows(SEEDS[0])
    assert result.stderr.splitlines() == [
        f"qdtargets: {tmp_path}: skipped 1 file(s) of a type qdtargets does not read: notes.xls"]


# --- 5. a missing file next to a good one -------------------------------------

@pytest.mark.parametrize("missing_first", [True, False], ids=["missing-first", "missing-last"])
def test_missing_file_next_to_a_good_one(tmp_path, missing_first):
    missing = tmp_path / "no-such-report.txt"
    good = write(tmp_path, seed_text(SEEDS[1]).encode("gb18030"), "good.txt")
    args = [missing, good] if missing_first else [good, missing]
    result = invoke("extract", "-f", "jsonl", *args)
    rows = jsonl(result)
    assert {r["file"] for r in rows} == {str(good)}
    assert tuple(without_file(rows)) == clean_rows(SEEDS[1])
    assert_one_failure(result, missing, "no such file")


def test_error_for_a_name_with_a_newline_stays_on_one_line(tmp_path):
    missing = tmp_path / "report\n2023.txt"
    result = invoke("extract", "-f", "jsonl", missing)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 2, result.stderr


# --- 6. full-width digits -----------------------------------------------------

# (text, what `text` must be, value, unit, bound)
FULL_WIDTH = [
    ("新增就业２．７万人以上\n", "２．７万人", 27000, "人", ">="),
    ("2023年,胶州市新增就业２．７万人以上。\n", "２．７万人", 27000, "人", ">="),
    ("生产总值增长８％左右。\n", "８％", 8, "%", "~"),
    ("开行中欧班列８００列。\n", "８００列", 800, "列", "="),
]


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
@pytest.mark.parametrize("text, quantity, value, unit, bound", FULL_WIDTH,
                         ids=[case[1] for case in FULL_WIDTH])
def test_full_width_digits(tmp_path, codec, text, quantity, value, unit, bound):
    result = invoke("extract", "-f", "jsonl", write(tmp_path, text.encode(codec)))
    assert (result.exit_code, result.stderr) == (0, "")
    [row] = jsonl(result)
    assert (row["value"], row["unit"], row["bound"]) == (value, unit, bound)
    # Offsets point into the decoded text, which keeps the full-width forms.
    assert row["text"] == text[row["start"]:row["end"]] == quantity


# --- 7. one very long line ----------------------------------------------------

LONG_SEED = SEEDS[1]
LONG_LENGTH = 400_000


def _timed(*args) -> tuple[float, object]:
    began = time.perf_counter()
    result = invoke(*args)
    return time.perf_counter() - began, result


def test_one_line_of_400k_characters_is_read_in_linear_time(tmp_path):
    # The seed on one line, repeated: no newline for the segmenter to rest on.
    one = seed_text(LONG_SEED).replace("\n", " ").strip() + " "
    copies = -(-LONG_LENGTH // len(one))
    text = one * copies
    single = write(tmp_path, one.encode(), "one.txt")
    long = write(tmp_path, text.encode(), "long.txt")

    clean_rows(LONG_SEED)  # warm up: jieba and the patterns load on the first run
    seed_time = min(_timed("extract", "-f", "jsonl", LONG_SEED)[0] for _ in range(3))
    one_result = invoke("extract", "-f", "jsonl", single)
    elapsed, result = _timed("extract", "-f", "jsonl", long)

    assert (result.exit_code, result.stderr) == (0, "")
    rows = jsonl(result)
    # Each copy gives what one copy gives, all on line 1.
    expected = [(r["text"], r["value"]) for r in jsonl(one_result)]
    assert expected and [(r["text"], r["value"]) for r in rows] == expected * copies
    assert all(r["line"] == 1 and r["col"] == r["start"] + 1 for r in rows)
    # Linear: per character at most 10x the normal seed run (below 1x when written;
    # quadratic work would be ~85x, the number of copies).
    per_char = seed_time / len(seed_text(LONG_SEED))
    assert elapsed / len(text) < 10 * per_char, f"{elapsed:.2f}s for {len(text)} chars"


# --- 8. HTML ------------------------------------------------------------------

HIDDEN_NUMBER = "12345"


def as_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return ("<html><head><title>报告</title>"
            f"<style>p {{ margin: {HIDDEN_NUMBER}px; width: 80%; }}</style>"
            f"<script>var goal = {HIDDEN_NUMBER}; // 新增就业9.9万人以上\n</script></head>\n"
            f"<body>{paragraphs}</body></html>\n")


MEANING = ("text", "indicator", "value", "value_max", "unit", "bound", "status", "region", "year")


# .txt: HTML is recognised by its opening <html>, not only by the name.
@pytest.mark.parametrize("name", ["report.html", "report.txt"])
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_html_gives_the_rows_of_the_text(tmp_path, seed, name):
    path = write(tmp_path, as_html(seed_text(seed)).encode("utf-8"), name)
    result = invoke("extract", "-f", "jsonl", path)
    assert (result.exit_code, result.stderr) == (0, "")
    got = [tuple(r[k] for k in MEANING) for r in jsonl(result)]
    assert got == [tuple(r[k] for k in MEANING) for r in clean_rows(seed)]
    # Nothing from <script> or <style>, not even as a dropped number.
    explained = invoke("extract", "--explain", "-f", "jsonl", path)
    assert not any(HIDDEN_NUMBER in r["text"] or "9.9万" in r["text"] for r in jsonl(explained))


# --- 9. forced encodings ------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gb18030", "GB18030"])
def test_forced_gb18030_reads_a_gb18030_file(tmp_path, encoding):
    path = write(tmp_path, seed_text(SEEDS[0]).encode("gb18030"))
    result = invoke("extract", "-f", "jsonl", "--encoding", encoding, path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert tuple(without_file(jsonl(result))) == clean_rows(SEEDS[0])


def test_forced_utf8_on_a_gb18030_file_is_one_clear_line(tmp_path):
    path = write(tmp_path, seed_text(SEEDS[0]).encode("gb18030"))
    result = invoke("extract", "-f", "jsonl", "--encoding", "utf-8", path)
    assert result.stdout == ""
    assert_one_failure(result, path, "not valid utf-8", "--encoding")


# --- numbers too long to print ------------------------------------------------

def test_a_numeral_too_long_to_print_costs_at_most_its_own_file(tmp_path):
    huge = write(tmp_path, f"新增投资{'9' * 4295}亿元以上。\n".encode(), "huge.txt")
    result = invoke("extract", "-f", "jsonl", huge, SEEDS[0])  # raises on the traceback
    assert result.exit_code in (0, 1)
    good = [r for r in jsonl(result) if r["file"] == str(SEEDS[0])]
    assert tuple(without_file(good)) == clean_rows(SEEDS[0])


# --- 10. properties -------------------------------------------------------------

# Characters the number and bound patterns care about, to reach them more often
# than st.text() alone would.
NUMERIC_CHARS = ("一二三四五六七八九十百千万亿两零〇个家人元%％.．,，、。以上左右突破超过不低于第年月日“”"
                 "0123456789０１２３４５６７８９-~～至\n\r \u3000")
NUMERIC_WORDS = ["以上", "左右", "突破", "万人", "亿元", "百分点", "2023年", "２．７万", "5%-6%", "新增就业"]
numeric_text = st.lists(
    st.one_of(st.text(), st.text(alphabet=NUMERIC_CHARS, min_size=1), st.sampled_from(NUMERIC_WORDS)),
    max_size=12,
).map("".join)
PROPERTY = settings(max_examples=200, deadline=None)


def assert_points_into(text: str, row) -> None:
    """row.start/end/text/line/col all describe the same place in text."""
    assert 0 <= row.start < row.end <= len(text)
    assert row.text == text[row.start:row.end]
    line_start = text.rfind("\n", 0, row.start) + 1
    assert (row.line, row.col) == (text.count("\n", 0, row.start) + 1, row.start - line_start + 1)


@PROPERTY
@given(st.one_of(st.text(), numeric_text))
def test_extract_and_explain_never_raise_and_rows_point_into_the_text(text):
    for row in qdtargets.extract_text(text):
        assert_points_into(text, row)
    for decision in qdtargets.explain_text(text):
        assert_points_into(text, decision)


def test_numeric_text_strategy_reaches_rows():
    # The properties are only worth something if their inputs give rows.
    found = find(numeric_text, lambda t: len(qdtargets.extract_text(t)) >= 2, settings=PROPERTY)
    assert len(qdtargets.extract_text(found)) >= 2


CODECS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]
encoded_text = st.builds(lambda text, codec: text.encode(codec, "surrogatepass"),
                         numeric_text, st.sampled_from(CODECS))
any_bytes = st.one_of(
    st.binary(),
    encoded_text,
    st.builds(bytes.__add__, st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<html>"]),
              st.binary()),
)


@PROPERTY
@given(data=any_bytes, suffix=st.sampled_from([".txt", ".html"]))
def test_any_bytes_give_rows_or_one_clear_line(tmp_path_factory, data, suffix):
    path = write(tmp_path_factory.mktemp("bytes"), data, "report" + suffix)
    result = invoke("extract", "-f", "jsonl", path)
    assert result.exit_code in (0, 1)
    if result.exit_code == 0:
        assert result.stderr == ""
        assert all(r["file"] == str(path) for r in jsonl(result))
    elif result.stderr.endswith(NOTHING_READ + "\n"):
        assert result.stderr.splitlines() == [f"qdtargets: {path}: no text in it", NOTHING_READ]
    else:
        assert result.stdout == ""
        assert_one_failure(result, path)
