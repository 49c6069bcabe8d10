"""Benchmark: top-20 recommendations for all 943 ML-100k users from ItemKNN-CF and EASE^R (target < 1 s each).

Times fit and recommend separately (best of 3 recommend calls after one warm-up), on the per-user random 80/20 split.
    python reproduce/benchmarks/baselines_topk.py
"""
import os, sys, time
import numpy as np

def main():
    from recrepro.data import load_ml100k
    from recrepro.splits import IdIndex, interaction_matrix, per_user_random_split
    from recrepro.baselines import ItemKNN, EASE, RP3beta, Pop
    ml = load_ml100k()
    tr, _ = per_user_random_split(ml.interactions, 0.2, seed=42)
    X = interaction_matrix(tr, IdIndex(ml.interactions.user_id), IdIndex(ml.items.item_id))
    print(f"ML-100k train matrix {X.shape[0]} users x {X.shape[1]} items, {X.nnz} interactions; {os.cpu_count()} CPU cores")
    print(f"{'model':<14}{'fit s':>8}{'top-20 all users s':>20}  target < 1 s")
    ok = True
    for m in (ItemKNN(100, 10), EASE(500), RP3beta(), Pop()):
        t0 = time.perf_counter(); m.fit(X); fit = time.perf_counter() - t0
        m.recommend(k=20)
        times = []
        for _ in range(3):
            t0 = time.perf_counter(); top = m.recommend(k=20); times.append(time.perf_counter() - t0)
        assert top.shape == (X.shape[0], 20)
        target = m.name in ("ItemKNN-CF", "EASE^R")
        ok &= (min(times) < 1) or not target
        print(f"{m.name:<14}{fit:>8.2f}{min(times):>20.3f}  {('ok' if min(times) < 1 else 'MISSED') if target else '(reference)'}")
    return 0 if ok else 1

if __name__ == "__main__": sys.exit(main())
