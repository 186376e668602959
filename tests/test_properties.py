"""Property-based tests: numbers written in every supported style, fuzzed text, figure offsets.

Hypothesis runs derandomised with a fixed number of examples, so CI is deterministic and fast.
"""

from __future__ import annotations

import math
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.numbers import parse_number, scan
from claimkit.text import prepare_text

FAST = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def to_words(n: int) -> str:
    """``n`` (0 <= n < 1,000,000) in English words: 123456 -> "one hundred twenty-three thousand ..."."""
    if not 0 <= n < 1_000_000:
        raise ValueError(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {to_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{to_words(thousands)} thousand" + (f" {to_words(rest)}" if rest else "")


def test_to_words() -> None:
    assert to_words(0) == "zero"
    assert to_words(42) == "forty-two"
    assert to_words(1500) == "one thousand five hundred"
    assert to_words(999_999) == "nine hundred ninety-nine thousand nine hundred ninety-nine"


def grouped(n: int, sep: str) -> str:
    """``n`` with its thousands separated by ``sep``: grouped(1234567, " ") -> "1 234 567"."""
    return f"{n:,}".replace(",", sep)


INTEGERS = st.integers(min_value=0, max_value=10**12 - 1)


@FAST
@given(INTEGERS, st.sampled_from(["plain", "commas", "space", "nbsp", "narrow-nbsp"]))
def test_integers_in_every_digit_style_parse_back(n: int, style: str) -> None:
    text = {
        "plain": str(n),
        "commas": grouped(n, ","),
        "space": grouped(n, " "),
        "nbsp": grouped(n, "\u00a0"),
        "narrow-nbsp": grouped(n, "\u202f"),
    }[style]
    assert parse_number(text) == n


@FAST
@given(st.integers(min_value=0, max_value=999_999))
def test_small_integers_in_words_parse_back(n: int) -> None:
    assert parse_number(to_words(n)) == n


@FAST
@given(
    st.decimals(
        min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2, allow_nan=False
    ),
    st.booleans(),
)
def test_decimals_parse_back(value: Decimal, commas: bool) -> None:
    text = f"{value:,.2f}" if commas else f"{value:.2f}"
    assert parse_number(text) == pytest.approx(float(value), rel=1e-12)


SCALES = {
    "1.5 million": 10**6,  # the style, for a value and its scale
    "1.5 thousand": 10**3,
    "1.5 billion": 10**9,
    "1.5 trillion": 10**12,
    "1.5k": 10**3,
    "1.5bn": 10**9,
    "1.5 bn": 10**9,
    "1.5mn": 10**6,
}


@FAST
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1, allow_nan=False),
    st.sampled_from(sorted(SCALES)),
)
def test_scaled_numbers_parse_back(value: Decimal, style: str) -> None:
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # "2 million", not "2.0 million"
    text = style.replace("1.5", str(value))
    assert parse_number(text) == pytest.approx(float(value) * SCALES[style], rel=1e-12)


@FAST
@given(st.integers(min_value=2_000, max_value=10**9), st.sampled_from([",", " "]))
def test_scan_finds_a_grouped_count_in_a_sentence(n: int, sep: str) -> None:
    number = grouped(n, sep)
    text = f"Officials said {number} people were killed."
    found = scan(text)
    assert [(q.value, text[q.start : q.end]) for q in found] == [(n, number)]


@FAST
@given(st.text(max_size=400))
def test_scan_survives_any_text(text: str) -> None:
    started = time.monotonic()
    for q in scan(text):
        assert text[q.start : q.end] == q.text
        assert q.value is None or not math.isnan(q.value)
    assert time.monotonic() - started < 5


_PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            " at least 304 people were killed",
            " about 1,500",
            " ۱۲۰ ",
            " ١٬٥٠٠ ",
            "\x00",
            "\r\n",
            "\u202e",
            "😀🔥",
            " <p>Ten died.</p> ",
            " between 2,800 and 3,800 ",
            " 30 000 ",
            " 2bn ",
            "\n\nLatest news\n\n",
            " Amnesty International said ",
            "9" * 40,
        ]
    ),
)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_analyze_never_fails_and_offsets_slice_the_text(text: str) -> None:
    a = claimkit.analyze(text)
    assert a.ok, a.errors
    assert a.text == prepare_text(text) and len(a.text) == len(text)
    for f in a.figures:
        assert a.text[f.start_char : f.end_char] == f.text
    for e in a.entities:
        assert a.text[e.start_char : e.end_char] == e.text
    for start, end in a.boilerplate:
        assert 0 <= start < end <= len(text)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.one_of(st.binary(max_size=20), st.integers(), st.none(), st.lists(st.text(max_size=3))))
def test_non_text_raises_input_error_only(value: object) -> None:
    with pytest.raises(claimkit.InputError):
        claimkit.analyze(value)  # type: ignore[arg-type]
