package dnt.cli.twin;

import dnt.core.twin.TwinKpis;
import dnt.core.whatif.KpiChange;
import dnt.core.whatif.WhatIfResult;
import java.util.Locale;

/** Prints KPIs as an aligned text table. */
final class KpiTable {
  private KpiTable() {}

  static String single(TwinKpis k) {
    StringBuilder b = new StringBuilder();
    row(b, "users", fmt(k.users()));
    row(b, "served users", fmt(k.servedUsers()));
    row(b, "active stations", fmt(k.activeStations()));
    row(b, "users per station, mean", fmt(k.usersPerStationMean()));
    row(b, "users per station, max", fmt(k.usersPerStationMax()));
    row(b, "SINR mean, dB", fmt(k.sinrMeanDb()));
    row(b, "SINR 5th percentile, dB", fmt(k.sinrP5Db()));
    row(b, "rate mean, Mbit/s", fmt(k.rateMeanMbps()));
    row(b, "rate 5th percentile, Mbit/s", fmt(k.rateP5Mbps()));
    row(b, "coverage holes (users)", fmt(k.coverageHoles()));
    row(b, "activity factor, mean", fmt(k.meanActivity()));
    row(b, "overloaded stations", fmt(k.overloadedStations()));
    return b.toString();
  }

  static String compare(WhatIfResult r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%-30s %14s %14s %14s%n", "KPI", "baseline", "what-if", "change"));
    for (KpiChange k : r.kpiChanges()) {
      row(b, k.kpi(), k.baseline(), k.scenario());
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "%-30s %14s%n", name, value));
  }

  private static void row(StringBuilder b, String name, double before, double after) {
    b.append(
        String.format(
            Locale.ROOT,
            "%-30s %14s %14s %14s%n",
            name,
            fmt(before),
            fmt(after),
            (after - before >= 0 ? "+" : "") + fmt(after - before)));
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
