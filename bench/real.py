"""Score claimkit on real text nobody on the project wrote: one table for every capability.

Usage:
    python bench/real.py [--only NAME ...] [--errors N] [--seed S] [--no-docs] [--shared DIR]

Reads the development sets under ``../shared/benchmarks/`` (each folder's README gives its source,
format and scoring rule; a fresh clone has no ``../shared`` and every set is then skipped with one
line):

- ``newsquant``: figures of news sentences, value and value+change F1 (strict, one-to-one).
- ``gva-dev``: local gun-violence reports; the largest killed and injured figure against the
  incident's true count (categories with a count of 2 or more), and false alarms (2 or more where
  the truth is 0).
- ``gva-multi-dev``: the same incidents from several outlets; ``claimkit.compare`` over all
  articles, grouping and separation rates.
- ``conll2003-dev``: PERSON spans of Reuters newswire, exact offsets, against the bare spaCy model.
- ``redocred-dev``: person–organisation pairs of Wikipedia introductions from claimkit's roles,
  against pairing every person with every organisation of a sentence.

Prints one table (set, metric, claimkit, baseline, seconds). ``--errors N`` prints N sampled errors
per set (the phrase, what claimkit said, what the gold says). A run over every set rewrites the
generated table of ``docs/accuracy.md`` (between its markers) unless ``--no-docs`` is given.

Example:
    python bench/real.py --only gva-dev --errors 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_common import Result
from real_sets import SETS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "accuracy.md"
START = "<!-- bench/real.py: start -->"
END = "<!-- bench/real.py: end -->"


@dataclass
class Run:
    """What one set's scoring returned, and how long it took."""

    name: str
    result: Result | None
    seconds: float
    missing: str | None = None
    rows: list[tuple[str, str, str]] = field(default_factory=list)


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def table(runs: list[Run]) -> list[str]:
    """The results as Markdown table lines."""
    lines = [
        "| set | metric | claimkit | baseline | seconds |",
        "| --- | --- | ---: | --- | ---: |",
    ]
    for run in runs:
        if run.result is None:
            lines.append(f"| {run.name} | (not run: {run.missing}) | | | |")
            continue
        for i, m in enumerate(run.result.metrics):
            secs = f"{run.seconds:.0f}" if i == 0 else ""
            base = "" if m.baseline is None else f"{m.baseline:.3f} ({m.baseline_name})"
            lines.append(f"| {run.name} | {m.name} | {_fmt(m.value)} | {base} | {secs} |")
    return lines


def write_docs(lines: list[str], command: str) -> None:
    """Replace the generated table of docs/accuracy.md (between the markers) with ``lines``."""
    text = DOCS.read_text("utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{DOCS} has no {START} ... {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    stamp = dt.date.today().isoformat()
    body = "\n".join([START, "", f"Measured with `{command}` on {stamp}.", "", *lines, "", END])
    DOCS.write_text(head + body + tail, "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the sets asked for, print the table and the sampled errors."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  python bench/real.py\n  python bench/real.py --only newsquant --errors 20\n",
    )
    names = [s.name for s in SETS]
    parser.add_argument("--only", action="append", choices=names, help="run only this set")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="sampled errors per set")
    parser.add_argument("--seed", type=int, default=0, help="seed of the error sample")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/accuracy.md as it is")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    args = parser.parse_args(argv)
    wanted = [s for s in SETS if not args.only or s.name in args.only]
    runs: list[Run] = []
    for s in wanted:
        folder = args.shared / s.folder
        if not (folder / s.file).exists():
            print(f"{s.name}: skipped, {folder / s.file} is missing", flush=True)
            runs.append(Run(s.name, None, 0.0, missing=f"no {s.folder}/{s.file}"))
            continue
        t0 = time.perf_counter()
        result = s.score(folder / s.file)
        secs = time.perf_counter() - t0
        runs.append(Run(s.name, result, secs))
        line = ", ".join(f"{m.name} {_fmt(m.value)}" for m in result.metrics)
        print(f"{s.name}: {line} ({secs:.0f} s)", flush=True)
        if args.errors:
            _print_errors(s.name, result.errors, args.errors, args.seed)
    print()
    lines = table(runs)
    print("\n".join(lines))
    ran_all = not args.only and all(r.result is not None for r in runs)
    if ran_all and not args.no_docs:
        write_docs(lines, "python bench/real.py")
        print(f"\nwrote the table into {DOCS.relative_to(ROOT)}")
    return 0


def _print_errors(
    name: str, errors: dict[str, list[Callable[[], str]] | list[str]], n: int, seed: int
) -> None:
    rng = random.Random(seed)
    for kind, items in errors.items():
        if not items:
            continue
        picked = rng.sample(list(items), min(n, len(items)))
        print(f"  {name} {kind} ({len(items)} in all, {len(picked)} sampled):")
        for item in picked:
            text = item() if callable(item) else item
            print("    - " + text.replace("\n", "\n      "))


if __name__ == "__main__":
    raise SystemExit(main())
