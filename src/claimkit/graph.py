"""The cross-document graph: people, organisations, places, events, roles and figures.

:func:`build_graph` turns analyses into one ``networkx.MultiDiGraph``. Nodes have a ``kind``
(:data:`NODE_KINDS`) and a ``label``; edges a ``relation`` (:data:`EDGE_RELATIONS`) and their
provenance (:data:`PROVENANCE`). ``docs/graph.md`` states the merge rules; the name matchers are
:func:`same_person` and :func:`same_organization`.

Example:
    >>> import claimkit
    >>> g = build_graph([claimkit.analyze("Governor Ricardo Rosselló said 64 people died.")])
    >>> g.nodes["person:ricardo-rossello"]["kind"]
    'person'
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any, TypeVar

import networkx as nx

from claimkit.analysis import Analysis
from claimkit.ids import fold, slug
from claimkit.records import Event, Role
from claimkit.vocab import vocab

__all__ = [
    "EDGE_RELATIONS",
    "KIND_FAMILIES",
    "NODE_KINDS",
    "PROVENANCE",
    "RESPONSIBLE_KINDS",
    "acronym_of",
    "build_graph",
    "dates_overlap",
    "same_organization",
    "same_person",
    "similar_surname",
]

NODE_KINDS = ("person", "organization", "place", "event", "role", "figure")
"""Values of the ``kind`` node attribute."""

EDGE_RELATIONS = (
    "holds_role",
    "member_of",
    "participated_in",
    "responsible_for",
    "occurred_in",
    "reports",
    "claims",
)
"""Values of the ``relation`` edge attribute."""

PROVENANCE = ("doc_id", "sentence", "start_char", "end_char", "source")
"""Attributes every edge carries (plus ``published``): the evidence for it."""

KIND_FAMILIES: dict[str, str] = {"execution": "massacre"}
"""Event kinds merged as one kind across documents ("the 1988 executions", "the 1988 massacre")."""

RESPONSIBLE_KINDS = frozenset({"crackdown", "massacre", "execution", "attack", "war", "trial"})
"""Event kinds a person can be ``responsible_for``."""

_RESPONSIBLE_CUES = re.compile(
    r"\b(?:order(?:ed|s)?|command(?:ed|s)?|direct(?:ed|s)|oversaw|oversees?|authori[sz]ed|"
    r"approved|sanctioned|carried out|sent|crushed|cracked down|signed)\b",
    re.I,
)
_PARTICIPATION_CUES = re.compile(
    r"\b(?:took part|takes? part|participated|joined|attended|led|marched|protested|won|ran in|"
    r"contested|sworn in|elected|inaugurated|sat on|served on)\b",
    re.I,
)
_LINK_RELATIONS = {"responsible": "responsible_for", "ordered": "responsible_for"}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+|\n+")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_PAREN_TAIL = re.compile(r"\s*\(\s*([A-Z][A-Z&]{1,7})\s*\)?\s*$")
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

    Example:
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

    Example:
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

    Example:
        >>> acronym_of("National Council of Resistance of Iran")
        'NCRI'
    """
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper())


def _org_key(name: str) -> str:
    name = re.sub(r"^the\s+|['’]s$", "", fold(_PAREN_TAIL.sub("", name)).strip())
    return slug(name)


def _place_key(name: str) -> str:
    return slug(re.sub(r"^the\s+|['’]s$", "", fold(name).strip()))


def same_organization(a: str, b: str) -> bool:
    """Whether two organisation names match on their own: equal after folding case, accents, a
    leading "the" and a possessive, or one is the acronym of the other.

    Example:
        >>> same_organization("NCRI", "National Council of Resistance of Iran")
        True
        >>> same_organization("the United Nations", "United Nations'")
        True
    """
    ka, kb = _org_key(a), _org_key(b)
    return ka == kb or any(
        _ACRONYM.fullmatch(x) is not None and acronym_of(y) == x for x, y in ((a, b), (b, a))
    )


class _Names:
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


