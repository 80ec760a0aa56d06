"""track: targets against outcomes. The rules (met, ceilings, figures for
several years) and the pairing over hand-made rows drawn from real report
sentences; the command through Typer's CliRunner (stdout, stderr, exit
status); and the State Council reports end to end."""
import csv
import io
import json
import os
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from qdtargets import track as track_module
from qdtargets.cli import app
from qdtargets.lexicon import LexiconError
from qdtargets.track import (TRACK_FIELDS, Tracker, is_ceiling, is_met, prepare, rules, sentence_lead,
                             several_years, sql_columns, track)

from .conftest import SEEDS

runner = CliRunner()
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def row(status="target", year=2023, value=5, unit="%", bound="~", key="gdp_growth", indicator="国内生产总值增长",
        file="2023.txt", line=1, region="全国", value_max=None, text=None, sentence="", region_code=None):
    return {"file": file, "line": line, "indicator": indicator, "value": value, "value_max": value_max, "unit": unit,
            "bound": bound, "status": status, "region": region, "year": year, "key": key,
            "text": text or f"{value}{unit}", "sentence": sentence, "region_code": region_code}


# ---- met -----------------------------------------------------------------------

@pytest.mark.parametrize("target,achieved,ceiling,met", [
    # 城镇新增就业900万人以上 (2009) → 1102万 (2010 report); a floor falls short below it.
    (row(value=9_000_000, unit="人", bound=">="), 11_020_000, False, True),
    (row(value=9_000_000, unit="人", bound=">="), 8_800_000, False, False),
    # 年交易额突破1000亿元: > is a floor, met at it too.
    (row(value=10 ** 11, unit="元", bound=">"), 10 ** 11, False, True),
    # 城镇新增就业900万人 (2005): an increase, met at or above.
    (row(value=9_000_000, unit="人", bound="="), 9_700_000, False, True),
    (row(value=9_000_000, unit="人", bound="="), 8_500_000, False, False),
    # 城镇登记失业率控制在4.6%以内: a ceiling.
    (row(value=4.6, bound="<="), 4.1, True, True),
    (row(value=4.6, bound="<="), 4.8, True, False),
    # 国内生产总值增长7%左右 (2015) → 6.9%; half a point of slack, no more.
    (row(value=7, bound="~"), 6.9, False, True),
    (row(value=7, bound="~"), 6.5, False, True),
    (row(value=7, bound="~"), 6.4, False, False),
    # 居民消费价格涨幅3%左右: a ceiling, met up to 3.5%.
    (row(value=3, bound="~"), 3.5, True, True),
    (row(value=3, bound="~"), 3.6, True, False),
    # 城镇新增就业1200万人左右 (2023): 5% of slack for counts.
    (row(value=12_000_000, unit="人", bound="~"), 11_400_000, False, True),
    (row(value=12_000_000, unit="人", bound="~"), 11_300_000, False, False),
    # 国内生产总值增长6.5%－7% (2016): a growth range is met from its low end.
    (row(value=6.5, value_max=7, bound="="), 6.7, False, True),
    (row(value=6.5, value_max=7, bound="="), 7.4, False, True),
    (row(value=6.5, value_max=7, bound="="), 6.4, False, False),
    # A ceiling range stays under its high end.
    (row(value=2, value_max=3, bound="="), 3, True, True),
    (row(value=2, value_max=3, bound="="), 3.1, True, False),
])
def test_met(target, achieved, ceiling, met):
    assert is_met(target, achieved, ceiling) is met


