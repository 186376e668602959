"""The DuckDB claims store: idempotent, transactional per batch, safe to kill and rerun."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import claimkit
from claimkit.analysis import Analysis
from claimkit.cli import main
from claimkit.reader import Document, read_inputs
from claimkit.store import STORE_TABLES, Store, analysis_hash, item_hash
from tests.conftest import ROOT

TEXTS = [
    ("a", "At least 304 people were killed in the 2019 protests, Amnesty International said."),
    ("b", "Reuters said 230 people were killed in the 2019 protests."),
    ("c", "Officials said 7,000 people were arrested. Ebrahim Raisi heads the judiciary."),
]


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [
        claimkit.analyze(text, doc_id=doc_id, source="Harbor Wire", published="2020-01-05")
        for doc_id, text in TEXTS
    ]


def counts(store: Store) -> dict[str, int]:
    return {t: len(store.table(t)) for t in STORE_TABLES}


def test_add_is_idempotent(analyses: list[Analysis]) -> None:
    store = Store()
    assert store.add(analyses[:2]) == 2
    before = counts(store)
    assert before["figures"] >= 2 and before["documents"] == 2
    assert store.add(analyses[:2]) == 0
    assert store.add([analyses[1], analyses[1]]) == 0
    assert counts(store) == before
    assert store.add(analyses) == 1
    assert store.add([analyses[2], analyses[2]]) == 0
    assert counts(store)["documents"] == 3
    assert store.verify() == []
    assert set(store.documents()["doc_id"]) == {"a", "b", "c"}
    assert store.hashes() == {analysis_hash(a) for a in analyses}


def test_same_text_other_metadata_is_another_document(analyses: list[Analysis]) -> None:
    store = Store()
    other = claimkit.analyze(TEXTS[0][1], doc_id="a", source="Civic Watch", published="2020-01-05")
    assert store.add([analyses[0], other]) == 2


def test_a_failing_batch_leaves_nothing(
    analyses: list[Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    assert store.add(analyses[:1]) == 1
    before = counts(store)
    original = Store._insert

    def failing(self: Store, table: str, columns: list[str], records: list[dict[str, Any]]) -> None:
        if table == "roles":  # documents, figures and entities are written by now
            raise RuntimeError("disk full")
        original(self, table, columns, records)

    monkeypatch.setattr(Store, "_insert", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        store.add(analyses[1:])
    assert counts(store) == before
    monkeypatch.undo()
    assert store.add(analyses) == 2
    assert store.verify() == []


def test_file_store_reopens_exports_and_compares(analyses: list[Analysis], tmp_path: Path) -> None:
    path = tmp_path / "deep" / "claims.duckdb"
    with Store(path) as store:
        store.add(analyses)
        expected = counts(store)
    with Store(path, read_only=True) as store:
        assert counts(store) == expected
        figures = store.figures()
        assert {"content_hash", "doc_id", "attribution", "published"} <= set(figures.columns)
        assert str(figures["published"].dtype).startswith("datetime64")
        written = store.export_parquet(tmp_path / "parquet")
        df = store.compare()
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in STORE_TABLES)
    for t in STORE_TABLES:
        assert len(pd.read_parquet(tmp_path / "parquet" / f"{t}.parquet")) == expected[t]
    killed = df[df["category"] == "killed"]
    assert killed["cluster"].nunique() == 1 and killed["conflict"].all()
    assert set(killed["claimant"]) == {"Amnesty International", "Reuters"}


def test_item_hash_predicts_the_analysis_hash() -> None:
    docs = [d for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)][:2]
    for doc, analysis in zip(docs, claimkit.analyze_many([d.as_item() for d in docs]), strict=True):
        assert item_hash(doc.as_item()) == analysis_hash(analysis)
    assert item_hash({"text": 3}) is None
    assert item_hash({"text": "x", "published": "not a date at all"}) is None


def test_cli_db_appends_and_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id, text in TEXTS:
        (folder / f"{doc_id}.md").write_text(f"---\ndoc_id: {doc_id}\n---\n{text}\n", "utf-8")
    db = tmp_path / "claims.duckdb"
    assert main(["analyze", str(folder), "--db", str(db), "--no-progress"]) == 0
    assert "3 added to the store, 0 already stored" in capsys.readouterr().out
    (folder / "d.txt").write_text("Hundreds of people were injured in the 2019 protests.\n")
    assert main(["analyze", str(folder), "--db", str(db), "--out", str(tmp_path / "out")]) == 0
    assert "1 added to the store, 3 already stored" in capsys.readouterr().out
    assert len(pd.read_csv(tmp_path / "out" / "documents.csv")) == 1
    with Store(db, read_only=True) as store:
        assert sorted(store.documents()["path"].str[-4:]) == [".txt", "a.md", "b.md", "c.md"]
        assert store.verify() == []
    assert main(["analyze", str(folder)]) == 2
    assert "--out DIR, --db FILE" in capsys.readouterr().err


# The child of the kill test: the command line, with batch 2 pausing after writing its rows and
# before its commit (the store's last insert of a batch is its errors rows).
_PAUSING_CHILD = """
import sys, time
from claimkit.cli import main
from claimkit.store import Store

insert, batches = Store._insert, []

def pausing(self, table, columns, records):
    insert(self, table, columns, records)
    batches.extend([table] if table == "documents" else [])
    if table == "errors" and len(batches) == 2:
        print("batch 2 written, pausing before commit", file=sys.stderr, flush=True)
        time.sleep(600)

