package dnt.serve;

import dnt.core.CellId;
import dnt.live.memory.InMemoryLiveTwin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Tokens and twins the server tests share. */
final class Fixtures {
  static final String ADMIN = "admin-token-0123456789abcdef";
  static final String OPERATOR = "operator-token-0123456789abcdef";
  static final String VIEWER = "viewer-token-0123456789abcdef";

  /** 2013-11-01T00:00 Milan, a slot start. */
  static final long T0 = 1_383_260_400_000L;

  static final long SLOT = 600_000L;

  private Fixtures() {}

  static TokenStore tokens(Path dir) {
    Path file = dir.resolve("tokens.txt");
    try {
      Files.writeString(
          file,
          "# test tokens\n\nadmin "
              + ADMIN
              + "\noperator "
              + OPERATOR
              + "\nviewer "
              + VIEWER
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TokenStore.read(file);
  }

  /** A twin of cells 1..100 whose clock is 2013-11-10 (so slots after 2013-11-11 are refused). */
  static InMemoryLiveTwin twin() {
    List<CellId> cells =
        java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(CellId::of).toList();
    return new InMemoryLiveTwin(
        cells, () -> T0 + Duration.ofDays(9).toMillis(), InMemoryLiveTwin.DEFAULT_MAX_AHEAD);
  }

  static ServerSettings settings(Path dir) {
    return ServerSettings.of(tokens(dir)).withAddress("127.0.0.1", 0);
  }
}
