"""Dates in news text as ISO periods: "November 2019" -> ("2019-11", "2019-11").

Absolute expressions are read with small patterns; relative ones ("last month", "on Friday",
"this year") are resolved against the document's publication date, with dateparser.

Examples:
    >>> parse_period("the summer of 1988")
    ('1988-06', '1988-08')
    >>> parse_period("last month", published="2019-12-16")
    ('2019-11', '2019-11')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings

from claimkit.vocab import vocab

__all__ = ["date_phrases", "parse_period", "parse_published"]

_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12), "end": (10, 12)}
_YEAR = r"((?:1[5-9]|20)\d\d)"
_YEAR_AGO = re.compile(
    r"(?:(?:this|that) (?:day|date) last year|(?:exactly |just )?(?:a|one) year ago(?: today)?)"
)


@functools.cache
def _months() -> dict[str, int]:
    return {k: int(v) for k, v in vocab("cues")["months"].items()}


def _month(word: str) -> int | None:
    return _months().get(word.lower().rstrip("."))


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _absolute(text: str) -> tuple[str, str] | None:
    t = re.sub(r"^(?:the|in|on|during|since|by|from|of)\s+", "", text.strip(), flags=re.I).strip()
    t = t.replace("–", "-")
    low = t.lower()
    # ranges: "September 2017 to February 2018", "from September to December 2017"
    m = re.match(r"(?:from\s+|between\s+)?(.+?)\s+(?:to|through|until|and|-)\s+(.+)$", t, re.I)
    if m:
        a, b = _absolute(m.group(1)), _absolute(m.group(2))
        if b and not a and _month(m.group(1).split()[-1]):
            year = b[0][:4]
            mo = _month(m.group(1).split()[-1])
            a = (_ym(int(year), mo or 1),) * 2
        if a and b:
            return a[0], b[1]
    if m := re.fullmatch(_YEAR, t):
        return m.group(1), m.group(1)
    if m := re.fullmatch(r"(?:the\s+)?" + _YEAR[:-1] + r")s", low):
        y = int(m.group(1))
        return str(y), str(y + 9)
    if m := re.fullmatch(r"(\w+)\.?,?\s+" + _YEAR, t):
        mo = _month(m.group(1))
        if mo:
            return (_ym(int(m.group(2)), mo),) * 2
    if m := re.fullmatch(r"(\d{1,2})\s+(\w+)\.?,?\s+" + _YEAR, t):
        mo = _month(m.group(2))
        if mo:
            d = f"{int(m.group(3)):04d}-{mo:02d}-{int(m.group(1)):02d}"
            return d, d
    if m := re.fullmatch(r"(\w+)\.?\s+(\d{1,2}),?\s+" + _YEAR, t):
        mo = _month(m.group(1))
        if mo:
            d = f"{int(m.group(3)):04d}-{mo:02d}-{int(m.group(2)):02d}"
            return d, d
    if m := re.fullmatch(
        r"(?:the\s+)?(spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR, low
    ):
        first, last = _SEASONS[m.group(1)]
        y = int(m.group(2))
        return _ym(y, first), _ym(y + 1 if last < first else y, last)
    if m := re.fullmatch(r"(early|mid|middle|late|end)[\s-]+(?:of\s+)?" + _YEAR, low):
        first, last = _PARTS[m.group(1)]
        y = int(m.group(2))
        return _ym(y, first), _ym(y, last)
    if m := re.fullmatch(r"(early|mid|late)[\s-]+(\w+)\s+" + _YEAR, low):
        mo = _month(m.group(2))
        if mo:
            return (_ym(int(m.group(3)), mo),) * 2
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t):
        return (t, t)
    return None


def _relative(text: str, published: dt.date) -> tuple[str, str] | None:
    low = text.lower().strip()
    low = re.sub(r"^(?:on|in|during|since|the)\s+", "", low)
    y, m = published.year, published.month
    bare = re.fullmatch(r"(?:(last|this|next)\s+)?([a-z]+)\.?", low)
    if bare and (month := _month(bare.group(2))):
        # "in November" is the last November up to publication; "last November" the one before
        year = y if month <= m else y - 1
        if bare.group(1) == "last" and month >= m:
            year = y - 1
        return (_ym(year, month),) * 2
    if low in ("this year", "the year", "so far this year", "earlier this year", "later this year"):
        return str(y), str(y)
    if low == "last year":
        return str(y - 1), str(y - 1)
    if _YEAR_AGO.fullmatch(low):
        # "on this day last year", "a year ago today": the same day, one year before publication
        leap = (published.month, published.day) == (2, 29)
        ago = published.replace(year=y - 1, day=28 if leap else published.day)
        return ago.isoformat(), ago.isoformat()
    if low in ("this month", "earlier this month"):
        return (_ym(y, m),) * 2
    if low == "last month":
        py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
        return (_ym(py, pm),) * 2
    if low in ("today", "yesterday", "last week", "this week") or re.fullmatch(
        r"(?:last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", low
    ):
        if low == "today":
            d = published
        elif low == "yesterday":
            d = published - dt.timedelta(days=1)
        elif low in ("last week", "this week"):
            start = published - dt.timedelta(
                days=published.weekday() + (7 if low == "last week" else 0)
            )
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
        else:
            day = low.split()[-1]
            target = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ].index(day)
            back = (published.weekday() - target) % 7 or 7
            d = published - dt.timedelta(days=back)
        return d.isoformat(), d.isoformat()
    # dateparser reads calendar dates without a year ("20 September", "Friday, 15 November");
    # durations and vague spans ("six months after", "the past year") are no dates
    if not re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d", low):
        return None
    if re.search(r"\b(?:after|before|since|ago|later|earlier|past|next|within)\b", low):
        return None
    return _dateparser(text, published)


def _dateparser(text: str, published: dt.date) -> tuple[str, str] | None:
    import dateparser

    base = dt.datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
        )
    if parsed is None:
        return None
    d = parsed.date().isoformat()
    return d, d


def parse_period(text: str, published: str | None = None) -> tuple[str, str] | None:
    """Read a date expression as an ISO ``(start, end)`` pair.

    Args:
        text: A date expression ("November 2019", "early 2019", "last month").
        published: ISO publication date, for relative expressions.

    Returns:
        ``(start, end)``, or ``None`` when ``text`` is not a date this function understands.

    Examples:
        >>> parse_period("early 2019")
        ('2019-01', '2019-04')
    """
    if not text or len(text) > 80:
        return None
    found = _absolute(text)
    if found is not None:
        return found
    if published is None or re.search(r"\d+\s+(?:years?|months?|weeks?|days?|hours?)\b", text):
        return None
    if re.fullmatch(
        r"(?:several|many|few|a few|the past|the last|recent)\b.*", text.strip().lower()
    ):
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    return _relative(text, pub)


_BASES = (dt.datetime(2001, 3, 14), dt.datetime(2012, 10, 21))
"""Two unrelated days: a date text read the same against both does not depend on the clock."""


def _month_precision(a: dt.datetime, b: dt.datetime) -> bool:
    """A month without a day, read as its first day against one base and its last against the other."""
    last = (b.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return (a.year, a.month, a.day) == (b.year, b.month, 1) and b.day == last.day


def parse_published(value: object) -> str | None:
    """Normalise a publication date given as text, ``date`` or ``datetime`` to ISO ``YYYY-MM-DD``.

    A year ("2019") or a month ("2019-12", "December 2019") stays as precise as it was given. The
    date is never completed from the clock: a text that reads differently on different days
    ("yesterday", "last Tuesday", "March 3" without a year) is rejected.

    Raises:
        ValueError: If ``value`` cannot be read as a calendar date, is relative to the day it is
            read, or is a missing timestamp (``NaT``).

    Examples:
        >>> parse_published("16 December 2019")
        '2019-12-16'
        >>> parse_published("December 2019")
        '2019-12'
        >>> parse_published("yesterday")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: 'yesterday' is not a calendar date: it is relative or lacks the year, ...
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and value != value:  # pandas.NaT is not equal to itself
        raise ValueError("published is NaT (a missing timestamp); give None when there is no date")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"published must be a date or a string, not {type(value).__name__}")
    s = value.strip()
    if m := re.fullmatch(r"(\d{4})(?:-(\d{2}))?", s):
        if m.group(2) is not None and not 1 <= int(m.group(2)) <= 12:
            raise ValueError(f"{value!r} has no month {int(m.group(2))}")
        return s  # a year or month stays as precise as it was given ("2019", "2019-12")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dt.date.fromisoformat(s).isoformat()
    if len(s) > 100:
        raise ValueError(f"cannot read {s[:40]!r}... as a date (longer than 100 characters)")
    import dateparser

    read = []
    for base, day in zip(_BASES, ("first", "last"), strict=True):
        settings = {"STRICT_PARSING": False, "RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": day}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                read.append(dateparser.parse(s, languages=["en"], settings=settings))
            except (OverflowError, ValueError):  # "99999999999 BC": too far out for a date
                read.append(None)
    a, b = read
    if a is None or b is None:
        raise ValueError(f"cannot read {value!r} as a date")
    if a.date() == b.date():
        return a.date().isoformat()
    if _month_precision(a, b):
        return f"{a.year:04d}-{a.month:02d}"
    raise ValueError(
        f"{value!r} is not a calendar date: it is relative or lacks the year, so it would depend on "
        "the day it is read; give the date the document was published, e.g. 2019-12-16"
    )


