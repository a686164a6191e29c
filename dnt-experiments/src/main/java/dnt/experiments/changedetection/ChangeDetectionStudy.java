package dnt.experiments.changedetection;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Study;
import dnt.learn.change.ChangeDetectors;
import dnt.learn.change.ChangeMonitor;
import dnt.learn.change.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One replication of the change-detection study: per change kind, {@code scenariosPerKind} changes
 * at a seeded station and hour, and one clean sequence; every registered detector runs over each
 * sequence with the same alarm rule. No I/O.
 */
final class ChangeDetectionStudy implements Study<List<ChangeDetectionStudy.Row>> {
  /**
   * One detector on one sequence.
   *
   * @param seed the replication's seed
   * @param detector the detector's name
   * @param change the change kind
   * @param scenario the scenario's number within its kind
   * @param station the changed station's id ("" for none)
   * @param changeHour the first changed hour from the data's start (-1 for none)
   * @param detected whether an alarm started within the horizon after the change
   * @param delayHours hours from the change to that alarm (NaN when none)
   * @param falseAlarms alarms started after the baseline and before the change
   * @param unchangedHours hours after the baseline and before the change
   */
  record Row(
      long seed,
      String detector,
      String change,
      int scenario,
      String station,
      int changeHour,
      boolean detected,
      double delayHours,
      int falseAlarms,
      int unchangedHours) {}

  private final ChangeDetectionConfig config;
  private final StationTraffic traffic;
  private final double reference;

  ChangeDetectionStudy(ChangeDetectionConfig config, StationTraffic traffic) {
    this.config = config;
    this.traffic = traffic;
    int end = baselineEndHour();
    if (end + config.minGapHours() + config.horizonHours() > traffic.hours()) {
      throw new InvalidInputException(
          "the data's "
              + traffic.hours()
              + " hours cannot hold the window, the baseline, the gap and the horizon ("
              + (end + config.minGapHours() + config.horizonHours())
              + " hours)");
    }
    double sum = 0;
    for (double[] h : traffic.hourly()) {
      for (int t = 0; t < end; t++) {
        sum += h[t];
      }
    }
    this.reference = sum / (traffic.stations() * (double) end);
  }

  /** The hour after the baseline period (the first snapshot is at hour window - 1). */
  int baselineEndHour() {
    return config.windowHours() - 1 + 24 * config.baselineDays();
  }

  /** The changes of a seed, kind by kind, then the clean sequence. */
  List<Change> changes(long seed) {
    List<Change> out = new ArrayList<>();
    int earliest = baselineEndHour() + config.minGapHours();
    int latest = traffic.hours() - config.horizonHours();
    for (Change.Kind kind : Change.Kind.values()) {
      if (kind == Change.Kind.NONE) {
        continue;
      }
      for (int s = 0; s < config.scenariosPerKind(); s++) {
        RandomGenerator rng = Seeds.generator(Seeds.derive(seed, kind.ordinal(), s));
        int station = rng.nextInt(traffic.stations());
        int hour = earliest + rng.nextInt(latest - earliest + 1);
        out.add(new Change(kind, station, hour));
      }
    }
    out.add(new Change(Change.Kind.NONE, -1, traffic.hours()));
    return out;
  }

  @Override
  public List<Row> replicate(Replication replication) {
    long seed = replication.seed();
    List<Row> rows = new ArrayList<>();
    int offset = config.windowHours() - 1;
    int baselineSteps = 24 * config.baselineDays();
    ChangeMonitor.Rule rule = new ChangeMonitor.Rule(config.k(), config.persist(), config.floor());
    ChangeDetectors.Settings settings =
        new ChangeDetectors.Settings(
            config.hidden(), config.epochs(), config.learningRate(), TwinSnapshots.LOAD);
    int scenario = 0;
    Change.Kind previous = null;
    for (Change change : changes(seed)) {
      scenario = change.kind() == previous ? scenario + 1 : 0;
      previous = change.kind();
      List<GraphSnapshot> snapshots =
          TwinSnapshots.of(
              traffic,
              change.apply(traffic, config.shiftHours()),
              config.windowHours(),
              config.neighbours(),
              config.distanceScaleM(),
              reference);
      int changeStep = change.hour() - offset;
      List<String> names = ChangeDetectors.REGISTRY.names();
      for (int d = 0; d < names.size(); d++) {
        ChangeMonitor.Detection detection =
            ChangeMonitor.run(
                ChangeDetectors.REGISTRY.factory(names.get(d)).apply(settings),
                snapshots,
                baselineSteps,
                rule,
                Seeds.generator(Seeds.derive(seed, 100 + change.kind().ordinal(), scenario, d)));
        int onset = detection.firstOnset(changeStep);
        boolean detected =
            change.kind() != Change.Kind.NONE
                && onset >= 0
                && onset - changeStep <= config.horizonHours();
        rows.add(
            new Row(
                seed,
                names.get(d),
                change.kind().label(),
                scenario,
                change.station() < 0 ? "" : traffic.ids().get(change.station()).toString(),
                change.kind() == Change.Kind.NONE ? -1 : change.hour(),
                detected,
                detected ? onset - changeStep : Double.NaN,
                detection.onsets(baselineSteps, changeStep),
                changeStep - baselineSteps));
      }
    }
    return rows;
  }
}
