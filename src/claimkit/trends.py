"""Trends: whether a figure states a rise or a fall, from the change word before it.

:func:`trend_before` reads the word right before a figure ("rose 5%", "grew sales by 35 per
cent"); :func:`trend_to` a change verb shortly before "to" ("fell sharply to 4.5"). The change
words come from ``claimkit/data/cues.yaml``.

Examples:
    >>> from claimkit.numreader import NumberReader
    >>> r = NumberReader("Sales rose 5% and then fell sharply to 4.5 as they gave up 20 sites.")
    >>> trend_before(r, 2), trend_to(r, 8), trend_before(r, 14)
    ('up', 'down', None)
"""

from __future__ import annotations

from claimkit.numreader import NumberReader
from claimkit.vocab import word_set

__all__ = ["trend_before", "trend_to"]

_PHRASAL_VERBS = frozenset(
    {
        "gave",
        "give",
        "gives",
        "giving",
        "given",
        "set",
        "sets",
        "picked",
        "pick",
        "made",
        "make",
        "back",
        "signed",
        "sign",
        "shut",
        "broke",
        "break",
        "turned",
        "turn",
        "put",
        "took",
        "take",
        "brought",
        "bring",
        "went",
        "go",
        "came",
        "come",
        "wound",
        "showed",
        "show",
        "stepped",
        "step",
        "cracked",
        "calmed",
        "slowed",
        "settled",
        "burned",
        "broken",
        "backed",
    }
)
"""Verbs whose particle "up"/"down" is no change ("gave up 517 yards", "set up 20 sites")."""

_WEAK_TREND_UP = frozenset({"higher", "raised", "boosted", "boost", "increase", "gain"})
"""Rise words that set no trend right before a number ("added 5", "a rise 10 times")."""

_WEAK_TREND_DOWN = frozenset({"lower", "cut", "cuts", "drop", "decline", "decrease"})
"""Fall words that set no trend right before a number ("lost 5", "cut 10 jobs")."""


def trend_before(r: NumberReader, i: int) -> str | None:
    """``"up"``/``"down"`` when a change verb comes before token ``i`` ("rose 5%")."""
    w = r.low(i - 1)
    up, down = word_set("cues", "trend_up"), word_set("cues", "trend_down")
    if w == "by":
        # "grow sales by 35 per cent": a trend verb within a few words before "by"
        for back in range(4):
            ww = r.low(i - 2 - back)
            if ww in up:
                return "up"
            if ww in down:
                return "down"
        return None
    if w in ("up", "down"):
        return None if r.low(i - 2) in _PHRASAL_VERBS else w
    if w in up and w not in _WEAK_TREND_UP:
        return "up"
    if w in down and w not in _WEAK_TREND_DOWN:
        return "down"
    return None


def trend_to(r: NumberReader, to_i: int) -> str | None:
    """The trend of a change verb shortly before "to" at ``to_i``: "fell (sharply) to 4.5"."""
    up, down = word_set("cues", "trend_up"), word_set("cues", "trend_down")
    for back in range(1, 5):
        w = r.low(to_i - back)
        if w in up and w not in ("higher", "raised", "boosted"):
            return "up"
        if w in down and w not in ("lower", "cut", "cuts"):
            return "down"
        t = r.tok(to_i - back)
        if w in (".", ";", "and", "from", "to") or (t is not None and t.kind == "num"):
            break  # "rose 8.15% to 3.65": the change is the 8.15%, the 3.65 a level
    return None
