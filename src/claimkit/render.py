"""HTML highlighting of an analysis: entities, figures and roles, in the style of displaCy.

All article text is escaped; the page holds no script and loads nothing.

Examples:
    >>> import claimkit
    >>> html = render(claimkit.analyze("<b>Ten</b> people died, Reuters said."))
    >>> "&lt;b&gt;" in html and "<b>" not in html
    True
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from claimkit.records import NO_CATEGORY

if TYPE_CHECKING:
    from claimkit.analysis import Analysis

__all__ = ["render"]

_COLORS = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "NORP": "#c887fb",
    "EVENT": "#ffeb80",
    "FIGURE": "#f4a3a3",
}
_STYLE = (
    "<style>.ck{font:15px/2.2 system-ui,sans-serif;max-width:60em}"
    ".ck mark{padding:.15em .35em;border-radius:.3em;margin:0 .1em}"
    ".ck mark span{font-size:.7em;font-weight:bold;margin-left:.4em;text-transform:uppercase}"
    ".ck table{border-collapse:collapse;font-size:.85em;line-height:1.4}"
    ".ck td,.ck th{border:1px solid #ddd;padding:.2em .5em;text-align:left}</style>"
)


def _segments(a: Analysis) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    for f in a.figures:
        tag = f.category or NO_CATEGORY
        spans.append((f.start_char, f.end_char, "FIGURE", tag))
    for e in a.entities:
        spans.append((e.start_char, e.end_char, e.label, e.label))
    spans.sort(key=lambda s: (s[0], 0 if s[2] == "FIGURE" else 1, -(s[1] - s[0])))
    out: list[tuple[int, int, str, str]] = []
    end = -1
    for s in spans:
        if s[0] >= end:
            out.append(s)
            end = s[1]
    return out


def render(analysis: Analysis, *, tables: bool = True) -> str:
    """HTML of ``analysis``'s text with entities and figures highlighted, and its roles.

    Args:
        analysis: The analysis to show.
        tables: Also list figures and roles under the text.

    Returns:
        A self-contained HTML fragment (Jupyter shows it through ``Analysis._repr_html_``).

    Examples:
        >>> import claimkit
        >>> "FIGURE" not in render(claimkit.analyze("No numbers here."))
        True
    """
    a = analysis
    text = a.text
    parts = [_STYLE, '<div class="ck">']
    if a.title:
        parts.append(f"<h3>{escape(a.title)}</h3>")
    meta = " · ".join(escape(x) for x in (a.source, a.published) if x)
    if meta:
        parts.append(f"<p><em>{meta}</em></p>")
    parts.append("<div>")
    pos = 0
    for start, end, kind, tag in _segments(a):
        parts.append(escape(text[pos:start]).replace("\n", "<br>"))
        color = _COLORS.get(kind, "#ddd")
        title = escape(tag, quote=True)
        parts.append(
            f'<mark style="background:{color}" title="{title}">{escape(text[start:end])}<span>{escape(tag)}</span></mark>'
        )
        pos = end
    parts.append(escape(text[pos:]).replace("\n", "<br>"))
    parts.append("</div>")
    if tables and a.figures:
        parts.append(
            "<h4>Figures</h4><table><tr><th>figure</th><th>interval</th><th>category</th><th>subject</th><th>claimed by</th><th>event</th></tr>"
        )
        for f in a.figures:
            lo = "" if f.low is None else f"{f.low:,.10g}"
            hi = "∞" if f.high is None else f"{f.high:,.10g}"
            cells: tuple[str, ...] = (
                f.text,
                f"[{lo}, {hi}]",
                f.category or NO_CATEGORY,
                f.subject or "",
                f.attribution or "",
                f.event or "",
            )
            parts.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    if tables and a.roles:
        parts.append(
            "<h4>Roles</h4><table><tr><th>person</th><th>role</th><th>organization</th><th>qualifier</th><th>date</th></tr>"
        )
        for r in a.roles:
            role_cells = (
                r.person,
                r.role,
                r.organization or "",
                r.qualifier or "",
                r.date_start or "",
            )
            parts.append(
                "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in role_cells) + "</tr>"
            )
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)
