package dnt.experiments.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-seed measures of the report on hand-built rows, each answer worked out by hand. */
final class IntegrityReportTest {
  private static IntegrityStudy.Row clean(long seed, int flags, int flaggedSlots, int judged) {
    return new IntegrityStudy.Row(
        seed,
        1,
        IntegrityStudy.NONE,
        -1,
        -1,
        Double.NaN,
        judged,
        0,
        0,
        flags,
        flaggedSlots,
        0,
        -1,
        144,
        144 + judged,
        1000,
        100,
        110);
  }

  private static IntegrityStudy.Row faulty(
      long seed, String kind, int onset, int end, int flaggedFault, int delay) {
    return new IntegrityStudy.Row(
        seed,
        2,
        kind,
        onset,
        end,
        2,
        4176,
        0,
        0,
        delay >= 0 ? 1 : 0,
        flaggedFault,
        flaggedFault,
        delay,
        onset,
        end + 144,
        500,
        200,
        50);
  }

  @Test
  void falseAlarmsDetectionAndErrorsPoolTheStreamsOfASeed() {
    // seed 1: two clean streams (3 flags in 4,000 judged slots; 0 in 4,000), one scaling fault of
    // 10 slots flagged after 2 slots (8 fault slots flagged), one drift fault never flagged
    // seed 2: clean streams with 1 and 1 flags, a scaling fault flagged after 4 (6 of 20 slots)
    List<IntegrityStudy.Result> reps =
        List.of(
            new IntegrityStudy.Result(
                1,
                List.of(
                    clean(1, 3, 12, 4000),
                    clean(1, 0, 0, 4000),
                    faulty(1, "scaling", 1000, 1010, 8, 2),
                    faulty(1, "drift", 2000, 2100, 0, -1))),
            new IntegrityStudy.Result(
                2,
                List.of(
                    clean(2, 1, 5, 4000),
                    clean(2, 1, 3, 4000),
                    faulty(2, "scaling", 1000, 1020, 6, 4))));
    Map<String, IntegrityReport.Summary> s =
        IntegrityReport.summarise(
            reps, List.of("scaling", "drift", IntegrityReport.ALL_FAULTS, IntegrityReport.CLEAN));

    // flags per judged slot: 3 / 8000 and 2 / 8000
    assertThat(s.get("clean/false_alarms_per_judged_slot").perSeed())
        .containsExactly(3.0 / 8000, 2.0 / 8000);
    // ever flagged: one of two, two of two
    assertThat(s.get("clean/ever_flagged_share").perSeed()).containsExactly(0.5, 1.0);
    assertThat(s.get("clean/flagged_slot_share").perSeed())
        .containsExactly(12.0 / 8000, 8.0 / 8000);
    // detection: one of two faults in seed 1 (delay 2), one of one in seed 2 (delay 4)
    assertThat(s.get("all faults/detected_share").perSeed()).containsExactly(0.5, 1.0);
    assertThat(s.get("all faults/delay_slots").perSeed()).containsExactly(2.0, 4.0);
    // fault slots flagged: 8 of 110 and 6 of 20
    assertThat(s.get("all faults/flagged_fault_slot_share").perSeed())
        .containsExactly(8.0 / 110, 6.0 / 20);
    // a kind absent from a seed has no value there; a kind never detected has no delay
    assertThat(s.get("drift/detected_share").perSeed()[1]).isNaN();
    assertThat(s.get("drift/delay_slots").perSeed()[0]).isNaN();
    // pooled WAPE: clean (100 + 100) / 2000, faulty raw (200 + 200) / 1000, masked 100 / 1000
    assertThat(s.get("clean/wape_raw").perSeed()[0]).isEqualTo(0.1);
    assertThat(s.get("clean/wape_masked").perSeed()[0]).isEqualTo(0.11);
    assertThat(s.get("all faults/wape_raw").perSeed()[0]).isEqualTo(0.4);
    assertThat(s.get("all faults/wape_masked").perSeed()[0]).isEqualTo(0.1);
    // the interval skips undefined seeds: the drift's detected share has one seed
    assertThat(s.get("drift/detected_share").value().n()).isEqualTo(1);
  }
}
