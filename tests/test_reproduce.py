"The reproduction driver on real parameterised notebooks (tests/notebooks): outputs, resume, failure, scorecard."
import json, os
from pathlib import Path
from conftest import NBS, ROOT, run_cli

TABLE, FAILING = NBS/"table_chapter.ipynb", NBS/"failing_chapter.ipynb"

def _record(out, prof="t"): return json.loads((Path(out)/prof/"run.json").read_text())

def test_runs_writes_outputs_and_scorecard(tmp_path, make_profile):
    prof = make_profile({"table": (TABLE, {"n": 4})})
    out, runs = tmp_path/"figs", tmp_path/"runs"
    r = run_cli("--profile", prof, "--out", out, "--runs", runs, "--no-progress")
    assert r.returncode == 0, r.stderr
    logged = [l.split(" ", 2)[2] for l in r.stderr.splitlines() if " INFO " in l]   # timestamps aside
    assert len(logged) == len(set(logged)) and sum("Input Notebook" in l for l in logged) == 1, logged
    ch = out/"t"/"table"
    assert {p.name for p in ch.iterdir()} >= {"draws.csv", "draws.md", "draws.png", "metrics.json", "_stamp.json"}
    assert len((ch/"draws.csv").read_text().splitlines()) == 1 + 4          # n=4 from the profile reached the notebook
    assert (runs/"table_chapter.ipynb").is_file()                            # executed notebook kept
    rec = _record(out)
    assert rec["chapters"]["table"]["status"] == "ran" and rec["chapters"]["table"]["seconds"] > 0
    assert rec["seed"] == 7 and rec["chapters"]["table"]["parameters"]["seed"] == 7
    assert rec["versions"]["papermill"] and rec["device"]["cpu"]
    m = json.loads((ch/"metrics.json").read_text())
    sc = (out/"t"/"SCORECARD.md").read_text()
    assert "| chapter | table/figure | metric | paper's claim | ours | n | data | model/backbone | note |" in sc
    row = next(l for l in sc.splitlines() if l.startswith("| table |"))
    assert "mean of draws" in row and f"{m['metrics'][0]['ours']:.4g}" in row and "seeded normal draw" in row

def test_same_seed_same_numbers(tmp_path, make_profile):
    prof = make_profile({"table": (TABLE, {"n": 6})})
    outs = []
    for k in range(2):
        assert run_cli("--profile", prof, "--out", tmp_path/f"o{k}", "--runs", tmp_path/f"r{k}", "--no-progress").returncode == 0
        outs.append((tmp_path/f"o{k}"/"t"/"table"/"draws.csv").read_text())
    assert outs[0] == outs[1]

