"""Output a user can trust: the terminal table at 80, 120 and 200 columns, safe
-o writes, the SQLite database, --explain context, and the CSV options of
summary and compare; through Typer's CliRunner (stdout, stderr, exit status)."""
import csv
import io
import json
import os
import sqlite3

import pytest
from typer.testing import CliRunner

from qdtargets import FIELDS, parse_number
from qdtargets.cli import app
from qdtargets.export import Format, RowWriter, compact_number
from qdtargets.pipeline import extract_text
from qdtargets.sources import read_source

from .conftest import DEV_DOCS, SEEDS

runner = CliRunner()
SEED = str(SEEDS[0])
# Reports of several levels, with values from a few to trillions (万亿).
TABLE_REPORTS = [SEEDS[0], SEEDS[1], *DEV_DOCS[:3]]


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def rows_of(*paths):
    return [t.to_dict() for p in paths for t in extract_text(read_source(str(p)).text, str(p))]


# ---- the table -----------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (126_000_000_000_000, "126万亿"), (27000, "2.7万"), (100_000_000_000, "1000亿"), (8.5, "8.5"),
    (9999, "9999"), (12_345_678, "1234.5678万"), (123_456_789, "1.23456789亿"), (-30000, "-3万"),
    (0, "0"), (2023, "2023"), (1 / 3, "0.3333333333333333"),
])
def test_compact_number_is_exact(value, shown):
    assert compact_number(value) == shown
    assert parse_number(shown) == value


def table_lines(rows, width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    writer = RowWriter(out, Format.table, FIELDS)
    writer.write(rows)
    writer.close()
    return out.getvalue().splitlines()


def columns_of(lines):
    """The header names and each body line's cells, read back off the drawn table."""
    body = [line for line in lines if line.startswith("│")]
    header = next(line for line in lines if line.startswith("┃"))
    names = [c.strip() for c in header.strip("┃").split("┃")]
    return names, [[c.strip() for c in line.strip("│").split("│")] for line in body]


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_table_shows_every_value_whole(width, monkeypatch):
    rows = rows_of(*TABLE_REPORTS)
    lines = table_lines(rows, width, monkeypatch)
    assert all(len(line) <= width for line in lines)
    names, cells = columns_of(lines)
    for needed in ("indicator", "value", "unit", "bound", "status", "region", "year"):
        assert needed in names
    # Values, units and years never wrap: one filled cell per row, in order.
    for field in ("value", "unit", "year", "status"):
        shown = [line[names.index(field)] for line in cells if line[names.index(field)]]
        want = [str(r[field]) for r in rows] if field != "value" else [
            compact_number(r["value"]) + ("" if r["value_max"] is None else "–" + compact_number(r["value_max"]))
            for r in rows]
        assert shown == [w for w in want if w and w != "None"], field
    for r, line in zip(rows, (line for line in cells if line[names.index("value")])):
        ends = line[names.index("value")].split("–")
        assert [parse_number(e) for e in ends] == [v for v in (r["value"], r["value_max"]) if v is not None]


def test_table_drops_the_less_needed_columns_first(monkeypatch):
    rows = rows_of(SEEDS[0], SEEDS[1])
    narrow = columns_of(table_lines(rows, 80, monkeypatch))[0]
    middle = columns_of(table_lines(rows, 120, monkeypatch))[0]
    wide = columns_of(table_lines(rows, 200, monkeypatch))[0]
    assert "category" not in narrow and "key" not in narrow and "text" not in narrow
    assert {"category", "key", "file", "line"} <= set(wide) and "text" in wide
    assert set(narrow) <= set(middle) <= set(wide)
    # The wide table names files by their base names, which tell them apart.
    assert SEEDS[0].name in "\n".join(table_lines(rows, 200, monkeypatch))


def test_table_below_its_columns_folds_but_never_cuts(monkeypatch):
    rows = rows_of(SEEDS[1])[:5]
    text = "".join(table_lines(rows, 50, monkeypatch))
    squeezed = "".join(ch for ch in text if ch not in "│┃ \n")
    for r in rows:
        assert compact_number(r["value"]) in squeezed and str(r["year"]) in squeezed


def test_table_of_one_file_names_it_above(monkeypatch):
    lines = table_lines(rows_of(SEEDS[0]), 120, monkeypatch)
    assert lines[0].strip() == SEED
    assert "file" not in columns_of(lines)[0]


def test_explain_table_shows_the_context(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    result = invoke("extract", "--explain", "-f", "table", "-", input="聚力打造“四区一园”,开行中欧班列800列。\n")
    names, cells = columns_of(result.stdout.splitlines())
    assert names[-1] == "context" and cells[0][-1] == "聚力打造“四区一园”,开行中欧班列800列"


# ---- --explain context in every format -----------------------------------------

def test_explain_context_is_fifteen_characters_each_side():
    text = "一二三四五六七八九十一二三四五六七八九十开行中欧班列800列,一二三四五六七八九十一二三四五。\n第二行"
    result = invoke("extract", "--explain", "-f", "jsonl", "-", input=text)
    row = next(json.loads(l) for l in result.stdout.splitlines() if json.loads(l)["text"] == "800列")
    assert row["context"] == text[row["start"] - 15:row["end"] + 15]
    assert list(row)[-1] == "context"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xlsx"])
def test_explain_context_in_every_format(fmt, tmp_path):
    out = tmp_path / f"explain.{fmt}"
    result = invoke("extract", "--explain", "-o", out, "-", input="开行中欧班列800列。\n下一行\n")
    assert result.exit_code == 0
    if fmt == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(out).active
        header, first = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
        assert header[-1] == "context" and first[-1] == "开行中欧班列800列。 下一行"
        return
    data = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(data)[0]["context"] == "开行中欧班列800列。 下一行"
    else:
        rows = list(csv.DictReader(io.StringIO(data), dialect="excel" if fmt == "csv" else "excel-tab"))
        assert rows[0]["context"] == "开行中欧班列800列。 下一行"


# ---- safe writes ---------------------------------------------------------------

def report(tmp_path, name="r.txt"):
    path = tmp_path / name
    path.write_text(read_source(SEED).text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["extract"], ["extract", "-f", "sqlite"], ["summary"], ["compare"],
                                     ["eval", "--gold", str(SEEDS[0].parent.parent / "gold")]])
@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink", "in-folder"])
def test_output_that_is_an_input_is_refused(tmp_path, command, spelling):
    path = report(tmp_path)
    before = path.read_bytes()
    given, output = str(path), str(path)
    if spelling == "dotted":
        output = os.path.join(str(tmp_path), ".", "r.txt")
    elif spelling == "symlink":
        os.symlink(path, tmp_path / "link.txt")
        output = str(tmp_path / "link.txt")
    elif spelling == "hardlink":
        os.link(path, tmp_path / "hard.txt")
        output = str(tmp_path / "hard.txt")
    elif spelling == "in-folder":
        given = str(tmp_path)
    result = invoke(*command, "-o", output, given)
    assert result.exit_code == 2
    shown = os.path.normpath(output)
    assert result.stderr == f"qdtargets: {shown} is one of the inputs: write the output to another file\n"
    assert path.read_bytes() == before


def test_eval_refuses_to_write_over_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "r.txt", "start": 0, "quantity": "5轮"}\n', encoding="utf-8")
    result = invoke("eval", "--gold", gold, "-o", gold, SEED)
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert gold.read_text(encoding="utf-8") == '{"doc": "r.txt", "start": 0, "quantity": "5轮"}\n'