@pytest.mark.parametrize("target,lead,ceiling", [
    (row(key="cpi", indicator="居民消费价格涨幅", value=3), "", True),
    (row(key="unemployment_rate_surveyed", indicator="城镇调查失业率", value=5.5), "", True),
    # Without a key, the indicator says it.
    (row(key=None, indicator="物价涨幅", value=3), "", True),
    # 控制在 and 降至 just before the quantity make a ceiling of anything.
    (row(key=None, indicator="PM2.5平均浓度", value=35, unit="微克/立方米", bound="="), "PM2.5平均浓度控制在", True),
    (row(key=None, indicator="万元生产总值能耗", value=0.5, unit="吨", bound="="), "万元生产总值能耗降至 ", True),
    # A bound decides by itself: <= a ceiling, >= a floor whatever the indicator.
    (row(key=None, indicator="农村贫困人口", value=100, unit="万人", bound="<="), "", True),
    (row(key="cpi", indicator="居民消费价格涨幅", value=3, bound=">="), "", False),
    # Growth, jobs, a fall in energy use (下降3%: the fall is the floor) are floors.
    (row(), "今年发展主要预期目标是：", False),
    (row(key="urban_jobs_new", indicator="城镇新增就业", value=12_000_000, unit="人"), "", False),
    (row(key="energy_intensity", indicator="单位国内生产总值能耗下降", value=3), "单位国内生产总值能耗下降", False),
    # 不低于 is a floor, whatever bound was read.
    (row(key="urban_jobs_new", indicator="城镇新增就业人数", value=9_000_000, unit="人", bound="="),
     "城镇新增就业人数不低于", False),
    (row(key=None, indicator="万元生产总值能耗", value=0.5, unit="吨", bound="="), "万元生产总值能耗低于", True),
    # 控制在 earlier in the sentence is not this quantity's.
    (row(), "居民消费价格涨幅控制在3%左右，国内生产总值增长", False),
])
def test_ceiling(target, lead, ceiling):
    assert is_ceiling(target, lead) is ceiling


# ---- figures for several years -----------------------------------------------------

@pytest.mark.parametrize("lead,report_year,several", [
    # 2011 report: the paragraph opens on the five years it reviews.
    ("这五年，各项社会事业加快发展、人民生活明显改善。教育、科技、文化、卫生、体育事业全面进步。城镇新增就业", 2011, True),
    ("五年全国新增城镇就业", 2008, True),
    ("这五年，我国宏观经济总体上保持增速平稳较快……的良好态势，国内生产总值年均增长", 2013, True),
    ("累计新增城镇就业", 2013, True),
    ("“十三五”时期，城镇新增就业", 2021, True),
    ("2016—2020年，城镇新增就业", 2021, True),
    ("《纲要》提出，今后五年国内生产总值年均增长", 2006, True),
    ("十年来我国居民消费价格涨幅稳定在", 2023, True),
    # A comparison with a year long before is a change over several years.
    ("五年来……2005年与2000年相比，国内生产总值增长", 2006, True),
    ("国内生产总值达到24.66万亿元，比2002年增长", 2008, True),
    # The nearest span word decides: the year reviewed after a five-year plan's name.
    ("2011年是“十二五”开局之年……过去一年，国内生产总值增长", 2011, False),
    ("2012年……全面实现年初确定的主要目标，国内生产总值增长7.8%，城镇新增就业", 2013, False),
    ("地区生产总值比2022年增长", 2024, False),
    ("全年累计新增就业", 2024, False),
    # Program names and ordinals with 年 are no span.
    ("实施三年行动，新增就业", 2023, False),
    ("今年是“十四五”规划实施的第五年，城镇新增就业", 2025, False),
    ("", 2023, False),
])
def test_several_years(lead, report_year, several):
    assert several_years(lead, report_year) is several


def test_sentence_lead_is_the_sentence_up_to_the_quantity():
    r = row(text="3%", sentence="居民消费价格涨幅3%左右；")
    assert sentence_lead(r) == "居民消费价格涨幅"
    assert sentence_lead(row(text="9%", sentence="")) == ""


