package dnt.data.store;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param files files ingested
 * @param filesSkipped files skipped because the store already holds them
 * @param rowsRead data rows read (good and bad)
 * @param rowsStored rows added to the store: one per (cell, slot), summed over country codes
 * @param rowsReplaced raw rows replaced by a later line of the same key (cell, slot, country code)
 *     in the same file (a slot is never taken from two files: ingest refuses that)
 * @param rowsRejected malformed rows skipped (only with {@code --skip-bad})
 * @param firstBadRows the first few {@code file:line: what is wrong} messages
 * @param bytes bytes read (after decompression)
 * @param synthetic whether any ingested file is synthetic
 * @param filesFastPath files loaded by the parallel parser (the others went through the validating
 *     Java reader)
 */
public record IngestSummary(
    int files,
    int filesSkipped,
    long rowsRead,
    long rowsStored,
    long rowsReplaced,
    long rowsRejected,
    List<String> firstBadRows,
    long bytes,
    boolean synthetic,
    int filesFastPath) {
  /** Copies the message list. */
  public IngestSummary {
    firstBadRows = List.copyOf(firstBadRows);
  }
}
