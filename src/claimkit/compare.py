"""Cross-source comparison: which claims count the same thing, and which of them disagree.

:func:`compare` resolves the events that figures count across documents, groups the figures into
*clusters* (one quantity about one event: same event, same category, the total or one named part of
it) and marks conflicts between claimants and revisions by one claimant. ``docs/compare.md`` states
the rules.

Examples:
    >>> import claimkit
    >>> texts = ["At least 304 were killed in the 2019 protests, Amnesty International said.",
    ...          "The MP Mojtaba Zolnour said 230 were killed in the 2019 protests."]
    >>> df = compare([claimkit.analyze(t, source="Wire") for t in texts])
    >>> df[["cluster", "claimant", "conflict"]].values.tolist()
    [['protest:2019/killed', 'Mojtaba Zolnour', True], ['protest:2019/killed', 'Amnesty International', True]]
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from claimkit.analysis import Analysis
from claimkit.export import as_datetime
from claimkit.ids import fold, slug
from claimkit.intervals import score_clusters
from claimkit.store import comparison_rows
from claimkit.vocab import singular, vocab

__all__ = ["CLUSTERED_CATEGORIES", "COLUMNS", "compare", "part_subject"]

CLUSTERED_CATEGORIES = frozenset(
    {"killed", "injured", "arrested", "executed", "sentenced", "missing", "displaced"}
    | {"participants", "places"}
)
"""Categories whose plain counts are clustered; others (share, money, other, none) are not."""

COLUMNS: list[str] = re.findall(r"\S+", """
    cluster part_of event event_id event_mention event_mention_id event_inferred category subject
    doc_id id source
    published title url claimant attribution text value low high qualifier interval conflict
    conflicts_with revision revises latest n_claims n_sources n_claimants min max sentence start_char
    end_char hedge unit trend date_start""")  # fmt: skip
"""Columns of the comparison frame, in order. ``id`` is the figure's ``figure_id``; ``event_id``
is the event resolved across documents, ``event_mention_id`` the figure's own ``event_id`` (the
events row of its document)."""

_FAMILY = {"crackdown": "protest", "execution": "massacre", "attack": "massacre"}
_NOT_INCIDENT = {"election", "inauguration", "appointment", "trial", ""}
_MONTHS = {n.lower(): i for names in (calendar.month_name, calendar.month_abbr)
           for i, n in enumerate(names) if n} | {"sept": 9}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_PLAIN = set(re.findall(r"\w+", """monday tuesday wednesday thursday friday saturday sunday last next
    this past recent latest new deadly massive nationwide mass major powerful devastating violent
    bloody ongoing"""))  # fmt: skip  # capitalised at the start of a sentence, never a name
_PART_HEADS = frozenset(re.findall(r"\w+", """
    child children minor minors teenager teenagers teen teens adolescent adolescents boy boys girl
    girls woman women student students journalist journalists reporter reporters personnel police
    policeman policemen officer officers soldier soldiers troops guard guards foreigner foreigners
    national nationals doctor doctors nurse nurses civilian civilians worker workers member members
    infant infants baby babies elderly"""))  # fmt: skip
_PART_BEFORE = re.compile(
    r"(?i)\b(?:including|among (?:them|whom|those|the \w+)|of (?:whom|them|those))\b(?:\W+\w+){0,3}\W*$"
)
_PART_AFTER = re.compile(r"(?i)^\s+(?:of (?:them|whom|those|the \w+)\b)")
_LEVEL = re.compile(r"(?i)\b(?:to|at|reached|reaching|hit|hitting|now)\W*$")  # "rose to 41,000"


@dataclass
class _Group:
    """An event as one document names it (maybe by several names), or such groups merged."""

    family: str
    kinds: list[str]
    names: list[str]
    months: tuple[int, int] | None
    key: str | None
    window: tuple[int, int] | None = None
    refs: int = 0
    order: int = 0


def _month_index(iso: object) -> tuple[int, int] | None:
    """Months an ISO date of any precision covers, as ``(first, last)`` month numbers."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?", str(iso or ""))
    year = int(m.group(1)) * 12 if m else 0
    return None if not m else (year + int(m.group(2)) - 1,) * 2 if m.group(2) else (year, year + 11)


