"""Every drop rule in qdtargets/data/drops.tsv, on real report sentences:
one case it drops (with its reason) and one near miss it keeps.

Sentences come from the seed reports and the State Council reports unless
marked otherwise.
"""
import pytest

from qdtargets import explain_text, extract_text
from qdtargets.lexicon import drop_rules

# (rule, sentence, mention, reason): the mention's first occurrence is dropped.
DROPS = [
    ("iso-date", "2021-02-04 15:53 作者:任俊峰 来源:青岛新闻网", "02", "date"),
    ("clock-time", "2021-02-04 15:53 作者:任俊峰", "15", "date"),
    ("year-label", "2023年,城阳区全力以赴做到“五个攻坚突破”。", "2023年", "date"),
    ("program-duration", "开展优质医疗资源倍增三年行动,加快建设", "三", "duration"),
    ("calendar-unit", "1月5日上午,青岛市城阳区第七届人民代表大会第二次会议在城阳大剧院隆重开幕。", "5日", "date"),
    ("calendar-word", "隆重庆祝新中国成立75周年", "75", "date"),
    ("numbered", "青岛市城阳区第七届人民代表大会第二次会议", "七", "ordinal"),
    ("party-congress", "深入学习宣传贯彻党的二十大精神", "二十", "ordinal"),
    ("top-rank", "综合实力跻身全国百强区前10位", "10位", "ordinal"),
    ("five-year-plan", "是实施“十四五”规划承上启下的关键一年。", "十四五", "ordinal"),
    ("list-marker", "《报告》共分三个部分,一是2022年工作回顾,二是2023年主要目标和重点工作。", "一", "ordinal"),
    ("parenthesised", "(六)聚焦主责主业、激发内生动力,在加快功能区高能级建设上实现全新跃升。", "六", "ordinal"),
    ("edition", "2022年是城阳区新一届政府履职的开局之年", "一", "ordinal"),
    ("page-of", "区2023年政府工作报告汇编(5篇)(第15/28页)", "28", "structure"),
    ("page-count", "区2023年政府工作报告汇编(5篇)(第15/28页)", "5", "structure"),
    ("speech-parts", "主要做了七个方面的工作。", "七个", "structure"),
    ("line-number", "力争将9号线、15号线纳入地铁三期首批建设", "9", "name"),
    ("project-phase", "推进海洋科技园二期等重点项目61个", "二", "name"),
    ("letter-after", "建成5G基站800个以上,加快推进数据中心建设", "5", "name"),
    ("letter-before", "推进G228丹东线等15个重点道路工程", "228", "name"),
    ("place-name", "打通隐珠二路等6条未贯通道路", "二", "name"),
    ("known-name", "青岛市城阳区“两会”隆重举行", "两", "name"),
    ("named-items", "高标准、高效率、高质量推动三大低效片区加快建设", "三", "enumeration"),
    ("levels", "调整压实区、街道两级城市管理职责边界", "两", "enumeration"),
    ("scale-class", "培育一批核心竞争力强、辐射带动作用大的百亿级、50亿级龙头企业。", "50亿", "class"),
    ("star-rating", "创建30个生活垃圾分类五星小区。", "五", "class"),
    ("per-unit", "每万人口高价值发明专利拥有量达到12件", "万人", "class"),
    ("scale-alone", "全年引进过亿元项目160个以上", "亿元", "class"),
    ("counted-phrase", "坚持两个毫不动摇", "两个", "slogan"),
    ("counted-slogan", "以三个“由市民说了算”落实人民至上", "三个", "slogan"),
    ("after-quote", "新基建、新能源、新生活”七个新要求,按照", "七个", "slogan"),
    ("plus-formula", "着力构建“1+2+3+N”发展格局", "2", "slogan"),
    ("service-circle", "建设54处医保工作站,打造15分钟医保服务圈。", "15分钟", "slogan"),
    ("known-slogan", "实施“三年三千亿”投资计划", "三千亿", "slogan"),
    ("quoted-phrase", "以“三生融合”打造公园城市北方样板", "三", "slogan"),
    ("fixed-word", "坚持教育、科技和人才三位一体,整体谋划", "三", "idiom"),
    ("indefinite-one", "对我们这样一个人口大国来说", "一个", "idiom"),
    ("zero-word", "推动汽车零部件产业集聚", "零", "idiom"),
    ("bare-chinese-numeral", "壮大县域经济,促进一二产融合", "一", "idiom"),
]

