package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (as a user's own launcher might
 * be) runs the scalar kernels, and {@code -Ddnt.simd=vector} there fails with a message naming the
 * missing option. The block kernels follow {@link Kernels}: without the module the scalar block
 * kernels run (the vector class is never loaded, so nothing fails), with it the Vector API's, and
 * {@code -Ddnt.simd=scalar} turns them off. Runs {@link Probe} and {@link BlockProbe} in a child
 * JVM on this test's class path.
 */
final class KernelsWithoutModuleTest {
  /** Prints the chosen kernels' name, or the error's message with exit code 3. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      try {
        System.out.println(Kernels.get().name() + " " + Kernels.vector().isPresent());
      } catch (IllegalStateException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }

  /** Prints the chosen block kernels' name and whether the vector ones are available. */
  static final class BlockProbe {
    private BlockProbe() {}

    public static void main(String[] args) {
      System.out.println(BlockKernels.get().name() + " " + BlockKernels.vector().isPresent());
    }
  }

  private record Run(int exit, String out) {}

  private static Run run(String... properties) throws IOException, InterruptedException {
    return run(Probe.class, properties);
  }

  private static Run run(Class<?> probe, String... properties)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(properties));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(probe.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
  }

  @Test
  void withoutTheModuleTheScalarKernelsRun() throws Exception {
    assertThat(run()).isEqualTo(new Run(0, "scalar false"));
    assertThat(run("-Ddnt.simd=scalar")).isEqualTo(new Run(0, "scalar false"));
    assertThat(run("-Ddnt.simd=vector"))
        .isEqualTo(
            new Run(
                3, "-Ddnt.simd=vector needs the JVM option --add-modules jdk.incubator.vector"));
  }

  @Test
  void withTheModuleTheVectorKernelsRunUnlessForcedOff() throws Exception {
    String module = "--add-modules=jdk.incubator.vector";
    Run auto = run(module);
    // the JVM's one incubator warning comes first, on stderr (merged here)
    assertThat(auto.out()).endsWith("vector true");
    assertThat(auto.out().lines().filter(l -> l.startsWith("WARNING")).count()).isEqualTo(1);
    assertThat(run(module, "-Ddnt.simd=scalar").out()).endsWith("scalar true");
  }

  @Test
  void theBlockKernelsFollowTheModuleAndTheProperty() throws Exception {
    assertThat(run(BlockProbe.class)).isEqualTo(new Run(0, "scalar false"));
    String module = "--add-modules=jdk.incubator.vector";
    Run auto = run(BlockProbe.class, module);
    assertThat(auto.exit()).isZero();
    assertThat(auto.out()).endsWith("vector true");
    Run off = run(BlockProbe.class, module, "-Ddnt.simd=scalar");
    assertThat(off.exit()).isZero();
    assertThat(off.out()).endsWith("scalar true");
  }
}
