package dnt.data.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import org.jspecify.annotations.Nullable;

/**
 * The DuckDB table function {@value #NAME}{@code ()} that the fast ingest inserts from: DuckDB's
 * worker threads each call it for rows, and each parses its own chunks of the current {@link Job}'s
 * file with a {@link SlotSumParser}, so parsing, summing and DuckDB's compressed table writes run
 * on every core at once (no CSV reader, no hash aggregate, no per-value appender call).
 */
final class SlotSumFunction
    implements DuckDBTableFunction<Boolean, SlotSumFunction.Job, SlotSumFunction.Worker> {
  /** The SQL name of the function. */
  static final String NAME = "dnt_slot_sums";

  /** One file's parse: its chunks, and what the workers saw. */
  static final class Job {
    private final RawChunkReader reader;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong groups = new AtomicLong();
    private volatile @Nullable String stopped;

    /**
     * A parse of one file.
     *
     * @param file a raw tab-separated file, plain or gzip
     * @param md5 whether to compute its MD5 on the way
     * @param chunkBytes the nominal chunk size
     */
    Job(Path file, boolean md5, int chunkBytes) {
      this.reader = new RawChunkReader(file, md5, chunkBytes);
    }

    private synchronized Worker newWorker() {
      Worker w = new Worker(this);
      workers.add(w);
      return w;
    }

    /** Why the parse stopped early (the file is not plain), or null if it ran to the end. */
    @Nullable String stopped() {
      return stopped;
    }

    /** Raw lines parsed. */
    synchronized long rows() {
      long n = 0;
      for (Worker w : workers) {
        for (SlotSumParser.ChunkSummary c : w.parser.summaries()) {
          n += c.rows();
        }
      }
      return n;
    }

    /** Whether no (cell, slot) occurs in two places of the file (see SlotSumParser). */
    synchronized boolean keysDistinct() {
      List<SlotSumParser.ChunkSummary> all = new ArrayList<>();
      for (Worker w : workers) {
        all.addAll(w.parser.summaries());
      }
      return SlotSumParser.keysDistinct(all);
    }

    /** The slots the file holds, epoch ms, ascending. */
    synchronized Set<Long> slots() {
      Set<Long> out = new TreeSet<>();
      for (Worker w : workers) {
        w.parser.slotsInto(out);
      }
      return out;
    }

    /** Bytes read (after decompression). */
    long bytes() {
      return reader.bytes();
    }

    /** The MD5 of the file, if asked for and read to the end. */
    @Nullable String md5() {
      return reader.md5();
    }

    /** Closes the file. */
    void close() {
      reader.close();
    }
  }

  /** One DuckDB thread's state: its parser and the chunk it is in. */
  static final class Worker {
    private final Job job;
    private final SlotSumParser parser = new SlotSumParser();
    private RawChunkReader.@Nullable Chunk chunk;

    private Worker(Job job) {
      this.job = job;
    }
  }

  private volatile @Nullable Job job;

  /**
   * Sets the file that the next {@code SELECT * FROM dnt_slot_sums()} parses.
   *
   * @param job the parse, or null
   */
  void use(@Nullable Job job) {
    this.job = job;
  }

  @Override
  public Boolean bind(DuckDBTableFunctionBindInfo info) {
    info.addResultColumn("cell", DuckDBColumnType.INTEGER);
    info.addResultColumn("time", DuckDBColumnType.BIGINT);
    for (String service : new String[] {"smsin", "smsout", "callin", "callout", "internet"}) {
      info.addResultColumn(service, DuckDBColumnType.DOUBLE);
    }
    return Boolean.TRUE;
  }

  @Override
  public Job init(DuckDBTableFunctionInitInfo info) {
    Job j = job;
    if (j == null) {
      throw new IllegalStateException(NAME + " has no file to parse");
    }
    info.setMaxThreads(Runtime.getRuntime().availableProcessors());
    return j;
  }

  @Override
  public Worker localInit(DuckDBTableFunctionInitInfo info) {
    Job j = job;
    if (j == null) {
      throw new IllegalStateException(NAME + " has no file to parse");
    }
    return j.newWorker();
  }

  @Override
  public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter out) {
    Worker w = call.getLocalInitData();
    Job j = w.job;
    SlotSumParser parser = w.parser;
    int capacity = (int) out.capacity();
    DuckDBWritableVector cells = out.vector(0);
    DuckDBWritableVector times = out.vector(1);
    DuckDBWritableVector[] values = new DuckDBWritableVector[5];
    for (int k = 0; k < 5; k++) {
      values[k] = out.vector(2 + k);
    }
    int n = 0;
    try {
      while (n < capacity) {
        if (w.chunk == null) {
          if (j.stopped != null) {
            break;
          }
          RawChunkReader.Chunk next = j.reader.next();
          if (next == null) {
            break;
          }
          w.chunk = next;
          parser.start(next.seq(), next.bytes(), next.length());
        }
        if (!parser.next()) {
          parser.finish();
          j.reader.release(w.chunk.bytes());
          w.chunk = null;
          continue;
        }
        cells.setInt(n, parser.cell);
        times.setLong(n, parser.time);
        for (int k = 0; k < 5; k++) {
          values[k].setDouble(n, parser.sums[k]);
        }
        n++;
      }
    } catch (SlotSumParser.NotPlain | java.io.UncheckedIOException e) {
      j.stopped = e.getMessage();
      throw e;
    }
    j.groups.addAndGet(n);
    return n;
  }
}
