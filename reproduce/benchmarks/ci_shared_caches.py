"""Benchmark: the test command's shared feature caches, warmed once vs. filled by the notebooks that need them.

In `bash tests/run` the PAMR chapter and the audit start together (longest first, two at a time) and both need the
ML-100k posters through the three EfficientNet-Lite stand-ins; on an empty cache each computes all of them. Warmed
once before the notebooks (tests/warm_caches.py, one process per core), both read them back. This times the two
cases in fresh processes on a fresh cache root, in one run:
  racing  two processes, started together, each extracting every poster through the three backbones
  warmed  the warm-up (two processes, one per group of backbones), then the same two processes (now reading the cache)
    python reproduce/benchmarks/ci_shared_caches.py
"""
import os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARM = os.path.join(ROOT, "tests", "warm_caches.py")  # the test command's warm-up


def timed(*commands):
    "Wall seconds of running each group of commands as processes started together, one group after the other."
    t0 = time.perf_counter()
    for group in commands:
        procs = [subprocess.Popen([sys.executable, WARM, *c], stdout=subprocess.DEVNULL) for c in group]
        if any([p.wait() for p in procs]):
            raise RuntimeError("a worker failed")
    return time.perf_counter() - t0


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    every = ["--posters", "alexnet", "googlenet", "resnet50"]  # what each notebook computes on an empty cache
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        racing = timed([["--root", a, *every]] * 2)
        warmed = timed([["--root", b, "--no-assets"]], [["--root", b, *every]] * 2)
    print(f"{'case':<10}{'wall s':>8}  (ML-100k posters x 3 backbones, two notebooks' worth, fresh cache)")
    print(f"{'racing':<10}{racing:>8.1f}")
    print(f"{'warmed':<10}{warmed:>8.1f}")
    print(f"speed-up of warming once: {racing / warmed:.2f}x, {racing - warmed:.0f} s saved")


if __name__ == "__main__":
    main()
