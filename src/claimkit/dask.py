"""claimkit on a Dask cluster: a Dask DataFrame of documents in, one table of records out.

Needs the ``dask`` extra (``pip install 'claimkit[dask]'``, i.e. ``dask[distributed]``). Each
partition is analysed in the worker that holds it; the spaCy pipeline is loaded there, lazily, once
per worker process (:func:`claimkit.load` is cached per process) and is never pickled. The result
has exactly the columns and dtypes of the table :func:`claimkit.frames` makes, and the same rows as
``claimkit.frames(claimkit.analyze_many(items))`` on the same documents.

Examples:
    >>> import pandas as pd
    >>> import dask.dataframe as dd
    >>> import claimkit.dask
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ten died.", "Hundreds fled."]})
    >>> figures = claimkit.dask.analyze(dd.from_pandas(docs, npartitions=2), table="figures")
    >>> figures.compute()[["doc_id", "text", "low"]].values.tolist()
    [['a', 'Ten', 10.0], ['b', 'Hundreds', 100.0]]
"""

from __future__ import annotations

import dataclasses
import math
import operator
import threading
from collections.abc import Hashable, Sequence
from typing import Any

import dask.dataframe as dd
import pandas as pd
from dask.dataframe import utils as dd_utils
from dask.delayed import delayed

from claimkit.analysis import TABLES
from claimkit.export import TABLE_COLUMNS, _typed, rows
from claimkit.pipeline import analyze_many

__all__ = [
    "META_COLUMNS",
    "TABLE_NAMES",
    "analyze",
    "analyze_partition",
    "analyze_tables",
    "items",
    "meta",
]

TABLE_NAMES = (*TABLES, "errors")
"""Tables :func:`analyze` can return."""

META_COLUMNS = ("source", "published", "title", "url")
"""Document metadata columns :func:`analyze` passes on to claimkit when the frame has them."""

_CATEGORY = {"category", "qualifier", "kind", "label", "trend"}
_LOCK = threading.Lock()


def _check_table(table: str) -> None:
    if table not in TABLE_NAMES:
        raise ValueError(f"table must be one of {TABLE_NAMES}, not {table!r}")


def meta(table: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes :func:`claimkit.frames` gives ``table``.

    Numbers are nullable ``Float64``/``Int64``, vocabularies ``category`` (with categories unknown
    to Dask, since each partition has those it found), ``published`` ``datetime64[us]``, the rest
    ``string``.

    Examples:
        >>> str(meta("figures")["value"].dtype), str(meta("figures")["published"].dtype)
        ('Float64', 'datetime64[us]')
    """
    _check_table(table)
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in TABLE_COLUMNS[table]})
    typed = _conform(_typed(empty))
    cats = [c for c in typed.columns if c in _CATEGORY]
    if not cats:
        return typed
    clear: Any = dd_utils.clear_known_categories  # untyped in dask
    cleared: pd.DataFrame = clear(typed, cols=cats)
    return cleared


def _conform(df: pd.DataFrame) -> pd.DataFrame:
    """Make every partition's dtypes agree, so that Dask can concatenate them.

    ``frames`` infers ``published`` as ``datetime64[s]`` or ``[us]`` and categories as ``object``
    or ``str`` from the values (empty or all missing, or not); here they are always ``[us]`` and
    ``str``.
    """
    if "published" in df.columns:
        df["published"] = df["published"].astype("datetime64[us]")
    for col in df.columns:
        if col in _CATEGORY:
            cats = df[col].cat.categories
            if cats.dtype == object:
                df[col] = df[col].cat.set_categories(cats.astype(str))
    return df


def _value(v: object) -> object:
    """A cell as claimkit expects it: missing values (NaN, NA, NaT) become ``None``."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _columns(
    df: pd.DataFrame, text: str, doc_id: str | None, meta_columns: Sequence[str]
) -> dict[str, str]:
    """``{item key: column}`` for the columns of ``df`` to read; raises on a missing text/doc_id."""
    unknown = [c for c in meta_columns if c not in META_COLUMNS]
    if unknown:
        raise ValueError(f"meta_columns must be among {META_COLUMNS}, not {unknown}")
    if text not in df.columns:
        raise ValueError(f"no text column {text!r} in {list(df.columns)}")
    if doc_id is not None and doc_id not in df.columns:
        raise ValueError(
            f"no doc_id column {doc_id!r} in {list(df.columns)} (pass doc_id=None to use "
            "claimkit's hash of the text)"
        )
    keys = {"text": text, **({"doc_id": doc_id} if doc_id else {})}
    keys.update({c: c for c in meta_columns if c in df.columns})
    return keys


