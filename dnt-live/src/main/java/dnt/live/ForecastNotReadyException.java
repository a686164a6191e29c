package dnt.live;

/**
 * A forecast was asked for while no model exists for the cell (the V-twin has not trained yet, or
 * the cell took no part in it); the message names the training progress. It is an {@link
 * UnsupportedOperationException}, which the HTTP API answers with 409 Conflict.
 */
public final class ForecastNotReadyException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the training progress
   */
  public ForecastNotReadyException(String message) {
    super(message);
  }
}
