"""Roles: who holds which office, from the constructions news uses.

Handled: title prefixes ("then-Supreme Leader Ruhollah Khomeini", "Amnesty International's
Director-General Agnes Callamard"), appositives in either order ("Ebrahim Raisi, a clerical judge";
"the head of the judiciary, Ebrahim Raisi"), copulas ("The head of the judiciary ... was Ebrahim
Raisi"), relative clauses ("X, who heads the national security committee"), appointments ("was
appointed as the regime's judiciary chief", "Raisi's selection as president", "was selected as one
of four officials to sit on the death commission").

Example:
    >>> import claimkit
    >>> a = claimkit.analyze("Ebrahim Raisi, a clerical judge, spoke.")
    >>> [(r.person, r.role) for r in a.roles]
    [('Ebrahim Raisi', 'clerical judge')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from claimkit.extract.dates import date_phrases, parse_period
from claimkit.extract.doctext import text_of
from claimkit.extract.entities import title_phrases
from claimkit.records import Entity, Role
from claimkit.vocab import vocab

__all__ = ["extract_roles"]

_APPOINT = {
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
}
_COPULA = {"is", "was", "are", "were", "remains", "remained", "became", "becomes", "been", "be"}
_APPOINT_NOUNS = {
    "selection",
    "appointment",
    "election",
    "nomination",
    "inauguration",
    "promotion",
    "rise",
}
_HEAD_VERBS = {
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
_AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ee|man|woman|person|chief|head|judge)$")
_MEMBER_NOUNS = {
    "officials",
    "members",
    "judges",
    "people",
    "men",
    "clerics",
    "prosecutors",
    "commissioners",
}


@functools.cache
def _title_words() -> frozenset[str]:
    return frozenset(" ".join(p) for p in title_phrases())


@functools.cache
def _qualifiers() -> dict[str, str]:
    return {str(k): str(v) for k, v in vocab("titles")["qualifier_prefixes"].items()}


@functools.cache
def _occupations() -> frozenset[str]:
    return frozenset(str(w).lower() for w in vocab("titles")["occupations"])


def _is_role_noun(tok: Token) -> bool:
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


def _org_of(tok: Token, ents: dict[int, Entity]) -> tuple[str | None, set[int]]:
    """Organisation from a possessor or an of-phrase of the role noun, and the tokens it used."""
    used: set[int] = set()
    for child in tok.children:
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
                return _unnamed_org(pobj), used
    return None, used


def _unnamed_org(tok: Token) -> str | None:
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


def _role_text(tok: Token, skip: set[int], ents: dict[int, Entity]) -> tuple[str, str | None]:
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
            or prev.lower_ in _qualifiers()
        ):
            break
        if not hyphen and not (left <= prev.head.i <= tok.i):
            break
        if prev.i in ents and ents[prev.i].label in ("ORG", "GPE", "PERSON"):
            break
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
    qualifier = None
    low = text.lower()
    for prefix, q in sorted(_qualifiers().items(), key=lambda kv: -len(kv[0])):
        p = prefix.rstrip("-")
        if low.startswith(p + "-") or low.startswith(p + " "):
            qualifier = q
            low = low[len(p) + 1 :]
            break
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


def _date(sent: Span, anchors: set[int], published: str | None) -> tuple[str | None, str | None]:
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


class _RoleFinder:
    def __init__(
        self, doc: Doc, doc_id: str, entities: Sequence[Entity], published: str | None
    ) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.published = published
        self.ents: dict[int, Entity] = {}
        self.person_heads: dict[int, Entity] = {}
        for e in entities:
            span = doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.ents[t.i] = e
            if e.label == "PERSON":
                self.person_heads[span.root.i] = e
        self.out: list[Role] = []
        self.seen: set[tuple[str, str, str | None]] = set()

    def add(
        self,
        person: Entity,
        role: str,
        org: str | None,
        qualifier: str | None,
        sent: Span,
        a: int,
        b: int,
        anchors: set[int] | None = None,
    ) -> None:
        role = role.strip(" ,.'’\"")
        if (
            not role
            or role in ("mr", "mrs", "ms", "dr", "dr.", "mr.", "mrs.", "ms.", "sir", "lady", "lord")
            or len(role) > 60
        ):
            return
        key = (person.canonical, role, org)
        if key in self.seen:
            return
        self.seen.add(key)
        ds, de = _date(sent, anchors or set(), self.published)
        clause = text_of(self.doc)[a:b] if b - a < 300 else ""
        if qualifier is None and (
            re.search(r"\bat the time\b", clause)
            or re.match(r"\s*at the time\b", sent.text, re.I)
            or re.search(r",\s*then\s+(?:an?\s+|the\s+)?[\w-]+", clause)
        ):
            qualifier = "then"  # "X, then a deputy prosecutor", "At the time, X was ..."
        self.out.append(
            Role(
                self.doc_id, person.canonical, role, org, qualifier, ds, de, sent.text.strip(), a, b
            )
        )

    def person_at(self, tok: Token) -> Entity | None:
        e = self.ents.get(tok.i)
        return e if e is not None and e.label == "PERSON" else None

    def run(self, exclude: Sequence[tuple[int, int]]) -> list[Role]:
        for sent in self.doc.sents:
            if any(a <= sent.start_char < b for a, b in exclude):
                continue
            self.title_prefixes(sent)
            for tok in sent:
                person = self.person_at(tok)
                if person is not None and tok.i in self.person_heads:
                    self.from_person(tok, person, sent)
                elif _is_role_noun(tok):
                    self.from_role_noun(tok, sent)
        return self.out

    def title_prefixes(self, sent: Span) -> None:
        """``[Org's] [then-]Title [,] Name``: the tokens before a person mention."""
        doc = self.doc
        for head_i, person in self.person_heads.items():
            if not (sent.start <= head_i < sent.end):
                continue
            span = doc.char_span(person.start_char, person.end_char, alignment_mode="expand")
            if span is None:
                continue
            j = span.start - 1
            if j >= sent.start and doc[j].text == ",":
                j -= 1
            end = j + 1
            k = j
            while (
                k >= sent.start
                and (
                    doc[k].text[:1].isupper()
                    or doc[k].text in ("-",)
                    or doc[k].lower_ in ("elect", "general")
                )
                and doc[k].i not in self.ents
            ):
                k -= 1
            # lower-case prefixes glued by a hyphen ("then-Supreme") or spaced ("former President")
            if k >= sent.start and doc[k].lower_ in _qualifiers() and doc[k].i not in self.ents:
                k -= 1
            cand = doc[k + 1 : end]
            if not len(cand):
                continue
            words = cand.text.lower().replace(" - ", "-").replace("- ", "-").replace(" -", "-")
            title = self._title_in(words)
            if title is None:
                continue
            role, qualifier = self._clean(words)
            org = None
            if (
                k >= sent.start
                and doc[k].text in ("’s", "'s", "’", "'")
                and doc[k - 1].i in self.ents
            ):
                e = self.ents[doc[k - 1].i]
                org = e.canonical if e.label in ("ORG", "GPE", "NORP") else None
            elif (
                k >= sent.start
                and doc[k].i in self.ents
                and self.ents[doc[k].i].label in ("ORG", "GPE")
            ):
                org = self.ents[doc[k].i].canonical
            ph = doc[head_i]
            self.add(
                person,
                role,
                org,
                qualifier,
                sent,
                cand.start_char,
                person.end_char,
                {ph.i, ph.head.i},
            )

    def _title_in(self, words: str) -> str | None:
        w = words
        for prefix in _qualifiers():
            p = prefix.rstrip("-")
            if w.startswith(p + "-") or w.startswith(p + " "):
                w = w[len(p) + 1 :]
        w = re.sub(r"[- ]elect$", "", w)
        if w in _title_words() or w.split()[-1] in _title_words() if w.split() else False:
            return w
        return None

    def _clean(self, words: str) -> tuple[str, str | None]:
        qualifier = None
        for prefix, q in sorted(_qualifiers().items(), key=lambda kv: -len(kv[0])):
            p = prefix.rstrip("-")
            if words.startswith(p + "-") or words.startswith(p + " "):
                qualifier = q
                words = words[len(p) + 1 :]
                break
        if re.search(r"[- ]elect$", words):
            qualifier = "elect"
            words = re.sub(r"[- ]elect$", "", words)
        return words.strip(), qualifier

    def from_person(self, tok: Token, person: Entity, sent: Span) -> None:
        # appositive "X, a clerical judge" / relative clause "X, who heads Y"
        for child in tok.children:
            if child.dep_ == "appos" and _is_role_noun(child):
                self.role_from_noun(child, person, sent)
            if child.dep_ == "relcl" and child.lower_ in _HEAD_VERBS:
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    org = self._org_phrase(obj)
                    end = obj.right_edge.idx + len(obj.right_edge.text)
                    self.add(
                        person,
                        _HEAD_VERBS[child.lower_],
                        org,
                        None,
                        sent,
                        person.start_char,
                        end,
                        {child.i},
                    )
        head = tok.head
        for child in tok.children:
            # "X, who is director-general of Y", "X, who served as mayor"
            if child.dep_ == "relcl":
                self.clause(child, person, sent)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            self.clause(head, person, sent)
            for conj in head.conjuncts:
                if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
                    self.clause(conj, person, sent)
        # "The board named X chief financial officer", "Lawmakers elected X as speaker"
        if tok.dep_ == "dobj" and head.lower_ in _APPOINT:
            self.appointment(head, person, sent)
        # "X's selection as the regime's new president"
        if tok.dep_ == "poss" and head.lower_ in _APPOINT_NOUNS:
            self.appointment(head, person, sent)

    def clause(self, verb: Token, person: Entity, sent: Span) -> None:
        """Roles a clause gives its subject: copulas, appointments, "served as"."""
        if verb.lower_ in _COPULA or verb.lemma_ == "be":
            for c in verb.children:
                if c.dep_ in ("attr", "acomp", "oprd") and _is_role_noun(c):
                    self.role_from_noun(c, person, sent)
        if verb.lower_ in _APPOINT or verb.lower_ in _COPULA:
            self.appointment(verb, person, sent)

    def appointment(self, verb: Token, person: Entity, sent: Span) -> None:
        for child in verb.children:
            if child.dep_ in ("prep",) and child.lower_ in ("as", "to"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if pobj.lower_ == "one" or pobj.lower_ in _MEMBER_NOUNS:
                    self.membership(verb, person, sent)
                elif _is_role_noun(pobj) or pobj.lower_ in ("presidency",):
                    self.role_from_noun(pobj, person, sent)
            if (
                child.dep_ in ("oprd", "attr", "xcomp", "ccomp")
                and _is_role_noun(child)
                and child.ent_type_ != "PERSON"
            ):
                self.role_from_noun(child, person, sent)
            if (
                child.dep_ == "dobj"
                and _is_role_noun(child)
                and child.ent_type_ != "PERSON"
                and self.person_at(child) is None
            ):
                self.role_from_noun(child, person, sent)
            if child.dep_ == "dobj" and self.person_at(child) is not None:
                for grand in child.children:
                    if grand.dep_ in ("appos", "oprd", "npadvmod", "attr") and _is_role_noun(grand):
                        self.role_from_noun(grand, person, sent)

    def membership(self, verb: Token, person: Entity, sent: Span) -> None:
        """ "selected as one of four officials to sit on the death commission": member of it."""
        for t in verb.subtree:
            if (
                t.lower_ in ("on", "in", "of")
                and t.dep_ == "prep"
                and t.head.lower_ in ("sit", "serve", "sat", "served", "join", "joined")
            ):
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    end = pobj.idx + len(pobj.text)
                    self.add(
                        person,
                        "member",
                        self._org_phrase(pobj),
                        None,
                        sent,
                        person.start_char,
                        end,
                        {verb.i},
                    )
                    return

    def _org_phrase(self, tok: Token) -> str | None:
        if tok.i in self.ents and self.ents[tok.i].label in ("ORG", "GPE", "NORP", "FAC"):
            return self.ents[tok.i].canonical
        return _unnamed_org(tok)

    def role_from_noun(self, noun: Token, person: Entity, sent: Span) -> None:
        org, used = _org_of(noun, self.ents)
        role, qualifier = _role_text(noun, used, self.ents)
        if noun.lower_ == "presidency":
            role = "president"
        a = min(person.start_char, noun.left_edge.idx)
        clause_end = noun.head.right_edge if noun.head.pos_ in ("VERB", "AUX") else noun.right_edge
        b = max(person.end_char, noun.idx + len(noun.text), clause_end.idx + len(clause_end.text))
        anchors = {noun.i, *(t.i for t in list(noun.ancestors)[:3])}
        self.add(person, role, org, qualifier, sent, a, b, anchors)

    def from_role_noun(self, tok: Token, sent: Span) -> None:
        # "the head of the judiciary, Ebrahim Raisi" (appositive after the role)
        for child in tok.children:
            if child.dep_ == "appos" and (p := self.person_at(child)) is not None:
                self.role_from_noun(tok, p, sent)
        # "The head of the judiciary at the time ... was Ebrahim Raisi"
        if tok.dep_ == "nsubj":
            attr = next((c for c in tok.head.children if c.dep_ == "attr"), None)
            if (
                attr is not None
                and (p := self.person_at(attr)) is not None
                and tok.head.lower_ in ("is", "was", "were", "are", "remains", "remained", "became")
            ):
                self.role_from_noun(tok, p, sent)


def extract_roles(
    doc: Doc,
    doc_id: str = "",
    *,
    entities: Sequence[Entity] = (),
    published: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Role]:
    """Roles stated in ``doc``.

    Args:
        doc: A parsed spaCy ``Doc``.
        doc_id: Id written into each record.
        entities: The document's entities (from :func:`~claimkit.extract.entities.extract_entities`).
        published: ISO publication date, for relative dates.
        exclude: Character ranges (page boilerplate) to skip.

    Returns:
        One :class:`~claimkit.records.Role` per (person, role, organisation) stated.

    Example:
        >>> import claimkit
        >>> a = claimkit.analyze("Amnesty International's Director-General Agnes Callamard spoke.")
        >>> [(r.role, r.organization) for r in a.roles]
        [('director-general', 'Amnesty International')]
    """
    return _RoleFinder(doc, doc_id, entities, published).run(exclude)
