"""Claims inside a cluster: intervals, claimants, conflicts and revisions.

Every figure claims an interval of values. Two claims *conflict* when their intervals are disjoint
and they come from different claimants; a claimant that changes its own figure over time makes
*revisions*, never a conflict with itself.

| qualifier | interval |
| --- | --- |
| ``exact`` | ``[v, v]`` |
| ``approx`` | ``[low, high]`` as in the record (a 10% band; *almost*, *nearly*: ``[0.9v, v]``) |
| ``at_least`` | ``[v, ∞)`` |
| ``more_than`` | ``(v, ∞)`` |
| ``at_most`` | ``[0, v]`` |
| ``less_than`` | ``[0, v)`` |
| ``range`` | ``[low, high]`` |

Examples:
    >>> a = interval_of("at_least", 304.0, 304.0, None)
    >>> b = interval_of("approx", 1500.0, 1350.0, 1650.0)
    >>> a, a.disjoint(b), interval_of("exact", 230.0, 230.0, 230.0).disjoint(b)
    (Interval(low=304.0, high=inf, low_open=False, high_open=True), False, True)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from claimkit.ids import figure_id, fold

__all__ = [
    "Interval",
    "claimant_key",
    "claimants",
    "conflicts",
    "interval_of",
    "revisions",
    "score_clusters",
]

_INF = math.inf


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ORG_WORDS = _words(
    "university international institute foundation group agency news organization organisation "
    "inc ltd corp corporation center centre college school network association"
)


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of values a claim allows: ``low``..``high`` with open or closed ends.

    Attributes:
        low: Lower end (``0`` when the claim only caps the value).
        high: Upper end (``math.inf`` when the claim is open-ended).
        low_open: The lower end itself is excluded ("more than 2,000").
        high_open: The upper end itself is excluded ("fewer than 50", or unbounded).

    Examples:
        >>> Interval(2000.0, math.inf, low_open=True, high_open=True).label()
        '(2,000, ∞)'
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def below(self, other: Interval) -> bool:
        """True when every value of ``self`` is smaller than every value of ``other``.

        Examples:
            >>> Interval(64.0, 64.0).below(Interval(793.0, 8498.0))
            True
        """
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def disjoint(self, other: Interval) -> bool:
        """True when no value satisfies both claims.

        Examples:
            >>> Interval(2000.0, math.inf, True, True).disjoint(Interval(2000.0, 2000.0))
            True
        """
        return self.below(other) or other.below(self)

    def label(self) -> str:
        """The interval in mathematical notation.

        Examples:
            >>> Interval(304.0, math.inf, high_open=True).label()
            '[304, ∞)'
        """

        def num(x: float) -> str:
            return "∞" if math.isinf(x) else f"{x:,.6g}" if x < 1e6 else f"{x:,.0f}"

        return (
            ("(" if self.low_open else "[")
            + f"{num(self.low)}, {num(self.high)}"
            + (")" if self.high_open else "]")
        )


def _num(x: object) -> float | None:
    f = float(x) if isinstance(x, int | float) else math.nan
    return None if math.isnan(f) else f


def interval_of(qualifier: str | None, value: object, low: object, high: object) -> Interval | None:
    """The interval a figure claims, from its qualifier and numbers.

    Args:
        qualifier: One of ``exact``, ``approx``, ``at_least``, ``more_than``, ``at_most``,
            ``less_than``, ``range`` (anything else: ``[low, high]`` with missing ends unbounded).
        value: The stated number (``None`` for a range).
        low: The record's lower end (``None``: unbounded).
        high: The record's upper end (``None``: unbounded).

    Returns:
        The :class:`Interval`, or ``None`` when the figure states no number at all.

    Examples:
        >>> interval_of("less_than", 50.0, None, 50.0)
        Interval(low=0.0, high=50.0, low_open=False, high_open=True)
    """
    v, lo, hi = _num(value), _num(low), _num(high)
    if v is None and lo is None and hi is None:
        return None
    first = next(x for x in (v, lo, hi) if x is not None)
    if qualifier == "exact":
        return Interval(first, first)
    if qualifier in ("at_least", "more_than"):
        start = v if v is not None else lo if lo is not None else first
        return Interval(start, _INF, low_open=qualifier == "more_than", high_open=True)
    if qualifier in ("at_most", "less_than"):
        end = v if v is not None else hi if hi is not None else first
        return Interval(0.0, end, high_open=qualifier == "less_than")
    if qualifier == "approx" and (lo is None or hi is None) and v is not None:
        return Interval(0.9 * v, 1.1 * v)
    return Interval(
        lo if lo is not None else 0.0, hi if hi is not None else _INF, False, hi is None
    )


def conflicts(claims: Sequence[tuple[Hashable, Interval | None]]) -> list[list[Hashable]]:
    """For each claim, the other claimants whose claims are disjoint from it.

    Claims of one claimant never conflict with each other. Per claimant only its lowest upper end
    and its highest lower end matter, so this runs in time linear in claims times claimants.

    Args:
        claims: ``(claimant, interval)`` pairs of one cluster; a ``None`` interval conflicts with
            nothing.

    Returns:
        One list per claim, in claimant order of first appearance (empty: no conflict).

    Examples:
        >>> c = conflicts([("amnesty", Interval(304.0, math.inf, False, True)),
        ...                ("mp", Interval(230.0, 230.0)), ("amnesty", Interval(208.0, math.inf))])
        >>> c
        [['mp'], ['amnesty'], []]
    """
    lowest_high: dict[Hashable, Interval] = {}
    highest_low: dict[Hashable, Interval] = {}
    for who, iv in claims:
        if iv is None:
            continue
        best = lowest_high.get(who)
        if best is None or (iv.high, not iv.high_open) < (best.high, not best.high_open):
            lowest_high[who] = iv
        best = highest_low.get(who)
        if best is None or (iv.low, iv.low_open) > (best.low, best.low_open):
            highest_low[who] = iv
    out: list[list[Hashable]] = []
    for who, iv in claims:
        found: list[Hashable] = []
        if iv is not None:
            for other in lowest_high:
                if other != who and (lowest_high[other].below(iv) or iv.below(highest_low[other])):
                    found.append(other)
        out.append(found)
    return out


def revisions(
    claims: Sequence[tuple[Hashable, str | None, Interval | None, float | None]],
) -> list[tuple[int, int | None]]:
    """Number each claimant's successive figures in order of publication.

    Per claimant, claims are read in order of publication. A claim whose interval (ends included)
    holds the number of an earlier claim (published before it) restates that claim and shares its revision ("4,645"
    after "an estimated 4,645", "at least 304" again a year later); claims first published on one
    date share a revision; any other claim opens the next revision. Undated claims come last.

    Args:
        claims: ``(claimant, published ISO date or None, interval, number)`` per claim, in reading
            order; the number is the stated value, or the middle of a range.

    Returns:
        ``(revision, revises)`` per claim: ``revises`` is the index of the first claim of the
        claimant's previous revision, ``None`` for revision 1.

    Examples:
        >>> iv = lambda v: Interval(v, math.inf, high_open=True)
        >>> revisions([("a", "2019-11-20", iv(106), 106), ("a", "2019-12-16", iv(304), 304),
        ...            ("a", "2020-06-04", iv(304), 304), ("b", "2019-12-01", iv(1500), 1500)])
        [(1, None), (2, 0), (2, 0), (1, None)]
    """
    out: list[tuple[int, int | None]] = [(1, None)] * len(claims)
    by_who: dict[Hashable, list[int]] = {}
    for i, claim in enumerate(claims):
        by_who.setdefault(claim[0], []).append(i)
    for idx in by_who.values():
        idx.sort(key=lambda i: (claims[i][1] or "~", i))  # "~" sorts after every ISO date
        firsts: list[int] = []
        dates: list[str] = []
        rev_of: dict[int, int] = {}
        for i in idx:
            _, published, iv, _ = claims[i]
            when = published or "~"
            same = [
                rev_of[j]
                for j in rev_of
                if (claims[j][1] or "~") < when
                and iv is not None
                and claims[j][3] is not None
                and iv.low <= float(claims[j][3]) <= iv.high  # type: ignore[arg-type]
            ]
            if same:
                rev = max(same)
            elif dates and dates[-1] == when:
                rev = len(dates)
            else:
                firsts.append(i)
                dates.append(when)
                rev = len(dates)
            rev_of[i] = rev
            out[i] = (rev, firsts[rev - 2] if rev > 1 else None)
    return out


def claimant_key(attribution: str | None, source: str | None = None) -> str:
    """The claimant a figure is compared by: its attribution, else the outlet that printed it.

    Case and accents are folded, a leading *the*, a possessive *'s* and punctuation are dropped.

    Examples:
        >>> claimant_key("the Interior Ministry’s"), claimant_key(None, "Harbor Wire")
        ('interior ministry', 'harbor wire')
    """
    text = fold((attribution or source or "unknown").replace("’", "'"))
    text = re.sub(r"'s\b", "", text)
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words) or "unknown"


def _same_name(a: str, b: str) -> bool:
    """Spelling variants of one proper name ("mojtaba zolnour", "mojtaba zonnour")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[0] != wb[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def claimants(pairs: Sequence[tuple[str | None, str | None]]) -> list[tuple[str, str]]:
    """Claimant keys and display names for ``(attribution, source)`` pairs, variants merged.

    A key that is another key less generic organisation words ("harvard" and "harvard
    university") and capitalised names that differ by a letter or two ("Mojtaba Zolnour", "Mojtaba
    Zonnour") are one claimant. Its display name is its most frequent spelling.

    Examples:
        >>> claimants([("Harvard", "A"), ("Harvard University", "B"), (None, "Harbor Wire")])
        [('harvard university', 'Harvard University'), ('harvard university', 'Harvard University'), ('harbor wire', 'Harbor Wire')]
    """
    raw = [(claimant_key(a, s), (a or s or "unknown").strip()) for a, s in pairs]
    proper = {k for k, name in raw if name[:1].isupper()}
    counts = Counter(k for k, _ in raw)
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    canon: dict[str, str] = {}
    for k in keys:
        target = k
        for other in keys:
            if other == k:
                continue
            longer = other.startswith(k + " ") and set(other[len(k) + 1 :].split()) <= _ORG_WORDS
            variant = k in proper and other in proper and _same_name(k, other)
            if longer or (variant and keys.index(other) < keys.index(k)):
                target = other
                break
        canon[k] = target
    for k in canon:
        while canon[canon[k]] != canon[k]:
            canon[k] = canon[canon[k]]
    spellings: dict[str, Counter[str]] = {}
    for k, name in raw:
        spellings.setdefault(canon[k], Counter())[name] += 1
    display = {
        k: max(c, key=lambda n: (c[n], n[:1].isupper(), len(n))) for k, c in spellings.items()
    }
    return [(canon[k], display[canon[k]]) for k, _ in raw]


def _point(r: dict[str, Any]) -> float | None:
    """The number a claim states: its value, or the middle of its range."""
    if r["value"] is not None:
        return float(r["value"])
    if r["low"] is not None and r["high"] is not None:
        return (float(r["low"]) + float(r["high"])) / 2
    return None


def score_clusters(rows: list[dict[str, Any]]) -> None:
    """Fill in each figure row's claimant, interval, conflicts, revision and cluster figures.

    Args:
        rows: Figure rows (dicts with ``cluster``, ``attribution``, ``source``, ``published``,
            ``qualifier``, ``value``, ``low``, ``high``, ``doc_id``, ``start_char``); rows whose
            ``cluster`` is ``None`` get a claimant and an interval only.

    Examples:
        >>> rows = [{"cluster": "c", "attribution": a, "source": "S", "published": p, "value": v,
        ...          "low": v, "high": None, "qualifier": "at_least", "doc_id": d, "start_char": 0}
        ...         for a, p, v, d in [("Amnesty", "2019-11-20", 106.0, "d1"),
        ...                            ("Amnesty", "2019-12-16", 304.0, "d2"), ("MP", None, 9.0, "d3")]]
        >>> score_clusters(rows)
        >>> [(r["revision"], r["revises"], r["conflict"]) for r in rows]
        [(1, None, False), (2, 'd1:0', False), (1, None, False)]
    """
    keys = claimants([(r.get("attribution"), r.get("source")) for r in rows])
    for r, (key, name) in zip(rows, keys, strict=True):
        r["claimant_key"], r["claimant"] = key, name
        r["interval_obj"] = interval_of(r.get("qualifier"), r["value"], r["low"], r["high"])
        r["interval"] = r["interval_obj"].label() if r["interval_obj"] else None
        r["id"] = r.get("figure_id") or figure_id(str(r["doc_id"]), r["start_char"])
        r.update(conflict=None, conflicts_with=None, revision=None, revises=None, latest=None)
        r.update({k: None for k in ("n_claims", "n_sources", "n_claimants", "min", "max")})
    clusters: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["cluster"] is not None:
            clusters.setdefault(r["cluster"], []).append(r)
    for members in clusters.values():
        found = conflicts([(r["claimant_key"], r["interval_obj"]) for r in members])
        revs = revisions(
            [(r["claimant_key"], r["published"], r["interval_obj"], _point(r)) for r in members]
        )
        names = {r["claimant_key"]: r["claimant"] for r in members}
        last: dict[str, int] = {}
        for r, (rev, _) in zip(members, revs, strict=True):
            last[r["claimant_key"]] = max(last.get(r["claimant_key"], 0), rev)
        stated = [x for r in members for x in (r["value"], r["low"], r["high"]) if x is not None]
        stats = {
            "n_claims": len(members),
            "n_sources": len({r["source"] for r in members if r["source"]}),
            "n_claimants": len(names),
            "min": min(stated, default=None),
            "max": max(stated, default=None),
        }
        for r, others, (rev, revises) in zip(members, found, revs, strict=True):
            r.update(
                stats, conflict=bool(others), revision=rev, latest=rev == last[r["claimant_key"]]
            )
            r["conflicts_with"] = "; ".join(names[str(o)] for o in others) or None
            r["revises"] = members[revises]["id"] if revises is not None else None
