"""Page boilerplate in scraped text: teaser lists, "Latest news", share and subscribe lines.

Example:
    >>> text = "Body text here.\\n\\nLatest news\\n\\nSome Headline Here\\n\\nTeaser text goes...\\n"
    >>> [text[a:b].split("\\n")[0] for a, b in find_boilerplate(text)]
    ['Latest news']
"""

from __future__ import annotations

import re

from claimkit.extract.entities import headline_lines

__all__ = ["find_boilerplate"]

_MARKERS = re.compile(
    r"^\s*(?:latest news|latest|must read|recommended(?: to you| for you)?|you might also like|you may also like|"
    r"related(?: articles| stories| news)?|read more|more news|more stories|most read|most popular|popular posts|"
    r"trending|see also|share(?: this)?(?: article| story)?|subscribe.*|sign up.*|follow us.*|tags?:.*|advertisement|"
    r"comments?|leave a (?:reply|comment)|about the author)\b.*$",
    re.I,
)


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character ranges of page boilerplate in ``text``.

    The tail from the first marker line ("Latest news", "Must read", "You might also like", ...) is
    boilerplate when most of the lines after it are headlines, teasers or further markers. Share and
    subscribe lines are boilerplate wherever they are.

    Args:
        text: Article text as scraped.

    Returns:
        Sorted, non-overlapping ``(start, end)`` ranges.

    Example:
        >>> find_boilerplate("Just prose. Nothing else.")
        []
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    heads = headline_lines(text)
    head_starts = {a for a, _ in heads}
    out: list[tuple[int, int]] = []
    for idx, (start, end, line) in enumerate(lines):
        if not line.strip() or not _MARKERS.match(line.strip()) or len(line.strip()) > 80:
            continue
        rest = [ln for ln in lines[idx + 1 :] if ln[2].strip()]
        if not rest:
            out.append((start, len(text)))
            break
        noisy = sum(
            1
            for a, _, ln in rest
            if a in head_starts or _MARKERS.match(ln.strip()) or len(ln.split()) <= 3
        )
        if noisy >= 0.6 * len(rest):
            out.append((start, len(text)))
            break
        if re.match(r"^\s*(?:share|subscribe|sign up|follow us)", line, re.I):
            out.append((start, end))
    return out
