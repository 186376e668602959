"""Main text and metadata from an HTML page, without executing or fetching anything.

Example:
    >>> text, meta = html_to_text("<html><head><title>T</title></head><body><p>Ten died.</p>"
    ...                           "<script>alert(1)</script></body></html>")
    >>> text.strip(), meta["title"]
    ('Ten died.', 'T')
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

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
}


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
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta["canonical"] = a["href"]
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Readable text and metadata (title, published, source, url) of an HTML page.

    Args:
        html: The page's markup. Scripts, styles, navigation and forms are dropped; nothing is run
            or fetched.

    Returns:
        ``(text, metadata)``; paragraphs are separated by blank lines.

    Example:
        >>> html_to_text('<meta property="og:site_name" content="Harbor Wire"><p>x</p>')[1]["source"]
        'Harbor Wire'
    """
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    m = parser.meta
    meta: dict[str, str | None] = {
        "doc_id": None,
        "title": (m.get("og:title") or parser.title.strip() or None),
        "published": m.get("article:published_time")
        or m.get("datepublished")
        or m.get("date")
        or None,
        "source": m.get("og:site_name") or None,
        "url": m.get("og:url") or m.get("canonical") or None,
    }
    return text, meta
