package dnt.live.runtime;

import dnt.learn.forecast.Architecture;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A node's own part of the cluster-wide views (docs/cluster.md, "Cluster-wide views"): one actor
 * per node, registered with Pekko's Receptionist under {@link #KEY}, that answers pages of the
 * node's {@link AlertSet} and {@link LatestBoard} (the cells whose twins have run on this node). A
 * node that answers a view request asks every member's view and merges them ({@link ClusterViews}).
 * It also receives the federated aggregator's models for the node's {@link ModelBoard} ({@link
 * Models}; docs/cluster.md, "The forecasting models on every node").
 *
 * <p>Pages keep each reply well under Artery's maximum frame (256 KiB by default): a page of
 * {@value #ALERT_PAGE} flags is 4 + 13 bytes a cell (about 26 KB), a page of {@value #LATEST_PAGE}
 * board entries 4 + 60 bytes a cell (about 120 KB), so a board of 10,000 cells takes five pages.
 */
public final class NodeView {
  /** The Receptionist key every node's view registers under. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dnt-node-view");

  /** Alert flags per page. */
  static final int ALERT_PAGE = 2_000;

  /** Board entries per page. */
  static final int LATEST_PAGE = 2_000;

  private NodeView() {}

  /** What a node's view answers. */
  public interface Command {}

  /**
   * Asks for a page of the node's alert flags, flagged or not (the asker merges them by sequence
   * number, so a flag cleared on the cell's new node overrides the one its old node still holds).
   *
   * @param afterCell the page starts after this cell number (0 for the first page)
   * @param limit the most flags in the page
   * @param replyTo where the page goes
   */
  /** A page of a view's answer: its cells in ascending order, and whether another may follow. */
  interface Page {
    /**
     * The page's cells, ascending.
     *
     * @return cell numbers
     */
    int[] cells();

    /**
     * Whether a page may follow (this one is full).
     *
     * @return true when the asker should ask for the next page
     */
    boolean more();
  }

  public record GetAlerts(int afterCell, int limit, ActorRef<Alerts> replyTo)
      implements Command, CrossNode {}

  /**
   * A page of alert flags, aligned arrays by ascending cell.
   *
   * @param cells the cell numbers
   * @param seqs each cell twin's event sequence number when it told its flag
   * @param diverging each cell's flag
   * @param more whether a page may follow (this one is full)
   */
  public record Alerts(int[] cells, long[] seqs, boolean[] diverging, boolean more)
      implements CrossNode, Page {}

  /**
   * Asks for a page of the node's board of newest slots.
   *
   * @param afterCell the page starts after this cell number (0 for the first page)
   * @param limit the most entries in the page
   * @param replyTo where the page goes
   */
  public record GetLatest(int afterCell, int limit, ActorRef<Latest> replyTo)
      implements Command, CrossNode {}

  /**
   * A page of the board, aligned arrays by ascending cell.
   *
   * @param cells the cell numbers
   * @param seqs each cell twin's event sequence number when it told the board
   * @param slots each cell's newest slot
   * @param totals each slot's totals, {@link Observation#SERVICES} a cell, in cell order
   * @param more whether a page may follow (this one is full)
   */
  public record Latest(int[] cells, long[] seqs, long[] slots, double[] totals, boolean more)
      implements CrossNode, Page {}

  /**
   * A page of a published model version for the node's {@link ModelBoard}: one cluster twin and the
   * cells it forecasts, each with its scaler (aligned arrays by ascending cell); built by {@link
   * ModelBoard#pages}. No reply: the aggregator sends every version to every node's view and sends
   * the current one again to a view that registers later.
   *
   * @param architecture the network every cell shares
   * @param version the twinning's version
   * @param twin the cluster twin's weights
   * @param cells the cell numbers
   * @param means each cell's scaler mean
   * @param stds each cell's scaler standard deviation
   */
  public record Models(
      Architecture architecture,
      long version,
      float[] twin,
      int[] cells,
      double[] means,
      double[] stds)
      implements Command, CrossNode {
    /** Checks that the arrays align. */
    public Models {
      if (means.length != cells.length || stds.length != cells.length) {
        throw new IllegalArgumentException("a page of models needs a mean and a std per cell");
      }
      if (twin.length != architecture.parameterCount()) {
        throw new IllegalArgumentException("the twin does not fit " + architecture.name());
      }
    }
  }

  /** Makes the view stop answering (a node whose view fails), for the tests of the error. */
  record Silence() implements Command, NoSerializationVerificationNeeded {}

  /**
   * The view of a node's boards, registered with the Receptionist when it starts.
   *
   * @param alerts the node's alert set
   * @param latest the node's board of newest slots
   * @param models the node's board of forecasting models
   * @return the behaviour
   */
  static Behavior<Command> create(AlertSet alerts, LatestBoard latest, ModelBoard models) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
          return Behaviors.receive(Command.class)
              .onMessage(
                  GetAlerts.class,
                  m -> {
                    m.replyTo().tell(alertsPage(alerts, m.afterCell(), m.limit()));
                    return Behaviors.same();
                  })
              .onMessage(
                  GetLatest.class,
                  m -> {
                    m.replyTo().tell(latestPage(latest, m.afterCell(), m.limit()));
                    return Behaviors.same();
                  })
              .onMessage(
                  Models.class,
                  m -> {
                    models.publish(m);
                    return Behaviors.same();
                  })
              .onMessage(Silence.class, m -> Behaviors.ignore())
              .build();
        });
  }

  static Alerts alertsPage(AlertSet alerts, int afterCell, int limit) {
    List<AlertSet.Flag> page = alerts.page(afterCell, limit);
    int n = page.size();
    int[] cells = new int[n];
    long[] seqs = new long[n];
    boolean[] diverging = new boolean[n];
    for (int i = 0; i < n; i++) {
      AlertSet.Flag f = page.get(i);
      cells[i] = f.cell();
      seqs[i] = f.seq();
      diverging[i] = f.diverging();
    }
    return new Alerts(cells, seqs, diverging, n == limit);
  }

  static Latest latestPage(LatestBoard latest, int afterCell, int limit) {
    List<LatestBoard.Entry> page = latest.page(afterCell, limit);
    int n = page.size();
    int[] cells = new int[n];
    long[] seqs = new long[n];
    long[] slots = new long[n];
    double[] totals = new double[n * Observation.SERVICES];
    for (int i = 0; i < n; i++) {
      LatestBoard.Entry e = page.get(i);
      cells[i] = e.cell();
      seqs[i] = e.seq();
      slots[i] = e.slot();
      System.arraycopy(e.totals(), 0, totals, i * Observation.SERVICES, Observation.SERVICES);
    }
    return new Latest(cells, seqs, slots, totals, n == limit);
  }
}
