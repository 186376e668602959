"""The result of analysing one document.

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("Over 30,000 were executed in 1988.", source="Example Post")
    >>> [f.text for f in a.figures], a.to_frames()["figures"].loc[0, "source"]
    (['Over 30,000'], 'Example Post')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimkit.records import Entity, ErrorRecord, Event, Figure, Link, Role

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "Analysis"]

TABLES = ("figures", "entities", "roles", "events", "links")
"""The record tables every analysis has."""


@dataclass(slots=True)
class Analysis:
    """Everything claimkit found in one document.

    Attributes:
        doc_id: The document's id (given, or a stable hash of the text).
        text: The analysed text; every record's offsets index into it.
        source: Outlet or publisher.
        published: ISO publication date.
        title: Headline.
        url: Address of the original.
        figures: Figures claimed, in text order.
        entities: Named-entity mentions with canonical names.
        roles: Who holds which role.
        events: Events referred to.
        links: People tied to events (member, responsible, victim, ordered, appointed, participant).
        boilerplate: Character ranges excluded as page boilerplate.
        errors: Why parts of the analysis failed (empty when all went well).
        path: File the document was read from, if any.
        place: The place its dateline names, as written ("DAYTON, Ohio"), if the reader found one.

    Examples:
        >>> import claimkit
        >>> a = claimkit.analyze("At least 304 people were killed, Amnesty International said.")
        >>> a.ok, [f.text for f in a.figures], a.error_records()
        (True, ['At least 304'], [])
    """

    doc_id: str
    text: str
    source: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    figures: list[Figure] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    path: str | None = None
    place: str | None = None

    @property
    def ok(self) -> bool:
        """True when the document was analysed without errors."""
        return not self.errors

    def error_records(self) -> list[ErrorRecord]:
        """The errors as rows of the errors table."""
        return [ErrorRecord(self.doc_id, self.path, reason) for reason in self.errors]

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """One DataFrame per table: record fields plus ``source`` and ``published``.

        Examples:
            >>> import claimkit
            >>> sorted(claimkit.analyze("Ten people died.").to_frames())
            ['entities', 'errors', 'events', 'figures', 'links', 'roles']
        """
        from claimkit.export import frames

        return frames([self])

    def _repr_html_(self) -> str:
        from claimkit.render import render

        return render(self)

    def __repr__(self) -> str:
        return (
            f"Analysis(doc_id={self.doc_id!r}, figures={len(self.figures)}, entities={len(self.entities)}, "
            f"roles={len(self.roles)}, events={len(self.events)}, links={len(self.links)}, "
            f"errors={len(self.errors)})"
        )
