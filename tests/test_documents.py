"""Reports as users get them: PDF, Word, traditional characters, old typesetting.

The PDF and Word versions are made from the fixture reports' text in the test
run (tests/document_fixtures.py); the traditional versions are committed
(fixtures/traditional, made by scripts/make_traditional_fixtures.py). Each
must give the rows that the plain text gives.
"""
from __future__ import annotations

import collections
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdtargets.cli import app
from qdtargets.pipeline import extract_text
from qdtargets.sources import SourceError, is_traditional, read_source

from .document_fixtures import HEADER, embedded_font, make_docx, make_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# The seeds (Qingdao) and dev reports from Jilin, Jiangsu, Guangxi and Gansu.
REPORTS = [*sorted((FIXTURES / "seeds").glob("*.txt")),
           *(FIXTURES / "dev" / "docs" / f"dev_{n}.txt" for n in ("01", "03", "05", "09"))]
ROW = ("value", "unit", "bound", "status", "indicator")
# (font file, Word's style: justified, digits in a Latin font)
PDF_STYLES = [pytest.param(None, False, id="cid-font"),
              pytest.param(None, True, id="cid-font-word-style"),
              pytest.param(embedded_font(), True, id="embedded-font-word-style",
                           marks=pytest.mark.skipif(embedded_font() is None,
                                                    reason="no CJK TrueType font (fonts-wqy-microhei) here"))]


def rows_of(path: Path):
    source = read_source(str(path))
    return extract_text(source.text, source.name, page_starts=source.pages), source


def agreement(plain: list, other: list) -> float:
    """The share of the plain text's rows that the other version gives too."""
    counted = [collections.Counter(tuple(getattr(r, f) for f in ROW) for r in rows) for rows in (plain, other)]
    return sum((counted[0] & counted[1]).values()) / len(plain)


@pytest.fixture(scope="module")
def plain_rows():
    return {report: rows_of(report)[0] for report in REPORTS}


# --- PDF ----------------------------------------------------------------------

@pytest.mark.parametrize("font, word_style", PDF_STYLES)
def test_pdf_versions_give_the_rows_of_the_text(tmp_path, plain_rows, font, word_style):
    for report in REPORTS:
        pdf = tmp_path / f"{report.stem}.pdf"
        make_pdf(report.read_text(encoding="utf-8"), pdf, font, word_style=word_style)
        rows, source = rows_of(pdf)
        assert agreement(plain_rows[report], rows) >= 0.95, report.name
        # Every row has its page, pages run in order, and offsets point into the text read.
        assert all(1 <= r.page <= len(source.pages) for r in rows)
        assert [r.page for r in rows] == sorted(r.page for r in rows)
        assert all(source.text[r.start:r.end] == r.text for r in rows)


def test_pdf_rows_stand_on_the_page_that_holds_them(tmp_path):
    import pypdfium2

    report = REPORTS[1]
    pdf = tmp_path / "report.pdf"
    make_pdf(report.read_text(encoding="utf-8"), pdf)
    rows, source = rows_of(pdf)
    document = pypdfium2.PdfDocument(str(pdf))
    pages = ["".join(page.get_textpage().get_text_range().split()) for page in document]
    document.close()
    assert len(pages) > 2 and len({r.page for r in rows}) > 2
    for r in rows:
        assert r.text.replace(" ", "") in pages[r.page - 1] + pages[min(r.page, len(pages) - 1)]


@pytest.mark.parametrize("word_style", [False, True])
def test_pdf_text_keeps_paragraphs_and_leaves_out_page_furniture(tmp_path, word_style):
    for report in REPORTS[:3]:
        text = report.read_text(encoding="utf-8")
        pdf = tmp_path / f"{report.stem}.pdf"
        make_pdf(text, pdf, header=HEADER, word_style=word_style)
        source = read_source(str(pdf))
        paragraphs = ["".join(line.split()) for line in text.splitlines() if line.strip()]
        assert ["".join(line.split()) for line in source.text.splitlines()] == paragraphs
        assert "—" not in source.text.replace("——", "")  # no page numbers (— 2 —)
        assert source.encoding == "pdf" and len(source.pages) > 1


