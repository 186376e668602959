"""Entities: spaCy's named entities, repaired where the small English model goes wrong.

Repairs, in order:

1. Title-anchored persons: a name right after a title ("Director-General Agnes Callamard",
   "then-Supreme Leader Ruhollah Khomeini", "The NCRI's President-elect, Maryam Rajavi") is a PERSON.
2. Acronyms defined in the text ("National Council of Resistance of Iran (NCRI)") share the long
   name as their canonical name.
3. Alias merging: a later "Raisi" takes the canonical "Ebrahim Raisi" and the PERSON label, whatever
   the model said, unless two people in the document share that surname.
4. Label voting across all mentions of one canonical name.
5. Headline and teaser fragments: a one-word PERSON found only in headline-like lines is dropped.

Example:
    >>> import claimkit
    >>> doc = claimkit.load()("Governor Ricardo Rosselló spoke. Later, Rosselló left.")
    >>> sorted({(e.canonical, e.label) for e in extract_entities(doc)})
    [('Ricardo Rosselló', 'PERSON')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from claimkit.extract.doctext import text_of
from claimkit.ids import entity_id, fold
from claimkit.records import Entity
from claimkit.vocab import vocab, word_set

__all__ = ["NAMED_LABELS", "extract_entities", "headline_lines", "title_phrases"]

NAMED_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "LANGUAGE",
    }
)
"""Entity labels claimkit keeps (numeric labels are covered by figures)."""

_POSSESSIVE = re.compile(r"(?:['’]s?|\s+['’]s?)$")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_CONNECTORS = {"of", "the", "and", "for", "in", "on", "de", "la", "&"}


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    weight: float = 1.0
    anchored: bool = False
    canonical: str = ""


@functools.cache
def title_phrases() -> tuple[tuple[str, ...], ...]:
    """Titles from ``data/titles.yaml`` as lower-case word tuples, longest first.

    Example:
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


