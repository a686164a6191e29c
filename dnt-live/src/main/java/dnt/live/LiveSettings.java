package dnt.live;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.milan.MilanGrid;
import dnt.data.network.CellGrid;
import dnt.data.network.OwnNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a live twin starts: its state folder, its journal, the cells it knows, how far ahead of the
 * clock a telemetry slot may be, and how often a cell twin snapshots its state.
 *
 * @param stateFolder the folder holding the embedded journal and the version marker
 * @param journal the journal database ({@link JournalSettings#embedded} by default)
 * @param knownCells the cells the twin accepts telemetry for (an immutable copy)
 * @param maxAhead how far after {@code clock}'s instant a slot may start; non-negative
 * @param clock the clock that {@code maxAhead} is measured against (injected for tests)
 * @param snapshotEvery a cell twin saves a snapshot every this many events; at least 1
 * @param integrity how cell twins check their stream's synchronization integrity
 * @param radio whether and how observed traffic drives a radio twin of Milan
 * @param forecast whether and how the twin trains forecasters online (V-twin, then H-twin)
 * @param network the user's own network (stations and cell grid), or null for Milan
 */
public record LiveSettings(
    Path stateFolder,
    JournalSettings journal,
    KnownCells knownCells,
    Duration maxAhead,
    Clock clock,
    int snapshotEvery,
    IntegritySettings integrity,
    RadioSettings radio,
    ForecastSettings forecast,
    @Nullable OwnNetwork network) {

  /** Default {@link #maxAhead()}: one day, so a clock skew or a time-zone slip is tolerated. */
  public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

  /** Default {@link #snapshotEvery()}. */
  public static final int DEFAULT_SNAPSHOT_EVERY = 100;

  /**
   * Validates the settings.
   *
   * @throws InvalidInputException for a negative {@code maxAhead} or {@code snapshotEvery} below 1
   */
  public LiveSettings {
    Objects.requireNonNull(stateFolder, "stateFolder");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(knownCells, "knownCells");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(radio, "radio");
    Objects.requireNonNull(forecast, "forecast");
    if (maxAhead.isNegative()) {
      throw new InvalidInputException("maxAhead " + maxAhead + " is negative");
    }
    if (snapshotEvery < 1) {
      throw new InvalidInputException("snapshotEvery " + snapshotEvery + " is below 1");
    }
  }

  /**
   * Defaults on a state folder: the embedded H2 journal in it, the Milan grid, one day ahead, the
   * system clock, a snapshot every {@value #DEFAULT_SNAPSHOT_EVERY} events, the default integrity
   * check, no radio twin, the default forecasters ({@link ForecastSettings#defaults()}).
   *
   * @param stateFolder the state folder
   * @return the settings
   */
  public static LiveSettings defaults(Path stateFolder) {
    return new LiveSettings(
        stateFolder,
        JournalSettings.embedded(stateFolder),
        KnownCells.milan(),
        DEFAULT_MAX_AHEAD,
        Clock.systemUTC(),
        DEFAULT_SNAPSHOT_EVERY,
        IntegritySettings.defaults(),
        RadioSettings.off(),
        ForecastSettings.defaults(),
        null);
  }

  /**
   * These settings with another journal.
   *
   * @param j the journal
   * @return new settings
   */
  public LiveSettings withJournal(JournalSettings j) {
    return new LiveSettings(
        stateFolder,
        j,
        knownCells,
        maxAhead,
        clock,
        snapshotEvery,
        integrity,
        radio,
        forecast,
        network);
  }

  /**
   * These settings with other known cells.
   *
   * @param cells the cells
   * @return new settings
   */
  public LiveSettings withKnownCells(KnownCells cells) {
    return new LiveSettings(
        stateFolder,
        journal,
        cells,
        maxAhead,
        clock,
        snapshotEvery,
        integrity,
        radio,
        forecast,
        network);
  }

  /**
   * These settings with another clock and horizon.
   *
   * @param c the clock
   * @param ahead how far after the clock's instant a slot may start
   * @return new settings
   */
  public LiveSettings withClock(Clock c, Duration ahead) {
    return new LiveSettings(
        stateFolder,
        journal,
        knownCells,
        ahead,
        c,
        snapshotEvery,
        integrity,
        radio,
        forecast,
        network);
  }

  /**
   * These settings with another snapshot interval.
   *
   * @param every events between snapshots
   * @return new settings
   */
  public LiveSettings withSnapshotEvery(int every) {
    return new LiveSettings(
        stateFolder,
        journal,
        knownCells,
        maxAhead,
        clock,
        every,
        integrity,
        radio,
        forecast,
        network);
  }

  /**
   * These settings with another integrity check.
   *
   * @param check the check
   * @return new settings
   */
  public LiveSettings withIntegrity(IntegritySettings check) {
    return new LiveSettings(
        stateFolder,
        journal,
        knownCells,
        maxAhead,
        clock,
        snapshotEvery,
        check,
        radio,
        forecast,
        network);
  }

  /**
   * These settings with another radio twin.
   *
   * @param r the radio settings
   * @return new settings
   */
  public LiveSettings withRadio(RadioSettings r) {
    return new LiveSettings(
        stateFolder,
        journal,
        knownCells,
        maxAhead,
        clock,
        snapshotEvery,
        integrity,
        r,
        forecast,
        network);
  }

  /**
   * These settings with other forecasters.
   *
   * @param f the forecast settings ({@link ForecastSettings#off()} for none)
   * @return new settings
   */
  public LiveSettings withForecast(ForecastSettings f) {
    return new LiveSettings(
        stateFolder,
        journal,
        knownCells,
        maxAhead,
        clock,
        snapshotEvery,
        integrity,
        radio,
        f,
        network);
  }

  /**
   * These settings on a user's own network: its cells become the known cells, and a radio twin
   * (when on) is built from its stations and grid instead of Milan's (docs/live.md, "Your own
   * network").
   *
   * @param n the network
   * @return new settings
   */
  public LiveSettings withNetwork(OwnNetwork n) {
    List<CellId> ids = n.grid().ids();
    return new LiveSettings(
        stateFolder,
        journal,
        KnownCells.of(ids),
        maxAhead,
        clock,
        snapshotEvery,
        integrity,
        radio,
        forecast,
        n);
  }

  /**
   * The cells of the twin and their shapes: the own network's grid, else the Milan grid.
   *
   * @return the grid
   */
  public CellGrid grid() {
    OwnNetwork n = network;
    return n == null ? milanGrid() : n.grid();
  }

  /** The Milan grid as a cell grid, built once when first needed. */
  static synchronized CellGrid milanGrid() {
    CellGrid g = milanCells;
    if (g == null) {
      g = CellGrid.of(MilanGrid.load());
      milanCells = g;
    }
    return g;
  }

  private static @Nullable CellGrid milanCells;

  /** The set of cells a twin accepts, a bit set over the Milan ids 1..{@value CellId#MAX}. */
  public static final class KnownCells {
    private final BitSet ids;
    private final int count;

    private KnownCells(BitSet ids) {
      this.ids = ids;
      this.count = ids.cardinality();
    }

    /**
     * Every Milan grid square, 1..{@value CellId#MAX}.
     *
     * @return the cells
     */
    public static KnownCells milan() {
      BitSet b = new BitSet(CellId.MAX + 1);
      b.set(1, CellId.MAX + 1);
      return new KnownCells(b);
    }

    /**
     * The given cells.
     *
     * @param cells at least one cell
     * @return the cells
     * @throws InvalidInputException if {@code cells} is empty
     */
    public static KnownCells of(Collection<CellId> cells) {
      if (cells.isEmpty()) {
        throw new InvalidInputException("the set of known cells is empty");
      }
      BitSet b = new BitSet(CellId.MAX + 1);
      cells.forEach(c -> b.set(c.value()));
      return new KnownCells(b);
    }

    /**
     * Whether a raw cell number is known.
     *
     * @param cell the number, any int
     * @return whether telemetry for it is accepted
     */
    public boolean contains(int cell) {
      return cell >= 1 && cell <= CellId.MAX && ids.get(cell);
    }

    /**
     * How many cells are known.
     *
     * @return the count
     */
    public int size() {
      return count;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof KnownCells k && k.ids.equals(ids);
    }

    @Override
    public int hashCode() {
      return ids.hashCode();
    }

    @Override
    public String toString() {
      return count + " cells";
    }
  }
}
