"""Matching across documents for the graph: the same person, organisation, place or event.

People match by accent-folded canonical names, tolerant of transliteration in the surname when the
first names agree ("Mojtaba Zolnour" / "Mojtaba Zonnour"), never by a shared surname alone;
organisations by name and defined acronyms; events by kind family, overlapping dates and place.

Examples:
    >>> same_person("Ricardo Rosselló", "Ricardo Rossello"), same_person("Ahmad Montazeri", "Hossein-Ali Montazeri")
    (True, False)
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from claimkit.analysis import Analysis
from claimkit.ids import fold, slug
from claimkit.records import Event

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
PAREN_TAIL = re.compile(r"\s*\(\s*([A-Z][A-Z&]{1,7})\s*\)?\s*$")
T = TypeVar("T")

# -- names --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, str]:
    """(given names, surname), folded, hyphens and initials dropped: ("hosseinali", "montazeri")."""
    toks = [
        re.sub(r"[-'’]", "", t) for t in re.findall(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", fold(name))
    ]
    given = [t for t in toks[:-1] if len(t) > 1] or toks[:-1]
    return "".join(given), (toks[-1] if toks else "")


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def similar_surname(a: str, b: str) -> bool:
    """Whether two surnames are one name transliterated or accented differently.

    Accents and case are folded; beyond that the names must share their first letter and differ
    by at most one edit (5 to 9 letters) or two (10 or more). Names under 5 letters must be equal.

    Examples:
        >>> similar_surname("Raisi", "Raeisi"), similar_surname("Rosselló", "Rossello")
        (True, True)
        >>> similar_surname("Khamenei", "Khomeini")
        False
    """
    a, b = _name_parts(a)[1], _name_parts(b)[1]
    if a == b:
        return True
    longest = max(len(a), len(b))
    allowed = 0 if longest < 5 else 1 if longest < 10 else 2
    return a[:1] == b[:1] and _edits(a, b) <= allowed


def same_person(a: str, b: str) -> bool:
    """Whether two full names (given name and surname) name the same person.

    Given names must be equal after folding accents, case, hyphens and initials; surnames
    :func:`similar_surname`. A name of one word is never matched here (see ``docs/graph.md``).

    Examples:
        >>> same_person("Mojtaba Zolnour", "Mojtaba Zonnour")
        True
        >>> same_person("Ahmad Montazeri", "Hossein-Ali Montazeri")
        False
    """
    (ga, sa), (gb, sb) = _name_parts(a), _name_parts(b)
    if ga and gb and ga + sa == gb + sb:  # "Rahmani-Fazli" / "Rahmani Fazli"
        return True
    return bool(ga and gb) and ga == gb and similar_surname(sa, sb)


def acronym_of(name: str) -> str:
    """The initials of the capitalised words of a name.

    Examples:
        >>> acronym_of("National Council of Resistance of Iran")
        'NCRI'
    """
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper())


def org_key(name: str) -> str:
    name = re.sub(r"^the\s+|['’]s$", "", fold(PAREN_TAIL.sub("", name)).strip())
    return slug(name)


def place_key(name: str) -> str:
    return slug(re.sub(r"^the\s+|['’]s$", "", fold(name).strip()))


def same_organization(a: str, b: str) -> bool:
    """Whether two organisation names match on their own: equal after folding case, accents, a
    leading "the" and a possessive, or one is the acronym of the other.

    Examples:
        >>> same_organization("NCRI", "National Council of Resistance of Iran")
        True
        >>> same_organization("the United Nations", "United Nations'")
        True
    """
    ka, kb = org_key(a), org_key(b)
    return ka == kb or any(
        _ACRONYM.fullmatch(x) is not None and acronym_of(y) == x for x, y in ((a, b), (b, a))
    )


class NameIndex:
    """Spellings of one entity kind: mentions, documents and mention texts of each."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.docs: defaultdict[str, set[str]] = defaultdict(set)
        self.texts: defaultdict[str, set[str]] = defaultdict(set)

    def add(self, name: str, doc_id: str, text: str | None = None) -> None:
        self.count[name] += 1
        self.docs[name].add(doc_id)
        if text:
            self.texts[name].add(text)

    def weight(self, name: str) -> tuple[int, int]:
        return (len(self.docs[name]), self.count[name])


def cluster_people(ns: NameIndex) -> list[list[str]]:
    order = sorted(ns.count, key=lambda n: (*(-w for w in ns.weight(n)), n))
    blocks: defaultdict[str, list[str]] = defaultdict(list)  # by given name: only these can match
    full: dict[str, str] = {}  # "Rahmani-Fazli" / "Rahmani Fazli": the given name of the first
    for n in order:
        given, surname = _name_parts(n)
        if given:
            blocks[full.setdefault(given + surname, given)].append(n)
    clusters = [c for block in blocks.values() for c in greedy(block, same_person)]
    by_initial: defaultdict[str, list[list[str]]] = defaultdict(list)
    for c in clusters:
        for initial in {_name_parts(m)[1][:1] for m in c}:
            by_initial[initial].append(c)
    for n in (n for n in order if not _name_parts(n)[0]):  # one-word names: a unique surname match
        near = by_initial[_name_parts(n)[1][:1]]
        cands = [c for c in near if any(similar_surname(n, m) for m in c)]
        if len({id(c) for c in cands}) == 1:
            cands[0].append(n)
        else:
            clusters.append([n])
    return clusters


