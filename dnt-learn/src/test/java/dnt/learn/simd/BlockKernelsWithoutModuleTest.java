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
 * The block kernels follow {@link Kernels} in a child JVM: without {@code --add-modules
 * jdk.incubator.vector} the scalar block kernels run (the vector class is never loaded, so nothing
 * fails), with it the Vector API's, and {@code -Ddnt.simd=scalar} turns them off.
 */
final class BlockKernelsWithoutModuleTest {
  /** Prints the chosen block kernels' name and whether the vector ones are available. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      System.out.println(BlockKernels.get().name() + " " + BlockKernels.vector().isPresent());
    }
  }

  private static String run(String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Probe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return new String(out, StandardCharsets.UTF_8).trim();
  }

  @Test
  void scalarWithoutTheModuleVectorWithIt() throws Exception {
    assertThat(run()).isEqualTo("scalar false");
    String module = "--add-modules=jdk.incubator.vector";
    assertThat(run(module)).endsWith("vector true");
    assertThat(run(module, "-Ddnt.simd=scalar")).endsWith("scalar true");
  }
}
