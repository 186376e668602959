"""Reading documents from files and folders: .txt, .md (with front matter), .html and .jsonl.

Anything that cannot be read becomes an :class:`~claimkit.records.ErrorRecord` with its reason;
reading goes on with the next input.

Example:
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

__all__ = ["SUFFIXES", "Document", "decode_bytes", "read_inputs", "split_front_matter"]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
"""File suffixes read from folders."""

_META = ("doc_id", "source", "published", "title", "url")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(slots=True)
class Document:
    """A document read from an input: its text and metadata.

    Example:
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
        """The document as an item for :func:`claimkit.analyze_many`."""
        return {
            "text": self.text,
            "doc_id": self.doc_id,
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "path": self.path,
        }


def decode_bytes(data: bytes) -> str:
    """Decode file bytes: UTF-8 (BOM or not), UTF-16 with BOM, else a detected legacy encoding.

    Raises:
        ValueError: If the bytes look binary.

    Example:
        >>> decode_bytes("café".encode("cp1252"))
        'café'
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    head = data[:8192]
    if b"\x00" in head and head.count(b"\x00") > len(head) // 100:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            text = str(best)
            if _looks_binary(text):
                raise ValueError("binary file, not text")
            return text
    except ImportError:  # pragma: no cover - charset-normalizer ships with requests
        pass
    text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise ValueError("binary file, not text")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return odd > len(sample) * 0.05


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from ``text``.

    Returns:
        ``(metadata, body)``; metadata is empty when there is no block.

    Raises:
        ValueError: If the block is not a YAML mapping.

    Example:
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
