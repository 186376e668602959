"""Main text and metadata from an HTML page, without executing or fetching anything.

:func:`html_to_text` asks trafilatura for the article's main text and its metadata (title,
publication date, site name, address). When trafilatura is not installed, fails, or finds no main
text (a very short page, say), the small standard-library extractor :func:`stdlib_html_to_text`
reads the page instead: it drops scripts, styles, navigation, headers, footers, asides and forms and
keeps the rest. Paragraphs come out separated by blank lines, so sentences and the line-based
boilerplate detection see them as paragraphs.

Examples:
    >>> text, meta = html_to_text("<html><head><title>T</title></head><body><p>Ten died.</p>"
    ...                           "<script>alert(1)</script></body></html>")
    >>> text.strip(), meta["title"]
    ('Ten died.', 'T')
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from claimkit.extract.dates import parse_published

__all__ = ["HtmlMeta", "html_to_text", "stdlib_html_to_text", "trafilatura_extract"]

HtmlMeta = dict[str, str | None]
"""Metadata read from a page: ``doc_id`` (always ``None``), ``title``, ``published``, ``source``, ``url``."""

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "iframe",
    "object",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "figcaption",
    "dd",
    "dt",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skip += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <meta .../>, <br/>: a self-closing skipped tag must not open a skipped region
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def _tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines; paragraphs end up separated by one blank line."""
    text = re.sub(r"[ \t\u00a0\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{2,}", "\n\n", text).strip()
    return text + "\n" if text else ""


def _date(value: str | None) -> str | None:
    """``value`` as an ISO date, or ``None`` when it cannot be read (page metadata is often junk)."""
    try:
        return parse_published(value.strip()[:64]) if value and value.strip() else None
    except (ValueError, OverflowError):
        return None


def stdlib_html_to_text(html: str) -> tuple[str, HtmlMeta]:
    """Readable text and metadata of a page, with the standard library's HTML parser only.

    Args:
        html: The page's markup. Scripts, styles, navigation, headers, footers, asides and forms
            are dropped; nothing is run or fetched.

    Returns:
        ``(text, metadata)``; paragraphs are separated by blank lines.

    Examples:
        >>> stdlib_html_to_text('<meta property="og:site_name" content="Harbor Wire"><p>x</p>')[1]["source"]
        'Harbor Wire'
    """
    parser = _Extractor()
    parser.feed(_CONTROL.sub(" ", html))
    parser.close()
    m = parser.meta
    meta: HtmlMeta = {
        "doc_id": None,
        "title": (m.get("og:title") or " ".join(parser.title.split()) or None),
        "published": _date(
            m.get("article:published_time") or m.get("datepublished") or m.get("date")
        ),
        "source": m.get("og:site_name") or None,
        "url": m.get("og:url") or m.get("canonical") or None,
    }
    return _tidy("".join(parser.parts)), meta


def trafilatura_extract(html: str) -> tuple[str, HtmlMeta] | None:
    """Main text and metadata of a page as trafilatura reads them, or ``None`` if it finds none.

    Comments are left out, tables kept; trafilatura's one-line paragraphs are separated by blank
    lines. Returns ``None`` when trafilatura is not installed or fails on the page.

    Examples:
        >>> trafilatura_extract("<p>Too short.</p>") is None
        True
    """
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return None
    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:  # quiet its warnings about broken pages, unless configured
        logger.setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            _CONTROL.sub(" ", html),
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura and lxml raise many kinds of errors on broken pages
        return None
    if doc is None or isinstance(doc, dict):
        return None
    text = _tidy(re.sub(r"\n", "\n\n", doc.text or ""))
    if not text.strip():
        return None
    meta: HtmlMeta = {
        "doc_id": None,
        "title": doc.title or None,
        "published": _date(doc.date),
        "source": doc.sitename or None,
        "url": doc.url or None,
    }
    return text, meta


def html_to_text(html: str) -> tuple[str, HtmlMeta]:
    """Main text and metadata (title, published, source, url) of an HTML page.

    trafilatura reads the page first; the standard-library extractor takes over when it finds no
    main text, and fills in any metadata trafilatura left empty. Nothing in the page is run or
    fetched, and metadata dates that cannot be read are dropped rather than failing the document.

    Args:
        html: The page's markup.

    Returns:
        ``(text, metadata)``; paragraphs are separated by blank lines, and the text is empty when
        the page holds none.

    Examples:
        >>> page = ('<html><head><meta property="og:site_name" content="Harbor Wire"></head>'
        ...         '<body><p>Ten died.</p></body></html>')
        >>> html_to_text(page)
        ('Ten died.\\n', {'doc_id': None, 'title': None, 'published': None, 'source': 'Harbor Wire', 'url': None})
    """
    fallback_text, meta = stdlib_html_to_text(html)
    found = trafilatura_extract(html)
    if found is None:
        return fallback_text, meta
    text, main_meta = found
    merged: HtmlMeta = {k: main_meta.get(k) or v for k, v in meta.items()}
    return text, merged
