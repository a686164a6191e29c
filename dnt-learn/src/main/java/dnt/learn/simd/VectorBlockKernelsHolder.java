package dnt.learn.simd;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Loads the Vector API's {@link BlockKernels} reflectively, once, and only when {@link
 * Kernels#MODULE} is resolved, as {@link Kernels} does for {@link FloatKernels}.
 */
final class VectorBlockKernelsHolder {
  private static final String VECTOR_CLASS = "dnt.learn.simd.vector.VectorBlockKernels";

  private static final @Nullable BlockKernels KERNELS = load();

  private VectorBlockKernelsHolder() {}

  /** The vector kernels, or empty without the module. */
  static Optional<BlockKernels> vector() {
    return Optional.ofNullable(KERNELS);
  }

  /** The vector kernels; only called when {@link Kernels#get()} is the vector implementation. */
  static BlockKernels get() {
    BlockKernels k = KERNELS;
    if (k == null) {
      throw new IllegalStateException("the Vector API block kernels need " + Kernels.MODULE);
    }
    return k;
  }

  private static @Nullable BlockKernels load() {
    if (ModuleLayer.boot().findModule(Kernels.MODULE).isEmpty()) {
      return null;
    }
    try {
      return Class.forName(VECTOR_CLASS)
          .asSubclass(BlockKernels.class)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "the Vector API block kernels failed to load although " + Kernels.MODULE + " is resolved",
          e);
    }
  }
}
