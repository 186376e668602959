"""Entities: spaCy's named entities, repaired where the small English model goes wrong.

Repairs, in order:

1. Anchored persons: a name right after a title ("Director-General Agnes Callamard") or tied to a
   role ("X, a nurse") is a PERSON (see :mod:`claimkit.extract.person_names`).
2. Model labels: "the opposition website Kalameh" is an ORG, "Hurricane Maria" an EVENT.
3. Acronyms defined in the text ("National Council of Resistance of Iran (NCRI)") share the long
   name as their canonical name.
4. Alias merging: a later "Raisi" takes the canonical "Ebrahim Raisi" and the PERSON label, whatever
   the model said, unless two people in the document share that surname.
5. Label voting across all mentions of one canonical name (steps 3 to 5 live in
   :mod:`claimkit.extract.aliases`).
6. Headline and teaser fragments: a one-word PERSON found only in headline-like lines is dropped.

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("Governor Ricardo Rosselló spoke. Later, Rosselló left.")
    >>> sorted({(e.canonical, e.label) for e in extract_entities(doc)})
    [('Ricardo Rosselló', 'PERSON')]
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc, Span

from claimkit.extract.aliases import acronyms, merge_aliases, name_parts, vote_labels
from claimkit.extract.doctext import text_of
from claimkit.extract.person_names import (
    EVENT_HEADS,
    Mention,
    full_names,
    has_org_word,
    overlaps,
    role_anchored,
    title_anchored,
    title_phrases,
)
from claimkit.ids import entity_id, fold
from claimkit.records import Entity
from claimkit.text import line_spans

__all__ = ["NAMED_LABELS", "extract_entities", "headline_lines", "title_phrases"]

NAMED_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "LANGUAGE",
    }
)
"""Entity labels claimkit keeps (numeric labels are covered by figures)."""


_POSSESSIVE = re.compile(r"(?:['’]s?|\s+['’]s?)$")
"""A possessive ending ("Iran's", "the protesters’")."""

_ORG_NOUNS = {
    "agency",
    "website",
    "newspaper",
    "outlet",
    "broadcaster",
    "channel",
    "daily",
    "weekly",
    "magazine",
    "group",
    "party",
    "organisation",
    "organization",
    "network",
    "coalition",
    "movement",
    "foundation",
}
"""Nouns next to a name that make it an organisation ("the news agency IRNA")."""

_PLACE_PREPS = {"in", "at", "near", "from", "across", "outside", "inside", "to", "into", "around"}
"""Prepositions that make a one-word name after them a place ("in Mahshahr")."""


def _strip(text: str) -> str:
    """The canonical form of a mention's text: no possessive, leading "the" or quotes."""
    text = _POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip(" ,.;:\"'“”‘’")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that look like headlines or teasers, not body prose.

    A headline line has no closing sentence punctuation and most of its words capitalised; a teaser
    ends in an ellipsis.

    Examples:
        >>> headline_lines("Iran Regime Is Unable To Win\\n\\nThe body text goes on here.")
        [(0, 28)]
    """
    return list(_headline_lines(text))


@functools.lru_cache(maxsize=8)  # read three times per document: entities, fragments, boilerplate
def _headline_lines(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for start, end, s in line_spans(text):
        words = [w for w in re.findall(r"[^\W\d_]+", s) if len(w) > 3]
        caps = sum(w[0].isupper() for w in words)
        teaser = s.endswith(("...", "…"))
        headline = bool(words) and caps >= 0.6 * len(words) and not s.endswith((".", "”", '"', "!"))
        if headline or teaser:
            out.append((start, end))
    return tuple(out)


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of the character ``ranges``."""
    return any(a <= pos < b for a, b in ranges)


_LINK_TAIL = re.compile(r"(?:\s+(?:is|was|are|were|and|,))*[\s,]*$")


def _outside(text: str, base: list[Mention], anchored: list[Mention]) -> list[Mention]:
    """Model mentions that keep clear of the anchored persons. One that runs into a person is cut
    before it ("the Super Eagles is Chukwuemeka Obi" keeps "the Super Eagles"); any other overlap
    goes."""
    out = []
    for m in base:
        hits = [a for a in anchored if m.start < a.end and a.start < m.end]
        if not hits:
            out.append(m)
            continue
        first = min(a.start for a in hits)
        if first <= m.start or m.label == "PERSON":
            continue  # a person span around an anchored name is that name ("Ayatollah Ali ...")
        cut = _LINK_TAIL.search(text, m.start, first)
        end = cut.start() if cut is not None else first
        kept = text[m.start : end]
        if end > m.start and " " in kept.strip() and not _only_titles(kept):
            m.end = end  # "the Super Eagles is Chukwuemeka Obi": the team stays
            out.append(m)
    return out


