"""Scoring analyses against gold annotations (the ``corpus/gold/*.jsonl`` format).

Gold files hold one JSON object per line, each with a ``doc_id``: ``figures.jsonl`` (figure
fields), ``persons.jsonl`` (canonical name, mentions, roles), ``events.jsonl``. Scores are
precision, recall and F1 with one-to-one matching inside each document.

Examples:
    >>> s = Score(tp=8, fp=1, fn=2)
    >>> round(s.f1, 3)
    0.842
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkit.analysis import Analysis
from claimkit.ids import fold

__all__ = [
    "FIGURE_FIELDS",
    "Score",
    "load_gold",
    "score_events",
    "score_figures",
    "score_persons",
    "score_roles",
]

FIGURE_FIELDS = ("value", "low", "high", "qualifier", "category", "subject", "attribution")
"""Figure fields a gold figure must match for the figure to count as right."""


@dataclass
class Score:
    """Counts of one comparison and the mismatches behind them.

    Examples:
        >>> Score(tp=1, fp=0, fn=1).recall
        0.5
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        """One printable line: name, P, R, F1 and counts."""
        return f"{name:>22}: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def load_gold(folder: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Every ``*.jsonl`` file of a gold folder, by file stem.

    Examples:
        >>> import json, tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "figures.jsonl").write_text(json.dumps({"doc_id": "d1", "text": "5"}))
        >>> load_gold(folder)["figures"][0]["doc_id"]
        'd1'
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        out[path.stem] = rows
    return out


def _same(field_name: str, got: Any, want: Any) -> bool:
    if isinstance(want, int | float) and isinstance(got, int | float):
        return math.isclose(float(got), float(want), rel_tol=1e-6)
    if isinstance(want, str) and isinstance(got, str):
        return fold(got) == fold(want)
    return bool(got == want)


def _by_doc(analyses: Iterable[Analysis]) -> dict[str, Analysis]:
    return {a.doc_id: a for a in analyses}


def score_figures(
    analyses: Iterable[Analysis],
    gold: Sequence[dict[str, Any]],
    fields: Sequence[str] = FIGURE_FIELDS,
) -> Score:
    """Figures found with the right span text and the right ``fields``.

    A gold figure is a true positive when a predicted figure of its document has the same text and
    equal ``fields``; predicted figures left over are false positives.
    """
    docs = _by_doc(analyses)
    score = Score()
    wanted: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        wanted.setdefault(g["doc_id"], []).append(g)
    for doc_id, analysis in docs.items():
        preds = list(analysis.figures)
        used: set[int] = set()
        for g in wanted.get(doc_id, []):
            cands = [i for i, f in enumerate(preds) if i not in used and f.text == g["text"]]
            if not cands:
                score.fn += 1
                score.errors.append(f"{doc_id}: missed {g['text']!r}")
                continue
            i = cands[0]
            used.add(i)
            wrong = [k for k in fields if k in g and not _same(k, getattr(preds[i], k), g[k])]
            if wrong:
                score.fn += 1
                score.fp += 1
                diffs = ", ".join(f"{k}: got {getattr(preds[i], k)!r} want {g[k]!r}" for k in wrong)
                score.errors.append(f"{doc_id}: {g['text']!r} {diffs}")
            else:
                score.tp += 1
        for i, f in enumerate(preds):
            if i not in used:
                score.fp += 1
                score.errors.append(f"{doc_id}: extra {f.text!r} ({f.category})")
    return score


def score_persons(analyses: Iterable[Analysis], gold: Sequence[dict[str, Any]]) -> Score:
    """People found as PERSON under the right canonical name, and nothing else as PERSON."""
    docs = _by_doc(analyses)
    score = Score()
    for doc_id, analysis in docs.items():
        want = {fold(g["canonical"]) for g in gold if g["doc_id"] == doc_id}
        got = {fold(e.canonical) for e in analysis.entities if e.label == "PERSON"}
        score.tp += len(want & got)
        score.fn += len(want - got)
        score.fp += len(got - want)
        score.errors += [f"{doc_id}: missed person {p!r}" for p in sorted(want - got)]
        score.errors += [f"{doc_id}: not a person {p!r}" for p in sorted(got - want)]
    return score


def score_roles(analyses: Iterable[Analysis], gold: Sequence[dict[str, Any]]) -> Score:
    """(person, role) pairs found; organisation and qualifier must match when the gold gives them."""
    docs = _by_doc(analyses)
    score = Score()
    for doc_id, analysis in docs.items():
        want = {
            (
                fold(g["canonical"]),
                fold(r["role"]),
                fold(r.get("organization") or ""),
                r.get("qualifier"),
            )
            for g in gold
            if g["doc_id"] == doc_id
            for r in g.get("roles", [])
        }
        got = {
            (fold(r.person), fold(r.role), fold(r.organization or ""), r.qualifier)
            for r in analysis.roles
        }
        score.tp += len(want & got)
        score.fn += len(want - got)
        score.fp += len(got - want)
        score.errors += [f"{doc_id}: missed role {r}" for r in sorted(want - got, key=str)]
        score.errors += [f"{doc_id}: extra role {r}" for r in sorted(got - want, key=str)]
    return score


def score_events(analyses: Iterable[Analysis], gold: Sequence[dict[str, Any]]) -> Score:
    """Events found with the right kind and start date (names may differ in wording)."""
    docs = _by_doc(analyses)
    score = Score()
    for doc_id, analysis in docs.items():
        want = [g for g in gold if g["doc_id"] == doc_id]
        got = list(analysis.events)
        used: set[int] = set()
        for g in want:
            hit = next(
                (
                    i
                    for i, e in enumerate(got)
                    if i not in used
                    and e.kind == g["kind"]
                    and (e.date_start or "")[:4] == (g.get("date_start") or "")[:4]
                ),
                None,
            )
            if hit is None:
                score.fn += 1
                score.errors.append(
                    f"{doc_id}: missed event {g['name']!r} ({g['kind']}, {g.get('date_start')})"
                )
            else:
                used.add(hit)
                score.tp += 1
        for i, e in enumerate(got):
            if i not in used:
                score.fp += 1
                score.errors.append(f"{doc_id}: extra event {e.name!r} ({e.kind}, {e.date_start})")
    return score
