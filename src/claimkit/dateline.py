"""The top of a plain-text article: its headline, its dateline, and where their sentences start.

A plain-text article often opens with a headline on its own line and a dateline before the lede
("DAYTON, Ohio (WKRX) — Three people ...", "March 3, 2016 — ..."). spaCy's parser reads a line
break as a space, so headline, dateline and lede would run into one sentence; :func:`sentence_starts`
gives the offsets where a sentence must start, which the pipeline marks before parsing.

Examples:
    >>> text = "Flood toll rises in Dayton\\nDAYTON, Ohio (WKRX) — Three people died, police said."
    >>> headline(text)
    (0, 26)
    >>> d = find_dateline(text)
    >>> d.place, d.agency, text[d.end:d.end + 5]
    ('DAYTON, Ohio', 'WKRX', 'Three')
    >>> [text[i:i + 6] for i in sentence_starts(text)]
    ['DAYTON', 'Three ']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimkit.vocab import vocab

__all__ = ["Dateline", "find_dateline", "headline", "sentence_starts"]

_MAX_HEADLINE_CHARS = 150
_MAX_HEADLINE_WORDS = 20
_WRAP_RATIO = 0.7
_BYLINE = re.compile(r"By\s+[A-Z]")
_TWO_SENTENCES = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")
# "U.S." ends a headline without ending a sentence
_INITIALS_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a line: ``text[start:end]`` is the dateline and its dash.

    Attributes:
        start: Offset of its first character.
        end: Offset of the lede's first character, after the dash.
        place: The place as written ("DAYTON, Ohio"), or ``None`` for a date alone.
        date: The date as written ("March 3, 2016"), or ``None``.
        agency: The agency or station in brackets ("Reuters"), or ``None``.
        published: The date as ISO ``YYYY-MM-DD`` when it names a year, else ``None``: a date
            without a year is never completed from the clock.
    """

    start: int
    end: int
    place: str | None
    date: str | None
    agency: str | None
    published: str | None


@functools.cache
def _weekdays() -> str:
    days = sorted((re.escape(str(d)) for d in vocab("cues")["weekdays"]), key=len, reverse=True)
    return "|".join(days)


@functools.cache
def _dateline_re() -> re.Pattern[str]:
    cues = vocab("cues")
    months = "|".join(sorted((re.escape(str(m)) for m in cues["months"]), key=len, reverse=True))
    days = _weekdays()
    month = rf"(?:{months})\.?"
    date = (
        rf"(?:(?:{days})\.?,?\s+)?"
        rf"(?:{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:,?\s+\d{{4}})?|{month},?\s+\d{{4}})"
    )
    caps = r"(?-i:[A-Z][A-Z'’.\-]*[A-Z.](?:\s+[A-Z][A-Z'’.\-]*[A-Z.])*)"
    region = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}"
    dash = r"(?:\s*[—–]\s*|\s+-{1,2}\s+|(?<=\))\s*-{1,2}\s*)"
    return re.compile(
        rf"(?:(?P<place>{caps})(?:,\s+(?P<date1>{date})|,\s+(?P<region>{region}))?"
        rf"(?:,\s+(?P<date2>{date}))?|(?P<date3>{date}))"
        rf"(?:\s*\((?P<agency>[^()\n]{{1,40}})\))?{dash}(?=\S)",
        re.I,
    )


def _lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """Non-blank lines as ``(start of text, end, blank line before)``; start skips indentation."""
    pos, blank = 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped), blank
            blank = False
        else:
            blank = True
        pos += len(raw) + 1