def items(
    df: pd.DataFrame,
    text: str = "text",
    doc_id: str | None = "doc_id",
    meta_columns: Sequence[str] = META_COLUMNS,
) -> list[dict[str, Any]]:
    """The rows of a pandas frame as items for :func:`claimkit.analyze_many`.

    Args:
        df: One document per row.
        text: Column holding the text.
        doc_id: Column holding the document id, or ``None`` to use claimkit's hash of the text.
        meta_columns: Metadata columns to pass on; those ``df`` lacks are skipped.

    Returns:
        ``{"text", "doc_id", "source", ...}`` dicts in row order, missing values as ``None``.

    Examples:
        >>> items(pd.DataFrame({"doc_id": ["a"], "text": ["Ten died."], "source": [None]}))
        [{'text': 'Ten died.', 'doc_id': 'a', 'source': None}]
    """
    keys = _columns(df, text, doc_id, meta_columns)
    values = {key: df[col].tolist() for key, col in keys.items()}
    return [{key: _value(values[key][i]) for key in keys} for i in range(len(df))]


def analyze_partition(
    df: pd.DataFrame,
    table: str = "figures",
    text: str = "text",
    doc_id: str | None = "doc_id",
    meta_columns: Sequence[str] = META_COLUMNS,
    model: str | None = None,
    batch_size: int = 64,
) -> pd.DataFrame:
    """Analyse the documents of one pandas frame into one table, in this process.

    This is what :func:`analyze` runs on every partition. The pipeline is loaded on first use in
    the calling process and reused; a lock lets one thread at a time use it.

    A document that cannot be analysed and has no ``doc_id`` is named ``item-<index label>``: with
    a default range index that is ``analyze_many``'s ``item-<position>``.

    Args:
        df: One document per row.
        table: ``"figures"``, ``"entities"``, ``"roles"``, ``"events"`` or ``"errors"``.
        text: Column holding the text.
        doc_id: Column holding the document id, or ``None`` to use claimkit's hash of the text.
        meta_columns: Metadata columns to pass on; those ``df`` lacks are skipped.
        model: spaCy pipeline to use (see :func:`claimkit.load`).
        batch_size: Documents per ``nlp.pipe`` batch.

    Returns:
        The table's rows for these documents, typed like :func:`meta`.

    Examples:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Ten died."]})
        >>> analyze_partition(docs, "figures")["text"].tolist()
        ['Ten']
    """
    _check_table(table)
    return _tables(df, (table,), text, doc_id, meta_columns, model, batch_size)[table]


def _tables(
    df: pd.DataFrame,
    tables: Sequence[str],
    text: str,
    doc_id: str | None,
    meta_columns: Sequence[str],
    model: str | None,
    batch_size: int,
) -> dict[str, pd.DataFrame]:
    """Analyse the documents of ``df`` once into every table of ``tables``."""
    batch = items(df, text, doc_id, meta_columns)
    labels: list[Hashable] = list(df.index)
    with _LOCK:
        analyses = list(analyze_many(batch, batch_size=batch_size, model=model))
    records: dict[str, list[dict[str, Any]]] = {t: [] for t in tables}
    for pos, (item, analysis) in enumerate(zip(batch, analyses, strict=True)):
        if item.get("doc_id") is None and analysis.doc_id == f"item-{pos}":
            analysis = dataclasses.replace(analysis, doc_id=f"item-{labels[pos]}")
        for t in tables:
            records[t].extend(rows(analysis, t))
    return {
        t: _conform(_typed(pd.DataFrame(r, columns=TABLE_COLUMNS[t]))) for t, r in records.items()
    }