def test_resume_skips_then_force_and_change_rerun(tmp_path, make_profile):
    prof = make_profile({"table": (TABLE, {"n": 3})})
    args = ("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert run_cli(*args).returncode == 0
    executed = _record(tmp_path/"figs")["chapters"]["table"]["executed"]
    r = run_cli(*args)
    assert r.returncode == 0 and "up to date, skipped" in r.stderr
    rec = _record(tmp_path/"figs")["chapters"]["table"]
    assert rec["status"] == "skipped (up to date)" and rec["executed"] == executed  # the run that wrote the outputs
    # outputs another run wrote (e.g. in another checkout, whose run.json this one lacks): their time from the ledger
    (tmp_path/"figs"/"t"/"run.json").unlink()
    assert run_cli(*args).returncode == 0
    rec = _record(tmp_path/"figs")["chapters"]["table"]
    (attempt,) = json.loads((tmp_path/"runs"/"results"/"_attempts.json").read_text())["table"].values()
    assert rec["status"] == "skipped (up to date)" and rec["attempts"] == 1
    assert rec["seconds"] == rec["seconds_all_attempts"] == list(attempt.values())[0] > 0
    r = run_cli(*args, "--force")
    assert r.returncode == 0 and _record(tmp_path/"figs")["chapters"]["table"]["status"] == "ran"
    # a changed parameter makes the outputs stale
    prof2 = make_profile({"table": (TABLE, {"n": 5})})
    r = run_cli("--profile", prof2, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert r.returncode == 0 and "skipped" not in r.stderr
    # a deleted output makes them stale too
    (tmp_path/"figs"/"t"/"table"/"draws.png").unlink()
    r = run_cli("--profile", prof2, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert "skipped" not in r.stderr and (tmp_path/"figs"/"t"/"table"/"draws.png").is_file()

def test_a_stale_chapter_not_run_now_is_not_up_to_date(tmp_path, make_profile):
    "run.json: a chapter left out of this run whose outputs an earlier version wrote reads stale, not its last 'skipped (up to date)'."
    from recrepro.reproduce import STALE
    args = lambda prof, *more: ("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress", *more)
    assert run_cli(*args(make_profile({"a": (TABLE, {"n": 2}), "b": (TABLE, {"n": 3})}))).returncode == 0
    assert run_cli(*args(make_profile({"a": (TABLE, {"n": 2}), "b": (TABLE, {"n": 3})}))).returncode == 0
    assert _record(tmp_path/"figs")["chapters"]["a"]["status"] == "skipped (up to date)"
    r = run_cli(*args(make_profile({"a": (TABLE, {"n": 4}), "b": (TABLE, {"n": 3})}), "--chapters", "b"))   # a's parameter changed, b run
    rec = _record(tmp_path/"figs")
    assert r.returncode == 0 and rec["stale"] == ["a"], r.stderr
    assert rec["chapters"]["a"]["status"] == STALE and rec["chapters"]["b"]["status"] == "skipped (up to date)"
    assert "stale" in (tmp_path/"figs"/"t"/"SCORECARD.md").read_text().lower()

def test_failure_names_chapter_and_cell_and_others_still_run(tmp_path, make_profile):
    prof = make_profile({"failing": (FAILING, {}), "table": (TABLE, {"n": 2})})
    r = run_cli("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert r.returncode != 0
    assert "chapter 'failing' failed in cell 3 of failing_chapter.ipynb (In [4]: `raise ValueError" in r.stderr and "deliberate failure" in r.stderr
    rec = _record(tmp_path/"figs")
    assert rec["chapters"]["failing"]["status"] == "failed" and rec["chapters"]["table"]["status"] == "ran"
    assert (tmp_path/"figs"/"t"/"SCORECARD.md").is_file()

def test_fail_fast_stops_at_first_failure(tmp_path, make_profile):
    prof = make_profile({"failing": (FAILING, {}), "table": (TABLE, {"n": 2})})
    r = run_cli("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress", "--fail-fast")
    assert r.returncode != 0
    assert "table" not in _record(tmp_path/"figs")["chapters"]

def test_contract_violation_is_a_failure(tmp_path, make_profile):
    prof = make_profile({"table": (TABLE, {"n_items": 3})})                 # a misspelt parameter
    r = run_cli("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert r.returncode != 0 and "does not declare" in r.stderr and "n_items" in r.stderr

def test_unknown_chapter_and_profile(tmp_path, make_profile):
    prof = make_profile({"table": (TABLE, {})})
    r = run_cli("--profile", prof, "--chapters", "nope", "--out", tmp_path/"figs")
    assert r.returncode != 0 and "unknown chapter" in r.stderr
    r = run_cli("--profile", "no-such-profile", "--out", tmp_path/"figs")
    assert r.returncode == 2 and "no profile 'no-such-profile'" in r.stderr and "Traceback" not in r.stderr

def test_scorecard_appends_chapter_sections(tmp_path):
    "A chapter's scorecard_section.md (the audit's 'Does the claim hold?') is appended to SCORECARD.md after the table."
    from recrepro.reproduce import write_scorecard
    (tmp_path/"audit").mkdir(); (tmp_path/"audit"/"scorecard_section.md").write_text("## Does the claim hold?\n\n| paper | verdict |\n")
    (tmp_path/"x").mkdir(); (tmp_path/"x"/"metrics.json").write_text(json.dumps({"chapter": "x", "metrics": [{"metric": "m", "ours": 0.5}]}))
    sc = write_scorecard(tmp_path, "t").read_text()
    assert sc.index("| x |") < sc.index("## Does the claim hold?")
    assert not (tmp_path/"claims.png").exists() and "claims.png" not in sc      # no relative claim: no figure

def test_scorecard_marks_untrained_and_has_two_part_verdicts(tmp_path):
    "A not-trained row is marked in 'ours'; 'Does the claim hold?' has the absolute and the relative part from metrics.json."
    from recrepro.core import ChapterOutputs
    from recrepro.metrics import paired_claim
    from recrepro.reproduce import write_scorecard
    import numpy as np
    out = ChapterOutputs("x", tmp_path/"x", data="toy", model="M")
    out.metric("accuracy", 0.51, where="T", n=100, status="not trained")
    out.headline("M accuracy 0.97", "accuracy", paper=0.97, ours=0.6, n=100, ceiling_model="EASE^R", ceiling=0.7)
    y = np.r_[np.zeros(50), np.ones(50)]
    out.claim("M > B", paired_claim(y, [y + 0.1], [np.zeros(100)], a="M", b="B"))
    sc = write_scorecard(tmp_path, "t").read_text()
    assert "0.51 (**not trained**)" in sc
    assert sc.index("### Absolute numbers") < sc.index("### Relative claims")
    assert "not testable on this data" in sc and "1 seed: inconclusive by design" in sc
    assert "](claims.png)" in sc and (tmp_path/"claims.png").read_bytes()[:4] == b"\x89PNG"   # the claims with their CIs, drawn

def test_headline_keeps_its_seed_spread(tmp_path):
    "A headline given its per-seed values shows their sample std; one without says the spread was not recorded; a mismatch is refused."
    import pytest
    from recrepro.core import ChapterOutputs
    from recrepro.reproduce import write_scorecard
    out = ChapterOutputs("x", tmp_path/"x", data="toy", model="M")
    out.headline("M accuracy 0.97", "accuracy", paper=0.97, ours=0.6, n=100, ceiling_model="EASE^R", ceiling=0.7, seed_values=[0.6, 0.62, 0.64])
    out.headline("M recall 0.9", "recall", paper=0.9, ours=0.5, n=100, ceiling_model="EASE^R", ceiling=0.7)
    out.headline("M F1 0.9", "f1", paper=0.9, ours=0.4, n=100, ceiling_model="EASE^R", ceiling=0.7, seed_values=[0.4])
    sc = write_scorecard(tmp_path, "t").read_text()
    assert "0.6 (M; seed sd 0.02 over 3 seeds)" in sc and "0.5 (M; seed spread not recorded)" in sc and "0.4 (M; 1 seed: no spread)" in sc
    with pytest.raises(ValueError, match="the first equal to `ours`"):
        out.headline("M", "accuracy", paper=0.97, ours=0.6, n=100, ceiling_model="EASE^R", ceiling=0.7, seed_values=[0.61, 0.6])
    with pytest.raises(ValueError, match="finite"):
        out.headline("M", "accuracy", paper=0.97, ours=0.6, n=100, ceiling_model="EASE^R", ceiling=0.7, seed_values=[0.6, float("nan")])

def test_failing_rerun_keeps_previous_outputs_whole(tmp_path, make_profile):
    "A chapter writes into a partial folder swapped in only on success: a failing rerun leaves the last good outputs."
    good = make_profile({"table": (TABLE, {"n": 3})})
    args = ("--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress")
    assert run_cli("--profile", good, *args).returncode == 0
    ch = tmp_path/"figs"/"t"/"table"
    before = {p.name: p.read_bytes() for p in ch.iterdir()}
    bad = make_profile({"table": (FAILING, {})})                   # the same chapter now fails after writing a table
    assert run_cli("--profile", bad, *args).returncode == 1
    assert {p.name: p.read_bytes() for p in ch.iterdir()} == before
    assert not [p for p in (tmp_path/"figs"/"t").iterdir() if p.name.startswith(".")]   # no partial folder left
    mask = os.umask(0o022)
    os.umask(mask)
    assert (ch/"metrics.json").stat().st_mode & 0o777 == 0o666 & ~mask          # the user's umask, not mkstemp's 0600

AUDIT = NBS/"audit_chapter.ipynb"

def _ppid(proc_dir):
    try: return int((proc_dir/"stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError): return -1

def test_killed_chapter_resumes_with_identical_numbers(tmp_path, make_profile):
    "Kill a chapter (SIGKILL, as a machine restart would) after a few trained models; the rerun fits only the rest and matches an uninterrupted run."
    import signal, subprocess, sys, time
    prof = make_profile({"audit_toy": (AUDIT, {"trials": 3, "sleep": 0.5})})
    whole = run_cli("--profile", prof, "--out", tmp_path/"whole", "--runs", tmp_path/"whole-runs", "--no-progress")
    assert whole.returncode == 0, whole.stderr
    out, runs = tmp_path/"killed", tmp_path/"killed-runs"
    args = [sys.executable, "-m", "recrepro.reproduce", "--profile", str(prof), "--out", str(out), "--runs", str(runs), "--no-progress"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    store, t0 = runs/"results"/"audit", time.time()
    while len(list(store.glob("*.json"))) < 4 and time.time() - t0 < 300 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the chapter finished before it could be killed"
    def descendants(pid):                                                    # the kernel runs in its own session: find it by parentage
        kids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == pid]
        return kids + [d for k in kids for d in descendants(k)]
    for pid in [proc.pid] + descendants(proc.pid):                          # everything at once, as a machine restart would
        try: os.kill(pid, signal.SIGKILL)
        except ProcessLookupError: pass
    proc.wait()
    kept, total = len(list(store.glob("*.json"))), len(list((tmp_path/"whole-runs"/"results"/"audit").glob("*.json")))
    assert 4 <= kept < total                                                 # some, not all, of the fits were stored
    assert not (out/"t"/"audit_toy"/"metrics.csv").exists()                 # nothing half-written in place
    again = run_cli("--profile", prof, "--out", out, "--runs", runs, "--no-progress")
    assert again.returncode == 0, again.stderr
    import pandas as pd
    for f in ("metrics.csv", "tuning.csv"):                                  # every number but the wall times
        a, b = (pd.read_csv(d/"t"/"audit_toy"/f).drop(columns=["fit s", "score s"], errors="ignore") for d in (out, tmp_path/"whole"))
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    used = json.loads((out/"t"/"audit_toy"/"metrics.json").read_text())["used"]["cache"]
    assert f"'misses': {total - kept}" in used                                  # only the fits the killed run had not finished
    rec = _record(out)["chapters"]["audit_toy"]
    assert rec["attempts"] == 2 and rec["seconds_all_attempts"] >= rec["seconds"] - 0.1     # the ledger keeps 0.1 s; the killed attempt counts >= 0
    # per-model times: each stored result once, trained in this attempt or read back with the seconds its training took
    assert (rec["models_trained_here"], rec["models_read_back"], len(rec["models"])) == (total - kept, kept, total)
    assert rec["clean_run_seconds"] == round(rec["seconds"] + rec["model_seconds_read_back"], 1) > rec["seconds"]
    first = _record(tmp_path/"whole")
    assert first["chapters"]["audit_toy"]["models_trained_here"] == total and first["clean_run_seconds"] > 0
    assert first["clean_run_not_measured"] == []                            # the profile's one chapter has its times

def test_jobs_run_chapters_side_by_side_between_barriers(tmp_path, make_profile):
    "--jobs 2: the chapters between two barrier chapters run at the same time, a barrier chapter alone; the wall time counts the overlap once."
    import shutil
    from recrepro.reproduce import attempt_intervals
    for k in "abcd":
        shutil.copy(TABLE, tmp_path/f"table_{k}.ipynb")                      # one notebook per chapter, as in a real profile
    prof = make_profile({k: (tmp_path/f"table_{k}.ipynb", {"n": 3}, k in "ad") for k in "abcd"})
    r = run_cli("--profile", prof, "--out", tmp_path/"par", "--runs", tmp_path/"par-runs", "--no-progress", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    rec = _record(tmp_path/"par")
    assert rec["jobs"] == 2 and {v["status"] for v in rec["chapters"].values()} == {"ran"}
    span = {ch: attempt_intervals(tmp_path/"par-runs"/"results"/"_attempts.json", [ch])[0] for ch in "abcd"}
    tol = 1.0                                                                # the ledger keeps start times to the second
    assert span["a"][1] <= min(span["b"][0], span["c"][0]) + tol             # the barriers ran alone
    assert max(span["b"][1], span["c"][1]) <= span["d"][0] + tol
    assert span["b"][0] < span["c"][1] - tol and span["c"][0] < span["b"][1] - tol   # b and c side by side
    assert rec["total_seconds_all_attempts"] < sum(v["seconds_all_attempts"] for v in rec["chapters"].values())
    one = run_cli("--profile", prof, "--chapters", "b", "--out", tmp_path/"one", "--runs", tmp_path/"one-runs", "--no-progress")
    assert one.returncode == 0, one.stderr
    draws = lambda d, ch: (d/"t"/ch/"draws.csv").read_text()
    assert draws(tmp_path/"par", "b") == draws(tmp_path/"one", "b") == draws(tmp_path/"par", "c")

def test_jobs_must_be_positive(tmp_path, make_profile):
    r = run_cli("--profile", make_profile({"table": (TABLE, {})}), "--jobs", "0", "--out", tmp_path/"figs")
    assert r.returncode == 2 and "--jobs must be at least 1" in r.stderr

def _hanging_chapter(tmp_path):
    "table_chapter with a cell that hangs at 0 % CPU (as a deadlocked tf.data iterator did) the first `hangs` times it runs."
    import nbformat
    nb = nbformat.read(str(TABLE), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += '\nhang = ""\nhangs = 1'
    nb.cells.insert(nb.cells.index(params) + 1, nbformat.v4.new_code_cell(
        "import time\nfrom pathlib import Path\n"
        "if hang and len(list(Path(hang).parent.glob(Path(hang).name + '*'))) < hangs:\n"
        "    Path(f'{hang}{time.time_ns()}').touch(); time.sleep(600)"))
    path = tmp_path/"hanging_chapter.ipynb"; nbformat.write(nb, str(path)); return path

def test_a_stalled_chapter_is_stopped_and_rerun_once(tmp_path, make_profile):
    "A chapter whose kernel hangs is stopped after RECREPRO_STALL_MINUTES and rerun once; a second hang fails, saying so."
    nb, env = _hanging_chapter(tmp_path), dict(os.environ, RECREPRO_STALL_MINUTES="0.1")
    for hangs, ok in ((1, True), (2, False)):
        mark = tmp_path/f"hung{hangs}-"
        prof = make_profile({"hang": (nb, {"hang": str(mark), "hangs": hangs})}, name=f"t{hangs}")
        r = run_cli("--profile", prof, "--out", tmp_path/"out", "--runs", tmp_path/f"runs{hangs}", "--no-progress", env=env)
        assert (r.returncode == 0) == ok, r.stderr
        assert len(list(tmp_path.glob(mark.name + "*"))) == hangs                  # it hung that often, and was stopped each time
        assert "stalled" in r.stderr
        assert ("stalled twice" in r.stderr) == (not ok)
        rec = _record(tmp_path/"out", f"t{hangs}")["chapters"]["hang"]
        assert rec["status"] == ("ran" if ok else "failed")

def test_a_stale_chapter_brought_up_to_date_elsewhere_is_not_stale(tmp_path, make_profile):
    "run.json: a chapter marked stale, whose outputs another run (e.g. a worktree) has since brought up to date, reads up to date when left out."
    from recrepro.reproduce import STALE
    args = lambda prof, *more: ("--profile", prof, "--out", tmp_path/"figs", "--runs", tmp_path/"runs", "--no-progress", *more)
    both = lambda n: make_profile({"a": (TABLE, {"n": n}), "b": (TABLE, {"n": 3})})
    assert run_cli(*args(both(2))).returncode == 0
    assert run_cli(*args(both(4), "--chapters", "b")).returncode == 0                  # a's parameter changed: a is stale
    assert _record(tmp_path/"figs")["chapters"]["a"]["status"] == STALE
    assert run_cli(*args(both(2), "--chapters", "b")).returncode == 0                  # a's outputs match again; a not run
    rec = _record(tmp_path/"figs")
    assert rec["stale"] == [] and rec["chapters"]["a"]["status"] == "skipped (up to date)"
