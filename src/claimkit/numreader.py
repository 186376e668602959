"""Number atoms: a token view of a text that reads bare numbers, their scales and currencies.

:class:`NumberReader` knows nothing about qualifiers, ranges or whether a number is a figure;
:mod:`claimkit.scanner` builds on it. The word lists come from ``claimkit/data/numbers.yaml``,
``units.yaml`` and ``cues.yaml``.

Examples:
    >>> reader = NumberReader("It cost $2.5bn, or 30 000 pounds.")
    >>> num = reader.number_at(3)
    >>> num.value, num.scale, reader.currency_before(3)
    (2500000000.0, 1000000000.0, (2, 'USD'))
    >>> reader.number_at(7)
    ParsedNumber(i=7, j=9, value=30000.0, weak=False, scale=1.0, words=False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from claimkit.numwords import Token, can_start_number, parse_digits, parse_words, tokenize
from claimkit.phrases import qualifier_table, unit_table
from claimkit.vocab import vocab, word_set

__all__ = ["MINUS_SIGNS", "NumberReader", "ParsedNumber"]

MINUS_SIGNS = ("-", "−")
"""Characters that make a glued number negative ("-3.5", "−4")."""

_GROUP_GAPS = (" ", "\u00a0", "\u202f")
"""What may separate digit groups of one number ("30 000"): one space of any width."""

_SPACED_ABBREVIATIONS = frozenset({"bn", "mn", "mln", "tn", "trn"})
"""Scale abbreviations that scale a number even after a space ("2 bn")."""

_AMBIGUOUS_ABBREVIATIONS = frozenset({"m", "b", "k"})
"""Scale abbreviations that are also units ("5m" of rope) unless money is meant."""

_NOT_PLURALS = frozenset({"is", "was", "has", "as"})
"""Lower-case words ending in "s" that are no plural noun."""

_DOLLAR_PREFIXES = frozenset({"US", "C", "A", "HK", "NZ", "S"})
"""Country prefixes glued before "$" ("US$", "HK$")."""

_DOLLAR_CODES = {"US": "USD", "C": "CAD", "A": "AUD"}
"""Currency codes of dollar prefixes that are not the prefix plus "D"."""


@dataclass(slots=True)
class ParsedNumber:
    """A bare number being parsed: its token span ``[i, j)`` and value.

    Attributes:
        i: Index of the first token.
        j: Index one past the last token (scale word included).
        value: The number, scale applied.
        weak: A lone "one", which counts only with a unit ("one of them" is no figure).
        scale: The factor of a scale word or abbreviation ("million", "bn"); 1 when none.
        words: Whether the number is written in words.
    """

    i: int
    j: int
    value: float
    weak: bool = False
    scale: float = 1.0
    words: bool = False

    @property
    def scaled(self) -> bool:
        """Whether a scale word or abbreviation follows the number."""
        return self.scale != 1.0


@functools.cache
def _scales() -> dict[str, float]:
    return {str(k): float(v) for k, v in vocab("numbers")["scales"].items()}


@functools.cache
def _abbreviations() -> dict[str, float]:
    return {str(k): float(v) for k, v in vocab("numbers")["scale_abbreviations"].items()}


@functools.cache
def _currency_symbols() -> dict[str, str]:
    return {str(k): str(v) for k, v in vocab("units")["currency_symbols"].items()}


@functools.cache
def _currency_codes() -> dict[str, str]:
    return {str(k): str(v) for k, v in vocab("units")["currency_codes"].items()}


_MILLION_NEXT = frozenset({"of", "combined", "more", "new", "active", "monthly", "annual", "total"})
"""Words after a glued "m" that make it millions, not metres ("35m of its devices")."""


class NumberReader:
    """A tokenised text with the lookups shared by the scanner and the non-figure filters.

    Args:
        text: The text to read.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.currency_symbols = _currency_symbols()
        self.currency_codes = _currency_codes()

    # -- token access -----------------------------------------------------------------
    def tok(self, i: int) -> Token | None:
        """Token ``i``, or ``None`` outside the text."""
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def glued(self, i: int) -> bool:
        """True when token ``i`` touches token ``i - 1`` (no space between)."""
        return 0 < i < len(self.tokens) and self.tokens[i].start == self.tokens[i - 1].end

    def low(self, i: int) -> str:
        """Lower-cased text of token ``i``, or ``""`` outside the text."""
        t = self.tok(i)
        return t.text.lower() if t else ""

    def is_month(self, i: int) -> bool:
        """True when token ``i`` is a capitalised month name or abbreviation."""
        t = self.tok(i)
        return bool(
            t and t.text[:1].isupper() and t.text.lower().rstrip(".") in word_set("cues", "months")
        )

    # -- number atoms -----------------------------------------------------------------
    def number_at(self, i: int) -> ParsedNumber | None:
        """The number in digits or words starting at token ``i``, with any scale after it."""
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num":
            value = parse_digits(t.text)
            if value is None:
                return None
            num = ParsedNumber(i, *self._digit_groups(i, value))
        elif t.kind == "word":
            if not can_start_number(t.text):
                return None
            window = self.tokens[i : i + 8]
            parsed = parse_words(
                [x.text for x in window], [x.start for x in window], [x.end for x in window]
            )
            if parsed is None:
                return None
            n_tok, value, weak = parsed
            num = ParsedNumber(i, i + n_tok, value, weak=weak, words=True)
        else:
            return None
        self._apply_scale(num)
        return num

    def _digit_groups(self, i: int, value: float) -> tuple[int, float]:
        """Join digit groups split by single spaces ("30 000"); returns ``(end index, value)``."""
        first = self.tokens[i].text
        j = i + 1
        if "," in first or "." in first or len(first) > 3:
            return j, value
        joined = value
        while self._next_group(j):
            joined = joined * 1000 + float(self.tokens[j].text)
            j += 1
        if j - i == 2 and joined < 10000 and (n := self.tok(j)) is not None and n.kind == "num":
            return i + 1, value  # "5 000 12" is no single number
        return j, joined

    def _next_group(self, j: int) -> bool:
        """True when token ``j`` is a three-digit group continuing the number before it."""
        n = self.tok(j)
        if n is None or n.kind != "num" or len(n.text) != 3 or not n.text.isdigit():
            return False
        if self.text[self.tokens[j - 1].end : n.start] not in _GROUP_GAPS:
            return False
        n2 = self.tok(j + 1)
        return not (
            n2 is not None and n2.kind == "num" and n2.start - n.end == 1 and len(n2.text) != 3
        )

    def _apply_scale(self, num: ParsedNumber) -> None:
        """Apply a following scale word ("million") or abbreviation ("bn") to ``num``."""
        t = self.tok(num.j)
        if t is None or t.kind != "word":
            return
        word = t.text.lower()
        scales, abbreviations = _scales(), _abbreviations()
        head = word.split("-", 1)[0]
        if word in scales and word != "dozen" and not num.words:
            factor = scales[word]
            num.weak = False
        elif "-" in word and head in scales and head != "dozen" and not num.words:
            factor = scales[head]  # "a 1.8 billion-mile journey"
            num.weak = False
        elif word in abbreviations and self._abbreviation_scales(num, word):
            factor = abbreviations[word]
        else:
            return
        num.value *= factor
        num.scale = factor
        num.j += 1

    def _abbreviation_scales(self, num: ParsedNumber, word: str) -> bool:
        """Whether abbreviation ``word`` after ``num`` is a scale ("$40m", "2bn"), not a unit."""
        glued = self.glued(num.j)
        raw = self.tokens[num.j].text
        if not glued and word not in _SPACED_ABBREVIATIONS and raw not in ("B", "M"):
            return False
        if (
            word not in _AMBIGUOUS_ABBREVIATIONS
            or self.currency_before(num.i) is not None
            or (word == "k" and glued)
        ):
            return True
        # Without a currency, "5m" is metres, but "40m people", "4.3M sales" and "8 B people" count
        # in millions and billions.
        if (
            raw in ("M", "B", "K")
            and (nxt := self.tok(num.j + 1)) is not None
            and nxt.kind == "word"
        ):
            return True
        return (
            glued
            and word == "m"
            and (self._plural_noun_at(num.j + 1) or self.low(num.j + 1) in _MILLION_NEXT)
        )

    def _plural_noun_at(self, i: int) -> bool:
        """True when token ``i`` looks like a lower-case plural noun ("people")."""
        t = self.tok(i)
        return (
            t is not None
            and t.kind == "word"
            and t.text.islower()
            and t.text.endswith("s")
            and t.text not in _NOT_PLURALS
        )

    def currency_before(self, i: int) -> tuple[int, str] | None:
        """Currency symbol or code right before token ``i``: ``(start index, code)``."""
        p = self.tok(i - 1)
        if p is None:
            return None
        close = p.end >= self.tokens[i].start - 1
        if p.text in self.currency_symbols and close:
            q = self.tok(i - 2)
            if (
                p.text == "$"
                and q is not None
                and q.text in _DOLLAR_PREFIXES
                and p.start - q.end <= 1
            ):
                return (i - 2, _DOLLAR_CODES.get(q.text, q.text + "D"))
            return (i - 1, self.currency_symbols[p.text])
        if p.text.lower() in self.currency_codes and close and p.text.isupper():
            return (i - 1, self.currency_codes[p.text.lower()])
        if p.text in MINUS_SIGNS and self.glued(i):
            return self.currency_before(i - 1)
        return None

    # -- what surrounds a number ------------------------------------------------------
    def unit_follows(self, j: int) -> bool:
        """True when a unit starts at token ``j``."""
        return unit_table().match_after(self.tokens, j) is not None

    def has_qualifier(self, i: int) -> bool:
        """True when a qualifier ("at least", "about") ends right before token ``i``."""
        return qualifier_table("before").match_before(self.tokens, i) is not None

    def range_follows(self, num: ParsedNumber) -> bool:
        """True when ``num`` opens a range ("one to three"), judged by the number after it."""
        if self.low(num.j) in ("to", "or", "-", "–", "and"):
            b = self.number_at(num.j + 1)
            return b is not None and not b.weak
        return False
