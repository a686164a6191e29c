package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder holds the manifest and the effective config. */
final class ResultsRunTest {
  @Test
  void writesManifestAndConfigWithInputChecksums(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in.txt");
    Files.writeString(input, "abc");
    ResultsRun run = ResultsRun.start(tmp.resolve("results"), "demo", 42, 3);
    run.config("rounds", 10).input(input).note("synthetic data");
    RunManifest m = run.finish("test");
    assertThat(run.dir()).startsWith(tmp.resolve("results").resolve("demo"));
    assertThat(Files.readString(run.file("manifest.json"))).contains("\"seed\" : 42");
    assertThat(Files.readString(run.file("config.yaml"))).contains("rounds");
    // SHA-256("abc"), a standard test vector
    assertThat(m.inputs().get(0).sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void twoRunsInTheSameSecondGetDistinctFolders(@TempDir Path tmp) {
    ResultsRun a = ResultsRun.start(tmp, "x", 1, 1);
    ResultsRun b = ResultsRun.start(tmp, "x", 1, 1);
    assertThat(a.dir()).isNotEqualTo(b.dir());
  }
}
