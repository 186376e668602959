"""Role wording: the words that state an office, and readers for a role noun's text.

The word sets name the verbs and nouns of appointments and offices; the readers take a role noun
and return its role text and qualifier ("then", "former", "elect"), its organisation (from a
possessor or an of-phrase) and the date attached to it.

Examples:
    >>> split_qualifier("former president-elect")
    ('president', 'elect')
    >>> is_title("then-supreme leader")
    True
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from claimkit.extract.dates import date_phrases, parse_period
from claimkit.extract.person_names import title_phrases
from claimkit.records import Entity
from claimkit.vocab import vocab

__all__ = [
    "APPOINT_NOUNS",
    "APPOINT_VERBS",
    "BODY_NOUNS",
    "COPULAS",
    "HEAD_VERBS",
    "MEMBER_NOUNS",
    "is_role_noun",
    "is_title",
    "org_of",
    "qualifiers",
    "role_date",
    "role_text",
    "split_qualifier",
    "unnamed_org",
]

APPOINT_VERBS = {
    "appointed",
    "named",
    "selected",
    "elected",
    "chosen",
    "made",
    "promoted",
    "nominated",
    "installed",
    "confirmed",
    "sworn",
    "became",
    "become",
    "becomes",
    "re-elected",
    "reelected",
    "tapped",
    "hired",
    "served",
    "serves",
    "serving",
    "worked",
    "works",
    "acted",
    "remained",
    "remains",
    "succeeded",
    "succeeds",
    "replaced",
    "replaces",
    "joined",
    "joins",
    "join",
}
"""Verbs that give their subject or object a role ("was appointed as", "served as", "succeeded
him as president", "joined Apple as a senior vice president")."""

COPULAS = {"is", "was", "are", "were", "remains", "remained", "became", "becomes", "been", "be"}
"""Verbs that equate their subject with a role noun ("X was the president")."""

APPOINT_NOUNS = {
    "selection",
    "appointment",
    "election",
    "nomination",
    "inauguration",
    "promotion",
    "rise",
}
"""Nouns of appointment whose possessor takes the role ("Raisi's selection as president")."""

BODY_NOUNS = frozenset(str(w) for w in vocab("titles")["body_nouns"])
"""Nouns of a body someone can head ("committee", "board", "ministry")."""

HEAD_VERBS = {
    "heads": "head",
    "headed": "head",
    "leads": "leader",
    "led": "leader",
    "chairs": "chair",
    "chaired": "chair",
    "runs": "head",
    "ran": "head",
    "directs": "director",
    "directed": "director",
    "founded": "founder",
    "commands": "commander",
    "commanded": "commander",
    "manages": "manager",
    "oversees": "head",
    "oversaw": "head",
}
"""Verbs of a relative clause that state a role, and that role ("X, who heads Y": head)."""

MEMBER_NOUNS = {
    "officials",
    "members",
    "judges",
    "people",
    "men",
    "clerics",
    "prosecutors",
    "commissioners",
}
"""Plural nouns that make "selected as one of four officials" a membership."""

_DROP_ADJ = {
    "young",
    "senior",
    "prominent",
    "powerful",
    "influential",
    "hardline",
    "leading",
    "outspoken",
    "new",
    "current",
    "incumbent",
    "sitting",
    "longtime",
    "long-time",
    "veteran",
    "newly",
    "top",
    "then",
    "now",
}
"""Adjectives left out of a role's text ("a young deputy prosecutor": deputy prosecutor)."""

_AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ee|chief|head|judge)$")
"""Endings of nouns that name a person by what they do ("prosecutor", "spokesman")."""


@functools.cache
def _title_words() -> frozenset[str]:
    """Title phrases as lower-case strings."""
    return frozenset(" ".join(p) for p in title_phrases())


@functools.cache
def qualifiers() -> dict[str, str]:
    """Qualifier prefixes ("former", "then-") and the qualifier each gives a role."""
    return {str(k): str(v) for k, v in vocab("titles")["qualifier_prefixes"].items()}


