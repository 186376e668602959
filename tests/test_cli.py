"""The command line: folders, front matter, .jsonl, the errors table, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claimkit.cli import main


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.md").write_text(
        "---\ndoc_id: a1\nsource: Harbor Wire\npublished: 2019-12-16\ntitle: Toll rises\n---\n\n"
        "At least 304 people were killed, Amnesty International said.\n",
        encoding="utf-8",
    )
    (d / "sub" / "b.txt").write_text(
        "Reuters reported that about 1,500 people died.\n", encoding="utf-8"
    )
    lines = [
        json.dumps({"text": "Over 30,000 were executed.", "doc_id": "j1", "source": "Atlas"}),
        "{not json",
        json.dumps({"doc_id": "j3"}),
        json.dumps({"text": "Hundreds were arrested.", "doc_id": "j4"}),
    ]
    (d / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00\x00" * 50)
    (d / "empty.txt").write_text("   \n", encoding="utf-8")
    (d / "latin.txt").write_bytes("Caf\xe9 owners said 12 people were hurt.".encode("latin-1"))
    (d / "notes.csv").write_text("ignored,in,folders\n")
    return d


def test_analyze_folder_writes_all_tables(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["analyze", str(inputs), "--out", str(out)]) == 0
    for table in ("figures", "entities", "roles", "events", "links", "errors"):
        assert (out / f"{table}.csv").exists()
    figures = pd.read_csv(out / "figures.csv")
    assert set(figures["doc_id"]) >= {"a1", "j1", "j4"}
    a1 = figures[figures["doc_id"] == "a1"].iloc[0]
    assert (a1["text"], a1["source"], a1["published"], a1["attribution"]) == (
        "At least 304",
        "Harbor Wire",
        "2019-12-16",
        "Amnesty International",
    )
    assert "Atlas" in set(figures["source"].dropna())
    assert 12.0 in set(figures["value"])  # the latin-1 file was decoded
    errors = pd.read_csv(out / "errors.csv")
    reasons = " ".join(errors["reason"])
    assert len(errors) == 4, errors
    assert (
        "binary" in reasons
        and "empty" in reasons
        and "malformed JSON" in reasons
        and "missing 'text'" in reasons
    )
    assert any(str(p).endswith("c.jsonl:2") for p in errors["path"])
    assert "documents" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_formats(inputs: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    assert main(["analyze", str(inputs / "a.md"), "--out", str(out), "--format", fmt]) == 0
    path = out / f"figures.{fmt}"
    df = pd.read_parquet(path) if fmt == "parquet" else pd.read_json(path, lines=True)
    assert list(df["text"]) == ["At least 304"]
    assert "attribution" in df.columns and "published" in df.columns


def test_nothing_readable_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    assert (
        main(["analyze", str(bad), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
        == 1
    )
    assert "no document could be analysed" in capsys.readouterr().err
    errors = pd.read_csv(tmp_path / "o" / "errors.csv")
    assert len(errors) == 2 and any("no such file" in r for r in errors["reason"])


def test_python_dash_m(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text("Officials said 40 people were detained.\n")
    res = subprocess.run(
        [sys.executable, "-m", "claimkit", "analyze", str(src), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert pd.read_csv(tmp_path / "o" / "figures.csv")["category"].tolist() == ["arrested"]


def test_analyze_writes_the_graph(inputs: Path, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "g"
    assert main(["analyze", str(inputs / "a.md"), str(inputs / "sub"), "--out", str(out)]) == 0
    graph = nx.read_graphml(out / "graph.graphml")
    kinds = {d.get("kind") for _, d in graph.nodes(data=True)}
    assert {"organization", "figure"} <= kinds
    data = json.loads((out / "graph.json").read_text("utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    out2 = tmp_path / "nog"
    assert main(["analyze", str(inputs / "a.md"), "--out", str(out2), "--no-graph"]) == 0
    assert not (out2 / "graph.graphml").exists()


def test_tables_option(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fast"
    args = ["analyze", str(inputs / "a.md"), "--out", str(out), "--no-graph"]
    assert main([*args, "--tables", "figures"]) == 0
    assert list(pd.read_csv(out / "figures.csv")["text"]) == ["At least 304"]
    assert pd.read_csv(out / "entities.csv").empty
    assert main([*args, "--tables", "figures,people"]) == 2
    assert "--tables" in capsys.readouterr().err


def test_control_characters_in_metadata_keep_the_graph(tmp_path: Path) -> None:
    import networkx as nx

    items = [
        {"doc_id": "v\vt", "source": "Harbor\vWire\x1b[31m", "title": "Toll\x00 rises",
         "text": "Officials said 40 people were detained in the 2022 protests."},
        {"doc_id": "plain", "source": "Civic Watch", "text": "Reuters said 12 people died."},
    ]  # fmt: skip
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(i) for i in items) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "in.jsonl"), "--out", str(out), "--no-progress"]) == 0
    graph = nx.read_graphml(out / "graph.graphml")  # valid XML
    outlets = {d.get("source") for *_, d in graph.edges(data=True)} - {None}
    assert "HarborWire[31m" in outlets and "Civic Watch" in outlets
    assert "figure:vt:15" in graph.nodes  # the figure of the document "v\vt"
    data = json.loads((out / "graph.json").read_text("utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert any(e.get("outlet") == "Harbor\vWire\x1b[31m" for e in data["edges"])  # JSON keeps all
