"""Person names the small English model misses, found by a title, a role or a known surname.

Each finder returns PERSON :class:`Mention` candidates that outvote the model's labels:

- :func:`title_anchored`: a name right after a title ("Director-General Agnes Callamard",
  "then-Supreme Leader Ruhollah Khomeini", "The NCRI's President-elect, Maryam Rajavi").
- :func:`role_anchored`: a capitalised name tied to a role ("X, a nurse", "X, who chairs",
  "X was appointed", "named X").
- :func:`full_names`: "Ebrahim Raisi" where only "Raisi" was found a person.

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("Director-General Agnes Callamard spoke.")
    >>> [doc.text[m.start : m.end] for m in title_anchored(doc)]
    ['Agnes Callamard']
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from claimkit.extract.doctext import text_of
from claimkit.vocab import vocab, word_set

__all__ = [
    "EVENT_HEADS",
    "Mention",
    "full_names",
    "has_org_word",
    "overlaps",
    "role_anchored",
    "title_anchored",
    "title_phrases",
]

EVENT_HEADS = {"hurricane", "typhoon", "cyclone", "storm", "tropical"}
"""Words that open the name of a storm ("Hurricane Maria"), never of a person."""

_ROLE_VERBS = {
    "appointed",
    "named",
    "elected",
    "selected",
    "chosen",
    "nominated",
    "promoted",
    "sworn",
    "became",
    "served",
    "serves",
    "resigned",
    "founded",
    "heads",
    "chairs",
    "leads",
}
"""Verbs after a name that tie it to a role ("X was appointed", "X heads")."""

_HONORIFICS = {("mr",), ("mr.",), ("mrs",), ("mrs.",), ("ms",), ("ms.",), ("dr",), ("dr.",)}
"""Titles that anchor a lone surname ("Mr Raisi")."""


@dataclass
class Mention:
    """A candidate entity mention: character span, label, vote weight and canonical name."""

    start: int
    end: int
    label: str
    weight: float = 1.0
    anchored: bool = False
    canonical: str = ""


def overlaps(a: Mention, spans: list[Mention]) -> bool:
    """Whether ``a`` overlaps any of ``spans``."""
    return any(a.start < b.end and b.start < a.end for b in spans)


@functools.cache
def title_phrases() -> tuple[tuple[str, ...], ...]:
    """Titles from ``data/titles.yaml`` as lower-case word tuples, longest first.

    Examples:
        >>> ("director-general",) in title_phrases()
        True
    """
    phrases = {tuple(str(t).lower().split()) for t in vocab("titles")["titles"]}
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases grouped by their first word, longest first."""
    groups: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in title_phrases():
        groups[phrase[0]].append(phrase)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in groups.items()}


@functools.cache
def _role_nouns() -> frozenset[str]:
    """Titles and occupations, lower-case: the words that name a role."""
    data = vocab("titles")
    return frozenset(str(w).lower() for w in [*data["titles"], *data["occupations"]])


def has_org_word(text: str) -> bool:
    """Whether ``text`` holds a word that names an organisation ("Ministry", "Council")."""
    words = word_set("titles", "org_words")
    return any(w.lower() in words for w in re.findall(r"[^\W\d_]+", text))


