"""The real development sets of ``bench/real.py``: how each is read and scored.

Each set is a :class:`Set` whose ``score`` reads the set's file, analyses it with claimkit and
returns :class:`Metric` rows (claimkit's score and the README's baseline) with sampled errors. The
rules are the ones in each set's README under ``../shared/benchmarks/``.

Example:
    >>> [s.name for s in SETS]
    ['newsquant', 'gva-dev', 'gva-multi-dev', 'conll2003-dev', 'redocred-dev']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import claimkit
import newsquant
import real_people
from real_common import Metric, Result, read_jsonl


@dataclass
class Set:
    """A development set: its name, folder and file under the benchmarks folder, its scorer."""

    name: str
    folder: str
    file: str
    score: Callable[[Path], Result]


def largest(figures: list[claimkit.Figure], category: str) -> float:
    """The largest value among figures of ``category`` (a range's high end), 0 when there is none."""
    values = [
        f.value if f.value is not None else (f.high or f.low or 0.0)
        for f in figures
        if f.category == category
    ]
    return max(values, default=0.0)


def score_newsquant(path: Path) -> Result:
    """NewsQuant dev: value and value+change F1, strict and one-to-one per sentence."""
    rows = json.loads(path.read_text("utf-8"))
    analyses = list(claimkit.analyze_many([r["text"] for r in rows], batch_size=64))
    predicted = [a.figures for a in analyses]
    metrics, errors = [], {}
    cqe = {"value": 0.902, "value+change": 0.856}
    for name, with_change in (("value", False), ("value+change", True)):
        p, r, f1, misses = newsquant.score(rows, predicted, with_change)
        metrics.append(Metric(f"{name} F1", f1, cqe[name], "CQE, published"))
        metrics.append(Metric(f"{name} precision", p))
        metrics.append(Metric(f"{name} recall", r))
        if not with_change:
            errors["missed"] = [
                f"{m[1]!r}\n  gold {m[2]} ({m[3]}), not found" for m in misses if m[0] == "missed"
            ]
            errors["extra"] = [
                f"{m[1]!r}\n  claimkit {m[2]!r} = {m[3]} ({m[4]}), not in gold"
                for m in misses
                if m[0] == "extra"
            ]
        else:
            errors["wrong change"] = [
                f"{m[1]!r}\n  gold {m[2]} ({m[3]})" for m in misses if m[0] == "missed"
            ]
    return Result(metrics, errors)


def _gva_item(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("doc_id", "title", "published", "source")
    return {"text": row["text"], **{k: row[k] for k in keys if row.get(k)}}


def _casualty_lines(a: claimkit.Analysis, category: str) -> str:
    figs = [f for f in a.figures if f.category == category]
    return "; ".join(f"{f.text!r} in {f.sentence.strip()[:160]!r}" for f in figs[:4]) or "none"


def score_gva(path: Path) -> Result:
    """gva-dev: the largest killed and injured figure of each article against the true count."""
    rows = read_jsonl(path)
    analyses = list(claimkit.analyze_many([_gva_item(r) for r in rows], tables=["figures"]))
    right = scored = alarms = zeros = alarmed = 0
    errors: dict[str, list[Any]] = {"wrong count": [], "false alarm": []}
    for row, a in zip(rows, analyses, strict=True):
        alarms_before = alarms
        for cat in ("killed", "injured"):
            got, want = largest(a.figures, cat), row[cat]
            if want >= 2:
                scored += 1
                right += got == want
                if got != want:
                    errors["wrong count"].append(
                        lambda a=a, c=cat, g=got, w=want, t=row["title"]: (
                            f"{t!r}: {c} claimkit {g:g}, gold {w}\n  {_casualty_lines(a, c)}"
                        )
                    )
            elif want == 0:
                zeros += 1
                if got >= 2:
                    alarms += 1
                    errors["false alarm"].append(
                        lambda a=a, c=cat, g=got, t=row["title"]: (
                            f"{t!r}: {c} claimkit {g:g}, gold 0\n  {_casualty_lines(a, c)}"
                        )
                    )
        alarmed += alarms > alarms_before
    return Result(
        [
            Metric(
                f"largest killed/injured = true count ({scored} categories)",
                right / scored,
                0.778,
                "literal ceiling",
            ),
            Metric(f"false alarms ({zeros} zero categories)", alarms / zeros),
            Metric(f"articles with a false alarm ({len(rows)} articles)", alarmed / len(rows)),
        ],
        errors,
    )


def score_gva_multi(path: Path) -> Result:
    """gva-multi-dev: compare over every article; grouping and separation of incidents."""
    rows = read_jsonl(path)
    analyses = list(claimkit.analyze_many([_gva_item(r) for r in rows]))
    df = claimkit.compare(analyses)
    incident = {r["doc_id"]: r["incident_id"] for r in rows}
    truth = {r["incident_id"]: r for r in rows}
    errors: dict[str, list[Any]] = {"not grouped": [], "joins incidents": []}
    checks = passed = 0
    for inc, row in truth.items():
        for cat in ("killed", "injured"):
            if row[cat] < 2:
                continue
            sel = df[
                (df["doc_id"].map(incident) == inc)
                & (df["category"].astype("string") == cat)
                & (df["value"] == row[cat])
            ]
            if sel["doc_id"].nunique() < 2:
                continue
            checks += 1
            clusters = set(sel["cluster"].astype(object).where(sel["cluster"].notna(), None))
            ok = len(clusters) == 1 and None not in clusters
            passed += ok
            if not ok:
                by_doc = sel.groupby("doc_id")["cluster"].apply(lambda s: sorted(map(str, set(s))))
                errors["not grouped"].append(
                    f"incident {inc} ({row['date']}, {row['city']}) {cat} = {row[cat]}: "
                    + "; ".join(f"{d[:8]} {c}" for d, c in by_doc.items())
                )
    cas = df[df["cluster"].notna() & df["category"].astype("string").isin(["killed", "injured"])]
    n_clusters = good = 0
    for cluster, group in cas.groupby("cluster"):
        n_clusters += 1
        incs = {incident[d] for d in group["doc_id"]}
        good += len(incs) == 1
        if len(incs) > 1:
            errors["joins incidents"].append(
                f"{cluster}: incidents {sorted(incs)}; values "
                + ", ".join(
                    f"{d[:8]}={v:g}"
                    for d, v in zip(group["doc_id"], group["value"].fillna(-1), strict=True)
                )
            )
    return Result(
        [
            Metric(f"grouping ({checks} checks)", passed / checks if checks else None),
            Metric(
                f"separation ({n_clusters} clusters)", good / n_clusters if n_clusters else None
            ),
        ],
        errors,
    )


SETS = [
    Set("newsquant", "newsquant", "dev.json", score_newsquant),
    Set("gva-dev", "gva-dev", "articles.jsonl", score_gva),
    Set("gva-multi-dev", "gva-multi-dev", "articles.jsonl", score_gva_multi),
    Set("conll2003-dev", "conll2003-dev", "valid.txt", real_people.score_conll),
    Set("redocred-dev", "redocred-dev", "role_docs.json", real_people.score_redocred),
]
