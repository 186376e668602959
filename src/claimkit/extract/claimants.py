"""Who claims a figure: "X said", "according to X", "X's count of", "a study by X", "the 1,500 reported by X".

The claimant is returned as the canonical name of a named entity when the text names one, else as
the noun phrase that says who ("three Interior Ministry officials"). Pronouns and generic references
("it", "the group") resolve to the last person or organisation named before them.

Example:
    >>> import claimkit
    >>> a = claimkit.analyze("Amnesty International's count of at least 304 has not changed.")
    >>> a.figures[0].attribution
    'Amnesty International'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from claimkit.extract.context import noun_phrase
from claimkit.ids import fold
from claimkit.records import Entity
from claimkit.vocab import word_set

__all__ = ["claimant"]

_PERSON_PRONOUNS = {"he", "she"}
_GROUP_PRONOUNS = {"it", "they", "we"}
_CLAIM_NOUNS = {
    "count",
    "tally",
    "estimate",
    "estimates",
    "figure",
    "figures",
    "toll",
    "report",
    "study",
    "analysis",
    "survey",
    "data",
    "records",
    "list",
    "census",
    "findings",
    "assessment",
    "research",
    "investigation",
    "calculation",
    "statement",
    "numbers",
    "projection",
    "review",
    "database",
}
_GENERIC_ORGS = {
    "group",
    "organisation",
    "organization",
    "agency",
    "watchdog",
    "body",
    "charity",
    "monitor",
    "coalition",
    "outlet",
    "website",
    "newspaper",
    "ministry",
    "government",
    "movement",
    "network",
}
_NOT_CLAIMANTS = {
    "toll",
    "figure",
    "number",
    "numbers",
    "report",
    "study",
    "count",
    "tally",
    "estimate",
    "data",
    "this",
    "that",
    "which",
    "who",
}


class _Resolver:
    def __init__(self, entities: Sequence[Entity], source: str | None) -> None:
        self.entities = [e for e in entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "FAC")]
        self.source = fold(source) if source else None

    def entity_at(self, tok: Token) -> Entity | None:
        for e in self.entities:
            if e.start_char <= tok.idx < e.end_char:
                return e
        return None

    def last_before(self, idx: int, labels: tuple[str, ...]) -> str | None:
        for e in reversed([e for e in self.entities if e.end_char <= idx]):
            if e.label in labels and fold(e.canonical) != self.source:
                return e.canonical
        return None

    def who(self, tok: Token) -> str | None:
        """The claimant a token stands for."""
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            return self.last_before(tok.idx, ("PERSON",))
        if low in _GROUP_PRONOUNS:
            return self.last_before(tok.idx, ("ORG",))
        if tok.pos_ in ("PRON", "DET") or low in _NOT_CLAIMANTS:
            return None
        if _in_dateline(tok):
            return None
        ent = self.entity_at(tok)
        if ent is not None and ent.label != "NORP":
            return ent.canonical
        # "the opposition website Kalameh", "researchers led by Harvard University"
        for child in tok.children:
            named = (
                self.entity_at(child) if child.dep_ in ("appos", "compound", "npadvmod") else None
            )
            after = child.i > tok.i or (child.dep_ == "compound" and low in _GENERIC_ORGS)
            if named is not None and named.label in ("ORG", "PERSON") and after:
                return named.canonical
            if child.dep_ == "acl" and child.lower_ in ("led", "run", "commissioned"):
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if agent is not None
                    else None
                )
                if pobj is not None and (named := self.entity_at(pobj)) is not None:
                    return named.canonical
        # "a Harvard-led study", "the London-based group": the named part
        for t in tok.subtree:
            if (
                t.lower_ in ("led", "based", "run", "backed")
                and t.i >= 2
                and tok.doc[t.i - 1].text == "-"
            ):
                named = self.entity_at(tok.doc[t.i - 2])
                if (
                    named is not None
                    and named.label in ("ORG", "PERSON")
                    and low not in _GENERIC_ORGS
                ):
                    return named.canonical
        if low in _GENERIC_ORGS and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children
        ):
            found = self.last_before(tok.idx, ("ORG",))
            if found:
                return found
        for child in tok.children:
            if (
                child.dep_ == "compound"
                and (named := self.entity_at(child)) is not None
                and named.label in ("ORG",)
                and low in _CLAIM_NOUNS
            ):
                return named.canonical
        phrase = noun_phrase(tok)
        return phrase or None


def _in_dateline(tok: Token) -> bool:
    """True for the place of a dateline ("DUBAI, Nov 20 (Harbor Wire) -")."""
    sent = tok.sent
    head = sent.text[:60]
    m = re.match(r"^[A-Z][A-Z .'-]+,", head)
    return m is not None and tok.idx < sent.start_char + m.end() and tok.text.isupper()


def _author_of_noun(noun: Token, r: _Resolver) -> str | None:
    """ "X's count", "estimates by X", "a study led by X", "the New York Times analysis"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return r.who(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return r.who(pobj)
        if child.dep_ == "acl" and child.lower_ in (
            "led",
            "conducted",
            "published",
            "compiled",
            "carried",
            "released",
            "commissioned",
        ):
            for grand in child.children:
                if grand.dep_ == "agent":
                    pobj = next((c for c in grand.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return r.who(pobj)
    for child in noun.children:
        if (
            child.dep_ in ("compound", "nmod", "amod")
            and (ent := r.entity_at(child)) is not None
            and ent.label in ("ORG", "PERSON")
        ):
            return ent.canonical
    for t in noun.subtree:
        if t.lower_ in ("led", "based") and t.i >= 2 and noun.doc[t.i - 1].text == "-":
            ent = r.entity_at(noun.doc[t.i - 2])
            if ent is not None:
                return ent.canonical
    return None


def _subject_of(verb: Token, num: Token, r: _Resolver) -> str | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is None or subj.i in range(num.i - 1, num.i + 2):
        return None
    if subj.lower_ in _CLAIM_NOUNS:
        return _author_of_noun(subj, r)
    return r.who(subj)


def claimant(num: Token, entities: Sequence[Entity], source: str | None = None) -> str | None:
    """Who claims the figure whose number is ``num``.

    Args:
        num: The head token of the figure's number.
        entities: The document's entities (for canonical names and pronouns).
        source: The document's outlet, never taken as the referent of "it" or "the group".

    Returns:
        The claimant's canonical name or noun phrase, or ``None`` when the sentence names no one.

    Example:
        >>> import claimkit
        >>> claimkit.analyze("About 1,500 were killed, according to Reuters.").figures[0].attribution
        'Reuters'
    """
    r = _Resolver(entities, source)
    sent = num.sent
    doc = num.doc
    verbs = word_set("cues", "claim_verbs")
    # "according to X", "citing X", "per X"
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None and (who := r.who(pobj)):
                return who
    # "the 1,500 reported by Reuters", "deaths recorded by the ministry"
    for tok in (num, num.head):
        for child in tok.children:
            if child.dep_ == "acl" and child.lower_ in verbs:
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if agent is not None
                    else None
                )
                if pobj is not None and (who := r.who(pobj)):
                    return who
    # the words governing the number: "X's count of N", "X said N"
    for anc in num.ancestors:
        if (
            anc.pos_ in ("NOUN", "PROPN")
            and anc.lower_ in _CLAIM_NOUNS
            and (who := _author_of_noun(anc, r))
        ):
            return who
        if (
            anc.lower_ in verbs
            and anc.pos_ in ("VERB", "AUX")
            and (who := _subject_of(anc, num, r))
        ):
            return who
        for child in anc.children:
            if (
                child.dep_ == "nsubj"
                and child.lower_ in _CLAIM_NOUNS
                and child.i != num.i
                and (who := _author_of_noun(child, r))
            ):
                return who
    # "..., Amnesty International said on Tuesday."
    m = _TRAILING.search(sent.text)
    if m:
        span = doc.char_span(
            sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand"
        )
        if span is not None and (who := r.who(span.root)):
            return who
    # a claim verb heading the sentence
    roots = [
        t
        for t in sent
        if t.lower_ in verbs and t.pos_ == "VERB" and (t.dep_ == "ROOT" or t.head.dep_ == "ROOT")
    ]
    for verb in sorted(roots, key=lambda t: abs(t.i - num.i)):
        if (who := _subject_of(verb, num, r)) is not None:
            return who
    m = _INVERTED.search(sent.text)
    if m:
        span = doc.char_span(
            sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand"
        )
        if span is not None:
            return r.who(span.root)
    return None


_NAME = r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)"
_TRAILING = re.compile(
    r",\s*"
    + _NAME
    + r"\s+(?:said|says|reported|reports|told|added|estimated|claimed|stated)\b[^,]*$"
)
_INVERTED = re.compile(r",\s*(?:said|says|reported|added)\s+" + _NAME + r"\s*\.?\s*$")
