package dnt.benchmarks.learn;

import dnt.core.util.Progress;
import dnt.experiments.forecasting.ForecastData;
import dnt.experiments.forecasting.ForecastingExperiment;
import dnt.experiments.forecasting.ForecastingSettings;
import dnt.experiments.forecasting.ForecastingStudy;
import dnt.learn.fl.FederationHooks;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.LinkModel;
import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.SynchronousFederation;
import dnt.learn.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One synchronous round of the default forecasting configuration (dual LSTM 2x64, hourly data, 23
 * days of history per station: 480 training samples) over many stations. The stations reuse the
 * bundled subset's 25 series in turn with their own positions and seeds, which costs the same as
 * distinct synthetic series. The round streams (plain FedAvg, no attacker): each update (d =
 * 100,929 doubles, 0.8 MB) joins one running sum as it is collected, so memory does not grow with
 * the sampled stations; the full round over 10,000 stations runs in a 2 GB heap. One single shot
 * per configuration, in process ({@code -f 0}) so that {@code /usr/bin/time -v} reports its maximum
 * resident set size:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * /usr/bin/time -v java -Xmx2g -Ddnt.home=$PWD -Dai.djl.offline=true \
 *   -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main ScaleRoundBenchmark -f 0 -wi 0 -i 1 -p stations=10000 -p fraction=1.0
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ScaleRoundBenchmark {
  /** Stations in the network. */
  @Param({"1000", "10000"})
  public int stations;

  /** Fraction of stations sampled in the round. */
  @Param({"0.1"})
  public double fraction;

  private List<FlClient> clients;
  private LocalTraining pool;
  private SynchronousFederation fed;
  private float[] init;

  /** Builds the stations. */
  @Setup(Level.Trial)
  public void setUp() {
    ForecastingSettings settings =
        ForecastingSettings.defaults()
            .with(Map.of("sync.rounds", 1, "sync.clientFraction", fraction));
    FlConfig cfg = settings.fl();
    ForecastData data = ForecastingExperiment.data(settings.run(), Optional.empty(), Progress.NONE);
    ForecastingStudy study = new ForecastingStudy(cfg, data, Progress.NONE);
    List<FlClient> base = study.clients(42);
    clients = new ArrayList<>(stations);
    for (int i = 0; i < stations; i++) {
      FlClient b = base.get(i % base.size());
      int copy = i / base.size(); // copies of the base clients sit on a 100-wide grid
      int column = copy % 100;
      int row = copy / 100;
      clients.add(
          new FlClient(
              "station-" + i,
              b.x() + 235.0 * column,
              b.y() + 235.0 * row,
              b.train(),
              List.of(),
              b.profile(),
              b.computeSpeed(),
              b.linkRate()));
    }
    pool = new LocalTraining(study.architecture(), cfg.threads());
    fed =
        new SynchronousFederation(
            pool, cfg.syncSettings(false), new LinkModel(0.02), FederationHooks.defaults());
    init = Forecaster.initialise(study.architecture(), 1).parameters();
  }

  /** Stops the threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /**
   * One FedAvg round.
   *
   * @return the global model
   */
  @Benchmark
  public float[] oneRound() {
    return fed.run(clients, init, 7).global();
  }
}
