"""Benchmark: does turning oneDNN off (TF_ENABLE_ONEDNN_OPTS=0) or on change the trained numbers, and what does it cost?

Numbers that move across CPUs (an AMD EPYC vs an Intel Xeon with AVX-512) come from kernels that pick different
instruction paths per CPU; oneDNN is TensorFlow's main source of such paths on x86. This script trains the same small
seeded models (a PPRM MLP and a PAMR Bi-GRU + AUG-GRU, op determinism on) in fresh processes with oneDNN on and off,
`--reps` times each, and prints: whether each setting is identical to itself run to run, the largest difference
between the two settings, and the time ratio. It can only say what happens on the CPU it runs on: the cross-CPU
question needs the same script on the other machine (compare the printed digests).
    python reproduce/benchmarks/onednn_determinism.py [--reps 2]
"""
import argparse, hashlib, json, os, subprocess, sys, time

CHILD = r"""
import json, time, hashlib, numpy as np, keras, tensorflow as tf
keras.utils.set_random_seed(0); tf.config.experimental.enable_op_determinism()
from recrepro.pprm import train_pprm
from recrepro.pamr import build_pamr
rng = np.random.default_rng(0)
X = rng.normal(size=(6000, 768)).astype("float32"); y = (X[:, :8].sum(1) > 0).astype("float32")
t0 = time.perf_counter()
m, _ = train_pprm(X[:5000], y[:5000], X[5000:], y[5000:], "bce", (256, 64), 5, 64, 1e-3, 0)
p1 = m.predict(X[5000:], verbose=0).ravel()
n_items, L = 300, 10
img, txt, usr = rng.normal(size=(n_items + 1, 32)).astype("float32"), rng.normal(size=(n_items + 1, 16)).astype("float32"), rng.normal(size=(50, 8)).astype("float32")
H = rng.integers(0, n_items + 1, (3000, L)).astype("int32")
x = dict(hist=H, hist_r=(H > 0) * rng.integers(1, 6, H.shape) / 5.0, cand=rng.integers(1, n_items + 1, (3000, 1)).astype("int32"), user=rng.integers(0, 50, (3000, 1)).astype("int32"))
yy = rng.integers(0, 2, 3000).astype("float32")
pm = build_pamr(img, txt, usr, L, "bigru", 1, 32, query_dim=16, seed=0)
pm.fit(x, yy, batch_size=128, epochs=2, verbose=0, shuffle=True)
p2 = pm.predict(x, verbose=0).ravel()
print(json.dumps(dict(seconds=time.perf_counter() - t0, pprm=p1.tolist(), pamr=p2.tolist())))
"""


def run(onednn: str) -> dict:
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS=onednn, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--reps", type=int, default=2); args = ap.parse_args()
    import numpy as np
    res = {s: [] for s in ("1", "0")}
    for _ in range(args.reps):
        for s in res:                                              # interleaved
            res[s].append(run(s))
    digest = lambda r: hashlib.sha256(json.dumps([r["pprm"], r["pamr"]]).encode()).hexdigest()[:16]
    for s, rs in res.items():
        same = len({digest(r) for r in rs}) == 1
        print(f"oneDNN {'on ' if s == '1' else 'off'}: median {np.median([r['seconds'] for r in rs]):.1f} s over {len(rs)} runs; "
              f"identical run to run: {same}; digest {digest(rs[0])}")
    for k in ("pprm", "pamr"):
        d = np.abs(np.array(res["1"][0][k]) - np.array(res["0"][0][k])).max()
        print(f"{k}: largest |on - off| difference in the predictions: {d:.3g}")
    ratio = np.median([r["seconds"] for r in res["0"]]) / np.median([r["seconds"] for r in res["1"]])
    print(f"time with oneDNN off / on: {ratio:.2f}x")


if __name__ == "__main__":
    main()
