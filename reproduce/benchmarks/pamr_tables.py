"""Benchmark: the audit's PAMR fits with the tables built per fit vs read back from the feature cache (`pamr_tables`).

Two PAMR fits of the audit's smoke size on its split of MovieLens-100k + posters (per-user temporal 80/10/10, every
interaction a positive + 4 sampled negatives, 4,000 samples, 1 Bi-GRU layer of 32 units, 2 epochs), differing only in
λ and the learning rate as two tuning trials do: the first builds the tables into an empty store, the second reads them
back. Prints each fit's seconds and the ratio, and checks that the second fit read the very arrays the first built.
    python reproduce/benchmarks/pamr_tables.py [--max-train 4000 --epochs 2]
"""
import argparse, os, shutil, time, uuid


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-train", type=int, default=4000)
    ap.add_argument("--epochs", type=int, default=2)
    a = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np, keras, tensorflow as tf
    import recrepro.pamr as P
    from recrepro.data import load_ml100k_posters
    from recrepro.registry import data_home
    from recrepro.splits import per_user_temporal_split

    keras.utils.set_random_seed(42)
    tf.config.experimental.enable_op_determinism()
    ml, _ = load_ml100k_posters()
    tr, _, _ = per_user_temporal_split(ml.interactions, (0.8, 0.1, 0.1))
    P.TABLES = f"pamr-tables-benchmark-{uuid.uuid4().hex[:8]}"  # an empty store of its own, removed at the end
    fixed = dict(history=10, batch_size=64, n_layers=1, units=32, max_train=a.max_train, epochs=a.epochs, negatives=4,
                 like_threshold=float(ml.interactions.rating.min()), seed=42)
    try:
        secs, fits = [], []
        for lam, lr in ((0.5, 1e-3), (0.2, 3e-3)):
            t0 = time.perf_counter()
            fits.append(P.PAMR(lam=lam, learning_rate=lr, **fixed).fit(ml, tr))
            secs.append(time.perf_counter() - t0)
            print(f"fit (lam {lam}, learning rate {lr}): {secs[-1]:.1f} s", flush=True)
        same = all(np.array_equal(fits[0].model_.get_layer(n).get_weights()[0], fits[1].model_.get_layer(n).get_weights()[0])
                   for n in ("item_text", "user_vector"))
        print(f"\nPAMR fit, tables built vs read back from the feature cache: {secs[0]:.1f} s vs {secs[1]:.1f} s, "
              f"speed-up {secs[0] / secs[1]:.2f}x; the second fit read the first one's text table and user vectors: {same}")
    finally:
        shutil.rmtree(data_home() / "features" / P.TABLES, ignore_errors=True)


if __name__ == "__main__":
    main()
