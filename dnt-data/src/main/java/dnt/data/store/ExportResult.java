package dnt.data.store;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param rows data rows written (header excluded)
 * @param gaps slots of the selection that no ingested file held; their steps have no row
 * @param synthetic whether the store holds synthetic data (then the export has a {@code .synthetic}
 *     sidecar)
 */
public record ExportResult(long rows, List<TimeRange> gaps, boolean synthetic) {
  /** Copies the gap list. */
  public ExportResult {
    gaps = List.copyOf(gaps);
  }
}
