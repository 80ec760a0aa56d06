"""Write tests/golden/* again from the current extractor.

    .venv/bin/python scripts/regen_golden.py          # every golden file
    .venv/bin/python scripts/regen_golden.py NAME...  # only these

Run it after a change that alters the output on purpose, then read
`git diff tests/golden` before committing: every changed row is a change users see.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.golden_outputs import CASES, GOLDEN, run  # noqa: E402


def main(names: list[str]) -> int:
    unknown = sorted(set(names) - set(CASES))
    if unknown:
        print(f"regen_golden: no such golden file: {', '.join(unknown)} (known: {', '.join(CASES)})",
              file=sys.stderr)
        return 2
    for name in names or CASES:
        result = run(CASES[name])
        if result.exit_code != 0:
            print(f"regen_golden: {name}: exit {result.exit_code}\n{result.stderr}", file=sys.stderr)
            return 1
        (GOLDEN / name).write_text(result.stdout, encoding="utf-8", newline="")
        print(f"wrote tests/golden/{name} ({len(result.stdout.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