@pytest.mark.parametrize("line,message", [
    (["one_year", "lead", r"(?P<year>\d{4})年"], "track.tsv:99: a group named year"),
    (["headline", "lead", "主要(目标"], "track.tsv:99: bad pattern"),
    (["headline", "key", "主要目标"], "track.tsv: headline rules do not take scope key"),
])
def test_rules_name_the_line_at_fault(monkeypatch, line, message):
    table = track_module.read_table("track.tsv", 3)
    rules.cache_clear()
    monkeypatch.setattr(track_module, "read_table", lambda name, n: table + [(99, line)])
    try:
        with pytest.raises(LexiconError, match=message):
            rules()
    finally:
        monkeypatch.undo()
        rules.cache_clear()


# ---- the year a report plans for -------------------------------------------------------

@pytest.mark.parametrize("rows,year", [
    # A review of 2023 and targets for 2024.
    ([row(status="achieved", year=2023), row(year=2024), row(year=2024, key="cpi")], 2024),
    # The first report of a five-year plan: more goals for 2005 than for 2001 (the 2001 report).
    ([row(status="achieved", year=2000)] + [row(year=2005, key=k) for k in "abc"] + [row(year=2001)], 2001),
    # No review: a list of targets.
    ([row(year=2019), row(year=2019, key="cpi"), row(year=2020)], 2019),
    ([row(status="fact", year=2010)], 2010),
    ([row(year=None)], None),
], ids=["review-and-plan", "five-year-plan", "targets-only", "facts-only", "no-year"])
def test_plan_years(rows, year):
    from qdtargets.reports import plan_years, report_places

    assert plan_years(rows, report_places(rows)) == {("2023.txt", "全国"): year}


# ---- pairing -------------------------------------------------------------------

# The 2023 and 2024 State Council reports, as extract gives them.
GDP_2023 = row(file="2023.txt", line=171, year=2023, value=5, bound="~",
               sentence="今年发展主要预期目标是：国内生产总值增长5%左右；")
GDP_2022_DONE = row(file="2023.txt", line=28, status="achieved", year=2022, value=3, bound="=")
GDP_2023_DONE = row(file="2024.txt", line=28, status="achieved", year=2023, value=5.2, bound="=")
GDP_2024 = row(file="2024.txt", line=75, year=2024, value=5, bound="~")


def test_a_target_beside_its_outcome():
    out = track([GDP_2023, GDP_2022_DONE, GDP_2023_DONE, GDP_2024])
    assert [tuple(r) for r in out] == [TRACK_FIELDS] * 3
    assert [(r["year"], r["target_value"], r["achieved_value"]) for r in out] == [
        (2022, None, 3), (2023, 5, 5.2), (2024, 5, None)]
    assert out[1] == {
        "region": "全国", "region_code": None, "key": "gdp_growth", "indicator": "国内生产总值增长", "year": 2023,
        "unit": "%", "target_value": 5, "target_value_max": None, "target_bound": "~", "target_text": "5%",
        "achieved_value": 5.2, "achieved_bound": "=", "achieved_text": "5.2%", "gap": 0.2, "met": True,
        "target_file": "2023.txt", "target_line": 171, "achieved_file": "2024.txt", "achieved_line": 28}
    # The halves that are missing are rows too, unless only pairs are asked for.
    assert out[0]["met"] is None and out[0]["gap"] is None
    assert [r["year"] for r in track([GDP_2023, GDP_2022_DONE, GDP_2023_DONE, GDP_2024], complete=True)] == [2023]


def test_gap_of_a_range_is_from_its_low_end_and_counts_keep_integers():
    growth = row(year=2016, value=6.5, value_max=7, bound="=", file="2016.txt")
    jobs = row(year=2016, value=10_000_000, unit="人", bound=">=", key="urban_jobs_new", indicator="城镇新增就业",
               file="2016.txt")
    done = [row(status="achieved", year=2016, value=6.7, bound="=", file="2017.txt"),
            row(status="achieved", year=2016, value=13_140_000, unit="人", bound="=", key="urban_jobs_new",
                indicator="城镇新增就业", file="2017.txt")]
    out = track([growth, jobs, *done])
    assert [(r["key"], r["gap"], r["met"]) for r in out] == [("gdp_growth", 0.2, True), ("urban_jobs_new", 3_140_000, True)]


