package dnt.learn.simd.vector;

import dnt.learn.simd.ScalarStepKernels;
import dnt.learn.simd.StepKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StepKernels} on the incubating Vector API (JEP 414 in JDK 17): the scalar loop's float
 * operations lane by lane (multiply, add, multiply, subtract, each correctly rounded; no fused
 * multiply-add), one pass over the weights, the velocity and the gradient where PyTorch's four
 * operations make four, and a temporary. Coordinates past the last whole vector go through the
 * scalar kernel. Instantiated only reflectively, when {@code jdk.incubator.vector} is resolved.
 */
public final class VectorStepKernels implements StepKernels {
  /** Float lanes, as many as the preferred vector holds (16 with AVX-512). */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  /** Public for the reflective construction. */
  public VectorStepKernels() {}

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public void sgdMomentum(
      ByteBuffer weights,
      int wOffset,
      ByteBuffer velocity,
      int vOffset,
      ByteBuffer gradient,
      int count,
      float mu,
      float lr) {
    int step = F.length();
    int bound = F.loopBound(count);
    for (int j = 0; j < bound; j += step) {
      int vb = 4 * (vOffset + j);
      int wb = 4 * (wOffset + j);
      FloatVector v =
          FloatVector.fromByteBuffer(F, velocity, vb, NATIVE)
              .mul(mu)
              .add(FloatVector.fromByteBuffer(F, gradient, 4 * j, NATIVE));
      v.intoByteBuffer(velocity, vb, NATIVE);
      FloatVector.fromByteBuffer(F, weights, wb, NATIVE)
          .sub(v.mul(lr))
          .intoByteBuffer(weights, wb, NATIVE);
    }
    if (bound < count) {
      ByteBuffer g = gradient.duplicate();
      g.position(4 * bound);
      ScalarStepKernels.INSTANCE.sgdMomentum(
          weights, wOffset + bound, velocity, vOffset + bound, g.slice(), count - bound, mu, lr);
    }
  }
}
