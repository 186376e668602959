"""Figures: every number a text claims, with what it counts, who claims it and when.

:func:`claimkit.numbers.scan` finds the quantities in the text; this module reads each one's
sentence to add the category, counted noun, claimant, hedges, date and event.

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("At least 304 people were killed, Amnesty International said.")
    >>> f = extract_figures(doc)[0]
    >>> (f.text, f.category, f.subject, f.attribution)
    ('At least 304', 'killed', 'people', 'Amnesty International')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from claimkit.extract.claimants import ClaimantMemory, claimant
from claimkit.extract.context import (
    category_of,
    counted_noun,
    hedges,
    measured_subject,
    noun_phrase,
)
from claimkit.extract.dates import parse_period
from claimkit.extract.doctext import text_of
from claimkit.extract.events import EventMention
from claimkit.extract.singles import clause_category, implied_singles
from claimkit.numbers import Quantity, scan
from claimkit.records import Entity, Event, Figure

__all__ = ["extract_figures"]

_DURATION_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades"}


_MEASURE_HEADS = frozenset({"toll", "figure", "count", "tally", "total", "number", "estimate"})


def _plain_subject(subject: str | None) -> str | None:
    """The counted noun without the category word ("executed prisoners" -> "prisoners") or a
    measure noun ("the official toll" counts nothing itself)."""
    if not subject:
        return subject
    words = subject.split()
    while len(words) > 1 and words[0].lower() in ("only", "just", "even", "also"):
        words = words[1:]  # "counted only deaths certified as ..." counts deaths
    subject = " ".join(words)
    if words[-1].lower() in _MEASURE_HEADS:
        return None
    if len(words) > 1 and words[0].lower() in _CATEGORY_PARTICIPLES:
        return " ".join(words[1:])
    return subject


_CATEGORY_PARTICIPLES = frozenset(
    {
        "executed",
        "killed",
        "dead",
        "detained",
        "arrested",
        "jailed",
        "wounded",
        "injured",
        "missing",
        "displaced",
    }
)


def _head(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (its syntactic head)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head == tok:
            return tok
    return span[-1]


_CALENDAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)


def _in_date_entity(doc: Doc, span: Span, q: Quantity) -> bool:
    """A bare number inside a calendar date the scanner's patterns did not catch."""
    if (
        q.unit is not None
        or q.qualifier != "exact"
        or q.kind != "number"
        or q.trend
        or q.value is None
    ):
        return False
    ents = {(t.ent_iob_ == "B" and t.i) or t.i for t in span}
    if not all(t.ent_type_ in ("DATE", "TIME") for t in span) or not ents:
        return False
    ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
    if ent is None:
        return False
    return 1000 <= q.value <= 2100 or (q.value <= 31 and bool(_CALENDAR.search(ent.text)))


def _date_for(sent: Span, q: Quantity, published: str | None) -> tuple[int, tuple[str, str]] | None:
    """The date expression nearest to the figure in its sentence, with its distance."""
    best: tuple[int, tuple[str, str]] | None = None
    for ent in sent.ents:
        if ent.label_ != "DATE" or (ent.start_char < q.end and q.start < ent.end_char):
            continue
        period = parse_period(ent.text, published)
        if period is None:
            continue
        dist = min(abs(ent.start_char - q.end), abs(q.start - ent.end_char))
        if best is None or dist < best[0]:
            best = (dist, period)
    return best


def _event_for(
    q: Quantity, sent: Span, mentions: Sequence[EventMention], events: dict[str, Event]
) -> tuple[Event, int] | None:
    """The event a figure counts and the distance to its mention (large when in an earlier sentence)."""
    same = [m for m in mentions if m.sent_start == sent.start_char and m.event_id in events]
    if same:
        m = min(same, key=lambda m: min(abs(m.start - q.end), abs(q.start - m.end)))
        return events[m.event_id], min(abs(m.start - q.end), abs(q.start - m.end))
    before = [m for m in mentions if m.end <= sent.start_char and m.event_id in events]
    if before and sent.start_char - before[-1].end < 400:
        return events[before[-1].event_id], 10**6
    return None


def _repeated(value: float | None, before: list[Figure]) -> str | None:
    """The claimant of the same number stated earlier: "The Red Crescent said 230 people were
    killed. ... The figure of 230 was later revised." (numbers below 20 repeat by chance)."""
    if value is None or value < 20:
        return None
    same = [f for f in before if f.value == value]
    return same[-1].attribution if same else None


_COORDINATED = re.compile(r"\b(?:and|or|while|but|whereas)\b", re.I)
"""A bare number coordinated with a toll before it counts what the toll counts."""


def _fatal(num: Token, noun: Token | None) -> bool:
    """Whether the verb of the figure's clause is "fatally"/"mortally" ("was fatally shot")."""
    tok = noun if noun is not None else num
    verb = next((t for t in tok.ancestors if t.pos_ == "VERB"), None)
    return verb is not None and any(c.lower_ in ("fatally", "mortally") for c in verb.children)


_FATALLY = re.compile(r"[ ,]*(?:fatally|mortally)\b", re.I)

