package dnt.cli.demo;

import dnt.cli.twin.TwinOptions;
import dnt.cli.twin.WhatIfReport;
import dnt.core.BaseStationId;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.whatif.Change;
import java.util.List;

/**
 * The network twin of Milan: builds it from the bundled stations, then forks it and compares the
 * KPIs of a hypothetical outage and power change against the untouched original (paper Sec. II:
 * what-if analysis on the twin before touching the real network). It calls the what-if API ({@link
 * dnt.core.whatif.WhatIf}) and prints as {@code dnt twin whatif} does.
 */
final class TwinSection implements DemoSection {
  /** The twin: as {@code dnt twin whatif --users 20000 --los never} builds it. */
  static final String[] TWIN = {"--users", "20000", "--los", "never"};

  /**
   * The hypothetical changes: an outage of the four sites nearest the busiest square of the bundled
   * subset (5545, central Milan), a neighbour raising its power by 6 dB, and a new small cell in
   * the square.
   */
  static final List<Change> CHANGES =
      List.of(
          new Change.SwitchOff(BaseStationId.of(2535)),
          new Change.SwitchOff(BaseStationId.of(2611)),
          new Change.SwitchOff(BaseStationId.of(2536)),
          new Change.SwitchOff(BaseStationId.of(2534)),
          new Change.Power(BaseStationId.of(2470), 36),
          Change.AddStation.smallCell(BaseStationId.of(900001), new Position(10456, 13054)));

  @Override
  public String title() {
    return "The network twin of Milan: build, fork, what-if";
  }

  @Override
  public void run(DemoContext context) throws Exception {
    TwinOptions options = TwinOptions.parse(TWIN);
    NetworkTwin twin = options.twin(context.err());
    WhatIfReport.run(
        options.describe(), twin, CHANGES, "the demo's list", context.out(), context.err());
  }
}
