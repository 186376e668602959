"""Words per second of ``analyze_many`` at n_process 1, 2, 4, 8, 16, and the speedup over one.

Usage:
    python bench/scaling.py [--docs N] [--procs 1,2,4,8,16] [--rounds R] [--batch-size B] [--force]

Builds N documents (default 2,000) by cycling over the body texts of the corpus articles and runs
``list(claimkit.analyze_many(texts, n_process=k, batch_size=B))`` R times (default 3) for every k,
the values of k alternating within each round. Words are whitespace-separated tokens. Each call
starts its own pool, so the time includes starting k worker processes and loading the model in
each; "net of start-up" takes off the time the same pool needs to start and load the model in
every worker (measured right after, with one one-document batch per worker). Prints the median of
the rounds, the speedup over one process, and how many cores were busy on average (CPU time of the
process and its workers over wall time: below n_process when the machine is shared or the workers
wait). Values of k above ``os.cpu_count()`` are skipped with a note unless ``--force`` is given:
the 16-process point needs a machine with 16 cores.

Example:
    python bench/scaling.py --docs 600 --procs 1,2 --rounds 3
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import resource
import statistics
import time
from pathlib import Path

import claimkit
from claimkit.reader import Document, read_inputs

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts(n_docs: int) -> list[str]:
    """``n_docs`` texts cycling over the body texts of the corpus articles.

    Example:
        >>> len(corpus_texts(30))
        30
    """
    bodies = [d.text for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)]
    if not bodies:
        raise SystemExit(f"no documents in {ROOT / 'corpus'}")
    return list(itertools.islice(itertools.cycle(bodies), n_docs))


def machine() -> str:
    """One line about this machine: CPU count, processor, Python.

    Example:
        >>> "cores" in machine()
        True
    """
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()}, Python {platform.python_version()}"
    )


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed_run(texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds of ``list(analyze_many(texts, n_process=..., ...))``.

    CPU seconds count this process and the pool's workers; CPU / wall is how many cores were busy
    on average (less than n_process when the machine is shared or the workers wait).

    Example:
        >>> timed_run(["Ten died."] * 4, 1, 2)[0] > 0
        True
    """
    t0, c0 = time.perf_counter(), cpu_seconds()
    list(claimkit.analyze_many(texts, n_process=n_process, batch_size=batch_size))
    return time.perf_counter() - t0, cpu_seconds() - c0


def startup(n_process: int) -> float:
    """Seconds a call takes to start ``n_process`` workers and load the model in each.

    Times ``n_process`` one-document batches, one per worker; 0 for one process (the model is
    already loaded in this process).

    Example:
        >>> startup(1)
        0.0
    """
    if n_process == 1:
        return 0.0
    return timed_run(["Ten died."] * n_process, n_process, 1)[0]


def main() -> None:
    """Time every n_process value in alternating rounds and print the curve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents per run")
    parser.add_argument("--procs", default="1,2,4,8,16", help="n_process values, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each value (median)")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per batch")
    parser.add_argument("--force", action="store_true", help="also run values above the core count")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    procs = []
    for k in (int(p) for p in args.procs.split(",")):
        if k > cores and not args.force:
            print(f"note: skipping n_process={k}: this machine has {cores} cores (--force runs it)")
        else:
            procs.append(k)
    texts = corpus_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {machine()}")
    print(f"texts: {len(texts)} documents, {words:,} words; batch_size {args.batch_size}")
    list(claimkit.analyze_many(texts[:10]))  # load the model in this process

    totals: dict[int, list[float]] = {k: [] for k in procs}
    starts: dict[int, list[float]] = {k: [] for k in procs}
    busy: dict[int, list[float]] = {k: [] for k in procs}
    for r in range(1, args.rounds + 1):
        for k in procs:
            (total, cpu), start = timed_run(texts, k, args.batch_size), startup(k)
            totals[k].append(total)
            starts[k].append(start)
            busy[k].append(cpu / total)
            print(
                f"round {r}: n_process {k:2d}  {words / total:8,.0f} words/s  ({total:.1f} s;"
                f" start-up {start:.1f} s; cores busy {cpu / total:.2f})"
            )

    print(f"\nmedian of {args.rounds} rounds:")
    print(
        " n_process   words/s   speedup   start-up s   net of start-up words/s   speedup"
        "   cores busy"
    )
    base = base_net = 0.0
    for k in procs:
        total, start = statistics.median(totals[k]), statistics.median(starts[k])
        wps, net = words / total, words / max(total - start, 1e-9)
        if k == procs[0]:
            base, base_net = wps, net
        print(
            f" {k:9d}   {wps:7,.0f}   {wps / base:6.2f}x   {start:10.1f}"
            f"   {net:23,.0f}   {net / base_net:6.2f}x   {statistics.median(busy[k]):10.2f}"
        )
    if procs and procs[0] != 1:
        print(f"(speedup is relative to n_process={procs[0]})")


if __name__ == "__main__":
    main()