_PART_OF = re.compile(
    r"(?:\s*[\w-]+){0,3}?\W*(?:including|among them|among whom|of whom|of them|of which)\W*", re.I
)
"""Words between a toll and a part of it ("1,500 dead, including 17 teenagers")."""

_CASUALTIES = frozenset(["killed", "executed", "injured", "arrested", "missing", "displaced"])
"""Categories a bare number inherits from the figure before it in its sentence."""


def extract_figures(
    doc: Doc,
    doc_id: str = "",
    *,
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    event_mentions: Sequence[EventMention] = (),
    published: str | None = None,
    source: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Figure]:
    """Figures stated in ``doc``.

    Args:
        doc: A parsed spaCy ``Doc`` (parser and NER needed).
        doc_id: Id written into each record.
        entities: The document's entities, for claimants' canonical names.
        events: The document's events, to name what a figure counts.
        event_mentions: Resolved event mentions (from :func:`~claimkit.extract.events.extract_events`).
        published: ISO publication date, for relative dates.
        source: The document's outlet (never the claimant "the group" refers to).
        exclude: Character ranges (page boilerplate) whose numbers are not figures.

    Returns:
        Figures in text order.

    Examples:
        >>> import claimkit
        >>> [f.text for f in extract_figures(claimkit.load()("In 1988, over 30,000 died."))]
        ['over 30,000']
    """
    ents = list(entities)
    by_id = {e.event_id: e for e in events}
    memory = ClaimantMemory()
    out: list[Figure] = []
    hedged: dict[int, str | None] = {}  # hedge words per sentence start
    quantities = sorted([*scan(text_of(doc)), *implied_singles(doc)], key=lambda q: q.start)
    for q in quantities:
        if any(a <= q.start < b for a, b in exclude):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        nspan = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None or nspan is None:
            continue
        if _in_date_entity(doc, nspan, q):
            continue
        num = _head(nspan)
        sent = num.sent
        noun = doc[span.end - 1] if q.kind == "implied" else counted_noun(num, span)
        inside = set(range(span.start, span.end))
        subject = (
            noun_phrase(noun, skip=inside) if noun is not None and noun.pos_ != "PRON" else None
        )
        if q.kind in ("percent", "fraction"):
            category: str | None = "share"
        elif q.kind == "money":
            category = "money"
        elif q.unit is not None:
            category = "other"
        elif q.kind == "implied" and noun is not None:
            # "A pedestrian was struck and injured": the verb or a conjunct says what happened
            category = category_of(num, noun, span) or clause_category(noun)
        else:
            category = category_of(num, noun, span) or ("other" if subject else None)
        if subject is None and category in ("killed", "executed", "injured", "arrested", "missing"):
            subject = measured_subject(num, span)
        if noun is not None and noun.lower_ == "them" and out and out[-1].category:
            category = out[-1].category  # "40 to 45 of them": the group counted before
        if q.kind == "implied" and category not in _CASUALTIES:
            continue  # "a man said", "a spokesman confirmed": one person, no casualty
        if category == "injured" and (_FATALLY.match(text_of(doc), q.end) or _fatal(num, noun)):
            category = "killed"  # "Two men were shot, one fatally", "A woman was fatally shot"
        same_sentence = bool(out) and out[-1].sentence == sent.text.strip()
        if (
            same_sentence
            and category in (None, "other")
            and out[-1].category in _CASUALTIES
            and _PART_OF.fullmatch(text_of(doc)[out[-1].end_char : q.start])
        ):
            category = out[-1].category  # "rose to 14,014, including at least 200 children"
        if (
            category is None
            and noun is None
            and same_sentence
            and out[-1].category in _CASUALTIES
            and _COORDINATED.search(text_of(doc)[out[-1].end_char : q.start])
        ):
            # "documented 2,000 victims and today speaks of thousands", "Amnesty's count of 304
            # and the 1,500 reported by Reuters": a bare number counts what its sentence counted
            category = out[-1].category
        subject = _plain_subject(subject)
        if q.unit == "times":
            subject = None  # "12 times the official figure" counts no noun
        if q.kind == "age":
            category = "other"  # "a 34-year-old man died": the man's age, not a toll
        if q.unit in _DURATION_UNITS:
            category, subject = "other", None
        found = _event_for(q, sent, event_mentions, by_id)
        event = found[0] if found else None
        dated = _date_for(sent, q, published)
        period = dated[1] if dated else None
        if (
            event is not None
            and event.date_start
            and (dated is None or (found and found[1] < dated[0]))
        ):
            period = (event.date_start, event.date_end or event.date_start)
        if sent.start not in hedged:
            hedged[sent.start] = hedges(sent)
        out.append(
            Figure(
                doc_id=doc_id,
                text=q.text,
                start_char=q.start,
                end_char=q.end,
                sentence=sent.text.strip(),
                value=q.value,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                trend=q.trend,
                unit=q.unit,
                category=category,
                subject=subject,
                hedge=hedged[sent.start],
                attribution=claimant(num, ents, source, memory) or _repeated(q.value, out),
                event=event.name if event else None,
                event_id=event.event_id if event else None,
                date_start=period[0] if period else None,
                date_end=period[1] if period else None,
                location=event.location if event else None,
            )
        )
    return out
