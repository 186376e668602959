"""Extractors: plain functions from a parsed spaCy ``Doc`` to lists of records.

Each works without the claimkit pipeline components, on any ``Doc`` with a parser and NER:

Examples:
    >>> import spacy, claimkit
    >>> from claimkit.extract import extract_figures
    >>> doc = claimkit.load()("Over 30,000 were executed.")
    >>> [f.category for f in extract_figures(doc)]
    ['executed']
"""

from claimkit.extract.boilerplate import find_boilerplate
from claimkit.extract.entities import extract_entities
from claimkit.extract.events import extract_events
from claimkit.extract.figures import extract_figures
from claimkit.extract.roles import extract_roles

__all__ = [
    "extract_entities",
    "extract_events",
    "extract_figures",
    "extract_roles",
    "find_boilerplate",
]