@functools.cache
def _occupations() -> frozenset[str]:
    """Occupation nouns, lower-case ("nurse", "lawyer")."""
    return frozenset(str(w).lower() for w in vocab("titles")["occupations"])


def is_role_noun(tok: Token) -> bool:
    """Whether ``tok`` is a noun that names a role: a title, an occupation or an agent noun."""
    word = tok.lower_
    if word in _occupations() and tok.pos_ in ("NOUN", "PROPN"):
        return True
    if (
        tok.i > 0
        and f"{tok.doc[tok.i - 1].lower_} {word}" in _title_words()
        and tok.pos_ in ("NOUN", "PROPN")
    ):
        return True
    if tok.pos_ not in ("NOUN", "PROPN") or (
        tok.tag_ in ("NNS", "NNPS") and word not in _title_words()
    ):
        return False
    if tok.ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL"):
        return False
    return (
        word in _title_words()
        or word.split("-")[0] in _title_words()
        or bool(_AGENTIVE.search(word))
    )


def is_title(words: str) -> bool:
    """Whether lower-case ``words`` end in a title once qualifiers and "-elect" are stripped."""
    w = words
    for prefix in qualifiers():
        p = prefix.rstrip("-")
        if w.startswith(p + "-") or w.startswith(p + " "):
            w = w[len(p) + 1 :]
    w = re.sub(r"[- ]elect$", "", w)
    parts = w.split()
    return bool(parts) and (w in _title_words() or parts[-1] in _title_words())


def _strip_qualifier(words: str) -> tuple[str, str | None]:
    """``words`` without their longest qualifier prefix, and that prefix's qualifier."""
    for prefix, q in sorted(qualifiers().items(), key=lambda kv: -len(kv[0])):
        p = prefix.rstrip("-")
        if words.startswith(p + "-") or words.startswith(p + " "):
            return words[len(p) + 1 :], q
    return words, None


def split_qualifier(words: str) -> tuple[str, str | None]:
    """A title's role text and qualifier: "former president-elect" is ("president", "elect")."""
    words, qualifier = _strip_qualifier(words)
    if re.search(r"[- ]elect$", words):
        qualifier = "elect"
        words = re.sub(r"[- ]elect$", "", words)
    return words.strip(), qualifier


def org_of(tok: Token, ents: dict[int, Entity]) -> tuple[str | None, set[int]]:
    """Organisation from a possessor or an of-phrase of the role noun, and the tokens it used."""
    used: set[int] = set()
    for child in tok.children:
        if child.dep_ == "poss" and _refers_to_org(child):
            # "its co-founder", "the company's chief operating officer": the organisation before
            used.update(range(child.left_edge.i, child.i + 2))
            return _org_before(child, ents), used
        if child.dep_ == "poss":
            used.update(range(child.left_edge.i, child.i + 2))
            # "Amnesty International's director" names an organisation; "Tehran's deputy
            # prosecutor" a jurisdiction and "Khomeini's chosen successor" a person: neither
            if child.i in ents and ents[child.i].label in ("ORG", "NORP"):
                return ents[child.i].canonical, used
            if child.i not in ents and child.pos_ == "PROPN":
                return child.doc[child.left_edge.i : child.i + 1].text, used  # an untagged name
            return None, used
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "for"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if (
                pobj is not None
                and pobj.i in ents
                and ents[pobj.i].label in ("ORG", "GPE", "NORP", "FAC")
            ):
                used.update(range(child.i, pobj.right_edge.i + 1))
                return ents[pobj.i].canonical, used
            if pobj is not None and tok.lower_ in ("member", "members") and child.lower_ == "of":
                used.update(range(child.i, pobj.right_edge.i + 1))
                return unnamed_org(pobj), used
    return None, used


_ORG_REFERENCES = frozenset(
    [
        "company",
        "firm",
        "group",
        "corporation",
        "organisation",
        "organization",
        "agency",
        "party",
        "bank",
        "network",
        "studio",
        "label",
        "club",
        "university",
    ]
)


