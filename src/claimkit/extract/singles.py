"""Single casualties stated without a number: "A 23-year-old man was killed" counts one death.

Local news reports most deaths and injuries one person at a time. A person noun with the indefinite
article that undergoes its clause (the object, or the subject of a passive or of a verb without
object) is a count of one; :func:`~claimkit.extract.figures.extract_figures` keeps it only when the
clause makes it a casualty (killed, injured, arrested, executed, missing or displaced).

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("A motorcyclist died at the scene.")
    >>> [(q.text, q.value) for q in implied_singles(doc)]
    [('A motorcyclist', 1.0)]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimkit.extract.context import cue_at
from claimkit.extract.doctext import text_of
from claimkit.quantity import Quantity
from claimkit.vocab import singular, word_set

__all__ = ["clause_category", "implied_singles"]


def clause_category(subject: Token) -> str | None:
    """The category a subject's verb or its conjuncts give ("was struck and injured" -> injured).

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("A man was struck by a car and later died.")
        >>> clause_category(doc[1])
        'killed'
    """
    verb = subject.head
    return next((cat for v in [verb, *verb.conjuncts] if (cat := cue_at(v, "verbs"))), None)


_ARTICLE_COUNTS = {"a": 1.0, "an": 1.0, "both": 2.0}
"""Words that count the person noun they determine ("a man", "both drivers")."""

_ARTICLES = re.compile(r"\b(?:[Aa]n?|[Bb]oth|[Aa]nother)\b")


def _undergoes(noun: Token) -> bool:
    """Whether the person undergoes the clause rather than does it: an object, the subject of a
    passive or of a verb without object ("A man was killed", "A motorcyclist died"), and not
    negated ("A man was not injured"). "A man killed his wife" counts the wife, not the man."""
    role = noun.head.dep_ if noun.dep_ == "conj" else noun.dep_
    verb = noun.head.head if noun.dep_ == "conj" else noun.head
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if role in ("dobj", "nsubjpass"):
        return True
    shared = [v for v in verb.conjuncts if not any(c.dep_.startswith("nsubj") for c in v.children)]
    verbs = [verb, *shared]  # "A driver struck and killed a pedestrian": one subject, two verbs
    return not any(c.dep_ == "dobj" for v in verbs for c in v.children)


def implied_singles(doc: Doc) -> list[Quantity]:
    """``a``/``an`` + person noun as a clause's subject or object ("A woman was shot", "killed a
    driver"), as counts of one; "both drivers" counts two.

    Args:
        doc: A parsed spaCy ``Doc``.

    Returns:
        One :class:`~claimkit.quantity.Quantity` of kind ``"implied"`` per such phrase; its number
        is the article.
    """
    persons = word_set("categories", "person_nouns")
    out: list[Quantity] = []
    text = text_of(doc)
    for m in _ARTICLES.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue
        tok = span[0]
        if tok.lower_ == "another" and tok.dep_ in ("nsubj", "nsubjpass") and _undergoes(tok):
            # "One person is dead and another is in critical condition"
            out.append(_count_of(tok.idx, tok.idx + len(tok.text), text, 1.0))
            continue
        head = tok.head
        counts = _ARTICLE_COUNTS.get(tok.lower_)
        if counts is None:
            continue
        if tok.dep_ not in ("det", "predet") or head.i < tok.i:
            continue
        plural = head.lower_
        noun = plural if counts == 1.0 else "person" if plural == "people" else singular(plural)
        if noun not in persons or head.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj"):
            continue
        if head.dep_ == "conj" and head.head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if not _undergoes(head):
            continue
        start, end = tok.idx, head.idx + len(head.text)
        out.append(_count_of(start, end, text, counts, tok.idx + len(tok.text)))
    return out


def _count_of(
    start: int, end: int, text: str, value: float, num_end: int | None = None
) -> Quantity:
    """An implied count of ``value`` for ``text[start:end]``; its number is the first word."""
    return Quantity(
        start, end, text[start:end], value, value, value, "exact", None, None, "implied",
        start, num_end if num_end is not None else end,
    )  # fmt: skip
