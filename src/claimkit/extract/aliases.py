"""One entity under many names: acronyms, short aliases of full names, and label votes.

These repairs look at all the mentions of a document together:

- :func:`acronyms`: "National Council of Resistance of Iran (NCRI)" makes "NCRI" a short name.
- :func:`merge_aliases`: a later "Raisi" takes the canonical "Ebrahim Raisi" and the PERSON label,
  whatever the model said, unless two people in the document share that surname.
- :func:`name_parts`: a lone "Northbridge" that opens a longer place name is a place.
- :func:`vote_labels`: all mentions of one canonical name get the label they vote for.

Examples:
    >>> acronyms("The National Council of Resistance of Iran (NCRI) met.")
    {'NCRI': 'National Council of Resistance of Iran'}
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from claimkit.extract.person_names import Mention, has_org_word
from claimkit.ids import fold

__all__ = ["acronyms", "merge_aliases", "name_parts", "vote_labels"]

_ACRONYM = re.compile(r"\(\s?([A-Z][A-Za-z]{1,7})\s?\)")
_CONNECTORS = {"of", "the", "and", "for", "in", "on", "de", "la", "&"}


def acronyms(text: str) -> dict[str, str]:
    """Acronym -> long name for "Long Name (ACR)" definitions."""
    out: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        letters = [c for c in acr if c.isupper()]
        before = text[: m.start()].rstrip()
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|&", before)[-12:]
        # walk back collecting capitalised words (and connectors) until the initials match
        picked: list[str] = []
        initials: list[str] = []
        for w in reversed(words):
            if w[:1].isupper():
                picked.insert(0, w)
                initials.insert(0, w[0])
            elif w.lower() in _CONNECTORS and picked:
                picked.insert(0, w)
            else:
                break
            if initials == letters:
                break
        if initials == letters and picked:
            while picked and picked[0].lower() in _CONNECTORS:
                picked.pop(0)
            out[acr] = " ".join(picked)
    return out


def merge_aliases(doc: Doc, mentions: list[Mention]) -> None:
    """Give short mentions of a full PERSON name its canonical name.

    "Raisi" and "Ms Li" join "Ebrahim Raisi" and "Li Wenjun" (last or first name), unless two people
    in the document share that name. A full name the model labelled otherwise joins too when a short
    mention of it is a PERSON.
    """
    short_person = {
        fold(m.canonical) for m in mentions if m.label == "PERSON" and len(m.canonical.split()) == 1
    }
    full = set()
    for m in mentions:
        parts = m.canonical.split()
        if len(parts) < 2 or has_org_word(m.canonical):
            continue
        if m.label == "PERSON" or (
            m.label in ("ORG", "GPE", "NORP", "FAC") and fold(parts[-1]) in short_person
        ):
            full.add(m.canonical)
    alias_owner: dict[str, set[str]] = defaultdict(set)
    for name in full:
        parts = name.split()
        alias_owner[fold(parts[-1])].add(name)
        if "-" in parts[-1]:
            alias_owner[fold(parts[-1].split("-")[0])].add(name)
        alias_owner[fold(parts[0])].add(name)
        if len(parts) >= 3:
            alias_owner[fold(" ".join(parts[-2:]))].add(name)
    unique = {a: next(iter(names)) for a, names in alias_owner.items() if len(names) == 1}
    full_starts = sorted((m.start, m.canonical) for m in mentions if m.canonical in full)
    for m in mentions:
        if m.canonical in full:
            m.label = "PERSON"
            m.weight = max(m.weight, 2.0)
            continue
        key = fold(m.canonical)
        owner = unique.get(key)
        ambiguous = alias_owner.get(key, set())
        if (
            owner is None
            and len(ambiguous) > 1
            and (m.label == "PERSON" or all(fold(n.split()[-1]) == key for n in ambiguous))
        ):
            # two people share the name: the one named most recently before this mention
            before = [
                name for start, name in full_starts if start < m.start and name in alias_owner[key]
            ]
            owner = before[-1] if before else None
        if owner is not None and (m.label == "PERSON" or key == fold(owner.split()[-1])):
            m.canonical = owner
            m.label = "PERSON"
            m.weight = 2.0
    # mentions the model missed entirely (surnames only)
    surnames = {k: v for k, v in unique.items() if k == fold(v.split()[-1])}
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc:
        key = fold(tok.text)
        if key in surnames and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X"):
            s, e = tok.idx, tok.idx + len(tok.text)
            if not any(a < e and s < b for a, b in taken):
                mentions.append(Mention(s, e, "PERSON", 2.0, canonical=surnames[key]))
                taken.append((s, e))


def name_parts(mentions: list[Mention]) -> None:
    """A lone "Northbridge" that starts a longer place or organisation name is a place."""
    starts = {
        m.canonical.split()[0]
        for m in mentions
        if m.label in ("ORG", "GPE", "FAC", "LOC") and len(m.canonical.split()) > 1
    }
    for m in mentions:
        if (
            m.label == "PERSON"
            and not m.anchored
            and m.weight < 2
            and " " not in m.canonical
            and m.canonical in starts
        ):
            m.label = "GPE"


def vote_labels(mentions: list[Mention]) -> None:
    """Give every mention of a canonical name the label with the most weight (PERSON on a tie)."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m in mentions:
        votes[fold(m.canonical)][m.label] += m.weight
    for m in mentions:
        tally = votes[fold(m.canonical)]
        m.label = max(tally, key=lambda label: (tally[label], label == "PERSON"))
