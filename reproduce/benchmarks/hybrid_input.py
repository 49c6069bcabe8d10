"""Benchmark: the hybrid's (paper 002) training input, per-sample copies of every poster and rating row (the chapter before)
against `recrepro.hybrid.sample_batches` (tf.data batches that gather rows from tables held once), at the full profile's sizes.

Synthetic tables of ML-100k's shape (1,682 items with a poster each, 943 users, genres + year + 16-d text metadata, L = 20),
the full hybrid (CNN + Bi-GRU + autoencoder). Each input route trains one warm-up epoch on a small part (trace), then is
timed on one epoch of `--n` samples (the copying included); the two routes alternate, `--rounds` times, best time kept.
Prints samples/s, the bytes of the training inputs each route holds, and the ratios, in one run.
    python reproduce/benchmarks/hybrid_input.py [--n 20000 --image-size 64 --rounds 2]
"""
import argparse, os, time
import numpy as np


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    ap = argparse.ArgumentParser()
    a = ap.add_argument
    a("--n", type=int, default=20000); a("--image-size", type=int, default=64); a("--rounds", type=int, default=2)
    a("--batch", type=int, default=128); a("--full-samples", type=int, default=70000)
    args = ap.parse_args()
    from recrepro.hybrid import build_hybrid, sample_batches, autoencoder_input

    rng = np.random.default_rng(0)
    n_items, n_users, n_genres, L, s, n = 1682, 943, 19, 20, args.image_size, args.n
    tables = dict(image=rng.random((n_items, s, s, 3), dtype=np.float32), genres=(rng.random((n_items, n_genres)) < 0.1).astype("float32"),
                  ratings=((rng.random((n_users, n_items)) < 0.06) * rng.integers(1, 6, (n_users, n_items)) / 5).astype("float32"))
    tables["meta"] = np.hstack([tables["genres"], rng.random((n_items, 17), dtype=np.float32)])
    u, i = rng.integers(0, n_users, n), rng.integers(0, n_items, n)
    hist, y = rng.integers(0, n_items + 1, (n, L)), rng.integers(0, 2, n)

    def copied(k):
        ae = autoencoder_input(tables["ratings"], u[k], i[k])
        return (dict(cand=i[k, None].astype("int32"), image=tables["image"][i[k]], meta=tables["meta"][i[k]], hist=hist[k], user_vec=ae),
                dict(like=y[k].astype("float32"), genres=tables["genres"][i[k]], recon=ae))

    def fit_copied(m, k):
        x, t = copied(k)
        m.fit(x, t, batch_size=args.batch, epochs=1, verbose=0, shuffle=True)
        return sum(v.nbytes for d in (x, t) for v in d.values() if v is not t.get("recon"))  # recon is the same array as user_vec

    def fit_gathered(m, k):
        m.fit(sample_batches(tables, u[k], i[k], hist[k], y[k], args.batch, shuffle=True, seed=0), epochs=1, verbose=0, shuffle=False)
        return sum(v.nbytes for v in tables.values()) + sum(a.nbytes for a in (u[k], i[k], hist[k], y[k]))

    routes = {"per-sample copies": fit_copied, "gathered per batch (tf.data)": fit_gathered}
    best, nbytes = {}, {}
    warm, full = np.arange(4 * args.batch), np.arange(n)
    for r in range(args.rounds):
        for name, fit in routes.items():
            m = build_hybrid(n_items, n_genres, s, L, "gru", n_meta=tables["meta"].shape[1], seed=0)
            fit(m, warm)
            t0 = time.perf_counter(); nbytes[name] = fit(m, full); dt = time.perf_counter() - t0
            best[name] = min(best.get(name, np.inf), dt)
            print(f"round {r + 1}: {name:30s} {n / dt:7.0f} samples/s", flush=True)
    ref = "per-sample copies"
    print(f"\nHybrid training input, {n} samples, {s}-px posters, batch {args.batch}, one epoch, best of {args.rounds}:")
    for name, dt in best.items():
        per_sample = nbytes[name] / n if name == ref else (nbytes[name] - sum(v.nbytes for v in tables.values())) / n
        print(f"  {name:30s} {n / dt:7.0f} samples/s ({best[ref] / dt:4.2f}x)   inputs held: {nbytes[name] / 2**20:8.1f} MiB "
              f"({nbytes[ref] / nbytes[name]:5.1f}x less than copies); at {args.full_samples} samples: "
              f"{(per_sample * args.full_samples + (0 if name == ref else sum(v.nbytes for v in tables.values()))) / 2**30:5.2f} GiB")


if __name__ == "__main__":
    main()
