#!/usr/bin/env python3
"""The shape of the caching study's learning curves, in blocks of training episodes (issue 16).

Reads a run's learning_curves.csv (written by `dnt experiment caching`) and prints, per learned
system, the gain over LRU (the system's hit rate on a training episode, exploration on, minus LRU's
on the same episode) averaged over consecutive blocks of BLOCK physical episodes (twin episodes are
left out, as in the report's criterion): the mean over the replications and the half-width of its
95% Student-t interval, and the paired difference of each block against the last block. A block
whose interval against the last one lies below zero is one the system had not yet reached its
final level in; blocks whose differences contain zero are indistinguishable from the end.

Usage: learning_curve_blocks.py RUN_DIR/learning_curves.csv [BLOCK] > blocks.csv
Output columns: system,block,first_episode,last_episode,replications,gain_mean,gain_ci95,
  minus_last_mean,minus_last_ci95 (CI columns empty with one replication).
Standard library only: t quantiles for 1 to 30 degrees of freedom are tabulated below.
"""

import csv
import math
import sys
from collections import defaultdict

# two-sided 95% Student-t quantiles, t_{0.975, df}, df = 1..30
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def mean_ci(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, None
    if n - 1 > len(T975):
        raise SystemExit(f"{n} replications: the t table stops at {len(T975) + 1}")
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))
    return m, T975[n - 2] * sd / math.sqrt(n)


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__.split("\n\n")[2])
    block = int(sys.argv[2]) if len(sys.argv) == 3 else 4
    if block < 1:
        raise SystemExit("BLOCK must be at least 1")
    gains = defaultdict(lambda: defaultdict(list))  # system -> replication -> physical gains
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            if row["data"] == "physical":
                gains[row["system"]][int(row["replication"])].append(
                    (int(row["episode"]), float(row["hit_rate"]) - float(row["lru_hit_rate"])))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["system", "block", "first_episode", "last_episode", "replications",
                  "gain_mean", "gain_ci95", "minus_last_mean", "minus_last_ci95"])
    for system, reps in gains.items():
        series = [[g for _, g in sorted(points)] for points in reps.values()]
        n = min(len(s) for s in series)
        blocks = n // block
        if blocks == 0:
            continue
        # per replication, the mean gain of each block of physical episodes
        per_rep = [[sum(s[b * block:(b + 1) * block]) / block for b in range(blocks)]
                   for s in series]
        for b in range(blocks):
            m, ci = mean_ci([r[b] for r in per_rep])
            d, dci = mean_ci([r[b] - r[blocks - 1] for r in per_rep])
            fmt = lambda v: "" if v is None else f"{v:.4f}"
            out.writerow([system, b + 1, b * block + 1, (b + 1) * block, len(per_rep),
                          f"{m:.4f}", fmt(ci), f"{d:.4f}", fmt(dci)])


if __name__ == "__main__":
    main()
