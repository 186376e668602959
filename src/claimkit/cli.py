"""The ``claimkit`` command line.

``claimkit analyze PATH... --out DIR [--format csv|parquet|jsonl] [--n-process N]`` reads .txt, .md,
.html and .jsonl files and folders and writes the figures, entities, roles, events and errors tables.

Example:
    >>> main(["--version"])  # doctest: +SKIP
    claimkit 0.1.0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimkit import __version__
from claimkit.records import ErrorRecord
from claimkit.writers import FORMATS, TableWriters

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkit", description="Extract figures, people, roles and events from news text."
    )
    parser.add_argument("--version", action="version", version=f"claimkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse files and folders into tables")
    a.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt, .md, .html or .jsonl files, or folders of them",
    )
    a.add_argument("--out", required=True, metavar="DIR", help="folder for the output tables")
    a.add_argument("--format", choices=FORMATS, default="csv", help="table format (default: csv)")
    a.add_argument(
        "--n-process", type=int, default=1, metavar="N", help="worker processes (default: 1)"
    )
    a.add_argument(
        "--batch-size", type=int, default=32, metavar="N", help="documents per batch (default: 32)"
    )
    a.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline to use (default: installed English small model)",
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
    return parser


def _analyze(args: argparse.Namespace) -> int:
    from claimkit.pipeline import analyze_many
    from claimkit.reader import Document, read_inputs

    if args.n_process < 1:
        print("claimkit: --n-process must be at least 1", file=sys.stderr)
        return 2
    out = Path(args.out)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    counts = {"documents": 0, "failed": 0}
    people: set[str] = set()
    with TableWriters(out, args.format) as writers:

        def documents() -> Iterator[dict[str, Any]]:
            for item in read_inputs(args.paths):
                if isinstance(item, ErrorRecord):
                    writers.add_error(item)
                    counts["failed"] += 1
                elif isinstance(item, Document):
                    yield item.as_item()

        for analysis in analyze_many(
            documents(),
            n_process=args.n_process,
            batch_size=args.batch_size,
            progress=progress,
            model=args.model,
        ):
            writers.add(analysis)
            if analysis.text:
                counts["documents"] += 1
                people.update(e.entity_id for e in analysis.entities if e.label == "PERSON")
            else:
                counts["failed"] += 1
        tables = dict(writers.counts)
    print(
        f"claimkit: {counts['documents']} documents, {tables['figures']} figures, {len(people)} people, "
        f"{tables['events']} events, {tables['roles']} roles -> {out}/"
        + (
            f" ({counts['failed']} inputs could not be read: see {writers.path('errors')})"
            if counts["failed"]
            else ""
        )
    )
    if counts["documents"] == 0:
        print("claimkit: no document could be analysed", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Example:
        >>> main(["analyze", "corpus", "--out", "out"])  # doctest: +SKIP
        0
    """
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        return _analyze(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
