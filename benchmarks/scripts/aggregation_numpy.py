#!/usr/bin/env python3
"""The numpy half of the aggregation comparison (benchmarks/scripts/aggregation-vs-numpy.sh).

The same input as AggregationBenchmark: n float32 updates of d parameters, Gaussian around a
common centre (0.01 N(0,1)) with spread 0.05, every tenth update scaled by 100; f = n/10,
beta = 0.1. Each rule is the textbook numpy formulation (Krum through a BLAS Gram matrix, as
numpy users write it). Prints one CSV line per rule: rule,ms_mean,ms_min,repeats.

Means use numpy's default float32 accumulation (what a numpy user writes), the Java rules
accumulate in double.

Usage: aggregation_numpy.py [--n 100] [--d 1000000] [--repeats 5] [--rules mean,median,...]
"""
import argparse
import sys
import time

try:
    import numpy as np
except ImportError:  # the JMH half runs alone
    print("numpy is not installed: skipping the numpy half", file=sys.stderr)
    sys.exit(3)


def krum_scores(x, f):
    sq = np.einsum("ij,ij->i", x, x, dtype=np.float64)
    g = (x @ x.T).astype(np.float64)
    dist = np.maximum(sq[:, None] + sq[None, :] - 2 * g, 0)
    n = x.shape[0]
    m = max(1, n - f - 2)
    np.fill_diagonal(dist, np.inf)
    return np.sort(dist, axis=1)[:, :m].sum(axis=1), dist


def krum(x, f):
    scores, _ = krum_scores(x, f)
    return x[int(np.argmin(scores))].astype(np.float64)


def multi_krum(x, f):
    scores, _ = krum_scores(x, f)
    best = np.argsort(scores, kind="stable")[: x.shape[0] - f]
    return x[best].mean(axis=0)


def bulyan(x, f):
    n = x.shape[0]
    theta = n - 2 * f
    beta = theta - 2 * f
    _, dist = krum_scores(x, f)
    candidates = list(range(n))
    selected = []
    for _ in range(theta):
        sub = dist[np.ix_(candidates, candidates)]
        m = max(1, len(candidates) - f - 2)
        scores = np.sort(sub, axis=1)[:, :m].sum(axis=1)
        best = candidates[int(np.argmin(scores))]
        selected.append(best)
        candidates.remove(best)
    s = x[selected]
    med = np.median(s, axis=0)
    closest = np.argpartition(np.abs(s - med), beta - 1, axis=0)[:beta]
    return np.take_along_axis(s, closest, axis=0).mean(axis=0)


def trimmed_mean(x, beta):
    n = x.shape[0]
    k = int(np.floor(beta * n))
    p = np.partition(x, [k, n - k - 1], axis=0)
    return p[k : n - k].mean(axis=0)


def tid(x):
    med = np.median(x, axis=0)
    dev = np.abs(x - med)
    mad = 1.4826 * np.median(dev, axis=0)
    mask = dev <= 3 * mad
    frac = mask.mean(axis=1)
    a = np.where(frac < 0.5, 0.0, frac**2)
    if not (a > 0).any():
        a = np.ones_like(a)
    w = mask * a[:, None]
    num = (w * x).sum(axis=0)
    den = w.sum(axis=0)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--d", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--rules", default="mean,median,trimmed-mean,tid,krum,multi-krum,bulyan")
    a = ap.parse_args()
    rng = np.random.default_rng(7)
    centre = 0.01 * rng.standard_normal(a.d)
    x = np.empty((a.n, a.d), dtype=np.float32)
    for i in range(a.n):
        scale = 100.0 if i % 10 == 0 else 1.0
        x[i] = scale * (centre + 0.05 * rng.standard_normal(a.d))
    f = a.n // 10
    rules = {
        "mean": lambda: x.mean(axis=0),
        "median": lambda: np.median(x, axis=0),
        "trimmed-mean": lambda: trimmed_mean(x, 0.1),
        "tid": lambda: tid(x),
        "krum": lambda: krum(x, f),
        "multi-krum": lambda: multi_krum(x, f),
        "bulyan": lambda: bulyan(x, f),
    }
    print("rule,ms_mean,ms_min,repeats")
    for name in a.rules.split(","):
        fn = rules[name]
        fn()  # warm-up
        times = []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1e3)
        print(f"{name},{sum(times) / len(times):.1f},{min(times):.1f},{a.repeats}", flush=True)


if __name__ == "__main__":
    main()
