"""Reports of a comparison: a plain-text summary and a self-contained HTML page.

The page has, per event, a plot of the figures by source over publication time (a PNG embedded as
base64) and a claims table per cluster. All article text is escaped, the page holds no script and
loads nothing: it opens from a file, without a server.

Examples:
    >>> import claimkit
    >>> from claimkit.compare import compare
    >>> df = compare([claimkit.analyze("Officials said 40 people were killed in the 2022 protests.",
    ...                                source="Harbor Wire", published="2022-10-01")])
    >>> "<script" in render_report(df), "Harbor Wire" in render_report(df)
    (False, True)
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
import re
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from claimkit.store import records

__all__ = ["render_report", "summary", "write_report"]

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
color:#1f2328;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 4px;border-top:2px solid #d0d7de;
padding-top:18px}h3{font-size:17px;margin:22px 0 6px}
.meta{color:#59636e;margin:0 0 10px}
nav ul{margin:6px 0;padding-left:20px}
figure{margin:10px 0}figure img{max-width:100%;border:1px solid #d0d7de}
figcaption{color:#59636e;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:14px}
th,td{border:1px solid #d0d7de;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#f6f8fa}
tr.conflict td{background:#fff1f0}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
td.quote{width:38%}td.flagcell,td.link{font-size:13px;max-width:170px}
mark{background:#ffe58f;padding:0 2px;border-radius:2px}
.badge{display:inline-block;font-size:12px;border-radius:10px;padding:1px 8px;margin-left:6px;
vertical-align:middle}
.badge.conflict{background:#cf222e;color:#fff}.badge.agree{background:#1a7f37;color:#fff}
.flag{color:#cf222e;font-weight:600}.rev{color:#59636e;font-size:13px}
"""
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _s(x: object) -> str:
    """A cell as text; missing values are empty."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):  # type: ignore[call-overload]
        return ""
    if isinstance(x, pd.Timestamp):
        return x.date().isoformat()
    return str(x)


def _n(x: object) -> str:
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(f) else f"{f:,.0f}" if f >= 100 or f == int(f) else f"{f:,.2f}"


def summary(df: pd.DataFrame) -> str:
    """The comparison as text: per event, each cluster's figures with conflicts and revisions.

    Args:
        df: A frame from :func:`claimkit.compare.compare`.

    Returns:
        Lines for a terminal; ``!`` marks a claim in conflict with another claimant's.

    Examples:
        >>> import claimkit
        >>> from claimkit.compare import compare
        >>> print(summary(compare([claimkit.analyze("Ten people died in the 2020 floods.")])))
        ... # doctest: +ELLIPSIS
        the 2020 floods [disaster:2020]
          killed: 1 claim, 0 sources, 1 claimant, 10 to 10
            ...
    """
    lines: list[str] = []
    clustered = df[df["cluster"].notna()]
    for (event, event_id), ev in clustered.groupby(["event", "event_id"], sort=False):
        lines.append(f"{event} [{event_id}]")
        for cluster, frame in ev.groupby("cluster", sort=False):
            rows = records(frame)
            first, n = rows[0], len(rows)
            name = str(cluster).split("/", 1)[1].replace("/", ", part: ")
            lines.append(
                f"  {name}: {n} claim{'s' * (n != 1)}, {first['n_sources']} source{'s' * (first['n_sources'] != 1)}, "
                f"{first['n_claimants']} claimant{'s' * (first['n_claimants'] != 1)}, "
                f"{_n(first['min'])} to {_n(first['max'])}"
                + (", CONFLICTING" if any(r["conflict"] for r in rows) else "")
            )
            for r in rows:
                rev = f"rev {r['revision']}" + (" (revises earlier)" if r["revises"] else "")
                lines.append(
                    f"    {'!' if r['conflict'] else ' '} {_s(r['published']) or '?':10}  "
                    f"{_s(r['source'])[:20]:20}  {_s(r['claimant'])[:38]:38}  "
                    f"{_s(r['text'])[:24]:24}  {_s(r['interval']):20}  {rev}"
                )
    rest = int(df["cluster"].isna().sum())
    if rest:
        lines.append(
            f"not compared: {rest} figures (no event, a category or unit not compared, or a change)"
        )
    return "\n".join(lines) if lines else "no figures to compare"


def _quote(sentence: str, text: str) -> str:
    """The sentence, escaped, with the figure's first stand-alone occurrence marked."""
    found = re.search(rf"(?<![\w.,]){re.escape(text)}(?!\w|[.,]\d)", sentence) if text else None
    if found is None:
        return f"<mark>{escape(text)}</mark> {escape(sentence)}" if text else escape(sentence)
    at, end = found.span()
    return f"{escape(sentence[:at])}<mark>{escape(text)}</mark>{escape(sentence[end:])}"