@pytest.mark.parametrize("header_top", [40, 62])  # apart from the text, or close above it
def test_a_running_header_with_a_year_sets_no_year(tmp_path, header_top):
    text = REPORTS[1].read_text(encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    make_pdf(text, pdf, header="1999年政府工作报告", header_top=header_top)
    source = read_source(str(pdf))
    assert "1999" not in source.text
    assert {r.year for r in rows_of(pdf)[0]} == {r.year for r in extract_text(text)}


def test_pdf_spaces_between_number_and_unit_are_positioning(tmp_path):
    from reportlab.pdfgen import canvas

    from .document_fixtures import _font_name

    font = _font_name(None)
    pdf = tmp_path / "fonts.pdf"
    page = canvas.Canvas(str(pdf))
    line = page.beginText(72, 700)
    # Digits set in a Latin font, as Word does, with a space before the bound word.
    for part, face in (("全年地区生产总值达到", font), ("12.82", "Times-Roman"), (" 万亿元，增长", font),
                       ("5%", "Times-Roman"), (" 以上。", font)):
        line.setFont(face, 12)
        line.textOut(part)
    page.drawText(line)
    page.showPage()
    page.save()
    rows, source = rows_of(pdf)
    assert source.text == "全年地区生产总值达到12.82万亿元，增长5%以上。\n"
    assert [(r.value, r.unit, r.bound, r.page) for r in rows] == [(12820000000000, "元", "=", 1), (5, "%", ">=", 1)]


def _drawn_pdf(path: Path, **options) -> None:
    from reportlab.pdfgen import canvas

    from .document_fixtures import _font_name

    page = canvas.Canvas(str(path), **options)
    page.setFont(_font_name(None), 12)
    page.drawString(72, 700, "新增城镇就业2.7万人以上。")
    page.showPage()
    page.save()


def _scan(path: Path) -> None:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    for _ in range(2):
        page.rect(50, 50, 400, 600, fill=1)  # a page image: marks, no text
        page.showPage()
    page.save()


@pytest.mark.parametrize("make, message", [
    (_scan, "a scanned PDF without a text layer (qdtargets does not do OCR; run OCR first, e.g. ocrmypdf)"),
    (lambda path: _drawn_pdf(path, encrypt="secret"), "it is protected by a password"),
    (lambda path: path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\n"), "not a readable PDF"),
])
def test_unreadable_pdfs_say_why_in_one_line(tmp_path, make, message):
    pdf = tmp_path / "report.pdf"
    make(pdf)
    with pytest.raises(SourceError) as info:
        read_source(str(pdf))
    assert str(info.value) == f"cannot read {pdf}: {message}"


def test_a_short_pdf_is_read(tmp_path):
    pdf = tmp_path / "short.pdf"
    _drawn_pdf(pdf)
    rows, source = rows_of(pdf)
    assert (source.text, source.pages) == ("新增城镇就业2.7万人以上。\n", (0,))
    assert [(r.value, r.bound, r.page) for r in rows] == [(27000, ">=", 1)]


# --- Word ---------------------------------------------------------------------

def test_docx_versions_give_the_rows_of_the_text(tmp_path, plain_rows):
    for report in REPORTS:
        path = tmp_path / f"{report.stem}.docx"
        make_docx(report.read_text(encoding="utf-8"), path)
        rows, source = rows_of(path)
        assert agreement(plain_rows[report], rows) >= 0.95, report.name
        assert all(r.page is None and source.text[r.start:r.end] == r.text for r in rows)


def test_docx_reads_paragraphs_and_tables_in_order(tmp_path):
    path = tmp_path / "table.docx"
    table = [["指标", "2023年目标"], ["地区生产总值增长", "6%左右"], ["城镇新增就业", "2.7万人以上"]]
    make_docx("今年主要预期目标如下：\n全面完成各项任务。", path, table)
    source = read_source(str(path))
    assert source.text == ("今年主要预期目标如下：\n指标\t2023年目标\n地区生产总值增长\t6%左右\n"
                           "城镇新增就业\t2.7万人以上\n全面完成各项任务。\n")
    assert [(r.value, r.unit, r.bound) for r in rows_of(path)[0]] == [(6, "%", "~"), (27000, "人", ">=")]


def _old_doc(path: Path) -> None:
    # A compound file's signature and its WordDocument stream name, as Word 97-2003 writes them.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(512))


def test_old_word_files_name_the_fix(tmp_path):
    doc = tmp_path / "report.doc"
    _old_doc(doc)
    with pytest.raises(SourceError) as info:
        read_source(str(doc))
    assert str(info.value) == (f"cannot read {doc}: a Word 97-2003 .doc file; convert it to .docx first "
                               f"(LibreOffice: soffice --headless --convert-to docx {doc})")


def test_a_broken_docx_says_so(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04" + b"word/document.xml" + bytes(64))
    with pytest.raises(SourceError) as info:
        read_source(str(path))
    assert str(info.value).startswith(f"cannot read {path}: not a readable Word file")


# --- traditional characters ---------------------------------------------------------

TRADITIONAL = sorted((FIXTURES / "traditional").glob("*.txt"))


def _original(traditional: Path) -> Path:
    name = traditional.name.replace(".big5", "")
    return next(r for r in [*REPORTS, *(FIXTURES / "dev" / "docs").glob("*.txt")] if r.name == name)


@pytest.mark.parametrize("traditional", TRADITIONAL, ids=[p.name for p in TRADITIONAL])
def test_traditional_versions_give_the_rows_of_the_text(traditional):
    plain = rows_of(_original(traditional))[0]
    rows, source = rows_of(traditional)
    assert agreement(plain, rows) >= 0.95
    # region (and key, category) as the simplified original gives them; text as written.
    assert [(r.region, r.key, r.category) for r in rows] == [(r.region, r.key, r.category) for r in plain]
    assert all(source.text[r.start:r.end] == r.text for r in rows)
    assert is_traditional("".join(r.sentence for r in rows))   # sentences as written


def test_big5_fixture_is_big5():
    big5 = next(p for p in TRADITIONAL if ".big5" in p.name)
    assert read_source(str(big5)).encoding == "big5"


@pytest.mark.parametrize("sentence, simplified", [
    ("全國新增就業1200萬人以上，城鎮調查失業率5.5%左右。", "全国新增就业1200万人以上，城镇调查失业率5.5%左右。"),
    ("黃島區今年建設項目超過300個。", "黄岛区今年建设项目超过300个。"),
    ("香港特別行政區2023年新建公屋1.5萬個單位。", "香港特别行政区2023年新建公屋1.5万个单位。"),
])
def test_traditional_sentences_read_like_simplified_ones(sentence, simplified):
    rows, plain = extract_text(sentence), extract_text(simplified)
    described = ("indicator", "value", "unit", "bound", "status", "region", "year", "category", "key")
    assert rows and [[getattr(r, f) for f in described] for r in rows] == \
        [[getattr(r, f) for f in described] for r in plain]
    assert all(r.sentence == sentence and sentence[r.start:r.end] == r.text for r in rows)


# --- old typesetting ----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # 1998: digits spread by spaces.
    ("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，平均每年增长1 1 ％。",
     [("7 4 7 7 2 亿元", 7477200000000, "元", "=", 1997), ("1 1 ％", 11, "%", "=", 1997)]),
    ("今年粮食总产量稳定在4 9 2 5 0 万吨，经济增长速度8 ％，物价涨幅控制在3 ％以内，人口自然增长率1 0 ．0 6 ‰。",
     [("4 9 2 5 0 万吨", 492500000, "吨", "=", None), ("8 ％", 8, "%", "=", None),
      ("3 ％", 3, "%", "<=", None), ("1 0 ．0 6 ‰", 10.06, "‰", "=", None)]),
    # 2017: a zero-width space holding a line break open inside a number.
    ("国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。",
     [("74.4\n\u200b\n万亿元", 74400000000000, "元", "=", None), ("6.7%", 6.7, "%", "=", None)]),
    # Full-width digits and signs.
    ("２０２３年城镇新增就业１．２万人以上，增长５％左右。",
     [("１．２万人", 12000, "人", ">=", 2023), ("５％", 5, "%", "~", 2023)]),
])
def test_old_typesetting_reads_one_quantity(sentence, expected):
    rows = extract_text(sentence)
    assert [(r.text, r.value, r.unit, r.bound, r.year) for r in rows] == expected
    assert all(sentence[r.start:r.end] == r.text for r in rows)


@pytest.mark.parametrize("sentence, bounds", [
    # 2011: spaces between the number and its bound word, as text from PDFs and pages has them.
    ("医保基金支付水平提高到70% 以上，居民消费价格涨幅不超过 3.3%。", [">=", "<="]),
    ("新增就业 1100 万人以上，粮食产量超过 1.3 万亿斤。", [">=", ">"]),
    ("增长70%，以上各项任务全面完成。", ["="]),
])
def test_bound_words_apart_from_the_number(sentence, bounds):
    assert [r.bound for r in extract_text(sentence)] == bounds


def test_spread_digits_close_up_only_where_a_text_spreads_them():
    # In a text that writes its numbers whole, "1 2" are two numbers.
    rows = extract_text("2023年新建学校12所，改造教室1 2 3间。")
    assert 123 not in [r.value for r in rows]


# --- the text command -----------------------------------------------------------------

def test_text_command_prints_what_offsets_count_in(tmp_path):
    path = tmp_path / "report.docx"
    make_docx(REPORTS[0].read_text(encoding="utf-8"), path)
    result = CliRunner().invoke(app, ["text", str(path)])
    assert (result.exit_code, result.stderr) == (0, "")
    rows = rows_of(path)[0]
    assert rows and all(result.stdout[r.start:r.end] == r.text for r in rows)
    lines = result.stdout.split("\n")
    assert all(lines[r.line - 1][r.col - 1:].startswith(r.text) for r in rows)


def test_text_command_refuses_in_one_line(tmp_path):
    pdf = tmp_path / "scan.pdf"
    _scan(pdf)
    result = CliRunner().invoke(app, ["text", str(pdf)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"qdtargets: cannot read {pdf}: a scanned PDF without a text layer "
                             "(qdtargets does not do OCR; run OCR first, e.g. ocrmypdf)\n")


def test_folders_give_every_kind_read_and_name_what_they_skip(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = REPORTS[2].read_text(encoding="utf-8")
    make_pdf(text, folder / "a.pdf")
    make_docx(text, folder / "b.docx")
    (folder / "c.txt").write_text(text, encoding="utf-8")
    (folder / "d.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    result = CliRunner().invoke(app, ["extract", "-f", "csv", str(folder)])
    assert result.exit_code == 0
    assert result.stderr == f"qdtargets: {folder}: skipped 1 file(s) of a type qdtargets does not read: d.jpg\n"
    files = collections.Counter(line.split(",")[0] for line in result.stdout.splitlines()[1:])
    assert set(files) == {str(folder / name) for name in ("a.pdf", "b.docx", "c.txt")}
    assert len(set(files.values())) == 1


def test_a_folder_with_nothing_to_read_fails(tmp_path):
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    result = CliRunner().invoke(app, ["extract", "-f", "csv", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"qdtargets: {tmp_path}: skipped 1 file(s) of a type qdtargets does not read: scan.jpg",
        f"qdtargets: {tmp_path}: no report in this folder (qdtargets reads .txt, .html, .htm, .pdf, .docx files)",
        "qdtargets: nothing could be read: no file gave any text",
    ]


def test_extract_names_each_unreadable_document_and_loses_nothing_else(tmp_path):
    scan, doc, report = tmp_path / "scan.pdf", tmp_path / "old.doc", tmp_path / "report.txt"
    _scan(scan)
    _old_doc(doc)
    report.write_text(REPORTS[2].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "-f", "csv", str(scan), str(doc), str(report)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"qdtargets: cannot read {scan}: a scanned PDF without a text layer "
        "(qdtargets does not do OCR; run OCR first, e.g. ocrmypdf)",
        f"qdtargets: cannot read {doc}: a Word 97-2003 .doc file; convert it to .docx first "
        f"(LibreOffice: soffice --headless --convert-to docx {doc})",
        "qdtargets: 2 file(s) could not be read; rows of the others were written",
    ]
    rows = result.stdout.splitlines()[1:]
    assert len(rows) == len(extract_text(REPORTS[2].read_text(encoding="utf-8")))
    assert all(row.startswith(str(report)) for row in rows)
