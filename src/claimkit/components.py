"""spaCy pipeline components: thin wrappers around the extractors in :mod:`claimkit.extract`.

Each component reads the document's metadata from ``doc._.claimkit_meta``, runs one extractor,
stores the records on ``doc._.claimkit_<table>`` and their spans in ``doc.spans["claimkit_<table>"]``.
A component that fails on a document records the error in ``doc._.claimkit_errors`` and lets the
rest of the pipeline and the batch go on. The factories are declared under the ``spacy_factories``
entry point, so a saved pipeline reloads with ``spacy.load``.

Examples:
    >>> import spacy
    >>> import claimkit.components  # registers the factories
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("claimkit_entities").name
    'claimkit_entities'
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimkit.extract.boilerplate import find_boilerplate
from claimkit.extract.doctext import text_of
from claimkit.extract.entities import extract_entities
from claimkit.extract.events import date_from_counts, extract_events
from claimkit.extract.figures import extract_figures
from claimkit.extract.links import extract_links
from claimkit.extract.roles import extract_roles

__all__ = [
    "EXTENSIONS",
    "make_entities",
    "make_events",
    "make_figures",
    "make_links",
    "make_roles",
    "register_extensions",
]

EXTENSIONS = (
    "claimkit_meta",
    "claimkit_boilerplate",
    "claimkit_entities",
    "claimkit_events",
    "claimkit_event_mentions",
    "claimkit_figures",
    "claimkit_roles",
    "claimkit_links",
    "claimkit_errors",
)


def register_extensions() -> None:
    """Register claimkit's ``Doc`` extension attributes (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def _meta(doc: Doc) -> dict[str, Any]:
    meta = doc._.claimkit_meta
    return meta if isinstance(meta, dict) else {}


def _fail(doc: Doc, name: str, exc: Exception) -> None:
    errors = list(doc._.claimkit_errors or [])
    errors.append(f"{name}: {type(exc).__name__}: {exc}")
    doc._.claimkit_errors = errors


def _set_spans(doc: Doc, group: str, records: list[Any], label_attr: str) -> None:
    """Mirror records as ``doc.spans[group]``; a record whose offsets make no span is left out."""
    spans = []
    for r in records:
        if not 0 <= r.start_char < r.end_char <= len(text_of(doc)):
            continue
        span = doc.char_span(
            r.start_char,
            r.end_char,
            label=str(getattr(r, label_attr) or ""),
            alignment_mode="expand",
        )
        if span is not None:
            spans.append(span)
    doc.spans[group] = spans


def _boilerplate(doc: Doc) -> list[tuple[int, int]]:
    if doc._.claimkit_boilerplate is None:
        doc._.claimkit_boilerplate = find_boilerplate(text_of(doc))
    return list(doc._.claimkit_boilerplate)


class EntitiesComponent:
    """Writes repaired entities to ``doc._.claimkit_entities`` and ``doc.spans["claimkit_entities"]``."""

    def __init__(self, name: str = "claimkit_entities") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            records = extract_entities(doc, _meta(doc).get("doc_id", ""))
            bp = _boilerplate(doc)
            text = text_of(doc)
            # page boilerplate names nobody the article is about; a teaser's byline author stays
            records = [
                e
                for e in records
                if not any(a <= e.start_char < b for a, b in bp)
                or (
                    e.label == "PERSON"
                    and re.search(r"\bby\s$", text[max(0, e.start_char - 4) : e.start_char], re.I)
                )
            ]
        except Exception as exc:  # one document must not stop a batch
            _fail(doc, self.name, exc)
            records = []
        doc._.claimkit_entities = records
        _set_spans(doc, "claimkit_entities", records, "label")
        return doc


class EventsComponent:
    """Writes events to ``doc._.claimkit_events`` and their mentions to ``doc.spans["claimkit_events"]``."""

    def __init__(self, name: str = "claimkit_events") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = _meta(doc)
        try:
            bp = _boilerplate(doc)
            events, mentions = extract_events(
                doc,
                meta.get("doc_id", ""),
                meta.get("published"),
                doc._.claimkit_entities or [],
                exclude=bp,
            )
        except Exception as exc:
            _fail(doc, self.name, exc)
            events, mentions = [], []
        doc._.claimkit_events = events
        doc._.claimkit_event_mentions = mentions
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["claimkit_events"] = spans
        return doc


class FiguresComponent:
    """Writes figures to ``doc._.claimkit_figures`` and ``doc.spans["claimkit_figures"]``."""

    def __init__(self, name: str = "claimkit_figures") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = _meta(doc)
        try:
            records = extract_figures(
                doc,
                meta.get("doc_id", ""),
                entities=doc._.claimkit_entities or [],
                events=doc._.claimkit_events or [],
                event_mentions=doc._.claimkit_event_mentions or [],
                published=meta.get("published"),
                source=meta.get("source"),
                exclude=_boilerplate(doc),
            )
        except Exception as exc:
            _fail(doc, self.name, exc)
            records = []
        doc._.claimkit_figures = records
        if doc._.claimkit_events:
            # an event the text never dates is dated by the period its figures count
            try:
                doc._.claimkit_events = date_from_counts(doc._.claimkit_events, records)
            except Exception as exc:
                _fail(doc, self.name, exc)
        _set_spans(doc, "claimkit_figures", records, "category")
        return doc


class RolesComponent:
    """Writes roles to ``doc._.claimkit_roles`` and ``doc.spans["claimkit_roles"]``."""

    def __init__(self, name: str = "claimkit_roles") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = _meta(doc)
        try:
            records = extract_roles(
                doc,
                meta.get("doc_id", ""),
                entities=doc._.claimkit_entities or [],
                published=meta.get("published"),
                exclude=_boilerplate(doc),
            )
        except Exception as exc:
            _fail(doc, self.name, exc)
            records = []
        doc._.claimkit_roles = records
        _set_spans(doc, "claimkit_roles", records, "role")
        return doc


@Language.factory("claimkit_entities")
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    """Factory of the ``claimkit_entities`` component."""
    return EntitiesComponent(name)


@Language.factory("claimkit_events")
def make_events(nlp: Language, name: str) -> EventsComponent:
    """Factory of the ``claimkit_events`` component (after ``claimkit_entities``)."""
    return EventsComponent(name)


@Language.factory("claimkit_figures")
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    """Factory of the ``claimkit_figures`` component (after entities and events)."""
    return FiguresComponent(name)


@Language.factory("claimkit_roles")
def make_roles(nlp: Language, name: str) -> RolesComponent:
    """Factory of the ``claimkit_roles`` component (after ``claimkit_entities``)."""
    return RolesComponent(name)


class LinksComponent:
    """Writes person–event links to ``doc._.claimkit_links`` (after roles and events)."""

    def __init__(self, name: str = "claimkit_links") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            records = extract_links(
                doc,
                _meta(doc).get("doc_id", ""),
                entities=doc._.claimkit_entities or [],
                roles=doc._.claimkit_roles or [],
                mentions=doc._.claimkit_event_mentions or [],
            )
        except Exception as exc:
            _fail(doc, self.name, exc)
            records = []
        doc._.claimkit_links = records
        return doc


@Language.factory("claimkit_links")
def make_links(nlp: Language, name: str) -> LinksComponent:
    """Factory of the ``claimkit_links`` component (after roles and events)."""
    return LinksComponent(name)
