"""Sentences per second and F1 of claimkit against quantulum3 on a NewsQuant-format file, same run.

Usage:
    python bench/peers.py [PATH] [--rounds R]

PATH defaults to ../shared/benchmarks/newsquant/dev.json (relative to the repository root).
claimkit runs twice, with every table and with figures alone (``tables=("figures",)``, which also
leaves out spaCy's entity recogniser); all run on the same sentences in one process, alternating R
timed rounds (default 5) after a warm-up; speed is the median of the rounds, on one core. Scoring
is bench/newsquant.py's (strict, per sentence, one-to-one; value and value+change).

quantulum3 (``pip install quantulum3``) needs no download for parsing; without its optional
classifier extra it warns once and disambiguates units by rules, which does not touch values. Its
quantities are mapped to figures: a quantity with an uncertainty whose text reads as a range
("10-20", "between 10 and 20") becomes a ``range`` from value - uncertainty to value + uncertainty;
any other becomes its value, with change ``~`` when an approximation marker ("about", "around",
"nearly", "an estimated", ...) stands right before it or in it, else ``=`` (quantulum3 has no
more-than/less-than or up/down classes). If quantulum3 is missing or fails to load, claimkit is
still scored and the reason is printed.

Example:
    python bench/peers.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import claimkit
from claimkit.records import Figure

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsquant import DEFAULT, score

PUBLISHED = {
    "CQE": "value F1 0.902, value+change 0.856, about 30 sentences/s",
    "quantulum3": "value F1 0.737, about 70 sentences/s",
}
"""Published results on this half (shared/benchmarks/newsquant/README.md)."""
FAST = "claimkit figures only"
"""``analyze_many(..., tables=("figures",))``: no spaCy entity recogniser, no other tables."""
REFERENCE_SPEED = 30.0
"""The best published extractor's (CQE) speed on one core, sentences/s."""

_APPROX = re.compile(
    r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|"
    r"circa|close to|up to an estimated)|~)\s*$",
    re.IGNORECASE,
)
_RANGE_TEXT = re.compile(r"\d\s*(?:-|–|to)\s*\S*\d|\bbetween\b", re.IGNORECASE)

Parse = Callable[[str], list[Any]]


def load_quantulum() -> tuple[Parse | None, str]:
    """quantulum3's ``parser.parse``, or ``None`` and why it cannot be used."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

            parser.parse("About 1,500 people were killed.")
    except Exception as exc:  # any failure to import or load is reported, not raised
        return None, f"{type(exc).__name__}: {exc}"
    version = getattr(sys.modules.get("quantulum3"), "__version__", "?")
    return parser.parse, f"quantulum3 {version}"


def to_figure(sentence: str, q: Any) -> Figure:
    """A quantulum3 ``Quantity`` as a claimkit ``Figure`` for the NewsQuant scoring.

    Example:
        >>> class Q: value, uncertainty, surface, span = 300.0, None, "300", (6, 9)
        >>> to_figure("about 300 dead", Q()).qualifier
        'approx'
    """
    start, end = q.span
    text = q.surface
    if q.uncertainty and _RANGE_TEXT.search(text):
        low, high = q.value - q.uncertainty, q.value + q.uncertainty
        return Figure("q", text, start, end, value=None, low=low, high=high, qualifier="range")
    approx = _APPROX.search(sentence[max(0, start - 30) : start]) or _APPROX.search(text)
    value = float(q.value)
    qualifier = "approx" if approx else "exact"
    return Figure("q", text, start, end, value=value, low=value, high=value, qualifier=qualifier)


def run_quantulum(parse: Parse, texts: list[str]) -> tuple[list[list[Figure]], int]:
    """Figures for every sentence, and how many sentences quantulum3 failed on."""
    out: list[list[Figure]] = []
    failed = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t in texts:
            try:
                out.append([to_figure(t, q) for q in parse(t)])
            except Exception:  # a crash on one sentence counts as no prediction
                failed += 1
                out.append([])
    return out, failed


def run_claimkit(texts: list[str], tables: tuple[str, ...] | None = None) -> list[list[Figure]]:
    """claimkit's figures for every sentence (one process, batches of 64); ``tables=("figures",)``
    is the figures-only pipeline, without spaCy's entity recogniser."""
    return [a.figures for a in claimkit.analyze_many(texts, batch_size=64, tables=tables)]


def main() -> None:
    """Time and score both extractors and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each (median)")
    args = parser.parse_args()
    rows = json.loads(Path(args.path).read_text("utf-8"))
    texts = [r["text"] for r in rows]
    n_gold = sum(len(r["quantities"]) for r in rows)
    print(f"NewsQuant file: {args.path} ({len(rows)} sentences, {n_gold} quantities)")

    parse, about = load_quantulum()
    print(f"peer: {about}" if parse else f"peer: quantulum3 unavailable ({about}); claimkit only")
    fast = ("figures",)
    claimkit.load()
    claimkit.load(tables=fast)
    run_claimkit(texts[:20])  # warm up
    run_claimkit(texts[:20], fast)
    if parse:
        run_quantulum(parse, texts[:20])

    times: dict[str, list[float]] = {"claimkit": [], FAST: [], "quantulum3": []}
    predicted: dict[str, list[list[Figure]]] = {}
    failed = 0
    for r in range(1, args.rounds + 1):
        t0 = time.perf_counter()
        predicted["claimkit"] = run_claimkit(texts)
        times["claimkit"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        predicted[FAST] = run_claimkit(texts, fast)
        times[FAST].append(time.perf_counter() - t0)
        line = (
            f"round {r}: claimkit {len(texts) / times['claimkit'][-1]:7.1f} sentences/s"
            f"   figures only {len(texts) / times[FAST][-1]:7.1f}"
        )
        if parse:
            t0 = time.perf_counter()
            predicted["quantulum3"], failed = run_quantulum(parse, texts)
            times["quantulum3"].append(time.perf_counter() - t0)
            line += f"   quantulum3 {len(texts) / times['quantulum3'][-1]:7.1f} sentences/s"
        print(line)

    print(f"\nmedian of {args.rounds} rounds, one process each:")
    print(f"{'':>22}  {'sentences/s':>11}  {'value P/R/F1':>20}  {'value+change P/R/F1':>20}")
    speeds: dict[str, float] = {}
    for name, figures in predicted.items():
        speeds[name] = len(texts) / statistics.median(times[name])
        cells = []
        for with_change in (False, True):
            p, rec, f1, _ = score(rows, figures, with_change)
            cells.append(f"{p:.3f}/{rec:.3f}/{f1:.3f}")
        print(f"{name:>22}  {speeds[name]:11.1f}  {cells[0]:>20}  {cells[1]:>20}")
    if failed:
        print(f"quantulum3 failed on {failed} sentences (counted as no prediction)")
    for name in ("claimkit", FAST):
        ck = speeds[name]
        line = (
            f"{name}: {ck / REFERENCE_SPEED:.1f}x the reference {REFERENCE_SPEED:.0f} sentences/s"
        )
        if "quantulum3" in speeds:
            line += f", {ck / speeds['quantulum3']:.2f}x quantulum3 in this run"
        print(line)
    for name, result in PUBLISHED.items():
        print(f"published ({name}): {result}")


if __name__ == "__main__":
    main()
