"""Tables from analyses: one tidy DataFrame per record type.

Examples:
    >>> import claimkit
    >>> tables = claimkit.frames(claimkit.analyze_many(["Ten died.", "Hundreds fled."]))
    >>> list(tables["figures"]["text"])
    ['Ten', 'Hundreds']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import pandas as pd

from claimkit.analysis import TABLES, Analysis
from claimkit.records import (
    NO_CATEGORY,
    Entity,
    ErrorRecord,
    Event,
    Figure,
    Link,
    Role,
    record_fields,
)

__all__ = ["DATETIME", "ID_COLUMNS", "TABLE_COLUMNS", "as_datetime", "frames", "rows"]

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

ID_COLUMNS: dict[str, str] = {
    "figures": "figure_id",
    "entities": "mention_id",
    "roles": "role_id",
    "events": "event_row_id",
    "links": "link_id",
}
"""The row id column of each record table (unique across documents; see :mod:`claimkit.ids`)."""

DATETIME: Final = "datetime64[us]"
"""The dtype of every date column of every table claimkit returns (``published``, ``added_at``)."""

_FLOAT = {"value", "low", "high"}
_INT = {"start_char", "end_char", "sentence_id"}
_CATEGORY = {"category", "qualifier", "kind", "label", "trend", "relation"}
_DATES = {"published", "added_at"}


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


def as_datetime(values: Any) -> pd.Series:
    """ISO dates of any precision (``"2019"``, ``"2019-11"``, ``"2019-11-15"``) as :data:`DATETIME`;
    what is not a date becomes ``NaT``.

    Examples:
        >>> as_datetime(pd.Series(["2019-11-15", "2019", None])).dt.strftime("%Y-%m-%d").tolist()
        ['2019-11-15', '2019-01-01', nan]
    """
    series = pd.Series(values)
    if not pd.api.types.is_datetime64_any_dtype(series):
        series = pd.to_datetime(series.astype(object), errors="coerce", format="ISO8601")
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_localize(None)
    return series.astype(DATETIME)


def _category(values: pd.Series) -> pd.Series:
    """A vocabulary column as ``category`` with ``str`` categories, however it was read."""
    plain = values.astype(object).where(values.notna(), None)
    out = plain.astype("category")
    return out.cat.set_categories(out.cat.categories.astype(str))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Give every column of a table its dtype (the same from analyses, a store or a file):
    nullable ``Float64``/``Int64`` numbers, ``category`` vocabularies, :data:`DATETIME` dates and
    ``string`` for the rest."""
    for col in df.columns:
        if col in _FLOAT:
            df[col] = df[col].astype("Float64")
        elif col in _INT or col.startswith("n_"):
            df[col] = df[col].astype("Int64")
        elif col in _CATEGORY:
            if col == "category":
                df[col] = df[col].astype(object).where(df[col].notna(), NO_CATEGORY)
            df[col] = _category(df[col])
        elif col in _DATES:
            df[col] = as_datetime(df[col])
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
        ``published`` :data:`DATETIME` (``datetime64[us]``), the rest ``string``. The first column of
        each record table is its row id (:data:`ID_COLUMNS`); figures and links name their event
        by ``event_id``, the id of the events row of the same document.

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