def test_rows_without_a_key_pair_on_the_same_indicator_text_and_unit():
    rows = [row(key=None, indicator="新增 城镇就业", value=30_000, unit="人", bound="=", region="城阳区", year=2021,
                file="2021.txt"),
            row(key=None, indicator="新增城镇就业", value=32_000, unit="人", bound="=", region="城阳区", year=2021,
                status="achieved", file="2022.txt"),
            # Same words, another unit: not the same indicator.
            row(key=None, indicator="新增城镇就业", value=3.2, unit="万户", bound="=", region="城阳区", year=2021,
                status="achieved", file="2022.txt")]
    out = track(rows)
    assert [(r["target_value"], r["achieved_value"], r["unit"]) for r in out] == [(30_000, 32_000, "人"), (None, 3.2, "万户")]


def test_regions_do_not_pair_with_each_other():
    rows = [row(region="城阳区", file="a.txt"), row(region="胶州市", status="achieved", value=6, file="b.txt")]
    assert [(r["region"], r["target_value"], r["achieved_value"]) for r in track(rows)] == [
        ("城阳区", 5, None), ("胶州市", None, 6)]


def test_rows_before_a_file_names_its_region_count_with_it():
    rows = [row(region=None, file="a.txt"), row(region="城阳区", key="cpi", file="a.txt", line=2),
            row(region="城阳区", status="achieved", value=5.5, file="b.txt", year=2023)]
    out = track(rows)
    assert [(r["region"], r["key"], r["achieved_value"]) for r in out] == [("城阳区", "gdp_growth", 5.5),
                                                                        ("城阳区", "cpi", None)]


def test_the_nearest_later_report_gives_the_outcome():
    # A report three years on restates 2023 (revised); the next year's report is the one that counts,
    # whichever order the files come in.
    later = row(file="2026.txt", line=12, status="achieved", year=2023, value=5.4, bound="=")
    review_2025 = [row(file="2026.txt", line=10, status="achieved", year=2025, value=5.1, bound="=", key=k)
                   for k in ("gdp_growth", "cpi")]
    plan_2026 = row(file="2026.txt", line=80, year=2026)
    rows = [later, *review_2025, plan_2026, GDP_2024, GDP_2023_DONE, GDP_2023]
    paired = next(r for r in track(rows) if r["year"] == 2023)
    assert (paired["achieved_value"], paired["achieved_file"]) == (5.2, "2024.txt")


def test_figures_for_several_years_never_pair_with_a_years_target():
    five_years = row(file="2023.txt", line=46, status="achieved", year=2022, value=5.2, bound="=",
                     indicator="国内生产总值年均增长",
                     sentence="国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元")
    target_2022 = row(file="2022.txt", line=89, year=2022, value=5.5)
    assert track([target_2022, five_years])[0]["achieved_value"] is None
    # The year's own figure, mentioned later in the same report, is the outcome.
    annual = row(file="2023.txt", line=28, status="achieved", year=2022, value=3, bound="=",
                 sentence="全年国内生产总值增长3%")
    paired = track([target_2022, five_years, annual])[0]
    assert (paired["achieved_value"], paired["achieved_line"], paired["met"]) == (3, 28, False)


