"""Smoke check on the seed article: print what claimkit finds and an acceptance checklist.

Usage:
    python bench/seed.py [PATH]

PATH defaults to ../shared/seed/article.txt (beside the repository). The article is analysed with
``published="2021-11-15"``; the script prints the figures, persons, roles, events and the excluded
boilerplate, then one PASS/FAIL line per acceptance check, computed from the analysis, and a final
"N of M checks pass" line. It is a report: the exit status is 0 even when checks fail.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

import claimkit
from claimkit.analysis import Analysis
from claimkit.ids import fold
from claimkit.records import Figure

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "article.txt"
PUBLISHED = "2021-11-15"


def _short(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_report(a: Analysis) -> None:
    """Print the figures, persons, roles, events and boilerplate ranges of ``a``."""
    print(f"\nFIGURES ({len(a.figures)})")
    for f in a.figures:
        print(f"  {f.text!r}  value={f.value} interval=[{f.low}, {f.high}] qualifier={f.qualifier}")
        print(f"      category={f.category} subject={f.subject!r} claimant={f.attribution!r}")
        print(
            f"      event={f.event!r} dates={f.date_start}..{f.date_end} hedge={f.hedge!r} unit={f.unit}"
        )

    persons: dict[str, list[str]] = {}
    for e in a.entities:
        if e.label == "PERSON":
            persons.setdefault(e.canonical, []).append(e.text)
    print(f"\nPERSONS ({len(persons)})")
    for canonical, mentions in persons.items():
        print(f"  {canonical}: {', '.join(repr(m) for m in mentions)}")

    print(f"\nROLES ({len(a.roles)})")
    for r in a.roles:
        org = f" of {r.organization}" if r.organization else ""
        qual = f" [{r.qualifier}]" if r.qualifier else ""
        print(f"  {r.person}: {r.role}{org}{qual}")

    print(f"\nEVENTS ({len(a.events)})")
    for ev in a.events:
        print(f"  {ev.name!r} kind={ev.kind} dates={ev.date_start}..{ev.date_end} at {ev.location}")

    print(f"\nEXCLUDED BOILERPLATE ({len(a.boilerplate)} ranges)")
    for start, end in a.boilerplate:
        print(f"  {start}:{end}  {_short(a.text[start:end])!r}")


def _figure(a: Analysis, text: str) -> Figure | None:
    """The figure whose span text is ``text``, if exactly one has it."""
    hits = [f for f in a.figures if f.text == text]
    return hits[0] if len(hits) == 1 else None


def _has_figure(a: Analysis, text: str, test: Callable[[Figure], bool]) -> bool:
    f = _figure(a, text)
    return f is not None and test(f)


def _is_person(a: Analysis, canonical: str) -> bool:
    return any(e.label == "PERSON" and e.canonical == canonical for e in a.entities)


def _has_role(
    a: Analysis,
    person: str,
    role: str,
    organization: str | None = None,
    qualifier: str | None = None,
) -> bool:
    """Whether ``person`` holds ``role``; ``organization`` and ``qualifier`` must match when given."""
    return any(
        r.person == person
        and fold(r.role) == fold(role)
        and (organization is None or fold(r.organization or "") == fold(organization))
        and (qualifier is None or r.qualifier == qualifier)
        for r in a.roles
    )


def _has_event(a: Analysis, kind: str, date: str) -> bool:
    return any(e.kind == kind and e.date_start == date for e in a.events)


def _raisi_check(a: Analysis) -> tuple[str, bool]:
    """Every "Raisi" in the text lies in an entity mention whose canonical is "Ebrahim Raisi"."""
    where = [m.start() for m in re.finditer(r"\bRaisi\b", a.text)]
    mentions = [e for e in a.entities if "Raisi" in e.text]
    wrong = sorted({e.canonical for e in mentions if e.canonical != "Ebrahim Raisi"})
    uncovered = [
        pos
        for pos in where
        if not any(
            e.start_char <= pos < e.end_char and e.canonical == "Ebrahim Raisi" for e in mentions
        )
    ]
    desc = (
        f'every "Raisi" ({len(where)} in the text, {len(mentions)} mentions) has canonical '
        f'"Ebrahim Raisi" (other canonicals: {wrong or "none"}; not covered at: {uncovered or "none"})'
    )
    return desc, bool(where) and not wrong and not uncovered


# The figures a careful reader finds in the seed article (see ../shared/README.md).
EXPECTED_FIGURES: dict[str, tuple[str, Callable[[Figure], bool]]] = {
    "1,500": (
        "killed protesters",
        lambda f: f.value == 1500 and f.category == "killed" and f.subject == "protesters",
    ),
    "12,000": (
        "arrested activists",
        lambda f: f.value == 12000 and f.category == "arrested" and f.subject == "activists",
    ),
    "over 30,000": (
        'killed, more_than, 1988 event, hedge has "estimated"',
        lambda f: (
            f.value == 30000
            and f.qualifier == "more_than"
            and f.category == "killed"
            and "1988" in (f.event or "")
            and "estimated" in (f.hedge or "")
        ),
    ),
    "almost 200": (
        "places, cities",
        lambda f: f.value == 200 and f.category == "places" and f.subject == "cities",
    ),
    "90 percent": (
        "share",
        lambda f: f.value == 90 and f.unit == "percent" and f.category == "share",
    ),
}


def checks(a: Analysis) -> list[tuple[str, bool]]:
    """The acceptance checklist: ``(description, passed)`` pairs computed from ``a``."""
    out: list[tuple[str, bool]] = []
    for text, (desc, test) in EXPECTED_FIGURES.items():
        out.append((f"figure {text!r}: {desc}", _has_figure(a, text, test)))
    extra = sorted({f.text for f in a.figures} - set(EXPECTED_FIGURES))
    out.append((f"no other figure (extra: {extra or 'none'})", not extra))

    out.append(_raisi_check(a))
    for name in ("Agnes Callamard", "Maryam Rajavi", "Ruhollah Khomeini", "Pooya Stone"):
        out.append((f"{name} is a PERSON", _is_person(a, name)))
    junk = [
        e.text
        for e in a.entities
        if e.label == "PERSON" and (e.text == "Javanrud" or "Loser" in e.text)
    ]
    out.append((f'no PERSON "Javanrud" or containing "Loser" (found: {junk or "none"})', not junk))

    roles: list[tuple[str, str, str | None, str | None]] = [
        ("Ebrahim Raisi", "head of the judiciary", None, None),
        ("Ebrahim Raisi", "judiciary chief", None, None),
        ("Ebrahim Raisi", "president", None, None),
        ("Ebrahim Raisi", "clerical judge", None, None),
        ("Ebrahim Raisi", "member", "death commission", None),
        ("Ruhollah Khomeini", "supreme leader", None, "then"),
        ("Agnes Callamard", "director-general", "Amnesty International", None),
        ("Maryam Rajavi", "president", None, "elect"),
    ]
    for person, role, org, qual in roles:
        desc = (
            f"role: {person} {role}"
            + (f" of {org}" if org else "")
            + (f" [{qual}]" if qual else "")
        )
        out.append((desc, _has_role(a, person, role, org, qual)))

    out.append(("event: massacre dated 1988", _has_event(a, "massacre", "1988")))
    out.append(("event: protest dated 2019-11", _has_event(a, "protest", "2019-11")))
    return out


def main() -> None:
    """Analyse the seed article and print the report and the checklist."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT), help="article text file")
    args = parser.parse_args()
    text = Path(args.path).read_text("utf-8")
    a = claimkit.analyze(text, published=PUBLISHED)
    print(f"seed article: {args.path} ({len(text)} characters, published {PUBLISHED})")
    print_report(a)

    results = checks(a)
    print("\nACCEPTANCE CHECKS")
    for desc, ok in results:
        print(f"  {'PASS' if ok else 'FAIL'}  {desc}")
    passed = sum(ok for _, ok in results)
    print(f"\n{passed} of {len(results)} checks pass")


if __name__ == "__main__":
    main()
