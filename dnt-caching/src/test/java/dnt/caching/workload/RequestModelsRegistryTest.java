package dnt.caching.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The request models' table: the names users type, and what each name makes. */
final class RequestModelsRegistryTest {
  private static ZipfPopularity zipf() {
    return new ZipfPopularity(3, 200, 0.9, 0.3, Seeds.generator(1));
  }

  @Test
  void theNamesUsersTypeStayValid() {
    assertThat(RequestModels.REGISTRY.names()).containsExactly("zipf", "shot-noise");
    assertThat(RequestModels.named("ZIPF").name()).isEqualTo("zipf");
    assertThat(RequestModels.named("shot_noise").name()).isEqualTo("shot-noise");
    assertThat(RequestModels.named("SHOT_NOISE").name()).isEqualTo("shot-noise");
    assertThatThrownBy(() -> RequestModels.named("poisson"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown request model 'poisson'; known: zipf, shot-noise");
  }

  @Test
  void zipfIsThePopularityItselfAndShotNoiseDrawsTheSameAsTheShotNoiseSampler() {
    ZipfPopularity z = zipf();
    assertThat(RequestModels.named("zipf").factory().create(z, 200, RequestModels.Shots.DEFAULTS))
        .isSameAs(z);
    RequestModels.Shots s = RequestModels.Shots.DEFAULTS;
    ItemSampler viaTable = RequestModels.named("shot-noise").factory().create(zipf(), 200, s);
    ItemSampler direct =
        new ShotNoise(
            zipf(), s.arrivalRate(), s.meanVolume(), s.meanLifetime(), s.shotShare(), 200);
    RandomGenerator a = Seeds.generator(9);
    RandomGenerator b = Seeds.generator(9);
    boolean sawShot = false;
    for (int slot = 0; slot < 50; slot++) {
      viaTable.advance(slot, a);
      direct.advance(slot, b);
      for (int k = 0; k < 20; k++) {
        int item = viaTable.sample(k % 3, slot, a);
        assertThat(item).isEqualTo(direct.sample(k % 3, slot, b));
        sawShot |= item >= 200;
      }
    }
    assertThat(sawShot).as("shot contents take ids from the catalogue on").isTrue();
  }
}
