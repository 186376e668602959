"""Streaming: analyze_many reads lazily and yields in input order; writers flush in row groups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

import claimkit
from claimkit.export import TABLE_COLUMNS
from claimkit.writers import TableWriters


class Counted:
    """A generator of tiny documents that counts how many items were read from it.

    Args:
        n: Number of documents.
        fail_after: Raise ``RuntimeError`` when asked for item number ``fail_after``.
    """

    def __init__(self, n: int, fail_after: int | None = None) -> None:
        self.n = n
        self.fail_after = fail_after
        self.read = 0

    @staticmethod
    def text(i: int) -> str:
        return f"{i + 2} people were arrested."

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(self.n):
            if i == self.fail_after:
                raise RuntimeError(f"source broke at item {i}")
            self.read += 1
            yield {"doc_id": f"d{i}", "text": self.text(i)}


def test_analyze_many_is_lazy_ordered_and_reads_at_most_a_batch_ahead() -> None:
    source = Counted(500)
    batch = 32
    results = claimkit.analyze_many(iter(source), batch_size=batch)
    assert source.read == 0  # nothing is read before the first result is asked for
    max_ahead = 0
    for consumed, a in enumerate(results, start=1):
        i = consumed - 1
        assert a.doc_id == f"d{i}" and a.text == Counted.text(i)
        assert [f.value for f in a.figures] == [float(i + 2)]
        max_ahead = max(max_ahead, source.read - consumed)
        assert source.read <= consumed + batch
    assert source.read == 500
    assert max_ahead == batch - 1  # one batch read, its first result handed out


def test_results_before_a_broken_source_come_out_before_its_error() -> None:
    source = Counted(500, fail_after=70)
    got: list[str] = []
    with pytest.raises(RuntimeError, match="item 70"):
        for a in claimkit.analyze_many(iter(source), batch_size=32):
            got.append(a.doc_id)
    assert got == [f"d{i}" for i in range(64)]  # the two whole batches read before it broke


def test_two_processes_keep_input_order() -> None:
    source = Counted(200)
    ids = [a.doc_id for a in claimkit.analyze_many(iter(source), n_process=2, batch_size=8)]
    assert ids == [f"d{i}" for i in range(200)]


def test_parquet_is_written_in_row_groups_as_analyses_arrive(tmp_path: Path) -> None:
    flush = 50
    analyses = claimkit.analyze_many(iter(Counted(180)), batch_size=32)
    with TableWriters(tmp_path, "parquet", flush_rows=flush) as writers:
        for a in analyses:
            writers.add(a)
            assert all(len(buf) < flush for buf in writers.buffers.values())
    counts = dict(writers.counts)
    figures = pq.ParquetFile(tmp_path / "figures.parquet")
    assert counts["figures"] == 180 == figures.metadata.num_rows
    assert figures.metadata.num_row_groups == 4  # 50 + 50 + 50 on the way, 30 at close
    assert [figures.metadata.row_group(g).num_rows for g in range(4)] == [50, 50, 50, 30]
    table = figures.read().to_pandas()
    assert list(table.columns) == TABLE_COLUMNS["figures"]
    assert table["doc_id"].tolist() == [f"d{i}" for i in range(180)]
    assert table["value"].tolist() == [float(i + 2) for i in range(180)]


def test_fewer_rows_than_the_flush_size_make_one_row_group(tmp_path: Path) -> None:
    with TableWriters(tmp_path, "parquet", flush_rows=1000) as writers:
        for a in claimkit.analyze_many(iter(Counted(20))):
            writers.add(a)
    figures = pq.ParquetFile(tmp_path / "figures.parquet")
    assert (figures.metadata.num_rows, figures.metadata.num_row_groups) == (20, 1)


def test_streamed_parquet_has_the_rows_of_frames(tmp_path: Path) -> None:
    docs = [
        {"doc_id": "a", "text": "Amnesty International said at least 304 people were killed."},
        {"doc_id": "b", "text": "Ali Khamenei, the supreme leader, spoke after 7,000 were held."},
        {"doc_id": "c", "text": None},
    ]
    analyses = list(claimkit.analyze_many(docs))
    with TableWriters(tmp_path, "parquet", flush_rows=2) as writers:
        for a in analyses:
            writers.add(a)
    for table, frame in claimkit.frames(analyses).items():
        written = pq.read_table(tmp_path / f"{table}.parquet").to_pandas()
        assert list(written.columns) == list(frame.columns)
        for col in ("doc_id", "text", "value", "reason"):
            if col in frame:
                got = [None if pd.isna(v) else v for v in written[col]]
                want = [None if pd.isna(v) else v for v in frame[col]]
                assert got == want, (table, col)


def test_worker_pool_reads_ahead_a_bounded_window() -> None:
    """With worker processes, input is read only a few batches ahead of the consumer."""
    read = 0

    def source() -> Iterator[str]:
        nonlocal read
        for i in range(400):
            read += 1
            yield f"Officials said {i + 2} people were detained."

    stream = claimkit.analyze_many(source(), n_process=2, batch_size=10)
    first = next(stream)
    assert first.figures[0].value == 2.0
    assert read <= (2 * 2 + 1) * 10, read
    stream.close()
