"""Keys of headline indicators and policy areas (data/keys.tsv, data/categories.tsv)."""
import pytest

from qdtargets.classify import category_of, key_of

# (indicator, unit, key): phrasings from the seeds and the State Council reports.
KEYS = [
    ("生产总值增长", "%", "gdp_growth"),
    ("地区生产总值增长", "%", "gdp_growth"),
    ("国内生产总值增长", "%", "gdp_growth"),
    ("国内生产总值比上年增长", "%", "gdp_growth"),
    ("经济增长预期目标", "%", "gdp_growth"),
    ("人均国内生产总值", "美元", "gdp_per_capita"),
    ("国内生产总值", "元", "gdp"),
    ("单位国内生产总值能耗降低", "%", "energy_intensity"),
    ("研究与试验发展经费支出与国内生产总值之比", "%", "rd_intensity"),
    ("一般公共预算收入增长", "%", "fiscal_revenue_growth"),
    ("固定资产投资增长", "%", "fixed_investment_growth"),
    ("社会消费品零售总额增长", "%", "retail_sales_growth"),
    ("外贸进出口总额增长", "%", "foreign_trade_growth"),
    ("城镇新增就业", "人", "urban_jobs_new"),
    ("新增就业", "人", "urban_jobs_new"),
    ("城镇调查失业率", "%", "unemployment_rate_surveyed"),
    ("城镇登记失业率", "%", "unemployment_rate_registered"),
    ("居民消费价格涨幅", "%", "cpi"),
    ("居民人均可支配收入增长", "%", "resident_income_growth"),
    ("粮食产量", "斤", "grain_output"),
    ("地区生产总值力争增长", "%", "gdp_growth"),           # a plan's word inside (a county report)
    ("国民生产总值计划增长", "%", "gdp_growth"),           # 1993
    ("进出口总额预期增长", "%", "foreign_trade_growth"),   # 2014
    ("GDP目标增长", "%", "gdp_growth"),
    ("经济增长速度的宏观调控目标", "%", "gdp_growth"),     # 1995
    ("物价上涨幅度比去年有明显回落", "%", "cpi"),          # 1995
    ("研发经费支出相当于地区生产总值比重", "%", "rd_intensity"),
    ("规上工业增加值增长", "%", "industrial_value_added_growth"),
    # near misses: no key
    ("计划生育率", "%", None),
    ("生产总值增长", "元", None),
    ("新增就业", "个", None),
    ("金融业增加值增长", "%", None),
    ("新开发公益性岗位", "个", None),
]


@pytest.mark.parametrize("indicator,unit,key", KEYS, ids=[f"{k[0]}-{k[1]}" for k in KEYS])
def test_key_of(indicator, unit, key):
    assert key_of(indicator, unit) == key


# (indicator, sentence, category)
CATEGORIES = [
    ("生产总值增长", "", "经济增长"),
    ("新增托位", "", "养老托育"),
    ("新增就业", "", "就业"),
    ("引进人才", "", "人才"),
    ("建设医保工作站", "", "社会保障"),
    ("建成社区卫生服务中心", "", "医疗卫生"),
    ("建成启用学校", "", "教育"),
    ("开行中欧班列", "", "开放外贸"),
    ("改造提升步行街", "", "消费商贸"),
    ("存贷款余额", "", "财政金融"),
    ("建成5G基站", "", "数字经济"),
    ("新认定高新技术企业", "", "科技创新"),
    ("更新新能源公交车", "", "能源双碳"),
    ("新增城市绿道", "", "生态环境"),
    ("建设公共停车场", "", "交通"),
    ("完成老旧小区改造", "", "城市建设"),
    ("新建高标准农田", "", "农业农村"),
    ("举办群众性文化活动", "", "文化旅游体育"),
    ("完成地质灾害隐患治理", "", "社会治理安全"),
    ("推进重点项目", "", "投资项目"),
    ("建筑业产值", "", "产业制造"),
    ("办好区办实事", "", "政府建设"),
    ("增长", "常住人口增加22.5万人，增长43.9%", None),
    ("核心产业增加值增长", "做强做优做大数字经济，核心产业增加值增长10%", "产业制造"),
    ("分别增长", "数字经济核心产业增加值分别增长8.9%", "数字经济"),
]


@pytest.mark.parametrize("indicator,sentence,category", CATEGORIES, ids=[c[0] for c in CATEGORIES])
def test_category_of(indicator, sentence, category):
    assert category_of(indicator, sentence) == category


def test_headline_rows_of_the_seeds_get_their_keys(seed_rows):
    keys = {(r["file"], r["indicator"]): r["key"] for r in seed_rows if r["key"]}
    assert keys == {
        ("001_38ca803b727251b8.txt", "生产总值增长"): "gdp_growth",
        ("001_38ca803b727251b8.txt", "一般公共预算收入增长"): "fiscal_revenue_growth",
        ("001_38ca803b727251b8.txt", "固定资产投资增长"): "fixed_investment_growth",
        ("001_38ca803b727251b8.txt", "社会消费品零售总额增长"): "retail_sales_growth",
        ("001_38ca803b727251b8.txt", "外贸进出口总额增长"): "foreign_trade_growth",
        ("000_3039b4f5f4914328.txt", "新增就业"): "urban_jobs_new",
        ("001_38ca803b727251b8.txt", "新增就业"): "urban_jobs_new",
        ("004_db0aa6051d3f9f50.txt", "城镇新增就业"): "urban_jobs_new",
        ("004_db0aa6051d3f9f50.txt", "调查失业率"): "unemployment_rate_surveyed",
    }
