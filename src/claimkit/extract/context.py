"""Sentence context for figures: counted noun, category and hedges.

These helpers read spaCy's dependency parse around a number; they are used by
:func:`claimkit.extract.figures.extract_figures`.

Examples:
    >>> import claimkit
    >>> doc = claimkit.load()("At least 304 people were killed.")
    >>> counted_noun(doc[2], doc[0:3]).text
    'people'
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from claimkit.vocab import vocab, word_set

__all__ = ["category_of", "counted_noun", "cue_at", "hedges", "noun_phrase"]

_NP_DEPS = {"compound", "amod", "nmod", "nummod", "quantmod", "npadvmod"}
_POSSESSOR_DEPS = {"poss", "case"}


@functools.cache
def _cues(kind: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(phrase words, category) pairs of ``categories.yaml``'s verbs or nouns, longest first."""
    pairs = []
    for cat, words in vocab("categories")[kind].items():
        for w in words:
            pairs.append((tuple(str(w).lower().split()), str(cat)))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def cue_at(tok: Token, kind: str) -> str | None:
    """The category of the cue of ``categories.yaml``'s ``kind`` ("verbs" or "nouns") that starts
    at ``tok`` ("shot dead" -> killed), longest first."""
    doc = tok.doc
    words = [t.lower_ for t in doc[tok.i : tok.i + 5]]
    for phrase, cat in _cues(kind):
        if tuple(words[: len(phrase)]) == phrase:
            return cat
    return None


def noun_phrase(
    tok: Token, skip: set[int] | None = None, keep_det: bool = False, possessor: bool = False
) -> str:
    """The pre-modified noun phrase headed by ``tok``, without determiners or ``skip`` tokens.

    With ``possessor`` the possessor stays ("Puerto Rico's government").

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("They freed the political prisoners.")
        >>> noun_phrase(doc[4])
        'political prisoners'
    """
    skip = skip or set()
    left = tok.i
    doc = tok.doc
    while left - 1 >= 0:
        prev = doc[left - 1]
        if prev.i in skip or (prev.is_punct and prev.text not in ("-",)):
            break
        if not tok.is_ancestor(prev):
            break
        deps = _NP_DEPS | _POSSESSOR_DEPS if possessor else _NP_DEPS
        if (
            prev.dep_ not in deps
            and not (keep_det and prev.dep_ == "det")
            and not (
                possessor
                and tok.is_ancestor(prev)
                and any(a.dep_ == "poss" for a in prev.ancestors if tok.is_ancestor(a))
            )
        ):
            break
        left -= 1
    words = doc[left : tok.i + 1]
    text = words.text
    if not keep_det:
        text = re.sub(
            r"^(?:(?:the|a|an|these|those|this|that|some|all|his|her|their|its|more|further|additional|other)\s+)+",
            "",
            text,
            flags=re.I,
        )
    return text.strip()


def counted_noun(num: Token, span: Span) -> Token | None:
    """The noun a number counts ("1,500 protesters", "dozens of people", "90 percent of victims").

    Args:
        num: Head token of the number.
        span: Tokens of the whole quantity (qualifier and unit included).
    """
    inside = set(range(span.start, span.end))
    head = num.head
    if (
        num.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod")
        and head.i not in inside
        and head.pos_ in ("NOUN", "PROPN")
    ):
        return head
    # "dozens of people", "1,500 of the protesters", "90 percent of the victims", "$5 million in damage"
    doc = num.doc
    end = span.end
    last = num.sent.end  # look no further than the number's sentence: not into the next line's
    if (
        end < last
        and doc[end].lower_ in ("in", "worth")
        and any(t.like_num or t.text in "$€£" for t in span)
    ):
        for t in doc[end + 1 : min(end + 4, last)]:
            if t.pos_ == "NOUN":
                return t
    if end < last and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                return child
        if end + 1 < last:
            nxt = doc[end + 1 : min(end + 4, last)]
            for t in nxt:
                if t.pos_ in ("NOUN", "PROPN"):
                    return t
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    # the noun right after the number when the parse attached it elsewhere
    if (
        end < last
        and doc[end].pos_ in ("NOUN",)
        and doc[end].tag_ in ("NNS", "NN")
        and doc[end].i not in inside
    ):
        return doc[end]
    if (
        end + 1 < last
        and doc[end].pos_ == "ADJ"
        and doc[end + 1].pos_ == "NOUN"
        and doc[end + 1].tag_ == "NNS"
    ):
        return doc[end + 1]
    return None


def _chain(num: Token, noun: Token | None, inside: range) -> list[Token]:
    """The counted noun (or the number), then its heads up to the first verb."""
    anchor = noun if noun is not None else num
    chain = [anchor]
    if noun is not None and noun.dep_ == "pobj":
        chain.append(num)
    tok = chain[-1]
    for _ in range(4):
        if tok.head == tok:
            break
        tok = tok.head
        if tok.i in inside:
            continue
        chain.append(tok)
        if tok.pos_ in ("VERB", "AUX"):
            break
    return chain


def _verb_cue(chain: list[Token], anchor: Token, inside: range) -> str | None:
    """A category verb or adjective governing the chain: "were gunned down", "who were arrested"."""
    for tok in chain:
        if tok.i not in inside and tok is not anchor and (cat := cue_at(tok, "verbs")):
            return cat
        for child in tok.children:
            if child.i in inside:
                continue
            if child.dep_ in ("relcl", "acl", "amod", "acomp", "oprd", "appos", "prep") and (
                cat := cue_at(child, "verbs")
            ):
                return (
                    cat  # "were in critical condition", "are in custody": a cue may open with "in"
                )
            # "are reported to have been detained", "who were shot dead"
            if child.dep_ in ("relcl", "acl", "xcomp") or (
                tok.pos_ in ("VERB", "AUX") and child.dep_ == "xcomp"
            ):
                for grand in [child, *child.children]:
                    if grand.dep_ in ("acomp", "oprd", "xcomp") and (cat := cue_at(grand, "verbs")):
                        return cat
    return None


