package dnt.live.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dnt.core.InvalidInputException;
import java.time.Duration;

/**
 * The settings of the per-batch ingest log ({@link IngestLog}), read from {@code
 * dnt-live.ingest-log} of the node's configuration (docs/live.md, "The ingest log"); a Java system
 * property such as {@code -Ddnt-live.ingest-log.partitions=4} overrides it, as any Pekko setting.
 *
 * @param partitions log partitions ({@code ingest|0} ... {@code ingest|P-1}); 0 turns the log off
 *     (every batch is one {@link CellTwin.Observed} event per touched cell, as before)
 * @param flushInterval the longest a cell twin holds applied rows before it journals them
 * @param flushRows a cell twin journals its buffered rows at once when it holds this many
 * @param snapshotEvery log events between a partition's snapshots (older log events are deleted)
 * @param resendAfter a batch that has been pending this long is sent again to the cells that have
 *     not confirmed it
 * @param keepAlive how often every node ticks every partition (starts them after a restart or a
 *     node loss, and drives the re-sending)
 */
public record IngestSettings(
    int partitions,
    Duration flushInterval,
    int flushRows,
    int snapshotEvery,
    Duration resendAfter,
    Duration keepAlive) {

  /** The configuration path. */
  public static final String PATH = "dnt-live.ingest-log";

  /** Checks the values. */
  public IngestSettings {
    if (partitions < 0 || flushRows < 1 || snapshotEvery < 1) {
      throw new IllegalArgumentException(
          PATH
              + ": partitions must be at least 0, flush-rows and snapshot-every at least 1, got "
              + partitions
              + ", "
              + flushRows
              + ", "
              + snapshotEvery);
    }
    if (flushInterval.isNegative()
        || flushInterval.isZero()
        || resendAfter.isNegative()
        || keepAlive.isNegative()
        || keepAlive.isZero()) {
      throw new IllegalArgumentException(
          PATH + ": flush-interval and keep-alive must be positive, resend-after not negative");
    }
  }

  /**
   * The settings of a node's configuration, each checked: a value of the wrong type, a duration
   * that does not parse, or one out of range fails with ONE sentence that names the setting (which
   * {@code dnt serve} shows with exit status 2), not Typesafe Config's exception.
   *
   * @param config the resolved configuration
   * @return the settings
   * @throws InvalidInputException naming the first bad setting
   */
  public static IngestSettings of(Config config) {
    Config c;
    try {
      c = config.getConfig(PATH);
    } catch (ConfigException e) {
      throw new InvalidInputException(
          PATH + " must be a group of settings (partitions, flush-interval, ...): " + reason(e), e);
    }
    int partitions = count(c, "partitions", 0, "0 turns the log off");
    Duration flushInterval = duration(c, "flush-interval", false);
    int flushRows = count(c, "flush-rows", 1, "rows a cell twin buffers before it journals them");
    int snapshotEvery = count(c, "snapshot-every", 1, "log events between snapshots");
    Duration resendAfter = duration(c, "resend-after", true);
    Duration keepAlive = duration(c, "keep-alive", false);
    return new IngestSettings(
        partitions, flushInterval, flushRows, snapshotEvery, resendAfter, keepAlive);
  }

  /** A whole number of at least {@code min}. */
  private static int count(Config c, String key, int min, String meaning) {
    String name = PATH + "." + key;
    Number n;
    try {
      n = c.getNumber(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidInputException(name + " is missing (" + meaning + ")", e);
    } catch (ConfigException e) {
      throw new InvalidInputException(
          name + ": " + shown(c, key) + " is not a whole number (" + meaning + ")", e);
    }
    // Typesafe Config's getInt would cut 1.5 to 1: only an int-sized whole number passes
    if (!(n instanceof Integer || n instanceof Long) || n.longValue() != n.intValue()) {
      throw new InvalidInputException(
          name + ": " + shown(c, key) + " is not a whole number (" + meaning + ")");
    }
    int v = n.intValue();
    if (v < min) {
      throw new InvalidInputException(
          name + ": " + v + " is below " + min + ", the least allowed (" + meaning + ")");
    }
    return v;
  }

  /** A duration, positive or (where {@code zeroAllowed}) not negative. */
  private static Duration duration(Config c, String key, boolean zeroAllowed) {
    String name = PATH + "." + key;
    Duration d;
    try {
      d = c.getDuration(key);
    } catch (ConfigException.Missing e) {
      throw new InvalidInputException(name + " is missing (a duration such as 2s)", e);
    } catch (ConfigException e) {
      throw new InvalidInputException(
          name + ": " + shown(c, key) + " is not a duration (such as 2s, 500ms or 1m)", e);
    }
    if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
      throw new InvalidInputException(
          name
              + ": "
              + shown(c, key)
              + " is "
              + (d.isNegative() ? "negative" : "zero")
              + "; give a "
              + (zeroAllowed ? "duration of 0 or more" : "positive duration")
              + " (such as 2s)");
    }
    return d;
  }

  /** The value as the user wrote it, quoted. */
  private static String shown(Config c, String key) {
    try {
      return "'" + c.getValue(key).unwrapped() + "'";
    } catch (ConfigException e) {
      return "its value";
    }
  }

  /** Typesafe Config's message without the origin's line noise, one line. */
  private static String reason(ConfigException e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  /**
   * Whether batches go through the log.
   *
   * @return partitions above 0
   */
  public boolean enabled() {
    return partitions > 0;
  }
}
