"""The :class:`Quantity` record that the number scanner returns, and value rounding.

:class:`Quantity` is re-exported by :mod:`claimkit.numbers`, which is where callers import it from.

Examples:
    >>> round_value(0.1 + 0.2)
    0.3
    >>> Quantity(0, 2, "12", 12.0, 12.0, 12.0, "exact", None, None, "number", 0, 2).text
    '12'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quantity", "round_value"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in text, before any sentence context is added.

    Attributes:
        start: Offset of the first character (qualifier included).
        end: Offset one past the last character (unit included).
        text: ``text[start:end]`` of the source.
        value: The number, or ``None`` for a range.
        low: Lower end of the implied interval, ``None`` when unbounded.
        high: Upper end of the implied interval, ``None`` when unbounded.
        qualifier: One of exact, approx, at_least, more_than, at_most, less_than, range.
        unit: Unit or currency code, ``None`` for a plain count.
        trend: ``"up"``/``"down"`` for a stated change, else ``None``.
        kind: number, percent, money, measure, duration, vague or fraction.
        num_start: Offset of the number itself (without qualifier or currency).
        num_end: Offset one past the number (without unit).
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    trend: str | None
    kind: str
    num_start: int
    num_end: int


def round_value(x: float) -> float:
    """Round to 12 significant digits, dropping floating-point noise ("2.8000000000000003")."""
    return float(f"{x:.12g}")
