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
 * One synchronous FedAvg round over all 25 stations of the bundled Milan subset under the {@code
 * --preset fedda} protocol (hourly, dual LSTM 2x64, SGD batch 20, 1 local epoch, 480 samples per
 * station). Divide the score by 25 for seconds per client per round; the issue's reference is 0.077
 * s per client per round for a PyTorch implementation of the same preset.
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Ddnt.home=$PWD -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *   -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main FederatedRoundBenchmark -f 1 -wi 1 -i 3
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class FederatedRoundBenchmark {
  /** Clients trained batched in the same tensor operations, or one model at a time. */
  @Param({"true", "false"})
  public boolean batched;

  /** Java threads training clients. */
  @Param({"2"})
  public int threads;

  private List<FlClient> clients;
  private LocalTraining pool;
  private SynchronousFederation fed;
  private float[] init;

  /** Loads the subset and builds the clients. */
  @Setup(Level.Trial)
  public void setUp() {
    ForecastingSettings settings =
        ForecastingSettings.defaults()
            .withPreset("fedda")
            .with(Map.of("sync.rounds", 1, "sync.clientFraction", 1.0, "threads", threads));
    FlConfig cfg = settings.fl();
    ForecastData data = ForecastingExperiment.data(settings.run(), Optional.empty(), Progress.NONE);
    ForecastingStudy study = new ForecastingStudy(cfg, data, Progress.NONE);
    clients = study.clients(42);
    pool = new LocalTraining(study.architecture(), threads, batched);
    fed =
        new SynchronousFederation(
            pool, cfg.syncSettings(false), new LinkModel(0.02), FederationHooks.defaults());
    init = Forecaster.initialise(study.architecture(), 1).parameters();
  }

  /** Stops the client threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /**
   * One FedAvg round over 25 stations.
   *
   * @return the new global model (consumed by JMH)
   */
  @Benchmark
  public float[] fedAvgRoundOf25Stations() {
    return fed.run(clients, init, 42).global();
  }
}
