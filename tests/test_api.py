"""The public API: analyze, analyze_many, frames, InputError, metadata, offsets, ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

import claimkit

TEXT = (
    "Amnesty International said at least 304 people were killed in the November 2019 protests. "
    "Reuters, citing officials, put the toll at about 1,500."
)


def test_analyze_returns_all_tables_with_offsets() -> None:
    a = claimkit.analyze(
        TEXT, source="Harbor Wire", published="2019-12-24", title="T", url="https://x.example/a"
    )
    assert a.source == "Harbor Wire" and a.published == "2019-12-24"
    assert [f.text for f in a.figures] == ["at least 304", "about 1,500"]
    for rec in [*a.figures, *a.entities]:
        assert TEXT[rec.start_char : rec.end_char] == rec.text
    amnesty = a.figures[0]
    assert (amnesty.value, amnesty.low, amnesty.high, amnesty.qualifier) == (
        304.0,
        304.0,
        None,
        "at_least",
    )
    assert amnesty.category == "killed" and amnesty.attribution == "Amnesty International"
    assert a.figures[1].qualifier == "approx" and a.figures[1].low == pytest.approx(1350.0)
    assert any(e.canonical == "Amnesty International" and e.label == "ORG" for e in a.entities)


def test_doc_id_is_a_stable_hash_unless_given() -> None:
    a1, a2 = claimkit.analyze(TEXT), claimkit.analyze(TEXT)
    assert a1.doc_id == a2.doc_id and len(a1.doc_id) == 16
    assert claimkit.analyze("Other text, 5 dead.").doc_id != a1.doc_id
    assert claimkit.analyze(TEXT, doc_id="mine").figures[0].doc_id == "mine"


@pytest.mark.parametrize(
    "published", ["16 December 2019", dt.date(2019, 12, 16), dt.datetime(2019, 12, 16, 9, 30)]
)
def test_published_is_parsed(published: object) -> None:
    assert claimkit.analyze("Ten died.", published=published).published == "2019-12-16"


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
def test_non_text_raises_input_error(bad: object) -> None:
    with pytest.raises(claimkit.InputError):
        claimkit.analyze(bad)  # type: ignore[arg-type]


def test_unparseable_metadata_raises_input_error() -> None:
    with pytest.raises(claimkit.InputError, match="published"):
        claimkit.analyze("Ten died.", published="not a date at all xyz")
    with pytest.raises(claimkit.InputError, match="source"):
        claimkit.analyze("Ten died.", source=3)  # type: ignore[arg-type]


def test_input_error_is_a_value_error() -> None:
    assert issubclass(claimkit.InputError, ValueError)


def test_analyze_many_keeps_order_and_survives_bad_items() -> None:
    items = [
        "Ten died.",
        {"text": "Hundreds fled.", "source": "S"},
        {"text": 5},
        b"x",
        {"text": "Two were hurt."},
    ]
    out = list(claimkit.analyze_many(items, batch_size=2))  # type: ignore[arg-type]
    assert len(out) == 5
    assert [a.ok for a in out] == [True, True, False, False, True]
    assert out[1].source == "S" and out[1].figures[0].low == 100.0
    assert "text must be str" in out[2].errors[0]
    assert [f.text for f in out[4].figures] == ["Two"]


def test_analyze_many_matches_analyze() -> None:
    texts = [TEXT, "Over 30,000 were executed in 1988.", "No figures here."]
    many = list(claimkit.analyze_many(texts))
    for text, a in zip(texts, many, strict=True):
        one = claimkit.analyze(text)
        assert (a.figures, a.entities, a.roles, a.events) == (
            one.figures,
            one.entities,
            one.roles,
            one.events,
        )


def test_frames_concatenate_with_metadata_and_dtypes() -> None:
    analyses = list(
        claimkit.analyze_many(
            [
                {"text": TEXT, "source": "A", "published": "2019-12-24"},
                {"text": "Ten died.", "source": "B"},
            ]
        )
    )
    tables = claimkit.frames(analyses)
    assert set(tables) == {"figures", "entities", "roles", "events", "links", "errors"}
    figs = tables["figures"]
    assert list(figs["source"]) == ["A", "A", "B"]
    assert str(figs["value"].dtype) == "Float64" and str(figs["start_char"].dtype) == "Int64"
    assert isinstance(figs["qualifier"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(figs["published"])
    assert {"source", "published"} <= set(tables["entities"].columns)
    assert analyses[0].to_frames()["figures"].shape[0] == 2


def test_empty_frames_keep_columns() -> None:
    tables = claimkit.frames([])
    assert "attribution" in tables["figures"].columns and tables["figures"].empty


def test_render_escapes_article_text() -> None:
    a = claimkit.analyze(
        '<script>alert("x")</script> Ten people died, said <img src=x onerror=alert(1)>.'
    )
    html = a._repr_html_()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<mark" in html


def test_load_is_cached_and_has_components() -> None:
    nlp = claimkit.load()
    assert nlp is claimkit.load()
    assert nlp.pipe_names[-5:] == [
        "claimkit_entities",
        "claimkit_events",
        "claimkit_figures",
        "claimkit_roles",
        "claimkit_links",
    ]
    assert "lemmatizer" not in nlp.pipe_names


def test_missing_model_error_says_how_to_install() -> None:
    with pytest.raises(claimkit.ModelNotFoundError, match="pip install"):
        claimkit.load("no_such_pipeline_xyz")


def test_control_characters_and_foreign_digits() -> None:
    text = "Officials said ۱۲۰ people were arrested.\x00\x07"
    a = claimkit.analyze(text)
    assert len(a.text) == len(text)
    assert [(f.value, f.category) for f in a.figures] == [(120.0, "arrested")]
    f = a.figures[0]
    assert text[f.start_char : f.end_char] == "۱۲۰"


# -- tables: only what is asked for ---------------------------------------------------------

FIGURE_TEXTS = [
    "At least 304 people were killed, Amnesty International said on 16 December.",
    "Police said about 1,500 protesters were detained and dozens more were injured.",
    "Prices rose 3.2% to $45.88 a barrel, while the index fell by 12 points.",
]


def test_figures_alone_leave_out_the_entity_recogniser() -> None:
    names = claimkit.load(tables=["figures"]).pipe_names
    assert "ner" not in names and names[-1] == "claimkit_figures"
    assert not any(n in names for n in ("claimkit_entities", "claimkit_roles", "claimkit_events"))


def test_tables_bring_what_they_need() -> None:
    names = claimkit.load(tables=("links",)).pipe_names
    for needed in (
        "ner",
        "claimkit_entities",
        "claimkit_roles",
        "claimkit_events",
        "claimkit_links",
    ):
        assert needed in names
    assert "claimkit_figures" not in names


@pytest.mark.parametrize("bad", [["people"], [], "figure"])
def test_unknown_tables_are_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="tables must be some of"):
        claimkit.load(tables=bad)


@pytest.mark.parametrize("text", FIGURE_TEXTS)
def test_figures_alone_keep_numbers_categories_and_subjects(text: str) -> None:
    full = claimkit.analyze(text)
    fast = claimkit.analyze(text, tables=["figures"])
    keep = ("text", "value", "low", "high", "qualifier", "trend", "unit", "category", "subject")
    assert [[getattr(f, k) for k in keep] for f in fast.figures] == [
        [getattr(f, k) for k in keep] for f in full.figures
    ]
    assert (fast.entities, fast.roles, fast.events, fast.links) == ([], [], [], [])


def test_tables_reach_worker_processes() -> None:
    got = list(claimkit.analyze_many(FIGURE_TEXTS, tables=["figures"], n_process=2, batch_size=1))
    assert [len(a.figures) for a in got] == [len(claimkit.analyze(t).figures) for t in FIGURE_TEXTS]
    assert all(a.entities == [] for a in got)


def test_analyze_many_checks_its_arguments_when_called() -> None:
    with pytest.raises(ValueError, match="tables must be some of"):
        claimkit.analyze_many(["Ten died."], tables=["people"])  # not iterated
    with pytest.raises(ValueError, match="n_process"):
        claimkit.analyze_many(["Ten died."], n_process=0)
