package dnt.learn.fl;

import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.DualLstm;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny synthetic stations for the engine tests: noisy daily sines, 4 days of hourly data. */
final class FlFixtures {
  static final WindowSpec SPEC = new WindowSpec(2, 2, 24, true, false, false);
  static final Architecture ARCH = new DualLstm(SPEC, 4, 1, 0.0);
  static final TrainingRecipe RECIPE =
      new TrainingRecipe(1, 16, TrainingRecipe.Optimizer.SGD, 0.05, 0.9, false);

  private FlFixtures() {}

  static List<FlClient> clients(int n) {
    List<FlClient> out = new ArrayList<>();
    WindowBuilder b = new WindowBuilder(SPEC, 0);
    for (int i = 0; i < n; i++) {
      Random r = new Random(i);
      float[] x = new float[24 * 6];
      for (int t = 0; t < x.length; t++) {
        x[t] = (float) (Math.sin(2 * Math.PI * (t + 3 * i) / 24.0) + 0.1 * r.nextGaussian());
      }
      Windows train = b.build(x, 48, 24 * 4, "c" + i);
      List<Windows> stream = List.of(b.build(x, 96, 120, "c" + i), b.build(x, 120, 144, "c" + i));
      double[] profile = new double[24];
      for (int h = 0; h < 24; h++) {
        profile[h] = x[h];
      }
      out.add(
          new FlClient(
              "c" + i, 100.0 * (i % 3), 100.0 * (i / 3), train, stream, profile, 1 + i % 2, 1e6));
    }
    return out;
  }
}