def test_a_goal_for_a_later_year_needs_that_year_named():
    # 2016 report, 13th five-year plan: 城镇新增就业5000万人以上 is for 2016–2020, not 2020 alone.
    plan = row(file="2016.txt", line=81, year=2020, value=50_000_000, unit="人", bound=">=", key="urban_jobs_new",
               indicator="城镇新增就业", sentence="实现城镇新增就业5000万人以上。", text="5000万人")
    own_year = row(file="2016.txt", line=96, year=2016, value=10_000_000, unit="人", bound=">=",
                   key="urban_jobs_new", indicator="城镇新增就业")
    done_2020 = row(file="2021.txt", line=45, status="achieved", year=2020, value=11_860_000, unit="人", bound="=",
                    key="urban_jobs_new", indicator="城镇新增就业")
    growth = row(file="2016.txt", line=96, year=2016, value=6.5, value_max=7, bound="=")   # the report plans for 2016
    out = [r for r in track([plan, own_year, growth, done_2020]) if r["key"] == "urban_jobs_new"]
    assert [(r["year"], r["target_value"], r["achieved_value"]) for r in out] == [
        (2016, 10_000_000, None), (2020, None, 11_860_000)]
    # 到2020年 names the year: a level to reach then, paired with that year's outcome.
    level = row(file="2016.txt", line=80, year=2020, value=60, indicator="常住人口城镇化率", key="urbanization_rate",
                bound="=", text="60%", sentence="到2020年，常住人口城镇化率达到60%。")
    reached = row(file="2021.txt", line=50, status="achieved", year=2020, value=63.9, bound="=",
                  indicator="常住人口城镇化率", key="urbanization_rate")
    assert [(r["target_value"], r["achieved_value"], r["met"]) for r in track([level, own_year, growth, reached])
            if r["key"] == "urbanization_rate"] == [(60, 63.9, True)]


def test_the_reports_own_list_of_targets_wins_over_a_passing_mention():
    # 2016 report: the 13th five-year plan's goal (line 81) comes before the year's list (line 96).
    plan = row(file="2016.txt", line=81, year=2016, value=50_000_000, unit="人", bound=">=", key="urban_jobs_new",
               indicator="城镇新增就业")
    own = row(file="2016.txt", line=96, year=2016, value=10_000_000, unit="人", bound=">=", key="urban_jobs_new",
              indicator="城镇新增就业", text="1000万人",
              sentence="今年发展的主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上，")
    assert track([plan, own])[0]["target_line"] == 96
    # Without such a list, the first mention.
    assert track([own | {"sentence": ""}, plan | {"line": 120}])[0]["target_line"] == 96


def test_files_added_one_at_a_time_pair_as_all_at_once():
    files = [[GDP_2023, GDP_2022_DONE], [GDP_2023_DONE, GDP_2024], [row(file="2026.txt", status="achieved", value=5.4)]]
    tracker = Tracker()
    for rows in files:
        tracker.add(prepare(rows))
    assert tracker.rows() == track([r for rows in files for r in rows])
    assert tracker.report_years == {("2023.txt", "全国"): 2023, ("2024.txt", "全国"): 2024, ("2026.txt", "全国"): 2024}


def test_a_target_comes_from_the_report_that_plans_for_its_year():
    # A 2024 report that quotes last year's target, besides its own for 2024.
    quoted = row(file="2024.txt", line=20, year=2023, value=4.5)
    rows = [quoted, GDP_2024, GDP_2023]
    assert next(r for r in track(rows) if r["year"] == 2023)["target_line"] == 171


def test_facts_rows_without_a_year_and_other_keys_take_no_part():
    rows = [row(status="fact"), row(year=None), row(key="cpi", indicator="居民消费价格涨幅", value=3)]
    assert [r["key"] for r in track(rows)] == ["cpi"]
    assert track(rows, keys={"gdp_growth"}) == []


def test_the_paragraph_decides_where_the_text_is_given():
    # 2011 report: the paragraph opens on the five years it reviews, a sentence before the figure.
    text = "这五年，各项社会事业加快发展、人民生活明显改善。城镇新增就业5771万人，转移农业劳动力4500万人；\n"
    five_years = row(status="achieved", year=2010, value=57_710_000, unit="人", bound="=", key="urban_jobs_new",
                     indicator="城镇新增就业", file="2011.txt", line=1, text="5771万人",
                     sentence="城镇新增就业5771万人，转移农业劳动力4500万人；") | {"start": text.index("5771")}
    assert len(track([five_years])) == 1           # the sentence alone names no span
    assert track([five_years], text) == []


