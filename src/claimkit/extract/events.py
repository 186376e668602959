"""Events: named and described event mentions, resolved within a document.

A mention is an event noun with its modifiers ("the November 2019 uprising", "the 1988 massacre",
"Hurricane Maria", "Raisi's inauguration"). Its date comes from the mention itself, from an event it
is tied to ("the crackdown on the November protests"), or from a date phrase governing it ("the
protests broke out last week"). Mentions of one kind family are resolved to one event: an undated
"the protests" joins the dated protest mention nearest to it, so figures in its sentence point to
"the November 2019 uprising".

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("The 1988 massacre left thousands dead. The massacre was denied.")
    >>> [(e.name, e.kind, e.date_start) for e in extract_events(doc)[0]]
    [('the 1988 massacre', 'massacre', '1988')]
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from claimkit.extract.dates import date_phrases, parse_period
from claimkit.ids import slug
from claimkit.records import Entity, Event, Figure
from claimkit.vocab import vocab

__all__ = ["EventMention", "date_from_counts", "extract_events", "find_event_mentions"]

_FAMILIES = {"execution": "massacre", "massacre": "massacre"}
"""Kinds that name one event in a document ("the executions" are "the 1988 massacre")."""

_LINKING_PREPS = ("on", "against", "of", "during", "after", "following", "over")
"""Prepositions tying an event to another ("the crackdown on the November protests")."""


@dataclass
class EventMention:
    """One mention of an event in a document, before resolution.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character.
        text: The mention as written.
        kind: Event kind.
        sent_start: Offset of its sentence's start.
        date: ``(start, end)`` ISO dates stated for the mention, if any.
        location: Place stated in the mention, if any.
        event_id: Id of the resolved event (set by :func:`extract_events`).
        named: True for a proper name ("Hurricane Maria").
        specificity: Sort key: day, month and year known, then length.
        head: Token index of the event noun.
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
    head: int = -1


@functools.cache
def _noun_kinds() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, nouns in vocab("events")["nouns"].items():
        for n in nouns:
            out.setdefault(str(n).lower(), str(kind))
    return out


def _specificity(date: tuple[str, str] | None, length: int) -> tuple[int, ...]:
    known = date is not None
    return (int(known and len(date[0]) >= 10), int(known and len(date[0]) >= 7), int(known), length)  # type: ignore[index]


def _left_edge(doc: Doc, tok: Token) -> int:
    sent = tok.sent
    left = tok.i
    while left - 1 >= sent.start:
        prev = doc[left - 1]
        if prev.is_punct and prev.text not in ("-", "’", "'"):
            break
        if prev.text == "-" and prev.whitespace_:
            break  # a dateline dash ("(Wire One) - Floods that ..."), not "anti-government"
        if not tok.is_ancestor(prev) or prev.dep_ in ("cc", "prep", "conj", "relcl", "acl"):
            break
        left -= 1
    return left


def _date_in(span: Span, published: str | None) -> tuple[str, str] | None:
    tokens = [t for t in span if t.ent_type_ == "DATE" or (t.like_num and len(t.text) == 4)]
    if not tokens:
        return None
    return parse_period(" ".join(t.text for t in tokens), published)


def _governing_date(tok: Token, published: str | None) -> tuple[str, str] | None:
    """A date phrase attached to the clause whose subject or object the event is.

    "the fuel-price protests broke out last week" -> the week before ``published``; "the storm's
    landfall in September", "the storm made landfall, 20 September" -> that September.
    """
    if tok.dep_ == "pobj" and tok.head.lower_ in vocab("events")["anchor_preps"]:
        return None
    anchors: set[int] = set()
    head = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss") else None
    if head is not None and head.dep_ == "prep":
        head = head.head
    if head is not None:
        anchors.add(head.i)
        anchors.update(
            c.i for c in head.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"
        )
    if not anchors:
        return None
    doc = tok.doc
    for start, end, text in date_phrases(tok.sent):
        attached = any(
            t.head.i in anchors or (t.head.dep_ in ("prep", "appos") and t.head.head.i in anchors)
            for t in doc[start:end]
        )
        period = parse_period(text, published) if attached else None
        if period is not None and period[0][:4].isdigit():
            return period
    return None


