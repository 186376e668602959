"""Non-figure checks for dates and times: years, day and month numbers, clock times.

Each check takes a :class:`~claimkit.numreader.NumberReader` and a number it parsed, and says
whether the number is part of a date or a time rather than a quantity; :mod:`claimkit.nonfigures`
combines them. The time words come from ``claimkit/data/cues.yaml``.

Examples:
    >>> from claimkit.numreader import NumberReader
    >>> r = NumberReader("In 2019 the 67 staff left at 12:01 on 15 November.")
    >>> [r.tokens[i].text for i in (1, 3, 7, 11) if (num := r.number_at(i))
    ...  and (year(r, num) or clock_time(r, num) or month_date(r, num))]
    ['2019', '12', '15']
"""

from __future__ import annotations

import re

from claimkit.numreader import NumberReader, ParsedNumber
from claimkit.numwords import PLAIN_COUNT_NOUNS
from claimkit.vocab import word_set

__all__ = [
    "clock_time",
    "iso_date_part",
    "month_date",
    "slash_follows",
    "time_word_follows",
    "year",
]

_YEAR_CUES = (
    frozenset({"in", "since", "from", "until", "till", "by", "of", "during", "before", "after"})
    | {"year", "early", "late", "mid", "summer", "spring", "autumn", "winter", "fall", "the"}
    | {"'s", "’s", "between", "and", "to", "through", "–", "-", "around", "circa"}
)
"""Words before a four-digit number that make it a year ("in 2019", "summer 1989")."""

_AMOUNT_NOUNS = frozenset(
    {
        "average",
        "total",
        "maximum",
        "minimum",
        "sum",
        "number",
        "tally",
        "toll",
        "estimate",
        "count",
        "peak",
    }
)
"""Nouns whose "of" before a four-digit number makes it an amount, not a year."""

_PAIRED_YEAR_CUES = frozenset({"and", "to", "-", "–", "between", "around"})
"""Year cues that only count when another year is next to the number ("between 1988 and 1989")."""


def slash_follows(r: NumberReader, num: ParsedNumber) -> bool:
    """A slash and digits are glued after the number: "9/11", "24/7"."""
    nxt, n2 = r.tok(num.j), r.tok(num.j + 1)
    return (
        nxt is not None
        and r.glued(num.j)
        and nxt.text == "/"
        and n2 is not None
        and n2.kind == "num"
    )


def clock_time(r: NumberReader, num: ParsedNumber) -> bool:
    """The number is the hours or the minutes of a clock time: "12:01"."""
    nxt, n2 = r.tok(num.j), r.tok(num.j + 1)
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    hours = (
        nxt is not None
        and nxt.text == ":"
        and n2 is not None
        and n2.kind == "num"
        and r.glued(num.j + 1)
    )
    minutes = (
        prev is not None
        and prev.text == ":"
        and r.glued(num.i)
        and pp is not None
        and pp.kind == "num"
    )
    return hours or minutes


def time_word_follows(r: NumberReader, num: ParsedNumber) -> bool:
    """A time word follows the number: "3pm", "3 p.m."."""
    nxt = r.tok(num.j)
    return nxt is not None and nxt.text.lower() in word_set("cues", "time_words")


def iso_date_part(r: NumberReader, num: ParsedNumber) -> bool:
    """The number is part of a hyphenated date: "2019-11-15"."""
    text = r.tokens[num.i].text
    nxt, n2 = r.tok(num.j), r.tok(num.j + 1)
    if (
        nxt is not None
        and nxt.text == "-"
        and r.glued(num.j)
        and n2 is not None
        and n2.kind == "num"
        and len(text) == 4
        and len(n2.text) == 2
    ):
        return True  # the year of 2019-11-15
    prev, pp, p3 = r.tok(num.i - 1), r.tok(num.i - 2), r.tok(num.i - 3)
    if prev is None or prev.text != "-" or len(text) != 2 or pp is None or pp.kind != "num":
        return False
    if r.glued(num.i) and len(pp.text) == 4 and pp.text.isdigit():
        return True  # the month of 2019-11
    return len(pp.text) == 2 and p3 is not None and p3.text == "-"  # the day of 2019-11-15


def month_date(r: NumberReader, num: ParsedNumber) -> bool:
    """The number is a day or year next to a month name: "15 November", "Nov. 15, 2019"."""
    prev = r.tok(num.i - 1)
    if r.is_month(num.i - 1) or (prev is not None and prev.text == "." and r.is_month(num.i - 2)):
        return True
    if r.is_month(num.j) and num.value <= 31 and not num.scaled:
        return True
    pp = r.tok(num.i - 2)
    return (
        prev is not None
        and prev.text == ","
        and re.fullmatch(r"\d{4}", r.tokens[num.i].text) is not None
        and pp is not None
        and pp.kind == "num"
        and r.is_month(num.i - 3)
    )


def year(r: NumberReader, num: ParsedNumber) -> bool:
    """A four-digit number from 1000 to 2100 with no unit, qualifier or count noun: a year."""
    if num.j - num.i != 1 or not re.fullmatch(r"\d{4}", r.tokens[num.i].text):
        return False
    if not 1000 <= num.value <= 2200 or (
        num.value > 2100 and r.low(num.i - 1) not in ("by", "in", "until")
    ):
        return False
    if r.currency_before(num.i) is not None or r.unit_follows(num.j):
        return False
    prev = r.low(num.i - 1)
    if prev == "of" and r.low(num.i - 2) in _AMOUNT_NOUNS:
        return False  # "an average of 1500", "a total of 2000"
    if prev in _YEAR_CUES and (prev not in _PAIRED_YEAR_CUES or _year_pair(r, num.i)):
        return True
    if r.has_qualifier(num.i):
        return False
    nxt = r.tok(num.j)
    return not (nxt is not None and nxt.kind == "word" and nxt.text.lower() in PLAIN_COUNT_NOUNS())


def _year_pair(r: NumberReader, i: int) -> bool:
    """True when the number at ``i`` is joined to another year ("between 1988 and 1989")."""
    for k in (i - 2, i + 2):
        t = r.tok(k)
        if t is not None and re.fullmatch(r"(1[5-9]|20)\d\d", t.text):
            return True
    return False
