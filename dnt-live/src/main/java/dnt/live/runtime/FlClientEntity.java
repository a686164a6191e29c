package dnt.live.runtime;

import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Windows;
import dnt.learn.online.CellHistory;
import dnt.learn.online.OnlineSettings;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.jspecify.annotations.Nullable;

/**
 * A cell's federated-learning client, a sharded entity keyed by cell number, so clients spread over
 * the cluster's nodes with their shards. Its cell's series never leaves the node that hosts it: the
 * client reads it ({@link CellHistories}: masked slots are left out of training), trains on it on
 * the node's training executor, off the actor threads, and sends back only model parameters.
 *
 * <ul>
 *   <li>{@link Describe}: at the V-twin's start, the summary the server clusters by (the cell's
 *       scaler, its windows count and mean daily profile, {@link OnlineTwinning#profile}).
 *   <li>{@link TrainRound}: a V-twin round; the server's model in, the trained model out ({@link
 *       FlAggregator.RoundUpdate}).
 *   <li>{@link TrainDays}: an H-twin update on the newest days ({@link FlAggregator.Update}).
 *   <li>{@link Assess}: a cell first seen after the V-twin chooses, among the cluster twins it is
 *       sent, the one that predicts its windows best ({@link OnlineTwinning#assess}).
 * </ul>
 *
 * <p>It keeps the windows of the V-twin's span while it runs (read once for all rounds; read again
 * after a passivation); the data lives in the cell twin, the models at the aggregator.
 */
public final class FlClientEntity {
  /** The sharding type of FL clients; the entity id is the cell number. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "fl-client");

  private FlClientEntity() {}

  /** What a client is asked. */
  public sealed interface Command extends CrossNode
      permits Describe, TrainRound, TrainDays, Assess {}

  /**
   * Describe the cell for the V-twin's clustering.
   *
   * @param fromSlot first slot (a day boundary)
   * @param toSlot slot after the last
   * @param replyTo gets the description
   */
  public record Describe(long fromSlot, long toSlot, ActorRef<Described> replyTo)
      implements Command {}

  /**
   * The answer to {@link Describe}.
   *
   * @param cell the cell number
   * @param node the address of the node that hosts the client
   * @param windows its training windows in the span (0: it takes no part)
   * @param mean its scaler's mean
   * @param std its scaler's standard deviation
   * @param profile its mean z-scored value at each time of day (empty when it takes no part)
   */
  public record Described(
      int cell, String node, int windows, double mean, double std, double[] profile)
      implements CrossNode {}

  /**
   * Train a V-twin round from the server's model.
   *
   * @param round the round, from 0
   * @param fromSlot first slot of the V-twin's span
   * @param toSlot slot after its last
   * @param base the model to train from
   * @param seed the local training's seed
   * @param replyTo the aggregator
   */
  public record TrainRound(
      int round,
      long fromSlot,
      long toSlot,
      float[] base,
      long seed,
      ActorRef<FlAggregator.Command> replyTo)
      implements Command {}

  /**
   * Train an H-twin update on the newest days.
   *
   * @param dispatch the model and version the aggregator sent
   * @param fromSlot first slot to read (a day boundary, history included)
   * @param toSlot slot after the newest complete day
   * @param seed the update's seed
   * @param replyTo the aggregator
   */
  public record TrainDays(
      OnlineTwinning.Dispatch dispatch,
      long fromSlot,
      long toSlot,
      long seed,
      ActorRef<FlAggregator.Command> replyTo)
      implements Command {}

  /**
   * Choose a cluster twin for a cell first seen after the V-twin.
   *
   * @param x the cell's east coordinate, m
   * @param y its north coordinate, m
   * @param fromSlot first slot (a day boundary)
   * @param toSlot slot after the last
   * @param twins the cluster twins' weights
   * @param replyTo gets the choice
   */
  public record Assess(
      double x,
      double y,
      long fromSlot,
      long toSlot,
      List<float[]> twins,
      ActorRef<Assessed> replyTo)
      implements Command {
    /** Copies the list. */
    public Assess {
      twins = List.copyOf(twins);
    }
  }

  /**
   * The answer to {@link Assess}.
   *
   * @param cell the cell number
   * @param node the address of the node that hosts the client
   * @param cluster the chosen cluster twin, -1 while the cell holds no training window
   * @param mean its scaler's mean
   * @param std its scaler's standard deviation
   */
  public record Assessed(int cell, String node, int cluster, double mean, double std)
      implements CrossNode {}

  /** The V-twin span's data, read once. */
  private record Local(SeriesScaler scaler, Windows windows, double[] profile) {}

  /** The V-twin span a client holds the windows of, and those windows (null: none usable). */
  private static final class Held {
    long from = Long.MIN_VALUE;
    long to = Long.MIN_VALUE;
    CompletableFuture<@Nullable Local> local = CompletableFuture.completedFuture(null);
  }

