"""Claimant resolution: the name a token stands for when it says who claims a figure.

:class:`ClaimantResolver` turns a token into a claimant: the canonical name of the entity it belongs
to, the subject named before a pronoun ("it", "they", "her"), the claimant named before a definite
reference ("the group", "the officials"), or else the noun phrase itself ("three Interior Ministry
officials"). :class:`ClaimantMemory` keeps the claimants named so far in a document.

Examples:
    >>> m = ClaimantMemory()
    >>> m.remember("three Interior Ministry officials", "", "officials")
    >>> m.recent((), head="officials")
    'three Interior Ministry officials'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from claimkit.extract.context import noun_phrase
from claimkit.ids import fold
from claimkit.records import Entity

__all__ = ["ClaimantMemory", "ClaimantResolver"]

_PERSON_PRONOUNS = {"he", "she", "his", "her"}
"""Pronouns that stand for a person named before."""

_GROUP_PRONOUNS = {"it", "its", "they", "their", "we", "our"}
"""Pronouns that stand for an organisation named before."""

_GENERIC_ORGS = frozenset(
    [
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
        "movement",
        "network",
        "team",
        "researchers",
    ]
)
"""Nouns that refer back to an organisation ("the group", "the London-based watchdog")."""

_NOT_CLAIMANTS = frozenset(
    [
        "toll",
        "figure",
        "number",
        "numbers",
        "count",
        "tally",
        "estimate",
        "data",
        "this",
        "that",
        "which",
        "who",
        "what",
    ]
)
"""Words that never name who claims a figure ("the toll said", "which")."""

_RIGHT_DEPS = {"acl", "prep", "amod"}
"""Dependents after a claimant noun that belong to its phrase ("writers close to the NCRI")."""


@dataclass
class ClaimantMemory:
    """The claimants named so far in one document, for references back to them.

    Examples:
        >>> m = ClaimantMemory()
        >>> m.remember("Amnesty International", "ORG", "international")
        >>> m.recent(("ORG",))
        'Amnesty International'
    """

    named: list[tuple[str, str, str]] = field(default_factory=list)

    def remember(self, claimant: str, label: str, head: str) -> None:
        """Record a claimant: its text, entity label ("" for a noun phrase) and head word."""
        self.named.append((claimant, label, head))

    def recent(self, labels: tuple[str, ...], head: str | None = None) -> str | None:
        """The latest claimant with one of ``labels`` (or, given ``head``, that head word)."""
        for text, label, h in reversed(self.named):
            if (head is not None and h == head) or (head is None and label in labels):
                return text
        return None


def previous_sentences(tok: Token, n: int = 3) -> Iterator[Span]:
    """The ``n`` sentences before ``tok``'s, nearest first."""
    doc = tok.doc
    sent = tok.sent
    for _ in range(n):
        if sent.start == 0:
            return
        sent = doc[sent.start - 1].sent
        yield sent


