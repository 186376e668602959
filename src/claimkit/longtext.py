"""Long texts: split into parts spaCy can parse, then merge the parts' analyses into one.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters), needs about a gigabyte of
memory per 100,000 characters it parses at once, and some extractors slow down on very long docs. A
text longer than :data:`LONG_TEXT` is cut into consecutive parts of at most :data:`PART_CHARS` at
paragraph breaks, else at line breaks, else after a sentence, else at a space (a text without any
is cut hard). :func:`analyze_long` analyses the parts in turn under a time budget and
:func:`merge_parts` puts their records back together as one :class:`~claimkit.analysis.Analysis`
of the whole text: offsets shifted to the whole text, sentence numbers continued, events seen in
several parts kept once, and a surname in one part given the full name another part states.

Examples:
    >>> text = "First paragraph.\\n\\nSecond one here.\\n\\nThird."
    >>> [text[a:b] for a, b in split_text(text, max_chars=20)]
    ['First paragraph.\\n\\n', 'Second one here.\\n\\n', 'Third.']
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claimkit.analysis import Analysis
from claimkit.extract.boilerplate import find_boilerplate
from claimkit.ids import entity_id, fold
from claimkit.records import Entity, Event, Figure, Role

__all__ = [
    "DEFAULT_TIME_BUDGET",
    "LONG_TEXT",
    "PART_CHARS",
    "Part",
    "analyze_long",
    "check_time_budget",
    "local_ranges",
    "long_text_limit",
    "merge_parts",
    "split_text",
]

LONG_TEXT = 100_000
"""Longest text analysed in one piece; longer texts are split into parts."""

PART_CHARS = 25_000
"""Longest part of a split text (parts of 10,000-25,000 characters run fastest)."""

DEFAULT_TIME_BUDGET = 120.0
"""Seconds one document may take by default; checked between the parts of a long text."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a part that starts before ``lo`` and may end at ``hi`` at the latest."""
    for sep in ("\n\n", "\n"):
        k = text.rfind(sep, lo, hi)
        if k >= 0:
            k += len(sep)
            while k < hi and text[k] == "\n":
                k += 1
            return k
    last = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m.end()
    if last is not None:
        return last
    k = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    return k + 1 if k >= 0 else hi


