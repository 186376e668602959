"""Text-only number parsing: find every quantity a text states, with its qualifier and interval.

Nothing here needs spaCy. :func:`scan` walks a light tokenisation of the text and returns
:class:`Quantity` objects with character offsets; :mod:`claimkit.extract.figures` adds the context
(category, subject, claimant) from the parsed sentence. The word lists live in
``claimkit/data/numbers.yaml``, ``qualifiers.yaml``, ``units.yaml`` and ``cues.yaml``.

The work is split over :mod:`claimkit.numwords` (tokens, digits, written numbers),
:mod:`claimkit.phrases` (phrase tables), :mod:`claimkit.numreader` (numbers with their scale and
currency), :mod:`claimkit.nonfigures` (years, dates, identifiers and other non-figures) and
:mod:`claimkit.scanner` (qualifiers, units, ranges and trends).

Examples:
    >>> [(q.text, q.value, q.qualifier) for q in scan("At least 304 people died.")]
    [('At least 304', 304.0, 'at_least')]
"""

from __future__ import annotations

from claimkit.numreader import MINUS_SIGNS, NumberReader
from claimkit.quantity import Quantity, round_value
from claimkit.scanner import Scanner

__all__ = ["Quantity", "parse_number", "scan"]


def scan(text: str) -> list[Quantity]:
    """Find every quantity stated in ``text``.

    Args:
        text: Any text; no sentence splitting is needed.

    Returns:
        Quantities in text order, with offsets into ``text``.

    Examples:
        >>> [(q.text, q.low, q.high) for q in scan("between 2,800 and 3,800 prisoners")]
        [('between 2,800 and 3,800', 2800.0, 3800.0)]
    """
    return Scanner(text).scan()


def parse_number(text: str) -> float:
    """Parse one number written in any supported style.

    Unlike :func:`scan`, this keeps years and a lone "one": the whole text is the number.

    Args:
        text: ``"1,500"``, ``"30 000"``, ``"1.5 million"``, ``"fifteen hundred"``, ``"2bn"``,
            ``"-3.5"``, ``"a dozen"``, ``"one hundred and twenty"``.

    Returns:
        The value.

    Raises:
        ValueError: If ``text`` is not a single number.

    Examples:
        >>> parse_number("fifteen hundred"), parse_number("2.5bn"), parse_number("-3.5")
        (1500.0, 2500000000.0, -3.5)
    """
    reader = NumberReader(text.strip())
    n_tokens = len(reader.tokens)
    num = reader.number_at(0)
    if num is not None and num.j == n_tokens:
        return round_value(num.value)
    if n_tokens and reader.tokens[0].text in MINUS_SIGNS:
        num = reader.number_at(1)
        if num is not None and num.j == n_tokens:
            return round_value(-num.value)
    raise ValueError(f"not a single number: {text!r}")
