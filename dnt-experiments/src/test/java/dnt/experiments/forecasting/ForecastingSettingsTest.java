package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.DualLstm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecasting study's settings through {@link SettingsYaml}: the commented defaults, the layers
 * (file, preset, command line), the {@code config.yaml} round trip, and errors that name the file
 * and the key path.
 */
final class ForecastingSettingsTest {
  @TempDir Path dir;

  private Path file(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private ForecastingSettings load(String name, String yaml) throws IOException {
    return ForecastingSettings.resolve(Optional.of(file(name, yaml)), Optional.empty(), Map.of());
  }

  @Test
  void theDefaultsComeFromTheCommentedResource() {
    ForecastingSettings d = ForecastingSettings.defaults();
    assertThat(d.run().data()).isEqualTo("subset");
    assertThat(d.run().seed()).isEqualTo(42);
    assertThat(d.run().seeds()).isEqualTo(1);
    // the paper's methods and the baselines; the personalised variants run when asked for
    assertThat(d.run().methods()).isEqualTo(RunSettings.ids().subList(0, 7));
    assertThat(d.run().split()).isEqualTo("test");
    assertThat(d.fl().personalisation()).isEqualTo(new FlConfig.Personalise("fine-tune", 1));
    FlConfig c = d.fl();
    assertThat(c.model()).isEqualTo(new FlConfig.Model("dual-lstm", 64, 2, 0.2));
    assertThat(c.architecture(24)).isInstanceOf(DualLstm.class);
    assertThat(c.recipe().batchSize()).isEqualTo(20);
    assertThat(c.windows().closeness()).isEqualTo(3);
    assertThat(c.sync().rounds()).isEqualTo(40);
    assertThat(c.codec().name()).isEqualTo("none");
    assertThat(c.threads()).isEqualTo(2);
  }

  @Test
  void aPartialFileOverridesOnlyItsKeys() throws IOException {
    ForecastingSettings s =
        load("t.yaml", "run:\n  cells: 3\nsync:\n  rounds: 7\nasync:\n  staleness: hinge\n");
    FlConfig d = ForecastingSettings.defaults().fl();
    assertThat(s.run().cells()).isEqualTo(3);
    assertThat(s.run().seed()).isEqualTo(42);
    assertThat(s.fl().sync().rounds()).isEqualTo(7);
    assertThat(s.fl().sync().clientFraction()).isEqualTo(d.sync().clientFraction());
    assertThat(s.fl().async().function()).isInstanceOf(StalenessFunction.Hinge.class);
    assertThat(s.fl().model()).isEqualTo(d.model());
  }

  @Test
  void thePresetGoesOverTheFileAndTheCommandLineOverBoth() throws IOException {
    Path f = file("f.yaml", "sync:\n  rounds: 7\n  evaluateEvery: 2\ntraining:\n  batchSize: 8\n");
    ForecastingSettings s =
        ForecastingSettings.resolve(
            Optional.of(f), Optional.of("fedda"), Map.of("training.batchSize", 5, "run.seeds", 3));
    assertThat(s.fl().sync().rounds()).as("the preset's, over the file's 7").isEqualTo(100);
    assertThat(s.fl().sync().evaluateEvery()).as("the file's, not in the preset").isEqualTo(2);
    assertThat(s.fl().training().optimizer()).isEqualTo("sgd");
    assertThat(s.fl().training().batchSize()).as("the command line's").isEqualTo(5);
    assertThat(s.run().seeds()).isEqualTo(3);
  }

  @Test
  void theWrittenTreeReloadsToTheSameSettings() throws IOException {
    ForecastingSettings s =
        ForecastingSettings.resolve(
            Optional.empty(),
            Optional.of("demo"),
            Map.of("run.data", "some/store.duckdb", "codec.name", "TOP-K", "run.cells", 4));
    ForecastingSettings written =
        new ForecastingSettings(
            s.run().written(List.of(Method.V_TWIN, Method.PERSISTENCE)), s.fl());
    assertThat(written.run().data())
        .isEqualTo(Path.of("some/store.duckdb").toAbsolutePath().normalize().toString());
    assertThat(written.run().methods()).containsExactly("v-twin", "persistence");
    assertThat(written.fl().codec().name()).as("kept in its registry spelling").isEqualTo("top-k");
    Path config = dir.resolve("config.yaml");
    SettingsYaml.write(config, SettingsYaml.comments("forecasting"), written.tree());
    String text = Files.readString(config);
    assertThat(text).contains("experiment: forecasting", "run:", "cells: 4", "architecture: mlp");
    ForecastingSettings back =
        ForecastingSettings.resolve(Optional.of(config), Optional.empty(), Map.of());
    assertThat(back).isEqualTo(written);
    assertThat(back.tree()).isEqualTo(written.tree());
  }

  /** Loading a file with this text fails with a message that ends as given. */
  private void refused(String name, String yaml, String ending) {
    assertThatThrownBy(() -> load(name, yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(ending);
  }

  @Test
  void unknownKeysAndImpossibleValuesNameTheFileAndTheKeyPath() {
    refused("a.yaml", "sync:\n  roundz: 3\n", "a.yaml: unknown key 'sync.roundz'");
    refused(
        "b.yaml",
        "sync:\n  clientFraction: 1.5\n",
        "b.yaml: key 'sync': clientFraction must be in (0, 1], got 1.5");
    refused("c.yaml", "run:\n  seeds: 0\n", "c.yaml: key 'run': seeds must be at least 1, got 0");
    refused("e.yaml", "run: 3\n", "e.yaml: key 'run' must be a mapping");
    refused("r.yaml", "colour: red\n", "r.yaml: unknown key 'colour'");
    refused(
        "w.yaml",
        "experiment: caching\n",
        "w.yaml: key 'experiment' is 'caching', but this is the forecasting experiment");
    assertThatThrownBy(() -> load("d.yaml", "model: [1, 2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("d.yaml is not valid YAML");
  }

  @Test
  void anUnknownArchitectureOrCodecNamesItsKeyPathAndTheKnownNames() {
    refused(
        "m.yaml",
        "model:\n  architecture: transformer\n",
        "m.yaml: key 'model.architecture': unknown forecaster architecture 'transformer'; known: "
            + String.join(", ", Architectures.REGISTRY.names()));
    assertThatThrownBy(
            () ->
                ForecastingSettings.resolve(
                    Optional.empty(), Optional.empty(), Map.of("codec.name", "zip")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("command line: key 'codec.name': unknown update codec 'zip'");
    assertThatThrownBy(
            () ->
                ForecastingSettings.resolve(
                    Optional.empty(), Optional.empty(), Map.of("codec.density", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("command line: key 'codec': density must be in (0, 1], got 0.0");
  }

  @Test
  void everyRegisteredArchitectureBindsByItsNameInAnyLetterCase() throws IOException {
    for (String name : Architectures.REGISTRY.names()) {
      String yaml = "model:\n  architecture: " + name.toUpperCase(Locale.ROOT) + "\n";
      assertThat(load("a.yaml", yaml).fl().model().architecture()).isEqualTo(name);
    }
  }

  @Test
  void programChosenOverridesThatDoNotBindAreAProgrammingError() {
    assertThatThrownBy(() -> ForecastingSettings.defaults().with(Map.of("sync.rounds", 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rounds must be at least 1");
  }

  @Test
  void everyForecastingYamlOfTheRepositoryStillLoads() throws IOException {
    Path repo = Path.of(System.getProperty("dnt.repo.dir", "..")).toAbsolutePath().normalize();
    Path quick = repo.resolve("docs/examples/forecasting-quick.yaml");
    ForecastingSettings q =
        ForecastingSettings.resolve(Optional.of(quick), Optional.empty(), Map.of());
    assertThat(q.run().cells()).isEqualTo(6);
    assertThat(q.fl().sync().rounds()).isEqualTo(5);
    try (var runs = Files.list(repo.resolve("docs/results/forecasting"))) {
      for (Path run : runs.sorted().toList()) {
        Path config = run.resolve("config.yaml");
        String experiment = SettingsYaml.read(config).path("experiment").asText();
        if (experiment.equals(CostSettings.EXPERIMENT)) {
          // a forecasting-cost run beside the runs it prices: it loads as its own settings
          assertThat(CostSettings.resolve(Optional.of(config), Map.of()).run()).isNotBlank();
          continue;
        }
        ForecastingSettings s =
            ForecastingSettings.resolve(Optional.of(config), Optional.empty(), Map.of());
        // written before the codec section existed: the defaults fill it
        // 5 seeds for the test week, 3 for the validation screening (run.split: validation)
        assertThat(s.run().seeds()).as(config.toString()).isEqualTo(s.run().validation() ? 3 : 5);
        assertThat(s.fl().codec()).isEqualTo(ForecastingSettings.defaults().fl().codec());
      }
    }
  }
}
