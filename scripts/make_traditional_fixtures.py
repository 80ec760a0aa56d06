"""Write fixtures/traditional/: traditional-character versions of fixture reports.

    .venv/bin/pip install opencc && .venv/bin/python scripts/make_traditional_fixtures.py

Each seed report and three dev reports (Jilin, Jiangsu, Guangxi) converted by
OpenCC's s2t configuration, as a Hong Kong or overseas mirror would publish
them, in UTF-8; one of them also in Big5 (OpenCC s2tw, since Big5 holds
Taiwan's standard forms), the encoding such mirrors often serve. The tests
check that they give the rows the simplified originals give.
"""
from __future__ import annotations

from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "fixtures" / "traditional"
REPORTS = [*sorted((REPO / "fixtures" / "seeds").glob("*.txt")),
           *(REPO / "fixtures" / "dev" / "docs" / f"dev_{n}.txt" for n in ("01", "05", "09"))]
BIG5 = REPORTS[3]  # one that Big5 can hold whole


def main() -> None:
    OUT.mkdir(exist_ok=True)
    s2t, s2tw = opencc.OpenCC("s2t"), opencc.OpenCC("s2tw")
    for report in REPORTS:
        (OUT / report.name).write_text(s2t.convert(report.read_text(encoding="utf-8")), encoding="utf-8")
    (OUT / f"{BIG5.stem}.big5.txt").write_bytes(s2tw.convert(BIG5.read_text(encoding="utf-8")).encode("big5"))
    print(f"{OUT}: {len(REPORTS) + 1} files")


if __name__ == "__main__":
    main()