class ClaimantResolver:
    """Resolves tokens to claimants against a document's entities and its claimant memory.

    Args:
        entities: The document's entities; only PERSON, ORG, GPE, NORP and FAC ones are used.
        source: The document's outlet, never taken as the referent of "it" or "the group".
        memory: Claimants named earlier in the document.
    """

    def __init__(
        self, entities: Sequence[Entity], source: str | None, memory: ClaimantMemory
    ) -> None:
        self.entities = [e for e in entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "FAC")]
        self.source = fold(source) if source else None
        self.memory = memory

    def entity_at(self, tok: Token) -> Entity | None:
        """The entity ``tok`` belongs to, if any."""
        for e in self.entities:
            if e.start_char <= tok.idx < e.end_char:
                return e
        return None

    def last_before(self, idx: int, labels: tuple[str, ...]) -> str | None:
        """The last claimant remembered with ``labels``, else the last such entity up to ``idx``."""
        remembered = self.memory.recent(labels)
        if remembered is not None:
            return remembered
        for e in reversed([e for e in self.entities if e.end_char <= idx]):
            if e.label in labels and fold(e.canonical) != self.source:
                return e.canonical
        return None

    def previous_subject(self, tok: Token, labels: tuple[str, ...]) -> str | None:
        """The named subject of one of the three sentences before ``tok``'s ("It said" refers to it)."""
        for sent in previous_sentences(tok):
            heading = [e for e in self.entities if sent.start_char <= e.start_char < sent.end_char]
            if len(sent) <= 6 and heading and heading[0].label in labels:
                return heading[0].canonical  # a heading line: "**Amnesty International.**"
            for t in sent:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT":
                    if "" in labels and self.entity_at(t) is None and t.tag_ == "NNS":
                        return self.who(t)  # "Iranian authorities said ... They said"
                    if self.entity_at(t) is None and t.lower_ in _GENERIC_ORGS and "ORG" in labels:
                        return self.who(t)  # "The London-based group has ... Its count"
                    ent = self.entity_at(t)
                    if (
                        ent is not None
                        and ent.label in labels
                        and fold(ent.canonical) != self.source
                    ):
                        return ent.canonical
        return None

    def who(self, tok: Token) -> str | None:
        """The claimant a token stands for."""
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            return self.previous_subject(tok, ("PERSON",)) or self.last_before(tok.idx, ("PERSON",))
        if low in ("they", "their"):
            return self.previous_subject(tok, ("ORG", "")) or self.last_before(tok.idx, ("ORG",))
        if low in _GROUP_PRONOUNS:
            return self.previous_subject(tok, ("ORG",)) or self.last_before(tok.idx, ("ORG",))
        if tok.pos_ in ("PRON", "DET") or low in _NOT_CLAIMANTS or _in_dateline(tok):
            return None
        ent = self.entity_at(tok)
        if ent is not None and ent.label != "NORP":
            return ent.canonical
        for child in tok.children:
            named = (
                self.entity_at(child) if child.dep_ in ("appos", "compound", "npadvmod") else None
            )
            # "the opposition website Kalameh", "the rights group Amnesty International"
            if (
                named is not None
                and named.label in ("ORG", "PERSON")
                and (child.i > tok.i or low in _GENERIC_ORGS)
            ):
                self.memory.remember(named.canonical, named.label, low)  # "the researchers" later
                return named.canonical
            # "researchers led by Harvard University"
            leader = child.dep_ == "acl" and child.lower_ in ("led", "run", "commissioned")
            if leader and (named := self.agent_entity(child)) is not None:
                self.memory.remember(named.canonical, named.label, low)
                return named.canonical
        definite = any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
        )
        bare = not any(c.dep_ in ("amod", "compound", "nummod") for c in tok.children)
        if definite and (bare or low in _GENERIC_ORGS):
            # "the officials", "the researchers", "the group": the claimant named before
            found = self.memory.recent((), head=low)
            if found is None and low in _GENERIC_ORGS:
                found = self.last_before(tok.idx, ("ORG",))
            if found is not None:
                return found
        return _phrase(tok)

    def agent_entity(self, verb: Token) -> Entity | None:
        """The entity of the "by" agent of a passive ``verb`` ("led by Harvard University")."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = (
            next((c for c in agent.children if c.dep_ == "pobj"), None)
            if agent is not None
            else None
        )
        return self.entity_at(pobj) if pobj is not None else None


def _phrase(tok: Token) -> str | None:
    """A claimant noun phrase with its modifiers ("writers close to the NCRI"), up to a comma."""
    left = noun_phrase(tok, possessor=True)
    if not left:
        return None
    right_end = tok.i
    for child in tok.rights:
        if child.dep_ not in _RIGHT_DEPS or (
            child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "during")
        ):
            break
        right_end = child.right_edge.i
    doc = tok.doc
    tail = doc[tok.i + 1 : right_end + 1].text if right_end > tok.i else ""
    tail = re.split(r"\s*[,(;]", tail)[0]
    phrase = f"{left} {tail}".strip() if tail else left
    first = doc[tok.left_edge.i] if tok.left_edge.i < tok.i else tok
    if first.pos_ != "PROPN" and phrase[:1].isupper() and not phrase.split()[0].isupper():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _in_dateline(tok: Token) -> bool:
    """True for the place of a dateline ("DUBAI, Nov 20 (Harbor Wire) -")."""
    sent = tok.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    m = re.match(r"^[A-Z][A-Z .'-]+,", text[lead : lead + 60])
    return m is not None and tok.idx < sent.start_char + lead + m.end() and tok.text.isupper()
