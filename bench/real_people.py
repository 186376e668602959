"""People sets of ``bench/real.py``: CoNLL-2003 PERSON spans and Re-DocRED person–organisation pairs.

Both compare claimkit with the bare spaCy model it is built on (the README's baseline): PERSON
entities of ``nlp(text)`` for CoNLL, every PERSON × (ORG or GPE) pair within one sentence for
Re-DocRED.

Example:
    >>> norm("Barack  Obama 's")
    'barack obama'
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import claimkit
from claimkit.pipeline import _pick_model
from real_common import Metric, Result, prf

SENTENCES_PER_DOC = 30


@cache
def bare_model() -> Any:
    """The spaCy pipeline claimkit loads, without claimkit's components."""
    import spacy

    return spacy.load(_pick_model(None))


# --- CoNLL-2003 ---------------------------------------------------------------------------------


def conll_docs(path: Path) -> list[tuple[str, set[tuple[int, int]]]]:
    """Documents of 30 sentences: their text and gold PER spans as character offsets."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text("utf-8").split("\n"):
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((parts[0], parts[1]))
    if current:
        sentences.append(current)
    docs = []
    for i in range(0, len(sentences), SENTENCES_PER_DOC):
        text_parts: list[str] = []
        spans: set[tuple[int, int]] = set()
        offset = 0
        for sent in sentences[i : i + SENTENCES_PER_DOC]:
            if text_parts:
                offset += 1  # the "\n" between sentences
            open_span: list[int] | None = None
            for j, (tok, tag) in enumerate(sent):
                start = offset
                end = start + len(tok)
                if tag == "B-PER" or (tag == "I-PER" and open_span is None):
                    if open_span:
                        spans.add((open_span[0], open_span[1]))
                    open_span = [start, end]
                elif tag == "I-PER" and open_span is not None:
                    open_span[1] = end
                else:
                    if open_span:
                        spans.add((open_span[0], open_span[1]))
                    open_span = None
                offset = end + (1 if j < len(sent) - 1 else 0)
            if open_span:
                spans.add((open_span[0], open_span[1]))
            text_parts.append(" ".join(t for t, _ in sent))
        docs.append(("\n".join(text_parts), spans))
    return docs


def _context(text: str, span: tuple[int, int]) -> str:
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    a, b = span[0] - line_start, span[1] - line_start
    return f"{line[max(0, a - 60) : a]}[[{line[a:b]}]]{line[b : b + 60]}"


def score_conll(path: Path) -> Result:
    """PERSON precision, recall and F1 with exact offsets, claimkit and the bare model."""
    docs = conll_docs(path)
    texts = [t for t, _ in docs]
    analyses = list(claimkit.analyze_many(texts, tables=["entities"]))
    bare = list(bare_model().pipe(texts))
    counts = {"claimkit": [0, 0, 0], "bare": [0, 0, 0]}
    errors: dict[str, list[Any]] = {"missed": [], "extra": [], "lost from the model": []}
    for (text, gold), a, doc in zip(docs, analyses, bare, strict=True):
        ours = {(e.start_char, e.end_char) for e in a.entities if e.label == "PERSON"}
        model = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
        for name, pred in (("claimkit", ours), ("bare", model)):
            c = counts[name]
            c[0] += len(pred & gold)
            c[1] += len(pred)
            c[2] += len(gold)
        labels = {(e.start_char, e.end_char): e.label for e in a.entities}
        for s in sorted(gold - ours):
            got = labels.get(s, "no entity")
            errors["missed"].append(f"{_context(text, s)}\n  claimkit: {got}; gold PERSON")
        for s in sorted(ours - gold):
            errors["extra"].append(
                f"{_context(text, s)}\n  claimkit PERSON; gold not a PERSON span"
            )
        for s in sorted((model & gold) - ours):
            errors["lost from the model"].append(f"{_context(text, s)}\n  model PERSON (right)")
    metrics = []
    for i, what in enumerate(("precision", "recall", "F1")):
        ck = prf(*counts["claimkit"])[i]
        base = prf(*counts["bare"])[i]
        metrics.append(Metric(f"PERSON {what}", ck, base, "bare spaCy model"))
    return Result([metrics[2], metrics[0], metrics[1]], errors)


# --- Re-DocRED ----------------------------------------------------------------------------------

FORWARD = {"P108", "P463", "P102", "P54"}  # person is the head
BACKWARD = {"P488", "P6", "P35"}  # person is the tail
_APOS = re.compile(r"\s*'s\b")


def norm(name: str) -> str:
    """Lower case, no ``'s``, whitespace collapsed (the README's normalisation)."""
    return " ".join(_APOS.sub("", name.lower()).split())


def find_cluster(doc: dict[str, Any], name: str, types: tuple[str, ...]) -> int | None:
    """The first cluster of one of ``types`` that ``name`` names (equal, or one ends the other)."""
    n = norm(name)
    if not n:
        return None
    for i, cluster in enumerate(doc["vertexSet"]):
        if cluster[0]["type"] not in types:
            continue
        for m in cluster:
            mn = norm(m["name"])
            if mn == n or mn.endswith(" " + n) or n.endswith(" " + mn):
                return i
    return None


def gold_pairs(doc: dict[str, Any]) -> set[tuple[int, int]]:
    """(person cluster, organisation cluster) pairs of a document's labels."""
    pairs = set()
    for lab in doc["labels"]:
        if lab["r"] in FORWARD:
            p, o = lab["h"], lab["t"]
        elif lab["r"] in BACKWARD:
            p, o = lab["t"], lab["h"]
        else:
            continue
        if doc["vertexSet"][p][0]["type"] == "PER" and doc["vertexSet"][o][0]["type"] in (
            "ORG",
            "LOC",
        ):
            pairs.add((p, o))
    return pairs


