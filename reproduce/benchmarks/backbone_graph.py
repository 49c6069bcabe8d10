"""Benchmark: poster features through a frozen backbone, the model called eagerly (op by op, as `Backbone.__call__`
did before) against the traced graph `Backbone.__call__` now runs, at the batch `extract_features` uses.

Real ML-1M posters, decoded once (decoding is not timed); each backbone is warmed up (the graph traced) on one batch,
then both paths are timed on the same images, interleaved, `--rounds` times, the best of each kept. Prints images/s,
the ratio and the largest absolute difference between the two paths' features, in one run.
    python reproduce/benchmarks/backbone_graph.py [--n 128 --batch 32 --rounds 2 --backbones efficientnet-lite0,...]
"""
import argparse, os, time
import numpy as np


def main(argv=None):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=128); ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--backbones", default="efficientnet-lite0,efficientnet-lite1,efficientnet-lite2")
    a = ap.parse_args(argv)
    from recrepro.data import posters_dir
    from recrepro.images import image_dataset
    from recrepro.vision import load_backbone

    files = sorted((posters_dir() / "posters").glob("*.jpg"))[: a.n]
    rows = []
    for name in a.backbones.split(","):
        bb = load_backbone(name)
        X = np.concatenate(list(image_dataset(files, size=(bb.size, bb.size), batch_size=a.batch).as_numpy_iterator()))
        batches = [X[i : i + a.batch] for i in range(0, len(X), a.batch)]
        paths = {
            "eager": lambda x: np.asarray(bb.model(bb.preprocess(np.asarray(x, np.float32)), training=False)[bb.tap]),
            "graph": bb,
        }
        out = {k: f(batches[0]) for k, f in paths.items()}  # warm-up; traces the graph
        best = {}
        for r in range(a.rounds):
            for k, f in paths.items():
                t0 = time.perf_counter()
                out[k] = np.concatenate([f(x) for x in batches])
                best[k] = min(best.get(k, np.inf), time.perf_counter() - t0)
        diff = float(np.abs(out["eager"] - out["graph"]).max())
        rows.append((name, len(X) / best["eager"], len(X) / best["graph"], best["eager"] / best["graph"], diff))
        print(f"{name}: eager {rows[-1][1]:.1f} images/s, graph {rows[-1][2]:.1f} images/s", flush=True)
    print(f"\n{len(files)} posters, batch {a.batch}, best of {a.rounds}:")
    for name, e, g, ratio, diff in rows:
        print(f"  {name:20s} eager {e:7.1f} images/s, graph {g:7.1f} images/s, speed-up {ratio:5.2f}x, "
              f"max |eager - graph| {diff:.1e}")


if __name__ == "__main__":
    main()
