"""Benchmark: PAMR training throughput (sequences per second) at the full profile's sizes, for the settings the full
profile may choose: the paper's batch of 32, a batch of 256, and XLA (`jit_compile=True`) at each batch size.

Synthetic inputs of ML-100k's shape (1,682 items, 943 users, L = 20 history steps, or each of `--history 10,20`,
2 Bi-GRU layers of 128 units, the AUG-GRU, 128-d fused poster and 64-d text tables). Each setting is built, traced on
one warm-up epoch, then timed on `--epochs` epochs of `--n` sequences; settings are interleaved and the whole round
repeated `--rounds` times, the best time of each kept. Prints sequences/s and every ratio against the first setting
(the first L, the first batch, XLA off), in one run, and whether XLA was in effect: Keras compiles without it, with a
warning, when TensorFlow's op determinism is on (`--determinism on`, as the PAMR chapter runs).
    python reproduce/benchmarks/pamr_train.py [--n 8192 --epochs 1 --rounds 2 --determinism off]
"""
import argparse, os, time
import numpy as np


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    ap = argparse.ArgumentParser()
    a = ap.add_argument
    a("--n", type=int, default=8192); a("--epochs", type=int, default=1); a("--rounds", type=int, default=2)
    a("--history", default="20", help="comma-separated history lengths L, e.g. 10,20")
    a("--units", type=int, default=128); a("--layers", type=int, default=2)
    a("--batches", default="32,256"); a("--xla", default="off,on")
    a("--precision", default="float32", help="comma-separated Keras dtype policies, e.g. float32,mixed_bfloat16")
    a("--determinism", choices=("off", "on"), default="off", help="tf.config.experimental.enable_op_determinism()")
    args = ap.parse_args()
    import warnings
    import keras, tensorflow as tf
    from recrepro.pamr import build_pamr

    if args.determinism == "on":
        tf.config.experimental.enable_op_determinism()
    warnings.filterwarnings("ignore", message="Model doesn't support `jit_compile")  # reported per setting below

    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})  # as the chapter runs
    rng = np.random.default_rng(0)
    n_items, n_users = 1682, 943
    img, txt, usr = (rng.normal(size=s).astype("float32") for s in ((n_items + 1, 128), (n_items + 1, 64), (n_users, 80)))
    img[0] = txt[0] = 0
    cand = rng.integers(1, n_items + 1, (args.n, 1)).astype("int32")
    user = rng.integers(0, n_users, (args.n, 1)).astype("int32")
    y = rng.integers(0, 2, args.n).astype("float32")
    inputs = {}
    for L in (int(h) for h in args.history.split(",")):
        lengths = rng.integers(1, L + 1, args.n)
        H = np.zeros((args.n, L), "int32")
        for k, l in enumerate(lengths):
            H[k, L - l:] = rng.integers(1, n_items + 1, l)  # left-padded histories of varied length, as in the chapter
        inputs[L] = dict(hist=H, hist_r=(H > 0) * rng.integers(1, 6, H.shape) / 5.0, cand=cand, user=user)
    settings = [(L, int(b), xla == "on", p) for L in inputs for b in args.batches.split(",")
                for xla in args.xla.split(",") for p in args.precision.split(",")]
    best, in_effect = {}, {}
    for r in range(args.rounds):
        for L, b, xla, p in settings:
            x = inputs[L]
            keras.mixed_precision.set_global_policy(p)
            m = build_pamr(img, txt, usr, L, "bigru", args.layers, args.units, query_dim=64, seed=0)
            if xla:
                m.compile(optimizer=keras.optimizers.Adam(1e-3, clipnorm=1.0), loss="binary_crossentropy", jit_compile=True)
            in_effect[(L, b, xla, p)] = bool(m.jit_compile)
            warm = {k: v[: 4 * b] for k, v in x.items()}
            m.fit(warm, y[: 4 * b], batch_size=b, epochs=1, verbose=0)          # trace
            t0 = time.perf_counter()
            m.fit(x, y, batch_size=b, epochs=args.epochs, verbose=0, shuffle=True)
            dt = time.perf_counter() - t0
            best[(L, b, xla, p)] = min(best.get((L, b, xla, p), np.inf), dt)
            print(f"round {r + 1}: L {L:3d}, batch {b:4d}, XLA {'on ' if xla else 'off'}, {p}: "
                  f"{args.n * args.epochs / dt:8.0f} sequences/s", flush=True)
    ref, (L0, b0, x0, p0) = best[settings[0]], settings[0]
    print(f"\nPAMR training, {args.n} sequences x {args.epochs} epoch(s), {args.layers}x Bi-GRU({args.units}) "
          f"+ AUG-GRU, best of {args.rounds}, op determinism {args.determinism}:")
    for (L, b, xla, p), dt in best.items():
        print(f"  L {L:3d}, batch {b:4d}, XLA {'on ' if xla else 'off'}, {p:14s}: "
              f"{args.n * args.epochs / dt:8.0f} sequences/s, "
              f"speed-up vs L {L0}, batch {b0}, XLA {'on' if x0 else 'off'}, {p0}: {ref / dt:5.2f}x"
              + ("" if in_effect[(L, b, xla, p)] == xla else "  (XLA asked for, not in effect: op determinism)"))


if __name__ == "__main__":
    main()
