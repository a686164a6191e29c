#!/usr/bin/env python3
"""Paired differences of the test-week errors between the spatial forecasters and per-cell ones.

Usage (from anywhere):
    python3 docs/results/forecasting/spatial-st-densenet-20261205/paired.py > paired.csv

For every comparison below, every method present in both runs and every seed present in both:
difference = first - second (same seed, same method: the study's seeds fix the initial weights'
seed, sampling and link draws; the architectures differ). Mean and 95% t-interval half-width over
the seeds (Student t, n - 1 degrees of freedom). Reads only committed metrics.csv files; standard
library only.
"""
import csv
import math
import os
import statistics

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def run(name):
    return os.path.join(RUNS, name)


DUAL_LSTM = run("default-5seeds-20261203")
GRU = run("spatial-gru-20261205")
GRAPH_GRU = run("spatial-graph-gru-20261205")
# (name of the first, its run directory, name of the second, its run directory)
COMPARISONS = [
    ("st-densenet", run("spatial-st-densenet-20261205"), "dual-lstm", DUAL_LSTM),
    ("graph-gru", GRAPH_GRU, "dual-lstm", DUAL_LSTM),
    ("graph-gru", GRAPH_GRU, "gru", GRU),
    ("gru", GRU, "dual-lstm", DUAL_LSTM),
    ("graph-gru-noskip", run("spatial-graph-gru-noskip-20261205"), "dual-lstm", DUAL_LSTM),
    ("st-densenet", run("spatial-st-densenet-fedavg-20261205"), "dual-lstm", DUAL_LSTM),
    ("graph-gru", run("spatial-graph-gru-fedavg-20261205"), "dual-lstm", DUAL_LSTM),
]
# two-sided 95% quantiles of Student's t for 1..10 degrees of freedom
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228]


def read(run):
    path = os.path.join(run, "metrics.csv")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {(r["method"], int(r["seed"])): r for r in csv.DictReader(f)}


def main():
    print("first,second,method,metric,seeds,first_mean,second_mean,difference,half_width_95")
    for first, a_run, second, b_run in COMPARISONS:
        a, b = read(a_run), read(b_run)
        if a is None or b is None:
            continue
        for method in dict.fromkeys(m for (m, _) in a):
            seeds = sorted(s for (m, s) in a if m == method and (m, s) in b)
            if len(seeds) < 2:
                continue
            for metric in ["mse_z", "mae_z"]:
                x = [float(a[(method, s)][metric]) for s in seeds]
                y = [float(b[(method, s)][metric]) for s in seeds]
                d = [u - v for u, v in zip(x, y)]
                half = T975[len(d) - 2] * statistics.stdev(d) / math.sqrt(len(d))
                print(f"{first},{second},{method},{metric},{len(d)},{statistics.mean(x):.6f},"
                      f"{statistics.mean(y):.6f},{statistics.mean(d):+.6f},{half:.6f}")


if __name__ == "__main__":
    main()
