"""Benchmark: do the trained numbers depend on the CPU's instruction set, and does a setting remove that dependence?

Numbers that move across CPUs (an AMD EPYC vs an Intel Xeon with AVX-512) come from kernels that pick their instruction
path at run time from the CPU: oneDNN's (TensorFlow's x86 kernels for dense, convolution and recurrent ops) and XLA's
CPU code generation (`jit_compile`). Both can be capped at an older instruction set on the same machine:
`ONEDNN_MAX_CPU_ISA=AVX2` and `XLA_FLAGS=--xla_cpu_max_isa=AVX2`. A run on an AVX-512 CPU capped at AVX2 therefore takes
the kernel paths an AVX2-only CPU takes, which lets one machine measure the cross-CPU question. The chapters train with
op determinism on, and under it Keras compiles without XLA (it warns "Model doesn't support `jit_compile=True`"), so
only oneDNN's path matters to their numbers; PAMR's full profile asks for `xla: true` and does not get it
(reproduce/profiles/full.yaml, `xla`).

This script trains the same small seeded models (a PPRM MLP, a PAMR Bi-GRU + AUG-GRU; op determinism on, as the chapters
train) in fresh processes under four settings: oneDNN on / off x native / AVX2-capped instruction set, `--reps` times
each, interleaved. It prints, per setting, whether it is identical to itself run to run and its time; then, per model,
the largest prediction difference between the native and the capped instruction set with oneDNN on and with it off, and
between oneDNN on and off; and the time ratio off / on.
    python reproduce/benchmarks/onednn_determinism.py [--reps 2]
"""
import argparse, hashlib, json, os, subprocess, sys, time

CHILD = r"""
import json, time, numpy as np, keras, tensorflow as tf
keras.utils.set_random_seed(0); tf.config.experimental.enable_op_determinism()
from recrepro.pprm import train_pprm
from recrepro.pamr import build_pamr
rng = np.random.default_rng(0)
X = rng.normal(size=(6000, 768)).astype("float32"); y = (X[:, :8].sum(1) > 0).astype("float32")
t0 = time.perf_counter()
m, _ = train_pprm(X[:5000], y[:5000], X[5000:], y[5000:], "bce", (256, 64), 5, 64, 1e-3, 0)
out = dict(pprm=m.predict(X[5000:], verbose=0).ravel().tolist())
n_items, L = 300, 10
img, txt, usr = rng.normal(size=(n_items + 1, 32)).astype("float32"), rng.normal(size=(n_items + 1, 16)).astype("float32"), rng.normal(size=(50, 8)).astype("float32")
H = rng.integers(0, n_items + 1, (3000, L)).astype("int32")
x = dict(hist=H, hist_r=(H > 0) * rng.integers(1, 6, H.shape) / 5.0, cand=rng.integers(1, n_items + 1, (3000, 1)).astype("int32"), user=rng.integers(0, 50, (3000, 1)).astype("int32"))
yy = rng.integers(0, 2, 3000).astype("float32")
keras.utils.set_random_seed(0)
pm = build_pamr(img, txt, usr, L, "bigru", 1, 32, query_dim=16, seed=0)
pm.fit(x, yy, batch_size=128, epochs=2, verbose=0, shuffle=True)
out["pamr"] = pm.predict(x, verbose=0).ravel().tolist()
out["seconds"] = time.perf_counter() - t0
print(json.dumps(out))
"""
MODELS = ("pprm", "pamr")
SETTINGS = {  # name: environment
    "oneDNN on,  native ISA": dict(TF_ENABLE_ONEDNN_OPTS="1"),
    "oneDNN on,  AVX2 cap  ": dict(TF_ENABLE_ONEDNN_OPTS="1", ONEDNN_MAX_CPU_ISA="AVX2", XLA_FLAGS="--xla_cpu_max_isa=AVX2"),
    "oneDNN off, native ISA": dict(TF_ENABLE_ONEDNN_OPTS="0"),
    "oneDNN off, AVX2 cap  ": dict(TF_ENABLE_ONEDNN_OPTS="0", ONEDNN_MAX_CPU_ISA="AVX2", XLA_FLAGS="--xla_cpu_max_isa=AVX2"),
}


def run(env: dict) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", **env)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--reps", type=int, default=2); args = ap.parse_args()
    import numpy as np
    from tqdm.auto import tqdm
    res = {s: [] for s in SETTINGS}
    with tqdm(total=args.reps * len(SETTINGS), desc="fresh processes") as bar:
        for _ in range(args.reps):
            for s, env in SETTINGS.items():                        # interleaved, so load drifts hit every setting
                res[s].append(run(env)); bar.update()
    digest = lambda r: hashlib.sha256(json.dumps([r[k] for k in MODELS]).encode()).hexdigest()[:16]
    med = {s: float(np.median([r["seconds"] for r in rs])) for s, rs in res.items()}
    for s, rs in res.items():
        print(f"{s}: median {med[s]:.1f} s over {len(rs)} runs; identical run to run: {len({digest(r) for r in rs}) == 1}; "
              f"digest {digest(rs[0])}")
    diff = lambda a, b, k: float(np.abs(np.array(res[a][0][k]) - np.array(res[b][0][k])).max())
    names = list(SETTINGS)
    print("largest |difference| in the predictions (0 = bit-identical):")
    print(f"{'model':10s} {'native vs AVX2, oneDNN on':>27s} {'native vs AVX2, oneDNN off':>27s} {'oneDNN on vs off':>17s}")
    for k in MODELS:
        print(f"{k:10s} {diff(names[0], names[1], k):27.3g} {diff(names[2], names[3], k):27.3g} {diff(names[0], names[2], k):17.3g}")
    print(f"time with oneDNN off / on (native ISA): {med[names[2]] / med[names[0]]:.2f}x")


if __name__ == "__main__":
    main()