def test_sql_columns_follow_the_fields():
    columns = sql_columns()
    assert [name for name, _ in columns] == list(TRACK_FIELDS)
    types = dict(columns)
    assert (types["year"], types["target_value"], types["met"], types["indicator"]) == ("INTEGER", "REAL", "INTEGER", "TEXT")


# ---- the command ------------------------------------------------------------------

DISTRICT_2021 = "城阳区政府工作报告\n2021年主要预期目标是:地区生产总值增长8%以上,新增城镇就业3万人,居民消费价格涨幅3%左右。\n"
DISTRICT_2022 = ("城阳区政府工作报告\n过去一年,地区生产总值增长8.6%,新增城镇就业3.1万人,居民消费价格上涨3.8%。\n"
                 "2022年主要预期目标是:地区生产总值增长6.5%左右。\n")


@pytest.fixture
def district_reports(tmp_path):
    paths = []
    for name, text in (("2021.txt", DISTRICT_2021), ("2022.txt", DISTRICT_2022)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def test_track_one_district_over_two_years(district_reports):
    result = invoke("track", *district_reports)
    assert (result.exit_code, result.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == TRACK_FIELDS
    shown = [(r["key"], r["year"], r["target_value"], r["target_bound"], r["achieved_value"], r["gap"], r["met"])
             for r in rows]
    assert shown == [
        ("gdp_growth", "2021", "8", ">=", "8.6", "0.6", "True"),
        ("gdp_growth", "2022", "6.5", "~", "", "", ""),
        ("urban_jobs_new", "2021", "30000", "=", "31000", "1000", "True"),
        ("cpi", "2021", "3", "~", "3.8", "0.8", "False"),
    ]
    assert rows[0]["target_file"] == str(district_reports[0]) and rows[0]["achieved_file"] == str(district_reports[1])


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv"])
def test_track_formats_carry_the_same_rows(district_reports, fmt):
    stdout = invoke("track", "--complete", "-f", fmt, *district_reports).stdout
    if fmt == "json":
        rows = json.loads(stdout)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in stdout.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(stdout), dialect="excel-tab"))
    assert [r["key"] for r in rows] == ["gdp_growth", "urban_jobs_new", "cpi"]
    if fmt != "tsv":
        assert list(rows[0]) == list(TRACK_FIELDS)
        assert (rows[2]["met"], rows[2]["gap"]) == (False, 0.8)


def test_track_keys_headers_bom_and_xlsx(district_reports, tmp_path):
    result = invoke("track", "-k", "cpi", "--no-headers", "--bom", *district_reports)
    assert result.stdout.startswith("\ufeff城阳区,")
    assert len(result.stdout.splitlines()) == 1
    out = tmp_path / "track.xlsx"
    assert invoke("track", "-o", out, *district_reports).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "track"
    assert [c.value for c in sheet[1]] == list(TRACK_FIELDS)
    assert (sheet["E2"].value, sheet["O2"].value) == (2021, True)


def test_track_sqlite_replaces_a_regions_rows_run_by_run(district_reports, tmp_path):
    import sqlite3

    out = tmp_path / "track.db"
    assert invoke("track", "-o", out, *district_reports).exit_code == 0
    result = invoke("track", "-f", "sqlite", "-o", out, "-k", "cpi", *district_reports)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    db = sqlite3.connect(out)
    columns = [(c[1], c[2]) for c in db.execute("PRAGMA table_info(track)")]
    assert columns == sql_columns()
    # The second run's rows of 城阳区 replaced the first's: cpi alone.
    assert db.execute("SELECT region, key, year, target_value, achieved_value, met, target_file FROM track").fetchall() == [
        ("城阳区", "cpi", 2021, 3.0, 3.8, 0, os.path.abspath(district_reports[0]))]


def test_track_refuses_to_write_over_an_input(district_reports):
    result = invoke("track", "-o", district_reports[0], *district_reports)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"qdtargets: {district_reports[0]} is one of the inputs: write the output to another file\n"
    assert district_reports[0].read_text(encoding="utf-8") == DISTRICT_2021