def split_text(text: str, max_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` parts of ``text``, each at most ``max_chars`` long.

    Parts end at a paragraph break where one lies in the second half of the allowed length, else at
    a line break, after a sentence, at a space, or (for a text without any) after ``max_chars``.
    The parts cover the text exactly: ``"".join(text[a:b] for a, b in parts) == text``.

    Args:
        text: The whole text.
        max_chars: Longest part.

    Returns:
        The parts in text order; ``[(0, len(text))]`` for a text that fits.

    Examples:
        >>> split_text("One. Two. Three.", max_chars=10)
        [(0, 10), (10, 16)]
    """
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    parts: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = _cut(text, start + max_chars // 2, start + max_chars)
        parts.append((start, end))
        start = end
    parts.append((start, n))
    return parts


def local_ranges(ranges: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``ranges`` inside ``[start, end)``, as offsets into that slice.

    Examples:
        >>> local_ranges([(5, 30), (40, 90)], 20, 60)
        [(0, 10), (20, 40)]
    """
    return [
        (max(a, start) - start, min(b, end) - start) for a, b in ranges if a < end and b > start
    ]


@dataclass(frozen=True, slots=True)
class Part:
    """The analysis of one part of a long text.

    Attributes:
        start: Offset of the part in the whole text.
        analysis: The part's analysis, with offsets into the part.
        sentences: Number of sentences in the part, to continue sentence numbers.
    """

    start: int
    analysis: Analysis
    sentences: int


def _person_aliases(entities: list[Entity]) -> dict[str, str]:
    """Single-word person names that match the first or last word of exactly one full name."""
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        words = e.canonical.split()
        if e.label == "PERSON" and len(words) >= 2:
            owners[fold(words[-1])].add(e.canonical)
            owners[fold(words[0])].add(e.canonical)
    return {
        e.canonical: next(iter(owners[fold(e.canonical)]))
        for e in entities
        if e.label == "PERSON"
        and len(e.canonical.split()) == 1
        and len(owners.get(fold(e.canonical), ())) == 1
    }


def _unify_people(
    entities: list[Entity], roles: list[Role], figures: list[Figure]
) -> tuple[list[Entity], list[Role], list[Figure]]:
    alias = _person_aliases(entities)
    if not alias:
        return entities, roles, figures
    entities = [
        dataclasses.replace(
            e, canonical=alias[e.canonical], entity_id=entity_id("PERSON", alias[e.canonical])
        )
        if e.label == "PERSON" and e.canonical in alias
        else e
        for e in entities
    ]
    roles = [
        dataclasses.replace(r, person=alias[r.person]) if r.person in alias else r for r in roles
    ]
    figures = [
        dataclasses.replace(f, attribution=alias[f.attribution]) if f.attribution in alias else f
        for f in figures
    ]
    return entities, roles, figures


def merge_parts(
    base: Analysis, parts: Sequence[Part], boilerplate: Sequence[tuple[int, int]]
) -> Analysis:
    """One analysis of the whole text from the analyses of its parts.

    Args:
        base: The whole document's analysis shell: ``doc_id``, ``text``, metadata, ``path`` and
            any errors already known; its record lists are replaced.
        parts: The parts' analyses, in text order.
        boilerplate: The boilerplate ranges of the whole text.

    Returns:
        ``base`` with the parts' figures, entities, roles and events, offsets into ``base.text``.

    Examples:
        >>> whole = Analysis(doc_id="d", text="Ten died. Five fled.")
        >>> p1 = Analysis(doc_id="d", text="Ten died. ", figures=[Figure("d", "Ten", 0, 3)])
        >>> p2 = Analysis(doc_id="d", text="Five fled.", figures=[Figure("d", "Five", 0, 4)])
        >>> m = merge_parts(whole, [Part(0, p1, 1), Part(10, p2, 1)], [])
        >>> [whole.text[f.start_char:f.end_char] for f in m.figures]
        ['Ten', 'Five']
    """
    figures: list[Figure] = []
    entities: list[Entity] = []
    roles: list[Role] = []
    events: dict[str, Event] = {}
    errors = list(base.errors)
    sentence_base = 0
    for part in parts:
        a, by = part.analysis, part.start
        figures += [
            dataclasses.replace(f, start_char=f.start_char + by, end_char=f.end_char + by)
            for f in a.figures
        ]
        entities += [
            dataclasses.replace(
                e,
                start_char=e.start_char + by,
                end_char=e.end_char + by,
                sentence_id=e.sentence_id + sentence_base,
            )
            for e in a.entities
        ]
        roles += [
            dataclasses.replace(r, start_char=r.start_char + by, end_char=r.end_char + by)
            for r in a.roles
        ]
        for ev in a.events:
            events.setdefault(ev.event_id, ev)
        errors += [err for err in a.errors if err not in errors]
        sentence_base += part.sentences
    entities, roles, figures = _unify_people(entities, roles, figures)
    return dataclasses.replace(
        base,
        figures=figures,
        entities=entities,
        roles=roles,
        events=list(events.values()),
        boilerplate=list(boilerplate),
        errors=errors,
    )


def check_time_budget(time_budget: float | None) -> None:
    """Raise ``ValueError`` unless ``time_budget`` is ``None`` or a positive number of seconds.

    Examples:
        >>> check_time_budget(60)
    """
    if time_budget is not None and not time_budget > 0:
        raise ValueError("time_budget must be a positive number of seconds, or None")


def long_text_limit(nlp: Language) -> int:
    """Longest text ``nlp`` analyses in one piece: :data:`LONG_TEXT`, or its ``max_length`` if less.

    Examples:
        >>> import spacy
        >>> long_text_limit(spacy.blank("en"))
        100000
    """
    return max(2, min(LONG_TEXT, int(nlp.max_length)))


def _sentences(doc: Doc) -> int:
    try:
        return sum(1 for _ in doc.sents)
    except ValueError:  # a pipeline without a parser or sentencizer
        return 0


def analyze_long(
    nlp: Language,
    text: str,
    make_doc: Callable[[str], Doc],
    to_analysis: Callable[[Doc], Analysis],
    *,
    time_budget: float | None,
    max_chars: int | None = None,
) -> Analysis:
    """Analyse a long text in parts, checking the time budget between them.

    The boilerplate of the whole text is found first and handed to each part, so a teaser tail is
    recognised whatever part it falls in. The first part is always analysed; before each further
    part, when ``time_budget`` seconds have passed, the rest is skipped and the analysis's
    ``errors`` says how far it got. spaCy is never interrupted mid-call.

    Args:
        nlp: The pipeline.
        text: The whole, prepared text.
        make_doc: Makes the unparsed ``Doc`` of a part, with the document's metadata attached.
        to_analysis: Turns a parsed ``Doc`` into an :class:`~claimkit.analysis.Analysis`.
        time_budget: Seconds the whole text may take, or ``None``.
        max_chars: Longest part (default: :data:`PART_CHARS`, less for a lower ``max_length``).

    Returns:
        One analysis of the whole text.

    Examples:
        >>> import claimkit
        >>> nlp = claimkit.load()
        >>> text = "Ten people died.\\n\\n" * 3 + "Officials said 40 people were arrested."
        >>> a = analyze_long(nlp, text, nlp.make_doc,
        ...                  lambda doc: Analysis("d1", doc.text, figures=doc._.claimkit_figures),
        ...                  time_budget=None, max_chars=20)
        >>> [(f.text, f.start_char) for f in a.figures]
        [('Ten', 0), ('Ten', 18), ('Ten', 36), ('40', 69)]
    """
    started = time.monotonic()
    boilerplate = find_boilerplate(text)
    spans = split_text(text, max_chars or min(PART_CHARS, long_text_limit(nlp)))
    parts: list[Part] = []
    errors: list[str] = []
    for k, (a, b) in enumerate(spans):
        elapsed = time.monotonic() - started
        if k and time_budget is not None and elapsed > time_budget:
            errors.append(
                f"time budget of {time_budget:g} s exceeded after {elapsed:.1f} s: analysed "
                f"characters 0-{a} of {len(text)} ({k} of {len(spans)} parts); the rest was skipped"
            )
            break
        doc = make_doc(text[a:b])
        doc._.claimkit_boilerplate = local_ranges(boilerplate, a, b)
        doc = nlp(doc)
        parts.append(Part(a, to_analysis(doc), _sentences(doc)))
    base = dataclasses.replace(parts[0].analysis, text=text, errors=errors)
    return merge_parts(base, parts, boilerplate)
