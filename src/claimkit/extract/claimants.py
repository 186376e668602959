"""Who claims a figure: "X said", "according to X", "X's count of", "a study by X", "the 1,500 reported by X".

The claimant is returned as the canonical name of a named entity when the text names one, else as
the noun phrase that says who ("three Interior Ministry officials"). References back ("it", "its",
"the group", "the officials", "the report") resolve to the claimant named before them in the same
document, which :class:`ClaimantMemory` keeps while a document's figures are read in order.

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("Amnesty International's count of at least 304 has not changed.")
    >>> a.figures[0].attribution
    'Amnesty International'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from claimkit.extract.claimant_resolver import ClaimantMemory, ClaimantResolver, previous_sentences
from claimkit.ids import fold
from claimkit.records import Entity
from claimkit.vocab import word_set

__all__ = ["ClaimantMemory", "claimant"]

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
"""Nouns of a claim whose author is the claimant ("Amnesty's count", "a study by X")."""

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
"""Verbs whose subject authored their object ("GWU delivered the study")."""

_ADOPT_VERBS = frozenset(["made", "makes", "make", "declared", "declares", "named", "set"])
"""Verbs that make a number the claim noun they govern ("made 2,975 the official toll")."""

_NAME = r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.-]*)*)"
"""A capitalised name, possibly with "the", "of" and "for" ("the Ministry of Health")."""

_TRAILING = re.compile(
    r",\s*"
    + _NAME
    + r"\s+(?:said|says|reported|reports|told|added|estimated|claimed|stated)\b[^,]*$"
)
"""A claimant named after the claim: "..., Amnesty International said on Tuesday."."""

_INVERTED = re.compile(r",\s*(?:said|says|reported|added)\s+" + _NAME + r"\s*\.?\s*$")
"""A claimant after an inverted verb at the end of the sentence: "..., said Reuters."."""


def _author_of_noun(noun: Token, r: ClaimantResolver, anaphoric: bool = True) -> str | None:
    """ "X's count", "estimates by X", "a study led by X", "the New York Times analysis".

    With ``anaphoric`` false the noun is defined by its own number ("the figure of 64"), so a bare
    "the" does not refer back to the claimant named before.
    """
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
            and child.lower_ in ("led", "conducted", "published", "compiled", "released")
            and (ent := r.agent_entity(child)) is not None
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
    if noun.dep_ in ("ccomp", "oprd", "xcomp", "dobj") and noun.head.lower_ in _ADOPT_VERBS:
        # "the governor made 2,975 the official toll": who makes it the toll claims it
        verb = noun.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None and verb.dep_ == "conj":
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and (who := r.who(subj)) is not None:
            return who
    if anaphoric and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        # "according to the report": who published one just before, the claimant named before,
        # else the last organisation
        return (
            _recent_publisher(noun, r)
            or r.memory.recent(("ORG", "PERSON", ""))
            or r.last_before(noun.idx, ("ORG",))
        )
    return None


def _recent_publisher(noun: Token, r: ClaimantResolver) -> str | None:
    """The subject of "published", "released", "issued" in one of the three sentences before.

    "Amnesty International today published Blood-soaked secrets. ... According to the report, ..."
    """
    for sent in previous_sentences(noun):
        for tok in sent:
            if tok.lower_ in _AUTHOR_VERBS and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                ent = r.entity_at(subj) if subj is not None else None
                if ent is not None and ent.label in ("ORG", "PERSON"):
                    return ent.canonical
    return None


def _subject_of(verb: Token, num: Token, r: ClaimantResolver) -> str | None:
    """The claimant a claim verb's subject (or passive agent) names, if not the number itself."""
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
    if (
        subj is None
        and verb.dep_ == "acl"
        and verb.head.pos_ in ("PROPN", "NOUN")
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        # "Montazeri, who ..., estimated in his memoirs that ...": parsed as a clause on the name
        subj = verb.head
    if subj is None and not passive:
        # "Writers close to X, the coalition whose leader is Y, have long spoken of N": the parser
        # takes the sentence's opening noun for the subject of the relative clause inside it
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        opening = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause else None
        if opening is not None and opening.left_edge.i == opening.sent.start:
            subj = opening
    if subj is None or subj.i in range(num.i - 1, num.i + 2) or subj.ent_type_ in ("DATE", "TIME"):
        return None  # "today speaks of thousands": a time is nobody
    if subj.lower_ in _CLAIM_NOUNS:
        return _author_of_noun(subj, r, anaphoric=not _owns(subj, num))
    return r.who(subj)


def _owns(noun: Token, num: Token) -> bool:
    """Whether a claim noun is defined by the number itself ("the figure of 64", "the 64 figure")."""
    return num.head == noun or (num.head.lower_ == "of" and num.head.head == noun)


def _pronoun_claim(pron: Token, r: ClaimantResolver) -> str | None:
    """The author of the claim noun an "it" stands for, earlier in its sentence.

    "The rights group's tally has climbed by 65 since 25 November, when it stood at 143."
    """
    before = [
        t for t in pron.sent if t.i < pron.i and t.lower_ in _CLAIM_NOUNS and t.pos_ == "NOUN"
    ]
    return _author_of_noun(before[-1], r, anaphoric=False) if before else None


def _predicate_path(num: Token, verb: Token) -> bool:
    """Whether ``num`` is what ``verb`` states (attribute, object, "at N"), not an adverbial."""
    tok = num
    while tok.head != tok and tok.head != verb:
        tok = tok.head
    if tok.dep_ in ("attr", "acomp", "dobj", "oprd", "nsubj", "nsubjpass"):
        return True
    return tok.dep_ == "prep" and tok.lower_ in ("at", "to", "by", "from", "between")


def _find(num: Token, r: ClaimantResolver, verbs: frozenset[str]) -> str | None:
    """The claimant of the number ``num``, trying the constructions from the most explicit."""
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
                and (ent := r.agent_entity(child)) is not None
            ):
                return ent.canonical
    # the words governing the number: "X's count of N", "X said N"
    multiplier = any(c.lower_ in ("times", "fold") for c in num.children)
    # "the toll" may refer back to a claimant named before, but only when nothing in the sentence
    # says who ("AFAD said the toll had risen to 14,014" is AFAD's)
    deferred: list[Token] = []
    for anc in num.ancestors:
        if anc.pos_ in ("NOUN", "PROPN") and anc.lower_ in _CLAIM_NOUNS:
            if multiplier and num.head == anc:
                continue  # "12 times the official figure": the figure is the base, not the claim
            if who := _author_of_noun(anc, r, anaphoric=False):
                return who
            if not _owns(anc, num):
                deferred.append(anc)
        if (
            anc.lower_ in verbs
            and anc.pos_ in ("VERB", "AUX")
            and (who := _subject_of(anc, num, r))
        ):
            return who
        if anc.pos_ in ("VERB", "AUX") and _predicate_path(num, anc):
            for child in anc.children:
                if child.dep_ == "nsubj" and child.lower_ in _CLAIM_NOUNS:
                    if who := _author_of_noun(child, r, anaphoric=False):
                        return who
                    if not _owns(child, num):
                        deferred.append(child)
                if (
                    child.dep_ == "nsubj"
                    and child.lower_ == "it"
                    and (who := _pronoun_claim(child, r))
                ):
                    return who
    # "..., Amnesty International said on Tuesday."
    if m := _TRAILING.search(sent.text):
        span = doc.char_span(
            sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand"
        )
        if span is not None and (who := r.who(span.root)):
            return who
    # "the researchers gave a wide interval: the true number could lie between 793 and 8,498"
    colon = next((t.i for t in sent if t.text == ":" and t.i < num.i), None)
    if colon is not None:
        for verb in (t for t in doc[sent.start : colon] if t.lower_ in verbs and t.pos_ == "VERB"):
            if (who := _subject_of(verb, num, r)) is not None:
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
    for noun in deferred:
        if who := _author_of_noun(noun, r):
            return who
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

    Examples:
        >>> import claimkit
        >>> claimkit.analyze("About 1,500 were killed, according to Reuters.").figures[0].attribution
        'Reuters'
    """
    memory = memory if memory is not None else ClaimantMemory()
    r = ClaimantResolver(entities, source, memory)
    who = _find(num, r, word_set("cues", "claim_verbs"))
    if who is not None:
        ent = next((e for e in r.entities if e.canonical == who), None)
        label = ent.label if ent is not None else ""
        head = fold(who.split()[-1]) if ent is None else ""
        if not memory.named or memory.named[-1][0] != who:
            memory.remember(who, label, head)
    return who
