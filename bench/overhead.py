"""How much time claimkit's extraction adds to the spaCy pipeline it runs on.

Usage:
    python bench/overhead.py [--docs N] [--rounds R]

Runs the same texts through the loaded pipeline with and without claimkit's four components,
alternating R rounds in one process, and prints the median share of time the components add.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import claimkit
from claimkit.pipeline import CLAIMKIT_PIPES, _make_doc
from claimkit.reader import Document, read_inputs

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts(n: int) -> list[str]:
    """``n`` article texts built from the corpus (cycled)."""
    bodies = [d.text for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)]
    return [bodies[i % len(bodies)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=140)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    nlp = claimkit.load()
    texts = corpus_texts(args.docs)
    words = sum(len(t.split()) for t in texts)

    def run(with_claimkit: bool) -> float:
        docs = [_make_doc(nlp, t, {"doc_id": str(i)}) for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        if with_claimkit:
            list(nlp.pipe(docs, batch_size=64))
        else:
            with nlp.select_pipes(disable=list(CLAIMKIT_PIPES)):
                list(nlp.pipe(docs, batch_size=64))
        return time.perf_counter() - t0

    run(True)
    run(False)
    ratios = []
    for r in range(args.rounds):
        base = run(False)
        full = run(True)
        ratios.append(full / base - 1)
        print(
            f"round {r + 1}: spaCy {words / base:,.0f} words/s, with claimkit {words / full:,.0f} words/s, added {100 * (full / base - 1):.1f}%"
        )
    print(
        f"median time added by claimkit's components: {100 * statistics.median(ratios):.1f}% ({args.docs} documents, {words:,} words)"
    )


if __name__ == "__main__":
    main()
