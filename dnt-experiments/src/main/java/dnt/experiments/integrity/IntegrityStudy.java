package dnt.experiments.integrity;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Verdict;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Study;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One replication of the integrity study: from the replication's seed, a share of the streams gets
 * a fault ({@link FaultSettings}); every stream, faulty or clean, is judged by the live twin's own
 * detector and mask-predict rule ({@link MaskPredict#replay}, the code a cell twin runs); each
 * stream is scored by {@link StreamMetrics}.
 *
 * <p>The forecast is the twin's own prediction, seasonal naive (slot t from slot t - 144): read
 * from the raw faulty series ("without masking") or from the series as the twin shows it, masked
 * slots replaced by their prediction ("with masking"), both scored against the clean truth. A
 * faulty stream is scored on the slots the fault touches, its own and the day after it (whose raw
 * forecast reads faulty values); a clean stream on every slot from day 1 on.
 */
public final class IntegrityStudy implements Study<IntegrityStudy.Result> {
  /** The fault name of a clean stream in the results. */
  public static final String NONE = "none";

  private final IntegrityRunSettings settings;
  private final IntegrityParams params;
  private final List<CellId> cells;
  private final double[][] clean;

  /**
   * A study of a dataset's internet activity.
   *
   * @param settings the settings
   * @param data 10-minute traffic with internet activity, slot 0 at local midnight
   * @throws InvalidInputException when the faults do not fit in the data
   */
  public IntegrityStudy(IntegrityRunSettings settings, TrafficDataset data) {
    this.settings = settings;
    this.params = settings.detector().params();
    if (!data.has(Service.INTERNET)) {
      throw new InvalidInputException("the data has no internet activity");
    }
    int k = settings.cells() == 0 ? data.cellCount() : Math.min(settings.cells(), data.cellCount());
    this.cells = data.cells().subList(0, k);
    this.clean = new double[k][];
    for (int c = 0; c < k; c++) {
      clean[c] = data.series(c, Service.INTERNET);
    }
    int latest = settings.faults().latestEnd() + MaskPredict.SLOTS_PER_DAY;
    if (latest > data.length()) {
      throw new InvalidInputException(
          "faults.onsetDay and faults.durationSlots let a fault and the day after it reach slot "
              + latest
              + ", past the "
              + data.length()
              + " slots of the data");
    }
  }

  /**
   * One judged stream of one replication.
   *
   * @param seed the replication's seed
   * @param cell the cell
   * @param fault the fault kind, or {@link #NONE}
   * @param onset the fault's first slot (-1 for none)
   * @param end the slot after its last (-1 for none)
   * @param magnitude the fault's magnitude (NaN for none or a kind without one)
   * @param judged slots judged
   * @param outliers slots judged outlying
   * @param masked slots masked
   * @param flags flags raised (rising edges of the alert)
   * @param flaggedSlots slots on which the stream is flagged
   * @param flaggedFaultSlots slots of the fault on which the stream is flagged
   * @param delay detection delay in slots, -1 when not flagged during the fault (or no fault)
   * @param evalFrom the first slot the forecast is scored on
   * @param evalTo the slot after the last
   * @param truth the sum of the clean truth over the scored slots
   * @param errorRaw the absolute error of the forecast read from the raw series
   * @param errorMasked the absolute error of the forecast read from the series as shown
   */
  public record Row(
      long seed,
      int cell,
      String fault,
      int onset,
      int end,
      double magnitude,
      int judged,
      int outliers,
      int masked,
      int flags,
      int flaggedSlots,
      int flaggedFaultSlots,
      int delay,
      int evalFrom,
      int evalTo,
      double truth,
      double errorRaw,
      double errorMasked) {

    /**
     * Whether the stream has a fault.
     *
     * @return false for a clean stream
     */
    public boolean faulty() {
      return !fault.equals(NONE);
    }

    /**
     * Whether the stream was flagged during its fault.
     *
     * @return true when the delay is known
     */
    public boolean detected() {
      return delay >= 0;
    }

    /**
     * The fault's length.
     *
     * @return end - onset, 0 for none
     */
    public int faultSlots() {
      return faulty() ? end - onset : 0;
    }

    /**
     * The weighted absolute percentage error of the raw forecast.
     *
     * @return errorRaw / truth
     */
    public double wapeRaw() {
      return errorRaw / truth;
    }

    /**
     * The weighted absolute percentage error of the forecast with masking.
     *
     * @return errorMasked / truth
     */
    public double wapeMasked() {
      return errorMasked / truth;
    }
  }

  /**
   * What one replication produced.
   *
   * @param seed its seed
   * @param rows one row per stream, in cell order
   */
  public record Result(long seed, List<Row> rows) {
    /** Copies the rows. */
    public Result {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The streams used.
   *
   * @return the cells, in data order
   */
  public List<CellId> cells() {
    return cells;
  }

  /**
   * The faults of a replication: which streams, which kinds, where and how large. The streams are
   * put in a random order; the first {@code round(share * streams)} get a fault, the i-th of kind
   * {@code kinds[i mod kinds.size()]}; then, per faulty stream in that order, onset day, slot of
   * the day, length and magnitude are drawn.
   *
   * @param rng the replication's generator
   * @return stream index to fault, in the order drawn
   */
  public Map<Integer, Fault> plan(RandomGenerator rng) {
    FaultSettings f = settings.faults();
    int n = cells.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    int faulty = (int) Math.round(f.share() * n);
    Map<Integer, Fault> plan = new LinkedHashMap<>();
    for (int i = 0; i < faulty; i++) {
      int c = order[i];
      String kind = f.kinds().get(i % f.kinds().size());
      int onset =
          f.onsetDay().draw(rng) * MaskPredict.SLOTS_PER_DAY
              + rng.nextInt(MaskPredict.SLOTS_PER_DAY);
      int end = onset + f.durationSlots().draw(rng);
      plan.put(c, FaultKinds.KINDS.factory(kind).draw(onset, end, clean[c], f, rng));
    }
    return plan;
  }

  @Override
  public Result replicate(Replication replication) {
    Map<Integer, Fault> plan = plan(Seeds.generator(replication.seed()));
    List<Row> rows = new ArrayList<>(cells.size());
    for (int c = 0; c < cells.size(); c++) {
      rows.add(judge(replication.seed(), c, plan.get(c)));
    }
    return new Result(replication.seed(), rows);
  }

  private Row judge(long seed, int c, @org.jspecify.annotations.Nullable Fault fault) {
    double[] truth = clean[c];
    double[] raw = fault == null ? truth : fault.apply(truth);
    int n = raw.length;
    double[][] observed = new double[n][Verdict.SERVICES];
    for (int t = 0; t < n; t++) {
      observed[t][Service.INTERNET.ordinal()] = raw[t];
    }
    MaskPredict.Replay replay = MaskPredict.replay(params, observed);
    double[] shown = new double[n];
    for (int t = 0; t < n; t++) {
      shown[t] = replay.shown()[t][Service.INTERNET.ordinal()];
    }
    int outliers = 0;
    int masked = 0;
    for (Verdict v : replay.verdicts()) {
      outliers += v.outlier() ? 1 : 0;
      masked += v.masked() ? 1 : 0;
    }
    boolean[] d = replay.diverging();
    int from = fault == null ? MaskPredict.SLOTS_PER_DAY : fault.onset();
    int to = fault == null ? n : Math.min(n, fault.end() + MaskPredict.SLOTS_PER_DAY);
    return new Row(
        seed,
        cells.get(c).value(),
        fault == null ? NONE : fault.kind(),
        fault == null ? -1 : fault.onset(),
        fault == null ? -1 : fault.end(),
        fault == null ? Double.NaN : fault.magnitude(),
        replay.verdicts().size(),
        outliers,
        masked,
        StreamMetrics.flags(d),
        StreamMetrics.flagged(d, 0, n),
        fault == null ? 0 : StreamMetrics.flagged(d, fault.onset(), fault.end()),
        fault == null ? -1 : StreamMetrics.detectionDelay(d, fault.onset(), fault.end()),
        from,
        to,
        StreamMetrics.absoluteSum(truth, from, to),
        StreamMetrics.absoluteError(truth, raw, from, to),
        StreamMetrics.absoluteError(truth, shown, from, to));
  }
}
