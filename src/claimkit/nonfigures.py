"""Filters for numbers that state no quantity: years, dates, times, phones, identifiers, lists.

Each predicate takes a :class:`~claimkit.numreader.NumberReader` and a parsed number and says
whether one kind of non-figure matches; :func:`not_a_figure` combines them. The cue words come from
``claimkit/data/cues.yaml``.

Example:
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

from claimkit.numreader import NumberReader, ParsedNumber
from claimkit.numwords import PLAIN_COUNT_NOUNS
from claimkit.vocab import word_set

__all__ = ["not_a_figure", "phone_spans"]

Check: TypeAlias = Callable[[NumberReader, ParsedNumber], bool]
"""A non-figure predicate."""

_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[\s.-]\d{2,4}){1,3}(?![\w,]|\.\d)"
)

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

_ONE_PRONOUN_BEFORE = frozenset(
    {
        "no",
        "any",
        "every",
        "each",
        "same",
        "another",
        "which",
        "this",
        "that",
        "the",
        "such",
        "someone",
    }
)
"""Words before "one" that make it a pronoun ("no one", "the same one")."""

_ONE_PRONOUN_AFTER = frozenset(
    {
        "another",
        "is",
        "was",
        "has",
        "had",
        "can",
        "could",
        "would",
        "will",
        "should",
        "may",
        "might",
        "must",
        "does",
        "did",
        "who",
        "that",
        "which",
        "and",
        "or",
        "but",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "if",
        "than",
        "else",
        "more",
        "less",
        "way",
        "thing",
    }
)
"""Words after "one" that make it a pronoun or an idiom ("one can", "one way or another")."""

_SENTENCE_OPENERS = frozenset({".", "!", "?", "the", "that", "this", "The", "That", "This"})
"""Tokens before a lone "one" that make it a determiner ("the one road"), not a count."""


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


# -- numbers in digits ----------------------------------------------------------------
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
        and pp.text.lower() not in HYPHEN_PREFIXES
    )


HYPHEN_PREFIXES = frozenset({"sub", "minus", "over", "under", "near", "nearly", "about", "some"})
"""Words glued by a hyphen before a number that qualify it ("sub-7", "minus-130")."""


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


_NAME_NOT_ID = frozenset(
    {"the", "and", "but", "with", "only", "all", "just", "than", "nearly", "almost"}
)
"""Capitalised words that are no names when they come before a number mid-sentence."""


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


# -- numbers in words -----------------------------------------------------------------
def lone_one(r: NumberReader, num: ParsedNumber) -> bool:
    """A lone "one" that counts nothing: "no one", "the same one", "one another", "one of them"."""
    if not num.weak or r.unit_follows(num.j) or r.range_follows(num):
        return False
    if r.low(num.i - 1) in _ONE_PRONOUN_BEFORE:
        return True
    nxt = r.tok(num.j)
    if nxt is None or nxt.kind != "word":
        return True
    word = nxt.text.lower()
    if word == "of":
        # "one of four officials" names a member, not a count; "one of the best" counts one
        if r.number_at(num.j + 1) is not None:
            return True
        return r.low(num.j + 1) in ("them", "us", "you", "these", "those", "which", "whom")
    return word in _ONE_PRONOUN_AFTER or not nxt.text.islower()


def determiner_one(r: NumberReader, num: ParsedNumber) -> bool:
    """A sentence-opening "One day," or a "one" after "the"/"this"/"that" ("the one road")."""
    prev = r.tok(num.i - 1)
    if not num.weak or r.range_follows(num):
        return False
    if prev is not None and prev.text in ("the", "this", "that", "The", "This", "That"):
        return True
    return (prev is None or prev.text in (".", "!", "?")) and r.unit_follows(num.j)


def one_of_reference(r: NumberReader, num: ParsedNumber) -> bool:
    """The number counts a group that one member is taken from: "one of four officials"."""
    return r.low(num.i - 1) == "of" and r.low(num.i - 2) == "one"


def demonstrative_reference(r: NumberReader, num: ParsedNumber) -> bool:
    """The number refers back to a group: "these four judges", "those two"."""
    return r.low(num.i - 1) in ("these", "those") and not r.unit_follows(num.j)


def one_of_partitive(r: NumberReader, num: ParsedNumber) -> bool:
    """A single "one" before "of": "one of the victims"."""
    last = r.tokens[num.j - 1]
    return last.text.lower() == "one" and num.j - num.i == 1 and r.low(num.j) == "of"


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
