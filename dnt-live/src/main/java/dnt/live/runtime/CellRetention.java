package dnt.live.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dnt.core.InvalidInputException;
import dnt.data.integrity.MaskPredict;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The retention window of the cell twins' state, {@code dnt-live.cell.retention} of the node's
 * configuration (docs/live.md, "The retention window"): a cell twin holds in memory and in its
 * snapshots only the slots of the newest {@code slots} before its newest slot; older rows stay in
 * the journal and the read side, which answers queries for them. Set with a Java system property as
 * any Pekko setting, e.g. {@code -Ddnt-live.cell.retention=30d}; {@code off} (or {@code 0}) holds
 * every slot, as before the window.
 *
 * <p>What the in-memory readers need, in days of 144 slots before the newest slot (the default
 * forecasters': one-day period, inputs of {@code history = 144} slots, 2 H-twin days, 2 days before
 * the V-twin): the integrity check's seasonal-naive prediction reads the same slot a day earlier,
 * and with a model its inputs reach {@code history} slots further back from a day boundary: {@code
 * history + 144} slots, 2 days; a forecast reads the same ({@link CellHistories#latest}); an H-twin
 * day and a newly seen cell's assessment read {@code historyDays + ceil(history / 144)} complete
 * days before the newest day: 4 days with the newest, partial one; the V-twin starts once {@code
 * minDays} complete days are held, which a window of {@code minDays + 1} days reaches: 3 days. The
 * default, 14 days, holds all of them with room for late rows (and for settings that read more) and
 * answers the last two weeks' queries from memory; {@link #requireFor} refuses a window the H-twin
 * days and forecasts would not fit in, and {@link #vtwinNeverStarts} tells when the V-twin would
 * wait for more complete days than the window ever holds (a start is not refused for it: {@code
 * minDays} beyond the data is also how a twin keeps its V-twin from starting).
 *
 * @param slots slots the window holds, {@link CellState#KEEP_ALL} for every slot
 */
public record CellRetention(long slots) {
  /** The configuration path. */
  public static final String PATH = "dnt-live.cell.retention";

  /** Every slot held: no window. */
  public static final CellRetention OFF = new CellRetention(CellState.KEEP_ALL);

  /** Slots a day. */
  private static final long DAY = MaskPredict.SLOTS_PER_DAY;

  /** The shortest window: the integrity check's day before, and a forecaster's inputs before it. */
  static final long MIN_SLOTS = 2 * DAY;

  private static final long SLOT_MILLIS = Observation.SLOT_MILLIS;

  /** Checks the window is {@link #OFF} or at least {@link #MIN_SLOTS}. */
  public CellRetention {
    if (slots < MIN_SLOTS) {
      throw new IllegalArgumentException(
          "a retention window holds at least " + MIN_SLOTS + " slots: " + slots);
    }
  }

  /**
   * The window a node's configuration sets.
   *
   * @param config the resolved configuration
   * @return the window
   * @throws InvalidInputException in one sentence naming {@link #PATH} for a value that is not
   *     {@code off}, {@code 0} or a duration of whole 10-minute slots of at least 2 days
   */
  public static CellRetention of(Config config) {
    if (!config.hasPath(PATH)) {
      return OFF;
    }
    String text = config.getValue(PATH).unwrapped().toString().trim();
    if (text.toLowerCase(Locale.ROOT).equals("off")) {
      return OFF;
    }
    Duration d;
    try {
      d = config.getDuration(PATH);
    } catch (ConfigException e) {
      throw new InvalidInputException(
          PATH + ": '" + text + "' is not a duration (such as 14d or 72h) or off", e);
    }
    return of(d, text);
  }

  /**
   * The window a setting's text gives, as {@code -Ddnt-live.cell.retention=TEXT} would.
   *
   * @param text the value
   * @return the window
   * @throws InvalidInputException as {@link #of(Config)}
   */
  public static CellRetention parse(String text) {
    return of(ConfigFactory.empty().withValue(PATH, ConfigValueFactory.fromAnyRef(text)));
  }

  private static CellRetention of(Duration d, String text) {
    if (d.isZero()) {
      return OFF;
    }
    if (d.isNegative()) {
      throw new InvalidInputException(PATH + ": " + text + " is negative (off keeps every slot)");
    }
    long slotSeconds = SLOT_MILLIS / 1000;
    if (d.getNano() != 0 || d.getSeconds() % slotSeconds != 0) {
      throw new InvalidInputException(
          PATH + ": " + text + " is not a whole number of 10-minute slots (such as 14d)");
    }
    long slots = d.getSeconds() / slotSeconds;
    if (slots < MIN_SLOTS) {
      throw new InvalidInputException(
          PATH
              + ": "
              + text
              + " is shorter than the 2 days the integrity check and the forecasts read before a"
              + " cell's newest slot (or off)");
    }
    return new CellRetention(slots);
  }

  /**
   * Whether the cell twins drop slots at all.
   *
   * @return false for {@link #OFF}
   */
  public boolean enabled() {
    return slots != CellState.KEEP_ALL;
  }

  /**
   * Slots the federated forecasters read before a cell's newest slot (see the class comment): the
   * more of an H-twin day's ({@code historyDays + ceil(history / 144) + 1} days, the newest partial
   * day included) and a forecast's or the integrity check's inputs ({@code history + 144} slots).
   *
   * @param params the aggregator's settings
   * @return slots
   */
  public static long forecastSlots(FlAggregator.Params params) {
    long history = params.settings().windows().history();
    long htwin = (params.settings().historyDays() + (history + DAY - 1) / DAY + 1) * DAY;
    return Math.max(htwin, history + DAY);
  }

  /**
   * Slots a window needs for the V-twin to start: {@code minDays} complete days and the newest,
   * partial one.
   *
   * @param params the aggregator's settings
   * @return slots
   */
  public static long vtwinSlots(FlAggregator.Params params) {
    return (params.minDays() + 1L) * DAY;
  }

  /**
   * Refuses a window the forecasters would read past: the H-twin days and forecasts would read
   * slots the cell twins dropped.
   *
   * @param params the aggregator's settings
   * @throws InvalidInputException naming {@link #PATH}, the window and the days needed
   */
  public void requireFor(FlAggregator.Params params) {
    long need = forecastSlots(params);
    if (slots < need) {
      throw new InvalidInputException(
          PATH
              + ": "
              + describe()
              + " is shorter than the "
              + describe(need)
              + " the forecasters read before a cell's newest slot (historyDays "
              + params.settings().historyDays()
              + ", inputs of "
              + params.settings().windows().history()
              + " slots); use a longer window or off");
    }
  }

  /**
   * Why the V-twin will never start with this window, or null when it can.
   *
   * @param params the aggregator's settings
   * @return the sentence, or null
   */
  public @Nullable String vtwinNeverStarts(FlAggregator.Params params) {
    long need = vtwinSlots(params);
    if (slots >= need) {
      return null;
    }
    return PATH
        + " "
        + describe()
        + " never holds the "
        + params.minDays()
        + " complete days the V-twin waits for (minDays): it will not start; use a window of at"
        + " least "
        + describe(need)
        + " or off";
  }

  /**
   * The window in words.
   *
   * @return such as {@code 14d}, {@code 36h}, {@code 90m}, or {@code off}
   */
  public String describe() {
    return enabled() ? describe(slots) : "off";
  }

  private static String describe(long slots) {
    if (slots % DAY == 0) {
      return slots / DAY + "d";
    }
    if (slots % 6 == 0) {
      return slots / 6 + "h";
    }
    return slots * 10 + "m";
  }
}
