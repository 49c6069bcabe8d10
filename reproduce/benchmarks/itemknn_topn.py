"""Benchmark: the paper-001 Top-N algorithm for all 943 ML-100k users, vectorised vs the literal per-user loop.

Targets: vectorised <= 1 s, >= 50x faster than the literal loop, identical lists. Real poster features
(EfficientNet-Lite0 avg_pool, from the shared feature cache; the first run extracts them), K = 40 neighbours, cosine,
threshold rating 3, top 20, per-user random 80:20 training ratings.
    python reproduce/benchmarks/itemknn_topn.py
"""
import os, sys, time
import numpy as np, scipy.sparse as sp

def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from recrepro.data import load_ml100k_posters
    from recrepro.splits import IdIndex, interaction_matrix, per_user_random_split
    from recrepro.vision import load_backbone, extract_features
    from recrepro.vgg19_knn import neighbourhoods, topn_literal, topn_vectorised
    ml, _ = load_ml100k_posters()
    tr, _ = per_user_random_split(ml.interactions, 0.2, seed=42)
    U, I = IdIndex(ml.interactions.user_id), IdIndex(ml.items.item_id)
    L = interaction_matrix(tr, U, I, value="rating").astype(np.float64)
    items = ml.items[ml.items.image_path.notna()]
    F = extract_features(items.image_path.tolist(), load_backbone("efficientnet-lite0"))
    have = I.encode(items.item_id)
    t0 = time.perf_counter(); S0 = neighbourhoods(F, k=40).tocoo(); t_nn = time.perf_counter() - t0
    S = sp.csr_matrix((S0.data, (have[S0.row], have[S0.col])), shape=(len(I), len(I)))
    topn_vectorised(L, S, 20, 3)                                          # warm-up
    tv = min(_time(lambda: topn_vectorised(L, S, 20, 3)) for _ in range(3))
    t0 = time.perf_counter(); lit = [topn_literal(u, L, 20, 3, S) for u in range(L.shape[0])]; tl = time.perf_counter() - t0
    same = topn_vectorised(L, S, 20, 3) == lit
    print(f"{L.shape[0]} users, {len(I)} items ({len(have)} with posters), K=40 cosine; neighbourhoods pre-computed in {t_nn:.2f} s")
    print(f"{'implementation':<28}{'all users s':>12}{'per user ms':>13}")
    print(f"{'literal per-user loop':<28}{tl:>12.3f}{tl / L.shape[0] * 1000:>13.3f}")
    print(f"{'vectorised':<28}{tv:>12.3f}{tv / L.shape[0] * 1000:>13.3f}")
    print(f"speed-up {tl / tv:.0f}x (target >= 50x); vectorised <= 1 s: {'ok' if tv <= 1 else 'MISSED'}; identical lists: {same}")
    return 0 if (tv <= 1 and tl / tv >= 50 and same) else 1

def _time(f):
    t0 = time.perf_counter(); f(); return time.perf_counter() - t0

if __name__ == "__main__": sys.exit(main())
