"""Person–event links: conservative relations from the clause that names both."""

from __future__ import annotations

import pytest

import claimkit

CASES = [
    (
        "In 1988, Ruhollah Khomeini ordered the executions of political prisoners.",
        ("Ruhollah Khomeini", "ordered", "massacre"),
    ),
    (
        "President Joe Biden's inauguration took place in January 2021.",
        ("Joe Biden", "appointed", "inauguration"),
    ),
    (
        "Protester Navid Afkari was arrested during the 2018 protests.",
        ("Navid Afkari", "victim", "protest"),
    ),
    (
        "Governor Ricardo Rosselló oversaw the response to Hurricane Maria in September 2017.",
        ("Ricardo Rosselló", "responsible", "disaster"),
    ),
    (
        "Student leader Maria Lopez joined the 2019 protests in Santiago.",
        ("Maria Lopez", "participant", "protest"),
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[1][1] for c in CASES])
def test_link_from_the_clause(text: str, want: tuple[str, str, str]) -> None:
    a = claimkit.analyze(text)
    got = [(k.person, k.relation, k.event_id.split(":")[0]) for k in a.links]
    assert got == [want]
    link = a.links[0]
    assert link.sentence and a.text[link.start_char : link.end_char]


@pytest.mark.parametrize(
    "text",
    [
        "Ebrahim Raisi spoke on Tuesday; the 1988 massacre was not mentioned.",
        "Agnes Callamard said the protests in 2019 were crushed.",
        "Journalists covered the election while Ali Khamenei stayed silent.",
    ],
)
def test_sharing_a_sentence_is_no_link(text: str) -> None:
    assert claimkit.analyze(text).links == []


def test_member_of_a_commission_in_the_year_of_the_massacre() -> None:
    text = (
        "During the summer of 1988, Ebrahim Raisi was selected as one of four officials to sit on the "
        "death commission in Tehran. The commission sent thousands of prisoners to their deaths in the "
        "1988 massacre."
    )
    links = claimkit.analyze(text).links
    assert [(k.person, k.relation, k.event_id) for k in links] == [
        ("Ebrahim Raisi", "member", "massacre:1988")
    ]


def test_links_table() -> None:
    tables = claimkit.frames([claimkit.analyze(CASES[0][0], source="Atlas")])
    links = tables["links"]
    assert list(links["relation"]) == ["ordered"] and list(links["source"]) == ["Atlas"]
