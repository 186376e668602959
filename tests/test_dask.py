"""claimkit.dask on a LocalCluster of two worker processes gives exactly the rows of one process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import claimkit  # noqa: E402
import claimkit.dask  # noqa: E402
from claimkit.export import TABLE_COLUMNS  # noqa: E402

DOCS: list[dict[str, Any]] = [
    {
        "doc_id": "d0",
        "text": "Amnesty International said at least 304 people were killed in the November 2019 "
        "protests. Reuters put the toll at about 1,500.",
        "source": "Harbor Wire",
        "published": "2019-12-24",
    },
    {
        "doc_id": "d1",
        "text": "Over 30,000 political prisoners were executed in 1988. "
        "Ruhollah Khomeini ordered the 1988 executions.",
        "source": "Atlas",
    },
    {"doc_id": "d2", "text": "Hundreds were arrested in Tehran, the judiciary said."},
    {"doc_id": None, "text": "No numbers here, said Ebrahim Raisi, then head of the judiciary."},
    {"doc_id": "d4", "text": "Five died.", "published": "not a date at all xyz"},
    {"doc_id": "d5", "text": "Between 200 and 250 people were injured on Friday, police said."},
    {"doc_id": None, "text": None},
    {
        "doc_id": "d7",
        "text": "Ali Khamenei, the supreme leader, spoke after 7,000 were detained.",
        "published": "2020-01-03",
    },
    {
        "doc_id": "d8",
        "text": "Unemployment fell 2.5 percent to $3.2 billion in costs, officials said.",
    },
    {"doc_id": "d9", "text": "The toll rose to 12 dead and 40 injured, Mayor Anna Berg said."},
]


def _frame() -> pd.DataFrame:
    """DOCS as a pandas frame with a default range index (dask makes the columns strings)."""
    return pd.DataFrame(DOCS, columns=["doc_id", "text", "source", "published"])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.WARNING,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def one_process() -> dict[str, pd.DataFrame]:
    return claimkit.frames(claimkit.analyze_many(DOCS))


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Same rows, values and dtypes (categories may list different values)."""
    got, want = got.reset_index(drop=True), want.reset_index(drop=True)
    if "published" in want:
        # frames() infers datetime64[s] when no document has a date, [us] otherwise; dask says [us]
        want = want.astype({"published": got["published"].dtype})
    pd.testing.assert_frame_equal(got, want, check_categorical=False)


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("doc_id", "start_char") if c in df.columns]
    keys += [c for c in df.columns if c not in keys]
    df = df.reset_index(drop=True)
    return df.loc[df.astype(str).sort_values(keys).index]


@pytest.mark.parametrize("table", ["figures", "entities", "roles", "events", "links", "errors"])
def test_two_workers_give_the_rows_of_one_process(
    client: Any, one_process: dict[str, pd.DataFrame], table: str
) -> None:
    ddf = dd.from_pandas(_frame(), npartitions=3)
    result = claimkit.dask.analyze(ddf, table)
    assert list(result.columns) == TABLE_COLUMNS[table]
    got = result.compute()
    want = one_process[table]
    assert len(want) > 0, f"the documents should give {table} rows"
    assert dict(got.dtypes.astype(str)) == dict(result.dtypes.astype(str))
    _same(_sorted(got), _sorted(want))
    _same(got, want)  # partitions come back in order, rows in input order within each


def test_all_tables_from_one_analysis_per_partition(
    client: Any, one_process: dict[str, pd.DataFrame]
) -> None:
    ddf = dd.from_pandas(_frame(), npartitions=3)
    out = claimkit.dask.analyze_tables(ddf)
    assert list(out) == ["figures", "entities", "roles", "events", "links", "errors"]
    keys = {str(k) for frame in out.values() for k in dict(frame.__dask_graph__())}
    assert len({k for k in keys if k.startswith("_tables-")}) == 3  # shared by the five tables
    computed = dask.compute(*out.values())
    for (table, frame), got in zip(out.items(), computed, strict=True):
        assert list(got.columns) == TABLE_COLUMNS[table] == list(frame.columns)
        _same(got, one_process[table])


def test_every_worker_loads_the_model_at_most_once(client: Any) -> None:
    ddf = dd.from_pandas(_frame(), npartitions=3)
    claimkit.dask.analyze(ddf, "events").compute()
    claimkit.dask.analyze(ddf, "figures").compute()

    def loaded() -> int:
        from claimkit.pipeline import _load

        return int(_load.cache_info().currsize)

    per_worker = client.run(loaded)
    assert len(per_worker) == 2
    assert all(n <= 1 for n in per_worker.values()) and sum(per_worker.values()) >= 1


def test_the_graph_does_not_carry_the_model() -> None:
    import cloudpickle

    ddf = dd.from_pandas(_frame(), npartitions=3)
    graph = dict(claimkit.dask.analyze(ddf, "figures").__dask_graph__())
    assert len(cloudpickle.dumps(graph)) < 200_000


def test_meta_matches_frames_dtypes() -> None:
    typed = claimkit.frames([claimkit.analyze("Ten died.", published="2019-12-16")])
    for table, frame in typed.items():
        meta = claimkit.dask.meta(table)
        assert list(meta.columns) == list(frame.columns)
        if "published" in frame and frame["published"].isna().all():
            # frames() says datetime64[s] when no row has a date, [us] otherwise; dask says [us]
            frame = frame.astype({"published": "datetime64[us]"})
        assert [str(t) for t in meta.dtypes] == [str(t) for t in frame.dtypes]


def test_bad_arguments_are_rejected_before_anything_runs() -> None:
    ddf = dd.from_pandas(_frame(), npartitions=1)
    with pytest.raises(ValueError, match="table"):
        claimkit.dask.analyze(ddf, "people")
    with pytest.raises(ValueError, match="body"):
        claimkit.dask.analyze(ddf, text="body")
    with pytest.raises(ValueError, match="doc_id=None"):
        claimkit.dask.analyze(ddf.drop(columns="doc_id"))
    with pytest.raises(ValueError, match="meta_columns"):
        claimkit.dask.analyze(ddf, meta_columns=("author",))
