"""The text of a spaCy ``Doc``, read once: ``Doc.text`` rebuilds the string on every access.

Examples:
    >>> import spacy
    >>> doc = spacy.blank("en")("Ten died.")
    >>> text_of(doc) is text_of(doc)
    True
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["text_of"]

_KEY = "claimkit_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data``.

    Examples:
        >>> import spacy
        >>> text_of(spacy.blank("en")("a b"))
        'a b'
    """
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, str):
        return cached
    text = doc.text
    doc.user_data[_KEY] = text
    return text
