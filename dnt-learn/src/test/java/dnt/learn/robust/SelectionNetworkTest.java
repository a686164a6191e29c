package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.learn.simd.BlockKernels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pruned Batcher networks against independent checks: the zero-one principle exhaustively for
 * small n (a comparator network sorts every input if it sorts every 0/1 input; Knuth, TAOCP vol. 3,
 * Theorem 5.3.4Z), {@code Arrays.sort} lane by lane for every n from 1 to 130 on random, tied and
 * signed-zero floats, and Knuth's comparator count of the unpruned network.
 */
final class SelectionNetworkTest {
  /** Runs a network on columns given as {@code columns[lane][row]}; returns the rows. */
  private static float[][] run(SelectionNetwork net, float[][] columns) {
    int n = net.size();
    float[][] rows = new float[n][columns.length];
    for (int j = 0; j < columns.length; j++) {
      for (int i = 0; i < n; i++) {
        rows[i][j] = columns[j][i];
      }
    }
    net.apply(rows, columns.length);
    return rows;
  }

  @Test
  void sortsEveryZeroOneInputUpToSixteenValues() {
    for (int n = 1; n <= 16; n++) {
      SelectionNetwork net = SelectionNetwork.sorting(n);
      float[][] columns = new float[1 << n][n];
      for (int bits = 0; bits < 1 << n; bits++) {
        for (int i = 0; i < n; i++) {
          columns[bits][i] = (bits >>> i) & 1;
        }
      }
      float[][] rows = run(net, columns);
      for (int bits = 0; bits < 1 << n; bits++) {
        int ones = Integer.bitCount(bits);
        for (int r = 0; r < n; r++) {
          assertThat(rows[net.row(r)][bits])
              .as("n %d input %d rank %d", n, bits, r)
              .isEqualTo(r >= n - ones ? 1f : 0f);
        }
      }
    }
  }

  private static float[][] columns(Random rng, int lanes, int n, int kind) {
    float[][] c = new float[lanes][n];
    for (int j = 0; j < lanes; j++) {
      for (int i = 0; i < n; i++) {
        c[j][i] =
            switch (kind) {
              case 0 -> (float) rng.nextGaussian();
              case 1 -> rng.nextInt(3) - 1; // heavy ties
              case 2 -> rng.nextBoolean() ? -0.0f : 0.0f; // signed zeros only
              default -> rng.nextInt(4) == 0 ? (rng.nextBoolean() ? -0.0f : 0.0f) : rng.nextInt(5);
            };
      }
    }
    return c;
  }

  @Test
  void sortsLikeArraysSortForEveryCountUpTo130() {
    Random rng = new Random(3);
    for (int n = 1; n <= 130; n++) {
      SelectionNetwork net = SelectionNetwork.sorting(n);
      for (int kind = 0; kind < 4; kind++) {
        float[][] columns = columns(rng, 37, n, kind);
        float[][] rows = run(net, columns);
        for (int j = 0; j < columns.length; j++) {
          float[] expected = columns[j].clone();
          Arrays.sort(expected); // -0.0f before 0.0f, as Float.compare
          for (int r = 0; r < n; r++) {
            assertThat(Float.floatToRawIntBits(rows[net.row(r)][j]))
                .as("n %d kind %d lane %d rank %d", n, kind, j, r)
                .isEqualTo(Float.floatToRawIntBits(expected[r]));
          }
        }
      }
    }
  }

