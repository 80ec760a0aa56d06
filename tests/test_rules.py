"""Every drop rule in qdtargets/data/drops.tsv, on real report sentences:
one case it drops (with its reason) and one near miss it keeps.

Each case names the report it quotes: seeds/NNN and dev/dev_NN are the fixture
reports, corpus/YYYY the State Council report of that year (../shared/corpus),
TARGETS.md the annotation guide's own examples (for kinds no report here holds,
such as the identifiers of a web page). The sentence is quoted exactly, and a
test checks that it is there.
"""
from pathlib import Path

import pytest

from qdtargets import explain_text, extract_text
from qdtargets.lexicon import drop_rules

from .conftest import FIXTURES

CORPUS = FIXTURES.parent.parent / "shared" / "corpus"

# (rule, source, sentence, mention, reason): the mention's first occurrence is dropped.
DROPS = [
    ("document-number", "TARGETS.md", "document numbers 青政发〔2023〕5号", "5号", "name"),
    ("phone-number", "TARGETS.md", "phone numbers (0532-87212345)", "0532", "name"),
    ("labelled-code", "TARGETS.md", "网站标识码 3702810001", "3702810001", "name"),
    ("iso-date", "seeds/001", "2021-02-04 15:53 作者:任俊峰 来源:青岛新闻网", "02", "date"),
    ("clock-time", "dev/dev_02", "2021-08-16 17:31浏览次数:", "31", "date"),
    ("year-label", "seeds/000", "2023年,城阳区要全力以赴做到“五个攻坚突破”。", "2023年", "date"),
    ("event-date", "dev/dev_12", "妥善处置了口蹄疫、 1•11古城火灾等突发事件", "1", "date"),
    ("event-day", "dev/dev_12", "妥善处置了口蹄疫、 1•11古城火灾等突发事件", "11", "date"),
    ("bare-year", "corpus/1980", "现在向大会提出关于1980、1981年国民经济计划安排的报告", "1980", "date"),
    ("plan-title", "dev/dev_12", "州国民经济和社会发展第十三个五年规划纲要(草案)》", "五", "name"),
    ("month-range", "corpus/1956", "在交通运输业方面，今年１——５月份铁道货运量计划完成１０５％", "１", "date"),
    ("program-duration", "seeds/000", "开展优质医疗资源倍增三年行动,加快建设", "三", "duration"),
    ("streak", "dev/dev_04", "牧区常住居民人均可支配收入连续33年位居全区牧业旗县首位", "33年", "duration"),
    ("ahead-by", "corpus/2014", "确保“十二五”淘汰任务提前一年完成", "一年", "duration"),
    ("span-of-change", "dev/dev_01", "财政收入达到1350亿元,3年增长58.6%。", "3年", "duration"),
    ("span-of-years", "dev/dev_02", "一、过去五年发展成就和2021年上半年工作回顾", "五年", "duration"),
    ("years-since", "dev/dev_06", "五年来,区级增加值从619.98亿元增长到880亿元(预计)", "五年", "duration"),
    ("calendar-unit", "seeds/000", "1月5日上午,青岛市城阳区第七届人民代表大会第二次会议在城阳大剧院隆重开幕。", "5日", "date"),
    ("calendar-word", "corpus/2025", "我们隆重庆祝中华人民共和国成立75周年", "75", "date"),
    ("titled-year", "corpus/2016", "启动实施《中国制造2025》，设立国家新兴产业创业投资引导基金", "2025", "name"),
    ("numbered-name", "dev/dev_10", "2023年加快第一人民医院园区分院、第二人民医院感染病区等7个项目建设", "一", "name"),
    ("numbered", "dev/dev_01", "规上工业增加值增幅居全国第7位", "7位", "ordinal"),
    ("plenary-session", "dev/dev_08", "深入学习贯彻党的二十大和二十届二中、三中全会精神", "三", "ordinal"),
    ("party-congress", "seeds/004", "深入学习贯彻党的二十大精神", "二十", "ordinal"),
    ("top-rank", "corpus/1981", "根据前十一个月的实绩", "十一个月", "ordinal"),
    ("five-year-plan", "seeds/000", "是实施“十四五”规划承上启下的关键一年。", "十四五", "ordinal"),
    ("early-plan", "corpus/1995", "安排好“八五”计划与“九五”计划项目的衔接", "九五", "ordinal"),
    ("list-marker", "seeds/000", "《报告》共分三个部分,一是2022年工作回顾,二是2023年主要目标和重点工作", "一", "ordinal"),
    ("item-number", "dev/dev_07", "1。 新改扩建20所公办幼儿园;", "1", "ordinal"),
    ("parenthesised", "seeds/004", "(六)聚焦主责主业、激发内生动力,在加快功能区高能级建设上实现全新跃升。", "六", "ordinal"),
    ("edition", "dev/dev_04", "和十九届二中、三中、四中、五中、六中全会精神", "十九", "ordinal"),
    ("page-of", "seeds/003", "区2023年政府工作报告汇编(5篇)(第15/28页)", "28", "structure"),
    ("page-count", "seeds/003", "区2023年政府工作报告汇编(5篇)(第15/28页)", "5", "structure"),
    ("word-frequency", "dev/dev_01", "2026年吉林省政府工作报告中,“发展”出现67次,“建设”出现57次", "57次", "structure"),
    ("delegates", "dev/dev_05", "539位人大代表听取南通市委副书记、市长丁大卫作政府报告", "539位", "structure"),
    ("speech-length", "TARGETS.md", "近两个小时的报告", "两个", "structure"),
    ("page-views", "TARGETS.md", "浏览次数 4521", "4521", "structure"),
    ("speech-parts", "seeds/002", "主要做了七个方面的工作。", "七个", "structure"),
    ("line-number", "dev/dev_15", "地铁2号线崂山段正式通车", "2", "name"),
    ("project-phase", "seeds/004", "推进海洋科技园二期等重点项目61个", "二", "name"),
    ("letter-after", "seeds/001", "建成5G基站800个以上,加快推进数据中心", "5", "name"),
    ("letter-before", "dev/dev_10", "启动G220界岭至官桥段、武穴大道西段升级改造", "220", "name"),
    ("place-name", "dev/dev_15", "打通深圳路、劲松八路等5条未贯通道路", "八", "name"),
    ("place-name-word", "seeds/004", "新建养老服务驿站15处,建成老年大学三沙路校区。", "三", "name"),
    ("known-name", "corpus/2014", "推进长三角地区经济一体化", "三", "name"),
    ("named-items", "seeds/002", "高标准、高效率、高质量推动三大低效片区加快建设", "三", "enumeration"),
    ("levels", "corpus/2000", "形成中央和省两级政府办学、以地方政府管理为主", "两", "enumeration"),
    ("scale-class", "seeds/004", "引进亿元以上项目39个,推进海洋科技园二期等重点项目61个", "亿元", "class"),
    ("star-rating", "seeds/003", "创建30个生活垃圾分类五星小区。", "五", "class"),
    ("age-group", "dev/dev_14", "免费为60岁以上老年人接种肺炎疫苗", "60岁", "class"),
    ("per-unit", "corpus/2013", "城镇居民每百户拥有家用汽车21.5辆", "百户", "class"),
    ("scale-alone", "seeds/001", "全年引进过亿元项目160个以上", "亿元", "class"),
    ("counted-phrase", "corpus/2022", "坚持和完善社会主义基本经济制度，坚持“两个毫不动摇”。", "两个", "slogan"),
    ("counted-slogan", "seeds/000", "以三个“由市民说了算”落实人民至上", "三个", "slogan"),
    ("after-quote", "seeds/000", "新基建、新能源、新生活”七个新要求,按照", "七个", "slogan"),
    ("plus-formula", "seeds/000", "着力构建“1+2+3+N”发展格局", "2", "slogan"),
    ("service-circle", "seeds/004", "建设54处医保工作站,打造15分钟医保服务圈。", "15分钟", "slogan"),
    ("known-slogan", "corpus/2017", "全面推行“双随机、一公开”", "一", "slogan"),
    ("quoted-phrase", "seeds/000", "以“三生融合”打造公园城市北方样板", "三", "slogan"),
    ("fixed-word", "seeds/003", "坚持教育、科技和人才三位一体,整体谋划", "三", "idiom"),
    ("indefinite-one", "corpus/2012", "交出一份人民满意的答卷。", "一份", "idiom"),
    ("zero-word", "corpus/2022", "加强原材料、关键零部件等供给保障", "零", "idiom"),
    ("bare-chinese-numeral", "dev/dev_01", "一产增加值增幅高于全国0.7个百分点", "一", "idiom"),
]

