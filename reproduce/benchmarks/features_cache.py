"""Benchmark: feature extraction with the shared feature cache, first run vs. second run (target: second >= 10x faster).

Image features: EfficientNet-Lite0 `avg_pool` on N real posters. Text: all-MiniLM-L6-v2 on N real clothing reviews.
Both use a fresh temporary cache root, so the first run really computes.
    python reproduce/benchmarks/features_cache.py [--n 128]
"""
import argparse, os, sys, tempfile, time

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0]); ap.add_argument("--n", type=int, default=128)
    a = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from recrepro.data import posters_dir, load_clothing
    from recrepro.vision import load_backbone, extract_features
    from recrepro.text import TextEncoder
    from recrepro.cache import FeatureCache
    rows, ok = [], True
    with tempfile.TemporaryDirectory() as root:
        bb = load_backbone("efficientnet-lite0")
        files = sorted((posters_dir()/"posters").glob("*.jpg"))[: a.n]
        t0 = time.perf_counter(); extract_features(files, bb, cache_root=root); first = time.perf_counter() - t0
        t0 = time.perf_counter(); extract_features(files, bb, cache_root=root); second = time.perf_counter() - t0
        rows.append((f"{bb.name} on {len(files)} posters", first, second))
        enc = TextEncoder("all-minilm-l6-v2")
        enc.cache = FeatureCache(enc.cache.namespace, root=root)
        texts = [t for t in load_clothing().reviews.text if t.strip()][: a.n]
        t0 = time.perf_counter(); enc.encode(texts); first = time.perf_counter() - t0
        t0 = time.perf_counter(); enc.encode(texts); second = time.perf_counter() - t0
        rows.append((f"{enc.used} on {len(texts)} reviews", first, second))
    print(f"{'job':<40}{'first s':>9}{'second s':>10}{'speed-up':>10}  target >= 10x")
    for job, f, s in rows:
        ok &= f / s >= 10
        print(f"{job:<40}{f:>9.2f}{s:>10.3f}{f / s:>9.0f}x  {'ok' if f / s >= 10 else 'MISSED'}")
    print(f"throughput: {rows[0][0]}: {a.n / rows[0][1]:.0f} img/s; {rows[1][0]}: {a.n / rows[1][1]:.0f} texts/s (first run)")
    return 0 if ok else 1

if __name__ == "__main__": sys.exit(main())
