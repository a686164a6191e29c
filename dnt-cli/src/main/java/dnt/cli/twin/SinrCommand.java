package dnt.cli.twin;

import dnt.core.PhysicalLimits;
import dnt.core.radio.DownlinkResult;
import dnt.core.radio.DownlinkSinr;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.Propagation;
import dnt.core.radio.Shannon;
import dnt.data.network.LayoutCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dnt twin sinr}: the downlink SINR and Shannon rate of every user of a static layout, each
 * served by its strongest station (ties: lowest id), every other station interfering at full
 * activity.
 */
@Command(
    name = "sinr",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Compute each user's serving station, RSRP, SINR and Shannon rate for a static layout.",
      "Stations CSV: id,x,y,height,tx_power_dbm (metres, dBm EIRP); users CSV: id,x,y,height.",
      "Ranges: x, y within 100 km of the origin; station height 1..300 m, user height",
      "0.5..300 m; tx_power_dbm -30..80 dBm. Example: docs/examples/stations.csv, users.csv.",
      "Output CSV: user,serving,rsrp_dbm,sinr_db,rate_mbps, one row per user in input order."
    })
public final class SinrCommand implements Callable<Integer> {
  @Option(names = "--stations", required = true, description = "Stations CSV.")
  Path stations;

  @Option(names = "--users", required = true, description = "Users CSV.")
  Path users;

  @Option(names = "--model", required = true, description = "Path loss: uma, umi or fspl.")
  String model;

  @Option(names = "--los", required = true, description = "Line of sight: always, never, random.")
  String los;

  @Option(names = "--shadowing", required = true, description = "Log-normal shadowing: on or off.")
  String shadowing;

  @Option(
      names = "--carrier-ghz",
      required = true,
      description = "Carrier frequency, GHz: 0.5..100.")
  Double carrierGhz; // boxed: a required option has no default to show in --help

  @Option(names = "--bandwidth-mhz", required = true, description = "Bandwidth, MHz: 0.18..2000.")
  Double bandwidthMhz; // boxed: a required option has no default to show in --help

  @Option(names = "--noise-figure-db", defaultValue = "9", description = "Noise figure, dB: 0..30.")
  double noiseFigureDb;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of LOS and shadowing draws.")
  long seed;

  @Option(
      names = "--out",
      required = true,
      description = "Output CSV; an existing file is refused unless --overwrite.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing --out file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    OutputTarget.checkFile("--out", out, overwrite);
    boolean shadow = TwinOptions.parseShadowing(shadowing);
    PhysicalLimits.CARRIER_GHZ.check("--carrier-ghz", carrierGhz);
    PhysicalLimits.BANDWIDTH_MHZ.check("--bandwidth-mhz", bandwidthMhz);
    PhysicalLimits.NOISE_FIGURE_DB.check("--noise-figure-db", noiseFigureDb);
    LinkBudget links =
        new LinkBudget(
            TwinOptions.lookup("--model", Propagation.MODELS, model).apply(carrierGhz),
            LosMode.parse(los),
            shadow,
            seed);
    DownlinkSinr calc = new DownlinkSinr(links, bandwidthMhz * 1e6, noiseFigureDb, new Shannon());
    List<DownlinkResult> results =
        calc.compute(LayoutCsv.stations(stations), LayoutCsv.users(users));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = OutputTarget.temporarySibling(out);
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      w.write("user,serving,rsrp_dbm,sinr_db,rate_mbps\n");
      for (DownlinkResult r : results) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%d,%.6f,%.6f,%.6f\n",
                r.user().value(),
                r.serving().value(),
                r.rsrpDbm(),
                r.sinrDb(),
                r.rateMbps()));
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    OutputTarget.move(tmp, out);
    System.err.printf(Locale.ROOT, "dnt: wrote %d users to %s%n", results.size(), out);
    return 0;
  }
}