def _cluster_people(ns: _Names) -> list[list[str]]:
    order = sorted(ns.count, key=lambda n: (*(-w for w in ns.weight(n)), n))
    blocks: defaultdict[str, list[str]] = defaultdict(list)  # by given name: only these can match
    full: dict[str, str] = {}  # "Rahmani-Fazli" / "Rahmani Fazli": the given name of the first
    for n in order:
        given, surname = _name_parts(n)
        if given:
            blocks[full.setdefault(given + surname, given)].append(n)
    clusters = [c for block in blocks.values() for c in _greedy(block, same_person)]
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


def _cluster_orgs(ns: _Names) -> list[list[str]]:
    keys = {n: _org_key(n) for n in ns.count}
    parent = {k: k for k in keys.values()}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    defined: defaultdict[str, set[str]] = defaultdict(set)  # acronym key -> long names' keys
    for n, k in keys.items():
        tail = _PAREN_TAIL.search(n)
        for t in ns.texts[n] | ({tail.group(1)} if tail else set()):
            if _ACRONYM.fullmatch(t) and _org_key(t) != k:
                defined[_org_key(t)].add(k)
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


def _cluster_places(ns: _Names) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for n in sorted(ns.count, key=lambda n: (n.isupper(), *(-w for w in ns.weight(n)), n)):
        groups[_place_key(n)].append(n)
    return list(groups.values())


# -- dates, events ------------------------------------------------------------------------------


def dates_overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two ``(date_start, date_end)`` periods of ISO prefixes overlap.

    A missing start is open (``(None, "1988-08")``: until August 1988); an undated period
    overlaps nothing.

    Example:
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


def _greedy(items: Iterable[T], fits: Callable[[T, T], bool]) -> list[list[T]]:
    """Complete-linkage clusters: an item joins the first cluster it fits every member of."""
    clusters: list[list[T]] = []
    for item in items:
        home = next((c for c in clusters if all(fits(item, m) for m in c)), None)
        if home is None:
            clusters.append([item])
        else:
            home.append(item)
    return clusters


def _most(values: Iterable[T | None]) -> T | None:
    """The most common value; of equally common ones the longest (most specific date)."""
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=lambda v: (counts[v], len(str(v)))) if counts else None


@dataclass
class _Ev:
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

    def same_name(self, o: _Ev) -> bool:
        return self.proper is not None and self.proper == o.proper

    def fits(self, o: _Ev) -> bool:
        return (
            self.family == o.family
            and (self.a.doc_id, self.e.kind) != (o.a.doc_id, o.e.kind)
            and self.span is not None
            and o.span is not None
            and self.span[0] <= o.span[1]
            and o.span[0] <= self.span[1]
            and (None in (self.place, o.place) or self.place == o.place or self.same_name(o))
        )


def _proper_name(name: str) -> str | None:
    words = re.findall(r"[^\W\d_][\w’'-]*", name)
    return fold(name) if len(words) > 1 and all(w[0].isupper() for w in words) else None


