import os, sys, subprocess, textwrap
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/"tests"/"notebooks"

@pytest.fixture
def make_profile(tmp_path):
    "Write a profile YAML in tmp_path naming the given chapters {name: (notebook, params[, barrier])}."
    def _make(chapters, name="t", seed=7):
        lines = [f"profile: {name}", f"seed: {seed}", "chapters:"]
        for ch, (nb, params, *barrier) in chapters.items():
            lines += [f"  {ch}:", f"    notebook: {nb}", f"    parameters: {params or {}}"] + ["    barrier: true"] * any(barrier)
        p = tmp_path/f"{name}.yaml"; p.write_text("\n".join(lines) + "\n"); return p
    return _make

def run_cli(*args, cwd=ROOT, env=None):
    "Run the console script in a subprocess (with `env`, default this one's); returns CompletedProcess."
    return subprocess.run([sys.executable, "-m", "recrepro.reproduce", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600, env=env)
