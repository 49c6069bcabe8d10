"""Benchmark: PAMR ranking scores (every catalogue item for each user), the whole network per (user, item) pair (as
`PAMR._score` did before) against `pamr_scorer` (the (Bi-)RNN stack once per user, the candidate part per pair).

Synthetic inputs of ML-100k's shape (1,682 items, 943 users, L = 10, the full profile's 2 Bi-GRU layers of 64 units,
128-d image and 64-d text tables); `--users` users are scored on every item by both paths, interleaved, `--rounds`
times, the best of each kept, after a warm-up call of each. Prints pairs/s, the ratio and the largest difference.
    python reproduce/benchmarks/pamr_score.py [--users 48 --units 64 --layers 2 --rounds 2]
"""
import argparse, os, time
import numpy as np


def main(argv=None):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=48); ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--units", type=int, default=64); ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--history", type=int, default=10)
    a = ap.parse_args(argv)
    import tensorflow as tf
    from recrepro.pamr import build_pamr, pamr_scorer

    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})  # as the chapter runs
    rng = np.random.default_rng(0)
    n_items, n_users, L = 1682, 943, a.history
    img, txt, usr = (rng.normal(size=s).astype("float32") for s in ((n_items + 1, 128), (n_items + 1, 64), (n_users, 80)))
    img[0] = txt[0] = 0
    H = np.zeros((n_users, L), "int32")
    for k, l in enumerate(rng.integers(1, L + 1, n_users)):
        H[k, L - l :] = rng.integers(1, n_items + 1, l)  # left-padded histories of varied length, as in the chapter
    R = (H > 0) * rng.integers(1, 6, H.shape) / 5.0
    m = build_pamr(img, txt, usr, L, "bigru", a.layers, a.units, query_dim=64, seed=0)
    u, i = rng.choice(n_users, a.users, replace=False), np.arange(n_items)

    def whole(u, i):  # the network on every pair, in blocks of users x all items
        out, step = np.empty((len(u), len(i)), np.float32), max(1, 65536 // len(i))
        for s in range(0, len(u), step):
            b = u[s : s + step]
            x = dict(hist=np.repeat(H[b], len(i), 0), hist_r=np.repeat(R[b], len(i), 0),
                     cand=np.tile(i + 1, len(b))[:, None].astype("int32"), user=np.repeat(b, len(i))[:, None].astype("int32"))
            out[s : s + step] = m.predict(x, batch_size=8192, verbose=0).reshape(len(b), len(i))
        return out

    split = pamr_scorer(m)
    paths = {"whole network per pair": whole, "RNN stack once per user": lambda u, i: split(H, R, u, i)}
    out = {k: f(u[:4], i) for k, f in paths.items()}  # warm-up: traces
    best = {}
    for r in range(a.rounds):
        for k, f in paths.items():
            t0 = time.perf_counter()
            out[k] = f(u, i)
            best[k] = min(best.get(k, np.inf), time.perf_counter() - t0)
            print(f"round {r + 1}: {k}: {a.users * n_items / best[k]:9.0f} pairs/s", flush=True)
    (k0, t0), (k1, t1) = best.items()
    diff = float(np.abs(out[k0] - out[k1]).max())
    print(f"\nPAMR scores, {a.users} users x {n_items} items, {a.layers}x Bi-GRU({a.units}) + AUG-GRU, L {L}, best of {a.rounds}:")
    print(f"  {k0}: {a.users * n_items / t0:9.0f} pairs/s ({t0 * n_users / a.users:6.0f} s for all {n_users} users)")
    print(f"  {k1}: {a.users * n_items / t1:9.0f} pairs/s ({t1 * n_users / a.users:6.0f} s for all {n_users} users)")
    print(f"  speed-up {t0 / t1:.2f}x, max |difference| {diff:.1e}")


if __name__ == "__main__":
    main()
