"""Whose report it is (the describe stage's region step) and the gazetteer it reads.

Openings and sentences are from the dev reports, the seeds and the State
Council corpus; each rule has a case it resolves and one it must leave alone.
"""
import json
import re

import pytest

from qdtargets import extract_text, region, segment
from qdtargets.lexicon import LexiconError
from qdtargets.region import Gazetteer, canonical, code_of, gazetteer

from .conftest import DEV_DOCS, DEV_GOLD, FIXTURES, GOLD, SEEDS


def region_of(text, year=None):
    regions = region.report_regions(text, segment.reports(text), year)
    assert len(set(regions)) == 1, regions
    return regions[0]


# (rule, text, year, expected region)
CASES = [
    # congress: the name before 第X届人民代表大会, read right to left
    ("congress, with its city", "——2021年2月6日在青岛市即墨区第十八届人民代表大会第五次会议上", 2021, "即墨区"),
    ("congress, with its province", "20日,江苏省南通市第十三届人民代表大会第四次会议拉开帷幕。", 2011, "南通市"),
    ("congress, after a dateline and the newspaper's city",
     "新华网长春1月27日电(记者张建、孙鹏程)27日,吉林省第十四届人民代表大会第五次会议在长春开幕。", 2026, "吉林省"),
    ("congress, a banner", "——在东乌珠穆沁旗第十六届人民代表大会第一会议上", 2022, "东乌珠穆沁旗"),
    ("congress, cut by a line break", "——2025年2月28日在靖安县第十七届\n人民代表大会第五次会议上", 2025, "靖安县"),
    ("congress, the text before the name is no part of it",
     "1月5日上午浙江省第十四届人民代表大会第二次会议开幕。", 2024, "浙江省"),
    ("congress, abbreviated", "市长查俊在武穴市九届人大二次会议上作政府工作报告。", 2022, "武穴市"),
    ("congress, abbreviated with its ordinals", "1月8日,泸西县第十八届人大第四次会议开幕。", 2024, "泸西县"),
    ("congress giving the level, tied to the head of government named before it",
     "浙江省省长王浩在省十四届人大二次会议上作政府工作报告。全省生产总值增长5.5%左右。", 2024, "浙江省"),
    ("congress, the nation (traditional characters)",
     "我們第一届全國人民代表大會第一次會議,在聽了劉少奇同志關於憲法草案的報告", 1954, "全国"),
    ("congress of a place the gazetteer does not hold", "1月6日,某某经济开发区第一届人民代表大会开幕。", 2024, None),
    ("congress giving only its level, no place named", "2月22日上午,在市第十六届人民代表大会第三次会议上。", 2019, None),
    # speaker
    ("the State Council presents its report",
     "各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议。", 2024, "全国"),
    ("a speaker giving only the level", "现在,我代表市人民政府向大会作工作报告,请予审议。", 2005, None),
    # title, headline, byline among the first lines
    ("title", "浙江省2024年政府工作报告\n各位代表:", 2024, "浙江省"),
    ("title with a short form", "浙江2024年政府工作报告\n全省新增就业50万人。", 2024, "浙江省"),
    ("headline of the 两会", "聚焦崂山两会:加速推动五大产业链式集群发展\n\n来源:青岛新闻网", 2018, "崂山区"),
    ("byline of the head of government",
     "政府工作报告\n\n东乌旗人民政府代旗长 周玉龙\n\n各位代表:", 2022, "东乌珠穆沁旗"),
    ("title of a compilation, then the only district it names, twice",
     "区2023年政府工作报告汇编(5篇)(第15/28页)\n实体经济是西海岸强区之本。让广大企业与西海岸同奋进。", 2023,
     "西海岸新区"),
    ("a line that is only the government", "政府工作报告\n\n靖安县人民政府\n\n各位代表:", 2025, "靖安县"),
    ("a headline that opens with its place and a colon",
     "四川:2024年主要预期目标\n地区生产总值增长6%左右,城镇新增就业85万人以上。", 2024, "四川省"),
    ("a headline that opens with its place in brackets", "【四川】2024年政府工作报告:地区生产总值增长6%左右。", 2024,
     "四川省"),
    ("an opening that is no place, then a colon", "各位代表:\n全市新增就业1万人。全市城镇登记失业率3%。", 2024, None),
    ("the head of a prefecture's administration", "阿里地区行政公署专员 某某\n各位代表:", 2024, "阿里地区"),
    ("a government named in a sentence is no byline",
     "在靖安县人民政府的支持下,全市新增就业1万人。全市城镇登记失业率3%。", 2025, None),
    ("a page header naming districts and cities is no title", "区市两会传递强音\n\n城阳\n\n升级改造低效片区", 2023, None),
    ("a report named in a sentence is no title",
     "各位代表:\n一年来,我们认真落实山东省政府工作报告部署,全市新增就业12万人。", 2024, None),
    ("a report named far into the text is no title",
     "各位代表:\n" + "推进各项工作。\n" * 12 + "认真落实浙江省政府工作报告部署。", 2024, None),
    # the report's own 全市 / 全区, tied to the government named before it
    ("self-naming tied to the place acting at the start",
     "民生无小事,枝叶总关情。今年,泉州市继续开展为民办实事工作。改善全市60所中小学校教室视觉环境;"
     "补助全市158家“空白村”卫生所。", 2021, "泉州市"),
    ("self-naming tied to the title's government",
     "2019年兰州市委市政府为民兴办10件实事\n2月22日上午,在市第十六届人民代表大会第三次会议上,明确了10件实事。",
     2019, "兰州市"),
    ("a place named after the report calls itself 全市 is a part of it",
     "全市新增就业12万人,其中平度市新增2万人。全市城镇登记失业率控制在3%以内。", 2024, None),
    ("a place merely mentioned, not acting, is not the government",
     "持续打好攻势,勇当青岛打造“世界工业互联网之都”急先锋。开展全市时间银行试点。全市新增就业1万人。", 2021, None),
    ("a government that publishes is no public account",
     "今年,泉州市发布39个为民办实事项目。改善全市60所中小学校教室视觉环境;补助全市158家卫生所。", 2021, "泉州市"),
    ("the city of an agency is not the government",
     "数据来自重庆市统计局。全市新增就业12万人。全市城镇登记失业率5%。", 2024, None),
    ("the newspaper's city is not the government",
     "青岛新闻网2月4日讯(记者 任俊峰)全区上下齐心协力。全区新增就业1万人。", 2021, None),
    ("健全市场 is no self-naming", "健全市场主体服务体系。推动青岛港建设。", 2023, None),
    ("once is enough for the place acting before it", "浙江:2024年全省生产总值增长5.5%左右", 2024, "浙江省"),
    ("once is not enough to take the only place named later",
     "开展全市时间银行试点。建设北大青岛培文学校、中国足球学院青岛分院。", 2021, None),
    ("the country's own report calls itself 我国",
     "刚刚过去的1984年,是我国各族人民取得伟大成就的一年。我国经济稳定增长。", 1985, "全国"),
    ("a province's report says 我国 too",
     "我国经济稳定增长。我国经济韧性强。全省生产总值增长5%。全省新增就业50万人。", 2024, None),
    # the place that opens the report's first sentences
    ("a place acting in the opening sentence", "2023年,李沧区将建成启用重庆中路学校等4所学校。", 2023, "李沧区"),
    ("a place in an enumeration is no subject", "推进平度市、莱西市一体化发展,新增就业5万人。", 2024, None),
    # a torn page: the only place of its level, named twice
    ("a torn page names one district twice and calls itself 新区",
     "(上接第三版)擦亮“诚信西海岸”品牌。建设美丽新区。推进健康西海岸建设。加快建设现代化新区。", 2023, "西海岸新区"),
    ("once is a mention", "(上接第三版)建设美丽新区。加快建设现代化新区。推进健康西海岸建设。", 2023, None),
    # shared names
    ("a shared name with its city", "济南市市中区第十八届人民代表大会第三次会议开幕。", 2024, "济南市市中区"),
    ("a shared name with its city, in another province", "西宁市城中区第十七届人民代表大会第四次会议。", 2024, "西宁市城中区"),
    ("a shared name settled by the city the report names",
     "在普陀区第十六届人民代表大会第一次会议上。在上海市委、市政府和区委的坚强领导下。", 2017, "上海市普陀区"),
    ("a shared name the text does not settle", "市中区第十八届人民代表大会第三次会议开幕。", 2024, None),
    # new areas, named as the text names them
    ("a new area with its city", "青岛西海岸新区2023年政府工作报告", 2023, "西海岸新区"),
    ("the district it coincides with", "黄岛区第三届人民代表大会第二次会议开幕。", 2023, "黄岛区"),
    ("a new area with no code of its own", "重庆两江新区2024年政府工作报告", 2024, "两江新区"),
    ("a new area's administration reports", "两江新区管委会2024年工作报告\n各位代表:", 2024, "两江新区"),
    ("another body's report names no government", "青岛市中级人民法院工作报告\n各位代表:", 2024, None),
    # the year: the name of that time
    ("a county-level city before it became a district", "2010年即墨市政府工作报告\n各位代表:", 2010, "即墨市"),
    ("a district merged away in 2010", "崇文区第十四届人民代表大会第三次会议。", 2009, "崇文区"),
]


