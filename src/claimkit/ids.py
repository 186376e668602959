"""Stable identifiers: document ids from text, entity ids from canonical names.

Examples:
    >>> entity_id("PERSON", "Ricardo Rosselló") == entity_id("PERSON", "Ricardo Rossello")
    True
    >>> len(doc_id_for("Some text."))
    16
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = ["doc_id_for", "entity_id", "fold", "slug"]


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, for tolerant name comparison (cached: names repeat).

    Examples:
        >>> fold("Rosselló")
        'rossello'
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """A lower-case, accent-free, hyphen-joined form of ``text``.

    Examples:
        >>> slug("Amnesty International’s")
        'amnesty-international-s'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def entity_id(label: str, canonical: str) -> str:
    """The id shared by every mention of an entity, in every document.

    Examples:
        >>> entity_id("ORG", "Amnesty International")
        'ORG:amnesty-international'
    """
    return f"{label}:{slug(canonical)}"


def doc_id_for(text: str) -> str:
    """A stable id for a document without one: the first 16 hex digits of its SHA-256.

    Examples:
        >>> doc_id_for("a") == doc_id_for("a")
        True
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
