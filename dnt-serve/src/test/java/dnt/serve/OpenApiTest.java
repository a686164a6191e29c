package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document describes exactly the routes the server registers. */
final class OpenApiTest {
  @Test
  void everyRegisteredRouteIsDocumentedAndViceVersa(@TempDir Path dir) throws Exception {
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      HttpResponse<String> r = Http.of(server).get("/api/v1/openapi.json", null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode doc = new ObjectMapper().readTree(r.body());
      assertThat(doc.get("openapi").asText()).startsWith("3.1");
      List<String> documented = new ArrayList<>();
      for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
        for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
          documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
          // every operation documents its errors as JSON (or needs no token and has none)
          JsonNode responses = op.getValue().get("responses");
          assertThat(responses).as(path.getKey()).isNotNull();
          // and the rate limit's 429, which any request may meet
          assertThat(responses.has("429")).as(path.getKey() + " documents 429").isTrue();
          boolean needsToken = !op.getValue().has("security");
          if (needsToken) {
            assertThat(responses.has("401")).as(path.getKey() + " documents 401").isTrue();
          }
        }
      }
      List<String> registered = server.registeredRoutes();
      assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
      List<String> declared =
          DntServer.ROUTES.stream().map(x -> x.method() + " " + x.path()).toList();
      assertThat(registered).containsExactlyInAnyOrderElementsOf(declared);
      // the documented body limit is the default one
      assertThat(doc.get("paths").get("/api/v1/telemetry").get("post").get("description").asText())
          .contains(Long.toString(ServerSettings.DEFAULT_MAX_BODY_BYTES));
    }
  }
}