_MEASURES = {
    "toll",
    "number",
    "numbers",
    "count",
    "counts",
    "tally",
    "figure",
    "figures",
    "total",
    "estimate",
    "estimates",
    "death",
    "interval",
    "range",
}


def _measured(chain: list[Token], anchor: Token) -> str | None:
    """What the number measures: "the death toll rose to 64", "put the toll at 1,500", "was 106"."""
    for tok in chain:
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass", "dobj")
                    and child.i != anchor.i
                    and (cat := _measure_category(child))
                ):
                    return cat
        elif tok is not anchor and tok.pos_ == "NOUN" and (cat := _measure_category(tok)):
            return cat
    return None


def _measure_category(noun: Token) -> str | None:
    """The category of a measure noun or its of-phrase ("number of deaths", "count of the dead")."""
    cat = _noun_category(noun)
    if cat:
        return cat
    if noun.lower_ in _MEASURES:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                # "the number of deaths"; "the number of missing" (parsed as a clause)
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and (cat := _noun_category(pobj) or cue_at(pobj, "verbs")):
                    return cat
    return None


def _context_category(num: Token) -> str | None:
    """For a bare tally ("its count ... was 106"): the casualty word of this or the previous sentence."""
    sent = num.sent
    doc = num.doc
    spans = [sent]
    while len(spans) < 4 and spans[-1].start > 0:
        spans.append(doc[spans[-1].start - 1].sent)
    for span in spans:
        if span is None:
            continue
        for tok in span:
            if tok.i == num.i or tok.pos_ not in ("VERB", "NOUN", "ADJ"):
                continue
            cat = cue_at(tok, "verbs") or _noun_category(tok)
            if cat in ("killed", "executed"):
                return cat
    return None


def category_of(num: Token, noun: Token | None, span: Span) -> str | None:
    """The casualty or count category from the words governing the number.

    Places win ("protesters killed in 21 cities" counts cities); otherwise verbs win over nouns: in
    "political prisoners were executed" the verb says ``executed``.
    """
    inside = range(span.start, span.end)
    anchor = noun if noun is not None else num
    noun_cat = _noun_category(noun) if noun is not None else None
    if noun_cat == "places":
        return noun_cat
    chain = _chain(num, noun, inside)
    if cat := _verb_cue(chain, anchor, inside):
        return cat
    # "N dead", "N killed", "thousands more arrested" right after the number or noun
    doc = num.doc
    after = (noun.i + 1) if noun is not None else span.end
    while after < len(doc) and doc[after].lower_ in ("more", "others", "other", "people"):
        after += 1
    if after < len(doc) and (cat := cue_at(doc[after], "verbs")):
        return cat
    if noun_cat:
        return noun_cat
    if cat := _measured(chain, anchor):
        return cat
    measures = _MEASURES | {"it", "stood"}
    near = [
        *chain,
        *(
            c
            for t in chain
            if t.pos_ in ("VERB", "AUX")
            for c in t.children
            if c.dep_ in ("nsubj", "dobj")
        ),
    ]
    if noun is None and any(t.lower_ in measures for t in near) and (cat := _context_category(num)):
        return cat
    return None


def measured_subject(num: Token, span: Span) -> str | None:
    """The counted noun of a number that measures something named elsewhere in its clause.

    "put excess deaths at 1,052" -> "excess deaths"; "put the number of deaths at 4,645" ->
    "deaths"; "the count of the dead was 64" -> "dead"; "the death toll rose to 64" -> ``None``.

    Examples:
        >>> import claimkit
        >>> doc = claimkit.load()("They put the number of deaths at 4,645.")
        >>> measured_subject(doc[7], doc[7:8])
        'deaths'
    """
    inside = range(span.start, span.end)
    for tok in _chain(num, None, inside):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubj", "nsubjpass", "dobj") or child.i in inside:
                continue
            if any(c.dep_ == "nummod" for c in child.children):
                continue  # "counted 85 dead ... and 120": that noun has its own number
            if child.lower_ in _MEASURES:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if pobj is not None and _noun_category(pobj):
                            return noun_phrase(pobj)
            elif _noun_category(child) and child.lower_ not in ("toll", "tally"):
                return noun_phrase(child)
    return None


def _noun_category(noun: Token) -> str | None:
    phrase = noun_phrase(noun).lower().split()
    for phrase_words, cat in _cues("nouns"):
        n = len(phrase_words)
        if tuple(phrase[-n:]) == phrase_words:
            return cat
    return None


def hedges(sent: Span) -> str | None:
    """Hedging words in ``sent`` ("estimated", "reportedly"), joined with ``"; "``."""
    text = sent.text.lower()
    found: list[tuple[int, str]] = []
    for phrase in sorted(word_set("cues", "hedges"), key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text):
            if phrase == "may" and sent.text[m.start()] == "M":
                continue  # the month
            if not any(s <= m.start() < s + len(p) for s, p in found):
                found.append((m.start(), phrase))
    if not found:
        return None
    found.sort()
    words: list[str] = []
    for _, p in found:
        p = p.removeprefix("an ")
        if p not in words:
            words.append(p)
    return "; ".join(words)
