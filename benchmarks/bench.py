"""Time qdtargets against jieba, the yardstick the project is judged by.

    .venv/bin/python benchmarks/bench.py [FOLDER] [--repeat N] [--seed FILE] [--json]

Every figure is the median wall time of N fresh processes, so start-up cost
(interpreter, imports, dictionary loading) is part of what is measured, as it
is for someone typing the command. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "corpus"
DEFAULT_SEED = REPO / "fixtures" / "seeds" / "000_3039b4f5f4914328.txt"

# Read the reports the way the CLI picks them (.txt, recursively, sorted) and
# segment each one, so both sides work on the same text. Files are tried as
# UTF-8 first and GB18030 second, the two encodings the corpus can hold.
JIEBA_LCUT = """
import sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
for p in sorted(Path(sys.argv[1]).rglob('*.txt')):
    raw = p.read_bytes()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('gb18030', errors='replace')
    jieba.lcut(text)
"""
JIEBA_INIT = "import jieba; jieba.initialize()"

# (name, ratio = numerator / denominator, comparison, threshold)
CRITERIA = [
    ("corpus extract / jieba.lcut corpus", "extract_corpus", "jieba_lcut_corpus", "<=", 0.2),
    ("one seed extract / jieba.initialize()", "extract_seed", "jieba_initialize", "<=", 0.4),
    ("jobs1 / jobs2", "extract_corpus_jobs1", "extract_corpus_jobs2", ">=", 1.6),
    ("corpus track / corpus extract", "track_corpus", "extract_corpus", "<=", 1.1),
]
# (label, key, whether chars/s and rows/s apply: only to whole-corpus extracts)
ROWS = [
    ("extract corpus (default jobs)", "extract_corpus", True),
    ("extract corpus --jobs 1", "extract_corpus_jobs1", True),
    ("extract corpus --jobs 2", "extract_corpus_jobs2", True),
    ("track corpus (default jobs)", "track_corpus", True),
    ("extract one seed", "extract_seed", False),
    ("jieba import + lcut corpus", "jieba_lcut_corpus", False),
    ("jieba import + initialize()", "jieba_initialize", False),
    ("qdtargets --help", "help", False),
]


def qdtargets_command() -> list[str]:
    """The console script next to this Python, so the venv under test is the one timed."""
    script = Path(sys.executable).parent / "qdtargets"
    return [str(script)] if script.exists() else [sys.executable, "-m", "qdtargets"]


def run(cmd: list[str], capture: bool = False) -> subprocess.CompletedProcess:
    """Run once; a failing command would make every timing meaningless, so stop."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} exited {done.returncode}\n{done.stderr}")
    return done


def time_interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Wall times of `repeat` fresh processes per command, after one untimed warm-up each.

    The warm-up lets jieba write its dictionary cache to the temp dir and fills
    the page cache. Rounds are interleaved (A B C, A B C, ...) rather than
    grouped (A A A, B B B) so that load from other work on the machine falls
    on every command alike and the ratios stay fair.
    """
    for cmd in commands.values():
        run(cmd)
    runs: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(repeat):
        for key, cmd in commands.items():
            start = time.perf_counter()
            run(cmd)
            runs[key].append(time.perf_counter() - start)
    return runs


def supports_jobs(cli: list[str]) -> bool:
    """--jobs is new; older builds lack it, and then there is nothing to compare."""
    return "--jobs" in run(cli + ["extract", "--help"], capture=True).stdout


def count_rows(cli: list[str], folder: Path) -> int:
    """Rows in one jsonl run: one JSON object per line."""
    out = run(cli + ["extract", "-f", "jsonl", str(folder)], capture=True).stdout
    return sum(1 for line in out.splitlines() if line.strip())


def count_chars(folder: Path) -> int:
    """Characters of decoded text, the unit both tools work in (not bytes)."""
    total = 0
    for p in sorted(folder.rglob("*.txt")):
        raw = p.read_bytes()
        try:
            total += len(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            total += len(raw.decode("gb18030", errors="replace"))
    return total


def help_imports_jieba() -> bool:
    """`--help` should not pay for jieba; -X importtime lists every module imported."""
    cmd = [sys.executable, "-X", "importtime", "-m", "qdtargets", "--help"]
    err = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    return any(re.search(r"\|\s*jieba(\.|\s*$)", line) for line in err.splitlines())


def machine_notes() -> list[str]:
    """What makes fresh-process timings on this machine differ from a user's."""
    notes = [f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run"]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        notes.append("PYTHONDONTWRITEBYTECODE is set: modules without a cached .pyc "
                     "are compiled from source in every run")
    return notes