# (rule, source, sentence, quantity): a near miss of the rule that is a target all the same.
KEEPS = [
    ("document-number", "seeds/002", "2023年建成启用重庆中路学校等4所学校、两所幼儿园", "4所"),
    ("phone-number", "dev/dev_15", "全区接待游客1680万人次;旅游总收入达到120亿元,增长15%。", "1680万人次"),
    ("labelled-code", "corpus/2022", "制定修订行政法规15部。认真办理人大代表建议和政协委员提案。", "15部"),
    ("iso-date", "seeds/001", "投资2.4亿元实施环卫设施一体化项目,建成1200吨生活垃圾转运站", "2.4亿元"),
    ("clock-time", "dev/dev_13", "三次产业的比重为7.5:54.1:38.4。", "38.4"),
    ("year-label", "seeds/002", "2023年建成启用重庆中路学校等4所学校、两所幼儿园", "两所"),
    ("event-date", "dev/dev_07", "市级重点扶持8个历史文化名镇名村传统村落保护提升", "8个"),
    ("event-day", "corpus/2013", "城镇居民每百户拥有家用汽车21.5辆", "21.5辆"),
    ("bare-year", "seeds/001", "建成1200吨生活垃圾转运站", "1200吨"),
    ("plan-title", "corpus/2003", "五年全国共完成技术改造投资2.66万亿元", "2.66万亿元"),
    ("month-range", "corpus/1956", "在交通运输业方面，今年１——５月份铁道货运量计划完成１０５％", "１０５％"),
    ("program-duration", "corpus/2003", "五年全国共完成技术改造投资2.66万亿元", "2.66万亿元"),
    ("streak", "dev/dev_04", "城乡常住居民人均可支配收入分别达到44846元和37342元,年均增长4.9%和7.2%", "4.9%"),
    ("ahead-by", "corpus/2023", "企业开办时间从一个月以上压缩到目前的平均4个工作日以内", "4个工作日"),
    ("span-of-change", "dev/dev_01", "财政收入达到1350亿元,3年增长58.6%。", "58.6%"),
    ("span-of-years", "corpus/2003", "五年全国共完成技术改造投资2.66万亿元，比前五年增长67%。", "67%"),
    ("years-since", "dev/dev_06", "五年来,区级增加值从619.98亿元增长到880亿元(预计)", "880亿元"),
    ("calendar-unit", "corpus/2018", "人口平均受教育年限提高到10.5年。", "10.5年"),
    ("calendar-word", "corpus/1988", "在本世纪末把我国人口控制在１２亿左右", "１２亿"),
    ("titled-year", "seeds/001", "建成1200吨生活垃圾转运站", "1200吨"),
    ("numbered-name", "dev/dev_10", "花桥第二小学、梅川实验中学等10所学校新建", "10所"),
    ("numbered", "seeds/002", "第七次全国人口普查显示，李沧区是青岛市新增人口重要承载区，常住人口增加22.5万人", "22.5万人"),
    ("plenary-session", "dev/dev_07", "改善全市60所中小学校教室视觉环境", "60所"),
    ("party-congress", "corpus/1987", "十亿人民有党的马克思主义正确路线指引下", "十亿人"),
    ("top-rank", "corpus/1993", "相当于前九年总和的１．６倍", "１．６倍"),
    ("five-year-plan", "dev/dev_12", "是“十一五”的2.5倍", "2.5倍"),
    ("early-plan", "dev/dev_12", "是“十一五”的2.5倍", "2.5倍"),
    ("list-marker", "corpus/2017", "二是取消或停征中央涉企行政事业性收费35项", "35项"),
    ("item-number", "dev/dev_07", "1。 新改扩建20所公办幼儿园;", "20所"),
    ("parenthesised", "dev/dev_07", "建设36个新时代文明实践所(站)", "36个"),
    ("edition", "seeds/001", "实施群众文化活动4000场以上", "4000场"),
    ("page-of", "seeds/004", "建成智慧社区205个,拓展智慧交通", "205个"),
    ("page-count", "seeds/004", "备案拍摄作品100部", "100部"),
    ("word-frequency", "seeds/001", "举办项目资源发布、推介、路演等活动10次以上", "10次"),
    ("delegates", "dev/dev_16", "两院院士等省级以上高层次人才307人", "307人"),
    ("speech-length", "corpus/2017", "对所有重点工业污染源实行24小时在线监控", "24小时"),
    ("page-views", "dev/dev_15", "全区接待游客1680万人次", "1680万人次"),
    ("speech-parts", "seeds/001", "实施24项举措,真刀真枪整治", "24项"),
    ("line-number", "seeds/001", "新开工文阳路改建等5个项目", "5个"),
    ("project-phase", "seeds/003", "征迁腾地6000亩以上", "6000亩"),
    ("letter-after", "seeds/001", "建成5G基站800个以上", "800个"),
    ("letter-before", "seeds/003", "推进G228丹东线等15个重点道路工程", "15个"),
    ("place-name", "dev/dev_15", "打通深圳路、劲松八路等5条未贯通道路", "5条"),
    ("place-name-word", "seeds/000", "建设青州路等8条道路", "8条"),
    ("known-name", "dev/dev_16", "两院院士等省级以上高层次人才307人", "307人"),
    ("named-items", "seeds/003", "新建15个智能工厂", "15个"),
    ("levels", "seeds/003", "新增国家A级物流企业2家", "2家"),
    ("scale-class", "seeds/001", "总投资200亿元以上,助力打造5000亿级产业集群。", "200亿元"),
    ("star-rating", "seeds/003", "创建30个生活垃圾分类五星小区。", "30个"),
    ("age-group", "corpus/2013", "人均预期寿命达到75岁。", "75岁"),
    ("per-unit", "corpus/2013", "城镇居民每百户拥有家用汽车21.5辆", "21.5辆"),
    ("scale-alone", "dev/dev_08", "GDP增长6.0%,首次突破百亿元大关,达到100.6亿元", "百亿元"),
    ("counted-phrase", "seeds/004", "综合实力在全国再进两个位次。", "两个位次"),
    ("counted-slogan", "seeds/003", "竣工50个\"两化\"融合项目", "50个"),
    ("after-quote", "seeds/003", "修建\"四好农村路\"54公里", "54公里"),
    ("plus-formula", "corpus/2019", "城镇新增就业1100万人以上", "1100万人"),
    ("service-circle", "corpus/2023", "工程建设项目全流程审批时间压缩到不超过120个工作日", "120个工作日"),
    ("known-slogan", "seeds/001", "新增“瞪羚”企业3家、“隐形冠军”5家", "5家"),
    ("quoted-phrase", "seeds/001", "新增“瞪羚”企业3家", "3家"),
    ("fixed-word", "seeds/001", "投资2.4亿元实施环卫设施一体化项目", "2.4亿元"),
    ("indefinite-one", "seeds/004", "综合实力在全国再进两个位次。", "两个位次"),
    ("zero-word", "corpus/2025", "家电类商品零售额增长12.3%", "12.3%"),
    ("bare-chinese-numeral", "seeds/002", "2023年建成启用重庆中路学校等4所学校、两所幼儿园", "两所"),
]