def _join_split_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Join a one-word non-person mention to the person name right after it: the model reads
    "Satya Narayana Nadella" as GPE "Satya" + PERSON "Narayana Nadella". Not after a preposition
    ("in Tehran Hassan Rouhani said")."""
    text = text_of(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    drop: set[int] = set()
    for k in range(len(ordered) - 1):
        first, person = ordered[k], ordered[k + 1]
        if (
            person.label != "PERSON"
            or first.label not in ("GPE", "LOC")  # never a party or a company ("Democrat X")
            or text[first.end : person.start] != " "
        ):
            continue
        span = doc.char_span(first.start, first.end)
        if span is None or len(span) != 1 or span[0].pos_ != "PROPN":
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and (
            before.pos_ == "ADP" or (before.is_alpha and before.text[:1].isupper())
        ):
            continue
        person.start = first.start
        drop.add(id(first))
    return [m for m in mentions if id(m) not in drop]


_POSSESSIVE_END = re.compile(r"(?:['’]s|(?<=s)['’])$")
_PARTICLES = re.compile(
    r"(?:\b(?:van|von|der|den|de|del|della|da|di|du|le|la|ter|bin|ibn|al)\s+)+$", re.I
)


def _trim_spans(text: str, mentions: list[Mention]) -> None:
    """Fit mention spans to the name: no possessive ("Boris Yeltsin's" -> "Boris Yeltsin"), and the
    particles of a surname the document also writes in full ("Van der Pas" after "Nikolaus van der
    Pas", where the model tagged only "Pas")."""
    persons = [text[m.start : m.end].lower() for m in mentions if m.label == "PERSON"]
    for m in mentions:
        possessive = _POSSESSIVE_END.search(text, m.start, m.end)
        if possessive is not None and possessive.start() > m.start and m.label in ("PERSON", "GPE"):
            m.end = possessive.start()  # "Boris Yeltsin's" (a firm's "Moody's" keeps its 's)
        if m.label != "PERSON":
            continue
        particles = _PARTICLES.search(text[max(0, m.start - 30) : m.start])
        if particles is not None:
            longer = (particles.group() + text[m.start : m.end]).lower()
            if any(longer in other and len(other) > len(longer) for other in persons):
                m.start -= len(particles.group())


def extract_entities(doc: Doc, doc_id: str = "") -> list[Entity]:
    """Named entities of ``doc`` with claimkit's repairs and canonical names.

    Args:
        doc: A parsed spaCy ``Doc`` (NER and sentence boundaries needed).
        doc_id: Id written into each record.

    Returns:
        One :class:`~claimkit.records.Entity` per mention, in text order.

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("The National Council of Resistance of Iran (NCRI) met. The NCRI said so.")
        >>> {e.canonical for e in extract_entities(doc) if e.text == "NCRI"}
        {'National Council of Resistance of Iran'}
    """
    text = text_of(doc)
    heads = headline_lines(text)
    anchored = [m for m in title_anchored(doc) if not _in_ranges(m.start, heads)]
    model_labels = {t.i: t.ent_type_ for e in doc.ents for t in e}
    anchored += [
        m
        for m in role_anchored(doc, model_labels)
        if not _in_ranges(m.start, heads) and not overlaps(m, anchored)
    ]
    base = [
        Mention(e.start_char, e.end_char, _repair_label(e))
        for e in doc.ents
        if e.label_ in NAMED_LABELS and not _only_titles(e.text)
    ]
    base = [m for m in base if m.label != "NONE"]
    base = _join_split_names(doc, base)
    anchored += full_names(doc, anchored + base)
    _extend_hyphenated(doc, base)
    _named_events(doc, base)
    # title-anchored persons replace overlapping model spans
    mentions = [*_outside(text, base, anchored), *anchored]
    for m in mentions:
        m.canonical = _strip(text[m.start : m.end])
    mentions = [m for m in mentions if m.canonical]

    long_names = acronyms(text)
    merge_aliases(doc, mentions)
    defined = set(long_names.values())
    for m in mentions:
        if m.canonical in long_names:
            m.canonical = long_names[m.canonical]
        if m.label == "PERSON" and not m.anchored and m.canonical in defined:
            m.label = "ORG"  # a name given an acronym ("Bovine Spongiform Encephalopathy (BSE)") is no person
    name_parts(mentions)
    vote_labels(mentions)
    mentions = _drop_headline_fragments(text, mentions)
    _trim_spans(text, mentions)

    sent_starts = [s.start_char for s in doc.sents]
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        sid = max(0, bisect.bisect_right(sent_starts, m.start) - 1)
        out.append(
            Entity(
                doc_id=doc_id,
                entity_id=entity_id(m.label, m.canonical),
                text=text[m.start : m.end],
                label=m.label,
                canonical=m.canonical,
                start_char=m.start,
                end_char=m.end,
                sentence_id=sid,
            )
        )
    return out


def _repair_label(ent: Span) -> str:
    """Fix PERSON labels the small model gives to organisations, facilities and places."""
    label = ent.label_
    if label != "PERSON":
        return label
    if has_org_word(ent.text):
        return "ORG"
    root, doc, start, end = ent.root, ent.doc, ent.start, ent.end
    nxt = [t.lower_ for t in doc[end : end + 3]]
    if (nxt[:1] and nxt[0] in _ORG_NOUNS) or (
        nxt[:2] and " ".join(nxt[:2]) in ("news agency", "news website", "news outlet")
    ):
        return "ORG"
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in _ORG_NOUNS:
            return "ORG"
    if start > 0 and doc[start - 1].lower_ in EVENT_HEADS:
        return "EVENT"
    if start > 0 and doc[start - 1].lower_ in _ORG_NOUNS:
        return "ORG"  # "the opposition website Kalameh"
    opener = start == root.sent.start or doc[start - 1].is_space
    if len(ent) == 1 and root.tag_ in ("NNS", "NN") and opener:
        return "NONE"
    if len(ent) == 1:
        if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
            return "GPE"
        if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC"):
            return "GPE"
    return label


def _extend_hyphenated(doc: Doc, mentions: list[Mention]) -> None:
    """Extend names over a glued hyphen and a capitalised part ("Rahmani" -> "Rahmani-Fazli")."""
    text = text_of(doc)
    for m in mentions:
        rest = text[m.end : m.end + 40]
        hit = re.match(r"-[A-Z][^\W\d_]+", rest)
        if hit and m.label in ("PERSON", "ORG", "GPE"):
            m.end += hit.end()


def _named_events(doc: Doc, mentions: list[Mention]) -> None:
    """Mark "Hurricane Maria" an event, and a later "Maria" too."""
    text = text_of(doc)
    names: dict[str, str] = {}
    for found in re.finditer(
        r"\b(Hurricane|Typhoon|Cyclone|Tropical Storm|Storm) ([A-Z][a-z]+)\b", text
    ):
        names[found.group(2)] = found.group(0)
    if not names:
        return
    for mention in mentions:
        word = text[mention.start : mention.end]
        bare = re.sub(r"^(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Storm) ", "", word)
        if bare in names:
            mention.label = "EVENT"
            mention.canonical = names[bare]


def _only_titles(text: str) -> bool:
    """Whether ``text`` is made of title words only ("President-elect", "Supreme Leader")."""
    words = {w for p in title_phrases() for w in p}
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    return bool(toks) and all(t in words or t in ("then", "elect") for t in toks)


def _drop_headline_fragments(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop headline-only PERSON mentions no body or anchored mention confirms (bylines stay)."""
    lines = headline_lines(text)
    if not lines:
        return mentions
    confirmed = {
        fold(m.canonical)
        for m in mentions
        if m.label == "PERSON" and (m.anchored or not _in_ranges(m.start, lines))
    }
    keep = []
    for m in mentions:
        if (
            m.label == "PERSON"
            and _in_ranges(m.start, lines)
            and fold(m.canonical) not in confirmed
        ):
            byline = re.search(r"\bby\s$", text[max(0, m.start - 4) : m.start], re.I) is not None
            if not byline:
                continue
        keep.append(m)
    return keep
