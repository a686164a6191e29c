package dnt.experiments.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep grids are settings: written to config.yaml, read back, overridden key by key. */
final class PoisoningGridsTest {
  @Test
  void theDefaultGridsAreThePublishedSweeps() {
    PoisoningConfig.Grids g = PoisoningConfig.resolve(Optional.empty(), false, Map.of()).grids();
    assertThat(g.fakeShares()).containsExactly(0.0, 0.05, 0.1, 0.2, 0.3);
    assertThat(g.mpafLambdas()).containsExactly(1.0, 10.0, 1e3, 1e5);
    assertThat(g.tpiEtas()).containsExactly(2.0, 20.0, 200.0, 2000.0);
    assertThat(g.dpNoises()).containsExactly(0.0, 0.3, 0.6, 1.0, 2.0, 4.0);
    assertThat(PoisoningConfig.Grids.array(g.tpiEtas())).containsExactly(2, 20, 200, 2000);
  }

  @Test
  void oneGridCanBeSetAloneAndTheOthersKeepTheirDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "grids:\n  tpiEtas: [5, 50]\n");
    PoisoningConfig c =
        PoisoningConfig.resolve(Optional.of(file), false, Map.of("grids.dpNoises", List.of(0.5)));
    assertThat(c.grids().tpiEtas()).containsExactly(5.0, 50.0);
    assertThat(c.grids().dpNoises()).containsExactly(0.5);
    assertThat(c.grids().fakeShares())
        .isEqualTo(
            PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).grids().fakeShares());
    assertThat(c.tree().toString()).contains("\"grids\"", "\"tpiEtas\":[5.0,50.0]");
  }

  @Test
  void anImpossibleGridValueNamesTheGrid(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "grids:\n  fakeShares: [0.1, 0.7]\n");
    assertThatThrownBy(() -> PoisoningConfig.resolve(Optional.of(file), false, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("fakeShares values must be in [0, 0.5), got 0.7");
    assertThatThrownBy(
            () ->
                PoisoningConfig.resolve(
                    Optional.empty(), false, Map.of("grids.tpiEtas", List.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tpiEtas names no value");
  }
}
