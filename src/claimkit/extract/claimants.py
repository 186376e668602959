"""Who claims a figure: "X said", "according to X", "X's count of", "a study by X", "the 1,500 reported by X".

The claimant is returned as the canonical name of a named entity when the text names one, else as
the noun phrase that says who ("three Interior Ministry officials"). References back ("it", "its",
"the group", "the officials", "the report") resolve to the claimant named before them in the same
document, which :class:`ClaimantMemory` keeps while a document's figures are read in order.

Example:
    >>> import claimkit
    >>> a = claimkit.analyze("Amnesty International's count of at least 304 has not changed.")
    >>> a.figures[0].attribution
    'Amnesty International'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from claimkit.extract.context import noun_phrase
from claimkit.ids import fold
from claimkit.records import Entity
from claimkit.vocab import word_set

__all__ = ["ClaimantMemory", "claimant"]

_PERSON_PRONOUNS = {"he", "she", "his", "her"}
_GROUP_PRONOUNS = {"it", "its", "they", "their", "we", "our"}
_CLAIM_NOUNS = frozenset(
    [
        "count",
        "interval",
        "range",
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
    ]
)
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
_RIGHT_DEPS = {"acl", "prep", "amod"}
_AUTHOR_VERBS = frozenset(
    [
        "delivered",
        "published",
        "released",
        "conducted",
        "produced",
        "issued",
        "compiled",
        "commissioned",
        "presented",
    ]
)
_NAME = r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)"
_TRAILING = re.compile(
    r",\s*"
    + _NAME
    + r"\s+(?:said|says|reported|reports|told|added|estimated|claimed|stated)\b[^,]*$"
)
_INVERTED = re.compile(r",\s*(?:said|says|reported|added)\s+" + _NAME + r"\s*\.?\s*$")


@dataclass
class ClaimantMemory:
    """The claimants named so far in one document, for references back to them.

    Example:
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


class _Resolver:
    def __init__(
        self, entities: Sequence[Entity], source: str | None, memory: ClaimantMemory
    ) -> None:
        self.entities = [e for e in entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "FAC")]
        self.source = fold(source) if source else None
        self.memory = memory

    def entity_at(self, tok: Token) -> Entity | None:
        for e in self.entities:
            if e.start_char <= tok.idx < e.end_char:
                return e
        return None

    def last_before(self, idx: int, labels: tuple[str, ...]) -> str | None:
        remembered = self.memory.recent(labels)
        if remembered is not None:
            return remembered
        for e in reversed([e for e in self.entities if e.end_char <= idx]):
            if e.label in labels and fold(e.canonical) != self.source:
                return e.canonical
        return None

    def previous_subject(self, tok: Token, labels: tuple[str, ...]) -> str | None:
        """The named subject of one of the three sentences before ``tok``'s ("It said" refers to it)."""
        doc = tok.doc
        sent = tok.sent
        for _ in range(3):
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            heading = [e for e in self.entities if sent.start_char <= e.start_char < sent.end_char]
            if len(sent) <= 6 and heading and heading[0].label in labels:
                return heading[0].canonical  # a heading line: "**Amnesty International.**"
            for t in sent:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT":
                    if "" in labels and self.entity_at(t) is None and t.tag_ == "NNS":
                        return _phrase(t)  # "Iranian authorities said ... They said"
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
                return named.canonical
            # "researchers led by Harvard University"
            leader = child.dep_ == "acl" and child.lower_ in ("led", "run", "commissioned")
            if leader and (named := self._agent_entity(child)) is not None:
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

    def _agent_entity(self, verb: Token) -> Entity | None:
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


