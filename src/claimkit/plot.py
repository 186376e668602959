"""Drawing the person–role–event graph with matplotlib: :func:`plot_graph`.

matplotlib is imported when :func:`plot_graph` is called, never at ``import claimkit``. Nothing
here picks a backend or shows a window, so it runs under Agg (scripts, CI) and in Jupyter alike.

Examples:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import claimkit
    >>> from claimkit.graph import build_graph
    >>> g = build_graph([claimkit.analyze("Governor Ricardo Rosselló met Donald Trump.")])
    >>> plot_graph(g).get_legend() is not None
    True
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["DEFAULT_KINDS", "KIND_STYLE", "plot_graph", "select_nodes"]

KIND_STYLE: dict[str, tuple[str, str]] = {
    "person": ("#4C72B0", "o"),
    "organization": ("#DD8452", "s"),
    "place": ("#55A868", "^"),
    "event": ("#C44E52", "D"),
    "role": ("#8172B3", "h"),
    "figure": ("#937860", "v"),
}
"""Colour and marker of each node kind."""

_GAP = 1.4  # between components, in layout units (a node's share of a component is about 1)

DEFAULT_KINDS = ("person", "organization", "place", "event", "role")
"""Kinds drawn by default: figures are left out, as a corpus has many more of them."""


def select_nodes(
    graph: Any,
    kinds: Collection[str] | None = DEFAULT_KINDS,
    max_nodes: int = 60,
    drop_isolates: bool = True,
) -> list[str]:
    """The nodes :func:`plot_graph` draws: of ``kinds``, connected, at most ``max_nodes``.

    When there are more, the best connected are kept (degree among the kept kinds, then id).

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("p", kind="person"); g.add_node("f", kind="figure"); g.add_edge("p", "f")
        0
        >>> select_nodes(g, kinds=None), select_nodes(g)
        (['f', 'p'], [])
    """
    keep = [n for n, k in graph.nodes(data="kind") if kinds is None or k in kinds]
    sub = nx.Graph(graph.subgraph(keep))
    sub.remove_edges_from(list(nx.selfloop_edges(sub)))
    nodes = [n for n in sub if sub.degree(n) > 0 or not drop_isolates]
    nodes.sort(key=lambda n: (-sub.degree(n), str(n)))
    kept = sub.subgraph(nodes[: max(max_nodes, 0)])
    return sorted((n for n in kept if kept.degree(n) > 0 or not drop_isolates), key=str)


def _layout(graph: Any, layout: str, seed: int) -> dict[Any, Any]:
    """Each connected component laid out on its own, scaled to its size and packed in rows."""
    if layout not in ("spring", "kamada_kawai"):
        raise ValueError(f"layout must be 'spring' or 'kamada_kawai', not {layout!r}")
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph.to_undirected())),
        key=lambda c: (-len(c), str(c[0])),
    )
    width = 2.2 * math.sqrt(sum(len(c) for c in parts) or 1)
    pos: dict[Any, Any] = {}
    x = y = row = 0.0
    for part in parts:
        r = 0.7 * math.sqrt(len(part))
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y - row - _GAP, 0.0
        sub = nx.Graph(graph.subgraph(part))  # undirected: directed springs fold up
        local = {part[0]: (0.0, 0.0)} if len(part) == 1 else _local(sub, layout, seed, r)
        for n, (px, py) in local.items():
            pos[n] = (px + x + r, py + y - r)
        x, row = x + 2 * r + _GAP, max(row, 2 * r)
    return pos


def _local(graph: Any, layout: str, seed: int, scale: float) -> dict[Any, Any]:
    if layout == "kamada_kawai":
        try:
            return dict(nx.kamada_kawai_layout(graph, scale=scale, weight=None))
        except ImportError:  # needs scipy
            pass
    k = 1.5 / math.sqrt(len(graph))
    return dict(nx.spring_layout(graph, k=k, seed=seed, iterations=200, scale=scale, weight=None))


def plot_graph(
    graph: Any,
    ax: Axes | None = None,
    max_nodes: int = 60,
    *,
    kinds: Collection[str] | None = DEFAULT_KINDS,
    layout: str = "spring",
    seed: int = 7,
    labels: bool = True,
    label_width: int = 26,
    edge_labels: bool = False,
    font_size: float = 7.0,
    node_size: float = 260.0,
    drop_isolates: bool = True,
    title: str | None = None,
) -> Axes:
    """Draw the graph of :func:`claimkit.graph.build_graph`: colour and marker by kind, labels,
    a legend, arrows thicker where several edges join the same two nodes.

    Args:
        graph: A graph from :func:`~claimkit.graph.build_graph` (any graph with ``kind`` and
            ``label`` node attributes works).
        ax: Axes to draw on; a new 12 x 9 inch figure when ``None``.
        max_nodes: Most nodes to draw; the best connected are kept. Readable up to a few dozen.
        kinds: Node kinds to draw (default :data:`DEFAULT_KINDS`; ``None``: all, figures too).
        layout: ``"spring"`` or ``"kamada_kawai"`` (needs scipy; falls back to spring).
        seed: Layout seed: the same graph gives the same drawing.
        labels: Write node labels, shortened to ``label_width`` characters.
        label_width: Longest label drawn.
        edge_labels: Write each edge's relation(s) on it.
        font_size: Label font size.
        node_size: Marker area of a node with one edge; better connected nodes are larger.
        drop_isolates: Leave out nodes with no edge among the drawn nodes.
        title: Axes title.

    Returns:
        The Axes drawn on.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("person:a", kind="person", label="A"); g.add_node("event:e", kind="event")
        >>> g.add_edge("person:a", "event:e", relation="participated_in")
        0
        >>> type(plot_graph(g)).__name__
        'Axes'
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    nodes = select_nodes(graph, kinds, max_nodes, drop_isolates)
    view = nx.DiGraph()
    view.add_nodes_from(nodes)
    for u, v, rel in graph.subgraph(nodes).edges(data="relation"):
        if u != v:
            data = view.get_edge_data(u, v) or {"weight": 0, "relations": set()}
            view.add_edge(u, v, weight=data["weight"] + 1, relations=data["relations"] | {rel})
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 9))
    pos = _layout(view, layout, seed)
    nx.draw_networkx_edges(
        view,
        pos,
        ax=ax,
        width=[0.6 + 0.5 * min(w, 5) for *_, w in view.edges(data="weight")],
        edge_color="#9a9a9a",
        alpha=0.7,
        arrowsize=9,
        node_size=node_size,
    )
    present = []
    for kind, (colour, marker) in KIND_STYLE.items():
        group = [n for n in nodes if graph.nodes[n].get("kind") == kind]
        if group:
            present.append(Line2D([], [], ls="", marker=marker, color=colour, ms=8, label=kind))
            sizes = [node_size * (1 + 0.35 * math.log1p(view.degree(n))) for n in group]
            nx.draw_networkx_nodes(
                view, pos, nodelist=group, ax=ax, node_color=colour, node_shape=marker,
                node_size=sizes, alpha=0.9, linewidths=0.5, edgecolors="white",
            )  # fmt: skip
    if labels:
        text = {n: _short(graph.nodes[n].get("label") or n, label_width) for n in nodes}
        below = {n: (x, y - 0.22) for n, (x, y) in pos.items()}
        drawn = nx.draw_networkx_labels(
            view, below, text, ax=ax, font_size=font_size, verticalalignment="top"
        )
        for label in drawn.values():
            label.set_parse_math(False)  # names from articles: "$" is a dollar sign, not mathtext
    if edge_labels:
        names = {(u, v): ", ".join(sorted(map(str, r))) for u, v, r in view.edges(data="relations")}
        nx.draw_networkx_edge_labels(
            view, pos, names, ax=ax, font_size=font_size * 0.8, font_color="#555555"
        )
    if present:
        ax.legend(
            handles=present,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=font_size + 1,
            frameon=False,
        )
    if title:
        ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_axis_off()
    ax.margins(0.08)
    return ax


def _short(label: Any, width: int) -> str:
    text = " ".join(str(label).split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"
