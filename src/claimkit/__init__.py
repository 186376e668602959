"""claimkit: the figures, people, roles, events and claimants a fact-checker needs, from news text.

Examples:
    >>> import claimkit
    >>> a = claimkit.analyze("Reuters reported that about 1,500 people were killed.")
    >>> [(f.value, f.qualifier, f.category, f.attribution) for f in a.figures]
    [(1500.0, 'approx', 'killed', 'Reuters')]
"""

from claimkit.analysis import Analysis
from claimkit.compare import compare
from claimkit.errors import InputError, ModelNotFoundError
from claimkit.export import frames
from claimkit.graph import build_graph
from claimkit.graph_export import (
    graph_frames,
    read_node_link_json,
    to_gexf,
    to_graphml,
    to_node_link_json,
    write_graph,
)
from claimkit.pipeline import analyze, analyze_html, analyze_many, load
from claimkit.plot import plot_graph
from claimkit.records import Entity, ErrorRecord, Event, Figure, Role
from claimkit.render import render
from claimkit.store import Store

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Entity",
    "ErrorRecord",
    "Event",
    "Figure",
    "InputError",
    "ModelNotFoundError",
    "Role",
    "Store",
    "__version__",
    "analyze",
    "analyze_html",
    "analyze_many",
    "build_graph",
    "compare",
    "frames",
    "graph_frames",
    "load",
    "plot_graph",
    "read_node_link_json",
    "render",
    "to_gexf",
    "to_graphml",
    "to_node_link_json",
    "write_graph",
]
