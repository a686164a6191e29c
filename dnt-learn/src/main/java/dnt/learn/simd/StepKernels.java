package dnt.learn.simd;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The optimizer's update over float32 weights held in native memory (the direct buffers that the
 * training's PyTorch tensors share), one strategy per implementation: {@link ScalarStepKernels}
 * (plain loops) and the Vector API's in {@code dnt.learn.simd.vector}. Contract, as for {@link
 * FloatKernels}: every implementation gives the same floats bit for bit, which are those of the
 * same update written as PyTorch operations one after the other (each a correctly rounded float
 * operation, no fused multiply-add), so the choice changes speed only. {@link #get()} follows
 * {@link Kernels}: the vector implementation exactly when {@link Kernels#get()} is the vector one.
 *
 * <p>Buffers are addressed in floats of the platform's byte order from the buffer's start (its
 * position and byte order are ignored).
 */
public interface StepKernels {
  /**
   * The implementation's name.
   *
   * @return {@code scalar} or {@code vector}
   */
  String name();

  /**
   * One step of SGD with momentum (PyTorch's {@code torch.optim.SGD}, dampening 0, no weight decay)
   * over {@code count} coordinates: for every {@code j} in {@code [0, count)}, in float, each
   * operation rounded on its own, {@code v = v * mu; v = v + g; w = w - v * lr} with {@code w =
   * weights[wOffset + j]}, {@code v = velocity[vOffset + j]}, {@code g = gradient[j]}: what {@code
   * v.mul_(mu).add_(g); w.sub_(v.mul(lr))} computes.
   *
   * @param weights the weights, updated
   * @param wOffset the first weight, in floats
   * @param velocity the momentum buffer, updated
   * @param vOffset the first velocity, in floats
   * @param gradient the gradient, from its first float
   * @param count the number of coordinates
   * @param mu the momentum
   * @param lr the learning rate
   */
  void sgdMomentum(
      ByteBuffer weights,
      int wOffset,
      ByteBuffer velocity,
      int vOffset,
      ByteBuffer gradient,
      int count,
      float mu,
      float lr);

  /**
   * The kernels to use now: the vector implementation exactly when {@link Kernels#get()} is the
   * vector one.
   *
   * @return the implementation
   */
  static StepKernels get() {
    return "vector".equals(Kernels.get().name())
        ? VectorImplementations.require(VectorImplementations.Steps.KERNELS, "step kernels")
        : scalar();
  }

  /**
   * The plain-loop kernels, whatever the property says.
   *
   * @return the scalar implementation
   */
  static StepKernels scalar() {
    return ScalarStepKernels.INSTANCE;
  }

  /**
   * The Vector API kernels, whatever the property says, when this JVM resolved {@value
   * Kernels#MODULE}.
   *
   * @return the vector implementation, or empty without the module
   */
  static Optional<StepKernels> vector() {
    return Optional.ofNullable(VectorImplementations.Steps.KERNELS);
  }
}
