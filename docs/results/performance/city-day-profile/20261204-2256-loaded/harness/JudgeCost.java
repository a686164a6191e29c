package dnt.live.runtime;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Verdict;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.SeriesScaler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** CPU time of a cell twin's judge + apply per slot on its fourth day, with and without a model. */
public class JudgeCost {
  public static void main(String[] a) {
    int cells = Integer.parseInt(a[0]);
    int S = MaskPredict.SLOTS_PER_DAY;
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 32, 1, 0.0);
    CellModel model = new CellModel("7", mlp, Forecaster.initialise(mlp, 5).parameters(), new SeriesScaler(150, 60), 1);
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < 2; pass++) {
      for (CellModel m : new CellModel[] {null, model}) {
        Random r = new Random(1);
        long cpu = 0, alloc = 0; int judged = 0;
        for (int c = 0; c < cells; c++) {
          CellState st = new CellState(IntegrityParams.defaults());
          for (int t = 0; t < 4 * S; t++) {
            List<Observation> batch = new ArrayList<>();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) batch.add(new Observation(t, new int[] {39, 0, 33, 49, 44, 86}[k], 1, 1, 1, 1, 100 + 50 * Math.sin(t * 0.04) + r.nextGaussian()));
            boolean timed = t >= 3 * S;
            long c0 = timed ? bean.getCurrentThreadCpuTime() : 0, a0 = timed ? bean.getCurrentThreadAllocatedBytes() : 0;
            List<Verdict> v = st.judge(batch, t >= 3 * S ? m : null);
            st.apply(batch, v);
            if (timed) { cpu += bean.getCurrentThreadCpuTime() - c0; alloc += bean.getCurrentThreadAllocatedBytes() - a0; judged += v.size(); }
          }
        }
        if (pass == 1) System.out.printf("model %s: %d judged slots, %.1f us CPU and %.1f kB allocated per slot%n", m == null ? "no " : "yes", judged, cpu / 1e3 / judged, alloc / 1e3 / judged);
      }
    }
  }
}
