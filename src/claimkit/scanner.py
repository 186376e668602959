"""The quantity scanner: turns the numbers of a text into :class:`~claimkit.quantity.Quantity`.

:class:`Scanner` walks the tokens of a text, skips phone numbers and the numbers that
:func:`~claimkit.nonfigures.not_a_figure` rules out, and completes each number with its sign,
currency or unit, range, qualifier and trend. Vague amounts ("dozens") and fractions ("a third of",
"one in five") are quantities too.

Examples:
    >>> [(q.text, q.qualifier, q.low, q.high) for q in Scanner("Nearly 40% of 1,200 rose.").scan()]
    [('Nearly 40%', 'approx', 36.0, 40.0), ('1,200', 'exact', 1200.0, 1200.0)]
"""

from __future__ import annotations

import dataclasses
import functools
import re

from claimkit.nonfigures import not_a_figure, phone_spans
from claimkit.numreader import MINUS_SIGNS, NumberReader, ParsedNumber
from claimkit.numwords import can_start_number
from claimkit.phrases import (
    RANGE_OPENERS,
    fraction_table,
    qualifier_table,
    unit_table,
    vague_table,
)
from claimkit.quantity import Quantity, round_value
from claimkit.ranges import range_after
from claimkit.trends import trend_before, trend_to
from claimkit.vocab import vocab, word_set

__all__ = ["Scanner"]

_FRACTION_FOLLOWERS = frozenset({"of", "the", "its", "their", "his", "her", "all", "a", "an"})
"""Words after a written fraction that make it a share ("half of", "a third the size")."""

_FRACTION_BLOCKERS = frozenset(
    {"first", "second", "the", "last", "other", "latter", "former", "one", "and"}
)
"""Words before a written fraction that make it no share ("the second half", "one and a half")."""

_BORDER_QUALIFIERS = frozenset({"over", "under", "above", "below", "around"})
"""Qualifier words that are prepositions after "from" or "to" ("from under 5")."""

_ALSO = re.compile(r",?\s*(?:or|and)\s+(?:about|around|some|nearly|almost)?\s*")
"""Text between a change and a figure that restates it ("lost 190 points, or 0.6%")."""

_AGE = re.compile(r"(year|month|week|day)s?-old$")
"""The word after a number that makes it an age ("34-year-old", "18 month-old")."""

_CONVERSION = re.compile(r"\s*[(/]\s*|\s*/\s*")
"""Text between a figure and its conversion in another unit ("296 hp (224 kW / 300 PS)")."""


def _interval(value: float, qualifier: str, below: bool) -> tuple[float | None, float | None]:
    """The interval a qualifier implies; ``below`` approximates from below ("nearly 40")."""
    band = float(vocab("qualifiers")["approx_band"])
    if qualifier == "approx":
        lo, hi = sorted((value * (1 - band), value if below else value * (1 + band)))
        return round_value(lo), round_value(hi)
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return value, value


@functools.cache
def _phrase_starters() -> frozenset[str]:
    """Words a vague amount or a written fraction can start with."""
    return vague_table().first_words | fraction_table().first_words


