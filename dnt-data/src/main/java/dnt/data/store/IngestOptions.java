package dnt.data.store;

import dnt.core.util.Progress;
import dnt.data.raw.DataverseMetadata;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to ingest.
 *
 * @param verify check each file's MD5 against {@code metadata} and refuse a mismatch
 * @param skipBad count and skip malformed rows instead of stopping at the first
 * @param metadata the dataset metadata for {@code verify} (may be null when not verifying)
 * @param progress receives (files done, files, message) updates
 */
public record IngestOptions(
    boolean verify, boolean skipBad, @Nullable DataverseMetadata metadata, Progress progress) {
  /** Checks that verification has metadata. */
  public IngestOptions {
    Objects.requireNonNull(progress, "progress");
    if (verify && metadata == null) {
      throw new IllegalArgumentException("verification needs the dataset metadata");
    }
  }

  /**
   * Strict ingest without verification or progress.
   *
   * @return the options
   */
  public static IngestOptions defaults() {
    return new IngestOptions(false, false, null, Progress.NONE);
  }
}