def cluster_orgs(ns: NameIndex) -> list[list[str]]:
    keys = {n: org_key(n) for n in ns.count}
    parent = {k: k for k in keys.values()}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    defined: defaultdict[str, set[str]] = defaultdict(set)  # acronym key -> long names' keys
    for n, k in keys.items():
        tail = PAREN_TAIL.search(n)
        for t in ns.texts[n] | ({tail.group(1)} if tail else set()):
            if _ACRONYM.fullmatch(t) and org_key(t) != k:
                defined[org_key(t)].add(k)
    initials: defaultdict[str, set[str]] = defaultdict(set)
    for m, k in keys.items():
        if not _ACRONYM.fullmatch(m):
            initials[acronym_of(m)].add(k)
    for n, k in keys.items():
        if _ACRONYM.fullmatch(n):
            long = defined.get(k) or initials.get(n, set())
            if len({root(x) for x in long}) == 1:
                parent[root(k)] = root(next(iter(long)))
    ordered = sorted(set(keys.values()))
    for n, k in keys.items():  # a short proper name that starts exactly one longer name
        if n[:1].isupper() and not _ACRONYM.fullmatch(n):
            i = bisect.bisect_left(ordered, k + "-")
            longer = set()
            while i < len(ordered) and ordered[i].startswith(k + "-"):
                longer.add(root(ordered[i]))
                i += 1
            if len(longer) == 1 and root(k) not in longer:
                parent[root(k)] = longer.pop()
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for n, k in keys.items():
        groups[root(k)].append(n)
    return [
        sorted(
            g,
            key=lambda m: (
                bool(_ACRONYM.fullmatch(m)),
                -len(keys[m]),
                *(-w for w in ns.weight(m)),
                m,
            ),
        )
        for g in groups.values()
    ]


def cluster_places(ns: NameIndex) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for n in sorted(ns.count, key=lambda n: (n.isupper(), *(-w for w in ns.weight(n)), n)):
        groups[place_key(n)].append(n)
    return list(groups.values())


# -- dates, events ------------------------------------------------------------------------------


def dates_overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two ``(date_start, date_end)`` periods of ISO prefixes overlap.

    A missing start is open (``(None, "1988-08")``: until August 1988); an undated period
    overlaps nothing.

    Examples:
        >>> dates_overlap(("2019-11", "2019-11"), ("2019", "2019"))
        True
        >>> dates_overlap(("2019-11-04", "2019-11-04"), ("2019-11-24", None))
        False
    """
    x, y = _bounds(*a), _bounds(*b)
    return x is not None and y is not None and x[0] <= y[1] and y[0] <= x[1]


def _bounds(start: str | None, end: str | None) -> tuple[str, str] | None:
    if not start and not end:
        return None
    lo, hi = (start or "")[:10], (end or start or "")[:10]
    lo = lo + "-01-01"[len(lo) - 4 :] if lo else "0000-00-00"
    return lo, hi + "-12-31"[len(hi) - 4 :]


def greedy(items: Iterable[T], fits: Callable[[T, T], bool]) -> list[list[T]]:
    """Complete-linkage clusters: an item joins the first cluster it fits every member of."""
    clusters: list[list[T]] = []
    for item in items:
        home = next((c for c in clusters if all(fits(item, m) for m in c)), None)
        if home is None:
            clusters.append([item])
        else:
            home.append(item)
    return clusters


def most_common_value(values: Iterable[T | None]) -> T | None:
    """The most common value; of equally common ones the longest (most specific date)."""
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=lambda v: (counts[v], len(str(v)))) if counts else None


@dataclass
class EventRef:
    """One Event record with what cross-document merging needs."""

    a: Analysis
    e: Event
    family: str
    place: str | None
    proper: str | None  # folded name of a proper-named event ("hurricane maria")
    span: tuple[str, str] | None = None  # the dates as full-date bounds

    def __post_init__(self) -> None:
        self.span = _bounds(self.e.date_start, self.e.date_end)

    @property
    def dated(self) -> bool:
        return bool(self.e.date_start or self.e.date_end)

    def same_name(self, o: EventRef) -> bool:
        return self.proper is not None and self.proper == o.proper

    def fits(self, o: EventRef) -> bool:
        return (
            self.family == o.family
            and (self.a.doc_id, self.e.kind) != (o.a.doc_id, o.e.kind)
            and self.span is not None
            and o.span is not None
            and self.span[0] <= o.span[1]
            and o.span[0] <= self.span[1]
            and (None in (self.place, o.place) or self.place == o.place or self.same_name(o))
        )


def proper_name(name: str) -> str | None:
    words = re.findall(r"[^\W\d_][\w’'-]*", name)
    return fold(name) if len(words) > 1 and all(w[0].isupper() for w in words) else None


def event_clusters(evs: list[EventRef]) -> list[list[EventRef]]:
    """Dated events by complete linkage; then each undated one joins the cluster with its proper
    name, else the only dated cluster of its family and place, else stands alone."""
    dated = sorted(
        (v for v in evs if v.dated),
        key=lambda v: (v.family, v.span, v.a.doc_id, v.e.event_id),
    )
    clusters = [
        c
        for _, group in groupby(dated, key=lambda v: v.family)
        for c in greedy(group, EventRef.fits)
    ]
    n_dated = len(clusters)
    for v in (v for v in evs if not v.dated):
        cands = [c for c in clusters if any(v.same_name(m) for m in c)] or [
            c
            for c in clusters[:n_dated]
            if c[0].family == v.family
            and all(v.place is None or m.place in (None, v.place) for m in c)
            and all((m.a.doc_id, m.e.kind) != (v.a.doc_id, v.e.kind) for m in c)
        ]
        if len(cands) == 1 or (cands and v.proper):
            cands[0].append(v)
        else:
            clusters.append([v])
    return clusters