def _name_months(name: str, published: str | None) -> tuple[int, int] | None:
    """Months a name states ("the November 2019 protests"; "the November unrest" near publication)."""
    words = re.findall(r"[A-Za-z]+|\d{4}", name)
    years = [int(w) for w in words if w.isdigit() and 1500 <= int(w) <= 2099]
    months = [_MONTHS[w.lower()] for w in words if w[:1].isupper() and w.lower() in _MONTHS]
    pub = _month_index(published)
    if not years and months and pub:  # "the November unrest": the last November by publication
        years = [pub[0] // 12 - (1 if months[0] - 1 > pub[0] % 12 else 0)]
    if not years:
        return None
    first = years[0] * 12
    return (first + months[0] - 1,) * 2 if months else (first, first + 11)


def _kind_of(name: str, kind: object) -> str:
    """The kind, read from the name when the record says ``other`` or nothing; ``""`` when such a
    name has no event word ("Iran Human Rights"): not an event."""
    if isinstance(kind, str) and kind and kind != "other":
        return kind
    words = re.findall(r"[a-z-]+", name.lower())
    nouns = {str(n).lower(): str(k) for k, ns in vocab("events")["nouns"].items() for n in ns}
    nouns |= {str(h): str(k) for h, k in vocab("events")["named_heads"].items()}
    heads = [w for w in words if w in vocab("events")["named_heads"]] or words  # "Hurricane Maria"
    return next((nouns[w] for w in heads if w in nouns), "")


def _name_key(name: str) -> str | None:
    """The proper-name part of an event name ("Hurricane Maria" -> "maria"), else ``None``."""
    events = vocab("events")
    generic = {str(n).lower() for ns in events["nouns"].values() for n in ns}
    generic |= {str(h) for h in events["named_heads"]} | _PLAIN
    keep = []
    words = re.findall(r"[\w-]+", name.replace("’s", "").replace("'s", ""))
    for i, w in enumerate(words):
        low = w.lower()
        if (i == 0 and low in _DETERMINERS) or low in generic or low in _MONTHS:
            continue
        numbered = i + 1 < len(words) and words[i + 1][:1].isdigit()  # "Category 4"
        if w[:1].isupper() and not w[:1].isdigit() and not numbered:
            keep.append(fold(w))
    return " ".join(keep) or None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def _meet(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and _overlap(a, b) is not None


def _can_merge(a: _Group, b: _Group, slack: int) -> bool:
    """Same family, no clash of names or dates; across documents, common dates or one name."""
    if a.family != b.family or (a.key and b.key and a.key != b.key):
        return False
    if a.months and b.months:
        return _overlap(a.months, (b.months[0] - slack, b.months[1] + slack)) is not None
    dated, named = (a, b) if a.months else (b, a)
    if dated.months and named.key and _meet(dated.months, named.window):
        return True  # "the Derna floods" in a report of 14 September 2023, "the September floods"
    return slack > 0 or bool(a.key and a.key == b.key)


def _agglomerate(groups: list[_Group], slack: int = 0) -> list[tuple[_Group, list[int]]]:
    """Merge groups greedily while names and dates agree: ``(merged, indices of its members)``."""
    out: list[tuple[_Group, list[int]]] = []
    for i, g in enumerate(groups):
        for j, (h, members) in enumerate(out):
            if _can_merge(h, g, slack):
                months = _overlap(h.months, g.months) or (g.months if g.key else h.months)
                merged = _Group(h.family, h.kinds + g.kinds, h.names + g.names, months,
                                h.key or g.key, h.window, h.refs + g.refs, min(h.order, g.order))  # fmt: skip
                out[j] = (merged, [*members, i])
                break
        else:
            out.append((g, [i]))
    return out


def _absorb(target: _Group, g: _Group) -> None:
    target.names.extend(g.names)
    target.kinds.extend(g.kinds)
    target.refs += g.refs


def _doc_groups(
    mentions: list[tuple[str, object, tuple[int, int] | None]],
    published: str | None,
    refs: Counter[str | None],
) -> dict[str, _Group]:
    """Resolve one document's event mentions: name -> the group it belongs to."""
    pub = _month_index(published)
    window = (pub[0] - 1, pub[1]) if pub else None
    anchors: list[_Group] = []
    loose: list[_Group] = []
    for order, (name, kind, months) in enumerate(mentions):
        k = _kind_of(name, kind)
        g = _Group(_FAMILY.get(k, k), [k], [name], months, _name_key(name), window,
                   refs.get(name, 0), order)  # fmt: skip
        (anchors if g.months or g.key else loose).append(g)
    merged = [g for g, _ in _agglomerate(anchors, slack=3)]
    spare: dict[str, _Group] = {}
    for g in loose:
        same = [a for a in merged if a.family == g.family]
        target = (
            max(same, key=lambda a: (a.refs, -a.order)) if same else spare.setdefault(g.family, g)
        )
        if target is not g:
            _absorb(target, g)
    return {n: g for g in [*merged, *spare.values()] for n in g.names}


def _label(g: _Group) -> tuple[str, str]:
    """The resolved event's display name and id ("the November 2019 protests", "protest:2019-11")."""
    names = g.names
    best = max(names, key=lambda n: (bool(_name_key(n)), bool(re.search(r"\d{4}", n)),
                                     names.count(n), -len(n)))  # fmt: skip
    kind = max(sorted(set(g.kinds)), key=lambda k: (g.kinds.count(k), k == g.family))
    months = _name_months(best, None) or g.months
    if g.key:
        tag = slug(best) if g.key in fold(best) else slug(g.key)
    elif months:
        lo, hi = months
        tag = f"{lo // 12:04d}" if hi - lo >= 11 else f"{lo // 12:04d}-{lo % 12 + 1:02d}"
    else:
        tag = slug(best)
    return best, f"{kind}:{tag}"


def _doc_events(
    rows: list[dict[str, Any]], events: list[dict[str, Any]]
) -> tuple[list[_Group], dict[int, int | None]]:
    """Each document's events, and for each row (by ``id``) the index of its event's group."""
    listed: dict[str, list[tuple[str, object, tuple[int, int] | None]]] = {}
    for e in events:
        months, end = _month_index(e.get("date_start")), _month_index(e.get("date_end"))
        months = (months[0], max(months[1], end[1] if end else 0)) if months else None
        listed.setdefault(str(e["doc_id"]), []).append((str(e["name"]), e.get("kind"), months))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    groups: list[_Group] = []
    chosen: dict[int, int | None] = {}
    for doc_id, doc_rows in by_doc.items():
        refs = Counter(
            r["event_mention"] for r in doc_rows if r["category"] in CLUSTERED_CATEGORIES
        )
        published = doc_rows[0]["published"]
        seen = {n for n, _, _ in listed.get(doc_id, [])}
        mentions = listed.get(doc_id, []) + [
            (n, None, None) for n in dict.fromkeys(r["event_mention"] for r in doc_rows)
            if n and n not in seen
        ]  # fmt: skip
        mentions = [(n, k, m or _name_months(n, published)) for n, k, m in mentions]
        by_name = _doc_groups(mentions, published, refs)
        own = list({id(g): g for g in by_name.values()}.values())
        incidents = [g for g in own if g.family not in _NOT_INCIDENT]
        main = max(incidents, key=lambda g: (g.refs, -g.order)) if incidents else None
        index = {id(g): len(groups) + i for i, g in enumerate(own)}
        groups.extend(own)
        for r in doc_rows:
            named = g = by_name.get(r["event_mention"] or "")
            if g is None or g.family == "":  # no event, or not an event: the one the date fits
                day = _month_index(r["date_start"])
                fits = [i for i in incidents if _meet(i.months, day)]
                g = (max(fits, key=lambda g: (g.refs, -g.order)) if fits else main) or g
            chosen[id(r)] = index[id(g)] if g is not None else None
            r["event_inferred"] = g is not None and g is not named
    return groups, chosen


def _across_documents(groups: list[_Group]) -> list[_Group]:
    """The resolved event of each document's group: dated or named groups merge when they agree;
    undated, unnamed ones join the event of their family near their publication date."""
    owner: dict[int, _Group] = {}
    strong_idx = [i for i, g in enumerate(groups) if g.months or g.key]
    strong: list[_Group] = []
    for merged, members in _agglomerate([groups[i] for i in strong_idx]):
        strong.append(merged)
        owner.update({strong_idx[m]: merged for m in members})
    weak: list[_Group] = []
    for i, g in enumerate(groups):
        if i in owner:
            continue
        fits = [s for s in strong if s.family == g.family and _meet(s.months, g.window)]
        near = [w for w in weak if w.family == g.family and _meet(w.window, g.window)]
        target = max(fits, key=lambda s: s.months or (0, 0)) if fits else next(iter(near), None)
        if target is None:
            target = _Group(g.family, list(g.kinds), list(g.names), None, None, g.window)
            weak.append(target)
        else:
            _absorb(target, g)
        owner[i] = target
    return [owner[i] for i in range(len(groups))]


def _resolve(rows: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    """Give every figure row its resolved ``event``, ``event_id`` and ``event_inferred``."""
    groups, chosen = _doc_events(rows, events)
    owner = _across_documents(groups)
    labels: dict[int, tuple[str, str]] = {}
    taken: Counter[str] = Counter()
    for target in {id(t): t for t in owner}.values():
        label, eid = _label(target)
        taken[eid] += 1
        labels[id(target)] = (label, eid if taken[eid] == 1 else f"{eid}-{taken[eid]}")
    for r in rows:
        at = chosen[id(r)]
        r["event"], r["event_id"] = labels[id(owner[at])] if at is not None else (None, None)


def part_subject(subject: str | None, sentence: str = "", text: str = "") -> str | None:
    """The part of a total a count is about ("teenagers" among the dead), or ``None`` for a total.

    A count is a part when its subject's head noun names a subgroup of people (children, women,
    security personnel, ...) or when its sentence introduces it with *including*, *among them*,
    *of whom* or follows it with *of them*.

    Args:
        subject: The counted noun phrase.
        sentence: The figure's sentence.
        text: The figure's text, to find it in the sentence.

    Returns:
        The part's name, folded and singular (``"subgroup"`` when the subject is missing).

    Examples:
        >>> part_subject("teenagers"), part_subject("people"), part_subject("people",
        ...     "300 died, including 50 people in Tehran.", "50")
        ('teenager', None, 'people')
    """
    words = re.findall(r"[a-z]+", fold(subject or ""))
    head = words[-1] if words else ""
    at = sentence.find(text) if text else -1
    context = at >= 0 and bool(
        _PART_BEFORE.search(sentence[:at]) or _PART_AFTER.match(sentence[at + len(text) :])
    )
    if head not in _PART_HEADS and not context:
        return None
    if not words:
        return "subgroup"
    return " ".join([*words[:-1], singular(head)])


def _cluster(rows: list[dict[str, Any]]) -> None:
    """Set ``cluster`` and ``part_of``: event/category for totals, event/category/part for parts."""
    for r in rows:
        r["cluster"] = r["part_of"] = None
        text, sentence = r.get("text") or "", r.get("sentence") or ""
        change = r.get("trend") and not _LEVEL.search(sentence[: max(sentence.find(text), 0)])
        skip = change or r.get("unit") or r["event_id"] is None
        if skip or r["category"] not in CLUSTERED_CATEGORIES:
            continue
        total = f"{r['event_id']}/{r['category']}"
        part = part_subject(r.get("subject"), sentence, text)
        r["cluster"] = f"{total}/{part}" if part else total
        r["part_of"] = total if part else None


def compare(
    data: pd.DataFrame | Iterable[Analysis],
    *,
    events: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Compare the figures of many documents: clusters, conflicts and revisions.

    Args:
        data: Analyses, or a figures table (``claimkit.frames(...)["figures"]`` or one read back
            from an ``analyze`` output folder).
        events: The events table, to resolve figures without an event name to their document's
            main event and to date events; taken from the analyses when ``data`` holds analyses.
        documents: A table with ``doc_id`` and ``title``/``url``/``source``/``published``, for
            links in reports; taken from the analyses when ``data`` holds analyses.

    Returns:
        One row per figure with the columns of :data:`COLUMNS`, clustered rows first, ordered by
        event, cluster, publication date and position. ``cluster`` is ``None`` for figures that
        are not compared (no event, a category outside :data:`CLUSTERED_CATEGORIES`, a unit or a
        trend).

    Examples:
        >>> import claimkit
        >>> df = compare([claimkit.analyze("Officials said 40 people were detained in the 2022 "
        ...                                "protests.", source="X")])
        >>> row = df.iloc[0]
        >>> row.cluster, row.claimant, bool(row.conflict), int(row.revision), int(row.n_sources)
        ('protest:2022/arrested', 'officials', False, 1, 1)
    """
    rows, event_rows = comparison_rows(data, events, documents)
    _resolve(rows, event_rows)
    _cluster(rows)
    score_clusters(rows)
    rows.sort(key=lambda r: (r["cluster"] is None, r["event"] or "", r["part_of"] or r["cluster"] or "",
                             r["part_of"] is not None, r["cluster"] or "", r["published"] or "~",
                             r["doc_id"], r["start_char"] or 0))  # fmt: skip
    df = pd.DataFrame([{c: r.get(c) for c in COLUMNS} for r in rows], columns=COLUMNS)
    ints = ("revision", "n_claims", "n_sources", "n_claimants", "start_char", "end_char")
    df = df.astype(
        dict.fromkeys(("conflict", "latest", "event_inferred"), "boolean")
        | dict.fromkeys(ints, "Int64")
        | dict.fromkeys(("value", "low", "high", "min", "max"), "Float64")
    )
    for col in ("category", "qualifier", "trend"):
        if col in df.columns:
            df[col] = df[col].astype("category")
    if "published" in df.columns:
        df["published"] = as_datetime(df["published"])
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype) == "str":
            df[col] = df[col].astype("string")
    return df
