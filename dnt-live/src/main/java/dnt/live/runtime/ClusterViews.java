package dnt.live.runtime;

import dnt.live.cluster.NodesUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster-wide alerts and board of newest slots (docs/cluster.md, "Cluster-wide views"): asks
 * every member's {@link NodeView} (found through Pekko's Receptionist) for its pages and merges
 * them, per cell the entry with the highest event sequence number (the journal is shared, so a
 * cell's sequence numbers grow across the nodes it has run on, and a node that still holds what a
 * moved cell told it last loses to the cell's new node).
 *
 * <p>The members asked are those {@code Up}, {@code WeaklyUp} or {@code Leaving} (the ones that
 * host or are handing off shards). A member without a registered view, or whose view does not
 * answer a page within {@link #TIMEOUT}, fails the whole answer with {@link
 * NodesUnavailableException} naming it: never a silently partial answer. A cluster of this node
 * alone reads its own boards directly, exactly as before the cluster views.
 */
final class ClusterViews {
  /** How long one page of one member's view is waited for. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final Asks asks;
  private final AlertSet alerts;
  private final LatestBoard latest;

  ClusterViews(ActorSystem<?> system, Asks asks, AlertSet alerts, LatestBoard latest) {
    this.system = system;
    this.asks = asks;
    this.alerts = alerts;
    this.latest = latest;
  }

  /**
   * The flagged cells of the whole cluster.
   *
   * @return cell numbers, ascending; fails with {@link NodesUnavailableException}
   */
  CompletableFuture<int[]> alerts() {
    Set<String> members = members();
    if (members.size() == 1 && members.contains(self())) {
      return CompletableFuture.completedFuture(alerts.cells());
    }
    return gather(
            "the alerts",
            members,
            view ->
                pages(
                    view,
                    (Integer after, ActorRef<NodeView.Alerts> replyTo) ->
                        new NodeView.GetAlerts(after, NodeView.ALERT_PAGE, replyTo),
                    0,
                    new ArrayList<>()),
            (List<NodeView.Alerts> pages, Map<Integer, AlertSet.Flag> best) -> {
              for (NodeView.Alerts p : pages) {
                for (int i = 0; i < p.cells().length; i++) {
                  keep(best, new AlertSet.Flag(p.cells()[i], p.seqs()[i], p.diverging()[i]));
                }
              }
            })
        .thenApply(
            best ->
                best.values().stream()
                    .filter(AlertSet.Flag::diverging)
                    .mapToInt(AlertSet.Flag::cell)
                    .toArray());
  }

  /**
   * Every cell's newest slot in the whole cluster.
   *
   * @return one entry per cell, ascending; fails with {@link NodesUnavailableException}
   */
  CompletableFuture<List<LatestBoard.Entry>> latest() {
    Set<String> members = members();
    if (members.size() == 1 && members.contains(self())) {
      return CompletableFuture.completedFuture(latest.entries());
    }
    return gather(
            "the board of newest slots",
            members,
            view ->
                pages(
                    view,
                    (Integer after, ActorRef<NodeView.Latest> replyTo) ->
                        new NodeView.GetLatest(after, NodeView.LATEST_PAGE, replyTo),
                    0,
                    new ArrayList<>()),
            (List<NodeView.Latest> pages, Map<Integer, LatestBoard.Entry> best) -> {
              int k = Observation.SERVICES;
              for (NodeView.Latest p : pages) {
                for (int i = 0; i < p.cells().length; i++) {
                  double[] totals = new double[k];
                  System.arraycopy(p.totals(), i * k, totals, 0, k);
                  keepEntry(
                      best, new LatestBoard.Entry(p.cells()[i], p.seqs()[i], p.slots()[i], totals));
                }
              }
            })
        .thenApply(best -> List.copyOf(best.values()));
  }

  private static void keep(Map<Integer, AlertSet.Flag> best, AlertSet.Flag f) {
    AlertSet.Flag had = best.get(f.cell());
    if (had == null || f.seq() > had.seq()) {
      best.put(f.cell(), f);
    }
  }

  private static void keepEntry(Map<Integer, LatestBoard.Entry> best, LatestBoard.Entry e) {
    LatestBoard.Entry had = best.get(e.cell());
    if (had == null || e.seq() > had.seq()) {
      best.put(e.cell(), e);
    }
  }

  /** Merges one member's pages into the per-cell best. */
  private interface Merge<P, V> {
    void into(List<P> pages, Map<Integer, V> best);
  }

  /** Asks every member's view; the merged map is ordered by cell (a TreeMap). */
  private <P, V> CompletableFuture<Map<Integer, V>> gather(
      String what,
      Set<String> members,
      Function<ActorRef<NodeView.Command>, CompletableFuture<List<P>>> pages,
      Merge<P, V> merge) {
    return asks.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(), replyTo -> Receptionist.find(NodeView.KEY, replyTo), TIMEOUT)
        .thenCompose(
            listing -> {
              Map<String, ActorRef<NodeView.Command>> views = new TreeMap<>();
              for (ActorRef<NodeView.Command> ref : listing.getServiceInstances(NodeView.KEY)) {
                views.put(address(ref.path().address()), ref);
              }
              Map<String, CompletableFuture<List<P>>> answers = new TreeMap<>();
              for (String m : members) {
                ActorRef<NodeView.Command> view = views.get(m);
                answers.put(
                    m,
                    view == null
                        ? CompletableFuture.failedFuture(
                            new IllegalStateException(m + " has no view registered"))
                        : pages.apply(view));
              }
              return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
                  .handle(
                      (v, e) -> {
                        List<String> missing = new ArrayList<>();
                        Map<Integer, V> best = new TreeMap<>();
                        answers.forEach(
                            (m, f) -> {
                              if (f.isCompletedExceptionally()) {
                                missing.add(m);
                              } else {
                                merge.into(f.join(), best);
                              }
                            });
                        if (!missing.isEmpty()) {
                          throw new CompletionException(
                              new NodesUnavailableException(what, missing, TIMEOUT.toSeconds()));
                        }
                        return best;
                      });
            });
  }

  /**
   * Every page of one member's view, asked one after the other from the cell after the last one
   * received until a page says no more follow.
   */
  private <P extends NodeView.Page> CompletableFuture<List<P>> pages(
      ActorRef<NodeView.Command> view,
      BiFunction<Integer, ActorRef<P>, NodeView.Command> request,
      int after,
      List<P> got) {
    return asks.<NodeView.Command, P>ask(view, replyTo -> request.apply(after, replyTo), TIMEOUT)
        .thenCompose(
            p -> {
              got.add(p);
              int n = p.cells().length;
              return p.more() && n > 0
                  ? pages(view, request, p.cells()[n - 1], got)
                  : CompletableFuture.completedFuture(got);
            });
  }

  /** The members that host or hand off shards now, by address. */
  private Set<String> members() {
    Set<String> out = new TreeSet<>();
    for (Member m : Cluster.get(system).state().getMembers()) {
      MemberStatus s = m.status();
      if (s.equals(MemberStatus.up())
          || s.equals(MemberStatus.weaklyUp())
          || s.equals(MemberStatus.leaving())) {
        out.add(m.address().toString());
      }
    }
    if (out.isEmpty()) {
      out.add(self());
    }
    return out;
  }

  private String self() {
    return Cluster.get(system).selfMember().address().toString();
  }

  /** A view's address; a view on this node has a local address without host and port. */
  private String address(Address a) {
    return a.hasGlobalScope() ? a.toString() : self();
  }
}
