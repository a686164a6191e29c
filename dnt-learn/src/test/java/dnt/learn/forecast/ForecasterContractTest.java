package dnt.learn.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every registered forecaster architecture passes, run over {@link
 * Architectures#REGISTRY}'s names: the registry makes a network that reports its registry name (in
 * any letter case of the name); its parameter count is positive and equals PyTorch's for the same
 * layers (computed here from the layer formulas, {@link #PARAMETERS}); a forecaster predicts one
 * finite value per window; initialisation and training are deterministic for a seed, training keeps
 * the parameter vector's length and moves it; and a copy made from the flat parameters predicts
 * exactly as the original.
 *
 * <p>A member registered without a parameter formula here fails {@link
 * #everyRegisteredArchitectureIsCovered()}, so no architecture joins the registry unchecked.
 */
final class ForecasterContractTest {
  /** Hour-of-day inputs (3 features), closeness 3 and a period of 2 days. */
  static final WindowSpec SPEC = new WindowSpec(3, 2, 24, true, true, false);

  static final Architectures.Options OPTIONS = new Architectures.Options(SPEC, 5, 2, 0.2);

  /** The spatial architectures' windows: SPEC with a trend of 1 week and a 3 x 3 patch. */
  static final WindowSpec SPATIAL_SPEC = SPEC.withSpatial(1, 3);

  static final Architectures.Options SPATIAL_OPTIONS =
      new Architectures.Options(SPATIAL_SPEC, 5, 2, 0.2);

  static Architectures.Options options(String name) {
    return Architectures.spatial(name) ? SPATIAL_OPTIONS : OPTIONS;
  }

  /** A 3 x 3 convolution's weights and bias ({@code torch.nn.Conv2d(in, out, k)}). */
  static int conv(int in, int out, int kernel) {
    return in * out * kernel * kernel + out;
  }

  /**
   * PyTorch's parameter count of one stack ({@code torch.nn.LSTM} / {@code torch.nn.GRU}): per
   * layer, {@code gates * H * (in + H + 2)} (input and hidden weights, two biases).
   */
  static int stack(int gates, int input, int hidden, int layers) {
    int n = 0;
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? input : hidden;
      n += gates * hidden * (in + hidden + 2);
    }
    return n;
  }

  /** {@code torch.nn.Linear(in, out)}: weights and bias. */
  static int linear(int in, int out) {
    return in * out + out;
  }

  /** Every registered architecture's parameter count, from the layers its javadoc describes. */
  static final Map<String, ToIntFunction<Architectures.Options>> PARAMETERS =
      Map.of(
          "dual-lstm",
          o -> 2 * stack(4, o.windows().features(), o.hidden(), o.layers()) + linear(o.hidden(), 1),
          "lstm",
          o -> stack(4, o.windows().features(), o.hidden(), o.layers()) + linear(o.hidden(), 1),
          "gru",
          o -> stack(3, o.windows().features(), o.hidden(), o.layers()) + linear(o.hidden(), 1),
          "mlp",
          o -> {
            int in = (o.windows().closeness() + o.windows().period()) * o.windows().features();
            int n = linear(in, o.hidden());
            for (int l = 1; l < o.layers(); l++) {
              n += linear(o.hidden(), o.hidden());
            }
            return n + linear(o.hidden(), 1);
          },
          "st-densenet",
          o -> {
            int g = Math.max(1, o.hidden() / 2);
            int cf = o.windows().cellFeatures();
            int n = 0;
            int branches = 0;
            for (int frames :
                new int[] {o.windows().closeness(), o.windows().period(), o.windows().trend()}) {
              if (frames == 0) {
                continue;
              }
              branches++;
              n += conv(frames * cf + 1, g, 3);
              for (int l = 0; l < o.layers(); l++) {
                n += conv(g * (l + 1), g, 3);
              }
              n += conv(g * (o.layers() + 1), 1, 1);
            }
            return n + linear(branches, 1);
          },
          "graph-gru",
          o ->
              linear(o.windows().cellFeatures(), o.hidden())
                  + linear(o.hidden(), o.hidden())
                  + stack(3, o.hidden() + o.windows().cellFeatures(), o.hidden(), o.layers())
                  + linear(o.hidden(), 1));

  static Windows series(int n, double phase) {
    float[] x = new float[n + 48];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (Math.sin(2 * Math.PI * i / 24.0 + phase) + 0.1 * Math.cos(i * 0.7));
    }
    return new WindowBuilder(SPEC, 0).build(x, 48, 48 + n, "contract");
  }

  /**
   * The windows an architecture reads: {@link #series(int, double)}'s for a per-cell one; for a
   * spatial one, a 3 x 3 patch of shifted series with the north-east corner outside the data.
   */
  static Windows series(String name, int n, double phase) {
    if (!Architectures.spatial(name)) {
      return series(n, phase);
    }
    int history = SPATIAL_SPEC.history();
    float[][] patch = new float[9][n + history];
    boolean[] present = new boolean[9];
    for (int j = 0; j < 9; j++) {
      present[j] = j != 8;
      for (int i = 0; i < n + history; i++) {
        patch[j][i] =
            (float) (Math.sin(2 * Math.PI * i / 24.0 + phase + 0.2 * j) + 0.1 * Math.cos(i * 0.7));
      }
    }
    return new WindowBuilder(SPATIAL_SPEC, 0)
        .buildPatch(patch, present, history, history + n, "contract");
  }

  static Architecture make(String name) {
    return Architectures.REGISTRY.factory(name).apply(options(name));
  }

  static Stream<DynamicTest> everyArchitecture(Consumer<String> check) {
    return Architectures.REGISTRY.names().stream()
        .map(n -> DynamicTest.dynamicTest(n, () -> check.accept(n)));
  }

  @Test
  void everyRegisteredArchitectureIsCovered() {
    assertThat(PARAMETERS.keySet())
        .containsExactlyInAnyOrderElementsOf(Architectures.REGISTRY.names());
  }

  @TestFactory
  Stream<DynamicTest> theNameRoundTripsThroughTheRegistryInAnyLetterCase() {
    return everyArchitecture(
        name -> {
          assertThat(make(name).name()).isEqualTo(name);
          String upper = name.toUpperCase(Locale.ROOT);
          assertThat(Architectures.REGISTRY.canonicalName(upper)).isEqualTo(name);
          assertThat(Architectures.REGISTRY.factory(upper).apply(options(name)))
              .isEqualTo(make(name));
          assertThat(Architectures.REGISTRY.descriptions().get(name)).isNotBlank();
        });
  }

  @TestFactory
  Stream<DynamicTest> theParameterCountIsPositiveAndPyTorchs() {
    return everyArchitecture(
        name -> {
          Architecture a = make(name);
          int expected = PARAMETERS.get(name).applyAsInt(options(name));
          assertThat(expected).isPositive();
          assertThat(a.parameterCount()).isEqualTo(expected);
          assertThat(a.initialParameters(new java.util.Random(1))).hasSize(expected);
          assertThat(a.windows()).isEqualTo(options(name).windows());
          assertThat(a.dropout()).isEqualTo(OPTIONS.dropout());
        });
  }

  @TestFactory
  Stream<DynamicTest> aForecasterPredictsOneFiniteValuePerWindow() {
    return everyArchitecture(
        name -> {
          Windows data = series(name, 37, 0.3);
          float[] p = Forecaster.initialise(make(name), 4).predict(data);
          assertThat(p).hasSize(data.count()).hasSize(37);
          for (float v : p) {
            assertThat(Float.isFinite(v)).as(name).isTrue();
          }
          assertThat(Forecaster.initialise(make(name), 4).predict(series(name, 0, 0))).isEmpty();
        });
  }

  @TestFactory
  Stream<DynamicTest> initialisationAndTrainingAreDeterministicForASeed() {
    TrainingRecipe recipe = new TrainingRecipe(1, 8, TrainingRecipe.Optimizer.ADAM, 0.01, 0, true);
    return everyArchitecture(
        name -> {
          Windows data = series(name, 24, 1.1);
          Forecaster a = Forecaster.initialise(make(name), 9);
          Forecaster b = Forecaster.initialise(make(name), 9);
          assertThat(a.parameters()).containsExactly(b.parameters());
          assertThat(Forecaster.initialise(make(name), 10).parameters())
              .isNotEqualTo(a.parameters());
          float[] start = a.parameters();
          a.fit(data, recipe, 3);
          b.fit(data, recipe, 3);
          assertThat(a.parameters()).as(name).containsExactly(b.parameters());
          assertThat(a.parameters()).hasSameSizeAs(start).isNotEqualTo(start);
          assertThat(a.predict(data)).containsExactly(b.predict(data));
        });
  }

  @TestFactory
  Stream<DynamicTest> aCopyFromTheFlatParametersPredictsExactlyAsTheOriginal() {
    return everyArchitecture(
        name -> {
          Windows data = series(name, 30, 2.0);
          Forecaster original = Forecaster.initialise(make(name), 21);
          Forecaster copy = Forecaster.of(make(name), original.parameters());
          assertThat(copy.parameters()).containsExactly(original.parameters());
          assertThat(copy.predict(data)).containsExactly(original.predict(data));
          Forecaster other = Forecaster.initialise(make(name), 22);
          other.setParameters(original.parameters());
          assertThat(other.predict(data)).containsExactly(original.predict(data));
        });
  }
}
