package dnt.cli.serve;

import dnt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * {@code dnt serve} run in the test's JVM, and the HTTP calls the serve tests make to it. One per
 * test class; {@link #close()} stops the threads of the commands still running.
 */
final class InProcessServe implements AutoCloseable {
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newHttpClient();

  /** A {@code dnt serve} running in this JVM. */
  record Serving(ServeCommand command, Future<Integer> status, StringWriter out, StringWriter err) {
    String url() {
      return command.url();
    }

    int stop() throws Exception {
      command.stop();
      return status.get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs {@code dnt serve ARGS} and waits until it says how to stop it.
   *
   * @param within how long the start may take
   * @param args the command's arguments after {@code serve}
   * @return the running command
   */
  Serving serve(Duration within, String... args) throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ServeCommand command = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
    List<String> all = new ArrayList<>(List.of("serve"));
    all.addAll(List.of(args));
    Future<Integer> status = threads.submit(() -> cl.execute(all.toArray(String[]::new)));
    long deadline = System.nanoTime() + within.toNanos();
    while (command.url() == null || !out.toString().contains("stop with")) {
      if (status.isDone()) {
        throw new AssertionError("dnt serve ended: " + status.get() + " " + err);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("dnt serve did not start: " + out + err);
      }
      Thread.sleep(20);
    }
    return new Serving(command, status, out, err);
  }

  /** A GET, with the token in the Authorization header when there is one. */
  HttpResponse<String> get(String url, @Nullable String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A POST of a text body with the token. */
  HttpResponse<String> post(String url, String token, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The admin token a start without {@code --tokens} generated into the state folder. */
  static String adminToken(Path state) throws IOException {
    return Files.readAllLines(state.resolve("admin.token")).stream()
        .filter(l -> l.startsWith("admin "))
        .map(l -> l.substring(6).strip())
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
