package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

final class UpdateCodecsTest {
  @Test
  void theRegistryMakesEachCodecFromItsOptions() {
    UpdateCodecs.Options o = new UpdateCodecs.Options(8, 0.25);
    assertThat(UpdateCodecs.REGISTRY.names()).containsExactly("none", "qsgd", "sign", "top-k");
    assertThat(UpdateCodecs.REGISTRY.factory("QSGD").apply(o).bytes(100)).isEqualTo(4 + 100);
    assertThat(UpdateCodecs.REGISTRY.factory("top-k").apply(o).bytes(100)).isEqualTo(8 * 25);
    assertThat(UpdateCodecs.REGISTRY.factory("sign").apply(o).bytes(100)).isEqualTo(4 + 13);
    assertThat(UpdateCodecs.REGISTRY.factory("none").apply(o).identity()).isTrue();
    assertThatThrownBy(() -> UpdateCodecs.REGISTRY.factory("zip"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown update codec 'zip'");
  }

  @Test
  void optionsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> new UpdateCodecs.Options(17, 0.1)).hasMessageContaining("bits");
    assertThatThrownBy(() -> new UpdateCodecs.Options(4, 0)).hasMessageContaining("density");
    assertThatThrownBy(() -> new UpdateCodecs.Options(4, 1.5)).hasMessageContaining("density");
  }
}
