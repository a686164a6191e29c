package dnt.learn.simd;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Picks the {@link FloatKernels} implementation: the Vector API's when the JVM resolved the
 * incubating module {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}, which
 * {@code ./dnt}, the tests and the JMH forks pass), the plain loops of {@link ScalarKernels}
 * otherwise. {@value #PROPERTY} forces either for A/B runs: {@code auto} (the default), {@code
 * scalar}, or {@code vector} (an error without the module); it is read on every call (callers ask
 * once per kernel range, not per value), so a benchmark can switch it between trials. The vector
 * class is loaded reflectively, once ({@link VectorImplementations}), so this class and its callers
 * load and run without the module.
 */
public final class Kernels {
  /** The system property that picks the implementation: auto, scalar or vector. */
  public static final String PROPERTY = "dnt.simd";

  /** The incubating module the vector kernels need. */
  public static final String MODULE = "jdk.incubator.vector";

  private Kernels() {}

  /**
   * The kernels to use now, as {@value #PROPERTY} and the module's presence decide.
   *
   * @return the implementation
   * @throws IllegalStateException if the property asks for the vector kernels without the module,
   *     or has another value
   */
  public static FloatKernels get() {
    return choose(System.getProperty(PROPERTY));
  }

  /**
   * The plain-loop kernels, whatever the property says.
   *
   * @return the scalar implementation
   */
  public static FloatKernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /**
   * The Vector API kernels, whatever the property says, when this JVM resolved {@value #MODULE}.
   *
   * @return the vector implementation, or empty without the module
   */
  public static Optional<FloatKernels> vector() {
    return Optional.ofNullable(VectorImplementations.Floats.KERNELS);
  }

  /**
   * The choice for a value of {@value #PROPERTY}.
   *
   * @param setting auto, scalar or vector (case-insensitive); null means auto
   * @return the kernels
   * @throws IllegalStateException for vector without the module, or any other value
   */
  static FloatKernels choose(@Nullable String setting) {
    String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "auto" -> vector().orElse(ScalarKernels.INSTANCE);
      case "scalar" -> ScalarKernels.INSTANCE;
      case "vector" ->
          vector()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "-D"
                              + PROPERTY
                              + "=vector needs the JVM option --add-modules "
                              + MODULE));
      default ->
          throw new IllegalStateException(
              "-D" + PROPERTY + " must be auto, scalar or vector, not '" + setting + "'");
    };
  }
}