def _event_clusters(evs: list[_Ev]) -> list[list[_Ev]]:
    """Dated events by complete linkage; then each undated one joins the cluster with its proper
    name, else the only dated cluster of its family and place, else stands alone."""
    dated = sorted(
        (v for v in evs if v.dated),
        key=lambda v: (v.family, v.span, v.a.doc_id, v.e.event_id),
    )
    clusters = [
        c for _, group in groupby(dated, key=lambda v: v.family) for c in _greedy(group, _Ev.fits)
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


def _sentence_at(text: str, start: int, end: int) -> str:
    lo, hi = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return text[lo:hi].strip()


def _prov(a: Analysis, sentence: str, start: int, end: int) -> dict[str, Any]:
    return {
        "doc_id": a.doc_id,
        "sentence": sentence,
        "start_char": start,
        "end_char": end,
        "source": a.source,
        "published": a.published,
    }


@functools.cache
def _event_nouns() -> dict[str, str]:
    return {str(n).lower(): str(k) for k, ns in vocab("events")["nouns"].items() for n in ns}


# -- the builder --------------------------------------------------------------------------------


class _Builder:
    """Collects nodes and edges; one per :func:`build_graph` call."""

    def __init__(self, analyses: list[Analysis], families: dict[str, str]) -> None:
        self.analyses, self.families = analyses, families
        self.g = nx.MultiDiGraph(name="claimkit", documents=len(analyses))
        # name key -> node, per kind: canonical spellings first, then mention texts and acronyms
        # (a text two nodes share resolves to neither)
        self.strong: dict[str, dict[str, str]] = defaultdict(dict)
        self.weak: dict[str, dict[str, str | None]] = defaultdict(dict)
        self.event_node: dict[tuple[str, str], str] = {}

    def add(self, kind: str, key: str, label: str, **attrs: Any) -> str:
        node, n = f"{kind}:{key}", 2
        while node in self.g:
            node, n = f"{kind}:{key}-{n}", n + 1
        self.g.add_node(node, kind=kind, label=label, **attrs)
        return node

    def resolve(self, name: str | None, *kinds: str) -> str | None:
        """The node ``name`` refers to, trying ``kinds`` in order."""
        for kind in kinds if name else ():
            key = {"organization": _org_key, "place": _place_key}.get(kind, slug)(name or "")
            node = self.strong[kind].get(key) or self.weak[kind].get(key)
            if node:
                return node
        return None

    def entities(self) -> None:
        """Person, place and organisation nodes (in that order: a role's organisation that names
        a known person or place is not an organisation)."""
        names = {k: _Names() for k in ("person", "place", "organization")}
        labels = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}
        for a in self.analyses:
            for e in a.entities:
                if e.label in labels:
                    names[labels[e.label]].add(e.canonical, a.doc_id, e.text)
            for p in [r.person for r in a.roles] + [k.person for k in getattr(a, "links", [])]:
                names["person"].add(p, a.doc_id)
        clusterers = {"person": _cluster_people, "organization": _cluster_orgs}
        for kind, ns in names.items():
            if kind == "organization":
                for a in self.analyses:
                    for r in a.roles:
                        if r.organization and not self.resolve(r.organization, "person", "place"):
                            ns.add(r.organization, a.doc_id)
            for group in sorted(clusterers.get(kind, _cluster_places)(ns)):
                self._entity(kind, ns, group)

    def _entity(self, kind: str, ns: _Names, group: list[str]) -> None:
        key = {"organization": _org_key, "place": _place_key}.get(kind, slug)
        label = _PAREN_TAIL.sub("", group[0])
        texts = {t for m in group for t in ns.texts[m]} - set(group)
        node = self.add(
            kind,
            slug(label),
            label,
            aliases=sorted(set(group) | texts),
            doc_ids=sorted({d for m in group for d in ns.docs[m]}),
            mentions=sum(ns.count[m] for m in group),
        )
        for m in group:
            self.strong[kind][key(m)] = node
        acronym = acronym_of(label) if kind == "organization" else ""
        for t in texts | ({acronym} if len(acronym) > 1 else set()):
            k = key(t)
            self.weak[kind][k] = node if self.weak[kind].get(k, node) == node else None

    def place(self, name: str | None, doc_id: str) -> str | None:
        """The place node of an event's location, made when no GPE/LOC entity names it."""
        node = self.resolve(name, "place")
        if name and node is None:
            node = self.add("place", slug(name), name, aliases=[name], doc_ids=[], mentions=0)
            self.strong["place"][_place_key(name)] = node
        if node and doc_id not in self.g.nodes[node]["doc_ids"]:
            self.g.nodes[node]["doc_ids"] = sorted([*self.g.nodes[node]["doc_ids"], doc_id])
        return node

    def events(self) -> None:
        evs = [
            _Ev(
                a,
                e,
                self.families.get(e.kind, e.kind),
                self.place(e.location, a.doc_id),
                _proper_name(e.name),
            )
            for a in self.analyses
            for e in a.events
        ]
        for cluster in _event_clusters(evs):
            kinds = Counter(v.e.kind for v in cluster)  # ties: the family's own name
            kind = max(kinds, key=lambda k: (kinds[k], k == cluster[0].family))
            start = _most(v.e.date_start for v in cluster)
            end = _most(v.e.date_end for v in cluster if v.e.date_start in (start, None))
            place = _most(v.place for v in cluster)
            name = max(
                (v.e.name for v in cluster), key=lambda n: (_proper_name(n) is not None, len(n))
            )
            when = (start or end or "")[:7] or (slug(name) if cluster[0].proper else "undated")
            where = self.g.nodes[place]["label"] if place else None
            node = self.add(
                "event",
                ":".join([kind, when, *([slug(where)] if where else [])]),
                name,
                name=name,
                names=sorted({v.e.name for v in cluster}),
                kinds=sorted({v.e.kind for v in cluster}),
                date_start=start,
                date_end=end,
                location=where,
                doc_ids=sorted({v.a.doc_id for v in cluster}),
                event_refs=sorted(f"{v.a.doc_id}/{v.e.event_id}" for v in cluster),
            )
            for v in cluster:
                self.event_node[(v.a.doc_id, v.e.event_id)] = node
                if v.place:
                    s = max(v.a.text.find(v.e.name), 0)
                    sentence = _sentence_at(v.a.text, s, s + len(v.e.name))
                    prov = _prov(v.a, sentence, s, s + len(v.e.name))
                    self.g.add_edge(node, v.place, relation="occurred_in", **prov)

    def roles(self) -> None:
        groups: defaultdict[tuple[str, str, str], list[tuple[Analysis, Role]]] = defaultdict(list)
        for a in self.analyses:
            for r in a.roles:
                person = self.resolve(r.person, "person")
                org = self.resolve(r.organization, "organization", "place", "person")
                if person:
                    groups[(person, r.role.lower(), org or r.organization or "")].append((a, r))
        for (person, title, org), items in sorted(groups.items(), key=lambda kv: kv[0]):
            dated = [x for x in items if x[1].date_start or x[1].date_end]
            clusters = _greedy(
                dated,
                lambda x, y: dates_overlap(
                    (x[1].date_start, x[1].date_end), (y[1].date_start, y[1].date_end)
                ),
            )
            undated = [x for x in items if x not in dated]
            if undated and len(clusters) == 1:
                clusters[0] += undated
            elif undated:
                clusters.append(undated)
            for cluster in clusters:
                self._role(person, title, org, cluster)

    def _role(
        self, person: str, title: str, org: str, cluster: list[tuple[Analysis, Role]]
    ) -> None:
        org_label = self.g.nodes[org]["label"] if org in self.g else org or None
        starts = sorted(r.date_start for _, r in cluster if r.date_start)
        ends = sorted(r.date_end for _, r in cluster if r.date_end)
        who = self.g.nodes[person]["label"]
        node = self.add(
            "role",
            ":".join(
                slug(p) for p in (who, title, org_label, starts[0][:4] if starts else "") if p
            ),
            f"{title} ({org_label})" if org_label else title,
            role=title,
            organization=org_label,
            person=who,
            qualifier=_most(r.qualifier for _, r in cluster),
            qualifiers=sorted({r.qualifier for _, r in cluster if r.qualifier}),
            date_start=starts[0] if starts else None,
            date_end=ends[-1] if ends else None,
            doc_ids=sorted({a.doc_id for a, _ in cluster}),
        )
        member = org in self.g and self.g.nodes[org]["kind"] == "organization"
        for a, r in cluster:
            prov = _prov(a, r.sentence, r.start_char, r.end_char)
            self.g.add_edge(person, node, relation="holds_role", **prov)
            if member:
                self.g.add_edge(person, org, relation="member_of", role=title, **prov)

    def person_events(self) -> None:
        for a in self.analyses:
            for k in getattr(a, "links", []):
                person, event = (
                    self.resolve(k.person, "person"),
                    self.event_node.get((a.doc_id, k.event_id)),
                )
                if person and event:
                    rel = _LINK_RELATIONS.get(k.relation, "participated_in")
                    prov = _prov(a, k.sentence, k.start_char, k.end_char)
                    self.g.add_edge(person, event, relation=rel, link=k.relation, **prov)
            for person, sentence in {(r.person, r.sentence): None for r in a.roles if r.sentence}:
                role = next(r for r in a.roles if (r.person, r.sentence) == (person, sentence))
                self._cooccurrence(a, role)

    def _cooccurrence(self, a: Analysis, r: Role) -> None:
        """Person -> event when a cue verb follows the person's mention (no other person between)
        and precedes a mention of the event, in a sentence that states the person's role."""
        s0 = a.text.find(r.sentence, max(0, r.start_char - len(r.sentence)))
        person = self.resolve(r.person, "person")
        if s0 < 0 or person is None:
            return
        s1 = s0 + len(r.sentence)
        people = sorted(
            (e.start_char, e.canonical)
            for e in a.entities
            if e.label == "PERSON" and s0 <= e.start_char < s1
        )
        events = self._event_mentions(a, s0, s1)
        cues = [(m, "responsible_for") for m in _RESPONSIBLE_CUES.finditer(a.text, s0, s1)]
        cues += [(m, "participated_in") for m in _PARTICIPATION_CUES.finditer(a.text, s0, s1)]
        for cue, relation in sorted(cues, key=lambda c: c[0].start()):
            before = [name for pos, name in people if pos < cue.start()]
            after = [(pos, e) for pos, e in events if pos >= cue.end()]
            if not before or not after or self.resolve(before[-1], "person") != person:
                continue
            pos, event = min(after, key=lambda pe: pe[0])
            if relation == "responsible_for" and event.kind not in RESPONSIBLE_KINDS:
                continue
            node = self.event_node[(a.doc_id, event.event_id)]
            prov = _prov(a, r.sentence, min(r.start_char, cue.start()), pos + len(event.name))
            self.g.add_edge(person, node, relation=relation, cue=cue.group(0).lower(), **prov)
            return

    @staticmethod
    def _event_mentions(a: Analysis, s0: int, s1: int) -> list[tuple[int, Event]]:
        """Mentions of the document's events in ``text[s0:s1]``: the event's name, or an event
        noun of a kind the document has exactly one event of."""
        out = [(a.text.find(e.name, s0, s1), e) for e in a.events]
        out = [(p, e) for p, e in out if p >= 0]
        by_kind = {e.kind: e for e in a.events}
        count = Counter(e.kind for e in a.events)
        for m in re.finditer(r"[\w-]+", a.text[s0:s1]):
            kind = _event_nouns().get(m.group(0).lower())
            if kind and count[kind] == 1:
                out.append((s0 + m.start(), by_kind[kind]))
        return out

    def figures(self) -> None:
        for a in self.analyses:
            by_name = {fold(e.name): e for e in a.events}
            for f in a.figures:
                fields = f.to_dict()
                del fields["doc_id"]
                node = self.add(
                    "figure", f"{a.doc_id}:{f.start_char}", f.text, doc_id=a.doc_id, **fields
                )
                prov = _prov(a, f.sentence, f.start_char, f.end_char)
                event = by_name.get(fold(f.event or ""))
                if event is not None:
                    self.g.add_edge(
                        node,
                        self.event_node[(a.doc_id, event.event_id)],
                        relation="reports",
                        **prov,
                    )
                claimant = self.resolve(f.attribution, "person", "organization")
                if claimant:
                    self.g.add_edge(claimant, node, relation="claims", **prov)


def build_graph(
    analyses: Iterable[Analysis], *, kind_families: dict[str, str] | None = None
) -> Any:
    """Build the person–role–event graph across documents.

    Args:
        analyses: Analyses of any number of documents (consumed once).
        kind_families: Event kinds merged as one kind across documents; default
            :data:`KIND_FAMILIES`. Pass ``{}`` to merge events of equal kind only.

    Returns:
        A ``networkx.MultiDiGraph``. Node ids are readable and stable for the same input
        (``person:ebrahim-raisi``, ``event:protest:2019-11:iran``, ``figure:<doc_id>:<offset>``);
        every node has ``kind`` and ``label``, every edge ``relation`` and :data:`PROVENANCE`.

    Example:
        >>> import claimkit
        >>> docs = ["Ebrahim Raisi, the head of the judiciary, spoke.", "Ebrahim Raeisi left."]
        >>> g = build_graph(claimkit.analyze_many(docs))
        >>> [n for n, kind in g.nodes(data="kind") if kind == "person"]
        ['person:ebrahim-raisi']
    """
    b = _Builder(list(analyses), KIND_FAMILIES if kind_families is None else kind_families)
    b.entities()
    b.events()
    b.roles()
    b.person_events()
    b.figures()
    return b.g
