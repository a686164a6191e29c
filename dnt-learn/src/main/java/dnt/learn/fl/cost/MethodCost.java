package dnt.learn.fl.cost;

import java.util.Objects;

/**
 * One method's cost: communication per phase and training seconds per phase; the cost of the
 * paper's Fig. 3 is training plus communication seconds.
 *
 * @param method the method
 * @param creation the communication of building the twin from the history
 * @param ongoing the communication of keeping it current over the ongoing days
 * @param creationTrainingSeconds training seconds of the creation phase
 * @param ongoingTrainingSeconds training seconds of the ongoing phase
 */
public record MethodCost(
    CostedMethod method,
    PhaseCost creation,
    PhaseCost ongoing,
    double creationTrainingSeconds,
    double ongoingTrainingSeconds) {
  /** Checks the parts. */
  public MethodCost {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(creation, "creation");
    Objects.requireNonNull(ongoing, "ongoing");
  }

  /**
   * Creation cost: its communication plus training seconds.
   *
   * @return seconds
   */
  public double creationSeconds() {
    return creation.communicationSeconds() + creationTrainingSeconds;
  }

  /**
   * Ongoing cost: its communication plus training seconds.
   *
   * @return seconds
   */
  public double ongoingSeconds() {
    return ongoing.communicationSeconds() + ongoingTrainingSeconds;
  }

  /**
   * Creation plus ongoing cost.
   *
   * @return seconds
   */
  public double totalSeconds() {
    return creationSeconds() + ongoingSeconds();
  }
}
