"""Robustness: scraped boilerplate, encodings, foreign digits, long texts and the time budget,
errors in batches, determinism, hostile strings and a folder of broken files through the CLI."""

from __future__ import annotations

import codecs
import json
import time
from pathlib import Path

import pandas as pd
import pytest

import claimkit
from claimkit import longtext
from claimkit.cli import main
from claimkit.extract.boilerplate import find_boilerplate
from claimkit.ids import doc_id_for
from claimkit.longtext import split_text
from claimkit.reader import decode_bytes
from claimkit.writers import FORMATS, TableWriters


def records(a: claimkit.Analysis) -> list[claimkit.Figure | claimkit.Entity]:
    """The figures and entities of ``a``: the records with a ``text`` and offsets."""
    return [*a.figures, *a.entities]


# Shaped like a scraped article page: a breadcrumb glued to the truncated headline, the title, the
# body, then the page's teaser lists (with figures, people and roles of other stories) and labels.
SCRAPED = (
    "News on Northland Unrest & ProtestsOne Year After the Harbor Uprising: Time for the World To...\n\n"
    "One Year After the Harbor Uprising: Time for the World To Act on Northland\n\n\n"
    "October 2023 marks one year since the protests in Northland which spread to almost 150 towns "
    "across the country, with crowds calling for an end to military rule.\n\n"
    "Security forces opened fire on the crowds. 2,300 protesters were shot dead, and a further "
    "9,000 activists were arrested in the weeks that followed, the Harbor Rights Group said.\n\n"
    "The interior minister at the time, Viktor Salazar, had ordered the crackdown. In early 2023, "
    "Salazar was appointed as the country's chief justice.\n\n"
    "Amnesty International's Secretary General Agnes Callamard said that more than 400 of those "
    "detained had been sentenced.\n\n"
    "Latest news\n\n"
    "Northland Floods Leave Thousands Homeless\n\n"
    "Heavy rain in the south displaced 12,000 people and killed 85 in the provinces of...\n\n"
    "Minister Jonas Eriksen Resigns Over Port Scandal\n\n"
    "Former defence minister Jonas Eriksen said that 37 officials had been arrested during...\n\n"
    "Must read\n\n"
    "How the World Should Deal With Northland\n\n"
    "by\u00a0Mira Okafor The nationwide protests that left 500 dead represent the people's...\n\n"
    "You might also likeRELATED\n"
    "Recommended to you"
)
TAIL = SCRAPED.index("Latest news")
BODY_FIGURES = ["almost 150", "2,300", "9,000", "more than 400"]


def in_tail(start: int) -> bool:
    return start >= TAIL


def test_scraped_tail_yields_nothing_but_the_byline_author() -> None:
    a = claimkit.analyze(SCRAPED)
    assert (TAIL, len(SCRAPED)) in a.boilerplate
    assert not [f.text for f in a.figures if in_tail(f.start_char)]
    assert not [r for r in a.roles if in_tail(r.start_char)]
    tail_text = SCRAPED[TAIL:]
    assert not [e for e in a.events if e.name in tail_text]
    tail_people = [e.canonical for e in a.entities if e.label == "PERSON" and in_tail(e.start_char)]
    assert tail_people == ["Mira Okafor"]  # "by Mira Okafor": the teaser's author


def test_scraped_body_keeps_its_figures_people_and_roles() -> None:
    a = claimkit.analyze(SCRAPED)
    texts = [f.text for f in a.figures]
    assert all(t in texts for t in BODY_FIGURES), texts
    killed = next(f for f in a.figures if f.text == "2,300")
    assert (killed.category, killed.attribution) == ("killed", "Harbor Rights Group")
    people = {e.canonical for e in a.entities if e.label == "PERSON"}
    assert {"Viktor Salazar", "Agnes Callamard"} <= people
    roles = {(r.person, r.role) for r in a.roles}
    assert ("Viktor Salazar", "chief justice") in roles
    assert ("Agnes Callamard", "secretary general") in roles


