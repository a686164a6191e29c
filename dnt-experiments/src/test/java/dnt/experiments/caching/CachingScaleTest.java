package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The settings of the scale runs (issue 16: 50 stations and 10,000 clients, a 10-million-request
 * stream), the network they build, a run without the learned systems, and the station facts behind
 * the overload events.
 */
final class CachingScaleTest {
  @Test
  void fiftyStationsAndTenThousandClientsFromTheTwinEachCoveredByOneOrTwo() {
    CachingRunSettings s =
        CachingRunSettings.resolve(
            Optional.empty(),
            false,
            Map.of(
                "study.stations", 50, "study.clientsPerStation", 200, "study.loadWindow", 100_000));
    Topology topo = new CachingStudy(s.study()).topology(42);
    assertThat(topo.stationCount()).isEqualTo(50);
    assertThat(topo.clientCount()).isEqualTo(10_000);
    int[] home = new int[50];
    int dual = 0;
    for (int u = 0; u < 10_000; u++) {
      int[] st = topo.stationsOf(u);
      assertThat(st.length).as("client %d", u).isBetween(1, 2);
      // clients b*200 .. b*200+199 were placed around station b, which they receive best
      assertThat(st[0]).isEqualTo(u / 200);
      home[st[0]]++;
      dual += st.length - 1;
    }
    assertThat(home).containsOnly(200);
    // overlapping coverage: some clients have a second station, not all of them
    assertThat(dual).isBetween(1, 9_999);
  }

  @Test
  void aRunWithoutTheLearnedSystemsHasOnlyTheClassicPoliciesAndTheReferences() {
    CachingRunSettings s =
        CachingRunSettings.resolve(Optional.empty(), true, Map.of("study.learnedSystems", false));
    CachingStudy.Result r = new CachingStudy(s.study()).replicate(0, 5);
    assertThat(r.rows()).extracting(CachingStudy.Row::family).containsOnly("classic", "reference");
    assertThat(r.rows()).hasSize(2 * (CachingStudy.CLASSIC.size() + 2));
    assertThat(r.learningCurves()).isEmpty();
    assertThat(r.stations()).hasSize(s.study().network().stations());
    java.util.Map<String, CachingReport.Summary> summary = CachingReport.summarise(r.rows());
    assertThat(
            CachingReport.report(
                summary,
                r.rows(),
                r.rows().stream().map(CachingStudy.Row::system).distinct().toList(),
                1,
                s.study(),
                List.of(r)))
        .contains("the learned systems not run (learnedSystems: false)")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "(%.0f requests a stream on average)",
                (r.lever().get("common").requests() + r.lever().get("rare").requests()) / 2.0))
        .doesNotContain("## Learning curves");
    // with the learned systems the same streams give the same classic rows: they do not depend on
    // the training data
    CachingStudy.Result all =
        new CachingStudy(CachingRunSettings.resolve(Optional.empty(), true, Map.of()).study())
            .replicate(0, 5);
    assertThat(all.rows().stream().filter(x -> x.family().equals("classic")).toList())
        .isEqualTo(r.rows().stream().filter(x -> x.family().equals("classic")).toList());
  }

  @Test
  void badScaleSettingsAreRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(),
                    false,
                    Map.of(
                        "study.stations",
                        50,
                        "study.clientsPerStation",
                        200,
                        "study.testSlots",
                        100_000)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("holds about 500000000 requests; at most 100000000 fit");
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(),
                    false,
                    Map.of("study.stations", 1000, "study.clientsPerStation", 1000)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 100000 clients, got 1000 x 1000");
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(), false, Map.of("study.overloadFactor", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("overloadFactor positive");
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(), false, Map.of("study.requestProbability", 1.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("requestProbability must be in (0, 1], got 1.5");
    assertThatThrownBy(
            () -> CachingRunSettings.resolve(Optional.empty(), false, Map.of("study.overlap", 2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("overlap must be in [0, 1]");
    // a window shorter than 10 slots of requests (issue 16): 50 x 200 clients at q = 0.5 send
    // 5000 requests a slot, so 4000 (the first scale runs' window) and 49,999 are refused
    for (int w : new int[] {4000, 49_999}) {
      assertThatThrownBy(
              () ->
                  CachingRunSettings.resolve(
                      Optional.empty(),
                      false,
                      Map.of(
                          "study.stations",
                          50,
                          "study.clientsPerStation",
                          200,
                          "study.loadWindow",
                          w)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(
              "loadWindow "
                  + w
                  + " holds fewer than 10 slots of requests (10000 clients x requestProbability"
                  + " 0.5 = 5000 a slot)")
          .hasMessageContaining("set loadWindow to at least 50000");
    }
    assertThat(
            CachingRunSettings.resolve(
                    Optional.empty(),
                    false,
                    Map.of(
                        "study.stations",
                        50,
                        "study.clientsPerStation",
                        200,
                        "study.loadWindow",
                        50_000))
                .study()
                .load()
                .loadWindow())
        .isEqualTo(50_000);
    assertThatThrownBy(
            () ->
                CachingRunSettings.resolve(
                    Optional.empty(), false, Map.of("study.learnedSystems", "maybe")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("learnedSystems");
  }

  @Test
  void theFloorIsTheLargestWindowShareOfClientsOnlyOneStationCovers() {
    // client 0: station 0 only; client 1: stations 0 and 1; client 2: station 1 only
    Topology topo =
        Topology.builder().attach(0, 0, 0).attach(1, 0, 0).attach(1, 1, 0).attach(2, 1, 0).build();
    // windows of 3: [0,0,1] -> 2 at station 0, 0 at 1; [0,1,2] 1/1; [1,2,0] 1/1; [2,0,1] 1/1
    Trace t = Trace.sequential(new int[] {0, 0, 1, 2, 0, 1}, new int[] {1, 2, 3, 4, 5, 6});
    List<CachingStudy.StationRow> rows =
        CachingStudy.stationRows(topo, t, 3, new long[] {0, 1}, new long[] {4, 0});
    assertThat(rows)
        .containsExactly(
            new CachingStudy.StationRow(0, 2, 1, 0, 2.0 / 3, 0, 4),
            new CachingStudy.StationRow(1, 1, 1, 1, 1.0 / 3, 1, 0));
  }
}
