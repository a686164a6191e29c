package dnt.learn.deploy;

/** How a station keeps its part of the twin in sync (paper Sec. III-A1 and III-A2). */
public enum Mapping {
  /**
   * Vertical mapping: the station sends its raw traffic and environment data, and the twin rebuilds
   * its forecaster and radio map from them.
   */
  VERTICAL,
  /**
   * Horizontal mapping: the station trains the twin's model on its own data and sends the model
   * update, which the twin mixes in by asynchronous federated learning.
   */
  HORIZONTAL
}
