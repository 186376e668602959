"""The ``claimkit`` command line.

``claimkit analyze PATH... --out DIR [--format csv|parquet|jsonl] [--n-process N] [--db FILE]`` reads
.txt, .md, .html and .jsonl files and folders and writes the figures, entities, roles, events, errors
and documents tables, and with ``--db`` adds the documents not yet stored to a DuckDB claims store.

``claimkit compare OUT_DIR|FILE.duckdb [--html REPORT]`` prints the clusters of figures that count the
same thing across sources, with conflicts and revisions, and writes the HTML report.

Examples:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Officials said 40 people were detained.")
    >>> main(["analyze", str(folder / "a.txt"), "--out", str(folder / "out"), "--no-progress"])
    claimkit: 1 documents, 1 figures, 0 people, 0 events, 0 roles -> ...
    0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit import __version__
from claimkit.errors import ModelNotFoundError
from claimkit.pipeline import DEFAULT_BATCH_SIZE
from claimkit.records import ErrorRecord
from claimkit.writers import FORMATS, TableWriters

if TYPE_CHECKING:
    import pandas as pd

    from claimkit.analysis import Analysis
    from claimkit.store import Store

__all__ = ["main"]


_EXAMPLES = """examples:
  claimkit analyze articles/ --out out/
  claimkit analyze feed.jsonl --db claims.duckdb --out out/ --n-process 4
  claimkit compare out/ --html report.html
"""
_ANALYZE_EXAMPLES = """examples:
  claimkit analyze articles/ --out out/
  claimkit analyze a.txt b.html feed.jsonl --out out/ --format parquet
  claimkit analyze articles/ --db claims.duckdb --tables figures --n-process 4