def test_output_replaces_the_old_file_only_when_complete(tmp_path, monkeypatch):
    out = tmp_path / "targets.csv"
    out.write_text("the previous run\n", encoding="utf-8")
    os.chmod(out, 0o640)

    def broken(self, text, count):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RowWriter, "write_encoded", broken)
    result = invoke("extract", "-o", out, SEED)
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text(encoding="utf-8") == "the previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.csv"]    # nothing left beside it
    monkeypatch.undo()
    result = invoke("extract", "-o", out, SEED)
    assert result.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == 25
    assert os.stat(out).st_mode & 0o777 == 0o640


@pytest.mark.parametrize("name", ["no/such.csv", "."])
def test_output_that_cannot_be_written_is_a_usage_error(tmp_path, name):
    output = tmp_path / name
    result = invoke("extract", "-o", output, SEED)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"qdtargets: cannot write {output}: ")


def test_output_to_a_device_or_a_link_writes_through_it(tmp_path):
    assert invoke("extract", "-o", os.devnull, SEED).exit_code == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    os.symlink(real, tmp_path / "link.jsonl")
    assert invoke("extract", "-o", tmp_path / "link.jsonl", SEED).exit_code == 0
    assert os.path.islink(tmp_path / "link.jsonl")
    assert real.read_text(encoding="utf-8") == invoke("extract", "-f", "jsonl", SEED).stdout


def test_output_file_and_stdout_get_the_same_rows(tmp_path):
    out = tmp_path / "t.jsonl"
    assert invoke("extract", "-o", out, SEED).exit_code == 0
    assert out.read_text(encoding="utf-8") == invoke("extract", "-f", "jsonl", SEED).stdout


# ---- sqlite ----------------------------------------------------------------------

