"""Low-level pieces of number parsing: a light tokeniser, digits and written numbers.

Examples:
    >>> [t.text for t in tokenize("$3.2bn, fifteen hundred")]
    ['$', '3.2', 'bn', ',', 'fifteen', 'hundred']
    >>> parse_words(["fifteen", "hundred"], [0, 8], [7, 15])
    (2, 1500.0, False)
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

from claimkit.vocab import vocab, word_set

__all__ = ["PLAIN_COUNT_NOUNS", "Token", "parse_digits", "parse_words", "tokenize"]

_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:[-'’.][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)


class Token(NamedTuple):
    """A token of :func:`tokenize`: its text, kind (num, word, sym) and offsets."""

    text: str
    kind: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into number, word and symbol tokens with character offsets.

    Examples:
        >>> [(t.text, t.kind) for t in tokenize("1,500 died")]
        [('1,500', 'num'), ('died', 'word')]
    """
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word, kind, start = m.group(), m.lastgroup or "sym", m.start()
        low = word.lower()
        if kind == "word" and low.endswith("fold") and _is_number_word(low[:-4]):
            # "sixfold", "tenfold": the number and the unit "fold" (times)
            cut = start + len(word) - 4
            out.append(Token(word[:-4], "word", start, cut))
            out.append(Token(word[-4:], "word", cut, m.end()))
            continue
        head, dash, rest = word.partition("-")
        # "five-year" splits into five, -, year; "twenty-five" and "two-thirds" stay whole
        if (
            kind == "word"
            and dash
            and _is_number_word(head)
            and not _is_number_word(rest.split("-")[0])
            and rest.lower() not in _FRACTION_TAILS
            and rest.lower() in _unit_words()
        ):
            out.append(Token(head, "word", start, start + len(head)))
            out.append(Token("-", "sym", start + len(head), start + len(head) + 1))
            out.append(Token(rest, "word", start + len(head) + 1, m.end()))
            continue
        out.append(Token(word, kind, start, m.end()))
    return out


_FRACTION_TAILS = frozenset(
    {
        "third",
        "thirds",
        "quarter",
        "quarters",
        "fourth",
        "fourths",
        "fifth",
        "fifths",
        "tenth",
        "tenths",
        "half",
    }
)
"""Words after a hyphen that make a written fraction ("two-thirds"), kept as one token."""


@functools.cache
def _unit_words() -> frozenset[str]:
    """Single-word units ("year", "km") that a hyphen may join to a written number ("five-year")."""
    data = vocab("units")
    words = {str(k).lower() for k in data["measures"] if " " not in str(k)}
    return frozenset(words)


def _is_number_word(word: str) -> bool:
    units, tens, _ = _word_values()
    return word.lower() in units or word.lower() in tens


def parse_digits(text: str) -> float | None:
    """Parse a digit string with optional thousands commas and decimals.

    Returns ``None`` for digits too long to be a finite number.

    Examples:
        >>> parse_digits("1,500.5")
        1500.5
    """
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # a 400-digit string is no quantity


@functools.cache
def _word_values() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    data = vocab("numbers")
    return (
        {k: int(v) for k, v in data["units_words"].items()},
        {k: int(v) for k, v in data["tens_words"].items()},
        {k: int(v) for k, v in data["scales"].items()},
    )


def _split_compound(word: str) -> list[str] | None:
    units, tens, _ = _word_values()
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in tens and parts[1] in units and units[parts[1]] > 0:
        return parts
    return None


def can_start_number(word: str) -> bool:
    """Whether a written number can start with ``word`` (a quick test before :func:`parse_words`).

    Examples:
        >>> can_start_number("Twenty-five"), can_start_number("a"), can_start_number("died")
        (True, True, False)
    """
    units, tens, _ = _word_values()
    w = word.lower()
    return w in units or w in tens or w in ("a", "an") or w.partition("-")[0] in tens


def parse_words(
    words: list[str], starts: list[int], ends: list[int]
) -> tuple[int, float, bool] | None:
    """Parse a written number at the start of ``words``.

    Args:
        words: Consecutive tokens (only the leading number words are used).
        starts: Start offsets of the tokens, to require single spaces between them.
        ends: End offsets of the tokens.

    Returns:
        ``(tokens used, value, weak)`` where ``weak`` marks a lone "one", which counts only with a
        unit; ``None`` when ``words`` does not start with a number.

    Examples:
        >>> parse_words(["a", "dozen", "people"], [0, 2, 8], [1, 7, 14])
        (2, 12.0, False)
    """
    units, tens, scales = _word_values()
    total = 0
    current = 0
    used = 0
    seen = False
    last_kind = ""
    k = 0
    while k < len(words):
        w = words[k].lower()
        if k and starts[k] - ends[k - 1] > 1:
            break
        nxt = words[k + 1].lower() if k + 1 < len(words) else ""
        if w in ("a", "an") and k == 0 and nxt in scales:
            current = 1
            last_kind = "a"
            k += 1
            continue
        compound = _split_compound(w)
        if compound is not None:
            if current % 100:
                break
            current += tens[compound[0]] + units[compound[1]]
            last_kind = "unit"
        elif w in units:
            if current % 100 and not (current % 100 >= 20 and current % 10 == 0):
                break
            if last_kind == "unit" or (last_kind == "tens" and units[w] == 0):
                break
            current += units[w]
            last_kind = "unit"
        elif w in tens:
            if current % 100:
                break
            current += tens[w]
            last_kind = "tens"
        elif w == "hundred" and (seen or last_kind == "a") and current < 100:
            current = max(current, 1) * 100
            last_kind = "scale"
        elif w == "dozen" and (seen or last_kind == "a"):
            current = max(current, 1) * 12
            last_kind = "scale"
        elif w in scales and w not in ("hundred", "dozen") and (seen or last_kind == "a"):
            total += max(current, 1) * scales[w]
            current = 0
            last_kind = "scale"
        elif (
            w == "and"
            and seen
            and last_kind == "scale"
            and (nxt in units or nxt in tens or _split_compound(nxt))
        ):
            k += 1
            continue
        else:
            break
        seen = True
        k += 1
        used = k
    if not seen:
        return None
    value = float(total + current)
    weak = used == 1 and words[0].lower() == "one"
    return used, value, weak


@functools.cache
def PLAIN_COUNT_NOUNS() -> frozenset[str]:
    """Plural nouns that make a four-digit number a count, not a year ("2000 people")."""
    nouns = set(word_set("categories", "count_nouns"))
    for cat in vocab("categories")["nouns"].values():
        nouns.update(str(n).lower() for n in cat)
    return frozenset(nouns)
