package dnt.experiments.forecasting;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.experiments.report.Stats;
import dnt.experiments.report.Stats.MeanCi;
import dnt.learn.codec.UpdateChannel;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.cost.AnalyticCost;
import dnt.learn.fl.cost.CostNetwork;
import dnt.learn.fl.cost.CostedMethod;
import dnt.learn.fl.cost.MeasuredCompute;
import dnt.learn.fl.cost.MethodCost;
import dnt.learn.fl.cost.Workload;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The cost of the forecasting study's methods on a network with a hierarchy (paper Sec. IV-A, Fig.
 * 3: "cuts communication and computation costs by about 43.8% relative to the baseline,
 * single-level scheme"), priced analytically by {@link AnalyticCost} from a committed forecasting
 * run: its settings give the counts (stations, parameters, rounds, clients per round, clusters,
 * history and test days), its {@code timing.csv} the measured training seconds per method and seed,
 * and its {@code metrics.csv} the bytes and transfer seconds its {@link dnt.learn.fl.CostLedger}
 * recorded, against which the same counts on the run's own flat network are checked.
 *
 * <p>The joint V-H workflow is the H-twin (with clusters): V-twin creation, then H-twin updates.
 * Its cut against a baseline is {@code 1 - cost(V-H) / cost(baseline)}, on the ongoing cost (the
 * paper's "subsequent H-twin cycle") against the daily fine-tuned Traditional DT, and on the total
 * cost of the study's horizon (creation plus the test days) against both the daily and the paper's
 * one-time Traditional DT, whose ongoing cost is zero.
 */
public final class CostStudy {
  /** The paper's figure: the cut it reports. */
  public static final double PAPER_CUT = 0.438;

  private final CostSettings settings;
  private final Path runDir;
  private final ForecastingSettings forecast;
  private final ForecastData data;
  private final ForecastingStudy study;
  private final List<Long> seeds;
  private final Map<String, double[]> timing;
  private final Map<String, double[]> ledger;
  private final int parameters;
  private final double updateBytes;

  /**
   * Reads a forecasting run and prepares its data (for the counts and the run's link rates).
   *
   * @param settings the cost settings ({@code run} names the forecasting run)
   * @throws InvalidInputException if the run folder or one of its files is missing or incomplete
   */
  public CostStudy(CostSettings settings) {
    this.settings = settings;
    this.runDir = Path.of(settings.run()).toAbsolutePath().normalize();
    Path config = runDir.resolve("config.yaml");
    if (!Files.isRegularFile(config)) {
      throw new InvalidInputException(
          "run: " + runDir + " is not a forecasting run (no config.yaml there)");
    }
    this.forecast = ForecastingSettings.resolve(Optional.of(config), Optional.empty(), Map.of());
    this.data = ForecastingExperiment.data(forecast.run(), Optional.empty(), Progress.NONE);
    this.study = new ForecastingStudy(forecast.fl(), data, Progress.NONE);
    this.parameters = study.architecture().parameterCount();
    this.updateBytes = new UpdateChannel(forecast.fl().updateCodec(), parameters).bytes();
    this.timing =
        read(runDir.resolve("timing.csv"), List.of("creation_training_s", "ongoing_training_s"));
    this.ledger =
        read(
            runDir.resolve("metrics.csv"),
            List.of(
                "creation_bytes",
                "creation_communication_s",
                "ongoing_bytes",
                "ongoing_communication_s"));
    Set<Long> s = new LinkedHashSet<>();
    for (int i = 0; i < forecast.run().seeds(); i++) {
      s.add(forecast.run().seed() + i);
    }
    this.seeds = List.copyOf(s);
    for (long seed : seeds) {
      for (CostedMethod m : CostedMethod.values()) {
        if (m != CostedMethod.TRADITIONAL_DT_ONCE) {
          row(timing, "timing.csv", m.id(), seed);
          row(ledger, "metrics.csv", m.id(), seed);
        }
      }
    }
  }

  /**
   * The forecasting run's folder.
   *
   * @return the absolute path
   */
  public Path runDir() {
    return runDir;
  }

  /**
   * The forecasting run's seeds.
   *
   * @return the seeds, in order
   */
  public List<Long> seeds() {
    return seeds;
  }

  /**
   * The forecasting run's settings.
   *
   * @return the settings
   */
  public ForecastingSettings forecast() {
    return forecast;
  }

  /**
   * The counts of the forecasting run with a raw volume and an update frequency.
   *
   * @param rawBytesPerDay V, bytes a station-day
   * @param updatesPerDay f
   * @return the workload
   */
  public Workload workload(double rawBytesPerDay, double updatesPerDay) {
    FlConfig fl = forecast.fl();
    int n = data.cellCount();
    return new Workload(
        n,
        4.0 * parameters,
        updateBytes,
        fl.sync().rounds(),
        fl.syncSettings(false).sampleSize(n),
        Math.min(fl.clustering().clusters(), n),
        (double) data.trainLength() / data.slotsPerDay(),
        data.testDays(),
        updatesPerDay,
        rawBytesPerDay);
  }

  /**
   * The raw bytes a station-day as the forecasting study counts them ({@code cost.rawBytesPerValue}
   * per value of the native 10-minute slots of one service).
   *
   * @return bytes
   */
  public double studyRawBytesPerDay() {
    return (double) data.slotsPerDay()
        * data.nativeSlotsPerSlot()
        * forecast.fl().cost().rawBytesPerValue();
  }

  /**
   * The forecasting run's own flat network for a seed: each station's seeded lognormal link rate
   * and the run's latency, exactly as its ledger priced messages.
   *
   * @param seed the seed
   * @return the network
   */
  public CostNetwork flatNetwork(long seed) {
    List<FlClient> clients = study.clients(seed);
    double[] rates = new double[clients.size()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = clients.get(i).linkRate();
    }
    return CostNetwork.flat(rates, forecast.fl().cost().latencySeconds());
  }

  /**
   * The configured network for a seed: the hierarchy (its backhaul classes assigned by the seed) or
   * the run's flat network.
   *
   * @param seed the seed
   * @return the network
   */
  public CostNetwork network(long seed) {
    CostSettings.Network n = settings.network();
    if (!n.tree()) {
      return flatNetwork(seed);
    }
    return CostNetwork.hierarchical(
        n.mix().assign(data.cellCount(), seed),
        n.fibre().hop(),
        n.microwave().hop(),
        n.wireless().hop(),
        n.metro().hop());
  }

  /**
   * A method's measured training seconds for a seed, from the run's {@code timing.csv}: creation
   * seconds, and ongoing seconds per update (the run updates once a day). The one-time baseline has
   * the creation seconds of Traditional DT and no ongoing training.
   *
   * @param m the method
   * @param seed the seed
   * @return the compute
   */
  public MeasuredCompute compute(CostedMethod m, long seed) {
    boolean once = m == CostedMethod.TRADITIONAL_DT_ONCE;
    double[] t = row(timing, "timing.csv", once ? CostedMethod.TRADITIONAL_DT.id() : m.id(), seed);
    return new MeasuredCompute(t[0], once ? 0 : t[1] / data.testDays());
  }

  /**
   * A method's cost for a seed.
   *
   * @param m the method
   * @param w the counts
   * @param network the network
   * @param seed the seed (of the measured compute)
   * @return the cost
   */
  public MethodCost cost(CostedMethod m, Workload w, CostNetwork network, long seed) {
    return AnalyticCost.of(m, w, network, compute(m, seed));
  }

  /**
   * One method and seed at the configured raw volume and update frequency.
   *
   * @param seed the seed
   * @param cost the cost
   */
  public record Row(long seed, MethodCost cost) {}

  /**
   * Every method and seed at the configured raw volume and update frequency.
   *
   * @return the rows, seed by seed in method order
   */
  public List<Row> costs() {
    Workload w = workload(settings.raw().volume(), settings.updatesPerDay());
    List<Row> out = new ArrayList<>();
    for (long seed : seeds) {
      CostNetwork net = network(seed);
      for (CostedMethod m : CostedMethod.values()) {
        out.add(new Row(seed, cost(m, w, net, seed)));
      }
    }
    return out;
  }

  /**
   * One comparison of the cross-check: a quantity of the run's ledger against the same quantity
   * counted on the run's flat network.
   *
   * @param method the method id
   * @param seed the seed
   * @param quantity the {@code metrics.csv} column
   * @param ledger the run's value (as printed, 6 significant digits)
   * @param analytic the counted value
   */
  public record Check(String method, long seed, String quantity, double ledger, double analytic) {
    /**
     * The relative difference.
     *
     * @return {@code |analytic - ledger| / max(|ledger|, 1e-300)}
     */
    public double relativeDifference() {
      return Math.abs(analytic - ledger) / Math.max(Math.abs(ledger), 1e-300);
    }
  }

  /**
   * The cross-check: the run's study settings (raw bytes as the study counts them, one update a
   * day) on the run's flat network, against its {@code metrics.csv}.
   *
   * @return one comparison per learned method, seed and quantity
   */
  public List<Check> check() {
    Workload w = workload(studyRawBytesPerDay(), 1);
    List<Check> out = new ArrayList<>();
    for (long seed : seeds) {
      CostNetwork flat = flatNetwork(seed);
      for (CostedMethod m : CostedMethod.values()) {
        if (m == CostedMethod.TRADITIONAL_DT_ONCE) {
          continue;
        }
        MethodCost c = AnalyticCost.of(m, w, flat, MeasuredCompute.NONE);
        double[] l = row(ledger, "metrics.csv", m.id(), seed);
        out.add(new Check(m.id(), seed, "creation_bytes", l[0], c.creation().bytes()));
        out.add(
            new Check(
                m.id(),
                seed,
                "creation_communication_s",
                l[1],
                c.creation().communicationSeconds()));
        out.add(new Check(m.id(), seed, "ongoing_bytes", l[2], c.ongoing().bytes()));
        out.add(
            new Check(
                m.id(), seed, "ongoing_communication_s", l[3], c.ongoing().communicationSeconds()));
      }
    }
    return out;
  }

  /** The cuts of the joint V-H workflow for one seed. */
  private record Cuts(double ongoingVsDaily, double totalVsDaily, double totalVsOnce) {}

  private Cuts cuts(Workload w, CostNetwork net, long seed) {
    MethodCost vh = cost(CostedMethod.H_TWIN, w, net, seed);
    MethodCost daily = cost(CostedMethod.TRADITIONAL_DT, w, net, seed);
    MethodCost once = cost(CostedMethod.TRADITIONAL_DT_ONCE, w, net, seed);
    return new Cuts(
        1 - vh.ongoingSeconds() / daily.ongoingSeconds(),
        1 - vh.totalSeconds() / daily.totalSeconds(),
        1 - vh.totalSeconds() / once.totalSeconds());
  }

  /**
   * One point of the sweep: the cuts over the seeds (mean and 95% t-interval).
   *
   * @param raw the preset whose volume this is, or empty
   * @param rawBytesPerDay V
   * @param updatesPerDay f
   * @param ongoingVsDaily the ongoing cut against the daily fine-tuned Traditional DT
   * @param totalVsDaily the total cut against it
   * @param totalVsOnce the total cut against the one-time Traditional DT
   */
  public record SweepPoint(
      String raw,
      double rawBytesPerDay,
      double updatesPerDay,
      MeanCi ongoingVsDaily,
      MeanCi totalVsDaily,
      MeanCi totalVsOnce) {}

  /**
   * The sweep: every raw volume of the settings and of the presets with every update frequency.
   *
   * @return the points, by volume then frequency
   */
  public List<SweepPoint> sweep() {
    Map<Double, String> volumes = new LinkedHashMap<>();
    TreeSet<Double> sorted = new TreeSet<>(settings.sweep().bytesPerDay());
    for (String p : List.of("counters", "cdr", "reports")) {
      sorted.add(settings.raw().volume(p));
    }
    for (double v : sorted) {
      String label = "";
      for (String p : List.of("counters", "cdr", "reports")) {
        if (settings.raw().volume(p) == v) {
          label = label.isEmpty() ? p : label + "+" + p;
        }
      }
      volumes.put(v, label);
    }
    List<CostNetwork> nets = new ArrayList<>();
    for (long seed : seeds) {
      nets.add(network(seed));
    }
    List<SweepPoint> out = new ArrayList<>();
    for (Map.Entry<Double, String> v : volumes.entrySet()) {
      for (double f : settings.sweep().updatesPerDay()) {
        Workload w = workload(v.getKey(), f);
        double[] a = new double[seeds.size()];
        double[] b = new double[seeds.size()];
        double[] c = new double[seeds.size()];
        for (int i = 0; i < seeds.size(); i++) {
          Cuts x = cuts(w, nets.get(i), seeds.get(i));
          a[i] = x.ongoingVsDaily();
          b[i] = x.totalVsDaily();
          c[i] = x.totalVsOnce();
        }
        out.add(
            new SweepPoint(
                v.getValue(),
                v.getKey(),
                f,
                Stats.meanCi95(a),
                Stats.meanCi95(b),
                Stats.meanCi95(c)));
      }
    }
    return out;
  }

  /**
   * Where a cut reaches the paper's 43.8% for one update frequency: the raw volume V* (bytes a
   * station-day) at which it does, over the seeds. A baseline's cost is linear in V (bytes / rate)
   * and the V-H workflow's does not depend on V, so {@code V* = (c_VH / (1 - 0.438) - a) / b} for a
   * baseline costing {@code a + b V}; V* at or below 0 means the cut exceeds 43.8% at any volume.
   *
   * @param updatesPerDay f
   * @param ongoingVsDaily V* of the ongoing cut against the daily Traditional DT
   * @param totalVsDaily V* of the total cut against it
   * @param totalVsOnce V* of the total cut against the one-time Traditional DT
   */
  public record BreakEven(
      double updatesPerDay, MeanCi ongoingVsDaily, MeanCi totalVsDaily, MeanCi totalVsOnce) {}

  /**
   * V* for every update frequency of the sweep and the configured one.
   *
   * @return one per frequency, ascending
   */
  public List<BreakEven> breakEven() {
    TreeSet<Double> fs = new TreeSet<>(settings.sweep().updatesPerDay());
    fs.add(settings.updatesPerDay());
    List<BreakEven> out = new ArrayList<>();
    // slope from V = 0 to V = 1e9 bytes: the costs are affine in V, so any span gives the slope;
    // a wide one keeps the rounding of the intercept (seconds) negligible (below 1e-15 relative)
    double span = 1e9;
    for (double f : fs) {
      double[] a = new double[seeds.size()];
      double[] b = new double[seeds.size()];
      double[] c = new double[seeds.size()];
      for (int i = 0; i < seeds.size(); i++) {
        long seed = seeds.get(i);
        CostNetwork net = network(seed);
        Workload w0 = workload(0, f);
        Workload w1 = workload(span, f);
        MethodCost vh = cost(CostedMethod.H_TWIN, w0, net, seed);
        MethodCost d0 = cost(CostedMethod.TRADITIONAL_DT, w0, net, seed);
        MethodCost d1 = cost(CostedMethod.TRADITIONAL_DT, w1, net, seed);
        MethodCost o0 = cost(CostedMethod.TRADITIONAL_DT_ONCE, w0, net, seed);
        MethodCost o1 = cost(CostedMethod.TRADITIONAL_DT_ONCE, w1, net, seed);
        a[i] = solve(vh.ongoingSeconds(), d0.ongoingSeconds(), d1.ongoingSeconds(), span);
        b[i] = solve(vh.totalSeconds(), d0.totalSeconds(), d1.totalSeconds(), span);
        c[i] = solve(vh.totalSeconds(), o0.totalSeconds(), o1.totalSeconds(), span);
      }
      out.add(new BreakEven(f, Stats.meanCi95(a), Stats.meanCi95(b), Stats.meanCi95(c)));
    }
    return out;
  }

  /** V with 1 - vh / (at0 + (at1 - at0) V / span) = PAPER_CUT. */
  static double solve(double vh, double at0, double at1, double span) {
    double slope = (at1 - at0) / span;
    return (vh / (1 - PAPER_CUT) - at0) / slope;
  }

  private static String key(String method, long seed) {
    return method + "@" + seed;
  }

  private double[] row(Map<String, double[]> table, String file, String method, long seed) {
    double[] r = table.get(key(method, seed));
    if (r == null) {
      throw new InvalidInputException(
          "run: "
              + runDir.resolve(file)
              + " has no row for method "
              + method
              + " and seed "
              + seed
              + " (the cost model needs every learned method of the study)");
    }
    return r;
  }

  private static Map<String, double[]> read(Path file, List<String> columns) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("run: " + file + " does not exist");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(in, format)) {
      for (String c : columns) {
        if (!p.getHeaderMap().containsKey(c)) {
          throw new InvalidInputException(file + ": no column '" + c + "'");
        }
      }
      for (CSVRecord r : p) {
        double[] v = new double[columns.size()];
        for (int i = 0; i < v.length; i++) {
          String text = r.get(columns.get(i));
          try {
            v[i] = Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                file
                    + ", line "
                    + r.getRecordNumber()
                    + ": "
                    + columns.get(i)
                    + " '"
                    + text
                    + "' is not a number",
                e);
          }
        }
        out.put(key(r.get("method"), Long.parseLong(r.get("seed"))), v);
      }
    } catch (IOException e) {
      throw new InvalidInputException("run: cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
