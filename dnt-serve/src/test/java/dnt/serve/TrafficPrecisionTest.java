package dnt.serve;

import static dnt.serve.Fixtures.SLOT;
import static dnt.serve.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw values of 16 and 17 significant digits, as in the original Milan files, come back from both
 * live twins (the Pekko runtime and the in-memory reference) as the same doubles that {@code dnt
 * data ingest} + {@code dnt data export} give: the CSV equals the export byte for byte at both
 * resolutions, with no float rounding on the way.
 */
final class TrafficPrecisionTest {
  private static final List<CellId> CELLS = List.of(CellId.of(3), CellId.of(8));
  private static final long TO = T0 + Duration.ofHours(2).toMillis();

  /** Country codes in the order of the original Milan files: their decimal spellings sorted. */
  private static final int[] CODES = {0, 33, 355, 39, 7};

  /**
   * Two cells over two hours, several country codes a slot in the order of the Milan files, values
   * of 17 significant digits whose sums a float cannot hold.
   */
  private static List<RawRow> rows() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(12);
    int[] codes = CODES;
    List<RawRow> rows = new ArrayList<>();
    for (CellId cell : CELLS) {
      for (int s = 0; s < 12; s++) {
        for (int code : codes) {
          if (rng.nextInt(4) == 0) {
            continue; // a code without a row in this slot
          }
          rows.add(
              new RawRow(
                  cell.value(),
                  T0 + s * SLOT,
                  code,
                  code == 0 ? 0.14186425470242922 : rng.nextDouble(),
                  rng.nextDouble() * 3,
                  rng.nextDouble() / 7,
                  0,
                  rng.nextDouble() * 1000));
        }
      }
    }
    return rows;
  }

  /** The twin's CSV of each cell at each resolution equals the store's export of the same rows. */
  private static void assertEqualsExport(LiveTwin twin, List<RawRow> rows, Path dir)
      throws Exception {
    twin.ingest(rows).toCompletableFuture().get();
    for (Resolution res : Resolution.values()) {
      for (CellId cell : CELLS) {
        String csv = TrafficCsv.write(twin.traffic(cell, T0, TO, res).toCompletableFuture().get());
        Path sub = Files.createDirectories(dir.resolve(res.label() + "-" + cell.value()));
        String expected = StoreExport.export(sub, rows, List.of(cell), T0, TO, res);
        assertThat(csv).as("cell %s at %s", cell, res.label()).isEqualTo(expected);
      }
    }
  }

  /** The internet totals of every (cell, slot), its rows added in ascending numeric code. */
  private static Map<String, Double> numericOrderTotals(List<RawRow> rows) {
    Map<String, Double> totals = new HashMap<>();
    rows.stream()
        .sorted(Comparator.comparingInt(RawRow::countryCode))
        .forEach(r -> totals.merge(r.cell() + "@" + r.timeMillis(), r.internet(), Double::sum));
    return totals;
  }

  @Test
  void theInMemoryTwinGivesTheExportsDoubles(@TempDir Path dir) throws Exception {
    List<RawRow> rows = rows();
    assertThat(rows).anyMatch(r -> r.smsIn() == 0.14186425470242922);
    // the premise: adding in numeric code order gives another double somewhere, so the test tells
    // the files' order from it
    Map<String, Double> fileOrder = new HashMap<>();
    rows.forEach(r -> fileOrder.merge(r.cell() + "@" + r.timeMillis(), r.internet(), Double::sum));
    assertThat(numericOrderTotals(rows)).isNotEqualTo(fileOrder);
    try (LiveTwin twin = Fixtures.twin()) {
      assertEqualsExport(twin, rows, dir);
    }
  }

  @Test
  void thePekkoTwinGivesTheExportsDoubles(@TempDir Path dir) throws Exception {
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(dir.resolve("state")))) {
      assertEqualsExport(twin, rows(), dir);
    }
  }
}
