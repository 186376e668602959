"""Person–event links: who was a member of, responsible for, a victim of, or a participant in an event.

Links are read conservatively, from the clause that names both the person and the event:

- verbs with the person as subject and the event in their object or a prepositional phrase ("Khomeini
  ordered the executions" -> ordered; "Rosselló oversaw the response to Hurricane Maria" ->
  responsible; "she joined the protests" -> participant);
- passive verbs with the person as subject ("Navid was killed in the crackdown" -> victim);
- a member role in the event's sentence ("Raisi sat on the death commission during the 1988
  massacre" -> member);
- nominalisations: "Raisi's role in the 1988 massacre" -> responsible, "Raisi's inauguration" and
  "Raisi's election" -> appointed.

A person and an event that merely share a sentence are not linked.

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("In 1988, Ruhollah Khomeini ordered the executions of political prisoners.")
    >>> [(k.person, k.relation, k.event_id) for k in a.links]
    [('Ruhollah Khomeini', 'ordered', 'massacre:1988')]
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimkit.extract.events import EventMention
from claimkit.records import Entity, Link, Role

__all__ = ["extract_links"]

_VERBS = {
    "ordered": "ordered",
    "order": "ordered",
    "orders": "ordered",
    "decreed": "ordered",
    "authorized": "ordered",
    "authorised": "ordered",
    "led": "responsible",
    "oversaw": "responsible",
    "oversee": "responsible",
    "organized": "responsible",
    "organised": "responsible",
    "carried": "responsible",
    "sanctioned": "responsible",
    "approved": "responsible",
    "crushed": "responsible",
    "presided": "responsible",
    "directed": "responsible",
    "commanded": "responsible",
    "planned": "responsible",
    "implemented": "responsible",
    "joined": "participant",
    "attended": "participant",
    "participated": "participant",
    "marched": "participant",
    "protested": "participant",
    "covered": "participant",
    "won": "appointed",
}
_PASSIVE_VICTIM = {
    "killed",
    "executed",
    "shot",
    "arrested",
    "detained",
    "injured",
    "wounded",
    "hanged",
    "jailed",
}
_ROLE_NOUNS = {
    "role": "responsible",
    "part": "participant",
    "involvement": "responsible",
    "responsibility": "responsible",
}
_MEMBER_KINDS = {"massacre", "execution", "trial", "crackdown"}
_APPOINTING_KINDS = {
    "election": "appointed",
    "inauguration": "appointed",
    "appointment": "appointed",
}


def _people(doc: Doc, entities: Sequence[Entity]) -> dict[int, Entity]:
    out: dict[int, Entity] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        span = doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
        if span is not None:
            out[span.root.i] = e
    return out


def _mentions(doc: Doc, mentions: Sequence[EventMention]) -> dict[int, EventMention]:
    return {m.head: m for m in mentions if m.head >= 0 and m.event_id}


def _in_scope(verb: Token, event_head: int) -> bool:
    """Whether the event is the object of ``verb`` or in one of its prepositional phrases."""
    for child in verb.children:
        scoped = child.dep_ in ("dobj", "attr", "oprd", "prep", "agent", "prt", "advcl", "xcomp")
        if scoped and any(t.i == event_head for t in child.subtree):
            return True
    return False


def extract_links(
    doc: Doc,
    doc_id: str = "",
    *,
    entities: Sequence[Entity] = (),
    roles: Sequence[Role] = (),
    mentions: Sequence[EventMention] = (),
) -> list[Link]:
    """Person–event links stated in ``doc``.

    Args:
        doc: A parsed spaCy ``Doc``.
        doc_id: Id written into each record.
        entities: The document's entities (persons are linked by canonical name).
        roles: The document's roles (member roles link to an event in the same sentence).
        mentions: Resolved event mentions (from :func:`~claimkit.extract.events.extract_events`).

    Returns:
        One :class:`~claimkit.records.Link` per (person, event, relation), in text order.

    Examples:
        >>> import claimkit
        >>> a = claimkit.analyze("President Joe Biden's inauguration took place in January 2021.")
        >>> [(k.person, k.relation, k.event_id) for k in a.links]
        [('Joe Biden', 'appointed', 'inauguration:2021-01')]
    """
    people = _people(doc, entities)
    events = _mentions(doc, mentions)
    if not people or not events:
        return []
    out: list[Link] = []
    seen: set[tuple[str, str, str]] = set()

    def add(person: Entity, mention: EventMention, relation: str, tok: Token) -> None:
        key = (person.canonical, mention.event_id, relation)
        if key in seen:
            return
        seen.add(key)
        sent = tok.sent
        start = min(person.start_char, mention.start)
        end = max(person.end_char, mention.end)
        out.append(
            Link(
                doc_id,
                person.canonical,
                mention.event_id,
                relation,
                sent.text.strip(),
                start,
                end,
                person_id=person.entity_id,
            )
        )

    for head_i, mention in events.items():
        tok = doc[head_i]
        # "Raisi's inauguration", "Raisi's role in the 1988 massacre"
        for child in tok.children:
            if child.dep_ == "poss" and child.i in people and mention.kind in _APPOINTING_KINDS:
                add(people[child.i], mention, _APPOINTING_KINDS[mention.kind], tok)
        for anc in tok.ancestors:
            if anc.lower_ in _ROLE_NOUNS:
                poss = next((c for c in anc.children if c.dep_ == "poss" and c.i in people), None)
                if poss is not None:
                    add(people[poss.i], mention, _ROLE_NOUNS[anc.lower_], tok)
                break
            if anc.pos_ in ("VERB", "AUX"):
                break
    for person_i, person in people.items():
        ptok = doc[person_i]
        verb = ptok.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for head_i, mention in events.items():
            if doc[head_i].sent.start != ptok.sent.start or not _in_scope(verb, head_i):
                continue
            if ptok.dep_ == "nsubj" and verb.lower_ in _VERBS:
                add(person, mention, _VERBS[verb.lower_], verb)
            elif ptok.dep_ == "nsubjpass" and verb.lower_ in _PASSIVE_VICTIM:
                add(person, mention, "victim", verb)
    dates = {m.event_id: m.date for m in mentions if m.date is not None}
    for role in roles:
        member = next((p for p in people.values() if p.canonical == role.person), None)
        if role.role != "member" or member is None:
            continue
        # an event of the role's own sentence, else one of the same time ("sat on the death
        # commission in the summer of 1988" -> the 1988 massacre)
        same = [m for m in events.values() if role.start_char <= m.start < role.end_char]
        timed = [
            m
            for m in events.values()
            if m.kind in _MEMBER_KINDS
            and role.date_start
            and (d := dates.get(m.event_id)) is not None
            and d[0][:4] == role.date_start[:4]
        ]
        for mention in same or timed[:1]:
            add(member, mention, "member", doc[mention.head])
    out.sort(key=lambda k: (k.start_char, k.relation))
    return out