@pytest.mark.parametrize("rule,text,year,expected", CASES, ids=[c[0] for c in CASES])
def test_region(rule, text, year, expected):
    assert region_of(text, year) == expected


@pytest.mark.parametrize("name,year,code", [
    ("即墨市", 2010, "370282"),
    ("即墨区", 2021, "370215"),
    ("即墨区", 2016, "370215"),      # a review of the years before the change keeps the report's name
    ("胶州市", 1990, "379006"),      # 胶州市 under Shandong's own code until 1994
    ("胶州市", 2023, "370281"),
    ("崇文区", 2009, "110103"),
    ("西海岸新区", 2023, "370211"),
    ("上海市普陀区", 2017, "310107"),
    ("舟山市普陀区", 2017, "330903"),
    ("两江新区", 2024, None),
    ("全国", 2024, None),
    ("普陀区", 2017, None),         # two places: no code without the city
    ("日上午浙江省", 2024, None),    # a fragment of text is no region
    (None, 2024, None),
])
def test_code_of_a_region_in_its_year(name, year, code):
    assert code_of(name, year) == code


@pytest.mark.parametrize("given,name", [
    ("370281", "胶州市"), ("胶州", "胶州市"), ("东乌旗", "东乌珠穆沁旗"), ("黔东南州", "黔东南苗族侗族自治州"),
    ("广西", "广西壮族自治区"), ("上海市普陀区", "上海市普陀区"), (" 城阳区 ", "城阳区"), ("全国", "全国"),
])
def test_canonical_name_of_a_given_region(given, name):
    assert canonical(given) == name


