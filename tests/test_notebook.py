"""notebooks/explore.ipynb runs from top to bottom (with nbclient) and does what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install 'citegraph[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install 'citegraph[test]')")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install 'citegraph[test]')")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_explore_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEGRAPH_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")  # stored clean
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    text = "\n".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "documents" in text and "linked" in text
    assert "miao" in text.lower()  # Curran 2007 is cited by the Miao paper
    assert "TikTok" in text
    html_outputs = [o for cell in nb.cells for o in cell.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html_outputs and "srcdoc=" in html_outputs[0]["data"]["text/html"]
    page = (tmp_path / "tiktok.html").read_text(encoding="utf-8")
    assert "citegraph-data" in page and "TikTok" in page
    bib = (tmp_path / "references.bib").read_text(encoding="utf-8")
    assert bib.count("@") >= 10 and "curran" in bib.lower()