  @Test
  void prunedNetworksPlaceTheirRanks() {
    Random rng = new Random(5);
    for (int n : new int[] {1, 2, 3, 7, 8, 9, 31, 32, 33, 64, 99, 100, 101, 127, 128, 129, 130}) {
      int[][] rankSets = {
        BlockStatistics.medianRanks(n),
        {n / 10, n - 1 - n / 10},
        BlockStatistics.quantileRanks(n, 0.25, 0.75),
        {0},
        {n - 1}
      };
      for (int[] ranks : rankSets) {
        SelectionNetwork net = SelectionNetwork.forRanks(n, ranks);
        assertThat(net.comparators())
            .isLessThanOrEqualTo(SelectionNetwork.sorting(n).comparators());
        float[][] columns = columns(rng, 64, n, 3);
        float[][] rows = run(net, columns);
        for (int j = 0; j < columns.length; j++) {
          float[] expected = columns[j].clone();
          Arrays.sort(expected);
          for (int r : ranks) {
            assertThat(Float.floatToRawIntBits(rows[net.row(r)][j]))
                .as("n %d rank %d lane %d", n, r, j)
                .isEqualTo(Float.floatToRawIntBits(expected[r]));
          }
        }
      }
    }
  }

  /**
   * On the kernels' blocks ({@link SelectionNetwork#apply(BlockKernels.Block)}: the whole groups of
   * 16 rows sorted at once, then the other comparators), scalar and Vector API, the sorting and the
   * pruned networks place their ranks as {@code Arrays.sort} does, for every n from 1 to 130.
   */
  @Test
  void placesItsRanksOnTheBlockKernelsToo() {
    Random rng = new Random(23);
    BlockKernels[] kernels = {
      BlockKernels.scalar(),
      BlockKernels.vector().orElseThrow(() -> new AssertionError("jdk.incubator.vector missing"))
    };
    for (int n = 1; n <= 130; n++) {
      int[][] rankSets = {
        {}, BlockStatistics.medianRanks(n), {n / 10, n - 1 - n / 10}, {0}, {n - 1}
      };
      for (int[] ranks : rankSets) {
        // no ranks: the sorting network, which places every rank
        boolean all = ranks.length == 0;
        SelectionNetwork net =
            all ? SelectionNetwork.sorting(n) : SelectionNetwork.forRanks(n, ranks);
        int[] placed = all ? java.util.stream.IntStream.range(0, n).toArray() : ranks;
        int width = 1 + rng.nextInt(WeightBlock.WIDTH);
        float[][] columns = columns(rng, width, n, rng.nextInt(4));
        float[][] weights = new float[n][width];
        for (int j = 0; j < width; j++) {
          for (int i = 0; i < n; i++) {
            weights[i][j] = columns[j][i];
          }
        }
        for (BlockKernels k : kernels) {
          BlockKernels.Block block = k.block(n, WeightBlock.WIDTH);
          assertThat(block.load(weights, new float[width], 0, width)).isTrue();
          net.apply(block);
          for (int j = 0; j < width; j++) {
            float[] expected = columns[j].clone();
            Arrays.sort(expected);
            for (int r : placed) {
              if (Float.floatToRawIntBits(block.weight(net.row(r), j))
                  != Float.floatToRawIntBits(expected[r])) {
                throw new AssertionError(
                    String.format(
                        "%s n %d rank %d lane %d: %s, expected %s",
                        k.name(), n, r, j, block.weight(net.row(r), j), expected[r]));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void comparatorCountsMatchBatchersFormulaAndPruning() {
    // Batcher's odd-even merge sort of 2^p wires has (p^2 - p + 4) 2^(p-2) - 1 comparators
    assertThat(SelectionNetwork.sorting(128).comparators()).isEqualTo((49 - 7 + 4) * 32 - 1);
    assertThat(SelectionNetwork.sorting(16).comparators()).isEqualTo((16 - 4 + 4) * 4 - 1);
    // n = 100: padding removes comparators, and the median needs fewer still
    assertThat(SelectionNetwork.sorting(100).comparators()).isEqualTo(1104);
    assertThat(SelectionNetwork.forRanks(100, 49, 50).comparators()).isEqualTo(898);
    assertThat(SelectionNetwork.sorting(1).comparators()).isZero();
  }

  @Test
  void rejectsBadSizesAndRanks() {
    assertThatThrownBy(() -> SelectionNetwork.sorting(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SelectionNetwork.forRanks(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank 5");
  }
}
