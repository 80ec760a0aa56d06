"""A report put into a web page built like a government site's.

Five layouts, as Chinese government sites are built (TRS and other CMS
templates, older table layouts, HTML5 pages): a banner, navigation,
breadcrumbs, an information bar with a view counter, the report, share and
print links, a related-links list, and a footer with the organiser, phone
number, ICP record and site identifier. Used by tests/test_html.py and
benchmarks/readers.py.
"""
from __future__ import annotations

from html import escape

# What the furniture says; none of it may come back as report text.
FURNITURE = (
    "浏览次数", "4521", "网站标识码", "3702810001", "0532-87212345", "鲁ICP备05002986号",
    "当前位置", "2021年政府工作报告（全文）", "2019年政府工作报告解读", "扫一扫在手机打开当前页",
    "主办单位", "政务公开", "关闭窗口",
)

_NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进本市", "数据开放"]
_RELATED = ["2021年政府工作报告（全文）", "2020年政府工作报告", "2019年政府工作报告解读",
            "图解：2022年政府工作报告"]


def _nav(tag: str, attrs: str) -> str:
    links = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(_NAV))
    return f'<{tag} {attrs}><ul>{links}</ul></{tag}>'


def _related() -> str:
    return "".join(f'<li><a href="/art/{i}.html">{t}</a><span>2021-0{i + 1}-1{i}</span></li>'
                   for i, t in enumerate(_RELATED))


_INFO = ('发布时间：2023-01-12 09:30 来源：市政府办公厅 <span>浏览次数：<em id="hits">4521</em></span> '
         '字号：<a>大</a> <a>中</a> <a>小</a>')
_FOOTER = ('<p>主办单位：市人民政府办公厅 承办：市大数据发展管理局</p>'
           '<p>地址：香港中路11号 邮编：266071 电话：0532-87212345</p>'
           '<p><a href="https://beian.miit.gov.cn">鲁ICP备05002986号</a> 网站标识码：3702810001</p>')


def _paragraphs(text: str, style: str = "") -> str:
    return "".join(f"<p{style}>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def site_page(text: str, layout: int, title: str = "政府工作报告") -> str:
    """text (one paragraph per line) as a page of layout 0–4, headed by title."""
    title = escape(title)
    layout %= 5
    if layout == 0:  # a TRS-style template
        body = f"""
<div class="header"><div class="logo">市人民政府门户网站</div>{_nav("div", 'class="nav"')}</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="article"><h1>{title}</h1><div class="info">{_INFO}</div>
<div class="TRS_Editor">{_paragraphs(text, ' style="text-indent:2em"')}</div>
<div class="share">分享到：<a>微信</a><a>微博</a> <a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div></div>
<div class="related"><h3>相关链接</h3><ul>{_related()}</ul></div>
<div class="footer">{_FOOTER}</div>"""
    elif layout == 1:  # an HTML5 page
        body = f"""
<header><h2>市人民政府</h2>{_nav("nav", 'aria-label="main"')}</header>
<nav class="breadcrumb">当前位置：<a href="/">首页</a> › <a>政务公开</a> › <a>规划计划</a></nav>
<main><article><h1>{title}</h1><p class="meta">{_INFO}</p>{_paragraphs(text)}</article>
<aside><h3>相关文章</h3><ul>{_related()}</ul><div class="qr">扫一扫在手机打开当前页</div></aside></main>
<footer>{_FOOTER}</footer>"""
    elif layout == 2:  # an old table layout
        body = f"""
<table width="1000" align="center"><tr><td>{_nav("div", 'id="menu"')}</td></tr>
<tr><td class="dqwz">当前位置：首页 &gt;&gt; 政务公开 &gt;&gt; 政府文件</td></tr>
<tr><td><table width="100%"><tr><td align="center" class="title">{title}</td></tr>
<tr><td align="center">{_INFO}</td></tr>
<tr><td id="zoom">{_paragraphs(text)}</td></tr></table></td></tr>
<tr><td><b>相关链接：</b><ul>{_related()}</ul></td></tr>
<tr><td class="bottom">{_FOOTER}</td></tr></table>"""
    elif layout == 3:  # paragraphs as <br>-separated text in one div
        lines = "<br>\n".join(escape(line.strip()) for line in text.splitlines() if line.strip())
        body = f"""
<div id="top">{_nav("div", 'class="menu"')}</div>
<div class="crumbs">当前位置：<a>首页</a> &gt; <a>政务公开</a></div>
<div id="content"><div class="tit">{title}</div><div class="fbsj">{_INFO}</div>
<div id="zoomcon" class="view">{lines}</div>
<div class="bottom-links"><a href="javascript:window.print()">【打印本页】</a><a>【关闭窗口】</a></div></div>
<div class="xggj"><span>相关稿件</span><ul>{_related()}</ul></div>
<div id="foot">{_FOOTER}</div>"""
    else:  # a news portal's article page with a sidebar before the text
        body = f"""
<div class="topbar">{_nav("ul", 'class="topnav"')}</div>
<div class="wrap"><div class="sidebar"><h4>热点专题</h4><ul>{_related()}</ul></div>
<div class="main"><div class="crumb">当前位置：首页 > 政务公开 > 政府工作报告</div>
<h1 class="art-title">{title}</h1><div class="art-info">{_INFO}</div>
<div class="art-content" id="artibody">{_paragraphs(text)}</div></div></div>
<div class="copyright">{_FOOTER}</div>"""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_市人民政府门户网站'
            f'</title><script>var hits=4521;</script><link rel="stylesheet" href="/css/main.css"></head>'
            f'<body>{body}<script src="/js/count.js"></script></body></html>')
