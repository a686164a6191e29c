package dnt.live.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.core.InvalidInputException;

/**
 * The node's own settings, {@code dnt-live.*} of its configuration (docs/live.md): the ingest log's
 * ({@link IngestSettings}) and the cell twins' retention window ({@link CellRetention}), each
 * checked. Read before anything is created, so that a bad value stops a start with one sentence
 * naming the setting and leaves no state folder, token or journal behind ({@code dnt serve} exits
 * 2).
 *
 * @param ingest the ingest log's settings
 * @param retention the retention window
 */
public record LiveConfig(IngestSettings ingest, CellRetention retention) {
  /** The node's own settings file on the class path. */
  static final String RESOURCE = "dnt-live.conf";

  /**
   * The settings this JVM's node would run with: Java system properties (such as {@code
   * -Ddnt-live.ingest-log.partitions=0}, as {@code DNT_JAVA_OPTS} passes them) over {@code
   * dnt-live.conf}, as {@link TwinRuntime#start} reads them.
   *
   * @return the settings
   * @throws InvalidInputException in one sentence naming the first bad setting
   */
  public static LiveConfig read() {
    ClassLoader loader = LiveConfig.class.getClassLoader();
    return of(
        ConfigFactory.defaultOverrides(loader)
            .withFallback(ConfigFactory.parseResources(loader, RESOURCE))
            .resolve());
  }

  /**
   * The settings of a resolved configuration.
   *
   * @param config the configuration
   * @return the settings
   * @throws InvalidInputException in one sentence naming the first bad setting
   */
  static LiveConfig of(Config config) {
    return new LiveConfig(IngestSettings.of(config), CellRetention.of(config));
  }
}
