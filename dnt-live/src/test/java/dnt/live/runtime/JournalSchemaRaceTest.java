package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.live.JournalSettings;
import dnt.live.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Nodes of a cluster that start together create the shared PostgreSQL journal's tables at the same
 * moment: every one of them must start. PostgreSQL's {@code CREATE TABLE IF NOT EXISTS} alone is
 * not safe against a concurrent creator (the loser fails on the unique index of {@code pg_type}, as
 * {@code dnt serve} nodes started together did), so {@link JournalSchema} serialises the creators.
 * Six threads at once on a fresh schema, five times.
 */
final class JournalSchemaRaceTest {
  private static final int CREATORS = 6;

  @Test
  void nodesThatCreateTheTablesAtOnceAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CREATORS);
    try {
      for (int round = 0; round < 5; round++) {
        try (TestPostgres pg = TestPostgres.schemaOrSkip()) {
          JournalSettings j = pg.journal();
          String password =
              Files.readAllLines(
                      java.util.Objects.requireNonNull(j.passwordFile()), StandardCharsets.UTF_8)
                  .get(0)
                  .strip();
          CountDownLatch go = new CountDownLatch(1);
          List<Future<?>> creators = new ArrayList<>();
          for (int i = 0; i < CREATORS; i++) {
            creators.add(
                pool.submit(
                    () -> {
                      go.await();
                      JournalSchema.ensure(
                          j.url(),
                          j.user(),
                          password,
                          j.dialect().driver(),
                          j.dialect().schemaResource());
                      return null;
                    }));
          }
          go.countDown();
          for (Future<?> f : creators) {
            f.get(); // rethrows a creator's SQLException
          }
          assertThat(pg.count("event_journal")).isZero();
          assertThat(pg.count("snapshot")).isZero();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