def _pairs(doc: dict[str, Any], named: list[tuple[str, str]]) -> set[tuple[int, int]]:
    out = set()
    for person, org in named:
        p = find_cluster(doc, person, ("PER",))
        o = find_cluster(doc, org, ("ORG", "LOC"))
        if p is not None and o is not None:
            out.add((p, o))
    return out


def score_redocred(path: Path) -> Result:
    """Person–organisation pair F1 from claimkit's roles, and same-sentence pairing."""
    docs = json.loads(path.read_text("utf-8"))
    texts = [" ".join(" ".join(s) for s in d["sents"]) for d in docs]
    analyses = list(claimkit.analyze_many(texts, tables=["roles"]))
    bare = list(bare_model().pipe(texts))
    counts = {"claimkit": [0, 0, 0], "bare": [0, 0, 0]}
    errors: dict[str, list[Any]] = {"missed": [], "extra": []}
    for d, a, doc in zip(docs, analyses, bare, strict=True):
        gold = gold_pairs(d)
        ours = _pairs(d, [(r.person, r.organization) for r in a.roles if r.organization])
        same: list[tuple[str, str]] = []
        for sent in doc.sents:
            people = [e.text for e in sent.ents if e.label_ == "PERSON"]
            orgs = [e.text for e in sent.ents if e.label_ in ("ORG", "GPE")]
            same += [(p, o) for p in people for o in orgs]
        base = _pairs(d, same)
        for name, pred in (("claimkit", ours), ("bare", base)):
            c = counts[name]
            c[0] += len(pred & gold)
            c[1] += len(pred)
            c[2] += len(gold)
        vs = d["vertexSet"]
        for p, o in sorted(gold - ours):
            sid = vs[p][0]["sent_id"]
            errors["missed"].append(
                f"{d['title']}: {vs[p][0]['name']} — {vs[o][0]['name']}\n"
                f"  sentence: {' '.join(d['sents'][sid])[:240]}\n"
                f"  claimkit roles: {[(r.person, r.role, r.organization) for r in a.roles][:6]}"
            )
        for p, o in sorted(ours - gold):
            errors["extra"].append(
                f"{d['title']}: claimkit {vs[p][0]['name']} — {vs[o][0]['name']}, not in gold"
            )
    metrics = []
    for i, what in enumerate(("precision", "recall", "F1")):
        ck = prf(*counts["claimkit"])[i]
        base = prf(*counts["bare"])[i]
        metrics.append(Metric(f"person–organisation {what}", ck, base, "same-sentence pairing"))
    return Result([metrics[2], metrics[0], metrics[1]], errors)