def test_track_table_shows_quantities_and_met(district_reports):
    result = invoke("track", "-f", "table", *district_reports)
    assert result.exit_code == 0
    assert "≥8%" in result.stdout and "~3%" in result.stdout and "✓" in result.stdout and "✗" in result.stdout
    assert "targets and outcomes of 城阳区" in result.stdout


def test_track_refuses_an_unknown_key(district_reports):
    result = invoke("track", "-k", "gdp", "-k", "gpd_growth", *district_reports)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("qdtargets: unknown key gpd_growth (known: ")


def test_track_names_a_file_it_cannot_read(district_reports):
    result = invoke("track", "no-such-report.txt", *district_reports)
    assert result.exit_code == 1
    assert "gdp_growth" in result.stdout
    assert result.stderr.splitlines() == ["qdtargets: no-such-report.txt: no such file",
                                          "qdtargets: 1 file(s) could not be read; the others were tracked"]


def test_track_reads_standard_input():
    result = invoke("track", "-f", "jsonl", "-", input=DISTRICT_2022)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["year"], r["target_value"], r["achieved_value"]) for r in rows][:2] == [(2021, None, 8.6), (2022, 6.5, None)]


FIVE_YEARS = ("城阳区政府工作报告\n过去五年，城阳区经济持续发展。新增城镇就业15万人。\n"
              "2022年，新增城镇就业3.1万人。\n2023年主要预期目标是：新增城镇就业3.2万人。\n")


def test_track_reads_the_paragraph_of_a_file_and_of_standard_input(tmp_path):
    report = tmp_path / "2023.txt"
    report.write_text(FIVE_YEARS, encoding="utf-8")
    # 过去五年 opens the paragraph, a sentence before the 15万人: five years' jobs, not 2022's.
    for args, given in (([report], None), (["-"], FIVE_YEARS)):
        found = [json.loads(line) for line in invoke("track", "-f", "jsonl", *args, input=given).stdout.splitlines()]
        assert [(r["year"], r["achieved_value"], r["achieved_line"]) for r in found][0] == (2022, 31_000, 3)


@pytest.mark.parametrize("name,message", [
    ("gdp.jpg", "qdtargets: --plot {path}: name a .png, .svg or .pdf file\n"),
])
def test_plot_needs_a_picture_format(tmp_path, district_reports, name, message):
    path = tmp_path / name
    result = invoke("track", "--plot", path, *district_reports)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(path=path))


def test_plot_without_matplotlib_says_how_to_get_it(tmp_path, district_reports, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)     # what import sees when it is not installed
    result = invoke("track", "--plot", tmp_path / "gdp.png", *district_reports)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == 'qdtargets: --plot needs matplotlib: pip install "qdtargets[plot]"\n'


