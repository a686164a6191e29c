package dnt.serve;

import dnt.core.Registry;

/**
 * What a token may do: each role may do what the roles below it may.
 *
 * <ul>
 *   <li>{@code viewer}: read (health, traffic, the OpenAPI document);
 *   <li>{@code operator}: also send telemetry;
 *   <li>{@code admin}: everything, including what later issues add (what-if, configuration).
 * </ul>
 */
public enum Role {
  /** Reads. */
  VIEWER,
  /** Reads and sends telemetry. */
  OPERATOR,
  /** Everything. */
  ADMIN;

  /** The roles by the names written in a tokens file. */
  public static final Registry<Role> REGISTRY =
      Registry.<Role>of("role")
          .add("viewer", "reads health, traffic and the API description", VIEWER)
          .add("operator", "a viewer that also sends telemetry", OPERATOR)
          .add("admin", "everything", ADMIN)
          .build();

  /**
   * Whether this role may do what {@code required} may.
   *
   * @param required the least role an action needs
   * @return true if this role is at least {@code required}
   */
  public boolean covers(Role required) {
    return compareTo(required) >= 0;
  }

  /**
   * The name written in a tokens file.
   *
   * @return {@code viewer}, {@code operator} or {@code admin}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
