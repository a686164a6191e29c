package dnt.learn.simd;

import org.jspecify.annotations.Nullable;

/**
 * The Vector API implementations of the kernel families ({@link FloatKernels}, {@link
 * BlockKernels}, {@link StepKernels}), each loaded reflectively, once (a lazy holder per family),
 * and only when {@link Kernels#MODULE} is resolved, so that this package and its callers load and
 * run without the module.
 */
final class VectorImplementations {
  private VectorImplementations() {}

  /** The vector {@link FloatKernels}, or null without the module. */
  static final class Floats {
    static final @Nullable FloatKernels KERNELS =
        load("dnt.learn.simd.vector.VectorKernels", FloatKernels.class);

    private Floats() {}
  }

  /** The vector {@link BlockKernels}, or null without the module. */
  static final class Blocks {
    static final @Nullable BlockKernels KERNELS =
        load("dnt.learn.simd.vector.VectorBlockKernels", BlockKernels.class);

    private Blocks() {}
  }

  /** The vector {@link StepKernels}, or null without the module. */
  static final class Steps {
    static final @Nullable StepKernels KERNELS =
        load("dnt.learn.simd.vector.VectorStepKernels", StepKernels.class);

    private Steps() {}
  }

  /**
   * A family's vector kernels where {@link Kernels#get()} has chosen the vector implementation.
   *
   * @param kernels the family's holder value
   * @param family the family's name, for the message
   * @return the kernels
   * @throws IllegalStateException if the module is not resolved (the kernels are null)
   */
  static <T> T require(@Nullable T kernels, String family) {
    if (kernels == null) {
      throw new IllegalStateException("the Vector API " + family + " need " + Kernels.MODULE);
    }
    return kernels;
  }

  private static <T> @Nullable T load(String className, Class<T> family) {
    if (ModuleLayer.boot().findModule(Kernels.MODULE).isEmpty()) {
      return null;
    }
    try {
      return Class.forName(className).asSubclass(family).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          className + " failed to load although " + Kernels.MODULE + " is resolved", e);
    }
  }
}
