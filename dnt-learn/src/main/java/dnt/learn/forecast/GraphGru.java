package dnt.learn.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A graph model over the m x m patch of grid cells around a cell, in the manner of T-GCN (L. Zhao,
 * Y. Song, C. Zhang, Y. Liu, P. Wang, T. Lin, M. Deng, H. Li, "T-GCN: a temporal graph
 * convolutional network for traffic prediction", IEEE T-ITS 21(9), 2020, section III): at each
 * closeness step a two-layer graph convolution (Kipf and Welling, "Semi-supervised classification
 * with graph convolutional networks", ICLR 2017, section 2, eq. 2: {@code Z = Â ReLU(Â X W0) W1}
 * with {@code Â = D^-1/2 (A + I) D^-1/2}) embeds the patch, the centre cell's embedding of every
 * step, beside the centre's own inputs, feeds a GRU, and a linear head on the GRU's final state
 * predicts the centre cell.
 *
 * <p>The graph: the patch's cells are the nodes, adjacent when they share an edge or a corner on
 * the Milan grid (8-neighbourhood; the grid's squares, not the stations' coverage, because the
 * study's stations are the grid cells); cells outside the data (mask 0) are removed from the graph
 * (their rows and columns of A + I are zeroed before normalising), so the normalisation is that of
 * the graph of the present cells. A node's features at a step are its value and the step's
 * exogenous inputs.
 *
 * <p>Choices T-GCN leaves open or that differ here: T-GCN puts the graph convolution inside the GRU
 * gates over the whole graph and predicts every node; here the graph convolution runs before the
 * GRU and only the centre node's embedding is carried (the per-station target), which is the same
 * receptive field (two hops cover a 5 x 5 patch) at a fraction of the cost. The GRU reads the
 * centre's own inputs (value and time inputs) beside its embedding, a skip connection T-GCN does
 * not have: the normalised adjacency averages a node with its neighbours (the centre of a full 3 x
 * 3 patch keeps a weight of 1/9 on its own value after one layer), and without it the centralized
 * model's test z-MSE on the bundled subset was 0.304 (5 seeds), worse than persistence. Only the
 * closeness window is read, as in T-GCN and like {@link RecurrentNet}; the period and trend
 * windows, if any, are ignored. Embedding width = GRU hidden size = {@code hidden}; {@code layers}
 * GRU layers.
 *
 * @param windows the windows read; {@link WindowSpec#patch()} must be at least 1
 * @param hidden the embedding width and GRU hidden size
 * @param layers stacked GRU layers
 * @param dropout the dropout rate between GRU layers
 */
public record GraphGru(WindowSpec windows, int hidden, int layers, double dropout)
    implements Architecture {
  /** Checks the fields. */
  public GraphGru {
    Objects.requireNonNull(windows, "windows");
    DualLstm.checkRecurrent(hidden, layers, dropout);
    if (windows.patch() < 1) {
      throw new IllegalArgumentException("graph-gru needs windows with a neighbourhood patch");
    }
  }

  @Override
  public String name() {
    return "graph-gru";
  }

  @Override
  public List<TensorSpec> tensors() {
    List<TensorSpec> t = new ArrayList<>();
    t.addAll(Recurrent.linearHead("gcn0", windows.cellFeatures(), hidden));
    t.addAll(Recurrent.linearHead("gcn1", hidden, hidden));
    Recurrent.addTensors(
        t, "gru", Recurrent.Cell.GRU, hidden + windows.cellFeatures(), hidden, layers);
    t.addAll(Recurrent.linearHead("head", hidden, 1));
    return t;
  }

  /**
   * The adjacency with self-loops of the m x m grid patch, 8-neighbourhood, row-major.
   *
   * @param m the patch side
   * @return {@code A + I} as m*m rows of m*m entries
   */
  public static float[] adjacency(int m) {
    int n = m * m;
    float[] a = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int dr = Math.abs(i / m - j / m);
        int dc = Math.abs(i % m - j % m);
        a[i * n + j] = dr <= 1 && dc <= 1 ? 1f : 0f;
      }
    }
    return a;
  }

  @Override
  public NDArray forward(NDList w, NDArray closeness, NDArray period, Dropout drop) {
    int m = windows.patch();
    int n = m * m;
    int cf = windows.cellFeatures();
    long b = closeness.getShape().get(0);
    long k = closeness.getShape().get(1);
    NDArray mask = closeness.get(new NDIndex(":, 0, {}:{}", cf + n, cf + 2 * n)); // [b, n]
    NDArray a = closeness.getManager().create(adjacency(m)).reshape(1, n, n);
    NDArray am = a.mul(mask.reshape(b, n, 1)).mul(mask.reshape(b, 1, n)); // [b, n, n]
    // degrees are >= 1 for present nodes (self-loop); absent nodes get 1 here and a zero row below
    NDArray degree = am.sum(new int[] {2}).add(mask.onesLike().sub(mask));
    NDArray inv = degree.sqrt().onesLike().div(degree.sqrt()).mul(mask); // [b, n]
    NDArray norm = am.mul(inv.reshape(b, n, 1)).mul(inv.reshape(b, 1, n)).reshape(b, 1, n, n);
    // node features [b, k, n, cf]: the value of every patch cell and the step's exogenous inputs
    NDArray values = closeness.get(new NDIndex(":, :, {}:{}", cf, cf + n)).reshape(b, k, n, 1);
    NDArray x = values;
    if (cf > 1) {
      NDArray exo = closeness.get(new NDIndex(":, :, 1:{}", cf)).reshape(b, k, 1, cf - 1);
      x = values.concat(exo.mul(values.onesLike()), 3);
    }
    NDArray h1 = Activation.relu(Recurrent.linear(norm.matMul(x), w.get(0), w.get(1)));
    NDArray h2 = Recurrent.linear(norm.matMul(h1), w.get(2), w.get(3)); // [b, k, n, hidden]
    NDArray centre = h2.get(new NDIndex(":, :, {}, :", n / 2)).reshape(b, k, hidden);
    // the centre's own inputs beside its graph embedding (see the class comment)
    NDArray own = closeness.get(new NDIndex(":, :, 0:{}", cf));
    NDArray h =
        Recurrent.finalState(Recurrent.Cell.GRU, w, 4, layers, hidden, centre.concat(own, 2), drop);
    int at = 4 + 4 * layers;
    return Recurrent.linear(h, w.get(at), w.get(at + 1)).squeeze(1);
  }
}