class Scanner(NumberReader):
    """Finds every quantity of one text.

    Args:
        text: Any text; no sentence splitting is needed.
    """

    def scan(self) -> list[Quantity]:
        """The quantities of the text, in text order."""
        out: list[Quantity] = []
        phones = phone_spans(self.text)
        starters = _phrase_starters()
        i = 0
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind != "num" and not (
                tok.text.lower() in starters or (tok.kind == "word" and can_start_number(tok.text))
            ):
                i += 1  # no quantity starts here (the common case: skip the lookups)
                continue
            if any(a <= tok.start < b for a, b in phones):
                i += 1
                continue
            q, i_next = self.quantity_at(i)
            if q is not None:
                if (
                    out
                    and q.trend is None
                    and out[-1].trend
                    and _ALSO.fullmatch(self.text[out[-1].end : q.start])
                ):
                    q = dataclasses.replace(q, trend=out[-1].trend)  # "lost 190 points, or 0.6%"
                if (
                    out
                    and q.qualifier == "exact"
                    and _CONVERSION.fullmatch(self.text[out[-1].end : q.start])
                ):
                    prev = out[-1]
                    if prev.qualifier not in ("exact", "range") and q.value is not None:
                        # "just under 296 hp (224 kW / 300 PS)": a conversion shares the qualifier
                        low, high = _interval(q.value, prev.qualifier, below=False)
                        q = dataclasses.replace(q, qualifier=prev.qualifier, low=low, high=high)
                out.append(q)
            i = max(i + 1, i_next)  # a ruled-out number is skipped whole ("aged 18 to 34")
        return out

    def quantity_at(self, i: int) -> tuple[Quantity | None, int]:
        """The quantity starting at token ``i`` (or ``None``) and the token index after it."""
        vague = vague_table().match_after(self.tokens, i)
        if vague is not None:
            n, (lo, hi) = vague
            if not self._vague_is_amount(i, n):
                return None, i + 1
            return self.build(i, i + n, (i, i + n), None, lo, hi, "range", None, "vague"), i + n
        if (fraction := self._fraction_phrase(i)) is not None:
            return fraction
        num = self.number_at(i)
        if num is not None and num.j < len(self.tokens):
            ratio = self._ratio(num)  # "one in five"
            if ratio is not None:
                return ratio
        if num is None:
            return None, i + 1
        if not_a_figure(self, num):
            if self.range_follows(num) and (far := self.number_at(num.j + 1)) is not None:
                return None, far.j  # "aged 18 to 34": the far end goes too
            return None, num.j
        return self.complete(num)

    def _vague_is_amount(self, i: int, n: int) -> bool:
        """Whether the vague phrase of ``n`` tokens at ``i`` states an amount ("dozens died")."""
        if self.low(i - 1) in ("the", "these", "those") and self.low(i + n) != "of":
            return False  # "the thousands who marched" refers back; "speaks of thousands" counts
        return (
            not self.tokens[i].text[:1].isupper()
            or i == 0
            or self.tokens[i - 1].text in (".", "!", "?")
        )

    def _ratio(self, a: ParsedNumber) -> tuple[Quantity, int] | None:
        """A share written as a ratio after ``a``: "one in five", "3 out of 4"."""
        k = a.j
        if self.low(k) == "in":
            k += 1
        elif self.low(k) == "out" and self.low(k + 1) == "of":
            k += 2
        else:
            return None
        b = self.number_at(k)
        if b is None or not b.value > a.value > 0 or b.value > 1000:
            return None
        share = round_value(a.value / b.value)
        span = (a.i, b.j)
        return self.build(a.i, b.j, span, share, share, share, "exact", "fraction", "fraction"), b.j

    def _fraction_phrase(self, i: int) -> tuple[Quantity, int] | None:
        """A written fraction starting at token ``i``: "two thirds of", "about half the"."""
        found = fraction_table().match_after(self.tokens, i)
        if found is None:
            return None
        n, share = found
        if self.low(i + n) not in _FRACTION_FOLLOWERS or self.low(i - 1) in _FRACTION_BLOCKERS:
            return None
        qual_i, qualifier = self._qualifier_before(i)
        low, high = _interval(share, qualifier, self._approx_below(qual_i, i))
        quantity = self.build(
            qual_i, i + n, (i, i + n), share, low, high, qualifier, "fraction", "fraction"
        )
        return quantity, i + n

    # -- completing a quantity --------------------------------------------------------
    def complete(self, num: ParsedNumber) -> tuple[Quantity | None, int]:
        """Add sign, currency or unit, range or qualifier, and trend to ``num``."""
        toks = self.tokens
        unit: str | None = None
        kind = "number"
        start_i = num.i
        currency = self.currency_before(num.i)
        if currency is not None:
            start_i, unit = currency
            kind = "money"
        value, start_i = self._signed(num, start_i, money=currency is not None)
        end_j = num.j
        after = unit_table().match_after(toks, end_j)
        if after is None and self.low(end_j) == "-" and self.glued(end_j) and self.glued(end_j + 1):
            hyphened = unit_table().match_after(toks, end_j + 1)  # "a five-year sentence", "10-km"
            if hyphened is not None and hyphened[1][1] != "money":
                after = (hyphened[0] + 1, hyphened[1])
            age = _AGE.match(self.low(end_j + 1))
            if age is not None:  # "a 34-year-old man": an age, never a count of victims
                after = (2, (age.group(1) + "s", "age"))
        elif after is None and _AGE.match(self.low(end_j)) and not self.glued(end_j):
            word = _AGE.match(self.low(end_j))
            assert word is not None
            after = (1, (word.group(1) + "s", "age"))  # "an 18 year-old winger"
        if unit is None and after is not None:
            n, (unit, kind) = after
            end_j += n
        elif unit is not None and after is not None and after[1][1] == "money":
            end_j += after[0]  # "$5 dollars": the currency word belongs to the figure
        qual_i = start_i
        out_value: float | None = value
        low: float | None
        high: float | None
        rng = range_after(self, num, end_j, value, unit, kind)
        if rng is not None and self.low(end_j) == "to" and trend_before(self, start_i) is not None:
            rng = None  # "rose 8.15% to 3.65": a change and a level, no range
        if rng is not None:
            if unit is None and rng.unit is not None:
                unit, kind = rng.unit, rng.kind
            end_j = rng.end
            qualifier, out_value, low, high = "range", None, rng.low, rng.high
            opener = RANGE_OPENERS.match_before(toks, start_i)
            if opener is not None:
                qual_i = opener[0]
        else:
            qual_i, qualifier = self._qualifier_before(start_i, end_j)
            qa = qualifier_table("after").match_after(toks, end_j)
            if qa is not None and qualifier == "exact" and (qa[1] != "+" or self.glued(end_j)):
                end_j += qa[0]
                qualifier = qa[1]
            low, high = _interval(value, qualifier, self._approx_below(qual_i, start_i))
        if qual_i == start_i and (sub := self._hyphen_qualifier(start_i)) is not None:
            qual_i, qualifier = sub
            low, high = _interval(value, qualifier, below=False)
        trend = None if qualifier == "range" else trend_before(self, qual_i)
        if trend is None and qualifier != "range" and self.low(qual_i - 1) == "to":
            trend = trend_to(self, qual_i - 1)  # "rose to 64", "plunged 4.28 percent to 28,030"
        if kind == "number" and unit is None and self.low(end_j) == "percent":
            unit, kind = "percent", "percent"
        span = (num.i, num.j)
        quantity = self.build(
            qual_i, end_j, span, out_value, low, high, qualifier, unit, kind, trend
        )
        return quantity, end_j

    def _hyphen_qualifier(self, start_i: int) -> tuple[int, str] | None:
        """A qualifier glued by a hyphen: "sub-7 nanometre" (less than), "over-65s" (more than)."""
        if self.low(start_i - 1) != "-" or not self.glued(start_i) or not self.glued(start_i - 1):
            return None
        word = self.low(start_i - 2)
        found = {"sub": "less_than", "under": "less_than", "over": "more_than"}.get(word)
        return None if found is None else (start_i - 2, found)

    def _signed(self, num: ParsedNumber, start_i: int, *, money: bool) -> tuple[float, int]:
        """The value of ``num`` with a minus sign before it applied ("-3.5", "minus 4", "$-5")."""
        p = self.tok(num.i - 1)
        if (
            p is not None
            and p.text in MINUS_SIGNS
            and self.glued(num.i)
            and self.low(num.i - 2) == "minus"
        ):
            return -num.value, num.i - 2  # "minus-130 degrees"
        if p is not None and p.text in MINUS_SIGNS and self.glued(num.i):
            pp = self.tok(num.i - 2)
            # "5-3" and "COVID-19" are no negative numbers
            if pp is None or (
                pp.kind != "num" and not (pp.kind == "word" and self.glued(num.i - 1))
            ):
                return -num.value, (start_i if money else num.i - 1)
        elif self.low(num.i - 1) == "minus":
            return -num.value, num.i - 1
        return num.value, start_i

    def _qualifier_before(self, start_i: int, end_j: int | None = None) -> tuple[int, str]:
        """The qualifier ending before token ``start_i``: ``(its first token, name)``.

        ``end_j`` (the token after the figure) lets "over" before a duration read as "during"
        ("arrested over three days"), not "more than" ("for over two years").
        """
        qb = qualifier_table("before").match_before(self.tokens, start_i)
        if qb is None or self._qualifier_blocked(qb[0]):
            return start_i, "exact"
        if end_j is not None and self._temporal_over(qb[0], start_i, end_j):
            return start_i, "exact"
        return qb

    def _temporal_over(self, qi: int, start_i: int, end_j: int) -> bool:
        """ "over three days" after a verb means during them; after "for" it means more than."""
        if self.low(qi) != "over" or qi + 1 != start_i:
            return False
        unit = unit_table().match_after(self.tokens, end_j - 1) or unit_table().match_after(
            self.tokens, end_j - 2
        )
        if unit is None or unit[1][1] != "duration":
            return False
        return self.low(qi - 1) not in (
            "for",
            "of",
            "in",
            "after",
            "lasting",
            "within",
            "than",
            "spanning",
        )

    def _qualifier_blocked(self, qi: int) -> bool:
        """Whether the qualifier word at ``qi`` is a preposition instead ("from under 5")."""
        return self.low(qi) in _BORDER_QUALIFIERS and self.low(qi - 1) in ("from", "to")

    def _approx_below(self, qi: int, start_i: int) -> bool:
        """Whether the qualifier in tokens ``[qi, start_i)`` approximates from below."""
        words = " ".join(t.text.lower() for t in self.tokens[qi:start_i])
        return words in word_set("qualifiers", "approx_below")

    def build(
        self,
        i: int,
        j: int,
        num_span: tuple[int, int],
        value: float | None,
        low: float | None,
        high: float | None,
        qualifier: str,
        unit: str | None,
        kind: str,
        trend: str | None = None,
    ) -> Quantity:
        """The :class:`Quantity` of tokens ``[i, j)`` whose number is tokens ``num_span``."""
        start = self.tokens[i].start
        end = self.tokens[j - 1].end
        return Quantity(
            start=start,
            end=end,
            text=self.text[start:end],
            value=None if value is None else round_value(value),
            low=None if low is None else round_value(low),
            high=None if high is None else round_value(high),
            qualifier=qualifier,
            unit=unit,
            trend=trend,
            kind=kind,
            num_start=self.tokens[num_span[0]].start,
            num_end=self.tokens[num_span[1] - 1].end,
        )
