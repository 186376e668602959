"""Page boilerplate in scraped text: teaser lists, "Latest news", breadcrumbs, share and subscribe lines.

Scraped articles often carry the page around them: a breadcrumb or a truncated headline before the
title, and after the body lists of teasers under "Latest news", "Must read" or "You might also
like", each a headline followed by the first words of an article and an ellipsis. Figures, roles,
events and people found there belong to other articles. :func:`find_boilerplate` returns the
character ranges of such text; the pipeline components leave them out (a bylined author is kept).

Everything works line by line, in one pass over the text, so it stays linear on any input.

Examples:
    >>> text = "Body text here.\\n\\nLatest news\\n\\nSome Headline Here\\n\\nTeaser text goes...\\n"
    >>> [text[a:b].split("\\n")[0] for a, b in find_boilerplate(text)]
    ['Latest news']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimkit.extract.entities import headline_lines
from claimkit.text import line_spans

__all__ = ["find_boilerplate"]

_SECTION = re.compile(
    r"^(?:latest(?:\s+(?:news|stories|updates|articles|posts|headlines))?|must\s+read|"
    r"recommended(?:\s+(?:to|for)\s+you|\s+(?:stories|articles|reading))?|"
    r"you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)|related(?:\s+(?:articles|stories|news|content|posts|topics|coverage))?|"
    r"read\s+(?:more|next|also)|also\s+read|more\s+(?:news|stories|articles|on\s+this\s+story)|"
    r"most\s+(?:read|popular|viewed|shared|commented)|popular(?:\s+(?:posts|stories|now|articles))?|"
    r"trending(?:\s+(?:now|stories|news))?|top\s+stories|editor[’']?s\s+(?:picks|choice)|see\s+also|"
    r"comments?|leave\s+a\s+(?:reply|comment)|about\s+the\s+author|advertisement|sponsored(?:\s+content)?|"
    r"in\s+other\s+news|don[’']t\s+miss|more\s+from(?:\s+[^\W\d][\w’'&-]*){1,4})"
    # punctuation and a glued capitalised label may follow: "You might also likeRELATED", "Latest »"
    r"[^\w.!?]{0,5}(?-i:[A-Z]{2,}(?:\s+[A-Z]{2,})*)?[^\w.!?]{0,5}$",
    re.I,
)
_LINE = re.compile(
    r"^(?:share\b|subscribe\b|sign\s+up\b|follow\s+us\b|tags?\s*:|topics?\s*:|filed\s+under\b|"
    r"click\s+here\b|print\s+this\b|email\s+this\b|copy\s+link\b)",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|all rights reserved", re.I)
_BREADCRUMB = re.compile(
    r"^(?:you\s+are\s+here\b|home\s*[>›»/|])|(?:\s[>›»|]\s[^>›»|]*){2,}$", re.I
)
_TEASER = re.compile(r"(?:\.\.\.|…)\s*$")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_DIGIT = re.compile(r"\d")
_LEAD_LINES = 20
"""How many lines at the start of a text may hold a leading breadcrumb or teaser run."""


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped
    headline: bool
    teaser: bool
    section: bool  # a section heading: "Latest news", "Must read"
    marker: bool  # a share, subscribe, tags or copyright line
    crumb: bool  # a breadcrumb: "Home > World > Middle East"

    @property
    def furniture(self) -> bool:
        """A headline, teaser, heading, marker or breadcrumb: not a line of prose."""
        return self.headline or self.teaser or self.section or self.marker or self.crumb

    @property
    def noisy(self) -> bool:
        """Page furniture, or too short to tell from it."""
        return self.furniture or len(self.text.split()) <= 3


def _is_marker(s: str) -> bool:
    words = len(s.split())
    if _COPYRIGHT.search(s):
        return words <= 20
    return bool(_LINE.match(s)) and words <= 15 and not _DIGIT.search(s)


def _lines(text: str) -> list[_Line]:
    """The non-empty lines of ``text`` with what they look like."""
    heads = {a for a, _ in headline_lines(text)}
    out: list[_Line] = []
    for start, end, s in line_spans(text):
        out.append(
            _Line(
                start=start,
                end=end,
                text=s,
                headline=start in heads,
                teaser=bool(_TEASER.search(s)),
                section=len(s) <= 80 and bool(_SECTION.match(s)),
                marker=_is_marker(s),
                crumb=len(s) <= 200 and bool(_BREADCRUMB.search(s)) and not _SENTENCE_END.search(s),
            )
        )
    return out


def _tail(lines: list[_Line]) -> int | None:
    """Index of the line the boilerplate tail starts at, if there is one.

    Only lines after the first line of prose can start it. A section heading starts the tail when
    at least 60% of the lines after it are noisy; failing that, a closing run of noisy lines
    holding at least two teasers is the tail.
    """
    n = len(lines)
    body = next((i for i, ln in enumerate(lines) if not ln.furniture), None)
    if body is None:
        return None  # no prose at all: nothing to tell the page from the article by
    noisy_after = [0] * (n + 1)
    for i in range(n - 1, body, -1):
        noisy_after[i] = noisy_after[i + 1] + lines[i].noisy
    for i in range(body + 1, n):
        if lines[i].section and noisy_after[i + 1] >= 0.6 * (n - i - 1):
            return i
    i = n
    while i > body + 1 and lines[i - 1].noisy:
        i -= 1
    run = lines[i:]
    teasers = sum(ln.teaser for ln in run)
    if teasers >= 2 and len(run) >= 4 and any(ln.headline for ln in run):
        return i
    return None


def _leading(lines: list[_Line]) -> list[int]:
    """Indexes of the breadcrumb and teaser lines before an article's title and body.

    The leading run is the first lines that are headlines, teasers, section headings, markers,
    breadcrumbs or very short, up to the first line of prose. In it, breadcrumbs, markers, section
    headings and headline-like truncated teasers ("News on ...Second Anniversary of ...: The Time
    Is...") are boilerplate; a headline followed by a teaser is too when the run has a section
    heading or at least two such pairs. The title and a byline or date line stay.
    """
    run: list[int] = []
    for i, line in enumerate(lines[:_LEAD_LINES]):
        if not line.noisy:
            break
        run.append(i)
    else:
        return []  # no prose after the run: nothing to tell the page from the article by
    pairs = [
        i
        for i in run[:-1]
        if lines[i].headline and not lines[i].teaser and lines[i + 1].teaser and i + 1 in run
    ]
    has_section = any(lines[i].section for i in run)
    out: set[int] = set()
    for i in run:
        line = lines[i]
        if line.crumb or line.marker or line.section or (line.teaser and line.headline):
            out.add(i)
    if has_section or len(pairs) >= 2:
        for i in pairs:
            out.update((i, i + 1))
    return sorted(out)


def _merge(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sort ranges and join those separated by whitespace only."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and (a <= out[-1][1] or not text[out[-1][1] : a].strip()):
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character ranges of page boilerplate in ``text``.

    - The tail from the first section heading ("Latest news", "Must read", "You might also like",
      ...) after which most lines are headlines, teasers, headings or very short; or, without a
      heading, a closing run of such lines with at least two teasers ending in an ellipsis.
    - Breadcrumbs, headings and truncated teaser headlines before the article's title.
    - Share, subscribe, follow, tags and copyright lines wherever they are.

    Args:
        text: Article text as scraped.

    Returns:
        Sorted, non-overlapping ``(start, end)`` ranges; a tail runs to ``len(text)``.

    Examples:
        >>> find_boilerplate("Just prose. Nothing else.")
        []
        >>> text = "Ten people died.\\nShare this article\\nMore prose here, said officials."
        >>> [text[a:b] for a, b in find_boilerplate(text)]
        ['Share this article']
    """
    lines = _lines(text)
    if not lines:
        return []
    tail = _tail(lines)
    body = lines if tail is None else lines[:tail]
    ranges = [(lines[i].start, lines[i].end) for i in _leading(body)]
    ranges += [(ln.start, ln.end) for ln in body if ln.marker]
    if tail is not None:
        ranges.append((lines[tail].start, len(text)))
    return _merge(ranges, text)
