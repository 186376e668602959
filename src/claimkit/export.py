"""Tables from analyses: one tidy DataFrame per record type.

Examples:
    >>> import claimkit
    >>> tables = claimkit.frames(claimkit.analyze_many(["Ten died.", "Hundreds fled."]))
    >>> list(tables["figures"]["text"])
    ['Ten', 'Hundreds']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from claimkit.analysis import TABLES, Analysis
from claimkit.records import Entity, ErrorRecord, Event, Figure, Link, Role, record_fields

__all__ = ["TABLE_COLUMNS", "frames", "rows"]

_CLASSES: dict[str, type[Any]] = {
    "figures": Figure,
    "entities": Entity,
    "roles": Role,
    "events": Event,
    "links": Link,
    "errors": ErrorRecord,
}
TABLE_COLUMNS: dict[str, list[str]] = {
    name: record_fields(cls) + ([] if name == "errors" else ["source", "published"])
    for name, cls in _CLASSES.items()
}
"""Columns of each table, in order."""

_FLOAT = {"value", "low", "high"}
_INT = {"start_char", "end_char", "sentence_id"}
_CATEGORY = {"category", "qualifier", "kind", "label", "trend", "relation"}


def rows(analysis: Analysis, table: str) -> list[dict[str, Any]]:
    """The rows one analysis contributes to ``table``.

    Examples:
        >>> import claimkit
        >>> rows(claimkit.analyze("Ten died.", source="X"), "figures")[0]["source"]
        'X'
    """
    if table == "errors":
        return [r.to_dict() for r in analysis.error_records()]
    extra = {"source": analysis.source, "published": analysis.published}
    return [{**r.to_dict(), **extra} for r in getattr(analysis, table)]


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for col in df.columns:
        if col in _FLOAT:
            df[col] = df[col].astype("Float64")
        elif col in _INT:
            df[col] = df[col].astype("Int64")
        elif col in _CATEGORY:
            df[col] = df[col].astype("category")
        elif col == "published":
            df[col] = pd.to_datetime(df[col], errors="coerce")
        else:
            df[col] = df[col].astype("string")
    return df


def frames(analyses: Iterable[Analysis]) -> dict[str, pd.DataFrame]:
    """Concatenate analyses into one DataFrame per table.

    Args:
        analyses: Any iterable of :class:`~claimkit.analysis.Analysis` (consumed once).

    Returns:
        ``{"figures", "entities", "roles", "events", "links", "errors"}`` -> DataFrame, with the record fields
        plus ``source`` and ``published`` as columns (the errors table: ``doc_id``, ``path``,
        ``reason``). Numbers are nullable ``Float64``/``Int64``, vocabularies ``category``,
        ``published`` ``datetime64``.

    Examples:
        >>> import claimkit
        >>> str(frames([claimkit.analyze("Ten died.")])["figures"]["value"].dtype)
        'Float64'
    """
    collected: dict[str, list[dict[str, Any]]] = {t: [] for t in (*TABLES, "errors")}
    for a in analyses:
        for table in collected:
            collected[table].extend(rows(a, table))
    return {t: _typed(pd.DataFrame(r, columns=TABLE_COLUMNS[t])) for t, r in collected.items()}
