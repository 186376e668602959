"""The corpus against its gold annotations (corpus/gold/*.jsonl): persons, figures, events, roles.

The corpus is analysed once per module. Person and figure checks are exact (persons with an explicit
allow-list of today's misses, empty now); events and roles have regression floors on their F1
(``python bench/corpus.py --errors`` lists every mismatch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import claimkit
from claimkit.analysis import Analysis
from claimkit.gold import load_gold, score_events, score_figures, score_roles
from claimkit.ids import fold
from claimkit.reader import Document, read_inputs

CORPUS = Path(__file__).parent.parent / "corpus"

# Person misses of today's extraction, as (doc_id, kind, name): kind "missed" is a gold person not
# found as a PERSON under its gold canonical name, "not a person" a PERSON canonical the gold does not
# list for that document. The tests fail when a new miss appears and when a listed one is fixed:
# then delete its entry here. Empty: every gold person is found, and nothing else is a PERSON.
KNOWN_PERSON_MISSES: set[tuple[str, str, str]] = set()

# Regression floors for the layers not yet perfect on the corpus, measured on 2026-11-25 with
# bench/corpus.py. The tests allow FLOOR_TOLERANCE below them; raise a floor as extraction improves.
EVENTS_F1_FLOOR = 1.000
ROLES_F1_FLOOR = 1.000
FLOOR_TOLERANCE = 0.02
SPAN_RECALL_MIN = 0.95


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    """Every corpus document (gold/ is skipped by corpus/.claimkitignore), analysed."""
    docs = [d.as_item() for d in read_inputs([CORPUS]) if isinstance(d, Document)]
    assert docs, f"no documents read from {CORPUS}"
    return list(claimkit.analyze_many(docs))


@pytest.fixture(scope="module")
def gold() -> dict[str, list[dict[str, Any]]]:
    """The gold tables of corpus/gold, by file stem."""
    return load_gold(CORPUS / "gold")


def person_misses(
    analyses: list[Analysis], gold_persons: list[dict[str, Any]]
) -> set[tuple[str, str, str]]:
    """Every person mismatch as ``(doc_id, "missed" | "not a person", name)``."""
    misses: set[tuple[str, str, str]] = set()
    for a in analyses:
        want = {
            fold(g["canonical"]): g["canonical"] for g in gold_persons if g["doc_id"] == a.doc_id
        }
        got = {fold(e.canonical): e.canonical for e in a.entities if e.label == "PERSON"}
        misses |= {(a.doc_id, "missed", want[k]) for k in want.keys() - got.keys()}
        misses |= {(a.doc_id, "not a person", got[k]) for k in got.keys() - want.keys()}
    return misses


def _of_kind(misses: set[tuple[str, str, str]], kind: str) -> set[tuple[str, str, str]]:
    return {m for m in misses if m[1] == kind}


def test_every_gold_document_is_analysed(
    analyses: list[Analysis], gold: dict[str, list[dict[str, Any]]]
) -> None:
    assert all(a.ok for a in analyses), [a.errors for a in analyses if not a.ok]
    doc_ids = {a.doc_id for a in analyses}
    gold_ids = {row["doc_id"] for table in gold.values() for row in table}
    assert gold_ids <= doc_ids, f"gold names documents the corpus lacks: {gold_ids - doc_ids}"


def test_every_gold_person_is_a_person(
    analyses: list[Analysis], gold: dict[str, list[dict[str, Any]]]
) -> None:
    """(a) Each gold person is a PERSON entity with the gold canonical name in its document."""
    misses = _of_kind(person_misses(analyses, gold["persons"]), "missed")
    known = _of_kind(KNOWN_PERSON_MISSES, "missed")
    assert misses - known == set(), "new person misses"
    assert known - misses == set(), "fixed: remove these from KNOWN_PERSON_MISSES"


def test_no_person_outside_gold(
    analyses: list[Analysis], gold: dict[str, list[dict[str, Any]]]
) -> None:
    """(b) No PERSON entity whose canonical is not a gold person of its document."""
    misses = _of_kind(person_misses(analyses, gold["persons"]), "not a person")
    known = _of_kind(KNOWN_PERSON_MISSES, "not a person")
    assert misses - known == set(), "new PERSON entities that are not gold persons"
    assert known - misses == set(), "fixed: remove these from KNOWN_PERSON_MISSES"


def test_every_gold_figure_has_all_fields_right(
    analyses: list[Analysis], gold: dict[str, list[dict[str, Any]]]
) -> None:
    """(c) Every gold figure is found with value, interval, category, subject and claimant."""
    span = score_figures(analyses, gold["figures"], fields=())
    full = score_figures(analyses, gold["figures"])
    report = f"{span.line('figures (span)')}\n{full.line('figures (all fields)')}"
    assert span.recall >= SPAN_RECALL_MIN, f"{report}\n" + "\n".join(span.errors)
    assert full.errors == [], f"{report}\n" + "\n".join(full.errors)


@pytest.mark.parametrize(
    ("layer", "floor"), [("events", EVENTS_F1_FLOOR), ("roles", ROLES_F1_FLOOR)]
)
def test_events_and_roles_do_not_regress(
    analyses: list[Analysis], gold: dict[str, list[dict[str, Any]]], layer: str, floor: float
) -> None:
    """Events (kind and year) and roles score at least their floor on the corpus gold."""
    score = (
        score_events(analyses, gold["events"])
        if layer == "events"
        else score_roles(analyses, gold["persons"])
    )
    assert score.f1 >= floor - FLOOR_TOLERANCE, score.line(layer) + "\n" + "\n".join(score.errors)