def test_track_help_teaches_with_an_example():
    result = invoke("track", "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "qdtargets track " in result.stdout and "--plot" in result.stdout


def test_track_on_the_seeds_pairs_nothing_they_do_not_hold():
    # Each seed district has one report; only 城阳区 has two (2021 targets, one 2022 result).
    result = invoke("track", "--complete", "-f", "json", *SEEDS)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


# ---- the picture ------------------------------------------------------------------

def test_plot_draws_a_png(tmp_path, district_reports):
    pytest.importorskip("matplotlib")
    path = tmp_path / "gdp.png"
    result = invoke("track", "-k", "gdp_growth", "-k", "cpi", "--plot", path, *district_reports)
    assert result.exit_code == 0
    assert path.read_bytes().startswith(b"\x89PNG")
    assert result.stderr.startswith(f"qdtargets: drew {path} (")


def test_plot_with_nothing_to_draw(tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "none.svg"
    result = invoke("track", "--plot", path, "-", input="城阳区政府工作报告\n2023年,建设公共停车场5处。\n")
    assert result.exit_code == 1
    assert not path.exists()
    assert result.stderr == "qdtargets: no picture: no row has a key (gdp_growth, cpi …); choose some with --key\n"


@pytest.mark.parametrize("years,shown", [
    ([2004, 2005, 2006, 2008], "2004–2006, 2008"),
    ([2021, 2019, 2020, 2020], "2019–2021"),
    ([2002], "2002"),
])
def test_year_spans(years, shown):
    plot = pytest.importorskip("qdtargets.plot")
    assert plot.year_spans(years) == shown


def test_cjk_font_prefers_the_usual_ones_and_never_a_placeholder_font(monkeypatch):
    plot = pytest.importorskip("qdtargets.plot")
    from types import SimpleNamespace

    installed = {f.name: f.fname for f in plot.font_manager.fontManager.ttflist}
    dejavu = SimpleNamespace(name="DejaVu Sans", fname=installed["DejaVu Sans"])
    for fonts, found in [
        ([dejavu, SimpleNamespace(name="WenQuanYi Micro Hei", fname="wqy-microhei.ttc")], "WenQuanYi Micro Hei"),
        # Last Resort has a glyph for every character, a box; DejaVu has no Chinese.
        ([dejavu] + [SimpleNamespace(name=n, fname=p) for n, p in installed.items() if n.startswith("Last Resort")],
         None),
    ]:
        monkeypatch.setattr(plot.font_manager.fontManager, "ttflist", fonts)
        assert plot.cjk_font() == found


def test_region_names_without_a_cjk_font():
    plot = pytest.importorskip("qdtargets.plot")
    assert plot._region_name("全国", [{"region_code": None}], None) == "China"
    assert plot._region_name("城阳区", [{"region_code": "370214"}], None) == "region 370214"
    assert plot._region_name("城阳区", [{"region_code": "370214"}], "Noto Sans CJK SC") == "城阳区"
    unnamed = [{"region_code": None, "target_file": None, "achieved_file": "reports/2022.txt"}]
    assert plot._region_name("城阳区", unnamed, None) == "region of 2022.txt"


def test_plot_draws_at_most_max_panels(tmp_path, monkeypatch):
    plot = pytest.importorskip("qdtargets.plot")
    monkeypatch.setattr(plot, "MAX_PANELS", 2)
    rows = track([row(key=k, file=f"{k}.txt") for k in ("gdp_growth", "cpi", "deficit_ratio")])
    assert plot.draw(rows, tmp_path / "three.svg", {})[1:] == (2, 3)
    assert (tmp_path / "three.svg").read_text(encoding="utf-8").startswith("<?xml")


# ---- end to end: the State Council reports -------------------------------------------------

@pytest.mark.skipif(not CORPUS.is_dir(), reason="the State Council corpus is not next to this repository")
def test_state_council_targets_against_outcomes():
    files = [CORPUS / f"{year}.txt" for year in (2015, 2016, 2022, 2023, 2024, 2025)]
    result = invoke("track", "-f", "json", "-k", "gdp_growth", "-k", "cpi", "-k", "urban_jobs_new", *files)
    assert result.exit_code == 0
    found = {(r["key"], r["year"]): (r["target_value"], r["target_bound"], r["achieved_value"], r["met"])
             for r in json.loads(result.stdout)}
    # 7%左右 → 6.9%, and not the 2016 report's review of five years (年均增长7.8%).
    assert found[("gdp_growth", 2015)] == (7, "~", 6.9, True)
    assert found[("gdp_growth", 2022)] == (5.5, "~", 3, False)         # 5.5%左右 → 3%
    assert found[("gdp_growth", 2023)] == (5, "~", 5.2, True)
    assert found[("gdp_growth", 2024)] == (5, "~", 5, True)
    assert found[("cpi", 2023)] == (3, "~", 0.2, True)
    assert found[("urban_jobs_new", 2022)] == (11_000_000, ">=", 12_060_000, True)
    assert found[("urban_jobs_new", 2023)] == (12_000_000, "~", 12_440_000, True)
    assert found[("gdp_growth", 2025)][2:] == (None, None)             # no 2026 report yet
