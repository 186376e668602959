"""The role case table: every (person, role, organisation, qualifier) a sentence states."""

from __future__ import annotations

from typing import Any

import pytest

import claimkit
from tests.conftest import case_params


def _key(r: Any) -> tuple[str, str, str | None, str | None]:
    if isinstance(r, dict):
        return (r["person"], r["role"], r.get("organization"), r.get("qualifier"))
    return (r.person, r.role, r.organization, r.qualifier)


@pytest.mark.parametrize("case", case_params("roles"))
def test_role_case(case: dict[str, Any]) -> None:
    a = claimkit.analyze(case["text"], published=case.get("published"))
    want = case["roles"] or []
    assert sorted(map(_key, a.roles), key=str) == sorted(map(_key, want), key=str)
    for r in a.roles:  # every role points at the words that state it
        assert 0 <= r.start_char < r.end_char <= len(case["text"]), r
    for w in want:
        for field in ("date_start", "date_end"):
            if field in w:
                match = [r for r in a.roles if _key(r) == _key(w)]
                assert match and getattr(match[0], field) == w[field]
