"""Web pages: the report's main text only, none of the site's furniture."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from qdtargets.html_text import html_text
from qdtargets.pipeline import extract_text

from .site_pages import FURNITURE, site_page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPORTS = [*sorted((FIXTURES / "seeds").glob("*.txt"))[:3],
           *(FIXTURES / "dev" / "docs" / f"dev_{n}.txt" for n in ("01", "07", "09", "14"))]
ROW = ("value", "unit", "bound", "status", "indicator", "year")


@pytest.mark.parametrize("layout", range(5))
def test_site_pages_give_the_report_and_no_furniture(layout):
    for report in REPORTS:
        text = report.read_text(encoding="utf-8")
        read = html_text(site_page(text, layout))
        assert [f for f in FURNITURE if f in read and f not in text] == [], report.name
        plain = collections.Counter(tuple(getattr(r, f) for f in ROW) for r in extract_text(text))
        page = collections.Counter(tuple(getattr(r, f) for f in ROW) for r in extract_text(read))
        # Same rows, same years: the related link "2021年政府工作报告" sets none.
        assert sum((plain & page).values()) >= 0.95 * sum(plain.values()), report.name
        assert not page - plain, report.name


def _page(body: str) -> str:
    return f"<html><head><title>政府工作报告</title></head><body>{body}</body></html>"


REPORT = "<p>今年城镇新增就业1.2万人以上，地区生产总值增长6%左右。</p><p>新建学校5所，改造老旧小区30个。</p>"


@pytest.mark.parametrize("body, text", [
    # The report's element is read, whatever stands around it.
    pytest.param(f'<div class="nav"><a>首页</a><a>政务公开</a></div><div class="content">{REPORT}</div>'
                 '<div class="foot">电话：0532-87212345 网站标识码：3702810001</div>',
                 "今年城镇新增就业1.2万人以上，地区生产总值增长6%左右。\n新建学校5所，改造老旧小区30个。",
                 id="menu-and-footer"),
    # A report split over sibling elements is read whole, with its headings and tables.
    pytest.param('<div id="main"><h2>一、主要目标</h2><div>城镇新增就业1.2万人以上，增长6%左右。</div>'
                 '<table><tr><td>指标</td><td>目标</td></tr><tr><td>新建学校</td><td>5所</td></tr></table>'
                 '<div>改造老旧小区30个，新增绿地100公顷。</div></div>'
                 '<ul class="xglj"><li><a>2021年政府工作报告（全文）</a></li><li><a>2020年政府工作报告</a></li></ul>',
                 "一、主要目标\n城镇新增就业1.2万人以上，增长6%左右。\n指标\n目标\n新建学校\n5所\n"
                 "改造老旧小区30个，新增绿地100公顷。", id="split-report"),
    # ASP.NET wraps the whole page in a form; the report is still in it.
    pytest.param(f'<form id="form1"><div class="top"><a>首页</a></div>{REPORT}</form>',
                 "今年城镇新增就业1.2万人以上，地区生产总值增长6%左右。\n新建学校5所，改造老旧小区30个。",
                 id="aspnet-form"),
    # Furniture lines inside the report's element go; report lines that name
    # a furniture word in a sentence stay.
    pytest.param('<article><h1>2023年政府工作报告</h1><p>发布时间：2023-01-12 浏览次数：4521</p>'
                 '<p>网站访问量增长20%，政务服务事项全部网上可办。</p>' + REPORT +
                 '<p><a>微信</a> <a>微博</a> <a>打印</a></p></article>',
                 "2023年政府工作报告\n网站访问量增长20%，政务服务事项全部网上可办。\n"
                 "今年城镇新增就业1.2万人以上，地区生产总值增长6%左右。\n新建学校5所，改造老旧小区30个。",
                 id="info-bar-and-share-links"),
    # A page without sentences is read whole, less its furniture lines; a line
    # that only mentions a furniture word stays.
    pytest.param('<p>指标</p><p>5%</p><p>当前位置：首页</p><p>资金来源：中央预算内投资5000万元</p>'
                 '<p>老字号企业达到50家</p><p>【打印本页】【关闭窗口】</p><p>鲁ICP备05002986号 网站标识码：3702810001</p>',
                 "指标\n5%\n资金来源：中央预算内投资5000万元\n老字号企业达到50家", id="no-sentences"),
])
def test_main_text(body, text):
    assert html_text(_page(body)) == f"政府工作报告\n{text}\n"


def test_main_text_sets_no_year_from_related_links():
    page = _page(f'<div class="content">{REPORT}</div>'
                 '<div class="related"><a>2021年政府工作报告（全文）</a><span>2021-02-04</span></div>')
    rows = extract_text(html_text(page))
    assert rows and {r.year for r in rows} == {None}
