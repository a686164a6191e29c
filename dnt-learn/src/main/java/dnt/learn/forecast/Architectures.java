package dnt.learn.forecast;

import dnt.core.Registry;
import java.util.Objects;
import java.util.function.Function;

/**
 * The forecaster architectures by lowercase hyphenated name: a table on {@link Registry}, whose
 * names are matched without regard to letter case. The one place the names live: configuration
 * checks them here and makes the network here; each architecture's {@link Architecture#name()}
 * reports its registry name.
 *
 * <pre>{@code
 * Architecture net =
 *     Architectures.REGISTRY.factory("gru").apply(new Architectures.Options(spec, 64, 2, 0.2));
 * }</pre>
 */
public final class Architectures {
  /**
   * What an architecture is made from.
   *
   * @param windows the windows the network reads
   * @param hidden the hidden size (recurrent) or hidden layer width (MLP), at least 1
   * @param layers stacked recurrent layers or hidden layers, at least 1
   * @param dropout the dropout rate between layers, in [0, 1)
   */
  public record Options(WindowSpec windows, int hidden, int layers, double dropout) {
    /** Checks the values. */
    public Options {
      Objects.requireNonNull(windows, "windows");
      DualLstm.checkRecurrent(hidden, layers, dropout);
    }
  }

  /**
   * The table: every architecture's name, one-line description and factory, in the order help texts
   * list them.
   */
  public static final Registry<Function<Options, Architecture>> REGISTRY =
      Registry.<Function<Options, Architecture>>of("forecaster architecture")
          .add(
              "dual-lstm",
              "FedDA's dual LSTM: one stacked LSTM per window, final states summed (Zhang et al."
                  + " 2021)",
              o -> new DualLstm(o.windows(), o.hidden(), o.layers(), o.dropout()))
          .add(
              "lstm",
              "one stacked LSTM over the closeness window (Hochreiter and Schmidhuber 1997)",
              o -> new RecurrentNet(false, o.windows(), o.hidden(), o.layers(), o.dropout()))
          .add(
              "gru",
              "one stacked GRU over the closeness window (Cho et al. 2014)",
              o -> new RecurrentNet(true, o.windows(), o.hidden(), o.layers(), o.dropout()))
          .add(
              "mlp",
              "a multilayer perceptron over both windows, ReLU hidden layers",
              o -> new Mlp(o.windows(), o.hidden(), o.layers(), o.dropout()))
          .add(
              "st-densenet",
              "a densely connected grid CNN over the cell's neighbourhood, closeness, period and"
                  + " trend branches fused (ST-DenseNet, Zhang et al. 2018)",
              o -> new StDenseNet(o.windows(), o.hidden(), o.layers(), o.dropout()))
          .add(
              "graph-gru",
              "a graph convolution over the cell's neighbourhood at each step, then a GRU (T-GCN,"
                  + " Zhao et al. 2020)",
              o -> new GraphGru(o.windows(), o.hidden(), o.layers(), o.dropout()))
          .build();

  /** The architectures that read the neighbourhood patch and the trend window. */
  private static final java.util.Set<String> SPATIAL = java.util.Set.of("st-densenet", "graph-gru");

  /**
   * Whether the named architecture reads the cell's neighbourhood (an m x m patch) and the trend
   * window, so that its {@link WindowSpec} must have them ({@link WindowSpec#withSpatial}); every
   * other architecture reads the cell alone.
   *
   * @param name a registered name, in any letter case
   * @return true for st-densenet and graph-gru
   */
  public static boolean spatial(String name) {
    return SPATIAL.contains(REGISTRY.canonicalName(name));
  }

  private Architectures() {}
}
