package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.live.cluster.ClusterStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/cluster} over HTTP: the twin's cluster status as JSON (members, shards per
 * node with their entities, singletons), 409 for a twin on no cluster, 401 without a token. The
 * twin is a stub whose status the test sets (the Pekko twin's status is tested in dnt-live's
 * ThreeNodeClusterTest).
 */
final class ClusterRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "pekko://dnt-live@127.0.0.1:25520";
  private static final String B = "pekko://dnt-live@127.0.0.1:25521";

  @TempDir Path dir;

  @Test
  void theStatusAsJson() throws Exception {
    ClusterStatus status =
        new ClusterStatus(
            B,
            A,
            List.of(
                new ClusterStatus.Member(A, "Up", List.of("dc-default"), true),
                new ClusterStatus.Member(B, "Leaving", List.of("dc-default"), false)),
            List.of(
                new ClusterStatus.EntityType(
                    "cell",
                    List.of(
                        new ClusterStatus.NodeShards(
                            A,
                            List.of(
                                new ClusterStatus.Shard("7", 2), new ClusterStatus.Shard("9", 1)),
                            List.of()),
                        new ClusterStatus.NodeShards(B, List.of(), List.of("12"))))),
            List.of(new ClusterStatus.Singleton("fl-aggregator", A)));
    DelegatingTwin twin =
        new DelegatingTwin() {
          @Override
          public CompletionStage<ClusterStatus> cluster() {
            return CompletableFuture.completedFuture(status);
          }
        };
    try (var server = DntServer.start(twin, Fixtures.settings(dir))) {
      HttpResponse<String> r = Http.of(server).get("/api/v1/cluster", Fixtures.VIEWER);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode s = JSON.readTree(r.body());
      assertThat(s.get("self").asText()).isEqualTo(B);
      assertThat(s.get("leader").asText()).isEqualTo(A);
      assertThat(s.get("members")).hasSize(2);
      assertThat(s.get("members").get(1).get("status").asText()).isEqualTo("Leaving");
      assertThat(s.get("members").get(1).get("reachable").asBoolean()).isFalse();
      assertThat(s.get("members").get(0).get("roles").get(0).asText()).isEqualTo("dc-default");
      JsonNode cell = s.get("entityTypes").get(0);
      assertThat(cell.get("name").asText()).isEqualTo("cell");
      JsonNode onA = cell.get("nodes").get(0);
      assertThat(onA.get("address").asText()).isEqualTo(A);
      assertThat(onA.get("shards")).hasSize(2);
      assertThat(onA.get("shards").get(0).get("id").asText()).isEqualTo("7");
      assertThat(onA.get("shards").get(0).get("entities").asInt()).isEqualTo(2);
      assertThat(cell.get("nodes").get(1).get("failedShards").get(0).asText()).isEqualTo("12");
      assertThat(s.get("singletons").get(0).get("name").asText()).isEqualTo("fl-aggregator");
      assertThat(s.get("singletons").get(0).get("address").asText()).isEqualTo(A);
      assertThat(Http.of(server).get("/api/v1/cluster", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aTwinOnNoClusterAnswersConflict() throws Exception {
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      HttpResponse<String> r = Http.of(server).get("/api/v1/cluster", Fixtures.VIEWER);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("no cluster");
    }
  }
}