def _match_dateline(text: str, start: int) -> Dateline | None:
    m = _dateline_re().match(text, start)
    if m is None:
        return None
    place = m.group("place")
    if place is not None:
        # the place is written in capitals: "DAYTON", "SAN JUAN", not "The" or "Officials"
        if sum(c.isupper() for c in place) < 2 or not place.replace("’", "'").isupper():
            return None
        if m.group("region"):
            place = f"{place}, {m.group('region')}"
    date = m.group("date1") or m.group("date2") or m.group("date3")
    published = None
    if date is not None:
        from claimkit.extract.dates import parse_period

        found = parse_period(re.sub(rf"^(?:{_weekdays()})\.?,?\s+", "", date, flags=re.I))
        if found is not None and found[0] == found[1] and len(found[0]) == 10:
            published = found[0]
    return Dateline(start, m.end(), place, date, m.group("agency"), published)


def _title_case(line: str) -> bool:
    long = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line) if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _headline_line(text: str, start: int, end: int, next_line: tuple[int, bool] | None) -> bool:
    """True when ``text[start:end]`` reads as a headline: short, capitalised, one phrase, no final
    period, and followed by more text: after a blank line, before a dateline, in title case, or
    before a line much longer than itself."""
    line = text[start:end]
    words = line.split()
    if next_line is None or not 2 <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    if len(line) > _MAX_HEADLINE_CHARS or _BYLINE.match(line) or _TWO_SENTENCES.search(line):
        return False
    tail = line.rstrip("\"'”’»)")
    if tail.endswith((",", ";", ":")) or (tail.endswith(".") and not _INITIALS_END.search(tail)):
        return False
    first = next((c for c in line if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or _match_dateline(text, start) is not None:
        return False
    following, blank = next_line
    if blank or _match_dateline(text, following) is not None:
        return True
    if text[following : following + 1].islower():
        return False  # a hard-wrapped sentence goes on
    # a line much shorter than the next is no hard-wrapped paragraph (wrapped lines are alike)
    rest = text.find("\n", following)
    longer = (len(text) if rest < 0 else rest) - following >= len(line) / _WRAP_RATIO
    return longer or _title_case(line)


def headline(text: str) -> tuple[int, int] | None:
    """The span of the text's first line when it reads as a headline, else ``None``.

    Examples:
        >>> headline("Council approves new crossings\\n\\nThe council approved 40 crossings.")
        (0, 30)
        >>> headline("The council approved 40 crossings.\\nIt said so.") is None
        True
    """
    lines = _lines(text)
    first = next(lines, None)
    if first is None:
        return None
    following = next(lines, None)
    after = None if following is None else (following[0], following[2])
    return (first[0], first[1]) if _headline_line(text, first[0], first[1], after) else None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening the lede: on the first line, or the line after the headline (and a
    byline), else ``None``.

    Examples:
        >>> find_dateline("March 3, 2016 — The council met.").published
        '2016-03-03'
        >>> find_dateline("SAN JUAN, May 29 (Harbor Wire) - Ten died.").published is None
        True
    """
    top = headline(text)
    for k, (start, _end, _) in enumerate(_lines(text)):
        if k == 0 and top is not None:
            continue
        found = _match_dateline(text, start)
        if found is not None or not _BYLINE.match(text, start) or k > 2:
            return found
    return None


def sentence_starts(text: str) -> list[int]:
    """Offsets where a sentence must start: after a blank line, after a headline-like line, and at
    both ends of the dateline.

    Examples:
        >>> t = "Strike ends after 30 days\\nLONDON (Reuters) - Workers returned.\\n\\nThey cheered."
        >>> [t[i:i + 6] for i in sentence_starts(t)]
        ['LONDON', 'Worker', 'They c']
    """
    starts: set[int] = set()
    lines = list(_lines(text))
    for k, (start, end, blank) in enumerate(lines):
        if blank and k:
            starts.add(start)
        if (blank or k == 0) and k + 1 < len(lines):
            after = (lines[k + 1][0], lines[k + 1][2])
            if _headline_line(text, start, end, after):
                starts.add(after[0])
    dateline = find_dateline(text)
    if dateline is not None:
        starts.update((dateline.start, dateline.end))
    starts.discard(0)
    return sorted(starts)
