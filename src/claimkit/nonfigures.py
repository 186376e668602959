"""Filters for numbers that state no quantity: years, dates, times, phones, identifiers, lists.

Each predicate takes a :class:`~claimkit.numreader.NumberReader` and a parsed number and says
whether one kind of non-figure matches; :func:`not_a_figure` combines them. This module holds the
checks for identifiers, names, ages, scores, phone numbers and list numbers; the date and time
checks are in :mod:`claimkit.nonfigure_dates`, those for numbers in words in
:mod:`claimkit.nonfigure_words`. The cue words come from ``claimkit/data/cues.yaml``.

Examples:
    >>> from claimkit.numreader import NumberReader
    >>> reader = NumberReader("In 2019, 67 of the 300 staff left COVID-19 wards at 3pm.")
    >>> [t.text for i, t in enumerate(reader.tokens)
    ...  if (num := reader.number_at(i)) and not not_a_figure(reader, num)]
    ['67', '300']
    >>> phone_spans("Call 555-0199 or (202) 555 0143 about the 30 000 runners.")
    [(5, 13), (17, 31)]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeAlias

from claimkit.nonfigure_dates import (
    clock_time,
    iso_date_part,
    month_date,
    slash_follows,
    time_word_follows,
    year,
)
from claimkit.nonfigure_words import (
    demonstrative_reference,
    determiner_one,
    lone_one,
    one_of_reference,
)
from claimkit.numreader import NumberReader, ParsedNumber
from claimkit.numwords import PLAIN_COUNT_NOUNS
from claimkit.vocab import word_set

__all__ = ["not_a_figure", "phone_spans"]

Check: TypeAlias = Callable[[NumberReader, ParsedNumber], bool]
"""A non-figure predicate."""

_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[\s.-]\d{2,4}){1,3}(?![\w,]|\.\d)"
)
"""A run of digit groups that may be a phone number ("555-0199", "(202) 555 0143")."""

_HYPHEN_PREFIXES = frozenset({"sub", "minus", "over", "under", "near", "nearly", "about", "some"})
"""Words glued by a hyphen before a number that qualify it ("sub-7", "minus-130")."""

_NAME_NOT_ID = frozenset(
    {"the", "and", "but", "with", "only", "all", "just", "than", "nearly", "almost"}
)
"""Capitalised words that are no names when they come before a number mid-sentence."""


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the phone numbers in ``text``."""
    return [m.span() for m in _PHONE.finditer(text) if _is_phone(m.group())]


def _is_phone(text: str) -> bool:
    """A digit-group run that is a phone number, not "30 000 000" or a range "5-10"."""
    groups = re.findall(r"\d+", text)
    if text.startswith(("+", "(")):
        return len(groups) >= 2
    if len(groups) < 3:
        return bool(re.fullmatch(r"\d{3}-\d{4}", text))
    if all(len(g) == 3 for g in groups[1:]) and not groups[0].startswith("0"):
        return False
    return groups[0].startswith("0") or any(len(g) == 4 for g in groups)


def ordinal_or_decade(r: NumberReader, num: ParsedNumber) -> bool:
    """An ordinal or decade suffix is glued to the digits: "67th", "1990s"."""
    nxt = r.tok(num.j)
    return (
        nxt is not None
        and r.glued(num.j)
        and re.match(r"(?:st|nd|rd|th|s)(?:$|-)", nxt.text.lower()) is not None
    )


def glued_identifier(r: NumberReader, num: ParsedNumber) -> bool:
    """The digits are glued to a word or mark before them: "G20", "#1", "3/4", "1.2.3"."""
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    if prev is None or not r.glued(num.i):
        return False
    if prev.kind == "word":
        return prev.text.lower() not in r.currency_codes and prev.text not in r.currency_symbols
    if prev.text == "/":
        return pp is not None and pp.kind == "num"
    if prev.text == ".":
        return (
            pp is not None and pp.kind in ("num", "word") and r.glued(num.i - 1)
        )  # "1.2.3", "ID.3"
    return prev.text in ("#", "+")


