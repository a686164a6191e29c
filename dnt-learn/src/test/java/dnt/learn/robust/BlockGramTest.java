package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.UpdateVector;
import dnt.learn.simd.FloatKernels;
import dnt.learn.simd.Kernels;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockGram}, the float32 Gram matrix through the Java kernel: within its stated bound of a
 * double sum (both kernel implementations, padding of rows and coordinates, one and several parts),
 * the same bits from the scalar and the vector kernel and from any number of threads, and the
 * routing of {@link FloatGram#compute}.
 */
final class BlockGramTest {
  private static FloatKernels vector() {
    return Kernels.vector().orElseThrow(() -> new AssertionError("jdk.incubator.vector missing"));
  }

  @Test
  void isWithinItsStatedBoundOfADoubleSum() {
    // d below, at and just past one block (1,024), several blocks in one part, 8 parts; n = 9
    // and 10 are padded to 12 rows, n = 12 is not
    for (int d : new int[] {3, 1024, 1025, 5000, 40_000}) {
      for (int n : new int[] {9, 10, 12}) {
        UpdateVector[] rows = KrumSelectionTest.updates(n, d, d + n, 3);
        for (FloatKernels kernels : new FloatKernels[] {Kernels.scalar(), vector()}) {
          FloatGram.Result g = BlockGram.compute(rows, kernels);
          assertThat(g).isNotNull();
          assertThat(g.epsilon()).isEqualTo(BlockGram.epsilon(d));
          for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
              double exact = 0;
              double magnitude = 0;
              for (int j = 0; j < d; j++) {
                exact += rows[i].get(j) * rows[k].get(j);
                magnitude += Math.abs(rows[i].get(j) * rows[k].get(j));
              }
              // the double reference is itself off by at most d 2^-53 magnitude, far below eps
              double bound = (g.epsilon() + d * 0x1p-52) * magnitude + g.absolute();
              assertThat(Math.abs(g.get(i, k) - exact))
                  .as("d %d, n %d, %s, (%d, %d)", d, n, kernels.name(), i, k)
                  .isLessThanOrEqualTo(bound);
              assertThat(g.get(k, i)).isEqualTo(g.get(i, k));
            }
          }
        }
      }
    }
  }

  @Test
  void theScalarAndTheVectorKernelGiveTheSameMatrix() {
    UpdateVector[] rows = KrumSelectionTest.updates(13, 20_000, 4, 3);
    FloatGram.Result scalar = BlockGram.compute(rows, Kernels.scalar());
    FloatGram.Result vector = BlockGram.compute(rows, vector());
    assertThat(scalar).isNotNull();
    assertThat(vector).isNotNull();
    assertThat(vector.gram()).containsExactly(scalar.gram());
    assertThat(vector.absolute()).isEqualTo(scalar.absolute());
  }

  @Test
  void theResultDoesNotDependOnTheThreads() throws Exception {
    UpdateVector[] rows = KrumSelectionTest.updates(8, 30_000, 6, 0);
    FloatGram.Result here = BlockGram.compute(rows, vector());
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      FloatGram.Result alone = one.submit(() -> BlockGram.compute(rows, vector())).get();
      assertThat(here).isNotNull();
      assertThat(alone).isNotNull();
      assertThat(alone.gram()).containsExactly(here.gram());
    } finally {
      one.shutdown();
    }
  }

  @Test
  void theBoundIsAboutFourTimesTighterThanSgemms() {
    // eps = (1 + gamma_66 in float)(1 + gamma_m in double) - 1: 66 * 2^-24 = 3.934e-6, and the
    // double part (m = 993 roundings of 2^-53) adds about 1e-13
    assertThat(BlockGram.epsilon(1_000_000)).isBetween(3.93e-6, 3.94e-6);
    assertThat(FloatGram.epsilon(1_000_000) / BlockGram.epsilon(1_000_000)).isBetween(3.9, 4.0);
  }

  @Test
  void aValueWhoseSquareOverflowsFloatGivesNoResult() {
    UpdateVector[] rows = KrumSelectionTest.updates(5, 2000, 5, 0);
    double[] big = rows[2].toDouble();
    big[1500] = 1e30;
    rows[2] = UpdateVector.of(big);
    assertThat(BlockGram.compute(rows, vector())).isNull();
    assertThat(BlockGram.compute(rows, Kernels.scalar())).isNull();
    double[] nan = rows[3].toDouble();
    nan[7] = Double.NaN;
    rows[2] = rows[1];
    rows[3] = UpdateVector.of(nan);
    assertThat(BlockGram.compute(rows, vector())).isNull();
  }

  @Test
  void computeTakesTheKernelWhereItRunsInRegistersAndPyTorchOtherwise() {
    UpdateVector[] rows = KrumSelectionTest.updates(6, 3000, 9, 0);
    String before = System.getProperty(Kernels.PROPERTY);
    try {
      System.setProperty(Kernels.PROPERTY, "scalar");
      FloatGram.Result torch = FloatGram.compute(rows);
      assertThat(torch).isNotNull();
      assertThat(torch.epsilon()).isEqualTo(FloatGram.epsilon(3000));
      System.setProperty(Kernels.PROPERTY, "vector");
      FloatGram.Result kernel = FloatGram.compute(rows);
      assertThat(kernel).isNotNull();
      assertThat(kernel.epsilon())
          .isEqualTo(vector().fastGram() ? BlockGram.epsilon(3000) : FloatGram.epsilon(3000));
    } finally {
      if (before == null) {
        System.clearProperty(Kernels.PROPERTY);
      } else {
        System.setProperty(Kernels.PROPERTY, before);
      }
    }
  }

  @Test
  void rowsGivenAsDoublesGiveTheSameMatrixAsTheirFloatWeights() {
    // an attacker's or a codec's update is a double row, rounded by (float) x; a benign one is
    // rounded by the float subtraction w - b: the same float for the same value (FloatGramFillTest)
    UpdateVector[] rows = KrumSelectionTest.updates(10, 7_000, 12, 4);
    UpdateVector[] mixed = rows.clone();
    for (int i = 0; i < mixed.length; i += 3) {
      mixed[i] = UpdateVector.of(rows[i].toDouble());
      assertThat(mixed[i].isDifference()).isFalse();
    }
    FloatGram.Result floats = BlockGram.compute(rows, vector());
    FloatGram.Result doubles = BlockGram.compute(mixed, vector());
    assertThat(floats).isNotNull();
    assertThat(doubles).isNotNull();
    assertThat(doubles.gram()).containsExactly(floats.gram());
  }
}
