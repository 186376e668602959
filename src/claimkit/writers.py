"""Streaming table writers: rows are written as analyses arrive, so memory stays bounded.

CSV and JSON Lines append; Parquet writes one row group per flush with a fixed schema.

Examples:
    >>> import tempfile, pathlib, claimkit
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with TableWriters(out, "csv") as w:
    ...     w.add(claimkit.analyze("Ten died."))
    >>> sorted(p.name for p in out.iterdir())
    ['entities.csv', 'errors.csv', 'events.csv', 'figures.csv', 'links.csv', 'roles.csv']
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimkit.analysis import TABLES, Analysis
from claimkit.export import TABLE_COLUMNS, rows
from claimkit.records import ErrorRecord

__all__ = ["FORMATS", "TableWriters"]

FORMATS = ("csv", "parquet", "jsonl")
"""Output formats of :class:`TableWriters` and the CLI."""

_FLOATS = {"value", "low", "high"}
_INTS = {"start_char", "end_char", "sentence_id"}


def _schema(table: str) -> pa.Schema:
    fields = []
    for col in TABLE_COLUMNS[table]:
        typ = pa.float64() if col in _FLOATS else pa.int64() if col in _INTS else pa.string()
        fields.append(pa.field(col, typ))
    return pa.schema(fields)


class TableWriters:
    """Writers for every table of an output folder: ``DIR/<table>.<format>``.

    Args:
        out_dir: Folder to write to (created if missing).
        fmt: ``"csv"``, ``"parquet"`` or ``"jsonl"``.
        flush_rows: Rows buffered per table before a write (a Parquet row group).

    Examples:
        >>> import tempfile, claimkit
        >>> with TableWriters(tempfile.mkdtemp(), "jsonl") as w:
        ...     w.add(claimkit.analyze("Ten died."))
        >>> w.counts["figures"], w.path("figures").name
        (1, 'figures.jsonl')
    """

    def __init__(self, out_dir: str | Path, fmt: str = "csv", flush_rows: int = 5000) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.flush_rows = flush_rows
        self.tables = (*TABLES, "errors")
        self.buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in self.tables}
        self.counts: dict[str, int] = {t: 0 for t in self.tables}
        self._files: dict[str, IO[str]] = {}
        self._csv: dict[str, Any] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        for t in self.tables:
            self._open(t)

    def path(self, table: str) -> Path:
        """The file a table is written to."""
        return self.dir / f"{table}.{self.fmt}"

    def _open(self, table: str) -> None:
        path = self.path(table)
        if self.fmt == "parquet":
            self._parquet[table] = pq.ParquetWriter(path, _schema(table))
            return
        f = path.open("w", encoding="utf-8", newline="")
        self._files[table] = f
        if self.fmt == "csv":
            writer = csv.DictWriter(f, fieldnames=TABLE_COLUMNS[table], extrasaction="ignore")
            writer.writeheader()
            self._csv[table] = writer

    def add(self, analysis: Analysis) -> None:
        """Queue one analysis's rows (and its errors) for writing."""
        for t in self.tables:
            self._extend(t, rows(analysis, t))

    def add_error(self, error: ErrorRecord) -> None:
        """Queue an input that could not be read."""
        self._extend("errors", [error.to_dict()])

    def _extend(self, table: str, new: list[dict[str, Any]]) -> None:
        if not new:
            return
        buf = self.buffers[table]
        buf.extend(new)
        self.counts[table] += len(new)
        if len(buf) >= self.flush_rows:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buf = self.buffers[table]
        if not buf:
            return
        if self.fmt == "parquet":
            cols = {c: [r.get(c) for r in buf] for c in TABLE_COLUMNS[table]}
            self._parquet[table].write_table(pa.Table.from_pydict(cols, schema=_schema(table)))
        elif self.fmt == "csv":
            self._csv[table].writerows(buf)
        else:
            f = self._files[table]
            for r in buf:
                f.write(
                    json.dumps({c: r.get(c) for c in TABLE_COLUMNS[table]}, ensure_ascii=False)
                    + "\n"
                )
        buf.clear()

    def close(self) -> None:
        """Write what is buffered and close every file."""
        for t in self.tables:
            self._flush(t)
        for w in self._parquet.values():
            w.close()
        for f in self._files.values():
            f.close()

    def __enter__(self) -> TableWriters:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
