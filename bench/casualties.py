"""Casualty counts of short local news reports: is the largest killed and injured figure the count?

Usage:
    python bench/casualties.py [PATH] [--errors]

PATH is a JSON-lines file of ``{"id", "text", "killed", "injured"}`` (default
``bench/data/local_casualties.jsonl``: 20 reports written for this benchmark, with distractors such
as ages, addresses, times and yearly tallies). For each report the largest ``value`` among figures
of category ``killed`` (and ``injured``) is compared with the true count, 0 when there is none.
Prints the share of reports right for each category and for both.

Example:
    python bench/casualties.py --errors
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import claimkit

DEFAULT = Path(__file__).resolve().parent / "data" / "local_casualties.jsonl"


def largest(figures: list[claimkit.Figure], category: str) -> float:
    """The largest value among figures of ``category`` (the high end of a range), 0 if none."""
    values = [f.value if f.value is not None else (f.high or f.low or 0) for f in figures
              if f.category == category]  # fmt: skip
    return max(values, default=0.0)


def main() -> None:
    """Score every report and print the accuracy per category."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", action="store_true", help="print every wrong report")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.path).read_text("utf-8").splitlines() if line]
    analyses = claimkit.analyze_many([r["text"] for r in rows])
    right = {"killed": 0, "injured": 0, "both": 0}
    for row, analysis in zip(rows, analyses, strict=True):
        got = {c: largest(analysis.figures, c) for c in ("killed", "injured")}
        ok = {c: got[c] == row[c] for c in got}
        right["killed"] += ok["killed"]
        right["injured"] += ok["injured"]
        right["both"] += ok["killed"] and ok["injured"]
        if args.errors and not all(ok.values()):
            print(f"  {row['id']}: got killed {got['killed']:g}, injured {got['injured']:g};"
                  f" want {row['killed']}, {row['injured']}")  # fmt: skip
    n = len(rows)
    print(f"{n} reports: largest killed right {right['killed'] / n:.2f}, largest injured right "
          f"{right['injured'] / n:.2f}, both right {right['both'] / n:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
