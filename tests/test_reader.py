"""claimkit.reader: front matter, folders and .claimkitignore, encodings, .jsonl, HTML and errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from claimkit.reader import Document, read_inputs
from claimkit.records import ErrorRecord

BODY = "At least 304 people were killed, Amnesty International said.\n"


def read(*paths: Path) -> list[Document | ErrorRecord]:
    """Everything :func:`read_inputs` yields for ``paths``."""
    return list(read_inputs(paths))


def only_document(items: list[Document | ErrorRecord]) -> Document:
    """The single item of ``items``, which must be a :class:`Document`."""
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_error(items: list[Document | ErrorRecord]) -> ErrorRecord:
    """The single item of ``items``, which must be an :class:`ErrorRecord`."""
    assert len(items) == 1 and isinstance(items[0], ErrorRecord), items
    return items[0]


def test_front_matter_sets_the_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\n"
        "doc_id: iran2019-x\n"
        "source: Harbor Wire\n"
        "published: 2019-11-20\n"
        'title: "Protests: the toll"\n'
        "url: https://example.org/a\n"
        "---\n" + BODY,
        "utf-8",
    )
    doc = only_document(read(path))
    assert (doc.doc_id, doc.source, doc.published, doc.title, doc.url) == (
        "iran2019-x",
        "Harbor Wire",
        "2019-11-20",
        "Protests: the toll",
        "https://example.org/a",
    )
    assert doc.text == BODY and doc.path == str(path)


def test_a_file_without_front_matter_is_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, "utf-8")
    doc = only_document(read(path))
    assert doc.text == BODY
    assert (doc.doc_id, doc.source, doc.published, doc.title, doc.url) == ("a",) + (None,) * 4


def test_malformed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\nsource: X\n---\n" + BODY, "utf-8")
    err = only_error(read(path))
    assert err.path == str(path) and "front matter" in err.reason


def test_front_matter_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("---\n- a\n- b\n---\n" + BODY, "utf-8")
    assert "front matter" in only_error(read(path)).reason


def test_claimkitignore_skips_a_folder_and_a_pattern(tmp_path: Path) -> None:
    (tmp_path / ".claimkitignore").write_text("# not articles\ngold/\n*.txt\n", "utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "notes.md").write_text(BODY, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(BODY, "utf-8")
    (tmp_path / "sub" / "c.txt").write_text(BODY, "utf-8")
    (tmp_path / "a.md").write_text(BODY, "utf-8")
    (tmp_path / "d.txt").write_text(BODY, "utf-8")
    got = [Path(str(d.path)).relative_to(tmp_path).as_posix() for d in read(tmp_path)]
    assert got == ["a.md", "sub/b.md"]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".draft.md").write_text(BODY, "utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.md").write_text(BODY, "utf-8")
    (tmp_path / "a.md").write_text(BODY, "utf-8")
    assert [Path(str(d.path)).name for d in read(tmp_path)] == ["a.md"]


def test_unsupported_files_in_a_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", "utf-8")
    (tmp_path / "a.md").write_text(BODY, "utf-8")
    assert [Path(str(d.path)).name for d in read(tmp_path)] == ["a.md"]


def test_utf8_with_bom_decodes_and_keeps_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(codecs.BOM_UTF8 + "---\nsource: Café Post\n---\nNaïve – 5 died.\n".encode())
    doc = only_document(read(path))
    assert doc.source == "Café Post" and doc.text == "Naïve – 5 died.\n"


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    text = "Über 200 Menschen – “about 200 people” – were arrested.\n"
    for encoding in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = codecs.BOM_UTF16_BE + data
        path.write_bytes(data)
        assert only_document(read(path)).text == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The café’s owner said “about 1,500” people were killed – a figure the régime denies.\n"
            "Officials cited 304 deaths in the report … and called it “final”.\n",
            id="quotes-dashes-acute",
        ),
        pytest.param(
            "Naïve estimates from São Paulo put the toll lower; Señor Müller’s crème brûlée façade.\n",
            id="western-european-letters",
        ),
        pytest.param(
            "café",
            id="one-short-word",
        ),
    ],
)
def test_cp1252_decodes(tmp_path: Path, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_document(read(path)).text == text


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    err = only_error(read(path))
    assert err.path == str(path) and "binary" in err.reason


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    for name, content in (("empty.txt", ""), ("blank.md", "---\nsource: X\n---\n \n")):
        path = tmp_path / name
        path.write_text(content, "utf-8")
        assert "empty" in only_error(read(path)).reason


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(
        '{"text": "Ten people died.", "doc_id": "d1", "source": "S"}\n'
        '{"text": "unterminated\n'
        '{"doc_id": "d3", "title": "no text here"}\n',
        "utf-8",
    )
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert len(docs) == 1 and len(errors) == 2
    assert (docs[0].text, docs[0].doc_id, docs[0].source) == ("Ten people died.", "d1", "S")
    assert docs[0].path == f"{path}:1"
    assert [str(e.path).rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert all(str(e.path).startswith(str(path)) for e in errors)
    assert "malformed" in errors[0].reason and "text" in errors[1].reason
    assert errors[1].doc_id == "d3"


def test_unsupported_file_given_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    err = only_error(read(path))
    assert err.path == str(path) and "unsupported" in err.reason


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    assert "no such file" in only_error(read(tmp_path / "nope.md")).reason


def test_html_gives_title_and_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Protest toll rises</title>"
        "<script>var secret = 'tracking 12345';</script>"
        "<style>p { color: red }</style></head>"
        "<body><p>At least 304 people were killed.</p>"
        "<script>document.write('999 fake');</script>"
        "<p>Amnesty International said so.</p></body></html>",
        "utf-8",
    )
    doc = only_document(read(path))
    assert doc.title == "Protest toll rises"
    assert "At least 304 people were killed." in doc.text
    assert "Amnesty International said so." in doc.text
    for junk in ("tracking", "secret", "999", "document.write", "color"):
        assert junk not in doc.text


def test_folders_are_read_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.html"):
        (tmp_path / name).write_text(f"<p>{BODY}</p>" if name.endswith(".html") else BODY)
    assert [Path(str(d.path)).name for d in read(tmp_path)] == ["a.txt", "b.md", "c.html"]