  static Behavior<Command> create(
      int cell, String node, CellHistories histories, OnlineSettings settings, Executor training) {
    return Behaviors.setup(
        ctx -> {
          Held held = new Held();
          return Behaviors.receive(Command.class)
              .onMessage(
                  Describe.class,
                  m -> {
                    local(held, cell, histories, settings, m.fromSlot(), m.toSlot())
                        .whenComplete(
                            (l, e) ->
                                m.replyTo()
                                    .tell(
                                        l == null || e != null
                                            ? new Described(cell, node, 0, 0, 1, new double[0])
                                            : new Described(
                                                cell,
                                                node,
                                                l.windows().count(),
                                                l.scaler().mean(),
                                                l.scaler().std(),
                                                l.profile())));
                    return Behaviors.same();
                  })
              .onMessage(
                  TrainRound.class,
                  m -> {
                    local(held, cell, histories, settings, m.fromSlot(), m.toSlot())
                        .thenApplyAsync(
                            l -> l == null ? null : round(settings, m, l.windows()), training)
                        .whenComplete((r, e) -> m.replyTo().tell(roundUpdate(cell, node, m, r, e)));
                    return Behaviors.same();
                  })
              .onMessage(
                  TrainDays.class,
                  m -> {
                    // the update goes to the aggregator from the training thread itself, so an
                    // entity passivated while its update waits for the thread loses nothing
                    histories
                        .fetch(cell, 0, 0, m.fromSlot(), m.toSlot())
                        .thenApplyAsync(
                            h ->
                                h == null
                                    ? null
                                    : OnlineTwinning.trainDays(settings, m.dispatch(), h, m.seed()),
                            training)
                        .whenComplete(
                            (r, e) ->
                                m.replyTo()
                                    .tell(
                                        new FlAggregator.Update(
                                            cell,
                                            node,
                                            m.dispatch().baseVersion(),
                                            m.toSlot(),
                                            e == null ? r : null,
                                            e == null ? null : String.valueOf(e))));
                    return Behaviors.same();
                  })
              .onMessage(
                  Assess.class,
                  m -> {
                    histories
                        .fetch(cell, m.x(), m.y(), m.fromSlot(), m.toSlot())
                        .thenApplyAsync(
                            h -> h == null ? null : OnlineTwinning.assess(settings, m.twins(), h),
                            training)
                        .whenComplete(
                            (a, e) ->
                                m.replyTo()
                                    .tell(
                                        a == null || e != null
                                            ? new Assessed(cell, node, -1, 0, 1)
                                            : new Assessed(
                                                cell,
                                                node,
                                                a.cluster(),
                                                a.scaler().mean(),
                                                a.scaler().std())));
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /**
   * The windows of a span, read and cut once per span (on the actor's thread only the future is
   * kept; the cutting, a copy of at most a few thousand values, runs where the read completes, so a
   * description never waits behind training).
   */
  private static CompletionStage<@Nullable Local> local(
      Held held, int cell, CellHistories histories, OnlineSettings settings, long from, long to) {
    if (held.from != from || held.to != to || held.local.isCompletedExceptionally()) {
      held.from = from;
      held.to = to;
      held.local =
          histories
              .fetch(cell, 0, 0, from, to)
              .<@Nullable Local>thenApply(h -> h == null ? null : local(settings, h))
              .toCompletableFuture();
    }
    return held.local;
  }

  private static @Nullable Local local(OnlineSettings settings, CellHistory h) {
    SeriesScaler scaler = SeriesScaler.fit(h);
    Windows w = OnlineTwinning.trainingWindows(settings, h, scaler, 0);
    if (w.count() == 0) {
      return null;
    }
    return new Local(scaler, w, OnlineTwinning.profile(settings, h, scaler));
  }

  private static LocalTraining.Result round(OnlineSettings settings, TrainRound m, Windows w) {
    return LocalTraining.train(settings.architecture(), m.base(), w, settings.recipe(), m.seed());
  }

  private static FlAggregator.RoundUpdate roundUpdate(
      int cell,
      String node,
      TrainRound m,
      LocalTraining.@Nullable Result r,
      @Nullable Throwable e) {
    if (r == null || e != null) {
      return new FlAggregator.RoundUpdate(
          cell,
          m.round(),
          node,
          new float[0],
          0,
          Double.NaN,
          e == null ? "no training window" : String.valueOf(e));
    }
    double[] delta = r.delta();
    float[] base = m.base();
    float[] trained = new float[delta.length];
    for (int j = 0; j < delta.length; j++) {
      // LocalTraining's delta is (double) w - start, exact for floats: this gives back w
      trained[j] = (float) (base[j] + delta[j]);
    }
    return new FlAggregator.RoundUpdate(
        cell, m.round(), node, trained, r.report().samples(), r.report().meanLoss(), null);
  }
}