def date_phrases(sent: object) -> list[tuple[int, int, str]]:
    """DATE entities of a spaCy sentence, with "from A to B" / "between A and B" joined.

    Returns:
        ``(first token index, last token index + 1, text)`` for each phrase.

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("She was mayor from 2014 to 2018.")
        >>> [p[2] for p in date_phrases(next(doc.sents))]
        ['from 2014 to 2018']
    """
    ents = [e for e in sent.ents if e.label_ == "DATE"]  # type: ignore[attr-defined]
    doc = sent.doc  # type: ignore[attr-defined]
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(ents):
        start, end = ents[k].start, ents[k].end
        while (
            k + 1 < len(ents)
            and ents[k + 1].start - end == 1
            and doc[end].lower_ in ("to", "until", "through", "and", "-", "–", "till")
        ):
            k += 1
            end = ents[k].end
        if start > 0 and doc[start - 1].lower_ in ("from", "between") and end > ents[k].start:
            start -= 1
        out.append((start, end, doc[start:end].text))
        k += 1
    # the tagger leaves "Today ..." at the start of a sentence untagged at times
    low = sent.text.lower()  # type: ignore[attr-defined]
    if "today" in low or "yesterday" in low:
        covered = {i for start, end, _ in out for i in range(start, end)}
        for t in sent:  # type: ignore[attr-defined]
            if t.lower_ in ("today", "yesterday") and t.i not in covered:
                out.append((t.i, t.i + 1, t.text))
    out.sort()
    return out
