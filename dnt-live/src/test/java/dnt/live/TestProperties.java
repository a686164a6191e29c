package dnt.live;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Java system properties that a test sets for the twins it starts (Pekko's configuration reads
 * them, e.g. {@code dnt-live.ingest-log.partitions}), and puts back after: a run of the suite may
 * set some of them for every test.
 */
final class TestProperties {
  private TestProperties() {}

  /**
   * The current values of some properties, {@code null} for one not set.
   *
   * @param keys the properties
   * @return their values
   */
  static Map<String, @Nullable String> current(Iterable<String> keys) {
    Map<String, @Nullable String> values = new HashMap<>();
    keys.forEach(k -> values.put(k, System.getProperty(k)));
    return values;
  }

  /**
   * Sets properties (clearing those whose value is {@code null}) and drops Typesafe Config's cached
   * system properties, so that the next twin started reads them.
   *
   * @param values the values
   */
  static void set(Map<String, @Nullable String> values) {
    values.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
    ConfigFactory.invalidateCaches();
  }
}