# (rule, sentence, quantity): a near miss of the rule that is a target all the same.
KEEPS = [
    ("iso-date", "全年完成投资2.4亿元,新建1200吨生活垃圾转运站", "2.4亿元"),
    ("clock-time", "城镇新增就业1100万人以上,城镇调查失业率5.5%左右", "1100万人"),
    ("year-label", "2023年建成启用重庆中路学校等4所学校、两所幼儿园", "4所"),
    ("program-duration", "新增学位1.6万个,三年新增托位400个", "400个"),
    ("calendar-unit", "人口平均受教育年限提高到10.5年。", "10.5年"),
    ("calendar-word", "城镇调查失业率控制在5.5%以内", "5.5%"),
    ("numbered", "第七次全国人口普查显示,常住人口增加22.5万人", "22.5万人"),
    ("party-congress", "党的二十大以来,新增就业2.7万人", "2.7万人"),
    ("top-rank", "前三季度,新增市场主体1.2万户", "1.2万户"),
    ("five-year-plan", "“十四五”期间新建改建农村公路15万公里", "15万公里"),
    ("list-marker", "一是新增就业2.7万人以上。", "2.7万人"),
    ("parenthesised", "新增托位(含普惠托位)400个", "400个"),
    ("edition", "实施群众文化活动4000场以上", "4000场"),
    ("page-of", "建成智慧社区205个,拓展智慧交通", "205个"),
    ("page-count", "备案拍摄作品100部", "100部"),
    ("speech-parts", "实施24项举措,真刀真枪整治交通拥堵", "24项"),
    ("line-number", "新开工文阳路改建等5个项目", "5个"),
    ("project-phase", "征迁腾地6000亩以上", "6000亩"),
    ("letter-after", "建成5G基站800个以上", "800个"),
    ("letter-before", "推进G228丹东线等15个重点道路工程", "15个"),
    ("place-name", "建设青州路等8条道路", "8条"),
    ("known-name", "城阳区“两会”提出,引进人才2万名以上", "2万名"),
    ("named-items", "新建15个智能工厂", "15个"),
    ("levels", "新增国家A级物流企业2家", "2家"),
    ("scale-class", "总投资200亿元以上,助力打造5000亿级产业集群。", "200亿元"),
    ("star-rating", "创建30个生活垃圾分类五星小区。", "30个"),
    ("per-unit", "每万人口高价值发明专利拥有量达到12件", "12件"),
    ("scale-alone", "全年引进过亿元项目160个以上", "160个"),
    ("counted-phrase", "综合实力在全国再进两个位次。", "两个位次"),
    ("counted-slogan", "竣工50个\"两化\"融合项目", "50个"),
    ("after-quote", "修建\"四好农村路\"54公里", "54公里"),
    ("plus-formula", "增长5%-6%,新增就业3万人", "3万人"),
    ("service-circle", "办理时限压缩至3个工作日", "3个工作日"),
    ("known-slogan", "开行中欧班列800列", "800列"),
    ("quoted-phrase", "新增“瞪羚”企业3家", "3家"),
    ("fixed-word", "建成一体化政务服务中心3处", "3处"),
    ("indefinite-one", "综合实力在全国再进两个位次。", "两个位次"),
    ("zero-word", "零售额增长10%", "10%"),
    ("bare-chinese-numeral", "建成启用两所幼儿园", "两所"),
]


def _decision_at(sentence, mention):
    start = sentence.index(mention)
    return next(d for d in explain_text(sentence) if d.start <= start < d.end)


@pytest.mark.parametrize("rule,sentence,mention,reason", DROPS, ids=[d[0] for d in DROPS])
def test_rule_drops(rule, sentence, mention, reason):
    decision = _decision_at(sentence, mention)
    assert (decision.decision, decision.reason, decision.rule) == ("drop", reason, rule)


@pytest.mark.parametrize("rule,sentence,quantity", KEEPS, ids=[k[0] for k in KEEPS])
def test_rule_keeps_near_miss(rule, sentence, quantity):
    assert quantity in [t.text for t in extract_text(sentence)]


def test_every_rule_has_a_drop_and_a_keep_case():
    rules = {r.name for r in drop_rules()}
    assert rules == {d[0] for d in DROPS}
    assert rules == {k[0] for k in KEEPS}
