"""The records claimkit extracts: frozen, slotted dataclasses holding plain values only.

Records never hold spaCy objects, so they pickle, cross process boundaries and turn into table rows.
Offsets are character offsets into the analysed text. Dates are ISO strings: ``"2019"``,
``"2019-11"`` or ``"2019-11-15"``.

Every record but :class:`ErrorRecord` has a row id as its first field (``figure_id``,
``mention_id``, ``role_id``, ``event_row_id``, ``link_id``). It is computed from the ``doc_id`` and
offsets (see :mod:`claimkit.ids`), never passed to the constructor, and recomputed when
``dataclasses.replace`` moves a record, so it always matches the record's fields.

Examples:
    >>> f = Figure(doc_id="d1", text="at least 304", start_char=0, end_char=12, value=304.0,
    ...            low=304.0, high=None, qualifier="at_least", category="killed")
    >>> f.interval, f.figure_id
    ((304.0, None), 'd1:0')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from claimkit.ids import event_row_id, figure_id, link_id, mention_id, role_id

__all__ = [
    "CATEGORIES",
    "EVENT_KINDS",
    "LINK_RELATIONS",
    "NO_CATEGORY",
    "QUALIFIERS",
    "ROLE_QUALIFIERS",
    "TRENDS",
    "Entity",
    "ErrorRecord",
    "Event",
    "Figure",
    "Link",
    "Role",
    "record_fields",
]

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
"""Values of :attr:`Figure.qualifier`."""

TRENDS = ("up", "down", None)
"""Values of :attr:`Figure.trend`."""

CATEGORIES = (
    "killed",
    "injured",
    "arrested",
    "executed",
    "sentenced",
    "missing",
    "displaced",
    "participants",
    "places",
    "share",
    "money",
    "other",
    None,
)
"""Values of :attr:`Figure.category`.

A figure outside every category (a counted thing that is none of the others, a measure with a unit,
an age, a duration) has category ``"other"`` (:data:`NO_CATEGORY`); claimkit never gives ``None``.
``None`` stays in the tuple so that code checking values against it keeps working, and a
:class:`Figure` built with ``category=None`` holds ``"other"``."""

NO_CATEGORY = "other"
"""The one value of :attr:`Figure.category` for "no category"."""

EVENT_KINDS = (
    "protest",
    "crackdown",
    "massacre",
    "execution",
    "election",
    "inauguration",
    "appointment",
    "disaster",
    "attack",
    "war",
    "trial",
    "other",
)
"""Values of :attr:`Event.kind`."""

ROLE_QUALIFIERS = ("former", "then", "elect", "acting", "late", None)
"""Values of :attr:`Role.qualifier`."""

LINK_RELATIONS = ("member", "responsible", "victim", "ordered", "appointed", "participant")
"""Values of :attr:`Link.relation` (person–event links)."""


class _Record:
    """Shared helpers of all records."""

    __slots__ = ()
    table: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain ``dict`` of its fields.

        Examples:
            >>> Event("d1", "e1", "the 1988 massacre", "massacre").to_dict()["kind"]
            'massacre'
        """
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    """One mention of a named person, organisation, place or other entity.

    Attributes:
        mention_id: Id of this mention row (``"d1:10-15"``: document and offsets); computed.
        doc_id: Document the mention is in.
        entity_id: Deterministic id of the canonical entity (``"PERSON:ebrahim-raisi"``), equal for
            every mention of it in any document.
        text: The mention as written.
        label: spaCy-style label after claimkit's repairs (PERSON, ORG, GPE, NORP, EVENT, ...).
        canonical: The full name all mentions of the entity share ("Ebrahim Raisi" for "Raisi").
        start_char: Offset of the first character.
        end_char: Offset one past the last character.
        sentence_id: Index of the sentence in the document, from 0.

    Examples:
        >>> Entity("d1", "PERSON:ebrahim-raisi", "Raisi", "PERSON", "Ebrahim Raisi", 10, 15, 2).canonical
        'Ebrahim Raisi'
    """

    table: ClassVar[str] = "entities"
    mention_id: str = field(init=False)
    doc_id: str
    entity_id: str
    text: str
    label: str
    canonical: str
    start_char: int
    end_char: int
    sentence_id: int

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "mention_id", mention_id(self.doc_id, self.start_char, self.end_char)
        )


