"""Benchmark: one training step of the AUG-GRU layer (recrepro.pamr.AUGRU) against keras.layers.GRU of the same size.

Target: AUG-GRU step time <= 2x the GRU's on this CPU. On a GPU the GRU is the cuDNN kernel (no mask, Keras' default
reset_after=True), so the GPU ratio is against cuDNN. Same batch, same sequence, same loss, one run, medians of
`--reps` timed steps after warm-up.
    python reproduce/benchmarks/augru_step.py [--batch 32 --steps 20 --dim 128 --units 128 --reps 50]
"""
import argparse, os, time
import numpy as np

def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    ap = argparse.ArgumentParser(); a = ap.add_argument
    a("--batch", type=int, default=32); a("--steps", type=int, default=20); a("--dim", type=int, default=128)
    a("--units", type=int, default=128); a("--query", type=int, default=64); a("--reps", type=int, default=50)
    args = ap.parse_args()
    import keras, tensorflow as tf
    from recrepro.pamr import AUGRU
    rng = np.random.default_rng(0)
    seq = rng.normal(size=(args.batch, args.steps, args.dim)).astype("float32"); sq = rng.normal(size=(args.batch, args.query)).astype("float32")
    y = rng.integers(0, 2, (args.batch, 1)).astype("float32")
    gpu = bool(tf.config.list_physical_devices("GPU"))
    def model(kind):
        s, q = keras.Input((args.steps, args.dim)), keras.Input((args.query,))
        h = AUGRU(args.units)([s, q]) if kind == "augru" else keras.layers.GRU(args.units)(s)
        m = keras.Model([s, q], keras.layers.Dense(1, activation="sigmoid")(h)); m.compile("adam", "binary_crossentropy"); return m
    times = {}
    for kind in ("gru", "augru", "gru", "augru"):                     # interleaved twice, the best median of each kept
        m = model(kind)
        for _ in range(5): m.train_on_batch([seq, sq], y)
        ts = []
        for _ in range(args.reps):
            t0 = time.perf_counter(); m.train_on_batch([seq, sq], y); ts.append(time.perf_counter() - t0)
        times[kind] = min(times.get(kind, np.inf), float(np.median(ts)))
    ratio = times["augru"] / times["gru"]
    dev = ("GPU " + ", ".join(d.name for d in tf.config.list_physical_devices("GPU"))) if gpu else f"CPU ({os.cpu_count()} cores)"
    print(f"device: {dev}; batch {args.batch}, {args.steps} steps, input {args.dim}, {args.units} units")
    print(f"keras GRU{' (cuDNN)' if gpu else ''}: {times['gru'] * 1e3:.2f} ms/step; AUG-GRU: {times['augru'] * 1e3:.2f} ms/step; ratio {ratio:.2f}x "
          f"(target <= 2x on CPU: {'met' if ratio <= 2 else 'NOT met'})")

if __name__ == "__main__": main()
