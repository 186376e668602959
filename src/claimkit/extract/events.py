"""Events: named and described event mentions, resolved within a document.

A mention is an event noun with its modifiers ("the November 2019 uprising", "the 1988 massacre",
"Hurricane Maria", "Raisi's inauguration"). Mentions of one kind are resolved to one event: an
undated "the protests" joins the dated protest mention nearest to it, so figures in its sentence
point to "the November 2019 uprising".

Example:
    >>> import claimkit
    >>> doc = claimkit.load()("The 1988 massacre left thousands dead. The massacre was denied.")
    >>> [(e.name, e.kind, e.date_start) for e in extract_events(doc)[0]]
    [('the 1988 massacre', 'massacre', '1988')]
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimkit.extract.dates import parse_period
from claimkit.ids import slug
from claimkit.records import Entity, Event
from claimkit.vocab import vocab

__all__ = ["EventMention", "extract_events"]


@dataclass
class EventMention:
    """One mention of an event in a document, before resolution.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character.
        text: The mention as written.
        kind: Event kind.
        sent_start: Offset of its sentence's start.
        date: ``(start, end)`` ISO dates stated in the mention, if any.
        location: Place stated in the mention, if any.
        event_id: Id of the resolved event (set by :func:`extract_events`).
    """

    start: int
    end: int
    text: str
    kind: str
    sent_start: int
    date: tuple[str, str] | None = None
    location: str | None = None
    event_id: str = ""
    named: bool = False
    specificity: tuple[int, ...] = field(default=(0,))


@functools.cache
def _noun_kinds() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, nouns in vocab("events")["nouns"].items():
        for n in nouns:
            out.setdefault(str(n).lower(), str(kind))
    return out


def _mention_for(
    doc: Doc, tok: Token, kind: str, published: str | None, places: dict[int, str]
) -> EventMention | None:
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        return None  # "protest movement", "massacre survivors"
    sent = tok.sent
    left = tok.i
    while left - 1 >= sent.start:
        prev = doc[left - 1]
        if prev.is_punct and prev.text not in ("-", "’", "'"):
            break
        if not tok.is_ancestor(prev):
            break
        if prev.dep_ in ("cc", "prep", "conj", "punct") and prev.text not in ("-",):
            break
        left -= 1
    first = doc[left]
    if first.lower_ in vocab("events")["not_event_before"]:
        return None
    if kind == "appointment" and not any(t.dep_ == "poss" for t in doc[left : tok.i]):
        return None  # "this appointment" refers back; "Raisi's appointment" names one
    right = tok.i + 1
    named_heads = vocab("events")["named_heads"]
    if (
        tok.lower_ in named_heads
        and right < len(doc)
        and doc[right].text[:1].isupper()
        and doc[right].is_alpha
    ):
        right += 1
    span = doc[left:right]
    date = _date_in(span, published)
    location = None
    for t in span:
        if t.i in places:
            location = places[t.i]
            break
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "during", "across", "on"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if date is None and pobj.ent_type_ == "DATE":
                    date = parse_period(
                        doc[pobj.left_edge.i : pobj.right_edge.i + 1].text, published
                    )
                if location is None and pobj.i in places:
                    location = places[pobj.i]
    text = span.text
    spec = (
        int(date is not None and len(date[0]) >= 10),
        int(date is not None and len(date[0]) >= 7),
        int(date is not None),
        len(span),
    )
    named = right > tok.i + 1
    return EventMention(
        span.start_char,
        span.end_char,
        text,
        kind,
        sent.start_char,
        date,
        location,
        named=named,
        specificity=spec,
    )


def _date_in(span: object, published: str | None) -> tuple[str, str] | None:
    tokens = [t for t in span if t.ent_type_ == "DATE" or (t.like_num and len(t.text) == 4)]  # type: ignore[attr-defined]
    if not tokens:
        return None
    text = " ".join(t.text for t in tokens)
    return parse_period(text, published)


def find_event_mentions(
    doc: Doc, published: str | None = None, entities: list[Entity] | None = None
) -> list[EventMention]:
    """Every event mention in ``doc``, in text order.

    Example:
        >>> import claimkit
        >>> [m.text for m in find_event_mentions(claimkit.load()("Hurricane Maria hit in 2017."))]
        ['Hurricane Maria']
    """
    kinds = _noun_kinds()
    places: dict[int, str] = {}
    for e in entities or []:
        if e.label in ("GPE", "LOC"):
            span = doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
            if span is not None:
                for t in span:
                    places[t.i] = e.canonical
    out = []
    for tok in doc:
        kind = kinds.get(tok.lower_)
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        m = _mention_for(doc, tok, kind, published, places)
        if m is not None:
            out.append(m)
    for ent in doc.ents:
        if ent.label_ == "EVENT" and not any(
            m.start < ent.end_char and ent.start_char < m.end for m in out
        ):
            date = _date_in(ent, published)
            out.append(
                EventMention(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    "other",
                    ent.sent.start_char,
                    date,
                    named=True,
                    specificity=(0, 0, int(date is not None), len(ent)),
                )
            )
    out.sort(key=lambda m: m.start)
    return out


def _compatible(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0][: min(len(a[0]), len(b[0]))] == b[0][: min(len(a[0]), len(b[0]))]


def extract_events(
    doc: Doc, doc_id: str = "", published: str | None = None, entities: list[Entity] | None = None
) -> tuple[list[Event], list[EventMention]]:
    """Events of ``doc`` and the resolved mentions that refer to them.

    Args:
        doc: A parsed spaCy ``Doc``.
        doc_id: Id written into each record.
        published: ISO publication date, for relative dates.
        entities: The document's entities, for locations.

    Returns:
        ``(events, mentions)``: one :class:`~claimkit.records.Event` per resolved event, and every
        mention with its ``event_id`` set.

    Example:
        >>> import claimkit
        >>> doc = claimkit.load()("The November 2019 uprising spread. The protests were crushed.")
        >>> events, mentions = extract_events(doc)
        >>> [m.event_id for m in mentions]
        ['protest:2019-11', 'protest:2019-11']
    """
    mentions = find_event_mentions(doc, published, entities)
    by_kind: dict[str, list[EventMention]] = {}
    for m in mentions:
        by_kind.setdefault(m.kind, []).append(m)
    clusters: dict[str, list[EventMention]] = {}
    for kind, ms in by_kind.items():
        dated = [m for m in ms if m.date is not None]
        # dated mentions: same kind and compatible dates share an event, the most specific date names it
        keys: list[tuple[str, str]] = []
        for m in sorted(dated, key=lambda m: m.specificity, reverse=True):
            assert m.date is not None
            match = next((k for k in keys if _compatible(k, m.date)), None)
            if match is None:
                keys.append(m.date)
                match = m.date
            m.event_id = f"{kind}:{match[0]}"
        for m in ms:
            if m.date is None:
                if dated:
                    nearest = min(
                        dated,
                        key=lambda d: abs(d.start - m.start) + (0 if d.start < m.start else 1),
                    )
                    m.event_id = nearest.event_id
                elif m.named:
                    m.event_id = f"{kind}:{slug(m.text)}"
                else:
                    m.event_id = f"{kind}:undated"
            clusters.setdefault(m.event_id, []).append(m)
    doc_places = Counter(e.canonical for e in entities or [] if e.label == "GPE")
    default_place = doc_places.most_common(1)[0][0] if doc_places else None
    events = []
    for eid, ms in sorted(clusters.items(), key=lambda kv: min(m.start for m in kv[1])):
        best = max(ms, key=lambda m: m.specificity)
        dates = [m.date for m in ms if m.date]
        locs = Counter(m.location for m in ms if m.location)
        date = max(dates, key=lambda d: len(d[0])) if dates else None
        events.append(
            Event(
                doc_id=doc_id,
                event_id=eid,
                name=best.text,
                kind=best.kind,
                date_start=date[0] if date else None,
                date_end=date[1] if date else None,
                location=locs.most_common(1)[0][0] if locs else default_place,
            )
        )
    return events, mentions