def measure(folder: Path, seed: Path, repeat: int) -> dict:
    cli = qdtargets_command()
    extract = cli + ["extract", "-f", "jsonl", "-o", os.devnull]
    jobs = supports_jobs(cli)
    notes = machine_notes()
    commands = {"extract_corpus": extract + [str(folder)]}
    if jobs:
        commands["extract_corpus_jobs1"] = extract + ["--jobs", "1", str(folder)]
        commands["extract_corpus_jobs2"] = extract + ["--jobs", "2", str(folder)]
    commands["track_corpus"] = cli + ["track", "-f", "jsonl", "-o", os.devnull, str(folder)]
    commands["extract_seed"] = extract + [str(seed)]
    commands["jieba_lcut_corpus"] = [sys.executable, "-c", JIEBA_LCUT, str(folder)]
    commands["jieba_initialize"] = [sys.executable, "-c", JIEBA_INIT]
    commands["help"] = cli + ["--help"]
    runs = time_interleaved(commands, repeat)
    seconds = {key: statistics.median(times) for key, times in runs.items()}
    if not jobs:  # keep the keys, so the table and JSON have the same shape either way
        seconds["extract_corpus_jobs1"] = seconds["extract_corpus_jobs2"] = None
    return {
        "folder": str(folder), "seed": str(seed), "repeat": repeat, "command": cli,
        "notes": notes, "jobs_available": jobs,
        "chars": count_chars(folder), "rows": count_rows(cli, folder),
        "seconds": seconds, "runs": runs, "help_imports_jieba": help_imports_jieba(),
    }


def judge(figures: dict) -> list[dict]:
    """Each criterion's ratio and verdict; None when a side could not be measured."""
    results = []
    for name, num, den, op, limit in CRITERIA:
        a, b = figures["seconds"][num], figures["seconds"][den]
        ratio = a / b if a is not None and b else None
        ok = None if ratio is None else (ratio <= limit if op == "<=" else ratio >= limit)
        verdict = "N/A" if ok is None else ("PASS" if ok else "FAIL")
        results.append({"name": name, "ratio": ratio, "limit": f"{op} {limit}", "verdict": verdict})
    return results


def print_table(figures: dict, verdicts: list[dict]) -> None:
    s, chars, rows = figures["seconds"], figures["chars"], figures["rows"]
    print(f"corpus: {figures['folder']}  ({chars:,} chars, {rows:,} rows)   "
          f"median of {figures['repeat']} runs, command: {' '.join(figures['command'])}")
    for note in figures["notes"]:
        print(f"note: {note}")
    print()
    print(f"{'measurement':<38} {'median s':>9} {'chars/s':>11} {'rows/s':>9}")
    for label, key, rates in ROWS:
        t = s[key]
        if t is None:
            print(f"{label:<38} {'not available (no --jobs)':>31}")
            continue
        rate = f"{chars / t:>11,.0f} {rows / t:>9,.0f}" if rates else ""
        print(f"{label:<38} {t:>9.3f} {rate}")
    print()
    print(f"{'ratio':<38} {'value':>9} {'must be':>11} {'':>9}")
    for v in verdicts:
        value = "-" if v["ratio"] is None else f"{v['ratio']:.3f}"
        print(f"{v['name']:<38} {value:>9} {v['limit']:>11} {v['verdict']:>9}")
    print()
    print(f"qdtargets --help imports jieba: {'yes' if figures['help_imports_jieba'] else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time qdtargets extract against jieba.")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help=f"folder of reports (default: {DEFAULT_FOLDER})")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the one file for start-up time")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    for path in (args.folder, args.seed):
        if not path.exists():
            parser.error(f"{path} does not exist")

    figures = measure(args.folder.resolve(), args.seed.resolve(), args.repeat)
    verdicts = judge(figures)
    if args.json:
        print(json.dumps({**figures, "ratios": verdicts}, ensure_ascii=False, indent=2))
    else:
        print_table(figures, verdicts)


if __name__ == "__main__":
    main()
