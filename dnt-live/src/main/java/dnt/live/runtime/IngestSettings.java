package dnt.live.runtime;

import com.typesafe.config.Config;
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
   * The settings of a node's configuration.
   *
   * @param config the resolved configuration
   * @return the settings
   */
  public static IngestSettings of(Config config) {
    Config c = config.getConfig(PATH);
    return new IngestSettings(
        c.getInt("partitions"),
        c.getDuration("flush-interval"),
        c.getInt("flush-rows"),
        c.getInt("snapshot-every"),
        c.getDuration("resend-after"),
        c.getDuration("keep-alive"));
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
