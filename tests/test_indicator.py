"""The indicator of a quantity, from the clause around it (TARGETS.md, "indicator")."""
import pytest

from qdtargets import extract_text

# (case, sentence, quantity, indicator)
CASES = [
    ("words before the number", "着力落实就业优先,新增就业2.7万人以上。", "2.7万人", "新增就业"),
    ("clause opener and level verb go", "力争年交易额突破1000亿元。", "1000亿元", "年交易额"),
    ("rate reached", "城区绿化覆盖率提升至45.3%。", "45.3%", "城区绿化覆盖率"),
    ("verb before, noun after", "建设79处社区养老服务驿站。", "79处", "建设社区养老服务驿站"),
    ("example names before 等 go", "打通南坦大街等3条未贯通道路。", "3条", "打通未贯通道路"),
    ("examples stay with a generic noun", "新开工文阳路改建等5个项目。", "5个", "新开工文阳路改建项目"),
    ("modifier between verb and number", "完成东部山区35处地质灾害隐患治理。", "35处", "完成地质灾害隐患治理"),
    ("enumeration item takes the verb", "新建900个公共停车泊位、34处自行车停车场。", "34处", "新建自行车停车场"),
    ("enumeration joined by 和", "打造3所省级高水平职业学校和6个特色专业群。", "6个", "打造特色专业群"),
    ("惠及 is a verb, not a joint", "完成老旧小区改造45个、惠及居民1.2万户。", "1.2万户", "惠及居民"),
    ("a level's verb after the noun goes", "一般公共预算收入完成115.6亿元,增长2.1%。", "115.6亿元", "一般公共预算收入"),
    ("a bare rate takes the level's name", "实现地区生产总值1520亿元、增长3.5%。", "3.5%", "地区生产总值增长"),
    ("each value of a 分别 list has its subject", "高技术制造业、装备制造业增加值分别增长8.9%、7.7%。", "8.9%",
     "高技术制造业增加值增长"),
    ("the last value of a 分别 list", "高技术制造业、装备制造业增加值分别增长8.9%、7.7%。", "7.7%",
     "装备制造业增加值增长"),
    ("a short item shares the last one's noun", "城镇和农村常住居民人均可支配收入分别为36677元和16881元。", "36677元",
     "城镇常住居民人均可支配收入"),
    ("a word naming two things splits", "城乡常住居民人均可支配收入分别达到44846元和37342元,年均增长4.9%和7.2%。",
     "7.2%", "农村常住居民人均可支配收入年均增长"),
    ("list items that share nothing", "规模以上工业增加值、固定资产投资分别增长8%、10%。", "10%", "固定资产投资增长"),
    ("values with no subjects share one name", "全市两项指标分别增长8.9%、7.7%。", "7.7%", "两项指标分别增长"),
    ("a value reached is of what it started from", "区级增加值从619.98亿元增长到880亿元(预计)。", "880亿元", "区级增加值"),
    ("a baseline's name", "全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元。", "161.1亿元", "地区生产总值"),
    ("a bare rate after a comparable-price remark", "地区生产总值3417.9亿元,按可比价计算增长13%。", "13%", "地区生产总值增长"),
    ("a change measured against last year has the clause's subject (国务院 2024)",
     "赤字率拟按3%安排,赤字规模4.06万亿元,比上年年初预算增加1800亿元。", "1800亿元", "赤字规模比上年年初预算增加"),
    ("a bare verb of change after a level (国务院 1980)", "纸520万吨,增加20万吨;", "20万吨", "纸增加"),
    ("the clause before names what a dated value measures (国务院 1980)",
     "每百元工业固定资产净值提供的税收利润,1977年为31.5元,1978年为35.5元。", "35.5元",
     "每百元工业固定资产净值提供的税收利润"),
    ("a 分别 list's subjects in the clause before (国务院 2001)",
     "农村居民人均纯收入和城镇居民人均可支配收入,2000年分别达到2253元和6280元。", "6280元", "城镇居民人均可支配收入"),
    ("a noun that is also a verb stays (国务院 2003)", "全年实际利用外商直接投资535亿美元。", "535亿美元", "实际利用外商直接投资"),
    ("完成 after the noun only states the level (普陀区)", "一般公共预算收入完成115.6亿元。", "115.6亿元", "一般公共预算收入"),
    ("a list's numbering is not part of it (兰州市 list)", "1.新建幼儿园20所。", "20所", "新建幼儿园"),
    ("nor is a bracketed number", "(三)新增公益性岗位4000多个。", "4000多个", "新增公益性岗位"),
    ("an amount reached after a rate is of the level (靖安县)",
     "GDP增长6.0%,首次突破百亿元大关,达到100.6亿元。", "100.6亿元", "GDP"),
    ("quotes are not part of it", "新增“瞪羚”企业3家。", "3家", "新增瞪羚企业"),
]


@pytest.mark.parametrize("case,sentence,quantity,indicator", CASES, ids=[c[0] for c in CASES])
def test_indicator(case, sentence, quantity, indicator):
    rows = {t.text: t.indicator for t in extract_text(sentence)}
    assert rows[quantity] == indicator


def test_jieba_keeps_its_hmm_after_our_import():
    # qdtargets imports jieba without its HMM tables; whoever uses them still gets them.
    from qdtargets.indicator import tokenizer

    tokenizer()
    import jieba

    assert list(jieba.finalseg.cut("小明硕士毕业于中国科学院")) == ["小明", "硕士", "毕业于", "中国", "科学院"]
