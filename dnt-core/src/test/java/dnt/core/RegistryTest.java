package dnt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

final class RegistryTest {
  private static final Registry<IntFunction<String>> SHAPES =
      Registry.<IntFunction<String>>of("shape")
          .add("square", "four equal sides", n -> "square " + n)
          .add("right-triangle", "one right angle", n -> "triangle " + n)
          .alias("rt", "right-triangle")
          .build();

  @Test
  void namesKeepRegistrationOrderAndLeaveAliasesOut() {
    assertThat(SHAPES.names()).containsExactly("square", "right-triangle");
    assertThat(SHAPES.descriptions())
        .containsExactly(
            java.util.Map.entry("square", "four equal sides"),
            java.util.Map.entry("right-triangle", "one right angle"));
    assertThat(SHAPES.entries()).extracting(Registry.Entry::name).isEqualTo(SHAPES.names());
  }

  @Test
  void lookupIgnoresLetterCaseAndFollowsAliases() {
    assertThat(SHAPES.canonicalName("Right-Triangle")).isEqualTo("right-triangle");
    assertThat(SHAPES.canonicalName(" RT ")).isEqualTo("right-triangle");
    assertThat(SHAPES.factory("SQUARE").apply(3)).isEqualTo("square 3");
    assertThat(SHAPES.contains("rt")).isTrue();
    assertThat(SHAPES.contains("circle")).isFalse();
  }

  @Test
  void aFamilyMayReadUnderscoresAsHyphensAndOthersDoNot() {
    Registry<Integer> lenient =
        Registry.<Integer>of("model").underscoresAsHyphens().add("shot-noise", "d", 1).build();
    assertThat(lenient.canonicalName("SHOT_NOISE")).isEqualTo("shot-noise");
    assertThatThrownBy(() -> lenient.canonicalName("shot_nois"))
        .hasMessage("unknown model 'shot_nois'; known: shot-noise");
    assertThat(SHAPES.contains("right_triangle")).isFalse();
  }

  @Test
  void anUnknownNameIsAUserErrorListingTheKnownNames() {
    assertThatThrownBy(() -> SHAPES.factory("circle"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown shape 'circle'; known: square, right-triangle");
  }

  @Test
  void badTablesAreProgrammingErrors() {
    assertThatThrownBy(() -> Registry.<Integer>of("x").add("Upper", "d", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowercase");
    assertThatThrownBy(() -> Registry.<Integer>of("x").add("a", "d", 1).add("a", "e", 2))
        .hasMessage("x 'a' is registered twice");
    assertThatThrownBy(() -> Registry.<Integer>of("x").add("a", "d", 1).alias("a", "a"))
        .hasMessage("x 'a' is registered twice");
    assertThatThrownBy(() -> Registry.<Integer>of("x").alias("b", "a"))
        .hasMessageContaining("unknown name 'a'");
    assertThatThrownBy(() -> Registry.<Integer>of("x").add("a", " ", 1))
        .hasMessageContaining("description");
    assertThatThrownBy(() -> Registry.<Integer>of("x").build()).hasMessageContaining("no member");
  }
}