"""
_COMPARE_EXAMPLES = """examples:
  claimkit compare out/
  claimkit compare out/ --html report.html
  claimkit compare claims.duckdb --html report.html
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkit",
        description="Extract figures, people, roles and events from news text.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "analyze",
        help="analyse files and folders into tables",
        description="Analyse .txt, .md, .html and .jsonl files and folders into tables.",
        epilog=_ANALYZE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt, .md, .html or .jsonl files, or folders of them",
    )
    a.add_argument("--out", metavar="DIR", help="folder for the output tables")
    a.add_argument(
        "--db",
        metavar="FILE",
        help="DuckDB claims store to add the documents to; documents already in it are skipped",
    )
    a.add_argument("--format", choices=FORMATS, default="csv", help="table format (default: csv)")
    a.add_argument(
        "--n-process", type=int, default=1, metavar="N", help="worker processes (default: 1)"
    )
    a.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"documents per batch (default: {DEFAULT_BATCH_SIZE})",
    )
    a.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline to use (default: installed English small model)",
    )
    a.add_argument(
        "--tables",
        default=None,
        metavar="LIST",
        help="comma-separated tables to extract: figures, entities, roles, events, links "
        "(default: all; 'figures' alone also skips spaCy's entity recogniser and is the fastest)",
    )
    a.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="always show a progress bar",
    )
    a.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show a progress bar"
    )
    a.add_argument(
        "--no-graph",
        dest="graph",
        action="store_false",
        help="do not write DIR/graph.graphml and DIR/graph.json (the graph keeps every analysis in memory)",
    )
    c = sub.add_parser(
        "compare",
        help="compare the figures of an analyze output across sources",
        description="Compare the figures of an analyze output (or a claims store) across sources.",
        epilog=_COMPARE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("source", metavar="OUT_DIR", help="an analyze --out folder, or a --db file")
    c.add_argument("--html", metavar="FILE", help="write the self-contained HTML report here")
    return parser


class _DocumentsTable:
    """Streams the documents table (id, source, published, title, url, path, dateline place) of an
    analyze run."""

    COLUMNS = ("doc_id", "source", "published", "title", "url", "path", "place")

    def __init__(self, out: Path, fmt: str, flush_rows: int = 5000) -> None:
        self.path, self.fmt, self.flush_rows = out / f"documents.{fmt}", fmt, flush_rows
        self.rows: list[dict[str, Any]] = []
        self.parquet: Any = None
        self.path.write_text(",".join(self.COLUMNS) + "\n" if fmt == "csv" else "", "utf-8")

    def add(self, analysis: Analysis) -> None:
        self.rows.append({c: getattr(analysis, c) for c in self.COLUMNS})
        if len(self.rows) >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return
        df = pd.DataFrame(self.rows, columns=list(self.COLUMNS)).astype("string")
        if self.fmt == "parquet":
            table = pa.Table.from_pandas(df, preserve_index=False)
            self.parquet = self.parquet or pq.ParquetWriter(self.path, table.schema)
            self.parquet.write_table(table)
        else:
            with self.path.open("a", encoding="utf-8", newline="") as f:
                if self.fmt == "csv":
                    df.to_csv(f, index=False, header=False)
                else:
                    df.to_json(f, orient="records", lines=True, force_ascii=False)
        self.rows.clear()

    def close(self) -> None:
        self.flush()
        if self.parquet is not None:
            self.parquet.close()


def _analyze(args: argparse.Namespace) -> int:
    from claimkit.pipeline import analyze_many
    from claimkit.reader import Document, read_inputs, shown
    from claimkit.store import store_error

    if args.n_process < 1 or args.batch_size < 1:
        print("claimkit: --n-process and --batch-size must be at least 1", file=sys.stderr)
        return 2
    if args.out is None and args.db is None:
        print("claimkit: give --out DIR, --db FILE or both", file=sys.stderr)
        return 2
    problem = _out_problem(args.out) if args.out else None
    if problem is not None:
        print(f"claimkit: --out {_terminal(args.out)}: {problem}", file=sys.stderr)
        return 2
    from claimkit.pipeline import check_model

    check_model(args.model)  # before any output is touched; main() prints the one line
    if args.tables is not None:
        from claimkit.pipeline import resolve_tables

        try:
            resolve_tables(t.strip() for t in args.tables.split(",") if t.strip())
        except ValueError as exc:
            print(f"claimkit: --tables: {exc}", file=sys.stderr)
            return 2
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    counts = dict.fromkeys(("documents", "failed", "skipped", "stored", "batches"), 0)
    found = dict.fromkeys(("figures", "events", "roles"), 0)
    people: set[str] = set()
    store_failed: tuple[type[BaseException], ...] = ()  # what the store raises when it breaks
    with contextlib.ExitStack() as stack:
        store: Store | None = None
        known: set[str] = set()
        if args.db:  # opened, locked and read before any output file is touched
            import duckdb

            store_failed = (duckdb.Error,)
            try:
                store = stack.enter_context(_open_store(args.db))
                known = store.hashes()
            except (OSError, duckdb.Error) as exc:
                print(f"claimkit: {store_error(args.db, exc)}", file=sys.stderr)
                return 2
        writers = stack.enter_context(TableWriters(args.out, args.format)) if args.out else None
        docs = _DocumentsTable(Path(args.out), args.format) if args.out else None
        if docs is not None:
            stack.callback(docs.close)
        batch: list[Analysis] = []
        graph_inputs: list[Analysis] = []

        def documents() -> Iterator[dict[str, Any]]:
            from claimkit.store import item_hash

            given = {shown(Path(p)) for p in args.paths}
            for item in read_inputs(args.paths):
                if isinstance(item, ErrorRecord):
                    unread(item, named=item.path in given)
                    counts["failed"] += 1
                elif isinstance(item, Document):
                    doc = item.as_item()
                    if known and item_hash(doc) in known:
                        counts["skipped"] += 1
                        continue
                    yield doc

        def unread(error: ErrorRecord, named: bool) -> None:
            """An input that could not be read: to the errors table, and named on stderr when
            it was given on the command line or there is no errors table."""
            if writers is not None:
                writers.add_error(error)
            where = _terminal(error.path or error.doc_id or "input")
            if writers is None:
                print(f"claimkit: could not read {where}: {error.reason}", file=sys.stderr)
            elif named:
                print(f"claimkit: {where}: {error.reason}", file=sys.stderr)

        def flush() -> None:
            if store is not None and batch:
                counts["stored"] += store.add(batch)
                counts["batches"] += 1
                batch.clear()
                if not progress:
                    print(
                        f"claimkit: batch {counts['batches']} committed to {args.db} "
                        f"({counts['stored']} documents added so far)",
                        file=sys.stderr,
                        flush=True,
                    )

        analyses = analyze_many(
            documents(),
            n_process=args.n_process,
            batch_size=args.batch_size,
            progress=progress,
            model=args.model,
            tables=[t.strip() for t in args.tables.split(",") if t.strip()]
            if args.tables
            else None,
        )
        try:
            for analysis in analyses:
                if analysis.text:
                    if writers is not None:
                        writers.add(analysis)
                    counts["documents"] += 1
                    people.update(e.entity_id for e in analysis.entities if e.label == "PERSON")
                    for table in found:
                        found[table] += len(getattr(analysis, table))
                    if docs is not None:
                        docs.add(analysis)
                    if writers is not None and args.graph:
                        graph_inputs.append(analysis)
                    batch.append(analysis)
                    if len(batch) >= args.batch_size:
                        flush()
                else:
                    for error in analysis.error_records():
                        unread(error, named=False)
                    counts["failed"] += 1
            flush()
        except store_failed as exc:  # the store turned out damaged while writing to it
            print(f"claimkit: {store_error(args.db, exc)}", file=sys.stderr)
            return 2
    if args.out and args.graph and graph_inputs:
        from claimkit.graph import build_graph
        from claimkit.graph_export import write_graph

        write_graph(build_graph(graph_inputs), args.out)  # DIR/graph.graphml, DIR/graph.json
    where = " and ".join(str(p) for p in (f"{args.out}/" if args.out else None, args.db) if p)
    line = (
        f"claimkit: {counts['documents']} documents, {found['figures']} figures, {len(people)} "
        f"people, {found['events']} events, {found['roles']} roles"
    )
    if args.db:
        line += f", {counts['stored']} added to the store, {counts['skipped']} already stored"
    line += f" -> {where}"
    if counts["failed"]:
        errors = f": see {writers.path('errors')}" if writers is not None else ""
        line += f" ({counts['failed']} inputs could not be read{errors})"
    print(_terminal(line))
    if counts["documents"] == 0 and counts["skipped"] == 0:
        print("claimkit: no document could be analysed", file=sys.stderr)
        return 1
    return 0


def _out_problem(out: str) -> str | None:
    """Why ``--out`` cannot be the output folder (a file, or under one), else ``None``; nothing is
    created here."""
    path = Path(out)
    if path.exists():
        return None if path.is_dir() else "is a file, not a folder"
    parent = next((p for p in path.parents if p.exists()), Path("."))
    if not parent.is_dir():
        return f"{_terminal(str(parent))} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot create a folder in {_terminal(str(parent))} (permission denied)"
    return None


# escape sequences (CSI "ESC [ ... m", OSC "ESC ] ... BEL", two-character ones), then the control
# and invisible bidirectional characters a terminal would obey rather than show
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[@-_]?)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def _plain_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its text cells passed through :func:`_plain`, so columns still line up."""
    import pandas as pd

    out = df.copy()
    for column in out.columns:
        dtype = out[column].dtype
        if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dtype):
            out[column] = (
                out[column].astype(object).map(lambda v: _plain(v) if isinstance(v, str) else v)
            )
    return out


def _terminal(text: str) -> str:
    """``text`` safe to print: escape sequences and control characters (but newline and tab)
    removed, and any character the terminal's encoding lacks written as an escape.

    Examples:
        >>> _terminal("Harbor \x1b[31mWire\x1b[0m\x1b]8;;http://x\x07 \x07ok")
        'Harbor Wire ok'
    """
    text = _plain(text)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, errors="backslashreplace").decode(encoding, errors="replace")


def _open_store(path: str) -> Store:
    """The store at ``path``, opened (and so locked) and read through once: a file that is locked,
    damaged or no DuckDB database fails here, before any output is written."""
    from claimkit.store import Store

    store = Store(path)
    try:
        store.verify()
    except BaseException:
        store.close()
        raise
    return store


def _read_table(folder: Path, table: str) -> pd.DataFrame | None:
    """A table of an analyze output folder, in whichever format it was written (newest wins)."""
    import pandas as pd

    found = [folder / f"{table}.{fmt}" for fmt in FORMATS if (folder / f"{table}.{fmt}").is_file()]
    if not found:
        return None
    path = max(found, key=lambda p: p.stat().st_mtime)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".jsonl":  # read as written: no guessing of dates or numbers
        lines = path.read_text("utf-8").splitlines()
        return pd.DataFrame([json.loads(line) for line in lines if line.strip()])
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _compare(args: argparse.Namespace) -> int:
    from claimkit.compare import compare
    from claimkit.report import summary, write_report

    source = Path(args.source)
    if source.is_file():
        from claimkit.store import Store

        with Store(source, read_only=True) as store:
            df = store.compare()
    else:
        figures = _read_table(source, "figures")
        if figures is None:
            shown = _terminal(str(source))
            print(f"claimkit: no figures table in {shown} (run claimkit analyze --out {shown})",
                  file=sys.stderr)  # fmt: skip
            return 1
        events, docs = _read_table(source, "events"), _read_table(source, "documents")
        df = compare(figures, events=events, documents=docs)
    print(_terminal(summary(_plain_frame(df))))
    if args.html:
        write_report(df, args.html)
        print(f"claimkit: report -> {_terminal(args.html)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples:
        >>> main(["analyze", "no-such-file.txt", "--db", ":memory:", "--no-progress"])
        claimkit: 0 documents, ... (1 inputs could not be read)
        1
    """
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        try:
            return _analyze(args)
        except ModelNotFoundError as exc:
            print(f"claimkit: {' '.join(str(exc).split())}", file=sys.stderr)
            return 2
    if args.command == "compare":
        return _compare(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
