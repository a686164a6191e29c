package dnt.learn.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named parameter tensor of an architecture and how it is initialised: uniform on {@code
 * [-bound, bound]}, PyTorch's default for recurrent and linear layers.
 *
 * @param name a readable name ("close.l0.w_ih")
 * @param shape the tensor's shape
 * @param bound the half-width of the uniform initialisation
 */
public record TensorSpec(String name, long[] shape, double bound) {
  /** Checks the fields. */
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    for (long s : shape) {
      if (s <= 0) {
        throw new IllegalArgumentException("tensor " + name + " has a non-positive dimension");
      }
    }
  }

  /**
   * The number of scalars in the tensor.
   *
   * @return the product of the shape
   */
  public int size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return Math.toIntExact(n);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && t.name.equals(name)
        && Arrays.equals(t.shape, shape)
        && Double.compare(t.bound, bound) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), bound);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
