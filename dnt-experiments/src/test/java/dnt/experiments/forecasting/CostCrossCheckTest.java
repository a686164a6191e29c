package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.learn.codec.UpdateChannel;
import dnt.learn.fl.CostLedger.CostSummary;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.cost.AnalyticCost;
import dnt.learn.fl.cost.CostNetwork;
import dnt.learn.fl.cost.CostedMethod;
import dnt.learn.fl.cost.PhaseCost;
import dnt.learn.fl.cost.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The analytic cost model against the study's own ledger: a tiny forecasting study runs every
 * learned method (its {@link dnt.learn.fl.CostLedger} records each message as it is sent), and the
 * counts of {@link AnalyticCost} on the same flat one-hop network (the study's seeded link rates
 * and latency) must give the same bytes and transfer seconds. Plus the settings' refusals.
 */
final class CostCrossCheckTest {
  @Test
  void onAFlatNetworkTheCountedCostIsWhatTheLedgerRecords() {
    Map<String, Object> o = new HashMap<>(ForecastingStudyTest.TINY);
    o.put("sync.clientFraction", 1.0);
    o.put("codec.name", "qsgd"); // updates smaller than models: both sizes are checked
    o.put("codec.bits", 4);
    FlConfig cfg = ForecastingSettings.defaults().with(o).fl();
    ForecastData d = ForecastingStudyTest.data();
    ForecastingStudy study = new ForecastingStudy(cfg, d, Progress.NONE);
    long seed = 11;
    List<MethodResult> results =
        study.run(
            List.of(
                Method.TRADITIONAL_DT,
                Method.V_TWIN,
                Method.V_TWIN_NO_CLUSTER,
                Method.H_TWIN,
                Method.H_TWIN_NO_CLUSTER),
            seed);
    List<FlClient> clients = study.clients(seed);
    double[] rates = clients.stream().mapToDouble(FlClient::linkRate).toArray();
    CostNetwork flat = CostNetwork.flat(rates, cfg.cost().latencySeconds());
    int p = study.architecture().parameterCount();
    assertThat(cfg.syncSettings(false).sampleSize(3)).isEqualTo(3);
    Workload w =
        new Workload(
            3,
            4.0 * p,
            new UpdateChannel(cfg.updateCodec(), p).bytes(),
            cfg.sync().rounds(),
            3,
            cfg.clustering().clusters(),
            d.trainLength() / 24.0, // 5 whole days
            d.testDays(),
            1,
            24 * 6 * 4); // 24 hours of 6 ten-minute values of 4 bytes
    for (MethodResult r : results) {
      CostedMethod m = CostedMethod.valueOf(r.method().name());
      same(r.creation(), AnalyticCost.creation(m, w, flat), r.method().label() + " creation");
      same(r.ongoing(), AnalyticCost.ongoing(m, w, flat), r.method().label() + " ongoing");
    }
  }

  private static void same(CostSummary ledger, PhaseCost counted, String what) {
    assertThat(counted.bytes()).as(what).isEqualTo((double) ledger.bytes());
    assertThat(counted.accessMessages()).as(what).isEqualTo(ledger.messages());
    // the same terms bytes / rate + latency summed in another order: rounding of at most a few
    // dozen additions, 1e-12 relative
    assertThat(counted.communicationSeconds())
        .as(what)
        .isCloseTo(ledger.communicationSeconds(), within(1e-12 * ledger.communicationSeconds()));
  }

  @Test
  void theBreakEvenSolvesTheLinearCutByHand() {
    // baseline 2 + 3 V seconds (V in units of span 1): cut 0.438 when 2 + 3 V = vh / 0.562
    double vh = 5.62;
    assertThat(CostStudy.solve(vh, 2, 5, 1)).isCloseTo((10 - 2) / 3.0, within(1e-12));
    assertThat(CostStudy.solve(vh, 2, 2 + 3e9, 1e9)).isCloseTo((10 - 2) / 3.0, within(1e-9));
  }

  @Test
  void badSettingsAreRefusedNamingTheKey() {
    refused(Map.of("raw.preset", "telemetry"), "raw.preset");
    refused(Map.of("network.mix.wireless", 0.5), "network.mix.wireless");
    refused(Map.of("network.wireless.distanceM", 1.0), "network.wireless.distanceM");
    refused(Map.of("network.wireless.propagation", "city"), "network.wireless.propagation");
    refused(Map.of("network.fibre.mbps", 0.0), "network.fibre.mbps");
    refused(Map.of("network.metro.latencyMs", -1.0), "network.metro.latencyMs");
    refused(Map.of("network.topology", "mesh"), "network.topology");
    refused(Map.of("updatesPerDay", 0.0), "updatesPerDay");
    refused(Map.of("raw.cdr.bytesPerRecord", 0), "raw.cdr.bytesPerRecord");
    refused(Map.of("sweep.updatesPerDay", List.of(1.0, -2.0)), "sweep.updatesPerDay");
    refused(Map.of("network.speed", 3), "network.speed");
    assertThat(CostSettings.defaults().raw().volume()).isEqualTo(5 * 144 * 4);
  }

  private static void refused(Map<String, Object> given, String key) {
    assertThatThrownBy(() -> CostSettings.resolve(Optional.empty(), given))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + key + "'");
  }
}
