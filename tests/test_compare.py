"""Cross-source comparison: clusters across documents, interval conflicts, revisions, parts."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import claimkit
from claimkit.compare import COLUMNS, compare, part_subject
from claimkit.export import TABLE_COLUMNS
from claimkit.intervals import Interval, claimants, conflicts, interval_of, revisions
from claimkit.reader import read_inputs
from tests.conftest import ROOT

INF = math.inf


def fig(doc: str, text: str, qualifier: str, value: float | None, **kw: Any) -> dict[str, Any]:
    """A figures-table row as extraction would write it."""
    low, high = kw.pop("low", value), kw.pop("high", value)
    if qualifier in ("at_least", "more_than"):
        high = None
    if qualifier in ("at_most", "less_than"):
        low = None
    if qualifier == "approx" and value is not None:
        low, high = 0.9 * value, 1.1 * value
    row: dict[str, Any] = dict.fromkeys(TABLE_COLUMNS["figures"])
    row.update(doc_id=doc, text=text, start_char=kw.pop("start", 0), qualifier=qualifier)
    row.update(value=value, low=low, high=high, category="killed", subject="people")
    row["sentence"] = kw.pop("sentence", f"They said {text} people were killed.")
    row.update(kw)
    return row


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TABLE_COLUMNS["figures"])


# Four outlets on the November 2019 protests in Iran (named four ways), one on another event.
IRAN = [
    fig(
        "hw",
        "at least 106",
        "at_least",
        106,
        attribution="Amnesty International",
        event="the fuel-price protests",
        source="Harbor Wire",
        published="2019-11-20",
    ),
    fig(
        "hw",
        "about 1,000",
        "approx",
        1000,
        category="arrested",
        attribution="officials",
        event="the fuel-price protests",
        source="Harbor Wire",
        published="2019-11-20",
        start=50,
    ),
    fig(
        "cw",
        "at least 208",
        "at_least",
        208,
        attribution="AMNESTY INTERNATIONAL",
        event="the November 2019 protests",
        source="Civic Watch",
        published="2019-12-10",
    ),
    fig(
        "ml",
        "at least 304",
        "at_least",
        304,
        attribution="Amnesty International",
        event="the crackdown",
        source="Meridian",
        published="2019-12-16",
    ),
    fig(
        "ml",
        "about 1,500",
        "approx",
        1500,
        attribution="Reuters",
        event=None,
        source="Meridian",
        published="2019-12-16",
        start=40,
    ),
    fig(
        "ml",
        "at least 17",
        "at_least",
        17,
        subject="teenagers",
        attribution="Reuters",
        event=None,
        source="Meridian",
        published="2019-12-16",
        start=80,
        sentence="Among the dead were at least 17 teenagers, the officials said.",
    ),
    fig(
        "ml",
        "about 400",
        "approx",
        400,
        subject="women",
        attribution="Reuters",
        event=None,
        source="Meridian",
        published="2019-12-16",
        start=120,
    ),
    fig(
        "ar",
        "230",
        "exact",
        230,
        attribution="Mojtaba Zolnour",
        event="the November unrest",
        source="Atlas",
        published="2020-06-04",
    ),
    fig(
        "ar",
        "at least 304",
        "at_least",
        304,
        attribution="Amnesty International",
        event="the November unrest",
        source="Atlas",
        published="2020-06-04",
        start=30,
    ),
    fig(
        "ar",
        "20 percent",
        "exact",
        20,
        unit="percent",
        category="share",
        attribution=None,
        event="the November unrest",
        source="Atlas",
        published="2020-06-04",
        start=60,
    ),
    fig(
        "mx",
        "64",
        "exact",
        64,
        attribution="government",
        event="Hurricane Maria",
        source="Atlas",
        published="2018-09-20",
    ),
]
EVENTS = pd.DataFrame(
    [
        {
            "doc_id": "ml",
            "event_id": "crackdown:undated",
            "name": "the crackdown",
            "kind": "crackdown",
            "date_start": None,
            "date_end": None,
        },
        {
            "doc_id": "ml",
            "event_id": "protest:2019-11",
            "name": "the November protests",
            "kind": "protest",
            "date_start": "2019-11",
            "date_end": "2019-11",
        },
    ]
)


@pytest.fixture(scope="module")
def iran() -> pd.DataFrame:
    return compare(frame(IRAN), events=EVENTS)


def rows_of(df: pd.DataFrame, **where: Any) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, value in where.items():
        mask &= df[col] == value
    return df[mask]


def test_columns_and_one_row_per_figure(iran: pd.DataFrame) -> None:
    assert list(iran.columns) == COLUMNS
    assert len(iran) == len(IRAN)
    assert set(iran["id"]) == {f"{r['doc_id']}:{r['start_char']}" for r in IRAN}


def test_one_event_one_cluster_across_documents(iran: pd.DataFrame) -> None:
    killed = iran[iran["category"].eq("killed") & iran["part_of"].isna() & iran["cluster"].notna()]
    killed = killed[killed["doc_id"] != "mx"]
    assert killed["cluster"].nunique() == 1, killed[["doc_id", "event_mention", "cluster"]]
    assert killed["cluster"].iloc[0] == "protest:2019-11/killed"
    assert set(killed["claimant"]) == {"Amnesty International", "Reuters", "Mojtaba Zolnour"}
    first = killed.iloc[0]
    assert (first["n_claims"], first["n_sources"], first["n_claimants"]) == (6, 4, 3)
    assert (first["min"], first["max"]) == pytest.approx((106, 1650))
    # the figure without an event name went to its document's main event
    reuters = rows_of(iran, claimant="Reuters", text="about 1,500").iloc[0]
    assert reuters["event_inferred"] and reuters["event"] == "the November 2019 protests"


def test_other_quantities_and_events_stay_apart(iran: pd.DataFrame) -> None:
    arrested = rows_of(iran, text="about 1,000").iloc[0]
    assert arrested["cluster"] == "protest:2019-11/arrested"
    maria = rows_of(iran, doc_id="mx").iloc[0]
    assert maria["cluster"] == "disaster:hurricane-maria/killed"
    share = rows_of(iran, text="20 percent").iloc[0]
    assert pd.isna(share["cluster"]) and share["event"] == "the November 2019 protests"


def test_conflicts_between_claimants(iran: pd.DataFrame) -> None:
    mp = rows_of(iran, claimant="Mojtaba Zolnour").iloc[0]
    reuters = rows_of(iran, text="about 1,500").iloc[0]
    assert mp["conflict"] and reuters["conflict"]
    assert set(mp["conflicts_with"].split("; ")) == {"Reuters", "Amnesty International"}
    assert "Mojtaba Zolnour" in reuters["conflicts_with"]
    # [106, ∞) and [208, ∞) hold 230 and 1,500: no conflict
    amnesty = rows_of(iran, claimant="Amnesty International").sort_values("published")
    assert amnesty["conflict"].tolist() == [False, False, True, True]
    assert amnesty["conflicts_with"].iloc[-1] == "Mojtaba Zolnour"


def test_revisions_by_one_claimant_are_not_conflicts(iran: pd.DataFrame) -> None:
    amnesty = rows_of(iran, claimant="Amnesty International").sort_values("published")
    assert amnesty["revision"].tolist() == [1, 2, 3, 3]  # 106, 208, 304 and 304 again
    ids = amnesty["id"].tolist()
    assert amnesty["revises"].tolist()[1:] == [ids[0], ids[1], ids[1]]
    assert pd.isna(amnesty["revises"].iloc[0])
    assert amnesty["latest"].tolist() == [False, False, True, True]
    for others in amnesty["conflicts_with"].dropna():
        assert "Amnesty" not in others


def test_parts_are_kept_out_of_the_total(iran: pd.DataFrame) -> None:
    teens = rows_of(iran, text="at least 17").iloc[0]
    women = rows_of(iran, text="about 400").iloc[0]
    assert teens["cluster"] == "protest:2019-11/killed/teenager"
    assert women["cluster"] == "protest:2019-11/killed/woman"
    assert teens["part_of"] == women["part_of"] == "protest:2019-11/killed"
    # 17 and 400 are disjoint from the totals, but parts never conflict with them
    assert not teens["conflict"] and not women["conflict"]
    assert teens["n_claims"] == 1


def test_figures_table_read_back_from_csv(tmp_path: Path, iran: pd.DataFrame) -> None:
    frame(IRAN).to_csv(tmp_path / "figures.csv", index=False)
    EVENTS.to_csv(tmp_path / "events.csv", index=False)
    back = compare(
        pd.read_csv(tmp_path / "figures.csv", dtype=str),
        events=pd.read_csv(tmp_path / "events.csv", dtype=str),
    )
    cols = ["id", "cluster", "part_of", "conflict", "revision", "claimant"]
    pd.testing.assert_frame_equal(back[cols], iran[cols])


@pytest.mark.parametrize(
    ("a", "b", "disjoint"),
    [
        (("exact", 230, 230, 230), ("exact", 230, 230, 230), False),
        (("exact", 230, 230, 230), ("exact", 231, 231, 231), True),
        (("approx", 1500, 1350, 1650), ("exact", 1400, 1400, 1400), False),
        (("approx", 1500, 1350, 1650), ("approx", 1000, 900, 1100), True),
        (("at_least", 304, 304, None), ("exact", 230, 230, 230), True),
        (("at_least", 304, 304, None), ("exact", 304, 304, 304), False),
        (("at_least", 304, 304, None), ("approx", 1500, 1350, 1650), False),
        (("more_than", 2000, 2000, None), ("exact", 2000, 2000, 2000), True),
        (("more_than", 2000, 2000, None), ("range", None, 1000, 10000), False),
        (("at_most", 200, None, 200), ("exact", 200, 200, 200), False),
        (("at_most", 200, None, 200), ("at_least", 208, 208, None), True),
        (("less_than", 50, None, 50), ("exact", 50, 50, 50), True),
        (("less_than", 50, None, 50), ("at_least", 12, 12, None), False),
        (("range", None, 793, 8498), ("exact", 64, 64, 64), True),
        (("range", None, 793, 8498), ("exact", 4645, 4645, 4645), False),
        (("at_least", 10, 10, None), ("more_than", 5000, 5000, None), False),
    ],
)
def test_interval_conflicts(a: tuple[Any, ...], b: tuple[Any, ...], disjoint: bool) -> None:
    ia, ib = interval_of(*a), interval_of(*b)
    assert ia is not None and ib is not None
    assert ia.disjoint(ib) is disjoint and ib.disjoint(ia) is disjoint
    assert conflicts([("x", ia), ("y", ib)]) == ([["y"], ["x"]] if disjoint else [[], []])
    assert conflicts([("x", ia), ("x", ib)]) == [[], []]  # never with oneself


def test_interval_table() -> None:
    assert interval_of("exact", 5.0, 5.0, 5.0) == Interval(5.0, 5.0)
    assert interval_of("at_least", 304, 304, None) == Interval(304, INF, False, True)
    assert interval_of("more_than", 2000, 2000, None) == Interval(2000, INF, True, True)
    assert interval_of("at_most", 200, None, 200) == Interval(0, 200)
    assert interval_of("less_than", 50, None, 50) == Interval(0, 50, False, True)
    assert interval_of("range", None, 12, 120) == Interval(12, 120)
    assert interval_of("approx", 200, 180, 200) == Interval(180, 200)  # "almost 200"
    assert interval_of("exact", None, None, None) is None


def test_revision_rules() -> None:
    iv = Interval
    claims = [
        ("gwu", "2018-08-30", iv(2975, 2975), 2975.0),
        ("gwu", "2018-09-20", iv(2700, 3000), 3000.0),  # "almost 3,000" restates 2,975
        ("h", "2018-05-29", iv(4180.5, 5109.5), 4645.0),
        ("h", "2018-06-05", iv(4645, 4645), 4645.0),  # same figure, other wording
        ("a", "2019-11-20", iv(106, INF, False, True), 106.0),
        ("a", "2019-11-20", iv(0, 200), 200.0),  # same day: same revision
        ("a", None, iv(208, INF, False, True), 208.0),  # undated: last
    ]
    assert revisions(claims) == [
        (1, None),
        (1, None),
        (1, None),
        (1, None),
        (1, None),
        (1, None),
        (2, 4),
    ]


def test_claimant_names_are_folded_and_merged() -> None:
    keys = claimants(
        [
            ("Amnesty International", "A"),
            ("AMNESTY INTERNATIONAL", "B"),
            ("Harvard", "C"),
            ("Harvard University", "D"),
            ("Ricardo Rosselló", "E"),
            ("Ricardo Rossello", "F"),
            ("Mojtaba Zolnour", "G"),
            ("Mojtaba Zonnour", "H"),
            (None, "Harbor Wire"),
            ("the Harbor Wire", "X"),
            ("Iranian officials", "I"),
            ("Indian officials", "J"),
        ]
    )
    k = [key for key, _ in keys]
    assert k[0] == k[1] and k[2] == k[3] and k[4] == k[5] and k[6] == k[7] and k[8] == k[9]
    assert len(set(k)) == 7
    assert keys[2][1] == "Harvard University" and keys[8][1] == "Harbor Wire"


def test_part_subjects() -> None:
    assert part_subject("teenagers") == "teenager"
    assert part_subject("children") == "child"
    assert part_subject("security personnel") == "security personnel"
    assert part_subject("people") is None and part_subject(None) is None
    assert part_subject("protesters") is None and part_subject("deaths") is None
    sentence = "At least 300 people died, 50 of them in Tehran."
    assert part_subject("people", sentence, "50") == "people"
    assert part_subject(None, "He said 40 to 45 of them were shot.", "40 to 45") == "subgroup"


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    items = [d.as_item() for d in read_inputs([ROOT / "corpus"]) if not hasattr(d, "reason")]
    return compare(claimkit.analyze_many(items))


def _cluster_of(df: pd.DataFrame, claimant: str, event_word: str) -> pd.DataFrame:
    hits = df[(df["claimant"] == claimant) & df["event"].str.contains(event_word, na=False)]
    hits = hits[hits["part_of"].isna() & hits["cluster"].notna()]
    assert len(hits), f"no clustered claim by {claimant} about {event_word}"
    return df[df["cluster"] == hits["cluster"].iloc[0]]


def test_corpus_events_form_one_cluster_each(corpus: pd.DataFrame) -> None:
    """Acceptance over corpus/: three events, every claimant named, conflicts flagged."""
    iran = _cluster_of(corpus, "Reuters", "2019")
    assert {"Amnesty International", "Mojtaba Zolnour", "Reuters"} <= set(iran["claimant"])
    assert iran["doc_id"].str.startswith("iran2019").all() and iran["doc_id"].nunique() >= 4
    assert rows_of(iran, claimant="Mojtaba Zolnour")["conflict"].all()
    amnesty = rows_of(iran, claimant="Amnesty International")
    assert amnesty["revision"].nunique() >= 3  # 106, 208, 304
    assert not amnesty["conflicts_with"].fillna("").str.contains("Amnesty").any()
    maria = _cluster_of(corpus, "New York Times", "Maria")
    assert {"Harvard University", "New York Times"} <= set(maria["claimant"])
    assert maria["doc_id"].str.startswith("maria").all() and maria["doc_id"].nunique() == 5
    assert maria["conflict"].any()
    executed = _cluster_of(corpus, "Radio Zamaneh", "1988")
    assert {"Hossein-Ali Montazeri", "Radio Zamaneh"} <= set(executed["claimant"])
    assert executed["doc_id"].str.startswith("iran1988").all()
    assert corpus.dropna(subset=["cluster"])["event_id"].nunique() == 3


def test_reports_of_one_flood_from_text_share_clusters() -> None:
    """Three short reports name one flood three ways (undated, by place, by month): one event,
    one cluster per category, and the disjoint exact tolls of two claimants conflict."""
    docs = [
        ("w1", "2023-09-12", "DERNA, Sept 12 (Wire One) - Floods that swept through the city of "
         "Derna have killed at least 2,000 people, the health minister said. Another 10,000 "
         "people are missing, the Red Crescent said."),
        ("w2", "2023-09-14", "The death toll from the Derna floods has risen to 5,300, an interior "
         "ministry spokesman said on Thursday."),
        ("w3", "2023-09-17", "The World Health Organization said on Saturday that 3,958 deaths from "
         "the September floods had been recorded. The Red Crescent had earlier put the number of "
         "missing at 10,000."),
    ]  # fmt: skip
    analyses = [claimkit.analyze(t, doc_id=d, published=p) for d, p, t in docs]
    df = compare(analyses)
    killed = df[df["category"] == "killed"]
    missing = df[df["category"] == "missing"]
    assert killed["cluster"].nunique() == 1 and set(killed["doc_id"]) == {"w1", "w2", "w3"}
    assert missing["cluster"].nunique() == 1 and len(missing) == 2
    assert killed["event"].nunique() == 1 and missing["event"].iloc[0] == killed["event"].iloc[0]
    conflicted = set(killed.loc[killed["conflict"].astype(bool), "attribution"])
    assert conflicted == {"interior ministry spokesman", "World Health Organization"}