def _org_before(poss: Token, ents: dict[int, Entity]) -> str | None:
    """The organisation "its" or "the company's" refers to: the last one named in this sentence or
    the one before, unless a place is named after it ("Acme opened a plant in Springfield. The city
    said its mayor ...")."""
    start = poss.sent.start
    if start > 0:
        start = poss.doc[start - 1].sent.start
    for i in sorted((i for i in ents if start <= i < poss.left_edge.i), reverse=True):
        if ents[i].label in ("GPE", "LOC"):
            return None
        if ents[i].label == "ORG":
            return ents[i].canonical
    return None


def _refers_to_org(poss: Token) -> bool:
    """A possessor that refers back to an organisation: "its", "the company's"."""
    if poss.lower_ == "its":
        return True
    return (
        poss.lower_ in _ORG_REFERENCES
        and poss.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in poss.children)
    )


def unnamed_org(tok: Token) -> str | None:
    """An unnamed body as an organisation only when it is a multi-word name ("death commission")."""
    doc = tok.doc
    left = tok.i
    while (
        left - 1 >= 0
        and doc[left - 1].head.i == tok.i
        and doc[left - 1].dep_ in ("compound", "amod", "nmod")
    ):
        left -= 1
    if left == tok.i:
        return None
    text = doc[left : tok.i + 1].text
    return re.sub(r"^[‘'\"“]+|[’'\"”]+$", "", text).strip("‘’'\"“” ")


def role_text(tok: Token, skip: set[int], ents: dict[int, Entity]) -> tuple[str, str | None]:
    """Lower-case role words for the role noun ``tok`` and the qualifier they carry."""
    doc = tok.doc
    left = tok.i
    while left - 1 >= 0:
        prev = doc[left - 1]
        hyphen = (
            prev.text == "-"
            and not prev.whitespace_
            and left - 2 >= 0
            and not doc[left - 2].whitespace_
        )
        if prev.i in skip or not (
            hyphen
            or prev.dep_ in ("compound", "amod", "nmod", "advmod")
            or prev.lower_ in qualifiers()
        ):
            break
        if not hyphen and not (left <= prev.head.i <= tok.i):
            break
        if prev.i in ents and ents[prev.i].label in ("ORG", "GPE", "PERSON"):
            break
        if prev.ent_type_ in ("NORP", "ORDINAL") or prev.tag_ == "JJS":
            break  # "French politician", "ninth Secretary-General", "longest-serving": no part of the title
        left -= 1
    right = tok.i + 1
    # "director general", "chief financial officer": a title the parse split
    while (
        right < len(doc)
        and " ".join(t.lower_ for t in doc[left : right + 1]).replace(" - ", "-") in _title_words()
    ):
        right += 1
    words = [t.text for t in doc[left:right]]
    text = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    low, qualifier = _strip_qualifier(text.lower())
    if low.endswith("-elect") or low.endswith(" elect"):
        qualifier = "elect"
        low = low[: -len("-elect")]
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "elect":
        qualifier = "elect"
    parts = [w for w in low.split() if w not in _DROP_ADJ]
    # an of-phrase that is no named organisation belongs to the role ("head of the judiciary")
    for child in tok.rights:
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and tok.lower_ not in ("member", "members")
        ):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i not in ents and pobj.pos_ == "NOUN":
                tail = doc[child.i : pobj.i + 1].text.lower()
                parts.append(tail)
    return " ".join(parts).strip(), qualifier


def role_date(
    sent: Span, anchors: set[int], published: str | None
) -> tuple[str | None, str | None]:
    """The date of a DATE phrase attached to one of ``anchors`` (the role's verb or noun)."""
    doc = sent.doc
    for start, end, text in date_phrases(sent):
        for root in doc[start:end]:
            tok = root
            hit = False
            for _ in range(3):
                if tok.head.i in anchors:
                    hit = True
                    break
                if tok.head == tok or (
                    tok.head.pos_ in ("VERB", "AUX") and tok.head.i not in anchors
                ):
                    break
                tok = tok.head
            if hit:
                p = parse_period(text, published)
                if p:
                    return p
                break
    return None, None