def _onset_date(tok: Token, published: str | None) -> tuple[str, str] | None:
    """The date right after the event's onset word.

    "the storm made landfall, 20 September", "the storm's landfall in September", "the protests
    broke out on 15 November" date the storm and the protests, even where the parser attaches the
    date elsewhere.
    """
    if tok.dep_ not in ("nsubj", "poss"):
        return None
    onset_words = vocab("events")["onset_words"]
    head = tok.head
    candidates = [head, *(c for c in head.children if c.dep_ in ("dobj", "oprd", "prt"))]
    onset = [c for c in candidates if c.lower_ in onset_words]
    if not onset:
        return None
    doc = tok.doc
    k = max((c.i for c in candidates if c.i > tok.i), default=tok.i) + 1
    skipped = 0
    while k < len(doc) and skipped < 3 and doc[k].lower_ in ("in", "on", "at", ",", "out"):
        k += 1
        skipped += 1
    end = k
    while (
        end < len(doc)
        and doc[end].ent_type_ == "DATE"
        and doc[end].lower_ not in ("and", "to", "through", "until", "-", "–")
    ):
        end += 1
    if end == k:
        return None
    period = parse_period(doc[k:end].text, published)
    return period if period is not None and period[0][:4].isdigit() else None


def _mention_for(
    doc: Doc, tok: Token, kind: str, published: str | None, places: dict[int, str]
) -> EventMention | None:
    named_heads = vocab("events")["named_heads"]
    is_named_head = (
        tok.lower_ in named_heads
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text[:1].isupper()
        and doc[tok.i + 1].is_alpha
    )
    attempt = tok.head.lower_ == "attempt" and tok.head.i == tok.i + 1
    if tok.dep_ == "compound" and tok.head.i > tok.i and not (is_named_head or attempt):
        return None  # "protest movement", "massacre survivors"; "coup attempt" is one
    if tok.lower_ == "oath" and not (
        tok.head.lower_ in ("take", "takes", "took", "taken", "taking")
        or doc[tok.i + 1 : tok.i + 3].text.lower() == "of office"
    ):
        return None  # "testified under oath" swears no one in
    if attempt:
        tok = tok.head  # the mention is "the 2016 coup attempt"
    if tok.lower_ == "killing" and not any(c.lower_ == "mass" for c in tok.lefts):
        return None  # "the killing of a journalist" is one death; "the mass killing" an event
    left = _left_edge(doc, tok)
    modifiers = doc[left : tok.i]
    generic = vocab("events")["not_event_before"]
    if doc[left].lower_ in ("a", "an") or any(
        t.lower_ in generic for t in doc[tok.left_edge.i : tok.i]
    ):
        return None  # "anti-government protests", "free and fair elections", "a slow disaster"
    if any(t.dep_ == "nummod" and not (t.like_num and len(t.text) == 4) for t in modifiers):
        return None  # "some 30,000 executions" counts, it names no event
    if kind == "appointment" and not any(t.dep_ == "poss" for t in modifiers):
        return None  # "this appointment" refers back; "Raisi's appointment" names one
    right = tok.i + 2 if is_named_head else tok.i + 1
    span = doc[left:right]
    date = _date_in(span, published)
    location = next((places[t.i] for t in span if t.i in places), None)
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "during", "across", "on"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if date is None and pobj.ent_type_ == "DATE":
                    date = parse_period(
                        doc[pobj.left_edge.i : pobj.right_edge.i + 1].text, published
                    )
                if location is None and pobj.i in places:
                    location = places[pobj.i]
    if date is None:
        anchor = doc[right - 1] if is_named_head else tok
        date = _onset_date(anchor, published) or _governing_date(anchor, published)
    return EventMention(
        span.start_char,
        span.end_char,
        span.text,
        "disaster" if is_named_head else kind,
        tok.sent.start_char,
        date,
        location,
        named=is_named_head,
        specificity=_specificity(date, len(span)),
        head=tok.i,
    )


def _places(doc: Doc, entities: list[Entity] | None) -> dict[int, str]:
    places: dict[int, str] = {}
    for e in entities or []:
        if e.label in ("GPE", "LOC"):
            span = doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
            for t in span or ():
                places[t.i] = e.canonical
    return places


def find_event_mentions(
    doc: Doc, published: str | None = None, entities: list[Entity] | None = None
) -> list[EventMention]:
    """Every event mention in ``doc``, in text order.

    Examples:
        >>> import claimkit
        >>> [m.text for m in find_event_mentions(claimkit.load()("Hurricane Maria hit in 2017."))]
        ['Hurricane Maria']
    """
    kinds = _noun_kinds()
    places = _places(doc, entities)
    out: list[EventMention] = []
    for tok in doc:
        kind = kinds.get(tok.lower_)
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(m.start <= tok.idx < m.end for m in out):
            continue
        m = _mention_for(doc, tok, kind, published, places)
        if m is not None:
            out.append(m)
    named_heads = vocab("events")["named_heads"]
    for e in entities or []:
        # a later "Maria": the entity layer gave it the canonical name "Hurricane Maria"
        head_word = e.canonical.split()[0].lower() if e.canonical else ""
        if e.label != "EVENT" or head_word not in named_heads:
            continue
        if any(m.start < e.end_char and e.start_char < m.end for m in out):
            continue
        span = doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
        if span is None:
            continue
        date = (
            _date_in(span, published)
            or _onset_date(span.root, published)
            or _governing_date(span.root, published)
        )
        out.append(
            EventMention(
                e.start_char,
                e.end_char,
                e.text,
                str(named_heads[head_word]),
                span.sent.start_char,
                date,
                named=True,
                specificity=_specificity(date, len(span)),
                head=span.root.i,
            )
        )
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
                    specificity=_specificity(date, len(ent)),
                    head=ent.root.i,
                )
            )
    _inherit_dates(doc, out)
    out.sort(key=lambda m: m.start)
    return out


