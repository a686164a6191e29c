package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grid CNN over the m x m patch of Milan grid cells around a cell, in the manner of ST-DenseNet
 * (C. Zhang, H. Zhang, D. Yuan, M. Zhang, "Citywide cellular traffic prediction based on densely
 * connected convolutional neural networks", IEEE Communications Letters 22(8), 2018, section II)
 * and ST-ResNet (J. Zhang, Y. Zheng, D. Qi, "Deep spatio-temporal residual networks for citywide
 * crowd flows prediction", AAAI 2017, section "Deep Spatio-Temporal Residual Networks"): three
 * branches read the closeness frames (the last k slots), the period frames (the same slot on the
 * previous p days) and the trend frames (the same slot in the previous q weeks), each stacked as
 * input channels; each branch is a small densely connected convolution block; the branches are
 * fused with learned weights; the network predicts the centre cell.
 *
 * <p>Each branch, for L frames: input channels are the L frames of the patch's values, L more per
 * exogenous input (the step's sin/cos of hour or day, as constant planes) and one mask plane (1
 * where the patch cell is in the data, 0 outside, where the values are 0: the network can tell a
 * missing neighbour from a zero z-score). A 3x3 convolution (padding 1) makes g = max(1, hidden/2)
 * feature maps; then {@code layers} dense layers, each a ReLU and a 3x3 convolution of the
 * concatenation of all earlier maps into g new maps (DenseNet's connectivity, Huang et al. 2017,
 * CVPR, section 3); then ReLU, dropout and a 1x1 convolution to one map, whose centre pixel is the
 * branch's output. The fusion is a linear layer over the branches' centre outputs.
 *
 * <p>Choices the papers leave open or that differ here, and why:
 *
 * <ul>
 *   <li>The papers predict the whole city map; here only the centre cell is the target (the
 *       per-station protocol of the study), so ST-ResNet's parametric-matrix fusion {@code W_c o
 *       X_c + W_p o X_p + W_q o X_q} reduces to one weight per branch at the centre (plus a bias).
 *   <li>No batch normalisation (ST-DenseNet's BN-ReLU-Conv becomes ReLU-Conv): batch statistics
 *       would make a prediction depend on its batch and are not parameters that FedAvg averages.
 *   <li>No output tanh: the papers scale traffic to [-1, 1] and end in tanh; the study's targets
 *       are z-scores, unbounded, so the output is linear.
 *   <li>Growth rate g = hidden/2 and the dense layers' count from {@code layers} keep the parameter
 *       count near the dual LSTM's (the papers' filter counts are for a 100 x 100 map).
 *   <li>The trend step is one week (ST-ResNet's choice for weekly patterns); the bundled subset's
 *       30 days allow one or two weeks.
 * </ul>
 *
 * @param windows the windows read; {@link WindowSpec#patch()} must be at least 1
 * @param hidden twice the growth rate
 * @param layers dense layers per branch
 * @param dropout the dropout rate before each branch's 1x1 convolution
 */
public record StDenseNet(WindowSpec windows, int hidden, int layers, double dropout)
    implements Architecture {
  /** Checks the fields. */
  public StDenseNet {
    Objects.requireNonNull(windows, "windows");
    DualLstm.checkRecurrent(hidden, layers, dropout);
    if (windows.patch() < 1) {
      throw new IllegalArgumentException("st-densenet needs windows with a neighbourhood patch");
    }
  }

  @Override
  public String name() {
    return "st-densenet";
  }

  /**
   * The feature maps each convolution of a dense block adds.
   *
   * @return g
   */
  public int growth() {
    return Math.max(1, hidden / 2);
  }

  /** Frames per branch: closeness k, then p (if any), then q (if any). */
  private int[] branches() {
    List<Integer> b = new ArrayList<>();
    b.add(windows.closeness());
    if (windows.period() > 0) {
      b.add(windows.period());
    }
    if (windows.trend() > 0) {
      b.add(windows.trend());
    }
    return b.stream().mapToInt(Integer::intValue).toArray();
  }

  private int channels(int frames) {
    return frames * windows.cellFeatures() + 1;
  }

  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    int g = growth();
    String[] names = {"close", "period", "trend"};
    int[] frames = branches();
    for (int b = 0; b < frames.length; b++) {
      String p = names[b] + ".";
      conv(t, p + "in", channels(frames[b]), g, 3);
      for (int l = 0; l < layers; l++) {
        conv(t, p + "dense" + l, g * (l + 1), g, 3);
      }
      conv(t, p + "out", g * (layers + 1), 1, 1);
    }
    t.addAll(Recurrent.linearHead("fuse", frames.length, 1));
    return t;
  }

  /** A convolution's weight and bias with PyTorch's default bound 1/sqrt(fan_in). */
  private static void conv(List<TensorSpec> t, String name, int in, int out, int kernel) {
    double bound = 1 / Math.sqrt((double) in * kernel * kernel);
    t.add(new TensorSpec(name + ".w", new long[] {out, in, kernel, kernel}, bound));
    t.add(new TensorSpec(name + ".b", new long[] {out}, bound));
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    int m = windows.patch();
    int cf = windows.cellFeatures();
    long b = closeness.getShape().get(0);
    // the mask planes are the same on every step: read them from the first closeness step
    NDArray mask =
        closeness.get(new NDIndex(":, 0, {}:{}", cf + m * m, cf + 2 * m * m)).reshape(b, 1, m, m);
    int[] frames = branches();
    NDArray[] centres = new NDArray[frames.length];
    int at = 0;
    int periodAt = 0;
    for (int br = 0; br < frames.length; br++) {
      NDArray source = br == 0 ? closeness : period;
      int from = br == 0 ? 0 : periodAt;
      if (br > 0) {
        periodAt += frames[br];
      }
      NDArray x = planes(source, from, frames[br], b, m).concat(mask, 1);
      x = conv(x, w, at, 1);
      at += 2;
      NDArray all = x;
      for (int l = 0; l < layers; l++) {
        NDArray next = conv(Activation.relu(all), w, at, 1);
        at += 2;
        all = all.concat(next, 1);
      }
      NDArray out = conv(drop.apply(Activation.relu(all)), w, at, 0);
      at += 2;
      centres[br] = out.get(new NDIndex(":, 0, {}, {}", m / 2, m / 2)).reshape(b, 1);
    }
    NDArray fused = centres[0];
    for (int br = 1; br < centres.length; br++) {
      fused = fused.concat(centres[br], 1);
    }
    return Recurrent.linear(fused, w.get(at), w.get(at + 1)).squeeze(1);
  }

  /**
   * The input planes of one branch: for each of its frames, the patch values and the constant
   * exogenous planes, as {@code [b, frames * cellFeatures, m, m]}.
   */
  private NDArray planes(NDArray steps, int from, int frames, long b, int m) {
    int cf = windows.cellFeatures();
    NDArray values = steps.get(new NDIndex(":, {}:{}, {}:{}", from, from + frames, cf, cf + m * m));
    NDArray x = values.reshape(b, frames, m, m);
    if (cf > 1) {
      NDArray exo = steps.get(new NDIndex(":, {}:{}, 1:{}", from, from + frames, cf));
      NDArray ones = x.getManager().ones(new Shape(1, 1, 1, m, m));
      NDArray planes = exo.reshape(b, frames, cf - 1, 1, 1).mul(ones).reshape(b, -1, m, m);
      x = x.concat(planes, 1);
    }
    return x;
  }

  /**
   * A 3x3 convolution with padding 1 ({@code padding = 1}) or a 1x1 convolution ({@code padding =
   * 0}), PyTorch's {@code conv2d} (cross-correlation, weights {@code [out, in, k, k]}), written as
   * shifted copies and one matrix product (im2col) rather than with PyTorch's convolution operator:
   * on the development CPU the oneDNN convolution's backward pass returned NaN gradients in one of
   * several identical calls (uninitialised memory), which broke determinism; these operations are
   * the ones the recurrent models already use.
   */
  private static NDArray conv(NDArray x, NDList w, int at, int padding) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long m = s.get(2);
    NDArray weight = w.get(at);
    long out = weight.getShape().get(0);
    NDArray columns; // [b, m*m, c*k*k]
    if (padding == 0) {
      columns = x.reshape(b, c, m * m).transpose(0, 2, 1);
    } else {
      NDArray zc = x.getManager().zeros(new Shape(b, c, m, 1));
      NDArray zr = x.getManager().zeros(new Shape(b, c, 1, m + 2));
      NDArray padded = zr.concat(zc.concat(x, 3).concat(zc, 3), 2).concat(zr, 2);
      NDList shifted = new NDList(9);
      for (int di = 0; di < 3; di++) {
        for (int dj = 0; dj < 3; dj++) {
          shifted.add(padded.get(new NDIndex(":, :, {}:{}, {}:{}", di, di + m, dj, dj + m)));
        }
      }
      columns = NDArrays.stack(shifted, 2).reshape(b, c * 9, m * m).transpose(0, 2, 1);
    }
    NDArray y = Recurrent.linear(columns, weight.reshape(out, -1), w.get(at + 1)); // [b, m*m, o]
    return y.transpose(0, 2, 1).reshape(b, out, m, m);
  }
}