@pytest.mark.parametrize("given,message", [
    ("普陀区", "names several places (上海市普陀区, 舟山市普陀区)"),
    ("火星市", "is no region of the gazetteer"),
    ("999999", "is no code of the gazetteer"),
    ("在浙江省", "is no region of the gazetteer"),
])
def test_canonical_refuses_what_the_gazetteer_cannot_name(given, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        canonical(given)


# The codes of the gold regions, from the GB/T 2260 code lists.
GOLD_CODES = {
    "吉林省": "220000", "围场满族蒙古族自治县": "130828", "兰州市": "620100", "东乌珠穆沁旗": "152525",
    "南通市": "320600", "上海市普陀区": "310107", "泉州市": "350500", "靖安县": "360925",
    "广西壮族自治区": "450000", "武穴市": "421182", "保亭黎族苗族自治县": "469029", "迪庆藏族自治州": "533400",
    "青岛市": "370200", "李沧区": "370213", "崂山区": "370212", "即墨区": "370215", "城阳区": "370214",
    "胶州市": "370281", "市北区": "370203", "西海岸新区": "370211",
}


def test_region_code_of_every_gold_row(seed_rows, dev_rows):
    gold = {}
    for path in GOLD + DEV_GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            gold[(g["doc"], g["start"])] = g["region"]
    checked = 0
    for row in seed_rows + dev_rows:
        if (row["file"], row["start"]) in gold:
            assert row["region_code"] == GOLD_CODES[gold[(row["file"], row["start"])]], row
            checked += 1
    assert checked > 400


def test_the_state_council_corpus_is_the_nation():
    for year in (1954, 1985, 2024):
        text = (FIXTURES.parent.parent / "shared" / "corpus" / f"{year}.txt")
        if not text.exists():
            pytest.skip("the State Council corpus is not beside the repository")
        assert region_of(text.read_text(encoding="utf-8")) == "全国"


def test_every_seed_and_dev_report_has_its_region_only_from_its_own_words():
    """With the text that says whose report it is cut off, a region is either
    still right or none: a mention never stands in."""
    for path in SEEDS + DEV_DOCS:
        text = path.read_text(encoding="utf-8")
        whole = set(region.report_regions(text, segment.reports(text), None))
        for cut in (300, 800, 2000):
            rest = text[cut:]
            assert set(region.report_regions(rest, segment.reports(rest), None)) <= whole | {None}, (path.name, cut)


def test_strip_leading_place():
    assert region.strip_leading_place("青岛市城阳区地区生产总值") == "地区生产总值"
    assert region.strip_leading_place("青岛港货物吞吐量") == "青岛港货物吞吐量"    # a short form may begin a word
    assert region.strip_leading_place("全国粮食产量") == "全国粮食产量"
    assert region.strip_leading_place("城区常住人口") == "城区常住人口"


# ---- the gazetteer ---------------------------------------------------------

HEADER = "# a header\n# Columns: code parent level name first last short cue_short\n"
GOOD = "370000\t\tprovince\t山东省\t1980\t\t山东\t\n370200\t370000\tprefecture\t青岛市\t1980\t\t青岛\t\n"


def test_the_gazetteer_reads_every_row():
    g = gazetteer()
    g.check()
    levels = {}
    for place in g.places:
        levels[place.level] = levels.get(place.level, 0) + 1
    assert levels["province"] == 31 and levels["nation"] == 1
    assert levels["prefecture"] > 500 and levels["county"] > 6000 and levels["area"] >= 15
    current = {p.name for p in g.places if p.last is None}
    assert {"东乌珠穆沁旗", "神农架林区", "六枝特区", "雄安新区", "西海岸新区", "浦东新区"} <= current
    assert "崇文区" not in current


def test_a_small_gazetteer_reads():
    g = Gazetteer.parse(HEADER + GOOD)
    g.check()
    assert [p.name for p in g.lookup("青岛")] == ["青岛市"]
    assert g.coded("370200")[0].parent == "370000"


@pytest.mark.parametrize("row,message", [
    ("370211\t370200\tcounty\t黄岛区\t1980\n", r"gazetteer.tsv:5: expected 8 tab-separated columns"),
    ("370211\t370200\tdistrict\t黄岛区\t1980\t\t\t\n", r"gazetteer.tsv:5: 'district' is not one of"),
    ("37021\t370200\tcounty\t黄岛区\t1980\t\t\t\n", r"gazetteer.tsv:5: '37021' is not a 6-digit code"),
    ("370211\t370200\tcounty\t黄岛\t1980\t\t\t\n", r"gazetteer.tsv:5: '黄岛' does not end in a division's word"),
    ("370211\t370200\tcounty\t黄岛区\t80\t\t\t\n", r"gazetteer.tsv:5: '80' is not a year"),
    ("370211\t370200\tcounty\t黄岛区\t2020\t2010\t\t\n", r"gazetteer.tsv:5: first year 2020 after last year 2010"),
    ("370211\t370300\tcounty\t黄岛区\t1980\t\t\t\n", r"gazetteer.tsv:5: parent 370300 is not in the gazetteer"),
])
def test_a_malformed_gazetteer_row_names_its_line(row, message):
    with pytest.raises(LexiconError, match=message):
        Gazetteer.parse(HEADER + GOOD + row).check()


def test_rows_carry_the_region_and_code_of_the_reports_year():
    rows = extract_text("2010年即墨市政府工作报告\n2010年,新增城镇就业1.2万人。\n")
    assert [(t.region, t.region_code, t.year) for t in rows] == [("即墨市", "370282", 2010)]
    rows = extract_text("2021年即墨区政府工作报告\n2021年,新增城镇就业1.5万人。\n")
    assert [(t.region, t.region_code, t.year) for t in rows] == [("即墨区", "370215", 2021)]


def test_extract_text_takes_a_region_by_name_or_code():
    assert [(t.region, t.region_code) for t in extract_text("新增托位400个。", region="370281")] == [
        ("胶州市", "370281")]
    with pytest.raises(ValueError, match="is no region of the gazetteer"):
        extract_text("新增托位400个。", region="火星市")


def test_the_index_is_cached_and_a_bad_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.cache_clear()
    try:
        built = gazetteer()
        (cached,) = (tmp_path / "qdtargets").iterdir()
        gazetteer.cache_clear()
        read = gazetteer()
        assert read is not built and read.state() == built.state()
        cached.write_bytes(b"not marshal")
        gazetteer.cache_clear()
        assert gazetteer().state() == built.state()
    finally:
        gazetteer.cache_clear()
