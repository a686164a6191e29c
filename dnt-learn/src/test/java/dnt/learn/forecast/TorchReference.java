package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The dual LSTM computed with PyTorch's own LSTM operator, as an independent reference. */
final class TorchReference {
  private TorchReference() {}

  static float[] dualLstm(DualLstm dual, float[] p, Windows w) {
    Forecaster.of(dual, p); // loads the engine
    List<TensorSpec> specs = dual.tensors();
    int h = dual.hidden();
    try (NDManager m = NDManager.newBaseManager()) {
      NDList tensors = new NDList();
      int at = 0;
      for (TensorSpec t : specs) {
        float[] v = java.util.Arrays.copyOfRange(p, at, at + t.size());
        tensors.add(m.create(v, new Shape(t.shape())));
        at += t.size();
      }
      NDArray xc = m.create(w.closeness(), new Shape(w.count(), w.closenessLength(), w.features()));
      NDArray xp = m.create(w.period(), new Shape(w.count(), w.periodLength(), w.features()));
      NDArray sum = null;
      for (int g = 0; g < 2; g++) {
        // torch layout per layer: w_ih [4H, in], w_hh [4H, H], b_ih [4H], b_hh [4H]
        NDList torch = new NDList();
        for (int l = 0; l < dual.layers(); l++) {
          torch.add(tensors.get(4 * l).get(g).transpose());
          torch.add(tensors.get(4 * l + 1).get(g).transpose());
          torch.add(tensors.get(4 * l + 2).get(g).reshape(4L * h));
          torch.add(tensors.get(4 * l + 3).get(g).reshape(4L * h));
        }
        NDArray x = g == 0 ? xc : xp;
        NDArray h0 = m.zeros(new Shape(dual.layers(), w.count(), h));
        NDArray c0 = m.zeros(new Shape(dual.layers(), w.count(), h));
        NDList out =
            x.getNDArrayInternal()
                .lstm(x, new NDList(h0, c0), torch, true, dual.layers(), 0, false, false, true);
        NDArray last = out.get(1).get(dual.layers() - 1);
        sum = sum == null ? last : sum.add(last);
      }
      int head = 4 * dual.layers();
      return sum.matMul(tensors.get(head).transpose())
          .add(tensors.get(head + 1))
          .squeeze(1)
          .toFloatArray();
    }
  }
}
