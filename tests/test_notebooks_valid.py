"Every notebook is valid nbformat (a cell type papermill, nbdev and a docs renderer all accept)."
from pathlib import Path

import nbformat
import pytest

NBS = sorted((Path(__file__).parents[1] / "nbs").glob("*.ipynb")) + sorted((Path(__file__).parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NBS, ids=lambda p: p.name)
def test_notebook_is_valid_nbformat(path):
    nbformat.validate(nbformat.read(str(path), as_version=4))
