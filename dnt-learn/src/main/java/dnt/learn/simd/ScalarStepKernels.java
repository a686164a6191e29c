package dnt.learn.simd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@link StepKernels} as plain loops over the buffers (correct, not fast: one value at a time). */
public final class ScalarStepKernels implements StepKernels {
  /** The one instance (the class has no state). */
  public static final ScalarStepKernels INSTANCE = new ScalarStepKernels();

  private ScalarStepKernels() {}

  @Override
  public String name() {
    return "scalar";
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
    ByteBuffer w = weights.duplicate().order(ByteOrder.nativeOrder());
    ByteBuffer v = velocity.duplicate().order(ByteOrder.nativeOrder());
    ByteBuffer g = gradient.duplicate().order(ByteOrder.nativeOrder());
    for (int j = 0; j < count; j++) {
      int vi = 4 * (vOffset + j);
      int wi = 4 * (wOffset + j);
      float vj = v.getFloat(vi) * mu;
      vj = vj + g.getFloat(4 * j);
      v.putFloat(vi, vj);
      w.putFloat(wi, w.getFloat(wi) - vj * lr);
    }
  }
}
