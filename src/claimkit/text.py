"""Text clean-up before analysis, length-preserving so offsets slice the original text.

Every change replaces one character with one character, so an offset into the prepared text is the
same offset into the text as given:

- control characters (C0 and C1, DEL), carriage returns, zero-width spaces, byte-order marks, line
  and paragraph separators and invisible bidirectional marks become spaces;
- lone surrogates (which no encoder accepts) become U+FFFD;
- Arabic-Indic, Persian and Devanagari digits and the Arabic decimal and thousands separators
  become ASCII, so ``۱۲۰`` is read as 120 while ``text[start:end]`` of the original still shows
  ``۱۲۰``.

Zero-width joiners and non-joiners stay: they are part of Persian words and emoji.

Examples:
    >>> prepare_text("۱۲۰ killed\\x00")
    '120 killed '
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["line_spans", "prepare_text"]

_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic (Persian, Urdu)
        **{chr(0x0966 + i): str(i) for i in range(10)},  # Devanagari
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (but tab and newline), DEL, C1
    "\r\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def prepare_text(text: str) -> str:
    """Normalise ``text`` without changing its length.

    Args:
        text: Raw article text.

    Returns:
        The text with control and invisible formatting characters replaced by spaces, lone
        surrogates by U+FFFD, and non-ASCII decimal digits by ASCII digits.

    Examples:
        >>> len(prepare_text("a\\r\\nb")) == len("a\\r\\nb")
        True
        >>> prepare_text("\\u200f٣٠٠ dead")
        ' 300 dead'
    """
    text = _CONTROL.sub(" ", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text.translate(_DIGITS)


def line_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """The non-blank lines of ``text``: ``(start, end, stripped line)``, offsets of the raw line.

    Examples:
        >>> list(line_spans("Title\\n\\n  Body text.\\n"))
        [(0, 5, 'Title'), (7, 19, 'Body text.')]
    """
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if raw.strip():
            yield start, end, raw.strip()
