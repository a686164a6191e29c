package dnt.cli.serve;

import dnt.core.InvalidInputException;
import dnt.live.ClusterSettings;
import dnt.live.JournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code dnt serve} that make its node part of a cluster and point it at a shared
 * journal (docs/cluster.md). Without them the twin is a node of its own on the embedded H2 journal.
 */
final class ClusterOptions {
  @Option(
      names = "--node-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description =
          "Port of this node's cluster transport (Pekko Artery over TCP; default: ${DEFAULT-VALUE},"
              + " a free one; fixed when joining --seed-nodes).")
  int nodePort;

  @Option(
      names = "--node-host",
      defaultValue = ClusterSettings.LOCALHOST,
      paramLabel = "HOST",
      description =
          "Address other nodes reach this node at (default: ${DEFAULT-VALUE}, this machine"
              + " only).")
  String nodeHost = ClusterSettings.LOCALHOST;

  @Option(
      names = "--node-bind",
      paramLabel = "ADDRESS",
      description =
          "Local address the cluster transport listens on (default: --node-host; e.g. 0.0.0.0"
              + " behind NAT).")
  @Nullable String nodeBind;

  @Option(
      names = "--seed-nodes",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Join (or, when this node's address comes first, form) the cluster of these nodes;"
              + " needs a shared --journal-url.")
  @Nullable String seedNodes;

  @Option(
      names = "--journal-url",
      paramLabel = "URL",
      description =
          "Journal database shared by the cluster's nodes, jdbc:postgresql://HOST[:PORT]/DB"
              + " (default: the embedded H2 journal in --state, single node only).")
  @Nullable String journalUrl;

  @Option(
      names = "--journal-user",
      paramLabel = "USER",
      description = "Database user of --journal-url (default: dnt).")
  @Nullable String journalUser;

  @Option(
      names = "--journal-password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the password of --journal-user (never on the command line).")
  @Nullable Path journalPasswordFile;

  /**
   * The node's place in the cluster.
   *
   * @param journal the journal of {@link #journal()}, null for the embedded one
   * @return the settings
   * @throws InvalidInputException naming the option at fault
   */
  ClusterSettings cluster(@Nullable JournalSettings journal) {
    if (nodePort < 0 || nodePort > 65_535) {
      throw new InvalidInputException("--node-port: " + nodePort + " is not a port (0..65535)");
    }
    List<ClusterSettings.SeedNode> seeds;
    try {
      seeds = seedNodes == null ? List.of() : ClusterSettings.SeedNode.parseList(seedNodes);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--seed-nodes: " + e.getMessage(), e);
    }
    if (!seeds.isEmpty() && nodePort == 0) {
      throw new InvalidInputException(
          "--node-port: a node that joins --seed-nodes needs a fixed port (1..65535)");
    }
    if (!seeds.isEmpty() && (journal == null || journal.dialect() == JournalSettings.Dialect.H2)) {
      throw new InvalidInputException(
          "--seed-nodes: the embedded H2 journal serves a single node; give every node the same"
              + " --journal-url jdbc:postgresql://...");
    }
    try {
      return new ClusterSettings(nodeBind == null ? nodeHost : nodeBind, nodeHost, nodePort, seeds);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--node-host/--node-bind: " + e.getMessage(), e);
    }
  }

  /**
   * The journal the options name.
   *
   * @return the settings, or null for the embedded H2 journal of the state folder
   * @throws InvalidInputException naming the option at fault
   */
  @Nullable JournalSettings journal() {
    if (journalUrl == null) {
      if (journalUser != null || journalPasswordFile != null) {
        throw new InvalidInputException(
            (journalUser != null ? "--journal-user" : "--journal-password-file")
                + " needs --journal-url (the embedded H2 journal has no user or password)");
      }
      return null;
    }
    if (journalUser != null && journalUser.isBlank()) {
      throw new InvalidInputException("--journal-user: the database user name is blank");
    }
    Path pw = journalPasswordFile;
    if (pw != null && (!Files.isRegularFile(pw) || !Files.isReadable(pw))) {
      throw new InvalidInputException("--journal-password-file: " + pw + " is not a readable file");
    }
    try {
      return new JournalSettings(journalUrl, journalUser == null ? "dnt" : journalUser, pw);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--journal-url: " + e.getMessage(), e);
    }
  }
}
