"""Roles: who holds which office, from the constructions news uses.

Handled: title prefixes ("then-Supreme Leader Ruhollah Khomeini", "Amnesty International's
Director-General Agnes Callamard"), appositives in either order ("Ebrahim Raisi, a clerical judge";
"the head of the judiciary, Ebrahim Raisi"), copulas ("The head of the judiciary ... was Ebrahim
Raisi"), relative clauses ("X, who heads the national security committee"), appointments ("was
appointed as the regime's judiciary chief", "Raisi's selection as president", "was selected as one
of four officials to sit on the death commission").

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("Ebrahim Raisi, a clerical judge, spoke.")
    >>> [(r.person, r.role) for r in a.roles]
    [('Ebrahim Raisi', 'clerical judge')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimkit.extract.doctext import text_of
from claimkit.extract.role_words import (
    APPOINT_NOUNS,
    APPOINT_VERBS,
    BODY_NOUNS,
    COPULAS,
    HEAD_VERBS,
    MEMBER_NOUNS,
    is_role_noun,
    is_title,
    org_of,
    qualifiers,
    role_date,
    role_text,
    split_qualifier,
    unnamed_org,
)
from claimkit.records import Entity, Role

__all__ = ["extract_roles"]


class _RoleFinder:
    """Walks a document's sentences and collects the roles its people are given."""

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
        """Record ``person``'s role stated in ``sent`` at characters ``[a, b)``, once."""
        role = role.strip(" ,.'’\"")
        a, b = (
            min(a, b),
            max(a, b),
        )  # a statement may start with its object ("Compass, which X founded")
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
        ds, de = role_date(sent, anchors or set(), self.published)
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
        """The PERSON entity ``tok`` belongs to, if any."""
        e = self.ents.get(tok.i)
        return e if e is not None and e.label == "PERSON" else None

    def run(self, exclude: Sequence[tuple[int, int]]) -> list[Role]:
        """The roles of every sentence that starts outside the ``exclude`` ranges."""
        for sent in self.doc.sents:
            if any(a <= sent.start_char < b for a, b in exclude):
                continue
            self.title_prefixes(sent)
            for tok in sent:
                person = self.person_at(tok)
                if person is not None and tok.i in self.person_heads:
                    self.from_person(tok, person, sent)
                elif tok.lower_ in ("predecessor", "successor") and self.succession(tok, sent):
                    pass
                elif is_role_noun(tok):
                    self.from_role_noun(tok, sent)
                elif tok.lower_ == "whose":
                    self.whose_title(tok, sent)
                elif tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
                    # "He currently serves as head of the judiciary": the person named before
                    antecedent = self.antecedent(tok)
                    if antecedent is not None:
                        here = replace(antecedent, start_char=tok.idx, end_char=tok.idx + len(tok))
                        self.clause(tok.head, here, sent)
        return self.out

    def whose_title(self, whose: Token, sent: Span) -> None:
        """ "the NCRI, the exiled coalition whose president-elect is Maryam Rajavi": her title in
        the organisation named before "whose" (read from the words; the parse is often wrong)."""
        doc = self.doc
        j = whose.i + 1
        while j < sent.end - 1 and j - whose.i <= 5 and doc[j].lower_ not in ("is", "was"):
            j += 1
        if j == whose.i + 1 or doc[j].lower_ not in ("is", "was") or j + 1 >= sent.end:
            return
        words = _title_text(doc[whose.i + 1 : j])
        person = self.person_at(doc[j + 1])
        if person is None or not is_title(words):
            return
        before = whose.i - 1 - int(whose.i > sent.start and doc[whose.i - 1].text == ",")
        if before >= sent.start and self.person_at(doc[before]) is not None:
            return  # "John Smith, whose deputy is Ann Lee": a person's deputy, no organisation
        orgs = [self.ents[i] for i in range(sent.start, whose.i) if i in self.ents]
        org = next((e.canonical for e in reversed(orgs) if e.label == "ORG"), None)
        role, qualifier = split_qualifier(words)
        self.add(person, role, org, qualifier, sent, doc[whose.i + 1].idx, person.end_char, {j})

    def succession(self, noun: Token, sent: Span) -> bool:
        """ "Justice Minister Alireza Avaei and his predecessor in that post, Mostafa
        Pourmohammadi": the predecessor held the same role before (``former``); a successor holds
        it now. False when the owner has no role to pass on."""
        doc = self.doc
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return False
        owner = self.person_at(poss)
        if owner is None and poss.lower_ in ("his", "her"):
            before = [self.person_heads[i] for i in sorted(self.person_heads) if i < poss.i]
            owner = before[-1] if before and self.person_heads else None
        after = [i for i in sorted(self.person_heads) if noun.i < i < sent.end]
        named = self.person_heads[after[0]] if after else None
        if owner is None or named is None or named.canonical == owner.canonical:
            return False
        name_start = doc.char_span(named.start_char, named.end_char, alignment_mode="expand")
        between = doc[noun.i + 1 : name_start.start if name_start is not None else after[0]]
        if (
            not between
            or between[-1].text != ","
            or len(between) > 6
            or any(
                t.pos_ in ("VERB", "AUX") or (t.text == "," and t.i != between[-1].i)
                for t in between
            )
        ):
            return False  # "his predecessor (in that post), X": the name right after, set off
        held = [r for r in self.out if r.person == owner.canonical]
        if not held:
            return False
        last = held[-1]
        qualifier = "former" if noun.lower_ == "predecessor" else None
        self.add(named, last.role, last.organization, qualifier, sent, noun.idx, named.end_char)
        return True

    def antecedent(self, pronoun: Token) -> Entity | None:
        """The person a "he" or "she" stands for: the one person named in its sentence or the two
        before (``None`` when there are several)."""
        doc = self.doc
        first = pronoun.sent.start
        for _ in range(2):
            if first > 0:
                first = doc[first - 1].sent.start
        heads = sorted(i for i in self.person_heads if first <= i < pronoun.i)
        people = {self.person_heads[i].canonical for i in heads}
        # only one person named nearby: with two, "she" could be either
        return self.person_heads[heads[-1]] if len(people) == 1 else None

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
                    or (k + 1 < end and doc[k + 1].text == "-" and not doc[k].whitespace_)
                )
                and doc[k].i not in self.ents
            ):
                k -= 1
            # lower-case prefixes glued by a hyphen ("then-Supreme") or spaced ("former President")
            if k >= sent.start and doc[k].lower_ in qualifiers() and doc[k].i not in self.ents:
                k -= 1
            title_before = (
                k == j == span.start - 1
                and j >= sent.start
                and doc[j].text[:1].islower()
                and doc[j].tag_ == "NN"
                and is_role_noun(doc[j])
                and all(  # "chief executive Elon Musk" is read whole by the appositive rules
                    c.dep_ == "det" or c.lower_ in qualifiers() or c.i in self.ents
                    for c in doc[j].lefts
                )
            )
            if title_before:
                # a lower-case title right before the name: "lawmaker Mojtaba Zonnour", "the late
                # cleric Hossein-Ali Montazeri"
                k = j - 1
                while k - 1 >= sent.start and doc[k].text == "-" and not doc[k - 1].whitespace_:
                    k -= 2  # "vice-chancellor"
                if k >= sent.start and doc[k].lower_ in qualifiers() and doc[k].i not in self.ents:
                    k -= 1
            cand = doc[k + 1 : end]
            if not len(cand):
                continue
            words = _title_text(cand)
            if not (title_before or is_title(words)):
                continue
            role, qualifier = split_qualifier(words)
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

    def from_person(self, tok: Token, person: Entity, sent: Span) -> None:
        """Roles given to the person whose head token is ``tok``."""
        # appositive "X, a clerical judge" / relative clause "X, who heads Y"
        for child in tok.children:
            if child.dep_ == "appos" and is_role_noun(child):
                self.role_from_noun(child, person, sent)
            if child.dep_ == "relcl":
                self.heads(child, person, sent)
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
        if tok.dep_ == "dobj" and head.lower_ in APPOINT_VERBS:
            self.appointment(head, person, sent)
        # "X's selection as the regime's new president"
        if tok.dep_ == "poss" and head.lower_ in APPOINT_NOUNS:
            self.appointment(head, person, sent)

    def heads(self, verb: Token, person: Entity, sent: Span) -> None:
        """ "X, who heads the national security committee", "X chairs the board": head of it."""
        if verb.lower_ not in HEAD_VERBS:
            return
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            obj = verb.head  # "Compass, which Mr. Reffkin founded": the clause's noun
        if obj is None or self.person_at(obj) is not None:
            return
        named = obj.i in self.ents and self.ents[obj.i].label in ("ORG", "GPE", "NORP", "FAC")
        if verb.dep_ != "relcl" and not named and obj.lower_ not in BODY_NOUNS:
            return  # "led the rescue", "runs a marathon": no office
        org = self._org_phrase(obj) if obj.i in self.ents else org_of(obj, self.ents)[0]
        if obj.i + 1 < len(self.doc) and self.doc[obj.i + 1].lower_ == "on":
            org = self.doc[obj.left_edge.i : obj.right_edge.i + 1].text  # "a committee on X"
            org = re.sub(r"^(?:an?|the)\s+", "", org)
        org = org or self._org_phrase(obj)
        if org is None and verb.dep_ != "relcl":
            return  # "led the team to victory", "led police to the body": no named body
        start = min(person.start_char, obj.idx)
        end = max(person.end_char, obj.right_edge.idx + len(obj.right_edge.text))
        self.add(person, HEAD_VERBS[verb.lower_], org, None, sent, start, end, {verb.i})

    def clause(self, verb: Token, person: Entity, sent: Span) -> None:
        """Roles a clause gives its subject: copulas, appointments, "served as"."""
        self.heads(verb, person, sent)
        if verb.lower_ in COPULAS or verb.lemma_ == "be":
            for c in verb.children:
                if c.dep_ in ("attr", "acomp", "oprd") and is_role_noun(c):
                    self.role_from_noun(c, person, sent)
                if c.dep_ == "attr":
                    # "X is an American executive who has been the chief executive of Microsoft"
                    for rel in (r for r in c.children if r.dep_ == "relcl"):
                        self.clause(rel, person, sent)
        if verb.lower_ in APPOINT_VERBS or verb.lower_ in COPULAS:
            self.appointment(verb, person, sent)

    def _object_org(self, verb: Token) -> str | None:
        """The organisation a verb's object names ("joined Apple", "left the BBC")."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.i in self.ents and self.ents[obj.i].label == "ORG":
            return self.ents[obj.i].canonical
        return None

    def appointment(self, verb: Token, person: Entity, sent: Span) -> None:
        """The role an appointment verb or noun gives: "appointed as X", "named X chief"."""
        if verb.lower_ in ("joined", "joins", "join") and (org := self._object_org(verb)):
            as_role = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
            if not as_role:  # "She joined Google in 2004": a member of it
                obj = next(c for c in verb.children if c.dep_ == "dobj")
                a, b = person.start_char, obj.idx + len(obj.text)
                self.add(person, "member", org, None, sent, a, b, {verb.i})
        for child in verb.children:
            if child.dep_ in ("prep",) and child.lower_ in ("as", "to"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if pobj.lower_ == "one" or pobj.lower_ in MEMBER_NOUNS:
                    self.membership(verb, person, sent)
                elif is_role_noun(pobj) or pobj.lower_ in ("presidency",):
                    self.role_from_noun(pobj, person, sent, self._object_org(verb))
            if (
                child.dep_ in ("oprd", "attr", "xcomp", "ccomp")
                and is_role_noun(child)
                and child.ent_type_ != "PERSON"
            ):
                self.role_from_noun(child, person, sent)
            if (
                child.dep_ == "dobj"
                and is_role_noun(child)
                and child.ent_type_ != "PERSON"
                and self.person_at(child) is None
            ):
                self.role_from_noun(child, person, sent)
            if child.dep_ == "dobj" and self.person_at(child) is not None:
                for grand in child.children:
                    if grand.dep_ in ("appos", "oprd", "npadvmod", "attr") and is_role_noun(grand):
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
        """The organisation ``tok`` names: a tagged entity or a multi-word unnamed body."""
        if tok.i in self.ents and self.ents[tok.i].label in ("ORG", "GPE", "NORP", "FAC"):
            return self.ents[tok.i].canonical
        return unnamed_org(tok)

    def role_from_noun(
        self,
        noun: Token,
        person: Entity,
        sent: Span,
        default_org: str | None = None,
        conjuncts: bool = True,
    ) -> None:
        """Record the role the role noun ``noun`` gives ``person``, with its organisation.

        ``default_org`` stands when the noun names none ("joined Apple as a senior vice
        president"); coordinated role nouns share an organisation ("chair and chief executive
        officer of General Motors").
        """
        org, used = org_of(noun, self.ents)
        shared = [c for c in noun.conjuncts if is_role_noun(c)] if conjuncts else []
        if org is None:
            org = next((o for c in shared if (o := org_of(c, self.ents)[0])), None) or default_org
        for c in shared:
            self.role_from_noun(c, person, sent, org, conjuncts=False)
        role, qualifier = role_text(noun, used, self.ents)
        if noun.lower_ == "presidency":
            role = "president"
        a = min(person.start_char, noun.left_edge.idx)
        clause_end = noun.head.right_edge if noun.head.pos_ in ("VERB", "AUX") else noun.right_edge
        b = max(person.end_char, noun.idx + len(noun.text), clause_end.idx + len(clause_end.text))
        anchors = {noun.i, *(t.i for t in list(noun.ancestors)[:3])}
        if qualifier is None and noun.dep_ == "appos" and self._late(person):
            qualifier = "late"  # "The late Hossein-Ali Montazeri, a senior cleric, ..."
        if qualifier is None:
            qualifier = _past_qualifier(noun)
        self.add(person, role, org, qualifier, sent, a, b, anchors)

    def _late(self, person: Entity) -> bool:
        """Whether the person mention follows "late" ("the late Hossein-Ali Montazeri")."""
        before = text_of(self.doc)[max(0, person.start_char - 9) : person.start_char]
        return re.search(r"\blate\s+$", before, re.IGNORECASE) is not None

    def from_role_noun(self, tok: Token, sent: Span) -> None:
        """The person a role noun names: in an appositive or as its copula's attribute."""
        # "the head of the judiciary, Ebrahim Raisi" (appositive after the role)
        for child in tok.children:
            if child.dep_ == "appos" and (p := self.person_at(child)) is not None:
                self.role_from_noun(tok, p, sent)
        # "The head of the judiciary at the time ... was Ebrahim Raisi" ("whose head is X" is read
        # by :meth:`whose_title`)
        if tok.dep_ == "nsubj" and not any(t.lower_ == "whose" for t in tok.subtree):
            attr = next((c for c in tok.head.children if c.dep_ == "attr"), None)
            if (
                attr is not None
                and (p := self.person_at(attr)) is not None
                and tok.head.lower_ in ("is", "was", "were", "are", "remains", "remained", "became")
            ):
                self.role_from_noun(tok, p, sent)


def _title_text(span: Span) -> str:
    """A title as lower-case words with its hyphens closed up ("president - elect")."""
    return span.text.lower().replace(" - ", "-").replace("- ", "-").replace(" -", "-")


def _past_qualifier(noun: Token) -> str | None:
    """``former`` or ``then`` for a role stated with a past copula.

    "X was Khomeini's chosen successor until he protested" -> ``former``; "Thirty-three years ago,
    X was a young deputy prosecutor" / "In 1988 she was mayor" -> ``then``.
    """
    verb = noun.head
    if noun.dep_ not in ("attr", "oprd") or verb.lower_ not in ("was", "were"):
        return None
    if any(t.lower_ == "until" and t.dep_ == "mark" for t in verb.subtree if t.i > noun.i):
        return "former"  # "until he protested"; "until 2019" is a date, not a qualifier
    dated = any(
        c.ent_type_ == "DATE" or any(g.ent_type_ == "DATE" for g in c.children)
        for c in verb.children
        if c.dep_ in ("npadvmod", "prep", "advmod") and c.i < verb.i
    )
    return "then" if dated else None


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

    Examples:
        >>> import claimkit
        >>> a = claimkit.analyze("Amnesty International's Director-General Agnes Callamard spoke.")
        >>> [(r.role, r.organization) for r in a.roles]
        [('director-general', 'Amnesty International')]
    """
    return _RoleFinder(doc, doc_id, entities, published).run(exclude)
