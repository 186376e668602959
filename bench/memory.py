"""Peak memory of a long stream: RSS after 1,000 and after 10,000 documents of ``analyze_many``.

Usage:
    python bench/memory.py [--docs 1000,10000] [--modes discard,parquet] [--batch-size B]
                           [--no-vary]

Each mode runs in a fresh Python process, which streams max(--docs) documents through
``claimkit.analyze_many`` (one process) and, at every checkpoint in --docs, prints its peak resident
set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) and its current RSS (psutil if installed,
else /proc/self/statm). Modes:

- ``discard``: results are consumed and dropped.
- ``parquet``: results go through the CLI's writers (``claimkit.writers.TableWriters``, Parquet,
  default flush size) into a temporary folder.

Documents cycle over the body texts of the corpus articles; unless --no-vary, each gets a sentence
with numbers and a name of its own ("Update 17: officials counted 1,629 displaced in district D17.")
so that the stream keeps bringing new strings, as an archive does. Prints the peak after each
checkpoint and the growth from the first checkpoint to the last.

Example:
    python bench/memory.py --docs 1000,10000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import claimkit
from claimkit.reader import Document, read_inputs
from claimkit.writers import TableWriters

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def peak_mb() -> float:
    """Peak RSS of this process so far, in MiB (Linux reports ``ru_maxrss`` in KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib * (1 if sys.platform == "darwin" else 1024) / MB


def rss_mb() -> float:
    """Current RSS of this process in MiB."""
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / MB
    except ImportError:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / MB


def documents(n: int, vary: bool) -> Iterator[dict[str, Any]]:
    """``n`` documents cycling over the corpus articles, each with a sentence of its own.

    Example:
        >>> next(documents(1, True))["text"].endswith("in district D0.")
        True
    """
    bodies = [d.text for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)]
    for i in range(n):
        text = bodies[i % len(bodies)]
        if vary:
            text += (
                f"\n\nUpdate {i}: officials counted {1000 + 37 * i:,} displaced in district D{i}."
            )
        yield {"doc_id": f"m{i}", "text": text}


def child(mode: str, checkpoints: list[int], batch_size: int, vary: bool) -> None:
    """Stream the documents and print one JSON line per checkpoint."""
    claimkit.load()
    t0 = time.perf_counter()
    n_rows = 0
    with tempfile.TemporaryDirectory() as tmp:
        writers = TableWriters(tmp, "parquet") if mode == "parquet" else None
        stream = claimkit.analyze_many(documents(max(checkpoints), vary), batch_size=batch_size)
        for i, analysis in enumerate(stream, start=1):
            n_rows += len(analysis.figures) + len(analysis.entities)
            if writers is not None:
                writers.add(analysis)
            if i in checkpoints:
                line = {"mode": mode, "docs": i, "peak_mb": peak_mb(), "rss_mb": rss_mb()}
                line |= {"seconds": time.perf_counter() - t0, "figure_entity_rows": n_rows}
                print(json.dumps(line), flush=True)
        if writers is not None:
            writers.close()


def main() -> None:
    """Run every mode in its own process and print the peaks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="1000,10000", help="checkpoints, comma-separated")
    parser.add_argument("--modes", default="discard,parquet", help="discard and/or parquet")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-vary", dest="vary", action="store_false", help="repeat texts as-is")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    checkpoints = sorted({int(n) for n in args.docs.split(",")})
    if args.child:
        child(args.child, checkpoints, args.batch_size, args.vary)
        return

    print(f"checkpoints: {checkpoints} documents; batch_size {args.batch_size}; vary {args.vary}")
    results: dict[str, list[dict[str, Any]]] = {}
    for mode in args.modes.split(","):
        cmd = [sys.executable, __file__, "--child", mode, "--docs", args.docs]
        cmd += ["--batch-size", str(args.batch_size)] + ([] if args.vary else ["--no-vary"])
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        results[mode] = []
        for raw in proc.stdout:
            line = json.loads(raw)
            results[mode].append(line)
            print(
                f"{mode:>8}: after {line['docs']:6,d} documents"
                f"  peak RSS {line['peak_mb']:7.1f} MiB  current RSS {line['rss_mb']:7.1f} MiB"
                f"  ({line['seconds']:.0f} s)",
                flush=True,
            )
        if proc.wait() != 0:
            raise SystemExit(f"{mode} run failed with status {proc.returncode}")
    print()
    for mode, lines in results.items():
        first, last = lines[0], lines[-1]
        print(
            f"{mode:>8}: peak {first['peak_mb']:.1f} MiB after {first['docs']:,} documents, "
            f"{last['peak_mb']:.1f} MiB after {last['docs']:,}: "
            f"growth {last['peak_mb'] - first['peak_mb']:+.1f} MiB"
        )


if __name__ == "__main__":
    main()