def title_anchored(doc: Doc) -> list[Mention]:
    """Names that follow a title: ``[title] [,] Name Name``."""
    not_name = word_set("titles", "not_name_words")
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array("LOWER").tolist()]
    found: list[Mention] = []
    i = 0
    n = len(doc)
    by_first = _titles_by_first_word()
    while i < n:
        matched = 0
        first_word = words[i]
        # "then-Supreme Leader": the prefix is glued to the first word of the title
        head, dash, rest = first_word.partition("-")
        if dash and head in ("then", "ex", "acting"):
            first_word = rest
        for phrase in by_first.get(first_word, ()):
            k = len(phrase)
            if tuple([first_word, *words[i + 1 : i + k]]) == phrase:
                matched = k
                break
        if not matched:
            i += 1
            continue
        j = i + matched
        # "President-elect" arrives as President - elect
        if j + 1 < n and doc[j].text == "-" and words[j + 1] == "elect":
            j += 2
        if j < n and doc[j].text == ",":
            j += 1
        first = j
        title_tok = doc[i + matched - 1]
        capitalised = title_tok.text[:1].isupper() or doc[i].text[:1].isupper()
        j = _name_end(doc, first, not_name)
        # a lower-case title anchors only a full name ("chief executive, Tim Cook")
        if not capitalised and j - first < 2:
            i += 1
            continue
        if has_org_word(doc[first:j].text):
            i = max(j, i + 1)
            continue
        if j - first >= 2 or (j - first == 1 and tuple(words[i : i + matched]) in _HONORIFICS):
            span = doc[first:j]
            found.append(
                Mention(span.start_char, span.end_char, "PERSON", weight=3.0, anchored=True)
            )
            i = j
        else:
            i += 1
    return found


def _name_end(doc: Doc, first: int, not_name: frozenset[str]) -> int:
    """End of the capitalised name starting at ``first`` (particles and hyphens allowed inside)."""
    particles = word_set("titles", "name_particles")
    n = len(doc)
    j = first
    while j < n and (j - first) < 5:
        tok = doc[j]
        glued = j > first and doc[j - 1].whitespace_ == ""
        if (
            tok.text == "-"
            and j > first
            and glued
            and not tok.whitespace_
            and j + 1 < n
            and doc[j + 1].text[:1].isupper()
        ):
            j += 1
            continue
        if tok.lower_ in particles and j > first and j + 1 < n and doc[j + 1].text[:1].isupper():
            j += 1
            continue
        # "al-Tayeb", "bin-Salman": a particle glued by a hyphen to the next part
        if (
            tok.lower_ in particles
            and j > first
            and j + 2 < n
            and doc[j + 1].text == "-"
            and doc[j + 2].text[:1].isupper()
            and not tok.whitespace_
            and not doc[j + 1].whitespace_
        ):
            j += 2
            continue
        if (
            tok.is_alpha
            and tok.text[:1].isupper()
            and tok.lower_ not in not_name
            and (j == first or not tok.is_sent_start)
        ):
            j += 1
        else:
            break
    while j > first and (doc[j - 1].text == "-" or doc[j - 1].lower_ in particles):
        j -= 1
    return j


