"""HTML pages: main text and metadata with trafilatura, the standard-library fallback, analyze_html."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import claimkit
from claimkit import html as html_mod
from claimkit.pipeline import analyze_html
from claimkit.reader import Document, read_inputs


def records(a: claimkit.Analysis) -> list[claimkit.Figure | claimkit.Entity]:
    """The figures and entities of ``a``: the records with a ``text`` and offsets."""
    return [*a.figures, *a.entities]


PAGE = """<!DOCTYPE html>
<html><head>
<title>Protest toll rises | Harbor Wire</title>
<meta property="og:site_name" content="Harbor Wire">
<meta property="og:title" content="Protest toll rises">
<meta property="article:published_time" content="2019-12-16T10:00:00Z">
<link rel="canonical" href="https://harbor.example/toll">
<link rel="stylesheet" href="https://cdn.example/style.css">
<script src="https://tracker.example/t.js"></script>
<script>var secret = 'tracking 12345'; document.write('999 fake deaths');</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/iran">Iran</a></nav>
<article>
<h1>Protest toll rises</h1>
<p>At least 304 people were killed in the November 2019 protests, Amnesty International said on
Monday, citing witnesses in more than twenty cities across the country.</p>
<p>Reuters, citing three Interior Ministry officials, put the toll at about 1,500. The government
has disputed both figures and says the real number is far lower than either estimate.</p>
<img src="https://images.example/crowd.jpg" onerror="alert(1)">
<iframe src="https://ads.example/frame"></iframe>
</article>
<aside><h3>Latest news</h3><ul><li><a href="/x">Storm leaves 55 dead in the north</a></li></ul></aside>
<footer>Subscribe to our newsletter. &copy; 2019 Harbor Wire</footer>
</body></html>"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any attempt to open a network connection."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("HTML extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


def test_trafilatura_reads_main_text_and_metadata(no_network: None) -> None:
    text, meta = html_mod.html_to_text(PAGE)
    assert "At least 304 people were killed" in text and "about 1,500" in text
    for junk in ("tracking", "999", "color", "Storm leaves", "Subscribe", "World"):
        assert junk not in text
    assert "\n\n" in text  # paragraphs stay paragraphs
    assert meta == {
        "doc_id": None,
        "title": "Protest toll rises",
        "published": "2019-12-16",
        "source": "Harbor Wire",
        "url": "https://harbor.example/toll",
    }


def test_analyze_html_offsets_index_the_extracted_text(no_network: None) -> None:
    a = analyze_html(PAGE)
    assert (a.title, a.source, a.published, a.url) == (
        "Protest toll rises",
        "Harbor Wire",
        "2019-12-16",
        "https://harbor.example/toll",
    )
    assert [f.text for f in a.figures if f.category == "killed"] == ["At least 304", "about 1,500"]
    assert not any(f.value in (55.0, 999.0, 12345.0) for f in a.figures)
    for rec in records(a):
        assert a.text[rec.start_char : rec.end_char] == rec.text
    assert a.text == html_mod.html_to_text(PAGE)[0]


def test_given_metadata_overrides_the_page() -> None:
    a = analyze_html(PAGE, source="Atlas", published="2019-12-20", title="T", doc_id="p1")
    assert (a.source, a.published, a.title, a.doc_id) == ("Atlas", "2019-12-20", "T", "p1")
    assert all(f.doc_id == "p1" for f in a.figures)


def test_page_trafilatura_finds_nothing_in_falls_back_to_the_stdlib_extractor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = "<p>Ten people died.</p>"
    assert html_mod.trafilatura_extract(page) is None
    assert [f.text for f in analyze_html(page).figures] == ["Ten"]
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><head><title>T</title></head><body><p>Ten people died.</p></body></html>"
    text, meta = html_mod.html_to_text(page)
    assert text == "Ten people died.\n" and meta["title"] == "T"


def test_trafilatura_failure_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    text, meta = html_mod.html_to_text(PAGE)
    assert "At least 304 people were killed" in text
    assert "tracking" not in text and "Subscribe" not in text and "Storm" not in text
    assert meta["source"] == "Harbor Wire"


def test_stdlib_extractor_drops_scripts_and_keeps_an_unclosed_head() -> None:
    text, meta = html_mod.stdlib_html_to_text(
        "<html><head><title>Toll</title><meta charset=utf-8/><body><p>Ten died.</p>"
        "<script>alert('99 fake')</script><p>Five fled.</p>"
    )
    assert text == "Ten died.\n\nFive fled.\n" and meta["title"] == "Toll"


def test_unreadable_page_date_is_dropped() -> None:
    page = '<meta property="article:published_time" content="not a date xyz"><p>Ten died.</p>'
    assert html_mod.html_to_text(page)[1]["published"] is None
    assert analyze_html(page).ok


@pytest.mark.parametrize("page", ["", "<html></html>", "<script>only('script')</script>", "\x00"])
def test_page_without_text_is_reported(page: str) -> None:
    a = analyze_html(page)
    assert a.figures == [] and a.errors == ["no text found in the HTML page"]


def test_hostile_markup_does_not_crash() -> None:
    pages = [
        "<p>" * 2000 + "Ten died.",
        "<div><p>Ten died.</div></span></p>" * 50,
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><p>&e; Ten died.</p>",
        "<p>Ten\x00 died.\x07</p>",
        "<p>" + "😀" * 1000 + " 12 people died.</p>",
    ]
    for page in pages:
        a = analyze_html(page)
        assert "root:" not in a.text
        for f in a.figures:
            assert a.text[f.start_char : f.end_char] == f.text


def test_non_string_is_an_input_error() -> None:
    with pytest.raises(claimkit.InputError):
        analyze_html(b"<p>Ten died.</p>")  # type: ignore[arg-type]


def test_html_files_are_read_with_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    (doc,) = list(read_inputs([path]))
    assert isinstance(doc, Document)
    assert (doc.title, doc.source, doc.published) == (
        "Protest toll rises",
        "Harbor Wire",
        "2019-12-16",
    )
    assert "tracking" not in doc.text and "At least 304" in doc.text


def test_analyze_html_is_public() -> None:
    assert claimkit.analyze_html is analyze_html  # type: ignore[attr-defined]
