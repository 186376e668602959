"""Phrase tables of the number parser, with longest-match lookups over tokens.

A :class:`PhraseTable` maps phrases, as tuples of lower-cased tokens, to values. The tables are
read from ``claimkit/data/numbers.yaml``, ``qualifiers.yaml`` and ``units.yaml`` and cached.

Examples:
    >>> from claimkit.numwords import tokenize
    >>> tokens = tokenize("at least 5 per cent")
    >>> qualifier_table("before").match_before(tokens, 2)
    (0, 'at_least')
    >>> unit_table().match_after(tokens, 3)
    (2, ('percent', 'percent'))
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Generic, TypeAlias, TypeVar

from claimkit.numwords import Token, tokenize
from claimkit.vocab import vocab

__all__ = [
    "RANGE_OPENERS",
    "Phrase",
    "PhraseTable",
    "fraction_table",
    "qualifier_table",
    "split_phrase",
    "unit_table",
    "vague_table",
]

V = TypeVar("V")

Phrase: TypeAlias = tuple[str, ...]


def split_phrase(phrase: str) -> Phrase:
    """The lower-cased tokens of ``phrase``, as a table key."""
    return tuple(t.text.lower() for t in tokenize(phrase))


@functools.cache
def unit_table() -> PhraseTable[tuple[str, str]]:
    """Unit surface forms -> ``(unit, kind)``; kind is measure, duration, money or percent."""
    data = vocab("units")
    table: dict[Phrase, tuple[str, str]] = {}
    durations = set(data["durations"])
    for surface, unit in data["measures"].items():
        kind = "duration" if unit in durations else "measure"
        table[split_phrase(str(surface))] = (str(unit), kind)
    for surface, unit in data["currency_words"].items():
        table[split_phrase(str(surface))] = (str(unit), "money")
    for surface, unit in data["percent"].items():
        kind = "percent" if unit == "percent" else "measure"
        table[split_phrase(str(surface))] = (str(unit), kind)
    return PhraseTable(table)


@functools.cache
def vague_table() -> PhraseTable[tuple[float, float]]:
    """Vague amounts ("dozens", "tens of thousands") -> ``(low, high)``."""
    table = vocab("numbers")["vague"]
    return PhraseTable({split_phrase(str(k)): (float(v[0]), float(v[1])) for k, v in table.items()})


@functools.cache
def fraction_table() -> PhraseTable[float]:
    """Written fractions ("two thirds", "a quarter") -> share in percent."""
    table = vocab("numbers")["fractions"]
    return PhraseTable({split_phrase(str(k)): float(v) for k, v in table.items()})


@functools.cache
def qualifier_table(position: str) -> PhraseTable[str]:
    """Qualifier words found ``"before"`` or ``"after"`` a number -> qualifier name."""
    table = vocab("qualifiers")[position]
    return PhraseTable({split_phrase(str(k)): str(v) for k, v in table.items()})


class PhraseTable(Generic[V]):
    """Phrases mapped to values, with longest-match lookups over tokens.

    A phrase is a tuple of lower-cased tokens; the tokens of a match may be at most one space
    apart. Among matches of the same length, the phrase listed first wins.

    Args:
        entries: Phrase -> value, in order of preference.

    Raises:
        ValueError: If a phrase is empty.
    """

    def __init__(self, entries: Mapping[Phrase, V]) -> None:
        self._by_first: dict[str, list[tuple[Phrase, V]]] = {}
        self._by_last: dict[str, list[tuple[Phrase, V]]] = {}
        for phrase, value in entries.items():
            if not phrase:
                raise ValueError("empty phrase in a phrase table")
            self._by_first.setdefault(phrase[0], []).append((phrase, value))
            self._by_last.setdefault(phrase[-1], []).append((phrase, value))

    @property
    def first_words(self) -> frozenset[str]:
        """The words a phrase of the table can start with."""
        return frozenset(self._by_first)

    def match_after(self, tokens: list[Token], i: int) -> tuple[int, V] | None:
        """Longest phrase starting at token ``i``: ``(number of tokens, value)``, or ``None``."""
        if i >= len(tokens):
            return None
        best: tuple[int, V] | None = None
        for phrase, value in self._by_first.get(tokens[i].text.lower(), ()):
            n = len(phrase)
            if (
                (best is None or n > best[0])
                and i + n <= len(tokens)
                and _spells(tokens, i, phrase)
                and all(tokens[k].start - tokens[k - 1].end <= 1 for k in range(i + 1, i + n))
            ):
                best = (n, value)
        return best

    def match_before(self, tokens: list[Token], i: int) -> tuple[int, V] | None:
        """Longest phrase ending before token ``i``: ``(its first token, value)``, or ``None``."""
        if not 0 < i <= len(tokens):
            return None
        best: tuple[int, V] | None = None
        for phrase, value in self._by_last.get(tokens[i - 1].text.lower(), ()):
            s = i - len(phrase)
            if (
                (best is None or s < best[0])
                and s >= 0
                and _spells(tokens, s, phrase)
                and all(_next_start(tokens, k) - tokens[k].end <= 1 for k in range(s, i))
            ):
                best = (s, value)
        return best


def _spells(tokens: list[Token], s: int, phrase: Phrase) -> bool:
    """True when ``tokens[s:]`` starts with the words of ``phrase`` (any case)."""
    return all(tokens[s + k].text.lower() == word for k, word in enumerate(phrase))


def _next_start(tokens: list[Token], k: int) -> int:
    """Start of the token after ``k``, or the end of ``k`` when it is the last token."""
    return tokens[k + 1].start if k + 1 < len(tokens) else tokens[k].end


RANGE_OPENERS: PhraseTable[str] = PhraseTable(
    {
        ("between",): "between",
        ("from",): "from",
        ("anywhere", "from"): "from",
        ("ranging", "from"): "from",
    }
)
"""Words that open a range ("between 5 and 10", "from 5 to 10")."""