def analyze(
    ddf: dd.DataFrame,
    table: str = "figures",
    *,
    text: str = "text",
    doc_id: str | None = "doc_id",
    meta_columns: Sequence[str] = META_COLUMNS,
    model: str | None = None,
    batch_size: int = 64,
) -> dd.DataFrame:
    """Analyse a Dask DataFrame of documents into one claimkit table, partition by partition.

    Runs on whatever scheduler is active: a ``distributed.Client`` (local or remote), or Dask's
    local schedulers. Use worker processes with one thread each (spaCy is CPU-bound and the model
    is shared by the threads of a process); every worker process loads the model once.

    Args:
        ddf: One document per row.
        table: ``"figures"``, ``"entities"``, ``"roles"``, ``"events"``, or ``"errors"`` for the
            documents that could not be analysed.
        text: Column holding the text.
        doc_id: Column holding the document id, or ``None`` to use claimkit's hash of the text.
        meta_columns: Metadata columns to pass on (among ``source``, ``published``, ``title``,
            ``url``); those ``ddf`` lacks are skipped.
        model: spaCy pipeline to use (see :func:`claimkit.load`); it must be installed on the
            workers.
        batch_size: Documents per ``nlp.pipe`` batch inside a partition.

    Returns:
        A lazy Dask DataFrame with exactly the columns of ``claimkit.export.TABLE_COLUMNS[table]``,
        typed like :func:`claimkit.frames` (see :func:`meta`); one output partition per input
        partition, rows in input order, each partition indexed from 0.

    Raises:
        ValueError: If ``table`` is unknown, or the text or doc_id column is missing.

    Examples:
        >>> import distributed
        >>> with distributed.Client("tcp://scheduler:8786"):  # doctest: +SKIP
        ...     docs = dd.read_parquet("articles/")  # columns doc_id, text, source, published
        ...     claimkit.dask.analyze(docs, "figures").to_parquet("figures/")
    """
    _check_table(table)
    _columns(ddf._meta, text, doc_id, meta_columns)
    frame: Any = ddf  # map_partitions is untyped in dask
    result: dd.DataFrame = frame.map_partitions(
        analyze_partition,
        table,
        text,
        doc_id,
        tuple(meta_columns),
        model,
        batch_size,
        meta=meta(table),
        clear_divisions=True,
    )
    return result


def analyze_tables(
    ddf: dd.DataFrame,
    tables: Sequence[str] = TABLE_NAMES,
    *,
    text: str = "text",
    doc_id: str | None = "doc_id",
    meta_columns: Sequence[str] = META_COLUMNS,
    model: str | None = None,
    batch_size: int = 64,
) -> dict[str, dd.DataFrame]:
    """Several tables from one analysis of each partition.

    Like :func:`analyze`, but each partition is analysed once for all of ``tables``: compute the
    frames together (``dask.compute(...)``, or ``to_parquet(..., compute=False)`` for each and one
    ``dask.compute``) to share the work. Computed one at a time, each analyses the documents again.

    Args:
        ddf: One document per row.
        tables: Tables to return (see :data:`TABLE_NAMES`).
        text: Column holding the text.
        doc_id: Column holding the document id, or ``None`` to use claimkit's hash of the text.
        meta_columns: Metadata columns to pass on; those ``ddf`` lacks are skipped.
        model: spaCy pipeline to use; it must be installed on the workers.
        batch_size: Documents per ``nlp.pipe`` batch inside a partition.

    Returns:
        ``{table: lazy Dask DataFrame}``, each as :func:`analyze` returns it.

    Raises:
        ValueError: If a table is unknown, or the text or doc_id column is missing.

    Examples:
        >>> import dask
        >>> docs = dd.from_pandas(pd.DataFrame({"doc_id": ["a"], "text": ["Ten died."]}), 1)
        >>> out = analyze_tables(docs, ("figures", "errors"))
        >>> figures, errors = dask.compute(out["figures"], out["errors"])
        >>> len(figures), len(errors)
        (1, 0)
    """
    for table in tables:
        _check_table(table)
    _columns(ddf._meta, text, doc_id, meta_columns)
    names = tuple(tables)
    frame: Any = ddf  # to_delayed is untyped in dask
    analyse = delayed(_tables, pure=True)
    parts = [
        analyse(part, names, text, doc_id, tuple(meta_columns), model, batch_size)
        for part in frame.to_delayed()
    ]
    pick = delayed(operator.getitem, pure=True)
    return {
        t: dd.from_delayed([pick(p, t) for p in parts], meta=meta(t), verify_meta=False)
        for t in names
    }
