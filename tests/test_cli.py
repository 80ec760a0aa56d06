"""The command line, through Typer's CliRunner: stdout, stderr and exit status."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from qdtargets import FIELDS
from qdtargets.cli import EXPLAIN_FIELDS, app
from qdtargets.export import Format, RowWriter
from qdtargets.pipeline import extract_text
from qdtargets.sources import read_source

from .conftest import SEEDS
from .golden_outputs import CASES, SEED_0, golden, run

runner = CliRunner()
SEED = str(SEEDS[0])
SENTENCE = "2023年,胶州市新增就业2.7万人以上,新开发公益性岗位3390个。\n"


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_csv_is_the_default_when_stdout_is_not_a_terminal():
    result = run(CASES["extract_seed_000.csv"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert tuple(next(csv.DictReader(io.StringIO(result.stdout)))) == FIELDS
    assert result.stdout == golden("extract_seed_000.csv")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_every_format_carries_the_same_rows(fmt):
    result = invoke("extract", "-f", fmt, "-", input=SENTENCE)
    assert result.exit_code == 0
    if fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(result.stdout), dialect="excel" if fmt == "csv" else "excel-tab"))
        values = [float(r["value"]) for r in rows]
    else:
        rows = json.loads(result.stdout) if fmt == "json" else [json.loads(l) for l in result.stdout.splitlines()]
        assert all(tuple(r) == FIELDS for r in rows)
        values = [r["value"] for r in rows]
    assert values == [27000, 3390]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rows_encoded_per_file_read_as_one_stream(fmt, jobs, tmp_path):
    # Each file's rows are encoded where they are extracted; a file without
    # rows in between must not leave a stray separator.
    empty = tmp_path / "empty.txt"
    empty.write_text("没有数字的文字。\n", encoding="utf-8")
    paths = [SEED, str(empty), str(SEEDS[1])]
    expected = io.StringIO()
    writer = RowWriter(expected, Format(fmt), FIELDS)
    for path in paths:
        writer.write(t.to_dict() for t in extract_text(read_source(path).text, path))
    writer.close()
    result = invoke("extract", "-f", fmt, "--jobs", jobs, *paths)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == expected.getvalue()


def test_jsonl_row_is_normalised():
    result = invoke("extract", "-f", "jsonl", "-", input=SENTENCE)
    first = json.loads(result.stdout.splitlines()[0])
    assert first == {
        "file": "-", "line": 1, "col": 14, "start": 13, "end": 18, "text": "2.7万人",
        "indicator": "新增就业", "value": 27000, "value_max": None, "unit": "人", "bound": ">=",
        "status": "target", "region": "胶州市", "year": 2023,
        "sentence": "2023年,胶州市新增就业2.7万人以上,新开发公益性岗位3390个。",
        "category": "就业", "key": "urban_jobs_new", "region_code": "370281", "page": None,
    }


def test_json_is_an_empty_array_when_nothing_is_found():
    result = invoke("extract", "-f", "json", "-", input="没有数字的文字。\n")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_no_headers_and_bom():
    plain = invoke("extract", "--no-headers", "-", input=SENTENCE).stdout
    assert not plain.startswith("file,")
    with_bom = invoke("extract", "--bom", "-", input=SENTENCE).stdout
    assert with_bom.startswith("\ufefffile,line,")


def test_output_file_takes_its_format_from_the_name(tmp_path):
    out = tmp_path / "rows.jsonl"
    result = invoke("extract", "-o", str(out), "-", input=SENTENCE)
    assert (result.exit_code, result.stdout) == (0, "")
    assert [json.loads(l)["text"] for l in out.read_text(encoding="utf-8").splitlines()] == ["2.7万人", "3390个"]


def test_status_filter():
    text = "2022年,新增就业2万人。2023年,力争新增就业3万人。\n"
    result = invoke("extract", "-f", "jsonl", "-s", "achieved", "-", input=text)
    assert [json.loads(l)["value"] for l in result.stdout.splitlines()] == [20000]


def test_region_and_year_fill_what_the_text_does_not_say():
    result = invoke("extract", "-f", "jsonl", "--region", "崂山区", "--year", "2024", "-", input="新增托位400个。\n")
    row = json.loads(result.stdout)
    assert (row["region"], row["year"], row["region_code"]) == ("崂山区", 2024, "370212")


@pytest.mark.parametrize("given,region,code", [
    ("370281", "胶州市", "370281"), ("东乌旗", "东乌珠穆沁旗", "152525"), ("上海市普陀区", "上海市普陀区", "310107"),
])
def test_region_option_takes_a_name_or_a_code(given, region, code):
    result = invoke("extract", "-f", "jsonl", "--region", given, "-", input="新增托位400个。\n")
    assert (result.exit_code, result.stderr) == (0, "")
    row = json.loads(result.stdout)
    assert (row["region"], row["region_code"]) == (region, code)


def test_region_option_does_not_override_the_text():
    text = "1月5日,胶州市第十八届人民代表大会第二次会议召开。2023年,新增就业2.7万人。\n"
    row = json.loads(invoke("extract", "-f", "jsonl", "--region", "崂山区", "-", input=text).stdout)
    assert (row["region"], row["region_code"]) == ("胶州市", "370281")


@pytest.mark.parametrize("given,message", [
    ("火星市", "'火星市' is no region of the gazetteer"),
    ("999999", "999999 is no code of the gazetteer"),
    ("普陀区", "'普陀区' names several places"),
])
def test_region_option_the_gazetteer_cannot_name_is_a_usage_error(given, message):
    for command in ("extract", "summary", "compare"):
        result = invoke(command, "--region", given, "-", input="新增托位400个。\n")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Invalid value for '--region'" in result.stderr
        assert message in " ".join(result.stderr.replace("│", " ").split())


def test_explain_lists_drops_with_their_rule():
    result = invoke("extract", "--explain", "-f", "jsonl", "-", input="聚力打造“四区一园”,开行中欧班列800列。\n")
    rows = [json.loads(l) for l in result.stdout.splitlines()]
    assert all(tuple(r) == EXPLAIN_FIELDS for r in rows)
    assert [(r["text"], r["decision"], r["reason"]) for r in rows] == [
        ("四", "drop", "slogan"), ("一", "drop", "slogan"), ("800列", "keep", "quantity")]


def test_missing_file_next_to_a_good_one():
    result = run(["extract", "-f", "jsonl", "no-such-report.txt", SEED_0])
    assert result.exit_code == 1
    assert result.stdout == golden("extract_seed_000.jsonl")
    assert result.stderr.splitlines() == [
        "qdtargets: no-such-report.txt: no such file",
        "qdtargets: 1 file(s) could not be read; rows of the others were written",
    ]


def test_directory_gives_its_txt_files_in_order():
    result = invoke("extract", "-f", "jsonl", str(SEEDS[0].parent))
    files = list(dict.fromkeys(json.loads(l)["file"] for l in result.stdout.splitlines()))
    assert files == [str(p) for p in SEEDS]


@pytest.mark.parametrize("args,message", [
    (["extract", "-f", "xml", SEED], "Invalid value for '--format'"),
    (["extract", "-e", "no-such-codec", SEED], "unknown encoding 'no-such-codec'"),
    (["extract", "-s", "planned", SEED], "Invalid value for '--status'"),
])
def test_usage_errors_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_number_command():
    result = invoke("number", "二十七万", "4000多个", "5%-6%", "三百万千瓦", "三分之一", "--", "-3%")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "input,value,value_max,unit,bound",
        "二十七万,270000,,,=",
        "4000多个,4000,,个,>",
        "5%-6%,5,6,%,=",
        "三百万千瓦,3000000,,千瓦,=",
        "三分之一,0.3333333333333333,,,=",
        "-3%,-3,,%,=",
    ]


@pytest.mark.parametrize("text", ["hello", "十四五", ""])
def test_number_says_when_a_text_holds_no_number(text):
    result = invoke("number", "2.7万人", text)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == ["2.7万人,27000,,人,=", f"{text},,,,"]
    assert result.stderr == f"qdtargets: {text}: no number qdtargets can read\n"


@pytest.mark.parametrize("command", [[], ["extract"], ["number"]])
def test_help_teaches_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "qdtargets" in result.stdout
    if command:
        assert "Examples" in result.stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("qdtargets ")
