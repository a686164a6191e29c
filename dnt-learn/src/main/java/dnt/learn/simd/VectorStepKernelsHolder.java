package dnt.learn.simd;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Loads the Vector API's {@link StepKernels} reflectively, once, and only when {@link
 * Kernels#MODULE} is resolved, as {@link Kernels} does for {@link FloatKernels}.
 */
final class VectorStepKernelsHolder {
  private static final String VECTOR_CLASS = "dnt.learn.simd.vector.VectorStepKernels";

  private static final @Nullable StepKernels KERNELS = load();

  private VectorStepKernelsHolder() {}

  /** The vector kernels, or empty without the module. */
  static Optional<StepKernels> vector() {
    return Optional.ofNullable(KERNELS);
  }

  /** The vector kernels; only called when {@link Kernels#get()} is the vector implementation. */
  static StepKernels get() {
    StepKernels k = KERNELS;
    if (k == null) {
      throw new IllegalStateException("the Vector API step kernels need " + Kernels.MODULE);
    }
    return k;
  }

  private static @Nullable StepKernels load() {
    if (ModuleLayer.boot().findModule(Kernels.MODULE).isEmpty()) {
      return null;
    }
    try {
      return Class.forName(VECTOR_CLASS)
          .asSubclass(StepKernels.class)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "the Vector API step kernels failed to load although " + Kernels.MODULE + " is resolved",
          e);
    }
  }
}
