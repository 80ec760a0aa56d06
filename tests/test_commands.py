"""summary, compare, eval and xlsx output: the computing over hand-made rows,
and the commands through Typer's CliRunner (stdout, stderr, exit status)."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qdtargets.analysis import (bar, compare, comparison_columns, comparison_rows, format_change,
                                format_quantity, summarize)
from qdtargets.cli import app
from qdtargets.evaluate import load_jsonl, score
from qdtargets.gold import line_and_col
from qdtargets.xlsx import MAX_WIDTH, write_sheet

from .conftest import FIXTURES, GOLD, SEEDS
from .golden_outputs import CASES, SEED_0, SEED_1, golden, run

runner = CliRunner()
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DISTRICT_2021 = "城阳区政府工作报告\n2021年主要预期目标是:地区生产总值增长8%以上,新增城镇就业3万人,建设公共停车场8处。\n"
DISTRICT_2023 = ("城阳区政府工作报告\n2023年主要预期目标是:地区生产总值增长6.5%左右,新增城镇就业3.2万人,"
                 "建设公共停车场5处,城镇调查失业率控制在5.5%以内。\n")


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def row(file="a.txt", indicator="新增就业", value=1, unit="人", bound="=", status="target",
        region="城阳区", year=2023, category=None, key=None, value_max=None, line=1):
    return {"file": file, "line": line, "indicator": indicator, "value": value, "value_max": value_max,
            "unit": unit, "bound": bound, "status": status, "region": region, "year": year,
            "category": category, "key": key, "text": f"{value}{unit}"}


@pytest.fixture
def district_reports(tmp_path):
    paths = []
    for name, text in (("2021.txt", DISTRICT_2021), ("2023.txt", DISTRICT_2023)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


# ---- analysis: summaries ---------------------------------------------------

@pytest.mark.parametrize("rows,expected", [
    ([], []),
    ([row(category="就业"), row(category="就业"), row(status="achieved", category="教育")],
     [("status", "target", 2), ("status", "achieved", 1), ("category", "就业", 2), ("category", "教育", 1)]),
    # No category counts under None, after the named ones; statuses keep their order, not their size.
    ([row(status="fact"), row(status="target", category="交通"), row(status="fact")],
     [("status", "target", 1), ("status", "fact", 2), ("category", "交通", 1), ("category", None, 2)]),
], ids=["nothing", "by-status-and-category", "none-category-last"])
def test_summarize_counts_one_place(rows, expected):
    assert [(r["by"], r["name"], r["count"]) for r in summarize(rows)] == expected


def test_summarize_keeps_places_apart_in_input_order():
    rows = [row(file="b.txt", year=2023), row(file="a.txt", year=2021), row(file="b.txt", year=2022)]
    places = [(r["file"], r["year"]) for r in summarize(rows) if r["by"] == "status"]
    assert places == [("b.txt", 2023), ("a.txt", 2021), ("b.txt", 2022)]


@pytest.mark.parametrize("count,largest,width,expected", [
    (10, 10, 4, "████"),
    (5, 10, 4, "██"),
    (1, 16, 4, "▎"),        # a quarter of a character: two eighths
    (1, 1000, 4, "▏"),      # too small to see, shown anyway
    (0, 10, 4, ""),
])
def test_bar(count, largest, width, expected):
    assert bar(count, largest, width) == expected


# ---- analysis: quantities as cells -------------------------------------------

@pytest.mark.parametrize("value,value_max,unit,bound,shown", [
    (8, None, "%", ">=", "≥8%"),
    (5.5, None, "%", "~", "~5.5%"),
    (27000, None, "人", "=", "2.7万人"),
    (3390, None, "个", "=", "3390个"),
    (100000000000, None, "元", ">", ">1000亿元"),
    (1300000000000, None, "斤", ">=", "≥1.3万亿斤"),
    (5, 6, "%", "=", "5–6%"),
    (5000, 20000, "人", "<=", "≤0.5–2万人"),
    (0.1 + 0.2, None, "", "=", "0.3"),
    (None, None, "", "=", ""),
])
def test_format_quantity(value, value_max, unit, bound, shown):
    assert format_quantity(value, value_max, unit, bound) == shown


@pytest.mark.parametrize("change,unit,shown", [
    (-1.5, "百分点", "-1.5百分点"), (2000, "人", "+2000人"), (12000000, "人", "+1200万人"),
    (0, "%", "0%"), (None, "人", ""),
])
def test_format_change(change, unit, shown):
    assert format_change(change, unit) == shown


# ---- analysis: comparisons ---------------------------------------------------

def test_compare_keys_and_shared_indicators():
    rows = [
        row(file="2021.txt", year=2021, indicator="生产总值增长", key="gdp_growth", value=8, unit="%", bound=">="),
        row(file="2021.txt", year=2021, indicator="建设公共 停车场", value=8, unit="处"),
        row(file="2021.txt", year=2021, indicator="只在一份报告", value=3, unit="所"),
        row(file="2023.txt", year=2023, indicator="地区生产总值增长", key="gdp_growth", value=6.5, unit="%", bound="~"),
        row(file="2023.txt", year=2023, indicator="建设公共停车场", value=5, unit="处"),
        row(file="2023.txt", year=2023, indicator="新增城镇就业", key="urban_jobs_new", value=32000),
    ]
    comparison = compare(rows)
    assert comparison_columns(comparison) == ["key", "indicator", "城阳区 · 2021", "城阳区 · 2023", "Δ 城阳区 2021→2023"]
    assert [[r[c] for c in comparison_columns(comparison)] for r in comparison_rows(comparison)] == [
        ["gdp_growth", "生产总值增长", "≥8%", "~6.5%", "-1.5百分点"],
        ["urban_jobs_new", "新增城镇就业", None, "3.2万人", None],
        [None, "建设公共 停车场", "8处", "5处", "-3处"],
    ]


@pytest.mark.parametrize("earlier,later,expected", [
    (row(value=8, unit="%"), row(value=6.5, unit="%"), (-1.5, "百分点")),
    (row(value=30000), row(value=32000), (2000, "人")),
    (row(value=5.3, unit="%"), row(value=5.5, unit="%"), (0.2, "百分点")),
    (row(value=8, unit="%"), row(value=8, unit="个"), None),             # units differ
    (row(value=5, value_max=6, unit="%"), row(value=5, unit="%"), None),  # a range has no one value
    (None, row(value=5), None),
])
def test_change_between_two_reports(earlier, later, expected):
    rows = [dict(r, file=f, year=y, indicator="x") for r, f, y in ((earlier, "a.txt", 2021), (later, "b.txt", 2023)) if r]
    comparison = compare(rows)
    found = comparison.rows[0].changes[0] if comparison.rows and comparison.changes else None
    assert found == expected


def test_compare_changes_only_for_a_region_with_exactly_two_reports():
    rows = [row(file=f, region=r, year=y, key="gdp_growth", value=v, unit="%")
            for f, r, y, v in (("c.txt", "城阳区", 2023, 6), ("a.txt", "城阳区", 2021, 8),
                               ("x.txt", "全国", 2022, 5.5), ("y.txt", "全国", 2023, 5), ("z.txt", "全国", 2024, 5))]
    comparison = compare(rows)
    # The earlier year is subtracted, whatever the order of the files.
    assert [c.label for c in comparison.changes] == ["Δ 城阳区 2021→2023"]
    assert comparison.rows[0].changes == [(-2, "百分点")]


def test_compare_report_labels():
    rows = [
        row(file="dir/a.txt", region=None, year=None, key="k"),
        row(file="dir/b.txt", region="胶州市", year=None, key="k"),
        row(file="dir/c.txt", region=None, year=2023, key="k"),
        row(file="dir/d.txt", region="全国", year=2002, key="k"),
        row(file="dir/e.txt", region="全国", year=2002, key="k"),
    ]
    assert [r.label for r in compare(rows).reports] == [
        "a.txt", "胶州市 · b.txt", "2023 · c.txt", "全国 · 2002 (d.txt)", "全国 · 2002 (e.txt)"]


def test_compare_report_is_a_region_in_a_file_with_the_year_it_plans_for():
    rows = [
        row(region=None, year=2023, key="a", line=1),         # before the file names its region
        row(region="胶州市", year=2023, key="b", line=2),
        row(region="胶州市", year=2025, key="c", line=3),
        row(region="李沧区", year=2023, key="b", line=9),      # the next report in the same file
    ]
    assert [r.label for r in compare(rows).reports] == ["胶州市 · 2023", "李沧区 · 2023"]


@pytest.mark.parametrize("statuses", [("target", "achieved"), ("achieved",)])
def test_compare_labels_a_report_by_the_year_it_plans_for_not_its_commonest(statuses):
    # A 2024 report: more results of 2023 than targets for 2024.
    review = [row(status="achieved", year=2023, key=k, value=5.2, unit="%", line=n) for n, k in enumerate("abc")]
    rows = review + [row(year=2024, key="a", value=5, unit="%", bound="~", line=9)]
    comparison = compare(rows, statuses)
    assert [r.label for r in comparison.reports] == ["城阳区 · 2024"]
    # The cell is the year's target when it is asked for, or else last year's result.
    assert comparison.rows[0].cells[0]["status"] == statuses[0]
    # A report with results only plans for the year after them.
    assert compare(review, ["achieved"]).reports[0].label == "城阳区 · 2024"


def test_compare_cell_is_the_first_mention_of_the_reports_year():
    rows = [row(year=2020, key="gdp_growth", value=6, unit="%"),
            row(year=2023, key="gdp_growth", value=5, unit="%"),
            row(year=2023, key="gdp_growth", value=4, unit="%"),
            row(year=2023, key="other", value=1)]
    assert compare(rows).rows[0].cells[0]["value"] == 5


@pytest.mark.parametrize("statuses,values", [(("target",), [8]), (("achieved",), [7]), (("target", "achieved"), [8])])
def test_compare_status(statuses, values):
    rows = [row(status="target", key="k", value=8, line=1), row(status="achieved", year=2022, key="k", value=7, line=2)]
    assert [r.cells[0]["value"] for r in compare(rows, statuses).rows] == values


# ---- summary -----------------------------------------------------------------

def test_summary_csv_counts_by_status_and_category():
    result = invoke("summary", "-", input="2022年,新增就业2万人。2023年,力争新增就业3万人,新建学校2所。\n")
    assert (result.exit_code, result.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["file", "region", "year", "by", "name", "count", "region_code"]
    counts = {(r["year"], r["by"], r["name"]): int(r["count"]) for r in rows}
    assert counts[("2022", "status", "achieved")] == 1
    assert counts[("2023", "status", "target")] == 2
    assert sum(n for (year, by, _), n in counts.items() if year == "2023" and by == "category") == 2


def test_summary_json_and_table():
    result = run(CASES["summary_seed_001.json"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == golden("summary_seed_001.json")
    first = json.loads(result.stdout)[0]
    table = run(["summary", "-f", "table", SEED_1]).stdout
    assert first["region"] in table and str(first["count"]) in table
    assert "█" * 20 in table        # the largest count gets the longest bar


def test_summary_names_a_file_it_cannot_read():
    result = invoke("summary", "no-such-report.txt", SEEDS[0])
    assert result.exit_code == 1
    assert str(SEEDS[0]) in result.stdout
    assert result.stderr.splitlines() == ["qdtargets: no-such-report.txt: no such file",
                                          "qdtargets: 1 file(s) could not be read; the others were counted"]


# ---- compare -----------------------------------------------------------------

def test_compare_one_district_over_two_years(district_reports):
    result = invoke("compare", *district_reports)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "key,indicator,城阳区 · 2021,城阳区 · 2023,Δ 城阳区 2021→2023",
        "gdp_growth,地区生产总值增长,≥8%,~6.5%,-1.5百分点",
        "urban_jobs_new,新增城镇就业,3万人,3.2万人,+2000人",
        "unemployment_rate_surveyed,城镇调查失业率,,≤5.5%,",
        ",建设公共停车场,8处,5处,-3处",
    ]


def test_compare_json_carries_the_values(district_reports):
    rows = json.loads(invoke("compare", "-f", "json", *district_reports).stdout)
    assert rows[0]["城阳区 · 2021"] == {"value": 8, "value_max": None, "unit": "%", "bound": ">=",
                                     "text": "8%", "line": 2, "shown": "≥8%", "region_code": "370214"}
    assert rows[0]["Δ 城阳区 2021→2023"]["value"] == -1.5


def test_compare_districts_of_one_year_and_a_report_without_targets(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("过去一年,新增就业2万人。\n", encoding="utf-8")
    result = run([*CASES["compare_seeds.json"], str(empty)])
    assert result.exit_code == 0
    assert result.stdout == golden("compare_seeds.json")   # the report without targets adds no column
    assert result.stderr == f"qdtargets: {empty}: no target rows, so no column\n"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the State Council corpus is not next to this repository")
def test_compare_state_council_reports_year_by_year():
    files = sorted(CORPUS.glob("20*.txt"))
    rows = json.loads(invoke("compare", "-f", "json", *files).stdout)
    gdp = next(r for r in rows if r["key"] == "gdp_growth")
    cells = {label: cell["shown"] for label, cell in gdp.items() if isinstance(cell, dict)}
    assert cells["全国 · 2024"] == "~5%"
    assert len(cells) >= 20


# ---- eval --------------------------------------------------------------------

@pytest.mark.parametrize("gold_args", [
    ["--gold", str(FIXTURES / "gold")],
    ["--gold", ",".join(str(p) for p in GOLD)],
    [arg for p in GOLD for arg in ("-g", str(p))],
], ids=["folder", "commas", "repeated"])
def test_eval_gives_the_projects_own_figures(gold_args, seed_rows):
    result = invoke("eval", *gold_args, "-f", "json", FIXTURES / "seeds")
    assert (result.exit_code, result.stderr) == (0, "")
    expected = score([g for p in GOLD for g in load_jsonl(p)], seed_rows).figures
    assert json.loads(result.stdout) == {"figures": expected, "errors": []}


def test_eval_places_misses_extras_and_wrong_fields(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("前言。\n2023年,新增就业2.7万人以上,新开发公益性岗位3390个。\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    base = {"doc": "r.txt", "value_max": None, "status": "target", "region": None, "year": 2023}
    gold.write_text("\n".join(json.dumps(dict(base, **g), ensure_ascii=False) for g in [
        {"start": 14, "quantity": "2.7万人", "value": 27000, "unit": "个", "bound": ">=", "indicator": "新增就业"},
        {"start": 0, "quantity": "前言", "value": 1, "unit": "", "bound": "=", "indicator": "前言"},
    ]) + "\n", encoding="utf-8")
    result = invoke("eval", "-g", gold, "--errors", "-f", "json", report)
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert (found["figures"]["gold"], found["figures"]["pred"], found["figures"]["matched"]) == (2, 2, 1)
    assert [(e["kind"], e["place"], e["quantity"], e["fields"]) for e in found["errors"]] == [
        ("missed", f"{report}:1:1", "前言", []),
        ("wrong", f"{report}:2:11", "2.7万人", ["unit"]),
        ("extra", f"{report}:2:27", "3390个", []),
    ]
    table = invoke("eval", "-g", gold, "--errors", "-f", "table", report).stdout
    assert "precision" in table and "unit 个 → 人" in table and "3 errors" in table


def test_gold_places_count_lines_and_columns_as_extract_does(seed_rows):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS}
    assert all(line_and_col(texts[r["file"]], r["start"]) == (r["line"], r["col"]) for r in seed_rows)


def test_eval_names_the_reports_it_leaves_out(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("新增托位400个。\n", encoding="utf-8")
    result = invoke("eval", "-g", GOLD[0], "-f", "json", SEEDS[1], other)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["figures"]["gold"] == 0
    assert result.stderr.splitlines() == [
        f"qdtargets: gold rows left out, their reports were not read: {SEEDS[0].name}",
        f"qdtargets: {SEEDS[1]}: no gold rows, not scored",
        f"qdtargets: {other}: no gold rows, not scored",
    ]


@pytest.mark.parametrize("content,message", [
    (None, "cannot read gold file"),
    ('{"doc": "a.txt", "start": 3}\n', ":1: not a gold row"),
    ('{"doc": "a.txt", "start": 3, "quantity": "5个"}\nnot json\n', ":2: not JSON"),
], ids=["missing", "drops-row", "broken-line"])
def test_eval_refuses_an_unusable_gold_file(tmp_path, content, message):
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    result = invoke("eval", "-g", gold, SEEDS[0])
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr and result.stderr.startswith(f"qdtargets: ")


# ---- xlsx --------------------------------------------------------------------

def read_sheet(path):
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    widths = {header[i]: sheet.column_dimensions[c.column_letter].width for i, c in enumerate(sheet[1])}
    return sheet, header, widths


def test_extract_xlsx_has_a_frozen_header_fitted_widths_and_numbers(tmp_path):
    out = tmp_path / "targets.xlsx"
    result = run(["extract", "-o", str(out), SEED_0])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    sheet, header, widths = read_sheet(out)
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    assert header[:8] == ["file", "line", "col", "start", "end", "text", "indicator", "value"]
    values = [c.value for c in sheet["H"][1:]]
    assert all(isinstance(v, (int, float)) for v in values)
    # The same rows as the CSV: the workbook holds the numbers, not their text.
    assert values == [float(r["value"]) for r in csv.DictReader(io.StringIO(golden("extract_seed_000.csv")))]
    assert widths["line"] < widths["indicator"] <= widths["sentence"] == MAX_WIDTH


def test_summary_and_compare_xlsx(tmp_path, district_reports):
    counts = tmp_path / "counts.xlsx"
    assert invoke("summary", "-o", counts, *district_reports).exit_code == 0
    sheet, header, _ = read_sheet(counts)
    assert header == ["file", "region", "year", "by", "name", "count", "region_code"]
    assert isinstance(sheet["F2"].value, int) and sheet.freeze_panes == "A2"
    compared = tmp_path / "compare.xlsx"
    assert invoke("compare", "-f", "xlsx", "-o", compared, *district_reports).exit_code == 0
    sheet, header, _ = read_sheet(compared)
    assert header[2:] == ["城阳区 · 2021", "城阳区 · 2023", "Δ 城阳区 2021→2023"]
    # ≥8% stays the number 8; its bound and unit are in the number format.
    assert [(c.value, c.number_format) for c in sheet[2][2:]] == [
        (8, '"≥"General"%"'), (6.5, '"~"General"%"'), (-1.5, 'General"百分点"')]


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path):
    out = tmp_path / "t.xlsx"
    with open(out, "wb") as fh:
        write_sheet(fh, "t", ["text", "n"], [["=SUM(A1:A9)", 3], ["bell\x07", None]])
    sheet = openpyxl.load_workbook(out).active
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("=SUM(A1:A9)", "s", 3)
    assert sheet["A3"].value == "bell"      # a control character Excel cannot hold is left out


@pytest.mark.parametrize("command", ["extract", "summary", "compare"])
def test_xlsx_needs_a_file(command):
    result = invoke(command, "-f", "xlsx", SEEDS[0])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "qdtargets: xlsx is a binary file: name one to write with -o FILE.xlsx\n"


def test_xlsx_without_openpyxl_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)     # what import sees when it is not installed
    out = tmp_path / "t.xlsx"
    result = invoke("summary", "-o", out, SEEDS[0])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == 'qdtargets: xlsx output needs openpyxl: pip install "qdtargets[xlsx]"\n'
    assert not out.exists()


EXTRACT_AND_LIST_MODULES = """
import sys
from qdtargets.cli import main
sys.argv = ["qdtargets", "extract", "-f", "csv", sys.argv[1]]
try:
    main()
finally:
    print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def test_extract_loads_only_what_it_uses():
    done = subprocess.run([sys.executable, "-c", EXTRACT_AND_LIST_MODULES, str(SEEDS[0])],
                          capture_output=True, text=True)
    loaded = set(done.stderr.split())
    assert {"qdtargets.pipeline", "jieba"} <= loaded           # it did extract
    assert loaded.isdisjoint({"openpyxl", "qdtargets.analysis", "qdtargets.gold", "qdtargets.xlsx",
                              "qdtargets.evaluate", "qdtargets.html_text", "pkg_resources",
                              "jieba.finalseg.prob_emit", "multiprocessing", "concurrent.futures",
                              "sqlite3", "qdtargets.sqlite_out",
                              "qdtargets.pdf_text", "pypdfium2", "qdtargets.docx_text", "docx", "lxml",
                              "opencc"})


# ---- help --------------------------------------------------------------------

@pytest.mark.parametrize("command", ["summary", "compare", "eval"])
def test_help_teaches_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"qdtargets {command} " in result.stdout