@dataclass(frozen=True, slots=True)
class Figure(_Record):
    """One number a text claims, with what it counts and who claims it.

    Attributes:
        figure_id: Id of the figure row (``"d1:12"``: document and first offset); computed.
        doc_id: Document the figure is in.
        text: The span as written: qualifier, number and unit ("at least 304", "$3.2 billion").
        start_char: Offset of the first character of ``text``.
        end_char: Offset one past its last character.
        sentence: The sentence the figure is in.
        value: The number; ``None`` for a range.
        low: Lower end of the implied interval (``None``: unbounded).
        high: Upper end of the implied interval (``None``: unbounded).
        qualifier: One of :data:`QUALIFIERS`.
        trend: ``"up"`` or ``"down"`` for a stated change, else ``None``.
        unit: Unit or ISO currency code; ``None`` for a plain count.
        category: One of :data:`CATEGORIES`; ``"other"`` when none applies (never ``None``).
        subject: The counted noun phrase ("protesters", "political prisoners").
        hedge: Hedging words around the figure, joined with ``"; "``.
        attribution: Who claims the figure (canonical entity name or noun phrase).
        event: Name of the event the figure counts.
        event_id: :attr:`Event.event_id` of that event in the same document (keyword only).
        date_start: ISO start of the period the figure counts.
        date_end: ISO end of that period.
        location: Place the figure refers to.

    Examples:
        >>> Figure("d1", "over 30,000", 0, 11, value=30000.0, low=30000.0, qualifier="more_than").high is None
        True
    """

    table: ClassVar[str] = "figures"
    figure_id: str = field(init=False)
    doc_id: str
    text: str
    start_char: int
    end_char: int
    sentence: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    trend: str | None = None
    unit: str | None = None
    category: str | None = None
    subject: str | None = None
    hedge: str | None = None
    attribution: str | None = None
    event: str | None = None
    event_id: str | None = field(default=None, kw_only=True)
    date_start: str | None = None
    date_end: str | None = None
    location: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "figure_id", figure_id(self.doc_id, self.start_char))
        if self.category is None:
            object.__setattr__(self, "category", NO_CATEGORY)

    @property
    def interval(self) -> tuple[float | None, float | None]:
        """The ``(low, high)`` interval the figure claims.

        Examples:
            >>> Figure("d1", "over 30,000", 0, 11, value=30000.0, low=30000.0).interval
            (30000.0, None)
        """
        return (self.low, self.high)


@dataclass(frozen=True, slots=True)
class Role(_Record):
    """A person holding a role ("Agnes Callamard", "director-general", "Amnesty International").

    Attributes:
        role_id: Id of the role row (document, evidence offsets and a hash of person, role and
            organisation); computed.
        doc_id: Document the role is stated in.
        person: Canonical name of the person.
        role: Lower-case title without determiners ("supreme leader", "head of the judiciary").
        organization: Canonical name of the organisation, if stated.
        qualifier: One of :data:`ROLE_QUALIFIERS` (former, then, elect, acting, late).
        date_start: ISO start of the period the sentence gives for the role.
        date_end: ISO end of that period.
        sentence: The sentence that states the role.
        start_char: Offset of the start of the evidence span.
        end_char: Offset one past its end.

    Examples:
        >>> Role("d1", "Ruhollah Khomeini", "supreme leader", qualifier="then").qualifier
        'then'
    """

    table: ClassVar[str] = "roles"
    role_id: str = field(init=False)
    doc_id: str
    person: str
    role: str
    organization: str | None = None
    qualifier: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    sentence: str = ""
    start_char: int = 0
    end_char: int = 0

    def __post_init__(self) -> None:
        rid = role_id(
            self.doc_id, self.start_char, self.end_char, self.person, self.role, self.organization
        )
        object.__setattr__(self, "role_id", rid)


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """An event a document refers to ("the 1988 massacre", "Hurricane Maria").

    Attributes:
        event_row_id: Id of the events row (``"d1:massacre:1988"``: document and ``event_id``);
            computed.
        doc_id: Document the event is mentioned in.
        event_id: Id of the event within the document (``"massacre:1988"``); figures and links of
            the document name their event by it.
        name: The most specific mention as written.
        kind: One of :data:`EVENT_KINDS`.
        date_start: ISO start date.
        date_end: ISO end date.
        location: Place of the event.

    Examples:
        >>> Event("d1", "massacre:1988", "the 1988 massacre", "massacre", "1988", "1988").kind
        'massacre'
    """

    table: ClassVar[str] = "events"
    event_row_id: str = field(init=False)
    doc_id: str
    event_id: str
    name: str
    kind: str
    date_start: str | None = None
    date_end: str | None = None
    location: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "event_row_id", event_row_id(self.doc_id, self.event_id))


@dataclass(frozen=True, slots=True)
class Link(_Record):
    """A person tied to an event: member, responsible, victim, ordered, appointed or participant.

    Attributes:
        link_id: Id of the links row (document, offsets and a hash of person, event and relation);
            computed.
        doc_id: Document the link is stated in.
        person: Canonical name of the person.
        person_id: :attr:`Entity.entity_id` of the person (keyword only; ``None`` when unknown).
        event_id: :attr:`Event.event_id` of the event in the same document.
        relation: One of :data:`LINK_RELATIONS`.
        sentence: The sentence that states the link.
        start_char: Offset of the start of the span holding the person and the event.
        end_char: Offset one past its end.

    Examples:
        >>> Link("d1", "Ebrahim Raisi", "massacre:1988", "member").relation
        'member'
    """

    table: ClassVar[str] = "links"
    link_id: str = field(init=False)
    doc_id: str
    person: str
    person_id: str | None = field(default=None, kw_only=True)
    event_id: str
    relation: str
    sentence: str = ""
    start_char: int = 0
    end_char: int = 0

    def __post_init__(self) -> None:
        lid = link_id(
            self.doc_id, self.start_char, self.end_char, self.person, self.event_id, self.relation
        )
        object.__setattr__(self, "link_id", lid)


@dataclass(frozen=True, slots=True)
class ErrorRecord(_Record):
    """An input that could not be analysed, and why.

    Examples:
        >>> ErrorRecord("d1", "a.bin", "binary file").reason
        'binary file'
    """

    table: ClassVar[str] = "errors"
    doc_id: str | None
    path: str | None
    reason: str


def record_fields(cls: type[_Record]) -> list[str]:
    """Names of the fields of a record class, in order.

    Examples:
        >>> record_fields(Event)
        ['event_row_id', 'doc_id', 'event_id', 'name', 'kind', 'date_start', 'date_end', 'location']
    """
    return [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
