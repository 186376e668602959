"""Tables that join: row ids, event ids, one spelling for "no category", one set of dtypes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import claimkit
from claimkit.analysis import Analysis
from claimkit.compare import compare
from claimkit.export import DATETIME, ID_COLUMNS, TABLE_COLUMNS
from claimkit.ids import figure_id, link_id, mention_id, role_id
from claimkit.records import NO_CATEGORY, Entity, Event, Figure, Link, Role
from claimkit.render import render
from claimkit.store import Store

TEXTS = {
    "khomeini": "In 1988, Ruhollah Khomeini ordered the executions of 4,000 prisoners.",
    "biden": "President Joe Biden's inauguration took place in January 2021. About 40,000 people came.",
    "protests": "At least 304 people were killed in the 2019 protests, Amnesty International said. "
    "Ebrahim Raisi, the head of the judiciary, denied it.",
    "ferry": "Police said 12 people were hurt when the ferry, carrying 60, ran aground.",
    "council": "The council met 3 times and voted 7 to 2.",
}
PUBLISHED = {"khomeini": "2019", "biden": "2021-01", "protests": "2019-12-16"}


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [
        claimkit.analyze(text, doc_id=d, source="Harbor Wire", published=PUBLISHED.get(d))
        for d, text in TEXTS.items()
    ]


@pytest.fixture(scope="module")
def tables(analyses: list[Analysis]) -> dict[str, pd.DataFrame]:
    return claimkit.frames(analyses)


def test_every_row_has_a_unique_id_first(tables: dict[str, pd.DataFrame]) -> None:
    for table, column in ID_COLUMNS.items():
        df = tables[table]
        assert len(df) > 0, table
        assert df.columns[0] == column == TABLE_COLUMNS[table][0]
        assert df[column].notna().all() and df[column].is_unique, df[column]
        assert all(i.startswith(f"{d}:") for i, d in zip(df[column], df["doc_id"], strict=True))


def test_ids_are_deterministic_from_doc_id_and_offsets(analyses: list[Analysis]) -> None:
    again = claimkit.analyze(TEXTS["protests"], doc_id="protests", published="2019-12-16")
    first = next(a for a in analyses if a.doc_id == "protests")
    for table in ID_COLUMNS:
        ids = [getattr(r, ID_COLUMNS[table]) for r in getattr(first, table)]
        assert ids == [getattr(r, ID_COLUMNS[table]) for r in getattr(again, table)]
    f = first.figures[0]
    assert f.figure_id == figure_id("protests", f.start_char)
    e = first.entities[0]
    assert e.mention_id == mention_id("protests", e.start_char, e.end_char)
    r = first.roles[0]
    assert r.role_id == role_id(
        "protests", r.start_char, r.end_char, r.person, r.role, r.organization
    )
    moved = dataclasses.replace(f, start_char=f.start_char + 100, end_char=f.end_char + 100)
    assert moved.figure_id == figure_id("protests", f.start_char + 100)  # never stale


def test_figures_name_the_events_row_of_their_document(tables: dict[str, pd.DataFrame]) -> None:
    figures, events = tables["figures"], tables["events"]
    counted = figures[figures["event_id"].notna()]
    assert {"khomeini", "protests"} <= set(counted["doc_id"])
    joined = counted.merge(events, on=["doc_id", "event_id"], how="left", suffixes=("", "_ev"))
    assert joined["event_row_id"].notna().all(), joined[["doc_id", "event", "event_id"]]
    assert (joined["event"] == joined["name"]).all()  # the name given next to the id is the row's
    assert figures.loc[figures["event"].isna(), "event_id"].isna().all()
    killed = figures[figures["doc_id"] == "protests"].iloc[0]
    assert killed["event_id"] == events.loc[events["doc_id"] == "protests", "event_id"].iloc[0]


def test_links_name_their_event_and_person_by_id(tables: dict[str, pd.DataFrame]) -> None:
    links, events, entities = tables["links"], tables["events"], tables["entities"]
    assert set(links["relation"]) >= {"ordered", "appointed"}
    by_event = links.merge(events, on=["doc_id", "event_id"], how="inner")
    assert len(by_event) == len(links)
    people = links.merge(
        entities, left_on=["doc_id", "person_id"], right_on=["doc_id", "entity_id"], how="inner"
    )
    assert set(people["link_id"]) == set(links["link_id"])
    assert (people["person"] == people["canonical"]).all()
    for row in links.itertuples():
        assert row.link_id == link_id(
            row.doc_id, row.start_char, row.end_char, row.person, row.event_id, row.relation
        )


def test_compare_id_is_the_figure_id(
    analyses: list[Analysis], tables: dict[str, pd.DataFrame]
) -> None:
    df = compare(analyses)
    assert set(df["id"]) == set(tables["figures"]["figure_id"])
    mine = df.set_index("id")["event_mention_id"]
    theirs = tables["figures"].set_index("figure_id")["event_id"]
    assert mine.sort_index().tolist() == theirs.reindex(mine.sort_index().index).tolist()
    assert str(df["published"].dtype) == DATETIME


def test_one_spelling_for_no_category(
    analyses: list[Analysis], tables: dict[str, pd.DataFrame]
) -> None:
    figures = tables["figures"]
    by_text = dict(zip(figures["text"], figures["category"], strict=False))
    assert by_text["60"] == by_text["7"] == by_text["3 times"] == NO_CATEGORY == "other"
    assert figures["category"].notna().all()
    assert all(f.category is not None for a in analyses for f in a.figures)
    assert Figure("d", "5", 0, 1).category == NO_CATEGORY
    ferry = next(a for a in analyses if a.doc_id == "ferry")
    html = render(ferry)
    assert "<span>other</span>" in html and "<span>figure</span>" not in html
    assert "<td>other</td>" in html


def test_existing_constructor_calls_keep_working() -> None:
    f = Figure("d", "ten", 0, 3, "Ten died.", 10.0, 10.0, 10.0, "exact", None, None, "killed",
               "people", None, "police", "the flood", "2020", "2020", "Derna")  # fmt: skip
    assert (f.event, f.date_start, f.location, f.event_id) == ("the flood", "2020", "Derna", None)
    assert Figure("d", "ten", 0, 3, event="x", event_id="disaster:2020").event_id == "disaster:2020"
    e = Entity("d", "PERSON:a-b", "A B", "PERSON", "A B", 4, 7, 0)
    assert (e.entity_id, e.mention_id) == ("PERSON:a-b", "d:4-7")
    k = Link("d", "A B", "massacre:1988", "member", "s", 1, 9)
    assert (k.event_id, k.relation, k.end_char, k.person_id) == ("massacre:1988", "member", 9, None)
    assert Event("d", "massacre:1988", "the massacre", "massacre").event_row_id == "d:massacre:1988"
    assert Role("d", "A B", "judge", None, "then").role_id.startswith("d:0-0:")


def _same_dtypes(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == [*want.columns, "content_hash"]
    for col in want.columns:
        assert got[col].dtype == want[col].dtype, (col, got[col].dtype, want[col].dtype)


def test_store_tables_have_the_dtypes_of_frames(analyses: list[Analysis]) -> None:
    store = Store()
    store.add(analyses)
    tables = claimkit.frames(analyses)
    for name, want in tables.items():
        _same_dtypes(store.table(name), want)
    docs = store.documents()
    assert str(docs["published"].dtype) == str(docs["added_at"].dtype) == DATETIME
    assert str(docs["doc_id"].dtype) == "string" and str(docs["n_figures"].dtype) == "Int64"
    # a year, a month and a day all read as dates, in every table
    published = tables["figures"].drop_duplicates("doc_id").set_index("doc_id")["published"]
    days = {d: None if pd.isna(p) else p.strftime("%Y-%m-%d") for d, p in published.items()}
    assert days == {
        "khomeini": "2019-01-01",
        "biden": "2021-01-01",
        "protests": "2019-12-16",
        "ferry": None,
        "council": None,
    }
    assert all(str(t["published"].dtype) == DATETIME for n, t in tables.items() if n != "errors")


def test_empty_store_and_empty_frames_agree() -> None:
    store, none = Store(), claimkit.frames([])
    for name, want in none.items():
        _same_dtypes(store.table(name), want)


def test_a_store_of_an_older_claimkit_gets_the_new_columns(
    analyses: list[Analysis], tmp_path: Path
) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add(analyses)
    con = duckdb.connect(str(path))  # as an older claimkit wrote it: no ids, no event ids
    for table, column in ID_COLUMNS.items():
        new = {column, "event_id" if table == "figures" else "", "person_id"}
        old = ", ".join(c for c in [*TABLE_COLUMNS[table], "content_hash"] if c not in new)
        con.execute(f"CREATE TABLE old_{table} AS SELECT {old} FROM {table} ORDER BY rowid")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE old_{table} RENAME TO {table}")
    con.close()
    with Store(path, read_only=True) as old:
        assert old.figures()["figure_id"].isna().all()  # read as it is: no column, no value
    with Store(path) as store:
        want = claimkit.frames(analyses)
        for table, column in ID_COLUMNS.items():
            got = store.table(table)
            assert got[column].tolist() == want[table][column].tolist(), table
        got = store.figures()
        assert got["event_id"].tolist() == want["figures"]["event_id"].tolist()
        assert store.links()["person_id"].isna().all()  # not known for old rows
        assert store.add([claimkit.analyze("Ten died.", doc_id="new")]) == 1
        assert store.verify() == []
