package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The live twin gives PyTorch one thread unless told otherwise, so that its training thread takes
 * at most one core (PyTorch's default is one spinning OpenMP thread per core).
 */
final class PyTorchThreadsTest {
  @Test
  void absentSettingsBecomeOneAndGivenOnesStay() {
    Properties none = new Properties();
    ForecastRuntime.onePyTorchThread(none);
    assertThat(none.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    assertThat(none.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("1");

    Properties given = new Properties();
    given.setProperty("ai.djl.pytorch.num_threads", "4");
    ForecastRuntime.onePyTorchThread(given);
    assertThat(given.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("4");
    assertThat(given.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("1");
  }
}
