package dnt.learn.forecast;

import org.junit.jupiter.api.Test;

final class PrecisionProbeTest {
  @Test
  void probe() {
    WindowSpec spec = new WindowSpec(3, 3, 24, true, false, false);
    DualLstm dual = new DualLstm(spec, 5, 2, 0.0);
    float[] p = Forecaster.initialise(dual, 4).parameters();
    Windows w3 = new WindowBuilder(spec, 0).build(ForecasterTest.sineSeries(), 72, 82, "s");
    float[] ours = Forecaster.of(dual, p).predict(w3);
    float[] torch = TorchReference.dualLstm(dual, p, w3);
    double[] ref = DoubleLstmReference.dualLstm(dual, p, w3);
    for (int i = 0; i < ours.length; i++) {
      System.out.printf(
          "PROBE %d ours %.9f torch %.9f ref %.9f dOurs %.3e dTorch %.3e%n",
          i, ours[i], torch[i], ref[i], ours[i] - ref[i], torch[i] - ref[i]);
    }
  }
}
