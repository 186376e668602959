"""The entity case table: who comes out as PERSON, under which canonical name."""

from __future__ import annotations

from typing import Any

import pytest

import claimkit
from tests.conftest import case_params


@pytest.mark.parametrize("case", case_params("entities"))
def test_entity_case(case: dict[str, Any]) -> None:
    a = claimkit.analyze(case["text"])
    persons = {e.canonical for e in a.entities if e.label == "PERSON"}
    assert persons == set(case.get("persons") or [])
    person_texts = {e.text for e in a.entities if e.label == "PERSON"}
    for name in case.get("not_persons") or []:
        assert name not in person_texts and name not in persons, f"{name!r} came out as PERSON"
    if "person_texts" in case:  # mention spans as a newswire annotator marks them
        assert sorted(person_texts) == sorted(case["person_texts"])
