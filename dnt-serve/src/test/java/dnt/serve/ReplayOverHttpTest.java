package dnt.serve;

import static dnt.serve.Fixtures.OPERATOR;
import static dnt.serve.Fixtures.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.MilanTime;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.memory.InMemoryLiveTwin;
import dnt.live.replay.Replay;
import dnt.live.replay.ReplayClock;
import dnt.live.replay.ReplaySource;
import dnt.live.replay.ReplaySpeed;
import dnt.live.replay.ReplayStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying the bundled 25-cell subset through {@code POST /api/v1/telemetry} gives, for every
 * cell, the CSV that {@code dnt data ingest} + {@code dnt data export} give for the same rows:
 * against the in-memory reference and against the Pekko runtime that {@code dnt serve} runs.
 */
final class ReplayOverHttpTest {
  @Test
  void theReplayedSubsetEqualsIngestPlusExportOfTheSameRows(@TempDir Path dir) throws Exception {
    try (InMemoryLiveTwin twin = InMemoryLiveTwin.milanGrid()) {
      replayEqualsExport(twin, dir, MilanSubset.SLOTS, false);
    }
  }

  /**
   * The same against the Pekko runtime, over the subset's first three days (432 batches, each
   * journaled before its 202; the whole month takes minutes on a loaded two-core machine), with the
   * integrity check on as {@code dnt serve} runs it: the default view shows the observations
   * although the check masks some slots of cell 5541 from 2013-11-02 on, and {@code view=twin}
   * shows the prediction in exactly the slots the integrity endpoint lists.
   */
  @Test
  void thePekkoTwinAnswersTheReplayAsTheExportDoes(@TempDir Path dir) throws Exception {
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(dir.resolve("state")))) {
      replayEqualsExport(twin, dir, 3 * 144, true);
    }
  }

  private static void replayEqualsExport(LiveTwin twin, Path dir, int slots, boolean masks)
      throws Exception {
    List<RawRow> sent = new ArrayList<>();
    // a replay at full speed through one token sends far more than the default rate limit of
    // 200 requests a second (429 for the rest); the limits are SecurityTest's subject, not this one
    try (DntServer server =
        DntServer.start(twin, Fixtures.settings(dir).withRateLimits(RateLimits.OFF))) {
      Http http = Http.of(server);
      Replay replay =
          new Replay(
              ReplaySource.totals(MilanSubset.load().slice(0, slots)),
              batch -> {
                sent.addAll(batch);
                HttpResponse<String> r = post(http, batch);
                return r.statusCode() == 202
                    ? CompletableFuture.completedFuture(r)
                    : CompletableFuture.failedFuture(new IllegalStateException(r.body()));
              },
              ReplaySpeed.MAX,
              ReplayClock.SYSTEM,
              Replay.DEFAULT_BATCH_ROWS);
      replay.run();
      assertThat(replay.status().state()).isEqualTo(ReplayStatus.State.FINISHED);
      assertThat(sent).hasSize(MilanSubset.CELLS * slots);
      assertThat(replay.status().clockMillis())
          .isEqualTo(MilanSubset.START_MILLIS + slots * 600_000L);

      long from = MilanSubset.START_MILLIS;
      long to = replay.status().clockMillis();
      String range =
          "?from="
              + MilanTime.format(from).replace("+", "%2B")
              + "&to="
              + Instant.ofEpochMilli(to)
              + "&resolution=10min";
      StringBuilder viaHttp = new StringBuilder();
      List<CellId> cells = MilanSubset.cells().stream().sorted().toList();
      for (CellId cell : cells) {
        HttpResponse<String> r =
            http.get("/api/v1/cells/" + cell.value() + "/traffic" + range, VIEWER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String body = r.body();
        viaHttp.append(viaHttp.length() == 0 ? body : body.substring(body.indexOf('\n') + 1));
      }
      String expected = StoreExport.export(dir, sent, cells, from, to, Resolution.TEN_MINUTES);
      assertThat(viaHttp.toString()).isEqualTo(expected);
      if (masks) {
        twinViewDiffersExactlyInTheMaskedSlots(http, CellId.of(5541), range);
      }
      assertThat(
              new ObjectMapper()
                  .readTree(http.get("/api/v1/health", null).body())
                  .get("rowsAccepted")
                  .asLong())
          .isEqualTo(sent.size());
    }
  }

  private static void twinViewDiffersExactlyInTheMaskedSlots(Http http, CellId cell, String range)
      throws IOException {
    String base = "/api/v1/cells/" + cell.value();
    List<String> observed = lines(http.get(base + "/traffic" + range, VIEWER));
    List<String> twin = lines(http.get(base + "/traffic" + range + "&view=twin", VIEWER));
    List<Long> masked = new ArrayList<>();
    new ObjectMapper()
        .readTree(http.get(base + "/integrity", VIEWER).body())
        .get("maskedSlots")
        .forEach(n -> masked.add(n.asLong()));
    List<Long> differing = new ArrayList<>();
    assertThat(twin).hasSameSizeAs(observed);
    for (int i = 1; i < observed.size(); i++) {
      if (!observed.get(i).equals(twin.get(i))) {
        differing.add(Long.parseLong(observed.get(i).split(",")[1]));
      }
    }
    // the check masks slots within these three days (else this test would show nothing)
    assertThat(differing).isNotEmpty().isEqualTo(masked);
  }

  private static List<String> lines(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().lines().toList();
  }

  private static HttpResponse<String> post(Http http, List<RawRow> batch) {
    try {
      return http.post("/api/v1/telemetry", OPERATOR, StoreExport.exportFormat(batch));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