def _author_of_noun(noun: Token, r: _Resolver) -> str | None:
    """ "X's count", "estimates by X", "a study led by X", "the New York Times analysis"."""
    for child in noun.children:
        if child.dep_ == "poss":
            ent = r.entity_at(child)
            if ent is not None and ent.label in ("GPE", "LOC"):
                return None  # "Puerto Rico's official toll" belongs to a place
            return r.who(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return r.who(pobj)
        if (
            child.dep_ == "acl"
            and child.lower_
            in (
                "led",
                "conducted",
                "published",
                "compiled",
                "released",
            )
            and (ent := r._agent_entity(child)) is not None
        ):
            return ent.canonical
    for child in noun.children:
        ent = r.entity_at(child) if child.dep_ in ("compound", "nmod", "amod") else None
        if ent is not None and ent.label in ("ORG", "PERSON"):
            return ent.canonical
    for t in noun.subtree:
        if t.lower_ in ("led", "based") and t.i >= 2 and noun.doc[t.i - 1].text == "-":
            ent = r.entity_at(noun.doc[t.i - 2])
            if ent is not None:
                return ent.canonical
    if noun.dep_ == "dobj" and noun.head.lower_ in _AUTHOR_VERBS:
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return r.who(subj)  # "GWU delivered the study"
    if any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        # "according to the report": the claimant named before, else the last organisation
        return r.memory.recent(("ORG", "PERSON", "")) or r.last_before(noun.idx, ("ORG",))
    return None


def _subject_of(verb: Token, num: Token, r: _Resolver) -> str | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    passive = any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children)
    if (
        subj is None
        and not passive
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # "He went further, claiming that ...": the participle's subject is the main clause's
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i in range(num.i - 1, num.i + 2):
        return None
    if subj.lower_ in _CLAIM_NOUNS:
        return _author_of_noun(subj, r)
    return r.who(subj)


def _predicate_path(num: Token, verb: Token) -> bool:
    """Whether ``num`` is what ``verb`` states (attribute, object, "at N"), not an adverbial."""
    tok = num
    while tok.head != tok and tok.head != verb:
        tok = tok.head
    if tok.dep_ in ("attr", "acomp", "dobj", "oprd", "nsubj", "nsubjpass"):
        return True
    return tok.dep_ == "prep" and tok.lower_ in ("at", "to", "by")


def _find(num: Token, r: _Resolver, verbs: frozenset[str]) -> str | None:
    sent = num.sent
    doc = num.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _author_of_noun(pobj, r) if pobj.lower_ in _CLAIM_NOUNS else r.who(pobj)
    # "the 1,500 reported by Reuters", "deaths recorded by the ministry"
    for tok in (num, num.head):
        for child in tok.children:
            if (
                child.dep_ == "acl"
                and child.lower_ in verbs
                and (ent := r._agent_entity(child)) is not None
            ):
                return ent.canonical
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
        if anc.pos_ in ("VERB", "AUX") and _predicate_path(num, anc):
            for child in anc.children:
                if (
                    child.dep_ == "nsubj"
                    and child.lower_ in _CLAIM_NOUNS
                    and (who := _author_of_noun(child, r))
                ):
                    return who
    # "..., Amnesty International said on Tuesday."
    if m := _TRAILING.search(sent.text):
        span = doc.char_span(
            sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand"
        )
        if span is not None and (who := r.who(span.root)):
            return who
    roots = [t for t in sent if t.lower_ in verbs and t.pos_ == "VERB" and t.dep_ == "ROOT"]
    for verb in roots:
        if (who := _subject_of(verb, num, r)) is not None:
            return who
    if m := _INVERTED.search(sent.text):
        span = doc.char_span(
            sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand"
        )
        if span is not None:
            return r.who(span.root)
    return None


def claimant(
    num: Token,
    entities: Sequence[Entity],
    source: str | None = None,
    memory: ClaimantMemory | None = None,
) -> str | None:
    """Who claims the figure whose number is ``num``.

    Args:
        num: The head token of the figure's number.
        entities: The document's entities (for canonical names and pronouns).
        source: The document's outlet, never taken as the referent of "it" or "the group".
        memory: Claimants named earlier in the document (updated with this one).

    Returns:
        The claimant's canonical name or noun phrase, or ``None`` when the text names no one.

    Example:
        >>> import claimkit
        >>> claimkit.analyze("About 1,500 were killed, according to Reuters.").figures[0].attribution
        'Reuters'
    """
    memory = memory if memory is not None else ClaimantMemory()
    r = _Resolver(entities, source, memory)
    who = _find(num, r, word_set("cues", "claim_verbs"))
    if who is not None:
        ent = next((e for e in r.entities if e.canonical == who), None)
        label = ent.label if ent is not None else ""
        head = fold(who.split()[-1]) if ent is None else ""
        if not memory.named or memory.named[-1][0] != who:
            memory.remember(who, label, head)
    return who
