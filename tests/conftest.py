"""Shared fixtures: the loaded pipeline and the case tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).parent.parent


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of ``tests/cases/<name>.yaml``."""
    data = yaml.safe_load((CASES / f"{name}.yaml").read_text("utf-8"))
    assert isinstance(data, list)
    return data


def case_params(name: str) -> list[Any]:
    """pytest parameters for a case table, with each case's id.

    Cases listed in ``known_failures.yaml`` are strict xfails: they run, must fail, and turn the
    suite red once they pass, so the list only ever shrinks.
    """
    known = yaml.safe_load((CASES / "known_failures.yaml").read_text("utf-8")) or {}
    failing = known.get(name) or {}
    params = []
    for c in load_cases(name):
        marks = (
            [pytest.mark.xfail(reason=failing[c["id"]], strict=True)] if c["id"] in failing else []
        )
        params.append(pytest.param(c, id=c["id"], marks=marks))
    return params


@pytest.fixture(scope="session")
def nlp() -> Any:
    import claimkit

    return claimkit.load()