Store._insert = pausing
sys.exit(main(sys.argv[1:]))
"""


def _start(folder: Path, db: Path, *, pause: bool) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", _PAUSING_CHILD] if pause else [sys.executable, "-m", "claimkit"]
    cmd += ["analyze", str(folder), "--db", str(db), "--batch-size", "2", "--no-progress"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(proc: subprocess.Popen[str], needle: str, timeout: float = 120) -> None:
    """Read the child's stderr until a line holds ``needle``."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stream = proc.stderr
    threading.Thread(target=lambda: [lines.put(ln) for ln in stream], daemon=True).start()
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        if needle in line:
            return
    proc.kill()
    pytest.fail(f"child never printed {needle!r}; stderr: {''.join(seen)[-2000:]}")


def _check_whole(db: Path, doc_ids: set[str]) -> None:
    with Store(db, read_only=True) as store:
        docs = store.documents()
        assert docs["doc_id"].is_unique, docs["doc_id"].value_counts().head()
        assert set(docs["doc_id"]) == doc_ids
        assert docs["content_hash"].is_unique
        assert store.verify() == []
        stored = set(docs["content_hash"])
        for t in ("figures", "entities", "roles", "events"):
            assert set(store.table(t)["content_hash"]) <= stored


@pytest.mark.parametrize("where", ["inside a transaction", "between batches"])
def test_kill_9_and_rerun_stores_every_document_once(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder, ignore=shutil.ignore_patterns("gold"))
    doc_ids = {p.stem for p in folder.glob("*.md")}
    db = tmp_path / "x.duckdb"
    if where == "inside a transaction":
        # batch 2 writes its rows, says so, and waits before its commit: kill it there
        proc = _start(folder, db, pause=True)
        _wait_for(proc, "pausing before commit")
    else:
        proc = _start(folder, db, pause=False)
        _wait_for(proc, "batch 1 committed")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(db, read_only=True) as store:
        stored = len(store.documents())
        assert store.verify() == []
    if where == "inside a transaction":
        assert stored == 2  # batch 1 only: none of batch 2's rows survived
    assert 2 <= stored < len(doc_ids)
    rerun = subprocess.run(
        [sys.executable, "-m", "claimkit", "analyze", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(doc_ids) - stored} added to the store, {stored} already stored" in rerun.stdout
    _check_whole(db, doc_ids)


def test_add_names_what_it_expected() -> None:
    store = Store()
    with pytest.raises(TypeError, match=r"takes analyses .* item 1 is None"):
        store.add([claimkit.analyze("Ten died."), None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="item 0 is a dict"):
        store.add([{"text": "Ten died."}])  # type: ignore[list-item]
    assert store.hashes() == set()


_HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


def _tables(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture
def earlier_run(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An input folder, the --out folder and the --db store of a finished run."""
    folder, out, db = tmp_path / "in", tmp_path / "out", tmp_path / "claims.duckdb"
    folder.mkdir()
    for doc_id, text in TEXTS:
        (folder / f"{doc_id}.txt").write_text(text + "\n", "utf-8")
    assert main(["analyze", str(folder), "--out", str(out), "--db", str(db), "--no-progress"]) == 0
    (folder / "d.txt").write_text("Hundreds of people were injured in the 2019 protests.\n")
    return folder, out, db


def test_a_locked_store_is_one_line_and_leaves_the_output_alone(
    earlier_run: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out, db = earlier_run
    before = _tables(out)
    capsys.readouterr()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        rc = main(["analyze", str(folder), "--out", str(out), "--db", str(db), "--no-progress"])
        captured = capsys.readouterr()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert rc == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "locked by another process" in lines[0]
    assert f"PID {holder.pid}" in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
    assert _tables(out) == before  # the earlier run's tables, byte for byte
    with Store(db) as store:  # the lock is gone with its holder: the store is whole
        assert len(store.documents()) == 3 and store.verify() == []


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "not duckdb", "empty"])
def test_a_damaged_store_is_one_line_and_exit_2(
    earlier_run: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    folder, out, db = earlier_run
    data = bytearray(db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "corrupt":  # garbage in every block after the header
        for at in range(8192, len(data) - 512, 4096):
            data[at + 64 : at + 320] = bytes((at + i) * 37 % 256 for i in range(256))
    elif damage == "not duckdb":
        data = bytearray(b"doc_id,text\na,Ten died.\n" * 50)
    else:
        data = bytearray()
    db.write_bytes(bytes(data))
    before = _tables(out)
    capsys.readouterr()
    rc = main(["analyze", str(folder), "--out", str(out), "--db", str(db), "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 2, captured
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0], captured.err
    want = "not a DuckDB database" if damage in ("not duckdb", "empty") else "damaged"
    assert want in lines[0] and "Traceback" not in captured.err
    assert _tables(out) == before


def test_unreadable_inputs_are_listed_with_db_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.txt").write_text("Ten people died in the flood.\n", "utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "Five fled."}\nnot json\n', "utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "claims.duckdb"
    args = [str(tmp_path / "ok.txt"), str(tmp_path / "bad.jsonl"), str(missing)]
    assert main(["analyze", *args, "--db", str(db), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "2 inputs could not be read" in captured.out
    unread = [ln for ln in captured.err.splitlines() if "could not read" in ln]
    assert len(unread) == 2
    assert any(f"{tmp_path / 'bad.jsonl'}:2" in ln for ln in unread)
    assert any(str(missing) in ln for ln in unread)
