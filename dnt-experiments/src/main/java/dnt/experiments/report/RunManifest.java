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
 * @param runDir the run's folder, absolute; every other path in the manifest is absolute too
 * @param version the dnt version
 * @param gitCommit the git commit of the working tree, or "unknown"
 * @param seed the base seed; replication i uses seed + i
 * @param seeds the number of replications
 * @param config the effective configuration, flattened to dotted keys (the same as {@code
 *     config.yaml}, which {@code --config} reads back)
 * @param facts values derived during the run (e.g. parameter counts), not settings
 * @param inputs the input files (absolute paths) with their SHA-256 checksums
 * @param startedAt start time, ISO-8601 UTC
 * @param wallSeconds wall-clock duration in seconds
 * @param javaVersion the JVM's version
 * @param machine processor count and maximum heap
 * @param notes free-form remarks (e.g. "synthetic data")
 */
public record RunManifest(
    String experiment,
    String runId,
    String runDir,
    String version,
    String gitCommit,
    long seed,
    int seeds,
    Map<String, String> config,
    Map<String, String> facts,
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
    Objects.requireNonNull(runDir);
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    inputs = List.copyOf(inputs);
    notes = List.copyOf(notes);
  }

  /**
   * An input file and its checksum.
   *
   * @param path the absolute, normalised path
   * @param sha256 the hex SHA-256 of its content, or "" for a directory or generated input
   * @param bytes its size
   */
  public record InputFile(String path, String sha256, long bytes) {}
}
