import dnt.learn.forecast.*;
import java.lang.management.ManagementFactory;

/** Process CPU seconds and wall seconds for N local trainings like an H-twin update (MLP 32, 288 windows, 2 epochs, batch 32, Adam). */
public class TorchCpu {
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]);
    int S = 144;
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 32, 1, 0.0);
    float[] series = new float[3 * S];
    for (int i = 0; i < series.length; i++) series[i] = (float) Math.sin(i * 0.04);
    Windows w = new WindowBuilder(spec, 0).build(series, S, 3 * S, "x");
    TrainingRecipe r = new TrainingRecipe(2, 32, TrainingRecipe.Optimizer.ADAM, 0.001, 0.9, true);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Forecaster.of(mlp, Forecaster.initialise(mlp, 1).parameters()).fit(w, r, 1);
    long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    for (int i = 0; i < n; i++) Forecaster.of(mlp, Forecaster.initialise(mlp, i).parameters()).fit(w, r, i);
    System.out.printf("num_threads=%s: %d trainings, %.2f s CPU, %.2f s wall, %.1f ms CPU each%n", System.getProperty("ai.djl.pytorch.num_threads"), n, (os.getProcessCpuTime() - c0) / 1e9, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e6 / n);
  }
}
