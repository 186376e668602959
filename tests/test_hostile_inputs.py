"""Hostile inputs: each is one error row (or read safely) and the good documents around it stay."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from claimkit.cli import main
from claimkit.reader import MAX_ALIASES, MAX_DEPTH, Document, decode_bytes, read_inputs
from claimkit.records import ErrorRecord

DEEP = 100_000
NON_UTF8_NAME = b"caf\xe9-report.txt"


def alias_bomb(levels: int = 9) -> str:
    """Front matter whose title expands to 9**levels strings if its aliases were followed."""
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for k in range(1, levels):
        rows.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    return "---\n" + "\n".join(rows) + f"\ntitle: *a{levels - 1}\n---\nTen people died.\n"


def hostile_folder(root: Path) -> Path:
    """Good documents first and last, hostile files between them (in sorted order)."""
    d = root / "in"
    d.mkdir()
    (d / "a-good.md").write_text(
        "---\ndoc_id: first\npublished: 2019-12-16\n---\n"
        "At least 304 people were killed, the group said.\n",
        "utf-8",
    )
    lines = [
        json.dumps({"text": "Forty people were arrested.", "doc_id": "j1"}),
        "[" * DEEP + "]" * DEEP,
        json.dumps({"text": "Nine people\u2028were hurt.", "doc_id": "j3"}, ensure_ascii=False),
        '{"text": "unterminated',
        json.dumps({"text": "Eleven people fled.", "doc_id": "j5", "published": [1, 2]}),
        json.dumps({"text": "Twelve people fled.", "doc_id": "j6"}),
    ]
    (d / "b-lines.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (d / "c-deep-front.md").write_text(
        "---\ntitle: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n---\nTen died.\n",
        "utf-8",
    )
    (d / "d-bomb.md").write_text(alias_bomb(), "utf-8")
    (d / "e-relative.md").write_text("---\npublished: last Tuesday\n---\nSix died.\n", "utf-8")
    (d / "f-month.md").write_text("---\npublished: 2019-13\n---\nSix died.\n", "utf-8")
    with open(os.path.join(os.fsencode(d), NON_UTF8_NAME), "wb") as f:
        f.write(b"Five people were injured, officials said.\n")
    (d / "z-good.txt").write_text("Reuters reported that about 1,500 people died.\n", "utf-8")
    return d


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    root = tmp_path_factory.mktemp("hostile")
    d = hostile_folder(root)
    out = root / "out"
    rc = main(["analyze", str(d), "--out", str(out), "--no-progress", "--no-graph"])
    return rc, out


def test_the_run_goes_on_and_keeps_every_good_document(hostile_run: tuple[int, Path]) -> None:
    rc, out = hostile_run
    assert rc == 0
    figures = pd.read_csv(out / "figures.csv")
    by_doc = figures.groupby("doc_id")["value"].apply(set).to_dict()
    assert by_doc["first"] == {304.0} and by_doc["z-good"] == {1500.0}
    assert by_doc["j1"] == {40.0} and by_doc["j6"] == {12.0}
    assert by_doc["j3"] == {9.0}  # U+2028 inside a string does not split its line
    assert by_doc["caf\\xe9-report"] == {5.0}  # a name that is not UTF-8, shown escaped


def test_every_hostile_input_is_an_error_row_with_its_reason(
    hostile_run: tuple[int, Path],
) -> None:
    _, out = hostile_run
    errors = pd.read_csv(out / "errors.csv")
    reasons = {Path(str(p)).name: r for p, r in zip(errors["path"], errors["reason"], strict=True)}
    assert set(reasons) == {
        "b-lines.jsonl:2",
        "b-lines.jsonl:4",
        "b-lines.jsonl:5",
        "c-deep-front.md",
        "d-bomb.md",
        "e-relative.md",
        "f-month.md",
    }
    assert "nested too deeply" in reasons["b-lines.jsonl:2"]
    assert "line 4, column" in reasons["b-lines.jsonl:4"]  # the whole JSON error
    assert "single value" in reasons["b-lines.jsonl:5"]
    assert f"nested more than {MAX_DEPTH}" in reasons["c-deep-front.md"]
    assert f"more than {MAX_ALIASES} YAML aliases" in reasons["d-bomb.md"]
    assert "calendar date" in reasons["e-relative.md"]
    assert "month 13" in reasons["f-month.md"]


def test_paths_that_are_not_utf8_are_written_in_every_format(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    with open(os.path.join(os.fsencode(d), NON_UTF8_NAME), "wb") as f:
        f.write(b"Five people were injured, officials said.\n")
    for fmt in ("parquet", "jsonl"):
        out = tmp_path / fmt
        args = ["analyze", str(d), "--out", str(out), "--format", fmt, "--no-progress"]
        assert main(args) == 0
        path = out / f"documents.{fmt}"
        docs = pd.read_parquet(path) if fmt == "parquet" else pd.read_json(path, lines=True)
        assert docs["path"].str.endswith("caf\\xe9-report.txt").all()


def test_a_huge_alias_count_is_refused_before_it_is_built(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(levels=30), "utf-8")
    (item,) = read_inputs([path])
    assert isinstance(item, ErrorRecord) and "aliases" in item.reason


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text("---\nsource: &s Harbor Wire\ntitle: *s\n---\nTen died.\n", "utf-8")
    (item,) = read_inputs([path])
    assert isinstance(item, Document) and item.title == "Harbor Wire"


def test_jsonl_lines_are_numbered_by_newlines_only(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    seps = "\u2028\u2029\x85\x0b\x0c\x1c"
    path.write_text(
        json.dumps({"text": f"Ten{seps}died."}, ensure_ascii=False) + "\r\n{bad\n", "utf-8"
    )
    doc, err = read_inputs([path])
    assert isinstance(doc, Document) and doc.text == f"Ten{seps}died."
    assert isinstance(err, ErrorRecord) and err.path == f"{path}:2"


def test_lone_surrogates_in_metadata_never_reach_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "Ten died.", "source": "Bad \\ud800 Wire"}\n', "utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--no-progress"]) == 0
    assert pd.read_csv(out / "figures.csv")["source"].tolist() == ["Bad \ufffd Wire"]


@pytest.mark.parametrize(
    "text",
    [
        "東京で三人が死亡した。",
        "警察によると、十人がけがをした。",
        "選挙",
        "市長が辞任",
        "ニュース",
    ],
)
def test_short_shift_jis_is_not_read_as_cp1252(text: str) -> None:
    assert decode_bytes(text.encode("shift_jis")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("“Ten” died – café", "cp1252"),
        ("Zażółć gęślą jaźń, mówią świadkowie", "cp1250"),
        ("中国政府今天宣布了新的措施", "gbk"),
    ],
)
def test_other_legacy_text_is_not_read_as_japanese(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text
