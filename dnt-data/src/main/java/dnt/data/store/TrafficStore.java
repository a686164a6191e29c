package dnt.data.store;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.TrafficDataset;
import dnt.data.raw.RawFiles;
import dnt.data.raw.RawReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The traffic store: one embedded DuckDB file holding, for every ingested (cell, slot), the
 * activity summed over the country codes of the raw rows.
 *
 * <p>Schema (layout version {@value StoreSchema#VERSION}): {@code traffic(cell INTEGER, time
 * BIGINT, smsin, smsout, callin, callout, internet DOUBLE)}, one row per (cell, slot) that a raw
 * file holds a row for; {@code slots(file, time)} the slots each file holds (what was ingested, so
 * that a slot without a row in any file is a gap, and a cell without a row in an ingested slot had
 * no activity: 0); {@code files} every ingested file; {@code dnt_store} marks the database as a dnt
 * store.
 *
 * <p><b>Ingest never counts a slot twice: it refuses a file that holds a slot an earlier file
 * holds</b>, naming both files (a day ingested again under another name, or two overlapping files),
 * and leaves the store as it was. A file whose name, size and modification time match a file
 * already ingested is skipped. Inside one file, a key (cell, slot, country code) seen twice keeps
 * its later line, and the replaced lines are counted.
 *
 * <p>Ingest streams: a raw tab-separated file (plain or gzip) is parsed in chunks by every core at
 * once inside one DuckDB {@code INSERT} (see {@link SlotSumFunction}); any file that parser does
 * not accept, and every CSV re-export, goes through the validating {@link RawReader} instead, which
 * reports {@code file:line: what is wrong} (or skips and counts bad rows with {@code skipBad}). The
 * Java heap holds a few chunks of 8 MB, whatever the file size.
 *
 * <p><b>Protected storage</b> (paper Sec. III-C3, which asks for encryption and data minimisation
 * of the twin's data; how is ours): opened with a {@link StoreKey}, the store is DuckDB's encrypted
 * database (AES-256-GCM per block); without its key, or with another, it is refused in one
 * sentence. A store made with {@link Minimisation#HOURLY} keeps only hourly series per cell (see
 * {@link Minimisation}) and refuses 10-minute selections.
 *
 * <p>This class is the facade: {@link StoreSchema} creates and checks the tables, {@link
 * StoreIngest} runs the ingest pipeline and {@link StoreQueries} answers the queries, all on the
 * store's one connection.
 *
 * <p>A store holds one DuckDB connection and is not thread-safe; DuckDB itself uses all cores
 * inside each query. A store file can be open for writing in one process at a time.
 */
public final class TrafficStore implements AutoCloseable {
  /** The suffix of the sidecar file that labels a data file synthetic. */
  public static final String SYNTHETIC_SIDECAR = ".synthetic";

  private static final String SYNTHETIC_PREFIX = "synthetic-";

  private final Path path;
  private final boolean encrypted;
  private final Minimisation minimisation;
  private final Connection conn;
  private final StoreIngest ingest;
  private final StoreQueries queries;

  private TrafficStore(Path path, boolean encrypted, Connection conn, Minimisation minimisation) {
    this.path = path;
    this.encrypted = encrypted;
    this.minimisation = minimisation;
    this.conn = conn;
    this.ingest = new StoreIngest(conn, minimisation);
    this.queries = new StoreQueries(path, conn, minimisation);
  }

  /**
   * Connects, then creates the schema ({@code createWith} non-null) or checks it.
   *
   * @param createWith the detail a new store keeps, or null to open an existing store
   */
  private static TrafficStore connect(
      Path path, @Nullable StoreKey key, boolean readOnly, @Nullable Minimisation createWith) {
    Connection conn = StoreSchema.connect(path, readOnly, key);
    try {
      Minimisation m;
      if (createWith != null) {
        StoreSchema.create(conn, createWith);
        m = createWith;
      } else {
        m = StoreSchema.check(conn, path);
      }
      return new TrafficStore(path, key != null, conn, m);
    } catch (RuntimeException e) {
      try {
        conn.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Opens a store for writing, creating it (and its folder) if absent.
   *
   * @param path the store file
   * @return the store
   * @throws InvalidInputException if the path exists but is not a store, or its folder cannot be
   *     created
   */
  public static TrafficStore create(Path path) {
    return create(path, null, Minimisation.NONE);
  }

  /**
   * Opens a store for writing, creating it (and its folder) if absent.
   *
   * <p>With a key, the store is encrypted at rest: a new one is created encrypted, an existing one
   * must have been made with this key. DuckDB writes encrypted blocks only with its httpfs
   * extension (OpenSSL); without it, writing is refused (reading needs no extension).
   *
   * <p>A new store keeps the detail {@code minimisation} asks for, recorded in the store; every
   * later ingest applies it. An existing store keeps what it was made with: {@link
   * Minimisation#HOURLY} for a store of 10-minute slots is refused (its detail cannot be dropped in
   * place), {@link Minimisation#NONE} accepts either kind.
   *
   * @param path the store file
   * @param key the store's key, or null for a store in the clear
   * @param minimisation the detail a new store keeps
   * @return the store
   * @throws InvalidInputException if the path exists but is not a store, its folder cannot be
   *     created, the store is encrypted and {@code key} is null or another key, a key is given for
   *     a store in the clear, DuckDB cannot write encrypted files here, or an existing store keeps
   *     10-minute slots and {@code minimisation} asks for hours
   */
  public static TrafficStore create(Path path, @Nullable StoreKey key, Minimisation minimisation) {
    boolean exists = Files.exists(path);
    if (exists && !Files.isRegularFile(path)) {
      throw new InvalidInputException("the store path " + path + " is a folder, not a store file");
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot create the folder of the store " + path + ": " + e.getMessage(), e);
    }
    if (!exists) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null && !Files.isWritable(parent)) {
        throw new InvalidInputException(
            "cannot create the store " + path + ": its folder is not writable");
      }
    }
    TrafficStore store = connect(path, key, false, exists ? null : minimisation);
    if (minimisation != Minimisation.NONE && store.minimisation != minimisation) {
      store.close();
      throw new InvalidInputException(
          "the store "
              + path
              + " keeps 10-minute slots and cannot be minimised in place; ingest its files"
              + " into a new store with --minimise "
              + minimisation.label());
    }
    return store;
  }

  /**
   * Opens a store for writing (see {@link #create(Path, StoreKey, Minimisation)}), keeping the
   * detail of an existing store and 10-minute slots in a new one.
   *
   * @param path the store file
   * @param key the store's key, or null for a store in the clear
   * @return the store
   * @throws InvalidInputException as {@link #create(Path, StoreKey, Minimisation)}
   */
  public static TrafficStore create(Path path, @Nullable StoreKey key) {
    return create(path, key, Minimisation.NONE);
  }

  /**
   * Opens an existing store read-only.
   *
   * @param path the store file
   * @return the store
   * @throws InvalidInputException if the file is missing or is not a store
   */
  public static TrafficStore open(Path path) {
    return open(path, null);
  }

  /**
   * Opens an existing store read-only, decrypting it with a key if it is encrypted. Reading an
   * encrypted store needs no DuckDB extension.
   *
   * @param path the store file
   * @param key the store's key, or null for a store in the clear
   * @return the store
   * @throws InvalidInputException if the file is missing or is not a store, it is encrypted and
   *     {@code key} is null or another key, or a key is given for a store in the clear
   */
  public static TrafficStore open(Path path, @Nullable StoreKey key) {
    if (Files.isDirectory(path)) {
      throw new InvalidInputException("the store path " + path + " is a folder, not a store file");
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          "no store at " + path + "; create one with dnt data ingest FILE... --store " + path);
    }
    return connect(path, key, true, null);
  }

  /**
   * The detail the store keeps: 10-minute slots, or hours only.
   *
   * @return the store's minimisation
   */
  public Minimisation minimisation() {
    return minimisation;
  }

  /**
   * The store file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Whether the store is encrypted at rest (it was opened with a key).
   *
   * @return true for an encrypted store
   */
  public boolean encrypted() {
    return encrypted;
  }

  /**
   * Ingests files (or folders of files) into the store, one transaction per file. A file that holds
   * a slot an earlier file holds is refused. A file whose name, size and modification time match a
   * file already ingested is skipped (ingesting it again would change nothing).
   *
   * @param inputs files and folders; folders give their data files sorted by name
   * @param options verification, bad-row policy and progress
   * @return the summary
   * @throws InvalidInputException at the first malformed row (unless skipping bad rows), for an MD5
   *     mismatch, for a missing input, for a file that cannot be read (a truncated {@code .gz}), or
   *     for a file holding a slot that an earlier file holds (the message names both); files before
   *     it stay ingested, nothing of it is stored
   */
  public IngestSummary ingest(List<Path> inputs, IngestOptions options) {
    return ingest.ingest(inputs, options);
  }

  /**
   * Whether a data file is labelled synthetic: its name starts with {@code synthetic-} (what {@code
   * dnt data synth} writes), or a sidecar file of the same name plus {@value #SYNTHETIC_SIDECAR}
   * lies next to it (what {@code dnt data export} writes for an export of synthetic data).
   *
   * @param file a data file
   * @return true when the file is labelled synthetic
   */
  public static boolean isSynthetic(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(SYNTHETIC_PREFIX)
        || Files.exists(sidecarOf(file))
        || Files.exists(sidecarOf(file.resolveSibling(RawFiles.plainName(file))));
  }

  /**
   * The sidecar that labels a data file synthetic.
   *
   * @param file a data file
   * @return {@code file} with {@value #SYNTHETIC_SIDECAR} appended to its name
   */
  public static Path sidecarOf(Path file) {
    return file.resolveSibling(file.getFileName() + SYNTHETIC_SIDECAR);
  }

  /**
   * Summarises the store.
   *
   * @return cells, span, totals, gaps, raw and stored rows, replaced rows and file counts
   */
  public StoreInfo info() {
    return queries.info();
  }

  /**
   * The cells with any row, ascending.
   *
   * @return the cells
   */
  public List<CellId> cells() {
    return queries.cells();
  }

  /**
   * Whether any ingested file is synthetic.
   *
   * @return true when the store holds synthetic data
   */
  public boolean hasSyntheticData() {
    return queries.hasSyntheticData();
  }

  /**
   * The ranges of 10-minute slots inside a selection that no ingested file holds (never ingested,
   * as opposed to ingested without activity).
   *
   * @param sel cells, range and resolution
   * @return the gaps, in time order, each a maximal run of missing slots
   * @throws InvalidInputException if the selection is outside the store's span
   */
  public List<TimeRange> gaps(Selection sel) {
    return queries.gaps(sel);
  }

  /**
   * Writes the exact export CSV: header {@code cell,time,smsin,smsout,callin,callout,internet}, one
   * row per (cell, step), {@code time} the step's first slot in epoch ms UTC, values summed over
   * country codes (0 for an ingested slot without activity), ordered by cell then time. A step with
   * a slot that no file held (a gap) has no row; the gaps are returned. The file is written under a
   * temporary name in its folder and moved into place, so a failure leaves no partial file. When
   * the store holds synthetic data, a sidecar {@code out.synthetic} is written next to the CSV (and
   * a stale one removed otherwise).
   *
   * @param sel cells, range and resolution
   * @param out the CSV file to write (its folder must exist)
   * @param overwrite whether an existing {@code out} may be replaced
   * @return rows written and the gaps left out
   * @throws InvalidInputException for a range outside the store's span, an unaligned bound, an
   *     existing {@code out} without {@code overwrite}, or an output that cannot be written
   */
  public ExportResult export(Selection sel, Path out, boolean overwrite) {
    return queries.export(sel, out, overwrite);
  }

  /**
   * Loads a selection as a dataset of all five services, labelled synthetic when the store holds
   * synthetic data.
   *
   * @param sel cells, range and resolution
   * @return the dataset (cells ascending)
   * @throws InvalidInputException if the selection is outside the store's span or holds a gap (a
   *     slot no file held: a dense dataset would have to fill it with zeros)
   */
  public TrafficDataset load(Selection sel) {
    return queries.load(sel);
  }

  /**
   * Describes gaps for a message: the first few ranges in Milan time, and how many more.
   *
   * @param gaps the gaps
   * @return e.g. {@code 2013-11-02T00:00+01:00 .. 2013-11-03T00:00+01:00 (144 slots)}
   */
  public static String describe(List<TimeRange> gaps) {
    return StoreQueries.describe(gaps);
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw StoreSql.failure("cannot close the store " + path, e);
    }
  }
}