def _strip(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip(" ,.;:\"'“”‘’")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that look like headlines or teasers, not body prose.

    A headline line has no closing sentence punctuation and most of its words capitalised; a teaser
    ends in an ellipsis.

    Example:
        >>> headline_lines("Iran Regime Is Unable To Win\\n\\nThe body text goes on here.")
        [(0, 28)]
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if not s:
            continue
        words = [w for w in re.findall(r"[^\W\d_]+", s) if len(w) > 3]
        caps = sum(w[0].isupper() for w in words)
        teaser = s.endswith(("...", "…"))
        headline = bool(words) and caps >= 0.6 * len(words) and not s.endswith((".", "”", '"', "!"))
        if headline or teaser:
            out.append((start, end))
    return out


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _title_anchored(doc: Doc) -> list[_Mention]:
    """Names that follow a title: ``[title] [,] Name Name``."""
    not_name = word_set("titles", "not_name_words")
    words = [t.text.lower() for t in doc]
    found: list[_Mention] = []
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
        if _has_org_word(doc[first:j].text):
            i = max(j, i + 1)
            continue
        if j - first >= 2 or (j - first == 1 and _honorific(words[i : i + matched])):
            span = doc[first:j]
            found.append(
                _Mention(span.start_char, span.end_char, "PERSON", weight=3.0, anchored=True)
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


def _has_org_word(text: str) -> bool:
    words = word_set("titles", "org_words")
    return any(w.lower() in words for w in re.findall(r"[^\W\d_]+", text))


def _honorific(words: list[str]) -> bool:
    return tuple(words) in {
        ("mr",),
        ("mr.",),
        ("mrs",),
        ("mrs.",),
        ("ms",),
        ("ms.",),
        ("dr",),
        ("dr.",),
    }


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


@functools.cache
def _role_nouns() -> frozenset[str]:
    data = vocab("titles")
    return frozenset(str(w).lower() for w in [*data["titles"], *data["occupations"]])


def _role_anchored(doc: Doc, model_labels: dict[int, str]) -> list[_Mention]:
    """Capitalised names tied to a role: "X, a nurse", "X, who chairs", "X was appointed", "named X"."""
    not_name = word_set("titles", "not_name_words")
    roles = _role_nouns()
    found: list[_Mention] = []
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
        if j == i or _has_org_word(doc[i:j].text):
            i = max(j, i + 1)
            continue
        label = model_labels.get(i, "")
        after = [t.lower_ for t in doc[j : j + 6]]
        before = doc[i - 1].lower_ if i else ""
        strong = False
        if (
            label in ("EVENT", "FAC", "LAW", "PRODUCT", "WORK_OF_ART")
            or doc[i].lower_ in _EVENT_HEADS
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
                tail = [w for w in after[k + 1 :]]
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
            if any(w in roles or w.split("-")[0] in roles for w in words):
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
                _Mention(span.start_char, span.end_char, "PERSON", weight=3.0, anchored=True)
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


def _acronyms(text: str, mentions: list[_Mention]) -> dict[str, str]:
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


def _overlaps(a: _Mention, spans: list[_Mention]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in spans)


def extract_entities(doc: Doc, doc_id: str = "") -> list[Entity]:
    """Named entities of ``doc`` with claimkit's repairs and canonical names.

    Args:
        doc: A parsed spaCy ``Doc`` (NER and sentence boundaries needed).
        doc_id: Id written into each record.

    Returns:
        One :class:`~claimkit.records.Entity` per mention, in text order.

    Example:
        >>> import claimkit
        >>> doc = claimkit.load()("The National Council of Resistance of Iran (NCRI) met. The NCRI said so.")
        >>> {e.canonical for e in extract_entities(doc) if e.text == "NCRI"}
        {'National Council of Resistance of Iran'}
    """
    text = text_of(doc)
    heads = headline_lines(text)
    anchored = [m for m in _title_anchored(doc) if not _in_ranges(m.start, heads)]
    model_labels = {t.i: t.ent_type_ for t in doc if t.ent_type_}
    anchored += [
        m
        for m in _role_anchored(doc, model_labels)
        if not _in_ranges(m.start, heads) and not _overlaps(m, anchored)
    ]
    base = [
        _Mention(e.start_char, e.end_char, _repair_label(e))
        for e in doc.ents
        if e.label_ in NAMED_LABELS and not _only_titles(e.text)
    ]
    base = [m for m in base if m.label != "NONE"]
    anchored += _full_names(doc, anchored + base)
    _extend_hyphenated(doc, base)
    _named_events(doc, base)
    # title-anchored persons replace overlapping model spans
    mentions = [m for m in base if not _overlaps(m, anchored)] + anchored
    for m in mentions:
        m.canonical = _strip(text[m.start : m.end])
    mentions = [m for m in mentions if m.canonical]

    acronyms = _acronyms(text, mentions)
    _merge_aliases(doc, mentions)
    for m in mentions:
        if m.canonical in acronyms:
            m.canonical = acronyms[m.canonical]
    _name_parts(mentions)
    _vote_labels(mentions)
    mentions = _drop_headline_fragments(text, mentions)

    sent_starts = [s.start_char for s in doc.sents]
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        sid = max(0, bisect.bisect_right(sent_starts, m.start) - 1)
        out.append(
            Entity(
                doc_id=doc_id,
                entity_id=entity_id(m.label, m.canonical),
                text=text[m.start : m.end],
                label=m.label,
                canonical=m.canonical,
                start_char=m.start,
                end_char=m.end,
                sentence_id=sid,
            )
        )
    return out


_ORG_NOUNS = {
    "agency",
    "website",
    "newspaper",
    "outlet",
    "broadcaster",
    "channel",
    "daily",
    "weekly",
    "magazine",
    "group",
    "party",
    "organisation",
    "organization",
    "network",
    "coalition",
    "movement",
    "foundation",
}
_EVENT_HEADS = {"hurricane", "typhoon", "cyclone", "storm", "tropical"}
_PLACE_PREPS = {"in", "at", "near", "from", "across", "outside", "inside", "to", "into", "around"}


def _repair_label(ent: object) -> str:
    """Fix PERSON labels the small model gives to organisations, facilities and places."""
    label: str = ent.label_  # type: ignore[attr-defined]
    if label != "PERSON":
        return label
    text: str = ent.text  # type: ignore[attr-defined]
    if _has_org_word(text):
        return "ORG"
    root = ent.root  # type: ignore[attr-defined]
    doc = root.doc
    end = ent.end  # type: ignore[attr-defined]
    start = ent.start  # type: ignore[attr-defined]
    nxt = [t.lower_ for t in doc[end : end + 3]]
    if (nxt[:1] and nxt[0] in _ORG_NOUNS) or (
        nxt[:2] and " ".join(nxt[:2]) in ("news agency", "news website", "news outlet")
    ):
        return "ORG"
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in _ORG_NOUNS:
            return "ORG"
    if start > 0 and doc[start - 1].lower_ in _EVENT_HEADS:
        return "EVENT"
    if start > 0 and doc[start - 1].lower_ in _ORG_NOUNS:
        return "ORG"  # "the opposition website Kalameh"
    opener = (
        start == root.sent.start
        or doc[start - 1].is_space
        or (doc[start - 1].is_sent_start and doc[start - 1].is_space)
    )
    if len(ent) == 1 and root.tag_ in ("NNS", "NN") and opener:  # type: ignore[arg-type]
        return "NONE"
    if len(ent) == 1:  # type: ignore[arg-type]
        if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
            return "GPE"
        if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC"):
            return "GPE"
    return label


def _full_names(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "Ebrahim Raisi" where only "Raisi" was found a person: a capitalised first name before it."""
    text = text_of(doc)
    singles = {
        text[m.start : m.end]
        for m in mentions
        if m.label == "PERSON" and " " not in text[m.start : m.end]
    }
    stop = word_set("titles", "not_name_words") | {w for p in title_phrases() for w in p}
    out: list[_Mention] = []
    for name in singles:
        for m in re.finditer(
            r"\b([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?) " + re.escape(name) + r"\b", text
        ):
            first = m.group(1)
            span = doc.char_span(m.start(1), m.end(1))
            if (
                first.lower() in stop
                or _has_org_word(first)
                or span is None
                or span[0].pos_ != "PROPN"
            ):
                continue
            cand = _Mention(m.start(), m.end(), "PERSON", weight=3.0, anchored=True)
            if not _overlaps(cand, out) and not any(
                x.start <= cand.start and cand.end <= x.end
                for x in mentions
                if " " in text[x.start : x.end]
            ):
                out.append(cand)
    return out


def _extend_hyphenated(doc: Doc, mentions: list[_Mention]) -> None:
    """Extend names over a glued hyphen and a capitalised part ("Rahmani" -> "Rahmani-Fazli")."""
    text = text_of(doc)
    for m in mentions:
        rest = text[m.end : m.end + 40]
        hit = re.match(r"-[A-Z][^\W\d_]+", rest)
        if hit and m.label in ("PERSON", "ORG", "GPE"):
            m.end += hit.end()


def _named_events(doc: Doc, mentions: list[_Mention]) -> None:
    """Mark "Hurricane Maria" an event, and a later "Maria" too."""
    text = text_of(doc)
    names: dict[str, str] = {}
    for found in re.finditer(
        r"\b(Hurricane|Typhoon|Cyclone|Tropical Storm|Storm) ([A-Z][a-z]+)\b", text
    ):
        names[found.group(2)] = found.group(0)
    if not names:
        return
    for mention in mentions:
        word = text[mention.start : mention.end]
        bare = re.sub(r"^(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Storm) ", "", word)
        if bare in names:
            mention.label = "EVENT"
            mention.canonical = names[bare]


def _only_titles(text: str) -> bool:
    words = {w for p in title_phrases() for w in p}
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    return bool(toks) and all(t in words or t in ("then", "elect") for t in toks)


def _merge_aliases(doc: Doc, mentions: list[_Mention]) -> None:
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
        if len(parts) < 2 or _has_org_word(m.canonical):
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
                mentions.append(_Mention(s, e, "PERSON", 2.0, canonical=surnames[key]))
                taken.append((s, e))


def _name_parts(mentions: list[_Mention]) -> None:
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


def _vote_labels(mentions: list[_Mention]) -> None:
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m in mentions:
        votes[fold(m.canonical)][m.label] += m.weight
    for m in mentions:
        tally = votes[fold(m.canonical)]
        m.label = max(tally, key=lambda label: (tally[label], label == "PERSON"))


def _drop_headline_fragments(text: str, mentions: list[_Mention]) -> list[_Mention]:
    lines = headline_lines(text)
    if not lines:
        return mentions
    confirmed = {
        fold(m.canonical)
        for m in mentions
        if m.label == "PERSON" and (m.anchored or not _in_ranges(m.start, lines))
    }
    keep = []
    for m in mentions:
        if (
            m.label == "PERSON"
            and _in_ranges(m.start, lines)
            and fold(m.canonical) not in confirmed
        ):
            byline = re.search(r"\bby\s$", text[max(0, m.start - 4) : m.start], re.I) is not None
            if not byline:
                continue
        keep.append(m)
    return keep