def role_anchored(doc: Doc, model_labels: dict[int, str]) -> list[Mention]:
    """Capitalised names tied to a role: "X, a nurse", "X, who chairs", "X was appointed", "named X"."""
    not_name = word_set("titles", "not_name_words")
    roles = _role_nouns()
    found: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (tok.is_alpha and tok.text[:1].isupper() and tok.pos_ == "PROPN") or (
            i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha
        ):
            i += 1
            continue
        j = _name_end(doc, i, not_name)
        if j == i or has_org_word(doc[i:j].text):
            i = max(j, i + 1)
            continue
        label = model_labels.get(i, "")
        after = [t.lower_ for t in doc[j : j + 6]]
        before = doc[i - 1].lower_ if i else ""
        strong = False
        if (
            label in ("EVENT", "FAC", "LAW", "PRODUCT", "WORK_OF_ART")
            or doc[i].lower_ in EVENT_HEADS
        ):
            i = j
            continue
        if after[:1] == [","]:
            k = j + 1
            while k < n and doc[k].lower_ in ("a", "an", "the", "former", "then", "acting", "now"):
                k += 1
            if k < n and (doc[k].lower_ == "who" or _role_at(doc, k, roles)):
                strong = True
            # "X, the club's head coach": possessor before the role
            if "'s" in after or "’s" in after:
                k = after.index("'s") if "'s" in after else after.index("’s")
                tail = after[k + 1 :]
                if tail and (tail[0] in roles or " ".join(tail[:2]) in roles):
                    strong = True
        # "X was a young deputy prosecutor", "X is the president"
        if after[:1] in (["is"], ["was"]):
            k = j + 1
            while k < min(n, j + 4) and doc[k].pos_ in ("DET", "ADJ", "ADV"):
                k += 1
            if _role_at(doc, k, roles):
                strong = True
        if after[:1] and after[0] in _ROLE_VERBS - {"founded", "heads", "chairs", "leads"}:
            strong = True
        if after[:2] in (
            ["was", "appointed"],
            ["was", "named"],
            ["was", "elected"],
            ["was", "selected"],
            ["was", "chosen"],
            ["has", "been"],
            ["had", "been"],
            ["was", "sworn"],
        ):
            strong = True
        if (
            after[:1] in (["is"], ["was"])
            and len(after) > 2
            and (after[1] in roles or after[2] in roles or " ".join(after[2:4]) in roles)
        ):
            strong = True
        if before in ("named", "appointed", "elected"):
            strong = True
        # "The head of the judiciary was X", "whose president-elect is X"
        if before in ("was", "is") and i >= 2:
            words = [t.lower_ for t in doc[max(0, i - 5) : i - 1] if t.is_alpha]
            subj = next((c for c in doc[i - 1].children if c.dep_ == "nsubj"), None)
            if any(w in roles or w.split("-")[0] in roles for w in words) or (
                subj is not None and subj.lower_ in roles  # "The head ... at the time was X"
            ):
                strong = True
        weak = bool(after) and after[0] in ("heads", "chairs", "leads", "founded")
        placeish = any(doc[k].ent_type_ in ("GPE", "DATE", "LOC") for k in range(i, j))
        if any(doc[k].ent_type_ == "NORP" or doc[k].tag_ == "NNPS" for k in range(i, j)):
            i = j
            continue
        if (j - i < 2 and not strong) or (placeish and not strong):
            i = j
            continue
        if strong or (weak and label in ("", "PERSON")):
            span = doc[i:j]
            found.append(
                Mention(span.start_char, span.end_char, "PERSON", weight=3.0, anchored=True)
            )
        i = j
    return found


def _role_at(doc: Doc, k: int, roles: frozenset[str]) -> bool:
    """A role noun phrase starts at ``k`` and ends in a role word ("deputy prosecutor", "nurse").

    "official death toll" is no role: its last noun is not a role word.
    """
    end = k
    while (
        end < len(doc)
        and end - k < 4
        and doc[end].pos_ in ("NOUN", "PROPN", "ADJ")
        and not doc[end].is_punct
    ):
        end += 1
    if end == k:
        return False
    words = [t.lower_ for t in doc[k:end]]
    head = doc[end - 1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in roles:
            return True
    return words[-1].split("-")[-1] in roles


def full_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Ebrahim Raisi" where only "Raisi" was found a person: a capitalised first name before it."""
    text = text_of(doc)
    singles = {
        text[m.start : m.end]
        for m in mentions
        if m.label == "PERSON" and " " not in text[m.start : m.end]
    }
    stop = word_set("titles", "not_name_words") | {w for p in title_phrases() for w in p}
    out: list[Mention] = []
    for name in singles:
        for m in re.finditer(
            r"\b([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?) " + re.escape(name) + r"\b", text
        ):
            first = m.group(1)
            span = doc.char_span(m.start(1), m.end(1))
            if (
                first.lower() in stop
                or has_org_word(first)
                or span is None
                or span[0].pos_ != "PROPN"
            ):
                continue
            cand = Mention(m.start(), m.end(), "PERSON", weight=3.0, anchored=True)
            if not overlaps(cand, out) and not any(
                x.start <= cand.start and cand.end <= x.end
                for x in mentions
                if " " in text[x.start : x.end]
            ):
                out.append(cand)
    return out
