package dnt.experiments.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of one experiment run (after Tribuo's provenance records): enough to reproduce the
 * numbers exactly.
 *
 * @param experiment the experiment's name
 * @param runId the run's folder name
 * @param version the dnt version
 * @param gitCommit the git commit of the working tree, or "unknown"
 * @param seed the base seed; replication i uses seed + i
 * @param seeds the number of replications
 * @param config the effective configuration, flattened to strings
 * @param inputs the input files with their SHA-256 checksums
 * @param startedAt start time, ISO-8601 UTC
 * @param wallSeconds wall-clock duration in seconds
 * @param javaVersion the JVM's version
 * @param machine processor count and maximum heap
 * @param notes free-form remarks (e.g. "synthetic data")
 */
public record RunManifest(
    String experiment,
    String runId,
    String version,
    String gitCommit,
    long seed,
    int seeds,
    Map<String, String> config,
    List<InputFile> inputs,
    String startedAt,
    double wallSeconds,
    String javaVersion,
    String machine,
    List<String> notes) {

  /** Copies the collections and checks for nulls. */
  public RunManifest {
    Objects.requireNonNull(experiment);
    Objects.requireNonNull(runId);
    config = Map.copyOf(config);
    inputs = List.copyOf(inputs);
    notes = List.copyOf(notes);
  }

  /**
   * An input file and its checksum.
   *
   * @param path the path as given
   * @param sha256 the hex SHA-256 of its content, or "" for a directory or generated input
   * @param bytes its size
   */
  public record InputFile(String path, String sha256, long bytes) {}
}
