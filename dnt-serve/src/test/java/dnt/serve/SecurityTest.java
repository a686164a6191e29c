package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's refusals: every 4xx is JSON naming what is at fault, whoever refuses (the API, the
 * static files, or Jetty before the request reaches Javalin); requests over the rate limit get 429
 * with Retry-After; no CORS header is ever sent.
 */
final class SecurityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** An answer read off a socket. */
  private record Raw(int status, Map<String, String> headers, String body) {}

  /** Sends bytes as they are (Java's HTTP client refuses to send a malformed request). */
  private static Raw raw(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the connection closed inside the head: " + head);
        }
        head.write(b);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }
  }

  private static void assertJsonError(String what, int status, String type, String body)
      throws IOException {
    assertThat(status).as(what + ": " + body).isBetween(400, 499);
    assertThat(type).as(what + ": Content-Type").startsWith("application/json");
    JsonNode error = JSON.readTree(body).get("error");
    assertThat(error).as(what + ": " + body).isNotNull();
    assertThat(error.isTextual()).isTrue();
    assertThat(error.asText()).as(what).isNotBlank().doesNotContain("\tat ").doesNotContain("<");
  }

  @Test
  void everyRefusalIsJsonWhoeverRefusesIt() throws Exception {
    try (var twin = Fixtures.twin();
        var server =
            DntServer.start(
                twin,
                Fixtures.settings(dir)
                    .withMaxBodyBytes(1000)
                    .withRateLimits(new RateLimits(1000, 1000)))) {
      Http http = Http.of(server);
      String range = "?from=2013-11-01&to=2013-11-02";
      // the API's own refusals, one of each status it uses
      Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
      answers.put("400 id", http.get("/api/v1/cells/abc/traffic" + range, Fixtures.VIEWER));
      answers.put("400 batch", http.post("/api/v1/telemetry", Fixtures.OPERATOR, "1\tx\n"));
      answers.put("401 none", http.get("/api/v1/alerts", null));
      answers.put("401 unknown", http.get("/api/v1/alerts", "not-a-token-0123456789"));
      answers.put("403", http.post("/api/v1/telemetry", Fixtures.VIEWER, "1\t2\t39\n"));
      answers.put("404 route", http.get("/api/v1/nope", Fixtures.VIEWER));
      answers.put("404 file", http.get("/web/nope.js", null));
      answers.put("404 layer", http.get("/api/v1/layers/nope", Fixtures.VIEWER));
      answers.put("406", http.get("/api/v1/events", Fixtures.VIEWER));
      answers.put("409", http.get("/api/v1/stations", Fixtures.VIEWER));
      answers.put("413", http.post("/api/v1/telemetry", Fixtures.OPERATOR, "x".repeat(2000)));
      answers.put(
          "404 method",
          http.send(
              HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/health")).DELETE().build()));
      for (var e : answers.entrySet()) {
        HttpResponse<String> r = e.getValue();
        assertThat(r.statusCode())
            .as(e.getKey())
            .isEqualTo(Integer.parseInt(e.getKey().substring(0, 3)));
        assertJsonError(
            e.getKey(),
            r.statusCode(),
            r.headers().firstValue("Content-Type").orElse(""),
            r.body());
      }
      // what Jetty refuses before Javalin sees it
      int port = server.port();
      Map<String, String> malformed = new LinkedHashMap<>();
      malformed.put("400 bad escape", "GET /api/v1/cells/%zz/traffic HTTP/1.1\r\nHost: x\r\n\r\n");
      malformed.put("400 no request line", "GARBAGE\r\n\r\n");
      malformed.put("400 no Host", "GET /api/v1/health HTTP/1.1\r\n\r\n");
      malformed.put(
          "400 two lengths",
          "POST /api/v1/telemetry HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
              + "Content-Length: 5\r\n\r\n");
      malformed.put("414", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      malformed.put(
          "431",
          "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      for (var e : malformed.entrySet()) {
        Raw r = raw(port, e.getValue());
        assertThat(r.status())
            .as(e.getKey())
            .isEqualTo(Integer.parseInt(e.getKey().substring(0, 3)));
        assertJsonError(
            e.getKey(), r.status(), r.headers().getOrDefault("content-type", ""), r.body());
        assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("request: ");
      }
    }
  }

  @Test
  void overTheRateLimitIs429WithRetryAfterPerTokenAndPerAddress() throws Exception {
    // 0.5 a second: buckets of 1, so the second request of a caller is refused for 2 s
    try (var twin = Fixtures.twin();
        var server =
            DntServer.start(
                twin, Fixtures.settings(dir).withRateLimits(new RateLimits(0.5, 0.5)))) {
      Http http = Http.of(server);
      assertThat(http.get("/api/v1/session", Fixtures.VIEWER).statusCode()).isEqualTo(200);
      HttpResponse<String> over = http.get("/api/v1/session", Fixtures.VIEWER);
      assertThat(over.statusCode()).isEqualTo(429);
      assertJsonError(
          "429 token", 429, over.headers().firstValue("Content-Type").orElse(""), over.body());
      assertThat(JSON.readTree(over.body()).get("error").asText())
          .startsWith("rate: requests with this token are limited to 0.5 a second");
      long retry = Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
      // the bucket refills one request in 2 s; the request came within those 2 s
      assertThat(retry).isBetween(1L, 2L);
      // the security headers are on the refusal too
      assertThat(over.headers().firstValue("Content-Security-Policy")).contains(WebAssets.CSP);
      // another token has its own bucket
      assertThat(http.get("/api/v1/session", Fixtures.OPERATOR).statusCode()).isEqualTo(200);
      // requests without a valid token count against the address
      assertThat(http.get("/api/v1/health", null).statusCode()).isEqualTo(200);
      HttpResponse<String> anonymous = http.get("/api/v1/alerts", "guess-0123456789abcdef");
      assertThat(anonymous.statusCode()).isEqualTo(429);
      assertThat(JSON.readTree(anonymous.body()).get("error").asText())
          .startsWith("rate: requests without a valid token from one address are limited to");
      assertThat(anonymous.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void withTheDefaultLimitsABurstOfTwiceTheRatePasses() throws Exception {
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      Http http = Http.of(server);
      // the burst holds 2 s of requests; this loop takes a few of those, so the bucket cannot
      // have refilled by more than its size and the one after the burst is still refused
      int burst = (int) RateLimits.burst(RateLimits.DEFAULT_PER_ADDRESS);
      long start = System.nanoTime();
      int passed = 0;
      int refused = 0;
      for (int i = 0; i < 3 * burst; i++) {
        int status = http.get("/api/v1/health", null).statusCode();
        if (status == 200) {
          passed++;
        } else {
          assertThat(status).isEqualTo(429);
          refused++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // at least the burst passes; at most the burst plus what refilled meanwhile
      assertThat(passed)
          .isGreaterThanOrEqualTo(burst)
          .isLessThanOrEqualTo(burst + (int) Math.ceil(seconds * RateLimits.DEFAULT_PER_ADDRESS));
      assertThat(refused).isEqualTo(3 * burst - passed);
    }
  }

  @Test
  void noCorsHeaderIsEverSent() throws Exception {
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      String origin = "Origin: https://elsewhere.example\r\n";
      List<String> requests =
          List.of(
              "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + origin + "\r\n",
              "GET /api/v1/alerts HTTP/1.1\r\nHost: x\r\n"
                  + origin
                  + "Authorization: Bearer "
                  + Fixtures.VIEWER
                  + "\r\n\r\n",
              "OPTIONS /api/v1/whatif HTTP/1.1\r\nHost: x\r\n"
                  + origin
                  + "Access-Control-Request-Method: POST\r\n"
                  + "Access-Control-Request-Headers: authorization\r\n\r\n",
              "GET / HTTP/1.1\r\nHost: x\r\n" + origin + "\r\n");
      for (String request : requests) {
        Raw r = raw(server.port(), request);
        assertThat(r.headers().keySet())
            .as(request.lines().findFirst().orElseThrow())
            .noneMatch(h -> h.startsWith("access-control-"));
      }
      // the preflight itself is refused, as JSON
      Raw preflight = raw(server.port(), requests.get(2));
      assertJsonError(
          "preflight",
          preflight.status(),
          preflight.headers().getOrDefault("content-type", ""),
          preflight.body());
    }
  }
}
