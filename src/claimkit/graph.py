"""The cross-document graph: people, organisations, places, events, roles and figures.

:func:`build_graph` turns analyses into one ``networkx.MultiDiGraph``. Nodes have a ``kind``
(:data:`NODE_KINDS`) and a ``label``; edges a ``relation`` (:data:`EDGE_RELATIONS`) and their
provenance (:data:`PROVENANCE`). ``docs/graph.md`` states the merge rules; the name matchers are
:func:`same_person` and :func:`same_organization`.

Examples:
    >>> import claimkit
    >>> g = build_graph([claimkit.analyze("Governor Ricardo Rosselló said 64 people died.")])
    >>> g.nodes["person:ricardo-rossello"]["kind"]
    'person'
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from claimkit.analysis import Analysis
from claimkit.graph_match import (
    PAREN_TAIL,
    EventRef,
    NameIndex,
    acronym_of,
    cluster_orgs,
    cluster_people,
    cluster_places,
    dates_overlap,
    event_clusters,
    greedy,
    most_common_value,
    org_key,
    place_key,
    proper_name,
    same_organization,
    same_person,
    similar_surname,
)
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
            key = {"organization": org_key, "place": place_key}.get(kind, slug)(name or "")
            node = self.strong[kind].get(key) or self.weak[kind].get(key)
            if node:
                return node
        return None

    def entities(self) -> None:
        """Person, place and organisation nodes (in that order: a role's organisation that names
        a known person or place is not an organisation)."""
        names = {k: NameIndex() for k in ("person", "place", "organization")}
        labels = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}
        for a in self.analyses:
            for e in a.entities:
                if e.label in labels:
                    names[labels[e.label]].add(e.canonical, a.doc_id, e.text)
            for p in [r.person for r in a.roles] + [k.person for k in getattr(a, "links", [])]:
                names["person"].add(p, a.doc_id)
        clusterers = {"person": cluster_people, "organization": cluster_orgs}
        for kind, ns in names.items():
            if kind == "organization":
                for a in self.analyses:
                    for r in a.roles:
                        if r.organization and not self.resolve(r.organization, "person", "place"):
                            ns.add(r.organization, a.doc_id)
            for group in sorted(clusterers.get(kind, cluster_places)(ns)):
                self._entity(kind, ns, group)

    def _entity(self, kind: str, ns: NameIndex, group: list[str]) -> None:
        key = {"organization": org_key, "place": place_key}.get(kind, slug)
        label = PAREN_TAIL.sub("", group[0])
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
            self.strong["place"][place_key(name)] = node
        if node and doc_id not in self.g.nodes[node]["doc_ids"]:
            self.g.nodes[node]["doc_ids"] = sorted([*self.g.nodes[node]["doc_ids"], doc_id])
        return node

    def events(self) -> None:
        evs = [
            EventRef(
                a,
                e,
                self.families.get(e.kind, e.kind),
                self.place(e.location, a.doc_id),
                proper_name(e.name),
            )
            for a in self.analyses
            for e in a.events
        ]
        for cluster in event_clusters(evs):
            kinds = Counter(v.e.kind for v in cluster)  # ties: the family's own name
            kind = max(kinds, key=lambda k: (kinds[k], k == cluster[0].family))
            start = most_common_value(v.e.date_start for v in cluster)
            end = most_common_value(
                v.e.date_end for v in cluster if v.e.date_start in (start, None)
            )
            place = most_common_value(v.place for v in cluster)
            name = max(
                (v.e.name for v in cluster), key=lambda n: (proper_name(n) is not None, len(n))
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
            clusters = greedy(
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
            qualifier=most_common_value(r.qualifier for _, r in cluster),
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

    Examples:
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
