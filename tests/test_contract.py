"Every chapter of every shipped profile keeps the chapter contract; nbdev_clean keeps papermill's tag."
import json, shutil, subprocess, sys
from pathlib import Path
import nbformat, pytest
from conftest import ROOT, NBS
from recrepro.core import check_chapter, parameters_cells
from recrepro.reproduce import load_profile

PROFILES = sorted(p.stem for p in (ROOT/"reproduce"/"profiles").glob("*.yaml"))

def test_shipped_profiles():
    assert {"smoke", "full"} <= set(PROFILES)

@pytest.mark.parametrize("profile", PROFILES)
def test_profile_chapters_keep_the_contract(profile):
    prof = load_profile(profile, ROOT)
    smoke = load_profile("smoke", ROOT)
    assert set(prof["chapters"]) <= set(smoke["chapters"]), "every chapter must have a smoke section"
    for ch, sec in prof["chapters"].items():
        assert sec["notebook"].is_relative_to(ROOT/"nbs"), f"{ch}: chapters live in nbs/"
        check_chapter(sec["notebook"], sec["parameters"], smoke=(profile == "smoke"))

def test_nbdev_clean_keeps_parameters_tag(tmp_path):
    "Clean a copy of a chapter-like notebook with this repo's settings: the tag survives, execution noise goes."
    nb = nbformat.read(str(NBS/"table_chapter.ipynb"), as_version=4)
    c = nb.cells[parameters_cells(NBS/"table_chapter.ipynb")[0]]
    c.metadata["tags"] = ["parameters"]; c.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    c.execution_count = 3
    nb.metadata["papermill"] = {"duration": 1.0}
    dst = ROOT/"nbs"/"_tmp_clean_test.ipynb"      # inside nbs/ so nbdev_clean reads this repo's settings.ini
    try:
        nbformat.write(nb, str(dst))
        r = subprocess.run([shutil.which("nbdev_clean") or "nbdev_clean", "--fname", str(dst)], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        cleaned = json.loads(dst.read_text())
        cell = [x for x in cleaned["cells"] if x["cell_type"] == "code"][0]
        assert cell["metadata"].get("tags") == ["parameters"]
        assert "execution" not in cell["metadata"] and cell["execution_count"] is None
        assert "papermill" not in cleaned["metadata"]
        assert parameters_cells(dst) == [parameters_cells(NBS/"table_chapter.ipynb")[0]]
    finally:
        dst.unlink(missing_ok=True)

def test_all_notebooks_clean_and_with_kernelspec():
    for p in (q for q in (ROOT/"nbs").glob("*.ipynb") if not q.name.startswith("_")):   # "_": a test's temporary notebook
        nb = json.loads(p.read_text())
        assert nb["metadata"].get("kernelspec", {}).get("name") == "python3", p
        for c in nb["cells"]:
            if c["cell_type"] == "code": assert c["execution_count"] is None and not c["outputs"], f"{p}: outputs committed"
