"""Check: how the audit adapts a pointwise (like / not) model to top-N ranking, measured against POP on validation.

The audit's split (per-user temporal 80/10/10 of MovieLens-100k), its relevance (held-out rating >= 4) and its users;
one model fitted on the training part under each reading, scored by NDCG@10 on the validation part:
  like + 1    the like labels (a rating below 4 is a negative) plus one sampled unrated item per liked one (the old reading)
  implicit+k  every interaction a positive plus k sampled unrated items per positive (He et al. 2017 use k = 4)
Prints each reading's NDCG@10, its ratio to POP, the epochs early stopping kept and the seconds.
    python reproduce/benchmarks/audit_adaptation.py [--model pprm|hybrid|pamr] [--max-train 0] [--epochs 30]
"""
import argparse, os, sys, time


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="pprm", choices=["pprm", "hybrid", "pamr"])
    ap.add_argument("--max-train", type=int, default=0, help="training samples per fit (0: all)")
    ap.add_argument("--epochs", type=int, default=30, help="cap; early stopping on a 10 %% validation part")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np, pandas as pd, keras, tensorflow as tf
    from recrepro.data import load_ml100k_posters
    from recrepro.splits import per_user_temporal_split
    from recrepro.estimators import Pop
    from recrepro.pprm import PPRM
    from recrepro.hybrid import Hybrid
    from recrepro.pamr import PAMR

    keras.utils.set_random_seed(a.seed)
    tf.config.experimental.enable_op_determinism()
    ml, _ = load_ml100k_posters()
    tr, va, te = per_user_temporal_split(ml.interactions, (0.8, 0.1, 0.1))  # the audit's Protocol defaults
    users = np.intersect1d(pd.unique(te[te.rating >= 4].user_id), pd.unique(va[va.rating >= 4].user_id))
    ndcg = lambda est: est.evaluate(va, (10,), 4.0, users)[0]["ndcg@10"]
    cls, fixed = dict(
        pprm=(PPRM, dict(hidden=(128,), loss="bce")),
        hybrid=(Hybrid, dict(dims=32, history=20)),
        pamr=(PAMR, dict(lam=0.5, units=32, history=20, n_layers=1, batch_size=256)),
    )[a.model]
    lowest = float(ml.interactions.rating.min())
    readings = {"like + 1": dict(negatives=1), "implicit + 1": dict(negatives=1, like_threshold=lowest),
                "implicit + 4": dict(negatives=4, like_threshold=lowest)}
    pop = ndcg(Pop().fit(ml, tr))
    print(f"{a.model}: {len(users)} validation users, max_train {a.max_train or 'all'}, epochs <= {a.epochs}")
    print(f"{'reading':<14}{'NDCG@10':>9}{'/ POP':>8}{'epochs':>8}{'s':>7}")
    print(f"{'POP':<14}{pop:>9.4f}{1:>8.2f}")
    for name, r in readings.items():
        t0 = time.perf_counter()
        est = cls(**fixed, **r, max_train=a.max_train, epochs=a.epochs, seed=a.seed).fit(ml, tr)
        v, h = ndcg(est), est.history_
        epochs = len((h.history if hasattr(h, "history") else h)["loss"])
        print(f"{name:<14}{v:>9.4f}{v / pop:>8.2f}{epochs:>8}{time.perf_counter() - t0:>7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
