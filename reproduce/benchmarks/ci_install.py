"""Benchmark: installing recrepro and its stack into a fresh environment with pip vs. with uv, both from cold caches.

The first step of `bash .ci/run` (and of the README's commands on a fresh machine) creates `.venv/` and installs
`-e ".[dev]"` into it through `recrepro_install` in `.ci/env`. This runs that same code path twice, in one run, each
into a new virtual environment with empty download caches, and checks that both resolve the same releases:
  pip  RECREPRO_INSTALLER=pip (pip upgraded, then `pip install -e ".[dev]"`)
  uv   the default (uv installed into the new environment by pip, then `uv pip install -e ".[dev]"`)
    python reproduce/benchmarks/ci_install.py
"""
import os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = {"pip", "setuptools", "wheel", "uv", "recrepro"}  # the installers themselves and the editable checkout


def install(installer: str, where: str) -> tuple:
    "(wall seconds, {distribution: version}) of `.ci/env` creating and filling a new environment with `installer`."
    venv = os.path.join(where, "venv")
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(RECREPRO_VENV=venv, RECREPRO_INSTALLER=installer, PIP_CACHE_DIR=os.path.join(where, "pip-cache"),
               UV_CACHE_DIR=os.path.join(where, "uv-cache"))
    t0 = time.perf_counter()
    done = subprocess.run(["bash", "-c", f'source "{ROOT}/.ci/env"'], env=env, capture_output=True, text=True)
    if done.returncode:
        tail = (done.stdout + done.stderr)[-3000:]
        raise RuntimeError(f"{installer}: .ci/env failed (exit {done.returncode}):\n{tail}")
    seconds = time.perf_counter() - t0
    listed = subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "list", "--format=freeze"],
                            capture_output=True, text=True, check=True).stdout.split()
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
    return seconds, {norm(n): v for n, v in (x.split("==", 1) for x in listed if "==" in x) if norm(n) not in TOOLS}


def main():
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        pip_s, pip_v = install("pip", a)
        uv_s, uv_v = install("uv", b)
    differ = sorted(n for n in pip_v.keys() | uv_v.keys() if pip_v.get(n) != uv_v.get(n))
    print(f"{'installer':<10}{'wall s':>8}  (fresh environment, empty caches: -e '.[dev]' from the package registry)")
    print(f"{'pip':<10}{pip_s:>8.1f}")
    print(f"{'uv':<10}{uv_s:>8.1f}")
    print(f"speed-up of uv: {pip_s / uv_s:.2f}x, {pip_s - uv_s:.0f} s saved")
    print(f"same releases: {len(pip_v)} distributions" if not differ else
          f"releases differ for {len(differ)}: " + ", ".join(f"{n} {pip_v.get(n)} vs {uv_v.get(n)}" for n in differ))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
