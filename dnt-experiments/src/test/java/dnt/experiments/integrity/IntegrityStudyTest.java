package dnt.experiments.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import dnt.data.milan.MilanSubset;
import dnt.experiments.harness.Replication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The study on the bundled subset: the fault plan, determinism, and what a clean stream scores. */
final class IntegrityStudyTest {
  private static IntegrityRunSettings settings(Map<String, Object> given) {
    return IntegrityRunSettings.resolve(Optional.empty(), given);
  }

  @Test
  void aShareOfTheStreamsGetsFaultsOfEachKindInTurnWithinTheRanges() {
    IntegrityStudy study = new IntegrityStudy(settings(Map.of()), MilanSubset.load());
    Map<Integer, Fault> plan = study.plan(Seeds.generator(42));
    // 0.4 of 25 streams: 10, two of each of the five kinds, on 10 different streams
    assertThat(plan).hasSize(10);
    List<String> kinds = new ArrayList<>();
    plan.values().forEach(f -> kinds.add(f.kind()));
    assertThat(kinds)
        .containsExactly(
            "scaling", "offset", "frozen", "replay", "drift", "scaling", "offset", "frozen",
            "replay", "drift");
    for (Fault f : plan.values()) {
      assertThat(f.onset()).isBetween(7 * 144, 21 * 144 - 1);
      assertThat(f.end() - f.onset()).isBetween(36, 288);
    }
    // another seed, another plan
    assertThat(study.plan(Seeds.generator(43))).isNotEqualTo(plan);
  }

  @Test
  void aReplicationDependsOnItsSeedOnlyAndCleanStreamsAreScoredOverEveryJudgedSlot() {
    IntegrityStudy study = new IntegrityStudy(settings(Map.of("cells", 5)), MilanSubset.load());
    IntegrityStudy.Result a = study.replicate(new Replication(0, 7, 1));
    IntegrityStudy.Result b = study.replicate(new Replication(0, 7, 1));
    assertThat(a).isEqualTo(b);
    assertThat(a.rows()).hasSize(5);
    // round(0.4 * 5) = 2 faulty streams
    assertThat(a.rows().stream().filter(IntegrityStudy.Row::faulty)).hasSize(2);
    for (IntegrityStudy.Row r : a.rows()) {
      // 30 days of slots, the first day not judged
      assertThat(r.judged()).isEqualTo(MilanSubset.SLOTS - 144);
      if (!r.faulty()) {
        assertThat(r.evalFrom()).isEqualTo(144);
        assertThat(r.evalTo()).isEqualTo(MilanSubset.SLOTS);
        assertThat(r.delay()).isEqualTo(-1);
        // unmasked, the forecast reads the truth itself; masking can only change that
        if (r.masked() == 0) {
          assertThat(r.errorMasked()).isEqualTo(r.errorRaw());
        }
      } else {
        assertThat(r.evalFrom()).isEqualTo(r.onset());
        assertThat(r.evalTo()).isEqualTo(r.end() + 144);
      }
    }
  }

  @Test
  void faultsThatDoNotFitInTheDataAreRefusedNamingTheKeys() {
    assertThatThrownBy(
            () ->
                new IntegrityStudy(settings(Map.of("faults.onsetDay.to", 29)), MilanSubset.load()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("faults.onsetDay")
        .hasMessageContaining("4320 slots");
  }

  @Test
  void settingsNameTheKeyAtFaultAndTheKnownKinds() {
    assertThatThrownBy(() -> settings(Map.of("faults.kinds", List.of("spike"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "key 'faults': kinds: unknown fault kind 'spike'; known: scaling, offset, frozen");
    assertThatThrownBy(() -> settings(Map.of("faults.shar", 0.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'faults.shar'");
    assertThatThrownBy(() -> settings(Map.of("detector.warmup", 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("detector");
    assertThatThrownBy(() -> settings(Map.of("faults.onsetDay.from", 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("onsetDay");
  }
}