def query(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_sqlite_twice_over_the_same_files_gives_their_rows_once(tmp_path):
    db = tmp_path / "targets.db"
    csv_rows = list(csv.DictReader(io.StringIO(invoke("extract", "-f", "csv", *SEEDS[:3]).stdout)))
    for _ in range(2):
        result = invoke("extract", "-o", db, *SEEDS[:3])
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert query(db, "select count(*) from targets") == [(len(csv_rows),)]
    # A later run over one more file adds its rows and keeps the others'.
    assert invoke("extract", "-f", "sqlite", "-o", db, SEEDS[3]).exit_code == 0
    assert query(db, "select count(*) from files") == [(4,)]
    files = query(db, "select path, size, sha256, region, year, rows from files order by path")
    assert files[0][0] == str(SEEDS[0].resolve()) and files[0][1] == SEEDS[0].stat().st_size
    assert len(files[0][2]) == 64 and files[0][3:] == ("胶州市", 2023, 25)
    assert query(db, "select sum(rows) from files") == query(db, "select count(*) from targets")


def test_sqlite_columns_are_typed_and_indexed(tmp_path):
    db = tmp_path / "targets.db"
    invoke("extract", "-o", db, SEED)
    types = dict(query(db, "select name, type from pragma_table_info('targets')"))
    assert list(types) == list(FIELDS)
    assert (types["value"], types["year"], types["line"], types["indicator"]) == ("REAL", "INTEGER", "INTEGER", "TEXT")
    # Indexes SQLite makes itself (for a unique constraint) have no SQL.
    indexed = {row[0] for row in query(db, "select sql from sqlite_master where type = 'index'") if row[0]}
    for column in ("region", "year", "key", "file"):
        assert any(f'("{column}")' in sql for sql in indexed), column
    assert query(db, "select value, unit, bound from targets where text = '1000亿元'") == [(1e11, "元", ">")]
    assert query(db, "select typeof(year), typeof(value_max) from targets limit 1") == [("integer", "null")]


def test_sqlite_explain_goes_to_its_own_table(tmp_path):
    db = tmp_path / "explain.db"
    assert invoke("extract", "--explain", "-o", db, SEED).exit_code == 0
    assert query(db, "select count(*) from decisions where decision = 'keep'") == [(25,)]
    assert query(db, "select name from sqlite_master where type = 'table' order by name") == [
        ("decisions",), ("files",)]


@pytest.mark.parametrize("args, message", [
    (["extract", "-f", "sqlite", SEED], "sqlite writes a database file: name one with -o FILE.db"),
    (["summary", "-f", "sqlite", "-o", "x.db", SEED], "sqlite holds extract's rows"),
    (["compare", "-o", "x.db", SEED], "sqlite holds extract's rows"),
])
def test_sqlite_usage_errors(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_sqlite_into_a_file_that_is_no_database(tmp_path):
    out = tmp_path / "targets.db"
    out.write_text("a,b\n1,2\n", encoding="utf-8")
    result = invoke("extract", "-o", out, SEED)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"qdtargets: cannot write {out}: ")
    assert out.read_text(encoding="utf-8") == "a,b\n1,2\n"


# ---- summary and compare: CSV for Excel ------------------------------------------

@pytest.mark.parametrize("command", ["summary", "compare"])
def test_summary_and_compare_take_bom_and_no_headers(command):
    plain = invoke(command, *SEEDS[:2]).stdout
    with_bom = invoke(command, "--bom", *SEEDS[:2]).stdout
    bare = invoke(command, "--no-headers", *SEEDS[:2]).stdout
    assert with_bom == "\ufeff" + plain
    assert bare == plain.split("\n", 1)[1]


def test_compare_transposed_has_a_row_per_report():
    result = invoke("compare", "--transpose", *SEEDS[:2])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    wide = list(csv.DictReader(io.StringIO(invoke("compare", *SEEDS[:2]).stdout)))
    assert [r["report"] for r in rows] == list(wide[0])[2:]
    for line in wide:
        name = line["key"] or line["indicator"]
        assert [r[name] for r in rows] == [line[c] for c in list(wide[0])[2:]]


def test_compare_too_wide_for_the_terminal_lists_one_report_a_line(tmp_path, monkeypatch):
    paths = []
    for year in range(2015, 2025):
        path = tmp_path / f"{year}.txt"
        path.write_text(f"城阳区政府工作报告\n{year}年主要预期目标是:地区生产总值增长{year - 2010}%左右。\n",
                        encoding="utf-8")
        paths.append(path)
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke("compare", "-f", "table", *paths).stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    names, cells = columns_of(lines)
    assert names == ["key", "indicator", "report", "value"]
    assert [(c[2], c[3]) for c in cells] == [(f"城阳区 · {y}", f"~{y - 2010}%") for y in range(2015, 2025)]
