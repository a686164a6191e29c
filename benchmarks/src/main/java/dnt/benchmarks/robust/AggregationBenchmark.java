package dnt.benchmarks.robust;

import dnt.core.util.Seeds;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.robust.AggregationRules;
import java.util.ArrayList;
import java.util.List;
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
 * Aggregation of n client updates of d parameters by each robust rule (issue 15's targets at n =
 * 100, d = 1,000,000: every rule at least as fast as numpy on the same input in the same run, TID
 * within 10x of Mean; read the allocation from {@code -prof gc}'s {@code gc.alloc.rate.norm}, the
 * input being {@code 4 n d} bytes). Each update is held as the server holds it: the client's
 * float32 weights over the round's shared base model, the rules subtracting the base on the fly
 * ({@link dnt.learn.fl.UpdateVector}). The updates {@code w_i - w_t} are Gaussian around a common
 * centre ({@code 0.01 N(0,1)}, spread 0.05), with every tenth scaled by 100 (outliers), so the
 * robust rules do real work; Krum and Multi-Krum select through PyTorch's float32 products (one
 * intra-op thread per call, calls in parallel on Java threads, as in the project's training), so
 * the fork sets the project's PyTorch properties; {@code benchmarks/scripts/aggregation_numpy.py}
 * draws the same distribution for the numpy side, and {@code
 * benchmarks/scripts/aggregation-vs-numpy.sh} runs both.
 *
 * {@snippet lang="shell" :
 * mvn -o -B -q -DskipTests package -pl benchmarks -am
 * java -Xmx6g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main AggregationBenchmark -f 1 -wi 1 -i 3 -prof gc
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx6g",
      "--add-modules",
      "jdk.incubator.vector",
      "-Dai.djl.offline=true",
      "-Dai.djl.pytorch.num_threads=1",
      "-Dai.djl.pytorch.num_interop_threads=1"
    })
public class AggregationBenchmark {
  @Param({
    "mean",
    "median",
    "trimmed-mean",
    "tid",
    "krum",
    "multi-krum",
    "bulyan",
    "geomed",
    "centered-clipping",
    "norm-bounding",
    "fltrust",
    "dnc",
    "flame"
  })
  public String rule;

  @Param({"100"})
  public int n;

  @Param({"1000000"})
  public int d;

  /**
   * Whether the column-wise rules (median, trimmed mean, TID) use the selection-network kernels
   * ({@code true}, the default) or the scalar selection ({@code false}); both give the same
   * aggregates. {@code -p networks=true,false} measures the two in one run.
   */
  @Param({"true"})
  public String networks;

  /**
   * The float-to-double kernels ({@code dnt.simd}: {@code auto}, the default, takes the Vector API
   * kernels, which the fork's {@code --add-modules jdk.incubator.vector} makes available; {@code
   * scalar} the plain loops, and Krum's float Gram product through PyTorch instead of the Java
   * kernel); both give the same aggregates. {@code -p simd=vector,scalar} measures the two in one
   * run.
   */
  @Param({"auto"})
  public String simd;

  private List<ClientUpdate> updates;
  private AggregationContext context;
  private AggregationRule aggregationRule;

  /** Draws the updates once per trial. */
  @Setup(Level.Trial)
  public void data() {
    System.setProperty("dnt.robust.networks", networks);
    System.setProperty("dnt.simd", simd);
    RandomGenerator rng = Seeds.generator(7);
    double[] centre = new double[d];
    for (int j = 0; j < d; j++) {
      centre[j] = 0.01 * rng.nextGaussian();
    }
    // the round's base model w_t, shared by every update, as on the server
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) (0.1 * rng.nextGaussian());
    }
    updates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double scale = i % 10 == 0 ? 100 : 1;
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        w[j] = (float) (base[j] + scale * (centre[j] + 0.05 * rng.nextGaussian()));
      }
      updates.add(ClientUpdate.benign("c" + i, w, base, 1));
    }
    double[] reference = centre.clone();
    context = new AggregationContext(0, new double[d], 1, () -> reference);
    int f = n / 10;
    aggregationRule = AggregationRules.create(rule, new AggregationRules.Options(f, 0.1));
  }

  /**
   * One aggregation.
   *
   * @return the aggregate (consumed by JMH)
   */
  @Benchmark
  public double[] aggregate() {
    return aggregationRule.aggregate(updates, context);
  }
}
