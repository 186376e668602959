"""The event case table: every event a short text mentions, with kind, start date and place."""

from __future__ import annotations

from typing import Any

import pytest

import claimkit
from tests.conftest import case_params


@pytest.mark.parametrize("case", case_params("events"))
def test_event_case(case: dict[str, Any]) -> None:
    a = claimkit.analyze(case["text"], published=case.get("published"))
    got = sorted((e.kind, e.date_start or "") for e in a.events)
    want = sorted((w["kind"], w["date_start"] or "") for w in case["events"])
    assert got == want
    for w in case["events"]:
        match = next(
            e
            for e in a.events
            if (e.kind, e.date_start or "") == (w["kind"], w["date_start"] or "")
        )
        for field in ("name", "location"):
            if field in w:
                assert getattr(match, field) == w[field], field