def _inherit_dates(doc: Doc, mentions: list[EventMention]) -> None:
    """Dates from tied events.

    "the crackdown on the November protests" and "the November 2019 protests and the security
    crackdown that followed" take the protests' date; an undated crackdown takes the date of the
    protests nearest to it, whose suppression it is.
    """
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        if m.date is not None or m.head < 0:
            continue
        tok = doc[m.head]
        linked = [
            pobj
            for child in tok.rights
            if child.dep_ == "prep" and child.lower_ in _LINKING_PREPS
            for pobj in child.children
            if pobj.dep_ == "pobj"
        ]
        if tok.dep_ == "conj":
            linked.append(tok.head)
        for other in (by_head.get(t.i) for t in linked):
            if other is not None and other.date is not None:
                m.date = other.date
                break
        if m.date is None and m.kind == "crackdown":
            protests = [o for o in mentions if o.kind == "protest" and o.date is not None]
            if protests:
                m.date = min(protests, key=lambda o: abs(o.start - m.start)).date
        m.specificity = _specificity(m.date, m.specificity[-1])


def _document_place(doc: Doc, entities: list[Entity]) -> str | None:
    """The place a document is about: its most named GPE, leaving out datelines ("DUBAI, Nov 20")
    and modifiers ("the London-based group")."""
    text = doc.text
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for e in entities:
        if e.label != "GPE":
            continue
        line_start = text.rfind("\n", 0, e.start_char) + 1
        dateline = (
            e.text.isupper()
            and text[line_start : e.start_char].strip() == ""
            and text[e.end_char : e.end_char + 1] in (",", " ")
        )
        if dateline or text[e.end_char : e.end_char + 7].startswith("-based"):
            continue
        counts[e.canonical] += 1
        first.setdefault(e.canonical, e.start_char)
    for e in entities:
        # "Iranians", "Iraqi", "Puerto Rican" count for the country the document names
        stem = re.sub(r"(?:ians?|ans?|is?|ese|s)$", "", e.text) if e.label == "NORP" else ""
        forms = [stem + "ia", stem + "a", stem + "o", stem] if len(stem) >= 4 else []
        country = next((c for c in forms if c in counts), None)  # Nigerians: Nigeria, not Niger
        if country is not None:
            counts[country] += 1
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


_DATED_NAME = re.compile(
    r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|spring|summer|autumn|fall|winter)\b"
)
"""A mention that carries its date ("the 1988 executions", "the November protests")."""


def _described(text: str) -> bool:
    """Whether a mention says more than "the" and its noun ("Raisi's inauguration", not "the oath")."""
    return sum(w.lower() not in ("the", "this", "that", "these", "those") for w in text.split()) > 1


def _as_name(text: str) -> str:
    """An event name as it reads mid-sentence: "The 1988 massacre" -> "the 1988 massacre"."""
    return "the" + text[3:] if text.startswith("The ") else text


