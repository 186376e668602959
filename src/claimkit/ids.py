"""Stable identifiers: document ids from text, entity ids from canonical names, row ids.

Every row of the figures, entities, roles, events and links tables has an id made of its
``doc_id`` and its character offsets (plus, where two rows can share a span, a short hash of what
tells them apart), so the same document analysed again gives the same ids, and ids join tables
without looking at any other column.

Examples:
    >>> entity_id("PERSON", "Ricardo Rosselló") == entity_id("PERSON", "Ricardo Rossello")
    True
    >>> len(doc_id_for("Some text."))
    16
    >>> figure_id("d1", 12), mention_id("d1", 30, 35), event_row_id("d1", "massacre:1988")
    ('d1:12', 'd1:30-35', 'd1:massacre:1988')
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = [
    "doc_id_for",
    "entity_id",
    "event_row_id",
    "figure_id",
    "fold",
    "link_id",
    "mention_id",
    "role_id",
    "slug",
]


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


def _tag(*parts: str | None) -> str:
    """Eight hex digits that tell apart rows sharing a span (``None`` and ``""`` hash alike)."""
    payload = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def figure_id(doc_id: str, start_char: int) -> str:
    """The id of a figure row: its document and first character (figures never overlap).

    It is also the ``id`` column of :func:`claimkit.compare.compare`.

    Examples:
        >>> figure_id("d1", 0)
        'd1:0'
    """
    return f"{doc_id}:{start_char}"


def mention_id(doc_id: str, start_char: int, end_char: int) -> str:
    """The id of an entity-mention row (``entity_id`` names the entity, this one mention of it).

    Examples:
        >>> mention_id("d1", 10, 15)
        'd1:10-15'
    """
    return f"{doc_id}:{start_char}-{end_char}"


def role_id(
    doc_id: str, start_char: int, end_char: int, person: str, role: str, organization: str | None
) -> str:
    """The id of a role row: its evidence span and who holds which role there.

    Examples:
        >>> role_id("d1", 0, 40, "Ebrahim Raisi", "head", "judiciary") == role_id(
        ...     "d1", 0, 40, "Ebrahim Raisi", "head", "judiciary")
        True
        >>> role_id("d1", 0, 40, "Ebrahim Raisi", "head", None)[:8]
        'd1:0-40:'
    """
    return f"{doc_id}:{start_char}-{end_char}:{_tag(person, role, organization)}"


def event_row_id(doc_id: str, event_id: str) -> str:
    """The id of an events row: the document and the event's id within it.

    Examples:
        >>> event_row_id("d1", "protest:2019-11")
        'd1:protest:2019-11'
    """
    return f"{doc_id}:{event_id}"


def link_id(
    doc_id: str, start_char: int, end_char: int, person: str, event_id: str, relation: str
) -> str:
    """The id of a links row: its span and the person, event and relation it states.

    Examples:
        >>> link_id("d1", 5, 60, "Ebrahim Raisi", "massacre:1988", "member")[:8]
        'd1:5-60:'
    """
    return f"{doc_id}:{start_char}-{end_char}:{_tag(person, event_id, relation)}"