def test_leading_breadcrumb_is_boilerplate_and_the_title_is_not() -> None:
    ranges = find_boilerplate(SCRAPED)
    first_line = SCRAPED.index("\n")
    assert ranges[0] == (0, first_line)
    title = SCRAPED.index("One Year After the Harbor Uprising: Time for the World To Act")
    assert not any(a <= title < b for a, b in ranges)


def test_leading_teaser_list_is_boilerplate() -> None:
    text = (
        "Latest news\n\n"
        "Quake Kills 40 in the Mountains\n\n"
        "Rescue teams said 40 people had died and 200 were missing after the...\n\n"
        "Port Strike Enters Second Week\n\n"
        "Dockers said 3,000 workers had walked out over pay, as talks between...\n\n"
        "Floods Hit the Capital\n\n"
        "At least 12 people were killed when the river burst its banks on Monday, officials said.\n"
    )
    a = claimkit.analyze(text)
    assert [f.text for f in a.figures] == ["At least 12"]
    assert "Floods Hit the Capital" not in "".join(text[x:y] for x, y in a.boilerplate)


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        (
            "Ten people died.\nShare this article\nFive more were hurt, police said.",
            ["Share this article"],
        ),
        ("Ten people died.\nSubscribe to our newsletter\n", ["Subscribe to our newsletter"]),
        (
            "Ten people died.\nTags: Northland, protests\nFive were hurt.",
            ["Tags: Northland, protests"],
        ),
        ("Share prices fell 5 percent on Monday.\nTen people died.", []),
        ("Latest figures show 300 people died.\nOfficials said so.", []),
        ("The toll rose.\n\nComments from officials were scarce, 12 said.", []),
    ],
)
def test_share_subscribe_and_tag_lines(text: str, excluded: list[str]) -> None:
    assert [text[a:b] for a, b in find_boilerplate(text)] == excluded


def test_teaser_run_without_a_heading_is_boilerplate() -> None:
    body = "Officials said 40 people were detained on Monday in the capital.\n\n"
    tail = (
        "Storm Leaves Thousands Without Power\n\n"
        "Heavy winds brought down lines across the region, leaving 5,000 homes...\n\n"
        "Minister Quits Over Scandal\n\n"
        "The minister resigned on Friday after 12 officials were charged with...\n"
    )
    a = claimkit.analyze(body + tail)
    assert a.boilerplate == [(len(body), len(body + tail))]
    assert [f.text for f in a.figures] == ["40"]


def test_boilerplate_detection_is_linear() -> None:
    hostile = "Latest news\nA long line of article prose that goes on, said officials.\n" * 40_000
    started = time.monotonic()
    find_boilerplate(hostile)
    find_boilerplate("Recommended to you\n" * 100_000)
    assert time.monotonic() - started < 10


# --- encodings, control characters, digits ---

TEXT = "Über 200 Menschen – “about 200 people” – were arrested in São Paulo.\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), id="utf-32-bom"),
        pytest.param(TEXT.encode("cp1252"), id="cp1252"),
    ],
)
def test_encodings_decode(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Naïve estimates from São Paulo; Señor Müller’s crème brûlée façade.", "cp1252"),
        ("café", "cp1252"),
        ("Caf\xe9 owners said 12 people were hurt.", "latin-1"),
        ("Les manifestants étaient plus de 3 000 à Montréal, a déclaré la police.", "cp1252"),
        ("Über 200 Menschen wurden in München festgenommen; die Straßen waren gesperrt.", "cp1252"),
        ("Привет, мир! 300 человек погибли в городе, сообщили власти.", "cp1251"),
        ("Zażółć gęślą jaźń – 300 osób zginęło w Łodzi, poinformowały władze.", "cp1250"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 100],
)
def test_binary_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(data)


