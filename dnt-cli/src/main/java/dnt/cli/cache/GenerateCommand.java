package dnt.cli.cache;

import dnt.caching.io.AssociationCsv;
import dnt.caching.io.TraceCsv;
import dnt.caching.network.Footprint;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.ItemSampler;
import dnt.caching.workload.RareEvent;
import dnt.caching.workload.RequestGenerator;
import dnt.caching.workload.RequestModels;
import dnt.caching.workload.ZipfPopularity;
import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt cache generate}: writes a seeded synthetic trace and its association, ready for {@code
 * dnt cache simulate}.
 *
 * {@snippet lang="shell" :
 * dnt cache generate --slots 500 --out trace.csv --association-out assoc.csv --rare
 * }
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Generate a seeded request trace (Zipf/IRM with per-station popularity, optional shot"
            + " noise and rare events) and the client-station association of a ring of stations.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "T.csv", description = "The trace.")
  Path out;

  @Option(
      names = "--association-out",
      paramLabel = "A.csv",
      description = "Also write the association (client,station, home first).")
  @Nullable Path associationOut;

  @Option(
      names = "--model",
      defaultValue = "zipf",
      description = "zipf or shot_noise, case-insensitive (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--stations", defaultValue = "5", description = "B (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--clients-per-station",
      defaultValue = "8",
      description = "Home clients per station (default: ${DEFAULT-VALUE}).")
  int clientsPerStation;

  @Option(
      names = "--overlap",
      defaultValue = "0.4",
      description = "Fraction of clients with a second station (default: ${DEFAULT-VALUE}).")
  double overlap;

  @Option(
      names = "--catalogue",
      defaultValue = "10000",
      description = "Items (default: ${DEFAULT-VALUE}).")
  int catalogue;

  @Option(
      names = "--alpha",
      defaultValue = "0.9",
      description = "Zipf exponent (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--locality",
      defaultValue = "0.3",
      description = "Fraction of ranks each station swaps (default: ${DEFAULT-VALUE}).")
  double locality;

  @Option(
      names = "--q",
      defaultValue = "0.5",
      description =
          "Probability that a client requests in a slot, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double q;

  @Option(
      names = "--slots",
      defaultValue = "1000",
      description = "Slots (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(
      names = "--rare",
      description =
          "Inject the rare regime: a 3x surge at station 0 over the middle third, a flash"
              + " crowd at station 1 and a popularity shift at two thirds.")
  boolean rare;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    RequestModels.Factory requestModel;
    try {
      requestModel = RequestModels.named(model).factory();
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--model: " + e.getMessage());
    }
    if (stations < 1 || clientsPerStation < 1 || slots < 1 || catalogue < 1) {
      throw new InvalidInputException(
          "--stations, --clients-per-station, --slots and --catalogue must be at least 1");
    }
    if (!(q > 0 && q <= 1)
        || overlap < 0
        || overlap > 1
        || locality < 0
        || locality > 1
        || alpha < 0) {
      throw new InvalidInputException(
          "need --q in (0, 1], --overlap and --locality in [0, 1] and --alpha >= 0");
    }
    Outputs.check("--out", out);
    Outputs.check("--association-out", associationOut);
    int clients = checkSizesFit();
    Topology topo =
        Topology.ring(stations, clientsPerStation, overlap, Seeds.generator(Seeds.derive(seed, 1)));
    ZipfPopularity zipf =
        new ZipfPopularity(
            stations, catalogue, alpha, locality, Seeds.generator(Seeds.derive(seed, 2)));
    ItemSampler sampler = requestModel.create(zipf, catalogue, RequestModels.Shots.DEFAULTS);
    List<RareEvent> events =
        rare
            ? List.of(
                new RareEvent.RateSurge(slots / 3, slots / 3, 0, 3.0),
                new RareEvent.FlashCrowd(slots / 2, slots / 4, 1 % stations, 5, 0.5, 50_000_000),
                new RareEvent.PopularityShift(2 * slots / 3, catalogue / 10))
            : List.of();
    Trace trace =
        new RequestGenerator(topo, clients, q)
            .generate(sampler, slots, events, Seeds.generator(Seeds.derive(seed, 3)));
    Outputs outputs = new Outputs().add("--out", out, f -> TraceCsv.write(trace, f));
    if (associationOut != null) {
      outputs.add("--association-out", associationOut, f -> AssociationCsv.write(topo, clients, f));
    }
    outputs.commit();
    spec.commandLine().getOut().println("requests=" + trace.size());
    return 0;
  }

  /**
   * Refuses, before any work, sizes whose trace cannot be indexed or whose trace, popularity tables
   * and association would not fit in the heap this Java VM can still use (estimated from their data
   * structures, see {@link Footprint}).
   *
   * @return the number of clients
   */
  private int checkSizesFit() {
    long clients = (long) stations * clientsPerStation;
    if (clients > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "--stations %d x --clients-per-station %d = %d clients, more than the %d client ids"
                  + " a trace can hold",
              stations,
              clientsPerStation,
              clients,
              Integer.MAX_VALUE));
    }
    // the rare regime's surge triples station 0's requests over a third of the slots
    double surge = rare ? 1 + 2.0 / (3.0 * stations) : 1;
    double expected = (double) slots * clients * q * surge;
    long mostRequests = (long) ((Integer.MAX_VALUE - 8) / 1.2); // the columns reserve 20% more
    if (expected > mostRequests) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "--slots %d x %d clients x --q %s gives about %.3g requests, more than the %d a trace"
                  + " can hold",
              slots,
              clients,
              q,
              expected,
              mostRequests));
    }
    long traceBytes = Footprint.generatedTrace(expected);
    long tableBytes = Footprint.popularity(stations, catalogue);
    long need = traceBytes + tableBytes + Footprint.association(clients);
    long available = Footprint.available();
    if (need > available) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "these sizes cannot fit in memory: the trace (--slots %d x %d clients x --q %s, about"
                  + " %.3g requests) needs up to %s and the popularity tables (--catalogue %d items"
                  + " x %d --stations) up to %s, and this Java VM can use %s more; lower them or"
                  + " give Java a larger heap (e.g. DNT_JAVA_OPTS=-Xmx16g)",
              slots,
              clients,
              q,
              expected,
              Footprint.format(traceBytes),
              catalogue,
              stations,
              Footprint.format(tableBytes),
              Footprint.format(available)));
    }
    return (int) clients;
  }
}
