"""Reading documents from files and folders: .txt, .md (with front matter), .html and .jsonl.

Every input is read inside its own guard: anything that cannot be read (missing, binary, too
large, malformed or too deeply nested JSON, unsafe front matter) becomes an
:class:`~claimkit.records.ErrorRecord` with its reason, and reading goes on with the next input.

A plain-text file without front matter is read like an article: a first line that reads as a
headline is its title, and a dateline ("DAYTON, Ohio (WKRX) —", "March 3, 2016 —") gives its
place and, when it names a year, its publication date. A file's ``doc_id`` is its stem unless the
file gives one (unique within one :func:`read_inputs`: ``a``, ``a-2``, ...).

Examples:
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("---\\nsource: Harbor Wire\\n---\\nTen people died.\\n")
    >>> [(x.source, x.text.strip()) for x in read_inputs([d])]
    [('Harbor Wire', 'Ten people died.')]
"""

from __future__ import annotations

import codecs
import datetime as dt
import fnmatch
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimkit.dateline import find_dateline, headline
from claimkit.html import html_to_text
from claimkit.records import ErrorRecord

__all__ = [
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "SUFFIXES",
    "Document",
    "decode_bytes",
    "plain_markdown",
    "read_inputs",
    "shown",
    "split_front_matter",
]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
"""File suffixes read from folders."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Largest file (or .jsonl line) read as one document; a larger one is an error row."""
MAX_DEPTH = 50
"""Deepest nesting of front matter (YAML) read."""
MAX_ALIASES = 20
"""Most YAML aliases (``*name``) front matter may use: more is an alias bomb, not metadata."""
_MAX_FRONT_MATTER = 64 * 1024
_META = ("doc_id", "source", "published", "title", "url", "place")
_SCALARS = (str, int, float, bool, dt.date)
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
    place: str | None = None
    """The place the dateline names, as written ("DAYTON, Ohio"), or the front matter's ``place``."""

    def as_item(self) -> dict[str, Any]:
        """The document as an item for :func:`claimkit.analyze_many` (``place`` only when known).

        Examples:
            >>> sorted(Document("Ten died.").as_item())
            ['doc_id', 'path', 'published', 'source', 'text', 'title', 'url']
            >>> Document("Ten died.", place="DAYTON, Ohio").as_item()["place"]
            'DAYTON, Ohio'
        """
        item: dict[str, Any] = {
            "text": self.text,
            "doc_id": self.doc_id,
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "path": self.path,
        }
        if self.place is not None:
            item["place"] = self.place
        return item


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
    """Text that reads as Western European: at most a quarter of its letters outside ASCII, no
    symbol glued inside a word (cp1250 "ł" read as cp1252 is "³": "Łódź" becomes "£ódŸ"), and no
    more non-ASCII symbols than half its letters (Shift-JIS "選挙" read as cp1252 is "‘I‹“")."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    foreign = sum(not c.isascii() for c in letters)
    symbols = sum(1 for c in sample if not c.isascii() and not c.isalpha() and not c.isspace())
    return (
        foreign <= 0.25 * len(letters)
        and symbols <= max(2, len(letters) // 2)
        and not _GLUED_SYMBOL.search(sample)
    )


# kana, CJK ideographs and punctuation, full-width forms; kana alone tell Japanese from Chinese
_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")


_CJK_CODECS = ("cp932", "shift_jis", "euc_jp", "big5", "gb", "cp949", "euc_kr", "cp950", "johab")


def _japanese(data: bytes, detected: str | None) -> str | None:
    """Shift-JIS (Windows cp932) text: it decodes as such and all but a few of its non-ASCII
    characters are Japanese script, with kana among them, or (kanji alone, no ASCII letters) when
    the detected encoding is another East Asian one. Short Japanese texts defeat statistical
    detection, which reads them as Chinese or Korean."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    sample = text[:20000]
    wide = [c for c in sample if not c.isascii() and not c.isspace()]
    if not wide:
        return None
    japanese = sum(1 for c in wide if _JAPANESE.match(c))
    if _KANA.search(sample):
        return text if japanese >= 0.95 * len(wide) else None
    east_asian = detected is not None and detected.startswith(_CJK_CODECS)
    plain = not re.search("[A-Za-z]", sample)
    return text if east_asian and plain and japanese == len(wide) else None


