"""Score claimkit's figures on a NewsQuant-format file.

Usage:
    python bench/newsquant.py [PATH] [--errors N]

PATH defaults to ../shared/benchmarks/newsquant/dev.json. Scoring (strict, per sentence, one-to-one):
a gold value matches one predicted figure with an equal value (relative tolerance 1e-5); a gold range
matches a predicted figure with qualifier ``range`` and equal low and high. value+change also needs
the change class: ``=`` exact (and range), ``~`` approx, ``>`` at_least/more_than, ``<``
at_most/less_than, and ``up``/``down`` when the figure has a trend. Precision counts every predicted
figure. Prints precision, recall and F1 for both, and sentences per second of the analysis.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import time
from pathlib import Path
from typing import Any

import claimkit
from claimkit.records import Figure

DEFAULT = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "benchmarks"
    / "newsquant"
    / "dev.json"
)
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")
_CHANGE = {
    "exact": "=",
    "range": "=",
    "approx": "~",
    "at_least": ">",
    "more_than": ">",
    "at_most": "<",
    "less_than": "<",
}


def parse_gold(value: str) -> tuple[float, float] | float:
    """A gold value: a number, or a (low, high) range."""
    m = _RANGE.match(value)
    if m:
        return float(m.group(1)), float(m.group(2))
    return float(value)


def close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-12)


def matches(gold: dict[str, Any], fig: Figure, with_change: bool) -> bool:
    value = parse_gold(str(gold["value"]))
    if isinstance(value, tuple):
        ok = fig.qualifier == "range" and close(fig.low, value[0]) and close(fig.high, value[1])
    else:
        ok = close(fig.value, value)
    if not ok or not with_change:
        return ok
    change = fig.trend if fig.trend else _CHANGE[fig.qualifier]
    return change == gold["change"]


def score(
    rows: list[dict[str, Any]], predicted: list[list[Figure]], with_change: bool
) -> tuple[float, float, float, list[Any]]:
    tp = n_pred = n_gold = 0
    misses = []
    for row, figs in zip(rows, predicted, strict=True):
        used: set[int] = set()
        n_pred += len(figs)
        n_gold += len(row["quantities"])
        for g in row["quantities"]:
            hit = next(
                (i for i, f in enumerate(figs) if i not in used and matches(g, f, with_change)),
                None,
            )
            if hit is None:
                misses.append(("missed", row["text"], g["value"], g["change"], g.get("unit")))
            else:
                used.add(hit)
                tp += 1
        for i, f in enumerate(figs):
            if i not in used:
                misses.append(("extra", row["text"], f.text, f.value, f.qualifier))
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median reported)")
    args = parser.parse_args()
    rows = json.loads(Path(args.path).read_text("utf-8"))
    texts = [r["text"] for r in rows]
    claimkit.load()
    list(claimkit.analyze_many(texts[:20]))  # warm up
    times = []
    analyses: list[claimkit.Analysis] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        analyses = list(claimkit.analyze_many(texts, batch_size=64))
        times.append(time.perf_counter() - t0)
    predicted = [a.figures for a in analyses]
    print(
        f"NewsQuant file: {args.path} ({len(rows)} sentences, {sum(len(r['quantities']) for r in rows)} quantities)"
    )
    for name, with_change in (("value", False), ("value+change", True)):
        p, r, f1, misses = score(rows, predicted, with_change)
        print(f"{name:>13}: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
        if args.errors:
            for kind in ("missed", "extra"):
                for m in [m for m in misses if m[0] == kind][: args.errors]:
                    print("   ", m)
    print(
        f"speed: {len(rows) / statistics.median(times):.1f} sentences/s (median of {args.runs} runs, 1 process)"
    )


if __name__ == "__main__":
    main()