def _link(url: str, title: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        return escape(url)
    label = escape(title if len(title) <= 60 else title[:57].rstrip() + "…") or "article"
    return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{label}</a>'


def _claims_table(rows: pd.DataFrame) -> str:
    head = (
        "<tr><th>Published</th><th>Source</th><th>Claimant</th><th>Figure</th><th>Interval</th>"
        "<th>Quote</th><th>Revision</th><th>Conflict</th><th>Link</th></tr>"
    )
    body = []
    for r in records(rows):
        conflict = bool(r["conflict"])
        others = _s(r["conflicts_with"]).split("; ")
        flag = f'<span class="flag">conflict</span> with {escape("; ".join(others))}'
        if len(others) > 2:
            flag = (
                f'<details><summary><span class="flag">conflict</span> with {len(others)} '
                f"claimants</summary>{escape('; '.join(others))}</details>"
            )
        rev = _s(r["revision"]) + (' <span class="rev">(revised)</span>' if r["revises"] else "")
        body.append(
            f'<tr class="{"conflict" if conflict else "ok"}">'
            f'<td class="num">{escape(_s(r["published"]))}</td>'
            f"<td>{escape(_s(r['source']))}</td><td>{escape(_s(r['claimant']))}</td>"
            f'<td class="num">{escape(_s(r["text"]))}</td>'
            f'<td class="num">{escape(_s(r["interval"]))}</td>'
            f'<td class="quote">{_quote(_s(r["sentence"]), _s(r["text"]))}</td><td>{rev}</td>'
            f'<td class="flagcell">{flag if conflict else "no"}</td><td class="link">{_link(_s(r["url"]), _s(r["title"]))}</td></tr>'
        )
    return f'<table class="claims"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def _date(x: object) -> dt.date | None:
    s = _s(x)[:10]
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def _plot(ev: pd.DataFrame) -> str | None:
    """The event's figures by source over publication time, as a base64 PNG (``None``: no dates).

    Names and labels come from articles: they are drawn as written, never read as mathtext
    (``$`` and ``\\`` in an outlet's name are plain characters) or handed to TeX.
    """
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        return _draw(ev)


def _printable(name: str) -> str:
    """A name for a plot label: control characters (a vertical tab, an escape) dropped.

    Examples:
        >>> _printable("Harbor\\x0bWire")
        'HarborWire'
    """
    return "".join(ch for ch in name if ch.isprintable())


def _draw(ev: pd.DataFrame) -> str | None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    ev = ev[ev["published"].map(_date).notna()]
    sizes = ev.groupby("cluster", sort=False).size()
    shown = [c for c, n in sizes.items() if n >= 2] or list(sizes.index[:1])
    if not shown:
        return None
    claimants = list(dict.fromkeys(ev["claimant"].map(_s)))
    palette = [f"C{i}" for i in range(10)] + ["#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    color = {c: palette[i % len(palette)] for i, c in enumerate(claimants)}
    fig = Figure(figsize=(11, 0.9 + 2.9 * len(shown)), dpi=90)
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(shown), 1, squeeze=False, sharex=True)[:, 0]
    days = [float(date2num(_date(p))) for p in ev["published"]]  # type: ignore[no-untyped-call]
    span = (max(days) - min(days)) or 30.0
    for ax, cluster in zip(axes, shown, strict=True):
        _plot_cluster(ax, records(ev[ev["cluster"] == cluster]), color, span)
        ax.set_xlim(min(days) - span * 0.06, max(days) + span * 0.08)
        ax.set_title(
            str(cluster).split("/", 1)[1].replace("/", ", part: "), loc="left", fontsize=11
        )
        ax.xaxis.set_major_locator(locator := AutoDateLocator())  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    handles: list[Any] = [
        Line2D([], [], color=color[c], marker="o", linestyle="-", label=_printable(c)[:40])
        for c in claimants
    ]
    handles += [
        Line2D([], [], color="#555", marker="^", linestyle="-", label="open-ended (at least / more than)"),
        Line2D([], [], color="#cf222e", marker="o", markerfacecolor="none", markersize=11, linestyle="none",
               label="in conflict with another claimant"),
    ]  # fmt: skip
    fig.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.74, 0.99), fontsize=8, frameon=False
    )
    fig.subplots_adjust(
        left=0.08,
        right=0.72,
        top=1 - 0.45 / fig.get_figheight(),
        bottom=0.35 / fig.get_figheight() + 0.03,
        hspace=0.45,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _plot_cluster(ax: Any, rows: list[dict[str, Any]], color: dict[str, str], span: float) -> None:
    """Draw one cluster's claims: x publication date (days), y the claimed interval."""
    from matplotlib.dates import date2num

    stated = [float(r[c]) for r in rows for c in ("value", "low", "high") if r[c] is not None]
    stated = [v for v in stated if v > 0] or [1.0]
    lo, hi = min(stated), max(stated)
    log = hi / lo > 20
    bottom, top = (lo / 1.8, hi * 1.8) if log else (0.0, hi * 1.18 + 1)
    if log:
        ax.set_yscale("log")
    ax.set_ylim(bottom, top)
    xs = [float(date2num(_date(r["published"]))) for r in rows]  # type: ignore[no-untyped-call]
    seen: dict[float, int] = {}
    points: dict[str, list[tuple[int, float, float]]] = {}
    for x0, r in zip(xs, rows, strict=True):
        seen[x0] = seen.get(x0, -1) + 1
        x, c, q = x0 + seen[x0] * span * 0.012, color[_s(r["claimant"])], r["qualifier"]
        value, low, high = r["value"], r["low"], r["high"]
        if q in ("at_least", "more_than") or (high is None and low is not None):
            y = value or low or bottom
            ax.vlines(x, y, top, color=c, lw=2)
            ax.plot([x], [top], marker="^", color=c, markersize=8, clip_on=False)
            ax.plot([x], [y], marker="o", color=c, mfc="white" if q == "more_than" else c)
        elif q in ("at_most", "less_than") or (low is None and high is not None):
            y = value or high or top
            ax.vlines(x, bottom, y, color=c, lw=2)
            ax.plot([x], [bottom], marker="v", color=c, markersize=8, clip_on=False)
            ax.plot([x], [y], marker="_", color=c, markersize=12, mew=2)
        elif low is not None and high is not None and high > low:
            ax.vlines(x, low, high, color=c, lw=3)
            ax.plot([x, x], [low, high], marker="_", color=c, markersize=10, mew=2, ls="none")
            y = value if value is not None else math.sqrt(low * high) if log else (low + high) / 2
            ax.plot([x], [y], marker="o", color=c, markersize=4)
        else:
            y = value if value is not None else low or high or bottom
            ax.plot([x], [y], marker="o", color=c, markersize=7)
        if r["conflict"]:
            ax.plot([x], [y], marker="o", markersize=14, mfc="none", mec="#cf222e", mew=2)
        points.setdefault(_s(r["claimant"]), []).append((int(r["revision"] or 1), x, y))
    for who, pts in points.items():
        if len({p[0] for p in pts}) > 1:
            pts.sort()
            ax.plot([p[1] for p in pts], [p[2] for p in pts], color=color[who], lw=1, ls=":")
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_ylabel("count (log)" if log else "count")


def render_report(df: pd.DataFrame, *, title: str = "Figures compared across sources") -> str:
    """The comparison as one self-contained HTML page.

    Args:
        df: A frame from :func:`claimkit.compare.compare`.
        title: The page's heading.

    Returns:
        The HTML: per event a plot and a claims table per cluster (published, source, claimant,
        figure, interval, quote with the figure highlighted, revision, conflict, link), then the
        figures that were not compared.

    Examples:
        >>> import claimkit
        >>> from claimkit.compare import compare
        >>> page = render_report(compare([claimkit.analyze("Ten <b>people</b> died in the 2020 floods.")]))
        >>> "&lt;b&gt;people&lt;/b&gt;" in page, "<b>" in page
        (True, False)
    """
    clustered = df[df["cluster"].notna()]
    events = list(clustered.groupby(["event", "event_id"], sort=False))
    n_conf = int(clustered.groupby("cluster")["conflict"].any().sum()) if len(clustered) else 0
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{df["doc_id"].nunique()} documents, {len(df)} figures, {len(events)} events, '
        f"{clustered['cluster'].nunique()} clusters, {n_conf} with conflicting claims.</p>",
        "<nav><ul>"
        + "".join(
            f'<li><a href="#ev{i}">{escape(_s(name))}</a></li>'
            for i, ((name, _), _) in enumerate(events)
        )
        + "</ul></nav>",
    ]
    for i, ((name, event_id), ev) in enumerate(events):
        parts.append(f'<section class="event" id="ev{i}"><h2>{escape(_s(name))}</h2>')
        parts.append(
            f'<p class="meta">event id {escape(_s(event_id))}; {ev["doc_id"].nunique()} documents</p>'
        )
        png = _plot(ev)
        if png:
            parts.append(
                f'<figure><img alt="Figures about {escape(_s(name), quote=True)} by source over publication time" '
                f'src="data:image/png;base64,{png}"><figcaption>Each mark is one claim at its publication date, '
                "coloured by claimant: dots are exact figures, bars ranges, arrows open-ended claims; red rings "
                "mark claims in conflict with another claimant; dotted lines join a claimant's revisions.</figcaption></figure>"
            )
        for cluster, rows in ev.groupby("cluster", sort=False):
            first = records(rows.iloc[:1])[0]
            conflicting = bool(rows["conflict"].fillna(False).any())
            badge = (
                '<span class="badge conflict">conflicting</span>'
                if conflicting
                else '<span class="badge agree">no conflict</span>'
            )
            part = f" (part of {escape(_s(first['part_of']))})" if first["part_of"] else ""
            parts.append(
                f"<h3>{escape(str(cluster).split('/', 1)[1].replace('/', ', part: '))}{badge}</h3>"
                f'<p class="meta">{len(rows)} claims from {first["n_sources"]} sources by {first["n_claimants"]} claimants, '
                f"stated figures {_n(first['min'])} to {_n(first['max'])}{part}</p>"
            )
            parts.append(_claims_table(rows))
        parts.append("</section>")
    rest = df[df["cluster"].isna()]
    if len(rest):
        parts.append(f"<section><h2>Figures not compared</h2><details><summary>{len(rest)} figures: no event, a "
                     "category other than a count of people or places, a unit, or a change</summary>"
                     f"{_claims_table(rest)}</details></section>")  # fmt: skip
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><main>{''.join(parts)}</main></body></html>\n"
    )


def write_report(df: pd.DataFrame, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_report` to ``path`` (folders created), UTF-8.

    Examples:
        >>> import claimkit, tempfile, pathlib
        >>> from claimkit.compare import compare
        >>> out = write_report(compare([claimkit.analyze("Ten died.")]), pathlib.Path(tempfile.mkdtemp()) / "r.html")
        >>> out.read_text("utf-8").startswith("<!doctype html>")
        True
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(df, **kwargs), encoding="utf-8")
    return out
