"""The HTML report, checked in headless Chromium, and the `claimkit compare` command."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from claimkit.cli import main
from claimkit.compare import compare
from claimkit.export import TABLE_COLUMNS
from claimkit.report import render_report, summary, write_report
from tests.test_compare import EVENTS, IRAN, fig, frame

EVIL = fig(
    "ev",
    "700",
    "exact",
    700,
    attribution="Iran & <b>Co</b>",
    event="the November 2019 protests",
    source="Evil <Wire>",
    published="2020-01-02",
    sentence='<script>alert("x")</script> They said 700 people were killed & more.',
)
DOCS = pd.DataFrame(
    [
        {"doc_id": "hw", "title": "Toll rises", "url": "https://harbor.example/a?x=1&y=<2>"},
        {"doc_id": "ev", "title": "Click", "url": "javascript:alert(1)"},
    ]
)


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    return compare(frame([*IRAN, EVIL]), events=EVENTS, documents=DOCS)


@pytest.fixture(scope="module")
def page(comparison: pd.DataFrame) -> str:
    return render_report(comparison)


def test_page_is_self_contained_and_escaped(page: str) -> None:
    low = page.lower()
    assert (
        "<script" not in low and "<link" not in low and "@import" not in low and "url(" not in low
    )
    assert not re.search(r"""\ssrc\s*=\s*(?!["']data:image/png;base64,)""", low)  # loads nothing
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Iran &amp; &lt;b&gt;Co&lt;/b&gt;" in page and "Evil &lt;Wire&gt;" in page
    assert 'href="https://harbor.example/a?x=1&amp;y=&lt;2&gt;"' in page
    assert '<a href="javascript' not in page
    assert "<mark>700</mark>" in page and "<mark>at least 17</mark> teenagers" in page
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 2  # the November 2019 protests and Hurricane Maria
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_summary_lists_clusters(comparison: pd.DataFrame) -> None:
    text = summary(comparison)
    assert "the November 2019 protests [protest:2019-11]" in text
    assert "killed: 7 claims, 5 sources, 4 claimants, 106 to 1,650, CONFLICTING" in text
    assert "killed, part: teenager: 1 claim" in text
    assert "not compared: 1 figures" in text


def _chromium() -> str:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return str(shutil.which(name))
    pytest.fail(
        "headless Chromium is needed to check the HTML report but none is installed: "
        "run `apt-get install -y chromium` (make test does this as root) or set CHROMIUM=/path/to/it"
    )


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


def test_report_in_headless_chromium(comparison: pd.DataFrame, tmp_path: Path) -> None:
    path = write_report(comparison, tmp_path / "report.html")
    dom = _run_chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    assert "<script" not in dom.lower()
    tables = re.findall(r'<table class="claims">(.*?)</table>', dom, re.S)
    assert len(tables) >= 5
    killed = next(t for t in tables if "Mojtaba Zolnour" in t)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", killed))
    for expected in (
        "Published Source Claimant Figure Interval Quote Revision Conflict Link",
        "2019-11-20 Harbor Wire Amnesty International at least 106 [106, ∞)",
        "2020-06-04 Atlas Mojtaba Zolnour 230 [230, 230]",
        "conflict with",
        "Toll rises",
        '&lt;script&gt;alert("x")&lt;/script&gt; They said 700 people were killed &amp; more.',
    ):
        assert expected in text, (expected, text[:3000])
    assert "(revised)" in text
    shot = tmp_path / "shot.png"
    _run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", path.as_uri())
    with Image.open(shot) as im:
        rgb = im.convert("RGB")
        assert rgb.size == (1200, 2000)
        small = rgb.resize((300, 500))
        colors = small.getcolors(maxcolors=300 * 500) or []
        non_white = sum(n for n, c in colors if sum(c) < 700)
    assert len(colors) > 50, "the screenshot is nearly blank"
    assert non_white > 0.03 * 300 * 500, "the screenshot has almost no ink"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_cli_compare_reads_an_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    tables = {"figures": frame(IRAN), "events": EVENTS, "documents": DOCS}
    for name, df in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            df.to_csv(path, index=False)
        elif fmt == "jsonl":
            df.to_json(path, orient="records", lines=True)
        else:
            df.astype(
                {c: "string" for c in df.columns if c not in ("value", "low", "high", "start_char")}
            ).to_parquet(path)
    assert main(["compare", str(out), "--html", str(tmp_path / "r.html")]) == 0
    printed = capsys.readouterr().out
    assert "protest:2019-11/killed" not in printed  # clusters are printed by name per event
    assert "the November 2019 protests [protest:2019-11]" in printed
    assert "  killed: 6 claims, 4 sources, 3 claimants" in printed
    assert "Mojtaba Zolnour" in printed and "report ->" in printed
    assert "Toll rises" in (tmp_path / "r.html").read_text("utf-8")


def test_cli_compare_without_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(tmp_path)]) == 1
    assert "no figures table" in capsys.readouterr().err


def test_empty_comparison_renders() -> None:
    empty = compare(pd.DataFrame(columns=TABLE_COLUMNS["figures"]))
    assert empty.empty and summary(empty) == "no figures to compare"
    assert "0 figures" in render_report(empty)


def test_cli_compare_html_draws_names_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outlet names are text, not mathtext or TeX: "$...$" and backslashes are drawn as written."""
    hostile = ["F $\\x{$", "Wire $5$ \\\\ \\frac{a}{", "Harbor\vWire"]
    rows = [
        fig(f"m{i}", f"at least {n}", "at_least", n, event="the 2019 protests", source=name,
            published=f"2019-12-{10 + i}", start=i)
        for i, (name, n) in enumerate(zip(hostile, [106, 208, 304], strict=True))
    ]  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    frame(rows).to_csv(out / "figures.csv", index=False)
    report = tmp_path / "r.html"
    assert main(["compare", str(out), "--html", str(report)]) == 0
    assert "report ->" in capsys.readouterr().out
    page = report.read_text("utf-8")
    assert "F $\\x{$" in page and "Wire $5$ \\\\ \\frac{a}{" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 1
    plot = Image.open(io.BytesIO(base64.b64decode(images[0])))
    assert plot.size[0] > 500
