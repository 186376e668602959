"""Messages a person can act on: one line on stderr, exit 2 for bad arguments, examples in --help."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

import claimkit
from claimkit import pipeline
from claimkit.cli import _parser, main

GOOD = "Officials said 40 people were detained.\n"


def one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_a_missing_input_is_named_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    missing = tmp_path / "no-such-article.txt"
    assert main(["analyze", str(good), str(missing), "--out", str(tmp_path / "o")]) == 0
    line = one_line(capsys.readouterr().err)
    assert line == f"claimkit: {missing}: no such file or folder"


def test_an_unknown_model_is_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    out = tmp_path / "o"
    args = ["analyze", str(good), "--out", str(out), "--model", "xx_no_such_pipeline"]
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert "xx_no_such_pipeline" in line and "pip install" in line
    assert not out.exists()  # checked before any output was touched


def test_a_folder_that_is_no_pipeline_is_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    folder = tmp_path / "not-a-pipeline"
    folder.mkdir()  # a folder, but no spaCy pipeline in it
    args = ["analyze", str(good), "--out", str(tmp_path / "o"), "--model", str(folder)]
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert "not-a-pipeline" in line and "pip install" in line
    assert not (tmp_path / "o").exists()


def test_out_naming_a_file_is_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    taken = tmp_path / "taken.csv"
    taken.write_text("keep me\n", "utf-8")
    for out in (taken, taken / "below"):
        assert main(["analyze", str(good), "--out", str(out)]) == 2
        assert "is a file, not a folder" in one_line(capsys.readouterr().err)
    assert taken.read_text("utf-8") == "keep me\n"


@pytest.mark.parametrize("argv", [[], ["analyze"], ["compare"]])
def test_help_ends_with_examples(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _parser().parse_args([*argv, "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out.rstrip()
    examples = text.split("examples:\n", 1)[1].splitlines()
    assert 2 <= len(examples) <= 3
    assert all(line.startswith("  claimkit ") for line in examples)
    if argv:
        assert all(line.split()[1] == argv[0] for line in examples)


def test_cli_and_api_share_the_default_batch_size() -> None:
    default = inspect.signature(claimkit.analyze_many).parameters["batch_size"].default
    assert default == pipeline.DEFAULT_BATCH_SIZE
    args = _parser().parse_args(["analyze", "x.txt", "--out", "o"])
    assert args.batch_size == pipeline.DEFAULT_BATCH_SIZE


def test_compare_strips_escapes_from_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "\x1b]0;owned\x07\x1b[31mHarbor\x1b[0m\u202eWire\x9b2J"
    items = [
        {"text": "Ten people died in the 2020 floods.", "doc_id": "a", "source": hostile},
        {"text": "Twelve people died in the 2020 floods.", "doc_id": "b", "source": "Atlas"},
    ]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--no-progress", "--no-graph"]) == 0
    capsys.readouterr()
    assert main(["compare", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "HarborWire" in printed
    assert not any(c in printed for c in "\x1b\x07\x9b\u202e")


def test_a_module_that_is_no_pipeline_is_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    # an importable module passes the quick check and fails when spaCy loads it, mid-run
    args = ["analyze", str(good), "--out", str(tmp_path / "o"), "--model", "json"]
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert "'json'" in line and "pip install" in line