_SOURCES = {"TARGETS.md": FIXTURES / "TARGETS.md"}


def _source_text(source):
    """The text a case quotes, or None where the corpus is not checked out."""
    kind, _, name = source.partition("/")
    if source in _SOURCES:
        path = _SOURCES[source]
    elif kind == "seeds":
        path = next((FIXTURES / "seeds").glob(f"{name}_*.txt"))
    elif kind == "dev":
        path = FIXTURES / "dev" / "docs" / f"{name}.txt"
    else:
        assert kind == "corpus", source
        path = CORPUS / f"{name}.txt"
        if not path.exists():
            return None
    return path.read_text(encoding="utf-8")


def _decision_at(sentence, mention):
    start = sentence.index(mention)
    return next(d for d in explain_text(sentence) if d.start <= start < d.end)


@pytest.mark.parametrize("rule,source,sentence,mention,reason", DROPS, ids=[d[0] for d in DROPS])
def test_rule_drops(rule, source, sentence, mention, reason):
    decision = _decision_at(sentence, mention)
    assert (decision.decision, decision.reason, decision.rule) == ("drop", reason, rule)


@pytest.mark.parametrize("rule,source,sentence,quantity", KEEPS, ids=[k[0] for k in KEEPS])
def test_rule_keeps_near_miss(rule, source, sentence, quantity):
    assert quantity in [t.text for t in extract_text(sentence)]


def test_every_rule_has_a_drop_and_a_keep_case():
    rules = {r.name for r in drop_rules()}
    assert rules == {d[0] for d in DROPS}
    assert rules == {k[0] for k in KEEPS}


@pytest.mark.parametrize("source,sentence", sorted({(c[1], c[2]) for c in DROPS + KEEPS}))
def test_case_quotes_its_report(source, sentence):
    text = _source_text(source)
    if text is None:
        pytest.skip(f"{CORPUS} is not there")
    assert sentence in text


def test_cases_come_from_many_reports():
    """Rules are tuned to the definition, not to one report: the cases quote
    the seeds, the dev reports and the State Council reports alike."""
    sources = [c[1] for c in DROPS + KEEPS]
    assert {s.partition("/")[0] for s in sources} >= {"seeds", "dev", "corpus"}
    assert len(set(sources)) >= 20
