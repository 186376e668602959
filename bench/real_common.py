"""What the scorers of ``bench/real.py`` share: metric and result records, JSON-lines reading.

Example:
    >>> Metric("F1", 0.5, 0.4, "baseline").baseline
    0.4
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Metric:
    """One score: claimkit's value and, where the README gives one, a baseline's."""

    name: str
    value: float | None
    baseline: float | None = None
    baseline_name: str = ""


@dataclass
class Result:
    """The metrics of one set and its errors by kind (each a line, or a function making one)."""

    metrics: list[Metric]
    errors: dict[str, list[Any]] = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file (split on newlines only: U+2028 may sit inside a string)."""
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
