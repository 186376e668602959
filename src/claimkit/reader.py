"""Reading documents from files and folders: .txt, .md (with front matter), .html and .jsonl.

Anything that cannot be read becomes an :class:`~claimkit.records.ErrorRecord` with its reason;
reading goes on with the next input.

Examples:
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("---\\nsource: Harbor Wire\\n---\\nTen people died.\\n")
    >>> [(x.source, x.text.strip()) for x in read_inputs([d])]
    [('Harbor Wire', 'Ten people died.')]
"""

from __future__ import annotations

import codecs
import fnmatch
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimkit.html import html_to_text
from claimkit.records import ErrorRecord

__all__ = [
    "SUFFIXES",
    "Document",
    "decode_bytes",
    "plain_markdown",
    "read_inputs",
    "split_front_matter",
]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
"""File suffixes read from folders."""

_META = ("doc_id", "source", "published", "title", "url")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(slots=True)
class Document:
    """A document read from an input: its text and metadata.

    Examples:
        >>> Document("Ten died.", source="X").as_item()["source"]
        'X'
    """

    text: str
    doc_id: str | None = None
    source: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None

    def as_item(self) -> dict[str, Any]:
        """The document as an item for :func:`claimkit.analyze_many`.

        Examples:
            >>> sorted(Document("Ten died.").as_item())
            ['doc_id', 'path', 'published', 'source', 'text', 'title', 'url']
        """
        return {
            "text": self.text,
            "doc_id": self.doc_id,
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "path": self.path,
        }


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GLUED_SYMBOL = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f’‘'](?=[^\W\d_])")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL bytes in every other position."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        encoding = "utf-16-le"
    elif even > 0.6 * half and odd < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _western(text: str) -> bool:
    """Text that reads as Western European: at most a quarter of its letters outside ASCII, and no
    symbol glued inside a word (cp1250 "ł" read as cp1252 is "³": "Łódź" becomes "£ódŸ")."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    foreign = sum(not c.isascii() for c in letters)
    return foreign <= 0.25 * len(letters) and not _GLUED_SYMBOL.search(sample)


def _legacy(data: bytes) -> str:
    """Bytes that are not UTF-8: cp1252 when they read as Western text, else the detected encoding."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _western(western):
            return western
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except ImportError:  # pragma: no cover - charset-normalizer ships with requests
        best = None
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text.

    UTF-8 (with or without a byte-order mark) and UTF-16 or UTF-32 with a byte-order mark are read
    as such, UTF-16 without one when its NUL bytes give it away. Other bytes are legacy text: read
    as cp1252 (Windows Western European, a superset of latin-1's printable characters) when that
    gives Western European text (mostly ASCII letters, no symbols inside words), else in the
    encoding charset-normalizer detects (cp1251 Cyrillic, cp1250 Central European, ...).
    charset-normalizer alone often mistakes short or accent-rich cp1252 text for another code page.

    Raises:
        ValueError: If the bytes look binary (NUL bytes, or mostly control characters).

    Examples:
        >>> decode_bytes("café".encode("cp1252"))
        'café'
        >>> decode_bytes(codecs.BOM_UTF16_LE + "Ten died.".encode("utf-16-le"))
        'Ten died.'
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            if encoding == "utf-8":
                text = text.removeprefix("\ufeff")
            break
    if text is None and b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        head = data[:8192]
        if text is None and head.count(b"\x00") > len(head) // 100:
            raise ValueError("binary file (NUL bytes), not text")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy(data)
    if _looks_binary(text):
        raise ValueError("binary file (control characters), not text")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return odd > len(sample) * 0.05


_MD_MARKS = re.compile(r"\*\*|__|^#{1,6}(?= )|^>(?= )", re.M)


def plain_markdown(text: str) -> str:
    """Blank out Markdown emphasis and heading marks, keeping every other character in place.

    The named-entity model reads "**Amnesty International.**" badly; spaces keep offsets valid.

    Examples:
        >>> plain_markdown("**Amnesty International.** It said")
        '  Amnesty International.   It said'
    """
    return _MD_MARKS.sub(lambda m: " " * len(m.group()), text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from ``text``.

    Returns:
        ``(metadata, body)``; metadata is empty when there is no block.

    Raises:
        ValueError: If the block is not a YAML mapping.

    Examples:
        >>> split_front_matter("---\\ntitle: T\\n---\\nBody")
        ({'title': 'T'}, 'Body')
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return meta, text[m.end() :]


def _meta_strings(meta: dict[str, Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key in _META:
        value = meta.get(key)
        out[key] = None if value is None else str(value)
    return out


def _read_file(path: Path) -> Iterator[Document | ErrorRecord]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ErrorRecord(None, where, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield ErrorRecord(None, where, str(exc))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(text, where)
        return
    if suffix in (".html", ".htm"):
        body, meta = html_to_text(text)
    else:
        try:
            raw_meta, body = split_front_matter(text)
        except ValueError as exc:
            yield ErrorRecord(None, where, str(exc))
            return
        meta = _meta_strings(raw_meta)
        if suffix in (".md", ".markdown"):
            body = plain_markdown(body)
    if not body.strip():
        yield ErrorRecord(meta.get("doc_id"), where, "empty document: no text to analyse")
        return
    yield Document(body, path=where, **meta)


def _read_jsonl(text: str, where: str) -> Iterator[Document | ErrorRecord]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRecord(None, loc, f"malformed JSON line: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield ErrorRecord(None, loc, "a .jsonl line must be a JSON object with a 'text' key")
            continue
        body = obj.get("text")
        doc_id = obj.get("doc_id") if isinstance(obj.get("doc_id"), str) else None
        if not isinstance(body, str):
            yield ErrorRecord(doc_id, loc, "missing 'text' string")
            continue
        if not body.strip():
            yield ErrorRecord(doc_id, loc, "empty document: no text to analyse")
            continue
        yield Document(body, path=loc, **_meta_strings(obj))


IGNORE_FILE = ".claimkitignore"
"""A file in an input folder listing glob patterns (one a line, ``dir/`` for a folder) to skip."""


def _ignored(folder: Path) -> list[str]:
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    lines = path.read_text("utf-8", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _skip(rel: Path, patterns: list[str]) -> bool:
    posix = rel.as_posix()
    for pat in patterns:
        if pat.endswith("/"):
            if posix.startswith(pat) or f"/{pat}" in f"/{posix}":
                return True
        elif fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(rel.name, pat):
            return True
    return False


def _folder_files(folder: Path) -> list[Path]:
    patterns = _ignored(folder)
    files = []
    for f in folder.rglob("*"):
        rel = f.relative_to(folder)
        if (
            not f.is_file()
            or f.suffix.lower() not in SUFFIXES
            or any(p.startswith(".") for p in rel.parts)
        ):
            continue
        if not _skip(rel, patterns):
            files.append(f)
    return sorted(files)


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | ErrorRecord]:
    """Documents from files and folders (recursively, in sorted order).

    Args:
        paths: Files (.txt, .md, .html, .jsonl) or folders holding them. In a folder, hidden files
            and the patterns listed in its ``.claimkitignore`` are skipped.

    Yields:
        A :class:`Document` per document, or an :class:`~claimkit.records.ErrorRecord` for each
        input that cannot be read (missing, binary, malformed line, empty, unknown type).

    Examples:
        >>> [type(x).__name__ for x in read_inputs(["no-such-folder"])]
        ['ErrorRecord']
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _folder_files(path):
                yield from _read_file(f)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                yield ErrorRecord(
                    None,
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'}; expected one of {', '.join(SUFFIXES)}",
                )
                continue
            yield from _read_file(path)
        else:
            yield ErrorRecord(None, str(path), "no such file or folder")
