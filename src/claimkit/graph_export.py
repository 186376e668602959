"""Writing the graph of :func:`claimkit.graph.build_graph`: GraphML, GEXF, node-link JSON, tables.

GraphML and GEXF hold scalar attributes only, so their copies of the graph turn lists and dicts
into JSON strings and ``None`` into ``""`` (``NaN`` for an attribute whose other values are
numbers, so it keeps one numeric type). They are XML, so characters XML 1.0 cannot hold (control
characters such as a vertical tab, lone surrogates) are removed from their ids and text. The graph
itself is never changed.

In node-link JSON and in the edge table, ``source`` and ``target`` are the edge's end nodes, as the
format has it; the ``source`` provenance attribute (the outlet) is written as ``outlet``.
:func:`read_node_link_json` turns it back.

Examples:
    >>> import tempfile, pathlib, networkx as nx
    >>> from claimkit.graph import build_graph
    >>> g = build_graph([])
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> to_graphml(g, d / "g.graphml"); nx.read_graphml(d / "g.graphml").number_of_nodes()
    0
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

__all__ = [
    "graph_frames",
    "node_link",
    "read_node_link_json",
    "scalar_copy",
    "to_gexf",
    "to_graphml",
    "to_node_link_json",
    "write_graph",
    "xml_text",
]

_OUTLET = "outlet"
_NODE_FIRST = ["id", "kind", "label"]
_EDGE_FIRST = [
    "source",
    "target",
    "key",
    "relation",
    "doc_id",
    "sentence",
    "start_char",
    "end_char",
]


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> Any:
    """``value`` without the characters XML 1.0 cannot hold, when it is a string.

    Examples:
        >>> xml_text("Harbor\\x0bWire\\x00"), xml_text(3)
        ('HarborWire', 3)
    """
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scalar_attrs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attribute dicts with scalar values, each attribute keeping one type across all items."""
    numeric: dict[str, bool] = {}
    floats: set[str] = set()
    for attrs in items:
        for k, v in attrs.items():
            if v is not None:
                numeric[k] = numeric.get(k, True) and _numeric(v)
                if isinstance(v, float):
                    floats.add(k)
    out = []
    for attrs in items:
        row: dict[str, Any] = {}
        for k, v in attrs.items():
            if v is None:
                v = math.nan if numeric.get(k) else ""
            elif isinstance(v, list | tuple | set | dict):
                v = json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
            elif numeric.get(k) and k in floats:
                v = float(v)
            elif not numeric.get(k) and not isinstance(v, str | bool):
                v = str(v)
            row[k] = v
        out.append(row)
    return out


def scalar_copy(graph: Any, *, xml: bool = False) -> Any:
    """A copy of ``graph`` whose node, edge and graph attributes are all scalars.

    Args:
        graph: The graph.
        xml: Also remove the characters XML cannot hold from ids, keys, names and values.

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a", aliases=["A", "a"], date_start=None)
        >>> scalar_copy(g).nodes["a"]
        {'aliases': '["A", "a"]', 'date_start': ''}
    """
    clean = xml_text if xml else (lambda x: x)

    def attrs_of(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{clean(k): clean(v) for k, v in a.items()} for a in _scalar_attrs(items)]

    out = nx.MultiDiGraph()
    out.graph.update(attrs_of([dict(graph.graph)])[0])
    nodes = list(graph.nodes(data=True))
    for (n, _), attrs in zip(nodes, attrs_of([d for _, d in nodes]), strict=True):
        out.add_node(clean(n), **attrs)
    edges = list(graph.edges(keys=True, data=True))
    for (u, v, k, _), attrs in zip(edges, attrs_of([d for *_, d in edges]), strict=True):
        out.add_edge(clean(u), clean(v), key=clean(k), **attrs)
    return out


def to_graphml(graph: Any, path: str | Path) -> None:
    """Write ``graph`` as GraphML (for Gephi, yEd, Cytoscape, ``networkx.read_graphml``).

    Examples:
        >>> import tempfile, pathlib
        >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", relation="claims", doc_id="d1")
        0
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
        >>> to_graphml(g, p); list(nx.read_graphml(p).edges(data="relation"))
        [('a', 'b', 'claims')]
    """
    nx.write_graphml(scalar_copy(graph, xml=True), str(path))


def to_gexf(graph: Any, path: str | Path) -> None:
    """Write ``graph`` as GEXF (Gephi's format); node ``label`` becomes the GEXF label.

    Examples:
        >>> import tempfile, pathlib
        >>> g = nx.MultiDiGraph(); g.add_node("a", kind="person", label="A")
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
        >>> to_gexf(g, p); nx.read_gexf(p).nodes["a"]["kind"]
        'person'
    """
    nx.write_gexf(scalar_copy(graph, xml=True), str(path))