def test_control_characters_are_removed_and_offsets_kept() -> None:
    text = "\x00Officials\x07 said\x85 40\u200b people\ufeff were\x1b detained.\r\n\u202eTen died."
    a = claimkit.analyze(text)
    assert len(a.text) == len(text) and a.ok
    assert not any(ord(c) < 32 and c != "\n" for c in a.text)
    assert [(f.value, text[f.start_char : f.end_char]) for f in a.figures] == [
        (40.0, "40"),
        (10.0, "Ten"),
    ]


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Officials said ١٢٠ people were arrested.", "١٢٠", 120.0),
        ("Officials said ۱۲۰ people were arrested.", "۱۲۰", 120.0),
        ("Officials said ١٬٥٠٠ people were arrested.", "١٬٥٠٠", 1500.0),
        ("Officials said ۳٫۵ percent of voters were arrested.", "۳٫۵ percent", 3.5),
    ],
)
def test_arabic_and_persian_digits_end_to_end(text: str, written: str, value: float) -> None:
    (f,) = claimkit.analyze(text).figures
    assert f.value == value and text[f.start_char : f.end_char] == written


# --- long texts and the time budget ---

TOWNS = [
    "Ashby",
    "Brook",
    "Carlow",
    "Dunmore",
    "Elgin",
    "Fenwick",
    "Galway",
    "Hythe",
    "Ivybridge",
    "Jarrow",
    "Kelso",
    "Leek",
]
PARAS = [
    "Ebrahim Raisi was appointed head of the judiciary in 2019, officials said.\n\n",
    *[
        f"Officials in {town} said {100 + i} people were arrested on Monday.\n\n"
        for i, town in enumerate(TOWNS)
    ],
    "President Raisi said the 1988 massacre was justified, and 30 people were executed.\n\n",
    "Latest news\n\nStorm Kills Dozens\n\nA storm killed 55 people in the north of...\n",
]
LONG = "".join(PARAS)


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make texts over 300 characters long, split into parts of at most 200."""
    monkeypatch.setattr(longtext, "LONG_TEXT", 300)
    monkeypatch.setattr(longtext, "PART_CHARS", 200)


def test_split_text_covers_the_text_at_paragraph_breaks() -> None:
    parts = split_text(LONG, 200)
    assert "".join(LONG[a:b] for a, b in parts) == LONG
    assert all(b - a <= 200 for a, b in parts) and len(parts) > 3
    assert all(LONG[b - 2 : b] == "\n\n" for _, b in parts[:-1])
    assert split_text("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_long_text_is_one_analysis_with_offsets_into_the_whole(small_parts: None) -> None:
    whole = claimkit.analyze(LONG, doc_id="d1", time_budget=None)
    assert whole.ok and whole.text == LONG and whole.doc_id == "d1"
    values = [f.value for f in whole.figures]
    assert values == [100.0 + i for i in range(12)] + [30.0]  # the storm's 55 is boilerplate
    for rec in records(whole):
        assert LONG[rec.start_char : rec.end_char] == rec.text and rec.doc_id == "d1"
    for r in whole.roles:
        assert 0 <= r.start_char < r.end_char <= len(LONG)
    ids = [e.sentence_id for e in whole.entities]
    assert ids == sorted(ids) and ids[-1] > 10
    assert whole.boilerplate == [(LONG.index("Latest news"), len(LONG))]
    raisi = [e for e in whole.entities if e.text == "Raisi"]
    assert raisi and all(e.canonical == "Ebrahim Raisi" for e in raisi)  # named in another part
    assert [e.event_id for e in whole.events].count("massacre:1988") == 1


def test_long_text_figures_match_the_unsplit_analysis(small_parts: None) -> None:
    split = claimkit.analyze(LONG, time_budget=None)
    longtext.LONG_TEXT = 10**6  # (restored by the fixture)
    unsplit = claimkit.analyze(LONG, time_budget=None)
    key = [(f.text, f.start_char, f.value, f.category) for f in unsplit.figures]
    assert [(f.text, f.start_char, f.value, f.category) for f in split.figures] == key
    assert split.doc_id == unsplit.doc_id


def test_time_budget_keeps_what_was_finished(small_parts: None) -> None:
    a = claimkit.analyze(LONG, time_budget=1e-9)
    first_part_end = split_text(LONG, 200)[0][1]
    assert a.errors and "time budget" in a.errors[0] and "skipped" in a.errors[0]
    assert a.figures and all(f.end_char <= first_part_end for f in a.figures)
    assert a.text == LONG and a.doc_id == doc_id_for(LONG)


def test_time_budget_in_a_batch_is_an_error_row(small_parts: None) -> None:
    items: list[str | dict[str, str]] = [
        "Ten died.",
        {"text": LONG, "doc_id": "long", "path": "long.txt"},
        "Five fled.",
    ]
    out = list(claimkit.analyze_many(items, time_budget=1e-9))
    assert [a.ok for a in out] == [True, False, True]
    errors = claimkit.frames(out)["errors"]
    assert list(errors["doc_id"]) == ["long"] and list(errors["path"]) == ["long.txt"]
    assert "time budget" in errors["reason"].iloc[0]


@pytest.mark.parametrize("bad", [0, -1.0])
def test_time_budget_must_be_positive(bad: float) -> None:
    with pytest.raises(ValueError, match="time_budget"):
        claimkit.analyze("Ten died.", time_budget=bad)


# --- errors in batches, determinism ---


def test_batch_errors_become_rows_and_the_batch_goes_on() -> None:
    items = [
        {"text": "Ten died.", "doc_id": "ok1", "path": "a.txt"},
        {"text": b"bytes", "doc_id": "bad1", "path": "b.txt"},
        {"text": "Five fled.", "published": "not a date at all xyz", "path": "c.txt"},
        {"text": "Two were hurt.", "source": 3, "doc_id": "bad3"},
        {"text": "Hundreds were arrested.", "doc_id": "ok2"},
    ]
    out = list(claimkit.analyze_many(items, batch_size=2))  # type: ignore[arg-type]
    assert [a.ok for a in out] == [True, False, False, False, True]
    errors = claimkit.frames(out)["errors"]
    assert list(errors.columns) == ["doc_id", "path", "reason"]
    assert list(errors["path"].fillna("-")) == ["b.txt", "c.txt", "-"]
    assert errors["doc_id"].iloc[0] == "bad1" and errors["doc_id"].iloc[2] == "bad3"
    assert "published" in errors["reason"].iloc[1] and "source" in errors["reason"].iloc[2]
    assert [f.text for a in out for f in a.figures] == ["Ten", "Hundreds"]


DOCS: list[str | dict[str, str]] = [
    SCRAPED,
    "At least 304 people were killed in November 2019, Amnesty International said.",
    {"text": "Reuters put the toll at about 1,500. Ebrahim Raisi denied it.", "source": "S"},
    "Officials said ۱۲۰ people were arrested.\x00",
]


def _frames(n_process: int) -> dict[str, pd.DataFrame]:
    return claimkit.frames(claimkit.analyze_many(DOCS, n_process=n_process, batch_size=2))


def test_same_input_gives_identical_tables_across_runs_and_processes() -> None:
    one = _frames(1)
    assert not one["figures"].empty and not one["entities"].empty and not one["roles"].empty
    again = _frames(1)
    two = _frames(2)
    for table, df in one.items():
        pd.testing.assert_frame_equal(df, again[table])
        pd.testing.assert_frame_equal(df, two[table])


# --- hostile strings ---

HOSTILE = {
    "empty": "",
    "whitespace": " \n\t\n ",
    "nul-bytes": "\x00\x00Officials said 40 people were detained.\x00",
    "400-digit number": "Officials said " + "7" * 400 + " people were killed.",
    "arabic digits": "قتل ١٢٠ شخصا. Officials said ١٢٠ people were arrested.",
    "persian digits": "مقامات گفتند ۱۲۰ نفر. Officials said ۱۲۰ people were arrested.",
    "emoji run": "😀🔥💥" * 700 + " Officials said 40 people were detained. " + "👍🏽" * 300,
    "html": '<script>alert("x")</script><p onclick="x()">Officials said 40 people were detained.</p>',
    "control characters": "".join(map(chr, range(32)))
    + "Officials said 40 people were detained.\x7f",
    "lone surrogate": "Officials said 40 \ud800 people were detained.",
    "bidi marks": "\u202eOfficials said 40 people were detained.\u202c\u200f",
    "one long word": "x" * 60_000 + " Officials said 40 people were detained.",
    "newlines": "\n" * 20_000 + "Officials said 40 people were detained.",
    "digit soup": ("9" * 30 + ",") * 300,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_strings(name: str, tmp_path: Path) -> None:
    text = HOSTILE[name]
    started = time.monotonic()
    a = claimkit.analyze(text)
    assert time.monotonic() - started < 60
    assert a.ok and len(a.text) == len(text)
    for rec in records(a):
        assert a.text[rec.start_char : rec.end_char] == rec.text
    if "Officials said" in text and name != "400-digit number":
        assert {40.0, 120.0} & {f.value for f in a.figures}
    for fmt in FORMATS:  # the tables can be written in every format
        with TableWriters(tmp_path / fmt, fmt) as writers:
            writers.add(a)


PARA = (
    "The committee met again on Tuesday to discuss the report, which covers the events of the past "
    "year in detail and lists the names of those who were detained, according to the officials.\n\n"
)


@pytest.mark.slow
def test_a_text_over_a_million_characters_with_a_figure_at_its_very_end() -> None:
    end = "In the end, officials said 4,321 people were killed."
    text = PARA * (1_000_000 // len(PARA) + 1) + end
    assert len(text) > 1_000_000
    started, cpu = time.monotonic(), time.process_time()
    a = claimkit.analyze(text)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"\n{len(text):,} characters analysed in {elapsed:.1f} s ({cpu:.1f} s CPU)")
    assert a.ok, a.errors
    last = a.figures[-1]
    assert (last.text, last.value, last.category) == ("4,321", 4321.0, "killed")
    assert text[last.start_char : last.end_char] == "4,321" and last.end_char > 1_000_000
    assert {f.doc_id for f in a.figures} == {a.doc_id} and a.text == text


# --- a folder of good and broken files through the command line ---


def test_cli_folder_of_good_and_broken_files(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.md").write_text("---\ndoc_id: g1\n---\nAt least 304 people were killed.\n", "utf-8")
    (d / "latin.txt").write_bytes("Caf\xe9 owners said 12 people were hurt.".encode("latin-1"))
    (d / "cp1252.txt").write_bytes(
        "Señor Müller’s “figure”: 75 people were arrested.".encode("cp1252")
    )
    (d / "utf16.txt").write_bytes(
        codecs.BOM_UTF16_LE + "Officials said 8 people died.".encode("utf-16-le")
    )
    (d / "persian.txt").write_text("Officials said ۱۲۰ people were arrested.", "utf-8")
    (d / "page.html").write_text(
        "<html><body><p>Police said 33 people were detained.</p></body></html>"
    )
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    (d / "bad.md").write_text("---\ntitle: [unclosed\n---\nTen died.\n", "utf-8")
    lines = [
        json.dumps({"text": "Over 30,000 were executed.", "doc_id": "j1"}),
        "{not json",
        json.dumps({"doc_id": "j3"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Hundreds were arrested.", "doc_id": "j5", "published": "no date xyz"}),
    ]
    (d / "items.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(d), "--out", str(out), "--no-progress"]) == 0
    figures = pd.read_csv(out / "figures.csv")
    assert sorted(figures["value"].dropna()) == [8.0, 12.0, 33.0, 75.0, 120.0, 304.0, 30000.0]
    errors = pd.read_csv(out / "errors.csv")
    broken = {Path(p).name for p in errors["path"]}
    assert broken == {
        "binary.txt",
        "empty.txt",
        "bad.md",
        "items.jsonl:2",
        "items.jsonl:3",
        "items.jsonl:4",
        "items.jsonl:5",
    }, errors
