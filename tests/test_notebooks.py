"""The notebooks in notebooks/ are stored without outputs and run top to bottom without an error.

Each notebook runs in a fresh ``python3`` kernel of this interpreter (the project's virtual
environment), with the repository root as its working directory, so ``corpus/`` and
``notebooks/data/`` are found. nbclient, nbformat and ipykernel come with the ``dev`` extra; a
notebook that needs an optional extra (Dask) is skipped, with the reason, when it is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

ROOT = Path(__file__).parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds per cell
# Modules a notebook needs beyond claimkit's own dependencies: skipped with a reason when missing.
NEEDS = {"03-batch-and-scale.ipynb": ["dask.dataframe", "distributed"]}
# What a notebook must show as HTML: the highlighted Analysis, and the comparison DataFrame.
HTML_SHOWN = {
    "01-quickstart.ipynb": '<div class="ck">',
    "02-compare-sources.ipynb": 'class="dataframe"',
    "04-your-own-articles.ipynb": '<div class="ck">',
}
# Private names of claimkit (dunders such as ``__version__`` are public): ``claimkit._x``,
# ``claimkit.mod._x`` or ``from claimkit... import _x``.
PRIVATE = re.compile(
    r"\bclaimkit(?:\.\w+)*\._(?!_)\w|from\s+claimkit\S*\s+import\s+(?:.*,\s*)?_(?!_)\w"
)


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-quickstart.ipynb",
        "02-compare-sources.ipynb",
        "03-batch-and-scale.ipynb",
        "04-your-own-articles.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_public_api_only(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            found = PRIVATE.search(cell.source)
            assert found is None, f"cell {i} uses a private name: {found.group(0)!r}"


@pytest.fixture
def python3_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ``python3`` kernel spec running this interpreter, found before any other one."""
    assert importlib.util.find_spec("ipykernel"), (
        "install the dev extra: the notebooks need ipykernel"
    )
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (claimkit)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), "utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_runs_top_to_bottom(path: Path, python3_kernel: str) -> None:
    for module in NEEDS.get(path.name, []):
        pytest.importorskip(module, reason=f"{path.name} needs {module}")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=python3_kernel,
        resources={"metadata": {"path": str(ROOT)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{path.name}: a cell failed:\n{exc}", pytrace=False)
    errors: list[Any] = [
        (i, out)
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert errors == []
    if path.name in HTML_SHOWN:
        html = [
            str(out.get("data", {}).get("text/html", ""))
            for cell in nb.cells
            if cell.cell_type == "code"
            for out in cell.outputs
        ]
        assert any(HTML_SHOWN[path.name] in h for h in html), "no rich HTML output"