def _edge_record(u: str, v: str, key: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    rest = {(_OUTLET if k == "source" else k): val for k, val in attrs.items()}
    return {"source": u, "target": v, "key": key, **rest}


def node_link(graph: Any) -> dict[str, Any]:
    """The node-link form of ``graph`` as plain JSON-ready data (lists stay lists).

    Examples:
        >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", relation="claims", source="Harbor Wire")
        0
        >>> node_link(g)["edges"]
        [{'source': 'a', 'target': 'b', 'key': 0, 'relation': 'claims', 'outlet': 'Harbor Wire'}]
    """
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(graph.graph),
        "nodes": [{"id": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [_edge_record(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)],
    }


def to_node_link_json(graph: Any, path: str | Path) -> None:
    """Write ``graph`` as node-link JSON: ``{"nodes": [...], "edges": [...]}``.

    Read it back with :func:`read_node_link_json`, or with
    ``networkx.node_link_graph(data, edges="edges")`` (the provenance outlet is then ``outlet``).

    Examples:
        >>> import tempfile, pathlib
        >>> g = nx.MultiDiGraph(); g.add_node("a", kind="person", aliases=["A"])
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
        >>> to_node_link_json(g, p); json.loads(p.read_text())["nodes"]
        [{'id': 'a', 'kind': 'person', 'aliases': ['A']}]
    """
    text = json.dumps(node_link(graph), ensure_ascii=False, indent=1, default=str)
    Path(path).write_text(text + "\n", encoding="utf-8")


def read_node_link_json(path: str | Path) -> Any:
    """Read a graph written by :func:`to_node_link_json` back into a ``MultiDiGraph``.

    Examples:
        >>> import tempfile, pathlib
        >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", relation="claims", source="X")
        0
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
        >>> to_node_link_json(g, p); list(read_node_link_json(p).edges(data="source"))
        [('a', 'b', 'X')]
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    g = nx.MultiDiGraph(**data.get("graph", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        g.add_node(attrs.pop("id"), **attrs)
    for edge in data["edges"]:
        attrs = dict(edge)
        u, v, key = attrs.pop("source"), attrs.pop("target"), attrs.pop("key", None)
        if _OUTLET in attrs:
            attrs["source"] = attrs.pop(_OUTLET)
        g.add_edge(u, v, key=key, **attrs)
    return g


def graph_frames(graph: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The graph as two tables: ``(nodes, edges)``.

    ``nodes`` has ``id``, ``kind``, ``label`` and every node attribute; ``edges`` has ``source``,
    ``target``, ``key``, ``relation``, the provenance (outlet as ``outlet``) and every other edge
    attribute. Attributes a node or edge lacks are missing values; lists stay lists.

    Examples:
        >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", relation="claims", doc_id="d1")
        0
        >>> nodes, edges = graph_frames(g)
        >>> list(edges.columns[:4]), len(nodes)
        (['source', 'target', 'key', 'relation'], 2)
    """
    data = node_link(graph)
    nodes = pd.DataFrame(data["nodes"])
    edges = pd.DataFrame(data["edges"])
    for df, first in ((nodes, _NODE_FIRST), (edges, _EDGE_FIRST)):
        for col in first:
            if col not in df.columns:
                df[col] = pd.Series(dtype="object")
    nodes = nodes[_NODE_FIRST + [c for c in nodes.columns if c not in _NODE_FIRST]]
    edges = edges[_EDGE_FIRST + [c for c in edges.columns if c not in _EDGE_FIRST]]
    return nodes, edges


def write_graph(
    graph: Any, folder: str | Path, formats: tuple[str, ...] = ("graphml", "json")
) -> list[Path]:
    """Write ``graph`` into ``folder`` as ``graph.graphml``, ``graph.json`` (and ``graph.gexf``).

    Args:
        graph: A graph from :func:`claimkit.graph.build_graph`.
        folder: Output folder, created if missing.
        formats: Any of ``"graphml"``, ``"json"`` (node-link) and ``"gexf"``.

    Returns:
        The paths written.

    Examples:
        >>> import tempfile
        >>> [p.name for p in write_graph(nx.MultiDiGraph(), tempfile.mkdtemp())]
        ['graph.graphml', 'graph.json']
    """
    writers = {"graphml": to_graphml, "json": to_node_link_json, "gexf": to_gexf}
    unknown = set(formats) - writers.keys()
    if unknown:
        raise ValueError(f"unknown graph formats {sorted(unknown)}; use {sorted(writers)}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"graph.{fmt}"
        writers[fmt](graph, path)
        paths.append(path)
    return paths
