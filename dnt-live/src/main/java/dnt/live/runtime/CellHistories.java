package dnt.live.runtime;

import dnt.learn.online.CellHistory;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.jspecify.annotations.Nullable;

/**
 * Reads a cell's internet series from its cell twin for the forecasters: the totals as the twin
 * shows them, and which slots training must skip (those before the cell's first row, and those the
 * integrity check masked by their prediction).
 */
final class CellHistories {
  /** The internet service's index in a slot's totals. */
  static final int INTERNET = Observation.SERVICES - 1;

  private final ClusterSharding sharding;
  private final HeldCells held;
  private final Asks asks;

  CellHistories(ClusterSharding sharding, HeldCells held, Asks asks) {
    this.sharding = sharding;
    this.held = held;
    this.asks = asks;
  }

  /**
   * A cell's series over {@code [fromSlot, toSlot)}.
   *
   * @param cell the cell number
   * @param x its east coordinate, m
   * @param y its north coordinate, m
   * @param fromSlot the first slot (a day boundary for time-of-day inputs)
   * @param toSlot the slot after the last
   * @return the history, or null when the cell twin holds nothing
   */
  CompletionStage<@Nullable CellHistory> fetch(
      int cell, double x, double y, long fromSlot, long toSlot) {
    EntityRef<CellTwin.Command> ref =
        sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell));
    // asking the integrity state first recovers the cell twin, which then records its span
    return asks.ask(ref, CellTwin.Integrity::new)
        .thenCompose(
            integrity -> {
              HeldCells.Span span = span(cell, integrity);
              if (span == null || toSlot <= fromSlot) {
                return CompletableFuture.<@Nullable CellHistory>completedFuture(null);
              }
              return asks.ask(
                      ref,
                      (ActorRef<CellTwin.SlotTotals> replyTo) ->
                          new CellTwin.Totals(fromSlot, toSlot, true, replyTo))
                  .<@Nullable CellHistory>thenApply(
                      totals -> history(cell, x, y, fromSlot, span, integrity, totals.totals()));
            });
  }

  /**
   * A cell's newest slots, for a forecast: from a day boundary at least {@code slots} before the
   * slot after its newest one, up to and including its newest slot.
   *
   * @param cell the cell number
   * @param slots how many of the newest slots at least
   * @param slotsPerDay slots a day
   * @return the history, or null when the cell twin holds nothing
   */
  CompletionStage<@Nullable CellHistory> latest(int cell, int slots, int slotsPerDay) {
    EntityRef<CellTwin.Command> ref =
        sharding.entityRefFor(CellTwin.TYPE_KEY, Integer.toString(cell));
    return asks.ask(ref, CellTwin.Integrity::new)
        .thenCompose(
            integrity -> {
              HeldCells.Span span = span(cell, integrity);
              if (span == null) {
                return CompletableFuture.<@Nullable CellHistory>completedFuture(null);
              }
              long to = span.newest() + 1;
              long from = Math.floorDiv(to - slots, slotsPerDay) * slotsPerDay;
              return asks.ask(
                      ref,
                      (ActorRef<CellTwin.SlotTotals> replyTo) ->
                          new CellTwin.Totals(from, to, true, replyTo))
                  .<@Nullable CellHistory>thenApply(
                      totals -> history(cell, 0, 0, from, span, integrity, totals.totals()));
            });
  }

  /** The twin's span as it answered, or as this node holds it (an earlier version's answer). */
  private HeldCells.@Nullable Span span(int cell, CellTwin.IntegrityState integrity) {
    HeldCells.Span s = integrity.span();
    return s != null ? s : held.span(cell);
  }

  private static CellHistory history(
      int cell,
      double x,
      double y,
      long fromSlot,
      HeldCells.Span span,
      CellTwin.IntegrityState integrity,
      double[][] totals) {
    int n = totals.length;
    double[] values = new double[n];
    BitSet excluded = new BitSet(n);
    for (int i = 0; i < n; i++) {
      values[i] = totals[i][INTERNET];
      if (fromSlot + i < span.oldest()) {
        excluded.set(i);
      }
    }
    for (long m : integrity.maskedSlots()) {
      if (m >= fromSlot && m < fromSlot + n) {
        excluded.set((int) (m - fromSlot));
      }
    }
    return new CellHistory(Integer.toString(cell), x, y, fromSlot, values, excluded);
  }
}
