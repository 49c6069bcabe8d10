"""Benchmark: the reproduction driver one chapter at a time (`--jobs 1`) against two at a time (`--jobs 2`).

Both arms run the same chapters of a profile (default: the smoke profile's chapters between its two barriers) with
the command a user types, each into its own new output, executed-notebook and trained-model folders, so neither reads
a trained model back from the other or from an earlier run. The data and feature caches are shared: the two-at-a-time
arm runs first and pays for every poster feature and text embedding the caches lack, so on a cold cache its time is
an upper bound and the ratio a lower bound (`--warm` runs the chapters once beforehand, untimed, to take that out).
Prints each arm's wall time, each chapter's seconds and the ratio, and checks that both arms wrote the same numbers
(every `ours` in every chapter's metrics.json except times).
    python reproduce/benchmarks/parallel_chapters.py [--profile smoke] [--chapters pprm picnn ...] [--warm]
"""
import argparse, json, math, os, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def drive(profile, chapters, folder, jobs):
    "Wall seconds of `recrepro-reproduce` over `chapters` into `folder` with `jobs`; its run.json."
    args = [sys.executable, "-m", "recrepro.reproduce", "--profile", profile, "--chapters", *chapters, "--no-progress",
            "--out", str(folder / "figs"), "--runs", str(folder / "runs"), "--results", str(folder / "results"),
            "--jobs", str(jobs)]
    t0 = time.perf_counter()
    r = subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    secs = time.perf_counter() - t0
    if r.returncode:
        sys.exit(f"--jobs {jobs} failed:\n{r.stderr[-3000:]}")
    return secs, json.loads(next((folder / "figs").glob("*/run.json")).read_text())


def numbers(folder) -> dict:
    "{(chapter, table, metric, model): ours} from every metrics.json under `folder`, times left out."
    out = {}
    for f in sorted((folder / "figs").glob("*/*/metrics.json")):
        for m in json.loads(f.read_text()).get("metrics", []):
            name = str(m.get("metric", ""))
            if not any(w in name.lower() for w in ("second", "time", " s")):
                out[(f.parent.name, m.get("where"), name, m.get("model"))] = m.get("ours")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="smoke")
    ap.add_argument("--chapters", nargs="+", help="default: the profile's chapters that are not barriers")
    ap.add_argument("--warm", action="store_true", help="run the chapters once first, untimed, to fill the caches")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from recrepro.reproduce import load_profile

    prof = load_profile(a.profile)
    chapters = a.chapters or [c for c, s in prof["chapters"].items() if not s["barrier"]]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    print(f"profile {a.profile}, chapters {' '.join(chapters)}; {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory(prefix="recrepro-bench-") as d:
        d = Path(d)
        if a.warm:
            drive(a.profile, chapters, d / "warm", 2)
        arms = {}
        for jobs in (2, 1):
            arms[jobs] = drive(a.profile, chapters, d / f"jobs{jobs}", jobs) + (numbers(d / f"jobs{jobs}"),)
            print(f"--jobs {jobs}: {arms[jobs][0]:.0f} s", flush=True)
    print(f"\n{'chapter':<12}{'--jobs 1 s':>12}{'--jobs 2 s':>12}")
    for c in chapters:
        s = [arms[j][1]["chapters"].get(c, {}).get("seconds", math.nan) for j in (1, 2)]
        print(f"{c:<12}{s[0]:>12.1f}{s[1]:>12.1f}")
    (w1, _, n1), (w2, _, n2) = arms[1], arms[2]
    print(f"{'wall':<12}{w1:>12.1f}{w2:>12.1f}")
    print(f"\ntwo chapters at a time: {w1 / w2:.2f}x faster ({w1 - w2:.0f} s saved)"
          + ("" if a.warm else "; the two-at-a-time arm ran first on the caches as found: a lower bound"))
    same = n1 == n2 and len(n1) > 0
    print(f"same numbers in both arms: {'yes' if same else 'NO'} ({len(n1)} values compared)")
    if not same:
        for k in sorted(set(n1) | set(n2), key=str):
            if n1.get(k) != n2.get(k):
                print(f"  {k}: --jobs 1 {n1.get(k)}  --jobs 2 {n2.get(k)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
