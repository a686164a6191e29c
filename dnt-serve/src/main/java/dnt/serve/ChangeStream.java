package dnt.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.Registry;
import dnt.live.BatchApplied;
import dnt.live.LiveTwin;
import dnt.live.Subscription;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The change stream of {@code GET /api/v1/events} (Server-Sent Events): one {@code telemetry} event
 * per acknowledged batch (the cells it touched, its newest slot, the replay clock), an {@code
 * alerts} event whenever the set of flagged cells changes, each filtered by what the client asked
 * for. The twin's listener only queues the batch; one thread of its own writes to the clients, so a
 * slow client never holds up the twin's acknowledgements.
 */
final class ChangeStream implements AutoCloseable {
  /** How often an idle stream gets a comment, so that a closed client is noticed. */
  static final long HEARTBEAT_SECONDS = 15;

  /** What a client may listen to. */
  enum Topic {
    /** One event per acknowledged telemetry batch. */
    TELEMETRY,
    /** The flagged cells, whenever they change. */
    ALERTS;

    /** The topics by the names a client writes in {@code ?topics=}. */
    static final Registry<Topic> REGISTRY =
        Registry.<Topic>of("topic")
            .add("telemetry", "one event per acknowledged telemetry batch", TELEMETRY)
            .add("alerts", "the flagged cells, whenever they change", ALERTS)
            .build();

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What a client listens to.
   *
   * @param topics the topics
   * @param cells the cells whose batches it hears (null: all)
   */
  record Filter(Set<Topic> topics, @Nullable BitSet cells) {
    boolean hears(Topic t) {
      return topics.contains(t);
    }
  }

  /**
   * A {@code telemetry} event.
   *
   * @param cells the cells of the batch the client listens to, ascending
   * @param slot start of the batch's newest slot, epoch ms UTC
   * @param rows rows in the batch
   * @param clock the replay's clock, epoch ms UTC (null without a replay)
   * @param sent when the server sent the event, epoch ms (to measure the stream's delay)
   */
  record TelemetryEvent(
      List<Integer> cells, long slot, int rows, @Nullable Long clock, long sent) {}

  /**
   * An {@code alerts} event.
   *
   * @param count how many cells are flagged
   * @param cells the flagged cells, ascending
   */
  record AlertsEvent(int count, List<Integer> cells) {}

  private record Client(SseClient sse, Filter filter) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LiveTwin twin;
  private final Supplier<@Nullable Long> clock;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService writer;
  private final Subscription subscription;
  private final java.util.concurrent.ScheduledFuture<?> heartbeats;
  private List<Integer> lastAlerts = List.of();

  /** Asks for the alerts made, and the newest one told; both on the writer thread only. */
  private long alertsAsked;

  private long alertsTold;

  /**
   * Subscribes to a twin.
   *
   * @param twin the twin
   * @param clock the replay clock now, epoch ms (null without a replay)
   */
  /** When the newest batch was told, epoch ms on this server's clock; -1 before the first. */
  private volatile long lastBatchMillis = -1;

  /**
   * When this server last saw a telemetry batch acknowledged (through the API or the replay).
   *
   * @return epoch ms on the server's clock, or null before the first batch since the start
   */
  @Nullable Long lastBatchMillis() {
    long t = lastBatchMillis;
    return t < 0 ? null : t;
  }

  ChangeStream(LiveTwin twin, Supplier<@Nullable Long> clock) {
    this.twin = twin;
    this.clock = clock;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dnt-change-stream");
              t.setDaemon(true);
              return t;
            });
    this.heartbeats =
        writer.scheduleWithFixedDelay(
            this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    this.subscription = twin.subscribe(b -> writer.execute(() -> publish(b)));
  }

  /**
   * Parses a client's filter from the query parameters.
   *
   * @param topics comma-separated topic names (null: all)
   * @param cells comma-separated cell ids (null: all)
   * @return the filter
   * @throws DntServer.ApiError 400 naming the parameter at fault
   */
  static Filter filter(@Nullable String topics, @Nullable String cells) {
    Set<Topic> t = EnumSet.noneOf(Topic.class);
    if (topics == null || topics.isBlank()) {
      t.addAll(EnumSet.allOf(Topic.class));
    } else {
      for (String name : topics.split(",", -1)) {
        try {
          t.add(Topic.REGISTRY.factory(name.strip()));
        } catch (dnt.core.InvalidInputException e) {
          throw new DntServer.ApiError(400, "topics: " + e.getMessage());
        }
      }
    }
    BitSet c = null;
    if (cells != null && !cells.isBlank()) {
      c = new BitSet(CellId.MAX + 1);
      for (String id : cells.split(",", -1)) {
        c.set(cellOf(id));
      }
    }
    return new Filter(Set.copyOf(t), c);
  }

