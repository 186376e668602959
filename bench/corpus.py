"""Score claimkit against the corpus gold annotations (corpus/gold/*.jsonl).

Usage:
    python bench/corpus.py [--errors]

Prints precision, recall and F1 for figures (text and value, interval, category, subject and
claimant), persons, roles and events.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import claimkit
from claimkit.gold import load_gold, score_events, score_figures, score_persons, score_roles
from claimkit.reader import Document, read_inputs

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    args = parser.parse_args()
    docs = [d.as_item() for d in read_inputs([ROOT / "corpus"]) if isinstance(d, Document)]
    analyses = list(claimkit.analyze_many(docs))
    gold = load_gold(ROOT / "corpus" / "gold")
    print(f"corpus: {len(analyses)} documents")
    scores = {
        "figures (span)": score_figures(analyses, gold["figures"], fields=()),
        "figures (all fields)": score_figures(analyses, gold["figures"]),
        "persons": score_persons(analyses, gold["persons"]),
        "roles": score_roles(analyses, gold["persons"]),
        "events": score_events(analyses, gold["events"]),
    }
    for name, score in scores.items():
        print(score.line(name))
        if args.errors:
            for e in score.errors:
                print("    ", e)


if __name__ == "__main__":
    main()
