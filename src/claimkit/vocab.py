"""Word lists shipped in ``claimkit/data/*.yaml``, loaded once and cached.

Examples:
    >>> from claimkit.vocab import vocab
    >>> vocab("qualifiers")["before"]["at least"]
    'at_least'
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def vocab(name: str) -> dict[str, Any]:
    """Return the parsed data file ``claimkit/data/<name>.yaml``.

    Args:
        name: File stem, e.g. ``"qualifiers"``.

    Returns:
        The mapping stored in the file.

    Examples:
        >>> sorted(vocab("numbers")["vague"])[:2]
        ['billions', 'dozens']
    """
    text = resources.files("claimkit").joinpath("data").joinpath(f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"data file {name}.yaml must hold a mapping")
    return data


@functools.cache
def word_set(name: str, key: str) -> frozenset[str]:
    """Return one list of a data file as a lower-cased frozen set.

    Examples:
        >>> "said" in word_set("cues", "claim_verbs")
        True
    """
    return frozenset(str(w).lower() for w in vocab(name)[key])


_IRREGULAR_PLURALS = {"children": "child", "women": "woman", "men": "man", "policemen": "policeman"}


def singular(word: str) -> str:
    """A lower-case plural noun as its singular, by rule ("teenagers") or by table ("women").

    Examples:
        >>> singular("teenagers"), singular("women"), singular("bus")
        ('teenager', 'woman', 'bus')
    """
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