  private static int cellOf(String text) {
    try {
      int id = Integer.parseInt(text.strip());
      if (id >= 1 && id <= CellId.MAX) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DntServer.ApiError(
        400, "cells: '" + text + "' is not a cell id (an integer 1.." + CellId.MAX + ")");
  }

  /**
   * Serves a client until it disconnects or the server stops: first a {@code hello} event with the
   * replay clock, then what its filter lets through.
   *
   * @param sse the client
   * @param filter what it listens to
   */
  void open(SseClient sse, Filter filter) {
    Client c = new Client(sse, filter);
    sse.keepAlive();
    sse.onClose(() -> clients.remove(c));
    writer.execute(
        () -> {
          send(
              c,
              "hello",
              new Hello(clock.get(), filter.topics().stream().map(Topic::label).sorted().toList()));
          if (filter.hears(Topic.ALERTS)) {
            send(c, "alerts", new AlertsEvent(lastAlerts.size(), lastAlerts));
          }
          clients.add(c);
        });
  }

  /**
   * The first event of a stream.
   *
   * @param clock the replay clock, epoch ms UTC (null without a replay)
   * @param topics the topics the client listens to
   */
  record Hello(@Nullable Long clock, List<String> topics) {}

  /** How many clients are connected now. */
  int clients() {
    return clients.size();
  }

  private void publish(BatchApplied b) {
    Long now = clock.get();
    long sent = System.currentTimeMillis();
    lastBatchMillis = sent;
    for (Client c : clients) {
      if (!c.filter().hears(Topic.TELEMETRY)) {
        continue;
      }
      List<Integer> cells = new ArrayList<>();
      BitSet wanted = c.filter().cells();
      for (CellId id : b.cells()) {
        if (wanted == null || wanted.get(id.value())) {
          cells.add(id.value());
        }
      }
      if (!cells.isEmpty()) {
        send(c, "telemetry", new TelemetryEvent(cells, b.newestSlotMillis(), b.rows(), now, sent));
      }
    }
    askAlerts();
  }

  /**
   * Asks the twin for its alerts after a batch and tells the clients when they changed. A single
   * node answers at once; a cluster gathers them from every node (docs/cluster.md, "Cluster-wide
   * views"), so the answer is told on the writer thread when it comes, and an answer older than one
   * already told is dropped. An answer that fails (a node did not answer) tells nothing; the next
   * batch asks again.
   */
  private void askAlerts() {
    long asked = ++alertsAsked;
    CompletableFuture<List<CellId>> f = twin.alerts().toCompletableFuture();
    if (f.isDone()) {
      tellAlerts(asked, f);
      return;
    }
    var unused =
        f.whenComplete(
            (a, e) -> {
              try {
                writer.execute(() -> tellAlerts(asked, f));
              } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the stream is closed; nobody to tell
              }
            });
  }

  private void tellAlerts(long asked, CompletableFuture<List<CellId>> f) {
    if (asked < alertsTold || f.isCompletedExceptionally()) {
      return;
    }
    alertsTold = asked;
    List<Integer> alerts = f.join().stream().map(CellId::value).toList();
    if (!alerts.equals(lastAlerts)) {
      lastAlerts = alerts;
      for (Client c : clients) {
        if (c.filter().hears(Topic.ALERTS)) {
          send(c, "alerts", new AlertsEvent(alerts.size(), alerts));
        }
      }
    }
  }

  private void heartbeat() {
    clients.removeIf(c -> c.sse().terminated());
    for (Client c : clients) {
      c.sse().sendComment("keep-alive");
    }
  }

  private void send(Client c, String event, Object data) {
    if (c.sse().terminated()) {
      clients.remove(c);
      return;
    }
    try {
      c.sse().sendEvent(event, JSON.writeValueAsString(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + event + " event", e);
    }
  }

  /** Unsubscribes from the twin and ends every client's stream. */
  @Override
  public void close() {
    subscription.close();
    heartbeats.cancel(false);
    writer.shutdownNow();
    for (Client c : clients) {
      c.sse().close();
    }
    clients.clear();
  }
}
