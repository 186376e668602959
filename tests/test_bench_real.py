"""bench/real.py on a machine without the real development sets: every set skipped, one line each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_real_bench_names_every_missing_set(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "real.py"), "--shared", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    skipped = [line for line in out.stdout.splitlines() if "skipped" in line]
    assert [line.split(":")[0] for line in skipped] == [
        "newsquant", "gva-dev", "gva-multi-dev", "conll2003-dev", "redocred-dev",
    ]  # fmt: skip
    assert all(str(tmp_path) in line for line in skipped)
    assert "| newsquant | (not run: no newsquant/dev.json)" in out.stdout


def test_real_bench_scores_a_small_newsquant_file(tmp_path: Path) -> None:
    folder = tmp_path / "newsquant"
    folder.mkdir()
    (folder / "dev.json").write_text(
        '[{"text": "The mill hired 40 workers and fired about 12.", "quantities": ['
        '{"value": "40.0", "change": "="}, {"value": "12.0", "change": "~"}]}]',
        "utf-8",
    )
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "real.py"), "--shared", str(tmp_path),
         "--only", "newsquant"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert "| newsquant | value F1 | 1.000 |" in out.stdout