def _legacy(data: bytes) -> str:
    """Bytes that are not UTF-8: cp1252 when they read as Western text, Shift-JIS when they read
    as Japanese, else the encoding charset-normalizer detects."""
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
    japanese = _japanese(data, None if best is None else best.encoding)
    if japanese is not None:
        return japanese
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text.

    UTF-8 (with or without a byte-order mark) and UTF-16 or UTF-32 with a byte-order mark are read
    as such, UTF-16 without one when its NUL bytes give it away. Other bytes are legacy text: read
    as cp1252 (Windows Western European, a superset of latin-1's printable characters) when that
    gives Western European text (mostly ASCII letters, no symbols inside words, few symbols), as
    Shift-JIS when that gives Japanese text (kana among Japanese script), else in the encoding
    charset-normalizer detects (cp1251 Cyrillic, cp1250 Central European, ...).
    charset-normalizer alone often mistakes short or accent-rich cp1252 text for another code page,
    and short Japanese text for Chinese or Korean.

    Raises:
        ValueError: If the bytes look binary (NUL bytes, or mostly control characters).

    Examples:
        >>> decode_bytes("café".encode("cp1252"))
        'café'
        >>> decode_bytes(codecs.BOM_UTF16_LE + "Ten died.".encode("utf-16-le"))
        'Ten died.'
        >>> decode_bytes("三人が死亡した。".encode("shift_jis"))
        '三人が死亡した。'
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


class _GuardedLoader(yaml.SafeLoader):
    """YAML's safe loader with a bound on nesting and on aliases (``*name``)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML's hook
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise ValueError(
                    f"front matter uses more than {MAX_ALIASES} YAML aliases (*name); "
                    "write the values out"
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ValueError(f"front matter is nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """``(metadata, body)``; metadata is ``None`` when there is no front matter block."""
    m = _FRONT.match(text)
    if not m:
        return None, text
    if len(m.group(1)) > _MAX_FRONT_MATTER:
        raise ValueError(f"front matter is longer than {_MAX_FRONT_MATTER // 1024} KiB")
    try:
        meta = yaml.load(m.group(1), Loader=_GuardedLoader) or {}  # a safe loader
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML: {' '.join(str(exc).split())}") from exc
    except RecursionError as exc:  # pragma: no cover - the depth bound comes first
        raise ValueError("front matter is nested too deeply") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return meta, text[m.end() :]


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from ``text``.

    The block is read with YAML's safe loader, at most :data:`MAX_DEPTH` levels deep and with at
    most :data:`MAX_ALIASES` aliases.

    Returns:
        ``(metadata, body)``; metadata is empty when there is no block.

    Raises:
        ValueError: If the block is not a YAML mapping, or is too large, deep or aliased.

    Examples:
        >>> split_front_matter("---\\ntitle: T\\n---\\nBody")
        ({'title': 'T'}, 'Body')
    """
    meta, body = _front_matter(text)
    return meta or {}, body


_SURROGATE = re.compile("[\ud800-\udfff]")


def _meta_strings(meta: dict[str, Any]) -> dict[str, str | None]:
    """The metadata keys as strings; a list or mapping where one value belongs is an error."""
    out: dict[str, str | None] = {}
    for key in _META:
        value = meta.get(key)
        if value is not None and not isinstance(value, _SCALARS):
            raise ValueError(f"{key!r} must be a single value, not a {type(value).__name__}")
        text = None if value is None else str(value)
        out[key] = text if text is None else _SURROGATE.sub("\ufffd", text)
    return out


def shown(path: str | Path) -> str:
    """A path as text any encoder accepts: bytes of a name that are not UTF-8 as ``\\xNN``.

    Examples:
        >>> shown(os.fsdecode(b"caf\\xe9.txt"))
        'caf\\\\xe9.txt'
    """
    text = os.fspath(path)
    try:
        return os.fsencode(text).decode("utf-8", errors="backslashreplace")
    except UnicodeError:
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def _from_top(body: str) -> dict[str, str | None]:
    """Title, place and publication date from a plain-text article's headline and dateline."""
    found: dict[str, str | None] = {}
    top = headline(body)
    if top is not None:
        found["title"] = body[top[0] : top[1]].strip()
    dateline = find_dateline(body)
    if dateline is not None:
        found["place"] = dateline.place
        found["published"] = dateline.published
    return found


def _read_file(path: Path) -> Iterator[Document | ErrorRecord]:
    where = shown(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and path.suffix.lower() != ".jsonl":
            mib = MAX_DOCUMENT_BYTES // 2**20
            yield ErrorRecord(None, where, f"file larger than {mib} MiB ({size:,} bytes)")
            return
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
            raw_meta, body = _front_matter(text)
            meta = _meta_strings(raw_meta or {})
        except ValueError as exc:
            yield ErrorRecord(None, where, str(exc))
            return
        if suffix in (".md", ".markdown"):
            body = plain_markdown(body)
        if raw_meta is None:
            meta |= {k: v for k, v in _from_top(body).items() if v is not None}
    if not body.strip():
        yield ErrorRecord(meta.get("doc_id"), where, "empty document: no text to analyse")
        return
    yield Document(body, path=where, **meta)


def _read_jsonl(text: str, where: str) -> Iterator[Document | ErrorRecord]:
    # lines end at "\n" alone: U+2028 and other separators str.splitlines knows are inside strings
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        if len(line) > MAX_DOCUMENT_BYTES:
            yield ErrorRecord(None, loc, f"JSON line longer than {MAX_DOCUMENT_BYTES:,} characters")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"malformed JSON at line {lineno}, column {exc.colno}: {exc.msg}"
            yield ErrorRecord(None, loc, reason)
            continue
        except RecursionError:
            yield ErrorRecord(None, loc, f"JSON at line {lineno} is nested too deeply to read")
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
        try:
            meta = _meta_strings(obj)
        except ValueError as exc:
            yield ErrorRecord(doc_id, loc, str(exc))
            continue
        yield Document(body, path=loc, **meta)


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


def _unique(stem: str, used: set[str]) -> str:
    name, k = stem or "document", 1
    while (candidate := name if k == 1 else f"{name}-{k}") in used:
        k += 1
    return candidate


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | ErrorRecord]:
    """Documents from files and folders (recursively, in sorted order).

    Args:
        paths: Files (.txt, .md, .html, .jsonl) or folders holding them. In a folder, hidden files
            and the patterns listed in its ``.claimkitignore`` are skipped.

    Yields:
        A :class:`Document` per document, or an :class:`~claimkit.records.ErrorRecord` for each
        input that cannot be read (missing, binary, too large, malformed or too deeply nested,
        empty, unknown type). A document read from a .txt, .md or .html file has the file's stem
        as ``doc_id`` unless it gives one, with ``-2``, ``-3``, ... when a stem repeats; a
        .jsonl line without one gets the hash :func:`claimkit.analyze` gives. Paths are text any
        encoder accepts (see :func:`shown`).

    Examples:
        >>> [type(x).__name__ for x in read_inputs(["no-such-folder"])]
        ['ErrorRecord']
    """
    used: set[str] = set()

    def named(
        items: Iterator[Document | ErrorRecord], path: Path
    ) -> Iterator[Document | ErrorRecord]:
        for item in items:
            if isinstance(item, Document):
                if item.doc_id is None and path.suffix.lower() != ".jsonl":
                    item.doc_id = _unique(shown(path.stem), used)
                if item.doc_id is not None:
                    used.add(item.doc_id)
            yield item

    for p in paths:
        path = Path(p)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
            files = _folder_files(path) if is_dir else []
        except OSError as exc:  # a name too long, a folder that cannot be listed
            yield ErrorRecord(None, shown(path), f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            for f in files:
                yield from named(_read_file(f), f)
        elif is_file:
            if path.suffix.lower() not in SUFFIXES:
                yield ErrorRecord(
                    None,
                    shown(path),
                    f"unsupported file type {shown(path.suffix) or '(none)'}; "
                    f"expected one of {', '.join(SUFFIXES)}",
                )
                continue
            yield from named(_read_file(path), path)
        else:
            yield ErrorRecord(None, shown(path), "no such file or folder")
