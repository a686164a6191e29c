package dnt.learn.fl;

import dnt.core.util.Seeds;
import dnt.learn.codec.UpdateChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Asynchronous federated learning, the H-twin of the paper (Sec. III-A2, IV-A): starting from the
 * V-twin models, stations keep training as each new day of data arrives and send their updates
 * whenever they are done. A simulated clock orders the work: station i starts day d at {@code d *
 * 86400 s} plus a seeded offset, downloads its twin's current model (transfer time from its link
 * rate), trains for {@code samples * secondsPerSample / computeSpeed} simulated seconds and
 * uploads. Arrivals are processed in simulated-time order; each update is scaled by the {@link
 * StalenessFunction} of its staleness (server versions since its download) and every {@code
 * bufferSize} arrivals the server applies {@code w += alpha * rule(buffer)} (see {@link
 * AsyncSettings}). Clients train in parallel on Java threads, but the result depends only on the
 * seed because the order of server steps comes from the simulated clock, not from the threads.
 *
 * <p>With a client fraction C below 1 ({@link AsyncSettings#clientFraction()}), each day only a
 * seeded sample of {@link AsyncSettings#sampleSize(int) ceil(C n)} stations ({@link #participants})
 * downloads, trains and uploads; the others keep forecasting with their twin's current model. Every
 * station's start offset is drawn whether it is sampled or not, so a sampled station starts at the
 * same simulated time as with C = 1, and C = 1 draws no sample at all: its results are those of the
 * code before the fraction existed, bit for bit.
 *
 * <p>With clustering, each cluster twin (kept from the V-twin assignment) runs its own asynchronous
 * server, and at the end of each day the global model becomes the size-weighted mean of the twins,
 * which are then mixed towards it.
 */
public final class AsynchronousFederation {
  /** Seconds in a simulated day. */
  public static final double DAY_SECONDS = 86_400;

  private final LocalTraining training;
  private final AsyncSettings settings;
  private final LinkModel link;
  private final FederationHooks hooks;

  /** Sees the models at the start of each streamed day, before that day's data is trained on. */
  @FunctionalInterface
  public interface DayObserver {
    /** Observes nothing. */
    DayObserver NONE = (day, global, stations) -> {};

    /**
     * Called at the start of a day.
     *
     * @param day the day index in the stream, from 0
     * @param global the global model
     * @param stationModels each station's current model, in client order
     */
    void dayStarts(int day, float[] global, List<float[]> stationModels);
  }

  /**
   * Creates a runner.
   *
   * @param training the client training pool
   * @param settings the settings
   * @param link the transfer-time model
   * @param hooks the rule, attacker, root data, evaluator and progress
   */
  public AsynchronousFederation(
      LocalTraining training, AsyncSettings settings, LinkModel link, FederationHooks hooks) {
    this.training = Objects.requireNonNull(training, "training");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.link = Objects.requireNonNull(link, "link");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  private record Event(
      double time,
      long order,
      boolean arrival,
      int client,
      @Nullable Future<LocalTraining.Result> job,
      long baseVersion,
      int samples) {}

  private record Buffered(ClientUpdate update, long staleness) {}

  /**
   * Streams every station's {@link FlClient#stream()} day by day.
   *
   * @param clients the stations, in the order of {@code start}'s station models
   * @param start the V-twin result to continue from
   * @param seed the run's seed
   * @param observer sees the models at the start of each day
   * @return the result (cost covers this phase only)
   */
  public FederatedResult run(
      List<FlClient> clients, FederatedResult start, long seed, DayObserver observer) {
    int n = clients.size();
    if (start.stationModels().size() != n) {
      throw new IllegalArgumentException("the start result has a different number of stations");
    }
    int d = start.global().length;
    boolean clustered = settings.clustering().enabled();
    int[] cluster = clustered ? start.clusters().clone() : new int[n];
    int k = Arrays.stream(cluster).max().orElse(0) + 1;
    List<float[]> twins = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      twins.add(clustered ? firstModelOf(c, cluster, start) : start.global().clone());
    }
    float[] global = start.global().clone();
    float[] w0 = start.global().clone();
    long[] versions = new long[k];
    List<List<Buffered>> buffers = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      buffers.add(new ArrayList<>());
    }
    CostLedger ledger = new CostLedger(link);
    UpdateValidator validator = new UpdateValidator(d);
    List<RoundMetrics> metrics = new ArrayList<>();
    long modelBytes = LinkModel.modelBytes(d);
    UpdateChannel uplink = new UpdateChannel(hooks.codec(), d);
    int days = clients.stream().mapToInt(c -> c.stream().size()).max().orElse(0);
    double[] sizes = new double[k];
    for (int c : cluster) {
      sizes[c] += 1;
    }
    Step step = new Step(ledger, validator, metrics, w0, seed);
    for (int day = 0; day < days; day++) {
      observer.dayStarts(day, global.clone(), stationModels(twins, cluster));
      PriorityQueue<Event> queue =
          new PriorityQueue<>(
              (a, b) ->
                  a.time != b.time
                      ? Double.compare(a.time, b.time)
                      : Long.compare(a.order, b.order));
      long order = 0;
      var offsets = Seeds.generator(Seeds.derive(seed, 8, day));
      boolean[] sends = participants(settings, n, day, seed);
      for (int i = 0; i < n; i++) {
        double offset = offsets.nextDouble() * settings.startSpreadSeconds();
        FlClient c = clients.get(i);
        if (sends[i] && c.stream().size() > day && c.stream().get(day).count() > 0) {
          queue.add(new Event(day * DAY_SECONDS + offset, order++, false, i, null, 0, 0));
        }
      }
      while (!queue.isEmpty()) {
        Event e = queue.poll();
        FlClient c = clients.get(e.client);
        int twin = cluster[e.client];
        if (!e.arrival) {
          // Downloads before the earliest arrival they cause see the same server state, so they
          // are started together (and trained batched).
          List<Event> downloads = new ArrayList<>();
          List<Double> arrivals = new ArrayList<>();
          double horizon = Double.POSITIVE_INFINITY;
          Event next = e;
          while (true) {
            FlClient nc = clients.get(next.client);
            int samples = nc.stream().get(day).count();
            double down = ledger.transfer(nc.id(), modelBytes, nc.linkRate(), false);
            double compute =
                (double) samples
                    * settings.recipe().epochs()
                    * settings.secondsPerSample()
                    / nc.computeSpeed();
            double arrival =
                next.time + down + compute + link.seconds(uplink.bytes(), nc.linkRate());
            downloads.add(next);
            arrivals.add(arrival);
            horizon = Math.min(horizon, arrival);
            Event peek = queue.peek();
            if (peek == null || peek.arrival || peek.time > horizon) {
              break;
            }
            next = queue.poll();
          }
          List<LocalTraining.Job> work = new ArrayList<>(downloads.size());
          for (Event dl : downloads) {
            work.add(
                new LocalTraining.Job(
                    twins.get(cluster[dl.client]),
                    clients.get(dl.client).stream().get(day),
                    Seeds.derive(seed, 7, day, dl.client)));
          }
          List<Future<LocalTraining.Result>> jobs = training.submitAll(work, settings.recipe());
          for (int j = 0; j < downloads.size(); j++) {
            Event dl = downloads.get(j);
            queue.add(
                new Event(
                    arrivals.get(j),
                    order++,
                    true,
                    dl.client,
                    jobs.get(j),
                    versions[cluster[dl.client]],
                    work.get(j).data().count()));
          }
        } else {
          LocalTraining.Result r =
              LocalTraining.await(Objects.requireNonNull(e.job, "completion job"));
          ledger.compute(c.id(), r.report().cpuNanos());
          ledger.transfer(c.id(), uplink.bytes(), c.linkRate(), true);
          UpdateVector received =
              hooks.codec().identity()
                  ? r.update()
                  : UpdateVector.of(
                      uplink.send(
                          c.id(),
                          r.delta(),
                          Seeds.generator(Seeds.derive(seed, 12, day, e.client))));
          buffers
              .get(twin)
              .add(
                  new Buffered(
                      ClientUpdate.benign(c.id(), received, e.samples),
                      versions[twin] - e.baseVersion));
          if (buffers.get(twin).size() >= settings.bufferSize()) {
            step.flush(twin, twins, versions, buffers.get(twin), e.time);
          }
        }
      }
      for (int c = 0; c < k; c++) {
        if (!buffers.get(c).isEmpty()) {
          step.flush(c, twins, versions, buffers.get(c), (day + 1) * DAY_SECONDS);
        }
      }
      if (clustered) {
        global = Vectors.weightedMean(twins, sizes);
        for (int c = 0; c < k; c++) {
          twins.set(c, Vectors.mix(twins.get(c), global, settings.clustering().mixing()));
        }
      } else {
        global = twins.get(0).clone();
      }
      hooks.progress().update(day + 1, days, "day " + (day + 1));
    }
    return new FederatedResult(
        global,
        stationModels(twins, cluster),
        cluster,
        metrics,
        validator.rejected(),
        ledger.summary());
  }

  /** The server step: staleness scaling, attack, validation, aggregation, mixing. */
  private final class Step {
    private final CostLedger ledger;
    private final UpdateValidator validator;
    private final List<RoundMetrics> metrics;
    private final double[] w0;
    private final long seed;
    private final java.util.Map<Integer, double[]> previous = new java.util.HashMap<>();
    private int count;

    Step(
        CostLedger ledger,
        UpdateValidator validator,
        List<RoundMetrics> metrics,
        float[] w0,
        long seed) {
      this.ledger = ledger;
      this.validator = validator;
      this.metrics = metrics;
      this.w0 = Vectors.toDouble(w0);
      this.seed = seed;
    }

    void flush(int twin, List<float[]> twins, long[] versions, List<Buffered> buffer, double time) {
      int t = count++;
      float[] current = twins.get(twin);
      List<ClientUpdate> benign = new ArrayList<>(buffer.size());
      for (Buffered b : buffer) {
        double s = settings.staleness().weight(b.staleness);
        ClientUpdate u = b.update;
        // a weight of exactly 1 leaves every value as it is, so the update keeps its float form
        benign.add(
            s == 1.0
                ? new ClientUpdate(u.clientId(), u.delta(), u.weight(), false)
                : new ClientUpdate(
                    u.clientId(), Vectors.scaled(u.deltaAsDouble(), s), u.weight(), false));
      }
      buffer.clear();
      double[] cur = Vectors.toDouble(current);
      double[] prev = previous.getOrDefault(twin, w0);
      AttackView view = new AttackView(t, w0, prev, cur, Seeds.derive(seed, 9, t));
      List<ClientUpdate> received = hooks.adversary().poison(view, benign);
      int before = validator.rejectedCount();
      List<ClientUpdate> accepted = validator.filter(received);
      double norm = 0;
      if (!accepted.isEmpty()) {
        double[] delta =
            Server.aggregate(
                hooks,
                training.architecture(),
                settings.recipe(),
                accepted,
                t,
                current,
                Seeds.derive(seed, 10, t),
                Seeds.derive(seed, 11, t),
                ledger);
        previous.put(twin, cur);
        twins.set(twin, Vectors.add(current, delta, settings.alpha()));
        versions[twin]++;
        norm = Vectors.norm(delta, settings.alpha());
      }
      metrics.add(
          new RoundMetrics(
              t,
              accepted.size(),
              validator.rejectedCount() - before,
              Double.NaN,
              norm,
              time,
              Double.NaN));
    }
  }

  /**
   * The stations that train and send an update on a day: all of them when the client fraction is 1,
   * otherwise a sample of {@link AsyncSettings#sampleSize(int)} of the n stations without
   * replacement, drawn from the seed and the day alone (its own stream, so the start offsets and
   * the training seeds are those of C = 1).
   *
   * @param settings the settings (their client fraction)
   * @param n the number of stations
   * @param day the day index in the stream
   * @param seed the run's seed
   * @return for each station, whether it sends an update that day
   */
  static boolean[] participants(AsyncSettings settings, int n, int day, long seed) {
    boolean[] sends = new boolean[n];
    if (settings.clientFraction() == 1.0) {
      Arrays.fill(sends, true);
      return sends;
    }
    int[] sample =
        SynchronousFederation.sample(
            n, settings.sampleSize(n), Seeds.generator(Seeds.derive(seed, 13, day)));
    for (int i : sample) {
      sends[i] = true;
    }
    return sends;
  }

  private static float[] firstModelOf(int c, int[] cluster, FederatedResult start) {
    for (int i = 0; i < cluster.length; i++) {
      if (cluster[i] == c) {
        return start.stationModels().get(i).clone();
      }
    }
    return start.global().clone();
  }

  private static List<float[]> stationModels(List<float[]> twins, int[] cluster) {
    List<float[]> out = new ArrayList<>(cluster.length);
    for (int c : cluster) {
      out.add(twins.get(c).clone());
    }
    return out;
  }
}
