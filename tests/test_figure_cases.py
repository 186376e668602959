"""The figure case table: every figure of each sentence, with the fields the case gives."""

from __future__ import annotations

import math
from typing import Any

import pytest

import claimkit
from tests.conftest import case_params

_NUMERIC = ("value", "low", "high")


def _same(field: str, got: Any, want: Any) -> bool:
    if field in _NUMERIC and got is not None and want is not None:
        return math.isclose(float(got), float(want), rel_tol=1e-6)
    if (
        isinstance(want, str)
        and isinstance(got, str)
        and field in ("subject", "attribution", "hedge")
    ):
        return got.lower() == want.lower()
    return bool(got == want)


@pytest.mark.parametrize("case", case_params("figures"))
def test_figure_case(case: dict[str, Any]) -> None:
    a = claimkit.analyze(case["text"], published=case.get("published"))
    got = a.figures
    want = case["figures"] or []
    assert [f.text for f in got] == [w["text"] for w in want]
    for f, w in zip(got, want, strict=True):
        for field, value in w.items():
            assert _same(field, getattr(f, field), value), (
                f"{w['text']!r}.{field}: got {getattr(f, field)!r}, want {value!r}"
            )
        assert case["text"][f.start_char : f.end_char] == f.text
