"""spaCy integration: components write doc.spans, factories reload from a saved pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy

import claimkit
from claimkit.extract import extract_entities, extract_figures


def test_components_write_span_groups(nlp: Any) -> None:
    doc = nlp("At least 304 people were killed in Iran, Amnesty International said.")
    assert [s.text for s in doc.spans["claimkit_figures"]] == ["At least 304"]
    assert doc.spans["claimkit_figures"][0].label_ == "killed"
    assert "Amnesty International" in {s.text for s in doc.spans["claimkit_entities"]}
    assert doc._.claimkit_figures[0].value == 304.0


def test_extractors_work_without_the_components() -> None:
    base = spacy.load(
        claimkit.load().meta["name"].replace("core_web_sm", "en_core_web_sm"),
        exclude=["lemmatizer"],
    )
    doc = base("Governor Ricardo Rosselló said 64 people died.")
    ents = extract_entities(doc, "d")
    assert any(e.canonical == "Ricardo Rosselló" and e.label == "PERSON" for e in ents)
    figs = extract_figures(doc, "d", entities=ents)
    assert [(f.value, f.category, f.attribution) for f in figs] == [
        (64.0, "killed", "Ricardo Rosselló")
    ]


def test_saved_pipeline_reloads_through_entry_points(nlp: Any, tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    nlp.to_disk(path)
    again = spacy.load(path)
    assert again.pipe_names == nlp.pipe_names
    doc = again("Over 30,000 prisoners were executed.")
    assert [f.category for f in doc._.claimkit_figures] == ["executed"]
