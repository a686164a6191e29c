package dnt.benchmarks.learn;

import dnt.core.util.Seeds;
import dnt.learn.deploy.agent.HybridAction;
import dnt.learn.deploy.agent.HybridPpo;
import dnt.learn.deploy.agent.HybridProblem;
import dnt.learn.deploy.agent.PpoConfig;
import dnt.learn.deploy.agent.PpoUnit;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PPO update of the deployment agent ({@link HybridPpo}: one episode of 12 states collected,
 * then 4 full-batch Adam steps) on a graph of {@code n} nodes each linked to its 8 nearest on a
 * ring (degree 8, the twin graph's {@code neighbours}), with the dense {@code n x n} or the sparse
 * propagation, per-station decisions. The problem's own step is trivial, so the score is the
 * agent's cost: with the sparse encoder it should grow about linearly in {@code n}, with the dense
 * one about quadratically (docs/deployment.md, "PPO at scale").
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *   -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main PpoUpdateBenchmark -f 1 -wi 1 -i 3
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PpoUpdateBenchmark {
  /** Nodes. */
  @Param({"100", "300", "1000", "3000"})
  public int nodes;

  /** Sparse or dense propagation. */
  @Param({"true", "false"})
  public boolean sparse;

  private Ring problem;
  private PpoConfig config;

  /** Builds the graph. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = new Ring(nodes);
    config =
        new PpoConfig(32, 1, 1, 4, 3e-3, 0.2, 0.95, 0.95, 0.5, 0.001, Math.log(0.5), 0.5)
            .with(PpoUnit.STATION, sparse);
  }

  /**
   * One update from fresh weights.
   *
   * @return the learning curve, so that the work is not removed
   */
  @Benchmark
  public double[] update() {
    HybridPpo ppo = new HybridPpo(config, Ring.FEATURES, 2, Seeds.generator(1));
    return ppo.train(problem, Seeds.generator(2), u -> {});
  }

  /** A ring of nodes, each linked to its 4 nearest on either side; the reward is the mean z. */
  static final class Ring implements HybridProblem<Integer> {
    static final int FEATURES = 10;
    private final int n;
    private final float[] x;

    Ring(int n) {
      this.n = n;
      RandomGenerator rng = Seeds.generator(3);
      x = new float[n * FEATURES];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble();
      }
    }

    @Override
    public int nodes() {
      return n;
    }

    @Override
    public int features() {
      return FEATURES;
    }

    @Override
    public int categories() {
      return 2;
    }

    @Override
    public double[][] adjacency() {
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int d = 1; d <= 4; d++) {
          int j = (i + d) % n;
          a[i][j] = 1;
          a[j][i] = 1;
        }
      }
      return a;
    }

    @Override
    public int horizon() {
      return 12;
    }

    @Override
    public Integer start(RandomGenerator rng) {
      return 0;
    }

    @Override
    public float[] observe(Integer state) {
      return x;
    }

    @Override
    public Outcome<Integer> step(Integer state, HybridAction action) {
      double r = 0;
      for (int b = 0; b < n; b++) {
        r += action.first(b) / n;
      }
      return new Outcome<>(state + 1, r);
    }
  }
}
