"""Non-figure checks for numbers in words: a pronoun "one" and numbers that refer back.

"No one", "the same one" and "one another" count nothing; "these four judges" and "one of four
officials" refer to a group already counted. Each check takes a
:class:`~claimkit.numreader.NumberReader` and a number it parsed; :mod:`claimkit.nonfigures`
combines them.

Examples:
    >>> from claimkit.numreader import NumberReader
    >>> r = NumberReader("No one saw these four judges; one can say so.")
    >>> lone_one(r, r.number_at(1)), demonstrative_reference(r, r.number_at(4))
    (True, True)
"""

from __future__ import annotations

from claimkit.numreader import NumberReader, ParsedNumber

__all__ = ["demonstrative_reference", "determiner_one", "lone_one", "one_of_reference"]

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


def lone_one(r: NumberReader, num: ParsedNumber) -> bool:
    """A lone "one" that counts nothing: "no one", "the same one", "one another", "one of them"."""
    if not num.weak or r.unit_follows(num.j) or r.range_follows(num):
        return False
    if r.low(num.i - 1) in ("killing", "injuring", "wounding", "killed", "injured", "wounded"):
        return False  # "shot three people, killing one."
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
