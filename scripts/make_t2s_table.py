"""Write qdtargets/data/t2s.tsv: OpenCC's traditional → simplified character table.

    .venv/bin/pip install opencc && .venv/bin/python scripts/make_t2s_table.py

Source: TSCharacters.ocd2 as the `opencc` package on PyPI ships it (OpenCC's
own data, Apache-2.0), dumped to text with the opencc_dict tool in the same
package. Only one-character → one-character pairs that change the character
are kept, and of several simplified candidates the first, OpenCC's default:
qdtargets converts character for character so that offsets keep their places.
The table is committed, so a run reads a small text file instead of loading
OpenCC; rerun this script when OpenCC updates its table.
"""
from __future__ import annotations

import datetime
import os
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

import opencc

OUT = Path(__file__).resolve().parent.parent / "qdtargets" / "data" / "t2s.tsv"


def opencc_pairs() -> list[tuple[str, str]]:
    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        dumped = Path(tmp, "TSCharacters.txt")
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-f", "ocd2", "-t", "text",
                        "-i", str(clib / "share" / "opencc" / "TSCharacters.ocd2"), "-o", str(dumped)],
                       check=True, env={**os.environ, "LD_LIBRARY_PATH": str(clib / "lib64")})
        lines = dumped.read_text(encoding="utf-8").splitlines()
    pairs = {}
    for line in lines:
        traditional, candidates = line.split("\t")
        simplified = candidates.split(" ")[0]
        if len(traditional) == len(simplified) == 1 and traditional != simplified:
            pairs[traditional] = simplified
    return sorted(pairs.items())


def main() -> None:
    pairs = opencc_pairs()
    header = [
        "# Traditional → simplified characters, one for one (OpenCC TSCharacters, first candidate).",
        f"# Made by scripts/make_t2s_table.py from opencc {version('opencc')} on "
        f"{datetime.date.today().isoformat()}; do not edit by hand.",
        "# Columns: traditional <TAB> simplified",
    ]
    OUT.write_text("\n".join(header + [f"{t}\t{s}" for t, s in pairs]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(pairs)} characters")


if __name__ == "__main__":
    main()
