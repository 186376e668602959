"""Throughput of claimkit against the bare spaCy pipeline it is built on, on the corpus articles.

Usage:
    python bench/throughput.py [--docs N] [--rounds R]

Builds N documents (default 200) by cycling over the body texts of the corpus articles, loads the
bare spaCy pipeline claimkit uses (``spacy.load`` of the same model, every component enabled) and
claimkit's pipeline, warms each up on 10 texts, then alternates R rounds (default 5) of
``list(nlp.pipe(texts, batch_size=64))`` and ``list(claimkit.analyze_many(texts, batch_size=64))``
in one process. Words are whitespace-separated tokens. Prints words/s of each round and the median
ratio claimkit/bare.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy

import claimkit
from claimkit.reader import Document, read_inputs

ROOT = Path(__file__).resolve().parent.parent
BATCH = 64
WARMUP = 10


def corpus_texts(n_docs: int) -> list[str]:
    """``n_docs`` texts cycling over the body texts of the corpus articles."""
    bodies = [d.text for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)]
    if not bodies:
        raise SystemExit(f"no documents in {ROOT / 'corpus'}")
    return list(itertools.islice(itertools.cycle(bodies), n_docs))


def model_name() -> str:
    """The name of the spaCy pipeline :func:`claimkit.load` loads (``en_core_web_sm``, ...)."""
    meta = claimkit.load().meta
    return f"{meta['lang']}_{meta['name']}"


def timed(run: Callable[[], object]) -> float:
    """Seconds one call of ``run`` takes."""
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def main() -> None:
    """Time the bare pipeline and claimkit in alternating rounds and print words/s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each pipeline")
    args = parser.parse_args()

    texts = corpus_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    name = model_name()
    bare = spacy.load(name)
    print(f"model: {name}; bare pipes: {', '.join(bare.pipe_names)}")
    print(f"claimkit pipes: {', '.join(claimkit.load().pipe_names)}")
    print(f"texts: {len(texts)} documents, {words} words; batch_size {BATCH}")

    list(bare.pipe(texts[:WARMUP], batch_size=BATCH))
    list(claimkit.analyze_many(texts[:WARMUP], batch_size=BATCH))

    ratios = []
    for r in range(1, args.rounds + 1):
        t_bare = timed(lambda: list(bare.pipe(texts, batch_size=BATCH)))
        t_ck = timed(lambda: list(claimkit.analyze_many(texts, batch_size=BATCH)))
        bare_wps, ck_wps = words / t_bare, words / t_ck
        ratios.append(ck_wps / bare_wps)
        print(
            f"round {r}: bare spaCy {bare_wps:8.0f} words/s   claimkit {ck_wps:8.0f} words/s   "
            f"ratio {ck_wps / bare_wps:.3f}"
        )
    print(f"median ratio claimkit/bare: {statistics.median(ratios):.3f} ({args.rounds} rounds)")


if __name__ == "__main__":
    main()
