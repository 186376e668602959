"""Text clean-up before analysis, length-preserving so offsets slice the original text.

Control characters become spaces; Arabic-Indic and Persian digits (and the Arabic decimal and
thousands separators) become ASCII, one character for one.

Example:
    >>> prepare_text("۱۲۰ killed\\x00")
    '120 killed '
"""

from __future__ import annotations

import re

__all__ = ["prepare_text"]

_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic (Persian, Urdu)
        **{chr(0x0966 + i): str(i) for i in range(10)},  # Devanagari
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\u2028\u2029]")


def prepare_text(text: str) -> str:
    """Normalise ``text`` without changing its length.

    Args:
        text: Raw article text.

    Returns:
        The text with control characters replaced by spaces, carriage returns by spaces, and
        non-ASCII decimal digits by ASCII digits.

    Example:
        >>> len(prepare_text("a\\r\\nb")) == len("a\\r\\nb")
        True
    """
    text = _CONTROL.sub(" ", text.replace("\r", " "))
    return text.translate(_DIGITS)