def spaced_acronym_hyphen(r: NumberReader, num: ParsedNumber) -> bool:
    """An acronym, a space and a glued hyphen before the digits: "COVID -19"."""
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    return (
        prev is not None
        and prev.text == "-"
        and r.glued(num.i)
        and pp is not None
        and pp.kind == "word"
        and pp.text.isupper()
        and len(pp.text) > 1
        and r.text[pp.end : prev.start] == " "
    )


def hyphen_after_word(r: NumberReader, num: ParsedNumber) -> bool:
    """The digits are hyphen-joined to a word: "COVID-19", "F-35" (not "sub-7", "minus-130")."""
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    return (
        prev is not None
        and prev.text == "-"
        and r.glued(num.i)
        and pp is not None
        and pp.kind == "word"
        and r.glued(num.i - 1)
        and pp.text.lower() not in _HYPHEN_PREFIXES
    )


def name_before(r: NumberReader, num: ParsedNumber) -> bool:
    """A bare integer right after a capitalised name: "S&P 500", "iPhone 11", "Big 12", "Galaxy S22"."""
    t = r.tokens[num.i]
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    if not t.text.isdigit() or prev is None or prev.kind != "word" or r.glued(num.i):
        return False
    if not (prev.text[:1].isupper() or (prev.text[:1] == "i" and prev.text[1:2].isupper())):
        return False
    if (
        pp is None
        or pp.text in (".", "!", "?", ":", '"', "“")
        or "\n" in r.text[pp.end : prev.start]
    ):
        return False  # a capitalised sentence opener ("About 70")
    low = prev.text.lower()
    if (
        low in r.currency_codes
        or r.is_month(num.i - 1)
        or r.has_qualifier(num.i)
        or low in _NAME_NOT_ID
    ):
        return False
    if r.unit_follows(num.j) or r.currency_before(num.i) is not None:
        return False
    nxt = r.tok(num.j)
    return not (
        nxt is not None
        and nxt.kind == "word"
        and nxt.text.islower()
        and nxt.text.lower() in PLAIN_COUNT_NOUNS()
    )


def age(r: NumberReader, num: ParsedNumber) -> bool:
    """An age: "Jamie Armstrong, 25, said", "women aged 25 to 54"."""
    prev, pp, nxt = r.tok(num.i - 1), r.tok(num.i - 2), r.tok(num.j)
    if r.low(num.i - 1) in ("aged", "ages", "age"):
        return True
    return (
        prev is not None
        and prev.text == ","
        and pp is not None
        and pp.kind == "word"
        and pp.text[:1].isupper()
        and nxt is not None
        and nxt.text == ","
        and num.value < 120
        and r.tokens[num.i].text.isdigit()
    )


def score(r: NumberReader, num: ParsedNumber) -> bool:
    """A sports score "2-1" (either side): two small integers joined by a dash, the first not lower."""
    t = r.tokens[num.i]
    if not t.text.isdigit() or num.value > 30:
        return False
    nxt, n2 = r.tok(num.j), r.tok(num.j + 1)
    if (
        nxt is not None
        and nxt.text in ("-", "–")
        and r.glued(num.j)
        and n2 is not None
        and n2.text.isdigit()
        and r.glued(num.j + 1)
    ):
        return float(n2.text) <= num.value and not r.unit_follows(num.j + 2)
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    if (
        prev is not None
        and prev.text in ("-", "–")
        and r.glued(num.i)
        and pp is not None
        and pp.text.isdigit()
        and r.glued(num.i - 1)
    ):
        return float(pp.text) >= num.value and float(pp.text) <= 30 and not r.unit_follows(num.j)
    return False


