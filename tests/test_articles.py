"""Plain-text articles: headline, dateline, doc_id from the file name, and ``published`` checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import claimkit
from claimkit.dateline import find_dateline, headline, sentence_starts
from claimkit.reader import Document, read_inputs

FLOOD = (
    "Flood toll rises to 12 in Dayton\n"
    "DAYTON, Ohio (WKRX) — Twelve people died in the flood, police said on Tuesday.\n"
    "\n"
    "The mayor said 300 homes were damaged.\n"
)


def documents(*paths: Path) -> list[Document]:
    items = list(read_inputs(paths))
    assert all(isinstance(i, Document) for i in items), items
    return [i for i in items if isinstance(i, Document)]


def test_txt_headline_and_dateline_give_title_place_and_stem_id(tmp_path: Path) -> None:
    path = tmp_path / "dayton-flood.txt"
    path.write_text(FLOOD, "utf-8")
    (doc,) = documents(path)
    assert (doc.doc_id, doc.title, doc.place, doc.published) == (
        "dayton-flood",
        "Flood toll rises to 12 in Dayton",
        "DAYTON, Ohio",
        None,  # the dateline names no date
    )
    assert doc.text == FLOOD  # offsets index the file's text: nothing is cut


def test_a_dated_dateline_gives_published(tmp_path: Path) -> None:
    path = tmp_path / "council.md"
    path.write_text(
        '# Council approves "safe streets" plan\n'
        "March 3, 2016 — The council approved 40 new crossings, officials said.\n",
        "utf-8",
    )
    (doc,) = documents(path)
    assert (doc.title, doc.published, doc.place) == (
        'Council approves "safe streets" plan',
        "2016-03-03",
        None,
    )


def test_front_matter_wins_over_the_text(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "---\nsource: Harbor Wire\n---\nStrike ends after 30 days\n"
        "LONDON, March 3, 2016 (Reuters) - Some 3,000 workers returned, the union said.\n",
        "utf-8",
    )
    (doc,) = documents(path)
    assert (doc.source, doc.title, doc.published, doc.place, doc.doc_id) == (
        "Harbor Wire",
        None,
        None,
        None,
        "x",
    )


def test_a_sentence_first_line_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Ten people died in the fire.\nFirefighters said so.\n", "utf-8")
    (doc,) = documents(path)
    assert doc.title is None and doc.published is None and doc.place is None


def test_stems_are_unique_within_a_run(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    for folder in ("one", "two"):
        (tmp_path / folder / "story.txt").write_text("Five people were hurt.\n", "utf-8")
    (tmp_path / "one" / "story.md").write_text("Six people were hurt.\n", "utf-8")
    (tmp_path / "one" / "given.md").write_text("---\ndoc_id: story-9\n---\nSeven died.\n", "utf-8")
    ids = [d.doc_id for d in documents(tmp_path)]
    assert ids == ["story-9", "story", "story-2", "story-3"]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("line", "place", "date", "agency", "published"),
    [
        ("DAYTON, Ohio (WKRX) — Three died.", "DAYTON, Ohio", None, "WKRX", None),
        ("LONDON (Reuters) - Three died.", "LONDON", None, "Reuters", None),
        ("March 3, 2016 — Three died.", None, "March 3, 2016", None, "2016-03-03"),
        ("SAN JUAN, May 29 (Harbor Wire) - Three died.", "SAN JUAN", "May 29", "Harbor Wire", None),
        ("Tuesday, 3 March 2016 – Three died.", None, "Tuesday, 3 March 2016", None, "2016-03-03"),
    ],
)
def test_datelines(
    line: str, place: str | None, date: str | None, agency: str | None, published: str | None
) -> None:
    found = find_dateline(line)
    assert found is not None
    assert (found.place, found.date, found.agency, found.published) == (
        place,
        date,
        agency,
        published,
    )
    assert line[found.end :] == "Three died."


@pytest.mark.parametrize(
    "text",
    [
        "Officials said - ten died.",
        "The council — which met twice — voted.",
        "U.S. officials — ten of them — agreed.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_a_hard_wrapped_paragraph_has_no_headline() -> None:
    text = (
        "Officials said on Tuesday that at least 40 people had been detained in\n"
        "the capital after the protests, and that more arrests were expected.\n"
    )
    assert headline(text) is None and sentence_starts(text) == []


def test_headline_dateline_and_lede_are_separate_sentences() -> None:
    nlp = claimkit.load()
    from claimkit.pipeline import _make_doc

    text = "Council approves new crossings\nMarch 3, 2016 — The council approved 40 crossings.\n"
    doc = nlp(_make_doc(nlp, text, {"doc_id": "c", "published": None}))
    assert [s.text.strip() for s in doc.sents] == [
        "Council approves new crossings",
        "March 3, 2016 —",
        "The council approved 40 crossings.",
    ]


def test_cli_writes_title_place_and_stem_ids(tmp_path: Path) -> None:
    from claimkit.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dayton-flood.txt").write_text(FLOOD, "utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    docs = pd.read_csv(out / "documents.csv")
    assert docs.loc[0, ["doc_id", "title", "place"]].tolist() == [
        "dayton-flood",
        "Flood toll rises to 12 in Dayton",
        "DAYTON, Ohio",
    ]
    figures = pd.read_csv(out / "figures.csv")
    assert set(figures["doc_id"]) == {"dayton-flood"}
    # the headline's 12 is read in the headline alone: it counts no noun of the dateline
    headline_figure = figures[figures["start_char"] == FLOOD.index("12")].iloc[0]
    assert headline_figure["sentence"] == "Flood toll rises to 12 in Dayton"
    assert pd.isna(headline_figure["subject"])


@pytest.mark.parametrize(
    "published", ["yesterday", "last Tuesday", "3 days ago", "Tuesday", "March 3", "today"]
)
def test_relative_published_is_an_input_error(published: str) -> None:
    with pytest.raises(claimkit.InputError, match="calendar date"):
        claimkit.analyze("Ten died.", published=published)


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        (pd.NaT, "NaT"),
        ([1, 2], "list"),
        ("2019-13", "month 13"),
        ("2019-02-30", "day"),
        ("[1, 2]", "calendar date"),
    ],
)
def test_invalid_published_is_an_input_error(published: object, reason: str) -> None:
    with pytest.raises(claimkit.InputError, match=reason):
        claimkit.analyze("Ten died.", published=published)


def test_calendar_published_keeps_its_precision() -> None:
    read = [claimkit.analyze("Ten died.", published=p).published for p in ("December 2019", "2019")]
    assert read == ["2019-12", "2019"]
    assert claimkit.analyze("Ten died.", published=dt.date(2019, 12, 16)).published == "2019-12-16"


def test_relative_published_in_a_batch_is_one_error_row() -> None:
    items = [
        {"text": "Ten people died.", "doc_id": "a", "published": "2019-12-16"},
        {"text": "Five people died.", "doc_id": "b", "published": "yesterday"},
        {"text": "Six people died.", "doc_id": "c", "published": "2019-12-17"},
    ]
    got = list(claimkit.analyze_many(items))
    assert [a.doc_id for a in got] == ["a", "b", "c"]
    assert [len(a.figures) for a in got] == [1, 0, 1]
    assert "calendar date" in got[1].errors[0] and got[0].ok and got[2].ok


def test_relative_dates_in_the_text_need_published() -> None:
    text = "Ten people were arrested last month, police said."
    dated = claimkit.analyze(text, published="2019-12-16").figures[0]
    assert (dated.date_start, dated.date_end) == ("2019-11", "2019-11")
    undated = claimkit.analyze(text).figures[0]
    assert (undated.date_start, undated.date_end) == (None, None)  # never from the clock