def _compatible(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two ISO periods overlap ("2019-11" and "2019-11-15" do; "1988" and "2019" don't)."""
    return a[0] <= b[1] + "~" and b[0] <= a[1] + "~"


def _gunfire_of_crackdown(doc: Doc, mentions: list[EventMention]) -> None:
    """ "during the worst of the shooting" in a report of a dated crackdown is the crackdown's
    gunfire, not an attack of its own: a bare "the shooting"/"the gunfire" inside "of"/"during"."""
    if not any(m.kind == "crackdown" and m.date is not None for m in mentions):
        return
    if any(m.kind == "attack" and (m.date or m.named or m.location) for m in mentions):
        return
    for m in mentions:
        tok = doc[m.head] if m.head >= 0 else None
        if (
            tok is not None
            and m.kind == "attack"
            and tok.lower_ in ("shooting", "shootings", "gunfire")
            and not _described(m.text)
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "during", "amid")
        ):
            m.kind = "crackdown"


def _resolve(mentions: list[EventMention]) -> dict[str, list[EventMention]]:
    """Give every mention an ``event_id``; mentions of one event share it."""
    families: dict[str, list[EventMention]] = {}
    for m in mentions:
        families.setdefault(_FAMILIES.get(m.kind, m.kind), []).append(m)
    clusters: dict[str, list[EventMention]] = {}
    for family, ms in families.items():
        dated = [m for m in ms if m.date is not None]
        keys: list[tuple[str, str]] = []
        for m in sorted(dated, key=lambda m: m.specificity, reverse=True):
            assert m.date is not None
            match = next((k for k in keys if _compatible(k, m.date)), None)
            if match is None:
                keys.append(m.date)
                match = m.date
            m.event_id = f"{family}:{match[0]}"
        named = [m for m in ms if m.date is None and m.named]
        for m in ms:
            if m.date is not None:
                pass
            elif dated:
                nearest = min(
                    dated, key=lambda d: abs(d.start - m.start) + (0 if d.start < m.start else 1)
                )
                m.event_id = nearest.event_id
            elif named:
                m.event_id = f"{family}:{slug(named[0].text)}"
            else:
                m.event_id = f"{family}:undated"
            clusters.setdefault(m.event_id, []).append(m)
    return clusters


def extract_events(
    doc: Doc,
    doc_id: str = "",
    published: str | None = None,
    entities: list[Entity] | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> tuple[list[Event], list[EventMention]]:
    """Events of ``doc`` and the resolved mentions that refer to them.

    Args:
        doc: A parsed spaCy ``Doc``.
        doc_id: Id written into each record.
        published: ISO publication date, for relative dates.
        entities: The document's entities, for locations.
        exclude: Character ranges (page boilerplate) whose mentions are left out.

    Returns:
        ``(events, mentions)``: one :class:`~claimkit.records.Event` per resolved event, and every
        mention with its ``event_id`` set.

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("Thousands joined the November 2019 uprising. The protests were crushed.")
        >>> events, mentions = extract_events(doc)
        >>> [m.event_id for m in mentions]
        ['protest:2019-11', 'protest:2019-11']
    """
    mentions = [
        m
        for m in find_event_mentions(doc, published, entities)
        if not any(a <= m.start < b for a, b in exclude)
    ]
    _gunfire_of_crackdown(doc, mentions)
    clusters = _resolve(mentions)
    default_place = _document_place(doc, entities or [])
    events = []
    for eid, ms in sorted(clusters.items(), key=lambda kv: min(m.start for m in kv[1])):
        best = max(
            ms,
            key=lambda m: (
                m.named,
                _described(m.text),
                _DATED_NAME.search(m.text) is not None,
                m.specificity,
            ),
        )
        dates = [m.date for m in ms if m.date]
        locs = Counter(m.location for m in ms if m.location)
        date = max(dates, key=lambda d: len(d[0])) if dates else None
        events.append(
            Event(
                doc_id=doc_id,
                event_id=eid,
                name=_as_name(best.text),
                kind=best.kind,
                date_start=date[0] if date else None,
                date_end=date[1] if date else None,
                location=locs.most_common(1)[0][0] if locs else default_place,
            )
        )
    return events, mentions


def _months(start: str, end: str) -> int:
    """Months from the first month of ``start`` to the last of ``end`` (ISO, any precision)."""
    first = int(start[:4]) * 12 + (int(start[5:7]) if len(start) >= 7 else 1)
    last = int(end[:4]) * 12 + (int(end[5:7]) if len(end) >= 7 else 12)
    return last - first


def date_from_counts(events: Sequence[Event], figures: Sequence[Figure]) -> list[Event]:
    """Date an event the text never dates by the period its figures count, to the month.

    An explainer may name "Hurricane Maria" without its date but compare "the deaths recorded in the
    six months from September 2017 to February 2018 with the number expected had the storm not
    struck": a counting period that begins with the event. Only periods count (a start before the
    end); a single date ("found 1,052 deaths earlier this month ... after the storm") says when the
    count was made, not when the event was.

    Examples:
        >>> from claimkit.records import Event, Figure
        >>> e = Event("d", "disaster:hurricane-maria", "Hurricane Maria", "disaster", None, None, None)
        >>> f = Figure("d", "six months", 0, 10, event="Hurricane Maria", unit="months",
        ...            date_start="2017-09", date_end="2018-02")
        >>> date_from_counts([e], [f])[0].date_start
        '2017-09'
    """
    out = []
    for e in events:
        starts = [
            f.date_start[:7]
            for f in figures
            if f.event == e.name
            and f.date_start
            and f.date_end
            and f.date_start[:7] < f.date_end[:7]
            and _months(f.date_start, f.date_end) <= 24  # a counting window, not "1900 to 2020"
        ]
        if e.date_start is None and starts:
            month = min(starts)
            e = replace(e, date_start=month, date_end=month)
        out.append(e)
    return out