def phone_fragment(r: NumberReader, num: ParsedNumber) -> bool:
    """The number is one half of a local phone number: "555-0199"."""
    text = r.tokens[num.i].text
    nxt, n2 = r.tok(num.j), r.tok(num.j + 1)
    prev, pp = r.tok(num.i - 1), r.tok(num.i - 2)
    first_half = (
        re.fullmatch(r"\d{3}", text) is not None
        and nxt is not None
        and nxt.text == "-"
        and n2 is not None
        and re.fullmatch(r"\d{4}", n2.text) is not None
    )
    return first_half or (
        prev is not None
        and prev.text == "-"
        and r.glued(num.i)
        and re.fullmatch(r"\d{4}", text) is not None
        and pp is not None
        and re.fullmatch(r"\d{3}", pp.text) is not None
    )


def list_number(r: NumberReader, num: ParsedNumber) -> bool:
    """The number starts a line of a list: "1. Wash", "2) Dry", "(3)"."""
    t, prev, nxt = r.tokens[num.i], r.tok(num.i - 1), r.tok(num.j)
    if nxt is None:
        return False
    line_start = prev is None or "\n" in r.text[prev.end : t.start]
    if line_start and nxt.text in (".", ")") and r.glued(num.j):
        after = r.tok(num.j + 1)
        if after is None or after.kind == "word":
            return True
    return (
        prev is not None
        and prev.text == "("
        and nxt.text == ")"
        and (num.i < 2 or "\n" in r.text[r.tokens[num.i - 2].end : prev.start])
    )


def after_identifier_word(r: NumberReader, num: ParsedNumber) -> bool:
    """A capitalised naming word comes before: "Section 427", "Article 19", "Boeing 737"."""
    prev = r.tok(num.i - 1)
    return (
        prev is not None
        and prev.text.lower().rstrip(".") in word_set("cues", "identifier_words")
        and not r.glued(num.i)
        and prev.text[:1].isupper()
    )


def street_number(r: NumberReader, num: ParsedNumber) -> bool:
    """The number is an address: "the 2700 block", "10 Downing Street"."""
    if r.low(num.j) == "block":
        return True
    for k in range(num.j, num.j + 4):
        w = r.tok(k)
        if w is None or w.kind != "word" or not w.text[:1].isupper():
            return False
        if w.text.lower() in word_set("cues", "street_words"):
            return True
    return False


_DATE_LIKE: tuple[Check, ...] = (
    slash_follows,
    clock_time,
    time_word_follows,
    phone_fragment,
    iso_date_part,
    month_date,
    year,
    list_number,
)
"""Checks that each rule a number in digits out as a figure when they match."""


def _digits_not_a_figure(r: NumberReader, num: ParsedNumber) -> bool:
    """:func:`not_a_figure` for a number written in digits."""
    if ordinal_or_decade(r, num) or glued_identifier(r, num):
        return True
    if hyphen_after_word(r, num):
        return r.currency_before(num.i) is None
    if any(check(r, num) for check in _DATE_LIKE):
        return True
    if after_identifier_word(r, num):
        return not r.has_qualifier(num.i)  # "Section 427", but not "about 400 Boeing jets"
    return (
        street_number(r, num)
        or name_before(r, num)
        or age(r, num)
        or score(r, num)
        or spaced_acronym_hyphen(r, num)
    )


_WORD_CHECKS: tuple[Check, ...] = (
    lone_one,
    determiner_one,
    one_of_reference,
    demonstrative_reference,
    age,
)
"""Checks that each rule a number in words out as a figure when they match."""


def not_a_figure(r: NumberReader, num: ParsedNumber) -> bool:
    """Whether ``num`` is no figure: a year, date, time, phone, identifier, ordinal or list number.

    Args:
        r: The reader that parsed ``num``.
        num: A number found by :meth:`NumberReader.number_at`.

    Returns:
        ``True`` when the number should not be reported as a quantity.
    """
    if r.tokens[num.i].kind == "num":
        return _digits_not_a_figure(r, num)
    return any(check(r, num) for check in _WORD_CHECKS)
