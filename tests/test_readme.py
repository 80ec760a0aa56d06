"""README.md shows real output and the commands CI runs."""
import re
from pathlib import Path

from typer.testing import CliRunner

from qdtargets.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_output_is_what_extract_prints(monkeypatch):
    shown = re.search(r"```\n(file,line,col.*?)\n```", README, re.S).group(1).splitlines()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", "-f", "csv", "fixtures/seeds/000_3039b4f5f4914328.txt"])
    assert result.stdout.splitlines()[:len(shown)] == shown


def test_readme_marks_one_setup_and_one_test_command():
    for marker in ("setup-command", "test-command"):
        block = re.search(rf"<!-- {marker} -->\n```sh\n(.+)\n```", README)
        assert block and block.group(1).startswith((".venv/bin/python", "python3 -m venv"))
