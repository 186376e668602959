"""Ranges: the far end of a range whose near end is a number ("5-10", "5 to 10", "5 or 6").

The ends are joined by a dash, "to", "up to", "or" (small numbers only: "5 or 6") or, after
"between", "and". The far end may carry the currency or unit of the whole range ("$5-$10",
"5 to 10 km"), and a scale word after it applies to both ends ("5 to 10 million"). A range that
does not rise ("from 4.8 to 4.7") or joins two years ("1988-1989") is none.

Examples:
    >>> from claimkit.numreader import NumberReader
    >>> r = NumberReader("between 5 and 10 million people")
    >>> num = r.number_at(1)
    >>> range_after(r, num, num.j, num.value, None, "number")
    RangeEnd(end=5, low=5000000.0, high=10000000.0, unit=None, kind='number')
"""

from __future__ import annotations

from typing import NamedTuple

from claimkit.numreader import NumberReader, ParsedNumber
from claimkit.phrases import RANGE_OPENERS, unit_table
from claimkit.quantity import round_value

__all__ = ["RangeEnd", "range_after"]

_RANGE_DASHES = ("-", "–", "—")
"""Dashes that join the two ends of a range ("5-10")."""


class RangeEnd(NamedTuple):
    """The far end of a range: where it ends, its bounds and the unit found after it."""

    end: int
    low: float
    high: float
    unit: str | None
    kind: str


def range_after(
    r: NumberReader, num: ParsedNumber, j: int, value: float, unit: str | None, kind: str
) -> RangeEnd | None:
    """The far end of a range whose separator is token ``j``: "5-10", "5 to 10", "5 or 6".

    Args:
        r: The reader that parsed ``num``.
        num: The near end of the range.
        j: Index of the token after the near end (and its unit).
        value: Value of the near end, sign applied.
        unit: Unit of the near end, if any.
        kind: Kind of the near end.
    """
    sep = r.low(j)
    if sep == "and":
        currency = r.currency_before(num.i)
        opener_at = num.i if currency is None else currency[0]
        opener = RANGE_OPENERS.match_before(r.tokens, opener_at)
        if opener is None or opener[1] != "between":
            return None
    elif sep == "or":
        if value > 100:
            return None
    elif sep == "up" and r.low(j + 1) == "to":
        j += 1
    elif sep not in (*_RANGE_DASHES, "to"):
        return None
    k = j + 1
    t = r.tok(k)
    symbol = None if t is None else r.currency_symbols.get(t.text)
    if t is not None and symbol is None and t.text.isupper() and t.text.lower() in r.currency_codes:
        symbol = r.currency_codes[t.text.lower()]
    if symbol is not None:
        k += 1
    b = r.number_at(k)
    if b is None:
        return None
    if sep == "-" and all(
        r.tokens[x].kind == "num" and len(r.tokens[x].text) == 4 for x in (k, num.i)
    ):
        return None  # 1988-1989 is a span of years
    end = b.j
    unit2: str | None = None
    kind2 = kind
    after = unit_table().match_after(r.tokens, end)
    if after is not None:
        n, (unit2, kind2) = after
        end += n
    elif symbol is not None:
        unit2, kind2 = symbol, "money"
    if unit is not None and unit2 is not None and unit != unit2:
        return None
    lo = value
    if (
        not num.scaled
        and b.scaled
        and lo < b.value / 1000
        and num.j == j
        and lo * b.scale <= b.value
    ):
        lo *= b.scale  # "5 to 10 million" means 5 million to 10 million
    if lo >= b.value and lo >= 0:
        return None  # "from 4.8 to 4.7", "2-1": no interval
    return RangeEnd(end, round_value(lo), round_value(b.value), unit2, kind2)
