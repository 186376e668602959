"""Records: frozen, slotted, picklable, plain values, and the public vocabularies."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import claimkit
from claimkit.records import (
    CATEGORIES,
    QUALIFIERS,
    TRENDS,
    Entity,
    Event,
    Figure,
    Role,
    record_fields,
)


@pytest.mark.parametrize("cls", [Entity, Figure, Role, Event])
def test_records_are_frozen_and_slotted(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)
    assert hasattr(cls, "__slots__")
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen


def test_contract_fields() -> None:
    assert record_fields(Entity) == [
        "mention_id",
        "doc_id",
        "entity_id",
        "text",
        "label",
        "canonical",
        "start_char",
        "end_char",
        "sentence_id",
    ]
    assert record_fields(Figure) == [
        "figure_id", "doc_id", "text", "start_char", "end_char", "sentence", "value", "low", "high",
        "qualifier", "trend", "unit", "category", "subject", "hedge", "attribution", "event", "event_id",
        "date_start", "date_end", "location",
    ]  # fmt: skip
    assert record_fields(Role) == [
        "role_id", "doc_id", "person", "role", "organization", "qualifier", "date_start", "date_end", "sentence",
        "start_char", "end_char",
    ]  # fmt: skip
    assert record_fields(Event) == [
        "event_row_id",
        "doc_id",
        "event_id",
        "name",
        "kind",
        "date_start",
        "date_end",
        "location",
    ]


def test_vocabularies() -> None:
    assert set(QUALIFIERS) == {
        "exact",
        "approx",
        "at_least",
        "more_than",
        "at_most",
        "less_than",
        "range",
    }
    assert set(TRENDS) == {"up", "down", None}
    assert set(CATEGORIES) == {
        "killed", "injured", "arrested", "executed", "sentenced", "missing", "displaced", "participants",
        "places", "share", "money", "other", None,
    }  # fmt: skip


def test_frozen_assignment_fails() -> None:
    f = Figure("d", "10", 0, 2, value=10.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 11.0  # type: ignore[misc]


def test_analysis_records_pickle_and_hold_plain_values() -> None:
    a = claimkit.analyze("At least 304 people were killed in Iran, Amnesty International said.")
    assert a.figures and a.entities
    for rec in [*a.figures, *a.entities, *a.roles, *a.events]:
        again = pickle.loads(pickle.dumps(rec))
        assert again == rec
        for value in rec.to_dict().values():
            assert value is None or isinstance(value, str | int | float)
    vocab = {f.qualifier for f in a.figures}
    assert vocab <= set(QUALIFIERS)
    assert {f.category for f in a.figures} <= set(CATEGORIES)
